//! Plain text and CSV: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252.

use super::{Extract, Format, Limits};

/// Text or CSV if the bytes decode as text, else binary.
pub(super) fn sniff(bytes: &[u8]) -> Format {
    let sample = bytes.get(..8192).unwrap_or(bytes);
    let text = match decode(sample, true) {
        Some(t) => t,
        None => return Format::Binary,
    };
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let commas: Vec<usize> = lines
        .iter()
        .map(|l| l.matches(',').count().max(l.matches('\t').count()).max(l.matches(';').count()))
        .collect();
    let csv = lines.len() >= 2
        && commas.first().is_some_and(|&c| c >= 1)
        && commas.iter().filter(|&&c| Some(&c) == commas.first()).count() * 10 >= commas.len() * 7;
    if csv {
        Format::Csv
    } else {
        Format::Text
    }
}

pub(super) fn read(bytes: &[u8], limits: &Limits, out: &mut Extract) {
    let text = decode(bytes, false).unwrap_or_default();
    out.push_text(&text, limits);
    out.end_block(limits);
}

/// Decode bytes as text. With `strict`, only bytes that look like text decode (for sniffing).
pub(crate) fn decode(bytes: &[u8], strict: bool) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Some(String::from_utf8_lossy(rest).into_owned());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return Some(utf16(rest, u16::from_le_bytes));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return Some(utf16(rest, u16::from_be_bytes));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => {
            if strict && !mostly_text(s.chars()) {
                return None;
            }
            return Some(s.to_owned());
        }
        // A sample may end in the middle of a character.
        Err(e) if strict && e.error_len().is_none() => {
            let s = std::str::from_utf8(bytes.get(..e.valid_up_to()).unwrap_or_default()).unwrap_or_default();
            return mostly_text(s.chars()).then(|| s.to_owned());
        }
        Err(_) => {}
    }
    let s: String = bytes.iter().map(|&b| cp1252(b)).collect();
    if strict && !mostly_text(s.chars()) {
        return None;
    }
    Some(s)
}

fn mostly_text(chars: impl Iterator<Item = char>) -> bool {
    let (mut all, mut bad) = (0usize, 0usize);
    for c in chars {
        all += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}' {
            bad += 1;
        }
    }
    all > 0 && bad * 100 <= all
}

fn utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> String {
    let units =
        bytes.chunks_exact(2).map(|c| f([c.first().copied().unwrap_or(0), c.get(1).copied().unwrap_or(0)]));
    char::decode_utf16(units).map(|r| r.unwrap_or('\u{fffd}')).collect()
}

/// Windows-1252, the code page of most UK Windows exports.
pub(crate) fn cp1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
        '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH.get(usize::from(b - 0x80)).copied().unwrap_or('?'),
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_csv_text_and_binary() {
        assert_eq!(sniff(b"upn,first,last\nA1,B,C\nA2,D,E\n"), Format::Csv);
        assert_eq!(sniff(b"Dear all,\nthe trip is on Friday.\n"), Format::Text);
        assert_eq!(sniff(&[0u8, 1, 2, 3, 0x89, 0x50, 0x4e, 0x47, 0, 0]), Format::Binary);
        assert_eq!(decode(b"Zo\xEB", false).as_deref(), Some("Zoë"));
        assert_eq!(decode(b"\xFF\xFEh\0i\0", false).as_deref(), Some("hi"));
    }
}
