//! The characters structure is drawn with: box drawing, or plain ASCII for consoles
//! (and East Asian "ambiguous wide" terminals) where box drawing breaks alignment.

use ratatui::symbols::border;

/// One set of structural characters; every entry is one column wide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub horizontal: char,
    pub vertical: char,
    /// Corners and tees of a box, in reading order: top row, middle row, bottom row.
    pub top: [char; 3],
    pub middle: [char; 3],
    pub bottom: [char; 3],
    /// The rule under a table's header row and its tees.
    pub header_rule: char,
    pub header_middle: [char; 3],
    pub heading_rule: char,
    pub title_rule: char,
    pub quote_bar: char,
    pub bullets: [char; 3],
    pub task_open: &'static str,
    pub task_done: &'static str,
    /// A checklist item with some questions answered, not all right yet.
    pub task_partly: &'static str,
    /// A checklist item the learner ticked by hand.
    pub task_self: &'static str,
    /// Marks a line cut at the right edge.
    pub cut: char,
    /// Ends a title cut to fit (contents, status bar, footers).
    pub ellipsis: &'static str,
    /// Marks a read section in the contents.
    pub read_mark: char,
    /// The strokes of large type (the notes window's clock).
    pub big_ink: char,
    /// The reader's panes and overlays.
    pub panel: border::Set<'static>,
}

/// Box-drawing characters.
pub const UNICODE: Glyphs = Glyphs {
    horizontal: '─',
    vertical: '│',
    top: ['┌', '┬', '┐'],
    middle: ['├', '┼', '┤'],
    bottom: ['└', '┴', '┘'],
    header_rule: '═',
    header_middle: ['╞', '╪', '╡'],
    heading_rule: '─',
    title_rule: '═',
    quote_bar: '┃',
    bullets: ['•', '◦', '▪'],
    task_open: "[ ]",
    task_done: "[x]",
    task_partly: "[~]",
    task_self: "[v]",
    cut: '→',
    ellipsis: "…",
    read_mark: '✓',
    big_ink: '█',
    panel: border::ROUNDED,
};

/// Plain ASCII for terminals without box drawing.
pub const ASCII: Glyphs = Glyphs {
    horizontal: '-',
    vertical: '|',
    top: ['+', '+', '+'],
    middle: ['+', '+', '+'],
    bottom: ['+', '+', '+'],
    header_rule: '=',
    header_middle: ['+', '+', '+'],
    heading_rule: '-',
    title_rule: '=',
    quote_bar: '|',
    bullets: ['*', '-', '+'],
    task_open: "[ ]",
    task_done: "[x]",
    task_partly: "[~]",
    task_self: "[v]",
    cut: '>',
    ellipsis: "..",
    read_mark: '+',
    big_ink: '#',
    panel: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
};
