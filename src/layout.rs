//! Lesson + width + theme → laid-out lines: the one Markdown → styled-text step, shared
//! by `manabi render` and the reader. Knows nothing of terminals or escape codes.

pub mod glyphs;
mod highlight;
mod inline;
mod table;
pub mod wrap;

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::course::{Block, CodeBlock, Inline, Lesson, List, ListItem};
use crate::theme::Theme;
use glyphs::Glyphs;
use inline::inline_runs;
use table::{TableRuns, TableStyles, lay_out_table};
use wrap::{display_width, wrap};

/// What the layout depends on besides the lesson.
#[derive(Debug, Clone, Copy)]
pub struct LayoutOptions<'a> {
    /// Columns available; code lines may be wider and are never wrapped.
    pub width: usize,
    pub theme: &'a Theme,
    pub glyphs: &'a Glyphs,
}

/// A lesson laid out for one width.
#[derive(Debug, Clone, PartialEq)]
pub struct LaidOutLesson {
    pub lines: Vec<Line<'static>>,
    /// For each section of the lesson, the index of its heading's first line.
    pub section_starts: Vec<usize>,
}

/// Lays a lesson out.
#[must_use]
pub fn lay_out(lesson: &Lesson, options: &LayoutOptions<'_>) -> LaidOutLesson {
    let mut layout = Layout {
        options: LayoutOptions {
            width: options.width.max(1),
            ..*options
        },
        section_starts: vec![0; lesson.sections.len()],
    };
    let lines = layout.blocks(&lesson.blocks, layout.options.width, true);
    LaidOutLesson {
        lines,
        section_starts: layout.section_starts,
    }
}

struct Layout<'a> {
    options: LayoutOptions<'a>,
    section_starts: Vec<usize>,
}

impl Layout<'_> {
    /// Blocks one after another; `spaced` puts a blank line between them.
    fn blocks(&mut self, blocks: &[Block], width: usize, spaced: bool) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for (index, block) in blocks.iter().enumerate() {
            if spaced && index > 0 {
                lines.push(Line::default());
            }
            if let Block::Heading { section, .. } = block {
                if let Some(start) = self.section_starts.get_mut(*section) {
                    *start = lines.len();
                }
            }
            lines.extend(self.block(block, width));
        }
        lines
    }

    fn block(&mut self, block: &Block, width: usize) -> Vec<Line<'static>> {
        let theme = self.options.theme;
        match block {
            Block::Heading { level, content, .. } => self.heading(*level, content, width),
            Block::Paragraph(content) => paragraph(content, Style::default(), theme, width),
            Block::Code(code) if code.language.is_empty() => self.code(code, "code", width),
            Block::Code(code) => self.code(code, &code.language, width),
            Block::Diagram(diagram) => self.code(diagram, "mermaid diagram (source)", width),
            Block::Table(table) => {
                let runs = TableRuns {
                    alignments: &table.alignments,
                    header: table
                        .header
                        .iter()
                        .map(|cell| inline_runs(cell, Style::default(), theme))
                        .collect(),
                    rows: table
                        .rows
                        .iter()
                        .map(|row| {
                            row.iter()
                                .map(|cell| inline_runs(cell, Style::default(), theme))
                                .collect()
                        })
                        .collect(),
                };
                let styles = TableStyles {
                    border: theme.border,
                    header: theme.table_header,
                };
                lay_out_table(&runs, width, self.options.glyphs, &styles)
            }
            Block::List(list) => self.list(list, width, 0),
            Block::Quote(inner) => {
                let bar = Span::styled(format!("{} ", self.options.glyphs.quote_bar), theme.border);
                let mut lines = self.blocks(inner, width.saturating_sub(2).max(1), true);
                for line in &mut lines {
                    for span in &mut line.spans {
                        span.style = theme.quote.patch(span.style);
                    }
                    line.spans.insert(0, bar.clone());
                }
                lines
            }
            Block::Rule => vec![Line::from(Span::styled(
                self.options.glyphs.horizontal.to_string().repeat(width),
                theme.border,
            ))],
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
        let marker_width = marker.len();
        let lines = paragraph(
            content,
            style,
            theme,
            width.saturating_sub(marker_width).max(1),
        );
        hang(lines, &Span::styled(marker, theme.border), marker_width)
    }

    /// A framed code block: a label rule, each line after a bar, a closing rule.
    fn code(&self, code: &CodeBlock, label: &str, width: usize) -> Vec<Line<'static>> {
        let theme = self.options.theme;
        let glyphs = self.options.glyphs;
        let highlighted: Vec<Vec<Span<'static>>> =
            highlight::highlight(&code.lines, &code.language, theme.kind)
                .into_iter()
                .map(expand_tabs)
                .collect();
        let longest = highlighted
            .iter()
            .map(|spans| spans.iter().map(Span::width).sum::<usize>())
            .max()
            .unwrap_or(0);
        let rule_width = (longest + 2).max(display_width(label) + 5).min(width);
        let mut top = format!("{}{} ", glyphs.top[0], glyphs.horizontal);
        let label_start = top.len();
        top.push_str(label);
        let label_end = top.len();
        top.push(' ');
        let used = display_width(&top);
        top.extend(std::iter::repeat_n(
            glyphs.horizontal,
            rule_width.saturating_sub(used),
        ));
        let mut lines = vec![Line::from(vec![
            Span::styled(top[..label_start].to_owned(), theme.border),
            Span::styled(top[label_start..label_end].to_owned(), theme.code_label),
            Span::styled(top[label_end..].to_owned(), theme.border),
        ])];
        let bar = Span::styled(format!("{} ", glyphs.vertical), theme.border);
        let bare_bar = Span::styled(glyphs.vertical.to_string(), theme.border);
        for spans in highlighted {
            // No trailing space after the bar: golden files and copied text stay clean.
            let mut line = vec![if spans.iter().all(|span| span.content.is_empty()) {
                bare_bar.clone()
            } else {
                bar.clone()
            }];
            line.extend(spans);
            lines.push(Line::from(line));
        }
        let mut bottom = glyphs.bottom[0].to_string();
        bottom.extend(std::iter::repeat_n(
            glyphs.horizontal,
            rule_width.saturating_sub(1),
        ));
        lines.push(Line::from(Span::styled(bottom, theme.border)));
        lines
    }

    fn list(&mut self, list: &List, width: usize, depth: usize) -> Vec<Line<'static>> {
        let theme = self.options.theme;
        let glyphs = self.options.glyphs;
        let last_number = list.start.map(|start| start + list.items.len() as u64 - 1);
        let number_width = last_number.map_or(0, |number| number.to_string().len());
        let mut lines = Vec::new();
        for (index, item) in list.items.iter().enumerate() {
            let marker = match (item.task, list.start) {
                (Some(task), _) => if task.checked {
                    glyphs.task_done
                } else {
                    glyphs.task_open
                }
                .to_owned(),
                (None, Some(start)) => format!("{:>number_width$}.", start + index as u64),
                (None, None) => glyphs.bullets[depth.min(glyphs.bullets.len() - 1)].to_string(),
            };
            let marker = format!("{marker} ");
            let marker_width = display_width(&marker);
            let item_lines = self.list_item(item, width.saturating_sub(marker_width).max(1), depth);
            lines.extend(hang(
                item_lines,
                &Span::styled(marker, theme.marker),
                marker_width,
            ));
        }
        lines
    }

    fn list_item(&mut self, item: &ListItem, width: usize, depth: usize) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        for block in &item.blocks {
            match block {
                Block::List(nested) => lines.extend(self.list(nested, width, depth + 1)),
                other => lines.extend(self.block(other, width)),
            }
        }
        if lines.is_empty() {
            lines.push(Line::default());
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

/// Columns between tab stops in code.
const TAB_STOP: usize = 4;

/// Tabs in a code line become spaces up to the next tab stop, so the terminal never
/// sees a tab and indentation keeps its shape.
fn expand_tabs(spans: Vec<Span<'static>>) -> Vec<Span<'static>> {
    if !spans.iter().any(|span| span.content.contains('\t')) {
        return spans;
    }
    let mut column = 0;
    spans
        .into_iter()
        .map(|span| {
            let mut text = String::with_capacity(span.content.len());
            for character in span.content.chars() {
                if character == '\t' {
                    let spaces = TAB_STOP - column % TAB_STOP;
                    text.extend(std::iter::repeat_n(' ', spaces));
                    column += spaces;
                } else {
                    text.push(character);
                    column += display_width(character.encode_utf8(&mut [0; 4]));
                }
            }
            Span::styled(text, span.style)
        })
        .collect()
}

/// Puts `marker` before the first line and as many spaces before the others.
fn hang(
    lines: Vec<Line<'static>>,
    marker: &Span<'static>,
    marker_width: usize,
) -> Vec<Line<'static>> {
    let indent = Span::raw(" ".repeat(marker_width));
    lines
        .into_iter()
        .enumerate()
        .map(|(index, mut line)| {
            line.spans.insert(
                0,
                if index == 0 {
                    marker.clone()
                } else {
                    indent.clone()
                },
            );
            line
        })
        .collect()
}

#[cfg(test)]
#[path = "layout/layout_tests.rs"]
mod tests;
