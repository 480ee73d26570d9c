//! The reading screen's state: the lesson laid out for the terminal, where the learner is
//! in it, the contents pane, the search and each code block's sideways scroll. The
//! checklist, quiz and help are drawn over or instead of it; the lesson stays here.

mod code;
mod position;
mod search;
mod update;

pub use search::{Search, SearchMatch};

use std::ops::Range;

use crate::course::{Block, Lesson};
use crate::layout::glyphs::Glyphs;
use crate::layout::{LaidOutLesson, LayoutOptions, TaskMark};
use crate::theme::Theme;

use super::{MIN_HEIGHT, MIN_WIDTH};

/// Prose is laid out at most this wide: long lines are hard to read.
const MAX_TEXT_WIDTH: usize = 100;
/// The contents pane is shown by default from this terminal width up.
const CONTENTS_MIN_WIDTH: u16 = 70;
/// Rows of chrome around the reading pane: status bar and key hint.
const CHROME_ROWS: u16 = 2;

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Contents,
}

/// The lesson as the reader shows it, and the learner's place in it.
pub struct Reader {
    lesson: Lesson,
    theme: Theme,
    glyphs: &'static Glyphs,
    /// How the text marks each checklist item (from the learner's answers).
    task_marks: Vec<TaskMark>,
    layout: LaidOutLesson,
    focus: Focus,
    /// `None` until the learner toggles it: then the terminal width decides.
    contents_wanted: Option<bool>,
    contents_selected: usize,
    /// The first line of the reading pane.
    top: usize,
    /// Terminal size.
    width: u16,
    height: u16,
    /// Sideways scroll of each code block, in columns.
    code_offsets: Vec<usize>,
    search: Search,
    /// A section reached by a jump whose heading cannot scroll to the top (the last
    /// page): it is current until the learner scrolls.
    pinned_section: Option<usize>,
}

impl Reader {
    /// The top of `lesson` for a terminal of `width` × `height`; only the first screen
    /// is laid out (call `finish_layout` once it is drawn).
    pub(super) fn new(
        lesson: Lesson,
        theme: Theme,
        glyphs: &'static Glyphs,
        task_marks: Vec<TaskMark>,
        (width, height): (u16, u16),
    ) -> Self {
        let mut reader = Self {
            lesson,
            theme,
            glyphs,
            task_marks,
            layout: LaidOutLesson::new(1),
            focus: Focus::Text,
            contents_wanted: None,
            contents_selected: 0,
            top: 0,
            width,
            height,
            code_offsets: Vec::new(),
            search: Search::default(),
            pinned_section: None,
        };
        reader.relayout(0);
        reader
    }

    #[must_use]
    pub fn lesson(&self) -> &Lesson {
        &self.lesson
    }

    #[must_use]
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    #[must_use]
    pub fn glyphs(&self) -> &'static Glyphs {
        self.glyphs
    }

    /// The lines laid out so far.
    #[must_use]
    pub fn layout(&self) -> &LaidOutLesson {
        &self.layout
    }

    /// The first line of the reading pane.
    #[must_use]
    pub fn top(&self) -> usize {
        self.top
    }

    #[must_use]
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The contents entry under the cursor while the contents pane has the focus.
    #[must_use]
    pub fn contents_selected(&self) -> usize {
        self.contents_selected
    }

    #[must_use]
    pub fn search(&self) -> &Search {
        &self.search
    }

    /// Sideways scroll of each code block, in columns.
    #[must_use]
    pub fn code_offsets(&self) -> &[usize] {
        &self.code_offsets
    }

    /// The terminal's columns and rows.
    #[must_use]
    pub fn size(&self) -> (u16, u16) {
        (self.width, self.height)
    }

    /// Takes the text's checklist markers; whether any changed (then call `reflow`).
    pub(super) fn set_task_marks(&mut self, marks: Vec<TaskMark>) -> bool {
        let changed = marks != self.task_marks;
        self.task_marks = marks;
        changed
    }

    /// Whether the terminal is below the minimum size.
    #[must_use]
    pub fn is_too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Whether the contents pane is on screen.
    #[must_use]
    pub fn contents_visible(&self) -> bool {
        self.contents_wanted
            .unwrap_or(self.width >= CONTENTS_MIN_WIDTH)
            && !self.is_too_small()
    }

    /// Columns of the contents pane, border included.
    #[must_use]
    pub fn contents_width(&self) -> u16 {
        if !self.contents_visible() {
            return 0;
        }
        // As wide as the longest entry (marker, indentation, border), within a quarter
        // of a narrow terminal and a third of a wide one.
        let longest = self
            .lesson
            .sections
            .iter()
            .map(|section| {
                2 * usize::from(section.level.saturating_sub(1))
                    + crate::text::display_width(&section.title)
            })
            .max()
            .unwrap_or(0)
            + 3;
        let most = if self.width >= 100 {
            self.width / 3
        } else {
            self.width / 4
        };
        u16::try_from(longest)
            .unwrap_or(u16::MAX)
            .clamp(20, most.clamp(20, 40))
    }

    /// Rows of the reading pane.
    #[must_use]
    pub fn page_height(&self) -> usize {
        usize::from(self.height.saturating_sub(CHROME_ROWS)).max(1)
    }

    /// Columns the text is laid out for: the reading pane less a margin each side.
    #[must_use]
    pub fn text_width(&self) -> usize {
        usize::from(self.width.saturating_sub(self.contents_width()))
            .saturating_sub(2)
            .clamp(1, MAX_TEXT_WIDTH)
    }

    /// Lays the lesson out again for the current size and looks, keeping top-level
    /// block `keep_block` first on screen.
    pub(super) fn relayout(&mut self, keep_block: usize) {
        let page = self.page_height();
        let options = LayoutOptions {
            width: self.text_width(),
            theme: &self.theme,
            glyphs: self.glyphs,
            checklist: &self.task_marks,
        };
        let mut layout = LaidOutLesson::new(options.width);
        let keep_block = keep_block.min(self.lesson.blocks.len().saturating_sub(1));
        while layout.block_starts.len() <= keep_block && !layout.is_complete(&self.lesson) {
            layout.extend_to(&self.lesson, &options, layout.lines.len() + 1);
        }
        let start = layout.block_starts.get(keep_block).copied().unwrap_or(0);
        layout.extend_to(&self.lesson, &options, start + page + 1);
        self.layout = layout;
        self.top = start.min(self.max_top());
        self.search.refresh(&self.layout);
        self.code_offsets.resize(self.layout.code_blocks.len(), 0);
        self.clamp_code_offsets();
    }

    /// After a resize the pane may show more of each code line: offsets shrink to fit.
    fn clamp_code_offsets(&mut self) {
        for block in 0..self.code_offsets.len() {
            let limit = self.code_scroll_limit(block);
            self.code_offsets[block] = self.code_offsets[block].min(limit);
        }
    }

    /// Lays out the rest of the lesson: called after a frame is drawn, and before
    /// anything that needs the whole layout (the end, search, percentages).
    pub fn finish_layout(&mut self) {
        self.lay_out_to(usize::MAX);
    }

    /// Lays out more of the lesson, until it has `lines` lines or is complete.
    pub(super) fn lay_out_to(&mut self, lines: usize) {
        if self.layout.is_complete(&self.lesson) || self.layout.lines.len() >= lines {
            return;
        }
        let options = LayoutOptions {
            width: self.layout.width,
            theme: &self.theme,
            glyphs: self.glyphs,
            checklist: &self.task_marks,
        };
        self.layout.extend_to(&self.lesson, &options, lines);
        self.code_offsets.resize(self.layout.code_blocks.len(), 0);
        self.clamp_code_offsets();
        self.search.refresh(&self.layout);
    }

    /// Changes the structure glyphs (ASCII for ambiguous-wide terminals) and relays.
    pub(super) fn set_glyphs(&mut self, glyphs: &'static Glyphs) {
        self.glyphs = glyphs;
        self.reflow();
    }

    /// Changes the theme (once the terminal said its background) and relays.
    pub(super) fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        self.reflow();
    }

    /// The terminal's new size; the text is laid out for it.
    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.width = width;
        self.height = height;
        self.reflow();
    }

    /// Lays the whole lesson out again after a change of size or looks, keeping the
    /// reading position: the first visible block stays first (and a code block, whose
    /// lines never reflow, keeps its line); a search's starting point moves with it.
    pub(super) fn reflow(&mut self) {
        let block = self.top_block();
        let within = self.top - self.layout.block_starts.get(block).copied().unwrap_or(0);
        let origin_block = self.block_of(self.search.origin);
        self.relayout(block);
        self.finish_layout();
        if matches!(
            self.lesson.blocks.get(block),
            Some(Block::Code(_) | Block::Diagram(_))
        ) {
            self.top = (self.top + within).min(self.max_top());
        }
        self.search.origin = self
            .layout
            .block_starts
            .get(origin_block)
            .copied()
            .unwrap_or(0);
        if !self.contents_visible() {
            self.focus = Focus::Text;
        }
    }

    /// The top-level block a line belongs to.
    fn block_of(&self, line: usize) -> usize {
        self.layout
            .block_starts
            .partition_point(|start| *start <= line)
            .saturating_sub(1)
    }

    /// The top-level block the first visible line belongs to.
    #[must_use]
    pub fn top_block(&self) -> usize {
        self.block_of(self.top)
    }

    /// The last line that can be first on screen.
    fn max_top(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.page_height())
    }

    /// The lines on screen.
    #[must_use]
    pub fn shown_lines(&self) -> Range<usize> {
        self.top..(self.top + self.page_height()).min(self.layout.lines.len())
    }

    /// The section the reading position is in.
    #[must_use]
    pub fn current_section(&self) -> Option<usize> {
        self.pinned_section.or_else(|| {
            self.layout
                .section_starts
                .partition_point(|start| *start <= self.top)
                .checked_sub(1)
        })
    }

    /// The first contents entry on screen, so the selected (or current) one is visible.
    #[must_use]
    pub fn contents_offset(&self) -> usize {
        let rows = self.page_height().saturating_sub(1).max(1);
        let keep = if self.focus == Focus::Contents {
            self.contents_selected
        } else {
            self.current_section().unwrap_or(0)
        };
        (keep + 1).saturating_sub(rows)
    }
}
