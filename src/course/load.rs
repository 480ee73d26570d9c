//! Loads a course: `course.yaml`, then each lesson folder it lists, in order.

use std::collections::HashMap;

use super::check::code_block_problems;
use super::inert::make_inert;
use super::quiz_file::load_quiz;
use super::schema::{COURSE_KEYS, CourseFile, parse_strict};
use super::{Course, CourseError, CourseSource, Lesson, Problem, parse_lesson};

/// The course index file at the course root.
pub const COURSE_FILE: &str = "course.yaml";

/// Loads and validates the whole course; the first problem found is the error.
pub fn load_course(source: &CourseSource) -> Result<Course, CourseError> {
    let index = read_index(source).map_err(first_problem)?;
    let mut lessons = Vec::with_capacity(index.lessons.len());
    for entry in &index.lessons {
        let lesson = load_lesson(source, entry)?;
        let file = source.lesson_display_path(&entry.id);
        if let Some(problem) = code_block_problems(&lesson.blocks, &file)
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

fn first_problem(problems: Vec<Problem>) -> CourseError {
    problems.into_iter().next().map_or_else(
        || CourseError::UnknownLesson {
            id: String::new(),
            known: String::new(),
        },
        CourseError::Invalid,
    )
}

/// Just what the reader needs before its first frame: one lesson (the first when no id
/// is given), with the lesson file's name for messages.
pub fn load_lesson_for_reading(
    source: &CourseSource,
    id: Option<&str>,
) -> Result<(Lesson, String), CourseError> {
    let index = read_index(source).map_err(first_problem)?;
    let entry = match id {
        Some(id) => index.lessons.iter().find(|entry| entry.id == id),
        None => index.lessons.first(),
    };
    let Some(entry) = entry else {
        return Err(CourseError::UnknownLesson {
            id: id.unwrap_or_default().to_owned(),
            known: index
                .lessons
                .iter()
                .map(|entry| entry.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        });
    };
    // The quiz waits: the first frame does not need it (see `load_quiz`).
    let lesson = load_lesson_text(source, entry)?;
    Ok((lesson, source.lesson_display_path(&entry.id)))
}

/// `course.yaml`, validated.
pub struct CourseIndex {
    pub title: String,
    pub lessons: Vec<LessonEntry>,
}

/// A lesson listed in `course.yaml`.
pub struct LessonEntry {
    pub id: String,
    /// Where `course.yaml` lists it, for messages about the lesson as a whole.
    pub line: usize,
}

/// Reads and validates `course.yaml`: lesson ids are plain folder names, listed once.
/// Every problem found is returned.
pub fn read_index(source: &CourseSource) -> Result<CourseIndex, Vec<Problem>> {
    let file = source.display_path(COURSE_FILE);
    let text = source.read(COURSE_FILE).map_err(|problem| vec![problem])?;
    let index: CourseFile =
        parse_strict(&text, &file, 1, COURSE_KEYS).map_err(|problem| vec![problem])?;
    if index.lessons.is_empty() {
        let line = line_of_key(&text, "lessons");
        return Err(vec![Problem::at(
            &file,
            line,
            1,
            "`lessons` lists no lesson",
        )]);
    }
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut lessons = Vec::with_capacity(index.lessons.len());
    for id in &index.lessons {
        let occurrence = seen.entry(id.as_str()).or_insert(0);
        let line = line_of_list_entry(&text, id, *occurrence);
        *occurrence += 1;
        if let Some(reason) = invalid_lesson_id(id) {
            problems.push(Problem::at(
                &file,
                line,
                1,
                format!("lesson `{id}` {reason}"),
            ));
        } else if *occurrence > 1 {
            problems.push(Problem::at(
                &file,
                line,
                1,
                format!("lesson `{id}` is listed twice"),
            ));
        }
        lessons.push(LessonEntry {
            id: id.clone(),
            line,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(CourseIndex {
        title: make_inert(&index.title).into_owned(),
        lessons,
    })
}

/// Reads and parses one lesson folder's `lesson.md` and its quiz; the lesson's `id`
/// must be the folder name.
pub fn load_lesson(source: &CourseSource, entry: &LessonEntry) -> Result<Lesson, Problem> {
    let mut lesson = load_lesson_text(source, entry)?;
    lesson.quiz = load_quiz(source, &entry.id, &lesson);
    Ok(lesson)
}

/// `lesson.md` alone, its quiz not read.
fn load_lesson_text(source: &CourseSource, entry: &LessonEntry) -> Result<Lesson, Problem> {
    if let Some(problem) = missing_lesson(source, entry) {
        return Err(problem);
    }
    let path = lesson_path(&entry.id);
    let file = source.display_path(&path);
    let text = source.read(&path)?;
    let lesson = parse_lesson(&text, &file)?;
    match id_mismatch(&lesson.meta.id, &entry.id, &text, &file) {
        Some(problem) => Err(problem),
        None => Ok(lesson),
    }
}

/// A lesson folder without `lesson.md`, reported where `course.yaml` lists it.
pub fn missing_lesson(source: &CourseSource, entry: &LessonEntry) -> Option<Problem> {
    (!source.has_file(&lesson_path(&entry.id))).then(|| {
        Problem::at(
            &source.display_path(COURSE_FILE),
            entry.line,
            1,
            format!(
                "lesson `{}` has no lesson file: {} is missing",
                entry.id,
                source.lesson_display_path(&entry.id)
            ),
        )
    })
}

/// The front matter's `id` must name the lesson's folder.
pub fn id_mismatch(id: &str, folder: &str, text: &str, file: &str) -> Option<Problem> {
    (id != folder).then(|| {
        Problem::at(
            file,
            line_of_key(text, "id"),
            1,
            format!("`id: {id}` differs from the lesson folder name `{folder}`"),
        )
    })
}

/// The lesson file's path inside the course.
pub fn lesson_path(id: &str) -> String {
    format!("{id}/lesson.md")
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

/// The line of the `occurrence`-th (0-based) `- entry` item; 1 when not found (a flow list).
fn line_of_list_entry(text: &str, entry: &str, occurrence: usize) -> usize {
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.trim_start()
                .strip_prefix('-')
                .is_some_and(|value| value.trim().trim_matches(['"', '\'']) == entry)
        })
        .nth(occurrence)
        .map_or(1, |(index, _)| index + 1)
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

    #[test]
    fn a_repeated_entry_is_found_at_its_second_line() {
        let text = "lessons:\n  - a\n  - b\n  - a\n";
        assert_eq!(line_of_list_entry(text, "a", 0), 2);
        assert_eq!(line_of_list_entry(text, "a", 1), 4);
    }
}
