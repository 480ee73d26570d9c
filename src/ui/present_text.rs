//! The strings of workshop mode (presenting window and notes window), in Japanese and
//! English.

/// Workshop mode's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct PresentTexts {
    left: &'static str,
    over: &'static str,
    pub paused: &'static str,
    go_to: &'static str,
    no_such_section: &'static str,
    next: &'static str,
    pub last: &'static str,
    waiting: &'static str,
    pub no_notes: &'static str,
    pub notes_hint: &'static str,
}

impl PresentTexts {
    /// "2:10 left" for time left on the slide, "1:20 over" past its planned end.
    #[must_use]
    pub fn time_left(&self, left_ms: i64) -> String {
        let template = if left_ms >= 0 { self.left } else { self.over };
        template.replace("{t}", &clock(left_ms.unsigned_abs()))
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
    notes_hint: "q quit",
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
    notes_hint: "q 終了",
};
