//! The lesson's quiz: reading and checking `quiz.yaml` (done after the reader's first
//! frame), and grading manifest answers, the costliest kind: each exercise's solution and
//! the hostile answers the grading issue names.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use manabi::course::{CourseSource, load_course};
use manabi::quiz::{Kind, LessonQuiz, Response, grade, load_quiz, parse_quiz, validate_quiz};

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
    let LessonQuiz::Ready(quiz) = &load_quiz(&source, lesson) else {
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
        bencher.iter(|| matches!(load_quiz(&source, black_box(lesson)), LessonQuiz::Ready(_)));
    });
    // Every manifest exercise: its solution graded (YAML read, objects typed, applied to
    // the exercise's world, every probe run).
    for question in &quiz.questions {
        let Kind::Manifest(exercise) = &question.kind else {
            continue;
        };
        let response = Response::Manifest(exercise.solution.clone());
        group.bench_function(format!("grade {}", question.id), |bencher| {
            bencher.iter(|| grade(question, black_box(&response)).map(|verdict| verdict.right));
        });
    }
    // The hostile answers of the grading issue, on the NetworkPolicy exercise.
    let Some(policy) = quiz
        .questions
        .iter()
        .find(|question| question.id == "netpol-deny-and-allow-manifest")
    else {
        panic!("no NetworkPolicy exercise");
    };
    let header = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: production}\nspec:\n";
    let hostile = [
        ("10 MB", "a: b\n".repeat(2_000_000)),
        (
            "10,000 rules",
            format!(
                "{header}  podSelector: {{}}\n  ingress: [{}]\n",
                vec!["{}"; 10_000].join(",")
            ),
        ),
        (
            "1,000 expressions",
            format!(
                "{header}  podSelector: {{matchExpressions: [{}]}}\n",
                vec!["{key: a, operator: DoesNotExist}"; 1_000].join(",")
            ),
        ),
    ];
    for (name, answer) in hostile {
        let response = Response::Manifest(answer);
        group.bench_function(format!("grade hostile: {name}"), |bencher| {
            bencher.iter(|| grade(policy, black_box(&response)).is_ok());
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
