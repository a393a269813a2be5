//! ZIP and the ZIP-based office formats (DOCX/XLSX/PPTX/ODF, and their XML parts).
#![no_main]
use libfuzzer_sys::fuzz_target;
use sendwise_core::attach::{read, Limits};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"PK\x03\x04".to_vec();
    bytes.extend_from_slice(data.get(4..).unwrap_or_default());
    let _ = read(&bytes, &Limits::default());
});
