use crate::{Diagnostic, LintContext, declare_lint};
use rootlint_analyzer::workspace::catalog::Origin;

declare_lint! {
    /// ### What it does
    /// Finds endpoints declared on :666 (in an api package's `definition.go`, or a hand-written
    /// `manifest.yaml`) without `requiredClaims`. Where the manifest is generated from
    /// `definition.go` (2026), the finding and its quick fix point at `definition.go`.
    ///
    /// ### Why is this bad?
    /// The :666 ACL decides which *services* may call the endpoint; it says nothing about the
    /// *actor* on whose behalf they call. Without `requiredClaims`, any granted caller can perform
    /// the privileged operation for any user, so a bug in a caller that lets a user steer the
    /// call becomes a privilege escalation.
    ///
    /// Which fix is right depends on what the endpoint is:
    /// - **An application endpoint acting on behalf of an actor** (grant a role, unseal a vault,
    ///   run an operator command): require the actor's claims, for example
    ///   `RequiredClaims: "roles.admin"`. The token is checked as well as the caller.
    /// - **An identity root**, an endpoint that issues the token claims are read from
    ///   (`access.token.core/Mint`, `bearer.token.core/Mint`, a login service's own issuer):
    ///   never secure it with `requiredClaims`. A token issuer cannot require the token it is
    ///   asked to issue, and the framework's rules say so. The :666 ACL is its protection; list
    ///   it under `identity-roots` in `rootlint.toml` so that this lint stays quiet about it.
    ///   The framework's two Mint endpoints are listed by default.
    ///
    /// ### Example
    /// ```go
    /// var GrantRole = define.Function{Method: "POST", Route: ":666/grant-role"}
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// var GrantRole = define.Function{Method: "POST", Route: ":666/grant-role", RequiredClaims: "roles.admin"}
    /// ```
    ///
    /// or, for a token issuer, in `rootlint.toml`:
    /// ```toml
    /// identity-roots = ["login.example/IssueToken"]
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
                .with_note("if it acts on behalf of a user, require the actor's claims too (for example `roles.admin`)")
                .with_note(format!(
                    "if it issues the token that claims come from (an identity root), never require claims: list `{}/{}` under `identity-roots` in rootlint.toml",
                    e.host, e.name
                )),
            )
        })
        .collect()
}
