//! The default, rustc-style output (codespan-reporting), with paths relative to the root.

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{
    self,
    termcolor::{Ansi, NoColor, WriteColor},
};
use rootlint_analyzer::Analysis;
use rootlint_analyzer::diagnostic::{Diagnostic, Level};

pub struct Human;

impl super::Emitter for Human {
    type Output = String;

    fn emit(&self, cx: &super::Context, diagnostics: &[Diagnostic]) -> String {
        let mut buf = Vec::new();
        if cx.color {
            emit(cx, diagnostics, &mut Ansi::new(&mut buf));
        } else {
            emit(cx, diagnostics, &mut NoColor::new(&mut buf));
        }
        String::from_utf8_lossy(&buf).into_owned()
    }
}

fn emit(cx: &super::Context, diagnostics: &[Diagnostic], w: &mut dyn WriteColor) {
    let a = cx.analysis;
    let config = term::Config::default();
    let mut files = SimpleFiles::new();
    let mut ids: std::collections::HashMap<&str, Option<usize>> = std::collections::HashMap::new();
    for d in super::shown_findings(diagnostics) {
        let id = *ids.entry(d.file.as_str()).or_insert_with(|| {
            rootlint_analyzer::discover::read_capped(
                &a.root.join(&d.file),
                rootlint_analyzer::discover::MAX_FILE_BYTES,
            )
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .map(|text| {
                files.add(
                    super::escape(&cx.shown.path(&d.file)),
                    source_for_terminal(&text),
                )
            })
        });
        let severity = if d.level == Level::Deny {
            Severity::Error
        } else {
            Severity::Warning
        };
        let mut report = Report::new(severity)
            .with_code(d.lint)
            .with_message(super::escape(&d.message));
        match id {
            Some(id) => {
                let source = files.get(id).map(|f| f.source().as_str()).unwrap_or("");
                let src = source.len();
                let (start, end) =
                    if d.span.start_byte == 0 && d.span.end_byte == 0 && d.span.start_line > 1 {
                        // A span given by its line alone (a baseline entry): that line's start,
                        // not the file's.
                        let at = line_start(source, d.span.start_line).unwrap_or(0);
                        (at, at)
                    } else {
                        let start = (d.span.start_byte as usize).min(src);
                        (start, (d.span.end_byte as usize).clamp(start, src))
                    };
                let mut label = Label::primary(id, start..end);
                if let Some(l) = &d.label {
                    label = label.with_message(super::escape(l));
                }
                report = report.with_labels(vec![label]);
            }
            None => {
                report = report.with_notes(vec![format!(
                    "in {}:{}:{}",
                    super::escape(&cx.shown.path(&d.file)),
                    d.span.start_line,
                    d.span.start_column
                )]);
            }
        }
        let mut notes: Vec<String> = d
            .notes
            .iter()
            .map(|n| format!("note: {}", super::escape(n)))
            .collect();
        notes.push(format!(
            "help: for further information run `rootlint explain {}`",
            d.lint
        ));
        report.notes.extend(notes);
        let _ = term::emit_to_write_style(w, &config, &files, &report);
    }
    let _ = write!(w, "{}", summary_line(a, diagnostics));
    let counts = super::counts_by_lint(diagnostics);
    if counts.len() > 1 {
        let width = counts
            .iter()
            .map(|c| c.0.to_string().len())
            .max()
            .unwrap_or(1);
        for (n, lint, level) in counts {
            let level = if level == Level::Deny {
                "error"
            } else {
                "warning"
            };
            let _ = writeln!(w, "  {n:>width$} {level}[{lint}]");
        }
    }
}

/// `rootlint: 2 errors, 1 warning; 31 files analyzed, 0 could not be`, and the files no build
/// includes.
pub fn summary_line(a: &Analysis, diagnostics: &[Diagnostic]) -> String {
    let s = super::summary(a, diagnostics);
    let mut out = format!(
        "rootlint: {} error{}, {} warning{}; {} file{} analyzed, {} could not be\n",
        s.deny,
        plural(s.deny),
        s.warn,
        plural(s.warn),
        s.files_analyzed,
        plural(s.files_analyzed),
        s.files_failed
    );
    if s.not_built_files > 0 {
        out.push_str(&format!(
            "rootlint: {} Go file{} left out: no build includes {} (build constraints)\n",
            s.not_built_files,
            plural(s.not_built_files),
            if s.not_built_files == 1 { "it" } else { "them" }
        ));
    }
    out
}

/// The source as a terminal may show it: control characters other than line breaks and tabs
/// (escape sequences, a carriage return that rewrites a line) become `?`, byte for byte, so
/// that every span still points where it did.
fn source_for_terminal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !matches!(c, '\n' | '\t') {
                "?".repeat(c.len_utf8())
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The byte offset where 1-based line `line` starts.
fn line_start(source: &str, line: u32) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    source
        .match_indices('\n')
        .nth(line as usize - 2)
        .map(|(i, _)| i + 1)
}
