use super::*;

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
            "title: invalid type",
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
    assert_eq!(code.lines, ["a: 1", "  b:    2"]);
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
