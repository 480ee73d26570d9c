//! A one-line text field with a cursor: the short answer. Keys as in a shell's line
//! editor (←/→, Home/End, Ctrl-A/Ctrl-E, Ctrl-U kills to the start).

/// The longest short answer kept; a longer paste is cut, not kept.
const MAX_CHARS: usize = 200;

/// Text and a cursor between characters (a char index, 0 = before the first).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextField {
    text: String,
    cursor: usize,
}

/// A cursor movement in the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Caret {
    Left,
    Right,
    Home,
    End,
}

impl TextField {
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor as a char index.
    #[must_use]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_index: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_index)
            .map_or(self.text.len(), |(byte, _)| byte)
    }

    fn len(&self) -> usize {
        self.text.chars().count()
    }

    pub fn insert(&mut self, character: char) {
        if self.len() < MAX_CHARS {
            let at = self.byte_at(self.cursor);
            self.text.insert(at, character);
            self.cursor += 1;
        }
    }

    /// Pasted text at the cursor, as it is: a line break becomes a space (the field has
    /// one line), and what does not fit is cut.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n");
        for character in text.trim_end_matches(['\r', '\n']).chars() {
            match character {
                '\r' | '\n' => self.insert(' '),
                character if character.is_control() => {}
                character => self.insert(character),
            }
        }
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.len() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Ctrl-U: everything before the cursor goes.
    pub fn kill_to_start(&mut self) {
        let at = self.byte_at(self.cursor);
        self.text.replace_range(..at, "");
        self.cursor = 0;
    }

    pub fn move_caret(&mut self, caret: Caret) {
        self.cursor = match caret {
            Caret::Left => self.cursor.saturating_sub(1),
            Caret::Right => (self.cursor + 1).min(self.len()),
            Caret::Home => 0,
            Caret::End => self.len(),
        };
    }

    /// The text split at the cursor: before it, the character under it (if any), after.
    #[must_use]
    pub fn split(&self) -> (&str, Option<char>, &str) {
        let at = self.byte_at(self.cursor);
        let (before, rest) = self.text.split_at(at);
        let mut chars = rest.chars();
        let under = chars.next();
        (before, under, chars.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(text: &str) -> TextField {
        let mut field = TextField::default();
        text.chars().for_each(|character| field.insert(character));
        field
    }

    #[test]
    fn the_cursor_moves_and_edits_in_the_middle() {
        let mut field = typed("mysql-0.db");
        field.move_caret(Caret::Home);
        field.delete();
        field.insert('M');
        assert_eq!(field.text(), "Mysql-0.db");
        field.move_caret(Caret::End);
        field.move_caret(Caret::Left);
        field.move_caret(Caret::Left);
        field.backspace();
        assert_eq!(field.text(), "Mysql-0db");
        assert_eq!(field.split(), ("Mysql-0", Some('d'), "b"));
        field.move_caret(Caret::Right);
        field.move_caret(Caret::Right);
        field.move_caret(Caret::Right);
        assert_eq!(field.cursor(), 9);
        assert_eq!(field.split(), ("Mysql-0db", None, ""));
    }

    #[test]
    fn wide_characters_are_one_step_each() {
        let mut field = typed("３００００ー");
        field.move_caret(Caret::Left);
        field.backspace();
        assert_eq!(field.text(), "３０００ー");
        field.kill_to_start();
        assert_eq!((field.text(), field.cursor()), ("ー", 0));
    }

    #[test]
    fn a_paste_lands_at_the_cursor_on_one_line_and_is_cut_at_the_limit() {
        let mut field = typed("ab");
        field.move_caret(Caret::Left);
        field.paste("x\r\ny\n");
        assert_eq!(field.text(), "ax yb");
        field.paste(&"z".repeat(500));
        assert_eq!(field.text().chars().count(), MAX_CHARS);
    }
}
