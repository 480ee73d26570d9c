//! The real binary in a pseudo-terminal, its screen read through a terminal emulator
//! (vt100), keys typed as a learner would.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

#[path = "support/pty.rs"]
mod pty;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use pty::{Answers, Session, shown_number, size, status_line, temp_folder};

#[test]
fn a_learner_reads_jumps_searches_resizes_and_quits() {
    let scratch = temp_folder("walk");
    let folder = scratch.path();
    let mut session = Session::start(
        &["--lang", "en", "--theme", "dark", "--ambiguous", "narrow"],
        folder,
    );
    session.wait_for("Contents");
    session.wait_for("「Kubernetes のネットワークは難しいと言われるが");
    assert!(session.screen.lock().unwrap().screen().alternate_screen());

    // Tab to the contents, down to NodePort (the 6th entry), Enter.
    session.type_keys("\t");
    session.type_keys("jjjjj");
    session.type_keys("\r");
    session.wait_for("> NodePort");
    session.wait_for("name: api-server-nodeport");

    // Scroll the section's diagram away; save the manifest now first on screen, then
    // copy it.
    session.type_keys(&"j".repeat(30));
    session.type_keys("s");
    session.wait_for("saved ./api-server-nodeport.yaml");
    let saved = std::fs::read_to_string(folder.join("api-server-nodeport.yaml")).unwrap();
    assert!(saved.contains("nodePort: 30080"));
    session.type_keys("y");
    session.wait_for("lines to the clipboard");
    assert!(
        String::from_utf8_lossy(&session.raw.lock().unwrap())
            .contains("\x1b]52;c;YXBpVmVyc2lvbjogdjE")
    );

    // Incremental search.
    session.type_keys("/CoreDNS");
    session.wait_for("Search: CoreDNS");
    session.type_keys("\r");
    session.wait_for("match 1/");
    assert!(session.contents().contains("CoreDNS"));

    // Resize: the text reflows, the contents pane goes, the position stays. (Esc first
    // clears the match notice so the status bar names the section.)
    session.type_keys("\x1b");
    session.wait_until("the match notice cleared", |screen| {
        status_line(screen).contains('>') && !status_line(screen).contains("match")
    });
    let section = session.status_line();
    let section_name = section
        .split('>')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    session.master.resize(size(60, 20)).unwrap();
    session.screen.lock().unwrap().screen_mut().set_size(20, 60);
    session.wait_until("the text reflowed without the contents pane", |screen| {
        screen
            .contents()
            .lines()
            .next()
            .is_some_and(|line| !line.contains("Contents"))
    });
    session.wait_until(
        &format!("the status bar still in {section_name:?} after the resize"),
        |screen| status_line(screen).contains(&section_name),
    );

    session.type_keys("?");
    session.wait_for("Keys");
    session.type_keys("\x1b");
    session.type_keys("q");
    let status = session.child.wait().unwrap();
    assert!(status.success());
    session.wait_for_main_screen();
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    assert!(
        raw.ends_with("\x1b[?25h") || raw.contains("\x1b[?1049l"),
        "terminal restored"
    );
}

#[test]
fn a_terminal_that_never_answers_does_not_block_the_reader() {
    let scratch = temp_folder("silent");
    let folder = scratch.path();
    let mut session = Session::start(&["--lang", "en"], folder);
    session.wait_for("Contents");
    session.type_keys("G");
    session.wait_for("Pod Security Standards");
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
}

#[test]
fn sigterm_restores_the_terminal_and_saves_the_clock() {
    let scratch = temp_folder("term");
    let folder = scratch.path();
    let args = ["--lang", "en", "--theme", "dark", "--ambiguous", "narrow"];
    let mut session = Session::start(&args, folder);
    session.wait_for("Contents");
    // Three seconds in: before the first 5-second checkpoint.
    std::thread::sleep(Duration::from_secs(3));
    let pid = session.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    let status = session.child.wait().unwrap();
    assert_eq!(status.exit_code(), 128 + 15);
    session.wait_for_main_screen();
    // The clock was saved on the way out.
    let mut again = Session::start(&args, folder);
    again.wait_until("the study clock in the status bar", |screen| {
        status_line(screen).contains(" / 40:00")
    });
    let status = again.status_line();
    again.type_keys("q");
    assert!(again.child.wait().unwrap().success());
    // At least the three seconds before the signal were saved; the new sitting's clock
    // may have ticked a second or two before the bar was read.
    let seconds = clock_seconds(&status);
    assert!((3..=5).contains(&seconds), "{status}");
}

/// Where the status bar says the reader is (`lesson > section`), without the clock.
fn place(status: &str) -> String {
    status
        .trim()
        .split("  ")
        .next()
        .unwrap_or_default()
        .to_owned()
}

/// The study clock of a status bar (`… 00:07 / 40:00 …`) in seconds.
fn clock_seconds(status: &str) -> u64 {
    let clock = status.split(" / ").next().unwrap_or_default();
    let time = clock.rsplit(' ').next().unwrap_or_default();
    let (minutes, seconds) = time.split_once(':').unwrap_or(("0", "0"));
    minutes.parse::<u64>().unwrap_or(0) * 60 + seconds.parse::<u64>().unwrap_or(0)
}

#[test]
fn a_terminal_drawing_box_characters_wide_gets_ascii_structure() {
    let scratch = temp_folder("wide");
    let folder = scratch.path();
    let mut session = Session::start_answering(
        &["--lang", "en"],
        folder,
        Answers::Now {
            light: true,
            wide: true,
        },
    );
    session.wait_for("Contents");
    session.wait_for("+- diagram");
    session.wait_for("+- Node A");
    let screen = session.contents();
    assert!(!screen.contains('│') && !screen.contains('┌'), "{screen}");
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
}

#[test]
fn a_late_colour_reply_is_not_taken_for_keys() {
    let scratch = temp_folder("late");
    let folder = scratch.path();
    let written = Arc::new(AtomicBool::new(false));
    let mut session = Session::start_answering(
        &["--lang", "en"],
        folder,
        Answers::ColourLate(Arc::clone(&written)),
    );
    session.wait_until("the status bar names the section", |screen| {
        status_line(screen).contains('>')
    });
    let first_section = place(&session.status_line());
    let deadline = Instant::now() + Duration::from_secs(10);
    while !written.load(Ordering::SeqCst) {
        assert!(Instant::now() < deadline, "the late reply was never sent");
        std::thread::sleep(Duration::from_millis(20));
    }
    // The reply "ESC ] 11;rgb:ffff/… ESC \\" would read as `]` (next section), `g`, `b`
    // and `/` (search) if taken for keys. The help key typed after it reaches the reader
    // after the reply, so once help shows, the reply has been read.
    session.type_keys("?");
    session.wait_for("Keys");
    let screen = session.contents();
    assert!(!screen.contains("Search:"), "{screen}");
    session.type_keys("\x1b");
    session.wait_until("help closed", |screen| !screen.contents().contains("Keys"));
    assert_eq!(
        place(&session.status_line()),
        first_section,
        "the reader moved"
    );
    session.type_keys("]");
    session.wait_until("keys still work after the reply", |screen| {
        place(&status_line(screen)) != first_section
    });
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
}

/// The reader on the small quiz course (one question of each kind), in Japanese, its
/// first screen drawn.
fn quiz_course_in(folder: &Path) -> Session {
    let course = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/quiz-pty");
    let session = Session::start(
        &["--course", course.to_str().unwrap(), "--lang", "ja"],
        folder,
    );
    session.wait_for("クイズの練習");
    session
}

#[test]
fn a_learner_answers_one_question_of_each_kind() {
    let scratch = temp_folder("quiz");
    let mut session = quiz_course_in(scratch.path());
    session.type_keys("c");
    session.wait_for("未挑戦 (0/4)");
    session.type_keys("\r");
    // Choice: the right one by its shown number (the order is shuffled per learner).
    session.wait_for("クラスタ内だけで使う");
    let number = shown_number(&session.contents(), "ClusterIP");
    session.type_keys(&format!("{number}\r"));
    session.wait_for("正解！");
    session.type_keys("\r");
    // Multi: tick two, submit.
    session.wait_for("すべて選んでください");
    let screen = session.contents();
    for choice in ["NodePort", "LoadBalancer"] {
        session.type_keys(&shown_number(&screen, choice).to_string());
    }
    session.type_keys("\r");
    session.wait_for("正解！");
    session.type_keys("\r");
    // Text: full-width letters from an IME count.
    session.wait_for("既定の Service type");
    session.type_keys("ＣｌｕｓｔｅｒＩＰ\r");
    session.wait_for("正解！");
    session.type_keys("\r");
    // Manifest: a wrong first try with the rule's own message, then fixed in the editor.
    session.wait_for("kind を Service に");
    session.type_keys("\x13");
    session.wait_for("kind が Service ではありません");
    session.type_keys("\r");
    session.wait_for("2 周目");
    session.type_keys("\r");
    session.type_keys("\x1b[F");
    session.type_keys("\x7f\x7f\x7fService");
    session.type_keys("\x13");
    session.wait_for("正解！");
    session.type_keys("\r");
    session.wait_for("すべての問題に答えました");
    session.wait_for("初回で正解: 3/4");
    session.type_keys("\r");
    session.wait_for("習得済み (4/4)");
    session.type_keys("\x1b");
    std::thread::sleep(Duration::from_millis(100));
    session.type_keys("q");
    let status = session.child.wait().unwrap();
    assert!(status.success());
}

/// A manifest pasted into the built-in editor arrives as one bracketed paste and goes in
/// exactly as copied: no auto-indent on top of its own indentation.
#[test]
fn a_pasted_manifest_goes_into_the_editor_unchanged() {
    let scratch = temp_folder("paste");
    let mut session = quiz_course_in(scratch.path());
    let asked = |raw: &[u8]| raw.windows(8).any(|window| window == b"\x1b[?2004h");
    assert!(
        asked(&session.raw.lock().unwrap()),
        "the reader turns bracketed paste on"
    );
    session.type_keys("Q");
    for (prompt, keys) in [
        ("クラスタ内だけで使う", "1\r"),
        ("すべて選んでください", "1\r"),
        ("既定の Service type", "x\r"),
    ] {
        session.wait_for(prompt);
        session.type_keys(keys);
        session.wait_for("解説");
        session.type_keys("\r");
    }
    session.wait_for("kind を Service に");
    // Into the editor, the template's one line erased.
    session.type_keys("\r");
    session.type_keys("\x1b[F");
    session.type_keys(&"\x7f".repeat(9));
    let manifest = "kind: Service\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  ports:\n    - port: 80\n      targetPort: 3000\n";
    session.type_keys(&format!("\x1b[200~{manifest}\x1b[201~"));
    // Each line on screen at its own indentation, after the editor's line number.
    session.wait_until("the pasted lines, indented as copied", |screen| {
        let rows: Vec<String> = screen.rows(0, 120).collect();
        [
            "4   labels:",
            "5     app: web",
            "8     - port: 80",
            "9       targetPort: 3000",
        ]
        .iter()
        .all(|line| rows.iter().any(|row| row.contains(line)))
    });
    session.type_keys("\x13");
    session.wait_for("正解！");
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
}

/// The progress store through a crash: read, answer, `kill -9`, open again.
#[test]
fn progress_older_than_ten_seconds_survives_sigkill() {
    let scratch = temp_folder("kill");
    let folder = scratch.path();
    let args = [
        "--lang",
        "ja",
        "--profile",
        "hanako",
        "--ambiguous",
        "narrow",
    ];
    let mut session = Session::start(&args, folder);
    session.wait_for("目次");
    // The opening sections on screen long enough to count as read.
    std::thread::sleep(Duration::from_millis(5_600));
    session.type_keys("j");
    session.wait_for("✓  Kubernetes ネットワーク");
    // Down to the NodePort section (the sixth heading).
    session.type_keys("]]]]]");
    session.wait_for("> NodePort");
    // One question answered right, then back to the text.
    session.type_keys("c");
    session.wait_for("未挑戦 (0/7)");
    session.type_keys("\r");
    session.wait_for("在庫 API");
    let number = shown_number(&session.contents(), "ClusterIP");
    session.type_keys(&format!("{number}\r"));
    session.wait_for("正解！");
    session.type_keys("\x1b");
    session.type_keys("\x1b");
    session.wait_for("> NodePort");
    // More than one checkpoint interval, then the power goes.
    std::thread::sleep(Duration::from_secs(6));
    let pid = session.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    let _ = session.child.wait();
    // The last frame drawn before the power went.
    let before = session.status_line();

    let mut again = Session::start(&args, folder);
    // A frame can come in several reads: wait for the status bar itself.
    again.wait_until("the status bar with the plan", |screen| {
        status_line(screen).contains(" / 40:00")
    });
    let status = again.status_line();
    // The clock resumes from the last checkpoint: at most the last 10 s are lost (the
    // reader checkpoints every 5 s), and what was studied before them is there.
    let (studied, restored) = (clock_seconds(&before), clock_seconds(&status));
    assert!(studied >= 11, "before: {before}");
    assert!(
        // The new sitting's clock may have ticked a second before the frame was read.
        restored + 10 >= studied && restored <= studied + 1 && restored >= 5,
        "before: {before}\nafter: {status}"
    );
    // The position: back in NodePort; the sections read are marked, the same share.
    assert!(status.contains("> NodePort"), "{status}");
    assert!(
        again.contents().contains("✓Kubernetes ネットワーク"),
        "{}",
        again.contents()
    );
    let percent = |line: &str| {
        line.split('%')
            .next()
            .unwrap_or_default()
            .rsplit(' ')
            .next()
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(percent(&status), percent(&before));
    assert_ne!(percent(&status), "0");
    // The answer: the item is partly done.
    again.type_keys("c");
    again.wait_for("挑戦中 (1/7)");
    again.type_keys("\x1b");
    again.type_keys("q");
    assert!(again.child.wait().unwrap().success());
}

/// Two real windows: the notes window follows the presenting one's section changes.
#[test]
fn the_notes_window_follows_the_presenting_window() {
    let scratch = temp_folder("present");
    let folder = scratch.path();
    let args = ["present", "--lang", "ja", "--ambiguous", "narrow"];
    let mut presenter = Session::start(&args, folder);
    presenter.wait_for("1/10");
    let notes = Session::start(
        &[
            "present",
            "--notes",
            "--lang",
            "ja",
            "--ambiguous",
            "narrow",
        ],
        folder,
    );
    notes.wait_for("1/10  Kubernetes ネットワーク");
    notes.wait_for("次: Kubernetes ネットワークモデル");
    presenter.type_keys("5\r");
    presenter.wait_for("5/10  Gateway API");
    notes.wait_for("5/10  Gateway API");
    notes.wait_for("次: DNS と Service Discovery");
    // A second presenter on the same channel is refused, so talks never cross.
    let mut second = Session::start(&["present", "--ambiguous", "narrow"], folder);
    second.wait_for("another presenting window");
    assert_eq!(second.child.wait().unwrap().exit_code(), 2);
    presenter.type_keys("q");
    assert!(presenter.child.wait().unwrap().success());
    notes.wait_for("待っています");
}

/// A presenting window that died without `q` leaves its talk; the next start asks
/// whether to take it up, and `r` starts afresh at 0:00 on section 1.
#[test]
fn a_talk_left_by_a_closed_window_is_offered_and_r_starts_afresh() {
    let scratch = temp_folder("present-again");
    let folder = scratch.path();
    let args = ["present", "--lang", "ja", "--ambiguous", "narrow"];
    let mut first = Session::start(&args, folder);
    first.wait_for("1/10");
    first.type_keys("3\r");
    first.wait_for("3/10  Service タイプ");
    // The window dies without `q` (a crash; a closed terminal is SIGHUP, which ends
    // the talk as `q` does).
    let pid = first.child.process_id().unwrap();
    std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .unwrap();
    let _ = first.child.wait();
    let mut again = Session::start(&args, folder);
    again.wait_for("前回の続きから (セクション 3、");
    again.wait_for("最初から (0:00)");
    // Other keys wait for the choice.
    again.type_keys(" ");
    again.wait_for("前回の続きから");
    again.type_keys("r");
    again.wait_for("1/10  Kubernetes ネットワーク");
    // Started again: under ten seconds on the clock (a slow machine may show 0:01).
    again.wait_until("the clock at the start", |screen| {
        let contents = screen.contents();
        (0..10).any(|second| contents.contains(&format!(" 0:0{second} / 40:00")))
    });
    again.type_keys("q");
    assert!(again.child.wait().unwrap().success());
    // After `q` nothing is offered.
    let mut third = Session::start(&args, folder);
    third.wait_for("1/10  Kubernetes ネットワーク");
    assert!(!third.contents().contains("前回の続きから"));
    third.type_keys("q");
    assert!(third.child.wait().unwrap().success());
}

/// A projector terminal that draws box drawing double-wide gets ASCII structure too.
#[test]
fn a_presenting_window_on_an_ambiguous_wide_terminal_uses_ascii() {
    let scratch = temp_folder("present-wide");
    let folder = scratch.path();
    let mut session = Session::start_answering(
        &["present", "--lang", "en"],
        folder,
        Answers::Now {
            light: false,
            wide: true,
        },
    );
    session.wait_for("1/10");
    session.type_keys("2\r");
    session.wait_for("2/10");
    session.wait_for("| Pod 間通信");
    let screen = session.contents();
    assert!(!screen.contains('│') && !screen.contains('┌'), "{screen}");
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
}

/// The two-lesson course of the home screen's tests.
fn home_course() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/course-home")
}

#[test]
fn the_home_screen_shows_a_lesson_studied_move_on() {
    let scratch = temp_folder("home");
    let course = home_course();
    let args = [
        "--course",
        course.to_str().unwrap(),
        "--lang",
        "ja",
        "--profile",
        "hanako",
    ];
    let mut session = Session::start(&args, scratch.path());
    session.wait_for("ホーム画面のテスト用講座");
    session.wait_for("[--------] 0/2");
    // A newcomer: the first lesson is chosen.
    session.type_keys("\r");
    session.wait_for("同じ Pod のコンテナはネットワークを共有します");
    session.type_keys("c");
    session.wait_for("未挑戦 (0/1)");
    session.type_keys("\r");
    session.wait_for("互いにどう接続できますか");
    let number = shown_number(&session.contents(), "localhost で接続できる");
    session.type_keys(&format!("{number}\r"));
    session.wait_for("正解！");
    session.type_keys("\r");
    session.wait_for("すべての問題に答えました");
    session.type_keys("\r");
    session.wait_for("習得済み (1/1)");
    session.type_keys("\x1b");
    session.type_keys("H");
    session.wait_for("[####----] 1/2");
    // On to the other lesson, opened where a newcomer starts it.
    session.type_keys("j");
    session.type_keys("\r");
    session.wait_for("Pod は入れ替わる");
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
    // The next start opens on the home screen again, the gauge kept, the lesson read
    // last the one to continue.
    let mut again = Session::start(&args, scratch.path());
    again.wait_for("[####----] 1/2");
    again.wait_until("続きから on Service と入口", |screen| {
        screen
            .contents()
            .lines()
            .any(|line| line.contains("Service と入口") && line.contains("続きから"))
    });
    again.type_keys("q");
    assert!(again.child.wait().unwrap().success());
}

#[test]
fn a_question_answered_wrong_is_reviewed_days_later() {
    let scratch = temp_folder("review");
    let course = home_course();
    let day: i64 = 24 * 60 * 60 * 1000;
    let start: i64 = 1_798_761_600_000;
    {
        let mut store =
            manabi::progress::ProgressStore::open(&scratch.path().join("progress"), "hanako")
                .unwrap();
        let answer = manabi::progress::Event::Answer {
            question: "pod-ip-changes".to_owned(),
            answer: "同じ IP が引き継がれる".to_owned(),
            right: false,
            kind: manabi::quiz::AttemptKind::FirstTry,
            took_ms: Some(9_000),
            recall: manabi::quiz::Recall::Forgot,
        };
        store.record_at("pods", None, &answer, start).unwrap();
    }
    let run = |now: i64, args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_manabi"))
            .args(["--course", course.to_str().unwrap(), "--profile", "hanako"])
            .args(args)
            .env("MANABI_DATA_DIR", scratch.path().join("progress"))
            .env("MANABI_NOW", now.to_string())
            .env("LANG", "C.UTF-8")
            .output()
            .unwrap()
    };
    // The same hour: nothing is due yet.
    let early = run(start + day / 24, &["review"]);
    assert!(early.status.success());
    assert!(String::from_utf8_lossy(&early.stdout).contains("nothing to review now"));
    // Two days on, the question comes back.
    let later = (start + 2 * day).to_string();
    let mut args = vec!["--course", course.to_str().unwrap(), "--profile", "hanako"];
    args.extend(["--lang", "ja", "review"]);
    let mut session = Session::start_with(
        &args,
        scratch.path(),
        Answers::Silent,
        &[("MANABI_NOW", later.as_str())],
    );
    session.wait_for("復習: Pod の基本");
    session.wait_for("その IP アドレスはどうなりますか");
    let number = shown_number(&session.contents(), "新しい IP が割り当てられる");
    session.type_keys(&format!("{number}\r"));
    session.wait_for("正解！");
    session.type_keys("\r");
    session.wait_for("すべての問題に答えました");
    session.type_keys("\x1b");
    session.wait_until("no review due in the status bar", |screen| {
        !status_line(screen).contains("復習")
    });
    session.type_keys("q");
    assert!(session.child.wait().unwrap().success());
    let after = run(start + 2 * day, &["review"]);
    assert!(String::from_utf8_lossy(&after.stdout).contains("nothing to review now"));
    let progress = run(start + 2 * day, &["progress"]);
    let text = String::from_utf8_lossy(&progress.stdout);
    assert!(text.contains("0 due, 1 retained, of 1 scheduled"), "{text}");
}

/// A panic (one asked for: debug builds only) gives the terminal back whole: raw mode
/// off, the alternate screen left, the cursor shown, mouse reports off, and the message
/// on the main screen to read.
#[cfg(all(unix, debug_assertions))]
#[test]
fn a_panic_restores_the_terminal() {
    let scratch = temp_folder("panic");
    let session = Session::start_with(
        &["--lang", "en", "--ambiguous", "narrow"],
        scratch.path(),
        Answers::Silent,
        &[("MANABI_TEST_PANIC", "1")],
    );
    session.wait_for("MANABI_TEST_PANIC");
    session.wait_for_main_screen();
    let mut child = session.child;
    let status = child.wait().unwrap();
    assert!(!status.success());
    // Raw mode is off again: the line discipline echoes and edits lines.
    let modes = session.master.get_termios().unwrap().local_flags;
    assert!(
        modes.contains(nix::sys::termios::LocalFlags::ICANON),
        "{modes:?}"
    );
    assert!(
        modes.contains(nix::sys::termios::LocalFlags::ECHO),
        "{modes:?}"
    );
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    let entered = raw
        .find("\x1b[?1049h")
        .expect("the alternate screen entered");
    let left = raw.rfind("\x1b[?1049l").expect("the alternate screen left");
    assert!(left > entered);
    let after = &raw[left..];
    assert!(
        raw.rfind("\x1b[?25h").is_some_and(|shown| shown > entered),
        "cursor shown"
    );
    assert!(
        raw.rfind("\x1b[?1000l").is_some_and(|off| off > entered),
        "mouse off"
    );
    assert!(after.contains("panicked"), "{after:?}");
}
