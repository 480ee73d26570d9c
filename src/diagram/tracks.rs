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
    let mut spans: Vec<(usize, usize, usize)> = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        let root = find(&mut tree, index);
        let (low, high) = (step.from_x.min(step.to_x), step.from_x.max(step.to_x));
        match spans
            .iter_mut()
            .find(|(tree_root, _, _)| *tree_root == root)
        {
            Some(span) => {
                span.1 = span.1.min(low);
                span.2 = span.2.max(high);
            }
            None => spans.push((root, low, high)),
        }
    }
    spans.sort_by_key(|(_, low, _)| *low);
    let mut rows: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut row_of_tree: Vec<(usize, usize)> = Vec::new();
    for (root, low, high) in spans.iter().copied().filter(|(_, low, high)| low < high) {
        let row = rows
            .iter()
            .position(|taken| taken.iter().all(|(start, end)| high < *start || *end < low))
            .unwrap_or(rows.len());
        if row == rows.len() {
            rows.push(Vec::new());
        }
        rows[row].push((low, high));
        row_of_tree.push((root, row));
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

/// The root of an item's tree in a union-find forest, shortening the path.
fn find(tree: &mut [usize], item: usize) -> usize {
    let mut root = item;
    while tree[root] != root {
        root = tree[root];
    }
    tree[item] = root;
    root
}
