//! Join codes, learner keys, and the brake on guessing codes: each address gets a few
//! wrong codes free, then waits longer after each one.

use std::collections::HashMap;
use std::fmt::Write;
use std::net::IpAddr;
use std::path::Path;
use std::time::Duration;

/// Six random digits: a new class, a new code.
pub fn new_join_code() -> Result<String, getrandom::Error> {
    // Below the largest multiple of a million a u32 holds, so every code is as likely.
    const FAIR_BELOW: u32 = u32::MAX - u32::MAX % 1_000_000;
    loop {
        let drawn = getrandom::u32()?;
        if drawn < FAIR_BELOW {
            return Ok(format!("{:06}", drawn % 1_000_000));
        }
    }
}

/// A learner's key: 128 random bits as hex.
fn new_learner_key() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes
        .iter()
        .fold(String::with_capacity(32), |mut key, byte| {
            let _ = write!(key, "{byte:02x}");
            key
        }))
}

/// This learner's key for classes, kept in `folder` (one per profile), made the first
/// time.
pub fn learner_key(folder: &Path, profile: &str) -> std::io::Result<String> {
    let path = folder
        .join("class")
        .join(format!("learner-{}.key", file_safe(profile)));
    if let Ok(text) = std::fs::read_to_string(&path) {
        let key = text.trim();
        if key.len() == 32 && key.bytes().all(|byte| byte.is_ascii_hexdigit()) {
            return Ok(key.to_owned());
        }
    }
    let key = new_learner_key().map_err(|error| std::io::Error::other(error.to_string()))?;
    if let Some(parent) = path.parent() {
        crate::progress::private_folder(parent)?;
    }
    std::fs::write(&path, &key)?;
    Ok(key)
}

/// `text` as part of a file name: letters, digits, `-` and `_` kept, anything else `_`.
#[must_use]
pub fn file_safe(text: &str) -> String {
    text.chars()
        .map(|character| {
            if character.is_alphanumeric() || matches!(character, '-' | '_') {
                character
            } else {
                '_'
            }
        })
        .collect()
}

/// A random message id.
#[must_use]
pub fn message_id() -> u64 {
    // Without the system's randomness, the clock and a counter still keep ids apart.
    getrandom::u64().unwrap_or_else(|_| {
        static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        u64::try_from(crate::progress::now_ms()).unwrap_or(0) << 20 | count
    })
}

/// Whether `text` looks like a join code (six digits).
#[must_use]
pub fn is_join_code(text: &str) -> bool {
    text.len() == 6 && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// Wrong codes an address may send before it is slowed down.
const FREE_TRIES: u32 = 3;
/// The longest wait after a wrong code.
const LONGEST_WAIT: Duration = Duration::from_secs(30);

/// Wrong codes per address.
#[derive(Debug, Default)]
pub struct Throttle {
    wrong: HashMap<IpAddr, u32>,
}

impl Throttle {
    /// Notes a wrong code from `address`; how long to wait before answering it.
    pub fn wrong_code(&mut self, address: IpAddr) -> Duration {
        let count = self.wrong.entry(address).or_default();
        *count = count.saturating_add(1);
        Self::wait_after(*count)
    }

    /// A right code clears the address's count.
    pub fn right_code(&mut self, address: IpAddr) {
        self.wrong.remove(&address);
    }

    /// Half a second after the first wrong code past the free ones, doubling each time.
    fn wait_after(count: u32) -> Duration {
        if count <= FREE_TRIES {
            return Duration::ZERO;
        }
        let doublings = (count - FREE_TRIES - 1).min(16);
        (Duration::from_millis(500) * 2u32.pow(doublings)).min(LONGEST_WAIT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_digits_and_change() {
        let codes: Vec<String> = (0..20).map(|_| new_join_code().unwrap()).collect();
        assert!(codes.iter().all(|code| is_join_code(code)), "{codes:?}");
        let distinct: std::collections::HashSet<_> = codes.iter().collect();
        assert!(distinct.len() > 15, "{codes:?}");
        assert!(!is_join_code("12345"));
        assert!(!is_join_code("12345a"));
    }

    #[test]
    fn a_learners_key_is_kept_per_profile() {
        let folder = tempfile::tempdir().unwrap();
        let aiko = learner_key(folder.path(), "Aiko").unwrap();
        assert_eq!(learner_key(folder.path(), "Aiko").unwrap(), aiko);
        assert_ne!(learner_key(folder.path(), "Ken").unwrap(), aiko);
        std::fs::write(folder.path().join("class/learner-Aiko.key"), "garbage").unwrap();
        let remade = learner_key(folder.path(), "Aiko").unwrap();
        assert_eq!(remade.len(), 32);
    }

    #[test]
    fn file_names_keep_letters_and_lose_separators() {
        assert_eq!(file_safe("Aiko-2_x"), "Aiko-2_x");
        assert_eq!(file_safe("../etc/passwd"), "___etc_passwd");
        assert_eq!(file_safe("山田 花子"), "山田_花子");
    }

    #[test]
    fn keys_are_long_and_distinct() {
        let (one, two) = (new_learner_key().unwrap(), new_learner_key().unwrap());
        assert_eq!(one.len(), 32);
        assert_ne!(one, two);
    }

    #[test]
    fn wrong_codes_are_slowed_down_per_address() {
        let mut throttle = Throttle::default();
        let guesser: IpAddr = [10, 0, 0, 7].into();
        let other: IpAddr = [10, 0, 0, 8].into();
        let waits: Vec<Duration> = (0..8).map(|_| throttle.wrong_code(guesser)).collect();
        assert_eq!(waits[..3], [Duration::ZERO; 3]);
        assert_eq!(waits[3], Duration::from_millis(500));
        assert_eq!(waits[4], Duration::from_secs(1));
        assert!(waits[7] > waits[6]);
        assert_eq!(throttle.wrong_code(other), Duration::ZERO);
        for _ in 0..40 {
            throttle.wrong_code(guesser);
        }
        assert_eq!(throttle.wrong_code(guesser), LONGEST_WAIT);
        throttle.right_code(guesser);
        assert_eq!(throttle.wrong_code(guesser), Duration::ZERO);
    }
}
