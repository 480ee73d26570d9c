//! A manifest exercise's part of `quiz.yaml`: its documents and rules, the world its
//! answer is applied to and the probes run there, and its example answers.

use serde::Deserialize;
use serde_yaml::Value;

use super::{Located, QuestionEntry, QuizError, line_of};
use crate::quiz::{Behaviour, Check, Example, Exercise, Expectation, Kind, Path, Pattern, Rule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleEntry {
    answer: String,
    right: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DocumentEntry {
    name: String,
    rules: Vec<RuleEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RuleEntry {
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

pub(super) fn manifest(entry: &QuestionEntry, text: &str, line: usize) -> Result<Kind, Located> {
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
