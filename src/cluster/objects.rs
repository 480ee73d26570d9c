//! The manifests the model understands, as typed structures for the subset of each kind
//! the lesson teaches. Strict like the API server's field validation: an unknown field is
//! an error at its path. Fields the model reads have types; fields a real manifest may
//! carry that do not change where traffic goes are accepted and ignored (`Ignored`).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_yaml::Value;

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

// ── networking.k8s.io/v1 ─────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NetworkPolicySpec {
    pub pod_selector: Option<LabelSelector>,
    pub policy_types: Option<Vec<String>>,
    pub ingress: Option<Vec<IngressRule>>,
    pub egress: Option<Vec<EgressRule>>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngressRule {
    pub from: Option<Vec<Peer>>,
    pub ports: Option<Vec<PolicyPort>>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EgressRule {
    pub to: Option<Vec<Peer>>,
    pub ports: Option<Vec<PolicyPort>>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Peer {
    pub pod_selector: Option<LabelSelector>,
    pub namespace_selector: Option<LabelSelector>,
    pub ip_block: Option<IpBlock>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IpBlock {
    pub cidr: String,
    #[serde(default)]
    pub except: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct PolicyPort {
    pub protocol: Option<String>,
    pub port: Option<PortRef>,
    pub end_port: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IngressSpec {
    pub ingress_class_name: Option<String>,
    pub default_backend: Option<IngressBackend>,
    #[serde(default)]
    pub tls: Vec<IngressTls>,
    #[serde(default)]
    pub rules: Vec<IngressHostRule>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IngressTls {
    #[serde(default)]
    pub hosts: Vec<String>,
    pub secret_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngressHostRule {
    pub host: Option<String>,
    pub http: Option<IngressHttp>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngressHttp {
    #[serde(default)]
    pub paths: Vec<IngressPath>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IngressPath {
    pub path: Option<String>,
    pub path_type: Option<String>,
    pub backend: IngressBackend,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngressBackend {
    pub service: Option<IngressServiceBackend>,
    pub resource: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IngressServiceBackend {
    pub name: String,
    pub port: Option<ServiceBackendPort>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceBackendPort {
    pub number: Option<u32>,
    pub name: Option<String>,
}

// ── gateway.networking.k8s.io/v1 ─────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GatewayClassSpec {
    pub controller_name: String,
    pub parameters_ref: Ignored,
    pub description: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct GatewaySpec {
    pub gateway_class_name: String,
    #[serde(default)]
    pub listeners: Vec<Listener>,
    pub addresses: Ignored,
    pub infrastructure: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Listener {
    pub name: String,
    pub hostname: Option<String>,
    pub port: u32,
    pub protocol: String,
    pub tls: Ignored,
    pub allowed_routes: Option<AllowedRoutes>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllowedRoutes {
    pub namespaces: Option<RouteNamespaces>,
    pub kinds: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteNamespaces {
    pub from: Option<String>,
    pub selector: Option<LabelSelector>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HttpRouteSpec {
    #[serde(default)]
    pub parent_refs: Vec<ParentRef>,
    #[serde(default)]
    pub hostnames: Vec<String>,
    #[serde(default)]
    pub rules: Vec<HttpRouteRule>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ParentRef {
    pub group: Option<String>,
    pub kind: Option<String>,
    pub name: String,
    pub namespace: Option<String>,
    pub section_name: Option<String>,
    pub port: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HttpRouteRule {
    pub name: Ignored,
    pub matches: Option<Vec<HttpRouteMatch>>,
    #[serde(default)]
    pub backend_refs: Vec<BackendRef>,
    pub filters: Ignored,
    pub timeouts: Ignored,
    pub retry: Ignored,
    pub session_persistence: Ignored,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HttpRouteMatch {
    pub path: Option<HttpPathMatch>,
    #[serde(default)]
    pub headers: Vec<HttpHeaderMatch>,
    pub method: Option<String>,
    pub query_params: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpPathMatch {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HttpHeaderMatch {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackendRef {
    pub group: Option<String>,
    pub kind: Option<String>,
    pub name: String,
    pub namespace: Option<String>,
    pub port: Option<u32>,
    pub weight: Option<u32>,
    pub filters: Ignored,
}

// ── traefik.io/v1alpha1 ─────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct IngressRouteSpec {
    #[serde(default)]
    pub entry_points: Vec<String>,
    #[serde(default)]
    pub routes: Vec<TraefikRoute>,
    pub tls: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraefikRoute {
    #[serde(rename = "match")]
    pub rule: String,
    pub kind: Option<String>,
    pub priority: Option<i64>,
    #[serde(default)]
    pub services: Vec<TraefikService>,
    #[serde(default)]
    pub middlewares: Vec<TraefikMiddlewareRef>,
    pub syntax: Ignored,
    pub observability: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TraefikService {
    pub name: String,
    pub namespace: Option<String>,
    pub port: Option<PortRef>,
    pub kind: Option<String>,
    pub weight: Option<u32>,
    pub scheme: Ignored,
    pub strategy: Ignored,
    pub pass_host_header: Ignored,
    pub servers_transport: Ignored,
    pub native_lb: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TraefikMiddlewareRef {
    pub name: String,
    pub namespace: Option<String>,
}

// ── cilium.io/v2 ────────────────────────────────────────────────────────

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CiliumPolicySpec {
    pub endpoint_selector: Option<LabelSelector>,
    pub ingress: Option<Vec<CiliumIngressRule>>,
    pub egress: Ignored,
    pub description: Ignored,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CiliumIngressRule {
    pub from_endpoints: Option<Vec<LabelSelector>>,
    pub to_ports: Option<Vec<CiliumPortRule>>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiliumPortRule {
    #[serde(default)]
    pub ports: Vec<CiliumPort>,
    pub rules: Option<CiliumL7>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiliumPort {
    pub port: String,
    pub protocol: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiliumL7 {
    #[serde(default)]
    pub http: Vec<CiliumHttpRule>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CiliumHttpRule {
    pub method: Option<String>,
    pub path: Option<String>,
}
