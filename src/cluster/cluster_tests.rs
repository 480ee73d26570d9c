//! The model against the behaviour the Kubernetes and Gateway API documentation states,
//! case by case, and properties that must hold for any policy.

use std::collections::BTreeMap;
use std::net::Ipv4Addr;

use super::*;
use crate::cluster::probe::Through;

fn labels(pairs: &[(&str, &str)]) -> Labels {
    pairs
        .iter()
        .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
        .collect()
}

fn pod(namespace: &str, name: &str, pairs: &[(&str, &str)], last_octet: u8) -> Pod {
    Pod {
        name: name.to_owned(),
        namespace: namespace.to_owned(),
        labels: labels(pairs),
        ip: Ipv4Addr::new(10, 0, 0, last_octet),
        ports: vec![ContainerPort {
            name: Some("http".to_owned()),
            port: 3000,
            protocol: "TCP".to_owned(),
        }],
        subdomain: None,
    }
}

fn objects(text: &str) -> Vec<Object> {
    let documents: Vec<serde_yaml::Value> = serde_yaml::Deserializer::from_str(text)
        .map(|document| serde::Deserialize::deserialize(document).unwrap())
        .filter(|value: &serde_yaml::Value| !value.is_null())
        .collect();
    read_objects(&documents).unwrap()
}

/// Two namespaces (prod, other, labelled team=a / team=b), a few pods, and `manifests`.
fn world(manifests: &str) -> World {
    let mut world = World {
        namespaces: vec![
            Namespace::new("prod", labels(&[("team", "a")])),
            Namespace::new("other", labels(&[("team", "b")])),
        ],
        pods: vec![
            pod("prod", "api", &[("app", "api")], 1),
            pod("prod", "web", &[("app", "web")], 2),
            pod("other", "web", &[("app", "web")], 3),
            pod("other", "db", &[("app", "db")], 4),
        ],
        ..World::default()
    };
    world.apply(objects(manifests));
    world
}

fn connects(world: &World, from: &str, to: &str, port: u32) -> bool {
    let probe = Probe::Connect {
        from: from.to_owned(),
        to: to.to_owned(),
        port,
        protocol: "TCP".to_owned(),
        http: None,
    };
    run_probe(world, &probe, &Expected::Allowed(true))
        .unwrap()
        .is_none()
}

const ISOLATE_API: &str = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: p, namespace: prod}\nspec:\n  podSelector: {matchLabels: {app: api}}\n";

#[test]
fn a_pod_no_policy_selects_accepts_everything() {
    let world = world("");
    assert!(connects(&world, "other/db", "prod/api", 3000));
    assert!(connects(&world, "203.0.113.1", "prod/api", 9));
}

#[test]
fn policy_types_default_to_ingress_and_egress_when_egress_rules_are_given() {
    // No policyTypes, no rules: Ingress isolation, nothing allowed in; sending untouched.
    let world = world(ISOLATE_API);
    assert!(!connects(&world, "prod/web", "prod/api", 3000));
    assert!(connects(&world, "prod/api", "prod/web", 3000));
    // An egress section makes it Egress too.
    let world = self::world(&format!("{ISOLATE_API}  egress: []\n"));
    assert!(!connects(&world, "prod/api", "prod/web", 3000));
    // Explicit Egress only: receiving is open again.
    let world = self::world(&format!("{ISOLATE_API}  policyTypes: [Egress]\n"));
    assert!(connects(&world, "prod/web", "prod/api", 3000));
    assert!(!connects(&world, "prod/api", "prod/web", 3000));
}

#[test]
fn selectors_in_one_peer_are_and_in_two_peers_or() {
    // The documentation's example: namespaceSelector and podSelector in one element.
    let and = world(&format!(
        "{ISOLATE_API}  ingress:\n    - from:\n        - namespaceSelector: {{matchLabels: {{team: b}}}}\n          podSelector: {{matchLabels: {{app: web}}}}\n"
    ));
    assert!(connects(&and, "other/web", "prod/api", 3000));
    assert!(!connects(&and, "other/db", "prod/api", 3000));
    assert!(!connects(&and, "prod/web", "prod/api", 3000));
    let or = world(&format!(
        "{ISOLATE_API}  ingress:\n    - from:\n        - namespaceSelector: {{matchLabels: {{team: b}}}}\n        - podSelector: {{matchLabels: {{app: web}}}}\n"
    ));
    assert!(connects(&or, "other/web", "prod/api", 3000));
    assert!(connects(&or, "other/db", "prod/api", 3000));
    // podSelector alone means the policy's own namespace.
    assert!(connects(&or, "prod/web", "prod/api", 3000));
}

#[test]
fn rules_are_a_union_and_ports_belong_to_their_rule() {
    let world = world(&format!(
        "{ISOLATE_API}  ingress:\n    - from: [{{podSelector: {{matchLabels: {{app: web}}}}}}]\n      ports: [{{port: 3000}}]\n    - from: [{{namespaceSelector: {{matchLabels: {{team: b}}}}}}]\n      ports: [{{port: 9000, endPort: 9010}}]\n"
    ));
    assert!(connects(&world, "prod/web", "prod/api", 3000));
    assert!(!connects(&world, "prod/web", "prod/api", 9005));
    assert!(connects(&world, "other/db", "prod/api", 9005));
    assert!(connects(&world, "other/db", "prod/api", 9010));
    assert!(!connects(&world, "other/db", "prod/api", 9011));
    assert!(!connects(&world, "other/db", "prod/api", 3000));
}

#[test]
fn ports_default_to_tcp_and_may_be_named() {
    let world = world(&format!(
        "{ISOLATE_API}  ingress:\n    - ports: [{{port: http}}]\n"
    ));
    assert!(connects(&world, "other/db", "prod/api", 3000));
    let probe = Probe::Connect {
        from: "other/db".to_owned(),
        to: "prod/api".to_owned(),
        port: 3000,
        protocol: "UDP".to_owned(),
        http: None,
    };
    assert!(
        run_probe(&world, &probe, &Expected::Allowed(false))
            .unwrap()
            .is_none()
    );
}

#[test]
fn ip_blocks_take_their_exceptions_out() {
    let world = world(&format!(
        "{ISOLATE_API}  ingress:\n    - from: [{{ipBlock: {{cidr: 203.0.113.0/24, except: [203.0.113.128/25]}}}}]\n"
    ));
    assert!(connects(&world, "203.0.113.5", "prod/api", 3000));
    assert!(!connects(&world, "203.0.113.200", "prod/api", 3000));
    assert!(!connects(&world, "198.51.100.1", "prod/api", 3000));
    assert!(policy::in_cidr("0.0.0.0/0", Ipv4Addr::new(10, 0, 0, 1)));
    assert!(!policy::in_cidr("10.0.0.0/33", Ipv4Addr::new(10, 0, 0, 1)));
}

#[test]
fn a_connection_needs_the_senders_egress_and_the_receivers_ingress() {
    let world = world(
        "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: out, namespace: other}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: [{namespaceSelector: {matchLabels: {team: a}}}]\n",
    );
    assert!(connects(&world, "other/db", "prod/api", 3000));
    assert!(!connects(&world, "other/db", "other/web", 3000));
}

/// A deterministic stream of numbers for generated cases.
struct Numbers(u64);

impl Numbers {
    fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % bound as u64).unwrap()
    }
}

/// A random ingress rule over the world's labels, namespaces and ports.
fn random_rule(numbers: &mut Numbers) -> String {
    let peers = [
        "{podSelector: {matchLabels: {app: web}}}",
        "{podSelector: {}}",
        "{namespaceSelector: {matchLabels: {team: b}}}",
        "{namespaceSelector: {}, podSelector: {matchLabels: {app: db}}}",
        "{ipBlock: {cidr: 10.0.0.0/30}}",
    ];
    let ports = [
        "{port: 3000}",
        "{port: http}",
        "{port: 9000, endPort: 9100}",
        "{protocol: UDP}",
    ];
    let mut fields = Vec::new();
    if numbers.below(3) > 0 {
        fields.push(format!("from: [{}]", peers[numbers.below(peers.len())]));
    }
    if numbers.below(2) > 0 {
        fields.push(format!("ports: [{}]", ports[numbers.below(ports.len())]));
    }
    format!("    - {{{}}}\n", fields.join(", "))
}

fn every_connection(world: &World) -> Vec<bool> {
    let sources = [
        "prod/api",
        "prod/web",
        "other/web",
        "other/db",
        "203.0.113.9",
        "10.0.0.2",
    ];
    let targets = ["prod/api", "prod/web", "other/web", "other/db"];
    let mut outcomes = Vec::new();
    for source in sources {
        for target in targets {
            for port in [3000, 9050, 53] {
                outcomes.push(connects(world, source, target, port));
            }
        }
    }
    outcomes
}

#[test]
fn adding_an_allow_rule_never_denies_what_was_allowed() {
    let mut numbers = Numbers(0x9e37_79b9_7f4a_7c15);
    for _ in 0..200 {
        let mut policy = format!("{ISOLATE_API}  ingress:\n");
        for _ in 0..numbers.below(3) {
            policy.push_str(&random_rule(&mut numbers));
        }
        let before = every_connection(&world(&policy));
        policy.push_str(&random_rule(&mut numbers));
        let after = every_connection(&world(&policy));
        for (index, (was, now)) in before.iter().zip(&after).enumerate() {
            assert!(
                !was || *now,
                "connection {index} was allowed, is denied by:\n{policy}"
            );
        }
    }
}

#[test]
fn a_policy_selecting_no_pod_changes_nothing() {
    let mut numbers = Numbers(0x0123_4567_89ab_cdef);
    let open = every_connection(&world(""));
    for _ in 0..100 {
        let mut policy = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: none, namespace: prod}\nspec:\n  podSelector: {matchLabels: {app: nobody}}\n  policyTypes: [Ingress, Egress]\n  ingress:\n".to_owned();
        for _ in 0..numbers.below(3) {
            policy.push_str(&random_rule(&mut numbers));
        }
        assert_eq!(every_connection(&world(&policy)), open, "{policy}");
    }
}

const INGRESS: &str = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: prod}\nspec:\n  ingressClassName: nginx\n";

fn routed(world: &World, url: &str, through: Through) -> Shares {
    let probe = Probe::Request {
        url: url.to_owned(),
        method: "GET".to_owned(),
        headers: Vec::new(),
        through,
    };
    match run_probe(world, &probe, &Expected::Shares(Shares::new())).unwrap() {
        Some(ProbeFailure {
            observed: Observed::Routed { shares, .. },
            ..
        }) => shares,
        _ => Shares::new(),
    }
}

fn one(backend: &str) -> Shares {
    BTreeMap::from([(backend.to_owned(), 100)])
}

fn nginx() -> Through {
    Through::Ingress {
        class: "nginx".to_owned(),
    }
}

#[test]
fn ingress_prefers_exact_then_the_longest_path() {
    let world = world(&format!(
        "{INGRESS}  rules:\n    - host: a.com\n      http:\n        paths:\n          - {{path: /, pathType: Prefix, backend: {{service: {{name: root, port: {{number: 80}}}}}}}}\n          - {{path: /v1, pathType: Prefix, backend: {{service: {{name: prefix, port: {{number: 80}}}}}}}}\n          - {{path: /v1, pathType: Exact, backend: {{service: {{name: exact, port: {{number: 80}}}}}}}}\n          - {{path: /v1/users, pathType: Prefix, backend: {{service: {{name: users, port: {{name: http}}}}}}}}\n"
    ));
    assert_eq!(routed(&world, "http://a.com/v1", nginx()), one("exact:80"));
    assert_eq!(
        routed(&world, "http://a.com/v1/", nginx()),
        one("prefix:80")
    );
    // A port given by name: the name itself while no Service says which number it is.
    assert_eq!(
        routed(&world, "http://a.com/v1/users/3", nginx()),
        one("users:http")
    );
    let named = self::world(&format!(
        "{INGRESS}  rules:\n    - http: {{paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: users, port: {{name: http}}}}}}}}]}}\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: users, namespace: prod}}\nspec: {{ports: [{{name: http, port: 8080}}]}}\n"
    ));
    assert_eq!(routed(&named, "http://a.com/", nginx()), one("users:8080"));
    assert_eq!(routed(&world, "http://a.com/v12", nginx()), one("root:80"));
    // Another host: no rule, no default backend.
    assert_eq!(routed(&world, "http://b.com/v1", nginx()), Shares::new());
    // Another class does not see this Ingress.
    let other = Through::Ingress {
        class: "traefik".to_owned(),
    };
    assert_eq!(routed(&world, "http://a.com/v1", other), Shares::new());
}

#[test]
fn ingress_hosts_exact_before_wildcard_before_none() {
    let world = world(&format!(
        "{INGRESS}  defaultBackend: {{service: {{name: fallback, port: {{number: 80}}}}}}\n  rules:\n    - host: a.example.com\n      http: {{paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: exact, port: {{number: 80}}}}}}}}]}}\n    - host: '*.example.com'\n      http: {{paths: [{{path: /, pathType: Prefix, backend: {{service: {{name: wild, port: {{number: 80}}}}}}}}]}}\n    - http: {{paths: [{{path: /any, pathType: Prefix, backend: {{service: {{name: any, port: {{number: 80}}}}}}}}]}}\n"
    ));
    assert_eq!(
        routed(&world, "http://a.example.com/", nginx()),
        one("exact:80")
    );
    assert_eq!(
        routed(&world, "http://b.example.com/", nginx()),
        one("wild:80")
    );
    assert_eq!(
        routed(&world, "http://c.b.example.com/any", nginx()),
        one("any:80")
    );
    assert_eq!(
        routed(&world, "http://other.org/x", nginx()),
        one("fallback:80")
    );
}

const GATEWAY: &str = "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: c}\nspec: {controllerName: example.com/c}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: gw, namespace: infra}\nspec:\n  gatewayClassName: c\n  listeners:\n    - name: http\n      protocol: HTTP\n      port: 80\n      allowedRoutes:\n        namespaces:\n          from: Selector\n          selector: {matchLabels: {team: a}}\n";

fn gateway() -> Through {
    Through::Gateway {
        namespace: "infra".to_owned(),
        name: "gw".to_owned(),
    }
}

fn route(namespace: &str, rules: &str) -> String {
    format!(
        "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: r, namespace: {namespace}}}\nspec:\n  parentRefs: [{{name: gw, namespace: infra}}]\n  hostnames: [api.example.com]\n  rules:\n{rules}"
    )
}

#[test]
fn allowed_routes_admit_routes_by_namespace() {
    let rules = "    - backendRefs: [{name: v1, port: 80}]\n";
    let admitted = world(&format!("{GATEWAY}{}", route("prod", rules)));
    assert_eq!(
        routed(&admitted, "http://api.example.com/", gateway()),
        one("v1:80")
    );
    let refused = world(&format!("{GATEWAY}{}", route("other", rules)));
    assert_eq!(
        routed(&refused, "http://api.example.com/", gateway()),
        Shares::new()
    );
    // Same (the default) admits only the Gateway's own namespace.
    let same = GATEWAY.replace(
        "          from: Selector\n          selector: {matchLabels: {team: a}}\n",
        "          from: Same\n",
    );
    let world = self::world(&format!("{same}{}", route("prod", rules)));
    assert_eq!(
        routed(&world, "http://api.example.com/", gateway()),
        Shares::new()
    );
    // Another host or listener port is not routed.
    let world = admitted;
    assert_eq!(
        routed(&world, "http://web.example.com/", gateway()),
        Shares::new()
    );
    assert_eq!(
        routed(&world, "https://api.example.com/", gateway()),
        Shares::new()
    );
}

#[test]
fn weights_split_requests_and_exact_paths_win() {
    let rules = "    - matches: [{path: {type: PathPrefix, value: /api}}]\n      backendRefs: [{name: v1, port: 80, weight: 90}, {name: v2, port: 80, weight: 10}]\n    - matches: [{path: {type: Exact, value: /api/health}}]\n      backendRefs: [{name: health, port: 80}]\n    - matches: [{path: {type: PathPrefix, value: /api}, headers: [{name: x-canary, value: 'yes'}]}]\n      backendRefs: [{name: v2, port: 80}]\n";
    let world = world(&format!("{GATEWAY}{}", route("prod", rules)));
    let split = BTreeMap::from([("v1:80".to_owned(), 90), ("v2:80".to_owned(), 10)]);
    assert_eq!(
        routed(&world, "http://api.example.com/api/users", gateway()),
        split
    );
    assert_eq!(
        routed(&world, "http://api.example.com/api/health", gateway()),
        one("health:80")
    );
    assert_eq!(
        routed(&world, "http://api.example.com/apis", gateway()),
        Shares::new()
    );
    let probe = Probe::Request {
        url: "http://api.example.com/api/users".to_owned(),
        method: "GET".to_owned(),
        headers: vec![("X-Canary".to_owned(), "yes".to_owned())],
        through: gateway(),
    };
    assert!(
        run_probe(&world, &probe, &Expected::Shares(one("v2")))
            .unwrap()
            .is_none(),
        "more header matches win"
    );
}

#[test]
fn a_gateway_without_its_class_routes_nothing() {
    let rules = "    - backendRefs: [{name: v1, port: 80}]\n";
    let classless = GATEWAY.split_once("---\n").unwrap().1;
    let world = world(&format!("{classless}{}", route("prod", rules)));
    assert_eq!(
        routed(&world, "http://api.example.com/", gateway()),
        Shares::new()
    );
}

#[test]
fn services_send_to_their_target_port_by_cluster_port_or_node_port() {
    let world = world(
        "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: prod}\nspec:\n  type: NodePort\n  selector: {app: api}\n  ports: [{port: 80, targetPort: http, nodePort: 30080}]\n",
    );
    let send = |from: Option<&str>, to: &str| {
        let probe = Probe::Send {
            from: from.map(str::to_owned),
            to: to.to_owned(),
        };
        match run_probe(&world, &probe, &Expected::Endpoints(Vec::new())).unwrap() {
            Some(ProbeFailure {
                observed: Observed::Endpoints(pods),
                ..
            }) => pods,
            _ => Vec::new(),
        }
    };
    let api = vec!["prod/api:3000".to_owned()];
    assert_eq!(send(None, "node:30080"), api);
    assert_eq!(send(Some("prod/web"), "api:80"), api);
    assert_eq!(send(Some("other/web"), "api.prod:80"), api);
    // Short names search the asking pod's own namespace first.
    assert!(send(Some("other/web"), "api:80").is_empty());
    assert!(send(Some("prod/web"), "api:3000").is_empty());
    assert!(send(None, "node:30081").is_empty());
}

#[test]
fn dns_answers_as_the_cluster_does() {
    let mut world = world(
        "apiVersion: v1\nkind: Service\nmetadata: {name: db, namespace: other}\nspec: {clusterIP: None, selector: {app: db}, ports: [{port: 5432}]}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: ext, namespace: prod}\nspec: {type: ExternalName, externalName: db.example.net}\n",
    );
    world.pods[3].subdomain = Some("db".to_owned());
    let from_prod = |name: &str| dns::resolve(&world, Some("prod"), name);
    let service = |namespace: &str, name: &str| Answer::Service {
        namespace: namespace.to_owned(),
        name: name.to_owned(),
    };
    assert_eq!(from_prod("db.other"), service("other", "db"));
    assert_eq!(from_prod("db.other.svc"), service("other", "db"));
    assert_eq!(
        from_prod("db.other.svc.cluster.local."),
        service("other", "db")
    );
    assert_eq!(from_prod("db"), Answer::NotFound);
    assert_eq!(from_prod("ext"), Answer::Cname("db.example.net".to_owned()));
    assert_eq!(
        from_prod("db.db.other.svc.cluster.local"),
        Answer::Pod {
            namespace: "other".to_owned(),
            name: "db".to_owned()
        }
    );
    assert_eq!(dns::resolve(&world, None, "db.other"), Answer::NotFound);
}

#[test]
fn a_traefik_route_with_a_missing_middleware_serves_nothing() {
    let route = "apiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata: {name: r, namespace: prod}\nspec:\n  entryPoints: [websecure]\n  routes:\n    - match: Host(`api.example.com`) && PathPrefix(`/v1`)\n      kind: Rule\n      middlewares: [{name: compress}]\n      services: [{name: v1, port: 80}]\n    - match: Host(`api.example.com`)\n      kind: Rule\n      services: [{name: other, port: 80}]\n";
    let traefik = || Through::Traefik {
        entry_point: "websecure".to_owned(),
    };
    let world = world(route);
    assert_eq!(
        routed(&world, "https://api.example.com/v1/x", traefik()),
        one("other:80")
    );
    let middleware = "---\napiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata: {name: compress, namespace: prod}\nspec: {compress: {}}\n";
    let world = self::world(&format!("{route}{middleware}"));
    assert_eq!(
        routed(&world, "https://api.example.com/v1/x", traefik()),
        one("v1:80")
    );
    // The longer rule wins, and another entry point sees no route.
    assert_eq!(
        routed(&world, "https://api.example.com/v2", traefik()),
        one("other:80")
    );
    let web = Through::Traefik {
        entry_point: "web".to_owned(),
    };
    assert_eq!(
        routed(&world, "http://api.example.com/v1", web),
        Shares::new()
    );
}

#[test]
fn cilium_l7_rules_filter_requests_on_top_of_l3_l4() {
    // The lesson's policy: app=api-gateway may GET /api/v1/users… and POST /api/v1/orders
    // on TCP 3000 of app=api-server.
    let mut world = world(
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: api-l7-policy, namespace: prod}\nspec:\n  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n    - fromEndpoints: [{matchLabels: {app: gateway}}]\n      toPorts:\n        - ports: [{port: \"3000\", protocol: TCP}]\n          rules:\n            http:\n              - {method: GET, path: \"/api/v1/users.*\"}\n              - {method: POST, path: /api/v1/orders}\n",
    );
    world
        .pods
        .push(pod("prod", "gateway", &[("app", "gateway")], 9));
    world
        .pods
        .push(pod("other", "gateway", &[("app", "gateway")], 10));
    let request = |world: &World, from: &str, port: u32, http: Option<(&str, &str)>| {
        let probe = Probe::Connect {
            from: from.to_owned(),
            to: "prod/api".to_owned(),
            port,
            protocol: "TCP".to_owned(),
            http: http.map(|(method, path)| HttpRequest {
                method: method.to_owned(),
                path: path.to_owned(),
            }),
        };
        run_probe(world, &probe, &Expected::Allowed(true))
            .unwrap()
            .is_none()
    };
    assert!(request(
        &world,
        "prod/gateway",
        3000,
        Some(("GET", "/api/v1/users/42"))
    ));
    assert!(request(
        &world,
        "prod/gateway",
        3000,
        Some(("POST", "/api/v1/orders"))
    ));
    assert!(!request(
        &world,
        "prod/gateway",
        3000,
        Some(("DELETE", "/api/v1/users/42"))
    ));
    assert!(!request(
        &world,
        "prod/gateway",
        3000,
        Some(("POST", "/api/v1/orders/1"))
    ));
    assert!(!request(
        &world,
        "prod/gateway",
        3000,
        Some(("GET", "/admin"))
    ));
    // L3/L4: other sources, other ports, other namespaces stay out.
    assert!(!request(
        &world,
        "prod/web",
        3000,
        Some(("GET", "/api/v1/users"))
    ));
    assert!(!request(&world, "prod/gateway", 8080, None));
    assert!(!request(
        &world,
        "other/gateway",
        3000,
        Some(("GET", "/api/v1/users"))
    ));
    // A selector naming the namespace reaches across it.
    world.apply(objects(
        "apiVersion: cilium.io/v2\nkind: CiliumNetworkPolicy\nmetadata: {name: cross, namespace: prod}\nspec:\n  endpointSelector: {matchLabels: {app: api}}\n  ingress:\n    - fromEndpoints: [{matchLabels: {app: gateway, k8s:io.kubernetes.pod.namespace: other}}]\n",
    ));
    assert!(request(
        &world,
        "other/gateway",
        3000,
        Some(("DELETE", "/anything"))
    ));
}

#[test]
fn a_regular_expression_too_big_to_compile_matches_nothing() {
    // A learner's pattern that compiles to megabytes of program is refused, and matches
    // nothing.
    let huge = "a{100000}";
    let text = "a".repeat(100_000);
    assert!(!crate::cluster::regex_matches(huge, &text, true));
    assert!(!crate::cluster::regex_matches(huge, &text, false));
    assert!(crate::cluster::regex_matches("/v[0-9]+", "/v12", true));
    assert!(!crate::cluster::regex_matches("/v[0-9]+", "/v12/x", true));
    assert!(crate::cluster::regex_matches("v[0-9]", "/v12/x", false));
}

#[test]
fn regular_expressions_know_ascii_classes_only() {
    // What the authoring guide says of regex-lite: `\d` is ASCII, full-width digits are
    // not digits, and a Unicode class is no pattern at all.
    assert!(crate::cluster::regex_matches(r"/v\d+", "/v12", true));
    assert!(!crate::cluster::regex_matches(r"/v\d+", "/v１２", true));
    assert!(!crate::cluster::regex_matches(r"\p{Han}+", "日本", true));
    assert!(crate::cluster::regex_matches("/日本/.*", "/日本/x", true));
}

#[test]
fn apply_replaces_an_object_of_the_same_kind_only() {
    let mut world = world("");
    let before = world.objects.len();
    world.apply(objects(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: production}\nspec: {selector: {matchLabels: {app: web}}}\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: production}\nspec: {selector: {matchLabels: {app: web}}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: web, namespace: production}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: web, namespace: production}\n",
    ));
    // Four kinds of `web`: a StatefulSet does not replace the Deployment, nor a Secret
    // the ConfigMap.
    assert_eq!(world.objects.len(), before + 4);
    world.apply(objects(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: web, namespace: production}\n",
    ));
    assert_eq!(world.objects.len(), before + 4, "the Secret is replaced");
}
