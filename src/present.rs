//! Workshop mode, whole: the lesson as slides (the title, then one `##` section a screen,
//! long ones over several screens without cutting a block), the agenda clock against the
//! plan, the channel that lets a notes window follow the presenting one, and the two
//! windows' keys, state, update and views. Above `app` and `ui`, whose pieces (the
//! terminal size limits, fitting and colour degrading) it shares; `terminal` runs it. No
//! IO here except the channel's small file.

mod agenda;
mod big_text;
mod channel;
mod class_panel;
mod keymap;
mod live;
mod live_view;
mod pages;
pub(crate) mod presenter;
mod view;
mod words;

pub use agenda::{AgendaClock, BEHIND_WARNING_MS, Schedule, SlidePlan};
pub use channel::{Channel, ChannelError, ChannelHold, PresenterState};
pub use class_panel::{ClassPanel, PanelRow};
pub use keymap::present_message;
pub use live::{ClassRequest, LiveClass, Picker};
pub use pages::{PageBlock, paginate};
pub use presenter::{NotesWindow, PresentMessage, Presenter, Talk};
pub use view::{render_notes, render_presenter};

use std::ops::Range;

use crate::course::Lesson;

/// One slide: a `#`/`##` section with its deeper parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slide {
    pub title: String,
    /// Its sections (indices into `Lesson::sections`): the heading's and its parts'.
    pub sections: Range<usize>,
    /// Its top-level blocks (indices into `Lesson::blocks`).
    pub blocks: Range<usize>,
    /// The speaker notes of its sections, in order.
    pub notes: Vec<String>,
}

/// The lesson's slides: a new one at each heading of level 1 or 2 (anything before the
/// first heading goes with the first slide).
#[must_use]
pub fn slides(lesson: &Lesson) -> Vec<Slide> {
    let starts: Vec<usize> = (0..lesson.sections.len())
        .filter(|index| lesson.sections[*index].level <= 2)
        .collect();
    let mut slides = Vec::with_capacity(starts.len());
    for (position, first) in starts.iter().enumerate() {
        let next = starts.get(position + 1).copied();
        let sections = *first..next.unwrap_or(lesson.sections.len());
        let block_start = if position == 0 {
            0
        } else {
            lesson.sections[*first].block
        };
        let block_end = next.map_or(lesson.blocks.len(), |next| lesson.sections[next].block);
        slides.push(Slide {
            title: lesson.sections[*first].title.clone(),
            notes: lesson.sections[sections.clone()]
                .iter()
                .flat_map(|section| section.notes.iter().cloned())
                .collect(),
            sections,
            blocks: block_start..block_end,
        });
    }
    if slides.is_empty() && !lesson.blocks.is_empty() {
        slides.push(Slide {
            title: lesson.meta.title.clone(),
            sections: 0..lesson.sections.len(),
            blocks: 0..lesson.blocks.len(),
            notes: Vec::new(),
        });
    }
    slides
}

#[cfg(test)]
#[path = "present/present_tests.rs"]
mod tests;
