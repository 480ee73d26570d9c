//! Large type for the notes window's clock: digits and `:` five rows tall, drawn with one
//! character (a full block, or `#` where box drawing is unsafe).

/// Each glyph's rows, `#` for ink.
fn glyph(character: char) -> [&'static str; 5] {
    match character {
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["###", "  #", "###", "#  ", "###"],
        '3' => ["###", "  #", "###", "  #", "###"],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "###", "  #", "###"],
        '6' => ["###", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", "  #", "  #", "  #"],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "###"],
        ':' => [" ", "#", " ", "#", " "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        _ => ["   "; 5],
    }
}

/// `text` in large type: five lines, glyphs a column apart, `ink` for their strokes.
#[must_use]
pub fn big_lines(text: &str, ink: char) -> Vec<String> {
    (0..5)
        .map(|row| {
            text.chars()
                .map(|character| glyph(character)[row].replace('#', &ink.to_string()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_in_large_type() {
        assert_eq!(
            big_lines("12:34", '#'),
            [
                " #  ###   ### # #",
                "##    # #   # # #",
                " #  ###   ### ###",
                " #  #   #   #   #",
                "### ###   ###   #",
            ]
        );
    }
}
