//! Subgraphs with a direction of their own ("insets"): each is placed as a chart of its
//! own, then set into the chart around it as one block the size of its frame. Mermaid
//! honours a subgraph's direction only when no edge crosses its border; so do we, which
//! is also what lets the inset be placed apart.

use super::columns::FRAME;
use super::place::{Placement, Rect, Search, place_flat};
use super::{Flowchart, Node, NodeStyle, Shape, Subgraph};
use crate::text::display_width;

/// Rows a frame adds above its content (border, a row for arrows) and below it (a row of
/// space, border), as `assign_rows` lays frames out.
const ABOVE: usize = 2;
const BELOW: usize = 2;

/// Where a node of the chart around the insets comes from.
#[derive(Clone, Copy)]
enum Origin {
    Node(usize),
    Inset(usize),
}

/// A part of the chart placed on its own, with the original index of each of its nodes,
/// subgraphs and edges.
struct Part {
    chart: Flowchart,
    nodes: Vec<Origin>,
    clusters: Vec<usize>,
    edges: Vec<usize>,
}

pub(super) fn place_with_insets(chart: &Flowchart, search: Search) -> Option<Placement> {
    let insets = outermost_insets(chart);
    if insets.is_empty() {
        return Some(place_flat(
            chart,
            &vec![None; chart.nodes.len()],
            &[],
            search,
        ));
    }
    let mut inner = Vec::with_capacity(insets.len());
    for inset in &insets {
        let part = extract(chart, *inset);
        // An inset may hold insets of its own, turned against its direction.
        let placement = place_with_insets(&part.chart, search)?;
        inner.push((part, placement));
    }
    let outer = surroundings(chart, &insets);
    let sizes: Vec<Option<(usize, usize)>> = outer
        .nodes
        .iter()
        .map(|origin| match origin {
            Origin::Node(_) => None,
            Origin::Inset(index) => {
                let placement = &inner[*index].1;
                let title = display_width(&chart.subgraphs[insets[*index]].title);
                Some((
                    (placement.width + 2 * FRAME).max(title + 6),
                    placement.height + ABOVE + BELOW,
                ))
            }
        })
        .collect();
    let around = place_flat(&outer.chart, &sizes, &[], search);
    Some(assemble(chart, &insets, &outer, &around, &inner))
}

/// Puts the pieces back in the original chart's numbering.
fn assemble(
    chart: &Flowchart,
    insets: &[usize],
    outer: &Part,
    around: &Placement,
    inner: &[(Part, Placement)],
) -> Placement {
    let mut placement = Placement {
        width: around.width,
        height: around.height,
        nodes: vec![Rect::default(); chart.nodes.len()],
        clusters: vec![Rect::default(); chart.subgraphs.len()],
        routes: Vec::with_capacity(chart.edges.len()),
    };
    set_in(&mut placement, outer, around, (0, 0));
    for (index, origin) in outer.nodes.iter().enumerate() {
        let Origin::Inset(inset) = *origin else {
            continue;
        };
        let frame = around.nodes[index];
        placement.clusters[insets[inset]] = frame;
        let (part, placed) = &inner[inset];
        let offset = (frame.x + (frame.width - placed.width) / 2, frame.y + ABOVE);
        set_in(&mut placement, part, placed, offset);
    }
    placement.routes.sort_by_key(|route| route.edge);
    placement
}

/// Copies a part's placement, moved by `offset`, into the whole one.
fn set_in(whole: &mut Placement, part: &Part, placed: &Placement, (dx, dy): (usize, usize)) {
    let moved = |rect: Rect| Rect {
        x: rect.x + dx,
        y: rect.y + dy,
        ..rect
    };
    for (index, origin) in part.nodes.iter().enumerate() {
        if let Origin::Node(node) = origin {
            whole.nodes[*node] = moved(placed.nodes[index]);
        }
    }
    for (index, cluster) in part.clusters.iter().enumerate() {
        whole.clusters[*cluster] = moved(placed.clusters[index]);
    }
    for route in &placed.routes {
        let mut route = route.clone();
        route.edge = part.edges[route.edge];
        for point in &mut route.points {
            *point = (point.0 + dx, point.1 + dy);
        }
        route.label = route.label.map(|(x, y)| (x + dx, y + dy));
        whole.routes.push(route);
    }
}

/// Subgraphs whose direction differs from the chart's, with members, that no edge
/// crosses, and that lie in no other such subgraph.
pub(super) fn outermost_insets(chart: &Flowchart) -> Vec<usize> {
    let is_inset = |subgraph: usize| {
        let own = chart.subgraphs[subgraph].direction;
        let members: Vec<bool> = chart
            .nodes
            .iter()
            .map(|node| chart.within(node.subgraph, subgraph))
            .collect();
        own.is_some_and(|direction| direction != chart.direction)
            && members.contains(&true)
            && chart
                .edges
                .iter()
                .all(|edge| members[edge.from] == members[edge.to])
    };
    let candidates: Vec<usize> = (0..chart.subgraphs.len())
        .filter(|s| is_inset(*s))
        .collect();
    candidates
        .iter()
        .copied()
        .filter(|subgraph| {
            !candidates.iter().any(|other| {
                other != subgraph && chart.within(chart.subgraphs[*subgraph].parent, *other)
            })
        })
        .collect()
}

/// An inset's content as a chart of its own, in the inset's direction.
fn extract(chart: &Flowchart, inset: usize) -> Part {
    let clusters: Vec<usize> = (0..chart.subgraphs.len())
        .filter(|cluster| {
            *cluster != inset && chart.within(chart.subgraphs[*cluster].parent, inset)
        })
        .collect();
    let renumber = |cluster: Option<usize>| -> Option<usize> {
        clusters.iter().position(|other| Some(*other) == cluster)
    };
    let members: Vec<usize> = (0..chart.nodes.len())
        .filter(|node| chart.within(chart.nodes[*node].subgraph, inset))
        .collect();
    let edges: Vec<usize> = (0..chart.edges.len())
        .filter(|edge| members.contains(&chart.edges[*edge].from))
        .collect();
    let part_chart = Flowchart {
        direction: chart.subgraphs[inset].direction.unwrap_or(chart.direction),
        nodes: members
            .iter()
            .map(|node| Node {
                subgraph: renumber(chart.nodes[*node].subgraph),
                ..chart.nodes[*node].clone()
            })
            .collect(),
        edges: edges
            .iter()
            .map(|edge| {
                let original = &chart.edges[*edge];
                let position = |node: usize| members.iter().position(|other| *other == node);
                let mut edge = original.clone();
                edge.from = position(original.from).unwrap_or(0);
                edge.to = position(original.to).unwrap_or(0);
                edge
            })
            .collect(),
        subgraphs: renumbered(chart, &clusters, renumber),
    };
    Part {
        chart: part_chart,
        nodes: members.into_iter().map(Origin::Node).collect(),
        clusters,
        edges,
    }
}

/// The chart around the insets: each inset one box, where its first member was written.
fn surroundings(chart: &Flowchart, insets: &[usize]) -> Part {
    let inset_of = |cluster: Option<usize>| {
        insets
            .iter()
            .position(|inset| chart.within(cluster, *inset))
    };
    let clusters: Vec<usize> = (0..chart.subgraphs.len())
        .filter(|cluster| inset_of(Some(*cluster)).is_none())
        .collect();
    let renumber = |cluster: Option<usize>| -> Option<usize> {
        clusters.iter().position(|other| Some(*other) == cluster)
    };
    let (origins, nodes, position) = nodes_around(chart, insets, inset_of, renumber);
    let edges: Vec<usize> = (0..chart.edges.len())
        .filter(|edge| inset_of(chart.nodes[chart.edges[*edge].from].subgraph).is_none())
        .collect();
    let part_chart = Flowchart {
        direction: chart.direction,
        nodes,
        edges: edges
            .iter()
            .map(|edge| {
                let mut edge = chart.edges[*edge].clone();
                edge.from = position[edge.from];
                edge.to = position[edge.to];
                edge
            })
            .collect(),
        subgraphs: renumbered(chart, &clusters, renumber),
    };
    Part {
        chart: part_chart,
        nodes: origins,
        clusters,
        edges,
    }
}

/// The nodes of the chart around the insets, in the original order: each node outside
/// the insets, and a box for each inset where its first member was; where each comes
/// from; and each original node's index among them (an inset's members: its box's).
fn nodes_around(
    chart: &Flowchart,
    insets: &[usize],
    inset_of: impl Fn(Option<usize>) -> Option<usize>,
    renumber: impl Fn(Option<usize>) -> Option<usize>,
) -> (Vec<Origin>, Vec<Node>, Vec<usize>) {
    let mut origins = Vec::new();
    let mut nodes = Vec::new();
    let mut position = vec![0; chart.nodes.len()];
    for (index, node) in chart.nodes.iter().enumerate() {
        match inset_of(node.subgraph) {
            None => {
                position[index] = nodes.len();
                origins.push(Origin::Node(index));
                nodes.push(Node {
                    subgraph: renumber(node.subgraph),
                    ..node.clone()
                });
            }
            Some(inset) => {
                let existing = origins
                    .iter()
                    .position(|origin| matches!(origin, Origin::Inset(other) if *other == inset));
                position[index] = existing.unwrap_or(nodes.len());
                if existing.is_none() {
                    let subgraph = &chart.subgraphs[insets[inset]];
                    origins.push(Origin::Inset(inset));
                    nodes.push(Node {
                        id: subgraph.id.clone(),
                        label: Vec::new(),
                        shape: Shape::Rectangle,
                        style: NodeStyle::default(),
                        subgraph: renumber(subgraph.parent),
                    });
                }
            }
        }
    }
    (origins, nodes, position)
}

/// The subgraphs `clusters` of `chart`, their parents renumbered for a part.
fn renumbered(
    chart: &Flowchart,
    clusters: &[usize],
    renumber: impl Fn(Option<usize>) -> Option<usize>,
) -> Vec<Subgraph> {
    clusters
        .iter()
        .map(|cluster| {
            let mut subgraph = chart.subgraphs[*cluster].clone();
            subgraph.parent = renumber(subgraph.parent);
            subgraph
        })
        .collect()
}
