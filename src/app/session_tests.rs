//! The session in the reader with an injected clock: pauses, reading, the plan, the
//! time-up notice, and picking up where an earlier sitting left off.

use super::*;
use crate::app::Message;
use crate::app::tests::{reader_in, section_index};
use crate::progress::IDLE_AFTER_MS;
use crate::strings::Lang;

const SECOND: u64 = 1000;

fn reader() -> App {
    reader_in(120, 40, Lang::En)
}

#[test]
fn idle_and_focus_loss_pause_the_clock_and_log_it() {
    let mut app = reader();
    app.note_input(10 * SECOND);
    app.tick(10 * SECOND + IDLE_AFTER_MS + SECOND);
    assert!(!app.session.clock.is_running());
    assert!(app.session.outbox.contains(&Event::Paused));
    assert_eq!(app.session.active_ms(), 10 * SECOND + IDLE_AFTER_MS);
    app.session.outbox.clear();
    app.note_input(20 * 60 * SECOND);
    assert_eq!(app.session.outbox, [Event::Resumed]);
    app.note_focus(false, 21 * 60 * SECOND);
    app.tick(30 * 60 * SECOND);
    assert_eq!(
        app.session.active_ms(),
        10 * SECOND + IDLE_AFTER_MS + 60 * SECOND
    );
    app.note_focus(true, 30 * 60 * SECOND);
    assert!(app.session.clock.is_running());
}

#[test]
fn a_section_is_read_once_its_end_was_on_screen_for_a_few_seconds() {
    let mut app = reader();
    let nodeport = section_index(&app, "NodePort");
    crate::app::tests::jump_to_entry(&mut app, nodeport);
    app.tick(SECOND);
    assert!(app.session.outbox.contains(&Event::SectionEntered(
        app.lesson().sections[nodeport].anchor.clone()
    )));
    // Skimmed past: the end never stayed on screen long enough.
    app.update(Message::ScrollPages(1));
    app.tick(2 * SECOND);
    app.update(Message::ScrollPages(1));
    app.note_input(3 * SECOND);
    app.tick(3 * SECOND);
    assert!(!app.session.read[nodeport]);
    // Back on its end and staying there.
    app.update(Message::ScrollPages(-1));
    for second in 4..=10 {
        app.note_input(second * SECOND);
        app.tick(second * SECOND);
    }
    assert!(app.session.read[nodeport]);
    let anchor = app.lesson().sections[nodeport].anchor.clone();
    assert_eq!(
        app.session
            .outbox
            .iter()
            .filter(|event| **event == Event::SectionRead(anchor.clone()))
            .count(),
        1
    );
}

#[test]
fn the_plan_says_ahead_or_behind_by_the_sections_read() {
    // Paging to the end reads nothing: not ahead.
    let mut app = reader();
    app.update(Message::Bottom);
    app.note_input(10 * SECOND);
    assert!(app.plan_lead_ms() <= 0, "{}", app.plan_lead_ms());
    // The first six sections read in a minute: ahead by their budgets less the minute.
    let mut app = reader();
    let read: Vec<String> = app.lesson().sections[..6]
        .iter()
        .map(|section| section.anchor.clone())
        .collect();
    app.restore(&LessonState {
        active_ms: 60 * SECOND,
        read,
        ..LessonState::default()
    });
    let planned: u64 = app.session.budgets[..6].iter().sum();
    let expected = i64::try_from(planned).unwrap() - 60_000;
    assert!(expected > 0);
    assert!(
        (app.plan_lead_ms() - expected).abs() < 1_000,
        "{}",
        app.plan_lead_ms()
    );
    // Half an hour of study with nothing read: far behind.
    let mut app = reader();
    for minute in 0..=30 {
        app.note_input(minute * 60 * SECOND);
        app.tick(minute * 60 * SECOND);
    }
    app.session.read.iter_mut().for_each(|read| *read = false);
    assert!(
        app.plan_lead_ms() < -25 * 60 * 1000,
        "{}",
        app.plan_lead_ms()
    );
}

#[test]
fn at_the_planned_time_one_notice_suggests_the_quiz() {
    let mut app = reader();
    for minute in 0..=41 {
        app.note_input(minute * 60 * SECOND);
        app.tick(minute * 60 * SECOND);
    }
    assert!(app.notice.as_deref().unwrap().contains("checklist quiz"));
    assert_eq!(
        app.session
            .outbox
            .iter()
            .filter(|event| **event == Event::TimeUpNoticed)
            .count(),
        1
    );
    app.notice = None;
    app.tick(50 * 60 * SECOND);
    assert!(app.notice.is_none());
}

#[test]
fn an_earlier_sitting_is_picked_up_even_after_the_lesson_changed() {
    let mut app = reader();
    let nodeport = section_index(&app, "NodePort");
    let anchor = app.lesson().sections[nodeport].anchor.clone();
    let state = LessonState {
        active_ms: 754 * SECOND,
        read: vec![anchor.clone()],
        position: Some(Position {
            section: Some(anchor.clone()),
            offset: 3,
        }),
        ..LessonState::default()
    };
    app.restore(&state);
    assert_eq!(app.session.active_ms(), 754 * SECOND);
    assert!(app.session.read[nodeport]);
    assert_eq!(
        app.reader().top(),
        app.reader().layout().section_starts[nodeport] + 3
    );
    assert_eq!(app.position().section, Some(anchor.clone()));
    // The section got shorter than the offset: its start.
    let mut app = reader();
    app.restore(&LessonState {
        position: Some(Position {
            section: Some(anchor),
            offset: 100_000,
        }),
        ..LessonState::default()
    });
    assert_eq!(
        app.reader().top(),
        app.reader().layout().section_starts[nodeport]
    );
    // The section is gone: the top.
    let mut app = reader();
    app.restore(&LessonState {
        position: Some(Position {
            section: Some("renamed-section".to_owned()),
            offset: 5,
        }),
        ..LessonState::default()
    });
    assert_eq!(app.reader().top(), 0);
}
