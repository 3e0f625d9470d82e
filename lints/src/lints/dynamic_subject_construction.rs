use rootlint_analyzer::callgraph::callsites::Shape;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds raw requests (`svc.Request`, `svc.Publish`) whose URL rootlint cannot resolve
    /// statically, so that the port, and with it the trust tier, of the NATS subject is unknown.
    /// It also finds :666 requests whose path or method is not static. A URL whose scheme, host,
    /// port and path are static is static even when its query string varies: the subject carries
    /// no query.
    ///
    /// ### Why is this bad?
    /// gencreds gives a non-literal URL a `safe.*` wildcard grant. If the URL ever reaches :666
    /// the broker rejects the call, and no audit of the `.creds` files can see that the service
    /// was meant to reach a trust root. A dynamic URL is also how a request forgery reaches a
    /// port it should not.
    ///
    /// ### Example
    /// ```go
    /// svc.Request(ctx, pub.POST("https://"+target+"/refund"))
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// paymentsapi.NewClient(svc).Refund(ctx, order)
    /// ```
    pub DYNAMIC_SUBJECT_CONSTRUCTION,
    Suspicious,
    "a raw request's URL is not static, so its port and trust tier are unknown",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    cx.analysis
        .call_sites
        .iter()
        .filter(|s| matches!(s.shape, Shape::Raw { .. }))
        .filter_map(|site| {
            let d = &site.destination;
            let diag = match (&d.port, d.unresolved()) {
                (Err(reason), _) => Diagnostic::new(
                    DYNAMIC_SUBJECT_CONSTRUCTION.name,
                    site.file.clone(),
                    site.span,
                    "the URL of this request is not static, so its port and trust tier are unknown",
                )
                .with_label(format!("the port depends on {reason}")),
                // A dynamic host on :666 is `dynamic_trust_root_host`.
                (Ok(666), Some((part, reason))) if part != "host" => Diagnostic::new(
                    DYNAMIC_SUBJECT_CONSTRUCTION.name,
                    site.file.clone(),
                    site.span,
                    format!("this :666 request's {part} is not static, so no exact grant can be made"),
                )
                .with_label(format!("the {part} depends on {reason}")),
                _ => return None,
            };
            Some(diag.with_note("use a typed client, or build the URL from constants so that rootlint can resolve it"))
        })
        .collect()
}
