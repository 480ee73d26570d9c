use super::*;

fn start(code: &str) -> impl FnOnce() -> (String, String, String) {
    let code = code.to_owned();
    move || (code, "lesson".to_owned(), "intro".to_owned())
}

fn here(section: &str) -> Whereabouts {
    Whereabouts {
        section: section.into(),
        following: true,
        mastered: 1,
        items: 4,
    }
}

#[test]
fn a_class_survives_its_presenter() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("class.sqlite");
    {
        let mut store = ClassStore::open_or_start(&path, start("111111"), 1).unwrap();
        store.join("key-a", "Aiko", 2).unwrap();
        store.set_section("services").unwrap();
        store.set_port(47_310).unwrap();
        assert_eq!(
            store.progress("key-a", 7, &here("services"), 3).unwrap(),
            Taken::New
        );
        let poll = store.open_poll("q1", 4).unwrap();
        assert_eq!(store.answer("key-a", 8, poll, "1", 5).unwrap(), Taken::New);
    }
    let store = ClassStore::open_or_start(&path, start("222222"), 9).unwrap();
    let info = store.info().unwrap();
    assert_eq!(
        (info.code.as_str(), info.section.as_str()),
        ("111111", "services")
    );
    assert_eq!(info.port, Some(47_310));
    let learners = store.learners().unwrap();
    assert_eq!(learners.len(), 1);
    assert_eq!(learners[0].section.as_deref(), Some("services"));
    let poll = store.latest_poll().unwrap().unwrap();
    assert_eq!(
        store.answers(poll.poll).unwrap(),
        [("key-a".into(), "1".into())]
    );
}

#[test]
fn an_ended_class_makes_way_for_a_new_code() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("class.sqlite");
    let store = ClassStore::open_or_start(&path, start("111111"), 1).unwrap();
    store.join("key-a", "Aiko", 2).unwrap();
    store.end(3).unwrap();
    assert!(store.info().unwrap().ended);
    drop(store);
    let store = ClassStore::open_or_start(&path, start("222222"), 4).unwrap();
    let info = store.info().unwrap();
    assert_eq!(info.code, "222222");
    assert!(!info.ended);
    assert!(store.learners().unwrap().is_empty());
}

#[test]
fn each_message_is_taken_once_and_each_learner_answers_once() {
    let folder = tempfile::tempdir().unwrap();
    let mut store =
        ClassStore::open_or_start(&folder.path().join("c.sqlite"), start("1"), 1).unwrap();
    store.join("a", "A", 1).unwrap();
    store.join("b", "B", 1).unwrap();
    let poll = store.open_poll("q1", 2).unwrap();
    assert_eq!(store.answer("a", 10, poll, "0", 3).unwrap(), Taken::New);
    assert_eq!(store.answer("a", 10, poll, "0", 3).unwrap(), Taken::Again);
    // A second answer with a new id (a learner that restarted) does not count again.
    assert_eq!(store.answer("a", 11, poll, "2", 4).unwrap(), Taken::Ignored);
    // The same id from another learner is that learner's own message.
    assert_eq!(store.answer("b", 10, poll, "2", 4).unwrap(), Taken::New);
    assert_eq!(
        store.answers(poll).unwrap(),
        [("a".into(), "0".into()), ("b".into(), "2".into())]
    );
    assert!(store.answered(poll, "a").unwrap());
    // A closed poll takes no more answers.
    store.reveal(poll).unwrap();
    store.join("c", "C", 5).unwrap();
    assert_eq!(store.answer("c", 1, poll, "0", 6).unwrap(), Taken::Ignored);
    assert!(store.latest_poll().unwrap().unwrap().revealed);
    // A new poll closes the one before.
    let second = store.open_poll("q2", 7).unwrap();
    assert_ne!(second, poll);
    assert_eq!(store.answer("c", 2, poll, "0", 8).unwrap(), Taken::Ignored);
}

#[test]
fn the_notes_window_reads_while_the_presenter_writes() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("class.sqlite");
    let store = ClassStore::open_or_start(&path, start("1"), 1).unwrap();
    let notes = ClassStore::open_read_only(&path).unwrap();
    let before = notes.data_version().unwrap();
    store.join("a", "A", 1).unwrap();
    let after = notes.data_version().unwrap();
    assert_ne!(after, before, "the presenter wrote");
    assert_eq!(notes.learners().unwrap().len(), 1);
    assert_eq!(notes.info().unwrap().code, "1");
    // The notes window's own reads leave it as it was: it reads again only after a write.
    assert_eq!(
        notes.data_version().unwrap(),
        after,
        "nothing written since"
    );
}

#[test]
fn a_missing_file_is_said_for_the_notes_window() {
    let folder = tempfile::tempdir().unwrap();
    let error = ClassStore::open_read_only(&folder.path().join("none.sqlite"));
    assert!(error.is_err_and(|error| error.to_string().contains("none.sqlite")));
}

#[test]
fn a_progress_message_taken_twice_is_applied_once() {
    let folder = tempfile::tempdir().unwrap();
    let mut store =
        ClassStore::open_or_start(&folder.path().join("c.sqlite"), start("1"), 1).unwrap();
    store.join("a", "A", 1).unwrap();
    assert_eq!(store.progress("a", 5, &here("dns"), 2).unwrap(), Taken::New);
    // The same id again, even saying something else, is not applied.
    assert_eq!(
        store.progress("a", 5, &here("services"), 3).unwrap(),
        Taken::Again
    );
    assert_eq!(store.learners().unwrap()[0].section.as_deref(), Some("dns"));
    assert_eq!(
        store.progress("a", 6, &here("services"), 4).unwrap(),
        Taken::New
    );
    assert_eq!(
        store.learners().unwrap()[0].section.as_deref(),
        Some("services")
    );
}
