//! What a probe of the answer's traffic found, and why the API server would refuse a
//! manifest, said with the words of `strings::probe`.

use crate::cluster::{
    Answer, Expected, ManifestError, Observed, Probe, ProbeFailure, Problem, Shares, shares_text,
};
use crate::strings::fill;
use crate::strings::probe::ProbeTexts;

impl ProbeTexts {
    /// What the traffic did, against what it should have done.
    #[must_use]
    pub fn failure(&self, failure: &ProbeFailure) -> String {
        let from = failure.probe.source().unwrap_or(self.outside);
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
            ) => self.misrouted(method, url, want, got, broken),
            (Probe::Send { to, .. }, Expected::Endpoints(want), Observed::Endpoints(got)) => fill(
                self.lands,
                &[
                    ("from", from),
                    ("to", to),
                    ("got", &self.pods(got)),
                    ("want", &self.pods(want)),
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

    /// Where a request went against where it should have, then each router a missing
    /// Middleware broke on the way (the model names it `route (Middleware name)`).
    fn misrouted(
        &self,
        method: &str,
        url: &str,
        want: &Shares,
        got: &Shares,
        broken: &[String],
    ) -> String {
        let mut text = fill(
            self.request_goes,
            &[
                ("method", method),
                ("url", url),
                ("got", &self.shares(got)),
                ("want", &self.shares(want)),
            ],
        );
        for router in broken {
            let (route, middleware) = router.rsplit_once(" (Middleware ").unwrap_or((router, ""));
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

    fn shares(&self, shares: &Shares) -> String {
        if shares.is_empty() {
            self.nowhere.to_owned()
        } else {
            shares_text(shares, self.refused_backend, self.separator)
        }
    }

    fn pods(&self, pods: &[String]) -> String {
        if pods.is_empty() {
            self.no_pod.to_owned()
        } else {
            pods.join(self.separator)
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
