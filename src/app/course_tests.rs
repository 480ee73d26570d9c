//! The course around the lesson: the home screen's keys, the next lesson, and a review
//! run over questions of several lessons.

use super::tests::reader_in;
use super::*;
use crate::course::{CourseSource, load_course};
use crate::progress::{Event, LessonOverview, ReviewItem};
use crate::quiz::{CourseQuizzes, Recall};
use crate::strings::Lang;

/// Questions of the two-lesson fixture course, one of each lesson, for a review.
fn review_items() -> Vec<ReviewItem> {
    let source = CourseSource::Directory(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/course-home"),
    );
    let course = load_course(&source).unwrap();
    let quizzes = CourseQuizzes::load(&source, &course);
    [
        ("pods", "pod-ip-changes"),
        ("services", "svc-internal-clusterip"),
    ]
    .into_iter()
    .map(|(lesson, question)| ReviewItem {
        draft: None,
        lesson: lesson.to_owned(),
        lesson_title: course.lesson(lesson).unwrap().meta.title.clone(),
        question: quizzes
            .ready(lesson)
            .unwrap()
            .questions
            .iter()
            .find(|candidate| candidate.id == question)
            .unwrap()
            .clone(),
    })
    .collect()
}

/// The question on screen's right choice, by its shown number.
fn right_choice(app: &App) -> usize {
    let Screen::Quiz(run) = app.screen() else {
        panic!("no quiz on screen");
    };
    let index = run.current().unwrap();
    let question = &app.quiz().unwrap().questions[index];
    let crate::quiz::Kind::Choice { answer, .. } = &question.kind else {
        panic!("not a choice");
    };
    let Step::Answering(Answer::Choice { order, .. }) = run.step() else {
        panic!("not answering");
    };
    order.iter().position(|choice| choice == answer).unwrap()
}

#[test]
fn a_review_records_each_answer_with_its_own_lesson_and_asks_a_wrong_one_again() {
    let mut app = reader_in(100, 30, Lang::Ja);
    let before = app.position();
    app.start_review(review_items());
    assert!(app.is_reviewing());
    assert_eq!(app.review_lesson_title(), Some("Pod の基本"));
    assert_eq!(app.studying_lesson(), Some("pods"));
    app.session.outbox.clear();
    // The pods question answered wrong.
    let wrong = (right_choice(&app) + 1) % 2;
    app.update(Message::Quiz(QuizMessage::Pick(wrong)));
    app.update(Message::Quiz(QuizMessage::Submit));
    let recorded: Vec<&Event> = app.session.outbox.iter().collect();
    assert!(
        matches!(
            recorded.as_slice(),
            [Event::InLesson { lesson, event }]
                if lesson == "pods"
                    && matches!(**event, Event::Answer { right: false, recall: Recall::Forgot, .. })
        ),
        "{recorded:?}"
    );
    app.session.outbox.clear();
    app.update(Message::Quiz(QuizMessage::Next));
    assert_eq!(app.studying_lesson(), Some("services"));
    let right = right_choice(&app);
    app.update(Message::Quiz(QuizMessage::Pick(right)));
    app.update(Message::Quiz(QuizMessage::Submit));
    // The reader's own lesson: its checklist follows the answer at once.
    assert!(matches!(
        app.session.outbox.as_slice(),
        [Event::InLesson { lesson, .. }] if lesson == "services"
    ));
    assert_eq!(app.study.record().attempts.len(), 1);
    app.update(Message::Quiz(QuizMessage::Next));
    // The wrong one comes back in the next round.
    assert_eq!(app.studying_lesson(), Some("pods"));
    let right = right_choice(&app);
    app.update(Message::Quiz(QuizMessage::Pick(right)));
    app.update(Message::Quiz(QuizMessage::Submit));
    app.update(Message::Quiz(QuizMessage::Next));
    let effect = app.update(Message::Quiz(QuizMessage::Leave));
    assert_eq!(effect, Effect::CountDue);
    assert!(!app.is_reviewing());
    assert_eq!(*app.screen(), Screen::Reading);
    assert_eq!(app.position(), before);
    assert_eq!(app.studying_lesson(), Some("services"));
}

#[test]
fn nothing_due_is_said_and_starts_nothing() {
    let mut app = reader_in(100, 30, Lang::En);
    assert_eq!(app.update(Message::StartReview), Effect::GatherReview);
    app.start_review(Vec::new());
    assert_eq!(*app.screen(), Screen::Reading);
    assert!(app.notice.as_deref().unwrap().contains("nothing to review"));
}

fn home_of(rows: usize) -> Home {
    let rows = (0..rows)
        .map(|index| LessonOverview {
            id: if index == 1 {
                "services".to_owned()
            } else {
                format!("lesson-{index}")
            },
            title: format!("レッスン {index}"),
            minutes: 20,
            sections: 4,
            items: 3,
            ..LessonOverview::default()
        })
        .collect();
    Home::new("講座".to_owned(), rows, Some(0))
}

#[test]
fn the_home_screen_opens_the_lesson_chosen_or_goes_back_to_the_one_read() {
    let mut app = reader_in(100, 30, Lang::Ja);
    assert_eq!(app.update(Message::OpenHome), Effect::ShowHome);
    app.show_home(home_of(3));
    assert_eq!(
        app.update(Message::HomeOpen),
        Effect::OpenLesson("lesson-0".to_owned())
    );
    // Choosing a lesson is no lesson's study time.
    assert_eq!(app.studying_lesson(), None);
    app.update(Message::HomeMove(5));
    let Screen::Home(home) = app.screen() else {
        panic!("no home screen");
    };
    assert_eq!(home.selected(), 2);
    app.update(Message::HomeMove(-1));
    // The lesson being read: back to it, no lesson opened.
    assert_eq!(app.update(Message::HomeOpen), Effect::None);
    assert_eq!(*app.screen(), Screen::Reading);
    app.show_home(home_of(1));
    app.update(Message::Cancel);
    assert_eq!(*app.screen(), Screen::Reading);
}

#[test]
fn the_next_lesson_is_offered_at_the_end_and_opened_with_l() {
    let mut app = reader_in(100, 30, Lang::En);
    assert_eq!(app.update(Message::OpenNextLesson), Effect::None);
    assert!(app.notice.as_deref().unwrap().contains("last lesson"));
    app.set_next_lesson(Some(("pods".to_owned(), "Pod basics".to_owned())));
    app.update(Message::Bottom);
    app.tick(1_000);
    assert_eq!(
        app.notice.as_deref(),
        Some("next lesson: Pod basics (L opens it)")
    );
    // Once a sitting.
    app.update(Message::Top);
    app.update(Message::Bottom);
    app.tick(2_000);
    assert_eq!(app.notice, None);
    assert_eq!(
        app.update(Message::OpenNextLesson),
        Effect::OpenLesson("pods".to_owned())
    );
}

#[test]
fn a_manifest_under_review_opens_on_the_learners_draft() {
    let mut app = reader_in(100, 30, Lang::Ja);
    let question = app
        .quiz()
        .unwrap()
        .questions
        .iter()
        .find(|question| question.id == "ingress-two-paths-manifest")
        .unwrap()
        .clone();
    let draft = "kind: Ingress\nmetadata:\n  name: halfway\n".to_owned();
    app.start_review(vec![ReviewItem {
        lesson: "services".to_owned(),
        lesson_title: "Service と入口".to_owned(),
        question,
        draft: Some(draft.clone()),
    }]);
    let Screen::Quiz(run) = app.screen() else {
        panic!("no review on screen");
    };
    let Step::Answering(Answer::Manifest { editor, .. }) = run.step() else {
        panic!("not a manifest");
    };
    assert_eq!(editor.text(), draft);
}

#[test]
fn time_in_a_review_is_not_the_lesson_reads() {
    let mut app = reader_in(100, 30, Lang::Ja);
    app.note_input(0);
    app.tick(4_000);
    assert_eq!(app.lesson_active_ms(), 4_000);
    app.start_review(review_items());
    app.note_input(4_000);
    app.tick(9_000);
    // The clock runs for the review's lessons, not for this one.
    assert_eq!(app.session.active_ms(), 9_000);
    assert_eq!(app.lesson_active_ms(), 4_000);
    app.update(Message::Quiz(QuizMessage::Leave));
    app.note_input(9_500);
    app.tick(10_000);
    assert_eq!(app.lesson_active_ms(), 5_000);
}

#[test]
fn time_on_the_home_screen_is_not_the_lessons_and_reviewing_its_own_questions_is() {
    let mut app = reader_in(100, 30, Lang::Ja);
    app.note_input(0);
    app.show_home(home_of(2));
    app.tick(3_000);
    assert_eq!(app.lesson_active_ms(), 0);
    app.update(Message::Cancel);
    app.note_input(3_000);
    app.tick(5_000);
    assert_eq!(app.lesson_active_ms(), 2_000);
    // A review of this lesson's own question: its time.
    let items: Vec<ReviewItem> = review_items()
        .into_iter()
        .filter(|item| item.lesson == "services")
        .collect();
    app.start_review(items);
    app.note_input(5_000);
    app.tick(8_000);
    assert_eq!(app.lesson_active_ms(), 5_000);
}
