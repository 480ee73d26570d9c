//! The progress store: one event recorded with its commit (synchronous=FULL, WAL), a
//! clock checkpoint, and what the reader does before its first frame (open the store,
//! read the lesson's state), and choosing the questions due for review.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use manabi::progress::{Event, Position, ProgressStore};
use manabi::quiz::{AttemptKind, Recall};

fn bench(criterion: &mut Criterion) {
    // Removed when the bench ends.
    let scratch = match tempfile::tempdir() {
        Ok(scratch) => scratch,
        Err(error) => panic!("{error}"),
    };
    let data = scratch.path().join("store");
    let mut store = match ProgressStore::open(&data, "hanako") {
        Ok(store) => store,
        Err(error) => panic!("{error}"),
    };
    let sitting = store.start_sitting("k8s-networking").ok();
    let mut group = criterion.benchmark_group("progress");
    let mut count = 0_u64;
    group.bench_function("record an answer (committed)", |bencher| {
        bencher.iter(|| {
            count += 1;
            let event = Event::Answer {
                question: format!("q{}", count % 32),
                answer: "ClusterIP".to_owned(),
                right: !count.is_multiple_of(3),
                kind: AttemptKind::FirstTry,
                took_ms: Some(9_000),
                recall: if count.is_multiple_of(3) {
                    Recall::Forgot
                } else {
                    Recall::Good
                },
            };
            black_box(store.record("k8s-networking", sitting, &event).is_ok())
        });
    });
    let position = Position {
        section: Some("nodeport".to_owned()),
        offset: 12,
    };
    group.bench_function("checkpoint clock and position", |bencher| {
        bencher.iter(|| {
            count += 1;
            black_box(
                store
                    .checkpoint(
                        "k8s-networking",
                        sitting.unwrap_or(0),
                        count,
                        &position,
                        false,
                    )
                    .is_ok(),
            )
        });
    });
    drop(store);
    // The reader's start, on a laptop a class shares: 30 learners, each with a full
    // sitting's events (sections, answers, pauses) on this lesson.
    let class = scratch.path().join("class");
    for learner in 0..30 {
        let Ok(mut store) = ProgressStore::open(&class, &format!("learner{learner}")) else {
            panic!("cannot open {}", class.display());
        };
        let sitting = store.start_sitting("k8s-networking").ok();
        for index in 0..300 {
            let event = match index % 3 {
                0 => Event::SectionEntered(format!("section-{}", index % 21)),
                1 => Event::SectionRead(format!("section-{}", index % 21)),
                _ => Event::Answer {
                    question: format!("q{}", index % 32),
                    answer: "2".to_owned(),
                    right: index % 2 == 0,
                    kind: AttemptKind::Retry,
                    took_ms: Some(9_000),
                    recall: Recall::Good,
                },
            };
            let _ = store.record("k8s-networking", sitting, &event);
        }
        let _ = store.checkpoint(
            "k8s-networking",
            sitting.unwrap_or(0),
            1_800_000,
            &position,
            true,
        );
    }
    group.bench_function(
        "open a class's store and read one learner's state",
        |bencher| {
            bencher.iter(|| {
                let store = ProgressStore::open(&class, "learner7").ok();
                black_box(store.and_then(|store| store.lesson_state("k8s-networking").ok()))
            });
        },
    );
    group.finish();
    let _ = std::fs::remove_dir_all(&data);
    let _ = std::fs::remove_dir_all(&class);
}

/// A learner of 30 lessons with 300 answers each, given over two months: which
/// questions are due, oldest first, the ones the course no longer has left out.
fn due_questions(criterion: &mut Criterion) {
    let scratch = match tempfile::tempdir() {
        Ok(scratch) => scratch,
        Err(error) => panic!("{error}"),
    };
    let reviewer = scratch.path().join("reviewer");
    let Ok(mut store) = ProgressStore::open(&reviewer, "hanako") else {
        panic!("cannot open {}", reviewer.display());
    };
    let start = 1_798_761_600_000_i64;
    let day = 24 * 60 * 60 * 1000;
    for lesson in 0..30 {
        for index in 0..300_i64 {
            let event = Event::Answer {
                question: format!("q{}", index % 30),
                answer: "2".to_owned(),
                right: index % 4 != 0,
                kind: AttemptKind::FirstTry,
                took_ms: Some(9_000),
                recall: if index % 4 == 0 {
                    Recall::Forgot
                } else {
                    Recall::Good
                },
            };
            let at = start + (index / 5) * day + lesson * 1000;
            let _ = store.record_at(&format!("lesson-{lesson}"), None, &event, at);
        }
    }
    let known = |question: &str| question != "q29";
    let due = store
        .due_questions(start + 75 * day, None)
        .unwrap_or_default();
    println!(
        "{} of 900 questions due, {} of them known",
        due.len(),
        due.iter().filter(|due| known(&due.question)).count()
    );
    let mut group = criterion.benchmark_group("progress");
    group.bench_function(
        "choose the due questions (30 lessons x 300 answers)",
        |bencher| {
            bencher.iter(|| {
                let due = store
                    .due_questions(start + 75 * day, None)
                    .unwrap_or_default();
                black_box(due.into_iter().filter(|due| known(&due.question)).count())
            });
        },
    );
    group.finish();
}

criterion_group!(benches, bench, due_questions);
criterion_main!(benches);
