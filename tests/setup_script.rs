//! The README's test command, `./scripts/test`, on a machine without nats-server and neovim: it
//! installs them with apt-get (through sudo when not root), or stops before building and names
//! the packages. `apt-get`, `sudo` and `cargo` are stand-ins that record how they were called.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// A folder for `PATH` holding only `dirname`, `id` (the real one, or one that answers `uid`)
/// and the given stand-ins, which append their name and arguments to `$LOG`.
fn machine(uid: Option<u32>, stand_ins: &[&str]) -> tempfile::TempDir {
    let bin = tempfile::tempdir().unwrap();
    let real = |name: &str| {
        ["/usr/bin", "/bin"]
            .iter()
            .map(|d| Path::new(d).join(name))
            .find(|p| p.exists())
            .unwrap_or_else(|| panic!("{name} is on this machine"))
    };
    std::os::unix::fs::symlink(real("dirname"), bin.path().join("dirname")).unwrap();
    let script = |name: &str, body: &str| {
        let path = bin.path().join(name);
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    };
    match uid {
        Some(uid) => script("id", &format!("echo {uid}")),
        None => std::os::unix::fs::symlink(real("id"), bin.path().join("id")).unwrap(),
    }
    for name in stand_ins {
        match *name {
            "sudo" => script("sudo", "echo \"sudo\" >> \"$LOG\"; exec \"$@\""),
            // An apt-get that can neither install nor update (offline, a broken mirror).
            "failing-apt-get" => script("apt-get", "echo \"apt-get $*\" >> \"$LOG\"; exit 100"),
            other => script(other, &format!("echo \"{other} $*\" >> \"$LOG\"")),
        }
    }
    bin
}

fn run(bin: &Path) -> (Output, String) {
    let log = bin.join("log");
    std::fs::write(&log, "").unwrap();
    let out = Command::new("/bin/bash")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/test"))
        .env_clear()
        .env("PATH", bin)
        .env("LOG", &log)
        .output()
        .unwrap();
    (out, std::fs::read_to_string(&log).unwrap())
}

/// The packages the script installs, besides GNU time where this machine lacks it.
fn installs(log: &str) -> bool {
    log.lines()
        .any(|l| l.starts_with("apt-get install -y --no-install-recommends nats-server neovim"))
}

#[test]
fn as_root_it_installs_with_apt_get_then_runs_the_tests() {
    let bin = machine(Some(0), &["apt-get", "cargo"]);
    let (out, log) = run(bin.path());
    assert!(out.status.success(), "{out:?}");
    assert!(installs(&log), "{log}");
    assert!(log.ends_with("cargo test --workspace\n"), "{log}");
    assert!(!log.contains("sudo"));
}

#[test]
fn when_apt_get_fails_it_stops_before_building() {
    let bin = machine(Some(0), &["failing-apt-get", "cargo"]);
    let (out, log) = run(bin.path());
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        log.contains("apt-get update"),
        "it retries after an update: {log}"
    );
    assert!(!log.contains("cargo"), "it built anyway: {log}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("could not install"), "{stderr}");
}

#[test]
fn without_root_it_installs_through_sudo() {
    let bin = machine(Some(1000), &["apt-get", "sudo", "cargo"]);
    let (out, log) = run(bin.path());
    assert!(out.status.success(), "{out:?}");
    assert!(log.starts_with("sudo\napt-get install"), "{log}");
    assert!(installs(&log), "{log}");
    assert!(log.ends_with("cargo test --workspace\n"), "{log}");
}

#[test]
fn without_apt_get_it_stops_before_building_and_names_the_packages() {
    let bin = machine(None, &["cargo"]);
    let (out, log) = run(bin.path());
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(log, "", "nothing was built or installed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("brew install nats-server neovim"),
        "{stderr}"
    );
    assert!(
        stderr.contains("sudo apt-get install nats-server neovim"),
        "{stderr}"
    );
}

#[test]
fn with_everything_installed_it_only_runs_the_tests() {
    let bin = machine(None, &["nats-server", "nvim", "go", "apt-get", "cargo"]);
    let (out, log) = run(bin.path());
    assert!(out.status.success(), "{out:?}");
    if Path::new("/usr/bin/time").exists()
        && Path::new("/usr/share/gocode/src/golang.org/x/tools/go/callgraph/vta").is_dir()
    {
        assert_eq!(log, "cargo test --workspace\n");
    }
}

/// The README gives exactly two set-up commands, and CI runs the second.
#[test]
fn the_readme_set_up_commands_are_the_ones_ci_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let set_up = readme
        .split("## Set-up on a fresh machine")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a set-up section");
    let commands: Vec<&str> = set_up
        .split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(str::trim)
        .collect();
    assert_eq!(
        commands,
        [
            "cargo run --release -- check examples/shop",
            "./scripts/test"
        ]
    );
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l.trim() == "./scripts/test"));
}
