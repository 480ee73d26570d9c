//! The steps edges take from one rank to the next, and the columns where they meet their
//! boxes: a reader takes lines that meet for one edge, so edges that look different get
//! ports of their own, and no line into a box runs on in the column of another edge's
//! line out of a box above.

use super::place::Graph;
use super::ports::{label_widths, port_offsets};

/// A step of an edge between neighbouring ranks.
pub(super) struct Step {
    pub(super) edge: usize,
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) from_x: usize,
    pub(super) to_x: usize,
}

impl Graph<'_> {
    /// The steps of every edge from `rank` to the next.
    pub(super) fn steps_from(&self, rank: usize) -> Vec<Step> {
        let mut steps = self.steps_through_middles(rank);
        self.part_edges_coming_back(&mut steps);
        self.spread_ports_by_look(&mut steps);
        self.move_off_lines_from_above(&mut steps);
        steps
    }

    /// The steps from `rank`, each meeting its vertices at their middles.
    fn steps_through_middles(&self, rank: usize) -> Vec<Step> {
        self.chains
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
            .collect()
    }

    /// Edges into one box merge into one line only when they look the same (stroke,
    /// head, label); different ones arrive side by side, each keeping its head.
    fn spread_ports_by_look(&self, steps: &mut [Step]) {
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
            // Two ports go left to right as their lines come in, so they need not
            // cross (labels have room on both sides of two ports).
            if looks.len() == 2 {
                let mean = |wanted: &(_, _, _)| {
                    let columns: Vec<usize> = steps
                        .iter()
                        .filter(|step| step.to == target && look(step) == *wanted)
                        .map(|step| step.from_x)
                        .collect();
                    columns.iter().sum::<usize>() / columns.len().max(1)
                };
                if mean(&looks[1]) < mean(&looks[0]) {
                    looks.swap(0, 1);
                }
            }
            let vertex = &self.vertices[target];
            // Ports stay off the border's corners; a box too small for one port per
            // look keeps one shared port.
            let interior = vertex.width.saturating_sub(2);
            if looks.len() < 2 || interior < 2 * looks.len() - 1 {
                continue;
            }
            let ports = port_offsets(vertex.width, &label_widths(&looks, self.across));
            for step in steps.iter_mut().filter(|step| step.to == target) {
                let group = looks
                    .iter()
                    .position(|other| *other == look(step))
                    .unwrap_or(0);
                step.to_x = vertex.x + ports[group];
            }
        }
    }

    /// An edge drawn against the flow (to break a cycle) has its head where the edges
    /// out of the box leave: it gets a port of its own there, else its head would sit
    /// on their shared line and read as theirs. The edges out keep the middle.
    fn part_edges_coming_back(&self, steps: &mut [Step]) {
        let back = |step: &Step| {
            let chain = &self.chains[step.edge];
            chain.first() == Some(&step.from)
                && self.vertices[step.from].node != Some(self.chart.edges[step.edge].from)
        };
        let sources: Vec<usize> = steps
            .iter()
            .filter(|step| back(step))
            .map(|step| step.from)
            .collect();
        for source in sources {
            let vertex = &self.vertices[source];
            let middle = self.port(source);
            let mut taken: Vec<usize> = steps
                .iter()
                .filter(|step| step.from == source && !back(step))
                .map(|step| step.from_x)
                .collect();
            if taken.is_empty() {
                continue;
            }
            let inside = vertex.x + 1..vertex.x + vertex.width - 1;
            let (right, left): (Vec<&Step>, Vec<&Step>) = steps
                .iter()
                .filter(|step| step.from == source && !back(step) && step.to_x != middle)
                .partition(|step| step.to_x > middle);
            let heading_right = right.len() >= left.len();
            for step in steps
                .iter_mut()
                .filter(|step| step.from == source && back(step))
            {
                if !taken.contains(&step.from_x) {
                    continue;
                }
                // Beside the middle, two columns off so the lines stay apart, first on
                // the side away from where the edges out head: their trunk runs there.
                let toward_left = heading_right;
                let free = (1..vertex.width)
                    .flat_map(|distance| {
                        let (right, left) =
                            (middle + 2 * distance, middle.wrapping_sub(2 * distance));
                        if toward_left {
                            [left, right]
                        } else {
                            [right, left]
                        }
                    })
                    .find(|x| inside.contains(x) && !taken.contains(x));
                if let Some(x) = free {
                    step.from_x = x;
                    taken.push(x);
                }
            }
        }
    }

    /// A line into a box must not run in the same column as another edge's line out of
    /// a box above, or the two would read as one: move it aside within the box.
    fn move_off_lines_from_above(&self, steps: &mut [Step]) {
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
    }

    /// The column where edges meet a vertex: a box's middle, a pass-through point itself.
    fn port(&self, vertex: usize) -> usize {
        self.vertices[vertex].x + self.vertices[vertex].width / 2
    }
}
