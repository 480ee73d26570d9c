//! A drawn diagram with what each part of it is: every node's box and every edge's cells
//! (its line and its label). A full-screen view uses it to follow one node's edges
//! through a busy topology; the reader's inline picture does not need it.

use super::verify::cells;
use super::{Picture, drawn};
use crate::text::display_width;

/// A diagram drawn at its natural size, with its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramMap {
    pub picture: Picture,
    /// Each node's label on one line, in the author's order.
    pub labels: Vec<String>,
    /// Each node's box: column, row, columns, rows.
    pub boxes: Vec<(usize, usize, usize, usize)>,
    pub edges: Vec<EdgeTrace>,
}

/// The cells one edge is drawn on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EdgeTrace {
    /// Indices into `DiagramMap::boxes`.
    pub from: usize,
    pub to: usize,
    /// Its line, then its label's cells.
    pub cells: Vec<(usize, usize)>,
    /// How many of `cells` are its label's.
    pub label_cells: usize,
}

impl EdgeTrace {
    /// The cells of its line.
    #[must_use]
    pub fn line(&self) -> &[(usize, usize)] {
        &self.cells[..self.cells.len() - self.label_cells]
    }

    /// The cells of its label, left to right.
    #[must_use]
    pub fn label(&self) -> &[(usize, usize)] {
        &self.cells[self.cells.len() - self.label_cells..]
    }
}

impl DiagramMap {
    /// The edges into and out of `node`.
    pub fn edges_of(&self, node: usize) -> impl Iterator<Item = &EdgeTrace> {
        self.edges
            .iter()
            .filter(move |edge| edge.from == node || edge.to == node)
    }
}

/// The diagram in `source` drawn for `width` columns as `picture` draws it (turned when
/// that fits and its own way does not; `usize::MAX` for its own way always), with its
/// parts; `None` when it is shown as source instead.
#[must_use]
pub fn map(source: &[String], ascii: bool, width: usize) -> Option<DiagramMap> {
    let (chart, placement, picture) = drawn(source, ascii, width)?;
    let edges = placement
        .routes
        .iter()
        .map(|route| {
            let edge = &chart.edges[route.edge];
            let mut traced = cells(&route.points);
            let mut label_cells = 0;
            if let (Some((x, y)), Some(label)) = (route.label, &edge.label) {
                label_cells = display_width(label);
                traced.extend((x..x + label_cells).map(|column| (column, y)));
            }
            EdgeTrace {
                from: edge.from,
                to: edge.to,
                cells: traced,
                label_cells,
            }
        })
        .collect();
    Some(DiagramMap {
        picture,
        labels: chart
            .nodes
            .iter()
            .map(|node| node.label.join(" "))
            .collect(),
        boxes: placement
            .nodes
            .iter()
            .map(|rect| (rect.x, rect.y, rect.width, rect.height))
            .collect(),
        edges,
    })
}
