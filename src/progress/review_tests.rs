use super::*;
use crate::quiz::{AttemptKind, Recall};

const DAY: i64 = 24 * 60 * 60 * 1000;
/// 2027-01-01, a time to start simulated weeks from.
const START: i64 = 1_798_761_600_000;

fn folder(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("manabi-review-{name}-"))
        .tempdir()
        .unwrap()
}

fn answer(question: &str, recall: Recall, kind: AttemptKind) -> Event {
    Event::Answer {
        question: question.to_owned(),
        answer: "x".to_owned(),
        right: recall != Recall::Forgot,
        kind,
        took_ms: Some(10_000),
        recall,
    }
}

/// A store file at `path` of the schema before reviews, with `rows` in it.
fn store_of_schema_3(path: &std::path::Path, rows: &str) {
    let mut connection = rusqlite::Connection::open(path).unwrap();
    let transaction = connection.transaction().unwrap();
    for sql in &schema::MIGRATIONS[..3] {
        transaction.execute_batch(sql).unwrap();
    }
    transaction.pragma_update(None, "user_version", 3).unwrap();
    transaction.execute_batch(rows).unwrap();
    transaction.commit().unwrap();
}

/// A run's first answer to `question` of `lesson`, given at `at`.
fn answered(store: &mut ProgressStore, lesson: &str, question: &str, recall: Recall, at: i64) {
    store
        .record_at(
            lesson,
            None,
            &answer(question, recall, AttemptKind::FirstTry),
            at,
        )
        .unwrap();
}

/// When `question` of `lesson` becomes due, seen from `now`: the first moment after
/// `now` (checked day by day) it is among the due questions.
fn due_day(store: &ProgressStore, lesson: &str, question: &str, now: i64) -> i64 {
    (0..4000)
        .map(|day| now + day * DAY)
        .find(|at| {
            store
                .due_questions(*at, Some(lesson))
                .unwrap()
                .iter()
                .any(|due| due.question == question)
        })
        .unwrap()
}

#[test]
fn a_question_answered_right_each_time_it_is_due_comes_back_later_each_time() {
    let scratch = folder("weeks");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    let mut now = START;
    answered(&mut store, "net", "q", Recall::Good, now);
    let mut gaps = Vec::new();
    for _ in 0..5 {
        let due = due_day(&store, "net", "q", now);
        gaps.push((due - now) / DAY);
        now = due;
        answered(&mut store, "net", "q", Recall::Good, now);
    }
    assert!(gaps[0] >= 1, "{gaps:?}");
    assert!(gaps.windows(2).all(|pair| pair[1] > pair[0]), "{gaps:?}");
    // A month and more apart by the fifth review.
    assert!(gaps[4] >= 30, "{gaps:?}");
}

#[test]
fn a_wrong_answer_brings_a_question_back_soon() {
    let scratch = folder("wrong");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    let mut now = START;
    for _ in 0..4 {
        answered(&mut store, "net", "q", Recall::Good, now);
        now = due_day(&store, "net", "q", now);
    }
    let before_lapse = now;
    answered(&mut store, "net", "q", Recall::Forgot, now);
    let back = due_day(&store, "net", "q", now);
    assert!(
        back - before_lapse <= DAY,
        "{}",
        (back - before_lapse) / DAY
    );
    // Not due the same hour: a wrong answer's second chance is the same run's round.
    assert!(
        store
            .due_questions(now + DAY / 24, Some("net"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn only_a_runs_first_answer_moves_the_schedule() {
    let scratch = folder("retry");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    answered(&mut store, "net", "q", Recall::Forgot, START);
    let due = due_day(&store, "net", "q", START);
    // Right on the retry after the answer was shown: memory of the screen.
    store
        .record_at(
            "net",
            None,
            &answer("q", Recall::Easy, AttemptKind::RetryAfterAnswerShown),
            START + 1000,
        )
        .unwrap();
    assert_eq!(due_day(&store, "net", "q", START), due);
}

#[test]
fn due_questions_come_oldest_first_across_lessons() {
    let scratch = folder("order");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    answered(&mut store, "b", "late", Recall::Forgot, START + DAY);
    answered(&mut store, "a", "early", Recall::Forgot, START);
    let due = store.due_questions(START + 10 * DAY, None).unwrap();
    let names: Vec<(&str, &str)> = due
        .iter()
        .map(|due| (due.lesson.as_str(), due.question.as_str()))
        .collect();
    assert_eq!(names, [("a", "early"), ("b", "late")]);
    assert_eq!(
        store
            .due_questions(START + 10 * DAY, Some("b"))
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn a_clock_set_back_neither_hides_what_was_due_nor_makes_everything_due() {
    let scratch = folder("clock");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    answered(&mut store, "net", "old", Recall::Forgot, START);
    let later = START + 30 * DAY;
    answered(&mut store, "net", "fresh", Recall::Easy, later);
    // The laptop's clock reset to 2001.
    let reset = 1_000_000_000_000;
    let due = store.due_questions(reset, None).unwrap();
    let names: Vec<&str> = due.iter().map(|due| due.question.as_str()).collect();
    assert_eq!(names, ["old"]);
    // An answer given at the reset time does not schedule backwards.
    answered(&mut store, "net", "old", Recall::Good, reset);
    assert!(store.due_questions(later, None).unwrap().is_empty());
    let counts = store.review_counts(reset).unwrap();
    assert_eq!(counts["net"].scheduled, 2);
    assert_eq!(counts["net"].retained, 2);
}

#[test]
fn reviews_turned_off_leave_nothing_due_and_keep_the_schedules() {
    let scratch = folder("off");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    assert!(store.reviews_on().unwrap());
    answered(&mut store, "net", "q", Recall::Forgot, START);
    let later = START + 5 * DAY;
    assert_eq!(store.due_questions(later, None).unwrap().len(), 1);
    store.set_reviews(false).unwrap();
    let reopened = ProgressStore::open(scratch.path(), "hanako").unwrap();
    assert!(!reopened.reviews_on().unwrap());
    assert!(reopened.due_questions(later, None).unwrap().is_empty());
    assert_eq!(reopened.review_counts(later).unwrap()["net"].due, 0);
    store.set_reviews(true).unwrap();
    assert_eq!(store.due_questions(later, None).unwrap().len(), 1);
    // Another learner on the same laptop still reviews.
    assert!(
        ProgressStore::open(scratch.path(), "taro")
            .unwrap()
            .reviews_on()
            .unwrap()
    );
}

#[test]
fn a_store_of_the_previous_schema_gets_schedules_from_its_answers() {
    let scratch = folder("upgrade");
    let folder = scratch.path().to_path_buf();
    store_of_schema_3(&folder.join(STORE_FILE), &format!(
                "INSERT INTO profiles (name, created_at) VALUES ('hanako', 1);
                 INSERT INTO sittings (profile, lesson, started_at, active_ms)
                    VALUES (1, 'net', {START}, 60000);
                 INSERT INTO events (profile, lesson, sitting, at, kind, question, answer, right, value)
                    VALUES (1, 'net', 1, {START}, 'answer', 'right-one', 'a', 1, 0),
                           (1, 'net', 1, {START}, 'answer', 'wrong-one', 'b', 0, 0),
                           (1, 'net', 1, {START}, 'answer', 'wrong-one', 'c', 1, 2);"
    ));
    let store = ProgressStore::open(&folder, "hanako").unwrap();
    assert_eq!(
        schema::version(&store.connection).unwrap(),
        schema::CURRENT_VERSION
    );
    let state = store.lesson_state("net").unwrap();
    assert_eq!(state.active_ms, 60_000);
    assert_eq!(state.quiz.attempts.len(), 3);
    // The wrong one is due first (its retry after the answer was shown is no recall).
    let due = store.due_questions(START + 2 * DAY, None).unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].question, "wrong-one");
    let counts = store.review_counts(START + 2 * DAY).unwrap();
    assert_eq!(counts["net"].scheduled, 2);
    // Every event has an id of its own, made of what it is: two copies of this store
    // upgraded apart agree on it.
    let uids: Vec<String> = store
        .log()
        .unwrap()
        .unwrap()
        .events
        .into_iter()
        .map(|event| event.uid)
        .collect();
    assert_eq!(uids.len(), 3);
    assert!(
        uids.iter().all(|uid| uid.starts_with("hanako/net/")),
        "{uids:?}"
    );
    let mut distinct = uids.clone();
    distinct.dedup();
    assert_eq!(distinct, uids);
}

#[test]
fn a_reset_forgets_the_schedules_too() {
    let scratch = folder("reset");
    let mut store = ProgressStore::open(scratch.path(), "hanako").unwrap();
    answered(&mut store, "net", "q", Recall::Forgot, START);
    store.reset(Some("net")).unwrap();
    assert!(store.review_counts(START).unwrap().is_empty());
}

#[test]
fn a_store_read_as_it_is_from_before_reviews_has_none_and_no_log() {
    let scratch = folder("old-read-only");
    let path = scratch.path().join(STORE_FILE);
    store_of_schema_3(
        &path,
        &format!(
            "INSERT INTO profiles (name, created_at) VALUES ('hanako', 1);
                 INSERT INTO events (profile, lesson, at, kind, question, answer, right, value)
                    VALUES (1, 'k8s-networking', {START}, 'answer', 'q', 'a', 0, 0);"
        ),
    );
    // As the store is opened when its file cannot be written: read as it is.
    let connection =
        rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut store = ProgressStore {
        connection,
        path,
        profile_id: 0,
        schema: 3,
        profile: "hanako".to_owned(),
        access: Access::ReadOnly("read-only disk".to_owned()),
        notices: Vec::new(),
    };
    store.profile_id = store.find_profile("hanako").unwrap();
    assert!(store.reviews_on().unwrap());
    assert!(
        store
            .due_questions(START + 9 * DAY, None)
            .unwrap()
            .is_empty()
    );
    assert!(store.review_counts(START).unwrap().is_empty());
    assert_eq!(store.log().unwrap(), None);
    let course = crate::course::load_course(&crate::course::CourseSource::Embedded).unwrap();
    let quizzes = crate::quiz::CourseQuizzes::load(&crate::course::CourseSource::Embedded, &course);
    // The record of a store read as it is is made (it failed on the missing columns).
    learner_record(&course, &quizzes, &store, START).unwrap();
    assert_eq!(
        store
            .lesson_state("k8s-networking")
            .unwrap()
            .quiz
            .attempts
            .len(),
        1
    );
}
