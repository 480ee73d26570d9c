//! A question's screen: the prompt, the learner's input for its kind (choices, a short
//! answer, the manifest editor), then right or wrong with the explanation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::panel;

use crate::app::{Answer, App, ManifestEditor, QuizRun, Step};
use crate::layout::wrap::{Run, wrap};
use crate::quiz::{AnswerError, Kind, Question, Quiz};

/// Draws the run's current screen over `area`.
pub fn render(frame: &mut Frame<'_>, area: Rect, app: &App, run: &QuizRun) {
    let Some(quiz) = app.quiz() else {
        return;
    };
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
    let width = usize::from(inner.width).max(1);
    let Some(index) = run.current() else {
        let lines = finished(app, quiz, run, width);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    };
    let question = &quiz.questions[index];
    let mut lines = vec![
        Line::from(Span::styled(
            texts.question_of(run.position + 1, run.queue.len(), run.round),
            app.theme.code_label,
        )),
        Line::default(),
    ];
    lines.extend(paragraphs(&question.prompt, Style::new(), width));
    lines.push(Line::default());
    match &run.step {
        Step::Answering(Answer::Manifest {
            editor,
            editing,
            problem,
        }) => {
            let used = u16::try_from(lines.len())
                .unwrap_or(u16::MAX)
                .min(inner.height);
            frame.render_widget(Paragraph::new(lines), inner);
            let below = Rect {
                y: inner.y + used,
                height: inner.height - used,
                ..inner
            };
            render_editor(frame, below, app, editor, *editing, problem.as_ref());
            return;
        }
        Step::Answering(answer) => lines.extend(answering(app, question, answer)),
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
            lines.extend(answered(app, question, answer));
            for failure in failures {
                let reason = texts.reason(&failure.reason);
                let text = match &failure.document {
                    Some(document) => format!("- {document}: {reason}"),
                    None => format!("- {reason}"),
                };
                lines.extend(wrap(&[Run::new(text, app.theme.wrong)], width));
            }
            lines.push(Line::default());
            let explain = format!("{}{}", texts.explanation, question.explain);
            lines.extend(paragraphs(&explain, app.theme.quote, width));
        }
        Step::Finished => {}
    }
    frame.render_widget(Paragraph::new(lines), inner);
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
    let problem_rows = u16::from(problem.is_some());
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
    if let Some(problem) = problem {
        let row = Rect {
            y: editor_area.y + editor_area.height,
            height: 1,
            ..area
        };
        frame.render_widget(
            Paragraph::new(Span::styled(texts.answer_error(problem), app.theme.wrong)),
            row,
        );
    }
}

/// Text with the author's line breaks kept, each line wrapped.
fn paragraphs(text: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    text.lines()
        .flat_map(|line| {
            if line.trim().is_empty() {
                vec![Line::default()]
            } else {
                wrap(&[Run::new(line, style)], width)
            }
        })
        .collect()
}

/// The input so far: choices with the selection, or the short answer being typed.
fn answering(app: &App, question: &Question, answer: &Answer) -> Vec<Line<'static>> {
    let choices = question.kind.choices();
    let selected_style = Style::new().add_modifier(Modifier::REVERSED);
    match answer {
        Answer::Choice { order, selected } => order
            .iter()
            .enumerate()
            .map(|(position, choice)| {
                let chosen = *selected == Some(position);
                let pointer = if chosen { "> " } else { "  " };
                Line::from(vec![
                    Span::raw(pointer),
                    Span::styled(
                        format!("{}) {}", position + 1, choices[*choice]),
                        if chosen { selected_style } else { Style::new() },
                    ),
                ])
            })
            .collect(),
        Answer::Multi {
            order,
            cursor,
            marked,
        } => order
            .iter()
            .enumerate()
            .map(|(position, choice)| {
                let pointer = if *cursor == position { "> " } else { "  " };
                let tick = if marked[position] {
                    app.glyphs.task_done
                } else {
                    app.glyphs.task_open
                };
                Line::from(vec![
                    Span::raw(pointer),
                    Span::styled(format!("{tick} "), app.theme.marker),
                    Span::styled(
                        format!("{}) {}", position + 1, choices[*choice]),
                        if *cursor == position {
                            selected_style
                        } else {
                            Style::new()
                        },
                    ),
                ])
            })
            .collect(),
        Answer::Text { input } => vec![Line::from(vec![
            Span::styled(
                app.texts.quiz.your_answer,
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(input.clone()),
            Span::styled("_", Style::new().add_modifier(Modifier::SLOW_BLINK)),
        ])],
        Answer::Manifest { .. } => Vec::new(),
    }
}

/// The answer as given, with the right choices marked.
fn answered(app: &App, question: &Question, answer: &Answer) -> Vec<Line<'static>> {
    let texts = app.texts.quiz;
    let right_choices: Vec<usize> = match &question.kind {
        Kind::Choice { answer, .. } => vec![*answer],
        Kind::Multi { answers, .. } => answers.clone(),
        Kind::Text { .. } | Kind::Manifest(_) => Vec::new(),
    };
    let choices = question.kind.choices();
    let line = |position: usize, choice: usize, given: bool| {
        let right = right_choices.contains(&choice);
        let mut spans = vec![Span::raw(format!(
            "  {}) {}",
            position + 1,
            choices[choice]
        ))];
        if right {
            spans.push(Span::styled(
                format!(" {}", texts.right_choice),
                app.theme.right,
            ));
        }
        if given {
            let style = if right {
                app.theme.right
            } else {
                app.theme.wrong
            };
            spans.push(Span::styled(format!(" {}", texts.your_choice), style));
        }
        Line::from(spans)
    };
    match answer {
        Answer::Choice { order, selected } => order
            .iter()
            .enumerate()
            .map(|(position, choice)| line(position, *choice, *selected == Some(position)))
            .collect(),
        Answer::Multi { order, marked, .. } => order
            .iter()
            .enumerate()
            .map(|(position, choice)| line(position, *choice, marked[position]))
            .collect(),
        Answer::Text { input } => {
            let mut lines = vec![Line::from(vec![
                Span::raw(texts.your_answer),
                Span::raw(input.clone()),
            ])];
            if let Kind::Text { accept } = &question.kind {
                lines.push(Line::from(vec![
                    Span::raw(texts.accepted),
                    Span::styled(accept.join(", "), app.theme.right),
                ]));
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
