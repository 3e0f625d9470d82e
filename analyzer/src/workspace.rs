//! The analyzed tree as packages and services: go.mod files map folders to import paths, the
//! Go files of a folder form a package, and a folder holding a `manifest.yaml` is a service.

use std::collections::{BTreeMap, HashMap};

use crate::facts::go::GoFileFacts;
use crate::facts::manifest::ManifestFacts;
use crate::facts::{Facts, FileFacts};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    pub dir: String,
    pub path: String,
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
}

#[derive(Clone, Debug)]
pub struct Service {
    pub hostname: String,
    /// The service's root folder (the one holding manifest.yaml).
    pub dir: String,
    /// Index into `Workspace::files` of the manifest.
    pub manifest: usize,
    pub import_path: Option<String>,
}

pub struct Workspace {
    /// Shared, so that a language server can keep unchanged files' facts between analyses.
    pub files: Vec<std::sync::Arc<FileFacts>>,
    pub modules: Vec<Module>,
    pub packages: BTreeMap<String, Package>,
    pub dir_by_import: HashMap<String, String>,
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
        // Deepest module first, so a nested go.mod wins for its folder.
        modules.sort_by(|a, b| b.dir.len().cmp(&a.dir.len()).then(a.dir.cmp(&b.dir)));
        let mut packages: BTreeMap<String, Package> = BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            let dir = f.file.dir();
            match &f.facts {
                Facts::Go(_) => packages
                    .entry(dir.to_string())
                    .or_default()
                    .go_files
                    .push(i),
                Facts::GeneratedGo { connector_types } => {
                    let p = packages.entry(dir.to_string()).or_default();
                    p.has_generated_files = true;
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
                    manifest: i,
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

    pub fn go(&self, index: usize) -> &GoFileFacts {
        match &self.files[index].facts {
            Facts::Go(g) => g,
            _ => unreachable!("package file indices point at parsed Go files"),
        }
    }

    /// References to the functions of a parsed Go file.
    pub fn functions(
        &self,
        file: usize,
    ) -> impl Iterator<Item = crate::callsites::FunctionRef> + '_ {
        self.go(file)
            .functions
            .iter()
            .enumerate()
            .map(move |(function, f)| crate::callsites::FunctionRef {
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

    pub fn manifest(&self, service: &Service) -> &ManifestFacts {
        match &self.files[service.manifest].facts {
            Facts::Manifest(m) => m,
            _ => unreachable!("service manifests are parsed manifests"),
        }
    }
}

/// The import path of a folder: the innermost module's path plus the folder below it.
pub fn import_path_of(modules: &[Module], dir: &str) -> Option<String> {
    modules.iter().find_map(|m| {
        if m.dir.is_empty() {
            Some(if dir.is_empty() {
                m.path.clone()
            } else {
                format!("{}/{dir}", m.path)
            })
        } else if dir == m.dir {
            Some(m.path.clone())
        } else {
            dir.strip_prefix(&m.dir)
                .and_then(|rest| rest.strip_prefix('/'))
                .map(|rest| format!("{}/{rest}", m.path))
        }
    })
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
