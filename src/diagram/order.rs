//! The order of the vertices on each rank, chosen to keep crossings few: from several
//! starting orders, median sweeps down and up, each followed by transposition of
//! neighbours and by moving each vertex to its best place in its rank; the order with
//! the fewest crossings seen from each start is a candidate for the drawing.

use super::place::{Graph, Search, key};

/// Where a round of sweeps starts.
#[derive(Clone, Copy)]
enum Start {
    /// The order the source names the nodes in.
    Given,
    /// The order a walk down from the sources meets the vertices in (as `dot` starts).
    FromTop,
    /// The same walking up from the sinks.
    FromBottom,
    /// The source's order shuffled, with a fixed seed: the same chart always comes out
    /// the same.
    Shuffled(u64),
}

/// Every start, in the order they are tried.
const STARTS: [Start; 12] = [
    Start::Given,
    Start::FromTop,
    Start::FromBottom,
    Start::Shuffled(1),
    Start::Shuffled(2),
    Start::Shuffled(3),
    Start::Shuffled(4),
    Start::Shuffled(5),
    Start::Shuffled(6),
    Start::Shuffled(7),
    Start::Shuffled(8),
    Start::Shuffled(9),
];

/// Vertices (boxes and long edges' points) up to which every start is tried and each
/// start's order is a candidate drawn; a larger chart tries the first three starts and
/// keeps the order that crosses least, since each start and each drawing costs the
/// sweeps' or the routing's time again (200 nodes must place within 50 ms).
const SMALL: usize = 150;

/// Sweeps tried at most; the best order of all of them is kept.
const SWEEPS: usize = 24;
/// Sweeps more after the best so far before giving up: a round of each kind (down and
/// up, with and without swapping ties) and one more.
const PATIENCE: usize = 4;

impl Graph<'_> {
    /// Candidate orders of every rank, fewest crossings first, each different: one per
    /// start searched (several for a small chart searched wide, else one).
    pub(super) fn orders(&mut self, search: Search) -> Vec<Vec<Vec<usize>>> {
        let small = self.vertices.len() <= SMALL;
        let starts = match search {
            Search::Wide if small => &STARTS[..],
            Search::Wide => &STARTS[..3],
            Search::Plain => &STARTS[..1],
        };
        let given: Vec<f64> = self.vertices.iter().map(|vertex| vertex.order).collect();
        let mut found: Vec<(usize, Vec<Vec<usize>>)> = Vec::new();
        for start in starts {
            match *start {
                Start::Given => {
                    for (vertex, order) in self.vertices.iter_mut().zip(&given) {
                        vertex.order = *order;
                    }
                }
                Start::FromTop => self.walk_order(true),
                Start::FromBottom => self.walk_order(false),
                Start::Shuffled(seed) => self.shuffle(seed),
            }
            let candidate = self.improve();
            if !found.iter().any(|(_, ranks)| *ranks == candidate.1) {
                found.push(candidate);
            }
            if found.iter().any(|(crossings, _)| *crossings == 0) {
                break;
            }
        }
        found.sort_by_key(|(crossings, _)| *crossings);
        if !small {
            found.truncate(1);
        }
        found.into_iter().map(|(_, ranks)| ranks).collect()
    }

    /// Random keys from `seed` (xorshift): a start unlike the source's order.
    fn shuffle(&mut self, seed: u64) {
        let mut state = 0x9e37_79b9_7f4a_7c15 ^ seed.wrapping_mul(0x2545_f491_4f6c_dd1d);
        for (index, vertex) in self.vertices.iter_mut().enumerate() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let draw = usize::try_from(state % 1_000_000).unwrap_or(index);
            vertex.order = key(draw);
        }
    }

    /// Sweeps from the current order; the fewest crossings seen and the ranks then.
    fn improve(&mut self) -> (usize, Vec<Vec<usize>>) {
        self.renumber();
        let mut best = (self.crossings(), self.snapshot());
        let mut since_best = 0;
        for sweep in 0..SWEEPS {
            self.barycentre_sweep(sweep % 2 == 0);
            // Every other pair of sweeps, ties swap too: that walks off a plateau.
            self.transpose(sweep % 4 >= 2);
            self.sift();
            let crossings = self.crossings();
            since_best += 1;
            if crossings < best.0 {
                best = (crossings, self.snapshot());
                since_best = 0;
            }
            if best.0 == 0 || since_best > PATIENCE {
                break;
            }
        }
        best
    }

    /// Keys in the order a breadth-first walk meets the vertices, from those with no
    /// neighbour above (`downward`) or below, following the chains.
    fn walk_order(&mut self, downward: bool) {
        let mut next_on_rank = vec![0; self.ranks.len()];
        let mut seen = vec![false; self.vertices.len()];
        let ends = |vertex: &(Vec<usize>, Vec<usize>)| {
            if downward {
                vertex.0.is_empty()
            } else {
                vertex.1.is_empty()
            }
        };
        let mut queue: std::collections::VecDeque<usize> = (0..self.vertices.len())
            .filter(|vertex| ends(&self.neighbours[*vertex]))
            .collect();
        for vertex in &queue {
            seen[*vertex] = true;
        }
        while let Some(vertex) = queue.pop_front() {
            let rank = self.vertices[vertex].rank;
            self.vertices[vertex].order = key(next_on_rank[rank]);
            next_on_rank[rank] += 1;
            let onward = if downward {
                &self.neighbours[vertex].1
            } else {
                &self.neighbours[vertex].0
            };
            for other in onward {
                if !seen[*other] {
                    seen[*other] = true;
                    queue.push_back(*other);
                }
            }
        }
    }

    /// Each vertex's key moves to the median key of its neighbours on the rank before
    /// (`downward`) or after, rank by rank.
    fn barycentre_sweep(&mut self, downward: bool) {
        let ranks: Vec<usize> = if downward {
            (1..self.ranks.len()).collect()
        } else {
            (0..self.ranks.len().saturating_sub(1)).rev().collect()
        };
        for rank in ranks {
            for vertex in self.ranks[rank].clone() {
                let near = if downward {
                    &self.neighbours[vertex].0
                } else {
                    &self.neighbours[vertex].1
                };
                if let Some(value) = self.median(near) {
                    self.vertices[vertex].order = value;
                }
            }
            self.renumber_rank(rank);
        }
    }

    /// The weighted median of the neighbours' keys (as Gansner et al. describe for
    /// `dot`): the middle one, or between the two middle ones leaning toward the side
    /// whose neighbours lie closer together.
    fn median(&self, near: &[usize]) -> Option<f64> {
        let mut keys: Vec<f64> = near
            .iter()
            .map(|other| self.vertices[*other].order)
            .collect();
        keys.sort_by(f64::total_cmp);
        let middle = keys.len() / 2;
        match keys.len() {
            0 => None,
            length if length % 2 == 1 => Some(keys[middle]),
            2 => Some(f64::midpoint(keys[0], keys[1])),
            length => {
                let left = keys[middle - 1] - keys[0];
                let right = keys[length - 1] - keys[middle];
                if left + right == 0.0 {
                    Some(f64::midpoint(keys[middle - 1], keys[middle]))
                } else {
                    Some((keys[middle - 1] * right + keys[middle] * left) / (left + right))
                }
            }
        }
    }

    /// Swaps neighbours on a rank (of one subgraph: frames keep their members together)
    /// while that crosses less with the ranks on either side.
    fn transpose(&mut self, on_ties: bool) {
        for _ in 0..self.ranks.len().max(4) {
            let mut improved = false;
            for rank in 0..self.ranks.len() {
                for position in 1..self.ranks[rank].len() {
                    let (left, right) =
                        (self.ranks[rank][position - 1], self.ranks[rank][position]);
                    if self.vertices[left].cluster != self.vertices[right].cluster {
                        continue;
                    }
                    let (now, swapped) = self.pair_crossings(left, right);
                    if swapped < now || (on_ties && swapped == now && now > 0) {
                        self.ranks[rank].swap(position - 1, position);
                        self.vertices[left].order = key(position);
                        self.vertices[right].order = key(position - 1);
                        // A swap on a tie changes nothing counted: passes go on only
                        // while crossings fall, or ties would swap back and forth.
                        improved |= swapped < now;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Moves each vertex, rank by rank, to the place in its rank where its edges cross
    /// the fewest, among the vertices of its own subgraph it can pass: one move that
    /// swapping neighbours cannot make when each single swap on the way crosses more.
    fn sift(&mut self) {
        for rank in 0..self.ranks.len() {
            for vertex in self.ranks[rank].clone() {
                let Some(at) = self.ranks[rank].iter().position(|other| *other == vertex) else {
                    continue;
                };
                let cluster = self.vertices[vertex].cluster;
                let row = &self.ranks[rank];
                let mut first = at;
                while first > 0 && self.vertices[row[first - 1]].cluster == cluster {
                    first -= 1;
                }
                let mut last = at;
                while last + 1 < row.len() && self.vertices[row[last + 1]].cluster == cluster {
                    last += 1;
                }
                // Cost of each place relative to the leftmost: passing `other` to its
                // right changes the count by (other before) − (vertex before).
                let mut cost = 0_isize;
                let mut here = 0_isize;
                let mut best = (0_isize, first);
                let mut place = first;
                for &other in &row[first..=last] {
                    if other == vertex {
                        here = cost;
                        continue;
                    }
                    let (before, after) = self.pair_crossings(vertex, other);
                    cost +=
                        isize::try_from(after).unwrap_or(0) - isize::try_from(before).unwrap_or(0);
                    place += 1;
                    if cost < best.0 {
                        best = (cost, place);
                    }
                }
                if best.0 < here {
                    let row = &mut self.ranks[rank];
                    row.remove(at);
                    row.insert(best.1, vertex);
                    for (position, member) in row.iter().enumerate() {
                        self.vertices[*member].order = key(position);
                    }
                }
            }
        }
    }

    /// Crossings between the edges of `left` and of `right` with both neighbouring
    /// ranks: with `left` placed before `right`, and the other way round.
    fn pair_crossings(&self, left: usize, right: usize) -> (usize, usize) {
        let count = |mine: &[usize], theirs: &[usize]| {
            let (mut as_placed, mut swapped) = (0, 0);
            for a in mine {
                let a = self.vertices[*a].order;
                for b in theirs {
                    let b = self.vertices[*b].order;
                    as_placed += usize::from(b < a);
                    swapped += usize::from(a < b);
                }
            }
            (as_placed, swapped)
        };
        let above = count(&self.neighbours[left].0, &self.neighbours[right].0);
        let below = count(&self.neighbours[left].1, &self.neighbours[right].1);
        (above.0 + below.0, above.1 + below.1)
    }

    /// Crossings between every pair of neighbouring ranks in the current order: with
    /// the edges between two ranks sorted by their upper end, each pair whose lower ends
    /// come the other way round, counted with a Fenwick tree over the lower rank.
    fn crossings(&self) -> usize {
        let mut total = 0;
        let mut tree = Vec::new();
        for rank in 1..self.ranks.len() {
            let mut segments: Vec<(usize, usize)> = self.ranks[rank]
                .iter()
                .flat_map(|vertex| {
                    self.neighbours[*vertex]
                        .0
                        .iter()
                        .map(move |above| (self.position(*above), self.position(*vertex)))
                })
                .collect();
            segments.sort_unstable();
            tree.clear();
            tree.resize(self.ranks[rank].len() + 1, 0_usize);
            for (seen, (_, lower)) in segments.iter().enumerate() {
                // Segments seen so far ending right of this one's lower end cross it.
                let mut at_or_left = 0;
                let mut index = lower + 1;
                while index > 0 {
                    at_or_left += tree[index];
                    index &= index - 1;
                }
                total += seen - at_or_left;
                let mut index = lower + 1;
                while index < tree.len() {
                    tree[index] += 1;
                    index += index & index.wrapping_neg();
                }
            }
        }
        total
    }

    /// A vertex's place in its rank (its key, a whole number between sweeps).
    fn position(&self, vertex: usize) -> usize {
        // Keys are positions here, far below 2^32.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let position = self.vertices[vertex].order as usize;
        position
    }

    fn snapshot(&self) -> Vec<Vec<usize>> {
        self.ranks.clone()
    }

    pub(super) fn restore(&mut self, ranks: &[Vec<usize>]) {
        self.ranks = ranks.to_vec();
        for rank in &self.ranks {
            for (position, vertex) in rank.iter().enumerate() {
                self.vertices[*vertex].order = key(position);
            }
        }
    }

    /// Sorts each rank by key and makes the keys positions again.
    fn renumber(&mut self) {
        for rank in 0..self.ranks.len() {
            self.renumber_rank(rank);
        }
    }

    fn renumber_rank(&mut self, rank: usize) {
        let mut row = std::mem::take(&mut self.ranks[rank]);
        row.sort_by(|a, b| {
            self.vertices[*a]
                .order
                .total_cmp(&self.vertices[*b].order)
                .then(a.cmp(b))
        });
        for (position, vertex) in row.iter().enumerate() {
            self.vertices[*vertex].order = key(position);
        }
        self.ranks[rank] = row;
    }
}
