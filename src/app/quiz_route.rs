//! How the checklist and quiz screens hand over to each other and to the reader: a
//! checklist item starts a run of its questions, a run goes back where it came from, or
//! waits while the learner reviews a section.

use super::checklist::ChecklistNext;
use super::message::Outcome;
use super::quiz_run::{QuizContext, QuizNext};
use super::{App, Checklist, Effect, Message, QuizMessage, QuizRun, Screen};
use crate::progress::Event;
use crate::quiz::LessonQuiz;

impl App {
    /// A key on the checklist.
    pub(super) fn checklist(&mut self, message: &Message) -> Outcome {
        let Screen::Checklist(checklist) = &mut self.screen else {
            return Outcome::default();
        };
        let selected = checklist.selected();
        let next = checklist.update(
            message,
            &self.reader.lesson().checklist,
            &mut self.study,
            &mut self.session.outbox,
        );
        match next {
            ChecklistNext::Stay => Outcome::default(),
            ChecklistNext::Ticked => {
                self.sync_marks();
                Outcome::default()
            }
            ChecklistNext::Questions(item) => {
                let Some(quiz) = self.study.quiz() else {
                    return self.quiz_missing();
                };
                let queue = quiz.questions_for(item);
                if queue.is_empty() {
                    return Outcome::notice(self.texts.quiz.no_questions);
                }
                self.start_run(Some(item), queue, Some(selected));
                Outcome::default()
            }
        }
    }

    /// `Q`: every question of the lesson.
    pub(super) fn start_quiz(&mut self) -> Outcome {
        let Some(quiz) = self.study.quiz() else {
            return self.quiz_missing();
        };
        let queue = (0..quiz.questions.len()).collect();
        let back = match self.screen {
            Screen::Checklist(checklist) => Some(checklist.selected()),
            _ => None,
        };
        self.start_run(None, queue, back);
        Outcome::default()
    }

    pub(super) fn start_run(
        &mut self,
        item: Option<usize>,
        queue: Vec<usize>,
        back: Option<usize>,
    ) {
        let Some(first) = queue
            .first()
            .and_then(|index| self.study.fresh_answer(*index, 1))
        else {
            return;
        };
        self.suspended_quiz = None;
        let shown_at = self.session.active_ms();
        self.screen = Screen::Quiz(Box::new(QuizRun::new(item, queue, first, back, shown_at)));
    }

    /// Why there are no questions: the quiz could not be read, or there is none.
    fn quiz_missing(&self) -> Outcome {
        match self.study.lesson_quiz() {
            LessonQuiz::Unavailable(reason) => {
                Outcome::notice(self.texts.quiz.unavailable_because(reason))
            }
            _ => Outcome::notice(self.texts.quiz.no_quiz),
        }
    }

    /// A key on a question: the run updates with the learner's quiz state, then stays,
    /// goes back where it came from, or waits while the learner reviews a section.
    pub(super) fn quiz_message(&mut self, message: QuizMessage) -> Outcome {
        let Screen::Quiz(run) = &self.screen else {
            return Outcome::default();
        };
        if let QuizMessage::Scroll(lines) = message {
            let limit = self.quiz_page(run).scroll_limit();
            if let Screen::Quiz(run) = &mut self.screen {
                run.scroll_by(lines, limit);
            }
            return Outcome::default();
        }
        let Some((outcome, next)) = self.on_run(|run, context| run.update(message, context)) else {
            return Outcome::default();
        };
        match next {
            QuizNext::Stay => {}
            QuizNext::Leave => {
                let back = match &self.screen {
                    Screen::Quiz(run) => run.back_to_checklist(),
                    _ => None,
                };
                self.screen = back.map_or(Screen::Reading, |selected| {
                    Screen::Checklist(Checklist::at(selected))
                });
                if self.review.take().is_some() {
                    return Outcome {
                        effect: Effect::CountDue,
                        notice: outcome.notice,
                    };
                }
            }
            QuizNext::Review(section) => {
                if let Screen::Quiz(run) = std::mem::replace(&mut self.screen, Screen::Reading) {
                    self.suspended_quiz = Some(run);
                }
                self.reader.jump_to_section(section);
            }
        }
        self.sync_marks();
        outcome
    }

    /// The manifest as `$EDITOR` left it.
    pub(super) fn edited(&mut self, result: Result<String, String>) -> Outcome {
        self.on_run(|run, context| run.edited(result, context))
            .unwrap_or_default()
    }

    /// `change` applied to the quiz run on screen, with the learner's quiz state, the
    /// events' outbox and the lesson's sections it works with; `None` without a run.
    fn on_run<T>(
        &mut self,
        change: impl FnOnce(&mut QuizRun, &mut QuizContext<'_>) -> T,
    ) -> Option<T> {
        let Screen::Quiz(run) = &mut self.screen else {
            return None;
        };
        let now = self.session.active_ms();
        // A review's questions come from several lessons: their events go to those
        // lessons, and no section of this one is theirs to read.
        let mut theirs = Vec::new();
        let (study, outbox, sections, lesson) = match &mut self.review {
            Some(review) => {
                let lesson = run
                    .current()
                    .and_then(|index| review.lesson(index))
                    .map(|(id, _)| id.clone());
                (&mut review.study, &mut theirs, &[][..], lesson)
            }
            None => (
                &mut self.study,
                &mut self.session.outbox,
                &self.reader.lesson().sections[..],
                None,
            ),
        };
        let mut context = QuizContext {
            study,
            outbox,
            texts: self.texts,
            sections,
            now,
        };
        let result = change(run, &mut context);
        if let Some(lesson) = lesson {
            if lesson == self.reader.lesson().meta.id {
                // This lesson's own questions: its checklist marks follow at once.
                for event in &theirs {
                    self.study.note(event);
                }
            }
            self.session
                .outbox
                .extend(theirs.into_iter().map(|event| Event::InLesson {
                    lesson: lesson.clone(),
                    event: Box::new(event),
                }));
        }
        Some(result)
    }
}
