//! The class's own SQLite file in the instructor's data folder: the join code, where the
//! presenter is, each learner, every message id taken, polls and their answers. A
//! presenter that crashes and starts again carries on from it; the notes window reads
//! it to show the class.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use crate::progress::LessonRecord;

/// How long a write waits for the notes window's read.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS class (
        code TEXT NOT NULL,
        lesson TEXT NOT NULL,
        section TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        ended_ms INTEGER,
        port INTEGER
    );
    CREATE TABLE IF NOT EXISTS learners (
        learner TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        section TEXT,
        following INTEGER NOT NULL DEFAULT 1,
        mastered INTEGER NOT NULL DEFAULT 0,
        items INTEGER NOT NULL DEFAULT 0,
        record TEXT,
        connected INTEGER NOT NULL DEFAULT 0,
        joined_ms INTEGER NOT NULL,
        seen_ms INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS received (
        learner TEXT NOT NULL,
        id INTEGER NOT NULL,
        PRIMARY KEY (learner, id)
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS polls (
        poll INTEGER PRIMARY KEY,
        question TEXT NOT NULL,
        opened_ms INTEGER NOT NULL,
        closed INTEGER NOT NULL DEFAULT 0,
        revealed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE IF NOT EXISTS answers (
        poll INTEGER NOT NULL REFERENCES polls(poll),
        learner TEXT NOT NULL,
        answer TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        PRIMARY KEY (poll, learner)
    );";

/// Why the class file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ClassStoreError {
    #[error("the class file {path}: {reason}")]
    File { path: PathBuf, reason: String },
    #[error("the class file {path} holds no class")]
    Empty { path: PathBuf },
}

/// The class as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassInfo {
    pub code: String,
    pub lesson: String,
    /// The section the presenter shows.
    pub section: String,
    pub started_ms: i64,
    pub ended: bool,
    /// The port it was last served on, so a presenter started again serves the same.
    pub port: Option<u16>,
}

/// One learner as the class sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnerRow {
    pub learner: String,
    /// Inert already: safe to draw.
    pub name: String,
    pub section: Option<String>,
    pub following: bool,
    pub mastered: usize,
    pub items: usize,
    pub connected: bool,
}

/// A poll as the file has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollRow {
    pub poll: u64,
    pub question: String,
    pub closed: bool,
    pub revealed: bool,
}

/// What a message from a learner did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// Stored now.
    New,
    /// Its id was taken before (a message sent again after a reconnect).
    Again,
    /// An answer to a poll that is closed, or one the learner answered already.
    Ignored,
}

/// The open class file.
#[derive(Debug)]
pub struct ClassStore {
    connection: Connection,
    path: PathBuf,
}

impl ClassStore {
    /// Opens the class in `path`, or starts one there with `code` on `lesson` at
    /// `section` when the file holds none or only an ended one.
    pub fn open_or_start(
        path: &Path,
        start: impl FnOnce() -> (String, String, String),
        now_ms: i64,
    ) -> Result<Self, ClassStoreError> {
        if let Some(folder) = path.parent() {
            crate::progress::private_folder(folder).map_err(|error| file_error(path, &error))?;
        }
        let connection = Connection::open(path).map_err(|error| file_error(path, &error))?;
        let store = Self {
            connection,
            path: path.to_path_buf(),
        };
        store.prepare().map_err(|error| file_error(path, &error))?;
        let running = store.info().ok().filter(|info| !info.ended);
        if running.is_none() {
            let (code, lesson, section) = start();
            store
                .fresh(&code, &lesson, &section, now_ms)
                .map_err(|error| file_error(path, &error))?;
        }
        Ok(store)
    }

    /// Opens the class in `path` to read it (the notes window).
    pub fn open_read_only(path: &Path) -> Result<Self, ClassStoreError> {
        let connection = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|error| file_error(path, &error))?;
        connection
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|error| file_error(path, &error))?;
        Ok(Self {
            connection,
            path: path.to_path_buf(),
        })
    }

    fn prepare(&self) -> rusqlite::Result<()> {
        self.connection.busy_timeout(BUSY_TIMEOUT)?;
        self.connection.pragma_update(None, "journal_mode", "WAL")?;
        // A crashed presenter loses nothing committed; a power cut may lose the last
        // moments, which learners send again.
        self.connection
            .pragma_update(None, "synchronous", "NORMAL")?;
        self.connection.execute_batch(SCHEMA)
    }

    /// Empties the file for a new class.
    fn fresh(&self, code: &str, lesson: &str, section: &str, now_ms: i64) -> rusqlite::Result<()> {
        self.connection.execute_batch(
            "BEGIN; DELETE FROM answers; DELETE FROM polls; DELETE FROM received;
             DELETE FROM learners; DELETE FROM class;",
        )?;
        self.connection.execute(
            "INSERT INTO class (code, lesson, section, started_ms) VALUES (?1, ?2, ?3, ?4)",
            params![code, lesson, section, now_ms],
        )?;
        self.connection.execute_batch("COMMIT")
    }

    /// A number that changes when another connection (the presenter's) commits: the
    /// notes window reads the class again only then.
    pub fn data_version(&self) -> Result<i64, ClassStoreError> {
        self.connection
            .query_row("PRAGMA data_version", [], |row| row.get(0))
            .map_err(|error| file_error(&self.path, &error))
    }

    /// The class.
    pub fn info(&self) -> Result<ClassInfo, ClassStoreError> {
        self.connection
            .query_row(
                "SELECT code, lesson, section, started_ms, ended_ms, port FROM class",
                [],
                |row| {
                    Ok(ClassInfo {
                        code: row.get(0)?,
                        lesson: row.get(1)?,
                        section: row.get(2)?,
                        started_ms: row.get(3)?,
                        ended: row.get::<_, Option<i64>>(4)?.is_some(),
                        port: row
                            .get::<_, Option<i64>>(5)?
                            .and_then(|port| u16::try_from(port).ok()),
                    })
                },
            )
            .optional()
            .map_err(|error| file_error(&self.path, &error))?
            .ok_or_else(|| ClassStoreError::Empty {
                path: self.path.clone(),
            })
    }

    /// The presenter moved to `section`.
    pub fn set_section(&self, section: &str) -> Result<(), ClassStoreError> {
        self.write("UPDATE class SET section = ?1", params![section])
    }

    /// The class is served on `port`.
    pub fn set_port(&self, port: u16) -> Result<(), ClassStoreError> {
        self.write("UPDATE class SET port = ?1", params![port])
    }

    /// The class is over.
    pub fn end(&self, now_ms: i64) -> Result<(), ClassStoreError> {
        self.write("UPDATE class SET ended_ms = ?1", params![now_ms])?;
        self.write("UPDATE learners SET connected = 0", [])
    }

    /// A learner (re)joined as `name`.
    pub fn join(&self, learner: &str, name: &str, now_ms: i64) -> Result<(), ClassStoreError> {
        self.write(
            "INSERT INTO learners (learner, name, connected, joined_ms, seen_ms)
             VALUES (?1, ?2, 1, ?3, ?3)
             ON CONFLICT (learner) DO UPDATE SET name = ?2, connected = 1, seen_ms = ?3",
            params![learner, name, now_ms],
        )
    }

    /// A learner's connection closed.
    pub fn left(&self, learner: &str) -> Result<(), ClassStoreError> {
        self.write(
            "UPDATE learners SET connected = 0 WHERE learner = ?1",
            params![learner],
        )
    }

    /// Takes message `id` of `learner` once, doing `apply` with it the first time.
    fn take(
        &mut self,
        learner: &str,
        id: u64,
        apply: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<bool>,
    ) -> Result<Taken, ClassStoreError> {
        let path = self.path.clone();
        let run = |connection: &mut Connection| -> rusqlite::Result<Taken> {
            let transaction = connection.transaction()?;
            let new = transaction.execute(
                "INSERT OR IGNORE INTO received (learner, id) VALUES (?1, ?2)",
                params![learner, i64::from_ne_bytes(id.to_ne_bytes())],
            )? == 1;
            if !new {
                return Ok(Taken::Again);
            }
            let applied = apply(&transaction)?;
            transaction.commit()?;
            Ok(if applied { Taken::New } else { Taken::Ignored })
        };
        run(&mut self.connection).map_err(|error| file_error(&path, &error))
    }

    /// Where a learner is, once per message id.
    pub fn progress(
        &mut self,
        learner: &str,
        id: u64,
        at: &Whereabouts,
        now_ms: i64,
    ) -> Result<Taken, ClassStoreError> {
        self.take(learner, id, |transaction| {
            transaction.execute(
                "UPDATE learners SET section = ?2, following = ?3, mastered = ?4, items = ?5,
                 seen_ms = ?6 WHERE learner = ?1",
                params![
                    learner,
                    at.section,
                    at.following,
                    i64::try_from(at.mastered).unwrap_or(i64::MAX),
                    i64::try_from(at.items).unwrap_or(i64::MAX),
                    now_ms
                ],
            )?;
            Ok(true)
        })
    }

    /// A learner's record of the lesson, once per message id.
    pub fn record(
        &mut self,
        learner: &str,
        id: u64,
        record: &LessonRecord,
    ) -> Result<Taken, ClassStoreError> {
        let text = serde_json::to_string(record).unwrap_or_default();
        self.take(learner, id, |transaction| {
            transaction.execute(
                "UPDATE learners SET record = ?2 WHERE learner = ?1",
                params![learner, text],
            )?;
            Ok(true)
        })
    }

    /// An answer to an open poll: the first answer of each learner counts, once.
    pub fn answer(
        &mut self,
        learner: &str,
        id: u64,
        poll: u64,
        answer: &str,
        now_ms: i64,
    ) -> Result<Taken, ClassStoreError> {
        self.take(learner, id, |transaction| {
            let open = transaction
                .query_row(
                    "SELECT closed FROM polls WHERE poll = ?1",
                    params![poll_row(poll)],
                    |row| row.get::<_, bool>(0),
                )
                .optional()?
                == Some(false);
            if !open {
                return Ok(false);
            }
            Ok(transaction.execute(
                "INSERT OR IGNORE INTO answers (poll, learner, answer, at_ms) VALUES (?1, ?2, ?3, ?4)",
                params![poll_row(poll), learner, answer, now_ms],
            )? == 1)
        })
    }

    /// Opens a poll on `question` (closing any open one); its number.
    pub fn open_poll(&mut self, question: &str, now_ms: i64) -> Result<u64, ClassStoreError> {
        let path = self.path.clone();
        let run = |connection: &mut Connection| -> rusqlite::Result<u64> {
            let transaction = connection.transaction()?;
            transaction.execute("UPDATE polls SET closed = 1", [])?;
            transaction.execute(
                "INSERT INTO polls (question, opened_ms) VALUES (?1, ?2)",
                params![question, now_ms],
            )?;
            let poll = transaction.last_insert_rowid();
            transaction.commit()?;
            Ok(u64::try_from(poll).unwrap_or_default())
        };
        run(&mut self.connection).map_err(|error| file_error(&path, &error))
    }

    /// Closes the poll and shows its answers.
    pub fn reveal(&self, poll: u64) -> Result<(), ClassStoreError> {
        self.write(
            "UPDATE polls SET closed = 1, revealed = 1 WHERE poll = ?1",
            params![poll_row(poll)],
        )
    }

    /// The latest poll.
    pub fn latest_poll(&self) -> Result<Option<PollRow>, ClassStoreError> {
        self.connection
            .query_row(
                "SELECT poll, question, closed, revealed FROM polls ORDER BY poll DESC LIMIT 1",
                [],
                |row| {
                    Ok(PollRow {
                        poll: u64::try_from(row.get::<_, i64>(0)?).unwrap_or_default(),
                        question: row.get(1)?,
                        closed: row.get(2)?,
                        revealed: row.get(3)?,
                    })
                },
            )
            .optional()
            .map_err(|error| file_error(&self.path, &error))
    }

    /// Whether `learner` answered `poll`.
    pub fn answered(&self, poll: u64, learner: &str) -> Result<bool, ClassStoreError> {
        self.connection
            .query_row(
                "SELECT 1 FROM answers WHERE poll = ?1 AND learner = ?2",
                params![poll_row(poll), learner],
                |_| Ok(()),
            )
            .optional()
            .map(|found| found.is_some())
            .map_err(|error| file_error(&self.path, &error))
    }

    /// Each learner's answer to `poll`, by learner key.
    pub fn answers(&self, poll: u64) -> Result<Vec<(String, String)>, ClassStoreError> {
        self.rows(
            "SELECT learner, answer FROM answers WHERE poll = ?1 ORDER BY at_ms",
            params![poll_row(poll)],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
    }

    /// Every learner, in the order they joined.
    pub fn learners(&self) -> Result<Vec<LearnerRow>, ClassStoreError> {
        self.rows(
            "SELECT learner, name, section, following, mastered, items, connected
             FROM learners ORDER BY joined_ms, learner",
            [],
            |row| {
                Ok(LearnerRow {
                    learner: row.get(0)?,
                    name: row.get(1)?,
                    section: row.get(2)?,
                    following: row.get(3)?,
                    mastered: row.get::<_, i64>(4)?.try_into().unwrap_or(0),
                    items: row.get::<_, i64>(5)?.try_into().unwrap_or(0),
                    connected: row.get(6)?,
                })
            },
        )
    }

    /// The lesson records learners sent, with their names.
    pub fn records(&self) -> Result<Vec<(String, LessonRecord)>, ClassStoreError> {
        let texts: Vec<(String, String)> = self.rows(
            "SELECT name, record FROM learners WHERE record IS NOT NULL ORDER BY joined_ms",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(texts
            .into_iter()
            .filter_map(|(name, text)| Some((name, serde_json::from_str(&text).ok()?)))
            .collect())
    }

    fn write(&self, sql: &str, values: impl rusqlite::Params) -> Result<(), ClassStoreError> {
        self.connection
            .execute(sql, values)
            .map(drop)
            .map_err(|error| file_error(&self.path, &error))
    }

    fn rows<T>(
        &self,
        sql: &str,
        values: impl rusqlite::Params,
        row: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<Vec<T>, ClassStoreError> {
        let read = || -> rusqlite::Result<Vec<T>> {
            let mut statement = self.connection.prepare_cached(sql)?;
            statement.query_map(values, row)?.collect()
        };
        read().map_err(|error| file_error(&self.path, &error))
    }
}

/// Where a learner is: the section read (an anchor), whether they follow the
/// presenter, and their checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Whereabouts {
    pub section: String,
    pub following: bool,
    pub mastered: usize,
    pub items: usize,
}

/// A poll's number as SQLite keeps it (numbers count up from 1, far below the limit).
fn poll_row(poll: u64) -> i64 {
    i64::try_from(poll).unwrap_or(i64::MAX)
}

fn file_error(path: &Path, error: &dyn std::fmt::Display) -> ClassStoreError {
    ClassStoreError::File {
        path: path.to_path_buf(),
        reason: error.to_string(),
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;
