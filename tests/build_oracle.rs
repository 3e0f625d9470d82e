//! Build constraints against Go: for generated file headers (blank lines, `//` and `/* */`
//! comments, `//go:build` and `// +build` lines in every spelling, a byte order mark, text after
//! the package clause), rootlint's verdict must be what Go 1.19's `go/build.MatchFile` says for
//! a build without the tag `ignore` (linux/amd64, the Debian default): built, not built, or
//! refused. The constraints are `ignore`, `!ignore` and `linux`, so that one build answers
//! for every build.

mod go_judge;

use go_judge::Rng;

use rootlint_analyzer::fuzzing::build_verdict;

const GO: &str = r#"package main

import (
	"bufio"
	"fmt"
	"go/build"
	"os"
	"path/filepath"
)

func main() {
	in := bufio.NewScanner(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	ctxt := build.Default
	ctxt.GOOS = "linux"
	ctxt.GOARCH = "amd64"
	ctxt.BuildTags = nil
	for in.Scan() {
		path := in.Text()
		ok, err := ctxt.MatchFile(filepath.Dir(path), filepath.Base(path))
		switch {
		case err != nil:
			fmt.Fprintln(out, "ERR")
		case ok:
			fmt.Fprintln(out, "BUILT")
		default:
			fmt.Fprintln(out, "NOT")
		}
	}
}
"#;

/// xorshift: a seed names one case forever.
fn header(rng: &mut Rng) -> String {
    const LINES: &[&str] = &[
        "",
        "",
        "// a comment",
        "//go:build ignore",
        "//go:build !ignore",
        "//go:build linux",
        "//go:buildignore",
        "// go:build ignore",
        " //go:build ignore",
        "// +build ignore",
        "// +build !ignore",
        "//+build ignore",
        "//   +build ignore",
        "\t// +build ignore",
        "// +buildignore",
        "/* a block */",
        "/* a block */ // and a comment",
        "/*\n//go:build ignore\n*/",
        "/*\n// +build ignore\n\n*/",
        "/* one */ /* two */",
    ];
    let mut s = String::new();
    if rng.next().is_multiple_of(8) {
        s.push('\u{feff}');
    }
    for _ in 0..rng.next() % 6 {
        s.push_str(rng.pick(LINES));
        s.push_str(if rng.next().is_multiple_of(10) {
            "\r\n"
        } else {
            "\n"
        });
    }
    s.push_str("package p\n");
    if rng.next().is_multiple_of(4) {
        s.push_str(rng.pick(&[
            "\n//go:build ignore\n",
            "\n// +build ignore\n\n",
            "\nvar x = 1\n",
        ]));
    }
    s
}

#[test]
fn build_constraints_are_read_as_go_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("files");
    std::fs::create_dir_all(&files).unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let cases: Vec<(String, String)> = (0..3000)
        .map(|i| {
            let path = files.join(format!("f{i}.go")).to_string_lossy().to_string();
            let text = header(&mut rng);
            std::fs::write(&path, &text).unwrap();
            (path, text)
        })
        .collect();
    let input: String = cases.iter().map(|(p, _)| format!("{p}\n")).collect();
    let answers = go_judge::run("build-constraint", GO, &input);
    assert_eq!(answers.len(), cases.len());
    let mut wrong = Vec::new();
    let mut seen = std::collections::BTreeMap::new();
    for ((path, text), want) in cases.iter().zip(&answers) {
        let name = std::path::Path::new(path)
            .file_name()
            .unwrap()
            .to_string_lossy();
        let got = build_verdict(&name, text);
        *seen.entry(want.clone()).or_insert(0) += 1;
        if got != want {
            wrong.push(format!("{text:?}: Go {want}, rootlint {got}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong[..wrong.len().min(30)].join("\n")
    );
    // Every answer must be reached, or the test proves less than it says.
    assert!(
        ["BUILT", "NOT", "ERR"]
            .iter()
            .all(|k| seen.get(*k).copied().unwrap_or(0) > 50),
        "{seen:?}"
    );
}
