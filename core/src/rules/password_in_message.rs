//! `password-in-message`: the message gives a password ("the password is Tiger42",
//! "pw: …") while it carries a protected attachment, or a link to protected content. The
//! password must go by another route (a phone call, a text), or the protection is worth
//! nothing to whoever else reads the email.
//!
//! A password is a word after "password", "passcode", "pw" and the like (past "is", ":",
//! "for the file is" …) that has a digit, a symbol or a capital inside it, so that
//! "I'll phone you with the password" or "the password will follow" never fire.

use super::{Context, Rule, RuleId};
use crate::engine::TextField;
use crate::finding::{Evidence, Finding, Severity};

pub(crate) struct PasswordInMessage;

const KEYWORDS: &[&str] =
    &["password", "passwords", "passcode", "passphrase", "passwd", "pwd", "pw", "pword", "pin"];

/// Words that may stand between the keyword and the password itself.
const FILLERS: &[&str] = &[
    "is",
    "was",
    "will",
    "be",
    "for",
    "to",
    "the",
    "a",
    "it",
    "its",
    "it's",
    "this",
    "that",
    "file",
    "files",
    "zip",
    "spreadsheet",
    "document",
    "pdf",
    "attachment",
    "folder",
    "link",
    "archive",
    "them",
    "all",
    "both",
    "of",
    "on",
    "s",
    "'s",
    "’s",
    "=",
    ":",
    "-",
    "–",
    "—",
    "(",
    "is:",
];

impl Rule for PasswordInMessage {
    fn id(&self) -> RuleId {
        RuleId::PasswordInMessage
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let protected_file = cx.scans.iter().any(|s| s.as_ref().is_none_or(|s| s.protected));
        let link = cx.fields.iter().any(|f| {
            let t = f.text.to_ascii_lowercase();
            t.contains("http://") || t.contains("https://") || t.contains("www.")
        }) || cx.draft.html.as_deref().is_some_and(|h| h.to_ascii_lowercase().contains("href="));
        if !protected_file && !link {
            return;
        }
        for field in &cx.fields {
            if let Some((s, e)) = disclosure(&field.text) {
                out.push(finding(field, s, e, protected_file));
            }
        }
    }
}

/// The byte range of the first "keyword … password" in a text.
pub(crate) fn disclosure(text: &str) -> Option<(usize, usize)> {
    // Words with their byte ranges, split on white space.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                words.push((s, i));
            }
        } else {
            start.get_or_insert(i);
        }
    }
    if let Some(s) = start {
        words.push((s, text.len()));
    }
    let word = |k: usize| words.get(k).and_then(|&(s, e)| text.get(s..e)).unwrap_or_default();
    for k in 0..words.len() {
        let w = word(k);
        let trimmed = w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        let base = trimmed.trim_end_matches("'s").trim_end_matches("’s");
        if !KEYWORDS.contains(&base) {
            continue;
        }
        // Text after the keyword inside the same word ("pw:Tiger42").
        let rest_inline = w.split_once(':').map(|(_, r)| r).filter(|r| !r.is_empty());
        if let Some(r) = rest_inline {
            if looks_like_password(r) {
                let (s, _) = words.get(k).copied().unwrap_or_default();
                let e = words.get(k).map_or(s, |w| w.1);
                return Some((s, e));
            }
        }
        let mut j = k + 1;
        let mut skipped = 0;
        while j < words.len() && skipped <= 4 {
            let cand = word(j);
            let bare = cand.trim_matches(|c: char| "()[]\"'.,;:“”‘’".contains(c)).to_lowercase();
            if FILLERS.contains(&bare.as_str()) || bare.is_empty() {
                j += 1;
                skipped += 1;
                continue;
            }
            if looks_like_password(cand) {
                let s = words.get(k).map_or(0, |w| w.0);
                let s = s + w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
                let e = words.get(j).map_or(s, |w| w.1);
                let e =
                    s + text.get(s..e).unwrap_or_default().trim_end_matches(['.', ',', ';', ')', '"']).len();
                return Some((s, e));
            }
            break;
        }
    }
    None
}

/// A password-like word: 4 to 64 characters with a digit, a symbol or a capital after
/// the first letter (not an ordinary word), and not an obvious non-password.
fn looks_like_password(w: &str) -> bool {
    let w = w.trim_matches(|c: char| "()[]\"'.,;“”‘’".contains(c));
    let n = w.chars().count();
    if !(4..=64).contains(&n) {
        return false;
    }
    let lower = w.to_lowercase();
    if ["protected", "separately", "encrypted", "below", "above", "attached"].contains(&lower.as_str())
        || lower.starts_with("http")
        || lower.contains('@')
    {
        return false;
    }
    let digit = w.chars().any(|c| c.is_ascii_digit());
    let symbol = w.chars().any(|c| "!#$%&*+?@^_~-=".contains(c));
    let inner_capital = w.chars().skip(1).any(char::is_uppercase) && w.chars().any(char::is_lowercase);
    let letters = w.chars().any(char::is_alphabetic);
    // A bare date or time ("17/10", "4.30pm") is not a password.
    let date_like = w.chars().all(|c| c.is_ascii_digit() || "/:.-".contains(c));
    (digit && !date_like && (letters || n >= 4)) || (symbol && letters) || inner_capital
}

fn finding(field: &TextField, s: usize, e: usize, protected_file: bool) -> Finding {
    let (excerpt, start, end) = field.excerpt_at(s, e);
    let what = if protected_file { "the protected attachment" } else { "the protected link" };
    Finding {
        rule: RuleId::PasswordInMessage,
        severity: Severity::Warn,
        field: field.field,
        name: None,
        start,
        end,
        excerpt,
        message: format!(
            "This gives the password for {what} in the same email, so anyone who sees the email can open it. Remove the password and send it another way, such as a phone call or a text."
        ),
        explanation: Evidence {
            reasons: vec![
                "a password is written in the message".to_owned(),
                format!("the email carries {what}"),
            ],
            clause: None,
        },
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use super::disclosure;

    #[test]
    fn finds_passwords_and_not_mentions() {
        let got = |t: &str| disclosure(t).map(|(s, e)| t[s..e].to_owned());
        assert_eq!(
            got("The spreadsheet is encrypted - the password is Tiger42.").as_deref(),
            Some("password is Tiger42")
        );
        assert_eq!(got("in the attached zip. pw: Saltmarsh-2025").as_deref(), Some("pw: Saltmarsh-2025"));
        assert_eq!(got("Y11 mock papers (pw Seagull#88)").as_deref(), Some("pw Seagull#88"));
        assert!(got("I'll ring you this afternoon with the password rather than putting it in an email.")
            .is_none());
        assert!(got("the password will go on the ticket through your portal").is_none());
        assert!(got("I will text the password to your work mobile separately.").is_none());
        assert!(got("Password's in the subject line").is_none());
        assert!(got("It's password protected and expires").is_none());
    }
}
