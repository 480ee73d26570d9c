//! A learner's manifest, read as YAML with limits: whatever they type or paste (empty,
//! junk, huge, deeply nested, an alias bomb) ends in a clear message, never a hang.

use serde::Deserialize;
use serde_yaml::Value;

/// The largest answer read; a manifest of the lesson's kind is a few hundred bytes.
const LARGEST_ANSWER: usize = 64 * 1024;
/// More documents than any exercise needs.
const MOST_DOCUMENTS: usize = 20;

/// Why an answer cannot be graded yet; it does not count as an attempt.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("YAML syntax error at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the answer is empty")]
    Empty,
    #[error("the answer is {size} bytes; at most {LARGEST_ANSWER} are read")]
    TooLarge { size: usize },
    #[error("the answer has more than {MOST_DOCUMENTS} YAML documents")]
    TooManyDocuments,
    #[error("the file is not text (it is not UTF-8)")]
    NotText,
    /// The API server would refuse it: an unknown field, a missing one, a kind the
    /// exercise's cluster does not have.
    #[error("{0}")]
    Rejected(crate::cluster::ManifestError),
}

/// The YAML documents of an answer (empty `---` documents skipped).
pub fn read_manifest(text: &str) -> Result<Vec<Value>, AnswerError> {
    if text.len() > LARGEST_ANSWER {
        return Err(AnswerError::TooLarge { size: text.len() });
    }
    let mut documents = Vec::new();
    for document in serde_yaml::Deserializer::from_str(text) {
        if documents.len() == MOST_DOCUMENTS {
            return Err(AnswerError::TooManyDocuments);
        }
        let value = Value::deserialize(document).map_err(|error| {
            let (line, column) = crate::yaml_message::position(&error).unwrap_or((1, 1));
            let message = crate::yaml_message::without_position(&error);
            AnswerError::Syntax {
                line,
                column,
                message,
            }
        })?;
        if !value.is_null() {
            documents.push(value);
        }
    }
    if documents.is_empty() {
        return Err(AnswerError::Empty);
    }
    Ok(documents)
}

/// An answer saved from `$EDITOR` as bytes.
pub fn answer_text(bytes: Vec<u8>) -> Result<String, AnswerError> {
    if bytes.len() > LARGEST_ANSWER {
        return Err(AnswerError::TooLarge { size: bytes.len() });
    }
    String::from_utf8(bytes).map_err(|_| AnswerError::NotText)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_points_at_its_line_and_column() {
        let error = read_manifest("kind: Ingress\nspec:\n  rules: [\n").unwrap_err();
        let AnswerError::Syntax { line, column, .. } = error else {
            panic!("{error:?}");
        };
        assert_eq!((line, column), (4, 1));
        let error = read_manifest("a: 1\n b: 2\n").unwrap_err();
        assert!(
            matches!(error, AnswerError::Syntax { line: 2, .. }),
            "{error:?}"
        );
    }

    #[test]
    fn empty_and_null_answers_are_empty() {
        for text in ["", "   \n", "---\n---\n", "# only a comment\n", "~\n"] {
            assert_eq!(read_manifest(text), Err(AnswerError::Empty), "{text:?}");
        }
    }

    #[test]
    fn several_documents_are_read() {
        let documents = read_manifest("kind: A\n---\nkind: B\n").unwrap();
        assert_eq!(documents.len(), 2);
    }

    #[test]
    fn hostile_answers_end_in_a_message() {
        let huge = "a: b\n".repeat(20_000);
        assert!(matches!(
            read_manifest(&huge),
            Err(AnswerError::TooLarge { .. })
        ));
        let deep = format!("{}1{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            read_manifest(&deep),
            Err(AnswerError::Syntax { .. } | AnswerError::TooLarge { .. })
        ));
        let nested = "- ".repeat(3000) + "x";
        assert!(matches!(
            read_manifest(&nested),
            Err(AnswerError::Syntax { .. })
        ));
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for level in 0..9 {
            let previous = if level == 0 {
                "a".to_owned()
            } else {
                format!("l{}", level - 1)
            };
            let references = vec![format!("*{previous}"); 9].join(", ");
            bomb += &[
                "l",
                &level.to_string(),
                ": &l",
                &level.to_string(),
                " [",
                &references,
                "]\n",
            ]
            .concat();
        }
        assert!(matches!(
            read_manifest(&bomb),
            Err(AnswerError::Syntax { .. })
        ));
        let many = "a: 1\n---\n".repeat(30);
        assert_eq!(read_manifest(&many), Err(AnswerError::TooManyDocuments));
        assert_eq!(
            answer_text(vec![0xff, 0xfe, 0x00]),
            Err(AnswerError::NotText)
        );
        assert!(matches!(
            read_manifest("kind: \u{1b}[31m\n"),
            Err(AnswerError::Syntax { .. })
        ));
    }
}
