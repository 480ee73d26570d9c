//! How a notes window follows a presenting window: the presenter writes its state to a
//! small file named for the channel in the data folder (atomically: written aside, then
//! renamed), the notes window reads it a few times a second. A channel is one talk: the
//! presenter holds a lock on the channel's lock file while it runs (the system lets go
//! of it when the process ends, crash or not), so a second presenter on a live channel
//! is refused and two talks never cross. File locks work alike on Unix and Windows.

use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::AgendaClock;

/// What the notes window needs to follow the talk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenterState {
    /// The presenting process, named when a second presenter is refused.
    pub pid: u32,
    pub lesson: String,
    /// The slide on screen (0-based) and how many there are.
    pub slide: usize,
    pub slides: usize,
    /// The agenda clock, on the wall clock (milliseconds since 1970).
    pub started_at: u64,
    pub paused_ms: u64,
    pub paused_since: Option<u64>,
    /// Talk time when the talk reached this slide: its share of time counts from there.
    #[serde(default)]
    pub slide_entered_ms: u64,
    /// The talk runs a live class (`present --class`): the notes window shows it.
    #[serde(default)]
    pub class: bool,
}

impl PresenterState {
    #[must_use]
    pub fn clock(&self) -> AgendaClock {
        AgendaClock {
            started_at: self.started_at,
            paused_ms: self.paused_ms,
            paused_since: self.paused_since,
        }
    }
}

/// Why the channel cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ChannelError {
    #[error(
        "another presenting window (process {pid}) is on channel `{channel}`; give both windows of this talk another --channel NAME"
    )]
    Taken { channel: String, pid: u32 },
    #[error("cannot use the presentation channel {path}: {reason}")]
    Io { path: PathBuf, reason: String },
}

/// How often, and how long apart, a presenter tries a channel a notes window is
/// looking at.
const CLAIM_TRIES: u32 = 20;
const CLAIM_PAUSE: std::time::Duration = std::time::Duration::from_millis(25);

/// One named channel in a folder.
#[derive(Debug, Clone)]
pub struct Channel {
    pub name: String,
    path: PathBuf,
}

/// The presenter's hold on a channel: dropping it (or the process ending) frees it.
#[derive(Debug)]
pub struct ChannelHold {
    _lock: fs::File,
}

impl Channel {
    /// The channel `name` in `folder` (its `present` subfolder).
    #[must_use]
    pub fn new(folder: &Path, name: &str) -> Self {
        let safe: String = name
            .chars()
            .map(|character| {
                if character.is_alphanumeric() || matches!(character, '-' | '_' | '.') {
                    character
                } else {
                    '_'
                }
            })
            .collect();
        Self {
            name: name.to_owned(),
            path: folder
                .join("present")
                .join(format!("{}.json", safe.trim_start_matches('.'))),
        }
    }

    /// Takes the channel: refused while another presenter holds it. A notes window
    /// looking (`held`) holds it for a moment: that is waited out.
    pub fn claim(&self) -> Result<ChannelHold, ChannelError> {
        let lock = self.lock_file()?;
        let mut tries = 0;
        loop {
            match lock.try_lock() {
                Ok(()) => return Ok(ChannelHold { _lock: lock }),
                Err(fs::TryLockError::WouldBlock) if tries < CLAIM_TRIES => {
                    tries += 1;
                    std::thread::sleep(CLAIM_PAUSE);
                }
                Err(fs::TryLockError::WouldBlock) => {
                    return Err(ChannelError::Taken {
                        channel: self.name.clone(),
                        pid: self.read().map_or(0, |state| state.pid),
                    });
                }
                Err(fs::TryLockError::Error(reason)) => {
                    return Err(ChannelError::Io {
                        path: self.lock_path(),
                        reason: reason.to_string(),
                    });
                }
            }
        }
    }

    /// Whether a presenter holds the channel now (a window that crashed holds it no
    /// more). Looks with a shared lock on the file as it is: nothing is made, and a
    /// channel never presented on is not held.
    #[must_use]
    pub fn held(&self) -> bool {
        fs::File::open(self.lock_path())
            .is_ok_and(|lock| matches!(lock.try_lock_shared(), Err(fs::TryLockError::WouldBlock)))
    }

    fn lock_path(&self) -> PathBuf {
        self.path.with_extension("lock")
    }

    /// The channel's lock file, made when missing (and left: removing it would let a
    /// second presenter lock a new file while the first holds the old one).
    fn lock_file(&self) -> Result<fs::File, ChannelError> {
        let path = self.lock_path();
        let error = |reason: String| ChannelError::Io {
            path: path.clone(),
            reason,
        };
        if let Some(folder) = path.parent() {
            crate::progress::private_folder(folder).map_err(|reason| error(reason.to_string()))?;
        }
        fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|reason| error(reason.to_string()))
    }

    /// Publishes the presenter's state.
    pub fn write(&self, state: &PresenterState) -> Result<(), ChannelError> {
        let error = |reason: String| ChannelError::Io {
            path: self.path.clone(),
            reason,
        };
        if let Some(folder) = self.path.parent() {
            crate::progress::private_folder(folder).map_err(|reason| error(reason.to_string()))?;
        }
        let text = serde_json::to_string(state).map_err(|reason| error(reason.to_string()))?;
        let aside = self.path.with_extension(format!("json.{}", state.pid));
        fs::write(&aside, text).map_err(|reason| error(reason.to_string()))?;
        fs::rename(&aside, &self.path).map_err(|reason| error(reason.to_string()))
    }

    /// The presenter's latest state, if a presenter is on the channel.
    #[must_use]
    pub fn read(&self) -> Option<PresenterState> {
        let text = fs::read_to_string(&self.path).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The presenter is done: the channel is free.
    pub fn close(&self, pid: u32) {
        if self.read().is_some_and(|state| state.pid == pid) {
            let _ = fs::remove_file(&self.path);
        }
    }
}
