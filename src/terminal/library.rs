//! The course around the lesson read, for the runtime: the home screen's figures, the
//! questions due for review, and another lesson opened where the learner left it. The
//! lessons are read when first needed, their code blocks checked when one is opened.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use super::Recording;
use crate::app::{App, Effect, Home};
use crate::course::{Course, CourseSource, code_block_problems, load_course_outline};
use crate::progress::{
    ProgressStore, ReviewItem, course_overview, known_due, now_ms, outlined, review_items,
};
use crate::quiz::{CourseQuizzes, LessonQuiz, QuizOutlines, load_quiz};

/// The file in the data folder that keeps the quizzes' outlines between runs.
const OUTLINE_CACHE: &str = "quiz-outlines.json";

/// The course the reader plays.
pub struct Library {
    source: CourseSource,
    course: Option<Course>,
    /// Every quiz in outline (questions' ids and items), read on first use.
    outlines: Option<QuizOutlines>,
    /// Every quiz whole, read when a review needs its questions.
    quizzes: Option<CourseQuizzes>,
    /// The course and its quizzes in outline being read on another thread (`preload`).
    pending: Option<JoinHandle<Result<(Course, QuizOutlines), String>>>,
    /// A progress store that is read but never written (a read-only disk, a newer
    /// manabi's file), for the home screen and reviews; a writable one is the recording's.
    read_only: Option<ProgressStore>,
    /// Where the quizzes' outlines are cached between runs (the data folder).
    cache: Option<PathBuf>,
}

impl Library {
    /// The course at `source`, read when first needed.
    #[must_use]
    pub fn new(source: CourseSource) -> Self {
        Self {
            source,
            course: None,
            outlines: None,
            quizzes: None,
            pending: None,
            read_only: None,
            cache: None,
        }
    }

    /// Caches the quizzes' outlines in `folder` (the data folder), so a home screen
    /// reads only the quizzes edited since.
    pub fn cache_in(&mut self, folder: &Path) {
        self.cache = Some(folder.join(OUTLINE_CACHE));
    }

    /// Keeps a store that is read but never written, for what the runtime reads.
    pub fn keep_read_only(&mut self, store: ProgressStore) {
        self.read_only = Some(store);
    }

    /// The store kept read-only, handed to the runtime.
    pub(super) fn take_read_only(&mut self) -> Option<ProgressStore> {
        self.read_only.take()
    }

    /// Starts reading the course and the quizzes of its lessons `ids` in outline on
    /// another thread, for a home screen that needs them on its first frame: the
    /// reader's own start goes on meanwhile.
    pub fn preload(&mut self, ids: Vec<String>) {
        let source = self.source.clone();
        let cache = self.cache.clone();
        self.pending = Some(std::thread::spawn(move || {
            // The quizzes' outlines beside the lessons: neither needs the other.
            std::thread::scope(|scope| {
                let outlines =
                    scope.spawn(|| QuizOutlines::load_lessons(&source, &ids, cache.as_deref()));
                let course = load_course_outline(&source).map_err(|error| error.to_string());
                let outlines = outlines
                    .join()
                    .map_err(|_| "the quizzes could not be read".to_owned());
                Ok((course?, outlines?))
            })
        }));
    }

    /// The course and every quiz in outline, read on first use.
    fn outlined(&mut self) -> Result<(&Course, &QuizOutlines), String> {
        self.course()?;
        let Some(course) = &self.course else {
            return Err(String::new());
        };
        let (source, cache) = (&self.source, self.cache.as_deref());
        let outlines = self.outlines.get_or_insert_with(|| {
            let ids: Vec<String> = course
                .lessons
                .iter()
                .map(|lesson| lesson.meta.id.clone())
                .collect();
            QuizOutlines::load_lessons(source, &ids, cache)
        });
        Ok((course, outlines))
    }

    /// The course, its lessons parsed, read on first use.
    fn course(&mut self) -> Result<&Course, String> {
        if let Some(pending) = self.pending.take() {
            let (course, outlines) = pending
                .join()
                .map_err(|_| "the course could not be read".to_owned())??;
            self.course = Some(course);
            self.outlines = Some(outlines);
        }
        if self.course.is_none() {
            self.course =
                Some(load_course_outline(&self.source).map_err(|error| error.to_string())?);
        }
        self.course.as_ref().ok_or_else(String::new)
    }

    /// The course and every lesson's quiz whole, read on first use.
    fn loaded(&mut self) -> Result<(&Course, &CourseQuizzes), String> {
        self.course()?;
        let Some(course) = &self.course else {
            return Err(String::new());
        };
        let quizzes = self
            .quizzes
            .get_or_insert_with(|| CourseQuizzes::load(&self.source, course));
        Ok((course, quizzes))
    }

    /// The lesson to offer after `id`: its id and title.
    pub fn next_after(&mut self, id: &str) -> Option<(String, String)> {
        let course = self.course().ok()?;
        course
            .next_after(id)
            .map(|lesson| (lesson.meta.id.clone(), lesson.meta.title.clone()))
    }

    /// The home screen: every lesson and where the learner stands with it, the lesson
    /// studied last (`last`) chosen.
    pub fn home(
        &mut self,
        store: Option<&ProgressStore>,
        last: Option<&str>,
    ) -> Result<Home, String> {
        self.outlined()?;
        let (Some(course), Some(outlines)) = (&self.course, &self.outlines) else {
            return Err(String::new());
        };
        let store = store.or(self.read_only.as_ref());
        let rows = course_overview(course, outlines, store, now_ms())
            .map_err(|error| error.to_string())?;
        let last = last.and_then(|id| rows.iter().position(|row| row.id == id));
        Ok(Home::new(course.title.clone(), rows, last))
    }

    /// The questions due now that the course still has (of one lesson, or all).
    pub fn due(
        &mut self,
        store: &ProgressStore,
        lesson: Option<&str>,
    ) -> Result<Vec<ReviewItem>, String> {
        let (course, quizzes) = self.loaded()?;
        review_items(course, quizzes, store, now_ms(), lesson).map_err(|error| error.to_string())
    }

    /// How many questions the course still has are due now.
    pub fn due_count(&mut self, store: &ProgressStore) -> usize {
        let Ok((_, outlines)) = self.outlined() else {
            return 0;
        };
        known_due(store, now_ms(), outlined(outlines)).map_or(0, |due| due.len())
    }

    /// Lesson `id` in a reader like `current` (its look, words, size and learner), at
    /// `now` on the runtime's clock, where the store says the learner left it.
    pub fn open(
        &mut self,
        id: &str,
        current: &App,
        store: Option<&ProgressStore>,
        now: u64,
    ) -> Result<App, String> {
        let course = self.course()?;
        let Some(lesson) = course.lesson(id).cloned() else {
            return Err(id.to_owned());
        };
        // As `manabi open` does: a code block's problem is said, the lesson still opens.
        let file = self.source.lesson_display_path(id);
        let problem = code_block_problems(&lesson.blocks, &file)
            .into_iter()
            .next();
        let mut app = App::new(
            lesson,
            current.theme().clone(),
            current.glyphs(),
            current.texts(),
            current.reader().size(),
        );
        app.set_profile(current.study().profile().to_owned());
        app.start_at(now);
        if let Some(store) = store {
            let state = store.lesson_state(id).map_err(|error| error.to_string())?;
            app.restore(&state);
        }
        let quiz = load_quiz(&self.source, app.lesson());
        if let LessonQuiz::Unavailable(reason) = &quiz {
            app.notice = Some(app.texts().quiz.unavailable_because(reason));
        }
        app.set_quiz(quiz);
        if let Some(problem) = problem.filter(|_| app.notice.is_none()) {
            app.notice = Some(problem.to_string());
        }
        app.finish_layout();
        app.set_next_lesson(self.next_after(id));
        Ok(app)
    }
}

/// The store to read progress from: the recording's, else one kept read-only.
fn readable<'a>(
    recording: Option<&'a Recording>,
    read_only: Option<&'a ProgressStore>,
) -> Option<&'a ProgressStore> {
    recording.map(Recording::store).or(read_only)
}

impl super::run::Reading {
    /// The effects that span the course: they need the store and the other lessons.
    pub(super) fn course_effect(&mut self, effect: Effect) {
        let texts = self.app.texts().course;
        let store = readable(self.recording.as_ref(), self.read_only.as_ref());
        match effect {
            // The lesson being read is the one to continue.
            Effect::ShowHome => match self.library.home(store, Some(&self.app.lesson().meta.id)) {
                Ok(home) => self.app.show_home(home),
                Err(reason) => self.app.notice = Some(texts.cannot_open(&reason)),
            },
            Effect::GatherReview => {
                let Some(store) = store else {
                    self.app.notice = Some(texts.nothing_due.to_owned());
                    return;
                };
                if !store.reviews_on().unwrap_or(true) {
                    self.app.notice = Some(texts.reviews_off.to_owned());
                    return;
                }
                match self.library.due(store, None) {
                    Ok(items) => {
                        // The count said so far came from the quizzes in outline; a quiz
                        // that does not read whole has no questions to ask.
                        self.app.set_due(items.len());
                        self.app.start_review(items);
                    }
                    Err(reason) => self.app.notice = Some(reason),
                }
            }
            Effect::CountDue => {
                let due = store.map_or(0, |store| self.library.due_count(store));
                self.app.set_due(due);
            }
            Effect::OpenLesson(id) => {
                // What this lesson's sitting has is saved before the next lesson's state
                // is read (the same lesson may come back).
                if let Some(recording) = self.recording.as_mut() {
                    recording.flush(&mut self.app);
                    recording.checkpoint(&mut self.app, false);
                }
                let store = readable(self.recording.as_ref(), self.read_only.as_ref());
                let now = self.now();
                match self.library.open(&id, &self.app, store, now) {
                    Ok(mut next) => {
                        if let Some(recording) = self.recording.as_mut() {
                            recording.switch_to(&mut next);
                        }
                        next.set_due(self.app.due());
                        next.session
                            .not_saving
                            .clone_from(&self.app.session.not_saving);
                        self.app = next;
                    }
                    Err(reason) => self.app.notice = Some(texts.cannot_open(&reason)),
                }
            }
            _ => {}
        }
    }
}
