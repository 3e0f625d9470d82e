//! The Go fact extractor on any text: no panic, no unbounded recursion, and every span inside
//! the text with its start before its end.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Some(facts) = rootlint_analyzer::facts::go::from_source(src) else {
        return;
    };
    let len = src.len() as u32;
    let ok = |s: &rootlint_analyzer::span::Span| s.start_byte <= s.end_byte && s.end_byte <= len;
    for f in &facts.functions {
        assert!(ok(&f.span), "{:?}", f.span);
        for c in &f.calls {
            assert!(ok(&c.span), "{:?}", c.span);
        }
        for b in &f.bindings {
            assert!(ok(&b.span) && ok(&b.scope));
        }
    }
    for v in &facts.values {
        assert!(ok(&v.span));
    }
});
