//! Edges between nodes (`-->`, `==>`, `-.->`, `--o` …, with `-- text -->` or `|text|`
//! labels) and the label text rules shared with nodes.

use super::cursor::Cursor;
use super::{DiagramError, Head, Stroke};

/// Edge endings that close a `-- text -->` label, by the opening run.
const LABEL_CLOSERS: &[(&str, &[&str])] = &[
    ("--", &["-->", "---", "--o", "--x"]),
    ("==", &["==>", "===", "==o", "==x"]),
    ("-.", &[".->", ".-"]),
];

/// `-->`, `---`, `==>`, `===`, `-.->`, `-.-`, `--o`, `--x`, with `-- text -->` or
/// `-->|text|` labels.
pub fn edge(cursor: &mut Cursor<'_>) -> Result<(Stroke, Head, Option<String>), DiagramError> {
    let run = cursor.peek_run();
    if let Some((_, closers)) = LABEL_CLOSERS.iter().find(|(opener, _)| *opener == run)
        && let Some((label, length)) = inline_label(&cursor.rest()[run.len()..], closers)
    {
        cursor.take(run.len() + length);
        let closer = cursor.peek_run();
        cursor.take(closer.len());
        let head = read_head(cursor);
        let stroke = match run {
            "--" => Stroke::Normal,
            "==" => Stroke::Thick,
            _ => Stroke::Dotted,
        };
        return Ok((stroke, head, Some(label)));
    }
    if run.is_empty() {
        let found = cursor
            .rest()
            .chars()
            .next()
            .map_or("the end of the line".to_owned(), |c| format!("`{c}`"));
        return Err(cursor.error(&format!(
            "expected an edge such as `-->` or `---`, found {found}"
        )));
    }
    let start = cursor.at;
    cursor.take(run.len());
    let head = read_head(cursor);
    let Some(stroke) = stroke_of(run, head) else {
        let text = &cursor.text[start..cursor.at];
        let message =
            format!("`{text}` is not an edge; use ---, -->, ===, ==>, -.-, -.->, --o or --x");
        cursor.at = start;
        return Err(cursor.error(&message));
    };
    cursor.skip_spaces();
    let mut label = None;
    if cursor.eat("|") {
        let text = if cursor.peek_char() == Some('"') {
            cursor.quoted()?
        } else {
            cursor.take_until('|').to_owned()
        };
        if !cursor.eat("|") {
            return Err(cursor.error("the edge label is not closed with `|`"));
        }
        label = Some(edge_label(&text));
    }
    Ok((stroke, head, label))
}

/// The label of `-- text -->` (after the opening `--`): the text up to the first closing
/// arrow outside quotes, and its length; `None` when this is a plain edge.
fn inline_label(after: &str, closers: &[&str]) -> Option<(String, usize)> {
    let first = after.chars().next()?;
    let head_alone = matches!(first, 'o' | 'x')
        && (after.len() == 1 || after[1..].starts_with([' ', '\t', '|']));
    if matches!(first, '>' | '|' | '-' | '=' | '.') || head_alone {
        return None;
    }
    let mut quoted = false;
    for (index, character) in after.char_indices() {
        if character == '"' {
            quoted = !quoted;
        } else if !quoted
            && closers
                .iter()
                .any(|closer| after[index..].starts_with(closer))
        {
            let label = edge_label(&after[..index]);
            return (!label.is_empty()).then_some((label, index));
        }
    }
    None
}

/// `>`, or `o` / `x` standing alone after the line.
fn read_head(cursor: &mut Cursor<'_>) -> Head {
    let rest = cursor.rest();
    let alone = |rest: &str| rest.len() == 1 || rest[1..].starts_with([' ', '\t', '|']);
    let head = match rest.chars().next() {
        Some('>') => Head::Arrow,
        Some('o') if alone(rest) => Head::Circle,
        Some('x') if alone(rest) => Head::Cross,
        _ => return Head::None,
    };
    cursor.take(1);
    head
}

/// The stroke of an edge's line, if Mermaid draws it: `--`/`==` with a head or three
/// without, and `-.-` (any number of dots).
fn stroke_of(run: &str, head: Head) -> Option<Stroke> {
    let needed = if head == Head::None { 3 } else { 2 };
    let inner = run
        .strip_prefix('-')
        .and_then(|rest| rest.strip_suffix('-'));
    if run.chars().all(|c| c == '-') && run.len() >= needed {
        Some(Stroke::Normal)
    } else if run.chars().all(|c| c == '=') && run.len() >= needed {
        Some(Stroke::Thick)
    } else if inner.is_some_and(|dots| !dots.is_empty() && dots.chars().all(|c| c == '.')) {
        Some(Stroke::Dotted)
    } else {
        None
    }
}

fn edge_label(text: &str) -> String {
    let text = text.trim();
    let text = text
        .strip_prefix('"')
        .and_then(|inner| inner.strip_suffix('"'))
        .unwrap_or(text);
    single_line(text)
}

/// A label where only one line fits (edges, subgraph titles): breaks become spaces.
pub fn single_line(text: &str) -> String {
    label_lines(text).join(" ")
}

/// A label's lines: `<br/>`, `<br>` and `<br />` break it.
pub fn label_lines(label: &str) -> Vec<String> {
    let lines: Vec<String> = label
        .replace("<br />", "\n")
        .replace("<br/>", "\n")
        .replace("<br>", "\n")
        .lines()
        .map(|line| line.trim().to_owned())
        .collect();
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}
