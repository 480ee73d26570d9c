use super::*;
use crate::course::parse_lesson;
use crate::theme::ThemeKind;

fn render(body: &str, width: usize) -> (Vec<String>, LaidOutLesson) {
    let lesson = parse_lesson(
        &format!("---\nid: t\ntitle: T\nminutes: 1\n---\n{body}"),
        "t.md",
    )
    .unwrap();
    let theme = Theme::new(ThemeKind::Dark);
    let laid_out = lay_out(
        &lesson,
        &LayoutOptions {
            width,
            theme: &theme,
            glyphs: &glyphs::UNICODE,
            checklist: &[],
        },
    );
    (
        laid_out
            .lines
            .iter()
            .map(|laid| laid.line.to_string())
            .collect(),
        laid_out,
    )
}

#[test]
fn headings_are_underlined_and_sections_located() {
    let (lines, laid_out) = render("# タイトル\n\ntext\n\n## 節\n\n### 小節\n", 40);
    assert_eq!(
        lines,
        [
            "タイトル",
            "════════",
            "",
            "text",
            "",
            "節",
            "──",
            "",
            "### 小節"
        ]
    );
    assert_eq!(laid_out.section_starts, [0, 5, 8]);
}

#[test]
fn code_lines_are_never_wrapped() {
    let long = "a".repeat(50);
    let (lines, _) = render(&format!("```yaml\nkey: {long}\n```\n"), 20);
    assert_eq!(lines[0], "┌─ yaml ────────────");
    assert_eq!(lines[1], format!("│ key: {long}"));
    assert_eq!(lines[2], "└───────────────────");
}

#[test]
fn lists_hang_their_text_after_markers() {
    let (lines, _) = render(
        "- [ ] 理解している項目がとても長い\n- [x] done\n\n1. one\n   - nested\n2. two\n",
        16,
    );
    assert_eq!(
        lines,
        [
            "[ ] 理解している",
            "    項目がとても",
            "    長い",
            "[x] done",
            "",
            "1. one",
            "   ◦ nested",
            "2. two",
        ]
    );
}

#[test]
fn quotes_get_a_bar_on_every_line() {
    let (lines, _) = render("> 「Kubernetes のネットワークは難しい」\n", 20);
    assert!(lines.len() > 1);
    for line in &lines {
        assert!(line.starts_with("┃ "), "{lines:?}");
        assert!(display_width(line) <= 20, "{lines:?}");
    }
}

#[test]
fn prose_fits_every_width() {
    let body = "# Kubernetes ネットワーク\n\n> 「Kubernetes のネットワークは難しいと言われるが、基本原則はシンプルだ。」\n\n| a | b |\n|---|---|\n| 全てのPodはNATなしで直接通信できる | x |\n\n- item `code` text\n";
    // Below 12 columns a table's frame alone is wider than the page; layout must still
    // not panic there.
    for width in 0..12 {
        assert!(!render(body, width).0.is_empty());
    }
    for width in 12..60 {
        let (lines, _) = render(body, width);
        for line in &lines {
            assert!(display_width(line) <= width, "width {width}: {line:?}");
        }
    }
}

#[test]
fn ascii_glyphs_replace_box_drawing() {
    let lesson = parse_lesson("---\nid: t\ntitle: T\nminutes: 1\n---\n# T\n\n> q\n\n- a\n\n```\nx\n```\n\n| a |\n|---|\n| b |\n", "t.md").unwrap();
    let theme = Theme::new(ThemeKind::Light);
    let laid_out = lay_out(
        &lesson,
        &LayoutOptions {
            width: 30,
            theme: &theme,
            glyphs: &glyphs::ASCII,
            checklist: &[],
        },
    );
    for line in &laid_out.lines {
        assert!(line.line.to_string().is_ascii(), "{}", line.line);
    }
}

#[test]
fn odd_documents_lay_out_at_any_width_without_panicking() {
    let bodies = [
        "",
        "#\n",
        "```\nunclosed\n",
        "| a |\n|---|\n",
        "- [ ]\n- > > > deep\n  1. x\n     - [x] y\n",
        "<div>html</div>\n\n***\n",
        "- \n-\n\n1.\n",
        "> ```yaml\n> a: 1\n> ```\n",
        "![画像](x.png)\n\n[](empty)\n",
        "a  \nb\\\nc\n",
    ];
    for body in bodies {
        for width in [0, 1, 2, 3, 7, 40, 500] {
            let (lines, _) = render(body, width);
            assert!(lines.len() < 100, "{body:?} at {width}");
        }
    }
}

#[test]
fn tabs_in_code_expand_to_tab_stops() {
    let (lines, _) = render("```\n\tx\nab\ty\n日\tz\n```\n", 40);
    assert_eq!(lines[1], "│     x");
    assert_eq!(lines[2], "│ ab  y");
    assert_eq!(lines[3], "│ 日  z");
    assert!(lines.iter().all(|line| !line.contains('\t')));
}

#[test]
fn code_blocks_know_their_lines_and_text_column() {
    let (lines, laid_out) = render(
        "intro\n\n- item\n\n  ```yaml\n  a: 1\n  ```\n\n```\nx\n```\n",
        40,
    );
    assert_eq!(laid_out.code_blocks.len(), 2);
    let nested = &laid_out.code_blocks[0];
    assert_eq!(nested.source, ["a: 1"]);
    assert_eq!(lines[nested.lines.start + 1], "  │ a: 1");
    let content = laid_out.lines[nested.lines.start + 1].code.unwrap();
    assert_eq!(
        content,
        CodeLine {
            block: 0,
            text_column: Some(4)
        }
    );
    assert_eq!(
        laid_out.lines[nested.lines.start].code.unwrap().text_column,
        None
    );
    assert_eq!(laid_out.code_blocks[1].lines.len(), 3);
}

#[test]
fn incremental_layout_equals_the_whole() {
    let body = "# T\n\n## A\n\ntext\n\n```yaml\na: 1\n```\n\n## B\n\n| a |\n|---|\n| b |\n";
    let lesson = parse_lesson(
        &format!("---\nid: t\ntitle: T\nminutes: 1\n---\n{body}"),
        "t.md",
    )
    .unwrap();
    let theme = Theme::new(ThemeKind::Dark);
    let options = LayoutOptions {
        width: 30,
        theme: &theme,
        glyphs: &glyphs::UNICODE,
        checklist: &[],
    };
    let whole = lay_out(&lesson, &options);
    let mut partial = LaidOutLesson::new(30);
    partial.extend_to(&lesson, &options, 3);
    assert!(partial.lines.len() >= 3 && !partial.is_complete(&lesson));
    for target in [5, 9, usize::MAX] {
        partial.extend_to(&lesson, &options, target);
    }
    assert!(partial.is_complete(&lesson));
    assert_eq!(partial, whole);
}
