//! `rootlint-bench generate DIR N` writes a monorepo of N services.
//! `rootlint-bench run [--sizes 500,2000,8000] [--runs 5] [--rootlint PATH]` generates each size
//! in a temporary folder and times `rootlint check` against `rg` over the same tree, in the same
//! run: median wall time of each, their ratio, and rootlint's peak resident memory.
//! `rootlint-bench real [--runs 3] [--skip-no-triage] [--rootlint PATH]` does the same over real
//! Go code that Debian packages install (`golang-1.19-src`; `golang-etcd-server-dev` and
//! `golang-github-nats-io-nats-server-dev` under `/usr/share/gocode/src`), with `--no-triage`
//! (unless skipped: it parses everything, minutes and gigabytes on the Debian sources) and, when
//! installed, `ast-grep` in the same run.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("generate") if args.len() == 3 => args[2]
            .parse()
            .map_err(|e| format!("N: {e}"))
            .and_then(|n| rootlint_bench::generate(Path::new(&args[1]), n).map_err(|e| e.to_string()))
            .map(|t| println!("{} files, {:.1} MB", t.files, t.bytes as f64 / 1e6)),
        Some("run") => run(&args[1..]),
        Some("real") => real(&args[1..]),
        Some("lsp") => {
            let services = flag(&args, "--services").unwrap_or("2000").parse().unwrap_or(2000);
            let edits = flag(&args, "--edits").unwrap_or("30").parse().unwrap_or(30);
            let rootlint = PathBuf::from(flag(&args, "--rootlint").unwrap_or("target/release/rootlint"));
            let workspace = match (flag(&args, "--tree"), flag(&args, "--file")) {
                (Some(tree), Some(file)) => rootlint_bench::lsp::Workspace::Real { tree: tree.into(), file: file.into() },
                (None, None) => rootlint_bench::lsp::Workspace::Generated(services),
                _ => { eprintln!("error: --tree and --file go together"); std::process::exit(2) }
            };
            rootlint_bench::lsp::run(&rootlint, &workspace, edits)
        }
        _ => Err("usage: rootlint-bench generate DIR N | run [--sizes 500,2000,8000] [--runs 5] [--rootlint PATH] | real [--runs 3] [--skip-no-triage] [--rootlint PATH] | lsp [--services 2000 | --tree DIR --file REL] [--edits 30] [--rootlint PATH]".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn run(args: &[String]) -> Result<(), String> {
    let sizes: Vec<usize> = flag(args, "--sizes")
        .unwrap_or("500,2000,8000")
        .split(',')
        .map(|s| s.parse().map_err(|e| format!("--sizes: {e}")))
        .collect::<Result<_, _>>()?;
    let runs: usize = flag(args, "--runs")
        .unwrap_or("5")
        .parse()
        .map_err(|e| format!("--runs: {e}"))?;
    let rootlint = PathBuf::from(flag(args, "--rootlint").unwrap_or("target/release/rootlint"));
    if !rootlint.exists() {
        return Err(format!(
            "{} not found; run `cargo build --release` first",
            rootlint.display()
        ));
    }
    println!(
        "| services | files | MB | rootlint median s | rg median s | ratio | rootlint peak RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|");
    for n in sizes {
        let dir = std::env::temp_dir().join(format!("rootlint-bench-{n}"));
        let _ = std::fs::remove_dir_all(&dir);
        let tree = rootlint_bench::generate(&dir, n).map_err(|e| e.to_string())?;
        let d = dir.to_str().ok_or("non-UTF-8 temp dir")?;
        // One warm-up each, so both read from the page cache.
        let rl = |_: usize| time(Command::new(&rootlint).args(["check", "--format", "json", d]));
        let rg = |_: usize| {
            // The reference command of the speed target (issue 16), output to a pipe as a
            // reader gets it (with its output on /dev/null, rg stops at the first match).
            time(Command::new("rg").args([
                "-c",
                "--no-messages",
                "-F",
                "-e",
                ":666",
                "-e",
                "NewClient",
                "-e",
                "Request(",
                d,
            ]))
        };
        rl(0)?;
        rg(0)?;
        let mut rl_times = Vec::new();
        let mut rg_times = Vec::new();
        let mut rss = 0;
        for i in 0..runs {
            let (t, r) = rl(i)?;
            rl_times.push(t);
            rss = rss.max(r);
            rg_times.push(rg(i)?.0);
        }
        let (a, b) = (median(&mut rl_times), median(&mut rg_times));
        println!(
            "| {n} | {} | {:.1} | {a:.3} | {b:.3} | {:.1} | {:.0} |",
            tree.files,
            tree.bytes as f64 / 1e6,
            a / b,
            rss as f64 / 1024.0
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
    Ok(())
}

/// Real Go trees installed by Debian packages, with the package that installs each.
const REAL_TREES: &[(&str, &str, &str)] = &[
    (
        "Go 1.19 standard library",
        "/usr/share/go-1.19/src",
        "golang-1.19-src",
    ),
    (
        "Debian Go library sources (etcd, nats-server and their dependencies)",
        "/usr/share/gocode/src",
        "golang-etcd-server-dev golang-github-nats-io-nats-server-dev",
    ),
];

fn real(args: &[String]) -> Result<(), String> {
    let runs: usize = flag(args, "--runs")
        .unwrap_or("3")
        .parse()
        .map_err(|e| format!("--runs: {e}"))?;
    let rootlint = PathBuf::from(flag(args, "--rootlint").unwrap_or("target/release/rootlint"));
    if !rootlint.exists() {
        return Err(format!(
            "{} not found; run `cargo build --release` first",
            rootlint.display()
        ));
    }
    if Command::new("rg").arg("--version").output().is_err() {
        return Err("ripgrep (`rg`) is not installed: apt-get install ripgrep".into());
    }
    for (_, path, package) in REAL_TREES {
        if !Path::new(path).is_dir() {
            return Err(format!("{path} is missing: apt-get install {package}"));
        }
    }
    let ast_grep = Command::new("ast-grep").arg("--version").output().is_ok();
    // `--no-triage` parses everything: minutes and gigabytes on the Debian sources.
    let full_mode = !args.iter().any(|a| a == "--skip-no-triage");
    println!(
        "| tree | Go files | MB of Go | rg s | ast-grep s | rootlint check s | RSS MB | --no-triage s | RSS MB |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for (name, path, _) in REAL_TREES {
        let (files, bytes) = go_files(Path::new(path));
        let check = |extra: &[&str]| -> Result<(f64, u64), String> {
            let mut c = Command::new(&rootlint);
            c.args(["check", "--format", "json"]).args(extra).arg(path);
            time(&mut c)
        };
        let rg = || {
            time(Command::new("rg").args([
                "-c",
                "--no-messages",
                "-F",
                "-e",
                "NewClient(",
                "-e",
                "Request(",
                "-e",
                ":666",
                "-g",
                "*.go",
                path,
            ]))
        };
        let sg = || {
            time(Command::new("ast-grep").args([
                "run",
                "--lang",
                "go",
                "-p",
                "$X.Request($$$)",
                path,
            ]))
        };
        // Warm-up: every tool reads from the page cache.
        check(&[])?;
        rg()?;
        let (mut rl, mut full, mut grep, mut sgt) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut rl_rss, mut full_rss) = (0, 0);
        for _ in 0..runs {
            let (t, r) = check(&[])?;
            rl.push(t);
            rl_rss = rl_rss.max(r);
            if full_mode {
                let (t, r) = check(&["--no-triage"])?;
                full.push(t);
                full_rss = full_rss.max(r);
            }
            grep.push(rg()?.0);
            if ast_grep {
                sgt.push(sg()?.0);
            }
        }
        let sg_cell = if ast_grep {
            format!("{:.2}", median(&mut sgt))
        } else {
            "not installed".into()
        };
        let full_cells = if full_mode {
            format!("{:.2} | {:.0}", median(&mut full), full_rss as f64 / 1024.0)
        } else {
            "not run | not run".into()
        };
        println!(
            "| {name} | {files} | {:.1} | {:.2} | {sg_cell} | {:.2} | {:.0} | {full_cells} |",
            bytes as f64 / 1e6,
            median(&mut grep),
            median(&mut rl),
            rl_rss as f64 / 1024.0,
        );
    }
    Ok(())
}

/// The number and total size of the `.go` files below `dir` (symbolic links not followed).
fn go_files(dir: &Path) -> (usize, u64) {
    let (mut files, mut bytes) = (0, 0);
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(t) = e.file_type() else { continue };
            let p = e.path();
            if t.is_dir() {
                stack.push(p);
            } else if t.is_file() && p.extension().is_some_and(|x| x == "go") {
                files += 1;
                bytes += e.metadata().map_or(0, |m| m.len());
            }
        }
    }
    (files, bytes)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Wall time in seconds and peak RSS in KiB (from `/usr/bin/time -f %M` when present).
fn time(cmd: &mut Command) -> Result<(f64, u64), String> {
    let program = cmd.get_program().to_owned();
    let args: Vec<_> = cmd.get_args().map(|a| a.to_owned()).collect();
    let gnu_time = Path::new("/usr/bin/time").exists();
    let mut c = if gnu_time {
        let mut c = Command::new("/usr/bin/time");
        c.arg("-f").arg("%M").arg(&program).args(&args);
        c
    } else {
        let mut c = Command::new(&program);
        c.args(&args);
        c
    };
    let start = Instant::now();
    let out = c
        .output()
        .map_err(|e| format!("{}: {e}", program.to_string_lossy()))?;
    let secs = start.elapsed().as_secs_f64();
    // 0 and 1 are answers (findings, no match); anything else is a failure to time.
    if !matches!(out.status.code(), Some(0 | 1)) {
        return Err(format!(
            "{} {} failed ({}): {}",
            program.to_string_lossy(),
            args.iter()
                .map(|a| a.to_string_lossy())
                .collect::<Vec<_>>()
                .join(" "),
            out.status,
            String::from_utf8_lossy(&out.stderr)
                .lines()
                .last()
                .unwrap_or("")
        ));
    }
    let rss = if gnu_time {
        String::from_utf8_lossy(&out.stderr)
            .lines()
            .last()
            .and_then(|l| l.trim().parse().ok())
            .unwrap_or(0)
    } else {
        0
    };
    Ok((secs, rss))
}
