use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::palette::ColorDepth;
use crate::present::PresentMessage;
use crate::present::presenter::tests::{START, notes_window, notes_window_drawn_with, presenter};

fn shown(presenter: &crate::present::Presenter) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(presenter.width, presenter.height)).unwrap();
    terminal
        .draw(|frame| render_presenter(frame, presenter, ColorDepth::TrueColor))
        .unwrap();
    terminal
}

/// Goes to the section numbered `number` in the footer.
fn go_to(presenter: &mut crate::present::Presenter, number: u32) {
    for digit in number.to_string().chars() {
        presenter.update(PresentMessage::Digit(digit.to_digit(10).unwrap()));
    }
    presenter.update(PresentMessage::Go);
}

#[test]
fn a_section_presented_at_80x24_and_200x50() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut presenter = presenter(width, height);
        go_to(&mut presenter, 3);
        presenter.now = START + 7 * 60_000 + 5_000;
        insta::assert_snapshot!(
            format!("presented_{width}x{height}"),
            shown(&presenter).backend()
        );
    }
}

#[test]
fn a_long_section_continues_on_the_next_screen() {
    let mut presenter = presenter(80, 24);
    go_to(&mut presenter, 4);
    assert!(presenter.screens[3].len() > 1);
    insta::assert_snapshot!("long_section_screen_1", shown(&presenter).backend());
    presenter.update(PresentMessage::Next);
    insta::assert_snapshot!("long_section_screen_2", shown(&presenter).backend());
}

#[test]
fn the_footer_warns_when_the_talk_runs_behind() {
    let mut presenter = presenter(100, 30);
    let end_of_first = presenter.talk.plan.planned_end_ms(0);
    let footer_style = |presenter: &crate::present::Presenter| {
        let terminal = shown(presenter);
        let buffer = terminal.backend().buffer().clone();
        buffer[(presenter.width - 4, presenter.height - 1)].style()
    };
    presenter.now = START + end_of_first + 2 * 60_000;
    let on_time = footer_style(&presenter);
    presenter.now = START + end_of_first + 2 * 60_000 + 1_000;
    let behind = footer_style(&presenter);
    assert_ne!(on_time, behind);
    assert_eq!(behind.fg, presenter.talk.theme.wrong.fg);
    // On to the next section: back within the plan.
    presenter.update(PresentMessage::Next);
    assert_eq!(footer_style(&presenter), on_time);
}

#[test]
fn the_notes_window() {
    let mut presenter = presenter(100, 30);
    go_to(&mut presenter, 3);
    presenter.now = START + 4 * 60_000 + 12_000;
    let mut notes = notes_window(72, 30);
    notes.now = presenter.now;
    notes.follow(Some(presenter.state(7)));
    let mut terminal = Terminal::new(TestBackend::new(72, 30)).unwrap();
    terminal
        .draw(|frame| render_notes(frame, &notes, ColorDepth::TrueColor))
        .unwrap();
    insta::assert_snapshot!(terminal.backend());
}

#[test]
fn long_notes_scroll_and_say_so() {
    let mut presenter = presenter(100, 30);
    go_to(&mut presenter, 3);
    let mut notes = notes_window(60, 20);
    notes.now = presenter.now;
    notes.follow(Some(presenter.state(7)));
    let draw = |notes: &crate::present::NotesWindow| {
        let mut terminal = Terminal::new(TestBackend::new(60, 20)).unwrap();
        terminal
            .draw(|frame| render_notes(frame, notes, ColorDepth::TrueColor))
            .unwrap();
        crate::ui::tests::rows(&terminal)
    };
    let first = draw(&notes);
    assert!(first[19].contains("続き: j"), "{}", first.join("\n"));
    notes.scroll_by(100);
    let last = draw(&notes);
    assert!(last[19].contains("先頭: k"), "{}", last.join("\n"));
    assert_ne!(first, last, "the notes moved");
    // The clock and the next title stay put.
    assert_eq!(first[..3], last[..3]);
    // Another section starts at the top of its notes.
    go_to(&mut presenter, 4);
    notes.follow(Some(presenter.state(7)));
    assert_eq!(notes.scroll, 0);
}

#[test]
fn the_notes_window_in_ascii_draws_no_box_characters() {
    let mut presenter = presenter(100, 30);
    go_to(&mut presenter, 3);
    let mut notes = notes_window_drawn_with(&crate::layout::glyphs::ASCII, 72, 30);
    notes.follow(Some(presenter.state(7)));
    let mut terminal = Terminal::new(TestBackend::new(72, 30)).unwrap();
    terminal
        .draw(|frame| render_notes(frame, &notes, ColorDepth::TrueColor))
        .unwrap();
    let drawn = crate::ui::tests::screen_text(&terminal);
    assert!(drawn.contains("Service"), "{drawn}");
    let boxes: Vec<char> = drawn
        .chars()
        .filter(|glyph| ('\u{2500}'..='\u{257f}').contains(glyph))
        .collect();
    assert!(boxes.is_empty(), "box drawing under --ascii: {boxes:?}");
}

#[test]
fn a_blank_screen_is_black() {
    let mut presenter = presenter(80, 24);
    presenter.update(PresentMessage::Blank);
    let terminal = shown(&presenter);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content
            .iter()
            .all(|cell| cell.symbol() == " " && cell.bg == ratatui::style::Color::Black)
    );
}

#[test]
fn a_presenting_window_too_small_says_so() {
    let presenter = presenter(30, 8);
    let mut terminal = Terminal::new(TestBackend::new(30, 8)).unwrap();
    terminal
        .draw(|frame| {
            render_presenter(frame, &presenter, ColorDepth::TrueColor);
        })
        .unwrap();
    let shown: String = terminal
        .backend()
        .buffer()
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(shown.contains("40x12"), "{shown}");
}

#[test]
fn a_diagram_taller_than_the_screen_gets_screens_of_its_own_in_the_diagram_view() {
    use crate::present::Talk;
    use crate::theme::{Theme, ThemeKind};
    let text = "---\nid: tall\ntitle: 図の練習\nminutes: 5\n---\n# 図の練習\n\n## 流れ\n\n```mermaid\ngraph TB\n A[受付] --> B[検査] --> C[保存] --> D[通知] --> E[完了]\n```\n\n図の後の文。\n";
    let lesson = crate::course::parse_lesson(text, "tall.md").unwrap();
    let talk = Talk::new(
        lesson,
        Theme::new(ThemeKind::Dark),
        &crate::layout::glyphs::UNICODE,
        crate::strings::Lang::Ja.texts(),
    );
    let mut presenter = crate::present::Presenter::new(talk, (60, 14), START);
    go_to(&mut presenter, 2);
    // The section's heading closes the screen before the diagram's own.
    assert!(presenter.diagram_view().is_none());
    presenter.update(PresentMessage::Next);
    let mut parts = Vec::new();
    while let Some(view) = presenter.diagram_view() {
        parts.push(crate::ui::tests::rows(&shown(&presenter)));
        assert_eq!(view.pan().0, 0);
        presenter.update(PresentMessage::Next);
    }
    assert!(parts.len() >= 2, "the diagram fits on one screen");
    // Every box of the chain shows whole on some screen, never a cut frame's header.
    let all = parts.concat().join("\n");
    for label in ["受付", "検査", "保存", "通知", "完了"] {
        assert!(all.contains(label), "{label} missing:\n{all}");
    }
    assert!(!all.contains("続き"), "{all}");
    assert!(
        parts[0]
            .iter()
            .any(|row| row.contains(&format!("(1/{})", parts.len())))
    );
    insta::assert_snapshot!("tall_diagram_first_screen", parts[0].join("\n"));
    // After the diagram's screens, the text after it.
    let after = crate::ui::tests::rows(&shown(&presenter)).join("\n");
    assert!(after.contains("図の後の文。"), "{after}");
}
