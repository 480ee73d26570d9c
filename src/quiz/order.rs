//! The order a learner sees a question's choices in: shuffled, so position teaches
//! nothing, but the same for the same learner every time, so a reload does not reshuffle.

/// A permutation of `0..count` (display position → the author's choice index), fixed by
/// the learner's profile and the question's id.
#[must_use]
pub fn choice_order(profile: &str, question: &str, count: usize) -> Vec<usize> {
    let mut state = fnv1a(
        profile.as_bytes(),
        fnv1a(b"\0", fnv1a(question.as_bytes(), OFFSET)),
    );
    let mut order: Vec<usize> = (0..count).collect();
    for last in (1..count).rev() {
        state = xorshift(state);
        let pick = usize::try_from(state % (last as u64 + 1)).unwrap_or(0);
        order.swap(last, pick);
    }
    order
}

/// The choices' order in round `round` of a run: the learner's own order in the first,
/// and when a question comes back, never the order of the round before, so a retry is
/// answered by reading, not by remembering where the right choice was.
#[must_use]
pub fn round_order(profile: &str, question: &str, count: usize, round: usize) -> Vec<usize> {
    if round <= 1 {
        return choice_order(profile, question, count);
    }
    let before = round_order(profile, question, count, round - 1);
    if count < 2 {
        return before;
    }
    let salted = format!("{profile}\0round {round}");
    let order = choice_order(&salted, question, count);
    if order == before {
        // The salted shuffle happened to repeat it: move every choice one place on.
        let mut rotated = before;
        rotated.rotate_left(1);
        rotated
    } else {
        order
    }
}

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0100_0000_01b3;

/// FNV-1a, continued from `hash`: stable across builds and platforms, unlike std's hasher.
fn fnv1a(bytes: &[u8], mut hash: u64) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(PRIME);
    }
    hash
}

fn xorshift(mut state: u64) -> u64 {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pinned: a learner who reopens the quiz after an upgrade must find the choices
    /// where they were, so the order may never change between builds or platforms.
    #[test]
    fn the_same_learner_sees_the_same_order_in_every_build() {
        assert_eq!(choice_order("hanako", "svc-type", 4), [2, 3, 1, 0]);
        assert_eq!(
            choice_order("taro", "svc-type-internal-clusterip", 5),
            [3, 4, 0, 2, 1]
        );
        assert_eq!(
            choice_order("hanako", "svc-loadbalancer-facts", 5),
            [1, 4, 0, 2, 3]
        );
    }

    #[test]
    fn every_choice_appears_once() {
        for count in 0..8 {
            let mut order = choice_order("taro", "q", count);
            order.sort_unstable();
            assert_eq!(order, (0..count).collect::<Vec<_>>());
        }
    }

    #[test]
    fn learners_and_questions_get_different_orders() {
        let orders: std::collections::HashSet<Vec<usize>> = ["a", "b", "c", "d", "e", "f"]
            .iter()
            .map(|profile| choice_order(profile, "q1", 4))
            .chain((0..6).map(|question| choice_order("a", &format!("q{question}"), 4)))
            .collect();
        assert!(orders.len() >= 4, "{orders:?}");
    }

    #[test]
    fn a_retry_never_repeats_the_order_before_it() {
        for profile in ["hanako", "taro", "learner", ""] {
            for count in 2..=6 {
                for question in ["svc-type", "netpol-from-and-vs-or", "a"] {
                    let first = choice_order(profile, question, count);
                    let second = round_order(profile, question, count, 2);
                    let third = round_order(profile, question, count, 3);
                    assert_ne!(first, second, "{profile} {question} {count}");
                    assert_ne!(second, third, "{profile} {question} {count}");
                    assert_eq!(second, round_order(profile, question, count, 2));
                    let mut sorted = third.clone();
                    sorted.sort_unstable();
                    assert_eq!(sorted, (0..count).collect::<Vec<_>>());
                }
            }
        }
    }
}
