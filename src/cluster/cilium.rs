//! CiliumNetworkPolicy (`cilium.io/v2`) ingress on top of Kubernetes NetworkPolicy: an
//! endpoint some policy selects with an `ingress` section accepts only what its rules
//! allow; `fromEndpoints` selectors match pods of the policy's own namespace (unless they
//! name `k8s:io.kubernetes.pod.namespace`); `toPorts` ports are numbers with a protocol
//! (any when absent); an HTTP request through a port with `rules.http` must match one of
//! them, method and path as whole-string regular expressions.

use super::objects::{CiliumIngressRule, CiliumPolicySpec, LabelSelector, Labels};
use super::policy::Endpoint;
use super::read::{Body, Object};
use super::{Pod, World};

/// The namespace label Cilium gives every endpoint.
const NAMESPACE_LABEL: &str = "io.kubernetes.pod.namespace";

/// An HTTP request carried by a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: String,
    pub path: String,
}

/// Whether the Cilium policies selecting `to` let this connection (and its request) in.
#[must_use]
pub fn allowed(
    world: &World,
    from: Endpoint<'_>,
    to: &Pod,
    port: u32,
    protocol: &str,
    http: Option<&HttpRequest>,
) -> bool {
    let selecting: Vec<(&Object, &CiliumPolicySpec)> = world
        .objects
        .iter()
        .filter_map(|object| match &object.body {
            Body::CiliumNetworkPolicy(spec) => Some((object, spec)),
            _ => None,
        })
        .filter(|(object, spec)| {
            object.namespace() == to.namespace
                && spec.ingress.is_some()
                && spec.endpoint_selector.as_ref().is_some_and(|selector| {
                    selects(selector, &to.labels, &to.namespace, object.namespace())
                })
        })
        .collect();
    if selecting.is_empty() {
        return true;
    }
    selecting.iter().any(|(object, spec)| {
        spec.ingress
            .iter()
            .flatten()
            .any(|rule| rule_allows(rule, object.namespace(), from, port, protocol, http))
    })
}

fn rule_allows(
    rule: &CiliumIngressRule,
    namespace: &str,
    from: Endpoint<'_>,
    port: u32,
    protocol: &str,
    http: Option<&HttpRequest>,
) -> bool {
    let source_ok = match (&rule.from_endpoints, from) {
        (None, _) => true,
        (Some(selectors), Endpoint::Pod(pod)) => selectors
            .iter()
            .any(|selector| selects(selector, &pod.labels, &pod.namespace, namespace)),
        (Some(_), Endpoint::Address(_)) => false,
    };
    if !source_ok {
        return false;
    }
    let Some(port_rules) = &rule.to_ports else {
        return true;
    };
    port_rules.iter().any(|port_rule| {
        let port_ok = port_rule.ports.is_empty()
            || port_rule.ports.iter().any(|entry| {
                entry.port.parse::<u32>().is_ok_and(|number| number == port)
                    && entry.protocol.as_deref().is_none_or(|wanted| {
                        wanted.eq_ignore_ascii_case("ANY") || wanted.eq_ignore_ascii_case(protocol)
                    })
            });
        let l7_ok = match (&port_rule.rules, http) {
            (Some(rules), Some(request)) if !rules.http.is_empty() => {
                rules.http.iter().any(|rule| {
                    rule.method.as_deref().is_none_or(|method| {
                        crate::cluster::regex_matches(method, &request.method, true)
                    }) && rule
                        .path
                        .as_deref()
                        .is_none_or(|path| crate::cluster::regex_matches(path, &request.path, true))
                })
            }
            _ => true,
        };
        port_ok && l7_ok
    })
}

/// A Cilium endpoint selector: labels may carry a `k8s:` source prefix; a namespaced
/// policy's selector is confined to its namespace unless it names one.
fn selects(
    selector: &LabelSelector,
    labels: &Labels,
    pod_namespace: &str,
    policy_namespace: &str,
) -> bool {
    let mut plain = LabelSelector::default();
    let mut namespace = policy_namespace.to_owned();
    for (key, value) in &selector.match_labels {
        let key = key.strip_prefix("k8s:").unwrap_or(key);
        if key == NAMESPACE_LABEL {
            namespace.clone_from(value);
        } else {
            plain.match_labels.insert(key.to_owned(), value.clone());
        }
    }
    plain
        .match_expressions
        .clone_from(&selector.match_expressions);
    pod_namespace == namespace && plain.matches(labels)
}
