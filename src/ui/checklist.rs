//! The checklist view: the lesson's items, each with its state (the same marks the
//! lesson text shows), the questions answered right, and whether the quiz is there.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::panel;

use crate::app::{App, Checklist};
use crate::quiz::LessonQuiz;
use crate::quiz::{ChecklistMark, Mastery};
use crate::text::{Run, display_width, wrap};

/// Draws the checklist over `area` with its selected entry highlighted.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, checklist: Checklist) {
    let selected = checklist.selected();
    let texts = app.texts().quiz;
    let block = panel(app, texts.checklist_title, area.width);
    let inner = block.inner(area);
    let width = usize::from(inner.width).max(1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_row = 0;
    for (index, item) in app.lesson().checklist.iter().enumerate() {
        if index == selected {
            selected_row = lines.len();
        }
        let mark = app.study().marks().get(index).copied().unwrap_or_default();
        let marker = format!("{} {}. ", marker(app, mark), item.number);
        let state = state_words(app, mark);
        let chosen = index == selected;
        let style = if chosen {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        let pointer = if chosen { "> " } else { "  " };
        let text_width = width
            .saturating_sub(display_width(pointer) + display_width(&marker))
            .max(1);
        let wrapped = wrap(&[Run::new(item.text.clone(), style)], text_width);
        for (row, mut line) in wrapped.into_iter().enumerate() {
            let lead = if row == 0 {
                format!("{pointer}{marker}")
            } else {
                " ".repeat(display_width(pointer) + display_width(&marker))
            };
            line.spans
                .insert(0, Span::styled(lead, mark_style(app, mark)));
            lines.push(line);
        }
        lines.push(Line::from(Span::styled(
            format!(
                "{}{state}",
                " ".repeat(display_width(pointer) + display_width(&marker))
            ),
            app.theme().code_label,
        )));
    }
    lines.push(Line::default());
    let note = match app.study().lesson_quiz() {
        LessonQuiz::Ready(_) => None,
        LessonQuiz::Absent => Some(texts.no_quiz.to_owned()),
        LessonQuiz::Unavailable(reason) => Some(texts.unavailable_because(reason)),
    };
    if let Some(note) = note {
        lines.extend(wrap(&[Run::new(note, app.theme().quote)], width));
    }
    // Keep the selected entry on screen when the list is taller than the box.
    let rows = usize::from(inner.height).max(1);
    let scroll = (selected_row + 3).saturating_sub(rows);
    let shown: Vec<Line<'static>> = lines.into_iter().skip(scroll).collect();
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// The same marker the lesson text shows for the item.
fn marker(app: &App, mark: ChecklistMark) -> &'static str {
    match mark.mastery {
        Mastery::Mastered => app.glyphs().task_done,
        _ if mark.self_assessed => app.glyphs().task_self,
        Mastery::Partly => app.glyphs().task_partly,
        Mastery::NotTried => app.glyphs().task_open,
    }
}

fn mark_style(app: &App, mark: ChecklistMark) -> Style {
    match mark.mastery {
        Mastery::Mastered => app.theme().right,
        Mastery::Partly => app.theme().marker,
        Mastery::NotTried => app.theme().border,
    }
}

/// "mastered (6/6)", "in progress (2/5), ticked by you".
fn state_words(app: &App, mark: ChecklistMark) -> String {
    let texts = app.texts().quiz;
    let mut words = texts.mastery(mark.mastery).to_owned();
    if mark.questions > 0 {
        words = format!("{words} ({}/{})", mark.right, mark.questions);
    }
    if mark.self_assessed {
        words.push_str(texts.list_separator);
        words.push_str(texts.self_assessed);
    }
    words
}
