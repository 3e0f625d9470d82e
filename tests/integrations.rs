//! The GitHub Action's script and the pre-commit hook, run with the local binary.

mod go_judge;

use std::path::Path;
use std::process::Command;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_action_writes_sarif_annotates_and_fails_on_a_deny_finding() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("out.sarif");
    // The inputs as a workflow's block scalars give them: one per line, a trailing newline.
    let out = Command::new("/bin/bash")
        .arg(repo().join("scripts/action.sh"))
        .current_dir(repo())
        .env("ROOTLINT_BIN", env!("CARGO_BIN_EXE_rootlint"))
        .env(
            "ROOTLINT_PATHS",
            "examples/shop/federation\nexamples/shop/reports\n",
        )
        .env("ROOTLINT_ARGS", "-A\nwarnings\n")
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
    let annotation = String::from_utf8_lossy(&broken.stdout);
    assert!(
        annotation.starts_with("::error title=rootlint::"),
        "{annotation}"
    );
    // The annotation says why, on its one line.
    assert_eq!(annotation.lines().count(), 1, "{annotation}");
    assert!(annotation.contains("no/such/folder"), "{annotation}");
    assert!(
        !annotation.ends_with("(exit 2): no message\n"),
        "{annotation}"
    );
    // Without a docs URL, the action's repository and ref make one; empty ones (a known
    // runner issue in composite actions) leave the binary's own.
    let docs = |repository: &str, reference: &str| {
        let out = Command::new("/bin/bash")
            .arg(repo().join("scripts/action.sh"))
            .current_dir(repo())
            .env("ROOTLINT_BIN", env!("CARGO_BIN_EXE_rootlint"))
            .env("ROOTLINT_PATHS", "examples/shop/reports")
            .env("ROOTLINT_SARIF", &sarif)
            .env_remove("ROOTLINT_DOCS_URL")
            .env("ROOTLINT_ACTION_REPOSITORY", repository)
            .env("ROOTLINT_ACTION_REF", reference)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let log: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&sarif).unwrap()).unwrap();
        log["runs"][0]["tool"]["driver"]["rules"][0]["helpUri"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(
        docs("acme/rootlint", "v1")
            .starts_with("https://github.com/acme/rootlint/blob/v1/docs/lints.md#")
    );
    assert!(docs("", "").starts_with("file://"));
}

/// action.yml as a YAML parser reads it (Go's yaml.v3, as strict as GitHub's loader on
/// what broke it: a `: ` inside a plain scalar), with the keys GitHub needs.
#[test]
fn action_yml_is_valid_yaml_github_can_load() {
    const GO: &str = r#"package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	for in.Scan() {
		var src string
		if err := json.Unmarshal(in.Bytes(), &src); err != nil {
			fmt.Println("BAD INPUT")
			continue
		}
		var doc map[string]any
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			fmt.Println(json.Marshal(err.Error()))
			continue
		}
		out, err := json.Marshal(doc)
		if err != nil {
			fmt.Println("NOT JSON")
			continue
		}
		fmt.Println(string(out))
	}
}
"#;
    let text = std::fs::read_to_string(repo().join("action.yml")).unwrap();
    // The file as it was once (a plain scalar holding `security-events: write`) must fail, or
    // the check could not catch it.
    let broken = text.replace(
        "description: \"Upload the SARIF log to code scanning (the job needs the permission `security-events: write`).\"",
        "description: Upload the SARIF log to code scanning (needs `security-events: write`).",
    );
    assert_ne!(broken, text);
    let input = [&text, &broken]
        .iter()
        .map(|t| serde_json::to_string(t).unwrap() + "\n")
        .collect::<String>();
    let answers = go_judge::run("action.yml", GO, &input);
    assert_eq!(answers.len(), 2);
    let doc: serde_json::Value = serde_json::from_str(&answers[0])
        .unwrap_or_else(|_| panic!("action.yml does not load: {}", answers[0]));
    assert!(
        !answers[1].starts_with('{'),
        "the old action.yml loads: {}",
        answers[1]
    );
    assert_eq!(doc["runs"]["using"], "composite");
    for input in ["paths", "args", "sarif", "upload-sarif"] {
        assert!(doc["inputs"][input]["description"].is_string(), "{input}");
    }
    let steps = doc["runs"]["steps"].as_array().unwrap();
    let check = steps
        .iter()
        .find(|s| s["name"] == "rootlint check")
        .unwrap();
    assert_eq!(check["run"], "\"$GITHUB_ACTION_PATH/scripts/action.sh\"");
    for var in [
        "ROOTLINT_BIN",
        "ROOTLINT_PATHS",
        "ROOTLINT_ARGS",
        "ROOTLINT_SARIF",
    ] {
        assert!(check["env"][var].is_string(), "{var}");
    }
    // The binary's cache is keyed by a hash of the action's sources, computed in a step (not
    // hashFiles, which sees only the workspace), and saved whether the check passes or not.
    let key = steps.iter().find(|s| s["id"] == "key").unwrap();
    assert!(key["run"].as_str().unwrap().contains("sha256sum"));
    assert!(!text.contains("hashFiles(format("));
    let save = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache/save@"))
        })
        .unwrap();
    assert_eq!(save["with"]["key"], "${{ steps.key.outputs.key }}");
    let position = |name: &str| steps.iter().position(|s| s["name"] == name).unwrap();
    assert!(position("Save the rootlint binary") < position("rootlint check"));
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
        "ROOTLINT_ACTION_REF: ${{ github.action_ref }}",
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
