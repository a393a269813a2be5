//! A school's policy source, its errors, and compilation into a [`Bundle`].
//!
//! The source is JSON (see the product contract) naming its roster CSVs by path. This module
//! never opens files: [`compile`] asks its caller for each referenced file's bytes.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::bundle::{Bundle, NameIndex, RuleSettings, SchoolInfo, Settings};
use crate::draft::Pixels;
use crate::finding::Severity;
use crate::logo::logo_hashes;
use crate::rules::RuleId;

pub mod roster;

pub use roster::{Person, Roster, RosterKind};

/// A policy or roster problem, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyError {
    /// The file the problem is in (as the policy names it, or the policy's own name).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
    /// The JSON path of the field (`school.domains[1]`), or the CSV column, when known.
    pub field: Option<String>,
    /// What is wrong and what was expected, lower-case.
    pub message: String,
}

impl PolicyError {
    pub(crate) fn new(file: &str, message: impl Into<String>) -> Self {
        PolicyError { file: file.to_owned(), line: None, column: None, field: None, message: message.into() }
    }

    pub(crate) fn at_field(mut self, field: impl Into<String>) -> Self {
        self.field = Some(field.into());
        self
    }

    pub(crate) fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        f.write_str(": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for PolicyError {}

/// The `school` object of a policy source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolSource {
    /// The school's full name.
    pub name: String,
    /// Other names the school goes by.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The school's own email domains.
    pub domains: Vec<String>,
    /// Domains of partners that are not external (local authority, trust).
    #[serde(default)]
    pub partner_domains: Vec<String>,
    /// The school's own phone numbers (office, trip phones).
    #[serde(default)]
    pub phones: Vec<String>,
    /// Logo image files, relative to the policy.
    #[serde(default)]
    pub logos: Vec<String>,
}

/// A school's override for one rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    /// `false` turns the rule off.
    #[serde(default = "yes")]
    pub enabled: bool,
    /// Replaces the default severity everywhere the rule fires.
    #[serde(default)]
    pub severity: Option<Severity>,
    /// The school's own wording of the rule, quoted in the dialog.
    #[serde(default)]
    pub clause: Option<String>,
}

fn yes() -> bool {
    true
}

/// What the "Send anyway" button does for a `block` finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockAction {
    /// Sending is allowed once the person types a reason.
    #[default]
    Reason,
    /// Sending is not allowed until the draft is changed.
    Forbid,
}

/// A parsed policy source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySource {
    /// The school.
    pub school: SchoolSource,
    /// Path of the pupils CSV.
    pub pupils: String,
    /// Path of the staff CSV.
    #[serde(default)]
    pub staff: Option<String>,
    /// Per-rule overrides, keyed by rule id.
    #[serde(default)]
    pub rules: BTreeMap<RuleId, RuleSource>,
    /// Settings.
    #[serde(default)]
    pub settings: Settings,
}

impl PolicySource {
    /// Parse a policy source. `origin` names the file in errors.
    pub fn parse(text: &str, origin: &str) -> Result<PolicySource, PolicyError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut de = serde_json::Deserializer::from_str(text);
        let source: PolicySource = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            PolicyError {
                file: origin.to_owned(),
                line: Some(inner.line()),
                column: Some(inner.column()),
                field: (path != "." && !path.is_empty()).then_some(path),
                message: json_message(&inner),
            }
        })?;
        source.validate(origin)?;
        Ok(source)
    }

    fn validate(&self, origin: &str) -> Result<(), PolicyError> {
        if self.school.name.trim().is_empty() {
            return Err(PolicyError::new(origin, "the school's name is empty").at_field("school.name"));
        }
        if self.school.domains.is_empty() {
            return Err(PolicyError::new(
                origin,
                "at least one school email domain is needed, e.g. [\"westbrook.sch.uk\"]",
            )
            .at_field("school.domains"));
        }
        for (list, key) in [
            (&self.school.domains, "school.domains"),
            (&self.school.partner_domains, "school.partner_domains"),
        ] {
            for (i, d) in list.iter().enumerate() {
                if !looks_like_domain(d) {
                    return Err(PolicyError::new(
                        origin,
                        format!("`{d}` is not a domain name (expected something like \"westbrook.sch.uk\", without @)"),
                    )
                    .at_field(format!("{key}[{i}]")));
                }
            }
        }
        for (list, key) in [
            (&self.settings.webmail_domains, "settings.webmail_domains"),
            (&self.settings.not_webmail_domains, "settings.not_webmail_domains"),
        ] {
            for (i, d) in list.iter().enumerate() {
                if !looks_like_domain(d) {
                    return Err(PolicyError::new(origin, format!("`{d}` is not a domain name"))
                        .at_field(format!("{key}[{i}]")));
                }
            }
        }
        if self.pupils.trim().is_empty() {
            return Err(PolicyError::new(origin, "the path of the pupils CSV is empty").at_field("pupils"));
        }
        Ok(())
    }
}

fn json_message(e: &serde_json::Error) -> String {
    // serde_json appends " at line L column C"; the location is reported separately.
    let msg = e.to_string();
    match msg.rfind(" at line ") {
        Some(i) => msg.get(..i).unwrap_or(&msg).to_owned(),
        None => msg,
    }
}

fn looks_like_domain(d: &str) -> bool {
    let d = d.trim();
    !d.is_empty()
        && d.contains('.')
        && !d.starts_with('.')
        && !d.ends_with('.')
        && d.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
}

/// Compile a policy source that names no logos into a bundle.
///
/// `load` returns the bytes of a file the source names (the pupils and staff CSVs), or a
/// message saying why it cannot. `key` keys the name hashes; callers pass fresh random bytes
/// so two bundles of one roster share no hashes. A source that names logos is an error here
/// (the engine reads no image formats): use [`compile_with_logos`].
pub fn compile(
    source: &PolicySource,
    load: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
    key: [u8; 16],
) -> Result<Bundle, PolicyError> {
    compile_with_logos(
        source,
        load,
        &mut |_| Err("logo images need a caller that can decode them".to_owned()),
        key,
    )
}

/// Compile a policy source into a bundle, with its logos.
///
/// Like [`compile`], and `logo` returns the decoded pixels of each logo file the source
/// names (the CLI decodes PNG, JPEG and SVG; a browser decodes with its own image code).
/// Only the logos' perceptual hashes go into the bundle.
pub fn compile_with_logos(
    source: &PolicySource,
    load: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
    logo: &mut dyn FnMut(&str) -> Result<Pixels, String>,
    key: [u8; 16],
) -> Result<Bundle, PolicyError> {
    let pupils_bytes =
        load(&source.pupils).map_err(|why| PolicyError::new(&source.pupils, why).at_field("pupils"))?;
    let pupils = Roster::parse(&pupils_bytes, &source.pupils, RosterKind::Pupils)?;
    let staff = match &source.staff {
        Some(path) => {
            let bytes = load(path).map_err(|why| PolicyError::new(path, why).at_field("staff"))?;
            Roster::parse(&bytes, path, RosterKind::Staff)?
        }
        None => Roster::default(),
    };
    let names = NameIndex::build(key, &pupils, &staff);
    let mut logos = Vec::with_capacity(source.school.logos.len());
    for (i, path) in source.school.logos.iter().enumerate() {
        let at = |why: String| PolicyError::new(path, why).at_field(format!("school.logos[{i}]"));
        let pixels = logo(path).map_err(at)?;
        logos.push(logo_hashes(path, pixels.view()).map_err(at)?);
    }
    let school = &source.school;
    let lower = |v: &[String]| -> Vec<String> { v.iter().map(|d| d.trim().to_ascii_lowercase()).collect() };
    Ok(Bundle {
        format: Bundle::FORMAT.to_owned(),
        version: Bundle::VERSION,
        school: SchoolInfo {
            name: school.name.trim().to_owned(),
            aliases: school.aliases.clone(),
            domains: lower(&school.domains),
            partner_domains: lower(&school.partner_domains),
            phones: school.phones.clone(),
        },
        names,
        rules: source
            .rules
            .iter()
            .map(|(id, r)| {
                (*id, RuleSettings { enabled: r.enabled, severity: r.severity, clause: r.clause.clone() })
            })
            .collect(),
        settings: Settings {
            webmail_domains: lower(&source.settings.webmail_domains),
            not_webmail_domains: lower(&source.settings.not_webmail_domains),
            ..source.settings.clone()
        },
        logos,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> PolicyError {
        PolicySource::parse(json, "policy.json").unwrap_err()
    }

    #[test]
    fn a_good_policy_parses() {
        let p = PolicySource::parse(crate::testing::POLICY, "policy.json").unwrap();
        assert_eq!(p.school.domains, ["westbrook.sch.uk"]);
        assert_eq!(p.staff.as_deref(), Some("staff.csv"));
    }

    #[test]
    fn unknown_keys_name_the_field_and_line() {
        let e = err("{\n  \"school\": {\"name\": \"X\", \"domains\": [\"x.sch.uk\"], \"colour\": \"red\"},\n  \"pupils\": \"p.csv\"\n}");
        assert_eq!(e.file, "policy.json");
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("unknown field `colour`"), "{e}");
        assert!(e.to_string().starts_with("policy.json:2:"), "{e}");
    }

    #[test]
    fn wrong_types_and_missing_fields() {
        let e = err(r#"{"school": {"name": "X", "domains": "x.sch.uk"}, "pupils": "p.csv"}"#);
        assert_eq!(e.field.as_deref(), Some("school.domains"), "{e}");
        assert!(err(r#"{"school": {"name": "X", "domains": ["x.sch.uk"]}}"#).message.contains("pupils"));
        let e = err("not json");
        assert!(e.message.contains("expected"));
        assert_eq!(e.field, None);
    }

    #[test]
    fn validation_names_the_field() {
        let e = err(r#"{"school": {"name": "X", "domains": ["x.sch.uk", "@bad"]}, "pupils": "p.csv"}"#);
        assert_eq!(e.field.as_deref(), Some("school.domains[1]"));
        let e = err(r#"{"school": {"name": "X", "domains": []}, "pupils": "p.csv"}"#);
        assert_eq!(e.field.as_deref(), Some("school.domains"));
        let e = err(r#"{"school": {"name": " ", "domains": ["x.sch.uk"]}, "pupils": "p.csv"}"#);
        assert_eq!(e.field.as_deref(), Some("school.name"));
    }

    #[test]
    fn rule_overrides_and_unknown_rules() {
        let p = PolicySource::parse(
            r#"{"school": {"name": "X", "domains": ["x.sch.uk"]}, "pupils": "p.csv",
               "rules": {"pupil-name": {"severity": "warn", "clause": "Use initials."}}}"#,
            "policy.json",
        )
        .unwrap();
        assert_eq!(p.rules[&RuleId::PupilName].severity, Some(Severity::Warn));
        let e = err(
            r#"{"school": {"name": "X", "domains": ["x.sch.uk"]}, "pupils": "p.csv", "rules": {"pupil-names": {}}}"#,
        );
        assert!(e.message.contains("pupil-name"), "{e}");
    }

    #[test]
    fn missing_csv_names_the_file() {
        let p = PolicySource::parse(crate::testing::POLICY, "policy.json").unwrap();
        let e = compile(&p, &mut |_| Err("no such file".into()), [0; 16]).unwrap_err();
        assert_eq!(e.file, "pupils.csv");
        assert!(e.to_string().contains("no such file"));
    }
}
