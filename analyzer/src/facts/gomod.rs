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
