//! Where a run looks, and how it names what it finds.
//!
//! A Microbus service calls across the whole Go workspace, so analyzing a subfolder alone would
//! miss the endpoints it calls and the services that call it. As ruff and golangci-lint do,
//! rootlint finds the project the given paths belong to: the nearest `go.work` above them (a
//! multi-module workspace), else the nearest `go.mod`, and the nearest `rootlint.toml`. It
//! analyzes the outermost of those folders and reports only the findings under the given paths.
//! Paths are shown relative to the working directory, as compilers show them.

use std::path::{Component, Path, PathBuf};

/// What `check`, `grants` and `audit` analyze and report on.
#[derive(Debug)]
pub struct Located {
    /// The folder analyzed (canonical): the project the given paths belong to.
    pub root: PathBuf,
    /// `rootlint.toml`, given or found in a given path's folder or above it.
    pub config: Option<PathBuf>,
    /// The given paths relative to `root` (`""` for the root itself): only findings in them are
    /// reported.
    pub scopes: Vec<String>,
}

/// The nearest folder, from `start` up, that holds `name` (of any type: a configuration that is a
/// FIFO or a folder must fail when read, never be passed over).
fn nearest(start: &Path, name: &str) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| std::fs::symlink_metadata(dir.join(name)).is_ok())
        .map(Path::to_path_buf)
}

/// Finds the project of `paths` (relative to the working directory or absolute).
pub fn locate(paths: &[PathBuf], config: Option<&Path>) -> Result<Located, String> {
    let mut found: Option<(PathBuf, Option<PathBuf>)> = None;
    let mut canonical = Vec::new();
    for path in paths {
        let full = path
            .canonicalize()
            .map_err(|e| format!("`{}` cannot be read: {e}", path.display()))?;
        let start = if full.is_dir() {
            full.clone()
        } else {
            full.parent().map(Path::to_path_buf).unwrap_or(full.clone())
        };
        let module = nearest(&start, "go.work").or_else(|| nearest(&start, "go.mod"));
        let config = match config {
            Some(c) => Some(c.to_path_buf()),
            None => nearest(&start, "rootlint.toml").map(|dir| dir.join("rootlint.toml")),
        };
        // Both lie on the path from `start` to `/`: the shorter one holds the other.
        let root = [
            module,
            config
                .as_ref()
                .and_then(|c| c.parent())
                .map(Path::to_path_buf),
        ]
        .into_iter()
        .flatten()
        .filter(|dir| start.starts_with(dir))
        .min_by_key(|dir| dir.components().count())
        .unwrap_or(start);
        match &found {
            Some((other, _)) if *other != root => {
                return Err(format!(
                    "`{}` and the paths before it belong to different projects ({} and {}); run rootlint once for each",
                    path.display(),
                    root.display(),
                    other.display()
                ));
            }
            Some(_) => {}
            None => found = Some((root, config)),
        }
        canonical.push(full);
    }
    let (root, config) = found.ok_or("no path to analyze")?;
    // The language server refuses a workspace at `/`: so does the command line.
    if root.has_root() && root.parent().is_none() {
        return Err(format!(
            "refusing to analyze `{}`, the root of the file system: give the project's folder",
            root.display()
        ));
    }
    let scopes = canonical
        .iter()
        .map(|p| rootlint_analyzer::discover::relative(&root, p))
        .collect();
    Ok(Located {
        root,
        config,
        scopes,
    })
}

impl Located {
    /// Whether a finding in `file` (relative to the root) is under one of the given paths.
    pub fn in_scope(&self, file: &str) -> bool {
        self.scopes.iter().any(|scope| {
            scope.is_empty()
                || file == scope
                || file
                    .strip_prefix(scope.as_str())
                    .is_some_and(|rest| rest.starts_with('/'))
        })
    }
}

/// How a root-relative path is shown: relative to the working directory, with `..` where the
/// file is not under it (as rustc, clippy and ruff show paths); absolute if there is no working
/// directory.
#[derive(Clone, Debug)]
pub struct Shown {
    root: PathBuf,
    cwd: Option<PathBuf>,
}

impl Shown {
    pub fn from_working_directory(root: &Path) -> Shown {
        Shown {
            root: root.to_path_buf(),
            cwd: std::env::current_dir().and_then(|d| d.canonicalize()).ok(),
        }
    }

    pub fn path(&self, file: &str) -> String {
        let full = self.root.join(file);
        match &self.cwd {
            Some(cwd) => relative_path(cwd, &full),
            None => full.display().to_string(),
        }
    }
}

/// `to` relative to `from` (both absolute and canonical), with `..` as needed; `""` when equal.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let (a, b): (Vec<Component>, Vec<Component>) =
        (from.components().collect(), to.components().collect());
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let mut parts: Vec<String> = vec!["..".into(); a.len() - common];
    parts.extend(
        b[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// The repository root for SARIF's `%SRCROOT%`: the nearest folder holding `.git` from `root`
/// up, else the working directory.
pub fn repository_root(root: &Path) -> Option<PathBuf> {
    root.ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().and_then(|d| d.canonicalize()).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(relative_path(&p("/a/b"), &p("/a/b")), "");
        assert_eq!(relative_path(&p("/a"), &p("/a/b/c")), "b/c");
        assert_eq!(relative_path(&p("/a/b/c"), &p("/a")), "../..");
        assert_eq!(relative_path(&p("/a/x"), &p("/a/y/z")), "../y/z");
        let shown = |cwd: &str| Shown {
            root: p("/r"),
            cwd: Some(p(cwd)),
        };
        assert_eq!(shown("/r").path("a/f.go"), "a/f.go");
        assert_eq!(shown("/r/a").path("a/f.go"), "f.go");
        assert_eq!(shown("/r/b").path("a/f.go"), "../a/f.go");
        assert_eq!(shown("/").path("a/f.go"), "r/a/f.go");
    }

    #[test]
    fn scopes() {
        let located = Located {
            root: PathBuf::from("/r"),
            config: None,
            scopes: vec!["billing".into(), "roles/manifest.yaml".into()],
        };
        assert!(located.in_scope("billing/service.go"));
        assert!(!located.in_scope("billingx/service.go"));
        assert!(located.in_scope("roles/manifest.yaml"));
        assert!(!located.in_scope("roles/service.go"));
    }

    #[test]
    fn the_project_of_a_subfolder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("mod/svc/inner")).unwrap();
        std::fs::write(root.join("mod/go.mod"), "module x\n").unwrap();
        let located = locate(&[root.join("mod/svc/inner")], None).unwrap();
        assert_eq!(located.root, root.join("mod"));
        assert_eq!(located.scopes, ["svc/inner"]);
        // A configuration above the module makes its folder the project.
        std::fs::write(root.join("rootlint.toml"), "").unwrap();
        let located = locate(&[root.join("mod/svc")], None).unwrap();
        assert_eq!(located.root, root);
        assert_eq!(located.config, Some(root.join("rootlint.toml")));
        assert_eq!(located.scopes, ["mod/svc"]);
        // A go.work spans modules.
        std::fs::create_dir_all(root.join("other")).unwrap();
        std::fs::write(root.join("other/go.mod"), "module y\n").unwrap();
        std::fs::remove_file(root.join("rootlint.toml")).unwrap();
        assert!(locate(&[root.join("mod/svc"), root.join("other")], None).is_err());
        std::fs::write(root.join("go.work"), "go 1.24\nuse ./mod\nuse ./other\n").unwrap();
        let located = locate(&[root.join("mod/svc"), root.join("other")], None).unwrap();
        assert_eq!(located.root, root);
        assert_eq!(located.scopes, ["mod/svc", "other"]);
    }
}
