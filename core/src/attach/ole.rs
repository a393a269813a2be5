//! OLE2 compound files, through the `cfb` crate: encrypted OOXML packages, rights-managed
//! documents, and legacy Word, Excel and PowerPoint files with their encryption flags.
//!
//! Legacy text is read approximately: printable runs (8-bit and UTF-16) of the main
//! stream, which finds names, numbers and words without parsing the binary formats.

use std::io::{Cursor, Read};

use super::{Extract, Format, Limits};

pub(super) fn read(bytes: &[u8], limits: &Limits, out: &mut Extract) -> Format {
    let mut cf = match cfb::CompoundFile::open(Cursor::new(bytes)) {
        Ok(cf) => cf,
        Err(e) => {
            out.note(format!("This Office file is damaged or incomplete ({e}), so it could not be checked."));
            return Format::Ole2;
        }
    };
    let streams: Vec<String> = cf
        .walk()
        .filter(|e| e.is_stream())
        .take(limits.max_members)
        .map(|e| e.path().to_string_lossy().into_owned())
        .collect();
    let has = |name: &str| streams.iter().any(|s| s.trim_start_matches('/') == name);
    if has("EncryptionInfo") && has("EncryptedPackage") {
        out.protected("Office password encryption");
        return Format::EncryptedOoxml;
    }
    if streams.iter().any(|s| s.contains("\u{6}DataSpaces")) {
        out.protected("rights management (IRM) protection");
        return Format::EncryptedOoxml;
    }
    let mut stream = |name: &str, out: &mut Extract| -> Option<Vec<u8>> {
        let mut s = cf.open_stream(format!("/{name}")).ok()?;
        let mut data = Vec::new();
        let cap = limits.max_member_out as u64;
        if let Err(e) = (&mut s).take(cap + 1).read_to_end(&mut data) {
            out.note(format!("Part of this Office file is damaged ({e}), so only part of it was checked."));
        }
        if data.len() as u64 > cap {
            data.truncate(limits.max_member_out);
            out.note(
                "This Office file is larger than sendwise reads; only part of it was checked.".to_owned(),
            );
        }
        Some(data)
    };
    if has("WordDocument") {
        let data = stream("WordDocument", out).unwrap_or_default();
        let flags = le16(&data, 0x0A).unwrap_or(0);
        // FIB base: fEncrypted (bit 8) and fObfuscated (bit 15, XOR obfuscation).
        if flags & 0x0100 != 0 || flags & 0x8000 != 0 {
            out.protected("Word password encryption");
        } else {
            runs(&data, limits, out);
        }
        return Format::Doc;
    }
    for book in ["Workbook", "Book"] {
        if has(book) {
            let data = stream(book, out).unwrap_or_default();
            if has_filepass(&data) {
                out.protected("Excel password encryption");
            } else {
                runs(&data, limits, out);
            }
            return Format::Xls;
        }
    }
    if has("PowerPoint Document") {
        let data = stream("PowerPoint Document", out).unwrap_or_default();
        if has("EncryptedSummary") || has_crypt_session(&data) {
            out.protected("PowerPoint password encryption");
        } else {
            runs(&data, limits, out);
        }
        return Format::Ppt;
    }
    for name in &streams {
        if out.text_full(limits) {
            break;
        }
        if let Some(data) = stream(name.trim_start_matches('/'), out) {
            runs(&data, limits, out);
        }
    }
    Format::Ole2
}

fn le16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

/// Whether a BIFF workbook stream has a FilePass record (0x002F) before its first EOF.
fn has_filepass(data: &[u8]) -> bool {
    let mut at = 0usize;
    for _ in 0..100_000 {
        let (Some(t), Some(l)) = (le16(data, at), le16(data, at + 2)) else { return false };
        let l = usize::from(l);
        match t {
            0x002F => return true,
            0x000A => return false, // EOF of the globals substream
            _ => at += 4 + l,
        }
    }
    false
}

/// Whether a PowerPoint stream holds a CryptSession10Container record (type 0x2F14).
fn has_crypt_session(data: &[u8]) -> bool {
    data.windows(4).any(|w| matches!(w, [v, _, 0x14, 0x2F] if v & 0x0F == 0x0F))
}

/// Printable runs of 8-bit (Windows-1252) and UTF-16LE text. Runs one or two
/// characters apart (a table's cell mark) are joined by a tab, others by a line break.
pub(super) fn runs(data: &[u8], limits: &Limits, out: &mut Extract) {
    const MIN: usize = 3;
    let printable = |c: char| c.is_alphanumeric() || " .,;:'()/&-@+\t£%#".contains(c);
    let mut text = String::new();
    let mut run = Run::default();
    // UTF-16LE runs.
    for (k, pair) in data.chunks_exact(2).enumerate() {
        let [lo, hi] = [pair.first().copied().unwrap_or(0), pair.get(1).copied().unwrap_or(0)];
        let c = char::from_u32(u32::from(u16::from_le_bytes([lo, hi]))).unwrap_or('\0');
        if printable(c) && !(hi == 0 && lo < 0x20) {
            run.push(c, k, &mut text);
        } else {
            run.flush(MIN);
        }
    }
    run.flush(MIN);
    run.end(&mut text);
    // 8-bit runs.
    for (k, &b) in data.iter().enumerate() {
        let c = super::text::cp1252(b);
        if printable(c) {
            run.push(c, k, &mut text);
        } else {
            run.flush(MIN + 1);
        }
    }
    run.flush(MIN + 1);
    run.end(&mut text);
    out.push_text(&text, limits);
    out.end_block(limits);
}

#[derive(Default)]
struct Run {
    cur: String,
    start: usize,
    /// Kept runs not yet written, with the position after each.
    kept: Vec<(String, usize, usize)>,
}

impl Run {
    fn push(&mut self, c: char, at: usize, text: &mut String) {
        if self.cur.is_empty() {
            self.start = at;
        }
        self.cur.push(c);
        if self.kept.len() > 256 {
            self.end(text);
        }
        let _ = at;
    }

    fn flush(&mut self, min: usize) {
        if self.cur.chars().filter(|c| c.is_alphanumeric()).count() >= min {
            let len = self.cur.chars().count();
            self.kept.push((self.cur.trim().to_owned(), self.start, self.start + len));
        }
        self.cur.clear();
    }

    fn end(&mut self, text: &mut String) {
        let mut last_end: Option<usize> = None;
        for (s, start, end) in self.kept.drain(..) {
            if let Some(e) = last_end {
                text.push(if start.saturating_sub(e) <= 2 { '\t' } else { '\n' });
            }
            text.push_str(&s);
            last_end = Some(end);
        }
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filepass_and_crypt_session_records() {
        let mut biff = vec![0x09, 0x08, 0x02, 0x00, 0, 0];
        biff.extend_from_slice(&[0x2F, 0x00, 0x00, 0x00]);
        assert!(has_filepass(&biff));
        assert!(!has_filepass(&[0x09, 0x08, 0, 0, 0x0A, 0, 0, 0, 0x2F, 0, 0, 0]));
        assert!(has_crypt_session(&[0x0F, 0x00, 0x14, 0x2F, 0, 0, 0, 0]));
    }
}
