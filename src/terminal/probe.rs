//! Asking the terminal two things without delaying the first frame: its background
//! colour (OSC 11) and whether it draws East Asian ambiguous-width characters (box
//! drawing) two columns wide (print one, ask for the cursor position). The questions go
//! out before the first frame; the answers are read after it, ended early by the
//! device-attributes answer that every terminal gives, or by a short timeout.

use std::io::{self, Write};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::doctor::{JAPANESE_SAMPLE, TerminalAnswers};

/// What the terminal answered; `None` where it did not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ProbeAnswers {
    /// Background colour, 8 bits a channel.
    pub background: Option<(u8, u8, u8)>,
    /// Whether `─` took two columns.
    pub ambiguous_wide: Option<bool>,
}

impl ProbeAnswers {
    /// Whether the background is light (perceived luminance above half).
    #[must_use]
    pub fn is_light(self) -> Option<bool> {
        self.background.map(crate::palette::is_light_background)
    }
}

/// Sends the questions: `─` at the top-left then a cursor position request, the
/// background colour request, and a device-attributes request that ends the answers.
/// The probe character is erased at once; the first frame draws over that row anyway.
pub fn send(out: &mut impl Write, background: bool, ambiguous: bool) -> io::Result<()> {
    // Where the answers cannot be read (not Unix), they are not asked for: they would
    // arrive as keys.
    if !cfg!(unix) {
        return Ok(());
    }
    if ambiguous {
        out.write_all("\x1b[1;1H─\x1b[6n\x1b[1;1H\x1b[2K".as_bytes())?;
    }
    if background {
        out.write_all(b"\x1b]11;?\x1b\\")?;
    }
    out.write_all(b"\x1b[c")?;
    out.flush()
}

/// Reads the answers from standard input for at most `timeout`, stopping at the
/// device-attributes answer. Keys the learner typed meanwhile come back too, so none is
/// lost.
pub fn read_answers(timeout: Duration) -> Received {
    let received = read_replies(timeout);
    let (answers, typed) = split_answers(&received);
    Received {
        answers,
        typed: keys_from_bytes(&typed),
        cut_short: ends_inside_reply(&received),
    }
}

/// The bytes standard input gives within `timeout`, up to the device-attributes answer.
#[cfg(unix)]
fn read_replies(timeout: Duration) -> Vec<u8> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    use std::os::fd::AsFd;
    use std::time::Instant;

    let stdin = io::stdin();
    let deadline = Instant::now() + timeout;
    let mut received = Vec::new();
    let mut buffer = [0_u8; 256];
    while !has_device_attributes(&received) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let wait = Timespec {
            tv_sec: i64::try_from(left.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
        match poll(&mut fds, Some(&wait)) {
            // A signal (a resize, say) interrupted the wait: wait again.
            Err(rustix::io::Errno::INTR) => {}
            Ok(0) | Err(_) => break,
            Ok(_) => match rustix::io::read(stdin.as_fd(), &mut buffer) {
                Ok(0) | Err(_) => break,
                Ok(count) => received.extend_from_slice(&buffer[..count]),
            },
        }
    }
    received
}

/// Elsewhere (Windows) the console's input is not read byte by byte: no answers, and
/// manabi goes by its defaults and the command line (`--theme`, `--ambiguous`).
#[cfg(not(unix))]
fn read_replies(_timeout: Duration) -> Vec<u8> {
    Vec::new()
}

/// The doctor's questions, in the alternate screen so nothing is left behind: `─` and
/// the Japanese sample each followed by a cursor position request, the background
/// colour, and device attributes; and what came back within `timeout`.
pub fn ask_for_doctor(timeout: Duration) -> io::Result<TerminalAnswers> {
    if !cfg!(unix) {
        return Err(io::Error::new(
            io::ErrorKind::Unsupported,
            "the terminal is not asked on this system",
        ));
    }
    crossterm::terminal::enable_raw_mode()?;
    let mut out = io::stdout();
    let sent = write!(
        out,
        "\x1b[?1049h\x1b[1;1H─\x1b[6n\x1b[2;1H{JAPANESE_SAMPLE}\x1b[6n\x1b]11;?\x1b\\\x1b[c"
    )
    .and_then(|()| out.flush());
    let received = if sent.is_ok() {
        read_replies(timeout)
    } else {
        Vec::new()
    };
    // Answers that come after the wait (a slow link) are dropped here, before the
    // shell would read them as typed.
    discard_input();
    let _ = write!(out, "\x1b[?1049l");
    let _ = out.flush();
    let _ = crossterm::terminal::disable_raw_mode();
    sent?;
    Ok(doctor_answers(&received))
}

/// Drops what waits on standard input.
#[cfg(unix)]
fn discard_input() {
    let _ = rustix::termios::tcflush(io::stdin(), rustix::termios::QueueSelector::IFlush);
}

#[cfg(not(unix))]
fn discard_input() {}

/// The doctor's answers from what the terminal sent: the first cursor report on row 1
/// says how wide `─` is, the one on row 2 how wide the Japanese sample.
fn doctor_answers(received: &[u8]) -> TerminalAnswers {
    let text = String::from_utf8_lossy(received);
    let positions = cursor_positions(&text);
    let column_on = |row: u16| {
        positions
            .iter()
            .find(|(at, _)| *at == row)
            .map(|(_, column)| *column)
    };
    TerminalAnswers {
        answered: has_device_attributes(received) || !positions.is_empty(),
        background: background_colour(&text),
        ambiguous_wide: column_on(1).map(|column| column >= 3),
        japanese_columns: column_on(2).map(|column| column.saturating_sub(1)),
    }
}

/// Every cursor position report `ESC [ row ; column R`, in order.
fn cursor_positions(text: &str) -> Vec<(u16, u16)> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("\x1b[") {
        rest = &rest[start + 2..];
        let Some(end) = rest.find(|c: char| !c.is_ascii_digit() && c != ';') else {
            break;
        };
        if rest[end..].starts_with('R')
            && let Some((row, column)) = rest[..end].split_once(';')
            && let (Ok(row), Ok(column)) = (row.parse(), column.parse())
        {
            found.push((row, column));
        }
    }
    found
}

/// What came back while waiting for the answers.
pub struct Received {
    pub answers: ProbeAnswers,
    /// Keys the learner typed meanwhile.
    pub typed: Vec<KeyEvent>,
    /// The wait ended in the middle of a colour reply: its tail is still coming.
    pub cut_short: bool,
}

/// Whether the bytes end inside an OSC reply that has not been terminated.
fn ends_inside_reply(received: &[u8]) -> bool {
    received
        .windows(2)
        .rposition(|pair| pair == b"\x1b]")
        .is_some_and(|start| osc_length(&received[start + 2..]).is_none())
}

/// The length of an OSC reply's body up to and including its terminator, BEL or ST
/// (ESC \\), whichever comes first; `None` when it has not arrived.
fn osc_length(body: &[u8]) -> Option<usize> {
    let bel = body
        .iter()
        .position(|byte| *byte == 0x07)
        .map(|end| end + 1);
    let st = body
        .windows(2)
        .position(|pair| pair == b"\x1b\\")
        .map(|end| end + 2);
    match (bel, st) {
        (Some(bel), Some(st)) => Some(bel.min(st)),
        (bel, st) => bel.or(st),
    }
}

fn has_device_attributes(received: &[u8]) -> bool {
    received
        .windows(3)
        .enumerate()
        .any(|(start, window)| window == b"\x1b[?" && received[start..].contains(&b'c'))
}

/// Picks the answers out of what the terminal sent; the other bytes were typed.
#[must_use]
pub fn split_answers(received: &[u8]) -> (ProbeAnswers, Vec<u8>) {
    let mut answers = Vec::new();
    let mut typed = Vec::new();
    let mut index = 0;
    while index < received.len() {
        let length = answer_length(&received[index..]);
        if length > 0 {
            answers.extend_from_slice(&received[index..index + length]);
            index += length;
        } else {
            typed.push(received[index]);
            index += 1;
        }
    }
    let text = String::from_utf8_lossy(&answers);
    let parsed = ProbeAnswers {
        background: background_colour(&text),
        ambiguous_wide: cursor_positions(&text)
            .first()
            .map(|(_, column)| *column >= 3),
    };
    (parsed, typed)
}

/// The length of a terminal answer at the start of `bytes` (cursor position report,
/// device attributes, OSC reply), or 0.
fn answer_length(bytes: &[u8]) -> usize {
    match bytes {
        // A reply cut short by the timeout is dropped whole: it is never keys.
        [0x1b, b']', rest @ ..] => osc_length(rest).map_or(bytes.len(), |length| length + 2),
        [0x1b, b'[', rest @ ..] => {
            // Cut short by the timeout: the rest of an answer, never keys.
            let Some(end) = rest.iter().position(|byte| (0x40..=0x7e).contains(byte)) else {
                return bytes.len();
            };
            let is_answer = rest[end] == b'R' || (rest[end] == b'c' && rest.first() == Some(&b'?'));
            if is_answer { end + 3 } else { 0 }
        }
        _ => 0,
    }
}

/// Keys typed while the answers were awaited: characters, Enter, Tab, Backspace, Esc,
/// Ctrl-C and Ctrl-Z, and the cursor and paging keys' sequences; other sequences are
/// dropped whole rather than read as characters.
fn keys_from_bytes(bytes: &[u8]) -> Vec<KeyEvent> {
    let text = String::from_utf8_lossy(bytes);
    let mut keys = Vec::new();
    let mut characters = text.chars().peekable();
    while let Some(character) = characters.next() {
        let key = match character {
            '\x1b' if characters.peek() == Some(&'[') => {
                characters.next();
                let mut parameters = String::new();
                let mut last = None;
                for next in characters.by_ref() {
                    if ('\x40'..='\x7e').contains(&next) {
                        last = Some(next);
                        break;
                    }
                    parameters.push(next);
                }
                match last.and_then(|last| csi_key(&parameters, last)) {
                    Some(key) => key,
                    None => continue,
                }
            }
            '\x1b' => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
            '\r' | '\n' => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
            '\t' => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
            '\x7f' => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
            '\x03' => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
            '\x1a' => KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
            other if other.is_control() => continue,
            other => KeyEvent::new(KeyCode::Char(other), KeyModifiers::NONE),
        };
        keys.push(key);
    }
    keys
}

/// The key of a CSI sequence without modifiers (`ESC [ A`, `ESC [ 6 ~` …).
fn csi_key(parameters: &str, last: char) -> Option<KeyEvent> {
    let code = match (parameters, last) {
        ("", 'A') => KeyCode::Up,
        ("", 'B') => KeyCode::Down,
        ("", 'C') => KeyCode::Right,
        ("", 'D') => KeyCode::Left,
        ("" | "1", 'H') | ("1" | "7", '~') => KeyCode::Home,
        ("" | "1", 'F') | ("4" | "8", '~') => KeyCode::End,
        ("5", '~') => KeyCode::PageUp,
        ("6", '~') => KeyCode::PageDown,
        ("", 'Z') => KeyCode::BackTab,
        _ => return None,
    };
    Some(KeyEvent::new(code, KeyModifiers::NONE))
}

/// `ESC ] 11 ; rgb:RRRR/GGGG/BBBB` (BEL or ST), channels of 1 to 4 hex digits.
fn background_colour(text: &str) -> Option<(u8, u8, u8)> {
    let rest = text.split_once("\x1b]11;rgb:")?.1;
    let end = rest.find(['\x07', '\x1b']).unwrap_or(rest.len());
    let mut channels = rest[..end].split('/').map(|hex| {
        let hex = hex.get(..4).unwrap_or(hex);
        let value = u64::from_str_radix(hex, 16).ok()?;
        let max = (1_u64 << (4 * hex.len().clamp(1, 4))) - 1;
        u8::try_from(value * 255 / max).ok()
    });
    Some((channels.next()??, channels.next()??, channels.next()??))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_answers(received: &[u8]) -> ProbeAnswers {
        split_answers(received).0
    }

    #[test]
    fn answers_are_read_from_a_mixed_reply() {
        let reply = b"\x1b[1;2R\x1b]11;rgb:ffff/ffff/f0f0\x1b\\\x1b[?62;22c";
        let answers = parse_answers(reply);
        assert!(split_answers(reply).1.is_empty());
        assert_eq!(answers.background, Some((255, 255, 240)));
        assert_eq!(answers.ambiguous_wide, Some(false));
        assert_eq!(answers.is_light(), Some(true));
        assert!(has_device_attributes(reply));
    }

    #[test]
    fn wide_ambiguous_and_dark_background() {
        let answers = parse_answers(b"\x1b[1;3R\x1b]11;rgb:1e/1e/2e\x07\x1b[?1;2c");
        assert_eq!(answers.ambiguous_wide, Some(true));
        assert_eq!(answers.background, Some((30, 30, 46)));
        assert_eq!(answers.is_light(), Some(false));
    }

    #[test]
    fn silence_means_no_answer() {
        assert_eq!(parse_answers(b""), ProbeAnswers::default());
        assert_eq!(parse_answers(b"\x1b[?62c"), ProbeAnswers::default());
        assert!(!has_device_attributes(b"\x1b[1;2R"));
    }

    #[test]
    fn keys_typed_among_the_answers_are_kept() {
        let (answers, typed) = split_answers(b"G\x1b[1;3Rj\x1b[A/\xe5\x90\x8d\r\x1b[?1c");
        assert_eq!(answers.ambiguous_wide, Some(true));
        let keys: Vec<KeyCode> = keys_from_bytes(&typed)
            .into_iter()
            .map(|key| key.code)
            .collect();
        assert_eq!(
            keys,
            [
                KeyCode::Char('G'),
                KeyCode::Char('j'),
                KeyCode::Up,
                KeyCode::Char('/'),
                KeyCode::Char('名'),
                KeyCode::Enter
            ]
        );
    }

    #[test]
    fn a_reply_cut_short_is_noticed_and_never_typed() {
        let (_, typed) = split_answers(b"j\x1b]11;rgb:ff");
        assert_eq!(typed, b"j");
        assert!(ends_inside_reply(b"\x1b[?1c\x1b]11;rgb:ff"));
        assert!(!ends_inside_reply(b"\x1b]11;rgb:ff/ff/ff\x07"));
        assert!(!ends_inside_reply(b"jk"));
    }

    #[test]
    fn the_doctor_reads_both_widths_and_the_background() {
        let answers = doctor_answers(b"\x1b[1;2R\x1b[2;13R\x1b]11;rgb:0000/0000/0000\x07\x1b[?1c");
        assert!(answers.answered);
        assert_eq!(answers.ambiguous_wide, Some(false));
        assert_eq!(answers.japanese_columns, Some(12));
        assert_eq!(answers.background, Some((0, 0, 0)));
        let narrow_japanese = doctor_answers(b"\x1b[1;3R\x1b[2;7R\x1b[?1c");
        assert_eq!(narrow_japanese.ambiguous_wide, Some(true));
        assert_eq!(narrow_japanese.japanese_columns, Some(6));
        assert_eq!(doctor_answers(b""), TerminalAnswers::default());
        assert_eq!(cursor_positions("\x1b[99999999;1R\x1b[;R"), []);
    }

    #[test]
    fn hostile_colour_replies_do_not_overflow() {
        assert_eq!(
            parse_answers(b"\x1b]11;rgb:ffffffff/0/0\x07").background,
            Some((255, 0, 0))
        );
    }

    #[test]
    fn paging_keys_typed_during_the_wait_are_kept_whole() {
        let keys: Vec<KeyCode> = keys_from_bytes(b"\x1b[6~\x1b[5~\x1b[H\x1b[F\x1b[1;5A\x1a")
            .into_iter()
            .map(|key| key.code)
            .collect();
        assert_eq!(
            keys,
            [
                KeyCode::PageDown,
                KeyCode::PageUp,
                KeyCode::Home,
                KeyCode::End,
                KeyCode::Char('z')
            ]
        );
        let (_, typed) = split_answers(b"q\x1b[1;");
        assert_eq!(typed, b"q", "a cut cursor report is not typed");
    }
}
