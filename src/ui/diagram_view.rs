//! The diagram view in a panel titled with the node followed; its rows come from
//! `app::DiagramView`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

use super::panel;
use crate::app::{App, DiagramView};

/// Draws the diagram view over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, view: &DiagramView) {
    let title = match view.focus().and_then(|node| view.map().labels.get(node)) {
        Some(label) => format!("{} · {label}", app.texts().diagram_title),
        None => app.texts().diagram_title.to_owned(),
    };
    let block = panel(app, &title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let size = (usize::from(inner.width), usize::from(inner.height));
    frame.render_widget(Paragraph::new(view.lines(app.theme(), size)), inner);
}
