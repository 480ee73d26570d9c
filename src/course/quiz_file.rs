//! A lesson's `quiz.yaml`: read beside `lesson.md`, parsed and checked against the
//! lesson. A broken quiz never keeps the lesson from opening: it is marked unavailable
//! with the reason, and `check` lists every problem.

use super::inert::{make_code_line_inert, make_inert};
use super::{ChecklistItem, CourseSource, Lesson, LessonQuiz, Problem, Section};
use crate::quiz::{Kind, Quiz, example_problems, parse_quiz, parse_quiz_reporting, validate_quiz};

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
    let parsed = parse_quiz_reporting(&text);
    let mut errors = parsed.problems;
    if let Some(quiz) = parsed.quiz {
        errors.extend(validate_quiz(
            &quiz,
            sections,
            checklist,
            &parsed.broken_items,
        ));
        errors.extend(example_problems(&quiz));
    }
    errors.sort_by_key(|error| (error.line, error.column));
    errors
        .into_iter()
        .map(|error| {
            // A problem about a key: the column where the key starts on its line.
            let column = match (error.column, text.lines().nth(error.line.wrapping_sub(1))) {
                (0, Some(line)) => {
                    let start = line.len() - line.trim_start().len();
                    let start = if line[start..].starts_with("- ") {
                        start + 2
                    } else {
                        start
                    };
                    line[..start].chars().count() + 1
                }
                (column, _) => column,
            };
            Problem::at(&file, error.line, column, error.message)
        })
        .collect()
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
    match validate_quiz(&quiz, &lesson.sections, &lesson.checklist, &[]).first() {
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
        if let Some(hint) = &mut question.hint {
            clean(hint);
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_in_everything_the_screen_shows_are_made_harmless() {
        let quiz = parse_quiz(
            "questions:\n  - id: q\n    checklist: 1\n    type: choice\n    prompt: \"p\\e[31m\"\n    hint: \"h\\e]0;title\\a\"\n    choices: [\"a\\e[2J\", b]\n    answer: 1\n    explain: \"e\\e[H\"\n",
        )
        .unwrap();
        let question = &inert(quiz).questions[0];
        let shown = [
            question.prompt.as_str(),
            question.hint.as_deref().unwrap(),
            question.explain.as_str(),
            question.kind.choices()[0].as_str(),
        ];
        for text in shown {
            assert!(
                !text.contains('\u{1b}') && !text.contains('\u{7}'),
                "{text:?}"
            );
        }
    }
}
