//! 7z: the signature header and, when the archive's header is itself compressed
//! (`kEncodedHeader`), the coders of that header. An AES coder (method id `06 F1 07 01`)
//! there means the file names and contents are encrypted. The contents themselves (LZMA)
//! are not decoded: an unencrypted 7z is noted as not fully checked.

use super::Extract;

const AES: [u8; 4] = [0x06, 0xF1, 0x07, 0x01];

pub(super) fn read(bytes: &[u8], out: &mut Extract) {
    let le64 = |at: usize| -> Option<u64> {
        let b: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
        Some(u64::from_le_bytes(b))
    };
    let (Some(offset), Some(size)) = (le64(12), le64(20)) else {
        out.note("This 7z file is damaged or incomplete, so it could not be checked.".to_owned());
        return;
    };
    let start = usize::try_from(offset).ok().and_then(|o| o.checked_add(32));
    let end = start.and_then(|s| usize::try_from(size).ok().and_then(|n| s.checked_add(n)));
    let Some(header) = start.zip(end).and_then(|(s, e)| bytes.get(s..e)) else {
        out.note("This 7z file is damaged or incomplete, so it could not be checked.".to_owned());
        return;
    };
    let aes = header.windows(AES.len()).any(|w| w == AES);
    match header.first() {
        // kEncodedHeader: the header is packed; an AES coder means names are encrypted too.
        Some(0x17) if aes => out.protected("7z AES encryption (file names included)"),
        // A plain header whose folders use AES: contents encrypted, names visible.
        Some(0x01) if aes => out.protected("7z AES encryption"),
        Some(0x17 | 0x01) => {
            out.unprotected_content = true;
            out.note("sendwise cannot read inside 7z archives that are not encrypted, so this one was not checked.".to_owned());
        }
        _ => out.note("This 7z file is damaged or incomplete, so it could not be checked.".to_owned()),
    }
}
