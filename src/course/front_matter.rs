//! A lesson's front matter: split from the body and validated through the strict schema.

use super::inert::make_inert;
use super::schema::{FRONT_MATTER_KEYS, FrontMatter, parse_strict};
use super::{LessonMeta, Problem};

/// A lesson file cut in two.
pub struct SplitLesson<'t> {
    pub front_matter: &'t str,
    pub body: &'t str,
    /// The body's first line in the file.
    pub body_line: usize,
}

/// Splits `---` front matter from the body (a leading byte-order mark is skipped).
pub fn split_front_matter<'t>(text: &'t str, file: &str) -> Result<SplitLesson<'t>, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return Err(Problem::at(
            file,
            1,
            1,
            "a lesson must start with front matter: a `---` line, `id:`, `title:`, `minutes:`, and a closing `---`",
        ));
    }
    let mut offset = text.find('\n').map_or(text.len(), |end| end + 1);
    let front_start = offset;
    for (index, line) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            let body_start = offset + line.len();
            return Ok(SplitLesson {
                front_matter: &text[front_start..offset],
                body: &text[body_start..],
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(Problem::at(
        file,
        1,
        1,
        "the front matter has no closing `---` line",
    ))
}

/// Parses and validates front matter; `text` starts on line 2 of the lesson file.
pub fn parse_front_matter(text: &str, file: &str) -> Result<LessonMeta, Problem> {
    let front: FrontMatter = parse_strict(text, file, 2, FRONT_MATTER_KEYS)?;
    let line_of = |key: &str| {
        text.lines()
            .position(|line| line.starts_with(&format!("{key}:")))
            .map_or(2, |index| index + 2)
    };
    if front.id.trim().is_empty() {
        return Err(Problem::at(
            file,
            line_of("id"),
            1,
            "`id` must not be empty",
        ));
    }
    if front.title.trim().is_empty() {
        return Err(Problem::at(
            file,
            line_of("title"),
            1,
            "`title` must not be empty",
        ));
    }
    if front.minutes == 0 {
        return Err(Problem::at(
            file,
            line_of("minutes"),
            1,
            "`minutes` is the estimated study time and must be at least 1",
        ));
    }
    Ok(LessonMeta {
        id: front.id,
        title: make_inert(&front.title).into_owned(),
        minutes: front.minutes,
        next: front.next.map(|next| make_inert(&next).into_owned()),
    })
}
