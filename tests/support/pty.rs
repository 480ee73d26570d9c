//! The real binary in a pseudo-terminal, its screen read through a terminal emulator
//! (vt100), keys typed as a person would: shared by the end-to-end tests.

// Each test crate uses its own part of this.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// How the test's "terminal" answers the reader's questions.
#[derive(Clone)]
pub enum Answers {
    /// Never (like a terminal that does not support the queries).
    Silent,
    /// At once: background colour, cursor column after the probe character, attributes.
    Now { light: bool, wide: bool },
    /// Attributes at once, the colour reply only after the reader stopped waiting; the
    /// flag is set once the late reply has been written.
    ColourLate(Arc<AtomicBool>),
    /// As `manabi doctor` asks: `─` one column wide, its Japanese sample `japanese`
    /// columns wide, a black background.
    Doctor { japanese: u16 },
}

pub struct Session {
    pub master: Box<dyn MasterPty + Send>,
    pub writer: Arc<Mutex<Box<dyn Write + Send>>>,
    pub child: Box<dyn Child + Send + Sync>,
    pub screen: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
}

pub fn size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Session {
    pub fn start(args: &[&str], folder: &Path) -> Self {
        Self::start_answering(args, folder, Answers::Silent)
    }

    pub fn start_answering(args: &[&str], folder: &Path, answers: Answers) -> Self {
        Self::start_with(args, folder, answers, &[])
    }

    /// With environment variables of its own (`MANABI_NOW`, a day of the test's).
    pub fn start_with(
        args: &[&str],
        folder: &Path,
        answers: Answers,
        environment: &[(&str, &str)],
    ) -> Self {
        let pair = native_pty_system().openpty(size(120, 40)).unwrap();
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_manabi"));
        command.args(args);
        for (name, value) in environment {
            command.env(name, value);
        }
        command.cwd(folder);
        command.env("TERM", "xterm-256color");
        command.env("LANG", "C.UTF-8");
        // Each test keeps its progress to itself.
        command.env("MANABI_DATA_DIR", folder.join("progress"));
        command.env_remove("TMUX");
        let child = pair.slave.spawn_command(command).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = Arc::new(Mutex::new(pair.master.take_writer().unwrap()));
        let answer_writer = Arc::clone(&writer);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (screen_feed, raw_feed) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buffer = [0_u8; 8192];
            while let Ok(count) = reader.read(&mut buffer) {
                if count == 0 {
                    break;
                }
                // The raw bytes first: a test that saw something on the screen then
                // finds it in `raw` too.
                raw_feed.lock().unwrap().extend_from_slice(&buffer[..count]);
                screen_feed.lock().unwrap().process(&buffer[..count]);
                answer(&buffer[..count], &answers, &answer_writer);
            }
        });
        Self {
            master: pair.master,
            writer,
            child,
            screen,
            raw,
        }
    }

    pub fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |screen| {
            screen.contents().contains(text)
        });
    }

    /// Polls the screen until `holds` is true of it, or fails the test after a deadline
    /// generous enough for a slow machine.
    pub fn wait_until(&self, what: &str, holds: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if holds(self.screen.lock().unwrap().screen()) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("never: {what}; the screen:\n{}", self.contents());
    }

    /// Waits until the program has left the alternate screen (after it exits).
    pub fn wait_for_main_screen(&self) {
        self.wait_until("the alternate screen left", |screen| {
            !screen.alternate_screen()
        });
    }

    pub fn type_keys(&mut self, keys: &str) {
        let mut writer = self.writer.lock().unwrap();
        writer.write_all(keys.as_bytes()).unwrap();
        writer.flush().unwrap();
        drop(writer);
        std::thread::sleep(Duration::from_millis(60));
    }

    pub fn status_line(&self) -> String {
        status_line(self.screen.lock().unwrap().screen())
    }
}

/// The reader's status bar: the second row from the bottom.
pub fn status_line(screen: &vt100::Screen) -> String {
    let (rows, _) = screen.size();
    screen
        .contents()
        .lines()
        .nth(usize::from(rows) - 2)
        .unwrap_or_default()
        .to_owned()
}

/// Answers the reader's questions found in one read of its output, as `answers` says.
pub fn answer(output: &[u8], answers: &Answers, writer: &Arc<Mutex<Box<dyn Write + Send>>>) {
    let output = String::from_utf8_lossy(output);
    if !output.contains("\x1b[c") {
        return;
    }
    let reply = |text: String| {
        let mut writer = writer.lock().unwrap();
        writer.write_all(text.as_bytes()).unwrap();
        writer.flush().unwrap();
    };
    match answers {
        Answers::Silent => {}
        Answers::Now { light, wide } => {
            let colour = if *light {
                "ffff/ffff/ffff"
            } else {
                "1e1e/1e1e/2e2e"
            };
            reply(format!(
                "\x1b[1;{}R\x1b]11;rgb:{colour}\x1b\\\x1b[?62;22c",
                if *wide { 3 } else { 2 }
            ));
        }
        Answers::Doctor { japanese } => reply(format!(
            "\x1b[1;2R\x1b[2;{}R\x1b]11;rgb:0000/0000/0000\x1b\\\x1b[?62;22c",
            japanese + 1
        )),
        Answers::ColourLate(written) => {
            reply("\x1b[1;2R\x1b[?62;22c".to_owned());
            let writer = Arc::clone(writer);
            let written = Arc::clone(written);
            std::thread::spawn(move || {
                std::thread::sleep(Duration::from_millis(500));
                let mut writer = writer.lock().unwrap();
                writer
                    .write_all(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\")
                    .unwrap();
                writer.flush().unwrap();
                written.store(true, Ordering::SeqCst);
            });
        }
    }
}

/// A folder of the test's own, removed when the test ends (failed or not).
pub fn temp_folder(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("manabi-pty-{name}-"))
        .tempdir()
        .unwrap()
}

/// The shown number of the choice whose text is `choice`, read off the screen.
pub fn shown_number(screen: &str, choice: &str) -> char {
    screen
        .lines()
        .find_map(|line| {
            let (number, text) = line.trim_start_matches([' ', '│', '>']).split_once(") ")?;
            (text.trim_end_matches([' ', '│']) == choice).then(|| number.chars().last())?
        })
        .unwrap_or_else(|| panic!("no choice {choice:?} on screen:\n{screen}"))
}

/// A loopback port free a moment ago (taken and let go).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
