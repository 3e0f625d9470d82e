//! rootlint's analysis engine, shared by the CLI and the language server.
//!
//! The pipeline is a straight line, one module per stage:
//! [`discover`] files → [`triage`] bytes → [`parse`] → [`facts`] per file → [`workspace`]
//! (packages, services) → [`catalog`] of endpoints → [`callsites`] resolved through [`values`]
//! → [`callgraph`] and attribution to services → [`grants`]. Lints (in the `rootlint-lints`
//! crate) read the resulting [`Analysis`], never syntax trees.

pub mod bundles;
pub mod callgraph;
pub mod callsites;
pub mod catalog;
pub mod demand;
pub mod diagnostic;
pub mod discover;
pub mod facts;
pub mod grants;
pub mod incremental;
pub mod parse;
pub mod route;
pub mod span;
pub mod subject;
pub mod triage;
pub mod values;
pub mod workspace;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::callgraph::{CallGraph, Step};
use crate::callsites::CallSite;
use crate::catalog::{Catalog, ExternalEndpoint};
use crate::discover::{DiscoverOptions, Skipped};
use crate::facts::Problem;
use crate::workspace::Workspace;

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub exclude: Vec<String>,
    /// :666 endpoints of services outside the tree (from configuration).
    pub external_endpoints: Vec<ExternalEndpoint>,
    /// Unsaved editor buffers by relative path; they replace the files on disk.
    pub overlays: HashMap<String, String>,
    /// Parse every Go file in full instead of only what can matter (`--no-triage`). The output
    /// is the same; the tests check it.
    pub no_triage: bool,
}

/// One service's path to a call site.
#[derive(Clone, Debug)]
pub struct Attribution {
    /// Index into `Workspace::services`.
    pub service: usize,
    pub path: Vec<Step>,
}

pub struct Analysis {
    pub root: PathBuf,
    pub workspace: Workspace,
    pub catalog: Catalog,
    pub call_sites: Vec<CallSite>,
    pub graph: CallGraph,
    /// For each call site (same index), the services that reach it.
    pub attributions: Vec<Vec<Attribution>>,
    pub bundles: Vec<bundles::Bundle>,
    pub problems: Vec<Problem>,
    pub skipped: Skipped,
}

impl Analysis {
    pub fn files_analyzed(&self) -> usize {
        self.workspace.files.len()
    }

    /// Files that could not be analyzed in full.
    pub fn files_failed(&self) -> usize {
        let mut files: Vec<&str> = self.problems.iter().map(|p| p.file.as_str()).collect();
        files.sort();
        files.dedup();
        files.len()
    }
}

pub fn analyze(root: &Path, options: &Options) -> Analysis {
    let discovery = discover::discover(
        root,
        &DiscoverOptions {
            exclude: options.exclude.clone(),
        },
    );
    let sources: Vec<facts::Source> = discovery
        .files
        .par_iter()
        .map(|f| facts::load(f, options.overlays.get(&f.rel).cloned()))
        .collect();
    let (workspace, catalog) = if options.no_triage {
        let files = sources
            .par_iter()
            .map(|s| std::sync::Arc::new(facts::extract(s, facts::Selection::All)))
            .collect();
        let workspace = Workspace::new(files);
        let catalog = Catalog::build(&workspace, &options.external_endpoints);
        (workspace, catalog)
    } else {
        demand::run(&sources, &options.external_endpoints)
    };
    drop(sources);
    finish(
        root,
        workspace,
        catalog,
        &discovery.errors,
        discovery.skipped,
    )
}

/// The stages after the facts: call sites, call graph, attribution, bundles. Shared with the
/// language server, which brings its own cached facts.
pub fn finish(
    root: &Path,
    workspace: Workspace,
    catalog: Catalog,
    walk_errors: &[(String, String)],
    skipped: Skipped,
) -> Analysis {
    let call_sites = callsites::find(&workspace, &catalog);
    let graph = callgraph::build(&workspace, &catalog);
    finish_with(
        root,
        workspace,
        catalog,
        call_sites,
        graph,
        walk_errors,
        skipped,
    )
}

/// `finish` with the call sites and the call graph already built (the language server keeps
/// what files that did not change contribute).
pub fn finish_with(
    root: &Path,
    workspace: Workspace,
    catalog: Catalog,
    call_sites: Vec<CallSite>,
    graph: CallGraph,
    walk_errors: &[(String, String)],
    skipped: Skipped,
) -> Analysis {
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
    problems.sort();
    let attributions = attribute(&workspace, &graph, &call_sites);
    let bundles = bundles::find(&workspace, &catalog);
    Analysis {
        bundles,
        root: root.to_path_buf(),
        workspace,
        catalog,
        call_sites,
        graph,
        attributions,
        problems,
        skipped,
    }
}

/// Entry points are the functions of each service's root package; a call site belongs to every
/// service that reaches the function holding it.
fn attribute(ws: &Workspace, graph: &CallGraph, sites: &[CallSite]) -> Vec<Vec<Attribution>> {
    let useful = graph.reaching(sites.iter().map(|s| s.function));
    let reaches: Vec<callgraph::Reach> = ws
        .services
        .par_iter()
        .map(|s| {
            let entries: Vec<_> = ws
                .packages
                .get(&s.dir)
                .map(|p| {
                    p.go_files
                        .iter()
                        .flat_map(|&file| ws.functions(file))
                        .collect()
                })
                .unwrap_or_default();
            graph.reach(&entries, &useful)
        })
        .collect();
    // Walk each service's (small) reached set rather than asking every service about every site.
    let mut sites_of: HashMap<callsites::FunctionRef, Vec<usize>> = HashMap::new();
    for (i, s) in sites.iter().enumerate() {
        sites_of.entry(s.function).or_default().push(i);
    }
    let mut out: Vec<Vec<Attribution>> = vec![Vec::new(); sites.len()];
    for (service, reach) in reaches.iter().enumerate() {
        for f in reach.functions() {
            for &i in sites_of.get(&f).map(Vec::as_slice).unwrap_or(&[]) {
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
    out
}
