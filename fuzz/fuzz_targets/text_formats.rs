//! RTF, 7z headers, and plain text/CSV through the classifier (first byte picks the reader).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sendwise_core::attach::{read, Limits};

fuzz_target!(|data: &[u8]| {
    let (Some(&pick), Some(rest)) = (data.first(), data.get(1..)) else { return };
    let mut bytes = match pick % 3 {
        0 => b"{\\rtf1".to_vec(),
        1 => vec![b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C],
        _ => Vec::new(),
    };
    bytes.extend_from_slice(rest);
    let _ = read(&bytes, &Limits::default());
    let engine = sendwise_core::Engine::without_policy();
    let _ = engine.scan_attachment("fuzz.txt", rest);
});
