//! The lint-development tool on the real tree and on a scratch copy of it.

use std::path::Path;

/// The registry, the README table and docs/lints.md are what the declarations say.
#[test]
fn the_generated_files_are_current() {
    let stale = xtask::update_lints(&xtask::repository_root(), true).unwrap();
    assert!(
        stale.is_empty(),
        "stale: {stale:?}; run `cargo xtask update-lints`"
    );
}

#[test]
fn every_lint_file_has_a_declaration_with_its_sections() {
    let root = xtask::repository_root();
    let lints = xtask::declarations(&root).unwrap();
    let files = std::fs::read_dir(root.join("lints/src/lints"))
        .unwrap()
        .filter(|e| e.as_ref().unwrap().file_name() != "mod.rs")
        .count();
    assert_eq!(lints.len(), files);
    for l in &lints {
        for section in ["### What it does", "### Why is this bad?", "### Example"] {
            assert!(l.docs.contains(section), "{} lacks {section}", l.name);
        }
    }
    let phase = |name: &str| lints.iter().find(|l| l.name == name).unwrap().phase.clone();
    assert_eq!(phase("unused_suppression"), "Findings");
    assert_eq!(phase("stale_baseline_entry"), "Grants");
    assert_eq!(phase("dynamic_trust_root_host"), "Facts");
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `new-lint` writes a declaration that `update-lints` registers, documents and lists, and
/// placeholder ui-test trees.
#[test]
fn a_new_lint_is_registered_documented_and_listed() {
    let real = xtask::repository_root();
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    copy(&real.join("lints/src/lints"), &root.join("lints/src/lints"));
    copy(&real.join("docs"), &root.join("docs"));
    std::fs::copy(real.join("README.md"), root.join("README.md")).unwrap();
    assert!(xtask::update_lints(root, true).unwrap().is_empty());

    xtask::new_lint(root, "wildcard_owner", "correctness", "grants").unwrap();
    let stale = xtask::update_lints(root, false).unwrap();
    assert_eq!(stale.len(), 3, "{stale:?}");
    let registry = std::fs::read_to_string(root.join("lints/src/lints/mod.rs")).unwrap();
    assert!(registry.contains("pub mod wildcard_owner;\n"));
    assert!(registry.contains("    &wildcard_owner::WILDCARD_OWNER,\n"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    assert!(readme.contains("| `wildcard_owner` | deny | correctness | TODO"));
    let docs = std::fs::read_to_string(root.join("docs/lints.md")).unwrap();
    assert!(docs.contains("<a id=\"wildcard_owner\"></a>"));
    let declared = xtask::declarations(root).unwrap();
    let new = declared
        .iter()
        .find(|l| l.name == "wildcard_owner")
        .unwrap();
    assert_eq!(new.phase, "Grants");
    for case in ["fires", "silent", "suppressed"] {
        assert!(
            root.join(format!("ui-tests/wildcard_owner/{case}/tree/TODO.md"))
                .exists()
        );
    }
    // Nothing else moved, and a second run has nothing to do.
    assert!(xtask::update_lints(root, true).unwrap().is_empty());
    assert!(xtask::new_lint(root, "wildcard_owner", "correctness", "facts").is_err());
}

/// Each bad argument is refused for its own reason, in a folder where a good one succeeds: a
/// refusal for a missing lints folder would not count.
#[test]
fn bad_names_categories_and_phases_are_refused() {
    let real = xtask::repository_root();
    let scratch = tempfile::tempdir().unwrap();
    let root = scratch.path();
    copy(&real.join("lints/src/lints"), &root.join("lints/src/lints"));
    for (name, category, phase, reason) in [
        ("Bad-Name", "correctness", "facts", "snake_case"),
        ("", "correctness", "facts", "snake_case"),
        ("9lives", "correctness", "facts", "snake_case"),
        ("fine_name", "pedantic", "facts", "the categories are"),
        ("fine_name", "suspicious", "later", "the phases are"),
    ] {
        let err = xtask::new_lint(root, name, category, phase)
            .expect_err(&format!("{name} {category} {phase}"));
        assert!(err.contains(reason), "{name} {category} {phase}: {err}");
    }
    assert!(!root.join("lints/src/lints/fine_name.rs").exists());
    xtask::new_lint(root, "fine_name", "suspicious", "facts").unwrap();
    assert!(root.join("lints/src/lints/fine_name.rs").exists());
}

#[test]
fn declarations_are_read_with_the_lexer() {
    let src = "use x;\n// declare_lint! in a comment is not a declaration\ndeclare_lint! {\n    /// ### What it does\n    /// Finds `\"quoted\"` things.\n    pub QUOTED_THING,\n    Suspicious,\n    \"a \\\"quoted\\\" thing\",\n    check,\n    Findings\n}\n";
    let d = xtask::read_declaration(Path::new("quoted_thing.rs"), src).unwrap();
    assert_eq!(d.name, "quoted_thing");
    assert_eq!(d.category, "suspicious");
    assert_eq!(d.summary, "a \"quoted\" thing");
    assert_eq!(d.phase, "Findings");
    assert_eq!(d.docs, "### What it does\nFinds `\"quoted\"` things.\n");
    assert!(xtask::read_declaration(Path::new("x.rs"), "fn main() {}").is_err());
    assert!(
        xtask::read_declaration(
            Path::new("x.rs"),
            "declare_lint! { pub X, Pedantic, \"s\", check }"
        )
        .is_err()
    );
}
