//! What the log says: a lesson's state for one profile (time, sittings, read sections,
//! answers, self-assessment, position), and the profiles on this machine.

use std::collections::BTreeSet;

use rusqlite::params;

use super::event::kind;
use super::{ProgressError, ProgressStore};
use crate::quiz::{Attempt, AttemptKind, QuizRecord};

/// Where the learner was: a section (by anchor) and how many lines into it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Position {
    pub section: Option<String>,
    pub offset: usize,
}

/// One profile's record of one lesson.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LessonState {
    /// Active study time over every sitting.
    pub active_ms: u64,
    pub sittings: usize,
    /// Anchors of the sections read, in the order first read.
    pub read: Vec<String>,
    pub quiz: QuizRecord,
    pub position: Option<Position>,
    pub time_up_noticed: bool,
    /// Manifest answers being written, by question id.
    pub drafts: Vec<(String, String)>,
}

/// A profile's active time on a lesson: the union of its sittings' active spans, so two
/// windows open at once count their overlap once; sittings recorded before spans were
/// kept count their own active time. Never more than the sittings' sum.
fn active_ms(
    connection: &rusqlite::Connection,
    profile: i64,
    lesson: &str,
) -> rusqlite::Result<u64> {
    let (sum, without_spans): (i64, i64) = connection.query_row(
        "SELECT COALESCE(SUM(active_ms), 0),
            COALESCE(SUM(CASE WHEN NOT EXISTS (SELECT 1 FROM spans WHERE sitting = s.id)
                THEN active_ms ELSE 0 END), 0)
         FROM sittings s WHERE profile = ?1 AND lesson = ?2",
        params![profile, lesson],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let mut statement = connection.prepare(
        "SELECT started_at, ended_at FROM spans
         WHERE sitting IN (SELECT id FROM sittings WHERE profile = ?1 AND lesson = ?2)
         ORDER BY started_at",
    )?;
    let spans = statement
        .query_map(params![profile, lesson], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let union = union_ms(&spans);
    Ok(u64::try_from((without_spans + union).min(sum)).unwrap_or(0))
}

/// The time covered by spans sorted by start, overlaps counted once.
fn union_ms(spans: &[(i64, i64)]) -> i64 {
    let mut total = 0;
    let mut current: Option<(i64, i64)> = None;
    for &(start, end) in spans {
        current = match current {
            Some((from, to)) if start <= to => Some((from, to.max(end))),
            Some((from, to)) => {
                total += to - from;
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    total + current.map_or(0, |(from, to)| to - from)
}

/// A profile on this machine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSummary {
    pub name: String,
    pub lessons: usize,
    pub active_ms: u64,
    /// The latest event, in milliseconds since 1970.
    pub last_seen: Option<i64>,
}

impl ProgressStore {
    /// The profile's record of `lesson`.
    pub fn lesson_state(&self, lesson: &str) -> Result<LessonState, ProgressError> {
        self.read_lesson_state(lesson)
            .map_err(|error| self.database_error(error))
    }

    fn read_lesson_state(&self, lesson: &str) -> rusqlite::Result<LessonState> {
        let connection = &self.connection;
        let profile = self.profile_id;
        let sittings: i64 = connection.query_row(
            "SELECT COUNT(*) FROM sittings WHERE profile = ?1 AND lesson = ?2",
            params![profile, lesson],
            |row| row.get(0),
        )?;
        let mut state = LessonState {
            active_ms: active_ms(connection, profile, lesson)?,
            sittings: usize::try_from(sittings).unwrap_or(0),
            ..LessonState::default()
        };
        read_events(connection, profile, lesson, &mut state)?;
        state.drafts = drafts(connection, profile, lesson)?;
        state.position = position(connection, profile, lesson)?;
        Ok(state)
    }
    /// The manifests being written for `lesson`'s questions, by question id.
    pub fn drafts(&self, lesson: &str) -> Result<Vec<(String, String)>, ProgressError> {
        drafts(&self.connection, self.profile_id, lesson)
            .map_err(|error| self.database_error(error))
    }

    /// The lessons this profile has a record of.
    pub fn lessons(&self) -> Result<Vec<String>, ProgressError> {
        let read = || -> rusqlite::Result<Vec<String>> {
            let mut statement = self.connection.prepare(
                "SELECT lesson FROM sittings WHERE profile = ?1
                 UNION SELECT lesson FROM events WHERE profile = ?1 ORDER BY 1",
            )?;
            statement
                .query_map(params![self.profile_id], |row| row.get(0))?
                .collect()
        };
        read().map_err(|error| self.database_error(error))
    }

    /// Every profile on this machine, by name.
    pub fn profiles(&self) -> Result<Vec<ProfileSummary>, ProgressError> {
        let read = || -> rusqlite::Result<Vec<ProfileSummary>> {
            let mut statement = self.connection.prepare(
                "SELECT p.name,
                    (SELECT COUNT(DISTINCT lesson) FROM sittings WHERE profile = p.id),
                    p.id,
                    (SELECT MAX(at) FROM events WHERE profile = p.id)
                 FROM profiles p ORDER BY p.name",
            )?;
            statement
                .query_map([], |row| {
                    Ok((
                        ProfileSummary {
                            name: row.get(0)?,
                            lessons: usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                            active_ms: 0,
                            last_seen: row.get(3)?,
                        },
                        row.get::<_, i64>(2)?,
                    ))
                })?
                .map(|row| {
                    let (mut summary, id) = row?;
                    let mut lessons = self
                        .connection
                        .prepare("SELECT DISTINCT lesson FROM sittings WHERE profile = ?1")?;
                    let names = lessons
                        .query_map(params![id], |row| row.get::<_, String>(0))?
                        .collect::<rusqlite::Result<Vec<_>>>()?;
                    for lesson in names {
                        summary.active_ms += active_ms(&self.connection, id, &lesson)?;
                    }
                    Ok(summary)
                })
                .collect()
        };
        read().map_err(|error| self.database_error(error))
    }
}

/// What the log's events say of a lesson: the sections read, the answers, the items
/// ticked by hand (the latest tick or untick wins) and the time-up notice.
fn read_events(
    connection: &rusqlite::Connection,
    profile: i64,
    lesson: &str,
    state: &mut LessonState,
) -> rusqlite::Result<()> {
    let mut statement = connection.prepare(
        "SELECT kind, section, question, right, item, value, answer FROM events
         WHERE profile = ?1 AND lesson = ?2 AND kind IN (?3, ?4, ?5, ?6)
         ORDER BY at, id",
    )?;
    let mut rows = statement.query(params![
        profile,
        lesson,
        kind::SECTION_READ,
        kind::ANSWER,
        kind::SELF_ASSESSED,
        kind::TIME_UP_NOTICED
    ])?;
    let mut ticked = BTreeSet::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(0)?;
        match kind.as_str() {
            kind::SECTION_READ => {
                let section: String = row.get(1)?;
                if !state.read.contains(&section) {
                    state.read.push(section);
                }
            }
            kind::ANSWER => {
                state.quiz.attempts.push(Attempt {
                    question: row.get(2)?,
                    answer: row.get::<_, Option<String>>(6)?.unwrap_or_default(),
                    right: row.get(3)?,
                    kind: AttemptKind::from_code(row.get(5)?),
                });
            }
            kind::SELF_ASSESSED => {
                let item: i64 = row.get(4)?;
                let item = usize::try_from(item).unwrap_or(0);
                if row.get::<_, i64>(5)? == 1 {
                    ticked.insert(item);
                } else {
                    ticked.remove(&item);
                }
            }
            _ => state.time_up_noticed = true,
        }
    }
    state.quiz.self_assessed = ticked;
    Ok(())
}

/// The manifest answers being written, by question id.
fn drafts(
    connection: &rusqlite::Connection,
    profile: i64,
    lesson: &str,
) -> rusqlite::Result<Vec<(String, String)>> {
    // A read-only store of the first schema has no drafts table.
    let has_drafts: bool = connection.query_row(
        "SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'drafts'",
        [],
        |row| row.get(0),
    )?;
    if !has_drafts {
        return Ok(Vec::new());
    }
    let mut drafts = connection.prepare(
        "SELECT question, text FROM drafts WHERE profile = ?1 AND lesson = ?2 ORDER BY question",
    )?;
    drafts
        .query_map(params![profile, lesson], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })?
        .collect()
}

/// Where the learner was in the lesson, if anywhere yet.
fn position(
    connection: &rusqlite::Connection,
    profile: i64,
    lesson: &str,
) -> rusqlite::Result<Option<Position>> {
    connection
        .query_row(
            "SELECT section, line_offset FROM positions WHERE profile = ?1 AND lesson = ?2",
            params![profile, lesson],
            |row| {
                Ok(Position {
                    section: row.get(0)?,
                    offset: usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0),
                })
            },
        )
        .map(Some)
        .or_else(|error| match error {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            other => Err(other),
        })
}
