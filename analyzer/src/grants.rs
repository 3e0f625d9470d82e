//! Stage 10: grant JSON, the handoff to gencreds. A PUB rule exists only for a call that a
//! service reaches and that resolves statically to a declared :666 endpoint, with the method
//! sent on the wire; a SUB rule exists for each :666 endpoint a service owns. Each rule carries
//! its evidence: call sites with the chain of calls from the service's entry point.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::callgraph::{self, EdgeKind, Precision};
use crate::subject;
use crate::workspace::catalog::{EndpointId, Origin};

/// The `schema` of the grant JSON; a change to its shape gets a new version.
pub const SCHEMA: &str = "rootlint.grants/v1";

#[derive(Clone, Debug, Serialize)]
/// The grant JSON that gencreds consumes: per service, the :666 subjects it may publish and subscribe to, with evidence.
pub struct Grants {
    /// Always [`SCHEMA`].
    pub schema: &'static str,
    /// False when rootlint could not read everything, or a call it knows targets :666 got no grant.
    pub complete: bool,
    /// One entry per service, sorted by hostname.
    pub services: Vec<ServiceGrants>,
}

#[derive(Clone, Debug, Serialize)]
/// The rules for one service.
pub struct ServiceGrants {
    /// The service's hostname.
    pub hostname: String,
    /// The service's folder, relative to the analyzed root.
    pub dir: String,
    #[serde(rename = "pub")]
    /// PUB rules: the :666 endpoints its code calls.
    pub publish: Vec<PubGrant>,
    #[serde(rename = "sub")]
    /// SUB rules: the :666 endpoints it serves.
    pub subscribe: Vec<SubGrant>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
/// A PUB rule and the call sites that justify it.
pub struct PubGrant {
    /// The NATS subject, with the `danger` segment.
    pub subject: String,
    /// The destination host.
    pub host: String,
    /// The destination port (666).
    pub port: u16,
    /// The method sent on the wire.
    pub method: String,
    /// The request path.
    pub path: String,
    /// The declared endpoint the call reaches; `None` only for a justified broad grant.
    pub endpoint: Option<EndpointRef>,
    /// Set on a broad (wildcard-destination) grant that a suppression justified.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub justification: Option<String>,
    /// Every call site that needs the rule, with its call chain from an entry point.
    pub call_sites: Vec<CallSiteEvidence>,
}

#[derive(Clone, Debug, Serialize)]
/// A SUB rule: a :666 endpoint the service serves.
pub struct SubGrant {
    /// The NATS subject it subscribes to.
    pub subject: String,
    /// The endpoint served.
    pub endpoint: EndpointRef,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
/// An endpoint as the grant JSON names it.
pub struct EndpointRef {
    /// The owning service's hostname.
    pub host: String,
    /// The endpoint's name.
    pub name: String,
    /// Its route as declared.
    pub route: String,
    /// Its declared method, or `ANY`.
    pub method: String,
    /// Where it is declared; `null` for the framework's shipped endpoints.
    pub file: Option<String>,
    /// Line of the declaration.
    pub line: Option<u32>,
    /// Column of the declaration.
    pub column: Option<u32>,
    /// Where the declaration comes from.
    pub origin: Origin,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
/// One call site behind a PUB rule.
pub struct CallSiteEvidence {
    /// The file of the call, relative to the analyzed root.
    pub file: String,
    /// Line of the call.
    pub line: u32,
    /// Column of the call.
    pub column: u32,
    /// `exact`, or how the call graph fell back to the safe side somewhere on the path.
    pub precision: Precision,
    /// The call chain from the service's entry point to the call site.
    pub via: Vec<ViaStep>,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "camelCase")]
/// One function on a call chain.
pub struct ViaStep {
    /// The function, as `pkg.Type.Method` or `pkg.Func`.
    pub function: String,
    /// Its file, relative to the analyzed root.
    pub file: String,
    /// The line in this function of the call that leads to the next step (or the call site).
    pub line: u32,
    /// How this function was reached from the previous step: `entry` for the service's entry
    /// point, then `call`, `method`, `promotedMethod`, `methodValue`, `interfaceDispatch` or
    /// `functionValue`. Every edge is resolved through types; none is found by name alone.
    pub edge: EdgeKind,
    /// The static type the method was selected on (the interface, for interface dispatch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receiver: Option<String>,
}

/// The grant JSON's reference to endpoint `id`, pointing at its primary declaration.
pub fn endpoint_ref(a: &Analysis, id: EndpointId) -> EndpointRef {
    let e = &a.catalog.endpoints[id];
    let decl = e.primary_declaration();
    EndpointRef {
        host: e.host.clone(),
        name: e.name.clone(),
        route: e.route.clone(),
        method: e.method.clone(),
        file: decl.map(|d| d.file.clone()),
        line: decl.map(|d| d.span.start_line),
        column: decl.map(|d| d.span.start_column),
        origin: e.origin,
    }
}

/// A broad grant a suppression justified: the call site's index and the reason.
pub type Justified = BTreeMap<usize, String>;

/// The grants of an analysis: PUB rules for attributed :666 call sites (and broad ones `justified_wildcards` allows), SUB rules for owners, and whether they are complete.
pub fn build(a: &Analysis, justified_wildcards: &Justified) -> Grants {
    let ws = &a.workspace;
    // A call rootlint could not resolve may reach a :666 call: what it would grant is unknown.
    let mut complete =
        a.problems.is_empty() && a.unresolved.is_empty() && a.without_identity.is_empty();
    let mut by_service: Vec<BTreeMap<String, PubGrant>> =
        ws.services.iter().map(|_| BTreeMap::new()).collect();
    for (i, site) in a.call_sites.iter().enumerate() {
        let d = &site.destination;
        let attributions = &a.attributions[i];
        if !d.is_trust_root() {
            // A reached call whose port is unknown may be a :666 call (the analysis reports
            // it as one): no rule can be proven for it, so the grants are not complete.
            if d.port.is_err() && !attributions.is_empty() {
                complete = false;
            }
            continue;
        }
        if site.receiver_unresolved.is_some() || site.invalid_token.is_some() {
            complete &= attributions.is_empty();
            continue;
        }
        let (host, justification) = match (&d.host, justified_wildcards.get(&i)) {
            (Ok(h), _) if site.endpoint.is_some() => (h.clone(), None),
            (Err(_), Some(reason)) => ("*".to_string(), Some(reason.clone())),
            _ => {
                if !attributions.is_empty() {
                    complete = false;
                }
                continue;
            }
        };
        let (Ok(method), Ok(path)) = (&d.method, &d.path) else {
            complete &= attributions.is_empty();
            continue;
        };
        let endpoint = site.endpoint.or(site.named_endpoint);
        for attr in attributions {
            let src = &ws.services[attr.service].hostname;
            // A caller whose own hostname cannot be a subject token gets no rule at all.
            if subject::host_problem(src).is_some() {
                complete = false;
                continue;
            }
            let subject = subject::request_subject(src, &host, 666, method, path, d.path_is_route);
            let grant = by_service[attr.service]
                .entry(subject.clone())
                .or_insert_with(|| PubGrant {
                    subject,
                    host: host.clone(),
                    port: 666,
                    method: method.clone(),
                    path: path.clone(),
                    endpoint: endpoint.map(|id| endpoint_ref(a, id)),
                    justification: justification.clone(),
                    call_sites: Vec::new(),
                });
            let precision = attr
                .path
                .iter()
                .map(|s| s.precision)
                .find(|p| *p != Precision::Exact)
                .unwrap_or(Precision::Exact);
            grant.call_sites.push(CallSiteEvidence {
                file: site.file.clone(),
                line: site.span.start_line,
                column: site.span.start_column,
                precision,
                via: via(a, &attr.path, site.span.start_line),
            });
        }
    }
    // A :666 endpoint whose host or method cannot be a subject token gets no SUB rule.
    if a.catalog.endpoints.iter().any(|e| {
        e.origin == Origin::Tree
            && e.is_trust_root()
            && e.target.as_ref().is_ok_and(|t| {
                subject::host_problem(&t.host).is_some()
                    || (e.method != "ANY" && subject::method_problem(&e.method).is_some())
            })
    }) {
        complete = false;
    }
    let services = ws
        .services
        .iter()
        .zip(by_service)
        .map(|(s, pubs)| {
            let mut subscribe: Vec<SubGrant> = a
                .catalog
                .owned_by(&s.hostname)
                .filter(|(_, e)| e.origin == Origin::Tree && e.is_trust_root())
                // Another service's trust root is never this one's to receive.
                .filter(|(_, e)| e.foreign_trust_root().is_none())
                .filter_map(|(id, e)| {
                    let t = e.target.as_ref().ok()?;
                    if subject::host_problem(&t.host).is_some()
                        || (e.method != "ANY" && subject::method_problem(&e.method).is_some())
                    {
                        return None;
                    }
                    Some(SubGrant {
                        subject: subject::subscription_subject(&t.host, t.port, &e.method, &t.path),
                        endpoint: endpoint_ref(a, id),
                    })
                })
                .collect();
            subscribe.sort_by(|x, y| x.subject.cmp(&y.subject).then(x.endpoint.cmp(&y.endpoint)));
            subscribe.dedup_by(|x, y| x.subject == y.subject);
            ServiceGrants {
                hostname: s.hostname.clone(),
                dir: s.dir.clone(),
                publish: pubs
                    .into_values()
                    .map(|mut g| {
                        g.call_sites.sort();
                        g.call_sites.dedup();
                        g
                    })
                    .collect(),
                subscribe,
            }
        })
        .collect();
    Grants {
        schema: SCHEMA,
        complete,
        services,
    }
}

fn via(a: &Analysis, path: &[callgraph::Step], call_line: u32) -> Vec<ViaStep> {
    path.iter()
        .enumerate()
        .map(|(i, step)| ViaStep {
            function: callgraph::function_name(&a.workspace, step.function),
            file: a.workspace.files[step.function.file].file.rel.clone(),
            line: path.get(i + 1).map_or(call_line, |next| next.line),
            edge: step.kind,
            receiver: step.receiver.as_deref().map(str::to_string),
        })
        .collect()
}

impl Grants {
    /// The grants with `plane` in place of the placeholder, in each subject's value (never in
    /// the serialized text). The caller checks `plane` first ([`crate::subject::plane_problem`]).
    pub fn with_plane(&self, plane: &str) -> Grants {
        let mut out = self.clone();
        for s in &mut out.services {
            for p in &mut s.publish {
                p.subject = crate::subject::with_plane(&p.subject, plane);
            }
            for g in &mut s.subscribe {
                g.subject = crate::subject::with_plane(&g.subject, plane);
            }
        }
        out
    }

    /// Pretty JSON with a final newline, as `rootlint grants` prints it.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("grants serialize");
        s.push('\n');
        s
    }
}
