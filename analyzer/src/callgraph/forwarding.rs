//! Requests through forwarders. A function whose raw request takes its URL, its method or its
//! options from its parameters (`func (b *Bus) Request(ctx, opts ...pub.Option)`, a helper
//! `post(ctx, svc, url)`) sends what each caller passes. It is evaluated once per call that
//! reaches it, with that call's arguments, and the request becomes a call site at that call:
//! there it is attributed to the services that make it, granted, or reported. The request
//! inside the forwarder stays as it is (a caller rootlint cannot see still leaves it unknown).

use std::collections::{HashMap, HashSet};

use crate::callgraph::callsites::{CallSite, FunctionRef, Shape, raw_site};
use crate::facts::go::{CallExpr, Expr};
use crate::flow::{self, ValueFlow};
use crate::resolve::types::{Member, Ty, Types};
use crate::resolve::values::{Scope, Value};

/// Forwarders that call forwarders, followed at most this deep; a deeper chain keeps the
/// unknown request of the innermost one (reported, the grants incomplete).
const MAX_FORWARDING_DEPTH: usize = 4;

/// Forwarders evaluated for their callers, at most, in one tree: chains of forwarders called
/// from many places multiply. Past it, the rest keep their unknown requests (reported, the
/// grants incomplete), as a chain deeper than [`MAX_FORWARDING_DEPTH`] does.
const MAX_INSTANTIATIONS: usize = 20_000;

/// What a forwarder does with its parameters: raw requests, and calls of other forwarders.
enum Inner<'a> {
    Request(&'a CallExpr),
    Forward(&'a CallExpr, FunctionRef),
}

/// The call sites forwarders make for their callers, placed at the callers' calls.
pub(super) fn forwarded<'a>(
    types: &'a Types<'a>,
    flow: &ValueFlow,
    sites: &[CallSite],
) -> Vec<CallSite> {
    let ws = types.workspace();
    // A raw request whose destination is not static, in a function with named parameters.
    let mut forwarders: HashMap<FunctionRef, Vec<Inner<'a>>> = HashMap::new();
    for s in sites {
        if !matches!(s.shape, Shape::Raw { .. })
            || s.function.closure != 0
            || s.destination.unresolved().is_none()
        {
            continue;
        }
        let func = &ws.go(s.function.file).functions[s.function.function];
        if !func.params.iter().any(|p| named(&p.name)) {
            continue;
        }
        if let Some(call) = func.calls.iter().find(|c| c.span == s.span) {
            forwarders
                .entry(s.function)
                .or_default()
                .push(Inner::Request(call));
        }
    }
    let mut out = Vec::new();
    let mut budget = MAX_INSTANTIATIONS;
    let mut frontier: Vec<FunctionRef> = forwarders.keys().copied().collect();
    for _ in 0..MAX_FORWARDING_DEPTH {
        if frontier.is_empty() {
            break;
        }
        let current: HashSet<FunctionRef> = frontier.drain(..).collect();
        for (g, inner) in round(types, flow, &forwarders, &current, &mut out, &mut budget) {
            forwarders.entry(g).or_default().extend(inner);
            frontier.push(g);
        }
        frontier.sort();
        frontier.dedup();
    }
    out
}

/// One round: the calls of the `current` forwarders, each evaluated with its arguments. The
/// requests are placed at the calls; a caller that passes its own parameters on is returned
/// as a forwarder for the next round.
fn round<'a>(
    types: &'a Types<'a>,
    flow: &ValueFlow,
    forwarders: &HashMap<FunctionRef, Vec<Inner<'a>>>,
    current: &HashSet<FunctionRef>,
    out: &mut Vec<CallSite>,
    budget: &mut usize,
) -> HashMap<FunctionRef, Vec<Inner<'a>>> {
    let ws = types.workspace();
    let names: HashSet<&str> = current
        .iter()
        .map(|f| ws.go(f.file).functions[f.function].name.as_str())
        .collect();
    let mut next: HashMap<FunctionRef, Vec<Inner<'a>>> = HashMap::new();
    let files = ws
        .packages
        .values()
        .flat_map(|p| p.go_files.iter().copied());
    for file in files.filter(|&f| matches!(ws.files[f].facts, crate::facts::Facts::Go(_))) {
        for g in ws.functions(file) {
            let func = &ws.go(g.file).functions[g.function];
            for call in &func.calls {
                let callee_name = match &call.callee {
                    Expr::Selector(_, m) => m.as_str(),
                    Expr::Ident(n) => n.as_str(),
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
                    | Expr::Other(_) => continue,
                };
                // A function value's call reaches forwarders only through the flow.
                let through_flow = flow
                    .call(flow::call_key(g.file, call.span))
                    .is_some_and(|r| r.targets.iter().any(|(t, _)| current.contains(t)));
                if !names.contains(callee_name) && !through_flow {
                    continue;
                }
                let scope = scope_at(types, g, call);
                for target in targets(types, flow, g, &scope, call) {
                    if !current.contains(&target) {
                        continue;
                    }
                    let Some(args) = bind_args(types, target, call, &scope) else {
                        continue;
                    };
                    if *budget == 0 {
                        return next;
                    }
                    let made = instantiate(types, forwarders, target, &args, 0, budget);
                    let caller_forwards = call.closure == 0
                        && func.params.iter().any(|p| named(&p.name))
                        && made.iter().any(|s| s.destination.unresolved().is_some());
                    if caller_forwards {
                        next.entry(g)
                            .or_default()
                            .push(Inner::Forward(call, target));
                    }
                    let via = format!("the forwarder `{}`", describe(types, target));
                    for mut site in made {
                        let unresolved = site.destination.unresolved().is_some();
                        // An unknown request the caller forwards in turn is placed at its own
                        // callers instead; one that stays unknown off :666 adds nothing to the
                        // forwarder's own finding.
                        if unresolved && (caller_forwards || !site.destination.is_trust_root()) {
                            continue;
                        }
                        site.function = g.with_closure(call.closure);
                        site.file = ws.files[g.file].file.rel.clone();
                        site.span = call.span;
                        site.via = Some(via.clone());
                        site.literal_in_source = false;
                        out.push(site);
                    }
                }
            }
        }
    }
    next
}

fn named(name: &str) -> bool {
    !name.is_empty() && name != "_"
}

fn describe(types: &Types, f: FunctionRef) -> String {
    let func = &types.workspace().go(f.file).functions[f.function];
    match &func.receiver_type {
        Some(t) => format!("{t}.{}", func.name),
        None => func.name.clone(),
    }
}

fn scope_at<'a>(types: &'a Types<'a>, f: FunctionRef, call: &'a CallExpr) -> Scope<'a> {
    let ws = types.workspace();
    Scope {
        ws,
        catalog: types.catalog(),
        types,
        file: f.file,
        function: Some(&ws.go(f.file).functions[f.function]),
        at: call.span.start_byte,
        args: None,
    }
}

/// The functions a call runs: by its static callee, and by the values the flow follows.
fn targets<'a>(
    types: &'a Types<'a>,
    flow: &ValueFlow,
    g: FunctionRef,
    scope: &Scope<'a>,
    call: &'a CallExpr,
) -> Vec<FunctionRef> {
    let ws = types.workspace();
    let mut out: Vec<FunctionRef> = flow
        .call(flow::call_key(g.file, call.span))
        .map(|r| r.targets.iter().map(|(t, _)| t.declared()).collect())
        .unwrap_or_default();
    match &call.callee {
        Expr::Selector(base, m) => {
            if let Expr::Ident(alias) = &**base
                && let Some(path) = scope.imported_package(alias)
            {
                if let Some(dir) = ws.dir_by_import.get(path) {
                    out.extend(types.package_funcs(dir, m));
                }
            } else {
                let ty = types.type_of(scope, base);
                // `T.M(recv, …)` shifts the arguments: not a forwarder call rootlint binds.
                if matches!(ty, Ty::TypeName(_)) {
                    return Vec::new();
                }
                if let Member::Methods { methods, .. } = types.lookup(&ty, m, 0) {
                    out.extend(methods);
                }
            }
        }
        Expr::Ident(n) if scope.binding(n).is_none() && scope.param_type(n).is_none() => {
            out.extend(types.package_funcs(scope.package_dir(), n));
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
        | Expr::Other(_) => {}
    }
    out.sort();
    out.dedup();
    out
}

/// The forwarder's parameters bound to what the call passes; `None` when the arguments do not
/// line up with the parameters.
fn bind_args<'a>(
    types: &'a Types<'a>,
    target: FunctionRef,
    call: &'a CallExpr,
    scope: &Scope<'a>,
) -> Option<Vec<(String, Value)>> {
    let params = &types.workspace().go(target.file).functions[target.function].params;
    let variadic = params.last().is_some_and(|p| p.variadic);
    let fits = if variadic && !call.spread {
        call.args.len() + 1 >= params.len()
    } else {
        call.args.len() == params.len()
    };
    if !fits {
        return None;
    }
    let mut out = Vec::new();
    for (i, p) in params.iter().enumerate() {
        if !named(&p.name) {
            continue;
        }
        let value = if p.variadic && !call.spread {
            Value::Options(scope.options(&call.args[i.min(call.args.len())..], false))
        } else {
            call.args
                .get(i)
                .map_or(Value::Unknown("a missing argument".into()), |a| {
                    scope.eval(a)
                })
        };
        out.push((p.name.clone(), value));
    }
    Some(out)
}

/// The requests a forwarder makes with these arguments.
fn instantiate<'a>(
    types: &'a Types<'a>,
    forwarders: &HashMap<FunctionRef, Vec<Inner<'a>>>,
    f: FunctionRef,
    args: &[(String, Value)],
    depth: usize,
    budget: &mut usize,
) -> Vec<CallSite> {
    let Some(inner) = forwarders.get(&f) else {
        return Vec::new();
    };
    if *budget == 0 {
        return Vec::new();
    }
    *budget -= 1;
    let mut out = Vec::new();
    for i in inner {
        match i {
            Inner::Request(call) => {
                let scope = Scope {
                    args: Some(args),
                    ..scope_at(types, f, call)
                };
                let Expr::Selector(receiver, method) = &call.callee else {
                    continue;
                };
                out.extend(raw_site(
                    types, f, call, receiver, method, scope, scope, None,
                ));
            }
            Inner::Forward(call, target) if depth < MAX_FORWARDING_DEPTH => {
                let scope = Scope {
                    args: Some(args),
                    ..scope_at(types, f, call)
                };
                if let Some(inner_args) = bind_args(types, *target, call, &scope) {
                    out.extend(instantiate(
                        types,
                        forwarders,
                        *target,
                        &inner_args,
                        depth + 1,
                        budget,
                    ));
                }
            }
            Inner::Forward(..) => {}
        }
    }
    out
}
