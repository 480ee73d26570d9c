//! Ingress (`networking.k8s.io/v1`) as a controller of one class routes a request: the
//! rules of the most specific matching host (exact, then wildcard, then rules without a
//! host), then the longest matching path, Exact before Prefix on a tie; Prefix matches
//! whole path elements (`/v1` matches `/v1/users`, not `/v12`); ImplementationSpecific is
//! taken as Prefix, as ingress-nginx does without regex; no match goes to the Ingress's
//! `defaultBackend`, else nowhere (404).

use super::World;
use super::objects::{IngressBackend, IngressSpec};
use super::read::{Body, Object};

/// A Service backend: namespace, name and port (a number or a port name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backend {
    pub namespace: String,
    pub service: String,
    pub port: String,
}

/// Where the controller of `class` sends `host` + `path`.
#[must_use]
pub fn route(world: &World, class: &str, host: &str, path: &str) -> Option<Backend> {
    let ingresses: Vec<(&Object, &IngressSpec)> = world
        .objects
        .iter()
        .filter_map(|object| match &object.body {
            Body::Ingress(spec) => Some((object, spec)),
            _ => None,
        })
        .filter(|(_, spec)| match &spec.ingress_class_name {
            Some(name) => name == class,
            None => world.default_ingress_class.as_deref() == Some(class),
        })
        .collect();
    let host = host.to_lowercase();
    for specificity in [HostMatch::Exact, HostMatch::Wildcard, HostMatch::Any] {
        let mut best: Option<(usize, bool, Backend)> = None;
        let mut host_seen = false;
        for (object, spec) in &ingresses {
            for rule in &spec.rules {
                if host_match(rule.host.as_deref(), &host) != Some(specificity) {
                    continue;
                }
                host_seen = true;
                for entry in rule.http.iter().flat_map(|http| &http.paths) {
                    let rule_path = entry.path.as_deref().unwrap_or("/");
                    let exact = entry.path_type.as_deref() == Some("Exact");
                    let matched = if exact {
                        rule_path == path
                    } else {
                        prefix_match(rule_path, path)
                    };
                    if !matched {
                        continue;
                    }
                    let key = (rule_path.len(), exact);
                    if best
                        .as_ref()
                        .is_none_or(|(length, was_exact, _)| key > (*length, *was_exact))
                        && let Some(backend) = backend(object, &entry.backend)
                    {
                        best = Some((key.0, key.1, backend));
                    }
                }
            }
        }
        if let Some((_, _, backend)) = best {
            return Some(backend);
        }
        if host_seen {
            break;
        }
    }
    ingresses.iter().find_map(|(object, spec)| {
        spec.default_backend
            .as_ref()
            .and_then(|default| backend(object, default))
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HostMatch {
    Exact,
    Wildcard,
    Any,
}

/// How a rule's host matches: `*.example.com` stands for exactly one label.
fn host_match(rule_host: Option<&str>, host: &str) -> Option<HostMatch> {
    let Some(rule_host) = rule_host else {
        return Some(HostMatch::Any);
    };
    let rule_host = rule_host.to_lowercase();
    if rule_host == host {
        return Some(HostMatch::Exact);
    }
    let suffix = rule_host.strip_prefix("*.")?;
    let (first, rest) = host.split_once('.')?;
    (!first.is_empty() && rest == suffix).then_some(HostMatch::Wildcard)
}

/// Prefix matching element by element, a trailing `/` ignored: `/` matches every path.
#[must_use]
pub fn prefix_match(prefix: &str, path: &str) -> bool {
    let elements = |text: &str| -> Vec<String> {
        text.split('/')
            .filter(|element| !element.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (prefix, path) = (elements(prefix), elements(path));
    prefix.len() <= path.len() && prefix.iter().zip(&path).all(|(a, b)| a == b)
}

fn backend(object: &Object, backend: &IngressBackend) -> Option<Backend> {
    let service = backend.service.as_ref()?;
    let port = service
        .port
        .as_ref()
        .and_then(|port| {
            port.number
                .map(|number| number.to_string())
                .or_else(|| port.name.clone())
        })
        .unwrap_or_default();
    Some(Backend {
        namespace: object.namespace().to_owned(),
        service: service.name.clone(),
        port,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_is_element_wise_as_the_documentation_table_says() {
        // The examples table of the Ingress documentation.
        for (prefix, path, matches) in [
            ("/", "/anything", true),
            ("/foo", "/foo", true),
            ("/foo", "/foo/", true),
            ("/foo/", "/foo", true),
            ("/aaa/bb", "/aaa/bbb", false),
            ("/aaa/bbb", "/aaa/bbb", true),
            ("/aaa/bbb/", "/aaa/bbb", true),
            ("/aaa/bbb", "/aaa/bbb/", true),
            ("/aaa/bbb", "/aaa/bbb/ccc", true),
            ("/aaa/bbb", "/aaa/bbbxyz", false),
            ("/v1", "/v12", false),
        ] {
            assert_eq!(prefix_match(prefix, path), matches, "{prefix} vs {path}");
        }
    }

    #[test]
    fn a_wildcard_host_stands_for_one_label() {
        assert_eq!(
            host_match(Some("*.foo.com"), "bar.foo.com"),
            Some(HostMatch::Wildcard)
        );
        assert_eq!(host_match(Some("*.foo.com"), "baz.bar.foo.com"), None);
        assert_eq!(host_match(Some("*.foo.com"), "foo.com"), None);
        assert_eq!(
            host_match(Some("Foo.com"), "foo.com"),
            Some(HostMatch::Exact)
        );
        assert_eq!(host_match(None, "foo.com"), Some(HostMatch::Any));
    }
}
