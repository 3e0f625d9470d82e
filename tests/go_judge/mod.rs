#![allow(dead_code, reason = "each test crate uses the part it needs")]

//! What the differential tests against Go share: a deterministic generator, and one run of a
//! Go program that reads the cases on stdin and answers one line per case on stdout.

use std::io::Write;
use std::process::{Command, Stdio};

/// A small deterministic generator (xorshift), so that a failure names its case.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// Runs `program` (a `main` package) with `input` on stdin, in GOPATH mode with Debian's
/// library packages (`/usr/share/gocode`), and returns its output lines. `what` names the test
/// in the message when Go is missing.
pub fn run(what: &str, program: &str, input: &str) -> Vec<String> {
    let go = Command::new("go").arg("version").output();
    assert!(
        go.is_ok_and(|o| o.status.success()),
        "the {what} differential test needs Go: apt-get install golang-go (./scripts/test installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.go"), program).unwrap();
    let mut child = Command::new("go")
        .arg("run")
        .arg(dir.path().join("main.go"))
        .env("GO111MODULE", "off")
        .env("GOPATH", "/usr/share/gocode")
        .env(
            "GOCACHE",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-build-cache"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run go");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_string();
    // Written from a thread: a large input and a large output would otherwise fill both pipes.
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "the Go side of the {what} test failed"
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}
