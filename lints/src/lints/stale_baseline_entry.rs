use rootlint_analyzer::span::Span;

use crate::baseline::surface;
use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// With `rootlint check --baseline FILE`, finds baseline entries for which no grant exists
    /// any more: the call was removed, or moved to another service.
    ///
    /// ### Why is this bad?
    /// A stale entry pre-approves a capability nobody uses. If the call comes back, perhaps in a
    /// different service or shape, it lands without review. Keep the baseline equal to the
    /// surface.
    ///
    /// ### Example
    /// ```json
    /// {"caller": "admin.shop", "host": "roles.shop", "method": "POST", "path": "/grant-role", "subject": "{{plane}}.danger.666.admin_shop.roles_shop.*.POST.grant-role"}
    /// ```
    /// after the call in admin.shop was deleted.
    ///
    /// Use instead: rewrite the baseline with `rootlint audit --write-baseline FILE`.
    pub STALE_BASELINE_ENTRY,
    Suspicious,
    "a baseline entry matches no :666 grant any more",
    check,
    Grants
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let (Some(baseline), Some(grants)) = (cx.baseline, cx.grants) else {
        return Vec::new();
    };
    let current: std::collections::HashSet<_> = surface(grants).into_iter().collect();
    baseline
        .entries
        .iter()
        .filter(|(e, _)| !current.contains(e))
        .map(|(e, line)| {
            Diagnostic::new(
                STALE_BASELINE_ENTRY.name,
                baseline.file.clone(),
                Span {
                    start_line: *line,
                    start_column: 1,
                    end_line: *line,
                    end_column: 1,
                    ..Span::default()
                },
                format!(
                    "the baseline lists `{}` → {} `{}{}`, which no grant matches any more",
                    e.caller, e.method, e.host, e.path
                ),
            )
        })
        .collect()
}
