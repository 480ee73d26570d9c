//! Manifest exercises graded by what the answer does: the exercise's world (namespaces,
//! pods, manifests already applied), the answer applied to it, and probes with their
//! expected outcomes, read from `quiz.yaml`'s `world:` and `expect:`.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use serde::Deserialize;
use serde_yaml::Value;

use super::{AnswerError, Failure, Reason, read_manifest};
use crate::cluster::{
    Answer, ContainerPort, Expected, HttpRequest, Labels, Namespace, Pod, Probe, Through, World,
    read_objects, run_probe,
};

/// The world an answer is applied to and what must then hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Behaviour {
    pub world: World,
    /// The namespace the answer's objects go to when they name none (`kubectl -n`).
    pub namespace: Option<String>,
    pub probes: Vec<ProbeCheck>,
}

/// One probe, its expected outcome, and the author's words for a failure.
#[derive(Debug, Clone, PartialEq)]
pub struct ProbeCheck {
    pub probe: Probe,
    pub expected: Expected,
    pub message: Option<String>,
}

/// Every probe the answer fails; an answer the API server would reject (unknown field,
/// missing required field, unknown kind) cannot be graded yet.
pub fn check_behaviour(
    behaviour: &Behaviour,
    documents: &[Value],
) -> Result<Vec<Failure>, AnswerError> {
    let mut objects = read_objects(documents).map_err(AnswerError::Rejected)?;
    if let Some(namespace) = &behaviour.namespace {
        for object in &mut objects {
            object
                .metadata
                .namespace
                .get_or_insert_with(|| namespace.clone());
        }
    }
    let mut world = behaviour.world.clone();
    world.apply(objects);
    let mut failures = Vec::new();
    for check in &behaviour.probes {
        let reason = match run_probe(&world, &check.probe, &check.expected) {
            Ok(None) => continue,
            Ok(Some(failure)) => Reason::Probe {
                failure,
                message: check.message.clone(),
            },
            Err(problem) => Reason::Authored(problem),
        };
        failures.push(Failure {
            document: None,
            reason,
        });
    }
    Ok(failures)
}

/// `world:` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct WorldEntry {
    /// Namespace → its labels.
    #[serde(default)]
    namespaces: BTreeMap<String, Labels>,
    #[serde(default)]
    pods: Vec<PodEntry>,
    ingress_class: Option<String>,
    namespace: Option<String>,
    manifests: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PodEntry {
    name: String,
    namespace: String,
    #[serde(default)]
    labels: Labels,
    ip: Option<Ipv4Addr>,
    #[serde(default)]
    ports: Vec<PortEntry>,
    subdomain: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PortEntry {
    name: Option<String>,
    port: u32,
    protocol: Option<String>,
}

/// One entry of `expect:` as written: the probe's keys and the outcome's keys.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeEntry {
    connect: Option<ConnectEntry>,
    request: Option<String>,
    through: Option<String>,
    method: Option<String>,
    #[serde(default)]
    headers: BTreeMap<String, String>,
    send: Option<String>,
    resolve: Option<String>,
    from: Option<String>,
    allowed: Option<bool>,
    reaches: Option<Reach>,
    shares: Option<BTreeMap<String, u32>>,
    service: Option<String>,
    pod: Option<String>,
    cname: Option<String>,
    found: Option<bool>,
    message: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectEntry {
    from: String,
    to: String,
    port: u32,
    protocol: Option<String>,
    /// An HTTP request on the connection, `METHOD /path`, for L7 policies.
    http: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Reach {
    One(String),
    Many(Vec<String>),
}

/// The default entrance of a class when `through: ingress` names none.
const DEFAULT_INGRESS_CLASS: &str = "nginx";

impl WorldEntry {
    /// The world, with its manifests applied.
    pub fn build(&self) -> Result<(World, Option<String>), String> {
        let mut world = World {
            namespaces: self
                .namespaces
                .iter()
                .map(|(name, labels)| Namespace::new(name, labels.clone()))
                .collect(),
            default_ingress_class: self.ingress_class.clone(),
            ..World::default()
        };
        for (index, pod) in self.pods.iter().enumerate() {
            let index = u32::try_from(index).unwrap_or(0);
            world.pods.push(Pod {
                name: pod.name.clone(),
                namespace: pod.namespace.clone(),
                labels: pod.labels.clone(),
                ip: pod.ip.unwrap_or_else(|| {
                    Ipv4Addr::from(0x0af4_0002 + (index / 250) * 256 + index % 250)
                }),
                ports: pod
                    .ports
                    .iter()
                    .map(|port| ContainerPort {
                        name: port.name.clone(),
                        port: port.port,
                        protocol: port.protocol.clone().unwrap_or_else(|| "TCP".to_owned()),
                    })
                    .collect(),
                subdomain: pod.subdomain.clone(),
            });
        }
        if let Some(manifests) = &self.manifests {
            let documents =
                read_manifest(manifests).map_err(|error| format!("`manifests`: {error}"))?;
            let objects =
                read_objects(&documents).map_err(|error| format!("`manifests`: {error}"))?;
            world.apply(objects);
        }
        Ok((world, self.namespace.clone()))
    }
}

impl ProbeEntry {
    /// The probe and its expected outcome; the error says what is missing or extra.
    pub fn check(&self, world: &World) -> Result<ProbeCheck, String> {
        let kinds = [
            self.connect.is_some(),
            self.request.is_some(),
            self.send.is_some(),
            self.resolve.is_some(),
        ];
        if kinds.iter().filter(|given| **given).count() != 1 {
            return Err("a probe is one of `connect`, `request`, `send` or `resolve`".to_owned());
        }
        let from = self
            .from
            .as_deref()
            .map(|reference| pod_in(world, reference))
            .transpose()?;
        let (probe, expected) = if let Some(connect) = &self.connect {
            self.connect_probe(connect, world)?
        } else if let Some(url) = &self.request {
            self.request_probe(url, world)?
        } else if let Some(target) = &self.send {
            self.send_probe(target, from)?
        } else {
            self.resolve_probe(from)?
        };
        Ok(ProbeCheck {
            probe,
            expected,
            message: self.message.clone(),
        })
    }

    fn connect_probe(
        &self,
        connect: &ConnectEntry,
        world: &World,
    ) -> Result<(Probe, Expected), String> {
        if connect.from.parse::<Ipv4Addr>().is_err() {
            pod_in(world, &connect.from)?;
        }
        let http = connect.http.as_deref().map(http_request).transpose()?;
        let probe = Probe::Connect {
            from: connect.from.clone(),
            to: pod_in(world, &connect.to)?,
            port: connect.port,
            protocol: connect.protocol.clone().unwrap_or_else(|| "TCP".to_owned()),
            http,
        };
        let allowed = self
            .allowed
            .ok_or("a `connect` probe expects `allowed: true` or `false`")?;
        Ok((probe, Expected::Allowed(allowed)))
    }

    fn send_probe(&self, target: &str, from: Option<String>) -> Result<(Probe, Expected), String> {
        let probe = Probe::Send {
            from,
            to: target.to_owned(),
        };
        let expected = match &self.reaches {
            Some(Reach::One(nothing)) if nothing == "nothing" => Expected::Endpoints(Vec::new()),
            Some(Reach::One(one)) => Expected::Endpoints(vec![one.clone()]),
            Some(Reach::Many(many)) => Expected::Endpoints(many.clone()),
            None => return Err("a `send` probe expects `reaches:` the pods as `namespace/name:port` (or `nothing`)".to_owned()),
        };
        Ok((probe, expected))
    }

    fn request_probe(&self, url: &str, world: &World) -> Result<(Probe, Expected), String> {
        let through = self.through.as_deref().ok_or(
            "a `request` probe says `through:` ingress, gateway NAMESPACE/NAME or traefik",
        )?;
        let probe = Probe::Request {
            url: url.to_owned(),
            method: self.method.clone().unwrap_or_else(|| "GET".to_owned()),
            headers: self
                .headers
                .iter()
                .map(|(name, value)| (name.clone(), value.clone()))
                .collect(),
            through: through_of(through, url, world)?,
        };
        let expected =
            match (&self.reaches, &self.shares) {
                (Some(Reach::One(backend)), None) if backend == "nothing" => {
                    Expected::Shares(BTreeMap::new())
                }
                (Some(Reach::One(backend)), None) => {
                    Expected::Shares(BTreeMap::from([(backend.clone(), 100)]))
                }
                (None, Some(shares)) => {
                    if shares.values().sum::<u32>() != 100 {
                        return Err("`shares` must add up to 100".to_owned());
                    }
                    Expected::Shares(shares.clone())
                }
                _ => return Err(
                    "a `request` probe expects `reaches: SERVICE:PORT` (or `nothing`) or `shares:`"
                        .to_owned(),
                ),
            };
        Ok((probe, expected))
    }

    fn resolve_probe(&self, from: Option<String>) -> Result<(Probe, Expected), String> {
        let name = self.resolve.clone().unwrap_or_default();
        let split = |reference: &str| -> Result<(String, String), String> {
            reference
                .split_once('/')
                .map(|(namespace, name)| (namespace.to_owned(), name.to_owned()))
                .ok_or_else(|| format!("`{reference}` is `namespace/name`"))
        };
        let answer = match (&self.service, &self.pod, &self.cname, self.found) {
            (Some(service), None, None, None) => {
                let (namespace, name) = split(service)?;
                Answer::Service { namespace, name }
            }
            (None, Some(pod), None, None) => {
                let (namespace, name) = split(pod)?;
                Answer::Pod { namespace, name }
            }
            (None, None, Some(cname), None) => Answer::Cname(cname.clone()),
            (None, None, None, Some(false)) => Answer::NotFound,
            _ => return Err(
                "a `resolve` probe expects one of `service:`, `pod:`, `cname:` or `found: false`"
                    .to_owned(),
            ),
        };
        Ok((Probe::Resolve { from, name }, Expected::Resolved(answer)))
    }
}

/// A pod the probe names, which must be in the world for the probe to mean anything.
fn pod_in(world: &World, reference: &str) -> Result<String, String> {
    world
        .pod(reference)
        .map(|_| reference.to_owned())
        .ok_or_else(|| format!("no pod `{reference}` in the world (pods are `namespace/name`)"))
}

/// `http:` of a connection, `METHOD /path`.
fn http_request(request: &str) -> Result<HttpRequest, String> {
    let (method, path) = request
        .split_once(' ')
        .filter(|(_, path)| path.starts_with('/'))
        .ok_or("`http:` is `METHOD /path`, for example `GET /api/v1/users`")?;
    Ok(HttpRequest {
        method: method.to_owned(),
        path: path.trim().to_owned(),
    })
}

/// `ingress [CLASS]`, `gateway NAMESPACE/NAME`, `traefik [ENTRY POINT]` (by default
/// `websecure` for https and `web` for http, as Traefik's own defaults name them).
fn through_of(text: &str, url: &str, world: &World) -> Result<Through, String> {
    let mut words = text.split_whitespace();
    let kind = words.next().unwrap_or_default();
    let argument = words.next();
    match kind {
        "ingress" => Ok(Through::Ingress {
            class: argument
                .map(str::to_owned)
                .or_else(|| world.default_ingress_class.clone())
                .unwrap_or_else(|| DEFAULT_INGRESS_CLASS.to_owned()),
        }),
        "gateway" => {
            let (namespace, name) = argument
                .and_then(|reference| reference.split_once('/'))
                .ok_or("`through: gateway NAMESPACE/NAME`")?;
            Ok(Through::Gateway {
                namespace: namespace.to_owned(),
                name: name.to_owned(),
            })
        }
        "traefik" => Ok(Through::Traefik {
            entry_point: argument.map_or_else(
                || {
                    if url.starts_with("https") {
                        "websecure"
                    } else {
                        "web"
                    }
                    .to_owned()
                },
                str::to_owned,
            ),
        }),
        _ => Err(format!(
            "`through: {text}`: ingress, gateway NAMESPACE/NAME or traefik"
        )),
    }
}
