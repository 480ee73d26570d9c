//! The class server inside the presenting process: a thread per listening address
//! accepts learners; each learner gets a thread that reads (blocked on the socket, so an
//! idle class costs nothing) and one that writes what the presenter broadcasts. Every
//! change goes to the class file first.

use std::collections::HashMap;
use std::io::{BufReader, BufWriter, Write};
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::code::Throttle;
use super::protocol::{
    LearnerMessage, MAX_MESSAGE, PROTOCOL_VERSION, ReadError, Refusal, ServerMessage,
    is_server_message, read_line, write_message,
};
use super::store::{
    ClassInfo, ClassStore, ClassStoreError, LearnerRow, PollRow, Taken, Whereabouts,
};
use crate::course::make_inert;

/// Connections the class takes at once.
const MAX_CONNECTIONS: usize = 512;
/// Connections served at once, hello said or not: more are closed at once, so a flood
/// of silent connections cannot start threads without end.
const MAX_OPEN: usize = 2 * MAX_CONNECTIONS;
/// How long a new connection has to say hello.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// A learner silent this long (no ping either) is gone: a laptop asleep, say.
const SILENT_FOR: Duration = Duration::from_secs(60);
/// The longest name shown for a learner, in characters.
const NAME_CHARS: usize = 40;
/// Stack of each connection's threads: they parse one small message at a time.
const READER_STACK: usize = 256 * 1024;
const WRITER_STACK: usize = 64 * 1024;

/// Why the class server cannot start.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("cannot listen on {address}: {reason}")]
    Listen { address: SocketAddr, reason: String },
    #[error(
        "no address to listen on: this machine has no private network address; give --listen ADDRESS:PORT"
    )]
    NoAddress,
    #[error(transparent)]
    Store(#[from] ClassStoreError),
}

/// The class as the presenter's windows show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassSnapshot {
    pub info: ClassInfo,
    pub learners: Vec<LearnerRow>,
    pub poll: Option<PollRow>,
    /// The latest poll's answers, by learner key.
    pub answers: Vec<(String, String)>,
}

impl ClassSnapshot {
    /// Reads the class from its file.
    pub fn read(store: &ClassStore) -> Result<Self, ClassStoreError> {
        let poll = store.latest_poll()?;
        let answers = match &poll {
            Some(poll) => store.answers(poll.poll)?,
            None => Vec::new(),
        };
        Ok(Self {
            info: store.info()?,
            learners: store.learners()?,
            poll,
            answers,
        })
    }

    /// Learners connected now.
    #[must_use]
    pub fn connected(&self) -> usize {
        self.learners
            .iter()
            .filter(|learner| learner.connected)
            .count()
    }
}

/// A learner's open connection.
struct Connection {
    learner: String,
    outgoing: Sender<Arc<[u8]>>,
    stream: TcpStream,
}

/// What the server's threads share.
struct Shared {
    store: Mutex<ClassStore>,
    code: String,
    lesson: String,
    connections: Mutex<HashMap<u64, Connection>>,
    throttle: Mutex<Throttle>,
    /// Counts changes, so a window redraws only when something happened.
    generation: AtomicU64,
    next_connection: AtomicU64,
    /// Connections being served now, before and after hello.
    open: AtomicUsize,
    ended: AtomicBool,
    /// The server is being dropped: the accepting threads stop.
    closing: AtomicBool,
}

/// The running class server.
pub struct ClassServer {
    shared: Arc<Shared>,
    addresses: Vec<SocketAddr>,
    accepting: Vec<std::thread::JoinHandle<()>>,
}

/// A lock that a panicking thread poisoned is still the data: the class goes on.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl ClassServer {
    /// Listens on each address (port 0: any free port) for the class in `store`.
    pub fn start(store: ClassStore, addresses: &[SocketAddr]) -> Result<Self, ServerError> {
        if addresses.is_empty() {
            return Err(ServerError::NoAddress);
        }
        let info = store.info()?;
        let mut listeners = Vec::with_capacity(addresses.len());
        let mut port = None;
        for address in addresses {
            // Every address on the port the first one got, so one port serves the class.
            let wanted = match (address.port(), port) {
                (0, Some(port)) => SocketAddr::new(address.ip(), port),
                _ => *address,
            };
            let listener = TcpListener::bind(wanted).map_err(|error| ServerError::Listen {
                address: wanted,
                reason: error.to_string(),
            })?;
            let bound = listener.local_addr().map_err(|error| ServerError::Listen {
                address: wanted,
                reason: error.to_string(),
            })?;
            port.get_or_insert(bound.port());
            listeners.push((listener, bound));
        }
        let shared = Arc::new(Shared {
            store: Mutex::new(store),
            code: info.code,
            lesson: info.lesson,
            connections: Mutex::new(HashMap::new()),
            throttle: Mutex::new(Throttle::default()),
            generation: AtomicU64::new(1),
            next_connection: AtomicU64::new(1),
            open: AtomicUsize::new(0),
            ended: AtomicBool::new(false),
            closing: AtomicBool::new(false),
        });
        let mut server = Self {
            shared,
            addresses: Vec::with_capacity(listeners.len()),
            accepting: Vec::with_capacity(listeners.len()),
        };
        for (listener, address) in listeners {
            let shared = Arc::clone(&server.shared);
            let thread = std::thread::Builder::new()
                .name("class-accept".into())
                .spawn(move || accept(&listener, &shared))
                .map_err(|error| ServerError::Listen {
                    address,
                    reason: error.to_string(),
                })?;
            server.addresses.push(address);
            server.accepting.push(thread);
        }
        Ok(server)
    }

    /// The addresses the class is served on.
    #[must_use]
    pub fn addresses(&self) -> &[SocketAddr] {
        &self.addresses
    }

    /// The class's join code.
    #[must_use]
    pub fn code(&self) -> &str {
        &self.shared.code
    }

    /// Changes so far: a window redraws when it moved.
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.shared.generation.load(Ordering::SeqCst)
    }

    /// The class now.
    pub fn snapshot(&self) -> Result<ClassSnapshot, ClassStoreError> {
        ClassSnapshot::read(&lock(&self.shared.store))
    }

    /// The presenter moved to `section`: every learner is told.
    pub fn goto(&self, section: &str) -> Result<(), ClassStoreError> {
        lock(&self.shared.store).set_section(section)?;
        self.shared.changed();
        self.shared.broadcast(&ServerMessage::Goto {
            section: section.to_owned(),
        });
        Ok(())
    }

    /// Opens a poll on `question`; its number.
    pub fn open_poll(&self, question: &str) -> Result<u64, ClassStoreError> {
        let poll = lock(&self.shared.store).open_poll(question, crate::progress::now_ms())?;
        self.shared.changed();
        self.shared.broadcast(&ServerMessage::Poll {
            poll,
            question: question.to_owned(),
        });
        Ok(poll)
    }

    /// Closes `poll` and shows its answers on the presenter's screen (only there).
    pub fn reveal(&self, poll: u64) -> Result<(), ClassStoreError> {
        lock(&self.shared.store).reveal(poll)?;
        self.shared.changed();
        self.shared.broadcast(&ServerMessage::PollClosed { poll });
        Ok(())
    }

    /// Ends the class: learners are told, the file marks it over.
    pub fn end(&self) -> Result<(), ClassStoreError> {
        self.shared.ended.store(true, Ordering::SeqCst);
        self.shared.broadcast(&ServerMessage::Ended);
        lock(&self.shared.store).end(crate::progress::now_ms())?;
        let connections = std::mem::take(&mut *lock(&self.shared.connections));
        for connection in connections.values() {
            let _ = connection.stream.shutdown(Shutdown::Read);
        }
        Ok(())
    }

    /// The learners' records of the lesson, with their names.
    pub fn records(&self) -> Result<Vec<(String, crate::progress::LessonRecord)>, ClassStoreError> {
        lock(&self.shared.store).records()
    }
}

impl Shared {
    fn changed(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    fn broadcast(&self, message: &ServerMessage) {
        let mut line = Vec::new();
        if write_message(&mut line, message).is_err() {
            return;
        }
        let line: Arc<[u8]> = line.into();
        for connection in lock(&self.connections).values() {
            let _ = connection.outgoing.send(Arc::clone(&line));
        }
    }
}

impl Drop for ClassServer {
    /// Stops listening and closes every connection, as the end of the process would:
    /// learners reconnect to the presenter started again.
    fn drop(&mut self) {
        self.shared.closing.store(true, Ordering::SeqCst);
        for connection in lock(&self.shared.connections).values() {
            let _ = connection.stream.shutdown(Shutdown::Both);
        }
        // Each accepting thread wakes for one last connection and sees the flag.
        for address in &self.addresses {
            let wake = match address.ip() {
                ip if ip.is_unspecified() && address.is_ipv4() => {
                    SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), address.port())
                }
                ip if ip.is_unspecified() => {
                    SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), address.port())
                }
                _ => *address,
            };
            let _ = TcpStream::connect_timeout(&wake, Duration::from_secs(1));
        }
        for thread in self.accepting.drain(..) {
            let _ = thread.join();
        }
    }
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.closing.load(Ordering::SeqCst) {
            return;
        }
        let Ok(mut stream) = stream else { continue };
        if shared.open.fetch_add(1, Ordering::SeqCst) >= MAX_OPEN {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            refuse(&mut stream, Refusal::Full);
            continue;
        }
        let serving = Arc::clone(shared);
        // A thread that cannot start costs that learner a retry, not the class.
        let started = std::thread::Builder::new()
            .name("class-learner".into())
            .stack_size(READER_STACK)
            .spawn(move || {
                serve(stream, &serving);
                serving.open.fetch_sub(1, Ordering::SeqCst);
            });
        if started.is_err() {
            shared.open.fetch_sub(1, Ordering::SeqCst);
        }
    }
}

/// Refuses the connection with `reason` and closes it.
fn refuse(stream: &mut TcpStream, reason: Refusal) {
    let _ = write_message(stream, &ServerMessage::Refused { reason });
    let _ = stream.shutdown(Shutdown::Both);
}

/// One learner's connection, from hello to close.
fn serve(mut stream: TcpStream, shared: &Arc<Shared>) {
    let Ok(peer) = stream.peer_addr() else { return };
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(HELLO_WITHIN));
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut input = BufReader::with_capacity(8 * 1024, reading);
    let mut line = Vec::with_capacity(256);
    let Some(learner) = hello(&mut stream, &mut input, &mut line, peer.ip(), shared) else {
        return;
    };
    let _ = stream.set_read_timeout(Some(SILENT_FOR));
    let id = match register(&stream, &learner, shared) {
        Ok(id) => id,
        Err(reason) => {
            refuse(&mut stream, reason);
            return;
        }
    };
    loop {
        match read_line(&mut input, &mut line) {
            Ok(()) => {}
            Err(ReadError::TooLong) => {
                refuse(&mut stream, Refusal::Malformed);
                break;
            }
            Err(_) => break,
        }
        if is_server_message(&line) {
            refuse(&mut stream, Refusal::NotAllowed);
            break;
        }
        let Ok(message) = serde_json::from_slice::<LearnerMessage>(&line) else {
            refuse(&mut stream, Refusal::Malformed);
            break;
        };
        if !take(&message, &learner, id, shared) {
            refuse(&mut stream, Refusal::Malformed);
            break;
        }
    }
    leave(id, &learner, shared);
}

/// Reads the hello and checks it; the learner's key once it is good.
fn hello(
    stream: &mut TcpStream,
    input: &mut BufReader<TcpStream>,
    line: &mut Vec<u8>,
    address: IpAddr,
    shared: &Shared,
) -> Option<String> {
    match read_line(input, line) {
        Ok(()) => {}
        Err(ReadError::TooLong) => {
            refuse(stream, Refusal::Malformed);
            return None;
        }
        Err(_) => return None,
    }
    if is_server_message(line) {
        refuse(stream, Refusal::NotAllowed);
        return None;
    }
    let Ok(message) = serde_json::from_slice::<LearnerMessage>(line) else {
        refuse(stream, Refusal::Malformed);
        return None;
    };
    let LearnerMessage::Hello {
        protocol,
        code,
        learner,
        name,
    } = message
    else {
        refuse(stream, Refusal::HelloFirst);
        return None;
    };
    if protocol != PROTOCOL_VERSION {
        refuse(stream, Refusal::Version);
        return None;
    }
    if code != shared.code {
        let wait = lock(&shared.throttle).wrong_code(address);
        std::thread::sleep(wait);
        refuse(stream, Refusal::WrongCode);
        return None;
    }
    lock(&shared.throttle).right_code(address);
    let learner: String = learner
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(64)
        .collect();
    if learner.is_empty() {
        refuse(stream, Refusal::Malformed);
        return None;
    }
    let name: String = make_inert(name.trim()).chars().take(NAME_CHARS).collect();
    if lock(&shared.store)
        .join(&learner, &name, crate::progress::now_ms())
        .is_err()
    {
        let _ = stream.shutdown(Shutdown::Both);
        return None;
    }
    shared.changed();
    Some(learner)
}

fn welcome(
    store: &ClassStore,
    learner: &str,
    lesson: &str,
) -> Result<ServerMessage, ClassStoreError> {
    let info = store.info()?;
    let poll = match store.latest_poll()? {
        Some(poll) if !poll.closed && !store.answered(poll.poll, learner)? => {
            Some(super::protocol::Poll {
                poll: poll.poll,
                question: poll.question,
            })
        }
        _ => None,
    };
    Ok(ServerMessage::Welcome {
        protocol: PROTOCOL_VERSION,
        lesson: lesson.to_owned(),
        section: info.section,
        poll,
    })
}

/// Adds the connection, queues its welcome and starts its writer. A learner who
/// connects again replaces their old connection.
fn register(stream: &TcpStream, learner: &str, shared: &Arc<Shared>) -> Result<u64, Refusal> {
    let (outgoing, queue) = mpsc::channel::<Arc<[u8]>>();
    let cloned = || stream.try_clone().map_err(|_| Refusal::Full);
    let (writing, kept) = (cloned()?, cloned()?);
    let id = shared.next_connection.fetch_add(1, Ordering::SeqCst);
    {
        // Held from reading the class to joining the broadcast: a move or a poll comes
        // either in the welcome or after it, never in between.
        let mut connections = lock(&shared.connections);
        let welcome =
            welcome(&lock(&shared.store), learner, &shared.lesson).map_err(|_| Refusal::Full)?;
        let mut line = Vec::new();
        write_message(&mut line, &welcome).map_err(|_| Refusal::Full)?;
        let _ = outgoing.send(line.into());
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
        connections.insert(
            id,
            Connection {
                learner: learner.to_owned(),
                outgoing,
                stream: kept,
            },
        );
    }
    let started = std::thread::Builder::new()
        .name("class-writer".into())
        .stack_size(WRITER_STACK)
        .spawn(move || write_out(writing, &queue));
    if started.is_err() {
        lock(&shared.connections).remove(&id);
        return Err(Refusal::Full);
    }
    Ok(id)
}

/// Writes what is queued for one learner until the connection goes.
fn write_out(stream: TcpStream, queue: &Receiver<Arc<[u8]>>) {
    let _ = stream.set_write_timeout(Some(SILENT_FOR));
    let mut output = BufWriter::with_capacity(MAX_MESSAGE.min(16 * 1024), stream);
    while let Ok(line) = queue.recv() {
        if output.write_all(&line).is_err() {
            break;
        }
        // Everything already queued goes in the same write.
        let mut failed = false;
        while let Ok(line) = queue.try_recv() {
            failed |= output.write_all(&line).is_err();
        }
        if failed || output.flush().is_err() {
            break;
        }
    }
    let _ = output.get_ref().shutdown(Shutdown::Both);
}

/// Stores one message and answers it; `false` for a message that has no place after
/// hello.
fn take(message: &LearnerMessage, learner: &str, connection: u64, shared: &Shared) -> bool {
    let now = crate::progress::now_ms();
    let taken = {
        let mut store = lock(&shared.store);
        match message {
            LearnerMessage::Hello { .. } => return false,
            LearnerMessage::Ping {} => {
                drop(store);
                shared.send_to(connection, &ServerMessage::Pong);
                return true;
            }
            LearnerMessage::Progress {
                id,
                section,
                following,
                mastered,
                items,
            } => store.progress(
                learner,
                *id,
                &Whereabouts {
                    section: make_inert(section).chars().take(200).collect(),
                    following: *following,
                    mastered: *mastered,
                    items: *items,
                },
                now,
            ),
            LearnerMessage::Record { id, record } => store.record(learner, *id, record),
            LearnerMessage::Answer { id, poll, answer } => store.answer(
                learner,
                *id,
                *poll,
                &make_inert(answer).chars().take(2000).collect::<String>(),
                now,
            ),
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
        let mut line = Vec::new();
        if write_message(&mut line, message).is_ok() {
            if let Some(connection) = lock(&self.connections).get(&connection) {
                let _ = connection.outgoing.send(line.into());
            }
        }
    }
}

/// The connection closed: the learner is gone unless they already came back.
fn leave(connection: u64, learner: &str, shared: &Shared) {
    let mut connections = lock(&shared.connections);
    if let Some(gone) = connections.remove(&connection) {
        let _ = gone.stream.shutdown(Shutdown::Both);
    }
    let back = connections.values().any(|other| other.learner == learner);
    drop(connections);
    if !back && !shared.ended.load(Ordering::SeqCst) {
        let _ = lock(&shared.store).left(learner);
        shared.changed();
    }
}

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
