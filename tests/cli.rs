//! Integration tests that drive the real `rootlint` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn rootlint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rootlint"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("run rootlint")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn repo(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// Compares with `tests/expected/<name>`, or writes it under `BLESS=1`.
fn expect_file(name: &str, actual: &str) {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(name);
    if std::env::var("BLESS").as_deref() == Ok("1") {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        expected,
        actual,
        "{} differs; run with BLESS=1 to accept",
        path.display()
    );
}

#[test]
fn example_deployment_gives_the_expected_grants_and_diagnostics() {
    let example = repo("examples/shop");
    let grants = rootlint(&["grants", &example]);
    // The example deliberately holds a dynamic :666 host, so the grants are incomplete.
    assert_eq!(grants.status.code(), Some(1));
    expect_file("shop.grants.json", &stdout(&grants));
    let check = rootlint(&["check", &example, "--format", "json"]);
    assert_eq!(check.status.code(), Some(1));
    expect_file("shop.check.json", &stdout(&check));
    let human = rootlint(&["check", &example]);
    expect_file("shop.check.txt", &stdout(&human));
    // The committed baseline is one review behind: billing's new revoke call is unreviewed, and
    // reports' grant disappeared when its URL went wrong.
    let baseline = format!("{example}/trust-root-baseline.json");
    let gated = rootlint(&[
        "check",
        &example,
        "--baseline",
        &baseline,
        "--format",
        "json",
    ]);
    expect_file("shop.baseline.json", &stdout(&gated));
    let audit = rootlint(&["audit", &example]);
    expect_file("shop.audit.txt", &stdout(&audit));
}

/// Every command-line format has its own snapshot of the example deployment (the language
/// server's has one in `src/render/lsp.rs`). Addresses that name the checkout are replaced by
/// `$REPO`, so that the snapshots hold on any machine.
#[test]
fn every_format_has_a_snapshot() {
    let repo_dir = repo("");
    let repo_dir = repo_dir.trim_end_matches('/');
    for (format, name) in [
        ("concise", "shop.check.concise.txt"),
        ("github", "shop.check.github.txt"),
        ("sarif", "shop.check.sarif"),
    ] {
        let out = rootlint(&["check", &repo("examples/shop"), "--format", format]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        expect_file(name, &stdout(&out).replace(repo_dir, "$REPO"));
    }
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let example = repo("examples/shop");
    for args in [
        vec!["grants"],
        vec!["check", "--format", "json"],
        vec!["check"],
    ] {
        let mut outputs = Vec::new();
        for threads in ["1", "2", "4"] {
            let mut a = args.clone();
            a.extend(["-j", threads, example.as_str()]);
            outputs.push(rootlint(&a).stdout);
        }
        assert!(
            outputs.windows(2).all(|w| w[0] == w[1]),
            "{args:?} output depends on the thread count"
        );
    }
}

#[test]
fn plane_is_substituted() {
    let out = stdout(&rootlint(&[
        "grants",
        "--plane",
        "prod",
        &repo("examples/shop"),
    ]));
    assert!(out.contains("\"prod.danger.666.login_shop.bearer_token_core.*.POST.mint\""));
    assert!(!out.contains("{{plane}}"));
}

#[test]
fn a_plane_that_is_not_one_token_is_refused_in_every_format() {
    for plane in [
        "x\",\"complete\":false,\"y\":\"",
        "*",
        ">",
        "",
        "a b",
        "a.b",
    ] {
        for format in ["json", "nats-config"] {
            let out = rootlint(&[
                "grants",
                "--format",
                format,
                "--plane",
                plane,
                &repo("examples/shop"),
            ]);
            assert_eq!(out.status.code(), Some(2), "{plane:?} {format}");
            assert!(out.stdout.is_empty(), "{plane:?} {format}");
        }
    }
}

#[test]
fn nats_config_refuses_a_hostname_that_is_not_a_token() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("go.mod"), "module x\n").unwrap();
    for (i, host) in ["\"*\"", "\">\"", "\"a b\""].iter().enumerate() {
        let svc = dir.path().join(format!("s{i}"));
        std::fs::create_dir_all(&svc).unwrap();
        std::fs::write(
            svc.join("manifest.yaml"),
            format!("general:\n  hostname: {host}\n"),
        )
        .unwrap();
    }
    let out = rootlint(&[
        "grants",
        "--format",
        "nats-config",
        &dir.path().to_string_lossy(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing to write nats-config"));
}

#[test]
fn grants_can_be_written_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("grants.json");
    let out = rootlint(&[
        "grants",
        &repo("ui-tests/grants/typed_and_raw_shapes/tree"),
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(json["schema"], "rootlint.grants/v1");
    assert_eq!(json["complete"], true);
}

#[test]
fn bad_input_is_reported_and_the_rest_is_still_analyzed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let write = |rel: &str, bytes: &[u8]| {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    };
    write("go.mod", b"module example.com/app\n");
    write("svc/manifest.yaml", b"general:\n  hostname: svc.app\n");
    write(
        "svc/service.go",
        b"package svc\nimport \"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi\"\nfunc (s *S) F() { accesstokenapi.NewClient(s).Mint(nil, nil) }\n",
    );
    write("svc/binary.go", b"\x00\x01\x02");
    write("svc/latin1.go", b"package svc // caf\xe9\n");
    write("bad/manifest.yaml", b"general: [\n");
    // A file that cannot be read: a dangling link (root reads any file, so chmod is not enough).
    std::os::unix::fs::symlink(root.join("missing.go"), root.join("svc/gone.go")).unwrap();
    let out = rootlint(&["check", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "fails closed");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let incomplete: Vec<String> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["lint"] == "analysis_incomplete")
        .map(|d| d["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        incomplete,
        [
            "bad/manifest.yaml",
            "svc/binary.go",
            "svc/gone.go",
            "svc/latin1.go"
        ]
    );
    assert_eq!(json["summary"]["filesFailed"], 4);
    let grants = rootlint(&["grants", root.to_str().unwrap()]);
    assert_eq!(grants.status.code(), Some(1));
    let g: serde_json::Value = serde_json::from_slice(&grants.stdout).unwrap();
    assert_eq!(g["complete"], false);
    // The readable file was still analyzed.
    assert_eq!(
        g["services"][0]["pub"][0]["subject"],
        "{{plane}}.danger.666.svc_app.access_token_core.*.POST.mint"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(
        rootlint(&["check", "/definitely/not/here"]).status.code(),
        Some(2)
    );
    assert_eq!(
        rootlint(&["check", ".", "-D", "no_such_lint"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        rootlint(&["explain", "no_such_lint"]).status.code(),
        Some(2)
    );
    assert_eq!(rootlint(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn levels_from_the_command_line() {
    let tree = repo("ui-tests/missing_required_claims/fires/tree");
    assert_eq!(
        rootlint(&["check", &tree]).status.code(),
        Some(0),
        "warn by default"
    );
    assert_eq!(
        rootlint(&["check", &tree, "-D", "warnings"]).status.code(),
        Some(1)
    );
    assert_eq!(
        rootlint(&["check", &tree, "-D", "missing_required_claims"])
            .status
            .code(),
        Some(1)
    );
    let allowed = rootlint(&[
        "check",
        &tree,
        "-A",
        "missing_required_claims",
        "--format",
        "json",
    ]);
    assert!(!stdout(&allowed).contains("missing_required_claims"));
}

#[test]
fn lint_names_with_dashes_groups_lists_and_near_misses() {
    let tree = repo("ui-tests/missing_required_claims/fires/tree");
    let code = |args: &[&str]| {
        let mut all = vec!["check", tree.as_str()];
        all.extend(args);
        rootlint(&all).status.code()
    };
    assert_eq!(code(&["-D", "missing-required-claims"]), Some(1));
    assert_eq!(code(&["-D", "suspicious"]), Some(1));
    assert_eq!(
        code(&["-D", "suspicious", "-W", "missing_required_claims"]),
        Some(0),
        "a lint's own level wins over its category's"
    );
    assert_eq!(
        code(&["-D", "correctness,missing_required_claims"]),
        Some(1)
    );
    let near = rootlint(&["check", &tree, "-A", "missing_required_claim"]);
    assert_eq!(near.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&near.stderr),
        "error: unknown lint `missing_required_claim`; did you mean `missing_required_claims`?\n"
    );
    let explain = rootlint(&["explain", "missing-required-claims"]);
    assert!(stdout(&explain).starts_with("# missing_required_claims "));

    // `-A warnings` leaves the errors.
    let shop = repo("examples/shop");
    let quiet = rootlint(&["check", &shop, "-A", "warnings", "--format", "json"]);
    assert_eq!(quiet.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&quiet.stdout).unwrap();
    assert_eq!(json["summary"]["warn"], 0);
    assert!(json["summary"]["deny"].as_u64().unwrap() > 0);
}

#[test]
fn explain_and_lints_come_from_the_declarations() {
    let explain = stdout(&rootlint(&["explain", "missing_required_claims"]));
    assert!(explain.contains("### What it does"));
    assert!(explain.contains("### Why is this bad?"));
    assert!(explain.contains("### Example"));
    assert!(explain.contains("Use instead"));
    let table = stdout(&rootlint(&["lints"]));
    for lint in rootlint_lints::all() {
        assert!(table.contains(&format!("`{}`", lint.name)));
        let doc = lint.documentation();
        for heading in [
            "### What it does",
            "### Why is this bad?",
            "### Example",
            "Use instead",
        ] {
            assert!(doc.contains(heading), "{} lacks {heading}", lint.name);
        }
    }
}

/// `docs/lints.md` is generated from the lint declarations (as clippy's and ruff's sites are).
#[test]
fn lint_docs_are_generated_from_the_declarations() {
    let mut doc = String::from(
        "# rootlint lints\n\nGenerated from the lint declarations; `cargo xtask update-lints` rewrites it.\n",
    );
    for lint in rootlint_lints::all() {
        doc.push_str(&format!(
            "\n<a id=\"{0}\"></a>\n## `{0}`\n\nDefault level: **{1}** (category {2}). {3}.\n\n{4}",
            lint.name,
            lint.default_level().as_str(),
            lint.category.as_str(),
            lint.summary,
            lint.documentation().replace("### ", "#### ")
        ));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/lints.md");
    if std::env::var("BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &doc).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(&path).unwrap_or_default(),
        doc,
        "docs/lints.md is stale; run with BLESS=1"
    );
}

/// README's lint table is the `rootlint lints` output, so README never lists a stale set.
#[test]
fn readme_lint_table_is_current() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let table = stdout(&rootlint(&["lints"]));
    assert!(
        readme.contains(table.trim_end()),
        "README's lint table differs from `rootlint lints`:\n{table}"
    );
}

/// `cd billing && rootlint check` finds the project (its `go.mod` and `rootlint.toml` above) and
/// gives the whole tree's findings under `billing/`, and the whole tree's grants; several paths
/// give the findings under each.
#[test]
fn a_subfolder_gives_the_whole_trees_answers_under_it() {
    let shop = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop");
    let run = |cwd: &Path, args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
            .args(args)
            .current_dir(cwd)
            .output()
            .expect("run rootlint");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let json = |cwd: &Path, args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend(args);
        let (code, out) = run(cwd, &all);
        let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
        (code, doc["diagnostics"].as_array().unwrap().clone())
    };
    let (code, whole) = json(&shop, &[]);
    assert_eq!(code, Some(1), "the example has deny findings");
    assert!(!whole.is_empty());
    let under = |dirs: &[&str]| -> Vec<serde_json::Value> {
        whole
            .iter()
            .filter(|d| {
                let file = d["file"].as_str().unwrap();
                dirs.iter().any(|dir| file.starts_with(&format!("{dir}/")))
            })
            .cloned()
            .collect()
    };
    let mut non_empty = 0;
    for entry in std::fs::read_dir(&shop).unwrap() {
        let entry = entry.unwrap();
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let name = entry.file_name().into_string().unwrap();
        let expected = under(&[&name]);
        non_empty += usize::from(!expected.is_empty());
        let (code, got) = json(&entry.path(), &[]);
        assert_eq!(got, expected, "from {name}/");
        let denied = expected
            .iter()
            .any(|d| d["level"] == "deny" && d["suppressed"].is_null());
        assert_eq!(code, Some(i32::from(denied)), "exit code from {name}/");
        let (code, named) = json(&shop, &[&name]);
        assert_eq!(named, expected, "`check {name}`");
        assert_eq!(code, Some(i32::from(denied)), "exit code of `check {name}`");
    }
    assert!(
        non_empty >= 4,
        "the example has findings in several folders"
    );
    let (code, two) = json(&shop, &["billing", "roles"]);
    assert_eq!(two, under(&["billing", "roles"]));
    assert_eq!(code, Some(1), "roles/ has a deny finding");
    // The grants are the project's, wherever rootlint runs.
    // (Incomplete: a dynamic host in federation/, so exit 1, from anywhere.)
    let (code, grants) = run(&shop, &["grants"]);
    assert_eq!(code, Some(1));
    assert!(grants.contains("\"complete\": false"), "{grants}");
    let (code, from_billing) = run(&shop.join("billing"), &["grants"]);
    assert_eq!(code, Some(1));
    assert_eq!(grants, from_billing);
}

#[test]
fn concise_output_one_line_per_finding() {
    let out = rootlint(&["check", &repo("examples/shop"), "--format", "concise"]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let (findings, summary) = lines.split_at(lines.len() - 1);
    assert_eq!(findings.len(), 13, "5 errors and 8 warnings: {text}");
    for line in findings {
        let mut parts = line.splitn(4, ':');
        let (file, line_no, col, rest) = (
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
            parts.next().unwrap(),
        );
        assert!(file.ends_with(".go") || file.ends_with(".yaml"), "{line}");
        assert!(
            line_no.parse::<u32>().is_ok() && col.parse::<u32>().is_ok(),
            "{line}"
        );
        assert!(
            rest.starts_with(" error[") || rest.starts_with(" warning["),
            "{line}"
        );
    }
    assert!(
        text.contains("federation/service.go:20:9: error[dynamic_trust_root_host] `accesstokenapi.Mint` is on :666 but its destination host is not static: host comes from the result of `strings.TrimPrefix(…)`\n")
    );
    assert!(summary[0].starts_with("rootlint: 5 errors, 8 warnings;"));
}

#[test]
fn lints_as_json_colors_and_output_files() {
    let lints: serde_json::Value =
        serde_json::from_slice(&rootlint(&["lints", "--format", "json"]).stdout).unwrap();
    let lints = lints.as_array().unwrap();
    assert_eq!(lints.len(), rootlint_lints::all().len());
    assert_eq!(lints[0]["name"], rootlint_lints::all()[0].name);
    for key in ["category", "defaultLevel", "summary", "docs"] {
        assert!(lints[0][key].is_string(), "{key}");
    }

    let shop = repo("examples/shop");
    let always = stdout(&rootlint(&["check", &shop, "--color", "always"]));
    assert!(always.contains("\u{1b}["));
    let never = stdout(&rootlint(&["check", &shop, "--color", "never"]));
    assert!(!never.contains('\u{1b}'));

    let dir = tempfile::tempdir().unwrap();
    for args in [
        vec!["check", shop.as_str(), "--format", "sarif"],
        vec!["audit", shop.as_str()],
        vec!["grants", shop.as_str()],
        vec!["explain", "gencreds_blind_spot"],
        vec!["lints"],
    ] {
        let file = dir.path().join(format!("{}.out", args[0]));
        let mut all = args.clone();
        all.extend(["-o", file.to_str().unwrap()]);
        let out = rootlint(&all);
        assert!(out.stdout.is_empty(), "{args:?} wrote to stdout");
        let written = std::fs::read_to_string(&file).unwrap();
        assert!(!written.is_empty(), "{args:?}");
        // The same bytes as on standard output.
        assert_eq!(written, stdout(&rootlint(&args)), "{args:?}");
    }
    // SARIF messages do not repeat their label.
    let sarif = std::fs::read_to_string(dir.path().join("check.out")).unwrap();
    assert!(sarif.contains("`&` must be doubled: `&&`\""));
    assert!(!sarif.contains("`&` must be doubled: `&&`: `&` must be doubled"));
}

/// The README's two adoption lines run under `set -e` on a tree whose grants are incomplete:
/// the baseline is written and the findings are listed.
#[test]
fn the_readme_adoption_lines_work_under_set_e() {
    let readme = std::fs::read_to_string(repo("README.md")).unwrap();
    let lines = readme
        .split("### Adopting rootlint on an existing tree")
        .nth(1)
        .and_then(|s| s.split("```sh\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("the adoption lines");
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_rootlint"), bin.path().join("rootlint"))
        .unwrap();
    let tree = tempfile::tempdir().unwrap();
    let copy = Command::new("cp")
        .args([
            "-r",
            &format!("{}/.", repo("examples/shop")),
            tree.path().to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(copy.success());
    let _ = std::fs::remove_file(tree.path().join("trust-root-baseline.json"));
    let incomplete = rootlint(&["grants", tree.path().to_str().unwrap()]);
    assert_eq!(
        incomplete.status.code(),
        Some(1),
        "the example's grants are incomplete"
    );
    let out = Command::new("/bin/bash")
        .args(["-euc", lines])
        .current_dir(tree.path())
        .env(
            "PATH",
            format!(
                "{}:{}",
                bin.path().display(),
                std::env::var("PATH").unwrap()
            ),
        )
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let baseline = std::fs::read_to_string(tree.path().join("trust-root-baseline.json")).unwrap();
    assert!(baseline.contains("\"caller\""));
    let findings = std::fs::read_to_string(tree.path().join("rootlint-findings.txt")).unwrap();
    assert!(
        findings.contains("error[dynamic_trust_root_host]"),
        "{findings}"
    );
}

/// `grants` and `audit` cover the whole project whatever PATHS say, and their help says so;
/// `check` reports on PATHS.
#[test]
fn help_says_what_paths_select() {
    let help = |cmd: &str| {
        let out = rootlint(&[cmd, "--help"]);
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for cmd in ["grants", "audit"] {
        let text = help(cmd);
        assert!(text.contains("covers the whole project"), "{cmd}: {text}");
        assert!(
            !text.contains("reports the findings in them"),
            "{cmd}: {text}"
        );
    }
    assert!(help("check").contains("reports the findings in them"));
}
