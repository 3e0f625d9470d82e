//! Stage 6: the call graph across every Go module of the tree, and which services reach which
//! functions.
//!
//! Nodes are functions and methods keyed by package and receiver type. Edges come from calls
//! resolved through imports, package-local names, and method calls on values whose type is
//! known (a receiver, a typed parameter or variable, a composite literal, or a constructor's
//! declared result type). Where resolution gives up, edges stay on the safe side and are marked
//! as such: a method call on a value of unknown type may reach every method of that name in the
//! tree (interface dispatch), and a function used as a value may be called by whoever holds it.

use std::collections::HashMap;

use serde::Serialize;

use crate::callsites::FunctionRef;
use crate::catalog::Catalog;
use crate::facts::go::{BindingValue, Expr, GoFunction, TypeRef};
use crate::values::{Scope, Value};
use crate::workspace::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Precision {
    Exact,
    /// A method call on a value whose type rootlint does not know: any method of that name.
    InterfaceDispatch,
    /// A function passed around as a value.
    FunctionValue,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    pub to: FunctionRef,
    pub precision: Precision,
    /// Line of the call (or reference) in the caller.
    pub line: u32,
}

/// Edges by file, then by function index within the file. Each file's edges are shared, so that
/// an edit rebuilds the edges of the edited file only (`rebuild`).
#[derive(Clone)]
pub struct CallGraph {
    by_file: Vec<FileEdges>,
}

/// The edges out of each function of one file.
type FileEdges = std::sync::Arc<Vec<(FunctionRef, Vec<Edge>)>>;

/// One step of a path from a service's entry point to a call site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub function: FunctionRef,
    /// How this step was reached from the previous one (`exact` for the entry point).
    pub precision: Precision,
    /// Line in the previous function where the call to this one is.
    pub line: u32,
}

/// The display name of a function: `import/path.Func` or `import/path.Type.Method`.
pub fn function_name(ws: &Workspace, f: FunctionRef) -> String {
    let file = &ws.files[f.file].file;
    let dir = file.dir();
    let package = ws
        .packages
        .get(dir)
        .and_then(|p| p.import_path.clone())
        .unwrap_or_else(|| {
            if dir.is_empty() {
                ".".into()
            } else {
                dir.to_string()
            }
        });
    let func = &ws.go(f.file).functions[f.function];
    match &func.receiver_type {
        Some(t) => format!("{package}.{t}.{}", func.name),
        None => format!("{package}.{}", func.name),
    }
}

struct Index<'a> {
    /// (package dir, receiver type or "", name) → functions.
    by_key: HashMap<(&'a str, &'a str, &'a str), Vec<FunctionRef>>,
    /// method name → methods, for interface dispatch.
    methods_by_name: HashMap<&'a str, Vec<FunctionRef>>,
    /// (package dir, name) → declared first result type of a function (constructors).
    result_type: HashMap<(&'a str, &'a str), (&'a str, &'a TypeRef)>,
}

pub fn build(ws: &Workspace, catalog: &Catalog) -> CallGraph {
    build_reusing(ws, catalog, None)
}

/// Rebuilds the graph after the files `changed` were edited without changing any function's
/// name, receiver or results (the caller checks): other files' edges are kept.
pub fn rebuild(
    ws: &Workspace,
    catalog: &Catalog,
    previous: &CallGraph,
    changed: &[usize],
) -> CallGraph {
    build_reusing(ws, catalog, Some((previous, changed)))
}

fn build_reusing(
    ws: &Workspace,
    catalog: &Catalog,
    reuse: Option<(&CallGraph, &[usize])>,
) -> CallGraph {
    use rayon::prelude::*;
    let mut index = Index {
        by_key: HashMap::new(),
        methods_by_name: HashMap::new(),
        result_type: HashMap::new(),
    };
    let mut all = Vec::new();
    for package in ws.packages.values() {
        for &file in &package.go_files {
            for (i, func) in ws.go(file).functions.iter().enumerate() {
                let f = FunctionRef {
                    file,
                    offset: func.span.start_byte,
                    function: i,
                };
                all.push(f);
                let recv = func.receiver_type.as_deref().unwrap_or("");
                index
                    .by_key
                    .entry((package.dir.as_str(), recv, func.name.as_str()))
                    .or_default()
                    .push(f);
                if func.receiver_type.is_some() {
                    index
                        .methods_by_name
                        .entry(func.name.as_str())
                        .or_default()
                        .push(f);
                } else if let Some(ty) = func.results.first().and_then(|r| r.ty.as_ref()) {
                    index.result_type.insert(
                        (package.dir.as_str(), func.name.as_str()),
                        (package.dir.as_str(), ty),
                    );
                }
            }
        }
    }
    let n = ws.files.len();
    let per_file = |file: usize| -> FileEdges {
        let edges = match &ws.files[file].facts {
            crate::facts::Facts::Go(_) => ws
                .functions(file)
                .map(|f| {
                    let mut out = edges_of(ws, catalog, &index, f);
                    out.sort();
                    out.dedup_by(|a, b| a.to == b.to && a.precision == b.precision);
                    (f, out)
                })
                .collect(),
            _ => Vec::new(),
        };
        std::sync::Arc::new(edges)
    };
    let by_file: Vec<_> = match reuse {
        None => (0..n).into_par_iter().map(per_file).collect(),
        Some((previous, changed)) => {
            // Unchanged files keep their edges, unless an edge points into a changed file
            // (its functions' offsets may have moved).
            let stale = |file: usize| {
                changed.contains(&file)
                    || previous.by_file[file]
                        .iter()
                        .flat_map(|(_, es)| es)
                        .any(|e| changed.contains(&e.to.file))
            };
            (0..n)
                .into_par_iter()
                .map(|file| {
                    if stale(file) {
                        per_file(file)
                    } else {
                        previous.by_file[file].clone()
                    }
                })
                .collect()
        }
    };
    drop(all);
    CallGraph { by_file }
}

fn edges_of(ws: &Workspace, catalog: &Catalog, index: &Index, f: FunctionRef) -> Vec<Edge> {
    let func = &ws.go(f.file).functions[f.function];
    let dir = ws.files[f.file].file.dir();
    let mut out = Vec::new();
    for call in &func.calls {
        let scope = Scope {
            ws,
            catalog,
            file: f.file,
            function: Some(func),
            at: call.span.start_byte,
        };
        let line = call.span.start_line;
        let mut exact = |targets: Option<&Vec<FunctionRef>>| -> bool {
            match targets {
                Some(t) if !t.is_empty() => {
                    out.extend(t.iter().map(|&to| Edge {
                        to,
                        precision: Precision::Exact,
                        line,
                    }));
                    true
                }
                _ => false,
            }
        };
        match &call.callee {
            Expr::Ident(name) if !is_local(&scope, name) => {
                exact(index.by_key.get(&(dir, "", name.as_str())));
            }
            Expr::Selector(base, name) => {
                if let Some(pkg_dir) = package_alias(&scope, base) {
                    exact(index.by_key.get(&(pkg_dir, "", name.as_str())));
                } else if !index.methods_by_name.contains_key(name.as_str()) {
                    // No method of that name in the tree: nothing to reach, whatever the type.
                } else if let Some((tdir, tname)) = type_of(&scope, index, base, 0) {
                    exact(index.by_key.get(&(tdir, tname, name.as_str())));
                } else if let Some(candidates) = index.methods_by_name.get(name.as_str()) {
                    out.extend(candidates.iter().map(|&to| Edge {
                        to,
                        precision: Precision::InterfaceDispatch,
                        line,
                    }));
                }
            }
            _ => {}
        }
        // Functions handed over as values may be called by the callee.
        for arg in &call.args {
            out.extend(
                function_values(&scope, index, arg)
                    .into_iter()
                    .map(|to| Edge {
                        to,
                        precision: Precision::FunctionValue,
                        line,
                    }),
            );
        }
    }
    for b in &func.bindings {
        if let BindingValue::Expr(e) = &b.value {
            let scope = Scope {
                ws,
                catalog,
                file: f.file,
                function: Some(func),
                at: b.span.start_byte,
            };
            out.extend(
                function_values(&scope, index, e)
                    .into_iter()
                    .map(|to| Edge {
                        to,
                        precision: Precision::FunctionValue,
                        line: b.span.start_line,
                    }),
            );
        }
    }
    out
}

fn is_local(scope: &Scope, name: &str) -> bool {
    !scope.bindings_before(name).is_empty() || scope.param_type(name).is_some()
}

/// The folder of the package an expression names, when it is an import alias.
fn package_alias<'a>(scope: &Scope<'a>, e: &Expr) -> Option<&'a str> {
    let Expr::Ident(alias) = e else { return None };
    let path = scope.imported_package(alias)?;
    scope.ws.dir_by_import.get(path).map(String::as_str)
}

fn resolve_type<'a>(
    scope: &Scope<'a>,
    ty: &'a TypeRef,
    home_dir: &'a str,
) -> Option<(&'a str, &'a str)> {
    let dir = match &ty.qualifier {
        Some(q) => scope.ws.dir_by_import.get(scope.import_path(q)?)?.as_str(),
        None => home_dir,
    };
    Some((dir, ty.name.as_str()))
}

/// The in-tree named type of an expression, when rootlint can tell.
fn type_of<'a>(
    scope: &Scope<'a>,
    index: &Index<'a>,
    e: &'a Expr,
    depth: u32,
) -> Option<(&'a str, &'a str)> {
    if depth > 8 {
        return None;
    }
    let home = scope.package_dir();
    // A typed client (however it was built or held): its helper methods live in the api package.
    if let Value::Client(c) = scope.eval(e) {
        let dir = scope.ws.dir_by_import.get(&c.api_package)?;
        return Some((
            dir.as_str(),
            if c.multicast {
                "MulticastClient"
            } else {
                "Client"
            },
        ));
    }
    match e {
        Expr::Ident(name) => {
            if let Some(b) = scope.bindings_before(name).last() {
                if let Some(ty) = &b.ty {
                    return resolve_type(scope, ty, home);
                }
                return match &b.value {
                    BindingValue::Expr(v) => {
                        let inner = Scope {
                            at: b.span.start_byte,
                            ..*scope
                        };
                        type_of(&inner, index, v, depth + 1)
                    }
                    _ => None,
                };
            }
            let f: &GoFunction = scope.function?;
            if f.receiver_name.as_deref() == Some(name.as_str()) {
                return Some((home, f.receiver_type.as_deref()?));
            }
            let p = f
                .params
                .iter()
                .chain(&f.results)
                .find(|p| &p.name == name)?;
            resolve_type(scope, p.ty.as_ref()?, home)
        }
        Expr::AddressOf(inner) => type_of(scope, index, inner, depth + 1),
        Expr::Composite { ty: Some(ty), .. } if !ty.slice => resolve_type(scope, ty, home),
        Expr::Call(call) => {
            let (dir, name) = match &call.callee {
                Expr::Ident(n) => (home, n.as_str()),
                Expr::Selector(base, n) => (package_alias(scope, base)?, n.as_str()),
                _ => return None,
            };
            let &(decl_dir, ty) = index.result_type.get(&(dir, name))?;
            // The result type is written relative to the constructor's own file.
            let ctor = index.by_key.get(&(dir, "", name))?.first()?;
            let ctor_scope = Scope {
                file: ctor.file,
                function: None,
                at: 0,
                ..*scope
            };
            resolve_type(&ctor_scope, ty, decl_dir)
        }
        _ => None,
    }
}

/// Functions an expression refers to without calling them.
fn function_values(scope: &Scope, index: &Index, e: &Expr) -> Vec<FunctionRef> {
    match e {
        Expr::Ident(name) if !is_local(scope, name) => index
            .by_key
            .get(&(scope.package_dir(), "", name.as_str()))
            .cloned()
            .unwrap_or_default(),
        Expr::Selector(base, name) => {
            if let Some(dir) = package_alias(scope, base) {
                return index
                    .by_key
                    .get(&(dir, "", name.as_str()))
                    .cloned()
                    .unwrap_or_default();
            }
            if !index.methods_by_name.contains_key(name.as_str()) {
                return Vec::new();
            }
            if let Some((dir, ty)) = type_of(scope, index, base, 0) {
                return index
                    .by_key
                    .get(&(dir, ty, name.as_str()))
                    .cloned()
                    .unwrap_or_default();
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

/// What one service's entry points reach: for each function, the step that reached it and the
/// function it was reached from.
pub struct Reach {
    reached: HashMap<FunctionRef, (Step, Option<FunctionRef>)>,
}

impl Reach {
    pub fn contains(&self, f: FunctionRef) -> bool {
        self.reached.contains_key(&f)
    }

    /// The reached functions, in no particular order.
    pub fn functions(&self) -> impl Iterator<Item = FunctionRef> + '_ {
        self.reached.keys().copied()
    }

    /// The path from an entry point to `f`, entry point first.
    pub fn path(&self, f: FunctionRef) -> Vec<Step> {
        let mut out = Vec::new();
        let mut cur = Some(f);
        while let Some(c) = cur {
            let Some((step, parent)) = self.reached.get(&c) else {
                break;
            };
            out.push(step.clone());
            cur = *parent;
        }
        out.reverse();
        out
    }
}

impl CallGraph {
    /// The edges out of a function.
    pub fn edges(&self, f: FunctionRef) -> &[Edge] {
        self.by_file
            .get(f.file)
            .and_then(|fs| fs.get(f.function))
            .map_or(&[], |(_, es)| es.as_slice())
    }

    /// The functions from which one of `targets` can be reached (the targets included).
    pub fn reaching(
        &self,
        targets: impl IntoIterator<Item = FunctionRef>,
    ) -> std::collections::HashSet<FunctionRef> {
        let mut callers: HashMap<FunctionRef, Vec<FunctionRef>> = HashMap::new();
        for (from, edges) in self.by_file.iter().flat_map(|fs| fs.iter()) {
            for e in edges {
                callers.entry(e.to).or_default().push(*from);
            }
        }
        let mut seen: std::collections::HashSet<FunctionRef> = targets.into_iter().collect();
        let mut stack: Vec<FunctionRef> = seen.iter().copied().collect();
        while let Some(f) = stack.pop() {
            for &c in callers.get(&f).map(Vec::as_slice).unwrap_or(&[]) {
                if seen.insert(c) {
                    stack.push(c);
                }
            }
        }
        seen
    }

    /// Everything reachable from `entries` within `within` (the functions that can reach a call
    /// site: best paths to call sites never leave it), each by the path with the fewest imprecise
    /// edges, then the fewest steps, then the smallest function reference.
    pub fn reach(
        &self,
        entries: &[FunctionRef],
        within: &std::collections::HashSet<FunctionRef>,
    ) -> Reach {
        type Cost = (u32, u32, FunctionRef);
        let mut best: HashMap<FunctionRef, (Cost, Step, Option<FunctionRef>)> = HashMap::new();
        let mut heap = std::collections::BinaryHeap::new();
        for &e in entries.iter().filter(|e| within.contains(e)) {
            let cost = (0, 0, e);
            best.insert(
                e,
                (
                    cost,
                    Step {
                        function: e,
                        precision: Precision::Exact,
                        line: 0,
                    },
                    None,
                ),
            );
            heap.push(std::cmp::Reverse((cost, e)));
        }
        while let Some(std::cmp::Reverse((cost, f))) = heap.pop() {
            if best.get(&f).is_some_and(|b| b.0 < cost) {
                continue;
            }
            for edge in self.edges(f) {
                if !within.contains(&edge.to) {
                    continue;
                }
                let next = (
                    cost.0 + u32::from(edge.precision != Precision::Exact),
                    cost.1 + 1,
                    f,
                );
                if best.get(&edge.to).is_none_or(|b| next < b.0) {
                    let step = Step {
                        function: edge.to,
                        precision: edge.precision,
                        line: edge.line,
                    };
                    best.insert(edge.to, (next, step, Some(f)));
                    heap.push(std::cmp::Reverse((next, edge.to)));
                }
            }
        }
        Reach {
            reached: best
                .into_iter()
                .map(|(k, (_, step, parent))| (k, (step, parent)))
                .collect(),
        }
    }
}
