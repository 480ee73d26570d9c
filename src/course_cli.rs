//! The commands that read the course and print: `check` (every problem, then the
//! author's hints), `list` (the lessons) and `render` (a lesson as text).

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use anyhow::Context;

use crate::cli::Cli;
use crate::{DEFAULT_WIDTH, EXIT_PROBLEMS, color_depth, lang, look, source};
use manabi::ansi::write_lines;
use manabi::check::{
    check_course, diagram_problems, manifest_hints, notes_hints, unlisted_lessons,
};
use manabi::course::{CourseSource, load_course};
use manabi::layout::{LayoutOptions, lay_out};
use manabi::text::display_width;

pub fn check(source: &CourseSource, notes: bool) -> anyhow::Result<ExitCode> {
    let problems = check_course(source);
    let unlisted = unlisted_lessons(source);
    let manifests = manifest_hints(source);
    let notes_hints = if notes {
        notes_hints(source)
    } else {
        Vec::new()
    };
    let mut stdout = io::stdout().lock();
    for problem in problems
        .iter()
        .chain(&unlisted)
        .chain(&manifests)
        .chain(&notes_hints)
    {
        // A reader that stops early (`| head`) must not turn problems into success.
        if let Err(error) = writeln!(stdout, "{problem}") {
            if error.kind() == io::ErrorKind::BrokenPipe {
                break;
            }
            return Err(error.into());
        }
    }
    if !unlisted.is_empty() {
        eprintln!(
            "manabi check: {} lesson folder(s) not listed in course.yaml",
            unlisted.len()
        );
    }
    if !manifests.is_empty() {
        eprintln!(
            "manabi check: {} hint(s) on the lesson's manifests (worth a word in the notes)",
            manifests.len()
        );
    }
    if !notes_hints.is_empty() {
        eprintln!(
            "manabi check: {} section(s) without speaker notes",
            notes_hints.len()
        );
    }
    if problems.is_empty() {
        eprintln!("manabi check: no problems found");
        Ok(ExitCode::SUCCESS)
    } else {
        let plural = if problems.len() == 1 { "" } else { "s" };
        eprintln!("manabi check: {} problem{plural}", problems.len());
        Ok(ExitCode::from(EXIT_PROBLEMS))
    }
}

pub fn list(cli: &Cli) -> anyhow::Result<ExitCode> {
    let texts = lang(cli).texts();
    let course = load_course(&source(cli)).context(texts.cannot_load)?;
    let mut stdout = io::stdout().lock();
    writeln!(stdout, "{}", course.title)?;
    // Columns line up by display width: titles are Japanese.
    let ids = course
        .lessons
        .iter()
        .map(|lesson| lesson.meta.id.as_str())
        .chain(course.broken.iter().map(|broken| broken.id.as_str()));
    let id_width = ids.map(display_width).max().unwrap_or(0);
    let title_width = course
        .lessons
        .iter()
        .map(|lesson| display_width(&lesson.meta.title))
        .max()
        .unwrap_or(0);
    let pad = |text: &str, width: usize| {
        format!(
            "{text}{}",
            " ".repeat(width.saturating_sub(display_width(text)))
        )
    };
    for lesson in &course.lessons {
        writeln!(
            stdout,
            "  {}  {}  {:>3} min",
            pad(&lesson.meta.id, id_width),
            pad(&lesson.meta.title, title_width),
            lesson.meta.minutes
        )?;
    }
    for broken in &course.broken {
        let why = texts.lesson_skipped_because(&broken.id, &broken.problem.to_string());
        writeln!(stdout, "  {}  {why}", pad(&broken.id, id_width))?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn render(cli: &Cli, lesson_id: Option<&str>, width: Option<u16>) -> anyhow::Result<ExitCode> {
    let source = source(cli);
    let course = load_course(&source).context(lang(cli).texts().cannot_load)?;
    let lesson = course.lesson_or_first(lesson_id)?;
    for problem in diagram_problems(&lesson.blocks, &source.lesson_display_path(&lesson.meta.id)) {
        eprintln!("manabi: warning: {problem} (shown as its source)");
    }
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    // `manabi render | less -R` pipes stdout, but stderr still shows which terminal the
    // text will land in, so its width is the one to lay out for.
    let has_terminal = is_terminal || io::stderr().is_terminal();
    let width = width
        .or_else(|| {
            // Some ptys and serial consoles report zero columns: fall back to 80.
            has_terminal
                .then(|| crossterm::terminal::size().ok().map(|(columns, _)| columns))
                .flatten()
                .filter(|columns| *columns > 0)
        })
        .unwrap_or(DEFAULT_WIDTH);
    let (theme, glyphs) = look(cli);
    let options = LayoutOptions {
        width: usize::from(width),
        theme: &theme,
        glyphs,
        checklist: &[],
    };
    let laid_out = lay_out(lesson, &options);
    let depth = color_depth(cli.color, is_terminal);
    let mut out = io::BufWriter::new(stdout.lock());
    write_lines(
        &mut out,
        laid_out.lines.iter().map(|laid| &laid.line),
        usize::from(width),
        depth,
        glyphs.cut,
    )?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
