//! The progress commands of the binary (`profiles`, `progress`, `export`, `report`,
//! `reset`) and opening the store for the reader: files, prompts and output here, the
//! rest in the library's `progress` module.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use crate::cli::{Cli, ExportFormat, ReportFormat};
use crate::{lang, source};
use manabi::course::{Course, load_course};
use manabi::progress::{
    LearnerRecord, ProgressStore, class_report as report_of, default_data_dir, export_csv,
    learner_record, read_export, report_csv,
};
use manabi::quiz::CourseQuizzes;
use manabi::strings::fill;
use manabi::strings::progress::{ProgressTexts, texts};
use manabi::ui::progress_text::{profiles_text, progress_text, report_text};

/// The profile: `--profile`, else the OS user, else "learner".
pub fn profile_name(cli: &Cli) -> String {
    cli.profile
        .clone()
        .or_else(|| {
            ["USER", "USERNAME"]
                .iter()
                .find_map(|name| std::env::var(name).ok())
        })
        .map(|name| {
            name.trim()
                .chars()
                .filter(|c| !c.is_control())
                .collect::<String>()
        })
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "learner".to_owned())
}

/// The folder of the store: `--data-dir` / `MANABI_DATA_DIR`, else the platform's.
pub fn data_dir(cli: &Cli) -> anyhow::Result<PathBuf> {
    cli.data_dir
        .clone()
        .or_else(default_data_dir)
        .context("no folder for progress: give --data-dir or MANABI_DATA_DIR")
}

pub fn open_store(cli: &Cli) -> anyhow::Result<ProgressStore> {
    let store = ProgressStore::open(&data_dir(cli)?, &profile_name(cli))?;
    for notice in &store.notices {
        eprintln!("manabi: {}", lang(cli).texts().session.store_notice(notice));
    }
    Ok(store)
}

/// `import FILE`: a learner's export merged into this machine's store, for the
/// export's learner (or `--profile`).
pub fn import(cli: &Cli, path: &Path) -> anyhow::Result<ExitCode> {
    let texts = texts(lang(cli));
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .with_context(|| fill(texts.cannot_read, &[("file", &file)]))?;
    let record = read_export(&text).map_err(|why| anyhow::anyhow!("{file}: {why}"))?;
    let Some(log) = &record.log else {
        let why = if text.trim_start().starts_with('{') {
            record.format.clone()
        } else {
            "CSV".to_owned()
        };
        anyhow::bail!(fill(texts.import_no_log, &[("file", &file), ("why", &why)]));
    };
    let name = cli
        .profile
        .clone()
        .unwrap_or_else(|| record.profile.clone());
    let mut store = ProgressStore::open(&data_dir(cli)?, &name)?;
    for notice in &store.notices {
        eprintln!("manabi: {}", lang(cli).texts().session.store_notice(notice));
    }
    let imported = store.import(log)?;
    println!(
        "{}",
        fill(
            texts.imported,
            &[
                ("sittings", &imported.sittings.to_string()),
                ("events", &imported.events.to_string()),
                ("known", &imported.known.to_string()),
                ("name", &name),
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}

/// `review --on` / `--off`: this learner's spaced review.
pub fn set_reviews(cli: &Cli, on: bool) -> anyhow::Result<ExitCode> {
    let mut store = open_store(cli)?;
    store.set_reviews(on)?;
    let texts = texts(lang(cli));
    println!(
        "{}",
        if on {
            texts.reviews_on
        } else {
            texts.reviews_now_off
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn course(cli: &Cli) -> anyhow::Result<Course> {
    load_course(&source(cli)).context(lang(cli).texts().cannot_load)
}

/// The learner's record of every lesson of the course, with the lessons' quizzes.
fn record(cli: &Cli, store: &ProgressStore) -> anyhow::Result<LearnerRecord> {
    let course = course(cli)?;
    let quizzes = CourseQuizzes::load(&source(cli), &course);
    Ok(learner_record(
        &course,
        &quizzes,
        store,
        manabi::progress::now_ms(),
    )?)
}

/// A typo in `--profile` must not pass for a learner with no progress.
fn require_profile(store: &ProgressStore, texts: &ProgressTexts) -> anyhow::Result<()> {
    let known: Vec<String> = store
        .profiles()?
        .into_iter()
        .map(|profile| profile.name)
        .collect();
    if known.contains(&store.profile) {
        return Ok(());
    }
    bail!(fill(
        texts.no_progress_of,
        &[("name", &store.profile), ("names", &listed(&known, texts))]
    ))
}

/// Names for a message: comma-separated, or "none".
fn listed(names: &[String], texts: &ProgressTexts) -> String {
    if names.is_empty() {
        texts.none.to_owned()
    } else {
        names.join(", ")
    }
}

pub fn profiles(cli: &Cli) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    print!(
        "{}",
        profiles_text(&store.profiles()?, manabi::progress::now_ms(), lang(cli))
    );
    Ok(ExitCode::SUCCESS)
}

pub fn progress(cli: &Cli, json: bool) -> anyhow::Result<ExitCode> {
    let store = open_store(cli)?;
    // An explicit --profile that has no progress is a typo, not an empty record.
    if cli.profile.is_some() {
        require_profile(&store, texts(lang(cli)))?;
    }
    let mut record = record(cli, &store)?;
    if json {
        record.log = store.log()?;
        println!("{}", serde_json::to_string_pretty(&record)?);
    } else {
        print!("{}", progress_text(&record, lang(cli)));
    }
    Ok(ExitCode::SUCCESS)
}

pub fn export(
    cli: &Cli,
    format: Option<ExportFormat>,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let texts = texts(lang(cli));
    let store = open_store(cli)?;
    require_profile(&store, texts)?;
    let mut record = record(cli, &store)?;
    // `-o class/hanako.csv` means CSV unless --format says otherwise.
    let format = format.unwrap_or_else(|| {
        if output.is_some_and(|path| path.extension().is_some_and(|extension| extension == "csv")) {
            ExportFormat::Csv
        } else {
            ExportFormat::Json
        }
    });
    let text = match format {
        ExportFormat::Json => {
            // The log travels in JSON only (a spreadsheet has no room for it).
            record.log = store.log()?;
            serde_json::to_string_pretty(&record)? + "\n"
        }
        ExportFormat::Csv => export_csv(&record).map_err(anyhow::Error::msg)?,
    };
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| {
                fill(texts.cannot_write, &[("file", &path.display().to_string())])
            })?;
            eprintln!(
                "{}",
                fill(
                    texts.wrote,
                    &[
                        ("file", &path.display().to_string()),
                        ("name", &record.profile)
                    ]
                )
            );
        }
        None => io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads every export given (folders: their `.json` and `.csv` files); files that are
/// not exports are listed with the reason and skipped.
pub fn class_report(
    paths: &[PathBuf],
    format: ReportFormat,
    lang: manabi::strings::Lang,
) -> anyhow::Result<ExitCode> {
    let texts = texts(lang);
    let files = export_files(paths, texts)?;
    let (records, skipped) = read_exports(&files);
    let (records, duplicates) = one_per_learner(records, texts);
    // Problems go to standard error so a JSON or CSV report stays readable by a program.
    for (heading, lines) in [
        (texts.skipped_not_exports, &skipped),
        (texts.skipped_duplicates, &duplicates),
    ] {
        if !lines.is_empty() {
            eprintln!("{}", fill(heading, &[("count", &lines.len().to_string())]));
            for line in lines {
                eprintln!("  {line}");
            }
        }
    }
    if records.is_empty() {
        bail!(fill(
            texts.no_exports,
            &[("count", &files.len().to_string())]
        ));
    }
    match format {
        ReportFormat::Text => print!("{}", report_text(&report_of(&records), lang)),
        ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report_of(&records))?),
        ReportFormat::Csv => print!("{}", report_csv(&records).map_err(anyhow::Error::msg)?),
    }
    Ok(ExitCode::SUCCESS)
}

/// The files given, a folder standing for its `.json` and `.csv` files in name order.
fn export_files(paths: &[PathBuf], texts: &ProgressTexts) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.exists() {
            bail!(fill(
                texts.no_such_path,
                &[("path", &path.display().to_string())]
            ));
        }
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .with_context(|| fill(texts.cannot_read, &[("file", &path.display().to_string())]))?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|file| {
                    file.extension()
                        .is_some_and(|extension| extension == "json" || extension == "csv")
                })
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

/// The records the files hold, and a line for each file that is not an export.
fn read_exports(files: &[PathBuf]) -> (Vec<(PathBuf, LearnerRecord)>, Vec<String>) {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    for file in files {
        let read = std::fs::read(file)
            .map_err(|error| error.to_string())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|_| "not text".to_owned()))
            .and_then(|text| read_export(&text));
        match read {
            Ok(record) => records.push((file.clone(), record)),
            Err(reason) => skipped.push(format!("{}: {reason}", file.display())),
        }
    }
    (records, skipped)
}

/// One record per learner, and a line for each record left out. One learner handed in
/// twice (JSON and CSV, or a later export): the record with more study time is the
/// later one.
fn one_per_learner(
    records: Vec<(PathBuf, LearnerRecord)>,
    texts: &ProgressTexts,
) -> (Vec<LearnerRecord>, Vec<String>) {
    let time = |record: &LearnerRecord| -> u64 {
        record
            .lessons
            .iter()
            .map(|lesson| lesson.active_seconds)
            .sum()
    };
    let mut kept: Vec<(PathBuf, LearnerRecord)> = Vec::new();
    let mut duplicates = Vec::new();
    for (file, record) in records {
        match kept
            .iter_mut()
            .find(|(_, other)| other.profile == record.profile)
        {
            Some(earlier) => {
                let (dropped, kept_file) = if time(&record) > time(&earlier.1) {
                    let dropped = std::mem::replace(earlier, (file, record));
                    (dropped.0, earlier.0.clone())
                } else {
                    (file, earlier.0.clone())
                };
                duplicates.push(fill(
                    texts.another_export,
                    &[
                        ("file", &dropped.display().to_string()),
                        ("name", &earlier.1.profile),
                        ("kept", &kept_file.display().to_string()),
                    ],
                ));
            }
            None => kept.push((file, record)),
        }
    }
    let records = kept.into_iter().map(|(_, record)| record).collect();
    (records, duplicates)
}

pub fn reset(cli: &Cli, lesson: Option<&str>, yes: bool) -> anyhow::Result<ExitCode> {
    let texts = texts(lang(cli));
    let mut store = open_store(cli)?;
    require_profile(&store, texts)?;
    if let Some(id) = lesson {
        let recorded = store.lessons()?;
        if !recorded.iter().any(|known| known == id) && course(cli)?.lesson(id).is_none() {
            bail!(fill(
                texts.no_lesson_to_reset,
                &[
                    ("id", id),
                    ("name", &store.profile),
                    ("lessons", &listed(&recorded, texts)),
                ]
            ));
        }
    }
    let what = lesson.map_or_else(
        || texts.every_lesson.to_owned(),
        |id| fill(texts.one_lesson, &[("id", id)]),
    );
    if !yes {
        if !io::stdin().is_terminal() {
            bail!(texts.reset_needs_terminal);
        }
        eprint!(
            "{}",
            fill(
                texts.reset_prompt,
                &[
                    ("name", &store.profile),
                    ("what", &what),
                    ("store", &store.path().display().to_string()),
                ]
            )
        );
        let mut answer = String::new();
        io::stdin().lock().read_line(&mut answer)?;
        if !matches!(answer.trim(), "y" | "Y" | "yes" | "ｙ" | "はい") {
            eprintln!("{}", texts.nothing_deleted);
            return Ok(ExitCode::SUCCESS);
        }
    }
    let deleted = store.reset(lesson)?;
    eprintln!(
        "{}",
        fill(
            texts.deleted,
            &[
                ("count", &deleted.to_string()),
                ("name", &store.profile),
                ("what", &what),
            ]
        )
    );
    Ok(ExitCode::SUCCESS)
}
