//! Stage 9: the call graph across every Go module of the tree, and which services reach which
//! functions.
//!
//! Nodes are functions, methods and closures (a function literal is a node of its own, reached
//! where it is called, not where it is written). Every edge is resolved through names, types
//! and values, never through a method's name alone: a static call or a method of the
//! receiver's static type (promoted methods included) through `resolve::types`; a dynamic call
//! (an interface method, a function value, a method value, a method expression) to exactly what
//! the value flow (`flow`, stage 7) says flows into its receiver or callee in the caller's
//! binary; and a value handed to code outside the tree to what that code may call. Where the
//! receiver cannot be followed although it may hold something in the tree, there is no edge:
//! the call is recorded as [`Unresolved`], and reported if what it might reach makes a :666
//! call.

// A new case of a type or member enum must be decided where it is matched, never fall into
// `_` (a case nobody thought of would become "nothing" rather than "incomplete").
#![deny(clippy::wildcard_enum_match_arm)]

pub mod bundles;
pub mod callsites;
mod forwarding;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use serde::Serialize;

use crate::callgraph::callsites::FunctionRef;
use crate::facts::go::{BindingValue, Expr};
use crate::flow::{self, ValueFlow};
use crate::resolve::types::{Member, Ty, TypeKey, Types};
use crate::resolve::values::Scope;
use crate::span::Span;
use crate::workspace::Workspace;
use crate::workspace::catalog::Catalog;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
/// How exactly an edge or a path is known.
pub enum Precision {
    /// A static call, or a method of the receiver's static type.
    Exact,
    /// A call on an interface, to an implementation a service instantiates.
    InterfaceDispatch,
    /// A function handed over as a value, which the receiver may call.
    FunctionValue,
}

/// How an edge was resolved; the grant JSON's evidence names it for every step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EdgeKind {
    /// The service's entry point (first step of a path).
    Entry,
    /// A package-level function, called by name.
    Call,
    /// A method of the receiver's static type.
    Method,
    /// A method promoted from an embedded field of the receiver's type.
    PromotedMethod,
    /// A method value or method expression, invoked (`m := c.Mint; m(…)`, `T.M(x)`).
    MethodValue,
    /// A method of an in-tree type implementing the receiver's interface type.
    InterfaceDispatch,
    /// A function or method handed over as a value.
    FunctionValue,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
/// A call edge of the graph, resolved through names and types.
pub struct Edge {
    /// The function called.
    pub to: FunctionRef,
    /// How exactly the callee is known.
    pub precision: Precision,
    /// Line of the call (or reference) in the caller.
    pub line: u32,
    /// How the callee was resolved.
    pub kind: EdgeKind,
    /// The static type the method was selected on (the interface, for dispatch).
    pub receiver: Option<Arc<str>>,
    /// For interface dispatch: the implementing type, which something a service runs must
    /// instantiate for the edge to count.
    pub requires: Option<Arc<str>>,
    /// For an edge the value flow found: the binaries where it exists (`None`: every binary
    /// that links the caller). A service follows it only in its own binaries.
    pub binaries: crate::flow::InBinaries,
}

/// A call whose receiver's type rootlint could not work out, although it may be in the tree.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Unresolved {
    /// The function holding the call.
    pub function: FunctionRef,
    /// The call's span.
    pub span: Span,
    /// The method called.
    pub name: String,
    /// How many arguments the call passes.
    pub args: usize,
    /// Why the receiver's type is unknown.
    pub reason: String,
}

/// What one function contributes to the graph.
#[derive(Clone, Debug)]
pub struct Node {
    /// The function.
    pub function: FunctionRef,
    /// Its outgoing edges, sorted.
    pub edges: Vec<Edge>,
    /// In-tree types whose values the function creates.
    pub instantiates: Vec<Arc<str>>,
    /// Its calls whose receiver type rootlint could not work out.
    pub unresolved: Vec<Unresolved>,
}

/// Nodes by file, then by function index within the file, then by closure (0: the function
/// itself, k: its k-th function literal).
#[derive(Clone)]
pub struct CallGraph {
    by_file: Vec<FileNodes>,
    /// For each in-tree type, the in-tree types its values hold by value (their zero values
    /// exist wherever it is instantiated).
    implied: Arc<HashMap<Arc<str>, Vec<Arc<str>>>>,
    /// Functions, methods and closures taken as values somewhere (what an unfollowed function
    /// value may hold).
    taken: Arc<HashSet<FunctionRef>>,
}

type FileNodes = Arc<Vec<Vec<Node>>>;

/// One step of a path from a service's entry point to a call site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// The function of this step.
    pub function: FunctionRef,
    /// How this step was reached from the previous one (`exact` for the entry point).
    pub precision: Precision,
    /// How the edge to this step was resolved.
    pub kind: EdgeKind,
    /// The static type the method was selected on, for a method call.
    pub receiver: Option<Arc<str>>,
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
    // Closures are named as Go names them: `F.func1`, nested `F.func1.1`.
    let closure = match f.closure {
        0 => String::new(),
        k => format!(".func{k}"),
    };
    match &func.receiver_type {
        Some(t) => format!("{package}.{t}.{}{closure}", func.name),
        None => format!("{package}.{}{closure}", func.name),
    }
}

pub(crate) fn build(types: &Types, flow: &ValueFlow) -> CallGraph {
    use rayon::prelude::*;
    let (ws, catalog) = (types.workspace(), types.catalog());
    let n = ws.files.len();
    let dispatch = types.dispatch();
    let by_file: Vec<FileNodes> = (0..n)
        .into_par_iter()
        .map(|file| {
            let nodes = match &ws.files[file].facts {
                crate::facts::Facts::Go(_) => ws
                    .functions(file)
                    .map(|f| {
                        let closures = ws.go(file).functions[f.function].closures.len() as u32;
                        (0..=closures)
                            .map(|k| node_of(types, flow, &dispatch, catalog, f.with_closure(k)))
                            .collect()
                    })
                    .collect(),
                crate::facts::Facts::GeneratedGo { .. }
                | crate::facts::Facts::Manifest(_)
                | crate::facts::Facts::GoMod { .. }
                | crate::facts::Facts::Unreadable
                | crate::facts::Facts::NotBuilt { .. } => Vec::new(),
            };
            Arc::new(nodes)
        })
        .collect();
    let mut implied: HashMap<Arc<str>, Vec<Arc<str>>> = HashMap::new();
    for package in ws.packages.values() {
        for &file in &package.go_files {
            for decl in &ws.go(file).types {
                let key = TypeKey {
                    dir: package.dir.as_str(),
                    name: decl.name.as_str(),
                };
                let held: Vec<Arc<str>> = types
                    .value_fields(key)
                    .into_iter()
                    .map(|k| Arc::from(types.type_name(k)))
                    .collect();
                if !held.is_empty() {
                    implied.insert(Arc::from(types.type_name(key)), held);
                }
            }
        }
    }
    CallGraph {
        by_file,
        implied: Arc::new(implied),
        taken: Arc::new(flow.taken.clone()),
    }
}

/// What a call's callee resolves to.
enum Callee<'a> {
    Functions {
        targets: Vec<FunctionRef>,
        kind: EdgeKind,
        receiver: Option<String>,
    },
    Dispatch {
        methods: Vec<(&'a str, usize)>,
        name: &'a str,
        interface: String,
    },
    /// A conversion to an in-tree type: a value of it is created.
    Conversion(String),
    Unknown {
        name: String,
        reason: String,
    },
    /// Nothing in the tree (a builtin, a closure, a method from outside the tree).
    Nothing,
}

fn resolve_callee<'a>(types: &'a Types<'a>, scope: &Scope<'a>, callee: &'a Expr) -> Callee<'a> {
    let functions = |t: Ty, kind| match t {
        Ty::Func { targets, .. } if !targets.is_empty() => Callee::Functions {
            targets,
            kind,
            receiver: None,
        },
        Ty::TypeName(t) => match t.key() {
            Some(k) => Callee::Conversion(types.type_name(k)),
            None => Callee::Nothing,
        },
        Ty::Named(..)
        | Ty::Pointer(_)
        | Ty::Slice(_)
        | Ty::Array(_)
        | Ty::Map(..)
        | Ty::Chan(_)
        | Ty::Func { .. }
        | Ty::InlineInterface(..)
        | Ty::InlineStruct(..)
        | Ty::Client { .. }
        | Ty::Connector
        | Ty::Outside
        | Ty::Basic
        | Ty::Package(_)
        | Ty::Unknown(_) => Callee::Nothing,
    };
    match callee {
        Expr::Ident(name) => {
            let local = scope.binding(name).is_some() || scope.param_type(name).is_some();
            let t = types.type_of(scope, callee);
            if local {
                if let (Ty::Unknown(reason), Some(b)) = (&t, scope.binding(name))
                    && let BindingValue::Expr(Expr::Selector(_, m)) = &b.value
                {
                    return Callee::Unknown {
                        name: m.clone(),
                        reason: reason.clone(),
                    };
                }
                functions(t, EdgeKind::MethodValue)
            } else {
                functions(t, EdgeKind::Call)
            }
        }
        Expr::Selector(base, method) => {
            if let Expr::Ident(alias) = &**base
                && scope.imported_package(alias).is_some()
            {
                return functions(types.type_of(scope, callee), EdgeKind::Call);
            }
            let base_ty = types.type_of(scope, base);
            if let Ty::TypeName(t) = &base_ty {
                return match types.lookup(t, method, 0) {
                    Member::Methods { methods, .. } => Callee::Functions {
                        targets: methods,
                        kind: EdgeKind::MethodValue,
                        receiver: t.key().map(|k| types.type_name(k)),
                    },
                    Member::Field(_)
                    | Member::Interface { .. }
                    | Member::Client { .. }
                    | Member::Connector
                    | Member::Outside
                    | Member::Unknown(_)
                    | Member::NotFound => Callee::Nothing,
                };
            }
            match types.lookup(&base_ty, method, 0) {
                Member::Methods {
                    methods,
                    declared_on,
                    promoted,
                } => Callee::Functions {
                    targets: methods,
                    kind: if promoted {
                        EdgeKind::PromotedMethod
                    } else {
                        EdgeKind::Method
                    },
                    receiver: Some(types.type_name(base_ty.key().unwrap_or(declared_on))),
                },
                Member::Field(t) => functions(t, EdgeKind::MethodValue),
                Member::Interface { methods, name } => Callee::Dispatch {
                    methods,
                    name: method,
                    interface: name,
                },
                Member::Unknown(reason) => Callee::Unknown {
                    name: method.clone(),
                    reason,
                },
                Member::Client { .. } | Member::Connector | Member::Outside | Member::NotFound => {
                    Callee::Nothing
                }
            }
        }
        Expr::Index(..) | Expr::Call(_) => functions(types.type_of(scope, callee), EdgeKind::Call),
        Expr::Type(_) | Expr::Deref(_) => functions(types.type_of(scope, callee), EdgeKind::Call),
        Expr::Str(_)
        | Expr::Int(_)
        | Expr::Binary(..)
        | Expr::Composite { .. }
        | Expr::AddressOf(_)
        | Expr::Receive(_)
        | Expr::SliceOf(_)
        | Expr::TypeAssert(..)
        | Expr::FuncLit(_)
        | Expr::Other(_) => Callee::Nothing,
    }
}

fn node_of<'a>(
    types: &'a Types<'a>,
    flow: &ValueFlow,
    dispatch: &crate::resolve::types::Dispatch<'a>,
    catalog: &'a Catalog,
    f: FunctionRef,
) -> Node {
    let ws = types.workspace();
    let func = &ws.go(f.file).functions[f.function];
    let mut edges = Vec::new();
    let mut unresolved = Vec::new();
    let mut instantiates: Vec<Arc<str>> = Vec::new();
    let scope_at = |at: u32| Scope {
        ws,
        catalog,
        types,
        file: f.file,
        function: Some(func),
        at,
        args: None,
    };
    for call in func.calls.iter().filter(|c| c.closure == f.closure) {
        let scope = scope_at(call.span.start_byte);
        let line = call.span.start_line;
        let key = flow::call_key(f.file, call.span);
        if let Some(resolved) = flow.call(key) {
            // What flows decides: a function value, an interface method, a method value, or
            // a value handed to code outside the tree.
            let (precision, kind) = if resolved.dispatched {
                (Precision::InterfaceDispatch, EdgeKind::InterfaceDispatch)
            } else {
                (Precision::FunctionValue, EdgeKind::FunctionValue)
            };
            let receiver: Option<Arc<str>> = match &call.callee {
                Expr::Selector(base, _) if resolved.dispatched => types
                    .type_of(&scope, base)
                    .key()
                    .map(|k| Arc::from(types.type_name(k))),
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
                | Expr::Other(_) => None,
            };
            edges.extend(resolved.targets.iter().map(|(to, binaries)| Edge {
                to: *to,
                precision,
                line,
                kind,
                receiver: receiver.clone(),
                requires: None,
                binaries: binaries.clone(),
            }));
            // A typed client handed to code outside the tree may be called there: each of its
            // methods is a call rootlint cannot follow.
            for client in &resolved.escaped_clients {
                if let Some(api) = catalog.api_packages.get(&*client.api_package) {
                    for (name, _) in api.endpoints() {
                        unresolved.push(Unresolved {
                            function: f,
                            span: call.span,
                            name: name.to_string(),
                            args: 0,
                            reason: format!(
                                "a typed client of `{}` handed to code outside the tree",
                                client.api_package
                            ),
                        });
                    }
                }
            }
            for (why, name) in &resolved.untracked {
                unresolved.push(Unresolved {
                    function: f,
                    span: call.span,
                    name: match &call.callee {
                        _ if !name.is_empty() => name.to_string(),
                        Expr::Selector(_, m) => m.clone(),
                        Expr::Str(_)
                        | Expr::Int(_)
                        | Expr::Ident(_)
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
                        | Expr::Other(_) => String::new(),
                    },
                    args: call.args.len(),
                    reason: why.to_string(),
                });
            }
        }
        if flow.decides(key) {
            continue;
        }
        if let Expr::FuncLit(k) = &call.callee {
            edges.push(Edge {
                to: f.declared().with_closure(*k),
                precision: Precision::Exact,
                line,
                kind: EdgeKind::Call,
                receiver: None,
                requires: None,
                binaries: None,
            });
            continue;
        }
        match resolve_callee(types, &scope, &call.callee) {
            Callee::Functions {
                targets,
                kind,
                receiver,
            } => {
                let receiver: Option<Arc<str>> = receiver.map(Arc::from);
                edges.extend(targets.into_iter().map(|to| Edge {
                    to,
                    precision: Precision::Exact,
                    line,
                    kind,
                    receiver: receiver.clone(),
                    requires: None,
                    binaries: None,
                }));
            }
            Callee::Dispatch {
                methods,
                name,
                interface,
            } => {
                // The flow did not decide this call: every implementation the program
                // instantiates (the safe side).
                let interface: Arc<str> = Arc::from(interface);
                for (key, impls) in types.implementations(dispatch, &methods, name) {
                    let concrete: Arc<str> = Arc::from(types.type_name(key));
                    edges.extend(impls.into_iter().map(|to| Edge {
                        to,
                        precision: Precision::InterfaceDispatch,
                        line,
                        kind: EdgeKind::InterfaceDispatch,
                        receiver: Some(interface.clone()),
                        requires: Some(concrete.clone()),
                        binaries: None,
                    }));
                }
            }
            Callee::Conversion(t) => instantiates.push(Arc::from(t)),
            Callee::Unknown { name, reason } => unresolved.push(Unresolved {
                function: f,
                span: call.span,
                name,
                args: call.args.len(),
                reason,
            }),
            Callee::Nothing => {}
        }
    }
    if f.closure == 0 {
        for t in &func.instantiates {
            if let Some(k) = types.resolve(f.file, Some(func), &[], t, 0).key() {
                instantiates.push(Arc::from(types.type_name(k)));
            }
        }
    }
    edges.sort();
    edges.dedup_by(|a, b| a.to == b.to && a.precision == b.precision);
    instantiates.sort();
    instantiates.dedup();
    unresolved.sort();
    unresolved.dedup();
    Node {
        function: f,
        edges,
        instantiates,
        unresolved,
    }
}

/// What one service's entry points reach: for each function, the step that reached it and the
/// function it was reached from.
pub struct Reach {
    reached: HashMap<FunctionRef, (Step, Option<FunctionRef>)>,
}

impl Reach {
    /// Whether `f` is reachable.
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
    fn node(&self, f: FunctionRef) -> Option<&Node> {
        self.by_file
            .get(f.file)
            .and_then(|fs| fs.get(f.function))
            .and_then(|cs| cs.get(f.closure as usize))
    }

    /// The edges out of a function.
    pub fn edges(&self, f: FunctionRef) -> &[Edge] {
        self.node(f).map_or(&[], |n| n.edges.as_slice())
    }

    /// Every function's node.
    pub fn nodes(&self) -> impl Iterator<Item = &Node> {
        self.by_file.iter().flat_map(|fs| fs.iter().flatten())
    }

    /// Whether the code takes `f` as a value (a function value, a method value or expression, a
    /// closure).
    pub fn taken_as_value(&self, f: FunctionRef) -> bool {
        self.taken.contains(&f)
    }

    /// The functions from which one of `targets` can be reached (the targets included), over
    /// every edge whatever its condition.
    pub fn reaching(&self, targets: impl IntoIterator<Item = FunctionRef>) -> HashSet<FunctionRef> {
        let mut callers: HashMap<FunctionRef, Vec<FunctionRef>> = HashMap::new();
        for node in self.nodes() {
            for e in &node.edges {
                callers.entry(e.to).or_default().push(node.function);
            }
        }
        let mut seen: HashSet<FunctionRef> = targets.into_iter().collect();
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

    /// Rapid type analysis over the whole program: from `entries`, the functions reached and
    /// the types instantiated, where an interface-dispatch edge counts only once its
    /// implementing type is instantiated by something reached (or `assumed`, such as the
    /// service types that generated code creates).
    pub fn program(&self, entries: &[FunctionRef], assumed: &[Arc<str>]) -> Program {
        let mut instantiated: HashSet<Arc<str>> = HashSet::new();
        let mut pending: HashMap<Arc<str>, Vec<FunctionRef>> = HashMap::new();
        let mut reached: HashSet<FunctionRef> = HashSet::new();
        let mut work: Vec<FunctionRef> = Vec::new();
        let mut new_types: Vec<Arc<str>> = assumed.to_vec();
        for &e in entries {
            if reached.insert(e) {
                work.push(e);
            }
        }
        loop {
            while let Some(t) = new_types.pop() {
                if !instantiated.insert(t.clone()) {
                    continue;
                }
                if let Some(held) = self.implied.get(&t) {
                    new_types.extend(held.iter().cloned());
                }
                for f in pending.remove(&t).unwrap_or_default() {
                    if reached.insert(f) {
                        work.push(f);
                    }
                }
            }
            let Some(f) = work.pop() else { break };
            let Some(node) = self.node(f) else { continue };
            new_types.extend(node.instantiates.iter().cloned());
            for e in &node.edges {
                match &e.requires {
                    Some(t) if !instantiated.contains(t) => {
                        pending.entry(t.clone()).or_default().push(e.to)
                    }
                    _ => {
                        if reached.insert(e.to) {
                            work.push(e.to);
                        }
                    }
                }
            }
        }
        Program {
            reached,
            instantiated,
        }
    }

    /// Everything reachable from `entries` within `within` (the functions that can reach a call
    /// site: best paths to call sites never leave it), each by the path with the fewest imprecise
    /// edges, then the fewest steps, then the smallest function reference. Interface-dispatch
    /// edges count only to types the program instantiates.
    pub fn reach(
        &self,
        entries: &[FunctionRef],
        within: &HashSet<FunctionRef>,
        program: &Program,
        binaries: &[u32],
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
                        kind: EdgeKind::Entry,
                        receiver: None,
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
                if !within.contains(&edge.to)
                    || edge
                        .requires
                        .as_ref()
                        .is_some_and(|t| !program.instantiated.contains(t))
                    || !in_binaries(&edge.binaries, binaries)
                {
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
                        kind: edge.kind,
                        receiver: edge.receiver.clone(),
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

/// Whether something found in `found` (`None`: everywhere) exists in one of `binaries`
/// (sorted; empty: the service is in no known binary, and everything counts).
pub fn in_binaries(found: &crate::flow::InBinaries, binaries: &[u32]) -> bool {
    match found {
        None => true,
        Some(_) if binaries.is_empty() => true,
        Some(ids) => ids.iter().any(|i| binaries.binary_search(i).is_ok()),
    }
}

/// The whole program's reachable functions and instantiated types (see [`CallGraph::program`]).
#[derive(Debug, Default)]
pub struct Program {
    /// Every function reachable from some service's entry points.
    pub reached: HashSet<FunctionRef>,
    /// Every in-tree type that reachable code instantiates.
    pub instantiated: HashSet<Arc<str>>,
}
