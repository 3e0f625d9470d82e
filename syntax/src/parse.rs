//! Stage 3: parse Go source with tree-sitter-go, one parser per worker thread.

use std::cell::RefCell;

thread_local! {
    static GO_PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
}

/// The Go grammar.
pub(crate) fn language() -> tree_sitter::Language {
    tree_sitter_go::LANGUAGE.into()
}

fn parse_raw(src: &str) -> Option<tree_sitter::Tree> {
    GO_PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&language())
                .expect("tree-sitter-go grammar ABI is supported by the tree-sitter runtime");
            p
        });
        parser.parse(src, None)
    })
}

/// Parses Go source; `None` only if tree-sitter gave up (it recovers from syntax errors).
///
/// Go 1.26 lets `new` take an expression (`new(uint64(0))`); tree-sitter-go 0.25 reads its
/// argument as a type only and reports a syntax error. When a file has an error and such calls,
/// it is parsed again with those `new` renamed to an ordinary function of the same length, so
/// that every byte offset stays the file's own; the text the facts are read from is the file's,
/// so the call is still `new`. The second tree is used only if it has no error at all: a real
/// syntax error keeps its finding.
pub(crate) fn parse_go(src: &str) -> Option<tree_sitter::Tree> {
    let tree = parse_raw(src)?;
    if !tree.root_node().has_error() {
        return Some(tree);
    }
    let Some(renamed) = new_with_expressions_renamed(src) else {
        return Some(tree);
    };
    match parse_raw(&renamed) {
        Some(retry) if !retry.root_node().has_error() => Some(retry),
        _ => Some(tree),
    }
}

/// `src` with each `new(` whose argument cannot be a type written as an expression renamed to
/// `neW(`, or `None` when there is none. Arguments that only a type can start with (`[`, `map`,
/// `chan`, `func`, `struct`, `interface`, `<-`) keep `new`, which parses them as types.
fn new_with_expressions_renamed(src: &str) -> Option<String> {
    let bytes = src.as_bytes();
    let ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let mut out: Option<Vec<u8>> = None;
    for (at, _) in src.match_indices("new(") {
        if at > 0 && (ident(bytes[at - 1]) || bytes[at - 1] == b'.') {
            continue;
        }
        let arg = src[at + 4..].trim_start();
        let type_only = arg.starts_with('[')
            || arg.starts_with("<-")
            || ["map", "chan", "func", "struct", "interface"]
                .iter()
                .any(|k| {
                    arg.starts_with(k)
                        && !arg[k.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_')
                });
        if type_only {
            continue;
        }
        out.get_or_insert_with(|| bytes.to_vec())[at + 2] = b'W';
    }
    out.map(|b| String::from_utf8(b).expect("an ASCII byte replaced an ASCII byte"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_grammar_loads() {
        assert!(parse_go("package a\n").is_some());
    }

    #[test]
    fn new_with_an_expression_parses() {
        let src = "package a\n\nfunc f() {\n\tp := new(uint64(0))\n\tq := new([]int)\n\tr := new(T)\n\t_, _, _ = p, q, r\n}\n";
        assert!(parse_raw(src).unwrap().root_node().has_error());
        assert!(!parse_go(src).unwrap().root_node().has_error());
        let renamed = new_with_expressions_renamed(src).unwrap();
        assert!(renamed.contains("neW(uint64(0))") && renamed.contains("new([]int)"));
        assert_eq!(renamed.len(), src.len());
        // A real syntax error is kept.
        let broken = "package a\n\nfunc f() {\n\tp := new(uint64(0)\n}\n";
        assert!(parse_go(broken).unwrap().root_node().has_error());
        assert_eq!(new_with_expressions_renamed("x.new(1) + renew(2)"), None);
    }
}
