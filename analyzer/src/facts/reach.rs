//! Which packages can matter, from the files' headers alone (no parse). A Microbus call needs
//! the framework: a typed client comes from an api package that imports it, a raw request needs
//! the connector and `pub` options. So only packages that import `github.com/microbus-io/…`,
//! directly or through other packages of the tree, can hold a call site; and only the packages
//! that services (and those packages) import can lie on a path to one. Everything else in a
//! monorepo (most of it, as a rule) is read for its header and nothing more. The same graph
//! says which vendored packages the tree compiles in.

use std::collections::{HashMap, HashSet};

use crate::discover::{FileKind, SourceFile};
use crate::facts::Source;
use crate::facts::gomod::{Module, import_path_of, innermost_first};

/// The in-tree import graph of a set of Go files, by folder.
struct ImportGraph<'s> {
    /// The import paths each folder's files import.
    imports_of: HashMap<&'s str, Vec<&'s str>>,
    /// The folders an import path resolves to (one, but nested `vendor/` folders may repeat a
    /// path).
    dirs_of: HashMap<String, Vec<&'s str>>,
}

impl<'s> ImportGraph<'s> {
    fn new(
        files: impl IntoIterator<Item = (&'s SourceFile, &'s [String])>,
        modules: &[Module],
    ) -> Self {
        let mut graph = ImportGraph {
            imports_of: HashMap::new(),
            dirs_of: HashMap::new(),
        };
        for (file, imported) in files {
            let dir = file.dir();
            if !graph.imports_of.contains_key(dir)
                && let Some(path) = import_path_of(modules, dir)
            {
                graph.dirs_of.entry(path).or_default().push(dir);
            }
            graph
                .imports_of
                .entry(dir)
                .or_default()
                .extend(imported.iter().map(String::as_str));
        }
        graph
    }

    /// The in-tree folders `dir` imports.
    fn targets(&self, dir: &str) -> impl Iterator<Item = &'s str> + '_ {
        self.imports_of
            .get(dir)
            .into_iter()
            .flatten()
            .flat_map(|path| self.dirs_of.get(*path).into_iter().flatten().copied())
    }

    /// `roots` and every folder they import, transitively.
    fn forward(&self, roots: impl IntoIterator<Item = &'s str>) -> HashSet<&'s str> {
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = roots.into_iter().collect();
        while let Some(dir) = stack.pop() {
            if seen.insert(dir) {
                stack.extend(self.targets(dir).filter(|t| !seen.contains(t)));
            }
        }
        seen
    }

    /// `roots` and every folder that imports one of them, transitively.
    fn backward(&self, roots: impl IntoIterator<Item = &'s str>) -> HashSet<&'s str> {
        let mut importers: HashMap<&str, Vec<&str>> = HashMap::new();
        for &dir in self.imports_of.keys() {
            for target in self.targets(dir) {
                importers.entry(target).or_default().push(dir);
            }
        }
        let mut seen = HashSet::new();
        let mut stack: Vec<&str> = roots.into_iter().collect();
        while let Some(dir) = stack.pop() {
            if seen.insert(dir) {
                stack.extend(importers.get(dir).into_iter().flatten().copied());
            }
        }
        seen
    }
}

/// What the import graph needs of one file, whether it comes from a loaded source (the command
/// line) or from cached facts (the language server).
pub(crate) struct Node<'s> {
    pub(crate) file: &'s SourceFile,
    /// The import paths of a Go file's header.
    pub(crate) imported: &'s [String],
    /// The file imports the framework, or its header could not be read to its end.
    pub(crate) imports_framework: bool,
    /// A manifest or a framework-generated file: its folder is a service's.
    pub(crate) marks_service: bool,
    /// For a `go.mod`: the module path it declares.
    pub(crate) module: Option<String>,
}

impl<'s> Node<'s> {
    pub(crate) fn of_source(s: &'s Source) -> Self {
        Node {
            file: &s.file,
            imported: &s.imported,
            imports_framework: s.imports_framework(),
            marks_service: s.file.kind == FileKind::Manifest || s.generated,
            module: match (&s.file.kind, &s.text) {
                (FileKind::GoMod, Ok(text)) => crate::facts::gomod::module_path(text),
                _ => None,
            },
        }
    }
}

/// The folders whose Go files can matter: the closure, over imports, of every package that
/// imports the framework (directly or through in-tree packages) and of every service folder
/// (one holding a manifest or the framework's generated files).
pub(crate) fn analyzed_dirs(nodes: &[Node]) -> HashSet<String> {
    let mut modules: Vec<Module> = nodes
        .iter()
        .filter_map(|n| {
            Some(Module {
                dir: n.file.dir().to_string(),
                path: n.module.clone()?,
            })
        })
        .collect();
    innermost_first(&mut modules);
    let go = nodes.iter().filter(|n| n.file.kind == FileKind::Go);
    let graph = ImportGraph::new(go.clone().map(|n| (n.file, n.imported)), &modules);
    let framework = graph.backward(
        go.clone()
            .filter(|n| n.imports_framework)
            .map(|n| n.file.dir()),
    );
    let services = nodes
        .iter()
        .filter(|n| n.marks_service)
        .map(|n| n.file.dir());
    graph
        .forward(framework.into_iter().chain(services))
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Vendored code (`vendor/<import path>/…`) is compiled into whoever imports it. For each file
/// (same order): whether it is vendored code of a package that neither the tree's own packages
/// nor the vendored packages they import import. Such code is in no build: counted and left out.
pub(crate) fn unreached_vendored<'s>(
    files: impl Iterator<Item = (&'s SourceFile, &'s [String])> + Clone,
) -> Vec<bool> {
    // Without modules, only vendored folders resolve: by the import path below `vendor/`.
    let graph = ImportGraph::new(files.clone(), &[]);
    let reached = graph.forward(
        files
            .clone()
            .filter(|(f, _)| !f.vendored())
            .map(|(f, _)| f.dir()),
    );
    files
        .map(|(f, _)| f.vendored() && !reached.contains(f.dir()))
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::framework::is_framework;

    #[test]
    fn framework_paths_and_forks() {
        assert!(is_framework("github.com/microbus-io/fabric/pub"));
        assert!(is_framework(
            "github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi"
        ));
        assert!(is_framework("git.acme.io/forks/fabric/connector"));
        assert!(!is_framework("github.com/acme/fabrication/pub"));
        assert!(!is_framework("net/http"));
    }
}
