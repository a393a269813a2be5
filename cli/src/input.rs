//! Drafts from files: `.eml` (RFC 5322 / MIME) and the contract's `.json` drafts.
//!
//! The format is chosen by extension (`.eml`, `.json`) and, for any other name, by content:
//! a file whose first character is `{` is a JSON draft, anything else is read as an email.
//! Whatever the bytes, loading either succeeds or returns an [`InputError`] saying which
//! file, where and what is wrong; it never panics.

use std::fmt;
use std::fs::File;
use std::io::{self, Read};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use mail_parser::{Address, MessageParser, MimeHeaders, PartType};
use sendwise_core::{Attachment, AttachmentScan, Channel, Draft, Image, Site};
use serde::de::Deserializer;
use serde::Deserialize;

/// The largest file sendwise reads as a draft, an attachment or a roster (64 MiB). A larger
/// file is reported as an error rather than read: it is not an email anyone sends.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// A draft file that could not be loaded, with where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The draft file, as the user named it.
    pub path: PathBuf,
    /// 1-based line in the draft file, when known (JSON syntax and field errors).
    pub line: Option<usize>,
    /// 1-based column in the draft file, when known.
    pub column: Option<usize>,
    /// What is wrong, in lower case, naming any other file involved.
    pub message: String,
}

impl InputError {
    fn new(path: &Path, message: impl Into<String>) -> Self {
        InputError { path: path.to_owned(), line: None, column: None, message: message.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for InputError {}

/// A loaded draft and what the loader noticed on the way (a MIME part that could not be
/// decoded, say), to be shown beside the engine's own notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    /// The draft, ready for [`Engine::check`](sendwise_core::Engine::check).
    pub draft: Draft,
    /// Notes about the file itself.
    pub notes: Vec<String>,
}

/// Load a draft from an `.eml` or `.json` file (see the [module docs](self)).
pub fn load_draft(path: &Path) -> Result<Draft, InputError> {
    load_input(path).map(|l| l.draft)
}

/// Load a draft and the loader's notes about it.
pub fn load_input(path: &Path) -> Result<Loaded, InputError> {
    let bytes = read_file(path).map_err(|why| InputError::new(path, why))?;
    let base = path.parent().unwrap_or(Path::new(""));
    load_bytes(path, &bytes, base)
}

/// Load a draft from bytes already read (standard input, say). `path` names it in errors and
/// decides the format by its extension; `base` is the folder a JSON draft's file paths are
/// relative to.
pub fn load_bytes(path: &Path, bytes: &[u8], base: &Path) -> Result<Loaded, InputError> {
    let format = detect(path, bytes)?;
    // The parsers are pure and tested against hostile input, but a panic in a dependency
    // must still become an error for this one file, not the end of the whole run.
    let loaded = catch_unwind(AssertUnwindSafe(|| {
        let mut loaded = match format {
            Format::Json => json_draft(path, bytes, base),
            Format::Eml => eml_draft(path, bytes),
        }?;
        decode_images(&mut loaded);
        Ok(loaded)
    }));
    loaded.unwrap_or_else(|_| {
        Err(InputError::new(
            path,
            "sendwise could not read this file (its reader failed; please report this)",
        ))
    })
}

/// Decode a social post's images into pixels for the engine's logo check (email images are
/// not decoded: a crest in an email signature is normal, and `school-logo` skips email).
fn decode_images(loaded: &mut Loaded) {
    if loaded.draft.channel != Channel::Social {
        return;
    }
    for image in &mut loaded.draft.images {
        match crate::pictures::decode(&image.name, &image.data) {
            Ok(pixels) => image.pixels = Some(pixels),
            Err(why) => loaded.notes.push(format!(
                "The image \"{}\" could not be read ({why}), so it was not checked for the school's logo.",
                image.name
            )),
        }
    }
}

/// Read a whole file, refusing directories and anything over [`MAX_FILE_BYTES`]. The error is
/// a lower-case reason without the path (callers add it where it belongs).
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    if path.is_dir() {
        return Err("is a folder, not a file".to_owned());
    }
    let file = File::open(path).map_err(|e| io_reason(&e))?;
    let mut bytes = Vec::new();
    // `take` rather than the file's length: special files (/dev/zero) report no length.
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("is larger than {} MiB, more than sendwise reads", MAX_FILE_BYTES >> 20));
    }
    Ok(bytes)
}

/// An I/O error as a short lower-case reason.
pub(crate) fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::InvalidData => "the file is not valid text".to_owned(),
        _ => {
            // io::Error's Display ends with "(os error N)"; the words are enough.
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s).to_owned();
            lower_first(&s)
        }
    }
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Json,
    Eml,
}

fn detect(path: &Path, bytes: &[u8]) -> Result<Format, InputError> {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) || ext.as_deref() == Some("msg") {
        return Err(InputError::new(
            path,
            "this is an Outlook .msg file, which sendwise does not read; save the message as .eml instead",
        ));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::new(path, "the file is empty; expected an email (.eml) or a JSON draft"));
    }
    Ok(match ext.as_deref() {
        Some("json") => Format::Json,
        Some("eml") => Format::Eml,
        _ if text.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') => Format::Json,
        _ => Format::Eml,
    })
}

// ---------------------------------------------------------------------------------------
// JSON drafts

/// The contract's JSON draft, plus `html` (an HTML body, as a browser adapter sends it).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct JsonDraft {
    #[serde(default)]
    channel: Option<String>,
    #[serde(default)]
    site: Option<String>,
    #[serde(default, deserialize_with = "text")]
    from: String,
    #[serde(default, deserialize_with = "list")]
    to: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    cc: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    bcc: Vec<String>,
    #[serde(default, deserialize_with = "text")]
    subject: String,
    #[serde(default, deserialize_with = "text")]
    body: String,
    #[serde(default)]
    html: Option<String>,
    #[serde(default, deserialize_with = "list")]
    attachments: Vec<String>,
    #[serde(default, deserialize_with = "list")]
    images: Vec<String>,
}

const CHANNELS: &[&str] = &["email", "social", "chat"];
const SITES: &[&str] = &[
    "outlook",
    "gmail",
    "facebook",
    "x",
    "linkedin",
    "instagram",
    "threads",
    "bluesky",
    "whatsapp",
    "other",
];

fn channel(s: &str) -> Option<Channel> {
    match s.trim().to_ascii_lowercase().as_str() {
        "email" => Some(Channel::Email),
        "social" => Some(Channel::Social),
        "chat" => Some(Channel::Chat),
        _ => None,
    }
}

fn site(s: &str) -> Option<Site> {
    let lower = s.trim().to_ascii_lowercase();
    let lower = if lower == "twitter" { "x".to_owned() } else { lower };
    if !SITES.contains(&lower.as_str()) {
        return None;
    }
    serde_json::from_value(serde_json::Value::String(lower)).ok()
}

/// The error for a value outside a fixed list, on the line where the key is.
fn not_one_of(path: &Path, text: &str, key: &str, value: &str, valid: &[&str]) -> InputError {
    let needle = format!("\"{key}\"");
    let line = text.lines().position(|l| l.contains(&needle)).map(|i| i + 1);
    let valid: Vec<String> = valid.iter().map(|v| format!("\"{v}\"")).collect();
    InputError {
        line,
        ..InputError::new(
            path,
            format!("invalid draft: {key}: \"{value}\" is not one of {}", valid.join(", ")),
        )
    }
}

/// A string, with `null` read as empty (exports from other tools often write null).
fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// A list of strings, with `null` read as empty.
fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    Ok(Option::<Vec<String>>::deserialize(d)?.unwrap_or_default())
}

fn json_error(path: &Path, e: &serde_json::Error, what: &str) -> InputError {
    // serde_json ends its message with " at line L column C"; we report those separately.
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(&msg).to_owned(),
        None => msg,
    };
    InputError {
        path: path.to_owned(),
        line: (e.line() > 0).then_some(e.line()),
        column: (e.line() > 0).then_some(e.column()),
        message: format!("{what}: {msg}"),
    }
}

fn json_draft(path: &Path, bytes: &[u8], base: &Path) -> Result<Loaded, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes.get(..e.valid_up_to()).map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count()) + 1;
        InputError {
            line: Some(line),
            ..InputError::new(path, "not a JSON draft: the file is not UTF-8 text")
        }
    })?;
    // Syntax first, so a file that is not JSON at all says so plainly.
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| json_error(path, &e, "not valid JSON"))?;
    let Some(object) = value.as_object() else {
        return Err(InputError::new(
            path,
            "not a JSON draft: expected an object such as {\"channel\": \"email\", ...}",
        ));
    };
    if object.contains_key("school") || object.get("format").is_some_and(|f| f == "sendwise-bundle") {
        return Err(InputError::new(path, "this is a sendwise policy, not a draft (give it with --policy)"));
    }
    let raw: JsonDraft = serde_json::from_str(text).map_err(|e| json_error(path, &e, "invalid draft"))?;
    let channel = match raw.channel.as_deref() {
        None => Channel::default(),
        Some(c) => channel(c).ok_or_else(|| not_one_of(path, text, "channel", c, CHANNELS))?,
    };
    let site = match raw.site.as_deref() {
        None => Site::default(),
        Some(s) => site(s).ok_or_else(|| not_one_of(path, text, "site", s, SITES))?,
    };
    let mut total: u64 = 0;
    let mut read = |list: &str, i: usize, rel: &str| -> Result<(String, Vec<u8>), InputError> {
        if rel.trim().is_empty() {
            return Err(InputError::new(path, format!("{list}[{i}]: the file path is empty")));
        }
        let full = base.join(rel);
        let data = read_file(&full).map_err(|why| {
            InputError::new(path, format!("{list}[{i}]: cannot read `{rel}` ({}): {why}", full.display()))
        })?;
        total += data.len() as u64;
        if total > 4 * MAX_FILE_BYTES {
            return Err(InputError::new(
                path,
                format!(
                    "{list}: the files add up to more than {} MiB, more than sendwise reads",
                    (4 * MAX_FILE_BYTES) >> 20
                ),
            ));
        }
        let name =
            Path::new(rel).file_name().map_or_else(|| rel.to_owned(), |n| n.to_string_lossy().into_owned());
        Ok((name, data))
    };
    let mut attachments = Vec::with_capacity(raw.attachments.len());
    for (i, rel) in raw.attachments.iter().enumerate() {
        let (name, data) = read("attachments", i, rel)?;
        let scan = data.is_empty().then(|| AttachmentScan::empty(&name));
        attachments.push(Attachment { media_type: None, name, data, scan });
    }
    let mut images = Vec::with_capacity(raw.images.len());
    for (i, rel) in raw.images.iter().enumerate() {
        let (name, data) = read("images", i, rel)?;
        images.push(Image {
            media_type: image_type(&name).map(str::to_owned),
            name,
            data,
            ..Image::default()
        });
    }
    Ok(Loaded {
        draft: Draft {
            channel,
            site,
            from: raw.from,
            to: raw.to,
            cc: raw.cc,
            bcc: raw.bcc,
            subject: raw.subject,
            body: raw.body,
            html: raw.html,
            attachments,
            images,
        },
        notes: Vec::new(),
    })
}

fn image_type(name: &str) -> Option<&'static str> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "heic" => "image/heic",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

// ---------------------------------------------------------------------------------------
// Emails

fn eml_draft(path: &Path, bytes: &[u8]) -> Result<Loaded, InputError> {
    let not_email = || {
        InputError::new(
            path,
            "does not look like an email: none of the headers From, To, Cc, Subject, Date, MIME-Version or Content-Type was found",
        )
    };
    let msg = MessageParser::default().parse(bytes).ok_or_else(not_email)?;
    let known = ["From", "To", "Cc", "Bcc", "Subject", "Date", "MIME-Version", "Content-Type", "Message-ID"];
    if !msg.headers().iter().any(|h| known.iter().any(|k| h.name().eq_ignore_ascii_case(k))) {
        return Err(not_email());
    }
    let mut notes = Vec::new();

    let mut body = Vec::new();
    for id in &msg.text_body {
        if let Some(PartType::Text(text)) = msg.parts.get(*id as usize).map(|p| &p.body) {
            body.push(text.as_ref());
        }
    }
    let mut html = Vec::new();
    for id in &msg.html_body {
        if let Some(PartType::Html(text)) = msg.parts.get(*id as usize).map(|p| &p.body) {
            html.push(text.as_ref());
        }
    }

    let mut attachments = Vec::new();
    let mut images = Vec::new();
    for (n, id) in msg.attachments.iter().enumerate() {
        let Some(part) = msg.parts.get(*id as usize) else { continue };
        let data = match &part.body {
            PartType::Multipart(_) => continue,
            PartType::Text(_) | PartType::Html(_) | PartType::Binary(_) | PartType::InlineBinary(_) => {
                part.contents().to_vec()
            }
            PartType::Message(m) => m.raw_message().to_vec(),
        };
        let media_type = part
            .content_type()
            .map(|ct| match ct.subtype() {
                Some(sub) => format!("{}/{}", ct.ctype(), sub).to_ascii_lowercase(),
                None => ct.ctype().to_ascii_lowercase(),
            })
            .or_else(|| matches!(part.body, PartType::Message(_)).then(|| "message/rfc822".to_owned()));
        let explicit_attachment = part.content_disposition().is_some_and(|cd| cd.is_attachment());
        let is_image = media_type.as_deref().is_some_and(|t| t.starts_with("image/"));
        let name = part
            .attachment_name()
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| unnamed(n + 1, media_type.as_deref(), &part.body));
        if part.is_encoding_problem {
            notes.push(format!(
                "The part \"{name}\" of this email is not encoded correctly; its raw text was checked instead."
            ));
        }
        if is_image && !explicit_attachment {
            images.push(Image { name, media_type, data, ..Image::default() });
        } else {
            let scan = data.is_empty().then(|| AttachmentScan::empty(&name));
            attachments.push(Attachment { name, media_type, data, scan });
        }
    }
    for id in msg.text_body.iter().chain(&msg.html_body) {
        if msg.parts.get(*id as usize).is_some_and(|p| p.is_encoding_problem) {
            let note =
                "Part of this email's text is not encoded correctly; its raw text was checked instead.";
            if !notes.iter().any(|n| n == note) {
                notes.push(note.to_owned());
            }
        }
    }

    let from = msg.from().and_then(|a| addresses(a).into_iter().next()).unwrap_or_default();
    let draft = Draft {
        channel: Channel::Email,
        site: infer_site(&msg),
        from,
        to: msg.to().map(addresses).unwrap_or_default(),
        cc: msg.cc().map(addresses).unwrap_or_default(),
        bcc: msg.bcc().map(addresses).unwrap_or_default(),
        subject: msg.subject().unwrap_or_default().to_owned(),
        body: body.join("\n\n"),
        html: (!html.is_empty()).then(|| html.join("\n")),
        attachments,
        images,
    };
    Ok(Loaded { draft, notes })
}

/// Each address as `Name <address>`, or the bare address when it has no name.
fn addresses(a: &Address<'_>) -> Vec<String> {
    a.iter()
        .filter_map(|addr| {
            let address = addr.address()?.trim();
            if address.is_empty() {
                return None;
            }
            // The engine reads `Name <address>`; angle brackets inside the name would confuse it.
            let name =
                addr.name().map(|n| n.replace(['<', '>'], "").trim().to_owned()).filter(|n| !n.is_empty());
            Some(match name {
                Some(name) if !name.eq_ignore_ascii_case(address) => format!("{name} <{address}>"),
                _ => address.to_owned(),
            })
        })
        .collect()
}

fn unnamed(n: usize, media_type: Option<&str>, body: &PartType<'_>) -> String {
    let ext = match media_type {
        Some("message/rfc822") => "eml",
        Some("text/plain") => "txt",
        Some("text/html") => "html",
        Some("text/csv") => "csv",
        Some("image/png") => "png",
        Some("image/jpeg") => "jpg",
        Some("image/gif") => "gif",
        Some("application/pdf") => "pdf",
        _ if matches!(body, PartType::Message(_)) => "eml",
        _ => "bin",
    };
    format!("unnamed attachment {n}.{ext}")
}

/// Outlook on the web marks unsent drafts with `X-Unsent` and gives Exchange message ids;
/// Gmail's ids end in `mail.gmail.com`. Anything else is `other`.
fn infer_site(msg: &mail_parser::Message<'_>) -> Site {
    let id = msg.message_id().unwrap_or_default().to_ascii_lowercase();
    let has = |name: &str| msg.headers().iter().any(|h| h.name().eq_ignore_ascii_case(name));
    let exchange = msg.headers().iter().any(|h| h.name().to_ascii_lowercase().starts_with("x-ms-exchange-"));
    if id.ends_with(".outlook.com") || has("X-Unsent") || exchange {
        Site::Outlook
    } else if id.ends_with("mail.gmail.com") || has("X-Gm-Message-State") {
        Site::Gmail
    } else {
        Site::Other
    }
}
