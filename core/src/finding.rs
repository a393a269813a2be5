//! What a check reports: findings that explain themselves, gathered in a report.

use serde::{Deserialize, Serialize};

use crate::rules::RuleId;

/// How strongly a finding interrupts sending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A note; never interrupts.
    Info,
    /// The dialog asks before sending.
    Warn,
    /// The dialog asks for a typed reason before sending (or forbids it, by policy).
    Block,
}

impl Severity {
    /// The lower-case name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warn => "warn",
            Severity::Block => "block",
        }
    }
}

/// Which part of the draft a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// The subject line.
    Subject,
    /// The body (including quoted replies and the HTML part), post or message text.
    Body,
    /// The address fields, From included.
    Recipients,
    /// An attached file (see [`Finding::name`]).
    Attachment,
    /// An image (see [`Finding::name`]).
    Image,
}

impl Field {
    /// The lower-case name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Subject => "subject",
            Field::Body => "body",
            Field::Recipients => "recipients",
            Field::Attachment => "attachment",
            Field::Image => "image",
        }
    }
}

/// Why a finding was raised: the evidence for it and the school's own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Each piece of evidence, in plain words ("forename and surname of a pupil on the roster").
    pub reasons: Vec<String>,
    /// The school's clause for this rule, when the policy gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
}

/// A one-click fix the person may choose. Adapters apply it; the engine only proposes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Fix {
    /// Replace `start..end` (Unicode scalar values) of `field`'s text with `with`.
    Replace {
        /// The field whose text changes.
        field: Field,
        /// Start of the text to replace.
        start: usize,
        /// End of the text to replace.
        end: usize,
        /// The replacement text.
        with: String,
        /// A short label for the button ("Use initials").
        label: String,
    },
    /// Move these To/Cc addresses to Bcc.
    MoveToBcc {
        /// The addresses to move, as they appear in the draft.
        addresses: Vec<String>,
        /// A short label for the button.
        label: String,
    },
}

/// One thing the person should know before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The rule that raised it.
    pub rule: RuleId,
    /// How strongly it interrupts.
    pub severity: Severity,
    /// Where in the draft.
    pub field: Field,
    /// The attachment or image file name, for those fields.
    pub name: Option<String>,
    /// Start of the excerpt in the field's text, in Unicode scalar values.
    pub start: Option<usize>,
    /// End of the excerpt in the field's text, in Unicode scalar values.
    pub end: Option<usize>,
    /// The text that raised it (the person's own words, shown back to them).
    pub excerpt: String,
    /// What was found and what to do, in plain British English.
    pub message: String,
    /// Why it was raised.
    pub explanation: Evidence,
    /// A fix the person can apply with one click.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// Everything a check found, in the order of the draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The findings, info included.
    pub findings: Vec<Finding>,
    /// Notes about the check itself (no policy loaded, a rule that could not run).
    pub notes: Vec<String>,
    /// Whether a school policy was loaded (without one, names are not checked).
    pub policy_loaded: bool,
}

impl Report {
    /// The highest severity found, if any.
    pub fn max_severity(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }

    /// True when something at warn or above should stop the send for a decision.
    pub fn needs_decision(&self) -> bool {
        self.max_severity() >= Some(Severity::Warn)
    }
}
