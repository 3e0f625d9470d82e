//! Incremental analysis for the language server: the same pipeline, with per-file facts cached
//! by content, so that an edit re-parses only the edited file before the (cheap) resolution
//! stages run again over the cached facts.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::discover::{DiscoverOptions, Discovery, SourceFile};
use crate::facts::{self, FileFacts, Selection};
use crate::workspace::Workspace;
use crate::{Analysis, Options};

/// Facts with the hash of the text they came from (0: read from disk).
type Cached = (u64, Arc<FileFacts>);

pub struct Engine {
    root: PathBuf,
    options: Options,
    discovery: Discovery,
    /// Facts by relative path, with the hash of the text they came from.
    cache: HashMap<String, Cached>,
    /// What the last analysis resolved, for reuse when an edit leaves it valid.
    previous: Option<Previous>,
}

struct Previous {
    files: Vec<Arc<FileFacts>>,
    catalog: Catalog,
    call_sites: Vec<crate::callsites::CallSite>,
    graph: crate::callgraph::CallGraph,
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

fn hash_text(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

impl Engine {
    pub fn new(root: &Path, options: Options) -> Engine {
        let mut engine = Engine {
            root: root.to_path_buf(),
            options,
            discovery: Discovery::default(),
            cache: HashMap::new(),
            previous: None,
        };
        engine.rescan();
        engine
    }

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
    pub fn analyze(&mut self, overlays: &HashMap<String, String>) -> Analysis {
        let cache = &self.cache;
        let updated: Vec<(usize, Option<Cached>)> = self
            .discovery
            .files
            .par_iter()
            .enumerate()
            .map(|(i, f)| (i, self.refresh(f, overlays.get(&f.rel), cache.get(&f.rel))))
            .collect();
        for (i, fresh) in updated {
            if let Some(entry) = fresh {
                self.cache
                    .insert(self.discovery.files[i].rel.clone(), entry);
            }
        }
        let all: Vec<Arc<FileFacts>> = self
            .discovery
            .files
            .iter()
            .map(|f| self.cache[&f.rel].1.clone())
            .collect();
        // As the command line does: vendored packages nothing imports are left out.
        let unreached =
            crate::reach::unreached_vendored(all.iter().map(|f| (&*f.file, &*f.imported)));
        let mut skipped = self.discovery.skipped.clone();
        skipped.unreached_vendored = unreached.iter().filter(|&&u| u).count();
        let files: Vec<Arc<FileFacts>> = all
            .into_iter()
            .zip(unreached)
            .filter(|(_, u)| !u)
            .map(|(f, _)| f)
            .collect();
        let workspace = Workspace::new(files.clone());
        // An edit inside function bodies changes only its own file's call sites: keep the
        // catalog and the other files' call sites.
        let reusable = self
            .previous
            .take()
            .filter(|p| p.files.len() == files.len());
        let (catalog, call_sites, graph) = match reusable {
            Some(p) => {
                let changed: Vec<usize> = (0..files.len())
                    .filter(|&i| !Arc::ptr_eq(&p.files[i], &files[i]))
                    .collect();
                if changed
                    .iter()
                    .all(|&i| same_interface(&p.files[i], &files[i]))
                {
                    let mut sites: Vec<_> = p
                        .call_sites
                        .into_iter()
                        .filter(|s| !changed.contains(&s.function.file))
                        .collect();
                    let types = crate::types::Types::new(&workspace, &p.catalog);
                    sites.extend(crate::callsites::find_in(&types, &changed));
                    sites.sort_by(|a, b| (&a.file, a.span).cmp(&(&b.file, b.span)));
                    let graph = crate::callgraph::rebuild(&types, &p.graph, &changed);
                    drop(types);
                    (p.catalog, sites, graph)
                } else {
                    self.resolve_all(&workspace)
                }
            }
            None => self.resolve_all(&workspace),
        };
        self.previous = Some(Previous {
            files,
            catalog: catalog.clone(),
            call_sites: call_sites.clone(),
            graph: graph.clone(),
        });
        crate::finish_with(
            &self.root,
            workspace,
            catalog,
            call_sites,
            graph,
            &self.discovery.errors,
            skipped,
        )
    }

    fn resolve_all(
        &self,
        workspace: &Workspace,
    ) -> (
        Catalog,
        Vec<crate::callsites::CallSite>,
        crate::callgraph::CallGraph,
    ) {
        let catalog = Catalog::build(workspace, &self.options.external_endpoints);
        let (sites, graph) = {
            let types = crate::types::Types::new(workspace, &catalog);
            (
                crate::callsites::find(&types),
                crate::callgraph::build(&types),
            )
        };
        (catalog, sites, graph)
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
        match (overlay, cached) {
            (Some(text), Some((h, _))) if *h == hash_text(text) => None,
            (None, Some((h, _))) if *h == 0 => None,
            (Some(text), _) => {
                let source = facts::load(file, Some(text.clone()), false);
                Some((
                    hash_text(text),
                    Arc::new(facts::extract(&source, Selection::All)),
                ))
            }
            (None, _) => {
                let source = facts::load(file, None, false);
                // Disk-backed facts carry the hash 0: an overlay never matches them.
                Some((0, Arc::new(facts::extract(&source, Selection::All))))
            }
        }
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
        format!(
            "{}\n{}",
            sites.join("\n"),
            crate::grants::build(a, &Default::default()).to_json()
        )
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
