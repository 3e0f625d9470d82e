//! Stage 3: parse Go source with tree-sitter-go, one parser per worker thread.

use std::cell::RefCell;

thread_local! {
    static GO_PARSER: RefCell<Option<tree_sitter::Parser>> = const { RefCell::new(None) };
}

/// Parses Go source; `None` only if tree-sitter gave up (it recovers from syntax errors).
pub fn parse_go(src: &str) -> Option<tree_sitter::Tree> {
    GO_PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        let parser = slot.get_or_insert_with(|| {
            let mut p = tree_sitter::Parser::new();
            p.set_language(&crate::facts::go::language())
                .expect("tree-sitter-go grammar ABI is supported by the tree-sitter runtime");
            p
        });
        parser.parse(src, None)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn go_grammar_loads() {
        assert!(super::parse_go("package a\n").is_some());
    }
}
