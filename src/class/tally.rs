//! A poll's answers as the projector shows them: a count per choice (multi: per choice
//! ticked), or per short answer after normalising (full-width, case, spaces), each row
//! marked when it is right. Counts only; no names.

use crate::quiz::{Kind, Question, Response, grade, normalize_text};

/// Short-answer groups shown by themselves; the rest are counted together.
const TEXT_GROUPS: usize = 6;

/// One bar of the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TallyRow {
    /// The choice's text, or the answer as most learners wrote it.
    pub label: String,
    pub count: usize,
    pub right: bool,
}

/// The chart of one poll.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tally {
    pub rows: Vec<TallyRow>,
    /// Learners who answered.
    pub answered: usize,
    /// Of them, those whose whole answer is right.
    pub right: usize,
    /// Short answers not in a row of their own.
    pub others: usize,
}

/// The choices an answer names, as the learner's log writes it: a choice's text, or
/// several joined by ` | ` (multi).
#[must_use]
pub fn chosen(choices: &[String], answer: &str) -> Vec<usize> {
    let named = |part: &str| choices.iter().position(|choice| choice == part);
    match named(answer) {
        Some(whole) => vec![whole],
        None => answer.split(" | ").filter_map(named).collect(),
    }
}

/// Tallies `answers` to `question`.
#[must_use]
pub fn tally(question: &Question, answers: &[String]) -> Tally {
    let choices = question.kind.choices();
    let response = |answer: &str| match &question.kind {
        Kind::Choice { .. } => chosen(choices, answer)
            .first()
            .map_or(Response::Choice(usize::MAX), |choice| {
                Response::Choice(*choice)
            }),
        Kind::Multi { .. } => Response::Multi(chosen(choices, answer)),
        Kind::Text { .. } | Kind::Manifest(_) => Response::Text(answer.to_owned()),
    };
    let right = answers
        .iter()
        .filter(|answer| grade(question, &response(answer)).is_ok_and(|verdict| verdict.right))
        .count();
    let mut tally = Tally {
        rows: Vec::new(),
        answered: answers.len(),
        right,
        others: 0,
    };
    match &question.kind {
        Kind::Choice { choices, answer } => {
            tally.rows = choice_rows(choices, answers, |index| index == *answer, true);
        }
        Kind::Multi {
            choices,
            answers: right,
        } => {
            tally.rows = choice_rows(choices, answers, |index| right.contains(&index), false);
        }
        Kind::Text { .. } | Kind::Manifest(_) => {
            let (rows, others) = text_rows(answers, |answer| {
                grade(question, &Response::Text(answer.to_owned()))
                    .is_ok_and(|verdict| verdict.right)
            });
            tally.rows = rows;
            tally.others = others;
        }
    }
    tally
}

fn choice_rows(
    choices: &[String],
    answers: &[String],
    is_right: impl Fn(usize) -> bool,
    first_only: bool,
) -> Vec<TallyRow> {
    let mut counts = vec![0usize; choices.len()];
    for answer in answers {
        let mut picked = chosen(choices, answer);
        picked.sort_unstable();
        picked.dedup();
        if first_only {
            picked.truncate(1);
        }
        for choice in picked {
            if let Some(count) = counts.get_mut(choice) {
                *count += 1;
            }
        }
    }
    choices
        .iter()
        .zip(counts)
        .enumerate()
        .map(|(index, (label, count))| TallyRow {
            label: label.clone(),
            count,
            right: is_right(index),
        })
        .collect()
}

/// Short answers that normalise alike.
struct Group {
    normal: String,
    /// Each way it was written, and how often.
    spellings: Vec<(String, usize)>,
    count: usize,
}

/// Short answers grouped by their normal form, most given first; each group labelled
/// with its most common spelling.
fn text_rows(answers: &[String], is_right: impl Fn(&str) -> bool) -> (Vec<TallyRow>, usize) {
    let mut groups: Vec<Group> = Vec::new();
    for answer in answers {
        let normal = normalize_text(answer);
        let index = groups
            .iter()
            .position(|group| group.normal == normal)
            .unwrap_or_else(|| {
                groups.push(Group {
                    normal,
                    spellings: Vec::new(),
                    count: 0,
                });
                groups.len() - 1
            });
        let group = &mut groups[index];
        group.count += 1;
        let spelling = answer.trim();
        match group
            .spellings
            .iter_mut()
            .find(|(known, _)| known == spelling)
        {
            Some((_, times)) => *times += 1,
            None => group.spellings.push((spelling.to_owned(), 1)),
        }
    }
    // Most given first; ties in the order first given (the sort is stable).
    groups.sort_by_key(|group| std::cmp::Reverse(group.count));
    let shown = groups.len().min(TEXT_GROUPS);
    let others = groups[shown..].iter().map(|group| group.count).sum();
    let rows = groups
        .into_iter()
        .take(shown)
        .map(|group| {
            // The first spelling given most often.
            let label = group
                .spellings
                .iter()
                .rev()
                .max_by_key(|(_, times)| *times)
                .map(|(spelling, _)| spelling.clone())
                .unwrap_or_default();
            TallyRow {
                right: is_right(&label),
                label,
                count: group.count,
            }
        })
        .collect();
    (rows, others)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: Kind) -> Question {
        Question {
            id: "q".into(),
            checklist: 1,
            section: None,
            prompt: "?".into(),
            hint: None,
            explain: String::new(),
            kind,
            line: 1,
            key_lines: Vec::new(),
        }
    }

    fn answers(list: &[&str]) -> Vec<String> {
        list.iter().map(|answer| (*answer).to_owned()).collect()
    }

    #[test]
    fn choices_are_counted_with_the_right_one_marked() {
        let question = question(Kind::Choice {
            choices: vec!["ClusterIP".into(), "NodePort".into(), "LoadBalancer".into()],
            answer: 1,
        });
        let given = [
            "NodePort",
            "NodePort",
            "ClusterIP",
            "LoadBalancer",
            "NodePort",
            "x",
        ];
        let tally = tally(&question, &answers(&given));
        let counts: Vec<(usize, bool)> = tally
            .rows
            .iter()
            .map(|row| (row.count, row.right))
            .collect();
        assert_eq!(counts, [(1, false), (3, true), (1, false)]);
        assert_eq!((tally.answered, tally.right), (6, 3));
    }

    #[test]
    fn multi_counts_each_choice_ticked_once_per_learner() {
        let question = question(Kind::Multi {
            choices: vec!["a".into(), "b".into(), "c".into()],
            answers: vec![0, 2],
        });
        let tally = tally(&question, &answers(&["a | c", "c | a | a", "b", "a"]));
        let counts: Vec<(usize, bool)> = tally
            .rows
            .iter()
            .map(|row| (row.count, row.right))
            .collect();
        assert_eq!(counts, [(3, true), (1, false), (2, true)]);
        assert_eq!(tally.right, 2);
    }

    #[test]
    fn short_answers_are_grouped_after_normalising() {
        let question = question(Kind::Text {
            accept: vec!["30000-32767".into()],
        });
        let given = answers(&[
            "30000-32767",
            "３００００〜３２７６７",
            "30000 - 32767",
            "80",
            "８０",
            "443",
        ]);
        let tally = tally(&question, &given);
        let rows: Vec<(&str, usize, bool)> = tally
            .rows
            .iter()
            .map(|row| (row.label.as_str(), row.count, row.right))
            .collect();
        assert_eq!(
            rows,
            [
                ("30000-32767", 3, true),
                ("80", 2, false),
                ("443", 1, false)
            ]
        );
        assert_eq!(tally.right, 3);
    }

    #[test]
    fn many_different_short_answers_are_counted_together_past_the_shown_ones() {
        let question = question(Kind::Text {
            accept: vec!["x".into()],
        });
        let given: Vec<String> = (0..10).map(|index| format!("answer {index}")).collect();
        let tally = tally(&question, &given);
        assert_eq!(tally.rows.len(), TEXT_GROUPS);
        assert_eq!(tally.others, 10 - TEXT_GROUPS);
    }
}
