//! A review run: the questions due for review, drawn from the lessons they belong to,
//! asked one a screen as a quiz run asks them (a wrong one again in the next round).
//! Their answers are recorded with their own lessons, and the reading position stays.

use super::{App, QuizRun, Screen, Study};
use crate::progress::ReviewItem;
use crate::quiz::{LessonQuiz, Quiz};

/// The questions of a review run and the learner's answers to them.
pub(super) struct Review {
    pub(super) study: Study,
    /// Each question's lesson: id and title.
    lessons: Vec<(String, String)>,
}

impl Review {
    /// The lesson of question `index`: id and title.
    pub(super) fn lesson(&self, index: usize) -> Option<&(String, String)> {
        self.lessons.get(index)
    }
}

impl App {
    /// Starts a review of `items`, longest due first; a notice when there is none.
    pub fn start_review(&mut self, items: Vec<ReviewItem>) {
        if items.is_empty() {
            self.notice = Some(self.texts.course.nothing_due.to_owned());
            return;
        }
        let mut lessons = Vec::with_capacity(items.len());
        let mut questions = Vec::with_capacity(items.len());
        let mut study = Study::new(0);
        study.set_profile(self.study.profile().to_owned());
        for item in items {
            if let Some(draft) = item.draft {
                study.keep_draft_silently(&item.question.id, draft);
            }
            lessons.push((item.lesson, item.lesson_title));
            questions.push(item.question);
        }
        let count = questions.len();
        study.set_quiz(LessonQuiz::Ready(Quiz { questions }));
        let Some(first) = study.fresh_answer(0, 1) else {
            return;
        };
        let shown_at = self.session.active_ms();
        self.review = Some(Box::new(Review { study, lessons }));
        self.screen = Screen::Quiz(Box::new(QuizRun::new(
            None,
            (0..count).collect(),
            first,
            None,
            shown_at,
        )));
    }

    /// Whether the quiz on screen is a review.
    #[must_use]
    pub fn is_reviewing(&self) -> bool {
        self.review.is_some() && matches!(self.screen, Screen::Quiz(_))
    }

    /// The title of the lesson the question under review comes from.
    #[must_use]
    pub fn review_lesson_title(&self) -> Option<&str> {
        let Screen::Quiz(run) = &self.screen else {
            return None;
        };
        let review = self.review.as_ref()?;
        review
            .lesson(run.current()?)
            .map(|(_, title)| title.as_str())
    }

    /// The lesson whose study time runs now: the one the question under review comes
    /// from, else the lesson read; none on the home screen or a finished review (time
    /// spent choosing is no lesson's).
    #[must_use]
    pub fn studying_lesson(&self) -> Option<&str> {
        match (&self.screen, &self.review) {
            (Screen::Home(_), _) => None,
            (Screen::Quiz(run), Some(review)) => run
                .current()
                .and_then(|index| review.lesson(index))
                .map(|(lesson, _)| lesson.as_str()),
            _ => Some(&self.reader.lesson().meta.id),
        }
    }

    /// Active time on the lesson read: the study clock less the time that was another
    /// lesson's or none (the store counts the same).
    #[must_use]
    pub fn lesson_active_ms(&self) -> u64 {
        let active = self.session.active_ms();
        let uncounted = active.saturating_sub(self.counted_ms);
        let elsewhere = if self.studying_this_lesson() {
            self.elsewhere_ms
        } else {
            self.elsewhere_ms + uncounted
        };
        active.saturating_sub(elsewhere)
    }

    /// Counts the active time since the last count as the lesson read's or not, by what
    /// is studied now (the runtime does the same for the store, after each tick).
    pub(super) fn count_lesson_time(&mut self) {
        let active = self.session.active_ms();
        let gained = active.saturating_sub(self.counted_ms);
        self.counted_ms = active;
        if !self.studying_this_lesson() {
            self.elsewhere_ms += gained;
        }
    }

    /// The study clock jumped (earlier sittings restored): nothing to count.
    pub(super) fn recount_from_here(&mut self) {
        self.counted_ms = self.session.active_ms();
    }

    fn studying_this_lesson(&self) -> bool {
        self.studying_lesson() == Some(self.reader.lesson().meta.id.as_str())
    }

    /// How many questions are due for review (the status bar says so).
    pub fn set_due(&mut self, count: usize) {
        self.due = count;
    }

    /// Questions due for review, as last counted.
    #[must_use]
    pub fn due(&self) -> usize {
        self.due
    }
}
