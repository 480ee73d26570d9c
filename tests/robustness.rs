//! Generated hostile input never panics: Markdown through parsing and layout at many
//! widths, Mermaid through the flowchart parser, quiz files through the quiz parser and
//! its checks, learners' manifests through grading.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

use manabi::course::{CourseSource, load_course, parse_lesson};
use manabi::diagram::{parse_flowchart, picture};
use manabi::layout::glyphs::{ASCII, UNICODE};
use manabi::layout::{LayoutOptions, lay_out};
use manabi::quiz::{Kind, LessonQuiz, Response, grade, load_quiz, parse_quiz, validate_quiz};
use manabi::theme::{Theme, ThemeKind};

/// A small deterministic generator (xorshift), so failures reproduce.
struct Generator(u64);

impl Generator {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, pieces: &[&'a str]) -> &'a str {
        pieces[usize::try_from(self.next() % pieces.len() as u64).unwrap()]
    }

    fn text(&mut self, pieces: &[&str], length: u64) -> String {
        let count = 1 + self.next() % length;
        (0..count).map(|_| self.pick(pieces)).collect()
    }
}

const MARKDOWN: &[&str] = &[
    "# ",
    "## ",
    "### ",
    "\n",
    "\n\n",
    "- ",
    "- [ ] ",
    "1. ",
    "> ",
    "  ",
    "\t",
    "```",
    "```yaml\n",
    "```mermaid\n",
    "| a | b |\n",
    "|---|:-:|\n",
    "| 全て | `x` |\n",
    "*",
    "**",
    "`",
    "~~",
    "[",
    "](",
    ")",
    "<!--",
    "-->",
    "<div>",
    "全てのPodは",
    "直接通信できる。",
    "「",
    "」",
    "、",
    "ー",
    "ッ",
    "api-server-v1",
    "\u{1b}[2J",
    "\u{7}",
    "👍",
    "　",
    "Service acts as a load balancer",
    "---",
    "***",
    "\\",
    "&amp;",
    "&#27;",
    "\r\n",
];

const MERMAID: &[&str] = &[
    "graph TB\n",
    "flowchart LR\n",
    "A",
    "B",
    "ノード",
    "[",
    "]",
    "(",
    ")",
    "((",
    "))",
    "{{",
    "}}",
    "{",
    "}",
    ">",
    "\"",
    " --> ",
    " --- ",
    " ==> ",
    " -.-> ",
    " --o ",
    " --x ",
    "-->",
    "--",
    "==",
    "-.",
    "|",
    "&",
    ":::",
    "subgraph ",
    "end\n",
    "direction LR\n",
    "classDef c fill:#fff\n",
    "class A c\n",
    "style A stroke:#f00\n",
    "%% x\n",
    ";",
    "\n",
    " ",
    "<br/>",
    "text",
    "\u{1b}",
];

#[test]
fn generated_markdown_parses_and_lays_out_at_every_width() {
    let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
    let themes = [Theme::new(ThemeKind::Dark), Theme::new(ThemeKind::Light)];
    for round in 0..400 {
        let body = generator.text(MARKDOWN, 60);
        let text = format!("---\nid: t\ntitle: T\nminutes: 1\n---\n{body}");
        let lesson = parse_lesson(&text, "t.md").unwrap();
        for width in [0, 1, 3, 9, 27, 81] {
            let options = LayoutOptions {
                width,
                theme: &themes[round % 2],
                glyphs: if round % 3 == 0 { &ASCII } else { &UNICODE },
                checklist: &[],
            };
            let laid_out = lay_out(&lesson, &options);
            assert!(laid_out.section_starts.len() <= lesson.sections.len());
            for laid in &laid_out.lines {
                let shown = laid.line.to_string();
                assert!(
                    !shown.contains('\u{1b}') && !shown.contains('\u{7}'),
                    "{body:?}"
                );
            }
        }
    }
}

#[test]
fn generated_mermaid_is_drawn_or_fails_with_a_position() {
    let mut generator = Generator(0x2545_f491_4f6c_dd1d);
    for _ in 0..2000 {
        let source = generator.text(MERMAID, 40);
        let lines: Vec<String> = source.lines().map(str::to_owned).collect();
        // A source that parses is also placed and drawn, in every width and style.
        for (ascii, width) in [(false, usize::MAX), (true, 40), (false, 20)] {
            let _ = picture(&lines, ascii, width);
        }
        if let Err(error) = parse_flowchart(&lines) {
            assert!(
                error.line >= 1 && error.line <= lines.len().max(1),
                "{source:?}: {error:?}"
            );
            assert!(error.column >= 1, "{source:?}: {error:?}");
            assert!(!error.message.is_empty());
        }
    }
}

/// Lines spliced into a quiz file.
const JUNK: &[&str] = &[
    "",
    "  ",
    "- ",
    ":",
    "answer: 99",
    "type: manifest",
    "rules: []",
    "[",
    "{",
    "&a x",
    "*a",
    "!!binary AAAA",
    "checklist: -1",
    "    - path: '['",
    "        matches: '('",
    "\u{1b}[2J",
    "choices: []",
    "documents: [{name: x, rules: []}]",
];

/// The lesson's quiz file, cut and spliced: every variant parses or fails at a line of
/// the file, and a variant that parses survives the checks against the lesson.
#[test]
fn mangled_quiz_files_fail_with_a_line_or_pass_the_checks() {
    let source = CourseSource::Embedded;
    let text = source.read("k8s-networking/quiz.yaml").unwrap();
    let course = load_course(&source).unwrap();
    let lesson = &course.lessons[0];
    let lines: Vec<&str> = text.lines().collect();
    let mut generator = Generator(0x9e37_79b9_7f4a_7c15);
    for _ in 0..300 {
        let mut mangled: Vec<String> = lines.iter().map(|line| (*line).to_owned()).collect();
        for _ in 0..=generator.next() % 4 {
            let at = usize::try_from(generator.next() % mangled.len() as u64).unwrap();
            match generator.next() % 4 {
                0 => {
                    mangled.remove(at);
                }
                1 => mangled.insert(at, generator.pick(JUNK).to_owned()),
                2 => {
                    let cut = mangled[at].len() / 2;
                    let cut = (0..=cut)
                        .rev()
                        .find(|index| mangled[at].is_char_boundary(*index))
                        .unwrap();
                    mangled[at].truncate(cut);
                }
                _ => {
                    let other = usize::try_from(generator.next() % mangled.len() as u64).unwrap();
                    mangled.swap(at, other);
                }
            }
        }
        let variant = mangled.join("\n");
        match parse_quiz(&variant) {
            Ok(quiz) => {
                let _ = validate_quiz(&quiz, &lesson.sections, &lesson.checklist, &[]);
            }
            Err(error) => assert!(error.line <= mangled.len() + 1, "{error:?}"),
        }
    }
}

/// Pieces of learners' manifests.
const PIECES: &[&str] = &[
    "kind: ",
    "Ingress",
    "NetworkPolicy",
    "\n",
    "  ",
    "- ",
    "spec:",
    "rules:",
    "paths:",
    "[",
    "]",
    "{",
    "}",
    ": ",
    "&a ",
    "*a ",
    "---\n",
    "!!str ",
    "3000",
    "null",
    "~",
    "\"",
    "'",
    "\t",
    "\u{0}",
    "ｍｙ",
    "policyTypes: [Egress]",
    "weight: 90",
];

/// Whatever a learner hands in (junk, huge, deep, aliases, every document shape), the
/// manifest exercises answer with a verdict or a message, never a panic or a hang.
#[test]
fn any_manifest_a_learner_writes_gets_an_answer() {
    let course = load_course(&CourseSource::Embedded).unwrap();
    let LessonQuiz::Ready(quiz) = load_quiz(&CourseSource::Embedded, &course.lessons[0]) else {
        panic!("no quiz");
    };
    let manifests: Vec<_> = quiz
        .questions
        .iter()
        .filter(|question| matches!(question.kind, Kind::Manifest(_)))
        .collect();
    let mut generator = Generator(0x5851_f42d_4c95_7f2d);
    let mut answers: Vec<String> = (0..400).map(|_| generator.text(PIECES, 60)).collect();
    answers.push("a: ".repeat(40_000));
    answers.push(format!("{}x{}", "[".repeat(5000), "]".repeat(5000)));
    answers.push(String::from_utf8_lossy(&(0..=255).collect::<Vec<u8>>()).into_owned());
    for answer in answers {
        for question in &manifests {
            let _ = grade(question, &Response::Manifest(answer.clone()));
        }
    }
}

/// The hostile answers the grading issue names: each gets a verdict or a clear message.
#[test]
fn hostile_manifests_get_a_verdict_or_a_message() {
    let course = load_course(&CourseSource::Embedded).unwrap();
    let LessonQuiz::Ready(quiz) = load_quiz(&CourseSource::Embedded, &course.lessons[0]) else {
        panic!("no quiz");
    };
    let policy = quiz
        .questions
        .iter()
        .find(|question| question.id == "netpol-deny-and-allow-manifest")
        .unwrap();
    let header = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: production}\nspec:\n";
    let grade_text = |text: String| grade(policy, &Response::Manifest(text));
    // Ten megabytes: refused before parsing.
    let huge = grade_text("a: b\n".repeat(2_000_000)).unwrap_err();
    assert!(huge.to_string().contains("bytes"), "{huge}");
    // An alias bomb: serde_yaml refuses the expansion.
    let levels = (1..12).map(|level| {
        let previous = format!("*a{}", level - 1);
        format!("a{level}: &a{level} [{}]\n", vec![previous; 10].join(", "))
    });
    let bomb: String = std::iter::once("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_owned())
        .chain(levels)
        .collect();
    assert!(grade_text(bomb).is_err());
    // Not a known kind, not an object, a misspelt field: each says so.
    let pod =
        grade_text("apiVersion: v1\nkind: Pod\nmetadata: {name: x}\n".to_owned()).unwrap_err();
    assert!(pod.to_string().contains("`Pod`"), "{pod}");
    assert!(grade_text("- just\n- a list\n".to_owned()).is_err());
    let typo = grade_text(format!("{header}  podSelectr: {{}}\n")).unwrap_err();
    assert!(
        typo.to_string().contains("did you mean `podSelector`"),
        "{typo}"
    );
    // Ten thousand rules and a selector of a thousand expressions: graded, wrong.
    let rules = format!(
        "{header}  podSelector: {{}}\n  ingress: [{}]\n",
        vec!["{}"; 10_000].join(",")
    );
    assert!(!grade_text(rules).unwrap().right);
    let expressions = vec!["{key: a, operator: DoesNotExist}"; 1_000].join(",");
    let selector = format!(
        "{header}  podSelector: {{matchExpressions: [{expressions}]}}\n  policyTypes: [Ingress, Egress]\n"
    );
    assert!(!grade_text(selector).unwrap().right);
}
