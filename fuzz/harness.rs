//! What each fuzz target does with its input, shared by the targets (`cargo fuzz run
//! NAME`) and by `tests/fuzz_regressions.rs`, which runs every input kept under
//! `fuzz/regressions/NAME/` on stable, so a finding stays fixed.

// Each fuzz target uses one of these functions.
#![allow(dead_code)]

use std::sync::OnceLock;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use manabi::app::{App, message_for_event};
use manabi::course::{Course, CourseSource, Lesson, load_course, parse_lesson};
use manabi::layout::glyphs::{ASCII, UNICODE};
use manabi::layout::{LayoutOptions, lay_out};
use manabi::palette::ColorDepth;
use manabi::progress::{class_report, read_export};
use manabi::quiz::{
    Kind, LessonQuiz, Quiz, grade_manifest, load_quiz, parse_quiz_reporting, validate_quiz,
};
use manabi::strings::Lang;
use manabi::theme::{Theme, ThemeKind};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// The longest input a target reads: past it, only time is spent, not new paths.
const LONGEST: usize = 16 * 1024;

fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(&data[..data.len().min(LONGEST)]).into_owned()
}

/// The first byte as a width of 1 to `most` columns, and the rest.
fn width_and_rest(data: &[u8], most: usize) -> (usize, &[u8]) {
    match data.split_first() {
        Some((first, rest)) => (1 + usize::from(*first) % most, rest),
        None => (80, data),
    }
}

/// The shipping course and its first lesson's quiz, read once.
/// The built-in course and its first lesson's quiz; without either there is nothing to
/// fuzz, so a failure to load them fails loudly rather than passing every input.
fn shipping() -> &'static (Course, Quiz) {
    static SHIPPING: OnceLock<(Course, Quiz)> = OnceLock::new();
    SHIPPING.get_or_init(|| {
        let course = load_course(&CourseSource::Embedded).expect("the built-in course loads");
        let LessonQuiz::Ready(quiz) = load_quiz(&CourseSource::Embedded, &course.lessons[0]) else {
            panic!("the built-in lesson's quiz does not load");
        };
        (course, quiz)
    })
}

fn first_lesson() -> &'static Lesson {
    &shipping().0.lessons[0]
}

/// A lesson file parsed and laid out at a width of 1 to 256 columns, with box drawing
/// and with ASCII.
pub fn lesson(data: &[u8]) {
    let (width, rest) = width_and_rest(data, 256);
    let Ok(lesson) = parse_lesson(&text(rest), "lesson.md") else {
        return;
    };
    let theme = Theme::new(ThemeKind::Dark);
    for glyphs in [&UNICODE, &ASCII] {
        let options = LayoutOptions {
            width,
            theme: &theme,
            glyphs,
            checklist: &[],
        };
        let _ = lay_out(&lesson, &options);
    }
}

/// A Mermaid flowchart parsed, placed, drawn and checked (`picture` runs `verify`),
/// and mapped for the diagram view, at a width of 1 to 200 columns.
pub fn mermaid(data: &[u8]) {
    let (width, rest) = width_and_rest(data, 200);
    let source: Vec<String> = text(&rest[..rest.len().min(4 * 1024)])
        .lines()
        .map(str::to_owned)
        .collect();
    let _ = manabi::diagram::picture(&source, width % 2 == 0, width);
    let _ = manabi::diagram::map(&source, width % 2 == 1, width);
}

/// A `quiz.yaml` read and checked against the shipping lesson's sections and checklist.
pub fn quiz(data: &[u8]) {
    let parsed = parse_quiz_reporting(&text(data));
    if let Some(quiz) = parsed.quiz {
        let lesson = first_lesson();
        let _ = validate_quiz(&quiz, &lesson.sections, &lesson.checklist, &[]);
    }
}

/// A manifest answer graded against one of the shipping quiz's exercises (the first
/// byte picks which).
pub fn manifest(data: &[u8]) {
    let quiz = &shipping().1;
    let exercises: Vec<_> = quiz
        .questions
        .iter()
        .filter_map(|question| match &question.kind {
            Kind::Manifest(exercise) => Some(exercise),
            _ => None,
        })
        .collect();
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    if let Some(exercise) = exercises.get(usize::from(*first) % exercises.len().max(1)) {
        let _ = grade_manifest(exercise, &text(rest));
    }
}

/// An export file (JSON or CSV) read, and the class report made and written from it.
pub fn export(data: &[u8]) {
    if let Ok(record) = read_export(&text(data)) {
        let report = class_report(&[record]);
        let _ = manabi::ui::progress_text::report_text(&report, Lang::Ja);
    }
}

/// Keys, mouse events and resizes (1×1 to 500×200) into the reader on the shipping
/// lesson, each followed by a frame drawn at the size of the moment.
pub fn events(data: &[u8]) {
    let (course, quiz) = shipping();
    let mut size = (80u16, 24u16);
    let mut app = App::new(
        course.lessons[0].clone(),
        Theme::new(ThemeKind::Dark),
        &UNICODE,
        Lang::Ja.texts(),
        size,
    );
    app.set_quiz(LessonQuiz::Ready(quiz.clone()));
    app.finish_layout();
    let mut bytes = data.iter().copied().take(256);
    while let Some(byte) = bytes.next() {
        let event = match byte % 8 {
            0 => {
                let high = bytes.next().unwrap_or(0);
                let low = bytes.next().unwrap_or(0);
                let width = 1 + u16::from_be_bytes([high, low]) % 500;
                let height = 1 + u16::from(bytes.next().unwrap_or(0)) % 200;
                size = (width, height);
                Event::Resize(width, height)
            }
            1 => Event::Mouse(MouseEvent {
                kind: if byte & 0x80 == 0 {
                    MouseEventKind::ScrollDown
                } else {
                    MouseEventKind::Down(crossterm::event::MouseButton::Left)
                },
                column: u16::from(bytes.next().unwrap_or(0)),
                row: u16::from(bytes.next().unwrap_or(0)),
                modifiers: KeyModifiers::NONE,
            }),
            2 => Event::Paste(text(&[bytes.next().unwrap_or(b'a'); 3])),
            3 => Event::Key(KeyEvent::new(
                [
                    KeyCode::Enter,
                    KeyCode::Esc,
                    KeyCode::Tab,
                    KeyCode::Backspace,
                    KeyCode::Up,
                    KeyCode::Down,
                    KeyCode::Left,
                    KeyCode::Right,
                    KeyCode::PageUp,
                    KeyCode::PageDown,
                    KeyCode::Home,
                    KeyCode::End,
                    KeyCode::Delete,
                    KeyCode::F(1),
                ][usize::from(byte >> 3) % 14],
                KeyModifiers::NONE,
            )),
            _ => {
                let character = char::from(bytes.next().unwrap_or(b' ') % 95 + 32);
                let modifiers = if byte & 0x80 == 0 {
                    KeyModifiers::NONE
                } else {
                    KeyModifiers::CONTROL
                };
                Event::Key(KeyEvent::new(KeyCode::Char(character), modifiers))
            }
        };
        // Quitting, suspending and editing in $EDITOR are the runtime's: not here.
        if let Some(message) = message_for_event(&event, app.screen(), app.reader().focus()) {
            let _ = app.update(message);
        }
        let mut terminal =
            Terminal::new(TestBackend::new(size.0, size.1)).expect("a test terminal");
        terminal
            .draw(|frame| manabi::ui::draw(frame, &app, ColorDepth::TrueColor))
            .expect("a frame");
    }
}
