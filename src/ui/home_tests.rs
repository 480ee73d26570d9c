//! The home screen as a learner sees it: one lesson, and three at different stages.

use super::tests::{frame, rows};
use crate::app::Home;
use crate::app::tests::reader_in;
use crate::progress::LessonOverview;
use crate::strings::Lang;

fn lesson(id: &str, title: &str, minutes: u32) -> LessonOverview {
    LessonOverview {
        id: id.to_owned(),
        title: title.to_owned(),
        minutes,
        sections: 6,
        items: 4,
        ..LessonOverview::default()
    }
}

#[test]
fn home_of_one_lesson() {
    let mut app = reader_in(80, 12, Lang::Ja);
    app.show_home(Home::new(
        "Kubernetes ネットワーク入門".to_owned(),
        vec![lesson("k8s-networking", "Kubernetes ネットワーク", 40)],
        None,
    ));
    insta::assert_snapshot!(rows(&frame(&app)).join("\n"));
}

#[test]
fn home_of_three_lessons_with_progress_and_reviews_due() {
    let mut app = reader_in(90, 12, Lang::Ja);
    let rows_of = vec![
        LessonOverview {
            active_ms: 41 * 60_000,
            read: 6,
            mastered: 4,
            ..lesson("pods", "Pod の基本", 30)
        },
        LessonOverview {
            active_ms: 12 * 60_000,
            read: 2,
            mastered: 1,
            due: 3,
            ..lesson("services", "Service と Ingress", 40)
        },
        lesson(
            "security",
            "セキュリティ(RBAC と Pod Security Standards)",
            45,
        ),
    ];
    app.show_home(Home::new("Kubernetes 講座".to_owned(), rows_of, Some(1)));
    app.set_due(3);
    insta::assert_snapshot!(rows(&frame(&app)).join("\n"));
}

#[test]
fn home_in_english_on_a_narrow_terminal_cuts_titles_not_figures() {
    let mut app = reader_in(64, 14, Lang::En);
    app.show_home(Home::new(
        "Course".to_owned(),
        vec![
            lesson(
                "a",
                "A lesson with a title far too long for this narrow terminal",
                20,
            ),
            lesson("b", "Short", 10),
        ],
        Some(0),
    ));
    let shown = rows(&frame(&app));
    assert!(
        shown.iter().any(|row| row.contains("0/20 min")),
        "{shown:#?}"
    );
    assert!(shown.iter().any(|row| row.contains("…")), "{shown:#?}");
    insta::assert_snapshot!(shown.join("\n"));
}
