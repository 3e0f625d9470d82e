use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds application bundles (a `main` package that adds services with
    /// `app.Add(pkg.NewService(), …)`, as gencreds' `--bundle` reads it) that put a service owning
    /// a :666 endpoint in the same process as any other service. Trust roots in the tree count,
    /// and so do the shipped ones (`accesstoken`, `bearertoken`, `shell`).
    ///
    /// ### Why is this bad?
    /// The broker enforces ACLs per service, not per process. A compromise of any service in the
    /// bundle reaches the trust root's memory (its signing keys, its shell), bypassing the :666
    /// tier entirely. The seed's recommended posture: each trust root in its own application.
    /// Bundles that only run in development can be listed under `development-bundles` in
    /// `rootlint.toml`, or the finding suppressed with a reason.
    ///
    /// ### Example
    /// ```go
    /// app.Add(accesstoken.NewService(), orders.NewService())
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// // cmd/accesstoken/main.go
    /// app.Add(accesstoken.NewService())
    /// ```
    pub TRUST_ROOT_BUNDLED,
    Suspicious,
    "a service owning a :666 endpoint shares its process with other services",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for bundle in &cx.analysis.bundles {
        let development = bundle.members.iter().any(|m| {
            cx.settings
                .development_bundles
                .iter()
                .any(|d| d.trim_end_matches('/') == m.file || d.trim_end_matches('/') == bundle.dir)
        });
        if development || bundle.members.len() < 2 {
            continue;
        }
        for root in bundle.members.iter().filter(|m| m.trust_root) {
            let mut others: Vec<String> = bundle
                .members
                .iter()
                .filter(|m| m.package != root.package)
                .map(|m| format!("`{}`", m.name()))
                .collect();
            others.sort();
            others.dedup();
            out.push(
                Diagnostic::new(
                    TRUST_ROOT_BUNDLED.name,
                    root.file.clone(),
                    root.span,
                    format!("trust root `{}` shares its process with {}", root.name(), others.join(", ")),
                )
                .with_label("a compromise of any service in this bundle reaches this trust root's memory")
                .with_note("deploy each trust root in its own application, or list development-only bundles under `development-bundles` in rootlint.toml"),
            );
        }
    }
    out
}
