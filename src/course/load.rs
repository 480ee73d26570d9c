//! Loads a course: `course.yaml`, then each lesson folder it lists, in order.

use std::collections::HashMap;

use super::code_blocks::code_block_problems;
use super::inert::make_inert;
use super::schema::{COURSE_KEYS, CourseFile, parse_strict};
use super::{BrokenLesson, Course, CourseError, CourseSource, Lesson, Problem, parse_lesson};

/// The course index file at the course root.
pub const COURSE_FILE: &str = "course.yaml";

/// Loads and validates the course. A lesson that cannot be loaded is set aside with its
/// first problem and the others are loaded; the course fails only when `course.yaml`
/// is broken or no lesson loads.
pub fn load_course(source: &CourseSource) -> Result<Course, CourseError> {
    load_with(source, load_checked)
}

/// The course as a home screen needs it: every lesson parsed, its code blocks not yet
/// checked (that waits for the lesson to be opened, as the reader's first frame does).
pub fn load_course_outline(source: &CourseSource) -> Result<Course, CourseError> {
    load_with(source, load_lesson_text)
}

fn load_with(
    source: &CourseSource,
    load: fn(&CourseSource, &LessonEntry) -> Result<Lesson, Problem>,
) -> Result<Course, CourseError> {
    let index = read_index(source).map_err(first_problem)?;
    let mut lessons = Vec::with_capacity(index.lessons.len());
    let mut broken = Vec::new();
    for entry in &index.lessons {
        match load(source, entry) {
            Ok(lesson) => lessons.push(lesson),
            Err(problem) => broken.push(BrokenLesson {
                id: entry.id.clone(),
                problem,
            }),
        }
    }
    if lessons.is_empty() && !broken.is_empty() {
        return Err(broken.swap_remove(0).problem.into());
    }
    Ok(Course {
        title: index.title,
        lessons,
        broken,
    })
}

/// A lesson, its code blocks checked.
fn load_checked(source: &CourseSource, entry: &LessonEntry) -> Result<Lesson, Problem> {
    let lesson = load_lesson_text(source, entry)?;
    let file = source.lesson_display_path(&entry.id);
    match code_block_problems(&lesson.blocks, &file)
        .into_iter()
        .next()
    {
        Some(problem) => Err(problem),
        None => Ok(lesson),
    }
}

fn first_problem(problems: Vec<Problem>) -> CourseError {
    problems.into_iter().next().map_or_else(
        || CourseError::unknown_lesson("", &[]),
        CourseError::Invalid,
    )
}

/// What the reader opens: one lesson, its file's name for messages, and the lessons
/// before it that could not be loaded (so the reader can say why it skipped them).
pub struct ReadingLesson {
    pub lesson: Lesson,
    pub file: String,
    pub skipped: Vec<BrokenLesson>,
}

/// Just what the reader needs before its first frame: the lesson `id`, or with no id
/// the first lesson that loads.
pub fn load_lesson_for_reading(
    source: &CourseSource,
    id: Option<&str>,
) -> Result<ReadingLesson, CourseError> {
    let index = read_index(source).map_err(first_problem)?;
    if let Some(id) = id {
        let Some(entry) = index.lessons.iter().find(|entry| entry.id == id) else {
            let ids: Vec<&str> = index
                .lessons
                .iter()
                .map(|entry| entry.id.as_str())
                .collect();
            return Err(CourseError::unknown_lesson(id, &ids));
        };
        return Ok(ReadingLesson {
            lesson: load_lesson_text(source, entry)?,
            file: source.lesson_display_path(&entry.id),
            skipped: Vec::new(),
        });
    }
    let mut skipped = Vec::new();
    for entry in &index.lessons {
        match load_lesson_text(source, entry) {
            Ok(lesson) => {
                return Ok(ReadingLesson {
                    lesson,
                    file: source.lesson_display_path(&entry.id),
                    skipped,
                });
            }
            Err(problem) => skipped.push(BrokenLesson {
                id: entry.id.clone(),
                problem,
            }),
        }
    }
    Err(first_problem(
        skipped.into_iter().map(|broken| broken.problem).collect(),
    ))
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

/// Reads and parses one lesson folder's `lesson.md`; the lesson's `id` must be the folder
/// name.
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
#[must_use]
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
#[must_use]
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

/// A `next:` naming no lesson of the course (`ids`, as `course.yaml` lists them).
#[must_use]
pub fn unknown_next(
    next: &str,
    (own, ids): (&str, &[String]),
    text: &str,
    file: &str,
) -> Option<Problem> {
    if next == own {
        return Some(Problem::at(
            file,
            line_of_key(text, "next"),
            1,
            format!("`next: {next}` names this lesson itself; name the lesson to offer after it"),
        ));
    }
    (!ids.iter().any(|id| id == next)).then(|| {
        Problem::at(
            file,
            line_of_key(text, "next"),
            1,
            format!(
                "`next: {next}` names no lesson of this course; it must be one of: {}",
                ids.join(", ")
            ),
        )
    })
}

/// The lesson file's path inside the course.
#[must_use]
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
    fn the_next_lesson_is_the_one_named_else_the_one_listed_after() {
        let fixtures =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses");
        let named = load_course(&CourseSource::Directory(fixtures.join("bad-next"))).unwrap();
        let next =
            |course: &Course, id: &str| course.next_after(id).map(|lesson| lesson.meta.id.clone());
        // `intro` names a lesson the course lacks: the one after it in course.yaml.
        assert_eq!(next(&named, "intro").as_deref(), Some("second"));
        // `second` names `intro`, before it.
        assert_eq!(next(&named, "second").as_deref(), Some("intro"));
        let listed = load_course(&CourseSource::Directory(fixtures.join("good"))).unwrap();
        assert_eq!(next(&listed, "intro").as_deref(), Some("second"));
        assert_eq!(next(&listed, "second"), None);
        assert_eq!(next(&listed, "ghost"), None);
    }

    #[test]
    fn a_repeated_entry_is_found_at_its_second_line() {
        let text = "lessons:\n  - a\n  - b\n  - a\n";
        assert_eq!(line_of_list_entry(text, "a", 0), 2);
        assert_eq!(line_of_list_entry(text, "a", 1), 4);
    }
}
