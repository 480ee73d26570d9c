//! The reader's events into the progress store: each event as it happens, the clock
//! and position every few seconds and at the end. A store that fails keeps the reader
//! going, with a notice that progress is not being saved.

use crate::app::App;
use crate::progress::{CHECKPOINT_EVERY_MS, Event, Position, ProgressError, ProgressStore};

/// An open store and the sitting being recorded.
pub struct Recording {
    store: ProgressStore,
    lesson: String,
    sitting: i64,
    /// Active time of earlier sittings (the app's clock counts them too).
    earlier_ms: u64,
    last_checkpoint: u64,
    /// What the last checkpoint saved: an idle reader writes nothing.
    saved: Option<(u64, Position)>,
}

impl Recording {
    #[must_use]
    pub fn new(store: ProgressStore, lesson: &str, sitting: i64, earlier_ms: u64) -> Self {
        Self {
            store,
            lesson: lesson.to_owned(),
            sitting,
            earlier_ms,
            last_checkpoint: 0,
            saved: None,
        }
    }

    /// Writes the app's new events, and the clock when a checkpoint is due.
    pub fn flush(&mut self, app: &mut App) {
        let mut events = std::mem::take(&mut app.session.outbox);
        // Of several drafts of one question only the last needs writing.
        let mut seen = Vec::new();
        for index in (0..events.len()).rev() {
            if let Event::Draft { question, .. } = &events[index] {
                if seen.contains(question) {
                    events.remove(index);
                } else {
                    seen.push(question.clone());
                }
            }
        }
        for event in events {
            let written = self.store.record(&self.lesson, Some(self.sitting), &event);
            Self::report(app, written);
        }
        if app.session.now().saturating_sub(self.last_checkpoint) >= CHECKPOINT_EVERY_MS {
            self.checkpoint(app, false);
        }
    }

    /// Saves the sitting's active time and the reading position; `ended` on quit.
    pub fn checkpoint(&mut self, app: &mut App, ended: bool) {
        let active = app.session.active_ms().saturating_sub(self.earlier_ms);
        let position = app.position();
        self.last_checkpoint = app.session.now();
        if !ended && self.saved.as_ref() == Some(&(active, position.clone())) {
            return;
        }
        let saved = self
            .store
            .checkpoint(&self.lesson, self.sitting, active, &position, ended);
        if saved.is_ok() {
            self.saved = Some((active, position));
        }
        Self::report(app, saved);
    }

    /// A failed write shows once as a notice and stays in the status bar until a write
    /// succeeds again.
    fn report(app: &mut App, result: Result<(), ProgressError>) {
        match result {
            Ok(()) => app.session.not_saving = None,
            Err(error) => {
                let reason = error.to_string();
                if app.session.not_saving.is_none() {
                    app.notice = Some(app.texts().session.not_saving_because(&reason));
                }
                app.session.not_saving = Some(reason);
            }
        }
    }
}
