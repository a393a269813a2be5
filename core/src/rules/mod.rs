//! The rule catalogue: stable ids from the product contract, and the registry of rules.
//!
//! Each rule lives in its own file and is listed once in `REGISTRY`. A rule sees the
//! prepared draft through `Context` and pushes findings at its default severity; the
//! engine then applies the school's overrides and clause text.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::finding::Finding;

mod chain_message;
mod offensive_language;
mod offensive_words;
mod opinion_about_person;
mod opinion_words;
mod password_in_message;
mod personal_contact;
mod personal_email;
mod photo_reminder;
mod pupil_name;
mod recipients_exposed;
mod school_identity;
mod school_logo;
mod sensitive_attachment;
mod sensitive_content;

pub(crate) use crate::engine::Context;

/// A rule's stable id, as the CLI's JSON, policies and corpora spell it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum RuleId {
    PupilName,
    OpinionAboutPerson,
    OffensiveLanguage,
    SchoolIdentity,
    SchoolLogo,
    SensitiveAttachment,
    SensitiveContent,
    RecipientsExposed,
    PersonalEmail,
    PasswordInMessage,
    ChainMessage,
    PersonalContact,
    PhotoReminder,
}

impl RuleId {
    /// Every id in the contract, in catalogue order.
    pub const ALL: [RuleId; 13] = [
        RuleId::PupilName,
        RuleId::OpinionAboutPerson,
        RuleId::OffensiveLanguage,
        RuleId::SchoolIdentity,
        RuleId::SchoolLogo,
        RuleId::SensitiveAttachment,
        RuleId::SensitiveContent,
        RuleId::RecipientsExposed,
        RuleId::PersonalEmail,
        RuleId::PasswordInMessage,
        RuleId::ChainMessage,
        RuleId::PersonalContact,
        RuleId::PhotoReminder,
    ];

    /// The stable id string.
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::PupilName => "pupil-name",
            RuleId::OpinionAboutPerson => "opinion-about-person",
            RuleId::OffensiveLanguage => "offensive-language",
            RuleId::SchoolIdentity => "school-identity",
            RuleId::SchoolLogo => "school-logo",
            RuleId::SensitiveAttachment => "sensitive-attachment",
            RuleId::SensitiveContent => "sensitive-content",
            RuleId::RecipientsExposed => "recipients-exposed",
            RuleId::PersonalEmail => "personal-email",
            RuleId::PasswordInMessage => "password-in-message",
            RuleId::ChainMessage => "chain-message",
            RuleId::PersonalContact => "personal-contact",
            RuleId::PhotoReminder => "photo-reminder",
        }
    }

    /// Whether this engine build implements the rule (the others are accepted in
    /// policies but raise nothing yet).
    pub fn is_implemented(self) -> bool {
        REGISTRY.iter().any(|r| r.id() == self)
    }

    /// The contract's default severity, in words ("email subject: block; …").
    pub fn default_severity(self) -> &'static str {
        match self {
            RuleId::PupilName => "email subject: block; email body: warn; social/chat: block",
            RuleId::OpinionAboutPerson => "email: warn; social/chat: block",
            RuleId::OffensiveLanguage => "email: warn; social: block",
            RuleId::SchoolIdentity => "social: warn",
            RuleId::SchoolLogo => "social: block; email: none",
            RuleId::SensitiveAttachment => "email with an external recipient: block; internal only: info",
            RuleId::SensitiveContent => "warn",
            RuleId::RecipientsExposed => "warn",
            RuleId::PersonalEmail => "warn",
            RuleId::PasswordInMessage => "warn",
            RuleId::ChainMessage => "warn",
            RuleId::PersonalContact => "warn",
            RuleId::PhotoReminder => "social: info",
        }
    }

    /// A plain-words description of what the rule looks for, for `sendwise explain`
    /// and the options page.
    pub fn description(self) -> &'static str {
        match self {
            RuleId::PupilName => "A pupil on the school's roster can be identified by name: forename and surname in any order or case, with or without accents. In a subject line this blocks; in an email body it warns and offers initials; on social media and in chat it blocks.",
            RuleId::OpinionAboutPerson => "A judgement about an identifiable colleague, pupil or parent rather than a factual description.",
            RuleId::OffensiveLanguage => "Swearing, abuse or discriminatory language, including disguised spellings.",
            RuleId::SchoolIdentity => "A personal social media post names the school (its name or an alias, in any case or as a hashtag), gives an address at the school's domain, or says the author works there.",
            RuleId::SchoolLogo => "An image in a personal social media post is, or contains, one of the school's logos (also resized, recompressed, cropped, in greyscale or other colours). Email is not checked: a crest in a signature is normal.",
            RuleId::SensitiveAttachment => "An unencrypted attachment holds pupil or staff personal data and is going outside the school.",
            RuleId::SensitiveContent => "The message itself carries sensitive pupil data to someone outside the school.",
            RuleId::RecipientsExposed => "Two or more people outside the school can see each other's addresses in To or Cc; Bcc keeps their addresses private.",
            RuleId::PersonalEmail => "School business sent from, or forwarded to, a personal webmail account.",
            RuleId::PasswordInMessage => "A password is given in the same message as the protected file or link it opens.",
            RuleId::ChainMessage => "Chain-letter content that asks to be passed on to many people.",
            RuleId::PersonalContact => "A personal mobile number or email address is given to parents or pupils.",
            RuleId::PhotoReminder => "Images are being posted on personal social media: a reminder (never a warning) that photos showing pupils must not be posted.",
        }
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a string that is not a rule id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule(pub String);

impl fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        write!(f, "unknown rule `{}`, expected one of: {}", self.0, ids.join(", "))
    }
}

impl std::error::Error for UnknownRule {}

impl FromStr for RuleId {
    type Err = UnknownRule;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RuleId::ALL.into_iter().find(|r| r.as_str() == s).ok_or_else(|| UnknownRule(s.to_owned()))
    }
}

/// A detector. Rules hold no state; everything they need is in the [`Context`].
pub(crate) trait Rule: Sync {
    /// The stable id this rule reports under.
    fn id(&self) -> RuleId;
    /// Push findings at the contract's default severity.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>);
}

/// Every implemented rule, in catalogue order. Adding a rule: one file, one line here.
#[rustfmt::skip]
pub(crate) static REGISTRY: &[&dyn Rule] = &[
    &pupil_name::PupilName,
    &opinion_about_person::OpinionAboutPerson,
    &offensive_language::OffensiveLanguage,
    &sensitive_attachment::SensitiveAttachment,
    &sensitive_content::SensitiveContent,
    &school_identity::SchoolIdentity,
    &school_logo::SchoolLogo,
    &recipients_exposed::RecipientsExposed,
    &personal_email::PersonalEmail,
    &password_in_message::PasswordInMessage,
    &chain_message::ChainMessage,
    &personal_contact::PersonalContact,
    &photo_reminder::PhotoReminder,
];
