//! `manabi check`: every problem of a course at once, as `file:line:col: message`.

use serde::Deserialize;

use super::load::{lesson_path, load_lesson, read_index};
use super::{Block, CodeBlock, CourseSource, Lesson, Problem};

/// Lints the whole course; an empty list means it is fine.
#[must_use]
pub fn check_course(source: &CourseSource) -> Vec<Problem> {
    let index = match read_index(source) {
        Ok(index) => index,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    for id in &index.lesson_ids {
        let path = lesson_path(id);
        let file = source.display_path(&path);
        if !source.has_file(&path) {
            problems.push(Problem::at(
                &file,
                0,
                0,
                format!("file is missing: course.yaml lists lesson `{id}`, so its folder needs a lesson.md"),
            ));
            continue;
        }
        match load_lesson(source, id) {
            Ok(lesson) => problems.extend(code_block_problems(&lesson, &file)),
            Err(problem) => problems.push(problem),
        }
    }
    problems
}

/// Every YAML code block of the lesson must parse, each document of a `---` stream.
pub fn code_block_problems(lesson: &Lesson, file: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    visit_code_blocks(&lesson.blocks, &mut |code| {
        if matches!(code.language.as_str(), "yaml" | "yml") {
            problems.extend(yaml_problem(code, file));
        }
    });
    problems
}

fn visit_code_blocks(blocks: &[Block], visit: &mut impl FnMut(&CodeBlock)) {
    for block in blocks {
        match block {
            Block::Code(code) => visit(code),
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
            let (line, column) = error.location().map_or((code.source_line, 0), |at| {
                (code.source_line + at.line() - 1, at.column())
            });
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
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

    #[test]
    fn broken_yaml_block_points_at_its_line() {
        let text =
            "---\nid: t\ntitle: T\nminutes: 1\n---\n\n```yaml\na: 1\n---\nb: [1\nc: 2\n```\n";
        let lesson = parse_lesson(text, "t.md").unwrap();
        let problems = code_block_problems(&lesson, "t.md");
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].to_string().starts_with("t.md:11:"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn multi_document_yaml_is_fine() {
        let text = "---\nid: t\ntitle: T\nminutes: 1\n---\n\n```yaml\na: 1\n---\nb: 2\n```\n";
        let lesson = parse_lesson(text, "t.md").unwrap();
        assert!(code_block_problems(&lesson, "t.md").is_empty());
    }

    #[test]
    fn embedded_course_passes() {
        assert_eq!(check_course(&CourseSource::Embedded), Vec::<Problem>::new());
    }
}
