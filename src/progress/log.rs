//! A learner's whole log as an export carries it (sittings with their active spans,
//! events, reading positions, review schedules, drafts), and its import into another
//! store: every sitting and event has an id of its own, so importing a file twice, or
//! two files that overlap, adds nothing twice; a position, schedule or draft is taken
//! when it is later than the one here.

use std::collections::HashSet;

use rusqlite::{OptionalExtension, Transaction, params};
use serde::{Deserialize, Serialize};

use super::event::kind;
use super::{ProgressError, ProgressStore};

/// Everything one profile's store holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Log {
    pub sittings: Vec<SittingEntry>,
    pub events: Vec<EventEntry>,
    pub positions: Vec<PositionEntry>,
    pub schedules: Vec<ScheduleEntry>,
    pub drafts: Vec<DraftEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SittingEntry {
    pub uid: String,
    pub lesson: String,
    pub started_at: i64,
    pub ended_at: Option<i64>,
    pub active_ms: i64,
    /// When it was active: (start, end) in milliseconds since 1970.
    pub spans: Vec<(i64, i64)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEntry {
    pub uid: String,
    pub lesson: String,
    /// The sitting's id (`uid`), when the event was recorded in one.
    pub sitting: Option<String>,
    pub at: i64,
    pub kind: String,
    pub section: Option<String>,
    pub question: Option<String>,
    pub answer: Option<String>,
    pub right: Option<bool>,
    pub item: Option<i64>,
    pub value: Option<i64>,
    pub took_ms: Option<i64>,
    pub recall: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionEntry {
    pub lesson: String,
    pub section: Option<String>,
    pub line_offset: i64,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScheduleEntry {
    pub lesson: String,
    pub question: String,
    pub due: i64,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i64,
    pub lapses: i64,
    pub state: i64,
    pub last_review: i64,
    pub last_recall: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftEntry {
    pub lesson: String,
    pub question: String,
    pub text: String,
    pub at: i64,
}

/// A log's positions, schedules and drafts.
type Latest = (Vec<PositionEntry>, Vec<ScheduleEntry>, Vec<DraftEntry>);

/// What an import added.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Imported {
    pub sittings: usize,
    pub events: usize,
    /// Sittings and events that were here already.
    pub known: usize,
}

impl ProgressStore {
    /// The profile's whole log; `None` from a store read as it is, from before events
    /// had ids (it cannot be imported anywhere without counting twice).
    pub fn log(&self) -> Result<Option<Log>, ProgressError> {
        if !self.has_reviews() {
            return Ok(None);
        }
        self.read_log()
            .map(Some)
            .map_err(|error| self.database_error(error))
    }

    fn read_log(&self) -> rusqlite::Result<Log> {
        let (positions, schedules, drafts) = self.read_latest()?;
        Ok(Log {
            sittings: self.read_sittings()?,
            events: self.read_events()?,
            positions,
            schedules,
            drafts,
        })
    }

    fn read_sittings(&self) -> rusqlite::Result<Vec<SittingEntry>> {
        let connection = &self.connection;
        let profile = self.profile_id;
        let mut spans = connection.prepare(
            "SELECT started_at, ended_at FROM spans WHERE sitting = ?1 ORDER BY started_at",
        )?;
        let mut sittings = Vec::new();
        let mut statement = connection.prepare(
            "SELECT id, uid, lesson, started_at, ended_at, active_ms FROM sittings
             WHERE profile = ?1 ORDER BY id",
        )?;
        let mut rows = statement.query([profile])?;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            sittings.push(SittingEntry {
                uid: row.get(1)?,
                lesson: row.get(2)?,
                started_at: row.get(3)?,
                ended_at: row.get(4)?,
                active_ms: row.get(5)?,
                spans: spans
                    .query_map([id], |span| Ok((span.get(0)?, span.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?,
            });
        }
        Ok(sittings)
    }

    fn read_events(&self) -> rusqlite::Result<Vec<EventEntry>> {
        let (connection, profile) = (&self.connection, self.profile_id);
        connection
            .prepare(
                "SELECT e.uid, e.lesson, s.uid, e.at, e.kind, e.section, e.question, e.answer,
                    e.right, e.item, e.value, e.took_ms, e.recall
                 FROM events e LEFT JOIN sittings s ON s.id = e.sitting
                 WHERE e.profile = ?1 ORDER BY e.id",
            )?
            .query_map([profile], |row| {
                Ok(EventEntry {
                    uid: row.get(0)?,
                    lesson: row.get(1)?,
                    sitting: row.get(2)?,
                    at: row.get(3)?,
                    kind: row.get(4)?,
                    section: row.get(5)?,
                    question: row.get(6)?,
                    answer: row.get(7)?,
                    right: row.get(8)?,
                    item: row.get(9)?,
                    value: row.get(10)?,
                    took_ms: row.get(11)?,
                    recall: row.get(12)?,
                })
            })?
            .collect()
    }

    /// Positions, schedules and drafts: of each, the latest wins on import.
    fn read_latest(&self) -> rusqlite::Result<Latest> {
        let (connection, profile) = (&self.connection, self.profile_id);
        let positions = connection
            .prepare(
                "SELECT lesson, section, line_offset, at FROM positions WHERE profile = ?1
                 ORDER BY lesson",
            )?
            .query_map([profile], |row| {
                Ok(PositionEntry {
                    lesson: row.get(0)?,
                    section: row.get(1)?,
                    line_offset: row.get(2)?,
                    at: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let schedules = connection
            .prepare(
                "SELECT lesson, question, due, stability, difficulty, elapsed_days,
                    scheduled_days, reps, lapses, state, last_review, last_recall
                 FROM schedules WHERE profile = ?1 ORDER BY lesson, question",
            )?
            .query_map([profile], |row| {
                Ok(ScheduleEntry {
                    lesson: row.get(0)?,
                    question: row.get(1)?,
                    due: row.get(2)?,
                    stability: row.get(3)?,
                    difficulty: row.get(4)?,
                    elapsed_days: row.get(5)?,
                    scheduled_days: row.get(6)?,
                    reps: row.get(7)?,
                    lapses: row.get(8)?,
                    state: row.get(9)?,
                    last_review: row.get(10)?,
                    last_recall: row.get(11)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let drafts = connection
            .prepare(
                "SELECT lesson, question, text, at FROM drafts WHERE profile = ?1
                 ORDER BY lesson, question",
            )?
            .query_map([profile], |row| {
                Ok(DraftEntry {
                    lesson: row.get(0)?,
                    question: row.get(1)?,
                    text: row.get(2)?,
                    at: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((positions, schedules, drafts))
    }

    /// Merges `log` into this profile, in one transaction.
    pub fn import(&mut self, log: &Log) -> Result<Imported, ProgressError> {
        self.writable()?;
        let profile = self.profile_id;
        let result = (|| {
            let transaction = self.connection.transaction()?;
            let imported = merge(&transaction, profile, log)?;
            transaction.commit()?;
            Ok(imported)
        })();
        result.map_err(|error| self.database_error(error))
    }
}

fn merge(transaction: &Transaction<'_>, profile: i64, log: &Log) -> rusqlite::Result<Imported> {
    let mut imported = Imported::default();
    merge_sittings(transaction, profile, log, &mut imported)?;
    let answered = merge_events(transaction, profile, log, &mut imported)?;
    merge_latest(transaction, profile, log)?;
    // A question answered on both machines: its schedule from all its answers in order.
    super::review::replay_questions(transaction, profile, &answered)?;
    Ok(imported)
}

/// Sittings not here yet, with their spans.
fn merge_sittings(
    transaction: &Transaction<'_>,
    profile: i64,
    log: &Log,
    imported: &mut Imported,
) -> rusqlite::Result<()> {
    for sitting in &log.sittings {
        let added = transaction.execute(
            "INSERT INTO sittings (profile, lesson, started_at, ended_at, active_ms, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (profile, uid) DO NOTHING",
            params![
                profile,
                sitting.lesson,
                sitting.started_at,
                sitting.ended_at,
                sitting.active_ms,
                sitting.uid
            ],
        )?;
        if added == 0 {
            imported.known += 1;
            continue;
        }
        imported.sittings += 1;
        let id = transaction.last_insert_rowid();
        for (start, end) in &sitting.spans {
            transaction.execute(
                "INSERT INTO spans (sitting, started_at, ended_at) VALUES (?1, ?2, ?3)",
                params![id, start, end],
            )?;
        }
    }
    Ok(())
}

/// Events not here yet, in the sittings they were recorded in; the questions whose
/// answers came in (lesson, question).
fn merge_events(
    transaction: &Transaction<'_>,
    profile: i64,
    log: &Log,
    imported: &mut Imported,
) -> rusqlite::Result<HashSet<(String, String)>> {
    let mut answered = HashSet::new();
    for event in &log.events {
        let sitting: Option<i64> = match &event.sitting {
            Some(uid) => transaction
                .query_row(
                    "SELECT id FROM sittings WHERE profile = ?1 AND uid = ?2",
                    params![profile, uid],
                    |row| row.get(0),
                )
                .optional()?,
            None => None,
        };
        let added = transaction.execute(
            "INSERT INTO events (profile, lesson, sitting, at, kind, section, question, answer,
                right, item, value, took_ms, recall, uid)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (profile, uid) DO NOTHING",
            params![
                profile,
                event.lesson,
                sitting,
                event.at,
                event.kind,
                event.section,
                event.question,
                event.answer,
                event.right,
                event.item,
                event.value,
                event.took_ms,
                event.recall,
                event.uid
            ],
        )?;
        if added == 0 {
            imported.known += 1;
        } else {
            imported.events += 1;
            if let Some(question) = event
                .question
                .as_ref()
                .filter(|_| event.kind == kind::ANSWER)
            {
                answered.insert((event.lesson.clone(), question.clone()));
            }
        }
    }
    Ok(answered)
}

/// Positions, schedules and drafts later than the ones here.
fn merge_latest(transaction: &Transaction<'_>, profile: i64, log: &Log) -> rusqlite::Result<()> {
    for position in &log.positions {
        transaction.execute(
            "INSERT INTO positions (profile, lesson, section, line_offset, at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (profile, lesson) DO UPDATE SET section = excluded.section,
                line_offset = excluded.line_offset, at = excluded.at
             WHERE excluded.at > positions.at",
            params![
                profile,
                position.lesson,
                position.section,
                position.line_offset,
                position.at
            ],
        )?;
    }
    for schedule in &log.schedules {
        super::review::save_schedule(transaction, profile, schedule)?;
    }
    for draft in &log.drafts {
        transaction.execute(
            "INSERT INTO drafts (profile, lesson, question, text, at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (profile, lesson, question) DO UPDATE SET
                text = excluded.text, at = excluded.at
             WHERE excluded.at > drafts.at",
            params![profile, draft.lesson, draft.question, draft.text, draft.at],
        )?;
    }
    Ok(())
}
