//! `go.mod` facts: the module path that maps import paths to folders.

/// The module path declared by a go.mod file, if any.
pub fn module_path(src: &str) -> Option<String> {
    src.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("module")?;
        if !rest.starts_with(char::is_whitespace) {
            return None;
        }
        let path = rest.split("//").next()?.trim().trim_matches('"');
        (!path.is_empty()).then(|| path.to_string())
    })
}

/// A Go module of the tree: the folder holding its go.mod, and its module path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Module {
    /// The folder holding its `go.mod`, relative to the root.
    pub dir: String,
    /// Its module path.
    pub path: String,
}

/// Deepest module first, so that a nested go.mod wins for its folder (ties by folder, for a
/// deterministic order).
pub fn innermost_first(modules: &mut [Module]) {
    modules.sort_by(|a, b| b.dir.len().cmp(&a.dir.len()).then(a.dir.cmp(&b.dir)));
}

/// The import path of a folder: the innermost module's path plus the folder below it.
pub fn import_path_of(modules: &[Module], dir: &str) -> Option<String> {
    if let Some(path) = crate::discover::vendored_import_path(dir) {
        return Some(path.to_string());
    }
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
    #[test]
    fn module_line() {
        assert_eq!(
            super::module_path("// c\nmodule  example.com/shop // x\n\ngo 1.23\n").as_deref(),
            Some("example.com/shop")
        );
        assert_eq!(super::module_path("go 1.23\n"), None);
    }
}
