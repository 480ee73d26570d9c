//! The live class as the presenting window holds it: the join code, the class as last
//! read from its file, the poll picker, and what the runtime must ask the server next.
//! No IO: the runtime carries the requests out and hands the class back.

use crate::class::{ClassSnapshot, PollRow, Tally, tally};
use crate::course::Lesson;
use crate::quiz::{Kind, Question, find_section};

use super::Slide;

/// What the presenter asked of the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClassRequest {
    OpenPoll(String),
    Reveal(u64),
}

/// The list of questions `P` opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// Indices into the class's questions.
    pub questions: Vec<usize>,
    /// The section has none of its own: the whole quiz is listed.
    pub whole_quiz: bool,
    pub selected: usize,
}

/// The presenting window's class.
#[derive(Debug, Clone)]
pub struct LiveClass {
    pub code: String,
    /// Where learners without mDNS join (`--host`).
    pub address: String,
    pub snapshot: Option<ClassSnapshot>,
    /// The questions a poll can ask: choice, multi and short answer.
    pub questions: Vec<Question>,
    pub picker: Option<Picker>,
    /// Esc hid the poll's panel.
    pub poll_hidden: bool,
    requests: Vec<ClassRequest>,
}

impl LiveClass {
    #[must_use]
    pub fn new(code: String, address: String, questions: &[Question]) -> Self {
        Self {
            code,
            address,
            snapshot: None,
            questions: questions
                .iter()
                .filter(|question| !matches!(question.kind, Kind::Manifest(_)))
                .cloned()
                .collect(),
            picker: None,
            poll_hidden: false,
            requests: Vec::new(),
        }
    }

    /// Learners connected now.
    #[must_use]
    pub fn joined(&self) -> usize {
        self.snapshot.as_ref().map_or(0, ClassSnapshot::connected)
    }

    /// `P`: the slide's questions (the whole quiz when it has none).
    pub fn open_picker(&mut self, lesson: &Lesson, slide: &Slide) {
        let on_slide: Vec<usize> = (0..self.questions.len())
            .filter(|index| {
                self.questions[*index]
                    .section
                    .as_deref()
                    .and_then(|name| find_section(&lesson.sections, name))
                    .is_some_and(|section| slide.sections.contains(&section))
            })
            .collect();
        let whole_quiz = on_slide.is_empty();
        self.picker = Some(Picker {
            questions: if whole_quiz {
                (0..self.questions.len()).collect()
            } else {
                on_slide
            },
            whole_quiz,
            selected: 0,
        });
    }

    pub fn move_picker(&mut self, by: isize) {
        if let Some(picker) = &mut self.picker {
            let last = picker.questions.len().saturating_sub(1);
            picker.selected = picker.selected.saturating_add_signed(by).min(last);
        }
    }

    /// Enter in the picker: the selected question goes to the class.
    pub fn choose(&mut self) {
        let Some(picker) = self.picker.take() else {
            return;
        };
        if let Some(question) = picker
            .questions
            .get(picker.selected)
            .and_then(|index| self.questions.get(*index))
        {
            self.requests
                .push(ClassRequest::OpenPoll(question.id.clone()));
            self.poll_hidden = false;
        }
    }

    /// `r`: the open poll's answers, on the projector.
    pub fn reveal(&mut self) {
        if let Some(poll) = self.poll().filter(|poll| !poll.revealed) {
            self.requests.push(ClassRequest::Reveal(poll.poll));
            self.poll_hidden = false;
        }
    }

    /// Esc: the picker closes, else the poll's panel hides; whether either did.
    pub fn cancel(&mut self) -> bool {
        if self.picker.take().is_some() {
            return true;
        }
        if self.poll().is_some() && !self.poll_hidden {
            self.poll_hidden = true;
            return true;
        }
        false
    }

    /// What the runtime must ask the server, oldest first.
    pub fn take_requests(&mut self) -> Vec<ClassRequest> {
        std::mem::take(&mut self.requests)
    }

    /// The latest poll.
    #[must_use]
    pub fn poll(&self) -> Option<&PollRow> {
        self.snapshot.as_ref()?.poll.as_ref()
    }

    /// The poll on screen: its question and its tally (shown in full once revealed).
    #[must_use]
    pub fn shown_poll(&self) -> Option<(&PollRow, &Question, Tally)> {
        if self.poll_hidden {
            return None;
        }
        let snapshot = self.snapshot.as_ref()?;
        let poll = snapshot.poll.as_ref()?;
        let question = self
            .questions
            .iter()
            .find(|question| question.id == poll.question)?;
        let answers: Vec<String> = snapshot
            .answers
            .iter()
            .map(|(_, answer)| answer.clone())
            .collect();
        Some((poll, question, tally(question, &answers)))
    }
}

#[cfg(test)]
#[path = "live_tests.rs"]
mod tests;
