//! `e` in a manifest question: the learner's own editor (`$VISUAL`, `$EDITOR`, else
//! `vi`) on a private temporary file, with the terminal handed over and taken back.

use std::io::Write;
use std::process::Command;

use super::{enter, restore};
use crate::quiz::answer_text;

/// Edits `text` in the learner's editor; the edited text, or why there is none. The
/// terminal is restored for the editor and taken back after, whatever happens.
pub fn edit_externally(text: &str) -> Result<String, String> {
    let mut file = tempfile::Builder::new()
        .prefix("manabi-answer-")
        .suffix(".yaml")
        .tempfile()
        .map_err(|error| error.to_string())?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(|error| error.to_string())?;
    let editor = editor_command();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi").to_owned();
    let arguments: Vec<&str> = words.collect();
    restore();
    let status = Command::new(&program)
        .args(&arguments)
        .arg(file.path())
        .status();
    let entered = enter();
    entered.map_err(|error| error.to_string())?;
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => return Err(format!("{program} exited with {status}")),
        Err(error) => return Err(format!("cannot run {program}: {error}")),
    }
    let bytes = std::fs::read(file.path()).map_err(|error| error.to_string())?;
    answer_text(bytes).map_err(|error| error.to_string())
}

fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .find_map(|name| {
            std::env::var(name)
                .ok()
                .filter(|value| !value.trim().is_empty())
        })
        .unwrap_or_else(|| "vi".to_owned())
}
