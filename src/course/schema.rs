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
        let (line, column) = error.location().map_or((first_line, 0), |at| {
            (first_line + at.line() - 1, at.column())
        });
        Problem::at(file, line, column, explain(&error, known_keys))
    })
}

/// The error message without `serde_yaml`'s own position suffix (we give the file's).
fn explain(error: &serde_yaml::Error, known_keys: &[&str]) -> String {
    let message = error.to_string();
    let message = match error.location() {
        Some(at) => message
            .strip_suffix(&format!(" at line {} column {}", at.line(), at.column()))
            .unwrap_or(&message)
            .to_owned(),
        None => message,
    };
    if let Some(unknown) = unknown_field(&message) {
        let known = known_keys.join(", ");
        return match nearest_key(unknown, known_keys) {
            Some(nearest) => {
                format!("unknown key `{unknown}`: did you mean `{nearest}`? (known keys: {known})")
            }
            None => format!("unknown key `{unknown}` (known keys: {known})"),
        };
    }
    in_author_terms(&message).unwrap_or(message)
}

/// serde's "key: invalid type: string \"ten\", expected u32" as an author would say it:
/// "`key` must be a whole number (not the text \"ten\")".
fn in_author_terms(message: &str) -> Option<String> {
    let (path, rest) = message.split_once(": invalid ")?;
    let (found, expected) = rest.split_once(", expected ")?;
    let found = found
        .strip_prefix("type: ")
        .or_else(|| found.strip_prefix("value: "))?;
    let found = match found.split_once(' ') {
        Some(("string", text)) => format!("the text {text}"),
        Some(("integer", number)) => format!("the number {}", number.trim_matches('`')),
        Some(("floating", number)) => format!(
            "the number {}",
            number.trim_start_matches("point ").trim_matches('`')
        ),
        _ => match found {
            "sequence" => "a list".to_owned(),
            "map" => "a mapping of keys".to_owned(),
            "unit value" => "nothing".to_owned(),
            other => other.to_owned(),
        },
    };
    let wanted = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" if path.ends_with("minutes") => {
            "a whole number of minutes"
        }
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number",
        "a string" => "text",
        "a sequence" => "a list",
        "a boolean" => "true or false",
        other if other.starts_with("struct ") || other == "a map" => "a mapping of keys",
        other => other,
    };
    Some(format!("`{path}` must be {wanted}, not {found}"))
}

/// The field name in serde's "unknown field `x`, expected …" message.
fn unknown_field(message: &str) -> Option<&str> {
    let rest = message.split_once("unknown field `")?.1;
    Some(rest.split_once('`')?.0)
}

/// The known key closest to a misspelt one, if any is close enough to be a typo.
fn nearest_key<'a>(unknown: &str, known_keys: &[&'a str]) -> Option<&'a str> {
    known_keys
        .iter()
        .map(|key| (strsim::damerau_levenshtein(unknown, key), *key))
        .filter(|(distance, key)| *distance <= (key.len() / 2).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, key)| key)
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
