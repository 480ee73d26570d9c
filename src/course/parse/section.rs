//! Top-level headings make the lesson's sections: each gets an anchor no other heading
//! has, so links, the contents pane and saved reading positions can name it.

use super::TreeBuilder;
use crate::course::{Block, Inline, Section, plain_text};

impl TreeBuilder<'_> {
    pub(super) fn heading(&mut self, level: u8, top_level: bool) -> Block {
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
            notes: Vec::new(),
        });
        Block::Heading {
            level,
            content,
            section: self.sections.len() - 1,
        }
    }

    /// The title's slug, with `-1`, `-2` … appended until no earlier heading has it.
    fn unique_anchor(&mut self, title: &str) -> String {
        let base = slug(title);
        let mut anchor = base.clone();
        let mut suffix = 0;
        while self.anchors.contains(&anchor) {
            suffix += 1;
            anchor = format!("{base}-{suffix}");
        }
        self.anchors.insert(anchor.clone());
        anchor
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
