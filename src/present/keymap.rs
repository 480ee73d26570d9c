//! Keys → messages for the presenting window.

use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers};

use super::PresentMessage;

/// What a key or resize means to the presenting window.
#[must_use]
pub fn present_message(event: &Event) -> Option<PresentMessage> {
    match event {
        Event::Resize(width, height) => Some(PresentMessage::Resize {
            width: *width,
            height: *height,
        }),
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            let control = key.modifiers.contains(KeyModifiers::CONTROL);
            Some(match key.code {
                KeyCode::Char('c') if control => PresentMessage::Quit,
                KeyCode::Right | KeyCode::Char(' ' | 'l' | 'j') | KeyCode::PageDown => {
                    PresentMessage::Next
                }
                KeyCode::Left | KeyCode::Char('h' | 'k') | KeyCode::PageUp => {
                    PresentMessage::Previous
                }
                KeyCode::Char(digit @ '0'..='9') => PresentMessage::Digit(digit.to_digit(10)?),
                KeyCode::Enter => PresentMessage::Go,
                KeyCode::Esc => PresentMessage::Cancel,
                KeyCode::Char('b') => PresentMessage::Blank,
                KeyCode::Char('p') => PresentMessage::Pause,
                KeyCode::Char('R') => PresentMessage::RestartClock,
                KeyCode::Char('r') => PresentMessage::Restart,
                KeyCode::Char('P') => PresentMessage::Polls,
                KeyCode::Char('q') => PresentMessage::Quit,
                _ => return None,
            })
        }
        _ => None,
    }
}
