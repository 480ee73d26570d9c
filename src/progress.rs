//! The progress store: one SQLite file of learning events per machine, one profile per
//! learner. Every event is written in its own transaction when it happens and the study
//! clock is checkpointed every few seconds, so a crash or power loss loses at most the
//! last seconds of clock. What the reader shows (time, read sections, mastery) is
//! derived from the log.

mod class;
mod clock;
mod event;
mod exchange;
mod file;
mod log;
mod overview;
mod plan;
mod query;
mod review;
mod schema;
mod spreadsheet;
mod write;

pub use class::{
    ClassReport, ItemCell, ItemSummary, LearnerRow, LessonReport, QuestionSummary, class_report,
    report_csv,
};
pub use clock::{ClockChange, IDLE_AFTER_MS, StudyClock};
pub use event::Event;
pub use exchange::{
    AnswerRecord, FORMAT, ItemRecord, LearnerRecord, LessonRecord, OrphanRecord, QuestionRecord,
    ReviewRecord, learner_record, read_export,
};
pub use file::{STORE_FILE, StoreNotice, default_data_dir, private_folder};
pub use log::{Imported, Log};
pub use overview::{
    LessonOverview, ReviewItem, course_overview, known_due, outlined, review_items,
};
pub use plan::section_budgets;
pub use query::{LessonState, Position, ProfileSummary};
pub use review::{DueQuestion, ReviewCounts};
pub use spreadsheet::export_csv;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

/// How long the reader may go between clock checkpoints.
pub const CHECKPOINT_EVERY_MS: u64 = 5_000;

/// Why the store cannot do something; the reader goes on without saving.
#[derive(Debug, thiserror::Error)]
pub enum ProgressError {
    #[error("cannot use the progress folder {path}: {reason}")]
    Folder { path: PathBuf, reason: String },
    #[error("progress store {path}: {source}")]
    Database {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("the progress store is read-only: {0}")]
    ReadOnly(String),
}

/// What the store can do with its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    ReadWrite,
    /// Written by a newer manabi: shown, never written.
    ReadOnly(String),
}

/// An open store, for one profile.
pub struct ProgressStore {
    connection: Connection,
    path: PathBuf,
    profile_id: i64,
    pub profile: String,
    pub access: Access,
    /// The schema of the file: below `schema::REVIEWS` (a store read as it is, never
    /// upgraded) it has no reviews and no event ids.
    schema: u32,
    /// Things the learner should know about how the store was opened (a corrupt file
    /// moved aside, a newer version).
    pub notices: Vec<StoreNotice>,
}

impl ProgressStore {
    /// Opens (creating, migrating or repairing) the store in `folder` for `profile`.
    pub fn open(folder: &Path, profile: &str) -> Result<Self, ProgressError> {
        let opened = file::open_database(folder)?;
        let schema = schema::version(&opened.connection).unwrap_or(0);
        let mut store = Self {
            connection: opened.connection,
            path: opened.path,
            profile_id: 0,
            schema,
            profile: profile.to_owned(),
            access: opened.access,
            notices: opened.notices,
        };
        store.profile_id = store.find_profile(profile)?;
        Ok(store)
    }

    /// Writes to the file and commits (the schema version, unchanged): the write a full
    /// disk or a file that cannot grow refuses. For `manabi doctor`.
    pub fn check_writing(&self) -> Result<(), ProgressError> {
        self.connection
            .execute_batch(&format!(
                "BEGIN IMMEDIATE; PRAGMA user_version = {}; COMMIT;",
                self.schema
            ))
            .map_err(|error| {
                let _ = self.connection.execute_batch("ROLLBACK");
                self.database_error(error)
            })
    }

    /// The schema version of the file (`PRAGMA user_version`).
    #[must_use]
    pub fn schema(&self) -> u32 {
        self.schema
    }

    /// The file the store lives in.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether the file has reviews and event ids (a store read as it is, from before
    /// them, has neither).
    fn has_reviews(&self) -> bool {
        self.schema >= schema::REVIEWS
    }

    fn database_error(&self, source: rusqlite::Error) -> ProgressError {
        ProgressError::Database {
            path: self.path.clone(),
            source,
        }
    }

    /// The profile's id, or 0 (no rows) for a profile not yet in the store: it is
    /// created by its first write, so looking never adds a profile.
    fn find_profile(&mut self, name: &str) -> Result<i64, ProgressError> {
        let found =
            self.connection
                .query_row("SELECT id FROM profiles WHERE name = ?1", [name], |row| {
                    row.get(0)
                });
        match found {
            Ok(id) => Ok(id),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(0),
            Err(error) => Err(self.database_error(error)),
        }
    }
}

/// Milliseconds added to the system clock: set once by `set_now` (tests and demos
/// that need another day), else none.
static CLOCK_OFFSET_MS: std::sync::atomic::AtomicI64 = std::sync::atomic::AtomicI64::new(0);

/// Wall-clock time in milliseconds since 1970, as events are stamped.
#[must_use]
pub fn now_ms() -> i64 {
    let system = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            to_i64(u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX))
        });
    system.saturating_add(CLOCK_OFFSET_MS.load(std::sync::atomic::Ordering::Relaxed))
}

/// From now on, `now_ms` says it is `at` (milliseconds since 1970) and runs on from
/// there: how `MANABI_NOW` lets a test or a demo live on another day.
pub fn set_now(at: i64) {
    let offset = at.saturating_sub(now_ms());
    CLOCK_OFFSET_MS.fetch_add(offset, std::sync::atomic::Ordering::Relaxed);
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
#[path = "progress/progress_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "progress/review_tests.rs"]
mod review_tests;
