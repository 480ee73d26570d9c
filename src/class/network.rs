//! Which addresses a class serves on: by default every private address of this machine
//! (the room's network, never the internet), on one port.

use std::net::{IpAddr, SocketAddr};

/// The port a class asks for first; a free one is taken when it is busy.
const DEFAULT_PORT: u16 = 47_310;

/// Whether `address` belongs to a private network: RFC 1918, link-local, loopback, or
/// IPv6 unique-local.
#[must_use]
fn is_private(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => v4.is_private() || v4.is_link_local() || v4.is_loopback(),
        IpAddr::V6(v6) => v6.is_loopback() || (v6.segments()[0] & 0xfe00) == 0xfc00,
    }
}

/// This machine's private addresses, loopback last (a laptop on the room's network is
/// joined through its network address; loopback serves a learner on the same machine).
#[must_use]
fn private_addresses() -> Vec<IpAddr> {
    let mut addresses: Vec<IpAddr> = if_addrs::get_if_addrs()
        .unwrap_or_default()
        .into_iter()
        .map(|interface| interface.ip())
        .filter(|address| is_private(*address))
        .collect();
    addresses.sort_by_key(|address| (address.is_loopback(), address.is_ipv6(), *address));
    addresses.dedup();
    addresses
}

/// The addresses to listen on: `--listen`'s, else each private address on the default
/// port.
#[must_use]
pub fn listen_addresses(asked: Option<SocketAddr>) -> Vec<SocketAddr> {
    match asked {
        Some(address) => vec![address],
        None => private_addresses()
            .into_iter()
            .map(|address| SocketAddr::new(address, DEFAULT_PORT))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_means_the_rooms_network_only() {
        for private in [
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.20",
            "169.254.3.4",
            "127.0.0.1",
            "::1",
            "fd00::2",
        ] {
            assert!(is_private(private.parse().unwrap()), "{private}");
        }
        for public in [
            "8.8.8.8",
            "172.32.0.1",
            "192.0.2.2",
            "2001:db8::1",
            "0.0.0.0",
        ] {
            assert!(!is_private(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn the_machines_addresses_are_private_and_loopback_last() {
        let addresses = private_addresses();
        assert!(addresses.iter().all(|address| is_private(*address)));
        if let Some(last_other) = addresses.iter().rposition(|address| !address.is_loopback()) {
            assert!(
                addresses[..=last_other]
                    .iter()
                    .all(|address| !address.is_loopback())
            );
        }
    }

    #[test]
    fn listen_asked_for_overrides() {
        let asked: SocketAddr = "0.0.0.0:9000".parse().unwrap();
        assert_eq!(listen_addresses(Some(asked)), [asked]);
        assert!(
            listen_addresses(None)
                .iter()
                .all(|address| address.port() == DEFAULT_PORT)
        );
    }
}
