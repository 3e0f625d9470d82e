//! Stage 9, with the call graph: the ledger. Every reference in the tree to something that can
//! reach a :666 call (a function, method or closure that reaches one, a typed client of an api
//! with a :666 endpoint, a value of an in-tree type with such a method), found from the facts
//! and the types alone, and what became of it: followed by the value flow (a value it carries,
//! a call whose targets it resolves), or inside an expression the flow carries as untracked (a
//! call on it that may reach :666 is a deny finding), or neither. The invariant of
//! ARCHITECTURE.md is that the last kind never occurs; when it does, the reference is a problem
//! (`analysis_incomplete`: deny, grants incomplete), so the gate fails closed whatever the flow
//! missed, and the tests sum the ledger over every tree they have.
//!
//! The enumeration is independent of the flow's dispatch: it reads every expression the facts
//! hold where a value can flow (bindings, stores, returns, calls and their arguments), resolves
//! names and selectors with the types, and asks the flow only which expressions it turned into
//! values (by address: both read the same facts).

use std::collections::HashSet;

use crate::callgraph::CallGraph;
use crate::callgraph::callsites::CallSite;
use crate::facts::Problem;
use crate::facts::go::{BindingValue, Expr, GoFunction};
use crate::flow::{ValueFlow, expr_address};
use crate::resolve::types::{Member, Ty, Types};
use crate::resolve::values::Scope;
use crate::span::Span;
use crate::workspace::FunctionRef;

/// How deep the walk descends into one expression (the parser bounds nesting at 200 levels).
const MAX_EXPR_DEPTH: u32 = 256;

/// The sums of the ledger, and the references neither followed nor reported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ledger {
    /// References to something that can reach :666.
    pub references: usize,
    /// Those the value flow follows.
    pub followed: usize,
    /// Those inside an expression the flow carries as untracked (reported where it is called).
    pub reported: usize,
    /// The rest, each a problem of the analysis.
    pub gaps: Vec<Problem>,
}

/// What the tree holds that can reach :666.
struct Entities<'a> {
    functions: HashSet<FunctionRef>,
    /// Receiver types (folder, name) of methods in `functions`.
    types: HashSet<(&'a str, &'a str)>,
    /// Api packages with a :666 endpoint, and those endpoints' method names.
    apis: HashSet<&'a str>,
    endpoint_names: HashSet<&'a str>,
}

/// Walks every function of the tree and accounts for each reference.
pub(crate) fn account(
    types: &Types,
    flow: &ValueFlow,
    graph: &CallGraph,
    sites: &[CallSite],
) -> Ledger {
    let ws = types.workspace();
    let catalog = types.catalog();
    let functions = graph.reaching(
        sites
            .iter()
            .filter(|s| s.destination.port.as_ref().is_err() || s.destination.is_trust_root())
            .map(|s| s.function),
    );
    let mut entities = Entities {
        types: HashSet::new(),
        apis: HashSet::new(),
        endpoint_names: HashSet::new(),
        functions,
    };
    for f in &entities.functions {
        let decl = &ws.go(f.file).functions[f.function];
        if f.closure == 0
            && let Some(t) = decl.receiver_type.as_deref()
        {
            entities.types.insert((ws.files[f.file].file.dir(), t));
        }
    }
    for (path, api) in &catalog.api_packages {
        for (name, id) in api.endpoints() {
            if catalog.endpoints[id].is_trust_root() {
                entities.apis.insert(path.as_str());
                entities.endpoint_names.insert(name);
            }
        }
    }
    let mut ledger = Ledger::default();
    let mut seen: HashSet<usize> = HashSet::new();
    let files = ws
        .packages
        .values()
        .flat_map(|p| p.go_files.iter().copied());
    for file in files {
        for f in ws.functions(file) {
            let mut walk = Walk {
                types,
                flow,
                entities: &entities,
                function: f,
                decl: &ws.go(file).functions[f.function],
                seen: &mut seen,
                ledger: &mut ledger,
            };
            walk.function();
        }
    }
    ledger.gaps.sort();
    ledger.gaps.dedup();
    ledger
}

struct Walk<'a, 'w> {
    types: &'a Types<'a>,
    flow: &'w ValueFlow,
    entities: &'w Entities<'a>,
    function: FunctionRef,
    decl: &'a GoFunction,
    seen: &'w mut HashSet<usize>,
    ledger: &'w mut Ledger,
}

impl<'a> Walk<'a, '_> {
    fn scope(&self, at: u32) -> Scope<'a> {
        let ws = self.types.workspace();
        Scope {
            ws,
            catalog: self.types.catalog(),
            types: self.types,
            file: self.function.file,
            function: Some(self.decl),
            at,
            args: None,
        }
    }

    /// The places of the function where a value can flow, as the value flow reads them.
    fn function(&mut self) {
        let decl = self.decl;
        for b in &decl.bindings {
            self.binding_value(b.span, &b.value);
        }
        for st in &decl.stores {
            self.binding_value(st.span, &st.value);
            // `m[k] = v`: the key is a value too (keys are not followed: see `value`).
            if let Expr::Index(_, keys) = &st.target {
                for k in keys {
                    self.value(st.span, k, false, 0);
                }
            }
        }
        for r in &decl.returns {
            let arity = match r.closure {
                0 => decl.results.len(),
                k => decl
                    .closures
                    .get(k as usize - 1)
                    .map_or(0, |c| c.results.len()),
            };
            // `return f()` of several results: the call's results, read by its own entry.
            if matches!(r.values.as_slice(), [Expr::Call(_)]) && arity > 1 {
                continue;
            }
            for v in &r.values {
                self.value(r.span, v, false, 0);
            }
        }
        for c in &decl.calls {
            self.callee(c.span, &c.callee);
            for a in &c.args {
                self.value(c.span, a, false, 0);
            }
        }
    }

    fn binding_value(&mut self, at: Span, v: &'a BindingValue) {
        match v {
            BindingValue::Expr(e) => self.value(at, e, false, 0),
            // One result of a call: the call's own entry holds its callee and arguments.
            BindingValue::Tuple {
                call: Expr::Call(_),
                ..
            } => {}
            BindingValue::Tuple { call, index: 0 } => self.value(at, call, false, 0),
            BindingValue::Range { over, .. } => self.value(at, over, false, 0),
            _ => {}
        }
    }

    /// A callee: a reference the call follows when the flow resolved the call by it.
    fn callee(&mut self, at: Span, callee: &'a Expr) {
        let scope = self.scope(at.start_byte);
        if let Some(what) = self.reference(&scope, callee) {
            self.count(at, callee, &what, false);
        }
        match callee {
            // `c.ForHost(h)`, `c.WithOptions(…)`: the flow reads the chain as one client where
            // the chain's value is used (the reference counted there).
            Expr::Selector(base, m)
                if matches!(m.as_str(), "ForHost" | "WithOptions")
                    && matches!(
                        self.types.type_of(&scope, base).pointee(),
                        Ty::Client { .. }
                    ) => {}
            Expr::Selector(base, _) if !self.is_package(&scope, base) => {
                self.value(at, base, false, 1)
            }
            Expr::Ident(_) | Expr::Selector(..) | Expr::FuncLit(_) => {}
            // `F[T](…)`, `f()(…)`, `(*p)(…)`, `x.(T)(…)`: the callee is a value.
            other => self.value(at, other, false, 1),
        }
    }

    /// An expression whose value can flow; `reported` when an enclosing one is untracked.
    fn value(&mut self, at: Span, e: &'a Expr, reported: bool, depth: u32) {
        if depth > MAX_EXPR_DEPTH {
            return;
        }
        let reported = reported || self.flow.reported.contains(&expr_address(e));
        let scope = self.scope(at.start_byte);
        if let Some(what) = self.reference(&scope, e) {
            self.count(at, e, &what, reported);
        }
        let d = depth + 1;
        match e {
            // A nested call: its own entry holds its callee and arguments.
            Expr::Call(_) => {}
            Expr::Selector(base, _) if !self.is_package(&scope, base) => {
                self.value(at, base, reported, d);
            }
            Expr::Composite { elements, .. } => {
                for (_, v) in elements {
                    self.value(at, v, reported, d);
                }
            }
            // `F[T]` is the reference itself. A map's keys are not followed (ranging over
            // them gives untracked values), so a key that can reach :666 is a gap.
            Expr::Index(base, keys) if self.generic_instance(&scope, e).is_none() => {
                self.value(at, base, reported, d);
                for k in keys {
                    self.value(at, k, reported, d);
                }
            }
            Expr::AddressOf(inner)
            | Expr::Deref(inner)
            | Expr::TypeAssert(inner, _)
            | Expr::SliceOf(inner)
            | Expr::Receive(inner) => self.value(at, inner, reported, d),
            // Operators yield numbers, strings and booleans; types and literals hold no value;
            // a closure's body is read as part of the function.
            _ => {}
        }
    }

    fn count(&mut self, at: Span, e: &'a Expr, what: &str, reported: bool) {
        if !self.seen.insert(expr_address(e)) {
            return;
        }
        self.ledger.references += 1;
        if self.flow.followed.contains(&expr_address(e)) {
            self.ledger.followed += 1;
        } else if reported || self.flow.reported.contains(&expr_address(e)) {
            self.ledger.reported += 1;
        } else {
            let ws = self.types.workspace();
            self.ledger.gaps.push(Problem {
                file: ws.files[self.function.file].file.rel.clone(),
                span: Some(at),
                message: format!(
                    "rootlint does not follow {what} here, which can reach a :666 call (in `{}`): the grants may miss the calls it makes",
                    self.decl.name
                ),
            });
        }
    }

    fn is_package(&self, scope: &Scope<'a>, e: &Expr) -> bool {
        matches!(e, Expr::Ident(a) if scope.binding(a).is_none()
            && scope.param_type(a).is_none()
            && scope.imported_package(a).is_some())
    }

    /// `F[T]`: the functions it instantiates.
    fn generic_instance(&self, scope: &Scope<'a>, e: &'a Expr) -> Option<Vec<FunctionRef>> {
        let Expr::Index(_, args) = e else { return None };
        match self.types.type_of(scope, e) {
            Ty::Func { targets, .. }
                if !targets.is_empty() && args.iter().all(|a| matches!(a, Expr::Type(_))) =>
            {
                Some(targets)
            }
            _ => None,
        }
    }

    /// What `e` refers to that can reach :666, if anything.
    fn reference(&self, scope: &Scope<'a>, e: &'a Expr) -> Option<String> {
        let ws = self.types.workspace();
        let reaches = |fs: &[FunctionRef]| fs.iter().any(|f| self.entities.functions.contains(f));
        match e {
            Expr::Ident(name) => {
                if scope.binding(name).is_some() || scope.param_type(name).is_some() {
                    return None;
                }
                let funcs = self.types.package_funcs(scope.package_dir(), name);
                reaches(funcs).then(|| format!("the function `{name}`"))
            }
            Expr::Selector(base, name) => {
                if let Expr::Ident(alias) = &**base
                    && self.is_package(scope, base)
                {
                    let path = scope.imported_package(alias)?;
                    let dir = ws.dir_by_import.get(path)?;
                    let funcs = self.types.package_funcs(dir.as_str(), name);
                    return reaches(funcs).then(|| format!("the function `{alias}.{name}`"));
                }
                let base_ty = match self.types.type_of(scope, base) {
                    Ty::TypeName(t) => *t,
                    t => t,
                };
                match self.types.lookup(&base_ty, name, 0) {
                    Member::Methods { methods, .. } if reaches(&methods) => {
                        Some(format!("the method `{name}`"))
                    }
                    Member::Client { api_package, .. }
                        if self.entities.apis.contains(api_package)
                            && self.entities.endpoint_names.contains(name.as_str()) =>
                    {
                        Some(format!("the typed client's `{name}`"))
                    }
                    _ => None,
                }
            }
            Expr::Index(..) => {
                let targets = self.generic_instance(scope, e)?;
                reaches(&targets).then(|| "an instance of a generic function".to_string())
            }
            Expr::FuncLit(k) => {
                let closure = self.function.with_closure(*k);
                self.entities
                    .functions
                    .contains(&closure)
                    .then(|| "a function literal".to_string())
            }
            Expr::Composite { ty: Some(t), .. } => {
                let resolved = self.types.resolve(scope.file, scope.function, &[], t, 0);
                match resolved.pointee() {
                    Ty::Named(k, _) if self.entities.types.contains(&(k.dir, k.name)) => {
                        Some(format!("a value of `{}`", self.types.type_name(*k)))
                    }
                    _ => None,
                }
            }
            // A typed client made in place (`api.NewClient(svc)`, `c.ForHost(h)`); a call that
            // returns one is followed through its results.
            Expr::Call(c) => {
                let Expr::Selector(_, m) = &c.callee else {
                    return None;
                };
                if !matches!(
                    m.as_str(),
                    "NewClient" | "NewMulticastClient" | "ForHost" | "WithOptions"
                ) {
                    return None;
                }
                match self.types.type_of(scope, e) {
                    Ty::Client { api_package, .. } if self.entities.apis.contains(api_package) => {
                        Some("a typed client".to_string())
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }
}
