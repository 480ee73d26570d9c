//! The loops of workshop mode: the presenting window publishes its slide and clock on
//! the channel; the notes window reads the channel a few times a second and follows.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::{enter, install_panic_hook, probe, restore, termination_requested, watch_termination};
use crate::layout::glyphs::ASCII;
use crate::palette::ColorDepth;
use crate::present::{Channel, PresenterState};
use crate::present::{NotesWindow, Presenter, present_message, render_notes, render_presenter};

/// How long to wait for the terminal's answer about ambiguous widths.
const PROBE_TIMEOUT: Duration = Duration::from_millis(120);

/// How often the notes window looks at the channel.
const FOLLOW_EVERY: Duration = Duration::from_millis(200);

/// Whether the process `pid` still runs.
#[must_use]
pub fn alive(pid: u32) -> bool {
    i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .is_some_and(|pid| rustix::process::test_kill_process(pid).is_ok())
}

/// Wall-clock milliseconds, which both windows share.
fn now() -> u64 {
    u64::try_from(crate::progress::now_ms()).unwrap_or(0)
}

/// Presents until `q`; the channel carries each change of slide or clock. With
/// `detect_ambiguous`, a terminal that draws box drawing double-wide (common with
/// Japanese fonts) gets the ASCII structure, as in the reader.
pub fn present(
    mut presenter: Presenter,
    depth: ColorDepth,
    channel: &Channel,
    pid: u32,
    detect_ambiguous: bool,
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
            terminal.draw(|frame| render_presenter(frame, &presenter, depth))?;
            // The clock's seconds tick in the footer.
            if !event::poll(Duration::from_millis(1000 - presenter.now % 1000))? {
                continue;
            }
            let Some(message) = present_message(&event::read()?) else {
                continue;
            };
            presenter.now = now();
            if presenter.update(message) {
                return Ok(());
            }
        }
    });
    restore();
    channel.close(pid);
    result
}

/// Follows the presenter on `channel` until `q`.
pub fn follow_notes(
    mut notes: NotesWindow,
    depth: ColorDepth,
    channel: &Channel,
) -> io::Result<()> {
    install_panic_hook();
    watch_termination()?;
    let result = enter().and_then(|()| {
        let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        loop {
            if termination_requested().is_some() {
                return Ok(());
            }
            notes.now = now();
            // A presenter that died without closing the channel is not followed.
            notes.follow(channel.read().filter(|state| alive(state.pid)));
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
