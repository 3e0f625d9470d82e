use rootlint_analyzer::span::Span;

use crate::baseline::Entry;
use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// With `rootlint check --baseline FILE`, finds every :666 grant that the reviewed baseline
    /// does not list: a service that gained the capability to call a trust root.
    ///
    /// ### Why is this bad?
    /// Each :666 grant is a trust-root capability. The seed's audit advice is that new entries
    /// should be expected, because they correspond to a code change in the caller, and that any
    /// unexplained entry is a red flag. With a committed baseline, a new capability cannot land
    /// without a reviewed change to the baseline file.
    ///
    /// ### Example
    /// ```go
    /// // a new call in billing.shop, not in trust-root-baseline.json
    /// rolesapi.NewClient(svc).GrantRole(ctx, id, "premium")
    /// ```
    ///
    /// Use instead: run `rootlint audit --write-baseline trust-root-baseline.json` and commit the
    /// baseline change with the code, so that the security review sees the new line.
    pub UNREVIEWED_TRUST_ROOT_GRANT,
    Correctness,
    "a :666 grant is not in the reviewed baseline",
    check,
    Grants
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let (Some(baseline), Some(grants)) = (cx.baseline, cx.grants) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for service in &grants.services {
        for grant in &service.publish {
            let entry = Entry {
                caller: service.hostname.clone(),
                host: grant.host.clone(),
                method: grant.method.clone(),
                path: grant.path.clone(),
                subject: grant.subject.clone(),
            };
            if baseline.contains(&entry) {
                continue;
            }
            let Some(site) = grant.call_sites.first() else {
                continue;
            };
            let span = cx
                .analysis
                .call_sites
                .iter()
                .find(|s| {
                    s.file == site.file
                        && s.span.start_line == site.line
                        && s.span.start_column == site.column
                })
                .map_or(
                    Span {
                        start_line: site.line,
                        start_column: site.column,
                        end_line: site.line,
                        end_column: site.column,
                        ..Span::default()
                    },
                    |s| s.span,
                );
            out.push(
                Diagnostic::new(
                    UNREVIEWED_TRUST_ROOT_GRANT.name,
                    site.file.clone(),
                    span,
                    format!(
                        "`{}` gains a :666 grant for {} `{}{}` that `{}` does not list",
                        entry.caller, entry.method, entry.host, entry.path, baseline.file
                    ),
                )
                .with_label("new trust-root capability")
                .with_note("review it, then record it with `rootlint audit --write-baseline`"),
            );
        }
    }
    out
}
