//! Views drawn from a small lesson and quiz of their own (not the shipping lesson, which
//! authors edit), snapshotted with their styles: each row's text, then each run of
//! cells in one style that is not the terminal's default, so a lost colour or a bold
//! gone plain fails here.

use std::fmt::Write as _;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Cell;
use ratatui::style::{Color, Modifier};

use crate::app::{App, Message, QuizMessage};
use crate::course::parse_lesson;
use crate::layout::glyphs::UNICODE;
use crate::quiz::{LessonQuiz, parse_quiz};
use crate::strings::Lang;
use crate::theme::{Theme, ThemeKind};
use crate::ui::tests::frame;

const LESSON: &str = "---
id: fixture
title: スタイルの見本
minutes: 5
---
# Service の基本

Pod の前に **Service** を置くと、`ClusterIP` で届きます。

> 注意: NodePort は 30000〜32767 番です。

## 確認

- [ ] Service の type を選べる
- [ ] Ingress と Gateway API の違いを言える

```yaml
apiVersion: v1
kind: Service
metadata:
  name: web
```

| type | 届く範囲 |
|---|---|
| ClusterIP | クラスタ内 |
| NodePort | ノードの IP |
";

const QUIZ: &str = "questions:
  - id: type-internal
    checklist: 1
    section: 確認
    type: choice
    prompt: 内部だけで使う Service の type は?
    choices: [ClusterIP, NodePort]
    answer: 1
    explain: ClusterIP はクラスタ内だけで届きます。
  - id: ingress-vs-gateway
    checklist: 2
    type: text
    prompt: Ingress の後継の API は?
    accept: [Gateway API]
    explain: Gateway API です。
";

/// A reader on the fixture lesson with its quiz, in Japanese, at `width` × `height`.
fn fixture_reader(width: u16, height: u16) -> App {
    let lesson = parse_lesson(LESSON, "fixture/lesson.md").unwrap();
    let mut app = App::new(
        lesson,
        Theme::new(ThemeKind::Dark),
        &UNICODE,
        Lang::Ja.texts(),
        (width, height),
    );
    app.set_quiz(LessonQuiz::Ready(parse_quiz(QUIZ).unwrap()));
    app.finish_layout();
    app
}

/// The frame as text with its styles: each row (the cell a wide character covers left
/// out), then `  columns: fg bg modifiers` for every run of cells in one style other
/// than the default; a covered cell goes with the character over it.
fn styled(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let width = usize::from(buffer.area.width);
    let mut out = String::new();
    for row in buffer.content.chunks(width) {
        let mut text = String::new();
        let mut looks = Vec::with_capacity(row.len());
        let mut covered = false;
        for cell in row {
            if covered {
                covered = false;
                looks.push(looks.last().copied().unwrap_or_else(|| style_of(cell)));
                continue;
            }
            text.push_str(cell.symbol());
            covered = crate::text::display_width(cell.symbol()) > 1;
            looks.push(style_of(cell));
        }
        let _ = writeln!(out, "{}", text.trim_end());
        let mut start = 0;
        while start < looks.len() {
            let look = looks[start];
            let end = (start..looks.len())
                .find(|&column| looks[column] != look)
                .unwrap_or(looks.len());
            if look != style_of(&Cell::default()) {
                let (fg, bg, modifier) = look;
                let _ = writeln!(
                    out,
                    "  {start}..{end}: fg {} bg {} {modifier:?}",
                    colour(fg),
                    colour(bg)
                );
            }
            start = end;
        }
    }
    out
}

fn style_of(cell: &Cell) -> (Color, Color, Modifier) {
    (cell.fg, cell.bg, cell.modifier)
}

fn colour(colour: Color) -> String {
    match colour {
        Color::Reset => "-".to_owned(),
        Color::Rgb(red, green, blue) => format!("#{red:02x}{green:02x}{blue:02x}"),
        other => format!("{other:?}"),
    }
}

#[test]
fn the_reader_with_its_styles() {
    let app = fixture_reader(64, 30);
    insta::assert_snapshot!(styled(&frame(&app)));
}

#[test]
fn a_question_with_its_styles() {
    let mut app = fixture_reader(64, 20);
    app.update(Message::StartQuiz);
    app.update(Message::Quiz(QuizMessage::Move(1)));
    insta::assert_snapshot!(styled(&frame(&app)));
}

#[test]
fn a_wrong_answer_with_its_styles() {
    let mut app = fixture_reader(64, 20);
    app.update(Message::StartQuiz);
    app.update(Message::Quiz(QuizMessage::Pick(1)));
    app.update(Message::Quiz(QuizMessage::Submit));
    insta::assert_snapshot!(styled(&frame(&app)));
}

#[test]
fn the_checklist_with_its_styles() {
    let mut app = fixture_reader(64, 16);
    app.update(Message::OpenChecklist);
    insta::assert_snapshot!(styled(&frame(&app)));
}

/// Keys as the terminal reports them, through the reader's keymap.
fn keys(app: &mut App, codes: &[crossterm::event::KeyCode]) {
    for code in codes {
        let key = crossterm::event::KeyEvent::new(*code, crossterm::event::KeyModifiers::NONE);
        let message = crate::app::message_for_key(key, app.screen(), app.reader().focus());
        app.update(message.expect("a key the screen takes"));
    }
}

#[test]
fn the_diagram_view_follows_a_node_and_goes_back() {
    use crossterm::event::KeyCode;
    let mut app = crate::app::tests::reader_in(80, 24, Lang::Ja);
    let section = crate::app::tests::section_index(&app, "NodePort");
    crate::app::tests::jump_to_entry(&mut app, section);
    let top = app.reader().top();
    keys(&mut app, &[KeyCode::Enter]);
    assert!(matches!(app.screen(), crate::app::Screen::Diagram(_)));
    // The second node of the chart (the node port) with its edge in and its edge out.
    keys(&mut app, &[KeyCode::Tab, KeyCode::Tab]);
    insta::assert_snapshot!(styled(&frame(&app)));
    keys(&mut app, &[KeyCode::Esc]);
    assert_eq!(*app.screen(), crate::app::Screen::Reading);
    assert_eq!(app.reader().top(), top, "back where the learner was");
}
