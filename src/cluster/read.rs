//! YAML documents → typed objects, strictly: an unknown field is named with its path and
//! the field probably meant, a missing required field is named, an unknown kind is said.

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::objects::{
    CiliumPolicySpec, DeploymentSpec, GatewayClassSpec, GatewaySpec, HttpRouteSpec,
    IngressRouteSpec, IngressSpec, Metadata, NetworkPolicySpec, ServiceSpec,
};

/// One object of a manifest, its kind's spec typed.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// As the manifest says it (`Deployment`, `ConfigMap` …): with the namespace and
    /// name, what `apply` replaces by.
    pub kind: String,
    pub metadata: Metadata,
    pub body: Body,
}

impl Object {
    /// The namespace the object lives in (`default` when the manifest names none).
    #[must_use]
    pub fn namespace(&self) -> &str {
        self.metadata.namespace.as_deref().unwrap_or("default")
    }
}

/// What an object is.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    Namespace,
    Service(ServiceSpec),
    /// Deployment, StatefulSet, DaemonSet, ReplicaSet: their pods come from the world.
    Workload(DeploymentSpec),
    NetworkPolicy(NetworkPolicySpec),
    Ingress(IngressSpec),
    GatewayClass(GatewayClassSpec),
    Gateway(GatewaySpec),
    HttpRoute(HttpRouteSpec),
    IngressRoute(IngressRouteSpec),
    Middleware,
    CiliumNetworkPolicy(CiliumPolicySpec),
    /// A kind that carries no traffic rules (ConfigMap, Secret…): kept, not modelled.
    Inert,
}

/// What is wrong with a manifest, at a path inside it (`spec.ingress[0].from`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManifestError {
    /// Which document of the answer, counted from 1.
    pub document: usize,
    pub path: String,
    pub problem: Problem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    NotAMapping,
    MissingField(String),
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    UnknownKind {
        api_version: String,
        kind: String,
    },
    /// A value of the wrong type or out of range, in serde's words.
    Invalid(String),
}

impl std::fmt::Display for ManifestError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.path.is_empty() {
            format!("document {}", self.document)
        } else {
            format!("document {}, `{}`", self.document, self.path)
        };
        match &self.problem {
            Problem::NotAMapping => write!(formatter, "{at}: not a Kubernetes object"),
            Problem::MissingField(field) => write!(formatter, "{at}: `{field}` is required"),
            Problem::UnknownField {
                field,
                suggestion: Some(suggestion),
            } => write!(
                formatter,
                "{at}: unknown field `{field}`; did you mean `{suggestion}`?"
            ),
            Problem::UnknownField { field, .. } => {
                write!(formatter, "{at}: unknown field `{field}`")
            }
            Problem::UnknownKind { api_version, kind } => {
                write!(
                    formatter,
                    "{at}: kind `{kind}` of `{api_version}` is not modelled"
                )
            }
            Problem::Invalid(message) => write!(formatter, "{at}: {message}"),
        }
    }
}

const TOP_LEVEL: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];
const DATA_FIELDS: &[&str] = &["data", "stringData", "binaryData", "immutable", "type"];

/// Reads the documents of a manifest into objects.
pub fn read_objects(documents: &[Value]) -> Result<Vec<Object>, ManifestError> {
    documents
        .iter()
        .enumerate()
        .map(|(index, document)| read_object(index + 1, document))
        .collect()
}

fn read_object(document: usize, value: &Value) -> Result<Object, ManifestError> {
    let Value::Mapping(mapping) = value else {
        return Err(at(document, "", Problem::NotAMapping));
    };
    let api_version = text_field(document, mapping, "apiVersion")?;
    let kind = text_field(document, mapping, "kind")?;
    check_top_level(document, mapping, &kind)?;
    let metadata: Metadata = typed(document, "metadata", mapping.get("metadata"))?;
    let body = body(document, &api_version, &kind, mapping.get("spec"))?;
    if metadata.name.is_empty() && !matches!(body, Body::Inert) {
        return Err(at(
            document,
            "metadata",
            Problem::MissingField("name".to_owned()),
        ));
    }
    Ok(Object {
        kind,
        metadata,
        body,
    })
}

fn at(document: usize, path: &str, problem: Problem) -> ManifestError {
    ManifestError {
        document,
        path: path.to_owned(),
        problem,
    }
}

/// A top-level field that must be text (`apiVersion`, `kind`).
fn text_field(document: usize, mapping: &Mapping, key: &str) -> Result<String, ManifestError> {
    match mapping.get(key) {
        Some(Value::String(text)) => Ok(text.clone()),
        Some(_) => Err(at(
            document,
            key,
            Problem::Invalid("must be text".to_owned()),
        )),
        None => Err(at(document, "", Problem::MissingField(key.to_owned()))),
    }
}

/// The kinds that hold data rather than a spec may carry their data fields at the top.
fn check_top_level(document: usize, mapping: &Mapping, kind: &str) -> Result<(), ManifestError> {
    let inert = matches!(kind, "ConfigMap" | "Secret" | "ServiceAccount");
    for key in mapping.keys() {
        let key = key.as_str().unwrap_or_default();
        if !(TOP_LEVEL.contains(&key) || inert && DATA_FIELDS.contains(&key)) {
            return Err(at(
                document,
                "",
                Problem::UnknownField {
                    field: key.to_owned(),
                    suggestion: nearest(key, TOP_LEVEL),
                },
            ));
        }
    }
    Ok(())
}

/// The object's spec typed by its API group (the version is not checked) and kind.
fn body(
    document: usize,
    api_version: &str,
    kind: &str,
    spec: Option<&Value>,
) -> Result<Body, ManifestError> {
    let group = api_version.split('/').next().unwrap_or_default();
    Ok(match (group, kind) {
        ("v1", "Namespace") => Body::Namespace,
        ("v1", "Service") => Body::Service(required(document, spec)?),
        ("apps", "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet") => {
            Body::Workload(required(document, spec)?)
        }
        ("networking.k8s.io", "NetworkPolicy") => {
            Body::NetworkPolicy(typed(document, "spec", spec)?)
        }
        ("networking.k8s.io", "Ingress") => Body::Ingress(typed(document, "spec", spec)?),
        ("gateway.networking.k8s.io", "GatewayClass") => {
            Body::GatewayClass(required(document, spec)?)
        }
        ("gateway.networking.k8s.io", "Gateway") => Body::Gateway(required(document, spec)?),
        ("gateway.networking.k8s.io", "HTTPRoute") => {
            Body::HttpRoute(typed(document, "spec", spec)?)
        }
        ("traefik.io" | "traefik.containo.us", "IngressRoute") => {
            Body::IngressRoute(required(document, spec)?)
        }
        ("traefik.io" | "traefik.containo.us", "Middleware") => Body::Middleware,
        ("cilium.io", "CiliumNetworkPolicy") => {
            Body::CiliumNetworkPolicy(required(document, spec)?)
        }
        ("v1", "ConfigMap" | "Secret" | "ServiceAccount") => Body::Inert,
        _ => {
            return Err(at(
                document,
                "kind",
                Problem::UnknownKind {
                    api_version: api_version.to_owned(),
                    kind: kind.to_owned(),
                },
            ));
        }
    })
}

fn required<T: DeserializeOwned>(
    document: usize,
    spec: Option<&Value>,
) -> Result<T, ManifestError> {
    match spec {
        None | Some(Value::Null) => Err(ManifestError {
            document,
            path: String::new(),
            problem: Problem::MissingField("spec".to_owned()),
        }),
        Some(_) => typed(document, "spec", spec),
    }
}

/// A part of a document as `T`; a missing part is `T`'s default reading of `{}`.
fn typed<T: DeserializeOwned>(
    document: usize,
    prefix: &str,
    value: Option<&Value>,
) -> Result<T, ManifestError> {
    let empty = Value::Mapping(Mapping::new());
    let value = match value {
        None | Some(Value::Null) => &empty,
        Some(value) => value,
    };
    serde_path_to_error::deserialize(value.clone()).map_err(|error| {
        let inner_path = error.path().to_string();
        let path = if inner_path == "." || inner_path.is_empty() {
            prefix.to_owned()
        } else {
            format!("{prefix}.{inner_path}")
        };
        let message = error.inner().to_string();
        let problem = problem_of(&message);
        // An unknown field's path ends with the field itself: say where it sits.
        let path = match &problem {
            Problem::UnknownField { field, .. } => path
                .strip_suffix(&format!(".{field}"))
                .unwrap_or(&path)
                .to_owned(),
            _ => path,
        };
        ManifestError {
            document,
            path,
            problem,
        }
    })
}

/// serde's message as a problem: "unknown field `x`, expected one of `a`, `b`" and
/// "missing field `x`" are read; anything else is kept in its words.
fn problem_of(message: &str) -> Problem {
    let quoted = |text: &str| -> Vec<String> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_owned)
            .collect()
    };
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let names = quoted(rest);
        if let Some((field, expected)) = names.split_first() {
            let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
            return Problem::UnknownField {
                field: field.clone(),
                suggestion: nearest(field, &expected),
            };
        }
    }
    if let Some(rest) = message.strip_prefix("missing field ")
        && let Some(field) = quoted(rest).into_iter().next()
    {
        return Problem::MissingField(field);
    }
    Problem::Invalid(message.to_owned())
}

/// The known name closest to a misspelt one, if close enough to be meant.
fn nearest(unknown: &str, known: &[&str]) -> Option<String> {
    known
        .iter()
        .map(|name| {
            (
                strsim::damerau_levenshtein(&unknown.to_lowercase(), &name.to_lowercase()),
                *name,
            )
        })
        .filter(|(distance, name)| *distance <= (name.len() / 3).max(1))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Vec<Object>, ManifestError> {
        let documents: Vec<Value> = serde_yaml::Deserializer::from_str(text)
            .map(|document| serde::Deserialize::deserialize(document).unwrap())
            .collect();
        read_objects(&documents)
    }

    #[test]
    fn a_misspelt_field_is_named_with_its_path_and_the_field_meant() {
        let error = read(
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec:\n  podSelectr: {}\n",
        )
        .unwrap_err();
        assert_eq!(error.path, "spec");
        assert_eq!(
            error.problem,
            Problem::UnknownField {
                field: "podSelectr".to_owned(),
                suggestion: Some("podSelector".to_owned())
            }
        );
        let error = read(
            "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a}\nspec:\n  ingress:\n    - from:\n        - namespaceSelecter: {}\n",
        )
        .unwrap_err();
        assert_eq!(error.path, "spec.ingress[0].from[0]");
        assert!(
            error
                .to_string()
                .contains("did you mean `namespaceSelector`"),
            "{error}"
        );
    }

    #[test]
    fn required_fields_and_kinds_are_named() {
        let error = read("kind: Service\nmetadata: {name: a}\n").unwrap_err();
        assert_eq!(
            error.problem,
            Problem::MissingField("apiVersion".to_owned())
        );
        let error = read("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports:\n    - targetPort: 80\n").unwrap_err();
        assert_eq!(error.path, "spec.ports[0]");
        assert_eq!(error.problem, Problem::MissingField("port".to_owned()));
        let error = read("apiVersion: v1\nkind: Pod\nmetadata: {name: a}\n").unwrap_err();
        assert!(matches!(error.problem, Problem::UnknownKind { .. }));
        let error = read("apiVersion: v1\nkind: Service\nmetadata: {}\nspec: {}\n").unwrap_err();
        assert_eq!(error.problem, Problem::MissingField("name".to_owned()));
        let error = read("- a\n").unwrap_err();
        assert_eq!(error.problem, Problem::NotAMapping);
        let error =
            read("apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspce: {}\n").unwrap_err();
        assert!(error.to_string().contains("did you mean `spec`"), "{error}");
    }

    #[test]
    fn the_lessons_kinds_are_read() {
        let objects = read(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selector: {app: a}, ports: [{port: 80, targetPort: http}]}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n",
        )
        .unwrap();
        assert_eq!(objects.len(), 2);
        assert!(matches!(&objects[0].body, Body::Service(spec) if spec.ports[0].port == 80));
        assert_eq!(objects[0].namespace(), "default");
    }
}
