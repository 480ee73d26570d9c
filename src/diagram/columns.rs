//! Columns for every vertex and frame: clusters and the vertices beside them get
//! columns of their own, so frames never overlap; the rest sit under their neighbours,
//! which keeps most lines straight.

use super::place::{Graph, key};
use crate::text::display_width;

/// Columns between neighbouring boxes or frames.
const GAP: usize = 2;
/// Columns a frame adds on each side of its content (border and a space).
pub(super) const FRAME: usize = 2;

impl Graph<'_> {
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
                    && !column
                        .iter()
                        .any(|(other, _)| self.points_swap_columns(item, *other))
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

    /// Whether `item` and `other` are points of two long edges on neighbouring ranks:
    /// sharing a column, each edge would step out of it and the other in, and where the
    /// two swap columns between the same ranks, their lines run together in both.
    fn points_swap_columns(&self, item: Item, other: Item) -> bool {
        let (Item::Vertex(item), Item::Vertex(other)) = (item, other) else {
            return false;
        };
        let (a, b) = (&self.vertices[item], &self.vertices[other]);
        let (before, after) = &self.neighbours[item];
        a.node.is_none()
            && b.node.is_none()
            && a.rank.abs_diff(b.rank) == 1
            && !before.contains(&other)
            && !after.contains(&other)
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

    pub(super) fn assign_x(&mut self) {
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
        self.step_off_other_points(row, left + width);
    }

    /// A long edge's point in the column of another long edge's point on the rank above
    /// would let the two lines run together between them (where the edges cross, one
    /// goes down the column the other comes up): it steps a column aside where the row
    /// leaves room.
    fn step_off_other_points(&mut self, row: &[usize], right: usize) {
        let Some(rank) = row.first().map(|vertex| self.vertices[*vertex].rank) else {
            return;
        };
        let Some(above) = rank.checked_sub(1).map(|rank| self.ranks[rank].clone()) else {
            return;
        };
        for (index, vertex) in row.iter().enumerate() {
            if self.vertices[*vertex].node.is_some() {
                continue;
            }
            let taken = |x: usize| {
                above.iter().any(|other| {
                    let point = &self.vertices[*other];
                    point.node.is_none()
                        && point.placed
                        && point.x == x
                        && !self.neighbours[*vertex].0.contains(other)
                })
            };
            let x = self.vertices[*vertex].x;
            if !taken(x) {
                continue;
            }
            // Where its span may start and must end, the gaps to its neighbours kept:
            // beside another point, one blank column keeps the two lines apart.
            let start_of = |other: usize| self.vertices[other].x - self.vertices[other].lead;
            let gap_to = |other: usize| {
                if self.vertices[other].node.is_none() {
                    1
                } else {
                    GAP
                }
            };
            let earliest = index.checked_sub(1).map_or(0, |previous| {
                start_of(row[previous]) + self.span(row[previous]) + gap_to(row[previous])
            });
            let limit = row
                .get(index + 1)
                .map_or(right, |next| start_of(*next).saturating_sub(gap_to(*next)));
            let span = self.span(*vertex);
            // A point in column 0 has no column to its left (found by fuzzing: the
            // wrapped-around column overflowed).
            let free = [Some(x + 1), x.checked_sub(1)]
                .into_iter()
                .flatten()
                .find(|candidate| {
                    *candidate >= earliest
                        && candidate.saturating_add(span) <= limit
                        && !taken(*candidate)
                });
            if let Some(free) = free {
                self.vertices[*vertex].x = free;
            }
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

/// Total width of items side by side with gaps.
fn spread(widths: &[usize]) -> usize {
    widths.iter().sum::<usize>() + GAP * widths.len().saturating_sub(1)
}
