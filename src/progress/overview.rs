//! What spans a course's lessons for one learner: each lesson's standing (the home
//! screen's figures), the lesson studied last, and the questions due for review that the
//! course still has (a schedule row of a question since removed is skipped, and kept).

use rusqlite::params;

use super::{DueQuestion, ProgressError, ProgressStore};
use crate::course::Course;
use crate::quiz::{CourseQuizzes, Mastery, Question, QuizOutlines};

/// One lesson as the learner stands with it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LessonOverview {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    pub active_ms: u64,
    pub read: usize,
    pub sections: usize,
    /// Checklist items mastered, of `items`.
    pub mastered: usize,
    pub items: usize,
    /// Questions due for review.
    pub due: usize,
}

/// A question due for review, with the lesson it comes from.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewItem {
    pub lesson: String,
    pub lesson_title: String,
    pub question: Question,
    /// The manifest the learner was writing for it, if any.
    pub draft: Option<String>,
}

/// Each lesson of `course` as the store's learner stands with it at `now_ms`; without
/// a store, as a newcomer does. The quizzes in outline are enough.
pub fn course_overview(
    course: &Course,
    outlines: &QuizOutlines,
    store: Option<&ProgressStore>,
    now_ms: i64,
) -> Result<Vec<LessonOverview>, ProgressError> {
    let due = match store {
        Some(store) => known_due(store, now_ms, outlined(outlines))?,
        None => Vec::new(),
    };
    let mut rows = Vec::with_capacity(course.lessons.len());
    for lesson in &course.lessons {
        let state = match store {
            Some(store) => store.lesson_state(&lesson.meta.id)?,
            None => super::LessonState::default(),
        };
        let questions: Vec<(&str, usize)> = outlines
            .of(&lesson.meta.id)
            .map(|outline| {
                outline
                    .questions
                    .iter()
                    .map(|(id, item)| (id.as_str(), *item))
                    .collect()
            })
            .unwrap_or_default();
        let marks = state.quiz.marks_of(&questions, lesson.checklist.len());
        rows.push(LessonOverview {
            id: lesson.meta.id.clone(),
            title: lesson.meta.title.clone(),
            minutes: lesson.meta.minutes,
            active_ms: state.active_ms,
            read: lesson
                .sections
                .iter()
                .filter(|section| state.read.contains(&section.anchor))
                .count(),
            sections: lesson.sections.len(),
            mastered: marks
                .iter()
                .filter(|mark| mark.mastery == Mastery::Mastered)
                .count(),
            items: lesson.checklist.len(),
            due: due
                .iter()
                .filter(|due| due.lesson == lesson.meta.id)
                .count(),
        });
    }
    Ok(rows)
}

/// The questions due at `now_ms` that the course still has (`knows` says which).
pub fn known_due(
    store: &ProgressStore,
    now_ms: i64,
    knows: impl Fn(&str, &str) -> bool,
) -> Result<Vec<DueQuestion>, ProgressError> {
    let mut due = store.due_questions(now_ms, None)?;
    due.retain(|due| knows(&due.lesson, &due.question));
    Ok(due)
}

/// Whether the course (its quizzes in outline) has `question` of `lesson`.
pub fn outlined(outlines: &QuizOutlines) -> impl Fn(&str, &str) -> bool + '_ {
    |lesson, question| {
        outlines
            .of(lesson)
            .is_some_and(|outline| outline.has(question))
    }
}

/// The questions due at `now_ms` (of one lesson, or all) that the course still has,
/// longest due first.
pub fn review_items(
    course: &Course,
    quizzes: &CourseQuizzes,
    store: &ProgressStore,
    now_ms: i64,
    lesson: Option<&str>,
) -> Result<Vec<ReviewItem>, ProgressError> {
    let due = store.due_questions(now_ms, lesson)?;
    let mut drafts: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for due in &due {
        if !drafts.iter().any(|(lesson, _)| *lesson == due.lesson) {
            drafts.push((due.lesson.clone(), store.drafts(&due.lesson)?));
        }
    }
    let draft = |lesson: &str, question: &str| {
        drafts
            .iter()
            .find(|(of, _)| of == lesson)
            .and_then(|(_, drafts)| drafts.iter().find(|(id, _)| id == question))
            .map(|(_, text)| text.clone())
    };
    Ok(due
        .into_iter()
        .filter_map(|due| {
            let lesson = course.lesson(&due.lesson)?;
            let question = quizzes
                .ready(&due.lesson)?
                .questions
                .iter()
                .find(|question| question.id == due.question)?;
            Some(ReviewItem {
                draft: draft(&due.lesson, &due.question),
                lesson: due.lesson,
                lesson_title: lesson.meta.title.clone(),
                question: question.clone(),
            })
        })
        .collect())
}

impl ProgressStore {
    /// The lesson the learner read last (the latest reading position's), if any.
    pub fn last_studied(&self) -> Result<Option<String>, ProgressError> {
        let read = || -> rusqlite::Result<Option<String>> {
            let mut statement = self.connection.prepare(
                "SELECT lesson FROM positions WHERE profile = ?1 ORDER BY at DESC LIMIT 1",
            )?;
            let mut rows = statement.query(params![self.profile_id])?;
            rows.next()?.map(|row| row.get(0)).transpose()
        };
        read().map_err(|error| self.database_error(error))
    }
}
