//! A learner's record as a file an instructor collects (JSON or CSV): time, reading,
//! each checklist item's state and each question's first and latest answers.

use serde::{Deserialize, Serialize};

use super::{LessonState, Log};
use crate::course::{Course, Lesson};
use crate::quiz::{Attempt, AttemptKind, CourseQuizzes, Mastery, Quiz};

/// What `manabi export` writes: one learner, every lesson they have a record of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnerRecord {
    /// `manabi-progress-3` (`-2` has no log or reviews, `-1` no questions either), so
    /// `report` and `import` know what they read.
    pub format: String,
    pub profile: String,
    pub lessons: Vec<LessonRecord>,
    /// Lessons the store has progress of that the course no longer has (renamed or
    /// removed).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orphaned: Vec<OrphanRecord>,
    /// The whole log, for `manabi import` on another machine (JSON only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub log: Option<Log>,
}

/// The export format's name and version.
pub const FORMAT: &str = "manabi-progress-3";
/// The second format: no log, no review counts. Still read by `report`.
pub(super) const FORMAT_2: &str = "manabi-progress-2";
/// The first format: no per-question answers either. Still read by `report`.
pub(super) const FORMAT_1: &str = "manabi-progress-1";

/// A lesson the store has progress of that the course no longer lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrphanRecord {
    pub lesson: String,
    pub active_seconds: u64,
    pub sittings: usize,
    pub answers: usize,
}

/// A lesson's spaced review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewRecord {
    /// Questions due now.
    pub due: usize,
    /// Questions last recalled and not due yet.
    pub retained: usize,
    /// Questions with a schedule.
    pub scheduled: usize,
}

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
    /// Spaced review (none in exports before `manabi-progress-3`).
    #[serde(default)]
    pub review: Option<ReviewRecord>,
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
    /// Every answer the record keeps (each question's first and latest), to change.
    pub fn answers_mut(&mut self) -> impl Iterator<Item = &mut AnswerRecord> {
        self.questions
            .iter_mut()
            .flat_map(|question| [&mut question.first, &mut question.latest])
            .flatten()
    }

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
            review: None,
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
        if ![FORMAT, FORMAT_2, FORMAT_1].contains(&record.format.as_str()) {
            return Err(format!(
                "unknown format `{}` (expected {FORMAT})",
                record.format
            ));
        }
        return Ok(record);
    }
    super::spreadsheet::read_csv(text)
}

/// A learner's record of every lesson of a course at `now_ms`, from the store, with
/// the lessons the course no longer has (the log is added by who writes JSON).
pub fn learner_record(
    course: &Course,
    quizzes: &CourseQuizzes,
    store: &super::ProgressStore,
    now_ms: i64,
) -> Result<LearnerRecord, super::ProgressError> {
    let reviews = store.review_counts(now_ms)?;
    // Questions the quizzes no longer have are not due (their rows are kept).
    let due = super::known_due(store, now_ms, |lesson, question| {
        quizzes
            .ready(lesson)
            .is_some_and(|quiz| quiz.questions.iter().any(|known| known.id == question))
    })?;
    let mut lessons = Vec::with_capacity(course.lessons.len());
    for lesson in &course.lessons {
        let id = &lesson.meta.id;
        let state = store.lesson_state(id)?;
        let quiz = quizzes.ready(id);
        let mut record = LessonRecord::new(lesson, quiz, &state);
        let counts = reviews.get(id).copied().unwrap_or_default();
        record.review = Some(ReviewRecord {
            due: due.iter().filter(|due| &due.lesson == id).count(),
            retained: counts.retained,
            scheduled: counts.scheduled,
        });
        lessons.push(record);
    }
    let mut orphaned = Vec::new();
    for lesson in store.lessons()? {
        if course.lesson(&lesson).is_some() {
            continue;
        }
        let state = store.lesson_state(&lesson)?;
        orphaned.push(OrphanRecord {
            lesson,
            active_seconds: state.active_ms / 1000,
            sittings: state.sittings,
            answers: state.quiz.attempts.len(),
        });
    }
    Ok(LearnerRecord {
        format: FORMAT.to_owned(),
        profile: store.profile.clone(),
        lessons,
        orphaned,
        log: None,
    })
}
