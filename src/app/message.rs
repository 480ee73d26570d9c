//! What can happen to the reader (a key, a mouse action, a resize, a result from the
//! runtime), and what an update hands back: an effect for the runtime to carry out.

use super::diagram_view::DiagramMessage;
use super::text_field::Caret;

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
    /// Enter in the text: the diagram on screen, alone and full size.
    OpenDiagram,
    Diagram(DiagramMessage),
    /// The manifest as `$EDITOR` left it, or why it could not be edited.
    Edited(Result<String, String>),
    /// `R`: the questions due for review, of every lesson.
    StartReview,
    /// `H`: the course's home screen.
    OpenHome,
    HomeMove(isize),
    /// Enter on the home screen: the lesson chosen.
    HomeOpen,
    /// `L`: the lesson after this one.
    OpenNextLesson,
    /// The class welcomed the reader (again): the presenter's section and open poll.
    ClassJoined {
        section: String,
        poll: Option<(u64, String)>,
    },
    /// The presenter moved to a section (an anchor).
    PresenterAt(String),
    /// `f`: follow the presenter again.
    FollowAgain,
    PollOpened {
        poll: u64,
        question: String,
    },
    PollClosed(u64),
    ClassLost,
    ClassEnded,
    /// The class refused the reader, and why.
    ClassRefused(String),
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
    /// Find the questions due for review and start them (`App::start_review`).
    GatherReview,
    /// Gather each lesson's progress and show the home screen (`App::show_home`).
    ShowHome,
    /// Open this lesson in the reader, where the learner left it.
    OpenLesson(String),
    /// Count the questions due again (a review ended) and `App::set_due` them.
    CountDue,
    Suspend,
    Quit,
}

/// What a screen's update hands back to the app: an effect for the runtime, and a
/// notice for the status bar.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Outcome {
    pub effect: Effect,
    pub notice: Option<String>,
}

impl Outcome {
    pub(super) fn notice(text: impl Into<String>) -> Self {
        Self {
            effect: Effect::None,
            notice: Some(text.into()),
        }
    }

    pub(super) fn effect(effect: Effect) -> Self {
        Self {
            effect,
            notice: None,
        }
    }
}
