//! `manabi doctor` at the binary's edge: it gathers what the checks need (the
//! environment, the terminal's answers, the store, the course, the class server) and
//! prints the report. Every probe has a timeout, so it never hangs.

use std::io::{self, IsTerminal};
use std::net::{SocketAddr, TcpStream};
use std::process::ExitCode;
use std::time::Duration;

use crate::cli::{Cli, ColorChoice};
use crate::{color_depth, lang, progress_cli, source};
use manabi::app::{MIN_HEIGHT, MIN_WIDTH};
use manabi::check::check_course;
use manabi::course::CourseSource;
use manabi::doctor::{self, Check, ColourEnvironment, Report, StoreFound};
use manabi::progress::{Access, ProgressStore};
use manabi::strings::doctor::DoctorTexts;

/// How long the terminal has to answer the doctor's questions.
const TERMINAL_WAIT: Duration = Duration::from_millis(300);
/// How long the class server has to take a connection.
const CLASS_WAIT: Duration = Duration::from_secs(2);

/// Runs the checks; exit 0 when nothing must be fixed, 1 otherwise.
pub fn doctor(cli: &Cli, json: bool, class: Option<SocketAddr>) -> anyhow::Result<ExitCode> {
    let texts = lang(cli).texts().doctor;
    let mut checks = terminal_checks(cli, texts);
    let variable = |name: &str| std::env::var(name).ok();
    let locale = [
        ("LC_ALL", variable("LC_ALL")),
        ("LC_CTYPE", variable("LC_CTYPE")),
        ("LANG", variable("LANG")),
    ];
    let locale: Vec<(&str, Option<&str>)> = locale
        .iter()
        .map(|(name, value)| (*name, value.as_deref()))
        .collect();
    // Elsewhere (Windows) the console is not configured by a locale.
    if cfg!(unix) {
        checks.push(doctor::locale(&locale, texts));
    } else {
        checks.push(doctor::skipped(
            "locale",
            texts.locale,
            texts.not_asked_here,
            texts,
        ));
    }
    checks.push(store_check(cli, texts));
    checks.push(course_check(cli, texts));
    if let Some(address) = class {
        let reached = TcpStream::connect_timeout(&address, CLASS_WAIT)
            .map(drop)
            .map_err(|error| error.to_string());
        checks.push(doctor::class(&address.to_string(), reached, texts));
    }
    let report = Report::new(checks);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        let ascii = cli.ascii || !io::stdout().is_terminal();
        print!("{}", report.text(texts, ascii));
    }
    Ok(if report.ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// The terminal's size, colours and answers; skipped, and said so, when the output or
/// the input is not a terminal (a script, a pipe), or on a system whose terminal is not
/// asked.
fn terminal_checks(cli: &Cli, texts: &DoctorTexts) -> Vec<Check> {
    let environment = ColourEnvironment {
        term: std::env::var("TERM").ok(),
        colorterm: std::env::var("COLORTERM").ok(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        never: cli.color == ColorChoice::Never,
    };
    // The colours the reader would use on a terminal, whatever this output is.
    let colour = doctor::colour(color_depth(cli.color, true), &environment, texts);
    let why_not = if !io::stdout().is_terminal() {
        Some(texts.not_a_terminal)
    } else if !io::stdin().is_terminal() {
        Some(texts.input_not_a_terminal)
    } else if !cfg!(unix) {
        Some(texts.not_asked_here)
    } else {
        None
    };
    if let Some(why) = why_not {
        let skipped = |id, title| doctor::skipped(id, title, why, texts);
        let mut checks = vec![skipped("size", texts.size), colour];
        for (id, title) in [
            ("answers", texts.answers),
            ("background", texts.background),
            ("ambiguous", texts.ambiguous),
            ("japanese", texts.japanese),
        ] {
            checks.push(skipped(id, title));
        }
        return checks;
    }
    let size = crossterm::terminal::size().unwrap_or((0, 0));
    let mut checks = vec![doctor::size(size, (MIN_WIDTH, MIN_HEIGHT), texts), colour];
    let answers = manabi::terminal::ask_for_doctor(TERMINAL_WAIT).unwrap_or_default();
    let waited = u64::try_from(TERMINAL_WAIT.as_millis()).unwrap_or(u64::MAX);
    checks.extend(doctor::terminal(&answers, waited, texts));
    checks
}

/// Whether the store opens for writing, and what it holds.
fn store_check(cli: &Cli, texts: &DoctorTexts) -> Check {
    let folder = match progress_cli::data_dir(cli) {
        Ok(folder) => folder,
        Err(error) => return doctor::store("-", &StoreFound::Failed(error.to_string()), texts),
    };
    let shown = folder.display().to_string();
    let session = lang(cli).texts().session;
    let found = match ProgressStore::open(&folder, &progress_cli::profile_name(cli)) {
        Ok(store) => match (&store.access, store.check_writing()) {
            (Access::ReadOnly(why), _) => StoreFound::ReadOnly(why.clone()),
            (Access::ReadWrite, Err(error)) => StoreFound::Failed(error.to_string()),
            (Access::ReadWrite, Ok(())) => StoreFound::Writable {
                bytes: std::fs::metadata(store.path()).map_or(0, |file| file.len()),
                schema: store.schema(),
                profiles: store.profiles().map_or(0, |profiles| profiles.len()),
                // What opening it did (a broken file moved aside, say) is said too.
                notices: store
                    .notices
                    .iter()
                    .map(|notice| session.store_notice(notice))
                    .collect(),
            },
        },
        Err(error) => StoreFound::Failed(error.to_string()),
    };
    doctor::store(&shown, &found, texts)
}

/// The course against `manabi check`'s errors.
fn course_check(cli: &Cli, texts: &DoctorTexts) -> Check {
    let source = source(cli);
    let name = match &source {
        CourseSource::Embedded => "built-in".to_owned(),
        CourseSource::Directory(folder) => folder.display().to_string(),
    };
    let lessons = manabi::course::read_index(&source).map_or(0, |index| index.lessons.len());
    doctor::course(&name, lessons, check_course(&source).len(), texts)
}
