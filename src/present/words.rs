//! How the talk's standing against its agenda is said with workshop mode's words.

use super::{AgendaClock, Schedule, SlidePlan};
use crate::strings::present::PresentTexts;
use crate::strings::present::clock;

impl PresentTexts {
    /// The footer's state, in both windows: paused, or the section's own time left and,
    /// apart, how far the talk is from the agenda.
    #[must_use]
    pub fn standing(
        &self,
        plan: &SlidePlan,
        slide: usize,
        clock: &AgendaClock,
        now: u64,
        entered: u64,
    ) -> String {
        if clock.paused_since.is_some() {
            return self.paused.to_owned();
        }
        let elapsed = clock.elapsed_ms(now);
        format!(
            "{}  {}",
            self.time_left(plan.left_ms(slide, elapsed, entered)),
            self.schedule(plan.schedule(slide, elapsed))
        )
    }

    /// Where the talk stands against the agenda.
    #[must_use]
    pub fn schedule(&self, schedule: Schedule) -> String {
        match schedule {
            Schedule::Ahead(ms) => self.ahead.replace("{t}", &clock(ms)),
            Schedule::OnTime => self.on_time.to_owned(),
            Schedule::Behind(ms) => self.behind.replace("{t}", &clock(ms)),
        }
    }
}
