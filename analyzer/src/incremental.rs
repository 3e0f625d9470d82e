//! Incremental analysis for the language server: the same pipeline, with per-file facts cached
//! by content, so that an edit re-parses only the edited file before the (cheap) resolution
//! stages run again over the cached facts.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::callgraph::CallGraph;
use crate::callgraph::callsites::CallSite;
use crate::discover::{DiscoverOptions, Discovery, SourceFile};
use crate::facts::{self, FileFacts, Selection};
use crate::resolve::types::Types;
use crate::workspace::Workspace;
use crate::workspace::catalog::Catalog;
use crate::{Analysis, Conclusions, Options};

/// One file's cached facts, with the hash of the text they came from (0: read from disk).
///
/// As on the command line, a Go file that does not import the framework is first read for its
/// header only; it is parsed when (and only while) the import graph says its package can matter.
/// An edit in a package that cannot matter re-reads that file's header and nothing else.
#[derive(Clone)]
struct Cached {
    hash: u64,
    facts: Read,
    /// The file imports the framework, or its header could not be read to its end.
    imports_framework: bool,
}

#[derive(Clone)]
enum Read {
    /// The facts of the whole file.
    Whole(Arc<FileFacts>),
    /// A hand-written Go file without the framework: its header's facts, and the whole file's
    /// once they were needed.
    Header {
        header: Arc<FileFacts>,
        whole: Option<Arc<FileFacts>>,
    },
}

impl Cached {
    fn node(&self) -> crate::facts::reach::Node<'_> {
        let any = self.facts();
        crate::facts::reach::Node {
            file: &any.file,
            imported: &any.imported,
            imports_framework: self.imports_framework,
            marks_service: any.file.kind == crate::discover::FileKind::Manifest
                || matches!(any.facts, facts::Facts::GeneratedGo { .. }),
            module: match &any.facts {
                facts::Facts::GoMod { module } => module.clone(),
                _ => None,
            },
        }
    }

    /// The header's facts where there are some, else the whole file's.
    fn facts(&self) -> &Arc<FileFacts> {
        match &self.facts {
            Read::Whole(f) | Read::Header { header: f, .. } => f,
        }
    }
}

/// The language server's analysis: the CLI's stages, with facts cached per file by content and later stages rebuilt only for what an edit changed.
pub struct Engine {
    root: PathBuf,
    options: Options,
    discovery: Discovery,
    /// Facts by relative path, with the hash of the text they came from.
    cache: HashMap<String, Cached>,
    /// What the last analysis resolved, for reuse when an edit leaves it valid.
    previous: Option<Previous>,
    /// What the import graph said, while no file's header changes.
    reach: Option<Reach>,
}

struct Reach {
    /// For each discovered file: vendored code that nothing imports.
    unreached: Vec<bool>,
    /// The folders whose packages can matter.
    analyzed: std::collections::HashSet<String>,
}

struct Previous {
    analysis: Arc<Analysis>,
    /// The facts it was made from (in the workspace's order).
    files: Vec<Arc<FileFacts>>,
}

/// Whether an edit left what other files resolve against as it was: a Go file's package name,
/// imports, type declarations, package-level values, and its functions' names, receivers, type
/// parameters, parameters and results (a manifest or go.mod edit changes the catalog).
fn same_interface(before: &FileFacts, after: &FileFacts) -> bool {
    let (crate::facts::Facts::Go(a), crate::facts::Facts::Go(b)) = (&before.facts, &after.facts)
    else {
        return false;
    };
    let signature = |f: &crate::facts::go::GoFunction| {
        (
            f.name.clone(),
            f.receiver_type.clone(),
            f.type_params.clone(),
            f.params.clone(),
            f.results.clone(),
        )
    };
    before.imported == after.imported
        && a.package == b.package
        && a.imports == b.imports
        && a.types == b.types
        && a.values == b.values
        && a.functions.len() == b.functions.len()
        && a.functions
            .iter()
            .zip(&b.functions)
            .all(|(x, y)| signature(x) == signature(y))
}

/// Whether a new entry for a file gives the import graph what the old one gave.
fn same_node(before: &Cached, after: &Cached) -> bool {
    let (a, b) = (before.node(), after.node());
    a.imported == b.imported
        && a.imports_framework == b.imports_framework
        && a.marks_service == b.marks_service
        && a.module == b.module
}

/// Whether an edit leaves the last analysis as it was: the file was read for its header only
/// (its package could not matter), is still, and its header says what it said.
fn same_outside(before: &Cached, after: &Cached) -> bool {
    match (&before.facts, &after.facts) {
        (
            Read::Header {
                header: a,
                whole: None,
            },
            Read::Header { header: b, .. },
        ) => {
            a.problems == b.problems
                && match (&a.facts, &b.facts) {
                    (crate::facts::Facts::Go(x), crate::facts::Facts::Go(y)) => {
                        x.package == y.package && x.imports == y.imports
                    }
                    _ => false,
                }
                && same_node(before, after)
        }
        _ => false,
    }
}

fn hash_text(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl Engine {
    /// An engine for the tree at `root`; walks it once.
    pub fn new(root: &Path, options: Options) -> Engine {
        let mut engine = Engine {
            root: root.to_path_buf(),
            options,
            discovery: Discovery::default(),
            cache: HashMap::new(),
            previous: None,
            reach: None,
        };
        engine.rescan();
        engine
    }

    /// The analysis root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Walks the tree again (a file was created, deleted or saved).
    pub fn rescan(&mut self) {
        self.discovery = crate::discover::discover(
            &self.root,
            &DiscoverOptions {
                exclude: self.options.exclude.clone(),
            },
        );
        self.previous = None;
        self.reach = None;
        let known: std::collections::HashSet<&str> = self
            .discovery
            .files
            .iter()
            .map(|f| f.rel.as_str())
            .collect();
        self.cache.retain(|rel, _| known.contains(rel.as_str()));
    }

    /// Whether `rel` is a file the analysis reads.
    pub fn knows(&self, rel: &str) -> bool {
        self.discovery
            .files
            .binary_search_by(|f| f.rel.as_str().cmp(rel))
            .is_ok()
    }

    /// Forgets the cached facts of files read from disk, so that they are read again.
    pub fn invalidate(&mut self, rel: &str) {
        self.cache.remove(rel);
    }

    /// Analyzes the tree with `overlays` (unsaved buffers by relative path) in place of the
    /// files on disk. Only files whose text changed since the last analysis are parsed again.
    pub fn analyze(&mut self, overlays: &HashMap<String, String>) -> Arc<Analysis> {
        let unchanged = self.refresh_all(overlays);
        if unchanged && let Some(previous) = &self.previous {
            return previous.analysis.clone();
        }
        let reach = match self.reach.take() {
            Some(reach) => reach,
            None => self.reach(),
        };
        let mut skipped = self.discovery.skipped.clone();
        skipped.unreached_vendored = reach.unreached.iter().filter(|&&u| u).count();
        let files = self.facts_for(&reach, overlays);
        self.reach = Some(reach);
        let workspace = Workspace::new(files.clone());
        let (catalog, call_sites, graph, conclusions) = self.resolve(&workspace, &files);
        let analysis = Arc::new(Analysis::assemble(
            &self.root,
            workspace,
            catalog,
            call_sites,
            graph,
            conclusions,
            skipped,
        ));
        self.previous = Some(Previous {
            analysis: analysis.clone(),
            files,
        });
        analysis
    }

    /// Reads again every file whose text changed; returns whether the last analysis still holds
    /// (every change was in a package that cannot matter and left its header as it was). A
    /// changed header makes the import graph be asked again.
    fn refresh_all(&mut self, overlays: &HashMap<String, String>) -> bool {
        let cache = &self.cache;
        let updated: Vec<(usize, Option<Cached>)> = self
            .discovery
            .files
            .par_iter()
            .enumerate()
            .map(|(i, f)| (i, self.refresh(f, overlays.get(&f.rel), cache.get(&f.rel))))
            .collect();
        let mut unchanged = true;
        for (i, fresh) in updated {
            if let Some(entry) = fresh {
                let rel = &self.discovery.files[i].rel;
                let old = self.cache.get(rel);
                if !old.is_some_and(|old| same_node(old, &entry)) {
                    self.reach = None;
                }
                unchanged &= old.is_some_and(|old| same_outside(old, &entry));
                self.cache.insert(rel.clone(), entry);
            }
        }
        unchanged
    }

    /// The facts to analyze, in the workspace's order: each file's whole facts where its
    /// package can matter (parsed now if they were a header until now), its header's elsewhere;
    /// vendored code that nothing imports is left out.
    fn facts_for(
        &mut self,
        reach: &Reach,
        overlays: &HashMap<String, String>,
    ) -> Vec<Arc<FileFacts>> {
        let kept: Vec<usize> = (0..self.discovery.files.len())
            .filter(|&i| !reach.unreached[i])
            .collect();
        // A header read first whose package turned out to matter.
        let wanted = |e: &Cached| {
            matches!(e.facts, Read::Header { .. }) && reach.analyzed.contains(e.facts().file.dir())
        };
        let entry = |i: usize| &self.cache[&self.discovery.files[i].rel];
        let parsed: Vec<(usize, Arc<FileFacts>)> = kept
            .par_iter()
            .filter(|&&i| {
                wanted(entry(i)) && matches!(entry(i).facts, Read::Header { whole: None, .. })
            })
            .map(|&i| {
                let file = &self.discovery.files[i];
                let source = facts::load(file, overlays.get(&file.rel).cloned(), false);
                (i, Arc::new(facts::extract(&source, Selection::All)))
            })
            .collect();
        for (i, full) in parsed {
            if let Some(Cached {
                facts: Read::Header { whole, .. },
                ..
            }) = self.cache.get_mut(&self.discovery.files[i].rel)
            {
                *whole = Some(full);
            }
        }
        kept.iter()
            .map(|&i| {
                let entry = &self.cache[&self.discovery.files[i].rel];
                match (wanted(entry), &entry.facts) {
                    (
                        true,
                        Read::Header {
                            whole: Some(whole), ..
                        },
                    ) => whole.clone(),
                    _ => entry.facts().clone(),
                }
            })
            .collect()
    }

    /// Stages 5 to 8 over the workspace. An edit that changes no file's interface (only
    /// function bodies) keeps the catalog and the other files' call sites and call-graph edges.
    fn resolve(
        &mut self,
        workspace: &Workspace,
        files: &[Arc<FileFacts>],
    ) -> (Catalog, Vec<CallSite>, CallGraph, Conclusions) {
        let reusable = self
            .previous
            .take()
            .filter(|p| p.files.len() == files.len());
        let changed = reusable.as_ref().and_then(|p| {
            let changed: Vec<usize> = (0..files.len())
                .filter(|&i| !Arc::ptr_eq(&p.files[i], &files[i]))
                .collect();
            changed
                .iter()
                .all(|&i| same_interface(&p.files[i], &files[i]))
                .then_some(changed)
        });
        let errors = &self.discovery.errors;
        // The value flow is global: an edit in one body can change what flows anywhere, so the
        // stages after the facts run in full; the facts of unchanged files are reused.
        let _ = (reusable, changed);
        let catalog = Catalog::build(workspace, &self.options.external_endpoints);
        let types = Types::new(workspace, &catalog);
        let binaries = crate::callgraph::bundles::binaries(
            workspace,
            &crate::callgraph::bundles::find(&types),
        );
        let flow = crate::flow::solve(&types, &binaries.dirs);
        let sites = crate::callgraph::callsites::find(&types, &flow);
        let graph = crate::callgraph::build(&types, &flow);
        let conclusions = crate::conclude(&types, &flow, &sites, &graph, errors, &binaries);
        drop(types);
        (catalog, sites, graph, conclusions)
    }

    /// Asks the import graph which vendored code is compiled in and which packages can matter.
    fn reach(&self) -> Reach {
        let entries: Vec<&Cached> = self
            .discovery
            .files
            .iter()
            .map(|f| &self.cache[&f.rel])
            .collect();
        let unreached = crate::facts::reach::unreached_vendored(
            entries
                .iter()
                .map(|e| (&*e.facts().file, &*e.facts().imported)),
        );
        let nodes: Vec<crate::facts::reach::Node> = entries
            .iter()
            .zip(&unreached)
            .filter(|(_, u)| !**u)
            .map(|(e, _)| e.node())
            .collect();
        let analyzed = crate::facts::reach::analyzed_dirs(&nodes);
        Reach {
            unreached,
            analyzed,
        }
    }

    /// New facts for a file whose overlay differs from what the cache was built from, or that is
    /// not cached yet; `None` when the cached facts still hold. Files on disk are read once and
    /// then kept until `invalidate` or `rescan`.
    fn refresh(
        &self,
        file: &std::sync::Arc<SourceFile>,
        overlay: Option<&String>,
        cached: Option<&Cached>,
    ) -> Option<Cached> {
        let hash = match (overlay, cached) {
            (Some(text), Some(c)) if c.hash == hash_text(text) => return None,
            (None, Some(c)) if c.hash == 0 => return None,
            // Disk-backed facts carry the hash 0: an overlay never matches them.
            (Some(text), _) => hash_text(text),
            (None, _) => 0,
        };
        let source = facts::load(file, overlay.cloned(), true);
        let extracted = Arc::new(facts::extract(&source, Selection::All));
        Some(Cached {
            hash,
            facts: match source.header_only {
                Some(_) => Read::Header {
                    header: extracted,
                    whole: None,
                },
                None => Read::Whole(extracted),
            },
            imports_framework: source.imports_framework(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(from: &Path, to: &Path) {
        for entry in std::fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
                copy(&entry.path(), &target);
            } else {
                std::fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    fn summary(a: &Analysis) -> String {
        let sites: Vec<String> = a
            .call_sites
            .iter()
            .map(|s| format!("{}:{}:{:?}", s.file, s.span.start_line, s.destination))
            .collect();
        // Problems too: an edit that breaks a file must say so in both.
        let problems: Vec<String> = a.problems.iter().map(|p| format!("{p:?}")).collect();
        format!(
            "{}\n{}\n{}",
            sites.join("\n"),
            problems.join("\n"),
            crate::grants::build(a, &Default::default()).to_json()
        )
    }

    fn overlays(file: &str, text: &str) -> HashMap<String, String> {
        [(file.to_string(), text.to_string())].into()
    }

    /// Whether the analysis parsed `rel` (rather than reading its header only).
    fn parsed(a: &Analysis, rel: &str) -> bool {
        a.workspace.files.iter().any(|f| {
            f.file.rel == rel
                && matches!(&f.facts, crate::facts::Facts::Go(g) if !g.functions.is_empty())
        })
    }

    const CLOCK: &str = "tools/clock/clock.go";
    const CLOCK_TEXT: &str = "package clock\n\nimport \"time\"\n\n// Now is the time.\nfunc Now() time.Time { return time.Now() }\n";

    /// A package nothing imports and that does not import the framework is read for its header
    /// only; an edit there leaves the analysis as it was. Once an edit makes it import the
    /// framework it is parsed, and its call sites are found, as the command line finds them.
    #[test]
    fn packages_outside_the_reachable_set_are_parsed_only_once_they_can_matter() {
        let dir = tempfile::tempdir().unwrap();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/shop"),
            dir.path(),
        );
        std::fs::create_dir_all(dir.path().join("tools/clock")).unwrap();
        std::fs::write(dir.path().join(CLOCK), CLOCK_TEXT).unwrap();
        let mut engine = Engine::new(dir.path(), Options::default());
        let first = engine.analyze(&HashMap::new());
        assert!(!parsed(&first, CLOCK));
        let body_edit = CLOCK_TEXT.replace("time.Now()", "time.Now().UTC()");
        let after_body_edit = engine.analyze(&overlays(CLOCK, &body_edit));
        assert!(
            Arc::ptr_eq(&first, &after_body_edit),
            "an edit outside the reachable set re-analyzed the tree"
        );
        let minting = "package clock\n\nimport (\n\t\"context\"\n\n\t\"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi\"\n\t\"github.com/microbus-io/fabric/service\"\n)\n\n// Mint mints.\nfunc Mint(ctx context.Context, svc service.Publisher) {\n\taccesstokenapi.NewClient(svc).Mint(ctx, nil)\n}\n";
        for text in [minting, CLOCK_TEXT, minting] {
            let buffers = overlays(CLOCK, text);
            let incremental = engine.analyze(&buffers);
            let fresh = Engine::new(dir.path(), Options::default()).analyze(&buffers);
            let command_line = crate::analyze(
                dir.path(),
                &Options {
                    overlays: buffers.clone(),
                    ..Options::default()
                },
            );
            assert_eq!(summary(&incremental), summary(&fresh));
            assert_eq!(summary(&incremental), summary(&command_line));
            assert_eq!(parsed(&incremental, CLOCK), text == minting);
            assert_eq!(
                incremental.call_sites.iter().any(|s| s.file == CLOCK),
                text == minting
            );
        }
    }

    /// Reusing the catalog, call sites and graph of unchanged files gives what a fresh analysis of
    /// the same buffers gives, for body edits and for edits that change what others resolve.
    #[test]
    fn incremental_results_equal_fresh_ones() {
        let dir = tempfile::tempdir().unwrap();
        copy(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/shop"),
            dir.path(),
        );
        let mut engine = Engine::new(dir.path(), Options::default());
        let _ = engine.analyze(&HashMap::new());
        let federation = std::fs::read_to_string(dir.path().join("federation/service.go")).unwrap();
        let definition =
            std::fs::read_to_string(dir.path().join("roles/rolesapi/definition.go")).unwrap();
        let edits = [
            (
                "federation/service.go",
                federation.replace(".ForHost(iss).Mint(", ".Mint("),
            ),
            (
                "federation/service.go",
                format!("{federation}\n// a trailing comment\n"),
            ),
            (
                "roles/rolesapi/definition.go",
                definition.replace("\":666/revoke-role\"", "\":666/revoke\""),
            ),
        ];
        for (file, text) in edits {
            let overlays: HashMap<String, String> = [(file.to_string(), text)].into();
            let incremental = summary(&engine.analyze(&overlays));
            let fresh = summary(&Engine::new(dir.path(), Options::default()).analyze(&overlays));
            assert_eq!(incremental, fresh, "after editing {file}");
        }
    }
}
