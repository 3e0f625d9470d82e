use crate::{Diagnostic, LintContext, declare_lint};

declare_lint! {
    /// ### What it does
    /// Finds :666 calls in Go packages that no service compiles in (a `main` package, a tool,
    /// a library that no service imports), and :666 calls that no service reaches in a package
    /// that a program running no service (a tool's `main`) links: each binary is checked on
    /// its own, so a package a service also imports is no cover. rootlint finds a service's identity in its
    /// `manifest.yaml`, in its api package's `definition.go` (`const Hostname = "…"`) or in its
    /// generated `intermediate.go`; a call outside every service's import closure has none.
    ///
    /// ### Why is this bad?
    /// gencreds writes a PUB rule into the `.creds` of the service that makes the call. A call
    /// whose caller rootlint cannot name gets no rule: the broker will reject it, and nothing
    /// else says why. If the package is compiled into a service in a way rootlint does not
    /// see, the grants are missing a caller; the grant JSON says `"complete": false`.
    ///
    /// ### Example
    /// ```go
    /// // cmd/rotate/main.go: a tool with no service identity
    /// func main() {
    ///     _ = vaultapi.NewClient(conn).Rekey(ctx)
    /// }
    /// ```
    ///
    /// Use instead: make the call from a service's handler (its hostname is its identity), or
    /// give the package a service folder (a `definition.go` declaring `Hostname`).
    pub TRUST_ROOT_CALL_WITHOUT_IDENTITY,
    Correctness,
    "a :666 call in a package that no service compiles in",
    check
}

fn check(cx: &LintContext) -> Vec<Diagnostic> {
    let a = cx.analysis;
    let ws = &a.workspace;
    let compiled_in = ws.import_closure(ws.services.iter().map(|s| s.dir.as_str()));
    a.without_identity
        .iter()
        .map(|&i| {
            let site = &a.call_sites[i];
            let dir = site.file.rsplit_once('/').map_or("", |(d, _)| d);
            let message = if compiled_in.contains(dir) {
                format!(
                    "{} to :666 is reached by no service, and a program that runs no service links it",
                    crate::describe_call(site)
                )
            } else {
                format!(
                    "{} to :666 is in a package that no service compiles in",
                    crate::describe_call(site)
                )
            };
            Diagnostic::new(
                TRUST_ROOT_CALL_WITHOUT_IDENTITY.name,
                site.file.clone(),
                site.span,
                message,
            )
            .with_label("rootlint cannot tell which service makes this call")
            .with_note("no grant for this call; the grants are incomplete")
            .with_note("a service's identity is its manifest.yaml, its api package's `Hostname`, or its intermediate.go")
        })
        .collect()
}
