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
    check
}

/// Runs after the other lints: it needs their findings (`cx.findings`).
fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.suppressions
        .iter()
        .filter(|s| s.reason.is_some())
        .filter(|s| {
            !cx.findings
                .iter()
                .any(|d| s.covers(d.lint, &d.file, d.span.start_line))
        })
        .map(|s| {
            let known = crate::find(&s.lint).is_some();
            let message = if known {
                format!("this suppression of `{}` suppresses nothing", s.lint)
            } else {
                format!(
                    "this suppression names `{}`, which is not a rootlint lint",
                    s.lint
                )
            };
            Diagnostic::new(UNUSED_SUPPRESSION.name, s.file.clone(), s.span, message)
                .with_label("remove it, or move it onto the finding's line or the line above")
        })
        .collect()
}
