//! `--format github`: GitHub Actions workflow commands, one annotation per unsuppressed finding.

use rootlint_analyzer::diagnostic::{Diagnostic, Level};

/// Workflow-command data escaping: `%`, and every control character (a line break would start
/// a line that the runner reads as a command of its own).
fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            c if c.is_control() && (c as u32) < 0x100 => {
                out.push_str(&format!("%{:02X}", c as u32))
            }
            c if c.is_control() => out.push_str(&c.escape_default().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// Workflow-command property escaping (also `:` and `,`).
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

pub struct Github;

impl super::Emitter for Github {
    type Output = String;

    fn emit(&self, cx: &super::Context, diagnostics: &[Diagnostic]) -> String {
        render(&cx.shown, diagnostics)
    }
}

/// Paths are the working directory's, which is where a workflow's steps run: the annotations
/// land on the repository's files.
fn render(shown: &crate::locate::Shown, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in super::shown_findings(diagnostics) {
        let command = if d.level == Level::Deny {
            "error"
        } else {
            "warning"
        };
        let mut message = super::message_with_label(d);
        for n in &d.notes {
            message.push('\n');
            message.push_str(n);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(&shown.path(&d.file)),
            d.span.start_line,
            d.span.start_column,
            d.span.end_line,
            d.span.end_column,
            property(&format!("rootlint ({})", d.lint)),
            data(&message)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escaping() {
        assert_eq!(super::property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(super::data("50%\nnext"), "50%25%0Anext");
        assert_eq!(super::data("x\u{1b}[2J\r"), "x%1B[2J%0D");
    }
}
