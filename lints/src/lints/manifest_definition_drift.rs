use std::collections::BTreeSet;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Compares each service's `manifest.yaml` with its api package's `definition.go`: an
    /// endpoint whose route, method or `requiredClaims` differ, or that one declares and the
    /// other lacks.
    ///
    /// ### Why is this bad?
    /// The manifest is generated from definition.go. A stale manifest makes every tool that
    /// reads it (gencreds with `--manifests`, reviewers, the topology generator) see a different
    /// trust-root surface from the code that runs: an endpoint may be on :666 in the code and on
    /// :443 in the manifest, or lose its `requiredClaims`.
    ///
    /// ### Example
    /// ```yaml
    /// GrantRole:
    ///   route: :443/grant-role     # definition.go says ":666/grant-role"
    /// ```
    ///
    /// Use instead: regenerate the manifest (`go generate`), and commit both files together.
    pub MANIFEST_DEFINITION_DRIFT,
    Correctness,
    "manifest.yaml and definition.go disagree on an endpoint",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let catalog = &cx.analysis.catalog;
    // Only services that have both sources can drift.
    let hosts =
        |f: fn(&rootlint_analyzer::workspace::catalog::Endpoint) -> bool| -> BTreeSet<&str> {
            catalog
                .endpoints
                .iter()
                .filter(|e| f(e))
                .map(|e| e.host.as_str())
                .collect()
        };
    let with_manifest = hosts(|e| e.manifest.is_some());
    let with_definition = hosts(|e| e.definition.is_some());
    let mut out = Vec::new();
    for e in &catalog.endpoints {
        let name = format!("{}/{}", e.host, e.name);
        match (&e.manifest, &e.definition) {
            (Some(m), Some(d)) => {
                let fields = [
                    ("route", m.route.as_str(), d.route.as_str(), m.route_span),
                    ("method", m.method.as_str(), d.method.as_str(), None),
                    (
                        "requiredClaims",
                        m.required_claims.as_deref().unwrap_or(""),
                        d.required_claims.as_deref().unwrap_or(""),
                        m.claims_span,
                    ),
                ];
                for (field, in_manifest, in_definition, span) in fields {
                    if in_manifest != in_definition {
                        out.push(
                            Diagnostic::new(
                                MANIFEST_DEFINITION_DRIFT.name,
                                m.file.clone(),
                                span.unwrap_or(m.span),
                                format!("`{name}` has {field} `{in_manifest}` in the manifest but `{in_definition}` in {}", d.file),
                            )
                            .with_label("stale manifest")
                            .with_note(format!("{}:{}:{} declares what runs", d.file, d.span.start_line, d.span.start_column)),
                        );
                    }
                }
            }
            (Some(m), None) if with_definition.contains(e.host.as_str()) => out.push(
                Diagnostic::new(
                    MANIFEST_DEFINITION_DRIFT.name,
                    m.file.clone(),
                    m.span,
                    format!(
                        "`{name}` is in the manifest but not in the api package's definition.go"
                    ),
                )
                .with_label("stale manifest"),
            ),
            (None, Some(d)) if with_manifest.contains(e.host.as_str()) => out.push(
                Diagnostic::new(
                    MANIFEST_DEFINITION_DRIFT.name,
                    d.file.clone(),
                    d.span,
                    format!("`{name}` is in definition.go but not in the service's manifest.yaml"),
                )
                .with_label("missing from the manifest"),
            ),
            _ => {}
        }
    }
    out
}
