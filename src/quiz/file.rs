//! `quiz.yaml` → `Quiz`. Strict like all authored YAML: an unknown key, a key another
//! type of question uses, an answer out of range or a rule that does not parse is an
//! error at its line.

mod exercise;
mod kind;

use std::collections::HashSet;

use serde::Deserialize;
use serde_yaml::Value;

use super::{ProbeEntry, Question, Quiz, WorldEntry};
use exercise::{DocumentEntry, ExampleEntry, RuleEntry};
use kind::kind;

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
    let file = read_file(text)?;
    let mut seen = HashSet::new();
    let mut questions = Vec::with_capacity(file.questions.len());
    let mut problems = Vec::new();
    let mut broken_items = Vec::new();
    let mut from_line = 0;
    for entry in file.questions {
        let line = line_of_id(text, &entry.id, from_line);
        from_line = line;
        let checklist = entry.checklist;
        match question(entry, text, line, &mut seen) {
            Ok(question) => questions.push(question),
            Err(problem) => {
                problems.push(problem);
                broken_items.push(checklist);
            }
        }
    }
    find_key_lines(text, &mut questions);
    Ok((Quiz { questions }, problems, broken_items))
}

/// The file's structure: a problem here leaves no question to read past.
fn read_file(text: &str) -> Result<QuizFile, QuizError> {
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
    Ok(file)
}

/// The question at `line`, or its first problem; `seen` holds the ids before it.
fn question(
    entry: QuestionEntry,
    text: &str,
    line: usize,
    seen: &mut HashSet<String>,
) -> Result<Question, QuizError> {
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
        return Err(at("an id is letters, digits, `-` and `_`".to_owned()));
    }
    if !seen.insert(entry.id.clone()) {
        return Err(at("this id is used twice".to_owned()));
    }
    let kind = kind(&entry, text, line).map_err(|error| match error {
        Located::Here(message) => at(message),
        Located::Key(key, message) => QuizError {
            line: line_of(text, &format!("{key}:"), line - 1),
            ..at(message)
        },
        Located::At(error) => error,
    })?;
    Ok(Question {
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
    })
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

/// `serde_yaml`'s message without its own " at line L column C" (we give the position).
fn with_nearest_key(message: &str) -> String {
    if let Some(rest) = message.split_once("unknown field `")
        && let Some((unknown, _)) = rest.1.split_once('`')
        && let Some(key) = crate::yaml_message::nearest_key(unknown, QUESTION_KEYS)
    {
        return format!("unknown key `{unknown}`: did you mean `{key}`?");
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
