//! Services: which pods a Service sends to (its endpoints) and on which port, reached
//! by its cluster port, by a node port on any node, or through its cloud load balancer.
//! The node port and the cluster port are two entrances to the same target port.

use super::objects::{PortRef, ServicePort, ServiceSpec};
use super::read::{Body, Object};
use super::selector::map_matches;
use super::{Pod, World};

/// A Service found in the world.
pub struct FoundService<'w> {
    pub object: &'w Object,
    pub spec: &'w ServiceSpec,
}

impl FoundService<'_> {
    #[must_use]
    pub fn kind(&self) -> &str {
        self.spec.kind.as_deref().unwrap_or("ClusterIP")
    }

    /// Headless: `clusterIP: None`, DNS answers with the pods themselves.
    #[must_use]
    pub fn headless(&self) -> bool {
        self.spec.cluster_ip.as_deref() == Some("None")
    }
}

/// Every Service in the world.
pub fn services(world: &World) -> impl Iterator<Item = FoundService<'_>> {
    world
        .objects
        .iter()
        .filter_map(|object| match &object.body {
            Body::Service(spec) => Some(FoundService { object, spec }),
            _ => None,
        })
}

/// The Service `name` in `namespace`.
#[must_use]
pub fn service<'w>(world: &'w World, namespace: &str, name: &str) -> Option<FoundService<'w>> {
    services(world)
        .find(|found| found.object.namespace() == namespace && found.object.metadata.name == name)
}

/// Where traffic to one port of a Service lands: each endpoint pod with the port the
/// target port names on it. A Service without a selector (or with an empty one) has no
/// endpoints the model knows of; a pod without the named port is not an endpoint.
#[must_use]
pub fn endpoints<'w>(
    world: &'w World,
    found: &FoundService<'_>,
    port: &ServicePort,
) -> Vec<(&'w Pod, u32)> {
    let Some(selector) = found
        .spec
        .selector
        .as_ref()
        .filter(|selector| !selector.is_empty())
    else {
        return Vec::new();
    };
    world
        .pods
        .iter()
        .filter(|pod| {
            pod.namespace == found.object.namespace() && map_matches(selector, &pod.labels)
        })
        .filter_map(|pod| {
            let target = match &port.target_port {
                None => Some(port.port),
                Some(PortRef::Number(number)) => Some(*number),
                Some(PortRef::Name(name)) => pod.named_port(name),
            };
            target.map(|target| (pod, target))
        })
        .collect()
}

/// The Service port reached on a node at `node_port` (NodePort and LoadBalancer
/// Services open one on every node).
#[must_use]
pub fn by_node_port(world: &World, node_port: u32) -> Option<(FoundService<'_>, &ServicePort)> {
    services(world)
        .filter(|found| matches!(found.kind(), "NodePort" | "LoadBalancer"))
        .find_map(|found| {
            let port = found
                .spec
                .ports
                .iter()
                .find(|port| port.node_port == Some(node_port))?;
            Some((
                FoundService {
                    object: found.object,
                    spec: found.spec,
                },
                port,
            ))
        })
}

/// The port of a Service reached at its cluster port `number`.
#[must_use]
pub fn cluster_port<'s>(found: &FoundService<'s>, number: u32) -> Option<&'s ServicePort> {
    found.spec.ports.iter().find(|port| port.port == number)
}
