//! What a learner did in a quiz, and what follows from it for each checklist item.
//! Kept as a list of attempts (the progress store writes the same events), so mastery
//! is always derived, never stored twice.

use std::collections::BTreeSet;

use super::Quiz;

/// One answer given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub question: String,
    pub right: bool,
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
    /// Every question of the item answered right at its latest attempt.
    Mastered,
}

/// A checklist item's state as the lesson text and the checklist view show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ChecklistMark {
    pub mastery: Mastery,
    pub self_assessed: bool,
    /// Questions of the item whose latest answer is right, and how many it has.
    pub right: usize,
    pub questions: usize,
}

impl QuizRecord {
    pub fn record(&mut self, question: &str, right: bool) {
        self.attempts.push(Attempt {
            question: question.to_owned(),
            right,
        });
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
        (1..=items)
            .map(|item| {
                let ids: Vec<&str> = quiz
                    .map(|quiz| {
                        quiz.questions_for(item)
                            .into_iter()
                            .map(|index| quiz.questions[index].id.as_str())
                            .collect()
                    })
                    .unwrap_or_default();
                let latest: Vec<Option<&Attempt>> = ids.iter().map(|id| self.latest(id)).collect();
                let right = latest
                    .iter()
                    .filter(|attempt| attempt.is_some_and(|attempt| attempt.right))
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
        record.record("a", true);
        assert_eq!(mastery(&record)[0], Mastery::Partly);
        record.record("b", false);
        assert_eq!(mastery(&record)[0], Mastery::Partly);
        record.record("b", true);
        assert_eq!(mastery(&record)[0], Mastery::Mastered);
        record.record("a", false);
        assert_eq!(mastery(&record)[0], Mastery::Partly);
        // An item without questions is never mastered by answers.
        assert_eq!(mastery(&record)[2], Mastery::NotTried);
        assert_eq!(record.marks(Some(&quiz), 3)[0].right, 1);
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
