//! Tracks, the rows of a gap between ranks where steps run across: edges whose spans
//! meet get rows of their own, or their lines would run together and read as one.

use super::steps::Step;

/// Tracks for the steps of one gap: steps that share a source or a target form one tree
/// and may share a row; other trees whose spans overlap get rows of their own. Straight
/// steps need no track.
pub(super) fn assign_tracks(steps: &[Step]) -> Vec<Option<usize>> {
    let mut tree: Vec<usize> = (0..steps.len()).collect();
    for a in 0..steps.len() {
        for b in a + 1..steps.len() {
            let same_source = steps[a].from == steps[b].from && steps[a].from_x == steps[b].from_x;
            let same_target = steps[a].to == steps[b].to && steps[a].to_x == steps[b].to_x;
            if same_source || same_target {
                let (root_a, root_b) = (find(&mut tree, a), find(&mut tree, b));
                tree[root_a] = root_b;
            }
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
    /// through the other's track, and the other's lines from above through its own.
    fn crossings_above(&self, other: &Self) -> usize {
        let inside = |span: &Self, x: &usize| span.low < *x && *x < span.high;
        self.bottoms.iter().filter(|x| inside(other, x)).count()
            + other.tops.iter().filter(|x| inside(self, x)).count()
    }
}

/// The trees in the order their tracks go down the gap: each wins over an overlapping
/// tree when it crosses it less above it than below, and the trees go by wins (then
/// from the left), which keeps the crossings between tracks few.
fn crossing_order(spans: &[Span]) -> Vec<usize> {
    let wins: Vec<usize> = spans
        .iter()
        .map(|span| {
            spans
                .iter()
                .filter(|other| {
                    !std::ptr::eq(*other, span)
                        && span.overlaps(other)
                        && span.crossings_above(other) < other.crossings_above(span)
                })
                .count()
        })
        .collect();
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|index| (std::cmp::Reverse(wins[*index]), spans[*index].low));
    order
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
