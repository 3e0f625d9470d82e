use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds every application bundle that deploys `shell.core`, the shipped service whose
    /// :666 `Execute` endpoint runs shell commands on the host.
    ///
    /// ### Why is this bad?
    /// A caller granted `shell.core` Execute can run arbitrary code in the deployment. The seed
    /// says to deploy it only where genuinely needed; every deployment of it should say why, in a
    /// suppression with the reason, so that the decision is visible to reviewers.
    ///
    /// ### Example
    /// ```go
    /// app.Add(shell.NewService())
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// //rootlint:ignore shell_service_deployed ops bundle for the on-call runbook, see SEC-31
    /// app.Add(shell.NewService())
    /// ```
    pub SHELL_SERVICE_DEPLOYED,
    Suspicious,
    "`shell.core` is deployed; say why with a suppression",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.analysis
        .bundles
        .iter()
        .flat_map(|b| b.members.iter())
        .filter(|m| m.hostname.as_deref() == Some("shell.core"))
        .map(|m| {
            Diagnostic::new(
                SHELL_SERVICE_DEPLOYED.name,
                m.file.clone(),
                m.span,
                "`shell.core` is deployed here: its :666 Execute runs commands on the host",
            )
            .with_label("needs a recorded reason")
            .with_note("deploy it only where genuinely needed, with `//rootlint:ignore shell_service_deployed <reason>`")
        })
        .collect()
}
