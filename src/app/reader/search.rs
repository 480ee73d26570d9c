//! Incremental search over the laid-out lines (Japanese included): matches are found in
//! the text as shown, so highlighting them needs no mapping back to the source. A match
//! may run across a wrapped line's break; its second half is a `continued` match.

use std::ops::Range;

use crate::layout::{Continuation, LaidOutLesson};

/// A match: a line and the byte range of the match in that line's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMatch {
    pub line: usize,
    pub bytes: Range<usize>,
    /// The rest of the previous match, on the next line after a wrap.
    pub continued: bool,
}

/// The search state: the query, where it was started, its matches and the current one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    pub(super) query: String,
    /// The reading position when the search began, restored on Esc.
    pub(super) origin: usize,
    /// Matches in reading order.
    pub(super) matches: Vec<SearchMatch>,
    pub(super) current: Option<usize>,
}

impl Search {
    /// What the learner typed.
    #[must_use]
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Matches in reading order.
    #[must_use]
    pub fn matches(&self) -> &[SearchMatch] {
        &self.matches
    }

    /// The match the reader is on.
    #[must_use]
    pub fn current(&self) -> Option<usize> {
        self.current
    }

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
        let from = self.matches.partition_point(|found| found.line < line);
        self.primary_from(from).or_else(|| self.primary_from(0))
    }

    /// The next (or previous) match after `index`, wrapping around; continuations of a
    /// match are not matches of their own.
    #[must_use]
    pub fn step(&self, index: usize, forward: bool) -> Option<usize> {
        let count = self.matches.len();
        (1..=count)
            .map(|distance| {
                if forward {
                    (index + distance) % count
                } else {
                    (index + count - distance) % count
                }
            })
            .find(|candidate| !self.matches[*candidate].continued)
    }

    /// How many matches there are, and which one `index` is (1-based).
    #[must_use]
    pub fn position(&self, index: Option<usize>) -> (usize, usize) {
        let primary = |found: &&SearchMatch| !found.continued;
        let total = self.matches.iter().filter(primary).count();
        let current = index
            .and_then(|index| self.matches.get(..=index))
            .map_or(0, |before| before.iter().filter(primary).count());
        (current, total)
    }

    fn primary_from(&self, from: usize) -> Option<usize> {
        (from..self.matches.len()).find(|index| !self.matches[*index].continued)
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
    let texts: Vec<String> = layout
        .lines
        .iter()
        .map(|laid| laid.line.to_string().to_ascii_lowercase())
        .collect();
    let mut matches = Vec::new();
    for (line, text) in texts.iter().enumerate() {
        let mut from = 0;
        while let Some(found) = text[from..].find(&needle) {
            let start = from + found;
            matches.push(SearchMatch {
                line,
                bytes: start..start + needle.len(),
                continued: false,
            });
            from = start + needle.len().max(1);
        }
        let continuation = layout
            .lines
            .get(line + 1)
            .map_or(Continuation::No, |next| next.continues);
        let covered = matches
            .last()
            .filter(|found| found.line == line)
            .map_or(0, |found| found.bytes.end);
        if continuation != Continuation::No {
            let spanning = across_wrap(line, text, &texts[line + 1], &needle, continuation);
            // Not where a match on this line already reaches the end.
            matches.extend(
                spanning
                    .filter(|[head, _]| head.bytes.start >= covered)
                    .into_iter()
                    .flatten(),
            );
        }
    }
    matches
}

/// A match split by a wrap: its start ends `text`, its rest begins `next` after the
/// line's indentation (a quote bar, a list's hanging indent). Where the wrap removed a
/// space the query must have one at the split, and only there.
fn across_wrap(
    line: usize,
    text: &str,
    next: &str,
    needle: &str,
    continuation: Continuation,
) -> Option<[SearchMatch; 2]> {
    let body_start = next.len() - next.trim_start_matches([' ', '┃', '|']).len();
    let body = &next[body_start..];
    needle
        .char_indices()
        .skip(1)
        .filter_map(|(split, _)| {
            let (head, tail) = needle.split_at(split);
            match continuation {
                Continuation::AfterSpace => Some((head, tail.strip_prefix(' ')?)),
                _ if head.ends_with(' ') || tail.starts_with(' ') => None,
                _ => Some((head, tail)),
            }
        })
        .find(|(head, tail)| {
            !head.is_empty() && !tail.is_empty() && text.ends_with(head) && body.starts_with(tail)
        })
        .map(|(head, tail)| {
            [
                SearchMatch {
                    line,
                    bytes: text.len() - head.len()..text.len(),
                    continued: false,
                },
                SearchMatch {
                    line: line + 1,
                    bytes: body_start..body_start + tail.len(),
                    continued: true,
                },
            ]
        })
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
                checklist: &[],
            },
        )
    }

    fn searched(layout: &LaidOutLesson, query: &str) -> Search {
        let mut search = Search {
            query: query.into(),
            ..Search::default()
        };
        search.refresh(layout);
        search
    }

    #[test]
    fn finds_japanese_and_ignores_ascii_case() {
        let layout = layout("CoreDNS による名前解決\n\n```yaml\nname: coredns\n```\n\n名前解決");
        let mut search = searched(&layout, "coredns");
        assert_eq!(search.matches.len(), 2);
        search.query = "名前解決".into();
        search.refresh(&layout);
        let lines: Vec<usize> = search.matches.iter().map(|found| found.line).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(search.position(Some(1)), (2, 2));
        let first = &search.matches[0];
        let text = layout.lines[first.line].line.to_string();
        assert_eq!(&text[first.bytes.clone()], "名前解決");
    }

    #[test]
    fn next_match_wraps_around() {
        let layout = layout("a\n\nb\n\na\n");
        let search = searched(&layout, "a");
        assert_eq!(search.first_at_or_after(0), Some(0));
        assert_eq!(search.first_at_or_after(1), Some(1));
        assert_eq!(search.first_at_or_after(99), Some(0));
        assert_eq!(search.matches_on(4).len(), 1);
        assert!(search.matches_on(2).is_empty());
    }

    #[test]
    fn a_word_split_by_a_wrap_is_found_on_both_lines() {
        // At 40 columns "名前" ends the first line and "Service" the quote's first line.
        let layout = layout(&format!(
            "{}名前解決をする\n\n> {}Service acts\n",
            "あ".repeat(18),
            "い".repeat(15)
        ));
        for query in ["名前解決", "service acts"] {
            let search = searched(&layout, query);
            assert_eq!(search.position(Some(0)), (1, 1), "{query}");
            let [first, rest] = [&search.matches[0], &search.matches[1]];
            assert!(!first.continued && rest.continued);
            assert_eq!(rest.line, first.line + 1);
            let text = |found: &SearchMatch| {
                layout.lines[found.line].line.to_string()[found.bytes.clone()].to_owned()
            };
            let joined = format!("{}{}", text(first), text(rest));
            assert_eq!(joined.to_ascii_lowercase(), query.replace(' ', ""));
            assert_eq!(search.step(0, true), Some(0), "one match, not two");
        }
    }

    #[test]
    fn a_wrap_at_a_space_needs_the_space_in_the_query() {
        let layout = layout(&format!(
            "> {}Service acts\n\n{}名前解決\n",
            "い".repeat(15),
            "あ".repeat(18)
        ));
        let count = |query: &str| {
            let search = searched(&layout, query);
            search.position(Some(0)).1
        };
        assert_eq!(count("service acts"), 1);
        assert_eq!(count("serviceacts"), 0, "the source had a space there");
        assert_eq!(count("名前 解決"), 0, "the Japanese wrap had none");
    }
}
