//! The reader's side of a live class at work: the link's events become the app's
//! messages, and where the learner is, their answers to polls and their record of the
//! lesson go to the class.

use std::time::{Duration, Instant};

use super::run::Reading;
use crate::app::{Effect, Message};
use crate::class::{
    LearnerMessage, Link, LinkEvent, Refusal, Whereabouts, message_id, protocol::MAX_MESSAGE,
};
use crate::progress::{LessonRecord, ReviewRecord, known_due};

/// How often the reader looks at the link between keys.
pub(super) const CLASS_EVERY: Duration = Duration::from_millis(40);
/// How long quitting waits for the class to take what is still queued.
const LAST_WORDS: Duration = Duration::from_secs(2);
/// The longest answer text a record sent to the class keeps.
const RECORD_ANSWER_CHARS: usize = 400;

/// The link and what the class last heard.
pub struct ClassSide {
    link: Link,
    told: Option<Whereabouts>,
    /// Answers given since the record was last sent.
    record_due: bool,
}

impl ClassSide {
    #[must_use]
    pub fn new(link: Link) -> Self {
        Self {
            link,
            told: None,
            record_due: true,
        }
    }
}

impl ClassSide {
    /// Events heard before the reader started, heard again by it.
    pub fn replay(&self, events: Vec<LinkEvent>) {
        self.link.replay(events);
    }
}

impl Reading {
    /// Hands the link's events to the app; whether any came.
    pub(super) fn hear_class(&mut self) -> bool {
        let Some(class) = self.class.as_mut() else {
            return false;
        };
        let events: Vec<LinkEvent> = class.link.events().collect();
        let heard = !events.is_empty();
        for event in events {
            let message = match event {
                LinkEvent::Joined {
                    lesson,
                    section,
                    poll,
                } => {
                    // The class is on another lesson: it opens where the learner left it.
                    if lesson != self.app.lesson().meta.id {
                        self.course_effect(Effect::OpenLesson(lesson));
                    }
                    Message::ClassJoined {
                        section,
                        poll: poll.map(|poll| (poll.poll, poll.question)),
                    }
                }
                LinkEvent::Goto(section) => Message::PresenterAt(section),
                LinkEvent::Poll(poll) => Message::PollOpened {
                    poll: poll.poll,
                    question: poll.question,
                },
                LinkEvent::PollClosed(poll) => Message::PollClosed(poll),
                LinkEvent::Lost(_) => Message::ClassLost,
                LinkEvent::Ended => Message::ClassEnded,
                LinkEvent::Refused(reason) => {
                    let texts = self.app.texts().class;
                    Message::ClassRefused(
                        match reason {
                            Refusal::WrongCode => texts.refused_code,
                            Refusal::Version => texts.refused_version,
                            _ => texts.refused_other,
                        }
                        .to_owned(),
                    )
                }
            };
            self.app.update(message);
        }
        heard
    }

    /// Sends the class what changed: where the learner is, answers to polls, and the
    /// lesson's record after answers.
    pub(super) fn tell_class(&mut self) {
        let answers = self.app.take_poll_answers();
        let whereabouts = self.app.whereabouts();
        let Some(class) = self.class.as_mut() else {
            return;
        };
        for (poll, answer) in answers {
            class.link.send(&LearnerMessage::Answer {
                id: message_id(),
                poll,
                answer,
            });
            class.record_due = true;
        }
        if let Some(now) = whereabouts.filter(|now| class.told.as_ref() != Some(now)) {
            if class
                .told
                .as_ref()
                .is_some_and(|told| told.mastered != now.mastered)
            {
                class.record_due = true;
            }
            class.link.send(&LearnerMessage::Progress {
                id: message_id(),
                section: now.section.clone(),
                following: now.following,
                mastered: now.mastered,
                items: now.items,
            });
            class.told = Some(now);
        }
        if class.record_due {
            class.record_due = false;
            if let Some(record) = self.lesson_record()
                && let Some(class) = self.class.as_ref()
            {
                class.link.send(&LearnerMessage::Record {
                    id: message_id(),
                    record,
                });
            }
        }
    }

    /// The lesson's record as the class report needs it, its answers cut short so the
    /// message stays within the protocol's limit.
    fn lesson_record(&self) -> Option<LessonRecord> {
        let store = self.recording.as_ref()?.store();
        let lesson = self.app.lesson();
        let state = store.lesson_state(&lesson.meta.id).ok()?;
        let mut record = LessonRecord::new(lesson, self.app.quiz(), &state);
        let now = crate::progress::now_ms();
        let id = &lesson.meta.id;
        let counts = store
            .review_counts(now)
            .ok()?
            .get(id)
            .copied()
            .unwrap_or_default();
        let known = |question: &str| {
            self.app
                .quiz()
                .is_some_and(|quiz| quiz.questions.iter().any(|known| known.id == question))
        };
        let due = known_due(store, now, |lesson, question| {
            lesson == id && known(question)
        })
        .ok()?;
        record.review = Some(ReviewRecord {
            due: due.len(),
            retained: counts.retained,
            scheduled: counts.scheduled,
        });
        for answer in record.answers_mut() {
            if answer.answer.chars().count() > RECORD_ANSWER_CHARS {
                answer.answer = answer.answer.chars().take(RECORD_ANSWER_CHARS).collect();
            }
        }
        let size = serde_json::to_vec(&record).map_or(usize::MAX, |text| text.len());
        if size > MAX_MESSAGE / 2 {
            record
                .answers_mut()
                .for_each(|answer| answer.answer.clear());
        }
        Some(record)
    }

    /// On quitting: the last record, and a moment for the queue to go out.
    pub(super) fn leave_class(&mut self) {
        // Out of reach, nothing would go out: quitting does not wait for it.
        let joined = self
            .app
            .class()
            .is_some_and(|class| class.link == crate::app::ClassLink::Joined);
        if !joined {
            return;
        }
        if let Some(class) = self.class.as_mut() {
            class.record_due = true;
        }
        self.tell_class();
        let Some(class) = self.class.as_ref() else {
            return;
        };
        let until = Instant::now() + LAST_WORDS;
        while class.link.waiting() > 0 && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
