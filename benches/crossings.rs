//! Crossings of manabi's drawings against Graphviz `dot`'s on the same graphs: the
//! lesson's diagrams and four sets of 120 generated layered graphs. `dot` is run when
//! it is on the PATH (Debian: `apt-get install graphviz`); it is never a build
//! dependency. Prints each lesson diagram's pair and each set's totals and means.
//!
//! Run: `cargo bench --bench crossings`

use std::fmt::Write as _;
use std::io::Write as _;
use std::process::{Command, Stdio};

use manabi::course::{CourseSource, load_course};
use manabi::diagram::{Flowchart, crossings, parse_flowchart, place};

fn main() {
    if std::env::args().any(|argument| argument == "--list") {
        return;
    }
    let dot_works = Command::new("dot")
        .arg("-V")
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !dot_works {
        println!("dot is not installed (apt-get install graphviz): manabi's figures only");
    }
    let course = match load_course(&CourseSource::Embedded) {
        Ok(course) => course,
        Err(error) => panic!("{error}"),
    };
    println!("lesson diagrams: manabi / dot");
    for (index, code) in course.lessons[0].diagrams().enumerate() {
        let Some((ours, theirs)) = compare(&code.lines, dot_works) else {
            println!("  diagram {}: not drawn", index + 1);
            continue;
        };
        println!("  diagram {}: {ours} / {}", index + 1, shown(theirs));
    }
    // The benchmark set first; three more sets show the figure is not one set's luck.
    let mut all = Totals::default();
    for (name, seed) in [
        ("benchmark set", 0x9e37_79b9_7f4a_7c15_u64),
        ("second set", 12_345),
        ("third set", 987_654_321),
        ("fourth set", 55_555),
    ] {
        let totals = generated_set(seed, dot_works);
        totals.print(name, dot_works);
        all.add(&totals);
    }
    all.print("all four sets", dot_works);
}

/// Crossings over a set of generated graphs.
#[derive(Default)]
struct Totals {
    count: usize,
    ours: usize,
    theirs: usize,
    better_or_equal: usize,
}

impl Totals {
    fn add(&mut self, other: &Self) {
        self.count += other.count;
        self.ours += other.ours;
        self.theirs += other.theirs;
        self.better_or_equal += other.better_or_equal;
    }

    fn print(&self, name: &str, dot_works: bool) {
        let mean = |total: usize| {
            f64::from(u32::try_from(total).unwrap_or(u32::MAX))
                / f64::from(u32::try_from(self.count.max(1)).unwrap_or(u32::MAX))
        };
        println!(
            "{name}, {} generated layered graphs: manabi {} crossings (mean {:.2}), dot {} (mean {:.2}); manabi ≤ dot on {}",
            self.count,
            self.ours,
            mean(self.ours),
            if dot_works {
                self.theirs.to_string()
            } else {
                "-".to_owned()
            },
            mean(self.theirs),
            self.better_or_equal
        );
    }
}

/// 120 layered graphs from `seed`, each placed by manabi and by dot.
fn generated_set(mut state: u64, dot_works: bool) -> Totals {
    let mut totals = Totals::default();
    for _ in 0..120 {
        let source = layered(&mut state);
        let Some((ours, theirs)) = compare(&source, dot_works) else {
            continue;
        };
        totals.ours += ours;
        totals.theirs += theirs.unwrap_or(0);
        totals.better_or_equal += usize::from(theirs.is_some_and(|theirs| ours <= theirs));
        totals.count += 1;
    }
    totals
}

fn shown(count: Option<usize>) -> String {
    count.map_or_else(|| "-".to_owned(), |count| count.to_string())
}

/// manabi's crossings for a source, and dot's when it runs.
fn compare(source: &[String], dot_works: bool) -> Option<(usize, Option<usize>)> {
    let chart = parse_flowchart(source).ok()?;
    let placement = place(&chart)?;
    let theirs = dot_works
        .then(|| dot_crossings(&dot_text(&chart)))
        .flatten();
    Some((crossings(&placement), theirs))
}

/// The chart in DOT: the same nodes, edges and subgraphs (as clusters), the same way up.
fn dot_text(chart: &Flowchart) -> String {
    let rankdir = match chart.direction {
        manabi::diagram::Direction::TopBottom => "TB",
        manabi::diagram::Direction::BottomTop => "BT",
        manabi::diagram::Direction::LeftRight => "LR",
        manabi::diagram::Direction::RightLeft => "RL",
    };
    let mut text = format!("digraph {{\nrankdir={rankdir};\n");
    for (index, subgraph) in chart.subgraphs.iter().enumerate() {
        let _ = writeln!(
            text,
            "subgraph cluster_{index} {{ label=\"{}\";",
            subgraph.id
        );
        for (node, _) in chart
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, node)| node.subgraph == Some(index))
        {
            let _ = writeln!(text, "n{node};");
        }
        text.push_str("}\n");
    }
    for node in 0..chart.nodes.len() {
        let _ = writeln!(text, "n{node};");
    }
    for edge in &chart.edges {
        let _ = writeln!(text, "n{} -> n{};", edge.from, edge.to);
    }
    text.push_str("}\n");
    text
}

/// The crossings `dot -v` reports for the whole graph.
fn dot_crossings(text: &str) -> Option<usize> {
    let mut child = Command::new("dot")
        .args(["-v", "-Tplain"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    let log = String::from_utf8_lossy(&output.stderr);
    log.lines().rev().find_map(|line| {
        let rest = line.strip_prefix("mincross ")?;
        let (name, figures) = rest.split_once(": ")?;
        let count = figures.strip_suffix(" secs.")?.split_once(" crossings")?.0;
        (!name.starts_with("cluster"))
            .then(|| count.parse().ok())
            .flatten()
    })
}

/// A random layered graph: 3–6 ranks of 2–6 nodes, edges mostly to the next rank, some
/// skipping one (long edges).
fn layered(state: &mut u64) -> Vec<String> {
    let mut next = |limit: usize| {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        usize::try_from(*state % limit as u64).unwrap_or(0)
    };
    let ranks = 3 + next(4);
    let mut layers: Vec<Vec<usize>> = Vec::new();
    let mut nodes = 0;
    for _ in 0..ranks {
        let width = 2 + next(5);
        layers.push((nodes..nodes + width).collect());
        nodes += width;
    }
    let mut lines = Vec::new();
    for rank in 0..ranks - 1 {
        for node in &layers[rank] {
            let targets = 1 + next(2);
            for _ in 0..targets {
                let skip = usize::from(rank + 2 < ranks && next(5) == 0);
                let layer = &layers[rank + 1 + skip];
                lines.push(format!("N{node} --> N{}", layer[next(layer.len())]));
            }
        }
    }
    lines.sort();
    lines.dedup();
    lines.insert(0, "graph TB".to_owned());
    lines
}
