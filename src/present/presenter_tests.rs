use super::*;
use crate::course::{CourseSource, load_course};
use crate::layout::glyphs::{Glyphs, UNICODE};
use crate::strings::Lang;
use crate::theme::ThemeKind;

pub(crate) const START: u64 = 1_000_000;

/// The tests' own lesson (`tests/fixtures/courses/reader`, with speaker notes) as a
/// talk, in Japanese: editing the shipping lesson breaks no test of the workshop.
fn talk() -> Talk {
    talk_drawn_with(&UNICODE)
}

fn talk_drawn_with(glyphs: &'static Glyphs) -> Talk {
    let source = CourseSource::Directory(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/reader"),
    );
    let course = load_course(&source).unwrap();
    Talk::new(
        course.lessons[0].clone(),
        Theme::new(ThemeKind::Dark),
        glyphs,
        Lang::Ja.texts(),
    )
}

pub(crate) fn presenter(width: u16, height: u16) -> Presenter {
    Presenter::new(talk(), (width, height), START)
}

pub(crate) fn notes_window(width: u16, height: u16) -> NotesWindow {
    notes_window_drawn_with(&UNICODE, width, height)
}

pub(crate) fn notes_window_drawn_with(
    glyphs: &'static Glyphs,
    width: u16,
    height: u16,
) -> NotesWindow {
    NotesWindow::new(talk_drawn_with(glyphs), (width, height), "services")
}

#[test]
fn screens_never_cut_a_block_that_fits_on_one() {
    for (width, height) in [(80, 24), (100, 30), (120, 40), (200, 50), (60, 16)] {
        let presenter = presenter(width, height);
        let rows = usize::from(presenter.text_rows());
        let starts = &presenter.layout.block_starts;
        let lines = presenter.layout.lines.len();
        for (slide, screens) in presenter.talk.slides.iter().zip(&presenter.screens) {
            for screen in screens {
                assert!(
                    screen.len() <= rows,
                    "{width}x{height} {}: {screen:?}",
                    slide.title
                );
            }
            // A block's lines up to its last non-blank one.
            let content = |block: usize| {
                let start = starts[block];
                let end = starts.get(block + 1).copied().unwrap_or(lines);
                let length = presenter.layout.lines[start..end]
                    .iter()
                    .rposition(|laid| laid.line.width() > 0)
                    .map_or(1, |last| last + 1);
                start..start + length
            };
            for screen in &screens[..screens.len() - 1] {
                let cut = slide
                    .blocks
                    .clone()
                    .map(content)
                    .find(|block| block.start < screen.end && screen.end < block.end);
                if let Some(block) = cut {
                    assert!(
                        block.len() > rows,
                        "{width}x{height} {}: {block:?} cut at {}",
                        slide.title,
                        screen.end
                    );
                }
            }
        }
    }
}

#[test]
fn keys_walk_screens_and_sections() {
    let mut presenter = presenter(80, 24);
    let screens_of_two = presenter.screens[1].len();
    assert!(
        screens_of_two > 1,
        "the model section needs several screens at 80x24"
    );
    presenter.update(PresentMessage::Next);
    assert_eq!((presenter.slide, presenter.screen), (1, 0));
    for _ in 0..screens_of_two {
        presenter.update(PresentMessage::Next);
    }
    assert_eq!((presenter.slide, presenter.screen), (2, 0));
    presenter.update(PresentMessage::Previous);
    assert_eq!((presenter.slide, presenter.screen), (1, screens_of_two - 1));
    // Digits and Enter: section n as the footer numbers it; out of range does nothing.
    presenter.update(PresentMessage::Digit(6));
    presenter.update(PresentMessage::Go);
    assert_eq!((presenter.slide, presenter.screen), (5, 0));
    presenter.update(PresentMessage::Digit(9));
    presenter.update(PresentMessage::Digit(9));
    presenter.update(PresentMessage::Go);
    assert_eq!(presenter.slide, 5);
    // The last screen stays the last.
    let slides = presenter.talk.slides.len();
    for digit in slides.to_string().chars() {
        presenter.update(PresentMessage::Digit(digit.to_digit(10).unwrap()));
    }
    presenter.update(PresentMessage::Go);
    let last = slides - 1;
    assert_eq!(presenter.slide, last);
    for _ in 0..10 {
        presenter.update(PresentMessage::Next);
    }
    assert_eq!(presenter.slide, last);
    presenter.update(PresentMessage::Blank);
    assert!(presenter.blank);
    presenter.update(PresentMessage::Blank);
    assert!(!presenter.blank);
    assert!(presenter.update(PresentMessage::Quit));
}

#[test]
fn the_agenda_clock_keeps_wall_time_and_pauses_on_p() {
    let mut presenter = presenter(80, 24);
    presenter.now = START + 90_000;
    assert_eq!(presenter.elapsed_ms(), 90_000);
    presenter.update(PresentMessage::Pause);
    presenter.now = START + 300_000;
    assert_eq!(presenter.elapsed_ms(), 90_000);
    presenter.update(PresentMessage::Pause);
    presenter.now = START + 310_000;
    assert_eq!(presenter.elapsed_ms(), 100_000);
}

#[test]
fn the_notes_window_follows_the_presenter() {
    let mut presenter = presenter(100, 30);
    let mut notes = notes_window(70, 30);
    assert!(!notes.follow(None));
    assert!(notes.follow(Some(presenter.state(42))));
    assert_eq!(notes.state.as_ref().unwrap().slide, 0);
    presenter.update(PresentMessage::Next);
    presenter.update(PresentMessage::Next);
    presenter.update(PresentMessage::Next);
    assert!(notes.follow(Some(presenter.state(42))));
    assert_eq!(notes.state.as_ref().unwrap().slide, presenter.slide);
    assert!(!notes.follow(Some(presenter.state(42))), "nothing changed");
    // A talk on another lesson is not followed.
    let mut other = presenter.state(43);
    other.lesson = "another-lesson".to_owned();
    assert!(notes.follow(Some(other)));
    assert!(notes.state.is_none());
}

#[test]
fn a_number_out_of_range_says_so_and_a_crashed_talk_is_taken_up() {
    let mut presenter = presenter(80, 24);
    presenter.update(PresentMessage::Digit(1));
    presenter.update(PresentMessage::Digit(2));
    presenter.update(PresentMessage::Go);
    assert_eq!((presenter.slide, presenter.no_such_section), (0, Some(12)));
    presenter.update(PresentMessage::Next);
    assert_eq!(presenter.no_such_section, None);
    // The window that crashed was on section 6, 9 minutes in.
    let mut crashed = presenter.state(99);
    crashed.slide = 5;
    crashed.started_at = START - 9 * 60_000;
    crashed.slide_entered_ms = 7 * 60_000;
    let mut again = super::tests::presenter(80, 24);
    again.offer_resume(crashed.clone());
    // Keys wait for the choice.
    again.update(PresentMessage::Next);
    assert_eq!((again.slide, again.interrupted.is_some()), (0, true));
    again.update(PresentMessage::Go);
    assert_eq!(again.interrupted, None);
    assert_eq!(again.slide, 5);
    assert_eq!(again.elapsed_ms(), 9 * 60_000);
    assert_eq!(again.slide_entered, 7 * 60_000);
    // Or the presenter starts afresh: 0:00 on section 1.
    let mut fresh = super::tests::presenter(80, 24);
    fresh.offer_resume(crashed);
    fresh.update(PresentMessage::Restart);
    assert_eq!((fresh.slide, fresh.elapsed_ms()), (0, 0));
}

#[test]
fn r_in_capitals_restarts_the_clock_and_time_left_is_the_sections_share() {
    let mut presenter = presenter(80, 24);
    presenter.now = START + 10_000;
    // Ten seconds in, straight to section 5: its own share is left, well ahead.
    presenter.update(PresentMessage::Digit(5));
    presenter.update(PresentMessage::Go);
    assert_eq!(presenter.slide_entered, 10_000);
    let plan = &presenter.talk.plan;
    assert_eq!(
        plan.left_ms(4, presenter.elapsed_ms(), presenter.slide_entered),
        i64::try_from(plan.budgets[4]).unwrap()
    );
    assert!(matches!(
        plan.schedule(4, presenter.elapsed_ms()),
        crate::present::Schedule::Ahead(_)
    ));
    presenter.now = START + 5 * 60_000;
    presenter.update(PresentMessage::RestartClock);
    assert_eq!((presenter.elapsed_ms(), presenter.slide_entered), (0, 0));
    assert_eq!(presenter.slide, 4, "the section stays");
}
