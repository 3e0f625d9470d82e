//! Vendored code (`vendor/<import path>/…`) is compiled into whoever imports it. Only the
//! vendored packages that the tree's own packages import, directly or through other vendored
//! packages, are analyzed; the rest of `vendor/` is counted and left out, as the Go tool leaves
//! it out of the build. The graph is the files' header imports, read from their bytes.

use std::collections::{HashMap, HashSet};

use crate::discover::{SourceFile, vendored_import_path};

/// For each file (same order), whether it is vendored code that nothing in the tree imports.
pub fn unreached<'a>(files: impl Iterator<Item = (&'a SourceFile, &'a [String])>) -> Vec<bool> {
    let files: Vec<(&SourceFile, &[String])> = files.collect();
    let mut vendored_dirs: HashMap<&str, Vec<&str>> = HashMap::new();
    for (f, _) in files.iter().filter(|(f, _)| f.vendored()) {
        let dir = f.dir();
        if let Some(path) = vendored_import_path(dir) {
            let dirs = vendored_dirs.entry(path).or_default();
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    if vendored_dirs.is_empty() {
        return vec![false; files.len()];
    }
    let mut imports_of: HashMap<&str, Vec<&str>> = HashMap::new();
    for (f, imported) in &files {
        imports_of
            .entry(f.dir())
            .or_default()
            .extend(imported.iter().map(String::as_str));
    }
    let mut reached: HashSet<&str> = HashSet::new();
    let mut stack: Vec<&str> = files
        .iter()
        .filter(|(f, _)| !f.vendored())
        .map(|(f, _)| f.dir())
        .collect();
    let mut seen_roots: HashSet<&str> = HashSet::new();
    while let Some(dir) = stack.pop() {
        if !seen_roots.insert(dir) {
            continue;
        }
        for path in imports_of.get(dir).into_iter().flatten() {
            for &target in vendored_dirs.get(path).into_iter().flatten() {
                if reached.insert(target) {
                    stack.push(target);
                }
            }
        }
    }
    files
        .iter()
        .map(|(f, _)| f.vendored() && !reached.contains(f.dir()))
        .collect()
}
