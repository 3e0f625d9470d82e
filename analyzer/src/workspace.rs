//! Stage 5: the analyzed tree as packages and services: go.mod files map folders to import paths, the
//! Go files of a folder form a package, and a folder is a service when it holds a
//! `manifest.yaml` (hand-written in 2024, generated in 2025-2026), or, without one, when its api
//! package (`<name>api/definition.go`, the 2026 source of truth) declares `Hostname` or its
//! generated `intermediate.go` passes a hostname to `connector.New`.

use std::collections::{BTreeMap, HashMap};

use crate::facts::go::GoFileFacts;
pub use crate::facts::gomod::{Module, import_path_of, innermost_first};
use crate::facts::manifest::ManifestFacts;
use crate::facts::{Facts, FileFacts};

/// A function: its file, the byte offset of its name, and its index within the file's facts.
/// It orders by file and offset, which do not depend on which functions of a file were parsed,
/// so that tie-breaks in the call graph are the same with and without triage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct FunctionRef {
    pub file: usize,
    pub offset: u32,
    pub function: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Package {
    pub dir: String,
    pub import_path: Option<String>,
    /// Indices into `Workspace::files` of the package's parsed, hand-written Go files.
    pub go_files: Vec<usize>,
    pub has_generated_files: bool,
    /// Struct types of the package's generated files that embed the connector.
    pub generated_connector_types: Vec<String>,
    /// The literal hostname the package's generated files pass to `connector.New`, with the
    /// file.
    pub generated_hostname: Option<(String, usize)>,
}

#[derive(Clone, Debug)]
pub struct Service {
    pub hostname: String,
    /// The service's root folder (the one holding manifest.yaml or intermediate.go).
    pub dir: String,
    /// Index into `Workspace::files` of the manifest, if the service has one.
    pub manifest: Option<usize>,
    /// Index into `Workspace::files` of the file the hostname was read from: the manifest, the
    /// api package's file declaring `Hostname`, or the generated intermediate.
    pub declared_in: usize,
    /// Where in that file (none for a generated intermediate, which is not parsed).
    pub hostname_span: Option<crate::span::Span>,
    pub import_path: Option<String>,
}

/// The analyzed tree as Go sees it: the files' facts, the modules that map folders to import
/// paths, the packages (one per folder) and the services, each with where its identity (its
/// hostname) is declared.
pub struct Workspace {
    /// Shared, so that a language server can keep unchanged files' facts between analyses.
    pub files: Vec<std::sync::Arc<FileFacts>>,
    /// The tree's go.mod modules, innermost first.
    pub modules: Vec<Module>,
    /// Packages by folder (relative to the root).
    pub packages: BTreeMap<String, Package>,
    /// Folders by import path, for the packages of the tree.
    pub dir_by_import: HashMap<String, String>,
    /// Services, sorted by hostname, then folder.
    pub services: Vec<Service>,
}

impl Workspace {
    pub fn new(files: Vec<std::sync::Arc<FileFacts>>) -> Workspace {
        let mut modules: Vec<Module> = files
            .iter()
            .filter_map(|f| match &f.facts {
                Facts::GoMod { module: Some(path) } => Some(Module {
                    dir: f.file.dir().to_string(),
                    path: path.clone(),
                }),
                _ => None,
            })
            .collect();
        innermost_first(&mut modules);
        let mut packages: BTreeMap<String, Package> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            let dir = f.file.dir();
            match &f.facts {
                Facts::Go(_) => packages
                    .entry(dir.to_string())
                    .or_default()
                    .go_files
                    .push(i),
                Facts::GeneratedGo {
                    connector_types,
                    hostname,
                } => {
                    let p = packages.entry(dir.to_string()).or_default();
                    p.has_generated_files = true;
                    if let Some(h) = hostname
                        && p.generated_hostname.is_none()
                    {
                        // Hostnames are case-insensitive, as in manifests and api packages.
                        p.generated_hostname = Some((h.to_ascii_lowercase(), i));
                    }
                    p.generated_connector_types
                        .extend(connector_types.iter().cloned());
                }
                _ => {}
            }
        }
        let mut dir_by_import = HashMap::new();
        for (dir, package) in packages.iter_mut() {
            package.dir = dir.clone();
            package.import_path = import_path_of(&modules, dir);
            if let Some(path) = &package.import_path {
                dir_by_import.insert(path.clone(), dir.clone());
            }
        }
        let mut services = Vec::new();
        for (i, f) in files.iter().enumerate() {
            if let Facts::Manifest(m) = &f.facts
                && let Some(hostname) = &m.hostname
            {
                let dir = f.file.dir().to_string();
                services.push(Service {
                    hostname: hostname.value.to_ascii_lowercase(),
                    import_path: m.package.clone().or_else(|| import_path_of(&modules, &dir)),
                    dir,
                    manifest: Some(i),
                    declared_in: i,
                    hostname_span: Some(hostname.span),
                });
            }
        }
        // Services without a manifest: the 2026 layout before `genservice` ran, or a tree that
        // does not commit generated manifests.
        let with_manifest: std::collections::HashSet<String> =
            services.iter().map(|s| s.dir.clone()).collect();
        for (dir, package) in &packages {
            if with_manifest.contains(dir) {
                continue;
            }
            let declared = api_hostname(&packages, &files, dir).or_else(|| {
                let (h, f) = package.generated_hostname.clone()?;
                Some((h, f, None))
            });
            if let Some((hostname, declared_in, hostname_span)) = declared {
                services.push(Service {
                    hostname,
                    dir: dir.clone(),
                    manifest: None,
                    declared_in,
                    hostname_span,
                    import_path: package.import_path.clone(),
                });
            }
        }
        services.sort_by(|a, b| a.hostname.cmp(&b.hostname).then(a.dir.cmp(&b.dir)));
        Workspace {
            files,
            modules,
            packages,
            dir_by_import,
            services,
        }
    }

    /// The in-tree packages (folders) that the packages in `roots` import, transitively, with
    /// the roots themselves: the code compiled into a binary built from them.
    pub fn import_closure<'a>(
        &'a self,
        roots: impl IntoIterator<Item = &'a str>,
    ) -> std::collections::HashSet<&'a str> {
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut stack: Vec<&str> = Vec::new();
        for root in roots {
            if seen.insert(root) {
                stack.push(root);
            }
        }
        while let Some(dir) = stack.pop() {
            let Some(p) = self.packages.get(dir) else {
                continue;
            };
            for &file in &p.go_files {
                for path in self.files[file].imported.iter() {
                    if let Some(d) = self.dir_by_import.get(path)
                        && seen.insert(d.as_str())
                    {
                        stack.push(d.as_str());
                    }
                }
            }
        }
        seen
    }

    pub fn go(&self, index: usize) -> &GoFileFacts {
        match &self.files[index].facts {
            Facts::Go(g) => g,
            _ => unreachable!("package file indices point at parsed Go files"),
        }
    }

    /// References to the functions of a parsed Go file.
    pub fn functions(&self, file: usize) -> impl Iterator<Item = FunctionRef> + '_ {
        self.go(file)
            .functions
            .iter()
            .enumerate()
            .map(move |(function, f)| FunctionRef {
                file,
                offset: f.span.start_byte,
                function,
            })
    }

    /// The import path a name of a Go file refers to, when it names an imported package: an
    /// explicit alias, the name assumed from the path, or, for a package of the tree, the name
    /// its own package clause declares (`…/foo-bar` may declare `package foobar`).
    pub fn import_named(&self, file: usize, name: &str) -> Option<&str> {
        let imports = &self.go(file).imports;
        if let Some(i) = imports.iter().find(|i| i.local_name() == Some(name)) {
            return Some(i.path.as_str());
        }
        imports
            .iter()
            .filter(|i| i.alias.is_none())
            .find(|i| {
                self.dir_by_import
                    .get(&i.path)
                    .and_then(|dir| self.packages.get(dir))
                    .and_then(|p| p.go_files.first())
                    .is_some_and(|&f| self.go(f).package == name)
            })
            .map(|i| i.path.as_str())
    }

    /// The service's manifest, if it has one.
    pub fn manifest(&self, service: &Service) -> Option<&ManifestFacts> {
        match &self.files[service.manifest?].facts {
            Facts::Manifest(m) => Some(m),
            _ => None,
        }
    }
}

/// The hostname the api package of the service folder `dir` declares (`const Hostname = "…"`),
/// with the file: the api package is `<dir>/<name>api` for the folder's last element `name`,
/// or else the only child folder whose name ends in `api` and that declares one.
fn api_hostname(
    packages: &BTreeMap<String, Package>,
    files: &[std::sync::Arc<FileFacts>],
    dir: &str,
) -> Option<(String, usize, Option<crate::span::Span>)> {
    let declared = |api_dir: &str| -> Option<(String, usize, Option<crate::span::Span>)> {
        packages.get(api_dir)?.go_files.iter().find_map(|&f| {
            let Facts::Go(g) = &files[f].facts else {
                return None;
            };
            g.values.iter().find_map(|v| match &v.value {
                Some(crate::facts::go::Expr::Str(h)) if v.name == "Hostname" && !h.is_empty() => {
                    Some((h.to_ascii_lowercase(), f, Some(v.span)))
                }
                _ => None,
            })
        })
    };
    let name = dir.rsplit('/').next().unwrap_or(dir);
    let prefix = if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    };
    if !name.is_empty()
        && let Some(found) = declared(&format!("{prefix}{name}api"))
    {
        return Some(found);
    }
    let mut found = packages
        .range(prefix.clone()..)
        .take_while(|(d, _)| d.starts_with(&prefix))
        .filter(|(d, _)| {
            let rest = &d[prefix.len()..];
            !rest.is_empty() && !rest.contains('/') && rest.ends_with("api")
        })
        .filter_map(|(d, _)| declared(d));
    let first = found.next()?;
    found.next().is_none().then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_modules_win() {
        let mut modules = vec![
            Module {
                dir: "".into(),
                path: "example.com/shop".into(),
            },
            Module {
                dir: "tools/x".into(),
                path: "example.com/x".into(),
            },
        ];
        modules.sort_by_key(|m| std::cmp::Reverse(m.dir.len()));
        assert_eq!(
            import_path_of(&modules, "tools/x/y").as_deref(),
            Some("example.com/x/y")
        );
        assert_eq!(
            import_path_of(&modules, "tools/xy").as_deref(),
            Some("example.com/shop/tools/xy")
        );
        assert_eq!(
            import_path_of(&modules, "").as_deref(),
            Some("example.com/shop")
        );
    }
}
