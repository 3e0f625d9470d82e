use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds `//rootlint:ignore`, `//rootlint:file-ignore` and `# rootlint:ignore` comments
    /// that give no reason, or name no lint. Such a comment suppresses nothing.
    ///
    /// ### Why is this bad?
    /// Every silenced trust-root finding is a decision a reviewer must be able to read. A
    /// suppression without a reason hides the decision, and a broad :666 grant justified by
    /// nothing is exactly what an audit must flag.
    ///
    /// ### Example
    /// ```go
    /// //rootlint:ignore dynamic_trust_root_host
    /// token, err := accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, claims)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// //rootlint:ignore dynamic_trust_root_host issuers are the two regional token services, see SEC-142
    /// token, err := accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, claims)
    /// ```
    pub SUPPRESSION_WITHOUT_REASON,
    Correctness,
    "a suppression comment gives no reason, so it suppresses nothing",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.suppressions
        .iter()
        .filter(|s| s.reason.is_none())
        .map(|s| {
            let what = if s.lints.is_empty() { "names no lint and gives no reason".to_string() } else { format!("for `{}` gives no reason", s.lints.join(",")) };
            Diagnostic::new(SUPPRESSION_WITHOUT_REASON.name, s.file.clone(), s.span, format!("this suppression {what}"))
                .with_label("suppresses nothing until it says why")
                .with_note("write `rootlint:ignore <lint> <reason>`; the reason is recorded in JSON, SARIF and the grant JSON")
        })
        .collect()
}
