//! Questions asked of a world and what it answers: may one pod connect to another, where
//! does a request through an Ingress, a Gateway or Traefik go, which pods does traffic to
//! a Service or a node port land on, what does a name resolve to.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::cilium::{self, HttpRequest};
use super::dns::{self, Answer};
use super::policy::{self, Endpoint};
use super::service::{self, FoundService};
use super::{World, gateway, ingress, traefik};

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
        let list = |items: &[String]| {
            if items.is_empty() {
                "no pod".to_owned()
            } else {
                items.join(", ")
            }
        };
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
            ) => {
                let got = if shares.is_empty() {
                    "nowhere (404)".to_owned()
                } else {
                    shares_text(shares, "(refused)", ", ")
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
            (Probe::Send { to, .. }, Expected::Endpoints(want), Observed::Endpoints(got)) => {
                write!(
                    formatter,
                    "traffic from {from} to {to} lands on {}; expected {}",
                    list(got),
                    list(want)
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
        } => {
            let url = Url::parse(url)?;
            route(world, &url, method, headers, through)
        }
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

fn route(
    world: &World,
    url: &Url,
    method: &str,
    headers: &[(String, String)],
    through: &Through,
) -> Observed {
    let mut shares = Shares::new();
    let mut broken = Vec::new();
    match through {
        Through::Ingress { class } => {
            if let Some(backend) = ingress::route(world, class, &url.host, &url.path) {
                let port = port_number(world, &backend.namespace, &backend.service, &backend.port);
                shares.insert(format!("{}:{port}", backend.service), 100);
            }
        }
        Through::Gateway { namespace, name } => {
            let request = gateway::Request {
                scheme: &url.scheme,
                host: &url.host,
                port: url.port,
                path: &url.path,
                method,
                headers,
            };
            if let gateway::Routed::Backends(backends) =
                gateway::route(world, namespace, name, &request)
            {
                let weighted: Vec<(String, u32)> = backends
                    .iter()
                    .map(|backend| {
                        let port = backend
                            .port
                            .map(|port| port.to_string())
                            .unwrap_or_default();
                        let mark = if backend.refused { "!" } else { "" };
                        (format!("{mark}{}:{port}", backend.service), backend.weight)
                    })
                    .collect();
                shares = percentages(&weighted);
            }
        }
        Through::Traefik { entry_point } => {
            let request = traefik::Request {
                entry_point,
                host: &url.host,
                path: &url.path,
                method,
                headers,
            };
            let (backends, broken_routers) = traefik::route(world, &request);
            let weighted: Vec<(String, u32)> = backends
                .iter()
                .map(|backend| {
                    let mark = if backend.refused { "!" } else { "" };
                    let port =
                        port_number(world, &backend.namespace, &backend.service, &backend.port);
                    (format!("{mark}{}:{port}", backend.service), backend.weight)
                })
                .collect();
            shares = percentages(&weighted);
            broken = broken_routers
                .into_iter()
                .map(|router| format!("{} (Middleware {})", router.route, router.middleware))
                .collect();
        }
    }
    Observed::Routed { shares, broken }
}

/// A backend's Service port as its number: a port given by name is looked up on the
/// Service, as controllers resolve it (kept as written when the Service or the name is
/// not there).
fn port_number(world: &World, namespace: &str, service_name: &str, port: &str) -> String {
    if port.parse::<u32>().is_ok() {
        return port.to_owned();
    }
    service::service(world, namespace, service_name)
        .and_then(|found| {
            found
                .spec
                .ports
                .iter()
                .find(|candidate| candidate.name.as_deref() == Some(port))
                .map(|candidate| candidate.port.to_string())
        })
        .unwrap_or_else(|| port.to_owned())
}

/// Weights as whole percents (largest remainders get the rounding), weight 0 left out.
fn percentages(weighted: &[(String, u32)]) -> Shares {
    let total: u64 = weighted.iter().map(|(_, weight)| u64::from(*weight)).sum();
    let mut shares = Shares::new();
    if total == 0 {
        return shares;
    }
    let mut parts: Vec<(String, u64, u64)> = weighted
        .iter()
        .filter(|(_, weight)| *weight > 0)
        .map(|(name, weight)| {
            let scaled = u64::from(*weight) * 100;
            (name.clone(), scaled / total, scaled % total)
        })
        .collect();
    let given: u64 = parts.iter().map(|(_, whole, _)| whole).sum();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by(|a, b| parts[*b].2.cmp(&parts[*a].2));
    for index in order
        .into_iter()
        .take(usize::try_from(100 - given).unwrap_or(0))
    {
        parts[index].1 += 1;
    }
    for (name, percent, _) in parts {
        *shares.entry(name).or_default() += u32::try_from(percent).unwrap_or(100);
    }
    shares
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

/// The parts of a request URL the model routes on.
struct Url {
    scheme: String,
    host: String,
    port: u32,
    path: String,
}

impl Url {
    fn parse(url: &str) -> Result<Self, String> {
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("`{url}` is not a URL"))?;
        let scheme = scheme.to_lowercase();
        let default_port = match scheme.as_str() {
            "http" => 80,
            "https" => 443,
            _ => return Err(format!("`{url}`: only http and https are routed")),
        };
        let (authority, path) = rest
            .find('/')
            .map_or((rest, "/"), |at| (&rest[..at], &rest[at..]));
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (
                host,
                port.parse().map_err(|_| format!("`{url}`: bad port"))?,
            ),
            None => (authority, default_port),
        };
        Ok(Self {
            scheme,
            host: host.to_lowercase(),
            port,
            path: path.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_become_whole_percents() {
        let shares = |weights: &[(&str, u32)]| {
            percentages(
                &weights
                    .iter()
                    .map(|(name, weight)| ((*name).to_owned(), *weight))
                    .collect::<Vec<_>>(),
            )
        };
        assert_eq!(
            shares(&[("a", 90), ("b", 10)]),
            Shares::from([("a".to_owned(), 90), ("b".to_owned(), 10)])
        );
        assert_eq!(
            shares(&[("a", 3), ("b", 1)]),
            Shares::from([("a".to_owned(), 75), ("b".to_owned(), 25)])
        );
        assert_eq!(
            shares(&[("a", 1), ("b", 1), ("c", 1)])
                .values()
                .sum::<u32>(),
            100
        );
        assert_eq!(
            shares(&[("a", 1), ("b", 0)]),
            Shares::from([("a".to_owned(), 100)])
        );
        assert!(shares(&[("a", 0)]).is_empty());
    }

    #[test]
    fn a_url_is_read_for_routing() {
        let url = Url::parse("https://API.example.com/v1/users?id=3").unwrap();
        assert_eq!(
            (
                url.scheme.as_str(),
                url.host.as_str(),
                url.port,
                url.path.as_str()
            ),
            ("https", "api.example.com", 443, "/v1/users")
        );
        let url = Url::parse("http://a.com:8080").unwrap();
        assert_eq!((url.port, url.path.as_str()), (8080, "/"));
        assert!(Url::parse("api.example.com/v1").is_err());
        assert!(Url::parse("ftp://a.com/").is_err());
    }
}
