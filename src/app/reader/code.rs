//! Code blocks on the reading screen: which one `y`, `s`, `h` and `l` act on, how far
//! each scrolls sideways, and copying or saving it.

use serde::Deserialize;

use super::Reader;
use super::update::offset;
use crate::app::{Effect, Outcome};
use crate::layout::LaidOutCode;
use crate::strings::Texts;

/// Columns a code block moves per `h`/`l`.
const CODE_STEP: isize = 4;

impl Reader {
    /// How far a code block can scroll sideways: its widest line past the pane's edge.
    #[must_use]
    pub fn code_scroll_limit(&self, block: usize) -> usize {
        let Some(code) = self.layout.code_blocks.get(block) else {
            return 0;
        };
        let text_column = self.layout.lines[code.lines.clone()]
            .iter()
            .find_map(|laid| laid.code.and_then(|line| line.text_column))
            .unwrap_or(0);
        let pane = usize::from(self.width.saturating_sub(self.contents_width())).saturating_sub(1);
        (text_column + code.width).saturating_sub(pane)
    }

    /// The diagram drawn at a screen cell of the text pane, if any (a click opens it).
    #[must_use]
    pub fn diagram_at(&self, column: u16, row: u16) -> Option<usize> {
        if column < self.contents_width() || usize::from(row) >= self.page_height() {
            return None;
        }
        let block = self
            .layout
            .lines
            .get(self.top + usize::from(row))?
            .code?
            .block;
        (self.layout.code_blocks.get(block)?.language == "mermaid").then_some(block)
    }

    /// The code block `y`, `s`, `h` and `l` act on: the first one with a line of code
    /// on screen (a block showing only its closing frame does not count).
    #[must_use]
    pub fn marked_code_block(&self) -> Option<usize> {
        self.code_block_on_screen(|_| Some(()))
            .map(|(block, ())| block)
    }

    /// The code block `y` and `s` act on among those `pick` takes (with what it made of
    /// it): the first whose lines are all on screen, else the first with a line of code
    /// on screen (a block taller than the screen). A diagram half off the top does not
    /// hide the manifest below.
    pub fn code_block_on_screen<T>(
        &self,
        pick: impl Fn(&LaidOutCode) -> Option<T>,
    ) -> Option<(usize, T)> {
        let end = (self.top + self.page_height()).min(self.layout.lines.len());
        let mut shown: Vec<usize> = Vec::new();
        for laid in self.layout.lines.get(self.top..end)? {
            if let Some(line) = laid.code.filter(|line| line.text_column.is_some())
                && shown.last() != Some(&line.block)
            {
                shown.push(line.block);
            }
        }
        let mut picked: Vec<(usize, T)> = shown
            .into_iter()
            .filter_map(|block| Some((block, pick(self.layout.code_blocks.get(block)?)?)))
            .collect();
        let whole = picked.iter().position(|(block, _)| {
            let lines = &self.layout.code_blocks[*block].lines;
            lines.start >= self.top && lines.end <= end
        });
        match whole {
            Some(index) => Some(picked.swap_remove(index)),
            None if picked.is_empty() => None,
            None => Some(picked.swap_remove(0)),
        }
    }

    pub(super) fn scroll_code(&mut self, block: usize, step: isize) {
        let limit = self.code_scroll_limit(block);
        let step = step.saturating_mul(CODE_STEP);
        if let Some(current) = self.code_offsets.get_mut(block) {
            *current = offset(*current, step).min(limit);
        }
    }

    pub(super) fn copy_code(&self, texts: &Texts) -> Outcome {
        let Some(block) = self.marked_code_block() else {
            return Outcome::notice(texts.not_code);
        };
        let source = &self.layout.code_blocks[block].source;
        Outcome {
            effect: Effect::Copy(source.join("\n")),
            notice: Some(texts.copied_lines(source.len())),
        }
    }

    pub(super) fn save_code(&self, texts: &Texts) -> Outcome {
        let named = |code: &LaidOutCode| {
            let contents = code.source.join("\n") + "\n";
            manifest_name(&code.language, &contents).map(|name| (name, contents))
        };
        if let Some((_, (name, contents))) = self.code_block_on_screen(named) {
            return Outcome::effect(Effect::Save { name, contents });
        }
        Outcome::notice(if self.marked_code_block().is_some() {
            texts.no_name
        } else {
            texts.not_code
        })
    }
}

/// `metadata.name` of the first document of a YAML block, made safe as a file name.
fn manifest_name(language: &str, contents: &str) -> Option<String> {
    if !matches!(language, "yaml" | "yml") {
        return None;
    }
    let document = serde_yaml::Deserializer::from_str(contents).next()?;
    let value = serde_yaml::Value::deserialize(document).ok()?;
    let name = value.get("metadata")?.get("name")?.as_str()?;
    let safe: String = name
        .chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || matches!(character, '-' | '_' | '.') {
                character
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_start_matches('.');
    (!safe.is_empty()).then(|| safe.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_names_come_from_metadata_and_stay_in_the_folder() {
        assert_eq!(
            manifest_name("yaml", "kind: Service\nmetadata:\n  name: api-server\n"),
            Some("api-server".into())
        );
        assert_eq!(
            manifest_name("yaml", "metadata:\n  name: ../../etc/passwd\n"),
            Some("-..-etc-passwd".into())
        );
        assert_eq!(
            manifest_name(
                "yaml",
                "# c\nmetadata:\n  name: a\n---\nmetadata:\n  name: b\n"
            ),
            Some("a".into())
        );
        assert_eq!(manifest_name("yaml", "kind: Service\n"), None);
        assert_eq!(manifest_name("text", "metadata:\n  name: a\n"), None);
        assert_eq!(manifest_name("yaml", "metadata:\n  name: ...\n"), None);
    }
}
