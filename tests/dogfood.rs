//! rootlint checks its own sources, as clippy's dogfood and message-convention tests do, with the
//! design card's Rust tooling: syn for the lint declarations and messages, the rustc lexer for
//! stray prints, tree-sitter-rust for the layering rule that lints see facts, not syntax trees.

use std::path::{Path, PathBuf};

use syn::visit::Visit;

fn rust_files(dir: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut out);
    out.sort();
    out
}

/// One lint per file under `lints/src/lints/`, declared once, named after its file.
#[test]
fn one_lint_per_file_named_after_it() {
    for path in rust_files("lints/src/lints") {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem == "mod" {
            continue;
        }
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let declarations: Vec<&syn::ItemMacro> = file
            .items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Macro(m) if m.mac.path.is_ident("declare_lint") => Some(m),
                _ => None,
            })
            .collect();
        assert_eq!(
            declarations.len(),
            1,
            "{} declares {} lints",
            path.display(),
            declarations.len()
        );
        let tokens: Vec<proc_macro2::TokenTree> =
            declarations[0].mac.tokens.clone().into_iter().collect();
        let name = tokens
            .windows(2)
            .find_map(|w| match (&w[0], &w[1]) {
                (proc_macro2::TokenTree::Ident(p), proc_macro2::TokenTree::Ident(n))
                    if p == "pub" =>
                {
                    Some(n.to_string())
                }
                _ => None,
            })
            .unwrap_or_default();
        assert_eq!(
            name.to_lowercase(),
            stem,
            "{}: the lint is named `{name}`",
            path.display()
        );
    }
}

/// clippy's convention: a message starts in lower case and ends without a period.
#[test]
fn lint_messages_follow_the_convention() {
    struct Messages(Vec<(String, usize)>);
    impl Messages {
        fn check(&mut self, lit: &syn::LitStr) {
            self.0.push((lit.value(), lit.span().start().line));
        }
    }
    impl<'ast> Visit<'ast> for Messages {
        fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
            let is_new = matches!(&*call.func, syn::Expr::Path(p) if p.path.segments.len() == 2
                && p.path.segments[0].ident == "Diagnostic" && p.path.segments[1].ident == "new");
            if let (true, Some(message)) = (is_new, call.args.iter().nth(3)) {
                match message {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => self.check(s),
                    syn::Expr::Macro(m) if m.mac.path.is_ident("format") => {
                        if let Some(proc_macro2::TokenTree::Literal(l)) =
                            m.mac.tokens.clone().into_iter().next()
                            && let Ok(s) = syn::parse_str::<syn::LitStr>(&l.to_string())
                        {
                            self.check(&s);
                        }
                    }
                    _ => {}
                }
            }
            syn::visit::visit_expr_call(self, call);
        }
    }
    let mut bad = Vec::new();
    let mut seen = 0;
    for path in rust_files("lints/src/lints") {
        let file = syn::parse_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let mut m = Messages(Vec::new());
        m.visit_file(&file);
        for (msg, line) in m.0 {
            seen += 1;
            let first = msg.chars().next().unwrap_or(' ');
            if first.is_uppercase() || msg.ends_with('.') {
                bad.push(format!("{}:{line}: {msg:?}", path.display()));
            }
        }
    }
    assert!(seen >= 15, "the visitor found only {seen} messages");
    assert!(
        bad.is_empty(),
        "messages must start in lower case and not end with a period:\n{}",
        bad.join("\n")
    );
}

/// stdout carries the JSON, SARIF and the language server's protocol: the engine never prints.
#[test]
fn the_engine_never_prints() {
    use rustc_lexer::{FrontmatterAllowed, TokenKind, tokenize};
    let mut bad = Vec::new();
    for path in rust_files("analyzer/src")
        .into_iter()
        .chain(rust_files("lints/src"))
    {
        let src = std::fs::read_to_string(&path).unwrap();
        let mut offset = 0;
        // The identifier just before the current token, comments and whitespace skipped.
        let mut last_ident: Option<&str> = None;
        for token in tokenize(&src, FrontmatterAllowed::No) {
            let text = &src[offset..offset + token.len as usize];
            match token.kind {
                TokenKind::Whitespace
                | TokenKind::LineComment { .. }
                | TokenKind::BlockComment { .. } => {}
                TokenKind::Ident => last_ident = Some(text),
                TokenKind::Bang => {
                    if let Some(name @ ("println" | "print" | "eprintln" | "eprint" | "dbg")) =
                        last_ident
                    {
                        let line = src[..offset].matches('\n').count() + 1;
                        bad.push(format!("{}:{line}: {name}!", path.display()));
                    }
                    last_ident = None;
                }
                _ => last_ident = None,
            }
            offset += token.len as usize;
        }
    }
    assert!(bad.is_empty(), "prints in the engine:\n{}", bad.join("\n"));
}

/// Lints see facts, not syntax trees: nothing under `lints/` names tree-sitter.
#[test]
fn lints_never_touch_syntax_trees() {
    use streaming_iterator::StreamingIterator;
    let language: tree_sitter::Language = tree_sitter_rust::LANGUAGE.into();
    let mut parser = tree_sitter::Parser::new();
    parser.set_language(&language).unwrap();
    let query = tree_sitter::Query::new(&language, "(identifier) @id").unwrap();
    let mut bad = Vec::new();
    for path in rust_files("lints/src") {
        let src = std::fs::read_to_string(&path).unwrap();
        let tree = parser.parse(&src, None).unwrap();
        assert!(
            !tree.root_node().has_error(),
            "{} does not parse",
            path.display()
        );
        let mut cursor = tree_sitter::QueryCursor::new();
        let mut matches = cursor.matches(&query, tree.root_node(), src.as_bytes());
        while let Some(m) = matches.next() {
            for c in m.captures() {
                if c.node.utf8_text(src.as_bytes()).unwrap() == "tree_sitter" {
                    bad.push(format!(
                        "{}:{}",
                        path.display(),
                        c.node.start_position().row + 1
                    ));
                }
            }
        }
    }
    assert!(bad.is_empty(), "lints reach into syntax trees at {bad:?}");
}
