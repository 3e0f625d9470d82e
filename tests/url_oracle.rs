//! `pub.RelativeURL` against Go: rootlint's `route::resolve_reference` must give what the
//! framework's `httpx.ResolveURL` (`url.Parse` and `url.URL.ResolveReference`) gives, on
//! generated pairs of a base and a reference. An answer Go refuses, or that is not an http(s)
//! URL, must be refused by rootlint too.

use std::io::Write;
use std::process::{Command, Stdio};

use rootlint_analyzer::route::resolve_reference;

const GO: &str = r#"package main

import (
	"bufio"
	"fmt"
	"net/url"
	"os"
	"strings"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		parts := strings.SplitN(in.Text(), "\t", 2)
		base, err1 := url.Parse(parts[0])
		ref, err2 := url.Parse(parts[1])
		if err1 != nil || err2 != nil {
			fmt.Fprintln(out, "ERR")
			continue
		}
		r := base.ResolveReference(ref)
		if (r.Scheme != "http" && r.Scheme != "https") || r.User != nil || ref.User != nil || r.Opaque != "" {
			fmt.Fprintln(out, "ERR")
			continue
		}
		fmt.Fprintln(out, r.String())
	}
}
"#;

/// A small deterministic generator (xorshift), so that a failure names its case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

fn reference(rng: &mut Rng) -> String {
    const HEADS: &[&str] = &[
        "",
        "",
        "",
        "https:",
        "http:",
        "HTTPS:",
        "x:",
        "1x:",
        "//",
        "//shell.core:666",
        "https://access.token.core:666",
        "//h",
        "///",
        "/",
        ":666",
        "a:b",
    ];
    const SEGMENTS: &[&str] = &["a", "b", ".", "..", "", "mint", "x.y", "c:d"];
    let mut s = rng.pick(HEADS).to_string();
    for _ in 0..rng.next() % 5 {
        if !rng.next().is_multiple_of(3) {
            s.push('/');
        }
        s.push_str(rng.pick(SEGMENTS));
    }
    match rng.next() % 6 {
        0 => s.push_str("?q=1"),
        1 => s.push('?'),
        2 => s.push_str("#f"),
        3 => s.push('#'),
        _ => {}
    }
    s
}

#[test]
fn relative_urls_resolve_as_go_resolves_them() {
    let go = Command::new("go").arg("version").output();
    assert!(
        go.is_ok_and(|o| o.status.success()),
        "the URL differential test needs Go: apt-get install golang-go (./scripts/test installs it)"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("main.go"), GO).unwrap();
    let bases = [
        "https://access.token.core:666/mint",
        "https://a.core:666/x/y/z?q=0#top",
        "http://example.com",
        "https://example.com/",
        "https://h.core:443/a/b/",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let cases: Vec<(String, String)> = (0..4000)
        .map(|i| (bases[i % bases.len()].to_string(), reference(&mut rng)))
        .collect();
    let input: String = cases.iter().map(|(b, r)| format!("{b}\t{r}\n")).collect();
    let mut child = Command::new("go")
        .arg("run")
        .arg(dir.path().join("main.go"))
        .env("GO111MODULE", "off")
        .env(
            "GOCACHE",
            std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-build-cache"),
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run go");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "the Go side failed");
    let answers: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(answers.len(), cases.len());
    let mut wrong = Vec::new();
    let mut resolved = 0;
    for ((base, rel), want) in cases.iter().zip(&answers) {
        let got = resolve_reference(base, rel).unwrap_or_else(|_| "ERR".into());
        if got != "ERR" {
            resolved += 1;
        }
        if &got != want {
            wrong.push(format!("{base} + {rel:?}: Go {want}, rootlint {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong[..wrong.len().min(30)].join("\n")
    );
    // The generator must reach both answers, or the test proves less than it says.
    assert!(
        resolved > 1000 && resolved < cases.len(),
        "{resolved} resolved"
    );
}
