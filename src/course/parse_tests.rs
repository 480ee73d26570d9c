use super::*;
use crate::course::{Alignment, LessonMeta};

fn lesson(body: &str) -> Lesson {
    let text = format!("---\nid: t\ntitle: T\nminutes: 5\n---\n{body}");
    parse_lesson(&text, "t.md").unwrap()
}

fn error(text: &str) -> Problem {
    parse_lesson(text, "t.md").unwrap_err()
}

#[test]
fn front_matter_becomes_meta() {
    let text = "---\nid: a\ntitle: タイトル\nminutes: 40\nnext: 次へ\n---\n# H\n";
    let lesson = parse_lesson(text, "a.md").unwrap();
    assert_eq!(
        lesson.meta,
        LessonMeta {
            id: "a".into(),
            title: "タイトル".into(),
            minutes: 40,
            next: Some("次へ".into()),
        }
    );
}

#[test]
fn front_matter_errors_name_the_line() {
    let cases = [
        ("# no front matter\n", 1, "must start with front matter"),
        ("---\nid: a\ntitle: A\nminutes: 1\n", 1, "no closing"),
        (
            "---\nid: a\ntitle: A\nminuts: 1\n---\n",
            4,
            "did you mean `minutes`",
        ),
        ("---\nid: a\ntitle: A\nminutes: 0\n---\n", 4, "at least 1"),
        (
            "---\nid: a\ntitle: ''\nminutes: 3\n---\n",
            3,
            "`title` must not be empty",
        ),
        (
            "---\nid: a\ntitle: [x\nminutes: 3\n---\n",
            3,
            "`title` must be text, not a list",
        ),
        (
            "---\nid: a\ntitle: A\n  minutes: 3\n---\n",
            4,
            "mapping values are not allowed",
        ),
    ];
    for (text, line, message) in cases {
        let problem = error(text);
        assert_eq!(problem.line, line, "{text:?} → {problem}");
        assert!(problem.message.contains(message), "{text:?} → {problem}");
    }
}

#[test]
fn headings_make_sections_with_unique_anchors() {
    let lesson =
        lesson("# Kubernetes ネットワーク\n\n## Service タイプ\n\ntext\n\n## Service タイプ\n");
    let anchors: Vec<_> = lesson
        .sections
        .iter()
        .map(|section| section.anchor.as_str())
        .collect();
    assert_eq!(
        anchors,
        [
            "kubernetes-ネットワーク",
            "service-タイプ",
            "service-タイプ-1"
        ]
    );
    assert_eq!(lesson.sections[1].level, 2);
    assert_eq!(lesson.sections[2].block, 3);
    assert!(matches!(
        lesson.blocks[3],
        Block::Heading { section: 2, .. }
    ));
}

#[test]
fn punctuation_is_dropped_from_anchors() {
    let lesson = lesson("## ClusterIP(デフォルト)\n\n## Gateway API vs. Ingress!\n");
    assert_eq!(lesson.sections[0].anchor, "clusteripデフォルト");
    assert_eq!(lesson.sections[1].anchor, "gateway-api-vs-ingress");
}

#[test]
fn inline_styles_nest() {
    let lesson = lesson("a *em **strong*** `code` [link](http://x) ~~gone~~\n");
    let Block::Paragraph(content) = &lesson.blocks[0] else {
        panic!()
    };
    assert_eq!(
        content,
        &vec![
            Inline::Text("a ".into()),
            Inline::Emphasis(vec![
                Inline::Text("em ".into()),
                Inline::Strong(vec![Inline::Text("strong".into())]),
            ]),
            Inline::Text(" ".into()),
            Inline::Code("code".into()),
            Inline::Text(" ".into()),
            Inline::Link {
                url: "http://x".into(),
                content: vec![Inline::Text("link".into())],
            },
            Inline::Text(" ".into()),
            Inline::Strikethrough(vec![Inline::Text("gone".into())]),
        ]
    );
}

#[test]
fn code_blocks_keep_language_lines_and_source_line() {
    let lesson = lesson("text\n\n```YAML title\na: 1\n  b:\t2\n```\n");
    let Block::Code(code) = &lesson.blocks[1] else {
        panic!()
    };
    assert_eq!(code.language, "yaml");
    assert_eq!(code.lines, ["a: 1", "  b:\t2"]);
    assert_eq!(code.source_column, 1);
    // front matter is 5 lines; the body's "```" is on file line 8.
    assert_eq!(code.source_line, 9);
}

#[test]
fn mermaid_blocks_are_diagrams() {
    let lesson = lesson("```mermaid\ngraph TB\n  A --> B\n```\n");
    let Block::Diagram(diagram) = &lesson.blocks[0] else {
        panic!()
    };
    assert_eq!(diagram.lines, ["graph TB", "  A --> B"]);
}

#[test]
fn task_items_form_the_numbered_checklist() {
    let lesson = lesson("- [ ] one\n- [x] two **bold**\n  - [ ] nested\n- plain\n");
    let texts: Vec<_> = lesson
        .checklist
        .iter()
        .map(|item| (item.number, item.text.as_str()))
        .collect();
    assert_eq!(texts, [(1, "one"), (2, "two bold"), (3, "nested")]);
    let Block::List(list) = &lesson.blocks[0] else {
        panic!()
    };
    assert_eq!(
        list.items[1].task,
        Some(Task {
            checked: true,
            number: 2
        })
    );
    assert_eq!(list.items[2].task, None);
    assert!(matches!(list.items[1].blocks[1], Block::List(_)));
}

#[test]
fn ordered_lists_keep_their_start() {
    let lesson = lesson("3. c\n4. d\n");
    let Block::List(list) = &lesson.blocks[0] else {
        panic!()
    };
    assert_eq!(list.start, Some(3));
    assert_eq!(list.items.len(), 2);
}

#[test]
fn tables_keep_alignment_header_and_rows() {
    let lesson = lesson("| 原則 | 説明 |\n|:--|--:|\n| Pod の IP | `x` |\n");
    let Block::Table(table) = &lesson.blocks[0] else {
        panic!()
    };
    assert_eq!(table.alignments, [Alignment::Left, Alignment::Right]);
    assert_eq!(table.header[0], [Inline::Text("原則".into())]);
    assert_eq!(table.rows[0][1], [Inline::Code("x".into())]);
}

#[test]
fn quotes_rules_and_comments() {
    let lesson =
        lesson("> 「引用」\n\n<!-- notes: secret -->\n\n---\n\ntext <!-- hidden --> shown\n");
    assert!(matches!(&lesson.blocks[0], Block::Quote(inner) if inner.len() == 1));
    assert_eq!(lesson.blocks[1], Block::Rule);
    assert_eq!(lesson.blocks.len(), 3);
    assert_eq!(
        plain_text(match &lesson.blocks[2] {
            Block::Paragraph(content) => content,
            _ => panic!(),
        }),
        "text  shown"
    );
}

#[test]
fn control_characters_are_made_inert_everywhere() {
    let lesson = lesson("# a\u{1b}[2J\n\nb\u{7}`c\u{1b}`\n\n```\n\u{1b}]52;c;x\u{7}\n```\n");
    let debug = format!("{lesson:?}");
    assert!(
        !debug.contains("\\u{1b}") && !debug.contains("\\u{7}"),
        "{debug}"
    );
    assert_eq!(lesson.sections[0].title, "a\u{241b}[2J");
}

#[test]
fn anchors_stay_unique_when_a_title_looks_like_a_suffixed_one() {
    let lesson = lesson("## a-1\n\n## a\n\n## a\n");
    let anchors: Vec<_> = lesson
        .sections
        .iter()
        .map(|section| section.anchor.as_str())
        .collect();
    assert_eq!(anchors, ["a-1", "a", "a-2"]);
}

#[test]
fn loose_task_lists_are_the_checklist_too() {
    let lesson = lesson("- [ ] one\n\n- [x] two\n\n  more text\n");
    let texts: Vec<_> = lesson
        .checklist
        .iter()
        .map(|item| item.text.as_str())
        .collect();
    assert_eq!(texts, ["one", "two"]);
    let Block::List(list) = &lesson.blocks[0] else {
        panic!()
    };
    assert_eq!(
        list.items[1].task,
        Some(Task {
            checked: true,
            number: 2
        })
    );
}

#[test]
fn html_keeps_its_lines_and_loses_its_comments() {
    let lesson = lesson("<div>\n<b>x</b>\n</div>\n\n<!-- notes:\nsecret\n--> shown\n");
    let paragraphs: Vec<_> = lesson
        .blocks
        .iter()
        .map(|block| match block {
            Block::Paragraph(content) => content.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        paragraphs[0],
        [
            Inline::Text("<div>".into()),
            Inline::HardBreak,
            Inline::Text("<b>x</b>".into()),
            Inline::HardBreak,
            Inline::Text("</div>".into()),
        ]
    );
    assert_eq!(paragraphs[1], [Inline::Text(" shown".into())]);
    assert!(!format!("{lesson:?}").contains("secret"));
}

#[test]
fn hostile_nesting_is_flattened_not_recursed() {
    let quotes = format!("{} deep\n", ">".repeat(20_000));
    let deep = lesson(&quotes);
    let mut depth = 0;
    let mut block = &deep.blocks[0];
    while let Block::Quote(inner) = block {
        depth += 1;
        block = &inner[0];
    }
    assert!(depth <= MAX_NESTING, "{depth}");
    assert_eq!(block, &Block::Paragraph(vec![Inline::Text("deep".into())]));

    let lists = format!("{}x\n", "- ".repeat(5_000));
    assert!(!lesson(&lists).blocks.is_empty());
    let emphasis = format!("{}x{}\n", "*".repeat(10_000), "*".repeat(10_000));
    assert!(!lesson(&emphasis).blocks.is_empty());
}

#[test]
fn code_in_a_list_item_knows_its_column() {
    let lesson = lesson("- item\n\n  ```yaml\n  a: 1\n  ```\n");
    let Block::List(list) = &lesson.blocks[0] else {
        panic!()
    };
    let Block::Code(code) = &list.items[0].blocks[1] else {
        panic!()
    };
    assert_eq!((code.source_line, code.source_column), (9, 3));
}

#[test]
fn every_kind_of_text_is_made_inert() {
    let escape = "\u{1b}[2J";
    let text = format!(
        "---\nid: t\ntitle: \"t\\e[2J\"\nminutes: 1\nnext: \"n\\e[2J\"\n---\n\
         | h{escape} |\n|---|\n| c{escape} |\n\n[l](http://x/&#27;)\n\n```y{escape}\nx\n```\n\n\
         <p>{escape}</p>\n\n- [ ] task{escape}\n"
    );
    let lesson = parse_lesson(&text, "t.md").unwrap();
    let debug = format!("{lesson:?}");
    assert!(!debug.contains("\\u{1b}"), "{debug}");
    assert_eq!(debug.matches('\u{241b}').count(), 9, "{debug}");
}

#[test]
fn speaker_notes_belong_to_their_section_and_never_show() {
    let lesson = lesson(
        "# Title\n\n<!-- notes: 挨拶 -->\n\n## A\n\n<!-- notes:\n強調すること: ポート\n  時間の目安: 約 5 分\n-->\n\nText.\n\n<!-- a plain comment -->\n\n### A.1\n\n<!-- notes: sub\u{1b}[2J -->\n\n## B\n\nNo notes.\n",
    );
    let notes: Vec<Vec<String>> = lesson
        .sections
        .iter()
        .map(|section| section.notes.clone())
        .collect();
    assert_eq!(
        notes,
        [
            vec!["挨拶".to_owned()],
            vec!["強調すること: ポート\n時間の目安: 約 5 分".to_owned()],
            vec!["sub␛[2J".to_owned()],
            Vec::new(),
        ]
    );
    let shown = format!("{:?}", lesson.blocks);
    assert!(
        !shown.contains("強調") && !shown.contains("挨拶"),
        "{shown}"
    );
}
