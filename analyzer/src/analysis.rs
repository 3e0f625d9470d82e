//! Stage 9, with the call graph: attribution (which services reach which call site, through the call graph from
//! their entry points), the problems met on the way, and the [`Analysis`] every later stage and
//! every lint reads.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::callgraph::bundles;
use crate::callgraph::callsites::{self, CallSite};
use crate::callgraph::{self, CallGraph, Step};
use crate::discover::Skipped;
use crate::facts::{self, Problem};
use crate::resolve::{types, values};
use crate::workspace::catalog::Catalog;
use crate::workspace::{self, Workspace};
use rayon::prelude::*;

/// One service's path to a call site.
#[derive(Clone, Debug)]
pub struct Attribution {
    /// Index into `Workspace::services`.
    pub service: usize,
    /// The call chain, from the service's entry point to the function holding the call site.
    pub path: Vec<Step>,
}

/// Everything rootlint proved about a tree, and what it could not: the input of the lints, the
/// grants and every renderer. Built by [`crate::analyze`] (the command line) or
/// [`crate::incremental::Engine::analyze`] (the language server); plain data, no syntax.
pub struct Analysis {
    /// The analysis root (canonical): every path in the analysis is relative to it.
    pub root: PathBuf,
    /// Files, packages, modules and services (stage 5).
    pub workspace: Workspace,
    /// Every endpoint rootlint can see, with where it is declared (stage 5).
    pub catalog: Catalog,
    /// Every Microbus call site with its resolved destination, sorted by file and position.
    pub call_sites: Vec<CallSite>,
    /// Functions and the call edges resolved through types and values (stage 9).
    pub graph: CallGraph,
    /// For each call site (same index), the services that reach it.
    pub attributions: Vec<Vec<Attribution>>,
    /// Application bundles (`main` packages that add services to one `application`), with their members.
    pub bundles: Vec<bundles::Bundle>,
    /// Calls rootlint could not resolve that may reach a :666 call, with what they might have
    /// run: no edge, no grant, and the grants are incomplete.
    pub unresolved: Vec<(callgraph::Unresolved, Vec<Candidate>)>,
    /// :666 call sites (indices into `call_sites`) in packages that no service compiles in:
    /// rootlint cannot tell whose credentials they run with, so they grant nothing and the
    /// grants are incomplete.
    pub without_identity: Vec<usize>,
    /// What kept rootlint from analyzing (part of) a file or the walk: the input of `analysis_incomplete`.
    pub problems: Vec<Problem>,
    /// Every reference to something that can reach :666, summed by what became of it (its
    /// gaps are among `problems`).
    pub ledger: crate::ledger::Ledger,
    /// Files left out on purpose (tests, mocks, unreached vendored code), counted for the summary.
    pub skipped: Skipped,
}

impl Analysis {
    /// Files analyzed, less those no build includes.
    pub fn files_analyzed(&self) -> usize {
        self.workspace.files.len() - self.files_not_built()
    }

    /// Go files that no build includes (their build constraints cannot be satisfied).
    pub fn files_not_built(&self) -> usize {
        self.workspace
            .files
            .iter()
            .filter(|f| matches!(f.facts, facts::Facts::NotBuilt { .. }))
            .count()
    }

    /// Files that could not be analyzed in full.
    pub fn files_failed(&self) -> usize {
        let mut files: Vec<&str> = self.problems.iter().map(|p| p.file.as_str()).collect();
        files.sort();
        files.dedup();
        files.len()
    }
}

/// What the last stages conclude from the call sites and the call graph (the language server
/// brings the ones it kept for files that did not change).
pub struct Conclusions {
    problems: Vec<Problem>,
    ledger: crate::ledger::Ledger,
    attributions: Vec<Vec<Attribution>>,
    unresolved: Vec<(callgraph::Unresolved, Vec<Candidate>)>,
    bundles: Vec<bundles::Bundle>,
    without_identity: Vec<usize>,
}

/// Attribution, bundles and every problem met on the way.
pub(crate) fn conclude(
    types: &types::Types,
    flow: &crate::flow::ValueFlow,
    call_sites: &[CallSite],
    graph: &CallGraph,
    walk_errors: &[(String, String)],
    binaries: &bundles::Binaries,
) -> Conclusions {
    let workspace = types.workspace();
    let mut problems: Vec<Problem> = workspace
        .files
        .iter()
        .flat_map(|f| f.problems.iter().cloned())
        .collect();
    problems.extend(walk_errors.iter().map(|(path, message)| Problem {
        file: path.clone(),
        span: None,
        message: format!("could not walk this path: {message}"),
    }));
    // A call whose destination stopped at an analysis limit may be a :666 call: fail closed.
    problems.extend(
        call_sites
            .iter()
            .filter_map(|s| Some((s, s.undecided()?)))
            .map(|(s, why)| Problem {
                file: s.file.clone(),
                span: Some(s.span),
                message: if why == values::DEPTH_LIMIT {
                    format!(
                        "rootlint stopped resolving this call's destination at an analysis limit: {why}"
                    )
                } else {
                    "this call's destination depends on a name that build variants declare with \
                     different values, and one reading of the tree cannot say which is sent"
                        .to_string()
                },
            }),
    );
    problems.extend(packages_go_refuses(workspace));
    // Every reference to something that can reach :666 is followed or reported: one that is
    // neither makes the analysis incomplete.
    let ledger = crate::ledger::account(types, flow, graph, call_sites);
    problems.extend(ledger.gaps.iter().cloned());
    problems.sort();
    let (attributions, unresolved) = attribute(types, graph, call_sites, binaries);
    let bundles = bundles::find(types);
    let without_identity = without_identity(workspace, call_sites, &attributions, &bundles);
    Conclusions {
        problems,
        ledger,
        attributions,
        unresolved,
        bundles,
        without_identity,
    }
}

impl Analysis {
    /// The analysis of a workspace from what the stages found.
    pub fn assemble(
        root: &Path,
        workspace: Workspace,
        catalog: Catalog,
        call_sites: Vec<CallSite>,
        graph: CallGraph,
        conclusions: Conclusions,
        skipped: Skipped,
    ) -> Analysis {
        let Conclusions {
            problems,
            ledger,
            attributions,
            unresolved,
            bundles,
            without_identity,
        } = conclusions;
        Analysis {
            bundles,
            unresolved,
            without_identity,
            root: root.to_path_buf(),
            workspace,
            catalog,
            call_sites,
            graph,
            attributions,
            problems,
            ledger,
            skipped,
        }
    }
}

/// Packages Go refuses to build for their package clauses: a hand-written file without one (an
/// empty file included), and a folder whose files name two packages. rootlint analyzes the
/// rest; what such a package would have run is unknown, so the grants are incomplete.
fn packages_go_refuses(ws: &Workspace) -> Vec<Problem> {
    let mut out = Vec::new();
    for p in ws.packages.values() {
        let mut first: Option<(&str, usize)> = None;
        for &f in &p.go_files {
            let name = ws.go(f).package.as_str();
            let file = ws.files[f].file.rel.clone();
            if name.is_empty() {
                out.push(Problem {
                    file,
                    span: None,
                    message: "the file has no package clause, so Go refuses to build its package"
                        .into(),
                });
                continue;
            }
            match first {
                None => first = Some((name, f)),
                Some((other, at)) if other != name => out.push(Problem {
                    file,
                    span: None,
                    message: format!(
                        "the file is in package `{name}`, and `{}` in the same folder in package `{other}`: Go refuses to build the folder",
                        ws.files[at].file.rel
                    ),
                }),
                Some(_) => {}
            }
        }
    }
    out
}

/// What the framework runs for one service: the exported methods of its service types (the
/// types that embed the connector, which the generated code registers as handlers, sinks,
/// tickers and lifecycle callbacks), and the `init` functions and package-level variable
/// initializers of its package and every in-tree package it imports. When the root package has
/// no service type rootlint recognises, every exported function and method of it counts.
/// Functions registered as values (`svc.Subscribe(…, svc.handler)`) are reached through the
/// function-value edges of whoever registers them.
fn entry_points(
    ws: &Workspace,
    types: &types::Types,
    service: &workspace::Service,
) -> (Vec<callsites::FunctionRef>, Vec<std::sync::Arc<str>>) {
    let Some(root) = ws.packages.get(&service.dir) else {
        return (Vec::new(), Vec::new());
    };
    let root_dir = root.dir.as_str();
    let mut service_types: Vec<&str> = root
        .go_files
        .iter()
        .flat_map(|&f| ws.go(f).types.iter())
        .map(|t| t.name.as_str())
        .filter(|name| {
            *name == "Service"
                || types.embeds_connector(types::TypeKey {
                    dir: root_dir,
                    name,
                })
        })
        .collect();
    service_types.extend(root.generated_connector_types.iter().map(String::as_str));
    // `type Svc = Service`: methods declared on the alias are the service's.
    let aliases: Vec<&str> = root
        .go_files
        .iter()
        .flat_map(|&f| ws.go(f).types.iter())
        .filter(|t| t.alias)
        .filter(|t| {
            let target = match &t.ty {
                facts::go::TypeExpr::Pointer(inner) => inner.as_ref(),
                other => other,
            };
            matches!(target, facts::go::TypeExpr::Named { qualifier: None, name, .. } if service_types.contains(&name.as_str()))
        })
        .map(|t| t.name.as_str())
        .collect();
    service_types.extend(aliases);
    service_types.sort();
    service_types.dedup();
    let exported = |name: &str| name.chars().next().is_some_and(char::is_uppercase);
    // A hand-written constructor (`NewService() *Service`): the application calls it, and what
    // it registers (`svc.SetOnStartup(svc.start)`) runs.
    let constructs_service = |func: &facts::go::GoFunction| {
        func.receiver_type.is_none()
            && exported(&func.name)
            && func.results.iter().any(|r| {
                let t = match &r.ty {
                    Some(facts::go::TypeExpr::Pointer(inner)) => Some(inner.as_ref()),
                    other => other.as_ref(),
                };
                matches!(t, Some(facts::go::TypeExpr::Named { qualifier: None, name, .. }) if service_types.contains(&name.as_str()))
            })
    };
    let mut entries = Vec::new();
    for &file in &root.go_files {
        for f in ws.functions(file) {
            let func = &ws.go(file).functions[f.function];
            let is_entry = func.name == facts::go::INITIALIZERS
                || constructs_service(func)
                || match &func.receiver_type {
                    Some(t) if !service_types.is_empty() => {
                        service_types.contains(&t.as_str()) && exported(&func.name)
                    }
                    _ => service_types.is_empty() && exported(&func.name),
                };
            if is_entry {
                entries.push(f);
            }
        }
    }
    // Package initialization of everything the service imports from the tree.
    let mut seen: std::collections::HashSet<&str> = [root_dir].into();
    let mut stack = vec![root_dir];
    while let Some(dir) = stack.pop() {
        let Some(p) = ws.packages.get(dir) else {
            continue;
        };
        if dir != root_dir {
            for &file in &p.go_files {
                entries.extend(
                    ws.functions(file).filter(|f| {
                        ws.go(file).functions[f.function].name == facts::go::INITIALIZERS
                    }),
                );
            }
        }
        for &file in &p.go_files {
            for import in &ws.go(file).imports {
                if let Some(d) = ws.dir_by_import.get(&import.path)
                    && seen.insert(d.as_str())
                {
                    stack.push(d.as_str());
                }
            }
        }
    }
    entries.sort();
    entries.dedup();
    let assumed = service_types
        .into_iter()
        .map(|name| {
            std::sync::Arc::from(types.type_name(types::TypeKey {
                dir: root_dir,
                name,
            }))
        })
        .collect();
    (entries, assumed)
}

/// :666 calls that no service reaches, in packages outside every service's import closure (a
/// `main` package, a tool, a library no service imports): their caller has no identity
/// rootlint can find. A call in a service's own code that nothing reaches is dead code, not this.
fn without_identity(
    ws: &Workspace,
    sites: &[CallSite],
    attributions: &[Vec<Attribution>],
    bundles: &[bundles::Bundle],
) -> Vec<usize> {
    let compiled_in = ws.import_closure(ws.services.iter().map(|s| s.dir.as_str()));
    // Each binary is checked on its own: a program that runs no service (a tool's `main`)
    // makes what it links run without a service's identity, even code a service links too.
    let tools: Vec<&str> = ws
        .packages
        .values()
        .filter(|p| !bundles.iter().any(|b| b.dir == p.dir))
        .filter(|p| {
            p.go_files.iter().any(|&f| {
                let facts = ws.go(f);
                facts.package == "main"
                    && facts
                        .functions
                        .iter()
                        .any(|g| g.name == "main" && g.receiver_type.is_none())
            })
        })
        .map(|p| p.dir.as_str())
        .collect();
    let linked_by_tools = ws.import_closure(tools);
    sites
        .iter()
        .enumerate()
        .filter(|(i, s)| {
            let dir = ws.files[s.function.file].file.dir();
            s.destination.is_trust_root()
                && attributions[*i].is_empty()
                && (!compiled_in.contains(dir) || linked_by_tools.contains(dir))
        })
        .map(|(i, _)| i)
        .collect()
}

type Attributions = Vec<Vec<Attribution>>;
type LostCalls = Vec<(callgraph::Unresolved, Vec<Candidate>)>;

/// What an unresolved call might have run that makes a :666 call.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Candidate {
    /// An in-tree function or method of that name and arity.
    Function(callsites::FunctionRef),
    /// A typed client's method of that name that calls a :666 endpoint (`host/Name`).
    Endpoint(String),
}

/// A call site belongs to every service whose entry points reach the function holding it.
fn attribute(
    types: &types::Types,
    graph: &CallGraph,
    sites: &[CallSite],
    binaries: &bundles::Binaries,
) -> (Attributions, LostCalls) {
    let ws = types.workspace();
    let per_service: Vec<_> = ws
        .services
        .iter()
        .map(|s| entry_points(ws, types, s))
        .collect();
    let all_entries: Vec<_> = per_service
        .iter()
        .flat_map(|(e, _)| e.iter().copied())
        .collect();
    let assumed: Vec<_> = per_service
        .iter()
        .flat_map(|(_, a)| a.iter().cloned())
        .collect();
    let program = graph.program(&all_entries, &assumed);
    let useful = graph.reaching(sites.iter().map(|s| s.function));
    let no_binaries = Vec::new();
    let reaches: Vec<callgraph::Reach> = per_service
        .par_iter()
        .enumerate()
        .map(|(i, (entries, _))| {
            let own = binaries.of_service.get(i).unwrap_or(&no_binaries);
            graph.reach(entries, &useful, &program, own)
        })
        .collect();
    // Walk each service's (small) reached set rather than asking every service about every site.
    let mut sites_of: HashMap<callsites::FunctionRef, Vec<usize>> = HashMap::new();
    for (i, s) in sites.iter().enumerate() {
        sites_of.entry(s.function).or_default().push(i);
    }
    let mut out: Vec<Vec<Attribution>> = vec![Vec::new(); sites.len()];
    for (service, reach) in reaches.iter().enumerate() {
        let own = binaries.of_service.get(service).unwrap_or(&no_binaries);
        for f in reach.functions() {
            for &i in sites_of.get(&f).map(Vec::as_slice).unwrap_or(&[]) {
                // A client that flows to the call only in another binary is not this service's.
                if !callgraph::in_binaries(&sites[i].binaries, own) {
                    continue;
                }
                out[i].push(Attribution {
                    service,
                    path: reach.path(f),
                });
            }
        }
    }
    for a in &mut out {
        a.sort_by_key(|a| a.service);
    }
    (out, lost_calls(ws, types.catalog(), graph, sites, &program))
}

/// Unresolved calls in code the program runs that may reach a function making a :666 call (or
/// a call whose port is unknown): the methods of that name and arity that could have been the
/// target.
fn lost_calls(
    ws: &Workspace,
    catalog: &Catalog,
    graph: &CallGraph,
    sites: &[CallSite],
    program: &callgraph::Program,
) -> LostCalls {
    let trust = graph.reaching(
        sites
            .iter()
            .filter(|s| s.destination.port.as_ref().is_err() || s.destination.is_trust_root())
            .map(|s| s.function),
    );
    let (by_name, any_function) = candidate_functions(ws, graph, &trust);
    // Typed clients' methods that call a :666 endpoint, by name: a receiver rootlint cannot
    // follow may hold such a client.
    let mut endpoints: HashMap<&str, Vec<String>> = HashMap::new();
    for api in catalog.api_packages.values() {
        for (name, id) in api.endpoints() {
            let e = &catalog.endpoints[id];
            if e.is_trust_root() {
                endpoints
                    .entry(name)
                    .or_default()
                    .push(format!("{}/{}", e.host, e.name));
            }
        }
    }
    let mut out: LostCalls = graph
        .nodes()
        .filter(|n| program.reached.contains(&n.function))
        .flat_map(|n| n.unresolved.iter())
        .filter_map(|u| {
            let named = by_name.get(u.name.as_str()).into_iter().flatten();
            let values = u
                .name
                .is_empty()
                .then_some(&any_function)
                .into_iter()
                .flatten();
            let mut candidates: Vec<Candidate> = named
                .chain(values)
                .filter(|(_, params, variadic)| {
                    *params == u.args || (*variadic && u.args + 1 >= *params)
                })
                .map(|(f, _, _)| Candidate::Function(*f))
                .chain(
                    endpoints
                        .get(u.name.as_str())
                        .into_iter()
                        .flatten()
                        .map(|e| Candidate::Endpoint(e.clone())),
                )
                .collect();
            candidates.sort();
            candidates.dedup();
            (!candidates.is_empty()).then(|| (u.clone(), candidates))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A function with its parameter count and whether it is variadic.
type Arity = (callsites::FunctionRef, usize, bool);

/// The functions of `trust` an unfollowed call may run: methods by name, and those taken as
/// values (for a function value).
fn candidate_functions<'w>(
    ws: &'w Workspace,
    graph: &CallGraph,
    trust: &std::collections::HashSet<callsites::FunctionRef>,
) -> (HashMap<&'w str, Vec<Arity>>, Vec<Arity>) {
    let mut by_name: HashMap<&'w str, Vec<Arity>> = HashMap::new();
    // A function value rootlint could not follow may hold any function, method value or closure
    // the code takes as a value (of that arity) that reaches :666.
    let mut any_function: Vec<Arity> = Vec::new();
    for f in trust {
        let func = &ws.go(f.file).functions[f.function];
        let params = match f.closure {
            0 => &func.params,
            k => match func.closures.get(k as usize - 1) {
                Some(c) => &c.params,
                None => continue,
            },
        };
        let variadic = params.last().is_some_and(|p| p.variadic);
        if f.closure == 0 && func.receiver_type.is_some() {
            by_name
                .entry(func.name.as_str())
                .or_default()
                .push((*f, params.len(), variadic));
        }
        if graph.taken_as_value(*f) {
            any_function.push((*f, params.len(), variadic));
        }
    }
    (by_name, any_function)
}
