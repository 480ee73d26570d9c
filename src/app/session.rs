//! The study session inside the reader: the clock, which sections are read, the plan,
//! and the events the progress store is to record. Time comes in from the runtime
//! (milliseconds on a monotonic scale), so all of it is tested without a terminal.

use std::collections::HashMap;
use std::ops::Range;

use super::App;
use crate::progress::{ClockChange, Event, LessonState, Position, StudyClock};
use crate::quiz::Mastery;

/// Active time a section must have been on screen before its end counts as read.
pub const READ_AFTER_MS: u64 = 5_000;

/// The session's state in the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub clock: StudyClock,
    /// The latest time the runtime gave.
    pub now: u64,
    /// Each section's time budget (milliseconds), summing to the lesson's `minutes`.
    pub budgets: Vec<u64>,
    /// Sections read (indices into `Lesson::sections`).
    pub read: Vec<bool>,
    /// Sections on screen, and the active time when each came on screen.
    visible_since: HashMap<usize, u64>,
    /// The section last reported as entered.
    entered: Option<usize>,
    /// The one-time "time is up" notice was given (in this or an earlier sitting).
    pub time_up_noticed: bool,
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

    /// Active time now.
    #[must_use]
    pub fn active_ms(&self) -> u64 {
        self.clock.active_ms(self.now)
    }
}

impl App {
    /// Takes up where earlier sittings left off: time, read sections, answers,
    /// self-assessment and the reading position (its section, else the top, when the
    /// lesson changed since).
    pub fn restore(&mut self, state: &LessonState) {
        let now = self.session.now;
        self.session.clock = StudyClock::start(now, state.active_ms);
        self.session.time_up_noticed = state.time_up_noticed;
        for (index, section) in self.lesson.sections.iter().enumerate() {
            if state.read.contains(&section.anchor) {
                self.session.read[index] = true;
            }
        }
        self.record = state.quiz.clone();
        self.drafts = state.drafts.iter().cloned().collect();
        let marks_changed = self.derive_marks();
        let restored = state
            .position
            .as_ref()
            .is_some_and(|position| self.restore_position(position));
        // Only the first screen is laid out yet: it gets the learner's marks.
        if marks_changed && !restored {
            self.relayout(self.top_block());
        }
    }

    /// Lays the text out around a saved position and goes there; `false` when its
    /// section is gone (the text stays at the top).
    fn restore_position(&mut self, position: &Position) -> bool {
        let Some(section) = position.section.as_ref().and_then(|anchor| {
            self.lesson
                .sections
                .iter()
                .position(|section| section.anchor == *anchor)
        }) else {
            return false;
        };
        // Only as much layout as the first frame needs: through the section's end (to
        // check the offset) and a page past the line shown.
        self.relayout(self.lesson.sections[section].block);
        while self.layout.section_starts.len() <= section + 1
            && !self.layout.is_complete(&self.lesson)
        {
            self.lay_out_to(self.layout.lines.len() + self.page_height());
        }
        let Range { start, end } = self.section_lines(section);
        // An offset past the section's end means the text changed: the section's start.
        let line = if start + position.offset < end {
            start + position.offset
        } else {
            start
        };
        self.lay_out_to(line + 2 * self.page_height());
        self.top = line.min(self.layout.lines.len().saturating_sub(self.page_height()));
        self.session.entered = None;
        true
    }

    /// Where the learner is, as the store keeps it.
    #[must_use]
    pub fn position(&self) -> Position {
        let section = self.current_section();
        let start = section
            .and_then(|index| self.layout.section_starts.get(index))
            .copied()
            .unwrap_or(0);
        Position {
            section: section.map(|index| self.lesson.sections[index].anchor.clone()),
            offset: self.top.saturating_sub(start),
        }
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
        if matches!(
            self.screen,
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
        let current = self.current_section();
        if current != self.session.entered {
            if let Some(section) = current {
                let anchor = self.lesson.sections[section].anchor.clone();
                self.session.outbox.push(Event::SectionEntered(anchor));
            }
            self.session.entered = current;
        }
        let first = self.top;
        let last = (self.top + self.page_height()).min(self.layout.lines.len());
        let starts = &self.layout.section_starts;
        let mut visible = Vec::new();
        for (section, start) in starts.iter().enumerate() {
            let end = starts
                .get(section + 1)
                .copied()
                .unwrap_or(self.layout.lines.len());
            if *start < last && end > first {
                visible.push((section, end));
            }
        }
        self.session
            .visible_since
            .retain(|section, _| visible.iter().any(|(shown, _)| shown == section));
        for (section, end) in visible {
            let since = *self.session.visible_since.entry(section).or_insert(active);
            let end_on_screen = end <= last;
            if end_on_screen
                && active.saturating_sub(since) >= READ_AFTER_MS
                && !self.session.read[section]
            {
                self.session.read[section] = true;
                let anchor = self.lesson.sections[section].anchor.clone();
                self.session.outbox.push(Event::SectionRead(anchor));
            }
        }
    }

    fn check_time_up(&mut self) {
        let planned = u64::from(self.lesson.meta.minutes) * 60_000;
        if self.session.time_up_noticed || self.session.active_ms() < planned {
            return;
        }
        self.session.time_up_noticed = true;
        self.session.outbox.push(Event::TimeUpNoticed);
        let quiz_done = !self.marks.is_empty()
            && self
                .marks
                .iter()
                .all(|mark| mark.mastery == Mastery::Mastered);
        if !quiz_done {
            self.notice = Some(self.texts.session.time_up(self.lesson.meta.minutes));
        }
    }

    /// The laid-out lines of a section (up to the next section, or the layout's end).
    fn section_lines(&self, section: usize) -> Range<usize> {
        let starts = &self.layout.section_starts;
        let start = starts.get(section).copied().unwrap_or(0);
        start
            ..starts
                .get(section + 1)
                .copied()
                .unwrap_or(self.layout.lines.len())
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
            - i64::try_from(self.session.active_ms()).unwrap_or(i64::MAX)
    }
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
