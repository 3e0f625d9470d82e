//! Stage 7, value flow: which functions, closures, in-tree types and typed clients can flow into
//! each place of the program, as `golang.org/x/tools/go/callgraph/vta` computes it with Go's
//! type checker. A dynamic call (an interface method, a function value, a method value) then
//! reaches exactly what flows into its callee or receiver, and a typed-client call on anything
//! other than a client built in place (a field, a parameter, an interface, an element, a method
//! value) is made with the clients that flow there, host included.
//!
//! The graph is VTA's: places are locals (by name within their declared function), parameters
//! and results of functions and closures, struct fields (by declaring type and name), package
//! variables, and elements of slices, arrays, maps and channels (by container type; a channel a
//! body makes and keeps to its sends, receives and ranges, by its `make`). Edges come
//! from bindings, stores, sends, returns, composite literals and calls; a dynamic call adds the
//! edges of each target as it is found, until nothing changes. Fields and elements whose type
//! rootlint cannot work out go to a place every load of that name (or every element load) also
//! reads: imprecise, never unsound.
//!
//! What cannot be followed is a token of its own ([`Token::Untracked`], with the reason): a call
//! whose receiver may hold one and whose method a :666-reaching value has is reported, never
//! dropped. A value handed to code outside the tree may be called there: its functions and
//! methods become edges from the caller, and a typed client handed over is reported.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use crate::facts::go::{
    BindingValue, COMPOUND_ASSIGNMENT, CallExpr, Expr, GoFunction, StoreKind, TypeExpr,
};
use crate::resolve::types::{Member, Ty, TypeKey, Types};
use crate::resolve::values::{HostChoice, PubOption, Scope, Value};
use crate::span::Span;
use crate::workspace::FunctionRef;

/// How many rounds of dynamic-call resolution run before the analysis gives up (fail closed).
pub(crate) const MAX_ROUNDS: usize = 200;

/// How many method values, embedded fields and function values one call is followed through
/// (a value that holds itself would loop).
const MAX_BOUND_DEPTH: u32 = 16;

/// The tag of an edge every program has (fields and elements linked by type).
const STRUCTURAL: u32 = u32::MAX;

/// The tag bit of an edge a solve added.
const SOLVED: u32 = 1 << 31;

/// The receiver parameter's index.
const RECV: u32 = u32::MAX;

/// The binaries (indices into the list [`solve`] was given) where a flow exists; `None`: in
/// every binary that links the code.
pub(crate) type InBinaries = Option<Arc<[u32]>>;

/// A call, by its file and the span of the call expression (nested calls that start at the
/// same byte end elsewhere).
pub(crate) type CallKey = (usize, u32, u32);

/// The key of a call expression in a file.
pub(crate) fn call_key(file: usize, span: Span) -> CallKey {
    (file, span.start_byte, span.end_byte)
}

/// Why a value could not be followed.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Untracked {
    /// An expression of a kind the flow does not model.
    Expression(String),
    /// A value set by an operation the flow does not model.
    Operation(String),
    /// A receiver whose type rootlint could not work out.
    UnknownType(String),
    /// A method that rootlint cannot find on an in-tree type.
    MethodNotFound(String),
    /// The analysis stopped at [`MAX_ROUNDS`].
    Limit,
}

impl std::fmt::Display for Untracked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Untracked::Expression(k) => write!(f, "a `{}` expression", k.replace('_', " ")),
            Untracked::Operation(what) => write!(f, "a value set by {what}"),
            Untracked::UnknownType(r) => write!(f, "{r}"),
            Untracked::MethodNotFound(r) => write!(f, "{r}"),
            Untracked::Limit => write!(
                f,
                "a value followed through more steps than rootlint follows (an analysis limit: {MAX_ROUNDS} rounds, {MAX_BOUND_DEPTH} method values, {PROPAGATION_PER_NODE} values per place and edge)"
            ),
        }
    }
}

/// A typed client value.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct ClientToken {
    /// Import path of its api package.
    pub(crate) api_package: Arc<str>,
    /// A multicast client.
    pub(crate) multicast: bool,
    /// Its host.
    pub(crate) host: HostChoice,
    /// Its `WithOptions` options, in order.
    pub(crate) options: Arc<[PubOption]>,
}

/// The key of an anonymous struct type. Go's type identity for `struct{…}` is by field names
/// and types, and an unexported field name belongs to its package: two such types in different
/// packages never hold each other's values. Field types are keyed as resolved (import aliases
/// do not split a type); one rootlint cannot resolve keys as `?`, which merges rather than
/// splits. Fields resolve without the enclosing function, the same way wherever the type is met.
fn inline_struct_key(types: &Types, file: usize, fields: &[crate::facts::go::Field]) -> String {
    let package_dir = types.workspace().files[file].file.dir();
    let mut unexported = false;
    let parts: Vec<String> = fields
        .iter()
        .map(|f| {
            let name = f
                .name
                .as_deref()
                .or_else(|| embedded_name(&f.ty))
                .unwrap_or("_");
            unexported |= !name.starts_with(|c: char| c.is_uppercase());
            let ty = ty_key(types, &types.resolve(file, None, &[], &f.ty, 0));
            format!("{name} {}", ty.as_deref().unwrap_or("?"))
        })
        .collect();
    if unexported {
        format!("struct {package_dir} {{{}}}", parts.join(";"))
    } else {
        format!("struct {{{}}}", parts.join(";"))
    }
}

/// The propagation budget: values put into places per node and edge of the graph, and at least.
const PROPAGATION_PER_NODE: u64 = 4;
const MIN_PROPAGATION: u64 = 1 << 20;

/// Distinct reasons for untracked values the flow keeps apart.
const MAX_UNTRACKED_REASONS: usize = 32;

/// Expression kinds (tree-sitter-go's) whose value is a number, a string, a boolean or nil.
fn holds_no_value(kind: &str) -> bool {
    matches!(
        kind,
        "int_literal"
            | "float_literal"
            | "imaginary_literal"
            | "rune_literal"
            | "interpreted_string_literal"
            | "raw_string_literal"
            | "true"
            | "false"
            | "nil"
            | "iota"
            | "unary_expression"
    )
}

/// Whether a place's Go type rules out every value the flow carries (functions, values of
/// in-tree types, clients): elements of an unnamed basic type (`[]int`, `map[string]string`).
fn holds_nothing(p: &Place) -> bool {
    match p {
        Place::Elem(Some(key)) => ["[]basic", "[N]basic", "map[]basic", "chan basic"]
            .iter()
            .any(|k| **key == **k),
        _ => false,
    }
}

/// The options one client carries through the flow, at most.
const MAX_CLIENT_OPTIONS: usize = 8;

/// What flows.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Token<'a> {
    /// A function, a method (its receiver flows on its own) or a closure.
    Func(FunctionRef),
    /// A method expression `T.M`: called, its first argument is the receiver.
    MethodExpr(FunctionRef),
    /// A value of an in-tree named type.
    Type(Arc<str>, Arc<str>),
    /// A typed client.
    Client(ClientToken),
    /// A method value `x.m` of a receiver whose dynamic type is what flows into a place.
    Bound(u32, &'a str),
    /// A method expression on an interface (`I.m`): called, it dispatches on its first argument.
    InterfaceMethodExpr(&'a str),
    /// A value rootlint could not follow.
    Untracked(Untracked),
}

/// The element type of a container literal, for elements written without their type.
enum ElemType<'a> {
    /// As the source writes it.
    Written(&'a TypeExpr),
    /// As rootlint resolved the container's type.
    Resolved(Ty<'a>),
}

/// A place a value can be in.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Place {
    Local(usize, usize, Arc<str>),
    Param(FunctionRef, u32),
    Result(FunctionRef, u32),
    /// A field: its declaring type's name when known, and the field's name.
    Field(Option<Arc<str>>, Arc<str>),
    /// Every field of that name, whatever its type (what a load of unknown type reads).
    FieldAll(Arc<str>),
    Global(Arc<str>, Arc<str>),
    /// Elements of containers of one type (`None`: of a type rootlint could not work out).
    Elem(Option<Arc<str>>),
    /// Every element (what a load of unknown container type reads).
    ElemAll,
    /// The results of one call.
    CallResult(CallKey, u32),
    /// A temporary (a receiver of a dispatch, an escaping argument).
    Temp(u32),
}

/// Where a value comes from: a place, or a value itself.
#[derive(Clone, Debug)]
enum Source {
    Node(u32),
    Token(u32),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Transform {
    Copy,
    /// `ForHost`: clients take this host.
    SetHost(HostChoice),
    /// `WithOptions`: clients add these options.
    AddOptions(Arc<[PubOption]>),
    /// Out of one instantiation of a generic function or type: only values of the type the
    /// instantiation gives (Go instantiates per type argument; one shared body must not hand
    /// `Id[Quiet]`'s caller the `Loud` that `Id[Loud]` returns).
    Only(Instance),
}

/// The one type a value in a place of an instantiated generic can have.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Instance {
    /// An in-tree struct type, by folder and name.
    Struct(Arc<str>, Arc<str>),
    /// An in-tree named function type (`type F func(…)`): its values are functions too.
    FuncType(Arc<str>, Arc<str>),
    /// A typed client of an api package (multicast or not).
    Client(Arc<str>, bool),
}

impl Instance {
    /// Whether a value can be of this type. Untracked values always pass: rootlint cannot
    /// tell their type, so dropping them would drop a finding.
    fn admits(&self, tok: &Token) -> bool {
        match (self, tok) {
            (_, Token::Untracked(_)) => true,
            (Instance::Struct(dir, name) | Instance::FuncType(dir, name), Token::Type(d, n)) => {
                dir == d && name == n
            }
            (
                Instance::FuncType(..),
                Token::Func(_)
                | Token::MethodExpr(_)
                | Token::Bound(..)
                | Token::InterfaceMethodExpr(_),
            ) => true,
            (Instance::Client(api, multicast), Token::Client(c)) => {
                *c.api_package == **api && c.multicast == *multicast
            }
            _ => false,
        }
    }
}

/// How a call reaches its target, as far as the call itself shows.
enum CallKind<'a> {
    /// Known targets (functions, methods on a static type, closures called in place), with
    /// the receiver's sources for a method.
    Static(Vec<FunctionRef>, Option<u32>),
    /// A method expression `T.M(recv, …)`.
    MethodExpr(Vec<FunctionRef>),
    /// A function value: whatever flows into the node.
    Dynamic(u32),
    /// A method on a receiver whose dynamic type flows into the node.
    Dispatch(u32, &'a str),
    /// Code outside the tree (or the framework): the arguments may be called there.
    Outside,
    /// A conversion or a builtin whose result is its arguments.
    PassThrough,
    /// `copy(dst, src)`: the source's elements become elements of the destination's type.
    CopyElements,
    /// Nothing that can matter (a builtin, a basic conversion).
    Nothing,
}

struct PendingCall<'a> {
    key: CallKey,
    /// The package whose code makes the call.
    owner: u32,
    kind: CallKind<'a>,
    args: Vec<u32>,
    /// Per result of a call to a generic function: the type its instantiation gives, when
    /// only values of one type can come out.
    instances: Vec<Option<Instance>>,
    /// Targets already connected.
    connected: HashSet<Token<'a>>,
}

/// A call the flow resolved: its targets, and the typed clients it is made with.
#[derive(Clone, Debug, Default)]
pub(crate) struct ResolvedCall {
    /// Functions the call reaches through values, with the binaries where it does (`None`:
    /// in every binary that links the call).
    pub(crate) targets: Vec<(FunctionRef, InBinaries)>,
    /// The typed clients whose method `.1` the call invokes, with the binaries where it does.
    pub(crate) clients: Vec<(ClientToken, Arc<str>, InBinaries)>,
    /// Why a receiver that may hold a :666-reaching value could not be followed.
    pub(crate) untracked: Vec<(Untracked, Arc<str>)>,
    /// Typed clients handed to code outside the tree.
    pub(crate) escaped_clients: Vec<ClientToken>,
    /// The targets are methods found by dispatch on what flows into the receiver.
    pub(crate) dispatched: bool,
}

/// A value a place holds, as demand-driven parsing asks about it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Held {
    /// A function or closure, by its declared function's name.
    Function(Arc<str>),
    /// A value of an in-tree type, by its name.
    Type(Arc<str>),
    /// A typed client of an api package.
    Client(Arc<str>),
    /// A method value, by the method's name.
    Method(Arc<str>),
}

/// What one solve found for one call.
#[derive(Clone, Debug, Default)]
struct Found {
    targets: Vec<FunctionRef>,
    clients: Vec<(ClientToken, Arc<str>)>,
    untracked: Vec<(Untracked, Arc<str>)>,
    escaped_clients: Vec<ClientToken>,
    dispatched: bool,
}

/// The value flow of a workspace: for every call the flow had to resolve, what it reaches.
#[derive(Default)]
pub(crate) struct ValueFlow {
    /// With [`solve_with_carriers`]: the names a reference to each place uses (a package
    /// variable, a field, a function whose parameter, result or local it is), with what it
    /// holds.
    pub(crate) carriers: Vec<(Arc<str>, Held)>,
    calls: HashMap<CallKey, ResolvedCall>,
    found: HashMap<CallKey, Found>,
    /// Calls that are dynamic (a function value, an interface method, a method value), so
    /// that the call graph never resolves them by type alone.
    dynamic: HashSet<CallKey>,
    /// Set when the flow stopped at [`MAX_ROUNDS`].
    pub(crate) limit: bool,
    /// The functions, methods and closures the code takes as values: all a function value
    /// rootlint cannot follow may hold.
    pub(crate) taken: HashSet<FunctionRef>,
    /// The expressions the flow turned into values it follows, and those it turned into an
    /// untracked value (by address: the ledger reads the same facts), for [`crate::ledger`].
    pub(crate) followed: HashSet<usize>,
    pub(crate) reported: HashSet<usize>,
}

impl ValueFlow {
    /// What a call reaches through values, if the flow resolved it.
    pub(crate) fn call(&self, key: CallKey) -> Option<&ResolvedCall> {
        self.calls.get(&key)
    }

    /// Whether the flow decides the call's targets (a dynamic call, or code outside the tree).
    pub(crate) fn decides(&self, key: CallKey) -> bool {
        self.dynamic.contains(&key)
    }
}

struct Builder<'a> {
    types: &'a Types<'a>,
    places: HashMap<Place, u32>,
    tokens: Vec<Token<'a>>,
    token_ids: HashMap<Token<'a>, u32>,
    /// Out-edges by node, each tagged with what makes it exist (see [`Builder::valid`]).
    edges: Vec<Vec<(u32, Transform, u32)>>,
    /// Tokens to put into places (node, token, tag): the sources, then what resolution adds.
    seeds: Vec<(u32, u32, u32)>,
    /// Edges added since the last round (their sources' tokens must cross them).
    fresh: Vec<(u32, u32, Transform)>,
    /// Package ids by folder.
    package_ids: HashMap<&'a str, u32>,
    /// The code that writes an edge (a function, or a file's package-level initializers), by
    /// owner id: its package, and whether it can run at all (see [`live_functions`]).
    owners: Vec<(u32, bool)>,
    /// The owner whose code is being read (or [`STRUCTURAL`]).
    owner: u32,
    /// 0 while the graph is built; then one per solve, so that what a solve adds (a dynamic
    /// call's edges) counts in that solve only.
    generation: u32,
    /// Per package id, whether the program being solved links it.
    linked: Vec<bool>,
    /// The edges solves added, so that each is added once.
    solved_edges: HashSet<(u32, u32, u32)>,
    /// The nodes the last solve added edges from: the next one takes those edges away, so that
    /// a node many programs share does not carry every program's edges.
    solved_from: Vec<u32>,
    /// Calls and construction sources by package id, so that a program's solve reads only its
    /// own (a tree of thousands of binaries is solved in time linear in their sizes).
    calls_by_package: Vec<Vec<usize>>,
    seeds_by_package: Vec<Vec<usize>>,
    /// The calls of the program being solved.
    relevant: Vec<usize>,
    /// Tokens the current solve put into places so far (its cost), and how many it may put.
    inserted: u64,
    budget: u64,
    /// Per node: a place whose Go type holds no value that flows (elements of a basic type).
    inert: Vec<bool>,
    /// Distinct reasons of untracked values so far.
    untracked_reasons: usize,
    calls: Vec<PendingCall<'a>>,
    temps: u32,
    /// Loads of fields and elements whose type is known read these too.
    field_all_linked: HashSet<Arc<str>>,
    /// See [`ValueFlow::followed`].
    followed: HashSet<usize>,
    reported: HashSet<usize>,
}

/// Builds and solves the value flow of each binary the tree builds (`binaries`: the package
/// folders each links), as Go's VTA does per program: a value stored by code of one binary
/// never reaches a call in another. Without binaries, the whole tree is one program.
pub(crate) fn solve(types: &Types, binaries: &[Vec<String>]) -> ValueFlow {
    let mut b = Builder::new(types);
    if binaries.is_empty() {
        let mut flow = b.solve_program(None, false);
        flow.publish();
        flow.taken = b.taken();
        flow.followed = std::mem::take(&mut b.followed);
        flow.reported = std::mem::take(&mut b.reported);
        return flow;
    }
    // Binaries that link the same packages are one program.
    let mut groups: Vec<(&Vec<String>, Vec<u32>)> = Vec::new();
    let mut order: Vec<usize> = (0..binaries.len()).collect();
    order.sort_by(|x, y| binaries[*x].cmp(&binaries[*y]));
    for i in order {
        match groups.last_mut() {
            Some((dirs, ids)) if *dirs == &binaries[i] => ids.push(i as u32),
            _ => groups.push((&binaries[i], vec![i as u32])),
        }
    }
    let mut solved: Vec<(ValueFlow, &Vec<u32>)> = Vec::new();
    for (dirs, ids) in &groups {
        let flow = b.solve_program(Some(dirs), false);
        solved.push((flow, ids));
    }
    let mut flow = merge(types, binaries, solved);
    flow.taken = b.taken();
    flow.followed = std::mem::take(&mut b.followed);
    flow.reported = std::mem::take(&mut b.reported);
    flow
}

/// What each place holds, sparse: a program's solve touches only its own places.
type Sets = HashMap<u32, BTreeSet<u32>>;

/// The typed clients (and methods) a call is made with, and the binaries where each is.
type ClientsIn = HashMap<(ClientToken, Arc<str>), Vec<u32>>;

/// Joins the flows of the binaries: each target and client with the binaries it is found in.
fn merge(
    types: &Types,
    binaries: &[Vec<String>],
    solved: Vec<(ValueFlow, &Vec<u32>)>,
) -> ValueFlow {
    let ws = types.workspace();
    let mut out = ValueFlow::default();
    let mut targets: HashMap<CallKey, HashMap<FunctionRef, Vec<u32>>> = HashMap::new();
    let mut clients: HashMap<CallKey, ClientsIn> = HashMap::new();
    for (flow, ids) in solved {
        out.limit |= flow.limit;
        out.dynamic.extend(flow.dynamic.iter().copied());
        for (key, found) in flow.found {
            let t = targets.entry(key).or_default();
            for f in &found.targets {
                t.entry(*f).or_default().extend(ids.iter().copied());
            }
            let c = clients.entry(key).or_default();
            for cl in &found.clients {
                c.entry(cl.clone()).or_default().extend(ids.iter().copied());
            }
            let r = out.calls.entry(key).or_default();
            r.untracked.extend(found.untracked);
            r.escaped_clients.extend(found.escaped_clients);
            r.dispatched |= found.dispatched;
        }
    }
    // The binaries that link each package folder, to tell "everywhere" from "somewhere".
    let mut linking: HashMap<&str, Vec<u32>> = HashMap::new();
    for (i, dirs) in binaries.iter().enumerate() {
        for d in dirs {
            linking.entry(d.as_str()).or_default().push(i as u32);
        }
    }
    let within = |key: &CallKey, mut ids: Vec<u32>| -> InBinaries {
        ids.sort_unstable();
        ids.dedup();
        let dir = ws.files[key.0].file.dir();
        (linking.get(dir).map(Vec::as_slice) != Some(ids.as_slice())).then(|| Arc::from(ids))
    };
    for (key, r) in out.calls.iter_mut() {
        if let Some(t) = targets.remove(key) {
            r.targets = t
                .into_iter()
                .map(|(f, ids)| (f, within(key, ids)))
                .collect();
        }
        if let Some(c) = clients.remove(key) {
            r.clients = c
                .into_iter()
                .map(|((client, m), ids)| (client, m, within(key, ids)))
                .collect();
        }
        r.targets.sort();
        r.clients.sort();
        r.untracked.sort();
        r.untracked.dedup();
        r.escaped_clients.sort();
        r.escaped_clients.dedup();
    }
    out
}

/// [`solve`] over the whole tree as one program, also listing which named places hold what
/// (for demand-driven parsing, which must parse every function a value can flow through).
pub(crate) fn solve_with_carriers(types: &Types) -> ValueFlow {
    let mut flow = Builder::new(types).solve_program(None, true);
    flow.publish();
    flow
}

impl ValueFlow {
    /// Turns one solve's findings into the results (a single program: no binaries).
    fn publish(&mut self) {
        for (key, found) in std::mem::take(&mut self.found) {
            let r = self.calls.entry(key).or_default();
            r.targets = found.targets.into_iter().map(|f| (f, None)).collect();
            r.clients = found
                .clients
                .into_iter()
                .map(|(c, m)| (c, m, None))
                .collect();
            r.untracked = found.untracked;
            r.escaped_clients = found.escaped_clients;
            r.dispatched = found.dispatched;
        }
    }
}

impl<'a> Builder<'a> {
    /// The graph of every parsed Go file, each edge tagged with the package that writes it.
    fn new(types: &'a Types<'a>) -> Builder<'a> {
        let ws = types.workspace();
        let mut b = Builder {
            types,
            places: HashMap::new(),
            tokens: Vec::new(),
            token_ids: HashMap::new(),
            edges: Vec::new(),
            seeds: Vec::new(),
            fresh: Vec::new(),
            package_ids: HashMap::new(),
            owners: Vec::new(),
            owner: STRUCTURAL,
            generation: 0,
            linked: Vec::new(),
            solved_edges: HashSet::new(),
            solved_from: Vec::new(),
            calls_by_package: Vec::new(),
            seeds_by_package: Vec::new(),
            relevant: Vec::new(),
            inserted: 0,
            budget: 0,
            inert: Vec::new(),
            untracked_reasons: 0,
            calls: Vec::new(),
            temps: 0,
            field_all_linked: HashSet::new(),
            followed: HashSet::new(),
            reported: HashSet::new(),
        };
        let mut dirs: Vec<&str> = ws.packages.keys().map(String::as_str).collect();
        dirs.sort_unstable();
        b.package_ids = dirs
            .iter()
            .enumerate()
            .map(|(i, d)| (*d, i as u32))
            .collect();
        let mut files: Vec<usize> = ws
            .packages
            .values()
            .flat_map(|p| p.go_files.iter().copied())
            .filter(|&f| matches!(ws.files[f].facts, crate::facts::Facts::Go(_)))
            .collect();
        files.sort_unstable();
        let live = live_functions(ws, &files);
        for &file in &files {
            let package = b.package_ids[ws.files[file].file.dir()];
            // A file's package-level initializers run wherever the package is linked.
            b.owner = b.owners.len() as u32;
            b.owners.push((package, true));
            b.package_values(file);
            for f in ws.functions(file) {
                b.owner = b.owners.len() as u32;
                b.owners
                    .push((package, live.contains(&(f.file, f.function))));
                b.function(f);
            }
        }
        b.connect_static_calls();
        b.index_by_package();
        b
    }

    /// Static calls connect once, as the code of the calling function.
    fn connect_static_calls(&mut self) {
        for i in 0..self.calls.len() {
            let targets: Vec<(FunctionRef, bool, Option<u32>)> = match &self.calls[i].kind {
                CallKind::Static(t, recv) => t.iter().map(|&f| (f, false, *recv)).collect(),
                CallKind::MethodExpr(t) => t.iter().map(|&f| (f, true, None)).collect(),
                _ => continue,
            };
            self.owner = self.calls[i].owner;
            for (t, method_expr, recv) in targets {
                self.connect(i, t, method_expr, recv);
            }
        }
        self.owner = STRUCTURAL;
        self.fresh.clear();
    }

    /// Calls and sources by package, for the solves of programs.
    fn index_by_package(&mut self) {
        let packages = self.package_ids.len();
        self.calls_by_package = vec![Vec::new(); packages];
        for (i, c) in self.calls.iter().enumerate() {
            if let Some(&(package, _)) = self.owners.get(c.owner as usize) {
                self.calls_by_package[package as usize].push(i);
            }
        }
        self.seeds_by_package = vec![Vec::new(); packages];
        for (i, &(_, _, tag)) in self.seeds.iter().enumerate() {
            if let Some(&(package, _)) = self.owners.get(tag as usize) {
                self.seeds_by_package[package as usize].push(i);
            }
        }
    }

    /// Whether an edge or a source with this tag exists in the program being solved.
    fn valid(&self, tag: u32) -> bool {
        if tag == STRUCTURAL {
            true
        } else if tag & SOLVED != 0 {
            tag == SOLVED | self.generation
        } else {
            let Some(&(package, live)) = self.owners.get(tag as usize) else {
                return false;
            };
            live && (self.linked.is_empty()
                || self.linked.get(package as usize).copied().unwrap_or(false))
        }
    }

    /// Solves the program that links `dirs` (every package: `None`).
    fn solve_program(&mut self, dirs: Option<&Vec<String>>, carriers: bool) -> ValueFlow {
        self.generation += 1;
        self.linked = match dirs {
            None => Vec::new(),
            Some(dirs) => {
                let mut linked = vec![false; self.package_ids.len()];
                for d in dirs {
                    if let Some(&id) = self.package_ids.get(d.as_str()) {
                        linked[id as usize] = true;
                    }
                }
                linked
            }
        };
        self.relevant = match dirs {
            None => (0..self.calls.len()).collect(),
            Some(dirs) => {
                let mut r: Vec<usize> = dirs
                    .iter()
                    .filter_map(|d| self.package_ids.get(d.as_str()))
                    .flat_map(|&p| self.calls_by_package[p as usize].iter().copied())
                    .collect();
                r.sort_unstable();
                r
            }
        };
        for &i in &self.relevant {
            self.calls[i].connected.clear();
        }
        self.fresh.clear();
        self.solved_edges.clear();
        for from in std::mem::take(&mut self.solved_from) {
            self.edges[from as usize].retain(|e| e.2 == STRUCTURAL || e.2 & SOLVED == 0);
        }
        self.solve(carriers)
    }

    fn node(&mut self, p: Place) -> u32 {
        if let Some(&n) = self.places.get(&p) {
            return n;
        }
        let n = self.edges.len() as u32;
        self.edges.push(Vec::new());
        self.inert.push(holds_nothing(&p));
        self.places.insert(p, n);
        n
    }

    fn temp(&mut self) -> u32 {
        self.temps += 1;
        self.node(Place::Temp(self.temps))
    }

    /// The functions taken as values anywhere in the tree.
    fn taken(&self) -> HashSet<FunctionRef> {
        self.tokens
            .iter()
            .filter_map(|t| match t {
                Token::Func(f) | Token::MethodExpr(f) => Some(*f),
                _ => None,
            })
            .collect()
    }

    fn token(&mut self, t: Token<'a>) -> u32 {
        if let Some(&i) = self.token_ids.get(&t) {
            return i;
        }
        let i = self.tokens.len() as u32;
        self.tokens.push(t.clone());
        self.token_ids.insert(t, i);
        i
    }

    /// The tag of what the code being read (or the solve) adds now.
    fn tag(&self) -> u32 {
        if self.generation == 0 {
            self.owner
        } else {
            SOLVED | self.generation
        }
    }

    fn edge(&mut self, from: u32, to: u32, t: Transform) {
        if from != to || t != Transform::Copy {
            let tag = self.tag();
            // A solve adds the same edge each time it resolves a call again.
            if self.generation > 0 && !self.solved_edges.insert((from, to, tag)) {
                return;
            }
            if self.generation > 0 {
                self.solved_from.push(from);
            }
            self.edges[from as usize].push((to, t.clone(), tag));
            if self.generation > 0 {
                self.fresh.push((from, to, t));
            }
        }
    }

    /// An edge every program has.
    fn structural_edge(&mut self, from: u32, to: u32) {
        if from != to {
            self.edges[from as usize].push((to, Transform::Copy, STRUCTURAL));
            if self.generation > 0 {
                self.fresh.push((from, to, Transform::Copy));
            }
        }
    }

    /// A token put into a place by the code being read (or the solve).
    fn seed(&mut self, node: u32, tok: u32) {
        let tag = self.tag();
        self.seeds.push((node, tok, tag));
    }

    fn flow(&mut self, sources: &[Source], to: u32) {
        for s in sources {
            match *s {
                Source::Node(n) => self.edge(n, to, Transform::Copy),
                Source::Token(t) => self.seed(to, t),
            }
        }
    }

    /// The sources gathered into one node.
    fn gather(&mut self, sources: &[Source]) -> u32 {
        if let [Source::Node(n)] = sources {
            return *n;
        }
        let t = self.temp();
        self.flow(sources, t);
        t
    }

    fn untracked(&mut self, why: Untracked) -> Source {
        // The reasons are for the reader. Past a few dozen, further ones share one token, so
        // that what each place holds stays small (an unknown value is unknown whatever the
        // reason); the limit's own token keeps its meaning.
        let token = Token::Untracked(why);
        if !self.token_ids.contains_key(&token) && token != Token::Untracked(Untracked::Limit) {
            if self.untracked_reasons >= MAX_UNTRACKED_REASONS {
                return Source::Token(self.token(Token::Untracked(Untracked::Operation(
                    "code rootlint does not model".into(),
                ))));
            }
            self.untracked_reasons += 1;
        }
        Source::Token(self.token(token))
    }

    fn scope(&self, f: FunctionRef, at: u32) -> Scope<'a> {
        let ws = self.types.workspace();
        Scope {
            ws,
            catalog: self.types.catalog(),
            types: self.types,
            file: f.file,
            function: Some(&ws.go(f.file).functions[f.function]),
            at,
            args: None,
        }
    }

    fn facts(&self, f: FunctionRef) -> &'a GoFunction {
        &self.types.workspace().go(f.file).functions[f.function]
    }

    // ---- places of names -----------------------------------------------------------------

    /// The place a plain name stands for, or the value it is (a function).
    fn name(&mut self, f: FunctionRef, scope: &Scope<'a>, name: &'a str) -> Vec<Source> {
        let declared_here = scope.binding(name).is_some() || scope.param_type(name).is_some();
        if declared_here {
            return vec![Source::Node(self.local(f, name))];
        }
        let dir = scope.package_dir();
        // A plain assignment to a package variable is a binding that declares nothing.
        if !scope.bindings_before(name).is_empty() && !self.types.is_package_value(dir, name) {
            return vec![Source::Node(self.local(f, name))];
        }
        if self.types.is_package_value(dir, name) {
            return vec![Source::Node(
                self.node(Place::Global(Arc::from(dir), Arc::from(name))),
            )];
        }
        let funcs = self.types.package_funcs(dir, name);
        if !funcs.is_empty() {
            return funcs
                .iter()
                .map(|&t| Source::Token(self.token(Token::Func(t))))
                .collect();
        }
        // Dot imports, builtins, types, `nil`: nothing that flows, or a value of a type.
        match self.types.type_of(scope, &Expr::Ident(name.to_string())) {
            Ty::Func { targets, .. } if !targets.is_empty() => targets
                .into_iter()
                .map(|t| Source::Token(self.token(Token::Func(t))))
                .collect(),
            Ty::Unknown(r) => vec![self.untracked(Untracked::UnknownType(r))],
            _ => Vec::new(),
        }
    }

    fn local(&mut self, f: FunctionRef, name: &str) -> u32 {
        self.node(Place::Local(f.file, f.function, Arc::from(name)))
    }

    /// The type a field of `base` is declared on: an in-tree named type, or a struct type the
    /// source writes where rootlint's types do not name it (anonymous, local to a function).
    fn field_owner(
        &self,
        f: FunctionRef,
        scope: &Scope<'a>,
        base: &'a Expr,
        name: &str,
    ) -> Option<Arc<str>> {
        if let Some(k) = self.types.type_of(scope, base).key() {
            return self
                .declares_field(k, name)
                .then(|| Arc::from(self.types.type_name(k)));
        }
        self.written_struct(f, scope, base, 0).map(Arc::from)
    }

    /// The struct type an expression is written with, by the source: a composite literal's, or
    /// the declared type or value of the local it names.
    fn written_struct(
        &self,
        f: FunctionRef,
        scope: &Scope<'a>,
        e: &'a Expr,
        depth: u32,
    ) -> Option<String> {
        if depth > 8 {
            return None;
        }
        match e {
            Expr::Composite { ty: Some(t), .. } => self.struct_key(f, scope, t),
            Expr::AddressOf(inner) | Expr::Deref(inner) => {
                self.written_struct(f, scope, inner, depth + 1)
            }
            Expr::Ident(name) => {
                let b = scope.binding(name)?;
                if let Some(t) = &b.ty {
                    return self.struct_key(f, scope, t);
                }
                match &b.value {
                    BindingValue::Expr(v) => {
                        let inner = Scope {
                            at: b.span.start_byte,
                            ..*scope
                        };
                        self.written_struct(f, &inner, v, depth + 1)
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// A key for a struct type rootlint's types do not name: the text of an anonymous struct
    /// (identical anonymous struct types are one type in Go), or a type local to a function.
    fn struct_key(&self, f: FunctionRef, scope: &Scope<'a>, t: &'a TypeExpr) -> Option<String> {
        match t {
            TypeExpr::Struct(fields) => Some(inline_struct_key(self.types, scope.file, fields)),
            TypeExpr::Pointer(inner) => self.struct_key(f, scope, inner),
            TypeExpr::Named {
                qualifier: None,
                name,
                ..
            } if scope
                .function
                .is_some_and(|func| func.local_types.iter().any(|t| &t.name == name))
                || matches!(
                    self.types.resolve(scope.file, scope.function, &[], t, 0),
                    Ty::Unknown(_)
                ) =>
            {
                Some(format!("local {}:{}:{name}", f.file, f.function))
            }
            _ => None,
        }
    }

    /// The field place a store to `base.name` writes.
    fn field_store(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        base: &'a Expr,
        name: &'a str,
    ) -> u32 {
        let owner = self.field_owner(f, scope, base, name);
        self.field_node(owner, name)
    }

    /// The place a load of `base.name` reads: the field of its type, or every field of that
    /// name when rootlint cannot tell the type.
    fn field_load(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        base: &'a Expr,
        name: &'a str,
    ) -> u32 {
        let n = match self.field_owner(f, scope, base, name) {
            Some(owner) => self.field_node(Some(owner), name),
            None => {
                let n = self.field_node(None, name);
                let _ = n;
                self.node(Place::FieldAll(Arc::from(name)))
            }
        };
        // A field of a generic type holds every instantiation's values; this load reads its
        // own instantiation's.
        let base_ty = self.types.type_of(scope, base);
        let generic = base_ty
            .key()
            .and_then(|k| self.types.decl(k))
            .is_some_and(|(_, d)| !d.type_params.is_empty());
        if generic
            && let Member::Field(ty) = self.types.lookup(&base_ty, name, 0)
            && let Some(instance) = self.instance(&ty)
        {
            let t = self.temp();
            self.edge(n, t, Transform::Only(instance));
            return t;
        }
        n
    }

    fn field_node(&mut self, owner: Option<Arc<str>>, name: &str) -> u32 {
        let name: Arc<str> = Arc::from(name);
        let n = self.node(Place::Field(owner.clone(), name.clone()));
        let all = self.node(Place::FieldAll(name.clone()));
        match owner {
            Some(_) => {
                // Loads of a known type read stores through an unknown one; loads of an unknown
                // type read every store.
                self.structural_edge(n, all);
                let unknown = self.node(Place::Field(None, name.clone()));
                self.structural_edge(unknown, n);
            }
            None => {
                if self.field_all_linked.insert(name) {
                    self.structural_edge(n, all);
                }
            }
        }
        n
    }

    fn declares_field(&self, key: TypeKey<'a>, name: &str) -> bool {
        match self.types.decl(key) {
            Some((_, decl)) => match &decl.ty {
                TypeExpr::Struct(fields) => fields.iter().any(|f| match &f.name {
                    Some(n) => n == name,
                    None => embedded_name(&f.ty) == Some(name),
                }),
                _ => false,
            },
            None => false,
        }
    }

    /// The element place of a container expression.
    fn elem_place(&mut self, scope: &Scope<'a>, container: &'a Expr) -> u32 {
        let key = self.elem_key(scope, container);
        self.elem_node(key)
    }

    /// The key of a container's elements: a confined channel's own (its declaration), else
    /// its type's.
    fn elem_key(&self, scope: &Scope<'a>, container: &'a Expr) -> Option<Arc<str>> {
        let by_type: Option<Arc<str>> =
            ty_key(self.types, &self.types.type_of(scope, container)).map(Arc::from);
        if by_type
            .as_ref()
            .is_some_and(|k| holds_nothing(&Place::Elem(Some(k.clone()))))
        {
            return by_type;
        }
        if let Expr::Ident(name) = container
            && let Some(func) = scope.function
            && func.confined_channels.binary_search(name).is_ok()
            // The body declares the name once: the binding in scope is that declaration.
            && let Some(b) = scope.binding(name)
        {
            return Some(Arc::from(format!(
                "chan@{}:{}:{name}",
                scope.file, b.span.start_byte
            )));
        }
        by_type
    }

    fn elem_node(&mut self, key: Option<Arc<str>>) -> u32 {
        let n = self.node(Place::Elem(key.clone()));
        let all = self.node(Place::ElemAll);
        if key.is_some() {
            self.structural_edge(n, all);
            let unknown = self.node(Place::Elem(None));
            self.structural_edge(unknown, n);
            n
        } else {
            self.structural_edge(n, all);
            n
        }
    }

    /// What a load of elements of `container` reads.
    fn elem_load(&mut self, f: FunctionRef, scope: &Scope<'a>, container: &'a Expr) -> Vec<Source> {
        let key = self.elem_key(scope, container);
        let mut out = match key {
            Some(k) => vec![Source::Node(self.elem_node(Some(k)))],
            None => vec![Source::Node(self.node(Place::ElemAll))],
        };
        // A container that flows as a whole (a variadic parameter, a spread) holds its elements.
        out.extend(self.expr(f, scope, container));
        out
    }

    // ---- expressions -----------------------------------------------------------------------

    /// Where the value of an expression comes from.
    fn expr(&mut self, f: FunctionRef, scope: &Scope<'a>, e: &'a Expr) -> Vec<Source> {
        let out = self.expr_sources(f, scope, e);
        for s in &out {
            if let Source::Token(t) = s {
                let key = expr_address(e);
                if matches!(self.tokens[*t as usize], Token::Untracked(_)) {
                    self.reported.insert(key);
                } else {
                    self.followed.insert(key);
                }
            }
        }
        out
    }

    fn expr_sources(&mut self, f: FunctionRef, scope: &Scope<'a>, e: &'a Expr) -> Vec<Source> {
        match e {
            Expr::Str(_) | Expr::Int(_) | Expr::Binary(..) | Expr::Type(_) => Vec::new(),
            Expr::Ident(name) => self.name(f, scope, name),
            Expr::Selector(base, name) => self.selector(f, scope, base, name),
            Expr::Call(c) => self.call_value(f, scope, e, c),
            Expr::Composite { ty, elements } => self.composite(f, scope, ty.as_deref(), elements),
            Expr::AddressOf(inner) => {
                let out = self.expr(f, scope, inner);
                // `&x` aliases `x`: what is stored through the pointer reaches `x`.
                if let Expr::Ident(name) = &**inner
                    && (scope.binding(name).is_some() || scope.param_type(name).is_some())
                {
                    let x = self.local(f, name);
                    let alias = self.temp();
                    self.edge(alias, x, Transform::Copy);
                    let mut out = out;
                    out.push(Source::Node(alias));
                    return out;
                }
                out
            }
            // A slice of a slice shares its elements.
            Expr::Deref(inner) | Expr::TypeAssert(inner, _) | Expr::SliceOf(inner) => {
                self.expr(f, scope, inner)
            }
            Expr::Receive(ch) => self.elem_load(f, scope, ch),
            Expr::Index(base, args) => {
                // `F[T]`: a generic function instantiated.
                if let Ty::Func { targets, .. } = self.types.type_of(scope, e)
                    && !targets.is_empty()
                    && args.iter().all(|a| matches!(a, Expr::Type(_)))
                {
                    return targets
                        .into_iter()
                        .map(|t| Source::Token(self.token(Token::Func(t))))
                        .collect();
                }
                self.elem_load(f, scope, base)
            }
            Expr::FuncLit(k) => {
                let c = f.declared().with_closure(*k);
                vec![Source::Token(self.token(Token::Func(c)))]
            }
            // Literals and operators yield numbers, strings, booleans or nil: nothing that flows.
            Expr::Other(kind) if holds_no_value(kind) => Vec::new(),
            Expr::Other(kind) => vec![self.untracked(Untracked::Expression(kind.clone()))],
        }
    }

    fn selector(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        base: &'a Expr,
        name: &'a str,
    ) -> Vec<Source> {
        let ws = self.types.workspace();
        if let Expr::Ident(alias) = base
            && let Some(path) = scope.imported_package(alias)
        {
            let Some(dir) = ws.dir_by_import.get(path) else {
                return Vec::new();
            };
            let dir = dir.as_str();
            if self.types.is_package_value(dir, name) {
                return vec![Source::Node(
                    self.node(Place::Global(Arc::from(dir), Arc::from(name))),
                )];
            }
            return self
                .types
                .package_funcs(dir, name)
                .iter()
                .map(|&t| Source::Token(self.token(Token::Func(t))))
                .collect();
        }
        let base_ty = self.types.type_of(scope, base);
        if let Ty::TypeName(t) = &base_ty {
            return match self.types.lookup(t, name, 0) {
                Member::Methods {
                    methods,
                    declared_on,
                    promoted,
                } => {
                    self.promoted_method_expr(t, &methods, promoted.then_some(declared_on));
                    methods
                        .into_iter()
                        .map(|m| Source::Token(self.token(Token::MethodExpr(m))))
                        .collect()
                }
                Member::Interface { .. } => {
                    vec![Source::Token(self.token(Token::InterfaceMethodExpr(name)))]
                }
                _ => Vec::new(),
            };
        }
        match self.types.lookup(&base_ty, name, 0) {
            Member::Field(_) => {
                // The base is evaluated for what it stores (`T{F: v}.F`).
                if matches!(base, Expr::Composite { .. } | Expr::AddressOf(_)) {
                    let _ = self.expr(f, scope, base);
                }
                let place = self.field_load(f, scope, base, name);
                vec![Source::Node(place)]
            }
            Member::Methods {
                methods,
                declared_on,
                promoted,
            } => {
                // A method value: the method, with the receiver bound to it (for a promoted
                // method, the embedded field's value).
                let recv = self.receiver(f, scope, base, &base_ty, promoted.then_some(declared_on));
                let mut out = Vec::new();
                for m in methods {
                    let p = self.node(Place::Param(m, RECV));
                    self.flow(&recv, p);
                    out.push(Source::Token(self.token(Token::Func(m))));
                }
                out
            }
            member @ (Member::Interface { .. } | Member::Client { .. } | Member::Unknown(_)) => {
                let mut recv = self.expr(f, scope, base);
                let unknown = if let Member::Unknown(r) = member {
                    recv.push(self.untracked(Untracked::UnknownType(r)));
                    true
                } else {
                    false
                };
                let node = self.gather(&recv);
                let mut out = vec![Source::Token(self.token(Token::Bound(node, name)))];
                if unknown {
                    // A field, for all rootlint knows.
                    out.push(Source::Node(self.field_load(f, scope, base, name)));
                }
                out
            }
            Member::NotFound if base_ty.key().is_some_and(|k| self.is_api_client(k)) => {
                let recv = self.expr(f, scope, base);
                let node = self.gather(&recv);
                vec![Source::Token(self.token(Token::Bound(node, name)))]
            }
            Member::NotFound => {
                // No field or method of that name on an in-tree type: rootlint's view of the
                // type is incomplete.
                match base_ty.key() {
                    Some(k) => vec![self.untracked(Untracked::MethodNotFound(format!(
                        "`{name}`, which rootlint cannot find on `{}`",
                        self.types.type_name(k)
                    )))],
                    // A struct rootlint does not name (anonymous, local to a function): a
                    // field of the type the source writes, or of that name, whatever its type.
                    None => vec![Source::Node(self.field_load(f, scope, base, name))],
                }
            }
            // A field of a type from outside the tree may hold what the tree stored there.
            Member::Outside => vec![Source::Node(self.node(Place::FieldAll(Arc::from(name))))],
            Member::Connector => Vec::new(),
        }
    }

    /// What a method's receiver is: the value, or for a method promoted from an embedded
    /// field, that field's value (through every level of embedding to the declaring type).
    fn receiver(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        base: &'a Expr,
        base_ty: &Ty<'a>,
        promoted_from: Option<TypeKey<'a>>,
    ) -> Vec<Source> {
        let mut out = self.expr(f, scope, base);
        if let (Some(target), Some(start)) = (promoted_from, base_ty.key()) {
            out.extend(
                self.promoted_fields(start, target)
                    .into_iter()
                    .map(Source::Node),
            );
        }
        out
    }

    /// A method expression `T.m` of a method promoted from an embedded field: its first argument
    /// is a `T`, and the method's receiver is what the embedded fields hold.
    fn promoted_method_expr(
        &mut self,
        t: &Ty<'a>,
        methods: &[FunctionRef],
        promoted_from: Option<TypeKey<'a>>,
    ) {
        let (Some(target), Some(start)) = (promoted_from, t.key()) else {
            return;
        };
        let fields = self.promoted_fields(start, target);
        for &m in methods {
            let p = self.node(Place::Param(m, RECV));
            for &n in &fields {
                self.edge(n, p, Transform::Copy);
            }
        }
    }

    /// The embedded fields through which a method declared on `target` is promoted to `start`,
    /// at every level of embedding: what the method's receiver is.
    fn promoted_fields(&mut self, start: TypeKey<'a>, target: TypeKey<'a>) -> Vec<u32> {
        let mut out = Vec::new();
        let mut level = vec![start];
        let mut seen = HashSet::new();
        for _ in 0..MAX_BOUND_DEPTH {
            let mut next = Vec::new();
            for k in level {
                if !seen.insert(k) {
                    continue;
                }
                let owner: Arc<str> = Arc::from(self.types.type_name(k));
                let Some((file, decl)) = self.types.decl(k) else {
                    continue;
                };
                let TypeExpr::Struct(fields) = &decl.ty else {
                    continue;
                };
                for field in fields.iter().filter(|fd| fd.name.is_none()) {
                    let Some(name) = embedded_name(&field.ty) else {
                        continue;
                    };
                    out.push(self.field_node(Some(owner.clone()), name));
                    if let Some(inner) = self.types.resolve(file, None, &[], &field.ty, 0).key()
                        && inner != target
                    {
                        next.push(inner);
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            level = next;
        }
        out
    }

    /// The elements of one container literal: a place of their own, which travels with the
    /// container's value (every load reads the container's sources as well as the elements
    /// stored by index), so two tables of one type stay apart, as allocation sites do in a
    /// points-to analysis. Loads of a container rootlint cannot type still read them.
    /// The elements of a container literal; `elem` is the container's element type, which an
    /// element written without its type (`[]T{{…}}`) has.
    fn literal_elements(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        elements: &'a [(Option<String>, Expr)],
        elem: Option<ElemType<'a>>,
    ) -> u32 {
        let site = self.temp();
        for (_, value) in elements {
            let src = match (value, &elem) {
                (Expr::Composite { ty: None, elements }, Some(ElemType::Written(t))) => {
                    self.composite(f, scope, Some(t), elements)
                }
                (Expr::Composite { ty: None, elements }, Some(ElemType::Resolved(t))) => {
                    self.composite_resolved(f, scope, Some(t.clone()), None, elements)
                }
                _ => self.expr(f, scope, value),
            };
            self.flow(&src, site);
        }
        let all = self.node(Place::ElemAll);
        self.edge(site, all, Transform::Copy);
        site
    }

    fn composite(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        ty: Option<&'a TypeExpr>,
        elements: &'a [(Option<String>, Expr)],
    ) -> Vec<Source> {
        let resolved = ty.map(|t| self.types.resolve(scope.file, scope.function, &[], t, 0));
        self.composite_resolved(f, scope, resolved, ty, elements)
    }

    /// A composite literal of a resolved type (or its container's element type, when written
    /// without one), with the type as the source writes it when it does.
    fn composite_resolved(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        resolved: Option<Ty<'a>>,
        ty: Option<&'a TypeExpr>,
        elements: &'a [(Option<String>, Expr)],
    ) -> Vec<Source> {
        let mut out = Vec::new();
        // The element type of a container type, for its elements written without a type: as
        // the source writes it when it does (a type local to the function keys its fields by
        // its declaration), else resolved.
        let written = match ty.map(|t| match t {
            TypeExpr::Pointer(inner) => &**inner,
            other => other,
        }) {
            Some(TypeExpr::Slice(e) | TypeExpr::Array(e) | TypeExpr::Map(_, e)) => Some(&**e),
            _ => None,
        };
        let elem_of = |t: Ty<'a>| match written {
            Some(e) => Some(ElemType::Written(e)),
            None => match self.types.underlying_container(t, 0) {
                Ty::Slice(e) | Ty::Array(e) | Ty::Map(e, _) | Ty::Chan(e) => {
                    Some(ElemType::Resolved(*e))
                }
                _ => None,
            },
        };
        match resolved.as_ref().map(Ty::pointee) {
            Some(Ty::InlineStruct(file, fields)) => {
                // An anonymous struct, or a type local to a function: fields keyed as their
                // loads key them (by the type the source writes, when it writes one), and
                // positional elements by position.
                let owner: Option<Arc<str>> = match ty {
                    Some(t) => self.struct_key(f, scope, t).map(Arc::from),
                    None => Some(Arc::from(inline_struct_key(self.types, *file, fields))),
                };
                for (i, (key, value)) in elements.iter().enumerate() {
                    let field = key.clone().or_else(|| {
                        fields.get(i).and_then(|fd| {
                            fd.name
                                .clone()
                                .or_else(|| embedded_name(&fd.ty).map(str::to_string))
                        })
                    });
                    let src = self.expr(f, scope, value);
                    let place = match field {
                        Some(name) => self.field_node(owner.clone(), &name),
                        None => self.elem_node(None),
                    };
                    self.flow(&src, place);
                }
            }
            Some(Ty::Named(k, _)) if self.is_struct(*k) => {
                let owner: Arc<str> = Arc::from(self.types.type_name(*k));
                out.push(Source::Token(
                    self.token(Token::Type(Arc::from(k.dir), Arc::from(k.name))),
                ));
                let fields = self.struct_fields(*k);
                for (i, (key, value)) in elements.iter().enumerate() {
                    let field = key.clone().or_else(|| fields.get(i).cloned());
                    let src = self.expr(f, scope, value);
                    let place = match field {
                        Some(name) => self.field_node(Some(owner.clone()), &name),
                        None => self.elem_node(None),
                    };
                    self.flow(&src, place);
                }
            }
            Some(Ty::Named(k, _)) => {
                // A named slice, map or other non-struct type.
                out.push(Source::Token(
                    self.token(Token::Type(Arc::from(k.dir), Arc::from(k.name))),
                ));
                let elem = elem_of(Ty::Named(*k, Vec::new()));
                out.push(Source::Node(
                    self.literal_elements(f, scope, elements, elem),
                ));
            }
            Some(t @ (Ty::Slice(_) | Ty::Array(_) | Ty::Map(..) | Ty::Chan(_))) => {
                let elem = elem_of(t.clone());
                out.push(Source::Node(
                    self.literal_elements(f, scope, elements, elem),
                ));
            }
            _ => {
                // A struct of a type rootlint cannot name (anonymous, local, elided): fields by
                // the type the source writes, else by name only; other elements as elements
                // of an unknown container.
                let owner = ty.and_then(|t| self.struct_key(f, scope, t)).map(Arc::from);
                for (key, value) in elements {
                    let src = self.expr(f, scope, value);
                    let place = match key {
                        Some(name) => self.field_node(owner.clone(), name),
                        None => self.elem_node(None),
                    };
                    self.flow(&src, place);
                    if key.is_none() {
                        out.push(Source::Node(place));
                    }
                }
            }
        }
        out
    }

    /// Whether an in-tree type is an api package's typed client.
    fn is_api_client(&self, k: TypeKey<'a>) -> bool {
        matches!(k.name, "Client" | "MulticastClient")
            && self
                .types
                .workspace()
                .packages
                .get(k.dir)
                .and_then(|p| p.import_path.as_deref())
                .is_some_and(|path| self.types.catalog().api_packages.contains_key(path))
    }

    fn is_struct(&self, k: TypeKey<'a>) -> bool {
        matches!(self.types.decl(k), Some((_, d)) if matches!(d.ty, TypeExpr::Struct(_)))
    }

    fn struct_fields(&self, k: TypeKey<'a>) -> Vec<String> {
        match self.types.decl(k) {
            Some((_, d)) => match &d.ty {
                TypeExpr::Struct(fields) => fields
                    .iter()
                    .filter_map(|f| {
                        f.name
                            .clone()
                            .or_else(|| embedded_name(&f.ty).map(str::to_string))
                    })
                    .collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        }
    }

    /// The value of a call expression: its results, or a client it builds.
    fn call_value(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        e: &'a Expr,
        c: &'a CallExpr,
    ) -> Vec<Source> {
        if let Some(src) = self.client_source(f, scope, e, c) {
            self.followed.insert(expr_address(e));
            return src;
        }
        let key = call_key(f.file, c.span);
        vec![Source::Node(self.node(Place::CallResult(key, 0)))]
    }

    /// A typed client built by the call (`api.NewClient(svc)`, `.ForHost(h)`, `.WithOptions(…)`).
    fn client_source(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        e: &'a Expr,
        c: &'a CallExpr,
    ) -> Option<Vec<Source>> {
        if !matches!(self.types.type_of(scope, e).pointee(), Ty::Client { .. }) {
            return None;
        }
        let value = scope.eval(e);
        let Value::Client(client) = value else {
            return None;
        };
        if client.from_parameter.is_none() && client.via.is_none() {
            let t = self.token(Token::Client(ClientToken {
                api_package: Arc::from(client.api_package.as_str()),
                multicast: client.multicast,
                host: client.host,
                options: client.options.into(),
            }));
            return Some(vec![Source::Token(t)]);
        }
        // `x.ForHost(h)` / `x.WithOptions(…)` on a client that flows: the clients of `x`, with
        // the host `h` gives.
        if let Expr::Selector(base, m) = &c.callee
            && matches!(m.as_str(), "ForHost" | "WithOptions")
            && matches!(self.types.type_of(scope, base).pointee(), Ty::Client { .. })
        {
            let inner = self.expr(f, scope, base);
            let from = self.gather(&inner);
            let to = self.temp();
            let transform = if m == "ForHost" {
                Transform::SetHost(client.host)
            } else {
                Transform::AddOptions(scope.options(&c.args, c.spread).into())
            };
            self.edge(from, to, transform);
            return Some(vec![Source::Node(to)]);
        }
        None
    }

    // ---- statements ----------------------------------------------------------------------------

    fn package_values(&mut self, file: usize) {
        let ws = self.types.workspace();
        let facts = ws.go(file);
        let dir = ws.files[file].file.dir();
        let init = ws
            .functions(file)
            .find(|f| facts.functions[f.function].synthetic);
        for v in &facts.values {
            let (false, Some(value)) = (v.is_const, &v.value) else {
                continue;
            };
            let scope = Scope {
                ws,
                catalog: self.types.catalog(),
                types: self.types,
                file,
                function: init.map(|f| &facts.functions[f.function]),
                at: v.span.start_byte,
                args: None,
            };
            let owner = init.unwrap_or(FunctionRef {
                file,
                offset: 0,
                function: usize::MAX,
                closure: 0,
            });
            if owner.function == usize::MAX && value.any(&mut |e| matches!(e, Expr::FuncLit(_))) {
                continue;
            }
            let src = self.expr_in(owner, &scope, value);
            let g = self.node(Place::Global(Arc::from(dir), Arc::from(v.name.as_str())));
            self.flow(&src, g);
        }
    }

    /// `expr` for a package-level initializer, which may have no function of its own.
    fn expr_in(&mut self, f: FunctionRef, scope: &Scope<'a>, e: &'a Expr) -> Vec<Source> {
        if f.function == usize::MAX {
            // No calls and no closures: only names, selectors and literals.
            return match e {
                Expr::Call(_) | Expr::FuncLit(_) => Vec::new(),
                _ => self.expr_no_function(scope, e),
            };
        }
        self.expr(f, scope, e)
    }

    fn expr_no_function(&mut self, scope: &Scope<'a>, e: &'a Expr) -> Vec<Source> {
        let dir = scope.package_dir();
        match e {
            Expr::Ident(name) if self.types.is_package_value(dir, name) => vec![Source::Node(
                self.node(Place::Global(Arc::from(dir), Arc::from(name.as_str()))),
            )],
            Expr::Ident(name) => self
                .types
                .package_funcs(dir, name)
                .iter()
                .map(|&t| Source::Token(self.token(Token::Func(t))))
                .collect(),
            _ => Vec::new(),
        }
    }

    fn function(&mut self, f: FunctionRef) {
        let func = self.facts(f);
        // Parameters and results of the function and of each closure are locals of the body.
        let mut signatures = vec![(0u32, &func.params, &func.results)];
        for (i, c) in func.closures.iter().enumerate() {
            signatures.push((i as u32 + 1, &c.params, &c.results));
        }
        for (k, params, results) in signatures {
            let fr = f.with_closure(k);
            for (i, p) in params.iter().enumerate() {
                if !p.name.is_empty() && p.name != "_" {
                    let from = self.node(Place::Param(fr, i as u32));
                    let to = self.local(f, &p.name);
                    self.edge(from, to, Transform::Copy);
                }
            }
            for (i, r) in results.iter().enumerate() {
                if !r.name.is_empty() && r.name != "_" {
                    let from = self.local(f, &r.name);
                    let to = self.node(Place::Result(fr, i as u32));
                    self.edge(from, to, Transform::Copy);
                }
            }
        }
        if let Some(recv) = &func.receiver_name {
            let from = self.node(Place::Param(f, RECV));
            let to = self.local(f, recv);
            self.edge(from, to, Transform::Copy);
        }
        for b in &func.bindings {
            let scope = self.scope(f, b.span.start_byte);
            let src = self.binding_value(f, &scope, &b.value);
            let target = if !b.declares {
                self.name(f, &scope, &b.name)
            } else {
                vec![Source::Node(self.local(f, &b.name))]
            };
            for t in target {
                if let Source::Node(n) = t {
                    self.flow(&src, n);
                }
            }
        }
        for st in &func.stores {
            let scope = self.scope(f, st.span.start_byte);
            let src = self.binding_value(f, &scope, &st.value);
            let place = match (&st.kind, &st.target) {
                (StoreKind::Send, ch) => Some(self.elem_place(&scope, ch)),
                (StoreKind::Assign, target) => self.store_place(f, &scope, target),
            };
            match place {
                Some(p) => self.flow(&src, p),
                None => {
                    // Stored where rootlint cannot follow: a receiver of what it holds is
                    // reported wherever it is loaded from.
                    let p = self.node(Place::FieldAll(Arc::from("?")));
                    self.flow(&src, p);
                }
            }
        }
        for r in &func.returns {
            let scope = self.scope(f, r.span.start_byte);
            let fr = f.with_closure(r.closure);
            let arity = if r.closure == 0 {
                func.results.len()
            } else {
                func.closures[r.closure as usize - 1].results.len()
            };
            if let ([Expr::Call(c)], true) = (r.values.as_slice(), arity > 1) {
                let key = call_key(f.file, c.span);
                for i in 0..arity as u32 {
                    let from = self.node(Place::CallResult(key, i));
                    let to = self.node(Place::Result(fr, i));
                    self.edge(from, to, Transform::Copy);
                }
                continue;
            }
            for (i, v) in r.values.iter().enumerate() {
                let src = self.expr(f, &scope, v);
                let to = self.node(Place::Result(fr, i as u32));
                self.flow(&src, to);
            }
        }
        for c in &func.calls {
            self.call(f, c);
        }
    }

    fn binding_value(
        &mut self,
        f: FunctionRef,
        scope: &Scope<'a>,
        v: &'a BindingValue,
    ) -> Vec<Source> {
        match v {
            BindingValue::Expr(e) => self.expr(f, scope, e),
            BindingValue::Tuple { call, index } => match call {
                Expr::Call(c) => {
                    let key = call_key(f.file, c.span);
                    vec![Source::Node(
                        self.node(Place::CallResult(key, *index as u32)),
                    )]
                }
                Expr::TypeAssert(..) | Expr::Index(..) if *index == 0 => self.expr(f, scope, call),
                // The receive of `v, ok := <-ch` and friends.
                _ if *index == 0 => self.expr(f, scope, call),
                _ => Vec::new(),
            },
            BindingValue::Range { over, index } => match (self.types.type_of(scope, over), index) {
                // A channel's one range variable is its element.
                (Ty::Chan(_), _) | (_, 1) => self.elem_load(f, scope, over),
                // A map's keys of a non-basic type, an iterator's values. A range over what
                // rootlint cannot type is taken as one over a slice (its index): keys of an
                // untyped map are a limit of the README.
                (Ty::Map(_, key), _) if !matches!(*key, Ty::Basic) => {
                    let _ = self.expr(f, scope, over);
                    vec![self.untracked(Untracked::Operation(
                        "ranging over the keys of a map (rootlint does not follow keys)".into(),
                    ))]
                }
                (Ty::Func { .. }, _) => {
                    let _ = self.expr(f, scope, over);
                    vec![self.untracked(Untracked::Operation("ranging over an iterator".into()))]
                }
                _ => Vec::new(),
            },
            BindingValue::Declared => Vec::new(),
            // `x += y` and the like: numbers and strings only.
            BindingValue::Opaque(what) if what.starts_with(COMPOUND_ASSIGNMENT) => Vec::new(),
            BindingValue::Opaque(what) => vec![self.untracked(Untracked::Operation(what.clone()))],
        }
    }

    fn store_place(&mut self, f: FunctionRef, scope: &Scope<'a>, target: &'a Expr) -> Option<u32> {
        match target {
            Expr::Selector(base, name) => {
                if let Expr::Ident(alias) = &**base
                    && let Some(path) = scope.imported_package(alias)
                {
                    let dir = self.types.workspace().dir_by_import.get(path)?;
                    return Some(self.node(Place::Global(
                        Arc::from(dir.as_str()),
                        Arc::from(name.as_str()),
                    )));
                }
                Some(self.field_store(f, scope, base, name))
            }
            Expr::Index(base, _) => Some(self.elem_place(scope, base)),
            Expr::Deref(inner) => {
                let src = self.expr(f, scope, inner);
                let n = self.temp();
                // Stores through a pointer reach what the pointer was taken from.
                for s in src {
                    if let Source::Node(p) = s {
                        self.edge(n, p, Transform::Copy);
                    }
                }
                Some(n)
            }
            Expr::Ident(name) => match self.name(f, scope, name).first() {
                Some(Source::Node(n)) => Some(*n),
                _ => None,
            },
            _ => None,
        }
    }

    fn call(&mut self, f: FunctionRef, c: &'a CallExpr) {
        let caller = f.with_closure(c.closure);
        let scope = self.scope(f, c.span.start_byte);
        let key = call_key(f.file, c.span);
        let kind = self.call_kind(f, &scope, c);
        let args: Vec<u32> = c
            .args
            .iter()
            .map(|a| {
                let src = self.expr(f, &scope, a);
                self.gather(&src)
            })
            .collect();
        let result = self.node(Place::CallResult(key, 0));
        match &kind {
            CallKind::PassThrough => {
                for &a in &args {
                    self.edge(a, result, Transform::Copy);
                }
                return;
            }
            CallKind::CopyElements => {
                if let (Some(dst), Some(&src)) = (c.args.first(), args.get(1)) {
                    let place = self.elem_place(&scope, dst);
                    self.edge(src, place, Transform::Copy);
                }
                return;
            }
            CallKind::Nothing => return,
            _ => {}
        }
        let _ = caller;
        let instances = match &kind {
            CallKind::Static(targets, _) if targets.iter().any(|t| self.is_generic(*t)) => self
                .types
                .call_results(&scope, c)
                .iter()
                .map(|t| self.instance(t))
                .collect(),
            _ => Vec::new(),
        };
        self.calls.push(PendingCall {
            key,
            owner: self.owner,
            kind,
            args,
            instances,
            connected: HashSet::new(),
        });
    }

    fn call_kind(&mut self, f: FunctionRef, scope: &Scope<'a>, c: &'a CallExpr) -> CallKind<'a> {
        let kind = self.callee_kind(f, scope, c);
        // A callee the call follows: its targets (static, a method expression) or a dispatch
        // on what flows into the receiver.
        if matches!(
            kind,
            CallKind::Static(..) | CallKind::MethodExpr(_) | CallKind::Dispatch(..)
        ) {
            self.followed.insert(expr_address(&c.callee));
        }
        kind
    }

    fn callee_kind(&mut self, f: FunctionRef, scope: &Scope<'a>, c: &'a CallExpr) -> CallKind<'a> {
        let ws = self.types.workspace();
        match &c.callee {
            Expr::FuncLit(k) => CallKind::Static(vec![f.declared().with_closure(*k)], None),
            Expr::Ident(name) => {
                let local = scope.binding(name).is_some() || scope.param_type(name).is_some();
                if !local {
                    match name.as_str() {
                        "append" | "min" | "max" => return CallKind::PassThrough,
                        "new" => return CallKind::Nothing,
                        "copy" => return CallKind::CopyElements,
                        _ => {}
                    }
                    let funcs = self.types.package_funcs(scope.package_dir(), name);
                    if !funcs.is_empty() {
                        return CallKind::Static(funcs.to_vec(), None);
                    }
                    match self.types.type_of(scope, &c.callee) {
                        Ty::TypeName(_) => return CallKind::PassThrough,
                        Ty::Func { targets, .. } if !targets.is_empty() => {
                            return CallKind::Static(targets, None);
                        }
                        Ty::Basic => return CallKind::Nothing,
                        _ => {}
                    }
                }
                let src = self.name(f, scope, name);
                CallKind::Dynamic(self.gather(&src))
            }
            Expr::Selector(base, name) => {
                if let Expr::Ident(alias) = &**base
                    && let Some(path) = scope.imported_package(alias)
                {
                    let Some(dir) = ws.dir_by_import.get(path) else {
                        return CallKind::Outside;
                    };
                    let funcs = self.types.package_funcs(dir.as_str(), name);
                    if !funcs.is_empty() {
                        return CallKind::Static(funcs.to_vec(), None);
                    }
                    if self.types.is_package_value(dir.as_str(), name) {
                        let n = self.node(Place::Global(
                            Arc::from(dir.as_str()),
                            Arc::from(name.as_str()),
                        ));
                        return CallKind::Dynamic(n);
                    }
                    return CallKind::PassThrough;
                }
                let base_ty = self.types.type_of(scope, base);
                if let Ty::TypeName(t) = &base_ty {
                    return match self.types.lookup(t, name, 0) {
                        Member::Methods {
                            methods,
                            declared_on,
                            promoted,
                        } => {
                            self.promoted_method_expr(t, &methods, promoted.then_some(declared_on));
                            CallKind::MethodExpr(methods)
                        }
                        // `I.m(recv, …)`, or `T.m` promoted from an embedded client or
                        // interface: dispatch on the first argument.
                        Member::Interface { .. } | Member::Client { .. } => match c.args.first() {
                            Some(recv) => {
                                let src = self.expr(f, scope, recv);
                                CallKind::Dispatch(self.gather(&src), name.as_str())
                            }
                            None => CallKind::Nothing,
                        },
                        _ => CallKind::Outside,
                    };
                }
                match self.types.lookup(&base_ty, name, 0) {
                    Member::Methods {
                        methods,
                        declared_on,
                        promoted,
                    } => {
                        let src = self.receiver(
                            f,
                            scope,
                            base,
                            &base_ty,
                            promoted.then_some(declared_on),
                        );
                        CallKind::Static(methods, Some(self.gather(&src)))
                    }
                    Member::Field(_) => {
                        let place = self.field_load(f, scope, base, name);
                        CallKind::Dynamic(place)
                    }
                    // The client's own plumbing: `client_source` follows it.
                    Member::Client { .. } if matches!(name.as_str(), "ForHost" | "WithOptions") => {
                        CallKind::Nothing
                    }
                    Member::Interface { .. } | Member::Client { .. } => {
                        let src = self.expr(f, scope, base);
                        CallKind::Dispatch(self.gather(&src), name.as_str())
                    }
                    Member::Unknown(r) => {
                        // A field of a struct the source writes, or a method or a
                        // function-valued field of a receiver rootlint cannot type.
                        if self.written_struct(f, scope, base, 0).is_some() {
                            return CallKind::Dynamic(self.field_load(f, scope, base, name));
                        }
                        let mut src = self.expr(f, scope, base);
                        src.push(self.untracked(Untracked::UnknownType(r)));
                        src.push(Source::Node(self.field_load(f, scope, base, name)));
                        CallKind::Dispatch(self.gather(&src), name.as_str())
                    }
                    // An in-tree api package's own client, whose generated methods are not
                    // parsed: a typed client call.
                    Member::NotFound if base_ty.key().is_some_and(|k| self.is_api_client(k)) => {
                        let src = self.expr(f, scope, base);
                        CallKind::Dispatch(self.gather(&src), name.as_str())
                    }
                    Member::NotFound => match base_ty.key() {
                        Some(k) => {
                            // The base is evaluated for what it stores (`T{F: v}.M()`): a
                            // method not parsed yet is found through the names it carries.
                            let _ = self.expr(f, scope, base);
                            let why = Untracked::MethodNotFound(format!(
                                "`{name}`, which rootlint cannot find on `{}`",
                                self.types.type_name(k)
                            ));
                            let src = vec![self.untracked(why)];
                            CallKind::Dispatch(self.gather(&src), name.as_str())
                        }
                        // A function-valued field of a struct rootlint does not name.
                        None => CallKind::Dynamic(self.field_load(f, scope, base, name)),
                    },
                    Member::Connector | Member::Outside => CallKind::Outside,
                }
            }
            Expr::Type(_) => CallKind::PassThrough,
            Expr::Index(..) | Expr::Call(_) | Expr::Deref(_) | Expr::TypeAssert(..) => {
                let src = self.expr(f, scope, &c.callee);
                // `F[T](…)` is static; anything else calls a value.
                let funcs: Vec<FunctionRef> = src
                    .iter()
                    .filter_map(|s| match s {
                        Source::Token(t) => match &self.tokens[*t as usize] {
                            Token::Func(x) => Some(*x),
                            _ => None,
                        },
                        Source::Node(_) => None,
                    })
                    .collect();
                if !funcs.is_empty() && src.iter().all(|s| matches!(s, Source::Token(_))) {
                    return CallKind::Static(funcs, None);
                }
                CallKind::Dynamic(self.gather(&src))
            }
            Expr::Other(kind) => {
                let src = vec![self.untracked(Untracked::Expression(kind.clone()))];
                CallKind::Dynamic(self.gather(&src))
            }
            _ => CallKind::Nothing,
        }
    }

    // ---- solving -------------------------------------------------------------------------------

    fn solve(&mut self, carriers: bool) -> ValueFlow {
        let mut sets: Sets = HashMap::new();
        let mut out = ValueFlow::default();
        let relevant = std::mem::take(&mut self.relevant);
        for &i in &relevant {
            let call = &self.calls[i];
            if !matches!(call.kind, CallKind::Static(..) | CallKind::MethodExpr(_))
                && self.valid(call.owner)
            {
                out.dynamic.insert(call.key);
            }
        }
        // Each program's solve has its own budget: the work of all is at most programs times
        // a multiple of the graph.
        if self.budget == 0 {
            self.budget = self.budget_for_graph();
        }
        self.inserted = 0;
        let mut work = self.program_sources();
        let base_seeds = self.seeds.len();
        let mut rounds = 0;
        // (call, token) pairs whose outcome no later round can change: done once.
        let mut settled: HashSet<(usize, u32)> = HashSet::new();
        loop {
            self.propagate(&mut sets, &mut work);
            if self.inserted > self.budget {
                self.stopped_at_limit(&relevant, &mut out);
                break;
            }
            let mut changed = false;
            for &i in &relevant {
                if self.valid(self.calls[i].owner) {
                    changed |= self.resolve_call(i, &sets, &mut settled, &mut out);
                }
            }
            // What resolution put into places: only what is new keeps the solve going.
            for (node, tok, _) in self.seeds.drain(base_seeds..) {
                if sets.get(&node).is_none_or(|s| !s.contains(&tok)) {
                    work.push((node, tok));
                }
            }
            // New edges carry what their sources already hold.
            for (from, to, t) in std::mem::take(&mut self.fresh) {
                let held: Vec<u32> = sets
                    .get(&from)
                    .map(|s| s.iter().copied().collect())
                    .unwrap_or_default();
                for tok in held {
                    let Some(tok) = self.transform(tok, &t) else {
                        continue;
                    };
                    if sets.get(&to).is_none_or(|s| !s.contains(&tok)) {
                        work.push((to, tok));
                    }
                }
            }
            if work.is_empty() && !changed {
                break;
            }
            rounds += 1;
            if rounds > MAX_ROUNDS {
                self.stopped_at_limit(&relevant, &mut out);
                break;
            }
        }
        if carriers {
            out.carriers = self.carriers(&sets);
        }
        for r in out.found.values_mut() {
            r.targets.sort();
            r.targets.dedup();
            r.clients.sort();
            r.clients.dedup();
            r.untracked.sort();
            r.untracked.dedup();
            r.escaped_clients.sort();
            r.escaped_clients.dedup();
        }
        out
    }

    fn carriers(&self, sets: &Sets) -> Vec<(Arc<str>, Held)> {
        let ws = self.types.workspace();
        let fname = |file: usize, function: usize| -> Option<Arc<str>> {
            ws.go(file)
                .functions
                .get(function)
                .map(|f| Arc::from(f.name.as_str()))
        };
        let mut embedded: HashMap<(Arc<str>, Arc<str>), Vec<&str>> = HashMap::new();
        let mut out = Vec::new();
        for (place, &n) in &self.places {
            let Some(held) = sets.get(&n).filter(|s| !s.is_empty()) else {
                continue;
            };
            let name: Option<Arc<str>> = match place {
                Place::Global(_, name) | Place::Field(_, name) => Some(name.clone()),
                Place::Local(file, function, _) => fname(*file, *function),
                Place::Param(f, _) | Place::Result(f, _) => fname(f.file, f.function),
                Place::CallResult((file, at, _), _) => ws
                    .go(*file)
                    .functions
                    .iter()
                    .find(|f| f.calls.iter().any(|c| c.span.start_byte == *at))
                    .map(|f| Arc::from(f.name.as_str())),
                _ => None,
            };
            let Some(name) = name else { continue };
            for &tok in held {
                let h = match &self.tokens[tok as usize] {
                    Token::Func(f) | Token::MethodExpr(f) => match fname(f.file, f.function) {
                        Some(n) => Held::Function(n),
                        None => continue,
                    },
                    Token::Type(d, t) => {
                        // A type that embeds a typed client carries the client's calls (each
                        // type's embedding walked once, however many places hold it).
                        let apis = embedded
                            .entry((d.clone(), t.clone()))
                            .or_insert_with(|| self.types.embedded_clients(d, t));
                        for api in apis.iter() {
                            out.push((name.clone(), Held::Client(Arc::from(*api))));
                        }
                        Held::Type(t.clone())
                    }
                    Token::Client(c) => Held::Client(c.api_package.clone()),
                    Token::Bound(_, m) | Token::InterfaceMethodExpr(m) => {
                        Held::Method(Arc::from(*m))
                    }
                    Token::Untracked(_) => continue,
                };
                out.push((name.clone(), h));
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The program's sources: those its packages' live code writes.
    fn program_sources(&self) -> Vec<(u32, u32)> {
        let mut work = Vec::new();
        let mut take = |i: usize| {
            let (node, tok, tag) = self.seeds[i];
            if self.valid(tag) {
                work.push((node, tok));
            }
        };
        if self.linked.is_empty() {
            (0..self.seeds.len()).for_each(&mut take);
        } else {
            for (p, linked) in self.linked.iter().enumerate() {
                if *linked {
                    self.seeds_by_package[p].iter().for_each(|&i| take(i));
                }
            }
        }
        work
    }

    /// Fails closed: every dynamic call of the program may reach more than was found.
    fn stopped_at_limit(&self, relevant: &[usize], out: &mut ValueFlow) {
        out.limit = true;
        for c in relevant.iter().map(|&i| &self.calls[i]) {
            let m = match c.kind {
                CallKind::Dispatch(_, m) => m,
                CallKind::Dynamic(_) => "",
                _ => continue,
            };
            if self.valid(c.owner) {
                Self::record_untracked(out, c.key, Untracked::Limit, m);
            }
        }
    }

    /// The token that crosses an edge, if any does.
    fn transform(&mut self, tok: u32, t: &Transform) -> Option<u32> {
        Some(match (t, &self.tokens[tok as usize]) {
            (Transform::Only(instance), token) => {
                return instance.admits(token).then_some(tok);
            }
            (Transform::SetHost(h), Token::Client(c)) => {
                let c = ClientToken {
                    host: h.clone(),
                    ..c.clone()
                };
                self.token(Token::Client(c))
            }
            (Transform::AddOptions(more), Token::Client(c)) => {
                let mut options: Vec<PubOption> =
                    c.options.iter().chain(more.iter()).cloned().collect();
                // A client that goes round a loop through `WithOptions` would grow without end:
                // past the bound, the rest is an option rootlint cannot see (a fixed point).
                if options.len() > MAX_CLIENT_OPTIONS {
                    options.truncate(MAX_CLIENT_OPTIONS - 1);
                    options.push(PubOption::Unknown(format!(
                        "more than {MAX_CLIENT_OPTIONS} `WithOptions` options on one client"
                    )));
                }
                let c = ClientToken {
                    options: options.into(),
                    ..c.clone()
                };
                self.token(Token::Client(c))
            }
            _ => tok,
        })
    }

    /// Pushes tokens along edges until nothing changes.
    fn propagate(&mut self, sets: &mut Sets, work: &mut Vec<(u32, u32)>) {
        while let Some((node, tok)) = work.pop() {
            // Go's types say nothing that flows can be there (an `int` holds no function):
            // dropping it there is exact, and keeps hubs of imprecise places from spreading.
            if self.inert[node as usize] || !sets.entry(node).or_default().insert(tok) {
                continue;
            }
            self.inserted += 1;
            // Imprecise places (elements and fields of types rootlint cannot tell) can make the
            // closure grow with places times values: past the budget the solve stops, failing
            // closed, so that cost stays linear in the input.
            if self.inserted > self.budget {
                work.clear();
                return;
            }
            for j in 0..self.edges[node as usize].len() {
                let (to, t, tag) = self.edges[node as usize][j].clone();
                if !self.valid(tag) {
                    continue;
                }
                let Some(tok) = self.transform(tok, &t) else {
                    continue;
                };
                if sets.get(&to).is_none_or(|s| !s.contains(&tok)) {
                    work.push((to, tok));
                }
            }
        }
    }

    /// Connects a call to one target: arguments to parameters, results to the call's results.
    fn connect(&mut self, call: usize, target: FunctionRef, method_expr: bool, recv: Option<u32>) {
        let (args, key) = {
            let c = &self.calls[call];
            (c.args.clone(), c.key)
        };
        let (n_params, n_results, variadic) = self.signature(target);
        let (recv_arg, rest) = if method_expr {
            match args.split_first() {
                Some((r, rest)) => (Some(*r), rest.to_vec()),
                None => (None, Vec::new()),
            }
        } else {
            (recv, args)
        };
        if let Some(r) = recv_arg {
            let p = self.node(Place::Param(target, RECV));
            self.edge(r, p, Transform::Copy);
        }
        for (i, a) in rest.iter().enumerate() {
            let index = if variadic && n_params > 0 {
                (i as u32).min(n_params as u32 - 1)
            } else {
                i as u32
            };
            let p = self.node(Place::Param(target, index));
            self.edge(*a, p, Transform::Copy);
        }
        for i in 0..n_results.max(1) as u32 {
            let from = self.node(Place::Result(target, i));
            let to = self.node(Place::CallResult(key, i));
            let transform = match self.calls[call].instances.get(i as usize) {
                Some(Some(instance)) => Transform::Only(instance.clone()),
                _ => Transform::Copy,
            };
            self.edge(from, to, transform);
        }
    }

    /// A generic function (not a closure in one: its results are typed in its own literal).
    fn is_generic(&self, f: FunctionRef) -> bool {
        f.closure == 0 && !self.facts(f).type_params.is_empty()
    }

    /// The type a place of this Go type restricts its values to, when it is one concrete type.
    fn instance(&self, ty: &Ty<'a>) -> Option<Instance> {
        match ty.pointee() {
            Ty::Named(k, _) => match self.types.decl(*k).map(|(_, d)| &d.ty) {
                Some(TypeExpr::Struct(_)) => {
                    Some(Instance::Struct(Arc::from(k.dir), Arc::from(k.name)))
                }
                Some(TypeExpr::Func(_)) => {
                    Some(Instance::FuncType(Arc::from(k.dir), Arc::from(k.name)))
                }
                // An interface holds any implementation; a type defined from another named
                // type may hold what rootlint keeps as the other's values.
                _ => None,
            },
            Ty::Client {
                api_package,
                multicast,
            } => Some(Instance::Client(Arc::from(*api_package), *multicast)),
            _ => None,
        }
    }

    /// Parameter count, result count and whether the last parameter is variadic.
    fn signature(&self, f: FunctionRef) -> (usize, usize, bool) {
        let func = self.facts(f);
        let (params, results) = match f.closure {
            0 => (&func.params, &func.results),
            k => match func.closures.get(k as usize - 1) {
                Some(c) => (&c.params, &c.results),
                None => return (0, 0, false),
            },
        };
        (
            params.len(),
            results.len(),
            params.last().is_some_and(|p| p.variadic),
        )
    }

    fn held(sets: &Sets, node: u32) -> Vec<u32> {
        sets.get(&node)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Resolves one dynamic call with what flows now; whether it found something new.
    fn resolve_call(
        &mut self,
        i: usize,
        sets: &Sets,
        settled: &mut HashSet<(usize, u32)>,
        out: &mut ValueFlow,
    ) -> bool {
        let mut changed = false;
        match self.calls[i].kind {
            CallKind::Outside => {
                // Every argument may be called by the code outside the tree.
                for a in self.calls[i].args.clone() {
                    for tok in Self::held(sets, a) {
                        if self.settles(tok) && !settled.insert((i, tok)) {
                            continue;
                        }
                        changed |= self.escape(i, tok, sets, out);
                    }
                }
            }
            CallKind::Dynamic(node) => {
                for tok in Self::held(sets, node) {
                    if self.settles(tok) && !settled.insert((i, tok)) {
                        continue;
                    }
                    changed |= self.invoke(i, tok, sets, out);
                }
            }
            CallKind::Dispatch(node, m) => {
                for tok in Self::held(sets, node) {
                    changed |= self.dispatch(i, tok, m, Some(node), false, sets, out, 0);
                }
            }
            _ => {}
        }
        changed
    }

    /// How many values one solve may put into places: a multiple of the graph's
    /// size that real trees stay far below (the framework and 8,000 generated services use
    /// less than one per node).
    fn budget_for_graph(&self) -> u64 {
        let size = self.edges.len() + self.edges.iter().map(Vec::len).sum::<usize>();
        (PROPAGATION_PER_NODE * size as u64).max(MIN_PROPAGATION)
    }

    /// Whether calling or handing out `tok` has one outcome whatever the places hold (a bound
    /// method or an interface method expression reads the sets of its receiver, and may gain
    /// more in a later round).
    fn settles(&self, tok: u32) -> bool {
        !matches!(
            self.tokens[tok as usize],
            Token::Bound(..) | Token::InterfaceMethodExpr(_)
        )
    }

    /// A function-valued token called.
    fn invoke(&mut self, i: usize, tok: u32, sets: &Sets, out: &mut ValueFlow) -> bool {
        self.invoke_at(i, tok, sets, out, 0)
    }

    fn invoke_at(
        &mut self,
        i: usize,
        tok: u32,
        sets: &Sets,
        out: &mut ValueFlow,
        depth: u32,
    ) -> bool {
        if depth > MAX_BOUND_DEPTH {
            return Self::record_untracked(out, self.calls[i].key, Untracked::Limit, "");
        }
        match self.tokens[tok as usize].clone() {
            Token::Func(t) => self.add_target(i, Token::Func(t), t, false, out),
            Token::MethodExpr(t) => self.add_target(i, Token::MethodExpr(t), t, true, out),
            Token::Bound(node, m) => {
                let mut changed = false;
                for t in Self::held(sets, node) {
                    changed |= self.dispatch(i, t, m, Some(node), false, sets, out, depth + 1);
                }
                changed
            }
            Token::InterfaceMethodExpr(m) => {
                let Some(&recv) = self.calls[i].args.first() else {
                    return false;
                };
                let mut changed = false;
                for t in Self::held(sets, recv) {
                    changed |= self.dispatch(i, t, m, None, true, sets, out, depth + 1);
                }
                changed
            }
            Token::Untracked(why) => Self::record_untracked(out, self.calls[i].key, why, ""),
            Token::Type(..) | Token::Client(_) => false,
        }
    }

    fn record_untracked(out: &mut ValueFlow, key: CallKey, why: Untracked, m: &str) -> bool {
        let r = out.found.entry(key).or_default();
        let entry = (why, Arc::from(m));
        if r.untracked.contains(&entry) {
            false
        } else {
            r.untracked.push(entry);
            true
        }
    }

    /// Method `m` called on a receiver holding `tok` (in `recv_node`, or the first argument of
    /// a method expression).
    #[allow(clippy::too_many_arguments)]
    fn dispatch(
        &mut self,
        i: usize,
        tok: u32,
        m: &'a str,
        recv_node: Option<u32>,
        method_expr: bool,
        sets: &Sets,
        out: &mut ValueFlow,
        depth: u32,
    ) -> bool {
        let key = self.calls[i].key;
        if depth > MAX_BOUND_DEPTH {
            return Self::record_untracked(out, key, Untracked::Limit, m);
        }
        match self.tokens[tok as usize].clone() {
            Token::Client(c) => {
                let r = out.found.entry(key).or_default();
                let entry = (c, Arc::from(m));
                if r.clients.contains(&entry) {
                    false
                } else {
                    r.clients.push(entry);
                    true
                }
            }
            Token::Type(dir, name) => {
                let Some((key_t, _)) = self.type_key(&dir, &name) else {
                    return false;
                };
                match self.types.lookup(&Ty::Named(key_t, Vec::new()), m, 0) {
                    Member::Methods {
                        methods,
                        declared_on,
                        promoted,
                    } => {
                        let mut changed = false;
                        // A promoted method's receiver is the embedded field's value.
                        let fields = if promoted {
                            self.promoted_fields(key_t, declared_on)
                        } else {
                            Vec::new()
                        };
                        for t in methods {
                            let p = self.node(Place::Param(t, RECV));
                            if promoted {
                                for &n in &fields {
                                    self.edge(n, p, Transform::Copy);
                                }
                            } else {
                                self.seed(p, tok);
                                if let Some(n) = recv_node {
                                    self.edge(n, p, Transform::Copy);
                                }
                            }
                            changed |= self.add_target(i, Token::Func(t), t, method_expr, out);
                        }
                        out.found.entry(key).or_default().dispatched = true;
                        changed
                    }
                    Member::Client { .. } | Member::Interface { .. } if depth < MAX_BOUND_DEPTH => {
                        // Promoted from an embedded field: dispatch on what the field holds.
                        let mut changed = false;
                        let owner: Arc<str> = Arc::from(self.types.type_name(key_t));
                        for field in self.embedded_fields(key_t) {
                            let n = self.field_node(Some(owner.clone()), &field);
                            for t in Self::held(sets, n) {
                                changed |=
                                    self.dispatch(i, t, m, Some(n), false, sets, out, depth + 1);
                            }
                        }
                        changed
                    }
                    Member::Client { .. } | Member::Interface { .. } => Self::record_untracked(
                        out,
                        key,
                        Untracked::Operation("embedding deeper than rootlint follows".into()),
                        m,
                    ),
                    _ => false,
                }
            }
            Token::Untracked(why) => Self::record_untracked(out, key, why, m),
            // A function-valued field called where rootlint could not tell a field from a
            // method.
            Token::Func(_) | Token::MethodExpr(_) | Token::Bound(..) => {
                self.invoke_at(i, tok, sets, out, depth + 1)
            }
            Token::InterfaceMethodExpr(_) => false,
        }
    }

    fn type_key(&self, dir: &str, name: &str) -> Option<(TypeKey<'a>, ())> {
        let ws = self.types.workspace();
        let p = ws.packages.get(dir)?;
        let dir: &'a str = p.dir.as_str();
        let (_, decl) = p
            .go_files
            .iter()
            .flat_map(|&f| ws.go(f).types.iter().map(move |t| (f, t)))
            .find(|(_, t)| t.name == name)?;
        Some((
            TypeKey {
                dir,
                name: decl.name.as_str(),
            },
            (),
        ))
    }

    fn embedded_fields(&self, k: TypeKey<'a>) -> Vec<String> {
        match self.types.decl(k) {
            Some((_, d)) => match &d.ty {
                TypeExpr::Struct(fields) => fields
                    .iter()
                    .filter(|f| f.name.is_none())
                    .filter_map(|f| embedded_name(&f.ty).map(str::to_string))
                    .collect(),
                _ => Vec::new(),
            },
            None => Vec::new(),
        }
    }

    /// A value handed to code outside the tree, which may call it there.
    fn escape(&mut self, i: usize, tok: u32, sets: &Sets, out: &mut ValueFlow) -> bool {
        let key = self.calls[i].key;
        match self.tokens[tok as usize].clone() {
            Token::Func(t) | Token::MethodExpr(t) => {
                let new = push_new(&mut out.found.entry(key).or_default().targets, t);
                // What the code outside the tree gets back from calling it is handed over too
                // (`sync.OnceValue(func() api.Client { … })()` returns the client to the caller
                // through code rootlint does not see): its results go where the arguments went.
                if new && let Some(&handed) = self.calls[i].args.first() {
                    let (_, n_results, _) = self.signature(t);
                    for k in 0..n_results as u32 {
                        let from = self.node(Place::Result(t, k));
                        self.edge(from, handed, Transform::Copy);
                    }
                }
                new
            }
            Token::Type(dir, name) => {
                // Any of its methods may be called (`fmt.Fprintf` calls `Write`).
                let ws = self.types.workspace();
                let Some((k, _)) = self.type_key(&dir, &name) else {
                    return false;
                };
                let methods: Vec<FunctionRef> = ws.packages[k.dir]
                    .go_files
                    .iter()
                    .flat_map(|&file| {
                        ws.functions(file).filter(|f| {
                            ws.go(f.file).functions[f.function].receiver_type.as_deref()
                                == Some(k.name)
                        })
                    })
                    .collect();
                let mut changed = false;
                for t in methods {
                    let p = self.node(Place::Param(t, RECV));
                    self.seed(p, tok);
                    changed |= push_new(&mut out.found.entry(key).or_default().targets, t);
                }
                changed
            }
            Token::Client(c) => push_new(&mut out.found.entry(key).or_default().escaped_clients, c),
            Token::Bound(node, m) => {
                let mut changed = false;
                for t in Self::held(sets, node) {
                    match self.tokens[t as usize].clone() {
                        Token::Client(c) => {
                            changed |=
                                push_new(&mut out.found.entry(key).or_default().escaped_clients, c);
                        }
                        _ => changed |= self.dispatch(i, t, m, Some(node), false, sets, out, 0),
                    }
                }
                changed
            }
            Token::InterfaceMethodExpr(_) | Token::Untracked(_) => false,
        }
    }

    fn add_target(
        &mut self,
        i: usize,
        marker: Token<'a>,
        target: FunctionRef,
        method_expr: bool,
        out: &mut ValueFlow,
    ) -> bool {
        if !self.calls[i].connected.insert(marker) {
            return false;
        }
        let key = self.calls[i].key;
        // A receiver reaches the method where the value was taken, or through the dispatch.
        self.connect(i, target, method_expr, None);
        out.found.entry(key).or_default().targets.push(target);
        true
    }
}

/// The functions whose code can run, as Go's VTA takes them from CHA reachability, by name: what
/// the framework or the runtime may call (exported names, `init`, `main`, package-level
/// initializers), and any function that live code names (in a call, a value, a method value, a
/// package-level initializer). A function nothing names, such as an unexported method nobody
/// calls, contributes no flow.
fn live_functions(ws: &crate::workspace::Workspace, files: &[usize]) -> HashSet<(usize, usize)> {
    let mut by_name: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut queue: Vec<(usize, usize)> = Vec::new();
    let mut named: Vec<&Expr> = Vec::new();
    for &file in files {
        let facts = ws.go(file);
        for (i, f) in facts.functions.iter().enumerate() {
            by_name.entry(f.name.as_str()).or_default().push((file, i));
            if f.synthetic
                || matches!(f.name.as_str(), "init" | "main")
                || f.name.chars().next().is_some_and(char::is_uppercase)
            {
                queue.push((file, i));
            }
        }
        named.extend(facts.values.iter().filter_map(|v| v.value.as_ref()));
    }
    let mut live: HashSet<(usize, usize)> = HashSet::new();
    let mut seen_names: HashSet<&str> = HashSet::new();
    loop {
        // Every name the exprs gathered so far mention makes its functions live.
        while let Some(e) = named.pop() {
            if let Expr::Ident(n) | Expr::Selector(_, n) = e
                && seen_names.insert(n.as_str())
            {
                queue.extend(by_name.get(n.as_str()).into_iter().flatten().copied());
            }
            named.extend(e.children());
        }
        let Some(g) = queue.pop() else {
            return live;
        };
        if !live.insert(g) {
            continue;
        }
        let f = &ws.go(g.0).functions[g.1];
        for c in &f.calls {
            named.push(&c.callee);
            named.extend(c.args.iter());
        }
        for b in &f.bindings {
            if let BindingValue::Expr(e) | BindingValue::Tuple { call: e, .. } = &b.value {
                named.push(e);
            }
        }
        for st in &f.stores {
            if let BindingValue::Expr(e) | BindingValue::Tuple { call: e, .. } = &st.value {
                named.push(e);
            }
        }
        for r in &f.returns {
            named.extend(r.values.iter());
        }
    }
}

/// Adds `x` unless it is there; whether it was new.
fn push_new<T: PartialEq>(v: &mut Vec<T>, x: T) -> bool {
    if v.contains(&x) {
        return false;
    }
    v.push(x);
    true
}

/// The name an embedded field is known by: its type's name.
fn embedded_name(ty: &TypeExpr) -> Option<&str> {
    match ty {
        TypeExpr::Pointer(inner) => inner.base_name(),
        other => other.base_name(),
    }
    .map(|(_, n)| n)
}

/// A type as the key of its containers' elements.
/// The identity of an expression of the facts, for the ledger: the flow and the ledger read
/// the same facts, so one node has one address in both.
pub(crate) fn expr_address(e: &Expr) -> usize {
    e as *const Expr as usize
}

fn ty_key(types: &Types, ty: &Ty) -> Option<String> {
    Some(match ty {
        Ty::Named(k, _) => types.type_name(*k),
        Ty::Pointer(t) => return ty_key(types, t),
        Ty::Slice(t) => format!("[]{}", ty_key(types, t)?),
        Ty::Array(t) => format!("[N]{}", ty_key(types, t)?),
        Ty::Map(t, _) => format!("map[]{}", ty_key(types, t)?),
        Ty::Chan(t) => format!("chan {}", ty_key(types, t)?),
        // By results (their count and kinds): functions of other shapes never share elements.
        Ty::Func { results, .. } => format!(
            "func({})",
            results
                .iter()
                .map(|r| ty_key(types, r).unwrap_or_else(|| "?".into()))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Ty::Client {
            api_package,
            multicast,
        } => format!(
            "{api_package}.{}",
            if *multicast {
                "MulticastClient"
            } else {
                "Client"
            }
        ),
        Ty::Basic => "basic".into(),
        Ty::Outside => "outside".into(),
        Ty::InlineInterface(..) => "interface".into(),
        Ty::InlineStruct(file, fields) => inline_struct_key(types, *file, fields),
        Ty::Connector => "connector".into(),
        Ty::Package(_) | Ty::TypeName(_) | Ty::Unknown(_) => return None,
    })
}
