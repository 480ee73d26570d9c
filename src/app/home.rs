//! The course's home screen: every lesson with its minutes, study time against its plan,
//! sections read, checklist mastery and what is due for review; the lesson studied last
//! is chosen first. The runtime gathers the figures from the store; this is the state
//! and its keys.

use super::message::Outcome;
use super::{App, Effect, Message, Screen};
use crate::progress::LessonOverview;

/// The home screen's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub course: String,
    pub rows: Vec<LessonOverview>,
    /// The lesson studied last (「続きから」), if any.
    pub last_studied: Option<usize>,
    selected: usize,
}

impl Home {
    /// The home screen of `course` with the lesson studied last chosen.
    #[must_use]
    pub fn new(course: String, rows: Vec<LessonOverview>, last_studied: Option<usize>) -> Self {
        let selected = last_studied.unwrap_or(0).min(rows.len().saturating_sub(1));
        Self {
            course,
            rows,
            last_studied,
            selected,
        }
    }

    #[must_use]
    pub fn selected(&self) -> usize {
        self.selected
    }

    fn move_by(&mut self, delta: isize) {
        let last = self.rows.len().saturating_sub(1);
        self.selected = self.selected.saturating_add_signed(delta).min(last);
    }

    /// Questions due for review in every lesson.
    #[must_use]
    pub fn due(&self) -> usize {
        self.rows.iter().map(|row| row.due).sum()
    }
}

impl App {
    /// Puts the home screen on top (the lesson read stays under it).
    pub fn show_home(&mut self, home: Home) {
        self.screen = Screen::Home(Box::new(home));
    }

    /// A key on the home screen.
    pub(super) fn home_message(&mut self, message: &Message) -> Outcome {
        let Screen::Home(home) = &mut self.screen else {
            return Outcome::default();
        };
        match message {
            Message::HomeMove(delta) => {
                home.move_by(*delta);
                Outcome::default()
            }
            Message::HomeOpen => match home.rows.get(home.selected) {
                Some(row) => {
                    let id = row.id.clone();
                    self.open_lesson(id)
                }
                None => Outcome::default(),
            },
            _ => Outcome::default(),
        }
    }

    /// Lesson `id`: the runtime opens it, unless it is the one read (back to it).
    fn open_lesson(&mut self, id: String) -> Outcome {
        if id != self.reader.lesson().meta.id {
            return Outcome::effect(Effect::OpenLesson(id));
        }
        if matches!(self.screen, Screen::Home(_)) {
            self.screen = Screen::Reading;
        }
        Outcome::default()
    }

    /// The lesson to offer after this one: id and title (the runtime knows the course).
    pub fn set_next_lesson(&mut self, next: Option<(String, String)>) {
        self.next_lesson = next;
    }

    /// `L`: the next lesson, or a notice that this is the last.
    pub(super) fn open_next_lesson(&mut self) -> Outcome {
        match &self.next_lesson {
            Some((id, _)) => self.open_lesson(id.clone()),
            None => Outcome::notice(self.texts.course.last_lesson),
        }
    }

    /// The offer of the next lesson, for the end of this one and the time-up notice.
    #[must_use]
    pub fn next_lesson_offer(&self) -> Option<String> {
        self.next_lesson
            .as_ref()
            .map(|(_, title)| self.texts.course.next_lesson(title))
    }
}
