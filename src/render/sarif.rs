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
    results: Vec<Result_>,
    column_kind: &'static str,
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
    information_uri: &'static str,
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
    uri_base_id: &'static str,
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

pub fn render(
    a: &Analysis,
    diagnostics: &[Diagnostic],
    levels: &dyn Fn(&rootlint_lints::Lint) -> Level,
) -> String {
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
                text: std::iter::once(d.message.clone())
                    .chain(d.label.clone())
                    .collect::<Vec<_>>()
                    .join(": "),
            },
            locations: vec![Location {
                physical_location: PhysicalLocation {
                    artifact_location: ArtifactLocation {
                        uri: d.file.clone(),
                        uri_base_id: "%SRCROOT%",
                    },
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
                    information_uri: "https://github.com/rootlint/rootlint",
                    rules,
                },
            },
            results,
            column_kind: "unicodeCodePoints",
        }],
    };
    let mut s = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    s.push('\n');
    s
}
