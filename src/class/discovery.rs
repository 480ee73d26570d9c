//! Finding a class on the local link by mDNS/DNS-SD (`_manabi._tcp`): the presenter
//! announces its addresses and port, never the join code; a learner tries each class
//! it finds with its code.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::time::{Duration, Instant};

use mdns_sd::{ServiceDaemon, ServiceEvent, ServiceInfo};

use super::link::Finder;

/// How long a look goes on after a class answered, for others to answer too.
const SETTLE: Duration = Duration::from_secs(1);
/// Looks whose every class refused the code before a wrong code is said.
const LOOKS_BEFORE_REFUSED: usize = 3;

/// The DNS-SD service type of a manabi class.
const SERVICE_TYPE: &str = "_manabi._tcp.local.";

/// Why the class cannot be announced or looked for.
#[derive(Debug, thiserror::Error)]
#[error("mDNS: {0}")]
pub struct DiscoveryError(String);

fn discovery_error(error: &mdns_sd::Error) -> DiscoveryError {
    DiscoveryError(error.to_string())
}

/// A class announced on the local link while it lives.
pub struct Announcement {
    daemon: ServiceDaemon,
    fullname: String,
}

impl Announcement {
    /// Announces the class of `lesson` at `addresses` on `port`.
    pub fn start(lesson: &str, addresses: &[IpAddr], port: u16) -> Result<Self, DiscoveryError> {
        let daemon = ServiceDaemon::new().map_err(|error| discovery_error(&error))?;
        let instance = format!("manabi {lesson} {}", std::process::id());
        let host = format!("manabi-{}.local.", std::process::id());
        let properties = [
            ("protocol", super::protocol::PROTOCOL_VERSION.to_string()),
            ("lesson", lesson.to_owned()),
        ];
        let mut info = ServiceInfo::new(
            SERVICE_TYPE,
            &instance,
            &host,
            addresses,
            port,
            &properties[..],
        )
        .map_err(|error| discovery_error(&error))?;
        // Listening on every address (`--listen 0.0.0.0:PORT`): the daemon announces each
        // interface's own.
        if addresses.is_empty() {
            info = info.enable_addr_auto();
        }
        let fullname = info.get_fullname().to_owned();
        daemon
            .register(info)
            .map_err(|error| discovery_error(&error))?;
        Ok(Self { daemon, fullname })
    }
}

impl Drop for Announcement {
    fn drop(&mut self) {
        let _ = self.daemon.unregister(&self.fullname);
        let _ = self.daemon.shutdown();
    }
}

/// Looks for classes on the local link.
pub struct Discovery {
    daemon: ServiceDaemon,
    /// How long one look lasts.
    window: Duration,
}

impl Discovery {
    pub fn new(window: Duration) -> Result<Self, DiscoveryError> {
        Ok(Self {
            daemon: ServiceDaemon::new().map_err(|error| discovery_error(&error))?,
            window,
        })
    }

    /// The classes found within the window: each one's addresses (private first) and
    /// its lesson.
    #[must_use]
    pub fn look(&self) -> Vec<(String, Vec<SocketAddr>)> {
        let Ok(events) = self.daemon.browse(SERVICE_TYPE) else {
            return Vec::new();
        };
        let mut until = Instant::now() + self.window;
        let mut found: HashMap<String, (String, Vec<SocketAddr>)> = HashMap::new();
        while let Some(left) = until.checked_duration_since(Instant::now()) {
            let Ok(event) = events.recv_timeout(left) else {
                break;
            };
            if let ServiceEvent::ServiceResolved(service) = event {
                let lesson = service
                    .txt_properties
                    .get_property_val_str("lesson")
                    .unwrap_or_default()
                    .to_owned();
                let mut addresses: Vec<SocketAddr> = service
                    .get_addresses()
                    .iter()
                    .map(|address| SocketAddr::new(address.to_ip_addr(), service.get_port()))
                    .collect();
                addresses.sort_by_key(|address| (address.ip().is_loopback(), address.is_ipv6()));
                found.insert(service.get_fullname().to_owned(), (lesson, addresses));
                // One class is the usual room: others answer within a moment, if any.
                until = until.min(Instant::now() + SETTLE);
            }
        }
        let _ = self.daemon.stop_browse(SERVICE_TYPE);
        found.into_values().collect()
    }
}

impl Finder for Discovery {
    fn addresses(&mut self) -> Vec<SocketAddr> {
        self.look()
            .into_iter()
            .flat_map(|(_, addresses)| addresses)
            .collect()
    }

    fn looks(&self) -> usize {
        LOOKS_BEFORE_REFUSED
    }
}

impl Drop for Discovery {
    fn drop(&mut self) {
        let _ = self.daemon.shutdown();
    }
}
