//! GFM tables: the head row, body rows and column alignments.

use pulldown_cmark::{Event, Tag};

use super::TreeBuilder;
use crate::course::{Alignment, Inline, Table};

impl TreeBuilder<'_> {
    pub(super) fn table(&mut self, alignments: &[pulldown_cmark::Alignment]) -> Table {
        let mut table = Table {
            alignments: alignments
                .iter()
                .map(|alignment| convert_alignment(*alignment))
                .collect(),
            header: Vec::new(),
            rows: Vec::new(),
        };
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::TableHead) => table.header = self.table_cells(),
                Event::Start(Tag::TableRow) => {
                    let row = self.table_cells();
                    table.rows.push(row);
                }
                Event::End(_) => break,
                _ => {}
            }
        }
        table
    }

    fn table_cells(&mut self) -> Vec<Vec<Inline>> {
        let mut cells = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::TableCell) => cells.push(self.inlines()),
                Event::End(_) => break,
                _ => {}
            }
        }
        cells
    }
}

fn convert_alignment(alignment: pulldown_cmark::Alignment) -> Alignment {
    match alignment {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}
