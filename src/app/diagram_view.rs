//! The diagram view: one diagram alone on the screen at its natural size, panned when it
//! is larger than the terminal, and one node at a time followed (`Tab`): its edges in
//! and out stand out, the rest dims, so a learner can trace a path through a busy
//! topology. `Esc` goes back to the text where it was.

use std::collections::HashSet;

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::diagram::{Cell, DiagramMap, Ink};
use crate::layout::diagram_style;
use crate::theme::Theme;

/// Columns a sideways pan step moves (rows move one at a time).
const PAN_COLUMNS: isize = 4;

/// The diagram view's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiagramView {
    map: DiagramMap,
    /// The diagram's cell at the view's top left corner.
    pan: (usize, usize),
    /// The node whose edges are followed.
    focus: Option<usize>,
}

/// A key or wheel on the diagram view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagramMessage {
    /// Pan by steps: sideways by `PAN_COLUMNS` columns a step, up and down by rows.
    Pan { across: isize, down: isize },
    /// Pan by a view's height.
    Page(isize),
    /// Follow the next (`true`) or previous node's edges.
    Follow(bool),
}

impl DiagramView {
    pub(super) fn new(map: DiagramMap) -> Self {
        Self::panned(map, (0, 0))
    }

    /// A view of `map` with `pan` at its top left corner, no node followed (the
    /// workshop shows a diagram taller than its screen this way, a screen at a time).
    #[must_use]
    pub fn panned(map: DiagramMap, pan: (usize, usize)) -> Self {
        Self {
            map,
            pan,
            focus: None,
        }
    }

    /// The rows shown in a view `width` × `height`, styled as the reader styles a
    /// diagram; with a node followed, its box reversed, its edges bold in the "right"
    /// colour and everything else dim.
    #[must_use]
    pub fn lines(&self, theme: &Theme, (width, height): (usize, usize)) -> Vec<Line<'static>> {
        let followed: HashSet<(usize, usize)> = self
            .focus
            .map(|node| {
                self.map
                    .edges_of(node)
                    .flat_map(|edge| edge.cells.iter().copied())
                    .collect()
            })
            .unwrap_or_default();
        let style = |ink: Ink, at: (usize, usize)| {
            let plain = diagram_style(ink, theme, &self.map.picture.node_styles);
            match self.focus {
                None => plain,
                Some(node) if matches!(ink, Ink::Node(of) | Ink::NodeLabel(of) if of == node) => {
                    plain.add_modifier(Modifier::REVERSED)
                }
                Some(_) if followed.contains(&at) && matches!(ink, Ink::Edge | Ink::EdgeLabel) => {
                    theme.right.add_modifier(Modifier::BOLD)
                }
                Some(_) => plain.add_modifier(Modifier::DIM),
            }
        };
        let (left, top) = self.pan;
        self.map
            .picture
            .cells
            .iter()
            .enumerate()
            .skip(top)
            .take(height)
            .map(|(y, row)| visible_line(row, y, left, width, &style))
            .collect()
    }

    #[must_use]
    pub fn map(&self) -> &DiagramMap {
        &self.map
    }

    /// The diagram's cell shown at the view's top left corner.
    #[must_use]
    pub fn pan(&self) -> (usize, usize) {
        self.pan
    }

    /// The node whose edges are followed.
    #[must_use]
    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    /// The diagram's columns and rows.
    fn size(&self) -> (usize, usize) {
        let cells = &self.map.picture.cells;
        (cells.iter().map(Vec::len).max().unwrap_or(0), cells.len())
    }

    /// Applies a message for a view of `view` columns and rows.
    pub(super) fn update(&mut self, message: DiagramMessage, view: (usize, usize)) {
        match message {
            DiagramMessage::Pan { across, down } => {
                self.pan_by(across.saturating_mul(PAN_COLUMNS), down, view);
            }
            DiagramMessage::Page(pages) => {
                let rows = isize::try_from(view.1.saturating_sub(1).max(1)).unwrap_or(1);
                self.pan_by(0, pages.saturating_mul(rows), view);
            }
            DiagramMessage::Follow(forward) => self.follow(forward, view),
        }
    }

    fn pan_by(&mut self, columns: isize, rows: isize, view: (usize, usize)) {
        let (width, height) = self.size();
        self.pan = (
            self.pan
                .0
                .saturating_add_signed(columns)
                .min(width.saturating_sub(view.0)),
            self.pan
                .1
                .saturating_add_signed(rows)
                .min(height.saturating_sub(view.1)),
        );
    }

    /// The next or previous node in the author's order (from none, the first or last),
    /// panned into view when it is off screen.
    fn follow(&mut self, forward: bool, view: (usize, usize)) {
        let count = self.map.boxes.len();
        if count == 0 {
            return;
        }
        let next = match (self.focus, forward) {
            (None, true) => 0,
            (None, false) => count - 1,
            (Some(node), true) => (node + 1) % count,
            (Some(node), false) => (node + count - 1) % count,
        };
        self.focus = Some(next);
        let (x, y, width, height) = self.map.boxes[next];
        let keep = |pan: usize, start: usize, length: usize, room: usize| {
            if start < pan || length > room {
                start
            } else if start + length > pan + room {
                start + length - room
            } else {
                pan
            }
        };
        let wanted = (
            keep(self.pan.0, x, width, view.0),
            keep(self.pan.1, y, height, view.1),
        );
        let (columns, rows) = self.size();
        self.pan = (
            wanted.0.min(columns.saturating_sub(view.0)),
            wanted.1.min(rows.saturating_sub(view.1)),
        );
    }
}

/// Columns `left ..` of a row, at most `width` of them: a wide character cut by either
/// edge of the view shows as a space.
fn visible_line(
    row: &[Cell],
    y: usize,
    left: usize,
    width: usize,
    style: &impl Fn(Ink, (usize, usize)) -> Style,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let end = (left + width).min(row.len());
    for x in left..end {
        let cell = row[x];
        let wide = row.get(x + 1).is_some_and(|next| next.character.is_none());
        let character = match cell.character {
            None if x == left => ' ',
            None => continue,
            Some(_) if wide && x + 1 >= end => ' ',
            Some(character) => character,
        };
        let style = style(cell.ink, (x, y));
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(character),
            _ => spans.push(Span::styled(character.to_string(), style)),
        }
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart wider than a small view: ten nodes left to right.
    fn wide() -> DiagramView {
        let source: Vec<String> = std::iter::once("graph LR".to_owned())
            .chain((0..9).map(|node| {
                format!(
                    "N{node}[ノード {node}] --> N{}[ノード {}]",
                    node + 1,
                    node + 1
                )
            }))
            .collect();
        DiagramView::new(crate::diagram::map(&source, false, usize::MAX).unwrap())
    }

    #[test]
    fn panning_stops_at_the_diagrams_edges() {
        let mut view = wide();
        let (width, height) = view.size();
        let screen = (30, 2);
        assert!(height > 2, "{height} rows");
        view.update(
            DiagramMessage::Pan {
                across: -3,
                down: -3,
            },
            screen,
        );
        assert_eq!(view.pan(), (0, 0));
        view.update(DiagramMessage::Pan { across: 2, down: 1 }, screen);
        assert_eq!(view.pan(), (2 * PAN_COLUMNS as usize, 1));
        for _ in 0..100 {
            view.update(DiagramMessage::Pan { across: 1, down: 1 }, screen);
        }
        assert_eq!(view.pan(), (width - 30, height - 2));
        // A page is the view's rows less one.
        view.update(DiagramMessage::Page(-1), screen);
        assert_eq!(view.pan().1, height - 3);
    }

    #[test]
    fn following_walks_the_nodes_and_brings_each_into_view() {
        let mut view = wide();
        let screen = (30, 10);
        view.update(DiagramMessage::Follow(false), screen);
        assert_eq!(view.focus(), Some(9));
        let (x, _, width, _) = view.map().boxes[9];
        assert!(
            view.pan().0 <= x && x + width <= view.pan().0 + 30,
            "{:?}",
            view.pan()
        );
        view.update(DiagramMessage::Follow(true), screen);
        assert_eq!((view.focus(), view.pan().0), (Some(0), 0));
        // The edges followed are the node's own: N0 has one, out to N1.
        let edges: Vec<(usize, usize)> = view
            .map()
            .edges_of(0)
            .map(|edge| (edge.from, edge.to))
            .collect();
        assert_eq!(edges, [(0, 1)]);
    }
}
