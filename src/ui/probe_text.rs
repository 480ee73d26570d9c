//! How a manifest's behaviour is put to the learner, in Japanese and English: which
//! traffic went where it should not, and why the API server would refuse a manifest.

use super::text::fill;
use crate::cluster::{
    Answer, Expected, ManifestError, Observed, Probe, ProbeFailure, Problem, Shares, shares_text,
};

/// The sentences of behaviour feedback in one language; `{name}` marks what is filled in.
#[derive(Debug, PartialEq, Eq)]
pub struct ProbeTexts {
    outside: &'static str,
    reaches_but_must_not: &'static str,
    blocked_but_must_reach: &'static str,
    request_goes: &'static str,
    nowhere: &'static str,
    refused_backend: &'static str,
    broken_router: &'static str,
    lands: &'static str,
    no_pod: &'static str,
    resolves: &'static str,
    not_found: &'static str,
    separator: &'static str,
    document: &'static str,
    not_a_mapping: &'static str,
    missing_field: &'static str,
    unknown_field: &'static str,
    did_you_mean: &'static str,
    unknown_kind: &'static str,
    invalid: &'static str,
}

pub static EN: ProbeTexts = ProbeTexts {
    outside: "outside the cluster",
    reaches_but_must_not: "{from} can reach {to} on {protocol} {port} (it must not)",
    blocked_but_must_reach: "{from} cannot reach {to} on {protocol} {port} (it must)",
    request_goes: "{method} {url} goes to {got} (expected: {want})",
    nowhere: "nowhere (404)",
    refused_backend: "(a backend the route may not use)",
    broken_router: "; the router {router} fails: its Middleware {middleware} does not exist",
    lands: "traffic from {from} to {to} lands on {got} (expected: {want})",
    no_pod: "no pod",
    resolves: "{name} looked up from {from} gives {got} (expected: {want})",
    not_found: "no such name (NXDOMAIN)",
    separator: ", ",
    document: "document {n}",
    not_a_mapping: "{at}: not a Kubernetes object",
    missing_field: "{at}: `{field}` is required",
    unknown_field: "{at}: unknown field `{field}`",
    did_you_mean: "; did you mean `{field}`?",
    unknown_kind: "{at}: the exercise's cluster has no kind `{kind}` ({api_version})",
    invalid: "{at}: {message}",
};

pub static JA: ProbeTexts = ProbeTexts {
    outside: "クラスタの外",
    reaches_but_must_not: "{from} から {to} の {protocol} {port} 番に届いてしまいます(届いてはいけません)",
    blocked_but_must_reach: "{from} から {to} の {protocol} {port} 番に届きません(届くはずです)",
    request_goes: "{method} {url} は {got} に送られます(期待: {want})",
    nowhere: "どこにも送られません (404)",
    refused_backend: "(このルートからは使えない backend)",
    broken_router: "。Middleware {middleware} が無いため、ルーター {router} はエラーになります",
    lands: "{from} から {to} への通信は {got} に届きます(期待: {want})",
    no_pod: "どの Pod にも届きません",
    resolves: "{from} で {name} を引くと {got} です(期待: {want})",
    not_found: "見つかりません (NXDOMAIN)",
    separator: "、",
    document: "{n} 番目のドキュメント",
    not_a_mapping: "{at}: Kubernetes のオブジェクトではありません",
    missing_field: "{at}: `{field}` は必須です",
    unknown_field: "{at}: `{field}` という項目はありません",
    did_you_mean: "。`{field}` のことですか?",
    unknown_kind: "{at}: この問題のクラスタには kind `{kind}` ({api_version}) がありません",
    invalid: "{at}: {message}",
};

impl ProbeTexts {
    /// What the traffic did, against what it should have done.
    #[must_use]
    pub fn failure(&self, failure: &ProbeFailure) -> String {
        let from = failure.probe.source().unwrap_or(self.outside);
        let shares = |shares: &Shares| {
            if shares.is_empty() {
                self.nowhere.to_owned()
            } else {
                shares_text(shares, self.refused_backend, self.separator)
            }
        };
        let pods = |pods: &[String]| {
            if pods.is_empty() {
                self.no_pod.to_owned()
            } else {
                pods.join(self.separator)
            }
        };
        match (&failure.probe, &failure.expected, &failure.observed) {
            (Probe::Connect { to, port, .. }, _, Observed::Allowed(allowed)) => fill(
                if *allowed {
                    self.reaches_but_must_not
                } else {
                    self.blocked_but_must_reach
                },
                &[
                    ("from", from),
                    ("to", to),
                    ("protocol", &failure.probe.protocol_text()),
                    ("port", &port.to_string()),
                ],
            ),
            (
                Probe::Request { url, method, .. },
                Expected::Shares(want),
                Observed::Routed {
                    shares: got,
                    broken,
                },
            ) => {
                let mut text = fill(
                    self.request_goes,
                    &[
                        ("method", method),
                        ("url", url),
                        ("got", &shares(got)),
                        ("want", &shares(want)),
                    ],
                );
                for router in broken {
                    let (route, middleware) =
                        router.rsplit_once(" (Middleware ").unwrap_or((router, ""));
                    text.push_str(&fill(
                        self.broken_router,
                        &[
                            ("router", route),
                            ("middleware", middleware.trim_end_matches(')')),
                        ],
                    ));
                }
                text
            }
            (Probe::Send { to, .. }, Expected::Endpoints(want), Observed::Endpoints(got)) => fill(
                self.lands,
                &[
                    ("from", from),
                    ("to", to),
                    ("got", &pods(got)),
                    ("want", &pods(want)),
                ],
            ),
            (Probe::Resolve { name, .. }, Expected::Resolved(want), Observed::Resolved(got)) => {
                fill(
                    self.resolves,
                    &[
                        ("from", from),
                        ("name", name),
                        ("got", &self.answer(got)),
                        ("want", &self.answer(want)),
                    ],
                )
            }
            _ => failure.to_string(),
        }
    }

    fn answer(&self, answer: &Answer) -> String {
        match answer {
            Answer::NotFound => self.not_found.to_owned(),
            other => other.to_string(),
        }
    }

    /// Why the API server would refuse the manifest.
    #[must_use]
    pub fn manifest_error(&self, error: &ManifestError) -> String {
        let document = fill(self.document, &[("n", &error.document.to_string())]);
        let at = if error.path.is_empty() {
            document
        } else {
            format!("{document} `{}`", error.path)
        };
        match &error.problem {
            Problem::NotAMapping => fill(self.not_a_mapping, &[("at", &at)]),
            Problem::MissingField(field) => {
                fill(self.missing_field, &[("at", &at), ("field", field)])
            }
            Problem::UnknownField { field, suggestion } => {
                let mut text = fill(self.unknown_field, &[("at", &at), ("field", field)]);
                if let Some(suggestion) = suggestion {
                    text.push_str(&fill(self.did_you_mean, &[("field", suggestion)]));
                }
                text
            }
            Problem::UnknownKind { api_version, kind } => fill(
                self.unknown_kind,
                &[("at", &at), ("kind", kind), ("api_version", api_version)],
            ),
            Problem::Invalid(message) => fill(self.invalid, &[("at", &at), ("message", message)]),
        }
    }
}
