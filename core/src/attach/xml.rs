//! Text from the XML parts of office documents, through `quick-xml` (a streaming reader: no
//! tree is built, so memory stays at the size of the part and the text taken from it).
//!
//! Cells end with a tab and rows, paragraphs and slides' paragraphs with a line break, so the
//! classifier can read tables as tables.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::{Extract, Limits};

/// Which vocabulary a part is in.
#[derive(Debug, Clone, Copy)]
pub(super) enum Mode<'a> {
    /// WordprocessingML (`w:t`, `w:p`, `w:tc`, `w:tr`).
    Word,
    /// DrawingML in slides (`a:t`, `a:p`).
    Slide,
    /// SpreadsheetML worksheet, with the workbook's shared strings and date styles.
    Sheet { shared: &'a [String], dates: &'a [bool] },
    /// OpenDocument `content.xml`.
    Odf,
}

fn reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml);
    let cfg = r.config_mut();
    cfg.trim_text(false);
    cfg.check_end_names = false;
    cfg.expand_empty_elements = false;
    r
}

fn attr(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}

fn malformed(out: &mut Extract) {
    out.note("Part of this document is damaged (malformed XML), so only part of it was checked.".to_owned());
}

/// Extract a part's text into `out`.
pub(super) fn text(xml: &[u8], mode: Mode<'_>, limits: &Limits, out: &mut Extract) {
    let mut r = reader(xml);
    let mut buf = String::new();
    let mut in_t = false; // inside a text run element (w:t, a:t, t)
    let mut in_cell = 0usize; // table cell depth
    let mut in_v = false;
    let mut cell_type: Vec<u8> = Vec::new();
    let mut cell_style = 0usize;
    let mut in_phonetic = false;
    loop {
        let ev = match r.read_event() {
            Ok(ev) => ev,
            Err(_) => {
                malformed(out);
                break;
            }
        };
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.local_name();
                match (mode, name.as_ref()) {
                    (Mode::Word | Mode::Slide, b"t") => in_t = true,
                    (Mode::Word, b"tc") | (Mode::Odf, b"table-cell") => in_cell += 1,
                    (Mode::Sheet { .. }, b"c") => {
                        cell_type.clear();
                        cell_style = 0;
                        for a in e.attributes().flatten() {
                            match a.key.local_name().as_ref() {
                                b"t" => cell_type.extend_from_slice(&a.value),
                                b"s" => {
                                    cell_style = std::str::from_utf8(&a.value)
                                        .ok()
                                        .and_then(|s| s.parse().ok())
                                        .unwrap_or(0)
                                }
                                _ => {}
                            }
                        }
                    }
                    (Mode::Sheet { .. }, b"v") => in_v = true,
                    (Mode::Sheet { .. }, b"t") => in_t = true,
                    (Mode::Sheet { .. }, b"rPh") => in_phonetic = true,
                    _ => {}
                }
            }
            Event::Empty(e) => match (mode, e.local_name().as_ref()) {
                (Mode::Word, b"tab") | (Mode::Odf, b"tab") => buf.push('\t'),
                (Mode::Word, b"br" | b"cr") | (Mode::Slide, b"br") | (Mode::Odf, b"line-break") => {
                    buf.push('\n')
                }
                (Mode::Odf, b"s") => buf.push(' '),
                (Mode::Odf, b"table-cell") => buf.push('\t'),
                (Mode::Sheet { .. }, b"c") => buf.push('\t'),
                _ => {}
            },
            Event::End(e) => match (mode, e.local_name().as_ref()) {
                (Mode::Word | Mode::Slide | Mode::Sheet { .. }, b"t") => in_t = false,
                (Mode::Word | Mode::Slide, b"p") | (Mode::Odf, b"p" | b"h") => {
                    buf.push(if in_cell > 0 { ' ' } else { '\n' });
                }
                (Mode::Word, b"tc") | (Mode::Odf, b"table-cell") => {
                    in_cell = in_cell.saturating_sub(1);
                    buf.push('\t');
                }
                (Mode::Word, b"tr") | (Mode::Odf, b"table-row") | (Mode::Sheet { .. }, b"row") => {
                    buf.push('\n')
                }
                (Mode::Sheet { .. }, b"c") => buf.push('\t'),
                (Mode::Sheet { .. }, b"v") => in_v = false,
                (Mode::Sheet { .. }, b"rPh") => in_phonetic = false,
                _ => {}
            },
            Event::Text(t) => {
                let Ok(s) = t.unescape() else {
                    malformed(out);
                    continue;
                };
                match mode {
                    Mode::Word | Mode::Slide if in_t => buf.push_str(&s),
                    Mode::Odf => buf.push_str(&s),
                    Mode::Sheet { shared, dates } => {
                        if in_v {
                            let v = s.trim();
                            match cell_type.as_slice() {
                                b"s" => {
                                    if let Some(x) = v.parse::<usize>().ok().and_then(|i| shared.get(i)) {
                                        buf.push_str(x);
                                    }
                                }
                                b"" | b"n" if dates.get(cell_style).copied().unwrap_or(false) => {
                                    buf.push_str(
                                        &v.parse::<f64>()
                                            .ok()
                                            .and_then(excel_date)
                                            .unwrap_or_else(|| v.to_owned()),
                                    );
                                }
                                _ => buf.push_str(v),
                            }
                        } else if in_t && !in_phonetic {
                            buf.push_str(&s);
                        }
                    }
                    _ => {}
                }
            }
            Event::CData(t) if in_t || matches!(mode, Mode::Odf) => {
                buf.push_str(&String::from_utf8_lossy(&t));
            }
            _ => {}
        }
        if buf.len() > 64 * 1024 {
            if !out.push_text(&buf, limits) {
                return;
            }
            buf.clear();
        }
    }
    out.push_text(&buf, limits);
}

/// The workbook's shared strings, in order.
pub(super) fn shared_strings(xml: &[u8], limits: &Limits, out: &mut Extract) -> Vec<String> {
    let mut r = reader(xml);
    let mut strings = Vec::new();
    let mut cur = String::new();
    let (mut in_t, mut in_phonetic) = (false, false);
    let mut total = 0usize;
    loop {
        match r.read_event() {
            Err(_) => {
                malformed(out);
                break;
            }
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"si" => cur.clear(),
                b"t" => in_t = true,
                b"rPh" => in_phonetic = true,
                _ => {}
            },
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"si" => {
                    total += cur.len();
                    strings.push(std::mem::take(&mut cur));
                    if total > limits.max_text {
                        out.note(
                            "This spreadsheet has more text than sendwise reads; only part was checked."
                                .to_owned(),
                        );
                        break;
                    }
                }
                b"t" => in_t = false,
                b"rPh" => in_phonetic = false,
                _ => {}
            },
            Ok(Event::Empty(e)) if e.local_name().as_ref() == b"si" => strings.push(String::new()),
            Ok(Event::Text(t)) if in_t && !in_phonetic => {
                if let Ok(s) = t.unescape() {
                    cur.push_str(&s);
                }
            }
            _ => {}
        }
    }
    strings
}

/// For each cell style (`cellXfs` entry), whether it shows a number as a date.
pub(super) fn date_styles(xml: &[u8]) -> Vec<bool> {
    let mut r = reader(xml);
    let mut custom: Vec<(u32, bool)> = Vec::new();
    let mut styles = Vec::new();
    let mut in_xfs = false;
    loop {
        match r.read_event() {
            Err(_) | Ok(Event::Eof) => break,
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"numFmt" => {
                    let id = attr(&e, b"numFmtId").and_then(|s| s.parse().ok()).unwrap_or(0);
                    let code = attr(&e, b"formatCode").unwrap_or_default();
                    custom.push((id, is_date_code(&code)));
                }
                b"cellXfs" => in_xfs = true,
                b"xf" if in_xfs => {
                    let id: u32 = attr(&e, b"numFmtId").and_then(|s| s.parse().ok()).unwrap_or(0);
                    let date = matches!(id, 14..=22 | 45..=47) || custom.iter().any(|&(c, d)| c == id && d);
                    styles.push(date);
                    if styles.len() > 65_536 {
                        break;
                    }
                }
                _ => {}
            },
            Ok(Event::End(e)) if e.local_name().as_ref() == b"cellXfs" => in_xfs = false,
            _ => {}
        }
    }
    styles
}

/// Whether a number format code shows a date: it has day, month or year parts outside
/// quoted text and brackets.
fn is_date_code(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'y' | 'Y' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// An Excel serial date (1900 system) as dd/mm/yyyy.
fn excel_date(serial: f64) -> Option<String> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Days since 1970-01-01; serial 25569 is that day (Excel's fictional 29/02/1900 sits below 61).
    let days = serial.floor() as i64 - 25_569 + if serial < 61.0 { 1 } else { 0 };
    let (y, m, d) = civil_from_days(days);
    Some(format!("{d:02}/{m:02}/{y:04}"))
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_serials_become_dates() {
        assert_eq!(excel_date(41462.0).as_deref(), Some("07/07/2013"));
        assert_eq!(excel_date(25569.0).as_deref(), Some("01/01/1970"));
        assert!(is_date_code("dd/mm/yyyy"));
        assert!(!is_date_code("0.00"));
        assert!(!is_date_code("[Red]0"));
    }

    #[test]
    fn word_tables_become_rows_and_cells() {
        let xml = br#"<w:document xmlns:w="x"><w:body><w:p><w:r><w:t>Title</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>UPN</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:instrText>HYPERLINK</w:instrText></w:body></w:document>"#;
        let mut out = Extract::default();
        text(xml, Mode::Word, &Limits::default(), &mut out);
        assert_eq!(out.text, "Title\nName \tUPN \t\n");
    }

    #[test]
    fn malformed_xml_is_noted() {
        let mut out = Extract::default();
        text(b"<w:p><w:t>Hello</w:t><w:t attr=\"x>", Mode::Word, &Limits::default(), &mut out);
        assert!(out.text.contains("Hello"));
        assert!(!out.notes.is_empty());
    }
}
