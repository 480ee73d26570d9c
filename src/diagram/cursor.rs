//! A position in one Mermaid statement, and the small reads the parser makes from it.

use super::DiagramError;

/// A position in one statement.
pub struct Cursor<'a> {
    pub text: &'a str,
    pub at: usize,
    pub line: usize,
    /// Column of the statement's first character in the source line.
    pub column: usize,
}

impl<'a> Cursor<'a> {
    pub fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    pub fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    pub fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub fn take(&mut self, bytes: usize) -> &'a str {
        let end = (self.at + bytes).min(self.text.len());
        let taken = &self.text[self.at..end];
        self.at = end;
        taken
    }

    pub fn eat(&mut self, expected: &str) -> bool {
        if self.rest().starts_with(expected) {
            self.at += expected.len();
            true
        } else {
            false
        }
    }

    pub fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    pub fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let length = rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
        self.take(length)
    }

    /// A node or class id: letters and digits of any script, `_`, and `-` or `.` inside.
    pub fn take_word(&mut self) -> &'a str {
        let rest = self.rest();
        let mut length = 0;
        for (index, character) in rest.char_indices() {
            let inner = matches!(character, '-' | '.')
                && rest[index + 1..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                && length > 0;
            if character.is_alphanumeric() || character == '_' || inner {
                length = index + character.len_utf8();
            } else {
                break;
            }
        }
        self.take(length)
    }

    /// The id at the cursor without moving (so `style_db` is an id, not `style`).
    pub fn peek_word(&self) -> &'a str {
        let mut ahead = Cursor {
            at: self.at,
            ..*self
        };
        ahead.take_word()
    }

    pub fn take_until_space(&mut self) -> &'a str {
        self.take_while(|c| !c.is_whitespace())
    }

    pub fn take_until(&mut self, end: char) -> &'a str {
        self.take_while(|c| c != end)
    }

    pub fn take_until_str(&mut self, end: &str) -> &'a str {
        let length = self.rest().find(end).unwrap_or(self.rest().len());
        self.take(length)
    }

    /// The run of edge characters at the cursor.
    pub fn peek_run(&self) -> &'a str {
        let rest = self.rest();
        &rest[..rest
            .find(|c: char| !matches!(c, '-' | '=' | '.'))
            .unwrap_or(rest.len())]
    }

    /// A `"…"` string; the cursor is on the opening quote.
    pub fn quoted(&mut self) -> Result<String, DiagramError> {
        self.take(1);
        let text = self.take_until('"').to_owned();
        if !self.eat("\"") {
            return Err(self.error("a quoted label is not closed with `\"`"));
        }
        Ok(text)
    }

    pub fn error(&self, message: &str) -> DiagramError {
        DiagramError {
            line: self.line,
            column: self.column + self.text[..self.at].chars().count(),
            message: message.to_owned(),
        }
    }
}
