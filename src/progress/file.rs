//! The store's file: found in the platform data folder, private to the user, WAL mode so
//! two windows can share it. A file that is not a healthy SQLite database is moved aside
//! (never deleted) and a fresh one started; one from a newer manabi is opened read-only.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::schema::{CURRENT_VERSION, migrate, version};
use super::{Access, ProgressError};

/// The database's file name in the data folder.
pub const STORE_FILE: &str = "progress.sqlite3";

/// How long a writer waits for another window's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// The platform data folder (`~/.local/share/manabi` on Linux), if there is a home.
#[must_use]
pub fn default_data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "manabi").map(|dirs| dirs.data_dir().to_path_buf())
}

pub struct Opened {
    pub connection: Connection,
    pub path: PathBuf,
    pub access: Access,
    pub notices: Vec<StoreNotice>,
}

/// What the learner should know about how the store was opened; the reader words it in
/// the learner's language, the commands print it as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreNotice {
    /// The file was not a healthy store: moved to `aside`, a new store started.
    MovedAside { path: PathBuf, aside: PathBuf },
    /// Written by a newer manabi: read, never written.
    Newer {
        path: PathBuf,
        found: u32,
        known: u32,
    },
    /// The file or its folder cannot be written: read, not saved.
    ReadOnly { path: PathBuf },
}

impl std::fmt::Display for StoreNotice {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::MovedAside { path, aside } => write!(
                formatter,
                "{} was not a readable progress store; it was moved to {} and a new one started",
                path.display(),
                aside.display()
            ),
            Self::Newer { path, found, known } => write!(
                formatter,
                "{} was written by a newer manabi (schema {found}, this one knows {known}); progress is shown but not saved",
                path.display()
            ),
            Self::ReadOnly { path } => write!(
                formatter,
                "{} cannot be written (read-only); progress is shown but not saved",
                path.display()
            ),
        }
    }
}

/// Opens the store in `folder`, creating the folder (0700) and file (0600) if needed.
pub fn open_database(folder: &Path) -> Result<Opened, ProgressError> {
    create_private_folder(folder)?;
    let path = folder.join(STORE_FILE);
    create_private_file(&path)?;
    let mut notices = Vec::new();
    let database_error = |source| ProgressError::Database {
        path: path.clone(),
        source,
    };
    let connection = match open_checked(&path) {
        Ok(connection) => connection,
        Err(error) if is_not_a_database(&error) => {
            let aside = move_aside(&path)?;
            notices.push(StoreNotice::MovedAside {
                path: path.clone(),
                aside,
            });
            create_private_file(&path)?;
            open_checked(&path).map_err(database_error)?
        }
        // A store the learner cannot write (a read-only disk or file) is still read.
        Err(error) if is_read_only(&error) => {
            let notice = StoreNotice::ReadOnly { path: path.clone() };
            return read_only(path, notice, notices);
        }
        Err(error) => return Err(database_error(error)),
    };
    make_private(&path);
    migrated(connection, path, notices)
}

/// The store at the current schema; one from a newer manabi is only read.
fn migrated(
    connection: Connection,
    path: PathBuf,
    notices: Vec<StoreNotice>,
) -> Result<Opened, ProgressError> {
    let database_error = |source| ProgressError::Database {
        path: path.clone(),
        source,
    };
    let found = version(&connection).map_err(database_error)?;
    if found > CURRENT_VERSION {
        drop(connection);
        let notice = StoreNotice::Newer {
            path: path.clone(),
            found,
            known: CURRENT_VERSION,
        };
        return read_only(path, notice, notices);
    }
    let mut connection = connection;
    match migrate(&mut connection) {
        Ok(()) => {}
        // An older store that cannot be written is read as it is.
        Err(error) if is_read_only(&error) => {
            drop(connection);
            let notice = StoreNotice::ReadOnly { path: path.clone() };
            return read_only(path, notice, notices);
        }
        Err(error) => return Err(database_error(error)),
    }
    Ok(Opened {
        connection,
        path,
        access: Access::ReadWrite,
        notices,
    })
}

/// The store opened for reading only, the notice that says why kept with the others.
fn read_only(
    path: PathBuf,
    notice: StoreNotice,
    mut notices: Vec<StoreNotice>,
) -> Result<Opened, ProgressError> {
    let reason = notice.to_string();
    notices.push(notice);
    open_read_only(path, reason, notices)
}

/// The store opened for reading only, `reason` saying why.
fn open_read_only(
    path: PathBuf,
    reason: String,
    notices: Vec<StoreNotice>,
) -> Result<Opened, ProgressError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    // A WAL store in a folder that cannot be written has no `-shm` file to share, and
    // SQLite reads it only as immutable; else plainly, so another window's writes show.
    let immutable = format!("file:{}?immutable=1", uri_path(&path));
    let connection = Connection::open_with_flags(&path, flags)
        .and_then(|connection| {
            connection.query_row("PRAGMA user_version", [], |_| Ok(()))?;
            Ok(connection)
        })
        .or_else(|_| Connection::open_with_flags(&immutable, flags | OpenFlags::SQLITE_OPEN_URI))
        .and_then(|connection| {
            connection.busy_timeout(BUSY_TIMEOUT)?;
            Ok(connection)
        })
        .map_err(|source| ProgressError::Database {
            path: path.clone(),
            source,
        })?;
    Ok(Opened {
        connection,
        path,
        access: Access::ReadOnly(reason),
        notices,
    })
}

/// A path for an SQLite URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .replace('%', "%25")
        .replace('?', "%3f")
        .replace('#', "%23")
}

fn is_read_only(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen)
    )
}

/// Opens the file and makes sure it is a healthy database in WAL mode.
fn open_checked(path: &Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(path)?;
    connection.busy_timeout(BUSY_TIMEOUT)?;
    // Reading the schema is what finds a file that is not a database at all.
    let health: String = connection.query_row("PRAGMA quick_check", [], |row| row.get(0))?;
    if health != "ok" {
        return Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CORRUPT),
            Some(health),
        ));
    }
    connection.pragma_update(None, "journal_mode", "WAL")?;
    // Every commit reaches the disk: a power cut loses no committed event.
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    Ok(connection)
}

fn is_not_a_database(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt)
    )
}

/// Renames a broken store (and its WAL files) to `progress.sqlite3.corrupt-<time>`.
fn move_aside(path: &Path) -> Result<PathBuf, ProgressError> {
    let stamp = super::now_ms() / 1000;
    let aside = path.with_file_name(format!("{STORE_FILE}.corrupt-{stamp}"));
    fs::rename(path, &aside).map_err(|error| ProgressError::Folder {
        path: path.to_path_buf(),
        reason: format!("cannot move the broken store aside: {error}"),
    })?;
    for suffix in ["-wal", "-shm"] {
        let companion = path.with_file_name(format!("{STORE_FILE}{suffix}"));
        if companion.exists() {
            let _ = fs::rename(
                &companion,
                aside.with_file_name(format!("{STORE_FILE}.corrupt-{stamp}{suffix}")),
            );
        }
    }
    Ok(aside)
}

fn create_private_folder(folder: &Path) -> Result<(), ProgressError> {
    private_folder(folder).map_err(|reason| ProgressError::Folder {
        path: folder.to_path_buf(),
        reason: reason.to_string(),
    })
}

/// Creates `folder` (and its parents) readable by its owner only: the data folder holds
/// learners' progress.
pub fn private_folder(folder: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(folder)
}

/// An empty file with owner-only permissions, so the database is never readable by
/// others, not even for a moment (SQLite gives its WAL files the same permissions).
fn create_private_file(path: &Path) -> Result<(), ProgressError> {
    if path.exists() {
        return Ok(());
    }
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(ProgressError::Folder {
            path: path.to_path_buf(),
            reason: error.to_string(),
        }),
    }
}

/// The store holds a learner's record: only they may read it.
fn make_private(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for file in [
            path.to_path_buf(),
            path.with_file_name(format!("{STORE_FILE}-wal")),
            path.with_file_name(format!("{STORE_FILE}-shm")),
        ] {
            if file.exists() {
                let _ = fs::set_permissions(&file, fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
