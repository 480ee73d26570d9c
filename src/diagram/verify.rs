//! The drawing's promises, checked on every diagram before it is shown (a diagram that
//! breaks one is shown as its source instead): boxes never overlap, no edge runs through
//! a box, every edge joins its two boxes, every label and frame title is whole (no edge
//! crosses text), every label reads as its own edge's (`attached`), the lines of edges
//! that share no node never run together, and each subgraph frame holds exactly its
//! members.

use std::collections::HashMap;

use super::{Cell, Flowchart, Ink, Placement, Rect, Route};

/// Checks a placement and its drawing; the error says which promise broke.
pub fn verify(chart: &Flowchart, placement: &Placement, drawn: &[Vec<Cell>]) -> Result<(), String> {
    verify_apart(chart, &placement.nodes)?;
    let covered = covered(placement);
    for route in &placement.routes {
        verify_route(chart, placement, route, &covered)?;
        verify_label(chart, route, drawn)?;
    }
    verify_frames(chart, placement)?;
    verify_titles(chart, placement, drawn)?;
    verify_lines_apart(chart, placement)?;
    super::attached::verify_attached(chart, placement)?;
    for route in &placement.routes {
        verify_visible(chart, route, drawn)?;
    }
    let widest = drawn.iter().map(Vec::len).max().unwrap_or(0);
    if widest > placement.width || drawn.len() != placement.height {
        return Err("the drawing is larger than its placement".to_owned());
    }
    Ok(())
}

/// No two boxes overlap.
fn verify_apart(chart: &Flowchart, nodes: &[Rect]) -> Result<(), String> {
    for (a, first) in nodes.iter().enumerate() {
        for (b, second) in nodes.iter().enumerate().skip(a + 1) {
            if first.overlaps(second) {
                return Err(format!(
                    "boxes of `{}` and `{}` overlap",
                    chart.nodes[a].id, chart.nodes[b].id
                ));
            }
        }
    }
    Ok(())
}

/// Which node's box covers each cell, so checking a route is linear in its length.
fn covered(placement: &Placement) -> Vec<Vec<Option<usize>>> {
    let mut covered = vec![vec![None; placement.width]; placement.height];
    for (node, rect) in placement.nodes.iter().enumerate() {
        for row in covered.iter_mut().skip(rect.y).take(rect.height) {
            for cell in row.iter_mut().skip(rect.x).take(rect.width) {
                *cell = Some(node);
            }
        }
    }
    covered
}

/// An edge's label is drawn whole where the route puts it.
fn verify_label(chart: &Flowchart, route: &Route, drawn: &[Vec<Cell>]) -> Result<(), String> {
    if let (Some((x, y)), Some(label)) = (route.label, &chart.edges[route.edge].label) {
        let shown: String = drawn
            .get(y)
            .map(|row| {
                row.iter()
                    .skip(x)
                    .filter_map(|cell| cell.character)
                    .collect()
            })
            .unwrap_or_default();
        if !shown.starts_with(label.as_str()) {
            return Err(format!("the label `{label}` is not whole"));
        }
    }
    Ok(())
}

/// No cell of an edge's line is covered by text (or off the drawing).
fn verify_visible(chart: &Flowchart, route: &Route, drawn: &[Vec<Cell>]) -> Result<(), String> {
    for cell in cells(&route.points) {
        let ink = drawn
            .get(cell.1)
            .and_then(|row| row.get(cell.0))
            .map(|cell| cell.ink);
        if matches!(
            ink,
            Some(Ink::Title | Ink::EdgeLabel | Ink::NodeLabel(_)) | None
        ) {
            let edge = &chart.edges[route.edge];
            return Err(format!(
                "the edge `{}` → `{}` is hidden under text at column {}, row {}",
                chart.nodes[edge.from].id, chart.nodes[edge.to].id, cell.0, cell.1
            ));
        }
    }
    Ok(())
}

/// Each frame's title is one unbroken run of text on its top border (or, where edges
/// leave no room there, its bottom border): an edge may cross a border, never a title.
/// A title longer than its frame may be cut at its end.
fn verify_titles(
    chart: &Flowchart,
    placement: &Placement,
    drawn: &[Vec<Cell>],
) -> Result<(), String> {
    for (cluster, frame) in placement.clusters.iter().enumerate() {
        if frame.width < 2 || frame.height < 2 {
            continue;
        }
        let title = &chart.subgraphs[cluster].title;
        let on = |row: usize| title_on(drawn, frame, row, title);
        let shown = [on(frame.y), on(frame.y + frame.height - 1)];
        if shown.iter().filter(|whole| whole.is_some()).count() != 1 || shown.contains(&Some(false))
        {
            return Err(format!(
                "the title of subgraph `{title}` is broken by an edge"
            ));
        }
    }
    Ok(())
}

/// Whether border row `row` of `frame` holds `title` whole (`Some(true)`), broken
/// (`Some(false)`), or none of it (`None`).
fn title_on(drawn: &[Vec<Cell>], frame: &Rect, row: usize, title: &str) -> Option<bool> {
    let border = drawn
        .get(row)
        .map(|row| &row[frame.x.min(row.len())..(frame.x + frame.width).min(row.len())])
        .unwrap_or_default();
    let runs = border
        .split(|cell| cell.ink != Ink::Title)
        .filter(|run| !run.is_empty())
        .count();
    if runs == 0 {
        return None;
    }
    let shown: String = border
        .iter()
        .filter(|cell| cell.ink == Ink::Title)
        .filter_map(|cell| cell.character)
        .collect();
    Some(runs == 1 && !shown.trim().is_empty() && format!(" {title} ").starts_with(&shown))
}

/// A row (`true`) or a column lines run along.
type Lane = (bool, usize);
/// A straight piece of an edge's line along a lane: the edge, and where it starts and
/// ends along the lane.
type Piece = (usize, usize, usize);

/// Two edges' lines run together (overlap along a row or a column) only when the edges
/// share a node, as a fan-out's or fan-in's trunk: otherwise the one line would read as
/// joining boxes no edge joins.
fn verify_lines_apart(chart: &Flowchart, placement: &Placement) -> Result<(), String> {
    // The pieces of every line by the row (across) or column (down) they run along:
    // only pieces on one row or one column can run together.
    let mut lanes: HashMap<Lane, Vec<Piece>> = HashMap::new();
    for route in &placement.routes {
        for pair in route.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            let (lane, from, to) = if y0 == y1 {
                ((true, y0), x0.min(x1), x0.max(x1))
            } else {
                ((false, x0), y0.min(y1), y0.max(y1))
            };
            lanes.entry(lane).or_default().push((route.edge, from, to));
        }
    }
    for pieces in lanes.values() {
        for (index, (edge, from, to)) in pieces.iter().enumerate() {
            for (other, other_from, other_to) in &pieces[index + 1..] {
                let (a, b) = (&chart.edges[*edge], &chart.edges[*other]);
                let shared = [a.from, a.to].contains(&b.from) || [a.from, a.to].contains(&b.to);
                if edge != other && !shared && (*from).max(*other_from) < (*to).min(*other_to) {
                    return Err(format!(
                        "the lines of `{}` → `{}` and `{}` → `{}` run together",
                        chart.nodes[a.from].id,
                        chart.nodes[a.to].id,
                        chart.nodes[b.from].id,
                        chart.nodes[b.to].id
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Each subgraph frame holds exactly its members and nested frames, and overlaps no
/// other frame.
fn verify_frames(chart: &Flowchart, placement: &Placement) -> Result<(), String> {
    let nodes = &placement.nodes;
    let drawn_frame = |frame: &Rect| frame.width >= 2 && frame.height >= 2;
    for (cluster, frame) in placement
        .clusters
        .iter()
        .enumerate()
        .filter(|(_, frame)| drawn_frame(frame))
    {
        for (node, rect) in nodes.iter().enumerate() {
            let member = chart.within(chart.nodes[node].subgraph, cluster);
            if member && !frame.encloses(rect) {
                return Err(format!(
                    "`{}` is outside its subgraph's frame",
                    chart.nodes[node].id
                ));
            }
            if !member && frame.overlaps(rect) {
                return Err(format!(
                    "`{}` is inside a frame it does not belong to",
                    chart.nodes[node].id
                ));
            }
        }
        for (other, inner) in placement
            .clusters
            .iter()
            .enumerate()
            .filter(|(_, inner)| drawn_frame(inner))
        {
            let nested = other != cluster && chart.within(Some(other), cluster);
            if nested && !frame.encloses(inner) {
                return Err(format!(
                    "subgraph `{}` sticks out of its parent",
                    chart.subgraphs[other].id
                ));
            }
            if !nested
                && other != cluster
                && !chart.within(Some(cluster), other)
                && frame.overlaps(inner)
            {
                return Err("two subgraph frames overlap".to_owned());
            }
        }
    }
    Ok(())
}

fn verify_route(
    chart: &Flowchart,
    placement: &Placement,
    route: &Route,
    covered: &[Vec<Option<usize>>],
) -> Result<(), String> {
    let edge = &chart.edges[route.edge];
    let name = || {
        format!(
            "`{}` → `{}`",
            chart.nodes[edge.from].id, chart.nodes[edge.to].id
        )
    };
    let (Some(first), Some(last)) = (route.points.first(), route.points.last()) else {
        return Err(format!("the edge {} is not drawn", name()));
    };
    if route
        .points
        .windows(2)
        .any(|pair| pair[0].0 != pair[1].0 && pair[0].1 != pair[1].1)
    {
        return Err(format!("the edge {} is not orthogonal", name()));
    }
    let ends = [&placement.nodes[edge.from], &placement.nodes[edge.to]];
    let on_border = |rect: &Rect, (x, y): (usize, usize)| {
        rect.contains((x, y))
            && (y == rect.y
                || y == rect.y + rect.height - 1
                || x == rect.x
                || x == rect.x + rect.width - 1)
    };
    let touches = ends.iter().any(|rect| on_border(rect, *first))
        && ends.iter().any(|rect| on_border(rect, *last));
    if !touches {
        return Err(format!("the edge {} does not reach both its boxes", name()));
    }
    let inner: Vec<(usize, usize)> = cells(&route.points);
    let inner = &inner[1..inner.len().saturating_sub(1)];
    let through = inner.iter().find_map(|(x, y)| {
        covered
            .get(*y)
            .and_then(|row| row.get(*x))
            .copied()
            .flatten()
    });
    if let Some(node) = through {
        return Err(format!(
            "the edge {} runs through `{}`",
            name(),
            chart.nodes[node].id
        ));
    }
    Ok(())
}

/// Every cell along the polyline, in order.
pub(super) fn cells(points: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut cells = Vec::new();
    for pair in points.windows(2) {
        let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
        let steps = x0.abs_diff(x1).max(y0.abs_diff(y1));
        for step in 0..steps {
            let along = |from: usize, to: usize| {
                if to >= from {
                    from + step.min(to - from)
                } else {
                    from - step.min(from - to)
                }
            };
            cells.push((along(x0, x1), along(y0, y1)));
        }
    }
    if let Some(last) = points.last() {
        cells.push(*last);
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::parse_flowchart;

    /// `verify_lines_apart` on two edges drawn as the given lines.
    fn apart(source: &str, first: Vec<(usize, usize)>, second: Vec<(usize, usize)>) -> bool {
        let lines: Vec<String> = source.lines().map(str::to_owned).collect();
        let chart = parse_flowchart(&lines).unwrap();
        let placement = Placement {
            width: 20,
            height: 10,
            nodes: vec![Rect::default(); chart.nodes.len()],
            clusters: Vec::new(),
            routes: vec![
                Route {
                    edge: 0,
                    points: first,
                    label: None,
                },
                Route {
                    edge: 1,
                    points: second,
                    label: None,
                },
            ],
        };
        verify_lines_apart(&chart, &placement).is_ok()
    }

    #[test]
    fn only_edges_that_share_a_node_may_share_a_line() {
        let (first, second) = (vec![(0, 2), (8, 2)], vec![(5, 2), (12, 2)]);
        // A → B and C → D on one stretch of row 2: read as joining all four.
        assert!(!apart(
            "graph TB\n A --> B\n C --> D",
            first.clone(),
            second.clone()
        ));
        // A fan-out's trunk: both leave A.
        assert!(apart("graph TB\n A --> B\n A --> D", first.clone(), second));
        // Meeting end to end at one cell is not running together.
        assert!(apart(
            "graph TB\n A --> B\n C --> D",
            first,
            vec![(8, 2), (8, 6)]
        ));
    }
}
