//! The writing side of the store: each event committed in its own transaction when it
//! happens, and the study clock and reading position checkpointed together, so a crash
//! loses at most the last seconds. A read-only store refuses every write here.

use rusqlite::{Connection, params};

use super::{Access, Event, Position, ProgressError, ProgressStore, now_ms, to_i64};

impl ProgressStore {
    /// Makes sure the store may be written and the profile exists.
    pub(super) fn writable(&mut self) -> Result<(), ProgressError> {
        if let Access::ReadOnly(reason) = &self.access {
            return Err(ProgressError::ReadOnly(reason.clone()));
        }
        if self.profile_id == 0 {
            // Another window may create the same profile at the same moment.
            let created = self
                .connection
                .execute(
                    "INSERT INTO profiles (name, created_at) VALUES (?1, ?2)
                     ON CONFLICT (name) DO NOTHING",
                    params![self.profile, now_ms()],
                )
                .and_then(|_| {
                    self.connection.query_row(
                        "SELECT id FROM profiles WHERE name = ?1",
                        [&self.profile],
                        |row| row.get(0),
                    )
                });
            self.profile_id = created.map_err(|error| self.database_error(error))?;
        }
        Ok(())
    }

    /// Starts a sitting (one run of the reader on a lesson); its id.
    pub fn start_sitting(&mut self, lesson: &str) -> Result<i64, ProgressError> {
        self.writable()?;
        let at = now_ms();
        let transaction =
            self.connection
                .transaction()
                .map_err(|error| ProgressError::Database {
                    path: self.path.clone(),
                    source: error,
                })?;
        let sitting = (|| {
            transaction.execute(
                "INSERT INTO sittings (profile, lesson, started_at, uid)
                 VALUES (?1, ?2, ?3, lower(hex(randomblob(16))))",
                params![self.profile_id, lesson, at],
            )?;
            let sitting = transaction.last_insert_rowid();
            insert_event(
                &transaction,
                self.profile_id,
                lesson,
                Some(sitting),
                at,
                &Event::SittingStarted,
            )?;
            transaction.commit()?;
            Ok(sitting)
        })()
        .map_err(|error| self.database_error(error))?;
        Ok(sitting)
    }

    /// Writes one event, committed before this returns.
    pub fn record(
        &mut self,
        lesson: &str,
        sitting: Option<i64>,
        event: &Event,
    ) -> Result<(), ProgressError> {
        self.record_at(lesson, sitting, event, now_ms())
    }

    /// [`Self::record`] at wall-clock time `at` (milliseconds since 1970). An answer
    /// updates its question's review schedule in the same transaction.
    pub fn record_at(
        &mut self,
        lesson: &str,
        sitting: Option<i64>,
        event: &Event,
        at: i64,
    ) -> Result<(), ProgressError> {
        self.writable()?;
        let written = match event {
            Event::InLesson { lesson, event } => return self.record_at(lesson, None, event, at),
            Event::Draft { question, text } => self
                .connection
                .execute(
                    "INSERT INTO drafts (profile, lesson, question, text, at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (profile, lesson, question) DO UPDATE SET
                        text = excluded.text, at = excluded.at",
                    params![self.profile_id, lesson, question, text, at],
                )
                .map(drop),
            Event::Answer {
                question,
                kind,
                recall,
                ..
            } => (|| {
                let transaction = self.connection.transaction()?;
                insert_event(&transaction, self.profile_id, lesson, sitting, at, event)?;
                super::review::schedule_answer(
                    &transaction,
                    self.profile_id,
                    (lesson, question),
                    at,
                    (*recall, *kind),
                    super::review::Floor::Profile,
                )?;
                transaction.commit()
            })(),
            _ => insert_event(
                &self.connection,
                self.profile_id,
                lesson,
                sitting,
                at,
                event,
            ),
        };
        written.map_err(|error| self.database_error(error))
    }

    /// Saves the sitting's active time and the reading position in one transaction.
    pub fn checkpoint(
        &mut self,
        lesson: &str,
        sitting: i64,
        sitting_active_ms: u64,
        position: &Position,
        ended: bool,
    ) -> Result<(), ProgressError> {
        self.checkpoint_at(
            lesson,
            sitting,
            sitting_active_ms,
            position,
            ended,
            now_ms(),
        )
    }

    /// [`Self::checkpoint`] at wall-clock time `at` (milliseconds since 1970). The active
    /// time gained since the last checkpoint is recorded as a span ending at `at`
    /// (checkpoints are seconds apart, so a span is off by at most that much).
    pub fn checkpoint_at(
        &mut self,
        lesson: &str,
        sitting: i64,
        sitting_active_ms: u64,
        position: &Position,
        ended: bool,
        at: i64,
    ) -> Result<(), ProgressError> {
        self.save_sitting(
            lesson,
            sitting,
            sitting_active_ms,
            Some(position),
            ended,
            at,
        )
    }

    /// Saves a sitting's active time alone: time given to a lesson without reading it
    /// (reviewing its questions) does not move its reading position.
    pub fn checkpoint_time(
        &mut self,
        lesson: &str,
        sitting: i64,
        sitting_active_ms: u64,
        ended: bool,
    ) -> Result<(), ProgressError> {
        self.save_sitting(lesson, sitting, sitting_active_ms, None, ended, now_ms())
    }

    fn save_sitting(
        &mut self,
        lesson: &str,
        sitting: i64,
        sitting_active_ms: u64,
        position: Option<&Position>,
        ended: bool,
        at: i64,
    ) -> Result<(), ProgressError> {
        self.writable()?;
        let result = (|| {
            let transaction = self.connection.transaction()?;
            let before: i64 = transaction.query_row(
                "SELECT active_ms FROM sittings WHERE id = ?1",
                params![sitting],
                |row| row.get(0),
            )?;
            let gained = to_i64(sitting_active_ms) - before;
            if gained > 0 {
                record_span(&transaction, sitting, at - gained, at)?;
            }
            transaction.execute(
                "UPDATE sittings SET active_ms = ?1, ended_at = CASE WHEN ?2 THEN ?3 ELSE ended_at END
                 WHERE id = ?4",
                params![to_i64(sitting_active_ms), ended, at, sitting],
            )?;
            if let Some(position) = position {
                transaction.execute(
                    "INSERT INTO positions (profile, lesson, section, line_offset, at)
                     VALUES (?1, ?2, ?3, ?4, ?5)
                     ON CONFLICT (profile, lesson) DO UPDATE SET
                        section = excluded.section, line_offset = excluded.line_offset, at = excluded.at",
                    params![self.profile_id, lesson, position.section, to_i64(position.offset as u64), at],
                )?;
            }
            if ended {
                insert_event(
                    &transaction,
                    self.profile_id,
                    lesson,
                    Some(sitting),
                    at,
                    &Event::SittingEnded,
                )?;
            }
            transaction.commit()
        })();
        result.map_err(|error| self.database_error(error))
    }

    /// Deletes the profile's progress on one lesson, or on every lesson.
    pub fn reset(&mut self, lesson: Option<&str>) -> Result<usize, ProgressError> {
        self.writable()?;
        let result = (|| {
            let transaction = self.connection.transaction()?;
            let mut deleted = 0;
            for table in ["events", "positions", "drafts", "schedules", "sittings"] {
                deleted += match lesson {
                    Some(lesson) => transaction.execute(
                        &format!("DELETE FROM {table} WHERE profile = ?1 AND lesson = ?2"),
                        params![self.profile_id, lesson],
                    )?,
                    None => transaction.execute(
                        &format!("DELETE FROM {table} WHERE profile = ?1"),
                        params![self.profile_id],
                    )?,
                };
            }
            // Reset of every lesson: the profile goes too, so `profiles` no longer lists it.
            if lesson.is_none() {
                transaction.execute(
                    "DELETE FROM profiles WHERE id = ?1",
                    params![self.profile_id],
                )?;
            }
            transaction.commit()?;
            Ok(deleted)
        })();
        if lesson.is_none() {
            self.profile_id = 0;
        }
        result.map_err(|error| self.database_error(error))
    }
}

/// Extends the sitting's latest span when the new one follows on from it (a learner
/// at work checkpoints every few seconds), else starts another.
fn record_span(
    connection: &Connection,
    sitting: i64,
    started_at: i64,
    ended_at: i64,
) -> rusqlite::Result<()> {
    /// Checkpoints are not exactly on time: a gap this short is the same stretch.
    const JOIN_WITHIN_MS: i64 = 1_000;
    let extended = connection.execute(
        "UPDATE spans SET ended_at = ?2
         WHERE id = (SELECT MAX(id) FROM spans WHERE sitting = ?1) AND ended_at >= ?3",
        params![sitting, ended_at, started_at - JOIN_WITHIN_MS],
    )?;
    if extended == 0 {
        connection.execute(
            "INSERT INTO spans (sitting, started_at, ended_at) VALUES (?1, ?2, ?3)",
            params![sitting, started_at, ended_at],
        )?;
    }
    Ok(())
}

fn insert_event(
    connection: &Connection,
    profile: i64,
    lesson: &str,
    sitting: Option<i64>,
    at: i64,
    event: &Event,
) -> rusqlite::Result<()> {
    let (mut took_ms, mut recall) = (None, None);
    let (section, question, answer, right, item, value) = match event {
        Event::SectionEntered(section) | Event::SectionRead(section) => {
            (Some(section.as_str()), None, None, None, None, None)
        }
        Event::Answer {
            question,
            answer,
            right,
            kind,
            took_ms: took,
            recall: how,
        } => {
            took_ms = took.map(to_i64);
            recall = Some(how.code());
            (
                None,
                Some(question.as_str()),
                Some(answer.as_str()),
                Some(*right),
                None,
                Some(kind.code()),
            )
        }
        Event::SelfAssessed { item, ticked } => (
            None,
            None,
            None,
            None,
            Some(to_i64(*item as u64)),
            Some(i64::from(*ticked)),
        ),
        Event::SittingStarted
        | Event::Paused
        | Event::Resumed
        | Event::SittingEnded
        | Event::TimeUpNoticed
        | Event::Draft { .. }
        | Event::InLesson { .. } => (None, None, None, None, None, None),
    };
    connection.execute(
        "INSERT INTO events (profile, lesson, sitting, at, kind, section, question, answer, right,
            item, value, took_ms, recall, uid)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, lower(hex(randomblob(16))))",
        params![profile, lesson, sitting, at, event.kind(), section, question, answer, right, item, value, took_ms, recall],
    )?;
    Ok(())
}
