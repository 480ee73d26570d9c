//! The progress commands of the real binary on a store written through the library:
//! profiles, progress, export (JSON and CSV), the class report, reset.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use manabi::course::{CourseSource, load_course};
use manabi::progress::{Event, LearnerRecord, Position, ProgressStore};
use manabi::quiz::{LessonQuiz, load_quiz};

/// A folder of the test's own, removed when the test ends (failed or not).
fn folder(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("manabi-cli-{name}-"))
        .tempdir()
        .unwrap()
}

fn manabi(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_manabi"))
        .args(args)
        // The messages follow the locale: the tests read the English ones.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .arg("--data-dir")
        .arg(data)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// A learner who studied 2:05, read a section and answered item 1's questions.
fn study(data: &Path, profile: &str, right: bool) {
    study_at(data, profile, right, manabi::progress::now_ms());
}

/// [`study`], the sitting ending at `at` (milliseconds since 1970).
fn study_at(data: &Path, profile: &str, right: bool, at: i64) {
    let course = load_course(&CourseSource::Embedded).unwrap();
    let lesson = &course.lessons[0];
    let LessonQuiz::Ready(quiz) = load_quiz(&CourseSource::Embedded, lesson) else {
        panic!("no quiz");
    };
    let mut store = ProgressStore::open(data, profile).unwrap();
    let id = &lesson.meta.id;
    let sitting = store.start_sitting(id).unwrap();
    store
        .record(
            id,
            Some(sitting),
            &Event::SectionRead(lesson.sections[1].anchor.clone()),
        )
        .unwrap();
    for index in quiz.questions_for(1) {
        let event = Event::Answer {
            question: quiz.questions[index].id.clone(),
            answer: "x".into(),
            right,
            kind: manabi::quiz::AttemptKind::FirstTry,
            took_ms: Some(8_000),
            recall: if right {
                manabi::quiz::Recall::Good
            } else {
                manabi::quiz::Recall::Forgot
            },
        };
        store
            .record_at(id, Some(sitting), &event, at - 1_000)
            .unwrap();
    }
    store
        .checkpoint_at(id, sitting, 125_000, &Position::default(), true, at)
        .unwrap();
}

#[test]
fn profiles_progress_export_report_and_reset() {
    let scratch = folder("round");
    let base = scratch.path().to_path_buf();
    let data = base.join("data");
    study(&data, "hanako", true);
    study(&data, "taro", false);

    let profiles = stdout(&manabi(&data, &["profiles"]));
    assert!(
        profiles.contains("hanako  1 lesson(s)")
            && profiles.contains("last seen today")
            && profiles.contains("taro"),
        "{profiles}"
    );

    let progress = stdout(&manabi(&data, &["progress", "--profile", "hanako"]));
    assert!(
        progress.contains("2:05 / 40:00 active, 1 sitting(s)"),
        "{progress}"
    );
    assert!(progress.contains("  read    1/21 sections"), "{progress}");
    assert!(
        progress.contains("  review  0 due, 7 retained, of 7 scheduled"),
        "{progress}"
    );
    let course = load_course(&CourseSource::Embedded).unwrap();
    let LessonQuiz::Ready(quiz) = load_quiz(&CourseSource::Embedded, &course.lessons[0]) else {
        panic!("no quiz");
    };
    let first_item = quiz.questions_for(1).len();
    assert!(
        progress.contains(&format!("1. mastered ({first_item}/{first_item})")),
        "{progress}"
    );
    let json = stdout(&manabi(&data, &["progress", "--json", "--profile", "taro"]));
    let record: LearnerRecord = serde_json::from_str(&json).unwrap();
    assert_eq!(record.lessons[0].checklist[0].mastery, "in progress");

    // The instructor collects one JSON, one CSV, and a stray file.
    let collected = base.join("collected");
    std::fs::create_dir_all(&collected).unwrap();
    let hanako = collected.join("hanako.json");
    let taro = collected.join("taro.csv");
    let written = manabi(
        &data,
        &[
            "export",
            "--profile",
            "hanako",
            "-o",
            hanako.to_str().unwrap(),
        ],
    );
    assert!(written.status.success());
    let written = manabi(
        &data,
        &[
            "export",
            "--profile",
            "taro",
            "--format",
            "csv",
            "-o",
            taro.to_str().unwrap(),
        ],
    );
    assert!(written.status.success());
    std::fs::write(collected.join("notes.json"), "{\"not\": \"an export\"}").unwrap();
    let report = manabi(&data, &["report", collected.to_str().unwrap()]);
    assert!(report.status.success());
    let text = stdout(&report);
    assert!(text.contains("2 learner(s)"), "{text}");
    assert!(
        text.contains("hanako")
            && text.contains(&format!("*{first_item}/{first_item}"))
            && text.contains(&format!("0/{first_item}")),
        "{text}"
    );
    assert!(text.contains("  1 [##########          ] 1/2"), "{text}");
    let problems = stderr(&report);
    assert!(
        problems.contains("Skipped 1 file(s)") && problems.contains("notes.json"),
        "{problems}"
    );

    // Reset asks; without a terminal to ask on, it refuses unless told --yes.
    let refused = manabi(&data, &["reset", "--profile", "taro"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    let reset = manabi(
        &data,
        &["reset", "--yes", "--profile", "taro", "k8s-networking"],
    );
    assert!(reset.status.success());
    let after = stdout(&manabi(&data, &["progress", "--profile", "taro"]));
    assert!(
        after.contains("0:00 / 40:00 active, 0 sitting(s)"),
        "{after}"
    );
}

#[test]
fn a_report_with_nothing_readable_fails_and_says_why() {
    let scratch = folder("empty");
    let base = scratch.path().to_path_buf();
    std::fs::write(base.join("junk.csv"), "a,b\n1,2\n").unwrap();
    let output = manabi(&base.join("data"), &["report", base.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("junk.csv"));
}

#[test]
fn an_unknown_profile_or_a_missing_folder_is_an_error_not_an_empty_record() {
    let scratch = folder("unknown");
    let data = scratch.path().join("data");
    study(&data, "hanako", true);
    let progress = manabi(&data, &["progress", "--profile", "zed"]);
    assert_eq!(progress.status.code(), Some(2));
    assert!(stderr(&progress).contains("no progress of `zed` on this machine (profiles: hanako)"));
    let missing = scratch.path().join("handin");
    let report = manabi(&data, &["report", missing.to_str().unwrap()]);
    assert_eq!(report.status.code(), Some(2));
    assert_eq!(
        stderr(&report),
        format!("manabi: {} does not exist\n", missing.display())
    );
}

#[test]
fn a_class_of_sample_exports_makes_the_report() {
    let exports = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports");
    let scratch = folder("class");
    let output = manabi(
        &scratch.path().join("data"),
        &["report", exports.to_str().unwrap()],
    );
    assert!(output.status.success());
    let text = stdout(&output);
    assert!(text.contains("6 learner(s)"), "{text}");
    for line in [
        "haruto   20:00 / 40:00         1    9/21       8/14          ?     3/7     5/7       -       -       -       -",
        "aiko     40:10 / 40:00         2   21/21      31/35          ?    *7/7    *7/7    *6/6    *5/5    *6/6   *4/4v",
        "kenji    42:35 / 40:00         2   20/21          ?          ?    *6/6     3/5    *6/6    *5/5     4/6    *4/4",
        "  5 [######              ] 2/6  NetworkPolicy でトラフィックを制限できる",
        "  1 [#############       ] 4/6  Service の各タイプ",
        "  3/5 wrong  svc-nodeport-range               #1 NodePort; still wrong: 1; most given wrong answer: \"1-65535\" (3)",
        "  3/3 wrong  netpol-from-and-vs-or            #5 NetworkPolicy; still wrong: 1; never tried: 2;",
        "(no answers per question from kenji: exported by an older manabi)",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
    // Worst first.
    let at = |id: &str| text.find(&format!("wrong  {id} ")).unwrap();
    assert!(at("netpol-from-and-vs-or") < at("svc-loadbalancer-facts"));
    assert!(stderr(&output).contains("broken.json: EOF while parsing"));
    // The same report for a spreadsheet and in Japanese.
    let csv = manabi(
        &scratch.path().join("data"),
        &["report", "--format", "csv", exports.to_str().unwrap()],
    );
    let csv = stdout(&csv);
    assert!(
        csv.starts_with("lesson,learner,question,item,section,attempts,first_right"),
        "{csv}"
    );
    let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
    assert_eq!(rows, 5 * 35, "five learners with answers, 35 questions");
    let json = manabi(
        &scratch.path().join("data"),
        &["report", "--format", "json", exports.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(json["lessons"][0]["questions"][0]["wrong_at_first_try"], 3);
    let japanese = manabi(
        &scratch.path().join("data"),
        &["--lang", "ja", "report", exports.to_str().unwrap()],
    );
    assert!(
        stdout(&japanese).contains("初回で間違えた人数"),
        "{}",
        stdout(&japanese)
    );
}

/// A store the learner may read but not write (a read-only folder and file) is shown,
/// not refused. As root (which may write anything) the binary runs as `nobody`.
#[cfg(unix)]
#[test]
fn a_read_only_store_is_read() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = folder("readonly-store");
    let base = scratch.path().to_path_buf();
    let data = base.join("data");
    study(&data, "hanako", true);
    let root = std::fs::write(base.join("probe"), b"").is_ok()
        && Command::new("id")
            .arg("-u")
            .output()
            .is_ok_and(|id| id.stdout == b"0\n");
    let mut command = if root {
        // `nobody` must reach the folder and own the store, as its learner would.
        for path in [&base, &data] {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Command::new("chown")
            .args(["-R", "65534", data.to_str().unwrap()])
            .status()
            .unwrap();
        let mut command = Command::new("setpriv");
        command.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
        command.arg(env!("CARGO_BIN_EXE_manabi"));
        command
    } else {
        Command::new(env!("CARGO_BIN_EXE_manabi"))
    };
    for entry in std::fs::read_dir(&data).unwrap() {
        let path = entry.unwrap().path();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o400)).unwrap();
    }
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o500)).unwrap();
    let output = command
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["progress", "--profile", "hanako", "--data-dir"])
        .arg(&data)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o700)).unwrap();
    let _ = Command::new("chown")
        .args(["-R", "0", base.to_str().unwrap()])
        .status();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout(&output).contains("2:05 / 40:00 active"),
        "{}",
        stdout(&output)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("cannot be written: your progress is shown but not saved")
    );
}

#[test]
fn typos_in_profiles_and_lessons_are_errors_and_duplicates_are_reported_once() {
    let scratch = folder("typos");
    let base = scratch.path().to_path_buf();
    let data = base.join("data");
    study(&data, "hanako", true);
    let export = manabi(&data, &["export", "--profile", "hanak"]);
    assert_eq!(export.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&export.stderr).contains("no progress of `hanak`"));
    let reset = manabi(
        &data,
        &["reset", "--yes", "--profile", "hanako", "k8s-networkin"],
    );
    assert_eq!(reset.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&reset.stderr).contains("no lesson `k8s-networkin`"));
    // The same learner handed in as JSON and as CSV (from the file's extension).
    let class = base.join("class");
    std::fs::create_dir_all(&class).unwrap();
    for name in ["hanako.json", "hanako.csv"] {
        let written = manabi(
            &data,
            &[
                "export",
                "--profile",
                "hanako",
                "-o",
                class.join(name).to_str().unwrap(),
            ],
        );
        assert!(written.status.success());
    }
    assert!(
        std::fs::read_to_string(class.join("hanako.csv"))
            .unwrap()
            .starts_with("profile,")
    );
    let report = manabi(&data, &["report", class.to_str().unwrap()]);
    assert!(
        stdout(&report).contains("1 learner(s)"),
        "{}",
        stdout(&report)
    );
    let text = stderr(&report);
    assert!(text.contains("another export of `hanako`"), "{text}");
    // A second export of one learner is a valid export, not a stranger's file.
    assert!(
        text.contains("Skipped 1 file(s) of learners counted once already"),
        "{text}"
    );
    assert!(!text.contains("not manabi exports"), "{text}");
    // Reset of everything removes the profile too.
    assert!(
        manabi(&data, &["reset", "--yes", "--profile", "hanako"])
            .status
            .success()
    );
    assert!(!stdout(&manabi(&data, &["profiles"])).contains("hanako"));
}

#[test]
fn an_export_imported_twice_on_another_machine_counts_once() {
    let base = folder("import");
    let laptop = base.path().join("laptop");
    let home = base.path().join("home");
    // The laptop in class, home in the evening: two sittings hours apart.
    let evening = manabi::progress::now_ms();
    study_at(&laptop, "hanako", false, evening - 6 * 60 * 60 * 1000);
    let export = base.path().join("hanako.json");
    let exported = manabi(
        &laptop,
        &[
            "export",
            "--profile",
            "hanako",
            "-o",
            export.to_str().unwrap(),
        ],
    );
    assert!(exported.status.success(), "{}", stderr(&exported));
    // At home the learner studied too, before bringing the laptop's record.
    study_at(&home, "hanako", true, evening);
    let before = stdout(&manabi(&home, &["progress", "--profile", "hanako"]));
    for round in 0..2 {
        let imported = manabi(&home, &["import", export.to_str().unwrap()]);
        assert!(imported.status.success(), "{}", stderr(&imported));
        let said = stdout(&imported);
        if round == 0 {
            assert!(
                said.contains("into hanako's progress; 0 were here"),
                "{said}"
            );
        } else {
            assert!(
                said.contains("imported 0 sitting(s) and 0 event(s)"),
                "{said}"
            );
        }
    }
    let after = stdout(&manabi(&home, &["progress", "--profile", "hanako"]));
    assert_ne!(before, after);
    // Both sittings, each one's time.
    assert!(
        after.contains("4:10 / 40:00 active, 2 sitting(s)"),
        "{after}"
    );
    // Home's answers came after the laptop's: the latest, right, wins.
    assert!(after.contains("1. mastered (7/7)"), "{after}");
    let json = stdout(&manabi(
        &home,
        &["progress", "--profile", "hanako", "--json"],
    ));
    let record: LearnerRecord = serde_json::from_str(&json).unwrap();
    let log = record.log.unwrap();
    assert_eq!(log.sittings.len(), 2);
    // Each question's schedule comes from both machines' answers, in the order given.
    assert!(!log.schedules.is_empty());
    assert!(
        log.schedules.iter().all(|schedule| schedule.reps == 2),
        "{:?}",
        log.schedules
    );
    let mut uids: Vec<&str> = log.events.iter().map(|event| event.uid.as_str()).collect();
    let events = uids.len();
    uids.sort_unstable();
    uids.dedup();
    assert_eq!(uids.len(), events);
}

#[test]
fn an_export_without_a_log_is_refused_with_the_reason() {
    let base = folder("import-old");
    let data = base.path().join("data");
    study(&data, "hanako", true);
    let csv = base.path().join("hanako.csv");
    let written = manabi(
        &data,
        &["export", "--profile", "hanako", "-o", csv.to_str().unwrap()],
    );
    assert!(written.status.success());
    let refused = manabi(&data, &["import", csv.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("has totals but not the log"),
        "{}",
        stderr(&refused)
    );
    let old = base.path().join("old.json");
    std::fs::write(
        &old,
        r#"{"format":"manabi-progress-2","profile":"kenji","lessons":[]}"#,
    )
    .unwrap();
    let refused = manabi(&data, &["import", old.to_str().unwrap()]);
    assert!(
        stderr(&refused).contains("(manabi-progress-2)"),
        "{}",
        stderr(&refused)
    );
    let missing = manabi(&data, &["import", "/nonexistent/x.json"]);
    assert!(
        stderr(&missing).contains("cannot read"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn progress_of_a_lesson_the_course_no_longer_has_is_shown_as_orphaned() {
    let base = folder("orphan");
    let data = base.path().join("data");
    study(&data, "hanako", true);
    let mut store = ProgressStore::open(&data, "hanako").unwrap();
    let sitting = store.start_sitting("k8s-networking-old").unwrap();
    store
        .checkpoint(
            "k8s-networking-old",
            sitting,
            60_000,
            &Position::default(),
            true,
        )
        .unwrap();
    let output = manabi(&data, &["progress", "--profile", "hanako"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("k8s-networking-old  (not in this course: renamed or removed)"),
        "{text}"
    );
    assert!(text.contains("1:00 / -:00 active, 1 sitting(s)"), "{text}");
}
