//! URL and route resolution: the template evaluator's `url_shape` and the literal parser agree
//! on every static URL, and joining a host with a route never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rootlint_analyzer::resolve::values::{Template, url_shape};

fuzz_target!(|input: (String, String)| {
    let (a, b) = input;
    let _ = rootlint_analyzer::route::join_host_and_path(&a, &b);
    let _ = rootlint_analyzer::route::resolve_route(&a, &b, 443);
    let shape = url_shape(&Template::lit(a.clone()));
    if let Ok(t) = rootlint_analyzer::route::parse_url(&a) {
        if let (Ok(host), Ok(port)) = (&shape.host, &shape.port) {
            assert_eq!((host.as_str(), *port), (t.host.as_str(), t.port), "{a:?}");
        }
    }
});
