//! A generated monorepo of 2,000 services: the analysis stays deterministic across thread
//! counts, and the generator's known shapes show up in the grants. (Speed is measured in bench/.)

use std::process::Command;

fn rootlint(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
        .args(args)
        .output()
        .expect("run rootlint");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn two_thousand_services_are_analyzed_deterministically() {
    let dir = tempfile::tempdir().unwrap();
    rootlint_bench::generate(dir.path(), 2000).unwrap();
    let root = dir.path().to_str().unwrap();
    let grants_1 = rootlint(&["grants", "-j", "1", root]);
    let grants_2 = rootlint(&["grants", "-j", "2", root]);
    assert!(
        grants_1 == grants_2,
        "grant JSON depends on the thread count"
    );
    let check_1 = rootlint(&["check", "--format", "json", "-j", "1", root]);
    let check_2 = rootlint(&["check", "--format", "json", "-j", "2", root]);
    assert!(check_1 == check_2, "diagnostics depend on the thread count");

    let grants: serde_json::Value = serde_json::from_slice(&grants_1).unwrap();
    assert_eq!(grants["complete"], true);
    let services = grants["services"].as_array().unwrap();
    assert_eq!(services.len(), 2000);
    let by_host = |h: &str| services.iter().find(|s| s["hostname"] == h).unwrap();
    // svc0000 calls svc0003's :666 endpoint directly and mints through helper0 (i % 13 == 0).
    let subjects: Vec<&str> = by_host("svc0000.mono")["pub"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["subject"].as_str().unwrap())
        .collect();
    assert_eq!(
        subjects,
        [
            "{{plane}}.danger.666.svc0000_mono.bearer_token_core.*.POST.mint",
            "{{plane}}.danger.666.svc0000_mono.svc0003_mono.*.POST.privileged"
        ]
    );
    // Every tenth service owns a :666 endpoint and subscribes to it.
    assert_eq!(
        services
            .iter()
            .filter(|s| !s["sub"].as_array().unwrap().is_empty())
            .count(),
        200
    );
}
