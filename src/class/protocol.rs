//! The wire protocol of a live class, version 1: one JSON object per line over TCP
//! (JSON Lines), each at most [`MAX_MESSAGE`] bytes. A learner may send only
//! [`LearnerMessage`]s; everything the presenter decides (where the class is, which
//! poll is open) reaches learners as [`ServerMessage`]s, which the server never accepts
//! from a connection.

use std::io::{self, BufRead, Read, Write};

use serde::{Deserialize, Serialize};

use crate::progress::LessonRecord;

/// The protocol's version: a learner speaking another is refused with the reason.
pub const PROTOCOL_VERSION: u32 = 1;

/// The largest message either side accepts, newline included.
pub const MAX_MESSAGE: usize = 64 * 1024;

/// What a learner sends.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum LearnerMessage {
    /// The first message of every connection.
    Hello {
        protocol: u32,
        /// The six-digit join code.
        code: String,
        /// The learner's own random key: the same learner across reconnects and restarts.
        learner: String,
        /// The learner's profile name (made inert by the server).
        name: String,
    },
    /// Where the learner is. Carries an id, answered by an `ack`.
    Progress {
        id: u64,
        /// The section id the learner reads.
        section: String,
        following: bool,
        /// Checklist items mastered, of `items`.
        mastered: usize,
        items: usize,
    },
    /// The learner's record of the class's lesson, for the class report.
    Record { id: u64, record: LessonRecord },
    /// An answer to the open poll, as the learner's log writes it: a choice's text,
    /// several joined by ` | ` (multi), or the text typed.
    Answer { id: u64, poll: u64, answer: String },
    /// Keeps a quiet connection known to be alive.
    Ping {},
}

impl LearnerMessage {
    /// The id an `ack` answers, for the messages that carry one.
    #[must_use]
    pub fn id(&self) -> Option<u64> {
        match self {
            Self::Progress { id, .. } | Self::Record { id, .. } | Self::Answer { id, .. } => {
                Some(*id)
            }
            Self::Hello { .. } | Self::Ping {} => None,
        }
    }
}

/// What the server sends a learner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ServerMessage {
    /// The answer to a good `hello`: the class as it is now.
    Welcome {
        protocol: u32,
        lesson: String,
        /// The section the presenter shows.
        section: String,
        /// The open poll, unless this learner answered it already.
        poll: Option<Poll>,
    },
    /// The presenter moved to a section.
    Goto { section: String },
    /// The presenter opened a poll.
    Poll { poll: u64, question: String },
    /// The presenter closed the poll (revealed it, or opened another).
    PollClosed { poll: u64 },
    /// A message with this id is stored (or was already).
    Ack { id: u64 },
    /// The class is over.
    Ended,
    /// The connection is refused; it closes after this.
    Refused { reason: Refusal },
    /// The answer to `ping`.
    Pong,
}

/// An open poll: a question of the lesson's quiz, by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Poll {
    pub poll: u64,
    pub question: String,
}

/// Why the server refused a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    WrongCode,
    /// Another protocol version.
    Version,
    /// A message that is not JSON, not a learner's, or too long.
    Malformed,
    /// A message only the presenter may send.
    NotAllowed,
    /// The first message was not `hello`.
    HelloFirst,
    /// The class has as many connections as it takes; try again later.
    Full,
    /// The server cannot take the connection now (too many at once from this
    /// address, or a moment's trouble of its own); try again later.
    Busy,
}

impl Refusal {
    /// Whether trying again later may be taken: a full or busy class, not a wrong code.
    #[must_use]
    pub fn is_passing(self) -> bool {
        matches!(self, Self::Full | Self::Busy)
    }
}

/// Why a message could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the connection closed")]
    Closed,
    #[error("a message longer than {MAX_MESSAGE} bytes")]
    TooLong,
    #[error("a message that is not one of this protocol's: {0}")]
    Malformed(String),
    #[error("{0}")]
    Io(#[from] io::Error),
}

/// Writes one message as a line.
pub fn write_message(out: &mut impl Write, message: &impl Serialize) -> io::Result<()> {
    let mut line = serde_json::to_vec(message).map_err(io::Error::other)?;
    line.push(b'\n');
    if line.len() > MAX_MESSAGE {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("a message of {} bytes is over the limit", line.len()),
        ));
    }
    out.write_all(&line)?;
    out.flush()
}

/// Reads one line, never more than [`MAX_MESSAGE`] bytes of it.
pub fn read_line<R: BufRead>(input: &mut R, line: &mut Vec<u8>) -> Result<(), ReadError> {
    line.clear();
    let limit = u64::try_from(MAX_MESSAGE).unwrap_or(u64::MAX);
    let read = Read::take(&mut *input, limit).read_until(b'\n', line)?;
    if read == 0 {
        return Err(ReadError::Closed);
    }
    if line.last() != Some(&b'\n') {
        return Err(if read >= MAX_MESSAGE {
            ReadError::TooLong
        } else {
            ReadError::Closed
        });
    }
    Ok(())
}

/// Reads one message of type `T`.
pub fn read_message<T: for<'a> Deserialize<'a>>(
    input: &mut impl BufRead,
    line: &mut Vec<u8>,
) -> Result<T, ReadError> {
    read_line(input, line)?;
    serde_json::from_slice(line).map_err(|error| ReadError::Malformed(error.to_string()))
}

/// A learner's message from a line, or why the line is refused: a server's own message
/// type is not allowed (so the refusal says what was tried), anything else that is not
/// a learner's message is malformed. Only a line that is not a learner's is read twice.
pub fn learner_message(line: &[u8]) -> Result<LearnerMessage, Refusal> {
    serde_json::from_slice(line).map_err(|_| {
        let server_type = serde_json::from_slice::<serde_json::Value>(line).is_ok_and(|value| {
            value
                .get("type")
                .and_then(serde_json::Value::as_str)
                .is_some_and(|kind| {
                    matches!(
                        kind,
                        "welcome"
                            | "goto"
                            | "poll"
                            | "poll_closed"
                            | "ack"
                            | "ended"
                            | "refused"
                            | "pong"
                    )
                })
        });
        if server_type {
            Refusal::NotAllowed
        } else {
            Refusal::Malformed
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_each_and_read_back() {
        let mut wire = Vec::new();
        let hello = LearnerMessage::Hello {
            protocol: PROTOCOL_VERSION,
            code: "123456".into(),
            learner: "k".into(),
            name: "line\nbreak".into(),
        };
        write_message(&mut wire, &hello).unwrap();
        write_message(&mut wire, &LearnerMessage::Ping {}).unwrap();
        assert_eq!(String::from_utf8(wire.clone()).unwrap().lines().count(), 2);
        let mut input = io::BufReader::new(wire.as_slice());
        let mut line = Vec::new();
        assert_eq!(
            read_message::<LearnerMessage>(&mut input, &mut line).unwrap(),
            hello
        );
        assert_eq!(
            read_message::<LearnerMessage>(&mut input, &mut line).unwrap(),
            LearnerMessage::Ping {}
        );
        assert!(matches!(
            read_message::<LearnerMessage>(&mut input, &mut line),
            Err(ReadError::Closed)
        ));
    }

    #[test]
    fn an_oversized_line_is_refused_without_reading_it_all() {
        let long = vec![b'a'; MAX_MESSAGE * 3];
        let mut input = io::BufReader::new(long.as_slice());
        let mut line = Vec::new();
        assert!(matches!(
            read_line(&mut input, &mut line),
            Err(ReadError::TooLong)
        ));
        assert_eq!(line.len(), MAX_MESSAGE);
    }

    #[test]
    fn a_line_at_the_limit_is_read() {
        let mut text = vec![b' '; MAX_MESSAGE - 3];
        text.extend_from_slice(b"{}\n");
        let mut line = Vec::new();
        read_line(&mut io::BufReader::new(text.as_slice()), &mut line).unwrap();
        assert_eq!(line.len(), MAX_MESSAGE);
    }

    #[test]
    fn unknown_fields_and_types_are_malformed() {
        for text in [
            "{\"type\":\"ping\",\"extra\":1}\n",
            "{\"type\":\"shout\"}\n",
            "not json\n",
        ] {
            let mut line = Vec::new();
            let read =
                read_message::<LearnerMessage>(&mut io::BufReader::new(text.as_bytes()), &mut line);
            assert!(matches!(read, Err(ReadError::Malformed(_))), "{text}");
        }
    }

    #[test]
    fn the_servers_messages_are_told_apart() {
        let refusal = |line: &[u8]| learner_message(line).err();
        assert_eq!(
            refusal(b"{\"type\":\"goto\",\"section\":\"a\"}"),
            Some(Refusal::NotAllowed)
        );
        assert_eq!(
            refusal(b"{\"type\":\"poll\",\"question\":\"x\"}"),
            Some(Refusal::NotAllowed)
        );
        assert_eq!(refusal(b"{\"type\":\"pong\"}"), Some(Refusal::NotAllowed));
        assert_eq!(refusal(b"garbage"), Some(Refusal::Malformed));
        assert_eq!(
            learner_message(b"{\"type\":\"ping\"}"),
            Ok(LearnerMessage::Ping {})
        );
    }
}
