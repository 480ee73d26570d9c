use super::*;
use crate::class::{ClassInfo, ClassSnapshot, PollRow};
use crate::present::slides;

fn lesson_and_questions() -> (Lesson, Vec<Question>) {
    let lesson = crate::course::parse_lesson(
        "---\nid: l\ntitle: L\nminutes: 10\n---\n# L\n\n## Services\n\ntext\n\n## DNS\n\nmore\n",
        "lesson.md",
    )
    .unwrap();
    let question = |id: &str, section: Option<&str>, kind: Kind| Question {
        id: id.into(),
        checklist: 1,
        section: section.map(Into::into),
        prompt: format!("{id}?"),
        hint: None,
        explain: String::new(),
        kind,
        line: 1,
        key_lines: Vec::new(),
    };
    let choice = || Kind::Choice {
        choices: vec!["a".into(), "b".into()],
        answer: 1,
    };
    let questions = vec![
        question("svc", Some("Services"), choice()),
        question(
            "svc-manifest",
            Some("Services"),
            Kind::Manifest(crate::quiz::Exercise {
                template: String::new(),
                solution: String::new(),
                documents: Vec::new(),
                behaviour: None,
                examples: Vec::new(),
            }),
        ),
        question(
            "dns",
            Some("DNS"),
            Kind::Text {
                accept: vec!["53".into()],
            },
        ),
        question("loose", None, choice()),
    ];
    (lesson, questions)
}

#[test]
fn the_picker_lists_the_sections_questions_and_sends_the_chosen_one() {
    let (lesson, questions) = lesson_and_questions();
    let slides = slides(&lesson);
    let mut class = LiveClass::new("123456".into(), "127.0.0.1:1".into(), &questions);
    // Manifest exercises are not polled.
    assert_eq!(class.questions.len(), 3);
    let dns = slides
        .iter()
        .position(|slide| slide.title == "DNS")
        .unwrap();
    class.open_picker(&lesson, &slides[dns]);
    let picker = class.picker.clone().unwrap();
    assert!(!picker.whole_quiz);
    assert_eq!(picker.questions.len(), 1);
    class.choose();
    assert_eq!(
        class.take_requests(),
        [ClassRequest::OpenPoll("dns".into())]
    );
    assert!(class.take_requests().is_empty());
}

#[test]
fn a_section_without_questions_lists_the_whole_quiz() {
    let (lesson, questions) = lesson_and_questions();
    let slides = slides(&lesson);
    let mut class = LiveClass::new("1".into(), String::new(), &questions);
    class.open_picker(&lesson, &slides[0]);
    let picker = class.picker.clone().unwrap();
    assert!(picker.whole_quiz);
    assert_eq!(picker.questions.len(), 3);
    class.move_picker(5);
    assert_eq!(class.picker.as_ref().unwrap().selected, 2);
    assert!(class.cancel());
    assert!(class.picker.is_none());
    assert!(class.take_requests().is_empty());
}

#[test]
fn reveal_asks_for_the_open_poll_once_and_esc_hides_it() {
    let (_, questions) = lesson_and_questions();
    let mut class = LiveClass::new("1".into(), String::new(), &questions);
    class.reveal();
    assert!(
        class.take_requests().is_empty(),
        "no poll, nothing to reveal"
    );
    class.snapshot = Some(ClassSnapshot {
        info: ClassInfo {
            code: "1".into(),
            lesson: "l".into(),
            section: "services".into(),
            started_ms: 0,
            ended: false,
            port: None,
        },
        learners: Vec::new(),
        poll: Some(PollRow {
            poll: 4,
            question: "svc".into(),
            closed: false,
            revealed: false,
        }),
        answers: vec![("a".into(), "1".into()), ("b".into(), "0".into())],
    });
    let (_, question, tally) = class.shown_poll().unwrap();
    assert_eq!(question.id, "svc");
    assert_eq!(tally.answered, 2);
    class.reveal();
    assert_eq!(class.take_requests(), [ClassRequest::Reveal(4)]);
    assert!(class.cancel());
    assert!(class.shown_poll().is_none());
    assert!(!class.cancel());
}
