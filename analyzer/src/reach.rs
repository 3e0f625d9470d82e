//! Which packages can matter, from the files' headers alone (no parse). A Microbus call needs
//! the framework: a typed client comes from an api package that imports it, a raw request needs
//! the connector and `pub` options. So only packages that import `github.com/microbus-io/…`,
//! directly or through other packages of the tree, can hold a call site; and only the packages
//! that services (and those packages) import can lie on a path to one. Everything else in a
//! monorepo (most of it, as a rule) is read for its header and nothing more.

use std::collections::{HashMap, HashSet};

use crate::discover::FileKind;
use crate::facts::Source;
use crate::workspace::{Module, import_path_of};

/// The import path prefix of the framework.
const FRAMEWORK: &str = "github.com/microbus-io/";

/// The framework's packages a Microbus call is made with, by the end of their path: a fork or
/// a vendored copy under another module path keeps them.
const FRAMEWORK_PACKAGES: &[&str] = &[
    "fabric/pub",
    "fabric/connector",
    "fabric/service",
    "fabric/define",
    "fabric/application",
    "fabric/sub",
];

/// Whether an import path is the framework's (or a copy of it under another module path).
pub fn is_framework(path: &str) -> bool {
    path.starts_with(FRAMEWORK)
        || FRAMEWORK_PACKAGES
            .iter()
            .any(|p| path == *p || path.ends_with(&format!("/{p}")))
}

/// The folders whose Go files can matter: the closure, over imports, of every package that
/// imports the framework (directly or through in-tree packages) and of every service folder
/// (one holding a manifest or the framework's generated files).
pub fn analyzed_dirs(sources: &[Source]) -> HashSet<String> {
    let mut modules: Vec<Module> = sources
        .iter()
        .filter(|s| s.file.kind == FileKind::GoMod)
        .filter_map(|s| {
            Some(Module {
                dir: s.file.dir().to_string(),
                path: crate::facts::gomod::module_path(s.text.as_deref().ok()?)?,
            })
        })
        .collect();
    modules.sort_by(|a, b| b.dir.len().cmp(&a.dir.len()).then(a.dir.cmp(&b.dir)));

    let mut imports_of: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut dir_of: HashMap<String, &str> = HashMap::new();
    let mut roots: Vec<&str> = Vec::new();
    let mut framework: HashSet<&str> = HashSet::new();
    for s in sources {
        let dir = s.file.dir();
        if s.file.kind == FileKind::Go && s.imports_framework() {
            framework.insert(dir);
        }
        match s.file.kind {
            FileKind::Manifest => roots.push(dir),
            FileKind::Go => {
                if s.generated {
                    roots.push(dir);
                }
                if !imports_of.contains_key(dir)
                    && let Some(path) = import_path_of(&modules, dir)
                {
                    dir_of.insert(path, dir);
                }
                imports_of
                    .entry(dir)
                    .or_default()
                    .extend(s.imported.iter().map(String::as_str));
            }
            FileKind::GoMod => {}
        }
    }
    // Packages that import the framework, then, backwards, whoever imports them.
    let mut importers: HashMap<&str, Vec<&str>> = HashMap::new();
    for (&dir, imports) in &imports_of {
        for path in imports {
            if let Some(&target) = dir_of.get(*path) {
                importers.entry(target).or_default().push(dir);
            }
        }
    }
    let mut stack: Vec<&str> = framework.iter().copied().collect();
    while let Some(dir) = stack.pop() {
        for &importer in importers.get(dir).into_iter().flatten() {
            if framework.insert(importer) {
                stack.push(importer);
            }
        }
    }
    // Forwards from those and from the service folders: what they compile in.
    let mut analyzed: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = framework.into_iter().chain(roots).collect();
    while let Some(dir) = stack.pop() {
        if !analyzed.insert(dir) {
            continue;
        }
        for path in imports_of.get(dir).into_iter().flatten() {
            if let Some(&target) = dir_of.get(*path)
                && !analyzed.contains(target)
            {
                stack.push(target);
            }
        }
    }
    analyzed.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::is_framework;

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
