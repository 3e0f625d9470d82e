//! `cargo xtask new-lint NAME --category C [--phase P]` and `cargo xtask update-lints [--check]`.

use std::process::ExitCode;

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = xtask::repository_root();
    let result = match args.first().map(String::as_str) {
        Some("new-lint") if args.len() >= 2 && !args[1].starts_with('-') => {
            let category = flag(&args, "--category").unwrap_or("suspicious");
            let phase = flag(&args, "--phase").unwrap_or("facts");
            xtask::new_lint(&root, &args[1], category, phase).and_then(|written| {
                for path in written {
                    eprintln!("wrote {}", path.display());
                }
                xtask::update_lints(&root, false).map(|_| ())
            })
        }
        Some("update-lints") => {
            let check = args.iter().any(|a| a == "--check");
            xtask::update_lints(&root, check).and_then(|stale| {
                for path in &stale {
                    eprintln!("{} {}", if check { "stale:" } else { "wrote" }, path.display());
                }
                if check && !stale.is_empty() {
                    Err("the lint registry, README table or docs are stale: run `cargo xtask update-lints`".into())
                } else {
                    Ok(())
                }
            })
        }
        _ => Err("usage: cargo xtask new-lint NAME --category correctness|suspicious [--phase facts|grants|findings] | update-lints [--check]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
