//! Tracks, the rows of a gap between ranks where steps run across: edges whose spans
//! meet get rows of their own, or their lines would run together and read as one.

use super::steps::Step;

/// Tracks for the steps of one gap: steps that share a source or a target form one tree
/// and may share a row; other trees whose spans overlap get rows of their own. Straight
/// steps need no track.
pub(super) fn assign_tracks(steps: &[Step]) -> Vec<Option<usize>> {
    let mut tree: Vec<usize> = (0..steps.len()).collect();
    // Each tree's sources and targets (as vertex and port): a tree is a fan-out (one
    // source) or a fan-in (one target), never both at once, or two edges that share
    // neither end would run together on its row and read as one line.
    let ends = |step: &Step| ((step.from, step.from_x), (step.to, step.to_x));
    let mut members: Vec<Vec<usize>> = (0..steps.len()).map(|step| vec![step]).collect();
    for a in 0..steps.len() {
        for b in a + 1..steps.len() {
            let same_source = ends(&steps[a]).0 == ends(&steps[b]).0;
            let same_target = ends(&steps[a]).1 == ends(&steps[b]).1;
            let (root_a, root_b) = (find(&mut tree, a), find(&mut tree, b));
            if !(same_source || same_target) || root_a == root_b {
                continue;
            }
            let joined: Vec<usize> = members[root_a]
                .iter()
                .chain(&members[root_b])
                .copied()
                .collect();
            let distinct = |end: fn(&Step) -> (usize, usize)| {
                let mut seen: Vec<(usize, usize)> =
                    joined.iter().map(|step| end(&steps[*step])).collect();
                seen.sort_unstable();
                seen.dedup();
                seen.len()
            };
            if distinct(|step| (step.from, step.from_x)) > 1
                && distinct(|step| (step.to, step.to_x)) > 1
            {
                continue;
            }
            tree[root_a] = root_b;
            members[root_b] = joined;
        }
    }
    let mut spans: Vec<Span> = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let root = find(&mut tree, index);
        let (low, high) = (step.from_x.min(step.to_x), step.from_x.max(step.to_x));
        let position = spans
            .iter()
            .position(|span| span.root == root)
            .unwrap_or_else(|| {
                spans.push(Span {
                    root,
                    low,
                    high,
                    tops: Vec::new(),
                    bottoms: Vec::new(),
                });
                spans.len() - 1
            });
        let span = &mut spans[position];
        span.low = span.low.min(low);
        span.high = span.high.max(high);
        span.tops.push(step.from_x);
        span.bottoms.push(step.to_x);
    }
    spans.retain(|span| span.low < span.high);
    let order = crossing_order(&spans);
    let mut row_at = vec![0; spans.len()];
    let mut row_of_tree: Vec<(usize, usize)> = Vec::new();
    for (placed, index) in order.iter().enumerate() {
        let span = &spans[*index];
        // Below every tree above it in the order whose span it meets; beside the rest.
        let row = order[..placed]
            .iter()
            .filter(|other| spans[**other].overlaps(span))
            .map(|other| row_at[*other] + 1)
            .max()
            .unwrap_or(0);
        row_at[*index] = row;
        row_of_tree.push((span.root, row));
    }
    (0..steps.len())
        .map(|index| {
            let root = find(&mut tree, index);
            row_of_tree
                .iter()
                .find(|(tree_root, _)| *tree_root == root)
                .map(|(_, row)| *row)
        })
        .collect()
}

/// What two lines running together in one column cost, against one crossing.
const RUN_TOGETHER: usize = 1_000;

/// A tree of steps in a gap: the columns it runs across, and its lines down from the
/// rank above (to its track) and on down to the rank below.
struct Span {
    root: usize,
    low: usize,
    high: usize,
    tops: Vec<usize>,
    bottoms: Vec<usize>,
}

impl Span {
    fn overlaps(&self, other: &Self) -> bool {
        self.low <= other.high && other.low <= self.high
    }

    /// Crossings with `other` when this tree's track is above it: its lines on down
    /// through the other's track, and the other's lines from above through its own. A
    /// line of its on down in the column of a line of the other's from above would run
    /// together with it between the two tracks and read as one: that costs far more.
    fn crossings_above(&self, other: &Self) -> usize {
        let inside = |span: &Self, x: &usize| span.low < *x && *x < span.high;
        let together = self
            .bottoms
            .iter()
            .filter(|x| other.tops.contains(x))
            .count();
        self.bottoms.iter().filter(|x| inside(other, x)).count()
            + other.tops.iter().filter(|x| inside(self, x)).count()
            + RUN_TOGETHER * together
    }
}

/// The trees in the order their tracks go down the gap, chosen to cross little: for two
/// overlapping trees, the one above costs `crossings_above`; the order is built greedily
/// (as Eades, Lin and Smyth order a graph against its feedback arcs), each time taking
/// the tree that gains most by going next, then improved by swapping neighbours while
/// that lowers the total.
fn crossing_order(spans: &[Span]) -> Vec<usize> {
    let count = spans.len();
    // cost[a][b]: crossings between a and b when a is above b (0 when apart).
    let cost: Vec<Vec<usize>> = (0..count)
        .map(|a| {
            (0..count)
                .map(|b| {
                    if a != b && spans[a].overlaps(&spans[b]) {
                        spans[a].crossings_above(&spans[b])
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    let mut left: Vec<usize> = (0..count).collect();
    let mut order = Vec::with_capacity(count);
    while !left.is_empty() {
        // Going next puts it above every tree left: what that saves against going last.
        let gain = |a: usize| -> isize {
            left.iter()
                .map(|b| {
                    isize::try_from(cost[*b][a]).unwrap_or(0)
                        - isize::try_from(cost[a][*b]).unwrap_or(0)
                })
                .sum()
        };
        let (position, _) = left
            .iter()
            .enumerate()
            .max_by_key(|(_, a)| (gain(**a), std::cmp::Reverse(spans[**a].low)))
            .unwrap_or((0, &0));
        order.push(left.remove(position));
    }
    sift(&mut order, &cost);
    order
}

/// Moves each tree in turn to the place in the order where it crosses least, while
/// that lowers the total.
fn sift(order: &mut Vec<usize>, cost: &[Vec<usize>]) {
    for _ in 0..4 {
        let mut improved = false;
        for tree in order.clone() {
            let from = order.iter().position(|other| *other == tree).unwrap_or(0);
            order.remove(from);
            // Above everything: below nothing; each step down puts one tree above it.
            let mut at_place = order.iter().map(|other| cost[tree][*other]).sum::<usize>();
            let (mut best, mut best_cost) = (0, at_place);
            for (place, other) in order.iter().enumerate() {
                at_place = at_place + cost[*other][tree] - cost[tree][*other];
                if at_place < best_cost {
                    (best, best_cost) = (place + 1, at_place);
                }
            }
            improved |= best != from;
            order.insert(best, tree);
        }
        if !improved {
            break;
        }
    }
}

/// The root of an item's tree in a union-find forest, shortening the path.
fn find(tree: &mut [usize], item: usize) -> usize {
    let mut root = item;
    while tree[root] != root {
        root = tree[root];
    }
    tree[item] = root;
    root
}
