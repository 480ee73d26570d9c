//! What the learner has done with the lesson's quiz: the quiz itself, their answers and
//! ticks, each checklist item's state, and their manifest drafts. The checklist and
//! the quiz run change it; the reader only sees the markers it gives the text.

use std::collections::HashMap;

use super::quiz_run::Answer;
use crate::layout::TaskMark;
use crate::progress::{Event, LessonState};
use crate::quiz::{ChecklistMark, LessonQuiz, Mastery, Quiz, QuizRecord};

/// The learner's quiz state.
pub struct Study {
    /// The lesson's quiz, read after the first frame.
    quiz: LessonQuiz,
    /// Who is learning: choice orders are shuffled for them.
    profile: String,
    /// The learner's quiz answers and self-assessments.
    record: QuizRecord,
    /// Each checklist item's state, derived from `record`.
    marks: Vec<ChecklistMark>,
    /// Manifest answers in progress, by question id, so leaving loses nothing.
    drafts: HashMap<String, String>,
    /// Checklist items in the lesson.
    items: usize,
}

impl Study {
    /// Nothing answered yet, for a lesson with `items` checklist items.
    pub(super) fn new(items: usize) -> Self {
        let mut study = Self {
            quiz: LessonQuiz::Absent,
            profile: String::from("learner"),
            record: QuizRecord::default(),
            marks: Vec::new(),
            drafts: HashMap::new(),
            items,
        };
        study.derive_marks();
        study
    }

    /// The lesson's quiz when it has a usable one.
    #[must_use]
    pub fn quiz(&self) -> Option<&Quiz> {
        self.quiz.ready()
    }

    /// The lesson's quiz as it was read: ready, absent or unavailable with why.
    #[must_use]
    pub fn lesson_quiz(&self) -> &LessonQuiz {
        &self.quiz
    }

    #[must_use]
    pub fn profile(&self) -> &str {
        &self.profile
    }

    #[must_use]
    pub fn record(&self) -> &QuizRecord {
        &self.record
    }

    /// Each checklist item's state.
    #[must_use]
    pub fn marks(&self) -> &[ChecklistMark] {
        &self.marks
    }

    /// The learner's manifest drafts, by question id.
    #[must_use]
    pub fn drafts(&self) -> &HashMap<String, String> {
        &self.drafts
    }

    /// Whether every checklist item is mastered (and there is one).
    #[must_use]
    pub fn all_mastered(&self) -> bool {
        !self.marks.is_empty()
            && self
                .marks
                .iter()
                .all(|mark| mark.mastery == Mastery::Mastered)
    }

    pub(super) fn set_quiz(&mut self, quiz: LessonQuiz) {
        self.quiz = quiz;
        self.derive_marks();
    }

    pub(super) fn set_profile(&mut self, profile: String) {
        self.profile = profile;
    }

    /// Answers, ticks and drafts from earlier sittings.
    pub(super) fn restore(&mut self, state: &LessonState) {
        self.record = state.quiz.clone();
        self.drafts = state.drafts.iter().cloned().collect();
        self.derive_marks();
    }

    /// Derives each checklist item's state from the record again.
    pub(super) fn derive_marks(&mut self) {
        self.marks = self.record.marks(self.quiz(), self.items);
    }

    /// How the lesson text marks each item: mastery first, then a tick by hand.
    #[must_use]
    pub fn task_marks(&self) -> Vec<TaskMark> {
        self.marks
            .iter()
            .map(|mark| match mark.mastery {
                Mastery::Mastered => TaskMark::Done,
                _ if mark.self_assessed => TaskMark::SelfAssessed,
                Mastery::Partly => TaskMark::Partly,
                Mastery::NotTried => TaskMark::Open,
            })
            .collect()
    }

    /// Ticks or unticks checklist item `item` (1-based) by hand.
    pub(super) fn toggle_self_assessed(&mut self, item: usize, outbox: &mut Vec<Event>) {
        self.record.toggle_self_assessed(item);
        let ticked = self.record.self_assessed.contains(&item);
        outbox.push(Event::SelfAssessed { item, ticked });
        self.derive_marks();
    }

    /// Records a graded answer to question `id` as the log keeps it.
    pub(super) fn record_answer(
        &mut self,
        id: &str,
        given: String,
        (right, kind): (bool, crate::quiz::AttemptKind),
        (took_ms, recall): (u64, crate::quiz::Recall),
        outbox: &mut Vec<Event>,
    ) {
        self.record.record(id, &given, right, kind);
        outbox.push(Event::Answer {
            question: id.to_owned(),
            answer: given,
            right,
            kind,
            took_ms: Some(took_ms),
            recall,
        });
        self.derive_marks();
    }

    /// An answer or a draft given elsewhere (a review) to one of this lesson's
    /// questions.
    pub(super) fn note(&mut self, event: &Event) {
        match event {
            Event::Answer {
                question,
                answer,
                right,
                kind,
                ..
            } => {
                self.record.record(question, answer, *right, *kind);
                self.derive_marks();
            }
            Event::Draft { question, text } => {
                self.drafts.insert(question.clone(), text.clone());
            }
            _ => {}
        }
    }

    /// A draft the store already has (a review's question), kept without an event.
    pub(super) fn keep_draft_silently(&mut self, id: &str, text: String) {
        self.drafts.insert(id.to_owned(), text);
    }

    /// A new answer to question `index` in round `round`, from the learner's draft for
    /// a manifest.
    #[must_use]
    pub(super) fn fresh_answer(&self, index: usize, round: usize) -> Option<Answer> {
        let question = self.quiz()?.questions.get(index)?;
        Some(Answer::new(
            question,
            &self.profile,
            self.drafts.get(&question.id).map(String::as_str),
            round,
        ))
    }

    /// Keeps a manifest being written, so leaving or reviewing loses nothing.
    pub(super) fn keep_draft(&mut self, id: &str, text: String, outbox: &mut Vec<Event>) {
        if self.drafts.get(id) != Some(&text) {
            outbox.push(Event::Draft {
                question: id.to_owned(),
                text: text.clone(),
            });
            self.drafts.insert(id.to_owned(), text);
        }
    }
}
