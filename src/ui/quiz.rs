//! A question's screen: the prompt, the learner's input for its kind (choices, a short
//! answer, the manifest editor), then right or wrong with the explanation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::panel;

use crate::app::{Answer, App, ManifestEditor, QuizRun, Step};
use crate::layout::wrap::{Run, display_width, wrap};
use crate::quiz::{AnswerError, Kind, Question, Quiz};

/// Draws the run's current screen over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, run: &QuizRun) {
    let texts = app.texts.quiz;
    let title = match run
        .item
        .and_then(|number| app.lesson.checklist.get(number - 1))
    {
        Some(item) => format!("{}. {}", item.number, item.text),
        None => texts.whole_quiz.to_owned(),
    };
    let block = panel(app, &title, area.width);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (lines, focus) = text_of(app, run, usize::from(inner.width).max(1));
    if let Step::Answering(Answer::Manifest {
        editor,
        editing,
        problem,
    }) = &run.step
    {
        // The editor keeps at least eight rows; a long prompt gives way (and scrolls).
        let used = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .min(inner.height.saturating_sub(EDITOR_ROWS));
        let prompt = Rect {
            height: used,
            ..inner
        };
        render_scrolled(frame, prompt, lines, run.scroll, None);
        let below = Rect {
            y: inner.y + used,
            height: inner.height - used,
            ..inner
        };
        render_editor(frame, below, app, editor, *editing, problem.as_ref());
        return;
    }
    render_scrolled(frame, inner, lines, run.scroll, focus);
}

/// Rows the manifest editor keeps however long the prompt.
const EDITOR_ROWS: u16 = 8;

/// How far the run's screen can scroll in the app's terminal: its text's lines past the
/// rows it gets (the panel's border and padding, the status and hint rows taken off).
#[must_use]
pub fn scroll_limit(app: &App, run: &QuizRun) -> usize {
    let width = usize::from(app.width.saturating_sub(4)).max(1);
    let mut rows = app.height.saturating_sub(4);
    if matches!(run.step, Step::Answering(Answer::Manifest { .. })) {
        rows = rows.saturating_sub(EDITOR_ROWS);
    }
    text_of(app, run, width)
        .0
        .len()
        .saturating_sub(usize::from(rows))
}

/// The run's screen as text for `width` columns (above the editor, for a manifest), and
/// the line to keep in view.
fn text_of(app: &App, run: &QuizRun, width: usize) -> (Vec<Line<'static>>, Option<usize>) {
    let texts = app.texts.quiz;
    let Some(quiz) = app.quiz() else {
        return (Vec::new(), None);
    };
    let Some(index) = run.current() else {
        return (finished(app, quiz, run, width), None);
    };
    let question = &quiz.questions[index];
    let mut lines = vec![
        Line::from(Span::styled(
            texts.question_of(run.position + 1, run.queue.len(), run.round),
            app.theme.code_label,
        )),
        Line::default(),
    ];
    lines.extend(paragraphs(app, &question.prompt, Style::new(), width));
    if let Some(hint) = &question.hint {
        lines.push(Line::default());
        let hint = format!("{}{hint}", texts.hint);
        lines.extend(paragraphs(app, &hint, app.theme.code_label, width));
    }
    lines.push(Line::default());
    let mut focus = None;
    match &run.step {
        Step::Answering(Answer::Manifest { .. }) | Step::Finished => {}
        Step::Answering(answer) => {
            let (choices, chosen) = answering(app, question, answer, width);
            focus = chosen.map(|line| line + lines.len());
            lines.extend(choices);
        }
        Step::Answered {
            right,
            failures,
            answer,
        } => {
            let (verdict, style) = if *right {
                (texts.right, app.theme.right)
            } else {
                (texts.wrong, app.theme.wrong)
            };
            lines.push(Line::from(Span::styled(verdict, style)));
            lines.extend(answered(app, question, answer, width));
            for failure in failures {
                lines.extend(hanging(
                    &[Span::styled("- ", app.theme.wrong)],
                    &[Run::new(texts.failure(failure), app.theme.wrong)],
                    width,
                ));
            }
            lines.push(Line::default());
            let explain = format!("{}{}", texts.explanation, question.explain);
            lines.extend(paragraphs(app, &explain, app.theme.quote, width));
        }
    }
    (lines, focus)
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
    let texts = app.texts.quiz;
    // The whole message, wrapped.
    let problem_lines: Vec<Line<'static>> = problem
        .map(|problem| {
            let width = usize::from(area.width).max(1);
            let mut lines = wrap(
                &[Run::new(texts.answer_error(problem), app.theme.wrong)],
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
            .border_set(app.glyphs.panel)
            .border_style(if editing {
                app.theme.title
            } else {
                app.theme.border
            })
            .title(Span::styled(format!(" {title} "), app.theme.code_label)),
    );
    widget.set_line_number_style(app.theme.code_label);
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

/// Text with the author's line breaks and indentation kept, each line wrapped under its
/// own indentation; a fenced block (```` ```yaml ````) is shown as code: highlighted and
/// never wrapped, since its indentation is what a question about YAML asks about.
fn paragraphs(app: &App, text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
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
        crate::layout::highlight::highlight(&code, &self.language, app.theme.kind)
            .into_iter()
            .map(|spans| {
                let mut line = vec![Span::styled(
                    format!("{} ", app.glyphs.vertical),
                    app.theme.border,
                )];
                line.extend(spans);
                Line::from(line)
            })
            .collect()
    }
}

/// `runs` wrapped to `width` after `lead` on the first line, with the following lines
/// hanging under the text (so a long choice reads as one).
fn hanging(lead: &[Span<'static>], runs: &[Run], width: usize) -> Vec<Line<'static>> {
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

/// The input so far: choices with the selection, or the short answer being typed; and
/// the line of the choice under the cursor, which must stay on screen.
fn answering(
    app: &App,
    question: &Question,
    answer: &Answer,
    width: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let choices = question.kind.choices();
    let selected_style = Style::new().add_modifier(Modifier::REVERSED);
    let mut lines = Vec::new();
    let mut focus = None;
    match answer {
        Answer::Choice { order, selected } => {
            for (position, choice) in order.iter().enumerate() {
                let chosen = *selected == Some(position);
                if chosen {
                    focus = Some(lines.len());
                }
                let pointer = if chosen { "> " } else { "  " };
                let lead = vec![Span::raw(pointer), Span::raw(format!("{}) ", position + 1))];
                let style = if chosen { selected_style } else { Style::new() };
                lines.extend(hanging(
                    &lead,
                    &[Run::new(choices[*choice].clone(), style)],
                    width,
                ));
            }
        }
        Answer::Multi {
            order,
            cursor,
            marked,
        } => {
            for (position, choice) in order.iter().enumerate() {
                if *cursor == position {
                    focus = Some(lines.len());
                }
                let pointer = if *cursor == position { "> " } else { "  " };
                let tick = if marked[position] {
                    app.glyphs.task_done
                } else {
                    app.glyphs.task_open
                };
                let lead = vec![
                    Span::raw(pointer),
                    Span::styled(format!("{tick} "), app.theme.marker),
                    Span::raw(format!("{}) ", position + 1)),
                ];
                let style = if *cursor == position {
                    selected_style
                } else {
                    Style::new()
                };
                lines.extend(hanging(
                    &lead,
                    &[Run::new(choices[*choice].clone(), style)],
                    width,
                ));
            }
        }
        Answer::Text { input } => {
            let lead = vec![Span::styled(
                app.texts.quiz.your_answer,
                Style::new().add_modifier(Modifier::BOLD),
            )];
            // The cursor is the character under it in reverse (after the end, a no-break
            // space, which wrapping does not trim).
            let (before, under, after) = input.split();
            let cursor = Style::new().add_modifier(Modifier::REVERSED);
            let runs = [
                Run::new(before, Style::new()),
                Run::new(
                    under.map_or_else(|| "\u{a0}".to_owned(), String::from),
                    cursor,
                ),
                Run::new(after, Style::new()),
            ];
            lines.extend(hanging(&lead, &runs, width));
            focus = Some(lines.len().saturating_sub(1));
        }
        Answer::Manifest { .. } => {}
    }
    (lines, focus)
}

/// The answer as given, with the right choices marked.
fn answered(app: &App, question: &Question, answer: &Answer, width: usize) -> Vec<Line<'static>> {
    let texts = app.texts.quiz;
    let right_choices: Vec<usize> = match &question.kind {
        Kind::Choice { answer, .. } => vec![*answer],
        Kind::Multi { answers, .. } => answers.clone(),
        Kind::Text { .. } | Kind::Manifest(_) => Vec::new(),
    };
    let choices = question.kind.choices();
    let line = |position: usize, choice: usize, given: bool| {
        let right = right_choices.contains(&choice);
        let mut runs = vec![Run::new(choices[choice].clone(), Style::new())];
        // A label is one word: 「(あなたの答え)」 moves to the next line whole.
        let label = |text: &str, style: Style| Run {
            text: format!(" {text}"),
            style,
            unbreakable: true,
        };
        if right {
            runs.push(label(texts.right_choice, app.theme.right));
        }
        if given {
            let style = if right {
                app.theme.right
            } else {
                app.theme.wrong
            };
            runs.push(label(texts.your_choice, style));
        }
        hanging(&[Span::raw(format!("  {}) ", position + 1))], &runs, width)
    };
    match answer {
        Answer::Choice { order, selected } => order
            .iter()
            .enumerate()
            .flat_map(|(position, choice)| line(position, *choice, *selected == Some(position)))
            .collect(),
        Answer::Multi { order, marked, .. } => order
            .iter()
            .enumerate()
            .flat_map(|(position, choice)| line(position, *choice, marked[position]))
            .collect(),
        Answer::Text { input } => {
            let mut lines = hanging(
                &[Span::raw(texts.your_answer)],
                &[Run::new(input.text(), Style::new())],
                width,
            );
            if let Kind::Text { accept } = &question.kind {
                lines.extend(hanging(
                    &[Span::raw(texts.accepted)],
                    &[Run::new(
                        accept.first().cloned().unwrap_or_default(),
                        app.theme.right,
                    )],
                    width,
                ));
            }
            lines
        }
        Answer::Manifest { .. } => Vec::new(),
    }
}

/// The end of a run: the score and the state of the items it tested.
fn finished(app: &App, quiz: &Quiz, run: &QuizRun, width: usize) -> Vec<Line<'static>> {
    let texts = app.texts.quiz;
    let total = match run.item {
        Some(item) => quiz.questions_for(item).len(),
        None => quiz.questions.len(),
    };
    let mut lines = vec![
        Line::from(Span::styled(texts.finished, app.theme.right)),
        Line::from(texts.score(run.right_first_time, total)),
        Line::default(),
    ];
    for (index, item) in app.lesson.checklist.iter().enumerate() {
        if run.item.is_some_and(|tested| tested != item.number) {
            continue;
        }
        let mark = app.marks.get(index).copied().unwrap_or_default();
        let text = format!(
            "{}. {}: {}",
            item.number,
            item.text,
            texts.mastery(mark.mastery)
        );
        lines.extend(wrap(&[Run::new(text, Style::new())], width));
    }
    lines
}
