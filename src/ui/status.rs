//! The status bar (lesson, section, % read, session clock) and the key hint line, which
//! also carries the search prompt and one-line notices.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use crate::app::ClassLink;
use crate::app::{Answer, App, Focus, Screen, Step};
use crate::text::fit;
use crate::text::{Run, display_width, wrap};

/// The status bar's text, worked out once a frame: the place on its left, the clock on
/// its right.
pub struct Bar {
    left: String,
    right: String,
}

impl Bar {
    #[must_use]
    pub fn new(app: &App, width: u16) -> Self {
        let width = usize::from(width);
        let place = place_text(app);
        // The clock takes what the place leaves, and at least two fifths.
        let right = clock_text(
            app,
            width.saturating_sub(display_width(&place).min(width * 3 / 5)),
        );
        let room = width.saturating_sub(display_width(&right));
        Self {
            left: fit(&place, room, app.glyphs().ellipsis),
            right,
        }
    }
}

/// A notice about what the last key did (or what the reader must say), whole: wrapped
/// over as many rows as it needs just above the status bar, over the bottom of `main`,
/// so it never runs into the key hints. Only a notice taller than half the screen is
/// cut, with the glyphs' ellipsis.
pub fn render_notice(frame: &mut Frame<'_>, main: Rect, app: &App) {
    let Some(notice) = &app.notice else {
        return;
    };
    let style = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
    let width = usize::from(main.width.saturating_sub(2)).max(1);
    let mut lines = wrap(&[Run::new(notice.clone(), style)], width);
    let most = usize::from(main.height / 2).max(1);
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            last.spans.push(Span::styled(app.glyphs().ellipsis, style));
        }
    }
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let area = Rect {
        y: main.y + main.height.saturating_sub(rows),
        height: rows.min(main.height),
        ..main
    };
    let padded: Vec<Line<'static>> = lines
        .into_iter()
        .map(|mut line| {
            let used = line.width();
            line.spans.insert(0, Span::styled(" ", style));
            line.spans.push(Span::styled(
                " ".repeat(usize::from(main.width).saturating_sub(used + 1)),
                style,
            ));
            line
        })
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(padded), area);
}

/// Draws the status bar in reverse video, readable without colour: the lesson and
/// section; sections read, the study clock against the lesson's minutes with a gauge,
/// and where the learner is against the plan.
pub fn render_status(frame: &mut Frame<'_>, area: Rect, bar: &Bar) {
    let style = Style::new().add_modifier(Modifier::REVERSED);
    let room = usize::from(area.width).saturating_sub(display_width(&bar.right));
    let gap = room.saturating_sub(display_width(&bar.left));
    let line = Line::from(vec![
        Span::styled(bar.left.clone(), style.add_modifier(Modifier::BOLD)),
        Span::styled(" ".repeat(gap), style),
        Span::styled(bar.right.clone(), style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// " Lesson > Section": where the learner is.
fn place_text(app: &App) -> String {
    let section = match &app.screen() {
        Screen::Home(home) => return format!(" {}", home.course),
        Screen::Checklist { .. } => format!(" > {}", app.texts().quiz.checklist_title),
        Screen::Quiz(_) if app.is_reviewing() => format!(
            " > {}",
            app.texts()
                .course
                .reviewing(app.review_lesson_title().unwrap_or_default())
        ),
        Screen::Quiz(_) => format!(" > {}", app.texts().quiz.quiz_title),
        _ => app
            .reader()
            .current_section()
            .and_then(|index| app.lesson().sections.get(index))
            .map(|section| format!(" > {}", section.title))
            .unwrap_or_default(),
    };
    format!(" {}{}{section}", class_tag(app), app.lesson().meta.title)
}

/// "[講師に追従中] " in a live class: following, on their own way, or out of reach.
fn class_tag(app: &App) -> String {
    let Some(class) = app.class() else {
        return String::new();
    };
    let texts = app.texts().class;
    let tag = match &class.link {
        ClassLink::Ended | ClassLink::Refused(_) => return String::new(),
        ClassLink::Lost => texts.learner_lost,
        ClassLink::Joined if class.following => texts.learner_following,
        ClassLink::Joined => texts.learner_detached,
    };
    format!("[{tag}] ")
}

/// "40%  12:34 / 40:00 [#####-----] 2 min ahead", shortened to fit `room` columns:
/// the plan goes first, then the gauge.
fn clock_text(app: &App, room: usize) -> String {
    let session = &app.texts().session;
    let active = app.lesson_active_ms() / 1000;
    let planned = u64::from(app.lesson().meta.minutes) * 60;
    let filled =
        usize::try_from((active.min(planned) * 10).checked_div(planned).unwrap_or(0)).unwrap_or(0);
    let gauge = format!("[{}{}]", "#".repeat(filled), "-".repeat(10 - filled));
    let mut state = app.texts().session.lead(app.plan_lead_ms());
    if !app.session.clock().is_running() {
        session.paused.clone_into(&mut state);
    }
    if app.session.not_saving.is_some() {
        state = format!("{state} {}", session.unsaved);
    }
    if app.due() > 0 {
        state = format!("{} {state}", app.texts().course.due(app.due()));
    }
    let clock = format!(
        "{:>3}%  {:02}:{:02} / {}:00",
        app.percent_read(),
        active / 60,
        active % 60,
        app.lesson().meta.minutes
    );
    [
        format!(" {clock} {gauge} {state} "),
        format!(" {clock} {state} "),
        format!(" {clock} "),
    ]
    .into_iter()
    .find(|text| display_width(text) <= room)
    .unwrap_or_else(|| format!(" {clock} "))
}

/// Draws the key hint, or the search prompt while typing.
pub fn render_hint(frame: &mut Frame<'_>, area: Rect, app: &App) {
    let line = if *app.screen() == Screen::Searching {
        Line::from(vec![
            Span::styled(
                app.texts().search_prompt,
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Span::raw(app.reader().search().query().to_owned()),
            Span::styled("_", Style::new().add_modifier(Modifier::SLOW_BLINK)),
        ])
    } else {
        let mut hints: Vec<&str> = hints(app).to_vec();
        if app.has_suspended_quiz() && *app.screen() == Screen::Reading {
            hints.insert(0, app.texts().quiz.hint_reviewing);
        }
        Line::from(Span::styled(
            fit_hints(&hints, usize::from(area.width)),
            app.theme().code_label,
        ))
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The keys that matter on this screen.
fn hints(app: &App) -> &'static [&'static str] {
    let quiz = app.texts().quiz;
    match &app.screen() {
        Screen::Checklist { .. } => quiz.checklist_hint,
        Screen::Diagram(_) => app.texts().hint_diagram,
        Screen::Home(_) => app.texts().course.home_hint,
        Screen::Quiz(run) => match &run.step() {
            Step::Answering(Answer::Choice { .. }) => quiz.hint_choice,
            Step::Answering(Answer::Multi { .. }) => quiz.hint_multi,
            Step::Answering(Answer::Text { .. }) => quiz.hint_text,
            Step::Answering(Answer::Manifest { editing: true, .. }) => quiz.hint_editor,
            Step::Answering(Answer::Manifest { .. }) => quiz.hint_manifest,
            Step::Answered { .. } => quiz.hint_answered,
            Step::Finished => quiz.hint_finished,
        },
        _ if app.reader().focus() == Focus::Contents => app.texts().hint_contents,
        _ => app.texts().hint,
    }
}

/// As many hints as fit in `width`, most important first.
fn fit_hints(hints: &[&str], width: usize) -> String {
    let mut line = String::new();
    for hint in hints {
        let separator = if line.is_empty() { "" } else { "  " };
        if display_width(&line) + separator.len() + display_width(hint) > width {
            break;
        }
        line.push_str(separator);
        line.push_str(hint);
    }
    line
}
