//! What can be wrong with a course, located as `file:line:col` so an author can jump to it.

use std::fmt;

use super::inert::make_inert;

/// One problem in a course file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the author knows it, e.g. `lessons/k8s-networking/lesson.md`.
    pub file: String,
    /// 1-based; 0 when the problem is about the file as a whole.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
}

impl Problem {
    /// A problem at a line and column of a file. The message may quote the author's
    /// text (an unknown key, say) and the file's folder may come from an untrusted stick,
    /// so both are made inert before they can be printed.
    pub fn at(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            file: make_inert(file).into_owned(),
            line,
            column,
            message: make_inert(&message.into()).into_owned(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(formatter, "{}: {}", self.file, self.message),
            (line, 0) => write!(formatter, "{}:{line}: {}", self.file, self.message),
            (line, column) => write!(formatter, "{}:{line}:{column}: {}", self.file, self.message),
        }
    }
}

/// Why a course could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CourseError {
    /// The course files say something wrong.
    #[error("{0}")]
    Invalid(Problem),
    /// A lesson id that the course does not have.
    #[error("no lesson `{id}` in this course{nearest}; its lessons are: {known}")]
    UnknownLesson {
        id: String,
        /// ": did you mean `x`?" when one is close, else empty.
        nearest: String,
        known: String,
    },
}

impl CourseError {
    /// `id` is not among `ids`: says which are, and the one meant if one is close.
    #[must_use]
    pub fn unknown_lesson(id: &str, ids: &[&str]) -> Self {
        let nearest = ids
            .iter()
            .map(|known| (strsim::damerau_levenshtein(id, known), *known))
            .filter(|(distance, known)| *distance <= (known.chars().count() / 3).max(1))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, known)| format!(": did you mean `{known}`?"))
            .unwrap_or_default();
        Self::UnknownLesson {
            id: id.to_owned(),
            nearest,
            known: ids.join(", "),
        }
    }
}

impl From<Problem> for CourseError {
    fn from(problem: Problem) -> Self {
        Self::Invalid(problem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_omits_unknown_positions() {
        assert_eq!(
            Problem::at("a.md", 3, 7, "bad").to_string(),
            "a.md:3:7: bad"
        );
        assert_eq!(Problem::at("a.md", 3, 0, "bad").to_string(), "a.md:3: bad");
        assert_eq!(Problem::at("a.md", 0, 0, "bad").to_string(), "a.md: bad");
    }

    #[test]
    fn quoted_author_text_is_inert() {
        let problem = Problem::at("\u{1b}]0;x/c.yaml", 2, 1, "unknown key `\u{1b}[31mx`");
        assert_eq!(problem.message, "unknown key `\u{241b}[31mx`");
        assert_eq!(problem.file, "\u{241b}]0;x/c.yaml");
    }
}
