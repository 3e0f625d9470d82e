//! One small renderer per output format, all over the same `Diagnostic` list: each implements
//! [`Emitter`] (as ruff's emitters do), and reads what it needs from one [`Context`].

pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod lsp;
pub mod nats;
pub mod sarif;

use std::path::PathBuf;

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{Diagnostic, Level};
use serde::Serialize;

use crate::locate::Shown;

/// What a renderer may need besides the findings.
pub struct Context<'a> {
    pub analysis: &'a Analysis,
    /// Paths as the user sees them: relative to the working directory.
    pub shown: Shown,
    pub color: bool,
    /// Each lint's effective level (SARIF's rule configuration).
    pub levels: &'a dyn Fn(&rootlint_lints::Lint) -> Level,
    /// The folder SARIF's `%SRCROOT%` stands for (the repository root), if known.
    pub repository: Option<PathBuf>,
}

/// One output format.
pub trait Emitter {
    /// What the format produces: text for the command line, LSP diagnostics by file for the
    /// language server.
    type Output;
    /// Renders `diagnostics` (sorted, suppressed ones included with their reason).
    fn emit(&self, cx: &Context, diagnostics: &[Diagnostic]) -> Self::Output;
}

/// The findings a reader is shown (human, concise and GitHub output): not suppressed.
fn shown_findings(diagnostics: &[Diagnostic]) -> impl Iterator<Item = &Diagnostic> {
    diagnostics.iter().filter(|d| d.suppressed.is_none())
}

/// A finding's message and, where it adds something, its label (the "why"): a label that the
/// message already says is not repeated.
pub fn message_with_label(d: &Diagnostic) -> String {
    match &d.label {
        Some(label) if !d.message.contains(label.as_str()) => format!("{}: {label}", d.message),
        _ => d.message.clone(),
    }
}

/// How many unsuppressed findings each lint has, most first (the human summary's table).
pub fn counts_by_lint(diagnostics: &[Diagnostic]) -> Vec<(usize, &'static str, Level)> {
    let mut counts: std::collections::BTreeMap<(&'static str, Level), usize> =
        std::collections::BTreeMap::new();
    for d in shown_findings(diagnostics).filter(|d| d.level != Level::Allow) {
        *counts.entry((d.lint, d.level)).or_default() += 1;
    }
    let mut out: Vec<_> = counts
        .into_iter()
        .map(|((lint, level), n)| (n, lint, level))
        .collect();
    out.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(b.1)));
    out
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub deny: usize,
    pub warn: usize,
    pub files_analyzed: usize,
    pub files_failed: usize,
    pub skipped_test_files: usize,
    pub skipped_mock_files: usize,
    /// Vendored Go files of packages that nothing in the tree imports.
    pub skipped_unreached_vendored_files: usize,
    /// Go files whose build constraints no build satisfies (`//go:build ignore`).
    pub not_built_files: usize,
}

pub fn summary(a: &Analysis, diagnostics: &[Diagnostic]) -> Summary {
    let count = |level| {
        diagnostics
            .iter()
            .filter(|d| d.level == level && d.suppressed.is_none())
            .count()
    };
    Summary {
        deny: count(Level::Deny),
        warn: count(Level::Warn),
        files_analyzed: a.files_analyzed(),
        files_failed: a.files_failed(),
        skipped_test_files: a.skipped.tests,
        skipped_mock_files: a.skipped.mocks,
        skipped_unreached_vendored_files: a.skipped.unreached_vendored,
        not_built_files: a.files_not_built(),
    }
}

/// `rootlint ledger`: the ledger's sums and its gaps, as JSON.
pub fn ledger_json(ledger: &rootlint_analyzer::ledger::Ledger) -> String {
    let gaps: Vec<serde_json::Value> = ledger
        .gaps
        .iter()
        .map(|g| {
            serde_json::json!({
                "file": g.file,
                "line": g.span.map(|s| s.start_line),
                "column": g.span.map(|s| s.start_column),
                "message": g.message,
            })
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({
        "schema": "rootlint.ledger/v1",
        "references": ledger.references,
        "followed": ledger.followed,
        "reported": ledger.reported,
        "gaps": gaps,
    }))
    .expect("JSON of plain values");
    text.push('\n');
    text
}

/// `rootlint audit`: one aligned `{caller, host, method, path}` line per :666 grant, each field
/// escaped (a route holding a line break or a terminal escape must not forge or erase a row).
pub fn audit_text(surface: &[rootlint_lints::baseline::Entry]) -> String {
    let rows: Vec<[String; 4]> = surface
        .iter()
        .map(|e| {
            [
                escape(&e.caller),
                escape(&e.host),
                escape(&e.method),
                escape(&e.path),
            ]
        })
        .collect();
    let width = |i: usize, title: &str| {
        rows.iter()
            .map(|r| r[i].chars().count())
            .chain([title.len()])
            .max()
            .unwrap_or(0)
    };
    let (wc, wh, wm) = (width(0, "CALLER"), width(1, "HOST"), width(2, "METHOD"));
    let mut out = format!("{:wc$}  {:wh$}  {:wm$}  PATH\n", "CALLER", "HOST", "METHOD");
    for [caller, host, method, path] in &rows {
        out.push_str(&format!("{caller:wc$}  {host:wh$}  {method:wm$}  {path}\n"));
    }
    out
}

/// `rootlint lints --format json`: every lint with its category, levels and docs address.
pub fn lints_json(levels: &dyn Fn(&rootlint_lints::Lint) -> Level) -> String {
    let lints: Vec<serde_json::Value> = rootlint_lints::all()
        .iter()
        .map(|l| {
            serde_json::json!({
                "name": l.name,
                "category": l.category.as_str(),
                "defaultLevel": l.default_level().as_str(),
                "level": levels(l).as_str(),
                "summary": l.summary,
                "docs": l.help_uri(),
            })
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&lints).expect("lints serialize");
    s.push('\n');
    s
}

/// The lint table (`rootlint lints`), also pasted into README.
pub fn lint_table() -> String {
    let mut out =
        String::from("| lint | default | category | what it finds |\n|---|---|---|---|\n");
    for l in rootlint_lints::all() {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            l.name,
            l.default_level().as_str(),
            l.category.as_str(),
            l.summary
        ));
    }
    out
}

/// Control characters, and the bidirectional overrides that reorder what a terminal shows.
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Text for a terminal or a CI log: control characters (including line breaks, which could
/// start a line a CI system reads as a command) are shown escaped, as Rust's `{:?}` does.
pub fn escape(s: &str) -> String {
    if !s.chars().any(needs_escape) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if needs_escape(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[cfg(test)]
mod escape_tests {
    #[test]
    fn audit_rows_cannot_be_forged() {
        let e = rootlint_lints::baseline::Entry {
            caller: "a.app".into(),
            host: "b.app".into(),
            method: "POST".into(),
            path: "/x\nc.app  d.app  POST  /forged\u{1b}[2K\u{202e}".into(),
            subject: String::new(),
        };
        let text = super::audit_text(&[e]);
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{202e}'),
            "{text}"
        );
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(
            super::escape("a\n::warning x\u{1b}[31m"),
            "a\\n::warning x\\u{1b}[31m"
        );
        assert_eq!(super::escape("plain `x`"), "plain `x`");
    }
}
