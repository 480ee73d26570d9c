//! Short answers compared as a person would: full-width input from a Japanese IME, stray
//! spaces and capitals, the many ways to write a range, a percentage or a YAML pair do
//! not make a right answer wrong.

use unicode_normalization::UnicodeNormalization;

/// The one form an answer is compared in: NFKC (full-width letters, digits and
/// punctuation become ASCII), lower-cased, trimmed, runs of spaces folded into one;
/// then a range between numbers written with any dash, wave dash or 「から」 becomes
/// `a-b`, a percentage `n%` (`25.0 %`, `25 パーセント`), an empty `{ }` or `[ ]` loses
/// its spaces, and a single `key: value` pair (also `key=value`, quoted or not) is
/// written `key: value`.
#[must_use]
pub fn normalize_text(text: &str) -> String {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    let spaced = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = empty_collections(&percentages(&ranges(&spaced)));
    key_value(&text).unwrap_or(text)
}

/// Characters an IME or a word processor may put between the two ends of a range: the
/// hyphen and its look-alikes (the kana prolonged sound mark `ー` that a Japanese IME in
/// kana mode types for `-`, the minus sign, en and em dashes) and the wave dashes.
const RANGE_MARKS: &[char] = &[
    '-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}',
    '\u{30fc}', '\u{ff70}', '~', '\u{301c}', '\u{3030}',
];

/// `30000 〜 32767`, `30000ー32767`, `30000から32767` → `30000-32767`.
fn ranges(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        if out.ends_with(|last: char| last.is_ascii_digit())
            && let Some(after) = range_mark_end(&chars, index)
            && chars.get(after).is_some_and(char::is_ascii_digit)
        {
            out.push('-');
            index = after;
            continue;
        }
        out.push(chars[index]);
        index += 1;
    }
    out
}

/// Where a range mark starting at `start` (spaces around it included) ends, if one does.
fn range_mark_end(chars: &[char], start: usize) -> Option<usize> {
    let skip_space = |at: usize| {
        if chars.get(at) == Some(&' ') {
            at + 1
        } else {
            at
        }
    };
    let at = skip_space(start);
    let after_mark = if chars.get(at).is_some_and(|mark| RANGE_MARKS.contains(mark)) {
        at + 1
    } else if chars.get(at..at + 2) == Some(&['か', 'ら']) {
        at + 2
    } else {
        return None;
    };
    Some(skip_space(after_mark))
}

/// `25 パーセント`, `25.0 %`, `25 percent` → `25%`.
fn percentages(text: &str) -> String {
    let text = text.replace("パーセント", "%").replace(" percent", "%");
    let mut out = String::with_capacity(text.len());
    for piece in text.split_inclusive('%') {
        let Some(number) = piece.strip_suffix('%') else {
            out.push_str(piece);
            continue;
        };
        let number = number.trim_end();
        let whole = match number.rsplit_once('.') {
            Some((whole, zeros))
                if !zeros.is_empty()
                    && zeros.chars().all(|digit| digit == '0')
                    && whole.ends_with(|last: char| last.is_ascii_digit()) =>
            {
                whole
            }
            _ => number,
        };
        out.push_str(whole);
        out.push('%');
    }
    out
}

/// `{ }` → `{}`, `[ ]` → `[]` (the space was folded to one already).
fn empty_collections(text: &str) -> String {
    text.replace("{ }", "{}").replace("[ ]", "[]")
}

/// One `key: value` pair in its YAML form: `key:value`, `key = value` and a value in
/// single or double quotes are the same pair. `None` when the answer is not one pair.
fn key_value(text: &str) -> Option<String> {
    let separator = text.find([':', '='])?;
    let key = text[..separator].trim_end();
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-');
    if key.is_empty()
        || !key.starts_with(|first: char| first.is_ascii_alphanumeric())
        || !key.chars().all(is_key_char)
    {
        return None;
    }
    let value = text[separator + 1..].trim_start();
    if value.is_empty() {
        return None;
    }
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|quote| {
            value
                .strip_prefix(*quote)
                .and_then(|rest| rest.strip_suffix(*quote))
        })
        .unwrap_or(value);
    Some(format!("{key}: {unquoted}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ime_input_is_plain_ascii() {
        assert_eq!(normalize_text("ｍｙ－ｓｅｒｖｉｃｅ"), "my-service");
        assert_eq!(normalize_text("ＮｏｄｅＰｏｒｔ"), "nodeport");
        assert_eq!(normalize_text("３００８０"), "30080");
    }

    #[test]
    fn spaces_and_case_do_not_matter() {
        assert_eq!(normalize_text("  Cluster  IP \n"), "cluster ip");
        assert_eq!(normalize_text("\u{3000}ClusterIP\u{3000}"), "clusterip");
    }

    #[test]
    fn kana_and_kanji_are_kept() {
        assert_eq!(normalize_text("ｻｰﾋﾞｽ"), "サービス");
        assert_eq!(normalize_text("名前解決"), "名前解決");
        // The prolonged sound mark is a dash only between digits.
        assert_eq!(normalize_text("サーバー"), "サーバー");
    }

    #[test]
    fn a_range_is_the_same_range_however_it_is_written() {
        for written in [
            "30000-32767",
            "30000 - 32767",
            "３００００ー３２７６７",
            "30000〜32767",
            "30000 ~ 32767",
            "30000～32767",
            "30000から32767",
            "30000 から 32767",
            "30000−32767",
            "30000–32767",
            "30000—32767",
        ] {
            assert_eq!(normalize_text(written), "30000-32767", "{written}");
        }
        // A dash that is not between two numbers stays what it was.
        assert_eq!(normalize_text("api-server-v1"), "api-server-v1");
        assert_eq!(normalize_text("-1"), "-1");
        assert_eq!(normalize_text("v1 〜"), "v1 〜");
    }

    #[test]
    fn a_percentage_is_the_same_however_it_is_written() {
        for written in [
            "25%",
            "25 %",
            "25.0%",
            "２５％",
            "25 パーセント",
            "25パーセント",
        ] {
            assert_eq!(normalize_text(written), "25%", "{written}");
        }
        assert_eq!(normalize_text("25.5%"), "25.5%");
        assert_eq!(normalize_text("2.50%"), "2.50%");
        assert_ne!(normalize_text("25%"), normalize_text("250%"));
    }

    #[test]
    fn a_yaml_pair_is_the_same_however_it_is_written() {
        for written in [
            "podSelector: {}",
            "podSelector:{}",
            "podSelector: { }",
            "podSelector = {}",
        ] {
            assert_eq!(normalize_text(written), "podselector: {}", "{written}");
        }
        for written in [
            "external-dns.alpha.kubernetes.io/hostname: api.example.com",
            "external-dns.alpha.kubernetes.io/hostname: 'api.example.com'",
            "external-dns.alpha.kubernetes.io/hostname: \"api.example.com\"",
            "external-dns.alpha.kubernetes.io/hostname=api.example.com",
        ] {
            assert_eq!(
                normalize_text(written),
                "external-dns.alpha.kubernetes.io/hostname: api.example.com",
                "{written}"
            );
        }
        assert_eq!(normalize_text("{ }"), "{}");
        // Not one pair: left as it is.
        assert_eq!(normalize_text("port: 80 or 443?"), "port: 80 or 443?");
        assert_eq!(normalize_text("名前: x"), "名前: x");
        assert_eq!(normalize_text("key:"), "key:");
    }

    #[test]
    fn different_answers_stay_different() {
        assert_ne!(
            normalize_text("my-service.default"),
            normalize_text("my-service")
        );
        assert_ne!(normalize_text("a: 'b'"), normalize_text("a: b'"));
        assert_eq!(normalize_text(""), "");
    }
}
