//! Parse + place + draw (+ the promise check) of the lesson's topology, and of a
//! generated graph of 200 nodes and 400 edges.

use std::fmt::Write as _;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};

use manabi::course::{CourseSource, load_course};
use manabi::diagram::picture;

fn lesson_diagram() -> Vec<String> {
    let course = match load_course(&CourseSource::Embedded) {
        Ok(course) => course,
        Err(error) => panic!("{error}"),
    };
    // The first is the largest: the seed's topology.
    course.lessons[0]
        .diagrams()
        .next()
        .map(|code| code.lines.clone())
        .unwrap_or_default()
}

/// 200 nodes in 10 subgraphs, 400 edges mostly downwards, some back up (cycles).
fn generated() -> Vec<String> {
    let mut source = String::from("graph TB\n");
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |limit: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % limit as u64).unwrap_or(0)
    };
    for group in 0..10 {
        let _ = writeln!(source, "subgraph G{group}[\"グループ {group}\"]");
        for node in group * 20..group * 20 + 20 {
            let _ = writeln!(source, "N{node}[\"node {node}\"]");
        }
        source.push_str("end\n");
    }
    for _ in 0..400 {
        let from = next(200);
        let to = if next(10) == 0 {
            next(200)
        } else {
            (from + 1 + next(25)).min(199)
        };
        if from != to {
            let _ = writeln!(source, "N{from} --> N{to}");
        }
    }
    source.lines().map(str::to_owned).collect()
}

fn bench(criterion: &mut Criterion) {
    let lesson = lesson_diagram();
    assert!(picture(&lesson, false, usize::MAX).is_some());
    criterion.bench_function("diagram: lesson topology", |bencher| {
        bencher.iter(|| picture(black_box(&lesson), false, usize::MAX));
    });
    let big = generated();
    assert!(
        picture(&big, false, usize::MAX).is_some(),
        "the generated graph keeps every promise"
    );
    let mut group = criterion.benchmark_group("diagram: 200 nodes, 400 edges");
    group.sample_size(10);
    group.bench_function("parse+place+draw+check", |bencher| {
        bencher.iter(|| picture(black_box(&big), false, usize::MAX));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
