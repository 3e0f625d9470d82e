//! One small renderer per output format, all over the same `Diagnostic` list.

pub mod github;
pub mod human;
pub mod json;
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
    }
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
