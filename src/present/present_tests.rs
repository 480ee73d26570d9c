use super::*;
use crate::course::{CourseSource, load_course};

#[test]
fn the_title_then_one_slide_per_second_level_section() {
    let course = load_course(&CourseSource::Embedded).unwrap();
    let lesson = &course.lessons[0];
    let slides = slides(lesson);
    let titles: Vec<&str> = slides.iter().map(|slide| slide.title.as_str()).collect();
    assert_eq!(titles[0], "Kubernetes ネットワーク");
    assert_eq!(titles[1], "Kubernetes ネットワークモデル");
    assert!(titles.contains(&"NetworkPolicy"));
    assert!(
        !titles.contains(&"NodePort"),
        "### parts stay with their section"
    );
    assert_eq!(
        slides.len(),
        lesson
            .sections
            .iter()
            .filter(|section| section.level <= 2)
            .count()
    );
    // The slides cover every block, in order, once.
    assert_eq!(slides[0].blocks.start, 0);
    for pair in slides.windows(2) {
        assert_eq!(pair[0].blocks.end, pair[1].blocks.start);
    }
    assert_eq!(slides.last().unwrap().blocks.end, lesson.blocks.len());
    // Every slide of the networking lesson has speaker notes.
    for slide in &slides {
        assert!(!slide.notes.is_empty(), "{} has no notes", slide.title);
    }
}

#[test]
fn a_channel_is_one_talk() {
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("channels");
    let channel = Channel::new(&folder, "k8s-networking");
    assert!(channel.read().is_none());
    let state = PresenterState {
        pid: 10,
        lesson: "k8s-networking".to_owned(),
        slide: 3,
        slides: 10,
        started_at: 1_000,
        paused_ms: 0,
        paused_since: None,
        slide_entered_ms: 120_000,
        class: true,
    };
    let hold = channel.claim().unwrap();
    assert!(channel.held());
    channel.write(&state).unwrap();
    assert_eq!(channel.read(), Some(state.clone()));
    // A second presenter is refused while the first holds the channel.
    assert!(matches!(
        channel.claim(),
        Err(ChannelError::Taken { pid: 10, .. })
    ));
    // Another channel does not see this talk.
    assert!(Channel::new(&folder, "other").read().is_none());
    assert!(!Channel::new(&folder, "other").held());
    channel.close(11);
    assert!(
        channel.read().is_some(),
        "only its presenter closes a channel"
    );
    // The presenter gone (a crash drops its hold the same way): free again, and the
    // state it left is there to take up.
    drop(hold);
    assert!(!channel.held());
    assert_eq!(channel.read(), Some(state.clone()));
    let again = channel.claim().unwrap();
    drop(again);
    channel.close(10);
    assert!(channel.read().is_none());
}
