//! Keys and mouse → messages: vim keys and arrows, like less and lazygit.

use crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

use super::quiz_run::{Answer, QuizRun, Step};
use super::text_field::Caret;
use super::{DiagramMessage, Focus, Message, QuizMessage, Screen};

/// Lines a wheel notch scrolls.
const WHEEL_LINES: isize = 3;

/// The message for a terminal event, if it means anything to the reader.
#[must_use]
pub fn message_for_event(event: &Event, screen: &Screen, focus: Focus) -> Option<Message> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            message_for_key(*key, screen, focus)
        }
        // Overlays and the search prompt own the keyboard; the mouse waits for them.
        Event::Mouse(mouse) if *screen == Screen::Reading => message_for_mouse(*mouse),
        Event::Mouse(mouse) if matches!(screen, Screen::Diagram(_)) => diagram_mouse(*mouse),
        Event::Paste(text) => match screen {
            Screen::Searching => Some(Message::SearchPaste(text.clone())),
            Screen::Quiz(_) => Some(Message::Quiz(QuizMessage::Paste(text.clone()))),
            _ => None,
        },
        Event::Resize(width, height) => Some(Message::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// The message for a key press in the current screen and focus.
#[must_use]
pub fn message_for_key(key: KeyEvent, screen: &Screen, focus: Focus) -> Option<Message> {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match (key.code, control) {
        (KeyCode::Char('c'), true) => return Some(Message::Quit),
        (KeyCode::Char('z'), true) => return Some(Message::Suspend),
        _ => {}
    }
    match screen {
        Screen::Searching => search_key(key.code, control),
        Screen::Quiz(run) if key.code == KeyCode::Char('q') && !is_typing(run) => {
            Some(Message::Quit)
        }
        Screen::Quiz(run) => quiz_key(key, run).map(Message::Quiz),
        Screen::Help(_) => match key.code {
            // As in less and man, `q` closes the help, not the app.
            KeyCode::Esc | KeyCode::Char('?' | 'q') | KeyCode::Enter => Some(Message::Cancel),
            KeyCode::Char('j') | KeyCode::Down => Some(Message::HelpScroll(1)),
            KeyCode::Char('k') | KeyCode::Up => Some(Message::HelpScroll(-1)),
            _ => None,
        },
        // Alt+key is never ours: it is also how a late terminal answer (OSC) arrives.
        _ if key.modifiers.contains(KeyModifiers::ALT) => None,
        Screen::Checklist { .. } => checklist_key(key.code),
        Screen::Diagram(_) => diagram_key(key.code)
            .map(Message::Diagram)
            .or(match key.code {
                KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => Some(Message::Cancel),
                _ => None,
            }),
        Screen::Home(_) => home_key(key.code),
        Screen::Reading if focus == Focus::Contents => contents_key(key.code),
        Screen::Reading => text_key(key.code, key.modifiers),
    }
}

fn search_key(code: KeyCode, control: bool) -> Option<Message> {
    match code {
        KeyCode::Enter => Some(Message::SearchSubmit),
        KeyCode::Esc => Some(Message::Cancel),
        KeyCode::Backspace => Some(Message::SearchBackspace),
        KeyCode::Char(character) if !control && !character.is_control() => {
            Some(Message::SearchInput(character))
        }
        _ => None,
    }
}

fn home_key(code: KeyCode) -> Option<Message> {
    match code {
        KeyCode::Char('j') | KeyCode::Down => Some(Message::HomeMove(1)),
        KeyCode::Char('k') | KeyCode::Up => Some(Message::HomeMove(-1)),
        KeyCode::Enter => Some(Message::HomeOpen),
        KeyCode::Char('R') => Some(Message::StartReview),
        KeyCode::Esc | KeyCode::Char('H') => Some(Message::Cancel),
        KeyCode::Char('?') => Some(Message::ShowHelp),
        KeyCode::Char('q') => Some(Message::Quit),
        _ => None,
    }
}

fn checklist_key(code: KeyCode) -> Option<Message> {
    match code {
        KeyCode::Char('j') | KeyCode::Down => Some(Message::ChecklistMove(1)),
        KeyCode::Char('k') | KeyCode::Up => Some(Message::ChecklistMove(-1)),
        KeyCode::Enter => Some(Message::ChecklistStart),
        KeyCode::Char(' ' | 'x') => Some(Message::ToggleSelfAssessed),
        KeyCode::Char('Q') => Some(Message::StartQuiz),
        KeyCode::Esc | KeyCode::Char('c') => Some(Message::Cancel),
        KeyCode::Char('q') => Some(Message::Quit),
        _ => None,
    }
}

/// Whether keys are text for a short answer or the manifest editor.
fn is_typing(run: &QuizRun) -> bool {
    matches!(
        run.step(),
        Step::Answering(Answer::Text { .. } | Answer::Manifest { editing: true, .. })
    )
}

/// Keys on a question's screen: typed text goes into a short answer or the editor;
/// elsewhere letters are commands.
// One arm per step and kind of answer: the table reads best whole.
fn quiz_key(key: KeyEvent, run: &QuizRun) -> Option<QuizMessage> {
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    if control && key.code == KeyCode::Char('s') {
        return Some(QuizMessage::Submit);
    }
    if key.code == KeyCode::Esc {
        let editing = matches!(
            run.step(),
            Step::Answering(Answer::Manifest { editing: true, .. })
        );
        return Some(if editing {
            QuizMessage::StopEditing
        } else {
            QuizMessage::Leave
        });
    }
    let editing = matches!(
        run.step(),
        Step::Answering(Answer::Manifest { editing: true, .. })
    );
    match key.code {
        KeyCode::PageDown if !editing => return Some(QuizMessage::Scroll(10)),
        KeyCode::PageUp if !editing => return Some(QuizMessage::Scroll(-10)),
        _ => {}
    }
    match (&run.step(), key.code) {
        (Step::Answering(Answer::Manifest { editing: true, .. }), _) => {
            Some(QuizMessage::EditorKey(key))
        }
        (Step::Answering(Answer::Text { .. }), code) => short_answer_key(code, control),
        (Step::Answering(Answer::Choice { .. }), code) => match code {
            KeyCode::Enter => Some(QuizMessage::Submit),
            KeyCode::Char(character) if digit(character).is_some() => digit(character),
            code => moving(code),
        },
        (Step::Answering(Answer::Multi { .. }), code) => match code {
            KeyCode::Enter => Some(QuizMessage::Submit),
            KeyCode::Char(' ') => Some(QuizMessage::Toggle),
            KeyCode::Char(character) if digit(character).is_some() => digit(character),
            code => moving(code),
        },
        (Step::Answering(Answer::Manifest { .. }), code) => match code {
            KeyCode::Enter | KeyCode::Char('i') => Some(QuizMessage::Edit),
            KeyCode::Char('e') => Some(QuizMessage::ExternalEditor),
            _ => None,
        },
        (Step::Answered { .. }, code) => match code {
            KeyCode::Enter | KeyCode::Char(' ' | 'n') | KeyCode::Right => Some(QuizMessage::Next),
            KeyCode::Char('r') => Some(QuizMessage::Review),
            KeyCode::Char('j') | KeyCode::Down => Some(QuizMessage::Scroll(1)),
            KeyCode::Char('k') | KeyCode::Up => Some(QuizMessage::Scroll(-1)),
            _ => None,
        },
        (Step::Finished, KeyCode::Enter) => Some(QuizMessage::Leave),
        (Step::Finished, KeyCode::Char('j') | KeyCode::Down) => Some(QuizMessage::Scroll(1)),
        (Step::Finished, KeyCode::Char('k') | KeyCode::Up) => Some(QuizMessage::Scroll(-1)),
        (Step::Finished, _) => None,
    }
}

/// Keys in the short-answer field: text, and the line-editing keys.
fn short_answer_key(code: KeyCode, control: bool) -> Option<QuizMessage> {
    match code {
        KeyCode::Enter => Some(QuizMessage::Submit),
        KeyCode::Backspace => Some(QuizMessage::Backspace),
        KeyCode::Delete => Some(QuizMessage::Delete),
        KeyCode::Char('u') if control => Some(QuizMessage::Clear),
        KeyCode::Left => Some(QuizMessage::Caret(Caret::Left)),
        KeyCode::Right => Some(QuizMessage::Caret(Caret::Right)),
        KeyCode::Home => Some(QuizMessage::Caret(Caret::Home)),
        KeyCode::Char('a') if control => Some(QuizMessage::Caret(Caret::Home)),
        KeyCode::End => Some(QuizMessage::Caret(Caret::End)),
        KeyCode::Char('e') if control => Some(QuizMessage::Caret(Caret::End)),
        KeyCode::Char(character) if !control && !character.is_control() => {
            Some(QuizMessage::Input(character))
        }
        _ => None,
    }
}

/// A digit picks a choice by its shown number; full-width digits from an IME count.
fn digit(character: char) -> Option<QuizMessage> {
    let character = match character {
        '０'..='９' => char::from_u32(u32::from(character) - 0xFEE0)?,
        other => other,
    };
    character
        .to_digit(10)
        .filter(|digit| *digit > 0)
        .map(|digit| QuizMessage::Pick(digit as usize - 1))
}

/// j/k and the arrows move the cursor over the choices.
fn moving(code: KeyCode) -> Option<QuizMessage> {
    match code {
        KeyCode::Char('j') | KeyCode::Down => Some(QuizMessage::Move(1)),
        KeyCode::Char('k') | KeyCode::Up => Some(QuizMessage::Move(-1)),
        _ => None,
    }
}

fn contents_key(code: KeyCode) -> Option<Message> {
    match code {
        KeyCode::Char('j') | KeyCode::Down => Some(Message::ContentsMove(1)),
        KeyCode::Char('k') | KeyCode::Up => Some(Message::ContentsMove(-1)),
        KeyCode::Enter => Some(Message::ContentsJump),
        KeyCode::Tab | KeyCode::Esc => Some(Message::ToggleFocus),
        KeyCode::Char('t') => Some(Message::ToggleContents),
        KeyCode::Char('?') => Some(Message::ShowHelp),
        KeyCode::Char('q') => Some(Message::Quit),
        _ => None,
    }
}

fn text_key(code: KeyCode, modifiers: KeyModifiers) -> Option<Message> {
    let message = match code {
        KeyCode::Char('j') | KeyCode::Down => Message::ScrollLines(1),
        KeyCode::Char('k') | KeyCode::Up => Message::ScrollLines(-1),
        KeyCode::Char(' ') if modifiers.contains(KeyModifiers::SHIFT) => Message::ScrollPages(-1),
        KeyCode::Char(' ') | KeyCode::PageDown => Message::ScrollPages(1),
        KeyCode::Char('b') | KeyCode::PageUp => Message::ScrollPages(-1),
        KeyCode::Char('g') | KeyCode::Home => Message::Top,
        KeyCode::Char('G') | KeyCode::End => Message::Bottom,
        KeyCode::Char(']') => Message::NextSection,
        KeyCode::Char('[') => Message::PreviousSection,
        KeyCode::Char('t') => Message::ToggleContents,
        KeyCode::Tab => Message::ToggleFocus,
        KeyCode::Char('/') => Message::StartSearch,
        KeyCode::Char('n') => Message::NextMatch,
        KeyCode::Char('N') => Message::PreviousMatch,
        KeyCode::Char('h') | KeyCode::Left => Message::ScrollCode(-1),
        KeyCode::Char('l') | KeyCode::Right => Message::ScrollCode(1),
        KeyCode::Char('y') => Message::CopyCode,
        KeyCode::Char('s') => Message::SaveCode,
        KeyCode::Char('?') => Message::ShowHelp,
        KeyCode::Char('c') => Message::OpenChecklist,
        KeyCode::Char('Q') => Message::StartQuiz,
        KeyCode::Char('r') => Message::ReturnToQuiz,
        KeyCode::Char('R') => Message::StartReview,
        KeyCode::Char('H') => Message::OpenHome,
        KeyCode::Char('L') => Message::OpenNextLesson,
        KeyCode::Char('f') => Message::FollowAgain,
        KeyCode::Esc => Message::Cancel,
        KeyCode::Enter => Message::OpenDiagram,
        KeyCode::Char('q') => Message::Quit,
        _ => return None,
    };
    Some(message)
}

/// Keys in the diagram view: hjkl and the arrows pan, Space and b page, Tab follows the
/// next node and Shift+Tab the one before.
fn diagram_key(code: KeyCode) -> Option<DiagramMessage> {
    let pan = |across, down| Some(DiagramMessage::Pan { across, down });
    match code {
        KeyCode::Char('h') | KeyCode::Left => pan(-1, 0),
        KeyCode::Char('l') | KeyCode::Right => pan(1, 0),
        KeyCode::Char('j') | KeyCode::Down => pan(0, 1),
        KeyCode::Char('k') | KeyCode::Up => pan(0, -1),
        KeyCode::Char(' ') | KeyCode::PageDown => Some(DiagramMessage::Page(1)),
        KeyCode::Char('b') | KeyCode::PageUp => Some(DiagramMessage::Page(-1)),
        KeyCode::Tab => Some(DiagramMessage::Follow(true)),
        KeyCode::BackTab => Some(DiagramMessage::Follow(false)),
        _ => None,
    }
}

/// The wheel pans the diagram view (Shift+wheel, or a sideways wheel, across).
fn diagram_mouse(mouse: MouseEvent) -> Option<Message> {
    let shift = mouse.modifiers.contains(KeyModifiers::SHIFT);
    let (across, down) = match mouse.kind {
        MouseEventKind::ScrollDown if shift => (1, 0),
        MouseEventKind::ScrollUp if shift => (-1, 0),
        MouseEventKind::ScrollDown => (0, WHEEL_LINES),
        MouseEventKind::ScrollUp => (0, -WHEEL_LINES),
        MouseEventKind::ScrollRight => (1, 0),
        MouseEventKind::ScrollLeft => (-1, 0),
        _ => return None,
    };
    Some(Message::Diagram(DiagramMessage::Pan { across, down }))
}

fn message_for_mouse(mouse: MouseEvent) -> Option<Message> {
    let shift = mouse.modifiers.contains(KeyModifiers::SHIFT);
    let wheel = |delta: isize, sideways: bool| {
        Some(Message::Wheel {
            column: mouse.column,
            row: mouse.row,
            delta,
            sideways,
        })
    };
    match mouse.kind {
        MouseEventKind::ScrollDown => wheel(if shift { 1 } else { WHEEL_LINES }, shift),
        MouseEventKind::ScrollUp => wheel(if shift { -1 } else { -WHEEL_LINES }, shift),
        MouseEventKind::ScrollRight => wheel(1, true),
        MouseEventKind::ScrollLeft => wheel(-1, true),
        MouseEventKind::Down(MouseButton::Left) => Some(Message::Click {
            column: mouse.column,
            row: mouse.row,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Help;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn reading_keys() {
        let reading = |code| message_for_key(key(code), &Screen::Reading, Focus::Text);
        assert_eq!(reading(KeyCode::Char('j')), Some(Message::ScrollLines(1)));
        assert_eq!(reading(KeyCode::Up), Some(Message::ScrollLines(-1)));
        assert_eq!(reading(KeyCode::Char(' ')), Some(Message::ScrollPages(1)));
        assert_eq!(reading(KeyCode::PageUp), Some(Message::ScrollPages(-1)));
        assert_eq!(reading(KeyCode::End), Some(Message::Bottom));
        assert_eq!(reading(KeyCode::Char(']')), Some(Message::NextSection));
        assert_eq!(reading(KeyCode::Char('/')), Some(Message::StartSearch));
        assert_eq!(reading(KeyCode::Char('x')), None);
    }

    #[test]
    fn search_typing_takes_every_character() {
        let screen = Screen::Searching;
        let typed = |code| message_for_key(key(code), &screen, Focus::Text);
        assert_eq!(typed(KeyCode::Char('q')), Some(Message::SearchInput('q')));
        assert_eq!(typed(KeyCode::Char('名')), Some(Message::SearchInput('名')));
        assert_eq!(typed(KeyCode::Esc), Some(Message::Cancel));
    }

    #[test]
    fn control_keys_work_everywhere() {
        let control = |character| KeyEvent::new(KeyCode::Char(character), KeyModifiers::CONTROL);
        for screen in [
            Screen::Reading,
            Screen::Help(Help::default()),
            Screen::Searching,
        ] {
            assert_eq!(
                message_for_key(control('c'), &screen, Focus::Text),
                Some(Message::Quit)
            );
            assert_eq!(
                message_for_key(control('z'), &screen, Focus::Contents),
                Some(Message::Suspend)
            );
        }
    }

    #[test]
    fn shift_wheel_scrolls_sideways() {
        let mouse = MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: 3,
            row: 7,
            modifiers: KeyModifiers::SHIFT,
        };
        assert_eq!(
            message_for_mouse(mouse),
            Some(Message::Wheel {
                column: 3,
                row: 7,
                delta: 1,
                sideways: true
            })
        );
    }
}

#[cfg(test)]
mod help_tests {
    use super::*;
    use crate::app::Help;
    use crate::strings::Lang;

    /// A key named in the help, as the terminal reports it.
    fn key_named(name: &str) -> Option<KeyEvent> {
        let code = match name {
            "Space" => KeyCode::Char(' '),
            "PgDn" => KeyCode::PageDown,
            "PgUp" => KeyCode::PageUp,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "Tab" => KeyCode::Tab,
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Down" => KeyCode::Down,
            "Up" => KeyCode::Up,
            "Ctrl-Z" => return Some(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)),
            "Ctrl-C" => return Some(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            single if single.chars().count() == 1 => KeyCode::Char(single.chars().next()?),
            _ => return None,
        };
        Some(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn every_key_the_help_lists_does_something() {
        for lang in [Lang::En, Lang::Ja] {
            for (keys, meaning) in lang.texts().help {
                for name in keys
                    .split_whitespace()
                    .map(|word| word.trim_end_matches(','))
                {
                    let Some(key) = key_named(name) else {
                        continue;
                    };
                    let reading = message_for_key(key, &Screen::Reading, Focus::Text);
                    let contents = message_for_key(key, &Screen::Reading, Focus::Contents);
                    let help = message_for_key(key, &Screen::Help(Help::default()), Focus::Text);
                    assert!(
                        reading.is_some() || contents.is_some() || help.is_some(),
                        "{name} ({meaning}) does nothing"
                    );
                }
            }
        }
    }
}
