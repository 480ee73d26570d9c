//! The real binary against fixture courses: exit codes, messages with `file:line`, and
//! output that can never drive the terminal.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/courses")
        .join(name)
}

fn manabi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_manabi"))
        .args(args)
        .env_remove("NO_COLOR")
        // Messages follow the locale; these tests read the English ones unless --lang.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn check_passes_the_embedded_course() {
    let output = manabi(&["check"]);
    assert!(
        output.status.success(),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    // No problems; the hints are the source's own manifest mistakes, which the notes
    // tell the learner about.
    let printed = stdout(&output);
    let hints: Vec<&str> = printed.lines().collect();
    assert_eq!(hints.len(), 2, "{printed}");
    assert!(
        hints[0].contains("IngressRoute `api-route` uses Middleware `compress`"),
        "{printed}"
    );
    assert!(
        hints[1].contains("Deployment `external-dns` has no `spec.selector`"),
        "{printed}"
    );
    assert!(
        hints.iter().all(|hint| hint.contains(": hint: ")),
        "{printed}"
    );
}

#[test]
fn check_reports_each_broken_course_at_its_file_and_line() {
    let cases = [
        (
            "bad-front-matter",
            "intro/lesson.md:4:1: unknown key `minuts`: did you mean `minutes`?",
        ),
        (
            "bad-yaml-block",
            "intro/lesson.md:15:9: YAML block does not parse: did not find expected",
        ),
        (
            "bad-id",
            "intro/lesson.md:2:1: `id: other` differs from the lesson folder name `intro`",
        ),
        (
            "bad-next",
            "intro/lesson.md:5:1: `next: secnd` names no lesson of this course; it must be one of: intro, second",
        ),
        (
            "missing-lesson",
            "course.yaml:4:1: lesson `ghost` has no lesson file:",
        ),
        (
            "escape",
            "course.yaml:3:1: lesson `../outside` must not start with `.`",
        ),
        (
            "bad-course-key",
            "course.yaml:2:1: unknown key `lesson`: did you mean `lessons`?",
        ),
        (
            "bad-quiz",
            "intro/quiz.yaml:7:5: question `svc`: answer 3 is not one of the 2 choices",
        ),
    ];
    for (course, expected) in cases {
        let dir = fixture(course);
        let output = manabi(&["check", dir.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{course}: {}",
            stderr(&output)
        );
        let printed = stdout(&output);
        let line = printed.lines().next().unwrap_or_default();
        assert!(
            line.starts_with(dir.to_str().unwrap()),
            "{course}: {printed}"
        );
        assert!(
            line.contains(expected),
            "{course}: expected {expected:?} in {printed:?}"
        );
        assert!(!stderr(&output).contains("panicked"), "{course}");
    }
}

#[test]
fn check_lists_every_problem_not_just_the_first() {
    let dir = fixture("many-problems");
    let output = manabi(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 3, "{printed}");
    assert!(lines[0].ends_with("a/lesson.md:4:1: unknown key `minuts`: did you mean `minutes`? (known keys: id, title, minutes, next)"), "{printed}");
    assert!(
        lines[1].contains("a/lesson.md:11:1: YAML block does not parse"),
        "{printed}"
    );
    assert!(
        lines[2].contains("course.yaml:4:1: lesson `b` has no lesson file"),
        "{printed}"
    );
    assert!(stderr(&output).contains("3 problems"));
}

#[test]
fn render_refuses_a_broken_course_with_exit_2_and_the_location() {
    // A course whose every lesson is broken; in `missing-lesson` one of two is missing,
    // and asking for it by name gives the reason.
    for (course, lesson) in [
        ("bad-front-matter", None),
        ("bad-yaml-block", None),
        ("missing-lesson", Some("ghost")),
        ("escape", None),
    ] {
        let dir = fixture(course);
        let mut args = vec!["render", "--course", dir.to_str().unwrap()];
        args.extend(lesson);
        let output = manabi(&args);
        assert_eq!(output.status.code(), Some(2), "{course}");
        let message = stderr(&output);
        let prefix = if lesson.is_some() {
            "manabi: "
        } else {
            "manabi: cannot load the course: "
        };
        assert!(message.starts_with(prefix), "{course}: {message}");
        assert!(
            message.contains(dir.to_str().unwrap()),
            "{course}: {message}"
        );
        assert_eq!(message.lines().count(), 1, "{course}: {message}");
        assert_eq!(stdout(&output), "");
    }
}

#[test]
fn render_picks_a_lesson_by_id_and_names_the_known_ones() {
    let dir = fixture("good");
    let output = manabi(&[
        "render",
        "second",
        "--course",
        dir.to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert!(output.status.success());
    assert!(
        stdout(&output).starts_with("二つ目\n══════\n"),
        "{}",
        stdout(&output)
    );

    let output = manabi(&["--course", dir.to_str().unwrap(), "render", "third"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output)
            .contains("no lesson `third` in this course; its lessons are: intro, second")
    );
    let output = manabi(&["--course", dir.to_str().unwrap(), "open", "secnd"]);
    assert_eq!(
        stderr(&output),
        "manabi: no lesson `secnd` in this course: did you mean `second`?; its lessons are: intro, second\n"
    );
}

/// A copy of the `good` fixture course in a temp folder, to break in a test.
fn good_course_copy() -> tempfile::TempDir {
    let scratch = tempfile::tempdir().unwrap();
    let from = fixture("good");
    for file in ["course.yaml", "intro/lesson.md", "second/lesson.md"] {
        let to = scratch.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from.join(file), to).unwrap();
    }
    scratch
}

#[test]
fn check_warns_of_a_lesson_folder_course_yaml_does_not_list() {
    let course = good_course_copy();
    let third = course.path().join("third");
    std::fs::create_dir(&third).unwrap();
    std::fs::write(
        third.join("lesson.md"),
        "---\nid: third\ntitle: 三つ目\nminutes: 2\n---\n\n# 三つ目\n\n本文。\n",
    )
    .unwrap();
    let output = manabi(&["check", course.path().to_str().unwrap()]);
    assert!(output.status.success(), "a warning is not a problem");
    let expected = format!(
        "{}: warning: this lesson is not listed in {}; add `- third` to its `lessons` to publish it\n",
        third.join("lesson.md").display(),
        course.path().join("course.yaml").display()
    );
    assert_eq!(stdout(&output), expected);
    assert!(stderr(&output).contains("1 lesson folder(s) not listed in course.yaml"));
}

#[test]
fn a_broken_lesson_leaves_the_others_usable_and_says_why() {
    let course = good_course_copy();
    let broken = course.path().join("second/lesson.md");
    std::fs::write(
        &broken,
        "---\nid: second\ntitle: 二つ目\nminutes: ten\n---\n\n# 二つ目\n",
    )
    .unwrap();
    let dir = course.path().to_str().unwrap();
    let why = format!(
        "{}:4:10: `minutes` must be a whole number of minutes, not the text \"ten\"",
        broken.display()
    );
    let check = manabi(&["check", dir]);
    assert_eq!(check.status.code(), Some(1));
    assert!(stdout(&check).contains(&why), "{}", stdout(&check));
    let list = manabi(&["--course", dir, "list"]);
    assert!(list.status.success());
    assert_eq!(
        stdout(&list),
        format!(
            "テスト講座\n  intro   はじめに    5 min\n  second  lesson second could not be loaded: {why}\n"
        )
    );
    let render = manabi(&["--course", dir, "render", "--color", "never"]);
    assert!(render.status.success());
    assert!(
        stdout(&render).starts_with("はじめに\n"),
        "{}",
        stdout(&render)
    );
    let open = manabi(&["--course", dir, "render", "second"]);
    assert_eq!(open.status.code(), Some(2));
    assert_eq!(stderr(&open), format!("manabi: {why}\n"));
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let dir = fixture("good");
    let dir = dir.to_str().unwrap();
    let global = [
        "--course", dir, "--ascii", "--color", "always", "--theme", "light",
    ];
    let command = ["render", "second", "--width", "40"];
    let before = manabi(&[&global[..], &command[..]].concat());
    let after = manabi(&[&command[..], &global[..]].concat());
    assert!(before.status.success() && after.status.success());
    assert_eq!(stdout(&before), stdout(&after));
    // --color always colours even a pipe; --ascii draws the checklist without box glyphs.
    assert!(stdout(&before).contains("\u{1b}["), "{}", stdout(&before));
    assert!(stdout(&before).contains("======"), "{}", stdout(&before));
}

#[test]
fn escape_sequences_in_a_lesson_never_reach_the_terminal() {
    let dir = fixture("good");
    for color in ["never", "always"] {
        let output = manabi(&[
            "render",
            "--course",
            dir.to_str().unwrap(),
            "--color",
            color,
        ]);
        let text = stdout(&output);
        assert!(
            text.contains("危険な文字␛[2J␛]52;c;aGk=␇を含む段落。"),
            "{text}"
        );
        // The only ESC bytes allowed are our own SGR codes.
        for (index, _) in text.match_indices('\u{1b}') {
            let rest = &text[index + 1..];
            let sgr = rest
                .strip_prefix('[')
                .and_then(|after| after.split_once('m'));
            let is_sgr =
                sgr.is_some_and(|(codes, _)| codes.chars().all(|c| c.is_ascii_digit() || c == ';'));
            assert!(
                is_sgr,
                "non-SGR escape at {index}: {:?}",
                &rest[..rest.len().min(12)]
            );
        }
        assert!(!text.contains('\u{7}'));
    }
}

#[test]
fn color_never_prints_plain_text_and_always_colours_a_pipe() {
    let plain = manabi(&["render", "--color", "never", "--width", "80"]);
    assert!(!stdout(&plain).contains('\u{1b}'));
    let colored = manabi(&["render", "--color", "always", "--width", "80"]);
    assert!(stdout(&colored).contains("\u{1b}["));
}

#[test]
fn long_code_lines_are_cut_and_marked_in_render() {
    let output = manabi(&["render", "--color", "never", "--width", "60"]);
    let text = stdout(&output);
    let marked = text
        .lines()
        .find(|line| line.contains("service.beta.kubernetes.io/aws-load-balancer-c"))
        .unwrap();
    assert!(marked.ends_with('→'), "{marked}");
    assert!(
        text.lines()
            .all(|line| unicode_width::UnicodeWidthStr::width(line) <= 60)
    );
}

#[test]
fn usage_errors_exit_2_without_a_backtrace() {
    let output = manabi(&["render", "--width", "0"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!stderr(&output).contains("panicked"));
}

#[cfg(unix)]
#[test]
fn a_symlink_cannot_lead_a_lesson_outside_the_course() {
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    let course = root.join("course");
    std::fs::create_dir_all(course.join("intro")).unwrap();
    std::fs::create_dir_all(root.join("secret")).unwrap();
    std::fs::write(
        root.join("secret/lesson.md"),
        "---\nid: intro\ntitle: T\nminutes: 1\n---\nsecret\n",
    )
    .unwrap();
    std::fs::write(
        course.join("course.yaml"),
        "title: T\nlessons:\n  - intro\n",
    )
    .unwrap();
    std::fs::remove_dir(course.join("intro")).unwrap();
    std::os::unix::fs::symlink(root.join("secret"), course.join("intro")).unwrap();
    let output = manabi(&["render", "--course", course.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("leads outside the course folder"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_reader_needs_a_terminal_and_says_what_to_use_instead() {
    let output = Command::new(env!("CARGO_BIN_EXE_manabi"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(message.contains("manabi render"), "{message}");
    let japanese = manabi(&["open", "k8s-networking", "--lang", "ja"]);
    assert!(
        stderr(&japanese).contains("標準出力が端末ではありません"),
        "{}",
        stderr(&japanese)
    );
}

#[test]
fn list_prints_the_lessons() {
    let output = manabi(&["list", "--course", fixture("good").to_str().unwrap()]);
    assert!(output.status.success());
    assert_eq!(
        stdout(&output),
        "テスト講座\n  intro   はじめに    5 min\n  second  二つ目      3 min\n"
    );
}

#[test]
fn a_diagram_outside_the_subset_is_a_check_error_and_a_render_warning() {
    let dir = fixture("bad-diagram");
    let check = manabi(&["check", dir.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(1));
    assert!(
        stdout(&check).contains("intro/lesson.md:12:7: Mermaid diagram: `->` is not an edge"),
        "{}",
        stdout(&check)
    );
    let render = manabi(&[
        "render",
        "--course",
        dir.to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert!(render.status.success());
    assert!(
        stdout(&render).contains("Svc -> Pod"),
        "the source is shown"
    );
    assert!(
        stderr(&render).contains("warning:") && stderr(&render).contains("intro/lesson.md:12:7")
    );
}

#[test]
fn check_lists_every_problem_of_a_quiz() {
    let dir = fixture("quiz-problems");
    let output = manabi(&["check", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let printed = stdout(&output);
    // Every problem at once, a broken question's included, each at its key.
    let expected = [
        "intro/quiz.yaml:1:1: checklist item 2 (マニフェストを書ける) has no questions",
        "intro/quiz.yaml:3:5: question `svc`: checklist item 3 does not exist (the lesson's checklist has 2 items)",
        "intro/quiz.yaml:4:5: question `svc`: the lesson has no section `Servise`: did you mean `Service`?",
        "intro/quiz.yaml:15:5: question `write`: the template already passes every rule and probe",
        "intro/quiz.yaml:17:5: question `write`: the solution fails a rule: `kind` is `Deployment`, not `Service`",
        "intro/quiz.yaml:27:5: question `out-of-range`: answer 9 is not one of the 2 choices",
    ];
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), expected.len(), "{printed}");
    for (line, expected) in lines.iter().zip(expected) {
        assert!(
            line.ends_with(expected),
            "{line:?} should end with {expected:?}"
        );
    }
}

#[test]
fn a_broken_quiz_does_not_stop_the_lesson_from_rendering() {
    let dir = fixture("bad-quiz");
    let output = manabi(&[
        "render",
        "--course",
        dir.to_str().unwrap(),
        "--color",
        "never",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("Service を理解している"));
}

#[test]
fn check_notes_lists_sections_without_speaker_notes_as_hints() {
    let embedded = manabi(&["check", "--notes"]);
    assert_eq!(embedded.status.code(), Some(0), "{}", stderr(&embedded));
    assert!(
        !stdout(&embedded).contains("speaker notes"),
        "every section of the lesson has notes: {}",
        stdout(&embedded)
    );
    let dir = fixture("good");
    let output = manabi(&["check", "--notes", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "hints are not problems");
    let printed = stdout(&output);
    assert!(
        printed.contains("intro/lesson.md:7:1: hint: section `はじめに` has no speaker notes"),
        "{printed}"
    );
    assert!(stderr(&output).contains("without speaker notes"));
}

#[test]
fn render_for_a_terminal_drawing_box_characters_wide_uses_ascii() {
    let is_box = |glyph: char| ('\u{2500}'..='\u{257f}').contains(&glyph);
    let plain = manabi(&["render", "--width", "100", "--color", "never"]);
    assert!(
        stdout(&plain).chars().any(is_box),
        "the default draws boxes"
    );
    for flag in ["--ascii", "--ambiguous=wide"] {
        let output = manabi(&["render", "--width", "100", "--color", "never", flag]);
        assert!(output.status.success(), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains("+- Node A"), "{flag}: {text}");
        let boxes: String = text.chars().filter(|glyph| is_box(*glyph)).collect();
        assert!(boxes.is_empty(), "{flag}: box drawing {boxes:?}");
    }
}

#[test]
fn grade_tells_a_script_right_wrong_or_unusable() {
    let scratch = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let path = scratch.path().join(name);
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let deny = write(
        "deny.yaml",
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: deny, namespace: production}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n",
    );
    let allow = |extra: &str| {
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {{name: allow, namespace: production}}\nspec:\n  podSelector: {{matchLabels: {{app: api-server}}}}\n  ingress:\n    - from:\n        - namespaceSelector: {{matchLabels: {{name: ingress-system}}}}\n          podSelector: {{matchLabels: {{app: nginx-ingress}}}}\n      ports: [{{port: 3000}}]\n{extra}"
        )
    };
    let right = write("right.yaml", &allow(""));
    let question = "netpol-deny-and-allow-manifest";
    let output = manabi(&["grade", question, &deny, &right, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output).trim(), "Right!");
    // An extra empty rule lets everything in: wrong, and said in terms of traffic.
    let open = write("open.yaml", &allow("    - {}\n"));
    let output = manabi(&["grade", question, &deny, &open, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    assert!(
        text.contains("ingress-system/prometheus-0 can reach production/api-server-0 on TCP 3000 (it must not)"),
        "{text}"
    );
    assert!(text.contains("Review: NetworkPolicy"), "{text}");
    // A misspelt field, an unknown question, a missing file: exit 2 with the reason.
    let typo = write(
        "typo.yaml",
        &allow("").replace(
            "podSelector: {matchLabels: {app",
            "podSelectr: {matchLabels: {app",
        ),
    );
    let output = manabi(&["grade", question, &typo, "--lang", "en"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `podSelector`"),
        "{}",
        stderr(&output)
    );
    let output = manabi(&["grade", "nope", &right]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(question), "{}", stderr(&output));
    let output = manabi(&["grade", question, "no-such-file.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no-such-file.yaml"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn completions_and_the_manual_come_from_the_commands() {
    // The commands `--help` lists, clap's own `help` aside.
    let help = stdout(&manabi(&["--help"]));
    let commands: Vec<String> = help
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| !line.trim().is_empty())
        .filter_map(|line| line.split_whitespace().next())
        .filter(|command| *command != "help")
        .map(str::to_owned)
        .collect();
    assert!(commands.len() >= 17, "{help}");
    for (shell, marker) in [
        ("bash", "complete -F _manabi"),
        ("zsh", "#compdef manabi"),
        ("fish", "complete -c manabi"),
    ] {
        let output = manabi(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = stdout(&output);
        assert!(script.contains(marker), "{shell}: {script}");
        // Generated when manabi was built: every command of this build is in it.
        // As a word: `man` is inside every `manabi`.
        let words: Vec<&str> = script
            .split(|character: char| !(character.is_alphanumeric() || character == '-'))
            .collect();
        for command in &commands {
            assert!(words.contains(&command.as_str()), "{shell} lacks {command}");
        }
    }
    let output = manabi(&["man"]);
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.contains(".TH manabi 1"), "{page}");
    for command in &commands {
        assert!(
            page.contains(&format!("manabi\\-{command}(1)")),
            "the page lacks {command}"
        );
    }
    assert!(manabi(&["completions", "powershell"]).status.code() == Some(2));
}

#[test]
fn a_closed_pipe_is_no_panic_for_the_generated_texts() {
    for args in [&["completions", "bash"][..], &["man"][..]] {
        // The reading end is gone before manabi starts: its first write fails.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = Command::new(env!("CARGO_BIN_EXE_manabi"))
            .args(args)
            .stdout(writer)
            .output()
            .unwrap();
        let errors = String::from_utf8_lossy(&output.stderr);
        assert!(!errors.contains("panicked"), "{args:?}: {errors}");
        assert!(output.status.success(), "{args:?}: {errors}");
    }
}
