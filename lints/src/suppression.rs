//! Suppression comments, in Go's directive style: `//rootlint:ignore <lints> <reason>` on the
//! finding's line or the line above, `//rootlint:file-ignore <lints> <reason>` for a whole file,
//! and `# rootlint:ignore <lints> <reason>` in manifest.yaml. `<lints>` is one name or a comma
//! list without spaces (`a,b`, as staticcheck's `//lint:ignore` takes it), with underscores or
//! dashes. The reason is mandatory.

use rootlint_analyzer::Analysis;
use rootlint_analyzer::facts::Facts;
use rootlint_analyzer::facts::go::Directive;
use rootlint_analyzer::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
/// What a suppression comment covers.
pub enum Scope {
    /// The directive's own line (a trailing comment) or the next line.
    Line,
    /// The whole file (`//rootlint:file-ignore`).
    File,
}

#[derive(Clone, Debug, PartialEq, Eq)]
/// A `//rootlint:ignore` comment (or `# rootlint:` in a manifest).
pub struct Suppression {
    /// Its file.
    pub file: String,
    /// Where the comment is.
    pub span: Span,
    /// What it covers.
    pub scope: Scope,
    /// It shares its line with code.
    pub trailing: bool,
    /// The lints it names, in their canonical spelling (underscores).
    pub lints: Vec<String>,
    /// The reason given after the lint names, if any.
    pub reason: Option<String>,
}

impl Suppression {
    /// Whether this suppression covers a finding of `lint` that starts on `line` of `file`.
    pub fn covers(&self, lint: &str, file: &str, line: u32) -> bool {
        if !self.lints.iter().any(|l| l == lint) || self.file != file || self.reason.is_none() {
            return false;
        }
        match self.scope {
            Scope::File => true,
            Scope::Line if self.trailing => line == self.span.start_line,
            Scope::Line => line == self.span.start_line || line == self.span.start_line + 1,
        }
    }
}

fn parse(file: &str, d: &Directive) -> Option<Suppression> {
    let (scope, rest) = if let Some(r) = d.text.strip_prefix("rootlint:ignore") {
        (Scope::Line, r)
    } else if let Some(r) = d.text.strip_prefix("rootlint:file-ignore") {
        (Scope::File, r)
    } else {
        return None;
    };
    if !rest.is_empty() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let rest = rest.trim();
    let (lint, reason) = match rest.split_once(char::is_whitespace) {
        // `<reason>` is the placeholder the editor's quick fix inserts: not a reason yet.
        Some((l, r)) => (
            l,
            Some(r.trim().to_string()).filter(|r| !r.is_empty() && r != "<reason>"),
        ),
        None => (rest, None),
    };
    Some(Suppression {
        file: file.to_string(),
        span: d.span,
        scope,
        trailing: d.trailing,
        lints: lint
            .split(',')
            .filter(|l| !l.is_empty())
            .map(crate::names::canonical)
            .collect(),
        reason,
    })
}

/// Every suppression directive of the tree, in file order.
pub fn collect(a: &Analysis) -> Vec<Suppression> {
    let mut out = Vec::new();
    for f in &a.workspace.files {
        let directives = match &f.facts {
            Facts::Go(g) => &g.directives,
            Facts::Manifest(m) => &m.directives,
            _ => continue,
        };
        out.extend(directives.iter().filter_map(|d| parse(&f.file.rel, d)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directive(text: &str, line: u32, trailing: bool) -> Directive {
        Directive {
            text: text.into(),
            span: Span {
                start_line: line,
                end_line: line,
                ..Span::default()
            },
            trailing,
        }
    }

    #[test]
    fn line_file_and_missing_reason() {
        let s = parse("a.go", &directive("rootlint:ignore x the reason", 4, false)).unwrap();
        assert_eq!(s.reason.as_deref(), Some("the reason"));
        assert!(s.covers("x", "a.go", 5) && s.covers("x", "a.go", 4) && !s.covers("x", "a.go", 6));
        assert!(!s.covers("y", "a.go", 5));
        let t = parse("a.go", &directive("rootlint:ignore x why", 4, true)).unwrap();
        assert!(t.covers("x", "a.go", 4) && !t.covers("x", "a.go", 5));
        let f = parse("a.go", &directive("rootlint:file-ignore x why", 1, false)).unwrap();
        assert!(f.covers("x", "a.go", 99));
        let bare = parse("a.go", &directive("rootlint:ignore x", 4, false)).unwrap();
        assert_eq!(bare.reason, None);
        assert!(
            !bare.covers("x", "a.go", 5),
            "a suppression without a reason suppresses nothing"
        );
        assert!(parse("a.go", &directive("rootlint:ignored x y", 1, false)).is_none());
        let list = parse(
            "a.go",
            &directive(
                "rootlint:ignore x,Gencreds-Blind-Spot two reasons",
                4,
                false,
            ),
        )
        .unwrap();
        assert_eq!(list.lints, ["x", "gencreds_blind_spot"]);
        assert_eq!(list.reason.as_deref(), Some("two reasons"));
        assert!(list.covers("x", "a.go", 5) && list.covers("gencreds_blind_spot", "a.go", 5));
        assert!(!list.covers("y", "a.go", 5));
    }
}
