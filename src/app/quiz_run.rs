//! A quiz as the reader runs it: a round of questions, one a screen, and the learner's
//! input for each kind of question. Wrong answers come back at the end of the round.

use ratatui_textarea::{CursorMove, TextArea};

use crate::quiz::{AnswerError, Failure, Kind, Question, Response, choice_order};

/// A run through some questions.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizRun {
    /// The checklist item tested (1-based), or `None` for the whole quiz.
    pub item: Option<usize>,
    /// Question indices of this round, in order.
    pub queue: Vec<usize>,
    /// Where in `queue` the learner is.
    pub position: usize,
    /// Questions answered wrong this round: the next round asks them again.
    pub missed: Vec<usize>,
    /// 1 for the first round.
    pub round: usize,
    /// Questions answered right in the first round.
    pub right_first_time: usize,
    pub step: Step,
    /// The checklist entry to go back to on Esc; `None` goes back to the text.
    pub back_to_checklist: Option<usize>,
    /// Lines scrolled past on a screen taller than the terminal.
    pub scroll: usize,
}

/// Where the learner is with the current question.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Answering(Answer),
    /// Graded: right or wrong, what was wrong (manifests), and the answer as given.
    Answered {
        right: bool,
        failures: Vec<Failure>,
        answer: Answer,
    },
    /// Every question answered right (or the learner answered all there were).
    Finished,
}

/// The learner's input so far, by kind of question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `order` maps each shown position to the author's choice; `selected` is a position.
    Choice {
        order: Vec<usize>,
        selected: Option<usize>,
    },
    Multi {
        order: Vec<usize>,
        cursor: usize,
        marked: Vec<bool>,
    },
    Text {
        input: String,
    },
    Manifest {
        /// Boxed: an editor is far larger than the other answers.
        editor: Box<ManifestEditor>,
        /// Keys go to the editor (else the question is shown with the draft).
        editing: bool,
        /// Why the last submission could not be graded (bad YAML, empty …).
        problem: Option<AnswerError>,
    },
}

impl Answer {
    /// A fresh answer to `question`: choices in the learner's order, a manifest from the
    /// learner's draft or the template.
    #[must_use]
    pub fn new(question: &Question, profile: &str, draft: Option<&str>) -> Self {
        match &question.kind {
            Kind::Choice { choices, .. } => Self::Choice {
                order: choice_order(profile, &question.id, choices.len()),
                selected: None,
            },
            Kind::Multi { choices, .. } => Self::Multi {
                order: choice_order(profile, &question.id, choices.len()),
                cursor: 0,
                marked: vec![false; choices.len()],
            },
            Kind::Text { .. } => Self::Text {
                input: String::new(),
            },
            Kind::Manifest(exercise) => Self::Manifest {
                editor: Box::new(ManifestEditor::new(draft.unwrap_or(&exercise.template))),
                editing: false,
                problem: None,
            },
        }
    }

    /// The answer as grading takes it; `None` while nothing is chosen.
    #[must_use]
    pub fn response(&self) -> Option<Response> {
        match self {
            Self::Choice { order, selected } => Some(Response::Choice(order[(*selected)?])),
            Self::Multi { order, marked, .. } => Some(Response::Multi(
                marked
                    .iter()
                    .zip(order)
                    .filter(|(marked, _)| **marked)
                    .map(|(_, choice)| *choice)
                    .collect(),
            )),
            Self::Text { input } => Some(Response::Text(input.clone())),
            Self::Manifest { editor, .. } => Some(Response::Manifest(editor.text())),
        }
    }
}

/// The built-in multi-line editor for manifests (ratatui-textarea), compared by content.
#[derive(Debug, Clone)]
pub struct ManifestEditor {
    pub area: TextArea<'static>,
}

impl ManifestEditor {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(text.lines().map(str::to_owned).collect());
        area.set_tab_length(2);
        area.set_hard_tab_indent(false);
        // A manifest is written in many small edits; undo should reach back through them.
        area.set_max_histories(1000);
        Self { area }
    }

    /// The text, ending with a newline as a file would.
    #[must_use]
    pub fn text(&self) -> String {
        let mut text = self.area.lines().join("\n");
        text.push('\n');
        text
    }

    /// Replaces the text (after `$EDITOR`), keeping the cursor's line where it can.
    pub fn set_text(&mut self, text: &str) {
        let row = self.area.cursor().0;
        *self = Self::new(text);
        let last = self.area.lines().len().saturating_sub(1);
        self.area
            .move_cursor(CursorMove::Jump(to_u16(row.min(last)), 0));
    }

    /// Puts the cursor at a 1-based line and column (a YAML error's position).
    pub fn point_at(&mut self, line: usize, column: usize) {
        let row = line
            .saturating_sub(1)
            .min(self.area.lines().len().saturating_sub(1));
        let width = self.area.lines()[row].chars().count();
        let column = column.saturating_sub(1).min(width);
        self.area
            .move_cursor(CursorMove::Jump(to_u16(row), to_u16(column)));
    }

    /// Enter keeps the line's indentation, as YAML needs: one level deeper after a key
    /// that opens a mapping (`spec:`) and inside a list item (`- host: a`).
    pub fn new_line(&mut self) {
        let (row, column) = (self.area.cursor().0, self.area.cursor().1);
        let line = &self.area.lines()[row];
        let mut indent: String = line
            .chars()
            .take_while(|character| *character == ' ')
            .collect();
        let before: String = line.chars().take(column).collect();
        // After `- key: value` the next key of that item lines up with `key`.
        if before.trim_start().starts_with("- ") {
            indent.push_str("  ");
        }
        if before.trim_end().ends_with(':') {
            indent.push_str("  ");
        }
        self.area.insert_newline();
        self.area.insert_str(indent);
    }
}

impl PartialEq for ManifestEditor {
    fn eq(&self, other: &Self) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

fn to_u16(value: usize) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

impl QuizRun {
    /// A run over `questions` (indices), answering the first.
    #[must_use]
    pub fn new(
        item: Option<usize>,
        queue: Vec<usize>,
        first: Answer,
        back_to_checklist: Option<usize>,
    ) -> Self {
        Self {
            item,
            queue,
            position: 0,
            missed: Vec::new(),
            round: 1,
            right_first_time: 0,
            step: Step::Answering(first),
            back_to_checklist,
            scroll: 0,
        }
    }

    /// The index of the question on screen; `None` once finished.
    #[must_use]
    pub fn current(&self) -> Option<usize> {
        match self.step {
            Step::Finished => None,
            _ => self.queue.get(self.position).copied(),
        }
    }

    /// Moves past an answered question: the next one, the missed ones again in a new
    /// round, or the end. Returns the question to answer next.
    pub fn advance(&mut self) -> Option<usize> {
        self.position += 1;
        self.scroll = 0;
        if self.position >= self.queue.len() {
            if self.missed.is_empty() {
                self.step = Step::Finished;
                return None;
            }
            self.queue = std::mem::take(&mut self.missed);
            self.position = 0;
            self.round += 1;
        }
        self.queue.get(self.position).copied()
    }
}
