//! Edges from a node to itself, drawn as a small loop on a side of the box the flow
//! does not use: the right side in a top-down chart (out on the label's row, back in
//! with its head on the row below), the bottom in a left-right one; its label beside
//! it. The rest of the chart is placed without them, with room kept beside each looped
//! box (right of it as placed top-down, which a left-right chart turns into below it).
//!
//! ```text
//! ┌─────────┐          ┌─────────┐
//! │ Running ├──┐ fail  │ Running │
//! │         ├◀─┘       └┬─┴──────┘
//! └─────────┘           └─┘ fail
//! ```

use super::insets::outermost_insets;
use super::place::{Placement, Rect, Route, Search, place_flat};
use super::{Direction, Flowchart};
use crate::text::display_width;

/// Columns a loop takes right of its box: the line out, the turn, and a space.
const LOOP: usize = 3;

/// Places a chart with self-loops; `None` where a loop has no side to go on: a node
/// with two loops, or a loop inside a subgraph placed apart.
pub(super) fn place_with_loops(chart: &Flowchart, search: Search) -> Option<Placement> {
    let loops: Vec<usize> = (0..chart.edges.len())
        .filter(|edge| chart.edges[*edge].from == chart.edges[*edge].to)
        .collect();
    let looped: Vec<usize> = loops.iter().map(|edge| chart.edges[*edge].from).collect();
    let across = matches!(chart.direction, Direction::LeftRight | Direction::RightLeft);
    let twice = (1..looped.len()).any(|index| looped[..index].contains(&looped[index]));
    if twice || !outermost_insets(chart).is_empty() {
        return None;
    }
    let kept: Vec<usize> = (0..chart.edges.len())
        .filter(|edge| !loops.contains(edge))
        .collect();
    let mut rest = chart.clone();
    rest.edges = kept.iter().map(|edge| chart.edges[*edge].clone()).collect();
    let mut sizes = vec![None; chart.nodes.len()];
    let mut aside = vec![0; chart.nodes.len()];
    for edge in &loops {
        let node = chart.edges[*edge].from;
        let label = &chart.nodes[node].label;
        let wide = label
            .iter()
            .map(|line| display_width(line))
            .max()
            .unwrap_or(0)
            + 4;
        let text = chart.edges[*edge].label.as_deref().map_or(0, display_width);
        if across {
            // Below the box, its label under it: the box is as wide as both need.
            sizes[node] = Some((wide.max(text + 7), label.len() + 2));
            aside[node] = LOOP;
        } else {
            // A row more, so the loop leaves and comes back on two rows of its side.
            sizes[node] = Some((wide, label.len() + 3));
            aside[node] = LOOP + if text > 0 { text + 2 } else { 0 };
        }
    }
    let mut placement = place_flat(&rest, &sizes, &aside, search);
    for route in &mut placement.routes {
        route.edge = kept[route.edge];
    }
    for edge in loops {
        let node = chart.edges[edge].from;
        let looped = if across {
            loop_below(edge, &placement.nodes[node])
        } else {
            loop_beside(edge, &placement.nodes[node])
        };
        placement.routes.push(looped);
    }
    // The room kept right of the rightmost box is not in the placement's width.
    let label_ends = placement.routes.iter().filter_map(|route| {
        let (x, _) = route.label?;
        Some(x + display_width(chart.edges[route.edge].label.as_deref()?))
    });
    let line_ends = placement
        .routes
        .iter()
        .flat_map(|route| &route.points)
        .map(|(x, _)| x + 1);
    placement.width = label_ends
        .chain(line_ends)
        .fold(placement.width, usize::max);
    placement.height = placement
        .routes
        .iter()
        .flat_map(|route| route.points.iter().chain(&route.label))
        .map(|(_, y)| y + 1)
        .fold(placement.height, usize::max);
    Some(placement)
}

/// The loop right of `rect`, from its lower side row (where the head goes: a route
/// drawn from its target's box has its head at its start) round to the row above.
fn loop_beside(edge: usize, rect: &Rect) -> Route {
    let side = rect.x + rect.width - 1;
    let (upper, lower) = (rect.y + 1, rect.y + 2);
    let turn = side + LOOP;
    Route {
        edge,
        points: vec![(side, lower), (turn, lower), (turn, upper), (side, upper)],
        label: Some((turn + 2, upper)),
    }
}

/// The loop below `rect`, from the right one of its two columns (the head) round to the
/// left one.
fn loop_below(edge: usize, rect: &Rect) -> Route {
    let bottom = rect.y + rect.height - 1;
    let (left, right) = (rect.x + 1, rect.x + 3);
    let turn = bottom + 2;
    Route {
        edge,
        points: vec![(right, bottom), (right, turn), (left, turn), (left, bottom)],
        label: Some((right + 2, turn)),
    }
}
