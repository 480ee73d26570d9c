//! The checklist screen's state and update: the lesson's checklist with each item's
//! state, one selected; Enter runs its questions, Space ticks it by hand.

use super::{Message, Study};
use crate::course::ChecklistItem;
use crate::progress::Event;

/// The checklist screen: which entry is selected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checklist {
    selected: usize,
}

/// What a key on the checklist asks of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ChecklistNext {
    Stay,
    /// The learner's ticks changed: the text's markers follow.
    Ticked,
    /// The questions of this item (its number, 1-based).
    Questions(usize),
}

impl Checklist {
    /// The checklist with entry `selected` chosen.
    #[must_use]
    pub fn at(selected: usize) -> Self {
        Self { selected }
    }

    #[must_use]
    pub fn selected(self) -> usize {
        self.selected
    }

    /// Applies a key on the checklist of `items`.
    pub(super) fn update(
        &mut self,
        message: &Message,
        items: &[ChecklistItem],
        study: &mut Study,
        outbox: &mut Vec<Event>,
    ) -> ChecklistNext {
        let item = items.get(self.selected).map(|item| item.number);
        match (message, item) {
            (Message::ChecklistMove(step), _) => {
                let last = items.len().saturating_sub(1);
                self.selected = self.selected.saturating_add_signed(*step).min(last);
                ChecklistNext::Stay
            }
            (Message::ToggleSelfAssessed, Some(item)) => {
                study.toggle_self_assessed(item, outbox);
                ChecklistNext::Ticked
            }
            (Message::ChecklistStart, Some(item)) => ChecklistNext::Questions(item),
            _ => ChecklistNext::Stay,
        }
    }
}
