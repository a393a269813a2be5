//! OLE2 compound files (DOC/XLS/PPT, encrypted OOXML).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sendwise_core::attach::{read, Limits};

fuzz_target!(|data: &[u8]| {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend_from_slice(data.get(8..).unwrap_or_default());
    let _ = read(&bytes, &Limits::default());
});
