//! NetworkPolicy: a pod is isolated for a direction when some policy selects it with that
//! direction in its `policyTypes` (by default `Ingress`, plus `Egress` when the policy
//! has an `egress` section); an isolated pod accepts what the union of the rules allows.
//! A connection needs both the sender's egress and the receiver's ingress to allow it;
//! replies to an allowed connection are allowed (policies are stateful).

use std::net::Ipv4Addr;

use super::objects::{NetworkPolicySpec, Peer, PolicyPort, PortRef};
use super::read::{Body, Object};
use super::{Pod, World};

/// One side of a connection: a pod of the world, or an address outside it.
#[derive(Debug, Clone, Copy)]
pub enum Endpoint<'w> {
    Pod(&'w Pod),
    Address(Ipv4Addr),
}

impl Endpoint<'_> {
    fn ip(&self) -> Ipv4Addr {
        match self {
            Self::Pod(pod) => pod.ip,
            Self::Address(address) => *address,
        }
    }
}

/// A rule's peers (`from` or `to`) and ports, whichever the direction.
type RuleParts<'s> = (Option<&'s Vec<Peer>>, Option<&'s Vec<PolicyPort>>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ingress,
    Egress,
}

/// Whether `from` may open a connection to `to` on `port`/`protocol`.
#[must_use]
pub fn allowed(world: &World, from: Endpoint<'_>, to: &Pod, port: u32, protocol: &str) -> bool {
    let ingress = admits(world, Direction::Ingress, to, from, port, protocol, to);
    let egress = match from {
        Endpoint::Pod(sender) => admits(
            world,
            Direction::Egress,
            sender,
            Endpoint::Pod(to),
            port,
            protocol,
            to,
        ),
        Endpoint::Address(_) => true,
    };
    ingress && egress
}

/// Whether the policies selecting `subject` in `direction` let it talk with `peer`;
/// `destination` is the pod whose named ports a rule's port names refer to.
fn admits(
    world: &World,
    direction: Direction,
    subject: &Pod,
    peer: Endpoint<'_>,
    port: u32,
    protocol: &str,
    destination: &Pod,
) -> bool {
    let isolating: Vec<(&Object, &NetworkPolicySpec)> = policies(world)
        .filter(|(object, spec)| {
            object.namespace() == subject.namespace
                && spec
                    .pod_selector
                    .clone()
                    .unwrap_or_default()
                    .matches(&subject.labels)
                && types(spec).contains(&direction)
        })
        .collect();
    if isolating.is_empty() {
        return true;
    }
    isolating.iter().any(|(object, spec)| {
        let rules: Vec<RuleParts<'_>> = match direction {
            Direction::Ingress => spec
                .ingress
                .iter()
                .flatten()
                .map(|rule| (rule.from.as_ref(), rule.ports.as_ref()))
                .collect(),
            Direction::Egress => spec
                .egress
                .iter()
                .flatten()
                .map(|rule| (rule.to.as_ref(), rule.ports.as_ref()))
                .collect(),
        };
        rules.iter().any(|(peers, ports)| {
            let peer_ok = match peers {
                None => true,
                Some(peers) if peers.is_empty() => true,
                Some(peers) => peers
                    .iter()
                    .any(|rule_peer| peer_matches(world, object.namespace(), rule_peer, peer)),
            };
            let port_ok = match ports {
                None => true,
                Some(ports) if ports.is_empty() => true,
                Some(ports) => ports
                    .iter()
                    .any(|rule_port| port_matches(rule_port, port, protocol, destination)),
            };
            peer_ok && port_ok
        })
    })
}

fn policies(world: &World) -> impl Iterator<Item = (&Object, &NetworkPolicySpec)> {
    world
        .objects
        .iter()
        .filter_map(|object| match &object.body {
            Body::NetworkPolicy(spec) => Some((object, spec)),
            _ => None,
        })
}

/// `policyTypes`, or its default: Ingress always, Egress when egress rules are given.
fn types(spec: &NetworkPolicySpec) -> Vec<Direction> {
    if let Some(types) = &spec.policy_types {
        return types
            .iter()
            .filter_map(|kind| match kind.as_str() {
                "Ingress" => Some(Direction::Ingress),
                "Egress" => Some(Direction::Egress),
                _ => None,
            })
            .collect();
    }
    let mut types = vec![Direction::Ingress];
    if spec.egress.is_some() {
        types.push(Direction::Egress);
    }
    types
}

/// One `from`/`to` element: `podSelector` alone means pods of the policy's namespace,
/// `namespaceSelector` alone every pod of the selected namespaces, both in one element
/// pods matching both (AND); `ipBlock` a range of addresses without its exceptions.
fn peer_matches(world: &World, policy_namespace: &str, rule: &Peer, peer: Endpoint<'_>) -> bool {
    if let Some(block) = &rule.ip_block {
        let ip = peer.ip();
        return in_cidr(&block.cidr, ip) && !block.except.iter().any(|except| in_cidr(except, ip));
    }
    let Endpoint::Pod(pod) = peer else {
        return false;
    };
    let namespace_ok = match &rule.namespace_selector {
        Some(selector) => selector.matches(&world.namespace_labels(&pod.namespace)),
        None => pod.namespace == policy_namespace,
    };
    let pod_ok = rule
        .pod_selector
        .as_ref()
        .is_none_or(|selector| selector.matches(&pod.labels));
    // An element with neither selector is rejected by the API server; it selects nothing.
    (rule.namespace_selector.is_some() || rule.pod_selector.is_some()) && namespace_ok && pod_ok
}

/// A port entry: protocol (TCP when absent), a number with an optional `endPort`, or a
/// named port resolved on the destination pod; no port means every port.
fn port_matches(rule: &PolicyPort, port: u32, protocol: &str, destination: &Pod) -> bool {
    if !rule
        .protocol
        .as_deref()
        .unwrap_or("TCP")
        .eq_ignore_ascii_case(protocol)
    {
        return false;
    }
    match &rule.port {
        None => true,
        Some(PortRef::Number(start)) => match rule.end_port {
            Some(end) => (*start..=end).contains(&port),
            None => *start == port,
        },
        Some(PortRef::Name(name)) => destination.named_port(name) == Some(port),
    }
}

/// Whether `ip` is in the IPv4 block `cidr` (`10.0.0.0/8`); an unreadable block holds
/// nothing.
#[must_use]
pub fn in_cidr(cidr: &str, ip: Ipv4Addr) -> bool {
    let (address, length) = cidr.split_once('/').unwrap_or((cidr, "32"));
    let (Ok(address), Ok(length)) = (address.parse::<Ipv4Addr>(), length.parse::<u32>()) else {
        return false;
    };
    if length > 32 {
        return false;
    }
    let mask = if length == 0 {
        0
    } else {
        u32::MAX << (32 - length)
    };
    u32::from(address) & mask == u32::from(ip) & mask
}
