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

/// Parses an absolute `http(s)://host[:port][/path][?query][#fragment]` URL.
pub fn parse_url(url: &str) -> Result<Target, String> {
    let (default_port, rest) = if let Some(r) = url.strip_prefix("https://") {
        (443, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (80, r)
    } else {
        return Err(format!("`{url}` is not an absolute http(s) URL"));
    };
    let rest = rest.split(['?', '#']).next().unwrap_or("");
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (
            h,
            p.parse::<u16>()
                .map_err(|_| format!("`{p}` in `{url}` is not a port number"))?,
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
