//! The presenting window (one slide screen, margins, a thin footer with the section and
//! the agenda clock) and the notes window (notes, next title, the clock in large type).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::big_text::big_lines;
use super::{NotesWindow, Presenter, PresenterState};
use crate::app::DiagramView;
use crate::app::{MIN_HEIGHT, MIN_WIDTH};
use crate::course::Inline;
use crate::layout::inline::inline_runs;
use crate::palette::{ColorDepth, degrade};
use crate::strings::present::clock;
use crate::text::{Run, display_width, fit, wrap};

/// Draws the presenting window.
pub fn render_presenter(frame: &mut Frame<'_>, presenter: &Presenter, depth: ColorDepth) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let notice = presenter
            .talk
            .texts
            .too_small_for((area.width, area.height), (MIN_WIDTH, MIN_HEIGHT));
        let lines = wrap(
            &[Run::new(notice, Style::new())],
            usize::from(area.width).max(1),
        );
        frame.render_widget(Paragraph::new(lines), area);
        return;
    }
    if presenter.blank {
        frame.render_widget(Block::new().style(Style::new().bg(Color::Black)), area);
        return;
    }
    if let Some(state) = &presenter.interrupted {
        render_resume_choice(frame, area, presenter, state);
        return;
    }
    let (left, width) = presenter.text_columns();
    let text = Rect {
        x: area.x + left,
        y: area.y + 1,
        width,
        height: presenter.text_rows().min(area.height.saturating_sub(1)),
    };
    if let Some(view) = presenter.diagram_view() {
        render_diagram(frame, text, presenter, &view);
    } else {
        let range = presenter.lines_on_screen();
        let mut lines: Vec<Line<'static>> = Vec::with_capacity(range.len() + 1);
        lines.extend(continued_header(presenter, range.start));
        lines.extend(
            presenter.layout.lines[range]
                .iter()
                .map(|laid| laid.line.clone()),
        );
        frame.render_widget(Paragraph::new(lines), text);
    }
    super::live_view::render_live(frame, text, presenter);
    let footer = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(1),
        width: area.width,
        height: 1,
    };
    render_footer(frame, footer, presenter);
    degrade(frame.buffer_mut(), depth);
}

fn render_footer(frame: &mut Frame<'_>, area: Rect, presenter: &Presenter) {
    let texts = presenter.talk.texts.present;
    let slide = presenter.slide;
    let screens = presenter.screens.get(slide).map_or(1, Vec::len);
    let mut left = format!(
        "  {}/{}  {}",
        slide + 1,
        presenter.talk.slides.len(),
        presenter
            .talk
            .slides
            .get(slide)
            .map_or("", |slide| slide.title.as_str())
    );
    if screens > 1 {
        left = format!("{left}  ({}/{screens})", presenter.screen + 1);
    }
    if !presenter.typed.is_empty() {
        left = format!("  {}", texts.go_to(&presenter.typed));
    }
    if let Some(number) = presenter.no_such_section {
        left = format!(
            "  {}",
            texts.no_such_section(number, presenter.talk.slides.len())
        );
    }
    let elapsed = presenter.elapsed_ms();
    let planned = presenter.talk.plan.budgets.iter().sum::<u64>();
    let state = texts.standing(
        &presenter.talk.plan,
        slide,
        &presenter.clock,
        presenter.now,
        presenter.slide_entered,
    );
    let mut right = format!("{} / {}  {state}  ", clock(elapsed), clock(planned));
    if let Some(class) = &presenter.class {
        right = format!(
            "{}  {right}",
            presenter
                .talk
                .texts
                .class
                .joined(&class.code, class.joined(), &class.address)
        );
    }
    let behind = presenter.talk.plan.is_behind(slide, elapsed);
    let quiet = presenter.talk.theme.code_label;
    let clock_style = if behind {
        presenter.talk.theme.wrong.add_modifier(Modifier::REVERSED)
    } else {
        quiet
    };
    // A column of space always keeps the section and the clock apart.
    let room = usize::from(area.width).saturating_sub(display_width(&right) + 1);
    let left = fit(&left, room, presenter.talk.glyphs.ellipsis);
    let gap = usize::from(area.width).saturating_sub(display_width(&left) + display_width(&right));
    let line = Line::from(vec![
        Span::styled(left, quiet),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, clock_style),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// A screen that starts inside a framed block (code, diagram) repeats its label, so the
/// room sees what the lines belong to: `┌─ yaml (続き) ──`.
fn continued_header(presenter: &Presenter, first: usize) -> Option<Line<'static>> {
    let lines = &presenter.layout.lines;
    let block = lines.get(first)?.code.as_ref()?.block;
    let code = presenter.layout.code_blocks.get(block)?;
    if code.lines.start >= first {
        return None;
    }
    let glyphs = presenter.talk.glyphs;
    let theme = &presenter.talk.theme;
    let label = format!("{} {}", code.label, presenter.talk.texts.present.continued);
    let lead = format!("{}{} ", glyphs.top[0], glyphs.horizontal);
    // As wide as the block's closing rule.
    let width = lines
        .get(code.lines.end.saturating_sub(1))
        .map_or(0, |line| line.line.width())
        .max(display_width(&label) + 8);
    let tail = width.saturating_sub(display_width(&lead) + display_width(&label) + 1);
    Some(Line::from(vec![
        Span::styled(lead, theme.border),
        Span::styled(label, theme.code_label),
        Span::styled(
            format!(" {}", glyphs.horizontal.to_string().repeat(tail)),
            theme.border,
        ),
    ]))
}

/// The choice after an interrupted talk: take it up, or start again.
fn render_resume_choice(
    frame: &mut Frame<'_>,
    area: Rect,
    presenter: &Presenter,
    state: &PresenterState,
) {
    let texts = presenter.talk.texts.present;
    let theme = &presenter.talk.theme;
    let elapsed = state.clock().elapsed_ms(presenter.now);
    let lines = vec![
        Line::from(Span::styled(texts.resume_title, theme.heading)),
        Line::default(),
        Line::from(Span::styled(
            texts.resume_choice(state.slide + 1, elapsed),
            theme.title,
        )),
        Line::from(Span::styled(texts.restart_choice, theme.title)),
    ];
    let (left, width) = presenter.text_columns();
    let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let box_area = Rect {
        x: area.x + left,
        y: area.y + area.height.saturating_sub(rows) / 2,
        width,
        height: rows.min(area.height),
    };
    frame.render_widget(Paragraph::new(lines), box_area);
}

/// A diagram taller than the screen, in the diagram view: its rows for this screen in a
/// frame titled with the part shown, not cut into framed pieces.
fn render_diagram(frame: &mut Frame<'_>, area: Rect, presenter: &Presenter, view: &DiagramView) {
    let theme = &presenter.talk.theme;
    let rows = view.map().picture.cells.len();
    let shown = usize::from(area.height.saturating_sub(2)).max(1);
    let title = format!(
        " {} ({}/{}) ",
        presenter.talk.texts.diagram_title,
        view.pan().1 / shown + 1,
        rows.div_ceil(shown)
    );
    let block = Block::bordered()
        .border_set(presenter.talk.glyphs.panel)
        .border_style(theme.border)
        .title(Span::styled(title, theme.code_label));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let size = (usize::from(inner.width), usize::from(inner.height));
    frame.render_widget(Paragraph::new(view.lines(theme, size)), inner);
}

/// Draws the notes window.
pub fn render_notes(frame: &mut Frame<'_>, notes: &NotesWindow, depth: ColorDepth) {
    let area = frame.area();
    let texts = notes.talk.texts.present;
    let width = usize::from(area.width.saturating_sub(4)).max(1);
    let inner = Rect {
        x: area.x + 2,
        y: area.y + 1,
        width: area.width.saturating_sub(4),
        height: area.height.saturating_sub(2),
    };
    let Some(state) = &notes.state else {
        let waiting = wrap(
            &[Run::new(
                texts.waiting(&notes.channel),
                notes.talk.theme.quote,
            )],
            width,
        );
        frame.render_widget(Paragraph::new(waiting), inner);
        return;
    };
    let slide = state.slide.min(notes.talk.slides.len().saturating_sub(1));
    // Large type where there is room for it and the notes below it.
    let mut lines = notes_head(notes, state, slide, width, area.height >= 20);
    // The notes scroll under the fixed head (clock, next title, rule); a mark says when
    // more follows or precedes.
    let head = lines.len();
    let body = notes_lines(notes, slide, width);
    // A live class takes the lower part: as many rows as it has learners, up to half.
    let panel_rows = notes.class.as_ref().map_or(0, |panel| {
        let wanted = u16::try_from(panel.snapshot.learners.len() + 3).unwrap_or(u16::MAX);
        wanted.max(4).min(inner.height / 2)
    });
    let panel = Rect {
        y: inner.y + inner.height - panel_rows,
        height: panel_rows,
        ..inner
    };
    let inner = Rect {
        height: inner.height - panel_rows,
        ..inner
    };
    let rows = usize::from(inner.height).saturating_sub(head);
    let last_top = body.len().saturating_sub(rows);
    let top = notes.scroll.min(last_top);
    lines.extend(body.into_iter().skip(top).take(rows));
    frame.render_widget(Paragraph::new(lines), inner);
    let mark = if top < last_top {
        Some(texts.notes_more)
    } else if top > 0 {
        Some(texts.notes_top)
    } else {
        None
    };
    super::live_view::render_class_panel(frame, panel, notes);
    render_notes_footer(frame, area, notes, mark);
    degrade(frame.buffer_mut(), depth);
}

/// The notes window's fixed head: the slide, the clock against the plan, the next
/// slide's title and a rule.
fn notes_head(
    notes: &NotesWindow,
    state: &PresenterState,
    slide: usize,
    width: usize,
    big_clock: bool,
) -> Vec<Line<'static>> {
    let texts = notes.talk.texts.present;
    let elapsed = notes.elapsed_ms().unwrap_or(0);
    let behind = notes.talk.plan.is_behind(slide, elapsed);
    let clock_style = if behind {
        notes.talk.theme.wrong
    } else {
        notes.talk.theme.title
    };
    let mut lines = vec![slide_line(notes, slide), Line::default()];
    if big_clock {
        lines.extend(
            big_lines(&clock(elapsed), notes.talk.glyphs.big_ink)
                .into_iter()
                .map(|row| Line::from(Span::styled(row, clock_style))),
        );
    }
    let state_text = texts.standing(
        &notes.talk.plan,
        slide,
        &state.clock(),
        notes.now,
        state.slide_entered_ms,
    );
    lines.push(Line::from(Span::styled(
        format!(
            "{} / {}  {state_text}",
            clock(elapsed),
            clock(notes.talk.plan.budgets.iter().sum())
        ),
        clock_style,
    )));
    let next = notes
        .talk
        .slides
        .get(slide + 1)
        .map_or_else(|| texts.last.to_owned(), |next| texts.next(&next.title));
    lines.push(Line::from(Span::styled(next, notes.talk.theme.subheading)));
    lines.push(Line::from(Span::styled(
        notes
            .talk
            .glyphs
            .horizontal
            .to_string()
            .repeat(width.min(60)),
        notes.talk.theme.border,
    )));
    lines
}

/// The slide's number of all and its title.
fn slide_line(notes: &NotesWindow, slide: usize) -> Line<'static> {
    Line::from(vec![
        Span::styled(
            format!("{}/{}  ", slide + 1, notes.talk.slides.len()),
            notes.talk.theme.code_label,
        ),
        Span::styled(
            notes
                .talk
                .slides
                .get(slide)
                .map_or(String::new(), |slide| slide.title.clone()),
            notes.talk.theme.heading,
        ),
    ])
}

/// The notes window's bottom row: its keys, and at the right whether the notes go on.
fn render_notes_footer(frame: &mut Frame<'_>, area: Rect, notes: &NotesWindow, mark: Option<&str>) {
    let texts = notes.talk.texts.present;
    let row = Rect {
        x: area.x + 2,
        y: area.y + area.height.saturating_sub(1),
        width: area.width.saturating_sub(4),
        height: 1,
    };
    frame.render_widget(
        Paragraph::new(Span::styled(texts.notes_hint, notes.talk.theme.code_label)),
        row,
    );
    if let Some(mark) = mark {
        let mark_width = u16::try_from(display_width(mark))
            .unwrap_or(0)
            .min(row.width);
        let at = Rect {
            x: row.x + row.width - mark_width,
            width: mark_width,
            ..row
        };
        frame.render_widget(
            Paragraph::new(Span::styled(
                mark,
                notes.talk.theme.code_label.add_modifier(Modifier::REVERSED),
            )),
            at,
        );
    }
}

/// The slide's speaker notes, wrapped; a line when it has none.
fn notes_lines(notes: &NotesWindow, slide: usize, width: usize) -> Vec<Line<'static>> {
    let texts = notes.talk.texts.present;
    let mut lines = Vec::new();
    let slide_notes = notes
        .talk
        .slides
        .get(slide)
        .map(|slide| slide.notes.clone())
        .unwrap_or_default();
    if slide_notes.is_empty() {
        lines.push(Line::from(Span::styled(
            texts.no_notes,
            notes.talk.theme.code_label,
        )));
    }
    for note in slide_notes {
        for paragraph in paragraphs(&note) {
            let runs = inline_runs(&paragraph, Style::new(), &notes.talk.theme);
            lines.extend(wrap(&runs, width));
        }
        lines.push(Line::default());
    }
    lines
}

/// A note's paragraphs: a line broken mid-sentence in the source is joined to the next
/// as the reader joins a paragraph's (no space between Japanese lines), so wrapping
/// leaves no word alone on a line. A line that ends a sentence ends its paragraph, and a
/// blank line, a list item (`- `, `・`) or a label (`補足: `) starts one.
fn paragraphs(note: &str) -> Vec<Vec<Inline>> {
    let mut paragraphs: Vec<Vec<Inline>> = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut ended = false;
    for line in note.lines().map(str::trim) {
        let item = line.starts_with("- ") || line.starts_with('・');
        let label = line
            .split_once(": ")
            .is_some_and(|(label, _)| label.chars().count() <= 12 && !label.contains(' '));
        if line.is_empty() || item || label || ended {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            if line.is_empty() {
                continue;
            }
        }
        if !current.is_empty() {
            current.push(Inline::SoftBreak);
        }
        current.push(Inline::Text(line.to_owned()));
        ended = line.ends_with(['。', '．', '！', '？', '!', '?']);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
}

#[cfg(test)]
#[path = "view_tests.rs"]
mod tests;
