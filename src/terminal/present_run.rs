//! The loops of workshop mode: the presenting window publishes its slide and clock on
//! the channel; the notes window reads the channel a few times a second and follows.

use std::io;
use std::path::Path;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::{enter, install_panic_hook, probe, restore, termination_requested, watch_termination};
use crate::class::{ClassServer, ClassSnapshot, ClassStore};
use crate::layout::glyphs::ASCII;
use crate::palette::ColorDepth;
use crate::present::{Channel, ClassRequest, PresenterState};
use crate::present::{NotesWindow, Presenter, present_message, render_notes, render_presenter};

/// How long to wait for the terminal's answer about ambiguous widths.
const PROBE_TIMEOUT: Duration = Duration::from_millis(120);

/// How often the notes window looks at the channel.
const FOLLOW_EVERY: Duration = Duration::from_millis(200);

/// Wall-clock milliseconds, which both windows share.
fn now() -> u64 {
    u64::try_from(crate::progress::now_ms()).unwrap_or(0)
}

/// How often the presenting window looks at a live class for answers and learners.
const CLASS_EVERY: Duration = Duration::from_millis(100);

/// Presents until `q`; the channel carries each change of slide or clock, and a live
/// class hears each change of section and every poll. With `detect_ambiguous`, a
/// terminal that draws box drawing double-wide (common with Japanese fonts) gets the
/// ASCII structure, as in the reader.
pub fn present(
    mut presenter: Presenter,
    depth: ColorDepth,
    channel: &Channel,
    pid: u32,
    detect_ambiguous: bool,
    class: Option<&ClassServer>,
) -> io::Result<()> {
    install_panic_hook();
    watch_termination()?;
    let result = enter().and_then(|()| {
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        if detect_ambiguous {
            probe::send(&mut io::stdout(), false, true)?;
            // Asked before the first frame: nothing is drawn yet that would need a repaint.
            if probe::read_answers(PROBE_TIMEOUT).answers.ambiguous_wide == Some(true) {
                presenter.set_glyphs(&ASCII);
            }
        }
        let mut published: Option<PresenterState> = None;
        // A class carried on (the presenter started again) is where it was: learners
        // are not moved until the presenter moves.
        let mut live = Live {
            section: class
                .and_then(|server| server.snapshot().ok())
                .map(|class| class.info.section),
            generation: 0,
        };
        let mut drawn_second = u64::MAX;
        let mut changed = true;
        loop {
            if termination_requested().is_some() {
                return Ok(());
            }
            presenter.now = now();
            let state = presenter.state(pid);
            if published.as_ref() != Some(&state) {
                // A channel that cannot be written costs the notes window, not the talk.
                let _ = channel.write(&state);
                published = Some(state);
            }
            if let Some(server) = class {
                changed |= live.serve(&mut presenter, server);
            }
            if changed || presenter.now / 1000 != drawn_second {
                terminal.draw(|frame| render_presenter(frame, &presenter, depth))?;
                drawn_second = presenter.now / 1000;
                changed = false;
            }
            // The clock's seconds tick in the footer; a class is looked at more often.
            let mut wait = Duration::from_millis(1000 - presenter.now % 1000);
            if class.is_some() {
                wait = wait.min(CLASS_EVERY);
            }
            if !event::poll(wait)? {
                continue;
            }
            let Some(message) = present_message(&event::read()?) else {
                continue;
            };
            presenter.now = now();
            changed = true;
            if presenter.update(message) {
                return Ok(());
            }
        }
    });
    restore();
    channel.close(pid);
    result
}

/// What the presenting window last told the class and read from it.
struct Live {
    section: Option<String>,
    generation: u64,
}

impl Live {
    /// Tells the class where the presenter is and what was asked of it, and reads the
    /// class again when it changed; whether the window must be drawn again. A class
    /// file that fails costs the class, not the talk.
    fn serve(&mut self, presenter: &mut Presenter, server: &ClassServer) -> bool {
        let Some(class) = presenter.class.as_mut() else {
            return false;
        };
        for request in class.take_requests() {
            let _ = match request {
                ClassRequest::OpenPoll(question) => server.open_poll(&question).map(drop),
                ClassRequest::Reveal(poll) => server.reveal(poll),
            };
        }
        // Not while the presenter chooses whether to take an interrupted talk up: the
        // slide shown then is not where the talk is.
        // A move the class file did not take is tried again on the next look.
        if presenter.interrupted.is_none()
            && let Some(anchor) = presenter.section_anchor()
            && self.section.as_deref() != Some(anchor)
            && server.goto(anchor).is_ok()
        {
            self.section = Some(anchor.to_owned());
        }
        let generation = server.generation();
        if generation == self.generation {
            return false;
        }
        self.generation = generation;
        if let (Ok(snapshot), Some(class)) = (server.snapshot(), presenter.class.as_mut()) {
            class.snapshot = Some(snapshot);
        }
        true
    }
}

/// Follows the presenter on `channel` until `q`, and the live class in `class_file`
/// while one runs.
pub fn follow_notes(
    mut notes: NotesWindow,
    depth: ColorDepth,
    channel: &Channel,
    class_file: &Path,
) -> io::Result<()> {
    install_panic_hook();
    watch_termination()?;
    let result = enter().and_then(|()| {
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        let mut class: Option<ClassStore> = None;
        // The class file's version the panel was last read at.
        let mut read_at = None;
        loop {
            if termination_requested().is_some() {
                return Ok(());
            }
            notes.now = now();
            // A presenter that died without closing the channel is not followed.
            let presenter = channel.read().filter(|_| channel.held());
            // The class file appears when a class starts; a class is shown while its
            // presenter runs it (a class left by a crash waits for `present --class`).
            if class.is_none() && class_file.exists() {
                class = ClassStore::open_read_only(class_file).ok();
            }
            let running = class
                .as_ref()
                .filter(|_| presenter.as_ref().is_some_and(|state| state.class));
            let version = running.and_then(|store| store.data_version().ok());
            if version.is_none() {
                notes.follow_class(None);
            } else if version != read_at {
                notes.follow_class(running.and_then(|store| ClassSnapshot::read(store).ok()));
            }
            read_at = version;
            notes.follow(presenter);
            terminal.draw(|frame| render_notes(frame, &notes, depth))?;
            if !event::poll(FOLLOW_EVERY)? {
                continue;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    let control = key
                        .modifiers
                        .contains(crossterm::event::KeyModifiers::CONTROL);
                    if key.code == KeyCode::Char('q') || (control && key.code == KeyCode::Char('c'))
                    {
                        return Ok(());
                    }
                    let page = isize::try_from(notes.height / 2).unwrap_or(1).max(1);
                    match key.code {
                        KeyCode::Char('j') | KeyCode::Down => notes.scroll_by(1),
                        KeyCode::Char('k') | KeyCode::Up => notes.scroll_by(-1),
                        KeyCode::Char(' ') | KeyCode::PageDown => notes.scroll_by(page),
                        KeyCode::Char('b') | KeyCode::PageUp => notes.scroll_by(-page),
                        KeyCode::Char('s') => notes.toggle_class_order(),
                        _ => {}
                    }
                }
                Event::Resize(width, height) => {
                    notes.width = width;
                    notes.height = height;
                }
                _ => {}
            }
        }
    });
    restore();
    result
}
