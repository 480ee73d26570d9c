//! `quiz.yaml` → `Quiz`. Strict like all authored YAML: an unknown key, a key another
//! type of question uses, an answer out of range or a rule that does not parse is an
//! error at its line.

use std::collections::HashSet;

use serde::Deserialize;
use serde_yaml::Value;

use super::{
    Behaviour, Check, Example, Exercise, Expectation, Kind, Path, Pattern, ProbeEntry, Question,
    Quiz, Rule, WorldEntry,
};

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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleEntry {
    answer: String,
    right: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentEntry {
    name: String,
    rules: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    path: String,
    #[serde(default)]
    equals: Option<Value>,
    #[serde(default)]
    contains: Option<Value>,
    #[serde(default)]
    matches: Option<String>,
    #[serde(default)]
    exists: Option<bool>,
    #[serde(default)]
    absent: Option<bool>,
    #[serde(default)]
    has_item: Option<Value>,
    #[serde(default)]
    message: Option<String>,
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

fn manifest(entry: &QuestionEntry, text: &str, line: usize) -> Result<Kind, Located> {
    let (Some(template), Some(solution)) = (&entry.template, &entry.solution) else {
        return Err(Located::Here(
            "a manifest question needs `template` and `solution`".to_owned(),
        ));
    };
    let mut rule_line = line;
    let mut rules = |entries: &[RuleEntry]| -> Result<Vec<Rule>, Located> {
        entries
            .iter()
            .map(|entry| {
                rule_line = line_of(text, "path:", rule_line);
                rule(entry).map_err(|(path_column, message)| {
                    // Columns count characters of the line, where the path starts.
                    let source = text.lines().nth(rule_line - 1).unwrap_or_default();
                    let key = source.find("path:").unwrap_or(0);
                    let value = source[key + "path:".len()..]
                        .find(|character: char| !character.is_whitespace())
                        .map_or(key, |offset| key + "path:".len() + offset);
                    let column = match path_column {
                        Some(column) => source[..value].chars().count() + column,
                        None => source[..key].chars().count() + 1,
                    };
                    Located::At(QuizError {
                        line: rule_line,
                        column,
                        message,
                    })
                })
            })
            .collect()
    };
    let documents = match (&entry.rules, &entry.documents) {
        (Some(entries), None) if !entries.is_empty() => vec![Expectation {
            name: None,
            rules: rules(entries)?,
        }],
        (None, Some(documents)) if !documents.is_empty() => {
            let mut expectations = Vec::with_capacity(documents.len());
            for document in documents {
                if document.rules.is_empty() {
                    return Err(Located::Here(format!(
                        "document `{}` has no rules",
                        document.name
                    )));
                }
                expectations.push(Expectation {
                    name: Some(document.name.clone()),
                    rules: rules(&document.rules)?,
                });
            }
            expectations
        }
        (None, None) if entry.expect.is_some() => Vec::new(),
        _ => {
            return Err(Located::Here(
                "a manifest question needs `expect` (probes of its world), `rules` or `documents` (not both, not empty)"
                    .to_owned(),
            ));
        }
    };
    Ok(Kind::Manifest(Exercise {
        template: template.clone(),
        solution: solution.clone(),
        documents,
        behaviour: behaviour(entry)?,
        examples: examples(entry, text, line),
    }))
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

/// `world:` and `expect:`, both or neither.
fn behaviour(entry: &QuestionEntry) -> Result<Option<Behaviour>, Located> {
    let (world, probes) = match (&entry.world, &entry.expect) {
        (None, None) => return Ok(None),
        (Some(world), Some(probes)) if !probes.is_empty() => (world, probes),
        (_, Some(probes)) if probes.is_empty() => {
            return Err(Located::Key("expect", "`expect` lists no probe".to_owned()));
        }
        (Some(_), _) => {
            return Err(Located::Key(
                "world",
                "a `world` needs `expect`: the probes that grade answers".to_owned(),
            ));
        }
        (None, _) => {
            return Err(Located::Key(
                "expect",
                "probes need a `world` to run in".to_owned(),
            ));
        }
    };
    let (world, namespace) = world
        .build()
        .map_err(|message| Located::Key("world", message))?;
    let probes = probes
        .iter()
        .enumerate()
        .map(|(index, probe)| {
            probe.check(&world).map_err(|message| {
                Located::Key("expect", format!("probe {}: {message}", index + 1))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(Behaviour {
        world,
        namespace,
        probes,
    }))
}

/// `examples:` with the line of each.
fn examples(entry: &QuestionEntry, text: &str, line: usize) -> Vec<Example> {
    let mut at = line_of(text, "examples:", line - 1);
    entry
        .examples
        .iter()
        .flatten()
        .map(|example| {
            at = line_of(text, "answer:", at);
            Example {
                answer: example.answer.clone(),
                right: example.right,
                line: at,
            }
        })
        .collect()
}

/// A rule; an error gives the column in the path it is at, or `None` for the rule as a
/// whole.
fn rule(entry: &RuleEntry) -> Result<Rule, (Option<usize>, String)> {
    let path = Path::parse(&entry.path)
        .map_err(|(column, message)| (Some(column), format!("path `{}`: {message}", entry.path)))?;
    let mut checks = Vec::new();
    if let Some(value) = &entry.equals {
        checks.push(Check::Equals(value.clone()));
    }
    if let Some(value) = &entry.contains {
        checks.push(Check::Contains(value.clone()));
    }
    if let Some(pattern) = &entry.matches {
        let compiled = regex::RegexBuilder::new(pattern)
            .size_limit(1 << 20)
            .build()
            .map_err(|error| {
                (
                    None,
                    format!("`matches: {pattern}` is not a regular expression: {error}"),
                )
            })?;
        checks.push(Check::Matches(Pattern(compiled)));
    }
    match entry.exists {
        Some(true) => checks.push(Check::Exists),
        Some(false) => {
            return Err((
                None,
                "write `absent: true` instead of `exists: false`".to_owned(),
            ));
        }
        None => {}
    }
    match entry.absent {
        Some(true) => checks.push(Check::Absent),
        Some(false) => {
            return Err((
                None,
                "write `exists: true` instead of `absent: false`".to_owned(),
            ));
        }
        None => {}
    }
    if let Some(fields) = &entry.has_item {
        if !fields.is_mapping() {
            return Err((
                None,
                "`has_item` takes fields, like {port: 3000}".to_owned(),
            ));
        }
        checks.push(Check::HasItem(fields.clone()));
    }
    if checks.len() != 1 {
        return Err((
            None,
            format!(
                "rule for `{}` needs exactly one of equals, contains, matches, exists, absent, has_item",
                entry.path
            ),
        ));
    }
    Ok(Rule {
        path,
        check: checks.remove(0),
        message: entry.message.clone(),
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
