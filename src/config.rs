//! `rootlint.toml`: found at the analyzed root or given with `--config`. Unknown keys and
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

use rootlint_analyzer::catalog::ExternalEndpoint;
use rootlint_analyzer::diagnostic::Level;
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Default)]
pub struct Config {
    pub levels: BTreeMap<String, Level>,
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
    let mut levels = BTreeMap::new();
    for (name, level) in &raw.lints {
        if rootlint_lints::find(name.get_ref()).is_none() {
            return Err(format!(
                "{file}:{}: unknown lint `{}`",
                line_of(text, name.span().start),
                name.get_ref()
            ));
        }
        let parsed = Level::parse(level.get_ref()).ok_or_else(|| {
            format!(
                "{file}:{}: `{}` is not a level (allow, warn, deny)",
                line_of(text, level.span().start),
                level.get_ref()
            )
        })?;
        levels.insert(name.get_ref().clone(), parsed);
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

/// The configuration for a run: `explicit` if given, else `<root>/rootlint.toml` if present.
pub fn load(root: &Path, explicit: Option<&Path>) -> Result<Config, String> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let p = root.join("rootlint.toml");
            if !p.exists() {
                return Ok(Config::default());
            }
            p
        }
    };
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
        assert_eq!(err, "r.toml:3: unknown lint `no_such`");
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
    fn a_full_config() {
        let c = parse(
            "r.toml",
            "exclude = [\"legacy/**\"]\nidentity-roots = [\"auth.core/Issue\"]\n[lints]\ngencreds_blind_spot = \"allow\"\n[[endpoints]]\nhost = \"pay.partner\"\nname = \"Refund\"\nroute = \":666/refund\"\n",
        )
        .unwrap();
        assert_eq!(c.levels["gencreds_blind_spot"], Level::Allow);
        assert_eq!(c.exclude, ["legacy/**"]);
        assert_eq!(c.endpoints[0].method, "ANY");
        assert_eq!(c.identity_roots.unwrap(), ["auth.core/Issue"]);
    }
}
