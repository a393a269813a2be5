//! The PDF scanner (encryption, streams, CMaps, content operators).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sendwise_core::attach::{read, Limits};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(data);
    let _ = read(&bytes, &Limits::default());
});
