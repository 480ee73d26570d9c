//! The code blocks of a lesson: visiting them wherever they nest, and the check every
//! YAML block must pass for the lesson to load.

use serde::Deserialize;

use super::{Block, CodeBlock, Problem};

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

/// Calls `visit` on every code block and diagram, in lists and quotes too.
pub fn visit_code_blocks<'a>(blocks: &'a [Block], visit: &mut impl FnMut(&'a CodeBlock)) {
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
    fn multi_document_yaml_is_fine() {
        assert!(problems("```yaml\na: 1\n---\nb: 2\n```\n").is_empty());
    }
}
