//! Mermaid flowchart source → `Flowchart`. Line by line, each statement read with a small
//! cursor; anything outside the supported subset is an error naming line and column.

use std::collections::HashMap;

use super::{
    DiagramError, Direction, Edge, Flowchart, Head, Node, NodeStyle, Shape, Stroke, Subgraph,
};

/// Shape brackets, longest first so `([` wins over `(`.
const SHAPES: &[(&str, &str, Shape)] = &[
    ("([", "])", Shape::Stadium),
    ("[(", ")]", Shape::Cylinder),
    ("((", "))", Shape::Circle),
    ("{{", "}}", Shape::Hexagon),
    ("[", "]", Shape::Rectangle),
    ("(", ")", Shape::Rounded),
    ("{", "}", Shape::Rhombus),
    (">", "]", Shape::Asymmetric),
];

/// Edge endings that close a `-- text -->` label, by the opening run.
const LABEL_CLOSERS: &[(&str, &[&str])] = &[
    ("--", &["-->", "---", "--o", "--x"]),
    ("==", &["==>", "===", "==o", "==x"]),
    ("-.", &[".->", ".-"]),
];

/// Parses a flowchart; `source` is the fenced block's lines.
pub fn parse_flowchart(source: &[String]) -> Result<Flowchart, DiagramError> {
    let mut parser = Parser::default();
    let mut header_seen = false;
    for (index, raw) in source.iter().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with("%%") {
            continue;
        }
        for (offset, statement) in statements(raw) {
            if !header_seen {
                parser.chart.direction = header(statement.trim(), line)?;
                header_seen = true;
                continue;
            }
            let mut cursor = Cursor {
                text: statement,
                at: 0,
                line,
                column: raw[..offset].chars().count() + 1,
            };
            cursor.skip_spaces();
            if !cursor.at_end() {
                parser.statement(&mut cursor)?;
            }
        }
    }
    if !header_seen {
        return Err(DiagramError {
            line: 1,
            column: 1,
            message: "the diagram is empty: a flowchart starts with `graph TB` (or TD, BT, LR, RL)"
                .into(),
        });
    }
    if let Some((open, line, column)) = parser.open.last() {
        return Err(DiagramError {
            line: *line,
            column: *column,
            message: format!(
                "subgraph `{}` has no `end`",
                parser.chart.subgraphs[*open].id
            ),
        });
    }
    parser.apply_styles();
    Ok(parser.chart)
}

fn header(line: &str, number: usize) -> Result<Direction, DiagramError> {
    let mut words = line.split_whitespace();
    let error = |message: String| DiagramError {
        line: number,
        column: 1,
        message,
    };
    match words.next() {
        Some("graph" | "flowchart") => {}
        Some(other) => {
            return Err(error(format!(
                "`{other}` diagrams are not supported: a flowchart starts with `graph` or `flowchart`"
            )));
        }
        None => return Err(error("missing `graph` line".into())),
    }
    match words.next() {
        None => Ok(Direction::TopBottom),
        Some(word) => direction(word).ok_or_else(|| {
            error(format!(
                "unknown direction `{word}`: use TB, TD, BT, LR or RL"
            ))
        }),
    }
}

fn direction(word: &str) -> Option<Direction> {
    match word {
        "TB" | "TD" => Some(Direction::TopBottom),
        "BT" => Some(Direction::BottomTop),
        "LR" => Some(Direction::LeftRight),
        "RL" => Some(Direction::RightLeft),
        _ => None,
    }
}

/// The `;`-separated statements of a line (outside quotes), with their byte offsets.
fn statements(line: &str) -> Vec<(usize, &str)> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (index, character) in line.char_indices() {
        match character {
            '"' => quoted = !quoted,
            ';' if !quoted => {
                parts.push((start, &line[start..index]));
                start = index + 1;
            }
            _ => {}
        }
    }
    parts.push((start, &line[start..]));
    parts
}

#[derive(Default)]
struct Parser {
    chart: Flowchart,
    node_ids: HashMap<String, usize>,
    subgraph_ids: HashMap<String, usize>,
    /// Subgraphs opened and not yet ended, innermost last, with the line and column of
    /// their `subgraph` for a missing `end`.
    open: Vec<(usize, usize, usize)>,
    class_styles: HashMap<String, NodeStyle>,
    node_classes: Vec<Vec<String>>,
    node_styles: Vec<NodeStyle>,
}

impl Parser {
    fn statement(&mut self, cursor: &mut Cursor<'_>) -> Result<(), DiagramError> {
        let keyword = cursor.peek_word();
        match keyword {
            "subgraph" => {
                let column = cursor.error("").column;
                cursor.take(keyword.len());
                self.subgraph(cursor, column)
            }
            "end" if cursor.rest().trim() == "end" => {
                let at_end = cursor.error("`end` without a `subgraph` to close");
                cursor.take(keyword.len());
                self.open
                    .pop()
                    .map(drop)
                    .ok_or(at_end)
            }
            "direction" => {
                cursor.take(keyword.len());
                cursor.skip_spaces();
                let word = cursor.take_word();
                let parsed = direction(word)
                    .ok_or_else(|| cursor.error(&format!("unknown direction `{word}`: use TB, TD, BT, LR or RL")))?;
                match self.open.last() {
                    Some((subgraph, _, _)) => self.chart.subgraphs[*subgraph].direction = Some(parsed),
                    None => self.chart.direction = parsed,
                }
                Ok(())
            }
            "classDef" => {
                cursor.take(keyword.len());
                cursor.skip_spaces();
                let names = cursor.take_until_space();
                let style = parse_style(cursor.rest().trim());
                for name in names.split(',') {
                    self.class_styles.insert(name.to_owned(), style);
                }
                Ok(())
            }
            "class" => {
                cursor.take(keyword.len());
                cursor.skip_spaces();
                let ids = cursor.take_until_space().to_owned();
                cursor.skip_spaces();
                let class = cursor.take_word().to_owned();
                if ids.is_empty() || class.is_empty() {
                    return Err(cursor.error("`class` needs node ids and a class name: `class a,b name`"));
                }
                for id in ids.split(',').map(str::trim) {
                    if let Some(node) = self.styled_node(id, cursor)? {
                        self.node_classes[node].push(class.clone());
                    }
                }
                Ok(())
            }
            "style" => {
                cursor.take(keyword.len());
                cursor.skip_spaces();
                let id = cursor.take_word().to_owned();
                if let Some(node) = self.styled_node(&id, cursor)? {
                    let style = parse_style(cursor.rest().trim());
                    self.node_styles[node] = merge(self.node_styles[node], style);
                }
                Ok(())
            }
            "linkStyle" | "click" | "callback" | "accTitle" | "accDescr" => Err(cursor.error(&format!(
                "`{keyword}` is not in manabi's flowchart subset; remove it so the diagram can be drawn"
            ))),
            _ => self.chain(cursor),
        }
    }

    fn subgraph(&mut self, cursor: &mut Cursor<'_>, column: usize) -> Result<(), DiagramError> {
        cursor.skip_spaces();
        let automatic = format!("subgraph{}", self.chart.subgraphs.len() + 1);
        let (id, title) = if cursor.peek_char() == Some('"') {
            (automatic, cursor.quoted()?)
        } else {
            let start = cursor.at;
            let id = cursor.take_word().to_owned();
            if id.is_empty() {
                return Err(
                    cursor.error("`subgraph` needs an id, e.g. `subgraph NodeA[\"Node A\"]`")
                );
            }
            cursor.skip_spaces();
            if cursor.eat("[") {
                let title = if cursor.peek_char() == Some('"') {
                    cursor.quoted()?
                } else {
                    cursor.take_until(']').trim().to_owned()
                };
                if !cursor.eat("]") {
                    return Err(cursor.error("the subgraph title is not closed with `]`"));
                }
                cursor.skip_spaces();
                if !cursor.at_end() {
                    return Err(cursor.error("unexpected text after the subgraph title"));
                }
                (id, title)
            } else if cursor.at_end() {
                (id.clone(), id)
            } else {
                // `subgraph My Title`: the whole rest is the title.
                let title = cursor.text[start..].trim().to_owned();
                cursor.at = cursor.text.len();
                (title.clone(), title)
            }
        };
        if self.subgraph_ids.contains_key(&id) {
            return Err(DiagramError {
                line: cursor.line,
                column,
                message: format!("subgraph `{id}` is defined twice"),
            });
        }
        let index = self.chart.subgraphs.len();
        self.chart.subgraphs.push(Subgraph {
            id: id.clone(),
            title: single_line(&title),
            direction: None,
            parent: self.open.last().map(|(parent, _, _)| *parent),
        });
        self.subgraph_ids.insert(id, index);
        self.open.push((index, cursor.line, column));
        Ok(())
    }

    /// `A --> B & C -- label --- D`: node groups joined by edges, every pair linked.
    fn chain(&mut self, cursor: &mut Cursor<'_>) -> Result<(), DiagramError> {
        let mut previous = self.node_group(cursor)?;
        loop {
            cursor.skip_spaces();
            if cursor.at_end() {
                return Ok(());
            }
            let (stroke, head, label) = edge(cursor)?;
            cursor.skip_spaces();
            let next = self.node_group(cursor)?;
            for from in &previous {
                for to in &next {
                    self.chart.edges.push(Edge {
                        from: *from,
                        to: *to,
                        stroke,
                        head,
                        label: label.clone(),
                        line: cursor.line,
                    });
                }
            }
            previous = next;
        }
    }

    fn node_group(&mut self, cursor: &mut Cursor<'_>) -> Result<Vec<usize>, DiagramError> {
        let mut nodes = vec![self.node(cursor)?];
        loop {
            let before = cursor.at;
            cursor.skip_spaces();
            if cursor.eat("&") {
                cursor.skip_spaces();
                nodes.push(self.node(cursor)?);
            } else {
                cursor.at = before;
                return Ok(nodes);
            }
        }
    }

    fn node(&mut self, cursor: &mut Cursor<'_>) -> Result<usize, DiagramError> {
        let start = cursor.at;
        let id = cursor.take_word().to_owned();
        if id.is_empty() {
            let found = cursor
                .rest()
                .chars()
                .next()
                .map_or("the end of the line".to_owned(), |c| format!("`{c}`"));
            return Err(cursor.error(&format!("expected a node id, found {found}")));
        }
        if self.subgraph_ids.contains_key(&id) {
            cursor.at = start;
            return Err(cursor.error(&format!(
                "`{id}` is a subgraph; edges to subgraphs are not supported, link a node inside it"
            )));
        }
        let node = self.node_index(&id);
        // A node belongs to the innermost subgraph it is written in, even when an edge
        // outside named it first (as in Mermaid).
        if self.chart.nodes[node].subgraph.is_none() {
            self.chart.nodes[node].subgraph = self.open.last().map(|(subgraph, _, _)| *subgraph);
        }
        if let Some((opener, closer, shape)) = SHAPES
            .iter()
            .find(|(opener, _, _)| cursor.rest().starts_with(opener))
        {
            cursor.take(opener.len());
            let label = if cursor.peek_char() == Some('"') {
                cursor.quoted()?
            } else {
                cursor.take_until_str(closer).trim().to_owned()
            };
            if !cursor.eat(closer) {
                return Err(cursor.error(&format!(
                    "the label of `{id}` is not closed with `{closer}`"
                )));
            }
            self.chart.nodes[node].shape = *shape;
            self.chart.nodes[node].label = label_lines(&label);
        }
        if cursor.eat(":::") {
            let class = cursor.take_word().to_owned();
            if class.is_empty() {
                return Err(cursor.error("`:::` needs a class name"));
            }
            self.node_classes[node].push(class);
        }
        Ok(node)
    }

    /// The node a `class` or `style` statement names; `None` for a subgraph (its style
    /// is not drawn), an error for an empty id.
    fn styled_node(
        &mut self,
        id: &str,
        cursor: &Cursor<'_>,
    ) -> Result<Option<usize>, DiagramError> {
        if id.is_empty() {
            return Err(cursor.error("expected a node id"));
        }
        if self.subgraph_ids.contains_key(id) {
            return Ok(None);
        }
        Ok(Some(self.node_index(id)))
    }

    /// The node with this id, created (outside every subgraph until it is written in
    /// one) if new.
    fn node_index(&mut self, id: &str) -> usize {
        if let Some(index) = self.node_ids.get(id) {
            return *index;
        }
        let index = self.chart.nodes.len();
        self.chart.nodes.push(Node {
            id: id.to_owned(),
            label: vec![id.to_owned()],
            shape: Shape::Rectangle,
            style: NodeStyle::default(),
            subgraph: None,
        });
        self.node_ids.insert(id.to_owned(), index);
        self.node_classes.push(Vec::new());
        self.node_styles.push(NodeStyle::default());
        index
    }

    /// Class styles in order (the `default` class for nodes without one), then `style`.
    fn apply_styles(&mut self) {
        for (index, node) in self.chart.nodes.iter_mut().enumerate() {
            let classes = &self.node_classes[index];
            let mut style = NodeStyle::default();
            if classes.is_empty() {
                if let Some(default) = self.class_styles.get("default") {
                    style = *default;
                }
            }
            for class in classes {
                if let Some(class_style) = self.class_styles.get(class) {
                    style = merge(style, *class_style);
                }
            }
            node.style = merge(style, self.node_styles[index]);
        }
    }
}

/// `-->`, `---`, `==>`, `===`, `-.->`, `-.-`, `--o`, `--x`, with `-- text -->` or
/// `-->|text|` labels.
fn edge(cursor: &mut Cursor<'_>) -> Result<(Stroke, Head, Option<String>), DiagramError> {
    let run = cursor.peek_run();
    if let Some((_, closers)) = LABEL_CLOSERS.iter().find(|(opener, _)| *opener == run) {
        if let Some((label, length)) = inline_label(&cursor.rest()[run.len()..], closers) {
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
fn single_line(text: &str) -> String {
    label_lines(text).join(" ")
}

/// A label's lines: `<br/>`, `<br>` and `<br />` break it.
fn label_lines(label: &str) -> Vec<String> {
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

/// `fill:#0f3460,stroke:#4a90d9,color:#fff,stroke-width:2px`: colours we can show.
fn parse_style(text: &str) -> NodeStyle {
    let mut style = NodeStyle::default();
    for property in text.split(',') {
        let Some((name, value)) = property.split_once(':') else {
            continue;
        };
        let colour = hex_colour(value.trim());
        match name.trim() {
            "fill" => style.fill = colour,
            "stroke" => style.stroke = colour,
            "color" => style.text = colour,
            _ => {}
        }
    }
    style
}

fn hex_colour(value: &str) -> Option<(u8, u8, u8)> {
    let hex = value.strip_prefix('#')?;
    let channel = |text: &str| u8::from_str_radix(text, 16).ok();
    match hex.len() {
        3 => {
            let mut digits = hex.chars().map(|c| channel(&c.to_string().repeat(2)));
            Some((digits.next()??, digits.next()??, digits.next()??))
        }
        6 => Some((
            channel(hex.get(0..2)?)?,
            channel(hex.get(2..4)?)?,
            channel(hex.get(4..6)?)?,
        )),
        _ => None,
    }
}

fn merge(base: NodeStyle, over: NodeStyle) -> NodeStyle {
    NodeStyle {
        fill: over.fill.or(base.fill),
        stroke: over.stroke.or(base.stroke),
        text: over.text.or(base.text),
    }
}

/// A position in one statement.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    /// Column of the statement's first character in the source line.
    column: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn at_end(&self) -> bool {
        self.at >= self.text.len()
    }

    fn peek_char(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn take(&mut self, bytes: usize) -> &'a str {
        let end = (self.at + bytes).min(self.text.len());
        let taken = &self.text[self.at..end];
        self.at = end;
        taken
    }

    fn eat(&mut self, expected: &str) -> bool {
        if self.rest().starts_with(expected) {
            self.at += expected.len();
            true
        } else {
            false
        }
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start().len();
    }

    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> &'a str {
        let rest = self.rest();
        let length = rest.find(|c: char| !keep(c)).unwrap_or(rest.len());
        self.take(length)
    }

    /// A node or class id: letters and digits of any script, `_`, and `-` or `.` inside.
    fn take_word(&mut self) -> &'a str {
        let rest = self.rest();
        let mut length = 0;
        for (index, character) in rest.char_indices() {
            let inner = matches!(character, '-' | '.')
                && rest[index + 1..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                && length > 0;
            if character.is_alphanumeric() || character == '_' || inner {
                length = index + character.len_utf8();
            } else {
                break;
            }
        }
        self.take(length)
    }

    /// The id at the cursor without moving (so `style_db` is an id, not `style`).
    fn peek_word(&self) -> &'a str {
        let mut ahead = Cursor {
            at: self.at,
            ..*self
        };
        ahead.take_word()
    }

    fn take_until_space(&mut self) -> &'a str {
        self.take_while(|c| !c.is_whitespace())
    }

    fn take_until(&mut self, end: char) -> &'a str {
        self.take_while(|c| c != end)
    }

    fn take_until_str(&mut self, end: &str) -> &'a str {
        let length = self.rest().find(end).unwrap_or(self.rest().len());
        self.take(length)
    }

    /// The run of edge characters at the cursor.
    fn peek_run(&self) -> &'a str {
        let rest = self.rest();
        &rest[..rest
            .find(|c: char| !matches!(c, '-' | '=' | '.'))
            .unwrap_or(rest.len())]
    }

    /// A `"…"` string; the cursor is on the opening quote.
    fn quoted(&mut self) -> Result<String, DiagramError> {
        self.take(1);
        let text = self.take_until('"').to_owned();
        if !self.eat("\"") {
            return Err(self.error("a quoted label is not closed with `\"`"));
        }
        Ok(text)
    }

    fn error(&self, message: &str) -> DiagramError {
        DiagramError {
            line: self.line,
            column: self.column + self.text[..self.at].chars().count(),
            message: message.to_owned(),
        }
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
