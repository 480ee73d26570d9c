//! Where things go on the terminal: the minimum size, the screens above the status and
//! hint rows, a panel's inside. The update (scroll limits) and the views (drawing) take
//! their areas from here, so the two cannot drift.

use ratatui::layout::{Constraint, Layout, Rect};

use super::{App, HelpPage, QuizPage, QuizRun};

/// The smallest terminal the reader works in, columns …
pub const MIN_WIDTH: u16 = 40;
/// … and rows.
pub const MIN_HEIGHT: u16 = 12;
/// The contents pane's first entry is on this row (its title is above).
pub const CONTENTS_FIRST_ROW: u16 = 1;
/// Columns of padding inside a panel's border, each side (help, checklist, quiz).
pub const PANEL_PADDING: u16 = 1;

impl App {
    /// The rows above the status and hint rows, where the screens go.
    fn body(&self) -> Rect {
        let (width, height) = self.reader.size();
        let [body, _, _] = screen_areas(Rect::new(0, 0, width, height));
        body
    }

    /// How far the help scrolls in the app's terminal.
    #[must_use]
    pub fn help_scroll_limit(&self) -> usize {
        HelpPage::scroll_limit(self, self.body())
    }

    /// Where the diagram view draws: the inside of a panel over the rows above the
    /// status and hint rows.
    #[must_use]
    pub fn diagram_area(&self) -> Rect {
        panel_inside(self.body())
    }

    /// The quiz screen as the app's terminal shows it: the panel fills the rows above
    /// the status and hint rows.
    #[must_use]
    pub fn quiz_page(&self, run: &QuizRun) -> QuizPage {
        QuizPage::lay_out(self, run, panel_inside(self.body()))
    }
}

/// The terminal's areas: the screens, then the status bar and the key hints a row each.
#[must_use]
pub fn screen_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The inside of a panel over `area`: its border, and the padding each side.
#[must_use]
pub fn panel_inside(area: Rect) -> Rect {
    let side = 1 + PANEL_PADDING;
    Rect {
        x: area.x.saturating_add(side),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2 * side),
        height: area.height.saturating_sub(2),
    }
}
