//! The live class at the binary's edge: starting the class server for `present --class`
//! (its file, addresses and mDNS announcement), writing the class report when it ends,
//! and `manabi join`'s code prompt and first contact.

use std::io::{self, BufRead, IsTerminal, Write};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::cli::Cli;
use crate::{lang, progress_cli};
use manabi::class::{
    Announcement, ClassServer, ClassStore, Discovery, Finder, Joining, Link, LinkEvent,
    ServerError, file_safe, is_join_code, learner_key, listen_addresses, new_join_code,
};
use manabi::course::Lesson;
use manabi::present::LiveClass;
use manabi::progress::{FORMAT, LearnerRecord, class_report};
use manabi::quiz::Question;
use manabi::ui::progress_text::report_text;

/// How long `join` waits for the class before opening the reader anyway.
const FIRST_CONTACT: Duration = Duration::from_secs(6);
/// How long one look for classes by mDNS lasts.
const LOOK_FOR: Duration = Duration::from_secs(3);

/// A running class: its server, its announcement (when mDNS works here) and the
/// presenting window's state of it.
pub struct Class {
    pub server: ClassServer,
    /// Kept alive for the announcement to last.
    _announcement: Option<Announcement>,
    pub live: LiveClass,
    /// The class's lesson: id, title and minutes, as the report gives them.
    lesson: (String, String, u32),
    /// Why the class is not announced (said on the command line after the talk).
    pub unannounced: Option<String>,
}

/// The class's folder in the data folder: one per channel.
fn class_folder(data: &Path, channel: &str) -> PathBuf {
    data.join("classes").join(file_safe(channel))
}

/// The live class file of `channel`, which the notes window reads.
pub fn class_file(cli: &Cli, channel: &str) -> anyhow::Result<PathBuf> {
    Ok(class_folder(&progress_cli::data_dir(cli)?, channel).join("class.sqlite"))
}

/// Starts (or, after a crash, carries on) the class of `lesson` on `channel`.
pub fn start_class(
    cli: &Cli,
    lesson: &Lesson,
    questions: &[Question],
    (channel, restart, listen): (&str, bool, Option<SocketAddr>),
) -> anyhow::Result<Class> {
    let path = class_file(cli, channel)?;
    let first = lesson
        .sections
        .first()
        .map(|section| section.anchor.clone())
        .unwrap_or_default();
    let now = manabi::progress::now_ms();
    // Drawn now, used when a new class starts (a class carried on keeps its code).
    let fresh =
        new_join_code().map_err(|error| anyhow::anyhow!("cannot make a join code: {error}"))?;
    let start = || (fresh.clone(), lesson.meta.id.clone(), first.clone());
    let mut store = ClassStore::open_or_start(&path, start, now)?;
    let info = store.info()?;
    // Another lesson's class, or a new one asked for: a new class with a new code.
    if restart || info.lesson != lesson.meta.id {
        store.end(now)?;
        drop(store);
        store = ClassStore::open_or_start(&path, start, now)?;
    }
    let info = store.info()?;
    // A class carried on is served where its learners knew it: its port first.
    let wanted: Vec<SocketAddr> = listen_addresses(listen)
        .into_iter()
        .map(|address| match (listen, info.port) {
            (None, Some(port)) => SocketAddr::new(address.ip(), port),
            _ => address,
        })
        .collect();
    let server = match ClassServer::start(store, &wanted) {
        Ok(server) => server,
        // The usual port is taken (another class on this machine): any free one.
        Err(ServerError::Listen { .. }) if listen.is_none() => {
            let store = ClassStore::open_or_start(&path, start, now)?;
            let any: Vec<SocketAddr> = listen_addresses(None)
                .into_iter()
                .map(|address| SocketAddr::new(address.ip(), 0))
                .collect();
            ClassServer::start(store, &any)?
        }
        Err(error) => return Err(error.into()),
    };
    let addresses = server.addresses().to_vec();
    let port = addresses.first().map_or(0, SocketAddr::port);
    let ips: Vec<_> = addresses
        .iter()
        .map(SocketAddr::ip)
        .filter(|ip| !ip.is_unspecified())
        .collect();
    let (announcement, unannounced) = match Announcement::start(&lesson.meta.id, &ips, port) {
        Ok(announcement) => (Some(announcement), None),
        Err(error) => (None, Some(error.to_string())),
    };
    let shown = addresses
        .iter()
        .find(|address| !address.ip().is_loopback())
        .or(addresses.first())
        .map(ToString::to_string)
        .unwrap_or_default();
    Ok(Class {
        live: LiveClass::new(info.code, shown, questions),
        lesson: (
            lesson.meta.id.clone(),
            lesson.meta.title.clone(),
            lesson.meta.minutes,
        ),
        server,
        _announcement: announcement,
        unannounced,
    })
}

/// Ends the class: learners are told, and the class report is written beside the
/// class file: each learner's record (as `manabi export` writes it, so `manabi report`
/// reads the folder) and the report as text. The folder, when anyone took part.
pub fn finish_class(cli: &Cli, class: &Class, channel: &str) -> anyhow::Result<Option<PathBuf>> {
    class.server.end()?;
    let records = class.server.records()?;
    if records.is_empty() {
        return Ok(None);
    }
    let data = progress_cli::data_dir(cli)?;
    let stamp = chrono::DateTime::from_timestamp_millis(manabi::progress::now_ms())
        .map(|time| time.format("%Y%m%d-%H%M%S").to_string())
        .unwrap_or_default();
    let folder = class_folder(&data, channel).join(format!("{stamp}-{}", class.server.code()));
    manabi::progress::private_folder(&folder)
        .with_context(|| format!("cannot write the class report in {}", folder.display()))?;
    let mut learners = Vec::with_capacity(records.len());
    let mut taken = std::collections::HashSet::new();
    for (name, mut record) in records {
        // The lesson is the presenter's, whatever a learner's record says of it.
        (record.lesson, record.title, record.minutes) = class.lesson.clone();
        // Two laptops of one room often log in as the same user: each learner keeps a
        // name of their own in the report (`manabi report` keeps one record a name).
        let mut profile = name.clone();
        let mut number = 2;
        while !taken.insert(file_safe(&profile)) {
            profile = format!("{name} ({number})");
            number += 1;
        }
        let file = format!("{}.json", file_safe(&profile));
        let learner = LearnerRecord {
            format: FORMAT.to_owned(),
            profile,
            lessons: vec![record],
            orphaned: Vec::new(),
            log: None,
        };
        std::fs::write(folder.join(&file), serde_json::to_string_pretty(&learner)?)?;
        learners.push(learner);
    }
    let text = report_text(&class_report(&learners), lang(cli));
    std::fs::write(folder.join("report.txt"), text)?;
    Ok(Some(folder))
}

/// `manabi join`: the code (asked for when not given) and the link to the class.
pub fn join_link(cli: &Cli, code: Option<&str>, host: Option<SocketAddr>) -> anyhow::Result<Link> {
    let texts = lang(cli).texts().class;
    let code = match code {
        Some(code) => code.trim().to_owned(),
        None => ask_code(texts.join_prompt)?,
    };
    if !is_join_code(&code) {
        bail!("{}: `{code}`", texts.not_a_code);
    }
    let data = progress_cli::data_dir(cli)?;
    let profile = progress_cli::profile_name(cli);
    let key = learner_key(&data, &profile)
        .with_context(|| format!("cannot keep this learner's class key in {}", data.display()))?;
    let finder: Box<dyn Finder> = match host {
        Some(address) => Box::new(address),
        None => Box::new(Discovery::new(LOOK_FOR).with_context(|| texts.no_discovery)?),
    };
    Ok(Link::start(
        finder,
        Joining {
            code,
            learner: key,
            name: profile,
        },
    ))
}

/// Waits for the class's welcome (or its refusal); the events heard, for the reader.
/// A class out of reach is said, and the reader opens all the same (it keeps trying).
pub fn first_contact(cli: &Cli, link: &Link) -> anyhow::Result<(Option<String>, Vec<LinkEvent>)> {
    let texts = lang(cli).texts().class;
    let until = Instant::now() + FIRST_CONTACT;
    let mut heard = Vec::new();
    while Instant::now() < until {
        for event in link.events() {
            match &event {
                LinkEvent::Refused(reason) => bail!("{}", refusal(texts, *reason)),
                LinkEvent::Ended => bail!("{}", texts.learner_ended),
                LinkEvent::Joined { lesson, .. } => {
                    let lesson = lesson.clone();
                    heard.push(event);
                    return Ok((Some(lesson), heard));
                }
                _ => heard.push(event),
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    eprintln!("manabi: {}", texts.not_reached);
    Ok((None, heard))
}

fn refusal(
    texts: &manabi::strings::class::ClassTexts,
    reason: manabi::class::Refusal,
) -> &'static str {
    match reason {
        manabi::class::Refusal::WrongCode => texts.refused_code,
        manabi::class::Refusal::Version => texts.refused_version,
        _ => texts.refused_other,
    }
}

/// Asks for the join code on the terminal.
fn ask_code(prompt: &str) -> anyhow::Result<String> {
    if !io::stdin().is_terminal() {
        bail!("{prompt} (give it: manabi join CODE)");
    }
    print!("{prompt} ");
    io::stdout().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_owned())
}
