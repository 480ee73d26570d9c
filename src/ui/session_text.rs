//! A notice about the progress store, said with the session's words.

use crate::progress::StoreNotice;
use crate::strings::session::SessionTexts;

impl SessionTexts {
    /// A notice about the store, for the learner.
    #[must_use]
    pub fn store_notice(&self, notice: &StoreNotice) -> String {
        match notice {
            StoreNotice::MovedAside { path, aside } => self
                .moved_aside
                .replace("{path}", &path.display().to_string())
                .replace("{aside}", &aside.display().to_string()),
            StoreNotice::Newer { path, .. } => {
                self.newer.replace("{path}", &path.display().to_string())
            }
            StoreNotice::ReadOnly { path } => self
                .read_only
                .replace("{path}", &path.display().to_string()),
        }
    }
}
