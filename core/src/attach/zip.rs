//! ZIP archives and the ZIP-based office formats (OOXML, OpenDocument), through the `zip`
//! crate with deflate only. Members are inflated through a bounded reader, so a zip bomb
//! costs at most the limits in [`Limits`].

use std::io::{Cursor, Read};

use ::zip::ZipArchive;

use super::xml::{self, Mode};
use super::{read_into, Extract, Format, Limits};

/// A member as listed in the central directory.
struct Member {
    index: usize,
    name: String,
    encrypted: bool,
    aes: bool,
    size: u64,
    compressed: u64,
    dir: bool,
}

const MIB: u64 = 1024 * 1024;

pub(super) fn read(bytes: &[u8], limits: &Limits, depth: usize, out: &mut Extract) -> Format {
    let mut archive = match ZipArchive::new(Cursor::new(bytes)) {
        Ok(a) => a,
        Err(e) => {
            out.note(format!("This ZIP file is damaged or incomplete ({e}), so it could not be checked."));
            return Format::Zip;
        }
    };
    let mut members = Vec::new();
    for index in 0..archive.len() {
        if out.members >= limits.max_members {
            out.note(format!(
                "This archive has more than {} files; only the first were checked.",
                limits.max_members
            ));
            break;
        }
        out.members += 1;
        let Ok(f) = archive.by_index_raw(index) else {
            out.note("A file inside this archive is damaged and could not be checked.".to_owned());
            continue;
        };
        let aes = has_aes_extra(f.extra_data().unwrap_or_default());
        members.push(Member {
            index,
            name: f.name().to_owned(),
            encrypted: f.encrypted() || aes,
            aes,
            size: f.size(),
            compressed: f.compressed_size(),
            dir: f.is_dir(),
        });
    }
    let has = |n: &str| members.iter().any(|m| m.name == n);
    let format = if has("word/document.xml") {
        Format::Docx
    } else if has("xl/workbook.xml") {
        Format::Xlsx
    } else if has("ppt/presentation.xml") {
        Format::Pptx
    } else if has("content.xml") && has("META-INF/manifest.xml") {
        match member_bytes(&mut archive, &members, "mimetype", limits, out).as_deref() {
            Some(b"application/vnd.oasis.opendocument.spreadsheet") => Format::Ods,
            Some(b"application/vnd.oasis.opendocument.presentation") => Format::Odp,
            _ => Format::Odt,
        }
    } else {
        Format::Zip
    };
    match format {
        Format::Docx => {
            let parts = ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml", "word/comments.xml"];
            for m in members.iter().filter(|m| {
                parts.contains(&m.name.as_str())
                    || (m.name.starts_with("word/header") || m.name.starts_with("word/footer"))
                        && m.name.ends_with(".xml")
            }) {
                xml_member(&mut archive, m, Mode::Word, limits, out);
            }
            embedded(&mut archive, &members, "word/embeddings/", limits, depth, out);
        }
        Format::Xlsx => {
            let shared = member_bytes(&mut archive, &members, "xl/sharedStrings.xml", limits, out)
                .map(|b| xml::shared_strings(&b, limits, out))
                .unwrap_or_default();
            let dates = member_bytes(&mut archive, &members, "xl/styles.xml", limits, out)
                .map(|b| xml::date_styles(&b))
                .unwrap_or_default();
            let mut sheets: Vec<&Member> = members
                .iter()
                .filter(|m| m.name.starts_with("xl/worksheets/") && m.name.ends_with(".xml"))
                .collect();
            sheets.sort_by_key(|m| sheet_number(&m.name));
            for m in sheets {
                xml_member(&mut archive, m, Mode::Sheet { shared: &shared, dates: &dates }, limits, out);
            }
            embedded(&mut archive, &members, "xl/embeddings/", limits, depth, out);
        }
        Format::Pptx => {
            let mut slides: Vec<&Member> = members
                .iter()
                .filter(|m| {
                    (m.name.starts_with("ppt/slides/slide") || m.name.starts_with("ppt/notesSlides/"))
                        && m.name.ends_with(".xml")
                })
                .collect();
            slides.sort_by_key(|m| sheet_number(&m.name));
            for m in slides {
                xml_member(&mut archive, m, Mode::Slide, limits, out);
            }
            embedded(&mut archive, &members, "ppt/embeddings/", limits, depth, out);
        }
        Format::Odt | Format::Ods | Format::Odp => {
            let manifest = member_bytes(&mut archive, &members, "META-INF/manifest.xml", limits, out);
            if manifest.is_some_and(|m| contains(&m, b"encryption-data")) {
                out.protected("OpenDocument password encryption");
            } else if let Some(m) = members.iter().find(|m| m.name == "content.xml") {
                xml_member(&mut archive, m, Mode::Odf, limits, out);
            }
        }
        _ => archive_members(&mut archive, &members, limits, depth, out),
    }
    format
}

/// A plain archive: every member is a file of its own, read recursively.
fn archive_members(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    members: &[Member],
    limits: &Limits,
    depth: usize,
    out: &mut Extract,
) {
    for m in members.iter().filter(|m| !m.dir) {
        if m.encrypted {
            out.protected(if m.aes { "ZIP AES encryption" } else { "ZIP password encryption (ZipCrypto)" });
            continue;
        }
        if depth + 1 > limits.max_depth {
            out.note("Archives are nested too deeply inside this file to check them all.".to_owned());
            return;
        }
        if out.text_full(limits) {
            return;
        }
        if let Some(data) = inflate(archive, m, limits, out) {
            read_into(&data, limits, depth + 1, out);
            out.end_block(limits);
        }
    }
}

/// Files embedded in an office document (a spreadsheet in a Word file).
fn embedded(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    members: &[Member],
    prefix: &str,
    limits: &Limits,
    depth: usize,
    out: &mut Extract,
) {
    let inner: Vec<&Member> = members.iter().filter(|m| m.name.starts_with(prefix) && !m.dir).collect();
    if inner.is_empty() {
        return;
    }
    if depth + 1 > limits.max_depth {
        out.note("Files are nested too deeply inside this document to check them all.".to_owned());
        return;
    }
    for m in inner {
        if let Some(data) = inflate(archive, m, limits, out) {
            read_into(&data, limits, depth + 1, out);
            out.end_block(limits);
        }
    }
}

fn xml_member(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    m: &Member,
    mode: Mode<'_>,
    limits: &Limits,
    out: &mut Extract,
) {
    if m.encrypted {
        out.protected("ZIP password encryption (ZipCrypto)");
        return;
    }
    if let Some(data) = inflate(archive, m, limits, out) {
        xml::text(&data, mode, limits, out);
        out.end_block(limits);
    }
}

fn member_bytes(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    members: &[Member],
    name: &str,
    limits: &Limits,
    out: &mut Extract,
) -> Option<Vec<u8>> {
    let m = members.iter().find(|m| m.name == name && !m.encrypted)?;
    inflate(archive, m, limits, out)
}

/// Inflate one member within the limits; notes and gives up (or cuts short) when it would
/// pass them.
fn inflate(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    m: &Member,
    limits: &Limits,
    out: &mut Extract,
) -> Option<Vec<u8>> {
    let ratio_cap = m.compressed.saturating_mul(limits.max_ratio).max(MIB);
    if m.size > ratio_cap {
        out.note(format!(
            "\u{201c}{}\u{201d} inside this file expands to far more than its stored size (a \u{201c}zip bomb\u{201d}), so it was not checked.",
            short(&m.name)
        ));
        return None;
    }
    let left = limits.max_total_out.saturating_sub(out.inflated);
    let cap = (limits.max_member_out.min(left) as u64).min(ratio_cap);
    if cap == 0 {
        out.note("This file expands to more than sendwise reads, so only part of it was checked.".to_owned());
        return None;
    }
    let mut f = match archive.by_index(m.index) {
        Ok(f) => f,
        Err(e) => {
            out.note(format!("\u{201c}{}\u{201d} inside this file could not be read ({e}).", short(&m.name)));
            return None;
        }
    };
    // Sized from the declared size (already capped) so a large part is not copied as it grows.
    let mut data = Vec::with_capacity(usize::try_from(m.size.min(cap)).unwrap_or(0).saturating_add(1));
    let read = (&mut f).take(cap + 1).read_to_end(&mut data);
    out.inflated = out.inflated.saturating_add(data.len());
    if let Err(e) = read {
        out.note(format!(
            "\u{201c}{}\u{201d} inside this file is damaged ({e}), so only part of it was checked.",
            short(&m.name)
        ));
    }
    if data.len() as u64 > cap {
        data.truncate(usize::try_from(cap).unwrap_or(usize::MAX));
        out.note(format!(
            "\u{201c}{}\u{201d} inside this file expands to more than sendwise reads (a possible \u{201c}zip bomb\u{201d}), so only part of it was checked.",
            short(&m.name)
        ));
    }
    Some(data)
}

/// The AES extra field (WinZip AE-1/AE-2, header id 0x9901).
fn has_aes_extra(mut extra: &[u8]) -> bool {
    while let (Some(id), Some(len)) = (extra.get(0..2), extra.get(2..4)) {
        let id = u16::from_le_bytes([id.first().copied().unwrap_or(0), id.get(1).copied().unwrap_or(0)]);
        let len = usize::from(u16::from_le_bytes([
            len.first().copied().unwrap_or(0),
            len.get(1).copied().unwrap_or(0),
        ]));
        if id == 0x9901 {
            return true;
        }
        extra = extra.get(4 + len..).unwrap_or_default();
    }
    false
}

fn sheet_number(name: &str) -> (usize, String) {
    let digits: String = name.chars().filter(|c| c.is_ascii_digit()).collect();
    (digits.parse().unwrap_or(usize::MAX), name.to_owned())
}

/// The last path component, for notes.
fn short(name: &str) -> &str {
    name.rsplit('/').find(|s| !s.is_empty()).unwrap_or(name)
}

pub(crate) fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
