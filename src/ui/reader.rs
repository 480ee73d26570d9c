//! The reading pane: the visible slice of laid-out lines, code scrolled sideways, search
//! matches and the marked code block shown.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

use crate::app::{Reader, SearchMatch};
use crate::text::display_width;

/// Left margin of the text, in columns.
const MARGIN: u16 = 1;

/// Draws the reading pane.
pub fn render(frame: &mut Frame<'_>, area: Rect, reader: &Reader) {
    let marked = reader.marked_code_block();
    let inner = Rect {
        x: area.x + MARGIN.min(area.width),
        width: area.width.saturating_sub(MARGIN),
        ..area
    };
    let width = usize::from(inner.width);
    let lines: Vec<Line<'static>> = (reader.top()..reader.top() + usize::from(area.height))
        .filter_map(|index| reader.layout().lines.get(index).map(|laid| (index, laid)))
        .map(|(index, laid)| {
            let mut line = highlight_matches(
                &laid.line,
                reader.search().matches_on(index),
                reader
                    .search()
                    .current()
                    .map(|current| current_match(reader.search().matches(), current)),
                reader.theme().search_match,
            );
            if let Some(code) = laid.code {
                if Some(code.block) == marked {
                    line = mark_frame(line, reader.glyphs().vertical);
                }
                if let Some(column) = code.text_column {
                    let offset = reader.code_offsets().get(code.block).copied().unwrap_or(0);
                    line = scroll_sideways(&line, column, offset, width, reader.glyphs().cut);
                }
            }
            line
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The current match, and its second half when it runs across a wrap: both are shown
/// as current.
fn current_match(matches: &[SearchMatch], current: usize) -> [Option<&SearchMatch>; 2] {
    let rest = matches.get(current + 1).filter(|found| found.continued);
    [matches.get(current), rest]
}

/// The line with its search matches in reverse video (the current one also bold and
/// underlined), so matches show without colour.
fn highlight_matches(
    line: &Line<'static>,
    matches: &[SearchMatch],
    current: Option<[Option<&SearchMatch>; 2]>,
    style: Style,
) -> Line<'static> {
    if matches.is_empty() {
        return line.clone();
    }
    let found = style;
    let current_style = found.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    let mut spans = Vec::new();
    let mut position = 0;
    for span in &line.spans {
        let text = span.content.as_ref();
        let end = position + text.len();
        let mut cursor = 0;
        for found_match in matches {
            let start = found_match.bytes.start.max(position).min(end) - position;
            let stop = found_match.bytes.end.max(position).min(end) - position;
            if start >= stop {
                continue;
            }
            if cursor < start {
                spans.push(Span::styled(text[cursor..start].to_owned(), span.style));
            }
            let style = if current.is_some_and(|parts| parts.contains(&Some(found_match))) {
                current_style
            } else {
                found
            };
            spans.push(Span::styled(
                text[start..stop].to_owned(),
                span.style.patch(style),
            ));
            cursor = stop;
        }
        if cursor < text.len() {
            spans.push(Span::styled(text[cursor..].to_owned(), span.style));
        }
        position = end;
    }
    Line::from(spans)
}

/// The marked code block's frame drawn bold, so the learner sees what `y`/`s`/`h`/`l`
/// act on without relying on colour.
fn mark_frame(mut line: Line<'static>, vertical: char) -> Line<'static> {
    for span in &mut line.spans {
        if span.content.starts_with(vertical) || span.content.chars().all(|c| !c.is_alphanumeric())
        {
            span.style = span.style.add_modifier(Modifier::BOLD);
        }
    }
    line
}

/// Drops `offset` columns of code after the first `column` columns, and marks a line
/// that goes on past the pane's right edge.
fn scroll_sideways(
    line: &Line<'static>,
    column: usize,
    offset: usize,
    width: usize,
    cut: char,
) -> Line<'static> {
    let mut spans = Vec::new();
    let mut position = 0;
    let skip_end = column + offset;
    for span in &line.spans {
        let mut kept = String::new();
        for grapheme in span.content.graphemes(true) {
            let grapheme_width = display_width(grapheme);
            if position < column || position >= skip_end {
                kept.push_str(grapheme);
            }
            position += grapheme_width;
        }
        if !kept.is_empty() {
            spans.push(Span::styled(kept, span.style));
        }
    }
    let mut line = Line::from(spans);
    if line.width() > width && width > 0 {
        line = clip(&line, width - 1);
        line.spans.push(Span::styled(
            cut.to_string(),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    line
}

/// The first `width` columns of a line.
fn clip(line: &Line<'static>, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut room = width;
    for span in &line.spans {
        let mut kept = String::new();
        for grapheme in span.content.graphemes(true) {
            let grapheme_width = display_width(grapheme);
            if grapheme_width > room {
                room = 0;
                break;
            }
            room -= grapheme_width;
            kept.push_str(grapheme);
        }
        if !kept.is_empty() {
            spans.push(Span::styled(kept, span.style));
        }
        if room == 0 {
            break;
        }
    }
    Line::from(spans)
}
