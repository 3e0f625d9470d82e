//! rootlint's lint-development tool, in clippy_dev's manner: the lint declarations are the one
//! source, read with the rustc lexer, and everything that lists the lints is written from them.
//!
//! - `new-lint NAME --category correctness|suspicious [--phase facts|grants|findings]` scaffolds
//!   `lints/src/lints/NAME.rs` and its `fires`, `silent` and `suppressed` ui-test trees, whose
//!   placeholders fail the ui tests until they are filled in.
//! - `update-lints [--check]` writes `lints/src/lints/mod.rs` (the registry), the README's lint
//!   table and `docs/lints.md`; with `--check` it writes nothing and fails when any is stale.

use std::path::{Path, PathBuf};

use rustc_lexer::{FrontmatterAllowed, LiteralKind, TokenKind, tokenize};

/// One `declare_lint!` as written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// The lint's name: its file's stem, and the static's name in lower case.
    pub name: String,
    /// `correctness` or `suspicious`.
    pub category: String,
    pub summary: String,
    /// The doc comment, each `///` line without its marker and first space.
    pub docs: String,
    /// `Facts`, `Grants` or `Findings`.
    pub phase: String,
}

impl Declaration {
    fn default_level(&self) -> &'static str {
        if self.category == "correctness" {
            "deny"
        } else {
            "warn"
        }
    }

    fn static_name(&self) -> String {
        self.name.to_ascii_uppercase()
    }
}

/// Reads the one `declare_lint!` of a lint file with the rustc lexer.
pub fn read_declaration(file: &Path, src: &str) -> Result<Declaration, String> {
    let fail = |what: &str| format!("{}: {what}", file.display());
    // The tokens that matter, with their text: comments other than doc comments and whitespace
    // are skipped.
    let mut tokens: Vec<(TokenKind, &str)> = Vec::new();
    let mut offset = 0;
    for token in tokenize(src, FrontmatterAllowed::No) {
        let text = &src[offset..offset + token.len as usize];
        offset += token.len as usize;
        match token.kind {
            TokenKind::Whitespace => {}
            TokenKind::LineComment { doc_style: None } | TokenKind::BlockComment { .. } => {}
            kind => tokens.push((kind, text)),
        }
    }
    let start = tokens
        .windows(2)
        .position(|w| {
            matches!(w[0], (TokenKind::Ident, "declare_lint")) && w[1].0 == TokenKind::Bang
        })
        .ok_or_else(|| fail("no `declare_lint!`"))?;
    let mut rest = tokens[start + 2..].iter();
    if !matches!(rest.next(), Some((TokenKind::OpenBrace, _))) {
        return Err(fail("`declare_lint!` does not open with `{`"));
    }
    let mut docs = String::new();
    let mut next = rest.next();
    while let Some((TokenKind::LineComment { doc_style: Some(_) }, text)) = next {
        let line = text.trim_start_matches("///");
        docs.push_str(line.strip_prefix(' ').unwrap_or(line));
        docs.push('\n');
        next = rest.next();
    }
    let ident = |t: Option<&(TokenKind, &str)>, what: &str| match t {
        Some((TokenKind::Ident, text)) => Ok(text.to_string()),
        _ => Err(fail(&format!("expected {what}"))),
    };
    let comma = |t: Option<&(TokenKind, &str)>| match t {
        Some((TokenKind::Comma, _)) => Ok(()),
        _ => Err(fail("expected `,`")),
    };
    if ident(next, "`pub`")? != "pub" {
        return Err(fail("expected `pub`"));
    }
    let name = ident(rest.next(), "the lint's name")?.to_ascii_lowercase();
    comma(rest.next())?;
    let category = ident(rest.next(), "a category")?.to_ascii_lowercase();
    comma(rest.next())?;
    let summary = match rest.next() {
        Some((
            TokenKind::Literal {
                kind: LiteralKind::Str { terminated: true },
                ..
            },
            text,
        )) => text[1..text.len() - 1].replace("\\\"", "\""),
        _ => return Err(fail("expected the summary, a string literal")),
    };
    comma(rest.next())?;
    // The check function's path, then an optional phase.
    let mut phase = "Facts".to_string();
    let mut after_comma = false;
    for (kind, text) in rest.by_ref() {
        match kind {
            TokenKind::CloseBrace => break,
            TokenKind::Comma => after_comma = true,
            TokenKind::Ident if after_comma => phase = text.to_string(),
            _ => {}
        }
    }
    if !["correctness", "suspicious"].contains(&category.as_str()) {
        return Err(fail(&format!("unknown category `{category}`")));
    }
    if !["Facts", "Grants", "Findings"].contains(&phase.as_str()) {
        return Err(fail(&format!("unknown phase `{phase}`")));
    }
    Ok(Declaration {
        name,
        category,
        summary,
        docs: docs.trim().to_string() + "\n",
        phase,
    })
}

/// Every lint of the tree at `root`, in registry order: correctness first, then by name.
pub fn declarations(root: &Path) -> Result<Vec<Declaration>, String> {
    let dir = root.join("lints/src/lints");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("mod.rs"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let src = std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let declaration = read_declaration(&file, &src)?;
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if declaration.name != stem {
            return Err(format!(
                "{}: declares `{}`; a lint's file is named after it",
                file.display(),
                declaration.name
            ));
        }
        out.push(declaration);
    }
    out.sort_by(|a, b| {
        (a.category != "correctness", &a.name).cmp(&(b.category != "correctness", &b.name))
    });
    Ok(out)
}

/// `lints/src/lints/mod.rs`.
pub fn registry(lints: &[Declaration]) -> String {
    let mut out = String::from(
        "//! One file per lint. Written by `cargo xtask update-lints` from the declarations: do not edit.\n\n",
    );
    let by_name: std::collections::BTreeMap<_, _> = lints.iter().map(|l| (&l.name, l)).collect();
    for (name, l) in by_name {
        // The module's doc is the lint's summary (`missing_docs` holds for the registry too).
        out.push_str(&format!("/// `{name}`: {}.\npub mod {name};\n", l.summary));
    }
    out.push_str("\nuse crate::Lint;\n\n/// Every lint: correctness first, then by name.\npub static ALL: &[&Lint] = &[\n");
    for l in lints {
        out.push_str(&format!("    &{}::{},\n", l.name, l.static_name()));
    }
    out.push_str("];\n");
    out
}

/// The README's lint table (`rootlint lints` prints the same).
pub fn table(lints: &[Declaration]) -> String {
    let mut out =
        String::from("| lint | default | category | what it finds |\n|---|---|---|---|\n");
    for l in lints {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            l.name,
            l.default_level(),
            l.category,
            l.summary
        ));
    }
    out
}

/// `docs/lints.md`.
pub fn docs(lints: &[Declaration]) -> String {
    let mut doc = String::from(
        "# rootlint lints\n\nGenerated from the lint declarations; `cargo xtask update-lints` rewrites it.\n",
    );
    for l in lints {
        doc.push_str(&format!(
            "\n<a id=\"{0}\"></a>\n## `{0}`\n\nDefault level: **{1}** (category {2}). {3}.\n\n{4}",
            l.name,
            l.default_level(),
            l.category,
            l.summary,
            l.docs.replace("### ", "#### ")
        ));
    }
    doc
}

/// README.md with its lint table replaced.
fn readme_with(readme: &str, table: &str) -> Result<String, String> {
    let start = readme
        .find("| lint | default | category | what it finds |")
        .ok_or("README.md has no lint table")?;
    let end = readme[start..]
        .find("\n\n")
        .map_or(readme.len(), |n| start + n + 1);
    Ok(format!("{}{}{}", &readme[..start], table, &readme[end..]))
}

/// The files `update-lints` writes, with their new contents.
pub fn generated(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let lints = declarations(root)?;
    let readme_path = root.join("README.md");
    let readme = std::fs::read_to_string(&readme_path)
        .map_err(|e| format!("{}: {e}", readme_path.display()))?;
    Ok(vec![
        (root.join("lints/src/lints/mod.rs"), registry(&lints)),
        (readme_path, readme_with(&readme, &table(&lints))?),
        (root.join("docs/lints.md"), docs(&lints)),
    ])
}

/// Writes the generated files (or, with `check`, lists those that differ); returns the stale ones.
pub fn update_lints(root: &Path, check: bool) -> Result<Vec<PathBuf>, String> {
    let mut stale = Vec::new();
    for (path, text) in generated(root)? {
        if std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        if !check {
            std::fs::write(&path, &text).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        stale.push(path);
    }
    Ok(stale)
}

/// Scaffolds a lint: its file and its ui-test trees.
pub fn new_lint(
    root: &Path,
    name: &str,
    category: &str,
    phase: &str,
) -> Result<Vec<PathBuf>, String> {
    if name.is_empty()
        || !name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return Err(format!("`{name}`: a lint name is snake_case ASCII"));
    }
    let category = match category {
        "correctness" => "Correctness",
        "suspicious" => "Suspicious",
        other => {
            return Err(format!(
                "`{other}`: the categories are correctness and suspicious"
            ));
        }
    };
    let phase = match phase {
        "facts" => "",
        "grants" => ",\n    Grants",
        "findings" => ",\n    Findings",
        other => {
            return Err(format!(
                "`{other}`: the phases are facts, grants and findings"
            ));
        }
    };
    let file = root.join(format!("lints/src/lints/{name}.rs"));
    if file.exists() {
        return Err(format!("{} exists", file.display()));
    }
    let upper = name.to_ascii_uppercase();
    let mut written = vec![file.clone()];
    std::fs::write(
        &file,
        format!(
            r#"use crate::{{Diagnostic, LintContext, declare_lint}};

declare_lint! {{
    /// ### What it does
    /// TODO: what the lint finds, in one paragraph.
    ///
    /// ### Why is this bad?
    /// TODO: what goes wrong in a deployment when this is left in.
    ///
    /// ### Example
    /// ```go
    /// // TODO: the smallest code that triggers it
    /// ```
    ///
    /// Use instead:
    /// ```go
    /// // TODO: the same code, fixed
    /// ```
    pub {upper},
    {category},
    "TODO: one line, lower case, no final period",
    check{phase}
}}

fn check(cx: &LintContext) -> Vec<Diagnostic> {{
    // Facts only: `cx.analysis` (workspace, catalog, call sites, call graph), never syntax.
    let _ = cx;
    Vec::new()
}}
"#
        ),
    )
    .map_err(|e| format!("{}: {e}", file.display()))?;
    // Placeholder trees: `fires` holds nothing that fires yet, so the ui tests fail (every lint
    // needs a case that fires) until a real tree replaces it.
    for case in ["fires", "silent", "suppressed"] {
        let tree = root.join(format!("ui-tests/{name}/{case}/tree"));
        std::fs::create_dir_all(&tree).map_err(|e| format!("{}: {e}", tree.display()))?;
        let go_mod = tree.join("go.mod");
        std::fs::write(&go_mod, "module example.com/app\n\ngo 1.24\n")
            .map_err(|e| format!("{}: {e}", go_mod.display()))?;
        let readme = tree.join("TODO.md");
        std::fs::write(
            &readme,
            format!(
                "Replace this file with the smallest tree where `{name}` {}.\n",
                match case {
                    "fires" => "fires",
                    "silent" => "must stay silent (the closest tree to `fires` that is correct)",
                    _ => "fires and a `//rootlint:ignore` comment with a reason suppresses it",
                }
            ),
        )
        .map_err(|e| format!("{}: {e}", readme.display()))?;
        written.push(tree);
    }
    Ok(written)
}

/// The repository root: the folder above this crate.
pub fn repository_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent().unwrap_or(here).to_path_buf()
}
