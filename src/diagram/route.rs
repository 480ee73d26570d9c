//! Rows for ranks, frames and the gaps between ranks; edges routed through the gaps on
//! tracks that never share a line with another edge's line, labels beside their edge.

use super::Flowchart;
use super::place::{Graph, Placement, Rect, Route};
use crate::text::display_width;

/// Where the rows went.
struct Rows {
    band_top: Vec<usize>,
    track_row: Vec<usize>,
    labels: Vec<Vec<Option<(usize, usize)>>>,
    height: usize,
}

/// A step of an edge between neighbouring ranks.
struct Step {
    edge: usize,
    from: usize,
    to: usize,
    from_x: usize,
    to_x: usize,
}

impl Graph<'_> {
    pub(super) fn assign_y_and_route(&mut self, chart: &Flowchart) -> Placement {
        let rank_count = self.ranks.len();
        let steps: Vec<Vec<Step>> = (0..rank_count).map(|rank| self.steps_from(rank)).collect();
        let tracks: Vec<Vec<Option<usize>>> = steps.iter().map(|gap| assign_tracks(gap)).collect();
        let rows = self.assign_rows(chart, &steps, &tracks);
        let (band_top, track_row, label_rows, y) =
            (rows.band_top, rows.track_row, rows.labels, rows.height);
        let nodes: Vec<Rect> = (0..chart.nodes.len())
            .map(|node| {
                let vertex = &self.vertices[node];
                Rect {
                    x: vertex.x,
                    y: band_top[vertex.rank],
                    width: vertex.width,
                    height: vertex.height,
                }
            })
            .collect();
        let routes = self.routes(&steps, &tracks, &track_row, &label_rows, &band_top, &nodes);
        let width = nodes
            .iter()
            .chain(&self.frames)
            .map(|rect| rect.x + rect.width)
            .chain(
                routes
                    .iter()
                    .flat_map(|route| route.points.iter().map(|(x, _)| x + 1)),
            )
            .chain(routes.iter().filter_map(|route| {
                let (x, _) = route.label?;
                let text = chart.edges[route.edge].label.as_deref()?;
                Some(x + if self.across { 1 } else { display_width(text) })
            }))
            .max()
            .unwrap_or(0);
        Placement {
            width,
            height: y,
            nodes,
            clusters: self.frames.clone(),
            routes,
        }
    }

    /// Rows for ranks, frames, tracks and labels, top to bottom.
    fn assign_rows(
        &mut self,
        chart: &Flowchart,
        steps: &[Vec<Step>],
        tracks: &[Vec<Option<usize>>],
    ) -> Rows {
        let rank_count = self.ranks.len();
        let depth = |cluster: usize| {
            let mut depth = 0;
            let mut current = Some(cluster);
            while let Some(index) = current {
                depth += 1;
                current = chart.subgraphs[index].parent;
            }
            depth
        };
        let starting = |rank: usize| -> Vec<usize> {
            (0..chart.subgraphs.len())
                .filter(|cluster| {
                    self.cluster_ranks[*cluster].is_some_and(|(first, _)| first == rank)
                })
                .collect()
        };
        let ending = |rank: usize| -> Vec<usize> {
            (0..chart.subgraphs.len())
                .filter(|cluster| {
                    self.cluster_ranks[*cluster].is_some_and(|(_, last)| last == rank)
                })
                .collect()
        };
        let mut band_top = vec![0; rank_count];
        let mut track_row = vec![0; rank_count];
        let mut label_rows: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(rank_count);
        let mut y = 0;
        for rank in 0..rank_count {
            // Frames opening on this rank, outermost first, then a row for arrows.
            let mut opening = starting(rank);
            opening.sort_by_key(|cluster| depth(*cluster));
            let mut levels: Vec<usize> = opening.iter().map(|cluster| depth(*cluster)).collect();
            levels.dedup();
            for cluster in &opening {
                let level = levels
                    .iter()
                    .position(|level| *level == depth(*cluster))
                    .unwrap_or(0);
                self.frames[*cluster].y = y + level;
            }
            y += levels.len() + usize::from(!levels.is_empty());
            band_top[rank] = y;
            let band_height = self.ranks[rank]
                .iter()
                .map(|vertex| self.vertices[*vertex].height)
                .max()
                .unwrap_or(0)
                .max(1);
            y += band_height;
            // Frames closing on this rank, innermost first, after a row of space.
            let mut closing = ending(rank);
            closing.sort_by_key(|cluster| std::cmp::Reverse(depth(*cluster)));
            let mut levels: Vec<usize> = closing.iter().map(|cluster| depth(*cluster)).collect();
            levels.dedup();
            if !levels.is_empty() {
                y += 1;
            }
            for cluster in &closing {
                let level = levels
                    .iter()
                    .position(|level| *level == depth(*cluster))
                    .unwrap_or(0);
                let frame = &mut self.frames[*cluster];
                frame.height = y + level + 1 - frame.y;
            }
            y += levels.len();
            if rank + 1 < rank_count {
                // A row of space, the tracks, the label rows, and a row for arrows
                // unless a frame opening next brings its own.
                y += 1;
                track_row[rank] = y;
                y += tracks[rank]
                    .iter()
                    .flatten()
                    .max()
                    .map_or(0, |last| last + 1);
                let (labels, used) = self.label_rows(y, &steps[rank], &tracks[rank], chart);
                label_rows.push(labels);
                y += used;
                if starting(rank + 1).is_empty() {
                    y += 1;
                }
            } else {
                label_rows.push(Vec::new());
            }
        }
        Rows {
            band_top,
            track_row,
            labels: label_rows,
            height: y,
        }
    }

    /// Where the labels of a gap go, from row `top` on, and how many rows they take.
    fn label_rows(
        &self,
        top: usize,
        steps: &[Step],
        tracks: &[Option<usize>],
        chart: &Flowchart,
    ) -> (Vec<Option<(usize, usize)>>, usize) {
        let labels = self.place_labels(steps, tracks, chart);
        let count = labels
            .iter()
            .flatten()
            .map(|(_, _, bottom)| *bottom)
            .max()
            .unwrap_or(0);
        // Turned, label rows are columns: one of space keeps a label off the corners of
        // the tracks before it.
        let space = usize::from(self.across && count > 0);
        let rows = labels
            .into_iter()
            .map(|label| label.map(|(row, x, _)| (top + space + row, x)))
            .collect();
        (rows, space + count)
    }

    /// The steps of every edge from `rank` to the next.
    fn steps_from(&self, rank: usize) -> Vec<Step> {
        let mut steps: Vec<Step> = self
            .chains
            .iter()
            .enumerate()
            .flat_map(|(edge, chain)| {
                chain
                    .windows(2)
                    .filter(|pair| self.vertices[pair[0]].rank == rank)
                    .map(move |pair| (edge, pair[0], pair[1]))
            })
            .map(|(edge, from, to)| Step {
                edge,
                from,
                to,
                from_x: self.port(from),
                to_x: self.port(to),
            })
            .collect();
        // Edges into one box merge into one line only when they look the same (stroke,
        // head, label); different ones arrive side by side, each keeping its head.
        let look = |step: &Step| self.chart.edges[step.edge].look();
        let targets: Vec<usize> = steps.iter().map(|step| step.to).collect();
        for target in targets {
            let Some(_) = self.vertices[target].node else {
                continue;
            };
            let mut looks: Vec<_> = Vec::new();
            for step in steps.iter().filter(|step| step.to == target) {
                if !looks.contains(&look(step)) {
                    looks.push(look(step));
                }
            }
            let vertex = &self.vertices[target];
            // Ports stay off the border's corners; a box too small for one port per
            // look keeps one shared port.
            let interior = vertex.width.saturating_sub(2);
            if looks.len() < 2 || interior < 2 * looks.len() - 1 {
                continue;
            }
            for step in steps.iter_mut().filter(|step| step.to == target) {
                let group = looks
                    .iter()
                    .position(|other| *other == look(step))
                    .unwrap_or(0);
                step.to_x = vertex.x + 1 + (group + 1) * interior / (looks.len() + 1);
            }
        }
        // A line into a box must not run in the same column as another edge's line out
        // of a box above, or the two would read as one: move it aside within the box.
        for index in 0..steps.len() {
            let Some(_) = self.vertices[steps[index].to].node else {
                continue;
            };
            let vertex = &self.vertices[steps[index].to];
            let taken = |x: usize| {
                steps.iter().enumerate().any(|(other, step)| {
                    other != index && step.from_x == x && step.from != steps[index].from
                })
            };
            if taken(steps[index].to_x) {
                let inside = vertex.x + 1..vertex.x + vertex.width - 1;
                let x = steps[index].to_x;
                if let Some(free) = [x + 1, x.saturating_sub(1), x + 2, x.saturating_sub(2)]
                    .into_iter()
                    .find(|candidate| inside.contains(candidate) && !taken(*candidate))
                {
                    let (old, target) = (steps[index].to_x, steps[index].to);
                    for step in steps
                        .iter_mut()
                        .filter(|step| step.to_x == old && step.to == target)
                    {
                        step.to_x = free;
                    }
                }
            }
        }
        steps
    }

    /// The column where edges meet a vertex: a box's middle, a pass-through point itself.
    fn port(&self, vertex: usize) -> usize {
        self.vertices[vertex].x + self.vertices[vertex].width / 2
    }

    /// Label rows and columns for the labelled steps of a gap (first steps of labelled
    /// edges): beside the line into the target, clear of the lines that run through the
    /// label rows (lines into targets, straight lines, frame sides) and of other labels.
    /// A label repeated on edges into the same port is shown once.
    fn place_labels(
        &self,
        steps: &[Step],
        tracks: &[Option<usize>],
        chart: &Flowchart,
    ) -> Vec<Option<(usize, usize, usize)>> {
        let rank = steps
            .first()
            .map_or(0, |step| self.vertices[step.from].rank);
        let mut lines: Vec<usize> = steps
            .iter()
            .zip(tracks)
            .flat_map(|(step, track)| {
                let straight = track.is_none() || step.from_x == step.to_x;
                [Some(step.to_x), straight.then_some(step.from_x)]
            })
            .flatten()
            .collect();
        for (cluster, frame) in self.frames.iter().enumerate() {
            if self.cluster_ranks[cluster].is_some_and(|(first, last)| first <= rank && rank < last)
            {
                lines.extend([frame.x, frame.x + frame.width - 1]);
            }
        }
        let rightmost = lines.iter().max().map_or(0, |line| line + 2);
        let mut taken: Vec<(usize, usize, usize, usize)> = Vec::new();
        let mut shown: Vec<(usize, &str)> = Vec::new();
        steps
            .iter()
            .map(|step| {
                let first_step = self.chains[step.edge].first() == Some(&step.from);
                let text = chart.edges[step.edge]
                    .label
                    .as_deref()
                    .filter(|_| first_step)?;
                if shown.contains(&(step.to_x, text)) {
                    return None;
                }
                shown.push((step.to_x, text));
                // Across (a left-right chart placed top-down) a label runs down one
                // column, on the row next to its line once turned; otherwise along one
                // row, a column of space from its line.
                let width = display_width(text);
                let (columns, rows, space) = if self.across {
                    (1, width, 0)
                } else {
                    (width, 1, 1)
                };
                let free = |row: usize, x: usize, taken: &[(usize, usize, usize, usize)]| {
                    !lines
                        .iter()
                        .any(|line| *line + space >= x && *line < x + columns + space)
                        && !taken.iter().any(|(top, bottom, start, end)| {
                            *top < row + rows && row < *bottom && *start <= x + columns && x <= *end
                        })
                };
                // Beside the edge on one of the first rows, on the side away from the
                // box's other ports; failing that, right of every line in the gap, which
                // no line can block.
                let after = Some(step.to_x + 1 + space);
                let before = step.to_x.checked_sub(columns + space);
                let port_side = |before: bool| {
                    steps.iter().any(|other| {
                        other.to == step.to
                            && if before {
                                other.to_x < step.to_x
                            } else {
                                other.to_x > step.to_x
                            }
                    })
                };
                // Turned, "before" is above the line, where a label reads best.
                let beside = if !port_side(true) && (port_side(false) || self.across) {
                    [before, after]
                } else {
                    [after, before]
                };
                let found = (0..4)
                    .find_map(|row| {
                        beside
                            .iter()
                            .flatten()
                            .copied()
                            .find(|x| free(row, *x, &taken))
                            .map(|x| (row, x))
                    })
                    .or_else(|| {
                        // Below every label taken there is always room.
                        let below = taken
                            .iter()
                            .map(|(_, bottom, _, _)| *bottom)
                            .max()
                            .unwrap_or(0);
                        (0..=below)
                            .find(|row| free(*row, rightmost, &taken))
                            .map(|row| (row, rightmost))
                    });
                if let Some((row, x)) = found {
                    taken.push((row, row + rows, x, x + columns));
                }
                found.map(|(row, x)| (row, x, row + rows))
            })
            .collect()
    }

    fn routes(
        &self,
        steps: &[Vec<Step>],
        tracks: &[Vec<Option<usize>>],
        track_row: &[usize],
        label_rows: &[Vec<Option<(usize, usize)>>],
        band_top: &[usize],
        nodes: &[Rect],
    ) -> Vec<Route> {
        let mut routes: Vec<Route> = (0..self.chains.len())
            .map(|edge| Route {
                edge,
                points: Vec::new(),
                label: None,
            })
            .collect();
        for (rank, gap) in steps.iter().enumerate() {
            for (index, step) in gap.iter().enumerate() {
                let start_y = match self.vertices[step.from].node {
                    Some(node) => nodes[node].y + nodes[node].height - 1,
                    None => band_top[rank] + self.band_height(rank) - 1,
                };
                let end_y = match self.vertices[step.to].node {
                    Some(node) => nodes[node].y,
                    None => band_top[rank + 1],
                };
                let route = &mut routes[step.edge];
                let points = &mut route.points;
                if points.is_empty() || points.last() != Some(&(step.from_x, start_y)) {
                    if let Some(&(x, y)) = points.last() {
                        // Through a pass-through point: straight down its rank.
                        if x == step.from_x && y < start_y {
                            points.push((x, start_y));
                        }
                    } else {
                        points.push((step.from_x, start_y));
                    }
                }
                match tracks[rank][index] {
                    Some(track) if step.from_x != step.to_x => {
                        let row = track_row[rank] + track;
                        points.push((step.from_x, row));
                        points.push((step.to_x, row));
                    }
                    _ => {}
                }
                points.push((step.to_x, end_y));
                if let Some(label) = label_rows[rank].get(index).copied().flatten() {
                    route.label = Some((label.1, label.0));
                }
            }
        }
        for route in &mut routes {
            route.points.dedup();
        }
        routes
    }

    fn band_height(&self, rank: usize) -> usize {
        self.ranks[rank]
            .iter()
            .map(|vertex| self.vertices[*vertex].height)
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

/// Tracks for the steps of one gap: steps that share a source or a target form one tree
/// and may share a row; other trees whose spans overlap get rows of their own. Straight
/// steps need no track.
fn assign_tracks(steps: &[Step]) -> Vec<Option<usize>> {
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
