//! The `rootlint` command line: `check`, `grants`, `audit`, `explain`, `lints`.

mod config;
mod locate;
mod lsp;
mod render;

// Facts are many small allocations made on two threads and freed at once; glibc's allocator
// spends a fifth of a monorepo run consolidating them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rootlint_analyzer::diagnostic::Level;
use rootlint_analyzer::{Options, analyze};
use rootlint_lints::baseline::{self, Baseline};
use rootlint_lints::engine::{self, Outcome, Settings};

#[derive(Parser)]
#[command(
    name = "rootlint",
    version,
    about = "Guards the :666 trust-root tier of Microbus deployments"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report lint findings for a tree; exits 1 when a deny-level finding remains.
    Check {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Report :666 grants missing from this reviewed baseline, and its stale entries.
        #[arg(long, value_name = "FILE")]
        baseline: Option<PathBuf>,
        /// Colors in human output: `auto` (a terminal, without `NO_COLOR`), `always`, `never`.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
    },
    /// Emit the grant JSON (PUB and SUB :666 rules with evidence) that credential generation consumes.
    #[command(mut_arg("paths", |a| a.help("Folders or files that locate the project (the nearest `go.work`, `go.mod` or `rootlint.toml` above them); the output covers the whole project, wherever in it they point")))]
    Grants {
        #[command(flatten)]
        common: Common,
        /// Substitute this plane for the `{{plane}}` placeholder in subjects (nats-config: default `microbus`).
        #[arg(long)]
        plane: Option<String>,
        /// `json` (the grant JSON) or `nats-config` (a nats-server authorization block).
        #[arg(long, value_enum, default_value_t = GrantsFormat::Json)]
        format: GrantsFormat,
    },
    /// Print the trust-root surface: one {caller, host, method, path} line per :666 grant.
    #[command(mut_arg("paths", |a| a.help("Folders or files that locate the project (the nearest `go.work`, `go.mod` or `rootlint.toml` above them); the output covers the whole project, wherever in it they point")))]
    Audit {
        #[command(flatten)]
        common: Common,
        #[arg(long, value_enum, default_value_t = AuditFormat::Text)]
        format: AuditFormat,
        /// Record the surface as the reviewed baseline in FILE.
        #[arg(long, value_name = "FILE")]
        write_baseline: Option<PathBuf>,
    },
    /// Print the ledger as JSON: every reference to something that can reach :666, and whether
    /// the value flow follows it, reports it, or neither (a gap, which is also an
    /// `analysis_incomplete` finding); exits 1 when there is a gap.
    Ledger {
        #[command(flatten)]
        common: Common,
    },
    /// Run the language server on stdio (diagnostics, hover, go to definition, quick fixes).
    Lsp {
        /// Configuration file (default: `rootlint.toml` at the workspace root, if present).
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Print a lint's documentation.
    Explain {
        lint: String,
        /// Write to FILE instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// List every lint with its category and default level.
    Lints {
        /// `table` (Markdown, as in README) or `json`.
        #[arg(long, value_enum, default_value_t = LintsFormat::Table)]
        format: LintsFormat,
        /// Write to FILE instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Args)]
struct Common {
    /// Folders or files to report on. rootlint analyzes the project they belong to (the
    /// nearest `go.work`, `go.mod` or `rootlint.toml` above them) and reports the findings in
    /// them.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Configuration file (default: the nearest `rootlint.toml` in PATH or above it).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Write to FILE instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    output: Option<PathBuf>,
    /// Allow lints: names (`gencreds_blind_spot` or `gencreds-blind-spot`), comma lists, a
    /// category (`suspicious`), or `warnings` for every warning.
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Warn on lints (names, comma lists or a category, as for `-A`).
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Deny lints (names, comma lists, a category), or every warning with `-D warnings`. A
    /// lint's own level wins over its category's; given to several of -A/-W/-D, the strictest.
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Parse every Go file in full instead of only what can matter. Output does not depend on it.
    #[arg(long)]
    no_triage: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    /// One line per finding: `path:line:col: level[lint] message`.
    Concise,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum LintsFormat {
    Table,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum GrantsFormat {
    Json,
    NatsConfig,
}

#[derive(Clone, Copy, ValueEnum)]
enum AuditFormat {
    Text,
    Json,
}

/// The error `run` returns when a reader closed the pipe: the output stops quietly, as other
/// Unix tools stop on SIGPIPE (exit 141), never as a success.
const BROKEN_PIPE: &str = "\u{0}broken pipe";

/// Whether standard output was open when rootlint started: checked before any file is opened,
/// since a closed descriptor 1 would be reused by the next file rootlint opens.
static STDOUT_OPEN: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// Asks the kernel for 4 KiB pages only. The allocator requests transparent huge pages for its
/// arenas; each 2 MiB page is zeroed and resident in full when first touched, which costs a
/// tenth of the run and about 30 MB of peak memory on a large tree, for no gain.
fn small_pages_only() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// mimalloc's `mi_option_purge_delay` (the 16th option of `mi_option_e`, in its v2 and v3 alike).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// How long freed pages stay resident before they go back to the kernel: 10 ms rather than
/// mimalloc v3's default of a second. Facts are built on the worker threads and the catalog on
/// the main one, which cannot reuse the workers' free pages: with a second's delay, the texts
/// let go after the first pass stay resident while the rest of the analysis grows (8 MB of the
/// peak on an 8,000-service tree). At 0, every free is a system call and the pages fault in
/// again: the Debian Go sources took 0.29 s instead of 0.22 s.
const PURGE_DELAY_MS: std::ffi::c_long = 10;

/// Sets the purge delay ([`PURGE_DELAY_MS`]).
fn purge_freed_memory_soon() {
    // SAFETY: sets an integer option of the allocator before any thread but this one exists.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) }
}

fn main() -> ExitCode {
    small_pages_only();
    purge_freed_memory_soon();
    let _ = STDOUT_OPEN.set(stdout_was_open());
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) if message == BROKEN_PIPE => ExitCode::from(141),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Rust's runtime reopens a closed standard output on `/dev/null` (read-write) before `main`,
/// which would make every write succeed while nothing is written. A shell's `>/dev/null`
/// opens it write-only, so the two can be told apart (on Linux, through `/proc`).
fn stdout_was_open() -> bool {
    use std::os::fd::AsFd;
    if std::io::stdout().as_fd().try_clone_to_owned().is_err() {
        return false;
    }
    let target = std::fs::read_link("/proc/self/fd/1").ok();
    if target.as_deref() != Some(Path::new("/dev/null")) {
        return true;
    }
    let flags = std::fs::read_to_string("/proc/self/fdinfo/1")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
        });
    // O_ACCMODE is 3 and O_RDWR 2 on Linux.
    flags.is_none_or(|f| f & 3 != 2)
}

/// Writes the command's output to standard output. Rust's `print!` panics on a closed pipe and
/// silently drops output when standard output is closed; a security tool's output must either
/// arrive whole or fail visibly.
fn print_out(text: &str) -> Result<(), String> {
    use std::io::Write;
    use std::os::fd::AsFd;
    if STDOUT_OPEN.get() == Some(&false) {
        return Err("cannot write to standard output: it is closed".into());
    }
    let fd = std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map_err(|e| format!("cannot write to standard output: {e}"))?;
    let mut out = std::fs::File::from(fd);
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(BROKEN_PIPE.into()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Lsp { config } => {
            rootlint_analyzer::init_threads(None)?;
            Ok(ExitCode::from(lsp::run(config)?))
        }
        Command::Lints { format, output } => {
            let text = match format {
                LintsFormat::Table => render::lint_table(),
                LintsFormat::Json => render::lints_json(&|l| l.default_level()),
            };
            write_output(output.as_deref(), &text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { lint, output } => {
            let lint = rootlint_lints::find(&lint)
                .ok_or_else(|| rootlint_lints::names::unknown(&lint, false))?;
            write_output(
                output.as_deref(),
                &format!(
                    "# {} ({}, default {})\n\n{}",
                    lint.name,
                    lint.category.as_str(),
                    lint.default_level().as_str(),
                    lint.documentation()
                ),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Check {
            common,
            format,
            baseline,
            color,
        } => {
            let run = prepare(&common, baseline.as_deref())?;
            let diagnostics = &run.outcome.diagnostics;
            let cx = render::Context {
                analysis: &run.analysis,
                shown: locate::Shown::from_working_directory(&run.analysis.root),
                color: match color {
                    Color::Always => true,
                    Color::Never => false,
                    Color::Auto => color_by_default(common.output.is_none()),
                },
                levels: &|l| run.settings.level_of(l),
                repository: locate::repository_root(&run.analysis.root),
            };
            let emitter: &dyn render::Emitter<Output = String> = match format {
                Format::Human => &render::human::Human,
                Format::Concise => &render::concise::Concise,
                Format::Json => &render::json::Json,
                Format::Sarif => &render::sarif::Sarif,
                Format::Github => &render::github::Github,
            };
            let out = emitter.emit(&cx, diagnostics);
            let denied = diagnostics
                .iter()
                .any(|d| d.level == Level::Deny && d.suppressed.is_none());
            // The process ends here: freeing the analysis piece by piece would only cost time.
            std::mem::forget(run);
            write_output(common.output.as_deref(), &out)?;
            Ok(if denied {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Grants {
            common,
            plane,
            format,
        } => {
            // A plane is one token of the subject grammar, checked before any analysis.
            if let Some(why) = plane
                .as_deref()
                .and_then(rootlint_analyzer::subject::plane_problem)
            {
                return Err(format!("--plane: {why}"));
            }
            let run = prepare(&common, None)?;
            let outcome = &run.outcome;
            let text = match format {
                GrantsFormat::Json => match plane {
                    Some(plane) => outcome.grants.with_plane(&plane).to_json(),
                    None => outcome.grants.to_json(),
                },
                GrantsFormat::NatsConfig => {
                    render::nats::render(&outcome.grants, plane.as_deref().unwrap_or("microbus"))?
                }
            };
            write_output(common.output.as_deref(), &text)?;
            let code = incomplete_exit(outcome);
            std::mem::forget(run);
            code
        }
        Command::Ledger { common } => {
            let run = prepare(&common, None)?;
            let ledger = &run.analysis.ledger;
            write_output(common.output.as_deref(), &render::ledger_json(ledger))?;
            let code = if ledger.gaps.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            };
            std::mem::forget(run);
            Ok(code)
        }
        Command::Audit {
            common,
            format,
            write_baseline,
        } => {
            let run = prepare(&common, None)?;
            let outcome = &run.outcome;
            let surface = baseline::surface(&outcome.grants);
            if let Some(file) = write_baseline {
                write_output(Some(&file), &baseline::render(&surface))?;
                eprintln!(
                    "rootlint: recorded {} :666 grant{} in {}",
                    surface.len(),
                    if surface.len() == 1 { "" } else { "s" },
                    file.display()
                );
            } else {
                let out = match format {
                    AuditFormat::Json => baseline::render(&surface),
                    AuditFormat::Text => render::audit_text(&surface),
                };
                write_output(common.output.as_deref(), &out)?;
            }
            let code = incomplete_exit(outcome);
            std::mem::forget(run);
            code
        }
    }
}

/// A deploy step must not proceed on a surface rootlint could not prove complete.
fn incomplete_exit(outcome: &Outcome) -> Result<ExitCode, String> {
    if outcome.grants.complete {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "rootlint: the grants are incomplete (`\"complete\": false`); run `rootlint check` for the reasons"
    );
    Ok(ExitCode::from(1))
}

fn write_output(file: Option<&Path>, text: &str) -> Result<(), String> {
    match file {
        Some(f) => {
            std::fs::write(f, text).map_err(|e| format!("cannot write {}: {e}", f.display()))
        }
        None => print_out(text),
    }
}

/// Reads a baseline; inside the analyzed tree it is named relative to the root, like every other
/// file in the output, so that the output does not depend on where the tree is checked out.
fn read_baseline(file: &Path, root: &Path) -> Result<Baseline, String> {
    let text =
        rootlint_analyzer::discover::read_capped(file, rootlint_analyzer::discover::MAX_FILE_BYTES)
            .and_then(|b| {
                String::from_utf8(b).map_err(|_| "the file is not valid UTF-8".to_string())
            })
            .map_err(|e| format!("cannot read baseline {}: {e}", file.display()))?;
    let name = match file.canonicalize() {
        Ok(f) if f.starts_with(root) => rootlint_analyzer::discover::relative(root, &f),
        _ => file.display().to_string(),
    };
    Baseline::parse(&name, &text)
}

impl Common {
    /// `-A`, then `-W`, then `-D` (`-A a,b` as rustc takes it): when one name is given to more
    /// than one, the strictest wins.
    fn levels(&self) -> Vec<(&str, Level)> {
        [
            (&self.allow, Level::Allow),
            (&self.warn, Level::Warn),
            (&self.deny, Level::Deny),
        ]
        .into_iter()
        .flat_map(|(names, level)| {
            names
                .iter()
                .flat_map(|n| n.split(','))
                .map(move |n| (n, level))
        })
        .collect()
    }
}

/// One run of the engine: the analysis of the project, the settings, and the findings under the
/// given paths.
struct Run {
    analysis: rootlint_analyzer::Analysis,
    settings: Settings,
    outcome: Outcome,
}

/// Finds the project, reads its configuration (the command line wins), analyzes it and keeps
/// the findings under the given paths.
fn prepare(common: &Common, baseline: Option<&Path>) -> Result<Run, String> {
    rootlint_analyzer::init_threads(common.threads)?;
    let located = locate::locate(&common.paths, common.config.as_deref())?;
    let root = &located.root;
    let config = match &located.config {
        Some(file) => {
            let folder = file.parent().and_then(|f| f.canonicalize().ok());
            let below = folder
                .filter(|f| f.starts_with(root))
                .map(|f| rootlint_analyzer::discover::relative(root, &f))
                .unwrap_or_default();
            config::read_for(file, &below)?
        }
        None => config::Config::default(),
    };
    let baseline = baseline.map(|b| read_baseline(b, root)).transpose()?;
    let baseline_file = baseline.as_ref().map(|b| b.file.clone());
    let mut settings = Settings {
        baseline,
        ..config.settings()
    };
    for (name, level) in common.levels() {
        settings.set(rootlint_lints::names::select(name)?, level);
    }
    let options = Options {
        exclude: config.exclude,
        external_endpoints: config.endpoints,
        no_triage: common.no_triage,
        ..Options::default()
    };
    let analysis = analyze(root, &options);
    let mut outcome = engine::check(&analysis, &settings);
    // The whole project is analyzed; only what is under the given paths is reported (and the
    // baseline's own entries, wherever it is).
    outcome
        .diagnostics
        .retain(|d| located.in_scope(&d.file) || Some(&d.file) == baseline_file.as_ref());
    Ok(Run {
        analysis,
        settings,
        outcome,
    })
}

/// Colors by default only on a terminal, without `NO_COLOR`, and never into a file.
fn color_by_default(to_stdout: bool) -> bool {
    use std::io::IsTerminal;
    to_stdout && std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

#[cfg(test)]
mod tests {
    /// Option 15 is the one mimalloc reads from `MIMALLOC_PURGE_DELAY`, whatever its default:
    /// the test runs itself again with that variable set and reads the option there. Then the
    /// setting takes.
    #[test]
    fn the_purge_delay_is_the_option_set() {
        const PROBE: &str = "ROOTLINT_PURGE_DELAY_PROBE";
        if std::env::var_os(PROBE).is_some() {
            // SAFETY: reads an integer option.
            let read = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
            assert_eq!(read, 4321, "this option is not the purge delay");
            return;
        }
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "tests::the_purge_delay_is_the_option_set"])
            .env(PROBE, "1")
            .env("MIMALLOC_PURGE_DELAY", "4321")
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&child.stdout);
        assert!(child.status.success(), "{out}");
        assert!(out.contains("1 passed"), "the probe did not run: {out}");
        super::purge_freed_memory_soon();
        // SAFETY: as above.
        let now = unsafe { libmimalloc_sys::mi_option_get(super::MI_OPTION_PURGE_DELAY) };
        assert_eq!(now, super::PURGE_DELAY_MS);
    }
}
