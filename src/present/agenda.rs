//! The agenda clock: wall time since the talk began (a class keeps going, so it does not
//! stop for idle keys), pausable with `p`, against the plan's budget per slide.

use super::Slide;

/// How far behind the plan the talk may run before the footer warns.
pub const BEHIND_WARNING_MS: u64 = 2 * 60 * 1000;

/// Wall time since the start, less the paused stretches. Times are milliseconds on any
/// scale (wall clock, so two windows agree).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgendaClock {
    pub started_at: u64,
    pub paused_ms: u64,
    pub paused_since: Option<u64>,
}

impl AgendaClock {
    #[must_use]
    pub fn start(now: u64) -> Self {
        Self {
            started_at: now,
            paused_ms: 0,
            paused_since: None,
        }
    }

    /// Talk time at `now`.
    #[must_use]
    pub fn elapsed_ms(&self, now: u64) -> u64 {
        let until = self.paused_since.unwrap_or(now);
        until
            .saturating_sub(self.started_at)
            .saturating_sub(self.paused_ms)
    }

    /// `p`: pauses a running clock, resumes a paused one.
    pub fn toggle_pause(&mut self, now: u64) {
        match self.paused_since.take() {
            Some(since) => self.paused_ms += now.saturating_sub(since),
            None => self.paused_since = Some(now),
        }
    }
}

/// The plan per slide: each slide's budget is the sum of its sections' budgets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlidePlan {
    /// Each slide's budget, in milliseconds.
    pub budgets: Vec<u64>,
}

impl SlidePlan {
    /// From the section budgets (`progress::section_budgets`).
    #[must_use]
    pub fn new(slides: &[Slide], section_budgets: &[u64]) -> Self {
        Self {
            budgets: slides
                .iter()
                .map(|slide| {
                    section_budgets
                        .get(slide.sections.clone())
                        .map_or(0, |budgets| budgets.iter().sum())
                })
                .collect(),
        }
    }

    /// When the slide should be over, from the start of the talk.
    #[must_use]
    pub fn planned_end_ms(&self, slide: usize) -> u64 {
        self.budgets.iter().take(slide + 1).sum()
    }

    /// When the slide should begin, from the start of the talk.
    #[must_use]
    pub fn planned_start_ms(&self, slide: usize) -> u64 {
        self.budgets.iter().take(slide).sum()
    }

    /// Time left of the slide's own budget, counted from when the talk reached it at
    /// `entered` (negative when it has run over its share).
    #[must_use]
    pub fn left_ms(&self, slide: usize, elapsed: u64, entered: u64) -> i64 {
        let budget = self.budgets.get(slide).copied().unwrap_or(0);
        to_i64(budget) - to_i64(elapsed.saturating_sub(entered))
    }

    /// How far the talk is from the agenda: ahead while the slide's planned start is
    /// still to come, behind once its planned end is gone.
    #[must_use]
    pub fn schedule(&self, slide: usize, elapsed: u64) -> Schedule {
        let start = self.planned_start_ms(slide);
        let end = self.planned_end_ms(slide);
        if elapsed < start {
            Schedule::Ahead(start - elapsed)
        } else if elapsed > end {
            Schedule::Behind(elapsed - end)
        } else {
            Schedule::OnTime
        }
    }

    /// Whether the talk runs more than two minutes behind: still on a slide whose
    /// planned end is over two minutes gone.
    #[must_use]
    pub fn is_behind(&self, slide: usize, elapsed: u64) -> bool {
        elapsed > self.planned_end_ms(slide) + BEHIND_WARNING_MS
    }
}

/// Where the talk stands against the agenda, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schedule {
    Ahead(u64),
    OnTime,
    Behind(u64),
}

fn to_i64(value: u64) -> i64 {
    i64::try_from(value).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: u64 = 60_000;

    #[test]
    fn the_clock_runs_on_wall_time_and_pauses_on_p() {
        let mut clock = AgendaClock::start(1_000);
        assert_eq!(clock.elapsed_ms(1_000 + 5 * MINUTE), 5 * MINUTE);
        clock.toggle_pause(1_000 + 5 * MINUTE);
        assert_eq!(clock.elapsed_ms(1_000 + 9 * MINUTE), 5 * MINUTE);
        clock.toggle_pause(1_000 + 10 * MINUTE);
        assert_eq!(clock.elapsed_ms(1_000 + 12 * MINUTE), 7 * MINUTE);
    }

    #[test]
    fn behind_means_more_than_two_minutes_past_the_slides_planned_end() {
        let plan = SlidePlan {
            budgets: vec![MINUTE, 4 * MINUTE, 6 * MINUTE],
        };
        assert_eq!(plan.planned_end_ms(1), 5 * MINUTE);
        assert!(!plan.is_behind(1, 7 * MINUTE));
        assert!(plan.is_behind(1, 7 * MINUTE + 1));
        // Moving on to the next slide catches up.
        assert!(!plan.is_behind(2, 7 * MINUTE + 1));
    }

    #[test]
    fn time_left_is_the_sections_own_share_and_the_agenda_is_apart() {
        let plan = SlidePlan {
            budgets: vec![MINUTE, 4 * MINUTE, 8 * MINUTE, 6 * MINUTE],
        };
        // Jumping to section 3 ten seconds in: its own 8 minutes, 4:50 ahead.
        let entered = 10_000;
        assert_eq!(plan.left_ms(2, 10_000, entered), 8 * 60_000);
        assert_eq!(plan.left_ms(2, 70_000, entered), 7 * 60_000);
        assert_eq!(
            plan.schedule(2, 10_000),
            Schedule::Ahead(5 * MINUTE - 10_000)
        );
        assert_eq!(plan.schedule(2, 6 * MINUTE), Schedule::OnTime);
        assert_eq!(plan.schedule(2, 15 * MINUTE), Schedule::Behind(2 * MINUTE));
        // Over its share: negative.
        assert_eq!(plan.left_ms(0, 2 * MINUTE, 0), -60_000);
    }
}
