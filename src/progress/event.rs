//! The events of the learning log and the names its `kind` column gives them: one list,
//! so writing and reading the log cannot drift apart.

use crate::quiz::{AttemptKind, Recall};

/// A learning event, as the log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    SittingStarted,
    Paused,
    Resumed,
    SittingEnded,
    /// A section became the one being read (its anchor).
    SectionEntered(String),
    /// A section's end was on screen after time spent in it.
    SectionRead(String),
    Answer {
        question: String,
        answer: String,
        right: bool,
        kind: AttemptKind,
        /// From the question shown to the answer given, when known.
        took_ms: Option<u64>,
        /// How well it recalled the question, for spaced review.
        recall: Recall,
    },
    /// A checklist item ticked (`true`) or unticked by hand.
    SelfAssessed {
        item: usize,
        ticked: bool,
    },
    /// The one-time "time is up" notice was shown.
    TimeUpNoticed,
    /// A manifest answer as the learner left it (kept apart from the log: only the
    /// latest draft of a question matters).
    Draft {
        question: String,
        text: String,
    },
    /// An event of another lesson than the one being read: a review's answers belong
    /// to the lessons their questions come from.
    InLesson {
        lesson: String,
        event: Box<Event>,
    },
}

/// The event kinds as the log's `kind` column names them (the reading side matches on
/// the same constants).
pub(super) mod kind {
    pub const SITTING_STARTED: &str = "sitting_started";
    pub const PAUSED: &str = "paused";
    pub const RESUMED: &str = "resumed";
    pub const SITTING_ENDED: &str = "sitting_ended";
    pub const SECTION_ENTERED: &str = "section_entered";
    pub const SECTION_READ: &str = "section_read";
    pub const ANSWER: &str = "answer";
    pub const SELF_ASSESSED: &str = "self_assessed";
    pub const TIME_UP_NOTICED: &str = "time_up_noticed";
    pub const DRAFT: &str = "draft";
}

impl Event {
    pub(super) fn kind(&self) -> &'static str {
        match self {
            Self::SittingStarted => kind::SITTING_STARTED,
            Self::Paused => kind::PAUSED,
            Self::Resumed => kind::RESUMED,
            Self::SittingEnded => kind::SITTING_ENDED,
            Self::SectionEntered(_) => kind::SECTION_ENTERED,
            Self::SectionRead(_) => kind::SECTION_READ,
            Self::Answer { .. } => kind::ANSWER,
            Self::SelfAssessed { .. } => kind::SELF_ASSESSED,
            Self::TimeUpNoticed => kind::TIME_UP_NOTICED,
            Self::Draft { .. } => kind::DRAFT,
            Self::InLesson { event, .. } => event.kind(),
        }
    }
}
