//! The library's modules form the graph the README's "Layout of the code" draws, leaves
//! first: each module may use only the modules listed for it below. A `use crate::…`
//! (or any `crate::…` path) outside those fails here, naming the file, so a cycle cannot
//! creep back in. Test code (`*_tests.rs` files and everything after a file's
//! `#[cfg(test)]`) may reach further: a test of layout may load the shipping course.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Each library module and the modules it may use. Order: leaves first.
const ALLOWED: &[(&str, &[&str])] = &[
    ("text", &[]),
    ("strings", &[]),
    ("yaml_message", &[]),
    ("palette", &[]),
    ("theme", &[]),
    ("cluster", &[]),
    ("doctor", &["palette", "strings", "text"]),
    ("course", &["yaml_message"]),
    ("diagram", &["text"]),
    ("quiz", &["course", "cluster", "yaml_message"]),
    ("feedback", &["quiz", "cluster", "strings"]),
    (
        "check",
        &["course", "quiz", "diagram", "cluster", "yaml_message"],
    ),
    ("layout", &["course", "diagram", "text", "theme"]),
    ("progress", &["course", "quiz"]),
    ("class", &["course", "quiz", "progress"]),
    (
        "app",
        &[
            "class", "course", "diagram", "layout", "quiz", "progress", "strings", "text", "theme",
        ],
    ),
    (
        "ui",
        &[
            "app", "course", "diagram", "feedback", "layout", "palette", "progress", "quiz",
            "strings", "text", "theme",
        ],
    ),
    (
        "present",
        &[
            "app", "class", "course", "diagram", "layout", "palette", "progress", "quiz",
            "strings", "text", "theme",
        ],
    ),
    ("ansi", &["layout", "palette", "text"]),
    (
        "terminal",
        &[
            "app", "class", "course", "doctor", "layout", "palette", "present", "progress", "quiz",
            "strings", "theme", "ui",
        ],
    ),
];

/// Files of the binary (`main.rs` and the modules it declares): the edge, free to use
/// any module of the library.
const BINARY: &[&str] = &[
    "main.rs",
    "class_cli.rs",
    "cli.rs",
    "doctor_cli.rs",
    "course_cli.rs",
    "error_text.rs",
    "grade_cli.rs",
    "progress_cli.rs",
];

/// The names after `crate::` in `code`, comments left out: `crate::a::b` gives `a`,
/// `crate::{a, b::c}` gives `a` and `b` (a group may span lines).
fn used_modules(code: &str) -> BTreeSet<String> {
    let code: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    let mut used = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(found) = rest.find("crate::") {
        rest = &rest[found + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or_default();
            used.extend(group.split(',').filter_map(first_name));
        } else if let Some(name) = first_name(rest) {
            used.insert(name);
        }
    }
    used
}

fn first_name(text: &str) -> Option<String> {
    let name: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// The code of a file that counts: all but its test items. A `#[cfg(test)]` item of
/// one line (`mod tests;` with its `#[path]`) is left out alone; an inline one is taken
/// to run to the end of the file, where test modules stand.
fn non_test_code(text: &str) -> String {
    let mut kept = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.trim() != "#[cfg(test)]" {
            kept.push(line);
            continue;
        }
        let item = lines.find(|line| !line.trim_start().starts_with("#["));
        if !item.is_some_and(|item| item.trim_end().ends_with(';')) {
            break;
        }
    }
    kept.join("\n")
}

fn rust_files(folder: &Path, found: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// The library module a file belongs to: `src/layout/table.rs` → `layout`.
fn module_of(source: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(source).unwrap();
    let first = relative.components().next().unwrap();
    let first = first.as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

#[test]
fn every_module_uses_only_the_modules_below_it() {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut files = Vec::new();
    rust_files(&source, &mut files);
    files.sort();
    let mut violations = Vec::new();
    for file in &files {
        let relative = file.strip_prefix(&source).unwrap();
        let name = relative.to_string_lossy().into_owned();
        if BINARY.contains(&name.as_str()) || name == "lib.rs" || name.ends_with("_tests.rs") {
            continue;
        }
        let module = module_of(&source, file);
        let Some(may_use) = allowed.get(module.as_str()) else {
            violations.push(format!(
                "src/{name}: module `{module}` has no place in ALLOWED"
            ));
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        for used in used_modules(&non_test_code(&text)) {
            if used != module && !may_use.contains(&used.as_str()) {
                violations.push(format!("src/{name}: `{module}` must not use `{used}`"));
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_allowed_graph_has_no_cycle_and_names_every_module() {
    // Leaves first: each module may only use modules listed before it.
    let mut seen = BTreeSet::new();
    for (module, may_use) in ALLOWED {
        for used in *may_use {
            assert!(
                seen.contains(used),
                "`{module}` may use `{used}`, which is not below it"
            );
        }
        seen.insert(*module);
    }
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: BTreeSet<&str> = lib
        .lines()
        .filter_map(|line| line.strip_prefix("pub mod "))
        .map(|line| line.trim_end_matches(';'))
        .collect();
    assert_eq!(declared, seen, "lib.rs and ALLOWED name different modules");
}

#[test]
fn the_scanner_finds_paths_and_groups_and_skips_comments() {
    let code = "use crate::course::{Lesson, Block};\nuse crate::{text, quiz::Quiz};\n\
                let x = crate::layout::lay_out();\n// crate::ui is only mentioned\n\
                use crate::{\n    app::App,\n    strings,\n};\n";
    let found: Vec<String> = used_modules(code).into_iter().collect();
    assert_eq!(
        found,
        ["app", "course", "layout", "quiz", "strings", "text"]
    );
    assert_eq!(
        non_test_code("a\n#[cfg(test)]\nmod tests {\nuse crate::ui;\n}\n"),
        "a"
    );
    // After a test module declared by path, the file's code is checked again.
    let after = "#[cfg(test)]\n#[path = \"t.rs\"]\nmod tests;\nuse crate::ui;\n";
    assert_eq!(non_test_code(after), "use crate::ui;");
}
