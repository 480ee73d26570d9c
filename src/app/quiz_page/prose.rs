//! Text a question's screen shows as its author wrote it: line breaks and indentation
//! kept, list items hanging under their text, fenced code highlighted.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::super::App;
use crate::text::{Run, display_width, wrap};

/// Text with the author's line breaks and indentation kept, each line wrapped under its
/// own indentation; a fenced block (```` ```yaml ````) is shown as code: highlighted and
/// never wrapped, since its indentation is what a question about YAML asks about.
pub(super) fn paragraphs(app: &App, text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut fence: Option<Fence> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some(language) = trimmed.strip_prefix("```") {
            match fence.take() {
                Some(open) => lines.extend(open.lines(app)),
                None => {
                    fence = Some(Fence {
                        language: language.trim().to_owned(),
                        indent,
                        code: Vec::new(),
                    });
                }
            }
            continue;
        }
        if let Some(open) = &mut fence {
            open.code.push(line.to_owned());
        } else if trimmed.is_empty() {
            lines.push(Line::default());
        } else {
            // A list item (`1. `, `- `, `・`) hangs under its text, as does an indented line.
            let marker = list_marker(trimmed);
            let lead = [Span::raw(format!(
                "{}{}",
                line[..indent].replace('\t', "    "),
                &trimmed[..marker]
            ))];
            lines.extend(hanging(
                &lead,
                &[Run::new(&trimmed[marker..], style)],
                width,
            ));
        }
    }
    if let Some(open) = fence {
        lines.extend(open.lines(app));
    }
    lines
}

/// The length of a list marker and its space at the start of `text` (`1. `, `- `,
/// `・`), or 0.
fn list_marker(text: &str) -> usize {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits > 0 && text[digits..].starts_with(". ") {
        return digits + 2;
    }
    if text.starts_with("- ") {
        return 2;
    }
    if text.starts_with('・') {
        return '・'.len_utf8();
    }
    0
}

/// A fenced code block in a prompt, hint or explanation.
struct Fence {
    language: String,
    /// The fence's own indentation, taken off every line of the code.
    indent: usize,
    code: Vec<String>,
}

impl Fence {
    fn lines(self, app: &App) -> Vec<Line<'static>> {
        let code: Vec<String> = self
            .code
            .iter()
            .map(|line| {
                let blank = line.len() - line.trim_start().len();
                line[blank.min(self.indent)..].to_owned()
            })
            .collect();
        crate::layout::highlight::highlight(&code, &self.language, app.theme().kind)
            .into_iter()
            .map(|spans| {
                let mut line = vec![Span::styled(
                    format!("{} ", app.glyphs().vertical),
                    app.theme().border,
                )];
                line.extend(spans);
                Line::from(line)
            })
            .collect()
    }
}

/// `runs` wrapped to `width` after `lead` on the first line, with the following lines
/// hanging under the text (so a long choice reads as one).
pub(super) fn hanging(lead: &[Span<'static>], runs: &[Run], width: usize) -> Vec<Line<'static>> {
    let lead_width: usize = lead.iter().map(|span| display_width(&span.content)).sum();
    let mut lines = wrap(runs, width.saturating_sub(lead_width).max(1));
    for (row, line) in lines.iter_mut().enumerate() {
        if row == 0 {
            for (index, span) in lead.iter().enumerate() {
                line.spans.insert(index, span.clone());
            }
        } else {
            line.spans.insert(0, Span::raw(" ".repeat(lead_width)));
        }
    }
    lines
}
