//! The reading screen's update: scrolling, the contents pane, the search, code blocks.
//! One message in, the reader changed, an outcome out. No IO.

use super::{Focus, Reader};
use crate::app::{CONTENTS_FIRST_ROW, Message, Outcome};
use crate::strings::Texts;

impl Reader {
    /// Applies a message meant for the reading screen; others change nothing.
    // One arm per message: the list reads best whole.
    pub(in crate::app) fn update(&mut self, message: Message, texts: &Texts) -> Outcome {
        match message {
            Message::ScrollLines(lines) => self.scroll_to(offset(self.top, lines)),
            Message::ScrollPages(pages) => {
                let page = isize::try_from(self.page_height().saturating_sub(1).max(1))
                    .unwrap_or(isize::MAX);
                self.scroll_to(offset(self.top, pages.saturating_mul(page)));
            }
            Message::Top => self.top = 0,
            Message::Bottom => self.top = self.max_top(),
            Message::NextSection => self.step_section(true),
            Message::PreviousSection => self.step_section(false),
            Message::ToggleContents => self.toggle_contents(),
            Message::ToggleFocus => self.toggle_focus(),
            Message::ContentsMove(step) => {
                let last = self.lesson.sections.len().saturating_sub(1);
                self.contents_selected = offset(self.contents_selected, step).min(last);
            }
            Message::ContentsJump => {
                self.jump_to_section(self.contents_selected);
                self.focus = Focus::Text;
            }
            Message::Click { column, row } => self.click(column, row),
            Message::Wheel {
                column,
                row,
                delta,
                sideways,
            } => self.wheel(column, row, delta, sideways),
            Message::SearchInput(_) | Message::SearchPaste(_) | Message::SearchBackspace => {
                self.edit_query(message);
            }
            Message::NextMatch => return self.step_match(true, texts),
            Message::PreviousMatch => return self.step_match(false, texts),
            Message::ScrollCode(step) => match self.marked_code_block() {
                Some(block) => self.scroll_code(block, step),
                None => return Outcome::notice(texts.not_code),
            },
            Message::CopyCode => return self.copy_code(texts),
            Message::SaveCode => return self.save_code(texts),
            _ => {}
        }
        Outcome::default()
    }

    /// `/`: an empty query, started from the reading position.
    pub(in crate::app) fn start_search(&mut self) {
        self.search.query.clear();
        self.search.origin = self.top;
        self.search.refresh(&self.layout);
    }

    /// Esc while typing a search: back where it started, the query gone.
    pub(in crate::app) fn cancel_search(&mut self) {
        self.top = self.search.origin.min(self.max_top());
        self.clear_search();
    }

    /// Esc while reading: the contents pane gives the focus back, else the search's
    /// highlights go.
    pub(in crate::app) fn cancel(&mut self) {
        if self.focus == Focus::Contents {
            self.focus = Focus::Text;
        } else {
            self.clear_search();
        }
    }

    fn clear_search(&mut self) {
        self.search.query.clear();
        self.search.refresh(&self.layout);
    }

    /// A key or paste in the search prompt.
    fn edit_query(&mut self, message: Message) {
        match message {
            Message::SearchInput(character) => self.search.query.push(character),
            Message::SearchPaste(text) => {
                // The query is one line: a pasted line break is a space.
                let line = text.trim().replace(['\r', '\n'], " ");
                self.search.query.push_str(&line);
            }
            Message::SearchBackspace => {
                self.search.query.pop();
            }
            _ => return,
        }
        self.search_from_origin();
    }

    fn step_section(&mut self, forward: bool) {
        let current = self.current_section();
        let target = match current {
            _ if forward => current.map_or(0, |section| section + 1),
            // Back to the start of this section when inside it, else the one before.
            Some(section)
                if self.pinned_section.is_none()
                    && self
                        .layout
                        .section_starts
                        .get(section)
                        .is_some_and(|start| *start < self.top) =>
            {
                section
            }
            Some(section) if section > 0 => section - 1,
            _ => return,
        };
        if target < self.layout.section_starts.len() {
            self.jump_to_section(target);
        }
    }

    fn wheel(&mut self, column: u16, row: u16, delta: isize, sideways: bool) {
        let over_text = column >= self.contents_width() && usize::from(row) < self.page_height();
        if sideways && over_text {
            let line = self.top + usize::from(row);
            if let Some(code) = self.layout.lines.get(line).and_then(|laid| laid.code) {
                self.scroll_code(code.block, delta);
            }
        } else if !sideways {
            self.scroll_to(offset(self.top, delta));
        }
    }

    pub(in crate::app) fn scroll_to(&mut self, line: usize) {
        self.top = line.min(self.max_top());
        self.pinned_section = None;
    }

    /// Scrolls a section's heading to the top; on the last page, where it cannot get
    /// there, the section is pinned as current so the status bar and contents agree.
    pub(in crate::app) fn jump_to_section(&mut self, section: usize) {
        if let Some(start) = self.layout.section_starts.get(section).copied() {
            self.scroll_to(start);
            if start > self.top {
                self.pinned_section = Some(section);
            }
        }
    }

    fn toggle_contents(&mut self) {
        self.contents_wanted = Some(!self.contents_visible());
        self.reflow();
    }

    /// Tab: to the contents (showing the pane if it was hidden) and back.
    fn toggle_focus(&mut self) {
        if self.focus == Focus::Contents {
            self.focus = Focus::Text;
            return;
        }
        if !self.contents_visible() {
            self.contents_wanted = Some(true);
            self.reflow();
        }
        if self.contents_visible() {
            self.focus = Focus::Contents;
            self.contents_selected = self.current_section().unwrap_or(0);
        }
    }

    fn click(&mut self, column: u16, row: u16) {
        let in_contents = self.contents_visible() && column < self.contents_width();
        if in_contents && row >= CONTENTS_FIRST_ROW && usize::from(row) < self.page_height() {
            let entry = self.contents_offset() + usize::from(row - CONTENTS_FIRST_ROW);
            if entry < self.lesson.sections.len() {
                self.contents_selected = entry;
                self.jump_to_section(entry);
            }
        }
    }

    fn search_from_origin(&mut self) {
        self.search.refresh(&self.layout);
        self.search.current = self.search.first_at_or_after(self.search.origin);
        match self.search.current {
            Some(index) => self.show_line(self.search.matches[index].line),
            None => self.top = self.search.origin.min(self.max_top()),
        }
    }

    fn step_match(&mut self, forward: bool, texts: &Texts) -> Outcome {
        if self.search.matches.is_empty() {
            return if self.search.is_active() {
                Outcome::notice(texts.no_matches)
            } else {
                Outcome::default()
            };
        }
        let next = match self.search.current {
            Some(index) => self.search.step(index, forward),
            None => self.search.first_at_or_after(self.top),
        };
        self.search.current = next;
        if let Some(index) = next {
            self.show_line(self.search.matches[index].line);
        }
        Outcome::notice(self.match_notice(texts))
    }

    /// How many matches there are and which one is current, for the status bar.
    pub(in crate::app) fn match_notice(&self, texts: &Texts) -> String {
        match self.search.position(self.search.current) {
            (_, 0) => texts.no_matches.to_owned(),
            (current, total) => texts.match_count(current, total),
        }
    }

    /// Scrolls so `line` is on screen, a third of the way down when it was not.
    fn show_line(&mut self, line: usize) {
        let page = self.page_height();
        if line < self.top || line >= self.top + page {
            self.scroll_to(line.saturating_sub(page / 3));
        }
    }
}

pub(super) fn offset(value: usize, delta: isize) -> usize {
    value.saturating_add_signed(delta)
}
