//! Mermaid flowchart source → `Flowchart`. Line by line, each statement read with a small
//! cursor; anything outside the supported subset is an error naming line and column.

use std::collections::HashMap;

use super::cursor::Cursor;
use super::edge::single_line;
use super::{DiagramError, Direction, Flowchart, Node, NodeStyle, Shape, Subgraph};

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

/// What the statements read so far have built, and what later statements need to find
/// by name or to style.
#[derive(Default)]
pub(super) struct Parser {
    pub(super) chart: Flowchart,
    node_ids: HashMap<String, usize>,
    pub(super) subgraph_ids: HashMap<String, usize>,
    /// Subgraphs opened and not yet ended, innermost last, with the line and column of
    /// their `subgraph` for a missing `end`.
    pub(super) open: Vec<(usize, usize, usize)>,
    pub(super) class_styles: HashMap<String, NodeStyle>,
    pub(super) node_classes: Vec<Vec<String>>,
    pub(super) node_styles: Vec<NodeStyle>,
}

impl Parser {
    /// One statement, told by its first word; a word that is no keyword is a node id,
    /// starting a chain.
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
                self.open.pop().map(drop).ok_or(at_end)
            }
            "direction" => {
                cursor.take(keyword.len());
                self.set_direction(cursor)
            }
            "classDef" => {
                cursor.take(keyword.len());
                self.class_def(cursor);
                Ok(())
            }
            "class" => {
                cursor.take(keyword.len());
                self.class(cursor)
            }
            "style" => {
                cursor.take(keyword.len());
                self.style(cursor)
            }
            "linkStyle" | "click" | "callback" | "accTitle" | "accDescr" => Err(cursor.error(&format!(
                "`{keyword}` is not in manabi's flowchart subset; remove it so the diagram can be drawn"
            ))),
            _ => self.chain(cursor),
        }
    }

    /// `direction LR`: inside a subgraph, its own; outside every subgraph, the chart's.
    fn set_direction(&mut self, cursor: &mut Cursor<'_>) -> Result<(), DiagramError> {
        cursor.skip_spaces();
        let word = cursor.take_word();
        let parsed = direction(word).ok_or_else(|| {
            cursor.error(&format!(
                "unknown direction `{word}`: use TB, TD, BT, LR or RL"
            ))
        })?;
        match self.open.last() {
            Some((subgraph, _, _)) => self.chart.subgraphs[*subgraph].direction = Some(parsed),
            None => self.chart.direction = parsed,
        }
        Ok(())
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

    /// The node with this id, created (outside every subgraph until it is written in
    /// one) if new.
    pub(super) fn node_index(&mut self, id: &str) -> usize {
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
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
