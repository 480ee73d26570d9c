//! The networking lesson against its source text: every sentence kept, every table row
//! rebuilt, every manifest equal to the seed's value for value.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

use manabi::course::{Block, CourseSource, Inline, Lesson, load_course, plain_text};
use serde::Deserialize;

const SEED: &str = include_str!("fixtures/seed/k8s-networking.txt");

fn lesson() -> Lesson {
    let course = load_course(&CourseSource::Embedded).unwrap();
    course.lesson("k8s-networking").unwrap().clone()
}

/// Every piece of text of the lesson, one entry per line of prose, code or table row.
fn lesson_texts(blocks: &[Block], texts: &mut Vec<String>) {
    for block in blocks {
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                texts.push(plain_text(content));
            }
            Block::Code(code) | Block::Diagram(code) => texts.extend(code.lines.iter().cloned()),
            Block::Table(table) => {
                for row in std::iter::once(&table.header).chain(&table.rows) {
                    texts.push(row.iter().map(|cell| plain_text(cell)).collect());
                }
            }
            Block::List(list) => list
                .items
                .iter()
                .for_each(|item| lesson_texts(&item.blocks, texts)),
            Block::Quote(inner) => lesson_texts(inner, texts),
            Block::Rule => {}
        }
    }
}

fn yaml_documents(text: &str) -> Vec<serde_yaml::Value> {
    serde_yaml::Deserializer::from_str(text)
        .map(|document| serde_yaml::Value::deserialize(document).unwrap())
        .collect()
}

/// The seed's manifests: a run of lines that starts at `apiVersion:` (or the comments
/// right above it) and ends at a blank line or at text that is not YAML.
fn seed_manifests() -> Vec<String> {
    let lines: Vec<&str> = SEED.lines().collect();
    let mut manifests = Vec::new();
    let mut index = 0;
    while index < lines.len() {
        let comments = lines[index..]
            .iter()
            .take_while(|line| line.starts_with("# "))
            .count();
        if !lines
            .get(index + comments)
            .is_some_and(|line| line.starts_with("apiVersion:"))
        {
            index += 1;
            continue;
        }
        let start = index;
        index += comments;
        while index < lines.len() && is_manifest_line(lines[index]) {
            index += 1;
        }
        manifests.push(lines[start..index].join("\n"));
    }
    manifests
}

fn is_manifest_line(line: &str) -> bool {
    let top_level_key = line
        .split_once(':')
        .is_some_and(|(key, _)| key.chars().all(|c| c.is_ascii_alphabetic()));
    !line.is_empty()
        && (line.starts_with(' ') || line.starts_with("# ") || line == "---" || top_level_key)
}

#[test]
fn front_matter_carries_the_reading_time() {
    let lesson = lesson();
    assert_eq!(lesson.meta.minutes, 40);
    assert!(SEED.contains("推定読了時間: 40分"));
    // The seed's closing line is about a lesson the course does not have yet: it stays
    // in the body (its last section), and `next:` names no lesson.
    assert_eq!(lesson.meta.next, None);
    assert!(
        SEED.lines()
            .last()
            .is_some_and(|line| line.contains("セキュリティ"))
    );
}

#[test]
fn every_sentence_of_the_seed_is_kept() {
    let mut texts = Vec::new();
    lesson_texts(&lesson().blocks, &mut texts);
    let dropped = ["LESSON 40分", "推定読了時間: 40分"];
    for line in SEED
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !dropped.contains(line))
    {
        let line = line.strip_prefix("• ").unwrap_or(line);
        assert!(
            texts.iter().any(|text| text.trim() == line),
            "seed line missing from the lesson: {line:?}"
        );
    }
}

#[test]
fn the_three_tables_are_real_tables() {
    let tables: Vec<_> = lesson()
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Table(table) => Some(table.clone()),
            _ => None,
        })
        .collect();
    let headers: Vec<Vec<String>> = tables
        .iter()
        .map(|table| table.header.iter().map(|cell| plain_text(cell)).collect())
        .collect();
    assert_eq!(
        headers,
        [
            vec!["原則", "説明"],
            vec!["機能", "Ingress", "Gateway API"],
            vec!["コンポーネント", "役割", "選定基準"]
        ]
    );
    assert_eq!(
        tables
            .iter()
            .map(|table| table.rows.len())
            .collect::<Vec<_>>(),
        [3, 5, 6]
    );
    for table in &tables {
        for row in &table.rows {
            assert_eq!(row.len(), table.header.len());
            assert!(row.iter().all(|cell| !plain_text(cell).trim().is_empty()));
        }
    }
}

#[test]
fn manifests_equal_the_seed_value_for_value() {
    let lesson = lesson();
    let blocks: Vec<_> = lesson
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Code(code) if code.language == "yaml" => Some(code.lines.join("\n")),
            _ => None,
        })
        .collect();
    let seed = seed_manifests();
    assert_eq!(
        blocks.len(),
        seed.len(),
        "lesson has {} YAML blocks, seed {}",
        blocks.len(),
        seed.len()
    );
    for (block, manifest) in blocks.iter().zip(&seed) {
        assert_eq!(block, manifest, "exact text and indentation");
        assert_eq!(yaml_documents(block), yaml_documents(manifest));
    }
    let documents: usize = blocks.iter().map(|block| yaml_documents(block).len()).sum();
    assert_eq!(documents, 15);
}

#[test]
fn diagram_dns_names_quote_heading_and_checklist_are_in_place() {
    let lesson = lesson();
    assert!(
        lesson
            .blocks
            .iter()
            .any(|block| matches!(block, Block::Diagram(code) if code.lines[0] == "graph TB"))
    );
    assert!(lesson.blocks.iter().any(|block| matches!(block, Block::Code(code)
        if code.language == "text" && code.lines[0] == "Service: my-service.my-namespace.svc.cluster.local")));
    assert!(
        matches!(&lesson.blocks[1], Block::Quote(inner) if matches!(&inner[0],
        Block::Paragraph(content) if matches!(&content[0], Inline::Text(text) if text.starts_with("「Kubernetes"))))
    );
    assert!(
        lesson
            .sections
            .iter()
            .any(|section| section.title == "Cilium の L7 NetworkPolicy" && section.level == 3)
    );
    assert_eq!(lesson.checklist.len(), 6);
    assert_eq!(
        lesson.checklist[4].text,
        "NetworkPolicy でトラフィックを制限できる"
    );
    assert_eq!(lesson.sections.last().unwrap().title, "次のステップへ");
}

#[test]
fn the_quiz_covers_the_checklist_with_every_kind_of_question() {
    use manabi::quiz::{Kind, LessonQuiz, Response, grade, load_quiz};
    let lesson = lesson();
    let LessonQuiz::Ready(quiz) = load_quiz(&CourseSource::Embedded, &lesson) else {
        panic!("the quiz is not ready");
    };
    assert_eq!(lesson.checklist.len(), 6);
    assert!(quiz.questions.len() >= 20, "{}", quiz.questions.len());
    for item in &lesson.checklist {
        assert!(
            quiz.questions_for(item.number).len() >= 3,
            "checklist item {} has fewer than three questions",
            item.number
        );
    }
    let count = |wanted: fn(&Kind) -> bool| {
        quiz.questions
            .iter()
            .filter(|question| wanted(&question.kind))
            .count()
    };
    assert!(count(|kind| matches!(kind, Kind::Choice { .. })) >= 3);
    assert!(count(|kind| matches!(kind, Kind::Multi { .. })) >= 3);
    assert!(count(|kind| matches!(kind, Kind::Text { .. })) >= 3);
    // The three exercises the issue names: an Ingress with two paths, default-deny plus
    // an allow rule, an HTTPRoute split 90/10; each solution passes, each template fails.
    let manifests: Vec<_> = quiz
        .questions
        .iter()
        .filter_map(|question| match &question.kind {
            Kind::Manifest(exercise) => Some((question, exercise)),
            _ => None,
        })
        .collect();
    assert!(manifests.len() >= 3);
    for kind in ["kind: Ingress", "kind: NetworkPolicy", "kind: HTTPRoute"] {
        assert!(
            manifests
                .iter()
                .any(|(_, exercise)| exercise.solution.contains(kind)),
            "no exercise about {kind}"
        );
    }
    assert!(
        manifests
            .iter()
            .any(|(_, exercise)| exercise.documents.len() == 2)
    );
    for (question, exercise) in manifests {
        let solved = grade(question, &Response::Manifest(exercise.solution.clone())).unwrap();
        assert!(solved.right, "{}: {:?}", question.id, solved.failures);
        let started = grade(question, &Response::Manifest(exercise.template.clone())).unwrap();
        assert!(!started.right, "{}: the template passes", question.id);
    }
}
