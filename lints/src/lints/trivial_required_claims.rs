use crate::{Diagnostic, LintContext, boolexp, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds `requiredClaims` expressions that read no claim at all, such as `true`, `1==1` or
    /// `"a" == "a"`: they are constant.
    ///
    /// ### Why is this bad?
    /// A constant expression gates nothing (or everything): it looks like an authorization check
    /// in review while admitting every actor. On a privileged endpoint that is worse than no
    /// expression, because the `missing_required_claims` lint no longer points at it.
    ///
    /// ### Example
    /// ```yaml
    /// requiredClaims: "true"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// requiredClaims: roles.admin
    /// ```
    pub TRIVIAL_REQUIRED_CLAIMS,
    Suspicious,
    "a `requiredClaims` expression reads no claim, so it gates nothing",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    super::invalid_required_claims::expressions(cx)
        .into_iter()
        .filter(|(_, _, claims)| boolexp::check(claims).is_ok_and(|c| c.claim_paths.is_empty()))
        .map(|(file, mut span, claims)| {
            span.end_line = span.start_line;
            span.end_column = span.start_column + claims.chars().count() as u32;
            span.end_byte = span.start_byte + claims.len() as u32;
            Diagnostic::new(
                TRIVIAL_REQUIRED_CLAIMS.name,
                file,
                span,
                format!("`requiredClaims: {claims}` is constant: it reads no claim of the actor"),
            )
            .with_label("gates nothing")
        })
        .collect()
}
