//! The grid a diagram is drawn on. Lines are recorded as the directions meeting in each
//! cell and turned into characters only at the end, so lines that cross or meet become
//! one junction (`┼`, `├`, `┬` …) whatever order they were drawn in.

use super::{Cell, Head, Ink, Rect, Shape, Stroke};
use crate::text::display_width;

/// Line directions meeting in a cell.
const UP: u8 = 1;
const DOWN: u8 = 2;
const LEFT: u8 = 4;
const RIGHT: u8 = 8;

pub(super) struct Canvas {
    cells: Vec<Vec<Cell>>,
    /// Line directions and the strongest stroke through each cell.
    links: Vec<Vec<(u8, Option<Stroke>)>>,
}

impl Canvas {
    pub(super) fn new(width: usize, height: usize) -> Self {
        Self {
            cells: vec![
                vec![
                    Cell {
                        character: Some(' '),
                        ink: Ink::Blank
                    };
                    width
                ];
                height
            ],
            links: vec![vec![(0, None); width]; height],
        }
    }

    fn link(&mut self, (x, y): (usize, usize), direction: u8, stroke: Stroke, ink: Ink) {
        let Some(cell) = self.links.get_mut(y).and_then(|row| row.get_mut(x)) else {
            return;
        };
        cell.0 |= direction;
        cell.1 = Some(match (cell.1, stroke) {
            (Some(Stroke::Thick), _) | (_, Stroke::Thick) => Stroke::Thick,
            (Some(Stroke::Normal), _) | (_, Stroke::Normal) => Stroke::Normal,
            _ => Stroke::Dotted,
        });
        // An edge crossing a frame or its title shows through; boxes and labels are
        // drawn after edges and cover them.
        let current = self.cells[y][x].ink;
        if ink != Ink::Edge || matches!(current, Ink::Blank | Ink::Frame | Ink::Title) {
            self.cells[y][x].ink = ink;
        }
    }

    pub(super) fn line(
        &mut self,
        (x0, y0): (usize, usize),
        (x1, y1): (usize, usize),
        stroke: Stroke,
    ) {
        if x0 == x1 {
            let (top, bottom) = (y0.min(y1), y0.max(y1));
            for y in top..=bottom {
                let mut direction = 0;
                if y > top {
                    direction |= UP;
                }
                if y < bottom {
                    direction |= DOWN;
                }
                self.link((x0, y), direction, stroke, Ink::Edge);
            }
        } else {
            let (left, right) = (x0.min(x1), x0.max(x1));
            for x in left..=right {
                let mut direction = 0;
                if x > left {
                    direction |= LEFT;
                }
                if x < right {
                    direction |= RIGHT;
                }
                self.link((x, y0), direction, stroke, Ink::Edge);
            }
        }
    }

    pub(super) fn outline(&mut self, rect: &Rect, ink: Ink, stroke: Stroke) {
        let (right, bottom) = (rect.x + rect.width - 1, rect.y + rect.height - 1);
        for x in rect.x..=right {
            for y in [rect.y, bottom] {
                let mut direction = 0;
                if x > rect.x {
                    direction |= LEFT;
                }
                if x < right {
                    direction |= RIGHT;
                }
                self.link((x, y), direction, stroke, ink);
            }
        }
        for y in rect.y..=bottom {
            for x in [rect.x, right] {
                let mut direction = 0;
                if y > rect.y {
                    direction |= UP;
                }
                if y < bottom {
                    direction |= DOWN;
                }
                self.link((x, y), direction, stroke, ink);
            }
        }
    }

    /// A node box hides whatever lines were under it.
    pub(super) fn clear(&mut self, rect: &Rect) {
        for y in rect.y..rect.y + rect.height {
            for x in rect.x..rect.x + rect.width {
                self.links[y][x] = (0, None);
                self.cells[y][x] = Cell {
                    character: Some(' '),
                    ink: Ink::Blank,
                };
            }
        }
    }

    /// Shapes are told apart by their corners.
    pub(super) fn corners(&mut self, rect: &Rect, shape: Shape, ascii: bool) {
        let set: [char; 4] = match (shape, ascii) {
            (_, true) => match shape {
                Shape::Rectangle => ['+', '+', '+', '+'],
                Shape::Rhombus | Shape::Hexagon | Shape::Asymmetric => ['<', '>', '<', '>'],
                _ => ['(', ')', '(', ')'],
            },
            (Shape::Rectangle, false) => ['┌', '┐', '└', '┘'],
            (Shape::Rounded | Shape::Stadium | Shape::Circle, false) => ['╭', '╮', '╰', '╯'],
            (Shape::Cylinder, false) => ['╭', '╮', '╘', '╛'],
            (Shape::Rhombus | Shape::Hexagon, false) => ['◆', '◆', '◆', '◆'],
            (Shape::Asymmetric, false) => ['▶', '┐', '▶', '┘'],
        };
        let (right, bottom) = (rect.x + rect.width - 1, rect.y + rect.height - 1);
        for ((x, y), character) in [
            (rect.x, rect.y),
            (right, rect.y),
            (rect.x, bottom),
            (right, bottom),
        ]
        .into_iter()
        .zip(set)
        {
            self.cells[y][x].character = Some(character);
            self.links[y][x] = (0, None);
        }
    }

    /// Where an edge leaves and meets boxes: a tee on the source's border, a head (or a
    /// tee) on the cell before the target's border.
    pub(super) fn ends(
        &mut self,
        points: &[(usize, usize)],
        head: Head,
        reversed: bool,
        ascii: bool,
    ) {
        let (Some(&first), Some(&last)) = (points.first(), points.last()) else {
            return;
        };
        let (Some(&second), Some(&before_last)) = (
            points.get(1),
            points.len().checked_sub(2).map(|index| &points[index]),
        ) else {
            return;
        };
        // A tee where the line leaves the source's border and where it meets the target's.
        self.links[first.1][first.0] = (tee(first, second), Some(Stroke::Normal));
        self.links[last.1][last.0] = (tee(last, before_last), Some(Stroke::Normal));
        // The head sits just outside the target's border, pointing into it.
        let (border, outside) = if reversed {
            (first, second)
        } else {
            (last, before_last)
        };
        let step = |from: usize, to: usize| match to.cmp(&from) {
            std::cmp::Ordering::Less => from.checked_sub(1),
            std::cmp::Ordering::Greater => Some(from + 1),
            std::cmp::Ordering::Equal => Some(from),
        };
        let (Some(x), Some(y)) = (step(border.0, outside.0), step(border.1, outside.1)) else {
            return;
        };
        if y >= self.cells.len() || x >= self.cells[y].len() {
            return;
        }
        // Which way the head points: from outside into the border.
        let pointing = match (outside.0.cmp(&border.0), outside.1.cmp(&border.1)) {
            (_, std::cmp::Ordering::Less) => DOWN,
            (_, std::cmp::Ordering::Greater) => UP,
            (std::cmp::Ordering::Less, _) => RIGHT,
            _ => LEFT,
        };
        let Some(character) = head_character(head, pointing, ascii) else {
            return;
        };
        self.cells[y][x] = Cell {
            character: Some(character),
            ink: Ink::Edge,
        };
        self.links[y][x] = (0, None);
    }

    pub(super) fn text(&mut self, x: usize, y: usize, text: &str, ink: Ink) {
        let Some(row) = self.cells.get_mut(y) else {
            return;
        };
        let mut column = x;
        for character in text.chars() {
            let width = display_width(character.encode_utf8(&mut [0; 4]));
            if column + width > row.len() {
                break;
            }
            row[column] = Cell {
                character: Some(character),
                ink,
            };
            self.links[y][column] = (0, None);
            if width == 2 {
                row[column + 1] = Cell {
                    character: None,
                    ink,
                };
                self.links[y][column + 1] = (0, None);
            }
            column += width;
        }
    }

    pub(super) fn finish(mut self, ascii: bool) -> Vec<Vec<Cell>> {
        for (y, row) in self.links.iter().enumerate() {
            for (x, (directions, stroke)) in row.iter().enumerate() {
                if let (Some(stroke), true) = (stroke, *directions != 0) {
                    self.cells[y][x].character = Some(junction(*directions, *stroke, ascii));
                }
            }
        }
        self.cells
    }
}

/// The junction where a line from `toward` meets a border at `at`: the border runs across
/// the line.
fn tee(at: (usize, usize), toward: (usize, usize)) -> u8 {
    if toward.0 == at.0 {
        LEFT | RIGHT | if toward.1 > at.1 { DOWN } else { UP }
    } else {
        UP | DOWN | if toward.0 > at.0 { RIGHT } else { LEFT }
    }
}

/// The character of a head pointing `pointing`; `None` for an edge without one.
fn head_character(head: Head, pointing: u8, ascii: bool) -> Option<char> {
    match (head, pointing, ascii) {
        (Head::None, _, _) => None,
        (Head::Arrow, DOWN, false) => Some('▼'),
        (Head::Arrow, UP, false) => Some('▲'),
        (Head::Arrow, RIGHT, false) => Some('▶'),
        (Head::Arrow, _, false) => Some('◀'),
        (Head::Arrow, DOWN, true) => Some('v'),
        (Head::Arrow, UP, true) => Some('^'),
        (Head::Arrow, RIGHT, true) => Some('>'),
        (Head::Arrow, _, true) => Some('<'),
        (Head::Circle, _, false) => Some('●'),
        (Head::Circle, _, true) => Some('o'),
        (Head::Cross, _, _) => Some('x'),
    }
}

/// The character for lines meeting from these directions.
fn junction(directions: u8, stroke: Stroke, ascii: bool) -> char {
    let vertical = directions & (UP | DOWN) != 0;
    let horizontal = directions & (LEFT | RIGHT) != 0;
    if ascii {
        return match (vertical, horizontal, stroke) {
            (true, true, _) => '+',
            (true, false, Stroke::Dotted) => ':',
            (true, false, _) => '|',
            (false, _, Stroke::Thick) => '=',
            (false, _, Stroke::Dotted) => '.',
            (false, _, Stroke::Normal) => '-',
        };
    }
    let thick = stroke == Stroke::Thick;
    match (directions, thick) {
        (d, false) if d == UP | DOWN || d == UP || d == DOWN => {
            if stroke == Stroke::Dotted {
                '┆'
            } else {
                '│'
            }
        }
        (d, false) if d == LEFT | RIGHT || d == LEFT || d == RIGHT => {
            if stroke == Stroke::Dotted {
                '┄'
            } else {
                '─'
            }
        }
        (d, true) if d == UP | DOWN || d == UP || d == DOWN => '║',
        (d, true) if d == LEFT | RIGHT || d == LEFT || d == RIGHT => '═',
        (d, false) if d == DOWN | RIGHT => '┌',
        (d, false) if d == DOWN | LEFT => '┐',
        (d, false) if d == UP | RIGHT => '└',
        (d, false) if d == UP | LEFT => '┘',
        (d, false) if d == UP | DOWN | RIGHT => '├',
        (d, false) if d == UP | DOWN | LEFT => '┤',
        (d, false) if d == LEFT | RIGHT | DOWN => '┬',
        (d, false) if d == LEFT | RIGHT | UP => '┴',
        (d, true) if d == DOWN | RIGHT => '╔',
        (d, true) if d == DOWN | LEFT => '╗',
        (d, true) if d == UP | RIGHT => '╚',
        (d, true) if d == UP | LEFT => '╝',
        (d, true) if d == UP | DOWN | RIGHT => '╠',
        (d, true) if d == UP | DOWN | LEFT => '╣',
        (d, true) if d == LEFT | RIGHT | DOWN => '╦',
        (d, true) if d == LEFT | RIGHT | UP => '╩',
        (_, true) => '╬',
        _ => '┼',
    }
}
