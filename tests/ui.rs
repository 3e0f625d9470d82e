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

/// Checks one grant file's evidence: every step after the entry point names how it was
/// resolved, and a method step names the static type it was selected on, whose method it is.
/// An edge found by a method's name alone cannot pass: it has no receiver type to name.
fn type_resolved_evidence(grants: &serde_json::Value) -> Result<usize, String> {
    let mut steps = 0;
    for service in grants["services"].as_array().into_iter().flatten() {
        for grant in service["pub"].as_array().into_iter().flatten() {
            for site in grant["callSites"].as_array().into_iter().flatten() {
                let via = site["via"].as_array().ok_or("a call site without `via`")?;
                for (i, step) in via.iter().enumerate() {
                    steps += 1;
                    let edge = step["edge"].as_str().ok_or("a step without `edge`")?;
                    let function = step["function"].as_str().unwrap_or_default();
                    let receiver = step["receiver"].as_str();
                    let ok = match (i, edge) {
                        (0, "entry") => true,
                        (0, _) | (_, "entry") => false,
                        (_, "call" | "methodValue" | "functionValue") => true,
                        // The method is declared on the receiver's own type.
                        (_, "method") => receiver.is_some_and(|r| {
                            function.strip_prefix(r).is_some_and(|rest| {
                                rest.starts_with('.') && !rest[1..].contains('.')
                            })
                        }),
                        // Promoted from an embedded type: declared elsewhere than the receiver.
                        (_, "promotedMethod") => {
                            receiver.is_some_and(|r| !function.starts_with(&format!("{r}.")))
                        }
                        (_, "interfaceDispatch") => receiver.is_some(),
                        _ => false,
                    };
                    if !ok {
                        return Err(format!(
                            "{} → step {i} `{function}` reached by `{edge}` (receiver {receiver:?}) is not resolved through types",
                            grant["subject"]
                        ));
                    }
                }
            }
        }
    }
    Ok(steps)
}

/// No grant in the ui-tests or the example deployment rests on an edge found by name alone.
#[test]
fn every_grant_edge_is_resolved_through_types() {
    let mut files: Vec<PathBuf> = cases().iter().map(|c| c.join("grants.json")).collect();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected/shop.grants.json"));
    let mut steps = 0;
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        // The ui-test files start with the exit code and any stderr.
        let json = &text[text.find('{').expect("a JSON object")..];
        let grants: serde_json::Value = serde_json::from_str(json).unwrap();
        steps +=
            type_resolved_evidence(&grants).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    assert!(steps > 20, "the check saw only {steps} steps");
    // The check itself rejects what the old fallback produced: a method reached by name, with
    // no receiver type (and a method attributed to a type it is not declared on).
    let by_name = serde_json::json!({"services": [{"pub": [{"subject": "s", "callSites": [{"via": [
        {"function": "m/a.Service.Serve", "edge": "entry"},
        {"function": "m/ops.Service.Unlock", "edge": "interfaceDispatch"}
    ]}]}]}]});
    assert!(type_resolved_evidence(&by_name).is_err());
    let wrong_type = serde_json::json!({"services": [{"pub": [{"subject": "s", "callSites": [{"via": [
        {"function": "m/a.Service.Serve", "edge": "entry"},
        {"function": "m/ops.Service.Unlock", "edge": "method", "receiver": "sync.Mutex"}
    ]}]}]}]});
    assert!(type_resolved_evidence(&wrong_type).is_err());
}

/// `cargo xtask new-lint` leaves a `TODO.md` in each tree it scaffolds: a placeholder is not a
/// test, and blessing it would record nothing.
#[test]
fn no_placeholder_trees() {
    let placeholders: Vec<PathBuf> = cases()
        .into_iter()
        .filter(|c| c.join("tree/TODO.md").exists())
        .collect();
    assert!(
        placeholders.is_empty(),
        "fill in the scaffolded ui-tests: {placeholders:?}"
    );
}

/// Every finding of a case is one its author expected: a `// want: lint` marker at the end of the
/// finding's line (`# want: lint` in YAML; a comma list for several), as Go's analysistest reads
/// them, or a line `file:line: lint` of `want.txt` for lines that cannot carry one (a directive,
/// a binary file, a JSON file). Blessing records what the code does; the markers say what it
/// should do, so a wrong blessed output fails here.
#[test]
fn findings_are_the_ones_the_markers_want() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut failures = Vec::new();
    for case in cases() {
        let tree = case.join("tree");
        let mut files = Vec::new();
        walk(&tree, &mut files);
        let mut wanted: Vec<(String, u64, String)> = Vec::new();
        for file in files {
            let marker = match file.extension().and_then(|e| e.to_str()) {
                Some("go") => "// want: ",
                Some("yaml") => "# want: ",
                _ => continue,
            };
            let Ok(text) = String::from_utf8(std::fs::read(&file).unwrap()) else {
                continue;
            };
            let rel = file
                .strip_prefix(&tree)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            for (i, line) in text.lines().enumerate() {
                if let Some((_, lints)) = line.split_once(marker) {
                    for lint in lints.split(',') {
                        wanted.push((rel.clone(), i as u64 + 1, lint.trim().to_string()));
                    }
                }
            }
        }
        let sidecar = std::fs::read_to_string(case.join("want.txt")).unwrap_or_default();
        for line in sidecar
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
        {
            let (place, lints) = line.split_once(": ").expect("file:line: lints");
            let (file, line_no) = place.rsplit_once(':').expect("file:line");
            for lint in lints.split(',') {
                wanted.push((
                    file.to_string(),
                    line_no.parse().unwrap(),
                    lint.trim().to_string(),
                ));
            }
        }
        let json = std::fs::read_to_string(case.join("check.json")).unwrap();
        let doc: serde_json::Value =
            serde_json::from_str(&json[json.find('{').expect("a JSON object")..]).unwrap();
        let mut found: Vec<(String, u64, String)> = doc["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["file"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["lint"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        wanted.sort();
        wanted.dedup();
        found.sort();
        found.dedup();
        if wanted != found {
            let missing: Vec<_> = wanted.iter().filter(|w| !found.contains(w)).collect();
            let unexpected: Vec<_> = found.iter().filter(|f| !wanted.contains(f)).collect();
            failures.push(format!(
                "{}: wanted but not found {missing:?}; found but not wanted {unexpected:?}",
                case.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
