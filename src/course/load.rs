//! Loads a course: `course.yaml`, then each lesson folder it lists, in order.

use std::collections::HashSet;

use super::schema::{COURSE_KEYS, CourseFile, parse_strict};
use super::{Course, CourseError, CourseSource, Lesson, Problem, parse_lesson};

/// The course index file at the course root.
pub const COURSE_FILE: &str = "course.yaml";

/// Loads and validates the whole course; the first problem found is the error.
pub fn load_course(source: &CourseSource) -> Result<Course, CourseError> {
    let index = read_index(source)?;
    let mut lessons = Vec::with_capacity(index.lesson_ids.len());
    for id in &index.lesson_ids {
        let lesson = load_lesson(source, id)?;
        if let Some(problem) =
            super::check::code_block_problems(&lesson, &lesson_display(source, id))
                .into_iter()
                .next()
        {
            return Err(problem.into());
        }
        lessons.push(lesson);
    }
    Ok(Course {
        title: index.title,
        lessons,
    })
}

/// `course.yaml`, validated.
pub struct CourseIndex {
    pub title: String,
    pub lesson_ids: Vec<String>,
}

/// Reads and validates `course.yaml`: lesson ids are plain folder names, listed once.
pub fn read_index(source: &CourseSource) -> Result<CourseIndex, Problem> {
    let file = source.display_path(COURSE_FILE);
    let text = source.read(COURSE_FILE)?;
    let index: CourseFile = parse_strict(&text, &file, 1, COURSE_KEYS)?;
    if index.lessons.is_empty() {
        return Err(Problem::at(
            &file,
            line_of_key(&text, "lessons"),
            1,
            "`lessons` lists no lesson",
        ));
    }
    let mut seen = HashSet::new();
    for id in &index.lessons {
        let line = line_of_list_entry(&text, id);
        if let Some(reason) = invalid_lesson_id(id) {
            return Err(Problem::at(
                &file,
                line,
                1,
                format!("lesson `{id}` {reason}"),
            ));
        }
        if !seen.insert(id.as_str()) {
            return Err(Problem::at(
                &file,
                line,
                1,
                format!("lesson `{id}` is listed twice"),
            ));
        }
    }
    Ok(CourseIndex {
        title: super::inert::make_inert(&index.title).into_owned(),
        lesson_ids: index.lessons,
    })
}

/// Reads and parses one lesson folder's `lesson.md`; its `id` must be the folder name.
pub fn load_lesson(source: &CourseSource, id: &str) -> Result<Lesson, Problem> {
    let file = lesson_display(source, id);
    let text = source.read(&lesson_path(id))?;
    let lesson = parse_lesson(&text, &file)?;
    if lesson.meta.id != id {
        return Err(Problem::at(
            &file,
            line_of_key(&text, "id"),
            1,
            format!(
                "`id: {}` differs from the lesson folder name `{id}`",
                lesson.meta.id
            ),
        ));
    }
    Ok(lesson)
}

/// The lesson file's path inside the course.
pub fn lesson_path(id: &str) -> String {
    format!("{id}/lesson.md")
}

fn lesson_display(source: &CourseSource, id: &str) -> String {
    source.display_path(&lesson_path(id))
}

/// Why a lesson id cannot name a folder inside the course, if it cannot.
fn invalid_lesson_id(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        Some("has an empty name")
    } else if id.starts_with('.') {
        Some("must not start with `.` (a lesson folder cannot lead outside the course)")
    } else if !id
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        Some("must be a folder name of letters, digits, `-`, `_` or `.`, without `/`")
    } else {
        None
    }
}

fn line_of_key(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| line.trim_start().starts_with(&format!("{key}:")))
        .map_or(1, |index| index + 1)
}

fn line_of_list_entry(text: &str, entry: &str) -> usize {
    text.lines()
        .position(|line| {
            line.trim_start()
                .strip_prefix('-')
                .is_some_and(|value| value.trim().trim_matches(['"', '\'']) == entry)
        })
        .map_or(1, |index| index + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_course_loads() {
        let course = load_course(&CourseSource::Embedded).unwrap();
        assert_eq!(course.lessons[0].meta.id, "k8s-networking");
        assert_eq!(course.lessons[0].meta.minutes, 40);
    }

    #[test]
    fn lesson_ids_cannot_leave_the_course() {
        for id in ["..", "../x", "/etc", "a/b", ".hidden", ""] {
            assert!(invalid_lesson_id(id).is_some(), "{id:?} accepted");
        }
        for id in ["k8s-networking", "lesson_2", "v1.2"] {
            assert!(invalid_lesson_id(id).is_none(), "{id:?} refused");
        }
    }
}
