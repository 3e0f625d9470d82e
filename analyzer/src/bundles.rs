//! Application bundles: the `main` packages that add services to one process with
//! `app.Add(pkg.NewService(), …)` (or `application.New(…)`), as gencreds' `--bundle` reads them.

use crate::facts::go::Expr;
use crate::span::Span;
use crate::values::Scope;

#[derive(Clone, Debug)]
pub struct Member {
    /// Import path of the service package.
    pub package: String,
    pub hostname: Option<String>,
    /// The service owns a :666 endpoint.
    pub trust_root: bool,
    pub file: String,
    /// The `pkg.NewService()` call.
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Bundle {
    /// The folder of the `main` package.
    pub dir: String,
    pub members: Vec<Member>,
}

pub fn find(types: &crate::types::Types) -> Vec<Bundle> {
    let (ws, catalog) = (types.workspace(), types.catalog());
    let trust_hosts = catalog.hosts_with_trust_roots();
    let hostname_of = |package: &str| -> Option<String> {
        if let Some(s) = ws
            .services
            .iter()
            .find(|s| s.import_path.as_deref() == Some(package))
        {
            return Some(s.hostname.clone());
        }
        // Shipped services: the api package sits below the service package.
        catalog.api_packages.iter().find_map(|(api, p)| {
            let parent = api.rsplit_once('/')?.0;
            (parent == package).then(|| p.hostname.clone())
        })
    };
    let mut out = Vec::new();
    for package in ws.packages.values() {
        let mut members = Vec::new();
        for &fi in &package.go_files {
            let facts = ws.go(fi);
            if facts.package != "main" {
                continue;
            }
            for func in &facts.functions {
                for call in &func.calls {
                    let adds = match &call.callee {
                        Expr::Selector(_, m) if m == "Add" => true,
                        Expr::Selector(base, m) if m == "New" || m == "NewTesting" => {
                            matches!(base.as_ref(), Expr::Ident(a) if ws.go(fi).imports.iter().any(|i| i.local_name() == Some(a) && i.path.ends_with("/application")))
                        }
                        _ => false,
                    };
                    if !adds {
                        continue;
                    }
                    let scope = Scope {
                        ws,
                        catalog,
                        types,
                        file: fi,
                        function: Some(func),
                        at: call.span.start_byte,
                    };
                    for (arg, span) in call.args.iter().zip(&call.arg_spans) {
                        let Expr::Call(ctor) = arg else { continue };
                        let Expr::Selector(alias, name) = &ctor.callee else {
                            continue;
                        };
                        let Expr::Ident(alias) = alias.as_ref() else {
                            continue;
                        };
                        if name != "NewService" {
                            continue;
                        }
                        let Some(path) = scope.imported_package(alias) else {
                            continue;
                        };
                        let hostname = hostname_of(path);
                        members.push(Member {
                            package: path.to_string(),
                            trust_root: hostname
                                .as_deref()
                                .is_some_and(|h| trust_hosts.contains(h)),
                            hostname,
                            file: ws.files[fi].file.rel.clone(),
                            span: *span,
                        });
                    }
                }
            }
        }
        if !members.is_empty() {
            out.push(Bundle {
                dir: package.dir.clone(),
                members,
            });
        }
    }
    out
}

impl Member {
    /// The hostname, or the package's last element when the hostname is unknown.
    pub fn name(&self) -> &str {
        self.hostname
            .as_deref()
            .unwrap_or_else(|| crate::facts::go::default_package_name(&self.package))
    }
}
