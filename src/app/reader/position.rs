//! Where the learner is in the text, as the progress store keeps it: taken up again in a
//! later sitting, and which sections are on screen for the study session.

use std::ops::Range;

use super::Reader;
use crate::progress::Position;

impl Reader {
    /// Lays the text out around a saved position and goes there; `false` when its
    /// section is gone (the text stays at the top).
    pub(in crate::app) fn go_to(&mut self, position: &Position) -> bool {
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

    /// The sections with a line on screen, each with whether its end is on screen too.
    #[must_use]
    pub fn sections_on_screen(&self) -> Vec<(usize, bool)> {
        let shown = self.shown_lines();
        (0..self.layout.section_starts.len())
            .filter_map(|section| {
                let Range { start, end } = self.section_lines(section);
                (start < shown.end && end > shown.start).then_some((section, end <= shown.end))
            })
            .collect()
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
}
