//! Stage 1: discover the files to analyze.
//!
//! The walk honours `.gitignore` (also outside a git repository), skips hidden folders,
//! `vendor/` and `testdata/` (the Go tool ignores both), and sorts what it finds so that every
//! later stage sees the same order whatever the thread count.

use std::path::{Path, PathBuf};

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
/// What a discovered file is to rootlint.
pub enum FileKind {
    /// A `.go` file.
    Go,
    /// A service's `manifest.yaml`.
    Manifest,
    /// A `go.mod` file.
    GoMod,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
/// A file the walk found.
pub struct SourceFile {
    /// Path relative to the analyzed root, with `/` separators.
    pub rel: String,
    /// The path to read it from.
    pub path: PathBuf,
    /// What kind of file it is.
    pub kind: FileKind,
}

impl SourceFile {
    /// The folder holding the file, relative to the root (`""` for the root itself).
    pub fn dir(&self) -> &str {
        self.rel.rsplit_once('/').map_or("", |(d, _)| d)
    }

    /// Whether the file is vendored code (below a `vendor/` folder).
    pub fn vendored(&self) -> bool {
        is_vendored(&self.rel)
    }

    /// The file's name, without its folder.
    pub fn name(&self) -> &str {
        self.rel.rsplit_once('/').map_or(&self.rel, |(_, n)| n)
    }
}

/// Whether a relative path lies below a `vendor/` folder.
pub fn is_vendored(rel: &str) -> bool {
    rel.starts_with("vendor/") || rel.contains("/vendor/")
}

/// The import path of a vendored folder: what follows its last `vendor/` (Go resolves an
/// import to `<module>/vendor/<import path>`).
pub fn vendored_import_path(dir: &str) -> Option<&str> {
    let rest = match dir.rfind("/vendor/") {
        Some(i) => &dir[i + "/vendor/".len()..],
        None => dir.strip_prefix("vendor/")?,
    };
    (!rest.is_empty()).then_some(rest)
}

/// Files that discovery saw but leaves out by policy, counted for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// `_test.go` files.
    pub tests: usize,
    /// Mock files (`mock.go` and `mock_*.go` of generated services).
    pub mocks: usize,
    /// Vendored Go files of packages nothing in the tree imports.
    pub unreached_vendored: usize,
}

#[derive(Clone, Debug, Default)]
/// What the walk found, sorted by path.
pub struct Discovery {
    /// Shared with the facts of each file, which name their file.
    pub files: Vec<std::sync::Arc<SourceFile>>,
    /// Files left out by policy.
    pub skipped: Skipped,
    /// Paths the walk could not enter or read, with the reason.
    pub errors: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default)]
/// What to leave out of the walk besides `.gitignore`d paths.
pub struct DiscoverOptions {
    /// Extra gitignore-style patterns to leave out (from configuration).
    pub exclude: Vec<String>,
}

/// Walks `root` in parallel and returns the files rootlint reads, sorted, with what it skipped and could not enter.
pub fn discover(root: &Path, options: &DiscoverOptions) -> Discovery {
    let mut out = Discovery::default();
    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .hidden(true)
        .require_git(false)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        // `.ignore` files (the walker's own convention, nobody's build rule) could hide
        // compiled code from the gate: they are not read.
        .ignore(false)
        .parents(false)
        .follow_links(true)
        .filter_entry(|entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            !(is_dir && entry.depth() > 0 && matches!(entry.file_name().to_str(), Some("testdata")))
        });
    if !options.exclude.is_empty() {
        let mut overrides = ignore::overrides::OverrideBuilder::new(root);
        for pattern in &options.exclude {
            // Overrides whitelist by default; a leading `!` turns a pattern into an exclusion.
            if let Err(e) = overrides.add(&format!("!{pattern}")) {
                out.errors
                    .push((pattern.clone(), format!("invalid exclude pattern: {e}")));
            }
        }
        match overrides.build() {
            Ok(o) => {
                builder.overrides(o);
            }
            Err(e) => out
                .errors
                .push((String::new(), format!("invalid exclude patterns: {e}"))),
        }
    }
    // The walk runs on several threads, as ripgrep's does; what it finds is sorted below.
    let found = std::sync::Mutex::new(std::mem::take(&mut out));
    builder
        .threads(rayon::current_num_threads())
        .build_parallel()
        .run(|| {
            let found = &found;
            Box::new(move |entry| {
                let seen = classify(root, entry);
                let mut out = found.lock().expect("no walker thread panics");
                match seen {
                    Seen::File(f) => out.files.push(std::sync::Arc::new(f)),
                    Seen::Test => out.skipped.tests += 1,
                    Seen::Mock => out.skipped.mocks += 1,
                    Seen::Error(path, message) => out.errors.push((path, message)),
                    Seen::Other => {}
                }
                ignore::WalkState::Continue
            })
        });
    let mut out = found.into_inner().expect("no walker thread panics");
    out.files.sort();
    out.errors.sort();
    out
}

enum Seen {
    File(SourceFile),
    Test,
    Mock,
    Error(String, String),
    Other,
}

fn classify(root: &Path, entry: Result<ignore::DirEntry, ignore::Error>) -> Seen {
    let entry = match entry {
        Ok(e) => e,
        Err(e) => {
            let path = error_path(&e)
                .map(|p| relative(root, &p))
                .unwrap_or_default();
            return Seen::Error(path, e.to_string());
        }
    };
    let file_type = entry.file_type();
    if file_type.is_none_or(|t| t.is_dir()) {
        return Seen::Other;
    }
    let regular = file_type.is_some_and(|t| t.is_file());
    let path = entry.into_path();
    let rel = relative(root, &path);
    let name = rel.rsplit('/').next().unwrap_or(&rel);
    // A FIFO, socket or device under a name rootlint reads is a file it cannot analyze: said,
    // never opened (opening a FIFO blocks, a device may never end).
    let wanted = matches!(name, "manifest.yaml" | "go.mod")
        || (name.ends_with(".go") && !name.ends_with("_test.go"));
    if !regular {
        return if wanted {
            Seen::Error(
                rel,
                "not a regular file (a FIFO, socket or device): rootlint does not read it".into(),
            )
        } else {
            Seen::Other
        };
    }
    // Vendored code is Go source compiled into whoever imports it; a vendored module's
    // manifest or go.mod declares nothing about this tree.
    if is_vendored(&rel) && !name.ends_with(".go") {
        return Seen::Other;
    }
    let kind = match name {
        "manifest.yaml" => FileKind::Manifest,
        "go.mod" => FileKind::GoMod,
        _ if name.ends_with("_test.go") => return Seen::Test,
        _ if name.ends_with(".go") && is_mock(&rel, name) => return Seen::Mock,
        _ if name.ends_with(".go") => FileKind::Go,
        _ => return Seen::Other,
    };
    Seen::File(SourceFile { rel, path, kind })
}

/// Mocks are test doubles: the framework's generated `mock.go`, and the usual hand-made names.
fn is_mock(rel: &str, name: &str) -> bool {
    name == "mock.go"
        || name.starts_with("mock_")
        || name.ends_with("_mock.go")
        || rel.split('/').any(|part| part == "mocks")
}

fn error_path(e: &ignore::Error) -> Option<PathBuf> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

/// The largest file rootlint reads (source, manifest, configuration, baseline). Past it the
/// file is reported as not analyzed: no input may cost unbounded time or memory. Generated Go
/// files are only read (a byte scan), so they may be large.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The largest hand-written Go file rootlint parses: tree-sitter's error recovery on a large
/// file with one unbalanced bracket costs seconds and hundreds of megabytes per megabyte.
pub const MAX_PARSE_BYTES: usize = 2 * 1024 * 1024;

/// Reads a regular file of at most `cap` bytes. Anything else (a FIFO, a device, a file that
/// grows past the cap while being read) is an error that says why, without blocking.
pub fn read_capped(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| format!("could not read the file: {e}"))?;
    if meta.is_dir() {
        return Err("a folder, not a file".into());
    }
    if !meta.is_file() {
        return Err(
            "not a regular file (a FIFO, socket or device): rootlint does not read it".into(),
        );
    }
    if meta.len() > cap {
        return Err(format!(
            "the file is {} bytes, more than the {cap} rootlint reads",
            meta.len()
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("could not read the file: {e}"))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("could not read the file: {e}"))?;
    if bytes.len() as u64 > cap {
        return Err(format!("the file grew past the {cap} bytes rootlint reads"));
    }
    Ok(bytes)
}

/// `path` relative to `root`, `/`-separated (the form every output uses).
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mocks_are_recognised() {
        assert!(is_mock("a/mock.go", "mock.go"));
        assert!(is_mock("a/mocks/x.go", "x.go"));
        assert!(is_mock("a/store_mock.go", "store_mock.go"));
        assert!(!is_mock("a/mockingbird.go", "mockingbird.go"));
    }
}
