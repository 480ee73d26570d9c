//! The words of the checklist view and the quiz, in Japanese and English. How a quiz
//! result (a failed rule, a refused manifest) is said with them is `feedback`.

use super::probe::{self, ProbeTexts};

/// The quiz's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct QuizTexts {
    /// Behaviour feedback and refused manifests.
    pub probe: &'static ProbeTexts,
    pub checklist_title: &'static str,
    pub quiz_title: &'static str,
    pub not_tried: &'static str,
    pub partly: &'static str,
    pub mastered: &'static str,
    pub self_assessed: &'static str,
    /// Between two states of one item: ", " in English, 「、」 in Japanese.
    pub list_separator: &'static str,
    pub checklist_hint: &'static [&'static str],
    pub no_quiz: &'static str,
    pub unavailable: &'static str,
    pub no_questions: &'static str,
    pub nothing_to_return_to: &'static str,
    pub no_section: &'static str,
    /// "Review: {section}", after a wrong answer outside the reader.
    pub review: &'static str,
    pub reviewing: &'static str,
    pub choose_first: &'static str,
    pub type_first: &'static str,
    pub edited: &'static str,
    pub not_edited: &'static str,
    pub again: &'static str,
    /// "Question {n}/{total}", "round {round}".
    pub question_of: &'static str,
    pub round: &'static str,
    pub whole_quiz: &'static str,
    pub right: &'static str,
    pub wrong: &'static str,
    pub right_choice: &'static str,
    pub your_choice: &'static str,
    pub your_answer: &'static str,
    pub accepted: &'static str,
    pub explanation: &'static str,
    /// Before a question's hint.
    pub hint: &'static str,
    pub draft_title: &'static str,
    pub editor_title: &'static str,
    pub finished: &'static str,
    pub score: &'static str,
    pub hint_choice: &'static [&'static str],
    pub hint_multi: &'static [&'static str],
    pub hint_text: &'static [&'static str],
    pub hint_manifest: &'static [&'static str],
    pub hint_editor: &'static [&'static str],
    pub hint_answered: &'static [&'static str],
    pub hint_finished: &'static [&'static str],
    pub hint_reviewing: &'static str,
    pub syntax: &'static str,
    /// Between what the traffic did and the author's word on it.
    pub then: &'static str,
    /// The YAML parser's commonest messages in this language (empty for English, which
    /// the parser speaks): what it says, and how to say it here.
    pub yaml_messages: &'static [(&'static str, &'static str)],
    pub empty: &'static str,
    pub too_large: &'static str,
    pub too_many_documents: &'static str,
    pub not_text: &'static str,
    pub missing: &'static str,
    pub not_equal: &'static str,
    pub not_contained: &'static str,
    pub no_match: &'static str,
    pub present: &'static str,
    pub no_item: &'static str,
    pub no_document: &'static str,
}

impl QuizTexts {
    #[must_use]
    pub fn unavailable_because(&self, reason: &str) -> String {
        self.unavailable.replace("{reason}", reason)
    }

    #[must_use]
    pub fn not_edited_because(&self, reason: &str) -> String {
        self.not_edited.replace("{reason}", reason)
    }

    #[must_use]
    pub fn again(&self, count: usize) -> String {
        self.again.replace("{n}", &count.to_string())
    }

    #[must_use]
    pub fn question_of(&self, number: usize, total: usize, round: usize) -> String {
        let text = self
            .question_of
            .replace("{n}", &number.to_string())
            .replace("{total}", &total.to_string());
        if round > 1 {
            format!(
                "{text}  {}",
                self.round.replace("{round}", &round.to_string())
            )
        } else {
            text
        }
    }

    #[must_use]
    pub fn score(&self, right: usize, total: usize) -> String {
        self.score
            .replace("{right}", &right.to_string())
            .replace("{total}", &total.to_string())
    }

    #[must_use]
    pub fn review_section(&self, section: &str) -> String {
        self.review.replace("{section}", section)
    }

    /// The parser's message said in this language for the common mistakes, with the
    /// parser's own words after it (to search for, or to tell an instructor).
    #[must_use]
    pub fn yaml_message(&self, message: &str) -> String {
        self.yaml_messages
            .iter()
            .find(|(english, _)| message.contains(english))
            .map_or_else(
                || message.to_owned(),
                |(_, said)| format!("{said} ({message})"),
            )
    }
}

pub static EN: QuizTexts = QuizTexts {
    probe: &probe::EN,
    checklist_title: "Checklist",
    quiz_title: "Quiz",
    not_tried: "not tried",
    partly: "in progress",
    mastered: "mastered",
    self_assessed: "ticked by you",
    list_separator: ", ",
    checklist_hint: &[
        "Enter questions",
        "Q whole quiz",
        "Space tick by hand",
        "j/k choose",
        "Esc back",
    ],
    no_quiz: "this lesson has no quiz",
    unavailable: "the quiz is unavailable: {reason}",
    no_questions: "no questions for this item",
    nothing_to_return_to: "no question to return to",
    no_section: "this question names no section to review",
    review: "Review: {section}",
    reviewing: "reviewing: r returns to the question",
    choose_first: "choose an answer first",
    type_first: "type an answer first",
    edited: "manifest updated from $EDITOR; Ctrl-S submits",
    not_edited: "could not edit: {reason}",
    again: "{n} missed question(s) again",
    question_of: "Question {n}/{total}",
    round: "(round {round})",
    whole_quiz: "Whole quiz",
    right: "Right!",
    wrong: "Not quite.",
    right_choice: "(right)",
    your_choice: "(your answer)",
    your_answer: "Your answer: ",
    accepted: "A right answer: ",
    explanation: "Why: ",
    hint: "Hint: ",
    draft_title: "your manifest",
    editor_title: "manifest: Ctrl-S submit, Esc stop editing",
    finished: "All questions answered.",
    score: "Right the first time: {right}/{total}",
    hint_choice: &["1-9 choose", "j/k move", "Enter submit", "Esc leave"],
    hint_multi: &["1-9 or Space tick", "j/k move", "Enter submit", "Esc leave"],
    hint_text: &[
        "type the answer",
        "Enter submit",
        "Ctrl-U clear",
        "Esc leave",
    ],
    hint_manifest: &["Enter edit", "e $EDITOR", "Ctrl-S submit", "Esc leave"],
    hint_editor: &["Ctrl-S submit", "Esc stop editing", "Ctrl-U undo"],
    hint_answered: &["Enter next", "r review the section", "Esc leave"],
    hint_finished: &["Enter or Esc back"],
    hint_reviewing: "r back to the question",
    syntax: "YAML error at line {line}, column {column}: {message}",
    then: "; ",
    yaml_messages: &[],
    empty: "the manifest is empty",
    too_large: "the manifest is too large ({size} bytes)",
    too_many_documents: "too many YAML documents",
    not_text: "the file is not text",
    missing: "{path} is missing",
    not_equal: "{path} is {found}; it should be {expected}",
    not_contained: "{path} does not include {expected}",
    no_match: "{path} is {found}, which does not fit {pattern}",
    present: "{path} should not be there",
    no_item: "{path} has no entry with {fields}",
    no_document: "a document is missing",
};

pub static JA: QuizTexts = QuizTexts {
    probe: &probe::JA,
    checklist_title: "チェックリスト",
    quiz_title: "クイズ",
    not_tried: "未挑戦",
    partly: "挑戦中",
    mastered: "習得済み",
    self_assessed: "自分でチェック済み",
    list_separator: "、",
    checklist_hint: &[
        "Enter 問題へ",
        "Q 全問",
        "Space 自分でチェック",
        "j/k 選択",
        "Esc 戻る",
    ],
    no_quiz: "このレッスンにはクイズがありません",
    unavailable: "クイズは使えません: {reason}",
    no_questions: "この項目の問題はありません",
    nothing_to_return_to: "戻れる問題がありません",
    no_section: "この問題には復習するセクションがありません",
    review: "復習するセクション: {section}",
    reviewing: "復習中: r で問題に戻る",
    choose_first: "先に答えを選んでください",
    type_first: "先に答えを入力してください",
    edited: "$EDITOR の内容を取り込みました。Ctrl-S で回答",
    not_edited: "編集できません: {reason}",
    again: "間違えた {n} 問をもう一度",
    question_of: "問題 {n}/{total}",
    round: "({round} 周目)",
    whole_quiz: "全問",
    right: "正解！",
    wrong: "不正解",
    right_choice: "(正解)",
    your_choice: "(あなたの答え)",
    your_answer: "あなたの答え: ",
    accepted: "正解の例: ",
    explanation: "解説: ",
    hint: "ヒント: ",
    draft_title: "あなたのマニフェスト",
    editor_title: "マニフェスト: Ctrl-S 回答、Esc 編集をやめる",
    finished: "すべての問題に答えました。",
    score: "初回で正解: {right}/{total} 問",
    hint_choice: &["1-9 選択", "j/k 移動", "Enter 回答", "Esc 戻る"],
    hint_multi: &["1-9 か Space で選択", "j/k 移動", "Enter 回答", "Esc 戻る"],
    hint_text: &["答えを入力", "Enter 回答", "Ctrl-U 消去", "Esc 戻る"],
    hint_manifest: &["Enter 編集", "e $EDITOR", "Ctrl-S 回答", "Esc 戻る"],
    hint_editor: &["Ctrl-S 回答", "Esc 編集をやめる", "Ctrl-U 元に戻す"],
    hint_answered: &["Enter 次へ", "r セクションを復習", "Esc 戻る"],
    hint_finished: &["Enter か Esc で戻る"],
    hint_reviewing: "r 問題に戻る",
    syntax: "YAML の構文エラー ({line} 行 {column} 列): {message}",
    then: "。",
    yaml_messages: &[
        (
            "mapping values are not allowed",
            "ここに「キー: 値」は書けません。前の行とインデントがそろっているか、「:」の後に空白があるかを確かめてください",
        ),
        (
            "did not find expected key",
            "キーがあるはずの位置にありません。インデントを確かめてください",
        ),
        (
            "did not find expected '-' indicator",
            "リストの「- 」があるはずの位置にありません。インデントを確かめてください",
        ),
        (
            "block sequence entries are not allowed",
            "ここにリストの「- 」は書けません。インデントを確かめてください",
        ),
        (
            "could not find expected ':'",
            "「:」が見つかりません。「キー: 値」の形になっているか確かめてください",
        ),
        (
            "found character that cannot start any token",
            "ここに書けない文字があります。インデントにタブを使っていないか確かめてください",
        ),
        (
            "found a tab character",
            "インデントにタブが使われています。スペースにしてください",
        ),
        (
            "did not find expected node content",
            "値があるはずの位置にありません",
        ),
        (
            "found unexpected end of stream",
            "閉じていない引用符か括弧があります",
        ),
        (
            "did not find expected ',' or ']'",
            "「[」で始めたリストが「]」で閉じていません",
        ),
        (
            "did not find expected ',' or '}'",
            "「{」で始めたマッピングが「}」で閉じていません",
        ),
        ("duplicate entry with key", "同じキーが 2 回書かれています"),
    ],
    empty: "マニフェストが空です",
    too_large: "マニフェストが大きすぎます ({size} バイト)",
    too_many_documents: "YAML ドキュメントが多すぎます",
    not_text: "テキストファイルではありません",
    missing: "{path} がありません",
    not_equal: "{path} が {found} になっています ({expected} にしてください)",
    not_contained: "{path} に {expected} がありません",
    no_match: "{path} の値 {found} が形式 {pattern} に合いません",
    present: "{path} は書かないでください",
    no_item: "{path} に {fields} を持つ項目がありません",
    no_document: "必要なドキュメントが足りません",
};
