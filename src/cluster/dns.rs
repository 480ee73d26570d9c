//! Cluster DNS as CoreDNS's kubernetes plugin answers it: `svc.ns.svc.cluster.local` for
//! Services, `pod.svc.ns.svc.cluster.local` for a StatefulSet's pods under a headless
//! Service, a CNAME for ExternalName; short names are tried with the asking pod's search
//! domains (`ns.svc.cluster.local svc.cluster.local cluster.local`, `ndots:5`).

use super::World;
use super::service::{service, services};

const ZONE: &str = "cluster.local";
/// Names with fewer dots than this are tried with the search domains first.
const NDOTS: usize = 5;

/// What a name resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A Service's ClusterIP (or, headless, its pods).
    Service { namespace: String, name: String },
    /// One pod of a StatefulSet.
    Pod { namespace: String, name: String },
    /// An ExternalName Service: a CNAME to a name outside the cluster, no proxy.
    Cname(String),
    /// NXDOMAIN, or a name outside the cluster the model cannot see.
    NotFound,
}

/// Resolves `name` as a pod in `namespace` would (outside any pod: `None`, the name is
/// taken as absolute).
#[must_use]
pub fn resolve(world: &World, namespace: Option<&str>, name: &str) -> Answer {
    let name = name.to_lowercase();
    if let Some(absolute) = name.strip_suffix('.') {
        return lookup(world, absolute);
    }
    let mut candidates = Vec::new();
    if let Some(namespace) = namespace {
        let search = [
            format!("{namespace}.svc.{ZONE}"),
            format!("svc.{ZONE}"),
            ZONE.to_owned(),
        ];
        let dots = name.matches('.').count();
        if dots < NDOTS {
            candidates.extend(search.iter().map(|domain| format!("{name}.{domain}")));
            candidates.push(name.clone());
        } else {
            candidates.push(name.clone());
            candidates.extend(search.iter().map(|domain| format!("{name}.{domain}")));
        }
    } else {
        candidates.push(name.clone());
    }
    candidates
        .iter()
        .map(|candidate| lookup(world, candidate))
        .find(|answer| *answer != Answer::NotFound)
        .unwrap_or(Answer::NotFound)
}

/// One fully qualified name, without its final dot.
fn lookup(world: &World, name: &str) -> Answer {
    let Some(local) = name.strip_suffix(&format!(".svc.{ZONE}")) else {
        return Answer::NotFound;
    };
    let labels: Vec<&str> = local.split('.').collect();
    match labels.as_slice() {
        [service_name, namespace] => match service(world, namespace, service_name) {
            Some(found) if found.kind() == "ExternalName" => found
                .spec
                .external_name
                .clone()
                .map_or(Answer::NotFound, Answer::Cname),
            Some(_) => Answer::Service {
                namespace: (*namespace).to_owned(),
                name: (*service_name).to_owned(),
            },
            None => Answer::NotFound,
        },
        [pod_name, service_name, namespace] => {
            let headless = services(world).any(|found| {
                found.object.namespace() == *namespace
                    && found.object.metadata.name == *service_name
                    && found.headless()
            });
            let pod = world.pods.iter().find(|pod| {
                pod.namespace == *namespace
                    && pod.name == *pod_name
                    && pod.subdomain.as_deref() == Some(*service_name)
            });
            match pod {
                Some(pod) if headless => Answer::Pod {
                    namespace: pod.namespace.clone(),
                    name: pod.name.clone(),
                },
                _ => Answer::NotFound,
            }
        }
        _ => Answer::NotFound,
    }
}
