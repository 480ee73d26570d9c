//! Incremental search over the laid-out lines (Japanese included): matches are found in
//! the text as shown, so highlighting them needs no mapping back to the source.

use std::ops::Range;

use crate::layout::LaidOutLesson;

/// A match: a line and the byte range of the match in that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMatch {
    pub line: usize,
    pub bytes: Range<usize>,
}

/// The search state: the query, where it was started, its matches and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    /// The reading position when the search began, restored on Esc.
    pub origin: usize,
    /// Matches in reading order.
    pub matches: Vec<SearchMatch>,
    pub current: Option<usize>,
}

impl Search {
    /// Finds the query's matches again (after typing, or after the layout changed).
    pub fn refresh(&mut self, layout: &LaidOutLesson) {
        let current_line = self
            .current
            .and_then(|index| self.matches.get(index))
            .map(|found| found.line);
        self.matches = find(layout, &self.query);
        self.current = current_line.and_then(|line| self.first_at_or_after(line));
    }

    /// Index of the first match on `line` or later, wrapping to the first match.
    #[must_use]
    pub fn first_at_or_after(&self, line: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let index = self.matches.partition_point(|found| found.line < line);
        Some(if index < self.matches.len() { index } else { 0 })
    }

    /// The matches on one line.
    #[must_use]
    pub fn matches_on(&self, line: usize) -> &[SearchMatch] {
        let start = self.matches.partition_point(|found| found.line < line);
        let end = self.matches.partition_point(|found| found.line <= line);
        &self.matches[start..end]
    }

    /// Whether there is a query whose matches are shown.
    #[must_use]
    pub fn is_active(&self) -> bool {
        !self.query.is_empty()
    }
}

/// Every occurrence of `query` in the laid-out text; ASCII letters match either case.
fn find(layout: &LaidOutLesson, query: &str) -> Vec<SearchMatch> {
    if query.is_empty() {
        return Vec::new();
    }
    let needle = query.to_ascii_lowercase();
    let mut matches = Vec::new();
    for (line_index, laid) in layout.lines.iter().enumerate() {
        let text: String = laid
            .line
            .spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect::<String>()
            .to_ascii_lowercase();
        let mut from = 0;
        while let Some(found) = text[from..].find(&needle) {
            let start = from + found;
            matches.push(SearchMatch {
                line: line_index,
                bytes: start..start + needle.len(),
            });
            from = start + needle.len().max(1);
        }
    }
    matches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::parse_lesson;
    use crate::layout::glyphs::UNICODE;
    use crate::layout::{LayoutOptions, lay_out};
    use crate::theme::{Theme, ThemeKind};

    fn layout(body: &str) -> LaidOutLesson {
        let text = format!("---\nid: t\ntitle: T\nminutes: 1\n---\n{body}");
        let lesson = parse_lesson(&text, "t.md").unwrap();
        let theme = Theme::new(ThemeKind::Dark);
        lay_out(
            &lesson,
            &LayoutOptions {
                width: 40,
                theme: &theme,
                glyphs: &UNICODE,
            },
        )
    }

    #[test]
    fn finds_japanese_and_ignores_ascii_case() {
        let layout = layout("CoreDNS による名前解決\n\n```yaml\nname: coredns\n```\n\n名前解決");
        let mut search = Search {
            query: "coredns".into(),
            ..Search::default()
        };
        search.refresh(&layout);
        assert_eq!(search.matches.len(), 2);
        search.query = "名前解決".into();
        search.refresh(&layout);
        let lines: Vec<usize> = search.matches.iter().map(|found| found.line).collect();
        assert_eq!(lines.len(), 2);
        let first = &search.matches[0];
        let text = layout.lines[first.line].line.to_string();
        assert_eq!(&text[first.bytes.clone()], "名前解決");
    }

    #[test]
    fn next_match_wraps_around() {
        let layout = layout("a\n\nb\n\na\n");
        let mut search = Search {
            query: "a".into(),
            ..Search::default()
        };
        search.refresh(&layout);
        assert_eq!(search.first_at_or_after(0), Some(0));
        assert_eq!(search.first_at_or_after(1), Some(1));
        assert_eq!(search.first_at_or_after(99), Some(0));
        assert_eq!(search.matches_on(4).len(), 1);
        assert!(search.matches_on(2).is_empty());
    }
}
