//! The compiled policy bundle: what managed storage deploys and browsers load.
//!
//! Roster names are present only as keyed 64-bit hashes of their folded forms
//! ([`NameIndex`]); nothing in a bundle spells a pupil's or staff member's name. The key is
//! in the bundle too (the checker needs it), so hashing stops casual reading and
//! cross-bundle linking, not a determined guess-and-check by someone holding the bundle
//! (see the README's privacy section).

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::hash::{BuildHasherDefault, Hasher};

use base64::Engine as _;
use serde::{Deserialize, Serialize};
use siphasher::sip::SipHasher13;

use crate::finding::Severity;
use crate::logo::{LogoHashes, LogoSet};
use crate::policy::roster::Roster;
use crate::policy::BlockAction;
use crate::rules::RuleId;
use crate::text::name_key;

/// The school's public facts (nothing here is personal data).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchoolInfo {
    /// Full name.
    pub name: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// Own email domains, lower case.
    pub domains: Vec<String>,
    /// Partner domains (not external), lower case.
    pub partner_domains: Vec<String>,
    /// The school's own phone numbers.
    pub phones: Vec<String>,
}

/// A school's settings for one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSettings {
    /// Whether the rule runs.
    pub enabled: bool,
    /// Severity replacing the default everywhere, if set.
    pub severity: Option<Severity>,
    /// The school's clause text.
    pub clause: Option<String>,
}

/// Extension-wide settings a school may choose: the policy's `settings` section, carried
/// into the bundle as written (domains lower-cased).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    /// What "Send anyway" does for a block: ask for a reason (default) or forbid.
    pub block_action: BlockAction,
    /// When the engine fails, block sending instead of letting it through.
    pub fail_closed: bool,
    /// Personal webmail domains added to the built-in list.
    pub webmail_domains: Vec<String>,
    /// Domains removed from the built-in webmail list (a school that uses one for work).
    pub not_webmail_domains: Vec<String>,
}

/// What a hashed name form is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum NameKind {
    /// "forename surname" of a pupil (legal or preferred parts in any mix).
    PupilFull = 1,
    /// A pupil's forename.
    PupilForename = 2,
    /// A pupil's surname.
    PupilSurname = 3,
    /// "forename surname" of a member of staff.
    StaffFull = 4,
    /// A member of staff's forename.
    StaffForename = 5,
    /// A member of staff's surname.
    StaffSurname = 6,
    /// "initial surname" of a member of staff ("k brennan"), for email local parts.
    StaffInitialSurname = 7,
}

/// Keyed hashes of roster name forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameIndex {
    /// The SipHash-1-3 key, hex.
    pub key: String,
    /// Number of pupils on the roster.
    pub pupils: usize,
    /// Number of staff on the roster.
    pub staff: usize,
    /// Sorted distinct 64-bit hashes, little-endian, base64.
    pub hashes: String,
}

impl NameIndex {
    pub(crate) fn build(key: [u8; 16], pupils: &Roster, staff: &Roster) -> NameIndex {
        let hasher = NameHasher::new(key);
        let mut set = Vec::new();
        for (roster, full, fore, sur) in [
            (pupils, NameKind::PupilFull, NameKind::PupilForename, NameKind::PupilSurname),
            (staff, NameKind::StaffFull, NameKind::StaffForename, NameKind::StaffSurname),
        ] {
            for p in &roster.people {
                let forenames: Vec<String> =
                    p.forenames.iter().flat_map(|f| spellings(&name_key(f))).collect();
                let surnames: Vec<String> = p.surnames.iter().flat_map(|s| spellings(&name_key(s))).collect();
                for f in &forenames {
                    push_with_parts(&mut set, &hasher, fore, f);
                    for s in &surnames {
                        set.push(hasher.hash(full, &format!("{f} {s}")));
                    }
                }
                for s in &surnames {
                    push_with_parts(&mut set, &hasher, sur, s);
                }
                if full == NameKind::StaffFull {
                    for f in &p.forenames {
                        let Some(initial) = name_key(f).chars().next() else { continue };
                        for s in &p.surnames {
                            set.push(
                                hasher.hash(
                                    NameKind::StaffInitialSurname,
                                    &format!("{initial} {}", name_key(s)),
                                ),
                            );
                        }
                    }
                }
            }
        }
        set.sort_unstable();
        set.dedup();
        let mut bytes = Vec::with_capacity(set.len() * 8);
        for h in &set {
            bytes.extend_from_slice(&h.to_le_bytes());
        }
        NameIndex {
            key: hex(&key),
            pupils: pupils.people.len(),
            staff: staff.people.len(),
            hashes: base64::engine::general_purpose::STANDARD.encode(bytes),
        }
    }

    /// An index with no names (no policy loaded).
    pub fn empty() -> NameIndex {
        NameIndex { key: hex(&[0; 16]), pupils: 0, staff: 0, hashes: String::new() }
    }
}

/// The ways a name key is commonly written: as is, and for names with an apostrophe
/// (O'Brien, D'Souza) also without it ("obrien") and split ("o brien").
fn spellings(key: &str) -> Vec<String> {
    let mut out = vec![key.to_owned()];
    if key.contains('\'') {
        out.push(key.replace('\'', ""));
        out.push(key.replace('\'', " "));
    }
    out
}

/// A name and, when it has several words ("de souza", "li na"), each word too: the checker
/// finds candidate names word by word before hashing whole spans.
fn push_with_parts(set: &mut Vec<u64>, hasher: &NameHasher, kind: NameKind, key: &str) {
    set.push(hasher.hash(kind, key));
    if key.contains(' ') {
        for part in key.split(' ') {
            set.push(hasher.hash(kind, part));
        }
    }
}

/// Hashes folded name forms with the bundle's key.
#[derive(Debug, Clone, Default)]
pub(crate) struct NameHasher {
    k0: u64,
    k1: u64,
}

impl NameHasher {
    pub(crate) fn new(key: [u8; 16]) -> Self {
        let mut a = [0u8; 8];
        let mut b = [0u8; 8];
        a.copy_from_slice(key.get(..8).unwrap_or(&[0; 8]));
        b.copy_from_slice(key.get(8..).unwrap_or(&[0; 8]));
        NameHasher { k0: u64::from_le_bytes(a), k1: u64::from_le_bytes(b) }
    }

    /// Hash a form that is already in [`name_key`] shape.
    pub(crate) fn hash(&self, kind: NameKind, key: &str) -> u64 {
        let mut h = SipHasher13::new_with_keys(self.k0, self.k1);
        h.write_u8(kind as u8);
        h.write(key.as_bytes());
        h.finish()
    }
}

/// The stored hashes are already keyed SipHash outputs, uniformly spread: hashing them
/// again for the set's buckets would only cost time.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdentityHasher(u64);

impl Hasher for IdentityHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type HashSet64 = HashSet<u64, BuildHasherDefault<IdentityHasher>>;

/// The loaded, queryable form of a [`NameIndex`].
#[derive(Debug, Clone, Default)]
pub(crate) struct NameSet {
    hasher: NameHasher,
    set: HashSet64,
}

impl NameSet {
    pub(crate) fn contains(&self, kind: NameKind, key: &str) -> bool {
        !self.set.is_empty() && self.set.contains(&self.hasher.hash(kind, key))
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.set.is_empty()
    }
}

/// A compiled policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// Always [`Bundle::FORMAT`].
    pub format: String,
    /// The bundle format version ([`Bundle::VERSION`]).
    pub version: u32,
    /// The school.
    pub school: SchoolInfo,
    /// Hashed roster names.
    pub names: NameIndex,
    /// Per-rule settings.
    pub rules: BTreeMap<RuleId, RuleSettings>,
    /// Settings.
    pub settings: Settings,
    /// Perceptual hashes of the school's logos (absent in bundles compiled without logos).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub logos: Vec<LogoHashes>,
}

/// Why a bundle could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleError {
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BundleError {}

impl Bundle {
    /// The value of `format`.
    pub const FORMAT: &'static str = "sendwise-bundle";
    /// The current format version.
    pub const VERSION: u32 = 1;

    /// Read a bundle from its JSON.
    pub fn from_json(text: &str) -> Result<Bundle, BundleError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value = serde_json::from_str(text)
            .map_err(|e| BundleError { message: format!("not a sendwise bundle: {e}") })?;
        match value.get("format").and_then(|f| f.as_str()) {
            Some(Self::FORMAT) => {}
            _ => {
                return Err(BundleError {
                    message: "not a sendwise bundle: `format` is not \"sendwise-bundle\" (is this a policy source? compile it first)".into(),
                })
            }
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(Self::VERSION) => {}
            Some(v) => {
                return Err(BundleError {
                    message: format!(
                        "bundle format version {v} is not supported by this sendwise (which reads version {}); compile the policy again with a matching sendwise",
                        Self::VERSION
                    ),
                })
            }
            None => {
                return Err(BundleError {
                    message: "not a sendwise bundle: `version` is missing".into(),
                })
            }
        }
        let bundle: Bundle = serde_json::from_value(value)
            .map_err(|e| BundleError { message: format!("damaged sendwise bundle: {e}") })?;
        bundle.name_set()?;
        bundle.logo_set()?;
        Ok(bundle)
    }

    /// The bundle as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    pub(crate) fn logo_set(&self) -> Result<LogoSet, BundleError> {
        LogoSet::new(&self.logos)
            .map_err(|e| BundleError { message: format!("damaged sendwise bundle: {e}") })
    }

    pub(crate) fn name_set(&self) -> Result<NameSet, BundleError> {
        let damaged = |what: &str| BundleError { message: format!("damaged sendwise bundle: {what}") };
        let key = unhex(&self.names.key).ok_or_else(|| damaged("names.key is not 32 hex digits"))?;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(&self.names.hashes)
            .map_err(|_| damaged("names.hashes is not base64"))?;
        if bytes.len() % 8 != 0 {
            return Err(damaged("names.hashes is not a whole number of hashes"));
        }
        let set = bytes
            .chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect();
        Ok(NameSet { hasher: NameHasher::new(key), set })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<[u8; 16]> {
    if s.len() != 32 || !s.is_ascii() {
        return None;
    }
    let mut out = [0u8; 16];
    for (i, o) in out.iter_mut().enumerate() {
        *o = u8::from_str_radix(s.get(i * 2..i * 2 + 2)?, 16).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{compile, PolicySource};

    const PUPILS: &str = "Legal Forename,Legal Surname,Preferred Forename\nSiobhan,O'Callaghan,Shiv\nKacper,Nowakowski,\nMaya,Hughes-Patel,\n";
    const STAFF: &str =
        "Title,Forename,Surname,Email\nMrs,Gwendolyn,Featherstone,g.featherstone@westbrook.sch.uk\n";

    fn bundle() -> Bundle {
        let source = PolicySource::parse(crate::testing::POLICY, "policy.json").unwrap();
        compile(
            &source,
            &mut |p| Ok(if p == "pupils.csv" { PUPILS } else { STAFF }.as_bytes().to_vec()),
            [3; 16],
        )
        .unwrap()
    }

    fn strings(v: &serde_json::Value, path: &str, out: &mut Vec<(String, String)>) {
        match v {
            serde_json::Value::String(s) => out.push((path.to_owned(), s.clone())),
            serde_json::Value::Array(a) => a.iter().for_each(|x| strings(x, path, out)),
            serde_json::Value::Object(o) => {
                o.iter().for_each(|(k, x)| strings(x, &format!("{path}.{k}"), out))
            }
            _ => {}
        }
    }

    #[test]
    fn no_roster_name_is_in_the_bundle() {
        let json = bundle().to_json();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut all = Vec::new();
        strings(&v, "", &mut all);
        let names = [
            "siobhan",
            "callaghan",
            "shiv",
            "kacper",
            "nowakowski",
            "maya",
            "hughes",
            "patel",
            "gwendolyn",
            "featherstone",
        ];
        for (path, s) in &all {
            if path == ".names.hashes" {
                // Opaque: nothing but whole 64-bit hashes.
                let bytes = base64::engine::general_purpose::STANDARD.decode(s).unwrap();
                assert_eq!(bytes.len() % 8, 0);
                continue;
            }
            for n in names {
                assert!(!s.to_lowercase().contains(n), "{n} appears in {path}: {s}");
            }
        }
        // The raw bytes too, for names long enough not to turn up in base64 by chance.
        let lower = json.to_lowercase();
        for n in names.iter().filter(|n| n.len() >= 7) {
            assert!(!lower.contains(n), "{n} appears in the bundle");
        }
    }

    #[test]
    fn round_trip_and_counts() {
        let b = bundle();
        assert_eq!((b.names.pupils, b.names.staff), (3, 1));
        assert_eq!(Bundle::from_json(&b.to_json()).unwrap(), b);
    }

    #[test]
    fn different_keys_share_no_hashes() {
        let source = PolicySource::parse(crate::testing::POLICY, "policy.json").unwrap();
        let mut load = |p: &str| Ok(if p == "pupils.csv" { PUPILS } else { STAFF }.as_bytes().to_vec());
        let a = compile(&source, &mut load, [1; 16]).unwrap().name_set().unwrap();
        let b = compile(&source, &mut load, [2; 16]).unwrap().name_set().unwrap();
        assert!(a.set.is_disjoint(&b.set));
    }

    #[test]
    fn bad_bundles_say_what_is_wrong() {
        assert!(Bundle::from_json("nope").unwrap_err().message.contains("not a sendwise bundle"));
        assert!(Bundle::from_json(r#"{"school":{}}"#).unwrap_err().message.contains("compile it first"));
        let mut v: serde_json::Value = serde_json::from_str(&bundle().to_json()).unwrap();
        v["version"] = 99.into();
        assert!(Bundle::from_json(&v.to_string()).unwrap_err().message.contains("version 99"));
        v["version"] = 1.into();
        v["names"]["hashes"] = "!!!".into();
        assert!(Bundle::from_json(&v.to_string()).unwrap_err().message.contains("names.hashes"));
    }
}
