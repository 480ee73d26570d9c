//! A learner's record as a file an instructor collects (JSON or CSV): time, reading,
//! each checklist item's state and each question's first and latest answers.

use serde::{Deserialize, Serialize};

use super::LessonState;
use crate::course::{Course, Lesson};
use crate::quiz::{Attempt, AttemptKind, CourseQuizzes, Mastery, Quiz};

/// What `manabi export` writes: one learner, every lesson they have a record of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnerRecord {
    /// `manabi-progress-2` (`-1`, from an older manabi, has no questions), so `report`
    /// knows what it reads.
    pub format: String,
    pub profile: String,
    pub lessons: Vec<LessonRecord>,
}

/// The export format's name and version.
pub const FORMAT: &str = "manabi-progress-2";
/// The first format: no per-question answers. Still read.
pub(super) const FORMAT_1: &str = "manabi-progress-1";

/// One lesson of a learner's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonRecord {
    pub lesson: String,
    pub title: String,
    pub minutes: u32,
    pub active_seconds: u64,
    pub sittings: usize,
    pub sections_read: usize,
    pub sections_total: usize,
    pub checklist: Vec<ItemRecord>,
    /// Every question of the lesson (empty in a `manabi-progress-1` export).
    #[serde(default)]
    pub questions: Vec<QuestionRecord>,
}

/// One question of a lesson record: how often it was answered, the first answer ever
/// and the latest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionRecord {
    pub question: String,
    pub item: usize,
    pub section: Option<String>,
    pub attempts: usize,
    pub first: Option<AnswerRecord>,
    pub latest: Option<AnswerRecord>,
}

/// One answer as an export keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerRecord {
    pub right: bool,
    pub kind: AttemptKind,
    pub answer: String,
}

impl AnswerRecord {
    fn new(attempt: &Attempt) -> Self {
        Self {
            right: attempt.right,
            kind: attempt.kind,
            answer: attempt.answer.clone(),
        }
    }

    /// Whether the answer counts towards mastery.
    #[must_use]
    pub fn counts(&self) -> bool {
        self.kind.counts(self.right)
    }
}

/// One checklist item of a lesson record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemRecord {
    pub item: usize,
    pub text: String,
    /// `not tried`, `in progress` or `mastered`.
    pub mastery: String,
    pub self_assessed: bool,
    /// Questions whose latest answer is right, of `questions`.
    pub right: usize,
    pub questions: usize,
}

impl LessonRecord {
    /// A lesson's record from the store's state.
    #[must_use]
    pub fn new(lesson: &Lesson, quiz: Option<&Quiz>, state: &LessonState) -> Self {
        let marks = state.quiz.marks(quiz, lesson.checklist.len());
        Self {
            lesson: lesson.meta.id.clone(),
            title: lesson.meta.title.clone(),
            minutes: lesson.meta.minutes,
            active_seconds: state.active_ms / 1000,
            sittings: state.sittings,
            sections_read: lesson
                .sections
                .iter()
                .filter(|section| state.read.contains(&section.anchor))
                .count(),
            sections_total: lesson.sections.len(),
            checklist: lesson
                .checklist
                .iter()
                .zip(marks)
                .map(|(item, mark)| ItemRecord {
                    item: item.number,
                    text: item.text.clone(),
                    mastery: mastery_name(mark.mastery).to_owned(),
                    self_assessed: mark.self_assessed,
                    right: mark.right,
                    questions: mark.questions,
                })
                .collect(),
            questions: quiz
                .map(|quiz| {
                    quiz.questions
                        .iter()
                        .map(|question| QuestionRecord {
                            question: question.id.clone(),
                            item: question.checklist,
                            section: question.section.clone(),
                            attempts: state
                                .quiz
                                .attempts
                                .iter()
                                .filter(|attempt| attempt.question == question.id)
                                .count(),
                            first: state.quiz.first(&question.id).map(AnswerRecord::new),
                            latest: state.quiz.latest(&question.id).map(AnswerRecord::new),
                        })
                        .collect()
                })
                .unwrap_or_default(),
        }
    }
}

fn mastery_name(mastery: Mastery) -> &'static str {
    match mastery {
        Mastery::NotTried => "not tried",
        Mastery::Partly => "in progress",
        Mastery::Mastered => "mastered",
    }
}

/// Reads an export, JSON or CSV (told apart by the first character); the error says
/// what is wrong with it.
pub fn read_export(text: &str) -> Result<LearnerRecord, String> {
    if text.trim_start().starts_with('{') {
        let record: LearnerRecord =
            serde_json::from_str(text).map_err(|error| error.to_string())?;
        if record.format != FORMAT && record.format != FORMAT_1 {
            return Err(format!(
                "unknown format `{}` (expected {FORMAT})",
                record.format
            ));
        }
        return Ok(record);
    }
    super::spreadsheet::read_csv(text)
}

/// A learner's record of every lesson of a course, from the store.
pub fn learner_record(
    course: &Course,
    quizzes: &CourseQuizzes,
    store: &super::ProgressStore,
) -> Result<LearnerRecord, super::ProgressError> {
    let mut lessons = Vec::with_capacity(course.lessons.len());
    for lesson in &course.lessons {
        let state = store.lesson_state(&lesson.meta.id)?;
        let quiz = quizzes.ready(&lesson.meta.id);
        lessons.push(LessonRecord::new(lesson, quiz, &state));
    }
    Ok(LearnerRecord {
        format: FORMAT.to_owned(),
        profile: store.profile.clone(),
        lessons,
    })
}
