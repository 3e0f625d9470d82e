use rootlint_analyzer::facts::Facts;
use rootlint_analyzer::facts::go::Expr;
use rootlint_analyzer::span::Span;

use crate::{Diagnostic, LintContext, boolexp, declare_lint};

declare_lint! {
    /// ### What it does
    /// Checks every `requiredClaims` expression (manifest.yaml, `RequiredClaims` in an api
    /// package's definition.go, `sub.RequiredClaims(…)` in Go code) against the boolean
    /// expression syntax the framework evaluates: `&&` `||` `!`, `==` `!=` `<` `<=` `>` `>=`,
    /// `=~` `!~` with a quoted regexp on the right, parentheses, `'` `"` and backtick strings,
    /// dot paths and `true`/`false`. The finding points at the column of the error.
    ///
    /// ### Why is this bad?
    /// The connector validates the expression when the endpoint subscribes, so the service fails
    /// to start, or, if the expression reaches an evaluator some other way, the endpoint rejects
    /// every caller. Either way the privileged operation is broken in production, and a rushed
    /// fix tends to delete the claim check.
    ///
    /// ### Example
    /// ```yaml
    /// requiredClaims: roles.admin & roles.elevated
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// requiredClaims: roles.admin && roles.elevated
    /// ```
    pub INVALID_REQUIRED_CLAIMS,
    Correctness,
    "a `requiredClaims` expression is not valid boolean-expression syntax",
    check
}

/// Every requiredClaims expression of the tree with the span of its first character.
pub(crate) fn expressions(cx: &LintContext) -> Vec<(String, Span, String)> {
    let mut out = Vec::new();
    for e in &cx.analysis.catalog.endpoints {
        for d in e.written_declarations() {
            if let (Some(claims), Some(span)) = (&d.required_claims, d.claims_span) {
                out.push((d.file.clone(), span, claims.clone()));
            }
        }
    }
    for f in &cx.analysis.workspace.files {
        let Facts::Go(g) = &f.facts else { continue };
        let sub_alias: Vec<&str> = g
            .imports
            .iter()
            .filter(|i| i.path == "github.com/microbus-io/fabric/sub")
            .filter_map(|i| i.local_name())
            .collect();
        for call in g.functions.iter().flat_map(|f| &f.calls) {
            let Expr::Selector(base, name) = &call.callee else {
                continue;
            };
            let (Expr::Ident(alias), Some(Expr::Str(claims)), Some(span)) =
                (base.as_ref(), call.args.first(), call.arg_spans.first())
            else {
                continue;
            };
            if name == "RequiredClaims" && sub_alias.contains(&alias.as_str()) {
                let mut s = *span;
                s.start_byte += 1;
                s.start_column += 1;
                out.push((f.file.rel.clone(), s, claims.clone()));
            }
        }
    }
    out
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    expressions(cx)
        .into_iter()
        .filter_map(|(file, span, claims)| {
            let err = boolexp::check(&claims).err()?;
            let column = span.start_column + err.offset as u32;
            let at = Span {
                start_line: span.start_line,
                start_column: column,
                end_line: span.start_line,
                end_column: column + 1,
                start_byte: span.start_byte
                    + claims
                        .chars()
                        .take(err.offset)
                        .map(char::len_utf8)
                        .sum::<usize>() as u32,
                end_byte: span.start_byte
                    + claims
                        .chars()
                        .take(err.offset + 1)
                        .map(char::len_utf8)
                        .sum::<usize>() as u32,
            };
            Some(
                Diagnostic::new(
                    INVALID_REQUIRED_CLAIMS.name,
                    file,
                    at,
                    format!(
                        "invalid `requiredClaims` expression `{claims}`: {}",
                        err.message
                    ),
                )
                .with_label(err.message),
            )
        })
        .collect()
}
