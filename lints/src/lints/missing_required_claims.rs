use crate::{Diagnostic, LintContext, declare_lint};
use rootlint_analyzer::catalog::Origin;

declare_lint! {
    /// ### What it does
    /// Finds endpoints declared on :666 (in `manifest.yaml` or an api package's `definition.go`)
    /// without `requiredClaims`.
    ///
    /// ### Why is this bad?
    /// The :666 ACL decides which *services* may call the endpoint; it says nothing about the
    /// *actor* on whose behalf they call. Without `requiredClaims`, any granted caller can perform
    /// the privileged operation for any user, so a bug in a caller that lets a user steer the
    /// call becomes a privilege escalation. The seed's advice: apply `requiredClaims` if the
    /// operation should be further restricted by actor identity, and it probably should.
    ///
    /// The framework's identity roots (`access.token.core/Mint`, `bearer.token.core/Mint`) are
    /// exempt by default: a token issuer cannot require the token it is asked to issue. Other
    /// issuers can be exempted in `rootlint.toml` (`identity-roots`).
    ///
    /// ### Example
    /// ```yaml
    /// functions:
    ///   GrantRole:
    ///     method: POST
    ///     route: :666/grant-role
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// functions:
    ///   GrantRole:
    ///     method: POST
    ///     route: :666/grant-role
    ///     requiredClaims: roles.admin
    /// ```
    pub MISSING_REQUIRED_CLAIMS,
    Suspicious,
    "a :666 endpoint is declared without `requiredClaims`",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.analysis
        .catalog
        .endpoints
        .iter()
        .filter(|e| e.origin == Origin::Tree && e.is_trust_root())
        .filter(|e| e.required_claims.is_none())
        .filter(|e| {
            let key = format!("{}/{}", e.host, e.name);
            !cx.settings.identity_roots.iter().any(|r| r.eq_ignore_ascii_case(&key))
        })
        .filter_map(|e| {
            let decl = e.primary_declaration()?;
            Some(
                Diagnostic::new(
                    MISSING_REQUIRED_CLAIMS.name,
                    decl.file.clone(),
                    decl.span,
                    format!("`{}/{}` is declared on :666 without `requiredClaims`", e.host, e.name),
                )
                .with_label("any granted caller can invoke this for any actor")
                .with_note("add `requiredClaims` (for example `roles.admin`) so that the actor must be entitled too"),
            )
        })
        .collect()
}
