//! One frame drawn after a scroll step, to a 200×60 `TestBackend`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use manabi::app::{App, Message};
use manabi::course::{CourseSource, load_course};
use manabi::layout::glyphs::UNICODE;
use manabi::palette::ColorDepth;
use manabi::strings::Lang;
use manabi::theme::{Theme, ThemeKind};
use manabi::ui::draw;

fn bench(criterion: &mut Criterion) {
    let course = match load_course(&CourseSource::Embedded) {
        Ok(course) => course,
        Err(error) => panic!("{error}"),
    };
    let lesson = course.lessons[0].clone();
    let theme = Theme::new(ThemeKind::Dark);
    let mut app = App::new(lesson, theme, &UNICODE, Lang::En.texts(), (200, 60));
    app.finish_layout();
    let mut terminal = match Terminal::new(TestBackend::new(200, 60)) {
        Ok(terminal) => terminal,
        Err(error) => panic!("{error}"),
    };
    let mut step = 1;
    criterion.bench_function("scroll step + frame 200x60", |bencher| {
        bencher.iter(|| {
            if app.reader().top() + app.reader().page_height() >= app.reader().layout().lines.len()
                || app.reader().top() == 0 && step < 0
            {
                step = -step;
            }
            app.update(Message::ScrollLines(step));
            let drawn = terminal.draw(|frame| draw(frame, &app, ColorDepth::Ansi256));
            black_box(drawn.is_ok())
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
