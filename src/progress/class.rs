//! The class report's figures, from the records learners handed in: per learner their
//! time and each item's state; per item how many mastered it; per question how many got
//! it wrong at the first try, worst first, for the instructor to pick what to explain.

use serde::Serialize;

use super::exchange::{AnswerRecord, LearnerRecord, LessonRecord, QuestionRecord, ReviewRecord};

/// The report on every lesson the records share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassReport {
    pub lessons: Vec<LessonReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LessonReport {
    pub lesson: String,
    pub title: String,
    pub minutes: u32,
    pub learners: Vec<LearnerRow>,
    pub items: Vec<ItemSummary>,
    /// Worst first: the most learners wrong at the first try.
    pub questions: Vec<QuestionSummary>,
    /// Learners whose export has no answers per question (from an older manabi).
    pub without_answers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LearnerRow {
    pub profile: String,
    pub active_seconds: u64,
    pub sittings: usize,
    pub sections_read: usize,
    pub sections_total: usize,
    /// Questions answered right at the first try, of `first_tries` answered at all;
    /// `None` without answers per question.
    pub first_try_right: Option<usize>,
    pub first_tries: Option<usize>,
    pub items: Vec<ItemCell>,
    /// Spaced review: due and retained questions (none from exports before it).
    pub review: Option<ReviewRecord>,
}

/// One learner's state on one checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemCell {
    pub item: usize,
    /// `not tried`, `in progress` or `mastered`.
    pub mastery: String,
    pub right: usize,
    pub questions: usize,
    pub self_assessed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ItemSummary {
    pub item: usize,
    pub text: String,
    pub mastered: usize,
    pub self_assessed: usize,
    pub learners: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionSummary {
    pub question: String,
    pub item: usize,
    pub section: Option<String>,
    /// Learners (with answers per question) who answered it at all …
    pub tried: usize,
    /// … who got it wrong at their first answer …
    pub wrong_at_first_try: usize,
    /// … whose latest answer is still wrong …
    pub still_wrong: usize,
    /// … and who never answered it.
    pub never_tried: usize,
    /// The wrong first answer given most often, and by how many, when two or more
    /// learners gave it.
    pub common_wrong_answer: Option<(String, usize)>,
}

/// The report on `records` (one per learner).
#[must_use]
pub fn class_report(records: &[LearnerRecord]) -> ClassReport {
    let mut lessons: Vec<&LessonRecord> = Vec::new();
    for record in records {
        for lesson in &record.lessons {
            if !lessons.iter().any(|known| known.lesson == lesson.lesson) {
                lessons.push(lesson);
            }
        }
    }
    ClassReport {
        lessons: lessons
            .into_iter()
            .map(|lesson| lesson_report(lesson, records))
            .collect(),
    }
}

fn lesson_report(lesson: &LessonRecord, records: &[LearnerRecord]) -> LessonReport {
    let rows: Vec<(&str, &LessonRecord)> = records
        .iter()
        .filter_map(|record| {
            let found = record
                .lessons
                .iter()
                .find(|other| other.lesson == lesson.lesson)?;
            Some((record.profile.as_str(), found))
        })
        .collect();
    let with_answers: Vec<&LessonRecord> = rows
        .iter()
        .filter(|(_, record)| !record.questions.is_empty())
        .map(|(_, record)| *record)
        .collect();
    LessonReport {
        lesson: lesson.lesson.clone(),
        title: lesson.title.clone(),
        minutes: lesson.minutes,
        learners: rows
            .iter()
            .map(|(name, record)| row(name, record))
            .collect(),
        items: lesson
            .checklist
            .iter()
            .map(|item| {
                let cells = rows.iter().filter_map(|(_, record)| {
                    record
                        .checklist
                        .iter()
                        .find(|other| other.item == item.item)
                });
                ItemSummary {
                    item: item.item,
                    text: item.text.clone(),
                    mastered: cells
                        .clone()
                        .filter(|cell| cell.mastery == "mastered")
                        .count(),
                    self_assessed: cells.filter(|cell| cell.self_assessed).count(),
                    learners: rows.len(),
                }
            })
            .collect(),
        questions: questions(&with_answers),
        without_answers: rows
            .iter()
            .filter(|(_, record)| record.questions.is_empty())
            .map(|(name, _)| (*name).to_owned())
            .collect(),
    }
}

fn row(name: &str, record: &LessonRecord) -> LearnerRow {
    let answered = !record.questions.is_empty();
    let firsts = record.questions.iter().filter_map(|q| q.first.as_ref());
    LearnerRow {
        profile: name.to_owned(),
        active_seconds: record.active_seconds,
        sittings: record.sittings,
        sections_read: record.sections_read,
        sections_total: record.sections_total,
        first_try_right: answered.then(|| firsts.clone().filter(|first| first.right).count()),
        first_tries: answered.then(|| firsts.count()),
        review: record.review,
        items: record
            .checklist
            .iter()
            .map(|item| ItemCell {
                item: item.item,
                mastery: item.mastery.clone(),
                right: item.right,
                questions: item.questions,
                self_assessed: item.self_assessed,
            })
            .collect(),
    }
}

/// Every question any learner's record names, in the first record's order, worst first.
fn questions(records: &[&LessonRecord]) -> Vec<QuestionSummary> {
    let mut ids: Vec<&QuestionRecord> = Vec::new();
    for record in records {
        for question in &record.questions {
            if !ids.iter().any(|known| known.question == question.question) {
                ids.push(question);
            }
        }
    }
    let mut summaries: Vec<QuestionSummary> = ids
        .into_iter()
        .map(|question| {
            let answers: Vec<Option<&QuestionRecord>> = records
                .iter()
                .map(|record| {
                    record
                        .questions
                        .iter()
                        .find(|other| other.question == question.question)
                        .filter(|other| other.first.is_some())
                })
                .collect();
            let tried: Vec<&QuestionRecord> = answers.iter().flatten().copied().collect();
            let wrong_firsts: Vec<&str> = tried
                .iter()
                .filter_map(|record| record.first.as_ref())
                .filter(|first| !first.right)
                .map(|first| first.answer.trim())
                .collect();
            QuestionSummary {
                question: question.question.clone(),
                item: question.item,
                section: question.section.clone(),
                tried: tried.len(),
                wrong_at_first_try: wrong_firsts.len(),
                still_wrong: tried
                    .iter()
                    .filter(|record| record.latest.as_ref().is_some_and(|latest| !latest.right))
                    .count(),
                never_tried: answers.iter().filter(|answer| answer.is_none()).count(),
                common_wrong_answer: most_common(&wrong_firsts),
            }
        })
        .collect();
    // Stable: ties keep the lesson's order.
    summaries.sort_by_key(|summary| std::cmp::Reverse(summary.wrong_at_first_try));
    summaries
}

fn most_common(answers: &[&str]) -> Option<(String, usize)> {
    let mut counted: Vec<(&str, usize)> = Vec::new();
    // A manifest (many lines) is not an answer learners share word for word.
    for answer in answers
        .iter()
        .filter(|answer| !answer.is_empty() && !answer.contains('\n'))
    {
        match counted.iter_mut().find(|(known, _)| known == answer) {
            Some((_, count)) => *count += 1,
            None => counted.push((answer, 1)),
        }
    }
    counted
        .into_iter()
        .filter(|(_, count)| *count >= 2)
        .max_by_key(|(_, count)| *count)
        .map(|(answer, count)| (answer.to_owned(), count))
}

/// The report as CSV for a spreadsheet: one row per lesson, learner and question (the
/// long form a pivot table wants), each with the learner's first and latest answer.
pub fn report_csv(records: &[LearnerRecord]) -> Result<String, String> {
    #[derive(Serialize)]
    struct Row<'a> {
        lesson: &'a str,
        learner: &'a str,
        question: &'a str,
        item: usize,
        section: Option<&'a str>,
        attempts: usize,
        first_right: Option<bool>,
        latest_right: Option<bool>,
        latest_counts: Option<bool>,
        first_answer: Option<&'a str>,
    }
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in records {
        for lesson in &record.lessons {
            for question in &lesson.questions {
                writer
                    .serialize(Row {
                        lesson: &lesson.lesson,
                        learner: &record.profile,
                        question: &question.question,
                        item: question.item,
                        section: question.section.as_deref(),
                        attempts: question.attempts,
                        first_right: question.first.as_ref().map(|first| first.right),
                        latest_right: question.latest.as_ref().map(|latest| latest.right),
                        latest_counts: question.latest.as_ref().map(AnswerRecord::counts),
                        first_answer: question.first.as_ref().map(|first| first.answer.as_str()),
                    })
                    .map_err(|error| error.to_string())?;
            }
        }
    }
    let bytes = writer.into_inner().map_err(|error| error.to_string())?;
    String::from_utf8(bytes).map_err(|error| error.to_string())
}
