//! Crossings of manabi's drawings against Graphviz `dot`'s on the same graphs: the
//! lesson's diagrams and 120 generated layered graphs. `dot` is run when it is on the
//! PATH (Debian: `apt-get install graphviz`); it is never a build dependency. Prints
//! each lesson diagram's pair and the generated graphs' totals and means.
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
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let (mut ours_total, mut theirs_total, mut count) = (0, 0, 0);
    let mut better_or_equal = 0;
    for _ in 0..120 {
        let source = layered(&mut state);
        let Some((ours, theirs)) = compare(&source, dot_works) else {
            continue;
        };
        ours_total += ours;
        theirs_total += theirs.unwrap_or(0);
        better_or_equal += usize::from(theirs.is_some_and(|theirs| ours <= theirs));
        count += 1;
    }
    let mean = |total: usize| {
        f64::from(u32::try_from(total).unwrap_or(u32::MAX)) / f64::from(count.max(1))
    };
    println!(
        "{count} generated layered graphs: manabi {ours_total} crossings (mean {:.2}), dot {} (mean {:.2}); manabi ≤ dot on {better_or_equal}",
        mean(ours_total),
        if dot_works {
            theirs_total.to_string()
        } else {
            "-".to_owned()
        },
        mean(theirs_total)
    );
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
