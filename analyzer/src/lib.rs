//! rootlint's analysis engine, shared by the CLI and the language server.
//!
//! The pipeline is a straight line, one module (a folder when it has several files) per stage
//! (ARCHITECTURE.md numbers them; a dogfood test keeps each module to earlier stages):
//! 1 [`discover`] files → 2 `triage` bytes (`header` imports, build `constraints`) →
//! 3 parse and extract (the `rootlint-syntax` crate, the only one that sees a syntax tree) →
//! 4 [`facts`] per file, then `facts::reach`: which packages can matter → 5 [`workspace`]
//! (packages, services) and its [`workspace::catalog`] of endpoints → 6 `resolve` (types and
//! values) → 7 [`callgraph::callsites`] → 8 [`callgraph`], [`callgraph::bundles`] and
//! attribution ([`analysis`]) → 9 [`grants`]. This file, `demand` and [`incremental`] drive
//! them. Lints (in the `rootlint-lints` crate) read the resulting [`Analysis`], never syntax
//! trees.
//!
//! The stages' workings (triage, reachability, demand-driven parsing, type and value
//! resolution) are private to the crate; what it exports is their results: files, facts, the
//! workspace and catalog, call sites, the call graph, bundles, grants and the [`Analysis`].

pub use rootlint_syntax::span;

pub mod analysis;
pub mod callgraph;
pub(crate) mod demand;
pub mod diagnostic;
pub mod discover;
pub mod facts;
pub(crate) mod flow;
pub(crate) mod framework;
pub mod grants;
pub mod incremental;
pub mod ledger;
pub(crate) mod resolve;
pub mod route;
pub mod subject;
pub(crate) mod triage;
pub mod workspace;

/// What the fuzz targets (`fuzz/`) reach of the crate-private stages; not an API.
#[doc(hidden)]
pub mod fuzzing {
    use crate::resolve::values::{Template, url_shape};

    /// What a Go file's name and header say about the builds that include it, as `go/build`
    /// would answer for a build without the tag `ignore`: `BUILT`, `NOT` (no build includes it)
    /// or `ERR` (a constraint Go refuses). `tests/build_oracle.rs` compares it with Go.
    pub fn build_verdict(file_name: &str, src: &str) -> &'static str {
        match crate::triage::constraints::verdict(file_name, src) {
            crate::triage::constraints::Verdict::Built => "BUILT",
            crate::triage::constraints::Verdict::NeverBuilt(_) => "NOT",
            crate::triage::constraints::Verdict::Unreadable { .. } => "ERR",
        }
    }

    /// The host and port that the template evaluator reads from `url` written as a literal,
    /// when it finds both (the `urls` target compares them with `route::parse_url`).
    pub fn literal_url_host_and_port(url: &str) -> Option<(String, u16)> {
        let shape = url_shape(&Template::lit(url));
        Some((shape.host.ok()?, shape.port.ok()?))
    }
}

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::analysis::conclude;
pub use crate::analysis::{Analysis, Attribution, Conclusions};
use crate::discover::{DiscoverOptions, Skipped};
use crate::resolve::types;
use crate::workspace::Workspace;
use crate::workspace::catalog::{Catalog, ExternalEndpoint};

/// Stack size of the worker threads, which extract facts (see
/// [`facts::go::EXTRACTION_STACK`]).
pub const WORKER_STACK: usize = facts::go::EXTRACTION_STACK;

/// The most worker threads `-j` may ask for; more is refused rather than attempted.
pub const MAX_THREADS: usize = 256;

/// Starts the global worker pool with `threads` threads (default: one per core), each with
/// [`WORKER_STACK`] of stack. Call once, before the first analysis.
pub fn init_threads(threads: Option<usize>) -> Result<(), String> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK);
    if let Some(n) = threads {
        if n == 0 || n > MAX_THREADS {
            return Err(format!(
                "`-j {n}`: the thread count must be between 1 and {MAX_THREADS}"
            ));
        }
        builder = builder.num_threads(n);
    }
    builder
        .build_global()
        .map_err(|e| format!("cannot start the worker threads: {e}"))
}

#[derive(Clone, Debug, Default)]
/// What an analysis reads besides the tree.
pub struct Options {
    /// Extra gitignore-style patterns to leave out.
    pub exclude: Vec<String>,
    /// :666 endpoints of services outside the tree (from configuration).
    pub external_endpoints: Vec<ExternalEndpoint>,
    /// Unsaved editor buffers by relative path; they replace the files on disk.
    pub overlays: HashMap<String, String>,
    /// Parse every Go file in full instead of only what can matter (`--no-triage`). The output
    /// is the same; the tests check it.
    pub no_triage: bool,
}

/// Runs the whole pipeline over the tree at `root`: the command line's analysis.
pub fn analyze(root: &Path, options: &Options) -> Analysis {
    let discovery = discover::discover(
        root,
        &DiscoverOptions {
            exclude: options.exclude.clone(),
        },
    );
    let load = |f: &std::sync::Arc<discover::SourceFile>, lean: bool| {
        facts::load(f, options.overlays.get(&f.rel).cloned(), lean)
    };
    // With triage, a Go file that does not import the framework keeps only its header until
    // the import graph says whether its package can matter: most of a monorepo cannot, and
    // its text need not be held meanwhile.
    let mut sources: Vec<facts::Source> = discovery
        .files
        .par_iter()
        .map(|f| load(f, !options.no_triage))
        .collect();
    let unreached =
        facts::reach::unreached_vendored(sources.iter().map(|s| (&*s.file, &*s.imported)));
    let mut skipped = discovery.skipped;
    skipped.unreached_vendored = unreached.iter().filter(|&&u| u).count();
    // In place: a second vector of every source would be the run's peak.
    let mut unreached = unreached.into_iter();
    sources.retain(|_| !unreached.next().unwrap_or(false));
    if !options.no_triage {
        // Packages that can matter are read in full; the rest stay (or become) headers.
        let analyzed = facts::reach::analyzed_dirs(
            &sources
                .iter()
                .map(facts::reach::Node::of_source)
                .collect::<Vec<_>>(),
        );
        sources.par_iter_mut().for_each(|s| {
            if !s.is_hand_written_go() {
                // Only hand-written files' imports are read from here on.
                s.imported = std::sync::Arc::from([]);
                return;
            }
            match (analyzed.contains(s.file.dir()), s.header_only.is_some()) {
                (true, true) => *s = load(&s.file, false),
                (false, false) => s.reduce_to_header(),
                _ => {}
            }
        });
    }
    let (workspace, catalog) = if options.no_triage {
        let files = sources
            .par_iter()
            .map(|s| std::sync::Arc::new(facts::extract(s, facts::Selection::All)))
            .collect();
        let workspace = Workspace::new(files);
        let catalog = Catalog::build(&workspace, &options.external_endpoints);
        (workspace, catalog)
    } else {
        demand::run(&mut sources, &options.external_endpoints)
    };
    drop(sources);
    finish(root, workspace, catalog, &discovery.errors, skipped)
}

/// The stages after the facts: call sites, call graph, attribution, bundles.
pub fn finish(
    root: &Path,
    workspace: Workspace,
    catalog: Catalog,
    walk_errors: &[(String, String)],
    skipped: Skipped,
) -> Analysis {
    let (call_sites, graph, conclusions) = {
        let types = types::Types::new(&workspace, &catalog);
        let binaries = callgraph::bundles::binaries(&workspace, &callgraph::bundles::find(&types));
        let flow = flow::solve(&types, &binaries.dirs);
        let call_sites = callgraph::callsites::find(&types, &flow);
        let graph = callgraph::build(&types, &flow);
        let conclusions = conclude(&types, &flow, &call_sites, &graph, walk_errors, &binaries);
        (call_sites, graph, conclusions)
    };
    Analysis::assemble(
        root,
        workspace,
        catalog,
        call_sites,
        graph,
        conclusions,
        skipped,
    )
}
