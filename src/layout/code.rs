//! Code blocks framed and highlighted, lines kept whole; the reader scrolls them sideways.

use ratatui::text::{Line, Span};

use super::{CodeLine, Continuation, LaidLine, LaidOutCode, Layout};
use crate::course::CodeBlock;
use crate::text::display_width;

impl Layout<'_> {
    /// A code block, highlighted.
    pub(super) fn code(&mut self, code: &CodeBlock, label: &str, width: usize) -> Vec<LaidLine> {
        let highlighted: Vec<Vec<Span<'static>>> =
            super::highlight::highlight(&code.lines, &code.language, self.options.theme.kind)
                .into_iter()
                .map(expand_tabs)
                .collect();
        self.framed(code, label, highlighted, width)
    }

    /// A Mermaid block: drawn as a picture when it can be, else its source.
    pub(super) fn diagram(&mut self, code: &CodeBlock, width: usize) -> Vec<LaidLine> {
        let ascii = *self.options.glyphs == super::glyphs::ASCII;
        // The frame's bar and space take two columns.
        match crate::diagram::picture(&code.lines, ascii, width.saturating_sub(2)) {
            Some(picture) => {
                let lines =
                    super::picture::spans(&picture.cells, self.options.theme, &picture.node_styles);
                self.framed(code, "diagram", lines, width)
            }
            None => self.code(code, "mermaid diagram (source)", width),
        }
    }

    /// A framed block: a label rule, each line after a bar, a closing rule. Registered
    /// as a code block, so it scrolls sideways and `y` copies its source.
    fn framed(
        &mut self,
        code: &CodeBlock,
        label: &str,
        highlighted: Vec<Vec<Span<'static>>>,
        width: usize,
    ) -> Vec<LaidLine> {
        let theme = self.options.theme;
        let glyphs = self.options.glyphs;
        let longest = highlighted
            .iter()
            .map(|spans| spans.iter().map(Span::width).sum::<usize>())
            .max()
            .unwrap_or(0);
        let rule_width = (longest + 2).max(display_width(label) + 5).min(width);
        let block = self.code_blocks.len();
        self.code_blocks.push(LaidOutCode {
            language: code.language.clone(),
            label: label.to_owned(),
            source: code.lines.clone(),
            lines: 0..0,
            width: longest,
        });
        let frame = |line: Line<'static>| LaidLine {
            line,
            continues: Continuation::No,
            code: Some(CodeLine {
                block,
                text_column: None,
            }),
        };
        let mut lines = vec![frame(self.top_rule(label, rule_width))];
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
            lines.push(LaidLine {
                line: Line::from(line),
                continues: Continuation::No,
                code: Some(CodeLine {
                    block,
                    text_column: Some(bar.width()),
                }),
            });
        }
        let mut bottom = glyphs.bottom[0].to_string();
        bottom.extend(std::iter::repeat_n(
            glyphs.horizontal,
            rule_width.saturating_sub(1),
        ));
        lines.push(frame(Line::from(Span::styled(bottom, theme.border))));
        lines
    }

    /// The frame's top: a corner, the label, and a rule to `rule_width` columns.
    fn top_rule(&self, label: &str, rule_width: usize) -> Line<'static> {
        let theme = self.options.theme;
        let glyphs = self.options.glyphs;
        let mut rest = String::from(" ");
        let lead = format!("{}{} ", glyphs.top[0], glyphs.horizontal);
        let used = display_width(&lead) + display_width(label) + 1;
        rest.extend(std::iter::repeat_n(
            glyphs.horizontal,
            rule_width.saturating_sub(used),
        ));
        Line::from(vec![
            Span::styled(lead, theme.border),
            Span::styled(label.to_owned(), theme.code_label),
            Span::styled(rest, theme.border),
        ])
    }
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
