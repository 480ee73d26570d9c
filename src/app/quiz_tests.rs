//! The checklist view and the quiz driven by keys, as a learner would, without a terminal.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::tests::reader_in;
use super::*;
use crate::quiz::{AnswerError, AttemptKind, Kind, Mastery};
use crate::strings::Lang;

pub(crate) fn press(app: &mut App, code: KeyCode) -> Effect {
    press_with(app, code, KeyModifiers::NONE)
}

pub(crate) fn press_with(app: &mut App, code: KeyCode, modifiers: KeyModifiers) -> Effect {
    match message_for_key(
        KeyEvent::new(code, modifiers),
        app.screen(),
        app.reader().focus(),
    ) {
        Some(message) => app.update(message),
        None => Effect::None,
    }
}

pub(crate) fn type_text(app: &mut App, text: &str) {
    for character in text.chars() {
        press(app, KeyCode::Char(character));
    }
}

fn run(app: &App) -> &QuizRun {
    match app.screen() {
        Screen::Quiz(run) => run,
        other => panic!("not in a quiz: {other:?}"),
    }
}

fn current_question(app: &App) -> crate::quiz::Question {
    let index = run(app).current().expect("a question on screen");
    app.quiz().unwrap().questions[index].clone()
}

/// Answers the question on screen with keys, rightly or not, and submits it.
pub(crate) fn answer(app: &mut App, right: bool) {
    let question = current_question(app);
    let order = match &run(app).step() {
        Step::Answering(Answer::Choice { order, .. } | Answer::Multi { order, .. }) => {
            order.clone()
        }
        _ => Vec::new(),
    };
    let position = |choice: usize| order.iter().position(|shown| *shown == choice).unwrap();
    match &question.kind {
        Kind::Choice { answer, choices } => {
            let choice = if right {
                *answer
            } else {
                (answer + 1) % choices.len()
            };
            type_text(app, &(position(choice) + 1).to_string());
        }
        Kind::Multi { answers, .. } => {
            let ticked: Vec<usize> = if right {
                answers.clone()
            } else {
                answers[..answers.len() - 1].to_vec()
            };
            for choice in ticked {
                type_text(app, &(position(choice) + 1).to_string());
            }
            if !right && answers.len() == 1 {
                let wrong = (0..order.len())
                    .find(|choice| !answers.contains(choice))
                    .unwrap();
                type_text(app, &(position(wrong) + 1).to_string());
            }
        }
        Kind::Text { accept } => {
            let text = if right {
                accept[0].clone()
            } else {
                "no idea".to_owned()
            };
            type_text(app, &text);
        }
        Kind::Manifest(exercise) => {
            let text = if right {
                &exercise.solution
            } else {
                &exercise.template
            };
            // As `$EDITOR` hands it back.
            app.update(Message::Edited(Ok(text.clone())));
            press_with(app, KeyCode::Char('s'), KeyModifiers::CONTROL);
            return;
        }
    }
    press(app, KeyCode::Enter);
}

fn graded(app: &App) -> Option<bool> {
    match &run(app).step() {
        Step::Answered { right, .. } => Some(*right),
        _ => None,
    }
}

#[test]
fn every_question_of_an_item_answered_right_masters_it() {
    let mut app = reader_in(100, 30, Lang::Ja);
    press(&mut app, KeyCode::Char('c'));
    assert_eq!(*app.screen(), Screen::Checklist(Checklist::at(0)));
    press(&mut app, KeyCode::Enter);
    let count = app.quiz().unwrap().questions_for(1).len();
    assert_eq!(run(&app).queue().len(), count);
    for _ in 0..count {
        answer(&mut app, true);
        assert_eq!(graded(&app), Some(true), "{:?}", current_question(&app).id);
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(*run(&app).step(), Step::Finished);
    assert_eq!(run(&app).right_first_time(), count);
    assert_eq!(app.study().marks()[0].mastery, Mastery::Mastered);
    assert_eq!(app.study().marks()[1].mastery, Mastery::NotTried);
    // The lesson's own checklist shows the same state.
    let item = &app.lesson().checklist[0].text;
    let shown: Vec<String> = app
        .reader()
        .layout()
        .lines
        .iter()
        .map(|laid| {
            laid.line
                .spans
                .iter()
                .map(|span| span.content.as_ref())
                .collect()
        })
        .collect();
    assert!(
        shown
            .iter()
            .any(|line| line.starts_with("[x] ") && item.starts_with(line[4..].trim_end())),
        "{shown:?}"
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(*app.screen(), Screen::Checklist(Checklist::at(0)));
}

#[test]
fn a_wrong_answer_comes_back_at_the_end_of_the_round() {
    let mut app = reader_in(100, 30, Lang::En);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    let first = current_question(&app).id;
    answer(&mut app, false);
    assert_eq!(graded(&app), Some(false));
    assert_eq!(app.study().marks()[1].mastery, Mastery::Partly);
    press(&mut app, KeyCode::Enter);
    let count = run(&app).queue().len();
    for _ in 1..count {
        answer(&mut app, true);
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(run(&app).round(), 2);
    assert_eq!(current_question(&app).id, first);
    assert_eq!(app.study().marks()[1].mastery, Mastery::Partly);
    answer(&mut app, true);
    press(&mut app, KeyCode::Enter);
    assert_eq!(*run(&app).step(), Step::Finished);
    assert_eq!(run(&app).right_first_time(), count - 1);
    assert_eq!(app.study().marks()[1].mastery, Mastery::Mastered);
}

#[test]
fn a_right_answer_after_the_answer_was_shown_waits_for_a_later_run() {
    let mut app = reader_in(100, 30, Lang::En);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    let first = current_question(&app).id;
    assert!(matches!(current_question(&app).kind, Kind::Choice { .. }));
    let order = |app: &App| match &run(app).step() {
        Step::Answering(Answer::Choice { order, .. }) => order.clone(),
        other => panic!("not a choice: {other:?}"),
    };
    let first_order = order(&app);
    answer(&mut app, false);
    press(&mut app, KeyCode::Enter);
    let count = run(&app).queue().len();
    for _ in 1..count {
        answer(&mut app, true);
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(
        (run(&app).round(), current_question(&app).id),
        (2, first.clone())
    );
    assert_ne!(order(&app), first_order, "the choices are shuffled again");
    answer(&mut app, true);
    assert_eq!(graded(&app), Some(true));
    let kinds: Vec<AttemptKind> = app
        .study()
        .record()
        .attempts
        .iter()
        .filter(|attempt| attempt.question == first)
        .map(|attempt| attempt.kind)
        .collect();
    assert_eq!(
        kinds,
        [AttemptKind::FirstTry, AttemptKind::RetryAfterAnswerShown]
    );
    press(&mut app, KeyCode::Enter);
    assert_eq!(*run(&app).step(), Step::Finished);
    assert_eq!(app.study().marks()[0].mastery, Mastery::Partly);
    assert_eq!(app.study().marks()[0].right, count - 1);
    // A later run asks it first-try again, in the learner's usual order.
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(order(&app), first_order);
    for _ in 0..count {
        answer(&mut app, true);
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(app.study().marks()[0].mastery, Mastery::Mastered);
}

#[test]
fn enter_with_nothing_ticked_is_not_an_answer() {
    let mut app = reader_in(100, 30, Lang::Ja);
    app.update(Message::StartQuiz);
    while !matches!(current_question(&app).kind, Kind::Multi { .. }) {
        answer(&mut app, true);
        press(&mut app, KeyCode::Enter);
    }
    let attempts = app.study().record().attempts.len();
    press(&mut app, KeyCode::Enter);
    assert_eq!(graded(&app), None);
    assert_eq!(app.study().record().attempts.len(), attempts);
    assert_eq!(app.notice.as_deref(), Some("先に答えを選んでください"));
}

#[test]
fn q_in_the_help_closes_the_help() {
    let mut app = reader_in(100, 30, Lang::En);
    press(&mut app, KeyCode::Char('?'));
    assert!(matches!(*app.screen(), Screen::Help(_)));
    assert_eq!(press(&mut app, KeyCode::Char('q')), Effect::None);
    assert_eq!(*app.screen(), Screen::Reading);
}

#[test]
fn review_jumps_to_the_section_and_r_comes_back() {
    let mut app = reader_in(100, 30, Lang::En);
    press(&mut app, KeyCode::Char('Q'));
    let question = current_question(&app);
    answer(&mut app, false);
    let step = run(&app).step().clone();
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(*app.screen(), Screen::Reading);
    let section =
        crate::quiz::find_section(&app.lesson().sections, question.section.as_deref().unwrap());
    assert_eq!(app.reader().current_section(), section);
    press(&mut app, KeyCode::Char('j'));
    press(&mut app, KeyCode::Char('r'));
    assert_eq!(*run(&app).step(), step);
    press(&mut app, KeyCode::Char('r'));
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.screen(), Screen::Reading);
}

#[test]
fn full_width_input_from_an_ime_is_right() {
    let mut app = reader_in(100, 30, Lang::Ja);
    press(&mut app, KeyCode::Char('Q'));
    while !matches!(current_question(&app).kind, Kind::Text { .. }) {
        answer(&mut app, true);
        press(&mut app, KeyCode::Enter);
    }
    let Kind::Text { accept } = current_question(&app).kind else {
        unreachable!();
    };
    let full_width: String = accept[0]
        .chars()
        .map(|character| match character {
            '!'..='~' => char::from_u32(u32::from(character) + 0xFEE0).unwrap(),
            other => other,
        })
        .collect();
    type_text(&mut app, &format!("  {full_width} "));
    // Letters are typed, not taken as commands, and Backspace edits.
    type_text(&mut app, "q");
    press(&mut app, KeyCode::Backspace);
    press(&mut app, KeyCode::Enter);
    assert_eq!(graded(&app), Some(true));
}

/// Starts item 2 and goes to its manifest exercise.
fn at_the_ingress_exercise(app: &mut App) {
    if *app.screen() == Screen::Reading {
        press(app, KeyCode::Char('c'));
        press(app, KeyCode::Down);
    }
    press(app, KeyCode::Enter);
    while !matches!(current_question(app).kind, Kind::Manifest(_)) {
        answer(app, true);
        press(app, KeyCode::Enter);
    }
}

#[test]
fn bad_yaml_points_the_editor_at_the_error_and_does_not_count() {
    let mut app = reader_in(100, 30, Lang::En);
    at_the_ingress_exercise(&mut app);
    let attempts = app.study().record().attempts.len();
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "x: [");
    press(&mut app, KeyCode::Enter);
    press_with(&mut app, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let Step::Answering(Answer::Manifest {
        editor,
        editing,
        problem,
    }) = &run(&app).step()
    else {
        panic!("{:?}", run(&app).step());
    };
    assert!(*editing);
    let Some(AnswerError::Syntax { line, .. }) = problem else {
        panic!("{problem:?}");
    };
    assert_eq!(editor.area.cursor().0, line - 1);
    assert_eq!(app.study().record().attempts.len(), attempts);
}

#[test]
fn the_editor_keeps_indentation_and_a_draft_survives_leaving() {
    let mut app = reader_in(100, 30, Lang::En);
    at_the_ingress_exercise(&mut app);
    let id = current_question(&app).id;
    press(&mut app, KeyCode::Enter);
    for _ in 0..40 {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::End);
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "# done");
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Esc);
    assert_eq!(*app.screen(), Screen::Checklist(Checklist::at(1)));
    let draft = app.study().drafts().get(&id).unwrap();
    let last = draft.lines().last().unwrap();
    let before = draft.lines().rev().nth(1).unwrap();
    let indent = |line: &str| line.len() - line.trim_start().len();
    assert_eq!(last.trim(), "# done");
    assert_eq!(indent(last), indent(before), "{draft}");
    at_the_ingress_exercise(&mut app);
    let Step::Answering(Answer::Manifest { editor, .. }) = &run(&app).step() else {
        panic!();
    };
    assert!(editor.text().contains("# done"));
}

#[test]
fn the_template_is_wrong_and_the_solution_right() {
    let mut app = reader_in(100, 30, Lang::En);
    at_the_ingress_exercise(&mut app);
    answer(&mut app, false);
    let Step::Answered {
        right, failures, ..
    } = &run(&app).step()
    else {
        panic!();
    };
    assert!(!right && !failures.is_empty());
    let mut app = reader_in(100, 30, Lang::En);
    at_the_ingress_exercise(&mut app);
    answer(&mut app, true);
    assert_eq!(graded(&app), Some(true));
}

#[test]
fn a_learner_ticks_an_item_by_hand() {
    let mut app = reader_in(100, 30, Lang::En);
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Char(' '));
    assert!(app.study().marks()[0].self_assessed);
    assert_eq!(app.study().marks()[0].mastery, Mastery::NotTried);
    let ticked = app.reader().layout().lines.iter().any(|laid| {
        laid.line
            .spans
            .first()
            .is_some_and(|span| span.content.starts_with("[v]"))
    });
    assert!(ticked);
    press(&mut app, KeyCode::Char('x'));
    assert!(!app.study().marks()[0].self_assessed);
}

#[test]
fn choice_orders_are_per_learner_and_stable() {
    let orders = |profile: &str| {
        let mut app = reader_in(100, 30, Lang::En);
        app.set_profile(profile.to_owned());
        press(&mut app, KeyCode::Char('Q'));
        let mut orders = Vec::new();
        for _ in 0..5 {
            if let Step::Answering(Answer::Choice { order, .. } | Answer::Multi { order, .. }) =
                &run(&app).step()
            {
                orders.push(order.clone());
            }
            answer(&mut app, true);
            press(&mut app, KeyCode::Enter);
        }
        orders
    };
    assert_eq!(orders("hanako"), orders("hanako"));
    assert_ne!(orders("hanako"), orders("taro"));
}

#[test]
fn an_unavailable_quiz_says_why_and_the_lesson_still_reads() {
    let mut app = reader_in(100, 30, Lang::En);
    app.set_quiz(crate::quiz::LessonQuiz::Unavailable(
        "quiz.yaml:7: answer 3 is out of range".to_owned(),
    ));
    press(&mut app, KeyCode::Char('Q'));
    assert_eq!(*app.screen(), Screen::Reading);
    assert!(app.notice.as_deref().unwrap().contains("quiz.yaml:7"));
    press(&mut app, KeyCode::Char('c'));
    press(&mut app, KeyCode::Enter);
    assert!(matches!(*app.screen(), Screen::Checklist { .. }));
    assert!(app.notice.as_deref().unwrap().contains("unavailable"));
    press(&mut app, KeyCode::Char(' '));
    assert!(app.study().marks()[0].self_assessed);
}

#[test]
fn e_asks_the_runtime_for_the_learners_editor() {
    let mut app = reader_in(100, 30, Lang::En);
    at_the_ingress_exercise(&mut app);
    let effect = press(&mut app, KeyCode::Char('e'));
    let Effect::EditExternally(text) = effect else {
        panic!("{effect:?}");
    };
    assert!(text.contains("kind: Ingress"));
    app.update(Message::Edited(Err("cannot run vim".to_owned())));
    assert!(app.notice.as_deref().unwrap().contains("cannot run vim"));
}

#[test]
fn enter_after_a_mapping_key_indents_one_level() {
    let mut editor = ManifestEditor::new("spec:\n  rules:");
    editor.area.move_cursor(ratatui_textarea::CursorMove::End);
    editor.new_line();
    editor.area.insert_str("- host: a");
    editor.new_line();
    editor.area.insert_str("http:");
    assert_eq!(editor.text(), "spec:\n  - host: a\n    http:\n  rules:\n");
    let mut nested = ManifestEditor::new("  rules:");
    nested.area.move_cursor(ratatui_textarea::CursorMove::End);
    nested.new_line();
    assert_eq!(nested.text(), "  rules:\n    \n");
}

#[test]
fn a_screen_taller_than_the_terminal_scrolls_and_stops_at_its_end() {
    let mut app = reader_in(40, 12, Lang::Ja);
    press(&mut app, KeyCode::Char('Q'));
    answer(&mut app, false);
    let limit = app.quiz_page(run(&app)).scroll_limit();
    assert!(limit > 0, "the explanation does not fit in 40x12");
    for _ in 0..100 {
        press(&mut app, KeyCode::Char('j'));
    }
    assert_eq!(run(&app).scroll(), limit);
    press(&mut app, KeyCode::Char('k'));
    assert_eq!(run(&app).scroll(), limit - 1);
    press(&mut app, KeyCode::PageUp);
    assert_eq!(run(&app).scroll(), (limit - 1).saturating_sub(10));
    for _ in 0..5 {
        press(&mut app, KeyCode::PageUp);
    }
    assert_eq!(run(&app).scroll(), 0);
    // The next question starts at its top.
    press(&mut app, KeyCode::PageDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(run(&app).scroll(), 0);
}

#[test]
fn full_width_digits_choose() {
    let mut app = reader_in(100, 30, Lang::Ja);
    press(&mut app, KeyCode::Char('Q'));
    press(&mut app, KeyCode::Char('２'));
    let Step::Answering(Answer::Choice { selected, .. }) = &run(&app).step() else {
        panic!();
    };
    assert_eq!(*selected, Some(1));
}

#[test]
fn a_draft_from_an_earlier_sitting_is_where_the_learner_left_it() {
    let mut app = reader_in(100, 30, Lang::En);
    at_the_ingress_exercise(&mut app);
    let id = current_question(&app).id;
    press(&mut app, KeyCode::Enter);
    type_text(&mut app, "# mine");
    // The draft goes to the store as the learner types.
    assert!(app.session.outbox.iter().any(|event| matches!(
        event,
        crate::progress::Event::Draft { question, text } if *question == id && text.starts_with("# mine")
    )));
    let saved = app.study().drafts().get(&id).unwrap().clone();
    let mut again = reader_in(100, 30, Lang::En);
    again.restore(&crate::progress::LessonState {
        drafts: vec![(id, saved)],
        ..crate::progress::LessonState::default()
    });
    at_the_ingress_exercise(&mut again);
    let Step::Answering(Answer::Manifest { editor, .. }) = &run(&again).step() else {
        panic!();
    };
    assert!(editor.text().starts_with("# mine"));
}
