use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use super::super::link::{Joining, Link, LinkEvent};
use super::*;
use crate::class::protocol::{LearnerMessage, MAX_MESSAGE};

/// A class on loopback, on any free port.
fn class(folder: &std::path::Path) -> ClassServer {
    let store = ClassStore::open_or_start(
        &folder.join("class.sqlite"),
        || ("424242".into(), "lesson".into(), "intro".into()),
        1,
    )
    .unwrap();
    ClassServer::start(store, &["127.0.0.1:0".parse().unwrap()]).unwrap()
}

/// A raw connection, to send what a well-behaved link never would.
struct Raw {
    stream: TcpStream,
    input: BufReader<TcpStream>,
}

impl Raw {
    fn connect(server: &ClassServer) -> Self {
        let stream = TcpStream::connect(server.addresses()[0]).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let input = BufReader::new(stream.try_clone().unwrap());
        Self { stream, input }
    }

    fn send(&mut self, line: &str) {
        self.stream.write_all(line.as_bytes()).unwrap();
        self.stream.write_all(b"\n").unwrap();
    }

    fn hello(&mut self, code: &str, learner: &str) {
        self.send(&format!(
            "{{\"type\":\"hello\",\"protocol\":1,\"code\":\"{code}\",\"learner\":\"{learner}\",\"name\":\"n\"}}"
        ));
    }

    /// The next message, or `None` when the server closed the connection.
    fn next(&mut self) -> Option<ServerMessage> {
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(serde_json::from_str(&line).unwrap()),
        }
    }

    fn closed(&mut self) -> bool {
        self.next().is_none()
    }
}

/// Waits (generously) until `holds`.
fn eventually(what: &str, mut holds: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !holds() {
        assert!(Instant::now() < deadline, "never: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn next_event(link: &Link) -> LinkEvent {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if let Some(event) = link.events().next() {
            return event;
        }
        assert!(Instant::now() < deadline, "no event from the link");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn joining(learner: &str, code: &str) -> Joining {
    Joining {
        code: code.into(),
        learner: learner.into(),
        name: format!("name-{learner}"),
    }
}

#[test]
fn a_learner_joins_follows_and_answers_once() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let link = Link::start(server.addresses()[0], joining("aaaa", "424242"));
    assert_eq!(
        next_event(&link),
        LinkEvent::Joined {
            lesson: "lesson".into(),
            section: "intro".into(),
            poll: None
        }
    );
    server.goto("services").unwrap();
    assert_eq!(next_event(&link), LinkEvent::Goto("services".into()));
    let poll = server.open_poll("q1").unwrap();
    assert_eq!(
        next_event(&link),
        LinkEvent::Poll(super::super::protocol::Poll {
            poll,
            question: "q1".into()
        })
    );
    let id = 77;
    link.send(&LearnerMessage::Answer {
        id,
        poll,
        answer: "LoadBalancer".into(),
    });
    // The same message again (as after a reconnect) counts once.
    link.send(&LearnerMessage::Answer {
        id,
        poll,
        answer: "LoadBalancer".into(),
    });
    eventually("both acknowledged", || link.waiting() == 0);
    let snapshot = server.snapshot().unwrap();
    assert_eq!(snapshot.answers, [("aaaa".into(), "LoadBalancer".into())]);
    assert_eq!(snapshot.connected(), 1);
    assert_eq!(snapshot.learners[0].name, "name-aaaa");
}

#[test]
fn a_wrong_code_is_refused_and_the_link_stops() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let link = Link::start(server.addresses()[0], joining("bbbb", "000000"));
    assert_eq!(next_event(&link), LinkEvent::Refused(Refusal::WrongCode));
    assert!(server.snapshot().unwrap().learners.is_empty());
}

#[test]
fn malformed_oversized_and_presenter_messages_close_only_that_connection() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let mut good = Raw::connect(&server);
    good.hello("424242", "good");
    assert!(matches!(good.next(), Some(ServerMessage::Welcome { .. })));

    let mut garbage = Raw::connect(&server);
    garbage.send("this is not json");
    assert_eq!(
        garbage.next(),
        Some(ServerMessage::Refused {
            reason: Refusal::Malformed
        })
    );
    assert!(garbage.closed());

    let mut oversized = Raw::connect(&server);
    oversized.hello("424242", "big");
    assert!(matches!(
        oversized.next(),
        Some(ServerMessage::Welcome { .. })
    ));
    let huge = format!(
        "{{\"type\":\"ping\",\"x\":\"{}\"}}",
        "a".repeat(MAX_MESSAGE)
    );
    // The server may close while the rest is still being written.
    let _ = oversized.stream.write_all(huge.as_bytes());
    assert_eq!(
        oversized.next(),
        Some(ServerMessage::Refused {
            reason: Refusal::Malformed
        })
    );

    let mut usurper = Raw::connect(&server);
    usurper.hello("424242", "usurper");
    assert!(matches!(
        usurper.next(),
        Some(ServerMessage::Welcome { .. })
    ));
    usurper.send("{\"type\":\"goto\",\"section\":\"elsewhere\"}");
    assert_eq!(
        usurper.next(),
        Some(ServerMessage::Refused {
            reason: Refusal::NotAllowed
        })
    );
    assert!(usurper.closed());
    assert_eq!(server.snapshot().unwrap().info.section, "intro");

    let mut first_not_hello = Raw::connect(&server);
    first_not_hello.send("{\"type\":\"ping\"}");
    assert_eq!(
        first_not_hello.next(),
        Some(ServerMessage::Refused {
            reason: Refusal::HelloFirst
        })
    );

    // The well-behaved learner is still served.
    good.send("{\"type\":\"ping\"}");
    assert_eq!(good.next(), Some(ServerMessage::Pong));
    server.goto("ingress").unwrap();
    assert_eq!(
        good.next(),
        Some(ServerMessage::Goto {
            section: "ingress".into()
        })
    );
}

#[test]
fn names_and_answers_are_made_inert() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let mut raw = Raw::connect(&server);
    raw.send(
        "{\"type\":\"hello\",\"protocol\":1,\"code\":\"424242\",\"learner\":\"k1\",\"name\":\"\\u001b[2Jevil\"}",
    );
    assert!(matches!(raw.next(), Some(ServerMessage::Welcome { .. })));
    let poll = server.open_poll("q").unwrap();
    assert!(matches!(raw.next(), Some(ServerMessage::Poll { .. })));
    raw.send(&format!(
        "{{\"type\":\"answer\",\"id\":1,\"poll\":{poll},\"answer\":\"\\u001b]52;c;x\\u0007\"}}"
    ));
    assert_eq!(raw.next(), Some(ServerMessage::Ack { id: 1 }));
    let snapshot = server.snapshot().unwrap();
    assert_eq!(snapshot.learners[0].name, "\u{241b}[2Jevil");
    assert!(!snapshot.answers[0].1.contains('\u{1b}'));
}

#[test]
fn another_protocol_version_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let mut raw = Raw::connect(&server);
    raw.send(
        "{\"type\":\"hello\",\"protocol\":99,\"code\":\"424242\",\"learner\":\"k\",\"name\":\"n\"}",
    );
    assert_eq!(
        raw.next(),
        Some(ServerMessage::Refused {
            reason: Refusal::Version
        })
    );
}

#[test]
fn a_learner_back_after_answering_is_not_asked_again() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let poll = server.open_poll("q1").unwrap();
    let mut first = Raw::connect(&server);
    first.hello("424242", "same");
    let Some(ServerMessage::Welcome { poll: offered, .. }) = first.next() else {
        panic!("no welcome");
    };
    assert_eq!(offered.map(|offered| offered.poll), Some(poll));
    first.send(&format!(
        "{{\"type\":\"answer\",\"id\":5,\"poll\":{poll},\"answer\":\"1\"}}"
    ));
    assert_eq!(first.next(), Some(ServerMessage::Ack { id: 5 }));
    // Killed and started again: a new connection, a new message id, the same learner.
    drop(first);
    let mut again = Raw::connect(&server);
    again.hello("424242", "same");
    let Some(ServerMessage::Welcome { poll: offered, .. }) = again.next() else {
        panic!("no welcome");
    };
    assert_eq!(offered, None);
    again.send(&format!(
        "{{\"type\":\"answer\",\"id\":6,\"poll\":{poll},\"answer\":\"0\"}}"
    ));
    assert_eq!(again.next(), Some(ServerMessage::Ack { id: 6 }));
    assert_eq!(
        server.snapshot().unwrap().answers,
        [("same".into(), "1".into())]
    );
}

#[test]
fn a_restarted_server_carries_on_and_the_link_reconnects_by_itself() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let address = server.addresses()[0];
    let link = Link::start(address, joining("cccc", "424242"));
    assert!(matches!(next_event(&link), LinkEvent::Joined { .. }));
    server.goto("dns").unwrap();
    assert_eq!(next_event(&link), LinkEvent::Goto("dns".into()));
    // The presenter dies: its connections close with it.
    drop(server);
    assert!(matches!(next_event(&link), LinkEvent::Lost(_)));
    // Queued while the class is away.
    link.send(&LearnerMessage::Progress {
        id: 9,
        section: "dns".into(),
        following: true,
        mastered: 2,
        items: 5,
    });
    let store = ClassStore::open_or_start(
        &folder.path().join("class.sqlite"),
        || ("999999".into(), "lesson".into(), "intro".into()),
        2,
    )
    .unwrap();
    let restarted = ClassServer::start(store, &[address]).unwrap();
    assert_eq!(restarted.code(), "424242");
    assert_eq!(
        next_event(&link),
        LinkEvent::Joined {
            lesson: "lesson".into(),
            section: "dns".into(),
            poll: None
        }
    );
    eventually("the queued progress is stored", || link.waiting() == 0);
    let learners = restarted.snapshot().unwrap().learners;
    assert_eq!(learners.len(), 1);
    assert_eq!((learners[0].mastered, learners[0].items), (2, 5));
}

#[test]
fn the_end_of_the_class_reaches_learners() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let link = Link::start(server.addresses()[0], joining("dddd", "424242"));
    assert!(matches!(next_event(&link), LinkEvent::Joined { .. }));
    server.end().unwrap();
    assert_eq!(next_event(&link), LinkEvent::Ended);
    assert!(server.snapshot().unwrap().info.ended);
}

/// Two classes in a room, as mDNS finds them: the one that refuses the code is passed
/// over for the next.
struct Room(Vec<std::net::SocketAddr>);

impl super::super::link::Finder for Room {
    fn addresses(&mut self) -> Vec<std::net::SocketAddr> {
        self.0.clone()
    }
}

#[test]
fn another_class_that_refuses_the_code_is_passed_over() {
    let folder = tempfile::tempdir().unwrap();
    let other_folder = tempfile::tempdir().unwrap();
    let ours = class(folder.path());
    let other_store = ClassStore::open_or_start(
        &other_folder.path().join("class.sqlite"),
        || ("111111".into(), "lesson".into(), "elsewhere".into()),
        1,
    )
    .unwrap();
    let other = ClassServer::start(other_store, &["127.0.0.1:0".parse().unwrap()]).unwrap();
    let room = Room(vec![other.addresses()[0], ours.addresses()[0]]);
    let link = Link::start(room, joining("eeee", "424242"));
    assert!(matches!(
        next_event(&link),
        LinkEvent::Joined { section, .. } if section == "intro"
    ));
    assert_eq!(ours.snapshot().unwrap().learners.len(), 1);
    assert!(other.snapshot().unwrap().learners.is_empty());
}

#[test]
fn a_message_over_the_limit_is_never_queued() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let link = Link::start(server.addresses()[0], joining("ffff", "424242"));
    assert!(matches!(next_event(&link), LinkEvent::Joined { .. }));
    let huge = LearnerMessage::Answer {
        id: 1,
        poll: 1,
        answer: "x".repeat(MAX_MESSAGE),
    };
    assert!(!link.send(&huge));
    assert_eq!(link.waiting(), 0);
    assert!(link.send(&LearnerMessage::Answer {
        id: 2,
        poll: 1,
        answer: "small".into(),
    }));
    eventually("the small one acknowledged", || link.waiting() == 0);
}

#[test]
fn an_address_gets_few_unfinished_hellos_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    // Four connections that say nothing yet hold this address's places.
    let silent: Vec<Raw> = (0..4).map(|_| Raw::connect(&server)).collect();
    eventually("four hellos awaited", || {
        lock(&server.shared.greeting)
            .values()
            .copied()
            .sum::<usize>()
            == 4
    });
    let mut fifth = Raw::connect(&server);
    assert_eq!(
        fifth.next(),
        Some(ServerMessage::Refused {
            reason: Refusal::Busy
        })
    );
    // One finishes its hello: its place is free again.
    let mut first = silent.into_iter().next().unwrap();
    first.hello("424242", "first");
    assert!(matches!(first.next(), Some(ServerMessage::Welcome { .. })));
    let mut sixth = Raw::connect(&server);
    sixth.hello("424242", "sixth");
    assert!(matches!(sixth.next(), Some(ServerMessage::Welcome { .. })));
}

#[test]
fn a_record_is_stored_inert() {
    let folder = tempfile::tempdir().unwrap();
    let server = class(folder.path());
    let mut raw = Raw::connect(&server);
    raw.hello("424242", "k2");
    assert!(matches!(raw.next(), Some(ServerMessage::Welcome { .. })));
    raw.send(
        "{\"type\":\"record\",\"id\":3,\"record\":{\"lesson\":\"l\",\"title\":\"\\u001b]0;x\\u0007\",\"minutes\":1,\"active_seconds\":0,\"sittings\":1,\"sections_read\":0,\"sections_total\":1,\"checklist\":[],\"questions\":[]}}",
    );
    assert_eq!(raw.next(), Some(ServerMessage::Ack { id: 3 }));
    let records = server.records().unwrap();
    assert_eq!(records.len(), 1);
    assert!(!records[0].1.title.contains('\u{1b}'));
    assert!(records[0].1.title.contains('\u{241b}'));
}
