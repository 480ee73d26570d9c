use super::*;
use crate::strings::doctor::{EN, JA};

#[test]
fn sizes_below_the_least_must_be_fixed_and_small_ones_are_noted() {
    assert_eq!(size((120, 40), (40, 12), &EN).status, Status::Ok);
    assert_eq!(size((60, 20), (40, 12), &EN).status, Status::Note);
    let small = size((30, 10), (40, 12), &EN);
    assert_eq!(small.status, Status::Fix);
    assert_eq!(small.found, "30×10: manabi needs at least 40×12");
}

#[test]
fn colours_say_what_they_rest_on() {
    let environment = ColourEnvironment {
        term: Some("xterm".into()),
        colorterm: None,
        no_color: false,
        never: false,
    };
    let basic = colour(ColorDepth::Ansi16, &environment, &EN);
    assert_eq!(
        (basic.status, basic.found.as_str()),
        (Status::Note, "16 colours (TERM=xterm)")
    );
    assert!(basic.advice.unwrap().contains("COLORTERM=truecolor"));
    let none = colour(
        ColorDepth::None,
        &ColourEnvironment {
            no_color: true,
            ..environment.clone()
        },
        &EN,
    );
    assert_eq!(none.found, "none (NO_COLOR)");
    let asked = colour(
        ColorDepth::None,
        &ColourEnvironment {
            never: true,
            ..environment.clone()
        },
        &EN,
    );
    assert_eq!(asked.found, "none (--color never)");
    let full = colour(
        ColorDepth::TrueColor,
        &ColourEnvironment {
            colorterm: Some("truecolor".into()),
            ..environment
        },
        &JA,
    );
    assert_eq!(full.status, Status::Ok);
    assert!(full.found.contains("COLORTERM=truecolor"));
}

#[test]
fn a_silent_terminal_is_noted_and_wrong_japanese_widths_must_be_fixed() {
    let silent = terminal(&TerminalAnswers::default(), 300, &EN);
    assert_eq!(silent.len(), 4);
    assert!(silent.iter().all(|check| check.status == Status::Note));
    assert!(silent[0].found.contains("300 ms"));
    let answered = TerminalAnswers {
        answered: true,
        background: Some((0xff, 0xff, 0xf0)),
        ambiguous_wide: Some(true),
        japanese_columns: Some(6),
    };
    let checks = terminal(&answered, 300, &EN);
    assert_eq!(checks[0].status, Status::Ok);
    assert!(
        checks[1].found.starts_with("light (#fffff0)"),
        "{}",
        checks[1].found
    );
    assert_eq!(checks[2].status, Status::Note);
    assert!(checks[2].found.contains("ASCII"));
    assert_eq!(checks[3].status, Status::Fix);
    assert!(checks[3].found.contains("6 columns instead of 12"));
    let right = terminal(
        &TerminalAnswers {
            japanese_columns: Some(JAPANESE_COLUMNS),
            ambiguous_wide: Some(false),
            ..answered
        },
        300,
        &EN,
    );
    assert_eq!(right[2].status, Status::Ok);
    assert_eq!(right[3].status, Status::Ok);
}

#[test]
fn the_first_locale_variable_set_decides() {
    let checks = [
        (
            &[
                ("LC_ALL", None),
                ("LC_CTYPE", None),
                ("LANG", Some("ja_JP.UTF-8")),
            ][..],
            Status::Ok,
        ),
        (
            &[("LC_ALL", Some("C")), ("LANG", Some("ja_JP.UTF-8"))][..],
            Status::Fix,
        ),
        (
            &[("LC_ALL", Some("")), ("LANG", Some("en_US.utf8"))][..],
            Status::Ok,
        ),
        (&[("LANG", None)][..], Status::Fix),
    ];
    for (variables, status) in checks {
        assert_eq!(locale(variables, &EN).status, status, "{variables:?}");
    }
    assert_eq!(
        locale(&[("LC_ALL", Some("C"))], &EN).found,
        "LC_ALL=C is not UTF-8"
    );
}

#[test]
fn the_store_course_and_class_checks() {
    let writable = StoreFound::Writable {
        bytes: 3 * 1024 * 1024 + 512 * 1024,
        schema: 4,
        profiles: 2,
        notices: Vec::new(),
    };
    let ok = store("/data", &writable, &EN);
    assert_eq!(ok.status, Status::Ok);
    assert_eq!(ok.found, "/data: writable, 3.5 MB, schema 4, 2 profile(s)");
    let repaired = store(
        "/data",
        &StoreFound::Writable {
            bytes: 4096,
            schema: 4,
            profiles: 0,
            notices: vec!["a damaged file was moved aside".into()],
        },
        &EN,
    );
    assert_eq!(repaired.status, Status::Note);
    assert!(repaired.found.ends_with("; a damaged file was moved aside"));
    let read_only = store(
        "/data",
        &StoreFound::ReadOnly("read-only file system".into()),
        &EN,
    );
    assert_eq!(read_only.status, Status::Fix);
    assert!(read_only.advice.is_some());
    assert_eq!(course("built-in", 1, 0, &EN).status, Status::Ok);
    let broken = course("/course", 2, 3, &EN);
    assert_eq!(
        (broken.status, broken.found.as_str()),
        (Status::Fix, "/course: 3 problem(s)")
    );
    assert_eq!(class("10.0.0.2:47310", Ok(()), &EN).status, Status::Ok);
    assert_eq!(
        class("10.0.0.2:47310", Err("connection refused".into()), &EN).status,
        Status::Fix
    );
}

#[test]
fn the_report_says_what_to_fix_in_text_and_json() {
    let report = Report::new(vec![
        size((120, 40), (40, 12), &EN),
        locale(&[("LANG", Some("C"))], &EN),
        skipped("answers", EN.answers, EN.not_a_terminal, &EN),
    ]);
    assert!(!report.ok);
    let text = report.text(&EN, false);
    assert!(text.contains("✓ terminal size"), "{text}");
    assert!(text.contains("✗ UTF-8 locale"), "{text}");
    assert!(text.contains("- terminal answers"), "{text}");
    assert!(text.contains("skipped: output is not a terminal"), "{text}");
    assert!(text.contains("→ set LANG=ja_JP.UTF-8"), "{text}");
    assert!(
        text.ends_with("1 thing(s) to fix before the class (✗ above).\n"),
        "{text}"
    );
    let ascii = report.text(&EN, true);
    assert!(
        ascii.contains("XX UTF-8 locale") && ascii.contains("ok terminal size"),
        "{ascii}"
    );
    assert!(
        ascii.contains("120x40") && ascii.contains("-> set LANG"),
        "{ascii}"
    );
    assert!(ascii.contains("(XX above)"), "{ascii}");
    let json: serde_json::Value = serde_json::to_value(&report).unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["checks"][1]["id"], "locale");
    assert_eq!(json["checks"][1]["status"], "fix");
    let good = Report::new(vec![size((120, 40), (40, 12), &JA)]);
    assert!(good.ok);
    assert!(good.text(&JA, false).contains("問題ありません"));
}
