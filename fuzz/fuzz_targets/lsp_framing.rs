//! The language server's framing on any byte stream: no panic, and it ends (every frame
//! consumes input).
#![no_main]
use libfuzzer_sys::fuzz_target;

#[path = "../../src/lsp/transport.rs"]
#[allow(dead_code)]
mod transport;

fuzz_target!(|data: &[u8]| {
    let mut reader = std::io::BufReader::new(data);
    let mut frames = 0;
    while transport::read_frame(&mut reader).is_some() {
        frames += 1;
        assert!(frames <= data.len() + 1, "a frame that consumed nothing");
    }
});
