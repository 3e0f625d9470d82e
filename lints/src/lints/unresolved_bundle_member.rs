use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds arguments of `app.Add(…)` in a bundle's `main` package that rootlint cannot trace
    /// to a service: a value from a function whose result type is an interface, a slice built up
    /// with `append`, a value from outside the tree. (`application.New(…)` may also take
    /// options, so only the services among its arguments count, and the rest is not reported.)
    ///
    /// ### Why is this bad?
    /// `trust_root_bundled` and `shell_service_deployed` decide from the bundle's members
    /// whether a trust root shares its process with other services. A member rootlint cannot
    /// name may be a trust root, or may be the service a trust root must not share memory
    /// with; the bundle checks would pass on a list that is short.
    ///
    /// ### Example
    /// ```go
    /// app.Add(makeService("billing")) // returns application.Service
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// app.Add(billing.NewService())
    /// ```
    pub UNRESOLVED_BUNDLE_MEMBER,
    Correctness,
    "a service added to a bundle could not be identified",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.analysis
        .bundles
        .iter()
        .flat_map(|b| b.unresolved.iter())
        .map(|u| {
            Diagnostic::new(
                UNRESOLVED_BUNDLE_MEMBER.name,
                u.file.clone(),
                u.span,
                "rootlint cannot tell which service this argument adds to the bundle".to_string(),
            )
            .with_label(u.reason.clone())
            .with_note("the bundle's trust-root checks (`trust_root_bundled`, `shell_service_deployed`) may miss this member")
            .with_note("pass `pkg.NewService()` (chained calls such as `.Init(…)` are fine), or a variable holding it")
        })
        .collect()
}
