//! The command line: clap types only, no IO. Options that apply to every command are
//! `global`, so they work before or after the subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// manabi — study a technical lesson in your terminal.
#[derive(Debug, Parser)]
#[command(name = "manabi", version, about, long_about = None)]
pub struct Cli {
    /// Load the course from this folder instead of the one built into manabi.
    #[arg(long, global = true, value_name = "DIR")]
    pub course: Option<PathBuf>,

    /// Colours for a dark or light terminal background.
    #[arg(long, global = true, value_enum, default_value_t = ThemeChoice::Auto)]
    pub theme: ThemeChoice,

    /// When to use colour: `auto` when writing to a terminal and `NO_COLOR` is not set.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Draw tables and frames in plain ASCII instead of box-drawing characters.
    #[arg(long, global = true)]
    pub ascii: bool,

    /// How the terminal draws East Asian ambiguous-width characters such as box drawing;
    /// `wide` switches to ASCII structure. Detected when not given.
    #[arg(long, global = true, value_enum, value_name = "WIDTH")]
    pub ambiguous: Option<AmbiguousWidth>,

    /// Language of the reader's menus and messages (the lesson is never translated);
    /// from `LC_ALL` / `LANG` when not given.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangChoice>,

    /// The learner whose progress is read and written, for laptops a class shares; the
    /// OS user name when not given.
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Where progress is kept (`progress.sqlite3`); the platform data folder when not
    /// given (`~/.local/share/manabi` on Linux).
    #[arg(long, global = true, value_name = "DIR", env = "MANABI_DATA_DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open a lesson in the reader (what `manabi` alone does with the first lesson).
    Open {
        /// The lesson id (see `manabi list`).
        lesson: String,
    },
    /// Answer the questions due for review (spaced review), of one lesson or of all,
    /// longest due first; or turn this learner's reviews on or off.
    Review {
        /// The lesson id; every lesson when omitted.
        lesson: Option<String>,
        /// Turn reviews on for this learner (they are on unless turned off).
        #[arg(long, conflicts_with_all = ["off", "lesson"])]
        on: bool,
        /// Turn reviews off for this learner: nothing comes due, schedules are kept.
        #[arg(long, conflicts_with = "lesson")]
        off: bool,
    },
    /// List the course's lessons.
    List,
    /// Print a lesson laid out for a width (for pipes, `less -R`, printing, screen readers).
    Render {
        /// The lesson id (see course.yaml); the first lesson when omitted.
        lesson: Option<String>,
        /// Columns to lay out for; the terminal's width (also when piped), else 80.
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
    },
    /// Check a course for authoring problems, printed as `file:line:col: message`.
    Check {
        /// The course folder; the built-in course when omitted.
        dir: Option<PathBuf>,
        /// Also list sections without speaker notes (hints, not problems).
        #[arg(long)]
        notes: bool,
    },
    /// Present a lesson to a room: one section a screen, the agenda clock in the footer.
    /// `--notes` in a second terminal shows the speaker notes and follows along.
    Present {
        /// The lesson id; the first lesson when omitted.
        lesson: Option<String>,
        /// Show the speaker notes of the presenting window instead.
        #[arg(long)]
        notes: bool,
        /// Pairs a presenting window with its notes window; the lesson id by default.
        #[arg(long, value_name = "NAME")]
        channel: Option<String>,
        /// Start the talk at 0:00 even when a presenting window of it ended without `q`
        /// (otherwise you are asked whether to take that talk up); with --class, a new
        /// class with a new join code.
        #[arg(long)]
        restart: bool,
        /// Run a live class on the room's network: learners join with `manabi join`,
        /// follow the presentation and answer polls (P). The notes window (--notes)
        /// shows the class.
        #[arg(long)]
        class: bool,
        /// The class server's address (default: every private address of this machine,
        /// port 47310).
        #[arg(long, value_name = "ADDR:PORT", requires = "class")]
        listen: Option<std::net::SocketAddr>,
    },
    /// Print a shell completion script: `manabi completions bash > /etc/bash_completion.d/manabi`,
    /// or into zsh's `$fpath` as `_manabi`, or fish's `completions/manabi.fish`.
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
    /// Print the manual page (roff): `manabi man > manabi.1 && man ./manabi.1`.
    Man,
    /// Check whether this laptop is ready for a class: the terminal (size, colours,
    /// answers, ambiguous width, Japanese widths), the locale, the progress store, the
    /// course, and with --class the class server. Exit 0 all good, 1 something to fix.
    Doctor {
        /// One JSON object, for a script that checks a room of laptops.
        #[arg(long)]
        json: bool,
        /// Also check that the class server at this address answers.
        #[arg(long, value_name = "ADDR:PORT")]
        class: Option<std::net::SocketAddr>,
    },
    /// Join the live class of `manabi present --class` on this room's network: the reader
    /// follows the presenter (f follows again after moving yourself) and shows polls.
    Join {
        /// The six-digit join code on the presenter's screen (asked for when omitted).
        code: Option<String>,
        /// The class server's address, where the network blocks discovery (mDNS).
        #[arg(long, value_name = "ADDR:PORT")]
        host: Option<std::net::SocketAddr>,
    },
    /// Grade manifest files against a manifest question as the reader would: the verdict
    /// and what the traffic did; exit 0 right, 1 wrong, 2 when the input cannot be graded.
    Grade {
        /// The question's id (see the lesson's quiz.yaml).
        question: String,
        /// Manifest files, graded together as one answer; `-` reads standard input.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The lesson whose quiz holds the question; the first lesson when omitted.
        #[arg(long, value_name = "ID")]
        lesson: Option<String>,
    },
    /// List the learners (profiles) whose progress is on this machine.
    Profiles,
    /// Show a learner's progress: time against the plan, sittings, sections read,
    /// checklist and quiz.
    Progress {
        /// Print the record as JSON (the `export` format).
        #[arg(long)]
        json: bool,
    },
    /// Write a learner's record for the instructor to collect.
    Export {
        /// JSON, or CSV for a spreadsheet; from the output file's extension when not given.
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// The file to write; standard output when not given.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge a learner's export (JSON, as `export` writes it) into this machine's
    /// progress: nothing is counted twice, however often a file is imported.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Print the class report from learners' exports (files, or folders of them).
    Report {
        #[arg(required = true, value_name = "FILES_OR_DIRS")]
        paths: Vec<PathBuf>,
        /// Text (the default), JSON (every figure) or CSV (one row per learner and
        /// question, for a spreadsheet).
        #[arg(long, value_enum, default_value = "text")]
        format: ReportFormat,
    },
    /// Delete a learner's progress on one lesson, or on all; asks first.
    Reset {
        /// The lesson id; every lesson when omitted.
        lesson: Option<String>,
        /// Do not ask (for scripts).
        #[arg(long)]
        yes: bool,
    },
}

/// A shell that `manabi completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// `export --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
}

/// `report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
    Csv,
}

/// `--theme`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeChoice {
    Dark,
    Light,
    /// Follow the terminal's background (dark until the reader can ask the terminal).
    Auto,
}

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// `--ambiguous`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AmbiguousWidth {
    Wide,
    Narrow,
}

/// `--lang`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangChoice {
    Ja,
    En,
}
