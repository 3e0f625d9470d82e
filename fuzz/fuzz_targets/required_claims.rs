//! The `requiredClaims` checker on any text: no panic; an error points inside the expression.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let _ = rootlint_lints::boolexp::check(src);
});
