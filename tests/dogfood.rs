//! rootlint checks its own sources, as clippy's dogfood and message-convention tests do, with the
//! design card's Rust tooling: syn for the lint declarations, messages, the analyzer's public API
//! and its stages, tree-sitter-rust for the layering rule that lints see facts, not syntax trees.
//! (The rustc lexer reads the lint declarations in `xtask`; clippy's `print_stdout`,
//! `print_stderr` and `dbg_macro`, denied in `[workspace.lints]`, keep the engine from printing.)

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

/// Only the syntax crate depends on tree-sitter (the Rust grammar of these dogfood tests is a
/// dev-dependency): the compiler keeps every other crate away from syntax trees.
#[test]
fn only_the_syntax_crate_depends_on_tree_sitter() {
    let mut checked = Vec::new();
    for krate in [".", "syntax", "analyzer", "lints", "bench", "xtask"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(krate)
            .join("Cargo.toml");
        let manifest: toml::Table = std::fs::read_to_string(&path).unwrap().parse().unwrap();
        let mut tables = vec![manifest.get("dependencies")];
        if let Some(toml::Value::Table(targets)) = manifest.get("target") {
            tables.extend(targets.values().map(|t| t.get("dependencies")));
        }
        let uses_tree_sitter = tables
            .into_iter()
            .flatten()
            .filter_map(toml::Value::as_table)
            .any(|deps| deps.keys().any(|k| k.starts_with("tree-sitter")));
        assert_eq!(
            uses_tree_sitter,
            krate == "syntax",
            "{}: only the syntax crate may depend on tree-sitter",
            path.display()
        );
        checked.push(krate);
    }
    assert_eq!(checked.len(), 6);
}

/// The syntax crate hands out facts, never trees: no item it exports names a tree-sitter type,
/// so the crates above it (the analyzer, the lints, the CLI and language server) cannot get
/// hold of a syntax tree. Walks the crate's public modules from `lib.rs` with syn.
#[test]
fn the_syntax_crate_exports_no_syntax_tree() {
    struct Mentions<'n> {
        names: &'n [String],
        found: bool,
    }
    impl<'ast> Visit<'ast> for Mentions<'_> {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if path
                .segments
                .iter()
                .any(|s| s.ident == "tree_sitter" || self.names.iter().any(|n| s.ident == n))
            {
                self.found = true;
            }
            syn::visit::visit_path(self, path);
        }
    }
    let public = |vis: &syn::Visibility| matches!(vis, syn::Visibility::Public(_));
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("syntax/src");
    // (file, module path) of every public module, from lib.rs down.
    let mut modules = vec![(src.join("lib.rs"), src.clone())];
    let mut leaks = Vec::new();
    let mut seen = 0;
    while let Some((file, dir)) = modules.pop() {
        seen += 1;
        let ast = syn::parse_file(&std::fs::read_to_string(&file).unwrap()).unwrap();
        // Names this module imports from tree-sitter (`use tree_sitter::{Node, Tree}`).
        let mut names = Vec::new();
        for item in &ast.items {
            if let syn::Item::Use(u) = item {
                let mut stack = vec![(&u.tree, false)];
                while let Some((tree, under)) = stack.pop() {
                    match tree {
                        syn::UseTree::Path(p) => {
                            stack.push((&p.tree, under || p.ident == "tree_sitter"))
                        }
                        syn::UseTree::Name(n) if under => names.push(n.ident.to_string()),
                        syn::UseTree::Rename(r) if under => names.push(r.rename.to_string()),
                        syn::UseTree::Group(g) => stack.extend(g.items.iter().map(|t| (t, under))),
                        _ => {}
                    }
                }
            }
        }
        let mut check = |what: String, visit: &dyn Fn(&mut Mentions)| {
            let mut m = Mentions {
                names: &names,
                found: false,
            };
            visit(&mut m);
            if m.found {
                leaks.push(format!("{}: {what}", file.display()));
            }
        };
        for item in &ast.items {
            match item {
                syn::Item::Mod(m) if public(&m.vis) && m.content.is_none() => {
                    let name = m.ident.to_string();
                    let sub = [
                        dir.join(format!("{name}.rs")),
                        dir.join(&name).join("mod.rs"),
                    ]
                    .into_iter()
                    .find(|p| p.exists())
                    .unwrap();
                    modules.push((sub, dir.join(&name)));
                }
                syn::Item::Fn(f) if public(&f.vis) => check(format!("fn {}", f.sig.ident), &|m| {
                    m.visit_signature(&f.sig)
                }),
                syn::Item::Struct(s) if public(&s.vis) => {
                    for field in s.fields.iter().filter(|f| public(&f.vis)) {
                        check(format!("struct {}", s.ident), &|m| m.visit_type(&field.ty));
                    }
                }
                syn::Item::Enum(e) if public(&e.vis) => {
                    check(format!("enum {}", e.ident), &|m| m.visit_item_enum(e))
                }
                syn::Item::Type(t) if public(&t.vis) => {
                    check(format!("type {}", t.ident), &|m| m.visit_type(&t.ty))
                }
                // A re-export (`pub use tree_sitter::Node;`) exports the tree as surely.
                syn::Item::Use(u) if public(&u.vis) => {
                    let mut stack = vec![&u.tree];
                    let mut reexports = false;
                    while let Some(t) = stack.pop() {
                        match t {
                            syn::UseTree::Path(p) => {
                                reexports |=
                                    p.ident == "tree_sitter" || names.iter().any(|n| p.ident == n);
                                stack.push(&p.tree);
                            }
                            syn::UseTree::Name(n) => {
                                reexports |= names.iter().any(|x| n.ident == x)
                            }
                            syn::UseTree::Rename(r) => {
                                reexports |= names.iter().any(|x| r.ident == x)
                            }
                            syn::UseTree::Group(g) => stack.extend(g.items.iter()),
                            syn::UseTree::Glob(_) => {}
                        }
                    }
                    check("pub use".into(), &|m| m.found |= reexports);
                }
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    for inner in &i.items {
                        if let syn::ImplItem::Fn(f) = inner
                            && public(&f.vis)
                        {
                            check(format!("method {}", f.sig.ident), &|m| {
                                m.visit_signature(&f.sig)
                            });
                        }
                    }
                }
                _ => {}
            }
        }
    }
    assert!(seen >= 3, "walked only {seen} modules");
    assert!(
        leaks.is_empty(),
        "the syntax crate exports syntax trees: {leaks:#?}"
    );
}

/// The analyzer's stages form a DAG the code keeps, in the manner of rust-analyzer's tidy
/// tests: each module may use only modules of earlier stages (ARCHITECTURE.md has the same
/// numbering). The drivers that wire the stages together (`lib.rs`, `demand`, `incremental`)
/// may use any. Inside a stage's folder (`resolve/`: types and values need each other) anything
/// goes. A module missing from the table fails the test, so a new one gets a place.
#[test]
fn the_analyzer_stages_form_a_dag() {
    // (module, stage as ARCHITECTURE.md and the module's docs number it, order within the
    // stage). Stage 0: shared helpers every stage may use.
    const STAGES: &[(&str, u32, u32)] = &[
        ("span", 0, 0),
        ("subject", 0, 0),
        ("route", 0, 0),
        ("framework", 0, 0),
        ("diagnostic", 0, 1),
        ("discover", 1, 0),
        ("triage", 2, 0),
        ("facts", 4, 0),
        ("workspace", 5, 0),
        ("resolve", 6, 0),
        ("flow", 7, 0),
        ("callgraph", 9, 0),
        ("ledger", 9, 1),
        ("analysis", 9, 2),
        ("grants", 10, 0),
    ];
    const DRIVERS: &[&str] = &["lib", "demand", "incremental"];

    /// The first segment after `crate::` of every path and `use` in non-test code, and after
    /// as many `super::` as lead from the file's module to the crate root (`depth`).
    struct Uses(Vec<String>, usize);
    impl Uses {
        /// The top-level module a path of these segments names, if it leaves the file's own.
        fn top_level<'s>(
            &self,
            mut segments: impl Iterator<Item = &'s syn::Ident>,
        ) -> Option<String> {
            let first = segments.next()?;
            if first == "crate" {
                return segments.next().map(|s| s.to_string());
            }
            if first != "super" {
                return None;
            }
            let mut supers = 1;
            for s in segments {
                if s == "super" {
                    supers += 1;
                } else {
                    return (supers >= self.1).then(|| s.to_string());
                }
            }
            None
        }
    }
    impl<'ast> Visit<'ast> for Uses {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            let test = m.attrs.iter().any(|a| {
                a.path().is_ident("cfg") && a.parse_args::<syn::Ident>().is_ok_and(|i| i == "test")
            });
            if !test {
                syn::visit::visit_item_mod(self, m);
            }
        }
        fn visit_path(&mut self, path: &'ast syn::Path) {
            if let Some(m) = self.top_level(path.segments.iter().map(|s| &s.ident)) {
                self.0.push(m);
            }
            syn::visit::visit_path(self, path);
        }
        fn visit_use_tree(&mut self, tree: &'ast syn::UseTree) {
            // `use super::super::flow::X`: past the supers that reach the crate root.
            let mut at = tree;
            let mut supers = 0;
            while let syn::UseTree::Path(p) = at
                && p.ident == "super"
            {
                supers += 1;
                at = &p.tree;
            }
            if supers > 0 {
                if supers >= self.1 {
                    let mut stack = vec![at];
                    while let Some(t) = stack.pop() {
                        match t {
                            syn::UseTree::Path(p) => self.0.push(p.ident.to_string()),
                            syn::UseTree::Name(n) => self.0.push(n.ident.to_string()),
                            syn::UseTree::Rename(r) => self.0.push(r.ident.to_string()),
                            syn::UseTree::Group(g) => stack.extend(g.items.iter()),
                            syn::UseTree::Glob(_) => {}
                        }
                    }
                }
                return;
            }
            if let syn::UseTree::Path(p) = tree
                && p.ident == "crate"
            {
                let mut stack = vec![&*p.tree];
                while let Some(t) = stack.pop() {
                    match t {
                        syn::UseTree::Path(p) => self.0.push(p.ident.to_string()),
                        syn::UseTree::Name(n) => self.0.push(n.ident.to_string()),
                        syn::UseTree::Rename(r) => self.0.push(r.ident.to_string()),
                        syn::UseTree::Group(g) => stack.extend(g.items.iter()),
                        syn::UseTree::Glob(_) => {}
                    }
                }
                return;
            }
            syn::visit::visit_use_tree(self, tree);
        }
    }
    let stage_of = |m: &str| {
        STAGES
            .iter()
            .find(|(n, _, _)| *n == m)
            .map(|(_, s, o)| (*s, *o))
    };
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("analyzer/src");
    // One numbering: each staged module's docs open with its stage, and ARCHITECTURE.md's row
    // of that stage names the module.
    let architecture =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("ARCHITECTURE.md"))
            .unwrap();
    for (module, stage, _) in STAGES.iter().filter(|(_, s, _)| *s > 0) {
        let file = [
            src.join(format!("{module}.rs")),
            src.join(module).join("mod.rs"),
        ]
        .into_iter()
        .find(|p| p.exists())
        .unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        let prefix = format!("//! Stage {stage}");
        assert!(
            text.starts_with(&prefix)
                && !text[prefix.len()..].starts_with(|c: char| c.is_ascii_digit()),
            "{}: its docs must open with `{prefix}`",
            file.display()
        );
        let row = architecture
            .lines()
            .find(|l| l.starts_with(&format!("| {stage} |")))
            .unwrap_or_else(|| panic!("ARCHITECTURE.md has no row for stage {stage}"));
        assert!(
            row.contains(&format!("analyzer/src/{module}")),
            "ARCHITECTURE.md's stage {stage} row does not name `{module}`"
        );
    }
    // The stages' workings stay inside the crate; only their results are exported. (file that
    // declares the module, module)
    const CRATE_PRIVATE: &[(&str, &str)] = &[
        ("lib.rs", "triage"),
        ("triage/mod.rs", "header"),
        ("triage/mod.rs", "constraints"),
        ("triage/mod.rs", "outline"),
        ("facts/mod.rs", "reach"),
        ("lib.rs", "demand"),
        ("lib.rs", "framework"),
        ("lib.rs", "resolve"),
        ("lib.rs", "flow"),
    ];
    for (file, module) in CRATE_PRIVATE {
        let ast = syn::parse_file(&std::fs::read_to_string(src.join(file)).unwrap()).unwrap();
        let declared = ast.items.iter().find_map(|item| match item {
            syn::Item::Mod(m) if m.ident == module => Some(&m.vis),
            _ => None,
        });
        let Some(vis) = declared else {
            panic!("{file} does not declare `{module}`");
        };
        assert!(
            !matches!(vis, syn::Visibility::Public(_)),
            "`{module}` ({file}) is a stage's workings and must not be `pub`"
        );
    }
    let mut violations = Vec::new();
    let mut checked = 0;
    for file in rust_files("analyzer/src") {
        let rel = file.strip_prefix(&src).unwrap();
        let module = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if DRIVERS.contains(&module.as_str()) {
            continue;
        }
        let Some(own) = stage_of(&module) else {
            violations.push(format!("{}: module `{module}` has no stage", rel.display()));
            continue;
        };
        checked += 1;
        let ast = syn::parse_file(&std::fs::read_to_string(&file).unwrap()).unwrap();
        // `span.rs` and `flow/mod.rs` are one module below the root, `resolve/types.rs` two.
        let depth = rel.components().count() - usize::from(rel.ends_with("mod.rs"));
        let mut uses = Uses(Vec::new(), depth);
        uses.visit_file(&ast);
        for used in uses.0 {
            if used == module {
                continue;
            }
            match stage_of(&used) {
                Some(stage) if stage < own => {}
                Some(_) => violations.push(format!(
                    "{}: `{module}` (stage {own:?}) uses `{used}`, which is not an earlier stage",
                    rel.display()
                )),
                // Items of the crate root (`crate::Options`) belong to the drivers.
                None => violations.push(format!(
                    "{}: `{module}` uses `crate::{used}` of the driver",
                    rel.display()
                )),
            }
        }
    }
    assert!(checked > 18, "checked only {checked} files");
    assert!(violations.is_empty(), "{violations:#?}");
}

/// No function of the engine crates runs past 80 lines unless ARCHITECTURE.md's table of long
/// functions names it (`file.rs: name`) and says why.
#[test]
fn long_functions_are_the_documented_ones() {
    struct Long<'f> {
        file: &'f str,
        found: Vec<String>,
    }
    impl Long<'_> {
        fn check(&mut self, name: &syn::Ident, block: &syn::Block, start: proc_macro2::Span) {
            let lines = block.brace_token.span.close().end().line + 1 - start.start().line;
            if lines > 80 {
                self.found
                    .push(format!("{}: {name} ({lines} lines)", self.file));
            }
        }
    }
    impl<'ast> Visit<'ast> for Long<'_> {
        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            self.check(&f.sig.ident, &f.block, f.sig.fn_token.span);
            syn::visit::visit_item_fn(self, f);
        }
        fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
            self.check(&f.sig.ident, &f.block, f.sig.fn_token.span);
            syn::visit::visit_impl_item_fn(self, f);
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let architecture = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let mut undocumented = Vec::new();
    for file in rust_files("analyzer/src")
        .into_iter()
        .chain(rust_files("lints/src"))
    {
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let ast = syn::parse_file(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let mut long = Long {
            file: &rel,
            found: Vec::new(),
        };
        long.visit_file(&ast);
        for f in long.found {
            let key = f.split(" (").next().unwrap();
            if !architecture.contains(&format!("`{key}`")) {
                undocumented.push(f);
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "functions over 80 lines that ARCHITECTURE.md does not explain: {undocumented:#?}"
    );
}
