//! Lint names as users write them: `gencreds_blind_spot` or `gencreds-blind-spot` (rustc accepts
//! both), a category (`correctness`, `suspicious`) for every lint in it, `warnings` for every
//! finding at the warn level; and a did-you-mean wherever a name is misspelt.

use crate::{Category, Lint};

/// What a name selects.
#[derive(Clone, Copy)]
pub enum Selector {
    /// One lint.
    Lint(&'static Lint),
    /// Every lint of a category (`-A suspicious`, `-D correctness`).
    Category(Category),
    /// Every finding whose level is `warn` once the other settings are applied (`-D warnings`,
    /// `-A warnings`).
    Warnings,
}

impl std::fmt::Debug for Selector {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Selector::Lint(lint) => write!(f, "Lint({})", lint.name),
            Selector::Category(c) => write!(f, "Category({})", c.as_str()),
            Selector::Warnings => f.write_str("Warnings"),
        }
    }
}

/// The canonical spelling of a lint name: lower case, underscores.
pub fn canonical(name: &str) -> String {
    name.trim().replace('-', "_").to_ascii_lowercase()
}

/// The lint a name (with dashes or underscores) names.
pub fn lint(name: &str) -> Option<&'static Lint> {
    let name = canonical(name);
    crate::all().iter().copied().find(|l| l.name == name)
}

/// What a name on the command line or in `rootlint.toml` selects, or an error that says what the
/// names are and, for a near miss, which one was meant.
pub fn select(name: &str) -> Result<Selector, String> {
    if let Some(lint) = lint(name) {
        return Ok(Selector::Lint(lint));
    }
    match canonical(name).as_str() {
        "warnings" => Ok(Selector::Warnings),
        "correctness" => Ok(Selector::Category(Category::Correctness)),
        "suspicious" => Ok(Selector::Category(Category::Suspicious)),
        _ => Err(unknown(name, true)),
    }
}

/// "unknown lint `x`", with the closest name when one is close, and otherwise the list of lints
/// (and, where groups are accepted, the groups).
pub fn unknown(name: &str, groups: bool) -> String {
    let shown = shown(name);
    match did_you_mean(name, groups) {
        Some(close) => format!("unknown lint `{shown}`; did you mean `{close}`?"),
        None => {
            let names: Vec<&str> = crate::all().iter().map(|l| l.name).collect();
            let groups = if groups {
                "; the groups are: correctness, suspicious, warnings"
            } else {
                ""
            };
            format!(
                "unknown lint `{shown}`; the lints are: {}{groups}",
                names.join(", ")
            )
        }
    }
}

/// A name as an error message may show it: control characters escaped, at most 64 characters
/// (it may come from a configuration file or a comment in a hostile tree).
fn shown(name: &str) -> String {
    let mut out: String = name.chars().take(64).flat_map(char::escape_debug).collect();
    if name.chars().nth(64).is_some() {
        out.push('…');
    }
    out
}

/// The known name closest to `name`, if it is close enough to be a typo: at most a third of
/// its letters differ (and at most three).
pub fn did_you_mean(name: &str, groups: bool) -> Option<&'static str> {
    let name = canonical(name);
    let group_names: &[&'static str] = if groups {
        &["correctness", "suspicious", "warnings"]
    } else {
        &[]
    };
    let limit = (name.chars().count() / 3).clamp(1, 3);
    crate::all()
        .iter()
        .map(|l| l.name)
        .chain(group_names.iter().copied())
        .map(|known| (edit_distance(&name, known, limit + 1), known))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, known)| known)
}

/// Levenshtein distance, cut off at `cap` (so a long hostile name costs little).
fn edit_distance(a: &str, b: &str, cap: usize) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) >= cap {
        return cap;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().all(|&d| d >= cap) {
            return cap;
        }
        previous = current;
    }
    previous[b.len()].min(cap)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_groups_and_near_misses() {
        assert!(matches!(
            select("gencreds-blind-spot"),
            Ok(Selector::Lint(l)) if l.name == "gencreds_blind_spot"
        ));
        assert!(matches!(
            select("suspicious"),
            Ok(Selector::Category(Category::Suspicious))
        ));
        assert!(matches!(select("WARNINGS"), Ok(Selector::Warnings)));
        assert_eq!(
            select("gencred_blind_spot").err().unwrap_or_default(),
            "unknown lint `gencred_blind_spot`; did you mean `gencreds_blind_spot`?"
        );
        assert_eq!(did_you_mean("corectness", true), Some("correctness"));
        assert_eq!(did_you_mean("corectness", false), None);
        let far = select("no_such_thing").err().unwrap_or_default();
        assert!(
            far.contains("the lints are: ") && far.contains("the groups are"),
            "{far}"
        );
        assert_eq!(did_you_mean(&"x".repeat(100_000), true), None);
        assert!(
            select("a\u{1b}[31m")
                .err()
                .unwrap_or_default()
                .starts_with("unknown lint `a\\u{1b}[31m`")
        );
    }

    #[test]
    fn edit_distance_is_levenshtein_up_to_the_cap() {
        assert_eq!(edit_distance("kitten", "sitting", 10), 3);
        assert_eq!(edit_distance("", "abc", 10), 3);
        assert_eq!(edit_distance("abc", "abc", 10), 0);
        assert_eq!(edit_distance("kitten", "sitting", 2), 2);
    }
}
