//! `rootlint.toml`: the nearest one in a given path or above it, or `--config`. Unknown keys and
//! unknown lint names are errors that name the line of the bad key.
//!
//! ```toml
//! exclude = ["legacy/**"]                      # gitignore-style paths to leave out
//! identity-roots = ["auth.core/Issue"]         # replaces the default exemptions
//! development-bundles = ["cmd/dev/main.go"]    # bundles that never run in production
//!
//! [lints]
//! missing_required_claims = "deny"
//!
//! [[endpoints]]                                # :666 endpoints of services outside the tree
//! host = "payments.partner"
//! name = "Refund"
//! method = "POST"
//! route = ":666/refund"
//! package = "example.com/partner/paymentsapi"
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use rootlint_analyzer::diagnostic::Level;
use rootlint_analyzer::workspace::catalog::ExternalEndpoint;
use rootlint_lints::engine::Settings;
use rootlint_lints::names::Selector;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Default)]
pub struct Config {
    /// The `[lints]` table, in file order: lint names (with underscores or dashes), categories
    /// and `warnings`.
    pub levels: Vec<(Selector, Level)>,
    pub exclude: Vec<String>,
    pub identity_roots: Option<Vec<String>>,
    pub development_bundles: Vec<String>,
    pub endpoints: Vec<ExternalEndpoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Raw {
    #[serde(default)]
    lints: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    exclude: Vec<String>,
    identity_roots: Option<Vec<String>>,
    #[serde(default)]
    development_bundles: Vec<String>,
    #[serde(default)]
    endpoints: Vec<RawEndpoint>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawEndpoint {
    host: String,
    name: String,
    #[serde(default)]
    method: Option<String>,
    route: String,
    #[serde(default)]
    package: Option<String>,
    #[serde(default)]
    required_claims: Option<String>,
}

/// The most `exclude` patterns a configuration may hold: each is compiled into the walk's
/// matcher, whose size grows with every pattern.
pub const MAX_EXCLUDE_PATTERNS: usize = 10_000;

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

pub fn parse(file: &str, text: &str) -> Result<Config, String> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(1);
        format!("{file}:{line}: {}", e.message())
    })?;
    if raw.exclude.len() > MAX_EXCLUDE_PATTERNS {
        return Err(format!(
            "{file}: {} `exclude` patterns, more than the {MAX_EXCLUDE_PATTERNS} rootlint accepts",
            raw.exclude.len()
        ));
    }
    let mut levels = Vec::new();
    // By position in the file: a category set after one of its lints does not hide it anyway
    // (a lint's own setting wins), but the order of the file is the order a reader expects.
    let mut lints: Vec<_> = raw.lints.iter().collect();
    lints.sort_by_key(|(name, _)| name.span().start);
    for (name, level) in lints {
        let selector = rootlint_lints::names::select(name.get_ref())
            .map_err(|e| format!("{file}:{}: {e}", line_of(text, name.span().start)))?;
        let parsed = Level::parse(level.get_ref()).ok_or_else(|| {
            format!(
                "{file}:{}: `{}` is not a level (allow, warn, deny)",
                line_of(text, level.span().start),
                level.get_ref()
            )
        })?;
        levels.push((selector, parsed));
    }
    Ok(Config {
        levels,
        exclude: raw.exclude,
        identity_roots: raw.identity_roots,
        development_bundles: raw.development_bundles,
        endpoints: raw
            .endpoints
            .into_iter()
            .map(|e| ExternalEndpoint {
                host: e.host,
                name: e.name,
                method: e.method.unwrap_or_else(|| "ANY".into()),
                route: e.route,
                api_package: e.package,
                required_claims: e.required_claims,
            })
            .collect(),
    })
}

impl Config {
    /// The lint settings the configuration gives (the command line may add to them).
    pub fn settings(&self) -> Settings {
        let mut settings = Settings::default();
        for &(selector, level) in &self.levels {
            settings.set(selector, level);
        }
        if let Some(roots) = &self.identity_roots {
            settings.lint.identity_roots = roots.clone();
        }
        settings.lint.development_bundles = self.development_bundles.clone();
        settings
    }
}

/// The language server's configuration: `explicit` if given, else `<root>/rootlint.toml` if
/// present.
pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Config, String> {
    match explicit {
        Some(p) => read(p),
        None => {
            let p = root.join("rootlint.toml");
            if !p.exists() {
                return Ok(Config::default());
            }
            read(&p)
        }
    }
}

/// Reads a configuration file. Its `exclude` patterns are relative to its folder; `below` is
/// that folder's path below the analyzed root (`""` when it is the root), to which they are
/// rebased.
pub fn read_for(path: &Path, below: &str) -> Result<Config, String> {
    let mut config = read(path)?;
    if !below.is_empty() {
        config.exclude = config.exclude.iter().map(|p| rebase(below, p)).collect();
    }
    Ok(config)
}

/// A gitignore-style pattern of a file in folder `below`, as the root's pattern: anchored
/// patterns (a `/` at the start or inside) under `below`, the others at any depth under it.
fn rebase(below: &str, pattern: &str) -> String {
    let (negation, pattern) = match pattern.strip_prefix('!') {
        Some(p) => ("!", p),
        None => ("", pattern),
    };
    let anchored = pattern.trim_end_matches('/').contains('/');
    let pattern = pattern.trim_start_matches('/');
    if anchored {
        format!("{negation}/{below}/{pattern}")
    } else {
        format!("{negation}/{below}/**/{pattern}")
    }
}

fn read(path: &Path) -> Result<Config, String> {
    let path = path.to_path_buf();
    let text = rootlint_analyzer::discover::read_capped(
        &path,
        rootlint_analyzer::discover::MAX_FILE_BYTES,
    )
    .and_then(|b| String::from_utf8(b).map_err(|_| "the file is not valid UTF-8".to_string()))
    .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(&path.display().to_string(), &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let err = parse(
            "r.toml",
            "[lints]\nmissing_required_claims = \"deny\"\nno_such = \"warn\"\n",
        )
        .unwrap_err();
        assert!(err.starts_with("r.toml:3: unknown lint `no_such`; the lints are: "));
        let err = parse("r.toml", "[lints]\n\ngencreds-blindspot = \"warn\"\n").unwrap_err();
        assert_eq!(
            err,
            "r.toml:3: unknown lint `gencreds-blindspot`; did you mean `gencreds_blind_spot`?"
        );
        let err = parse("r.toml", "exclude = []\n\nsurprise = 1\n").unwrap_err();
        assert!(
            err.starts_with("r.toml:3: unknown field `surprise`"),
            "{err}"
        );
        let err = parse("r.toml", "[lints]\nmissing_required_claims = \"loud\"\n").unwrap_err();
        assert_eq!(err, "r.toml:2: `loud` is not a level (allow, warn, deny)");
        let err = parse(
            "r.toml",
            "[[endpoints]]\nhost = \"a\"\nname = \"b\"\nroute = \":666/x\"\nport = 1\n",
        )
        .unwrap_err();
        assert!(err.starts_with("r.toml:5: unknown field `port`"), "{err}");
    }

    #[test]
    fn exclude_patterns_of_a_configuration_below_the_root() {
        assert_eq!(rebase("svc", "legacy/**"), "/svc/legacy/**");
        assert_eq!(rebase("svc", "/gen"), "/svc/gen");
        assert_eq!(rebase("svc", "*.pb.go"), "/svc/**/*.pb.go");
        assert_eq!(rebase("a/b", "!keep/"), "!/a/b/**/keep/");
    }

    #[test]
    fn a_full_config() {
        let c = parse(
            "r.toml",
            "exclude = [\"legacy/**\"]\nidentity-roots = [\"auth.core/Issue\"]\n[lints]\ngencreds_blind_spot = \"allow\"\n[[endpoints]]\nhost = \"pay.partner\"\nname = \"Refund\"\nroute = \":666/refund\"\n",
        )
        .unwrap();
        let settings = c.settings();
        assert_eq!(
            settings.level_of(&rootlint_lints::lints::gencreds_blind_spot::GENCREDS_BLIND_SPOT),
            Level::Allow
        );
        assert_eq!(c.exclude, ["legacy/**"]);
        let grouped = parse(
            "r.toml",
            "[lints]\nmissing-required-claims = \"warn\"\nsuspicious = \"deny\"\nwarnings = \"allow\"\n",
        )
        .unwrap()
        .settings();
        use rootlint_lints::lints::{gencreds_blind_spot, missing_required_claims};
        assert_eq!(
            grouped.level_of(&gencreds_blind_spot::GENCREDS_BLIND_SPOT),
            Level::Deny
        );
        assert_eq!(
            grouped.level_of(&missing_required_claims::MISSING_REQUIRED_CLAIMS),
            Level::Allow,
            "its own level (warn) wins over the category's; then `warnings` applies"
        );
        assert_eq!(c.endpoints[0].method, "ANY");
        assert_eq!(c.identity_roots.unwrap(), ["auth.core/Issue"]);
    }
}
