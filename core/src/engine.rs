//! Compile once, check many: an [`Engine`] holds a loaded bundle and checks drafts.

use std::panic::{catch_unwind, AssertUnwindSafe};

use crate::addresses::{domain_of, is_webmail};
use crate::attach::{self, AttachmentScan, Limits};
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

    /// The text in bytes `s..e`, and where it is in Unicode scalar values when this field's
    /// offsets are the draft's (see [`TextField::locatable`]).
    pub fn excerpt_at(&self, s: usize, e: usize) -> (String, Option<usize>, Option<usize>) {
        let excerpt = self.text.get(s..e).unwrap_or_default().to_owned();
        if !self.locatable {
            return (excerpt, None, None);
        }
        let start = self.text.get(..s).map(|p| p.chars().count());
        let end = start.map(|st| st + excerpt.chars().count());
        (excerpt, start, end)
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
    /// One scan per attachment, in order: the draft's own, or made now from its bytes;
    /// `None` when neither bytes nor a scan were given.
    pub scans: Vec<Option<AttachmentScan>>,
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

    /// Scan a file as it is attached: its format, protection and what sensitive data it
    /// holds, in counts. Never fails: a file that cannot be fully read says so in `notes`.
    /// Pass the result back in [`Attachment::scan`](crate::Attachment::scan) at Send.
    pub fn scan_attachment(&self, name: &str, bytes: &[u8]) -> AttachmentScan {
        let limits = Limits::default();
        catch_unwind(AssertUnwindSafe(|| attach::scan(&self.names, name, bytes, &limits))).unwrap_or_else(
            |_| AttachmentScan {
                name: name.to_owned(),
                size: bytes.len(),
                notes: vec!["sendwise could not read this file.".to_owned()],
                ..AttachmentScan::default()
            },
        )
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
        let scans = draft
            .attachments
            .iter()
            .map(|a| match &a.scan {
                Some(s) => Some(s.clone()),
                None if !a.data.is_empty() => Some(self.scan_attachment(&a.name, &a.data)),
                // Named but neither read nor scanned (a caller that could not get the bytes):
                // never treated as clean.
                None => Some(AttachmentScan::not_given(&a.name)),
            })
            .collect();
        let cx = Context { draft, fields, names: &self.names, school, settings, scans, logos: &self.logos };
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

#[cfg(test)]
mod tests {
    use crate::testing::{draft_email, engine_for};
    use crate::{Channel, Draft, RuleId, Severity};

    #[test]
    fn school_overrides_change_severity_add_the_clause_and_can_turn_a_rule_off() {
        let mut e = engine_for(&[("Ruby", "Okonkwo")]);
        let d = draft_email("a@westbrook.sch.uk", "Ruby Okonkwo", "");
        assert_eq!(e.check(&d).findings[0].severity, Severity::Block);
        let mut b = e.bundle().cloned().unwrap();
        b.rules.insert(
            RuleId::PupilName,
            crate::bundle::RuleSettings {
                enabled: true,
                severity: Some(Severity::Warn),
                clause: Some("Initials only.".into()),
            },
        );
        e = crate::Engine::new(b.clone()).unwrap();
        let f = &e.check(&d).findings[0];
        assert_eq!((f.severity, f.explanation.clause.as_deref()), (Severity::Warn, Some("Initials only.")));
        b.rules.get_mut(&RuleId::PupilName).unwrap().enabled = false;
        assert!(crate::Engine::new(b).unwrap().check(&d).findings.is_empty());
    }

    /// A small deterministic generator, so the test needs no dependency and fails the same
    /// way every time.
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            self.0 >> 33
        }
        fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
            from[(self.next() as usize) % from.len()]
        }
    }

    #[test]
    fn check_never_panics_on_hostile_text() {
        let pieces = [
            "Ruby",
            "Okonkwo",
            "okonkwo,",
            "'s",
            "’",
            "\u{200b}",
            "\u{0301}",
            "-",
            " ",
            "\n",
            "\n\n",
            ",",
            ".",
            "@",
            "gmail.com",
            "+44",
            "(0)",
            "07700",
            "900",
            "123",
            "<b>",
            "</b>",
            "&nbsp;",
            "&#x1F600;",
            "&",
            "<",
            ">",
            "forward",
            "this",
            "to",
            "10",
            "people",
            "break",
            "the",
            "chain",
            "Mr",
            "Ｒｕｂｙ",
            "Ру",
            "😀",
            "\u{feff}",
            "\r\n",
            "ſ",
            "İ",
            "ﬁ",
            "\u{10ffff}",
            "a@",
            "@b.",
            "..",
            "'",
            "''",
            "D'",
            "Mc",
            "-",
            "--",
        ];
        let engine = engine_for(&[("Ruby", "Okonkwo"), ("Amelia", "D'Souza")]);
        let mut rng = Lcg(42);
        for round in 0..400 {
            let mut text = String::new();
            for _ in 0..(rng.next() % 60) {
                text.push_str(rng.pick(&pieces));
            }
            let d = Draft {
                channel: [Channel::Email, Channel::Social, Channel::Chat][round % 3],
                from: rng.pick(&["", "a@westbrook.sch.uk", "x@gmail.com", "<>", "@"]).into(),
                to: vec![text.clone(), "p@gmail.com".into(), "q@yahoo.co.uk".into()],
                subject: text.chars().rev().collect(),
                html: (round % 2 == 0).then(|| text.clone()),
                body: text,
                ..Draft::default()
            };
            let r = engine.check(&d);
            assert!(r.notes.iter().all(|n| !n.contains("could not run")), "round {round}: {:?}", r.notes);
            for f in &r.findings {
                if let (Some(s), Some(e)) = (f.start, f.end) {
                    let field = if f.field == crate::Field::Subject { &d.subject } else { &d.body };
                    assert!(s <= e && e <= field.chars().count(), "round {round}: {f:?}");
                    let at: String = field.chars().skip(s).take(e - s).collect();
                    assert_eq!(at, f.excerpt, "round {round}: the excerpt is the text at start..end");
                }
            }
        }
    }
}
