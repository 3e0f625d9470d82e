use rootlint_analyzer::subject::{host_problem, method_problem};
use rootlint_analyzer::workspace::catalog::Origin;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds hostnames and methods that cannot stand in a NATS subject token and that would end
    /// up in a :666 rule: a service or route hostname with a wildcard (`*`, `>`), an empty
    /// label, spaces or control characters, or a name the framework reserves (`all`, `id-…`,
    /// `loc-…`); a method that is not an HTTP method (`pub.Method("*")`,
    /// `pub.Method("GET.any.*.x")`, `""`).
    ///
    /// ### Why is this bad?
    /// Subjects are matched token by token: a `*` grants every value of its token, and a method
    /// holding dots adds tokens, so a grant built from such a value admits far more than the one
    /// call it stands for. rootlint emits no rule for it and marks the grants incomplete.
    ///
    /// ### Example
    /// ```go
    /// svc.Request(ctx, pub.Method("*"), pub.URL("https://vault.app:666/unseal"))
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// svc.Request(ctx, pub.Method("POST"), pub.URL("https://vault.app:666/unseal"))
    /// ```
    pub INVALID_SUBJECT_TOKEN,
    Correctness,
    "a hostname or method that cannot be a NATS subject token would reach a :666 rule",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    let mut out = Vec::new();
    for (i, site) in a.call_sites.iter().enumerate() {
        let Some(problem) = &site.invalid_token else {
            continue;
        };
        if !site.destination.is_trust_root() || a.attributions[i].is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                INVALID_SUBJECT_TOKEN.name,
                site.file.clone(),
                site.span,
                format!(
                    "{} to :666 cannot be granted: {problem}",
                    crate::describe_call(site)
                ),
            )
            .with_label("no grant for this call")
            .with_note("the grants are incomplete until the value is a valid hostname and method"),
        );
    }
    for service in &a.workspace.services {
        if let Some(problem) = host_problem(&service.hostname) {
            out.push(
                Diagnostic::new(
                    INVALID_SUBJECT_TOKEN.name,
                    a.workspace.files[service.declared_in].file.rel.clone(),
                    service
                        .hostname_span
                        .unwrap_or_else(rootlint_analyzer::span::Span::file_start),
                    format!("this service's hostname cannot be a subject token: it is {problem}"),
                )
                .with_label("no rules for this service")
                .with_note("the grants are incomplete until the hostname is valid"),
            );
        }
    }
    for e in &a.catalog.endpoints {
        if e.origin != Origin::Tree || !e.is_trust_root() {
            continue;
        }
        let Some(decl) = e.primary_declaration() else {
            continue;
        };
        let host = e
            .target
            .as_ref()
            .ok()
            .and_then(|t| host_problem(&t.host))
            .filter(|_| e.route.starts_with("//") || e.route.contains("://"));
        let method = (e.method != "ANY")
            .then(|| method_problem(&e.method))
            .flatten();
        let Some(problem) = host
            .map(|p| format!("its route's host is {p}"))
            .or(method.map(|p| format!("its method is {p}")))
        else {
            continue;
        };
        out.push(
            Diagnostic::new(
                INVALID_SUBJECT_TOKEN.name,
                decl.file.clone(),
                decl.span,
                format!("`{}/{}` cannot get a SUB rule: {problem}", e.host, e.name),
            )
            .with_label("no SUB rule for this endpoint")
            .with_note("the grants are incomplete until the declaration is valid"),
        );
    }
    out
}
