//! The words of the course around a lesson: the home screen, spaced review and the way
//! to the next lesson, in Japanese and English.

/// The course's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct CourseTexts {
    /// The home screen's column heads: lesson, time, sections, checklist, review.
    pub columns: [&'static str; 5],
    /// Marks the lesson studied last, which Enter opens.
    pub continue_here: &'static str,
    /// Study time against the plan: `{done}` and `{plan}` minutes.
    pub minutes: &'static str,
    /// Questions due for review: `{n}`.
    pub due: &'static str,
    pub home_hint: &'static [&'static str],
    pub nothing_due: &'static str,
    pub reviews_off: &'static str,
    /// Above a question under review: `{lesson}` it comes from.
    pub reviewing: &'static str,
    /// The next lesson offered: `{title}`.
    pub next_lesson: &'static str,
    pub last_lesson: &'static str,
    /// A lesson that could not be opened: `{reason}`.
    pub cannot_open: &'static str,
}

impl CourseTexts {
    #[must_use]
    pub fn minutes(&self, done: u64, plan: u32) -> String {
        self.minutes
            .replace("{done}", &done.to_string())
            .replace("{plan}", &plan.to_string())
    }

    #[must_use]
    pub fn due(&self, count: usize) -> String {
        self.due.replace("{n}", &count.to_string())
    }

    #[must_use]
    pub fn reviewing(&self, lesson: &str) -> String {
        self.reviewing.replace("{lesson}", lesson)
    }

    #[must_use]
    pub fn next_lesson(&self, title: &str) -> String {
        self.next_lesson.replace("{title}", title)
    }

    #[must_use]
    pub fn cannot_open(&self, reason: &str) -> String {
        self.cannot_open.replace("{reason}", reason)
    }
}

pub static EN: CourseTexts = CourseTexts {
    columns: ["Lesson", "Time", "Read", "Checklist", "Review"],
    continue_here: "continue",
    minutes: "{done}/{plan} min",
    due: "{n} to review",
    home_hint: &[
        "Enter open",
        "j/k choose",
        "R review",
        "Esc back",
        "q quit",
        "? help",
    ],
    nothing_due: "nothing to review now: answered questions come back over the next days",
    reviews_off: "reviews are off for this learner (manabi review --on turns them on)",
    reviewing: "Review: {lesson}",
    next_lesson: "next lesson: {title} (L opens it)",
    last_lesson: "this is the last lesson of the course",
    cannot_open: "cannot open the lesson: {reason}",
};

pub static JA: CourseTexts = CourseTexts {
    columns: ["レッスン", "学習時間", "既読", "チェックリスト", "復習"],
    continue_here: "続きから",
    minutes: "{done}/{plan} 分",
    due: "復習 {n} 問",
    home_hint: &[
        "Enter 開く",
        "j/k 選択",
        "R 復習",
        "Esc 戻る",
        "q 終了",
        "? ヘルプ",
    ],
    nothing_due: "いま復習する問題はありません。答えた問題は数日のうちに復習に戻ってきます",
    reviews_off: "この学習者の復習はオフです (manabi review --on でオン)",
    reviewing: "復習: {lesson}",
    next_lesson: "次のレッスン: {title} (L で開く)",
    last_lesson: "コースの最後のレッスンです",
    cannot_open: "レッスンを開けません: {reason}",
};
