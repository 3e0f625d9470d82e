use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds calls whose target is known to be on :666 (static host, port 666, path and method)
    /// but where no :666 endpoint is declared that rootlint can see: a typo in a host or a path,
    /// a method the endpoint does not accept (`pub.Method("ANY")` included: `ANY` is never a
    /// method on the wire), `ForHost("…")` pointing at a host that does not declare the
    /// endpoint, or a shipped endpoint missing from the catalog.
    ///
    /// ### Why is this bad?
    /// rootlint grants only calls that reach a declared endpoint. This call gets no grant and
    /// fails at the broker; if the target is a real service outside the tree, its declaration
    /// belongs in `rootlint.toml` so that reviewers see it.
    ///
    /// ### Example
    /// ```go
    /// svc.Request(ctx, pub.POST("https://acess.token.core:666/mint"))
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// accesstokenapi.NewClient(svc).Mint(ctx, claims)
    /// ```
    pub UNRESOLVED_TRUST_ROOT_TARGET,
    Correctness,
    "a :666 call reaches no declared :666 endpoint",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    a.call_sites
        .iter()
        .filter(|s| s.endpoint.is_none() && s.receiver_unresolved.is_none() && s.invalid_token.is_none() && s.destination.is_trust_root() && s.destination.unresolved().is_none())
        // A path declared on another port is `trust_root_port_mismatch`.
        .filter(|s| super::trust_root_port_mismatch::mismatch(a, s).is_none())
        .map(|site| {
            let d = &site.destination;
            let (host, path, method) = (
                d.host.as_deref().unwrap_or_default(),
                d.path.as_deref().unwrap_or_default(),
                d.method.as_deref().unwrap_or_default(),
            );
            let mut diag = Diagnostic::new(
                UNRESOLVED_TRUST_ROOT_TARGET.name,
                site.file.clone(),
                site.span,
                format!("no :666 endpoint is declared for {method} `https://{host}:666{path}`"),
            )
            .with_label("no grant for this call");
            let mut near: Vec<String> = a
                .catalog
                .endpoints
                .iter()
                .filter(|e| e.is_trust_root())
                .filter(|e| e.host == host || e.target.as_ref().is_ok_and(|t| t.path == path))
                .map(|e| format!("`{}/{}` ({} `{}`)", e.host, e.name, e.method, e.route))
                .collect();
            near.sort();
            if method == "ANY" {
                diag = diag.with_note("`ANY` is a declaration's wildcard, never a method on the wire: send the method the endpoint expects (the typed clients send POST)");
            }
            if !near.is_empty() {
                diag = diag.with_note(format!("declared :666 endpoints nearby: {}", near.join(", ")));
            }
            diag.with_note("declare the endpoint, fix the host or path, or add it to `rootlint.toml` if it lives outside this tree")
        })
        .collect()
}
