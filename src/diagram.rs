//! Mermaid flowcharts, the subset authors use for network topology: parsed, placed on a
//! character grid and drawn as text. Knows nothing of ratatui or terminals.

mod attached;
mod canvas;
mod chain;
mod columns;
mod crossings;
mod cursor;
mod draw;
mod edge;
mod insets;
mod labels;
mod loops;
mod map;
mod order;
mod parse;
mod place;
mod ports;
mod rank;
mod route;
mod rows;
mod simplex;
mod steps;
mod style;
mod styling;
mod tracks;
mod verify;

pub use crossings::crossings;
pub use draw::{Cell, Ink, draw};
pub use map::{DiagramMap, EdgeTrace, map};
pub use parse::parse_flowchart;
pub use place::{Placement, Rect, Route, place};
use place::{Search, place_searching};
pub use verify::verify;

/// A diagram drawn as text: its cells and each node's colours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    pub cells: Vec<Vec<Cell>>,
    pub node_styles: Vec<NodeStyle>,
}

/// The diagram drawn as text in at most `width` columns where it can be (a chart too
/// wide is turned, top-down ↔ left-right, if that fits; else it stays as the author
/// drew it and scrolls sideways), or `None` when its
/// source must be shown instead (outside the subset, or a drawing that would break a
/// promise of `verify`).
#[must_use]
pub fn picture(source: &[String], ascii: bool, width: usize) -> Option<Picture> {
    drawn(source, ascii, width).map(|(_, _, picture)| picture)
}

/// The chart as drawn for `width` columns, where it was placed, and its picture: the
/// order with the fewest crossings found, or where that breaks a promise, the order
/// searched from the source's alone.
fn drawn(source: &[String], ascii: bool, width: usize) -> Option<(Flowchart, Placement, Picture)> {
    let chart = parse_flowchart(source).ok()?;
    [Search::Wide, Search::Plain]
        .into_iter()
        .find_map(|search| {
            let (chart, placement) = placed(chart.clone(), width, search)?;
            let cells = draw(&chart, &placement, ascii);
            verify(&chart, &placement, &cells).ok()?;
            let picture = Picture {
                cells,
                node_styles: chart.nodes.iter().map(|node| node.style).collect(),
            };
            Some((chart, placement, picture))
        })
}

/// The chart placed within `width` columns if turning it makes it fit, else as drawn.
fn placed(mut chart: Flowchart, width: usize, search: Search) -> Option<(Flowchart, Placement)> {
    let mut placement = place_searching(&chart, search)?;
    if placement.width > width {
        let mut turned = chart.clone();
        turned.direction = chart.direction.turned();
        if let Some(narrower) =
            place_searching(&turned, search).filter(|other| other.width <= width)
        {
            placement = narrower;
            chart = turned;
        }
    }
    Some((chart, placement))
}

/// A parsed flowchart.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Flowchart {
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub subgraphs: Vec<Subgraph>,
}

impl Flowchart {
    /// Whether `cluster` is the subgraph `ancestor` or nested in it.
    #[must_use]
    pub fn within(&self, mut cluster: Option<usize>, ancestor: usize) -> bool {
        while let Some(index) = cluster {
            if index == ancestor {
                return true;
            }
            cluster = self.subgraphs[index].parent;
        }
        false
    }
}

/// Which way ranks run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    #[default]
    TopBottom,
    BottomTop,
    LeftRight,
    RightLeft,
}

impl Direction {
    /// The direction a quarter turn away: top-down ↔ left-right, bottom-up ↔ right-left.
    #[must_use]
    pub fn turned(self) -> Self {
        match self {
            Self::TopBottom => Self::LeftRight,
            Self::LeftRight => Self::TopBottom,
            Self::BottomTop => Self::RightLeft,
            Self::RightLeft => Self::BottomTop,
        }
    }
}

/// A node: its id, label lines and shape, and where it belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub id: String,
    /// The label, split at `<br/>`.
    pub label: Vec<String>,
    pub shape: Shape,
    pub style: NodeStyle,
    /// The innermost subgraph the node was first written in.
    pub subgraph: Option<usize>,
}

/// Node shapes, named for what Mermaid draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `[text]`
    Rectangle,
    /// `(text)`
    Rounded,
    /// `([text])`
    Stadium,
    /// `[(text)]`
    Cylinder,
    /// `((text))`
    Circle,
    /// `{text}`
    Rhombus,
    /// `{{text}}`
    Hexagon,
    /// `>text]`
    Asymmetric,
}

/// Colours a node asks for with `classDef`, `class`, `:::` or `style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NodeStyle {
    pub fill: Option<(u8, u8, u8)>,
    pub stroke: Option<(u8, u8, u8)>,
    pub text: Option<(u8, u8, u8)>,
}

/// An edge between two nodes (indices into `Flowchart::nodes`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub stroke: Stroke,
    pub head: Head,
    pub label: Option<String>,
    /// 1-based line of the diagram source.
    pub line: usize,
}

impl Edge {
    /// What tells this edge apart where edges meet at a box: edges into one box share a
    /// line and a head only when their looks are equal.
    #[must_use]
    pub fn look(&self) -> (Stroke, Head, Option<&str>) {
        (self.stroke, self.head, self.label.as_deref())
    }
}

/// How an edge's line is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stroke {
    Normal,
    Thick,
    Dotted,
}

/// What an edge ends in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Head {
    None,
    Arrow,
    Circle,
    Cross,
}

/// A `subgraph … end` box.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subgraph {
    pub id: String,
    pub title: String,
    pub direction: Option<Direction>,
    pub parent: Option<usize>,
}

/// A problem in a diagram's source, at a 1-based line and column of the block.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct DiagramError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[cfg(test)]
#[path = "diagram/picture_tests.rs"]
mod tests;
