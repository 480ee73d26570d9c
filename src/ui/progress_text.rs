//! What the progress commands print (`progress`, `profiles`, `report`, `export`,
//! `reset`), in the learner's language like the reader. Figures come from the
//! `progress` module; this is only their wording and layout.

use std::fmt::Write as _;

use crate::progress::{ClassReport, LearnerRecord, LessonReport, ProfileSummary};
use crate::strings::present::clock;
use crate::strings::{Lang, fill};
use crate::text::display_width;

/// The progress commands' strings in one language. `{name}` marks a value filled in.
#[derive(Debug, PartialEq, Eq)]
pub struct ProgressTexts {
    pub time: &'static str,
    pub active: &'static str,
    pub read: &'static str,
    pub sections: &'static str,
    pub quiz: &'static str,
    pub questions_right: &'static str,
    pub ticked_by_hand: &'static str,
    pub not_tried: &'static str,
    pub in_progress: &'static str,
    pub mastered: &'static str,
    pub no_profiles: &'static str,
    pub profile_line: &'static str,
    pub never_studied: &'static str,
    pub seen_today: &'static str,
    pub seen_yesterday: &'static str,
    pub seen_days_ago: &'static str,
    pub learners: &'static str,
    pub column_learner: &'static str,
    pub column_time: &'static str,
    pub column_sittings: &'static str,
    pub column_read: &'static str,
    pub column_first_try: &'static str,
    pub table_key: &'static str,
    pub chart_title: &'static str,
    pub chart_ticked: &'static str,
    pub questions_title: &'static str,
    pub question_line: &'static str,
    pub question_never_tried: &'static str,
    pub question_common: &'static str,
    pub no_question_answers: &'static str,
    pub nobody_tried: &'static str,
    pub skipped_not_exports: &'static str,
    pub skipped_duplicates: &'static str,
    pub another_export: &'static str,
    pub no_exports: &'static str,
    pub wrote: &'static str,
    pub reset_prompt: &'static str,
    pub every_lesson: &'static str,
    pub one_lesson: &'static str,
    pub nothing_deleted: &'static str,
    pub deleted: &'static str,
    pub reset_needs_terminal: &'static str,
    pub no_progress_of: &'static str,
    pub no_lesson_to_reset: &'static str,
    pub none: &'static str,
    pub cannot_write: &'static str,
    pub cannot_read: &'static str,
    pub no_such_path: &'static str,
}

/// The strings of `lang`.
#[must_use]
pub fn texts(lang: Lang) -> &'static ProgressTexts {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

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
    let labels = [texts.time, texts.read, texts.quiz];
    let label_width = labels
        .iter()
        .map(|label| display_width(label))
        .max()
        .unwrap_or(0);
    let mut text = format!("{}\n", record.profile);
    for lesson in &record.lessons {
        let (right, questions) = lesson
            .checklist
            .iter()
            .fold((0, 0), |(right, total), item| {
                (right + item.right, total + item.questions)
            });
        let _ = writeln!(text, "\n{}  {}", lesson.lesson, lesson.title);
        let fields = [
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
        ];
        for (label, value) in fields {
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
    text
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
        "{}  {}  {}  {}  {}",
        pad(texts.column_learner, name_width),
        pad_left(texts.column_time, 13),
        pad_left(texts.column_sittings, 8),
        pad_left(texts.column_read, 6),
        pad_left(texts.column_first_try, 9),
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
            "{}  {}  {}  {}  {}",
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
        );
        for item in &items {
            let cell = row
                .items
                .iter()
                .find(|cell| cell.item == *item)
                .map_or_else(
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
                );
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

const EN: ProgressTexts = ProgressTexts {
    time: "time",
    active: "{time} / {minutes}:00 active, {sittings} sitting(s)",
    read: "read",
    sections: "{read}/{total} sections",
    quiz: "quiz",
    questions_right: "{right}/{total} questions right",
    ticked_by_hand: ", ticked by hand",
    not_tried: "not tried",
    in_progress: "in progress",
    mastered: "mastered",
    no_profiles: "no profiles on this machine yet: `manabi --profile NAME` starts one",
    profile_line: "{lessons} lesson(s), {minutes} min of study, {seen}",
    never_studied: "never studied",
    seen_today: "last seen today",
    seen_yesterday: "last seen yesterday",
    seen_days_ago: "last seen {days} days ago",
    learners: "{count} learner(s)",
    column_learner: "learner",
    column_time: "time",
    column_sittings: "sittings",
    column_read: "read",
    column_first_try: "first try",
    table_key: "(* mastered: every question right at its latest answer; - not tried; v ticked by hand; first try: questions right at the first answer, ? from an older manabi)",
    chart_title: "Mastered, per checklist item:",
    chart_ticked: " (ticked by hand: {count})",
    questions_title: "Wrong at the first try, per question (worst first):",
    question_line: "{wrong}/{tried} wrong  {id}  #{item} {section}; still wrong: {still}",
    question_never_tried: "; never tried: {count}",
    question_common: "; most given wrong answer: \"{answer}\" ({count})",
    no_question_answers: "  (no answers per question from {names}: exported by an older manabi)",
    nobody_tried: "  Not tried by anyone yet: {ids}",
    skipped_not_exports: "Skipped {count} file(s) that are not manabi exports:",
    skipped_duplicates: "Skipped {count} file(s) of learners counted once already:",
    another_export: "{file}: another export of `{name}` ({kept} is reported)",
    no_exports: "no exports to report on among {count} file(s)",
    wrote: "manabi: wrote {file} for {name}",
    reset_prompt: "Delete the progress of `{name}` on {what} in {store}? [y/N] ",
    every_lesson: "every lesson",
    one_lesson: "lesson `{id}`",
    nothing_deleted: "manabi: nothing deleted",
    deleted: "manabi: deleted {count} record(s) of `{name}` on {what}",
    reset_needs_terminal: "reset deletes progress; run it in a terminal to confirm, or add --yes",
    no_progress_of: "no progress of `{name}` on this machine (profiles: {names})",
    no_lesson_to_reset: "no lesson `{id}` in the course or in the progress of `{name}` (lessons with progress: {lessons})",
    none: "none",
    cannot_write: "cannot write {file}",
    cannot_read: "cannot read {file}",
    no_such_path: "{path} does not exist",
};

const JA: ProgressTexts = ProgressTexts {
    time: "学習時間",
    active: "{time} / {minutes}:00 (学習した回数 {sittings})",
    read: "読んだ",
    sections: "{read}/{total} セクション",
    quiz: "クイズ",
    questions_right: "{right}/{total} 問正解",
    ticked_by_hand: "、自分でチェック",
    not_tried: "未挑戦",
    in_progress: "挑戦中",
    mastered: "習得済み",
    no_profiles: "このマシンにはまだプロフィールがありません。`manabi --profile 名前` で始められます",
    profile_line: "レッスン {lessons} 件、学習 {minutes} 分、{seen}",
    never_studied: "まだ学習していません",
    seen_today: "最終学習は今日",
    seen_yesterday: "最終学習は昨日",
    seen_days_ago: "最終学習は {days} 日前",
    learners: "学習者 {count} 人",
    column_learner: "学習者",
    column_time: "学習時間",
    column_sittings: "回数",
    column_read: "読了",
    column_first_try: "初回正解",
    table_key: "(* 習得済み: すべての問題の最新の答えが正解、- 未挑戦、v 自分でチェック、初回正解: 最初の答えが正解だった問題の数、? 古い manabi の書き出し)",
    chart_title: "チェックリストの項目ごとの習得者:",
    chart_ticked: " (自分でチェック: {count} 人)",
    questions_title: "初回で間違えた人数 (問題ごと、多い順):",
    question_line: "{wrong}/{tried} 人が不正解  {id}  #{item} {section}、まだ不正解: {still} 人",
    question_never_tried: "、未挑戦: {count} 人",
    question_common: "、多かった誤答: 「{answer}」({count} 人)",
    no_question_answers: "  ({names} の書き出しには問題ごとの答えがありません: 古い manabi で書き出されました)",
    nobody_tried: "  まだ誰も挑戦していない問題: {ids}",
    skipped_not_exports: "manabi の書き出しではないファイル {count} 件を飛ばしました:",
    skipped_duplicates: "同じ学習者の 2 つ目以降のファイル {count} 件を飛ばしました:",
    another_export: "{file}: `{name}` のもう 1 つの書き出し ({kept} を集計しました)",
    no_exports: "{count} 件のファイルに集計できる書き出しがありません",
    wrote: "manabi: {name} の記録を {file} に書き出しました",
    reset_prompt: "{store} にある `{name}` の{what}の記録を削除しますか? [y/N] ",
    every_lesson: "すべてのレッスン",
    one_lesson: "レッスン `{id}`",
    nothing_deleted: "manabi: 何も削除しませんでした",
    deleted: "manabi: `{name}` の{what}の記録を {count} 件削除しました",
    reset_needs_terminal: "reset は記録を削除します。端末で実行して確認するか、--yes を付けてください",
    no_progress_of: "このマシンに `{name}` の記録はありません (プロフィール: {names})",
    no_lesson_to_reset: "コースにも `{name}` の記録にもレッスン `{id}` はありません (記録のあるレッスン: {lessons})",
    none: "なし",
    cannot_write: "{file} に書き込めません",
    cannot_read: "{file} を読めません",
    no_such_path: "{path} はありません",
};

#[cfg(test)]
#[path = "progress_text_tests.rs"]
mod tests;
