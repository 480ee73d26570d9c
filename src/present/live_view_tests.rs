use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::class::{ClassInfo, ClassSnapshot, LearnerRow, PollRow};
use crate::course::CourseSource;
use crate::palette::ColorDepth;
use crate::present::presenter::tests::{START, notes_window, presenter};
use crate::present::{
    LiveClass, NotesWindow, PresentMessage, Presenter, render_notes, render_presenter,
};
use crate::ui::tests::rows;

fn questions() -> Vec<crate::quiz::Question> {
    let source = CourseSource::Directory(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/reader"),
    );
    let course = crate::course::load_course(&source).unwrap();
    crate::quiz::load_quiz(&source, &course.lessons[0])
        .ready()
        .unwrap()
        .questions
        .clone()
}

fn learner(key: &str, name: &str, section: &str, following: bool, mastered: usize) -> LearnerRow {
    LearnerRow {
        learner: key.into(),
        name: name.into(),
        section: Some(section.into()),
        following,
        mastered,
        items: 6,
        connected: key != "gone",
    }
}

/// A class of four on the Services slide, with a poll on `question` and its answers.
fn snapshot(
    presenter: &Presenter,
    question: &str,
    answers: &[(&str, &str)],
    revealed: bool,
) -> ClassSnapshot {
    let anchor = |title: &str| {
        presenter
            .talk
            .lesson
            .sections
            .iter()
            .find(|section| section.title == title)
            .unwrap()
            .anchor
            .clone()
    };
    ClassSnapshot {
        info: ClassInfo {
            code: "424242".into(),
            lesson: presenter.talk.lesson.meta.id.clone(),
            section: anchor("Service タイプ"),
            started_ms: 0,
            ended: false,
            port: None,
        },
        learners: vec![
            learner("a", "Aiko", &anchor("Service タイプ"), true, 2),
            learner("k", "Ken", &anchor("NodePort"), false, 1),
            learner("m", "\u{241b}[2Jmei", &anchor("Ingress"), false, 4),
            learner("gone", "Sora", &anchor("Service タイプ"), true, 0),
        ],
        poll: Some(PollRow {
            poll: 1,
            question: question.into(),
            closed: revealed,
            revealed,
        }),
        answers: answers
            .iter()
            .map(|(key, answer)| ((*key).to_owned(), (*answer).to_owned()))
            .collect(),
    }
}

fn in_class(presenter: &mut Presenter) {
    presenter.class = Some(LiveClass::new(
        "424242".into(),
        "192.168.1.20:47310".into(),
        &questions(),
    ));
    presenter.update(PresentMessage::Digit(2));
    presenter.update(PresentMessage::Go);
    presenter.now = START + 3 * 60_000;
}

fn drawn(presenter: &Presenter) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(presenter.width, presenter.height)).unwrap();
    terminal
        .draw(|frame| render_presenter(frame, presenter, ColorDepth::TrueColor))
        .unwrap();
    terminal
}

#[test]
fn the_picker_lists_the_sections_questions() {
    let mut presenter = presenter(100, 30);
    in_class(&mut presenter);
    presenter.update(PresentMessage::Polls);
    presenter.update(PresentMessage::Next);
    insta::assert_snapshot!(drawn(&presenter).backend());
}

#[test]
fn a_choice_poll_before_and_after_the_reveal() {
    let mut presenter = presenter(100, 30);
    in_class(&mut presenter);
    let answers = [("a", "ClusterIP"), ("k", "NodePort"), ("m", "ClusterIP")];
    let mut snapshot = snapshot(&presenter, "svc-internal-clusterip", &answers, false);
    let class = presenter.class.as_mut().unwrap();
    class.snapshot = Some(snapshot.clone());
    let before = rows(&drawn(&presenter)).join("\n");
    assert!(before.contains("回答 3/3"), "{before}");
    assert!(
        !before.contains('█'),
        "no counts before the reveal:\n{before}"
    );
    insta::assert_snapshot!("choice_poll_open", drawn(&presenter).backend());
    snapshot.poll.as_mut().unwrap().revealed = true;
    presenter.class.as_mut().unwrap().snapshot = Some(snapshot);
    let after = rows(&drawn(&presenter)).join("\n");
    for name in ["Aiko", "Ken", "mei"] {
        assert!(!after.contains(name), "{after}");
    }
    insta::assert_snapshot!("choice_poll_revealed", drawn(&presenter).backend());
}

#[test]
fn short_answers_stay_hidden_until_the_reveal_then_group() {
    let mut presenter = presenter(100, 30);
    in_class(&mut presenter);
    let answers = [
        ("a", "30000-32767"),
        ("k", "３００００〜３２７６７"),
        ("m", "80"),
    ];
    let mut snapshot = snapshot(&presenter, "svc-nodeport-range", &answers, false);
    presenter.class.as_mut().unwrap().snapshot = Some(snapshot.clone());
    let before = rows(&drawn(&presenter)).join("\n");
    assert!(!before.contains("30000"), "{before}");
    snapshot.poll.as_mut().unwrap().revealed = true;
    presenter.class.as_mut().unwrap().snapshot = Some(snapshot);
    insta::assert_snapshot!(drawn(&presenter).backend());
}

fn notes_drawn(notes: &NotesWindow) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(notes.width, notes.height)).unwrap();
    terminal
        .draw(|frame| render_notes(frame, notes, ColorDepth::TrueColor))
        .unwrap();
    terminal
}

#[test]
fn the_notes_window_shows_the_class_behind_first() {
    let mut presenter = presenter(100, 30);
    in_class(&mut presenter);
    let answers = [("a", "ClusterIP"), ("k", "NodePort")];
    let snapshot = snapshot(&presenter, "svc-internal-clusterip", &answers, false);
    let mut notes = notes_window(90, 34);
    notes.now = presenter.now;
    notes.follow(Some(presenter.state(7)));
    assert!(notes.follow_class(Some(snapshot.clone())));
    assert!(!notes.follow_class(Some(snapshot.clone())), "nothing new");
    insta::assert_snapshot!("notes_class_behind_first", notes_drawn(&notes).backend());
    notes.toggle_class_order();
    insta::assert_snapshot!("notes_class_as_joined", notes_drawn(&notes).backend());
    let mut ended = snapshot;
    ended.info.ended = true;
    assert!(notes.follow_class(Some(ended)));
    assert!(notes.class.is_none());
}

#[test]
fn tiny_windows_with_a_class_do_not_panic() {
    let mut presenter = presenter(100, 30);
    in_class(&mut presenter);
    let snapshot = snapshot(
        &presenter,
        "svc-internal-clusterip",
        &[("a", "ClusterIP")],
        true,
    );
    presenter.class.as_mut().unwrap().snapshot = Some(snapshot.clone());
    let mut notes = notes_window(10, 5);
    notes.follow(Some(presenter.state(7)));
    notes.follow_class(Some(snapshot));
    for (width, height) in [(1, 1), (20, 6), (40, 12), (41, 13)] {
        presenter.update(PresentMessage::Resize { width, height });
        drawn(&presenter);
        notes.width = width;
        notes.height = height;
        notes_drawn(&notes);
    }
}
