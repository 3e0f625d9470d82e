//! The manifest reader on any text: no panic; every endpoint it reads has a route and a span
//! inside the text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(m) = rootlint_analyzer::facts::manifest::parse(src) {
        if let Some(h) = &m.hostname {
            assert!(h.span.end_byte as usize <= src.len());
        }
    }
});
