//! The help overlay: its state (how far the key list is scrolled), and its page laid out
//! for a size: every key, centred over the text; on a narrow terminal each key goes
//! above its meaning, and the list scrolls when it is taller than the screen. Scrolling
//! is clamped with the page, and `ui::help` draws what the page gives.

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::App;
use crate::text::{Run, display_width, wrap};

/// Columns and rows taken by the border and padding on each side.
const FRAME: u16 = 2;

/// The help screen's state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Help {
    /// Lines of the key list scrolled past.
    scrolled: usize,
}

impl Help {
    #[must_use]
    pub fn scrolled(self) -> usize {
        self.scrolled
    }

    /// Scrolls by `lines`, at most to `limit` (the page's `scroll_limit`).
    pub(super) fn scroll(&mut self, lines: isize, limit: usize) {
        self.scrolled = self.scrolled.saturating_add_signed(lines).min(limit);
    }
}

/// The help box: where it goes and its lines (the shown part of the key list, then the
/// way to close it).
pub struct HelpPage {
    pub rect: Rect,
    pub lines: Vec<Line<'static>>,
}

impl HelpPage {
    /// The help over `area`, `scrolled` lines down (at most to the end of the list).
    #[must_use]
    pub fn lay_out(app: &App, area: Rect, scrolled: usize) -> Self {
        let keys = key_lines(app, area);
        let rows = key_rows(area);
        let scrolled = scrolled.min(keys.len().saturating_sub(rows));
        let mut lines: Vec<Line<'static>> = keys.into_iter().skip(scrolled).take(rows).collect();
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            app.texts().help_close,
            app.theme().code_label,
        )));
        let content_width = lines.iter().map(Line::width).max().unwrap_or(0);
        let width = u16::try_from(content_width)
            .unwrap_or(u16::MAX)
            .saturating_add(2 * FRAME)
            .min(area.width);
        let height = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .saturating_add(FRAME)
            .min(area.height);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        Self { rect, lines }
    }

    /// How far the key list scrolls over `area`: its lines past the rows it gets.
    #[must_use]
    pub fn scroll_limit(app: &App, area: Rect) -> usize {
        key_lines(app, area).len().saturating_sub(key_rows(area))
    }
}

/// Rows for keys: the box's frame and the closing line (with the blank above it) off.
fn key_rows(area: Rect) -> usize {
    usize::from(area.height.saturating_sub(FRAME)).saturating_sub(2)
}

/// Every key with its meaning: side by side when the widest fits, else the key above.
fn key_lines(app: &App, area: Rect) -> Vec<Line<'static>> {
    let texts = app.texts();
    let inner_width = usize::from(area.width.saturating_sub(2 * FRAME)).max(1);
    let key_width = texts
        .help
        .iter()
        .map(|(keys, _)| display_width(keys))
        .max()
        .unwrap_or(0);
    let widest = texts
        .help
        .iter()
        .map(|(_, meaning)| key_width + 2 + display_width(meaning))
        .max()
        .unwrap_or(0);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut lines = Vec::new();
    for (keys, meaning) in texts.help {
        if widest <= inner_width {
            let pad = " ".repeat(key_width - display_width(keys) + 2);
            lines.push(Line::from(vec![
                Span::styled(format!("{keys}{pad}"), bold),
                Span::raw(*meaning),
            ]));
        } else {
            lines.push(Line::from(Span::styled(*keys, bold)));
            let meaning = wrap(
                &[Run::new(*meaning, Style::new())],
                inner_width.saturating_sub(2),
            );
            lines.extend(meaning.into_iter().map(|mut line| {
                line.spans.insert(0, Span::raw("  "));
                line
            }));
        }
    }
    lines
}
