//! How many times one edge's line crosses another's in a placement: the figure a
//! layout is judged by. Lines that merge (edges sharing a trunk) or meet at a box do not
//! cross; a horizontal line passing through another edge's vertical one does.

use super::Placement;

/// A straight piece of a route: its fixed coordinate and its span along the other axis.
struct Segment {
    edge: usize,
    at: usize,
    from: usize,
    to: usize,
}

/// The crossings in `placement`: each cell where a horizontal segment of one edge runs
/// through the inside of a vertical segment of another.
#[must_use]
pub fn crossings(placement: &Placement) -> usize {
    let mut across = Vec::new();
    let mut down = Vec::new();
    for route in &placement.routes {
        for pair in route.points.windows(2) {
            let ((x0, y0), (x1, y1)) = (pair[0], pair[1]);
            if y0 == y1 && x0 != x1 {
                across.push(Segment {
                    edge: route.edge,
                    at: y0,
                    from: x0.min(x1),
                    to: x0.max(x1),
                });
            } else if x0 == x1 && y0 != y1 {
                down.push(Segment {
                    edge: route.edge,
                    at: x0,
                    from: y0.min(y1),
                    to: y0.max(y1),
                });
            }
        }
    }
    across
        .iter()
        .map(|horizontal| {
            down.iter()
                .filter(|vertical| {
                    vertical.edge != horizontal.edge
                        && horizontal.from < vertical.at
                        && vertical.at < horizontal.to
                        && vertical.from < horizontal.at
                        && horizontal.at < vertical.to
                })
                .count()
        })
        .sum()
}
