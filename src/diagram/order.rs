//! The order of the vertices on each rank, chosen to keep crossings few: median
//! sweeps down and up, each followed by transposition of neighbours that cross less the
//! other way round, and the order with the fewest crossings seen is kept.

use super::place::{Graph, key};

/// Sweeps tried at most; the best order of all of them is kept.
const SWEEPS: usize = 24;
/// Sweeps more after the best so far before giving up: a round of each kind (down and
/// up, with and without swapping ties) and one more.
const PATIENCE: usize = 4;

impl Graph<'_> {
    /// Orders every rank.
    pub(super) fn order(&mut self) {
        self.renumber();
        let mut best = (self.crossings(), self.snapshot());
        let mut since_best = 0;
        for sweep in 0..SWEEPS {
            self.barycentre_sweep(sweep % 2 == 0);
            // Every other pair of sweeps, ties swap too: that walks off a plateau.
            self.transpose(sweep % 4 >= 2);
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
        self.restore(&best.1);
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
            self.renumber();
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
                    let (now, swapped) = (
                        self.pair_crossings(left, right),
                        self.pair_crossings(right, left),
                    );
                    if swapped < now || (on_ties && swapped == now && now > 0) {
                        self.ranks[rank].swap(position - 1, position);
                        self.vertices[left].order = key(position);
                        self.vertices[right].order = key(position - 1);
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
    }

    /// Crossings between the edges of `left` and of `right` with both neighbouring
    /// ranks, with `left` placed before `right`.
    fn pair_crossings(&self, left: usize, right: usize) -> usize {
        let count = |mine: &[usize], theirs: &[usize]| {
            mine.iter()
                .map(|a| {
                    theirs
                        .iter()
                        .filter(|b| self.vertices[**b].order < self.vertices[*a].order)
                        .count()
                })
                .sum::<usize>()
        };
        count(&self.neighbours[left].0, &self.neighbours[right].0)
            + count(&self.neighbours[left].1, &self.neighbours[right].1)
    }

    /// Crossings between every pair of neighbouring ranks in the current order.
    fn crossings(&self) -> usize {
        (1..self.ranks.len())
            .map(|rank| {
                let mut segments: Vec<(f64, f64)> = self.ranks[rank]
                    .iter()
                    .flat_map(|vertex| {
                        self.neighbours[*vertex].0.iter().map(move |above| {
                            (self.vertices[*above].order, self.vertices[*vertex].order)
                        })
                    })
                    .collect();
                segments.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
                let mut crossings = 0;
                for (index, first) in segments.iter().enumerate() {
                    crossings += segments[index + 1..]
                        .iter()
                        .filter(|second| second.0 > first.0 && second.1 < first.1)
                        .count();
                }
                crossings
            })
            .sum()
    }

    fn snapshot(&self) -> Vec<Vec<usize>> {
        self.ranks.clone()
    }

    fn restore(&mut self, ranks: &[Vec<usize>]) {
        self.ranks = ranks.to_vec();
        for rank in &self.ranks {
            for (position, vertex) in rank.iter().enumerate() {
                self.vertices[*vertex].order = key(position);
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
}
