//! What the progress commands print (`progress`, `profiles`, `report`, `export`,
//! `reset`), in the learner's language like the reader. Figures come from the
//! `progress` module; this is only their wording and layout.

use std::fmt::Write as _;

use crate::progress::{
    ClassReport, LearnerRecord, LearnerRow, LessonRecord, LessonReport, ProfileSummary,
    QuestionSummary,
};
use crate::strings::present::clock;
use crate::strings::progress::{ProgressTexts, texts};
use crate::strings::{Lang, fill};
use crate::text::display_width;

fn mastery(texts: &ProgressTexts, name: &str) -> &'static str {
    match name {
        "mastered" => texts.mastered,
        "in progress" => texts.in_progress,
        _ => texts.not_tried,
    }
}

/// `text` padded with spaces to `width` display columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}

/// `text` right-aligned in `width` display columns.
fn pad_left(text: &str, width: usize) -> String {
    format!(
        "{}{text}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}

/// `manabi progress`: each lesson's time, sittings, reading, checklist and quiz score.
#[must_use]
pub fn progress_text(record: &LearnerRecord, lang: Lang) -> String {
    let texts = texts(lang);
    let labels = [texts.time, texts.read, texts.quiz, texts.review];
    let label_width = labels
        .iter()
        .map(|label| display_width(label))
        .max()
        .unwrap_or(0);
    let mut text = format!("{}\n", record.profile);
    for lesson in &record.lessons {
        let _ = writeln!(text, "\n{}  {}", lesson.lesson, lesson.title);
        for (label, value) in lesson_fields(texts, lesson) {
            let _ = writeln!(text, "  {}  {value}", pad(label, label_width));
        }
        for item in &lesson.checklist {
            let ticked = if item.self_assessed {
                texts.ticked_by_hand
            } else {
                ""
            };
            let _ = writeln!(
                text,
                "  {:>2}. {} ({}/{}{ticked})  {}",
                item.item,
                mastery(texts, &item.mastery),
                item.right,
                item.questions,
                item.text
            );
        }
    }
    for orphan in &record.orphaned {
        let _ = writeln!(text, "\n{}  {}", orphan.lesson, texts.orphaned);
        let time = fill(
            texts.active,
            &[
                ("time", &clock(orphan.active_seconds * 1000)),
                ("minutes", "-"),
                ("sittings", &orphan.sittings.to_string()),
            ],
        );
        let _ = writeln!(text, "  {}  {time}", pad(texts.time, label_width));
    }
    text
}

/// A lesson's time (with sittings), sections read and quiz score, each with its label.
fn lesson_fields(texts: &ProgressTexts, lesson: &LessonRecord) -> [(&'static str, String); 4] {
    let (right, questions) = lesson
        .checklist
        .iter()
        .fold((0, 0), |(right, total), item| {
            (right + item.right, total + item.questions)
        });
    [
        (
            texts.time,
            fill(
                texts.active,
                &[
                    ("time", &clock(lesson.active_seconds * 1000)),
                    ("minutes", &lesson.minutes.to_string()),
                    ("sittings", &lesson.sittings.to_string()),
                ],
            ),
        ),
        (
            texts.read,
            fill(
                texts.sections,
                &[
                    ("read", &lesson.sections_read.to_string()),
                    ("total", &lesson.sections_total.to_string()),
                ],
            ),
        ),
        (
            texts.quiz,
            fill(
                texts.questions_right,
                &[
                    ("right", &right.to_string()),
                    ("total", &questions.to_string()),
                ],
            ),
        ),
        (
            texts.review,
            lesson.review.map_or_else(
                || "?".to_owned(),
                |review| {
                    fill(
                        texts.review_counts,
                        &[
                            ("due", &review.due.to_string()),
                            ("retained", &review.retained.to_string()),
                            ("scheduled", &review.scheduled.to_string()),
                        ],
                    )
                },
            ),
        ),
    ]
}

/// `manabi profiles`: the learners on this machine and when each last studied, so on a
/// shared laptop an instructor tells a learner's profile from a stale one. `now` is in
/// milliseconds since 1970.
#[must_use]
pub fn profiles_text(profiles: &[ProfileSummary], now: i64, lang: Lang) -> String {
    const DAY_MS: i64 = 24 * 60 * 60 * 1000;
    let texts = texts(lang);
    if profiles.is_empty() {
        return format!("{}\n", texts.no_profiles);
    }
    let name_width = profiles
        .iter()
        .map(|profile| display_width(&profile.name))
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for profile in profiles {
        let seen = match profile.last_seen.map(|at| (now - at).max(0) / DAY_MS) {
            None => texts.never_studied.to_owned(),
            Some(0) => texts.seen_today.to_owned(),
            Some(1) => texts.seen_yesterday.to_owned(),
            Some(days) => fill(texts.seen_days_ago, &[("days", &days.to_string())]),
        };
        let line = fill(
            texts.profile_line,
            &[
                ("lessons", &profile.lessons.to_string()),
                ("minutes", &(profile.active_ms / 60_000).to_string()),
                ("seen", &seen),
            ],
        );
        let _ = writeln!(text, "{}  {line}", pad(&profile.name, name_width));
    }
    text
}

/// The class report as text: the learners' table, the mastery chart and the questions
/// most often wrong at the first try.
#[must_use]
pub fn report_text(report: &ClassReport, lang: Lang) -> String {
    let texts = texts(lang);
    let mut text = String::new();
    for lesson in &report.lessons {
        let _ = writeln!(
            text,
            "{} ({}): {}\n",
            lesson.title,
            lesson.lesson,
            fill(
                texts.learners,
                &[("count", &lesson.learners.len().to_string())]
            )
        );
        table(&mut text, texts, lesson);
        text.push('\n');
        chart(&mut text, texts, lesson);
        text.push('\n');
        questions(&mut text, texts, lesson);
        text.push('\n');
    }
    text
}

fn table(text: &mut String, texts: &ProgressTexts, lesson: &LessonReport) {
    let name_width = lesson
        .learners
        .iter()
        .map(|row| display_width(&row.profile))
        .chain([display_width(texts.column_learner)])
        .max()
        .unwrap_or(0);
    let items: Vec<usize> = lesson.items.iter().map(|item| item.item).collect();
    let mut header = format!(
        "{}  {}  {}  {}  {}  {}",
        pad(texts.column_learner, name_width),
        pad_left(texts.column_time, 13),
        pad_left(texts.column_sittings, 8),
        pad_left(texts.column_read, 6),
        pad_left(texts.column_first_try, 9),
        pad_left(texts.column_review, 9),
    );
    for item in &items {
        let _ = write!(header, "  {:>6}", format!("#{item}"));
    }
    let _ = writeln!(text, "{}", header.trim_end());
    for row in &lesson.learners {
        let first_try = match (row.first_try_right, row.first_tries) {
            (Some(right), Some(tries)) => format!("{right}/{tries}"),
            _ => "?".to_owned(),
        };
        let _ = write!(
            text,
            "{}  {}  {}  {}  {}  {}",
            pad(&row.profile, name_width),
            pad_left(
                &format!(
                    "{} / {}:00",
                    clock(row.active_seconds * 1000),
                    lesson.minutes
                ),
                13
            ),
            pad_left(&row.sittings.to_string(), 8),
            pad_left(&format!("{}/{}", row.sections_read, row.sections_total), 6),
            pad_left(&first_try, 9),
            pad_left(
                &row.review.map_or_else(
                    || "?".to_owned(),
                    |review| format!("{}/{}", review.due, review.retained)
                ),
                9
            ),
        );
        for item in &items {
            let cell = item_cell(row, *item);
            let _ = write!(text, "  {cell:>6}");
        }
        text.push('\n');
    }
    let _ = writeln!(text, "{}", texts.table_key);
}

fn chart(text: &mut String, texts: &ProgressTexts, lesson: &LessonReport) {
    const BAR: usize = 20;
    let _ = writeln!(text, "{}", texts.chart_title);
    for item in &lesson.items {
        let filled = BAR * item.mastered / item.learners.max(1);
        let ticked = if item.self_assessed > 0 {
            fill(
                texts.chart_ticked,
                &[("count", &item.self_assessed.to_string())],
            )
        } else {
            String::new()
        };
        let _ = writeln!(
            text,
            "{:>3} [{}{}] {}/{}  {}{ticked}",
            item.item,
            "#".repeat(filled),
            " ".repeat(BAR - filled),
            item.mastered,
            item.learners,
            item.text
        );
    }
}

/// A learner's cell for checklist item `item`: `*` mastered, right/asked, `v` ticked by
/// hand, `-` not tried.
fn item_cell(row: &LearnerRow, item: usize) -> String {
    row.items.iter().find(|cell| cell.item == item).map_or_else(
        || "-".to_owned(),
        |cell| {
            let ticked = if cell.self_assessed { "v" } else { "" };
            let score = if cell.mastery == "not tried" {
                "-".to_owned()
            } else {
                let mark = if cell.mastery == "mastered" { "*" } else { "" };
                format!("{mark}{}/{}", cell.right, cell.questions)
            };
            format!("{score}{ticked}")
        },
    )
}

fn questions(text: &mut String, texts: &ProgressTexts, lesson: &LessonReport) {
    let _ = writeln!(text, "{}", texts.questions_title);
    let id_width = lesson
        .questions
        .iter()
        .map(|question| display_width(&question.question))
        .max()
        .unwrap_or(0);
    // Questions nobody answered go on one line at the end.
    let untried: Vec<&str> = lesson
        .questions
        .iter()
        .filter(|question| question.tried == 0)
        .map(|question| question.question.as_str())
        .collect();
    for question in lesson
        .questions
        .iter()
        .filter(|question| question.tried > 0)
    {
        let line = question_line(texts, question, id_width);
        let _ = writeln!(text, "  {line}");
    }
    if !untried.is_empty() {
        let _ = writeln!(
            text,
            "{}",
            fill(texts.nobody_tried, &[("ids", &untried.join(", "))])
        );
    }
    if !lesson.without_answers.is_empty() {
        let _ = writeln!(
            text,
            "{}",
            fill(
                texts.no_question_answers,
                &[("names", &lesson.without_answers.join(", "))]
            )
        );
    }
}

/// One question the class tried: how many got it wrong at first, how many still do,
/// who never tried it, and the commonest wrong answer.
fn question_line(texts: &ProgressTexts, question: &QuestionSummary, id_width: usize) -> String {
    let section = question.section.as_deref().unwrap_or("-");
    let mut line = fill(
        texts.question_line,
        &[
            ("wrong", &question.wrong_at_first_try.to_string()),
            ("tried", &question.tried.to_string()),
            ("id", &pad(&question.question, id_width)),
            ("item", &question.item.to_string()),
            ("section", section),
            ("still", &question.still_wrong.to_string()),
        ],
    );
    if question.never_tried > 0 {
        line.push_str(&fill(
            texts.question_never_tried,
            &[("count", &question.never_tried.to_string())],
        ));
    }
    if let Some((answer, count)) = &question.common_wrong_answer {
        let answer: String = answer
            .lines()
            .next()
            .unwrap_or("")
            .chars()
            .take(40)
            .collect();
        line.push_str(&fill(
            texts.question_common,
            &[("answer", &answer), ("count", &count.to_string())],
        ));
    }
    line
}

#[cfg(test)]
#[path = "progress_text_tests.rs"]
mod tests;
