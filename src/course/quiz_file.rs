//! A lesson's `quiz.yaml`: read beside `lesson.md`, parsed and checked against the
//! lesson. A broken quiz never keeps the lesson from opening: it is marked unavailable
//! with the reason, and `check` lists every problem.

use super::inert::{make_code_line_inert, make_inert};
use super::{ChecklistItem, CourseSource, Lesson, LessonQuiz, Problem, Section};
use crate::quiz::{Kind, Quiz, parse_quiz, validate_quiz};

/// The quiz file's path inside the course.
#[must_use]
pub fn quiz_path(id: &str) -> String {
    format!("{id}/quiz.yaml")
}

/// Every problem of the lesson's quiz file (none when it has none).
#[must_use]
pub fn quiz_problems(
    source: &CourseSource,
    id: &str,
    sections: &[Section],
    checklist: &[ChecklistItem],
) -> Vec<Problem> {
    let path = quiz_path(id);
    if !source.has_file(&path) {
        return Vec::new();
    }
    let file = source.display_path(&path);
    let text = match source.read(&path) {
        Ok(text) => text,
        Err(problem) => return vec![problem],
    };
    match parse_quiz(&text) {
        Err(error) => vec![Problem::at(&file, error.line, error.column, error.message)],
        Ok(quiz) => validate_quiz(&quiz, sections, checklist)
            .into_iter()
            .map(|error| Problem::at(&file, error.line, error.column, error.message))
            .collect(),
    }
}

/// The quiz as the reader gets it: ready, absent, or unavailable with the first problem.
#[must_use]
pub fn load_quiz(source: &CourseSource, id: &str, lesson: &Lesson) -> LessonQuiz {
    let path = quiz_path(id);
    if !source.has_file(&path) {
        return LessonQuiz::Absent;
    }
    let file = source.display_path(&path);
    let text = match source.read(&path) {
        Ok(text) => text,
        Err(problem) => return LessonQuiz::Unavailable(problem.to_string()),
    };
    let quiz = match parse_quiz(&text) {
        Ok(quiz) => quiz,
        Err(error) => {
            let problem = Problem::at(&file, error.line, error.column, error.message);
            return LessonQuiz::Unavailable(problem.to_string());
        }
    };
    match validate_quiz(&quiz, &lesson.sections, &lesson.checklist).first() {
        Some(error) => LessonQuiz::Unavailable(
            Problem::at(&file, error.line, error.column, error.message.clone()).to_string(),
        ),
        None => LessonQuiz::Ready(inert(quiz)),
    }
}

/// The quiz with control characters made visible in everything the screen shows.
fn inert(mut quiz: Quiz) -> Quiz {
    // Line by line: line breaks in prompts are the author's and stay.
    let clean = |text: &mut String| {
        *text = text.lines().map(make_inert).collect::<Vec<_>>().join("\n");
    };
    for question in &mut quiz.questions {
        clean(&mut question.prompt);
        clean(&mut question.explain);
        match &mut question.kind {
            Kind::Choice { choices, .. } | Kind::Multi { choices, .. } => {
                choices.iter_mut().for_each(clean);
            }
            Kind::Text { .. } => {}
            Kind::Manifest(exercise) => {
                exercise.template = exercise
                    .template
                    .lines()
                    .map(make_code_line_inert)
                    .collect::<Vec<_>>()
                    .join("\n");
            }
        }
    }
    quiz
}
