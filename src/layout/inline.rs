//! Inline content → styled runs for the wrapper, with one style stack.

use ratatui::style::{Modifier, Style};

use crate::course::{Inline, plain_text};
use crate::text::{Run, display_width};
use crate::theme::Theme;

/// Inlines as runs, `base` under every style. Inline code is unbreakable; a link shows
/// its URL after the text unless the text is the URL.
#[must_use]
pub fn inline_runs(inlines: &[Inline], base: Style, theme: &Theme) -> Vec<Run> {
    let mut builder = RunBuilder {
        runs: Vec::new(),
        soft_break_pending: false,
        theme,
    };
    builder.push_all(inlines, base);
    builder.runs
}

struct RunBuilder<'a> {
    runs: Vec<Run>,
    soft_break_pending: bool,
    theme: &'a Theme,
}

impl RunBuilder<'_> {
    fn push_all(&mut self, inlines: &[Inline], style: Style) {
        for inline in inlines {
            match inline {
                Inline::Text(text) => self.push(text, style, false),
                Inline::Code(code) => self.push(code, style.patch(self.theme.inline_code), true),
                Inline::Emphasis(children) => {
                    self.push_all(children, style.add_modifier(Modifier::ITALIC));
                }
                Inline::Strong(children) => {
                    self.push_all(children, style.add_modifier(Modifier::BOLD));
                }
                Inline::Strikethrough(children) => {
                    self.push_all(children, style.add_modifier(Modifier::CROSSED_OUT));
                }
                Inline::Link { url, content } => {
                    self.push_all(content, style.patch(self.theme.link));
                    if plain_text(content) != *url && !url.is_empty() {
                        self.push(" ", style, false);
                        self.push(&format!("<{url}>"), style.patch(self.theme.url), true);
                    }
                }
                Inline::SoftBreak => self.soft_break_pending = true,
                // Paragraph layout splits at hard breaks before runs are built.
                Inline::HardBreak => {}
            }
        }
    }

    fn push(&mut self, text: &str, style: Style, unbreakable: bool) {
        if std::mem::take(&mut self.soft_break_pending) && !self.joins_without_space(text) {
            self.runs.push(Run::new(" ", style));
        }
        if text.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.style == style && !unbreakable && !last.unbreakable => {
                last.text.push_str(text);
            }
            _ => self.runs.push(Run {
                text: text.to_owned(),
                style,
                unbreakable,
            }),
        }
    }

    /// A line break in the source between two wide (CJK) characters is no space at all:
    /// Japanese sentences wrapped in the source must not gain spaces.
    fn joins_without_space(&self, next: &str) -> bool {
        let before = self
            .runs
            .last()
            .and_then(|run| run.text.chars().next_back());
        let after = next.chars().next();
        let is_wide = |character: char| display_width(character.encode_utf8(&mut [0; 4])) == 2;
        // After Japanese punctuation (、。」) no space either: it carries its own.
        let is_japanese_punctuation = |character: char| {
            matches!(
                character,
                '、' | '。' | '，' | '．' | '」' | '』' | '）' | '】' | '：' | '；' | '！' | '？'
            )
        };
        matches!((before, after), (Some(before), Some(after))
            if (is_wide(before) && is_wide(after)) || is_japanese_punctuation(before))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theme::ThemeKind;

    fn texts(inlines: &[Inline]) -> Vec<String> {
        inline_runs(inlines, Style::default(), &Theme::new(ThemeKind::Dark))
            .into_iter()
            .map(|run| run.text)
            .collect()
    }

    #[test]
    fn soft_breaks_between_japanese_vanish() {
        let inlines = [
            Inline::Text("通信".into()),
            Inline::SoftBreak,
            Inline::Text("できる".into()),
        ];
        assert_eq!(texts(&inlines).concat(), "通信できる");
        let inlines = [
            Inline::Text("Pod".into()),
            Inline::SoftBreak,
            Inline::Text("は".into()),
        ];
        assert_eq!(texts(&inlines).concat(), "Pod は");
    }

    #[test]
    fn links_show_their_url_unless_it_is_the_text() {
        let link = |text: &str, url: &str| Inline::Link {
            url: url.into(),
            content: vec![Inline::Text(text.into())],
        };
        assert_eq!(
            texts(&[link("docs", "https://k8s.io")]),
            ["docs", " ", "<https://k8s.io>"]
        );
        assert_eq!(
            texts(&[link("https://k8s.io", "https://k8s.io")]),
            ["https://k8s.io"]
        );
    }

    #[test]
    fn inline_code_is_its_own_unbreakable_run() {
        let runs = inline_runs(
            &[
                Inline::Text("run ".into()),
                Inline::Code("kubectl get svc".into()),
            ],
            Style::default(),
            &Theme::new(ThemeKind::Dark),
        );
        assert!(runs[1].unbreakable && !runs[0].unbreakable);
    }
}
