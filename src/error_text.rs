//! Errors in the learner's language, at the command line's edge. The library's errors say
//! what went wrong in English (for logs and authors); where one reaches a learner, the
//! common ones are said here in Japanese too, with the technical detail kept as it is.

use std::error::Error;

use manabi::course::CourseError;
use manabi::present::ChannelError;
use manabi::progress::ProgressError;
use manabi::strings::Lang;

/// An error and its causes, each in `lang` where it is known, joined as `a: b: c`.
#[must_use]
pub fn error_text(error: &(dyn Error + 'static), lang: Lang) -> String {
    let mut parts = Vec::new();
    let mut cause: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(current) = cause {
        match said(current, lang) {
            // A translated error says its causes itself.
            Some(text) => {
                parts.push(text);
                break;
            }
            None => parts.push(current.to_string()),
        }
        cause = current.source();
    }
    parts.join(": ")
}

fn said(error: &(dyn Error + 'static), lang: Lang) -> Option<String> {
    if lang == Lang::En {
        return None;
    }
    if let Some(error) = error.downcast_ref::<ProgressError>() {
        return Some(match error {
            ProgressError::Folder { path, reason } => {
                format!("進捗のフォルダー {} を使えません: {reason}", path.display())
            }
            ProgressError::Database { path, source } => {
                format!(
                    "進捗の記録 {} を読み書きできません: {source}",
                    path.display()
                )
            }
            ProgressError::ReadOnly(reason) => {
                format!("進捗の記録は読み取り専用です: {reason}")
            }
        });
    }
    if let Some(error) = error.downcast_ref::<ChannelError>() {
        return Some(match error {
            ChannelError::Taken { channel, pid } => format!(
                "チャンネル `{channel}` では別の発表ウィンドウ (プロセス {pid}) が動いています。この発表の 2 つのウィンドウには別の --channel 名前 を付けてください"
            ),
            ChannelError::Io { path, reason } => {
                format!("発表のチャンネル {} を使えません: {reason}", path.display())
            }
        });
    }
    if let Some(CourseError::UnknownLesson { id, nearest, known }) =
        error.downcast_ref::<CourseError>()
    {
        let nearest = nearest
            .strip_prefix(": did you mean ")
            .and_then(|name| name.strip_suffix('?'))
            .map(|name| format!("。{name} のことですか?"))
            .unwrap_or_default();
        return Some(format!(
            "このコースにレッスン `{id}` はありません{nearest} (レッスン: {known})"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_errors_are_said_in_japanese_and_others_pass_through() {
        let unknown = CourseError::unknown_lesson("secnd", &["intro", "second"]);
        assert_eq!(
            error_text(&unknown, Lang::Ja),
            "このコースにレッスン `secnd` はありません。`second` のことですか? (レッスン: intro, second)"
        );
        assert_eq!(error_text(&unknown, Lang::En), unknown.to_string());
        let taken = ChannelError::Taken {
            channel: "net".to_owned(),
            pid: 7,
        };
        assert!(error_text(&taken, Lang::Ja).starts_with("チャンネル `net` では"));
        let io = std::io::Error::other("disk full");
        assert_eq!(error_text(&io, Lang::Ja), "disk full");
    }
}
