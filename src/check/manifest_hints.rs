//! `manabi check`'s hints on the lesson's own manifests, read with the cluster model as
//! the API server would: an unknown field, a Deployment without `selector`, a Middleware
//! an IngressRoute names and no block defines. The lesson's text is never changed; these
//! are things to tell the learner in the notes.

use serde::Deserialize;
use serde_yaml::Value;

use super::readable_bodies;
use crate::cluster::{Body, ManifestError, Object, Problem as ManifestProblem, read_objects};
use crate::course::{Block, CodeBlock, CourseSource, Problem, visit_code_blocks};

/// Hints for every lesson of the course.
#[must_use]
pub fn manifest_hints(source: &CourseSource) -> Vec<Problem> {
    readable_bodies(source)
        .iter()
        .flat_map(|(file, _, body)| lesson_hints(&body.blocks, file))
        .collect()
}

/// The hints of one lesson's blocks: each manifest as the API server would take it,
/// then what the manifests need of each other.
fn lesson_hints(blocks: &[Block], file: &str) -> Vec<Problem> {
    let mut documents: Vec<(usize, usize, Object)> = Vec::new();
    let mut hints = Vec::new();
    for code in yaml_blocks(blocks) {
        for (offset, document) in documents_of(code) {
            let line = code.source_line + offset;
            match read_objects(std::slice::from_ref(&document)) {
                Ok(mut objects) => {
                    if let Some(object) = objects.pop() {
                        documents.push((line, code.source_column, object));
                    }
                }
                // A kind the model does not know (a CRD, a Pod) is not the lesson's mistake.
                Err(error) if matches!(error.problem, ManifestProblem::UnknownKind { .. }) => {}
                Err(error) => hints.push(Problem::at(
                    file,
                    line,
                    code.source_column,
                    format!("hint: {}", refused(&error)),
                )),
            }
        }
    }
    for (line, column, object) in &documents {
        hints.extend(
            object_hints(object, &documents)
                .into_iter()
                .map(|message| Problem::at(file, *line, *column, format!("hint: {message}"))),
        );
    }
    hints
}

/// Why the API server would refuse a manifest. The error numbers documents within a
/// one-document read, so only where in it and what is said are kept.
fn refused(error: &ManifestError) -> String {
    let at = if error.path.is_empty() {
        String::new()
    } else {
        format!(" at `{}`", error.path)
    };
    let message = error.to_string();
    let said = message
        .split_once(": ")
        .map_or(message.as_str(), |(_, said)| said);
    format!("the API server would refuse this manifest{at}: {said}")
}

/// What one object lacks, alone or among the lesson's other manifests.
fn object_hints(object: &Object, documents: &[(usize, usize, Object)]) -> Vec<String> {
    match &object.body {
        Body::Workload(spec) if spec.selector.is_none() => vec![format!(
            "{} `{}` has no `spec.selector`, which apps/v1 requires: the API server refuses it",
            object.kind, object.metadata.name
        )],
        Body::IngressRoute(spec) => spec
            .routes
            .iter()
            .flat_map(|route| &route.middlewares)
            .filter(|reference| {
                let namespace = reference.namespace.as_deref().unwrap_or(object.namespace());
                !documents.iter().any(|(_, _, other)| {
                    matches!(other.body, Body::Middleware)
                        && other.metadata.name == reference.name
                        && other.namespace() == namespace
                })
            })
            .map(|reference| {
                format!(
                    "IngressRoute `{}` uses Middleware `{}`, which no block defines: the route fails until it exists",
                    object.metadata.name, reference.name
                )
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The YAML code blocks, in lists and quotes too.
fn yaml_blocks(blocks: &[Block]) -> Vec<&CodeBlock> {
    let mut found = Vec::new();
    visit_code_blocks(blocks, &mut |code| {
        if matches!(code.language.as_str(), "yaml" | "yml") {
            found.push(code);
        }
    });
    found
}

/// Each non-empty document of a block with the 0-based line it starts on; a block that
/// does not parse is `check`'s problem already.
fn documents_of(code: &CodeBlock) -> Vec<(usize, Value)> {
    let mut starts = vec![0];
    starts.extend(
        code.lines
            .iter()
            .enumerate()
            .filter(|(_, line)| line.trim_end() == "---")
            .map(|(index, _)| index + 1),
    );
    let text = code.lines.join("\n");
    let Ok(values) = serde_yaml::Deserializer::from_str(&text)
        .map(Value::deserialize)
        .collect::<Result<Vec<_>, _>>()
    else {
        return Vec::new();
    };
    // A stream that opens with `---` has an empty first part before it.
    let starts: Vec<usize> = if code
        .lines
        .first()
        .is_some_and(|line| line.trim_end() == "---")
    {
        starts.into_iter().skip(1).collect()
    } else {
        starts
    };
    starts
        .into_iter()
        .zip(values)
        // Only Kubernetes objects: a YAML snippet of something else is not a manifest.
        .filter(|(_, value)| value.get("apiVersion").is_some() && value.get("kind").is_some())
        .map(|(start, value)| {
            // Point at the document's first line that is not a comment.
            let first = code.lines[start..]
                .iter()
                .position(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
                .map_or(start, |offset| start + offset);
            (first, value)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::course::parse_body;

    fn hints(body: &str) -> Vec<String> {
        let parsed = parse_body(body, 1);
        lesson_hints(&parsed.blocks, "l.md")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn the_lessons_own_mistakes_are_hinted_at_their_lines() {
        let body = "# T\n\n```yaml\n# a comment\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: dns}\nspec:\n  template: {}\n---\napiVersion: traefik.io/v1alpha1\nkind: IngressRoute\nmetadata: {name: r}\nspec:\n  routes:\n    - match: Host(`a`)\n      middlewares: [{name: limit}, {name: compress}]\n---\napiVersion: traefik.io/v1alpha1\nkind: Middleware\nmetadata: {name: limit}\nspec: {}\n```\n\n```yaml\napiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {selectr: {app: a}}\n```\n";
        let found = hints(body);
        assert_eq!(found.len(), 3, "{found:#?}");
        assert!(
            found[0].starts_with(
                "l.md:26:1: hint: the API server would refuse this manifest at `spec`"
            ),
            "{found:#?}"
        );
        assert!(found[0].contains("did you mean `selector`"), "{found:#?}");
        assert!(
            found[1].starts_with("l.md:5:1: hint: Deployment `dns` has no `spec.selector`"),
            "{found:#?}"
        );
        assert!(
            found[2].starts_with("l.md:11:1: hint: IngressRoute `r` uses Middleware `compress`"),
            "{found:#?}"
        );
    }

    #[test]
    fn unmodelled_blocks_are_quiet() {
        assert!(hints("```yaml\na: 1\n```\n").is_empty());
        assert!(hints("```yaml\napiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: c}\nspec: {}\n```\n").is_empty());
        assert!(
            hints(
                "```yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n```\n"
            )
            .is_empty()
        );
    }
}
