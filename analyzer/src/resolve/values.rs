//! Stage 6, resolution: static values: what a Go expression evaluates to, as far as rootlint can prove it.
//!
//! Strings are templates of literal pieces and holes; a hole carries the reason it could not be
//! resolved (a parameter, a field, a call result…), which findings quote. Constants are followed
//! across the files of a package and into imported packages of the tree, and the framework's
//! helpers (`httpx.JoinHostAndPath`, `fmt.Sprintf`, `api.X.URL()`, `pub.*` options, typed
//! client constructors) are modelled.

use crate::facts::go::{Binding, BindingValue, Expr, GoFunction, TypeExpr};
use crate::resolve::types::{Ty, Types};
use crate::workspace::Workspace;
use crate::workspace::catalog::{Catalog, EndpointId};

pub(crate) const PUB: &str = "github.com/microbus-io/fabric/pub";
pub(crate) const HTTPX: &str = "github.com/microbus-io/fabric/httpx";

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Piece {
    Lit(String),
    /// A part of the string rootlint cannot know, and why.
    Hole(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Default, Hash, PartialOrd, Ord)]
pub(crate) struct Template(pub(crate) Vec<Piece>);

impl Template {
    pub(crate) fn lit(s: impl Into<String>) -> Template {
        Template(vec![Piece::Lit(s.into())])
    }

    pub(crate) fn hole(reason: impl Into<String>) -> Template {
        Template(vec![Piece::Hole(reason.into())])
    }

    pub(crate) fn concat(mut self, other: Template) -> Template {
        for p in other.0 {
            match (self.0.last_mut(), p) {
                (Some(Piece::Lit(a)), Piece::Lit(b)) => a.push_str(&b),
                (_, p) => self.0.push(p),
            }
        }
        self
    }

    /// The whole string, if it has no hole.
    pub(crate) fn literal(&self) -> Option<String> {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Hole(_) => return None,
            }
        }
        Some(out)
    }

    pub(crate) fn first_hole(&self) -> Option<&str> {
        self.0.iter().find_map(|p| match p {
            Piece::Hole(r) => Some(r.as_str()),
            Piece::Lit(_) => None,
        })
    }

    fn starts_with_lit(&self, prefix: &str) -> bool {
        matches!(self.0.first(), Some(Piece::Lit(s)) if s.starts_with(prefix))
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum HostChoice {
    /// The api package's own hostname.
    Default,
    Literal(String),
    Dynamic(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Client {
    pub(crate) api_package: String,
    pub(crate) multicast: bool,
    pub(crate) host: HostChoice,
    /// The client came in as a parameter or receiver: its host is assumed to be the default.
    pub(crate) from_parameter: Option<String>,
    /// How the client was reached when gencreds' scan would not follow it (a struct field, a
    /// function's result, a dot import, …): `gencreds_blind_spot` names it.
    pub(crate) via: Option<String>,
    /// Options from `WithOptions`, in order: applied after the request's own.
    pub(crate) options: Vec<PubOption>,
}

/// One `pub` option, in the order the call passes it: the connector applies options in order
/// (`pub.Request.Apply`), so a later one wins.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum PubOption {
    Method(Template),
    /// The URL, and whether it is a string literal right in the call (what gencreds can read).
    Url(Template, bool),
    MethodUrl(String, Template, bool),
    /// `pub.RelativeURL(r)`: `r` resolved against the URL set so far (`url.ResolveReference`),
    /// which can replace the host and the port.
    RelativeUrl(Template),
    /// An option that cannot set the method or the URL (`pub.Body`, `pub.Token`, …).
    Other(String),
    /// An option rootlint cannot see, and why: it may set the method, the URL, or both.
    Unknown(String),
}

/// The method and URL a request goes out with.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct RequestLine {
    pub(crate) method: Option<Template>,
    /// The URL, and whether gencreds can read it (a string literal right in the call).
    pub(crate) url: Option<(Template, bool)>,
}

impl RequestLine {
    /// The line after `options`, applied in order on top of this one.
    pub(crate) fn apply(mut self, options: &[PubOption]) -> RequestLine {
        for o in options {
            match o {
                PubOption::Method(m) => self.method = Some(m.clone()),
                PubOption::Url(u, lit) => self.url = Some((u.clone(), *lit)),
                PubOption::MethodUrl(m, u, lit) => {
                    self.method = Some(Template::lit(m.clone()));
                    self.url = Some((u.clone(), *lit));
                }
                PubOption::RelativeUrl(r) => {
                    let base = self.url.as_ref().and_then(|(u, _)| u.literal());
                    let resolved = match (base, r.literal()) {
                        (Some(base), Some(rel)) => {
                            match crate::route::resolve_reference(&base, &rel) {
                                Ok(u) => Template::lit(u),
                                Err(e) => Template::hole(e),
                            }
                        }
                        // A reference with its own scheme does not depend on the base.
                        (None, Some(rel)) if crate::route::has_scheme(&rel) => {
                            match crate::route::resolve_reference("https://base.invalid/", &rel) {
                                Ok(u) => Template::lit(u),
                                Err(e) => Template::hole(e),
                            }
                        }
                        (None, _) => Template::hole(
                            "a relative URL resolved against a URL rootlint cannot see",
                        ),
                        (Some(_), None) => Template::hole(
                            r.first_hole()
                                .unwrap_or("a relative URL rootlint cannot see")
                                .to_string(),
                        ),
                    };
                    // gencreds does not resolve relative URLs.
                    self.url = Some((resolved, false));
                }
                PubOption::Other(_) => {}
                PubOption::Unknown(r) => {
                    self.method = Some(Template::hole(r.clone()));
                    self.url = Some((Template::hole(r.clone()), false));
                }
            }
        }
        self
    }

    /// Whether any of `options` can change the method or the URL.
    pub(crate) fn changed_by(options: &[PubOption]) -> bool {
        options.iter().any(|o| !matches!(o, PubOption::Other(_)))
    }
}

/// What a Go expression evaluates to, as far as rootlint can prove it statically. A value it
/// cannot prove is [`Value::Unknown`] with the reason (or a [`Template`] with a hole that says
/// why), never a guess.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Value {
    /// A string, possibly with holes (parts that depend on a parameter, a field, a call).
    Str(Template),
    /// An integer constant.
    Int(i64),
    /// A typed client of an api package (`api.NewClient(svc)`, with `ForHost`, `WithOptions`).
    Client(Client),
    /// A list of `pub` options, in order.
    Options(Vec<PubOption>),
    /// One `pub` option (`pub.GET(url)`, `pub.Method(m)`, …).
    Option(PubOption),
    /// An endpoint definition of an api package (`api.Mint`).
    Endpoint(EndpointId),
    /// Not provable; the reason.
    Unknown(String),
}

impl Value {
    pub(crate) fn template(self) -> Template {
        match self {
            Value::Str(t) => t,
            Value::Int(i) => Template::lit(i.to_string()),
            Value::Unknown(r) => Template::hole(r),
            Value::Client(_) | Value::Options(_) | Value::Option(_) | Value::Endpoint(_) => {
                Template::hole("a value that is not a string")
            }
        }
    }
}

/// Where an expression is evaluated: a file, optionally inside a function, at a byte offset.
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a> {
    pub(crate) ws: &'a Workspace,
    pub(crate) catalog: &'a Catalog,
    pub(crate) types: &'a Types<'a>,
    pub(crate) file: usize,
    pub(crate) function: Option<&'a GoFunction>,
    /// Byte offset of the expression: only bindings before it count.
    pub(crate) at: u32,
    /// The values of the function's parameters, when it is evaluated for one caller (a
    /// request forwarder): what that caller passes.
    pub(crate) args: Option<&'a [(String, Value)]>,
}

const MAX_DEPTH: u32 = 24;

/// The reason a value carries when resolution stopped at its depth limit: an analysis limit,
/// which must fail closed (the call is reported and the grants are incomplete), never read as
/// an ordinary dynamic value.
pub(crate) const DEPTH_LIMIT: &str =
    "a definition chain deeper than rootlint follows (an analysis limit)";

/// The reason a value carries when build variants (`x_linux.go`, `x_darwin.go`) declare it with
/// different values: one tree read for every variant cannot say which is sent, so the call is
/// reported and the grants are incomplete, never given the first variant's value.
pub(crate) const BUILD_VARIANTS: &str = "build variants declare with different values";

impl<'a> Scope<'a> {
    pub(crate) fn package_dir(&self) -> &'a str {
        self.ws.files[self.file].file.dir()
    }

    /// The import path a file-level name refers to, if it is an import alias.
    pub(crate) fn import_path(&self, alias: &str) -> Option<&'a str> {
        self.ws.import_named(self.file, alias)
    }

    /// The import path of `alias` when it names an imported package here (no local shadows it).
    pub(crate) fn imported_package(&self, alias: &str) -> Option<&'a str> {
        if !self.bindings_before(alias).is_empty() || self.param_type(alias).is_some() {
            return None;
        }
        self.import_path(alias)
    }

    /// Bindings of `name` that precede the evaluation point and are in scope there.
    pub(crate) fn bindings_before(&self, name: &str) -> Vec<&'a Binding> {
        self.function.map_or_else(Vec::new, |f| {
            f.bindings_named(name)
                .filter(|b| b.visible_at(self.at))
                .collect()
        })
    }

    /// The declaration of a local `name` in scope at the evaluation point, if any.
    pub(crate) fn binding(&self, name: &str) -> Option<&'a Binding> {
        self.function?
            .bindings_named(name)
            .rfind(|b| b.declares && b.visible_at(self.at))
    }

    pub(crate) fn param_type(&self, name: &str) -> Option<Option<&'a TypeExpr>> {
        let f = self.function?;
        if f.receiver_name.as_deref() == Some(name) {
            return Some(None);
        }
        f.params
            .iter()
            .chain(f.results.iter())
            .find(|p| p.name == name)
            .map(|p| p.ty.as_ref())
    }

    /// Whether `ty` names an api package's typed client (`api.Client`, `*api.MulticastClient`).
    pub(crate) fn client_type(&self, ty: &TypeExpr) -> Option<Client> {
        let (qualifier, name) = ty.base_name()?;
        let multicast = match name {
            "Client" => false,
            "MulticastClient" => true,
            _ => return None,
        };
        let api_package = match qualifier {
            Some(q) => self.import_path(q)?.to_string(),
            // A method of the api package itself (a helper wrapping a typed call).
            None => self
                .ws
                .packages
                .get(self.package_dir())?
                .import_path
                .clone()?,
        };
        self.catalog
            .api_packages
            .contains_key(&api_package)
            .then_some(Client {
                api_package,
                multicast,
                host: HostChoice::Default,
                from_parameter: None,
                via: None,
                options: Vec::new(),
            })
    }

    pub(crate) fn eval(&self, expr: &'a Expr) -> Value {
        self.eval_depth(expr, 0)
    }

    /// A value rootlint could not follow whose static type is a typed client: a client held in
    /// a struct field, returned by a function, ranged over. Its host is the api package's own,
    /// unless the function that returns it calls `ForHost`.
    fn typed_client(&self, expr: &'a Expr, value: Value) -> Value {
        if !matches!(value, Value::Unknown(_)) {
            return value;
        }
        let Ty::Client {
            api_package,
            multicast,
        } = self.types.type_of(self, expr).pointee().clone()
        else {
            return value;
        };
        let what = describe(expr);
        let (via, host) = match expr {
            Expr::Selector(..) => (format!("the struct field `{what}`"), HostChoice::Default),
            Expr::Call(call) => {
                let host = match self.types.type_of(self, &call.callee) {
                    Ty::Func { targets, .. } => targets
                        .iter()
                        .find(|f| sets_host(&self.ws.go(f.file).functions[f.function]))
                        .map(|f| {
                            HostChoice::Dynamic(format!(
                                "the host `{}` sets with `ForHost`",
                                self.ws.go(f.file).functions[f.function].name
                            ))
                        })
                        .unwrap_or(HostChoice::Default),
                    // A constructor the tree does not hold (outside the tree, a function
                    // value, an interface's method) may have set any host.
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
                    | Ty::Unknown(_) => HostChoice::Dynamic(format!(
                        "the host of the client `{}` returns, which rootlint cannot see",
                        describe(&call.callee)
                    )),
                };
                (format!("the result of `{what}`"), host)
            }
            Expr::Str(_)
            | Expr::Int(_)
            | Expr::Ident(_)
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
            | Expr::Other(_) => (
                format!("`{what}`"),
                HostChoice::Dynamic(format!(
                    "the host of `{what}`, a client rootlint cannot follow to where it was made"
                )),
            ),
        };
        Value::Client(Client {
            api_package: api_package.to_string(),
            multicast,
            host,
            from_parameter: Some(what),
            via: Some(via),
            options: Vec::new(),
        })
    }

    fn eval_depth(&self, expr: &'a Expr, depth: u32) -> Value {
        if depth > MAX_DEPTH {
            return Value::Unknown(DEPTH_LIMIT.into());
        }
        let d = depth + 1;
        match expr {
            // `a + b + c + …` nests to the left: walk the chain rather than recurse per term, so
            // that its length costs no depth.
            Expr::Binary(op, _, _) if op == "+" => {
                let mut terms = Vec::new();
                let mut left = expr;
                while let Expr::Binary(op, l, r) = left
                    && op == "+"
                {
                    terms.push(&**r);
                    left = l;
                }
                terms.push(left);
                let mut acc: Option<Value> = None;
                for term in terms.into_iter().rev() {
                    let v = self.eval_depth(term, d);
                    acc = Some(match (acc, v) {
                        (None, v) => v,
                        (Some(Value::Int(a)), Value::Int(b)) => Value::Int(a.wrapping_add(b)),
                        (Some(a), v) => Value::Str(a.template().concat(v.template())),
                    });
                }
                acc.unwrap_or_else(|| Value::Unknown("an empty sum".into()))
            }
            Expr::Str(s) => Value::Str(Template::lit(s.clone())),
            Expr::Int(i) => Value::Int(*i),
            Expr::Ident(name) => {
                let v = self.ident(name, d);
                self.typed_client(expr, v)
            }
            Expr::Selector(base, field) => {
                let v = self.selector(base, field, d);
                self.typed_client(expr, v)
            }
            Expr::Call(call) => {
                let v = self.call(&call.callee, &call.args, call.spread, d);
                self.typed_client(expr, v)
            }
            Expr::Binary(op, _, _) => Value::Unknown(format!("the result of the operator `{op}`")),
            Expr::Composite {
                ty: Some(ty),
                elements,
            } if matches!(&**ty, TypeExpr::Slice(element)
                if matches!(element.base_name(), Some((q, "Option")) if self.is_pub(q))) =>
            {
                let mut items = Vec::new();
                for (_, e) in elements {
                    push_option(self.eval_depth(e, d), &mut items);
                }
                Value::Options(items)
            }
            Expr::Composite { .. } => Value::Unknown("a composite literal".into()),
            Expr::AddressOf(_) => Value::Unknown("a pointer".into()),
            Expr::Index(..)
            | Expr::SliceOf(_)
            | Expr::TypeAssert(..)
            | Expr::Deref(_)
            | Expr::Receive(_) => {
                let v = Value::Unknown(format!("the value of `{}`", describe(expr)));
                self.typed_client(expr, v)
            }
            Expr::Type(_) => Value::Unknown("a type".into()),
            Expr::FuncLit(_) => Value::Unknown("a function literal".into()),
            Expr::Other(kind) => {
                Value::Unknown(format!("a `{}` expression", kind.replace('_', " ")))
            }
        }
    }

    fn is_pub(&self, alias: Option<&str>) -> bool {
        alias.and_then(|a| self.import_path(a)) == Some(PUB)
    }

    /// The options a call passes (`svc.Request(ctx, opts…)` after the context,
    /// `c.WithOptions(opts…)`), in order.
    pub(crate) fn options(&self, args: &'a [Expr], spread: bool) -> Vec<PubOption> {
        self.options_depth(args, spread, 0)
    }

    fn options_depth(&self, args: &'a [Expr], spread: bool, d: u32) -> Vec<PubOption> {
        let mut items = Vec::new();
        for (i, a) in args.iter().enumerate() {
            match self.eval_depth(a, d) {
                Value::Unknown(r) if spread && i == args.len() - 1 => {
                    items.push(PubOption::Unknown(format!("options spread from {r}")))
                }
                v @ Value::Str(_)
                | v @ Value::Int(_)
                | v @ Value::Client(_)
                | v @ Value::Options(_)
                | v @ Value::Option(_)
                | v @ Value::Endpoint(_)
                | v @ Value::Unknown(_) => push_option(v, &mut items),
            }
        }
        items
    }

    fn ident(&self, name: &'a str, d: u32) -> Value {
        let bindings = self.bindings_before(name);
        if let Some(latest) = bindings.last() {
            let earlier_roots = bindings[..bindings.len() - 1]
                .iter()
                .filter(|b| !refers_to_itself(b))
                .count();
            if !refers_to_itself(latest) && earlier_roots > 0 {
                // `x := a; if … { x = b }`: which value reaches the use depends on control flow.
                let values: Vec<Value> =
                    bindings.iter().map(|b| self.binding_value(b, d)).collect();
                if values.windows(2).all(|w| w[0] == w[1]) {
                    return values
                        .into_iter()
                        .next()
                        .unwrap_or_else(|| Value::Unknown(String::new()));
                }
                return Value::Unknown(format!("`{name}`, which is assigned more than once"));
            }
            return self.binding_value(latest, d);
        }
        if let Some(ty) = self.param_type(name) {
            if let Some((_, v)) = self.args.and_then(|a| a.iter().find(|(n, _)| n == name)) {
                return v.clone();
            }
            if let Some(mut client) = ty.and_then(|t| self.client_type(t)) {
                client.from_parameter = Some(name.to_string());
                return Value::Client(client);
            }
            // The receiver of a method of an api package's client type (a helper).
            if ty.is_none()
                && let Some(f) = self.function
                && f.receiver_name.as_deref() == Some(name)
                && let Some(recv_ty) = &f.receiver_type
            {
                let ty = TypeExpr::named(None, recv_ty);
                if let Some(mut client) = self.client_type(&ty) {
                    client.from_parameter = Some(name.to_string());
                    return Value::Client(client);
                }
            }
            return Value::Unknown(format!("the parameter `{name}`"));
        }
        // Inside an api package, its own `Hostname` and endpoint definitions (`Mint.Route`).
        if let Some(api) = self
            .ws
            .packages
            .get(self.package_dir())
            .and_then(|p| p.import_path.as_ref())
            .and_then(|path| self.catalog.api_packages.get(path))
        {
            if name == "Hostname" {
                return Value::Str(Template::lit(api.hostname.clone()));
            }
            if let Some(id) = api.endpoint(name) {
                return Value::Endpoint(id);
            }
        }
        self.package_value(self.package_dir(), name, d)
            .or_else(|| self.dot_imported(name, d))
            .unwrap_or_else(|| {
                Value::Unknown(format!(
                    "`{name}`, which is not a constant rootlint can see"
                ))
            })
    }

    /// The import paths of the file's dot imports (`import . "…/rolesapi"`).
    fn dot_imports(&self) -> Vec<&'a str> {
        self.ws
            .go(self.file)
            .imports
            .iter()
            .filter(|i| i.is_dot())
            .map(|i| i.path.as_str())
            .collect()
    }

    /// A name of a dot-imported package.
    fn dot_imported(&self, name: &str, d: u32) -> Option<Value> {
        self.dot_imports().into_iter().find_map(|path| {
            let v = self.qualified(path, name, d);
            (!matches!(v, Value::Unknown(_))).then_some(v)
        })
    }

    fn binding_value(&self, b: &'a Binding, d: u32) -> Value {
        let inner = Scope {
            at: b.span.start_byte,
            ..*self
        };
        match &b.value {
            BindingValue::Expr(e) => {
                let v = inner.eval_depth(e, d);
                match (&v, &b.ty) {
                    (Value::Unknown(_), Some(ty)) => self.client_type(ty).map_or(v, Value::Client),
                    _ => v,
                }
            }
            BindingValue::Declared => match b.ty.as_ref().and_then(|t| self.client_type(t)) {
                Some(c) => Value::Client(c),
                None => Value::Unknown(format!("`{}`, declared without a value", b.name)),
            },
            // `u, err := url.JoinPath(base, elem…)`: the URL.
            BindingValue::Tuple {
                call: Expr::Call(c),
                index: 0,
            } if matches!(&c.callee, Expr::Selector(base, f)
                if f == "JoinPath"
                    && matches!(&**base, Expr::Ident(a) if inner.imported_package(a) == Some("net/url"))) =>
            {
                inner.join_path(&c.args, c.spread, d)
            }
            BindingValue::Tuple { .. } => {
                Value::Unknown(format!("`{}`, one result of a multi-value call", b.name))
            }
            BindingValue::Range { .. } => {
                Value::Unknown(format!("`{}`, a range loop variable", b.name))
            }
            BindingValue::Opaque(what) => Value::Unknown(format!("`{}`, set by {what}", b.name)),
        }
    }

    /// `url.JoinPath(base, elem…)`: the scheme, host and port are the base's (joining cannot
    /// change them); the path is `path.Join`'s, or unknown when a part of it is.
    fn join_path(&self, args: &'a [Expr], spread: bool, d: u32) -> Value {
        let Some(base) = args.first() else {
            return Value::Unknown("`url.JoinPath` without a base".into());
        };
        let base = self.eval_depth(base, d).template();
        // With a host, `URL.String` puts a slash before a path that lacks one.
        let unknown_path = |prefix: &str| {
            Value::Str(Template::lit(format!("{prefix}/")).concat(Template::hole(
                "a path `url.JoinPath` joins from parts rootlint cannot know",
            )))
        };
        let Some(Piece::Lit(first)) = base.0.first() else {
            return Value::Str(base);
        };
        let Some((_, scheme_len)) = crate::route::scheme_prefix(first) else {
            return Value::Str(base);
        };
        // The authority must be whole in the first literal, or the base says nothing static.
        let authority_end = match first[scheme_len..].find(['/', '?', '#']) {
            Some(i) => scheme_len + i,
            None if base.0.len() == 1 => first.len(),
            None => return Value::Str(base),
        };
        let (prefix, base_path) = first.split_at(authority_end);
        let elems: Option<Vec<String>> = args[1..]
            .iter()
            .map(|e| self.eval_depth(e, d).template().literal())
            .collect();
        match elems {
            Some(elems) if !spread && base.0.len() == 1 && !base_path.contains(['?', '#']) => {
                let elems: Vec<&str> = elems.iter().map(String::as_str).collect();
                let path = crate::route::join_url_path(base_path, &elems);
                let slash = if path.is_empty() || path.starts_with('/') {
                    ""
                } else {
                    "/"
                };
                Value::Str(Template::lit(format!("{prefix}{slash}{path}")))
            }
            _ => unknown_path(prefix),
        }
    }

    /// A package-level constant or variable of the package in `dir`: its initializer, when
    /// that is the only value it can have. A variable code assigns to (in `init`, by
    /// `flag.StringVar(&v, …)`) and a name that build variants declare with different values
    /// have no one value.
    fn package_value(&self, dir: &str, name: &str, d: u32) -> Option<Value> {
        let decls = self.types.package_value_decls(dir, name);
        let (first_file, first) = *decls.first()?;
        if !first.is_const
            && let Some(file) = self.types.package_var_assigned_in(dir, name)
        {
            return Some(Value::Unknown(format!(
                "the package variable `{name}`, which code assigns to (`{}`)",
                self.ws.files[file].file.rel
            )));
        }
        let value_of = |file: usize, v: &'a crate::facts::go::PackageValue| {
            let scope = Scope {
                file,
                function: None,
                at: u32::MAX,
                ..*self
            };
            match &v.value {
                Some(e) => scope.eval_depth(e, d),
                None => match v.ty.as_ref().and_then(|t| scope.client_type(t)) {
                    Some(c) => Value::Client(c),
                    None => Value::Unknown(format!(
                        "the package variable `{name}`, which has no initial value"
                    )),
                },
            }
        };
        let value = value_of(first_file, first);
        for &(file, other) in &decls[1..] {
            if value_of(file, other) != value {
                return Some(Value::Unknown(format!(
                    "`{name}`, which {BUILD_VARIANTS} (`{}`, `{}`)",
                    self.ws.files[first_file].file.rel, self.ws.files[file].file.rel
                )));
            }
        }
        Some(value)
    }

    fn selector(&self, base: &'a Expr, field: &str, d: u32) -> Value {
        if let Expr::Ident(alias) = base
            && let Some(path) = self.imported_package(alias)
        {
            return self.qualified(path, field, d);
        }
        match (self.eval_depth(base, d), field) {
            (Value::Endpoint(id), "Route") => {
                Value::Str(Template::lit(self.catalog.endpoints[id].route.clone()))
            }
            (Value::Endpoint(id), "Method") => {
                Value::Str(Template::lit(self.catalog.endpoints[id].method.clone()))
            }
            (Value::Endpoint(id), "Host") => {
                Value::Str(Template::lit(self.catalog.endpoints[id].host.clone()))
            }
            _ => Value::Unknown(format!("the field `{}.{field}`", describe(base))),
        }
    }

    /// `pkg.Name` for an imported package.
    fn qualified(&self, path: &str, name: &str, d: u32) -> Value {
        if let Some(api) = self.catalog.api_packages.get(path) {
            if name == "Hostname" {
                return Value::Str(Template::lit(api.hostname.clone()));
            }
            if let Some(id) = api.endpoint(name) {
                return Value::Endpoint(id);
            }
        }
        if let Some(dir) = self.ws.dir_by_import.get(path)
            && let Some(v) = self.package_value(dir, name, d)
        {
            return v;
        }
        Value::Unknown(format!(
            "`{}.{name}`, which rootlint cannot see",
            crate::facts::go::default_package_name(path)
        ))
    }

    fn call(&self, callee: &'a Expr, args: &'a [Expr], spread: bool, d: u32) -> Value {
        let arg = |i: usize| {
            args.get(i)
                .map_or(Value::Unknown("a missing argument".into()), |a| {
                    self.eval_depth(a, d)
                })
        };
        match callee {
            // `append(opts, more...)`: the slice being appended to, then the rest, in order.
            Expr::Ident(f) if f == "append" => {
                let mut items = Vec::new();
                for a in args {
                    push_option(self.eval_depth(a, d), &mut items);
                }
                Value::Options(items)
            }
            Expr::Selector(base, method) => {
                if let Expr::Ident(alias) = base.as_ref()
                    && let Some(path) = self.imported_package(alias)
                {
                    return self.package_call(path, alias, method, args, spread, d);
                }
                match (self.eval_depth(base, d), method.as_str()) {
                    (Value::Client(mut c), "ForHost") => {
                        c.host = match arg(0).template().literal() {
                            Some(h) => HostChoice::Literal(h.to_ascii_lowercase()),
                            None => HostChoice::Dynamic(
                                arg(0)
                                    .template()
                                    .first_hole()
                                    .unwrap_or("a dynamic value")
                                    .to_string(),
                            ),
                        };
                        Value::Client(c)
                    }
                    // The connector applies the client's options after its own.
                    (Value::Client(mut c), "WithOptions") => {
                        c.options.extend(self.options_depth(args, spread, d));
                        Value::Client(c)
                    }
                    (Value::Endpoint(id), "URL") => {
                        let e = &self.catalog.endpoints[id];
                        join_host_and_path(
                            Template::lit(e.host.clone()),
                            Template::lit(e.route.clone()),
                        )
                    }
                    _ => Value::Unknown(format!("the result of `{}.{method}(…)`", describe(base))),
                }
            }
            // A function of a dot-imported package (`NewClient(svc)` after `import . "…api"`).
            Expr::Ident(name)
                if self.bindings_before(name).is_empty()
                    && self.param_type(name).is_none()
                    && self.package_value(self.package_dir(), name, d).is_none() =>
            {
                for path in self.dot_imports() {
                    match self.package_call(path, ".", name, args, spread, d) {
                        Value::Unknown(_) => {}
                        Value::Client(mut c) => {
                            c.via = Some(format!("the dot import of `{path}`"));
                            return Value::Client(c);
                        }
                        v @ Value::Str(_)
                        | v @ Value::Int(_)
                        | v @ Value::Options(_)
                        | v @ Value::Option(_)
                        | v @ Value::Endpoint(_) => return v,
                    }
                }
                Value::Unknown(format!("the result of `{}(…)`", describe(callee)))
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
            | Expr::Other(_) => Value::Unknown(format!("the result of `{}(…)`", describe(callee))),
        }
    }

    fn package_call(
        &self,
        path: &str,
        alias: &str,
        f: &str,
        args: &'a [Expr],
        spread: bool,
        d: u32,
    ) -> Value {
        let arg = |i: usize| {
            args.get(i)
                .map_or(Value::Unknown("a missing argument".into()), |a| {
                    self.eval_depth(a, d)
                })
        };
        match (path, f) {
            (PUB, "Method") => Value::Option(PubOption::Method(arg(0).template())),
            (PUB, "URL") => Value::Option(PubOption::Url(arg(0).template(), is_literal(args))),
            (PUB, "RelativeURL") => Value::Option(PubOption::RelativeUrl(arg(0).template())),
            (PUB, "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS") => {
                Value::Option(PubOption::MethodUrl(
                    f.to_string(),
                    arg(0).template(),
                    is_literal(args),
                ))
            }
            (PUB, "Options") => Value::Options(self.options_depth(args, spread, d)),
            (PUB, other) => Value::Option(PubOption::Other(other.to_string())),
            (HTTPX, "JoinHostAndPath") => join_host_and_path(arg(0).template(), arg(1).template()),
            ("fmt", "Sprintf") => sprintf(
                &arg(0).template(),
                &args[1.min(args.len())..]
                    .iter()
                    .map(|a| self.eval_depth(a, d))
                    .collect::<Vec<_>>(),
            ),
            (_, "NewClient" | "NewMulticastClient")
                if self.catalog.api_packages.contains_key(path) =>
            {
                Value::Client(Client {
                    api_package: path.to_string(),
                    multicast: f == "NewMulticastClient",
                    host: HostChoice::Default,
                    from_parameter: None,
                    via: None,
                    options: Vec::new(),
                })
            }
            _ => Value::Unknown(format!("the result of `{alias}.{f}(…)`")),
        }
    }
}

fn push_option(v: Value, items: &mut Vec<PubOption>) {
    match v {
        Value::Option(o) => items.push(o),
        Value::Options(more) => items.extend(more),
        Value::Unknown(r) => items.push(PubOption::Unknown(r)),
        Value::Str(_) | Value::Int(_) | Value::Client(_) | Value::Endpoint(_) => items.push(
            PubOption::Unknown("a value that is not a pub option".into()),
        ),
    }
}

fn is_literal(args: &[Expr]) -> bool {
    matches!(args.first(), Some(Expr::Str(_)))
}

fn refers_to_itself(b: &Binding) -> bool {
    matches!(&b.value, BindingValue::Expr(e) if e.any(&mut |x| matches!(x, Expr::Ident(n) if *n == b.name)))
}

/// Whether a function sets a client's host (`ForHost`) anywhere in its body.
fn sets_host(f: &GoFunction) -> bool {
    f.calls
        .iter()
        .any(|c| matches!(&c.callee, Expr::Selector(_, m) if m == "ForHost"))
}

/// A short rendering of an expression for messages.
pub(crate) fn describe(e: &Expr) -> String {
    match e {
        Expr::Ident(n) => n.clone(),
        Expr::Selector(b, f) => format!("{}.{f}", describe(b)),
        Expr::Call(c) => format!("{}(…)", describe(&c.callee)),
        Expr::Index(b, _) => format!("{}[…]", describe(b)),
        Expr::Deref(b) => format!("*{}", describe(b)),
        Expr::Receive(b) => format!("<-{}", describe(b)),
        Expr::SliceOf(b) => format!("{}[:]", describe(b)),
        Expr::TypeAssert(b, _) => format!("{}.(…)", describe(b)),
        Expr::Str(s) => format!("{s:?}"),
        Expr::Int(_)
        | Expr::Binary(..)
        | Expr::Composite { .. }
        | Expr::AddressOf(_)
        | Expr::Type(_)
        | Expr::FuncLit(_)
        | Expr::Other(_) => "…".into(),
    }
}

/// `httpx.JoinHostAndPath` over templates.
pub(crate) fn join_host_and_path(host: Template, route: Template) -> Value {
    let route_lit = route.literal();
    let https = Template::lit("https://");
    let joined = match route_lit.as_deref() {
        Some("") => https.concat(host).concat(Template::lit(":443")),
        Some(r) if r.starts_with("//") => Template::lit(format!("https:{r}")),
        Some(r) if r.starts_with('/') => {
            https.concat(host).concat(Template::lit(format!(":443{r}")))
        }
        Some(r) if r.contains("://") => route,
        Some(r) if !r.starts_with(':') => https
            .concat(host)
            .concat(Template::lit(format!(":443/{r}"))),
        _ if route.starts_with_lit(":") => https.concat(host).concat(route),
        _ if route.starts_with_lit("/") && !route.starts_with_lit("//") => https
            .concat(host)
            .concat(Template::lit(":443"))
            .concat(route),
        _ => Template::hole(format!(
            "a route passed to JoinHostAndPath that is not static ({})",
            route.first_hole().unwrap_or("unknown")
        )),
    };
    Value::Str(joined)
}

/// `fmt.Sprintf` with `%s`, `%v`, `%d` and `%%`; other verbs become holes.
fn sprintf(format: &Template, args: &[Value]) -> Value {
    let Some(format) = format.literal() else {
        return Value::Unknown("a format string that is not static".into());
    };
    let mut out = Template::default();
    let mut args = args.iter();
    let mut chars = format.chars().peekable();
    let mut lit = String::new();
    while let Some(c) = chars.next() {
        if c != '%' {
            lit.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => lit.push('%'),
            Some(verb) => {
                out = out.concat(Template::lit(std::mem::take(&mut lit)));
                let piece = match (verb, args.next()) {
                    ('s' | 'v' | 'd', Some(v)) => v.clone().template(),
                    (_, Some(_)) => Template::hole(format!("the `%{verb}` verb of fmt.Sprintf")),
                    (_, None) => Template::hole("a missing fmt.Sprintf argument"),
                };
                out = out.concat(piece);
            }
            None => lit.push('%'),
        }
    }
    Value::Str(out.concat(Template::lit(lit)))
}

/// What a raw request's URL says about its destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct UrlShape {
    pub(crate) host: Result<String, String>,
    pub(crate) port: Result<u16, String>,
    pub(crate) path: Result<String, String>,
}

/// Splits a URL template into host, port and path, each known or not. Holes after `?` or `#`
/// do not matter: the NATS subject carries no query.
pub(crate) fn url_shape(url: &Template) -> UrlShape {
    let unknown = |r: &str| UrlShape {
        host: Err(r.to_string()),
        port: Err(r.to_string()),
        path: Err(r.to_string()),
    };
    let scheme = match url.0.first() {
        Some(Piece::Lit(s)) => crate::route::scheme_prefix(s),
        _ => None,
    };
    let (default_port, rest) = match url.0.first() {
        Some(Piece::Lit(_)) if let Some((port, len)) = scheme => (port, strip_first(url, len)),
        Some(Piece::Lit(s)) if url.0.len() == 1 => {
            return unknown(&format!("`{s}`, which is not an absolute http(s) URL"));
        }
        Some(Piece::Hole(r)) => return unknown(r),
        _ => return unknown("a URL whose scheme is not static"),
    };
    // Split the pieces at the end of the authority and at the start of the query.
    let mut authority: Vec<Piece> = Vec::new();
    let mut path: Vec<Piece> = Vec::new();
    let mut stage = 0; // 0 authority, 1 path, 2 query
    for p in rest {
        match p {
            Piece::Hole(r) => match stage {
                0 => authority.push(Piece::Hole(r)),
                1 => path.push(Piece::Hole(r)),
                _ => {}
            },
            Piece::Lit(s) => {
                let mut buf = String::new();
                for c in s.chars() {
                    match (stage, c) {
                        (0, '/') => {
                            authority.push(Piece::Lit(std::mem::take(&mut buf)));
                            stage = 1;
                            buf.push('/');
                        }
                        (0 | 1, '?' | '#') => {
                            let done = Piece::Lit(std::mem::take(&mut buf));
                            if stage == 0 {
                                authority.push(done)
                            } else {
                                path.push(done)
                            }
                            stage = 2;
                        }
                        (2, _) => {}
                        _ => buf.push(c),
                    }
                }
                match stage {
                    0 => authority.push(Piece::Lit(buf)),
                    1 => path.push(Piece::Lit(buf)),
                    _ => {}
                }
            }
        }
    }
    let authority = Template(authority);
    let path_t = Template(path);
    let (host, port) = match authority.literal() {
        Some(a) => match a.rsplit_once(':') {
            Some((h, p)) => (
                Ok(h.to_ascii_lowercase()),
                crate::route::port_number(p)
                    .ok_or_else(|| format!("`{p}`, which is not a port number")),
            ),
            None => (Ok(a.to_ascii_lowercase()), Ok(default_port)),
        },
        None => {
            let reason = authority
                .first_hole()
                .unwrap_or("a dynamic host")
                .to_string();
            // A literal `:port` after the last hole still fixes the port: `"https://" + h + ":666/x"`.
            let tail = match authority.0.last() {
                Some(Piece::Lit(s)) => s.as_str(),
                _ => "",
            };
            let port = tail
                .rsplit_once(':')
                .and_then(|(_, p)| crate::route::port_number(p))
                // The port follows the hole, so it depends on what the hole depends on.
                .ok_or_else(|| reason.clone());
            (Err(reason), port)
        }
    };
    let path = if stage == 0 {
        if authority.literal().is_some() {
            Ok("/".to_string())
        } else {
            Err("a URL whose path is not static".to_string())
        }
    } else {
        path_t
            .literal()
            .ok_or_else(|| path_t.first_hole().unwrap_or("a dynamic path").to_string())
    };
    UrlShape { host, port, path }
}

fn strip_first(url: &Template, n: usize) -> Vec<Piece> {
    let mut pieces = url.0.clone();
    if let Some(Piece::Lit(s)) = pieces.first_mut() {
        *s = s[n..].to_string();
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(parts: &[Result<&str, &str>]) -> Template {
        Template(
            parts
                .iter()
                .map(|p| match p {
                    Ok(s) => Piece::Lit(s.to_string()),
                    Err(r) => Piece::Hole(r.to_string()),
                })
                .collect(),
        )
    }

    #[test]
    fn a_port_after_a_hole_depends_on_the_hole() {
        let shape = url_shape(&t(&[Ok("https://"), Err("the parameter `h`"), Ok("/x")]));
        assert_eq!(shape.port, Err("the parameter `h`".to_string()));
        assert_eq!(shape.host, Err("the parameter `h`".to_string()));
        // A literal port after the hole still fixes it; a scheme in capitals is a scheme.
        let shape = url_shape(&t(&[Ok("HTTPS://"), Err("h"), Ok(":666/x")]));
        assert_eq!(shape.port, Ok(666));
    }

    #[test]
    fn request_lines_apply_options_in_order() {
        let lit = |s: &str| Template::lit(s);
        let url = |s: &str| PubOption::Url(lit(s), true);
        let line = |opts: &[PubOption]| {
            let l = RequestLine::default().apply(opts);
            (
                l.method.and_then(|m| m.literal()),
                l.url.and_then(|(u, _)| u.literal()),
            )
        };
        // The later option wins.
        assert_eq!(
            line(&[
                PubOption::MethodUrl("GET".into(), lit("https://a.core:666/x"), true),
                PubOption::Method(lit("PUT")),
                url("https://b.core:666/y"),
            ]),
            (Some("PUT".into()), Some("https://b.core:666/y".into()))
        );
        // A relative URL resolves against the one before it, and may change the host.
        assert_eq!(
            line(&[
                url("https://a.core:666/x/y"),
                PubOption::RelativeUrl(lit("//c.core:666/z")),
            ])
            .1,
            Some("https://c.core:666/z".into())
        );
        // An option rootlint cannot see hides what came before it, not what comes after.
        assert_eq!(
            line(&[
                url("https://a.core:666/x"),
                PubOption::Unknown("opts".into())
            ]),
            (None, None)
        );
        assert_eq!(
            line(&[
                PubOption::Unknown("opts".into()),
                url("https://a.core:666/x")
            ])
            .1,
            Some("https://a.core:666/x".into())
        );
        // Without a base, a relative path is unknown; with a scheme of its own it is not.
        assert_eq!(line(&[PubOption::RelativeUrl(lit("../x"))]).1, None);
        assert_eq!(
            line(&[PubOption::RelativeUrl(lit("https://d.core:666/w"))]).1,
            Some("https://d.core:666/w".into())
        );
    }

    #[test]
    fn url_shapes() {
        let s = url_shape(&t(&[
            Ok("https://a.core:666/mint?x="),
            Err("the parameter `x`"),
        ]));
        assert_eq!(
            s,
            UrlShape {
                host: Ok("a.core".into()),
                port: Ok(666),
                path: Ok("/mint".into())
            }
        );
        let s = url_shape(&t(&[
            Ok("https://"),
            Err("the parameter `host`"),
            Ok(":666/mint"),
        ]));
        assert_eq!(s.port, Ok(666));
        assert_eq!(s.host, Err("the parameter `host`".into()));
        assert_eq!(s.path, Ok("/mint".into()));
        let s = url_shape(&t(&[Ok("https://"), Err("h"), Ok("/x")]));
        assert!(s.port.is_err());
        let s = url_shape(&t(&[Ok("https://a.core/"), Err("p")]));
        assert_eq!(s.port, Ok(443));
        assert!(s.path.is_err());
        assert!(url_shape(&t(&[Err("u")])).host.is_err());
        assert_eq!(url_shape(&t(&[Ok("http://a.b")])).port, Ok(80));
    }

    #[test]
    fn join_and_sprintf() {
        let v = join_host_and_path(Template::hole("h"), Template::lit(":666/x"));
        assert_eq!(v, Value::Str(t(&[Ok("https://"), Err("h"), Ok(":666/x")])));
        let v = join_host_and_path(Template::lit("a.b"), Template::lit("/x"));
        assert_eq!(v, Value::Str(Template::lit("https://a.b:443/x")));
        let v = sprintf(
            &Template::lit("https://%s:%d/%%x"),
            &[Value::Str(Template::lit("h.core")), Value::Int(666)],
        );
        assert_eq!(v, Value::Str(Template::lit("https://h.core:666/%x")));
    }
}
