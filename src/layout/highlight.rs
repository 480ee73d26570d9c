//! Code highlighting: syntect tokens straight to ratatui styles (no ANSI round trip),
//! from the syntax and theme sets built into the binary and loaded once.

use std::sync::LazyLock;

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::Span;
use syntect::easy::HighlightLines;
use syntect::highlighting::{FontStyle, Theme as SyntaxTheme, ThemeSet};
use syntect::parsing::SyntaxSet;

use crate::theme::ThemeKind;

static SYNTAXES: LazyLock<Option<SyntaxSet>> = LazyLock::new(|| {
    syntect::dumps::from_uncompressed_data(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/syntaxes.bin"
    )))
    .ok()
});

static THEMES: LazyLock<Option<ThemeSet>> = LazyLock::new(|| {
    syntect::dumps::from_uncompressed_data(include_bytes!(concat!(env!("OUT_DIR"), "/themes.bin")))
        .ok()
});

fn syntax_theme(kind: ThemeKind) -> Option<&'static SyntaxTheme> {
    let name = match kind {
        ThemeKind::Dark => "base16-ocean.dark",
        ThemeKind::Light => "InspiredGitHub",
    };
    THEMES.as_ref()?.themes.get(name)
}

/// The code's lines as styled spans; a language we do not ship stays in the theme's
/// plain code colour.
#[must_use]
pub fn highlight(lines: &[String], language: &str, kind: ThemeKind) -> Vec<Vec<Span<'static>>> {
    let plain = |style: Style| -> Vec<Vec<Span<'static>>> {
        lines
            .iter()
            .map(|line| vec![Span::styled(line.clone(), style)])
            .collect()
    };
    let (Some(syntaxes), Some(theme)) = (SYNTAXES.as_ref(), syntax_theme(kind)) else {
        return plain(Style::default());
    };
    let foreground = theme.settings.foreground.map_or(Style::default(), |color| {
        Style::new().fg(Color::Rgb(color.r, color.g, color.b))
    });
    let token = if language.is_empty() { "txt" } else { language };
    let Some(syntax) = syntaxes.find_syntax_by_token(token) else {
        return plain(foreground);
    };
    let mut highlighter = HighlightLines::new(syntax, theme);
    let mut with_newline = String::new();
    lines
        .iter()
        .map(|line| {
            with_newline.clear();
            with_newline.push_str(line);
            with_newline.push('\n');
            match highlighter.highlight_line(&with_newline, syntaxes) {
                Ok(tokens) => merge_tokens(tokens),
                Err(_) => vec![Span::styled(line.clone(), foreground)],
            }
        })
        .collect()
}

/// Tokens as spans, neighbours of one style merged: fewer spans, fewer escape codes.
fn merge_tokens(tokens: Vec<(syntect::highlighting::Style, &str)>) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::with_capacity(tokens.len());
    for (style, text) in tokens {
        let text = text.trim_end_matches('\n');
        if text.is_empty() {
            continue;
        }
        let style = convert(style);
        match spans.last_mut() {
            Some(last) if last.style == style => last.content.to_mut().push_str(text),
            _ => spans.push(Span::styled(text.to_owned(), style)),
        }
    }
    spans
}

fn convert(style: syntect::highlighting::Style) -> Style {
    let color = style.foreground;
    let mut converted = Style::new().fg(Color::Rgb(color.r, color.g, color.b));
    if style.font_style.contains(FontStyle::BOLD) {
        converted = converted.add_modifier(Modifier::BOLD);
    }
    if style.font_style.contains(FontStyle::ITALIC) {
        converted = converted.add_modifier(Modifier::ITALIC);
    }
    if style.font_style.contains(FontStyle::UNDERLINE) {
        converted = converted.add_modifier(Modifier::UNDERLINED);
    }
    converted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn colours(lines: &[Vec<Span<'static>>]) -> std::collections::HashSet<Option<Color>> {
        lines.iter().flatten().map(|span| span.style.fg).collect()
    }

    #[test]
    fn yaml_keys_values_and_comments_get_different_colours() {
        let lines = [
            "# comment".to_owned(),
            "kind: Service".to_owned(),
            "port: 80".to_owned(),
        ];
        let highlighted = highlight(&lines, "yaml", ThemeKind::Dark);
        let text: Vec<String> = highlighted
            .iter()
            .map(|line| line.iter().map(|span| span.content.as_ref()).collect())
            .collect();
        assert_eq!(text, lines);
        assert!(colours(&highlighted).len() >= 3, "{highlighted:?}");
    }

    #[test]
    fn every_shipped_language_is_found() {
        let syntaxes = SYNTAXES.as_ref().unwrap();
        for token in ["yaml", "yml", "bash", "sh", "json", "txt", "text"] {
            assert!(syntaxes.find_syntax_by_token(token).is_some(), "{token}");
        }
        assert!(syntax_theme(ThemeKind::Dark).is_some());
        assert!(syntax_theme(ThemeKind::Light).is_some());
    }

    #[test]
    fn unknown_language_stays_plain() {
        assert!(SYNTAXES.is_some() && THEMES.is_some());
        let highlighted = highlight(&["x = 1".to_owned()], "cobol", ThemeKind::Light);
        assert_eq!(highlighted.len(), 1);
        assert_eq!(colours(&highlighted).len(), 1);
    }
}
