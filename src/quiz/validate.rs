//! What `manabi check` asks of a quiz beyond parsing: it fits its lesson, covers the
//! checklist, and every manifest exercise can be solved and is not solved already.

use super::{Kind, Quiz, QuizError, check_manifest, read_manifest};
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
                    "checklist item {} does not exist (the lesson's checklist has {} items)",
                    question.checklist,
                    checklist.len()
                ),
            ));
        }
        if let Some(section) = &question.section {
            if find_section(sections, section).is_none() {
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
        if let Kind::Manifest(exercise) = &question.kind {
            match read_manifest(&exercise.template) {
                Err(error) => problems.push(at_key(
                    "template",
                    format!("the template does not parse: {error}"),
                )),
                Ok(documents) if check_manifest(exercise, &documents).right => {
                    problems.push(at_key(
                        "template",
                        "the template already passes every rule".to_owned(),
                    ));
                }
                Ok(_) => {}
            }
            match read_manifest(&exercise.solution) {
                Err(error) => problems.push(at_key(
                    "solution",
                    format!("the solution does not parse: {error}"),
                )),
                Ok(documents) => {
                    for failure in check_manifest(exercise, &documents).failures {
                        let document = failure
                            .document
                            .map(|name| format!(" (document `{name}`)"))
                            .unwrap_or_default();
                        problems.push(at_key(
                            "solution",
                            format!("the solution fails a rule{document}: {}", failure.reason),
                        ));
                    }
                }
            }
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
