use rootlint_analyzer::span::Span;

use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds a hostname that more than one service folder claims: in its `manifest.yaml`, in its
    /// api package's `Hostname` constant, or in its generated `intermediate.go`.
    ///
    /// ### Why is this bad?
    /// A service subscribes to the :666 subjects of its own hostname, and gencreds writes those
    /// SUB rules for every service that claims it. A second folder that claims the hostname of a
    /// trust root (a copy, a leftover, or a pull request that wants to receive role grants or
    /// token requests) is given the same subscriptions: the broker would deliver the trust
    /// root's requests to it. Two versions of one service deployed side by side claim one
    /// hostname on purpose; say so with a suppression on each claim.
    ///
    /// ### Example
    /// ```yaml
    /// # tools/rolesproxy/manifest.yaml
    /// general:
    ///   hostname: roles.shop
    /// ```
    ///
    /// Use instead: give the new service a hostname of its own (`rolesproxy.shop`), or
    /// suppress with the reason when both folders are versions of one service.
    pub DUPLICATE_SERVICE_HOSTNAME,
    Correctness,
    "more than one service folder claims the same hostname",
    check
}

/// Where a service claims its hostname: the span of the name, or the start of the generated file
/// that passes it to `connector.New` (which is not parsed).
pub(crate) fn claim_span(service: &rootlint_analyzer::workspace::Service) -> Span {
    service.hostname_span.unwrap_or(Span {
        start_line: 1,
        start_column: 1,
        end_line: 1,
        end_column: 1,
        ..Span::default()
    })
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let ws = &cx.analysis.workspace;
    let mut out = Vec::new();
    // Names are compared as the subject tokens they become: `own.t` and `own_t` are one.
    let mut by_token: std::collections::BTreeMap<
        String,
        Vec<&rootlint_analyzer::workspace::Service>,
    > = std::collections::BTreeMap::new();
    for s in &ws.services {
        by_token
            .entry(rootlint_analyzer::subject::flatten_host(&s.hostname))
            .or_default()
            .push(s);
    }
    for group in by_token.values() {
        if group.len() < 2 {
            continue;
        }
        for service in group {
            let others: Vec<String> = group
                .iter()
                .filter(|o| o.dir != service.dir)
                .map(|o| {
                    if o.hostname == service.hostname {
                        format!("`{}/`", o.dir)
                    } else {
                        format!("`{}/` (as `{}`, the same subject token)", o.dir, o.hostname)
                    }
                })
                .collect();
            out.push(
                Diagnostic::new(
                    DUPLICATE_SERVICE_HOSTNAME.name,
                    ws.files[service.declared_in].file.rel.clone(),
                    claim_span(service),
                    format!(
                        "`{}` is also claimed by {}",
                        service.hostname,
                        others.join(", ")
                    ),
                )
                .with_label("every folder that claims a hostname gets its :666 subscriptions")
                .with_note(format!(
                    "the broker would deliver requests for `{}` to each of them",
                    service.hostname
                )),
            );
        }
    }
    out
}
