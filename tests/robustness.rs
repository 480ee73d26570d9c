//! Generated hostile input never panics: Markdown through parsing and layout at many
//! widths, Mermaid through the flowchart parser.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

use manabi::course::parse_lesson;
use manabi::diagram::{parse_flowchart, picture};
use manabi::layout::glyphs::{ASCII, UNICODE};
use manabi::layout::{LayoutOptions, lay_out};
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
