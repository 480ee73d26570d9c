//! The class as the notes window shows it: each learner, the section they are on,
//! whether they follow, their checklist mastery and their answer to the latest poll;
//! who is furthest behind first, or as they joined (`s`).

use crate::class::ClassSnapshot;
use crate::course::Lesson;

/// The notes window's class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassPanel {
    pub snapshot: ClassSnapshot,
    /// Who is furthest behind first (else as they joined).
    pub behind_first: bool,
}

/// One learner's row, ready to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PanelRow {
    pub name: String,
    /// The section's number (1-based) and title, when known.
    pub section: Option<(usize, String)>,
    pub following: bool,
    pub connected: bool,
    pub mastered: usize,
    pub items: usize,
    /// Their answer to the latest poll.
    pub answer: Option<String>,
}

impl ClassPanel {
    #[must_use]
    pub fn new(snapshot: ClassSnapshot) -> Self {
        Self {
            snapshot,
            behind_first: true,
        }
    }

    /// The rows in the order chosen.
    #[must_use]
    pub fn rows(&self, lesson: &Lesson) -> Vec<PanelRow> {
        let mut rows: Vec<PanelRow> = self
            .snapshot
            .learners
            .iter()
            .map(|learner| PanelRow {
                name: learner.name.clone(),
                section: learner.section.as_deref().and_then(|anchor| {
                    lesson
                        .sections
                        .iter()
                        .position(|section| section.anchor == anchor)
                        .map(|index| (index + 1, lesson.sections[index].title.clone()))
                }),
                following: learner.following,
                connected: learner.connected,
                mastered: learner.mastered,
                items: learner.items,
                answer: self
                    .snapshot
                    .answers
                    .iter()
                    .find(|(key, _)| *key == learner.learner)
                    .map(|(_, answer)| answer.clone()),
            })
            .collect();
        if self.behind_first {
            // Earliest section first; among them, least mastered first (a stable sort
            // keeps the joining order after that).
            rows.sort_by_key(|row| {
                (
                    row.section.as_ref().map_or(0, |(number, _)| *number),
                    row.mastered,
                )
            });
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::class::{ClassInfo, LearnerRow};

    fn learner(key: &str, section: Option<&str>, mastered: usize) -> LearnerRow {
        LearnerRow {
            learner: key.into(),
            name: key.to_uppercase(),
            section: section.map(Into::into),
            following: true,
            mastered,
            items: 3,
            connected: true,
        }
    }

    #[test]
    fn the_furthest_behind_come_first_and_answers_go_with_their_learner() {
        let lesson = crate::course::parse_lesson(
            "---\nid: l\ntitle: L\nminutes: 10\n---\n# L\n\n## One\n\na\n\n## Two\n\nb\n",
            "lesson.md",
        )
        .unwrap();
        let anchors: Vec<String> = lesson.sections.iter().map(|s| s.anchor.clone()).collect();
        let snapshot = ClassSnapshot {
            info: ClassInfo {
                code: "1".into(),
                lesson: "l".into(),
                section: anchors[2].clone(),
                started_ms: 0,
                ended: false,
                port: None,
            },
            learners: vec![
                learner("ahead", Some(&anchors[2]), 2),
                learner("behind", Some(&anchors[1]), 1),
                learner("lost", None, 0),
                learner("behind-more-mastered", Some(&anchors[1]), 3),
            ],
            poll: None,
            answers: vec![("behind".into(), "NodePort".into())],
        };
        let mut panel = ClassPanel::new(snapshot);
        let names: Vec<String> = panel
            .rows(&lesson)
            .into_iter()
            .map(|row| row.name)
            .collect();
        assert_eq!(names, ["LOST", "BEHIND", "BEHIND-MORE-MASTERED", "AHEAD"]);
        let rows = panel.rows(&lesson);
        assert_eq!(rows[1].answer.as_deref(), Some("NodePort"));
        assert_eq!(rows[1].section.as_ref().map(|(number, _)| *number), Some(2));
        panel.behind_first = false;
        let names: Vec<String> = panel
            .rows(&lesson)
            .into_iter()
            .map(|row| row.name)
            .collect();
        assert_eq!(names, ["AHEAD", "BEHIND", "LOST", "BEHIND-MORE-MASTERED"]);
    }
}
