//! rootlint's lints. Each lint lives in its own file under `lints/` and is declared once with
//! [`declare_lint!`], which carries its documentation (What it does / Why is this bad / Example
//! / Use instead). `rootlint explain`, `rootlint lints`, SARIF rule metadata and the README
//! table all come from that one declaration.

pub mod baseline;
pub mod boolexp;
pub mod engine;
pub mod lints;
pub mod names;
pub mod suppression;

pub use rootlint_analyzer::diagnostic::{Diagnostic, Level};

use rootlint_analyzer::Analysis;

/// What a lint's category says about its default level (as clippy's categories do).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// Something is wrong or unproven in the trust-root surface: deny.
    Correctness,
    /// Something deserves a look from a reviewer: warn.
    Suspicious,
}

impl Category {
    /// Deny for correctness, warn for suspicious.
    pub fn default_level(self) -> Level {
        match self {
            Category::Correctness => Level::Deny,
            Category::Suspicious => Level::Warn,
        }
    }

    /// The category's name, as the command line takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Suspicious => "suspicious",
        }
    }
}

/// Settings a lint may read.
#[derive(Clone, Debug)]
pub struct LintSettings {
    /// Endpoints (`host/Name`) exempt from `missing_required_claims`.
    pub identity_roots: Vec<String>,
    /// Application bundles (`main.go` paths) that only run in development.
    pub development_bundles: Vec<String>,
}

impl Default for LintSettings {
    fn default() -> Self {
        LintSettings {
            identity_roots: vec![
                "access.token.core/Mint".into(),
                "bearer.token.core/Mint".into(),
            ],
            development_bundles: Vec::new(),
        }
    }
}

/// When a lint runs: most read the analysis; some need what the others produced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Over the analysis and its facts (the default).
    Facts,
    /// After suppressions are applied and the grants built (`cx.grants`): the baseline lints.
    Grants,
    /// Last, over every other finding (`cx.findings`): `unused_suppression`.
    Findings,
}

/// What a lint's check reads.
pub struct LintContext<'a> {
    /// The analysis.
    pub analysis: &'a Analysis,
    /// Its settings.
    pub settings: &'a LintSettings,
    /// The other lints' findings; set only for lints that run after them (`unused_suppression`).
    pub findings: &'a [Diagnostic],
    /// The grants; set only for lints of the `Grants` and `Findings` phases.
    pub grants: Option<&'a rootlint_analyzer::grants::Grants>,
    /// The baseline, if given.
    pub baseline: Option<&'a baseline::Baseline>,
    /// Every suppression comment of the tree, collected once per check.
    pub suppressions: &'a [suppression::Suppression],
}

/// A lint, as `declare_lint!` declares it.
pub struct Lint {
    /// Its name (underscores).
    pub name: &'static str,
    /// Its category, which sets its default level.
    pub category: Category,
    /// One line, for tables and SARIF's short description.
    pub summary: &'static str,
    /// Markdown with the headings `### What it does`, `### Why is this bad?`, `### Example`.
    pub docs: &'static str,
    /// Its check.
    pub check: fn(&LintContext) -> Vec<Diagnostic>,
    /// When it runs.
    pub phase: Phase,
}

impl Lint {
    /// The level its category gives it.
    pub fn default_level(&self) -> Level {
        self.category.default_level()
    }

    /// The documentation with the one leading space of each `///` line removed.
    pub fn documentation(&self) -> String {
        let mut out = String::new();
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }

    /// The lint's section of `docs/lints.md` (generated from the declarations), in the
    /// repository this rootlint was built from: see [`docs_url`].
    pub fn help_uri(&self) -> String {
        format!("{}#{}", docs_url(), self.name)
    }
}

/// Where `docs/lints.md` is published: `ROOTLINT_DOCS_URL` when it is set to an `https:`,
/// `http:` or `file:` URL (the GitHub Action sets it to the file in the action's repository at
/// the action's ref), else the file in the source tree this binary was built from.
pub fn docs_url() -> String {
    let acceptable = |url: &str| {
        ["https://", "http://", "file://"]
            .iter()
            .any(|scheme| url.starts_with(scheme))
            && url.len() <= 2048
            && !url
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '#')
    };
    match std::env::var("ROOTLINT_DOCS_URL") {
        Ok(url) if acceptable(&url) => url,
        _ => {
            let built_from = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
            let docs = built_from
                .parent()
                .unwrap_or(built_from)
                .join("docs/lints.md");
            format!("file://{}", docs.display())
        }
    }
}

/// Declares a lint, clippy-style: doc comment, `pub NAME, category, "summary"`, check function,
/// and the phase it runs in when not `Facts`. `cargo xtask update-lints` reads these
/// declarations (with the rustc lexer) to write the registry, the README table and the docs.
#[macro_export]
macro_rules! declare_lint {
    ($(#[doc = $doc:literal])* pub $NAME:ident, $category:ident, $summary:literal, $check:path) => {
        $crate::declare_lint! {
            $(#[doc = $doc])* pub $NAME, $category, $summary, $check, Facts
        }
    };
    ($(#[doc = $doc:literal])* pub $NAME:ident, $category:ident, $summary:literal, $check:path, $phase:ident) => {
        $(#[doc = $doc])*
        pub static $NAME: $crate::Lint = $crate::Lint {
            name: {
                // The lint name is the static's name in lower case.
                const NAME: &str = stringify!($NAME);
                const BYTES: [u8; NAME.len()] = {
                    let mut b = [0u8; NAME.len()];
                    let src = NAME.as_bytes();
                    let mut i = 0;
                    while i < src.len() {
                        b[i] = src[i].to_ascii_lowercase();
                        i += 1;
                    }
                    b
                };
                match std::str::from_utf8(&BYTES) {
                    Ok(s) => s,
                    Err(_) => panic!("lint names are ASCII"),
                }
            },
            category: $crate::Category::$category,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            check: $check,
            phase: $crate::Phase::$phase,
        };
    };
}

use rootlint_analyzer::callgraph::callsites::{CallSite, Shape};

/// How a call site names its target, for messages: `accesstokenapi.Mint`, or the raw call.
pub(crate) fn describe_call(site: &CallSite) -> String {
    match &site.shape {
        Shape::Typed {
            api_package,
            method,
            ..
        } => {
            format!(
                "{}.{method}",
                rootlint_analyzer::facts::go::default_package_name(api_package)
            )
        }
        Shape::Raw { publish: true } => "this Publish".to_string(),
        Shape::Raw { publish: false } => "this Request".to_string(),
    }
}

/// Every lint, in the order of the README table.
pub fn all() -> &'static [&'static Lint] {
    lints::ALL
}

/// The lint a name names, written with underscores or dashes (see [`names`]).
pub fn find(name: &str) -> Option<&'static Lint> {
    names::lint(name)
}
