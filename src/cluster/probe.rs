//! Questions asked of a world and what it answers: may one pod connect to another, where
//! does a request through an Ingress, a Gateway or Traefik go, which pods does traffic to
//! a Service or a node port land on, what does a name resolve to.

mod route;

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::World;
use super::cilium::{self, HttpRequest};
use super::dns::{self, Answer};
use super::policy::{self, Endpoint};
use super::service::{self, FoundService};

/// One question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Probe {
    /// A TCP/UDP connection from a pod (`namespace/name`) or an outside address to a pod.
    Connect {
        from: String,
        to: String,
        port: u32,
        protocol: String,
        /// An HTTP request on the connection, for L7 policies (Cilium).
        http: Option<HttpRequest>,
    },
    /// An HTTP request through an entrance.
    Request {
        url: String,
        method: String,
        headers: Vec<(String, String)>,
        through: Through,
    },
    /// Traffic to a Service address (`name:port`, resolved as `from` would) or to a node
    /// port on any node (`node:30080`); `from` is a pod, or `None` outside the cluster.
    Send { from: Option<String>, to: String },
    /// A DNS lookup from a pod (or outside the cluster).
    Resolve { from: Option<String>, name: String },
}

/// The entrance a request goes through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Through {
    /// The Ingress controller of a class.
    Ingress { class: String },
    /// A Gateway, `namespace/name`.
    Gateway { namespace: String, name: String },
    /// Traefik at an entry point.
    Traefik { entry_point: String },
}

/// Percent of requests per backend (`service:port`), summing to 100; empty: 404.
pub type Shares = BTreeMap<String, u32>;

/// What the world did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observed {
    Allowed(bool),
    /// Where requests went, and the routers a missing Middleware broke on the way.
    Routed {
        shares: Shares,
        broken: Vec<String>,
    },
    /// The pods (`namespace/name:port`) traffic lands on.
    Endpoints(Vec<String>),
    Resolved(Answer),
}

/// What the probe should find.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Allowed(bool),
    /// Backends and their percent; a backend named without a port matches any port.
    Shares(Shares),
    Endpoints(Vec<String>),
    Resolved(Answer),
}

/// A probe that did not find what it should.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeFailure {
    pub probe: Probe,
    pub expected: Expected,
    pub observed: Observed,
}

impl Probe {
    /// How a connection is described: its protocol, or the HTTP request it carries.
    #[must_use]
    pub fn protocol_text(&self) -> String {
        match self {
            Self::Connect {
                protocol,
                http: Some(request),
                ..
            } => format!("{} {} over {protocol}", request.method, request.path),
            Self::Connect { protocol, .. } => protocol.clone(),
            _ => String::new(),
        }
    }

    /// Who asks: a pod, an address, or the outside of the cluster.
    #[must_use]
    pub fn source(&self) -> Option<&str> {
        match self {
            Self::Connect { from, .. } => Some(from),
            Self::Send { from, .. } | Self::Resolve { from, .. } => from.as_deref(),
            Self::Request { .. } => None,
        }
    }
}

/// Shares as `a:80 90%, b:80 10%` (joined by `separator`); a backend the route may not
/// use is marked with `refused`.
#[must_use]
pub fn shares_text(shares: &Shares, refused: &str, separator: &str) -> String {
    shares
        .iter()
        .map(|(backend, percent)| match backend.strip_prefix('!') {
            Some(backend) => format!("{backend} {refused} {percent}%"),
            None => format!("{backend} {percent}%"),
        })
        .collect::<Vec<_>>()
        .join(separator)
}

impl std::fmt::Display for Answer {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Service { namespace, name } => write!(formatter, "Service {namespace}/{name}"),
            Self::Pod { namespace, name } => write!(formatter, "Pod {namespace}/{name}"),
            Self::Cname(target) => write!(formatter, "CNAME {target}"),
            Self::NotFound => write!(formatter, "NXDOMAIN"),
        }
    }
}

impl std::fmt::Display for ProbeFailure {
    /// In English, for `manabi check` and `manabi grade`; the reader words it in the
    /// learner's language.
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let from = self.probe.source().unwrap_or("outside the cluster");
        match (&self.probe, &self.expected, &self.observed) {
            (Probe::Connect { to, port, .. }, _, Observed::Allowed(true)) => {
                let protocol = self.probe.protocol_text();
                write!(
                    formatter,
                    "{from} can reach {to} on {protocol} {port}; it must not"
                )
            }
            (Probe::Connect { to, port, .. }, _, Observed::Allowed(false)) => {
                let protocol = self.probe.protocol_text();
                write!(
                    formatter,
                    "{from} cannot reach {to} on {protocol} {port}; it must"
                )
            }
            (
                Probe::Request { url, method, .. },
                Expected::Shares(want),
                Observed::Routed { shares, broken },
            ) => write_misrouted(formatter, method, url, want, shares, broken),
            (Probe::Send { to, .. }, Expected::Endpoints(want), Observed::Endpoints(got)) => {
                write!(
                    formatter,
                    "traffic from {from} to {to} lands on {}; expected {}",
                    pods_text(got),
                    pods_text(want)
                )
            }
            (Probe::Resolve { name, .. }, Expected::Resolved(want), Observed::Resolved(got)) => {
                write!(
                    formatter,
                    "{name} looked up from {from} is {got}; expected {want}"
                )
            }
            _ => write!(
                formatter,
                "the probe found {:?}, expected {:?}",
                self.observed, self.expected
            ),
        }
    }
}

/// Where a request went against where it should have, then each router a missing
/// Middleware broke on the way.
fn write_misrouted(
    formatter: &mut std::fmt::Formatter<'_>,
    method: &str,
    url: &str,
    want: &Shares,
    got: &Shares,
    broken: &[String],
) -> std::fmt::Result {
    let got = if got.is_empty() {
        "nowhere (404)".to_owned()
    } else {
        shares_text(got, "(refused)", ", ")
    };
    let want = if want.is_empty() {
        "nowhere (404)".to_owned()
    } else {
        shares_text(want, "", ", ")
    };
    write!(formatter, "{method} {url} goes to {got}; expected {want}")?;
    for router in broken {
        write!(
            formatter,
            "; router {router} is broken: the Middleware does not exist"
        )?;
    }
    Ok(())
}

/// Pods as a list, or "no pod" when traffic lands nowhere.
fn pods_text(pods: &[String]) -> String {
    if pods.is_empty() {
        "no pod".to_owned()
    } else {
        pods.join(", ")
    }
}

/// Runs `probe` against `world` and compares with `expected`; an error is a probe that
/// cannot run (a pod it names is not in the world): the author's mistake.
pub fn run_probe(
    world: &World,
    probe: &Probe,
    expected: &Expected,
) -> Result<Option<ProbeFailure>, String> {
    let observed = observe(world, probe)?;
    let holds = match (expected, &observed) {
        (Expected::Allowed(want), Observed::Allowed(got)) => want == got,
        (Expected::Shares(want), Observed::Routed { shares, .. }) => shares_match(want, shares),
        (Expected::Endpoints(want), Observed::Endpoints(got)) => {
            let (mut want, mut got) = (want.clone(), got.clone());
            want.sort();
            got.sort();
            want == got
        }
        (Expected::Resolved(want), Observed::Resolved(got)) => want == got,
        _ => return Err("the probe and its expectation are of different kinds".to_owned()),
    };
    Ok((!holds).then(|| ProbeFailure {
        probe: probe.clone(),
        expected: expected.clone(),
        observed,
    }))
}

/// `want` names backends as `service` or `service:port`; refused backends (`!` before the
/// name) never match.
fn shares_match(want: &Shares, got: &Shares) -> bool {
    let mut got_by_want: BTreeMap<&str, u32> = BTreeMap::new();
    for (backend, percent) in got {
        let key = want.keys().find(|name| {
            *name == backend
                || (!name.contains(':') && backend.split(':').next() == Some(name.as_str()))
        });
        match key {
            Some(key) => *got_by_want.entry(key.as_str()).or_default() += percent,
            None if *percent > 0 => return false,
            None => {}
        }
    }
    want.iter()
        .all(|(name, percent)| got_by_want.get(name.as_str()).copied().unwrap_or(0) == *percent)
}

fn observe(world: &World, probe: &Probe) -> Result<Observed, String> {
    let pod = |reference: &str| {
        world
            .pod(reference)
            .ok_or_else(|| format!("no pod `{reference}` in the world"))
    };
    Ok(match probe {
        Probe::Connect {
            from,
            to,
            port,
            protocol,
            http,
        } => {
            let from = match from.parse::<Ipv4Addr>() {
                Ok(address) => Endpoint::Address(address),
                Err(_) => Endpoint::Pod(pod(from)?),
            };
            let to = pod(to)?;
            Observed::Allowed(
                policy::allowed(world, from, to, *port, protocol)
                    && cilium::allowed(world, from, to, *port, protocol, http.as_ref()),
            )
        }
        Probe::Request {
            url,
            method,
            headers,
            through,
        } => route::route(world, url, method, headers, through)?,
        Probe::Send { from, to } => {
            let namespace = from
                .as_deref()
                .map(pod)
                .transpose()?
                .map(|pod| pod.namespace.as_str());
            Observed::Endpoints(send(world, namespace, to)?)
        }
        Probe::Resolve { from, name } => {
            let namespace = from
                .as_deref()
                .map(pod)
                .transpose()?
                .map(|pod| pod.namespace.as_str());
            Observed::Resolved(dns::resolve(world, namespace, name))
        }
    })
}

/// The pods that traffic to `to` lands on, with the port on each.
fn send(world: &World, namespace: Option<&str>, to: &str) -> Result<Vec<String>, String> {
    let (host, port) = to
        .rsplit_once(':')
        .ok_or_else(|| format!("`{to}` needs a port: `name:port`"))?;
    let port: u32 = port
        .parse()
        .map_err(|_| format!("`{port}` is not a port number"))?;
    let landed = |found: &FoundService<'_>, service_port| {
        service::endpoints(world, found, service_port)
            .into_iter()
            .map(|(pod, target)| format!("{}:{target}", pod.reference()))
            .collect::<Vec<_>>()
    };
    if host == "node" {
        return Ok(service::by_node_port(world, port)
            .map(|(found, service_port)| landed(&found, service_port))
            .unwrap_or_default());
    }
    let Answer::Service { namespace, name } = dns::resolve(world, namespace, host) else {
        return Ok(Vec::new());
    };
    let Some(found) = service::service(world, &namespace, &name) else {
        return Ok(Vec::new());
    };
    Ok(service::cluster_port(&found, port)
        .map(|service_port| landed(&found, service_port))
        .unwrap_or_default())
}
