//! A flowchart placed on a character grid: layered ranks, clusters as frames around
//! their members, edges routed orthogonally through the gaps between ranks. Top to
//! bottom (bottom to top is the same, flipped); left-right charts are not placed yet.

use super::ports::{keep_room_for_labels, widen_for_ports};
use super::rank::{common_cluster, flip, mirror, ranks, transpose};
use super::{Direction, Flowchart};
use crate::text::display_width;

/// Columns between neighbouring boxes or frames.
const GAP: usize = 2;
/// Columns a frame adds on each side of its content (border and a space).
pub(super) const FRAME: usize = 2;

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

/// Places a flowchart, or `None` where it cannot be placed (an edge from a node to
/// itself, no nodes). A subgraph with a direction of its own is placed on its own and
/// set in as one block, unless an edge crosses its border (then, as in Mermaid, it
/// follows the chart).
#[must_use]
pub fn place(chart: &Flowchart) -> Option<Placement> {
    if chart.edges.iter().any(|edge| edge.from == edge.to) || chart.nodes.is_empty() {
        return None;
    }
    super::insets::place_with_insets(chart)
}

/// Places a chart whose boxes are sized by their labels, or by `sizes` where given
/// (columns, rows).
pub(super) fn place_flat(chart: &Flowchart, sizes: &[Option<(usize, usize)>]) -> Placement {
    // Left-right charts are placed top-down with every box turned on its side, then
    // the whole placement is transposed (text stays horizontal).
    let across = matches!(chart.direction, Direction::LeftRight | Direction::RightLeft);
    let mut graph = Graph::new(chart, across, sizes);
    graph.order();
    graph.assign_x();
    let mut placement = graph.assign_y_and_route(chart);
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
    fn new(chart: &'a Flowchart, across: bool, sizes: &[Option<(usize, usize)>]) -> Self {
        let rank_of = ranks(chart);
        let mut vertices: Vec<Vertex> = chart
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
                let (width, height) = if across { (tall, wide) } else { (wide, tall) };
                (index, node, width, height)
            })
            .map(|(index, node, width, height)| Vertex {
                node: Some(index),
                width,
                height,
                rank: rank_of[index],
                cluster: node.subgraph,
                x: 0,
                room: 0,
                lead: 0,
                placed: false,
                order: key(index),
            })
            .collect();
        widen_for_ports(chart, &rank_of, &mut vertices);
        let mut chains = Vec::with_capacity(chart.edges.len());
        for edge in &chart.edges {
            let (from, to) = if rank_of[edge.from] <= rank_of[edge.to] {
                (edge.from, edge.to)
            } else {
                (edge.to, edge.from)
            };
            let shared =
                common_cluster(chart, chart.nodes[from].subgraph, chart.nodes[to].subgraph);
            let mut chain = vec![from];
            for rank in rank_of[from] + 1..rank_of[to] {
                vertices.push(Vertex {
                    node: None,
                    width: 1,
                    height: 0,
                    rank,
                    cluster: shared,
                    x: 0,
                    room: 0,
                    lead: 0,
                    placed: false,
                    order: key(vertices.len()),
                });
                chain.push(vertices.len() - 1);
            }
            chain.push(to);
            chains.push(chain);
        }
        keep_room_for_labels(chart, &rank_of, &chains, &mut vertices, across);
        let last_rank = vertices.iter().map(|vertex| vertex.rank).max().unwrap_or(0);
        let mut ranks = vec![Vec::new(); last_rank + 1];
        for (index, vertex) in vertices.iter().enumerate() {
            ranks[vertex.rank].push(index);
        }
        let mut cluster_ranks: Vec<Option<(usize, usize)>> = vec![None; chart.subgraphs.len()];
        for vertex in vertices.iter().filter(|vertex| vertex.node.is_some()) {
            let mut cluster = vertex.cluster;
            while let Some(index) = cluster {
                let range = cluster_ranks[index].get_or_insert((vertex.rank, vertex.rank));
                *range = (range.0.min(vertex.rank), range.1.max(vertex.rank));
                cluster = chart.subgraphs[index].parent;
            }
        }
        let mut neighbours = vec![(Vec::new(), Vec::new()); vertices.len()];
        for chain in &chains {
            for pair in chain.windows(2) {
                neighbours[pair[1]].0.push(pair[0]);
                neighbours[pair[0]].1.push(pair[1]);
            }
        }
        Self {
            chart,
            across,
            vertices,
            chains,
            ranks,
            cluster_ranks,
            frames: vec![Rect::default(); chart.subgraphs.len()],
            neighbours,
        }
    }

    /// Barycentre sweeps down and up: each vertex's key moves to the mean key of its
    /// neighbours on the rank before (after), which untangles most crossings.
    fn order(&mut self) {
        let neighbours = self.neighbours.clone();
        self.renumber();
        for sweep in 0..8 {
            let downward = sweep % 2 == 0;
            let ranks: Vec<usize> = if downward {
                (1..self.ranks.len()).collect()
            } else {
                (0..self.ranks.len().saturating_sub(1)).rev().collect()
            };
            for rank in ranks {
                for vertex in self.ranks[rank].clone() {
                    let near = if downward {
                        &neighbours[vertex].0
                    } else {
                        &neighbours[vertex].1
                    };
                    if !near.is_empty() {
                        let sum: f64 = near.iter().map(|other| self.vertices[*other].order).sum();
                        self.vertices[vertex].order = sum / key(near.len());
                    }
                }
                self.renumber();
            }
        }
    }

    /// Sorts each rank by key and makes the keys positions again.
    fn renumber(&mut self) {
        for rank in &mut self.ranks {
            rank.sort_by(|a, b| {
                self.vertices[*a]
                    .order
                    .total_cmp(&self.vertices[*b].order)
                    .then(a.cmp(b))
            });
            for (position, vertex) in rank.iter().enumerate() {
                self.vertices[*vertex].order = key(position);
            }
        }
    }

    /// The reading-order key of a cluster: the mean key of its vertices.
    fn cluster_key(&self, cluster: usize) -> f64 {
        let keys: Vec<f64> = self
            .vertices
            .iter()
            .filter(|vertex| self.chart.within(vertex.cluster, cluster))
            .map(|vertex| vertex.order)
            .collect();
        keys.iter().sum::<f64>() / key(keys.len().max(1))
    }

    fn child_clusters(&self, container: Option<usize>) -> Vec<usize> {
        (0..self.chart.subgraphs.len())
            .filter(|index| {
                self.chart.subgraphs[*index].parent == container
                    && self.cluster_ranks[*index].is_some()
            })
            .collect()
    }

    /// A container's own vertices: in a column of their own when a child cluster shares
    /// their rank ("slotted"), else free to sit anywhere on their rank.
    fn leaves(&self, container: Option<usize>) -> (Vec<usize>, Vec<usize>) {
        let clusters = self.child_clusters(container);
        let shares_rank = |rank: usize| {
            clusters.iter().any(|cluster| {
                self.cluster_ranks[*cluster]
                    .is_some_and(|(first, last)| first <= rank && rank <= last)
            })
        };
        (0..self.vertices.len())
            .filter(|vertex| self.vertices[*vertex].cluster == container)
            .partition(|vertex| shares_rank(self.vertices[*vertex].rank))
    }

    fn frame_width(&self, cluster: usize) -> usize {
        // Room for the title left of an edge entering at the middle, so no line crosses it.
        let content = self.content_width(Some(cluster)) + 2 * FRAME;
        if self.across {
            // The title runs along the other axis here.
            return content;
        }
        let title = display_width(&self.chart.subgraphs[cluster].title) + 4 + content / 2;
        content.max(title)
    }

    /// Columns a container's content needs.
    fn content_width(&self, container: Option<usize>) -> usize {
        let (slots, free) = self.slots(container);
        let widths: Vec<usize> = slots.iter().map(|slot| self.slot_width(slot)).collect();
        let free_width = self
            .ranks
            .iter()
            .map(|rank| {
                let widths: Vec<usize> = rank
                    .iter()
                    .filter(|vertex| free[**vertex])
                    .map(|vertex| self.span(*vertex))
                    .collect();
                spread(&widths)
            })
            .max()
            .unwrap_or(0);
        spread(&widths).max(free_width)
    }

    /// A container's columns in reading order: its child clusters, and its vertices on
    /// ranks a child cluster also spans, packed into shared columns where their ranks
    /// differ (a long edge's pass-through points make one straight line). Also which
    /// vertices are free to sit anywhere on their rank.
    fn slots(&self, container: Option<usize>) -> (Vec<Slot>, Vec<bool>) {
        let (slotted, free_list) = self.leaves(container);
        let mut free = vec![false; self.vertices.len()];
        for vertex in free_list {
            free[vertex] = true;
        }
        let mut items: Vec<(f64, Item, (usize, usize))> = self
            .child_clusters(container)
            .into_iter()
            .filter_map(|cluster| {
                Some((
                    self.cluster_key(cluster),
                    Item::Cluster(cluster),
                    self.cluster_ranks[cluster]?,
                ))
            })
            .collect();
        items.extend(slotted.into_iter().map(|vertex| {
            let rank = self.vertices[vertex].rank;
            (
                self.vertices[vertex].order,
                Item::Vertex(vertex),
                (rank, rank),
            )
        }));
        items.sort_by(|a, b| a.0.total_cmp(&b.0));
        // Items whose ranks do not meet share a column: a long edge's pass-through points
        // make one straight line, and subgraphs one above another stack.
        let mut columns: Vec<Vec<(Item, (usize, usize))>> = Vec::new();
        for (_, item, (first, last)) in items {
            let free_column = columns.iter_mut().find(|column| {
                column
                    .iter()
                    .all(|(_, (low, high))| last < *low || *high < first)
            });
            match free_column {
                Some(column) => column.push((item, (first, last))),
                None => columns.push(vec![(item, (first, last))]),
            }
        }
        let slots = columns
            .into_iter()
            .map(|column| Slot(column.into_iter().map(|(item, _)| item).collect()))
            .collect();
        (slots, free)
    }

    fn slot_width(&self, slot: &Slot) -> usize {
        slot.0
            .iter()
            .map(|item| self.item_width(*item))
            .max()
            .unwrap_or(0)
    }

    fn item_width(&self, item: Item) -> usize {
        match item {
            Item::Cluster(cluster) => self.frame_width(cluster),
            Item::Vertex(vertex) => self.span(vertex),
        }
    }

    fn assign_x(&mut self) {
        let width = self.content_width(None);
        self.assign_container(None, 0, width);
    }

    /// Places a container's content in `width` columns from `left`: slots side by side in
    /// reading order, centred; free vertices under (or over) their neighbours.
    fn assign_container(&mut self, container: Option<usize>, left: usize, width: usize) {
        let (slots, free) = self.slots(container);
        let widths: Vec<usize> = slots.iter().map(|slot| self.slot_width(slot)).collect();
        let mut x = left + (width - spread(&widths)) / 2;
        for (slot, slot_width) in slots.iter().zip(&widths) {
            for item in &slot.0 {
                let item_width = self.item_width(*item);
                let item_x = x + (slot_width - item_width) / 2;
                match *item {
                    Item::Cluster(cluster) => {
                        self.frames[cluster].x = item_x;
                        self.frames[cluster].width = item_width;
                        self.assign_container(
                            Some(cluster),
                            item_x + FRAME,
                            item_width - 2 * FRAME,
                        );
                    }
                    Item::Vertex(vertex) => {
                        self.vertices[vertex].x = item_x + self.vertices[vertex].lead;
                        self.vertices[vertex].placed = true;
                    }
                }
            }
            x += slot_width + GAP;
        }
        for rank in 0..self.ranks.len() {
            let row: Vec<usize> = self.ranks[rank]
                .iter()
                .copied()
                .filter(|vertex| free[*vertex])
                .collect();
            self.place_row(&row, left, width);
        }
    }

    /// Free vertices of one rank: each as near the centre of its placed neighbours as the
    /// others allow, in reading order, within `left..left + width`.
    fn place_row(&mut self, row: &[usize], left: usize, width: usize) {
        if row.is_empty() {
            return;
        }
        let wanted: Vec<usize> = row
            .iter()
            .map(|vertex| {
                let (before, after) = &self.neighbours[*vertex];
                let centres: Vec<usize> = before
                    .iter()
                    .chain(after)
                    .copied()
                    .filter(|other| self.vertices[*other].placed)
                    .map(|other| self.centre(other))
                    .collect();
                let half = self.vertices[*vertex].width / 2 + self.vertices[*vertex].lead;
                match centres.len() {
                    0 => left,
                    count => (centres.iter().sum::<usize>() / count)
                        .saturating_sub(half)
                        .max(left),
                }
            })
            .collect();
        let mut next = left;
        let mut xs = Vec::with_capacity(row.len());
        for (vertex, wanted) in row.iter().zip(wanted) {
            let x = wanted.max(next);
            xs.push(x);
            next = x + self.span(*vertex) + GAP;
        }
        // Past the right edge: pull back from the right, then push from the left, so the
        // gaps hold and the row stays within the container.
        let mut limit = left + width;
        for (index, vertex) in row.iter().enumerate().rev() {
            xs[index] = xs[index].min(limit.saturating_sub(self.span(*vertex)));
            limit = xs[index].saturating_sub(GAP);
        }
        let mut next = left;
        for (index, vertex) in row.iter().enumerate() {
            let x = xs[index].max(next);
            self.vertices[*vertex].x = x + self.vertices[*vertex].lead;
            self.vertices[*vertex].placed = true;
            next = x + self.span(*vertex) + GAP;
        }
    }

    /// Columns a vertex takes in its row: its box and the room kept for labels.
    fn span(&self, vertex: usize) -> usize {
        let vertex = &self.vertices[vertex];
        vertex.lead + vertex.width + vertex.room
    }

    fn centre(&self, vertex: usize) -> usize {
        self.vertices[vertex].x + self.vertices[vertex].width / 2
    }
}

/// A column of a container: clusters and vertices on ranks that do not meet.
struct Slot(Vec<Item>);

#[derive(Debug, Clone, Copy)]
enum Item {
    Cluster(usize),
    Vertex(usize),
}

/// A count as an ordering key (counts here are far below 2^32).
fn key(count: usize) -> f64 {
    f64::from(u32::try_from(count).unwrap_or(u32::MAX))
}

/// Total width of items side by side with gaps.
fn spread(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}
