//! The reading themes: the styles every construct is drawn in, for dark and light
//! backgrounds. Colours are RGB here; `palette` degrades them for the terminal.

use ratatui::style::{Color, Modifier, Style};

/// Which background the theme is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThemeKind {
    Dark,
    Light,
}

/// Styles for each construct of a lesson.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub kind: ThemeKind,
    pub title: Style,
    pub heading: Style,
    pub subheading: Style,
    pub inline_code: Style,
    pub link: Style,
    pub url: Style,
    pub quote: Style,
    /// Frames of tables and code blocks, rules, list markers' quieter parts.
    pub border: Style,
    pub code_label: Style,
    pub table_header: Style,
    pub marker: Style,
    /// Search matches: reverse video, so they show without colour too.
    pub search_match: Style,
    /// A right answer, a mastered item (bold, so it shows without colour too).
    pub right: Style,
    /// A wrong answer.
    pub wrong: Style,
}

impl Theme {
    /// The theme for a background.
    #[must_use]
    pub fn new(kind: ThemeKind) -> Self {
        match kind {
            ThemeKind::Dark => Self::with_colors(kind, &DARK),
            ThemeKind::Light => Self::with_colors(kind, &LIGHT),
        }
    }

    fn with_colors(kind: ThemeKind, colors: &Colors) -> Self {
        let bold = Modifier::BOLD;
        Self {
            kind,
            title: Style::new().fg(colors.title).add_modifier(bold),
            heading: Style::new().fg(colors.heading).add_modifier(bold),
            subheading: Style::new().fg(colors.subheading).add_modifier(bold),
            inline_code: Style::new().fg(colors.code),
            link: Style::new()
                .fg(colors.link)
                .add_modifier(Modifier::UNDERLINED),
            url: Style::new().fg(colors.quiet),
            quote: Style::new().fg(colors.quote).add_modifier(Modifier::ITALIC),
            border: Style::new().fg(colors.border),
            code_label: Style::new().fg(colors.quiet),
            table_header: Style::new().add_modifier(bold),
            marker: Style::new().fg(colors.title),
            search_match: Style::new()
                .fg(colors.subheading)
                .add_modifier(Modifier::REVERSED),
            right: Style::new().fg(colors.heading).add_modifier(bold),
            wrong: Style::new().fg(colors.wrong).add_modifier(bold),
        }
    }
}

struct Colors {
    title: Color,
    heading: Color,
    subheading: Color,
    code: Color,
    link: Color,
    quiet: Color,
    quote: Color,
    border: Color,
    wrong: Color,
}

const DARK: Colors = Colors {
    title: Color::Rgb(0x7a, 0xc7, 0xff),
    heading: Color::Rgb(0x8f, 0xd1, 0x9e),
    subheading: Color::Rgb(0xe5, 0xc0, 0x7b),
    code: Color::Rgb(0xe8, 0xa8, 0x70),
    link: Color::Rgb(0x6c, 0xb6, 0xff),
    quiet: Color::Rgb(0x96, 0xa0, 0xaa),
    quote: Color::Rgb(0xbb, 0xc2, 0xcc),
    border: Color::Rgb(0x5c, 0x63, 0x70),
    wrong: Color::Rgb(0xf0, 0x7a, 0x7a),
};

const LIGHT: Colors = Colors {
    title: Color::Rgb(0x00, 0x55, 0xaa),
    heading: Color::Rgb(0x1a, 0x7f, 0x37),
    subheading: Color::Rgb(0x95, 0x5f, 0x00),
    code: Color::Rgb(0xa0, 0x40, 0x10),
    link: Color::Rgb(0x05, 0x50, 0xae),
    quiet: Color::Rgb(0x6a, 0x73, 0x7d),
    quote: Color::Rgb(0x57, 0x60, 0x6a),
    border: Color::Rgb(0xaa, 0xb0, 0xb8),
    wrong: Color::Rgb(0xb3, 0x1d, 0x28),
};
