//! Traefik's IngressRoute (`traefik.io/v1alpha1`): each route is a router on the
//! IngressRoute's entry points, with a rule of matchers (`Host`, `PathPrefix`, `Path`,
//! `Method`, `Header`, their regexp forms) joined by `&&`, `||`, `!` and parentheses;
//! the matching router of highest priority (by default its rule's length) serves the
//! request. A router that references a Middleware that does not exist is in error and
//! serves nothing. `PathPrefix` is a plain string prefix (`/v1` also matches `/v12`).

use super::World;
use super::objects::{IngressRouteSpec, PortRef, TraefikRoute};
use super::read::{Body, Object};

/// A request at an entry point.
pub struct Request<'r> {
    pub entry_point: &'r str,
    pub host: &'r str,
    pub path: &'r str,
    pub method: &'r str,
    pub headers: &'r [(String, String)],
}

/// The services a router sends to, with weights; empty when no router matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraefikBackend {
    pub namespace: String,
    pub service: String,
    pub port: String,
    pub weight: u32,
    /// A TraefikService or other kind the model does not follow.
    pub refused: bool,
}

/// A route whose Middleware is missing, for the learner's feedback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenRouter {
    pub route: String,
    pub middleware: String,
}

/// The backends of the router that serves `request`, and the routers that matched but
/// are broken by a missing Middleware.
#[must_use]
pub fn route(world: &World, request: &Request<'_>) -> (Vec<TraefikBackend>, Vec<BrokenRouter>) {
    let mut best: Option<(i64, Vec<TraefikBackend>)> = None;
    let mut broken = Vec::new();
    for (object, spec) in ingress_routes(world) {
        if !spec.entry_points.is_empty()
            && !spec
                .entry_points
                .iter()
                .any(|entry| entry == request.entry_point)
        {
            continue;
        }
        for route in &spec.routes {
            let Ok(rule) = parse(&route.rule) else {
                continue;
            };
            if !rule.matches(request) {
                continue;
            }
            if let Some(missing) = missing_middleware(world, object, route) {
                broken.push(BrokenRouter {
                    route: route.rule.clone(),
                    middleware: missing,
                });
                continue;
            }
            let priority = route
                .priority
                .unwrap_or_else(|| i64::try_from(route.rule.len()).unwrap_or(i64::MAX));
            if best.as_ref().is_none_or(|(current, _)| priority > *current) {
                best = Some((priority, backends(object, route)));
            }
        }
    }
    (
        best.map(|(_, backends)| backends).unwrap_or_default(),
        broken,
    )
}

fn ingress_routes(world: &World) -> impl Iterator<Item = (&Object, &IngressRouteSpec)> {
    world
        .objects
        .iter()
        .filter_map(|object| match &object.body {
            Body::IngressRoute(spec) => Some((object, spec)),
            _ => None,
        })
}

/// The first Middleware a route names that is not in the world.
#[must_use]
pub fn missing_middleware(world: &World, object: &Object, route: &TraefikRoute) -> Option<String> {
    route.middlewares.iter().find_map(|reference| {
        let namespace = reference.namespace.as_deref().unwrap_or(object.namespace());
        let exists = world.objects.iter().any(|other| {
            matches!(other.body, Body::Middleware)
                && other.namespace() == namespace
                && other.metadata.name == reference.name
        });
        (!exists).then(|| reference.name.clone())
    })
}

fn backends(object: &Object, route: &TraefikRoute) -> Vec<TraefikBackend> {
    route
        .services
        .iter()
        .map(|service| TraefikBackend {
            namespace: service
                .namespace
                .clone()
                .unwrap_or_else(|| object.namespace().to_owned()),
            service: service.name.clone(),
            port: match &service.port {
                Some(PortRef::Number(number)) => number.to_string(),
                Some(PortRef::Name(name)) => name.clone(),
                None => String::new(),
            },
            weight: service.weight.unwrap_or(1),
            refused: service
                .kind
                .as_deref()
                .is_some_and(|kind| kind != "Service"),
        })
        .collect()
}

/// A parsed rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Matcher {
        name: String,
        arguments: Vec<String>,
    },
    Not(Box<Rule>),
    And(Box<Rule>, Box<Rule>),
    Or(Box<Rule>, Box<Rule>),
}

impl Rule {
    fn matches(&self, request: &Request<'_>) -> bool {
        match self {
            Self::Not(rule) => !rule.matches(request),
            Self::And(left, right) => left.matches(request) && right.matches(request),
            Self::Or(left, right) => left.matches(request) || right.matches(request),
            Self::Matcher { name, arguments } => {
                let any =
                    |test: &dyn Fn(&str) -> bool| arguments.iter().any(|argument| test(argument));
                let regex =
                    |pattern: &str, text: &str| crate::cluster::regex_matches(pattern, text, false);
                match name.as_str() {
                    "Host" => any(&|host| host.eq_ignore_ascii_case(request.host)),
                    "HostRegexp" => any(&|pattern| regex(pattern, request.host)),
                    "Path" => any(&|path| path == request.path),
                    "PathPrefix" => any(&|prefix| request.path.starts_with(prefix)),
                    "PathRegexp" => any(&|pattern| regex(pattern, request.path)),
                    "Method" => any(&|method| method.eq_ignore_ascii_case(request.method)),
                    "Header" => {
                        arguments.len() == 2
                            && request.headers.iter().any(|(name, value)| {
                                name.eq_ignore_ascii_case(&arguments[0]) && *value == arguments[1]
                            })
                    }
                    _ => false,
                }
            }
        }
    }
}

/// Parses a rule; the error says what was expected where.
pub fn parse(text: &str) -> Result<Rule, String> {
    let tokens = tokens(text)?;
    let mut parser = Parser {
        tokens,
        at: 0,
        depth: 0,
    };
    let rule = parser.or()?;
    if parser.at < parser.tokens.len() {
        return Err(format!("unexpected `{}`", parser.tokens[parser.at].text()));
    }
    Ok(rule)
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Name(String),
    Text(String),
    Symbol(&'static str),
}

impl Token {
    fn text(&self) -> &str {
        match self {
            Self::Name(text) | Self::Text(text) => text,
            Self::Symbol(symbol) => symbol,
        }
    }
}

fn tokens(text: &str) -> Result<Vec<Token>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let c = chars[at];
        if c.is_whitespace() {
            at += 1;
        } else if c == '`' || c == '"' {
            let end = chars[at + 1..]
                .iter()
                .position(|other| *other == c)
                .ok_or("a quote is not closed")?;
            tokens.push(Token::Text(chars[at + 1..at + 1 + end].iter().collect()));
            at += end + 2;
        } else if c.is_ascii_alphabetic() {
            let end = chars[at..]
                .iter()
                .position(|other| !other.is_ascii_alphanumeric())
                .unwrap_or(chars.len() - at);
            tokens.push(Token::Name(chars[at..at + end].iter().collect()));
            at += end;
        } else {
            let two: String = chars[at..(at + 2).min(chars.len())].iter().collect();
            let symbol = match (two.as_str(), c) {
                ("&&", _) => "&&",
                ("||", _) => "||",
                (_, '!') => "!",
                (_, '(') => "(",
                (_, ')') => ")",
                (_, ',') => ",",
                _ => return Err(format!("unexpected `{c}`")),
            };
            at += symbol.len();
            tokens.push(Token::Symbol(symbol));
        }
    }
    Ok(tokens)
}

/// Deeper nesting than any rule a person writes; the parser recurses, so it stops here.
const DEEPEST: usize = 64;

struct Parser {
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
}

impl Parser {
    fn eat(&mut self, symbol: &str) -> bool {
        if matches!(self.tokens.get(self.at), Some(Token::Symbol(found)) if *found == symbol) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn or(&mut self) -> Result<Rule, String> {
        let mut rule = self.and()?;
        while self.eat("||") {
            rule = Rule::Or(Box::new(rule), Box::new(self.and()?));
        }
        Ok(rule)
    }

    fn and(&mut self) -> Result<Rule, String> {
        let mut rule = self.unary()?;
        while self.eat("&&") {
            rule = Rule::And(Box::new(rule), Box::new(self.unary()?));
        }
        Ok(rule)
    }

    fn unary(&mut self) -> Result<Rule, String> {
        self.depth += 1;
        if self.depth > DEEPEST {
            return Err("the rule is nested too deeply".to_owned());
        }
        let rule = self.operand();
        self.depth -= 1;
        rule
    }

    fn operand(&mut self) -> Result<Rule, String> {
        if self.eat("!") {
            return Ok(Rule::Not(Box::new(self.unary()?)));
        }
        if self.eat("(") {
            let rule = self.or()?;
            if !self.eat(")") {
                return Err("a `(` is not closed".to_owned());
            }
            return Ok(rule);
        }
        let Some(Token::Name(name)) = self.tokens.get(self.at).cloned() else {
            return Err("expected a matcher such as Host(`example.com`)".to_owned());
        };
        self.at += 1;
        if !self.eat("(") {
            return Err(format!("expected `(` after {name}"));
        }
        let mut arguments = Vec::new();
        loop {
            match self.tokens.get(self.at).cloned() {
                Some(Token::Text(text)) => {
                    arguments.push(text);
                    self.at += 1;
                }
                _ => return Err(format!("{name} expects a value in backquotes")),
            }
            if self.eat(")") {
                break;
            }
            if !self.eat(",") {
                return Err(format!("{name}(…) is not closed"));
            }
        }
        Ok(Rule::Matcher { name, arguments })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request<'r>(host: &'r str, path: &'r str) -> Request<'r> {
        Request {
            entry_point: "websecure",
            host,
            path,
            method: "GET",
            headers: &[],
        }
    }

    #[test]
    fn rules_combine_matchers() {
        let rule = parse("Host(`api.example.com`) && PathPrefix(`/v1`)").unwrap();
        assert!(rule.matches(&request("api.example.com", "/v1/users")));
        // A plain string prefix.
        assert!(rule.matches(&request("api.example.com", "/v12")));
        assert!(!rule.matches(&request("web.example.com", "/v1")));
        let either = parse("Host(`a.com`) || (PathPrefix(`/x`) && !Method(`POST`))").unwrap();
        assert!(either.matches(&request("a.com", "/")));
        assert!(either.matches(&request("b.com", "/x")));
        assert!(!either.matches(&request("b.com", "/y")));
        assert!(parse("Host(`a.com`").is_err());
        assert!(parse("Host(a.com)").is_err());
        assert!(parse("Host(`a`) &&").is_err());
        assert!(parse("Host(`a`) & PathPrefix(`/`)").is_err());
        assert!(parse(&"(".repeat(100_000)).is_err());
        assert!(parse(&"!".repeat(100_000)).is_err());
    }
}
