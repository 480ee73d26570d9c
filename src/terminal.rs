//! The one place that touches the terminal: raw mode, the alternate screen and mouse
//! capture, restored on quit, on a panic and on SIGTERM/SIGHUP; suspend with Ctrl-Z;
//! the clipboard through OSC 52.

mod class_run;
mod editor;
mod library;
mod present_run;
mod probe;
mod recording;
mod run;

pub use class_run::ClassSide;
pub use library::Library;
pub use present_run::{follow_notes, present};
pub use probe::ask_for_doctor;
pub use recording::Recording;
pub use run::{RunOptions, run};
use std::io::{self, Write};
use std::sync::atomic::{AtomicI32, Ordering};
use std::time::Duration;

use base64::Engine;
use crossterm::cursor::{Hide, Show};
use crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use crossterm::execute;
use crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};

/// Raw mode, the alternate screen, mouse and focus reports, hidden cursor.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableFocusChange,
        // A paste arrives as one event, so the editor inserts it without auto-indent.
        EnableBracketedPaste,
        Hide
    )
}

/// Undoes `enter`; safe to call more than once and from a panic or signal.
pub fn restore() {
    let _ = execute!(
        io::stdout(),
        DisableBracketedPaste,
        DisableFocusChange,
        DisableMouseCapture,
        LeaveAlternateScreen,
        Show
    );
    let _ = disable_raw_mode();
}

/// The terminal is restored before a panic's message is printed, so the message is
/// readable and the shell is usable.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The main thread draws: its panic ends the program. A helper thread's (the
        // class server's, the course preload's) ends that thread only, and the screen
        // stays the reader's.
        if std::thread::current().name() == Some("main") {
            restore();
        }
        previous(info);
    }));
}

/// The signal (SIGTERM, SIGHUP) that asked the program to end, 0 while none has.
static TERMINATING: AtomicI32 = AtomicI32::new(0);
/// How long the event loop has to end by itself (saving the study clock) after a signal.
#[cfg(unix)]
const GRACE: Duration = Duration::from_secs(2);

/// The signal that asked the program to end, if one did.
#[must_use]
pub fn termination_requested() -> Option<i32> {
    match TERMINATING.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// Closing the window (SIGHUP) or `kill` (SIGTERM): the event loop sees it within a
/// second, saves the study clock and ends as on `q`; should it not, the terminal is
/// restored here all the same and the process exits.
#[cfg(unix)]
fn watch_termination() -> io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            TERMINATING.store(signal, Ordering::SeqCst);
            std::thread::sleep(GRACE);
            // Holding stdout keeps the event loop from writing half a frame onto the
            // restored screen; the lock is reentrant, so `restore` still writes.
            let _stdout = io::stdout().lock();
            restore();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}

/// Elsewhere (Windows) there are no such signals: closing the console ends the process,
/// and the store's last checkpoint (every ten seconds) is what it keeps.
#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps)] // the Unix version's signature
fn watch_termination() -> io::Result<()> {
    Ok(())
}

/// Ctrl-Z: give the terminal back, stop, and take it again when the shell resumes us.
#[cfg(unix)]
fn suspend() -> io::Result<()> {
    restore();
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
    enter()
}

/// Elsewhere there is no job control to give the terminal back to: Ctrl-Z does nothing.
#[cfg(not(unix))]
#[allow(clippy::unnecessary_wraps)] // the Unix version's signature
fn suspend() -> io::Result<()> {
    Ok(())
}

/// Puts text on the clipboard with OSC 52; works over SSH because the terminal, not
/// this machine, owns the clipboard. Inside tmux the sequence is sent both plainly (for
/// `set-clipboard on`) and wrapped for passthrough (for `allow-passthrough on`).
fn copy_to_clipboard(text: &str, inside_tmux: bool) -> io::Result<()> {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{encoded}\x07");
    let sequence = if inside_tmux {
        format!("{plain}\x1bPtmux;\x1b{plain}\x1b\\")
    } else {
        plain
    };
    let mut stdout = io::stdout().lock();
    stdout.write_all(sequence.as_bytes())?;
    stdout.flush()
}
