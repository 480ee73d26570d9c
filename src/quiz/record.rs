//! What a learner did in a quiz, and what follows from it for each checklist item.
//! Kept as a list of attempts (the progress store writes the same events), so mastery
//! is always derived, never stored twice.

use std::collections::BTreeSet;

use super::Quiz;

/// One answer given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub question: String,
    /// The answer as given (a choice's text, the text typed, the manifest).
    pub answer: String,
    pub right: bool,
    pub kind: AttemptKind,
}

/// Where in a run through the quiz an answer was given; exports spell it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum AttemptKind {
    /// The question's first answer in the run.
    #[default]
    #[serde(rename = "first try")]
    FirstTry,
    /// Asked again after a wrong answer that did not show the right one (a manifest).
    #[serde(rename = "retry")]
    Retry,
    /// Asked again after a wrong answer showed the right one: a right answer here may be
    /// memory of the screen, so it does not count towards mastery.
    #[serde(rename = "retry after the answer was shown")]
    RetryAfterAnswerShown,
}

impl AttemptKind {
    /// Whether an answer given at this point shows the learner knows it: right, and not
    /// just after being shown the answer.
    #[must_use]
    pub fn counts(self, right: bool) -> bool {
        right && self != Self::RetryAfterAnswerShown
    }

    /// The kind as the progress store keeps it.
    #[must_use]
    pub fn code(self) -> i64 {
        match self {
            Self::FirstTry => 0,
            Self::Retry => 1,
            Self::RetryAfterAnswerShown => 2,
        }
    }

    /// A stored kind; answers stored before kinds were kept read as first tries.
    #[must_use]
    pub fn from_code(code: Option<i64>) -> Self {
        match code {
            Some(1) => Self::Retry,
            Some(2) => Self::RetryAfterAnswerShown,
            _ => Self::FirstTry,
        }
    }
}

impl Attempt {
    /// Whether this answer shows the learner knows it: right, and not just after being
    /// shown the answer.
    #[must_use]
    pub fn counts(&self) -> bool {
        self.kind.counts(self.right)
    }
}

/// A learner's attempts and self-assessments.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuizRecord {
    pub attempts: Vec<Attempt>,
    /// Checklist items (1-based) the learner ticked by hand.
    pub self_assessed: BTreeSet<usize>,
}

/// How far a checklist item is mastered, from its questions' answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mastery {
    #[default]
    NotTried,
    /// Some questions answered, not all of them right (yet).
    Partly,
    /// Every question of the item answered right at its latest attempt, and not just
    /// after a wrong answer showed the right one.
    Mastered,
}

/// A checklist item's state as the lesson text and the checklist view show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChecklistMark {
    pub mastery: Mastery,
    pub self_assessed: bool,
    /// Questions of the item whose latest answer counts (see [`Attempt::counts`]), and
    /// how many it has.
    pub right: usize,
    pub questions: usize,
}

impl QuizRecord {
    pub fn record(&mut self, question: &str, answer: &str, right: bool, kind: AttemptKind) {
        self.attempts.push(Attempt {
            question: question.to_owned(),
            answer: answer.to_owned(),
            right,
            kind,
        });
    }

    /// The first answer ever given to a question, if any.
    #[must_use]
    pub fn first(&self, question: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .find(|attempt| attempt.question == question)
    }

    /// Ticks or unticks an item by hand.
    pub fn toggle_self_assessed(&mut self, item: usize) {
        if !self.self_assessed.remove(&item) {
            self.self_assessed.insert(item);
        }
    }

    /// The latest attempt at a question, if any.
    #[must_use]
    pub fn latest(&self, question: &str) -> Option<&Attempt> {
        self.attempts
            .iter()
            .rev()
            .find(|attempt| attempt.question == question)
    }

    /// The state of every item of a checklist of `items` items.
    #[must_use]
    pub fn marks(&self, quiz: Option<&Quiz>, items: usize) -> Vec<ChecklistMark> {
        let questions: Vec<(&str, usize)> = quiz
            .map(|quiz| {
                quiz.questions
                    .iter()
                    .map(|question| (question.id.as_str(), question.checklist))
                    .collect()
            })
            .unwrap_or_default();
        self.marks_of(&questions, items)
    }

    /// [`Self::marks`] from the questions' ids and checklist items alone.
    #[must_use]
    pub fn marks_of(&self, questions: &[(&str, usize)], items: usize) -> Vec<ChecklistMark> {
        (1..=items)
            .map(|item| {
                let ids: Vec<&str> = questions
                    .iter()
                    .filter(|(_, tested)| *tested == item)
                    .map(|(id, _)| *id)
                    .collect();
                let latest: Vec<Option<&Attempt>> = ids.iter().map(|id| self.latest(id)).collect();
                let right = latest
                    .iter()
                    .filter(|attempt| attempt.is_some_and(Attempt::counts))
                    .count();
                let mastery = if !ids.is_empty() && right == ids.len() {
                    Mastery::Mastered
                } else if latest.iter().any(Option::is_some) {
                    Mastery::Partly
                } else {
                    Mastery::NotTried
                };
                ChecklistMark {
                    mastery,
                    self_assessed: self.self_assessed.contains(&item),
                    right,
                    questions: ids.len(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::parse_quiz;

    fn quiz() -> Quiz {
        let question = |id: &str, item: usize| {
            format!(
                "  - id: {id}\n    checklist: {item}\n    type: text\n    prompt: p\n    accept: [x]\n    explain: e\n"
            )
        };
        parse_quiz(&format!(
            "questions:\n{}{}{}",
            question("a", 1),
            question("b", 1),
            question("c", 2)
        ))
        .unwrap()
    }

    #[test]
    fn mastery_follows_the_latest_answers() {
        let quiz = quiz();
        let mut record = QuizRecord::default();
        let mastery = |record: &QuizRecord| -> Vec<Mastery> {
            record
                .marks(Some(&quiz), 3)
                .iter()
                .map(|mark| mark.mastery)
                .collect()
        };
        assert_eq!(mastery(&record), [Mastery::NotTried; 3]);
        record.record("a", "x", true, AttemptKind::FirstTry);
        assert_eq!(mastery(&record)[0], Mastery::Partly);
        record.record("b", "x", false, AttemptKind::FirstTry);
        assert_eq!(mastery(&record)[0], Mastery::Partly);
        record.record("b", "x", true, AttemptKind::FirstTry);
        assert_eq!(mastery(&record)[0], Mastery::Mastered);
        record.record("a", "x", false, AttemptKind::FirstTry);
        assert_eq!(mastery(&record)[0], Mastery::Partly);
        // An item without questions is never mastered by answers.
        assert_eq!(mastery(&record)[2], Mastery::NotTried);
        assert_eq!(record.marks(Some(&quiz), 3)[0].right, 1);
    }

    #[test]
    fn a_right_answer_after_the_answer_was_shown_does_not_master() {
        let quiz = quiz();
        let mut record = QuizRecord::default();
        record.record("a", "x", true, AttemptKind::FirstTry);
        record.record("b", "x", false, AttemptKind::FirstTry);
        record.record("b", "x", true, AttemptKind::RetryAfterAnswerShown);
        let mark = record.marks(Some(&quiz), 1)[0];
        assert_eq!((mark.mastery, mark.right), (Mastery::Partly, 1));
        // A manifest's failures do not give the answer away: its retry counts.
        record.record("b", "x", true, AttemptKind::Retry);
        assert_eq!(record.marks(Some(&quiz), 1)[0].mastery, Mastery::Mastered);
        // So does a first try in a later run.
        record.record("b", "x", true, AttemptKind::RetryAfterAnswerShown);
        assert_eq!(record.marks(Some(&quiz), 1)[0].mastery, Mastery::Partly);
        record.record("b", "x", true, AttemptKind::FirstTry);
        assert_eq!(record.marks(Some(&quiz), 1)[0].mastery, Mastery::Mastered);
        assert!(!record.first("b").unwrap().right);
        for kind in [
            AttemptKind::FirstTry,
            AttemptKind::Retry,
            AttemptKind::RetryAfterAnswerShown,
        ] {
            assert_eq!(AttemptKind::from_code(Some(kind.code())), kind);
        }
        assert_eq!(AttemptKind::from_code(None), AttemptKind::FirstTry);
    }

    #[test]
    fn self_assessment_is_kept_apart() {
        let mut record = QuizRecord::default();
        record.toggle_self_assessed(2);
        let marks = record.marks(None, 2);
        assert!(marks[1].self_assessed && marks[1].mastery == Mastery::NotTried);
        record.toggle_self_assessed(2);
        assert!(!record.marks(None, 2)[1].self_assessed);
    }
}
