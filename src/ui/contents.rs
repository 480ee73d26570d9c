//! The table of contents: every section, indented by level, the current one and the
//! read ones marked, the selected one in reverse video when the pane has focus.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use crate::app::{App, Focus};
use crate::text::fit;

/// Draws the contents pane.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let reader = app.reader();
    let focused = reader.focus() == Focus::Contents;
    let current = reader.current_section();
    let title_style = if focused {
        app.theme().heading.add_modifier(Modifier::REVERSED)
    } else {
        app.theme().heading
    };
    let block = Block::new()
        .borders(Borders::RIGHT)
        .border_set(app.glyphs().panel)
        .border_style(app.theme().border)
        .title(Span::styled(
            format!(" {} ", app.texts().contents),
            title_style,
        ));
    let rows = usize::from(area.height.saturating_sub(1));
    // The marker column and the border take one column each.
    let title_width = usize::from(area.width.saturating_sub(2));
    let lines: Vec<Line<'static>> = app
        .lesson()
        .sections
        .iter()
        .enumerate()
        .skip(reader.contents_offset())
        .take(rows)
        .map(|(index, section)| {
            let read = app.session.read().get(index).copied().unwrap_or(false);
            let (marker, marker_style) = if Some(index) == current {
                (app.glyphs().bullets[0], app.theme().marker)
            } else if read {
                (app.glyphs().read_mark, app.theme().right)
            } else {
                (' ', app.theme().marker)
            };
            let indent = "  ".repeat(usize::from(section.level.saturating_sub(1)));
            // The lesson's title (H1) in the title colour, sections bold, their parts
            // plain: an H2 cut short never reads as the H1 above it.
            let mut style = match section.level {
                1 => app.theme().title,
                2 => Style::new().add_modifier(Modifier::BOLD),
                _ => Style::new(),
            };
            if Some(index) == current {
                style = style.patch(app.theme().marker);
            }
            if focused && index == reader.contents_selected() {
                style = style.add_modifier(Modifier::REVERSED);
            }
            Line::from(vec![
                Span::styled(marker.to_string(), marker_style),
                Span::styled(
                    fit(
                        &format!("{indent}{}", section.title),
                        title_width,
                        app.glyphs().ellipsis,
                    ),
                    style,
                ),
            ])
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
