//! A lesson file → `Lesson`: the front matter through the strict schema, the body through
//! one pass over pulldown-cmark's events into our block tree.

use std::collections::HashSet;
use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, OffsetIter, Options, Parser, Tag};

use super::front_matter::{parse_front_matter, split_front_matter};
use super::inert::{make_code_line_inert, make_inert};
use super::{
    Block, ChecklistItem, CodeBlock, Inline, Lesson, List, ListItem, Problem, Section, Task,
    plain_text,
};

/// Parses a lesson file; `file` names it in problems.
pub fn parse_lesson(text: &str, file: &str) -> Result<Lesson, Problem> {
    let split = split_front_matter(text, file)?;
    let meta = parse_front_matter(split.front_matter, file)?;
    let body = parse_body(split.body, split.body_line);
    Ok(Lesson {
        meta,
        blocks: body.blocks,
        sections: body.sections,
        checklist: body.checklist,
    })
}

/// A lesson body's block tree and what is derived from it.
pub struct Body {
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub checklist: Vec<ChecklistItem>,
}

/// Parses a lesson body; `first_line` is its first line in the lesson file.
#[must_use]
pub fn parse_body(body: &str, first_line: usize) -> Body {
    let mut builder = TreeBuilder::new(body, first_line);
    let blocks = builder.blocks(true);
    Body {
        blocks,
        sections: builder.sections,
        checklist: builder.checklist,
    }
}

/// Walks the event stream once, building blocks and collecting sections and checklist.
struct TreeBuilder<'a> {
    events: Peekable<OffsetIter<'a>>,
    line_starts: Vec<usize>,
    first_line: usize,
    sections: Vec<Section>,
    checklist: Vec<ChecklistItem>,
    anchors: HashSet<String>,
    /// The task marker of the list item being read, if it has one.
    item_task: Option<Task>,
    /// Containers open around the current event.
    depth: usize,
}

/// Containers nested deeper than this are read as plain text, so a hostile file cannot
/// exhaust the stack of the recursive builder (or of layout after it).
const MAX_NESTING: usize = 48;

impl<'a> TreeBuilder<'a> {
    fn new(body: &'a str, first_line: usize) -> Self {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
        let line_starts = std::iter::once(0)
            .chain(body.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        Self {
            events: Parser::new_ext(body, options).into_offset_iter().peekable(),
            line_starts,
            first_line,
            sections: Vec::new(),
            checklist: Vec::new(),
            anchors: HashSet::new(),
            item_task: None,
            depth: 0,
        }
    }

    /// 1-based line and column of a byte offset of the body.
    fn position_of(&self, offset: usize) -> (usize, usize) {
        let index = self.line_starts.partition_point(|start| *start <= offset) - 1;
        (
            self.first_line + index,
            offset - self.line_starts[index] + 1,
        )
    }

    /// Reads a container one level deeper, or as plain text past `MAX_NESTING`.
    fn nested<T>(
        &mut self,
        read: impl FnOnce(&mut Self) -> T,
        flat: impl FnOnce(String) -> T,
    ) -> T {
        if self.depth >= MAX_NESTING {
            return flat(self.flattened_text());
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    /// The text of the rest of the current container, read without recursion.
    fn flattened_text(&mut self) -> String {
        let mut depth = 1;
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Start(_) => depth += 1,
                Event::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    if !text.ends_with(' ') {
                        text.push(' ');
                    }
                }
                Event::Text(part) | Event::Code(part) => text.push_str(&part),
                Event::SoftBreak | Event::HardBreak => text.push(' '),
                _ => {}
            }
        }
        make_inert(text.trim()).into_owned()
    }

    /// Blocks until the enclosing container's end event (consumed) or the stream's end.
    /// Loose inline events (tight list items have no paragraph) form a paragraph.
    fn blocks(&mut self, top_level: bool) -> Vec<Block> {
        let mut blocks = Vec::new();
        let mut loose = Vec::new();
        while let Some((event, range)) = self.events.next() {
            match event {
                Event::End(_) => break,
                Event::Start(tag) if is_block_tag(&tag) => {
                    flush_paragraph(&mut loose, &mut blocks);
                    if let Some(block) = self.block(tag, range, top_level) {
                        if let Block::Heading { section, .. } = block {
                            self.sections[section].block = blocks.len();
                        }
                        blocks.push(block);
                    }
                }
                Event::Rule => {
                    flush_paragraph(&mut loose, &mut blocks);
                    blocks.push(Block::Rule);
                }
                other => self.inline(other, &mut loose),
            }
        }
        flush_paragraph(&mut loose, &mut blocks);
        blocks
    }

    fn block(&mut self, tag: Tag<'a>, range: Range<usize>, top_level: bool) -> Option<Block> {
        match tag {
            Tag::Paragraph => Some(Block::Paragraph(self.inlines())),
            Tag::Heading { level, .. } => Some(self.heading(level as u8, top_level)),
            Tag::BlockQuote(_) => Some(self.nested(
                |builder| Block::Quote(builder.blocks(false)),
                |text| Block::Paragraph(vec![Inline::Text(text)]),
            )),
            Tag::CodeBlock(kind) => Some(self.code_block(&kind, &range)),
            Tag::List(start) => Some(self.nested(
                |builder| Block::List(builder.list(start)),
                |text| Block::Paragraph(vec![Inline::Text(text)]),
            )),
            Tag::Table(alignments) => Some(Block::Table(self.table(&alignments))),
            Tag::HtmlBlock => self.html_block(),
            _ => {
                self.blocks(false);
                None
            }
        }
    }

    fn code_block(&mut self, kind: &CodeBlockKind<'_>, range: &Range<usize>) -> Block {
        let (line, column) = self.position_of(range.start);
        let (language, source_line) = match kind {
            CodeBlockKind::Fenced(info) => {
                let language = info.split_whitespace().next().unwrap_or("");
                (language.to_lowercase(), line + 1)
            }
            CodeBlockKind::Indented => (String::new(), line),
        };
        let mut text = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Text(part) => text.push_str(&part),
                Event::End(_) => break,
                _ => {}
            }
        }
        let lines = text.lines().map(make_code_line_inert).collect();
        let code = CodeBlock {
            language: make_inert(&language).into_owned(),
            lines,
            source_line,
            source_column: column,
        };
        if code.language == "mermaid" {
            Block::Diagram(code)
        } else {
            Block::Code(code)
        }
    }

    fn list(&mut self, start: Option<u64>) -> List {
        let mut items = Vec::new();
        while let Some((event, _)) = self.events.next() {
            match event {
                Event::Start(Tag::Item) => items.push(self.list_item()),
                Event::End(_) => break,
                _ => {}
            }
        }
        List { start, items }
    }

    fn list_item(&mut self) -> ListItem {
        // The marker comes first in a tight item, inside the first paragraph in a loose
        // one; `inline` records it either way. Nested items save and restore ours.
        let enclosing = self.item_task.take();
        let blocks = self.blocks(false);
        let task = std::mem::replace(&mut self.item_task, enclosing);
        if let Some(task) = task {
            let text = blocks
                .iter()
                .find_map(|block| match block {
                    Block::Paragraph(content) => Some(plain_text(content)),
                    _ => None,
                })
                .unwrap_or_default();
            self.checklist[task.number - 1].text = text;
        }
        ListItem { task, blocks }
    }

    /// Inlines until the enclosing end event (consumed).
    fn inlines(&mut self) -> Vec<Inline> {
        let mut inlines = Vec::new();
        while let Some((event, _)) = self.events.next() {
            if let Event::End(_) = event {
                break;
            }
            self.inline(event, &mut inlines);
        }
        inlines
    }

    fn inline(&mut self, event: Event<'a>, out: &mut Vec<Inline>) {
        match event {
            Event::Text(text) => push_text(out, &make_inert(&text)),
            Event::Code(code) => out.push(Inline::Code(make_inert(&code).into_owned())),
            Event::InlineHtml(html) | Event::Html(html) => {
                push_text(out, &make_inert(&html::strip_html_comments(&html)));
            }
            Event::TaskListMarker(checked) => {
                let number = self.checklist.len() + 1;
                self.checklist.push(ChecklistItem {
                    number,
                    text: String::new(),
                });
                self.item_task = Some(Task { checked, number });
            }
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::Start(tag) => {
                let children = self.nested(Self::inlines, |text| vec![Inline::Text(text)]);
                match tag {
                    Tag::Emphasis => out.push(Inline::Emphasis(children)),
                    Tag::Strong => out.push(Inline::Strong(children)),
                    Tag::Strikethrough => out.push(Inline::Strikethrough(children)),
                    Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                        out.push(Inline::Link {
                            url: make_inert(&dest_url).into_owned(),
                            content: children,
                        });
                    }
                    _ => out.extend(children),
                }
            }
            _ => {}
        }
    }
}

/// Adjacent text events (pulldown-cmark splits at some punctuation) become one.
fn push_text(out: &mut Vec<Inline>, text: &str) {
    if let Some(Inline::Text(previous)) = out.last_mut() {
        previous.push_str(text);
    } else {
        out.push(Inline::Text(text.to_owned()));
    }
}

fn flush_paragraph(loose: &mut Vec<Inline>, blocks: &mut Vec<Block>) {
    if !loose.is_empty() {
        blocks.push(Block::Paragraph(std::mem::take(loose)));
    }
}

fn is_block_tag(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Table(_)
    )
}

mod html;
mod section;
mod table;

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
