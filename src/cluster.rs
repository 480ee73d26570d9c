//! An offline model of the cluster networking the lesson teaches: namespaces, pods and
//! the manifests applied to them, and questions asked of them (may this pod connect to
//! that one, where does this request go, what does this name resolve to). Semantics
//! follow the Kubernetes, Gateway API, Traefik and Cilium documentation. Pure: no IO,
//! and it knows nothing of quizzes or terminals.

mod cilium;
mod dns;
mod gateway;
mod ingress;
pub mod objects;
mod policy;
mod probe;
mod read;
mod selector;
mod service;
mod traefik;

use std::net::Ipv4Addr;

pub use cilium::HttpRequest;
pub use dns::Answer;
pub use objects::Labels;
pub use probe::{Expected, Observed, Probe, ProbeFailure, Shares, Through, run_probe, shares_text};
pub use read::{Body, ManifestError, Object, Problem, read_objects};

/// A namespace and its labels (`kubernetes.io/metadata.name` is set as the API server
/// sets it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Namespace {
    pub name: String,
    pub labels: Labels,
}

impl Namespace {
    #[must_use]
    pub fn new(name: &str, mut labels: Labels) -> Self {
        labels.insert("kubernetes.io/metadata.name".to_owned(), name.to_owned());
        Self {
            name: name.to_owned(),
            labels,
        }
    }
}

/// A running pod: where it is, what it is labelled, its address and named ports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pod {
    pub name: String,
    pub namespace: String,
    pub labels: Labels,
    pub ip: Ipv4Addr,
    pub ports: Vec<ContainerPort>,
    /// For a StatefulSet's pod: the headless Service it is named under.
    pub subdomain: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContainerPort {
    pub name: Option<String>,
    pub port: u32,
    pub protocol: String,
}

impl Pod {
    /// `namespace/name`, as probes name pods.
    #[must_use]
    pub fn reference(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// The number of a named container port.
    #[must_use]
    pub fn named_port(&self, name: &str) -> Option<u32> {
        self.ports
            .iter()
            .find(|port| port.name.as_deref() == Some(name))
            .map(|port| port.port)
    }
}

/// Namespaces, pods and the objects applied to them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct World {
    pub namespaces: Vec<Namespace>,
    pub pods: Vec<Pod>,
    pub objects: Vec<Object>,
    /// The IngressClass marked default: Ingresses without `ingressClassName` go to it.
    pub default_ingress_class: Option<String>,
}

impl World {
    /// Applies objects as `kubectl apply` would: one of the same kind, namespace and name
    /// is replaced.
    pub fn apply(&mut self, objects: Vec<Object>) {
        for object in objects {
            let same = |other: &Object| {
                other.kind == object.kind
                    && other.namespace() == object.namespace()
                    && other.metadata.name == object.metadata.name
            };
            if let Some(existing) = self.objects.iter_mut().find(|other| same(other)) {
                *existing = object;
            } else {
                self.objects.push(object);
            }
        }
    }

    #[must_use]
    pub fn namespace(&self, name: &str) -> Option<&Namespace> {
        self.namespaces
            .iter()
            .find(|namespace| namespace.name == name)
    }

    /// A pod by `namespace/name`.
    #[must_use]
    pub fn pod(&self, reference: &str) -> Option<&Pod> {
        self.pods.iter().find(|pod| pod.reference() == reference)
    }

    /// The labels of a namespace (a namespace not declared has only its name label).
    #[must_use]
    pub fn namespace_labels(&self, name: &str) -> Labels {
        self.namespace(name).map_or_else(
            || Namespace::new(name, Labels::new()).labels,
            |namespace| namespace.labels.clone(),
        )
    }
}

/// Whether `text` matches the regular expression `pattern` (anchored at both ends when
/// `whole`, as Gateway API and Cilium mean it; anywhere, as Traefik's regexp matchers
/// do). The pattern comes from the learner's answer: one too big to compile is no match.
pub(crate) fn regex_matches(pattern: &str, text: &str, whole: bool) -> bool {
    let pattern = if whole {
        format!("^(?:{pattern})$")
    } else {
        pattern.to_owned()
    };
    regex_lite::RegexBuilder::new(&pattern)
        .size_limit(1 << 20)
        .build()
        .is_ok_and(|pattern| pattern.is_match(text))
}

#[cfg(test)]
#[path = "cluster/cluster_tests.rs"]
mod tests;
