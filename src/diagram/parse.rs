//! Mermaid flowchart source → `Flowchart`. Line by line, each statement read with a small
//! cursor; anything outside the supported subset is an error naming line and column.

use std::collections::HashMap;

use super::cursor::Cursor;
use super::edge::{edge, label_lines, single_line};
use super::style::{merge, parse_style};
use super::{DiagramError, Direction, Edge, Flowchart, Node, NodeStyle, Shape, Subgraph};

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

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
