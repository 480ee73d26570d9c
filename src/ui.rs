//! Draws `&App` into a frame: pure view functions, one file per view. The colour depth
//! is applied to the finished buffer, the one place colours degrade.

mod checklist;
mod contents;
mod diagram_view;
mod help;
mod home;
pub mod progress_text;
pub mod quiz;
mod reader;
pub mod session_text;
mod status;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Padding, Paragraph};

use crate::app::{App, MIN_HEIGHT, MIN_WIDTH, PANEL_PADDING, Screen, screen_areas};
use crate::palette::{ColorDepth, degrade};
use crate::text::{Run, fit, wrap};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame<'_>, app: &App, depth: ColorDepth) {
    let area = frame.area();
    if app.is_too_small() {
        let size = (area.width, area.height);
        // Wrapped by display width here: ratatui's own wrapping, centred in a window two
        // columns wide, wrote a wide character past the edge (found by fuzzing).
        let notice = app.texts().too_small_for(size, (MIN_WIDTH, MIN_HEIGHT));
        let width = usize::from(area.width).max(1);
        let lines: Vec<Line<'static>> = wrap(&[Run::new(notice, Style::new())], width)
            .into_iter()
            .map(|line| {
                let pad = width.saturating_sub(line.width()) / 2;
                let mut spans = vec![Span::raw(" ".repeat(pad))];
                spans.extend(line.spans);
                Line::from(spans)
            })
            .collect();
        let middle = Rect {
            y: area.y + area.height / 2,
            height: area.height - area.height / 2,
            ..area
        };
        frame.render_widget(Paragraph::new(lines), middle);
    } else {
        let [main, status_row, hint_row] = screen_areas(area);
        match &app.screen() {
            Screen::Checklist(checklist) => checklist::render(frame, main, app, *checklist),
            Screen::Quiz(run) => quiz::render(frame, main, app, run),
            Screen::Diagram(view) => diagram_view::render(frame, main, app, view),
            Screen::Home(home) => home::render(frame, main, app, home),
            Screen::Reading | Screen::Searching | Screen::Help(_) => {
                let [contents_area, reading_area] = Layout::horizontal([
                    Constraint::Length(app.reader().contents_width()),
                    Constraint::Min(1),
                ])
                .areas(main);
                if app.reader().contents_visible() {
                    contents::render(frame, contents_area, app);
                }
                reader::render(frame, reading_area, app.reader());
            }
        }
        let bar = status::Bar::new(app, status_row.width);
        status::render_status(frame, status_row, &bar);
        status::render_hint(frame, hint_row, app);
        if let Screen::Help(help) = app.screen() {
            help::render(frame, main, app, *help);
        }
        status::render_notice(frame, main, app);
    }
    degrade(frame.buffer_mut(), depth);
}

/// A titled box in the reader's panel style (help, checklist, quiz); the title is cut
/// to fit `width` columns.
pub(crate) fn panel(app: &App, title: &str, width: u16) -> Block<'static> {
    Block::new()
        .borders(Borders::ALL)
        .border_set(app.glyphs().panel)
        .border_style(app.theme().border)
        .padding(Padding::horizontal(PANEL_PADDING))
        .title(Span::styled(
            fit(
                &format!(" {title} "),
                usize::from(width.saturating_sub(4)),
                app.glyphs().ellipsis,
            ),
            app.theme().heading,
        ))
}

#[cfg(test)]
#[path = "ui/ui_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "ui/styled_tests.rs"]
mod styled_tests;

#[cfg(test)]
#[path = "ui/home_tests.rs"]
mod home_tests;
