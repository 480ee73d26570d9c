//! The words of the study session (clock, plan, saving), in Japanese and English.

/// The session's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct SessionTexts {
    pub time_up: &'static str,
    pub ahead: &'static str,
    pub behind: &'static str,
    pub on_plan: &'static str,
    pub paused: &'static str,
    pub not_saving: &'static str,
    /// The status bar's short mark while progress is not being saved.
    pub unsaved: &'static str,
    pub moved_aside: &'static str,
    pub newer: &'static str,
    pub read_only: &'static str,
}

impl SessionTexts {
    /// The one-time notice when the planned time is reached.
    #[must_use]
    pub fn time_up(&self, minutes: u32) -> String {
        self.time_up.replace("{minutes}", &minutes.to_string())
    }

    /// "2 min ahead" / "1 min behind" for a lead in milliseconds; `on_plan` within a
    /// minute.
    #[must_use]
    pub fn lead(&self, lead_ms: i64) -> String {
        let minutes = lead_ms.unsigned_abs() / 60_000;
        if minutes == 0 {
            return self.on_plan.to_owned();
        }
        let template = if lead_ms > 0 { self.ahead } else { self.behind };
        template.replace("{m}", &minutes.to_string())
    }

    #[must_use]
    pub fn not_saving_because(&self, reason: &str) -> String {
        self.not_saving.replace("{reason}", reason)
    }
}

pub static EN: SessionTexts = SessionTexts {
    time_up: "{minutes} minutes of study: check what you learned with the checklist quiz (c)",
    ahead: "{m} min ahead",
    behind: "{m} min behind",
    on_plan: "on plan",
    paused: "paused",
    not_saving: "progress is not being saved: {reason}",
    unsaved: "NOT SAVED",
    moved_aside: "{path} was not a readable progress store: it was moved to {aside} (nothing deleted) and a new one started",
    newer: "{path} was written by a newer manabi: your progress is shown but not saved",
    read_only: "{path} cannot be written: your progress is shown but not saved",
};

pub static JA: SessionTexts = SessionTexts {
    time_up: "{minutes} 分学習しました。チェックリストのクイズ (c) で理解度を確かめましょう",
    ahead: "予定より {m} 分早い",
    behind: "予定より {m} 分遅れ",
    on_plan: "予定どおり",
    paused: "一時停止",
    not_saving: "進捗を保存できません: {reason}",
    unsaved: "未保存",
    moved_aside: "{path} は進捗ファイルとして読めないため {aside} に移し (削除はしていません)、新しく始めました",
    newer: "{path} はより新しいバージョンの manabi で書かれています。進捗は表示しますが保存しません",
    read_only: "{path} に書き込めません。進捗は表示しますが保存しません",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leads_read_as_ahead_behind_or_on_plan() {
        assert_eq!(EN.lead(150_000), "2 min ahead");
        assert_eq!(EN.lead(-61_000), "1 min behind");
        assert_eq!(EN.lead(30_000), "on plan");
        assert_eq!(JA.lead(-180_000), "予定より 3 分遅れ");
    }
}
