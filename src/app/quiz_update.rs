//! The checklist view and the quiz: what each message does to them. No IO; grading is
//! pure, and `$EDITOR` is an effect for the runtime.

use crossterm::event::KeyCode;

use super::quiz_run::{Answer, QuizRun, Step};
use super::text_field::TextField;
use super::{App, Effect, QuizMessage, Screen};
use crate::progress::Event;
use crate::quiz::LessonQuiz;
use crate::quiz::{AnswerError, Kind, Question, Response, find_section, grade};

impl App {
    /// `c`: the checklist view, on the item the learner was last on.
    pub(super) fn open_checklist(&mut self) {
        let selected = match &self.screen {
            Screen::Checklist { selected } => *selected,
            _ => 0,
        };
        self.screen = Screen::Checklist { selected };
    }

    pub(super) fn checklist_move(&mut self, step: isize) {
        if let Screen::Checklist { selected } = &mut self.screen {
            let last = self.lesson.checklist.len().saturating_sub(1);
            *selected = selected.saturating_add_signed(step).min(last);
        }
    }

    pub(super) fn toggle_self_assessed(&mut self) {
        if let Screen::Checklist { selected } = self.screen {
            if let Some(item) = self.lesson.checklist.get(selected) {
                self.record.toggle_self_assessed(item.number);
                let ticked = self.record.self_assessed.contains(&item.number);
                self.session.outbox.push(Event::SelfAssessed {
                    item: item.number,
                    ticked,
                });
                self.refresh_marks();
            }
        }
    }

    /// Enter on a checklist item: its questions, in the author's order.
    pub(super) fn checklist_start(&mut self) {
        let Screen::Checklist { selected } = self.screen else {
            return;
        };
        let Some(item) = self.lesson.checklist.get(selected).map(|item| item.number) else {
            return;
        };
        let Some(quiz) = self.quiz() else {
            self.notice = Some(self.quiz_missing_notice());
            return;
        };
        let queue = quiz.questions_for(item);
        if queue.is_empty() {
            self.notice = Some(self.texts.quiz.no_questions.to_owned());
            return;
        }
        self.start_run(Some(item), queue, Some(selected));
    }

    /// `Q`: every question of the lesson.
    pub(super) fn start_quiz(&mut self) {
        let Some(quiz) = self.quiz() else {
            self.notice = Some(self.quiz_missing_notice());
            return;
        };
        let queue = (0..quiz.questions.len()).collect();
        let back = match self.screen {
            Screen::Checklist { selected } => Some(selected),
            _ => None,
        };
        self.start_run(None, queue, back);
    }

    fn start_run(&mut self, item: Option<usize>, queue: Vec<usize>, back: Option<usize>) {
        let Some(first) = queue.first().and_then(|index| self.fresh_answer(*index)) else {
            return;
        };
        self.suspended_quiz = None;
        self.screen = Screen::Quiz(Box::new(QuizRun::new(item, queue, first, back)));
    }

    fn quiz_missing_notice(&self) -> String {
        match &self.quiz {
            LessonQuiz::Unavailable(reason) => self.texts.quiz.unavailable_because(reason),
            _ => self.texts.quiz.no_quiz.to_owned(),
        }
    }

    /// A new answer to question `index`, from the learner's draft for a manifest.
    fn fresh_answer(&self, index: usize) -> Option<Answer> {
        let question = self.quiz()?.questions.get(index)?;
        let round = match &self.screen {
            Screen::Quiz(run) => run.round,
            _ => 1,
        };
        Some(Answer::new(
            question,
            &self.profile,
            self.drafts.get(&question.id).map(String::as_str),
            round,
        ))
    }

    /// `r` in the text: back to the question left for review.
    pub(super) fn return_to_quiz(&mut self) {
        match self.suspended_quiz.take() {
            Some(run) => self.screen = Screen::Quiz(run),
            None => self.notice = Some(self.texts.quiz.nothing_to_return_to.to_owned()),
        }
    }

    /// The manifest as `$EDITOR` left it.
    pub(super) fn edited(&mut self, result: Result<String, String>) {
        let Screen::Quiz(run) = &mut self.screen else {
            return;
        };
        match result {
            Ok(text) => {
                if let Step::Answering(Answer::Manifest {
                    editor, problem, ..
                }) = &mut run.step
                {
                    editor.set_text(&text);
                    *problem = None;
                }
                self.save_draft();
                self.notice = Some(self.texts.quiz.edited.to_owned());
            }
            Err(reason) => self.notice = Some(self.texts.quiz.not_edited_because(&reason)),
        }
    }

    pub(super) fn quiz_message(&mut self, message: QuizMessage) -> Effect {
        let Screen::Quiz(run) = &self.screen else {
            return Effect::None;
        };
        if let QuizMessage::Scroll(lines) = message {
            let limit = self.quiz_page(run).scroll_limit();
            if let Screen::Quiz(run) = &mut self.screen {
                run.scroll = run.scroll.saturating_add_signed(lines).min(limit);
            }
            return Effect::None;
        }
        let answering = matches!(run.step, Step::Answering(_));
        let answered = matches!(run.step, Step::Answered { .. });
        match message {
            QuizMessage::Leave => self.leave_quiz(),
            QuizMessage::Submit if answering => {
                self.save_draft();
                return self.submit();
            }
            message if answering => return self.answering(message),
            QuizMessage::Next if answered => self.next_question(),
            QuizMessage::Review if answered => self.review(),
            _ => {}
        }
        Effect::None
    }

    /// A key on a question being answered, applied to the answer where it is.
    fn answering(&mut self, message: QuizMessage) -> Effect {
        let Screen::Quiz(run) = &mut self.screen else {
            return Effect::None;
        };
        let Step::Answering(answer) = &mut run.step else {
            return Effect::None;
        };
        let effect = match (answer, message) {
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
        };
        self.save_draft();
        effect
    }

    fn submit(&mut self) -> Effect {
        let Screen::Quiz(run) = &mut self.screen else {
            return Effect::None;
        };
        let Step::Answering(answer) = &mut run.step else {
            return Effect::None;
        };
        let Some(index) = run.queue.get(run.position).copied() else {
            return Effect::None;
        };
        let Some(response) = answer.response() else {
            let notice = if matches!(answer, Answer::Text { .. }) {
                self.texts.quiz.type_first
            } else {
                self.texts.quiz.choose_first
            };
            self.notice = Some(notice.to_owned());
            return Effect::None;
        };
        let Some(quiz) = self.quiz.ready() else {
            return Effect::None;
        };
        let question = &quiz.questions[index];
        let graded = grade(question, &response);
        let Screen::Quiz(run) = &mut self.screen else {
            return Effect::None;
        };
        if let Ok(verdict) = &graded {
            // A wrong choice or short answer is shown with the right one; a manifest's
            // failures say what is wrong, not what is right.
            let reveals = !matches!(question.kind, Kind::Manifest(_));
            let kind = run.note_attempt(index, verdict.right, reveals);
            let given = answer_text(question, &response);
            self.record
                .record(&question.id, &given, verdict.right, kind);
            self.session.outbox.push(Event::Answer {
                question: question.id.clone(),
                answer: given,
                right: verdict.right,
                kind,
            });
        }
        let Step::Answering(answer) = &mut run.step else {
            return Effect::None;
        };
        match graded {
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
            }
            Ok(verdict) => {
                if !verdict.right {
                    run.missed.push(index);
                } else if run.round == 1 {
                    run.right_first_time += 1;
                }
                run.step = Step::Answered {
                    right: verdict.right,
                    failures: verdict.failures,
                    answer: answer.clone(),
                };
                self.refresh_marks();
            }
        }
        Effect::None
    }

    fn next_question(&mut self) {
        let Screen::Quiz(run) = &mut self.screen else {
            return;
        };
        let round = run.round;
        let Some(answer) = run.advance().and_then(|index| self.fresh_answer(index)) else {
            return;
        };
        if let Screen::Quiz(run) = &mut self.screen {
            if run.round != round {
                self.notice = Some(self.texts.quiz.again(run.queue.len()));
            }
            run.step = Step::Answering(answer);
        }
    }

    /// Jumps to the question's section; the run waits in `suspended_quiz`.
    fn review(&mut self) {
        let Screen::Quiz(run) = &self.screen else {
            return;
        };
        let section = run
            .current()
            .and_then(|index| self.quiz()?.questions[index].section.clone())
            .and_then(|name| find_section(&self.lesson.sections, &name));
        let Some(section) = section else {
            self.notice = Some(self.texts.quiz.no_section.to_owned());
            return;
        };
        let Screen::Quiz(run) = std::mem::replace(&mut self.screen, Screen::Reading) else {
            return;
        };
        self.suspended_quiz = Some(run);
        self.finish_layout();
        self.jump_to_section(section);
        self.notice = Some(self.texts.quiz.reviewing.to_owned());
    }

    pub(super) fn leave_quiz(&mut self) {
        self.save_draft();
        let back = match &self.screen {
            Screen::Quiz(run) => run.back_to_checklist,
            _ => None,
        };
        self.screen = match back {
            Some(selected) => Screen::Checklist { selected },
            None => Screen::Reading,
        };
    }

    /// Keeps the manifest being written, so leaving or reviewing loses nothing.
    fn save_draft(&mut self) {
        let Screen::Quiz(run) = &self.screen else {
            return;
        };
        let Step::Answering(Answer::Manifest { editor, .. }) = &run.step else {
            return;
        };
        let Some(id) = run
            .current()
            .and_then(|index| self.quiz().map(|quiz| quiz.questions[index].id.clone()))
        else {
            return;
        };
        let text = editor.text();
        if self.drafts.get(&id) != Some(&text) {
            self.session.outbox.push(Event::Draft {
                question: id.clone(),
                text: text.clone(),
            });
            self.drafts.insert(id, text);
        }
    }

    /// Derives the checklist's state again and lays the text out with it when a marker
    /// changed.
    fn refresh_marks(&mut self) {
        if self.derive_marks() {
            self.reflow();
        }
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
