//! Where edge labels go in a gap between ranks: beside the line into the target, clear of
//! every line that runs through the label rows and of the other labels, so that each
//! label reads as its own edge's and no line cuts through one.

use std::cmp::Ordering;

use super::Flowchart;
use super::place::Graph;
use super::steps::Step;
use crate::text::display_width;

/// The cells a label takes, and the columns it keeps clear of lines on either side.
#[derive(Clone, Copy)]
struct Extent {
    columns: usize,
    rows: usize,
    space: usize,
}

impl Extent {
    /// Across (a left-right chart placed top-down) a label runs down one column, on the
    /// row next to its line once turned; otherwise along one row, a column of space from
    /// its line.
    fn of(text: &str, across: bool) -> Self {
        let width = display_width(text);
        if across {
            Self {
                columns: 1,
                rows: width,
                space: 0,
            }
        } else {
            Self {
                columns: width,
                rows: 1,
                space: 1,
            }
        }
    }
}

/// Rows `top..bottom` and columns `start..=end` a placed label keeps to itself.
struct Taken {
    top: usize,
    bottom: usize,
    start: usize,
    end: usize,
}

/// What the labels of a gap must keep clear of: the columns of the lines through their
/// rows, and the labels placed so far.
struct Clearance {
    lines: Vec<usize>,
    /// Right of every line, where no line can block a label.
    rightmost: usize,
    taken: Vec<Taken>,
}

impl Clearance {
    fn new(lines: Vec<usize>) -> Self {
        let rightmost = lines.iter().max().map_or(0, |line| line + 2);
        Self {
            lines,
            rightmost,
            taken: Vec::new(),
        }
    }

    /// Whether a label of `extent` fits at `row`, `x`.
    fn free(&self, extent: Extent, row: usize, x: usize) -> bool {
        let Extent {
            columns,
            rows,
            space,
        } = extent;
        !self
            .lines
            .iter()
            .any(|line| *line + space >= x && *line < x + columns + space)
            && !self.taken.iter().any(|taken| {
                taken.top < row + rows
                    && row < taken.bottom
                    && taken.start <= x + columns
                    && x <= taken.end
            })
    }

    /// Right of every line, on the first row free there: below every label taken there
    /// is always room.
    fn right_of_everything(&self, extent: Extent) -> Option<(usize, usize)> {
        let below = self
            .taken
            .iter()
            .map(|taken| taken.bottom)
            .max()
            .unwrap_or(0);
        (0..=below)
            .find(|row| self.free(extent, *row, self.rightmost))
            .map(|row| (row, self.rightmost))
    }

    fn take(&mut self, (row, x): (usize, usize), extent: Extent) {
        self.taken.push(Taken {
            top: row,
            bottom: row + extent.rows,
            start: x,
            end: x + extent.columns,
        });
    }
}

impl Graph<'_> {
    /// Label rows and columns for the labelled steps of a gap (first steps of labelled
    /// edges): beside the line into the target, clear of the lines that run through the
    /// label rows (lines into targets, straight lines, frame sides) and of other labels.
    /// A label repeated on edges into the same port is shown once.
    pub(super) fn place_labels(
        &self,
        steps: &[Step],
        tracks: &[Option<usize>],
        chart: &Flowchart,
    ) -> Vec<Option<(usize, usize, usize)>> {
        let mut clearance = Clearance::new(self.lines_through_labels(steps, tracks));
        let mut shown: Vec<(usize, &str)> = Vec::new();
        steps
            .iter()
            .map(|step| {
                let first_step = self.chains[step.edge].first() == Some(&step.from);
                let text = chart.edges[step.edge]
                    .label
                    .as_deref()
                    .filter(|_| first_step)?;
                if shown.contains(&(step.to_x, text)) {
                    return None;
                }
                shown.push((step.to_x, text));
                let extent = Extent::of(text, self.across);
                let found = self
                    .beside(step, steps, extent, &clearance)
                    .or_else(|| clearance.right_of_everything(extent));
                if let Some(spot) = found {
                    clearance.take(spot, extent);
                }
                found.map(|(row, x)| (row, x, row + extent.rows))
            })
            .collect()
    }

    /// The columns of the lines through a gap's label rows: lines into targets, straight
    /// lines, and the sides of frames that run on past the gap.
    fn lines_through_labels(&self, steps: &[Step], tracks: &[Option<usize>]) -> Vec<usize> {
        let rank = steps
            .first()
            .map_or(0, |step| self.vertices[step.from].rank);
        let mut lines: Vec<usize> = steps
            .iter()
            .zip(tracks)
            .flat_map(|(step, track)| {
                let straight = track.is_none() || step.from_x == step.to_x;
                [Some(step.to_x), straight.then_some(step.from_x)]
            })
            .flatten()
            .collect();
        for (cluster, frame) in self.frames.iter().enumerate() {
            if self.cluster_ranks[cluster].is_some_and(|(first, last)| first <= rank && rank < last)
            {
                lines.extend([frame.x, frame.x + frame.width - 1]);
            }
        }
        lines
    }

    /// Beside the edge on one of the first rows, on the side away from the box's other
    /// ports; `None` when those places are taken.
    fn beside(
        &self,
        step: &Step,
        steps: &[Step],
        extent: Extent,
        clearance: &Clearance,
    ) -> Option<(usize, usize)> {
        let after = Some(step.to_x + 1 + extent.space);
        let before = step.to_x.checked_sub(extent.columns + extent.space);
        // Turned, "before" is above the line, where a label reads best.
        let sides = if !ports_on(steps, step, Ordering::Less)
            && (ports_on(steps, step, Ordering::Greater) || self.across)
        {
            [before, after]
        } else {
            [after, before]
        };
        (0..4).find_map(|row| {
            sides
                .iter()
                .flatten()
                .copied()
                .find(|x| clearance.free(extent, row, *x))
                .map(|x| (row, x))
        })
    }
}

/// Whether the step's target has another port on `side` of the step's (`Less`: left).
fn ports_on(steps: &[Step], step: &Step, side: Ordering) -> bool {
    steps
        .iter()
        .any(|other| other.to == step.to && other.to_x.cmp(&step.to_x) == side)
}
