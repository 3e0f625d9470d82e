//! Manifests against Go: what rootlint reads as each function's `method`, `route` and
//! `requiredClaims` must be what Go's `gopkg.in/yaml.v3` (Debian's golang-gopkg-yaml.v3-dev)
//! reads into the framework's string fields, on generated manifests with anchors, aliases, merge keys (single, sequences, merges
//! of merges), explicit `!!str` tags, quoting and flow mappings. A manifest yaml.v3 refuses
//! must be refused by rootlint too.

mod go_judge;

use go_judge::Rng;
use rootlint_analyzer::facts::manifest::{EndpointKind, parse};

const GO: &str = r#"package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"gopkg.in/yaml.v3"
)

// The fields as the framework declares them: strings, absent or not.
type endpoint struct {
	Method         *string `yaml:"method"`
	Route          *string `yaml:"route"`
	RequiredClaims *string `yaml:"requiredClaims"`
}

type manifest struct {
	Functions map[string]endpoint `yaml:"functions"`
}

func field(v *string) string {
	if v == nil {
		return "-"
	}
	return "=" + *v
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<20)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		var src string
		if json.Unmarshal(in.Bytes(), &src) != nil {
			fmt.Fprintln(out, "BAD INPUT")
			continue
		}
		var doc manifest
		if err := yaml.Unmarshal([]byte(src), &doc); err != nil {
			fmt.Fprintln(out, "ERR")
			continue
		}
		var names []string
		for n := range doc.Functions {
			names = append(names, n)
		}
		sort.Strings(names)
		var parts []string
		for _, n := range names {
			e := doc.Functions[n]
			parts = append(parts, n+":"+field(e.Method)+"|"+field(e.Route)+"|"+field(e.RequiredClaims))
		}
		fmt.Fprintln(out, strings.Join(parts, " "))
	}
}
"#;

/// A generated manifest: anchored bases, then functions that take their fields from the bases
/// (by merge keys) and from themselves.
fn manifest(rng: &mut Rng) -> String {
    const ROUTES: &[&str] = &[":666/grant", ":443/list", "/x", "':666/q'", "\":666/d\""];
    const METHODS: &[&str] = &["POST", "GET", "'ANY'"];
    const CLAIMS: &[&str] = &["roles.admin", "\"a && b\"", "true"];
    let value = |rng: &mut Rng, field: &str| -> String {
        let v = match field {
            "route" => rng.pick(ROUTES),
            "method" => rng.pick(METHODS),
            _ => rng.pick(CLAIMS),
        };
        // Sometimes tagged as a string, which changes nothing.
        if rng.next().is_multiple_of(5) && !v.starts_with(['\'', '"']) {
            format!("!!str {v}")
        } else {
            v.to_string()
        }
    };
    let fields = ["method", "route", "requiredClaims"];
    let mut s = String::from("general:\n  hostname: roles.app\n");
    let bases = 1 + rng.next() % 3;
    for b in 0..bases {
        s.push_str(&format!("b{b}: &b{b}\n"));
        // A base may merge an earlier one.
        if b > 0 && rng.next().is_multiple_of(3) {
            s.push_str(&format!("  <<: *b{}\n", rng.next() % b));
        }
        for f in fields {
            if rng.next().is_multiple_of(2) {
                s.push_str(&format!("  {f}: {}\n", value(rng, f)));
            }
        }
        if !s.ends_with(&format!("&b{b}\n")) {
            continue;
        }
        s.push_str("  description: empty\n");
    }
    s.push_str("functions:\n");
    for n in 0..1 + rng.next() % 4 {
        s.push_str(&format!("  F{n}:\n"));
        match rng.next() % 4 {
            0 => {}
            1 => s.push_str(&format!("    <<: *b{}\n", rng.next() % bases)),
            2 => {
                let list: Vec<String> = (0..1 + rng.next() % 3)
                    .map(|_| format!("*b{}", rng.next() % bases))
                    .collect();
                s.push_str(&format!("    <<: [{}]\n", list.join(", ")));
            }
            _ => s.push_str(&format!(
                "    <<: {{<<: *b{}, method: {}}}\n",
                rng.next() % bases,
                value(rng, "method")
            )),
        }
        for f in fields {
            if rng.next().is_multiple_of(3) {
                s.push_str(&format!("    {f}: {}\n", value(rng, f)));
            }
        }
        s.push_str("    description: d\n");
    }
    s
}

/// rootlint's reading, in the Go side's format.
fn rootlint_reading(src: &str) -> String {
    let Ok(m) = parse(src) else {
        return "ERR".into();
    };
    let mut parts: Vec<(String, String)> = m
        .endpoints
        .iter()
        .filter(|e| e.kind == EndpointKind::Function)
        .map(|e| {
            let f = |v: &Option<rootlint_analyzer::facts::manifest::Located>| {
                v.as_ref()
                    .map_or("-".to_string(), |l| format!("={}", l.value))
            };
            (
                e.name.clone(),
                format!(
                    "{}:{}|{}|{}",
                    e.name,
                    f(&e.method),
                    f(&e.route),
                    f(&e.required_claims)
                ),
            )
        })
        .collect();
    parts.sort();
    parts
        .into_iter()
        .map(|(_, p)| p)
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn manifests_are_read_as_yaml_v3_reads_them() {
    let mut rng = Rng(0x51_7cc1_b727_220a);
    let cases: Vec<String> = (0..2000).map(|_| manifest(&mut rng)).collect();
    let input: String = cases
        .iter()
        .map(|c| serde_json::to_string(c).unwrap() + "\n")
        .collect();
    let answers = go_judge::run("YAML", GO, &input);
    assert_eq!(answers.len(), cases.len());
    let mut wrong = Vec::new();
    let mut merged = 0;
    for (src, want) in cases.iter().zip(&answers) {
        let got = rootlint_reading(src);
        if src.contains("<<") && want.contains('=') {
            merged += 1;
        }
        if &got != want {
            wrong.push(format!("{src}\n  Go:       {want}\n  rootlint: {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong[..wrong.len().min(10)].join("\n")
    );
    // The generator must exercise merges, or the test proves less than it says.
    assert!(merged > 500, "only {merged} manifests with merges");
}
