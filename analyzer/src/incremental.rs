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
        let files: Vec<Arc<FileFacts>> = self
            .discovery
            .files
            .iter()
            .map(|f| self.cache[&f.rel].1.clone())
            .collect();
        let workspace = Workspace::new(files);
        let catalog = Catalog::build(&workspace, &self.options.external_endpoints);
        crate::finish(
            &self.root,
            workspace,
            catalog,
            &self.discovery.errors,
            self.discovery.skipped.clone(),
        )
    }

    /// New facts for a file whose overlay differs from what the cache was built from, or that is
    /// not cached yet; `None` when the cached facts still hold. Files on disk are read once and
    /// then kept until `invalidate` or `rescan`.
    fn refresh(
        &self,
        file: &SourceFile,
        overlay: Option<&String>,
        cached: Option<&Cached>,
    ) -> Option<Cached> {
        match (overlay, cached) {
            (Some(text), Some((h, _))) if *h == hash_text(text) => None,
            (None, Some((h, _))) if *h == 0 => None,
            (Some(text), _) => {
                let source = facts::load(file, Some(text.clone()));
                Some((
                    hash_text(text),
                    Arc::new(facts::extract(&source, Selection::All)),
                ))
            }
            (None, _) => {
                let source = facts::load(file, None);
                // Disk-backed facts carry the hash 0: an overlay never matches them.
                Some((0, Arc::new(facts::extract(&source, Selection::All))))
            }
        }
    }
}
