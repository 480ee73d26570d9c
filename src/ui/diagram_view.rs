//! The diagram view: the diagram's cells in a panel, from the panned corner; with a node
//! followed, its box reversed, its edges in the "right" colour and everything else dim.

use std::collections::HashSet;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panel;
use crate::app::{App, DiagramView};
use crate::diagram::{Cell, Ink};
use crate::layout::diagram_style;

/// Draws the diagram view over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, view: &DiagramView) {
    let map = view.map();
    let title = match view.focus().and_then(|node| map.labels.get(node)) {
        Some(label) => format!("{} · {label}", app.texts().diagram_title),
        None => app.texts().diagram_title.to_owned(),
    };
    let block = panel(app, &title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let followed: HashSet<(usize, usize)> = view
        .focus()
        .map(|node| {
            map.edges_of(node)
                .flat_map(|edge| edge.cells.iter().copied())
                .collect()
        })
        .unwrap_or_default();
    let style = |ink: Ink, at: (usize, usize)| {
        let plain = diagram_style(ink, app.theme(), &map.picture.node_styles);
        match view.focus() {
            None => plain,
            Some(node) if matches!(ink, Ink::Node(of) | Ink::NodeLabel(of) if of == node) => {
                plain.add_modifier(Modifier::REVERSED)
            }
            Some(_) if followed.contains(&at) && matches!(ink, Ink::Edge | Ink::EdgeLabel) => {
                app.theme().right.add_modifier(Modifier::BOLD)
            }
            Some(_) => plain.add_modifier(Modifier::DIM),
        }
    };
    let (left, top) = view.pan();
    let lines: Vec<Line<'static>> = map
        .picture
        .cells
        .iter()
        .enumerate()
        .skip(top)
        .take(usize::from(inner.height))
        .map(|(y, row)| visible_line(row, y, left, usize::from(inner.width), &style))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Columns `left ..` of a row, at most `width` of them: a wide character cut by either
/// edge of the view shows as a space.
fn visible_line(
    row: &[Cell],
    y: usize,
    left: usize,
    width: usize,
    style: &impl Fn(Ink, (usize, usize)) -> Style,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let end = (left + width).min(row.len());
    for x in left..end {
        let cell = row[x];
        let wide = row.get(x + 1).is_some_and(|next| next.character.is_none());
        let character = match cell.character {
            None if x == left => ' ',
            None => continue,
            Some(_) if wide && x + 1 >= end => ' ',
            Some(character) => character,
        };
        let style = style(cell.ink, (x, y));
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push(character),
            _ => spans.push(Span::styled(character.to_string(), style)),
        }
    }
    Line::from(spans)
}
