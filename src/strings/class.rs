//! The words of a live class: the presenter's footer, polls and their chart, the notes
//! window's class panel, and the learner's follow state, in Japanese and English.

use super::fill;

/// A live class's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct ClassTexts {
    /// Footer: `参加コード {code} ({address})  {n} 人`.
    pub joined: &'static str,
    pub polls_title: &'static str,
    /// Above the whole quiz when the section has no question of its own.
    pub polls_all: &'static str,
    pub polls_none: &'static str,
    pub polls_keys: &'static str,
    /// `回答 {n}/{of}`.
    pub answered: &'static str,
    pub reveal_hint: &'static str,
    /// After the chart: `正解 {n}/{of}`.
    pub right: &'static str,
    pub others: &'static str,
    pub panel_title: &'static str,
    pub panel_empty: &'static str,
    pub panel_keys_behind: &'static str,
    pub panel_keys_joined: &'static str,
    pub column_name: &'static str,
    pub column_section: &'static str,
    pub column_mastery: &'static str,
    pub column_state: &'static str,
    pub column_answer: &'static str,
    pub following: &'static str,
    pub detached: &'static str,
    pub offline: &'static str,
    pub no_answer: &'static str,
    /// Learner's status bar.
    pub learner_following: &'static str,
    pub learner_detached: &'static str,
    pub learner_lost: &'static str,
    pub learner_ended: &'static str,
    pub learner_poll: &'static str,
    pub refused_code: &'static str,
    pub refused_version: &'static str,
    pub refused_other: &'static str,
    pub join_prompt: &'static str,
    pub not_a_code: &'static str,
    pub no_discovery: &'static str,
    pub not_reached: &'static str,
    pub report_written: &'static str,
    pub nobody_took_part: &'static str,
}

impl ClassTexts {
    #[must_use]
    pub fn report_written(&self, folder: &str) -> String {
        fill(self.report_written, &[("folder", folder)])
    }

    #[must_use]
    pub fn joined(&self, code: &str, count: usize, address: &str) -> String {
        fill(
            self.joined,
            &[
                ("code", code),
                ("n", &count.to_string()),
                ("address", address),
            ],
        )
    }

    #[must_use]
    pub fn answered(&self, count: usize, of: usize) -> String {
        count_of(self.answered, count, of)
    }

    #[must_use]
    pub fn right(&self, count: usize, of: usize) -> String {
        count_of(self.right, count, of)
    }

    #[must_use]
    pub fn others(&self, count: usize) -> String {
        fill(self.others, &[("n", &count.to_string())])
    }
}

/// `{n}` of `{of}` filled in.
fn count_of(template: &str, count: usize, of: usize) -> String {
    fill(
        template,
        &[("n", &count.to_string()), ("of", &of.to_string())],
    )
}

pub static EN: ClassTexts = ClassTexts {
    joined: "join code {code} at {address}  {n} joined",
    polls_title: "Poll the class: this section's questions",
    polls_all: "Poll the class: this section has no question; the whole quiz",
    polls_none: "The quiz has no question to poll (choice, multi or short answer).",
    polls_keys: "j/k move  Enter send to the class  Esc close",
    answered: "answered {n}/{of}",
    reveal_hint: "r reveal  Esc hide",
    right: "right {n}/{of}",
    others: "{n} other answers",
    panel_title: "Class",
    panel_empty: "No learner has joined yet.",
    panel_keys_behind: "s sort: behind first",
    panel_keys_joined: "s sort: as joined",
    column_name: "learner",
    column_section: "section",
    column_mastery: "mastery",
    column_state: "state",
    column_answer: "poll",
    following: "following",
    detached: "own way",
    offline: "offline",
    no_answer: "-",
    learner_following: "following the presenter",
    learner_detached: "not following: f follows again",
    learner_lost: "class out of reach: reconnecting",
    learner_ended: "the class is over",
    learner_poll: "poll from the presenter",
    refused_code: "the join code is wrong",
    refused_version: "this manabi speaks another class protocol than the presenter's",
    refused_other: "the class refused this laptop",
    join_prompt: "Join code (six digits):",
    not_a_code: "a join code is six digits",
    no_discovery: "cannot look for the class on this network (mDNS); give its address with --host ADDR:PORT (on the presenter's screen)",
    not_reached: "the class is not reachable yet: the reader opens on its own and joins as soon as it can",
    report_written: "The class report is in {folder} (report.txt; manabi report {folder} shows it again)",
    nobody_took_part: "No learner sent a record: no class report was written.",
};

pub static JA: ClassTexts = ClassTexts {
    joined: "参加コード {code} ({address})  {n} 人",
    polls_title: "クラスに出題: このセクションの問題",
    polls_all: "クラスに出題: このセクションには問題がないため全問から",
    polls_none: "出題できる問題 (選択・複数選択・短答) がありません。",
    polls_keys: "j/k 移動  Enter 出題  Esc 閉じる",
    answered: "回答 {n}/{of}",
    reveal_hint: "r 結果を表示  Esc 隠す",
    right: "正解 {n}/{of}",
    others: "その他の回答 {n}",
    panel_title: "クラス",
    panel_empty: "まだ誰も参加していません。",
    panel_keys_behind: "s 並び: 遅れている順",
    panel_keys_joined: "s 並び: 参加順",
    column_name: "受講者",
    column_section: "セクション",
    column_mastery: "習得",
    column_state: "状態",
    column_answer: "出題",
    following: "追従中",
    detached: "自習",
    offline: "未接続",
    no_answer: "-",
    learner_following: "講師に追従中",
    learner_detached: "追従を解除 (f で再追従)",
    learner_lost: "クラスに接続できません: 再接続中",
    learner_ended: "クラスは終了しました",
    learner_poll: "講師からの出題",
    refused_code: "参加コードが違います",
    refused_version: "講師の manabi とクラスのプロトコルが違います",
    refused_other: "クラスに参加できませんでした",
    join_prompt: "参加コード (6 桁):",
    not_a_code: "参加コードは 6 桁の数字です",
    no_discovery: "このネットワークではクラスを探せません (mDNS)。講師の画面のアドレスを --host ADDR:PORT で指定してください",
    not_reached: "クラスにまだ接続できません。リーダーを開き、接続でき次第参加します",
    report_written: "クラスのレポートを {folder} に書きました (report.txt。manabi report {folder} で再表示できます)",
    nobody_took_part: "記録を送った受講者がいないため、クラスのレポートは書いていません。",
};
