//! `--format concise`: one line per finding, `path:line:col: level[lint] message`, as compilers'
//! short formats print them, then the summary line.

use rootlint_analyzer::diagnostic::{Diagnostic, Level};

use super::{Context, Emitter, escape};

pub struct Concise;

impl Emitter for Concise {
    type Output = String;

    fn emit(&self, cx: &Context, diagnostics: &[Diagnostic]) -> String {
        let mut out = String::new();
        for d in super::shown_findings(diagnostics) {
            let level = if d.level == Level::Deny {
                "error"
            } else {
                "warning"
            };
            out.push_str(&format!(
                "{}:{}:{}: {level}[{}] {}\n",
                escape(&cx.shown.path(&d.file)),
                d.span.start_line,
                d.span.start_column,
                d.lint,
                escape(&super::message_with_label(d)).replace("\\n", " ")
            ));
        }
        out.push_str(&super::human::summary_line(cx.analysis, diagnostics));
        out
    }
}
