//! `serde_yaml`'s errors as manabi says them. The parser ends its messages with its own
//! position; every caller gives the position in the author's file instead, so the
//! suffix goes here, once.

/// The error's message without the parser's ` at line L column C` suffix.
#[must_use]
pub fn without_position(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    if let Some(at) = error.location()
        && let Some(kept) =
            message.strip_suffix(&format!(" at line {} column {}", at.line(), at.column()))
    {
        return kept.to_owned();
    }
    // A nested error puts the position mid-message ("… at line 2 column 3: …").
    message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned()
}

/// The error's 1-based line and column in the text parsed, when the parser knows them.
#[must_use]
pub fn position(error: &serde_yaml::Error) -> Option<(usize, usize)> {
    error.location().map(|at| (at.line(), at.column()))
}

/// The message an author reads: without the parser's position, an unknown key with the
/// key probably meant and the keys there are, a wrong type in the author's terms.
#[must_use]
pub fn explain(error: &serde_yaml::Error, known_keys: &[&str]) -> String {
    let message = without_position(error);
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
#[must_use]
pub fn nearest_key<'a>(unknown: &str, known_keys: &[&'a str]) -> Option<&'a str> {
    known_keys
        .iter()
        .map(|key| (strsim::damerau_levenshtein(unknown, key), *key))
        .filter(|(distance, key)| *distance <= (key.len() / 2).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, key)| key)
}
