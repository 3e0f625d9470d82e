//! URL and route resolution: the template evaluator's `url_shape` and the literal parser agree
//! on every static URL, and joining a host with a route never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use rootlint_analyzer::fuzzing::literal_url_host_and_port;

fuzz_target!(|input: (String, String)| {
    let (a, b) = input;
    let _ = rootlint_analyzer::route::join_host_and_path(&a, &b);
    let _ = rootlint_analyzer::route::resolve_route(&a, &b, 443);
    if let Ok(t) = rootlint_analyzer::route::parse_url(&a) {
        if let Some((host, port)) = literal_url_host_and_port(&a) {
            assert_eq!((host.as_str(), port), (t.host.as_str(), t.port), "{a:?}");
        }
    }
});
