//! The ledger over every ui-test tree and the example: each reference to something that can
//! reach :666 is followed by the value flow or reported, and the sums add up (references =
//! followed + reported + gaps). A gap is an `analysis_incomplete` finding; only the trees
//! below have one, on purpose. `tests/vta_oracle.rs` checks the same on every generated
//! program.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Trees with references rootlint does not follow, how many, and why.
const TREES_WITH_GAPS: &[(&str, usize, &str)] = &[(
    "ui-tests/callgraph/ranges/tree",
    1,
    "a value that reaches :666 used as a map key: keys are not followed",
)];

fn trees(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for group in std::fs::read_dir(root.join("ui-tests")).unwrap() {
        let group = group.unwrap().path();
        if !group.is_dir() {
            continue;
        }
        for case in std::fs::read_dir(&group).unwrap() {
            let tree = case.unwrap().path().join("tree");
            if tree.is_dir() {
                out.push(tree);
            }
        }
    }
    for example in std::fs::read_dir(root.join("examples")).unwrap() {
        let example = example.unwrap().path();
        if example.is_dir() {
            out.push(example);
        }
    }
    out.sort();
    out
}

#[test]
fn every_reference_that_can_reach_666_is_followed_or_reported() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sums = [0u64; 3];
    let mut failures = Vec::new();
    for tree in trees(root) {
        let rel = tree
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .to_string();
        let out = Command::new(env!("CARGO_BIN_EXE_rootlint"))
            .arg("ledger")
            .arg(&tree)
            .output()
            .expect("run rootlint ledger");
        let ledger: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{rel}: ledger JSON: {e}"));
        let n = |k: &str| ledger[k].as_u64().unwrap();
        let gaps = ledger["gaps"].as_array().unwrap().len();
        assert_eq!(
            n("references"),
            n("followed") + n("reported") + gaps as u64,
            "{rel}: the ledger does not add up: {ledger}"
        );
        // The exit status says whether there is a gap.
        assert_eq!(out.status.code(), Some(i32::from(gaps > 0)), "{rel}");
        let expected = TREES_WITH_GAPS
            .iter()
            .find(|(t, _, _)| *t == rel)
            .map_or(0, |(_, n, _)| *n);
        if gaps != expected {
            failures.push(format!("{rel}: {gaps} gaps, expected {expected}: {ledger}"));
        }
        sums[0] += n("references");
        sums[1] += n("followed");
        sums[2] += n("reported");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!(
        "ledger over the ui-tests and the example: {} references, {} followed, {} reported",
        sums[0], sums[1], sums[2]
    );
    // The trees exercise the value flow: a ledger that finds nothing proves nothing.
    assert!(sums[0] >= 150, "too few references: {sums:?}");
}
