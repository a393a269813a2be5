//! RTF: text with control words removed, `\par`/`\row` as line breaks, `\cell` and `\tab`
//! as tabs, `\'hh` as Windows-1252 and `\uN` as Unicode. Destinations that hold no body
//! text (font and colour tables, `\*` groups, pictures) are skipped.

use super::{Extract, Limits};

/// Groups whose text is not part of the document body.
const SKIP: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "themedata",
    "colorschememapping",
    "datastore",
    "latentstyles",
    "listtable",
    "listoverridetable",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "filetbl",
];

pub(super) fn read(bytes: &[u8], limits: &Limits, out: &mut Extract) {
    let mut text = String::new();
    // For each open group: whether its text is skipped.
    let mut groups: Vec<bool> = Vec::new();
    let mut skip = false;
    let mut uc_skip = 1usize; // characters to skip after \uN
    let mut pending_skip = 0usize;
    let mut i = 0usize;
    while let Some(&c) = bytes.get(i) {
        i += 1;
        match c {
            b'{' => {
                if groups.len() < 1000 {
                    groups.push(skip);
                } else {
                    out.note("This RTF file is nested too deeply to check it all.".to_owned());
                    break;
                }
            }
            b'}' => skip = groups.pop().unwrap_or(false),
            b'\\' => {
                let Some(&n) = bytes.get(i) else { break };
                if n == b'\'' {
                    let h = bytes
                        .get(i + 1..i + 3)
                        .and_then(|h| std::str::from_utf8(h).ok())
                        .and_then(|h| u8::from_str_radix(h, 16).ok());
                    i += 3;
                    if pending_skip > 0 {
                        pending_skip -= 1;
                    } else if let (Some(b), false) = (h, skip) {
                        text.push(super::text::cp1252(b));
                    }
                    continue;
                }
                if !n.is_ascii_alphabetic() {
                    i += 1;
                    match n {
                        b'*' => skip = true,
                        b'~' if !skip => text.push('\u{a0}'),
                        b'\\' | b'{' | b'}' if !skip => text.push(char::from(n)),
                        b'\n' | b'\r' if !skip => text.push('\n'),
                        _ => {}
                    }
                    continue;
                }
                let start = i;
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                let word = std::str::from_utf8(bytes.get(start..i).unwrap_or_default()).unwrap_or_default();
                let num_start = i;
                if bytes.get(i) == Some(&b'-') {
                    i += 1;
                }
                while bytes.get(i).is_some_and(u8::is_ascii_digit) && i - num_start < 10 {
                    i += 1;
                }
                let num: Option<i64> = std::str::from_utf8(bytes.get(num_start..i).unwrap_or_default())
                    .ok()
                    .and_then(|s| s.parse().ok());
                if bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
                if SKIP.contains(&word) {
                    skip = true;
                    continue;
                }
                if skip {
                    continue;
                }
                match word {
                    "par" | "line" | "row" | "sect" | "page" => text.push('\n'),
                    "cell" | "tab" => text.push('\t'),
                    "uc" => uc_skip = num.and_then(|n| usize::try_from(n).ok()).unwrap_or(1).min(4),
                    "u" => {
                        let v = num.unwrap_or(0);
                        let v = if v < 0 { v + 65_536 } else { v };
                        if let Some(ch) = u32::try_from(v).ok().and_then(char::from_u32) {
                            text.push(ch);
                        }
                        pending_skip = uc_skip;
                    }
                    _ => {}
                }
            }
            b'\r' | b'\n' => {}
            _ => {
                if pending_skip > 0 {
                    pending_skip -= 1;
                } else if !skip {
                    text.push(super::text::cp1252(c));
                }
            }
        }
        if text.len() > limits.max_text {
            break;
        }
    }
    out.push_text(&text, limits);
    out.end_block(limits);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtf_text_and_tables() {
        let rtf = br"{\rtf1\ansi{\fonttbl{\f0 Calibri;}}{\*\generator x;}\pard Zo\'eb M\u252?ller\par \intbl Name\cell FSM\cell \row}";
        let mut out = Extract::default();
        read(rtf, &Limits::default(), &mut out);
        assert_eq!(out.text.trim_matches('\n'), "Zoë Müller\nName\tFSM\t");
    }
}
