//! The home screen's view: the course's lessons, one a line, with study time against
//! the plan, sections read, a gauge of checklist mastery and what is due for review.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panel;
use crate::app::{App, Home};
use crate::progress::LessonOverview;
use crate::text::{display_width, fit};

/// Cells of a mastery gauge.
const GAUGE: usize = 8;

/// Draws the home screen over `area`, the chosen lesson highlighted.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, home: &Home) {
    let block = panel(app, &home.course, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = lines(app, home, usize::from(inner.width));
    // The chosen line stays in view on a short screen.
    let height = usize::from(inner.height).max(1);
    let first = (home.selected() + 2).saturating_sub(height);
    let shown: Vec<Line<'static>> = lines.into_iter().skip(first).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The column heads, then a line a lesson, cut to `width` columns.
fn lines(app: &App, home: &Home, width: usize) -> Vec<Line<'static>> {
    let texts = app.texts().course;
    let cells: Vec<[String; 5]> = home
        .rows
        .iter()
        .enumerate()
        .map(|(index, row)| row_cells(app, row, index))
        .collect();
    // Each figure column as wide as its widest cell or head; the title takes the rest.
    let widths: Vec<usize> = (1..5)
        .map(|column| {
            cells
                .iter()
                .map(|row| display_width(&row[column]))
                .chain([display_width(texts.columns[column])])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mark = display_width(texts.continue_here);
    let figures: usize = widths.iter().map(|width| width + 2).sum();
    let title = width.saturating_sub(figures + mark + 4).max(8);
    let heads: [String; 5] = texts.columns.map(str::to_owned);
    let mut lines = vec![Line::from(Span::styled(
        format!(
            "  {}",
            join(&heads, (title, &widths), ("", mark), app.glyphs().ellipsis)
        ),
        app.theme().code_label,
    ))];
    for (index, row) in cells.iter().enumerate() {
        let chosen = index == home.selected();
        let last = home.last_studied == Some(index);
        let text = join(
            row,
            (title, &widths),
            (if last { texts.continue_here } else { "" }, mark),
            app.glyphs().ellipsis,
        );
        let style = if chosen {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let pointer = if chosen { "> " } else { "  " };
        lines.push(Line::from(vec![
            Span::styled(pointer, style),
            Span::styled(
                fit(&text, width.saturating_sub(2), app.glyphs().ellipsis),
                style,
            ),
        ]));
    }
    lines
}

/// A lesson's cells: title, time against the plan, sections read, mastery, due.
fn row_cells(app: &App, row: &LessonOverview, index: usize) -> [String; 5] {
    let texts = app.texts().course;
    let filled = (row.mastered * GAUGE).checked_div(row.items).unwrap_or(0);
    [
        format!("{}. {}", index + 1, row.title),
        texts.minutes(row.active_ms / 60_000, row.minutes),
        format!("{}/{}", row.read, row.sections),
        format!(
            "[{}{}] {}/{}",
            "#".repeat(filled),
            "-".repeat(GAUGE - filled),
            row.mastered,
            row.items
        ),
        if row.due > 0 {
            texts.due(row.due)
        } else {
            String::new()
        },
    ]
}

/// The cells side by side: the title cut or padded to `title` columns, each figure to
/// its column's width, then the mark padded to `mark`.
fn join(
    cells: &[String; 5],
    (title, widths): (usize, &[usize]),
    (last, mark): (&str, usize),
    ellipsis: &str,
) -> String {
    let pad = |text: &str, width: usize| {
        let cut = fit(text, width, ellipsis);
        let room = width.saturating_sub(display_width(&cut));
        format!("{cut}{}", " ".repeat(room))
    };
    let mut line = pad(&cells[0], title);
    for (cell, width) in cells[1..].iter().zip(widths) {
        line.push_str("  ");
        line.push_str(&pad(cell, *width));
    }
    line.push_str("  ");
    line.push_str(&pad(last, mark));
    line.trim_end().to_owned()
}
