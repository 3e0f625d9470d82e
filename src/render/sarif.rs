//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it. The structs are our own
//! (serde-sarif pulls in 45 build crates for the same 60 lines).

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{Diagnostic, Level};
use serde::Serialize;

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    original_uri_base_ids: std::collections::BTreeMap<&'static str, BaseId>,
    results: Vec<Result_>,
    column_kind: &'static str,
}

/// What `%SRCROOT%` stands for: the repository root, as an absolute `file:` URI.
#[derive(Serialize)]
struct BaseId {
    uri: String,
    description: Text,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    information_uri: String,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Help {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: String,
    short_description: Text,
    full_description: Text,
    help: Help,
    help_uri: String,
    default_configuration: Configuration,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties {
    tags: Vec<&'static str>,
    precision: &'static str,
    #[serde(rename = "security-severity")]
    security_severity: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Result_ {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    partial_fingerprints: Fingerprints,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppressions: Vec<Suppression>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fingerprints {
    primary_location_line_hash: String,
}

#[derive(Serialize)]
struct Suppression {
    kind: &'static str,
    justification: String,
}

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Deny => "error",
        Level::Warn => "warning",
        Level::Allow => "none",
    }
}

/// 64-bit FNV-1a: stable across platforms and releases, unlike std's hasher.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100000001b3)
    })
}

/// A fingerprint that survives lines inserted above the finding: the lint, the file and the
/// finding's line text without indentation, plus an occurrence count for identical lines.
fn fingerprints(a: &Analysis, diagnostics: &[Diagnostic]) -> Vec<String> {
    let mut sources: std::collections::HashMap<&str, Option<String>> =
        std::collections::HashMap::new();
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    diagnostics
        .iter()
        .map(|d| {
            let text = sources
                .entry(d.file.as_str())
                .or_insert_with(|| std::fs::read_to_string(a.root.join(&d.file)).ok());
            let line = text
                .as_deref()
                .and_then(|t| t.lines().nth(d.span.start_line.saturating_sub(1) as usize))
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let hash = fnv1a(format!("{}\0{}\0{}", d.lint, d.file, line).as_bytes());
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            format!("{hash:016x}:{n}")
        })
        .collect()
}

pub struct Sarif;

impl super::Emitter for Sarif {
    type Output = String;

    fn emit(&self, cx: &super::Context, diagnostics: &[Diagnostic]) -> String {
        render(cx, diagnostics)
    }
}

/// A file URI for a path: `%`-escaped where a URI must be (RFC 3986 path characters kept).
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'.'
            | b'_'
            | b'~'
            | b'/'
            | b'!'
            | b'$'
            | b'&'
            | b'\''
            | b'('
            | b')'
            | b'*'
            | b'+'
            | b','
            | b';'
            | b'='
            | b':'
            | b'@' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A relative reference that no reader takes for a scheme: a first segment holding `:`
/// (`mailto:x.go`) gets `./` in front, as RFC 3986 (4.2) says.
fn relative_reference(path: &str) -> String {
    let first = path.split('/').next().unwrap_or("");
    if first.contains(':') {
        format!("./{path}")
    } else {
        path.to_string()
    }
}

/// Where results point: below `%SRCROOT%` (the repository root) when the analysis root is in
/// it, as code-scanning services expect; else absolute `file:` URIs.
struct Artifacts {
    /// The analysis root's path below the repository root (`""`, or ending in `/`).
    below: Option<String>,
    root: std::path::PathBuf,
}

impl Artifacts {
    fn location(&self, file: &str) -> ArtifactLocation {
        match &self.below {
            Some(below) => ArtifactLocation {
                uri: relative_reference(&uri_path(&format!("{below}{file}"))),
                uri_base_id: Some("SRCROOT"),
            },
            None => ArtifactLocation {
                uri: format!(
                    "file://{}",
                    uri_path(&self.root.join(file).to_string_lossy())
                ),
                uri_base_id: None,
            },
        }
    }
}

fn render(cx: &super::Context, diagnostics: &[Diagnostic]) -> String {
    let a = cx.analysis;
    let levels = cx.levels;
    let repository = cx
        .repository
        .as_ref()
        .filter(|repo| a.root.starts_with(repo));
    let artifacts = Artifacts {
        below: repository.map(|repo| {
            let below = crate::locate::relative_path(repo, &a.root);
            if below.is_empty() { below } else { below + "/" }
        }),
        root: a.root.clone(),
    };
    let original_uri_base_ids = repository
        .map(|repo| {
            let mut uri = format!("file://{}", uri_path(&repo.to_string_lossy()));
            if !uri.ends_with('/') {
                uri.push('/');
            }
            (
                "SRCROOT",
                BaseId {
                    uri,
                    description: Text {
                        text: "The repository root: the folder holding .git, else the working directory rootlint ran in.".into(),
                    },
                },
            )
        })
        .into_iter()
        .collect();
    let lints = rootlint_lints::all();
    let rules = lints
        .iter()
        .map(|l| {
            let docs = l.documentation();
            let what = docs
                .split("### Why is this bad?")
                .next()
                .unwrap_or("")
                .replace("### What it does", "")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            Rule {
                id: l.name,
                name: l
                    .name
                    .split('_')
                    .map(|w| w[..1].to_uppercase() + &w[1..])
                    .collect(),
                short_description: Text {
                    text: l.summary.to_string(),
                },
                full_description: Text {
                    text: what.chars().take(1000).collect(),
                },
                help: Help {
                    text: docs.clone(),
                    markdown: docs,
                },
                help_uri: l.help_uri(),
                default_configuration: Configuration {
                    level: sarif_level(levels(l)),
                },
                properties: RuleProperties {
                    tags: vec!["security", "microbus", "trust-root"],
                    precision: "high",
                    security_severity: if l.default_level() == Level::Deny {
                        "8.0"
                    } else {
                        "5.0"
                    },
                },
            }
        })
        .collect();
    let results = diagnostics
        .iter()
        .zip(fingerprints(a, diagnostics))
        .map(|(d, fingerprint)| Result_ {
            rule_id: d.lint,
            rule_index: lints.iter().position(|l| l.name == d.lint).unwrap_or(0),
            level: sarif_level(d.level),
            message: Text {
                text: super::message_with_label(d),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: artifacts.location(&d.file),
                    region: Region {
                        start_line: d.span.start_line,
                        start_column: d.span.start_column,
                        end_line: d.span.end_line.max(d.span.start_line),
                        end_column: d.span.end_column.max(1),
                    },
                },
            }],
            partial_fingerprints: Fingerprints {
                primary_location_line_hash: fingerprint,
            },
            suppressions: d
                .suppressed
                .iter()
                .map(|reason| Suppression {
                    kind: "inSource",
                    justification: reason.clone(),
                })
                .collect(),
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "rootlint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    information_uri: rootlint_lints::docs_url(),
                    rules,
                },
            },
            original_uri_base_ids,
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    s.push('\n');
    s
}

#[cfg(test)]
mod uri_tests {
    #[test]
    fn a_root_level_file_is_never_a_scheme() {
        assert_eq!(super::relative_reference("mailto:x.go"), "./mailto:x.go");
        assert_eq!(super::relative_reference("a/b:c.go"), "a/b:c.go");
        assert_eq!(super::relative_reference("x.go"), "x.go");
        // Bytes outside the path characters are %-escaped, UTF-8 byte by byte.
        assert_eq!(super::uri_path("é ?#.go"), "%C3%A9%20%3F%23.go");
    }
}
