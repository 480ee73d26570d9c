//! How many colours the terminal shows, and colours brought down to that: truecolor →
//! 256 → 16 → none. Styles are authored in RGB; this is the one place they degrade.

use ratatui::buffer::Buffer;
use ratatui::style::{Color, Style};

/// The colours a terminal can show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    /// No colour: `NO_COLOR`, `--color never`, a dumb terminal, or not a terminal.
    None,
    Ansi16,
    Ansi256,
    TrueColor,
}

impl ColorDepth {
    /// What the terminal supports, from `COLORTERM` and `TERM` (values passed in so
    /// tests need no environment).
    #[must_use]
    pub fn from_terminal(term: Option<&str>, colorterm: Option<&str>) -> Self {
        if matches!(colorterm, Some("truecolor" | "24bit")) {
            return Self::TrueColor;
        }
        match term {
            Some("dumb") => Self::None,
            Some(term) if term.contains("256color") || term.contains("direct") => Self::Ansi256,
            _ => Self::Ansi16,
        }
    }

    /// The depth to write at: `--color always|never` (`forced`) first, then `NO_COLOR`
    /// and whether the output is a terminal, then what the terminal supports.
    #[must_use]
    pub fn for_output(
        forced: Option<bool>,
        is_terminal: bool,
        no_color: bool,
        term: Option<&str>,
        colorterm: Option<&str>,
    ) -> Self {
        match forced {
            Some(false) => Self::None,
            Some(true) => Self::from_terminal(term, colorterm).max(Self::Ansi16),
            None if no_color || !is_terminal => Self::None,
            None => Self::from_terminal(term, colorterm),
        }
    }

    /// The colour to use at this depth; `None` means leave the default colour.
    #[must_use]
    pub fn convert(self, color: Color) -> Option<Color> {
        match (self, color) {
            (Self::None, _) | (_, Color::Reset) => None,
            (Self::Ansi256, Color::Rgb(red, green, blue)) => Some(Color::Indexed(
                ansi_colours::ansi256_from_rgb((red, green, blue)),
            )),
            (Self::Ansi16, Color::Rgb(red, green, blue)) => {
                Some(nearest_ansi16((red, green, blue)))
            }
            (Self::Ansi16, Color::Indexed(index)) if index >= 16 => {
                Some(nearest_ansi16(ansi_colours::rgb_from_ansi256(index)))
            }
            (_, color) => Some(color),
        }
    }

    /// The style with its colours converted; modifiers (bold, underline…) are kept, so
    /// meaning never rests on colour alone.
    #[must_use]
    pub fn convert_style(self, style: Style) -> Style {
        Style {
            fg: style.fg.and_then(|color| self.convert(color)),
            bg: style.bg.and_then(|color| self.convert(color)),
            underline_color: style.underline_color.and_then(|color| self.convert(color)),
            ..style
        }
    }
}

/// xterm's default RGB values for the 16 ANSI colours.
const ANSI16: [(Color, (u8, u8, u8)); 16] = [
    (Color::Black, (0, 0, 0)),
    (Color::Red, (205, 0, 0)),
    (Color::Green, (0, 205, 0)),
    (Color::Yellow, (205, 205, 0)),
    (Color::Blue, (0, 0, 238)),
    (Color::Magenta, (205, 0, 205)),
    (Color::Cyan, (0, 205, 205)),
    (Color::Gray, (229, 229, 229)),
    (Color::DarkGray, (127, 127, 127)),
    (Color::LightRed, (255, 0, 0)),
    (Color::LightGreen, (0, 255, 0)),
    (Color::LightYellow, (255, 255, 0)),
    (Color::LightBlue, (92, 92, 255)),
    (Color::LightMagenta, (255, 0, 255)),
    (Color::LightCyan, (0, 255, 255)),
    (Color::White, (255, 255, 255)),
];

/// Whether a background colour is light: perceived luminance above half. The reader
/// picks its theme by it, and `manabi doctor` says it.
#[must_use]
pub fn is_light_background((red, green, blue): (u8, u8, u8)) -> bool {
    0.2126 * f64::from(red) + 0.7152 * f64::from(green) + 0.0722 * f64::from(blue) > 127.5
}

fn nearest_ansi16((red, green, blue): (u8, u8, u8)) -> Color {
    let distance = |(r, g, b): (u8, u8, u8)| {
        let channel = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        // Weighted towards green, as the eye is.
        2 * channel(r, red) + 4 * channel(g, green) + 3 * channel(b, blue)
    };
    ANSI16
        .iter()
        .min_by_key(|(_, rgb)| distance(*rgb))
        .map_or(Color::Reset, |(color, _)| *color)
}

/// Brings every cell's colours down to what the terminal shows.
pub fn degrade(buffer: &mut Buffer, depth: ColorDepth) {
    if depth == ColorDepth::TrueColor {
        return;
    }
    for cell in &mut buffer.content {
        cell.fg = depth.convert(cell.fg).unwrap_or_default();
        cell.bg = depth.convert(cell.bg).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_from_terminal_variables() {
        assert_eq!(
            ColorDepth::from_terminal(Some("xterm"), Some("truecolor")),
            ColorDepth::TrueColor
        );
        assert_eq!(
            ColorDepth::from_terminal(Some("xterm-256color"), None),
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorDepth::from_terminal(Some("linux"), None),
            ColorDepth::Ansi16
        );
        assert_eq!(
            ColorDepth::from_terminal(Some("dumb"), None),
            ColorDepth::None
        );
        assert_eq!(ColorDepth::from_terminal(None, None), ColorDepth::Ansi16);
    }

    #[test]
    fn output_depth_follows_flag_then_no_color_then_terminal() {
        let term = Some("xterm-256color");
        assert_eq!(
            ColorDepth::for_output(None, true, false, term, None),
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorDepth::for_output(None, true, true, term, None),
            ColorDepth::None
        );
        assert_eq!(
            ColorDepth::for_output(None, false, false, term, None),
            ColorDepth::None
        );
        assert_eq!(
            ColorDepth::for_output(Some(false), true, false, term, None),
            ColorDepth::None
        );
        assert_eq!(
            ColorDepth::for_output(Some(true), false, true, term, None),
            ColorDepth::Ansi256
        );
        assert_eq!(
            ColorDepth::for_output(Some(true), false, false, Some("dumb"), None),
            ColorDepth::Ansi16
        );
    }

    #[test]
    fn colours_degrade_step_by_step() {
        let orange = Color::Rgb(255, 135, 0);
        assert_eq!(ColorDepth::TrueColor.convert(orange), Some(orange));
        assert_eq!(
            ColorDepth::Ansi256.convert(orange),
            Some(Color::Indexed(208))
        );
        assert_eq!(
            ColorDepth::Ansi16.convert(Color::Rgb(250, 10, 10)),
            Some(Color::LightRed)
        );
        assert_eq!(
            ColorDepth::Ansi16.convert(Color::Rgb(20, 20, 20)),
            Some(Color::Black)
        );
        assert_eq!(
            ColorDepth::Ansi16.convert(Color::Indexed(21)),
            Some(Color::Blue)
        );
        assert_eq!(ColorDepth::None.convert(orange), None);
    }

    #[test]
    fn no_colour_keeps_modifiers() {
        let style = Style::new().fg(Color::Rgb(1, 2, 3)).bold();
        assert_eq!(ColorDepth::None.convert_style(style), Style::new().bold());
    }
}
