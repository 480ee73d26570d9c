//! `traefik.io/v1alpha1`: Traefik's own IngressRoute, kept apart because its matching
//! rules are a language of their own.

use serde::Deserialize;

use super::{Ignored, PortRef};

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
