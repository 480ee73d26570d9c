//! Makes untrusted text safe to print: a course from a USB stick must not be able to
//! drive the terminal, so control characters become visible symbols here, where text
//! enters the model, and never reach the screen raw.

use std::borrow::Cow;

/// Replaces C0 controls with their Control Pictures (ESC → ␛), DEL with ␡ and C1
/// controls with U+FFFD. Tabs and line breaks become spaces: text that keeps its lines
/// is split into lines first.
#[must_use]
pub fn make_inert(text: &str) -> Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(inert_char).collect())
}

/// Like [`make_inert`] for one line of code, but tabs are kept: layout expands them to
/// tab stops, and a YAML check must still see them.
#[must_use]
pub fn make_code_line_inert(line: &str) -> String {
    line.split('\t')
        .map(make_inert)
        .collect::<Vec<_>>()
        .join("\t")
}

fn inert_char(character: char) -> char {
    match character {
        '\t' | '\n' | '\r' => ' ',
        // U+2400..U+241F are the Control Pictures for U+0000..U+001F.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(character)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}' => '\u{fffd}',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_visible() {
        assert_eq!(make_inert("a\u{1b}[31mb"), "a\u{241b}[31mb");
        assert_eq!(make_inert("bell\u{7}"), "bell\u{2407}");
        assert_eq!(make_inert("del\u{7f}"), "del\u{2421}");
        assert_eq!(make_inert("csi\u{9b}2J"), "csi\u{fffd}2J");
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(make_inert("日本語 text"), Cow::Borrowed(_)));
    }

    #[test]
    fn line_breaks_and_tabs_become_spaces() {
        assert_eq!(make_inert("a\nb\r\tc"), "a b  c");
    }

    #[test]
    fn code_lines_keep_tabs() {
        assert_eq!(make_code_line_inert("\tx"), "\tx");
        assert_eq!(make_code_line_inert("\u{1b}]52;c;\tx"), "\u{241b}]52;c;\tx");
    }
}
