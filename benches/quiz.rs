//! The lesson's quiz: reading and checking `quiz.yaml` (done after the reader's first
//! frame), and grading a manifest answer, the costliest kind.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use manabi::course::{CourseSource, LessonQuiz, load_course, load_quiz};
use manabi::quiz::{Kind, Response, grade, parse_quiz, validate_quiz};

fn bench(criterion: &mut Criterion) {
    let source = CourseSource::Embedded;
    let course = match load_course(&source) {
        Ok(course) => course,
        Err(error) => panic!("{error}"),
    };
    let lesson = &course.lessons[0];
    let text = match source.read("k8s-networking/quiz.yaml") {
        Ok(text) => text,
        Err(problem) => panic!("{problem}"),
    };
    let LessonQuiz::Ready(quiz) = &lesson.quiz else {
        panic!("the lesson's quiz is not ready");
    };
    let mut group = criterion.benchmark_group("quiz");
    group.bench_function("parse quiz.yaml", |bencher| {
        bencher.iter(|| parse_quiz(black_box(&text)).map(|quiz| quiz.questions.len()));
    });
    group.bench_function("validate against the lesson", |bencher| {
        bencher.iter(|| {
            validate_quiz(black_box(quiz), &lesson.sections, &lesson.checklist, &[]).len()
        });
    });
    group.bench_function("load (read, parse, validate)", |bencher| {
        bencher.iter(|| {
            matches!(
                load_quiz(&source, "k8s-networking", black_box(lesson)),
                LessonQuiz::Ready(_)
            )
        });
    });
    let Some((question, solution)) =
        quiz.questions
            .iter()
            .find_map(|question| match &question.kind {
                Kind::Manifest(exercise) if exercise.documents.len() > 1 => {
                    Some((question, exercise.solution.clone()))
                }
                _ => None,
            })
    else {
        panic!("no manifest exercise of several documents");
    };
    let response = Response::Manifest(solution);
    group.bench_function("grade a two-document manifest", |bencher| {
        bencher.iter(|| grade(question, black_box(&response)).map(|verdict| verdict.right));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
