//! A drawn diagram's cells → styled spans: boxes in their `classDef` colours (fill
//! behind the label, stroke on the border), frames and edges in the theme's colours.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;

use crate::diagram::{Cell, Ink};
use crate::theme::Theme;

/// Each row of cells as spans, neighbouring cells of one style joined.
#[must_use]
pub fn spans(
    cells: &[Vec<Cell>],
    theme: &Theme,
    styles: &[crate::diagram::NodeStyle],
) -> Vec<Vec<Span<'static>>> {
    cells
        .iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            let width = row
                .iter()
                .rposition(|cell| cell.character != Some(' '))
                .map_or(0, |last| last + 1);
            for cell in &row[..width] {
                let Some(character) = cell.character else {
                    continue;
                };
                let style = style_of(cell.ink, theme, styles);
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(character),
                    _ => spans.push(Span::styled(character.to_string(), style)),
                }
            }
            spans
        })
        .collect()
}

/// How a cell of `ink` is drawn: nodes in their `classDef` colours, the rest in the theme's.
#[must_use]
pub fn style_of(ink: Ink, theme: &Theme, styles: &[crate::diagram::NodeStyle]) -> Style {
    let rgb = |(red, green, blue): (u8, u8, u8)| Color::Rgb(red, green, blue);
    match ink {
        Ink::Blank => Style::new(),
        Ink::Node(node) => styles
            .get(node)
            .and_then(|style| style.stroke)
            .map_or(theme.heading.remove_modifier(Modifier::BOLD), |stroke| {
                Style::new().fg(rgb(stroke))
            }),
        Ink::NodeLabel(node) => {
            let style = styles.get(node).copied().unwrap_or_default();
            let mut label = Style::new().add_modifier(Modifier::BOLD);
            if let Some(text) = style.text {
                label = label.fg(rgb(text));
            }
            if let Some(fill) = style.fill {
                label = label.bg(rgb(fill));
            }
            label
        }
        Ink::Frame => theme.border,
        Ink::Title => theme.subheading,
        Ink::Edge => theme.marker,
        Ink::EdgeLabel => theme.code_label,
    }
}
