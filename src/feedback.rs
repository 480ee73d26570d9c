//! Feedback: how a grade is put to the learner with the quiz's words (`strings::quiz`):
//! an item's state, why an answer could not be graded, each failed manifest rule, and
//! (in `probe`) what a probe of the answer's traffic found. Above `quiz`, `cluster` and
//! `strings`; the app, the views and `manabi grade` say results through it.

mod probe;

use crate::quiz::{AnswerError, Failure, Mastery, Reason};
use crate::strings::fill;
use crate::strings::quiz::QuizTexts;

impl QuizTexts {
    /// An item's state in words.
    #[must_use]
    pub fn mastery(&self, mastery: Mastery) -> &'static str {
        match mastery {
            Mastery::NotTried => self.not_tried,
            Mastery::Partly => self.partly,
            Mastery::Mastered => self.mastered,
        }
    }

    /// Why an answer could not be graded, for the learner.
    #[must_use]
    pub fn answer_error(&self, error: &AnswerError) -> String {
        match error {
            AnswerError::Syntax {
                line,
                column,
                message,
            } => self
                .syntax
                .replace("{line}", &line.to_string())
                .replace("{column}", &column.to_string())
                .replace("{message}", &self.yaml_message(message)),
            AnswerError::Empty => self.empty.to_owned(),
            AnswerError::TooLarge { size } => self.too_large.replace("{size}", &size.to_string()),
            AnswerError::TooManyDocuments => self.too_many_documents.to_owned(),
            AnswerError::NotText => self.not_text.to_owned(),
            AnswerError::Rejected(error) => self.probe.manifest_error(error),
        }
    }

    /// One point of a wrong manifest's feedback (a list item, its `- ` drawn by the
    /// caller): the document it is about, if the exercise wants several, and the reason.
    #[must_use]
    pub fn failure(&self, failure: &Failure) -> String {
        let reason = self.reason(&failure.reason);
        match &failure.document {
            Some(document) => format!("{document}: {reason}"),
            None => reason,
        }
    }

    /// A failed rule, for the learner.
    #[must_use]
    pub fn reason(&self, reason: &Reason) -> String {
        match reason {
            Reason::Authored(message) => message.clone(),
            Reason::Missing { path } => fill(self.missing, &[("path", path)]),
            Reason::NotEqual {
                path,
                expected,
                found,
            } => fill(
                self.not_equal,
                &[("path", path), ("expected", expected), ("found", found)],
            ),
            Reason::NotContained { path, expected } => fill(
                self.not_contained,
                &[("path", path), ("expected", expected)],
            ),
            Reason::NoMatch {
                path,
                pattern,
                found,
            } => fill(
                self.no_match,
                &[("path", path), ("pattern", pattern), ("found", found)],
            ),
            Reason::Present { path } => fill(self.present, &[("path", path)]),
            Reason::NoItem { path, fields } => {
                fill(self.no_item, &[("path", path), ("fields", fields)])
            }
            Reason::NoDocument => self.no_document.to_owned(),
            Reason::Probe { failure, message } => {
                let said = self.probe.failure(failure);
                match message {
                    Some(message) => format!("{said}{}{message}", self.then),
                    None => said,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::read_manifest;
    use crate::strings::quiz::{EN, JA};

    #[test]
    fn the_commonest_yaml_mistakes_are_said_in_japanese_with_the_parsers_words() {
        let mistakes = [
            // A key indented under a scalar value.
            "kind: Service\nmetadata:\n  name: web\n    labels: {}\n",
            // A list item where a key was expected.
            "spec:\n  ports:\n  - port: 80\n   targetPort: 3000\n",
            // A flow list never closed.
            "spec:\n  policyTypes: [Ingress, Egress\n",
            // Indentation with a tab.
            "spec:\n\tselector: {}\n",
            // A key without its colon.
            "kind: Service\nmetadata\n  name: web\n",
        ];
        for manifest in mistakes {
            let Err(error @ AnswerError::Syntax { .. }) = read_manifest(manifest) else {
                panic!("{manifest:?} parsed");
            };
            let AnswerError::Syntax { message, .. } = &error else {
                unreachable!()
            };
            let said = JA.answer_error(&error);
            let translated = JA
                .yaml_messages
                .iter()
                .any(|(english, _)| message.contains(english));
            assert!(translated, "{manifest:?}: no Japanese for {message:?}");
            assert!(said.contains(&format!("({message})")), "{said}");
            assert!(!EN.answer_error(&error).contains(" ("), "{message}");
        }
    }
}
