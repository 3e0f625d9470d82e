//! Manifest facts: the endpoints a `manifest.yaml` declares, with spans for diagnostics.

use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use serde::{Deserialize, Serialize};

use crate::span::{LineIndex, Span};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
/// What rootlint reads from a service's `manifest.yaml`.
pub struct ManifestFacts {
    /// The service's `general.host`.
    pub hostname: Option<Located>,
    /// The service's Go package path, if declared.
    pub package: Option<String>,
    /// The endpoints of every section, in source order.
    pub endpoints: Vec<ManifestEndpoint>,
    /// `# rootlint:` comments, with the text after `#`.
    pub directives: Vec<super::go::Directive>,
    /// Written by a generator (`# Code generated … DO NOT EDIT.` before any content): in 2026,
    /// by `cmd/genservice` from `definition.go`, which is then the source of truth.
    pub generated: bool,
}

impl ManifestFacts {
    /// Gives back the spare capacity of its vectors: a manifest's facts are held until the
    /// analysis ends, for every service.
    pub fn shrink_to_fit(&mut self) {
        self.endpoints.shrink_to_fit();
        self.directives.shrink_to_fit();
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
/// A scalar value and where it is written.
pub struct Located {
    /// The value.
    pub value: String,
    /// Its span in the file.
    pub span: Span,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "camelCase")]
/// A manifest section's kind of endpoint.
pub enum EndpointKind {
    /// A functional endpoint (`functions:`).
    Function,
    /// A web handler (`webs:`).
    Web,
    /// An outbound event (`outboundEvents:`).
    OutboundEvent,
    /// A task of a workflow (`tasks:`).
    Task,
    /// A workflow (`workflows:`).
    Workflow,
}

impl EndpointKind {
    /// Each manifest section's key and the kind of its endpoints.
    pub const SECTIONS: [(&'static str, EndpointKind); 5] = [
        ("functions", EndpointKind::Function),
        ("webs", EndpointKind::Web),
        ("outboundEvents", EndpointKind::OutboundEvent),
        ("tasks", EndpointKind::Task),
        ("workflows", EndpointKind::Workflow),
    ];

    /// The method a manifest entry without one declares: the generator writes `POST` for
    /// tasks and `GET` for workflows (a workflow's graph is fetched), `ANY` for the rest.
    pub fn default_method(self) -> &'static str {
        match self {
            EndpointKind::Task => "POST",
            EndpointKind::Workflow => "GET",
            _ => "ANY",
        }
    }

    /// The port a route without one gets (the connector's defaults per feature type).
    pub fn default_port(self) -> u16 {
        match self {
            EndpointKind::Function | EndpointKind::Web => 443,
            EndpointKind::OutboundEvent => 417,
            EndpointKind::Task | EndpointKind::Workflow => 428,
        }
    }

    /// The kind a 2026 `define.` constructor names (`Function`, `Web`, …).
    pub fn from_define_type(name: &str) -> Option<EndpointKind> {
        Some(match name {
            "Function" => EndpointKind::Function,
            "Web" => EndpointKind::Web,
            "OutboundEvent" => EndpointKind::OutboundEvent,
            "Task" => EndpointKind::Task,
            "Workflow" => EndpointKind::Workflow,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
/// One endpoint of a manifest section.
pub struct ManifestEndpoint {
    /// The section it is in.
    pub kind: EndpointKind,
    /// Its key.
    pub name: String,
    /// Its `method`, if declared.
    pub method: Option<Located>,
    /// Its `path` or route, if declared.
    pub route: Option<Located>,
    /// Its `requiredClaims`, if declared.
    pub required_claims: Option<Located>,
    /// Span of the endpoint's key.
    pub span: Span,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
/// Why a manifest could not be read.
pub struct ManifestError {
    /// The YAML parser's or rootlint's message.
    pub message: String,
    /// Where, if known.
    pub span: Option<Span>,
}

/// Go's convention, in YAML comments: `# Code generated … DO NOT EDIT.` among the comment lines
/// before the content.
fn is_generated(src: &str) -> bool {
    src.lines()
        .map(|l| l.trim_end_matches('\r'))
        .take_while(|l| l.is_empty() || l.starts_with('#'))
        .any(|l| l.starts_with("# Code generated ") && l.ends_with(" DO NOT EDIT."))
}

/// Reads a manifest's host, package and endpoints, with spans; an error for YAML that is malformed or not shaped like a manifest.
pub fn parse(src: &str) -> Result<ManifestFacts, ManifestError> {
    let lines = LineIndex::new(src);
    let docs = MarkedYaml::load_from_str(src).map_err(|e| {
        let m = e.marker();
        let at = lines
            .offset(m.line() as u32, m.col() as u32 + 1)
            .unwrap_or(0);
        ManifestError {
            message: format!("invalid YAML: {}", e.info()),
            span: Some(lines.span(at, at)),
        }
    })?;
    let root = docs.first().ok_or_else(|| ManifestError {
        message: "the manifest is empty".into(),
        span: None,
    })?;
    let at = Positions { src, lines: &lines };
    let span_of = |node: &MarkedYaml| at.span_of(node);
    let mut facts = ManifestFacts {
        generated: is_generated(src),
        ..ManifestFacts::default()
    };
    if !matches!(root.data, YamlData::Mapping(_)) {
        return Err(ManifestError {
            message: "the manifest is not a YAML mapping".into(),
            span: Some(span_of(root)),
        });
    }
    let located = |node: &MarkedYaml| at.located(node);
    let readable = |node: &MarkedYaml, what: &str| at.readable(node, what);
    if let Some(general) = mapping_get(root, "general") {
        if let Some(h) = mapping_get(general, "hostname") {
            readable(h, "hostname")?;
        }
        facts.hostname = mapping_get(general, "hostname").and_then(located);
        facts.package = mapping_get(general, "package").and_then(scalar_text);
    }
    for (section, kind) in EndpointKind::SECTIONS {
        let Some(YamlData::Mapping(entries)) = mapping_get(root, section).map(|s| &s.data) else {
            continue;
        };
        for (key, body) in entries {
            let Some(name) = scalar_text(key) else {
                continue;
            };
            for f in ["method", "route", "requiredClaims"] {
                if let Some(v) = mapping_get(body, f) {
                    readable(v, f)?;
                }
            }
            let field = |f: &str| mapping_get(body, f).and_then(located);
            facts.endpoints.push(ManifestEndpoint {
                kind,
                name,
                method: field("method"),
                route: field("route"),
                required_claims: field("requiredClaims"),
                span: span_of(key),
            });
        }
    }
    facts.directives = hash_directives(src, &lines);
    Ok(facts)
}

/// Where YAML nodes are in the manifest's text.
struct Positions<'s> {
    src: &'s str,
    lines: &'s LineIndex<'s>,
}

impl Positions<'_> {
    fn span_of(&self, node: &MarkedYaml) -> Span {
        let to_byte = |m: &saphyr::Marker| {
            self.lines
                .offset(m.line() as u32, m.col() as u32 + 1)
                .unwrap_or(0)
        };
        let start = to_byte(&node.span.start);
        let end = to_byte(&node.span.end).max(start);
        // Spans of block scalars run to the next line; keep diagnostics on the value's line.
        let end = self.src[start..end].find('\n').map_or(end, |nl| start + nl);
        self.lines.span(start, end.max(start))
    }

    /// A scalar with its span. A quoted scalar's span starts at its first character, not at
    /// the quote, so that a column inside the value (an error in a requiredClaims expression)
    /// is a column in the file.
    fn located(&self, node: &MarkedYaml) -> Option<Located> {
        scalar_text(node).map(|value| {
            let mut span = self.span_of(node);
            if matches!(
                self.src.as_bytes().get(span.start_byte as usize),
                Some(b'"' | b'\'')
            ) {
                span.start_byte += 1;
                span.start_column += 1;
            }
            Located { value, span }
        })
    }

    /// A value Go's yaml.v3 reads and rootlint cannot (a `!!binary` scalar, another tag) must
    /// not read as absent: the manifest is reported instead.
    fn readable(&self, node: &MarkedYaml, what: &str) -> Result<(), ManifestError> {
        match &node.data {
            YamlData::BadValue | YamlData::Tagged(..) | YamlData::Alias(_) => Err(ManifestError {
                message: format!(
                    "`{what}` is written with a YAML tag or form rootlint does not read"
                ),
                span: Some(self.span_of(node)),
            }),
            _ => Ok(()),
        }
    }
}

/// A mapping's value for a key, as Go's yaml.v3 reads it: the key itself, else what a merge
/// key (`<<: *base`, or a sequence of them, earlier ones first) brings, recursively.
fn mapping_get<'y>(node: &'y MarkedYaml<'y>, key: &str) -> Option<&'y MarkedYaml<'y>> {
    fn get<'y>(node: &'y MarkedYaml<'y>, key: &str, depth: u32) -> Option<&'y MarkedYaml<'y>> {
        // Anchors are copies here, and a merge of a merge nests: bounded all the same.
        if depth > 16 {
            return None;
        }
        if let Some(v) = node.data.as_mapping_get(key) {
            return Some(v);
        }
        let merged = node.data.as_mapping_get("<<")?;
        match &merged.data {
            YamlData::Mapping(_) => get(merged, key, depth + 1),
            YamlData::Sequence(items) => items.iter().find_map(|m| get(m, key, depth + 1)),
            _ => None,
        }
    }
    get(node, key, 0)
}

fn scalar_text(node: &MarkedYaml) -> Option<String> {
    match &node.data {
        YamlData::Value(Scalar::String(s)) => Some(s.to_string()),
        YamlData::Value(Scalar::Boolean(b)) => Some(b.to_string()),
        YamlData::Value(Scalar::Integer(i)) => Some(i.to_string()),
        YamlData::Value(Scalar::FloatingPoint(f)) => Some(f.to_string()),
        YamlData::Representation(s, _, _) => Some(s.to_string()),
        _ => None,
    }
}

/// `# rootlint:…` comments. YAML parsers drop comments, so they are read from the lines.
fn hash_directives(src: &str, lines: &LineIndex) -> Vec<super::go::Directive> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in src.split_inclusive('\n') {
        if let Some(pos) = line.find("# rootlint:").or_else(|| line.find("#rootlint:")) {
            let before = &line[..pos];
            // A `#` inside a quoted scalar is not a comment; a comment follows whitespace or starts the line.
            if before.is_empty() || before.ends_with(char::is_whitespace) {
                let text = line[pos + 1..].trim();
                let start = offset + pos;
                out.push(super::go::Directive {
                    text: text.to_string(),
                    span: lines.span(start, offset + line.trim_end().len()),
                    trailing: !before.trim().is_empty(),
                });
            }
        }
        offset += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_hostname_and_endpoints_with_spans() {
        let src = "general:\n  hostname: roles.core\n  package: example.com/roles\nfunctions:\n  Grant:\n    method: POST\n    route: :666/grant # rootlint:ignore missing_required_claims checked by caller\n  List:\n    route: /list\n    requiredClaims: roles.admin\n";
        let m = parse(src).unwrap();
        assert_eq!(m.hostname.as_ref().unwrap().value, "roles.core");
        assert_eq!(m.hostname.as_ref().unwrap().span.start_line, 2);
        assert_eq!(m.endpoints.len(), 2);
        let grant = &m.endpoints[0];
        assert_eq!(grant.route.as_ref().unwrap().value, ":666/grant");
        assert_eq!(grant.route.as_ref().unwrap().span.start_line, 7);
        assert_eq!(grant.span.start_line, 5);
        assert_eq!(grant.span.start_column, 3);
        assert_eq!(
            m.endpoints[1].required_claims.as_ref().unwrap().value,
            "roles.admin"
        );
        assert_eq!(m.directives.len(), 1);
        assert!(m.directives[0].trailing);
    }

    #[test]
    fn merge_keys_are_read_as_yaml_v3_reads_them() {
        let src = "general:\n  hostname: roles.app\nbase: &base\n  method: POST\n  route: :666/grant\nmore: &more\n  route: :666/other\n  requiredClaims: roles.admin\nfunctions:\n  Grant:\n    <<: *base\n  Both:\n    <<: [*base, *more]\n  Own:\n    <<: *base\n    route: :666/own\n";
        let m = parse(src).unwrap();
        let route = |i: usize| m.endpoints[i].route.as_ref().map(|r| r.value.clone());
        assert_eq!(route(0).as_deref(), Some(":666/grant"));
        // The first map of a sequence wins; what only a later one has still comes through.
        assert_eq!(route(1).as_deref(), Some(":666/grant"));
        assert_eq!(
            m.endpoints[1].required_claims.as_ref().unwrap().value,
            "roles.admin"
        );
        // A key of the mapping itself wins over a merged one.
        assert_eq!(route(2).as_deref(), Some(":666/own"));
    }

    #[test]
    fn a_tag_rootlint_does_not_read_is_an_error() {
        let src = "general:\n  hostname: roles.app\nfunctions:\n  Bin:\n    route: !!binary OjY2Ni9iaW4=\n";
        let err = parse(src).unwrap_err();
        assert!(err.message.contains("`route`"), "{}", err.message);
        assert_eq!(err.span.unwrap().start_line, 5);
        // `!!str` is read: it only says the scalar is a string.
        assert!(parse("general:\n  hostname: !!str roles.app\n").is_ok());
    }

    #[test]
    fn invalid_yaml_is_an_error_with_a_position() {
        let err = parse("general:\n  hostname: [a\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"));
        assert!(err.span.is_some());
    }
}
