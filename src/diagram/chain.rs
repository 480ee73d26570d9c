//! Statements that link nodes, `A --> B & C`, and the nodes they name: a node is made
//! the first time any statement names it, so its shape and label may come with any
//! mention, and its subgraph is the first one it is written in.

use super::cursor::Cursor;
use super::edge::{edge, label_lines};
use super::parse::Parser;
use super::{DiagramError, Edge, Shape};

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

impl Parser {
    /// `A --> B & C -- label --- D`: node groups joined by edges, every pair linked.
    pub(super) fn chain(&mut self, cursor: &mut Cursor<'_>) -> Result<(), DiagramError> {
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
}
