//! Application bundles: the `main` packages that add services to one process with
//! `app.Add(…)` (or `application.New(…)`), as gencreds' `--bundle` reads them.
//!
//! A member is found however the bundle writes it: `pkg.NewService()`, with any method chained
//! on it (`pkg.NewService().Init(func(svc *pkg.Service) error {…})`), through a local variable,
//! a slice spread into the call (`app.Add(services...)`), or a helper function whose result type
//! is a service's type. An argument rootlint cannot trace to a service is kept as unresolved,
//! for a finding: the co-bundled list would otherwise be silently short.

use crate::facts::go::{BindingValue, Expr};
use crate::resolve::types::{Ty, Types};
use crate::resolve::values::Scope;
use crate::span::Span;
use crate::workspace::Workspace;

/// How far a member is traced through variables, slices and method chains.
const MAX_TRACE: u32 = 16;

#[derive(Clone, Debug)]
/// A service an application bundle adds with `app.Add`.
pub struct Member {
    /// Import path of the service package.
    pub package: String,
    /// The service's hostname, if rootlint found it.
    pub hostname: Option<String>,
    /// The service owns a :666 endpoint.
    pub trust_root: bool,
    /// The file of the `app.Add` call.
    pub file: String,
    /// The argument of `app.Add` that adds the service.
    pub span: Span,
}

/// An argument of `app.Add` that rootlint could not trace to a service.
#[derive(Clone, Debug)]
pub struct Unresolved {
    /// The file of the `app.Add` call.
    pub file: String,
    /// The argument's span.
    pub span: Span,
    /// Why it could not be traced.
    pub reason: String,
}

#[derive(Clone, Debug)]
/// A `main` package that runs several services in one process, and so with one set of credentials.
pub struct Bundle {
    /// The folder of the `main` package.
    pub dir: String,
    /// The services it adds, in source order.
    pub members: Vec<Member>,
    /// Arguments of `app.Add` it could not trace.
    pub unresolved: Vec<Unresolved>,
}

/// What an argument of `app.Add` adds.
enum Traced {
    /// Service packages, by import path.
    Services(Vec<String>),
    /// Not a service: a value of a type outside the tree that is not one (options, a
    /// configuration), which the bundle may legitimately pass.
    Unresolved(String),
}

pub(crate) fn find(types: &Types) -> Vec<Bundle> {
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
        let mut unresolved = Vec::new();
        for &fi in &package.go_files {
            let facts = ws.go(fi);
            if facts.package != "main" {
                continue;
            }
            for func in &facts.functions {
                for call in &func.calls {
                    let scope = Scope {
                        ws,
                        catalog,
                        types,
                        file: fi,
                        function: Some(func),
                        at: call.span.start_byte,
                        args: None,
                    };
                    if !adds_services(&scope, &call.callee) {
                        continue;
                    }
                    // The framework's `New` takes no argument and `Add` and `AddAndStartup`
                    // take services only: an argument rootlint cannot trace is a finding
                    // wherever it is.
                    let only_services = true;
                    for (k, (arg, span)) in call.args.iter().zip(&call.arg_spans).enumerate() {
                        let spread = call.spread && k + 1 == call.args.len();
                        let traced = if spread {
                            trace_slice(types, &scope, arg, 0)
                        } else {
                            trace(types, &scope, arg, 0)
                        };
                        match traced {
                            Traced::Services(packages) => {
                                for path in packages {
                                    let hostname = hostname_of(&path);
                                    members.push(Member {
                                        trust_root: hostname
                                            .as_deref()
                                            .is_some_and(|h| trust_hosts.contains(h)),
                                        package: path,
                                        hostname,
                                        file: ws.files[fi].file.rel.clone(),
                                        span: *span,
                                    });
                                }
                            }
                            Traced::Unresolved(reason) if only_services => {
                                unresolved.push(Unresolved {
                                    file: ws.files[fi].file.rel.clone(),
                                    span: *span,
                                    reason,
                                })
                            }
                            Traced::Unresolved(_) => {}
                        }
                    }
                }
            }
        }
        if !members.is_empty() || !unresolved.is_empty() {
            out.push(Bundle {
                dir: package.dir.clone(),
                members,
                unresolved,
            });
        }
    }
    out
}

/// Whether a call adds services to an application: `application.New(…)`,
/// `application.NewTesting(…)`, or `x.Add(…)` where `x` holds an application (created by one of
/// those, or declared with the application type).
fn adds_services(scope: &Scope, callee: &Expr) -> bool {
    match callee {
        Expr::Selector(base, m) if m == "New" || m == "NewTesting" => {
            is_application_package(scope, base)
        }
        Expr::Selector(base, m) if m == "Add" || m == "AddAndStartup" => {
            holds_application(scope, base, 0)
        }
        Expr::Str(_)
        | Expr::Int(_)
        | Expr::Ident(_)
        | Expr::Selector(..)
        | Expr::Call(_)
        | Expr::Binary(..)
        | Expr::Composite { .. }
        | Expr::AddressOf(_)
        | Expr::Deref(_)
        | Expr::Receive(_)
        | Expr::SliceOf(_)
        | Expr::Index(..)
        | Expr::TypeAssert(..)
        | Expr::Type(_)
        | Expr::FuncLit(_)
        | Expr::Other(_) => false,
    }
}

fn is_application_package(scope: &Scope, e: &Expr) -> bool {
    matches!(e, Expr::Ident(alias) if scope.imported_package(alias).is_some_and(crate::framework::is_application_package))
}

fn holds_application(scope: &Scope, e: &Expr, depth: u32) -> bool {
    if depth > MAX_TRACE {
        return false;
    }
    match e {
        Expr::Call(c) => adds_services(scope, &c.callee),
        Expr::Ident(name) => {
            if let Some(b) = scope.binding(name) {
                if let Some(ty) = &b.ty
                    && is_application_type(scope, ty)
                {
                    return true;
                }
                return match &b.value {
                    BindingValue::Expr(v) => holds_application(scope, v, depth + 1),
                    BindingValue::Tuple { .. }
                    | BindingValue::Range { .. }
                    | BindingValue::Declared
                    | BindingValue::Opaque(_) => false,
                };
            }
            scope
                .param_type(name)
                .flatten()
                .is_some_and(|ty| is_application_type(scope, ty))
        }
        Expr::Str(_)
        | Expr::Int(_)
        | Expr::Selector(..)
        | Expr::Binary(..)
        | Expr::Composite { .. }
        | Expr::AddressOf(_)
        | Expr::Deref(_)
        | Expr::Receive(_)
        | Expr::SliceOf(_)
        | Expr::Index(..)
        | Expr::TypeAssert(..)
        | Expr::Type(_)
        | Expr::FuncLit(_)
        | Expr::Other(_) => false,
    }
}

fn is_application_type(scope: &Scope, ty: &crate::facts::go::TypeExpr) -> bool {
    ty.base_name().is_some_and(|(q, n)| {
        n == "Application"
            && q.and_then(|q| scope.import_path(q))
                .is_some_and(crate::framework::is_application_package)
    })
}

/// The service packages an argument adds.
fn trace<'a>(types: &'a Types<'a>, scope: &Scope<'a>, arg: &'a Expr, depth: u32) -> Traced {
    if depth > MAX_TRACE {
        return Traced::Unresolved("traced through more steps than rootlint follows".into());
    }
    match arg {
        Expr::Call(c) => {
            // What the call returns, by its type: a service type of the tree.
            if let found @ Traced::Services(_) = by_type(types, scope, arg) {
                return found;
            }
            if let Expr::Selector(base, name) = &c.callee {
                // `pkg.NewService()` of a package the tree does not hold (a core service), or
                // of a service package whose constructor is generated code rootlint reads for
                // its identity only: the framework's convention. In any other package of the
                // tree the name proves nothing.
                let ws = types.workspace();
                if name == "NewService"
                    && let Expr::Ident(alias) = base.as_ref()
                    && let Some(path) = scope.imported_package(alias)
                    && ws
                        .dir_by_import
                        .get(path)
                        .is_none_or(|dir| ws.services.iter().any(|s| s.dir == *dir))
                {
                    return Traced::Services(vec![path.to_string()]);
                }
                // `pkg.NewService().Init(…)` and other chained calls that return the service.
                if matches!(base.as_ref(), Expr::Call(_))
                    && let Traced::Services(p) = trace(types, scope, base, depth + 1)
                {
                    return Traced::Services(p);
                }
            }
            by_type(types, scope, arg)
        }
        Expr::Ident(name) => match scope.binding(name).map(|b| &b.value) {
            Some(BindingValue::Expr(v)) => match trace(types, scope, v, depth + 1) {
                Traced::Services(p) => Traced::Services(p),
                Traced::Unresolved(_) => by_type(types, scope, arg),
            },
            _ => by_type(types, scope, arg),
        },
        Expr::AddressOf(inner) => trace(types, scope, inner, depth + 1),
        Expr::Str(_)
        | Expr::Int(_)
        | Expr::Selector(..)
        | Expr::Binary(..)
        | Expr::Composite { .. }
        | Expr::Deref(_)
        | Expr::Receive(_)
        | Expr::SliceOf(_)
        | Expr::Index(..)
        | Expr::TypeAssert(..)
        | Expr::Type(_)
        | Expr::FuncLit(_)
        | Expr::Other(_) => by_type(types, scope, arg),
    }
}

/// The services of a slice spread into `app.Add(xs...)`: a slice literal, directly or through
/// a local variable.
fn trace_slice<'a>(types: &'a Types<'a>, scope: &Scope<'a>, arg: &'a Expr, depth: u32) -> Traced {
    if depth > MAX_TRACE {
        return Traced::Unresolved("traced through more steps than rootlint follows".into());
    }
    match arg {
        Expr::Composite { elements, .. } => {
            let mut all = Vec::new();
            for (_, e) in elements {
                match trace(types, scope, e, depth + 1) {
                    Traced::Services(p) => all.extend(p),
                    unresolved => return unresolved,
                }
            }
            Traced::Services(all)
        }
        Expr::Ident(name) => {
            let bindings = scope.bindings_before(name);
            // `xs = append(xs, …)` and other later assignments: rootlint follows one definition.
            if bindings.len() != 1 {
                return Traced::Unresolved(format!(
                    "`{name}` is assigned more than once before this call"
                ));
            }
            match &bindings[0].value {
                BindingValue::Expr(v) => trace_slice(types, scope, v, depth + 1),
                BindingValue::Tuple { .. }
                | BindingValue::Range { .. }
                | BindingValue::Declared
                | BindingValue::Opaque(_) => {
                    Traced::Unresolved(format!("rootlint cannot see what `{name}` holds"))
                }
            }
        }
        other @ Expr::Str(_)
        | other @ Expr::Int(_)
        | other @ Expr::Selector(..)
        | other @ Expr::Call(_)
        | other @ Expr::Binary(..)
        | other @ Expr::AddressOf(_)
        | other @ Expr::Deref(_)
        | other @ Expr::Receive(_)
        | other @ Expr::SliceOf(_)
        | other @ Expr::Index(..)
        | other @ Expr::TypeAssert(..)
        | other @ Expr::Type(_)
        | other @ Expr::FuncLit(_)
        | other @ Expr::Other(_) => Traced::Unresolved(format!(
            "rootlint cannot see which services `{}...` holds",
            crate::resolve::values::describe(other)
        )),
    }
}

/// A value whose static type is a service type of the tree (`*billing.Service`).
fn by_type<'a>(types: &'a Types<'a>, scope: &Scope<'a>, arg: &'a Expr) -> Traced {
    let ty = types.type_of(scope, arg);
    if let Ty::Named(key, _) = ty.pointee()
        && let Some(service) = types.workspace().services.iter().find(|s| s.dir == key.dir)
        && let Some(path) = &service.import_path
    {
        return Traced::Services(vec![path.clone()]);
    }
    Traced::Unresolved(format!(
        "rootlint cannot tell which service `{}` is",
        crate::resolve::values::describe(arg)
    ))
}

impl Member {
    /// The hostname, or the package's last element when the hostname is unknown.
    pub fn name(&self) -> &str {
        self.hostname
            .as_deref()
            .unwrap_or_else(|| crate::facts::go::default_package_name(&self.package))
    }
}

/// The programs a tree builds, as Go's linker sees them: each bundle's `main` package, and each
/// service that no bundle adds, by the package folders it links; and for each service (in
/// `Workspace::services` order) the programs it runs in (indices into `dirs`).
#[derive(Clone, Debug, Default)]
pub struct Binaries {
    /// The package folders each program links, sorted.
    pub dirs: Vec<Vec<String>>,
    /// For each service, the programs it runs in, sorted.
    pub of_service: Vec<Vec<u32>>,
}

/// The programs of a tree. A bundle with an argument rootlint could not trace may run any
/// service it links.
pub(crate) fn binaries(ws: &Workspace, bundles: &[Bundle]) -> Binaries {
    let mut out = Binaries {
        dirs: Vec::new(),
        of_service: vec![Vec::new(); ws.services.len()],
    };
    for b in bundles {
        let linked = ws.import_closure([b.dir.as_str()]);
        let id = out.dirs.len() as u32;
        for (i, s) in ws.services.iter().enumerate() {
            let member = b
                .members
                .iter()
                .any(|m| s.import_path.as_deref() == Some(m.package.as_str()));
            if member || (!b.unresolved.is_empty() && linked.contains(s.dir.as_str())) {
                out.of_service[i].push(id);
            }
        }
        let mut dirs: Vec<String> = linked.into_iter().map(str::to_string).collect();
        dirs.sort();
        out.dirs.push(dirs);
    }
    for (i, s) in ws.services.iter().enumerate() {
        if out.of_service[i].is_empty() {
            let mut dirs: Vec<String> = ws
                .import_closure([s.dir.as_str()])
                .into_iter()
                .map(str::to_string)
                .collect();
            dirs.sort();
            out.of_service[i].push(out.dirs.len() as u32);
            out.dirs.push(dirs);
        }
    }
    out
}
