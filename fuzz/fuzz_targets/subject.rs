//! The subject builder: for any hostnames, method and path that pass the token checks, a
//! request subject has the layout's eight tokens before the path, no empty token, and no
//! wildcard outside the instance slot (a typed route's `{arg}` aside).
#![no_main]
use libfuzzer_sys::fuzz_target;
use rootlint_analyzer::subject::{host_problem, method_problem, request_subject};

fuzz_target!(|input: (String, String, String, String)| {
    let (src, dest, method, path) = input;
    if host_problem(&src).is_some()
        || host_problem(&dest).is_some()
        || method_problem(&method).is_some()
    {
        return;
    }
    let path = format!("/{path}");
    let subject = request_subject(&src, &dest, 666, &method, &path, false);
    let tokens: Vec<&str> = subject.split('.').collect();
    assert!(tokens.len() >= 8, "{subject}");
    assert_eq!(&tokens[..3], &["{{plane}}", "danger", "666"], "{subject}");
    for (i, t) in tokens.iter().enumerate() {
        assert!(!t.is_empty(), "empty token in {subject}");
        if i != 5 {
            assert!(
                !t.contains('*') && !t.contains('>'),
                "wildcard in {subject}"
            );
        }
        assert!(
            !t.chars().any(|c| c.is_whitespace() || c.is_control()),
            "{subject:?}"
        );
    }
    assert_eq!(tokens[5], "*");
});
