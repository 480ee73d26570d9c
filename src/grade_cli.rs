//! `manabi grade`: a manifest answer from files, graded as the reader grades it, for
//! course authors and scripts.

use std::io::{self, Read};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};

use manabi::course::{CourseSource, load_course};
use manabi::quiz::{Kind, LessonQuiz, Response, grade as grade_answer, load_quiz};
use manabi::strings::Lang;

/// Exit code of a wrong answer; an answer that cannot be graded exits 2 like other bad
/// input.
const EXIT_WRONG: u8 = 1;

pub fn grade(
    source: &CourseSource,
    lang: Lang,
    question_id: &str,
    files: &[PathBuf],
    lesson_id: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let course = load_course(source).context("cannot load the course")?;
    let lesson = course.lesson_or_first(lesson_id)?;
    let quiz = match load_quiz(source, lesson) {
        LessonQuiz::Ready(quiz) => quiz,
        LessonQuiz::Absent => bail!("lesson `{}` has no quiz", lesson.meta.id),
        LessonQuiz::Unavailable(reason) => {
            bail!("the quiz of `{}` cannot be read: {reason}", lesson.meta.id)
        }
    };
    let manifests: Vec<&str> = quiz
        .questions
        .iter()
        .filter(|question| matches!(question.kind, Kind::Manifest(_)))
        .map(|question| question.id.as_str())
        .collect();
    let Some(question) = quiz
        .questions
        .iter()
        .find(|question| question.id == question_id)
    else {
        bail!(
            "lesson `{}` has no question `{question_id}`; its manifest questions: {}",
            lesson.meta.id,
            manifests.join(", ")
        );
    };
    if !manifests.contains(&question_id) {
        bail!(
            "`{question_id}` is not a manifest question; those are: {}",
            manifests.join(", ")
        );
    }
    let answer = read_answer(files)?;
    let texts = lang.texts().quiz;
    let verdict = match grade_answer(question, &Response::Manifest(answer)) {
        Ok(verdict) => verdict,
        Err(error) => bail!("{}", texts.answer_error(&error)),
    };
    if verdict.right {
        println!("{}", texts.right);
        return Ok(ExitCode::SUCCESS);
    }
    println!("{}", texts.wrong);
    for failure in &verdict.failures {
        println!("- {}", texts.failure(failure));
    }
    if let Some(section) = &question.section {
        println!("{}", texts.review_section(section));
    }
    Ok(ExitCode::from(EXIT_WRONG))
}

/// The files as one answer, separated as YAML documents.
fn read_answer(files: &[PathBuf]) -> anyhow::Result<String> {
    let mut parts = Vec::with_capacity(files.len());
    for file in files {
        let bytes = if file.as_os_str() == "-" {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .context("cannot read standard input")?;
            bytes
        } else {
            std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))?
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{} is not text (not UTF-8)", file.display()))?;
        parts.push(text);
    }
    Ok(parts.join("\n---\n"))
}
