//! The event loop: draw, wait for an event or the next clock second, update, carry out
//! the effect. Redraws only on input, resize or the clock, so an idle reader is idle.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::Path;
use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyModifiers};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::class_run::{CLASS_EVERY, ClassSide};
use super::editor::edit_externally;
use super::{Library, Recording, termination_requested};
use super::{
    copy_to_clipboard, enter, install_panic_hook, probe, restore, suspend, watch_termination,
};
use crate::app::{App, Effect, Message, SavedFile, message_for_event};
use crate::layout::glyphs::ASCII;
use crate::palette::ColorDepth;
use crate::theme::{Theme, ThemeKind};
use crate::ui;

/// How long to wait for the terminal's answers after the first frame.
const PROBE_TIMEOUT: Duration = Duration::from_millis(120);
/// Files `s` tries before giving up: NAME.yaml, NAME-2.yaml …
const SAVE_ATTEMPTS: usize = 100;

/// How the reader talks to this terminal.
#[derive(Debug, Clone, Copy)]
pub struct RunOptions {
    pub depth: ColorDepth,
    /// Ask the terminal for its background (`--theme auto`).
    pub detect_theme: bool,
    /// Ask whether box drawing is double-wide (no `--ambiguous`, no `--ascii`).
    pub detect_ambiguous: bool,
    pub inside_tmux: bool,
}

/// Runs the reader until the learner quits; the terminal is restored on every way out.
/// `after_first_frame` does work that must not delay the first frame.
pub fn run(
    app: App,
    options: RunOptions,
    (recording, library, class): (Option<Recording>, Library, Option<ClassSide>),
    after_first_frame: impl FnOnce(&mut App),
) -> io::Result<()> {
    install_panic_hook();
    watch_termination()?;
    let result = enter()
        .and_then(|()| event_loop(app, options, (recording, library, class), after_first_frame));
    restore();
    result
}

type Tty = Terminal<CrosstermBackend<io::Stdout>>;

fn event_loop(
    mut app: App,
    options: RunOptions,
    (recording, library, class): (Option<Recording>, Library, Option<ClassSide>),
    after_first_frame: impl FnOnce(&mut App),
) -> io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let started = Instant::now();
    let (typed, mut late_reply) = first_frame(&mut app, &mut terminal, options)?;
    app.finish_layout();
    after_first_frame(&mut app);
    // The window counts from when keys are read again: on a slow or busy machine the
    // work after the first frame can outlast it, and the reply waiting in the input
    // would then be taken for keys.
    late_reply.open_window();
    let mut library = library;
    let mut reading = Reading {
        app,
        terminal,
        options,
        recording,
        read_only: library.take_read_only(),
        library,
        started,
        late_reply,
        drawn_second: u64::MAX,
        class,
    };
    reading.course_effect(Effect::CountDue);
    let next = reading.library.next_after(&reading.app.lesson().meta.id);
    reading.app.set_next_lesson(next);
    // The loop ends on `q`, on SIGTERM/SIGHUP (seen within a second) or on an error
    // (a terminal that went away); in every case the clock is saved after it.
    let result = reading.run(typed.into_iter().map(Event::Key));
    reading.app.tick(reading.now());
    reading.leave_class();
    if let Some(recording) = reading.recording.as_mut() {
        recording.flush(&mut reading.app);
        recording.checkpoint(&mut reading.app, true);
    }
    result
}

/// The reader at work in the terminal, after its first frame.
pub(super) struct Reading {
    pub(super) app: App,
    terminal: Tty,
    options: RunOptions,
    pub(super) recording: Option<Recording>,
    /// A store read but never written, when the recording has none.
    pub(super) read_only: Option<crate::progress::ProgressStore>,
    pub(super) library: Library,
    /// The runtime's clock starts here.
    started: Instant,
    late_reply: LateReply,
    /// The clock second last drawn.
    drawn_second: u64,
    /// The live class the reader is in.
    pub(super) class: Option<ClassSide>,
}

impl Reading {
    /// Milliseconds since the start, the app's time scale.
    pub(super) fn now(&self) -> u64 {
        u64::try_from(self.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    fn draw(&mut self) -> io::Result<()> {
        let depth = self.options.depth;
        let app = &self.app;
        self.terminal
            .draw(|frame| ui::draw(frame, app, depth))
            .map(drop)
    }

    /// Events go to the store as they happen; without a store they are dropped.
    fn flush(&mut self) {
        match self.recording.as_mut() {
            Some(recording) => recording.flush(&mut self.app),
            None => self.app.session.outbox.clear(),
        }
    }

    /// Keys typed during the first frame first, then the terminal's events, until the
    /// learner quits or the process is asked to end.
    fn run(&mut self, mut typed: impl Iterator<Item = Event>) -> io::Result<()> {
        loop {
            if termination_requested().is_some() {
                return Ok(());
            }
            let elapsed = self.started.elapsed();
            // Once a second for the clock (and first of all, for what came after the frame).
            if elapsed.as_secs() != self.drawn_second {
                self.app.tick(self.now());
                self.flush();
                self.draw()?;
                self.drawn_second = elapsed.as_secs();
            }
            let mut wait = Duration::from_secs(1)
                .saturating_sub(Duration::from_nanos(u64::from(elapsed.subsec_nanos())));
            if self.class.is_some() {
                // The presenter's moves and polls show within a fraction of a second.
                wait = wait.min(CLASS_EVERY);
                if self.hear_class() {
                    self.app.tick(self.now());
                    self.flush();
                    self.tell_class();
                    self.draw()?;
                }
            }
            let event = match typed.next() {
                Some(event) => Some(event),
                None if event::poll(wait)? => Some(event::read()?),
                None => None,
            };
            if termination_requested().is_some() {
                return Ok(());
            }
            let Some(event) = event.filter(|event| !self.late_reply.swallows(event)) else {
                continue;
            };
            if self.handle(&event)? == Flow::Quit {
                return Ok(());
            }
        }
    }

    /// One event: the clock hears of it, the app updates, the effect is carried out and
    /// the screen drawn again.
    fn handle(&mut self, event: &Event) -> io::Result<Flow> {
        match event {
            Event::FocusGained | Event::FocusLost => {
                self.app
                    .note_focus(*event == Event::FocusGained, self.now());
                self.flush();
                self.draw()?;
                return Ok(Flow::Go);
            }
            Event::Key(_) | Event::Mouse(_) | Event::Paste(_) => self.app.note_input(self.now()),
            Event::Resize(..) => {}
        }
        let Some(message) = message_for_event(event, self.app.screen(), self.app.reader().focus())
        else {
            return Ok(Flow::Go);
        };
        let effect = self.app.update(message);
        self.app.tick(self.now());
        self.flush();
        // After the store has the answers: the record sent with them reads it.
        self.tell_class();
        match effect {
            Effect::Quit => return Ok(Flow::Quit),
            Effect::Suspend => {
                // Stopped is not studying: the clock waits for the learner's return.
                self.app.note_focus(false, self.now());
                self.flush();
                suspend()?;
                self.app.note_focus(true, self.now());
                repaint(&mut self.terminal)?;
            }
            effect @ (Effect::GatherReview
            | Effect::ShowHome
            | Effect::OpenLesson(_)
            | Effect::CountDue) => self.course_effect(effect),
            other => carry_out(other, &mut self.app, &mut self.terminal, self.options)?,
        }
        self.app.note_input(self.now());
        self.draw()?;
        self.drawn_second = self.started.elapsed().as_secs();
        Ok(Flow::Go)
    }
}

/// Whether the loop goes on after an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Flow {
    Go,
    Quit,
}

/// Draws the first frame, asking the terminal (with it) for its background and how it
/// draws ambiguous widths; their answers come after it and may redraw it. Keys typed
/// meanwhile, and how to tell a colour reply that comes late.
fn first_frame(
    app: &mut App,
    terminal: &mut Tty,
    options: RunOptions,
) -> io::Result<(Vec<KeyEvent>, LateReply)> {
    let draw = |terminal: &mut Tty, app: &App| {
        terminal
            .draw(|frame| ui::draw(frame, app, options.depth))
            .map(drop)
    };
    let probing = options.detect_theme || options.detect_ambiguous;
    if probing {
        probe::send(
            &mut io::stdout(),
            options.detect_theme,
            options.detect_ambiguous,
        )?;
    }
    draw(terminal, app)?;
    let mut late_reply = LateReply::default();
    if !probing {
        return Ok((Vec::new(), late_reply));
    }
    let received = probe::read_answers(PROBE_TIMEOUT);
    // Even after the attributes answer: a multiplexer may pass the colour reply on later.
    late_reply.expected = options.detect_theme && received.answers.background.is_none();
    late_reply.swallowing = received.cut_short;
    if options.detect_theme && received.answers.is_light() == Some(true) {
        app.set_theme(Theme::new(ThemeKind::Light));
    }
    if options.detect_ambiguous && received.answers.ambiguous_wide == Some(true) {
        app.set_glyphs(&ASCII);
        // The first frame's box characters pushed text aside on this terminal;
        // only a full repaint puts every cell back.
        repaint(terminal)?;
    }
    draw(terminal, app)?;
    Ok((received.typed, late_reply))
}

/// The effects that only do IO and report back.
fn carry_out(
    effect: Effect,
    app: &mut App,
    terminal: &mut Tty,
    options: RunOptions,
) -> io::Result<()> {
    match effect {
        Effect::Copy(text) => copy_to_clipboard(&text, options.inside_tmux)?,
        Effect::Save { name, contents } => {
            app.update(Message::Saved(save_new_file(
                Path::new("."),
                &name,
                &contents,
            )));
        }
        Effect::EditExternally(text) => {
            let edited = edit_externally(&text);
            repaint(terminal)?;
            app.update(Message::Edited(edited));
        }
        Effect::None
        | Effect::Quit
        | Effect::Suspend
        | Effect::GatherReview
        | Effect::ShowHome
        | Effect::OpenLesson(_)
        | Effect::CountDue => {}
    }
    Ok(())
}

/// Clears the screen and forgets the last frame, so the next draw paints every cell.
/// (`Terminal::clear` would ask the terminal for the cursor position and wait for it.)
fn repaint(terminal: &mut Tty) -> io::Result<()> {
    execute!(io::stdout(), Clear(ClearType::All))?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// A colour reply that arrives after the wait reaches us as keys (crossterm cannot parse
/// OSC): Alt+`]`, the colour's characters, then `\` or Ctrl+G (BEL). Those keys are
/// swallowed, never taken as `]`, `g`, `b` or `/` — but only just after the question,
/// only so many, and never Ctrl-C, so a learner's keys cannot be lost for long.
#[derive(Debug)]
struct LateReply {
    /// A reply was asked for, has not come, and the terminal has not finished answering.
    expected: bool,
    /// Inside a reply's keys now.
    swallowing: bool,
    /// Keys swallowed so far.
    swallowed: usize,
    /// No reply is waited for after this.
    until: Instant,
}

/// How long after the first frame a late reply is still expected.
const LATE_REPLY_WINDOW: Duration = Duration::from_secs(2);
/// More keys than a colour reply has (`rgb:RRRR/GGGG/BBBB` and its frame).
const LATE_REPLY_KEYS: usize = 40;

impl Default for LateReply {
    fn default() -> Self {
        Self {
            expected: false,
            swallowing: false,
            swallowed: 0,
            until: Instant::now(),
        }
    }
}

impl LateReply {
    /// The late reply is looked for from now on, for a while.
    fn open_window(&mut self) {
        self.until = Instant::now() + LATE_REPLY_WINDOW;
    }

    fn swallows(&mut self, event: &Event) -> bool {
        let Event::Key(key) = event else {
            return false;
        };
        let control_c =
            key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if control_c || Instant::now() > self.until || self.swallowed >= LATE_REPLY_KEYS {
            self.expected = false;
            self.swallowing = false;
            return false;
        }
        if self.swallowing {
            self.swallowed += 1;
            self.swallowing = !is_reply_end(key);
            return true;
        }
        if self.expected
            && key.code == KeyCode::Char(']')
            && key.modifiers.contains(KeyModifiers::ALT)
        {
            self.expected = false;
            self.swallowing = true;
            self.swallowed += 1;
            return true;
        }
        false
    }
}

/// BEL arrives as Ctrl+G; ST (`ESC \`) as Alt+`\`, or as `\` when its ESC came apart.
fn is_reply_end(key: &KeyEvent) -> bool {
    match key.code {
        KeyCode::Char('\\') | KeyCode::Esc => true,
        KeyCode::Char('g') => key.modifiers.contains(KeyModifiers::CONTROL),
        _ => false,
    }
}

/// Writes `NAME.yaml` in `folder`, or `NAME-2.yaml` … if taken: an existing file is
/// never overwritten. Returns the path as the learner would type it.
fn save_new_file(folder: &Path, name: &str, contents: &str) -> Result<SavedFile, String> {
    for attempt in 1..=SAVE_ATTEMPTS {
        let file_name = if attempt == 1 {
            format!("{name}.yaml")
        } else {
            format!("{name}-{attempt}.yaml")
        };
        let path = folder.join(&file_name);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                return file
                    .write_all(contents.as_bytes())
                    .map(|()| SavedFile {
                        path: path.display().to_string(),
                        taken: (attempt > 1).then(|| format!("{name}.yaml")),
                    })
                    .map_err(|error| error.to_string());
            }
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {}
            Err(error) => return Err(error.to_string()),
        }
    }
    Err(format!(
        "{name}.yaml and {SAVE_ATTEMPTS} numbered names are taken"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saving_never_overwrites() {
        let scratch = tempfile::tempdir().unwrap();
        let folder = scratch.path();
        let saved = |name: &str, taken: Option<&str>| SavedFile {
            path: folder.join(name).display().to_string(),
            taken: taken.map(str::to_owned),
        };
        assert_eq!(
            save_new_file(folder, "api", "a: 1\n"),
            Ok(saved("api.yaml", None))
        );
        assert_eq!(
            save_new_file(folder, "api", "a: 2\n"),
            Ok(saved("api-2.yaml", Some("api.yaml")))
        );
        assert_eq!(
            std::fs::read_to_string(folder.join("api.yaml")).unwrap(),
            "a: 1\n"
        );
        assert_eq!(
            std::fs::read_to_string(folder.join("api-2.yaml")).unwrap(),
            "a: 2\n"
        );
        assert_eq!(
            Path::new(".").join("api.yaml").display().to_string(),
            "./api.yaml"
        );
    }

    #[test]
    fn a_late_colour_reply_is_swallowed_whole() {
        let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
        let mut late = LateReply {
            expected: true,
            until: Instant::now() + LATE_REPLY_WINDOW,
            ..LateReply::default()
        };
        let reply = [
            key(KeyCode::Char(']'), KeyModifiers::ALT),
            key(KeyCode::Char('1'), KeyModifiers::NONE),
            key(KeyCode::Char('g'), KeyModifiers::NONE),
            key(KeyCode::Char('/'), KeyModifiers::NONE),
            key(KeyCode::Char('\\'), KeyModifiers::ALT),
        ];
        assert!(reply.iter().all(|event| late.swallows(event)));
        assert!(
            !late.swallows(&key(KeyCode::Char('g'), KeyModifiers::NONE)),
            "keys after it count"
        );
        let mut unexpected = LateReply::default();
        assert!(!unexpected.swallows(&key(KeyCode::Char(']'), KeyModifiers::ALT)));
    }

    #[test]
    fn swallowing_never_holds_ctrl_c_or_lasts() {
        let key = |code, modifiers| Event::Key(KeyEvent::new(code, modifiers));
        let mut cut = LateReply {
            swallowing: true,
            until: Instant::now() + LATE_REPLY_WINDOW,
            ..LateReply::default()
        };
        assert!(cut.swallows(&key(KeyCode::Char('f'), KeyModifiers::NONE)));
        assert!(
            cut.swallows(&key(KeyCode::Char('\\'), KeyModifiers::NONE)),
            "a bare backslash ends it"
        );
        assert!(!cut.swallows(&key(KeyCode::Char('q'), KeyModifiers::NONE)));

        let mut stuck = LateReply {
            swallowing: true,
            until: Instant::now() + LATE_REPLY_WINDOW,
            ..LateReply::default()
        };
        assert!(!stuck.swallows(&key(KeyCode::Char('c'), KeyModifiers::CONTROL)));
        let mut long = LateReply {
            swallowing: true,
            until: Instant::now() + LATE_REPLY_WINDOW,
            ..LateReply::default()
        };
        let swallowed = (0..100)
            .filter(|_| long.swallows(&key(KeyCode::Char('j'), KeyModifiers::NONE)))
            .count();
        assert_eq!(swallowed, LATE_REPLY_KEYS);
        let mut late = LateReply {
            swallowing: true,
            until: Instant::now(),
            ..LateReply::default()
        };
        std::thread::sleep(Duration::from_millis(2));
        assert!(
            !late.swallows(&key(KeyCode::Char('j'), KeyModifiers::NONE)),
            "the window is over"
        );
    }
}
