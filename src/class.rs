//! A live class on the room's network: the protocol, the class server inside the
//! presenting process (with its own SQLite file), the learner's link to it, discovery by
//! mDNS, and the tally of a poll's answers. No terminal here: the presenter's and the
//! reader's loops drive it.

mod code;
mod discovery;
mod link;
mod network;
pub mod protocol;
mod server;
mod store;
mod tally;

pub use code::{file_safe, is_join_code, learner_key, message_id, new_join_code};
pub use discovery::{Announcement, Discovery, DiscoveryError};
pub use link::{Finder, Joining, Link, LinkEvent};
pub use network::listen_addresses;
pub use protocol::{LearnerMessage, Poll, Refusal};
pub use server::{ClassServer, ClassSnapshot, ServerError};
pub use store::{ClassInfo, ClassStore, ClassStoreError, LearnerRow, PollRow, Taken, Whereabouts};
pub use tally::{Tally, TallyRow, tally};
