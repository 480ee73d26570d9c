//! Tables laid out by display columns: widths from content, shrunk to fit and wrapped
//! cell by cell when the table is wider than the page.

mod widths;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::glyphs::Glyphs;
use crate::course::Alignment;
use crate::text::{Run, display_width, min_content_width, widest_grapheme, wrap};
use widths::{column_widths, fewest_rows};

/// A table's content as styled runs, ready to lay out.
pub struct TableRuns<'a> {
    pub alignments: &'a [Alignment],
    pub header: Vec<Vec<Run>>,
    pub rows: Vec<Vec<Vec<Run>>>,
}

/// Styles of the table's frame and header row.
pub struct TableStyles {
    pub border: Style,
    pub header: Style,
}

/// Lays the table out in at most `width` columns when that is possible at all (each
/// column needs one column of text plus its border and padding).
#[must_use]
pub fn lay_out_table(
    table: &TableRuns<'_>,
    width: usize,
    glyphs: &Glyphs,
    styles: &TableStyles,
) -> Vec<Line<'static>> {
    let column_count = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.header.len(), table.alignments.len()])
        .max()
        .unwrap_or(0);
    if column_count == 0 {
        return Vec::new();
    }
    let all_rows = || std::iter::once(&table.header).chain(&table.rows);
    let measure = |measure_cell: fn(&[Run]) -> usize| -> Vec<usize> {
        (0..column_count)
            .map(|column| {
                all_rows()
                    .filter_map(|row| row.get(column))
                    .map(|cell| measure_cell(cell))
                    .max()
                    .unwrap_or(0)
                    .max(1)
            })
            .collect()
    };
    let natural = measure(natural_width);
    let minimum = measure(min_content_width);
    let floor = measure(widest_grapheme);
    let available = width.saturating_sub(3 * column_count + 1);
    let mut widths = column_widths(&natural, &minimum, &floor, available);
    if natural.iter().sum::<usize>() > available {
        let cells: Vec<&[Vec<Run>]> = all_rows().map(Vec::as_slice).collect();
        fewest_rows(&mut widths, &natural, &minimum, &floor, &cells, available);
    }

    let frame = Frame {
        widths: &widths,
        glyphs,
        style: styles.border,
    };
    let header = wrap_row(&table.header, &widths, styles.header);
    let body: Vec<Vec<Vec<Line<'static>>>> = table
        .rows
        .iter()
        .map(|row| wrap_row(row, &widths, Style::default()))
        .collect();
    let separate_rows = body.iter().any(|row| row_height(row) > 1);

    let mut lines = vec![frame.rule(glyphs.top, glyphs.horizontal)];
    lines.extend(frame.row(&header, table.alignments));
    lines.push(frame.rule(glyphs.header_middle, glyphs.header_rule));
    for (index, row) in body.iter().enumerate() {
        if separate_rows && index > 0 {
            lines.push(frame.rule(glyphs.middle, glyphs.horizontal));
        }
        lines.extend(frame.row(row, table.alignments));
    }
    lines.push(frame.rule(glyphs.bottom, glyphs.horizontal));
    lines
}

fn natural_width(cell: &[Run]) -> usize {
    cell.iter().map(|run| display_width(&run.text)).sum()
}

fn wrap_row(cells: &[Vec<Run>], widths: &[usize], style: Style) -> Vec<Vec<Line<'static>>> {
    widths
        .iter()
        .enumerate()
        .map(|(column, width)| {
            let mut lines = cells
                .get(column)
                .map_or_else(Vec::new, |cell| wrap(cell, *width));
            for line in &mut lines {
                line.style = style;
                for span in &mut line.spans {
                    span.style = style.patch(span.style);
                }
            }
            lines
        })
        .collect()
}

fn row_height(row: &[Vec<Line<'static>>]) -> usize {
    row.iter().map(Vec::len).max().unwrap_or(1).max(1)
}

/// Draws rules and rows for fixed column widths.
struct Frame<'a> {
    widths: &'a [usize],
    glyphs: &'a Glyphs,
    style: Style,
}

impl Frame<'_> {
    fn rule(&self, [left, middle, right]: [char; 3], fill: char) -> Line<'static> {
        let mut text = String::new();
        text.push(left);
        for (index, width) in self.widths.iter().enumerate() {
            if index > 0 {
                text.push(middle);
            }
            text.extend(std::iter::repeat_n(fill, width + 2));
        }
        text.push(right);
        Line::from(Span::styled(text, self.style))
    }

    fn row(&self, cells: &[Vec<Line<'static>>], alignments: &[Alignment]) -> Vec<Line<'static>> {
        let bar = Span::styled(self.glyphs.vertical.to_string(), self.style);
        (0..row_height(cells))
            .map(|index| {
                let mut spans = vec![bar.clone()];
                for (column, width) in self.widths.iter().enumerate() {
                    let line = cells.get(column).and_then(|lines| lines.get(index));
                    let alignment = alignments.get(column).copied().unwrap_or(Alignment::None);
                    spans.extend(aligned(line, *width, alignment));
                    spans.push(bar.clone());
                }
                Line::from(spans)
            })
            .collect()
    }
}

/// A cell line padded to its column (plus one space each side) by its alignment.
fn aligned(line: Option<&Line<'static>>, width: usize, alignment: Alignment) -> Vec<Span<'static>> {
    let used = line.map_or(0, Line::width);
    let gap = width.saturating_sub(used);
    let (left, right) = match alignment {
        Alignment::Right => (gap, 0),
        Alignment::Center => (gap / 2, gap - gap / 2),
        Alignment::Left | Alignment::None => (0, gap),
    };
    let mut spans = vec![Span::raw(" ".repeat(left + 1))];
    if let Some(line) = line {
        spans.extend(line.spans.iter().cloned());
    }
    spans.push(Span::raw(" ".repeat(right + 1)));
    spans
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
