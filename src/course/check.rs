//! `manabi check`: every problem of a course at once, as `file:line:col: message`.

use serde::Deserialize;

use super::front_matter::{parse_front_matter, split_front_matter};
use super::load::{LessonEntry, id_mismatch, lesson_path, missing_lesson, read_index};
use super::parse::{Body, parse_body};
use super::quiz_file::quiz_problems;
use super::{Block, CodeBlock, CourseSource, Problem};
use crate::diagram::parse_flowchart;

/// Lints the whole course; an empty list means it is fine.
#[must_use]
pub fn check_course(source: &CourseSource) -> Vec<Problem> {
    match read_index(source) {
        Ok(index) => index
            .lessons
            .iter()
            .flat_map(|entry| lesson_problems(source, entry))
            .collect(),
        Err(problems) => problems,
    }
}

/// Warnings: lesson folders `course.yaml` does not list (a lesson added but forgotten
/// in the index never reaches a learner).
#[must_use]
pub fn unlisted_lessons(source: &CourseSource) -> Vec<Problem> {
    let Ok(index) = read_index(source) else {
        return Vec::new();
    };
    source
        .lesson_folders()
        .into_iter()
        .filter(|folder| !index.lessons.iter().any(|entry| &entry.id == folder))
        .map(|folder| {
            Problem::at(
                &source.lesson_display_path(&folder),
                0,
                0,
                format!(
                    "warning: this lesson is not listed in {}; add `- {folder}` to its `lessons` to publish it",
                    source.display_path(super::load::COURSE_FILE)
                ),
            )
        })
        .collect()
}

/// A lesson's problems: front matter and body are checked even when the other is broken.
fn lesson_problems(source: &CourseSource, entry: &LessonEntry) -> Vec<Problem> {
    if let Some(problem) = missing_lesson(source, entry) {
        return vec![problem];
    }
    let path = lesson_path(&entry.id);
    let file = source.display_path(&path);
    let text = match source.read(&path) {
        Ok(text) => text,
        Err(problem) => return vec![problem],
    };
    let lesson = match split_front_matter(&text, &file) {
        Ok(lesson) => lesson,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    match parse_front_matter(lesson.front_matter, &file) {
        Ok(meta) => problems.extend(id_mismatch(&meta.id, &entry.id, &text, &file)),
        Err(problem) => problems.push(problem),
    }
    let body = parse_body(lesson.body, lesson.body_line);
    problems.extend(code_block_problems(&body.blocks, &file));
    problems.extend(diagram_problems(&body.blocks, &file));
    problems.sort_by_key(|problem| (problem.line, problem.column));
    let mut quiz = quiz_problems(source, &entry.id, &body.sections, &body.checklist);
    quiz.sort_by_key(|problem| (problem.line, problem.column));
    problems.extend(quiz);
    problems
}

/// `check --notes`: each `#`/`##` section (with its deeper parts) that has no speaker
/// notes, as a hint at its heading's line. Hints are not problems.
#[must_use]
pub fn notes_hints(source: &CourseSource) -> Vec<Problem> {
    let mut hints = Vec::new();
    for (file, text, body) in readable_bodies(source) {
        let sections = &body.sections;
        for (index, section) in sections.iter().enumerate() {
            if section.level > 2 {
                continue;
            }
            let end = sections[index + 1..]
                .iter()
                .position(|other| other.level <= 2)
                .map_or(sections.len(), |offset| index + 1 + offset);
            if sections[index..end]
                .iter()
                .all(|part| part.notes.is_empty())
            {
                let marker = format!("{} ", "#".repeat(usize::from(section.level)));
                let line = text
                    .lines()
                    .position(|line| {
                        line.strip_prefix(&marker)
                            .is_some_and(|title| title.trim() == section.title)
                    })
                    .map_or(0, |index| index + 1);
                hints.push(Problem::at(
                    &file,
                    line,
                    1,
                    format!(
                        "hint: section `{}` has no speaker notes (<!-- notes: … -->)",
                        section.title
                    ),
                ));
            }
        }
    }
    hints
}

/// Each lesson's display path, text and parsed body, for hints: a lesson that cannot be
/// read is `check`'s problem already and is passed over.
pub(super) fn readable_bodies(source: &CourseSource) -> Vec<(String, String, Body)> {
    let Ok(index) = read_index(source) else {
        return Vec::new();
    };
    index
        .lessons
        .iter()
        .filter_map(|entry| {
            let path = lesson_path(&entry.id);
            let file = source.display_path(&path);
            let text = source.read(&path).ok()?;
            let lesson = split_front_matter(&text, &file).ok()?;
            let body = parse_body(lesson.body, lesson.body_line);
            Some((file, text.clone(), body))
        })
        .collect()
}

/// Every YAML code block must parse, each document of a `---` stream.
#[must_use]
pub fn code_block_problems(blocks: &[Block], file: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    visit_code_blocks(blocks, &mut |code| {
        if matches!(code.language.as_str(), "yaml" | "yml") {
            problems.extend(yaml_problem(code, file));
        }
    });
    problems
}

/// Every Mermaid diagram must be in the flowchart subset manabi draws; one that is not
/// is shown as its source, so this is for `check` and a notice, not a refusal to load.
#[must_use]
pub fn diagram_problems(blocks: &[Block], file: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    visit_code_blocks(blocks, &mut |code| {
        if code.language != "mermaid" {
            return;
        }
        if let Err(error) = parse_flowchart(&code.lines) {
            problems.push(Problem::at(
                file,
                code.source_line + error.line - 1,
                code.source_column + error.column - 1,
                format!("Mermaid diagram: {error}"),
            ));
        }
    });
    problems
}

fn visit_code_blocks(blocks: &[Block], visit: &mut impl FnMut(&CodeBlock)) {
    for block in blocks {
        match block {
            Block::Code(code) | Block::Diagram(code) => visit(code),
            Block::Quote(inner) => visit_code_blocks(inner, visit),
            Block::List(list) => {
                for item in &list.items {
                    visit_code_blocks(&item.blocks, visit);
                }
            }
            _ => {}
        }
    }
}

fn yaml_problem(code: &CodeBlock, file: &str) -> Option<Problem> {
    let text = code.lines.join("\n");
    for document in serde_yaml::Deserializer::from_str(&text) {
        if let Err(error) = serde_yaml::Value::deserialize(document) {
            let (line, column) = crate::yaml_message::position(&error)
                .map_or((code.source_line, 0), |(line, column)| {
                    (code.source_line + line - 1, code.source_column + column - 1)
                });
            let message = crate::yaml_message::without_position(&error);
            return Some(Problem::at(
                file,
                line,
                column,
                format!("YAML block does not parse: {message}"),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::parse_lesson;

    fn problems(body: &str) -> Vec<String> {
        let text = format!("---\nid: t\ntitle: T\nminutes: 1\n---\n{body}");
        let lesson = parse_lesson(&text, "t.md").unwrap();
        code_block_problems(&lesson.blocks, "t.md")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn broken_yaml_block_points_at_its_line() {
        let found = problems("\n```yaml\na: 1\n---\nb: [1\nc: 2\n```\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("t.md:11:"), "{found:?}");
    }

    #[test]
    fn yaml_inside_a_list_item_gets_its_column_right() {
        let found = problems("- item\n\n  ```yaml\n  a: 1\n   b: 2\n  ```\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("t.md:10:5:"), "{found:?}");
    }

    #[test]
    fn tab_indented_yaml_is_refused() {
        assert_eq!(problems("```yaml\na:\n\tb: 1\n```\n").len(), 1);
    }

    #[test]
    fn a_bad_diagram_points_at_its_line_and_column() {
        let text = "---\nid: t\ntitle: T\nminutes: 1\n---\n\n```mermaid\ngraph LR\n  A -> B\n```\n";
        let lesson = parse_lesson(text, "t.md").unwrap();
        let found: Vec<String> = diagram_problems(&lesson.blocks, "t.md")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "t.md:9:5: Mermaid diagram: `->` is not an edge; use ---, -->, ===, ==>, -.-, -.->, --o or --x"
            ]
        );
    }

    #[test]
    fn multi_document_yaml_is_fine() {
        assert!(problems("```yaml\na: 1\n---\nb: 2\n```\n").is_empty());
    }

    #[test]
    fn embedded_course_passes() {
        assert_eq!(check_course(&CourseSource::Embedded), Vec::<Problem>::new());
    }
}
