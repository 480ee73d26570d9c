use super::*;
use crate::course::{CourseSource, load_course};

/// A fresh, empty folder for one test, removed when the test ends.
fn folder(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("manabi-store-{name}-"))
        .tempdir()
        .unwrap()
}

fn answer(question: &str, right: bool) -> Event {
    Event::Answer {
        question: question.to_owned(),
        answer: "2".to_owned(),
        right,
        kind: crate::quiz::AttemptKind::FirstTry,
        took_ms: None,
        recall: if right {
            crate::quiz::Recall::Good
        } else {
            crate::quiz::Recall::Forgot
        },
    }
}

#[test]
fn a_fresh_folder_gets_the_current_schema() {
    let scratch = folder("fresh");
    let folder = scratch.path().join("nested");
    let store = ProgressStore::open(&folder, "hanako").unwrap();
    assert_eq!(
        schema::version(&store.connection).unwrap(),
        schema::CURRENT_VERSION
    );
    assert_eq!(store.access, Access::ReadWrite);
    assert!(store.notices.is_empty());
    let mode: String = store
        .connection
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&folder), 0o700);
        assert_eq!(mode(store.path()), 0o600);
    }
    // Looking adds no profile; the first write does, and opening again keeps it.
    assert!(store.profiles().unwrap().is_empty());
    let mut store = store;
    store.start_sitting("net").unwrap();
    drop(store);
    let again = ProgressStore::open(&folder, "hanako").unwrap();
    assert_eq!(again.profiles().unwrap().len(), 1);
}

#[test]
fn a_sitting_is_resumed_with_its_time_position_reading_and_answers() {
    let scratch = folder("resume");
    let folder = scratch.path().to_path_buf();
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    let sitting = store.start_sitting("net").unwrap();
    store
        .record(
            "net",
            Some(sitting),
            &Event::SectionRead("clusterip".into()),
        )
        .unwrap();
    store
        .record("net", Some(sitting), &answer("q1", false))
        .unwrap();
    store
        .record("net", Some(sitting), &answer("q1", true))
        .unwrap();
    store
        .record(
            "net",
            Some(sitting),
            &Event::SelfAssessed {
                item: 2,
                ticked: true,
            },
        )
        .unwrap();
    for text in ["kind: Ingr", "kind: Ingress\n"] {
        let draft = Event::Draft {
            question: "ingress-two-paths".into(),
            text: text.into(),
        };
        store.record("net", Some(sitting), &draft).unwrap();
    }
    let position = Position {
        section: Some("nodeport".into()),
        offset: 7,
    };
    store
        .checkpoint("net", sitting, 65_000, &position, false)
        .unwrap();
    drop(store);
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    let state = store.lesson_state("net").unwrap();
    assert_eq!(state.active_ms, 65_000);
    assert_eq!(state.sittings, 1);
    assert_eq!(state.read, ["clusterip"]);
    assert_eq!(state.quiz.attempts.len(), 2);
    assert!(state.quiz.latest("q1").unwrap().right);
    assert!(state.quiz.self_assessed.contains(&2));
    assert_eq!(
        state.drafts,
        [("ingress-two-paths".to_owned(), "kind: Ingress\n".to_owned())]
    );
    assert_eq!(state.position, Some(position));
    // A second sitting, an hour later, adds up.
    let second = store.start_sitting("net").unwrap();
    store
        .checkpoint_at(
            "net",
            second,
            30_000,
            &Position::default(),
            true,
            crate::progress::now_ms() + 3_600_000,
        )
        .unwrap();
    let state = store.lesson_state("net").unwrap();
    assert_eq!((state.active_ms, state.sittings), (95_000, 2));
    // Other profiles and lessons see none of it.
    assert_eq!(store.lesson_state("other").unwrap(), LessonState::default());
    drop(store);
    let mut taro = ProgressStore::open(&folder, "taro").unwrap();
    assert_eq!(taro.lesson_state("net").unwrap(), LessonState::default());
    taro.start_sitting("net").unwrap();
    let names: Vec<String> = taro
        .profiles()
        .unwrap()
        .into_iter()
        .map(|profile| profile.name)
        .collect();
    assert_eq!(names, ["hanako", "taro"]);
}

#[test]
fn two_windows_write_at_once() {
    let scratch = folder("two");
    let folder = scratch.path().to_path_buf();
    let mut first = ProgressStore::open(&folder, "hanako").unwrap();
    let mut second = ProgressStore::open(&folder, "hanako").unwrap();
    let (a, b) = (
        first.start_sitting("net").unwrap(),
        second.start_sitting("net").unwrap(),
    );
    let writer = std::thread::spawn(move || {
        for index in 0..50 {
            first
                .record("net", Some(a), &answer(&format!("a{index}"), true))
                .unwrap();
        }
    });
    for index in 0..50 {
        second
            .record("net", Some(b), &answer(&format!("b{index}"), true))
            .unwrap();
    }
    writer.join().unwrap();
    let state = second.lesson_state("net").unwrap();
    assert_eq!(state.quiz.attempts.len(), 100);
    assert_eq!(state.sittings, 2);
}

#[test]
fn a_corrupt_file_is_moved_aside_not_deleted() {
    let scratch = folder("corrupt");
    let folder = scratch.path().to_path_buf();
    std::fs::create_dir_all(&folder).unwrap();
    let junk = b"this is not a database, but somebody's notes\n".repeat(100);
    std::fs::write(folder.join(STORE_FILE), &junk).unwrap();
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    assert_eq!(store.notices.len(), 1, "{:?}", store.notices);
    assert!(
        matches!(store.notices[0], StoreNotice::MovedAside { .. }),
        "{:?}",
        store.notices
    );
    let aside: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), junk);
    store.start_sitting("net").unwrap();
}

#[test]
fn a_store_from_a_newer_manabi_is_read_but_never_written() {
    let scratch = folder("newer");
    let folder = scratch.path().to_path_buf();
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    let sitting = store.start_sitting("net").unwrap();
    store
        .checkpoint("net", sitting, 9_000, &Position::default(), true)
        .unwrap();
    store
        .connection
        .pragma_update(None, "user_version", schema::CURRENT_VERSION + 1)
        .unwrap();
    drop(store);
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    assert!(matches!(store.access, Access::ReadOnly(_)));
    assert!(
        matches!(store.notices[0], StoreNotice::Newer { .. }),
        "{:?}",
        store.notices
    );
    assert_eq!(store.lesson_state("net").unwrap().active_ms, 9_000);
    assert!(matches!(
        store.start_sitting("net"),
        Err(ProgressError::ReadOnly(_))
    ));
    assert!(matches!(
        store.record("net", None, &Event::Paused),
        Err(ProgressError::ReadOnly(_))
    ));
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_written_is_an_error_the_reader_can_show() {
    // Under /proc no folder can be made, not even by root (who may write anywhere else,
    // so a chmod'ed folder would test nothing here; the binary's read-only test runs as
    // `nobody` for that).
    let folder = Path::new("/proc/manabi-no-store").join("data");
    let error = ProgressStore::open(&folder, "hanako")
        .err()
        .expect("no store where no folder can be made");
    assert!(
        error.to_string().contains(&folder.display().to_string()),
        "{error}"
    );
    // A store that becomes read-only while in use reports each write.
    let scratch = self::folder("readonly");
    let folder = scratch.path().to_path_buf();
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    let sitting = store.start_sitting("net").unwrap();
    store
        .connection
        .execute_batch("PRAGMA query_only = ON")
        .unwrap();
    assert!(store.record("net", Some(sitting), &Event::Paused).is_err());
}

#[test]
fn reset_deletes_one_lesson_or_all() {
    let scratch = folder("reset");
    let folder = scratch.path().to_path_buf();
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    for lesson in ["a", "b"] {
        let sitting = store.start_sitting(lesson).unwrap();
        store
            .record(lesson, Some(sitting), &answer("q", true))
            .unwrap();
    }
    assert!(store.reset(Some("a")).unwrap() > 0);
    assert_eq!(store.lesson_state("a").unwrap(), LessonState::default());
    assert_eq!(store.lessons().unwrap(), ["b"]);
    store.reset(None).unwrap();
    assert!(store.lessons().unwrap().is_empty());
}

#[test]
fn exports_make_a_class_report_in_json_and_csv() {
    let course = load_course(&CourseSource::Embedded).unwrap();
    let lesson = &course.lessons[0];
    let crate::quiz::LessonQuiz::Ready(quiz) =
        crate::quiz::load_quiz(&CourseSource::Embedded, lesson)
    else {
        panic!("the lesson's quiz does not load");
    };
    let mut records = Vec::new();
    for (name, right) in [("hanako", true), ("taro", false)] {
        let mut state = LessonState {
            active_ms: 125_000,
            sittings: 2,
            read: vec![lesson.sections[1].anchor.clone()],
            ..LessonState::default()
        };
        for index in quiz.questions_for(1) {
            state.quiz.record(
                &quiz.questions[index].id,
                "ClusterIP",
                right,
                crate::quiz::AttemptKind::FirstTry,
            );
        }
        records.push(LearnerRecord {
            format: exchange::FORMAT.to_owned(),
            profile: name.to_owned(),
            lessons: vec![LessonRecord::new(lesson, Some(&quiz), &state)],
            orphaned: Vec::new(),
            log: None,
        });
    }
    let json = serde_json::to_string_pretty(&records[0]).unwrap();
    let csv = export_csv(&records[1]).unwrap();
    let back = [read_export(&json).unwrap(), read_export(&csv).unwrap()];
    assert_eq!(back, [records[0].clone(), records[1].clone()]);
    let report = class_report(&back);
    let lesson_report = &report.lessons[0];
    assert_eq!(lesson_report.learners.len(), 2);
    let first_item = quiz.questions_for(1).len();
    let hanako = &lesson_report.learners[0];
    assert_eq!(
        (hanako.profile.as_str(), hanako.active_seconds),
        ("hanako", 125)
    );
    assert_eq!(
        (hanako.first_try_right, hanako.first_tries),
        (Some(first_item), Some(first_item))
    );
    assert_eq!(hanako.items[0].mastery, "mastered");
    assert_eq!(lesson_report.items[0].mastered, 1);
    assert_eq!(lesson_report.items[1].mastered, 0);
    // Item 1's questions: taro wrong at the first try, hanako right; the rest untried.
    let worst = &lesson_report.questions[0];
    assert_eq!(
        (
            worst.item,
            worst.tried,
            worst.wrong_at_first_try,
            worst.still_wrong,
            worst.never_tried
        ),
        (1, 2, 1, 1, 0)
    );
    let untried = lesson_report.questions.last().unwrap();
    assert_eq!((untried.tried, untried.never_tried), (0, 2));
    // Both gave "ClusterIP": one wrong answer is not "common".
    assert_eq!(worst.common_wrong_answer, None);
    let csv = report_csv(&back).unwrap();
    assert_eq!(csv.lines().count(), 1 + 2 * quiz.questions.len(), "{csv}");
    for broken in [
        "",
        "{}",
        "{\"format\":\"other\",\"profile\":\"x\",\"lessons\":[]}",
        "a,b\n1,2\n",
    ] {
        assert!(read_export(broken).is_err(), "{broken:?}");
    }
}

#[test]
fn a_store_of_the_first_release_is_migrated_with_its_data() {
    let scratch = folder("migrate");
    let folder = scratch.path().to_path_buf();
    std::fs::create_dir_all(&folder).unwrap();
    {
        let connection = rusqlite::Connection::open(folder.join(STORE_FILE)).unwrap();
        connection.execute_batch(schema::MIGRATIONS[0]).unwrap();
        connection.pragma_update(None, "user_version", 1).unwrap();
        connection
            .execute(
                "INSERT INTO profiles (name, created_at) VALUES ('hanako', 1)",
                [],
            )
            .unwrap();
        connection
            .execute(
                "INSERT INTO sittings (profile, lesson, started_at, active_ms) VALUES (1, 'net', 1, 4000)",
                [],
            )
            .unwrap();
    }
    let mut store = ProgressStore::open(&folder, "hanako").unwrap();
    assert_eq!(
        schema::version(&store.connection).unwrap(),
        schema::CURRENT_VERSION
    );
    assert_eq!(store.lesson_state("net").unwrap().active_ms, 4000);
    let draft = Event::Draft {
        question: "q".into(),
        text: "kind: Service\n".into(),
    };
    store.record("net", None, &draft).unwrap();
    assert_eq!(store.lesson_state("net").unwrap().drafts.len(), 1);
}

#[test]
fn two_windows_on_one_profile_count_their_overlap_once() {
    let scratch = folder("overlap");
    let mut reading = ProgressStore::open(scratch.path(), "hanako").unwrap();
    let mut quizzing = ProgressStore::open(scratch.path(), "hanako").unwrap();
    let one = reading.start_sitting("net").unwrap();
    let two = quizzing.start_sitting("net").unwrap();
    let at = |seconds: i64| 1_800_000_000_000 + seconds * 1000;
    let place = Position::default();
    // Both windows active through the same nine seconds (checkpoints every few seconds).
    for (seconds, active) in [(5, 4_000), (9, 8_000), (10, 9_000)] {
        reading
            .checkpoint_at("net", one, active, &place, false, at(seconds))
            .unwrap();
        quizzing
            .checkpoint_at("net", two, active, &place, false, at(seconds))
            .unwrap();
    }
    assert_eq!(reading.lesson_state("net").unwrap().active_ms, 9_000);
    // Later the reading window alone, five seconds more.
    reading
        .checkpoint_at("net", one, 14_000, &place, true, at(100))
        .unwrap();
    assert_eq!(quizzing.lesson_state("net").unwrap().active_ms, 14_000);
    assert_eq!(reading.lesson_state("net").unwrap().sittings, 2);
    let profiles = reading.profiles().unwrap();
    assert_eq!(profiles[0].active_ms, 14_000);
}
