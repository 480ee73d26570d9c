//! A request through an entrance (an Ingress controller, a Gateway, Traefik) as the
//! percent of requests each backend gets: each entrance names its backends its own way,
//! and a probe compares them in one form, `service:port` with the port as a number.

use super::{Observed, Shares, Through};
use crate::cluster::{World, gateway, ingress, service, traefik};

/// Where a request to `url` through `through` goes; an error is a URL the model cannot
/// route.
pub(super) fn route(
    world: &World,
    url: &str,
    method: &str,
    headers: &[(String, String)],
    through: &Through,
) -> Result<Observed, String> {
    let url = Url::parse(url)?;
    let (shares, broken) = match through {
        Through::Ingress { class } => (through_ingress(world, class, &url), Vec::new()),
        Through::Gateway { namespace, name } => (
            through_gateway(world, namespace, name, &url, method, headers),
            Vec::new(),
        ),
        Through::Traefik { entry_point } => {
            through_traefik(world, entry_point, &url, method, headers)
        }
    };
    Ok(Observed::Routed { shares, broken })
}

fn through_ingress(world: &World, class: &str, url: &Url) -> Shares {
    let mut shares = Shares::new();
    if let Some(backend) = ingress::route(world, class, &url.host, &url.path) {
        let port = port_number(world, &backend.namespace, &backend.service, &backend.port);
        shares.insert(format!("{}:{port}", backend.service), 100);
    }
    shares
}

fn through_gateway(
    world: &World,
    namespace: &str,
    name: &str,
    url: &Url,
    method: &str,
    headers: &[(String, String)],
) -> Shares {
    let request = gateway::Request {
        scheme: &url.scheme,
        host: &url.host,
        port: url.port,
        path: &url.path,
        method,
        headers,
    };
    let gateway::Routed::Backends(backends) = gateway::route(world, namespace, name, &request)
    else {
        return Shares::new();
    };
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
    percentages(&weighted)
}

/// The shares, and the routers a missing Middleware broke (`route (Middleware name)`).
fn through_traefik(
    world: &World,
    entry_point: &str,
    url: &Url,
    method: &str,
    headers: &[(String, String)],
) -> (Shares, Vec<String>) {
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
            let port = port_number(world, &backend.namespace, &backend.service, &backend.port);
            (format!("{mark}{}:{port}", backend.service), backend.weight)
        })
        .collect();
    let broken = broken_routers
        .into_iter()
        .map(|router| format!("{} (Middleware {})", router.route, router.middleware))
        .collect();
    (percentages(&weighted), broken)
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
