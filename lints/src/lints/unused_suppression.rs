use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds suppression comments (with a reason) that suppress no finding: the code they
    /// excused has changed, the lint name is misspelled, or the comment sits on the wrong line.
    ///
    /// ### Why is this bad?
    /// A stale suppression silently excuses the *next* finding that lands on its line. Removing
    /// it keeps every exception in the trust-root surface deliberate.
    ///
    /// ### Example
    /// ```go
    /// //rootlint:ignore dynamic_trust_root_host partner issuers
    /// token, err := accesstokenapi.NewClient(svc).Mint(ctx, claims)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// token, err := accesstokenapi.NewClient(svc).Mint(ctx, claims)
    /// ```
    pub UNUSED_SUPPRESSION,
    Suspicious,
    "a suppression comment suppresses nothing",
    check,
    Findings
}

/// Runs after the other lints: it needs their findings (`cx.findings`). A comma list is checked
/// name by name.
fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.suppressions
        .iter()
        .filter(|s| s.reason.is_some())
        .flat_map(|s| s.lints.iter().map(move |lint| (s, lint)))
        .filter(|(s, lint)| {
            !cx.findings.iter().any(|d| {
                d.lint == lint.as_str() && s.covers(d.lint, &d.file, d.span.start_line)
            })
        })
        .map(|(s, lint)| {
            let message = match (crate::find(lint), crate::names::did_you_mean(lint, false)) {
                (Some(_), _) => format!("this suppression of `{lint}` suppresses nothing"),
                (None, Some(close)) => format!(
                    "this suppression names `{lint}`, which is not a rootlint lint; did you mean `{close}`?"
                ),
                (None, None) => format!(
                    "this suppression names `{lint}`, which is not a rootlint lint (`rootlint lints` lists them)"
                ),
            };
            Diagnostic::new(UNUSED_SUPPRESSION.name, s.file.clone(), s.span, message)
                .with_label("remove it, or move it onto the finding's line or the line above")
        })
        .collect()
}
