//! One small renderer per output format, all over the same `Diagnostic` list.

pub mod github;
pub mod human;
pub mod json;
pub mod nats;
pub mod sarif;

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{Diagnostic, Level};
use serde::Serialize;

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

/// `rootlint audit`: one aligned `{caller, host, method, path}` line per :666 grant.
pub fn audit_text(surface: &[rootlint_lints::baseline::Entry]) -> String {
    let width = |f: fn(&rootlint_lints::baseline::Entry) -> &str, title: &str| {
        surface
            .iter()
            .map(|e| f(e).len())
            .chain([title.len()])
            .max()
            .unwrap_or(0)
    };
    let (wc, wh, wm) = (
        width(|e| &e.caller, "CALLER"),
        width(|e| &e.host, "HOST"),
        width(|e| &e.method, "METHOD"),
    );
    let mut out = format!("{:wc$}  {:wh$}  {:wm$}  PATH\n", "CALLER", "HOST", "METHOD");
    for e in surface {
        out.push_str(&format!(
            "{:wc$}  {:wh$}  {:wm$}  {}\n",
            e.caller, e.host, e.method, e.path
        ));
    }
    out
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

/// Text for a terminal or a CI log: control characters (including line breaks, which could
/// start a line a CI system reads as a command) are shown escaped, as Rust's `{:?}` does.
pub fn escape(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
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
    fn control_characters_are_escaped() {
        assert_eq!(
            super::escape("a\n::warning x\u{1b}[31m"),
            "a\\n::warning x\\u{1b}[31m"
        );
        assert_eq!(super::escape("plain `x`"), "plain `x`");
    }
}
