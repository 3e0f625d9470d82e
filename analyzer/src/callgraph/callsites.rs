//! Stage 8: resolve call sites. Every call in hand-written Go code is checked for the two
//! shapes that reach another service: a typed client method (`api.NewClient(svc).Mint(…)`,
//! through variables, parameters and `ForHost`/`WithOptions` chains) and a raw request
//! (`svc.Request`/`svc.Publish` with `pub.*` options). Each becomes a `CallSite` whose
//! destination is resolved as far as it can be proven.

use serde::Serialize;

use crate::facts::go::{BindingValue, CallExpr, Expr};
use crate::flow::{self, ValueFlow};
use crate::resolve::types::{Member, Types};
use crate::resolve::values::{
    Client, HostChoice, PubOption, RequestLine, Scope, Template, Value, url_shape,
};
use crate::route;
use crate::span::Span;
use crate::subject;
use crate::workspace::catalog::{Catalog, EndpointId};

pub use crate::workspace::FunctionRef;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
/// How a call site reaches the bus.
pub enum Shape {
    /// A method of a typed client (`rolesapi.NewClient(svc).GrantRole(…)`).
    Typed {
        /// Import path of the api package.
        api_package: String,
        /// The client method called.
        method: String,
        /// A multicast client (`NewMulticastClient`).
        multicast: bool,
        /// The client was a parameter or receiver named so; its host is assumed to be the default.
        from_parameter: Option<String>,
    },
    /// A raw `svc.Request(…)` or `svc.Publish(…)` with a URL.
    Raw {
        /// `Publish` rather than `Request`.
        publish: bool,
    },
}

/// The destination of a call: each part either proven or not, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Destination {
    /// The destination host, or why it is unknown.
    pub host: Result<String, String>,
    /// The destination port, or why it is unknown.
    pub port: Result<u16, String>,
    /// The request path, or why it is unknown.
    pub path: Result<String, String>,
    /// The method sent on the wire, or why it is unknown.
    pub method: Result<String, String>,
    /// The path is a declared route whose `{args}` a typed client fills in at run time.
    pub path_is_route: bool,
}

impl Destination {
    /// The destination is on port 666.
    pub fn is_trust_root(&self) -> bool {
        self.port == Ok(666)
    }

    /// The first reason the destination is not fully static, if any.
    pub fn unresolved(&self) -> Option<(&'static str, &str)> {
        [
            ("host", self.host.as_ref().err()),
            ("port", self.port.as_ref().err()),
            ("path", self.path.as_ref().err()),
            ("method", self.method.as_ref().err()),
        ]
        .into_iter()
        .find_map(|(part, e)| e.map(|r| (part, r.as_str())))
    }
}

/// One Microbus call in hand-written Go: a typed client's method or a raw `Request`/`Publish`,
/// with its destination (host, port, method, path) resolved as far as rootlint can prove it;
/// each unknown part carries the reason. Only a call whose destination is static and declared
/// can be granted.
#[derive(Clone, Debug, Serialize)]
pub struct CallSite {
    /// The function the call is in.
    pub function: FunctionRef,
    /// Relative path of the file.
    pub file: String,
    /// The call expression.
    pub span: Span,
    /// Typed client call or raw request.
    pub shape: Shape,
    /// Where the call goes, part by part, or why a part is unknown.
    pub destination: Destination,
    /// The declared endpoint the call reaches, when the destination is static and declared.
    pub endpoint: Option<EndpointId>,
    /// For a typed call: the endpoint its client method names (even when the host is not static).
    pub named_endpoint: Option<EndpointId>,
    /// gencreds would read this call's target from the source text (a typed call, or a raw
    /// request whose URL is a string literal in the call).
    pub literal_in_source: bool,
    /// How the call reaches its client or connector when gencreds' scan would not follow it:
    /// a method value, a struct field, a function's result, a dot import.
    pub via: Option<String>,
    /// The receiver of a raw request whose type rootlint could not work out: it may or may not
    /// be the connector, so the call is not granted, and the reason is reported.
    pub receiver_unresolved: Option<String>,
    /// A destination part that cannot stand in a NATS subject (a wildcard or reserved
    /// hostname, a method that is not an HTTP method): no grant, and a finding.
    pub invalid_token: Option<String>,
    /// For a typed client that flows to the call: the binaries where it does (`None`: every
    /// binary that links the call). Only services of those binaries make the call.
    #[serde(skip)]
    pub binaries: crate::flow::InBinaries,
}

impl CallSite {
    /// Whether resolving the destination stopped at an analysis limit.
    pub fn reached_limit(&self) -> bool {
        self.undecided() == Some(crate::resolve::values::DEPTH_LIMIT)
    }

    /// Why one tree cannot decide this call's destination, if so: an analysis limit, or build
    /// variants that give it different values. Such a call fails closed.
    pub fn undecided(&self) -> Option<&'static str> {
        let d = &self.destination;
        let reasons = [
            d.host.as_ref().err(),
            d.port.as_ref().err(),
            d.path.as_ref().err(),
            d.method.as_ref().err(),
        ];
        [
            crate::resolve::values::DEPTH_LIMIT,
            crate::resolve::values::BUILD_VARIANTS,
        ]
        .into_iter()
        .find(|marker| reasons.iter().flatten().any(|r| r.contains(marker)))
    }
}

/// The first destination part that would widen or break a subject token.
fn invalid_token(d: &Destination) -> Option<String> {
    let host = d.host.as_ref().ok().and_then(|h| subject::host_problem(h));
    let method = d
        .method
        .as_ref()
        .ok()
        .and_then(|m| subject::method_problem(m));
    host.map(|p| format!("the host is {p}"))
        .or(method.map(|p| format!("the method is {p}")))
}

/// Finds and resolves the call sites of every function in the workspace.
pub(crate) fn find(types: &Types, flow: &ValueFlow) -> Vec<CallSite> {
    let ws = types.workspace();
    let files: Vec<usize> = ws
        .packages
        .values()
        .flat_map(|p| p.go_files.iter().copied())
        .collect();
    let mut sites = find_in(types, flow, &files);
    let forwarded = super::forwarding::forwarded(types, flow, &sites);
    if !forwarded.is_empty() {
        sites.extend(forwarded);
        sites.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
        sites.dedup_by(|a, b| {
            a.file == b.file && a.span == b.span && a.destination == b.destination
        });
    }
    sites
}

/// The call sites of the functions of some files (parsed Go files of the workspace), sorted.
pub(crate) fn find_in(types: &Types, flow: &ValueFlow, files: &[usize]) -> Vec<CallSite> {
    let (ws, catalog) = (types.workspace(), types.catalog());
    use rayon::prelude::*;
    let functions: Vec<FunctionRef> = files
        .iter()
        .filter(|&&f| matches!(ws.files[f].facts, crate::facts::Facts::Go(_)))
        .flat_map(|&file| ws.functions(file))
        .collect();
    // A call can reach another service only under one of these names: check them before
    // evaluating anything.
    let names: std::collections::HashSet<&str> = catalog
        .api_packages
        .values()
        .flat_map(|api| api.endpoints().map(|(name, _)| name))
        .chain(["Request", "Publish"])
        .collect();
    let names = &names;
    let mut sites: Vec<CallSite> = functions
        .par_iter()
        .flat_map_iter(|&f| {
            let func = &ws.go(f.file).functions[f.function];
            func.calls
                .iter()
                .filter(move |call| {
                    let flows = flow
                        .call(flow::call_key(f.file, call.span))
                        .is_some_and(|r| !r.clients.is_empty());
                    flows
                        || match &call.callee {
                            Expr::Selector(_, m) => names.contains(m.as_str()),
                            // A method value bound earlier: `m := c.Mint; m(…)`.
                            Expr::Ident(n) => func.bindings_named(n).any(|b| {
                                matches!(&b.value, BindingValue::Expr(Expr::Selector(_, m)) if names.contains(m.as_str()))
                            }),
                            Expr::Str(_) | Expr::Int(_) | Expr::Call(_) | Expr::Binary(..) | Expr::Composite { .. } | Expr::AddressOf(_) | Expr::Deref(_) | Expr::Receive(_) | Expr::SliceOf(_) | Expr::Index(..) | Expr::TypeAssert(..) | Expr::Type(_) | Expr::FuncLit(_) | Expr::Other(_) => false,
                        }
                })
                .flat_map(move |call| resolve_call(types, flow, f, call))
                .collect::<Vec<_>>()
        })
        .collect();
    sites.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
    sites
}

/// The call sites of one call: one per typed client that flows to it, or the one its
/// receiver's value gives.
fn resolve_call<'a>(
    types: &'a Types<'a>,
    flow: &ValueFlow,
    f: FunctionRef,
    call: &'a CallExpr,
) -> Vec<CallSite> {
    let flowed = flow
        .call(flow::call_key(f.file, call.span))
        .map(|r| r.clients.as_slice())
        .unwrap_or(&[]);
    let site = resolve_one(types, f, call);
    match site {
        // A client built where rootlint's evaluation sees it: the flow says the same.
        Some((s, false)) => vec![s],
        Some((s, true)) if flowed.is_empty() => vec![s],
        // A client held somewhere (a parameter, a field, a result, an interface, an element):
        // the clients that flow there, each with its own host.
        site => {
            // How the call reaches its client, as the evaluation saw it (gencreds' view of the
            // call depends on it); a client only the flow sees is reached through values.
            let (from_parameter, via) = match site {
                Some((s, _)) => match s.shape {
                    Shape::Typed { from_parameter, .. } => (from_parameter, s.via),
                    Shape::Raw { .. } => (None, s.via),
                },
                None => (None, Some("a typed client that flows to this call".into())),
            };
            flowed
                .iter()
                .filter_map(|(client, method, binaries)| {
                    let client = Client {
                        api_package: client.api_package.to_string(),
                        multicast: client.multicast,
                        host: client.host.clone(),
                        from_parameter: from_parameter.clone(),
                        via: via.clone(),
                        options: client.options.to_vec(),
                    };
                    let mut site = typed_site(types, f, call, &client, method, None)?;
                    site.binaries = binaries.clone();
                    Some(site)
                })
                .collect()
        }
    }
}

/// The call site rootlint's evaluation of the receiver gives, and whether its client was
/// assumed (a parameter, a field, a result: what flows there decides).
fn resolve_one<'a>(
    types: &'a Types<'a>,
    f: FunctionRef,
    call: &'a CallExpr,
) -> Option<(CallSite, bool)> {
    let f = f.with_closure(call.closure);
    let (ws, catalog) = (types.workspace(), types.catalog());
    let scope = Scope {
        ws,
        catalog,
        types,
        file: f.file,
        function: Some(&ws.go(f.file).functions[f.function]),
        at: call.span.start_byte,
        args: None,
    };
    // The receiver and method: `recv.Method(…)`, or a method value invoked (`m := recv.Method`
    // then `m(…)`), whose receiver is evaluated where the value was taken.
    let (receiver, method, receiver_scope, method_value) = match &call.callee {
        Expr::Selector(receiver, method) => (&**receiver, method, scope, None),
        Expr::Ident(name) => {
            let b = scope.binding(name)?;
            let BindingValue::Expr(Expr::Selector(receiver, method)) = &b.value else {
                return None;
            };
            let at = Scope {
                at: b.span.start_byte,
                ..scope
            };
            (
                &**receiver,
                method,
                at,
                Some(format!("the method value `{name}`")),
            )
        }
        Expr::Str(_)
        | Expr::Int(_)
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
    if matches!(method.as_str(), "ForHost" | "WithOptions") {
        return None;
    }
    // An import alias is a package, not a value: `pkg.Request(…)` is a function call.
    if let Expr::Ident(alias) = receiver
        && receiver_scope.imported_package(alias).is_some()
    {
        return None;
    }
    let recv_value = receiver_scope.eval(receiver);
    if let Value::Client(client) = recv_value {
        let assumed = client.from_parameter.is_some() || client.via.is_some();
        return typed_site(types, f, call, &client, method, method_value).map(|s| (s, assumed));
    }
    raw_site(
        types,
        f,
        call,
        receiver,
        method,
        receiver_scope,
        scope,
        method_value,
    )
    .map(|s| (s, false))
}

/// A typed client's method called: the endpoint it names, at the client's host.
fn typed_site<'a>(
    types: &'a Types<'a>,
    f: FunctionRef,
    call: &'a CallExpr,
    client: &Client,
    method: &str,
    method_value: Option<String>,
) -> Option<CallSite> {
    let f = f.with_closure(call.closure);
    let (ws, catalog) = (types.workspace(), types.catalog());
    {
        let api = catalog.api_packages.get(&client.api_package)?;
        let id = api.endpoint(method)?;
        let e = &catalog.endpoints[id];
        let shape = Shape::Typed {
            api_package: client.api_package.clone(),
            method: method.to_string(),
            multicast: client.multicast,
            from_parameter: client.from_parameter.clone(),
        };
        let wire = route::wire_method(&e.method);
        let target = e.target.clone();
        let route_is_absolute = e.route.starts_with("//") || e.route.contains("://");
        let host = match (&client.host, &target) {
            (_, Err(r)) => Err(r.clone()),
            (HostChoice::Default, Ok(t)) => Ok(t.host.clone()),
            (_, Ok(t)) if route_is_absolute => Ok(t.host.clone()),
            (HostChoice::Literal(h), _) => Ok(h.clone()),
            (HostChoice::Dynamic(r), _) => Err(r.clone()),
        };
        let overridden = RequestLine::changed_by(&client.options);
        let destination = if overridden {
            // `WithOptions(pub.Method(…), pub.URL(…), …)`: the connector applies the client's
            // options after the method's own, so they decide what goes on the wire.
            let url = match (&host, &target) {
                (Ok(h), Ok(_)) => Template::lit(route::join_host_and_path(h, &e.route)),
                (Err(r), _) | (_, Err(r)) => Template::hole(r.clone()),
            };
            let line = RequestLine {
                method: Some(Template::lit(wire.clone())),
                url: Some((url, true)),
            };
            request_destination(line.apply(&client.options), &wire)
        } else {
            Destination {
                port: target.as_ref().map(|t| t.port).map_err(Clone::clone),
                path: target
                    .as_ref()
                    .map(|t| t.path.clone())
                    .map_err(Clone::clone),
                host,
                method: Ok(wire),
                path_is_route: true,
            }
        };
        let endpoint = match &client.host {
            HostChoice::Default if !overridden => Some(id),
            HostChoice::Default | HostChoice::Literal(_) | HostChoice::Dynamic(_) => {
                declared_at(catalog, &destination)
            }
        };
        let via = method_value.or(client.via.clone());
        let invalid_token = invalid_token(&destination);
        Some(CallSite {
            function: f,
            file: ws.files[f.file].file.rel.clone(),
            span: call.span,
            shape,
            endpoint: endpoint.filter(|_| invalid_token.is_none()),
            destination,
            named_endpoint: Some(id),
            // gencreds reads the method's own route, not the client's options.
            literal_in_source: !overridden,
            via,
            receiver_unresolved: None,
            invalid_token,
            binaries: None,
        })
    }
}

/// A raw `Request` or `Publish` on the connector (or what may be it).
#[allow(clippy::too_many_arguments)]
pub(super) fn raw_site<'a>(
    types: &'a Types<'a>,
    f: FunctionRef,
    call: &'a CallExpr,
    receiver: &'a Expr,
    method: &str,
    receiver_scope: Scope<'a>,
    scope: Scope<'a>,
    method_value: Option<String>,
) -> Option<CallSite> {
    let (ws, catalog) = (types.workspace(), types.catalog());
    let site = |shape,
                destination: Destination,
                endpoint: Option<EndpointId>,
                named_endpoint,
                literal_in_source,
                via| {
        let invalid_token = invalid_token(&destination);
        CallSite {
            function: f,
            file: ws.files[f.file].file.rel.clone(),
            span: call.span,
            shape,
            endpoint: endpoint.filter(|_| invalid_token.is_none()),
            destination,
            named_endpoint,
            literal_in_source,
            via,
            receiver_unresolved: None,
            invalid_token,
            binaries: None,
        }
    };
    if !matches!(method, "Request" | "Publish") {
        return None;
    }
    // A raw request is the connector's: on the connector or publisher, on an in-tree type that
    // embeds it, or on an interface the connector may stand behind. Other `Request` and
    // `Publish` methods (a NATS connection, an HTTP client, an in-tree wrapper) are not
    // Microbus requests.
    let imports_pub = ws
        .go(f.file)
        .imports
        .iter()
        .any(|i| i.path == crate::resolve::values::PUB);
    // The first argument is the context.
    let options = scope.options(call.args.get(1..).unwrap_or_default(), call.spread);
    let saw_option = options.iter().any(|o| !matches!(o, PubOption::Unknown(_)));
    let receiver_unresolved =
        match types.lookup(&types.type_of(&receiver_scope, receiver), method, 0) {
            Member::Connector | Member::Interface { .. } => None,
            Member::Unknown(reason) => Some(reason),
            // `pub` options handed to a `Request` rootlint cannot see: a base type from
            // outside the tree may wrap the connector, and an in-tree type whose method is
            // missing from rootlint's view may forward to it. Reported, never dropped.
            Member::Outside if saw_option => Some(format!(
                "`{method}` of a type from outside the tree, which may wrap the connector"
            )),
            Member::NotFound if saw_option => Some(format!(
                "`{method}`, which rootlint cannot find on the receiver's type"
            )),
            Member::Field(_)
            | Member::Methods { .. }
            | Member::Client { .. }
            | Member::Outside
            | Member::NotFound => return None,
        };
    if !saw_option && !imports_pub {
        return None;
    }
    let line = RequestLine::default().apply(&options);
    let literal = line.url.as_ref().is_some_and(|(_, lit)| *lit);
    let destination = request_destination(line, "POST");
    let endpoint = declared_at(catalog, &destination).filter(|_| receiver_unresolved.is_none());
    let mut site = site(
        Shape::Raw {
            publish: method == "Publish",
        },
        destination,
        endpoint,
        None,
        literal && method_value.is_none(),
        method_value,
    );
    site.receiver_unresolved = receiver_unresolved;
    Some(site)
}

/// Where a request line sends the request; `default_method` when no option sets one.
fn request_destination(line: RequestLine, default_method: &str) -> Destination {
    let Some((url, _)) = line.url else {
        let reason = match line.method.as_ref().and_then(Template::first_hole) {
            Some(r) => r.to_string(),
            None => "a request without a pub.URL option".to_string(),
        };
        return Destination {
            host: Err(reason.clone()),
            port: Err(reason.clone()),
            path: Err(reason.clone()),
            method: Err(reason),
            path_is_route: false,
        };
    };
    let shape = url_shape(&url);
    let method = match line.method {
        None => Ok(default_method.to_string()),
        Some(m) => m
            .literal()
            .map(|m| m.to_ascii_uppercase())
            .ok_or_else(|| m.first_hole().unwrap_or("a dynamic method").to_string()),
    };
    // `pub.Request.Apply` fills `{arg}` path parameters from the query (`FillPathArguments`):
    // such a segment is whatever the caller passes, as in a declared route.
    let path_is_route = shape.path.as_ref().is_ok_and(|p| p.contains('{'));
    Destination {
        host: shape.host,
        port: shape.port,
        path: shape.path,
        method,
        path_is_route,
    }
}

/// The endpoint declared at a static destination that accepts its method.
fn declared_at(catalog: &Catalog, d: &Destination) -> Option<EndpointId> {
    let (Ok(host), Ok(port), Ok(path), Ok(method)) = (&d.host, &d.port, &d.path, &d.method) else {
        return None;
    };
    let target = route::Target {
        host: host.clone(),
        port: *port,
        path: path.clone(),
    };
    catalog
        .endpoints_at(&target)
        .into_iter()
        .find(|&id| catalog.endpoints[id].accepts_method(method))
}

#[cfg(test)]
mod tests {
    use crate::{Options, analyze};

    /// Analyzes a one-service tree whose `caller/service.go` has `body` after the imports.
    fn sites(body: &str) -> Vec<(u16, String, String, String, bool)> {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("go.mod", "module example.com/app\n");
        write(
            "roles/manifest.yaml",
            "general:\n  hostname: roles.app\nfunctions:\n  Grant:\n    method: POST\n    route: :666/grant\n",
        );
        write(
            "roles/rolesapi/definition.go",
            "package rolesapi\nimport \"github.com/microbus-io/fabric/define\"\nconst Hostname = \"roles.app\"\nvar Grant = define.Function{Host: Hostname, Method: \"POST\", Route: \":666/grant\"}\n",
        );
        write("caller/manifest.yaml", "general:\n  hostname: caller.app\n");
        write(
            "caller/service.go",
            &format!(
                "package caller\nimport (\n\t\"fmt\"\n\tbt \"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi\"\n\t\"github.com/microbus-io/fabric/httpx\"\n\t\"github.com/microbus-io/fabric/pub\"\n\t\"github.com/microbus-io/fabric/service\"\n\t\"example.com/app/roles/rolesapi\"\n\t\"github.com/nats-io/nats.go\"\n)\nconst rolesHost = \"roles.app\"\nconst grantPath = \":666/grant\"\n{body}\n"
            ),
        );
        let a = analyze(dir.path(), &Options::default());
        a.call_sites
            .iter()
            .map(|s| {
                let d = &s.destination;
                (
                    d.port.clone().unwrap_or(0),
                    d.host.clone().unwrap_or_else(|e| format!("?{e}")),
                    d.path.clone().unwrap_or_else(|e| format!("?{e}")),
                    d.method.clone().unwrap_or_else(|e| format!("?{e}")),
                    s.endpoint.is_some(),
                )
            })
            .collect()
    }

    fn one(body: &str) -> (u16, String, String, String, bool) {
        let mut all = sites(body);
        assert_eq!(all.len(), 1, "{all:?}");
        all.remove(0)
    }

    fn granted(host: &str, path: &str, method: &str) -> (u16, String, String, String, bool) {
        (666, host.into(), path.into(), method.into(), true)
    }

    #[test]
    fn typed_client_chain_alias_and_variable() {
        assert_eq!(
            one("func f(svc any) { bt.NewClient(svc).Mint(nil, nil) }"),
            granted("bearer.token.core", "/mint", "POST")
        );
        assert_eq!(
            one(
                "func f(svc any) { c := bt.NewClient(svc).WithOptions(pub.Timeout(1)); c.Mint(nil, nil) }"
            ),
            granted("bearer.token.core", "/mint", "POST")
        );
        assert_eq!(
            one("func f(c *rolesapi.Client) { c.Grant(nil) }"),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "func f(svc any) { var c rolesapi.Client = rolesapi.NewClient(svc); c.Grant(nil) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
    }

    #[test]
    fn multicast_and_literal_for_host() {
        assert_eq!(
            one("func f(svc any) { bt.NewMulticastClient(svc).Mint(nil, nil) }"),
            granted("bearer.token.core", "/mint", "POST")
        );
        assert_eq!(
            one("func f(svc any) { rolesapi.NewClient(svc).ForHost(rolesHost).Grant(nil) }"),
            granted("roles.app", "/grant", "POST")
        );
        // A literal host that declares no such endpoint: static, but not a declared endpoint.
        assert_eq!(
            one("func f(svc any) { rolesapi.NewClient(svc).ForHost(\"roles.test\").Grant(nil) }"),
            (
                666,
                "roles.test".into(),
                "/grant".into(),
                "POST".into(),
                false
            )
        );
    }

    #[test]
    fn dynamic_for_host_keeps_port_and_says_why() {
        let (port, host, ..) =
            one("func f(svc any, iss string) { bt.NewClient(svc).ForHost(iss).Mint(nil, nil) }");
        assert_eq!(port, 666);
        assert_eq!(host, "?the parameter `iss`");
    }

    #[test]
    fn raw_requests_from_literals_constants_and_helpers() {
        assert_eq!(
            one(
                "func f(svc service.Publisher) { svc.Request(nil, pub.POST(\"https://roles.app:666/grant\")) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
        // pub.URL without pub.Method goes out as POST.
        assert_eq!(
            one(
                "func f(svc service.Publisher) { svc.Request(nil, pub.URL(\"https://roles.app:666/grant\")) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "func f(svc service.Publisher) { svc.Request(nil, pub.Method(rolesapi.Grant.Method), pub.URL(rolesapi.Grant.URL())) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "func f(svc service.Publisher) { svc.Publish(nil, pub.POST(httpx.JoinHostAndPath(rolesapi.Hostname, grantPath))) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "func f(svc service.Publisher) { u := fmt.Sprintf(\"https://%s%s\", rolesHost, grantPath); svc.Request(nil, pub.POST(u)) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "func f(svc service.Publisher) { opts := []pub.Option{pub.Method(\"POST\")}\n opts = append(opts, pub.URL(\"https://\" + rolesHost + \":666/grant\"))\n svc.Request(nil, opts...) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
    }

    #[test]
    fn give_up_cases_say_why() {
        let (_, host, ..) =
            one("func f(svc service.Publisher, u string) { svc.Request(nil, pub.URL(u)) }");
        assert_eq!(host, "?the parameter `u`");
        let (_, host, ..) =
            one("func f(svc service.Publisher, opts ...pub.Option) { svc.Request(nil, opts...) }");
        assert_eq!(host, "?options spread from the parameter `opts`");
        let (_, host, ..) =
            one("func f(svc service.Publisher) { svc.Request(nil, pub.URL(lookup())) }");
        assert_eq!(host, "?the result of `lookup(…)`");
        let (_, host, ..) = one(
            "func f(svc service.Publisher, x struct{u string}) { svc.Request(nil, pub.URL(x.u)) }",
        );
        assert_eq!(host, "?the field `x.u`");
        let (_, host, ..) = one(
            "func f(svc service.Publisher, b bool) { u := \"https://a.app\"\n if b { u = \"https://b.app\" }\n svc.Request(nil, pub.URL(u)) }",
        );
        assert_eq!(host, "?`u`, which is assigned more than once");
    }

    #[test]
    fn an_in_tree_package_is_found_by_the_name_its_package_clause_declares() {
        let dir = tempfile::tempdir().unwrap();
        let write = |rel: &str, text: &str| {
            let p = dir.path().join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        };
        write("go.mod", "module example.com/app\n");
        write(
            "roles/manifest.yaml",
            "general:\n  hostname: roles.app\nfunctions:\n  Grant:\n    method: POST\n    route: :666/grant\n",
        );
        // The folder's name is not the package's: `roles-api` declares `package rolesapi`.
        write(
            "roles/roles-api/definition.go",
            "package rolesapi\nimport \"github.com/microbus-io/fabric/define\"\nconst Hostname = \"roles.app\"\nvar Grant = define.Function{Host: Hostname, Method: \"POST\", Route: \":666/grant\"}\n",
        );
        write(
            "caller/service.go",
            "package caller\nimport (\n\t\"example.com/app/roles/roles-api\"\n\t\"github.com/nats-io/nats.go\"\n\t\"github.com/microbus-io/fabric/service\"\n)\nvar _ nats.Conn\nfunc f(svc service.Publisher) { rolesapi.NewClient(svc).Grant(nil) }\n",
        );
        for no_triage in [false, true] {
            let a = analyze(
                dir.path(),
                &Options {
                    no_triage,
                    ..Default::default()
                },
            );
            assert_eq!(a.call_sites.len(), 1, "no_triage={no_triage}");
            assert!(a.call_sites[0].endpoint.is_some());
        }
    }

    #[test]
    fn request_and_publish_on_other_types_are_not_microbus_requests() {
        assert!(
            sites("func f(nc *nats.Conn) { nc.Publish(\"x\", nil); nc.Request(\"y\", nil, 0) }")
                .is_empty()
        );
        assert!(sites("type W struct{}\nfunc (W) Request(a, b any) {}\nfunc f(w W) { w.Request(nil, pub.POST(\"https://roles.app:666/grant\")) }").is_empty());
        // `pub` options to a :666 URL on a receiver with no `Request` rootlint can see: a site,
        // never granted (`unresolved_call_target` reports it).
        let (port, _, _, _, granted) =
            one("func f(svc any) { svc.Request(nil, pub.POST(\"https://roles.app:666/grant\")) }");
        assert_eq!((port, granted), (666, false));
    }

    #[test]
    fn method_values_and_fields_reach_clients() {
        assert_eq!(
            one("func f(svc service.Publisher) { g := rolesapi.NewClient(svc).Grant\n g(nil) }"),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one("type S struct{ roles rolesapi.Client }\nfunc (s *S) f() { s.roles.Grant(nil) }"),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "type S struct{ service.Publisher }\nfunc (s *S) c() rolesapi.Client { return rolesapi.NewClient(s) }\nfunc (s *S) f() { s.c().Grant(nil) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
        assert_eq!(
            one(
                "func f(svc service.Publisher) { r := svc.Request\n r(nil, pub.POST(\"https://roles.app:666/grant\")) }"
            ),
            granted("roles.app", "/grant", "POST")
        );
    }
}
