//! A course's quizzes in outline: each question's id and the checklist item it tests,
//! read without the rest (prompts, worlds, examples). What a home screen needs for a
//! lesson's mastery and what is due, at a third of the cost of reading the quizzes.

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::lesson_quiz::quiz_path;
use crate::course::CourseSource;

/// One lesson's questions: id and checklist item (1-based).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuizOutline {
    pub questions: Vec<(String, usize)>,
}

impl QuizOutline {
    /// Whether the quiz has a question of this id.
    #[must_use]
    pub fn has(&self, id: &str) -> bool {
        self.questions.iter().any(|(question, _)| question == id)
    }
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    questions: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    id: String,
    checklist: usize,
}

/// What a cache file keeps: each lesson's quiz outline and the fingerprint of the text
/// it was read from.
#[derive(Default, Serialize, Deserialize)]
struct Cache {
    /// `CACHE_VERSION` when written: another's outlines are read again.
    version: u32,
    lessons: HashMap<String, CacheEntry>,
}

/// The cache's format and how outlines are read; a change here reads every quiz again.
const CACHE_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct CacheEntry {
    fingerprint: u64,
    questions: Vec<(String, usize)>,
}

impl Cache {
    /// Written beside and renamed over, so a reader never sees half a file; a failure
    /// leaves the old cache (or none), which is only slower.
    fn write(&self, path: &Path) {
        let Ok(text) = serde_json::to_vec(self) else {
            return;
        };
        // Each process its own: two starting at once never rename each other's half file.
        let partial = path.with_extension(format!("{}.partial", std::process::id()));
        if std::fs::write(&partial, text).is_ok() && std::fs::rename(&partial, path).is_err() {
            let _ = std::fs::remove_file(&partial);
        }
    }
}

/// FNV-1a over the quiz's text: tells a quiz the cache saw from one edited since.
fn fingerprint(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The outlines of a course's quizzes, by lesson id. A lesson without a quiz, or with
/// one that does not read, has an empty outline (the reader says why when it opens).
#[derive(Debug, Default)]
pub struct QuizOutlines {
    by_lesson: HashMap<String, QuizOutline>,
}

impl QuizOutlines {
    /// Reads the quizzes of the lessons `ids` in outline (no need to have read the
    /// lessons first). With a `cache` file, a quiz whose text is the one the cache saw
    /// is taken from it, and the cache is brought up to date (best effort: it is only a
    /// cache).
    #[must_use]
    pub fn load_lessons(source: &CourseSource, ids: &[String], cache: Option<&Path>) -> Self {
        let cached: Cache = cache
            .and_then(|path| std::fs::read(path).ok())
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|cache| cache.version == CACHE_VERSION)
            .unwrap_or_default();
        // A thread a lesson: parsing the YAML is the whole cost, and the lessons' files
        // are apart.
        let read: Vec<(String, u64, QuizOutline, bool)> = std::thread::scope(|scope| {
            let readers: Vec<_> = ids
                .iter()
                .map(|id| {
                    let id = id.clone();
                    let cached = &cached;
                    scope.spawn(move || {
                        let text = source.read(&quiz_path(&id)).unwrap_or_default();
                        let fingerprint = fingerprint(&text);
                        if let Some(entry) = cached
                            .lessons
                            .get(&id)
                            .filter(|entry| entry.fingerprint == fingerprint)
                        {
                            let outline = QuizOutline {
                                questions: entry.questions.clone(),
                            };
                            return (id, fingerprint, outline, false);
                        }
                        let outline = serde_yaml::from_str::<File>(&text)
                            .map(|file| QuizOutline {
                                questions: file
                                    .questions
                                    .into_iter()
                                    .map(|entry| (entry.id, entry.checklist))
                                    .collect(),
                            })
                            .unwrap_or_default();
                        (id, fingerprint, outline, true)
                    })
                })
                .collect();
            readers
                .into_iter()
                .filter_map(|reader| reader.join().ok())
                .collect()
        });
        if let Some(path) = cache.filter(|_| read.iter().any(|(.., fresh)| *fresh)) {
            let mut updated = cached;
            updated.version = CACHE_VERSION;
            for (id, fingerprint, outline, _) in &read {
                updated.lessons.insert(
                    id.clone(),
                    CacheEntry {
                        fingerprint: *fingerprint,
                        questions: outline.questions.clone(),
                    },
                );
            }
            updated.write(path);
        }
        Self {
            by_lesson: read
                .into_iter()
                .map(|(id, _, outline, _)| (id, outline))
                .collect(),
        }
    }

    /// The lesson's outline (empty for a lesson the course does not have).
    #[must_use]
    pub fn of(&self, lesson: &str) -> Option<&QuizOutline> {
        self.by_lesson.get(lesson)
    }
}

#[cfg(test)]
mod tests {
    use super::QuizOutlines;
    use crate::course::CourseSource;

    const QUIZ: &str = "questions:
  - id: pod-ip
    checklist: 2
    type: choice
    prompt: p
    choices: [a, b]
    answer: 1
    explain: e
";

    #[test]
    fn a_cached_outline_is_used_until_its_quiz_changes() {
        let scratch = tempfile::tempdir().unwrap();
        let course = scratch.path().join("course");
        std::fs::create_dir_all(course.join("pods")).unwrap();
        std::fs::write(course.join("pods/quiz.yaml"), QUIZ).unwrap();
        let source = CourseSource::Directory(course.clone());
        let cache = scratch.path().join("cache.json");
        let ids = ["pods".to_owned(), "none".to_owned()];
        let first = QuizOutlines::load_lessons(&source, &ids, Some(&cache));
        let questions = |outlines: &QuizOutlines| outlines.of("pods").unwrap().questions.clone();
        assert_eq!(questions(&first), [("pod-ip".to_owned(), 2)]);
        assert!(first.of("none").unwrap().questions.is_empty());
        assert!(cache.exists());
        // The cache is what answers while the quiz is unchanged: a doctored entry shows.
        let doctored = std::fs::read_to_string(&cache)
            .unwrap()
            .replace("pod-ip", "from-cache");
        std::fs::write(&cache, doctored).unwrap();
        let second = QuizOutlines::load_lessons(&source, &ids, Some(&cache));
        assert_eq!(questions(&second), [("from-cache".to_owned(), 2)]);
        // An edited quiz is read again, and the cache follows it.
        std::fs::write(
            course.join("pods/quiz.yaml"),
            QUIZ.replace("checklist: 2", "checklist: 1"),
        )
        .unwrap();
        let third = QuizOutlines::load_lessons(&source, &ids, Some(&cache));
        assert_eq!(questions(&third), [("pod-ip".to_owned(), 1)]);
        let fourth = QuizOutlines::load_lessons(&source, &ids, Some(&cache));
        assert_eq!(questions(&fourth), [("pod-ip".to_owned(), 1)]);
        // A cache that does not read is only slower.
        std::fs::write(&cache, "not json").unwrap();
        let fifth = QuizOutlines::load_lessons(&source, &ids, Some(&cache));
        assert_eq!(questions(&fifth), [("pod-ip".to_owned(), 1)]);
    }
}
