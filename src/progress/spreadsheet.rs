//! A learner's record as CSV, for a spreadsheet: one row per question (an item without
//! questions gets one row of its own), the lesson's and the item's columns repeated.
//! A CSV of the first format (one row per item) is still read.

use serde::{Deserialize, Serialize};

use crate::quiz::AttemptKind;

use super::exchange::{
    AnswerRecord, FORMAT, FORMAT_1, ItemRecord, LearnerRecord, LessonRecord, QuestionRecord,
    ReviewRecord,
};

#[derive(Debug, Serialize, Deserialize)]
struct CsvRow {
    profile: String,
    lesson: String,
    title: String,
    minutes: u32,
    active_seconds: u64,
    sittings: usize,
    sections_read: usize,
    sections_total: usize,
    item: usize,
    item_text: String,
    mastery: String,
    self_assessed: bool,
    right: usize,
    questions: usize,
    #[serde(default)]
    question: Option<String>,
    #[serde(default)]
    section: Option<String>,
    #[serde(default)]
    attempts: Option<usize>,
    #[serde(default)]
    first_right: Option<bool>,
    #[serde(default)]
    first_kind: Option<AttemptKind>,
    #[serde(default)]
    first_answer: Option<String>,
    #[serde(default)]
    latest_right: Option<bool>,
    #[serde(default)]
    latest_kind: Option<AttemptKind>,
    #[serde(default)]
    latest_answer: Option<String>,
    #[serde(default)]
    review_due: Option<usize>,
    #[serde(default)]
    review_retained: Option<usize>,
    #[serde(default)]
    review_scheduled: Option<usize>,
}

/// The record as CSV.
pub fn export_csv(record: &LearnerRecord) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for lesson in &record.lessons {
        for item in &lesson.checklist {
            let row = |question: Option<&QuestionRecord>| CsvRow {
                profile: record.profile.clone(),
                lesson: lesson.lesson.clone(),
                title: lesson.title.clone(),
                minutes: lesson.minutes,
                active_seconds: lesson.active_seconds,
                sittings: lesson.sittings,
                sections_read: lesson.sections_read,
                sections_total: lesson.sections_total,
                item: item.item,
                item_text: item.text.clone(),
                mastery: item.mastery.clone(),
                self_assessed: item.self_assessed,
                right: item.right,
                questions: item.questions,
                question: question.map(|question| question.question.clone()),
                section: question.and_then(|question| question.section.clone()),
                attempts: question.map(|question| question.attempts),
                first_right: question.and_then(|q| q.first.as_ref()).map(|a| a.right),
                first_kind: question.and_then(|q| q.first.as_ref()).map(|a| a.kind),
                first_answer: question
                    .and_then(|q| q.first.as_ref())
                    .map(|a| a.answer.clone()),
                latest_right: question.and_then(|q| q.latest.as_ref()).map(|a| a.right),
                latest_kind: question.and_then(|q| q.latest.as_ref()).map(|a| a.kind),
                latest_answer: question
                    .and_then(|q| q.latest.as_ref())
                    .map(|a| a.answer.clone()),
                review_due: lesson.review.map(|review| review.due),
                review_retained: lesson.review.map(|review| review.retained),
                review_scheduled: lesson.review.map(|review| review.scheduled),
            };
            let questions: Vec<&QuestionRecord> = lesson
                .questions
                .iter()
                .filter(|question| question.item == item.item)
                .collect();
            let rows: Vec<CsvRow> = if questions.is_empty() {
                vec![row(None)]
            } else {
                questions
                    .into_iter()
                    .map(|question| row(Some(question)))
                    .collect()
            };
            for row in rows {
                writer.serialize(row).map_err(|error| error.to_string())?;
            }
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.to_string())?;
    String::from_utf8(bytes).map_err(|error| error.to_string())
}

/// A record from its CSV.
pub(super) fn read_csv(text: &str) -> Result<LearnerRecord, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let has_questions = reader
        .headers()
        .map_err(|error| error.to_string())?
        .iter()
        .any(|header| header == "question");
    let mut record: Option<LearnerRecord> = None;
    for (index, row) in reader.deserialize::<CsvRow>().enumerate() {
        let row: CsvRow = row.map_err(|error| format!("row {}: {error}", index + 2))?;
        let learner = record.get_or_insert_with(|| LearnerRecord {
            format: if has_questions { FORMAT } else { FORMAT_1 }.to_owned(),
            profile: row.profile.clone(),
            lessons: Vec::new(),
            orphaned: Vec::new(),
            log: None,
        });
        if learner.profile != row.profile {
            return Err(format!(
                "row {}: a second learner `{}` in one export",
                index + 2,
                row.profile
            ));
        }
        add_row(learner, row);
    }
    record.ok_or_else(|| "no rows: not a manabi export".to_owned())
}

/// A row into the record: rows come grouped by lesson and by item, each repeating the
/// lesson's and the item's columns, so a lesson or item starts where they change.
fn add_row(learner: &mut LearnerRecord, row: CsvRow) {
    if learner
        .lessons
        .last()
        .is_none_or(|lesson| lesson.lesson != row.lesson)
    {
        learner.lessons.push(LessonRecord {
            lesson: row.lesson.clone(),
            title: row.title.clone(),
            minutes: row.minutes,
            active_seconds: row.active_seconds,
            sittings: row.sittings,
            sections_read: row.sections_read,
            sections_total: row.sections_total,
            checklist: Vec::new(),
            questions: Vec::new(),
            review: match (row.review_due, row.review_retained, row.review_scheduled) {
                (Some(due), Some(retained), Some(scheduled)) => Some(ReviewRecord {
                    due,
                    retained,
                    scheduled,
                }),
                _ => None,
            },
        });
    }
    let Some(lesson) = learner.lessons.last_mut() else {
        return;
    };
    if lesson
        .checklist
        .last()
        .is_none_or(|item| item.item != row.item)
    {
        lesson.checklist.push(ItemRecord {
            item: row.item,
            text: row.item_text,
            mastery: row.mastery,
            self_assessed: row.self_assessed,
            right: row.right,
            questions: row.questions,
        });
    }
    if let Some(question) = row.question.filter(|question| !question.is_empty()) {
        lesson.questions.push(QuestionRecord {
            question,
            item: row.item,
            section: row.section.filter(|section| !section.is_empty()),
            attempts: row.attempts.unwrap_or(0),
            first: answer(row.first_right, row.first_kind, row.first_answer),
            latest: answer(row.latest_right, row.latest_kind, row.latest_answer),
        });
    }
}

/// A question's first or latest answer; a row without one leaves `right` empty.
fn answer(
    right: Option<bool>,
    kind: Option<AttemptKind>,
    answer: Option<String>,
) -> Option<AnswerRecord> {
    Some(AnswerRecord {
        right: right?,
        kind: kind.unwrap_or_default(),
        answer: answer.unwrap_or_default(),
    })
}
