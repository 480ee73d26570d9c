//! `manabi doctor`: what makes a classroom session fail, one check a line, from what
//! the binary observed (the terminal's answers, the environment, the store, the
//! course, the class server). Pure: observations in, checks and their text or JSON out.

use std::fmt::Write;

use serde::Serialize;

use crate::palette::ColorDepth;
use crate::strings::doctor::DoctorTexts;
use crate::strings::fill;

/// Columns 「日本語テスト」 takes where East Asian widths are right.
pub const JAPANESE_COLUMNS: u16 = 12;
/// The Japanese test string the doctor draws and measures.
pub const JAPANESE_SAMPLE: &str = "日本語テスト";

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Ok,
    /// Works, but worth knowing (manabi adapts, or it could be better).
    Note,
    /// Must be fixed before the class.
    Fix,
    /// Not checked, and why is said.
    Skipped,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    /// A stable name for scripts (`size`, `colour`, …).
    pub id: &'static str,
    pub title: String,
    pub status: Status,
    pub found: String,
    pub advice: Option<String>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub ok: bool,
    pub checks: Vec<Check>,
}

impl Report {
    #[must_use]
    pub fn new(checks: Vec<Check>) -> Self {
        Self {
            ok: checks.iter().all(|check| check.status != Status::Fix),
            checks,
        }
    }

    /// One line a check (advice indented under it), then the verdict.
    #[must_use]
    pub fn text(&self, texts: &DoctorTexts, ascii: bool) -> String {
        let title_width = self
            .checks
            .iter()
            .map(|check| crate::text::display_width(&check.title))
            .max()
            .unwrap_or(0);
        let mut out = format!("{}\n\n", texts.heading);
        for check in &self.checks {
            let mark = match (check.status, ascii) {
                (Status::Ok, false) => "✓",
                (Status::Ok, true) => "ok",
                (Status::Note, false) => "!",
                (Status::Note, true) => "!!",
                (Status::Fix, false) => "✗",
                (Status::Fix, true) => "XX",
                (Status::Skipped, false) => "-",
                (Status::Skipped, true) => "--",
            };
            let pad = " ".repeat(title_width - crate::text::display_width(&check.title));
            let _ = writeln!(out, "{mark} {}{pad}  {}", check.title, check.found);
            if let Some(advice) = &check.advice {
                let _ = writeln!(out, "  {}  → {advice}", " ".repeat(title_width));
            }
        }
        let to_fix = self
            .checks
            .iter()
            .filter(|check| check.status == Status::Fix)
            .count();
        out.push('\n');
        out.push_str(&if to_fix == 0 {
            texts.all_good.to_owned()
        } else {
            fill(texts.to_fix, &[("n", &to_fix.to_string())])
        });
        out.push('\n');
        if ascii {
            // The structure in ASCII; the words stay the language's own.
            out = out.replace('→', "->").replace('✗', "XX").replace('×', "x");
        }
        out
    }
}

fn check(id: &'static str, title: &str, status: Status, found: String) -> Check {
    Check {
        id,
        title: title.to_owned(),
        status,
        found,
        advice: None,
    }
}

fn advised(mut check: Check, advice: &str) -> Check {
    check.advice = Some(advice.to_owned());
    check
}

/// A check not made, and why.
#[must_use]
pub fn skipped(id: &'static str, title: &str, why: &str, texts: &DoctorTexts) -> Check {
    check(
        id,
        title,
        Status::Skipped,
        fill(texts.skipped, &[("why", why)]),
    )
}

/// The terminal's size against what the reader needs.
#[must_use]
pub fn size(size: (u16, u16), least: (u16, u16), texts: &DoctorTexts) -> Check {
    let values = [
        ("w", size.0.to_string()),
        ("h", size.1.to_string()),
        ("mw", least.0.to_string()),
        ("mh", least.1.to_string()),
    ];
    let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, found) = if size.0 < least.0 || size.1 < least.1 {
        (Status::Fix, texts.size_small)
    } else if size.0 < 80 || size.1 < 24 {
        (Status::Note, texts.size_cramped)
    } else {
        (Status::Ok, texts.size_found)
    };
    check("size", texts.size, status, fill(found, &values))
}

/// What the colour depth rests on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColourEnvironment {
    pub term: Option<String>,
    pub colorterm: Option<String>,
    pub no_color: bool,
    /// `--color never`.
    pub never: bool,
}

/// The colours manabi will write, and why.
#[must_use]
pub fn colour(depth: ColorDepth, environment: &ColourEnvironment, texts: &DoctorTexts) -> Check {
    let term = environment.term.as_deref().unwrap_or("-");
    let colorterm = environment.colorterm.as_deref().unwrap_or("-");
    let values = [("term", term), ("colorterm", colorterm)];
    match depth {
        ColorDepth::TrueColor => check(
            "colour",
            texts.colour,
            Status::Ok,
            fill(texts.colour_truecolor, &values),
        ),
        ColorDepth::Ansi256 => check(
            "colour",
            texts.colour,
            Status::Ok,
            fill(texts.colour_256, &values),
        ),
        ColorDepth::Ansi16 => advised(
            check(
                "colour",
                texts.colour,
                Status::Note,
                fill(texts.colour_16, &values),
            ),
            texts.colour_16_advice,
        ),
        ColorDepth::None => {
            let why = if environment.never {
                "--color never".to_owned()
            } else if environment.no_color {
                "NO_COLOR".to_owned()
            } else {
                format!("TERM={term}")
            };
            advised(
                check(
                    "colour",
                    texts.colour,
                    Status::Note,
                    fill(texts.colour_none, &[("why", &why)]),
                ),
                texts.colour_none_advice,
            )
        }
    }
}

/// What the terminal answered to the doctor's questions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TerminalAnswers {
    /// It answered at all (device attributes or a cursor position).
    pub answered: bool,
    pub background: Option<(u8, u8, u8)>,
    pub ambiguous_wide: Option<bool>,
    /// Columns the Japanese sample took.
    pub japanese_columns: Option<u16>,
}

/// The checks of the terminal's answers: whether it answers, its background, how it
/// draws ambiguous widths, and whether Japanese lines up.
#[must_use]
pub fn terminal(answers: &TerminalAnswers, waited_ms: u64, texts: &DoctorTexts) -> Vec<Check> {
    let answered = if answers.answered {
        check(
            "answers",
            texts.answers,
            Status::Ok,
            texts.answers_found.to_owned(),
        )
    } else {
        advised(
            check(
                "answers",
                texts.answers,
                Status::Note,
                fill(texts.answers_silent, &[("ms", &waited_ms.to_string())]),
            ),
            texts.answers_silent_advice,
        )
    };
    let background = match answers.background {
        Some((red, green, blue)) => {
            let rgb = format!("#{red:02x}{green:02x}{blue:02x}");
            let template = if crate::palette::is_light_background((red, green, blue)) {
                texts.background_light
            } else {
                texts.background_dark
            };
            check(
                "background",
                texts.background,
                Status::Ok,
                fill(template, &[("rgb", &rgb)]),
            )
        }
        None => check(
            "background",
            texts.background,
            Status::Note,
            texts.background_unknown.to_owned(),
        ),
    };
    let ambiguous = match answers.ambiguous_wide {
        Some(false) => check(
            "ambiguous",
            texts.ambiguous,
            Status::Ok,
            texts.ambiguous_narrow.to_owned(),
        ),
        Some(true) => advised(
            check(
                "ambiguous",
                texts.ambiguous,
                Status::Note,
                texts.ambiguous_wide.to_owned(),
            ),
            texts.ambiguous_wide_advice,
        ),
        None => check(
            "ambiguous",
            texts.ambiguous,
            Status::Note,
            texts.ambiguous_unknown.to_owned(),
        ),
    };
    let japanese = match answers.japanese_columns {
        Some(columns) if columns == JAPANESE_COLUMNS => check(
            "japanese",
            texts.japanese,
            Status::Ok,
            fill(texts.japanese_found, &[("n", &columns.to_string())]),
        ),
        Some(columns) => advised(
            check(
                "japanese",
                texts.japanese,
                Status::Fix,
                fill(texts.japanese_wrong, &[("n", &columns.to_string())]),
            ),
            texts.japanese_wrong_advice,
        ),
        None => check(
            "japanese",
            texts.japanese,
            Status::Note,
            texts.japanese_unknown.to_owned(),
        ),
    };
    vec![answered, background, ambiguous, japanese]
}

/// The locale as `LC_ALL`, `LC_CTYPE`, `LANG` say (the first one set wins).
#[must_use]
pub fn locale(variables: &[(&str, Option<&str>)], texts: &DoctorTexts) -> Check {
    let (name, value) = variables
        .iter()
        .find_map(|(name, value)| {
            value
                .filter(|value| !value.is_empty())
                .map(|value| (*name, value))
        })
        .unwrap_or(("LANG", ""));
    let values = [("name", name), ("value", value)];
    let upper = value.to_ascii_uppercase();
    if upper.contains("UTF-8") || upper.contains("UTF8") {
        check(
            "locale",
            texts.locale,
            Status::Ok,
            fill(texts.locale_found, &values),
        )
    } else {
        advised(
            check(
                "locale",
                texts.locale,
                Status::Fix,
                fill(texts.locale_wrong, &values),
            ),
            texts.locale_advice,
        )
    }
}

/// What opening the progress store found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreFound {
    Writable {
        bytes: u64,
        schema: u32,
        profiles: usize,
        /// What opening it said (a broken file moved aside, a newer version).
        notices: Vec<String>,
    },
    ReadOnly(String),
    Failed(String),
}

/// The progress store: whether it opens for writing, its size, schema and profiles.
#[must_use]
pub fn store(path: &str, found: &StoreFound, texts: &DoctorTexts) -> Check {
    match found {
        StoreFound::Writable {
            bytes,
            schema,
            profiles,
            notices,
        } => {
            let mut found = fill(
                texts.store_found,
                &[
                    ("path", path),
                    ("size", &size_text(*bytes)),
                    ("schema", &schema.to_string()),
                    ("profiles", &profiles.to_string()),
                ],
            );
            for notice in notices {
                found = format!("{found}; {notice}");
            }
            let status = if notices.is_empty() {
                Status::Ok
            } else {
                Status::Note
            };
            check("store", texts.store, status, found)
        }
        StoreFound::ReadOnly(why) => advised(
            check(
                "store",
                texts.store,
                Status::Fix,
                fill(texts.store_read_only, &[("path", path), ("why", why)]),
            ),
            texts.store_advice,
        ),
        StoreFound::Failed(why) => advised(
            check(
                "store",
                texts.store,
                Status::Fix,
                fill(texts.store_failed, &[("path", path), ("why", why)]),
            ),
            texts.store_advice,
        ),
    }
}

fn size_text(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!(
            "{}.{} MB",
            bytes / (1024 * 1024),
            bytes % (1024 * 1024) * 10 / (1024 * 1024)
        )
    } else {
        format!("{} kB", bytes.div_ceil(1024))
    }
}

/// The course against `manabi check`.
#[must_use]
pub fn course(name: &str, lessons: usize, problems: usize, texts: &DoctorTexts) -> Check {
    if problems == 0 {
        check(
            "course",
            texts.course,
            Status::Ok,
            fill(
                texts.course_found,
                &[("course", name), ("lessons", &lessons.to_string())],
            ),
        )
    } else {
        advised(
            check(
                "course",
                texts.course,
                Status::Fix,
                fill(
                    texts.course_problems,
                    &[("course", name), ("n", &problems.to_string())],
                ),
            ),
            texts.course_advice,
        )
    }
}

/// Whether the class server answered at `address`.
#[must_use]
pub fn class(address: &str, reached: Result<(), String>, texts: &DoctorTexts) -> Check {
    match reached {
        Ok(()) => check(
            "class",
            texts.class,
            Status::Ok,
            fill(texts.class_found, &[("address", address)]),
        ),
        Err(why) => advised(
            check(
                "class",
                texts.class,
                Status::Fix,
                fill(texts.class_failed, &[("address", address), ("why", &why)]),
            ),
            texts.class_advice,
        ),
    }
}

#[cfg(test)]
#[path = "doctor_tests.rs"]
mod tests;
