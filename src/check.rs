//! `manabi check`: every problem of a course at once, as `file:line:col: message`, and
//! the author's hints (speaker notes, manifests). Above `course`, `quiz`, `diagram` and
//! `cluster`: the only module that asks all of them about one lesson.

mod manifest_hints;

use crate::course::{
    Block, COURSE_FILE, CourseSource, LessonBody, LessonEntry, Problem, code_block_problems,
    id_mismatch, lesson_path, missing_lesson, parse_body, parse_front_matter, read_index,
    split_front_matter, unknown_next, visit_code_blocks,
};
use crate::course::{ChecklistItem, Section};
use crate::diagram::parse_flowchart;
use crate::quiz::{example_problems, parse_quiz_reporting, quiz_path, validate_quiz};

pub use manifest_hints::manifest_hints;

/// Lints the whole course; an empty list means it is fine.
#[must_use]
pub fn check_course(source: &CourseSource) -> Vec<Problem> {
    match read_index(source) {
        Ok(index) => {
            let ids: Vec<String> = index.lessons.iter().map(|entry| entry.id.clone()).collect();
            index
                .lessons
                .iter()
                .flat_map(|entry| lesson_problems(source, entry, &ids))
                .collect()
        }
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
                    source.display_path(COURSE_FILE)
                ),
            )
        })
        .collect()
}

/// A lesson's problems: front matter and body are checked even when the other is broken.
fn lesson_problems(source: &CourseSource, entry: &LessonEntry, ids: &[String]) -> Vec<Problem> {
    if let Some(problem) = missing_lesson(source, entry) {
        return vec![problem];
    }
    let (file, text) = match lesson_text(source, entry) {
        Ok(read) => read,
        Err(problem) => return vec![problem],
    };
    let lesson = match split_front_matter(&text, &file) {
        Ok(lesson) => lesson,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    match parse_front_matter(lesson.front_matter, &file) {
        Ok(meta) => {
            problems.extend(id_mismatch(&meta.id, &entry.id, &text, &file));
            if let Some(next) = &meta.next {
                problems.extend(unknown_next(next, (&meta.id, ids), &text, &file));
            }
        }
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
fn readable_bodies(source: &CourseSource) -> Vec<(String, String, LessonBody)> {
    let Ok(index) = read_index(source) else {
        return Vec::new();
    };
    index
        .lessons
        .iter()
        .filter_map(|entry| {
            let (file, text) = lesson_text(source, entry).ok()?;
            let lesson = split_front_matter(&text, &file).ok()?;
            let body = parse_body(lesson.body, lesson.body_line);
            Some((file, text.clone(), body))
        })
        .collect()
}

/// A listed lesson's file name for messages, and its text.
fn lesson_text(source: &CourseSource, entry: &LessonEntry) -> Result<(String, String), Problem> {
    let path = lesson_path(&entry.id);
    let text = source.read(&path)?;
    Ok((source.display_path(&path), text))
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

/// Every problem of the lesson's quiz file (none when it has none).
fn quiz_problems(
    source: &CourseSource,
    id: &str,
    sections: &[Section],
    checklist: &[ChecklistItem],
) -> Vec<Problem> {
    let path = quiz_path(id);
    if !source.has_file(&path) {
        return Vec::new();
    }
    let file = source.display_path(&path);
    let text = match source.read(&path) {
        Ok(text) => text,
        Err(problem) => return vec![problem],
    };
    let parsed = parse_quiz_reporting(&text);
    let mut errors = parsed.problems;
    if let Some(quiz) = parsed.quiz {
        errors.extend(validate_quiz(
            &quiz,
            sections,
            checklist,
            &parsed.broken_items,
        ));
        errors.extend(example_problems(&quiz));
    }
    errors.sort_by_key(|error| (error.line, error.column));
    errors
        .into_iter()
        .map(|error| {
            // A problem about a key: the column where the key starts on its line.
            let column = match (error.column, text.lines().nth(error.line.wrapping_sub(1))) {
                (0, Some(line)) => {
                    let start = line.len() - line.trim_start().len();
                    let start = if line[start..].starts_with("- ") {
                        start + 2
                    } else {
                        start
                    };
                    line[..start].chars().count() + 1
                }
                (column, _) => column,
            };
            Problem::at(&file, error.line, column, error.message)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::parse_lesson;

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
    fn embedded_course_passes() {
        assert_eq!(check_course(&CourseSource::Embedded), Vec::<Problem>::new());
    }
}
