use rootlint_analyzer::callgraph::EdgeKind;
use rootlint_analyzer::callgraph::callsites::Shape;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds :666 calls that rootlint grants but that gencreds' own scan would not find: a call
    /// outside the calling service's root folder (a shared helper package, a subpackage), or a
    /// raw request whose URL is not a string literal in the call (built from constants,
    /// `httpx.JoinHostAndPath`, `api.X.URL()`).
    ///
    /// ### Why is this bad?
    /// gencreds reads only the files at a service's root and only literal URLs. Deployed with
    /// gencreds alone, this call gets no `danger` grant and the broker rejects it at run time;
    /// the service works in development (where ACLs are off) and breaks in production. Feed
    /// rootlint's grant JSON to credential generation, or move the call where gencreds sees it.
    ///
    /// ### Example
    /// ```go
    /// // internal/tokens/minter.go, called from two services
    /// func (m *Minter) Customer(ctx context.Context, id string) (string, error) {
    ///     return bearertokenapi.NewClient(m.svc).Mint(ctx, map[string]any{"sub": id})
    /// }
    /// ```
    ///
    /// Use instead: deploy with `rootlint grants` as the input of credential generation, so
    /// that the call chain from each service is the evidence for its grant.
    pub GENCREDS_BLIND_SPOT,
    Suspicious,
    "gencreds alone would not grant this :666 call; the broker would reject it",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    let mut out = Vec::new();
    for (i, site) in a.call_sites.iter().enumerate() {
        let (Some(endpoint), true) = (site.endpoint, site.destination.is_trust_root()) else {
            continue;
        };
        let e = &a.catalog.endpoints[endpoint];
        let dir = a.workspace.files[site.function.file].file.dir();
        // gencreds expands helper methods of an api package into their callers.
        let in_api_helper = matches!(site.shape, Shape::Typed { .. })
            && a.workspace
                .packages
                .get(dir)
                .and_then(|p| p.import_path.as_ref())
                .is_some_and(|p| a.catalog.api_packages.contains_key(p));
        let mut outside: Vec<&str> = a.attributions[i]
            .iter()
            .map(|at| &a.workspace.services[at.service])
            .filter(|s| s.dir != dir && !in_api_helper)
            .map(|s| s.hostname.as_str())
            .collect();
        outside.sort();
        // gencreds reads a raw request's literal URL, and a typed call's own endpoint (not
        // the one the client's `WithOptions` sends it to).
        let non_literal = match site.shape {
            Shape::Raw { .. } => !site.literal_in_source,
            Shape::Typed { .. } => site.endpoint != site.named_endpoint,
        };
        let attributed = !a.attributions[i].is_empty();
        // Shapes gencreds' syntactic scan does not follow, named for the reviewer.
        let holder = &a.workspace.go(site.function.file).functions[site.function.function];
        let promoted = a.attributions[i]
            .iter()
            .any(|at| at.path.iter().any(|s| s.kind == EdgeKind::PromotedMethod));
        let shape = if let Some(via) = &site.via {
            Some(format!("the call reaches its client through {via}"))
        } else if !holder.type_params.is_empty() {
            Some(format!(
                "the call is in the generic helper `{}`",
                holder.name
            ))
        } else if promoted {
            Some(format!(
                "the call is in `{}`, a method promoted from an embedded struct",
                holder.name
            ))
        } else {
            None
        };
        let reason = if let (Some(shape), true) = (&shape, attributed) {
            if outside.is_empty() {
                shape.clone()
            } else {
                format!(
                    "{shape}, outside the root folder of {}",
                    outside
                        .iter()
                        .map(|h| format!("`{h}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        } else if !outside.is_empty() {
            format!(
                "the call is outside the root folder of {}",
                outside
                    .iter()
                    .map(|h| format!("`{h}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        } else if non_literal && attributed {
            match site.shape {
                Shape::Raw { .. } => "the URL is not a string literal".to_string(),
                Shape::Typed { .. } => {
                    "the client's `WithOptions` send it to another endpoint".to_string()
                }
            }
        } else {
            continue;
        };
        out.push(
            Diagnostic::new(
                GENCREDS_BLIND_SPOT.name,
                site.file.clone(),
                site.span,
                format!(
                    "gencreds would not find this :666 call to `{}/{}`: {reason}",
                    e.host, e.name
                ),
            )
            .with_label("granted by rootlint only")
            .with_note(
                "deploy with rootlint's grant JSON, or the broker rejects this call at run time",
            ),
        );
    }
    out
}
