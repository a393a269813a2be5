//! Compile once, check many: an [`Engine`] holds a loaded bundle and checks drafts.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::addresses::{domain_of, is_webmail};
use crate::bundle::{Bundle, BundleError, NameSet, SchoolInfo, Settings};
use crate::draft::Draft;
use crate::finding::{Field, Finding, Report};
use crate::logo::{ImageScan, LogoSet, Rgba};
use crate::rules::REGISTRY;
use crate::text::{html_to_text, name_key, tokenize, Token};

/// A checker loaded with one school's policy (or none).
#[derive(Debug, Clone)]
pub struct Engine {
    bundle: Option<Bundle>,
    names: NameSet,
    logos: LogoSet,
}

/// One text field prepared for the rules.
#[derive(Debug)]
pub(crate) struct TextField {
    /// Which field the text is.
    pub field: Field,
    /// The text as the person wrote it.
    pub text: String,
    /// Its words.
    pub tokens: Vec<Token>,
    /// Whether offsets in `text` are offsets in the draft's field (false for the text of an
    /// HTML part beside a plain-text body).
    pub locatable: bool,
}

impl TextField {
    fn new(field: Field, text: String, locatable: bool) -> Self {
        let tokens = tokenize(&text);
        TextField { field, text, tokens, locatable }
    }

    /// The text between two tokens' byte ranges (inclusive of both).
    pub fn slice(&self, first: &Token, last: &Token) -> &str {
        self.text.get(first.bytes.0..last.bytes.1).unwrap_or_default()
    }
}

/// What a rule sees of a draft and the policy.
#[derive(Debug)]
pub(crate) struct Context<'a> {
    /// The draft.
    pub draft: &'a Draft,
    /// Subject and body text, tokenised.
    pub fields: Vec<TextField>,
    /// Roster name hashes (empty without a policy).
    pub names: &'a NameSet,
    /// The school (empty without a policy).
    pub school: &'a SchoolInfo,
    /// The school's settings (defaults without a policy).
    pub settings: &'a Settings,
    /// The school's logos (empty without a policy or when it names none).
    pub logos: &'a LogoSet,
}

impl Context<'_> {
    /// Whether an address belongs to the school or a partner (subdomains included).
    ///
    /// Without a policy the school's domains are unknown: the sender's own domain stands in
    /// for them, and when the sender is unknown too only personal webmail addresses are
    /// taken to be outside, since those never belong to a school.
    pub fn is_internal(&self, address: &str) -> bool {
        let Some(domain) = domain_of(address) else {
            return false;
        };
        let under = |d: &str| domain == d || domain.ends_with(&format!(".{d}"));
        if self.school.domains.is_empty() {
            return match domain_of(&self.draft.from) {
                Some(own) => under(&own),
                None => !is_webmail(address, self.settings),
            };
        }
        self.school.domains.iter().chain(&self.school.partner_domains).any(|d| under(d))
    }

    /// Every To, Cc and Bcc entry.
    pub fn recipients(&self) -> impl Iterator<Item = &String> {
        self.draft.to.iter().chain(&self.draft.cc).chain(&self.draft.bcc)
    }

    /// Whether any recipient is outside the school and its partners.
    pub fn has_external_recipient(&self) -> bool {
        self.recipients().any(|r| r.contains('@') && !self.is_internal(r))
    }
}

impl Engine {
    /// An engine for a compiled policy.
    pub fn new(bundle: Bundle) -> Result<Engine, BundleError> {
        let names = bundle.name_set()?;
        let logos = bundle.logo_set()?;
        Ok(Engine { bundle: Some(bundle), names, logos })
    }

    /// An engine with no school policy: rules that need no roster still run.
    pub fn without_policy() -> Engine {
        Engine { bundle: None, names: NameSet::default(), logos: LogoSet::default() }
    }

    /// The loaded bundle, if any.
    pub fn bundle(&self) -> Option<&Bundle> {
        self.bundle.as_ref()
    }

    /// Look for the school's logos in an image's pixels (RGBA8, row by row), as a browser
    /// does when an image is added to a draft; the scan then goes in
    /// [`Image::scan`](crate::Image::scan). Never fails: bad pixels give a scan with a
    /// `problem`. The time is bounded (see [`logo`](crate::logo)).
    pub fn scan_image(&self, width: u32, height: u32, rgba: &[u8]) -> ImageScan {
        self.logos.scan(Rgba { width, height, data: rgba })
    }

    /// Check a draft. Never fails: a rule that breaks is reported in the notes.
    pub fn check(&self, draft: &Draft) -> Report {
        let empty_school = SchoolInfo::default();
        let default_settings = Settings::default();
        let school = self.bundle.as_ref().map_or(&empty_school, |b| &b.school);
        let settings = self.bundle.as_ref().map_or(&default_settings, |b| &b.settings);
        let mut fields = vec![TextField::new(Field::Subject, draft.subject.clone(), true)];
        match draft.html.as_deref() {
            Some(html) if draft.body.trim().is_empty() => {
                fields.push(TextField::new(Field::Body, html_to_text(html), true));
            }
            Some(html) => {
                fields.push(TextField::new(Field::Body, draft.body.clone(), true));
                fields.push(TextField::new(Field::Body, html_to_text(html), false));
            }
            None => fields.push(TextField::new(Field::Body, draft.body.clone(), true)),
        }
        let cx = Context { draft, fields, names: &self.names, school, settings, logos: &self.logos };
        let mut report = Report { policy_loaded: self.bundle.is_some(), ..Report::default() };
        if self.names.is_empty() {
            report.notes.push(
                "No school policy is loaded, so pupils' and staff names are not checked. Ask your school's IT lead for the sendwise policy file.".to_owned(),
            );
        }
        if draft.channel == crate::Channel::Social && !self.logos.is_empty() {
            for image in &draft.images {
                let scanned = image.scan.as_ref().is_some_and(|s| s.against == self.logos.digest());
                if !scanned && image.pixels.is_none() {
                    report.notes.push(format!(
                        "The image \"{}\" could not be checked for the school's logo (its picture was not available).",
                        image.name
                    ));
                }
            }
        }
        for rule in REGISTRY {
            let settings = self.bundle.as_ref().and_then(|b| b.rules.get(&rule.id()));
            if settings.is_some_and(|s| !s.enabled) {
                continue;
            }
            let mut found = Vec::new();
            let ran = catch_unwind(AssertUnwindSafe(|| rule.check(&cx, &mut found)));
            if ran.is_err() {
                report.notes.push(format!(
                    "The {} check could not run on this draft; the other checks did.",
                    rule.id()
                ));
                continue;
            }
            for mut f in found {
                if let Some(s) = settings {
                    if let Some(sev) = s.severity {
                        f.severity = sev;
                    }
                    if f.explanation.clause.is_none() {
                        f.explanation.clause.clone_from(&s.clause);
                    }
                }
                report.findings.push(f);
            }
        }
        dedupe(&mut report.findings);
        report
    }
}

/// Drop findings that repeat one already made: the HTML part of an email usually repeats
/// its plain-text part, and a rule may reach the same words twice.
fn dedupe(findings: &mut Vec<Finding>) {
    let mut kept: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings.drain(..) {
        let key = name_key(&f.excerpt);
        let repeat = kept.iter().any(|k| {
            k.rule == f.rule
                && k.field == f.field
                && k.name == f.name
                && ((k.start == f.start && k.end == f.end && k.start.is_some())
                    || (f.start.is_none() && name_key(&k.excerpt) == key))
        });
        if !repeat {
            kept.push(f);
        }
    }
    kept.sort_by_key(|f| (f.field, f.start.unwrap_or(usize::MAX)));
    *findings = kept;
}
