//! Lesson + width + theme → laid-out lines: the one Markdown → styled-text step, shared
//! by `manabi render` and the reader. Knows nothing of terminals or escape codes.
//! Layout is incremental: the reader lays out what fills the screen first.

mod code;
pub mod glyphs;
pub mod highlight;
pub mod inline;
mod picture;
pub use picture::style_of as diagram_style;
mod table;

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::course::{Block, Inline, Lesson, List, ListItem, Task};
use crate::text::{display_width, wrap, wrap_marking_spaces};
use crate::theme::Theme;
use glyphs::Glyphs;
use inline::inline_runs;
use table::{TableRuns, TableStyles, lay_out_table};

/// What the layout depends on besides the lesson.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions<'a> {
    /// Columns available; code lines may be wider and are never wrapped.
    pub width: usize,
    pub theme: &'a Theme,
    pub glyphs: &'a Glyphs,
    /// The learner's state of each checklist item; empty shows the author's `[ ]`/`[x]`.
    pub checklist: &'a [TaskMark],
}

/// A checklist item's state as its task marker shows it (plain data: the learner's
/// record is the app's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskMark {
    #[default]
    Open,
    /// Some of its questions answered, not all right yet.
    Partly,
    /// Ticked by the learner by hand.
    SelfAssessed,
    /// Every question answered right.
    Done,
}

/// One laid-out line; a line of a code block says which block it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidLine {
    pub line: Line<'static>,
    pub code: Option<CodeLine>,
    /// How the line goes on from the previous one, so a search may match across it.
    pub continues: Continuation,
}

impl LaidLine {
    fn text(line: Line<'static>) -> Self {
        Self {
            line,
            code: None,
            continues: Continuation::No,
        }
    }
}

/// Whether a line goes on with the previous line's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Continuation {
    /// A new line of its own.
    No,
    /// Wrapped mid-text, where no space was (Japanese wraps between characters).
    Directly,
    /// Wrapped at a space, which the wrap removed.
    AfterSpace,
}

/// Where a line sits in a code block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeLine {
    /// Index into `LaidOutLesson::code_blocks`.
    pub block: usize,
    /// Columns before the code text (frame and list or quote indentation); `None` for
    /// the block's frame lines.
    pub text_column: Option<usize>,
}

/// A code block (or diagram source) as laid out: what to copy, where it is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidOutCode {
    pub language: String,
    /// The label on its frame (`yaml`, `diagram`, `mermaid diagram (source)`), which a
    /// screen that goes on with the block repeats.
    pub label: String,
    /// The code as the author wrote it, for copying and saving.
    pub source: Vec<String>,
    /// The block's lines in `LaidOutLesson::lines`, frame included.
    pub lines: Range<usize>,
    /// Columns of the longest code line.
    pub width: usize,
}

/// A lesson laid out for one width, possibly only its first blocks so far.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOutLesson {
    pub width: usize,
    pub lines: Vec<LaidLine>,
    /// For each section laid out so far, the index of its heading's first line.
    pub section_starts: Vec<usize>,
    /// For each top-level block laid out so far, the index of its first line.
    pub block_starts: Vec<usize>,
    pub code_blocks: Vec<LaidOutCode>,
}

impl LaidOutLesson {
    /// An empty layout for `width` columns; `extend_to` fills it.
    #[must_use]
    pub fn new(width: usize) -> Self {
        Self {
            width: width.max(1),
            lines: Vec::new(),
            section_starts: Vec::new(),
            block_starts: Vec::new(),
            code_blocks: Vec::new(),
        }
    }

    /// Whether every block of the lesson is laid out.
    #[must_use]
    pub fn is_complete(&self, lesson: &Lesson) -> bool {
        self.block_starts.len() >= lesson.blocks.len()
    }

    /// Lays out further blocks until there are at least `min_lines` lines or the
    /// lesson ends. `options.width` is ignored in favour of the layout's own width.
    pub fn extend_to(&mut self, lesson: &Lesson, options: &LayoutOptions<'_>, min_lines: usize) {
        let options = LayoutOptions {
            width: self.width,
            ..*options
        };
        while self.lines.len() < min_lines {
            let Some(block) = lesson.blocks.get(self.block_starts.len()) else {
                return;
            };
            if !self.block_starts.is_empty() {
                self.lines.push(LaidLine::text(Line::default()));
            }
            let start = self.lines.len();
            self.block_starts.push(start);
            if let Block::Heading { section, .. } = block {
                if self.section_starts.len() <= *section {
                    self.section_starts.resize(*section + 1, start);
                }
                self.section_starts[*section] = start;
            }
            let mut layout = Layout {
                options,
                code_blocks: &mut self.code_blocks,
            };
            let lines = layout.block(block, self.width);
            for (offset, laid) in lines.iter().enumerate() {
                if let Some(code) = laid.code {
                    let range = &mut self.code_blocks[code.block].lines;
                    if range.start == range.end {
                        *range = start + offset..start + offset + 1;
                    } else {
                        range.end = start + offset + 1;
                    }
                }
            }
            self.lines.extend(lines);
        }
    }
}

/// Lays a whole lesson out.
#[must_use]
pub fn lay_out(lesson: &Lesson, options: &LayoutOptions<'_>) -> LaidOutLesson {
    let mut laid_out = LaidOutLesson::new(options.width);
    laid_out.extend_to(lesson, options, usize::MAX);
    laid_out
}

struct Layout<'a> {
    options: LayoutOptions<'a>,
    code_blocks: &'a mut Vec<LaidOutCode>,
}

impl Layout<'_> {
    /// Blocks inside a container, a blank line between them.
    fn blocks(&mut self, blocks: &[Block], width: usize) -> Vec<LaidLine> {
        let mut lines = Vec::new();
        for (index, block) in blocks.iter().enumerate() {
            if index > 0 {
                lines.push(LaidLine::text(Line::default()));
            }
            lines.extend(self.block(block, width));
        }
        lines
    }

    fn block(&mut self, block: &Block, width: usize) -> Vec<LaidLine> {
        let theme = self.options.theme;
        let text = |lines: Vec<Line<'static>>| lines.into_iter().map(LaidLine::text).collect();
        match block {
            Block::Heading { level, content, .. } => text(self.heading(*level, content, width)),
            Block::Paragraph(content) => wrapped_paragraph(content, theme, width),
            Block::Code(code) if code.language.is_empty() => self.code(code, "code", width),
            Block::Code(code) => self.code(code, &code.language, width),
            Block::Diagram(diagram) => self.diagram(diagram, width),
            Block::Table(table) => {
                let cell_runs = |cell: &Vec<Inline>| inline_runs(cell, Style::default(), theme);
                let runs = TableRuns {
                    alignments: &table.alignments,
                    header: table.header.iter().map(cell_runs).collect(),
                    rows: table
                        .rows
                        .iter()
                        .map(|row| row.iter().map(cell_runs).collect())
                        .collect(),
                };
                let styles = TableStyles {
                    border: theme.border,
                    header: theme.table_header,
                };
                text(lay_out_table(&runs, width, self.options.glyphs, &styles))
            }
            Block::List(list) => self.list(list, width, 0),
            Block::Quote(inner) => {
                let bar = Span::styled(format!("{} ", self.options.glyphs.quote_bar), theme.border);
                let mut lines = self.blocks(inner, width.saturating_sub(2).max(1));
                for laid in &mut lines {
                    for span in &mut laid.line.spans {
                        span.style = theme.quote.patch(span.style);
                    }
                }
                prefix(lines, &bar, &bar)
            }
            Block::Rule => text(vec![Line::from(Span::styled(
                self.options.glyphs.horizontal.to_string().repeat(width),
                theme.border,
            ))]),
        }
    }

    fn heading(&self, level: u8, content: &[Inline], width: usize) -> Vec<Line<'static>> {
        let theme = self.options.theme;
        let glyphs = self.options.glyphs;
        let (style, rule) = match level {
            1 => (theme.title, Some(glyphs.title_rule)),
            2 => (theme.heading, Some(glyphs.heading_rule)),
            _ => (theme.subheading, None),
        };
        if let Some(rule) = rule {
            let mut lines = paragraph(content, style, theme, width);
            let underline = lines
                .iter()
                .map(Line::width)
                .max()
                .unwrap_or(0)
                .clamp(1, width);
            lines.push(Line::from(Span::styled(
                rule.to_string().repeat(underline),
                style,
            )));
            return lines;
        }
        let marker = format!("{} ", "#".repeat(usize::from(level)));
        let width = width.saturating_sub(marker.len()).max(1);
        let lines = paragraph(content, style, theme, width)
            .into_iter()
            .map(LaidLine::text)
            .collect();
        prefix(
            lines,
            &Span::styled(marker.clone(), theme.border),
            &indent(&marker),
        )
        .into_iter()
        .map(|laid| laid.line)
        .collect()
    }

    fn list(&mut self, list: &List, width: usize, depth: usize) -> Vec<LaidLine> {
        let theme = self.options.theme;
        let glyphs = self.options.glyphs;
        let last_number = list.start.map(|start| start + list.items.len() as u64 - 1);
        let number_width = last_number.map_or(0, |number| number.to_string().len());
        let mut lines = Vec::new();
        for (index, item) in list.items.iter().enumerate() {
            let marker = match (item.task, list.start) {
                (Some(task), _) => self.task_marker(task).to_owned(),
                (None, Some(start)) => format!("{:>number_width$}.", start + index as u64),
                (None, None) => glyphs.bullets[depth.min(glyphs.bullets.len() - 1)].to_string(),
            };
            let marker = format!("{marker} ");
            let item_width = width.saturating_sub(display_width(&marker)).max(1);
            let item_lines = self.list_item(item, item_width, depth);
            lines.extend(prefix(
                item_lines,
                &Span::styled(marker.clone(), theme.marker),
                &indent(&marker),
            ));
        }
        lines
    }

    fn task_marker(&self, task: Task) -> &'static str {
        let glyphs = self.options.glyphs;
        let Some(mark) = self.options.checklist.get(task.number.wrapping_sub(1)) else {
            return if task.checked {
                glyphs.task_done
            } else {
                glyphs.task_open
            };
        };
        match mark {
            TaskMark::Done => glyphs.task_done,
            TaskMark::SelfAssessed => glyphs.task_self,
            TaskMark::Partly => glyphs.task_partly,
            TaskMark::Open => glyphs.task_open,
        }
    }

    fn list_item(&mut self, item: &ListItem, width: usize, depth: usize) -> Vec<LaidLine> {
        let mut lines = Vec::new();
        for block in &item.blocks {
            match block {
                Block::List(nested) => lines.extend(self.list(nested, width, depth + 1)),
                other => lines.extend(self.block(other, width)),
            }
        }
        if lines.is_empty() {
            lines.push(LaidLine::text(Line::default()));
        }
        lines
    }
}

/// Wrapped inline content; hard breaks start new lines.
fn paragraph(content: &[Inline], base: Style, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    content
        .split(|inline| matches!(inline, Inline::HardBreak))
        .flat_map(|part| wrap(&inline_runs(part, base, theme), width))
        .collect()
}

/// A paragraph whose wrapped lines are marked as going on from the line before.
fn wrapped_paragraph(content: &[Inline], theme: &Theme, width: usize) -> Vec<LaidLine> {
    content
        .split(|inline| matches!(inline, Inline::HardBreak))
        .flat_map(|part| {
            wrap_marking_spaces(&inline_runs(part, Style::default(), theme), width)
                .into_iter()
                .enumerate()
                .map(|(index, (line, space_before))| LaidLine {
                    line,
                    code: None,
                    continues: match (index, space_before) {
                        (0, _) => Continuation::No,
                        (_, true) => Continuation::AfterSpace,
                        (_, false) => Continuation::Directly,
                    },
                })
        })
        .collect()
}

/// Blanks as wide as `marker`, to hang the following lines under the first.
fn indent(marker: &str) -> Span<'static> {
    Span::raw(" ".repeat(display_width(marker)))
}

/// Puts `first` before the first line and `rest` before the others; code text moves
/// right by the prefix's width.
fn prefix(lines: Vec<LaidLine>, first: &Span<'static>, rest: &Span<'static>) -> Vec<LaidLine> {
    lines
        .into_iter()
        .enumerate()
        .map(|(index, mut laid)| {
            let added = if index == 0 { first } else { rest };
            if let Some(CodeLine {
                text_column: Some(column),
                ..
            }) = &mut laid.code
            {
                *column += added.width();
            }
            laid.line.spans.insert(0, added.clone());
            laid
        })
        .collect()
}

#[cfg(test)]
#[path = "layout/layout_tests.rs"]
mod tests;
