//! How well an answer recalled its question, for spaced review: a wrong answer forgot
//! it; a right one was hard, good or easy by how long it took against the time that
//! kind of question asks for (a manifest takes minutes, a choice seconds).

use super::Kind;

/// An answer's recall, as a review scheduler rates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recall {
    Forgot,
    Hard,
    Good,
    Easy,
}

impl Recall {
    /// The recall of an answer to a question of `kind`, right or not, that took
    /// `took_ms` from the question shown to the answer given (unknown: good if right).
    #[must_use]
    pub fn of(kind: &Kind, right: bool, took_ms: Option<u64>) -> Self {
        if !right {
            return Self::Forgot;
        }
        let Some(took) = took_ms else {
            return Self::Good;
        };
        let expected = expected_ms(kind);
        if took <= expected / 3 {
            Self::Easy
        } else if took > expected {
            Self::Hard
        } else {
            Self::Good
        }
    }

    /// The recall as the progress store keeps it.
    #[must_use]
    pub fn code(self) -> i64 {
        match self {
            Self::Forgot => 1,
            Self::Hard => 2,
            Self::Good => 3,
            Self::Easy => 4,
        }
    }

    /// The recall a stored code names; an unknown code reads as good.
    #[must_use]
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Forgot,
            2 => Self::Hard,
            4 => Self::Easy,
            _ => Self::Good,
        }
    }
}

/// The time a learner who knows the answer takes for a question of this kind: reading
/// it and answering without hesitating.
fn expected_ms(kind: &Kind) -> u64 {
    match kind {
        Kind::Choice { .. } => 20_000,
        Kind::Multi { .. } | Kind::Text { .. } => 30_000,
        Kind::Manifest(_) => 5 * 60_000,
    }
}

#[cfg(test)]
mod tests {
    use super::{Kind, Recall};

    #[test]
    fn wrong_is_forgotten_and_right_is_rated_by_its_time() {
        let choice = Kind::Choice {
            choices: vec!["a".into(), "b".into()],
            answer: 0,
        };
        assert_eq!(Recall::of(&choice, false, Some(1_000)), Recall::Forgot);
        assert_eq!(Recall::of(&choice, true, Some(3_000)), Recall::Easy);
        assert_eq!(Recall::of(&choice, true, Some(12_000)), Recall::Good);
        assert_eq!(Recall::of(&choice, true, Some(45_000)), Recall::Hard);
        assert_eq!(Recall::of(&choice, true, None), Recall::Good);
        let text = Kind::Text {
            accept: vec!["x".into()],
        };
        // Twenty-five seconds is slow for a choice, not for a typed answer.
        assert_eq!(Recall::of(&text, true, Some(25_000)), Recall::Good);
        for recall in [Recall::Forgot, Recall::Hard, Recall::Good, Recall::Easy] {
            assert_eq!(Recall::from_code(recall.code()), recall);
        }
    }
}
