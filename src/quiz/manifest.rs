//! A manifest answer against its exercise: each expected document needs a document of
//! its own in the answer, in any order, that passes all its rules.

use serde_yaml::Value;

use super::{Exercise, Expectation, Failure, Reason, Verdict};

/// Grades the documents of an answer.
#[must_use]
pub fn check_manifest(exercise: &Exercise, documents: &[Value]) -> Verdict {
    let failures: Vec<Vec<Vec<Reason>>> = exercise
        .documents
        .iter()
        .map(|expectation| {
            documents
                .iter()
                .map(|document| reasons(expectation, document))
                .collect()
        })
        .collect();
    let passes: Vec<Vec<bool>> = failures
        .iter()
        .map(|row| row.iter().map(Vec::is_empty).collect())
        .collect();
    let matched = matching(&passes, documents.len());
    let mut verdict = Verdict {
        right: matched.iter().all(Option::is_some),
        failures: Vec::new(),
    };
    let several = exercise.documents.len() > 1;
    for (index, (expectation, assigned)) in exercise.documents.iter().zip(&matched).enumerate() {
        if assigned.is_some() {
            continue;
        }
        let document = several.then(|| expectation.name.clone()).flatten();
        // The closest document: the one that fails fewest rules.
        let closest = failures[index].iter().min_by_key(|reasons| reasons.len());
        match closest {
            Some(reasons) if !reasons.is_empty() => {
                verdict
                    .failures
                    .extend(reasons.iter().cloned().map(|reason| Failure {
                        document: document.clone(),
                        reason,
                    }));
            }
            // Every document passes, but each is taken by another expectation.
            _ => verdict.failures.push(Failure {
                document,
                reason: Reason::NoDocument,
            }),
        }
    }
    verdict
}

fn reasons(expectation: &Expectation, document: &Value) -> Vec<Reason> {
    expectation
        .rules
        .iter()
        .filter_map(|rule| rule.failure(document))
        .collect()
}

/// A maximum matching of expectations to distinct documents (augmenting paths; both
/// sides are a handful).
fn matching(passes: &[Vec<bool>], documents: usize) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; documents];
    for expectation in 0..passes.len() {
        let mut seen = vec![false; documents];
        augment(expectation, passes, &mut owner, &mut seen);
    }
    let mut matched = vec![None; passes.len()];
    for (document, expectation) in owner.iter().enumerate() {
        if let Some(expectation) = expectation {
            matched[*expectation] = Some(document);
        }
    }
    matched
}

fn augment(
    expectation: usize,
    passes: &[Vec<bool>],
    owner: &mut [Option<usize>],
    seen: &mut [bool],
) -> bool {
    for document in 0..owner.len() {
        if !passes[expectation][document] || seen[document] {
            continue;
        }
        seen[document] = true;
        let free = match owner[document] {
            None => true,
            Some(other) => augment(other, passes, owner, seen),
        };
        if free {
            owner[document] = Some(expectation);
            return true;
        }
    }
    false
}
