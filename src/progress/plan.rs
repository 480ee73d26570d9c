//! The session plan: the lesson's `minutes` split into a time budget per section, by
//! how long the section takes to read (its text at a Japanese reading pace, plus its
//! code and diagram lines). The reader's "ahead / behind" and workshop mode's agenda
//! clock both use it.

use crate::course::{Block, Lesson, plain_text};

/// Characters read per minute: a common figure for Japanese technical prose (English
/// words are counted by their letters, which reads at a similar pace).
const CHARACTERS_PER_MINUTE: u64 = 500;
/// Seconds to read one line of a manifest or command.
const SECONDS_PER_CODE_LINE: u64 = 4;
/// Seconds to take in one line of a diagram's source (its picture is larger).
const SECONDS_PER_DIAGRAM_LINE: u64 = 5;

/// Each section's budget in milliseconds; they add up to the lesson's `minutes`.
#[must_use]
pub fn section_budgets(lesson: &Lesson) -> Vec<u64> {
    let loads: Vec<u64> = (0..lesson.sections.len())
        .map(|section| section_load_ms(lesson, section).max(1))
        .collect();
    let total_load: u64 = loads.iter().sum();
    let total_ms = u64::from(lesson.meta.minutes) * 60_000;
    if total_load == 0 {
        return Vec::new();
    }
    let mut budgets: Vec<u64> = loads
        .iter()
        .map(|load| total_ms * load / total_load)
        .collect();
    // Rounding down leaves a few milliseconds over: the last section takes them.
    let given: u64 = budgets.iter().sum();
    if let Some(last) = budgets.last_mut() {
        *last += total_ms - given;
    }
    budgets
}

/// How long a section takes to read, in milliseconds.
fn section_load_ms(lesson: &Lesson, section: usize) -> u64 {
    let start = lesson.sections[section].block;
    let end = lesson
        .sections
        .get(section + 1)
        .map_or(lesson.blocks.len(), |next| next.block);
    let mut load = Load::default();
    for block in &lesson.blocks[start..end] {
        load.add(block);
    }
    load.characters * 60_000 / CHARACTERS_PER_MINUTE
        + load.code_lines * SECONDS_PER_CODE_LINE * 1000
        + load.diagram_lines * SECONDS_PER_DIAGRAM_LINE * 1000
}

#[derive(Default)]
struct Load {
    characters: u64,
    code_lines: u64,
    diagram_lines: u64,
}

impl Load {
    fn add(&mut self, block: &Block) {
        let count = |text: String| text.chars().filter(|c| !c.is_whitespace()).count() as u64;
        match block {
            Block::Heading { content, .. } | Block::Paragraph(content) => {
                self.characters += count(plain_text(content));
            }
            Block::Code(code) => self.code_lines += code.lines.len() as u64,
            Block::Diagram(code) => self.diagram_lines += code.lines.len() as u64,
            Block::Table(table) => {
                for row in std::iter::once(&table.header).chain(&table.rows) {
                    for cell in row {
                        self.characters += count(plain_text(cell));
                    }
                }
            }
            Block::List(list) => {
                for item in &list.items {
                    item.blocks.iter().for_each(|block| self.add(block));
                }
            }
            Block::Quote(blocks) => blocks.iter().for_each(|block| self.add(block)),
            Block::Rule => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::{CourseSource, load_course, parse_lesson};

    #[test]
    fn budgets_add_up_to_the_lesson_and_follow_its_load() {
        let course = load_course(&CourseSource::Embedded).unwrap();
        let lesson = &course.lessons[0];
        let budgets = section_budgets(lesson);
        assert_eq!(budgets.len(), lesson.sections.len());
        assert_eq!(budgets.iter().sum::<u64>(), 40 * 60_000);
        let budget_of = |title: &str| {
            budgets[lesson
                .sections
                .iter()
                .position(|section| section.title == title)
                .unwrap()]
        };
        // The Gateway API section (long manifests, a diagram) weighs far more than the
        // one-line lead-in of "Service タイプ".
        assert!(budget_of("Gateway API(次世代 Ingress)") > 4 * budget_of("Service タイプ"));
    }

    #[test]
    fn code_counts_by_lines_and_text_by_characters() {
        let text = "---\nid: t\ntitle: T\nminutes: 10\n---\n# A\n\n```yaml\na: 1\nb: 2\nc: 3\nd: 4\ne: 5\n```\n\n# B\n\n本文です。\n";
        let lesson = parse_lesson(text, "t.md").unwrap();
        let budgets = section_budgets(&lesson);
        assert_eq!(budgets.iter().sum::<u64>(), 600_000);
        assert!(budgets[0] > budgets[1], "{budgets:?}");
    }
}
