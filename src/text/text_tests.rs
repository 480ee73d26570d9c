use super::*;

fn texts(lines: &[Line<'static>]) -> Vec<String> {
    lines.iter().map(ToString::to_string).collect()
}

fn plain(text: &str, width: usize) -> Vec<String> {
    texts(&wrap(&[Run::new(text, Style::default())], width))
}

fn assert_fits(lines: &[String], width: usize) {
    for line in lines {
        assert!(
            display_width(line) <= width,
            "{line:?} is wider than {width}"
        );
    }
}

#[test]
fn japanese_wraps_by_display_columns() {
    let lines = plain("全てのPodはNATなしで直接通信できる", 10);
    assert_fits(&lines, 10);
    assert_eq!(lines.concat(), "全てのPodはNATなしで直接通信できる");
    assert_eq!(lines[0], "全てのPod");
}

#[test]
fn kinsoku_no_line_starts_with_closing_punctuation() {
    // At width 10 "。" would start the second line; it is carried with "だ".
    let cases = [
        ("シンプルだ。全て", 10),
        ("あいう、えおか", 6),
        ("あいうえ」かき", 8),
        ("ああキャット", 6),
        ("ああパーティ", 6),
        ("あいう！？かき", 6),
    ];
    for (text, width) in cases {
        let lines = plain(text, width);
        for line in &lines[1..] {
            let first = line.chars().next().unwrap();
            assert!(
                !is_line_start_forbidden(first),
                "{text:?} at {width}: {lines:?}"
            );
        }
        assert_eq!(lines.concat(), text);
    }
}

#[test]
fn kinsoku_no_line_ends_with_opening_bracket() {
    for (text, width) in [
        ("ああ「かぎ」", 6),
        ("あい（かっこ）", 6),
        ("ああ『本』です", 6),
    ] {
        let lines = plain(text, width);
        for line in &lines[..lines.len() - 1] {
            let last = line.chars().last().unwrap();
            assert!(
                !is_line_end_forbidden(last),
                "{text:?} at {width}: {lines:?}"
            );
        }
    }
}

#[test]
fn technical_tokens_stay_whole() {
    for token in [
        "my-service.my-namespace.svc.cluster.local",
        "api-server-v1",
        "10.0.1.5",
        "80/TCP",
        "HTTP/HTTPS/TCP/UDP/gRPC",
    ] {
        let text = format!("名前は {token} です");
        let lines = plain(&text, display_width(token) + 2);
        assert!(
            lines.iter().any(|line| line.contains(token)),
            "{token}: {lines:?}"
        );
    }
}

#[test]
fn latin_words_are_not_split() {
    let lines = plain("Service acts as a load balancer", 12);
    assert_eq!(lines, ["Service acts", "as a load", "balancer"]);
}

#[test]
fn mixed_japanese_and_english() {
    let lines = plain("Service がロードバランサーとして機能する。", 16);
    assert_fits(&lines, 16);
    assert_eq!(lines[0], "Service がロード");
    assert_eq!(
        lines.concat().replace(' ', ""),
        "Serviceがロードバランサーとして機能する。"
    );
}

#[test]
fn words_longer_than_the_line_are_cut() {
    let lines = plain("a my-service.my-namespace.svc b", 10);
    assert_fits(&lines, 10);
    assert_eq!(lines, ["a", "my-service", ".my-namesp", "ace.svc b"]);
}

#[test]
fn width_one_puts_one_character_on_each_line() {
    let lines = plain("日本ab", 1);
    assert_eq!(lines, ["日", "本", "a", "b"]);
}

#[test]
fn emoji_count_two_columns_and_stay_whole() {
    let lines = plain("👍👍👍 ok", 4);
    assert_eq!(lines, ["👍👍", "👍", "ok"]);
    let family = "👨‍👩‍👧";
    let lines = plain(&format!("{family}{family}"), 2);
    assert!(lines.iter().all(|line| line == family), "{lines:?}");
}

#[test]
fn full_width_punctuation_stays_with_its_word() {
    let lines = plain("Ｐｏｄ：１０個。", 4);
    assert_fits(&lines, 4);
    for line in &lines[1..] {
        assert!(
            !is_line_start_forbidden(line.chars().next().unwrap()),
            "{lines:?}"
        );
    }
}

#[test]
fn inline_code_is_unbreakable_unless_too_long() {
    let runs = [
        Run::new("run ", Style::default()),
        Run {
            text: "kubectl get svc".into(),
            style: Style::default(),
            unbreakable: true,
        },
    ];
    assert_eq!(texts(&wrap(&runs, 16)), ["run", "kubectl get svc"]);
}

#[test]
fn styles_follow_their_text_across_lines() {
    let bold = Style::default().bold();
    let runs = [
        Run::new("abc ", Style::default()),
        Run::new("def ghi", bold),
    ];
    let lines = wrap(&runs, 7);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].spans[1], Span::styled("def", bold));
    assert_eq!(lines[1].spans[0], Span::styled("ghi", bold));
}

#[test]
fn min_content_width_is_the_widest_unbreakable_piece() {
    let runs = [Run::new("Pod 間通信 api-server-v1", Style::default())];
    assert_eq!(min_content_width(&runs), display_width("api-server-v1"));
}

#[test]
fn empty_text_is_one_empty_line() {
    assert_eq!(plain("", 10), [""]);
}

#[test]
fn an_ideographic_indent_is_kept() {
    assert_eq!(plain("\u{3000}字下げの段落", 40), ["\u{3000}字下げの段落"]);
}

#[test]
fn many_inline_code_spans_wrap_in_linear_time() {
    let runs: Vec<Run> = (0..20_000)
        .map(|index| Run {
            text: format!("c{index} "),
            style: Style::default(),
            unbreakable: index % 2 == 0,
        })
        .collect();
    let lines = wrap(&runs, 40);
    assert!(lines.iter().all(|line| line.width() <= 40));
}

/// Deterministic pseudo-random text mixing kanji, kana (small ones too), full-width and
/// ASCII punctuation, technical tokens, spaces and emoji.
fn generated_texts() -> Vec<String> {
    const PIECES: &[&str] = &[
        "全て",
        "の",
        "Pod",
        "は",
        "直接",
        "通信",
        "できる",
        "。",
        "、",
        "「",
        "」",
        "（",
        "）",
        "ッ",
        "ャ",
        "ー",
        " ",
        " ",
        "api-server-v1",
        "80/TCP",
        "10.0.1.5",
        "Service",
        "acts",
        "as",
        "a",
        "load",
        "balancer",
        ",",
        ".",
        "!",
        "👍",
        "Ｐｏｄ",
        "：",
        "my-service.my-namespace.svc.cluster.local",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..300)
        .map(|_| {
            let length = 1 + next() % 30;
            let mut text = String::new();
            for _ in 0..length {
                let piece = PIECES[usize::try_from(next() % PIECES.len() as u64).unwrap()];
                // As in real sentences: ASCII words are separated, and a mark that
                // cannot start a line follows a word, one that cannot end a line
                // precedes one.
                if piece.is_ascii()
                    && text
                        .chars()
                        .last()
                        .is_some_and(|c| c.is_ascii_alphanumeric())
                {
                    text.push(' ');
                }
                let last = text.chars().last();
                let first = piece.chars().next().unwrap();
                if is_line_start_forbidden(first)
                    && last.is_none_or(|c| c.is_ascii() || is_line_start_forbidden(c))
                {
                    text.push('通');
                }
                text.push_str(piece);
                if piece.chars().last().is_some_and(is_line_end_forbidden) {
                    text.push('信');
                }
            }
            text
        })
        .collect()
}

#[test]
fn generated_text_fits_and_loses_nothing_at_every_width() {
    for text in generated_texts() {
        for width in [1, 2, 3, 5, 8, 13, 21, 40] {
            let lines = plain(&text, width);
            for line in &lines {
                let single = line.graphemes(true).count() <= 1;
                assert!(
                    display_width(line) <= width || single,
                    "{text:?} at {width}: {lines:?}"
                );
            }
            let kept: String = lines.concat().chars().filter(|c| *c != ' ').collect();
            let given: String = text.chars().filter(|c| *c != ' ').collect();
            assert_eq!(kept, given, "{text:?} at {width}");
        }
    }
}

#[test]
fn generated_text_obeys_japanese_kinsoku() {
    // Japanese rules (ASCII punctuation may start a line when a too-long token is cut).
    for text in generated_texts() {
        for width in [10, 20, 50] {
            let lines = plain(&text, width);
            for pair in lines.windows(2) {
                let first = pair[1].chars().next().unwrap();
                let last = pair[0].chars().last().unwrap();
                assert!(
                    first.is_ascii() || !is_line_start_forbidden(first),
                    "{text:?} at {width}: {lines:?}"
                );
                assert!(
                    last.is_ascii() || !is_line_end_forbidden(last),
                    "{text:?} at {width}: {lines:?}"
                );
            }
        }
    }
}
