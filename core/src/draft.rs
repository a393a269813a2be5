//! What is checked: an email, social post or chat message about to be sent.

use serde::{Deserialize, Serialize};

use crate::logo::{ImageScan, Rgba};

/// How a draft will be delivered; rules are stricter on social and chat channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// An email (Outlook on the web, Gmail, an `.eml` file).
    #[default]
    Email,
    /// A post on a social network.
    Social,
    /// A message in a chat app (WhatsApp Web).
    Chat,
}

impl Channel {
    /// True for the channels where any pupil detail is forbidden.
    pub fn is_public(self) -> bool {
        matches!(self, Channel::Social | Channel::Chat)
    }
}

/// The site a draft was composed on (the spec's list; anything else is `Other`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)]
pub enum Site {
    Outlook,
    Gmail,
    Facebook,
    X,
    Linkedin,
    Instagram,
    Threads,
    Bluesky,
    Whatsapp,
    #[default]
    #[serde(other)]
    Other,
}

/// A file attached to a draft: its bytes, or the scan of them made when it was attached.
/// `data` is empty and `scan` is `None` when only the name is known (a browser adapter
/// that has not scanned the file yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The file name as attached.
    pub name: String,
    /// The MIME type if the sender knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// The file's bytes (never serialised: drafts cross boundaries as JSON without them).
    #[serde(skip)]
    pub data: Vec<u8>,
    /// The result of [`Engine::scan_attachment`](crate::Engine::scan_attachment) made when
    /// the file was attached; when present, `check` uses it instead of reading `data`, so
    /// Send stays instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan: Option<crate::AttachmentScan>,
}

/// An image in a draft (attached, pasted or inline).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// The file name, or a placeholder for a pasted image.
    pub name: String,
    /// The MIME type if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
    /// Encoded bytes (never serialised). The engine does not decode them: give `pixels`.
    #[serde(skip)]
    pub data: Vec<u8>,
    /// The decoded picture, when the caller has it (never serialised). The engine scans it
    /// for the school's logo during the check unless `scan` already holds a scan.
    #[serde(skip)]
    pub pixels: Option<Pixels>,
    /// A scan made earlier with [`Engine::scan_image`](crate::Engine::scan_image): a browser
    /// scans an image when it is added, so that the check at Send needs no image work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scan: Option<ImageScan>,
}

/// A decoded picture: RGBA8, row by row, `width × height × 4` bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pixels {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The bytes: red, green, blue, alpha for each pixel.
    pub rgba: Vec<u8>,
}

impl Pixels {
    /// A borrowed view for [`logo`](crate::logo) functions.
    pub fn view(&self) -> Rgba<'_> {
        Rgba { width: self.width, height: self.height, data: &self.rgba }
    }
}

/// A draft about to be sent or posted: plain data, as adapters and the CLI build it.
///
/// Recipient strings may be bare addresses or `Name <address>`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Email, social or chat.
    pub channel: Channel,
    /// Where it was composed.
    pub site: Site,
    /// The sender's address (empty when unknown, as on social sites).
    pub from: String,
    /// To recipients.
    pub to: Vec<String>,
    /// Cc recipients.
    pub cc: Vec<String>,
    /// Bcc recipients.
    pub bcc: Vec<String>,
    /// The subject line (empty on social and chat).
    pub subject: String,
    /// The body as plain text (for email, including quoted replies).
    pub body: String,
    /// The HTML body, when there is one; its text is checked as part of `body`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html: Option<String>,
    /// Attached files.
    pub attachments: Vec<Attachment>,
    /// Images in the draft.
    pub images: Vec<Image>,
}
