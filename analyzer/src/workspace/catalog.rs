//! Stage 5: the endpoint catalog: every endpoint rootlint can see, from manifest.yaml files, from api
//! packages' `definition.go` (`define.Function{…}`) or 2025 `endpoints.go` (`Def{…}`), from the
//! framework's shipped services (built in, because applications import them from the module
//! cache), and from configuration.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::facts::go::{Expr, TypeExpr};
use crate::facts::manifest::EndpointKind;
use crate::route::{self, Target};
use crate::span::Span;
use crate::workspace::Workspace;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
/// Where an endpoint's declaration comes from.
pub enum Origin {
    /// A manifest or definition in the analyzed tree.
    Tree,
    /// The framework's shipped services (`access.token.core`, `bearer.token.core`, `shell.core`).
    Builtin,
    /// `rootlint.toml`'s `[[external]]` endpoints of services outside the tree.
    Config,
}

/// Where and how an endpoint is declared in one source (manifest.yaml or definition.go).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The declaring file, relative to the analyzed root.
    pub file: String,
    /// The endpoint's name (the manifest key, or the Go variable).
    pub span: Span,
    /// The declared method, upper-cased; `ANY` when none is declared.
    pub method: String,
    /// The route as written (`:666/grant-role`).
    pub route: String,
    /// Span of the route's value, when the source gives one.
    pub route_span: Option<Span>,
    /// The `requiredClaims` expression, if declared.
    pub required_claims: Option<String>,
    /// Starts at the first character of the expression (inside any quotes).
    pub claims_span: Option<Span>,
    /// A generated manifest: `definition.go` is the source of truth, and findings and fixes
    /// go there.
    pub generated: bool,
}

#[derive(Clone, Debug)]
/// An endpoint some service serves, with every declaration of it.
pub struct Endpoint {
    /// Hostname of the owning service.
    pub host: String,
    /// The endpoint's name (`GrantRole`).
    pub name: String,
    /// Function, web handler, event or other kind, as the manifest says.
    pub kind: EndpointKind,
    /// Declared method, upper-cased; `ANY` when none is declared.
    pub method: String,
    /// The route as declared.
    pub route: String,
    /// The route resolved to host, port and path, or why it could not be.
    pub target: Result<Target, String>,
    /// The `requiredClaims` expression, if declared.
    pub required_claims: Option<String>,
    /// Where the declaration comes from.
    pub origin: Origin,
    /// Its `manifest.yaml` declaration, if any.
    pub manifest: Option<Declaration>,
    /// Its `definition.go` (or 2025 `endpoints.go`) declaration, if any.
    pub definition: Option<Declaration>,
    /// Import path of the api package whose typed client reaches this endpoint.
    pub api_package: Option<String>,
}

impl Endpoint {
    /// The port the route resolves to, if it resolves.
    pub fn port(&self) -> Option<u16> {
        self.target.as_ref().ok().map(|t| t.port)
    }

    /// Served on port 666, the trust-root tier.
    pub fn is_trust_root(&self) -> bool {
        self.port() == Some(666)
    }

    /// Why the service that declares this endpoint must not subscribe to it, if it must not: a
    /// :666 route on a host that is not the declaring service's own (compared as subject
    /// tokens: `own_t` and `own.t` are one), or on a built-in trust root's hostname declared
    /// outside the framework's own service.
    pub fn foreign_trust_root(&self) -> Option<String> {
        if self.origin != Origin::Tree || !self.is_trust_root() {
            return None;
        }
        let t = self.target.as_ref().ok()?;
        if crate::subject::flatten_host(&t.host) != crate::subject::flatten_host(&self.host) {
            return Some(format!(
                "its route is on `{}`, a host `{}` does not own",
                t.host, self.host
            ));
        }
        if let Some(builtin) = builtin_host(&self.host)
            && !self
                .api_package
                .as_deref()
                .is_some_and(crate::framework::is_core_service)
        {
            return Some(format!(
                "`{}` is the framework's own trust root `{builtin}`",
                self.host
            ));
        }
        None
    }

    /// The declaration diagnostics should point at: the manifest when there is one.
    /// Where findings about the declaration point and fixes edit: the hand-written manifest
    /// (2024), else `definition.go` (2026: the manifest is generated from it).
    pub fn primary_declaration(&self) -> Option<&Declaration> {
        match (&self.manifest, &self.definition) {
            (Some(m), Some(d)) if m.generated => Some(d),
            (Some(m), _) => Some(m),
            (None, d) => d.as_ref(),
        }
    }

    /// The declarations written by hand: a generated manifest is left out when the definition
    /// it was generated from is in the tree.
    pub fn written_declarations(&self) -> impl Iterator<Item = &Declaration> {
        let manifest = self
            .manifest
            .as_ref()
            .filter(|m| !(m.generated && self.definition.is_some()));
        manifest.into_iter().chain(self.definition.as_ref())
    }

    /// Whether a request sent with method `wire` reaches this endpoint.
    /// Whether a request with the method `wire` reaches this endpoint. `ANY` is a declaration's
    /// wildcard and never a method on the wire (`pub.Method("ANY")` is refused, not granted).
    pub fn accepts_method(&self, wire: &str) -> bool {
        wire != "ANY" && (self.method == "ANY" || self.method == wire)
    }
}

/// An endpoint's index in [`Catalog::endpoints`].
pub type EndpointId = usize;

#[derive(Clone, Debug, Default)]
/// An api package (typed client) and the endpoints its methods call.
pub struct ApiPackage {
    /// The hostname its `Hostname` constant names.
    pub hostname: String,
    /// Endpoints by the name of the client method that calls them, sorted by name (a map per
    /// package would hold a tree node each for a handful of entries).
    endpoints: Vec<(Box<str>, EndpointId)>,
}

impl ApiPackage {
    /// The endpoint the client method `name` calls.
    pub fn endpoint(&self, name: &str) -> Option<EndpointId> {
        self.endpoints
            .binary_search_by(|(n, _)| (**n).cmp(name))
            .ok()
            .map(|k| self.endpoints[k].1)
    }

    /// The client methods and the endpoints they call, by name.
    pub fn endpoints(&self) -> impl Iterator<Item = (&str, EndpointId)> {
        self.endpoints.iter().map(|(n, id)| (&**n, *id))
    }

    /// Records that the client method `name` calls `id` (the last record of a name wins).
    fn insert(&mut self, name: &str, id: EndpointId) {
        match self.endpoints.binary_search_by(|(n, _)| (**n).cmp(name)) {
            Ok(k) => self.endpoints[k].1 = id,
            Err(k) => self.endpoints.insert(k, (name.into(), id)),
        }
    }
}

/// One endpoint of a shipped or configured service outside the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExternalEndpoint {
    /// The service's hostname.
    pub host: String,
    /// The endpoint's name.
    pub name: String,
    /// Its method, or `ANY`.
    pub method: String,
    /// Its route (`:666/name`).
    pub route: String,
    /// Import path of its typed client, so calls through the client resolve.
    pub api_package: Option<String>,
    /// Its `requiredClaims` expression, if known.
    pub required_claims: Option<String>,
}

/// The framework's shipped :666 endpoints. `shell.core` is documented but its code is not
/// public; its route follows the documented subject `…shell_core._.POST.execute`.
pub fn builtin_endpoints() -> Vec<ExternalEndpoint> {
    let shipped = |host: &str, name: &str, route: &str, pkg: &str| ExternalEndpoint {
        host: host.into(),
        name: name.into(),
        method: "ANY".into(),
        route: route.into(),
        api_package: Some(format!("github.com/microbus-io/fabric/coreservices/{pkg}")),
        required_claims: None,
    };
    vec![
        shipped(
            "access.token.core",
            "Mint",
            ":666/mint",
            "accesstoken/accesstokenapi",
        ),
        shipped(
            "bearer.token.core",
            "Mint",
            ":666/mint",
            "bearertoken/bearertokenapi",
        ),
        shipped("shell.core", "Execute", ":666/execute", "shell/shellapi"),
    ]
}

/// Whether an import path is the framework's own service (or its api package): the only code
/// that may declare a built-in trust root.
pub fn is_framework_service(import_path: &str) -> bool {
    crate::framework::is_core_service(import_path)
}

/// The built-in trust root whose hostname `host` is, compared as subject tokens.
pub fn builtin_host(host: &str) -> Option<&'static str> {
    let token = crate::subject::flatten_host(host);
    ["access.token.core", "bearer.token.core", "shell.core"]
        .into_iter()
        .find(|b| crate::subject::flatten_host(b) == token)
}

/// The host an endpoint's route resolves to.
fn target_host(e: &Endpoint) -> Option<&str> {
    e.target.as_ref().ok().map(|t| t.host.as_str())
}

/// Every endpoint rootlint can see: declared in a `manifest.yaml`, in an api package's
/// `definition.go` (or 2025 `endpoints.go`), shipped with the framework (the built-in :666
/// endpoints of `access.token.core`, `bearer.token.core`, `shell.core`), or listed in
/// `rootlint.toml`. Indexed by the host a request reaches and by the owning service.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// The endpoints, by [`EndpointId`].
    pub endpoints: Vec<Endpoint>,
    /// Api packages (typed clients) by import path, with the endpoints their methods call.
    pub api_packages: BTreeMap<String, ApiPackage>,
    /// The endpoints whose route resolves, sorted by the host it resolves to (a request's
    /// destination host), then by id. By owner needs no index: `endpoints` is sorted by host.
    by_target_host: Vec<EndpointId>,
}

impl Catalog {
    /// Every endpoint declared in the workspace, the framework's built-ins and `external`, merged by host and name.
    pub fn build(ws: &Workspace, external: &[ExternalEndpoint]) -> Catalog {
        let mut by_key: BTreeMap<(String, String), Endpoint> = BTreeMap::new();
        let mut api_hosts: BTreeMap<String, String> = BTreeMap::new();

        // Api packages: `define.X{…}` or `Def{…}` variables next to a `Hostname` constant.
        for package in ws.packages.values() {
            let Some(import_path) = &package.import_path else {
                continue;
            };
            let mut hostname = None;
            let mut defs = Vec::new();
            for &fi in &package.go_files {
                let facts = ws.go(fi);
                for v in &facts.values {
                    match &v.value {
                        Some(Expr::Str(s)) if v.name == "Hostname" => {
                            hostname = Some(s.to_ascii_lowercase())
                        }
                        Some(Expr::Composite {
                            ty: Some(ty),
                            elements,
                        }) => {
                            let kind = match &**ty {
                                TypeExpr::Named {
                                    qualifier: Some(q),
                                    name,
                                    ..
                                } if q == "define" => EndpointKind::from_define_type(name),
                                TypeExpr::Named {
                                    qualifier: None,
                                    name,
                                    ..
                                } if name == "Def" => Some(EndpointKind::Function),
                                _ => None,
                            };
                            if let Some(kind) = kind {
                                defs.push((fi, v, kind, elements));
                            }
                        }
                        _ => {}
                    }
                }
            }
            let Some(hostname) = hostname else { continue };
            if defs.is_empty() {
                continue;
            }
            api_hosts.insert(import_path.clone(), hostname.clone());
            for (fi, v, kind, elements) in defs {
                let field = |name: &str| {
                    elements.iter().find_map(|(k, e)| match (k.as_deref(), e) {
                        (Some(k), Expr::Str(s)) if k == name => Some(s.clone()),
                        _ => None,
                    })
                };
                let host = match elements.iter().find(|(k, _)| k.as_deref() == Some("Host")) {
                    Some((_, Expr::Str(h))) => h.to_ascii_lowercase(),
                    _ => hostname.clone(),
                };
                let span_of = |name: &str| {
                    v.field_spans
                        .iter()
                        .find(|(k, _)| k == name)
                        .map(|(_, s)| *s)
                };
                let decl = Declaration {
                    file: ws.files[fi].file.rel.clone(),
                    span: v.span,
                    method: route::declared_method(field("Method").as_deref()),
                    route: field("Route").unwrap_or_default(),
                    route_span: span_of("Route"),
                    required_claims: field("RequiredClaims").filter(|c| !c.trim().is_empty()),
                    claims_span: span_of("RequiredClaims").map(|mut s| {
                        // Go string literals are quoted: the expression starts one column in.
                        s.start_byte += 1;
                        s.start_column += 1;
                        s
                    }),
                    generated: false,
                };
                let entry = by_key
                    .entry((host.clone(), v.name.clone()))
                    .or_insert_with(|| new_endpoint(&host, &v.name, kind, Origin::Tree));
                entry.api_package = Some(import_path.clone());
                entry.definition = Some(decl);
            }
        }

        // Manifests.
        for service in &ws.services {
            let (Some(manifest), Some(index)) = (ws.manifest(service), service.manifest) else {
                continue;
            };
            let file = &ws.files[index].file.rel;
            let api_guess = service.import_path.as_ref().map(|p| {
                let last = crate::facts::go::default_package_name(p);
                format!("{p}/{last}api")
            });
            for e in &manifest.endpoints {
                let decl = Declaration {
                    file: file.clone(),
                    span: e.span,
                    method: route::declared_method(
                        e.method
                            .as_ref()
                            .map(|m| m.value.as_str())
                            .or(Some(e.kind.default_method())),
                    ),
                    route: e
                        .route
                        .as_ref()
                        .map(|r| r.value.clone())
                        .unwrap_or_default(),
                    route_span: e.route.as_ref().map(|r| r.span),
                    required_claims: e
                        .required_claims
                        .as_ref()
                        .map(|c| c.value.clone())
                        .filter(|c| !c.trim().is_empty()),
                    claims_span: e.required_claims.as_ref().map(|c| c.span),
                    generated: manifest.generated,
                };
                let entry = by_key
                    .entry((service.hostname.clone(), e.name.clone()))
                    .or_insert_with(|| {
                        new_endpoint(&service.hostname, &e.name, e.kind, Origin::Tree)
                    });
                entry.kind = e.kind;
                if entry.api_package.is_none() {
                    entry.api_package = api_guess.clone();
                }
                entry.manifest = Some(decl);
            }
        }

        // Shipped and configured endpoints, unless the tree declares the service itself. A
        // built-in is the tree's only when the framework's own package declares it: a mention
        // of its hostname elsewhere never switches it off.
        let tree_hosts: std::collections::BTreeSet<String> = by_key
            .iter()
            .filter(|((h, _), e)| {
                builtin_host(h).is_none()
                    || e.api_package
                        .as_deref()
                        .is_some_and(crate::framework::is_core_service)
            })
            .map(|((h, _), _)| h.clone())
            .collect();
        let builtins = builtin_endpoints();
        for (origin, list) in [
            (Origin::Builtin, builtins.as_slice()),
            (Origin::Config, external),
        ] {
            for x in list {
                let host = x.host.to_ascii_lowercase();
                if tree_hosts.contains(&host) {
                    continue;
                }
                let mut e = new_endpoint(&host, &x.name, EndpointKind::Function, origin);
                e.method = route::declared_method(Some(&x.method));
                e.route = x.route.clone();
                e.required_claims = x.required_claims.clone();
                e.api_package = x.api_package.clone();
                by_key.insert((host, x.name.clone()), e);
            }
        }

        // Exactly sized: a growing vector of endpoints would hold two copies at its peak.
        let mut catalog = Catalog {
            endpoints: Vec::with_capacity(by_key.len()),
            ..Catalog::default()
        };
        for (_, mut e) in by_key {
            // What runs is definition.go; the manifest is generated from it.
            if let Some(d) = e.definition.as_ref().or(e.manifest.as_ref()) {
                e.method = d.method.clone();
                e.route = d.route.clone();
                e.required_claims = d.required_claims.clone();
            }
            e.target = route::resolve_route(&e.host, &e.route, e.kind.default_port());
            let id = catalog.endpoints.len();
            if let Some(pkg) = &e.api_package {
                let api = catalog.api_packages.entry(pkg.clone()).or_default();
                api.hostname = api_hosts
                    .get(pkg)
                    .cloned()
                    .unwrap_or_else(|| e.host.clone());
                api.insert(&e.name, id);
            }
            if e.target.is_ok() {
                catalog.by_target_host.push(id);
            }
            catalog.endpoints.push(e);
        }
        let endpoints = &catalog.endpoints;
        catalog.by_target_host.sort_by(|&a, &b| {
            target_host(&endpoints[a])
                .cmp(&target_host(&endpoints[b]))
                .then(a.cmp(&b))
        });
        catalog.by_target_host.shrink_to_fit();
        catalog
    }

    /// The endpoints whose route resolves to `host`.
    pub fn endpoints_on(&self, host: &str) -> impl Iterator<Item = (EndpointId, &Endpoint)> {
        let on = |id: &EndpointId| target_host(&self.endpoints[*id]);
        let start = self
            .by_target_host
            .partition_point(|id| on(id) < Some(host));
        let len = self.by_target_host[start..].partition_point(|id| on(id) == Some(host));
        self.by_target_host[start..start + len]
            .iter()
            .map(|&id| (id, &self.endpoints[id]))
    }

    /// The endpoints the service `host` declares.
    pub fn owned_by(&self, host: &str) -> impl Iterator<Item = (EndpointId, &Endpoint)> {
        let start = self.endpoints.partition_point(|e| e.host.as_str() < host);
        let len = self.endpoints[start..].partition_point(|e| e.host == host);
        (start..start + len).map(|id| (id, &self.endpoints[id]))
    }

    /// Endpoints a request for `target` with `wire_method` would reach, most specific first.
    pub fn endpoints_at(&self, target: &Target) -> Vec<EndpointId> {
        self.endpoints_on(&target.host)
            .filter(|(_, e)| {
                e.target.as_ref().is_ok_and(|t| {
                    (t.port == target.port || t.port == 0)
                        && route::path_matches(&t.path, &target.path)
                })
            })
            .map(|(i, _)| i)
            .collect()
    }

    /// Whether any endpoint of `host` is declared on :666 (the host is a trust root).
    pub fn hosts_with_trust_roots(&self) -> std::collections::BTreeSet<&str> {
        self.endpoints
            .iter()
            .filter(|e| e.is_trust_root())
            .map(|e| e.host.as_str())
            .collect()
    }
}

fn new_endpoint(host: &str, name: &str, kind: EndpointKind, origin: Origin) -> Endpoint {
    Endpoint {
        host: host.to_string(),
        name: name.to_string(),
        kind,
        method: "ANY".into(),
        route: String::new(),
        target: Err("no route".into()),
        required_claims: None,
        origin,
        manifest: None,
        definition: None,
        api_package: None,
    }
}
