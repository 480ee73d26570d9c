//! The study session inside the reader: the clock, which sections are read, the plan,
//! and the events the progress store is to record. Time comes in from the runtime
//! (milliseconds on a monotonic scale), so all of it is tested without a terminal.

use std::collections::HashMap;

use super::App;
use crate::progress::{ClockChange, Event, LessonState, Position, StudyClock};

/// Active time a section must have been on screen before its end counts as read.
pub const READ_AFTER_MS: u64 = 5_000;

/// The session's state in the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    clock: StudyClock,
    /// The latest time the runtime gave.
    now: u64,
    /// Each section's time budget (milliseconds), summing to the lesson's `minutes`.
    budgets: Vec<u64>,
    /// Sections read (indices into `Lesson::sections`).
    read: Vec<bool>,
    /// Sections on screen, and the active time when each came on screen.
    visible_since: HashMap<usize, u64>,
    /// The section last reported as entered.
    entered: Option<usize>,
    /// The one-time "time is up" notice was given (in this or an earlier sitting).
    time_up_noticed: bool,
    /// Events for the progress store, oldest first; the runtime takes them.
    pub outbox: Vec<Event>,
    /// Why progress is not being saved, when it is not.
    pub not_saving: Option<String>,
}

impl Session {
    /// A session at time `now` with nothing from earlier sittings.
    #[must_use]
    pub fn new(now: u64, sections: usize, budgets: Vec<u64>) -> Self {
        Self {
            clock: StudyClock::start(now, 0),
            now,
            budgets,
            read: vec![false; sections],
            visible_since: HashMap::new(),
            entered: None,
            time_up_noticed: false,
            outbox: Vec::new(),
            not_saving: None,
        }
    }

    /// The study clock.
    #[must_use]
    pub fn clock(&self) -> &StudyClock {
        &self.clock
    }

    /// The latest time the runtime gave.
    #[must_use]
    pub fn now(&self) -> u64 {
        self.now
    }

    /// Whether each section is read.
    #[must_use]
    pub fn read(&self) -> &[bool] {
        &self.read
    }

    /// Active time now.
    #[must_use]
    pub fn active_ms(&self) -> u64 {
        self.clock.active_ms(self.now)
    }
}

impl App {
    /// The reader starts at `now` on the runtime's clock (a lesson opened mid-run): its
    /// clock starts there, with nothing counted yet.
    pub fn start_at(&mut self, now: u64) {
        self.session.now = now;
        self.session.clock = StudyClock::start(now, 0);
        self.recount_from_here();
    }

    /// Takes up where earlier sittings left off: time, read sections, answers,
    /// self-assessment and the reading position (its section, else the top, when the
    /// lesson changed since).
    pub fn restore(&mut self, state: &LessonState) {
        let now = self.session.now;
        self.session.clock = StudyClock::start(now, state.active_ms);
        self.recount_from_here();
        self.session.time_up_noticed = state.time_up_noticed;
        for (index, section) in self.reader.lesson().sections.iter().enumerate() {
            if state.read.contains(&section.anchor) {
                self.session.read[index] = true;
            }
        }
        self.study.restore(state);
        let marks_changed = self.reader.set_task_marks(self.study.task_marks());
        let restored = state
            .position
            .as_ref()
            .is_some_and(|position| self.reader.go_to(position));
        if restored {
            self.session.entered = None;
        }
        // Only the first screen is laid out yet: it gets the learner's marks.
        if marks_changed && !restored {
            self.reader.relayout(self.reader.top_block());
        }
    }

    /// Where the learner is, as the store keeps it.
    #[must_use]
    pub fn position(&self) -> Position {
        self.reader.position()
    }

    /// A key, click or wheel at `now`: the clock runs again if it was paused.
    pub fn note_input(&mut self, now: u64) {
        self.session.now = now;
        if self.session.clock.input(now) == ClockChange::Resumed {
            self.session.outbox.push(Event::Resumed);
        }
    }

    /// The terminal gained or lost the focus at `now`.
    pub fn note_focus(&mut self, focused: bool, now: u64) {
        self.session.now = now;
        match self.session.clock.focus(focused, now) {
            ClockChange::Paused => self.session.outbox.push(Event::Paused),
            ClockChange::Resumed => self.session.outbox.push(Event::Resumed),
            ClockChange::None => {}
        }
    }

    /// The clock's second (and after every update): idle pause, sections entered and
    /// read, the time-up notice.
    pub fn tick(&mut self, now: u64) {
        self.session.now = now;
        if self.session.clock.tick(now) == ClockChange::Paused {
            self.session.outbox.push(Event::Paused);
        }
        self.count_lesson_time();
        if matches!(
            self.screen(),
            super::Screen::Reading | super::Screen::Searching
        ) {
            self.follow_reading();
        }
        self.check_time_up();
    }

    /// Reports the section entered, and marks read each section whose end is on screen
    /// after it has been on screen for a few seconds of study.
    fn follow_reading(&mut self) {
        let active = self.session.active_ms();
        let sections = &self.reader.lesson().sections;
        let current = self.reader.current_section();
        if current != self.session.entered {
            if let Some(section) = current {
                let anchor = sections[section].anchor.clone();
                self.session.outbox.push(Event::SectionEntered(anchor));
            }
            self.session.entered = current;
        }
        let visible = self.reader.sections_on_screen();
        let at_end = visible
            .iter()
            .any(|(section, end)| *end && section + 1 == sections.len());
        self.session
            .visible_since
            .retain(|section, _| visible.iter().any(|(shown, _)| shown == section));
        for (section, end_on_screen) in visible {
            let since = *self.session.visible_since.entry(section).or_insert(active);
            if end_on_screen
                && active.saturating_sub(since) >= READ_AFTER_MS
                && !self.session.read[section]
            {
                self.session.read[section] = true;
                let anchor = sections[section].anchor.clone();
                self.session.outbox.push(Event::SectionRead(anchor));
            }
        }
        // The end of the lesson on screen: the next one is offered, once a sitting.
        if at_end && !self.offered_next {
            self.offered_next = true;
            if self.notice.is_none() {
                self.notice = self.next_lesson_offer();
            }
        }
    }

    fn check_time_up(&mut self) {
        let minutes = self.reader.lesson().meta.minutes;
        let planned = u64::from(minutes) * 60_000;
        if self.session.time_up_noticed || self.lesson_active_ms() < planned {
            return;
        }
        self.session.time_up_noticed = true;
        self.session.outbox.push(Event::TimeUpNoticed);
        if !self.study.all_mastered() {
            let time_up = self.texts.session.time_up(minutes);
            self.notice = Some(match self.next_lesson_offer() {
                Some(offer) => format!("{time_up} / {offer}"),
                None => time_up,
            });
        }
    }

    /// Read sections as a share of all, 0–100.
    #[must_use]
    pub fn percent_read(&self) -> usize {
        let total = self.session.read.len();
        if total == 0 {
            return 0;
        }
        self.session.read.iter().filter(|read| **read).count() * 100 / total
    }

    /// The plan's time for the sections read minus the time studied, in milliseconds:
    /// positive is ahead of the plan, negative behind. (Paging to the end reads nothing,
    /// so it does not count as ahead.)
    #[must_use]
    pub fn plan_lead_ms(&self) -> i64 {
        let planned: u64 = self
            .session
            .read
            .iter()
            .zip(&self.session.budgets)
            .filter(|(read, _)| **read)
            .map(|(_, budget)| budget)
            .sum();
        i64::try_from(planned).unwrap_or(i64::MAX)
            - i64::try_from(self.lesson_active_ms()).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
