//! One learner's connection: the hello and its checks (the code, the brake on wrong
//! codes, at most a few unfinished hellos per address), joining the class, each message
//! stored once and acknowledged, the writer thread, and leaving. Everything a learner
//! sends is made inert here, before it is stored or drawn.

use std::io::{BufReader, BufWriter, Write};
use std::net::{IpAddr, Shutdown, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{Connection, MAX_CONNECTIONS, Shared, lock};
use crate::class::protocol::{
    LearnerMessage, MAX_MESSAGE, PROTOCOL_VERSION, Poll, ReadError, Refusal, ServerMessage,
    learner_message, read_line, write_message,
};
use crate::class::store::{ClassStore, ClassStoreError, Taken, Whereabouts};
use crate::course::make_inert;
use crate::progress::LessonRecord;

/// How long a new connection has to say hello.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// A learner silent this long (no ping either) is gone: a laptop asleep, say.
const SILENT_FOR: Duration = Duration::from_secs(60);
/// Unfinished hellos one address may have at once: guessing codes in parallel gains
/// nothing, and one address cannot take the class's places.
const GREETING_PER_ADDRESS: usize = 4;
/// The longest name shown for a learner, and the longest answer kept, in characters.
const NAME_CHARS: usize = 40;
const ANSWER_CHARS: usize = 2000;
/// Stack of each connection's writing thread.
const WRITER_STACK: usize = 64 * 1024;

/// What the writer thread sends.
pub(super) enum Outgoing {
    Line(Arc<[u8]>),
    /// A last line (a refusal), then the connection closes.
    Close(Arc<[u8]>),
}

/// Refuses a connection that has no writer yet, and closes it.
pub(super) fn refuse(stream: &mut TcpStream, reason: Refusal) {
    let _ = write_message(stream, &ServerMessage::Refused { reason });
    let _ = stream.shutdown(Shutdown::Both);
}

/// One learner's connection, from hello to close.
pub(super) fn serve(stream: TcpStream, shared: &Arc<Shared>) {
    let Ok(peer) = stream.peer_addr() else { return };
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(HELLO_WITHIN));
    let mut input = BufReader::with_capacity(8 * 1024, stream);
    if !greeting(&shared.greeting, peer.ip(), 1) {
        refuse(input.get_mut(), Refusal::Busy);
        return;
    }
    let mut line = Vec::with_capacity(256);
    let said = hello(&mut input, &mut line, peer.ip(), shared);
    greeting(&shared.greeting, peer.ip(), -1);
    let Some((learner, name)) = said else { return };
    let _ = input.get_ref().set_read_timeout(Some(SILENT_FOR));
    let id = match register(input.get_ref(), &learner, &name, shared) {
        Ok(id) => id,
        Err(reason) => {
            refuse(input.get_mut(), reason);
            return;
        }
    };
    loop {
        match read_line(&mut input, &mut line) {
            Ok(()) => {}
            Err(ReadError::TooLong) => {
                shared.close_with(id, Refusal::Malformed);
                break;
            }
            Err(_) => break,
        }
        let message = match learner_message(&line) {
            Ok(message) => message,
            Err(refusal) => {
                shared.close_with(id, refusal);
                break;
            }
        };
        if !take(&message, &learner, id, shared) {
            shared.close_with(id, Refusal::Malformed);
            break;
        }
    }
    leave(id, &learner, shared);
}

/// Counts an unfinished hello of `address` in (`1`) or out (`-1`); `false` when the
/// address has as many as it may.
fn greeting(
    greeting: &Mutex<std::collections::HashMap<IpAddr, usize>>,
    address: IpAddr,
    by: isize,
) -> bool {
    let mut greeting = lock(greeting);
    let count = greeting.entry(address).or_default();
    if by > 0 && *count >= GREETING_PER_ADDRESS {
        return false;
    }
    *count = count.saturating_add_signed(by);
    if *count == 0 {
        greeting.remove(&address);
    }
    true
}

/// Reads the hello and checks it: the learner's key and name once it is good.
fn hello(
    input: &mut BufReader<TcpStream>,
    line: &mut Vec<u8>,
    address: IpAddr,
    shared: &Shared,
) -> Option<(String, String)> {
    match read_line(input, line) {
        Ok(()) => {}
        Err(ReadError::TooLong) => {
            refuse(input.get_mut(), Refusal::Malformed);
            return None;
        }
        Err(_) => return None,
    }
    let message = match learner_message(line) {
        Ok(message) => message,
        Err(refusal) => {
            refuse(input.get_mut(), refusal);
            return None;
        }
    };
    let LearnerMessage::Hello {
        protocol,
        code,
        learner,
        name,
    } = message
    else {
        refuse(input.get_mut(), Refusal::HelloFirst);
        return None;
    };
    if protocol != PROTOCOL_VERSION {
        refuse(input.get_mut(), Refusal::Version);
        return None;
    }
    if code != shared.code {
        let wait = lock(&shared.throttle).wrong_code(address);
        std::thread::sleep(wait);
        refuse(input.get_mut(), Refusal::WrongCode);
        return None;
    }
    lock(&shared.throttle).right_code(address);
    let learner: String = learner
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(64)
        .collect();
    if learner.is_empty() {
        refuse(input.get_mut(), Refusal::Malformed);
        return None;
    }
    Some((learner, learner_text(&name, NAME_CHARS)))
}

/// Text a learner wrote, safe to store and draw: control characters made visible,
/// the invisible ones that reorder or hide text (bidirectional overrides, zero-width
/// characters) dropped, and at most `limit` characters.
pub(crate) fn learner_text(text: &str, limit: usize) -> String {
    make_inert(text.trim())
        .chars()
        .filter(|character| {
            !matches!(
                character,
                '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}'
            )
        })
        .take(limit)
        .collect()
}

/// A learner's record with every text in it made safe (it reaches the class report).
fn inert_record(record: &LessonRecord) -> LessonRecord {
    let mut record = record.clone();
    record.lesson = learner_text(&record.lesson, 200);
    record.title = learner_text(&record.title, 200);
    for item in &mut record.checklist {
        item.text = learner_text(&item.text, 400);
        item.mastery = learner_text(&item.mastery, 40);
    }
    for question in &mut record.questions {
        question.question = learner_text(&question.question, 200);
        question.section = question
            .section
            .as_deref()
            .map(|section| learner_text(section, 200));
    }
    for answer in record.answers_mut() {
        answer.answer = learner_text(&answer.answer, ANSWER_CHARS);
    }
    record
}

fn welcome(
    store: &ClassStore,
    learner: &str,
    lesson: &str,
) -> Result<ServerMessage, ClassStoreError> {
    let info = store.info()?;
    let poll = match store.latest_poll()? {
        Some(poll) if !poll.closed && !store.answered(poll.poll, learner)? => Some(Poll {
            poll: poll.poll,
            question: poll.question,
        }),
        _ => None,
    };
    Ok(ServerMessage::Welcome {
        protocol: PROTOCOL_VERSION,
        lesson: lesson.to_owned(),
        section: info.section,
        poll,
    })
}

/// Joins the learner to the class: the connection added, its welcome queued, its
/// writer started. A learner who connects again replaces their old connection.
fn register(
    stream: &TcpStream,
    learner: &str,
    name: &str,
    shared: &Arc<Shared>,
) -> Result<u64, Refusal> {
    let (outgoing, queue) = mpsc::channel::<Outgoing>();
    let cloned = || stream.try_clone().map_err(|_| Refusal::Busy);
    let (writing, kept) = (cloned()?, cloned()?);
    let id = shared.next_connection.fetch_add(1, Ordering::SeqCst);
    // Held from reading the class to joining the broadcast: a move or a poll comes
    // either in the welcome or after it, never in between; and joining and leaving
    // are written in the order they happen.
    let mut connections = lock(&shared.connections);
    connections.retain(|_, other| {
        let same = other.learner == learner;
        if same {
            let _ = other.stream.shutdown(Shutdown::Both);
        }
        !same
    });
    if connections.len() >= MAX_CONNECTIONS {
        return Err(Refusal::Full);
    }
    let welcome = {
        let store = lock(&shared.store);
        store
            .join(learner, name, crate::progress::now_ms())
            .and_then(|()| welcome(&store, learner, &shared.lesson))
            .map_err(|_| Refusal::Busy)?
    };
    let mut line = Vec::new();
    write_message(&mut line, &welcome).map_err(|_| Refusal::Busy)?;
    let _ = outgoing.send(Outgoing::Line(line.into()));
    std::thread::Builder::new()
        .name("class-writer".into())
        .stack_size(WRITER_STACK)
        .spawn(move || write_out(writing, &queue))
        .map_err(|_| Refusal::Busy)?;
    connections.insert(
        id,
        Connection {
            learner: learner.to_owned(),
            outgoing,
            stream: kept,
        },
    );
    drop(connections);
    shared.changed();
    Ok(id)
}

/// Writes what is queued for one learner until the connection goes.
fn write_out(stream: TcpStream, queue: &Receiver<Outgoing>) {
    let _ = stream.set_write_timeout(Some(SILENT_FOR));
    let mut output = BufWriter::with_capacity(MAX_MESSAGE.min(16 * 1024), stream);
    let mut next = queue.recv().ok();
    while let Some(outgoing) = next.take() {
        let (line, last) = match outgoing {
            Outgoing::Line(line) => (line, false),
            Outgoing::Close(line) => (line, true),
        };
        if output.write_all(&line).is_err() || last {
            break;
        }
        // Everything already queued goes in the same write.
        next = queue.try_recv().ok();
        if next.is_none() {
            if output.flush().is_err() {
                break;
            }
            next = queue.recv().ok();
        }
    }
    let _ = output.flush();
    let _ = output.get_ref().shutdown(Shutdown::Both);
}

/// Stores one message and answers it; `false` for a message that has no place after
/// hello.
fn take(message: &LearnerMessage, learner: &str, connection: u64, shared: &Shared) -> bool {
    let now = crate::progress::now_ms();
    // The learner's text is made inert before the store is locked: every connection
    // waits on that lock.
    let taken = match message {
        LearnerMessage::Hello { .. } => return false,
        LearnerMessage::Ping {} => {
            shared.send_to(connection, &ServerMessage::Pong);
            return true;
        }
        LearnerMessage::Progress {
            id,
            section,
            following,
            mastered,
            items,
        } => {
            let whereabouts = Whereabouts {
                section: learner_text(section, 200),
                following: *following,
                mastered: *mastered,
                items: *items,
            };
            lock(&shared.store).progress(learner, *id, &whereabouts, now)
        }
        LearnerMessage::Record { id, record } => {
            let record = inert_record(record);
            lock(&shared.store).record(learner, *id, &record)
        }
        LearnerMessage::Answer { id, poll, answer } => {
            let answer = learner_text(answer, ANSWER_CHARS);
            lock(&shared.store).answer(learner, *id, *poll, &answer, now)
        }
    };
    // Not stored (the file failed): no ack, so the learner sends it again later.
    if let Ok(taken) = taken {
        if taken == Taken::New {
            shared.changed();
        }
        if let Some(id) = message.id() {
            shared.send_to(connection, &ServerMessage::Ack { id });
        }
    }
    true
}

impl Shared {
    fn send_to(&self, connection: u64, message: &ServerMessage) {
        self.queue_for(connection, message, Outgoing::Line);
    }

    /// Refuses a registered connection: its writer sends the refusal, then closes it.
    fn close_with(&self, connection: u64, reason: Refusal) {
        self.queue_for(
            connection,
            &ServerMessage::Refused { reason },
            Outgoing::Close,
        );
    }

    fn queue_for(
        &self,
        connection: u64,
        message: &ServerMessage,
        wrap: impl FnOnce(Arc<[u8]>) -> Outgoing,
    ) {
        let mut line = Vec::new();
        if write_message(&mut line, message).is_ok()
            && let Some(connection) = lock(&self.connections).get(&connection)
        {
            let _ = connection.outgoing.send(wrap(line.into()));
        }
    }
}

/// The connection closed: the learner is gone unless they already came back.
fn leave(connection: u64, learner: &str, shared: &Shared) {
    let mut connections = lock(&shared.connections);
    // Dropping the connection drops its queue: the writer sends what it has and ends.
    connections.remove(&connection);
    let back = connections.values().any(|other| other.learner == learner);
    if !back && !shared.ended.load(Ordering::SeqCst) {
        // Under the connections' lock, as joining is: a learner back at this moment
        // is not written as gone after their return.
        let _ = lock(&shared.store).left(learner);
    }
    drop(connections);
    shared.changed();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learner_text_shows_controls_and_drops_invisible_reordering() {
        assert_eq!(learner_text("  \u{1b}[2Jaiko ", 40), "\u{241b}[2Jaiko");
        assert_eq!(learner_text("ab\u{202e}cd\u{200b}e\u{feff}", 40), "abcde");
        assert_eq!(learner_text("あいうえお", 3), "あいう");
    }

    #[test]
    fn a_record_is_made_inert_everywhere_it_holds_text() {
        let record: LessonRecord = serde_json::from_value(serde_json::json!({
            "lesson": "l\u{1b}[31m",
            "title": "\u{1b}]0;pwned\u{7}",
            "minutes": 10,
            "active_seconds": 0,
            "sittings": 1,
            "sections_read": 0,
            "sections_total": 1,
            "checklist": [{"item": 1, "text": "x\u{1b}", "mastery": "mastered", "self_assessed": false, "right": 0, "questions": 1}],
            "questions": [{"question": "q\u{9b}", "item": 1, "section": "s\u{1b}", "attempts": 1,
                "first": {"right": true, "kind": "first try", "answer": "a\u{1b}[2J"},
                "latest": null}],
        }))
        .unwrap();
        let inert = serde_json::to_string(&inert_record(&record)).unwrap();
        assert!(!inert.contains("\\u001b"), "{inert}");
        assert!(!inert.contains("\\u0007"), "{inert}");
        assert!(!inert.contains('\u{9b}'), "{inert}");
        assert!(inert.contains('\u{241b}'), "{inert}");
    }
}
