//! A course's quizzes in outline: each question's id and the checklist item it tests,
//! read without the rest (prompts, worlds, examples). What a home screen needs for a
//! lesson's mastery and what is due, at a third of the cost of reading the quizzes.

use std::collections::HashMap;

use serde::Deserialize;

use super::lesson_quiz::quiz_path;
use crate::course::{Course, CourseSource};

/// One lesson's questions: id and checklist item (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuizOutline {
    pub questions: Vec<(String, usize)>,
}

impl QuizOutline {
    /// Whether the quiz has a question of this id.
    #[must_use]
    pub fn has(&self, id: &str) -> bool {
        self.questions.iter().any(|(question, _)| question == id)
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    questions: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    checklist: usize,
}

/// The outlines of a course's quizzes, by lesson id. A lesson without a quiz, or with
/// one that does not read, has an empty outline (the reader says why when it opens).
#[derive(Debug, Default)]
pub struct QuizOutlines {
    by_lesson: HashMap<String, QuizOutline>,
}

impl QuizOutlines {
    /// Reads every lesson's quiz in outline.
    #[must_use]
    pub fn load(source: &CourseSource, course: &Course) -> Self {
        let ids: Vec<String> = course
            .lessons
            .iter()
            .map(|lesson| lesson.meta.id.clone())
            .collect();
        Self::load_lessons(source, &ids)
    }

    /// Reads the quizzes of the lessons `ids` in outline (no need to have read the
    /// lessons first).
    #[must_use]
    pub fn load_lessons(source: &CourseSource, ids: &[String]) -> Self {
        // A thread a lesson: parsing the YAML is the whole cost, and the lessons' files
        // are apart.
        let by_lesson = std::thread::scope(|scope| {
            let readers: Vec<_> = ids
                .iter()
                .map(|id| {
                    let id = id.clone();
                    scope.spawn(move || {
                        let outline = source
                            .read(&quiz_path(&id))
                            .ok()
                            .and_then(|text| serde_yaml::from_str::<File>(&text).ok())
                            .map(|file| QuizOutline {
                                questions: file
                                    .questions
                                    .into_iter()
                                    .map(|entry| (entry.id, entry.checklist))
                                    .collect(),
                            })
                            .unwrap_or_default();
                        (id, outline)
                    })
                })
                .collect();
            readers
                .into_iter()
                .filter_map(|reader| reader.join().ok())
                .collect()
        });
        Self { by_lesson }
    }

    /// The lesson's outline (empty for a lesson the course does not have).
    #[must_use]
    pub fn of(&self, lesson: &str) -> Option<&QuizOutline> {
        self.by_lesson.get(lesson)
    }
}
