//! Parse + layout + highlight of the networking lesson at width 120, and of its body
//! repeated ten times (growth must stay linear).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

use manabi::course::{CourseSource, parse_lesson};
use manabi::layout::glyphs::UNICODE;
use manabi::layout::{LayoutOptions, lay_out};
use manabi::theme::{Theme, ThemeKind};

const LESSON_FILE: &str = "k8s-networking/lesson.md";

fn lesson_text() -> String {
    match CourseSource::Embedded.read(LESSON_FILE) {
        Ok(text) => text,
        Err(problem) => panic!("{problem}"),
    }
}

/// The front matter once and the body `times` times.
fn repeated(text: &str, times: usize) -> String {
    let body_start = text[3..].find("\n---\n").map_or(0, |index| index + 3 + 5);
    let (front_matter, body) = text.split_at(body_start);
    format!("{front_matter}{}", body.repeat(times))
}

fn pipeline(text: &str, theme: &Theme) -> usize {
    let lesson = match parse_lesson(text, LESSON_FILE) {
        Ok(lesson) => lesson,
        Err(problem) => panic!("{problem}"),
    };
    let options = LayoutOptions {
        width: 120,
        theme,
        glyphs: &UNICODE,
        checklist: &[],
    };
    lay_out(&lesson, &options).lines.len()
}

fn bench(criterion: &mut Criterion) {
    let theme = Theme::new(ThemeKind::Dark);
    let lesson = lesson_text();
    let ten = repeated(&lesson, 10);
    assert!(pipeline(&ten, &theme) > 9 * pipeline(&lesson, &theme));
    let mut group = criterion.benchmark_group("parse+layout+highlight@120");
    group.bench_function("lesson", |bencher| {
        bencher.iter(|| pipeline(black_box(&lesson), &theme));
    });
    group.bench_function("lesson x10", |bencher| {
        bencher.iter(|| pipeline(black_box(&ten), &theme));
    });
    group.finish();
    // The course is carried deflated (issue 18): what reading the lesson costs at start.
    criterion.bench_function("read the embedded lesson", |bencher| {
        bencher.iter(|| CourseSource::Embedded.read(black_box(LESSON_FILE)));
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
