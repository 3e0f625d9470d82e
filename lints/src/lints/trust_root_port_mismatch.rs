use rootlint_analyzer::Analysis;
use rootlint_analyzer::callgraph::callsites::CallSite;
use rootlint_analyzer::route;
use rootlint_analyzer::workspace::catalog::Endpoint;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds calls whose host and path match a declared :666 endpoint but whose port is not
    /// 666, and :666 calls whose host declares that path on another port.
    ///
    /// ### Why is this bad?
    /// The port is part of the subject. A call to a trust root on :443 can never reach it (it
    /// fails at run time); a :666 call to an endpoint that is really on :443 asks for a `danger`
    /// grant that protects nothing, or routes around the tier if both exist. Either way the
    /// caller and the declaration disagree about the trust tier.
    ///
    /// ### Example
    /// ```go
    /// svc.Request(ctx, pub.POST("https://roles.shop/grant-role"))   // declared on :666
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// rolesapi.NewClient(svc).GrantRole(ctx, actorID, role)
    /// ```
    pub TRUST_ROOT_PORT_MISMATCH,
    Correctness,
    "a call and the endpoint it names disagree on whether it is on :666",
    check
}

/// A declared endpoint on the call's host and path, on the other side of the :666 line.
pub(crate) fn mismatch<'a>(a: &'a Analysis, site: &CallSite) -> Option<&'a Endpoint> {
    if site.endpoint.is_some() {
        return None;
    }
    let d = &site.destination;
    let (Ok(host), Ok(port), Ok(path)) = (&d.host, &d.port, &d.path) else {
        return None;
    };
    a.catalog.endpoints_on(host).map(|(_, e)| e).find(|e| {
        e.target.as_ref().is_ok_and(|t| {
            route::path_matches(&t.path, path) && t.port != 0 && (t.port == 666) != (*port == 666)
        })
    })
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    a.call_sites
        .iter()
        .filter_map(|site| {
            let e = mismatch(a, site)?;
            let port = site.destination.port.as_ref().ok()?;
            let declared = e.port()?;
            Some(
                Diagnostic::new(
                    TRUST_ROOT_PORT_MISMATCH.name,
                    site.file.clone(),
                    site.span,
                    format!(
                        "this call goes to :{port} but `{}/{}` is declared on :{declared} (`{}`)",
                        e.host, e.name, e.route
                    ),
                )
                .with_label(if declared == 666 {
                    "can never reach the trust root"
                } else {
                    "asks for a :666 grant for a non-trust-root endpoint"
                }),
            )
        })
        .collect()
}
