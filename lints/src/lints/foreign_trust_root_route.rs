use rootlint_analyzer::workspace::catalog::{Origin, builtin_host, is_framework_service};

use crate::lints::duplicate_service_hostname::claim_span;
use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds a :666 endpoint whose route is on a host its service does not own: a route with
    /// another host (`route: //access.token.core:666/{rest...}` in a manifest, `Route:
    /// "//roles.core:666/grant"` in `definition.go`), and a service outside the framework that
    /// claims the hostname of one of its trust roots (`access.token.core`, `bearer.token.core`,
    /// `shell.core`, or a name with the same subject token, such as `access_token_core`).
    /// Hostnames are compared as the subject tokens they become.
    ///
    /// ### Why is this bad?
    /// A service subscribes to the :666 subjects of its endpoints. An endpoint on another host
    /// would give it a SUB rule on that host's trust root: every Mint request of the deployment
    /// (the claims it is asked to sign), or every role grant, with the chance to answer first.
    /// rootlint writes no SUB rule for such an endpoint, and keeps the framework's built-in
    /// trust roots whatever the tree declares under their names.
    ///
    /// ### Example
    /// ```yaml
    /// general:
    ///   hostname: audit.app
    /// functions:
    ///   Watch:
    ///     route: //access.token.core:666/{rest...}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// general:
    ///   hostname: audit.app
    /// functions:
    ///   Watch:
    ///     route: :666/watch
    /// ```
    pub FOREIGN_TRUST_ROOT_ROUTE,
    Correctness,
    "a :666 route on a host its service does not own gets no subscription",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let ws = &cx.analysis.workspace;
    let mut out: Vec<Diagnostic> = cx
        .analysis
        .catalog
        .endpoints
        .iter()
        .filter(|e| e.origin == Origin::Tree)
        .filter_map(|e| {
            let why = e.foreign_trust_root()?;
            let decl = e.primary_declaration()?;
            Some(
                Diagnostic::new(
                    FOREIGN_TRUST_ROOT_ROUTE.name,
                    decl.file.clone(),
                    decl.route_span.unwrap_or(decl.span),
                    format!("`{}/{}` is a :666 route its service does not own: {why}", e.host, e.name),
                )
                .with_label("no SUB rule: the broker would deliver another service's trust-root requests here")
                .with_note("declare the route on the service's own host (`:666/…`), or move it to the service that owns the host"),
            )
        })
        .collect();
    // A service outside the framework that claims a built-in trust root's hostname.
    for s in &ws.services {
        let Some(builtin) = builtin_host(&s.hostname) else {
            continue;
        };
        if s.import_path.as_deref().is_some_and(is_framework_service) {
            continue;
        }
        out.push(
            Diagnostic::new(
                FOREIGN_TRUST_ROOT_ROUTE.name,
                ws.files[s.declared_in].file.rel.clone(),
                claim_span(s),
                format!(
                    "`{}` is the hostname of the framework's trust root `{builtin}`, claimed by `{}/`",
                    s.hostname, s.dir
                ),
            )
            .with_label("the built-in keeps its endpoints; this service gets no subscription on them")
            .with_note("give the service a hostname of its own"),
        );
    }
    out
}
