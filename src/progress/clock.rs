//! The study clock: active study time only. It runs while the learner is at it and
//! pauses after two minutes without input or when the terminal loses focus; the next
//! key or focus gained resumes it. Time is given to it (milliseconds on any monotonic
//! scale), so it is tested without sleeping.

/// Input-free time after which the clock pauses.
pub const IDLE_AFTER_MS: u64 = 2 * 60 * 1000;

/// Active time, and whether it is running.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyClock {
    /// Active time counted up to `since`.
    counted_ms: u64,
    /// When the current running stretch started (or was last counted), if running.
    since: Option<u64>,
    last_input: u64,
    focused: bool,
}

/// What a clock event changed, for the event log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockChange {
    None,
    Paused,
    Resumed,
}

impl StudyClock {
    /// A clock that starts running at `now` with `already_ms` of earlier sittings.
    #[must_use]
    pub fn start(now: u64, already_ms: u64) -> Self {
        Self {
            counted_ms: already_ms,
            since: Some(now),
            last_input: now,
            focused: true,
        }
    }

    /// Active time at `now`. A clock left running past the idle limit counts only up
    /// to the limit (the learner stopped then).
    #[must_use]
    pub fn active_ms(&self, now: u64) -> u64 {
        match self.since {
            Some(since) => {
                let end = now.min(self.last_input.saturating_add(IDLE_AFTER_MS));
                self.counted_ms + end.saturating_sub(since)
            }
            None => self.counted_ms,
        }
    }

    #[must_use]
    pub fn is_running(&self) -> bool {
        self.since.is_some()
    }

    /// A key, a click, the wheel: resumes a paused clock.
    pub fn input(&mut self, now: u64) -> ClockChange {
        // An idle stretch nobody ticked through still does not count.
        let paused = self.tick(now) == ClockChange::Paused;
        self.last_input = now;
        if self.since.is_some() {
            return ClockChange::None;
        }
        if paused {
            self.since = Some(now);
            return ClockChange::None;
        }
        // A key while unfocused means the terminal has the focus after all.
        self.focused = true;
        self.since = Some(now);
        ClockChange::Resumed
    }

    /// The terminal gained or lost the focus.
    pub fn focus(&mut self, focused: bool, now: u64) -> ClockChange {
        self.focused = focused;
        if focused {
            self.input(now)
        } else {
            self.pause(now)
        }
    }

    /// Called every second or so: pauses a clock idle for too long.
    pub fn tick(&mut self, now: u64) -> ClockChange {
        if self.since.is_some() && now.saturating_sub(self.last_input) >= IDLE_AFTER_MS {
            let idle_from = self.last_input.saturating_add(IDLE_AFTER_MS);
            return self.pause(idle_from.min(now));
        }
        ClockChange::None
    }

    fn pause(&mut self, now: u64) -> ClockChange {
        match self.since.take() {
            Some(since) => {
                self.counted_ms += now.saturating_sub(since);
                ClockChange::Paused
            }
            None => ClockChange::None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: u64 = 1000;
    const MINUTE: u64 = 60 * SECOND;

    #[test]
    fn counts_while_the_learner_works() {
        let mut clock = StudyClock::start(0, 5 * MINUTE);
        clock.input(30 * SECOND);
        assert_eq!(clock.active_ms(MINUTE), 6 * MINUTE);
    }

    #[test]
    fn pauses_after_two_idle_minutes_and_resumes_on_a_key() {
        let mut clock = StudyClock::start(0, 0);
        clock.input(MINUTE);
        assert_eq!(clock.tick(2 * MINUTE), ClockChange::None);
        assert_eq!(clock.tick(3 * MINUTE + SECOND), ClockChange::Paused);
        // The idle stretch counts only up to the limit: 1 min working + 2 min grace.
        assert_eq!(clock.active_ms(10 * MINUTE), 3 * MINUTE);
        assert!(!clock.is_running());
        assert_eq!(clock.input(20 * MINUTE), ClockChange::Resumed);
        assert_eq!(clock.active_ms(21 * MINUTE), 4 * MINUTE);
    }

    #[test]
    fn an_idle_clock_not_yet_ticked_does_not_overcount() {
        let mut clock = StudyClock::start(0, 0);
        assert_eq!(clock.active_ms(60 * MINUTE), IDLE_AFTER_MS);
        assert_eq!(clock.input(60 * MINUTE), ClockChange::None);
        assert_eq!(clock.active_ms(61 * MINUTE), IDLE_AFTER_MS + MINUTE);
    }

    #[test]
    fn focus_lost_pauses_and_focus_gained_resumes() {
        let mut clock = StudyClock::start(0, 0);
        assert_eq!(clock.focus(false, 10 * SECOND), ClockChange::Paused);
        assert_eq!(clock.active_ms(MINUTE), 10 * SECOND);
        assert_eq!(clock.tick(5 * MINUTE), ClockChange::None);
        assert_eq!(clock.focus(true, 5 * MINUTE), ClockChange::Resumed);
        assert_eq!(clock.active_ms(5 * MINUTE + 20 * SECOND), 30 * SECOND);
    }

    #[test]
    fn a_key_while_unfocused_resumes() {
        let mut clock = StudyClock::start(0, 0);
        clock.focus(false, SECOND);
        assert_eq!(clock.input(2 * SECOND), ClockChange::Resumed);
        assert!(clock.is_running());
    }
}
