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
    ahead: &'static str,
    behind: &'static str,
    pub on_time: &'static str,
    pub resume_title: &'static str,
    resume_choice: &'static str,
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

    /// The footer's state, in both windows: paused, or the section's own time left and,
    /// apart, how far the talk is from the agenda.
    #[must_use]
    pub fn standing(
        &self,
        plan: &crate::present::SlidePlan,
        slide: usize,
        clock: &crate::present::AgendaClock,
        now: u64,
        entered: u64,
    ) -> String {
        if clock.paused_since.is_some() {
            return self.paused.to_owned();
        }
        let elapsed = clock.elapsed_ms(now);
        format!(
            "{}  {}",
            self.time_left(plan.left_ms(slide, elapsed, entered)),
            self.schedule(plan.schedule(slide, elapsed))
        )
    }

    /// Where the talk stands against the agenda.
    #[must_use]
    pub fn schedule(&self, schedule: crate::present::Schedule) -> String {
        use crate::present::Schedule;
        match schedule {
            Schedule::Ahead(ms) => self.ahead.replace("{t}", &clock(ms)),
            Schedule::OnTime => self.on_time.to_owned(),
            Schedule::Behind(ms) => self.behind.replace("{t}", &clock(ms)),
        }
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
