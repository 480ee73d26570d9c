//! The reader in a live class: it follows the presenter's section until the learner
//! moves by themselves (`f` follows again), opens the presenter's polls as quiz
//! questions, and queues what the class must hear (answers to polls). The runtime
//! turns the link's events into messages and sends what is queued.

use super::{App, Message, Outcome, Screen};
use crate::class::Whereabouts;
use crate::progress::Event;
use crate::quiz::Mastery;

/// How the class link is doing, as the status bar says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassLink {
    Joined,
    /// Out of reach; the link keeps trying.
    Lost,
    Ended,
    /// Refused, and why (said to the learner).
    Refused(String),
}

/// The learner's side of a live class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Following {
    pub link: ClassLink,
    /// Whether the reader goes where the presenter goes.
    pub following: bool,
    /// The presenter's section (an anchor), as last heard.
    pub presenter_section: Option<String>,
    /// The open poll: its number and question id.
    pub poll: Option<(u64, String)>,
    /// Polls answered here (their answers may still be on their way).
    answered: Vec<u64>,
    /// The question the latest poll asked, answered or not: its quiz screen says so.
    asked: Option<String>,
    /// Answers to polls for the class, oldest first: poll and answer.
    answers: Vec<(u64, String)>,
}

impl App {
    /// The reader joins a class: it follows from now on.
    pub fn join_class(&mut self) {
        self.class = Some(Following {
            link: ClassLink::Lost,
            following: true,
            presenter_section: None,
            poll: None,
            answered: Vec::new(),
            asked: None,
            answers: Vec::new(),
        });
    }

    /// Whether the question on screen is the one a poll asked.
    #[must_use]
    pub fn is_poll_on_screen(&self) -> bool {
        let Screen::Quiz(run) = &self.screen else {
            return false;
        };
        let on_screen = run
            .current()
            .and_then(|index| self.study.quiz()?.questions.get(index));
        self.class.as_ref().and_then(|class| class.asked.as_deref())
            == on_screen.map(|question| question.id.as_str())
            && run.item().is_none()
    }

    /// The class, when the reader is in one.
    #[must_use]
    pub fn class(&self) -> Option<&Following> {
        self.class.as_ref()
    }

    /// The answers to polls not yet handed to the class.
    pub fn take_poll_answers(&mut self) -> Vec<(u64, String)> {
        self.class
            .as_mut()
            .map(|class| std::mem::take(&mut class.answers))
            .unwrap_or_default()
    }

    /// Where the learner is: the section read, following or not, the checklist.
    #[must_use]
    pub fn whereabouts(&self) -> Option<Whereabouts> {
        let class = self.class.as_ref()?;
        let section = self
            .reader
            .current_section()
            .and_then(|index| self.reader.lesson().sections.get(index))
            .map(|section| section.anchor.clone())
            .unwrap_or_default();
        let marks = self.study.marks();
        Some(Whereabouts {
            section,
            following: class.following,
            mastered: marks
                .iter()
                .filter(|mark| mark.mastery == Mastery::Mastered)
                .count(),
            items: marks.len(),
        })
    }

    /// A message from the class, or `f`.
    pub(super) fn class_message(&mut self, message: Message) -> Outcome {
        let texts = self.texts.class;
        let Some(class) = self.class.as_mut() else {
            return Outcome::default();
        };
        match message {
            Message::ClassJoined { section, poll } => {
                class.link = ClassLink::Joined;
                class.presenter_section = Some(section);
                let follow = class.following;
                if follow {
                    self.go_to_presenter();
                }
                match poll {
                    Some((poll, question)) => return self.open_poll(poll, &question),
                    None => self.close_poll(None),
                }
            }
            Message::PresenterAt(section) => {
                class.presenter_section = Some(section);
                if class.following {
                    self.go_to_presenter();
                }
            }
            Message::FollowAgain => {
                class.following = true;
                self.go_to_presenter();
                return Outcome::notice(texts.learner_following);
            }
            Message::PollOpened { poll, question } => return self.open_poll(poll, &question),
            Message::PollClosed(poll) => self.close_poll(Some(poll)),
            Message::ClassLost => class.link = ClassLink::Lost,
            Message::ClassEnded => {
                class.link = ClassLink::Ended;
                class.following = false;
                return Outcome::notice(texts.learner_ended);
            }
            Message::ClassRefused(reason) => {
                class.link = ClassLink::Refused(reason.clone());
                class.following = false;
                return Outcome::notice(reason);
            }
            _ => {}
        }
        Outcome::default()
    }

    /// The learner moved by themselves: the reader stops following.
    pub(super) fn detach(&mut self, message: &Message) -> Option<Outcome> {
        let reading = matches!(self.screen, Screen::Reading | Screen::Searching);
        let moves = match message {
            Message::ScrollLines(_)
            | Message::ScrollPages(_)
            | Message::Top
            | Message::Bottom
            | Message::NextSection
            | Message::PreviousSection
            | Message::ContentsJump
            | Message::Wheel { .. }
            | Message::Click { .. }
            | Message::SearchSubmit
            | Message::NextMatch
            | Message::PreviousMatch => reading,
            // Reading a question's section, or another lesson: the learner's own way.
            Message::Quiz(crate::app::QuizMessage::Review) | Message::OpenNextLesson => true,
            _ => false,
        };
        let class = self.class.as_mut().filter(|class| class.following)?;
        if !moves {
            return None;
        }
        class.following = false;
        Some(Outcome::notice(self.texts.class.learner_detached))
    }

    fn go_to_presenter(&mut self) {
        let Some(anchor) = self
            .class
            .as_ref()
            .and_then(|class| class.presenter_section.clone())
        else {
            return;
        };
        if let Some(index) = self
            .reader
            .lesson()
            .sections
            .iter()
            .position(|section| section.anchor == anchor)
        {
            self.reader.jump_to_section(index);
        }
    }

    /// The presenter's poll: its question, on screen now (the quiz run on top is kept to
    /// go back to with `r`).
    fn open_poll(&mut self, poll: u64, question: &str) -> Outcome {
        // Heard again (a welcome after a reconnect): answered, or on screen already (a
        // poll the learner left with Esc opens again).
        let on_screen = self.is_poll_on_screen();
        let known = self.class.as_ref().is_some_and(|class| {
            class.answered.contains(&poll)
                || (on_screen && class.poll.as_ref().is_some_and(|open| open.0 == poll))
        });
        if known {
            return Outcome::default();
        }
        let Some(index) = self
            .study
            .quiz()
            .and_then(|quiz| quiz.questions.iter().position(|known| known.id == question))
        else {
            return Outcome::default();
        };
        if let Some(class) = self.class.as_mut() {
            class.poll = Some((poll, question.to_owned()));
            class.asked = Some(question.to_owned());
        }
        let before = std::mem::replace(&mut self.screen, Screen::Reading);
        let suspended = self.suspended_quiz.take();
        self.start_run(None, vec![index], None);
        // A quiz of the learner's own waits for `r`, as after reviewing a section; the
        // question of an earlier poll gives way without taking its place.
        self.suspended_quiz = match before {
            Screen::Quiz(run) if !on_screen => Some(run),
            _ => suspended,
        };
        Outcome::notice(self.texts.class.learner_poll)
    }

    fn close_poll(&mut self, poll: Option<u64>) {
        if let Some(class) = self.class.as_mut()
            && (poll.is_none() || class.poll.as_ref().map(|open| open.0) == poll)
        {
            class.poll = None;
        }
    }

    /// After an update: an answer to the open poll's question is the learner's answer
    /// to the poll (the first only).
    pub(super) fn note_poll_answer(&mut self) {
        let Some(class) = self.class.as_mut() else {
            return;
        };
        let Some((poll, question)) = class.poll.clone() else {
            return;
        };
        let given = self.session.outbox.iter().find_map(|event| match event {
            Event::Answer {
                question: answered,
                answer,
                ..
            } if *answered == question => Some(answer.clone()),
            _ => None,
        });
        if let Some(answer) = given {
            class.answers.push((poll, answer));
            class.answered.push(poll);
            class.poll = None;
        }
    }
}

#[cfg(test)]
#[path = "follow_tests.rs"]
mod tests;
