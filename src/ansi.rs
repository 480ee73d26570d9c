//! Laid-out lines → text with SGR escape codes, for `manabi render` (pipes, `less -R`,
//! printing, screen readers). At `ColorDepth::None` the output is plain text.

use std::fmt::Write as _;
use std::io::{self, Write};

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Line;
use unicode_segmentation::UnicodeSegmentation;

use crate::palette::ColorDepth;
use crate::text::display_width;

/// Writes lines; a line wider than `width` (a long code line) is cut with `cut_marker`
/// in its last column so a reader knows text is missing.
pub fn write_lines<'a>(
    out: &mut impl Write,
    lines: impl IntoIterator<Item = &'a Line<'a>>,
    width: usize,
    depth: ColorDepth,
    cut_marker: char,
) -> io::Result<()> {
    let mut text = String::new();
    for line in lines {
        text.clear();
        let cut = line.width() > width;
        let mut room = if cut {
            width.saturating_sub(1)
        } else {
            usize::MAX
        };
        for span in &line.spans {
            let style = depth.convert_style(line.style.patch(span.style));
            let visible = take_columns(&span.content, &mut room);
            push_styled(&mut text, visible, style, depth);
            if room == 0 {
                break;
            }
        }
        if cut && width > 0 {
            text.push(cut_marker);
        }
        text.push('\n');
        out.write_all(text.as_bytes())?;
    }
    Ok(())
}

/// The longest prefix of `text` that fits in `room` columns; `room` shrinks by its width.
fn take_columns<'t>(text: &'t str, room: &mut usize) -> &'t str {
    if *room == usize::MAX {
        return text;
    }
    let mut end = 0;
    for (offset, grapheme) in text.grapheme_indices(true) {
        let width = display_width(grapheme);
        if width > *room {
            *room = 0;
            return &text[..offset];
        }
        *room -= width;
        end = offset + grapheme.len();
    }
    &text[..end]
}

fn push_styled(text: &mut String, content: &str, style: Style, depth: ColorDepth) {
    if content.is_empty() {
        return;
    }
    let codes = if depth == ColorDepth::None {
        String::new()
    } else {
        sgr_codes(style)
    };
    if codes.is_empty() {
        text.push_str(content);
    } else {
        let _ = write!(text, "\x1b[{codes}m{content}\x1b[0m");
    }
}

/// The SGR parameters for a style, `;`-separated; empty for the default style.
fn sgr_codes(style: Style) -> String {
    let mut codes: Vec<String> = Vec::new();
    let modifiers = style.add_modifier - style.sub_modifier;
    for (modifier, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if modifiers.contains(modifier) {
            codes.push(code.to_owned());
        }
    }
    if let Some(color) = style.fg {
        codes.extend(color_code(color, 30));
    }
    if let Some(color) = style.bg {
        codes.extend(color_code(color, 40));
    }
    codes.join(";")
}

/// `base` is 30 for foreground, 40 for background.
fn color_code(color: Color, base: u8) -> Option<String> {
    let named = |index: u8| {
        Some(if index < 8 {
            (base + index).to_string()
        } else {
            (base + 60 + index - 8).to_string()
        })
    };
    match color {
        Color::Reset => None,
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => named(8),
        Color::LightRed => named(9),
        Color::LightGreen => named(10),
        Color::LightYellow => named(11),
        Color::LightBlue => named(12),
        Color::LightMagenta => named(13),
        Color::LightCyan => named(14),
        Color::White => named(15),
        Color::Indexed(index) => Some(format!("{};5;{index}", base + 8)),
        Color::Rgb(red, green, blue) => Some(format!("{};2;{red};{green};{blue}", base + 8)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Span;

    fn written(lines: &[Line<'_>], width: usize, depth: ColorDepth) -> String {
        let mut out = Vec::new();
        write_lines(&mut out, lines.iter(), width, depth, '→').unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn plain_output_has_no_escape_codes() {
        let line = Line::from(vec![
            Span::styled("太字", Style::new().bold().fg(Color::Red)),
            Span::raw(" x"),
        ]);
        assert_eq!(written(&[line], 80, ColorDepth::None), "太字 x\n");
    }

    #[test]
    fn styles_become_sgr_at_each_depth() {
        let line = Line::from(Span::styled(
            "k",
            Style::new().bold().fg(Color::Rgb(255, 135, 0)),
        ));
        assert_eq!(
            written(std::slice::from_ref(&line), 80, ColorDepth::TrueColor),
            "\x1b[1;38;2;255;135;0mk\x1b[0m\n"
        );
        assert_eq!(
            written(std::slice::from_ref(&line), 80, ColorDepth::Ansi256),
            "\x1b[1;38;5;208mk\x1b[0m\n"
        );
        assert_eq!(
            written(&[line], 80, ColorDepth::Ansi16),
            "\x1b[1;33mk\x1b[0m\n"
        );
    }

    #[test]
    fn long_lines_are_cut_and_marked() {
        let line = Line::from(vec![
            Span::raw("│ "),
            Span::raw("name: api-server-nodeport"),
        ]);
        assert_eq!(written(&[line], 12, ColorDepth::None), "│ name: api→\n");
        let wide = Line::from("日本語の行");
        assert_eq!(written(&[wide], 6, ColorDepth::None), "日本→\n");
    }
}
