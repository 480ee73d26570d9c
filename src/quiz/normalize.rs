//! Short answers compared as a person would: full-width input from a Japanese IME, stray
//! spaces and capitals do not make a right answer wrong.

use unicode_normalization::UnicodeNormalization;

/// NFKC (full-width letters, digits and punctuation become ASCII), trimmed, runs of
/// spaces folded into one, lower-cased.
#[must_use]
pub fn normalize_text(text: &str) -> String {
    let folded: String = text.nfkc().collect::<String>().to_lowercase();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ime_input_is_plain_ascii() {
        assert_eq!(normalize_text("ｍｙ－ｓｅｒｖｉｃｅ"), "my-service");
        assert_eq!(normalize_text("ＮｏｄｅＰｏｒｔ"), "nodeport");
        assert_eq!(normalize_text("３００８０"), "30080");
    }

    #[test]
    fn spaces_and_case_do_not_matter() {
        assert_eq!(normalize_text("  Cluster  IP \n"), "cluster ip");
        assert_eq!(normalize_text("\u{3000}ClusterIP\u{3000}"), "clusterip");
    }

    #[test]
    fn kana_and_kanji_are_kept() {
        assert_eq!(normalize_text("ｻｰﾋﾞｽ"), "サービス");
        assert_eq!(normalize_text("名前解決"), "名前解決");
    }

    #[test]
    fn different_answers_stay_different() {
        assert_ne!(
            normalize_text("my-service.default"),
            normalize_text("my-service")
        );
        assert_eq!(normalize_text(""), "");
    }
}
