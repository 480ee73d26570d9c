//! What `manabi check` asks of a quiz beyond parsing: it fits its lesson, covers the
//! checklist, every manifest exercise can be solved and is not solved already, and (for
//! `check` only, not the reader) every example answer gets the verdict its author gave.

use super::{Exercise, Kind, Quiz, QuizError, Reason, grade_manifest};
use crate::course::{ChecklistItem, Section};

/// Every problem of a parsed quiz against its lesson's sections and checklist.
/// `broken_items` are the items of questions that did not parse: they are not short of
/// questions.
#[must_use]
pub fn validate_quiz(
    quiz: &Quiz,
    sections: &[Section],
    checklist: &[ChecklistItem],
    broken_items: &[usize],
) -> Vec<QuizError> {
    let mut problems = Vec::new();
    for question in &quiz.questions {
        let at_key = |key: &str, message: String| QuizError {
            line: question.line_of(key),
            column: 0,
            message: format!("question `{}`: {message}", question.id),
        };
        if question.checklist == 0 || question.checklist > checklist.len() {
            problems.push(at_key(
                "checklist",
                format!(
                    "checklist item {} does not exist (the lesson's checklist has {} item{})",
                    question.checklist,
                    checklist.len(),
                    if checklist.len() == 1 { "" } else { "s" }
                ),
            ));
        }
        if let Some(section) = &question.section
            && find_section(sections, section).is_none()
        {
            let nearest = sections
                .iter()
                .map(|known| (strsim::levenshtein(section, &known.title), &known.title))
                .filter(|(distance, _)| *distance <= section.chars().count() / 3 + 1)
                .min_by_key(|(distance, _)| *distance)
                .map(|(_, title)| format!(": did you mean `{title}`?"))
                .unwrap_or_default();
            problems.push(at_key(
                "section",
                format!("the lesson has no section `{section}`{nearest}"),
            ));
        }
    }
    for item in checklist {
        if quiz.questions_for(item.number).is_empty() && !broken_items.contains(&item.number) {
            problems.push(QuizError {
                line: 1,
                column: 0,
                message: format!(
                    "checklist item {} ({}) has no questions",
                    item.number, item.text
                ),
            });
        }
    }
    problems
}

/// The section a question names, by its heading text or its anchor.
#[must_use]
pub fn find_section(sections: &[Section], name: &str) -> Option<usize> {
    let name = name.trim();
    sections
        .iter()
        .position(|section| section.title.trim() == name)
        .or_else(|| sections.iter().position(|section| section.anchor == name))
}

/// A manifest exercise must be solvable and not solved already.
fn exercise_problems(
    exercise: &Exercise,
    at_key: &dyn Fn(&str, String) -> QuizError,
) -> Vec<QuizError> {
    let mut problems = Vec::new();
    match grade_manifest(exercise, &exercise.template) {
        Err(error) => problems.push(at_key(
            "template",
            format!("the template cannot be graded: {error}"),
        )),
        Ok(verdict) if verdict.right => {
            problems.push(at_key(
                "template",
                "the template already passes every rule and probe".to_owned(),
            ));
        }
        Ok(_) => {}
    }
    match grade_manifest(exercise, &exercise.solution) {
        Err(error) => problems.push(at_key(
            "solution",
            format!("the solution cannot be graded: {error}"),
        )),
        Ok(verdict) => {
            for failure in verdict.failures {
                let document = failure
                    .document
                    .map(|name| format!(" (document `{name}`)"))
                    .unwrap_or_default();
                let what = if matches!(failure.reason, Reason::Probe { .. }) {
                    "a probe"
                } else {
                    "a rule"
                };
                problems.push(at_key(
                    "solution",
                    format!("the solution fails {what}{document}: {}", failure.reason),
                ));
            }
        }
    }
    problems
}

/// Every exercise graded as `check` grades it: the template must fail, the solution
/// pass, and each example answer get the verdict its author gave it. Grading runs the
/// exercise's probes, so this is for `check` only, not for the reader's start-up.
#[must_use]
pub fn example_problems(quiz: &Quiz) -> Vec<QuizError> {
    let mut problems = Vec::new();
    for question in &quiz.questions {
        let Kind::Manifest(exercise) = &question.kind else {
            continue;
        };
        let at_key = |key: &str, message: String| QuizError {
            line: question.line_of(key),
            column: 0,
            message: format!("question `{}`: {message}", question.id),
        };
        problems.extend(exercise_problems(exercise, &at_key));
        for (index, example) in exercise.examples.iter().enumerate() {
            let at = |message: String| QuizError {
                line: example.line,
                column: 0,
                message: format!(
                    "question `{}`: example {}: {message}",
                    question.id,
                    index + 1
                ),
            };
            match grade_manifest(exercise, &example.answer) {
                Err(error) => problems.push(at(format!("cannot be graded: {error}"))),
                Ok(verdict) if verdict.right != example.right => {
                    let said = if example.right { "right" } else { "wrong" };
                    let got = if verdict.right {
                        "right".to_owned()
                    } else {
                        let reasons: Vec<String> = verdict
                            .failures
                            .iter()
                            .map(|failure| failure.reason.to_string())
                            .collect();
                        format!("wrong ({})", reasons.join("; "))
                    };
                    problems.push(at(format!("should be graded {said}, is graded {got}")));
                }
                Ok(_) => {}
            }
        }
    }
    problems
}
