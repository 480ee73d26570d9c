//! Ranks that keep edges short: the network simplex of Gansner, Koutsofios, North and
//! Vo ("A technique for drawing directed graphs", 1993) run from a feasible ranking.
//! The sum of the edges' lengths becomes least, so fewer long edges pass through the
//! ranks between their ends, where each one is a point more to cross.

/// Exchanges tried at most per edge. The method can circle on ties; every ranking on
/// the way is feasible, so stopping early only leaves edges longer than they could be.
const EXCHANGES_PER_EDGE: usize = 4;

/// Shortens `edges` (each `(from, to)`, `from` ranked above `to`) by moving nodes
/// between ranks, keeping every edge at least one rank long. Each connected part of
/// the graph starts at rank 0.
pub(super) fn shorten(rank: &mut [usize], edges: &[(usize, usize)]) {
    let mut tree = Tree::new(rank, edges);
    tree.grow();
    for _ in 0..edges.len() * EXCHANGES_PER_EDGE {
        let Some(leaving) = tree.negative_edge() else {
            break;
        };
        let entering = tree.entering_edge(leaving);
        tree.spanning[leaving] = false;
        tree.spanning[entering] = true;
        tree.settle();
    }
    tree.normalise();
    for (slot, value) in rank.iter_mut().zip(&tree.rank) {
        *slot = usize::try_from(*value).unwrap_or(0);
    }
}

/// A spanning tree of tight edges (one rank long) over each connected part, with what
/// the exchanges need: ranks, each node's place in a walk of the tree, cut values.
struct Tree<'a> {
    edges: &'a [(usize, usize)],
    rank: Vec<i64>,
    incident: Vec<Vec<usize>>,
    /// Whether each edge is in the tree.
    spanning: Vec<bool>,
    /// One node per connected part, where its walk starts.
    roots: Vec<usize>,
    /// Each node's connected part: the index of its root in `roots`.
    part: Vec<usize>,
    /// The tree edge to each node's parent (`None` at a root).
    parent: Vec<Option<usize>>,
    /// Post-order number of each node, and the least number in its subtree: a node is
    /// below another exactly when its number lies in the other's range.
    order: Vec<usize>,
    lowest: Vec<usize>,
    /// Per edge of the tree: the edges' count from the part holding its tail to the part
    /// holding its head, less the count the other way. Negative: the tree should change.
    cut: Vec<i64>,
}

impl<'a> Tree<'a> {
    fn new(rank: &[usize], edges: &'a [(usize, usize)]) -> Self {
        let count = rank.len();
        let mut incident = vec![Vec::new(); count];
        for (index, (from, to)) in edges.iter().enumerate() {
            incident[*from].push(index);
            incident[*to].push(index);
        }
        Self {
            edges,
            rank: rank
                .iter()
                .map(|value| i64::try_from(*value).unwrap_or(0))
                .collect(),
            incident,
            spanning: vec![false; edges.len()],
            roots: Vec::new(),
            part: vec![0; count],
            parent: vec![None; count],
            order: vec![0; count],
            lowest: vec![0; count],
            cut: vec![0; edges.len()],
        }
    }

    fn slack(&self, edge: usize) -> i64 {
        let (from, to) = self.edges[edge];
        self.rank[to] - self.rank[from] - 1
    }

    /// A tree of tight edges over each connected part: grown from a node along tight
    /// edges, and where it stops short, the part grown so far moves by the least slack
    /// of an edge leaving it, which makes that edge tight.
    fn grow(&mut self) {
        let mut reached = vec![false; self.rank.len()];
        for start in 0..self.rank.len() {
            if reached[start] {
                continue;
            }
            self.part[start] = self.roots.len();
            self.roots.push(start);
            reached[start] = true;
            let mut members = vec![start];
            loop {
                let mut stack = members.clone();
                while let Some(node) = stack.pop() {
                    for index in 0..self.incident[node].len() {
                        let edge = self.incident[node][index];
                        let (from, to) = self.edges[edge];
                        let other = if from == node { to } else { from };
                        if !reached[other] && self.slack(edge) == 0 {
                            reached[other] = true;
                            self.part[other] = self.roots.len() - 1;
                            self.spanning[edge] = true;
                            members.push(other);
                            stack.push(other);
                        }
                    }
                }
                let nearest = members
                    .iter()
                    .flat_map(|node| self.incident[*node].iter())
                    .filter(|edge| {
                        let (from, to) = self.edges[**edge];
                        reached[from] != reached[to]
                    })
                    .min_by_key(|edge| (self.slack(**edge), **edge));
                let Some(&edge) = nearest else {
                    break;
                };
                let shift = if reached[self.edges[edge].0] {
                    self.slack(edge)
                } else {
                    -self.slack(edge)
                };
                for node in &members {
                    self.rank[*node] += shift;
                }
            }
        }
        self.settle();
    }

    /// Ranks from the tree (every tree edge tight, each root where it is), each node's
    /// place in a post-order walk, and the cut values.
    fn settle(&mut self) {
        let mut counter = 0;
        let mut net = vec![0_i64; self.rank.len()];
        for (from, to) in self.edges {
            net[*from] += 1;
            net[*to] -= 1;
        }
        for root_index in 0..self.roots.len() {
            let root = self.roots[root_index];
            self.parent[root] = None;
            // (node, next incident edge to look at, least post-order number below it)
            let mut stack = vec![(root, 0_usize, usize::MAX)];
            while let Some((node, next, lowest)) = stack.pop() {
                let Some(&edge) = self.incident[node].get(next) else {
                    self.order[node] = counter;
                    self.lowest[node] = lowest.min(counter);
                    counter += 1;
                    if let Some(parent) = stack.last_mut() {
                        parent.2 = parent.2.min(self.lowest[node]);
                        net[parent.0] += net[node];
                    }
                    if let Some(edge) = self.parent[node] {
                        let tail = self.edges[edge].0 == node;
                        self.cut[edge] = if tail { net[node] } else { -net[node] };
                    }
                    continue;
                };
                stack.push((node, next + 1, lowest));
                if !self.spanning[edge] || self.parent[node] == Some(edge) {
                    continue;
                }
                let (from, to) = self.edges[edge];
                let child = if from == node { to } else { from };
                self.rank[child] = if from == node {
                    self.rank[node] + 1
                } else {
                    self.rank[node] - 1
                };
                self.parent[child] = Some(edge);
                stack.push((child, 0, usize::MAX));
            }
        }
    }

    /// A tree edge whose cut value is negative: moving it out shortens the edges.
    fn negative_edge(&self) -> Option<usize> {
        (0..self.edges.len()).find(|edge| self.spanning[*edge] && self.cut[*edge] < 0)
    }

    /// The edge to take `leaving`'s place: of the edges from the part holding its head
    /// to the part holding its tail, one with the least slack.
    fn entering_edge(&self, leaving: usize) -> usize {
        let (from, to) = self.edges[leaving];
        // The end of `leaving` further from the root heads the subtree cut away.
        let below = if self.parent[from] == Some(leaving) {
            from
        } else {
            to
        };
        let inside = |node: usize| {
            self.lowest[below] <= self.order[node] && self.order[node] <= self.order[below]
        };
        // Leaving's tail in the subtree: the subtree is the tail's part.
        let tail_below = below == from;
        (0..self.edges.len())
            .filter(|edge| !self.spanning[*edge])
            .filter(|edge| {
                let (a, b) = self.edges[*edge];
                if tail_below {
                    !inside(a) && inside(b)
                } else {
                    inside(a) && !inside(b)
                }
            })
            .min_by_key(|edge| (self.slack(*edge), *edge))
            .unwrap_or(leaving)
    }

    /// Each connected part moved up to start at rank 0.
    fn normalise(&mut self) {
        let mut least = vec![i64::MAX; self.roots.len()];
        for (node, rank) in self.rank.iter().enumerate() {
            least[self.part[node]] = least[self.part[node]].min(*rank);
        }
        for (node, rank) in self.rank.iter_mut().enumerate() {
            *rank -= least[self.part[node]];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shorten;

    fn total(rank: &[usize], edges: &[(usize, usize)]) -> usize {
        edges.iter().map(|(from, to)| rank[*to] - rank[*from]).sum()
    }

    #[test]
    fn sources_move_down_beside_their_targets() {
        // 0→1→2→3 and 4→3: longest path puts 4 at rank 0, three ranks above 3.
        let edges = [(0, 1), (1, 2), (2, 3), (4, 3)];
        let mut rank = vec![0, 1, 2, 3, 0];
        shorten(&mut rank, &edges);
        assert_eq!(rank, vec![0, 1, 2, 3, 2]);
    }

    #[test]
    fn a_group_moves_together_when_no_single_node_can() {
        // 3 feeds 9 (two ranks down) and 11; 5 and 7 feed 11 too. Moving 11 alone down
        // lengthens three edges; moving 3, 5, 7 down with it shortens the whole.
        let edges = [(3, 11), (3, 9), (4, 9), (5, 11), (7, 11), (2, 4)];
        let mut rank = vec![0; 12];
        for (node, value) in [(2, 0), (3, 0), (4, 1), (5, 0), (7, 0), (9, 2), (11, 1)] {
            rank[node] = value;
        }
        let before = total(&rank, &edges);
        shorten(&mut rank, &edges);
        assert_eq!(total(&rank, &edges), edges.len());
        assert!(before > edges.len());
        for (from, to) in edges {
            assert!(rank[to] > rank[from]);
        }
    }

    #[test]
    fn every_edge_stays_at_least_one_rank_long_and_parts_start_at_zero() {
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..200 {
            let mut next = |limit: u64| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                usize::try_from(state % limit).unwrap_or(0)
            };
            let count = 2 + next(20);
            let mut edges = Vec::new();
            for _ in 0..next(40) {
                let (a, b) = (next(count as u64), next(count as u64));
                if a < b {
                    edges.push((a, b));
                }
            }
            // Longest path: feasible, and never shorter in total than the best.
            let mut rank = vec![0; count];
            for _ in 0..count {
                for (from, to) in &edges {
                    rank[*to] = rank[*to].max(rank[*from] + 1);
                }
            }
            let longest = total(&rank, &edges);
            shorten(&mut rank, &edges);
            for (from, to) in &edges {
                assert!(rank[*to] > rank[*from], "{edges:?} → {rank:?}");
            }
            assert!(total(&rank, &edges) <= longest);
            assert!(edges.is_empty() || rank.contains(&0));
        }
    }
}
