//! Stage 6, resolution: the static types of Go expressions, as far as source shows them.
//!
//! This is what lets the call graph resolve a method call through its receiver's type rather
//! than its name (`svc.mux.Unlock()` on a `sync.Mutex` is not the `Unlock` handler of another
//! service), as `golang.org/x/tools/go/callgraph` does with the type checker's answers. The
//! model is deliberately small: declared types of variables, parameters, results and fields;
//! embedding and promoted methods; aliases, dot imports, generic type parameters (through their
//! constraints) and explicit or inferred type arguments; result types of in-tree functions and
//! of the framework's constructors. Three answers are kept apart, because they lead to
//! different outcomes:
//! - an in-tree type: its methods are the call's targets;
//! - a type from outside the tree ([`Ty::Outside`]): no method of the tree can run, so no edge
//!   and no finding;
//! - a type rootlint could not work out although it may be in the tree ([`Ty::Unknown`], with
//!   the reason): no edge either, and the call graph reports the call when a function it might
//!   have reached makes a :666 call.

use std::collections::{HashMap, HashSet};

use crate::facts::go::{
    BindingValue, Expr, Field, GoFunction, InterfaceElem, PackageValue, TypeDecl, TypeExpr,
};
use crate::resolve::values::Scope;
use crate::workspace::FunctionRef;
use crate::workspace::Workspace;
use crate::workspace::catalog::Catalog;

/// Packages whose types are the framework's connector or publisher: `Request` and `Publish`
/// on them are Microbus requests.
pub(crate) const CONNECTOR_PACKAGES: &[&str] = &[
    "github.com/microbus-io/fabric/connector",
    "github.com/microbus-io/fabric/service",
];

/// How deep type resolution follows definitions before it gives up (and says so).
const MAX_DEPTH: u32 = 32;

/// An in-tree named type: its package folder and name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct TypeKey<'a> {
    pub(crate) dir: &'a str,
    pub(crate) name: &'a str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Ty<'a> {
    /// An in-tree named type, with its type arguments.
    Named(TypeKey<'a>, Vec<Ty<'a>>),
    Pointer(Box<Ty<'a>>),
    Slice(Box<Ty<'a>>),
    /// An array: a slice to everything but the value flow, which keys elements by type.
    Array(Box<Ty<'a>>),
    /// A map: its value type, then its key type.
    Map(Box<Ty<'a>>, Box<Ty<'a>>),
    Chan(Box<Ty<'a>>),
    /// A function value: the in-tree functions it is known to be (none when it is not traced)
    /// and its result types.
    Func {
        targets: Vec<FunctionRef>,
        results: Vec<Ty<'a>>,
    },
    /// An interface written in place (a constraint, a parameter type), in the file that wrote it.
    InlineInterface(usize, &'a [InterfaceElem]),
    /// A struct written in place (an anonymous struct, or the underlying type of a type local
    /// to a function), in the file that wrote it: it has fields, and no methods.
    InlineStruct(usize, &'a [Field]),
    /// A typed client of an api package.
    Client {
        api_package: &'a str,
        multicast: bool,
    },
    /// The framework's connector or publisher.
    Connector,
    /// A value or type from outside the tree (standard library, third party, generated
    /// plumbing): none of the tree's methods can run on it.
    Outside,
    /// Strings, numbers, booleans, `error`, anonymous structs: no methods of the tree.
    Basic,
    /// An imported package (by import path).
    Package(&'a str),
    /// The expression names a type (a conversion, a method expression).
    TypeName(Box<Ty<'a>>),
    /// rootlint could not tell, and the value may be of an in-tree type.
    Unknown(String),
}

impl<'a> Ty<'a> {
    /// The type with any pointers taken off.
    pub(crate) fn pointee(&self) -> &Ty<'a> {
        match self {
            Ty::Pointer(inner) => inner.pointee(),
            other @ Ty::Named(..)
            | other @ Ty::Slice(_)
            | other @ Ty::Array(_)
            | other @ Ty::Map(..)
            | other @ Ty::Chan(_)
            | other @ Ty::Func { .. }
            | other @ Ty::InlineInterface(..)
            | other @ Ty::InlineStruct(..)
            | other @ Ty::Client { .. }
            | other @ Ty::Connector
            | other @ Ty::Outside
            | other @ Ty::Basic
            | other @ Ty::Package(_)
            | other @ Ty::TypeName(_)
            | other @ Ty::Unknown(_) => other,
        }
    }

    /// The in-tree named type behind any pointers.
    pub(crate) fn key(&self) -> Option<TypeKey<'a>> {
        match self.pointee() {
            Ty::Named(k, _) => Some(*k),
            Ty::Pointer(_)
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
            | Ty::TypeName(_)
            | Ty::Unknown(_) => None,
        }
    }
}

/// What a name selected on a value (`x.name`) is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Member<'a> {
    Field(Ty<'a>),
    /// Methods of an in-tree type (several only when build variants declare it twice), and the
    /// type that declares them when it is not the receiver's own (a promoted method).
    Methods {
        methods: Vec<FunctionRef>,
        declared_on: TypeKey<'a>,
        promoted: bool,
    },
    /// A method of an interface: which implementation runs is decided by the call graph.
    Interface {
        methods: Vec<(&'a str, usize)>,
        name: String,
    },
    /// A method of a typed client (`Mint`, `ForHost`, …).
    Client {
        api_package: &'a str,
        multicast: bool,
    },
    /// A method of the connector (`Request`, `Publish`, …).
    Connector,
    Outside,
    Unknown(String),
    NotFound,
}

/// A type's methods: name, parameter count, and the in-tree functions implementing it.
type MethodSet<'a> = Vec<(&'a str, usize, Vec<FunctionRef>)>;

/// Everything type resolution needs to look up, indexed once per analysis.
pub(crate) struct Types<'a> {
    ws: &'a Workspace,
    catalog: &'a Catalog,
    decls: HashMap<(&'a str, &'a str), (usize, &'a TypeDecl)>,
    methods: HashMap<(&'a str, &'a str, &'a str), Vec<FunctionRef>>,
    /// Declared methods of each in-tree type: name and parameter count.
    method_sets: HashMap<(&'a str, &'a str), Vec<(&'a str, usize)>>,
    funcs: HashMap<(&'a str, &'a str), Vec<FunctionRef>>,
    values: HashMap<(&'a str, &'a str), (usize, &'a PackageValue)>,
    /// Package values declared in more than one file (build variants: `x_linux.go` and
    /// `x_darwin.go`), every declaration in file order.
    value_variants: HashMap<(&'a str, &'a str), Vec<(usize, &'a PackageValue)>>,
    /// Package variables that code assigns to, or whose address it takes, outside their
    /// initializer: the first file that does.
    assigned_vars: HashMap<(&'a str, &'a str), usize>,
    connector_types: HashSet<(&'a str, &'a str)>,
}

/// Full method sets of the in-tree types that can implement an interface, by method name:
/// built once per call graph ([`Types::dispatch`]). On a tree whose own packages define the
/// interfaces (a standard library), asking every type about every interface call was quadratic.
pub(crate) struct Dispatch<'a> {
    sets: HashMap<TypeKey<'a>, (MethodSet<'a>, bool, bool)>,
    /// Types whose full method set has the method (any parameter count).
    by_method: HashMap<&'a str, Vec<TypeKey<'a>>>,
    /// Types that embed something outside the tree (any method may be theirs) or the connector.
    open_or_connector: Vec<TypeKey<'a>>,
    all: Vec<TypeKey<'a>>,
}

const PREDECLARED: &[&str] = &[
    "bool",
    "string",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "float32",
    "float64",
    "complex64",
    "complex128",
    "byte",
    "rune",
    "error",
    "any",
    "comparable",
];

const BUILTIN_FUNCS: &[&str] = &[
    "append", "cap", "clear", "close", "complex", "copy", "delete", "imag", "len", "make", "max",
    "min", "new", "panic", "print", "println", "real", "recover",
];

/// How many levels of embedded fields a member lookup descends. Go sets no limit; past this
/// one the member is taken to be unknown (reported), never absent.
const MAX_EMBEDDING: usize = 32;

impl<'a> Types<'a> {
    pub(crate) fn new(ws: &'a Workspace, catalog: &'a Catalog) -> Types<'a> {
        // Sized up front: these tables are rebuilt once per resolution round, and growing
        // them is most of their cost.
        let (mut types, mut methods, mut functions, mut values) = (0, 0, 0, 0);
        for package in ws.packages.values() {
            for &file in &package.go_files {
                let facts = ws.go(file);
                types += facts.types.len();
                let with_receiver = facts
                    .functions
                    .iter()
                    .filter(|f| f.receiver_type.is_some())
                    .count();
                methods += with_receiver;
                functions += facts.functions.len() - with_receiver;
                values += facts.values.len();
            }
        }
        let mut t = Types {
            ws,
            catalog,
            decls: HashMap::with_capacity(types),
            methods: HashMap::with_capacity(methods),
            method_sets: HashMap::with_capacity(types.min(methods)),
            funcs: HashMap::with_capacity(functions),
            values: HashMap::with_capacity(values),
            value_variants: HashMap::new(),
            assigned_vars: HashMap::new(),
            connector_types: HashSet::new(),
        };
        for package in ws.packages.values() {
            let dir = package.dir.as_str();
            for name in &package.generated_connector_types {
                t.connector_types.insert((dir, name.as_str()));
            }
            for &file in &package.go_files {
                let facts = ws.go(file);
                for decl in &facts.types {
                    t.decls
                        .entry((dir, decl.name.as_str()))
                        .or_insert((file, decl));
                }
                for value in &facts.values {
                    match t.values.entry((dir, value.name.as_str())) {
                        std::collections::hash_map::Entry::Vacant(e) => {
                            e.insert((file, value));
                        }
                        std::collections::hash_map::Entry::Occupied(first) => t
                            .value_variants
                            .entry((dir, value.name.as_str()))
                            .or_insert_with(|| vec![*first.get()])
                            .push((file, value)),
                    }
                }
                for (i, func) in facts.functions.iter().enumerate() {
                    if func.synthetic {
                        continue;
                    }
                    let f = FunctionRef {
                        file,
                        offset: func.span.start_byte,
                        function: i,
                        closure: 0,
                    };
                    match &func.receiver_type {
                        Some(recv) => {
                            t.methods
                                .entry((dir, recv.as_str(), func.name.as_str()))
                                .or_default()
                                .push(f);
                            t.method_sets
                                .entry((dir, recv.as_str()))
                                .or_default()
                                .push((func.name.as_str(), func.params.len()));
                        }
                        None => t
                            .funcs
                            .entry((dir, func.name.as_str()))
                            .or_default()
                            .push(f),
                    }
                }
            }
        }
        t.assigned_vars = assigned_package_vars(ws, &t.values);
        for list in t.methods.values_mut() {
            list.sort();
        }
        for list in t.funcs.values_mut() {
            list.sort();
        }
        t
    }

    pub(crate) fn workspace(&'a self) -> &'a Workspace {
        self.ws
    }

    pub(crate) fn catalog(&'a self) -> &'a Catalog {
        self.catalog
    }

    /// The methods named `name` declared on the type `name` of `dir`.
    pub(crate) fn methods_of(&'a self, key: TypeKey<'a>, name: &'a str) -> &'a [FunctionRef] {
        self.methods
            .get(&(key.dir, key.name, name))
            .map_or(&[], Vec::as_slice)
    }

    /// The functions named `name` declared at package level in `dir` (several only across build
    /// variants).
    pub(crate) fn package_funcs(&'a self, dir: &'a str, name: &'a str) -> &'a [FunctionRef] {
        self.funcs.get(&(dir, name)).map_or(&[], Vec::as_slice)
    }

    /// A named container type's underlying slice, array, map or channel type (`type Steps
    /// []Step`: indexing or ranging over it gives a `Step`); a pointer to an array, the array;
    /// any other type as it is.
    #[expect(
        clippy::wildcard_enum_match_arm,
        reason = "every other type is its own underlying type: nothing is dropped"
    )]
    pub(crate) fn underlying_container(&'a self, t: Ty<'a>, d: u32) -> Ty<'a> {
        match t {
            Ty::Named(k, args) => match self.decls.get(&(k.dir, k.name)) {
                Some(&(file, decl))
                    if !decl.alias
                        && matches!(
                            decl.ty,
                            TypeExpr::Slice(_)
                                | TypeExpr::Array(_)
                                | TypeExpr::Map(..)
                                | TypeExpr::Chan(_)
                        ) =>
                {
                    let subst: Vec<(&'a str, Ty<'a>)> = decl
                        .type_params
                        .iter()
                        .map(|p| p.name.as_str())
                        .zip(args.iter().cloned())
                        .collect();
                    self.resolve(file, None, &subst, &decl.ty, d + 1)
                }
                _ => Ty::Named(k, args),
            },
            Ty::Pointer(inner) if matches!(*inner, Ty::Array(_)) => *inner,
            other => other,
        }
    }

    /// Every declaration of a package value, in file order: one, or one per build variant.
    pub(crate) fn package_value_decls(
        &'a self,
        dir: &str,
        name: &str,
    ) -> Vec<(usize, &'a PackageValue)> {
        match self.value_variants.get(&(dir, name)) {
            Some(all) => all.clone(),
            None => self.values.get(&(dir, name)).copied().into_iter().collect(),
        }
    }

    /// The file of the first assignment to a package variable outside its initializer (or of
    /// the first `&v`), if code makes one.
    pub(crate) fn package_var_assigned_in(&self, dir: &str, name: &str) -> Option<usize> {
        self.assigned_vars.get(&(dir, name)).copied()
    }

    /// Whether `dir` declares a package-level variable or constant `name`.
    pub(crate) fn is_package_value(&'a self, dir: &'a str, name: &'a str) -> bool {
        self.values.contains_key(&(dir, name))
    }

    /// The declaration of an in-tree type, with the file declaring it.
    pub(crate) fn decl(&'a self, key: TypeKey<'a>) -> Option<(usize, &'a TypeDecl)> {
        self.decls.get(&(key.dir, key.name)).copied()
    }

    /// The display name of an in-tree type: `import/path.Name`.
    pub(crate) fn type_name(&'a self, key: TypeKey) -> String {
        let package = self
            .ws
            .packages
            .get(key.dir)
            .and_then(|p| p.import_path.clone())
            .unwrap_or_else(|| key.dir.to_string());
        format!("{package}.{}", key.name)
    }

    fn dir_of(&'a self, file: usize) -> &'a str {
        self.ws.files[file].file.dir()
    }

    fn import_path(&'a self, file: usize, alias: &str) -> Option<&'a str> {
        self.ws.import_named(file, alias)
    }

    /// Whether the file imports a package from outside the tree (whose real name may differ
    /// from the one assumed from its path).
    fn imports_from_outside(&'a self, file: usize) -> bool {
        self.ws
            .go(file)
            .imports
            .iter()
            .any(|i| !self.ws.dir_by_import.contains_key(&i.path))
    }

    fn dot_imports(&'a self, file: usize) -> impl Iterator<Item = &'a str> + 'a {
        self.ws
            .go(file)
            .imports
            .iter()
            .filter(|i| i.is_dot())
            .map(|i| i.path.as_str())
    }

    // ---- declared types -------------------------------------------------------------------

    /// A type as written in `file`, inside `function` (whose type parameters it may name), with
    /// `subst` giving the type arguments of a generic instantiation.
    pub(crate) fn resolve(
        &'a self,
        file: usize,
        function: Option<&'a GoFunction>,
        subst: &[(&'a str, Ty<'a>)],
        t: &'a TypeExpr,
        depth: u32,
    ) -> Ty<'a> {
        if depth > MAX_DEPTH {
            return Ty::Unknown("a type defined through too many steps".into());
        }
        let d = depth + 1;
        match t {
            TypeExpr::Named {
                qualifier: None,
                name,
                args,
            } => {
                if let Some((_, ty)) = subst.iter().find(|(n, _)| n == name) {
                    return ty.clone();
                }
                if let Some(f) = function
                    && let Some(p) = f.type_params.iter().find(|p| &p.name == name)
                {
                    return self.type_param_constraint(file, f, p, d);
                }
                // A type declared in the function's body.
                if let Some(f) = function
                    && let Some(local) = f.local_types.iter().rfind(|t| &t.name == name)
                {
                    return self.resolve(file, None, subst, &local.ty, d);
                }
                if PREDECLARED.contains(&name.as_str()) {
                    return Ty::Basic;
                }
                let args = args
                    .iter()
                    .map(|a| self.resolve(file, function, subst, a, d))
                    .collect();
                self.named_in(self.dir_of(file), name, args, d)
                    .or_else(|| {
                        self.dot_imports(file).find_map(|path| {
                            self.member_type(path, name, d).or_else(|| {
                                (!self.ws.dir_by_import.contains_key(path)).then_some(Ty::Outside)
                            })
                        })
                    })
                    .unwrap_or_else(|| {
                        Ty::Unknown(format!("the type `{name}`, which rootlint cannot find"))
                    })
            }
            TypeExpr::Named {
                qualifier: Some(q),
                name,
                args,
            } => match self.import_path(file, q) {
                Some(path) => match self.member_type(path, name, d) {
                    // `pkg.T[A]`: the instance keeps its type arguments, as `T[A]` does.
                    Some(Ty::Named(key, none)) if none.is_empty() && !args.is_empty() => {
                        let args = args
                            .iter()
                            .map(|a| self.resolve(file, function, subst, a, d))
                            .collect();
                        Ty::Named(key, args)
                    }
                    Some(t) => t,
                    None => {
                        Ty::Unknown(format!("the type `{q}.{name}`, which rootlint cannot find"))
                    }
                },
                // Names of packages from outside the tree are only assumed from their paths.
                None if self.imports_from_outside(file) => Ty::Outside,
                None => Ty::Unknown(format!("`{q}.{name}`, whose package is not imported")),
            },
            TypeExpr::Pointer(inner) => {
                Ty::Pointer(Box::new(self.resolve(file, function, subst, inner, d)))
            }
            TypeExpr::Slice(inner) => {
                Ty::Slice(Box::new(self.resolve(file, function, subst, inner, d)))
            }
            TypeExpr::Array(inner) => {
                Ty::Array(Box::new(self.resolve(file, function, subst, inner, d)))
            }
            TypeExpr::Map(k, v) => Ty::Map(
                Box::new(self.resolve(file, function, subst, v, d)),
                Box::new(self.resolve(file, function, subst, k, d)),
            ),
            TypeExpr::Chan(v) => Ty::Chan(Box::new(self.resolve(file, function, subst, v, d))),
            TypeExpr::Func(sig) => Ty::Func {
                targets: Vec::new(),
                results: sig
                    .results
                    .iter()
                    .map(|r| match &r.ty {
                        Some(t) => self.resolve(file, function, subst, t, d),
                        None => Ty::Basic,
                    })
                    .collect(),
            },
            TypeExpr::Interface(elems) => Ty::InlineInterface(file, elems),
            TypeExpr::Struct(fields) => Ty::InlineStruct(file, fields),
            TypeExpr::Other(_) => Ty::Basic,
        }
    }

    /// A named type of the package in `dir` (aliases followed).
    fn named_in(
        &'a self,
        dir: &'a str,
        name: &'a str,
        args: Vec<Ty<'a>>,
        d: u32,
    ) -> Option<Ty<'a>> {
        if let Some(&(decl_file, decl)) = self.decls.get(&(dir, name)) {
            if decl.alias {
                return Some(self.resolve(decl_file, None, &[], &decl.ty, d));
            }
            return Some(Ty::Named(
                TypeKey {
                    dir,
                    name: decl.name.as_str(),
                },
                args,
            ));
        }
        if self.connector_types.contains(&(dir, name)) {
            return Some(Ty::Connector);
        }
        // A type declared in generated code: its hand-written methods are still in the tree.
        if let Some(((_, n), _)) = self.method_sets.get_key_value(&(dir, name)) {
            return Some(Ty::Named(TypeKey { dir, name: n }, args));
        }
        None
    }

    /// `path.name` as a type: a typed client, the connector, an in-tree type or one from outside.
    fn member_type(&'a self, path: &'a str, name: &'a str, d: u32) -> Option<Ty<'a>> {
        if let Some((api_package, _)) = self.catalog.api_packages.get_key_value(path) {
            match name {
                "Client" => {
                    return Some(Ty::Client {
                        api_package,
                        multicast: false,
                    });
                }
                "MulticastClient" => {
                    return Some(Ty::Client {
                        api_package,
                        multicast: true,
                    });
                }
                _ => {}
            }
        }
        if CONNECTOR_PACKAGES.contains(&path) {
            return Some(Ty::Connector);
        }
        match self.ws.dir_by_import.get(path) {
            Some(dir) => self
                .named_in(dir.as_str(), name, Vec::new(), d)
                .or_else(|| {
                    // Types of generated files (request and response structs): data, no methods.
                    self.ws
                        .packages
                        .get(dir.as_str())
                        .is_some_and(|p| p.has_generated_files)
                        .then_some(Ty::Outside)
                }),
            None => Some(Ty::Outside),
        }
    }

    /// A type parameter stands for its constraint; a receiver's type parameter takes the
    /// constraint its type declares.
    fn type_param_constraint(
        &'a self,
        file: usize,
        f: &'a GoFunction,
        p: &'a crate::facts::go::TypeParam,
        d: u32,
    ) -> Ty<'a> {
        if let TypeExpr::Other(_) = p.constraint
            && let Some(recv) = &f.receiver_type
            && let Some(&(decl_file, decl)) = self.decls.get(&(self.dir_of(file), recv.as_str()))
        {
            let position = f
                .type_params
                .iter()
                .filter(|tp| matches!(tp.constraint, TypeExpr::Other(_)))
                .position(|tp| tp.name == p.name);
            return match position.and_then(|i| decl.type_params.get(i)) {
                Some(tp) => self.resolve(decl_file, None, &[], &tp.constraint, d),
                None => Ty::Unknown(format!("the type parameter `{}`", p.name)),
            };
        }
        self.resolve(file, Some(f), &[], &p.constraint, d)
    }

    // ---- expressions ------------------------------------------------------------------------

    /// The static type of an expression evaluated in `scope`.
    pub(crate) fn type_of(&'a self, scope: &Scope<'a>, e: &'a Expr) -> Ty<'a> {
        self.type_at(scope, e, 0)
    }

    fn type_at(&'a self, scope: &Scope<'a>, e: &'a Expr, depth: u32) -> Ty<'a> {
        if depth > MAX_DEPTH {
            return Ty::Unknown("an expression defined through too many steps".into());
        }
        let d = depth + 1;
        match e {
            Expr::Str(_) | Expr::Int(_) | Expr::Binary(..) => Ty::Basic,
            Expr::Ident(name) => self.ident(scope, name, d),
            Expr::Selector(base, name) => {
                if let Expr::Ident(alias) = &**base
                    && let Some(path) = scope.imported_package(alias)
                {
                    return self.package_member(path, name, d);
                }
                match self.type_at(scope, base, d) {
                    Ty::TypeName(t) => match self.lookup(&t, name, d) {
                        // A method expression `T.M`: a function value.
                        Member::Methods { methods, .. } => Ty::Func {
                            results: self.results_of(methods.first().copied(), &[], d),
                            targets: methods,
                        },
                        Member::Field(_)
                        | Member::Interface { .. }
                        | Member::Client { .. }
                        | Member::Connector
                        | Member::Outside
                        | Member::Unknown(_)
                        | Member::NotFound => Ty::Outside,
                    },
                    base_ty @ Ty::Named(..)
                    | base_ty @ Ty::Pointer(_)
                    | base_ty @ Ty::Slice(_)
                    | base_ty @ Ty::Array(_)
                    | base_ty @ Ty::Map(..)
                    | base_ty @ Ty::Chan(_)
                    | base_ty @ Ty::Func { .. }
                    | base_ty @ Ty::InlineInterface(..)
                    | base_ty @ Ty::InlineStruct(..)
                    | base_ty @ Ty::Client { .. }
                    | base_ty @ Ty::Connector
                    | base_ty @ Ty::Outside
                    | base_ty @ Ty::Basic
                    | base_ty @ Ty::Package(_)
                    | base_ty @ Ty::Unknown(_) => self.selected(&base_ty, name, d),
                }
            }
            Expr::Call(call) => self.call_result(scope, &call.callee, &call.args, d),
            Expr::Composite { ty: Some(t), .. } => {
                self.resolve(scope.file, scope.function, &[], t, d)
            }
            Expr::Composite { ty: None, .. } => Ty::Basic,
            Expr::AddressOf(inner) => Ty::Pointer(Box::new(self.type_at(scope, inner, d))),
            Expr::Deref(inner) => match self.type_at(scope, inner, d) {
                Ty::Pointer(t) => *t,
                Ty::TypeName(t) => Ty::TypeName(Box::new(Ty::Pointer(t))),
                other @ Ty::Named(..)
                | other @ Ty::Slice(_)
                | other @ Ty::Array(_)
                | other @ Ty::Map(..)
                | other @ Ty::Chan(_)
                | other @ Ty::Func { .. }
                | other @ Ty::InlineInterface(..)
                | other @ Ty::InlineStruct(..)
                | other @ Ty::Client { .. }
                | other @ Ty::Connector
                | other @ Ty::Outside
                | other @ Ty::Basic
                | other @ Ty::Package(_)
                | other @ Ty::Unknown(_) => other,
            },
            Expr::Index(inner, args) => {
                match self.underlying_container(self.type_at(scope, inner, d), d) {
                    Ty::Slice(t) | Ty::Array(t) | Ty::Map(t, _) => *t,
                    // `F[T]`: a generic function instantiated; `T[A]`: a generic type.
                    f @ Ty::Func { .. } => self.instantiate(scope, args, f, d),
                    other @ (Ty::TypeName(_) | Ty::Outside | Ty::Unknown(_)) => other,
                    // A named type that is no container: Go indexes none (a type argument
                    // list is a TypeName); what rootlint cannot see into is unknown.
                    Ty::Named(k, _) => Ty::Unknown(format!(
                        "an index into a value of `{}`, whose elements rootlint cannot see",
                        self.type_name(k)
                    )),
                    // Strings, and what has no elements of the tree's types.
                    Ty::Pointer(_)
                    | Ty::Chan(_)
                    | Ty::InlineInterface(..)
                    | Ty::InlineStruct(..)
                    | Ty::Client { .. }
                    | Ty::Connector
                    | Ty::Basic
                    | Ty::Package(_) => Ty::Basic,
                }
            }
            Expr::TypeAssert(_, Some(t)) => self.resolve(scope.file, scope.function, &[], t, d),
            Expr::TypeAssert(inner, None) => self.type_at(scope, inner, d),
            Expr::Type(t) => Ty::TypeName(Box::new(self.resolve(
                scope.file,
                scope.function,
                &[],
                t,
                d,
            ))),
            Expr::FuncLit(k) => Ty::Func {
                targets: Vec::new(),
                results: scope
                    .function
                    .and_then(|f| f.closures.get((*k as usize).wrapping_sub(1)))
                    .map(|c| {
                        c.results
                            .iter()
                            .map(|r| match &r.ty {
                                Some(t) => self.resolve(scope.file, scope.function, &[], t, d),
                                None => Ty::Basic,
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            Expr::SliceOf(x) => sliced(self.type_at(scope, x, d)),
            Expr::Receive(ch) => match self.type_at(scope, ch, d) {
                Ty::Chan(t) => *t,
                Ty::Unknown(r) => Ty::Unknown(r),
                Ty::Outside => Ty::Outside,
                Ty::Named(..)
                | Ty::Pointer(_)
                | Ty::Slice(_)
                | Ty::Array(_)
                | Ty::Map(..)
                | Ty::Func { .. }
                | Ty::InlineInterface(..)
                | Ty::InlineStruct(..)
                | Ty::Client { .. }
                | Ty::Connector
                | Ty::Basic
                | Ty::Package(_)
                | Ty::TypeName(_) => {
                    Ty::Unknown("a value received from a channel of unknown type".into())
                }
            },
            Expr::Other(kind) => Ty::Unknown(format!("a `{}` expression", kind.replace('_', " "))),
        }
    }

    /// The type of `base.name` for a value `base` of type `base_ty`.
    fn selected(&'a self, base_ty: &Ty<'a>, name: &'a str, d: u32) -> Ty<'a> {
        let member = self.lookup(base_ty, name, d);
        match (&member, base_ty.pointee()) {
            // A method of a generic type's instance: its results with the instance's type
            // arguments.
            (
                Member::Methods {
                    methods,
                    promoted: false,
                    ..
                },
                Ty::Named(_, args),
            ) if !args.is_empty() => {
                let first = methods.first().copied();
                let subst: Vec<(&'a str, Ty<'a>)> = first
                    .map(|m| &self.ws.go(m.file).functions[m.function].type_params)
                    .into_iter()
                    .flatten()
                    .map(|p| p.name.as_str())
                    .zip(args.iter().cloned())
                    .collect();
                Ty::Func {
                    results: self.results_of(first, &subst, d),
                    targets: methods.clone(),
                }
            }
            _ => self.member_ty(member, d),
        }
    }

    fn member_ty(&'a self, m: Member<'a>, d: u32) -> Ty<'a> {
        match m {
            Member::Field(t) => t,
            Member::Methods { methods, .. } => Ty::Func {
                results: self.results_of(methods.first().copied(), &[], d),
                targets: methods,
            },
            // A typed client's method value, the connector's: results from outside the tree,
            // except the client's own builders.
            Member::Client { .. } | Member::Connector | Member::Outside | Member::NotFound => {
                Ty::Outside
            }
            Member::Interface { .. } => Ty::Func {
                targets: Vec::new(),
                results: vec![Ty::Outside],
            },
            Member::Unknown(r) => Ty::Unknown(r),
        }
    }

    /// Type arguments of `F[A, B]` given explicitly.
    fn instantiate(&'a self, scope: &Scope<'a>, args: &'a [Expr], f: Ty<'a>, d: u32) -> Ty<'a> {
        let Ty::Func { targets, .. } = &f else {
            return f;
        };
        let Some(&target) = targets.first() else {
            return f;
        };
        let decl = &self.ws.go(target.file).functions[target.function];
        let subst: Vec<(&'a str, Ty<'a>)> = decl
            .type_params
            .iter()
            .zip(args)
            .map(|(p, a)| (p.name.as_str(), self.type_at(scope, a, d).type_value()))
            .collect();
        Ty::Func {
            results: self.results_of(Some(target), &subst, d),
            targets: targets.clone(),
        }
    }

    /// The declared result types of a function, in its own file.
    fn results_of(
        &'a self,
        f: Option<FunctionRef>,
        subst: &[(&'a str, Ty<'a>)],
        d: u32,
    ) -> Vec<Ty<'a>> {
        let Some(f) = f else { return Vec::new() };
        let decl: &'a GoFunction = &self.ws.go(f.file).functions[f.function];
        decl.results
            .iter()
            .map(|r| match &r.ty {
                Some(t) => self.resolve(f.file, Some(decl), subst, t, d),
                None => Ty::Basic,
            })
            .collect()
    }

    fn ident(&'a self, scope: &Scope<'a>, name: &'a str, d: u32) -> Ty<'a> {
        if let Some(b) = scope.binding(name) {
            let inner = Scope {
                at: b.span.start_byte,
                ..*scope
            };
            if let Some(t) = &b.ty {
                return self.resolve(scope.file, scope.function, &[], t, d);
            }
            return match &b.value {
                BindingValue::Expr(v) => self.type_at(&inner, v, d),
                BindingValue::Tuple { call, index } => match call {
                    Expr::TypeAssert(..) | Expr::Index(..) if *index == 1 => Ty::Basic,
                    Expr::TypeAssert(..) | Expr::Index(..) => self.type_at(&inner, call, d),
                    Expr::Call(c) => match self.callee_type(&inner, &c.callee, &c.args, d) {
                        Ty::Func { results, .. } => {
                            results.into_iter().nth(*index).unwrap_or(Ty::Basic)
                        }
                        Ty::Outside | Ty::Basic => Ty::Outside,
                        Ty::Unknown(r) => Ty::Unknown(r),
                        Ty::Named(..)
                        | Ty::Pointer(_)
                        | Ty::Slice(_)
                        | Ty::Array(_)
                        | Ty::Map(..)
                        | Ty::Chan(_)
                        | Ty::InlineInterface(..)
                        | Ty::InlineStruct(..)
                        | Ty::Client { .. }
                        | Ty::Connector
                        | Ty::Package(_)
                        | Ty::TypeName(_) => Ty::Outside,
                    },
                    Expr::Str(_)
                    | Expr::Int(_)
                    | Expr::Ident(_)
                    | Expr::Selector(..)
                    | Expr::Binary(..)
                    | Expr::Composite { .. }
                    | Expr::AddressOf(_)
                    | Expr::Deref(_)
                    | Expr::Receive(_)
                    | Expr::SliceOf(_)
                    | Expr::Type(_)
                    | Expr::FuncLit(_)
                    | Expr::Other(_) => Ty::Basic,
                },
                BindingValue::Range { over, index } => {
                    match (
                        self.underlying_container(self.type_at(&inner, over, d), d),
                        index,
                    ) {
                        (Ty::Slice(_) | Ty::Array(_), 0) => Ty::Basic,
                        (Ty::Map(_, k), 0) => *k,
                        (Ty::Slice(t) | Ty::Array(t) | Ty::Map(t, _) | Ty::Chan(t), _) => *t,
                        (Ty::Unknown(r), _) => Ty::Unknown(r),
                        (Ty::Outside, _) => Ty::Outside,
                        // An iterator's values (Go 1.23), a named type rootlint cannot see
                        // into: unknown, never a value without methods.
                        (Ty::Func { .. } | Ty::Named(..) | Ty::TypeName(_), _) => Ty::Unknown(
                            "a value ranged over something rootlint cannot see into".to_string(),
                        ),
                        // Integers, strings (their bytes and runes), channels' indexes.
                        _ => Ty::Basic,
                    }
                }
                BindingValue::Declared => Ty::Unknown(format!("`{name}`, declared without a type")),
                BindingValue::Opaque(what) => Ty::Unknown(format!("`{name}`, set by {what}")),
            };
        }
        if let Some(f) = scope.function {
            if f.receiver_name.as_deref() == Some(name)
                && let Some(recv) = &f.receiver_type
            {
                let dir = scope.package_dir();
                return self.named_in(dir, recv, Vec::new(), d).unwrap_or_else(|| {
                    Ty::Unknown(format!("the type `{recv}`, which rootlint cannot find"))
                });
            }
            if let Some(p) = f.params.iter().chain(&f.results).find(|p| p.name == name) {
                return match &p.ty {
                    Some(t) if p.variadic => Ty::Slice(Box::new(self.resolve(
                        scope.file,
                        scope.function,
                        &[],
                        t,
                        d,
                    ))),
                    Some(t) => self.resolve(scope.file, scope.function, &[], t, d),
                    None => Ty::Unknown(format!("the parameter `{name}`")),
                };
            }
        }
        if matches!(name, "nil" | "true" | "false" | "iota") || BUILTIN_FUNCS.contains(&name) {
            return Ty::Basic;
        }
        if let Some(t) = self.in_package(scope.package_dir(), name, d) {
            return t;
        }
        if scope.import_path(name).is_some() {
            return Ty::Package(scope.import_path(name).unwrap_or_default());
        }
        for path in self.dot_imports(scope.file) {
            let t = self.package_member(path, name, d);
            if t != Ty::Outside || !self.ws.dir_by_import.contains_key(path) {
                return t;
            }
        }
        if PREDECLARED.contains(&name) {
            return Ty::TypeName(Box::new(Ty::Basic));
        }
        // Most likely a package from outside the tree whose name is not the one its path suggests.
        if self.imports_from_outside(scope.file) {
            return Ty::Outside;
        }
        Ty::Unknown(format!("`{name}`, which rootlint cannot find"))
    }

    /// A package-level name of the package in `dir`: a value, a function or a type.
    fn in_package(&'a self, dir: &'a str, name: &'a str, d: u32) -> Option<Ty<'a>> {
        if let Some(&(file, v)) = self.values.get(&(dir, name)) {
            let scope = Scope {
                ws: self.ws,
                catalog: self.catalog,
                types: self,
                file,
                function: None,
                at: u32::MAX,
                args: None,
            };
            return Some(match (&v.ty, &v.value) {
                (Some(t), _) => self.resolve(file, None, &[], t, d),
                (None, Some(e)) => self.type_at(&scope, e, d),
                (None, None) => Ty::Unknown(format!("`{name}`, declared without a type")),
            });
        }
        if let Some(fs) = self.funcs.get(&(dir, name)) {
            return Some(Ty::Func {
                targets: fs.clone(),
                results: self.results_of(fs.first().copied(), &[], d),
            });
        }
        self.named_in(dir, name, Vec::new(), d)
            .map(|t| Ty::TypeName(Box::new(t)))
    }

    /// `pkg.Name` for an imported package.
    fn package_member(&'a self, path: &'a str, name: &'a str, d: u32) -> Ty<'a> {
        if let Some(dir) = self.ws.dir_by_import.get(path)
            && let Some(t) = self.in_package(dir.as_str(), name, d)
        {
            return t;
        }
        match self.member_type(path, name, d) {
            Some(t @ (Ty::Client { .. } | Ty::Connector | Ty::Named(..))) => {
                Ty::TypeName(Box::new(t))
            }
            _ => Ty::Outside,
        }
    }

    /// The type of `callee(args)`.
    fn call_result(
        &'a self,
        scope: &Scope<'a>,
        callee: &'a Expr,
        args: &'a [Expr],
        d: u32,
    ) -> Ty<'a> {
        match self.callee_type(scope, callee, args, d) {
            Ty::Func { results, .. } => results.into_iter().next().unwrap_or(Ty::Basic),
            Ty::TypeName(t) => *t,
            other @ Ty::Named(..)
            | other @ Ty::Pointer(_)
            | other @ Ty::Slice(_)
            | other @ Ty::Array(_)
            | other @ Ty::Map(..)
            | other @ Ty::Chan(_)
            | other @ Ty::InlineInterface(..)
            | other @ Ty::InlineStruct(..)
            | other @ Ty::Client { .. }
            | other @ Ty::Connector
            | other @ Ty::Outside
            | other @ Ty::Basic
            | other @ Ty::Package(_)
            | other @ Ty::Unknown(_) => other,
        }
    }

    /// The result types of a call, with the type arguments of a generic function given or
    /// inferred.
    pub(crate) fn call_results(
        &'a self,
        scope: &Scope<'a>,
        c: &'a crate::facts::go::CallExpr,
    ) -> Vec<Ty<'a>> {
        match self.callee_type(scope, &c.callee, &c.args, 0) {
            Ty::Func { results, .. } => results,
            Ty::Named(..)
            | Ty::Pointer(_)
            | Ty::Slice(_)
            | Ty::Array(_)
            | Ty::Map(..)
            | Ty::Chan(_)
            | Ty::InlineInterface(..)
            | Ty::InlineStruct(..)
            | Ty::Client { .. }
            | Ty::Connector
            | Ty::Outside
            | Ty::Basic
            | Ty::Package(_)
            | Ty::TypeName(_)
            | Ty::Unknown(_) => Vec::new(),
        }
    }

    /// The type of what is called: a function value with its results, or a type (conversion).
    fn callee_type(
        &'a self,
        scope: &Scope<'a>,
        callee: &'a Expr,
        args: &'a [Expr],
        d: u32,
    ) -> Ty<'a> {
        if let Expr::Ident(name) = callee
            && scope.binding(name).is_none()
            && scope.param_type(name).is_none()
        {
            // The builtins whose result type depends on their first argument.
            let first = |as_type: bool| {
                args.first().map_or(Ty::Basic, |a| {
                    let t = self.type_at(scope, a, d);
                    if as_type { t.type_value() } else { t }
                })
            };
            let result = match name.as_str() {
                "new" => Some(Ty::Pointer(Box::new(first(true)))),
                "make" => Some(first(true)),
                "append" => Some(first(false)),
                _ => None,
            };
            if let Some(r) = result {
                return Ty::Func {
                    targets: Vec::new(),
                    results: vec![r],
                };
            }
            if BUILTIN_FUNCS.contains(&name.as_str()) {
                return Ty::Basic;
            }
        }
        // The framework's constructors and the client's builders.
        if let Some(client) = self.client_constructor(scope, callee, d) {
            return Ty::Func {
                targets: Vec::new(),
                results: vec![client],
            };
        }
        let t = self.type_at(scope, callee, d);
        match t {
            // A generic function called with inferred type arguments.
            Ty::Func { ref targets, .. } if !targets.is_empty() && !args.is_empty() => {
                self.infer(scope, targets, args, d).unwrap_or(t)
            }
            other @ Ty::Named(..)
            | other @ Ty::Pointer(_)
            | other @ Ty::Slice(_)
            | other @ Ty::Array(_)
            | other @ Ty::Map(..)
            | other @ Ty::Chan(_)
            | other @ Ty::Func { .. }
            | other @ Ty::InlineInterface(..)
            | other @ Ty::InlineStruct(..)
            | other @ Ty::Client { .. }
            | other @ Ty::Connector
            | other @ Ty::Outside
            | other @ Ty::Basic
            | other @ Ty::Package(_)
            | other @ Ty::TypeName(_)
            | other @ Ty::Unknown(_) => other,
        }
    }

    /// `api.NewClient(x)`, `api.NewMulticastClient(x)`, `c.ForHost(h)`, `c.WithOptions(…)`.
    fn client_constructor(&'a self, scope: &Scope<'a>, callee: &'a Expr, d: u32) -> Option<Ty<'a>> {
        let (path, name) = match callee {
            Expr::Selector(base, name) => match &**base {
                Expr::Ident(alias) if scope.imported_package(alias).is_some() => {
                    (scope.imported_package(alias)?, name.as_str())
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
                | Expr::Other(_) => {
                    if matches!(name.as_str(), "ForHost" | "WithOptions")
                        && let c @ Ty::Client { .. } = self.type_at(scope, base, d)
                    {
                        return Some(c);
                    }
                    return None;
                }
            },
            Expr::Ident(name) if scope.binding(name).is_none() => {
                let path = self
                    .dot_imports(scope.file)
                    .find(|p| self.catalog.api_packages.contains_key(*p))?;
                (path, name.as_str())
            }
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
            | Expr::Other(_) => return None,
        };
        let (api_package, _) = self.catalog.api_packages.get_key_value(path)?;
        match name {
            "NewClient" => Some(Ty::Client {
                api_package,
                multicast: false,
            }),
            "NewMulticastClient" => Some(Ty::Client {
                api_package,
                multicast: true,
            }),
            _ => None,
        }
    }

    /// Type arguments inferred from the arguments: a parameter declared as a bare type
    /// parameter (`x T`, `x *T`, `xs []T`) binds it.
    fn infer(
        &'a self,
        scope: &Scope<'a>,
        targets: &[FunctionRef],
        args: &'a [Expr],
        d: u32,
    ) -> Option<Ty<'a>> {
        let target = *targets.first()?;
        let decl: &'a GoFunction = &self.ws.go(target.file).functions[target.function];
        if decl.type_params.is_empty() {
            return None;
        }
        let mut subst: Vec<(&'a str, Ty<'a>)> = Vec::new();
        for (p, a) in decl.params.iter().zip(args) {
            let Some(t) = &p.ty else { continue };
            let mut arg = self.type_at(scope, a, d);
            let mut t = t;
            loop {
                match (t, arg) {
                    (TypeExpr::Pointer(inner), Ty::Pointer(a))
                    | (TypeExpr::Slice(inner), Ty::Slice(a))
                    | (TypeExpr::Array(inner), Ty::Array(a)) => {
                        t = inner;
                        arg = *a;
                    }
                    (
                        TypeExpr::Named {
                            qualifier: None,
                            name,
                            ..
                        },
                        a,
                    ) => {
                        if decl.type_params.iter().any(|tp| &tp.name == name)
                            && !subst.iter().any(|(n, _)| n == name)
                        {
                            subst.push((name.as_str(), a));
                        }
                        break;
                    }
                    _ => break,
                }
            }
        }
        Some(Ty::Func {
            results: self.results_of(Some(target), &subst, d),
            targets: targets.to_vec(),
        })
    }

    // ---- members ----------------------------------------------------------------------------

    /// What `name` selects on a value of type `ty`: fields and methods, promoted ones included
    /// (the shallowest embedding wins, as in Go).
    pub(crate) fn lookup(&'a self, ty: &Ty<'a>, name: &'a str, depth: u32) -> Member<'a> {
        match ty.pointee() {
            Ty::Named(key, args) => self.lookup_named(*key, args, name, depth),
            Ty::Client {
                api_package,
                multicast,
            } => {
                // Hand-written helper methods of an in-tree api package's client.
                if let Some(dir) = self.ws.dir_by_import.get(*api_package) {
                    let key = TypeKey {
                        dir: dir.as_str(),
                        name: if *multicast {
                            "MulticastClient"
                        } else {
                            "Client"
                        },
                    };
                    let methods = self.methods_of(key, name);
                    if !methods.is_empty() {
                        let declared_on = self.key_of_method(methods[0]).unwrap_or(key);
                        return Member::Methods {
                            methods: methods.to_vec(),
                            declared_on,
                            promoted: false,
                        };
                    }
                }
                Member::Client {
                    api_package,
                    multicast: *multicast,
                }
            }
            Ty::Connector => Member::Connector,
            Ty::InlineInterface(..) => match self.interface_methods(ty.pointee(), depth) {
                Some(methods) if methods.iter().any(|(m, _)| *m == name) => Member::Interface {
                    methods,
                    name: "an interface".into(),
                },
                _ => Member::NotFound,
            },
            Ty::Unknown(r) => Member::Unknown(r.clone()),
            Ty::InlineStruct(file, fields) => {
                match fields.iter().find(|f| f.name.as_deref() == Some(name)) {
                    Some(f) => Member::Field(self.resolve(*file, None, &[], &f.ty, depth + 1)),
                    // Embedded fields of a struct written in place are not followed.
                    None if fields.iter().any(|f| f.name.is_none()) => Member::Unknown(format!(
                        "`{name}`, which may be promoted from a field embedded in a struct written in place"
                    )),
                    None => Member::NotFound,
                }
            }
            Ty::Func { .. }
            | Ty::Slice(_)
            | Ty::Array(_)
            | Ty::Map(..)
            | Ty::Chan(_)
            | Ty::Basic => Member::NotFound,
            Ty::Outside | Ty::Package(_) | Ty::TypeName(_) | Ty::Pointer(_) => Member::Outside,
        }
    }

    fn key_of_method(&'a self, f: FunctionRef) -> Option<TypeKey<'a>> {
        let decl = &self.ws.go(f.file).functions[f.function];
        let dir = self.dir_of(f.file);
        Some(TypeKey {
            dir,
            name: decl.receiver_type.as_deref()?,
        })
    }

    fn lookup_named(
        &'a self,
        key: TypeKey<'a>,
        args: &[Ty<'a>],
        name: &'a str,
        depth: u32,
    ) -> Member<'a> {
        // Breadth-first over embedded fields, one level at a time.
        // (type, promoted, its fields only: the underlying type of a defined type `type X Y`,
        // whose methods X does not have)
        let mut level: Vec<(Ty<'a>, bool, bool)> =
            vec![(Ty::Named(key, args.to_vec()), false, false)];
        let mut seen: HashSet<(TypeKey<'a>, bool)> = HashSet::new();
        let mut outside_embed = false;
        let mut exhausted = true;
        for _ in 0..MAX_EMBEDDING {
            let mut found: Vec<Member<'a>> = Vec::new();
            let mut next: Vec<(Ty<'a>, bool, bool)> = Vec::new();
            let mut i = 0;
            while let Some((t, promoted, fields_only)) = level.get(i).cloned() {
                i += 1;
                let promoted = &promoted;
                match t.pointee() {
                    Ty::Named(k, args) => {
                        if !seen.insert((*k, fields_only)) {
                            continue;
                        }
                        let methods = if fields_only {
                            &[][..]
                        } else {
                            self.methods_of(*k, name)
                        };
                        if !methods.is_empty() {
                            found.push(Member::Methods {
                                methods: methods.to_vec(),
                                declared_on: *k,
                                promoted: *promoted,
                            });
                            continue;
                        }
                        let Some(&(file, decl)) = self.decls.get(&(k.dir, k.name)) else {
                            continue;
                        };
                        let subst: Vec<(&'a str, Ty<'a>)> = decl
                            .type_params
                            .iter()
                            .map(|p| p.name.as_str())
                            .zip(args.iter().cloned())
                            .collect();
                        match &decl.ty {
                            TypeExpr::Struct(fields) => {
                                for Field { name: n, ty } in fields {
                                    let resolved = self.resolve(file, None, &subst, ty, depth + 1);
                                    match n {
                                        Some(n) if n == name => found.push(Member::Field(resolved)),
                                        Some(_) => {}
                                        None => {
                                            let embedded_name = match ty {
                                                TypeExpr::Pointer(inner) => inner.base_name(),
                                                other @ TypeExpr::Named { .. }
                                                | other @ TypeExpr::Slice(_)
                                                | other @ TypeExpr::Array(_)
                                                | other @ TypeExpr::Map(..)
                                                | other @ TypeExpr::Chan(_)
                                                | other @ TypeExpr::Func(_)
                                                | other @ TypeExpr::Struct(_)
                                                | other @ TypeExpr::Interface(_)
                                                | other @ TypeExpr::Other(_) => other.base_name(),
                                            }
                                            .map(|(_, n)| n);
                                            if embedded_name == Some(name) {
                                                // The embedded field itself, by its type's name.
                                                found.push(Member::Field(resolved));
                                            } else {
                                                next.push((resolved, true, false));
                                            }
                                        }
                                    }
                                }
                            }
                            TypeExpr::Interface(_) => {
                                let iface = Ty::Named(*k, args.clone());
                                if let Some(methods) = self.interface_methods(&iface, depth)
                                    && methods.iter().any(|(m, _)| *m == name)
                                {
                                    found.push(Member::Interface {
                                        methods,
                                        name: self.type_name(*k),
                                    });
                                }
                            }
                            // A defined type: `type X Y` has Y's fields, not its methods;
                            // they are looked at on this level, as X's own.
                            TypeExpr::Named { .. }
                            | TypeExpr::Pointer(_)
                            | TypeExpr::Slice(_)
                            | TypeExpr::Array(_)
                            | TypeExpr::Map(..)
                            | TypeExpr::Chan(_)
                            | TypeExpr::Func(_)
                            | TypeExpr::Other(_) => {
                                let underlying =
                                    self.resolve(file, None, &subst, &decl.ty, depth + 1);
                                match underlying {
                                    Ty::Outside | Ty::Connector => outside_embed = true,
                                    Ty::Named(..) if !decl.alias => {
                                        level.push((underlying, *promoted, true))
                                    }
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
                                    | Ty::Basic
                                    | Ty::Package(_)
                                    | Ty::TypeName(_)
                                    | Ty::Unknown(_) => {}
                                }
                            }
                        }
                    }
                    other @ Ty::Pointer(_)
                    | other @ Ty::Slice(_)
                    | other @ Ty::Array(_)
                    | other @ Ty::Map(..)
                    | other @ Ty::Chan(_)
                    | other @ Ty::Func { .. }
                    | other @ Ty::InlineInterface(..)
                    | other @ Ty::InlineStruct(..)
                    | other @ Ty::Client { .. }
                    | other @ Ty::Connector
                    | other @ Ty::Outside
                    | other @ Ty::Basic
                    | other @ Ty::Package(_)
                    | other @ Ty::TypeName(_)
                    | other @ Ty::Unknown(_) => match self.lookup(other, name, depth + 1) {
                        Member::NotFound => {}
                        Member::Outside => outside_embed = true,
                        m @ Member::Field(_)
                        | m @ Member::Methods { .. }
                        | m @ Member::Interface { .. }
                        | m @ Member::Client { .. }
                        | m @ Member::Connector
                        | m @ Member::Unknown(_) => {
                            if let Ty::Connector | Ty::Client { .. } = other {
                                // Only names such a type really has are promoted from it.
                                if matches!(m, Member::Connector) && !is_connector_method(name) {
                                    outside_embed = true;
                                    continue;
                                }
                            }
                            found.push(m)
                        }
                    },
                }
            }
            if let Some(first) = found.into_iter().next() {
                return first;
            }
            if next.is_empty() {
                exhausted = false;
                break;
            }
            level = next;
        }
        // Embedded deeper than rootlint looks: the name may be down there (fail closed).
        if exhausted || outside_embed {
            Member::Outside
        } else {
            Member::NotFound
        }
    }

    // ---- interfaces -------------------------------------------------------------------------

    /// The methods (name, parameter count) of an interface type; `None` when `ty` is not one.
    /// Methods of embedded interfaces from outside the tree are not known and left out, so that
    /// more types qualify as implementations, never fewer.
    pub(crate) fn interface_methods(
        &'a self,
        ty: &Ty<'a>,
        depth: u32,
    ) -> Option<Vec<(&'a str, usize)>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (file, elems): (usize, &'a [InterfaceElem]) = match ty {
            Ty::InlineInterface(file, elems) => (*file, elems),
            Ty::Named(k, _) => {
                let &(file, decl) = self.decls.get(&(k.dir, k.name))?;
                match &decl.ty {
                    TypeExpr::Interface(elems) => (file, elems.as_slice()),
                    TypeExpr::Named { .. }
                    | TypeExpr::Pointer(_)
                    | TypeExpr::Slice(_)
                    | TypeExpr::Array(_)
                    | TypeExpr::Map(..)
                    | TypeExpr::Chan(_)
                    | TypeExpr::Func(_)
                    | TypeExpr::Struct(_)
                    | TypeExpr::Other(_) => return None,
                }
            }
            Ty::Pointer(_)
            | Ty::Slice(_)
            | Ty::Array(_)
            | Ty::Map(..)
            | Ty::Chan(_)
            | Ty::Func { .. }
            | Ty::InlineStruct(..)
            | Ty::Client { .. }
            | Ty::Connector
            | Ty::Outside
            | Ty::Basic
            | Ty::Package(_)
            | Ty::TypeName(_)
            | Ty::Unknown(_) => return None,
        };
        let mut out = Vec::new();
        for el in elems {
            match el {
                InterfaceElem::Method { name, params, .. } => out.push((name.as_str(), *params)),
                InterfaceElem::Embed(t) => {
                    let embedded = self.resolve(file, None, &[], t, depth + 1);
                    if let Some(more) = self.interface_methods(&embedded, depth + 1) {
                        out.extend(more);
                    }
                }
                InterfaceElem::Terms => {}
            }
        }
        out.sort();
        out.dedup();
        Some(out)
    }

    /// In-tree named types that implement an interface with these methods: each method is
    /// declared on the type or promoted to it with the same parameter count, or the type embeds
    /// something from outside the tree that might provide it. For each, the method `name`'s
    /// in-tree implementation, if any.
    pub(crate) fn implementations(
        &'a self,
        dispatch: &Dispatch<'a>,
        methods: &[(&'a str, usize)],
        name: &'a str,
    ) -> Vec<(TypeKey<'a>, Vec<FunctionRef>)> {
        // Only types that have the interface's first method, or may have any method, can match.
        let mut candidates: Vec<TypeKey<'a>> = match methods.first() {
            Some((m, _)) => dispatch
                .by_method
                .get(m)
                .into_iter()
                .flatten()
                .chain(&dispatch.open_or_connector)
                .copied()
                .collect(),
            None => dispatch.all.clone(),
        };
        candidates.sort();
        candidates.dedup();
        let mut out = Vec::new();
        for key in candidates {
            let Some((set, open, connector)) = dispatch.sets.get(&key) else {
                continue;
            };
            let (open, connector) = (*open, *connector);
            let has = |m: &str, n: usize| {
                set.iter().any(|(x, c, _)| *x == m && *c == n)
                    || (connector && is_connector_method(m))
            };
            if !methods.iter().all(|&(m, n)| has(m, n) || open) {
                continue;
            }
            let impls: Vec<FunctionRef> = set
                .iter()
                .filter(|(x, _, _)| *x == name)
                .flat_map(|(_, _, fs)| fs.iter().copied())
                .collect();
            out.push((key, impls));
        }
        out
    }

    /// The index that [`Types::implementations`] reads.
    pub(crate) fn dispatch(&'a self) -> Dispatch<'a> {
        let mut all: Vec<TypeKey<'a>> = self
            .method_sets
            .keys()
            .map(|&(dir, name)| TypeKey { dir, name })
            .chain(self.decls.iter().filter_map(|(&(dir, name), (_, decl))| {
                matches!(&decl.ty, TypeExpr::Struct(fs) if fs.iter().any(|f| f.name.is_none()))
                    .then_some(TypeKey { dir, name })
            }))
            .filter(|k| {
                !matches!(self.decls.get(&(k.dir, k.name)), Some((_, d)) if matches!(d.ty, TypeExpr::Interface(_)))
            })
            .collect();
        all.sort();
        all.dedup();
        let mut sets = HashMap::with_capacity(all.len());
        let mut by_method: HashMap<&'a str, Vec<TypeKey<'a>>> = HashMap::new();
        let mut open_or_connector = Vec::new();
        for &key in &all {
            let (set, open, connector) = self.method_set(key);
            for (m, _, _) in &set {
                by_method.entry(m).or_default().push(key);
            }
            if open || connector {
                open_or_connector.push(key);
            }
            sets.insert(key, (set, open, connector));
        }
        Dispatch {
            sets,
            by_method,
            open_or_connector,
            all,
        }
    }

    /// The full method set of an in-tree type (promoted methods included), whether it embeds
    /// something from outside the tree whose methods are unknown, and whether it embeds the
    /// connector (whose methods are known).
    fn method_set(&'a self, key: TypeKey<'a>) -> (MethodSet<'a>, bool, bool) {
        let mut out: MethodSet<'a> = Vec::new();
        let mut open = false;
        let mut connector = false;
        let mut level = vec![key];
        let mut seen = HashSet::new();
        let mut exhausted = true;
        for _ in 0..MAX_EMBEDDING {
            let mut next = Vec::new();
            let mut this_level: Vec<(&'a str, usize, Vec<FunctionRef>)> = Vec::new();
            for k in level {
                if !seen.insert(k) {
                    continue;
                }
                for &(m, n) in self
                    .method_sets
                    .get(&(k.dir, k.name))
                    .map_or(&[][..], |v| v)
                {
                    if !out.iter().any(|(x, _, _)| *x == m) {
                        this_level.push((m, n, self.methods_of(k, m).to_vec()));
                    }
                }
                let Some(&(file, decl)) = self.decls.get(&(k.dir, k.name)) else {
                    continue;
                };
                // A defined type (`type X Y`) has the fields of Y's struct, not Y's methods.
                let mut underlying = (file, decl);
                for _ in 0..MAX_EMBEDDING {
                    let TypeExpr::Named { .. } = &underlying.1.ty else {
                        break;
                    };
                    let Ty::Named(k, _) =
                        self.resolve(underlying.0, None, &[], &underlying.1.ty, 1)
                    else {
                        break;
                    };
                    match self.decls.get(&(k.dir, k.name)) {
                        Some(&d) => underlying = d,
                        None => break,
                    }
                }
                let (file, decl) = underlying;
                if let TypeExpr::Struct(fields) = &decl.ty {
                    for f in fields.iter().filter(|f| f.name.is_none()) {
                        match self.resolve(file, None, &[], &f.ty, 1).pointee() {
                            Ty::Named(k, _) => next.push(*k),
                            // The connector's methods are known: it provides those and no other.
                            Ty::Connector => connector = true,
                            Ty::Pointer(_)
                            | Ty::Slice(_)
                            | Ty::Array(_)
                            | Ty::Map(..)
                            | Ty::Chan(_)
                            | Ty::Func { .. }
                            | Ty::InlineInterface(..)
                            | Ty::InlineStruct(..)
                            | Ty::Client { .. }
                            | Ty::Outside
                            | Ty::Basic
                            | Ty::Package(_)
                            | Ty::TypeName(_)
                            | Ty::Unknown(_) => open = true,
                        }
                    }
                }
            }
            out.extend(this_level);
            if next.is_empty() {
                exhausted = false;
                break;
            }
            level = next;
        }
        // Embedded deeper than rootlint looks: methods it has not seen may be promoted.
        open |= exhausted;
        (out, open, connector)
    }

    /// The in-tree types a type's values carry with them by value (embedded or plain fields
    /// that are not pointers): creating the one creates zero values of the others.
    pub(crate) fn value_fields(&'a self, key: TypeKey<'a>) -> Vec<TypeKey<'a>> {
        let Some(&(file, decl)) = self.decls.get(&(key.dir, key.name)) else {
            return Vec::new();
        };
        let TypeExpr::Struct(fields) = &decl.ty else {
            return Vec::new();
        };
        fields
            .iter()
            .filter_map(|f| match self.resolve(file, None, &[], &f.ty, 1) {
                Ty::Named(k, _) => Some(k),
                Ty::Pointer(_)
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
                | Ty::TypeName(_)
                | Ty::Unknown(_) => None,
            })
            .collect()
    }

    /// The api packages whose typed clients a type embeds, directly or through the in-tree
    /// types it embeds (their methods are promoted: a value of the type can make their calls).
    pub(crate) fn embedded_clients(&'a self, dir: &str, name: &str) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut seen: HashSet<(&str, &str)> = HashSet::new();
        let mut work: Vec<(&str, &str)> = vec![(dir, name)];
        // Each type once: an embedding cycle (an error Go reports) ends here too.
        while let Some(k) = work.pop() {
            if !seen.insert(k) {
                continue;
            }
            let Some(&(file, decl)) = self.decls.get(&k) else {
                continue;
            };
            let TypeExpr::Struct(fields) = &decl.ty else {
                continue;
            };
            for f in fields.iter().filter(|f| f.name.is_none()) {
                match self.resolve(file, None, &[], &f.ty, 1).pointee() {
                    Ty::Named(k, _) => work.push((k.dir, k.name)),
                    Ty::Client { api_package, .. } => out.push(*api_package),
                    Ty::Pointer(_)
                    | Ty::Slice(_)
                    | Ty::Array(_)
                    | Ty::Map(..)
                    | Ty::Chan(_)
                    | Ty::Func { .. }
                    | Ty::InlineInterface(..)
                    | Ty::InlineStruct(..)
                    | Ty::Connector
                    | Ty::Outside
                    | Ty::Basic
                    | Ty::Package(_)
                    | Ty::TypeName(_)
                    | Ty::Unknown(_) => {}
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether the type embeds the connector (directly or through in-tree types): a service.
    pub(crate) fn embeds_connector(&'a self, key: TypeKey<'a>) -> bool {
        matches!(self.lookup_named(key, &[], "Request", 0), Member::Connector)
    }
}

impl<'a> Ty<'a> {
    /// The type an expression denotes when it is used as a type (`T` in `new(T)`).
    fn type_value(self) -> Ty<'a> {
        match self {
            Ty::TypeName(t) => *t,
            other @ Ty::Named(..)
            | other @ Ty::Pointer(_)
            | other @ Ty::Slice(_)
            | other @ Ty::Array(_)
            | other @ Ty::Map(..)
            | other @ Ty::Chan(_)
            | other @ Ty::Func { .. }
            | other @ Ty::InlineInterface(..)
            | other @ Ty::InlineStruct(..)
            | other @ Ty::Client { .. }
            | other @ Ty::Connector
            | other @ Ty::Outside
            | other @ Ty::Basic
            | other @ Ty::Package(_)
            | other @ Ty::Unknown(_) => other,
        }
    }
}

/// Methods of the framework's connector that rootlint knows to exist (those a service type
/// gets by embedding it, as far as they matter here).
fn is_connector_method(name: &str) -> bool {
    matches!(
        name,
        "Request"
            | "Publish"
            | "Go"
            | "Parallel"
            | "Subscribe"
            | "Unsubscribe"
            | "SetOnStartup"
            | "SetOnShutdown"
            | "Hostname"
            | "Lifetime"
            | "LogInfo"
            | "LogDebug"
            | "LogWarn"
            | "LogError"
            | "StartTicker"
            | "Deployment"
    )
}

/// The type of `x[i:j]` for an `x` of type `ty`: slicing an array (or a pointer to one) makes a
/// slice; a slice or a string stays what it is.
fn sliced(ty: Ty<'_>) -> Ty<'_> {
    match ty {
        Ty::Array(t) => Ty::Slice(t),
        Ty::Pointer(p) => match *p {
            Ty::Array(t) => Ty::Slice(t),
            other @ Ty::Named(..)
            | other @ Ty::Pointer(_)
            | other @ Ty::Slice(_)
            | other @ Ty::Map(..)
            | other @ Ty::Chan(_)
            | other @ Ty::Func { .. }
            | other @ Ty::InlineInterface(..)
            | other @ Ty::InlineStruct(..)
            | other @ Ty::Client { .. }
            | other @ Ty::Connector
            | other @ Ty::Outside
            | other @ Ty::Basic
            | other @ Ty::Package(_)
            | other @ Ty::TypeName(_)
            | other @ Ty::Unknown(_) => Ty::Pointer(Box::new(other)),
        },
        other @ Ty::Named(..)
        | other @ Ty::Slice(_)
        | other @ Ty::Map(..)
        | other @ Ty::Chan(_)
        | other @ Ty::Func { .. }
        | other @ Ty::InlineInterface(..)
        | other @ Ty::InlineStruct(..)
        | other @ Ty::Client { .. }
        | other @ Ty::Connector
        | other @ Ty::Outside
        | other @ Ty::Basic
        | other @ Ty::Package(_)
        | other @ Ty::TypeName(_)
        | other @ Ty::Unknown(_) => other,
    }
}

/// The package variables code assigns to outside their initializers (`v = e` in a function of
/// the package where no local `v` is in scope, `pkg.V = e` elsewhere), or whose address it
/// takes (`&v`, `&pkg.V`: `flag.StringVar(&v, …)` writes through it), with the first file that
/// does. One pass over every function: a lookup is then a hash probe.
fn assigned_package_vars<'a>(
    ws: &'a Workspace,
    values: &HashMap<(&'a str, &'a str), (usize, &'a PackageValue)>,
) -> HashMap<(&'a str, &'a str), usize> {
    let mut out: HashMap<(&'a str, &'a str), usize> = HashMap::new();
    let is_var = |dir: &str, name: &str| values.get(&(dir, name)).is_some_and(|(_, v)| !v.is_const);
    for package in ws.packages.values() {
        let dir = package.dir.as_str();
        for &file in &package.go_files {
            let facts = ws.go(file);
            // `pkg.V` of an imported tree package: its folder and name.
            let qualified = |e: &'a Expr| -> Option<(&'a str, &'a str)> {
                let Expr::Selector(base, name) = e else {
                    return None;
                };
                let Expr::Ident(alias) = base.as_ref() else {
                    return None;
                };
                let path = ws.import_named(file, alias)?;
                let dir = ws.dir_by_import.get(path)?;
                Some((dir.as_str(), name.as_str()))
            };
            for func in &facts.functions {
                let local = |name: &str, at: u32| {
                    func.params
                        .iter()
                        .chain(&func.results)
                        .any(|p| p.name == name)
                        || func.receiver_name.as_deref() == Some(name)
                        || func
                            .bindings_named(name)
                            .any(|b| b.declares && b.visible_at(at))
                };
                if !func.synthetic {
                    for b in func.bindings.iter().filter(|b| !b.declares) {
                        if is_var(dir, &b.name) && !local(&b.name, b.span.start_byte) {
                            out.entry((dir, b.name.as_str())).or_insert(file);
                        }
                    }
                }
                for st in &func.stores {
                    if let Some(k) = qualified(&st.target)
                        && is_var(k.0, k.1)
                    {
                        out.entry(k).or_insert(file);
                    }
                }
                // `&v` anywhere in a call, a binding, a store or a return.
                let mut stack = body_expressions(func);
                while let Some(e) = stack.pop() {
                    if let Expr::AddressOf(inner) = e {
                        let target = match inner.as_ref() {
                            Expr::Ident(n) if is_var(dir, n) => Some((dir, n.as_str())),
                            other @ Expr::Str(_)
                            | other @ Expr::Int(_)
                            | other @ Expr::Ident(_)
                            | other @ Expr::Selector(..)
                            | other @ Expr::Call(_)
                            | other @ Expr::Binary(..)
                            | other @ Expr::Composite { .. }
                            | other @ Expr::AddressOf(_)
                            | other @ Expr::Deref(_)
                            | other @ Expr::Receive(_)
                            | other @ Expr::SliceOf(_)
                            | other @ Expr::Index(..)
                            | other @ Expr::TypeAssert(..)
                            | other @ Expr::Type(_)
                            | other @ Expr::FuncLit(_)
                            | other @ Expr::Other(_) => {
                                qualified(other).filter(|k| is_var(k.0, k.1))
                            }
                        };
                        if let Some(k) = target {
                            out.entry(k).or_insert(file);
                        }
                    }
                    stack.extend(e.children());
                }
            }
        }
    }
    out
}

/// The expressions of a body's calls, bindings, stores and returns (their sub-expressions are
/// each one's `children`).
fn body_expressions(func: &GoFunction) -> Vec<&Expr> {
    let mut out: Vec<&Expr> = Vec::new();
    for c in &func.calls {
        out.push(&c.callee);
        out.extend(c.args.iter());
    }
    let values = func
        .bindings
        .iter()
        .map(|b| &b.value)
        .chain(func.stores.iter().map(|st| &st.value));
    for v in values {
        if let BindingValue::Expr(e) = v {
            out.push(e);
        }
    }
    for r in &func.returns {
        out.extend(r.values.iter());
    }
    out
}
