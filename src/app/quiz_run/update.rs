//! A quiz run's update: keys on a question, grading, the next question, and the way out
//! (leave, or review the section behind the question). No IO; grading is pure, and
//! `$EDITOR` is an effect for the runtime.

use crossterm::event::KeyCode;

use super::{Answer, QuizRun, Step};
use crate::app::text_field::TextField;
use crate::app::{Effect, Outcome, QuizMessage, Study};
use crate::course::Section;
use crate::progress::Event;
use crate::quiz::{AnswerError, Kind, Question, Recall, Response, find_section, grade};
use crate::strings::Texts;

/// What a run's update works with besides the run.
pub(in crate::app) struct QuizContext<'a> {
    pub study: &'a mut Study,
    pub outbox: &'a mut Vec<Event>,
    pub texts: &'static Texts,
    pub sections: &'a [Section],
    /// The study clock's active time now.
    pub now: u64,
}

/// Where the learner goes after a key on a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::app) enum QuizNext {
    Stay,
    /// Back to the checklist entry the run came from, or to the text.
    Leave,
    /// To this section of the text; the run waits to be taken up with `r`.
    Review(usize),
}

impl QuizRun {
    /// Applies a key on a question (scrolling is the app's: it knows the page): the
    /// run changed, an outcome, and where to go.
    pub(in crate::app) fn update(
        &mut self,
        message: QuizMessage,
        context: &mut QuizContext<'_>,
    ) -> (Outcome, QuizNext) {
        let answering = matches!(self.step, Step::Answering(_));
        let answered = matches!(self.step, Step::Answered { .. });
        let outcome = match message {
            QuizMessage::Leave => {
                self.keep_draft(context);
                return (Outcome::default(), QuizNext::Leave);
            }
            QuizMessage::Submit if answering => {
                self.keep_draft(context);
                self.submit(context)
            }
            message if answering => {
                let effect = self.answering(message);
                self.keep_draft(context);
                Outcome::effect(effect)
            }
            QuizMessage::Next if answered => self.next_question(context),
            QuizMessage::Review if answered => return self.review(context),
            _ => Outcome::default(),
        };
        (outcome, QuizNext::Stay)
    }

    /// The manifest as `$EDITOR` left it.
    pub(in crate::app) fn edited(
        &mut self,
        result: Result<String, String>,
        context: &mut QuizContext<'_>,
    ) -> Outcome {
        match result {
            Ok(text) => {
                if let Step::Answering(Answer::Manifest {
                    editor, problem, ..
                }) = &mut self.step
                {
                    editor.set_text(&text);
                    *problem = None;
                }
                self.keep_draft(context);
                Outcome::notice(context.texts.quiz.edited)
            }
            Err(reason) => Outcome::notice(context.texts.quiz.not_edited_because(&reason)),
        }
    }

    /// A key on a question being answered, applied to the answer where it is.
    // One arm per kind of answer and key: the table reads best whole.
    fn answering(&mut self, message: QuizMessage) -> Effect {
        let Step::Answering(answer) = &mut self.step else {
            return Effect::None;
        };
        match (answer, message) {
            (Answer::Choice { selected, order }, QuizMessage::Pick(position)) => {
                if position < order.len() {
                    *selected = Some(position);
                }
                Effect::None
            }
            (Answer::Choice { selected, order }, QuizMessage::Move(step)) => {
                let last = order.len().saturating_sub(1);
                *selected = Some(match selected {
                    Some(position) => position.saturating_add_signed(step).min(last),
                    None if step < 0 => last,
                    None => 0,
                });
                Effect::None
            }
            (Answer::Multi { marked, cursor, .. }, QuizMessage::Pick(position)) => {
                if let Some(mark) = marked.get_mut(position) {
                    *mark = !*mark;
                    *cursor = position;
                }
                Effect::None
            }
            (Answer::Multi { marked, cursor, .. }, QuizMessage::Move(step)) => {
                *cursor = cursor
                    .saturating_add_signed(step)
                    .min(marked.len().saturating_sub(1));
                Effect::None
            }
            (Answer::Multi { marked, cursor, .. }, QuizMessage::Toggle) => {
                if let Some(mark) = marked.get_mut(*cursor) {
                    *mark = !*mark;
                }
                Effect::None
            }
            (Answer::Text { input }, message) => {
                edit_text(input, message);
                Effect::None
            }
            // A paste while the draft is shown starts editing: the learner meant to type.
            (
                Answer::Manifest {
                    editor,
                    editing,
                    problem,
                },
                QuizMessage::Paste(text),
            ) => {
                *editing = true;
                editor.paste(&text);
                *problem = None;
                Effect::None
            }
            (Answer::Manifest { editing, .. }, QuizMessage::Edit) => {
                *editing = true;
                Effect::None
            }
            (Answer::Manifest { editing, .. }, QuizMessage::StopEditing) => {
                *editing = false;
                Effect::None
            }
            (Answer::Manifest { editor, .. }, QuizMessage::ExternalEditor) => {
                Effect::EditExternally(editor.text())
            }
            (
                Answer::Manifest {
                    editor, problem, ..
                },
                QuizMessage::EditorKey(key),
            ) => {
                if key.code == KeyCode::Enter {
                    editor.new_line();
                } else {
                    editor.area.input(key);
                }
                *problem = None;
                Effect::None
            }
            _ => Effect::None,
        }
    }

    fn submit(&mut self, context: &mut QuizContext<'_>) -> Outcome {
        let Step::Answering(answer) = &mut self.step else {
            return Outcome::default();
        };
        let Some(index) = self.queue.get(self.position).copied() else {
            return Outcome::default();
        };
        let Some(response) = answer.response() else {
            return Outcome::notice(if matches!(answer, Answer::Text { .. }) {
                context.texts.quiz.type_first
            } else {
                context.texts.quiz.choose_first
            });
        };
        let Some(question) = context.study.quiz().map(|quiz| &quiz.questions[index]) else {
            return Outcome::default();
        };
        let graded = grade(question, &response);
        let verdict = match graded {
            Err(error) => {
                if let Answer::Manifest {
                    editor,
                    editing,
                    problem,
                } = answer
                {
                    if let AnswerError::Syntax { line, column, .. } = &error {
                        editor.point_at(*line, *column);
                        *editing = true;
                    }
                    *problem = Some(error);
                }
                return Outcome::default();
            }
            Ok(verdict) => verdict,
        };
        // A wrong choice or short answer is shown with the right one; a manifest's
        // failures say what is wrong, not what is right.
        let reveals = !matches!(question.kind, Kind::Manifest(_));
        let given = answer_text(question, &response);
        let id = question.id.clone();
        let answer = answer.clone();
        let took = context.now.saturating_sub(self.shown_at);
        let recall = Recall::of(&question.kind, verdict.right, Some(took));
        let kind = self.note_attempt(index, verdict.right, reveals);
        context.study.record_answer(
            &id,
            given,
            (verdict.right, kind),
            (took, recall),
            context.outbox,
        );
        if !verdict.right {
            self.missed.push(index);
        } else if self.round == 1 {
            self.right_first_time += 1;
        }
        self.step = Step::Answered {
            right: verdict.right,
            failures: verdict.failures,
            answer,
        };
        Outcome::default()
    }

    fn next_question(&mut self, context: &QuizContext<'_>) -> Outcome {
        let round = self.round;
        let Some(answer) = self
            .advance()
            .and_then(|index| context.study.fresh_answer(index, self.round))
        else {
            return Outcome::default();
        };
        self.step = Step::Answering(answer);
        self.shown_at = context.now;
        if self.round == round {
            Outcome::default()
        } else {
            Outcome::notice(context.texts.quiz.again(self.queue.len()))
        }
    }

    /// The question's section, to read before coming back.
    fn review(&self, context: &QuizContext<'_>) -> (Outcome, QuizNext) {
        let section = self
            .current()
            .and_then(|index| context.study.quiz()?.questions[index].section.clone())
            .and_then(|name| find_section(context.sections, &name));
        match section {
            Some(section) => (
                Outcome::notice(context.texts.quiz.reviewing),
                QuizNext::Review(section),
            ),
            None => (
                Outcome::notice(context.texts.quiz.no_section),
                QuizNext::Stay,
            ),
        }
    }

    /// Keeps the manifest being written, so leaving or reviewing loses nothing.
    fn keep_draft(&self, context: &mut QuizContext<'_>) {
        let Step::Answering(Answer::Manifest { editor, .. }) = &self.step else {
            return;
        };
        let Some(id) = self.current().and_then(|index| {
            context
                .study
                .quiz()
                .map(|quiz| quiz.questions[index].id.clone())
        }) else {
            return;
        };
        context.study.keep_draft(&id, editor.text(), context.outbox);
    }
}

/// The answer as the log keeps it: the chosen choices' text, the short answer, or the
/// manifest.
fn answer_text(question: &Question, response: &Response) -> String {
    let choice = |index: &usize| {
        question
            .kind
            .choices()
            .get(*index)
            .cloned()
            .unwrap_or_default()
    };
    match (response, &question.kind) {
        (Response::Choice(index), Kind::Choice { .. }) => choice(index),
        (Response::Multi(indices), Kind::Multi { .. }) => {
            indices.iter().map(choice).collect::<Vec<_>>().join(" | ")
        }
        (Response::Text(text) | Response::Manifest(text), _) => text.clone(),
        _ => String::new(),
    }
}

/// A key or paste in the short-answer field.
fn edit_text(input: &mut TextField, message: QuizMessage) {
    match message {
        QuizMessage::Input(character) => input.insert(character),
        QuizMessage::Paste(text) => input.paste(&text),
        QuizMessage::Backspace => input.backspace(),
        QuizMessage::Delete => input.delete(),
        QuizMessage::Clear => input.kill_to_start(),
        QuizMessage::Caret(caret) => input.move_caret(caret),
        _ => {}
    }
}
