//! PDF: a bounded scanner of our own, not a full parser.
//!
//! It walks the file once, skipping stream data: `/Encrypt` in any dictionary outside a
//! stream (the trailer of every incremental update, or a cross-reference stream's
//! dictionary) marks the file protected. Otherwise each stream is decoded (Flate through
//! `flate2`, ASCII85, ASCIIHex; images and fonts are skipped), object streams are searched
//! for font dictionaries, `ToUnicode` CMaps are parsed, and content streams' text operators
//! (`Tj`, `TJ`, `'`, `"`, with `Tf` choosing the font's map) give the text layer.
//!
//! Why not `lopdf`/`pdf-extract`: they build the whole object graph in memory and add
//! several hundred KB to the wasm; detecting `/Encrypt` and reading text operators needs
//! neither, and a single linear pass is easy to bound.

use std::collections::HashMap;
use std::io::Read;

use super::{Extract, Limits};

/// A `ToUnicode` map: code bytes per glyph and code → text.
#[derive(Debug, Default)]
struct CMap {
    width: usize,
    map: HashMap<u32, String>,
}

#[derive(Default)]
struct Doc {
    /// Object number → its CMap (for CMap streams).
    cmaps: HashMap<u32, CMap>,
    /// Font object number → its ToUnicode object number.
    to_unicode: HashMap<u32, u32>,
    /// Resource name ("F1") → object numbers it was bound to.
    names: HashMap<Vec<u8>, u32>,
    /// Decoded content streams, in file order.
    contents: Vec<Vec<u8>>,
}

pub(super) fn read(bytes: &[u8], limits: &Limits, out: &mut Extract) {
    let mut doc = Doc::default();
    let mut at = 0usize;
    let mut streams = 0usize;
    let mut encrypted = false;
    let mut damaged = false;
    while at < bytes.len() {
        let Some(rel) = find(bytes.get(at..).unwrap_or_default(), b"stream") else {
            scan_dicts(bytes.get(at..).unwrap_or_default(), None, &mut doc, &mut encrypted);
            break;
        };
        let kw = at + rel;
        // "endstream" also contains "stream": skip it.
        if kw >= 3 && bytes.get(kw - 3..kw) == Some(b"end") {
            scan_dicts(bytes.get(at..kw).unwrap_or_default(), None, &mut doc, &mut encrypted);
            at = kw + 6;
            continue;
        }
        let before = bytes.get(at..kw).unwrap_or_default();
        scan_dicts(before, None, &mut doc, &mut encrypted);
        // The stream's dictionary: from the last "<<" that opens it to the keyword.
        let dict_start = dict_start(bytes, kw).unwrap_or(kw);
        let dict = bytes.get(dict_start..kw).unwrap_or_default();
        let objnum = obj_number(bytes, dict_start);
        let mut data_start = kw + 6;
        if bytes.get(data_start) == Some(&b'\r') {
            data_start += 1;
        }
        if bytes.get(data_start) == Some(&b'\n') {
            data_start += 1;
        }
        let declared = direct_int(dict, b"/Length").and_then(|l| usize::try_from(l).ok());
        let end = match declared {
            Some(l)
                if bytes.get(data_start + l..).is_some_and(|rest| starts_after_ws(rest, b"endstream")) =>
            {
                data_start + l
            }
            _ => match find(bytes.get(data_start..).unwrap_or_default(), b"endstream") {
                Some(e) => data_start + e,
                None => {
                    damaged = true;
                    bytes.len()
                }
            },
        };
        let data = bytes.get(data_start..end).unwrap_or_default();
        at = end + 9;
        if encrypted {
            continue;
        }
        if skip_stream(dict) {
            continue;
        }
        streams += 1;
        if streams > limits.max_pdf_streams {
            out.note(format!(
                "This PDF has more than {} streams; only the first were checked.",
                limits.max_pdf_streams
            ));
            break;
        }
        let Some(decoded) = decode(dict, data, limits, out) else { continue };
        if has_name(dict, b"/ObjStm") {
            scan_object_stream(dict, &decoded, &mut doc, &mut encrypted);
        } else if has_name(dict, b"/XRef") {
            // Its dictionary was scanned above; nothing to read inside.
        } else if find(&decoded, b"begincmap").is_some() {
            if let Some(n) = objnum {
                doc.cmaps.insert(n, parse_cmap(&decoded));
            }
        } else {
            doc.contents.push(decoded);
        }
    }
    if encrypted || scan_tail_for_encrypt(bytes) {
        out.protected("PDF encryption");
        return;
    }
    if damaged {
        out.note("This PDF is damaged or incomplete, so only part of it was checked.".to_owned());
    }
    let mut text = String::new();
    for c in &doc.contents {
        content_text(c, &doc, &mut text);
        text.push('\n');
        if text.len() > limits.max_text {
            break;
        }
    }
    out.push_text(&text, limits);
    out.end_block(limits);
}

/// A trailer after the last stream is scanned in the main loop; this also catches an
/// `/Encrypt` in a file whose streams could not be delimited.
fn scan_tail_for_encrypt(bytes: &[u8]) -> bool {
    let tail = bytes.get(bytes.len().saturating_sub(4096)..).unwrap_or(bytes);
    let mut found = false;
    let mut doc = Doc::default();
    if let Some(t) = rfind(tail, b"trailer") {
        scan_dicts(tail.get(t..).unwrap_or_default(), None, &mut doc, &mut found);
    }
    found
}

/// Look at dictionaries outside streams: `/Encrypt`, fonts' `/ToUnicode`, resource names.
fn scan_dicts(region: &[u8], objnum: Option<u32>, doc: &mut Doc, encrypted: &mut bool) {
    let mut i = 0usize;
    let mut current = objnum;
    while let Some(&c) = region.get(i) {
        if c == b'o'
            && region.get(i..i + 3) == Some(b"obj")
            && !region.get(i + 3).is_some_and(u8::is_ascii_alphabetic)
        {
            if let Some(n) = obj_number(region, i + 3) {
                current = Some(n);
            }
            i += 3;
            continue;
        }
        if c != b'/' {
            i += 1;
            continue;
        }
        let name_end = region
            .get(i + 1..)
            .and_then(|r| r.iter().position(|&b| is_delim(b)))
            .map_or(region.len(), |p| i + 1 + p);
        let name = region.get(i + 1..name_end).unwrap_or_default();
        if name == b"Encrypt" {
            *encrypted = true;
        }
        if let Some(target) = reference_at(region, name_end) {
            if name == b"ToUnicode" {
                if let Some(font) = current {
                    doc.to_unicode.insert(font, target);
                }
            } else if !name.is_empty() && name.len() < 64 && doc.names.len() < 100_000 {
                doc.names.insert(name.to_vec(), target);
            }
        }
        i = name_end.max(i + 1);
    }
}

/// The objects of an object stream, each scanned as a dictionary region.
fn scan_object_stream(dict: &[u8], data: &[u8], doc: &mut Doc, encrypted: &mut bool) {
    let n = direct_int(dict, b"/N").unwrap_or(0).clamp(0, 100_000) as usize;
    let first = direct_int(dict, b"/First").unwrap_or(0).max(0) as usize;
    let header = data.get(..first.min(data.len())).unwrap_or_default();
    let nums: Vec<i64> = String::from_utf8_lossy(header)
        .split_ascii_whitespace()
        .take(n * 2)
        .filter_map(|s| s.parse().ok())
        .collect();
    let pairs: Vec<(u32, usize)> = nums
        .chunks_exact(2)
        .filter_map(|p| match p {
            [o, off] => Some((u32::try_from(*o).ok()?, usize::try_from(*off).ok()?)),
            _ => None,
        })
        .collect();
    for (k, &(obj, off)) in pairs.iter().enumerate() {
        let start = first + off;
        let end = pairs.get(k + 1).map_or(data.len(), |&(_, o)| first + o);
        if let Some(region) = data.get(start..end.max(start).min(data.len())) {
            scan_dicts(region, Some(obj), doc, encrypted);
        }
    }
}

/// Streams with no text: images, embedded fonts, colour profiles, metadata.
fn skip_stream(dict: &[u8]) -> bool {
    has_name(dict, b"/Image")
        || find(dict, b"/Length1").is_some()
        || find(dict, b"/Length2").is_some()
        || has_name(dict, b"/FontFile")
        || has_name(dict, b"/Metadata")
        || has_name(dict, b"/Type1C")
        || has_name(dict, b"/CIDFontType0C")
        || has_name(dict, b"/OpenType")
        || has_name(dict, b"/ICCBased")
        || find(dict, b"/N 3").is_some() && find(dict, b"/Alternate").is_some()
        || has_name(dict, b"/DCTDecode")
        || has_name(dict, b"/JPXDecode")
        || has_name(dict, b"/JBIG2Decode")
        || has_name(dict, b"/CCITTFaxDecode")
}

/// Apply the stream's filters; `None` for one we do not decode.
fn decode(dict: &[u8], data: &[u8], limits: &Limits, out: &mut Extract) -> Option<Vec<u8>> {
    let mut filters: Vec<(usize, &[u8])> = Vec::new();
    for f in [
        &b"/FlateDecode"[..],
        b"/Fl ",
        b"/ASCII85Decode",
        b"/A85",
        b"/ASCIIHexDecode",
        b"/AHx",
        b"/LZWDecode",
        b"/RunLengthDecode",
    ] {
        if let Some(p) = find(dict, f) {
            filters.push((p, f));
        }
    }
    filters.sort_by_key(|&(p, _)| p);
    let mut cur = data.to_vec();
    for (_, f) in filters {
        cur = match f {
            b"/FlateDecode" | b"/Fl " => inflate(&cur, limits, out),
            b"/ASCII85Decode" | b"/A85" => ascii85(&cur),
            b"/ASCIIHexDecode" | b"/AHx" => ascii_hex(&cur),
            _ => return None,
        };
    }
    Some(cur)
}

fn inflate(data: &[u8], limits: &Limits, out: &mut Extract) -> Vec<u8> {
    let cap = limits.max_pdf_stream_out.min(limits.max_total_out.saturating_sub(out.inflated));
    let mut buf = Vec::new();
    let mut dec = flate2::read::ZlibDecoder::new(data).take(cap as u64 + 1);
    // A damaged stream keeps what inflated before the damage.
    let mut chunk = [0u8; 16 * 1024];
    loop {
        match dec.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
        }
    }
    if buf.len() > cap {
        buf.truncate(cap);
        out.note(
            "A part of this PDF expands to more than sendwise reads, so only part of it was checked."
                .to_owned(),
        );
    }
    out.inflated = out.inflated.saturating_add(buf.len());
    buf
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut group = [0u32; 5];
    let mut n = 0usize;
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &c in body {
        match c {
            b'~' => break,
            b'z' if n == 0 => out.extend_from_slice(&[0, 0, 0, 0]),
            b'!'..=b'u' => {
                if let Some(g) = group.get_mut(n) {
                    *g = u32::from(c - b'!');
                }
                n += 1;
                if n == 5 {
                    let v = group.iter().fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
                    out.extend_from_slice(&v.to_be_bytes());
                    n = 0;
                }
            }
            _ => {}
        }
    }
    if n > 1 {
        for g in group.iter_mut().skip(n) {
            *g = 84;
        }
        let v = group.iter().fold(0u32, |acc, &d| acc.wrapping_mul(85).wrapping_add(d));
        out.extend_from_slice(v.to_be_bytes().get(..n - 1).unwrap_or_default());
    }
    out
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data.iter().take_while(|&&c| c != b'>').filter_map(|&c| hex_val(c)).collect();
    digits.chunks(2).map(|p| p.first().copied().unwrap_or(0) << 4 | p.get(1).copied().unwrap_or(0)).collect()
}

fn hex_val(c: u8) -> Option<u8> {
    (c as char).to_digit(16).and_then(|d| u8::try_from(d).ok())
}

fn parse_cmap(data: &[u8]) -> CMap {
    let mut cmap = CMap { width: 1, map: HashMap::new() };
    let text = String::from_utf8_lossy(data);
    if let Some(cs) = text.split("begincodespacerange").nth(1) {
        if let Some(first) = cs.split('<').nth(1).and_then(|s| s.split('>').next()) {
            cmap.width = (first.trim().len() / 2).clamp(1, 4);
        }
    }
    let hexes = |s: &str| -> Vec<String> {
        s.split('<').skip(1).filter_map(|p| p.split('>').next()).map(|h| h.trim().to_owned()).collect()
    };
    let code = |h: &str| u32::from_str_radix(h, 16).ok();
    let uni = |h: &str| -> String {
        let units: Vec<u16> = (0..h.len() / 4)
            .filter_map(|k| h.get(k * 4..k * 4 + 4))
            .filter_map(|x| u16::from_str_radix(x, 16).ok())
            .collect();
        char::decode_utf16(units).filter_map(Result::ok).collect()
    };
    for block in text.split("beginbfchar").skip(1) {
        let body = block.split("endbfchar").next().unwrap_or_default();
        for pair in hexes(body).chunks_exact(2) {
            if let [src, dst] = pair {
                if let Some(c) = code(src) {
                    cmap.map.insert(c, uni(dst));
                }
            }
        }
    }
    for block in text.split("beginbfrange").skip(1) {
        let body = block.split("endbfrange").next().unwrap_or_default();
        for line in body.lines() {
            let h = hexes(line);
            let (Some(lo), Some(hi)) = (h.first().and_then(|s| code(s)), h.get(1).and_then(|s| code(s)))
            else {
                continue;
            };
            if hi < lo || cmap.map.len() > 65_536 {
                continue;
            }
            let array = line.contains('[');
            for (k, c) in (lo..=hi.min(lo + 65_535)).enumerate() {
                let dst = if array {
                    h.get(2 + k).map(|s| uni(s))
                } else {
                    h.get(2).map(|s| {
                        let base = uni(s);
                        let mut chars: Vec<char> = base.chars().collect();
                        if let Some(last) = chars.last_mut() {
                            *last = char::from_u32(*last as u32 + k as u32).unwrap_or(*last);
                        }
                        chars.into_iter().collect()
                    })
                };
                if let Some(d) = dst {
                    cmap.map.insert(c, d);
                }
            }
        }
    }
    cmap
}

/// Operand kinds the text operators need.
enum Operand {
    Str(Vec<u8>),
    Name(Vec<u8>),
    Num(f64),
    Array(Vec<Operand>),
}

/// Text of one content stream, appended to `text`.
fn content_text(data: &[u8], doc: &Doc, text: &mut String) {
    let mut ops: Vec<Operand> = Vec::new();
    let mut font: Option<&CMap> = None;
    let mut last_y: Option<f64> = None;
    let mut i = 0usize;
    let mut array_stack: Vec<Vec<Operand>> = Vec::new();
    while let Some(&c) = data.get(i) {
        let push = |op: Operand, ops: &mut Vec<Operand>, arrays: &mut Vec<Vec<Operand>>| {
            if let Some(a) = arrays.last_mut() {
                if a.len() < 10_000 {
                    a.push(op);
                }
            } else if ops.len() < 64 {
                ops.push(op);
            }
        };
        match c {
            b'%' => {
                while data.get(i).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    i += 1;
                }
            }
            b'(' => {
                let (s, next) = literal(data, i + 1);
                push(Operand::Str(s), &mut ops, &mut array_stack);
                i = next;
                continue;
            }
            b'<' if data.get(i + 1) == Some(&b'<') => i += 1,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 1,
            b'<' => {
                let end = data
                    .get(i..)
                    .and_then(|r| r.iter().position(|&b| b == b'>'))
                    .map_or(data.len(), |p| i + p);
                push(
                    Operand::Str(ascii_hex(data.get(i + 1..end).unwrap_or_default())),
                    &mut ops,
                    &mut array_stack,
                );
                i = end + 1;
                continue;
            }
            b'[' if array_stack.len() < 8 => array_stack.push(Vec::new()),
            b']' => {
                if let Some(a) = array_stack.pop() {
                    push(Operand::Array(a), &mut ops, &mut array_stack);
                }
            }
            b'/' => {
                let end = data
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&b| is_delim(b)))
                    .map_or(data.len(), |p| i + 1 + p);
                push(
                    Operand::Name(data.get(i + 1..end).unwrap_or_default().to_vec()),
                    &mut ops,
                    &mut array_stack,
                );
                i = end;
                continue;
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                let end = data
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&b| !matches!(b, b'0'..=b'9' | b'.')))
                    .map_or(data.len(), |p| i + 1 + p);
                let n = std::str::from_utf8(data.get(i..end).unwrap_or_default())
                    .ok()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0.0);
                push(Operand::Num(n), &mut ops, &mut array_stack);
                i = end;
                continue;
            }
            b'a'..=b'z' | b'A'..=b'Z' | b'\'' | b'"' | b'*' => {
                let end = data
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&b| is_delim(b)))
                    .map_or(data.len(), |p| i + 1 + p);
                let op = data.get(i..end).unwrap_or_default();
                match op {
                    b"Tf" => {
                        let name = ops.iter().rev().find_map(|o| match o {
                            Operand::Name(n) => Some(n.as_slice()),
                            _ => None,
                        });
                        font = name
                            .and_then(|n| doc.names.get(n))
                            .and_then(|f| doc.to_unicode.get(f))
                            .and_then(|u| doc.cmaps.get(u));
                    }
                    b"Tj" | b"'" | b"\"" => {
                        if op != b"Tj" {
                            text.push('\n');
                        }
                        if let Some(Operand::Str(s)) = ops.last() {
                            decode_string(s, font, text);
                        }
                    }
                    b"TJ" => {
                        if let Some(Operand::Array(a)) = ops.last() {
                            for el in a {
                                match el {
                                    Operand::Str(s) => decode_string(s, font, text),
                                    Operand::Num(n) if *n < -250.0 => text.push(' '),
                                    _ => {}
                                }
                            }
                        }
                    }
                    b"Td" | b"TD" => {
                        let ty = match ops.as_slice() {
                            [.., Operand::Num(_), Operand::Num(y)] => *y,
                            _ => 0.0,
                        };
                        text.push(if ty.abs() > 0.01 { '\n' } else { ' ' });
                    }
                    b"T*" => text.push('\n'),
                    b"Tm" => {
                        let y = match ops.as_slice() {
                            [.., Operand::Num(y)] => Some(*y),
                            _ => None,
                        };
                        let same_line = matches!((y, last_y), (Some(a), Some(b)) if (a - b).abs() < 0.5);
                        text.push(if same_line { '\t' } else { '\n' });
                        last_y = y;
                    }
                    b"ET" => text.push(' '),
                    b"BI" => {
                        // Inline image: skip its data up to "EI".
                        let rest = data.get(end..).unwrap_or_default();
                        i = end + find(rest, b"EI").map_or(rest.len(), |p| p + 2);
                        ops.clear();
                        continue;
                    }
                    _ => {}
                }
                if array_stack.is_empty() {
                    ops.clear();
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
}

fn decode_string(s: &[u8], font: Option<&CMap>, text: &mut String) {
    match font {
        Some(cmap) if !cmap.map.is_empty() => {
            for code in s.chunks(cmap.width) {
                let c = code.iter().fold(0u32, |acc, &b| acc << 8 | u32::from(b));
                if let Some(t) = cmap.map.get(&c) {
                    text.push_str(t);
                }
            }
        }
        _ => {
            if let Some(utf16) = s.strip_prefix(&[0xFE, 0xFF]) {
                let units = utf16.chunks_exact(2).map(|p| {
                    u16::from_be_bytes([p.first().copied().unwrap_or(0), p.get(1).copied().unwrap_or(0)])
                });
                text.extend(char::decode_utf16(units).filter_map(Result::ok));
            } else {
                text.extend(
                    s.iter().map(|&b| super::text::cp1252(b)).filter(|c| !c.is_control() || *c == '\t'),
                );
            }
        }
    }
}

/// A literal string from after its `(`; returns the bytes and the index after its `)`.
fn literal(data: &[u8], mut i: usize) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut depth = 1usize;
    while let Some(&c) = data.get(i) {
        i += 1;
        match c {
            b'\\' => {
                let Some(&e) = data.get(i) else { break };
                i += 1;
                match e {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    b'b' | b'f' => {}
                    b'0'..=b'7' => {
                        let mut v = u32::from(e - b'0');
                        for _ in 0..2 {
                            match data.get(i) {
                                Some(&d @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(d - b'0');
                                    i += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push((v & 0xFF) as u8);
                    }
                    b'\r' | b'\n' => {
                        if e == b'\r' && data.get(i) == Some(&b'\n') {
                            i += 1;
                        }
                    }
                    other => out.push(other),
                }
            }
            b'(' => {
                depth += 1;
                out.push(c);
            }
            b')' => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
                out.push(c);
            }
            _ => out.push(c),
        }
        if out.len() > 1 << 20 {
            break;
        }
    }
    (out, i)
}

fn is_delim(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn starts_after_ws(rest: &[u8], word: &[u8]) -> bool {
    let skip = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    rest.get(skip..).is_some_and(|r| r.starts_with(word))
}

/// `N G R` right after a name.
fn reference_at(region: &[u8], at: usize) -> Option<u32> {
    let rest = region.get(at..at.saturating_add(32).min(region.len()))?;
    let s = std::str::from_utf8(rest.get(..rest.iter().position(|&b| b == b'R').unwrap_or(0))?).ok()?;
    let mut parts = s.split_ascii_whitespace();
    let n = parts.next()?.parse().ok()?;
    parts.next()?.parse::<u32>().ok()?;
    parts.next().is_none().then_some(n)
}

/// The number of the object whose `obj` keyword comes last before `at`.
fn obj_number(bytes: &[u8], at: usize) -> Option<u32> {
    let window = bytes.get(at.saturating_sub(4096)..at)?;
    let p = rfind(window, b" obj").or_else(|| rfind(window, b"\nobj"))?;
    let head = window.get(p.saturating_sub(24)..p)?;
    let s = String::from_utf8_lossy(head);
    let mut it = s.split_ascii_whitespace().rev();
    it.next()?.parse::<u32>().ok()?;
    it.next()?.parse().ok()
}

/// Where the dictionary ending just before `kw` ("stream") opens.
fn dict_start(bytes: &[u8], kw: usize) -> Option<usize> {
    let window_start = kw.saturating_sub(64 * 1024);
    let window = bytes.get(window_start..kw)?;
    let close = rfind(window, b">>")?;
    let mut depth = 0i32;
    let mut j = close + 2;
    while j >= 2 {
        j -= 1;
        match (window.get(j - 1), window.get(j)) {
            (Some(b'>'), Some(b'>')) => {
                depth += 1;
                j -= 1;
            }
            (Some(b'<'), Some(b'<')) => {
                depth -= 1;
                j -= 1;
                if depth == 0 {
                    return Some(window_start + j);
                }
            }
            _ => {}
        }
    }
    None
}

fn direct_int(dict: &[u8], key: &[u8]) -> Option<i64> {
    let mut from = 0usize;
    while let Some(p) = find(dict.get(from..)?, key) {
        let after = from + p + key.len();
        if dict.get(after).is_some_and(|&b| is_delim(b)) {
            let rest = dict.get(after..)?;
            let s = String::from_utf8_lossy(rest.get(..rest.len().min(40))?).into_owned();
            let mut parts =
                s.split(|c: char| c.is_ascii_whitespace() || c == '/' || c == '>').filter(|p| !p.is_empty());
            let n = parts.next()?.parse().ok()?;
            // "/Length 12 0 R" is indirect: not a direct integer.
            let indirect =
                matches!((parts.next(), parts.next()), (Some(g), Some("R")) if g.parse::<u32>().is_ok());
            return (!indirect).then_some(n);
        }
        from = after;
    }
    None
}

fn has_name(dict: &[u8], name: &[u8]) -> bool {
    let mut from = 0usize;
    while let Some(p) = dict.get(from..).and_then(|d| find(d, name)) {
        let after = from + p + name.len();
        if dict.get(after).is_none_or(|&b| is_delim(b)) {
            return true;
        }
        from = after;
    }
    false
}

pub(super) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = *needle.first()?;
    let mut i = 0usize;
    while let Some(p) = hay.get(i..).and_then(|h| h.iter().position(|&b| b == first)) {
        let at = i + p;
        if hay.get(at..at + needle.len()) == Some(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len().max(1)).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(pdf: &[u8]) -> Extract {
        let mut out = Extract::default();
        read(pdf, &Limits::default(), &mut out);
        out
    }

    #[test]
    fn plain_content_stream_text() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Length 44 >>\nstream\nBT /F1 12 Tf 72 700 Td (Hello \\(pupil\\)) Tj ET\nendstream\nendobj\ntrailer\n<< /Root 2 0 R >>\n%%EOF";
        let out = text_of(pdf);
        assert!(out.text.contains("Hello (pupil)"), "{:?}", out.text);
        assert!(out.protections.is_empty());
    }

    #[test]
    fn encrypt_in_trailer_or_xref_stream_dict() {
        let t = text_of(b"%PDF-1.4\ntrailer\n<< /Root 1 0 R /Encrypt 5 0 R >>\n%%EOF");
        assert_eq!(t.protections, ["PDF encryption"]);
        let x = text_of(b"%PDF-1.5\n9 0 obj\n<< /Type /XRef /Encrypt 3 0 R /Length 3 >>\nstream\nabc\nendstream\nendobj\n");
        assert_eq!(x.protections, ["PDF encryption"]);
        let m = text_of(b"%PDF-1.5\n9 0 obj\n<< /EncryptMetadata false >>\nendobj\n");
        assert!(m.protections.is_empty());
    }

    #[test]
    fn ascii85_round_trip() {
        assert_eq!(ascii85(b"<~87cURD]i,\"Ebo80~>"), b"Hello World!");
    }
}
