//! The reader's events into the progress store: each event as it happens, the clock
//! and position every few seconds and at the end. Study time goes to the lesson being
//! studied: the one read, or while reviewing, the one the question comes from (each
//! lesson studied gets a sitting of its own). A store that fails keeps the reader going,
//! with a notice that progress is not being saved.

use crate::app::App;
use crate::progress::{CHECKPOINT_EVERY_MS, Event, Position, ProgressError, ProgressStore};

/// An open store and the sittings being recorded.
pub struct Recording {
    store: ProgressStore,
    /// The lesson the reader shows: its sitting also saves the reading position.
    lesson: String,
    /// A sitting for each lesson studied in this run, with its own active time.
    sittings: Vec<Sitting>,
    /// The app's active time already shared out among the sittings.
    counted_ms: u64,
    last_checkpoint: u64,
    /// The place the last checkpoint saved in the lesson read: an idle reader writes
    /// nothing.
    saved_position: Option<Position>,
}

/// One lesson's sitting in this run.
struct Sitting {
    lesson: String,
    id: i64,
    active_ms: u64,
    /// The active time the store has.
    saved_ms: u64,
}

impl Recording {
    /// Recording the sitting `sitting` of `lesson`, whose earlier sittings' time
    /// (`earlier_ms`) the app's clock counts too.
    #[must_use]
    pub fn new(store: ProgressStore, lesson: &str, sitting: i64, earlier_ms: u64) -> Self {
        Self {
            store,
            lesson: lesson.to_owned(),
            sittings: vec![Sitting {
                lesson: lesson.to_owned(),
                id: sitting,
                active_ms: 0,
                saved_ms: 0,
            }],
            counted_ms: earlier_ms,
            last_checkpoint: 0,
            saved_position: None,
        }
    }

    /// The store, for what the runtime reads from it (the home screen, due reviews).
    #[must_use]
    pub fn store(&self) -> &ProgressStore {
        &self.store
    }

    /// The reader now shows `next`, on another lesson (the one before flushed and
    /// checkpointed): the new lesson gets a sitting of its own.
    pub fn switch_to(&mut self, next: &mut App) {
        self.lesson.clone_from(&next.lesson().meta.id);
        self.saved_position = None;
        self.counted_ms = next.session.active_ms();
        let lesson = self.lesson.clone();
        if let Err(error) = self.sitting(&lesson) {
            Self::report(next, Err(error));
        }
    }

    /// Writes the app's new events, and the clock when a checkpoint is due.
    pub fn flush(&mut self, app: &mut App) {
        self.share_time(app);
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
            let written = match event {
                Event::InLesson { lesson, event } => self.sitting(&lesson).and_then(|index| {
                    let sitting = self.sittings[index].id;
                    self.store.record(&lesson, Some(sitting), &event)
                }),
                event => {
                    let reading = self.lesson.clone();
                    self.sitting(&reading).and_then(|index| {
                        let sitting = self.sittings[index].id;
                        self.store.record(&reading, Some(sitting), &event)
                    })
                }
            };
            Self::report(app, written);
        }
        if app.session.now().saturating_sub(self.last_checkpoint) >= CHECKPOINT_EVERY_MS {
            self.checkpoint(app, false);
        }
    }

    /// The active time gained since the last share goes to the lesson being studied.
    fn share_time(&mut self, app: &App) {
        let active = app.session.active_ms();
        let gained = active.saturating_sub(self.counted_ms);
        self.counted_ms = active;
        if gained == 0 {
            return;
        }
        let Some(lesson) = app.studying_lesson().map(str::to_owned) else {
            return;
        };
        if let Ok(index) = self.sitting(&lesson) {
            self.sittings[index].active_ms += gained;
        }
    }

    /// Where `lesson`'s sitting of this run is in `sittings`, started when first needed.
    fn sitting(&mut self, lesson: &str) -> Result<usize, ProgressError> {
        if let Some(index) = self
            .sittings
            .iter()
            .position(|sitting| sitting.lesson == lesson)
        {
            return Ok(index);
        }
        let id = self.store.start_sitting(lesson)?;
        self.sittings.push(Sitting {
            lesson: lesson.to_owned(),
            id,
            active_ms: 0,
            saved_ms: 0,
        });
        Ok(self.sittings.len() - 1)
    }

    /// Saves each sitting's active time, and the reading position with the lesson
    /// read; `ended` on quit.
    pub fn checkpoint(&mut self, app: &mut App, ended: bool) {
        self.share_time(app);
        self.last_checkpoint = app.session.now();
        let position = app.position();
        // On the home screen the place in the lesson read is not news: it is not saved
        // as if the learner were reading there now.
        let reading = app.studying_lesson().is_some();
        for index in 0..self.sittings.len() {
            let sitting = &self.sittings[index];
            let (lesson, id, active) = (sitting.lesson.clone(), sitting.id, sitting.active_ms);
            let with_place = lesson == self.lesson && reading;
            let unchanged = sitting.saved_ms == active
                && (!with_place || self.saved_position.as_ref() == Some(&position));
            if unchanged && !ended {
                continue;
            }
            let saved = if with_place {
                let saved = self.store.checkpoint(&lesson, id, active, &position, ended);
                if saved.is_ok() {
                    self.saved_position = Some(position.clone());
                }
                saved
            } else {
                self.store.checkpoint_time(&lesson, id, active, ended)
            };
            if saved.is_ok() {
                self.sittings[index].saved_ms = active;
            }
            Self::report(app, saved);
        }
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

#[cfg(test)]
mod tests {
    use super::Recording;
    use crate::app::tests::reader_in;
    use crate::app::{Message, QuizMessage};
    use crate::course::{CourseSource, load_course};
    use crate::progress::{ProgressStore, ReviewItem};
    use crate::quiz::CourseQuizzes;
    use crate::strings::Lang;

    fn pods_question() -> ReviewItem {
        let source = CourseSource::Directory(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/courses/course-home"),
        );
        let course = load_course(&source).unwrap();
        let quizzes = CourseQuizzes::load(&source, &course);
        ReviewItem {
            draft: None,
            lesson: "pods".to_owned(),
            lesson_title: "Pod の基本".to_owned(),
            question: quizzes.ready("pods").unwrap().questions[0].clone(),
        }
    }

    #[test]
    fn review_time_and_answers_go_to_the_questions_lesson_and_leave_its_place_alone() {
        let scratch = tempfile::tempdir().unwrap();
        let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
        let sitting = store.start_sitting("services").unwrap();
        let mut recording = Recording::new(store, "services", sitting, 0);
        let mut app = reader_in(100, 30, Lang::Ja);
        // Four seconds of reading.
        app.note_input(0);
        app.tick(4_000);
        recording.flush(&mut app);
        // Five of reviewing a question of `pods`, answered.
        app.start_review(vec![pods_question()]);
        app.note_input(4_000);
        app.update(Message::Quiz(QuizMessage::Pick(0)));
        app.note_input(9_000);
        app.update(Message::Quiz(QuizMessage::Submit));
        app.tick(9_000);
        recording.flush(&mut app);
        app.update(Message::Quiz(QuizMessage::Next));
        app.update(Message::Quiz(QuizMessage::Leave));
        // One more of reading.
        app.note_input(9_500);
        app.tick(10_000);
        recording.flush(&mut app);
        recording.checkpoint(&mut app, true);
        let store = ProgressStore::open(scratch.path(), "hanako").unwrap();
        // Each sitting's own time (the lessons' totals join spans on the wall clock,
        // which this test does not wait for).
        let log = store.log().unwrap().unwrap();
        let active = |lesson: &str| -> Vec<i64> {
            log.sittings
                .iter()
                .filter(|sitting| sitting.lesson == lesson)
                .map(|sitting| sitting.active_ms)
                .collect()
        };
        assert_eq!(active("pods"), [5_000]);
        assert_eq!(active("services"), [5_000]);
        let pods = store.lesson_state("pods").unwrap();
        assert_eq!(pods.quiz.attempts.len(), 1);
        // Reviewing is not reading: no place kept in `pods`.
        assert_eq!(pods.position, None);
        let services = store.lesson_state("services").unwrap();
        assert!(services.quiz.attempts.is_empty());
        assert!(services.position.is_some());
    }
}
