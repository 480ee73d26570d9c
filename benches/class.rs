//! The live class under load, on loopback: a class server in a process of its own (this
//! program started again as `serve`, so its memory and CPU are its own), 100 simulated
//! learners speaking the protocol from threads of this process.
//!
//! `cargo bench --bench class` prints:
//! - the delay from the presenter's move to each learner hearing it (50 moves, 100
//!   learners): median, p99, worst — budget p99 ≤ 100 ms;
//! - a poll answered by 100 learners within one second: answers counted, and how long
//!   after the last answer the presenting window's loop (which looks every 100 ms) saw
//!   them all — budget 200 ms;
//! - the server's resident memory with 100 learners (budget 30 MB) and its CPU time over
//!   five idle seconds (no busy loop).

// A benchmark reports by panicking, like a test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use manabi::class::protocol::{LearnerMessage, PROTOCOL_VERSION, ServerMessage, write_message};
use manabi::class::{ClassServer, ClassSnapshot, ClassStore};

const LEARNERS: usize = 100;
const MOVES: usize = 50;
const CODE: &str = "246810";
/// How often the presenting window looks at the class (as `present_run` does).
const PRESENTER_LOOKS_EVERY: Duration = Duration::from_millis(100);

fn main() {
    let mut arguments = std::env::args().skip(1);
    if arguments.next().as_deref() == Some("serve") {
        serve();
        return;
    }
    // `cargo bench` passes `--bench`; anything else is not ours to read.
    run();
}

/// The server process: a class on loopback, driven by lines on standard input.
fn serve() {
    let folder = tempfile::tempdir().unwrap();
    let store = ClassStore::open_or_start(
        &folder.path().join("class.sqlite"),
        || (CODE.into(), "lesson".into(), "s0".into()),
        0,
    )
    .unwrap();
    let server = Arc::new(ClassServer::start(store, &["127.0.0.1:0".parse().unwrap()]).unwrap());
    let mut out = std::io::stdout();
    writeln!(out, "address {}", server.addresses()[0]).unwrap();
    out.flush().unwrap();
    // The presenting window's loop: it reads the class again when it changed.
    let watched = Arc::clone(&server);
    std::thread::spawn(move || {
        let mut generation = 0;
        let mut answers = 0;
        loop {
            std::thread::sleep(PRESENTER_LOOKS_EVERY);
            if watched.generation() == generation {
                continue;
            }
            generation = watched.generation();
            let snapshot: ClassSnapshot = watched.snapshot().unwrap();
            if snapshot.answers.len() != answers {
                answers = snapshot.answers.len();
                let mut out = std::io::stdout().lock();
                writeln!(out, "answers {answers}").unwrap();
                out.flush().unwrap();
            }
        }
    });
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let (command, argument) = line.split_once(' ').unwrap_or((&line, ""));
        let reply = match command {
            "goto" => {
                server.goto(argument).unwrap();
                None
            }
            "poll" => Some(format!("poll {}", server.open_poll(argument).unwrap())),
            "joined" => Some(format!("joined {}", server.snapshot().unwrap().connected())),
            _ => return,
        };
        if let Some(reply) = reply {
            let mut out = std::io::stdout().lock();
            writeln!(out, "{reply}").unwrap();
            out.flush().unwrap();
        }
    }
}

/// The server process and its pipes.
struct Server {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
}

impl Server {
    fn start() -> (Self, SocketAddr) {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .arg("serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let mut output = BufReader::new(child.stdout.take().unwrap());
        let address = loop {
            let line = read_line(&mut output);
            if let Some(address) = line.trim().strip_prefix("address ") {
                break address.parse().unwrap();
            }
        };
        (
            Self {
                child,
                input,
                output,
            },
            address,
        )
    }

    fn send(&mut self, line: &str) {
        writeln!(self.input, "{line}").unwrap();
        self.input.flush().unwrap();
    }

    /// The next line that starts with `prefix`, without it.
    fn expect(&mut self, prefix: &str) -> String {
        loop {
            let line = read_line(&mut self.output);
            if let Some(rest) = line.strip_prefix(prefix) {
                return rest.trim().to_owned();
            }
        }
    }

    fn pid(&self) -> u32 {
        self.child.id()
    }
}

fn read_line(input: &mut impl BufRead) -> String {
    let mut line = String::new();
    assert!(input.read_line(&mut line).unwrap() > 0, "the server ended");
    line
}

/// One simulated learner: its connection, and when it heard each move.
struct Learner {
    writer: TcpStream,
}

fn join(
    address: SocketAddr,
    index: usize,
    heard: Arc<Mutex<Vec<Vec<Option<Instant>>>>>,
) -> Learner {
    let stream = TcpStream::connect(address).unwrap();
    stream.set_nodelay(true).unwrap();
    let mut writer = stream.try_clone().unwrap();
    write_message(
        &mut writer,
        &LearnerMessage::Hello {
            protocol: PROTOCOL_VERSION,
            code: CODE.into(),
            learner: format!("learner{index}"),
            name: format!("learner {index}"),
        },
    )
    .unwrap();
    std::thread::spawn(move || {
        let mut input = BufReader::new(stream);
        let mut line = String::new();
        while input.read_line(&mut line).is_ok_and(|read| read > 0) {
            if let Ok(ServerMessage::Goto { section }) = serde_json::from_str(&line) {
                let at = Instant::now();
                let number: usize = section.trim_start_matches('s').parse().unwrap();
                heard.lock().unwrap()[index][number] = Some(at);
            }
            line.clear();
        }
    });
    Learner { writer }
}

/// The value below which `percent` % of `sorted` lie (nearest rank).
fn percentile(sorted: &[Duration], percent: usize) -> Duration {
    sorted[(sorted.len() - 1) * percent / 100]
}

fn millis(duration: Duration) -> String {
    format!("{:.1} ms", duration.as_secs_f64() * 1000.0)
}

/// Resident memory of `pid` in kB, and its user + system CPU time in clock ticks.
fn usage(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let rss = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| value.split_whitespace().next())
        .and_then(|kb| kb.parse().ok())
        .unwrap();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    // Fields after the command's closing parenthesis; utime and stime are 14th and 15th.
    let after = stat.rsplit_once(')').unwrap().1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let cpu = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    (rss, cpu)
}

fn run() {
    let (mut server, address) = Server::start();
    let heard = Arc::new(Mutex::new(vec![vec![None; MOVES + 1]; LEARNERS]));
    let mut learners: Vec<Learner> = (0..LEARNERS)
        .map(|index| join(address, index, Arc::clone(&heard)))
        .collect();
    loop {
        server.send("joined");
        if server.expect("joined ").parse::<usize>().unwrap() == LEARNERS {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    follow(&mut server, &heard);
    poll(&mut server, &mut learners);
    at_rest(&server);
    drop(learners);
    let _ = server.child.kill();
    let _ = server.child.wait();
}

/// The presenter moves; each learner hears each move.
fn follow(server: &mut Server, heard: &Mutex<Vec<Vec<Option<Instant>>>>) {
    // The presenter moves 50 times, a little apart as a talk's moves are (and faster).
    let mut sent = Vec::with_capacity(MOVES);
    for number in 1..=MOVES {
        sent.push(Instant::now());
        server.send(&format!("goto s{number}"));
        std::thread::sleep(Duration::from_millis(20));
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while heard
        .lock()
        .unwrap()
        .iter()
        .any(|moves| moves[1..].iter().any(Option::is_none))
    {
        assert!(Instant::now() < deadline, "a learner never heard a move");
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut delays: Vec<Duration> = heard
        .lock()
        .unwrap()
        .iter()
        .flat_map(|moves| {
            moves[1..]
                .iter()
                .zip(&sent)
                .map(|(heard, sent)| heard.unwrap().saturating_duration_since(*sent))
                .collect::<Vec<_>>()
        })
        .collect();
    delays.sort();
    println!(
        "follow: {} moves x {LEARNERS} learners: median {}, p99 {}, worst {} (budget p99 100 ms)",
        MOVES,
        millis(percentile(&delays, 50)),
        millis(percentile(&delays, 99)),
        millis(*delays.last().unwrap()),
    );
}

/// A poll every learner answers within one second, some more than once.
fn poll(server: &mut Server, learners: &mut [Learner]) {
    server.send("poll q1");
    let poll: u64 = server.expect("poll ").parse().unwrap();
    let start = Arc::new(Barrier::new(LEARNERS + 1));
    let last_sent = Arc::new(Mutex::new(Instant::now()));
    let answering: Vec<_> = learners
        .iter_mut()
        .enumerate()
        .map(|(index, learner)| {
            let mut writer = learner.writer.try_clone().unwrap();
            let start = Arc::clone(&start);
            let last_sent = Arc::clone(&last_sent);
            std::thread::spawn(move || {
                start.wait();
                // Spread over 0–990 ms, in an order unrelated to joining.
                std::thread::sleep(Duration::from_millis((index * 37 % LEARNERS * 10) as u64));
                let answer = |id: u64| LearnerMessage::Answer {
                    id,
                    poll,
                    answer: ["ClusterIP", "NodePort"][index % 2].into(),
                };
                write_message(&mut writer, &answer(index as u64 + 1)).unwrap();
                // Every tenth learner sends again: the same message (a resend after a
                // reconnect) and a second answer (a restarted reader). Neither counts.
                if index % 10 == 0 {
                    write_message(&mut writer, &answer(index as u64 + 1)).unwrap();
                    write_message(&mut writer, &answer(index as u64 + 1000)).unwrap();
                }
                let mut last = last_sent.lock().unwrap();
                *last = (*last).max(Instant::now());
            })
        })
        .collect();
    let poll_started = Instant::now();
    start.wait();
    for thread in answering {
        thread.join().unwrap();
    }
    let answered_within = last_sent.lock().unwrap().duration_since(poll_started);
    loop {
        let count: usize = server.expect("answers ").parse().unwrap();
        assert!(
            count <= LEARNERS,
            "{count} answers counted for {LEARNERS} learners"
        );
        if count == LEARNERS {
            break;
        }
    }
    let seen_after = Instant::now().saturating_duration_since(*last_sent.lock().unwrap());
    println!(
        "poll: {LEARNERS} answers sent within {}, {LEARNERS} counted; the presenting window saw the last {} after it was sent (budget 200 ms)",
        millis(answered_within),
        millis(seen_after),
    );
}

/// The class at rest: memory, and CPU over five idle seconds.
fn at_rest(server: &Server) {
    std::thread::sleep(Duration::from_millis(500));
    let (rss, before) = usage(server.pid());
    std::thread::sleep(Duration::from_secs(5));
    let (_, after) = usage(server.pid());
    println!(
        "server with {LEARNERS} learners: RSS {}.{} MB (budget 30 MB); CPU over 5 idle s: {} ticks of 1/100 s",
        rss / 1024,
        rss % 1024 * 10 / 1024,
        after - before,
    );
}
