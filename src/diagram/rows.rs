//! Rows, top to bottom: each rank's band, the frames opening above it and closing below
//! it, and in each gap between ranks the tracks and then the label rows. Every frame
//! border and every track gets a row of its own, so no line has to run along another.

use std::cmp::Reverse;

use super::Flowchart;
use super::place::Graph;
use super::steps::Step;

/// Where the rows went.
pub(super) struct Rows {
    pub(super) band_top: Vec<usize>,
    pub(super) track_row: Vec<usize>,
    pub(super) labels: Vec<Vec<Option<(usize, usize)>>>,
    pub(super) height: usize,
}

impl Graph<'_> {
    /// Rows for ranks, frames, tracks and labels, top to bottom.
    pub(super) fn assign_rows(
        &mut self,
        chart: &Flowchart,
        steps: &[Vec<Step>],
        tracks: &[Vec<Option<usize>>],
    ) -> Rows {
        let rank_count = self.ranks.len();
        let mut band_top = vec![0; rank_count];
        let mut track_row = vec![0; rank_count];
        let mut label_rows: Vec<Vec<Option<(usize, usize)>>> = Vec::with_capacity(rank_count);
        let mut y = 0;
        for rank in 0..rank_count {
            y = self.open_frames(rank, y);
            band_top[rank] = y;
            y += self.band_height(rank);
            y = self.close_frames(rank, y);
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
                if self.frames_opening(rank + 1).is_empty() {
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

    /// Frames opening on `rank`, from row `y`: outermost first, a row for each depth,
    /// then a row for arrows. The row after them.
    fn open_frames(&mut self, rank: usize, y: usize) -> usize {
        let chart = self.chart;
        let mut opening = self.frames_opening(rank);
        opening.sort_by_key(|cluster| depth(chart, *cluster));
        let levels = levels(chart, &opening);
        for cluster in &opening {
            let level = level_row(&levels, depth(chart, *cluster));
            self.frames[*cluster].y = y + level;
        }
        y + levels.len() + usize::from(!levels.is_empty())
    }

    /// Frames closing on `rank`, whose band ends above row `y`: after a row of space,
    /// innermost first, a row for each depth. The row after them.
    fn close_frames(&mut self, rank: usize, mut y: usize) -> usize {
        let chart = self.chart;
        let mut closing = self.frames_closing(rank);
        closing.sort_by_key(|cluster| Reverse(depth(chart, *cluster)));
        let levels = levels(chart, &closing);
        if !levels.is_empty() {
            y += 1;
        }
        for cluster in &closing {
            let level = level_row(&levels, depth(chart, *cluster));
            let frame = &mut self.frames[*cluster];
            frame.height = y + level + 1 - frame.y;
        }
        y + levels.len()
    }

    /// The clusters whose first rank is `rank`.
    fn frames_opening(&self, rank: usize) -> Vec<usize> {
        self.clusters_spanning(|(first, _)| first == rank)
    }

    /// The clusters whose last rank is `rank`.
    fn frames_closing(&self, rank: usize) -> Vec<usize> {
        self.clusters_spanning(|(_, last)| last == rank)
    }

    /// The clusters with members whose first and last rank pass `test`.
    fn clusters_spanning(&self, test: impl Fn((usize, usize)) -> bool) -> Vec<usize> {
        (0..self.chart.subgraphs.len())
            .filter(|cluster| self.cluster_ranks[*cluster].is_some_and(&test))
            .collect()
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

    /// Rows the tallest box of a rank takes (a rank of pass-through points, one).
    pub(super) fn band_height(&self, rank: usize) -> usize {
        self.ranks[rank]
            .iter()
            .map(|vertex| self.vertices[*vertex].height)
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

/// How deep a subgraph is nested: 1 at the top level.
fn depth(chart: &Flowchart, cluster: usize) -> usize {
    let mut depth = 0;
    let mut current = Some(cluster);
    while let Some(index) = current {
        depth += 1;
        current = chart.subgraphs[index].parent;
    }
    depth
}

/// The depths of `clusters` in their order, each once: frames at one depth share a row.
fn levels(chart: &Flowchart, clusters: &[usize]) -> Vec<usize> {
    let mut levels: Vec<usize> = clusters
        .iter()
        .map(|cluster| depth(chart, *cluster))
        .collect();
    levels.dedup();
    levels
}

/// The row, counted from the first of `levels`, of the frames at `depth`.
fn level_row(levels: &[usize], depth: usize) -> usize {
    levels.iter().position(|level| *level == depth).unwrap_or(0)
}
