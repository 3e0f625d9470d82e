//! The CI-gate formats, driven through the real binary: SARIF and GitHub annotations.

use std::path::Path;
use std::process::Command;

fn rootlint(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
        .args(args)
        .output()
        .expect("run rootlint");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn tree_with(service_go: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write("go.mod", "module example.com/app\n");
    write("caller/manifest.yaml", "general:\n  hostname: caller.app\n");
    write("caller/service.go", service_go);
    dir
}

const SERVICE: &str = "package caller\n\nimport \"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi\"\n\nfunc (s *S) A(iss string) {\n\taccesstokenapi.NewClient(s).ForHost(iss).Mint(nil, nil)\n}\n\nfunc (s *S) B(iss string) {\n\t//rootlint:ignore dynamic_trust_root_host regional issuers only\n\taccesstokenapi.NewClient(s).ForHost(iss).Mint(nil, nil)\n}\n";

fn sarif(dir: &Path) -> serde_json::Value {
    let (code, out) = rootlint(&["check", "--format", "sarif", dir.to_str().unwrap()]);
    assert_eq!(code, Some(1));
    serde_json::from_str(&out).unwrap()
}

#[test]
fn sarif_has_rules_results_and_suppressions() {
    let dir = tree_with(SERVICE);
    let log = sarif(dir.path());
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), rootlint_lints::all().len());
    for rule in rules {
        for key in [
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "helpUri",
            "defaultConfiguration",
        ] {
            assert!(!rule[key].is_null(), "rule lacks {key}: {rule}");
        }
        assert!(rule["properties"]["security-severity"].is_string());
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let open = &results[0];
    assert_eq!(open["ruleId"], "dynamic_trust_root_host");
    assert_eq!(open["level"], "error");
    assert_eq!(
        rules[open["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "dynamic_trust_root_host"
    );
    let loc = &open["locations"][0]["physicalLocation"];
    assert_eq!(loc["artifactLocation"]["uri"], "caller/service.go");
    assert_eq!(loc["region"]["startLine"], 6);
    assert_eq!(results[1]["suppressions"][0]["kind"], "inSource");
    assert_eq!(
        results[1]["suppressions"][0]["justification"],
        "regional issuers only"
    );
}

/// The SARIF 2.1.0 schema, vendored from the MIT-licensed npm package
/// `@microsoft/sarif-matcher-utils` (lib/schemas/sarif-2.1.0-rtm.5.json).
#[test]
fn sarif_validates_against_the_sarif_2_1_0_schema() {
    let schema_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/sarif/sarif-2.1.0-rtm.5.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("sarif.json", schema).unwrap();
    let index = compiler.compile("sarif.json", &mut schemas).unwrap();
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop");
    let (_, out) = rootlint(&["check", "--format", "sarif", example.to_str().unwrap()]);
    let with_suppressions = sarif(tree_with(SERVICE).path());
    for log in [
        serde_json::from_str::<serde_json::Value>(&out).unwrap(),
        with_suppressions,
    ] {
        assert!(!log["runs"][0]["results"].as_array().unwrap().is_empty());
        if let Err(e) = schemas.validate(&log, index) {
            panic!("SARIF does not validate: {e:#}");
        }
        // The schema does catch a malformed log.
        let mut broken = log.clone();
        broken["runs"][0]["results"][0]["level"] = "fatal".into();
        assert!(schemas.validate(&broken, index).is_err());
    }
}

#[test]
fn sarif_fingerprints_survive_inserted_lines() {
    let before = sarif(tree_with(SERVICE).path());
    let shifted = SERVICE.replacen(
        "func (s *S) A",
        "// A new comment.\n\nfunc helper() {}\n\nfunc (s *S) A",
        1,
    );
    let after = sarif(tree_with(&shifted).path());
    let prints = |log: &serde_json::Value| -> Vec<(String, u64)> {
        log["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["partialFingerprints"]["primaryLocationLineHash"]
                        .as_str()
                        .unwrap()
                        .to_string(),
                    r["locations"][0]["physicalLocation"]["region"]["startLine"]
                        .as_u64()
                        .unwrap(),
                )
            })
            .collect()
    };
    let (b, a) = (prints(&before), prints(&after));
    assert_ne!(b[0].1, a[0].1, "the finding moved");
    assert_eq!(
        b.iter().map(|p| &p.0).collect::<Vec<_>>(),
        a.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    // Two identical lines get distinct fingerprints.
    assert_ne!(b[0].0, b[1].0);
}

#[test]
fn github_annotations() {
    let dir = tree_with(SERVICE);
    let (code, out) = rootlint(&["check", "--format", "github", dir.path().to_str().unwrap()]);
    assert_eq!(code, Some(1));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "suppressed findings are not annotated: {out}"
    );
    assert!(
        lines[0].starts_with("::error file=caller/service.go,line=6,col=2,endLine=6,endColumn=")
    );
    assert!(
        lines[0].contains(
            ",title=rootlint (dynamic_trust_root_host)::`accesstokenapi.Mint` is on :666"
        )
    );
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

#[test]
fn baseline_flow_gates_new_capabilities() {
    let dir = tree_with(
        "package caller\n\nimport \"github.com/microbus-io/fabric/coreservices/accesstoken/accesstokenapi\"\n\nfunc (s *S) A() {\n\taccesstokenapi.NewClient(s).Mint(nil, nil)\n}\n",
    );
    let root = dir.path().to_str().unwrap();
    let base = dir.path().join("trust-root-baseline.json");
    let base = base.to_str().unwrap();
    let (code, _) = rootlint(&["audit", root, "--write-baseline", base]);
    assert_eq!(code, Some(0));
    let (code, text) = rootlint(&["audit", root]);
    assert_eq!(code, Some(0));
    assert_eq!(
        text.lines()
            .nth(1)
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>(),
        ["caller.app", "access.token.core", "POST", "/mint"]
    );
    assert_eq!(
        rootlint(&["check", root, "--baseline", base]).0,
        Some(0),
        "the reviewed surface passes"
    );

    // A new :666 call lands without a baseline change: the gate fails.
    write(
        dir.path(),
        "caller/more.go",
        "package caller\n\nimport \"github.com/microbus-io/fabric/coreservices/bearertoken/bearertokenapi\"\n\nfunc (s *S) B() {\n\tbearertokenapi.NewClient(s).Mint(nil, nil)\n}\n",
    );
    let (code, out) = rootlint(&["check", root, "--baseline", base, "--format", "json"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("\"lint\": \"unreviewed_trust_root_grant\""));
    assert!(out.contains("\"file\": \"caller/more.go\""));

    // The original call goes away: its entry is stale (a warning).
    write(dir.path(), "caller/service.go", "package caller\n");
    let (_, out) = rootlint(&["check", root, "--baseline", base, "--format", "json"]);
    assert!(out.contains("\"lint\": \"stale_baseline_entry\""));

    // A broken baseline is a usage error.
    std::fs::write(base, "{ not json").unwrap();
    assert_eq!(rootlint(&["check", root, "--baseline", base]).0, Some(2));
}

#[test]
fn config_levels_endpoints_and_errors() {
    let dir = tree_with(
        "package caller\n\nimport \"github.com/microbus-io/fabric/pub\"\n\nfunc (s *S) Refund() {\n\ts.Request(nil, pub.POST(\"https://payments.partner:666/refund\"))\n}\n",
    );
    let root = dir.path().to_str().unwrap();
    // Without configuration the partner endpoint is unknown.
    let (code, out) = rootlint(&["check", root, "--format", "json"]);
    assert_eq!(code, Some(1));
    assert!(out.contains("unresolved_trust_root_target"));
    write(
        dir.path(),
        "rootlint.toml",
        "identity-roots = []\n\n[lints]\ngencreds_blind_spot = \"deny\"\n\n[[endpoints]]\nhost = \"payments.partner\"\nname = \"Refund\"\nmethod = \"POST\"\nroute = \":666/refund\"\n",
    );
    let (code, out) = rootlint(&["check", root, "--format", "json"]);
    assert_eq!(code, Some(0), "{out}");
    let (_, grants) = rootlint(&["grants", root]);
    assert!(grants.contains("{{plane}}.danger.666.caller_app.payments_partner.*.POST.refund"));
    assert!(grants.contains("\"origin\": \"config\""));
    // The command line wins over the file.
    assert_eq!(
        rootlint(&["check", root, "-D", "missing_required_claims"]).0,
        Some(0)
    );
    write(
        dir.path(),
        "rootlint.toml",
        "[lints]\nunresolved_trust_root_target = \"allow\"\n",
    );
    assert_eq!(rootlint(&["check", root]).0, Some(0));
    assert_eq!(
        rootlint(&["check", root, "-D", "unresolved_trust_root_target"]).0,
        Some(1)
    );

    // Bad files: exit 2 and the line of the bad key.
    for (text, expected) in [
        (
            "[lints]\n\nnot_a_lint = \"deny\"\n",
            "rootlint.toml:3: unknown lint `not_a_lint`",
        ),
        (
            "exclude = []\nsurprise = true\n",
            "rootlint.toml:2: unknown field `surprise`",
        ),
        (
            "[lints]\nmissing_required_claims = \"loud\"\n",
            "rootlint.toml:2: `loud` is not a level",
        ),
    ] {
        write(dir.path(), "rootlint.toml", text);
        let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
            .args(["check", root])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{stderr}");
    }
    // An explicit --config wins over the file at the root.
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "exclude = [\"caller/**\"]\n").unwrap();
    assert_eq!(
        rootlint(&["check", root, "--config", other.to_str().unwrap()]).0,
        Some(0)
    );
}
