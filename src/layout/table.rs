//! Tables laid out by display columns: widths from content, shrunk to fit and wrapped
//! cell by cell when the table is wider than the page.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::glyphs::Glyphs;
use crate::course::Alignment;
use crate::text::{Run, display_width, min_content_width, widest_grapheme, wrap};

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

/// Columns narrower than this are shrunk only when nothing else can give up room.
const COMFORTABLE_WIDTH: usize = 8;

/// Column widths summing to at most `available` where content allows: natural widths
/// if they fit; else every column gets its unbreakable minimum and the rest is shared in
/// proportion to how much each wants; else the widest columns give up room first (their
/// words get cut), never below `floor`, the widest character, so borders stay aligned.
fn column_widths(
    natural: &[usize],
    minimum: &[usize],
    floor: &[usize],
    available: usize,
) -> Vec<usize> {
    let natural_total: usize = natural.iter().sum();
    if natural_total <= available {
        return natural.to_vec();
    }
    // Japanese may break between any two characters, so its minimum is one kanji; a
    // column that narrow is unreadable, so columns ask for a few characters' room.
    let minimum: Vec<usize> = minimum
        .iter()
        .zip(natural)
        .map(|(min, nat)| (*min).max(COMFORTABLE_WIDTH).min(*nat))
        .collect();
    let minimum_total: usize = minimum.iter().sum();
    if minimum_total <= available {
        let spare = available - minimum_total;
        let wanted = natural_total - minimum_total;
        let mut widths: Vec<usize> = minimum
            .iter()
            .zip(natural)
            .map(|(min, nat)| min + (nat - min) * spare / wanted.max(1))
            .collect();
        give_out_remainder(&mut widths, natural, available);
        return widths;
    }
    let mut widths = minimum;
    let mut excess = minimum_total - available;
    while excess > 0 {
        let Some(widest) = (0..widths.len())
            .filter(|column| widths[*column] > floor[*column])
            .max_by_key(|column| widths[*column])
        else {
            break;
        };
        widths[widest] -= 1;
        excess -= 1;
    }
    widths
}

/// Widths from shares can leave a column wider than anything wrapped in it uses while
/// another splits a word into single characters (「プロビジョ」/「ナ」). For a table of a
/// few columns the widths are chosen outright: among the widths where a column's cells
/// change their line count, the combination that fits with the fewest rows (ties: the
/// one nearest the shares). Wider tables keep the shares.
fn fewest_rows(
    widths: &mut Vec<usize>,
    natural: &[usize],
    minimum: &[usize],
    floor: &[usize],
    rows: &[&[Vec<Run>]],
    available: usize,
) {
    const MOST_COLUMNS: usize = 4;
    if widths.len() > MOST_COLUMNS || widths.len() != natural.len() {
        return;
    }
    // No word cut in two when the words fit side by side at all.
    let floor: Vec<usize> = if minimum.iter().sum::<usize>() <= available {
        minimum.iter().zip(floor).map(|(a, b)| *a.max(b)).collect()
    } else {
        floor.to_vec()
    };
    let wrapping = Wrapping::new(rows, natural, floor);
    let distance = |chosen: &[usize]| -> usize {
        chosen
            .iter()
            .zip(widths.iter())
            .map(|(a, b)| a.abs_diff(*b))
            .sum()
    };
    let mut best: Option<((usize, usize), usize, Vec<usize>)> = None;
    let mut chosen = Vec::with_capacity(widths.len());
    search(
        &wrapping.candidates(),
        available,
        &mut chosen,
        &mut |chosen| {
            let score = (wrapping.cost(chosen), distance(chosen));
            if best
                .as_ref()
                .is_none_or(|(cost, nearness, _)| score < (*cost, *nearness))
            {
                best = Some((score.0, score.1, chosen.to_vec()));
            }
        },
    );
    if let Some((cost, _, mut chosen)) = best {
        wrapping.widen(&mut chosen, natural, available, cost);
        *widths = chosen;
    }
}

/// How each cell of a few columns wraps at each width a column can take.
struct Wrapping {
    /// Each column's narrowest width.
    floor: Vec<usize>,
    /// counts[column][width - floor][row]: the cell's lines at that width, and whether
    /// one of several is a lone character.
    counts: Vec<Vec<Vec<(usize, bool)>>>,
    rows: usize,
}

impl Wrapping {
    fn new(rows: &[&[Vec<Run>]], natural: &[usize], floor: Vec<usize>) -> Self {
        let counts = (0..floor.len())
            .map(|column| {
                (floor[column]..=natural[column].max(floor[column]))
                    .map(|width| {
                        rows.iter()
                            .map(|row| {
                                row.get(column).map_or((1, false), |cell| {
                                    let lines = wrap(cell, width);
                                    let lone = lines.len() > 1
                                        && lines.iter().any(|line| line.width() <= 2);
                                    (lines.len(), lone)
                                })
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Self {
            floor,
            counts,
            rows: rows.len(),
        }
    }

    /// Each column's widths worth trying: the narrowest of each way its cells wrap.
    fn candidates(&self) -> Vec<Vec<usize>> {
        self.counts
            .iter()
            .zip(&self.floor)
            .map(|(by_width, floor)| {
                (0..by_width.len())
                    .filter(|&at| at == 0 || by_width[at] != by_width[at - 1])
                    .map(|at| floor + at)
                    .collect()
            })
            .collect()
    }

    fn at(&self, column: usize, width: usize, row: usize) -> (usize, bool) {
        self.counts[column][width - self.floor[column]][row]
    }

    /// The table's rows at these widths, and its lines holding a lone character.
    fn height_and_lone(&self, chosen: &[usize]) -> (usize, usize) {
        let mut height = 0;
        let mut lone = 0;
        for row in 0..self.rows {
            let cells = || {
                chosen
                    .iter()
                    .enumerate()
                    .map(move |(column, width)| self.at(column, *width, row))
            };
            height += cells().map(|(lines, _)| lines).max().unwrap_or(1);
            lone += cells().filter(|(_, alone)| *alone).count();
        }
        (height, lone)
    }

    /// What a choice of widths costs: a lone character left on a line reads as badly as
    /// a row more; then fewer lone characters.
    fn cost(&self, chosen: &[usize]) -> (usize, usize) {
        let (height, lone) = self.height_and_lone(chosen);
        (height + lone, lone)
    }

    /// Room the rows do not need still widens the columns that want it most, where that
    /// wraps no worse than `cost`.
    fn widen(
        &self,
        chosen: &mut [usize],
        natural: &[usize],
        available: usize,
        cost: (usize, usize),
    ) {
        let mut left = available.saturating_sub(chosen.iter().sum());
        while left > 0 {
            let mut wanting: Vec<usize> = (0..chosen.len())
                .filter(|column| chosen[*column] < natural[*column])
                .collect();
            wanting.sort_by_key(|column| std::cmp::Reverse(natural[*column] - chosen[*column]));
            let Some(column) = wanting.into_iter().find(|column| {
                let mut wider = chosen.to_vec();
                wider[*column] += 1;
                self.cost(&wider) <= cost
            }) else {
                break;
            };
            chosen[column] += 1;
            left -= 1;
        }
    }
}

/// Every choice of one candidate width per column that sums to at most `room`.
fn search(
    candidates: &[Vec<usize>],
    room: usize,
    chosen: &mut Vec<usize>,
    visit: &mut impl FnMut(&[usize]),
) {
    let Some((first, rest)) = candidates.split_first() else {
        visit(chosen);
        return;
    };
    let least_rest: usize = rest.iter().filter_map(|widths| widths.first()).sum();
    for width in first.iter().copied() {
        if width + least_rest > room {
            break;
        }
        chosen.push(width);
        search(rest, room - width, chosen, visit);
        chosen.pop();
    }
}

/// Rounding down leaves a few columns unused; give them to the columns that want more.
fn give_out_remainder(widths: &mut [usize], natural: &[usize], available: usize) {
    let mut left = available.saturating_sub(widths.iter().sum());
    while left > 0 {
        let Some(column) = (0..widths.len())
            .filter(|column| widths[*column] < natural[*column])
            .max_by_key(|column| natural[*column] - widths[*column])
        else {
            return;
        };
        widths[column] += 1;
        left -= 1;
    }
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
