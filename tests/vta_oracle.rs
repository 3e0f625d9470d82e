//! The judge: rootlint's grants against Go's own VTA call graph, on generated programs.
//!
//! `tests/oracle/gen.rs` writes seeded Microbus programs against stand-in framework packages
//! (`tests/oracle/gopath`); `go vet` must accept each one. The oracle
//! (`tests/oracle/gopath/src/rootlint.dev/vtaoracle`, built with Debian's Go 1.19 and x/tools
//! 0.5.0 in GOPATH mode) says which service can reach which :666 client method. Then:
//!
//! - every grant of rootlint must be one of the oracle's (VTA is sound: anything else is an
//!   over-grant);
//! - every call the program makes by construction (the generator knows them) must be granted,
//!   or covered: the grants say `"complete": false` and a deny-level finding stands in a file
//!   on the oracle's path to the call. An oracle grant beyond those is VTA's own imprecision
//!   (it merges elements of containers of one type, for one), which rootlint may improve on;
//! - the oracle must see every call the program makes (a check of the judge itself).
//!
//! `ROOTLINT_ORACLE_SEEDS=N` (default 300) and `ROOTLINT_ORACLE_FIRST=K` (default 1) choose the
//! seeds; the seeds in `REGRESSIONS` always run. `ROOTLINT_BIN` judges another rootlint binary.

#[path = "oracle/gen.rs"]
mod generator;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Seeds that once failed, kept so that they keep passing (whatever range a run asks for):
/// closures registered by `init` (1, 159), anonymous and local struct fields (26, 171),
/// containers keyed by type (78, 80), promoted method values (133), dead code (89), channels and
/// closures' results (4, 22), promoted methods found by dispatch (501, 732, 805), two package
/// tables of one type in one binary (579, 1706, 5782, 5806, 6207), anonymous structs of one
/// shape in two packages (5969), instances of one generic (40021 a struct type argument,
/// 40084 a named function type), a generic method's result found by demand-driven parsing
/// (40029 a method value of it, 40147 a function value through two boxes), two services of one
/// binary each with its own channel of one element type (61833), a value of a type embedding a
/// typed client that demand-driven parsing did not follow into a generic box (105225), fields of
/// a type local to a function keyed as their loads key them (140001).
const REGRESSIONS: &[u64] = &[
    1, 4, 22, 26, 78, 80, 89, 133, 159, 170, 171, 501, 579, 732, 795, 805, 1017, 1706, 3625, 5782,
    5806, 5969, 6207, 40021, 40029, 40084, 40147, 61833, 105225, 140001,
];

/// Programs per `go vet` and oracle run: the standard library is loaded once per batch.
const BATCH: usize = 60;

fn go_env<'a>(cmd: &'a mut Command, gopath: &Path) -> &'a mut Command {
    go_env_with(cmd, gopath, &["tests/oracle/gopath"])
}

/// Go in GOPATH mode over `gopath`, then the stand-in layers (the first one that has a
/// package wins), then Debian's x/tools.
fn go_env_with<'a>(cmd: &'a mut Command, gopath: &Path, layers: &[&str]) -> &'a mut Command {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut path = vec![gopath.display().to_string()];
    path.extend(layers.iter().map(|l| repo.join(l).display().to_string()));
    path.push("/usr/share/gocode".into());
    cmd.env("GO111MODULE", "off")
        .env("GOPATH", path.join(":"))
        .env("GOFLAGS", "")
        .env("CGO_ENABLED", "0")
        // Go's build cache, kept between runs, wherever HOME is (or is not).
        .env(
            "GOCACHE",
            Path::new(env!("CARGO_TARGET_TMPDIR")).join("go-build-cache"),
        )
}

fn require_go() {
    let ok = Command::new("go")
        .arg("version")
        .output()
        .is_ok_and(|o| o.status.success())
        && Path::new("/usr/share/gocode/src/golang.org/x/tools/go/callgraph/vta").is_dir();
    assert!(
        ok,
        "the differential test needs Go 1.19 and x/tools: apt-get install golang-go \
         golang-golang-x-tools-dev (./scripts/test installs them)"
    );
}

fn build_oracle(work: &Path) -> PathBuf {
    let bin = work.join("vtaoracle");
    let out = go_env(&mut Command::new("go"), work)
        .args(["build", "-o"])
        .arg(&bin)
        .arg("rootlint.dev/vtaoracle")
        .output()
        .expect("run go build");
    assert!(
        out.status.success(),
        "building the oracle failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    bin
}

/// A grant: (service folder, host, method, path).
type Grant = (String, String, String, String);

fn sink_endpoint(sink: &str) -> (&'static str, &'static str, &'static str) {
    match sink {
        "coreservices/accesstoken/accesstokenapi.Client.Mint" => {
            ("access.token.core", "POST", "/mint")
        }
        "coreservices/bearertoken/bearertokenapi.Client.Mint" => {
            ("bearer.token.core", "POST", "/mint")
        }
        "coreservices/shell/shellapi.Client.Execute" => ("shell.core", "POST", "/execute"),
        other => panic!("unknown sink {other}"),
    }
}

struct Verdict {
    seed: u64,
    steps: BTreeSet<&'static str>,
    problems: Vec<String>,
    /// Calls the program makes that the oracle does not see.
    oracle_holes: usize,
    /// The ledger's sums: references, followed, reported.
    ledger: [u64; 3],
}

/// The sums of `rootlint ledger`, checked: references = followed + reported + gaps.
fn ledger_sums(ledger: &serde_json::Value) -> ([u64; 3], usize) {
    let n = |k: &str| ledger[k].as_u64().expect("a ledger sum");
    let gaps = ledger["gaps"].as_array().expect("ledger gaps").len();
    let sums = [n("references"), n("followed"), n("reported")];
    assert_eq!(
        sums[0],
        sums[1] + sums[2] + gaps as u64,
        "the ledger does not add up: {ledger}"
    );
    (sums, gaps)
}

fn rootlint(args: &[&str], dir: &Path) -> serde_json::Value {
    // `ROOTLINT_BIN` judges another build (a long local run against a fixed binary).
    let bin = std::env::var_os("ROOTLINT_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rootlint")));
    let out = Command::new(bin)
        .args(args)
        .arg(dir)
        .output()
        .expect("run rootlint");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "rootlint {args:?} {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("rootlint JSON")
}

/// The files holding a deny-level finding of `rootlint check --format json`.
fn deny_files(check: &serde_json::Value) -> BTreeSet<&str> {
    check["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "deny")
        .filter_map(|d| d["file"].as_str())
        .collect()
}

fn judge(
    dir: &Path,
    oracle: &BTreeMap<Grant, Vec<String>>,
    seed: u64,
    generated: generator::Generated,
) -> Verdict {
    let grants = rootlint(&["grants"], dir);
    let check = rootlint(&["check", "--format", "json"], dir);
    let full = rootlint(&["grants", "--no-triage"], dir);
    let (ledger, gaps) = ledger_sums(&rootlint(&["ledger"], dir));
    let mut found: BTreeSet<Grant> = BTreeSet::new();
    for s in grants["services"].as_array().unwrap() {
        for p in s["pub"].as_array().unwrap() {
            found.insert((
                s["dir"].as_str().unwrap().to_string(),
                p["host"].as_str().unwrap().to_string(),
                p["method"].as_str().unwrap().to_string(),
                p["path"].as_str().unwrap().to_string(),
            ));
        }
    }
    let deny_files = deny_files(&check);
    let complete = grants["complete"] == true;
    let mut problems = Vec::new();
    if full != grants {
        problems.push("the grants differ with --no-triage".to_string());
    }
    // Every reference to something that can reach :666 is followed or reported.
    if gaps > 0 {
        problems.push(format!(
            "{gaps} references neither followed nor reported (rootlint ledger)"
        ));
    }
    // Over-grants: a grant neither VTA nor the program's construction has is a call that
    // cannot happen.
    for g in &found {
        if !oracle.contains_key(g) && !generated.expected.contains(g) {
            problems.push(format!("over-grant: {} -> {} {} {}", g.0, g.1, g.2, g.3));
        }
    }
    // Misses: the calls the program makes by construction must be granted, or reported on
    // their path with the grants incomplete. (VTA's own imprecision, a grant it has that the
    // program never makes, is not a miss.)
    for g in &generated.expected {
        if found.contains(g) {
            continue;
        }
        let files = oracle
            .get(g)
            .cloned()
            .unwrap_or_else(|| vec![format!("{}/service.go", g.0), "lib/lib.go".into()]);
        let covered = !complete && files.iter().any(|f| deny_files.contains(f.as_str()));
        if !covered {
            problems.push(format!(
                "miss: {} -> {} {} {} (path {}; complete: {complete}, deny findings in {:?})",
                g.0,
                g.1,
                g.2,
                g.3,
                files.join(","),
                deny_files
            ));
        }
    }
    // The judge itself: x/tools 0.5.0's VTA loses some flows (a func-typed receiver reached
    // through an interface, a pointer method expression), so the program's construction is
    // the truth for what it calls; those holes are counted and reported, not failed.
    let oracle_holes = generated
        .expected
        .iter()
        .filter(|g| !oracle.contains_key(*g))
        .count();
    Verdict {
        seed,
        steps: generated.steps,
        problems,
        oracle_holes,
        ledger,
    }
}

fn run_batch(oracle_bin: &Path, work: &Path, seeds: &[u64]) -> Vec<Verdict> {
    let src = work.join("src/example.com");
    let mut generated = Vec::new();
    for &seed in seeds {
        let dir = src.join(format!("p{seed}"));
        let _ = std::fs::remove_dir_all(&dir);
        let g = generator::generate(&dir, &format!("example.com/p{seed}"), seed)
            .expect("write program");
        generated.push((seed, dir, g));
    }
    let patterns: Vec<String> = seeds
        .iter()
        .map(|s| format!("example.com/p{s}/..."))
        .collect();
    let vet = go_env(&mut Command::new("go"), work)
        .arg("vet")
        .args(&patterns)
        .current_dir(work)
        .output()
        .expect("run go vet");
    assert!(
        vet.status.success(),
        "go vet refused generated programs (a generator bug):\n{}",
        String::from_utf8_lossy(&vet.stderr)
    );
    let prefixes: Vec<String> = seeds.iter().map(|s| format!("example.com/p{s}")).collect();
    let out = go_env(&mut Command::new(oracle_bin), work)
        .args(&prefixes)
        .current_dir(work)
        .output()
        .expect("run the oracle");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "the oracle failed:\n{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut by_program: BTreeMap<String, BTreeMap<Grant, Vec<String>>> = BTreeMap::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        assert_eq!(parts.len(), 5, "oracle line {line:?}");
        let (host, method, path) = sink_endpoint(parts[3]);
        let service_dir = parts[2]
            .strip_prefix(&format!("{}/", parts[1]))
            .expect("service under its program");
        by_program.entry(parts[1].to_string()).or_default().insert(
            (
                service_dir.to_string(),
                host.to_string(),
                method.to_string(),
                path.to_string(),
            ),
            parts[4].split(',').map(str::to_string).collect(),
        );
    }
    let empty = BTreeMap::new();
    generated
        .into_iter()
        .map(|(seed, dir, g)| {
            let oracle = by_program
                .get(&format!("example.com/p{seed}"))
                .unwrap_or(&empty);
            let v = judge(&dir, oracle, seed, g);
            if v.problems.is_empty() {
                let _ = std::fs::remove_dir_all(&dir);
            }
            v
        })
        .collect()
}

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .map(|v| {
            v.parse()
                .unwrap_or_else(|_| panic!("{name} is not a number"))
        })
        .unwrap_or(default)
}

#[test]
fn rootlint_grants_agree_with_go_vta_on_generated_programs() {
    require_go();
    let work = tempfile::tempdir().unwrap();
    let oracle = build_oracle(work.path());
    let count = env_u64("ROOTLINT_ORACLE_SEEDS", 300);
    let first = env_u64("ROOTLINT_ORACLE_FIRST", 1);
    let mut seeds: Vec<u64> = REGRESSIONS.to_vec();
    seeds.extend(first..first + count);
    seeds.sort_unstable();
    seeds.dedup();
    let mut failures = Vec::new();
    let mut coverage: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut holes = 0;
    let mut ledger = [0u64; 3];
    let batch_size = env_u64("ROOTLINT_ORACLE_BATCH", BATCH as u64) as usize;
    for batch in seeds.chunks(batch_size.max(1)) {
        for v in run_batch(&oracle, work.path(), batch) {
            holes += v.oracle_holes;
            for (sum, n) in ledger.iter_mut().zip(v.ledger) {
                *sum += n;
            }
            for s in &v.steps {
                *coverage.entry(s).or_default() += 1;
            }
            if !v.problems.is_empty() {
                failures.push(v);
            }
        }
    }
    let report: Vec<String> = failures
        .iter()
        .map(|v| {
            format!(
                "seed {} (steps {:?}):\n  {}",
                v.seed,
                v.steps,
                v.problems.join("\n  ")
            )
        })
        .collect();
    if !failures.is_empty() {
        let keep = work.keep();
        panic!(
            "{} of {} programs disagree with Go's VTA (programs kept in {}):\n{}\ncoverage: {coverage:?}",
            failures.len(),
            seeds.len(),
            keep.display(),
            report.join("\n")
        );
    }
    println!(
        "{} programs agree with Go's VTA; {holes} calls the programs make were not seen by VTA \
         (granted by rootlint, checked against the construction); ledger: {} references to \
         what can reach :666, {} followed, {} reported, 0 neither",
        seeds.len(),
        ledger[0],
        ledger[1],
        ledger[2]
    );
    // Every step kind must have been exercised, or the test proves less than it says.
    assert!(
        coverage.len() >= 25,
        "the generator exercised too few shapes: {coverage:?}"
    );
}

/// Trees under `ui-tests/` and `examples/` that Go cannot build against the stand-in framework
/// packages, and why: the oracle cannot judge them. A tree that builds must not be listed (the
/// test fails on a stale entry), and a tree that does not build must be, so no tree drops out
/// of the judgement silently.
const TREES_GO_CANNOT_BUILD: &[(&str, &str)] = &[
    (
        "ui-tests/analysis_incomplete/fires/tree",
        "unreadable Go on purpose: a NUL byte, Latin-1 text, a syntax error",
    ),
    (
        "ui-tests/callgraph/out_of_tree_receivers/tree",
        "calls a client generated from its definition, which the tree does not hold",
    ),
    (
        "ui-tests/gencreds_blind_spot/type_resolved_shapes/tree",
        "calls a client generated from its definition, which the tree does not hold",
    ),
    (
        "ui-tests/grants/typed_and_raw_shapes/tree",
        "a mock file that declares Service again (rootlint skips mocks, Go does not), and calls a client generated from its definition, which the tree does not hold",
    ),
    (
        "ui-tests/invalid_subject_token/fires/tree",
        "calls a client generated from its definition, which the tree does not hold",
    ),
    (
        "ui-tests/invalid_subject_token/silent/tree",
        "calls a client generated from its definition, which the tree does not hold",
    ),
    (
        "ui-tests/layout/build_constraints/tree",
        "a malformed //go:build line on purpose",
    ),
    (
        "ui-tests/layout/modern_go/tree",
        "Go 1.23 (range over an int, package iter, generic aliases); the judge is Go 1.19",
    ),
    (
        "ui-tests/shell_service_deployed/silent/tree",
        "bundles services declared by their manifests alone, with no Go code",
    ),
    (
        "ui-tests/trust_root_bundled/fires/tree",
        "bundles services declared by their manifests alone, with no Go code",
    ),
    (
        "ui-tests/trust_root_bundled/silent/tree",
        "bundles services declared by their manifests alone, with no Go code",
    ),
    (
        "ui-tests/trust_root_bundled/suppressed/tree",
        "bundles services declared by their manifests alone, with no Go code",
    ),
    (
        "ui-tests/unresolved_call_target/fires/tree",
        "calls a client generated from its definition, which the tree does not hold",
    ),
    (
        "ui-tests/unresolved_call_target/silent/tree",
        "calls a client generated from its definition, which the tree does not hold",
    ),
];

/// Grants Go's VTA gives that a tree shows cannot happen, and why: VTA merges what rootlint
/// keeps apart. Each is a grant rootlint must not give; the tree's ui-test pins that.
const VTA_ONLY_GRANTS: &[(&str, &str, &str, &str)] = &[
    (
        "ui-tests/callgraph/container_literals/tree",
        "x",
        "shell.core",
        "VTA merges the elements of every map of one type: y's table reaches x",
    ),
    (
        "ui-tests/callgraph/container_literals/tree",
        "y",
        "bearer.token.core",
        "VTA merges the elements of every slice of one type: x's Sealers reach y",
    ),
    (
        "ui-tests/callgraph/channels/tree",
        "r",
        "shell.core",
        "VTA merges the elements of every channel of one type: s's jobs reach r's channels, \
         which r makes and keeps to itself",
    ),
];

/// Grants a tree proves (the call runs) that Go's VTA misses, and why: holes of x/tools 0.5.0,
/// the judge Debian ships. Each must still be one VTA misses, or the entry is stale.
const VTA_MISSES: &[(&str, &str, &str, &str)] = &[
    (
        "ui-tests/callgraph/entry_points/tree",
        "life",
        "shell.core",
        "the stand-in connector keeps lifecycle callbacks with `append`, which x/tools 0.5.0's VTA \
         does not model (vta/graph.go `call` gives builtins no flow but `recover`)",
    ),
    (
        "ui-tests/callgraph/ranges/tree",
        "c",
        "shell.core",
        "a range over a channel is a comma-ok receive, whose value x/tools 0.5.0's VTA drops \
     (vta/graph.go `unop` feeds the tuple register, `extract` reads its indexed local)",
    ),
];

/// The Go module path a tree declares.
fn module_path(tree: &Path) -> Option<String> {
    let text = std::fs::read_to_string(tree.join("go.mod")).ok()?;
    text.lines()
        .find_map(|l| l.trim().strip_prefix("module "))
        .map(|m| m.trim().to_string())
}

/// Every ui-test tree and example, as paths relative to the repository.
fn judged_trees(root: &Path) -> Vec<String> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for p in entries {
            if !p.is_dir() {
                continue;
            }
            if p.join("go.mod").is_file() {
                out.push(p.strip_prefix(root).unwrap().to_string_lossy().into_owned());
            } else {
                walk(&p, root, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("ui-tests"), root, &mut out);
    walk(&root.join("examples"), root, &mut out);
    out
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let p = entry.path();
        let dest = to.join(entry.file_name());
        if p.is_dir() {
            copy_tree(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// Whether a folder holds Go code a build compiles.
fn has_go_code(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let p = e.path();
            if p.is_dir() {
                has_go_code(&p)
            } else {
                let name = e.file_name().to_string_lossy().into_owned();
                name.ends_with(".go") && !name.ends_with("_test.go")
            }
        })
}

/// `file:first-last` of a function, as the oracle prints it.
fn parse_extent(text: &str) -> (String, u64, u64) {
    let (file, lines) = text.rsplit_once(':').expect("extent");
    let (a, b) = lines.split_once('-').expect("line range");
    (file.to_string(), a.parse().unwrap(), b.parse().unwrap())
}

/// One tree judged: its problems.
fn judge_tree(
    oracle_bin: &Path,
    work: &Path,
    repo: &Path,
    rel: &str,
) -> Result<Vec<String>, String> {
    let tree = repo.join(rel);
    let module = module_path(&tree).ok_or("no module line in go.mod")?;
    let gopath = work.join(rel.replace('/', "_"));
    let root = gopath.join("src").join(&module);
    let _ = std::fs::remove_dir_all(&gopath);
    copy_tree(&tree, &root);
    let grants = rootlint(&["grants"], &tree);
    let check = rootlint(&["check", "--format", "json"], &tree);
    // A service no bundle links runs as its own binary: give it one.
    for (i, s) in grants["services"].as_array().unwrap().iter().enumerate() {
        let dir = s["dir"].as_str().unwrap();
        let service_code: String = std::fs::read_dir(tree.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".go"))
            .filter_map(|e| std::fs::read_to_string(e.path()).ok())
            .collect();
        if !service_code.contains("type Service ") {
            // A service declared by its manifest alone runs no code of the tree.
            continue;
        }
        let run = if service_code.contains("func NewService(") {
            "app := application.New()\n\tapp.Add(s.NewService())\n\tapp.Run()"
        } else {
            "var _ s.Service\n\t_ = application.New"
        };
        let main = root.join(format!("zz_rootlint_oracle/main{i}"));
        std::fs::create_dir_all(&main).unwrap();
        std::fs::write(
            main.join("main.go"),
            format!(
                "package main\n\nimport (\n\t\"github.com/microbus-io/fabric/application\"\n\n\
                 \ts \"{module}/{dir}\"\n)\n\nfunc main() {{\n\t{run}\n}}\n"
            ),
        )
        .unwrap();
    }
    // The trees use the framework's net/http types: the stand-ins' layer that has them first.
    let out = go_env_with(
        &mut Command::new(oracle_bin),
        &gopath,
        &["tests/oracle/gopath-http", "tests/oracle/gopath"],
    )
    .args(["-live", &module])
    .current_dir(&gopath)
    .output()
    .expect("run the oracle");
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        // Go's type checker refused the tree (the oracle prints why).
        return Err(format!("{text}{}", String::from_utf8_lossy(&out.stderr)));
    }
    let mut functions: Vec<(String, u64, u64)> = Vec::new();
    let mut live: BTreeSet<(String, (String, u64, u64))> = BTreeSet::new();
    let mut oracle_grants: BTreeMap<Grant, Vec<String>> = BTreeMap::new();
    let service_dir = |pkg: &str| {
        pkg.strip_prefix(&format!("{module}/"))
            .unwrap_or(pkg)
            .to_string()
    };
    for line in text.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        match parts.as_slice() {
            ["FUNC", _, at] => functions.push(parse_extent(at)),
            ["LIVE", _, pkg, at] => {
                live.insert((service_dir(pkg), parse_extent(at)));
            }
            ["GRANT", _, pkg, sink, files] => {
                let (host, method, path) = sink_endpoint(sink);
                oracle_grants.insert(
                    (service_dir(pkg), host.into(), method.into(), path.into()),
                    files.split(',').map(str::to_string).collect(),
                );
            }
            _ => return Err(format!("oracle line {line:?}")),
        }
    }
    let complete = grants["complete"] == true;
    let deny_files = deny_files(&check);
    let mut problems = Vec::new();
    let mut found: BTreeSet<Grant> = BTreeSet::new();
    for s in grants["services"].as_array().unwrap() {
        let dir = s["dir"].as_str().unwrap().to_string();
        for p in s["pub"].as_array().unwrap() {
            let g: Grant = (
                dir.clone(),
                p["host"].as_str().unwrap().into(),
                p["method"].as_str().unwrap().into(),
                p["path"].as_str().unwrap().into(),
            );
            // A grant stands on a call site in a function the service can run: the innermost
            // function around the call must be live for it in Go's VTA.
            let runs = p["callSites"].as_array().unwrap().iter().any(|c| {
                let file = c["file"].as_str().unwrap();
                let line = c["line"].as_u64().unwrap();
                functions
                    .iter()
                    .filter(|(f, a, b)| f == file && *a <= line && line <= *b)
                    .min_by_key(|(_, a, b)| b - a)
                    .is_some_and(|inner| live.contains(&(dir.clone(), inner.clone())))
            });
            let vta_misses = VTA_MISSES
                .iter()
                .any(|(t, svc, host, _)| *t == rel && *svc == g.0 && *host == g.1);
            if runs && vta_misses {
                problems.push(format!(
                    "stale VTA_MISSES entry: VTA reaches {} -> {} now",
                    g.0, g.1
                ));
            }
            if !runs && !vta_misses {
                problems.push(format!(
                    "over-grant: {} -> {} {} {} (no call site in a function Go's VTA reaches from the service)",
                    g.0, g.1, g.2, g.3
                ));
            }
            found.insert(g);
        }
    }
    for (g, files) in &oracle_grants {
        if VTA_ONLY_GRANTS
            .iter()
            .any(|(t, svc, host, _)| *t == rel && *svc == g.0 && *host == g.1)
        {
            continue;
        }
        // A reviewed grant to any host (`*`) holds the call to this one.
        let any_host = (g.0.clone(), "*".to_string(), g.2.clone(), g.3.clone());
        let covered = !complete && files.iter().any(|f| deny_files.contains(f.as_str()));
        if !found.contains(g) && !found.contains(&any_host) && !covered {
            problems.push(format!(
                "miss: {} -> {} {} {} (path {}; complete: {complete})",
                g.0,
                g.1,
                g.2,
                g.3,
                files.join(",")
            ));
        }
    }
    Ok(problems)
}

#[test]
fn rootlint_grants_agree_with_go_vta_on_ui_tests_and_examples() {
    require_go();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = tempfile::tempdir().unwrap();
    let oracle = build_oracle(work.path());
    let excused: BTreeMap<&str, &str> = TREES_GO_CANNOT_BUILD.iter().copied().collect();
    // Trees are judged two at a time: most of a judgement is Go loading the standard library.
    let trees: Vec<String> = judged_trees(repo)
        .into_iter()
        .filter(|rel| has_go_code(&repo.join(rel)))
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut results: Vec<(usize, Result<Vec<String>, String>)> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(rel) = trees.get(i) else {
                            return out;
                        };
                        out.push((i, judge_tree(&oracle, work.path(), repo, rel)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap())
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    let mut failures = Vec::new();
    let mut judged = 0;
    for (i, result) in results {
        let rel = &trees[i];
        match (result, excused.get(rel.as_str())) {
            (Ok(problems), None) => {
                judged += 1;
                failures.extend(problems.into_iter().map(|p| format!("{rel}: {p}")));
            }
            (Ok(_), Some(_)) => failures.push(format!(
                "{rel}: Go builds it now; remove it from TREES_GO_CANNOT_BUILD"
            )),
            (Err(e), None) => failures.push(format!(
                "{rel}: Go cannot build it against the stand-ins (fix the tree, or list it in \
                 TREES_GO_CANNOT_BUILD with the reason):\n{e}"
            )),
            (Err(_), Some(_)) => {}
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
    println!("{judged} trees agree with Go's VTA");
    assert!(judged >= 30, "too few trees judged: {judged}");
}
