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
    let bless = std::env::var("BLESS").as_deref() == Ok("1");
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

/// One finding a marker wants, or one found: file, line, level, lint, suppressed.
type Finding = (String, u64, String, String, bool);

/// One grant a marker names, or one granted: file and line of the call site, the caller's
/// hostname, and `host METHOD path` of the endpoint.
type GrantAt = (String, u64, String, String);

/// What a case's markers say.
#[derive(Default)]
struct Markers {
    /// `// want: deny lint, warn lint suppressed`: each finding once per item (a multiset).
    findings: Vec<Finding>,
    /// `// grant: caller -> host METHOD path`: exactly the grants with a call site on the line.
    grants: Vec<GrantAt>,
    /// `// no-grant: caller -> host METHOD path`: a decoy no grant may rest on.
    no_grants: Vec<GrantAt>,
}

const MARKERS: [&str; 3] = ["want: ", "grant: ", "no-grant: "];

/// Parses `level lint [suppressed]`.
fn parse_finding(file: &str, line: u64, item: &str) -> Result<Finding, String> {
    let words: Vec<&str> = item.split_whitespace().collect();
    match words[..] {
        [level @ ("deny" | "warn"), lint] => {
            Ok((file.into(), line, level.into(), lint.into(), false))
        }
        [level @ ("deny" | "warn"), lint, "suppressed"] => {
            Ok((file.into(), line, level.into(), lint.into(), true))
        }
        _ => Err(format!(
            "{file}:{line}: `{item}` is not `deny|warn <lint> [suppressed]`"
        )),
    }
}

/// Parses `caller -> host METHOD path`.
fn parse_grant(file: &str, line: u64, item: &str) -> Result<GrantAt, String> {
    let (caller, endpoint) = item
        .split_once(" -> ")
        .ok_or_else(|| format!("{file}:{line}: `{item}` is not `caller -> host METHOD path`"))?;
    let words: Vec<&str> = endpoint.split_whitespace().collect();
    if words.len() != 3 || caller.trim().contains(char::is_whitespace) {
        return Err(format!(
            "{file}:{line}: `{item}` is not `caller -> host METHOD path`"
        ));
    }
    Ok((file.into(), line, caller.trim().into(), words.join(" ")))
}

/// Reads the markers of one line: each runs to the next marker or the line's end, and holds
/// items separated by commas.
fn parse_line(
    file: &str,
    line_no: u64,
    line: &str,
    comment: &str,
    out: &mut Markers,
) -> Result<(), String> {
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for m in MARKERS {
        let needle = format!("{comment}{m}");
        let mut from = 0;
        while let Some(at) = line[from..].find(&needle) {
            let at = from + at;
            // `// no-grant: ` holds `grant: ` too; the longer marker wins.
            if !(m == "grant: " && line[..at + comment.len()].ends_with(&format!("{comment}no-"))) {
                starts.push((at, m));
            }
            from = at + needle.len();
        }
    }
    starts.sort();
    for (k, &(at, m)) in starts.iter().enumerate() {
        let body_start = at + comment.len() + m.len();
        let body_end = starts.get(k + 1).map_or(line.len(), |(next, _)| *next);
        for item in line[body_start..body_end]
            .split(',')
            .map(str::trim)
            .filter(|i| !i.is_empty())
        {
            match m {
                "want: " => out.findings.push(parse_finding(file, line_no, item)?),
                "grant: " => out.grants.push(parse_grant(file, line_no, item)?),
                _ => out.no_grants.push(parse_grant(file, line_no, item)?),
            }
        }
    }
    Ok(())
}

fn case_markers(case: &Path, tree: &str) -> Result<Markers, String> {
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
    let tree = case.join(tree);
    let mut files = Vec::new();
    walk(&tree, &mut files);
    files.sort();
    let mut markers = Markers::default();
    for file in files {
        let comment = match file.extension().and_then(|e| e.to_str()) {
            Some("go") => "// ",
            Some("yaml") => "# ",
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
            parse_line(&rel, i as u64 + 1, line, comment, &mut markers)?;
        }
    }
    // Lines that cannot carry a marker (a directive, a binary file, a JSON file).
    let sidecar = std::fs::read_to_string(case.join("want.txt")).unwrap_or_default();
    for line in sidecar
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (place, items) = line
            .split_once(": ")
            .ok_or("want.txt: `file:line: markers`")?;
        let (file, line_no) = place.rsplit_once(':').ok_or("want.txt: `file:line`")?;
        let line_no: u64 = line_no.parse().map_err(|_| format!("want.txt: {place}"))?;
        if !MARKERS.iter().any(|m| items.starts_with(m)) {
            return Err(format!("want.txt: `{line}` holds no marker"));
        }
        parse_line(file, line_no, items, "", &mut markers)?;
    }
    Ok(markers)
}

/// Runs the binary on a case and returns its JSON output (after the exit line of `run`).
fn live_json(case: &Path, args: &[&str]) -> serde_json::Value {
    let text = run(args, case);
    serde_json::from_str(&text[text.find('{').expect("a JSON object")..]).unwrap()
}

fn found_findings(case: &Path, tree: &str) -> Vec<Finding> {
    let mut args = vec!["check", tree, "--format", "json"];
    if case.join("baseline.json").exists() {
        args.extend(["--baseline", "baseline.json"]);
    }
    let doc = live_json(case, &args);
    let mut found: Vec<Finding> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["level"].as_str().unwrap().to_string(),
                d["lint"].as_str().unwrap().to_string(),
                d.get("suppressed").is_some(),
            )
        })
        .collect();
    found.sort();
    found
}

fn found_grants(case: &Path, tree: &str) -> Vec<GrantAt> {
    let doc = live_json(case, &["grants", tree]);
    let mut found = Vec::new();
    for service in doc["services"].as_array().into_iter().flatten() {
        let caller = service["hostname"].as_str().unwrap();
        for grant in service["pub"].as_array().into_iter().flatten() {
            let endpoint = format!(
                "{} {} {}",
                grant["host"].as_str().unwrap(),
                grant["method"].as_str().unwrap(),
                grant["path"].as_str().unwrap()
            );
            for site in grant["callSites"].as_array().into_iter().flatten() {
                found.push((
                    site["file"].as_str().unwrap().to_string(),
                    site["line"].as_u64().unwrap(),
                    caller.to_string(),
                    endpoint.clone(),
                ));
            }
        }
    }
    // A marker names a line: two calls on one line are one grant marker.
    found.sort();
    found.dedup();
    found
}

/// Every finding of a case is one its author expected, as often as expected, at the level and
/// with the suppression expected: `// want: deny lint` at the end of the finding's line
/// (`# want:` in YAML; a comma list for several; `suppressed` after a suppressed one), as Go's
/// analysistest reads them, or a line `file:line: items` of `want.txt` for lines that cannot
/// carry one. Every grant is one a `// grant: caller -> host METHOD path` marker on the call
/// line names, and none rests on a `// no-grant:` decoy. Both are read from the binary's live
/// output: blessing records what the code does, the markers say what it should do, so a wrong
/// blessed snapshot fails here.
#[test]
fn findings_and_grants_are_the_ones_the_markers_want() {
    let mut failures = Vec::new();
    let mut counted = (0, 0, 0);
    // Every ui-test tree, and the example deployment.
    let mut trees: Vec<(PathBuf, &str)> = cases().into_iter().map(|c| (c, "tree")).collect();
    trees.push((
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples"),
        "shop",
    ));
    for (case, tree) in trees {
        let markers = match case_markers(&case, tree) {
            Ok(m) => m,
            Err(e) => {
                failures.push(format!("{}: {e}", case.display()));
                continue;
            }
        };
        let mut wanted = markers.findings.clone();
        wanted.sort();
        let found = found_findings(&case, tree);
        if wanted != found {
            failures.push(format!(
                "{}: findings differ (multisets)\n  wanted: {wanted:?}\n  found:  {found:?}",
                case.display()
            ));
        }
        let mut wanted_grants = markers.grants.clone();
        wanted_grants.sort();
        let granted = found_grants(&case, tree);
        if wanted_grants != granted {
            let missing: Vec<_> = wanted_grants
                .iter()
                .filter(|g| !granted.contains(g))
                .collect();
            let unexpected: Vec<_> = granted
                .iter()
                .filter(|g| !wanted_grants.contains(g))
                .collect();
            failures.push(format!(
                "{}: grants differ: marked but not granted {missing:?}; granted but not marked {unexpected:?}",
                case.display()
            ));
        }
        for decoy in &markers.no_grants {
            if granted.contains(decoy) {
                failures.push(format!("{}: granted on a decoy {decoy:?}", case.display()));
            }
        }
        counted.0 += wanted.len();
        counted.1 += wanted_grants.len();
        counted.2 += markers.no_grants.len();
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The markers are there to be checked (a parse that read none would pass everything).
    assert!(
        counted.0 > 100 && counted.1 > 50 && counted.2 > 5,
        "{counted:?}"
    );
}

/// The marker parser itself: levels, suppression, several markers on one line, and what it
/// refuses.
#[test]
fn markers_parse_as_written() {
    let mut m = Markers::default();
    parse_line(
        "a.go",
        3,
        r#"x.Do() // want: deny lint_a, warn lint_b suppressed // grant: a.app -> shell.core POST /execute // no-grant: b.app -> shell.core POST /execute"#,
        "// ",
        &mut m,
    )
    .unwrap();
    assert_eq!(
        m.findings,
        [
            ("a.go".into(), 3, "deny".into(), "lint_a".into(), false),
            ("a.go".into(), 3, "warn".into(), "lint_b".into(), true)
        ]
    );
    assert_eq!(
        m.grants,
        [(
            "a.go".into(),
            3,
            "a.app".into(),
            "shell.core POST /execute".into()
        )]
    );
    assert_eq!(
        m.no_grants,
        [(
            "a.go".into(),
            3,
            "b.app".into(),
            "shell.core POST /execute".into()
        )]
    );
    for bad in [
        "// want: lint_a",
        "// want: error lint_a",
        "// want: deny lint_a maybe",
        "// grant: shell.core POST /execute",
        "// grant: a.app -> shell.core /execute",
    ] {
        assert!(
            parse_line("a.go", 1, bad, "// ", &mut Markers::default()).is_err(),
            "{bad}"
        );
    }
}
