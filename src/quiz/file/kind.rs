//! A question's `type` and the keys that go with it: each type takes its own keys and
//! refuses the others', so a key left over from another type is an error at its line,
//! not silently ignored.

use serde_yaml::Value;

use super::exercise::manifest;
use super::{Located, QuestionEntry};
use crate::quiz::{Kind, normalize_text};

/// What the question asks, read from the keys its `type` uses.
pub(super) fn kind(entry: &QuestionEntry, text: &str, line: usize) -> Result<Kind, Located> {
    match entry.kind.as_str() {
        "choice" | "multi" => {
            unused(entry, &manifest_keys(entry))?;
            unused(entry, &[("accept", entry.accept.is_some())])?;
            choice(entry)
        }
        "text" => {
            unused(entry, &manifest_keys(entry))?;
            unused(
                entry,
                &[
                    ("choices", entry.choices.is_some()),
                    ("answer", entry.answer.is_some()),
                ],
            )?;
            accepted(entry)
        }
        "manifest" => {
            unused(
                entry,
                &[
                    ("choices", entry.choices.is_some()),
                    ("answer", entry.answer.is_some()),
                    ("accept", entry.accept.is_some()),
                ],
            )?;
            manifest(entry, text, line)
        }
        other => Err(Located::Key(
            "type",
            format!("unknown type `{other}`: use choice, multi, text or manifest"),
        )),
    }
}

/// The first of `keys` the question has, as an error: its type does not use it.
fn unused(entry: &QuestionEntry, keys: &[(&'static str, bool)]) -> Result<(), Located> {
    match keys.iter().find(|(_, present)| *present) {
        Some((key, _)) => Err(Located::Key(
            key,
            format!("`{key}` is not used by a `{}` question", entry.kind),
        )),
        None => Ok(()),
    }
}

/// The keys only a manifest question uses, and whether this question has each.
fn manifest_keys(entry: &QuestionEntry) -> [(&'static str, bool); 7] {
    [
        ("template", entry.template.is_some()),
        ("solution", entry.solution.is_some()),
        ("rules", entry.rules.is_some()),
        ("documents", entry.documents.is_some()),
        ("world", entry.world.is_some()),
        ("expect", entry.expect.is_some()),
        ("examples", entry.examples.is_some()),
    ]
}

/// A `choice` or `multi` question: its choices and the 0-based answers among them.
fn choice(entry: &QuestionEntry) -> Result<Kind, Located> {
    let choices = entry.choices.clone().unwrap_or_default();
    if choices.len() < 2 {
        return Err(Located::Key(
            "choices",
            "`choices` needs two or more".to_owned(),
        ));
    }
    let numbers = answer_numbers(entry.answer.as_ref(), entry.kind == "multi").map_err(
        |message| match entry.answer {
            Some(_) => Located::Key("answer", message),
            None => Located::Here(message),
        },
    )?;
    if let Some(out) = numbers
        .iter()
        .find(|number| **number == 0 || **number > choices.len())
    {
        return Err(Located::Key(
            "answer",
            format!("answer {out} is not one of the {} choices", choices.len()),
        ));
    }
    let mut answers: Vec<usize> = numbers.iter().map(|number| number - 1).collect();
    answers.sort_unstable();
    answers.dedup();
    Ok(if entry.kind == "multi" {
        Kind::Multi { choices, answers }
    } else {
        Kind::Choice {
            choices,
            answer: answers[0],
        }
    })
}

/// A `text` question: the answers it accepts.
fn accepted(entry: &QuestionEntry) -> Result<Kind, Located> {
    let accept = entry.accept.clone().unwrap_or_default();
    if accept.iter().all(|answer| answer.trim().is_empty()) {
        return Err(Located::Key(
            "accept",
            "`accept` lists no answer".to_owned(),
        ));
    }
    if let Some(problem) = repeated_answer(&accept) {
        return Err(Located::Key("accept", problem));
    }
    Ok(Kind::Text { accept })
}

/// Answers are compared normalised: two entries of one normal form are one answer
/// written twice, which hides what the author meant to accept.
fn repeated_answer(accept: &[String]) -> Option<String> {
    let normals: Vec<String> = accept.iter().map(|answer| normalize_text(answer)).collect();
    (1..accept.len()).find_map(|index| {
        let earlier = (0..index).find(|earlier| normals[*earlier] == normals[index])?;
        Some(format!(
            "`accept` lists `{}`, which is compared as `{}` already is; list it once",
            accept[index], accept[earlier]
        ))
    })
}

/// `answer:` as 1-based numbers: one number, or a list for `multi`.
fn answer_numbers(answer: Option<&Value>, multi: bool) -> Result<Vec<usize>, String> {
    let number = |value: &Value| {
        value
            .as_u64()
            .and_then(|number| usize::try_from(number).ok())
            .ok_or_else(|| "`answer` is a choice number, counted from 1".to_owned())
    };
    match answer {
        None => Err("`answer` is missing".to_owned()),
        Some(Value::Sequence(items)) if multi => {
            if items.is_empty() {
                return Err("`answer` lists no choice".to_owned());
            }
            items.iter().map(number).collect()
        }
        Some(Value::Sequence(_)) => {
            Err("a `choice` question has one answer; use `multi` for several".to_owned())
        }
        Some(value) => Ok(vec![number(value)?]),
    }
}
