//! UI tests: each `ui-tests/<lint>/<case>/tree` is analyzed by the real binary, and its human
//! output, JSON diagnostics and grant JSON are compared with the files beside it.
//! `BLESS=1 cargo test --test ui` rewrites the expected files; review the diff before committing.

use std::path::{Path, PathBuf};
use std::process::Command;

fn ui_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui-tests")
}

fn cases() -> Vec<PathBuf> {
    let mut out = Vec::new();
    for group in std::fs::read_dir(ui_root()).expect("ui-tests folder") {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&group).unwrap() {
            let case = case.unwrap().path();
            if case.join("tree").is_dir() {
                out.push(case);
            }
        }
    }
    out.sort();
    out
}

fn run(args: &[&str], dir: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rootlint");
    let stderr = String::from_utf8_lossy(&out.stderr);
    format!(
        "exit: {}\n{}{}",
        out.status.code().unwrap_or(-1),
        if stderr.is_empty() {
            String::new()
        } else {
            format!("stderr: {stderr}")
        },
        String::from_utf8_lossy(&out.stdout)
    )
}

#[test]
fn ui_cases_match_expected_output() {
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in cases() {
        // A case may carry a reviewed baseline next to its tree.
        let baseline: &[&str] = if case.join("baseline.json").exists() {
            &["--baseline", "baseline.json"]
        } else {
            &[]
        };
        let check = |extra: &[&str]| {
            let mut args = vec!["check", "tree"];
            args.extend_from_slice(extra);
            args.extend_from_slice(baseline);
            run(&args, &case)
        };
        let outputs = [
            ("check.txt", check(&[])),
            ("check.json", check(&["--format", "json"])),
            ("grants.json", run(&["grants", "tree"], &case)),
        ];
        for (name, actual) in outputs {
            let path = case.join(name);
            if bless {
                std::fs::write(&path, &actual).unwrap();
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                failures.push(format!(
                    "{}: output differs (run with BLESS=1 to accept)\n--- expected\n{expected}\n+++ actual\n{actual}",
                    path.display()
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// clippy's missing-test-files rule: every lint has a case that triggers it and one that shows
/// it silent, in its own folder.
#[test]
fn every_lint_has_a_firing_and_a_silent_case() {
    let mut missing = Vec::new();
    for lint in rootlint_lints::all() {
        let dir = ui_root().join(lint.name);
        let mut fires = false;
        let mut silent = false;
        for case in cases().iter().filter(|c| c.starts_with(&dir)) {
            let json = std::fs::read_to_string(case.join("check.json")).unwrap_or_default();
            if json.contains(&format!("\"lint\": \"{}\"", lint.name)) {
                fires = true;
            } else {
                silent = true;
            }
        }
        if !fires || !silent {
            missing.push(format!("{} (fires: {fires}, silent: {silent})", lint.name));
        }
    }
    assert!(
        missing.is_empty(),
        "lints without ui-tests: {}",
        missing.join(", ")
    );
}
