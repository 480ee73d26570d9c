//! The event loop: draw, wait for an event or the next clock second, update, carry out
//! the effect. Redraws only on input, resize or the clock, so an idle reader is idle.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::time::{Duration, Instant};

use crossterm::event::{self, Event};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use super::{
    copy_to_clipboard, enter, install_panic_hook, probe, restore, suspend, watch_termination,
};
use crate::app::{App, Effect, Message, message_for_event};
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
    after_first_frame: impl FnOnce(&mut App),
) -> io::Result<()> {
    install_panic_hook();
    watch_termination()?;
    enter()?;
    let result = event_loop(app, options, after_first_frame);
    restore();
    result
}

fn event_loop(
    mut app: App,
    options: RunOptions,
    after_first_frame: impl FnOnce(&mut App),
) -> io::Result<()> {
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    let started = Instant::now();
    let probing = options.detect_theme || options.detect_ambiguous;
    if probing {
        probe::send(
            &mut io::stdout(),
            options.detect_theme,
            options.detect_ambiguous,
        )?;
    }
    let draw = |terminal: &mut Terminal<CrosstermBackend<io::Stdout>>, app: &App| {
        terminal
            .draw(|frame| ui::draw(frame, app, started.elapsed(), options.depth))
            .map(drop)
    };
    draw(&mut terminal, &app)?;
    let mut typed = Vec::new();
    if probing {
        let (answers, keys) = probe::read_answers(PROBE_TIMEOUT);
        typed = keys;
        if options.detect_theme && answers.is_light() == Some(true) {
            app.set_theme(Theme::new(ThemeKind::Light));
        }
        if options.detect_ambiguous && answers.ambiguous_wide == Some(true) {
            app.set_glyphs(&ASCII);
        }
        draw(&mut terminal, &app)?;
    }
    app.finish_layout();
    after_first_frame(&mut app);
    if app.notice.is_some() {
        draw(&mut terminal, &app)?;
    }
    let mut typed = typed.into_iter().map(Event::Key);
    loop {
        let until_tick = Duration::from_secs(1).saturating_sub(Duration::from_nanos(u64::from(
            started.elapsed().subsec_nanos(),
        )));
        let event = match typed.next() {
            Some(event) => Some(event),
            None if event::poll(until_tick)? => Some(event::read()?),
            None => None,
        };
        if let Some(event) = event {
            let Some(message) = message_for_event(&event, &app.screen, app.focus) else {
                continue;
            };
            match app.update(message) {
                Effect::None => {}
                Effect::Quit => return Ok(()),
                Effect::Suspend => {
                    suspend()?;
                    terminal.clear()?;
                }
                Effect::Copy(text) => copy_to_clipboard(&text, options.inside_tmux)?,
                Effect::Save { name, contents } => {
                    app.update(Message::Saved(save_new_file(&name, &contents)));
                }
            }
        }
        draw(&mut terminal, &app)?;
    }
}

/// Writes `NAME.yaml` in the current folder, or `NAME-2.yaml` … if taken: an existing
/// file is never overwritten.
fn save_new_file(name: &str, contents: &str) -> Result<String, String> {
    for attempt in 1..=SAVE_ATTEMPTS {
        let path = if attempt == 1 {
            format!("{name}.yaml")
        } else {
            format!("{name}-{attempt}.yaml")
        };
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut file) => {
                return file
                    .write_all(contents.as_bytes())
                    .map(|()| format!("./{path}"))
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
        let folder = std::env::temp_dir().join(format!("manabi-save-{}", std::process::id()));
        std::fs::create_dir_all(&folder).unwrap();
        let name = folder.join("api").display().to_string();
        assert_eq!(save_new_file(&name, "a: 1\n"), Ok(format!("./{name}.yaml")));
        assert_eq!(
            save_new_file(&name, "a: 2\n"),
            Ok(format!("./{name}-2.yaml"))
        );
        assert_eq!(
            std::fs::read_to_string(format!("{name}.yaml")).unwrap(),
            "a: 1\n"
        );
        std::fs::remove_dir_all(&folder).unwrap();
    }
}
