//! `manabi present`: the lesson one slide a screen for a room, with the agenda clock; and
//! the notes window that follows it. State and updates only: time comes in from the
//! runtime (wall-clock milliseconds), so both are tested without a terminal.

use std::collections::HashMap;
use std::ops::Range;

use super::ClassPanel;
use super::live::LiveClass;
use super::{AgendaClock, PageBlock, PresenterState, Slide, SlidePlan, paginate, slides};
use crate::app::DiagramView;
use crate::class::ClassSnapshot;
use crate::course::{Block, Lesson};
use crate::diagram::DiagramMap;
use crate::layout::glyphs::{ASCII, Glyphs};
use crate::layout::{LaidOutLesson, LayoutOptions, lay_out};
use crate::progress::section_budgets;
use crate::strings::Texts;
use crate::theme::Theme;

/// Rows above the text and for the footer (with a row of space above it).
const TOP_ROWS: u16 = 1;
const FOOTER_ROWS: u16 = 2;
/// The widest a line of presented text gets, however wide the projector.
const MAX_TEXT_WIDTH: u16 = 110;

/// What a key does in the presenting window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PresentMessage {
    Next,
    Previous,
    /// A digit of a section number being typed.
    Digit(u32),
    /// Enter: go to the section typed.
    Go,
    /// Esc: forget the number typed, show the screen again.
    Cancel,
    /// `b`: a black screen, and back.
    Blank,
    /// `p`: pause or resume the agenda clock.
    Pause,
    /// `R`: the agenda clock back to 0:00 (a rehearsal's clock must not run into the
    /// talk).
    RestartClock,
    /// `r` on start after an interrupted talk: start afresh (`Enter` takes it up); in a
    /// live class, the open poll's answers on the projector.
    Restart,
    /// `P` in a live class: the section's questions, to poll the class.
    Polls,
    Resize {
        width: u16,
        height: u16,
    },
    Quit,
}

/// The talk both windows show: the lesson, its slides and plan, and how to draw them.
pub struct Talk {
    pub lesson: Lesson,
    pub theme: Theme,
    pub glyphs: &'static Glyphs,
    pub texts: &'static Texts,
    pub slides: Vec<Slide>,
    pub plan: SlidePlan,
}

impl Talk {
    #[must_use]
    pub fn new(
        lesson: Lesson,
        theme: Theme,
        glyphs: &'static Glyphs,
        texts: &'static Texts,
    ) -> Self {
        let slides = slides(&lesson);
        let plan = SlidePlan::new(&slides, &section_budgets(&lesson));
        Self {
            lesson,
            theme,
            glyphs,
            texts,
            slides,
            plan,
        }
    }
}

/// The presenting window.
pub struct Presenter {
    pub talk: Talk,
    pub width: u16,
    pub height: u16,
    pub layout: LaidOutLesson,
    /// Each slide's screens, as line ranges of `layout`.
    pub screens: Vec<Vec<Range<usize>>>,
    pub slide: usize,
    pub screen: usize,
    pub blank: bool,
    /// Digits typed towards a section number.
    pub typed: String,
    pub clock: AgendaClock,
    /// The latest time given (wall-clock milliseconds).
    pub now: u64,
    /// A section number typed that does not exist, until the next key.
    pub no_such_section: Option<usize>,
    /// Talk time when the talk reached the current slide.
    pub slide_entered: u64,
    /// A talk whose window ended without `q` (closed, crashed): the presenter chooses
    /// whether to take it up before anything else.
    pub interrupted: Option<PresenterState>,
    /// The diagrams taller than a screen, by lesson block, drawn for the slides' width:
    /// they get screens of their own in the diagram view.
    tall_diagrams: HashMap<usize, DiagramMap>,
    /// The live class (`present --class`).
    pub class: Option<LiveClass>,
}

impl Presenter {
    #[must_use]
    pub fn new(talk: Talk, (width, height): (u16, u16), now: u64) -> Self {
        let mut presenter = Self {
            talk,
            width,
            height,
            layout: LaidOutLesson::new(1),
            screens: Vec::new(),
            slide: 0,
            screen: 0,
            blank: false,
            typed: String::new(),
            clock: AgendaClock::start(now),
            now,
            no_such_section: None,
            slide_entered: 0,
            interrupted: None,
            tall_diagrams: HashMap::new(),
            class: None,
        };
        presenter.lay_out();
        presenter
    }

    /// A presenting window that ended without closing (a crash, a closed terminal) left
    /// this talk: the presenter is asked whether to take it up or start afresh.
    pub fn offer_resume(&mut self, state: PresenterState) {
        if state.lesson == self.talk.lesson.meta.id {
            self.interrupted = Some(state);
        }
    }

    /// Takes over the interrupted talk: its section and its clock.
    fn resume(&mut self, state: &PresenterState) {
        self.slide = state.slide.min(self.talk.slides.len().saturating_sub(1));
        self.screen = 0;
        self.clock = state.clock();
        self.slide_entered = state.slide_entered_ms;
    }

    /// Columns left of the text, and the text's width: generous margins, centred.
    #[must_use]
    pub fn text_columns(&self) -> (u16, u16) {
        let margin = (self.width / 10).clamp(2, 16);
        let width = self
            .width
            .saturating_sub(2 * margin)
            .clamp(1, MAX_TEXT_WIDTH);
        ((self.width - width) / 2, width)
    }

    /// Rows for slide text.
    #[must_use]
    pub fn text_rows(&self) -> u16 {
        self.height.saturating_sub(TOP_ROWS + FOOTER_ROWS).max(1)
    }

    /// Changes the structure glyphs (ASCII for ambiguous-wide terminals) and relays.
    pub fn set_glyphs(&mut self, glyphs: &'static Glyphs) {
        self.talk.glyphs = glyphs;
        self.lay_out();
    }

    /// Lays the lesson out for the current size and cuts each slide into screens.
    fn lay_out(&mut self) {
        let (_, width) = self.text_columns();
        let options = LayoutOptions {
            width: usize::from(width),
            theme: &self.talk.theme,
            glyphs: self.talk.glyphs,
            checklist: &[],
        };
        self.layout = lay_out(&self.talk.lesson, &options);
        let rows = usize::from(self.text_rows());
        self.tall_diagrams = self.draw_tall_diagrams(rows);
        let starts = &self.layout.block_starts;
        let line_of = |block: usize| {
            starts
                .get(block)
                .copied()
                .unwrap_or(self.layout.lines.len())
        };
        self.screens = self
            .talk
            .slides
            .iter()
            .map(|slide| {
                // A block's blank lines after it do not need to fit on its screen.
                let lines = &self.layout.lines;
                let blank = |line: usize| lines[line].line.width() == 0;
                let blocks: Vec<PageBlock> = slide
                    .blocks
                    .clone()
                    .map(|block| {
                        let (start, mut end) = (line_of(block), line_of(block + 1));
                        while end > start + 1 && blank(end - 1) {
                            end -= 1;
                        }
                        PageBlock {
                            lines: start..end,
                            heading: matches!(
                                self.talk.lesson.blocks[block],
                                Block::Heading { .. }
                            ),
                            framed: lines.get(start).is_some_and(|line| line.code.is_some()),
                            alone: self.tall_diagrams.contains_key(&block),
                        }
                    })
                    .collect();
                let mut screens = paginate(&blocks, rows);
                if screens.is_empty() {
                    let at = line_of(slide.blocks.start);
                    screens.push(at..at);
                }
                screens
            })
            .collect();
        self.screen = self.screen.min(
            self.screens
                .get(self.slide)
                .map_or(0, Vec::len)
                .saturating_sub(1),
        );
    }

    /// The diagrams laid out taller than `rows` (drawn as pictures, not shown as
    /// source), by lesson block, with their parts for the diagram view.
    fn draw_tall_diagrams(&self, rows: usize) -> HashMap<usize, DiagramMap> {
        let (_, width) = self.text_columns();
        let ascii = *self.talk.glyphs == ASCII;
        let starts = &self.layout.block_starts;
        let mut tall = HashMap::new();
        for (block, laid) in self.talk.lesson.blocks.iter().enumerate() {
            let Block::Diagram(code) = laid else {
                continue;
            };
            let end = starts
                .get(block + 1)
                .copied()
                .unwrap_or(self.layout.lines.len());
            if end.saturating_sub(starts[block]) <= rows {
                continue;
            }
            let drawn =
                crate::diagram::map(&code.lines, ascii, usize::from(width).saturating_sub(2));
            if let Some(map) = drawn {
                tall.insert(block, map);
            }
        }
        tall
    }

    /// The diagram view this screen shows, when it is one of a diagram's own screens (a
    /// diagram taller than a screen): the diagram panned to the screen's rows.
    #[must_use]
    pub fn diagram_view(&self) -> Option<DiagramView> {
        let range = self.lines_on_screen();
        let starts = &self.layout.block_starts;
        let slide = self.talk.slides.get(self.slide)?;
        let block = slide.blocks.clone().find(|block| {
            let start = starts.get(*block).copied().unwrap_or(usize::MAX);
            let end = starts
                .get(block + 1)
                .copied()
                .unwrap_or(self.layout.lines.len());
            start < range.start && range.end <= end
        })?;
        let map = self.tall_diagrams.get(&block)?.clone();
        Some(DiagramView::panned(
            map,
            (0, range.start - starts[block] - 1),
        ))
    }

    /// The lines on screen now.
    #[must_use]
    pub fn lines_on_screen(&self) -> Range<usize> {
        self.screens
            .get(self.slide)
            .and_then(|screens| screens.get(self.screen))
            .cloned()
            .unwrap_or(0..0)
    }

    /// Applies a key; `true` when the presenter quits.
    pub fn update(&mut self, message: PresentMessage) -> bool {
        if let Some(state) = self.interrupted.take() {
            match message {
                PresentMessage::Go => self.resume(&state),
                PresentMessage::Restart => self.restart_clock(),
                PresentMessage::Quit => return true,
                PresentMessage::Resize { .. } => {
                    self.interrupted = Some(state);
                    return self.update(message);
                }
                // Until the presenter chooses, other keys wait.
                _ => self.interrupted = Some(state),
            }
            return false;
        }
        let slide = self.slide;
        let quit = self.apply(message);
        if self.slide != slide {
            self.slide_entered = self.elapsed_ms();
        }
        quit
    }

    /// The agenda clock and the current slide's share start again from now.
    fn restart_clock(&mut self) {
        self.clock = AgendaClock::start(self.now);
        self.slide_entered = 0;
    }

    fn apply(&mut self, message: PresentMessage) -> bool {
        if !matches!(message, PresentMessage::Digit(_) | PresentMessage::Go) {
            self.typed.clear();
        }
        self.no_such_section = None;
        if let Some(class) = self.class.as_mut().filter(|class| class.picker.is_some()) {
            match message {
                PresentMessage::Next => class.move_picker(1),
                PresentMessage::Previous => class.move_picker(-1),
                PresentMessage::Go => class.choose(),
                PresentMessage::Cancel => {
                    class.cancel();
                }
                PresentMessage::Quit => return true,
                PresentMessage::Resize { .. } => {
                    class.picker = None;
                    return self.apply(message);
                }
                _ => {}
            }
            return false;
        }
        match message {
            PresentMessage::Next => self.step(true),
            PresentMessage::Previous => self.step(false),
            PresentMessage::Digit(digit) => {
                if self.typed.len() < 3 {
                    self.typed.push(char::from_digit(digit, 10).unwrap_or('0'));
                }
            }
            PresentMessage::Go => {
                let number: usize = self.typed.parse().unwrap_or(0);
                if (1..=self.talk.slides.len()).contains(&number) {
                    self.slide = number - 1;
                    self.screen = 0;
                    self.blank = false;
                } else if !self.typed.is_empty() {
                    self.no_such_section = Some(number);
                }
                self.typed.clear();
            }
            PresentMessage::Cancel => {
                let hid = self.class.as_mut().is_some_and(LiveClass::cancel);
                if !hid {
                    self.blank = false;
                }
            }
            PresentMessage::Polls => {
                if let (Some(class), Some(slide)) =
                    (self.class.as_mut(), self.talk.slides.get(self.slide))
                {
                    class.open_picker(&self.talk.lesson, slide);
                }
            }
            PresentMessage::Blank => self.blank = !self.blank,
            PresentMessage::Pause => self.clock.toggle_pause(self.now),
            PresentMessage::RestartClock => self.restart_clock(),
            PresentMessage::Restart => {
                if let Some(class) = &mut self.class {
                    class.reveal();
                }
            }
            PresentMessage::Resize { width, height } => {
                self.width = width;
                self.height = height;
                self.lay_out();
            }
            PresentMessage::Quit => return true,
        }
        false
    }

    fn step(&mut self, forward: bool) {
        self.blank = false;
        let screens = self.screens.get(self.slide).map_or(1, Vec::len);
        if forward {
            if self.screen + 1 < screens {
                self.screen += 1;
            } else if self.slide + 1 < self.talk.slides.len() {
                self.slide += 1;
                self.screen = 0;
            }
        } else if self.screen > 0 {
            self.screen -= 1;
        } else if self.slide > 0 {
            self.slide -= 1;
            self.screen = self.screens.get(self.slide).map_or(1, Vec::len) - 1;
        }
    }

    /// Talk time now.
    #[must_use]
    pub fn elapsed_ms(&self) -> u64 {
        self.clock.elapsed_ms(self.now)
    }

    /// The section learners follow to: the current slide's heading.
    #[must_use]
    pub fn section_anchor(&self) -> Option<&str> {
        let slide = self.talk.slides.get(self.slide)?;
        self.talk
            .lesson
            .sections
            .get(slide.sections.start)
            .map(|section| section.anchor.as_str())
    }

    /// What the notes window needs to follow.
    #[must_use]
    pub fn state(&self, pid: u32) -> PresenterState {
        PresenterState {
            pid,
            lesson: self.talk.lesson.meta.id.clone(),
            slide: self.slide,
            slides: self.talk.slides.len(),
            started_at: self.clock.started_at,
            paused_ms: self.clock.paused_ms,
            paused_since: self.clock.paused_since,
            slide_entered_ms: self.slide_entered,
            class: self.class.is_some(),
        }
    }
}

/// The notes window: the presenter's slide, its notes, the next slide's title and the
/// agenda clock, from the channel.
pub struct NotesWindow {
    pub talk: Talk,
    pub width: u16,
    pub height: u16,
    pub channel: String,
    /// The presenter's latest state; `None` while no presenter is on the channel.
    pub state: Option<PresenterState>,
    pub now: u64,
    /// Lines of the notes scrolled past (notes longer than the window); back to the
    /// top when the presenter moves to another section.
    pub scroll: usize,
    /// The live class on this channel, while one runs.
    pub class: Option<ClassPanel>,
}

impl NotesWindow {
    #[must_use]
    pub fn new(talk: Talk, (width, height): (u16, u16), channel: &str) -> Self {
        Self {
            talk,
            width,
            height,
            channel: channel.to_owned(),
            state: None,
            now: 0,
            scroll: 0,
            class: None,
        }
    }

    /// Takes the class as its file has it now (`None`: no class, or it ended);
    /// whether what is shown changed.
    pub fn follow_class(&mut self, snapshot: Option<ClassSnapshot>) -> bool {
        let snapshot = snapshot.filter(|snapshot| !snapshot.info.ended);
        let changed = self.class.as_ref().map(|panel| &panel.snapshot) != snapshot.as_ref();
        match (snapshot, &mut self.class) {
            (Some(snapshot), Some(panel)) => panel.snapshot = snapshot,
            (Some(snapshot), None) => self.class = Some(ClassPanel::new(snapshot)),
            (None, _) => self.class = None,
        }
        changed
    }

    /// `s`: who is behind first, or as they joined.
    pub fn toggle_class_order(&mut self) {
        if let Some(panel) = &mut self.class {
            panel.behind_first = !panel.behind_first;
        }
    }

    /// `j`/`k`, arrows, `PgDn`/`PgUp`, `Space`: scroll the notes (drawing keeps the
    /// scroll within them).
    pub fn scroll_by(&mut self, lines: isize) {
        self.scroll = self.scroll.saturating_add_signed(lines);
    }

    /// Takes the channel's latest state; whether what is shown changed.
    pub fn follow(&mut self, state: Option<PresenterState>) -> bool {
        // A presenter of another lesson on this channel is not followed.
        let state = state.filter(|state| state.lesson == self.talk.lesson.meta.id);
        if state.as_ref().map(|state| state.slide) != self.state.as_ref().map(|state| state.slide) {
            self.scroll = 0;
        }
        let changed = state != self.state;
        self.state = state;
        changed
    }

    /// Talk time now, if a presenter is on the channel.
    #[must_use]
    pub fn elapsed_ms(&self) -> Option<u64> {
        self.state
            .as_ref()
            .map(|state| state.clock().elapsed_ms(self.now))
    }
}

#[cfg(test)]
#[path = "presenter_tests.rs"]
pub(crate) mod tests;
