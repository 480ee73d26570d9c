//! A question's screen laid out for a size: the lines of the prompt, the learner's input
//! for its kind, the verdict and explanation; the line to keep in view; and where the
//! manifest editor goes. One function for both sides: `update` clamps scrolling with it
//! and `ui::quiz` draws what it gives.

mod prose;

use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use super::{Answer, App, QuizRun, Step, TextField};
use crate::quiz::{Kind, Question, Quiz};
use crate::text::{Run, wrap};
use prose::{hanging, paragraphs};

/// Rows the manifest editor keeps however long the prompt.
const EDITOR_ROWS: u16 = 8;

/// The quiz screen inside its panel.
pub struct QuizPage {
    pub lines: Vec<Line<'static>>,
    /// The line that must stay on screen (the choice under the cursor, the short
    /// answer's cursor).
    pub focus: Option<usize>,
    /// Where the lines go.
    pub text: Rect,
    /// Where the manifest editor goes, when the question wants a manifest.
    pub editor: Option<Rect>,
}

impl QuizPage {
    /// The run's screen inside `inner`, the panel's inside.
    #[must_use]
    pub fn lay_out(app: &App, run: &QuizRun, inner: Rect) -> Self {
        let (lines, focus) = text_of(app, run, usize::from(inner.width).max(1));
        if !matches!(run.step(), Step::Answering(Answer::Manifest { .. })) {
            return Self {
                lines,
                focus,
                text: inner,
                editor: None,
            };
        }
        // The editor keeps at least eight rows; a long prompt gives way (and scrolls).
        let used = u16::try_from(lines.len())
            .unwrap_or(u16::MAX)
            .min(inner.height.saturating_sub(EDITOR_ROWS));
        Self {
            lines,
            focus: None,
            text: Rect {
                height: used,
                ..inner
            },
            editor: Some(Rect {
                y: inner.y + used,
                height: inner.height - used,
                ..inner
            }),
        }
    }

    /// How far the lines can scroll: those past the rows they get.
    #[must_use]
    pub fn scroll_limit(&self) -> usize {
        self.lines
            .len()
            .saturating_sub(usize::from(self.text.height))
    }
}

/// The run's screen as text for `width` columns (above the editor, for a manifest), and
/// the line to keep in view.
fn text_of(app: &App, run: &QuizRun, width: usize) -> (Vec<Line<'static>>, Option<usize>) {
    let texts = app.texts().quiz;
    let Some(quiz) = app.quiz() else {
        return (Vec::new(), None);
    };
    let Some(index) = run.current() else {
        return (finished(app, quiz, run, width), None);
    };
    let question = &quiz.questions[index];
    let mut lines = vec![
        Line::from(Span::styled(
            texts.question_of(run.position() + 1, run.queue().len(), run.round()),
            app.theme().code_label,
        )),
        Line::default(),
    ];
    lines.extend(paragraphs(app, &question.prompt, Style::new(), width));
    if let Some(hint) = &question.hint {
        lines.push(Line::default());
        let hint = format!("{}{hint}", texts.hint);
        lines.extend(paragraphs(app, &hint, app.theme().code_label, width));
    }
    lines.push(Line::default());
    let mut focus = None;
    match &run.step() {
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
                (texts.right, app.theme().right)
            } else {
                (texts.wrong, app.theme().wrong)
            };
            lines.push(Line::from(Span::styled(verdict, style)));
            lines.extend(answered(app, question, answer, width));
            for failure in failures {
                lines.extend(hanging(
                    &[Span::styled("- ", app.theme().wrong)],
                    &[Run::new(texts.failure(failure), app.theme().wrong)],
                    width,
                ));
            }
            lines.push(Line::default());
            let explain = format!("{}{}", texts.explanation, question.explain);
            lines.extend(paragraphs(app, &explain, app.theme().quote, width));
        }
    }
    (lines, focus)
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
    match answer {
        Answer::Choice { order, selected } => {
            choice_lines(app, (choices, order), *selected, None, width)
        }
        Answer::Multi {
            order,
            cursor,
            marked,
        } => choice_lines(app, (choices, order), Some(*cursor), Some(marked), width),
        Answer::Text { input } => {
            let lines = short_answer_lines(app, input, width);
            let focus = Some(lines.len().saturating_sub(1));
            (lines, focus)
        }
        Answer::Manifest { .. } => (Vec::new(), None),
    }
}

/// The choices in the learner's order, numbered, the one under the cursor reversed and,
/// for `multi`, each with its tick; and the line of the cursor.
fn choice_lines(
    app: &App,
    (choices, order): (&[String], &[usize]),
    cursor: Option<usize>,
    marked: Option<&[bool]>,
    width: usize,
) -> (Vec<Line<'static>>, Option<usize>) {
    let mut lines = Vec::new();
    let mut focus = None;
    for (position, choice) in order.iter().enumerate() {
        let under = cursor == Some(position);
        if under {
            focus = Some(lines.len());
        }
        let mut lead = vec![Span::raw(if under { "> " } else { "  " })];
        if let Some(marked) = marked {
            let tick = if marked[position] {
                app.glyphs().task_done
            } else {
                app.glyphs().task_open
            };
            lead.push(Span::styled(format!("{tick} "), app.theme().marker));
        }
        lead.push(Span::raw(format!("{}) ", position + 1)));
        let style = if under {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            Style::new()
        };
        lines.extend(hanging(
            &lead,
            &[Run::new(choices[*choice].clone(), style)],
            width,
        ));
    }
    (lines, focus)
}

/// The short answer being typed, after its label.
fn short_answer_lines(app: &App, input: &TextField, width: usize) -> Vec<Line<'static>> {
    let lead = vec![Span::styled(
        app.texts().quiz.your_answer,
        Style::new().add_modifier(Modifier::BOLD),
    )];
    // The cursor is the character under it in reverse (after the end, a no-break space,
    // which wrapping does not trim).
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
    hanging(&lead, &runs, width)
}

/// The answer as given, with the right choices marked.
fn answered(app: &App, question: &Question, answer: &Answer, width: usize) -> Vec<Line<'static>> {
    let texts = app.texts().quiz;
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
            runs.push(label(texts.right_choice, app.theme().right));
        }
        if given {
            let style = if right {
                app.theme().right
            } else {
                app.theme().wrong
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
                        app.theme().right,
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
    let texts = app.texts().quiz;
    let total = match run.item() {
        Some(item) => quiz.questions_for(item).len(),
        None => quiz.questions.len(),
    };
    let mut lines = vec![
        Line::from(Span::styled(texts.finished, app.theme().right)),
        Line::from(texts.score(run.right_first_time(), total)),
        Line::default(),
    ];
    // A review's questions come from several lessons: no one checklist is theirs.
    let checklist = if app.is_reviewing() {
        &[][..]
    } else {
        &app.lesson().checklist[..]
    };
    for (index, item) in checklist.iter().enumerate() {
        if run.item().is_some_and(|tested| tested != item.number) {
            continue;
        }
        let mark = app.study().marks().get(index).copied().unwrap_or_default();
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
