//! Spaced review: each question a learner answers gets a schedule (FSRS through
//! `rs-fsrs`, its long-term scheduler: intervals in whole days), updated from every
//! first answer of a run, since a retry in the same run is no recall from memory. The
//! questions whose day has come are due; a forgotten one the next day. A clock set back (a laptop's time reset) counts
//! as the latest time the schedules have seen, so it neither makes everything due nor
//! hides what was due.

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use rs_fsrs::{Card, FSRS, Parameters, Rating, State};
use rusqlite::{Connection, OptionalExtension, params};

use super::event::kind;
use super::log::ScheduleEntry;
use super::{ProgressError, ProgressStore};
use crate::quiz::{AttemptKind, Recall};

/// A question due for review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueQuestion {
    pub lesson: String,
    pub question: String,
    /// When it became due, in milliseconds since 1970.
    pub due_ms: i64,
}

/// What spaced review holds for one lesson.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReviewCounts {
    /// Questions whose review day has come.
    pub due: usize,
    /// Questions last recalled (not forgotten) and not due yet.
    pub retained: usize,
    /// Questions with a schedule.
    pub scheduled: usize,
}

/// How soon a forgotten question is due again at the latest: a day.
const FORGOTTEN_BACK_WITHIN_MS: i64 = 24 * 60 * 60 * 1000;

fn scheduler() -> FSRS {
    FSRS::new(Parameters {
        enable_short_term: false,
        ..Parameters::default()
    })
}

fn rating(recall: Recall) -> Rating {
    match recall {
        Recall::Forgot => Rating::Again,
        Recall::Hard => Rating::Hard,
        Recall::Good => Rating::Good,
        Recall::Easy => Rating::Easy,
    }
}

fn time(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

fn state_code(state: State) -> i64 {
    match state {
        State::New => 0,
        State::Learning => 1,
        State::Review => 2,
        State::Relearning => 3,
    }
}

fn state_of(code: i64) -> State {
    match code {
        1 => State::Learning,
        2 => State::Review,
        3 => State::Relearning,
        _ => State::New,
    }
}

/// How early an answer's time may be taken.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Floor {
    /// Not before the profile's latest review: an answer given now, on a clock that may
    /// have been set back.
    Profile,
    /// Not before this question's own last review: answers of the log replayed in the
    /// order they were given.
    Question,
}

/// Updates the schedule of `question` from an answer given at `at_ms`.
pub(super) fn schedule_answer(
    connection: &Connection,
    profile: i64,
    (lesson, question): (&str, &str),
    at_ms: i64,
    (recall, attempt): (Recall, AttemptKind),
    floor: Floor,
) -> rusqlite::Result<()> {
    if attempt != AttemptKind::FirstTry {
        return Ok(());
    }
    let card = connection
        .query_row(
            "SELECT due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses,
                state, last_review
             FROM schedules WHERE profile = ?1 AND lesson = ?2 AND question = ?3",
            params![profile, lesson, question],
            |row| {
                Ok(Card {
                    due: time(row.get(0)?),
                    stability: row.get(1)?,
                    difficulty: row.get(2)?,
                    elapsed_days: row.get(3)?,
                    scheduled_days: row.get(4)?,
                    reps: row.get(5)?,
                    lapses: row.get(6)?,
                    state: state_of(row.get(7)?),
                    last_review: time(row.get(8)?),
                })
            },
        )
        .optional()?;
    // A clock set back reviews at the latest review's time: intervals never run back.
    let latest = match floor {
        Floor::Profile => latest_review(connection, profile)?,
        Floor::Question => 0,
    };
    let own = card
        .as_ref()
        .map_or(0, |card| card.last_review.timestamp_millis());
    let at = at_ms.max(latest).max(own);
    let card = card.unwrap_or_else(|| Card {
        due: time(at),
        last_review: time(at),
        ..Card::default()
    });
    let mut next = scheduler().next(card, time(at), rating(recall)).card;
    if recall == Recall::Forgot {
        // Forgotten: back the next day at the latest (the run's own rounds ask it again
        // the same day), whatever the memory it had; FSRS keeps that memory's strength.
        next.due = next
            .due
            .min(time(at.saturating_add(FORGOTTEN_BACK_WITHIN_MS)));
        next.scheduled_days = next.scheduled_days.min(1);
    }
    save_schedule(
        connection,
        profile,
        &ScheduleEntry {
            lesson: lesson.to_owned(),
            question: question.to_owned(),
            due: next.due.timestamp_millis(),
            stability: next.stability,
            difficulty: next.difficulty,
            elapsed_days: next.elapsed_days,
            scheduled_days: next.scheduled_days,
            reps: i64::from(next.reps),
            lapses: i64::from(next.lapses),
            state: state_code(next.state),
            last_review: at,
            last_recall: recall.code(),
        },
    )?;
    Ok(())
}

/// The profile's latest review, in milliseconds since 1970 (0 before any).
fn latest_review(connection: &Connection, profile: i64) -> rusqlite::Result<i64> {
    connection.query_row(
        "SELECT COALESCE(MAX(last_review), 0) FROM schedules WHERE profile = ?1",
        [profile],
        |row| row.get(0),
    )
}

/// Writes a question's schedule unless the one there comes from a later review (an
/// import brings older ones too).
pub(super) fn save_schedule(
    connection: &Connection,
    profile: i64,
    schedule: &ScheduleEntry,
) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO schedules (profile, lesson, question, due, stability, difficulty,
            elapsed_days, scheduled_days, reps, lapses, state, last_review, last_recall)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
         ON CONFLICT (profile, lesson, question) DO UPDATE SET
            due = excluded.due, stability = excluded.stability,
            difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
            scheduled_days = excluded.scheduled_days, reps = excluded.reps,
            lapses = excluded.lapses, state = excluded.state,
            last_review = excluded.last_review, last_recall = excluded.last_recall
         WHERE excluded.last_review >= schedules.last_review",
        params![
            profile,
            schedule.lesson,
            schedule.question,
            schedule.due,
            schedule.stability,
            schedule.difficulty,
            schedule.elapsed_days,
            schedule.scheduled_days,
            // Read back as 32-bit counts: an import's larger ones are held there.
            schedule.reps.clamp(0, i64::from(i32::MAX)),
            schedule.lapses.clamp(0, i64::from(i32::MAX)),
            schedule.state,
            schedule.last_review,
            schedule.last_recall
        ],
    )?;
    Ok(())
}

/// Builds the schedules from every answer in the log, in the order given (a store
/// upgrading from before spaced review keeps what its learners answered).
pub(super) fn replay_answers(connection: &Connection) -> rusqlite::Result<()> {
    replay(connection, None)
}

/// Builds again, from the log, the schedules of `profile`'s `questions` (lesson,
/// question): after an import, their answers from both machines in the order given.
pub(super) fn replay_questions(
    connection: &Connection,
    profile: i64,
    questions: &HashSet<(String, String)>,
) -> rusqlite::Result<()> {
    for (lesson, question) in questions {
        connection.execute(
            "DELETE FROM schedules WHERE profile = ?1 AND lesson = ?2 AND question = ?3",
            params![profile, lesson, question],
        )?;
    }
    replay(connection, Some((profile, questions)))
}

/// Replays the answers of the log (of one profile's questions, or all) into schedules.
fn replay(
    connection: &Connection,
    only: Option<(i64, &HashSet<(String, String)>)>,
) -> rusqlite::Result<()> {
    let mut statement = connection.prepare(
        "SELECT profile, lesson, question, at, right, recall, value FROM events
         WHERE kind = ?1 AND question IS NOT NULL AND (?2 IS NULL OR profile = ?2)
         ORDER BY at, id",
    )?;
    let answers = statement
        .query_map(
            params![kind::ANSWER, only.map(|(profile, _)| profile)],
            |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, i64>(3)?,
                    row.get::<_, Option<bool>>(4)?.unwrap_or(false),
                    row.get::<_, Option<i64>>(5)?,
                    row.get::<_, Option<i64>>(6)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (profile, lesson, question, at, right, recall, attempt) in answers {
        if only
            .is_some_and(|(_, questions)| !questions.contains(&(lesson.clone(), question.clone())))
        {
            continue;
        }
        let recall = recall.map_or(
            if right { Recall::Good } else { Recall::Forgot },
            Recall::from_code,
        );
        let attempt = AttemptKind::from_code(attempt);
        schedule_answer(
            connection,
            profile,
            (&lesson, &question),
            at,
            (recall, attempt),
            Floor::Question,
        )?;
    }
    Ok(())
}

impl ProgressStore {
    /// Whether the profile wants spaced review (on unless turned off).
    pub fn reviews_on(&self) -> Result<bool, ProgressError> {
        if self.profile_id == 0 || !self.has_reviews() {
            return Ok(true);
        }
        self.connection
            .query_row(
                "SELECT reviews FROM profiles WHERE id = ?1",
                [self.profile_id],
                |row| row.get(0),
            )
            .map_err(|error| self.database_error(error))
    }

    /// Turns the profile's spaced review on or off (its schedules are kept either way).
    pub fn set_reviews(&mut self, on: bool) -> Result<(), ProgressError> {
        self.writable()?;
        self.connection
            .execute(
                "UPDATE profiles SET reviews = ?1 WHERE id = ?2",
                params![on, self.profile_id],
            )
            .map(drop)
            .map_err(|error| self.database_error(error))
    }

    /// The time due dates are measured against: `now_ms`, or the latest review if the
    /// clock says earlier.
    fn review_now(&self, now_ms: i64) -> rusqlite::Result<i64> {
        Ok(now_ms.max(latest_review(&self.connection, self.profile_id)?))
    }

    /// The questions due at `now_ms` (of one lesson, or all), longest due first; none
    /// when the profile turned reviews off. Rows of questions a course no longer has are
    /// returned too: the caller knows the course.
    pub fn due_questions(
        &self,
        now_ms: i64,
        lesson: Option<&str>,
    ) -> Result<Vec<DueQuestion>, ProgressError> {
        if !self.has_reviews() || !self.reviews_on()? {
            return Ok(Vec::new());
        }
        let read = || -> rusqlite::Result<Vec<DueQuestion>> {
            let now = self.review_now(now_ms)?;
            let mut statement = self.connection.prepare_cached(
                "SELECT lesson, question, due FROM schedules
                 WHERE profile = ?1 AND due <= ?2 AND (?3 IS NULL OR lesson = ?3)
                 ORDER BY due, lesson, question",
            )?;
            statement
                .query_map(params![self.profile_id, now, lesson], |row| {
                    Ok(DueQuestion {
                        lesson: row.get(0)?,
                        question: row.get(1)?,
                        due_ms: row.get(2)?,
                    })
                })?
                .collect()
        };
        read().map_err(|error| self.database_error(error))
    }

    /// Due, retained and scheduled questions at `now_ms`, by lesson (due counts none
    /// when reviews are off).
    pub fn review_counts(
        &self,
        now_ms: i64,
    ) -> Result<BTreeMap<String, ReviewCounts>, ProgressError> {
        if !self.has_reviews() {
            return Ok(BTreeMap::new());
        }
        let on = self.reviews_on()?;
        let read = || -> rusqlite::Result<BTreeMap<String, ReviewCounts>> {
            let now = self.review_now(now_ms)?;
            let mut statement = self.connection.prepare_cached(
                "SELECT lesson,
                    SUM(due <= ?2),
                    SUM(due > ?2 AND last_recall <> ?3),
                    COUNT(*)
                 FROM schedules WHERE profile = ?1 GROUP BY lesson",
            )?;
            let rows = statement.query_map(
                params![self.profile_id, now, Recall::Forgot.code()],
                |row| {
                    let count = |index| -> rusqlite::Result<usize> {
                        Ok(usize::try_from(row.get::<_, i64>(index)?).unwrap_or(0))
                    };
                    Ok((
                        row.get::<_, String>(0)?,
                        ReviewCounts {
                            due: if on { count(1)? } else { 0 },
                            retained: count(2)?,
                            scheduled: count(3)?,
                        },
                    ))
                },
            )?;
            rows.collect()
        };
        read().map_err(|error| self.database_error(error))
    }
}
