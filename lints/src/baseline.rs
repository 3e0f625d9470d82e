//! The reviewed trust-root surface: one `{caller, host, method, path, subject}` entry per :666
//! grant. Entries are compared with their subject: the path `/roles/{id}` of a raw URL (a
//! literal `%7bid%7d` token) and of a route (a `*`) are two capabilities.
//! `rootlint audit --write-baseline FILE` records it; `rootlint check --baseline FILE` reports
//! every grant the file does not list and every entry that no longer exists. Entries carry no
//! line numbers, so edits that move code do not touch the baseline.

use serde::{Deserialize, Serialize};

use rootlint_analyzer::grants::Grants;

/// The `schema` of a baseline file.
pub const SCHEMA: &str = "rootlint.baseline/v2";

/// The first schema, whose entries had no subject: refused, never read as covering a subject.
const SCHEMA_V1: &str = "rootlint.baseline/v1";

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
/// One reviewed grant: who may call what.
pub struct Entry {
    /// The calling service's hostname.
    pub caller: String,
    /// The destination host.
    pub host: String,
    /// The method sent.
    pub method: String,
    /// The request path.
    pub path: String,
    /// The NATS subject the broker admits (with the `{{plane}}` placeholder).
    pub subject: String,
}

#[derive(Clone, Debug)]
/// The reviewed :666 surface (`--baseline`), against which new and stale grants are found.
pub struct Baseline {
    /// The file as the user named it, for diagnostics.
    pub file: String,
    /// Each entry with its 1-based line in the file.
    pub entries: Vec<(Entry, u32)>,
    /// The same entries, for lookups in constant time (baselines of large deployments are long).
    set: std::collections::HashSet<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    schema: String,
    grants: Vec<Entry>,
}

impl Baseline {
    /// Reads a baseline file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Baseline, String> {
        let doc: Document =
            serde_json::from_str(text).map_err(|e| format!("{file}:{}: {e}", e.line()))?;
        if doc.schema == SCHEMA_V1 {
            return Err(format!(
                "{file}: schema `{SCHEMA_V1}` records no subjects, so it cannot tell a literal `{{id}}` from a route argument (a wildcard); record it again with `rootlint audit --write-baseline {file}` and review the diff"
            ));
        }
        if doc.schema != SCHEMA {
            return Err(format!(
                "{file}: schema is `{}`, expected `{SCHEMA}`",
                doc.schema
            ));
        }
        // The line each entry starts on, however the file is formatted (one entry per line as
        // `render` writes it, or spread over lines by a JSON formatter): each `{` that opens an
        // entry is read as one.
        let mut line_of: std::collections::HashMap<Entry, u32> = std::collections::HashMap::new();
        let mut line = 1;
        let mut counted = 0;
        for (at, _) in text.match_indices('{') {
            let mut reader = serde_json::Deserializer::from_str(&text[at..]);
            let Ok(e) = <Entry as serde::Deserialize>::deserialize(&mut reader) else {
                continue;
            };
            line += text[counted..at].matches('\n').count() as u32;
            counted = at;
            line_of.entry(e).or_insert(line);
        }
        let entries: Vec<(Entry, u32)> = doc
            .grants
            .into_iter()
            .map(|e| {
                let line = line_of.get(&e).copied().unwrap_or(1);
                (e, line)
            })
            .collect();
        let set = entries.iter().map(|(e, _)| e.clone()).collect();
        Ok(Baseline {
            file: file.to_string(),
            entries,
            set,
        })
    }

    /// Whether `e` was reviewed.
    pub fn contains(&self, e: &Entry) -> bool {
        self.set.contains(e)
    }
}

/// The surface a grant JSON describes, sorted.
pub fn surface(grants: &Grants) -> Vec<Entry> {
    let mut out: Vec<Entry> = grants
        .services
        .iter()
        .flat_map(|s| {
            s.publish.iter().map(|p| Entry {
                caller: s.hostname.clone(),
                host: p.host.clone(),
                method: p.method.clone(),
                path: p.path.clone(),
                subject: p.subject.clone(),
            })
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// The baseline file: one entry per line, so that a review diff shows one line per capability.
pub fn render(entries: &[Entry]) -> String {
    let mut out = format!("{{\n  \"schema\": \"{SCHEMA}\",\n  \"grants\": [\n");
    for (i, e) in entries.iter().enumerate() {
        let sep = if i + 1 == entries.len() { "" } else { "," };
        out.push_str(&format!(
            "    {{\"caller\": {}, \"host\": {}, \"method\": {}, \"path\": {}, \"subject\": {}}}{sep}\n",
            serde_json::to_string(&e.caller).unwrap_or_default(),
            serde_json::to_string(&e.host).unwrap_or_default(),
            serde_json::to_string(&e.method).unwrap_or_default(),
            serde_json::to_string(&e.path).unwrap_or_default(),
            serde_json::to_string(&e.subject).unwrap_or_default()
        ));
    }
    out.push_str("  ]\n}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_and_parse_round_trip_with_lines() {
        let entries = vec![
            Entry {
                caller: "a.app".into(),
                host: "r.app".into(),
                method: "POST".into(),
                path: "/g".into(),
                subject: "{{plane}}.danger.666.a_app.r_app.*.POST.g".into(),
            },
            Entry {
                caller: "b.app".into(),
                host: "r.app".into(),
                method: "POST".into(),
                path: "/g".into(),
                subject: "{{plane}}.danger.666.a_app.r_app.*.POST.g".into(),
            },
        ];
        let b = Baseline::parse("b.json", &render(&entries)).unwrap();
        assert_eq!(
            b.entries
                .iter()
                .map(|(e, l)| (e.clone(), *l))
                .collect::<Vec<_>>(),
            vec![(entries[0].clone(), 4), (entries[1].clone(), 5)]
        );
        // Spread over lines by a JSON formatter: each entry's line is where its object opens.
        let pretty = serde_json::to_string_pretty(&serde_json::json!({
            "schema": SCHEMA,
            "grants": entries,
        }))
        .unwrap();
        let b = Baseline::parse("b.json", &pretty).unwrap();
        assert_eq!(
            b.entries.iter().map(|(_, l)| *l).collect::<Vec<_>>(),
            vec![3, 10]
        );
        assert!(Baseline::parse("b.json", "{\"schema\": \"x\", \"grants\": []}").is_err());
        // A first-schema file is refused with what to do, never read without subjects.
        let v1 = Baseline::parse(
            "b.json",
            "{\"schema\": \"rootlint.baseline/v1\", \"grants\": []}",
        )
        .unwrap_err();
        assert!(v1.contains("--write-baseline"), "{v1}");
        assert!(
            Baseline::parse("b.json", "{")
                .unwrap_err()
                .starts_with("b.json:1:")
        );
    }
}

#[cfg(test)]
mod subject_tests {
    use super::*;

    #[test]
    fn a_reviewed_literal_path_does_not_cover_a_route_argument() {
        let literal = Entry {
            caller: "admin.app".into(),
            host: "roles.app".into(),
            method: "POST".into(),
            path: "/roles/{id}".into(),
            subject: "{{plane}}.danger.666.admin_app.roles_app.*.POST.roles.%7bid%7d".into(),
        };
        let route = Entry {
            subject: "{{plane}}.danger.666.admin_app.roles_app.*.POST.roles.*".into(),
            ..literal.clone()
        };
        let b = Baseline::parse("b.json", &render(std::slice::from_ref(&literal))).unwrap();
        assert!(b.contains(&literal));
        assert!(!b.contains(&route));
    }
}
