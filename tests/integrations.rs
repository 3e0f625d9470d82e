//! The GitHub Action's script and the pre-commit hook, run with the local binary.

use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_action_writes_sarif_annotates_and_fails_on_a_deny_finding() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    let out = Command::new("/bin/bash")
        .arg(repo().join("scripts/action.sh"))
        .current_dir(repo())
        .env("ROOTLINT_BIN", env!("CARGO_BIN_EXE_rootlint"))
        .env(
            "ROOTLINT_PATHS",
            "examples/shop/federation examples/shop/reports",
        )
        .env("ROOTLINT_ARGS", "-A warnings")
        .env("ROOTLINT_SARIF", &sarif)
        .env(
            "ROOTLINT_DOCS_URL",
            "https://example.com/rootlint/docs/lints.md",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let annotations = String::from_utf8_lossy(&out.stdout);
    let files: Vec<&str> = annotations
        .lines()
        .map(|l| {
            l.split("file=")
                .nth(1)
                .and_then(|f| f.split(',').next())
                .unwrap()
        })
        .collect();
    assert_eq!(
        files,
        [
            "examples/shop/federation/service.go",
            "examples/shop/reports/service.go",
            "examples/shop/reports/service.go"
        ],
        "{annotations}"
    );
    assert!(annotations.lines().all(|l| l.starts_with("::error ")));
    let log: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["results"].as_array().unwrap().len(), 3);
    assert_eq!(
        run["tool"]["driver"]["rules"][0]["helpUri"],
        format!(
            "https://example.com/rootlint/docs/lints.md#{}",
            rootlint_lints::all()[0].name
        )
    );
    // An error is not a pass: a path that does not exist stops the step with exit 2.
    let broken = Command::new("/bin/bash")
        .arg(repo().join("scripts/action.sh"))
        .current_dir(repo())
        .env("ROOTLINT_BIN", env!("CARGO_BIN_EXE_rootlint"))
        .env("ROOTLINT_PATHS", "no/such/folder")
        .env("ROOTLINT_SARIF", &sarif)
        .output()
        .unwrap();
    assert_eq!(broken.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&broken.stdout).starts_with("::error title=rootlint::"));
}

#[test]
fn the_action_runs_the_script_with_its_inputs() {
    let action = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    for needle in [
        "using: composite",
        "\"$GITHUB_ACTION_PATH/scripts/action.sh\"",
        "ROOTLINT_PATHS: ${{ inputs.paths }}",
        "ROOTLINT_ARGS: ${{ inputs.args }}",
        "ROOTLINT_SARIF: ${{ inputs.sarif }}",
        "cargo install --locked --path \"$GITHUB_ACTION_PATH\"",
        "github/codeql-action/upload-sarif@",
    ] {
        assert!(action.contains(needle), "action.yml lacks {needle}");
    }
}

#[test]
fn the_pre_commit_hook_runs_the_binary() {
    let hooks = std::fs::read_to_string(repo().join(".pre-commit-hooks.yaml")).unwrap();
    let field = |name: &str| {
        hooks
            .lines()
            .find_map(|l| {
                l.trim()
                    .trim_start_matches("- ")
                    .strip_prefix(&format!("{name}: "))
            })
            .unwrap_or_else(|| panic!("the hook has no {name}"))
            .to_string()
    };
    assert_eq!(field("id"), "rootlint");
    assert_eq!(field("language"), "rust");
    assert_eq!(field("pass_filenames"), "false");
    let entry = field("entry");
    let mut words = entry.split_whitespace();
    assert_eq!(
        words.next(),
        Some("rootlint"),
        "the entry runs the installed binary"
    );
    // pre-commit runs the entry in the repository's root; here, the example deployment.
    let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
        .args(words)
        .current_dir(repo().join("examples/shop"))
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "a deny finding fails the commit"
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("federation/service.go:20:9: error[dynamic_trust_root_host] "),
        "{text}"
    );
}
