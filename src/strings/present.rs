//! The words of workshop mode (presenting window and notes window), in Japanese and
//! English.

/// Workshop mode's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct PresentTexts {
    pub left: &'static str,
    pub over: &'static str,
    pub paused: &'static str,
    pub go_to: &'static str,
    pub no_such_section: &'static str,
    pub next: &'static str,
    pub last: &'static str,
    pub waiting: &'static str,
    pub no_notes: &'static str,
    pub notes_hint: &'static str,
    pub ahead: &'static str,
    pub behind: &'static str,
    pub on_time: &'static str,
    pub resume_title: &'static str,
    pub resume_choice: &'static str,
    pub restart_choice: &'static str,
    /// After a code block's label on a screen that goes on with it.
    pub continued: &'static str,
    /// At the notes window's bottom right while more notes follow below / only above.
    pub notes_more: &'static str,
    pub notes_top: &'static str,
}

impl PresentTexts {
    /// "2:10 left" for time left of the section's share, "1:20 over" past it.
    #[must_use]
    pub fn time_left(&self, left_ms: i64) -> String {
        let template = if left_ms >= 0 { self.left } else { self.over };
        template.replace("{t}", &clock(left_ms.unsigned_abs()))
    }

    /// The choice to take up an interrupted talk at section `n` with `t` on its clock.
    #[must_use]
    pub fn resume_choice(&self, section: usize, elapsed_ms: u64) -> String {
        self.resume_choice
            .replace("{n}", &section.to_string())
            .replace("{t}", &clock(elapsed_ms))
    }

    #[must_use]
    pub fn go_to(&self, typed: &str) -> String {
        self.go_to.replace("{n}", typed)
    }

    #[must_use]
    pub fn no_such_section(&self, number: usize, count: usize) -> String {
        self.no_such_section
            .replace("{n}", &number.to_string())
            .replace("{count}", &count.to_string())
    }

    #[must_use]
    pub fn next(&self, title: &str) -> String {
        self.next.replace("{title}", title)
    }

    #[must_use]
    pub fn waiting(&self, channel: &str) -> String {
        self.waiting.replace("{channel}", channel)
    }
}

/// Minutes and seconds: `12:34`.
#[must_use]
pub fn clock(milliseconds: u64) -> String {
    let seconds = milliseconds / 1000;
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

pub static EN: PresentTexts = PresentTexts {
    left: "{t} left",
    over: "{t} over",
    paused: "paused",
    go_to: "go to section {n}_",
    no_such_section: "no section {n}: sections are 1 to {count}",
    next: "Next: {title}",
    last: "Last section",
    waiting: "Waiting for a presenting window on channel `{channel}` (manabi present)...",
    no_notes: "(no notes for this section)",
    notes_hint: "q quit  j/k scroll",
    ahead: "{t} ahead of the agenda",
    behind: "{t} behind the agenda",
    on_time: "on the agenda",
    resume_title: "A presenting window of this talk ended without q.",
    resume_choice: "Enter  take it up (section {n}, {t})",
    restart_choice: "r      start again at 0:00",
    continued: "(continued)",
    notes_more: " more: j ",
    notes_top: " top: k ",
};

pub static JA: PresentTexts = PresentTexts {
    left: "残り {t}",
    over: "{t} 超過",
    paused: "一時停止",
    go_to: "セクション {n}_ へ",
    no_such_section: "セクション {n} はありません (1〜{count} を指定してください)",
    next: "次: {title}",
    last: "最後のセクション",
    waiting: "チャンネル `{channel}` の発表ウィンドウ (manabi present) を待っています...",
    no_notes: "(このセクションのノートはありません)",
    notes_hint: "q 終了  j/k スクロール",
    ahead: "予定より {t} 早い",
    behind: "予定より {t} 遅れ",
    on_time: "予定どおり",
    resume_title: "前回の発表ウィンドウは q を押さずに終了しました。",
    resume_choice: "Enter  前回の続きから (セクション {n}、{t})",
    restart_choice: "r      最初から (0:00)",
    continued: "(続き)",
    notes_more: " 続き: j ",
    notes_top: " 先頭: k ",
};
