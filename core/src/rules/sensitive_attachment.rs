//! `sensitive-attachment`: an attached file holds personal or sensitive data and is not
//! encrypted or password-protected.
//!
//! The file is read by its bytes ([`crate::attach`]) and classified by
//! [`crate::sensitive`]. A protected file never fires. To any recipient outside the school
//! and its partners this blocks; to the school and partners only, it is a note. A file that
//! could not be fully checked (damaged, a zip bomb, an unreadable archive) warns when it
//! goes outside, so an unreadable file never passes silently.

use super::{Context, Rule, RuleId};
use crate::finding::{Evidence, Field, Finding, Severity};

pub(crate) struct SensitiveAttachment;

impl Rule for SensitiveAttachment {
    fn id(&self) -> RuleId {
        RuleId::SensitiveAttachment
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let external = cx.draft.channel.is_public() || cx.has_external_recipient();
        for (a, scan) in cx.draft.attachments.iter().zip(&cx.scans) {
            let Some(scan) = scan else { continue };
            if scan.protected {
                continue;
            }
            let mut reasons = Vec::new();
            let (severity, message) = if scan.sensitive {
                reasons.push(format!("found: {}", scan.summary));
                reasons.push("the file is not encrypted or password-protected".to_owned());
                if external {
                    (Severity::Block, format!(
                        "\u{201c}{}\u{201d} holds personal data ({}) and is not encrypted, and this email goes outside the school. Encrypt the file or share it through a secure system, and send the password separately.",
                        a.name, scan.summary
                    ))
                } else {
                    (Severity::Info, format!(
                        "\u{201c}{}\u{201d} holds personal data ({}). It is going only to school or partner addresses; make sure each recipient needs it.",
                        a.name, scan.summary
                    ))
                }
            } else if scan.unchecked() {
                reasons.extend(scan.notes.iter().cloned());
                let why = scan.notes.first().cloned().unwrap_or_default();
                (
                    if external { Severity::Warn } else { Severity::Info },
                    format!(
                        "sendwise could not fully check \u{201c}{}\u{201d}. {why} Make sure it holds no pupil or staff personal data, or encrypt it before it leaves the school.",
                        a.name
                    ),
                )
            } else {
                continue;
            };
            out.push(Finding {
                rule: RuleId::SensitiveAttachment,
                severity,
                field: Field::Attachment,
                name: Some(a.name.clone()),
                start: None,
                end: None,
                excerpt: String::new(),
                message,
                explanation: Evidence { reasons, clause: None },
                fix: None,
            });
        }
    }
}
