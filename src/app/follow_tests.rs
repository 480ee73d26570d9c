//! The reader in a live class, driven by the class's messages and the learner's keys.

use crossterm::event::KeyCode;

use crate::app::quiz_tests::{answer, press, type_text};
use crate::app::tests::reader_in;
use crate::app::*;
use crate::strings::Lang;

fn anchor(app: &App, index: usize) -> String {
    app.lesson().sections[index].anchor.clone()
}

fn in_class() -> App {
    let mut app = reader_in(100, 30, Lang::En);
    app.join_class();
    let first = anchor(&app, 0);
    app.update(Message::ClassJoined {
        section: first,
        poll: None,
    });
    app
}

#[test]
fn the_reader_follows_the_presenter_until_the_learner_moves() {
    let mut app = in_class();
    assert_eq!(app.class().unwrap().link, ClassLink::Joined);
    let third = anchor(&app, 2);
    app.update(Message::PresenterAt(third.clone()));
    assert_eq!(app.reader().current_section(), Some(2));
    assert!(app.whereabouts().unwrap().following);
    // The learner scrolls: detached, and the presenter's next move is not followed.
    press(&mut app, KeyCode::Char('j'));
    assert!(!app.class().unwrap().following);
    assert_eq!(
        app.notice.as_deref(),
        Some(app.texts().class.learner_detached)
    );
    let fourth = anchor(&app, 3);
    app.update(Message::PresenterAt(fourth));
    assert_eq!(app.reader().current_section(), Some(2));
    // `f` follows again, at once to where the presenter is.
    press(&mut app, KeyCode::Char('f'));
    assert!(app.class().unwrap().following);
    assert_eq!(app.reader().current_section(), Some(3));
    let whereabouts = app.whereabouts().unwrap();
    assert_eq!(whereabouts.section, anchor(&app, 3));
    assert!(whereabouts.items > 0);
}

#[test]
fn keys_that_do_not_move_the_text_keep_following() {
    let mut app = in_class();
    press(&mut app, KeyCode::Char('?'));
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Esc);
    assert!(app.class().unwrap().following);
}

#[test]
fn a_poll_opens_its_question_and_the_first_answer_goes_to_the_class() {
    let mut app = in_class();
    let question = app.quiz().unwrap().questions[1].id.clone();
    app.update(Message::PollOpened {
        poll: 7,
        question: question.clone(),
    });
    let Screen::Quiz(run) = app.screen() else {
        panic!("the poll's question is not on screen");
    };
    assert_eq!(
        app.quiz().unwrap().questions[run.current().unwrap()].id,
        question
    );
    assert!(app.is_poll_on_screen());
    answer(&mut app, true);
    assert!(
        app.is_poll_on_screen(),
        "the poll's title stays with its answer"
    );
    let answers = app.take_poll_answers();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].0, 7);
    assert!(!answers[0].1.is_empty());
    assert!(app.take_poll_answers().is_empty(), "handed over once");
    assert_eq!(app.class().unwrap().poll, None);
}

#[test]
fn a_poll_closed_before_the_answer_takes_none() {
    let mut app = in_class();
    let question = app.quiz().unwrap().questions[0].id.clone();
    app.update(Message::PollOpened { poll: 3, question });
    app.update(Message::PollClosed(3));
    answer(&mut app, false);
    assert!(app.take_poll_answers().is_empty());
}

#[test]
fn an_unknown_question_opens_nothing() {
    let mut app = in_class();
    app.update(Message::PollOpened {
        poll: 1,
        question: "no-such-question".into(),
    });
    assert!(matches!(app.screen(), Screen::Reading));
}

#[test]
fn losing_refusing_and_ending_are_told() {
    let mut app = in_class();
    app.update(Message::ClassLost);
    assert_eq!(app.class().unwrap().link, ClassLink::Lost);
    app.update(Message::ClassEnded);
    assert_eq!(app.class().unwrap().link, ClassLink::Ended);
    assert!(!app.class().unwrap().following);
    app.update(Message::ClassRefused("wrong code".into()));
    assert_eq!(app.notice.as_deref(), Some("wrong code"));
}

#[test]
fn outside_a_class_the_class_messages_do_nothing() {
    let mut app = reader_in(100, 30, Lang::En);
    let before = app.reader().top();
    app.update(Message::PresenterAt(anchor(&app, 3)));
    press(&mut app, KeyCode::Char('f'));
    assert_eq!(app.reader().top(), before);
    assert!(app.whereabouts().is_none());
}

#[test]
fn a_poll_heard_again_or_answered_does_not_open_twice() {
    let mut app = in_class();
    let question = app.quiz().unwrap().questions[1].id.clone();
    let open = |app: &mut App| {
        app.update(Message::PollOpened {
            poll: 9,
            question: question.clone(),
        })
    };
    open(&mut app);
    type_text(&mut app, "x");
    let typed = app.screen().clone();
    // The welcome after a reconnect names the open poll again: the half-typed answer
    // stays.
    app.update(Message::ClassJoined {
        section: anchor(&app, 0),
        poll: Some((9, question.clone())),
    });
    assert_eq!(*app.screen(), typed);
    press(&mut app, KeyCode::Esc);
    open(&mut app);
    answer(&mut app, true);
    assert_eq!(app.take_poll_answers().len(), 1);
    // Answered, its answer perhaps still on its way: not asked again.
    press(&mut app, KeyCode::Esc);
    open(&mut app);
    assert!(matches!(app.screen(), Screen::Reading));
}

#[test]
fn a_learners_own_quiz_waits_through_two_polls() {
    let mut app = in_class();
    press(&mut app, KeyCode::Char('Q'));
    let own = app.screen().clone();
    let questions: Vec<String> = app
        .quiz()
        .unwrap()
        .questions
        .iter()
        .map(|q| q.id.clone())
        .collect();
    app.update(Message::PollOpened {
        poll: 1,
        question: questions[1].clone(),
    });
    app.update(Message::PollOpened {
        poll: 2,
        question: questions[2].clone(),
    });
    assert!(app.is_poll_on_screen());
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(*app.screen(), own);
}

#[test]
fn clicking_a_contents_entry_or_reviewing_a_section_detaches() {
    let mut app = in_class();
    app.update(Message::Click { column: 2, row: 4 });
    assert!(!app.class().unwrap().following);
    press(&mut app, KeyCode::Char('f'));
    assert!(app.class().unwrap().following);
    app.update(Message::Quiz(QuizMessage::Review));
    assert!(!app.class().unwrap().following);
}
