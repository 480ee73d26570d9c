//! Ports, where edges meet a box: one per look of the edges coming in, and the room
//! their labels need beside the box.

use super::place::Vertex;
use super::{Edge, Flowchart, Head, Stroke};
use crate::text::display_width;

/// A box needs a port of its own for each look (stroke, head, label) of the edges coming
/// in, so an allowed edge never shares a head with a denied one: widen it to fit them,
/// with room between them for the labels that go there (`port_offsets`).
pub(super) fn widen_for_ports(
    chart: &Flowchart,
    rank_of: &[usize],
    vertices: &mut [Vertex],
    across: bool,
) {
    for (index, vertex) in vertices.iter_mut().enumerate() {
        let looks = looks_into(chart, rank_of, index);
        if looks.len() > 1 {
            let labels = label_widths(&looks, across);
            // A column each side between the outer ports and the corners.
            vertex.width = vertex.width.max(ports_span(&labels) + 6);
        }
    }
}

/// Where the ports of a box `width` columns wide go, from its left side, for looks whose
/// labels are `labels` columns wide (`None`: no label). The first port's label goes left
/// of its line and the last's right, beside the box; each label between goes right of
/// its line, so its port is that much and a space each side before the next one, and it
/// reads as its own edge's, never as a neighbour's. The ports are centred on the box.
pub(super) fn port_offsets(width: usize, labels: &[Option<usize>]) -> Vec<usize> {
    let span = ports_span(labels);
    let interior = width.saturating_sub(2);
    if span > interior {
        // Too narrow for the labels between (a box sized otherwise): spread evenly.
        let count = labels.len();
        return (0..count)
            .map(|group| 1 + (group + 1) * interior / (count + 1))
            .collect();
    }
    let mut at = 1 + (interior - span) / 2;
    let mut offsets = Vec::with_capacity(labels.len());
    for (group, gap) in gaps(labels).enumerate() {
        offsets.push(at);
        if group + 1 < labels.len() {
            at += gap;
        }
    }
    offsets
}

/// Columns from the first port to the last.
fn ports_span(labels: &[Option<usize>]) -> usize {
    gaps(labels).take(labels.len().saturating_sub(1)).sum()
}

/// The columns from each port to the next: two, or the label going between and a space
/// each side.
fn gaps(labels: &[Option<usize>]) -> impl Iterator<Item = usize> + '_ {
    let last = labels.len().saturating_sub(1);
    labels
        .iter()
        .enumerate()
        .map(move |(group, label)| match label {
            Some(width) if group > 0 && group < last => width + 4,
            _ => 2,
        })
}

/// The labels' widths, for the ports of a box; across, labels run beside the lines
/// along the other axis and take no room between ports.
pub(super) fn label_widths(
    looks: &[(Stroke, Head, Option<&str>)],
    across: bool,
) -> Vec<Option<usize>> {
    looks
        .iter()
        .map(|(_, _, label)| label.filter(|_| !across).map(display_width))
        .collect()
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
        let ports = port_offsets(next.width, &label_widths(&looks, across));
        match group {
            // Of two ports, either may end up first (`steps` orders them as the lines
            // come in): room both sides.
            Some(_) if looks.len() == 2 => {
                next.lead = next.lead.max((width + 3).saturating_sub(ports[0]));
                let port = ports[1] + 2;
                next.room = next.room.max((width + 3).saturating_sub(next.width - port));
            }
            Some(0) if looks.len() > 1 => {
                next.lead = next.lead.max((width + 3).saturating_sub(ports[0]));
            }
            // Right of its port, which may move two columns aside.
            Some(group) if looks.len() > 1 => {
                let port = ports[group] + 2;
                next.room = next.room.max((width + 3).saturating_sub(next.width - port));
            }
            _ => next.room = next.room.max((width + 3).saturating_sub(next.width / 2)),
        }
    }
}
