//! Every word of manabi's chrome and command line, in Japanese and English: the reader's
//! here, the quiz's, the session's, workshop mode's and behaviour feedback's in the
//! submodules. A leaf: it knows none of the types whose values it words (how a quiz
//! result or a store notice is said is `ui`'s). The lesson itself is never translated.
//! The chrome avoids East Asian ambiguous-width characters (arrows, middle dots, ×),
//! which some terminals draw two columns wide.

pub mod class;
pub mod course;
pub mod doctor;
pub mod present;
pub mod probe;
pub mod progress;
pub mod quiz;
pub mod session;

use course::CourseTexts;
use present::PresentTexts;
use quiz::QuizTexts;
use session::SessionTexts;

/// `template` with each `{key}` replaced by its value: how every string of the chrome
/// takes its values.
#[must_use]
pub fn fill(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .fold(template.to_owned(), |text, (key, value)| {
            text.replace(&format!("{{{key}}}"), value)
        })
}

/// The language of the chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// From `LC_ALL`, `LC_MESSAGES`, `LANG` (the first one set wins); English when
    /// unknown.
    #[must_use]
    pub fn from_locale(variables: &[Option<&str>]) -> Self {
        match variables.iter().flatten().find(|value| !value.is_empty()) {
            Some(value) if value.starts_with("ja") => Self::Ja,
            _ => Self::En,
        }
    }

    /// The strings in this language.
    #[must_use]
    pub fn texts(self) -> &'static Texts {
        match self {
            Self::Ja => &JA,
            Self::En => &EN,
        }
    }
}

/// The chrome's strings in one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Texts {
    pub contents: &'static str,
    pub help_title: &'static str,
    pub help: &'static [(&'static str, &'static str)],
    pub help_close: &'static str,
    /// Key hints, most important first; as many as fit are shown.
    pub hint: &'static [&'static str],
    pub hint_contents: &'static [&'static str],
    pub search_prompt: &'static str,
    pub match_count: &'static str,
    pub no_matches: &'static str,
    pub too_small: &'static str,
    pub not_code: &'static str,
    pub copied: &'static str,
    pub saved: &'static str,
    pub saved_beside: &'static str,
    pub not_saved: &'static str,
    pub no_name: &'static str,
    pub not_a_terminal: &'static str,
    pub cannot_load: &'static str,
    /// A lesson the reader skipped: `{id}` and `{reason}`.
    pub lesson_skipped: &'static str,
    /// Enter with no diagram on screen.
    pub no_diagram: &'static str,
    /// Enter on a diagram shown as its source.
    pub diagram_as_source: &'static str,
    /// The diagram view's title and key hints.
    pub diagram_title: &'static str,
    pub hint_diagram: &'static [&'static str],
    pub quiz: &'static QuizTexts,
    pub course: &'static CourseTexts,
    pub session: &'static SessionTexts,
    pub present: &'static PresentTexts,
    pub class: &'static class::ClassTexts,
    pub doctor: &'static doctor::DoctorTexts,
}

impl Texts {
    /// "match 2/5" in this language.
    #[must_use]
    pub fn match_count(&self, current: usize, total: usize) -> String {
        self.match_count
            .replace("{current}", &current.to_string())
            .replace("{total}", &total.to_string())
    }

    /// The status line after `y`.
    #[must_use]
    pub fn copied_lines(&self, lines: usize) -> String {
        self.copied.replace("{n}", &lines.to_string())
    }

    /// The status line after a successful `s`; `taken` is the name that was already
    /// there, so the learner knows why the file has a number.
    #[must_use]
    pub fn saved_to(&self, path: &str, taken: Option<&str>) -> String {
        let saved = self.saved.replace("{path}", path);
        match taken {
            Some(taken) => format!("{saved}{}", self.saved_beside.replace("{taken}", taken)),
            None => saved,
        }
    }

    /// Why a lesson of the course was skipped (the reader, `list`, `open`).
    #[must_use]
    pub fn lesson_skipped_because(&self, id: &str, reason: &str) -> String {
        fill(self.lesson_skipped, &[("id", id), ("reason", reason)])
    }

    /// The status line after a failed `s`.
    #[must_use]
    pub fn not_saved_because(&self, reason: &str) -> String {
        self.not_saved.replace("{reason}", reason)
    }

    /// The notice for a terminal below the minimum size.
    #[must_use]
    pub fn too_small_for(
        &self,
        (width, height): (u16, u16),
        (min_width, min_height): (u16, u16),
    ) -> String {
        self.too_small
            .replace("{w}", &width.to_string())
            .replace("{h}", &height.to_string())
            .replace("{min}", &format!("{min_width}x{min_height}"))
    }
}

static EN: Texts = Texts {
    contents: "Contents",
    help_title: "Keys",
    help: &[
        ("j k Down Up", "scroll a line"),
        ("Space PgDn, b PgUp", "next, previous page"),
        ("g Home, G End", "top, bottom"),
        ("] [", "next, previous section"),
        ("t", "show or hide the contents"),
        ("Tab, Enter", "focus the contents, jump to a section"),
        ("/, n N", "search; next, previous match"),
        ("Esc", "cancel search, close this help"),
        ("h l, Shift+wheel", "scroll the marked code block sideways"),
        ("y", "copy the marked code block (OSC 52)"),
        ("s", "save the marked manifest as ./NAME.yaml"),
        (
            "Enter, click",
            "the diagram on screen alone, full size; Tab follows a node",
        ),
        ("c", "the checklist: each item's state, its questions"),
        ("Q", "take the whole quiz"),
        ("r", "back to the question after reviewing"),
        ("R", "review the questions due (spaced review)"),
        ("H", "the course: every lesson and where it stands"),
        ("L", "open the next lesson"),
        ("f", "in a class (manabi join): follow the presenter again"),
        ("mouse wheel, click", "scroll; jump to a contents entry"),
        ("Ctrl-Z", "suspend (fg to come back)"),
        ("q Ctrl-C", "quit"),
        ("?", "this help"),
    ],
    help_close: "Esc, q or ? closes, j/k scrolls",
    hint: &[
        "? help",
        "q quit",
        "j/k scroll",
        "Space page",
        "c checklist",
        "/ search",
        "]/[ section",
        "t contents",
        "y copy",
        "s save",
    ],
    hint_contents: &[
        "? help",
        "q quit",
        "j/k choose",
        "Enter jump",
        "Tab back to the text",
        "t hide",
    ],
    search_prompt: "Search: ",
    match_count: "match {current}/{total}",
    no_matches: "no matches",
    too_small: "Terminal too small ({w}x{h}): manabi needs at least {min}.",
    not_code: "no code block on screen",
    copied: "copied {n} lines to the clipboard",
    saved: "saved {path}",
    saved_beside: " ({taken} was already there, so this is a new file)",
    not_saved: "not saved: {reason}",
    no_name: "this block is not a manifest with metadata.name",
    not_a_terminal: "manabi: standard output is not a terminal; to print the lesson, use `manabi render` (e.g. `manabi render | less -R`)",
    cannot_load: "cannot load the course",
    lesson_skipped: "lesson {id} could not be loaded: {reason}",
    no_diagram: "no diagram on screen",
    diagram_as_source: "this diagram is shown as its source: it cannot be drawn",
    diagram_title: "Diagram",
    hint_diagram: &[
        "Esc back",
        "Tab next node",
        "Shift+Tab previous",
        "h/j/k/l move",
        "Space page",
    ],
    quiz: &quiz::EN,
    course: &course::EN,
    session: &session::EN,
    present: &present::EN,
    class: &class::EN,
    doctor: &doctor::EN,
};

static JA: Texts = Texts {
    contents: "目次",
    help_title: "キー操作",
    help: &[
        ("j k Down Up", "1 行スクロール"),
        ("Space PgDn, b PgUp", "次・前のページ"),
        ("g Home, G End", "先頭・末尾"),
        ("] [", "次・前のセクション"),
        ("t", "目次の表示・非表示"),
        ("Tab, Enter", "目次へ移動・セクションへジャンプ"),
        ("/, n N", "検索、次・前の一致へ"),
        ("Esc", "検索の取り消し・ヘルプを閉じる"),
        (
            "h l, Shift+ホイール",
            "選択中のコードブロックを横スクロール",
        ),
        ("y", "選択中のコードブロックをコピー (OSC 52)"),
        ("s", "選択中のマニフェストを ./NAME.yaml に保存"),
        (
            "Enter・クリック",
            "画面の図を全画面で表示 (Tab でノードの矢印をたどる)",
        ),
        ("c", "チェックリスト (各項目の状態と問題)"),
        ("Q", "全問に挑戦"),
        ("r", "復習の後で問題に戻る"),
        ("R", "復習する問題に答える (間隔反復)"),
        ("H", "コースの全レッスンと進み具合"),
        ("L", "次のレッスンを開く"),
        ("f", "クラス参加中 (manabi join): 講師に再び追従"),
        (
            "ホイール・クリック",
            "スクロール・目次のセクションへジャンプ",
        ),
        ("Ctrl-Z", "サスペンド (fg で再開)"),
        ("q Ctrl-C", "終了"),
        ("?", "このヘルプ"),
    ],
    help_close: "Esc・q・? で閉じる、j/k でスクロール",
    hint: &[
        "? ヘルプ",
        "q 終了",
        "j/k スクロール",
        "Space 次ページ",
        "c チェックリスト",
        "/ 検索",
        "]/[ セクション",
        "t 目次",
        "y コピー",
        "s 保存",
    ],
    hint_contents: &[
        "? ヘルプ",
        "q 終了",
        "j/k 選択",
        "Enter ジャンプ",
        "Tab 本文へ",
        "t 目次を隠す",
    ],
    search_prompt: "検索: ",
    match_count: "{total} 件中 {current} 件目",
    no_matches: "一致なし",
    too_small: "端末が小さすぎます ({w}x{h})。{min} 以上にしてください。",
    not_code: "画面にコードブロックがありません",
    copied: "{n} 行をクリップボードにコピーしました",
    saved: "{path} に保存しました",
    saved_beside: " ({taken} がすでにあるため、別のファイルにしました)",
    not_saved: "保存できません: {reason}",
    no_name: "metadata.name を持つマニフェストではありません",
    not_a_terminal: "manabi: 標準出力が端末ではありません。レッスンを出力するには `manabi render` を使ってください (例: `manabi render | less -R`)",
    cannot_load: "コースを読み込めません",
    lesson_skipped: "レッスン {id} を読み込めませんでした: {reason}",
    no_diagram: "画面に図がありません",
    diagram_as_source: "この図は描けないため、ソースのまま表示しています",
    diagram_title: "図",
    hint_diagram: &[
        "Esc 戻る",
        "Tab 次のノード",
        "Shift+Tab 前のノード",
        "h/j/k/l 移動",
        "Space 次ページ",
    ],
    quiz: &quiz::JA,
    course: &course::JA,
    session: &session::JA,
    present: &present::JA,
    class: &class::JA,
    doctor: &doctor::JA,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_picks_the_language() {
        assert_eq!(Lang::from_locale(&[None, Some("ja_JP.UTF-8")]), Lang::Ja);
        assert_eq!(
            Lang::from_locale(&[Some("C"), Some("ja_JP.UTF-8")]),
            Lang::En
        );
        assert_eq!(
            Lang::from_locale(&[Some(""), Some("ja_JP.UTF-8")]),
            Lang::Ja
        );
        assert_eq!(Lang::from_locale(&[None, None]), Lang::En);
    }

    #[test]
    fn both_languages_say_everything() {
        assert_eq!(JA.help.len(), EN.help.len());
        assert_eq!(EN.match_count(2, 5), "match 2/5");
        assert_eq!(JA.match_count(2, 5), "5 件中 2 件目");
        assert_eq!(
            JA.too_small_for((30, 10), (40, 12)),
            "端末が小さすぎます (30x10)。40x12 以上にしてください。"
        );
    }
}
