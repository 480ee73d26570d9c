//! A quiz as the reader runs it: a round of questions, one a screen. Wrong answers come
//! back at the end of the round. Its update (`update.rs`) grades and records answers.

mod answer;
mod update;

pub use answer::{Answer, ManifestEditor, indent_after};
pub(super) use update::{QuizContext, QuizNext};

use std::collections::BTreeSet;

use crate::quiz::{AttemptKind, Failure};

/// A run through some questions.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizRun {
    /// The checklist item tested (1-based), or `None` for the whole quiz.
    item: Option<usize>,
    /// Question indices of this round, in order.
    queue: Vec<usize>,
    /// Where in `queue` the learner is.
    position: usize,
    /// Questions answered wrong this round: the next round asks them again.
    missed: Vec<usize>,
    /// 1 for the first round.
    round: usize,
    /// Questions answered right in the first round.
    right_first_time: usize,
    /// Questions answered at least once in this run.
    tried: BTreeSet<usize>,
    /// Questions whose right answer a wrong answer showed in this run.
    shown: BTreeSet<usize>,
    step: Step,
    /// The checklist entry to go back to on Esc; `None` goes back to the text.
    back_to_checklist: Option<usize>,
    /// Lines scrolled past on a screen taller than the terminal.
    scroll: usize,
    /// The study clock's active time when the question on screen was shown: how long an
    /// answer took, idle stretches left out.
    shown_at: u64,
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

impl QuizRun {
    /// A run over `questions` (indices), answering the first.
    #[must_use]
    pub fn new(
        item: Option<usize>,
        queue: Vec<usize>,
        first: Answer,
        back_to_checklist: Option<usize>,
        shown_at: u64,
    ) -> Self {
        Self {
            item,
            queue,
            position: 0,
            missed: Vec::new(),
            round: 1,
            right_first_time: 0,
            tried: BTreeSet::new(),
            shown: BTreeSet::new(),
            step: Step::Answering(first),
            back_to_checklist,
            scroll: 0,
            shown_at,
        }
    }

    /// The checklist item tested (1-based), or `None` for the whole quiz.
    #[must_use]
    pub fn item(&self) -> Option<usize> {
        self.item
    }

    /// Question indices of this round, in order.
    #[must_use]
    pub fn queue(&self) -> &[usize] {
        &self.queue
    }

    /// Where in the queue the learner is.
    #[must_use]
    pub fn position(&self) -> usize {
        self.position
    }

    /// 1 for the first round.
    #[must_use]
    pub fn round(&self) -> usize {
        self.round
    }

    /// Questions answered right in the first round.
    #[must_use]
    pub fn right_first_time(&self) -> usize {
        self.right_first_time
    }

    #[must_use]
    pub fn step(&self) -> &Step {
        &self.step
    }

    /// The checklist entry Esc goes back to; `None` goes back to the text.
    #[must_use]
    pub fn back_to_checklist(&self) -> Option<usize> {
        self.back_to_checklist
    }

    /// Lines scrolled past on a screen taller than the terminal.
    #[must_use]
    pub fn scroll(&self) -> usize {
        self.scroll
    }

    /// The index of the question on screen; `None` once finished.
    #[must_use]
    pub fn current(&self) -> Option<usize> {
        match self.step {
            Step::Finished => None,
            _ => self.queue.get(self.position).copied(),
        }
    }

    /// Scrolls a screen taller than the terminal by `lines`, at most to `limit`.
    pub(super) fn scroll_by(&mut self, lines: isize, limit: usize) {
        self.scroll = self.scroll.saturating_add_signed(lines).min(limit);
    }

    /// Notes an answer to question `index` and says where in the run it was given.
    fn note_attempt(&mut self, index: usize, right: bool, reveals: bool) -> AttemptKind {
        let kind = if self.shown.contains(&index) {
            AttemptKind::RetryAfterAnswerShown
        } else if self.tried.contains(&index) {
            AttemptKind::Retry
        } else {
            AttemptKind::FirstTry
        };
        self.tried.insert(index);
        if !right && reveals {
            self.shown.insert(index);
        }
        kind
    }

    /// Moves past an answered question: the next one, the missed ones again in a new
    /// round, or the end. Returns the question to answer next.
    fn advance(&mut self) -> Option<usize> {
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
