//! The last step of placing: boxes set on their rows, and each edge's route put together
//! from its steps, their tracks and its label's place, since only once rows are known
//! does a step have cells to run through.

use super::Flowchart;
use super::place::{Graph, Placement, Rect, Route};
use super::steps::Step;
use super::tracks::assign_tracks;
use crate::text::display_width;

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
}
