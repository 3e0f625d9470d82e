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
