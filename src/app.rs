//! The reader's state and what can happen to it. `App` routes each message to the
//! screen it is for — the reading screen, the checklist, a quiz run, the help — each a
//! state with its own update; `ui` draws each with a view of its own. `update` turns a
//! message into a state change and an effect for the runtime; nothing here does IO, so
//! the whole reader is testable without a terminal.

mod checklist;
mod diagram_view;
mod follow;
mod geometry;
mod help;
mod home;
mod keymap;
mod message;
mod quiz_page;
mod quiz_route;
mod quiz_run;
mod reader;
mod review;
mod session;
mod study;
mod text_field;

pub use checklist::Checklist;
pub use diagram_view::{DiagramMessage, DiagramView};
pub use follow::{ClassLink, Following};
pub use geometry::{
    CONTENTS_FIRST_ROW, MIN_HEIGHT, MIN_WIDTH, PANEL_PADDING, panel_inside, screen_areas,
};
pub use help::{Help, HelpPage};
pub use home::Home;
pub use keymap::{message_for_event, message_for_key};
pub use message::{Effect, Message, QuizMessage, SavedFile};
pub use quiz_page::QuizPage;
pub use quiz_run::{Answer, ManifestEditor, QuizRun, Step, indent_after};
pub use reader::{Focus, Reader, Search, SearchMatch};
pub use session::{READ_AFTER_MS, Session};
pub use study::Study;
pub use text_field::{Caret, TextField};

use message::Outcome;

use crate::course::Lesson;
use crate::layout::glyphs::Glyphs;
use crate::progress::section_budgets;
use crate::quiz::{LessonQuiz, Quiz};
use crate::strings::Texts;
use crate::theme::Theme;

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
    /// A diagram alone, full size.
    Diagram(Box<DiagramView>),
    /// The course: every lesson and where it stands.
    Home(Box<Home>),
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
    /// The review run on screen, when the quiz is one.
    review: Option<Box<review::Review>>,
    /// Questions due for review, as the runtime last counted them.
    due: usize,
    /// The lesson after this one (id, title), for `L` and the offers.
    next_lesson: Option<(String, String)>,
    /// The next lesson was offered at the end of this one.
    offered_next: bool,
    /// Active time that was not the lesson read's (reviewing other lessons' questions,
    /// choosing on the home screen), counted each tick as the store counts it.
    elsewhere_ms: u64,
    /// The active time counted so far into `elsewhere_ms` or the lesson's.
    counted_ms: u64,
    /// The live class the reader is in (`manabi join`).
    class: Option<Following>,
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
            review: None,
            due: 0,
            next_lesson: None,
            offered_next: false,
            class: None,
            elsewhere_ms: 0,
            counted_ms: 0,
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

    /// The learner's quiz state: of the review on screen, else of the lesson.
    #[must_use]
    pub fn study(&self) -> &Study {
        match &self.review {
            Some(review) if matches!(self.screen, Screen::Quiz(_)) => &review.study,
            _ => &self.study,
        }
    }

    /// The quiz on screen's questions: the review's, else the lesson's when it has a
    /// usable quiz.
    #[must_use]
    pub fn quiz(&self) -> Option<&Quiz> {
        self.study().quiz()
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
        let detached = self.detach(&message);
        let outcome = match message {
            message @ (Message::ClassJoined { .. }
            | Message::PresenterAt(_)
            | Message::FollowAgain
            | Message::PollOpened { .. }
            | Message::PollClosed(_)
            | Message::ClassLost
            | Message::ClassEnded
            | Message::ClassRefused(_)) => self.class_message(message),
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
            Message::OpenDiagram => self.open_diagram(None),
            Message::Click { column, row } => match self.reader.diagram_at(column, row) {
                Some(block) => self.open_diagram(Some(block)),
                None => self.reader.update(message, self.texts),
            },
            Message::Diagram(message) => {
                let view = self.diagram_area();
                if let Screen::Diagram(diagram) = &mut self.screen {
                    diagram.update(message, (usize::from(view.width), usize::from(view.height)));
                }
                Outcome::default()
            }
            Message::Edited(result) => self.edited(result),
            Message::StartReview => Outcome::effect(Effect::GatherReview),
            Message::OpenHome => Outcome::effect(Effect::ShowHome),
            Message::HomeMove(_) | Message::HomeOpen => self.home_message(&message),
            Message::OpenNextLesson => self.open_next_lesson(),
            Message::Suspend => Outcome::effect(Effect::Suspend),
            Message::Quit => Outcome::effect(Effect::Quit),
            message => self.reader.update(message, self.texts),
        };
        self.note_poll_answer();
        if let Some(notice) = outcome
            .notice
            .or(detached.and_then(|detached| detached.notice))
        {
            self.notice = Some(notice);
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
            Screen::Help(_) | Screen::Checklist(_) | Screen::Diagram(_) | Screen::Home(_) => {
                self.screen = Screen::Reading;
            }
            Screen::Quiz(_) => return self.quiz_message(QuizMessage::Leave),
            Screen::Reading => self.reader.cancel(),
        }
        Outcome::default()
    }

    /// The diagram view over the diagram on screen (the first whose lines are all on
    /// screen), or over code block `block` (a click); a notice when there is none, or it
    /// is shown as its source.
    fn open_diagram(&mut self, block: Option<usize>) -> Outcome {
        let diagram = |code: &crate::layout::LaidOutCode| {
            (code.language == "mermaid").then(|| code.source.clone())
        };
        let source = match block {
            Some(block) => self
                .reader
                .layout()
                .code_blocks
                .get(block)
                .and_then(diagram),
            None => self
                .reader
                .code_block_on_screen(diagram)
                .map(|(_, source)| source),
        };
        let Some(source) = source else {
            return Outcome::notice(self.texts.no_diagram);
        };
        let ascii = *self.reader.glyphs() == crate::layout::glyphs::ASCII;
        match crate::diagram::map(&source, ascii, usize::MAX) {
            Some(map) => {
                self.screen = Screen::Diagram(Box::new(DiagramView::new(map)));
                Outcome::default()
            }
            None => Outcome::notice(self.texts.diagram_as_source),
        }
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

#[cfg(test)]
#[path = "app/app_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "app/quiz_tests.rs"]
pub(crate) mod quiz_tests;

#[cfg(test)]
#[path = "app/course_tests.rs"]
mod course_tests;
