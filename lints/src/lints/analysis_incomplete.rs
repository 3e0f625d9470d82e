use rootlint_analyzer::span::Span;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Reports every file rootlint could not analyze in full: a file it could not read, one that
    /// is binary or not valid UTF-8, a Go file with a syntax error, a `manifest.yaml` that is not
    /// valid YAML or declares no `general.hostname`, or a folder the walk could not enter.
    ///
    /// ### Why is this bad?
    /// rootlint is a security gate. A call site in a file it could not read is a :666 call it
    /// cannot see: the grant JSON would silently miss it (the broker then rejects the call) or,
    /// worse, a dynamic :666 call would go unreported. The analysis of everything else goes on,
    /// the grant JSON says `"complete": false`, and the gate fails closed.
    ///
    /// ### Example
    /// ```yaml
    /// general:
    ///   hostname: [roles.core
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// general:
    ///   hostname: roles.core
    /// ```
    pub ANALYSIS_INCOMPLETE,
    Correctness,
    "a file could not be read, decoded or parsed, so its call sites are unknown",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.analysis
        .problems
        .iter()
        .map(|p| {
            let file = if p.file.is_empty() { ".".to_string() } else { p.file.clone() };
            let span = p.span.unwrap_or(Span {
                start_line: 1,
                start_column: 1,
                end_line: 1,
                end_column: 1,
                ..Span::default()
            });
            Diagnostic::new(
                ANALYSIS_INCOMPLETE.name,
                file.clone(),
                span,
                format!("rootlint could not analyze `{file}` in full: {}", p.message),
            )
            .with_note("call sites in this file may be missing from the grant JSON, which says `\"complete\": false`")
        })
        .collect()
}
