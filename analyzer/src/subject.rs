//! NATS subjects in the 2026 layout that the connector and gencreds use:
//! `<plane>.<trust>.<port>.<src>.<dest>.<id>.<method>.<path…>`.

/// The placeholder gencreds substitutes at signing time.
pub const PLANE: &str = "{{plane}}";

/// The methods a request can carry on the wire (`ANY` is a declaration, sent as `POST`).
pub const WIRE_METHODS: &[&str] = &[
    "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
];

/// Why a hostname cannot stand in a subject token, if it cannot: empty labels, wildcards,
/// spaces and control characters, non-ASCII, and the names the framework reserves (`all`,
/// `*.all`, a first label `id-…` or `loc-…`, which the connector moves to the instance slot).
/// Other URL specials are %-escaped by the connector and allowed.
pub fn host_problem(host: &str) -> Option<String> {
    if host.is_empty() {
        return Some("an empty hostname".into());
    }
    if host.len() > 253 {
        return Some("a hostname longer than 253 characters".into());
    }
    if let Some(c) = host.chars().find(|c| {
        !c.is_ascii()
            || c.is_ascii_control()
            || c.is_whitespace()
            || matches!(c, '*' | '>' | '/' | ':')
    }) {
        return Some(format!("a hostname holding {c:?}"));
    }
    if host.split('.').any(str::is_empty) {
        return Some("a hostname with an empty label".into());
    }
    let lower = host.to_ascii_lowercase();
    let first = lower.split('.').next().unwrap_or("");
    if lower == "all"
        || lower.ends_with(".all")
        || first.starts_with("id-")
        || first.starts_with("loc-")
    {
        return Some(format!("`{host}`, a hostname the framework reserves"));
    }
    None
}

/// Why a method cannot be sent on the wire, if it cannot. A raw request may send `ANY`
/// literally (the connector publishes it as its own token, which widens nothing).
pub fn method_problem(method: &str) -> Option<String> {
    let upper = method.to_ascii_uppercase();
    (!WIRE_METHODS.contains(&upper.as_str()) && upper != "ANY")
        .then(|| format!("{method:?}, which is not an HTTP method"))
}

/// `danger` for :666, `safe` for every other port.
pub fn trust(port: u16) -> &'static str {
    if port == 666 { "danger" } else { "safe" }
}

/// Hostnames are lower-cased, `.` becomes `_`, and URL specials are %-escaped.
pub fn flatten_host(host: &str) -> String {
    let mut out = String::with_capacity(host.len());
    for b in host.to_ascii_lowercase().bytes() {
        match b {
            b'.' => out.push('_'),
            b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => out.push(b as char),
            b'*' => out.push('*'),
            _ => out.push_str(&format!("%{b:02x}")),
        }
    }
    out
}

fn escape_path_part(part: &str) -> String {
    let mut out = String::with_capacity(part.len());
    for b in part.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02x}"));
        }
    }
    out
}

/// Subject tokens of a path. With `args_as_wildcards`, `{arg}` becomes `*` and a last
/// `{arg...}` becomes `>` (what a typed client may send, or what a subscription receives);
/// without it the path is a literal one from a URL and every byte is escaped.
pub fn path_tokens(path: &str, args_as_wildcards: bool) -> String {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    if trimmed.is_empty() {
        return "_".into();
    }
    let parts: Vec<&str> = trimmed.split('/').collect();
    let last = parts.len() - 1;
    parts
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let is_arg = p.starts_with('{') && p.ends_with('}');
            if p.is_empty() {
                "_".to_string()
            } else if args_as_wildcards && is_arg && i == last && p.ends_with("...}") {
                ">".to_string()
            } else if args_as_wildcards && is_arg {
                "*".to_string()
            } else {
                escape_path_part(p)
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// The subject a caller publishes a request on; `*` stands in the instance slot.
pub fn request_subject(
    src: &str,
    dest: &str,
    port: u16,
    method: &str,
    path: &str,
    args_as_wildcards: bool,
) -> String {
    format!(
        "{PLANE}.{}.{port}.{}.{}.*.{}.{}",
        trust(port),
        flatten_host(src),
        flatten_host(dest),
        method.to_ascii_uppercase(),
        path_tokens(path, args_as_wildcards)
    )
}

/// The subject an owner subscribes to for one endpoint: any source, any instance.
pub fn subscription_subject(host: &str, port: u16, declared_method: &str, path: &str) -> String {
    let method = if declared_method == "ANY" {
        "*".to_string()
    } else {
        declared_method.to_ascii_uppercase()
    };
    format!(
        "{PLANE}.{}.{port}.*.{}.*.{method}.{}",
        trust(port),
        flatten_host(host),
        path_tokens(path, true)
    )
}

/// Why a plane cannot stand as the first token of every subject, if it cannot: it must be one
/// NATS token of letters, digits, `-` and `_` (a `.`, `*`, `>`, a space or a quote would
/// widen every rule or break the file it is written to).
pub fn plane_problem(plane: &str) -> Option<String> {
    if plane.is_empty() {
        return Some("an empty plane".into());
    }
    if plane.len() > 64 {
        return Some("a plane longer than 64 characters".into());
    }
    plane
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_')))
        .map(|c| format!("a plane holding {c:?} (letters, digits, `-` and `_` only)"))
}

/// `subject` with its plane placeholder replaced by the deployment's `plane`.
pub fn with_plane(subject: &str, plane: &str) -> String {
    subject.replacen(PLANE, plane, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planes_are_one_plain_token() {
        assert_eq!(plane_problem("microbus"), None);
        assert_eq!(plane_problem("prod-eu_2"), None);
        for bad in [
            "",
            "*",
            ">",
            "a.b",
            "a b",
            "x\",\"complete\":false,\"y\":\"",
            "é",
            "a\n",
        ] {
            assert!(plane_problem(bad).is_some(), "{bad:?}");
        }
    }

    #[test]
    fn tokens_that_would_widen_a_subject_are_refused() {
        for bad in [
            "*",
            "",
            "a..b",
            ".a",
            "a.",
            "a b",
            "a*.b",
            "all",
            "x.all",
            "id-1.svc",
            "loc-eu.svc",
            "a>b",
            "é.x",
            "a\nb",
            "h:1",
        ] {
            assert!(host_problem(bad).is_some(), "{bad:?}");
        }
        for good in ["access.token.core", "my$.xml", "a-b.c_d", "svc0001.mono"] {
            assert_eq!(host_problem(good), None, "{good:?}");
        }
        for bad in ["*", "GET.any.*.x", "", "PO ST", ">", "GET*"] {
            assert!(method_problem(bad).is_some(), "{bad:?}");
        }
        assert_eq!(method_problem("post"), None);
    }

    #[test]
    fn subjects_match_the_connector_goldens() {
        assert_eq!(
            with_plane(
                &request_subject(
                    "http.ingress.core",
                    "access.token.core",
                    666,
                    "POST",
                    "/mint",
                    true
                ),
                "microbus"
            ),
            "microbus.danger.666.http_ingress_core.access_token_core.*.POST.mint"
        );
        assert_eq!(flatten_host("my$.xml"), "my%24_xml");
        assert_eq!(
            path_tokens("/PATH/to/file.html", false),
            "PATH.to.file%2ehtml"
        );
        assert_eq!(
            path_tokens("/foo/{foo}/bar/{bar}", false),
            "foo.%7bfoo%7d.bar.%7bbar%7d"
        );
        assert_eq!(path_tokens("/foo/{foo}/x/{rest...}", true), "foo.*.x.>");
        assert_eq!(path_tokens("/", true), "_");
        assert_eq!(path_tokens("/a//b_c", true), "a._.b%5fc");
        assert_eq!(
            subscription_subject("access.token.core", 666, "ANY", "/mint"),
            "{{plane}}.danger.666.*.access_token_core.*.*.mint"
        );
    }
}
