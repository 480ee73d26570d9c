//! Every input the fuzzers found (and the seeds kept beside them) under
//! `fuzz/regressions/TARGET/`, run through the same code as the fuzz target, on stable:
//! a finding, once fixed, stays fixed. The targets themselves run with `cargo fuzz`
//! (see `fuzz/README.md`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

/// Runs `target` on every file kept for it; how many there were.
fn replay(target: &str, run: fn(&[u8])) -> usize {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        // A panic names the input it came from.
        eprintln!("{target}: {}", file.display());
        run(&data);
    }
    files.len()
}

#[test]
fn lesson() {
    assert!(replay("lesson", harness::lesson) > 0);
}

#[test]
fn mermaid() {
    assert!(replay("mermaid", harness::mermaid) > 0);
}

#[test]
fn quiz() {
    assert!(replay("quiz", harness::quiz) > 0);
}

#[test]
fn manifest() {
    assert!(replay("manifest", harness::manifest) > 0);
}

#[test]
fn export() {
    assert!(replay("export", harness::export) > 0);
}

#[test]
fn events() {
    assert!(replay("events", harness::events) > 0);
}
