//! A question's screen: the prompt, the learner's input for its kind (choices, a short
//! answer, the manifest editor), then right or wrong with the explanation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::panel;

use crate::app::{Answer, App, ManifestEditor, QuizPage, QuizRun, Step, panel_inside};
use crate::quiz::AnswerError;
use crate::text::{Run, wrap};

/// Draws the run's current screen over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, run: &QuizRun) {
    let texts = app.texts().quiz;
    let title = match run
        .item()
        .and_then(|number| app.lesson().checklist.get(number - 1))
    {
        Some(item) => format!("{}. {}", item.number, item.text),
        None if app.is_reviewing() => app
            .texts()
            .course
            .reviewing(app.review_lesson_title().unwrap_or_default()),
        None if app.is_poll_on_screen() => app.texts().class.learner_poll.to_owned(),
        None => texts.whole_quiz.to_owned(),
    };
    frame.render_widget(panel(app, &title, area.width), area);
    let page = QuizPage::lay_out(app, run, panel_inside(area));
    render_scrolled(frame, page.text, page.lines, run.scroll(), page.focus);
    if let (
        Some(below),
        Step::Answering(Answer::Manifest {
            editor,
            editing,
            problem,
        }),
    ) = (page.editor, &run.step())
    {
        render_editor(frame, below, app, editor, *editing, problem.as_ref());
    }
}

/// Lines that may be taller than `area`: scrolled `scroll` lines down (as far as there
/// is more to see), keeping line `focus` on screen, and marked at the bottom right when
/// more follows.
fn render_scrolled(
    frame: &mut Frame<'_>,
    area: Rect,
    lines: Vec<Line<'static>>,
    scroll: usize,
    focus: Option<usize>,
) {
    let rows = usize::from(area.height);
    let last_top = lines.len().saturating_sub(rows);
    let mut top = scroll.min(last_top);
    if let Some(focus) = focus {
        if focus >= top + rows {
            top = focus + 1 - rows;
        } else if focus < top {
            top = focus;
        }
    }
    let more = top < last_top;
    let shown: Vec<Line<'static>> = lines.into_iter().skip(top).take(rows).collect();
    frame.render_widget(Paragraph::new(shown), area);
    if more && area.height > 0 && area.width > 6 {
        let mark = Rect {
            x: area.x + area.width - 6,
            y: area.y + area.height - 1,
            width: 6,
            height: 1,
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                " PgDn ",
                Style::new().add_modifier(Modifier::REVERSED),
            )),
            mark,
        );
    }
}

/// The manifest editor (or the draft, when not editing) and why the last submission
/// could not be graded.
fn render_editor(
    frame: &mut Frame<'_>,
    area: Rect,
    app: &App,
    editor: &ManifestEditor,
    editing: bool,
    problem: Option<&AnswerError>,
) {
    let texts = app.texts().quiz;
    // The whole message, wrapped.
    let problem_lines: Vec<Line<'static>> = problem
        .map(|problem| {
            let width = usize::from(area.width).max(1);
            let mut lines = wrap(
                &[Run::new(texts.answer_error(problem), app.theme().wrong)],
                width,
            );
            // Whole, as long as three rows of the editor stay.
            lines.truncate(usize::from(area.height.saturating_sub(5)).max(1));
            lines
        })
        .unwrap_or_default();
    let problem_rows = u16::try_from(problem_lines.len()).unwrap_or(u16::MAX);
    let editor_area = Rect {
        height: area.height.saturating_sub(problem_rows),
        ..area
    };
    let mut widget = editor.area.clone();
    let title = if editing {
        texts.editor_title
    } else {
        texts.draft_title
    };
    widget.set_block(
        Block::new()
            .borders(Borders::ALL)
            .border_set(app.glyphs().panel)
            .border_style(if editing {
                app.theme().title
            } else {
                app.theme().border
            })
            .title(Span::styled(format!(" {title} "), app.theme().code_label)),
    );
    widget.set_line_number_style(app.theme().code_label);
    widget.set_cursor_line_style(Style::new());
    if !editing {
        widget.set_cursor_style(Style::new());
    }
    frame.render_widget(&widget, editor_area);
    if problem_rows > 0 {
        let rows = Rect {
            y: editor_area.y + editor_area.height,
            height: problem_rows,
            ..area
        };
        frame.render_widget(Paragraph::new(problem_lines), rows);
    }
}
