//! Go facts: what rootlint needs from one Go file, as plain data.
//!
//! The extractor walks a tree-sitter-go syntax tree once and keeps imports, type declarations,
//! package-level constants and variables, functions with their parameters, scoped local
//! bindings and calls, the types their bodies instantiate, and `//rootlint:` directives.
//! Everything after this stage works on these facts, never on syntax nodes, so facts can be
//! cached per file and shared by the CLI and the language server.
//!
//! Hostile input: every walk is iterative or bounded by [`MAX_NESTING`]; a file nested deeper
//! is reported (`nesting_limit`) rather than half-read.

use serde::{Deserialize, Serialize};

use crate::span::Span;

mod extract;

pub use extract::from_source;

/// How deep an expression or a type may nest before the extractor gives up on the file. Real
/// Go stays far below it; a hostile file past it is reported as not analyzed.
pub const MAX_NESTING: u32 = 200;

/// The stack a thread needs to extract facts: expressions and types nest up to
/// [`MAX_NESTING`] levels, and unoptimized builds use large frames.
pub const EXTRACTION_STACK: usize = 8 * 1024 * 1024;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
/// Everything rootlint reads from one Go file.
pub struct GoFileFacts {
    /// The package clause's name.
    pub package: String,
    /// The import declarations, in source order.
    pub imports: Vec<GoImport>,
    /// Top-level type declarations.
    pub types: Vec<TypeDecl>,
    /// Package-level constants and variables.
    pub values: Vec<PackageValue>,
    /// Functions and methods, and the file's package-level initializers as one synthetic function ([`INITIALIZERS`]).
    pub functions: Vec<GoFunction>,
    /// `//rootlint:` comments, for suppressions.
    pub directives: Vec<Directive>,
    /// Where tree-sitter had to recover from a syntax error, if anywhere.
    pub syntax_error: Option<Span>,
    /// Where an expression or type nested deeper than [`MAX_NESTING`], if anywhere.
    pub nesting_limit: Option<Span>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
/// One import of a file's import declarations.
pub struct GoImport {
    /// The explicit alias (`bt` in `bt "…/bearertokenapi"`), if any.
    pub alias: Option<String>,
    /// The import path, unquoted.
    pub path: String,
}

impl GoImport {
    /// The name the importing file uses for the package; `None` for `_` and `.` imports.
    pub fn local_name(&self) -> Option<&str> {
        match self.alias.as_deref() {
            Some("_") | Some(".") => None,
            Some(alias) => Some(alias),
            None => Some(default_package_name(&self.path)),
        }
    }

    /// A dot import (`import . "…/rolesapi"`): the package's names are used unqualified.
    pub fn is_dot(&self) -> bool {
        self.alias.as_deref() == Some(".")
    }
}

/// The package name assumed for an import path when the import gives no alias, as goimports
/// assumes it: the last element, skipping a `/vN` suffix, without a `go-` prefix, cut at the
/// first character that cannot be in an identifier (`nats.go` → `nats`, `yaml.v3` → `yaml`).
pub fn default_package_name(path: &str) -> &str {
    let mut parts = path.rsplit('/');
    let last = parts.next().unwrap_or(path);
    let is_version =
        last.len() > 1 && last.starts_with('v') && last[1..].bytes().all(|b| b.is_ascii_digit());
    let base = if is_version {
        parts.next().unwrap_or(last)
    } else {
        last
    };
    let base = base.strip_prefix("go-").unwrap_or(base);
    let end = base
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(base.len());
    &base[..end]
}

/// A Go type as written.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TypeExpr {
    /// `T`, `pkg.T`, `T[A, B]`.
    Named {
        /// The package name qualifying the type (`pkg` in `pkg.T`).
        qualifier: Option<String>,
        /// The type's name.
        name: String,
        /// Type arguments of a generic instance.
        args: Vec<TypeExpr>,
    },
    /// `*T`.
    Pointer(Box<TypeExpr>),
    /// `[]T`.
    Slice(Box<TypeExpr>),
    /// `[N]T`, `[...]T`.
    Array(Box<TypeExpr>),
    /// `map[K]V`: key and value.
    Map(Box<TypeExpr>, Box<TypeExpr>),
    /// `chan T`, in any direction.
    Chan(Box<TypeExpr>),
    /// `func(…) …`.
    Func(Box<Signature>),
    /// `struct { … }`.
    Struct(Vec<Field>),
    /// `interface { … }`.
    Interface(Vec<InterfaceElem>),
    /// A type rootlint does not model, by its syntax kind.
    Other(String),
}

impl TypeExpr {
    /// The named type `qualifier.name`, without type arguments.
    pub fn named(qualifier: Option<&str>, name: &str) -> TypeExpr {
        TypeExpr::Named {
            qualifier: qualifier.map(str::to_string),
            name: name.to_string(),
            args: Vec::new(),
        }
    }

    /// `(qualifier, name)` of a named type, through any pointers.
    pub fn base_name(&self) -> Option<(Option<&str>, &str)> {
        match self {
            TypeExpr::Named {
                qualifier, name, ..
            } => Some((qualifier.as_deref(), name.as_str())),
            TypeExpr::Pointer(inner) => inner.base_name(),
            _ => None,
        }
    }

    /// The element type of a slice or array.
    pub fn slice_element(&self) -> Option<&TypeExpr> {
        match self {
            TypeExpr::Slice(e) | TypeExpr::Array(e) => Some(e),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// A function type's parameters and results.
pub struct Signature {
    /// The parameters, one per name (`a, b int` is two).
    pub params: Vec<Param>,
    /// The results, named or not.
    pub results: Vec<Param>,
}

/// A struct field; `name` is `None` for an embedded field.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Field {
    /// The field's name.
    pub name: Option<String>,
    /// The field's type.
    pub ty: TypeExpr,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// One element of an interface type.
pub enum InterfaceElem {
    /// A method: its name, how many parameters it takes, and its result types.
    Method {
        /// The method's name.
        name: String,
        /// How many parameters it takes.
        params: usize,
        /// Its result types.
        results: Vec<TypeExpr>,
    },
    /// An embedded interface.
    Embed(TypeExpr),
    /// A type set term (`~int | string`): constraints only, no methods.
    Terms,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// A type parameter (`T any`).
pub struct TypeParam {
    /// The parameter's name.
    pub name: String,
    /// Its constraint.
    pub constraint: TypeExpr,
}

/// `type Name[P C] T` or `type Name = T`.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct TypeDecl {
    /// The declared name.
    pub name: String,
    /// Span of the name.
    pub span: Span,
    /// Type parameters of a generic type.
    pub type_params: Vec<TypeParam>,
    /// An alias (`type A = B`) rather than a new type.
    pub alias: bool,
    /// The type it declares, or aliases.
    pub ty: TypeExpr,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
/// A package-level constant or variable (one per name of a `const` or `var` spec).
pub struct PackageValue {
    /// The declared name.
    pub name: String,
    /// Declared with `const`.
    pub is_const: bool,
    /// The declared type, if written.
    pub ty: Option<TypeExpr>,
    /// The initializer, if any (for `iota` constants, the implicit repetition is not modelled).
    pub value: Option<Expr>,
    /// Span of the name.
    pub span: Span,
    /// For a composite literal value: the span of each keyed field's value (`Route: ":666/x"`).
    pub field_spans: Vec<(String, Span)>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
/// A function parameter or result.
pub struct Param {
    /// Its name; empty for an unnamed one.
    pub name: String,
    /// Its type, if written.
    pub ty: Option<TypeExpr>,
    /// The last parameter takes `...T`.
    pub variadic: bool,
}

/// The name Go gives the functions that hold a file's package-level variable initializers:
/// they run as part of package initialization, as `init` functions do.
pub const INITIALIZERS: &str = "init";

#[derive(Clone, Debug, Serialize, Deserialize)]
/// A function or method with what its body binds and calls.
pub struct GoFunction {
    /// The function's name ([`INITIALIZERS`] for the synthetic one).
    pub name: String,
    /// Receiver type name of a method, without pointer or type arguments (`Service` in
    /// `(svc *Service)`, `List` in `(l *List[T])`).
    pub receiver_type: Option<String>,
    /// The receiver's name (`svc` in `(svc *Service)`).
    pub receiver_name: Option<String>,
    /// Type parameters of a generic function, or of a generic receiver type (their names, with
    /// the receiver type's constraints unknown here: `any`).
    pub type_params: Vec<TypeParam>,
    /// The parameters, in order.
    pub params: Vec<Param>,
    /// The results, in order.
    pub results: Vec<Param>,
    /// Span of the function's name.
    pub span: Span,
    /// Every local binding of the body, closures included, in source order.
    pub bindings: Vec<Binding>,
    /// Every call in the body, nested ones and those in closures included, in source order.
    pub calls: Vec<CallExpr>,
    /// Types whose values the body creates (`T{…}`, `&T{…}`, `new(T)`), for interface dispatch.
    pub instantiates: Vec<TypeExpr>,
    /// Not a declared function: the package-level variable initializers of the file.
    pub synthetic: bool,
    /// Indices into `bindings`, ordered by name, then source order: lookups by name are a
    /// binary search, whatever the size of the function.
    pub binding_index: Vec<u32>,
    /// The function literals of the body, in source order; closure `k` (1-based, as in
    /// [`Expr::FuncLit`] and [`CallExpr::closure`]) is `closures[k - 1]`.
    pub closures: Vec<Closure>,
    /// Every `return` statement, closures' included.
    pub returns: Vec<Return>,
    /// Every store to something other than a plain name (`x.f = v`, `m[k] = v`, `*p = v`) and
    /// every channel send (`ch <- v`), closures' included: the value flow reads them.
    pub stores: Vec<Store>,
    /// Types declared in the body, in source order.
    pub local_types: Vec<TypeDecl>,
    /// Locals made by `name := make(chan …)` that the body (closures included) declares once
    /// and uses only to send, receive and range over: no other code can reach the channel, so
    /// its elements are its own rather than every channel's of its type. Sorted.
    #[serde(default)]
    pub confined_channels: Vec<String>,
}

/// A function literal inside a function's body.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Closure {
    /// The literal's span.
    pub span: Span,
    /// The closure it is written in (0: the function itself).
    pub parent: u32,
    /// Its parameters.
    pub params: Vec<Param>,
    /// Its results.
    pub results: Vec<Param>,
}

/// A `return` statement.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Return {
    /// The returned expressions (one call for `return f()` of several results).
    pub values: Vec<Expr>,
    /// The closure it returns from (0: the function itself).
    pub closure: u32,
    /// The statement's span.
    pub span: Span,
}

/// What a [`Store`] writes.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub enum StoreKind {
    /// `target = value` (or `:=` into a field or element).
    Assign,
    /// `target <- value`: the target is the channel.
    Send,
}

/// A store to a field, an element, a pointer's target or a channel.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Store {
    /// Where the value goes.
    pub target: Expr,
    /// The value stored.
    pub value: BindingValue,
    /// Assignment or send.
    pub kind: StoreKind,
    /// The closure the statement is in (0: the function itself).
    pub closure: u32,
    /// The statement's span.
    pub span: Span,
}

impl GoFunction {
    /// The bindings named `name`, in source order.
    pub fn bindings_named<'a>(
        &'a self,
        name: &str,
    ) -> impl DoubleEndedIterator<Item = &'a Binding> + 'a {
        let index = &self.binding_index;
        let name_of = |i: &u32| self.bindings[*i as usize].name.as_str();
        let start = index.partition_point(|i| name_of(i) < name);
        let len = index[start..].partition_point(|i| name_of(i) == name);
        index[start..start + len]
            .iter()
            .map(move |&i| &self.bindings[i as usize])
    }

    fn index_bindings(&mut self) {
        let mut index: Vec<u32> = (0..self.bindings.len() as u32).collect();
        index.sort_by(|a, b| {
            self.bindings[*a as usize]
                .name
                .cmp(&self.bindings[*b as usize].name)
                .then(a.cmp(b))
        });
        self.binding_index = index;
    }
}

/// A local name given a value: `x := e`, `var x T = e`, `x = e`, a closure's parameter, a range
/// variable, a type switch's variable.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Binding {
    /// The bound name.
    pub name: String,
    /// The declared type, if written (`var x T`); boxed, since most bindings (`x := e`) have
    /// none.
    pub ty: Option<Box<TypeExpr>>,
    /// The value bound.
    pub value: BindingValue,
    /// Span of the name.
    pub span: Span,
    /// The block the name is declared in (`:=`, `var`, parameters); for a plain assignment
    /// (`x = e`), the whole function: the assignment outlives the block it is in.
    pub scope: Span,
    /// Declares the name (`:=`, `var`, a parameter), rather than assigning to it.
    pub declares: bool,
}

impl Binding {
    /// Whether the binding is in scope at a byte offset after it.
    pub fn visible_at(&self, at: u32) -> bool {
        self.span.start_byte < at && at <= self.scope.end_byte
    }
}

/// How an opaque binding of a compound assignment (`x += y`) starts: such a value is a number
/// or a string, never something that flows.
pub const COMPOUND_ASSIGNMENT: &str = "the compound assignment";

#[derive(Clone, Debug, Serialize, Deserialize)]
/// What a [`Binding`] gives its name.
pub enum BindingValue {
    /// A single expression.
    Expr(Expr),
    /// One result of a multi-value call (`a, b := f()`), or the `ok` of a type assertion.
    Tuple {
        /// The call or assertion.
        call: Expr,
        /// Which of its results.
        index: usize,
    },
    /// A range loop variable: the key (0) or element (1) of ranging over `over`.
    Range {
        /// What is ranged over.
        over: Expr,
        /// 0 for the key, 1 for the element.
        index: usize,
    },
    /// A declaration without a value (`var c api.Client`, a closure's parameter).
    Declared,
    /// A value Go computes at run time from an operation rootlint does not model.
    Opaque(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
/// A call expression.
pub struct CallExpr {
    /// What is called.
    pub callee: Expr,
    /// The arguments, in order.
    pub args: Vec<Expr>,
    /// The last argument is spread (`opts...`).
    pub spread: bool,
    /// Span of the whole call.
    pub span: Span,
    /// The span of each argument, for findings about a literal argument.
    pub arg_spans: Vec<Span>,
    /// The closure the call is written in (0: the function itself), for calls the function's
    /// facts list.
    pub closure: u32,
}

/// The subset of Go expressions that static resolution can use. Anything else is `Other`,
/// named by its syntax kind so that resolution can say why it gave up.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub enum Expr {
    /// A string literal, unescaped.
    Str(String),
    /// An integer literal.
    Int(i64),
    /// A name.
    Ident(String),
    /// `x.name`.
    Selector(Box<Expr>, String),
    /// A call.
    Call(Box<CallExpr>),
    /// `a op b`, with the operator's text.
    Binary(String, Box<Expr>, Box<Expr>),
    /// A composite literal: `T{…}`.
    Composite {
        /// Its type, unless elided (boxed, as in `Type` and `TypeAssert`: an `Expr` stays 48
        /// bytes, and call arguments and bindings hold them inline).
        ty: Option<Box<TypeExpr>>,
        /// Its elements, with their keys when keyed by a field name.
        elements: Vec<(Option<String>, Expr)>,
    },
    /// `&x`.
    AddressOf(Box<Expr>),
    /// `*x`: a dereference, or a pointer type in expression position (`(*T).M`).
    Deref(Box<Expr>),
    /// `<-ch`: a value received from a channel.
    Receive(Box<Expr>),
    /// `x[i:j]` (or `x[i:j:k]`): the elements of `x`, whatever the bounds.
    SliceOf(Box<Expr>),
    /// `x[i]`, or a generic instantiation `F[T]`.
    Index(Box<Expr>, Vec<Expr>),
    /// `x.(T)`; `None` for the `x.(type)` of a type switch.
    TypeAssert(Box<Expr>, Option<Box<TypeExpr>>),
    /// A type in expression position (`[]byte` in `[]byte(s)`, `T[int]` in a conversion).
    Type(Box<TypeExpr>),
    /// A function literal: its closure index in the enclosing function (its body's facts
    /// belong to the enclosing function, each marked with this index).
    FuncLit(u32),
    /// Anything else, named by its syntax kind.
    Other(String),
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
/// A `//rootlint:` comment.
pub struct Directive {
    /// The comment text after `//`, trimmed.
    pub text: String,
    /// Span of the comment.
    pub span: Span,
    /// The comment shares its line with code (a trailing comment).
    pub trailing: bool,
}

impl Expr {
    /// The direct sub-expressions (not those of types).
    pub fn children(&self) -> Vec<&Expr> {
        match self {
            Expr::Selector(b, _)
            | Expr::AddressOf(b)
            | Expr::Deref(b)
            | Expr::Receive(b)
            | Expr::SliceOf(b) => {
                vec![b]
            }
            Expr::TypeAssert(b, _) => vec![b],
            Expr::Call(c) => std::iter::once(&c.callee).chain(&c.args).collect(),
            Expr::Binary(_, l, r) => vec![l, r],
            Expr::Composite { elements, .. } => elements.iter().map(|(_, e)| e).collect(),
            Expr::Index(b, i) => std::iter::once(&**b).chain(i).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the expression or any sub-expression satisfies `f` (bounded by the nesting limit
    /// the extractor enforces).
    pub fn any(&self, f: &mut dyn FnMut(&Expr) -> bool) -> bool {
        f(self) || self.children().into_iter().any(|c| c.any(f))
    }
}

impl Expr {
    fn children_mut(&mut self) -> Vec<&mut Expr> {
        match self {
            Expr::Selector(b, _)
            | Expr::AddressOf(b)
            | Expr::Deref(b)
            | Expr::Receive(b)
            | Expr::SliceOf(b) => {
                vec![&mut **b]
            }
            Expr::TypeAssert(b, _) => vec![&mut **b],
            Expr::Call(c) => {
                let c = &mut **c;
                std::iter::once(&mut c.callee).chain(&mut c.args).collect()
            }
            Expr::Binary(_, l, r) => vec![&mut **l, &mut **r],
            Expr::Composite { elements, .. } => elements.iter_mut().map(|(_, e)| e).collect(),
            Expr::Index(b, i) => std::iter::once(&mut **b).chain(i.iter_mut()).collect(),
            _ => Vec::new(),
        }
    }
}

/// Gives back the spare capacity of an expression's vectors, depth-first. Bounded: extraction
/// stops nesting at [`MAX_NESTING`].
fn shrink_expr(e: &mut Expr) {
    match e {
        Expr::Call(c) => {
            c.args.shrink_to_fit();
            c.arg_spans.shrink_to_fit();
        }
        Expr::Composite { elements, .. } => elements.shrink_to_fit(),
        Expr::Index(_, i) => i.shrink_to_fit(),
        _ => {}
    }
    for child in e.children_mut() {
        shrink_expr(child);
    }
}

/// The same for a type's vectors.
fn shrink_type(t: &mut TypeExpr) {
    match t {
        TypeExpr::Named { args, .. } => {
            args.shrink_to_fit();
            args.iter_mut().for_each(shrink_type);
        }
        TypeExpr::Struct(fields) => fields.shrink_to_fit(),
        TypeExpr::Interface(elems) => elems.shrink_to_fit(),
        _ => {}
    }
}

impl GoFileFacts {
    /// Gives back the spare capacity of the vectors that stay: facts of every file that can
    /// matter are resident until the analysis ends, and amortized growth leaves up to half of
    /// each vector unused.
    pub fn shrink_to_fit(&mut self) {
        self.imports.shrink_to_fit();
        self.types.shrink_to_fit();
        for t in &mut self.types {
            t.type_params.shrink_to_fit();
            shrink_type(&mut t.ty);
        }
        self.values.shrink_to_fit();
        for v in &mut self.values {
            v.field_spans.shrink_to_fit();
            v.ty.iter_mut().for_each(shrink_type);
            v.value.iter_mut().for_each(shrink_expr);
        }
        self.directives.shrink_to_fit();
        self.functions.shrink_to_fit();
        for f in &mut self.functions {
            f.params.shrink_to_fit();
            f.results.shrink_to_fit();
            f.bindings.shrink_to_fit();
            for b in &mut f.bindings {
                match &mut b.value {
                    BindingValue::Expr(e)
                    | BindingValue::Tuple { call: e, .. }
                    | BindingValue::Range { over: e, .. } => shrink_expr(e),
                    _ => {}
                }
            }
            f.calls.shrink_to_fit();
            f.closures.shrink_to_fit();
            f.local_types.shrink_to_fit();
            f.confined_channels.shrink_to_fit();
            f.returns.shrink_to_fit();
            f.stores.shrink_to_fit();
            for r in &mut f.returns {
                r.values.iter_mut().for_each(shrink_expr);
            }
            for st in &mut f.stores {
                shrink_expr(&mut st.target);
                match &mut st.value {
                    BindingValue::Expr(e)
                    | BindingValue::Tuple { call: e, .. }
                    | BindingValue::Range { over: e, .. } => shrink_expr(e),
                    _ => {}
                }
            }
            f.instantiates.shrink_to_fit();
            f.binding_index.shrink_to_fit();
            for c in &mut f.calls {
                c.args.shrink_to_fit();
                c.arg_spans.shrink_to_fit();
                shrink_expr(&mut c.callee);
                c.args.iter_mut().for_each(shrink_expr);
            }
        }
    }

    /// Moves every byte offset by the shift of its line (facts of a compacted source).
    pub fn shift_bytes(&mut self, shift: &dyn Fn(u32) -> u32) {
        let fix = |s: &mut Span| {
            s.start_byte += shift(s.start_line);
            s.end_byte += shift(s.end_line);
        };
        fn fix_expr(e: &mut Expr, fix: &dyn Fn(&mut Span)) {
            if let Expr::Call(c) = e {
                fix(&mut c.span);
                c.arg_spans.iter_mut().for_each(fix);
            }
            for child in e.children_mut() {
                fix_expr(child, fix);
            }
        }
        for s in self.syntax_error.iter_mut().chain(&mut self.nesting_limit) {
            fix(s);
        }
        for t in &mut self.types {
            fix(&mut t.span);
        }
        for v in &mut self.values {
            fix(&mut v.span);
            v.field_spans.iter_mut().for_each(|(_, s)| fix(s));
            if let Some(e) = &mut v.value {
                fix_expr(e, &fix);
            }
        }
        for d in &mut self.directives {
            fix(&mut d.span);
        }
        for f in &mut self.functions {
            fix(&mut f.span);
            for b in &mut f.bindings {
                fix(&mut b.span);
                fix(&mut b.scope);
                match &mut b.value {
                    BindingValue::Expr(e)
                    | BindingValue::Tuple { call: e, .. }
                    | BindingValue::Range { over: e, .. } => fix_expr(e, &fix),
                    _ => {}
                }
            }
            for c in &mut f.calls {
                fix(&mut c.span);
                c.arg_spans.iter_mut().for_each(fix);
                fix_expr(&mut c.callee, &fix);
                c.args.iter_mut().for_each(|a| fix_expr(a, &fix));
            }
            for c in &mut f.closures {
                fix(&mut c.span);
            }
            for r in &mut f.returns {
                fix(&mut r.span);
                r.values.iter_mut().for_each(|e| fix_expr(e, &fix));
            }
            for st in &mut f.stores {
                fix(&mut st.span);
                fix_expr(&mut st.target, &fix);
                match &mut st.value {
                    BindingValue::Expr(e)
                    | BindingValue::Tuple { call: e, .. }
                    | BindingValue::Range { over: e, .. } => fix_expr(e, &fix),
                    _ => {}
                }
            }
        }
    }
}
