//! Any bytes as an attachment: sniffing plus every reader, through the public scan.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let engine = sendwise_core::Engine::without_policy();
    let _ = engine.scan_attachment("fuzz", data);
});
