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
    Ok(Kind::Manifest(Exercise {
        template: template.clone(),
        solution: solution.clone(),
        documents: expectations(entry, text, line)?,
        behaviour: behaviour(entry)?,
        examples: examples(entry, text, line),
    }))
}

/// `rules:` for an answer of one document, or `documents:` naming each; neither when
/// the probes of `expect:` grade the answer alone.
fn expectations(
    entry: &QuestionEntry,
    text: &str,
    line: usize,
) -> Result<Vec<Expectation>, Located> {
    let mut rule_line = line;
    match (&entry.rules, &entry.documents) {
        (Some(entries), None) if !entries.is_empty() => Ok(vec![Expectation {
            name: None,
            rules: rules(entries, text, &mut rule_line)?,
        }]),
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
                    rules: rules(&document.rules, text, &mut rule_line)?,
                });
            }
            Ok(expectations)
        }
        (None, None) if entry.expect.is_some() => Ok(Vec::new()),
        _ => Err(Located::Here(
            "a manifest question needs `expect` (probes of its world), `rules` or `documents` (not both, not empty)"
                .to_owned(),
        )),
    }
}

/// Rules in order; each one's `path:` is searched for after `rule_line`, which is left
/// at the last, so an error is put at its rule's line.
fn rules(entries: &[RuleEntry], text: &str, rule_line: &mut usize) -> Result<Vec<Rule>, Located> {
    entries
        .iter()
        .map(|entry| {
            *rule_line = line_of(text, "path:", *rule_line);
            let line = *rule_line;
            rule(entry).map_err(|(path_column, message)| {
                Located::At(QuizError {
                    line,
                    column: rule_column(text, line, path_column),
                    message,
                })
            })
        })
        .collect()
}

/// Where on its line a rule's error is: at its column in the path, or at `path:` for the
/// rule as a whole. Columns count characters of the line, where the path starts.
fn rule_column(text: &str, line: usize, path_column: Option<usize>) -> usize {
    let source = text.lines().nth(line - 1).unwrap_or_default();
    let key = source.find("path:").unwrap_or(0);
    let value = source[key + "path:".len()..]
        .find(|character: char| !character.is_whitespace())
        .map_or(key, |offset| key + "path:".len() + offset);
    match path_column {
        Some(column) => source[..value].chars().count() + column,
        None => source[..key].chars().count() + 1,
    }
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
        checks.push(matches_check(pattern)?);
    }
    checks.extend(flag_check(
        entry.exists,
        Check::Exists,
        "write `absent: true` instead of `exists: false`",
    )?);
    checks.extend(flag_check(
        entry.absent,
        Check::Absent,
        "write `exists: true` instead of `absent: false`",
    )?);
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

/// The pattern compiled once, when the quiz is read; one too big to compile is refused.
fn matches_check(pattern: &str) -> Result<Check, (Option<usize>, String)> {
    let compiled = regex_lite::RegexBuilder::new(pattern)
        .size_limit(1 << 20)
        .build()
        .map_err(|error| {
            (
                None,
                format!("`matches: {pattern}` is not a regular expression: {error}"),
            )
        })?;
    Ok(Check::Matches(Pattern(compiled)))
}

/// `exists:` and `absent:` are only ever `true`: `false` reads as the other check, so the
/// author is told to write that one.
fn flag_check(
    flag: Option<bool>,
    check: Check,
    instead: &str,
) -> Result<Option<Check>, (Option<usize>, String)> {
    match flag {
        Some(true) => Ok(Some(check)),
        Some(false) => Err((None, instead.to_owned())),
        None => Ok(None),
    }
}
