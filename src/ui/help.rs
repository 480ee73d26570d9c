//! The help overlay: every key, centred over the text; on a narrow terminal each key
//! goes above its meaning, and the list scrolls when it is taller than the screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::panel;

use crate::app::App;
use crate::layout::wrap::{Run, display_width, wrap};

/// Columns taken by the border and padding on each side.
const FRAME: u16 = 2;

/// Draws the help box over `area`, `scrolled` lines down.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, scrolled: usize) {
    let texts = app.texts;
    let inner_width = usize::from(area.width.saturating_sub(2 * FRAME)).max(1);
    let key_width = texts
        .help
        .iter()
        .map(|(keys, _)| display_width(keys))
        .max()
        .unwrap_or(0);
    let widest = texts
        .help
        .iter()
        .map(|(_, meaning)| key_width + 2 + display_width(meaning))
        .max()
        .unwrap_or(0);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines: Vec<Line<'static>> = Vec::new();
    for (keys, meaning) in texts.help {
        if widest <= inner_width {
            let pad = " ".repeat(key_width - display_width(keys) + 2);
            lines.push(Line::from(vec![
                Span::styled(format!("{keys}{pad}"), bold),
                Span::raw(*meaning),
            ]));
        } else {
            lines.push(Line::from(Span::styled(*keys, bold)));
            let meaning = wrap(
                &[Run::new(*meaning, Style::new())],
                inner_width.saturating_sub(2),
            );
            lines.extend(meaning.into_iter().map(|mut line| {
                line.spans.insert(0, Span::raw("  "));
                line
            }));
        }
    }
    let rows = usize::from(area.height.saturating_sub(FRAME)).saturating_sub(2);
    let scrolled = scrolled.min(lines.len().saturating_sub(rows));
    let mut shown: Vec<Line<'static>> = lines.into_iter().skip(scrolled).take(rows).collect();
    shown.push(Line::default());
    shown.push(Line::from(Span::styled(
        texts.help_close,
        app.theme.code_label,
    )));
    let content_width = shown.iter().map(Line::width).max().unwrap_or(0);
    let width = (content_width as u16 + 2 * FRAME).min(area.width);
    let height = (shown.len() as u16 + FRAME).min(area.height);
    let rect = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = panel(app, texts.help_title, rect.width);
    frame.render_widget(Clear, rect);
    split_wide_characters_at(frame, rect);
    frame.render_widget(Paragraph::new(shown).block(block), rect);
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
