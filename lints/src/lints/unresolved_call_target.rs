use rootlint_analyzer::analysis::Candidate;
use rootlint_analyzer::callgraph::function_name;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds calls that rootlint could not resolve through types although they may lead to a
    /// :666 call: a method called on a value whose type rootlint cannot work out (the result of
    /// an in-tree call it could not resolve, a generic it could not instantiate, a name it
    /// cannot find) when a method of that name and arity makes a :666 call; and a raw
    /// `Request`/`Publish` to :666 whose receiver may or may not be the connector.
    ///
    /// ### Why is this bad?
    /// rootlint grants a :666 call only when names and types prove the path to it; a method's
    /// name alone proves nothing (`svc.mux.Unlock()` is not the `Unlock` handler). Here the
    /// proof is missing, so there is no edge and no grant, and the grant JSON says
    /// `"complete": false`: a :666 call may be lost, and the broker would reject it.
    ///
    /// ### Example
    /// ```go
    /// func (svc *Service) Rotate(ctx context.Context) error {
    ///     vault := lookup(svc.registry, "vault") // returns `any`
    ///     return vault.(interface{ Unseal(context.Context) error }).Unseal(ctx)
    /// }
    /// ```
    ///
    /// Use instead: give the value a declared type rootlint can follow (a typed variable, a
    /// field, a function result), or call the typed client directly:
    /// ```go
    /// func (svc *Service) Rotate(ctx context.Context) error {
    ///     return vaultapi.NewClient(svc).Unseal(ctx)
    /// }
    /// ```
    pub UNRESOLVED_CALL_TARGET,
    Correctness,
    "a call rootlint could not resolve through types may lead to a :666 call",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    let mut out = Vec::new();
    for (call, candidates) in &a.unresolved {
        let file = a.workspace.files[call.function.file].file.rel.clone();
        let mut names: Vec<String> = candidates
            .iter()
            .map(|c| match c {
                Candidate::Function(f) => format!("`{}`", function_name(&a.workspace, *f)),
                Candidate::Endpoint(e) => format!("the typed client method `{e}`"),
            })
            .collect();
        names.dedup();
        let shown = names.iter().take(3).cloned().collect::<Vec<_>>().join(", ");
        let more = names.len().saturating_sub(3);
        let tail = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        out.push(
            Diagnostic::new(
                UNRESOLVED_CALL_TARGET.name,
                file,
                call.span,
                if call.name.is_empty() {
                    format!(
                        "rootlint cannot tell which function this function value runs; {shown}{tail} {} a :666 call",
                        if names.len() == 1 { "makes" } else { "make" }
                    )
                } else {
                    format!(
                        "rootlint cannot tell which `{}` this call runs; {shown}{tail} of that name {} a :666 call",
                        call.name,
                        if names.len() == 1 { "makes" } else { "make" }
                    )
                },
            )
            .with_label(if call.name.is_empty() {
                format!("where the value comes from is unknown: {}", call.reason)
            } else {
                format!("the receiver's type is unknown: {}", call.reason)
            })
            .with_note("no edge and no grant for this call; the grants are incomplete")
            .with_note(if call.name.is_empty() {
                "keep the function value in places rootlint follows (variables, fields, parameters, results, containers)"
            } else {
                "give the receiver a declared type rootlint can follow"
            }),
        );
    }
    for (i, site) in a.call_sites.iter().enumerate() {
        let Some(reason) = &site.receiver_unresolved else {
            continue;
        };
        if !site.destination.is_trust_root() || a.attributions[i].is_empty() {
            continue;
        }
        out.push(
            Diagnostic::new(
                UNRESOLVED_CALL_TARGET.name,
                site.file.clone(),
                site.span,
                format!(
                    "rootlint cannot tell whether {} to :666 is the connector's",
                    crate::describe_call(site)
                ),
            )
            .with_label(format!("the receiver's type is unknown: {reason}"))
            .with_note("no grant for this call; the grants are incomplete")
            .with_note("call it on the service, the connector or a `service.Publisher`"),
        );
    }
    out
}
