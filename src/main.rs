//! The `manabi` binary: parses arguments, runs one command, reports errors and sets the
//! exit code. The only place that uses `anyhow` and touches the process environment.

mod class_cli;
mod cli;
mod course_cli;
mod doctor_cli;
mod error_text;
mod grade_cli;
mod progress_cli;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use cli::{AmbiguousWidth, Cli, ColorChoice, Command, LangChoice, ThemeChoice};
use manabi::app::App;
use manabi::check::diagram_problems;
use manabi::course::{CourseSource, code_block_problems, load_course, load_lesson_for_reading};
use manabi::layout::glyphs::{ASCII, Glyphs, UNICODE};
use manabi::palette::ColorDepth;
use manabi::present::Channel;
use manabi::present::{NotesWindow, Presenter, Talk};
use manabi::progress::{Access, ProgressStore};
use manabi::quiz::{LessonQuiz, load_quiz};
use manabi::strings::Lang;
use manabi::terminal::{
    ClassSide, Library, Recording, RunOptions, follow_notes, present as present_slides, run,
    termination_requested,
};
use manabi::theme::{Theme, ThemeKind};

/// Exit code of `render` (and the default command) when the course cannot be shown.
const EXIT_BAD_INPUT: u8 = 2;
/// Exit code of `check` when it found problems.
const EXIT_PROBLEMS: u8 = 1;
/// Width used when stdout is not a terminal.
const DEFAULT_WIDTH: u16 = 80;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Ok(text) = std::env::var("MANABI_NOW") {
        let Some(at) = parse_now(&text) else {
            eprintln!(
                "manabi: MANABI_NOW: `{text}` is not a time (RFC 3339, such as 2027-01-10T09:00:00Z, or milliseconds since 1970)"
            );
            return ExitCode::from(EXIT_BAD_INPUT);
        };
        manabi::progress::set_now(at);
        // Said every time: a day set by hand moves schedules, and is not forgotten.
        eprintln!("manabi: MANABI_NOW: taking {text} as now");
    }
    let result = match &cli.command {
        Some(Command::Check { dir, notes }) => course_cli::check(
            &dir.clone()
                .map_or_else(|| source(&cli), CourseSource::Directory),
            *notes,
        ),
        Some(Command::Present {
            lesson,
            notes,
            channel,
            restart,
            class,
            listen,
        }) => present(
            &cli,
            lesson.as_deref(),
            (*notes, channel.as_deref(), *restart),
            (*class, *listen),
        ),
        Some(Command::Join { code, host }) => join(&cli, code.as_deref(), *host),
        Some(Command::Doctor { json, class }) => doctor_cli::doctor(&cli, *json, *class),
        Some(Command::Completions { shell }) => completions(*shell),
        Some(Command::Man) => manual(),
        Some(Command::Render { lesson, width }) => {
            course_cli::render(&cli, lesson.as_deref(), *width)
        }
        Some(Command::List) => course_cli::list(&cli),
        Some(Command::Open { lesson }) => read(&cli, Start::Lesson(lesson), None),
        Some(Command::Review { lesson, on, off }) => match (on, off) {
            (true, _) | (_, true) => progress_cli::set_reviews(&cli, *on),
            _ => read(&cli, Start::Review(lesson.as_deref()), None),
        },
        Some(Command::Grade {
            question,
            files,
            lesson,
        }) => grade_cli::grade(
            &source(&cli),
            lang(&cli),
            question,
            files,
            lesson.as_deref(),
        ),
        Some(Command::Profiles) => progress_cli::profiles(&cli),
        Some(Command::Progress { json }) => progress_cli::progress(&cli, *json),
        Some(Command::Export { format, output }) => {
            progress_cli::export(&cli, *format, output.as_deref())
        }
        Some(Command::Import { file }) => progress_cli::import(&cli, file),
        Some(Command::Report { paths, format }) => {
            progress_cli::class_report(paths, *format, lang(&cli))
        }
        Some(Command::Reset { lesson, yes }) => progress_cli::reset(&cli, lesson.as_deref(), *yes),
        None => read(&cli, Start::Course, None),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // A closed pipe (`manabi render | head`) is not an error worth reporting.
            if error
                .downcast_ref::<io::Error>()
                .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!(
                "manabi: {}",
                error_text::error_text(error.as_ref(), lang(&cli))
            );
            ExitCode::from(EXIT_BAD_INPUT)
        }
    }
}

/// `manabi completions SHELL`: the completion script, generated from the argument
/// definitions when manabi was built (build.rs).
fn completions(shell: cli::Shell) -> anyhow::Result<ExitCode> {
    let packed: &[u8] = match shell {
        cli::Shell::Bash => include_bytes!(concat!(env!("OUT_DIR"), "/manabi.bash")),
        cli::Shell::Zsh => include_bytes!(concat!(env!("OUT_DIR"), "/_manabi")),
        cli::Shell::Fish => include_bytes!(concat!(env!("OUT_DIR"), "/manabi.fish")),
    };
    print_packed(packed)
}

/// `manabi man`: the manual page, generated from the argument definitions when manabi
/// was built.
fn manual() -> anyhow::Result<ExitCode> {
    print_packed(include_bytes!(concat!(env!("OUT_DIR"), "/manabi.1")))
}

/// Prints a file the build script deflated.
fn print_packed(packed: &[u8]) -> anyhow::Result<ExitCode> {
    let text = miniz_oxide::inflate::decompress_to_vec(packed)
        .map_err(|_| anyhow::anyhow!("this build of manabi is damaged; build it again"))?;
    io::Write::write_all(&mut io::stdout(), &text)?;
    Ok(ExitCode::SUCCESS)
}

/// `MANABI_NOW`: an RFC 3339 time (`2027-01-10T09:00:00Z`) or milliseconds since 1970;
/// a count too small for milliseconds of this century (seconds, say) is not taken.
fn parse_now(text: &str) -> Option<i64> {
    /// 2001-09-09 in milliseconds: a count of seconds stays far below it.
    const EARLIEST_MS: i64 = 1_000_000_000_000;
    /// The last millisecond of 9999: micro- and nanoseconds go far past it.
    const LATEST_MS: i64 = 253_402_300_799_999;
    let ms = match text.trim().parse::<i64>() {
        Ok(ms) => ms,
        Err(_) => chrono::DateTime::parse_from_rfc3339(text.trim())
            .ok()?
            .timestamp_millis(),
    };
    (EARLIEST_MS..=LATEST_MS).contains(&ms).then_some(ms)
}

pub(crate) fn source(cli: &Cli) -> CourseSource {
    cli.course
        .clone()
        .map_or(CourseSource::Embedded, CourseSource::Directory)
}

/// A course error for the learner: an unknown lesson id says so (with the one meant),
/// anything else is the course failing to load, and why.
fn course_error(error: manabi::course::CourseError, lang: Lang) -> anyhow::Error {
    match error {
        manabi::course::CourseError::UnknownLesson { .. } => anyhow::Error::new(error),
        other @ manabi::course::CourseError::Invalid(_) => {
            anyhow::Error::new(other).context(lang.texts().cannot_load)
        }
    }
}

/// What the reader opens on.
#[derive(Clone, Copy)]
enum Start<'a> {
    /// `manabi`: the home screen over the lesson studied last (a course of several
    /// lessons), else the lesson.
    Course,
    /// `manabi open LESSON`.
    Lesson(&'a str),
    /// `manabi review [LESSON]`: the questions due, of one lesson or all.
    Review(Option<&'a str>),
}

/// `manabi join`: the reader in a live class, on the class's lesson.
fn join(
    cli: &Cli,
    code: Option<&str>,
    host: Option<std::net::SocketAddr>,
) -> anyhow::Result<ExitCode> {
    if !io::stdout().is_terminal() {
        eprintln!("{}", lang(cli).texts().not_a_terminal);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let link = class_cli::join_link(cli, code, host)?;
    let (lesson, heard) = class_cli::first_contact(cli, &link)?;
    let start = lesson.as_deref().map_or(Start::Course, Start::Lesson);
    read(cli, start, Some((ClassSide::new(link), heard)))
}

/// The interactive reader; in a live class with the link and what it said first.
fn read(
    cli: &Cli,
    start: Start<'_>,
    class: Option<(ClassSide, Vec<manabi::class::LinkEvent>)>,
) -> anyhow::Result<ExitCode> {
    let lang = lang(cli);
    let source = source(cli);
    let ids: Vec<String> = manabi::course::read_index(&source)
        .map(|index| index.lessons.into_iter().map(|entry| entry.id).collect())
        .unwrap_or_default();
    let folder = progress_cli::data_dir(cli);
    let profile = progress_cli::profile_name(cli);
    let mut library = Library::new(source.clone());
    if let Ok(folder) = &folder {
        library.cache_in(folder);
    }
    let home = ids.len() > 1 && matches!(start, Start::Course) && class.is_none();
    if home {
        // The home screen's figures need every lesson and quiz: read beside the rest.
        library.preload(ids);
    }
    // The store first: the course opens on the lesson studied last.
    let store = folder.and_then(|folder| Ok(ProgressStore::open(&folder, &profile)?));
    let last = store
        .as_ref()
        .ok()
        .and_then(|store| store.last_studied().ok().flatten());
    let opened = reading_lesson(&source, start, last.as_deref(), lang)?;
    let file = opened.file;
    // Nothing due, or reviews off: said on the command line, no reader opened.
    let review = match start {
        Start::Review(lesson) => {
            match due_for_review(store.as_ref().ok(), &mut library, lesson, lang)? {
                Some(items) => Some(items),
                None => return Ok(ExitCode::SUCCESS),
            }
        }
        Start::Course | Start::Lesson(_) => None,
    };
    if !io::stdout().is_terminal() {
        eprintln!("{}", lang.texts().not_a_terminal);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let (theme, glyphs) = look(cli);
    let mut app = App::new(opened.lesson, theme, glyphs, lang.texts(), size);
    // Choice orders are per learner.
    app.set_profile(profile);
    let (recording, store_notices) = open_recording(store, &mut app, &mut library);
    if let Some(items) = review {
        app.start_review(items);
    } else if home {
        // Studied last before this run's sitting began (a newcomer has none).
        let store = recording.as_ref().map(Recording::store);
        if let Ok(home) = library.home(store, last.as_deref()) {
            app.set_due(home.due());
            app.show_home(home);
        }
    }
    if let Some(skipped) = opened.skipped.first() {
        app.notice = Some(
            lang.texts()
                .lesson_skipped_because(&skipped.id, &skipped.problem.to_string()),
        );
    }
    // Checked after the first frame: the check grows with the lesson, the frame must not.
    // The quiz is read then too: nothing on the first screen needs it.
    // Debug builds only, for the test that a panic gives the terminal back whole.
    #[cfg(debug_assertions)]
    let panic_on_purpose = std::env::var_os("MANABI_TEST_PANIC").is_some();
    let check_code_blocks = move |app: &mut App| {
        #[cfg(debug_assertions)]
        assert!(!panic_on_purpose, "a panic asked for by MANABI_TEST_PANIC");
        let quiz = load_quiz(&source, app.lesson());
        if let LessonQuiz::Unavailable(reason) = &quiz {
            app.notice = Some(app.texts().quiz.unavailable_because(reason));
        }
        app.set_quiz(quiz);
        let blocks = &app.lesson().blocks;
        let problems = code_block_problems(blocks, &file)
            .into_iter()
            .chain(diagram_problems(blocks, &file));
        if let Some(problem) = problems.into_iter().next() {
            app.notice = Some(problem.to_string());
        }
    };
    let options = RunOptions {
        depth: color_depth(cli.color, true),
        // The answers come on standard input: no terminal there, no questions.
        detect_theme: cli.theme == ThemeChoice::Auto && io::stdin().is_terminal(),
        detect_ambiguous: asks_ambiguous_width(cli),
        inside_tmux: std::env::var_os("TMUX").is_some(),
    };
    let class = class.map(|(side, heard)| {
        app.join_class();
        side.replay(heard);
        side
    });
    run(app, options, (recording, library, class), check_code_blocks)?;
    if let Some(signal) = termination_requested() {
        return Ok(ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)));
    }
    // What the store had to say (a file moved aside, not saving) stays in the shell too.
    for notice in store_notices {
        eprintln!("manabi: {notice}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The lesson the reader opens: the one asked for, else the one studied last (the
/// first that loads when that one is broken now or gone).
fn reading_lesson(
    source: &CourseSource,
    start: Start<'_>,
    last: Option<&str>,
    lang: Lang,
) -> anyhow::Result<manabi::course::ReadingLesson> {
    let asked = match start {
        Start::Lesson(id) | Start::Review(Some(id)) => Some(id),
        Start::Course | Start::Review(None) => None,
    };
    // A wrong lesson id is the first thing to hear about, terminal or not.
    let opened = match (asked, last) {
        (Some(id), _) => load_lesson_for_reading(source, Some(id)),
        (None, Some(last)) => load_lesson_for_reading(source, Some(last))
            .or_else(|_| load_lesson_for_reading(source, None)),
        (None, None) => load_lesson_for_reading(source, None),
    };
    opened.map_err(|error| match asked {
        // The lesson asked for is broken: say it is that lesson, not the course.
        Some(id) if matches!(error, manabi::course::CourseError::Invalid(_)) => {
            anyhow::anyhow!(lang.texts().lesson_skipped_because(id, &error.to_string()))
        }
        _ => course_error(error, lang),
    })
}

/// `manabi review`: the questions due (of `lesson`, or all), or `None` after saying
/// that there are none or that reviews are off.
fn due_for_review(
    store: Option<&ProgressStore>,
    library: &mut Library,
    lesson: Option<&str>,
    lang: Lang,
) -> anyhow::Result<Option<Vec<manabi::progress::ReviewItem>>> {
    let texts = lang.texts().course;
    let Some(store) = store else {
        println!("{}", texts.nothing_due);
        return Ok(None);
    };
    if !store.reviews_on()? {
        println!("{}", texts.reviews_off);
        return Ok(None);
    }
    let items = library.due(store, lesson).map_err(anyhow::Error::msg)?;
    if items.is_empty() {
        println!("{}", texts.nothing_due);
        return Ok(None);
    }
    Ok(Some(items))
}

/// The language of everything manabi says: `--lang`, else the locale.
pub(crate) fn lang(cli: &Cli) -> Lang {
    match cli.lang {
        Some(LangChoice::Ja) => Lang::Ja,
        Some(LangChoice::En) => Lang::En,
        None => {
            let variables = ["LC_ALL", "LC_MESSAGES", "LANG"].map(|name| std::env::var(name).ok());
            Lang::from_locale(&variables.iter().map(Option::as_deref).collect::<Vec<_>>())
        }
    }
}

/// Workshop mode: the presenting window (with `--class`, a live class), or (`--notes`)
/// the window that follows it.
fn present(
    cli: &Cli,
    lesson_id: Option<&str>,
    (notes, channel, restart): (bool, Option<&str>, bool),
    (class, listen): (bool, Option<std::net::SocketAddr>),
) -> anyhow::Result<ExitCode> {
    let lang = lang(cli);
    if !io::stdout().is_terminal() {
        eprintln!("{}", lang.texts().not_a_terminal);
        return Ok(ExitCode::from(EXIT_BAD_INPUT));
    }
    let course = load_course(&source(cli)).context(lang.texts().cannot_load)?;
    let lesson = course.lesson_or_first(lesson_id)?.clone();
    let channel = Channel::new(
        &progress_cli::data_dir(cli)?,
        channel.unwrap_or(&lesson.meta.id),
    );
    let size = crossterm::terminal::size().unwrap_or((80, 24));
    let (theme, glyphs) = look(cli);
    let depth = color_depth(cli.color, true);
    if notes {
        let talk = Talk::new(lesson, theme, glyphs, lang.texts());
        let window = NotesWindow::new(talk, size, &channel.name);
        follow_notes(
            window,
            depth,
            &channel,
            &class_cli::class_file(cli, &channel.name)?,
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    let pid = std::process::id();
    // A talk whose window died (a crash, a closed terminal) is taken up where it was.
    let interrupted = channel.read().filter(|_| !channel.held());
    let _hold = channel.claim()?;
    let now = u64::try_from(manabi::progress::now_ms()).unwrap_or(0);
    let mut presenter = Presenter::new(Talk::new(lesson, theme, glyphs, lang.texts()), size, now);
    if let Some(state) = interrupted.filter(|_| !restart) {
        presenter.offer_resume(state);
    }
    let class = match class.then_some(listen) {
        Some(listen) => {
            let questions = match load_quiz(&source(cli), &presenter.talk.lesson) {
                LessonQuiz::Ready(quiz) => quiz.questions,
                LessonQuiz::Absent | LessonQuiz::Unavailable(_) => Vec::new(),
            };
            let class = class_cli::start_class(
                cli,
                &presenter.talk.lesson,
                &questions,
                (&channel.name, restart, listen),
            )?;
            presenter.class = Some(class.live.clone());
            Some(class)
        }
        None => None,
    };
    present_slides(
        presenter,
        depth,
        &channel,
        pid,
        asks_ambiguous_width(cli),
        class.as_ref().map(|class| &class.server),
    )?;
    if let Some(class) = class {
        // Closed by a signal (a closed window): the class goes on when started again.
        if termination_requested().is_none() {
            let texts = lang.texts().class;
            match class_cli::finish_class(cli, &class, &channel.name)? {
                Some(folder) => println!("{}", texts.report_written(&folder.display().to_string())),
                None => println!("{}", texts.nobody_took_part),
            }
        }
        if let Some(reason) = &class.unannounced {
            eprintln!("manabi: {reason}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the progress store and picks up the learner's earlier sittings; without a
/// store the reader still runs, saying that progress is not saved. Also what the store
/// said about itself, for the shell after the reader.
/// A store that can only be read goes to `library`, for the home screen and reviews.
fn open_recording(
    store: anyhow::Result<ProgressStore>,
    app: &mut App,
    library: &mut Library,
) -> (Option<Recording>, Vec<String>) {
    let opened = store.and_then(|mut store| {
        let lesson = app.lesson().meta.id.clone();
        let state = store.lesson_state(&lesson)?;
        app.restore(&state);
        let notices = std::mem::take(&mut store.notices);
        let recording = match &store.access {
            Access::ReadWrite => {
                let sitting = store.start_sitting(&lesson)?;
                Some(Recording::new(store, &lesson, sitting, state.active_ms))
            }
            Access::ReadOnly(reason) => {
                app.session.not_saving = Some(reason.clone());
                library.keep_read_only(store);
                None
            }
        };
        Ok((recording, notices))
    });
    match opened {
        Ok((recording, notices)) => {
            app.notice = notices
                .first()
                .map(|notice| app.texts().session.store_notice(notice));
            let shell = notices
                .iter()
                .map(|notice| app.texts().session.store_notice(notice))
                .collect();
            (recording, shell)
        }
        Err(error) => {
            let reason = format!("{error:#}");
            app.notice = Some(app.texts().session.not_saving_because(&reason));
            app.session.not_saving = Some(reason.clone());
            (None, vec![app.texts().session.not_saving_because(&reason)])
        }
    }
}

/// The theme and the structural characters every command draws with: `--theme` (auto is
/// dark until the terminal answers), and ASCII for `--ascii` or a terminal that draws
/// box characters two columns wide (`--ambiguous wide`).
fn look(cli: &Cli) -> (Theme, &'static Glyphs) {
    let theme = Theme::new(match cli.theme {
        ThemeChoice::Light => ThemeKind::Light,
        ThemeChoice::Dark | ThemeChoice::Auto => ThemeKind::Dark,
    });
    let ascii = cli.ascii || cli.ambiguous == Some(AmbiguousWidth::Wide);
    (theme, if ascii { &ASCII } else { &UNICODE })
}

/// Whether to measure how the terminal draws ambiguous-width characters: only when
/// neither flag settled it and the answers can come back on standard input.
fn asks_ambiguous_width(cli: &Cli) -> bool {
    !cli.ascii && cli.ambiguous.is_none() && io::stdin().is_terminal()
}

/// The colours to write, from `--color`, `NO_COLOR`, `TERM` and `COLORTERM`.
pub(crate) fn color_depth(choice: ColorChoice, is_terminal: bool) -> ColorDepth {
    let forced = match choice {
        ColorChoice::Auto => None,
        ColorChoice::Always => Some(true),
        ColorChoice::Never => Some(false),
    };
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
    ColorDepth::for_output(
        forced,
        is_terminal,
        no_color,
        std::env::var("TERM").ok().as_deref(),
        std::env::var("COLORTERM").ok().as_deref(),
    )
}
