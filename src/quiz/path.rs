//! Paths into a YAML document, as manifest rules name them:
//! `spec.rules[0].http.paths[*].backend.service.name`,
//! `metadata.annotations["nginx.ingress.kubernetes.io/rewrite-target"]`.

use std::fmt;

use serde_yaml::Value;

/// A parsed path; it shows as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    text: String,
    steps: Vec<Step>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Step {
    Key(String),
    Index(usize),
    Every,
}

impl Path {
    /// Parses a path; the error names the 1-based column of the problem.
    pub fn parse(text: &str) -> Result<Self, (usize, String)> {
        let characters: Vec<char> = text.chars().collect();
        let mut steps = Vec::new();
        let mut at = 0;
        let error = |at: usize, message: &str| Err((at + 1, message.to_owned()));
        if characters.is_empty() {
            return error(0, "the path is empty");
        }
        while at < characters.len() {
            match characters[at] {
                '[' => {
                    let (step, next) = bracket(&characters, at)?;
                    steps.push(step);
                    at = next;
                }
                '.' if steps.is_empty() || at + 1 == characters.len() => {
                    return error(at, "a path cannot start or end with `.`");
                }
                '.' => {
                    at += 1;
                    if characters[at] == '.' {
                        return error(at, "`..` has no key between the dots");
                    }
                    if characters[at] == '[' {
                        return error(at, "write `key[0]`, not `key.[0]`");
                    }
                }
                _ => {
                    let start = at;
                    while at < characters.len() && !matches!(characters[at], '.' | '[') {
                        let character = characters[at];
                        if character.is_whitespace() || matches!(character, ']' | '"' | '\'') {
                            return error(
                                at,
                                &format!("`{character}` in a key: write the key as [\"…\"]"),
                            );
                        }
                        at += 1;
                    }
                    steps.push(Step::Key(characters[start..at].iter().collect()));
                }
            }
        }
        Ok(Self {
            text: text.to_owned(),
            steps,
        })
    }

    /// Every value the path leads to in `document` (several through `[*]`, none when a
    /// key or index is missing).
    #[must_use]
    pub fn resolve<'a>(&self, document: &'a Value) -> Vec<&'a Value> {
        let mut values = vec![document];
        for step in &self.steps {
            values = values
                .into_iter()
                .flat_map(|value| -> Vec<&'a Value> {
                    match (step, value) {
                        (Step::Key(key), Value::Mapping(mapping)) => {
                            mapping.get(key.as_str()).into_iter().collect()
                        }
                        (Step::Index(index), Value::Sequence(items)) => {
                            items.get(*index).into_iter().collect()
                        }
                        (Step::Every, Value::Sequence(items)) => items.iter().collect(),
                        (Step::Every, Value::Mapping(mapping)) => mapping.values().collect(),
                        (_, Value::Tagged(tagged)) => vec![&tagged.value],
                        _ => Vec::new(),
                    }
                })
                .collect();
        }
        values
    }
}

impl fmt::Display for Path {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.text)
    }
}

/// `[N]`, `[*]` or `["key"]` starting at `at`; the step and where the path goes on.
fn bracket(characters: &[char], at: usize) -> Result<(Step, usize), (usize, String)> {
    let close = |from: usize| {
        characters[from..]
            .iter()
            .position(|character| *character == ']')
            .map(|offset| from + offset)
    };
    let Some(end) = close(at + 1) else {
        return Err((at + 1, "`[` without its `]`".to_owned()));
    };
    let inside: String = characters[at + 1..end].iter().collect();
    let step = if inside == "*" {
        Step::Every
    } else if let Ok(index) = inside.parse::<usize>() {
        Step::Index(index)
    } else if let Some(key) = quoted(&inside) {
        Step::Key(key.to_owned())
    } else {
        return Err((
            at + 2,
            format!("`[{inside}]`: use a number, `*`, or a quoted key like [\"a.b\"]"),
        ));
    };
    let next = end + 1;
    if next < characters.len() && !matches!(characters[next], '.' | '[') {
        return Err((next + 1, "expected `.` or `[` after `]`".to_owned()));
    }
    Ok((step, next))
}

fn quoted(inside: &str) -> Option<&str> {
    ['"', '\''].iter().find_map(|quote| {
        inside
            .strip_prefix(*quote)?
            .strip_suffix(*quote)
            .filter(|key| !key.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document() -> Value {
        serde_yaml::from_str(
            "metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/rewrite-target: /\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /v1\n          - path: /v2\n",
        )
        .unwrap()
    }

    fn values(path: &str) -> Vec<String> {
        let document = document();
        Path::parse(path)
            .unwrap()
            .resolve(&document)
            .into_iter()
            .map(|value| serde_yaml::to_string(value).unwrap().trim().to_owned())
            .collect()
    }

    #[test]
    fn keys_indices_and_wildcards() {
        assert_eq!(values("spec.rules[0].http.paths[1].path"), ["/v2"]);
        assert_eq!(values("spec.rules[*].http.paths[*].path"), ["/v1", "/v2"]);
        assert_eq!(
            values("metadata.annotations[\"nginx.ingress.kubernetes.io/rewrite-target\"]"),
            ["/"]
        );
    }

    #[test]
    fn missing_steps_lead_nowhere() {
        assert!(values("spec.rules[3].http").is_empty());
        assert!(values("spec.tls").is_empty());
        assert!(values("metadata[0]").is_empty());
    }

    #[test]
    fn bad_paths_say_where() {
        for (path, column) in [
            ("", 1),
            (".spec", 1),
            ("spec.", 5),
            ("spec..rules", 6),
            ("spec.rules[", 11),
            ("spec.rules[x]", 12),
            ("spec.rules[0]x", 14),
            ("spec ports", 5),
        ] {
            let (at, message) = Path::parse(path).unwrap_err();
            assert_eq!(at, column, "{path:?}: {message}");
        }
    }
}
