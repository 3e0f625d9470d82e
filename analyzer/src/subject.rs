//! NATS subjects in the 2026 layout that the connector and gencreds use:
//! `<plane>.<trust>.<port>.<src>.<dest>.<id>.<method>.<path…>`.

/// The placeholder gencreds substitutes at signing time.
pub const PLANE: &str = "{{plane}}";

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

pub fn with_plane(subject: &str, plane: &str) -> String {
    subject.replacen(PLANE, plane, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
