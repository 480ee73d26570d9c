//! One manifest rule against one YAML document.

use serde_yaml::Value;

use super::{Check, Reason, Rule};

impl Rule {
    /// `None` when the document passes, else why not.
    #[must_use]
    pub fn failure(&self, document: &Value) -> Option<Reason> {
        let values = self.path.resolve(document);
        let path = self.path.to_string();
        let reason = match &self.check {
            Check::Equals(expected) => match values.iter().find(|value| !same(value, expected)) {
                _ if values.is_empty() => Some(Reason::Missing { path }),
                Some(found) => Some(Reason::NotEqual {
                    path,
                    expected: shown(expected),
                    found: shown(found),
                }),
                None => None,
            },
            Check::Contains(expected) => {
                let found = values.iter().any(|value| {
                    same(value, expected)
                        || value
                            .as_sequence()
                            .is_some_and(|items| items.iter().any(|item| same(item, expected)))
                });
                (!found).then(|| Reason::NotContained {
                    path,
                    expected: shown(expected),
                })
            }
            Check::Matches(pattern) => {
                let unmatched = values.iter().find(|value| {
                    !scalar_text(value).is_some_and(|text| pattern.0.is_match(&text))
                });
                match unmatched {
                    _ if values.is_empty() => Some(Reason::Missing { path }),
                    Some(found) => Some(Reason::NoMatch {
                        path,
                        pattern: pattern.0.as_str().to_owned(),
                        found: shown(found),
                    }),
                    None => None,
                }
            }
            Check::Exists => values.is_empty().then_some(Reason::Missing { path }),
            Check::Absent => (!values.is_empty()).then_some(Reason::Present { path }),
            Check::HasItem(fields) => {
                let found = values.iter().any(|value| {
                    has_fields(value, fields)
                        || value
                            .as_sequence()
                            .is_some_and(|items| items.iter().any(|item| has_fields(item, fields)))
                });
                (!found).then(|| Reason::NoItem {
                    path,
                    fields: shown(fields),
                })
            }
        };
        reason.map(|reason| match &self.message {
            Some(message) => Reason::Authored(message.clone()),
            None => reason,
        })
    }
}

/// Equal as YAML values; tags (`!!str`) do not matter.
fn same(value: &Value, expected: &Value) -> bool {
    untagged(value) == untagged(expected)
}

fn untagged(value: &Value) -> &Value {
    match value {
        Value::Tagged(tagged) => untagged(&tagged.value),
        other => other,
    }
}

/// Whether `value` has every field of `fields` with its value; fields nest, and a
/// value that is not a mapping must be equal.
fn has_fields(value: &Value, fields: &Value) -> bool {
    match (untagged(value), untagged(fields)) {
        (Value::Mapping(have), Value::Mapping(want)) => want.iter().all(|(key, wanted)| {
            have.get(key)
                .is_some_and(|present| has_fields(present, wanted))
        }),
        (have, want) => have == want,
    }
}

/// The text of a scalar, for `matches`.
fn scalar_text(value: &Value) -> Option<String> {
    match untagged(value) {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Null => Some("null".to_owned()),
        Value::Sequence(_) | Value::Mapping(_) | Value::Tagged(_) => None,
    }
}

/// A value on one line, as YAML's flow style writes it, cut when long.
fn shown(value: &Value) -> String {
    const LONGEST: usize = 60;
    let text = match untagged(value) {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        Value::Null => "null".to_owned(),
        Value::Sequence(items) => {
            let items: Vec<String> = items.iter().map(shown).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Mapping(mapping) => {
            let fields: Vec<String> = mapping
                .iter()
                .map(|(key, value)| format!("{}: {}", shown(key), shown(value)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        Value::Tagged(tagged) => shown(&tagged.value),
    };
    if text.chars().count() > LONGEST {
        let cut: String = text.chars().take(LONGEST - 1).collect();
        format!("{cut}…")
    } else {
        text
    }
}
