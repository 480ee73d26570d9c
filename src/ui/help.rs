//! The help overlay: every key, centred over the text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Padding, Paragraph};

use crate::app::App;
use crate::layout::wrap::display_width;

/// Draws the help box over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let texts = app.texts;
    let key_width = texts
        .help
        .iter()
        .map(|(keys, _)| display_width(keys))
        .max()
        .unwrap_or(0);
    let mut lines: Vec<Line<'static>> = texts
        .help
        .iter()
        .map(|(keys, meaning)| {
            let pad = " ".repeat(key_width - display_width(keys) + 2);
            Line::from(vec![
                Span::styled(
                    format!("{keys}{pad}"),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
                Span::raw(*meaning),
            ])
        })
        .collect();
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        texts.help_close,
        app.theme.code_label,
    )));
    let content_width = lines.iter().map(Line::width).max().unwrap_or(0);
    let width = (content_width as u16 + 4).min(area.width);
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_set(app.glyphs.panel)
        .border_style(app.theme.border)
        .title(Span::styled(
            format!(" {} ", texts.help_title),
            app.theme.heading,
        ));
    frame.render_widget(Clear, rect);
    split_wide_characters_at(frame, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(Padding::horizontal(1))),
        rect,
    );
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
