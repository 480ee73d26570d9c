use super::*;
use crate::progress::{
    AnswerRecord, ItemRecord, LessonRecord, ProfileSummary, QuestionRecord, class_report,
};

#[test]
fn profiles_say_when_each_learner_last_studied_in_columns() {
    const DAY: i64 = 24 * 60 * 60 * 1000;
    let now = 400 * DAY + 5_000;
    let profile = |name: &str, last_seen: Option<i64>| ProfileSummary {
        name: name.to_owned(),
        lessons: 1,
        active_ms: 25 * 60_000,
        last_seen,
    };
    let profiles = [
        profile("hanako", Some(now - 1_000)),
        profile("ken", Some(now - DAY - 1)),
        profile("taro", Some(now - 9 * DAY)),
        profile("yui", None),
    ];
    assert_eq!(
        profiles_text(&profiles, now, Lang::En),
        "hanako  1 lesson(s), 25 min of study, last seen today\n\
         ken     1 lesson(s), 25 min of study, last seen yesterday\n\
         taro    1 lesson(s), 25 min of study, last seen 9 days ago\n\
         yui     1 lesson(s), 25 min of study, never studied\n"
    );
    assert!(
        profiles_text(&profiles, now, Lang::Ja)
            .contains("ken     レッスン 1 件、学習 25 分、最終学習は昨日")
    );
    assert!(profiles_text(&[], now, Lang::Ja).contains("まだプロフィールがありません"));
}

fn learner(name: &str, answers: &[(&str, Option<(bool, &str)>)], ticked: bool) -> LearnerRecord {
    let answer = |right: bool, text: &str| AnswerRecord {
        right,
        kind: crate::quiz::AttemptKind::FirstTry,
        answer: text.to_owned(),
    };
    let tried = answers.iter().any(|(_, given)| given.is_some());
    let right = answers
        .iter()
        .filter(|(_, given)| given.is_some_and(|(right, _)| right))
        .count();
    LearnerRecord {
        format: crate::progress::FORMAT.to_owned(),
        profile: name.to_owned(),
        lessons: vec![LessonRecord {
            lesson: "net".to_owned(),
            title: "ネットワーク".to_owned(),
            minutes: 40,
            active_seconds: 605,
            sittings: 2,
            sections_read: 3,
            sections_total: 9,
            checklist: vec![ItemRecord {
                item: 1,
                text: "Service".to_owned(),
                mastery: if !tried {
                    "not tried"
                } else if right == answers.len() {
                    "mastered"
                } else {
                    "in progress"
                }
                .to_owned(),
                self_assessed: ticked,
                right,
                questions: answers.len(),
            }],
            questions: answers
                .iter()
                .map(|(id, given)| QuestionRecord {
                    question: (*id).to_owned(),
                    item: 1,
                    section: Some("Service".to_owned()),
                    attempts: usize::from(given.is_some()),
                    first: given.map(|(right, text)| answer(right, text)),
                    latest: given.map(|(right, text)| answer(right, text)),
                })
                .collect(),
            review: None,
        }],
        orphaned: Vec::new(),
        log: None,
    }
}

#[test]
fn the_report_puts_the_questions_most_missed_first_and_tells_untried_from_wrong() {
    let records = [
        learner(
            "aiko",
            &[
                ("svc-a", Some((true, "ClusterIP"))),
                ("svc-b", Some((false, "NodePort"))),
            ],
            false,
        ),
        learner(
            "ken",
            &[
                ("svc-a", Some((false, "ExternalName"))),
                ("svc-b", Some((false, "NodePort"))),
            ],
            false,
        ),
        learner("yui", &[("svc-a", None), ("svc-b", None)], true),
        learner(
            "daichi",
            &[
                ("svc-a", Some((false, "x"))),
                ("svc-b", Some((false, "y"))),
                ("svc-c", None),
            ],
            false,
        ),
    ];
    let text = report_text(&class_report(&records), Lang::En);
    let lines: Vec<&str> = text.lines().collect();
    let at = |needle: &str| {
        lines
            .iter()
            .position(|line| line.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} missing:\n{text}"))
    };
    // svc-b: three wrong at the first try, before svc-a's two.
    assert!(at("3/3 wrong  svc-b") < at("2/3 wrong  svc-a"), "{text}");
    assert!(
        text.contains("svc-b  #1 Service; still wrong: 3; never tried: 1; most given wrong answer: \"NodePort\" (2)"),
        "{text}"
    );
    // Not tried (-) and tried but all wrong (0/2) differ; a self-tick shows as v.
    assert!(lines[at("yui")].ends_with("  -v"), "{text}");
    assert!(lines[at("daichi")].ends_with("0/3"), "{text}");
    assert!(lines[at("aiko ")].contains("1/2"), "{text}");
    assert!(text.contains("(ticked by hand: 1)"), "{text}");
    // A question nobody answered is named once, after the others.
    assert!(
        lines
            .last()
            .unwrap()
            .contains("Not tried by anyone yet: svc-c")
            || text.contains("  Not tried by anyone yet: svc-c\n"),
        "{text}"
    );
    assert!(!text.contains("0/0 wrong"), "{text}");
    let japanese = report_text(&class_report(&records), Lang::Ja);
    assert!(japanese.contains("3/3 人が不正解  svc-b"), "{japanese}");
    assert!(japanese.contains("学習者 4 人"), "{japanese}");
}
