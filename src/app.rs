//! The reader's state and what can happen to it. `update` turns a message into a state
//! change and an effect for the runtime to carry out; nothing here does IO, so the whole
//! reader is testable without a terminal.

mod help_page;
mod keymap;
mod quiz_page;
mod quiz_run;
mod quiz_update;
mod search;
mod session;
mod text_field;
mod update;

pub use help_page::HelpPage;
pub use keymap::{message_for_event, message_for_key};
pub use quiz_page::QuizPage;
pub use quiz_run::{Answer, ManifestEditor, QuizRun, Step, indent_after};
pub use search::Search;
pub use search::SearchMatch;
pub use session::{READ_AFTER_MS, Session};
pub use text_field::{Caret, TextField};

use std::collections::HashMap;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::course::{Block, Lesson};
use crate::layout::glyphs::Glyphs;
use crate::layout::{LaidOutCode, LaidOutLesson, LayoutOptions, TaskMark};
use crate::progress::section_budgets;
use crate::quiz::{ChecklistMark, LessonQuiz, Mastery, Quiz, QuizRecord};
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
/// Prose is laid out at most this wide: long lines are hard to read.
const MAX_TEXT_WIDTH: usize = 100;
/// The contents pane is shown by default from this terminal width up.
const CONTENTS_MIN_WIDTH: u16 = 70;

/// What the reader shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    Reading,
    /// Typing a search (the query is `App::search.query`).
    Searching,
    /// The key list; the number of lines scrolled past.
    Help(usize),
    /// The lesson's checklist with each item's state; the selected entry.
    Checklist {
        selected: usize,
    },
    /// A quiz in progress, one question a screen.
    Quiz(Box<QuizRun>),
}

/// Which pane keys go to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Contents,
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
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

/// The reader: the lesson, its layout for the current size, and what the learner did.
pub struct App {
    pub lesson: Lesson,
    pub theme: Theme,
    pub glyphs: &'static Glyphs,
    pub texts: &'static Texts,
    pub layout: LaidOutLesson,
    pub screen: Screen,
    pub focus: Focus,
    /// `None` until the learner toggles it: then the terminal width decides.
    contents_wanted: Option<bool>,
    pub contents_selected: usize,
    /// The first line of the reading pane.
    pub top: usize,
    /// Terminal size.
    pub width: u16,
    pub height: u16,
    /// Sideways scroll of each code block, in columns.
    pub code_offsets: Vec<usize>,
    pub search: Search,
    /// A one-line notice in the status bar until the next key.
    pub notice: Option<String>,
    /// A section reached by a jump whose heading cannot scroll to the top (the last
    /// page): it is current until the learner scrolls.
    pinned_section: Option<usize>,
    /// Who is learning: choice orders are shuffled for them.
    pub profile: String,
    /// The lesson's quiz, read after the first frame (`set_quiz`).
    quiz: LessonQuiz,
    /// The learner's quiz answers and self-assessments.
    pub record: QuizRecord,
    /// Each checklist item's state, derived from `record`.
    pub marks: Vec<ChecklistMark>,
    /// The same as the lesson text's task markers show them.
    task_marks: Vec<TaskMark>,
    /// Manifest answers in progress, by question id, so leaving loses nothing.
    pub drafts: HashMap<String, String>,
    /// A quiz left to review a section; `r` goes back to it.
    pub suspended_quiz: Option<Box<QuizRun>>,
    /// The study clock, reading progress and the events for the progress store.
    pub session: Session,
}

/// Rows of chrome around the reading pane: status bar and key hint.
const CHROME_ROWS: u16 = 2;

impl App {
    /// A reader at the top of `lesson` for a terminal of `width` × `height`; only the
    /// first screen is laid out (call `finish_layout` once it is drawn).
    #[must_use]
    pub fn new(
        lesson: Lesson,
        theme: Theme,
        glyphs: &'static Glyphs,
        texts: &'static Texts,
        (width, height): (u16, u16),
    ) -> Self {
        // The session clock starts at 0 on the runtime's scale.
        let session = Session::new(0, lesson.sections.len(), section_budgets(&lesson));
        let mut app = Self {
            lesson,
            theme,
            glyphs,
            texts,
            layout: LaidOutLesson::new(1),
            screen: Screen::Reading,
            focus: Focus::Text,
            contents_wanted: None,
            contents_selected: 0,
            top: 0,
            width,
            height,
            code_offsets: Vec::new(),
            search: Search::default(),
            notice: None,
            pinned_section: None,
            profile: String::from("learner"),
            record: QuizRecord::default(),
            marks: Vec::new(),
            task_marks: Vec::new(),
            quiz: LessonQuiz::Absent,
            drafts: HashMap::new(),
            suspended_quiz: None,
            session,
        };
        app.derive_marks();
        app.relayout(0);
        app
    }

    /// Gives the lesson its quiz (loaded after the first frame).
    pub fn set_quiz(&mut self, quiz: LessonQuiz) {
        self.quiz = quiz;
        if self.derive_marks() {
            self.reflow();
        }
    }

    /// Derives each checklist item's state from the record again; whether a marker the
    /// text shows changed (then the layout must be redone).
    pub(crate) fn derive_marks(&mut self) -> bool {
        self.marks = self.record.marks(self.quiz(), self.lesson.checklist.len());
        let task_marks: Vec<TaskMark> = self.marks.iter().map(task_mark).collect();
        let changed = task_marks != self.task_marks;
        self.task_marks = task_marks;
        changed
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

    /// Whether the contents pane is on screen.
    #[must_use]
    pub fn contents_visible(&self) -> bool {
        self.contents_wanted
            .unwrap_or(self.width >= CONTENTS_MIN_WIDTH)
            && !self.is_too_small()
    }

    /// The rows above the status and hint rows, where the screens go.
    fn body(&self) -> Rect {
        let [body, _, _] = screen_areas(Rect::new(0, 0, self.width, self.height));
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

    /// Whether the terminal is below the minimum size.
    #[must_use]
    pub fn is_too_small(&self) -> bool {
        self.width < MIN_WIDTH || self.height < MIN_HEIGHT
    }

    /// Columns of the contents pane, border included.
    #[must_use]
    pub fn contents_width(&self) -> u16 {
        if !self.contents_visible() {
            return 0;
        }
        // As wide as the longest entry (marker, indentation, border), within a quarter
        // of a narrow terminal and a third of a wide one.
        let longest = self
            .lesson
            .sections
            .iter()
            .map(|section| {
                2 * usize::from(section.level.saturating_sub(1))
                    + crate::text::display_width(&section.title)
            })
            .max()
            .unwrap_or(0)
            + 3;
        let most = if self.width >= 100 {
            self.width / 3
        } else {
            self.width / 4
        };
        u16::try_from(longest)
            .unwrap_or(u16::MAX)
            .clamp(20, most.clamp(20, 40))
    }

    /// Rows of the reading pane.
    #[must_use]
    pub fn page_height(&self) -> usize {
        usize::from(self.height.saturating_sub(CHROME_ROWS)).max(1)
    }

    /// Columns the text is laid out for: the reading pane less a margin each side.
    #[must_use]
    pub fn text_width(&self) -> usize {
        usize::from(self.width.saturating_sub(self.contents_width()))
            .saturating_sub(2)
            .clamp(1, MAX_TEXT_WIDTH)
    }

    fn layout_options(&self) -> LayoutOptions<'_> {
        LayoutOptions {
            width: self.text_width(),
            theme: &self.theme,
            glyphs: self.glyphs,
            checklist: &self.task_marks,
        }
    }

    /// Lays the lesson out again for the current size and looks, keeping top-level
    /// block `keep_block` first on screen.
    pub fn relayout(&mut self, keep_block: usize) {
        let page = self.page_height();
        let options = self.layout_options();
        let mut layout = LaidOutLesson::new(options.width);
        let keep_block = keep_block.min(self.lesson.blocks.len().saturating_sub(1));
        while layout.block_starts.len() <= keep_block && !layout.is_complete(&self.lesson) {
            layout.extend_to(&self.lesson, &options, layout.lines.len() + 1);
        }
        let start = layout.block_starts.get(keep_block).copied().unwrap_or(0);
        layout.extend_to(&self.lesson, &options, start + page + 1);
        self.layout = layout;
        self.top = start.min(self.max_top());
        self.search.refresh(&self.layout);
        self.code_offsets.resize(self.layout.code_blocks.len(), 0);
        self.clamp_code_offsets();
    }

    /// After a resize the pane may show more of each code line: offsets shrink to fit.
    fn clamp_code_offsets(&mut self) {
        for block in 0..self.code_offsets.len() {
            let limit = self.code_scroll_limit(block);
            self.code_offsets[block] = self.code_offsets[block].min(limit);
        }
    }

    /// How far a code block can scroll sideways: its widest line past the pane's edge.
    #[must_use]
    pub fn code_scroll_limit(&self, block: usize) -> usize {
        let Some(code) = self.layout.code_blocks.get(block) else {
            return 0;
        };
        let text_column = self.layout.lines[code.lines.clone()]
            .iter()
            .find_map(|laid| laid.code.and_then(|line| line.text_column))
            .unwrap_or(0);
        let pane = usize::from(self.width.saturating_sub(self.contents_width())).saturating_sub(1);
        (text_column + code.width).saturating_sub(pane)
    }

    /// Lays out the rest of the lesson: called after a frame is drawn, and before
    /// anything that needs the whole layout (the end, search, percentages).
    pub fn finish_layout(&mut self) {
        self.lay_out_to(usize::MAX);
    }

    /// Lays out more of the lesson, until it has `lines` lines or is complete.
    pub fn lay_out_to(&mut self, lines: usize) {
        if self.layout.is_complete(&self.lesson) || self.layout.lines.len() >= lines {
            return;
        }
        let options = LayoutOptions {
            width: self.layout.width,
            theme: &self.theme,
            glyphs: self.glyphs,
            checklist: &self.task_marks,
        };
        self.layout.extend_to(&self.lesson, &options, lines);
        self.code_offsets.resize(self.layout.code_blocks.len(), 0);
        self.clamp_code_offsets();
        self.search.refresh(&self.layout);
    }

    /// Changes the structure glyphs (ASCII for ambiguous-wide terminals) and relays.
    pub fn set_glyphs(&mut self, glyphs: &'static Glyphs) {
        self.glyphs = glyphs;
        self.reflow();
    }

    /// Changes the theme (once the terminal said its background) and relays.
    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
        self.reflow();
    }

    /// Lays the whole lesson out again after a change of size or looks, keeping the
    /// reading position: the first visible block stays first (and a code block, whose
    /// lines never reflow, keeps its line); a search's starting point moves with it.
    pub fn reflow(&mut self) {
        let block = self.top_block();
        let within = self.top - self.layout.block_starts.get(block).copied().unwrap_or(0);
        let origin_block = self.block_of(self.search.origin);
        self.relayout(block);
        self.finish_layout();
        if matches!(
            self.lesson.blocks.get(block),
            Some(Block::Code(_) | Block::Diagram(_))
        ) {
            self.top = (self.top + within).min(self.max_top());
        }
        self.search.origin = self
            .layout
            .block_starts
            .get(origin_block)
            .copied()
            .unwrap_or(0);
        if !self.contents_visible() {
            self.focus = Focus::Text;
        }
    }

    /// The top-level block a line belongs to.
    fn block_of(&self, line: usize) -> usize {
        self.layout
            .block_starts
            .partition_point(|start| *start <= line)
            .saturating_sub(1)
    }

    /// The top-level block the first visible line belongs to.
    #[must_use]
    pub fn top_block(&self) -> usize {
        self.block_of(self.top)
    }

    /// The last line that can be first on screen.
    fn max_top(&self) -> usize {
        self.layout.lines.len().saturating_sub(self.page_height())
    }

    /// The section the reading position is in.
    #[must_use]
    pub fn current_section(&self) -> Option<usize> {
        self.pinned_section.or_else(|| {
            self.layout
                .section_starts
                .partition_point(|start| *start <= self.top)
                .checked_sub(1)
        })
    }

    /// The code block `y`, `s`, `h` and `l` act on: the first one with a line of code
    /// on screen (a block showing only its closing frame does not count).
    #[must_use]
    pub fn marked_code_block(&self) -> Option<usize> {
        self.code_block_on_screen(|_| Some(()))
            .map(|(block, ())| block)
    }

    /// The code block `y` and `s` act on among those `pick` takes (with what it made of
    /// it): the first whose lines are all on screen, else the first with a line of code
    /// on screen (a block taller than the screen). A diagram half off the top does not
    /// hide the manifest below.
    pub fn code_block_on_screen<T>(
        &self,
        pick: impl Fn(&LaidOutCode) -> Option<T>,
    ) -> Option<(usize, T)> {
        let end = (self.top + self.page_height()).min(self.layout.lines.len());
        let mut shown: Vec<usize> = Vec::new();
        for laid in self.layout.lines.get(self.top..end)? {
            if let Some(line) = laid.code.filter(|line| line.text_column.is_some()) {
                if shown.last() != Some(&line.block) {
                    shown.push(line.block);
                }
            }
        }
        let mut picked: Vec<(usize, T)> = shown
            .into_iter()
            .filter_map(|block| Some((block, pick(self.layout.code_blocks.get(block)?)?)))
            .collect();
        let whole = picked.iter().position(|(block, _)| {
            let lines = &self.layout.code_blocks[*block].lines;
            lines.start >= self.top && lines.end <= end
        });
        match whole {
            Some(index) => Some(picked.swap_remove(index)),
            None if picked.is_empty() => None,
            None => Some(picked.swap_remove(0)),
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

/// How the lesson text marks a checklist item in this state: mastery first, then a tick
/// by hand.
fn task_mark(mark: &ChecklistMark) -> TaskMark {
    match mark.mastery {
        Mastery::Mastered => TaskMark::Done,
        _ if mark.self_assessed => TaskMark::SelfAssessed,
        Mastery::Partly => TaskMark::Partly,
        Mastery::NotTried => TaskMark::Open,
    }
}

#[cfg(test)]
#[path = "app/app_tests.rs"]
pub(crate) mod tests;

#[cfg(test)]
#[path = "app/quiz_tests.rs"]
pub(crate) mod quiz_tests;
