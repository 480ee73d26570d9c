use super::*;
use crate::course::{CourseSource, load_course};
use crate::layout::glyphs::UNICODE;
use crate::strings::Lang;
use crate::theme::ThemeKind;

/// A reader on the tests' own lesson and quiz (`tests/fixtures/courses/reader`), fully
/// laid out; shared with the view tests. Authors edit the shipping lesson: the code's
/// tests do not depend on it.
pub(crate) fn reader_in(width: u16, height: u16, lang: Lang) -> App {
    let source = CourseSource::Directory(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/courses/reader"),
    );
    reader_on(&source, (width, height), lang)
}

/// A reader on the built-in lesson, for the few tests that show the shipping lesson.
pub(crate) fn shipping_reader_in(width: u16, height: u16, lang: Lang) -> App {
    reader_on(&CourseSource::Embedded, (width, height), lang)
}

fn reader_on(source: &CourseSource, size: (u16, u16), lang: Lang) -> App {
    let course = load_course(source).unwrap();
    let lesson = course.lessons[0].clone();
    let quiz = crate::quiz::load_quiz(source, &lesson);
    assert!(quiz.ready().is_some(), "{quiz:?}");
    let mut app = App::new(
        lesson,
        Theme::new(ThemeKind::Dark),
        &UNICODE,
        lang.texts(),
        size,
    );
    app.set_quiz(quiz);
    app.finish_layout();
    app
}

/// Tab to the contents, down (or up) to entry `section`, Enter: as a learner jumps.
pub(crate) fn jump_to_entry(app: &mut App, section: usize) {
    app.update(Message::ToggleFocus);
    let from = app.reader().contents_selected();
    let step = isize::try_from(section).unwrap() - isize::try_from(from).unwrap();
    app.update(Message::ContentsMove(step));
    assert_eq!(app.reader().contents_selected(), section);
    app.update(Message::ContentsJump);
}

/// How far the help is scrolled.
fn help_scrolled(app: &App) -> usize {
    match app.screen() {
        Screen::Help(help) => help.scrolled(),
        other => panic!("the help is not shown: {other:?}"),
    }
}

fn reader(width: u16, height: u16) -> App {
    reader_in(width, height, Lang::En)
}

fn jump_to(app: &mut App, title: &str) {
    let section = section_index(app, title);
    jump_to_entry(app, section);
}

/// Scrolls so the code block whose fourth line is `line` starts the page.
fn show_code_with(app: &mut App, line: &str) -> usize {
    let block = app
        .reader()
        .layout()
        .code_blocks
        .iter()
        .position(|code| code.source.get(3).is_some_and(|source| source == line))
        .unwrap();
    let start = app.reader().layout().code_blocks[block].lines.start;
    app.reader.scroll_to(start);
    block
}

pub(crate) fn section_index(app: &App, title: &str) -> usize {
    app.lesson()
        .sections
        .iter()
        .position(|section| section.title == title)
        .unwrap()
}

#[test]
fn only_the_first_screen_is_laid_out_at_first() {
    let course = load_course(&CourseSource::Embedded).unwrap();
    let lesson = course.lessons[0].clone();
    let app = App::new(
        lesson,
        Theme::new(ThemeKind::Dark),
        &UNICODE,
        Lang::En.texts(),
        (120, 40),
    );
    assert!(!app.reader().layout().is_complete(app.lesson()));
    assert!(app.reader().layout().lines.len() > app.reader().page_height());
}

#[test]
fn scrolling_stays_within_the_lesson() {
    let mut app = reader(80, 24);
    app.update(Message::ScrollLines(-5));
    assert_eq!(app.reader().top(), 0);
    app.update(Message::ScrollLines(3));
    assert_eq!(app.reader().top(), 3);
    app.update(Message::ScrollPages(1));
    assert_eq!(app.reader().top(), 3 + app.reader().page_height() - 1);
    app.update(Message::Bottom);
    assert_eq!(
        app.reader().top(),
        app.reader().layout().lines.len() - app.reader().page_height()
    );
    app.update(Message::ScrollLines(10));
    assert_eq!(
        app.reader().top(),
        app.reader().layout().lines.len() - app.reader().page_height()
    );
    app.update(Message::Top);
    assert_eq!(app.reader().top(), 0);
}

#[test]
fn sections_step_forward_and_back() {
    let mut app = reader(120, 40);
    app.update(Message::NextSection);
    assert_eq!(app.reader().top(), app.reader().layout().section_starts[1]);
    app.update(Message::NextSection);
    assert_eq!(app.reader().current_section(), Some(2));
    app.update(Message::PreviousSection);
    assert_eq!(app.reader().current_section(), Some(1));
}

#[test]
fn contents_jump_to_a_section() {
    let mut app = reader(120, 40);
    app.update(Message::ToggleFocus);
    assert_eq!(app.reader().focus(), Focus::Contents);
    let node_port = section_index(&app, "NodePort");
    for _ in 0..node_port {
        app.update(Message::ContentsMove(1));
    }
    app.update(Message::ContentsJump);
    assert_eq!(app.reader().focus(), Focus::Text);
    assert_eq!(app.reader().current_section(), Some(node_port));
    assert_eq!(
        app.reader().top(),
        app.reader().layout().section_starts[node_port]
    );
}

#[test]
fn a_click_on_a_contents_entry_jumps() {
    let mut app = reader(120, 40);
    let cluster_ip = section_index(&app, "ClusterIP(デフォルト)");
    app.update(Message::Click {
        column: 3,
        row: 1 + cluster_ip as u16,
    });
    assert_eq!(app.reader().current_section(), Some(cluster_ip));
    let before = app.reader().top();
    app.update(Message::Click {
        column: 100,
        row: 3,
    });
    assert_eq!(app.reader().top(), before);
}

#[test]
fn contents_can_be_hidden_and_the_text_widens() {
    let mut app = reader(120, 40);
    assert!(app.reader().contents_visible());
    let narrow = app.reader().layout().width;
    app.update(Message::ToggleContents);
    assert!(!app.reader().contents_visible());
    assert!(app.reader().layout().width > narrow);
    app.update(Message::ToggleFocus);
    assert!(
        app.reader().contents_visible(),
        "Tab brings a hidden pane back"
    );
    assert_eq!(app.reader().focus(), Focus::Contents);
}

#[test]
fn search_is_incremental_and_esc_goes_back() {
    let mut app = reader(120, 40);
    app.update(Message::StartSearch);
    for character in "CoreDNS".chars() {
        app.update(Message::SearchInput(character));
    }
    assert_eq!(
        (app.screen().clone(), app.reader().search().query()),
        (Screen::Searching, "CoreDNS")
    );
    assert!(app.reader().search().matches().len() >= 3);
    let first = app.reader().search().matches()[0].line;
    assert!(app.reader().top() <= first && first < app.reader().top() + app.reader().page_height());
    app.update(Message::SearchSubmit);
    assert_eq!(
        app.notice.as_deref(),
        Some(format!("match 1/{}", app.reader().search().matches().len()).as_str())
    );
    app.update(Message::NextMatch);
    assert_eq!(app.reader().search().current(), Some(1));
    app.update(Message::PreviousMatch);
    app.update(Message::PreviousMatch);
    assert_eq!(
        app.reader().search().current(),
        Some(app.reader().search().matches().len() - 1),
        "wraps around"
    );

    app.update(Message::Top);
    app.update(Message::StartSearch);
    app.update(Message::SearchInput('名'));
    app.update(Message::Cancel);
    assert_eq!(
        (app.reader().top(), app.screen().clone()),
        (0, Screen::Reading)
    );
    assert!(!app.reader().search().is_active());
}

#[test]
fn a_search_without_matches_says_so() {
    let mut app = reader(80, 24);
    app.update(Message::StartSearch);
    for character in "zzzz".chars() {
        app.update(Message::SearchInput(character));
    }
    app.update(Message::SearchSubmit);
    assert_eq!(app.notice.as_deref(), Some("no matches"));
}

#[test]
fn code_blocks_scroll_sideways_copy_and_save() {
    let mut app = reader(80, 24);
    let manifest = show_code_with(&mut app, "  name: api-server-lb");
    let block = app.reader().marked_code_block().unwrap();
    assert_eq!(block, manifest);
    app.update(Message::ScrollCode(1));
    assert_eq!(app.reader().code_offsets()[block], 4);
    app.update(Message::ScrollCode(-5));
    assert_eq!(app.reader().code_offsets()[block], 0);
    for _ in 0..100 {
        app.update(Message::ScrollCode(1));
    }
    // Scrolled all the way, the longest line's end sits at the pane's right edge: an
    // 80-column terminal less the 20-column contents and the 1-column margin, with the
    // code starting 2 columns in (after "│ ").
    let pane = 80 - 20 - 1;
    assert_eq!(
        2 + app.reader().layout().code_blocks[block].width - app.reader().code_offsets()[block],
        pane
    );

    let Effect::Copy(text) = app.update(Message::CopyCode) else {
        panic!()
    };
    assert!(text.starts_with("apiVersion: v1\nkind: Service\n"));
    assert_eq!(
        app.notice.as_deref(),
        Some("copied 17 lines to the clipboard")
    );
    let Effect::Save { name, contents } = app.update(Message::SaveCode) else {
        panic!()
    };
    assert_eq!(name, "api-server-lb");
    assert!(contents.ends_with("protocol: TCP\n"));
    let saved = |path: &str, taken: Option<&str>| {
        Message::Saved(Ok(crate::app::SavedFile {
            path: path.to_owned(),
            taken: taken.map(str::to_owned),
        }))
    };
    app.update(saved("./api-server-lb.yaml", None));
    assert_eq!(app.notice.as_deref(), Some("saved ./api-server-lb.yaml"));
    app.update(saved("./api-server-lb-2.yaml", Some("api-server-lb.yaml")));
    assert_eq!(
        app.notice.as_deref(),
        Some(
            "saved ./api-server-lb-2.yaml (api-server-lb.yaml was already there, so this is a new file)"
        )
    );
}

#[test]
fn s_saves_the_whole_manifest_on_screen_not_a_diagram_half_off_the_top() {
    let mut app = reader(120, 40);
    // A diagram above a manifest: scroll until the diagram is cut at the top and the
    // manifest below it is whole.
    let blocks = &app.reader().layout().code_blocks;
    let (diagram, manifest) = blocks
        .windows(2)
        .enumerate()
        .find(|(_, pair)| {
            pair[0].language == "mermaid"
                && pair[1].language == "yaml"
                && pair[1].lines.end - pair[0].lines.start > 10
                && pair[1].lines.len() < 30
        })
        .map(|(index, _)| (index, index + 1))
        .expect("a diagram followed by a manifest");
    let line = app.reader().layout().code_blocks[diagram].lines.start + 2;
    app.reader.scroll_to(line);
    let cut = app.reader().layout().code_blocks[diagram].lines.clone();
    assert!(
        cut.start < app.reader().top() && app.reader().top() + 1 < cut.end,
        "the diagram is cut at the top"
    );
    // `y` too takes the whole manifest.
    assert_eq!(app.reader().marked_code_block(), Some(manifest));
    let Effect::Save { contents, .. } = app.update(Message::SaveCode) else {
        panic!("nothing saved: {:?}", app.notice)
    };
    assert_eq!(
        contents,
        app.reader().layout().code_blocks[manifest]
            .source
            .join("\n")
            + "\n"
    );
}

#[test]
fn resizing_keeps_the_first_visible_block_first() {
    let mut app = reader(120, 40);
    let section = section_index(&app, "Gateway API vs Ingress");
    jump_to_entry(&mut app, section);
    let block = app.reader().top_block();
    app.update(Message::Resize {
        width: 60,
        height: 20,
    });
    assert_eq!(app.reader().top_block(), block);
    assert_eq!(
        app.reader().top(),
        app.reader().layout().block_starts[block]
    );
    app.update(Message::Resize {
        width: 200,
        height: 60,
    });
    assert_eq!(app.reader().top_block(), block);
}

#[test]
fn help_opens_and_closes() {
    let mut app = reader(80, 24);
    app.update(Message::ShowHelp);
    assert_eq!(help_scrolled(&app), 0);
    app.update(Message::Cancel);
    assert_eq!(*app.screen(), Screen::Reading);
    assert_eq!(app.update(Message::Quit), Effect::Quit);
    assert_eq!(app.update(Message::Suspend), Effect::Suspend);
}

#[test]
fn resizing_inside_a_code_block_keeps_the_line() {
    let mut app = reader(120, 40);
    show_code_with(&mut app, "  name: api-server-lb");
    app.update(Message::ScrollLines(4));
    let block = app.reader().top_block();
    let within = app.reader().top() - app.reader().layout().block_starts[block];
    assert!(within > 0, "inside the code block");
    app.update(Message::Resize {
        width: 60,
        height: 20,
    });
    assert_eq!(
        (
            app.reader().top_block(),
            app.reader().top() - app.reader().layout().block_starts[block]
        ),
        (block, within)
    );
    assert!(
        app.reader().layout().is_complete(app.lesson()),
        "a resize lays out the whole lesson"
    );
}

#[test]
fn shrinking_hides_the_contents_and_takes_focus_back() {
    let mut app = reader(120, 40);
    app.update(Message::ToggleFocus);
    assert_eq!(app.reader().focus(), Focus::Contents);
    app.update(Message::Resize {
        width: 60,
        height: 20,
    });
    assert!(!app.reader().contents_visible());
    assert_eq!(app.reader().focus(), Focus::Text);
    // Tab shows the pane again when it was hidden by the width.
    app.update(Message::ToggleFocus);
    assert!(app.reader().contents_visible());
    assert_eq!(app.reader().focus(), Focus::Contents);
}

#[test]
fn esc_after_a_resize_mid_search_returns_to_where_the_search_began() {
    let mut app = reader(120, 40);
    jump_to(&mut app, "NodePort");
    let block = app.reader().top_block();
    app.update(Message::StartSearch);
    for character in "CoreDNS".chars() {
        app.update(Message::SearchInput(character));
    }
    app.update(Message::Resize {
        width: 70,
        height: 30,
    });
    app.update(Message::Cancel);
    assert_eq!(app.reader().top_block(), block);
}

#[test]
fn the_marked_block_is_one_whose_code_is_on_screen() {
    let mut app = reader(120, 40);
    let cluster_ip = show_code_with(&mut app, "  name: api-server");
    let closing_frame = app.reader().layout().code_blocks[cluster_ip].lines.end - 1;
    app.reader.scroll_to(closing_frame);
    let marked = app.reader().marked_code_block().unwrap();
    assert_ne!(
        marked, cluster_ip,
        "only the closing frame of the first block shows"
    );
    // The NodePort section's diagram comes next.
    assert_eq!(
        app.reader().layout().code_blocks[marked].language,
        "mermaid"
    );
    assert_eq!(marked, cluster_ip + 1);
}

#[test]
fn the_last_sections_can_be_current_though_they_cannot_reach_the_top() {
    let mut app = reader(120, 40);
    let last = app.lesson().sections.len() - 1;
    jump_to_entry(&mut app, last);
    assert_eq!(app.reader().current_section(), Some(last));
    app.update(Message::PreviousSection);
    assert_eq!(app.reader().current_section(), Some(last - 1));
    app.update(Message::NextSection);
    assert_eq!(app.reader().current_section(), Some(last));
    app.update(Message::ScrollLines(-1));
    assert_ne!(
        app.reader().current_section(),
        Some(last),
        "scrolling unpins"
    );
}

#[test]
fn sideways_wheel_only_over_the_text() {
    let mut app = reader(120, 40);
    show_code_with(&mut app, "  name: api-server-lb");
    let row = 3;
    let block = app.reader().layout().lines[app.reader().top() + row]
        .code
        .unwrap()
        .block;
    app.update(Message::Wheel {
        column: 2,
        row: row as u16,
        delta: 1,
        sideways: true,
    });
    assert_eq!(
        app.reader().code_offsets()[block],
        0,
        "over the contents pane"
    );
    app.update(Message::Wheel {
        column: 60,
        row: row as u16,
        delta: 1,
        sideways: true,
    });
    assert!(app.reader().code_offsets()[block] > 0, "over the code");
}

#[test]
fn the_help_scrolls_within_its_length() {
    let mut app = reader(40, 12);
    app.update(Message::ShowHelp);
    app.update(Message::HelpScroll(3));
    assert_eq!(help_scrolled(&app), 3);
    app.update(Message::HelpScroll(-10));
    assert_eq!(help_scrolled(&app), 0);
    app.update(Message::HelpScroll(1000));
    let last = app.help_scroll_limit();
    assert!(last > 3, "the help fits in 40x12");
    assert_eq!(help_scrolled(&app), last);
    // Clamped where the view stops: the first step back moves the list.
    app.update(Message::HelpScroll(-1));
    assert_eq!(help_scrolled(&app), last - 1);
}

#[test]
fn a_lesson_that_fits_on_one_screen_is_all_read() {
    let text = "---\nid: t\ntitle: T\nminutes: 1\n---\n# Short\n\nOne line.\n";
    let lesson = crate::course::parse_lesson(text, "t.md").unwrap();
    let mut app = App::new(
        lesson,
        Theme::new(ThemeKind::Dark),
        &UNICODE,
        Lang::En.texts(),
        (80, 24),
    );
    app.finish_layout();
    assert_eq!(app.percent_read(), 0);
    app.tick(1_000);
    app.note_input(4_000);
    app.tick(1_000 + crate::app::READ_AFTER_MS);
    assert_eq!(app.percent_read(), 100);
}
