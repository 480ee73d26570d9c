//! The authored YAML: `course.yaml` and a lesson's front matter. Strict, so a typo in a
//! key fails loudly with the nearest known key suggested.

use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::Problem;

/// `course.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourseFile {
    pub title: String,
    pub lessons: Vec<String>,
}

/// Keys `course.yaml` accepts, for suggestions.
pub const COURSE_KEYS: &[&str] = &["title", "lessons"];

/// A lesson's front matter.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub id: String,
    pub title: String,
    pub minutes: u32,
    #[serde(default)]
    pub next: Option<String>,
}

/// Keys front matter accepts, for suggestions.
pub const FRONT_MATTER_KEYS: &[&str] = &["id", "title", "minutes", "next"];

/// Deserializes strict YAML; `first_line` is the file line where `text` starts, so
/// positions point into the author's file.
pub fn parse_strict<T: DeserializeOwned>(
    text: &str,
    file: &str,
    first_line: usize,
    known_keys: &[&str],
) -> Result<T, Problem> {
    serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = crate::yaml_message::position(&error)
            .map_or((first_line, 0), |(line, column)| {
                (first_line + line - 1, column)
            });
        Problem::at(
            file,
            line,
            column,
            crate::yaml_message::explain(&error, known_keys),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrong_types_are_said_in_the_authors_terms() {
        let problem = parse_strict::<FrontMatter>(
            "id: a\ntitle: A\nminutes: ten\n",
            "a.md",
            2,
            FRONT_MATTER_KEYS,
        )
        .unwrap_err();
        assert_eq!(
            problem.message,
            "`minutes` must be a whole number of minutes, not the text \"ten\""
        );
        let problem = parse_strict::<FrontMatter>(
            "id: a\ntitle: [A]\nminutes: 3\n",
            "a.md",
            2,
            FRONT_MATTER_KEYS,
        )
        .unwrap_err();
        assert_eq!(problem.message, "`title` must be text, not a list");
        let problem = parse_strict::<FrontMatter>(
            "id: a\ntitle: A\nminutes: -3\n",
            "a.md",
            2,
            FRONT_MATTER_KEYS,
        )
        .unwrap_err();
        assert_eq!(
            problem.message,
            "`minutes` must be a whole number of minutes, not the number -3"
        );
    }

    #[test]
    fn unknown_key_suggests_the_nearest() {
        let text = "id: a\ntitle: A\nminuts: 3\n";
        let problem = parse_strict::<FrontMatter>(text, "a.md", 2, FRONT_MATTER_KEYS).unwrap_err();
        assert_eq!(problem.line, 4);
        assert!(
            problem
                .message
                .contains("`minuts`: did you mean `minutes`?"),
            "{problem}"
        );
    }

    #[test]
    fn unrelated_unknown_key_lists_known_keys() {
        let problem =
            parse_strict::<CourseFile>("title: x\nlessons: []\nzzz: 1\n", "c", 1, COURSE_KEYS)
                .unwrap_err();
        assert_eq!(
            problem.message,
            "unknown key `zzz` (known keys: title, lessons)"
        );
        assert_eq!((problem.line, problem.column), (3, 1));
    }

    #[test]
    fn wrong_type_names_the_line() {
        let text = "id: a\ntitle: A\nminutes: forty\n";
        let problem = parse_strict::<FrontMatter>(text, "a.md", 2, FRONT_MATTER_KEYS).unwrap_err();
        assert_eq!(problem.line, 4);
        assert!(problem.message.contains("minutes"), "{problem}");
    }

    #[test]
    fn missing_key_is_named() {
        let problem =
            parse_strict::<FrontMatter>("id: a\n", "a.md", 2, FRONT_MATTER_KEYS).unwrap_err();
        assert!(
            problem.message.contains("missing field `title`"),
            "{problem}"
        );
    }
}
