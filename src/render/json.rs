//! `--format json`: the `rootlint.diagnostics/v1` document.

use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::Diagnostic;
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Entry<'a> {
    lint: &'a str,
    level: &'a str,
    message: &'a str,
    /// Why, at the finding's span (for example "host comes from the result of `f(…)`").
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'a str>,
    /// Relative to the analysis root (the project rootlint found; see README).
    file: &'a str,
    line: u32,
    column: u32,
    end_line: u32,
    end_column: u32,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    notes: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    suppressed: Option<Suppressed<'a>>,
}

#[derive(Serialize)]
struct Suppressed<'a> {
    reason: &'a str,
}

#[derive(Serialize)]
struct Document<'a> {
    schema: &'static str,
    diagnostics: Vec<Entry<'a>>,
    summary: super::Summary,
}

pub struct Json;

impl super::Emitter for Json {
    type Output = String;

    fn emit(&self, cx: &super::Context, diagnostics: &[Diagnostic]) -> String {
        render(cx.analysis, diagnostics)
    }
}

fn render(a: &Analysis, diagnostics: &[Diagnostic]) -> String {
    let doc = Document {
        schema: "rootlint.diagnostics/v1",
        diagnostics: diagnostics
            .iter()
            .map(|d| Entry {
                lint: d.lint,
                level: d.level.as_str(),
                message: &d.message,
                label: d.label.as_deref(),
                file: &d.file,
                line: d.span.start_line,
                column: d.span.start_column,
                end_line: d.span.end_line,
                end_column: d.span.end_column,
                notes: &d.notes,
                suppressed: d.suppressed.as_deref().map(|reason| Suppressed { reason }),
            })
            .collect(),
        summary: super::summary(a, diagnostics),
    };
    let mut s = serde_json::to_string_pretty(&doc).expect("diagnostics serialize");
    s.push('\n');
    s
}
