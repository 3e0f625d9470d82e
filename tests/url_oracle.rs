//! `pub.RelativeURL` against Go: rootlint's `route::resolve_reference` must give what the
//! framework's `httpx.ResolveURL` (`url.Parse` and `url.URL.ResolveReference`) gives, on
//! generated pairs of a base and a reference. An answer Go refuses, or that is not an http(s)
//! URL, must be refused by rootlint too.

mod go_judge;

use go_judge::Rng;

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
    let answers = go_judge::run("URL", GO, &input);
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

const GO_JOIN: &str = r#"package main

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
		parts := strings.Split(in.Text(), "\t")
		u, err := url.JoinPath(parts[0], parts[1:]...)
		if err != nil {
			fmt.Fprintln(out, "ERR")
			continue
		}
		fmt.Fprintln(out, u)
	}
}
"#;

/// `url.JoinPath` against Go: rootlint's join (`route::join_url_path`, with the slash
/// `URL.String` puts after a host) gives Go's URL for generated bases and elements.
#[test]
fn joined_paths_are_what_go_joins() {
    const PATHS: &[&str] = &["", "/", "/a", "/a/", "/a/b", "a"];
    const ELEMS: &[&str] = &[
        "x", "x/", "/x", "", ".", "..", "../..", "a/../b", "//y", "mint",
    ];
    let mut rng = Rng(0x2f1c_8d3b_a5e7_4c19);
    let cases: Vec<(String, Vec<&str>)> = (0..3000)
        .map(|_| {
            let base_path = rng.pick(PATHS);
            // A relative base path cannot follow a host: Go's URL would not parse back.
            let base_path = if base_path.starts_with('/') || base_path.is_empty() {
                base_path
            } else {
                "/a"
            };
            let n = (rng.next() % 4) as usize;
            let elems = (0..n).map(|_| rng.pick(ELEMS)).collect();
            (format!("https://h.core:666{base_path}"), elems)
        })
        .collect();
    let input: String = cases
        .iter()
        .map(|(b, e)| {
            let mut line = b.clone();
            for x in e {
                line.push('\t');
                line.push_str(x);
            }
            line + "\n"
        })
        .collect();
    let answers = go_judge::run("url.JoinPath", GO_JOIN, &input);
    assert_eq!(answers.len(), cases.len());
    let mut wrong = Vec::new();
    for ((base, elems), want) in cases.iter().zip(&answers) {
        let (prefix, base_path) = base.split_at("https://h.core:666".len());
        let path = rootlint_analyzer::route::join_url_path(base_path, elems);
        let slash = if path.is_empty() || path.starts_with('/') {
            ""
        } else {
            "/"
        };
        let got = format!("{prefix}{slash}{path}");
        if &got != want {
            wrong.push(format!("{base} + {elems:?}: Go {want}, rootlint {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong[..wrong.len().min(20)].join("\n")
    );
}
