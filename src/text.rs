//! Text measured for a terminal: display width in columns, and line breaking by those
//! columns (UAX #14 break opportunities, narrowed by Japanese kinsoku rules and by
//! keeping technical tokens such as `api-server-v1` or `80/TCP` whole). A leaf: it knows
//! no lesson, layout or diagram, which both measure with it.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_linebreak::linebreaks;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A piece of text in one style; `unbreakable` text (inline code) is only split when it
/// is longer than a whole line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    pub text: String,
    pub style: Style,
    pub unbreakable: bool,
}

impl Run {
    /// Breakable text in a style.
    pub fn new(text: impl Into<String>, style: Style) -> Self {
        Self {
            text: text.into(),
            style,
            unbreakable: false,
        }
    }
}

/// Characters a line must not start with (行頭禁則): closing brackets and quotes,
/// punctuation, the prolonged sound mark, iteration marks and small kana.
#[rustfmt::skip]
fn is_line_start_forbidden(character: char) -> bool {
    matches!(
        character,
        ')' | ']' | '}' | ',' | '.' | ':' | ';' | '?' | '!'
        | '）' | '］' | '｝' | '〕' | '〉' | '》' | '」' | '』' | '】' | '〙' | '〗' | '〟'
        | '’' | '”' | '｠' | '»' | '｣'
        | '、' | '。' | '，' | '．' | '・' | '：' | '；' | '？' | '！' | '｡' | '､'
        | 'ー' | 'ｰ' | 'ゝ' | 'ゞ' | 'ヽ' | 'ヾ' | '々' | '〻' | '‐' | '゠' | '–' | '〜' | '～'
        | 'ぁ' | 'ぃ' | 'ぅ' | 'ぇ' | 'ぉ' | 'っ' | 'ゃ' | 'ゅ' | 'ょ' | 'ゎ' | 'ゕ' | 'ゖ'
        | 'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ッ' | 'ャ' | 'ュ' | 'ョ' | 'ヮ' | 'ヵ' | 'ヶ'
        | 'ｧ' | 'ｨ' | 'ｩ' | 'ｪ' | 'ｫ' | 'ｯ' | 'ｬ' | 'ｭ' | 'ｮ' | 'ㇰ'..='ㇿ'
    )
}

/// Characters a line must not end with (行末禁則): opening brackets and quotes.
#[rustfmt::skip]
fn is_line_end_forbidden(character: char) -> bool {
    matches!(
        character,
        '(' | '[' | '{' | '（' | '［' | '｛' | '「' | '『' | '【' | '〔' | '〈' | '《' | '〘' | '〖'
        | '〝' | '‘' | '“' | '｟' | '«' | '｢'
    )
}

/// Whether a break between these two characters would split a technical token: UAX #14
/// allows breaks after `-` and `/`, but `my-service.ns.svc` and `80/TCP` read as one word.
fn splits_token(before: char, after: char) -> bool {
    before.is_ascii_graphic() && after.is_ascii_graphic()
}

/// Display width of text in terminal columns (CJK counts 2).
#[must_use]
pub fn display_width(text: &str) -> usize {
    text.width()
}

/// Byte offsets where a line may break, after filtering UAX #14's opportunities.
fn break_positions(text: &str, unbreakable: &[Range<usize>]) -> Vec<usize> {
    linebreaks(text)
        .filter(|(position, _)| {
            let position = *position;
            if position >= text.len() {
                return false;
            }
            // The ranges are in text order and disjoint: only the last one starting
            // before `position` can contain it.
            let candidate = unbreakable.partition_point(|range| range.start < position);
            if candidate > 0 && position < unbreakable[candidate - 1].end {
                return false;
            }
            let before = text[..position].chars().next_back();
            let after = text[position..].chars().next();
            match (before, after) {
                (Some(before), Some(after)) => {
                    !splits_token(before, after)
                        && !is_line_start_forbidden(after)
                        && !is_line_end_forbidden(before)
                }
                _ => true,
            }
        })
        .map(|(position, _)| position)
        .collect()
}

/// The widest piece that can never be broken: a table column needs at least this.
#[must_use]
pub fn min_content_width(runs: &[Run]) -> usize {
    let Joined {
        text, unbreakable, ..
    } = concatenate(runs);
    let mut start = 0;
    let mut widest = 0;
    for end in break_positions(&text, &unbreakable)
        .into_iter()
        .chain([text.len()])
    {
        widest = widest.max(display_width(text[start..end].trim_end_matches(' ')));
        start = end;
    }
    widest
}

/// Runs joined into one string, with where each style and each unbreakable run lies.
struct Joined {
    text: String,
    styles: Vec<(Range<usize>, Style)>,
    unbreakable: Vec<Range<usize>>,
}

/// The widest single character (grapheme): no column can be narrower.
#[must_use]
pub fn widest_grapheme(runs: &[Run]) -> usize {
    runs.iter()
        .flat_map(|run| run.text.graphemes(true))
        .map(display_width)
        .max()
        .unwrap_or(0)
}

fn concatenate(runs: &[Run]) -> Joined {
    let mut text = String::new();
    let mut styles = Vec::with_capacity(runs.len());
    let mut unbreakable = Vec::new();
    for run in runs {
        let range = text.len()..text.len() + run.text.len();
        text.push_str(&run.text);
        if run.unbreakable {
            unbreakable.push(range.clone());
        }
        styles.push((range, run.style));
    }
    Joined {
        text,
        styles,
        unbreakable,
    }
}

/// Wraps styled runs into lines of at most `width` columns. A line always takes at least
/// one character, so a character wider than `width` still appears.
#[must_use]
pub fn wrap(runs: &[Run], width: usize) -> Vec<Line<'static>> {
    wrap_marking_spaces(runs, width)
        .into_iter()
        .map(|(line, _)| line)
        .collect()
}

/// Like [`wrap`], saying for each line whether the break before it swallowed a space
/// (`Service acts` → `Service` / `acts`), so search can tell words from a wrapped
/// Japanese sentence.
#[must_use]
pub fn wrap_marking_spaces(runs: &[Run], width: usize) -> Vec<(Line<'static>, bool)> {
    let Joined {
        text,
        styles,
        unbreakable,
    } = concatenate(runs);
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut line_start = 0;
    let mut line_width = 0;
    let mut segment_start = 0;
    for segment_end in break_positions(&text, &unbreakable)
        .into_iter()
        .chain([text.len()])
    {
        let segment = &text[segment_start..segment_end];
        let body_width = display_width(segment.trim_end_matches(' '));
        if line_width + body_width > width && line_start < segment_start {
            lines.push(line_start..segment_start);
            line_start = segment_start;
            line_width = 0;
        }
        if body_width > width {
            let (kept_from, kept_width) =
                split_long(&text, segment_start, segment_end, width, &mut lines);
            line_start = kept_from;
            line_width = kept_width;
        } else {
            line_width += display_width(segment);
        }
        segment_start = segment_end;
    }
    if line_start < text.len() || lines.is_empty() {
        lines.push(line_start..text.len());
    }
    lines
        .into_iter()
        .map(|range| {
            let space_before =
                text[..range.start].ends_with(' ') || text[range.clone()].starts_with(' ');
            (
                styled_line(&text, &styles, trim_range(&text, range)),
                space_before,
            )
        })
        .collect()
}

/// Cuts a segment longer than the line into lines by grapheme; returns where the last,
/// partial line starts and its width. A cut moves back, within the line, to a place
/// Japanese kinsoku allows (after a space first), so even a forced break rarely starts a
/// line with `、` or ends one with `「`; ASCII tokens are simply filled.
fn split_long(
    text: &str,
    start: usize,
    end: usize,
    width: usize,
    lines: &mut Vec<Range<usize>>,
) -> (usize, usize) {
    let mut piece_start = start;
    // The graphemes of the line being filled: byte position and width.
    let mut piece: Vec<(usize, usize)> = Vec::new();
    for (offset, grapheme) in text[start..end].grapheme_indices(true) {
        let position = start + offset;
        let grapheme_width = display_width(grapheme);
        let piece_width: usize = piece.iter().map(|(_, width)| width).sum();
        if piece_width + grapheme_width > width
            && position > piece_start
            && !grapheme.trim().is_empty()
        {
            let cut = best_cut(text, &piece, position, width.saturating_sub(grapheme_width));
            lines.push(piece_start..cut);
            piece_start = cut;
            piece.retain(|(at, _)| *at >= cut);
        }
        piece.push((position, grapheme_width));
    }
    (piece_start, piece.iter().map(|(_, width)| width).sum())
}

/// Where to cut a full line whose next grapheme starts at `position`: the latest place
/// after a space, else the latest place Japanese kinsoku allows, else `position` —
/// moving back only as far as what moves to the next line (`room` columns) allows.
fn best_cut(text: &str, piece: &[(usize, usize)], position: usize, room: usize) -> usize {
    let japanese_rule =
        |character: char, rule: fn(char) -> bool| !character.is_ascii() && rule(character);
    // Spaces at the cut are trimmed away, so look past them.
    let allowed = |at: usize| {
        let before = text[..at].trim_end_matches(' ').chars().next_back();
        let after = text[at..].trim_start_matches(' ').chars().next();
        !after.is_some_and(|c| japanese_rule(c, is_line_start_forbidden))
            && !before.is_some_and(|c| japanese_rule(c, is_line_end_forbidden))
    };
    let moved = |at: usize| -> usize {
        piece
            .iter()
            .filter(|(start, _)| *start >= at)
            .map(|(_, width)| width)
            .sum()
    };
    let candidates = || {
        piece
            .iter()
            .skip(1)
            .map(|(at, _)| *at)
            .chain([position])
            .rev()
            .take_while(|at| moved(*at) <= room)
    };
    candidates()
        .find(|at| text[..*at].ends_with(' ') && allowed(*at))
        .or_else(|| candidates().find(|at| allowed(*at)))
        .unwrap_or(position)
}

/// Spaces at a line's ends go; an ideographic space (字下げ) stays.
fn trim_range(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start_matches(' ').len());
    let end = range.start + slice.trim_end_matches(' ').len();
    start..end.max(start)
}

fn styled_line(text: &str, styles: &[(Range<usize>, Style)], range: Range<usize>) -> Line<'static> {
    // Styles are in text order: skip to the first that reaches this line.
    let first = styles.partition_point(|(style_range, _)| style_range.end <= range.start);
    let spans = styles[first..]
        .iter()
        .take_while(|(style_range, _)| style_range.start < range.end)
        .filter_map(|(style_range, style)| {
            let start = style_range.start.max(range.start);
            let end = style_range.end.min(range.end);
            (start < end).then(|| Span::styled(text[start..end].to_owned(), *style))
        })
        .collect::<Vec<_>>();
    Line::from(spans)
}

/// Text cut to `width` columns at a grapheme, ending with `ellipsis`, when it does not
/// fit.
#[must_use]
pub fn fit(text: &str, width: usize, ellipsis: &str) -> String {
    if display_width(text) <= width {
        return text.to_owned();
    }
    let room = width.saturating_sub(display_width(ellipsis));
    let mut fitted = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let grapheme_width = display_width(grapheme);
        if used + grapheme_width > room {
            break;
        }
        fitted.push_str(grapheme);
        used += grapheme_width;
    }
    fitted.truncate(fitted.trim_end().len());
    fitted.push_str(ellipsis);
    fitted
}

#[cfg(test)]
#[path = "text/text_tests.rs"]
mod tests;
