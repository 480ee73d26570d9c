//! The store's schema, as numbered migrations from the first release on. SQLite's
//! `user_version` says how many have run; each runs in its own transaction.

use rusqlite::Connection;

/// Migration `n` (1-based) is `MIGRATIONS[n - 1]`. Append only: never edit one that
/// has shipped.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: profiles, sittings, the event log, reading positions.
    "CREATE TABLE profiles (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL
    );
    CREATE TABLE sittings (
        id INTEGER PRIMARY KEY,
        profile INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        active_ms INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX sittings_by_lesson ON sittings(profile, lesson);
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        profile INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson TEXT NOT NULL,
        sitting INTEGER REFERENCES sittings(id) ON DELETE SET NULL,
        at INTEGER NOT NULL,
        kind TEXT NOT NULL,
        section TEXT,
        question TEXT,
        answer TEXT,
        right INTEGER,
        item INTEGER,
        value INTEGER
    );
    CREATE INDEX events_by_lesson ON events(profile, lesson, kind);
    CREATE TABLE positions (
        profile INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson TEXT NOT NULL,
        section TEXT,
        line_offset INTEGER NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (profile, lesson)
    );",
    // 2: manifest answers being written, so quitting (or a crash) loses no draft.
    "CREATE TABLE drafts (
        profile INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson TEXT NOT NULL,
        question TEXT NOT NULL,
        text TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (profile, lesson, question)
    );",
    // 3: when each sitting was active (wall-clock spans), so two windows open at once on
    // one profile count their overlap once.
    "CREATE TABLE spans (
        id INTEGER PRIMARY KEY,
        sitting INTEGER NOT NULL REFERENCES sittings(id) ON DELETE CASCADE,
        started_at INTEGER NOT NULL,
        ended_at INTEGER NOT NULL
    );
    CREATE INDEX spans_by_sitting ON spans(sitting);",
    // 4: spaced review. Events and sittings get ids of their own, so an export imported
    // twice counts nothing twice; answers keep how long they took and how well they
    // recalled the question; each question answered has a review schedule per profile
    // (built from the answers already in the log when a store upgrades); a profile may
    // turn reviews off.
    // Rows already there get ids made of what they are (their profile's name and their
    // row), so two copies of one store upgraded apart agree on them; new rows get random
    // ones.
    "ALTER TABLE events ADD COLUMN uid TEXT;
    UPDATE events SET uid = (SELECT name FROM profiles WHERE id = events.profile)
        || '/' || lesson || '/' || at || '/' || kind || '/' || id;
    CREATE UNIQUE INDEX events_by_uid ON events(profile, uid);
    ALTER TABLE events ADD COLUMN took_ms INTEGER;
    ALTER TABLE events ADD COLUMN recall INTEGER;
    ALTER TABLE sittings ADD COLUMN uid TEXT;
    UPDATE sittings SET uid = (SELECT name FROM profiles WHERE id = sittings.profile)
        || '/' || lesson || '/' || started_at || '/sitting/' || id;
    CREATE UNIQUE INDEX sittings_by_uid ON sittings(profile, uid);
    ALTER TABLE profiles ADD COLUMN reviews INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE schedules (
        profile INTEGER NOT NULL REFERENCES profiles(id) ON DELETE CASCADE,
        lesson TEXT NOT NULL,
        question TEXT NOT NULL,
        due INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days INTEGER NOT NULL,
        scheduled_days INTEGER NOT NULL,
        reps INTEGER NOT NULL,
        lapses INTEGER NOT NULL,
        state INTEGER NOT NULL,
        last_review INTEGER NOT NULL,
        last_recall INTEGER NOT NULL,
        PRIMARY KEY (profile, lesson, question)
    );
    CREATE INDEX schedules_by_due ON schedules(profile, due);",
];

/// The migration that brings reviews and event ids; the log's answers are replayed into
/// review schedules after it.
pub const REVIEWS: u32 = 4;

/// The schema version this build writes.
pub const CURRENT_VERSION: u32 = MIGRATIONS.len() as u32;

/// The database's schema version.
pub fn version(connection: &Connection) -> rusqlite::Result<u32> {
    connection.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Runs the migrations the database has not had yet.
pub fn migrate(connection: &mut Connection) -> rusqlite::Result<()> {
    let from = version(connection)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        let transaction = connection.transaction()?;
        transaction.execute_batch(sql)?;
        if index + 1 == REVIEWS as usize {
            super::review::replay_answers(&transaction)?;
        }
        transaction.pragma_update(
            None,
            "user_version",
            i64::try_from(index + 1).unwrap_or(i64::MAX),
        )?;
        transaction.commit()?;
    }
    Ok(())
}
