//! A learner's record as a file an instructor collects (JSON or CSV), and the class
//! report made from many of them.

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use super::LessonState;
use crate::course::Lesson;
use crate::quiz::Mastery;

/// What `manabi export` writes: one learner, every lesson they have a record of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LearnerRecord {
    /// Always `manabi-progress-1`, so `report` knows what it reads.
    pub format: String,
    pub profile: String,
    pub lessons: Vec<LessonRecord>,
}

/// The export format's name and version.
pub const FORMAT: &str = "manabi-progress-1";

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
    pub fn new(lesson: &Lesson, state: &LessonState) -> Self {
        let marks = state
            .quiz
            .marks(lesson.quiz.ready(), lesson.checklist.len());
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

/// One row per lesson and checklist item, for a spreadsheet.
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
}

/// The record as CSV.
pub fn export_csv(record: &LearnerRecord) -> Result<String, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for lesson in &record.lessons {
        for item in &lesson.checklist {
            writer
                .serialize(CsvRow {
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
                })
                .map_err(|error| error.to_string())?;
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.to_string())?;
    String::from_utf8(bytes).map_err(|error| error.to_string())
}

/// Reads an export, JSON or CSV (told apart by the first character); the error says
/// what is wrong with it.
pub fn read_export(text: &str) -> Result<LearnerRecord, String> {
    if text.trim_start().starts_with('{') {
        let record: LearnerRecord =
            serde_json::from_str(text).map_err(|error| error.to_string())?;
        if record.format != FORMAT {
            return Err(format!(
                "unknown format `{}` (expected {FORMAT})",
                record.format
            ));
        }
        return Ok(record);
    }
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut record: Option<LearnerRecord> = None;
    for (index, row) in reader.deserialize::<CsvRow>().enumerate() {
        let row = row.map_err(|error| format!("row {}: {error}", index + 2))?;
        let learner = record.get_or_insert_with(|| LearnerRecord {
            format: FORMAT.to_owned(),
            profile: row.profile.clone(),
            lessons: Vec::new(),
        });
        if learner.profile != row.profile {
            return Err(format!(
                "row {}: a second learner `{}` in one export",
                index + 2,
                row.profile
            ));
        }
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
            });
        }
        if let Some(lesson) = learner.lessons.last_mut() {
            lesson.checklist.push(ItemRecord {
                item: row.item,
                text: row.item_text,
                mastery: row.mastery,
                self_assessed: row.self_assessed,
                right: row.right,
                questions: row.questions,
            });
        }
    }
    record.ok_or_else(|| "no rows: not a manabi export".to_owned())
}

/// The class table and the mastery chart of many learners' records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassReport {
    pub text: String,
}

/// The report of the learners' records on each lesson they share: per learner their
/// time, sections read and score per checklist item; per item how many mastered it.
#[must_use]
pub fn report(records: &[LearnerRecord]) -> ClassReport {
    let mut lessons: Vec<&LessonRecord> = Vec::new();
    for record in records {
        for lesson in &record.lessons {
            if !lessons.iter().any(|known| known.lesson == lesson.lesson) {
                lessons.push(lesson);
            }
        }
    }
    let mut text = String::new();
    for lesson in lessons {
        let rows: Vec<(&str, &LessonRecord)> = records
            .iter()
            .filter_map(|record| {
                let found = record
                    .lessons
                    .iter()
                    .find(|other| other.lesson == lesson.lesson)?;
                Some((record.profile.as_str(), found))
            })
            .collect();
        let _ = writeln!(
            text,
            "{} ({}): {} learner(s)\n",
            lesson.title,
            lesson.lesson,
            rows.len()
        );
        table(&mut text, lesson, &rows);
        text.push('\n');
        chart(&mut text, lesson, &rows);
        text.push('\n');
    }
    ClassReport { text }
}

fn table(text: &mut String, lesson: &LessonRecord, rows: &[(&str, &LessonRecord)]) {
    let name_width = rows
        .iter()
        .map(|(name, _)| crate::layout::wrap::display_width(name))
        .chain([7])
        .max()
        .unwrap_or(7);
    let items: Vec<usize> = lesson.checklist.iter().map(|item| item.item).collect();
    let pad = |name: &str| {
        let width = crate::layout::wrap::display_width(name);
        format!("{name}{}", " ".repeat(name_width.saturating_sub(width)))
    };
    let _ = write!(text, "{}  {:>13}  {:>8}", pad("learner"), "time", "read");
    for item in &items {
        let _ = write!(text, "  {:>6}", format!("#{item}"));
    }
    text.push('\n');
    for (name, record) in rows {
        let minutes = record.active_seconds / 60;
        let seconds = record.active_seconds % 60;
        let _ = write!(
            text,
            "{}  {:>13}  {:>8}",
            pad(name),
            format!("{minutes}:{seconds:02} / {}:00", record.minutes),
            format!("{}/{}", record.sections_read, record.sections_total)
        );
        for item in &items {
            let cell = record
                .checklist
                .iter()
                .find(|other| other.item == *item)
                .map_or_else(
                    || "-".to_owned(),
                    |found| {
                        let mark = if found.mastery == "mastered" { "*" } else { "" };
                        format!("{mark}{}/{}", found.right, found.questions)
                    },
                );
            let _ = write!(text, "  {cell:>6}");
        }
        text.push('\n');
    }
    text.push_str("(* mastered: every question right at its latest answer)\n");
}

fn chart(text: &mut String, lesson: &LessonRecord, rows: &[(&str, &LessonRecord)]) {
    const BAR: usize = 20;
    let _ = writeln!(text, "Mastered, per checklist item:");
    for item in &lesson.checklist {
        let mastered = rows
            .iter()
            .filter(|(_, record)| {
                record
                    .checklist
                    .iter()
                    .any(|other| other.item == item.item && other.mastery == "mastered")
            })
            .count();
        let filled = if rows.is_empty() {
            0
        } else {
            BAR * mastered / rows.len()
        };
        let _ = writeln!(
            text,
            "{:>3} [{}{}] {mastered}/{}  {}",
            item.item,
            "#".repeat(filled),
            " ".repeat(BAR - filled),
            rows.len(),
            item.text
        );
    }
}

/// A learner's record of every lesson of a course, from the store.
pub fn learner_record(
    course: &crate::course::Course,
    store: &super::ProgressStore,
) -> Result<LearnerRecord, super::ProgressError> {
    let mut lessons = Vec::with_capacity(course.lessons.len());
    for lesson in &course.lessons {
        let state = store.lesson_state(&lesson.meta.id)?;
        lessons.push(LessonRecord::new(lesson, &state));
    }
    Ok(LearnerRecord {
        format: FORMAT.to_owned(),
        profile: store.profile.clone(),
        lessons,
    })
}

/// `manabi progress`: each lesson's time, sittings, reading, checklist and quiz score.
#[must_use]
pub fn progress_text(record: &LearnerRecord) -> String {
    let mut text = format!("{}\n", record.profile);
    for lesson in &record.lessons {
        let (right, questions) = lesson
            .checklist
            .iter()
            .fold((0, 0), |(right, total), item| {
                (right + item.right, total + item.questions)
            });
        let _ = writeln!(text, "\n{}  {}", lesson.lesson, lesson.title);
        let _ = writeln!(
            text,
            "  time       {}:{:02} / {}:00 active, {} sitting(s)",
            lesson.active_seconds / 60,
            lesson.active_seconds % 60,
            lesson.minutes,
            lesson.sittings
        );
        let _ = writeln!(
            text,
            "  read       {}/{} sections",
            lesson.sections_read, lesson.sections_total
        );
        let _ = writeln!(text, "  quiz       {right}/{questions} questions right");
        for item in &lesson.checklist {
            let ticked = if item.self_assessed {
                ", ticked by hand"
            } else {
                ""
            };
            let _ = writeln!(
                text,
                "  {:>2}. {} ({}/{}{ticked})  {}",
                item.item, item.mastery, item.right, item.questions, item.text
            );
        }
    }
    text
}

/// `manabi profiles`: the learners on this machine and when each last studied, so on a
/// shared laptop an instructor tells a learner's profile from a stale one. `now` is in
/// milliseconds since 1970.
#[must_use]
pub fn profiles_text(profiles: &[super::ProfileSummary], now: i64) -> String {
    let mut text = String::new();
    for profile in profiles {
        let minutes = profile.active_ms / 60_000;
        let _ = writeln!(
            text,
            "{}  {} lesson(s), {minutes} min of study, {}",
            profile.name,
            profile.lessons,
            last_seen_text(profile.last_seen, now)
        );
    }
    text
}

fn last_seen_text(last_seen: Option<i64>, now: i64) -> String {
    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    match last_seen.map(|at| (now - at).max(0) / DAY_MS) {
        None => "never studied".to_owned(),
        Some(0) => "last seen today".to_owned(),
        Some(1) => "last seen yesterday".to_owned(),
        Some(days) => format!("last seen {days} days ago"),
    }
}
