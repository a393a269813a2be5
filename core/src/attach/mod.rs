//! Reading attachments: what a file is (by its bytes, never its name), whether it is
//! protected, and its text, within fixed bounds.
//!
//! [`read`] sniffs the format from the first bytes, then hands the file to one reader per
//! format (one file each in this module). Every reader appends to a shared [`Extract`]:
//! plain text (cells separated by tabs, rows and paragraphs by line breaks), the
//! protection schemes it recognised, and notes on anything it could not fully check.
//!
//! | format | recognised by | text | protection recognised |
//! |---|---|---|---|
//! | DOCX, XLSX, PPTX | ZIP with `word/`, `xl/`, `ppt/` parts | document, cells (shared and inline strings, dates by cell style), slides | (encrypted OOXML is an OLE2 file, below) |
//! | ODT, ODS, ODP | ZIP with `content.xml` | paragraphs and table cells | `encryption-data` in `META-INF/manifest.xml` |
//! | ZIP | `PK` signatures | every member, recursively | general purpose flag bit 0 (ZipCrypto), AES extra field `0x9901` |
//! | OLE2 (DOC, XLS, PPT, encrypted OOXML) | `D0 CF 11 E0` | printable runs of the Word, Excel or PowerPoint stream | `EncryptionInfo` + `EncryptedPackage`, `\x06DataSpaces` (rights management), Word FIB `fEncrypted`, Excel `FilePass`, PowerPoint `CryptSession10Container` / `EncryptedSummary` |
//! | PDF | `%PDF-` | text operators of (Flate) content streams, through `ToUnicode` maps | `/Encrypt` in any trailer or cross-reference stream dictionary (incremental updates included) |
//! | 7z | `7z BC AF 27 1C` | none (LZMA is not decoded) | encoded header with the AES coder `06 F1 07 01` |
//! | RTF | `{\rtf` | text, `\'hh` and `\u` escapes | none |
//! | CSV, TXT | valid UTF-8/UTF-16, or mostly printable Windows-1252 | the text | none |
//!
//! # Limits
//!
//! Hostile files get bounded time and memory, and a note saying the file could not be
//! fully checked; they never crash the engine, hang, or pass silently. The bounds are in
//! [`Limits`]; by default:
//!
//! - input larger than 64 MiB is not read (note);
//! - at most 4 MiB of extracted text is kept per attachment (note when cut);
//! - archives nest at most 4 deep (a ZIP in a ZIP in a ZIP in a DOCX);
//! - at most 4,000 archive members are looked at per attachment;
//! - one member inflates to at most 32 MiB, and all members together to at most 128 MiB;
//!   a member whose declared or actual size is over 200 times its compressed size (and
//!   over 1 MiB) is treated as a zip bomb and not inflated further;
//! - at most 2,000 PDF streams are inflated, each to at most 16 MiB.
//!
//! Time is linear in the bytes read and inflated, so these bounds also bound time.

use serde::{Deserialize, Serialize};

use crate::bundle::NameSet;
use crate::sensitive::{classify, Signals};

mod ole;
mod pdf;
mod rtf;
mod sevenz;
mod text;
mod xml;
mod zip;

pub(crate) use text::cp1252;

/// What a file turned out to be, from its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Format {
    Docx,
    Xlsx,
    Pptx,
    Odt,
    Ods,
    Odp,
    Zip,
    /// An OLE2 compound file holding an encrypted OOXML package.
    EncryptedOoxml,
    Doc,
    Xls,
    Ppt,
    /// Another OLE2 compound file.
    Ole2,
    Pdf,
    #[serde(rename = "7z")]
    SevenZip,
    Rtf,
    Csv,
    Text,
    /// Bytes with no text to check (an image, a binary).
    #[default]
    Binary,
    /// No bytes.
    Empty,
}

impl Format {
    /// A short, lower-case name ("xlsx").
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Pptx => "pptx",
            Format::Odt => "odt",
            Format::Ods => "ods",
            Format::Odp => "odp",
            Format::Zip => "zip",
            Format::EncryptedOoxml => "encryptedooxml",
            Format::Doc => "doc",
            Format::Xls => "xls",
            Format::Ppt => "ppt",
            Format::Ole2 => "ole2",
            Format::Pdf => "pdf",
            Format::SevenZip => "7z",
            Format::Rtf => "rtf",
            Format::Csv => "csv",
            Format::Text => "text",
            Format::Binary => "binary",
            Format::Empty => "empty",
        }
    }
}

/// Bounds on reading one attachment (see the module docs).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest input read at all.
    pub max_input: usize,
    /// Most extracted text kept.
    pub max_text: usize,
    /// Deepest archive nesting followed.
    pub max_depth: usize,
    /// Most archive members looked at, in all archives of one attachment.
    pub max_members: usize,
    /// Most bytes one member may inflate to.
    pub max_member_out: usize,
    /// Most bytes all members together may inflate to.
    pub max_total_out: usize,
    /// Largest inflated/compressed ratio accepted for members over 1 MiB.
    pub max_ratio: u64,
    /// Most PDF streams inflated.
    pub max_pdf_streams: usize,
    /// Most bytes one PDF stream may inflate to.
    pub max_pdf_stream_out: usize,
}

impl Default for Limits {
    fn default() -> Self {
        const MIB: usize = 1024 * 1024;
        Limits {
            max_input: 64 * MIB,
            max_text: 4 * MIB,
            max_depth: 4,
            max_members: 4000,
            max_member_out: 32 * MIB,
            max_total_out: 128 * MIB,
            max_ratio: 200,
            max_pdf_streams: 2000,
            max_pdf_stream_out: 16 * MIB,
        }
    }
}

/// What reading one attachment produced.
#[derive(Debug, Clone, Default)]
pub struct Extract {
    /// The outermost format (`None` before sniffing).
    pub format: Option<Format>,
    /// Extracted text, bounded by [`Limits::max_text`].
    pub text: String,
    /// Protection schemes found ("ZIP AES encryption"), outermost first, deduplicated.
    pub protections: Vec<String>,
    /// Whether some content was readable and not protected (text or a member with none).
    pub unprotected_content: bool,
    /// Why the file could not be fully checked, in plain words; empty when it was.
    pub notes: Vec<String>,
    /// Bytes inflated so far (archive members and PDF streams).
    pub(crate) inflated: usize,
    /// Archive members looked at so far.
    pub(crate) members: usize,
}

impl Extract {
    /// Whether everything in the file is protected (and nothing readable was left open).
    pub fn is_protected(&self) -> bool {
        !self.protections.is_empty() && !self.unprotected_content
    }

    /// Whether every part of the file was read.
    pub fn complete(&self) -> bool {
        self.notes.is_empty()
    }

    pub(crate) fn protected(&mut self, scheme: &str) {
        if !self.protections.iter().any(|p| p == scheme) {
            self.protections.push(scheme.to_owned());
        }
    }

    pub(crate) fn note(&mut self, note: String) {
        if self.notes.len() < 20 && !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    /// Append text, keeping within the limit. Returns false once the limit is reached.
    pub(crate) fn push_text(&mut self, s: &str, limits: &Limits) -> bool {
        if s.is_empty() {
            return true;
        }
        if s.chars().any(|c| c.is_alphanumeric()) {
            self.unprotected_content = true;
        }
        let room = limits.max_text.saturating_sub(self.text.len());
        if s.len() <= room {
            self.text.push_str(s);
            return true;
        }
        let mut cut = room;
        while cut > 0 && !s.is_char_boundary(cut) {
            cut -= 1;
        }
        self.text.push_str(s.get(..cut).unwrap_or_default());
        self.note(format!(
            "Only the first {} MB of text in this file was checked.",
            limits.max_text / (1024 * 1024)
        ));
        false
    }

    pub(crate) fn text_full(&self, limits: &Limits) -> bool {
        self.text.len() >= limits.max_text
    }

    pub(crate) fn end_block(&mut self, limits: &Limits) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") && self.text.len() + 2 <= limits.max_text {
            self.text.push_str("\n\n");
        }
    }
}

/// Read an attachment: sniff its format, note its protection, extract its text.
/// Never panics; a file it cannot read fully says so in [`Extract::notes`].
pub fn read(bytes: &[u8], limits: &Limits) -> Extract {
    let mut out = Extract::default();
    if bytes.len() > limits.max_input {
        out.format = Some(sniff(bytes.get(..4096).unwrap_or(bytes)));
        out.note(format!(
            "This file is larger than {} MB, so it was not checked.",
            limits.max_input / (1024 * 1024)
        ));
        return out;
    }
    let format = read_into(bytes, limits, 0, &mut out);
    out.format = Some(format);
    out
}

/// Read one file (the attachment or an archive member) into `out`; returns its format.
pub(crate) fn read_into(bytes: &[u8], limits: &Limits, depth: usize, out: &mut Extract) -> Format {
    let format = sniff(bytes);
    match format {
        Format::Empty | Format::Binary => {}
        Format::Zip => {
            return zip::read(bytes, limits, depth, out);
        }
        Format::Docx | Format::Xlsx | Format::Pptx | Format::Odt | Format::Ods | Format::Odp => {}
        Format::EncryptedOoxml | Format::Doc | Format::Xls | Format::Ppt | Format::Ole2 => {
            return ole::read(bytes, limits, out);
        }
        Format::Pdf => pdf::read(bytes, limits, out),
        Format::SevenZip => sevenz::read(bytes, out),
        Format::Rtf => rtf::read(bytes, limits, out),
        Format::Csv | Format::Text => text::read(bytes, limits, out),
    }
    format
}

/// The format of a file from its first bytes (ZIP and OLE2 are refined by their readers).
pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.is_empty() {
        return Format::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"PK\x05\x06")
        || bytes.starts_with(b"PK\x07\x08")
    {
        return Format::Zip;
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Format::Ole2;
    }
    if bytes.starts_with(&[b'7', b'z', 0xBC, 0xAF, 0x27, 0x1C]) {
        return Format::SevenZip;
    }
    // A PDF header may follow a little junk (the spec allows it within the first 1 KB).
    if bytes.get(..1024).unwrap_or(bytes).windows(5).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    let head = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if head.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    text::sniff(bytes)
}

/// The result of scanning one attachment: plain data, so a browser can scan a file when it
/// is attached and hand the result back with the draft at Send ([`crate::Attachment::scan`]).
/// It holds counts and categories, never the file's text or the data found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachmentScan {
    /// The file name as attached.
    pub name: String,
    /// What the bytes are.
    pub format: Format,
    /// The file's size in bytes.
    pub size: usize,
    /// Whether everything readable in it is encrypted or password-protected.
    pub protected: bool,
    /// The protection schemes recognised, in plain words.
    pub protection: Vec<String>,
    /// Whether personal or sensitive data was found in the unprotected content.
    pub sensitive: bool,
    /// What was found, in counts.
    pub found: Signals,
    /// The same in words ("32 pupil names, 32 dates of birth, UPN column").
    pub summary: String,
    /// Whether the whole file was read (false: see `notes`).
    pub complete: bool,
    /// Why it could not be fully checked.
    pub notes: Vec<String>,
}

impl AttachmentScan {
    /// Whether the file holds text that could have been checked but some was not
    /// (damaged, a zip bomb, nested too deeply, too large, an unreadable archive).
    pub fn unchecked(&self) -> bool {
        !self.protected && !self.complete && !matches!(self.format, Format::Empty)
    }

    /// The scan of a file with no bytes at all (nothing in it to check).
    pub fn empty(name: &str) -> AttachmentScan {
        AttachmentScan {
            name: name.to_owned(),
            format: Format::Empty,
            complete: true,
            ..AttachmentScan::default()
        }
    }

    /// The scan of a file named in a draft whose contents the caller did not give: never
    /// treated as clean.
    pub fn not_given(name: &str) -> AttachmentScan {
        AttachmentScan {
            name: name.to_owned(),
            notes: vec!["Its contents were not given to sendwise.".to_owned()],
            ..AttachmentScan::default()
        }
    }
}

/// Scan an attachment against a roster.
pub(crate) fn scan(names: &NameSet, name: &str, bytes: &[u8], limits: &Limits) -> AttachmentScan {
    let ex = read(bytes, limits);
    let found = if ex.is_protected() { Signals::default() } else { classify(names, &ex.text) };
    AttachmentScan {
        name: name.to_owned(),
        format: ex.format.unwrap_or_default(),
        size: bytes.len(),
        protected: ex.is_protected(),
        protection: ex.protections.clone(),
        sensitive: !ex.is_protected() && found.is_sensitive(),
        summary: found.summary(),
        found,
        complete: ex.complete(),
        notes: ex.notes,
    }
}

#[cfg(test)]
mod tests;
