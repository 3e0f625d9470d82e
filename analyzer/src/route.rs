//! Routes and URLs exactly as the framework resolves them (`httpx.JoinHostAndPath` followed by
//! `httpx.ParseURL`): default port 443 (80 for `http://`), `:port/path`, `//host:port/path`,
//! `https://host:port/path`, and `:0` for any port.

use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
/// Where a URL sends a request: host, port and path.
pub struct Target {
    /// The host, lower-cased.
    pub host: String,
    /// The port (443 when the URL gives none).
    pub port: u16,
    /// The path with its leading `/`, without query or fragment.
    pub path: String,
}

/// `httpx.JoinHostAndPath`, verbatim in behaviour.
pub fn join_host_and_path(host: &str, route: &str) -> String {
    if route.is_empty() {
        format!("https://{host}:443")
    } else if route.starts_with(':') {
        format!("https://{host}{route}")
    } else if route.starts_with("//") {
        format!("https:{route}")
    } else if route.starts_with('/') {
        format!("https://{host}:443{route}")
    } else if !route.contains("://") {
        format!("https://{host}:443/{route}")
    } else {
        route.to_string()
    }
}

/// A port as Go's `net/url` reads one: ASCII digits only (`u16::from_str` would also take
/// `+666`), at most 65535.
pub fn port_number(p: &str) -> Option<u16> {
    if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

/// The default port and length of an `http://` or `https://` prefix, in any case: `net/url`
/// lower-cases the scheme, so `HTTPS://h:666/x` is a :666 URL.
pub fn scheme_prefix(url: &str) -> Option<(u16, usize)> {
    let starts = |p: &str| {
        url.get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    if starts("https://") {
        Some((443, "https://".len()))
    } else if starts("http://") {
        Some((80, "http://".len()))
    } else {
        None
    }
}

/// Parses an absolute `http(s)://host[:port][/path][?query][#fragment]` URL.
pub fn parse_url(url: &str) -> Result<Target, String> {
    let Some((default_port, len)) = scheme_prefix(url) else {
        return Err(format!("`{url}` is not an absolute http(s) URL"));
    };
    let rest = &url[len..];
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (
            h,
            port_number(p).ok_or_else(|| format!("`{p}` in `{url}` is not a port number"))?,
        ),
        None => (authority, default_port),
    };
    if host.is_empty() {
        return Err(format!("`{url}` has no host"));
    }
    Ok(Target {
        host: host.to_ascii_lowercase(),
        port,
        path: if path.is_empty() {
            "/".into()
        } else {
            path.to_string()
        },
    })
}

/// `pub.RelativeURL`: `relative` resolved against the absolute `base` as Go's
/// `url.URL.ResolveReference` does (RFC 3986 section 5.2): a scheme or `//authority` replaces
/// the host and the port, an absolute path replaces the path, a relative path merges with the
/// base's, dot segments go. Userinfo, opaque URLs and other schemes are refused, not guessed.
pub fn resolve_reference(base: &str, relative: &str) -> Result<String, String> {
    let b = UrlParts::parse(base)?;
    if b.scheme.is_none() || b.authority.is_none() {
        return Err(format!("`{base}` is not an absolute URL"));
    }
    if relative.is_empty() {
        return Ok(base.to_string());
    }
    let r = UrlParts::parse(relative)?;
    let mut out = UrlParts {
        scheme: r.scheme.clone().or(b.scheme.clone()),
        ..UrlParts::default()
    };
    // An empty authority (`//`) counts as none, as in Go.
    let r_authority = r.authority.as_deref().is_some_and(|a| !a.is_empty());
    if r.scheme.is_some() || r_authority {
        out.authority = r.authority.clone();
        out.path = resolve_path(&r.path, "");
        out.query = r.query;
        out.fragment = r.fragment;
    } else {
        out.authority = b.authority.clone();
        out.path = resolve_path(&b.path, &r.path);
        if r.path.is_empty() && r.query.is_none() {
            out.query = b.query.clone();
            out.fragment = r.fragment.or(b.fragment.clone());
        } else {
            out.query = r.query;
            out.fragment = r.fragment;
        }
    }
    match out.scheme.as_deref() {
        Some("http" | "https") => {}
        _ => {
            return Err(format!(
                "`{relative}` resolves to a URL that is not http(s)"
            ));
        }
    }
    Ok(out.to_string())
}

/// Go's `path.Clean`, lexically: one slash between elements, no `.`, `..` resolved (at the
/// root, dropped), `/` for an empty rooted path and `.` for an empty relative one.
pub fn clean_path(p: &str) -> String {
    let rooted = p.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for seg in p.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|l| *l != "..") {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// The path `url.URL.JoinPath` gives: `path.Join` of the URL's path and the elements (cleaned),
/// keeping the last element's trailing slash, and relative when the URL's path was.
pub fn join_url_path(base_path: &str, elems: &[&str]) -> String {
    let rooted = base_path.starts_with('/');
    let mut all = vec![if rooted {
        base_path.to_string()
    } else {
        format!("/{base_path}")
    }];
    all.extend(elems.iter().map(|e| e.to_string()));
    // path.Join: the non-empty elements joined by slashes, then cleaned.
    let joined: Vec<&str> = all
        .iter()
        .map(String::as_str)
        .filter(|e| !e.is_empty())
        .collect();
    let mut p = if joined.is_empty() {
        String::new()
    } else {
        clean_path(&joined.join("/"))
    };
    if !rooted {
        p = p.strip_prefix('/').unwrap_or(&p).to_string();
    }
    let last = all.last().map_or("", String::as_str);
    if last.ends_with('/') && !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// Whether a URL reference has a scheme of its own (then resolving it ignores the base).
pub fn has_scheme(reference: &str) -> bool {
    UrlParts::parse(reference).is_ok_and(|p| p.scheme.is_some())
}

/// An absolute or relative URL cut into its parts (`url.Parse`, for what requests use).
#[derive(Default)]
struct UrlParts {
    /// Lower-cased, as Go does.
    scheme: Option<String>,
    authority: Option<String>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

impl UrlParts {
    fn parse(url: &str) -> Result<UrlParts, String> {
        if url.chars().any(|c| c.is_ascii_control()) {
            return Err("a URL with a control character".into());
        }
        let mut parts = UrlParts::default();
        let (rest, fragment) = match url.split_once('#') {
            Some((r, f)) => (r, Some(f.to_string())),
            None => (url, None),
        };
        // Go keeps an empty fragment as none.
        parts.fragment = fragment.filter(|f| !f.is_empty());
        let (mut rest, query) = match rest.split_once('?') {
            Some((r, q)) => (r, Some(q.to_string())),
            None => (rest, None),
        };
        parts.query = query;
        // A scheme: a letter, then letters, digits, `+`, `-`, `.`, up to the first `:`.
        if let Some(i) = rest.find(':') {
            let candidate = &rest[..i];
            let is_scheme = candidate
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && candidate
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
            if i == 0 {
                return Err(format!("`{url}` is missing a scheme"));
            }
            if is_scheme {
                parts.scheme = Some(candidate.to_ascii_lowercase());
                rest = &rest[i + 1..];
                if !rest.is_empty() && !rest.starts_with('/') {
                    return Err(format!("`{url}` is an opaque URL"));
                }
            } else if !rest[..i].contains('/') {
                // `a:b` without a valid scheme: Go refuses a colon in the first segment.
                return Err(format!("`{url}` has a colon in its first path segment"));
            }
        }
        // Without a scheme, `///x` is a path (Go's `url.Parse`).
        let authority =
            rest.starts_with("//") && (parts.scheme.is_some() || !rest.starts_with("///"));
        if let Some(after) = rest.strip_prefix("//").filter(|_| authority) {
            let end = after.find('/').unwrap_or(after.len());
            let authority = &after[..end];
            if authority.contains('@') {
                return Err(format!("`{url}` has user information"));
            }
            // Go's `parseHost`: what follows the last colon is a port, digits only.
            if let Some((_, port)) = authority.rsplit_once(':')
                && !port.bytes().all(|b| b.is_ascii_digit())
            {
                return Err(format!("`{url}` has an invalid port"));
            }
            parts.authority = Some(authority.to_string());
            rest = &after[end..];
        }
        parts.path = rest.to_string();
        Ok(parts)
    }
}

impl std::fmt::Display for UrlParts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(s) = &self.scheme {
            write!(f, "{s}:")?;
        }
        if let Some(a) = &self.authority {
            write!(f, "//{a}")?;
            if !self.path.is_empty() && !self.path.starts_with('/') {
                f.write_str("/")?;
            }
        }
        f.write_str(&self.path)?;
        if let Some(q) = &self.query {
            write!(f, "?{q}")?;
        }
        if let Some(x) = &self.fragment {
            write!(f, "#{x}")?;
        }
        Ok(())
    }
}

/// Go's `resolvePath`: the merged path with dot segments removed.
fn resolve_path(base: &str, reference: &str) -> String {
    let full = if reference.is_empty() {
        base.to_string()
    } else if !reference.starts_with('/') {
        let i = base.rfind('/').map_or(0, |i| i + 1);
        format!("{}{reference}", &base[..i])
    } else {
        reference.to_string()
    };
    if full.is_empty() {
        return String::new();
    }
    let mut dst = String::from("/");
    let mut first = true;
    let mut last = "";
    for elem in full.split('/') {
        last = elem;
        match elem {
            "." => first = false,
            ".." => {
                let kept = &dst[1..];
                match kept.rfind('/') {
                    Some(i) => dst = format!("/{}", &kept[..i]),
                    None => {
                        dst = "/".into();
                        first = true;
                    }
                }
            }
            _ => {
                if !first {
                    dst.push('/');
                }
                dst.push_str(elem);
                first = false;
            }
        }
    }
    if last == "." || last == ".." {
        dst.push('/');
    }
    if dst.len() > 1 && dst.as_bytes()[1] == b'/' {
        dst.remove(0);
    }
    dst
}

/// Resolves a declared route of the service `host`. Routes without a port get the feature
/// type's default port (443 for functions and webs, 417 for events, 428 for tasks).
pub fn resolve_route(host: &str, route: &str, default_port: u16) -> Result<Target, String> {
    let joined = join_host_and_path(host, route);
    let mut target = parse_url(&joined)?;
    let explicit_port = route.starts_with(':')
        || (route.contains("//")
            && route
                .split("//")
                .nth(1)
                .is_some_and(|r| r.split('/').next().is_some_and(|a| a.contains(':'))));
    if !explicit_port && target.port == 443 && default_port != 443 {
        target.port = default_port;
    }
    Ok(target)
}

/// The method a declaration accepts, upper-cased; empty means ANY.
pub fn declared_method(method: Option<&str>) -> String {
    match method.map(str::trim) {
        None | Some("") => "ANY".into(),
        Some(m) => m.to_ascii_uppercase(),
    }
}

/// The method that goes on the wire: the framework's clients never send ANY, they send POST.
pub fn wire_method(declared: &str) -> String {
    if declared == "ANY" {
        "POST".into()
    } else {
        declared.to_string()
    }
}

/// Whether a subscription on `pattern` (a declared route path) receives a request for `path`.
/// `{arg}` matches one segment, a last `{arg...}` the rest.
pub fn path_matches(pattern: &str, path: &str) -> bool {
    let pat: Vec<&str> = pattern.trim_start_matches('/').split('/').collect();
    let got: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    for (i, p) in pat.iter().enumerate() {
        let is_arg = p.starts_with('{') && p.ends_with('}');
        if is_arg && p.ends_with("...}") && i == pat.len() - 1 {
            return got.len() >= pat.len();
        }
        match got.get(i) {
            None => return false,
            Some(g) if is_arg && !g.is_empty() => {}
            Some(g) if g == p => {}
            Some(_) => return false,
        }
    }
    got.len() == pat.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(host: &str, port: u16, path: &str) -> Target {
        Target {
            host: host.into(),
            port,
            path: path.into(),
        }
    }

    #[test]
    fn ports_are_digits_as_go_reads_them() {
        assert_eq!(port_number("666"), Some(666));
        for bad in ["+666", "-1", "", " 666", "66 6", "65536", "0x1"] {
            assert_eq!(port_number(bad), None, "{bad:?}");
        }
        assert!(parse_url("https://a.core:+666/x").is_err());
        assert!(resolve_route("a.core", ":+666/x", 443).is_err());
    }

    #[test]
    fn routes_resolve_like_the_framework() {
        assert_eq!(
            resolve_route("a.core", ":666/mint", 443),
            Ok(t("a.core", 666, "/mint"))
        );
        assert_eq!(
            resolve_route("a.core", "/list", 443),
            Ok(t("a.core", 443, "/list"))
        );
        assert_eq!(
            resolve_route("a.core", "list", 443),
            Ok(t("a.core", 443, "/list"))
        );
        assert_eq!(resolve_route("a.core", "", 443), Ok(t("a.core", 443, "/")));
        assert_eq!(
            resolve_route("a.core", "//b.core:666/x", 443),
            Ok(t("b.core", 666, "/x"))
        );
        assert_eq!(
            resolve_route("a.core", "https://b.core/x", 443),
            Ok(t("b.core", 443, "/x"))
        );
        assert_eq!(
            resolve_route("a.core", ":0/any", 443),
            Ok(t("a.core", 0, "/any"))
        );
        assert_eq!(
            resolve_route("a.core", "/on-x", 417),
            Ok(t("a.core", 417, "/on-x"))
        );
        assert_eq!(
            resolve_route("a.core", ":428/step", 428),
            Ok(t("a.core", 428, "/step"))
        );
    }

    #[test]
    fn urls_parse_with_default_ports_and_drop_queries() {
        assert_eq!(parse_url("http://x.y/p?q=1"), Ok(t("x.y", 80, "/p")));
        assert_eq!(parse_url("https://X.Y:666"), Ok(t("x.y", 666, "/")));
        // Go lower-cases the scheme.
        assert_eq!(parse_url("HTTPS://x.y:666/a"), Ok(t("x.y", 666, "/a")));
        assert_eq!(parse_url("Http://x.y/a"), Ok(t("x.y", 80, "/a")));
        assert!(parse_url("httpx://x.y/a").is_err());
        assert!(parse_url("x.y/p").is_err());
        assert!(parse_url("https://x:abc/p").is_err());
    }

    #[test]
    fn methods() {
        assert_eq!(declared_method(None), "ANY");
        assert_eq!(declared_method(Some("post")), "POST");
        assert_eq!(wire_method("ANY"), "POST");
        assert_eq!(wire_method("GET"), "GET");
    }

    #[test]
    fn path_patterns() {
        assert!(path_matches("/roles/{id}", "/roles/7"));
        assert!(!path_matches("/roles/{id}", "/roles/7/x"));
        assert!(path_matches("/files/{rest...}", "/files/a/b"));
        assert!(path_matches("/mint", "/mint"));
        assert!(!path_matches("/mint", "/mints"));
    }
}
