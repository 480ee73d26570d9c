//! The help overlay: the box `app::HelpPage` lays out, drawn over the text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Paragraph};

use super::panel;

use crate::app::{App, Help, HelpPage};
use crate::text::display_width;

/// Draws the help box over `area`, scrolled as `help` is.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, help: Help) {
    let page = HelpPage::lay_out(app, area, help.scrolled());
    let block = panel(app, app.texts().help_title, page.rect.width);
    frame.render_widget(Clear, page.rect);
    split_wide_characters_at(frame, page.rect);
    frame.render_widget(Paragraph::new(page.lines).block(block), page.rect);
}

/// A double-width character just left of the box would cover its left border: blank it.
fn split_wide_characters_at(frame: &mut Frame<'_>, rect: Rect) {
    let Some(left) = rect.x.checked_sub(1) else {
        return;
    };
    let buffer = frame.buffer_mut();
    for row in rect.top()..rect.bottom() {
        let cell = &mut buffer[(left, row)];
        if display_width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}
