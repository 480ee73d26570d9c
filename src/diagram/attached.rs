//! Whether each edge label reads as its own edge's: beside its own line with no other
//! edge's line nearer or touching it (a label between two parallel lines could be
//! either's). A label runs along a row: beside a vertical line (top-down charts), or
//! along a horizontal line on the row above or below it (left-right charts). A trunk its
//! edge shares with others counts as its own line.

use std::collections::HashMap;

use super::verify::cells;
use super::{Flowchart, Placement};
use crate::text::display_width;

/// Each edge's line cells, and its label's row and columns.
struct Traced {
    line: Vec<(usize, usize)>,
    label: Option<(usize, std::ops::Range<usize>)>,
}

/// The first label that does not read as its own edge's, as an error.
pub(super) fn verify_attached(chart: &Flowchart, placement: &Placement) -> Result<(), String> {
    let traced: Vec<Traced> = placement
        .routes
        .iter()
        .map(|route| Traced {
            line: cells(&route.points),
            label: route
                .label
                .zip(chart.edges[route.edge].label.as_deref())
                .map(|((x, y), text)| (y, x..x + display_width(text))),
        })
        .collect();
    if traced.iter().all(|trace| trace.label.is_none()) {
        return Ok(());
    }
    // Which edges' lines pass each cell, gathered once: the checks ask cell by cell.
    let mut passing: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    for (index, trace) in traced.iter().enumerate() {
        for cell in &trace.line {
            let owners = passing.entry(*cell).or_default();
            if owners.last() != Some(&index) {
                owners.push(index);
            }
        }
    }
    let owners =
        |x: usize, y: usize| -> Vec<usize> { passing.get(&(x, y)).cloned().unwrap_or_default() };
    for (index, trace) in traced.iter().enumerate() {
        let Some((row, columns)) = trace.label.clone() else {
            continue;
        };
        if !beside_own_line(&owners, index, &columns, row)
            && !along_own_line(&owners, index, &columns, row)
        {
            let edge = &chart.edges[placement.routes[index].edge];
            return Err(format!(
                "the label `{}` could be read as another edge's",
                edge.label.as_deref().unwrap_or_default()
            ));
        }
    }
    Ok(())
}

/// The nearest line on the label's row is its own, and no other edge's line is within
/// two columns of it.
fn beside_own_line(
    owners: &impl Fn(usize, usize) -> Vec<usize>,
    trace: usize,
    columns: &std::ops::Range<usize>,
    row: usize,
) -> bool {
    let (start, end) = (columns.start, columns.end);
    let left = (0..start).rev().find(|x| !owners(*x, row).is_empty());
    let right = (end..end + 200).find(|x| !owners(*x, row).is_empty());
    let nearest = match (left, right) {
        (Some(left), Some(right)) if start - left <= right + 1 - end => Some(left),
        (Some(left), None) => Some(left),
        (_, right) => right,
    };
    if !nearest.is_some_and(|x| owners(x, row).contains(&trace)) {
        return false;
    }
    [
        start.checked_sub(1),
        start.checked_sub(2),
        Some(end),
        Some(end + 1),
    ]
    .into_iter()
    .flatten()
    .all(|x| {
        let found = owners(x, row);
        found.is_empty() || found.contains(&trace)
    })
}

/// Its own line runs on the row above or below, and no other edge's line on either.
fn along_own_line(
    owners: &impl Fn(usize, usize) -> Vec<usize>,
    trace: usize,
    columns: &std::ops::Range<usize>,
    row: usize,
) -> bool {
    let beside = |row: Option<usize>| -> (bool, bool) {
        let Some(row) = row else {
            return (false, false);
        };
        columns.clone().fold((false, false), |(own, other), x| {
            let found = owners(x, row);
            (
                own || found.contains(&trace),
                other || (!found.is_empty() && !found.contains(&trace)),
            )
        })
    };
    let (above_own, above_other) = beside(row.checked_sub(1));
    let (below_own, below_other) = beside(Some(row + 1));
    (above_own || below_own) && !above_other && !below_other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{Rect, Route, parse_flowchart};

    /// Two edges drawn as given lines, the first labelled `ab` at `label`.
    fn check(
        first: Vec<(usize, usize)>,
        second: Vec<(usize, usize)>,
        label: (usize, usize),
    ) -> Result<(), String> {
        let source: Vec<String> = ["graph TB", "A -->|ab| B", "C --> D"]
            .map(str::to_owned)
            .to_vec();
        let chart = parse_flowchart(&source).unwrap();
        let placement = Placement {
            width: 20,
            height: 10,
            nodes: vec![Rect::default(); 4],
            clusters: Vec::new(),
            routes: vec![
                Route {
                    edge: 0,
                    points: first,
                    label: Some(label),
                },
                Route {
                    edge: 1,
                    points: second,
                    label: None,
                },
            ],
        };
        verify_attached(&chart, &placement)
    }

    #[test]
    fn a_label_beside_its_own_line_reads_as_its_own() {
        let (own, other) = (vec![(2, 0), (2, 8)], vec![(9, 0), (9, 8)]);
        assert!(check(own.clone(), other.clone(), (4, 3)).is_ok());
        // Nearer the other line than its own: the other edge's, to a reader.
        assert!(check(own.clone(), other.clone(), (6, 3)).is_err());
        // Touching the other line on its far side: between the two.
        assert!(check(own, vec![(7, 0), (7, 8)], (4, 3)).is_err());
    }

    #[test]
    fn a_label_along_its_own_line_reads_as_its_own_unless_another_runs_beside() {
        let own = vec![(0, 4), (12, 4)];
        assert!(check(own.clone(), vec![(0, 8), (12, 8)], (4, 3)).is_ok());
        // Another edge's line on its other side: between two parallel lines.
        assert!(check(own, vec![(0, 2), (12, 2)], (4, 3)).is_err());
    }
}
