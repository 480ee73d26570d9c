//! The manifests the model understands, as typed structures for the subset of each kind
//! the lesson teaches. Strict like the API server's field validation: an unknown field is
//! an error at its path. Fields the model reads have types; fields a real manifest may
//! carry that do not change where traffic goes are accepted and ignored (`Ignored`).
//! Here the parts every kind shares and `core/v1`; each other API group has its file.

mod cilium;
mod gateway_api;
mod networking;
mod traefik;

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_yaml::Value;

pub use cilium::{
    CiliumHttpRule, CiliumIngressRule, CiliumL7, CiliumPolicySpec, CiliumPort, CiliumPortRule,
};
pub use gateway_api::{
    AllowedRoutes, BackendRef, GatewayClassSpec, GatewaySpec, HttpHeaderMatch, HttpPathMatch,
    HttpRouteMatch, HttpRouteRule, HttpRouteSpec, Listener, ParentRef, RouteNamespaces,
};
pub use networking::{
    EgressRule, IngressBackend, IngressHostRule, IngressHttp, IngressPath, IngressRule,
    IngressServiceBackend, IngressSpec, IngressTls, IpBlock, NetworkPolicySpec, Peer, PolicyPort,
    ServiceBackendPort,
};
pub use traefik::{IngressRouteSpec, TraefikMiddlewareRef, TraefikRoute, TraefikService};

/// A field accepted for its place in a real manifest and not modelled.
pub type Ignored = Option<Value>;

pub type Labels = BTreeMap<String, String>;

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Metadata {
    #[serde(default)]
    pub name: String,
    pub namespace: Option<String>,
    #[serde(default)]
    pub labels: Labels,
    #[serde(default)]
    pub annotations: BTreeMap<String, String>,
    pub generate_name: Ignored,
    pub finalizers: Ignored,
    pub owner_references: Ignored,
}

/// `matchLabels` and `matchExpressions`; an empty selector selects everything.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LabelSelector {
    #[serde(default)]
    pub match_labels: Labels,
    #[serde(default)]
    pub match_expressions: Vec<SelectorRequirement>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelectorRequirement {
    pub key: String,
    pub operator: String,
    #[serde(default)]
    pub values: Vec<String>,
}

/// A port given as a number or as a container port's name.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum PortRef {
    Number(u32),
    Name(String),
}

// ── core/v1 ─────────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServiceSpec {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub selector: Option<Labels>,
    #[serde(default)]
    pub ports: Vec<ServicePort>,
    #[serde(rename = "clusterIP")]
    pub cluster_ip: Option<String>,
    #[serde(rename = "clusterIPs")]
    pub cluster_ips: Ignored,
    pub external_name: Option<String>,
    #[serde(rename = "externalIPs")]
    pub external_ips: Ignored,
    pub external_traffic_policy: Ignored,
    pub internal_traffic_policy: Ignored,
    pub session_affinity: Ignored,
    pub session_affinity_config: Ignored,
    #[serde(rename = "loadBalancerIP")]
    pub load_balancer_ip: Ignored,
    pub load_balancer_class: Ignored,
    pub load_balancer_source_ranges: Ignored,
    pub allocate_load_balancer_node_ports: Ignored,
    pub health_check_node_port: Ignored,
    pub ip_families: Ignored,
    pub ip_family_policy: Ignored,
    pub publish_not_ready_addresses: Ignored,
    pub traffic_distribution: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ServicePort {
    pub name: Option<String>,
    pub port: u32,
    pub target_port: Option<PortRef>,
    pub node_port: Option<u32>,
    pub protocol: Option<String>,
    pub app_protocol: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DeploymentSpec {
    pub selector: Option<LabelSelector>,
    pub template: Option<PodTemplate>,
    pub replicas: Ignored,
    pub strategy: Ignored,
    pub min_ready_seconds: Ignored,
    pub revision_history_limit: Ignored,
    pub progress_deadline_seconds: Ignored,
    pub paused: Ignored,
    /// StatefulSet's: its pods' DNS names hang off this Service.
    pub service_name: Option<String>,
    pub volume_claim_templates: Ignored,
    pub pod_management_policy: Ignored,
    pub update_strategy: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PodTemplate {
    #[serde(default)]
    pub metadata: Metadata,
    pub spec: Ignored,
}
