//! `cilium.io/v2`: CiliumNetworkPolicy, the subset with HTTP (L7) rules the lesson uses
//! to go past what a NetworkPolicy can say.

use serde::Deserialize;

use super::{Ignored, LabelSelector};

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
