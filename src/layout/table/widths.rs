//! How wide each column of a table is: natural widths when they fit, shares of the room
//! when they do not, and for a few columns the widths that wrap into the fewest rows.

use crate::text::{Run, wrap};

/// Columns narrower than this are shrunk only when nothing else can give up room.
const COMFORTABLE_WIDTH: usize = 8;

/// Column widths summing to at most `available` where content allows: natural widths
/// if they fit; else every column gets its unbreakable minimum and the rest is shared in
/// proportion to how much each wants; else the widest columns give up room first (their
/// words get cut), never below `floor`, the widest character, so borders stay aligned.
pub(super) fn column_widths(
    natural: &[usize],
    minimum: &[usize],
    floor: &[usize],
    available: usize,
) -> Vec<usize> {
    let natural_total: usize = natural.iter().sum();
    if natural_total <= available {
        return natural.to_vec();
    }
    // Japanese may break between any two characters, so its minimum is one kanji; a
    // column that narrow is unreadable, so columns ask for a few characters' room.
    let minimum: Vec<usize> = minimum
        .iter()
        .zip(natural)
        .map(|(min, nat)| (*min).max(COMFORTABLE_WIDTH).min(*nat))
        .collect();
    let minimum_total: usize = minimum.iter().sum();
    if minimum_total <= available {
        let spare = available - minimum_total;
        let wanted = natural_total - minimum_total;
        let mut widths: Vec<usize> = minimum
            .iter()
            .zip(natural)
            .map(|(min, nat)| min + (nat - min) * spare / wanted.max(1))
            .collect();
        give_out_remainder(&mut widths, natural, available);
        return widths;
    }
    let mut widths = minimum;
    let mut excess = minimum_total - available;
    while excess > 0 {
        let Some(widest) = (0..widths.len())
            .filter(|column| widths[*column] > floor[*column])
            .max_by_key(|column| widths[*column])
        else {
            break;
        };
        widths[widest] -= 1;
        excess -= 1;
    }
    widths
}

/// Widths from shares can leave a column wider than anything wrapped in it uses while
/// another splits a word into single characters (「プロビジョ」/「ナ」). For a table of a
/// few columns the widths are chosen outright: among the widths where a column's cells
/// change their line count, the combination that fits with the fewest rows (ties: the
/// one nearest the shares). Wider tables keep the shares.
pub(super) fn fewest_rows(
    widths: &mut Vec<usize>,
    natural: &[usize],
    minimum: &[usize],
    floor: &[usize],
    rows: &[&[Vec<Run>]],
    available: usize,
) {
    const MOST_COLUMNS: usize = 4;
    if widths.len() > MOST_COLUMNS || widths.len() != natural.len() {
        return;
    }
    // No word cut in two when the words fit side by side at all.
    let floor: Vec<usize> = if minimum.iter().sum::<usize>() <= available {
        minimum.iter().zip(floor).map(|(a, b)| *a.max(b)).collect()
    } else {
        floor.to_vec()
    };
    let wrapping = Wrapping::new(rows, natural, floor);
    let distance = |chosen: &[usize]| -> usize {
        chosen
            .iter()
            .zip(widths.iter())
            .map(|(a, b)| a.abs_diff(*b))
            .sum()
    };
    let mut best: Option<((usize, usize), usize, Vec<usize>)> = None;
    let mut chosen = Vec::with_capacity(widths.len());
    search(
        &wrapping.candidates(),
        available,
        &mut chosen,
        &mut |chosen| {
            let score = (wrapping.cost(chosen), distance(chosen));
            if best
                .as_ref()
                .is_none_or(|(cost, nearness, _)| score < (*cost, *nearness))
            {
                best = Some((score.0, score.1, chosen.to_vec()));
            }
        },
    );
    if let Some((cost, _, mut chosen)) = best {
        wrapping.widen(&mut chosen, natural, available, cost);
        *widths = chosen;
    }
}

/// How each cell of a few columns wraps at each width a column can take.
struct Wrapping {
    /// Each column's narrowest width.
    floor: Vec<usize>,
    /// counts[column][width - floor][row]: the cell's lines at that width, and whether
    /// one of several is a lone character.
    counts: Vec<Vec<Vec<(usize, bool)>>>,
    rows: usize,
}

impl Wrapping {
    fn new(rows: &[&[Vec<Run>]], natural: &[usize], floor: Vec<usize>) -> Self {
        let counts = (0..floor.len())
            .map(|column| {
                (floor[column]..=natural[column].max(floor[column]))
                    .map(|width| {
                        rows.iter()
                            .map(|row| {
                                row.get(column).map_or((1, false), |cell| {
                                    let lines = wrap(cell, width);
                                    let lone = lines.len() > 1
                                        && lines.iter().any(|line| line.width() <= 2);
                                    (lines.len(), lone)
                                })
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        Self {
            floor,
            counts,
            rows: rows.len(),
        }
    }

    /// Each column's widths worth trying: the narrowest of each way its cells wrap.
    fn candidates(&self) -> Vec<Vec<usize>> {
        self.counts
            .iter()
            .zip(&self.floor)
            .map(|(by_width, floor)| {
                (0..by_width.len())
                    .filter(|&at| at == 0 || by_width[at] != by_width[at - 1])
                    .map(|at| floor + at)
                    .collect()
            })
            .collect()
    }

    fn at(&self, column: usize, width: usize, row: usize) -> (usize, bool) {
        self.counts[column][width - self.floor[column]][row]
    }

    /// The table's rows at these widths, and its lines holding a lone character.
    fn height_and_lone(&self, chosen: &[usize]) -> (usize, usize) {
        let mut height = 0;
        let mut lone = 0;
        for row in 0..self.rows {
            let cells = || {
                chosen
                    .iter()
                    .enumerate()
                    .map(move |(column, width)| self.at(column, *width, row))
            };
            height += cells().map(|(lines, _)| lines).max().unwrap_or(1);
            lone += cells().filter(|(_, alone)| *alone).count();
        }
        (height, lone)
    }

    /// What a choice of widths costs: a lone character left on a line reads as badly as
    /// a row more; then fewer lone characters.
    fn cost(&self, chosen: &[usize]) -> (usize, usize) {
        let (height, lone) = self.height_and_lone(chosen);
        (height + lone, lone)
    }

    /// Room the rows do not need still widens the columns that want it most, where that
    /// wraps no worse than `cost`.
    fn widen(
        &self,
        chosen: &mut [usize],
        natural: &[usize],
        available: usize,
        cost: (usize, usize),
    ) {
        let mut left = available.saturating_sub(chosen.iter().sum());
        while left > 0 {
            let mut wanting: Vec<usize> = (0..chosen.len())
                .filter(|column| chosen[*column] < natural[*column])
                .collect();
            wanting.sort_by_key(|column| std::cmp::Reverse(natural[*column] - chosen[*column]));
            let Some(column) = wanting.into_iter().find(|column| {
                let mut wider = chosen.to_vec();
                wider[*column] += 1;
                self.cost(&wider) <= cost
            }) else {
                break;
            };
            chosen[column] += 1;
            left -= 1;
        }
    }
}

/// Every choice of one candidate width per column that sums to at most `room`.
fn search(
    candidates: &[Vec<usize>],
    room: usize,
    chosen: &mut Vec<usize>,
    visit: &mut impl FnMut(&[usize]),
) {
    let Some((first, rest)) = candidates.split_first() else {
        visit(chosen);
        return;
    };
    let least_rest: usize = rest.iter().filter_map(|widths| widths.first()).sum();
    for width in first.iter().copied() {
        if width + least_rest > room {
            break;
        }
        chosen.push(width);
        search(rest, room - width, chosen, visit);
        chosen.pop();
    }
}

/// Rounding down leaves a few columns unused; give them to the columns that want more.
fn give_out_remainder(widths: &mut [usize], natural: &[usize], available: usize) {
    let mut left = available.saturating_sub(widths.iter().sum());
    while left > 0 {
        let Some(column) = (0..widths.len())
            .filter(|column| widths[*column] < natural[*column])
            .max_by_key(|column| natural[*column] - widths[*column])
        else {
            return;
        };
        widths[column] += 1;
        left -= 1;
    }
}
