//! The reader's state and what can happen to it. `App` routes each message to the
//! screen it is for — the reading screen, the checklist, a quiz run, the help — each a
//! state with its own update; `ui` draws each with a view of its own. `update` turns a
//! message into a state change and an effect for the runtime; nothing here does IO, so
//! the whole reader is testable without a terminal.

mod checklist;
mod help;
mod keymap;
mod quiz_page;
mod quiz_run;
mod reader;
mod session;
mod study;
mod text_field;

pub use checklist::Checklist;
pub use help::{Help, HelpPage};
pub use keymap::{message_for_event, message_for_key};
pub use quiz_page::QuizPage;
pub use quiz_run::{Answer, ManifestEditor, QuizRun, Step, indent_after};
pub use reader::{Focus, Reader, Search, SearchMatch};
pub use session::{READ_AFTER_MS, Session};
pub use study::Study;
pub use text_field::{Caret, TextField};

use ratatui::layout::{Constraint, Layout, Rect};

use checklist::ChecklistNext;
use quiz_run::{QuizContext, QuizNext};

use crate::course::Lesson;
use crate::layout::glyphs::Glyphs;
use crate::progress::section_budgets;
use crate::quiz::{LessonQuiz, Quiz};
use crate::strings::Texts;
use crate::theme::Theme;

/// The smallest terminal the reader works in, columns …
pub const MIN_WIDTH: u16 = 40;
/// … and rows.
pub const MIN_HEIGHT: u16 = 12;
/// The contents pane's first entry is on this row (its title is above).
pub const CONTENTS_FIRST_ROW: u16 = 1;
/// Columns of padding inside a panel's border, each side (help, checklist, quiz).
pub const PANEL_PADDING: u16 = 1;

/// What the reader shows: the reading screen, or a screen over or instead of it.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Reading,
    /// Typing a search (the query is the reader's).
    Searching,
    /// The key list.
    Help(Help),
    /// The lesson's checklist with each item's state.
    Checklist(Checklist),
    /// A quiz in progress, one question a screen.
    Quiz(Box<QuizRun>),
}

/// Something that happened: a key, a mouse action, a resize, the clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    ScrollLines(isize),
    ScrollPages(isize),
    Top,
    Bottom,
    NextSection,
    PreviousSection,
    ToggleContents,
    ToggleFocus,
    ContentsMove(isize),
    ContentsJump,
    /// A click at a screen cell.
    Click {
        column: u16,
        row: u16,
    },
    /// Wheel over a screen cell; `sideways` for Shift+wheel.
    Wheel {
        column: u16,
        row: u16,
        delta: isize,
        sideways: bool,
    },
    /// Scroll the help by lines.
    HelpScroll(isize),
    StartSearch,
    SearchInput(char),
    /// Text pasted into the search prompt.
    SearchPaste(String),
    SearchBackspace,
    SearchSubmit,
    NextMatch,
    PreviousMatch,
    ScrollCode(isize),
    CopyCode,
    SaveCode,
    ShowHelp,
    Cancel,
    Resize {
        width: u16,
        height: u16,
    },
    /// The result of saving a code block, reported back by the runtime.
    Saved(Result<SavedFile, String>),
    /// `c`: the checklist view.
    OpenChecklist,
    ChecklistMove(isize),
    /// Enter on a checklist item: its questions.
    ChecklistStart,
    /// Tick or untick the selected item by hand.
    ToggleSelfAssessed,
    /// `Q`: every question of the lesson.
    StartQuiz,
    /// Back from reviewing a section to the question.
    ReturnToQuiz,
    Quiz(QuizMessage),
    /// The manifest as `$EDITOR` left it, or why it could not be edited.
    Edited(Result<String, String>),
    Suspend,
    Quit,
}

/// Keys on a question's screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuizMessage {
    /// A choice by its shown number (0-based): select it, or toggle it in `multi`.
    Pick(usize),
    Move(isize),
    /// Space in `multi`: toggle the choice under the cursor.
    Toggle,
    /// Enter (Ctrl-S in the editor): grade the answer.
    Submit,
    Input(char),
    Backspace,
    Delete,
    /// Ctrl-U: the short answer before the cursor goes.
    Clear,
    /// ←/→, Home/End in the short answer.
    Caret(Caret),
    /// Text pasted by the terminal (bracketed paste), inserted as it is.
    Paste(String),
    /// Start typing in the manifest editor.
    Edit,
    /// A key for the manifest editor.
    EditorKey(crossterm::event::KeyEvent),
    /// Esc in the editor: back to the question, the draft kept.
    StopEditing,
    /// `e`: edit the manifest in `$EDITOR`.
    ExternalEditor,
    Next,
    /// Scroll a screen taller than the terminal by lines.
    Scroll(isize),
    /// Read the section behind the question, then come back with `r`.
    Review,
    /// Esc: leave the quiz.
    Leave,
}

/// A file `s` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedFile {
    pub path: String,
    /// `NAME.yaml` when it was already there and a numbered name was used instead.
    pub taken: Option<String>,
}

/// What the runtime must do after an update.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Effect {
    #[default]
    None,
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Write a file named `NAME.yaml` (or `NAME-2.yaml` …) without overwriting.
    Save {
        name: String,
        contents: String,
    },
    /// Edit text in the learner's `$EDITOR` and report back with `Message::Edited`.
    EditExternally(String),
    Suspend,
    Quit,
}

/// What a screen's update hands back to the app: an effect for the runtime, and a
/// notice for the status bar.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub effect: Effect,
    pub notice: Option<String>,
}

impl Outcome {
    fn notice(text: impl Into<String>) -> Self {
        Self {
            effect: Effect::None,
            notice: Some(text.into()),
        }
    }

    fn effect(effect: Effect) -> Self {
        Self {
            effect,
            notice: None,
        }
    }
}

/// The reader: the lesson on its reading screen, the screen on top, the learner's quiz
/// state and the study session. It routes each message to the screen it is for.
pub struct App {
    texts: &'static Texts,
    reader: Reader,
    screen: Screen,
    study: Study,
    /// A quiz left to review a section; `r` goes back to it.
    suspended_quiz: Option<Box<QuizRun>>,
    /// A one-line notice in the status bar until the next key (the runtime adds its
    /// own: saving, the store).
    pub notice: Option<String>,
    /// The study clock, reading progress and the events for the progress store (which
    /// the runtime takes).
    pub session: Session,
}

impl App {
    /// A reader at the top of `lesson` for a terminal of `width` × `height`; only the
    /// first screen is laid out (call `finish_layout` once it is drawn).
    #[must_use]
    pub fn new(
        lesson: Lesson,
        theme: Theme,
        glyphs: &'static Glyphs,
        texts: &'static Texts,
        size: (u16, u16),
    ) -> Self {
        // The session clock starts at 0 on the runtime's scale.
        let session = Session::new(0, lesson.sections.len(), section_budgets(&lesson));
        let study = Study::new(lesson.checklist.len());
        let reader = Reader::new(lesson, theme, glyphs, study.task_marks(), size);
        Self {
            texts,
            reader,
            screen: Screen::Reading,
            study,
            suspended_quiz: None,
            notice: None,
            session,
        }
    }

    #[must_use]
    pub fn lesson(&self) -> &Lesson {
        self.reader.lesson()
    }

    #[must_use]
    pub fn theme(&self) -> &Theme {
        self.reader.theme()
    }

    #[must_use]
    pub fn glyphs(&self) -> &'static Glyphs {
        self.reader.glyphs()
    }

    #[must_use]
    pub fn texts(&self) -> &'static Texts {
        self.texts
    }

    /// The reading screen.
    #[must_use]
    pub fn reader(&self) -> &Reader {
        &self.reader
    }

    /// The screen on top.
    #[must_use]
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The learner's quiz state.
    #[must_use]
    pub fn study(&self) -> &Study {
        &self.study
    }

    /// The lesson's quiz when it has a usable one.
    #[must_use]
    pub fn quiz(&self) -> Option<&Quiz> {
        self.study.quiz()
    }

    /// Whether a quiz waits for the learner to come back from reviewing a section.
    #[must_use]
    pub fn has_suspended_quiz(&self) -> bool {
        self.suspended_quiz.is_some()
    }

    /// Whether the terminal is below the minimum size.
    #[must_use]
    pub fn is_too_small(&self) -> bool {
        self.reader.is_too_small()
    }

    /// Gives the lesson its quiz (loaded after the first frame).
    pub fn set_quiz(&mut self, quiz: LessonQuiz) {
        self.study.set_quiz(quiz);
        self.sync_marks();
    }

    /// Who is learning: choice orders are shuffled for them.
    pub fn set_profile(&mut self, profile: String) {
        self.study.set_profile(profile);
    }

    /// Changes the structure glyphs (ASCII for ambiguous-wide terminals) and relays.
    pub fn set_glyphs(&mut self, glyphs: &'static Glyphs) {
        self.reader.set_glyphs(glyphs);
    }

    /// Changes the theme (once the terminal said its background) and relays.
    pub fn set_theme(&mut self, theme: Theme) {
        self.reader.set_theme(theme);
    }

    /// Lays out the rest of the lesson: called after a frame is drawn, and before
    /// anything that needs the whole layout (the end, search, percentages).
    pub fn finish_layout(&mut self) {
        self.reader.finish_layout();
    }

    /// The rows above the status and hint rows, where the screens go.
    fn body(&self) -> Rect {
        let (width, height) = self.reader.size();
        let [body, _, _] = screen_areas(Rect::new(0, 0, width, height));
        body
    }

    /// How far the help scrolls in the app's terminal.
    #[must_use]
    pub fn help_scroll_limit(&self) -> usize {
        HelpPage::scroll_limit(self, self.body())
    }

    /// The quiz screen as the app's terminal shows it: the panel fills the rows above
    /// the status and hint rows.
    #[must_use]
    pub fn quiz_page(&self, run: &QuizRun) -> QuizPage {
        QuizPage::lay_out(self, run, panel_inside(self.body()))
    }

    /// Applies a message; the returned effect is for the runtime to carry out.
    // One arm per message, each routed to its screen: the table reads best whole.
    pub fn update(&mut self, message: Message) -> Effect {
        if !matches!(
            message,
            Message::Resize { .. } | Message::Saved(_) | Message::Edited(_)
        ) {
            self.notice = None;
        }
        if !matches!(message, Message::Resize { .. }) {
            self.reader.finish_layout();
        }
        let outcome = match message {
            Message::Resize { width, height } => {
                self.reader.resize(width, height);
                Outcome::default()
            }
            Message::Saved(result) => Outcome::notice(match result {
                Ok(saved) => self.texts.saved_to(&saved.path, saved.taken.as_deref()),
                Err(reason) => self.texts.not_saved_because(&reason),
            }),
            Message::StartSearch => {
                self.reader.start_search();
                self.screen = Screen::Searching;
                Outcome::default()
            }
            Message::SearchSubmit => {
                self.screen = Screen::Reading;
                Outcome::notice(self.reader.match_notice(self.texts))
            }
            Message::ShowHelp => {
                self.screen = match self.screen {
                    Screen::Help(_) => Screen::Reading,
                    _ => Screen::Help(Help::default()),
                };
                Outcome::default()
            }
            Message::HelpScroll(lines) => {
                let limit = self.help_scroll_limit();
                if let Screen::Help(help) = &mut self.screen {
                    help.scroll(lines, limit);
                }
                Outcome::default()
            }
            Message::Cancel => self.cancel(),
            Message::OpenChecklist => {
                if !matches!(self.screen, Screen::Checklist(_)) {
                    self.screen = Screen::Checklist(Checklist::default());
                }
                Outcome::default()
            }
            Message::ChecklistMove(_) | Message::ChecklistStart | Message::ToggleSelfAssessed => {
                self.checklist(&message)
            }
            Message::StartQuiz => self.start_quiz(),
            Message::ReturnToQuiz => match self.suspended_quiz.take() {
                Some(run) => {
                    self.screen = Screen::Quiz(run);
                    Outcome::default()
                }
                None => Outcome::notice(self.texts.quiz.nothing_to_return_to),
            },
            Message::Quiz(message) => self.quiz_message(message),
            Message::Edited(result) => self.edited(result),
            Message::Suspend => Outcome::effect(Effect::Suspend),
            Message::Quit => Outcome::effect(Effect::Quit),
            message => self.reader.update(message, self.texts),
        };
        if outcome.notice.is_some() {
            self.notice = outcome.notice;
        }
        outcome.effect
    }

    /// Esc: out of the screen on top, or out of the contents pane or search.
    fn cancel(&mut self) -> Outcome {
        match self.screen {
            Screen::Searching => {
                self.reader.cancel_search();
                self.screen = Screen::Reading;
            }
            Screen::Help(_) | Screen::Checklist(_) => self.screen = Screen::Reading,
            Screen::Quiz(_) => return self.quiz_message(QuizMessage::Leave),
            Screen::Reading => self.reader.cancel(),
        }
        Outcome::default()
    }

    /// A key on the checklist.
    fn checklist(&mut self, message: &Message) -> Outcome {
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
    fn start_quiz(&mut self) -> Outcome {
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

    fn start_run(&mut self, item: Option<usize>, queue: Vec<usize>, back: Option<usize>) {
        let Some(first) = queue
            .first()
            .and_then(|index| self.study.fresh_answer(*index, 1))
        else {
            return;
        };
        self.suspended_quiz = None;
        self.screen = Screen::Quiz(Box::new(QuizRun::new(item, queue, first, back)));
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
    fn quiz_message(&mut self, message: QuizMessage) -> Outcome {
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
        let Screen::Quiz(mut run) = std::mem::replace(&mut self.screen, Screen::Reading) else {
            return Outcome::default();
        };
        let mut context = QuizContext {
            study: &mut self.study,
            outbox: &mut self.session.outbox,
            texts: self.texts,
            sections: &self.reader.lesson().sections,
        };
        let (outcome, next) = run.update(message, &mut context);
        match next {
            QuizNext::Stay => self.screen = Screen::Quiz(run),
            QuizNext::Leave => {
                if let Some(selected) = run.back_to_checklist() {
                    self.screen = Screen::Checklist(Checklist::at(selected));
                }
            }
            QuizNext::Review(section) => {
                self.suspended_quiz = Some(run);
                self.reader.jump_to_section(section);
            }
        }
        self.sync_marks();
        outcome
    }

    /// The manifest as `$EDITOR` left it.
    fn edited(&mut self, result: Result<String, String>) -> Outcome {
        let Screen::Quiz(run) = &mut self.screen else {
            return Outcome::default();
        };
        let mut context = QuizContext {
            study: &mut self.study,
            outbox: &mut self.session.outbox,
            texts: self.texts,
            sections: &self.reader.lesson().sections,
        };
        run.edited(result, &mut context)
    }

    /// Puts a screen on top, as the tests of its view need.
    #[cfg(test)]
    pub(crate) fn show(&mut self, screen: Screen) {
        self.screen = screen;
    }

    /// The text's checklist markers follow the learner's answers and ticks; the text is
    /// laid out again when one changed.
    fn sync_marks(&mut self) {
        if self.reader.set_task_marks(self.study.task_marks()) {
            self.reader.reflow();
        }
    }
}

/// The terminal's areas: the screens, then the status bar and the key hints a row each.
#[must_use]
pub fn screen_areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// The inside of a panel over `area`: its border, and the padding each side.
#[must_use]
pub fn panel_inside(area: Rect) -> Rect {
    let side = 1 + PANEL_PADDING;
    Rect {
        x: area.x.saturating_add(side),
        y: area.y.saturating_add(1),
        width: area.width.saturating_sub(2 * side),
        height: area.height.saturating_sub(2),
    }
}

#[cfg(test)]
#[path = "app/app_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "app/quiz_tests.rs"]
pub(crate) mod quiz_tests;
