//! The course as plain data: lessons, their sections and blocks. Knows nothing of
//! quizzes, diagrams, layout or terminals; `load` builds it from files (`check`, above
//! it, lints it for authors).

mod code_blocks;
mod front_matter;
mod inert;
mod load;
mod parse;
mod problem;
mod schema;
mod source;

pub use code_blocks::{code_block_problems, visit_code_blocks};
pub use front_matter::{parse_front_matter, split_front_matter};
pub use inert::{make_code_line_inert, make_inert};
pub use load::{
    COURSE_FILE, LessonEntry, ReadingLesson, id_mismatch, lesson_path, load_course,
    load_course_outline, load_lesson_for_reading, missing_lesson, read_index, unknown_next,
};
pub use parse::{Body as LessonBody, parse_body, parse_lesson};
pub use problem::{CourseError, Problem};
pub use source::CourseSource;

/// A loaded course: its title and lessons in the order `course.yaml` lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    pub title: String,
    pub lessons: Vec<Lesson>,
    /// Lessons `course.yaml` lists that could not be loaded, with why: the others are
    /// still read.
    pub broken: Vec<BrokenLesson>,
}

/// A listed lesson that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLesson {
    pub id: String,
    pub problem: Problem,
}

impl Course {
    /// The lesson with this id, if the course has it.
    #[must_use]
    pub fn lesson(&self, id: &str) -> Option<&Lesson> {
        self.lessons.iter().find(|lesson| lesson.meta.id == id)
    }

    /// The lesson to offer after `id`: the one its `next:` names, else the one after it
    /// in `course.yaml`; `None` after the last (or for a lesson not in the course).
    #[must_use]
    pub fn next_after(&self, id: &str) -> Option<&Lesson> {
        let index = self
            .lessons
            .iter()
            .position(|lesson| lesson.meta.id == id)?;
        self.lessons[index]
            .meta
            .next
            .as_deref()
            .and_then(|next| self.lesson(next))
            .or_else(|| self.lessons.get(index + 1))
    }

    /// The lesson with this id, or the first lesson when no id is given.
    pub fn lesson_or_first(&self, id: Option<&str>) -> Result<&Lesson, CourseError> {
        let found = match id {
            Some(id) => self.lesson(id),
            None => self.lessons.first(),
        };
        if let Some(lesson) = found {
            return Ok(lesson);
        }
        let id = id.unwrap_or_default();
        if let Some(broken) = self.broken.iter().find(|broken| broken.id == id) {
            return Err(CourseError::Invalid(broken.problem.clone()));
        }
        let ids: Vec<&str> = self
            .lessons
            .iter()
            .map(|lesson| lesson.meta.id.as_str())
            .chain(self.broken.iter().map(|broken| broken.id.as_str()))
            .collect();
        Err(CourseError::unknown_lesson(id, &ids))
    }
}

/// One lesson: front matter, the block tree, and what is derived from it.
#[derive(Debug, Clone, PartialEq)]
pub struct Lesson {
    pub meta: LessonMeta,
    pub blocks: Vec<Block>,
    /// Every heading in order; they make the table of contents.
    pub sections: Vec<Section>,
    /// The lesson's task-list items, numbered from 1 in order.
    pub checklist: Vec<ChecklistItem>,
}

impl Lesson {
    /// The lesson's Mermaid diagrams (top-level ```` ```mermaid ```` blocks), in order.
    pub fn diagrams(&self) -> impl Iterator<Item = &CodeBlock> {
        self.blocks.iter().filter_map(|block| match block {
            Block::Diagram(code) => Some(code),
            _ => None,
        })
    }
}

/// The lesson's front matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonMeta {
    pub id: String,
    pub title: String,
    /// Estimated study time in minutes.
    pub minutes: u32,
    /// The id of the lesson to offer after this one, if the author named one (else the
    /// next in `course.yaml`).
    pub next: Option<String>,
}

/// A heading and the blocks up to the next heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub level: u8,
    pub title: String,
    /// Stable, URL-safe id derived from the title, unique within the lesson.
    pub anchor: String,
    /// Index into `Lesson::blocks` of the heading block.
    pub block: usize,
    /// The speaker notes written in the section as `<!-- notes: … -->`, in order.
    pub notes: Vec<String>,
}

/// One checklist item; quizzes refer to it by `number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecklistItem {
    pub number: usize,
    pub text: String,
}

/// A block of the document tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading {
        level: u8,
        content: Vec<Inline>,
        /// Index into `Lesson::sections`.
        section: usize,
    },
    Paragraph(Vec<Inline>),
    Code(CodeBlock),
    /// A fenced `mermaid` block, kept as source until diagrams are drawn.
    Diagram(CodeBlock),
    Table(Table),
    List(List),
    Quote(Vec<Block>),
    Rule,
}

/// Fenced or indented code, never re-wrapped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// The fence's language, lower-cased; empty when none was given.
    pub language: String,
    /// The lines, without their newlines; tabs are kept (layout expands them).
    pub lines: Vec<String>,
    /// 1-based line in the lesson file of the first code line.
    pub source_line: usize,
    /// 1-based column where the block starts (after any list or quote indentation).
    pub source_column: usize,
}

/// A GFM table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub alignments: Vec<Alignment>,
    pub header: Vec<Vec<Inline>>,
    pub rows: Vec<Vec<Vec<Inline>>>,
}

/// Column alignment from the table's delimiter row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alignment {
    None,
    Left,
    Center,
    Right,
}

/// An ordered or unordered list.
#[derive(Debug, Clone, PartialEq)]
pub struct List {
    /// The first number of an ordered list; `None` for bullets.
    pub start: Option<u64>,
    pub items: Vec<ListItem>,
}

/// One list item and its blocks (nested lists included).
#[derive(Debug, Clone, PartialEq)]
pub struct ListItem {
    pub task: Option<Task>,
    pub blocks: Vec<Block>,
}

/// A task-list marker: `- [ ]` or `- [x]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Task {
    pub checked: bool,
    /// The checklist number of this item.
    pub number: usize,
}

/// Inline content of paragraphs, headings and table cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inline {
    Text(String),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikethrough(Vec<Inline>),
    Link { url: String, content: Vec<Inline> },
    SoftBreak,
    HardBreak,
}

/// The text of inlines without any styling, as a table of contents shows it.
#[must_use]
pub fn plain_text(inlines: &[Inline]) -> String {
    let mut text = String::new();
    append_plain_text(inlines, &mut text);
    text
}

fn append_plain_text(inlines: &[Inline], text: &mut String) {
    for inline in inlines {
        match inline {
            Inline::Text(part) | Inline::Code(part) => text.push_str(part),
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Strikethrough(children)
            | Inline::Link {
                content: children, ..
            } => append_plain_text(children, text),
            Inline::SoftBreak | Inline::HardBreak => text.push(' '),
        }
    }
}
