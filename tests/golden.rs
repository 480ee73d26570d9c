//! Golden snapshots of `manabi render --color never` of the whole lesson at the widths
//! learners use: a review of any layout change reads as a text diff.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn render(width: u16) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_manabi"))
        .args(["render", "--color", "never", "--width", &width.to_string()])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn lesson_at_60_columns() {
    insta::assert_snapshot!("k8s_networking_60", render(60));
}

#[test]
fn lesson_at_80_columns() {
    insta::assert_snapshot!("k8s_networking_80", render(80));
}

#[test]
fn lesson_at_120_columns() {
    insta::assert_snapshot!("k8s_networking_120", render(120));
}
