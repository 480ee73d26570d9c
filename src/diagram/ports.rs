//! Ports, where edges meet a box: one per look of the edges coming in, and the room
//! their labels need beside the box.

use super::place::Vertex;
use super::{Edge, Flowchart, Head, Stroke};
use crate::text::display_width;

/// A box needs a port of its own for each look (stroke, head, label) of the edges coming
/// in, so an allowed edge never shares a head with a denied one: widen it to fit them.
pub(super) fn widen_for_ports(chart: &Flowchart, rank_of: &[usize], vertices: &mut [Vertex]) {
    for (index, vertex) in vertices.iter_mut().enumerate() {
        let looks = looks_into(chart, rank_of, index).len();
        if looks > 1 {
            vertex.width = vertex.width.max(2 * looks + 3);
        }
    }
}

/// The looks of the edges whose lines end at a node from the rank before (an edge drawn
/// against the ranks ends at its source), first seen first: one port each, left to right.
fn looks_into<'a>(
    chart: &'a Flowchart,
    rank_of: &[usize],
    node: usize,
) -> Vec<(Stroke, Head, Option<&'a str>)> {
    let ends_at = |edge: &Edge| {
        if rank_of[edge.from] <= rank_of[edge.to] {
            edge.to == node
        } else {
            edge.from == node
        }
    };
    let mut looks = Vec::new();
    for edge in chart.edges.iter().filter(|edge| ends_at(edge)) {
        if !looks.contains(&edge.look()) {
            looks.push(edge.look());
        }
    }
    looks
}

/// Room beside boxes for the labels of edges coming in: right of the line into a box
/// (or a long edge's point), except for the leftmost of several ports into a box, whose
/// label goes left, as right of it runs the next port's line.
pub(super) fn keep_room_for_labels(
    chart: &Flowchart,
    rank_of: &[usize],
    chains: &[Vec<usize>],
    vertices: &mut [Vertex],
    across: bool,
) {
    for (edge, chain) in chart.edges.iter().zip(chains) {
        let Some(label) = &edge.label else {
            continue;
        };
        let width = display_width(label);
        let next = &mut vertices[chain[1]];
        // Across, the label runs along the edge on the row beside it, which is still
        // beside a box (ports stay off its corners), not beside a point.
        if across {
            next.room = next.room.max(if next.node.is_some() { 0 } else { 2 });
            continue;
        }
        let looks = next
            .node
            .map(|node| looks_into(chart, rank_of, node))
            .unwrap_or_default();
        let group = looks.iter().position(|look| *look == edge.look());
        match group {
            Some(0) if looks.len() > 1 => {
                let port = 1 + (next.width - 2) / (looks.len() + 1);
                next.lead = next.lead.max((width + 3).saturating_sub(port));
            }
            // Right of its port, which may move two columns aside.
            Some(group) if looks.len() > 1 => {
                let port = 3 + (group + 1) * (next.width - 2) / (looks.len() + 1);
                next.room = next.room.max((width + 3).saturating_sub(next.width - port));
            }
            _ => next.room = next.room.max((width + 3).saturating_sub(next.width / 2)),
        }
    }
}
