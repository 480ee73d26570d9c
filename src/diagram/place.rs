//! A flowchart placed on a character grid: layered ranks, clusters as frames around
//! their members, edges routed orthogonally through the gaps between ranks. Every chart
//! is placed top to bottom, so the rest of placing knows one direction only; the other
//! directions are that placement flipped, transposed or mirrored.

use super::ports::{keep_room_for_labels, widen_for_ports};
use super::rank::{common_cluster, flip, mirror, ranks, transpose};
use super::{Direction, Flowchart};
use crate::text::display_width;

/// A rectangle of grid cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Rect {
    pub x: usize,
    pub y: usize,
    pub width: usize,
    pub height: usize,
}

impl Rect {
    /// Whether the two rectangles share a cell.
    #[must_use]
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }

    /// Whether `other` lies strictly inside this rectangle's border.
    #[must_use]
    pub fn encloses(&self, other: &Rect) -> bool {
        other.x > self.x
            && other.y > self.y
            && other.x + other.width < self.x + self.width
            && other.y + other.height < self.y + self.height
    }

    /// Whether a cell is in the rectangle.
    #[must_use]
    pub fn contains(&self, (x, y): (usize, usize)) -> bool {
        x >= self.x && x < self.x + self.width && y >= self.y && y < self.y + self.height
    }
}

/// An edge's route: grid points joined by straight lines, from a cell on the source
/// box's border to a cell on the target box's border; its label's first cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub edge: usize,
    pub points: Vec<(usize, usize)>,
    pub label: Option<(usize, usize)>,
}

/// Where everything goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub width: usize,
    pub height: usize,
    /// One box per node.
    pub nodes: Vec<Rect>,
    /// One frame per subgraph.
    pub clusters: Vec<Rect>,
    pub routes: Vec<Route>,
}

/// A node or a point a long edge passes through on an intermediate rank.
#[derive(Clone)]
pub(super) struct Vertex {
    pub(super) node: Option<usize>,
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) rank: usize,
    pub(super) cluster: Option<usize>,
    pub(super) x: usize,
    /// Columns kept clear to the right for the label of an edge coming in.
    pub(super) room: usize,
    /// Columns kept clear to the left, for the label of the leftmost of several ports.
    pub(super) lead: usize,
    /// Whether `x` is decided yet (free vertices centre on placed neighbours only).
    pub(super) placed: bool,
    /// Reading-order key from the crossing-reduction sweeps.
    pub(super) order: f64,
}

impl Vertex {
    /// A vertex before any column or room beside it is decided.
    fn unplaced(
        node: Option<usize>,
        (width, height): (usize, usize),
        rank: usize,
        cluster: Option<usize>,
        order: f64,
    ) -> Self {
        Self {
            node,
            width,
            height,
            rank,
            cluster,
            x: 0,
            room: 0,
            lead: 0,
            placed: false,
            order,
        }
    }
}

/// Places a flowchart, or `None` where it cannot be placed (no nodes; an edge from a
/// node to itself where a loop has no side to go on). A subgraph with a direction of
/// its own is placed on its own and set in as one block, unless an edge crosses its
/// border (then, as in Mermaid, it follows the chart).
#[must_use]
pub fn place(chart: &Flowchart) -> Option<Placement> {
    place_searching(chart, Search::Wide)
}

/// How widely the order of each rank is searched for few crossings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Search {
    /// From the source's order and from walks down and up the graph: the fewest
    /// crossings found.
    Wide,
    /// From the source's order alone: a second choice where the fewest crossings make
    /// a drawing that breaks a promise (two lines that meet nowhere else run together).
    Plain,
}

/// [`place`], searching orders as `search` says.
pub(super) fn place_searching(chart: &Flowchart, search: Search) -> Option<Placement> {
    if chart.nodes.is_empty() {
        return None;
    }
    if chart.edges.iter().any(|edge| edge.from == edge.to) {
        return super::loops::place_with_loops(chart, search);
    }
    super::insets::place_with_insets(chart, search)
}

/// Places a chart whose boxes are sized by their labels, or by `sizes` where given
/// (columns, rows).
pub(super) fn place_flat(
    chart: &Flowchart,
    sizes: &[Option<(usize, usize)>],
    aside: &[usize],
    search: Search,
) -> Placement {
    // Left-right charts are placed top-down with every box turned on its side, then
    // the whole placement is transposed (text stays horizontal).
    let across = matches!(chart.direction, Direction::LeftRight | Direction::RightLeft);
    let mut graph = Graph::new(chart, across, sizes, aside);
    let orders = graph.orders(search);
    let mut placement = match orders.as_slice() {
        [ranks] => {
            graph.restore(ranks);
            graph.assign_x();
            graph.assign_y_and_route(chart)
        }
        _ => graph.fewest_crossings(&orders),
    };
    if across {
        transpose(&mut placement);
    }
    match chart.direction {
        Direction::BottomTop => flip(&mut placement),
        Direction::RightLeft => mirror(&mut placement, chart),
        Direction::TopBottom | Direction::LeftRight => {}
    }
    placement
}

impl Graph<'_> {
    /// Each candidate order drawn, the one whose lines cross least kept: the sweeps
    /// count crossings of straight lines between ranks, while drawn lines turn through
    /// rows that fan-ins and fan-outs share, and cross there differently.
    fn fewest_crossings(&self, orders: &[Vec<Vec<usize>>]) -> Placement {
        let mut best: Option<(usize, Placement)> = None;
        for ranks in orders {
            let mut candidate = self.clone();
            candidate.restore(ranks);
            candidate.assign_x();
            let placement = candidate.assign_y_and_route(self.chart);
            let crossings = super::crossings(&placement);
            if best.as_ref().is_none_or(|(fewest, _)| crossings < *fewest) {
                best = Some((crossings, placement));
            }
            if crossings == 0 {
                break;
            }
        }
        // Every search has a start, so an order; were there none, the order as it stands.
        best.map_or_else(
            || {
                let mut graph = self.clone();
                graph.assign_x();
                graph.assign_y_and_route(self.chart)
            },
            |(_, placement)| placement,
        )
    }
}

#[derive(Clone)]
pub(super) struct Graph<'a> {
    pub(super) chart: &'a Flowchart,
    /// Placing a left-right chart in top-down coordinates.
    pub(super) across: bool,
    pub(super) vertices: Vec<Vertex>,
    /// Each edge as the chain of vertices it passes, source first (after cycles are
    /// broken, so the source is on the lower rank).
    pub(super) chains: Vec<Vec<usize>>,
    pub(super) ranks: Vec<Vec<usize>>,
    /// First and last rank of each cluster, members of nested clusters included.
    pub(super) cluster_ranks: Vec<Option<(usize, usize)>>,
    /// Frame rectangles (x and width known after `assign_x`).
    pub(super) frames: Vec<Rect>,
    /// Each vertex's neighbours along the chains, on the rank before and after.
    pub(super) neighbours: Vec<(Vec<usize>, Vec<usize>)>,
}

impl<'a> Graph<'a> {
    /// The graph of `chart` with boxes sized by `sizes` where given, and `aside[node]`
    /// columns kept clear right of a node's box (where its loop goes).
    fn new(
        chart: &'a Flowchart,
        across: bool,
        sizes: &[Option<(usize, usize)>],
        aside: &[usize],
    ) -> Self {
        let rank_of = ranks(chart);
        let mut vertices = node_vertices(chart, &rank_of, across, sizes);
        // Ports are counted on the nodes alone, before pass-through points join them.
        widen_for_ports(chart, &rank_of, &mut vertices, across);
        let chains = edge_chains(chart, &rank_of, &mut vertices);
        keep_room_for_labels(chart, &rank_of, &chains, &mut vertices, across);
        for (vertex, room) in vertices.iter_mut().zip(aside) {
            vertex.room = vertex.room.max(*room);
        }
        Self {
            chart,
            across,
            ranks: rank_members(&vertices),
            cluster_ranks: cluster_rank_ranges(chart, &vertices),
            frames: vec![Rect::default(); chart.subgraphs.len()],
            neighbours: chain_neighbours(&chains, vertices.len()),
            vertices,
            chains,
        }
    }
}

/// One vertex per node, sized by its label or by `sizes`; `across`, turned on its side.
fn node_vertices(
    chart: &Flowchart,
    rank_of: &[usize],
    across: bool,
    sizes: &[Option<(usize, usize)>],
) -> Vec<Vertex> {
    chart
        .nodes
        .iter()
        .enumerate()
        .map(|(index, node)| {
            let wide = node
                .label
                .iter()
                .map(|line| display_width(line))
                .max()
                .unwrap_or(0)
                + 4;
            let tall = node.label.len() + 2;
            let (wide, tall) = sizes.get(index).copied().flatten().unwrap_or((wide, tall));
            let size = if across { (tall, wide) } else { (wide, tall) };
            Vertex::unplaced(Some(index), size, rank_of[index], node.subgraph, key(index))
        })
        .collect()
}

/// Each edge as a chain of vertices from its lower rank to its higher, a long edge
/// gaining a pass-through point (in the innermost subgraph holding both its ends) on
/// every rank between.
fn edge_chains(
    chart: &Flowchart,
    rank_of: &[usize],
    vertices: &mut Vec<Vertex>,
) -> Vec<Vec<usize>> {
    let mut chains = Vec::with_capacity(chart.edges.len());
    for edge in &chart.edges {
        let (from, to) = if rank_of[edge.from] <= rank_of[edge.to] {
            (edge.from, edge.to)
        } else {
            (edge.to, edge.from)
        };
        let shared = common_cluster(chart, chart.nodes[from].subgraph, chart.nodes[to].subgraph);
        let mut chain = vec![from];
        for rank in rank_of[from] + 1..rank_of[to] {
            vertices.push(Vertex::unplaced(
                None,
                (1, 0),
                rank,
                shared,
                key(vertices.len()),
            ));
            chain.push(vertices.len() - 1);
        }
        chain.push(to);
        chains.push(chain);
    }
    chains
}

/// The vertices on each rank.
fn rank_members(vertices: &[Vertex]) -> Vec<Vec<usize>> {
    let last_rank = vertices.iter().map(|vertex| vertex.rank).max().unwrap_or(0);
    let mut ranks = vec![Vec::new(); last_rank + 1];
    for (index, vertex) in vertices.iter().enumerate() {
        ranks[vertex.rank].push(index);
    }
    ranks
}

/// First and last rank of each cluster's nodes, nested clusters' nodes included; `None`
/// for a cluster without nodes.
fn cluster_rank_ranges(chart: &Flowchart, vertices: &[Vertex]) -> Vec<Option<(usize, usize)>> {
    let mut cluster_ranks: Vec<Option<(usize, usize)>> = vec![None; chart.subgraphs.len()];
    for vertex in vertices.iter().filter(|vertex| vertex.node.is_some()) {
        let mut cluster = vertex.cluster;
        while let Some(index) = cluster {
            let range = cluster_ranks[index].get_or_insert((vertex.rank, vertex.rank));
            *range = (range.0.min(vertex.rank), range.1.max(vertex.rank));
            cluster = chart.subgraphs[index].parent;
        }
    }
    cluster_ranks
}

/// Each vertex's neighbours along the chains, on the rank before and after.
fn chain_neighbours(chains: &[Vec<usize>], count: usize) -> Vec<(Vec<usize>, Vec<usize>)> {
    let mut neighbours = vec![(Vec::new(), Vec::new()); count];
    for chain in chains {
        for pair in chain.windows(2) {
            neighbours[pair[1]].0.push(pair[0]);
            neighbours[pair[0]].1.push(pair[1]);
        }
    }
    neighbours
}

/// A count as an ordering key (counts here are far below 2^32).
pub(super) fn key(count: usize) -> f64 {
    f64::from(u32::try_from(count).unwrap_or(u32::MAX))
}
