//! HTML in a lesson: comments are hidden because they carry the speaker notes of
//! workshop mode; any other HTML shows as inert text, never interpreted.

use pulldown_cmark::Event;

use super::TreeBuilder;
use crate::course::{Block, Inline, make_inert};

impl TreeBuilder<'_> {
    /// `<!-- notes: … -->` comments go to the section they are in (none before the
    /// first heading), their text made inert and trimmed line by line.
    fn take_notes(&mut self, html: &str) {
        let mut rest = html;
        while let Some(start) = rest.find("<!--") {
            let body = &rest[start + 4..];
            let (comment, after) = body
                .find("-->")
                .map_or((body, ""), |end| (&body[..end], &body[end + 3..]));
            rest = after;
            let Some(text) = comment.trim_start().strip_prefix("notes:") else {
                continue;
            };
            let lines: Vec<String> = text
                .lines()
                .map(|line| make_inert(line.trim()).into_owned())
                .collect();
            let text = lines.join("\n").trim().to_owned();
            if let (Some(section), false) = (self.sections.last_mut(), text.is_empty()) {
                section.notes.push(text);
            }
        }
    }

    /// HTML comments are hidden (they carry speaker notes); other HTML shows as text,
    /// line for line.
    pub(super) fn html_block(&mut self) -> Option<Block> {
        let mut html = String::new();
        for (event, _) in self.events.by_ref() {
            match event {
                Event::Html(part) | Event::Text(part) => html.push_str(&part),
                Event::End(_) => break,
                _ => {}
            }
        }
        self.take_notes(&html);
        let visible = strip_html_comments(&html);
        let mut content = Vec::new();
        for line in visible
            .lines()
            .map(str::trim_end)
            .filter(|line| !line.trim().is_empty())
        {
            if !content.is_empty() {
                content.push(Inline::HardBreak);
            }
            content.push(Inline::Text(make_inert(line).into_owned()));
        }
        (!content.is_empty()).then_some(Block::Paragraph(content))
    }
}

/// HTML without its `<!-- … -->` comments; an unclosed comment runs to the end.
pub(super) fn strip_html_comments(html: &str) -> String {
    let mut visible = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        visible.push_str(&rest[..start]);
        rest = rest[start + 4..]
            .find("-->")
            .map_or("", |end| &rest[start + 4 + end + 3..]);
    }
    visible.push_str(rest);
    visible
}
