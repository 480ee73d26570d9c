//! A placed flowchart drawn as text: boxes, frames with titles, edge lines joined into
//! box-drawing junctions, arrow heads and labels; or plain ASCII.

use super::canvas::Canvas;
use super::{Flowchart, Placement, Rect, Stroke};
use crate::text::display_width;

/// What a cell shows, so the caller can style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Blank,
    /// A node's border or label; the index of the node.
    Node(usize),
    NodeLabel(usize),
    Frame,
    Title,
    Edge,
    EdgeLabel,
}

/// One drawn cell: a character (or the right half of a wide one) and its ink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    /// `None` for the second column of a double-width character.
    pub character: Option<char>,
    pub ink: Ink,
}

/// Draws a placement; `ascii` for consoles without box drawing.
#[must_use]
pub fn draw(chart: &Flowchart, placement: &Placement, ascii: bool) -> Vec<Vec<Cell>> {
    let mut canvas = Canvas::new(placement.width, placement.height);
    for (cluster, frame) in placement.clusters.iter().enumerate() {
        // A subgraph with no nodes has no frame.
        if frame.width < 2 || frame.height < 2 {
            continue;
        }
        canvas.outline(frame, Ink::Frame, Stroke::Normal);
        let title = format!(" {} ", chart.subgraphs[cluster].title);
        let (x, y) = title_place(placement, frame, display_width(&title));
        let room = (frame.x + frame.width).saturating_sub(x + 1);
        canvas.text(x, y, &clip(&title, room), Ink::Title);
    }
    for route in &placement.routes {
        let edge = &chart.edges[route.edge];
        for pair in route.points.windows(2) {
            canvas.line(pair[0], pair[1], edge.stroke);
        }
    }
    for (node, rect) in placement.nodes.iter().enumerate() {
        canvas.clear(rect);
        canvas.outline(rect, Ink::Node(node), Stroke::Normal);
        canvas.corners(rect, chart.nodes[node].shape, ascii);
        for (line, text) in chart.nodes[node].label.iter().enumerate() {
            let x = rect.x + (rect.width - display_width(text)) / 2;
            canvas.text(x, rect.y + 1 + line, text, Ink::NodeLabel(node));
        }
    }
    for route in &placement.routes {
        let edge = &chart.edges[route.edge];
        // A route runs from the upper rank down; an edge drawn against the flow (to
        // break a cycle) gets its head at the route's start.
        let reversed = route
            .points
            .first()
            .is_some_and(|start| placement.nodes[edge.to].contains(*start));
        canvas.ends(&route.points, edge.head, reversed, ascii);
        if let (Some((x, y)), Some(label)) = (route.label, &edge.label) {
            canvas.text(x, y, label, Ink::EdgeLabel);
        }
    }
    canvas.finish(ascii)
}

/// Where a frame's title goes: on its top border, at the first place no edge crosses;
/// else at such a place on its bottom border (edges that enter a frame from above at
/// the middle of a narrow one leave no room on top). Where edges cross both, the top
/// border's first place: `verify` then refuses the drawing.
fn title_place(placement: &Placement, frame: &Rect, width: usize) -> (usize, usize) {
    let bottom = frame.y + frame.height - 1;
    [frame.y, bottom]
        .into_iter()
        .find_map(|row| title_column(placement, frame, row, width).map(|x| (x, row)))
        .unwrap_or((frame.x + 2, frame.y))
}

/// The first column on border row `row` of `frame` where a title `width` wide crosses
/// no edge.
fn title_column(placement: &Placement, frame: &Rect, row: usize, width: usize) -> Option<usize> {
    let crossings: Vec<usize> = placement
        .routes
        .iter()
        .flat_map(|route| route.points.windows(2))
        .filter(|pair| {
            pair[0].0 == pair[1].0
                && pair[0].1.min(pair[1].1) <= row
                && row <= pair[0].1.max(pair[1].1)
        })
        .map(|pair| pair[0].0)
        .collect();
    // The title carries a space each side, so an edge may run right beside it.
    let last = (frame.x + frame.width).saturating_sub(width + 1);
    (frame.x + 2..=last.max(frame.x + 2)).find(|start| {
        !crossings
            .iter()
            .any(|x| (*start..start + width).contains(x))
    })
}

/// Text cut to `width` columns (a title longer than its frame).
fn clip(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|character| {
            used += display_width(character.encode_utf8(&mut [0; 4]));
            used <= width
        })
        .collect()
}
