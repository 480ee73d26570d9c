//! `manabi doctor` through the real binary: on terminals that answer rightly, wrongly
//! or not at all, with its output redirected, and on a machine whose store cannot be
//! written (a folder that cannot be made, a disk that takes no more bytes).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/pty.rs"]
mod pty;

use std::process::Command;

use pty::{Answers, Session, temp_folder};

/// The doctor on a terminal that answers as `answers` says: the screen after it, and its
/// exit code. It asked in the alternate screen and gave the terminal back as it was.
fn doctor_on(answers: Answers) -> (String, Option<u32>) {
    let scratch = temp_folder("doctor");
    let mut session =
        Session::start_answering(&["--lang", "en", "doctor"], scratch.path(), answers);
    session.wait_for("this laptop");
    session.wait_until("the verdict", |screen| {
        let contents = screen.contents();
        contents.contains("All good") || contents.contains("to fix")
    });
    let status = session.child.wait().unwrap();
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    let entered = raw
        .find("\x1b[?1049h")
        .expect("asked in the alternate screen");
    let left = raw.find("\x1b[?1049l").expect("the alternate screen left");
    let report = raw.find("this laptop").unwrap();
    assert!(entered < left && left < report, "{raw:?}");
    #[cfg(unix)]
    {
        let modes = session.master.get_termios().unwrap().local_flags;
        assert!(
            modes.contains(nix::sys::termios::LocalFlags::ICANON),
            "{modes:?}"
        );
    }
    (session.contents(), Some(status.exit_code()))
}

#[test]
fn a_terminal_that_answers_rightly_is_ready() {
    let (screen, code) = doctor_on(Answers::Doctor { japanese: 12 });
    assert!(screen.contains("✓ Japanese text"), "{screen}");
    assert!(
        screen.contains("takes 12 columns, as it should"),
        "{screen}"
    );
    assert!(screen.contains("✓ ambiguous width"), "{screen}");
    assert!(screen.contains("dark (#000000)"), "{screen}");
    assert!(screen.contains("✓ terminal size     120×40"), "{screen}");
    assert!(screen.contains("All good"), "{screen}");
    assert_eq!(code, Some(0));
}

#[test]
fn japanese_drawn_too_narrow_must_be_fixed() {
    let (screen, code) = doctor_on(Answers::Doctor { japanese: 6 });
    assert!(screen.contains("✗ Japanese text"), "{screen}");
    assert!(screen.contains("6 columns instead of 12"), "{screen}");
    assert!(screen.contains("→ use a terminal and font"), "{screen}");
    assert_eq!(code, Some(1));
}

#[test]
fn a_terminal_that_answers_nothing_does_not_hang_the_doctor() {
    let (screen, code) = doctor_on(Answers::Silent);
    assert!(screen.contains("! terminal answers"), "{screen}");
    assert!(
        screen.contains("answered nothing within 300 ms"),
        "{screen}"
    );
    assert!(
        screen.contains("! Japanese text     not measured"),
        "{screen}"
    );
    // Notes, nothing to fix: the reader works on such a terminal with its defaults.
    assert_eq!(code, Some(0));
}

fn doctor(arguments: &[&str], data: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_manabi"))
        .args(["--lang", "en", "doctor"])
        .args(arguments)
        .env("MANABI_DATA_DIR", data)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_CTYPE")
        .output()
        .unwrap()
}

#[test]
fn redirected_output_skips_the_terminal_and_says_so() {
    let scratch = temp_folder("doctor-pipe");
    let output = doctor(&[], &scratch.path().join("data"));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains("-- terminal size     skipped: output is not a terminal"),
        "{text}"
    );
    assert!(text.contains("ok progress store"), "{text}");
    assert!(
        text.contains("ok course            built-in: 1 lesson(s), passes check"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn json_for_a_script_and_an_unreachable_class() {
    let scratch = temp_folder("doctor-json");
    // A port nothing listens on: taken and let go.
    let port = pty::free_port();
    let output = doctor(
        &["--json", "--class", &format!("127.0.0.1:{port}")],
        &scratch.path().join("data"),
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["ok"], false);
    let class = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|check| check["id"] == "class")
        .unwrap();
    assert_eq!(class["status"], "fix");
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_broken_course_and_a_locale_that_is_not_utf8_must_be_fixed() {
    let scratch = temp_folder("doctor-course");
    let course =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/bad-quiz");
    let output = Command::new(env!("CARGO_BIN_EXE_manabi"))
        .args(["--lang", "en", "--course"])
        .arg(&course)
        .arg("doctor")
        .env("MANABI_DATA_DIR", scratch.path().join("data"))
        .env("LC_ALL", "C")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("XX course"), "{text}");
    assert!(text.contains("problem(s)"), "{text}");
    assert!(
        text.contains("XX UTF-8 locale      LC_ALL=C is not UTF-8"),
        "{text}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn a_store_that_cannot_be_made_is_said() {
    // A folder under a file: it can never be created, whoever runs the test.
    let scratch = temp_folder("doctor-store");
    let file = scratch.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let output = doctor(&[], &file.join("data"));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("XX progress store"), "{text}");
    assert!(text.contains("-> give a writable folder"), "{text}");
    assert_eq!(output.status.code(), Some(1));
}

#[cfg(unix)]
#[test]
fn a_full_disk_is_said() {
    // No byte may be written (a file-size limit of 0, its signal ignored as a full disk
    // would give an error, not a signal).
    let scratch = temp_folder("doctor-full");
    let binary = env!("CARGO_BIN_EXE_manabi");
    // The store is there already, healthy: it is the next write that fails.
    let before = doctor(&[], &scratch.path().join("data"));
    assert!(
        String::from_utf8(before.stdout)
            .unwrap()
            .contains("ok progress store")
    );
    let output = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "trap '' XFSZ; ulimit -f 0; exec '{binary}' --lang en doctor"
        ))
        .env("MANABI_DATA_DIR", scratch.path().join("data"))
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("XX progress store"), "{text}");
    assert_eq!(output.status.code(), Some(1));
}
