//! The `rootlint` command line: `check`, `grants`, `explain`, `lints`.

mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rootlint_analyzer::diagnostic::Level;
use rootlint_analyzer::{Options, analyze};
use rootlint_lints::engine::{self, Settings};

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
    },
    /// Emit the grant JSON (PUB and SUB :666 rules with evidence) that credential generation consumes.
    Grants {
        #[command(flatten)]
        common: Common,
        /// Write to FILE instead of stdout.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Substitute this plane for the `{{plane}}` placeholder in subjects.
        #[arg(long)]
        plane: Option<String>,
    },
    /// Print a lint's documentation.
    Explain { lint: String },
    /// List every lint with its default level.
    Lints,
}

#[derive(Args)]
struct Common {
    /// The tree to analyze.
    #[arg(default_value = ".")]
    path: PathBuf,
    /// Allow a lint (`-A LINT`).
    #[arg(short = 'A', long = "allow", value_name = "LINT")]
    allow: Vec<String>,
    /// Warn on a lint (`-W LINT`).
    #[arg(short = 'W', long = "warn", value_name = "LINT")]
    warn: Vec<String>,
    /// Deny a lint (`-D LINT`), or every warning with `-D warnings`.
    #[arg(short = 'D', long = "deny", value_name = "LINT")]
    deny: Vec<String>,
    /// Worker threads (default: one per core). Output does not depend on it.
    #[arg(long, short = 'j')]
    threads: Option<usize>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Lints => {
            print!("{}", render::lint_table());
            Ok(ExitCode::SUCCESS)
        }
        Command::Explain { lint } => {
            let lint = rootlint_lints::find(&lint).ok_or_else(|| unknown_lint(&lint))?;
            println!(
                "# {} ({}, default {})\n",
                lint.name,
                lint.category.as_str(),
                lint.default_level().as_str()
            );
            print!("{}", lint.documentation());
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { common, format } => {
            let (analysis, settings) = prepare(&common)?;
            let diagnostics = engine::check(&analysis, &settings).diagnostics;
            let out = match format {
                Format::Human => render::human::render(&analysis, &diagnostics, color()),
                Format::Json => render::json::render(&analysis, &diagnostics),
                Format::Sarif => {
                    render::sarif::render(&analysis, &diagnostics, &|l| settings.level_of(l))
                }
                Format::Github => render::github::render(&diagnostics),
            };
            print!("{out}");
            let denied = diagnostics
                .iter()
                .any(|d| d.level == Level::Deny && d.suppressed.is_none());
            Ok(if denied {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Grants {
            common,
            output,
            plane,
        } => {
            let (analysis, settings) = prepare(&common)?;
            let outcome = engine::check(&analysis, &settings);
            let grants = rootlint_analyzer::grants::build(&analysis, &outcome.justified_wildcards);
            let mut json = grants.to_json();
            if let Some(plane) = plane {
                json = json.replace(rootlint_analyzer::subject::PLANE, &plane);
            }
            match output {
                Some(file) => std::fs::write(&file, json)
                    .map_err(|e| format!("cannot write {}: {e}", file.display()))?,
                None => print!("{json}"),
            }
            if !grants.complete {
                eprintln!(
                    "rootlint: the grant JSON is incomplete (`\"complete\": false`); run `rootlint check` for the reasons"
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn unknown_lint(name: &str) -> String {
    let names: Vec<&str> = rootlint_lints::all().iter().map(|l| l.name).collect();
    format!("unknown lint `{name}`; the lints are: {}", names.join(", "))
}

fn prepare(common: &Common) -> Result<(rootlint_analyzer::Analysis, Settings), String> {
    if let Some(n) = common.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .map_err(|e| format!("cannot start {n} threads: {e}"))?;
    }
    let root = &common.path;
    if !root.is_dir() {
        return Err(format!("`{}` is not a folder", root.display()));
    }
    let mut settings = Settings::default();
    for (names, level) in [
        (&common.allow, Level::Allow),
        (&common.warn, Level::Warn),
        (&common.deny, Level::Deny),
    ] {
        for name in names {
            if name == "warnings" && level == Level::Deny {
                settings.deny_warnings = true;
                continue;
            }
            rootlint_lints::find(name).ok_or_else(|| unknown_lint(name))?;
            settings.levels.insert(name.clone(), level);
        }
    }
    let analysis = analyze(root, &Options::default());
    Ok((analysis, settings))
}

fn color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}
