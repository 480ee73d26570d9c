//! Edges from a node to itself, drawn as a small loop on the box's right side: out on
//! the label's row, back in with its head on the row below, its label beside it. The
//! rest of the chart is placed without them, with room kept right of each looped box.
//!
//! ```text
//! ┌─────────┐
//! │ Running ├──┐ probe fails
//! │         ├◀─┘
//! └─────────┘
//! ```

use super::insets::outermost_insets;
use super::place::{Placement, Rect, Route, place_flat};
use super::{Direction, Flowchart};
use crate::text::display_width;

/// Columns a loop takes right of its box: the line out, the turn, and a space.
const LOOP: usize = 3;

/// Places a chart with self-loops; `None` where a loop has no side to go on: a chart
/// running left to right (whose right sides the flow uses), a node with two loops, or a
/// loop inside a subgraph placed apart.
pub(super) fn place_with_loops(chart: &Flowchart) -> Option<Placement> {
    let loops: Vec<usize> = (0..chart.edges.len())
        .filter(|edge| chart.edges[*edge].from == chart.edges[*edge].to)
        .collect();
    let looped: Vec<usize> = loops.iter().map(|edge| chart.edges[*edge].from).collect();
    let across = matches!(chart.direction, Direction::LeftRight | Direction::RightLeft);
    let twice = (1..looped.len()).any(|index| looped[..index].contains(&looped[index]));
    if across || twice || !outermost_insets(chart).is_empty() {
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
        // A row more, so the loop leaves and comes back on two rows of the box's side.
        sizes[node] = Some((wide, label.len() + 3));
        let text = chart.edges[*edge].label.as_deref().map_or(0, display_width);
        aside[node] = LOOP + if text > 0 { text + 2 } else { 0 };
    }
    let mut placement = place_flat(&rest, &sizes, &aside);
    for route in &mut placement.routes {
        route.edge = kept[route.edge];
    }
    for edge in loops {
        let node = chart.edges[edge].from;
        placement
            .routes
            .push(loop_route(edge, &placement.nodes[node]));
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
    Some(placement)
}

/// The loop beside `rect`, from its lower side row (where the head goes: a route drawn
/// from its target's box has its head at its start) round to the row above.
fn loop_route(edge: usize, rect: &Rect) -> Route {
    let side = rect.x + rect.width - 1;
    let (upper, lower) = (rect.y + 1, rect.y + 2);
    let turn = side + LOOP;
    Route {
        edge,
        points: vec![(side, lower), (turn, lower), (turn, upper), (side, upper)],
        label: Some((turn + 2, upper)),
    }
}
