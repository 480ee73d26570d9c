//! The words of behaviour feedback, in Japanese and English: which traffic went where it
//! should not, and why the API server would refuse a manifest. `feedback::probe` says a
//! probe's result with them.

/// The sentences of behaviour feedback in one language; `{name}` marks what is filled in.
#[derive(Debug, PartialEq, Eq)]
pub struct ProbeTexts {
    pub outside: &'static str,
    pub reaches_but_must_not: &'static str,
    pub blocked_but_must_reach: &'static str,
    pub request_goes: &'static str,
    pub nowhere: &'static str,
    pub refused_backend: &'static str,
    pub broken_router: &'static str,
    pub lands: &'static str,
    pub no_pod: &'static str,
    pub resolves: &'static str,
    pub not_found: &'static str,
    pub separator: &'static str,
    pub document: &'static str,
    pub not_a_mapping: &'static str,
    pub missing_field: &'static str,
    pub unknown_field: &'static str,
    pub did_you_mean: &'static str,
    pub unknown_kind: &'static str,
    pub invalid: &'static str,
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
