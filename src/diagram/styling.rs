//! Styling statements, `classDef`, `class`, `style` (and `:::` on a node, read with the
//! node): gathered while parsing and applied once the whole chart is read, since a class
//! may be defined after the nodes that use it.

use super::cursor::Cursor;
use super::parse::Parser;
use super::style::{merge, parse_style};
use super::{DiagramError, NodeStyle};

impl Parser {
    /// `classDef a,b fill:#…`: the colours of one or more classes.
    pub(super) fn class_def(&mut self, cursor: &mut Cursor<'_>) {
        cursor.skip_spaces();
        let names = cursor.take_until_space();
        let style = parse_style(cursor.rest().trim());
        for name in names.split(',') {
            self.class_styles.insert(name.to_owned(), style);
        }
    }

    /// `class a,b name`: nodes join a class.
    pub(super) fn class(&mut self, cursor: &mut Cursor<'_>) -> Result<(), DiagramError> {
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

    /// `style a fill:#…`: one node's own colours, over its classes'.
    pub(super) fn style(&mut self, cursor: &mut Cursor<'_>) -> Result<(), DiagramError> {
        cursor.skip_spaces();
        let id = cursor.take_word().to_owned();
        if let Some(node) = self.styled_node(&id, cursor)? {
            let style = parse_style(cursor.rest().trim());
            self.node_styles[node] = merge(self.node_styles[node], style);
        }
        Ok(())
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

    /// Class styles in order (the `default` class for nodes without one), then `style`.
    pub(super) fn apply_styles(&mut self) {
        for (index, node) in self.chart.nodes.iter_mut().enumerate() {
            let classes = &self.node_classes[index];
            let mut style = NodeStyle::default();
            if classes.is_empty()
                && let Some(default) = self.class_styles.get("default")
            {
                style = *default;
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
