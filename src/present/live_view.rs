//! The live class on the presenting window: the poll picker, and the poll's panel (how
//! many answered; once revealed, a bar per choice or answer with the right one marked).
//! Counts only, never names.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{LiveClass, NotesWindow, Presenter};
use crate::class::Tally;
use crate::quiz::Kind;
use crate::text::{Run, display_width, fit, wrap};

/// Rows of a poll's question on the projector: its start says which it is.
const PROMPT_ROWS: usize = 3;

/// Draws the picker or the poll over the slide's text area.
pub(super) fn render_live(frame: &mut Frame<'_>, area: Rect, presenter: &Presenter) {
    let Some(class) = &presenter.class else {
        return;
    };
    if class.picker.is_some() {
        render_picker(frame, area, presenter, class);
    } else if let Some((poll, question, tally)) = class.shown_poll() {
        let texts = presenter.talk.texts.class;
        let width = usize::from(area.width.saturating_sub(4)).max(1);
        let prompt = wrap(
            &[Run::new(
                question.prompt.clone(),
                presenter.talk.theme.heading,
            )],
            width,
        );
        let mut lines: Vec<Line<'static>> = prompt.into_iter().take(PROMPT_ROWS).collect();
        lines.push(Line::default());
        // Short answers are the learners' own words: none on the projector before `r`.
        if poll.revealed || !matches!(question.kind, Kind::Text { .. }) {
            lines.extend(chart_lines(presenter, &tally, poll.revealed, width));
        }
        lines.push(Line::default());
        let mut footer = texts.answered(tally.answered, class.joined().max(tally.answered));
        if poll.revealed {
            footer = format!("{footer}  {}", texts.right(tally.right, tally.answered));
        } else {
            footer = format!("{footer}  {}", texts.reveal_hint);
        }
        lines.push(Line::from(Span::styled(
            footer,
            presenter.talk.theme.code_label,
        )));
        panel(frame, area, presenter, lines);
    }
}

fn render_picker(frame: &mut Frame<'_>, area: Rect, presenter: &Presenter, class: &LiveClass) {
    let texts = presenter.talk.texts.class;
    let Some(picker) = &class.picker else {
        return;
    };
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let title = if picker.whole_quiz {
        texts.polls_all
    } else {
        texts.polls_title
    };
    let mut lines = vec![
        Line::from(Span::styled(
            fit(title, width, "…"),
            presenter.talk.theme.heading,
        )),
        Line::default(),
    ];
    if picker.questions.is_empty() {
        lines.push(Line::from(texts.polls_none));
    }
    for (row, index) in picker.questions.iter().enumerate() {
        let Some(question) = class.questions.get(*index) else {
            continue;
        };
        let text = fit(
            &format!("{:>2}. {}", row + 1, question.prompt),
            width,
            presenter.talk.glyphs.ellipsis,
        );
        let style = if row == picker.selected {
            presenter
                .talk
                .theme
                .heading
                .add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.push(Line::from(Span::styled(text, style)));
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        texts.polls_keys,
        presenter.talk.theme.code_label,
    )));
    panel(frame, area, presenter, lines);
}

/// One row per choice (or short answer); bars and counts once revealed, the right rows
/// marked.
fn chart_lines(
    presenter: &Presenter,
    tally: &Tally,
    revealed: bool,
    width: usize,
) -> Vec<Line<'static>> {
    let theme = &presenter.talk.theme;
    let glyphs = presenter.talk.glyphs;
    let label_width = tally
        .rows
        .iter()
        .map(|row| display_width(&row.label))
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let most = tally
        .rows
        .iter()
        .map(|row| row.count)
        .max()
        .unwrap_or(0)
        .max(1);
    let mut lines: Vec<Line<'static>> = tally
        .rows
        .iter()
        .map(|row| {
            let mark = if revealed && row.right {
                glyphs.read_mark
            } else {
                ' '
            };
            let label = fit(&row.label, label_width, glyphs.ellipsis);
            let pad = " ".repeat(label_width.saturating_sub(display_width(&label)));
            let mut spans = vec![
                Span::styled(format!("{mark} "), theme.right),
                Span::raw(format!("{label}{pad}  ")),
            ];
            if revealed {
                let room = width.saturating_sub(label_width + 10).max(1);
                let bar = row.count * room / most;
                let style = if row.right {
                    theme.right
                } else {
                    theme.code_label
                };
                spans.push(Span::styled(glyphs.big_ink.to_string().repeat(bar), style));
                spans.push(Span::raw(format!(" {}", row.count)));
            }
            Line::from(spans)
        })
        .collect();
    if revealed && tally.others > 0 {
        lines.push(Line::from(Span::styled(
            format!("  {}", presenter.talk.texts.class.others(tally.others)),
            theme.code_label,
        )));
    }
    lines
}

/// A framed panel at the bottom of `area`, as tall as its lines.
fn panel(frame: &mut Frame<'_>, area: Rect, presenter: &Presenter, lines: Vec<Line<'static>>) {
    let height = (u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2))
    .min(area.height);
    let rect = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(height),
        width: area.width,
        height,
    };
    frame.render_widget(Clear, rect);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(presenter.talk.theme.border)
        .border_set(presenter.talk.glyphs.panel);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The class panel of the notes window, in `area`: a row per learner (names are theirs
/// to see here, never on the projector).
pub(super) fn render_class_panel(frame: &mut Frame<'_>, area: Rect, notes: &NotesWindow) {
    let Some(panel) = &notes.class else {
        return;
    };
    let texts = notes.talk.texts.class;
    let theme = &notes.talk.theme;
    let width = usize::from(area.width);
    let rows = panel.rows(&notes.talk.lesson);
    let sort = if panel.behind_first {
        texts.panel_keys_behind
    } else {
        texts.panel_keys_joined
    };
    let title = format!(
        "{} {}/{}  ",
        texts.panel_title,
        panel.snapshot.connected(),
        rows.len()
    );
    let mut lines = vec![Line::from(vec![
        Span::styled(title, theme.heading),
        Span::styled(sort, theme.code_label),
    ])];
    if rows.is_empty() {
        lines.push(Line::from(Span::styled(
            texts.panel_empty,
            theme.code_label,
        )));
    }
    let name_width = rows
        .iter()
        .map(|row| display_width(&row.name))
        .chain([display_width(texts.column_name)])
        .max()
        .unwrap_or(0)
        .min(16);
    let header = format!(
        "{}  {}  {}  {}",
        pad(texts.column_name, name_width),
        pad(texts.column_mastery, 6),
        pad(texts.column_state, 8),
        texts.column_section
    );
    lines.push(Line::from(Span::styled(
        fit(&header, width, "…"),
        theme.code_label,
    )));
    for row in rows {
        let state = if !row.connected {
            texts.offline
        } else if row.following {
            texts.following
        } else {
            texts.detached
        };
        let section = row
            .section
            .map_or_else(String::new, |(number, title)| format!("{number}. {title}"));
        let answer = row
            .answer
            .map(|answer| format!("  {}: {answer}", texts.column_answer))
            .unwrap_or_default();
        let text = format!(
            "{}  {}  {}  {section}{answer}",
            pad(&fit(&row.name, name_width, "…"), name_width),
            pad(&format!("{}/{}", row.mastered, row.items), 6),
            pad(state, 8),
        );
        let style = if row.connected {
            Style::new()
        } else {
            theme.code_label
        };
        lines.push(Line::from(Span::styled(fit(&text, width, "…"), style)));
    }
    frame.render_widget(Paragraph::new(lines), area);
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}

#[cfg(test)]
#[path = "live_view_tests.rs"]
mod tests;
