//! A live class through the real binary on loopback: a presenting window and learners'
//! readers in pseudo-terminals, and hostile connections made by hand.

// Tests may unwrap: a failure is the report.
#![allow(clippy::unwrap_used)]

#[path = "support/pty.rs"]
mod pty;

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpStream, UdpSocket};
use std::path::Path;
use std::time::{Duration, Instant};

use pty::{Session, free_port, shown_number, temp_folder};

const LOOK: [&str; 4] = ["--lang", "ja", "--ambiguous", "narrow"];

/// The presenting window's footer row.
fn footer(session: &Session) -> String {
    session
        .contents()
        .lines()
        .rev()
        .find(|line| !line.trim().is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// A presenting window with a live class listening on `listen`; its join code and
/// address, read off its footer.
fn present(folder: &Path, listen: &str) -> (Session, String, String) {
    std::fs::create_dir_all(folder).unwrap();
    let mut args = LOOK.to_vec();
    args.extend(["present", "--class", "--listen", listen]);
    let session = Session::start(&args, folder);
    session.wait_for("参加コード");
    let (code, address) = code_and_address(&footer(&session));
    (session, code, address)
}

fn code_and_address(footer: &str) -> (String, String) {
    let after = footer.split("参加コード ").nth(1).unwrap();
    let code: String = after.chars().take(6).collect();
    let address = after
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(address, _)| address.to_owned())
        .unwrap();
    (code, address)
}

/// A person's own folder (their progress, a learner's class key).
fn learner_home(folder: &Path, name: &str) -> std::path::PathBuf {
    let home = folder.join(name);
    std::fs::create_dir_all(&home).unwrap();
    home
}

/// A learner's reader joined to the class at `address`.
fn join(folder: &Path, name: &str, code: &str, address: &str) -> Session {
    let mut args = LOOK.to_vec();
    args.extend(["--profile", name, "join", code, "--host", address]);
    Session::start(&args, folder)
}

fn joined(presenter: &Session, count: usize) {
    let text = format!("{count} 人");
    presenter.wait_until(&format!("{text} in the footer"), |screen| {
        screen.contents().lines().any(|line| line.contains(&text))
    });
}

fn status_has(session: &Session, text: &str) {
    session.wait_until(&format!("{text:?} in the status bar"), |screen| {
        pty::status_line(screen).contains(text)
    });
}

/// Opens the poll of the first question of slide 3 (Service タイプ): which type keeps
/// an API inside the cluster (ClusterIP).
fn poll_clusterip(presenter: &mut Session) {
    presenter.type_keys("3\r");
    presenter.wait_for("3/10  Service タイプ");
    presenter.type_keys("P");
    presenter.wait_for("クラスに出題");
    presenter.type_keys("\r");
    presenter.wait_for("回答 0/");
}

fn answer_choice(learner: &mut Session, choice: &str) {
    learner.wait_for("在庫 API");
    let number = shown_number(&learner.contents(), choice);
    learner.type_keys(&format!("{number}\r"));
    learner.wait_for("解説");
}

#[test]
fn learners_follow_detach_follow_again_and_answer_a_poll() {
    let scratch = temp_folder("class");
    let folder = scratch.path();
    let (mut presenter, code, address) = present(&folder.join("presenter"), "127.0.0.1:0");
    let mut learners: Vec<Session> = ["Aiko", "Ken", "Mei"]
        .iter()
        .map(|name| join(&learner_home(folder, name), name, &code, &address))
        .collect();
    joined(&presenter, 3);
    for learner in &learners {
        status_has(learner, "講師に追従中");
    }
    // The instructor's notes window lists the class, names and all.
    let mut notes_args = LOOK.to_vec();
    notes_args.extend(["present", "--notes"]);
    let notes = Session::start(&notes_args, &folder.join("presenter"));
    notes.wait_for("クラス 3/3");
    for name in ["Aiko", "Ken", "Mei"] {
        notes.wait_for(name);
    }
    presenter.type_keys("3\r");
    for learner in &learners {
        status_has(learner, "Service タイプ");
    }
    // Aiko scrolls on her own: detached, and stays where she is.
    learners[0].type_keys("j");
    status_has(&learners[0], "追従を解除");
    presenter.type_keys("4\r");
    for learner in &learners[1..] {
        status_has(learner, "Ingress Controller");
    }
    assert!(!learners[0].status_line().contains("Ingress Controller"));
    // `f`: back with the presenter.
    learners[0].type_keys("f");
    status_has(&learners[0], "講師に追従中");
    status_has(&learners[0], "Ingress Controller");

    poll_clusterip(&mut presenter);
    for (learner, choice) in learners
        .iter_mut()
        .zip(["ClusterIP", "ClusterIP", "NodePort"])
    {
        answer_choice(learner, choice);
    }
    presenter.wait_for("回答 3/3");
    notes.wait_for("出題: NodePort");
    presenter.type_keys("r");
    presenter.wait_for("正解 2/3");
    let screen = presenter.contents();
    let bar = |choice: &str| {
        screen
            .lines()
            .find(|line| line.contains(&format!(" {choice} ")) && line.contains('█'))
            .unwrap_or_else(|| panic!("no bar for {choice}:\n{screen}"))
            .trim_end_matches([' ', '│'])
            .to_owned()
    };
    assert!(bar("ClusterIP").contains("✓ ClusterIP"), "{screen}");
    assert!(bar("ClusterIP").ends_with(" 2"), "{screen}");
    assert!(bar("NodePort").ends_with(" 1"), "{screen}");
    for name in ["Aiko", "Ken", "Mei"] {
        assert!(!screen.contains(name), "a name on the projector:\n{screen}");
    }

    presenter.type_keys("q");
    presenter.wait_for_main_screen();
    presenter.wait_for("クラスのレポート");
    assert!(presenter.child.wait().unwrap().success());
    for learner in &learners {
        learner.wait_for("クラスは終了しました");
    }
    let classes = folder.join("presenter/progress/classes/k8s-networking");
    let report = std::fs::read_dir(&classes)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.is_dir())
        .expect("a report folder");
    let records = std::fs::read_dir(&report)
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|extension| extension == "json")
        })
        .count();
    assert_eq!(records, 3);
    let text = std::fs::read_to_string(report.join("report.txt")).unwrap();
    assert!(text.contains("学習者 3 人"), "{text}");
    let listed = std::process::Command::new(env!("CARGO_BIN_EXE_manabi"))
        .args(["--lang", "ja", "report"])
        .arg(&report)
        .output()
        .unwrap();
    assert!(listed.status.success());
    assert!(String::from_utf8_lossy(&listed.stdout).contains("Mei"));
    for mut learner in learners {
        learner.type_keys("q");
        assert!(learner.child.wait().unwrap().success());
    }
}

/// A class on `listen` with Aiko, who answered its poll.
struct Answered {
    presenter: Session,
    aiko: Session,
    code: String,
    address: String,
    /// Aiko's folder.
    home: std::path::PathBuf,
}

fn class_with_an_answer(folder: &Path, listen: &str) -> Answered {
    let (mut presenter, code, address) = present(&folder.join("presenter"), listen);
    let home = learner_home(folder, "aiko");
    let mut aiko = join(&home, "Aiko", &code, &address);
    joined(&presenter, 1);
    poll_clusterip(&mut presenter);
    answer_choice(&mut aiko, "ClusterIP");
    presenter.wait_for("回答 1/1");
    Answered {
        presenter,
        aiko,
        code,
        address,
        home,
    }
}

#[test]
fn a_learner_restarted_mid_poll_is_counted_once() {
    let scratch = temp_folder("class-restart-learner");
    let folder = scratch.path();
    let Answered {
        mut presenter,
        mut aiko,
        code,
        address,
        home,
    } = class_with_an_answer(folder, "127.0.0.1:0");
    aiko.child.kill().unwrap();
    aiko.child.wait().unwrap();
    joined(&presenter, 0);
    // Back with the same profile: the same learner, whose answer is in already.
    let aiko = join(&home, "Aiko", &code, &address);
    joined(&presenter, 1);
    status_has(&aiko, "講師に追従中");
    // Another learner who joins now is asked.
    let mut ken = join(&learner_home(folder, "ken"), "Ken", &code, &address);
    answer_choice(&mut ken, "NodePort");
    presenter.wait_for("回答 2/2");
    // Ken was asked by the way Aiko came back: she would have been asked by now too.
    assert!(!aiko.contents().contains("在庫 API"), "{}", aiko.contents());
    presenter.type_keys("r");
    presenter.wait_for("正解 1/2");
    presenter.type_keys("q");
    assert!(presenter.child.wait().unwrap().success());
}

#[test]
fn a_presenter_killed_and_started_again_carries_on_the_class() {
    let scratch = temp_folder("class-restart-presenter");
    let folder = scratch.path();
    let listen = format!("127.0.0.1:{}", free_port());
    let presenter_home = folder.join("presenter");
    let Answered {
        mut presenter,
        aiko,
        code,
        ..
    } = class_with_an_answer(folder, &listen);
    // A crash: no chance to close anything.
    let pid = presenter.child.process_id().unwrap().to_string();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .unwrap();
    assert!(killed.success());
    presenter.child.wait().unwrap();
    status_has(&aiko, "再接続中");

    let mut args = LOOK.to_vec();
    args.extend(["present", "--class", "--listen", &listen]);
    let mut again = Session::start(&args, &presenter_home);
    // The talk itself is offered to be taken up; the class goes on either way.
    again.wait_for("前回の続きから");
    again.type_keys("\r");
    again.wait_for("参加コード");
    let (same_code, _) = code_and_address(&footer(&again));
    assert_eq!(same_code, code);
    joined(&again, 1);
    status_has(&aiko, "講師に追従中");
    again.wait_for("回答 1/1");
    again.type_keys("q");
    assert!(again.child.wait().unwrap().success());
}

/// A connection made by hand to the class server.
struct Raw {
    stream: TcpStream,
    input: BufReader<TcpStream>,
}

impl Raw {
    fn connect(address: &str) -> Self {
        let stream = TcpStream::connect(address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let input = BufReader::new(stream.try_clone().unwrap());
        Self { stream, input }
    }

    /// Sends `line` (the server may close while it is being written).
    fn send(&mut self, line: &[u8]) {
        let _ = self.stream.write_all(line);
        let _ = self.stream.write_all(b"\n");
    }

    fn reply(&mut self) -> String {
        let mut line = String::new();
        self.input.read_line(&mut line).unwrap();
        line
    }

    fn hello(&mut self, code: &str) -> String {
        self.send(
            format!(
                "{{\"type\":\"hello\",\"protocol\":1,\"code\":\"{code}\",\"learner\":\"raw1\",\"name\":\"raw\"}}"
            )
            .as_bytes(),
        );
        self.reply()
    }
}

#[test]
fn wrong_codes_bad_frames_and_presenter_messages_are_refused() {
    let scratch = temp_folder("class-hostile");
    let folder = scratch.path();
    let (presenter, code, address) = present(&folder.join("presenter"), "127.0.0.1:0");
    let home = learner_home(folder, "aiko");
    let aiko = join(&home, "Aiko", &code, &address);
    joined(&presenter, 1);

    let wrong = if code == "000000" { "111111" } else { "000000" };
    for attempt in 1..=4 {
        let started = Instant::now();
        let reply = Raw::connect(&address).hello(wrong);
        assert!(reply.contains("wrong_code"), "{reply}");
        // The fourth wrong code from this address waits before its answer.
        if attempt == 4 {
            assert!(started.elapsed() >= Duration::from_millis(400));
        }
    }

    let mut oversized = Raw::connect(&address);
    oversized.send(&vec![b'x'; 70 * 1024]);
    assert!(oversized.reply().contains("malformed"));

    let mut garbage = Raw::connect(&address);
    garbage.send(b"\x1b[2J not json");
    assert!(garbage.reply().contains("malformed"));

    // A right code, then a message only the presenter may send.
    let mut usurper = Raw::connect(&address);
    assert!(usurper.hello(&code).contains("welcome"));
    usurper.send(b"{\"type\":\"goto\",\"section\":\"networkpolicy\"}");
    assert!(usurper.reply().contains("not_allowed"));
    let mut closed = String::new();
    assert_eq!(usurper.input.read_line(&mut closed).unwrap(), 0);

    // The class is unharmed: the presenter is where it was, Aiko still follows it.
    assert!(
        footer(&presenter).contains("1/10"),
        "{}",
        footer(&presenter)
    );
    joined(&presenter, 1);
    status_has(&aiko, "講師に追従中");
    assert!(aiko.status_line().contains("Kubernetes ネットワーク"));
}

/// Whether multicast reaches this machine's own sockets (it does not in some
/// containers and on networks that filter it).
fn multicast_works() -> Result<(), String> {
    let group = std::net::Ipv4Addr::new(239, 255, 77, 77);
    let receiver = UdpSocket::bind("0.0.0.0:0").map_err(|error| error.to_string())?;
    receiver
        .join_multicast_v4(&group, &std::net::Ipv4Addr::UNSPECIFIED)
        .map_err(|error| format!("cannot join a multicast group: {error}"))?;
    receiver
        .set_read_timeout(Some(Duration::from_secs(2)))
        .map_err(|error| error.to_string())?;
    let port = receiver
        .local_addr()
        .map_err(|error| error.to_string())?
        .port();
    let sender = UdpSocket::bind("0.0.0.0:0").map_err(|error| error.to_string())?;
    sender
        .set_multicast_loop_v4(true)
        .map_err(|error| error.to_string())?;
    sender
        .send_to(b"manabi", (group, port))
        .map_err(|error| format!("cannot send multicast: {error}"))?;
    let mut buffer = [0; 16];
    receiver
        .recv_from(&mut buffer)
        .map(drop)
        .map_err(|error| format!("multicast sent here does not come back: {error}"))
}

#[test]
fn a_learner_finds_the_class_by_mdns() {
    if let Err(reason) = multicast_works() {
        eprintln!("skipped: discovery by mDNS needs multicast, and here {reason}");
        return;
    }
    let scratch = temp_folder("class-mdns");
    let folder = scratch.path();
    // Every private address of this machine, as in a classroom.
    let mut args = LOOK.to_vec();
    args.extend(["present", "--class"]);
    let presenter = Session::start(&args, &learner_home(folder, "presenter"));
    presenter.wait_for("参加コード");
    let (code, _) = code_and_address(&footer(&presenter));
    let home = learner_home(folder, "aiko");
    let mut args = LOOK.to_vec();
    args.extend(["--profile", "Aiko", "join", &code]);
    let aiko = Session::start(&args, &home);
    joined(&presenter, 1);
    status_has(&aiko, "講師に追従中");
}
