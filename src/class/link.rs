//! The learner's side of a live class: a thread that keeps a connection to the class
//! server (again and again, when a laptop sleeps or the Wi-Fi drops), says hello, hands
//! what the presenter sends to the reader, and sends what the reader queued until the
//! server acknowledges each message.

use std::collections::VecDeque;
use std::io::{BufReader, BufWriter, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

use super::protocol::{
    LearnerMessage, PROTOCOL_VERSION, Poll, ReadError, Refusal, ServerMessage, read_message,
    write_message,
};

/// How long a connection attempt may take.
const CONNECT_WITHIN: Duration = Duration::from_secs(3);
/// A ping this often keeps a quiet connection known to be alive.
const PING_EVERY: Duration = Duration::from_secs(15);
/// No word from the server this long (not even a pong): the connection is dead.
const SILENT_FOR: Duration = Duration::from_secs(40);
/// Waits between attempts to reach the server: short at first, then longer.
const FIRST_RETRY: Duration = Duration::from_millis(250);
const LONGEST_RETRY: Duration = Duration::from_secs(5);

/// What the reader hears from the class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkEvent {
    /// Connected (again): the section the presenter shows and the open poll.
    Joined {
        lesson: String,
        section: String,
        poll: Option<Poll>,
    },
    Goto(String),
    Poll(Poll),
    PollClosed(u64),
    /// The connection is lost; the link tries again by itself.
    Lost(String),
    /// The server refused: the link stops.
    Refused(Refusal),
    /// The class is over: the link stops.
    Ended,
}

/// Where the class is.
pub trait Finder: Send + 'static {
    /// The addresses to try, best first.
    fn addresses(&mut self) -> Vec<SocketAddr>;

    /// Looks in a row whose every class refused the code before the refusal stands: a
    /// search may find other rooms' classes before this one.
    fn looks(&self) -> usize {
        1
    }
}

impl Finder for Box<dyn Finder> {
    fn addresses(&mut self) -> Vec<SocketAddr> {
        self.as_mut().addresses()
    }

    fn looks(&self) -> usize {
        self.as_ref().looks()
    }
}

impl Finder for SocketAddr {
    fn addresses(&mut self) -> Vec<SocketAddr> {
        vec![*self]
    }
}

/// Who joins.
#[derive(Debug, Clone)]
pub struct Joining {
    pub code: String,
    pub learner: String,
    pub name: String,
}

/// A message waiting for the server's ack.
#[derive(Debug)]
struct Waiting {
    id: u64,
    /// The message as it goes on the wire (written once, sent again as it is).
    line: Arc<[u8]>,
    /// A `progress`, which a newer one replaces while unsent.
    progress: bool,
    /// It went out on the current connection.
    sent: bool,
}

/// Messages waiting for the server's ack.
#[derive(Debug, Default)]
struct Outbox {
    /// Oldest first.
    waiting: VecDeque<Waiting>,
    /// The current connection failed.
    lost: bool,
    stopped: bool,
}

struct Shared {
    outbox: Mutex<Outbox>,
    changed: Condvar,
}

fn lock(shared: &Shared) -> MutexGuard<'_, Outbox> {
    shared
        .outbox
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The learner's live link to a class.
pub struct Link {
    shared: Arc<Shared>,
    events: Receiver<LinkEvent>,
    /// Events taken and given back (`replay`), heard before the channel's.
    replayed: Mutex<VecDeque<LinkEvent>>,
    stop: Arc<AtomicBool>,
}

impl Link {
    /// Starts joining the class `finder` finds.
    #[must_use]
    pub fn start(finder: impl Finder, joining: Joining) -> Self {
        let shared = Arc::new(Shared {
            outbox: Mutex::new(Outbox::default()),
            changed: Condvar::new(),
        });
        let (events, heard) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let link = Self {
            shared: Arc::clone(&shared),
            events: heard,
            replayed: Mutex::new(VecDeque::new()),
            stop: Arc::clone(&stop),
        };
        let said = events.clone();
        // Without the thread there is no class, and the reader is told why.
        let started = std::thread::Builder::new()
            .name("class-link".into())
            .spawn(move || keep_connected(finder, &joining, &shared, &events, &stop));
        if let Err(error) = started {
            let _ = said.send(LinkEvent::Lost(error.to_string()));
        }
        link
    }

    /// Queues a message; a newer `progress` replaces one not sent yet. A message over
    /// the protocol's limit is not queued (the server would close the connection for
    /// it, again and again): `false`.
    pub fn send(&self, message: &LearnerMessage) -> bool {
        let mut line = Vec::new();
        if write_message(&mut line, message).is_err() {
            return false;
        }
        let progress = matches!(message, LearnerMessage::Progress { .. });
        let mut outbox = lock(&self.shared);
        if progress {
            outbox
                .waiting
                .retain(|waiting| waiting.sent || !waiting.progress);
        }
        outbox.waiting.push_back(Waiting {
            id: message.id().unwrap_or_default(),
            line: line.into(),
            progress,
            sent: false,
        });
        drop(outbox);
        self.shared.changed.notify_all();
        true
    }

    /// What came from the class since the last call, one at a time.
    pub fn events(&self) -> impl Iterator<Item = LinkEvent> + '_ {
        std::iter::from_fn(|| {
            self.replayed
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .pop_front()
                .or_else(|| self.events.try_recv().ok())
        })
    }

    /// Gives events back, to be heard again before any later one (what `join` heard
    /// before the reader opened).
    pub fn replay(&self, events: Vec<LinkEvent>) {
        let mut replayed = self
            .replayed
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for event in events.into_iter().rev() {
            replayed.push_front(event);
        }
    }

    /// Messages not acknowledged yet.
    #[must_use]
    pub fn waiting(&self) -> usize {
        lock(&self.shared).waiting.len()
    }
}

impl Drop for Link {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        lock(&self.shared).stopped = true;
        self.shared.changed.notify_all();
    }
}

/// Connects, serves the connection until it fails, and connects again, until the link
/// is dropped, refused or the class ends.
fn keep_connected(
    mut finder: impl Finder,
    joining: &Joining,
    shared: &Arc<Shared>,
    events: &Sender<LinkEvent>,
    stop: &AtomicBool,
) {
    let mut wait = FIRST_RETRY;
    let mut said_lost = false;
    let mut refused = 0;
    while !stop.load(Ordering::SeqCst) {
        let mut outcome = attempt(&finder.addresses(), joining, shared, events);
        if matches!(
            outcome,
            Outcome::Over(LinkEvent::Refused(Refusal::WrongCode))
        ) {
            refused += 1;
            if refused < finder.looks() {
                outcome = Outcome::Lost("no class took the code yet".into());
            }
        } else {
            refused = 0;
        }
        match outcome {
            Outcome::Over(event) => {
                let _ = events.send(event);
                return;
            }
            Outcome::Lost(reason) => {
                if !said_lost {
                    let _ = events.send(LinkEvent::Lost(reason));
                    said_lost = true;
                }
            }
            Outcome::Served => {
                wait = FIRST_RETRY;
                let _ = events.send(LinkEvent::Lost("the connection closed".into()));
                said_lost = true;
            }
        }
        // Sleeps on the outbox's condition, so dropping the link ends the wait.
        let outbox = lock(shared);
        if outbox.stopped {
            return;
        }
        let _ = shared.changed.wait_timeout(outbox, wait);
        wait = (wait * 2).min(LONGEST_RETRY);
    }
}

/// Tries each address in turn. A class that refuses the code may be another class in
/// the same room (found by mDNS): the next one is tried, and the refusal stands only
/// when every class refused.
fn attempt(
    addresses: &[SocketAddr],
    joining: &Joining,
    shared: &Arc<Shared>,
    events: &Sender<LinkEvent>,
) -> Outcome {
    let mut outcome = Outcome::Lost("the class server cannot be reached".into());
    for address in addresses {
        let Ok(stream) = TcpStream::connect_timeout(address, CONNECT_WITHIN) else {
            continue;
        };
        outcome = session(&stream, joining, shared, events);
        if !matches!(
            outcome,
            Outcome::Over(LinkEvent::Refused(Refusal::WrongCode))
        ) {
            return outcome;
        }
    }
    outcome
}

/// How a connection ended.
enum Outcome {
    /// It was joined and served, then failed: try again at once.
    Served,
    /// It never got going.
    Lost(String),
    /// Refused or ended: no more tries.
    Over(LinkEvent),
}

/// One connection: hello, welcome, then messages both ways until it fails.
fn session(
    stream: &TcpStream,
    joining: &Joining,
    shared: &Arc<Shared>,
    events: &Sender<LinkEvent>,
) -> Outcome {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(SILENT_FOR));
    let Ok(reading) = stream.try_clone() else {
        return Outcome::Lost("cannot read the connection".into());
    };
    let mut input = BufReader::new(reading);
    let mut output = BufWriter::new(stream);
    let hello = LearnerMessage::Hello {
        protocol: PROTOCOL_VERSION,
        code: joining.code.clone(),
        learner: joining.learner.clone(),
        name: joining.name.clone(),
    };
    if let Err(error) = write_message(&mut output, &hello) {
        return Outcome::Lost(error.to_string());
    }
    let mut line = Vec::new();
    match read_message::<ServerMessage>(&mut input, &mut line) {
        Ok(ServerMessage::Welcome {
            protocol: _,
            lesson,
            section,
            poll,
        }) => {
            let _ = events.send(LinkEvent::Joined {
                lesson,
                section,
                poll,
            });
        }
        // A full or busy class may take the learner in a moment.
        Ok(ServerMessage::Refused { reason }) if reason.is_passing() => {
            return Outcome::Lost(format!("the class cannot take us now ({reason:?})"));
        }
        Ok(ServerMessage::Refused { reason }) => return Outcome::Over(LinkEvent::Refused(reason)),
        Ok(ServerMessage::Ended) => return Outcome::Over(LinkEvent::Ended),
        Ok(_) => return Outcome::Lost("the server did not welcome us".into()),
        Err(error) => return Outcome::Lost(error.to_string()),
    }
    {
        let mut outbox = lock(shared);
        for waiting in &mut outbox.waiting {
            waiting.sent = false;
        }
        outbox.lost = false;
    }
    let listener = {
        let shared = Arc::clone(shared);
        let events = events.clone();
        std::thread::Builder::new()
            .name("class-listen".into())
            .spawn(move || listen(&mut input, &shared, &events))
    };
    let Ok(listener) = listener else {
        return Outcome::Lost("cannot start listening".into());
    };
    let over = send_queued(&mut output, shared);
    let _ = stream.shutdown(Shutdown::Both);
    let heard = listener.join().ok().flatten();
    match heard.or(over) {
        Some(event) => Outcome::Over(event),
        None => Outcome::Served,
    }
}

/// Sends queued messages as they come, and a ping when all is quiet, until the
/// connection is lost or the link dropped.
fn send_queued(output: &mut BufWriter<&TcpStream>, shared: &Shared) -> Option<LinkEvent> {
    let mut outbox = lock(shared);
    loop {
        if outbox.stopped || outbox.lost {
            return None;
        }
        let batch: Vec<(u64, Arc<[u8]>)> = outbox
            .waiting
            .iter()
            .filter(|waiting| !waiting.sent)
            .map(|waiting| (waiting.id, Arc::clone(&waiting.line)))
            .collect();
        if !batch.is_empty() {
            drop(outbox);
            // One flush for the batch.
            let written = batch
                .iter()
                .try_for_each(|(_, line)| output.write_all(line))
                .and_then(|()| output.flush());
            outbox = lock(shared);
            if written.is_err() {
                return None;
            }
            // By id: the queue may have changed meanwhile (an ack, a newer progress).
            for waiting in &mut outbox.waiting {
                if batch.iter().any(|(id, _)| *id == waiting.id) {
                    waiting.sent = true;
                }
            }
            continue;
        }
        let (next, timeout) = shared
            .changed
            .wait_timeout(outbox, PING_EVERY)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        outbox = next;
        if timeout.timed_out() && outbox.waiting.iter().all(|waiting| waiting.sent) {
            drop(outbox);
            if write_message(output, &LearnerMessage::Ping {}).is_err() {
                return None;
            }
            outbox = lock(shared);
        }
    }
}

/// Reads the server's messages until the connection fails; the event that ends the
/// link, if one came.
fn listen(
    input: &mut BufReader<TcpStream>,
    shared: &Shared,
    events: &Sender<LinkEvent>,
) -> Option<LinkEvent> {
    let mut line = Vec::new();
    let ended = loop {
        let message = match read_message::<ServerMessage>(input, &mut line) {
            Ok(message) => message,
            Err(
                ReadError::Closed | ReadError::Io(_) | ReadError::TooLong | ReadError::Malformed(_),
            ) => {
                break None;
            }
        };
        match message {
            ServerMessage::Ack { id } => {
                lock(shared).waiting.retain(|waiting| waiting.id != id);
            }
            ServerMessage::Goto { section } => {
                let _ = events.send(LinkEvent::Goto(section));
            }
            ServerMessage::Poll { poll, question } => {
                let _ = events.send(LinkEvent::Poll(Poll { poll, question }));
            }
            ServerMessage::PollClosed { poll } => {
                let _ = events.send(LinkEvent::PollClosed(poll));
            }
            ServerMessage::Ended => break Some(LinkEvent::Ended),
            ServerMessage::Refused { reason } if reason.is_passing() => break None,
            ServerMessage::Refused { reason } => break Some(LinkEvent::Refused(reason)),
            ServerMessage::Welcome { .. } | ServerMessage::Pong => {}
        }
    };
    let mut outbox = lock(shared);
    outbox.lost = true;
    if ended.is_some() {
        outbox.stopped = true;
    }
    drop(outbox);
    shared.changed.notify_all();
    ended
}
