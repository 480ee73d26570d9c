//! Ranks for a flowchart's nodes (cycles broken), the subgraph two nodes share, and the
//! flip that turns a top-down placement bottom-up.

use super::{Flowchart, Placement};

/// The innermost subgraph holding both (or none).
pub fn common_cluster(chart: &Flowchart, a: Option<usize>, b: Option<usize>) -> Option<usize> {
    let chain = |mut cluster: Option<usize>| {
        let mut chain = Vec::new();
        while let Some(index) = cluster {
            chain.push(index);
            cluster = chart.subgraphs[index].parent;
        }
        chain
    };
    let of_b = chain(b);
    chain(a).into_iter().find(|cluster| of_b.contains(cluster))
}

/// Ranks by longest path from the sources, after edges that close a cycle are turned
/// around (found by a depth-first walk in source order), then shortened: the edges'
/// total length made least.
pub fn ranks(chart: &Flowchart) -> Vec<usize> {
    let count = chart.nodes.len();
    let mut outgoing = vec![Vec::new(); count];
    for edge in &chart.edges {
        outgoing[edge.from].push(edge.to);
    }
    // 0 unvisited, 1 on the walk's path, 2 done.
    let mut state = vec![0_u8; count];
    let mut forward: Vec<(usize, usize)> = Vec::new();
    for start in 0..count {
        if state[start] != 0 {
            continue;
        }
        let mut stack = vec![(start, 0_usize)];
        state[start] = 1;
        while let Some((node, next)) = stack.pop() {
            if let Some(&target) = outgoing[node].get(next) {
                stack.push((node, next + 1));
                match state[target] {
                    0 => {
                        forward.push((node, target));
                        state[target] = 1;
                        stack.push((target, 0));
                    }
                    1 => forward.push((target, node)),
                    _ => forward.push((node, target)),
                }
            } else {
                state[node] = 2;
            }
        }
    }
    let mut incoming = vec![0_usize; count];
    let mut successors = vec![Vec::new(); count];
    for (from, to) in &forward {
        incoming[*to] += 1;
        successors[*from].push(*to);
    }
    let mut rank = vec![0; count];
    let mut ready: Vec<usize> = (0..count).filter(|node| incoming[*node] == 0).collect();
    while let Some(node) = ready.pop() {
        for next in &successors[node] {
            rank[*next] = rank[*next].max(rank[node] + 1);
            incoming[*next] -= 1;
            if incoming[*next] == 0 {
                ready.push(*next);
            }
        }
    }
    super::simplex::shorten(&mut rank, &forward);
    rank
}

/// Every box of a placement: nodes, then subgraph frames.
fn rects(placement: &mut Placement) -> impl Iterator<Item = &mut super::Rect> {
    placement
        .nodes
        .iter_mut()
        .chain(placement.clusters.iter_mut())
}

/// Bottom to top: the same picture upside down (text stays upright).
pub fn flip(placement: &mut Placement) {
    let height = placement.height;
    for rect in rects(placement) {
        rect.y = height - rect.y - rect.height;
    }
    for route in &mut placement.routes {
        for point in &mut route.points {
            point.1 = height - 1 - point.1;
        }
        if let Some(label) = &mut route.label {
            label.1 = height - 1 - label.1;
        }
    }
}

/// Swaps columns and rows: a placement made top-down becomes left-right.
pub fn transpose(placement: &mut Placement) {
    std::mem::swap(&mut placement.width, &mut placement.height);
    for rect in rects(placement) {
        *rect = super::Rect {
            x: rect.y,
            y: rect.x,
            width: rect.height,
            height: rect.width,
        };
    }
    for route in &mut placement.routes {
        for point in &mut route.points {
            *point = (point.1, point.0);
        }
        route.label = route.label.map(|(x, y)| (y, x));
    }
}

/// Right to left: the same picture mirrored (text stays readable).
pub fn mirror(placement: &mut Placement, chart: &Flowchart) {
    let width = placement.width;
    for rect in rects(placement) {
        rect.x = width - rect.x - rect.width;
    }
    for route in &mut placement.routes {
        for point in &mut route.points {
            point.0 = width - 1 - point.0;
        }
        let label_width = chart.edges[route.edge]
            .label
            .as_deref()
            .map_or(0, crate::text::display_width);
        route.label = route
            .label
            .map(|(x, y)| ((width - x).saturating_sub(label_width), y));
    }
}
