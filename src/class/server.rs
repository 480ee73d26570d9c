//! The class server inside the presenting process: a thread per listening address
//! accepts learners; each learner gets a thread that reads (blocked on the socket, so an
//! idle class costs nothing) and one that writes what the presenter broadcasts
//! (`server/connection.rs`). Every change goes to the class file first.

mod connection;

use std::collections::HashMap;
use std::net::{IpAddr, Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use super::code::Throttle;
use super::protocol::{Refusal, ServerMessage, write_message};
use super::store::{ClassInfo, ClassStore, ClassStoreError, LearnerRow, PollRow};
use connection::{Outgoing, refuse, serve};

/// Connections the class takes at once.
const MAX_CONNECTIONS: usize = 512;
/// Connections served at once, hello said or not: more are closed at once, so a flood
/// of silent connections cannot start threads without end.
const MAX_OPEN: usize = 2 * MAX_CONNECTIONS;
/// Stack of each connection's reading thread: it parses one small message at a time.
const READER_STACK: usize = 256 * 1024;
/// How long accepting waits after the system refused a connection (out of file
/// descriptors, say) before it tries again.
const ACCEPT_PAUSE: Duration = Duration::from_millis(100);

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
    outgoing: Sender<Outgoing>,
    /// To close it from another thread.
    stream: TcpStream,
}

/// What the server's threads share.
struct Shared {
    store: Mutex<ClassStore>,
    code: String,
    lesson: String,
    connections: Mutex<HashMap<u64, Connection>>,
    throttle: Mutex<Throttle>,
    /// Connections per address that have not said a good hello yet.
    greeting: Mutex<HashMap<IpAddr, usize>>,
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
        allow_many_files();
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
        if let Some(port) = port {
            store.set_port(port)?;
        }
        let shared = Arc::new(Shared {
            store: Mutex::new(store),
            code: info.code,
            lesson: info.lesson,
            connections: Mutex::new(HashMap::new()),
            throttle: Mutex::new(Throttle::default()),
            greeting: Mutex::new(HashMap::new()),
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
            let _ = connection.outgoing.send(Outgoing::Line(Arc::clone(&line)));
        }
    }
}

/// Each learner holds three descriptors (its socket, the reading and writing ends'
/// copies): the soft limit goes up to the hard one, as far as the system allows, so a
/// full class fits (Linux starts at 1,024, macOS at 256).
fn allow_many_files() {
    #[cfg(unix)]
    {
        use rustix::process::{Resource, getrlimit, setrlimit};
        let limit = getrlimit(Resource::Nofile);
        if limit.current < limit.maximum {
            let _ = setrlimit(
                Resource::Nofile,
                rustix::process::Rlimit {
                    current: limit.maximum,
                    maximum: limit.maximum,
                },
            );
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
        // Each accepting thread wakes for one last connection and sees the flag. One
        // that cannot be woken (its address went away with the Wi-Fi) is left to end
        // with the process rather than waited for.
        for (address, thread) in self.addresses.iter().zip(self.accepting.drain(..)) {
            let wake = match address.ip() {
                ip if ip.is_unspecified() && address.is_ipv4() => {
                    SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), address.port())
                }
                ip if ip.is_unspecified() => {
                    SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), address.port())
                }
                _ => *address,
            };
            if TcpStream::connect_timeout(&wake, Duration::from_secs(1)).is_ok() {
                let _ = thread.join();
            }
        }
    }
}

fn accept(listener: &TcpListener, shared: &Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.closing.load(Ordering::SeqCst) {
            return;
        }
        let Ok(mut stream) = stream else {
            // Out of descriptors, say: a pause, not a busy loop, until some are free.
            std::thread::sleep(ACCEPT_PAUSE);
            continue;
        };
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

#[cfg(test)]
#[path = "server_tests.rs"]
mod tests;
