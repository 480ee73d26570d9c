//! The learner's input to one question, by kind: a choice, ticks, a short answer, or a
//! manifest in the built-in editor.

use ratatui_textarea::{CursorMove, TextArea};

use crate::app::text_field::TextField;
use crate::quiz::{AnswerError, Kind, Question, Response, round_order};

/// The learner's input so far, by kind of question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// `order` maps each shown position to the author's choice; `selected` is a position.
    Choice {
        order: Vec<usize>,
        selected: Option<usize>,
    },
    Multi {
        order: Vec<usize>,
        cursor: usize,
        marked: Vec<bool>,
    },
    Text {
        input: TextField,
    },
    Manifest {
        /// Boxed: an editor is far larger than the other answers.
        editor: Box<ManifestEditor>,
        /// Keys go to the editor (else the question is shown with the draft).
        editing: bool,
        /// Why the last submission could not be graded (bad YAML, empty …).
        problem: Option<AnswerError>,
    },
}

impl Answer {
    /// A fresh answer to `question`: choices in the learner's order (another one in a
    /// later round of the run), a manifest from the learner's draft or the template.
    #[must_use]
    pub fn new(question: &Question, profile: &str, draft: Option<&str>, round: usize) -> Self {
        let order = |count: usize| round_order(profile, &question.id, count, round);
        match &question.kind {
            Kind::Choice { choices, .. } => Self::Choice {
                order: order(choices.len()),
                selected: None,
            },
            Kind::Multi { choices, .. } => Self::Multi {
                order: order(choices.len()),
                cursor: 0,
                marked: vec![false; choices.len()],
            },
            Kind::Text { .. } => Self::Text {
                input: TextField::default(),
            },
            Kind::Manifest(exercise) => Self::Manifest {
                editor: Box::new(ManifestEditor::new(draft.unwrap_or(&exercise.template))),
                editing: false,
                problem: None,
            },
        }
    }

    /// The answer as grading takes it; `None` while nothing is chosen, ticked or typed
    /// (a stray Enter is not an answer).
    #[must_use]
    pub fn response(&self) -> Option<Response> {
        match self {
            Self::Choice { order, selected } => Some(Response::Choice(order[(*selected)?])),
            Self::Multi { order, marked, .. } => {
                let ticked: Vec<usize> = marked
                    .iter()
                    .zip(order)
                    .filter(|(marked, _)| **marked)
                    .map(|(_, choice)| *choice)
                    .collect();
                (!ticked.is_empty()).then_some(Response::Multi(ticked))
            }
            Self::Text { input } => {
                (!input.text().trim().is_empty()).then(|| Response::Text(input.text().to_owned()))
            }
            Self::Manifest { editor, .. } => Some(Response::Manifest(editor.text())),
        }
    }
}

/// The built-in multi-line editor for manifests (ratatui-textarea), compared by content.
#[derive(Debug, Clone)]
pub struct ManifestEditor {
    pub area: TextArea<'static>,
}

impl ManifestEditor {
    #[must_use]
    pub fn new(text: &str) -> Self {
        let mut area = TextArea::new(text.lines().map(str::to_owned).collect());
        area.set_tab_length(2);
        area.set_hard_tab_indent(false);
        // A manifest is written in many small edits; undo should reach back through them.
        area.set_max_histories(1000);
        Self { area }
    }

    /// The text, ending with a newline as a file would.
    #[must_use]
    pub fn text(&self) -> String {
        let mut text = self.area.lines().join("\n");
        text.push('\n');
        text
    }

    /// Replaces the text (after `$EDITOR`), keeping the cursor's line where it can.
    pub fn set_text(&mut self, text: &str) {
        let row = self.area.cursor().0;
        *self = Self::new(text);
        let last = self.area.lines().len().saturating_sub(1);
        self.area
            .move_cursor(CursorMove::Jump(to_u16(row.min(last)), 0));
    }

    /// Puts the cursor at a 1-based line and column (a YAML error's position).
    pub fn point_at(&mut self, line: usize, column: usize) {
        let row = line
            .saturating_sub(1)
            .min(self.area.lines().len().saturating_sub(1));
        let width = self.area.lines()[row].chars().count();
        let column = column.saturating_sub(1).min(width);
        self.area
            .move_cursor(CursorMove::Jump(to_u16(row), to_u16(column)));
    }

    /// Enter starts the next line where YAML most likely goes on (see [`indent_after`]).
    pub fn new_line(&mut self) {
        let (row, column) = (self.area.cursor().0, self.area.cursor().1);
        let before: String = self.area.lines()[row].chars().take(column).collect();
        self.area.insert_newline();
        self.area.insert_str(" ".repeat(indent_after(&before)));
    }

    /// Pasted text as it is, without auto-indent: a block copied from the lesson comes
    /// back exactly. Line ends from any platform become `\n`.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.area.insert_str(text);
    }
}

/// The indentation of the line after `before` (the text left of the cursor):
/// - after `key:` with nothing following (or a block scalar's `|`/`>`), one level
///   deeper than the key;
/// - after a list item holding a mapping (`- name: web`), under the item's key;
/// - after a list item holding a scalar (`- Ingress`), at the dash, for the next item;
/// - otherwise the line's own indentation.
#[must_use]
pub fn indent_after(before: &str) -> usize {
    let indent = before.len() - before.trim_start_matches(' ').len();
    let mut column = indent;
    let mut content = before[indent..].trim_end();
    let mut in_item = false;
    // `- - a` nests items; the content starts after the last dash.
    while let Some(rest) = content
        .strip_prefix("- ")
        .or_else(|| (content == "-").then_some(""))
    {
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        column += 2 + spaces;
        content = rest.trim_start_matches(' ');
        in_item = true;
    }
    let content = without_comment(content);
    if in_item && content.is_empty() {
        return column;
    }
    match key_value(content) {
        Some(value) if value.is_empty() || is_block_indicator(value) => column + 2,
        None if in_item => indent,
        _ => column,
    }
}

/// The value after a plain `key:` (empty when the line ends there); `None` when the text
/// is not a key (a scalar, a quoted string, a flow collection).
fn key_value(content: &str) -> Option<&str> {
    if content.starts_with(['"', '\'', '[', '{', '#']) {
        return None;
    }
    let mut rest = content;
    let mut offset = 0;
    while let Some(at) = rest.find(':') {
        let after = &rest[at + 1..];
        if after.is_empty() || after.starts_with(' ') {
            return Some(content[offset + at + 1..].trim());
        }
        offset += at + 1;
        rest = after;
    }
    None
}

fn is_block_indicator(value: &str) -> bool {
    value.len() <= 3 && (value.starts_with('|') || value.starts_with('>'))
}

/// The text before a ` #` comment.
fn without_comment(content: &str) -> &str {
    content
        .find(" #")
        .map_or(content, |at| &content[..at])
        .trim_end()
}

impl PartialEq for ManifestEditor {
    fn eq(&self, other: &Self) -> bool {
        self.area.lines() == other.area.lines() && self.area.cursor() == other.area.cursor()
    }
}

fn to_u16(value: usize) -> u16 {
    u16::try_from(value).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_indents_where_yaml_goes_on() {
        let cases = [
            // (text left of the cursor, indentation of the next line)
            ("spec:", 2),
            ("  policyTypes:", 4),
            ("    - Ingress", 4),
            ("    - Ingress  # comment", 4),
            ("- name: web", 2),
            ("  - name: api-server-v1", 4),
            ("    - namespaceSelector:", 8),
            ("  -", 4),
            ("  - ", 4),
            ("- - a", 0),
            ("  - \"a: b\"", 2),
            ("  name: web", 2),
            ("  image: nginx:1.27", 2),
            ("  url: http://example.com", 2),
            ("  script: |", 4),
            ("  folded: >-", 4),
            ("  selector: {}", 2),
            ("  ports: # the list follows", 4),
            ("", 0),
            ("    ", 4),
        ];
        for (before, expected) in cases {
            assert_eq!(indent_after(before), expected, "after {before:?}");
        }
    }

    #[test]
    fn a_paste_is_inserted_as_it_is() {
        let block = "spec:\n  rules:\n    - host: a\r\n      http:\r\n";
        let mut editor = ManifestEditor::new("");
        editor.paste(block);
        assert_eq!(
            editor.text(),
            "spec:\n  rules:\n    - host: a\n      http:\n\n"
        );
    }

    #[test]
    fn nothing_ticked_or_typed_is_not_an_answer() {
        let multi = Answer::Multi {
            order: vec![0, 1],
            cursor: 0,
            marked: vec![false, false],
        };
        assert_eq!(multi.response(), None);
        let text = Answer::Text {
            input: TextField::default(),
        };
        assert_eq!(text.response(), None);
    }
}
