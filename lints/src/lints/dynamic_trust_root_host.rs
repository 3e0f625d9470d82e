use rootlint_analyzer::callgraph::callsites::Shape;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds calls that target a :666 endpoint but whose destination host is not static:
    /// `ForHost(expr)` on a typed client of a :666 endpoint, or a raw request to
    /// `"https://" + host + ":666/…"`.
    ///
    /// ### Why is this bad?
    /// The broker admits a :666 call only for an exact `{caller, host, method, path}` grant.
    /// gencreds turns `ForHost(expr)` into a wildcard-destination `danger` grant, so the caller
    /// may mint tokens on (or run commands through) *any* service that declares that path,
    /// including one an attacker registers. rootlint emits no grant for such a call: it fails at
    /// run time until the host is made static, or until a reviewed suppression records why a
    /// broad grant is acceptable.
    ///
    /// ### Example
    /// ```go
    /// token, err := accesstokenapi.NewClient(svc).ForHost(iss).Mint(ctx, claims)
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// token, err := accesstokenapi.NewClient(svc).Mint(ctx, claims)
    /// ```
    pub DYNAMIC_TRUST_ROOT_HOST,
    Correctness,
    "a :666 call whose destination host is not static would need a wildcard grant",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    a.call_sites
        .iter()
        .filter(|s| s.destination.is_trust_root())
        .filter_map(|site| {
            let reason = site.destination.host.as_ref().err()?;
            let (message, label) = match &site.shape {
                Shape::Typed { .. } => (
                    format!("`{}` is on :666 but its destination host is not static", crate::describe_call(site)),
                    format!("host comes from {reason}"),
                ),
                Shape::Raw { .. } => (
                    "this request targets :666 but its destination host is not static".to_string(),
                    format!("host comes from {reason}"),
                ),
            };
            Some(
                Diagnostic::new(DYNAMIC_TRUST_ROOT_HOST.name, site.file.clone(), site.span, message)
                    .with_label(label)
                    .with_note("gencreds would grant a wildcard destination (`danger.666.<caller>.*`); rootlint grants nothing for this call")
                    .with_note("make the host static, or suppress with the reason a broad :666 grant is acceptable"),
            )
        })
        .collect()
}
