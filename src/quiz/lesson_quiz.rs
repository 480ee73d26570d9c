//! A lesson's `quiz.yaml`, read beside `lesson.md` and checked against the lesson. A
//! broken quiz never keeps the lesson from opening: it is marked unavailable with the
//! reason, and `check` lists every problem.

use std::collections::HashMap;

use super::{Kind, Quiz, parse_quiz, validate_quiz};
use crate::course::{Course, CourseSource, Lesson, Problem, make_code_line_inert, make_inert};

/// The quiz file's path inside the course.
#[must_use]
pub fn quiz_path(id: &str) -> String {
    format!("{id}/quiz.yaml")
}

/// A lesson's quiz as the reader gets it.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum LessonQuiz {
    /// The lesson has no `quiz.yaml`.
    #[default]
    Absent,
    Ready(Quiz),
    /// `quiz.yaml` has a problem (`file:line:col: message`); the lesson still opens.
    Unavailable(String),
}

impl LessonQuiz {
    /// The quiz when it is usable.
    #[must_use]
    pub fn ready(&self) -> Option<&Quiz> {
        match self {
            Self::Ready(quiz) => Some(quiz),
            Self::Absent | Self::Unavailable(_) => None,
        }
    }
}

/// The quizzes of a course's lessons, by lesson id.
#[derive(Debug, Default)]
pub struct CourseQuizzes {
    by_lesson: HashMap<String, LessonQuiz>,
}

impl CourseQuizzes {
    /// Reads every lesson's quiz.
    #[must_use]
    pub fn load(source: &CourseSource, course: &Course) -> Self {
        let by_lesson = course
            .lessons
            .iter()
            .map(|lesson| (lesson.meta.id.clone(), load_quiz(source, lesson)))
            .collect();
        Self { by_lesson }
    }

    /// The lesson's quiz when it is usable.
    #[must_use]
    pub fn ready(&self, lesson: &str) -> Option<&Quiz> {
        self.by_lesson.get(lesson).and_then(LessonQuiz::ready)
    }
}

/// The quiz as the reader gets it: ready, absent, or unavailable with the first problem.
#[must_use]
pub fn load_quiz(source: &CourseSource, lesson: &Lesson) -> LessonQuiz {
    let path = quiz_path(&lesson.meta.id);
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
