//! The language server's format: unsuppressed findings as LSP diagnostics, grouped by file, with
//! ranges in UTF-16 columns of the text the editor holds. The server publishes them
//! (`textDocument/publishDiagnostics`); this renderer only shapes them, so that it can be tested
//! like the others.

use std::collections::{BTreeMap, HashMap};

use rootlint_analyzer::diagnostic::{Diagnostic, Level};

use super::{Context, Emitter};
use crate::lsp::convert;

/// LSP diagnostics by file (relative to the analyzed root).
pub type ByFile = BTreeMap<String, Vec<lsp_types::Diagnostic>>;

/// The language server's renderer. Positions are computed against `text_of(file)`: the open
/// buffer where there is one, since that is what the editor shows.
pub struct Lsp<'t> {
    /// The text a file's diagnostics refer to.
    pub text_of: &'t dyn Fn(&str) -> String,
}

impl Emitter for Lsp<'_> {
    type Output = ByFile;

    fn emit(&self, _cx: &Context, diagnostics: &[Diagnostic]) -> ByFile {
        let mut by_file = ByFile::new();
        let mut texts: HashMap<&str, String> = HashMap::new();
        for d in super::shown_findings(diagnostics).filter(|d| d.level != Level::Allow) {
            let text = texts
                .entry(d.file.as_str())
                .or_insert_with(|| (self.text_of)(&d.file));
            // The label on its own line, unless the message already says it.
            let mut message = d.message.clone();
            if let Some(l) = &d.label
                && !d.message.contains(l.as_str())
            {
                message.push_str(&format!("\n{l}"));
            }
            for n in &d.notes {
                message.push_str(&format!("\nnote: {n}"));
            }
            by_file
                .entry(d.file.clone())
                .or_default()
                .push(lsp_types::Diagnostic {
                    range: convert::range(text, &d.span),
                    severity: Some(if d.level == Level::Deny {
                        lsp_types::DiagnosticSeverity::ERROR
                    } else {
                        lsp_types::DiagnosticSeverity::WARNING
                    }),
                    code: Some(lsp_types::NumberOrString::String(d.lint.to_string())),
                    code_description: rootlint_lints::find(d.lint)
                        .and_then(|l| l.help_uri().parse().ok())
                        .map(|href| lsp_types::CodeDescription { href }),
                    source: Some("rootlint".into()),
                    message,
                    ..lsp_types::Diagnostic::default()
                });
        }
        by_file
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The example deployment as the language server publishes it, compared with
    /// `tests/expected/shop.lsp.json` (`BLESS=1` rewrites it).
    #[test]
    fn example_deployment_snapshot() {
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = repo.join("examples/shop").canonicalize().unwrap();
        let config = crate::config::load(&root, None).unwrap();
        let settings = config.settings();
        let analysis = rootlint_analyzer::analyze(
            &root,
            &rootlint_analyzer::Options {
                exclude: config.exclude.clone(),
                external_endpoints: config.endpoints.clone(),
                ..Default::default()
            },
        );
        let outcome = rootlint_lints::engine::check(&analysis, &settings);
        let cx = Context {
            analysis: &analysis,
            shown: crate::locate::Shown::from_working_directory(&root),
            color: false,
            levels: &|l| settings.level_of(l),
            repository: None,
        };
        let text_of = |rel: &str| std::fs::read_to_string(root.join(rel)).unwrap_or_default();
        let by_file = Lsp { text_of: &text_of }.emit(&cx, &outcome.diagnostics);
        assert!(!by_file.is_empty());
        // The lint docs' addresses name the checkout, which differs between machines.
        let mut actual = serde_json::to_string_pretty(&by_file)
            .unwrap()
            .replace(&repo.display().to_string(), "$REPO");
        actual.push('\n');
        let expected_path = repo.join("tests/expected/shop.lsp.json");
        if std::env::var("BLESS").as_deref() == Ok("1") {
            std::fs::write(&expected_path, &actual).unwrap();
            return;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        assert_eq!(
            expected,
            actual,
            "{} differs; run with BLESS=1 to accept",
            expected_path.display()
        );
    }
}
