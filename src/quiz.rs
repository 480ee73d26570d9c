//! Quizzes: questions that test a lesson's checklist, the learner's answers and their
//! grading, manifest rules included. Plain data and pure functions: no IO, no terminal.

mod answer;
mod behaviour;
mod file;
mod lesson_quiz;
mod manifest;
mod normalize;
mod order;
mod outline;
mod path;
mod recall;
mod record;
mod rule;
mod validate;

pub use answer::{AnswerError, answer_text, read_manifest};
pub use behaviour::{Behaviour, ProbeCheck, ProbeEntry, WorldEntry, check_behaviour};
pub use file::{ParsedQuiz, QuizError, parse_quiz, parse_quiz_reporting};
pub use lesson_quiz::{CourseQuizzes, LessonQuiz, load_quiz, quiz_path};
pub use manifest::check_manifest;
pub use normalize::normalize_text;
pub use order::{choice_order, round_order};
pub use outline::{QuizOutline, QuizOutlines};
pub use path::Path;
pub use recall::Recall;
pub use record::{Attempt, AttemptKind, ChecklistMark, Mastery, QuizRecord};
pub use validate::{example_problems, find_section, validate_quiz};

use serde_yaml::Value;

/// A lesson's quiz: its questions in the order the author wrote them.
#[derive(Debug, Clone, PartialEq)]
pub struct Quiz {
    pub questions: Vec<Question>,
}

impl Quiz {
    /// The questions that test checklist item `number` (1-based), as indices.
    #[must_use]
    pub fn questions_for(&self, number: usize) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|index| self.questions[*index].checklist == number)
            .collect()
    }
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable name; progress is recorded by it.
    pub id: String,
    /// The 1-based checklist item it tests.
    pub checklist: usize,
    /// The heading to review after a wrong answer, as the author wrote it.
    pub section: Option<String>,
    pub prompt: String,
    /// A line that helps recall a fact the question relies on, shown with the prompt.
    pub hint: Option<String>,
    pub explain: String,
    pub kind: Kind,
    /// 1-based line of the question in `quiz.yaml`.
    pub line: usize,
    /// 1-based lines of its keys, for problems about one of them.
    pub key_lines: Vec<(&'static str, usize)>,
}

impl Question {
    /// The line of one of the question's keys (the question's own line when absent).
    #[must_use]
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines
            .iter()
            .find(|(name, _)| *name == key)
            .map_or(self.line, |(_, line)| *line)
    }
}

/// What kind of answer a question wants. Choice numbers are 0-based here.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Choice {
        choices: Vec<String>,
        answer: usize,
    },
    Multi {
        choices: Vec<String>,
        answers: Vec<usize>,
    },
    Text {
        accept: Vec<String>,
    },
    Manifest(Exercise),
}

impl Kind {
    /// The choices of a choice or multi question; none for the others.
    #[must_use]
    pub fn choices(&self) -> &[String] {
        match self {
            Self::Choice { choices, .. } | Self::Multi { choices, .. } => choices,
            Self::Text { .. } | Self::Manifest(_) => &[],
        }
    }
}

/// A manifest exercise: where the learner starts, a sample answer, and what the answer
/// must satisfy.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub template: String,
    /// Never shown; `check` makes sure it passes.
    pub solution: String,
    /// Shape rules: one entry per YAML document the answer must contain (none when the
    /// exercise is graded by behaviour alone).
    pub documents: Vec<Expectation>,
    /// The world the answer is applied to and the probes that must then hold.
    pub behaviour: Option<Behaviour>,
    /// Answers a learner plausibly writes, with the verdict each must get; `check`
    /// grades them all.
    pub examples: Vec<Example>,
}

/// A sample answer and whether it is right.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub answer: String,
    pub right: bool,
    /// 1-based line of the example in `quiz.yaml`.
    pub line: usize,
}

/// Rules one document of the answer must pass together.
#[derive(Debug, Clone, PartialEq)]
pub struct Expectation {
    /// How failures name the document (several documents only).
    pub name: Option<String>,
    pub rules: Vec<Rule>,
}

/// One manifest rule: a path and what must hold there.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    pub path: Path,
    pub check: Check,
    /// The author's explanation of a failure, in the learner's terms.
    pub message: Option<String>,
}

/// What a rule checks at its path.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Equals(Value),
    Contains(Value),
    Matches(Pattern),
    Exists,
    Absent,
    HasItem(Value),
}

/// A compiled regular expression, compared by its source.
#[derive(Debug, Clone)]
pub struct Pattern(pub regex_lite::Regex);

impl PartialEq for Pattern {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_str() == other.0.as_str()
    }
}

/// A learner's answer. Choice numbers are 0-based indices into the author's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    Choice(usize),
    Multi(Vec<usize>),
    Text(String),
    Manifest(String),
}

/// Right or wrong, and for a manifest what is wrong with it.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub right: bool,
    pub failures: Vec<Failure>,
}

/// Why a manifest failed a rule, for the learner; the UI words it.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// The document it is about, when the exercise wants several.
    pub document: Option<String>,
    pub reason: Reason,
}

/// What is wrong, with the path and values involved.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The author's own words for the failed rule.
    Authored(String),
    /// Nothing at the path.
    Missing {
        path: String,
    },
    NotEqual {
        path: String,
        expected: String,
        found: String,
    },
    NotContained {
        path: String,
        expected: String,
    },
    NoMatch {
        path: String,
        pattern: String,
        found: String,
    },
    /// Something at a path that must stay empty.
    Present {
        path: String,
    },
    NoItem {
        path: String,
        fields: String,
    },
    /// Fewer documents than the exercise wants.
    NoDocument,
    /// A probe of the exercise's world found other behaviour than it should, with the
    /// author's words for it.
    Probe {
        failure: crate::cluster::ProbeFailure,
        message: Option<String>,
    },
}

impl std::fmt::Display for Reason {
    /// The author's wording (for `manabi check`); the reader words it in the learner's
    /// language.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Authored(message) => write!(formatter, "{message}"),
            Self::Missing { path } => write!(formatter, "nothing at `{path}`"),
            Self::NotEqual {
                path,
                expected,
                found,
            } => write!(formatter, "`{path}` is `{found}`, not `{expected}`"),
            Self::NotContained { path, expected } => {
                write!(formatter, "`{path}` does not contain `{expected}`")
            }
            Self::NoMatch {
                path,
                pattern,
                found,
            } => write!(
                formatter,
                "`{path}` is `{found}`, which does not match `{pattern}`"
            ),
            Self::Present { path } => write!(formatter, "`{path}` must not be there"),
            Self::NoItem { path, fields } => {
                write!(formatter, "`{path}` has no item with {fields}")
            }
            Self::NoDocument => write!(formatter, "the document is missing"),
            Self::Probe { failure, message } => {
                write!(formatter, "{failure}")?;
                match message {
                    Some(message) => write!(formatter, " {message}"),
                    None => Ok(()),
                }
            }
        }
    }
}

/// Grades an answer; an unreadable manifest (bad YAML, too large, empty) is an error,
/// not a wrong answer, so the learner can fix it before it counts.
pub fn grade(question: &Question, response: &Response) -> Result<Verdict, AnswerError> {
    let right = |right: bool| Verdict {
        right,
        failures: Vec::new(),
    };
    Ok(match (&question.kind, response) {
        (Kind::Choice { answer, .. }, Response::Choice(chosen)) => right(answer == chosen),
        (Kind::Multi { answers, .. }, Response::Multi(chosen)) => {
            let mut chosen = chosen.clone();
            chosen.sort_unstable();
            chosen.dedup();
            right(*answers == chosen)
        }
        (Kind::Text { accept }, Response::Text(text)) => {
            let given = normalize_text(text);
            right(
                !given.is_empty()
                    && accept
                        .iter()
                        .any(|accepted| normalize_text(accepted) == given),
            )
        }
        (Kind::Manifest(exercise), Response::Manifest(text)) => grade_manifest(exercise, text)?,
        _ => right(false),
    })
}

/// A manifest answer against its exercise: its shape rules and, when the exercise has a
/// world, what the answer does there. Behaviour is reported after the shape.
pub fn grade_manifest(exercise: &Exercise, text: &str) -> Result<Verdict, AnswerError> {
    let documents = read_manifest(text)?;
    // An exercise without shape rules passes them all.
    let mut verdict = check_manifest(exercise, &documents);
    if let Some(behaviour) = &exercise.behaviour {
        let failures = check_behaviour(behaviour, &documents)?;
        verdict.right &= failures.is_empty();
        verdict.failures.extend(failures);
    }
    Ok(verdict)
}

#[cfg(test)]
#[path = "quiz/quiz_tests.rs"]
mod tests;
