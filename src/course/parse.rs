//! A lesson file → `Lesson`: the front matter through the strict schema, the body through
//! one pass over pulldown-cmark's events into our block tree.

use std::collections::HashMap;
use std::iter::Peekable;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, OffsetIter, Options, Parser, Tag};

use super::inert::{make_code_line_inert, make_inert};
use super::schema::{FRONT_MATTER_KEYS, FrontMatter, parse_strict};
use super::{
    Alignment, Block, ChecklistItem, CodeBlock, Inline, Lesson, LessonMeta, List, ListItem,
    Problem, Section, Table, Task, plain_text,
};

/// Parses a lesson file; `file` names it in problems.
pub fn parse_lesson(text: &str, file: &str) -> Result<Lesson, Problem> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (front_matter, body, body_line) = split_front_matter(text, file)?;
    let front: FrontMatter = parse_strict(front_matter, file, 2, FRONT_MATTER_KEYS)?;
    let meta = validate_front_matter(front, front_matter, file)?;
    let mut builder = TreeBuilder::new(body, body_line);
    let blocks = builder.blocks(true);
    Ok(Lesson {
        meta,
        blocks,
        sections: builder.sections,
        checklist: builder.checklist,
    })
}

/// Splits `---` front matter from the body; returns (front matter, body, body's first line).
fn split_front_matter<'t>(text: &'t str, file: &str) -> Result<(&'t str, &'t str, usize), Problem> {
    let mut lines = text.split_inclusive('\n');
    if lines.next().map(str::trim_end) != Some("---") {
        return Err(Problem::at(
            file,
            1,
            1,
            "a lesson must start with front matter: a `---` line, `id:`, `title:`, `minutes:`, and a closing `---`",
        ));
    }
    let mut offset = text.find('\n').map_or(text.len(), |end| end + 1);
    let front_start = offset;
    for (index, line) in lines.enumerate() {
        if matches!(line.trim_end(), "---" | "...") {
            let body_start = offset + line.len();
            return Ok((&text[front_start..offset], &text[body_start..], index + 3));
        }
        offset += line.len();
    }
    Err(Problem::at(
        file,
        1,
        1,
        "the front matter has no closing `---` line",
    ))
}

fn validate_front_matter(
    front: FrontMatter,
    text: &str,
    file: &str,
) -> Result<LessonMeta, Problem> {
    let line_of = |key: &str| {
        text.lines()
            .position(|line| line.starts_with(&format!("{key}:")))
            .map_or(2, |index| index + 2)
    };
    if front.id.trim().is_empty() {
        return Err(Problem::at(
            file,
            line_of("id"),
            1,
            "`id` must not be empty",
        ));
    }
    if front.title.trim().is_empty() {
        return Err(Problem::at(
            file,
            line_of("title"),
            1,
            "`title` must not be empty",
        ));
    }
    if front.minutes == 0 {
        return Err(Problem::at(
            file,
            line_of("minutes"),
            1,
            "`minutes` is the estimated study time and must be at least 1",
        ));
    }
    Ok(LessonMeta {
        id: front.id,
        title: make_inert(&front.title).into_owned(),
        minutes: front.minutes,
        next: front.next.map(|next| make_inert(&next).into_owned()),
    })
}

/// Walks the event stream once, building blocks and collecting sections and checklist.
struct TreeBuilder<'a> {
    events: Peekable<OffsetIter<'a>>,
    line_starts: Vec<usize>,
    first_line: usize,
    sections: Vec<Section>,
    checklist: Vec<ChecklistItem>,
    anchor_counts: HashMap<String, usize>,
}

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
            anchor_counts: HashMap::new(),
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.first_line + self.line_starts.partition_point(|start| *start <= offset) - 1
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
            Tag::BlockQuote(_) => Some(Block::Quote(self.blocks(false))),
            Tag::CodeBlock(kind) => Some(self.code_block(&kind, &range)),
            Tag::List(start) => Some(Block::List(self.list(start))),
            Tag::Table(alignments) => Some(Block::Table(self.table(&alignments))),
            Tag::HtmlBlock => self.html_block(),
            _ => {
                self.blocks(false);
                None
            }
        }
    }

    fn heading(&mut self, level: u8, top_level: bool) -> Block {
        let content = self.inlines();
        if !top_level {
            return Block::Paragraph(vec![Inline::Strong(content)]);
        }
        let title = plain_text(&content);
        let anchor = self.unique_anchor(&title);
        self.sections.push(Section {
            level,
            title,
            anchor,
            // Set by the caller once the heading block has its index.
            block: 0,
        });
        Block::Heading {
            level,
            content,
            section: self.sections.len() - 1,
        }
    }

    fn unique_anchor(&mut self, title: &str) -> String {
        let base = slug(title);
        let count = self.anchor_counts.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }

    fn code_block(&mut self, kind: &CodeBlockKind<'_>, range: &Range<usize>) -> Block {
        let (language, source_line) = match kind {
            CodeBlockKind::Fenced(info) => {
                let language = info.split_whitespace().next().unwrap_or("");
                (language.to_lowercase(), self.line_of(range.start) + 1)
            }
            CodeBlockKind::Indented => (String::new(), self.line_of(range.start)),
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
        let task = if let Some((Event::TaskListMarker(checked), _)) = self.events.peek() {
            let checked = *checked;
            self.events.next();
            let number = self.checklist.len() + 1;
            self.checklist.push(ChecklistItem {
                number,
                text: String::new(),
            });
            Some(Task { checked, number })
        } else {
            None
        };
        let blocks = self.blocks(false);
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

    fn table(&mut self, alignments: &[pulldown_cmark::Alignment]) -> Table {
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

    /// HTML comments are hidden (they carry speaker notes); other HTML shows as text.
    fn html_block(&mut self) -> Option<Block> {
        let mut html = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Html(part) | Event::Text(part) => html.push_str(&part),
                Event::End(_) => break,
                _ => {}
            }
        }
        let html = html.trim();
        if html.is_empty() || is_html_comment(html) {
            return None;
        }
        Some(Block::Paragraph(vec![Inline::Text(
            make_inert(html).into_owned(),
        )]))
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
            Event::InlineHtml(html) | Event::Html(html) if !is_html_comment(&html) => {
                push_text(out, &make_inert(&html));
            }
            Event::SoftBreak => out.push(Inline::SoftBreak),
            Event::HardBreak => out.push(Inline::HardBreak),
            Event::Start(Tag::Emphasis) => out.push(Inline::Emphasis(self.inlines())),
            Event::Start(Tag::Strong) => out.push(Inline::Strong(self.inlines())),
            Event::Start(Tag::Strikethrough) => out.push(Inline::Strikethrough(self.inlines())),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.push(Inline::Link {
                    url: make_inert(&dest_url).into_owned(),
                    content: self.inlines(),
                });
            }
            Event::Start(_) => out.extend(self.inlines()),
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
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::MetadataBlock(_)
    )
}

fn is_html_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--") && html.ends_with("-->")
}

fn convert_alignment(alignment: pulldown_cmark::Alignment) -> Alignment {
    match alignment {
        pulldown_cmark::Alignment::None => Alignment::None,
        pulldown_cmark::Alignment::Left => Alignment::Left,
        pulldown_cmark::Alignment::Center => Alignment::Center,
        pulldown_cmark::Alignment::Right => Alignment::Right,
    }
}

/// A heading's anchor: lower-case, letters and digits of any script kept, spaces and
/// hyphens as `-`, other punctuation dropped (as GitHub does).
fn slug(title: &str) -> String {
    let mut slug = String::with_capacity(title.len());
    for character in title.trim().chars() {
        if character.is_alphanumeric() || character == '_' {
            slug.extend(character.to_lowercase());
        } else if character == ' ' || character == '-' {
            slug.push('-');
        }
    }
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
