//! `quiz.yaml` → `Quiz`. Strict like all authored YAML: an unknown key, a key another
//! type of question uses, an answer out of range or a rule that does not parse is an
//! error at its line.

mod exercise;

use std::collections::HashSet;

use serde::Deserialize;
use serde_yaml::Value;

use super::{Kind, ProbeEntry, Question, Quiz, WorldEntry};
use exercise::{DocumentEntry, ExampleEntry, RuleEntry, manifest};

/// A problem in a quiz file, at a 1-based line and column (0 when unknown).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QuizError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuizFile {
    questions: Vec<QuestionEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionEntry {
    id: String,
    checklist: usize,
    #[serde(default)]
    section: Option<String>,
    #[serde(rename = "type")]
    kind: String,
    prompt: String,
    #[serde(default)]
    hint: Option<String>,
    explain: String,
    #[serde(default)]
    choices: Option<Vec<String>>,
    #[serde(default)]
    answer: Option<Value>,
    #[serde(default)]
    accept: Option<Vec<String>>,
    #[serde(default)]
    template: Option<String>,
    #[serde(default)]
    solution: Option<String>,
    #[serde(default)]
    rules: Option<Vec<RuleEntry>>,
    #[serde(default)]
    documents: Option<Vec<DocumentEntry>>,
    #[serde(default)]
    world: Option<WorldEntry>,
    #[serde(default)]
    expect: Option<Vec<ProbeEntry>>,
    #[serde(default)]
    examples: Option<Vec<ExampleEntry>>,
}

/// Keys a question may have, for suggestions after a typo.
pub const QUESTION_KEYS: &[&str] = &[
    "id",
    "checklist",
    "section",
    "type",
    "prompt",
    "hint",
    "explain",
    "choices",
    "answer",
    "accept",
    "template",
    "solution",
    "rules",
    "documents",
    "world",
    "expect",
    "examples",
];

/// Parses a quiz file; the first problem is the error.
pub fn parse_quiz(text: &str) -> Result<Quiz, QuizError> {
    let mut parsed = parse_quiz_reporting(text);
    match (parsed.quiz, parsed.problems.is_empty()) {
        (Some(quiz), true) => Ok(quiz),
        _ => Err(parsed.problems.remove(0)),
    }
}

/// A quiz file read past its broken questions.
#[derive(Debug)]
pub struct ParsedQuiz {
    /// The questions that parse; `None` when the file's structure is broken.
    pub quiz: Option<Quiz>,
    pub problems: Vec<QuizError>,
    /// The checklist items of the questions that do not parse (they have questions,
    /// broken ones).
    pub broken_items: Vec<usize>,
}

/// Parses a quiz file, going on past a broken question to report every problem.
#[must_use]
pub fn parse_quiz_reporting(text: &str) -> ParsedQuiz {
    match parse_questions(text) {
        Ok((quiz, problems, broken_items)) => ParsedQuiz {
            quiz: Some(quiz),
            problems,
            broken_items,
        },
        Err(problem) => ParsedQuiz {
            quiz: None,
            problems: vec![problem],
            broken_items: Vec::new(),
        },
    }
}

fn parse_questions(text: &str) -> Result<(Quiz, Vec<QuizError>, Vec<usize>), QuizError> {
    let file: QuizFile = serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = crate::yaml_message::position(&error).unwrap_or((0, 0));
        QuizError {
            line,
            column,
            message: with_nearest_key(&crate::yaml_message::without_position(&error)),
        }
    })?;
    if file.questions.is_empty() {
        return Err(QuizError {
            line: line_of(text, "questions:", 0),
            column: 1,
            message: "`questions` lists no question".to_owned(),
        });
    }
    let mut seen = HashSet::new();
    let mut questions = Vec::with_capacity(file.questions.len());
    let mut problems = Vec::new();
    let mut broken_items = Vec::new();
    let mut from_line = 0;
    for entry in file.questions {
        let line = line_of_id(text, &entry.id, from_line);
        from_line = line;
        let at = |message: String| QuizError {
            line,
            column: 0,
            message: format!("question `{}`: {message}", entry.id),
        };
        if entry.id.is_empty()
            || !entry
                .id
                .chars()
                .all(|character| character.is_alphanumeric() || matches!(character, '-' | '_'))
        {
            problems.push(at("an id is letters, digits, `-` and `_`".to_owned()));
            broken_items.push(entry.checklist);
            continue;
        }
        if !seen.insert(entry.id.clone()) {
            problems.push(at("this id is used twice".to_owned()));
            broken_items.push(entry.checklist);
            continue;
        }
        let kind = match kind(&entry, text, line) {
            Ok(kind) => kind,
            Err(error) => {
                problems.push(match error {
                    Located::Here(message) => at(message),
                    Located::Key(key, message) => QuizError {
                        line: line_of(text, &format!("{key}:"), line - 1),
                        ..at(message)
                    },
                    Located::At(error) => error,
                });
                broken_items.push(entry.checklist);
                continue;
            }
        };
        questions.push(Question {
            key_lines: Vec::new(),
            id: entry.id,
            checklist: entry.checklist,
            section: entry.section,
            prompt: entry.prompt.trim_end().to_owned(),
            hint: entry
                .hint
                .map(|hint| hint.trim().to_owned())
                .filter(|hint| !hint.is_empty()),
            explain: entry.explain.trim_end().to_owned(),
            kind,
            line,
        });
    }
    find_key_lines(text, &mut questions);
    Ok((Quiz { questions }, problems, broken_items))
}

/// Where each question's keys are, for problems about one of them.
fn find_key_lines(text: &str, questions: &mut [Question]) {
    // A key's line is searched between its question's line and the next question's.
    let ends: Vec<usize> = questions
        .iter()
        .skip(1)
        .map(|question| question.line)
        .chain([usize::MAX])
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    for (question, end) in questions.iter_mut().zip(ends) {
        let own = &lines[question.line - 1..end.min(lines.len() + 1) - 1];
        question.key_lines = own
            .iter()
            .enumerate()
            .filter_map(|(offset, line)| {
                let key = line
                    .trim_start()
                    .trim_start_matches("- ")
                    .split_once(':')?
                    .0;
                let key = QUESTION_KEYS.iter().find(|known| **known == key)?;
                Some((*key, question.line + offset))
            })
            .collect();
        // Nested keys (a rule's `path`) are not question keys; the first of each wins.
        let mut seen = HashSet::new();
        question.key_lines.retain(|(key, _)| seen.insert(*key));
    }
}

/// An error about the question as a whole, about one of its keys, or one with its own
/// position (a rule).
enum Located {
    Here(String),
    Key(&'static str, String),
    At(QuizError),
}

fn kind(entry: &QuestionEntry, text: &str, line: usize) -> Result<Kind, Located> {
    let unused = |keys: &[(&'static str, bool)]| -> Result<(), Located> {
        match keys.iter().find(|(_, present)| *present) {
            Some((key, _)) => Err(Located::Key(
                key,
                format!("`{key}` is not used by a `{}` question", entry.kind),
            )),
            None => Ok(()),
        }
    };
    let manifest_keys = [
        ("template", entry.template.is_some()),
        ("solution", entry.solution.is_some()),
        ("rules", entry.rules.is_some()),
        ("documents", entry.documents.is_some()),
        ("world", entry.world.is_some()),
        ("expect", entry.expect.is_some()),
        ("examples", entry.examples.is_some()),
    ];
    match entry.kind.as_str() {
        "choice" | "multi" => {
            unused(&manifest_keys)?;
            unused(&[("accept", entry.accept.is_some())])?;
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
        "text" => {
            unused(&manifest_keys)?;
            unused(&[
                ("choices", entry.choices.is_some()),
                ("answer", entry.answer.is_some()),
            ])?;
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
        "manifest" => {
            unused(&[
                ("choices", entry.choices.is_some()),
                ("answer", entry.answer.is_some()),
                ("accept", entry.accept.is_some()),
            ])?;
            manifest(entry, text, line)
        }
        other => Err(Located::Key(
            "type",
            format!("unknown type `{other}`: use choice, multi, text or manifest"),
        )),
    }
}

/// Answers are compared normalised: two entries of one normal form are one answer
/// written twice, which hides what the author meant to accept.
fn repeated_answer(accept: &[String]) -> Option<String> {
    let normals: Vec<String> = accept
        .iter()
        .map(|answer| super::normalize_text(answer))
        .collect();
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

/// `serde_yaml`'s message without its own " at line L column C" (we give the position).
fn with_nearest_key(message: &str) -> String {
    if let Some(rest) = message.split_once("unknown field `") {
        if let Some((unknown, _)) = rest.1.split_once('`') {
            if let Some(key) = crate::yaml_message::nearest_key(unknown, QUESTION_KEYS) {
                return format!("unknown key `{unknown}`: did you mean `{key}`?");
            }
        }
    }
    message.to_owned()
}

/// The 1-based line of the first line after line `after` (1-based; 0 for the start)
/// whose text, past indentation and a list dash, starts with `start`.
fn line_of(text: &str, start: &str, after: usize) -> usize {
    line_where(text, after, |line| line.starts_with(start))
}

/// The line of a question's `id: …`.
fn line_of_id(text: &str, id: &str, after: usize) -> usize {
    line_where(text, after, |line| {
        line.strip_prefix("id:")
            .is_some_and(|value| value.trim().trim_matches(['"', '\'']) == id)
    })
}

/// The first line after line `after` whose text past indentation and a list dash is
/// wanted; `after` itself (at least 1) when none is.
fn line_where(text: &str, after: usize, wanted: impl Fn(&str) -> bool) -> usize {
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, line)| {
            let line = line.trim_start();
            wanted(line.strip_prefix("- ").map_or(line, str::trim_start))
        })
        .map_or(after.max(1), |(index, _)| index + 1)
}
