//! Gateway API (`gateway.networking.k8s.io/v1`): a request reaches a Gateway's listener
//! (port, protocol, hostname); the HTTPRoutes attached to it (parentRefs whose group and
//! kind default to the Gateway's, a namespace the listener's `allowedRoutes` admits:
//! Same by default, All, or a Selector on the route's namespace) are matched by hostname,
//! path (Exact, PathPrefix by whole elements), method and headers, with the
//! specification's precedence: an Exact path, then the longest path, then a method, then
//! the most headers; the chosen rule's backendRefs split requests by `weight`.

use super::World;
use super::ingress::prefix_match;
use super::objects::{
    GatewaySpec, HttpRouteMatch, HttpRouteRule, HttpRouteSpec, Listener, ParentRef,
};
use super::read::{Body, Object};

const GROUP: &str = "gateway.networking.k8s.io";

/// A request as the gateway sees it.
pub struct Request<'r> {
    pub scheme: &'r str,
    pub host: &'r str,
    pub port: u32,
    pub path: &'r str,
    pub method: &'r str,
    pub headers: &'r [(String, String)],
}

/// Where the gateway sends a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Routed {
    /// Backends and their weights (a weight of 0 receives nothing); a backend the route
    /// may not use (another kind, another namespace) is named with `refused`.
    Backends(Vec<WeightedBackend>),
    /// No listener, route or rule matches: 404.
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightedBackend {
    pub namespace: String,
    pub service: String,
    pub port: Option<u32>,
    pub weight: u32,
    pub refused: bool,
}

/// Routes `request` through the Gateway `namespace/name`.
#[must_use]
pub fn route(world: &World, namespace: &str, name: &str, request: &Request<'_>) -> Routed {
    let Some((gateway, spec)) = world.objects.iter().find_map(|object| match &object.body {
        Body::Gateway(spec) if object.namespace() == namespace && object.metadata.name == name => {
            Some((object, spec))
        }
        _ => None,
    }) else {
        return Routed::NotFound;
    };
    // A Gateway whose class does not exist is never programmed.
    let class_exists = world.objects.iter().any(|object| {
        matches!(&object.body, Body::GatewayClass(_))
            && object.metadata.name == spec.gateway_class_name
    });
    if !class_exists {
        return Routed::NotFound;
    }
    let Some(listener) = listener(spec, request) else {
        return Routed::NotFound;
    };
    let mut best: Option<(Precedence, Vec<WeightedBackend>)> = None;
    for (index, (route, route_spec)) in routes(world).enumerate() {
        if !attached(world, gateway, listener, route, route_spec) {
            continue;
        }
        if !route_spec.hostnames.is_empty()
            && !route_spec
                .hostnames
                .iter()
                .any(|hostname| host_matches(hostname, request.host))
        {
            continue;
        }
        for (rule_index, rule) in route_spec.rules.iter().enumerate() {
            let Some(precedence) = best_match(rule, request, (index, rule_index)) else {
                continue;
            };
            if best
                .as_ref()
                .is_none_or(|(current, _)| precedence > *current)
            {
                best = Some((precedence, backends(route, rule)));
            }
        }
    }
    best.map_or(Routed::NotFound, |(_, backends)| Routed::Backends(backends))
}

fn listener<'s>(spec: &'s GatewaySpec, request: &Request<'_>) -> Option<&'s Listener> {
    spec.listeners.iter().find(|listener| {
        listener.port == request.port
            && listener.protocol.eq_ignore_ascii_case(request.scheme)
            && listener
                .hostname
                .as_deref()
                .is_none_or(|hostname| host_matches(hostname, request.host))
    })
}

fn routes(world: &World) -> impl Iterator<Item = (&Object, &HttpRouteSpec)> {
    world
        .objects
        .iter()
        .filter_map(|object| match &object.body {
            Body::HttpRoute(spec) => Some((object, spec)),
            _ => None,
        })
}

/// Whether a route attaches to this listener of the gateway.
fn attached(
    world: &World,
    gateway: &Object,
    listener: &Listener,
    route: &Object,
    spec: &HttpRouteSpec,
) -> bool {
    let refers = |parent: &ParentRef| {
        parent.group.as_deref().unwrap_or(GROUP) == GROUP
            && parent.kind.as_deref().unwrap_or("Gateway") == "Gateway"
            && parent.name == gateway.metadata.name
            && parent.namespace.as_deref().unwrap_or(route.namespace()) == gateway.namespace()
            && parent
                .section_name
                .as_ref()
                .is_none_or(|section| *section == listener.name)
            && parent.port.is_none_or(|port| port == listener.port)
    };
    if !spec.parent_refs.iter().any(refers) {
        return false;
    }
    let namespaces = listener
        .allowed_routes
        .as_ref()
        .and_then(|allowed| allowed.namespaces.as_ref());
    match namespaces
        .and_then(|namespaces| namespaces.from.as_deref())
        .unwrap_or("Same")
    {
        "All" => true,
        "Selector" => namespaces
            .and_then(|namespaces| namespaces.selector.as_ref())
            .is_some_and(|selector| selector.matches(&world.namespace_labels(route.namespace()))),
        "Same" => route.namespace() == gateway.namespace(),
        _ => false,
    }
}

/// A hostname with an optional leading `*.` label standing for one or more labels.
fn host_matches(pattern: &str, host: &str) -> bool {
    let (pattern, host) = (pattern.to_lowercase(), host.to_lowercase());
    match pattern.strip_prefix("*.") {
        Some(suffix) => host.ends_with(&format!(".{suffix}")),
        None => pattern == host,
    }
}

/// How well a rule matched, compared as the specification orders matches; later routes
/// and rules lose ties (the index is negated by comparing in reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Precedence {
    exact: bool,
    path_length: usize,
    method: bool,
    headers: usize,
    order: std::cmp::Reverse<(usize, usize)>,
}

fn best_match(
    rule: &HttpRouteRule,
    request: &Request<'_>,
    order: (usize, usize),
) -> Option<Precedence> {
    let default = [HttpRouteMatch::default()];
    let matches: &[HttpRouteMatch] = match &rule.matches {
        Some(matches) if !matches.is_empty() => matches,
        _ => &default,
    };
    matches
        .iter()
        .filter_map(|entry| {
            let (kind, value) = entry.path.as_ref().map_or(("PathPrefix", "/"), |path| {
                (
                    path.kind.as_deref().unwrap_or("PathPrefix"),
                    path.value.as_deref().unwrap_or("/"),
                )
            });
            let path_ok = match kind {
                "Exact" => value == request.path,
                "PathPrefix" => prefix_match(value, request.path),
                "RegularExpression" => crate::cluster::regex_matches(value, request.path, true),
                _ => false,
            };
            let method_ok = entry
                .method
                .as_deref()
                .is_none_or(|method| method.eq_ignore_ascii_case(request.method));
            let headers_ok = entry.headers.iter().all(|header| {
                request.headers.iter().any(|(name, value)| {
                    name.eq_ignore_ascii_case(&header.name)
                        && match header.kind.as_deref().unwrap_or("Exact") {
                            "Exact" => *value == header.value,
                            "RegularExpression" => {
                                crate::cluster::regex_matches(&header.value, value, true)
                            }
                            _ => false,
                        }
                })
            });
            (path_ok && method_ok && headers_ok).then_some(Precedence {
                exact: kind == "Exact",
                path_length: value.len(),
                method: entry.method.is_some(),
                headers: entry.headers.len(),
                order: std::cmp::Reverse(order),
            })
        })
        .max()
}

fn backends(route: &Object, rule: &HttpRouteRule) -> Vec<WeightedBackend> {
    rule.backend_refs
        .iter()
        .map(|backend| {
            let namespace = backend
                .namespace
                .clone()
                .unwrap_or_else(|| route.namespace().to_owned());
            let service = backend.group.as_deref().unwrap_or_default().is_empty()
                && backend.kind.as_deref().unwrap_or("Service") == "Service";
            WeightedBackend {
                // Another namespace needs a ReferenceGrant, which the model has none of.
                refused: !service || namespace != route.namespace(),
                namespace,
                service: backend.name.clone(),
                port: backend.port,
                weight: backend.weight.unwrap_or(1),
            }
        })
        .collect()
}
