//! Email addresses: parsing recipient strings, personal webmail domains, and whether an
//! address's local part spells a member of staff's name.

use crate::bundle::{NameKind, NameSet, Settings};

/// The address inside `Name <address>`, or the trimmed string.
pub(crate) fn address_of(entry: &str) -> &str {
    let entry = entry.trim();
    match (entry.rfind('<'), entry.rfind('>')) {
        (Some(l), Some(r)) if l < r => entry.get(l + 1..r).unwrap_or(entry).trim(),
        _ => entry.trim_matches(|c| c == '"' || c == '\''),
    }
}

/// The lower-case domain of an address, if it has one.
pub(crate) fn domain_of(entry: &str) -> Option<String> {
    let addr = address_of(entry);
    let (_, domain) = addr.rsplit_once('@')?;
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    (!domain.is_empty()).then_some(domain)
}

/// Consumer webmail and ISP mail domains common in the UK. A school's policy can add to
/// this list or remove from it (`settings.webmail_domains`, `settings.not_webmail_domains`).
const WEBMAIL: &[&str] = &[
    "aol.co.uk",
    "aol.com",
    "blueyonder.co.uk",
    "btinternet.com",
    "btopenworld.com",
    "fastmail.com",
    "gmail.com",
    "gmx.co.uk",
    "gmx.com",
    "googlemail.com",
    "hey.com",
    "hotmail.co.uk",
    "hotmail.com",
    "icloud.com",
    "live.co.uk",
    "live.com",
    "mac.com",
    "mail.com",
    "me.com",
    "msn.com",
    "ntlworld.com",
    "outlook.co.uk",
    "outlook.com",
    "pm.me",
    "plus.com",
    "proton.me",
    "protonmail.com",
    "rocketmail.com",
    "sky.com",
    "talktalk.net",
    "tiscali.co.uk",
    "tutanota.com",
    "virginmedia.com",
    "yahoo.co.uk",
    "yahoo.com",
    "ymail.com",
    "zoho.com",
];

/// Whether an address is at a personal webmail domain.
pub(crate) fn is_webmail(entry: &str, settings: &Settings) -> bool {
    let Some(domain) = domain_of(entry) else { return false };
    if settings.not_webmail_domains.contains(&domain) {
        return false;
    }
    WEBMAIL.contains(&domain.as_str()) || settings.webmail_domains.contains(&domain)
}

/// Whether an address's local part spells a member of staff's name: `rebecca.thornton84`,
/// `jamesokoro`, `k.brennan`, `aled.morgan.music`.
pub(crate) fn local_part_is_staff(entry: &str, names: &NameSet) -> bool {
    let addr = address_of(entry).to_ascii_lowercase();
    let Some((local, _)) = addr.rsplit_once('@') else { return false };
    let runs: Vec<&str> = local.split(|c: char| !c.is_ascii_alphabetic()).filter(|r| !r.is_empty()).collect();
    let full = |a: &str, b: &str| {
        names.contains(NameKind::StaffFull, &format!("{a} {b}"))
            || names.contains(NameKind::StaffFull, &format!("{b} {a}"))
    };
    let initial =
        |i: &str, s: &str| i.len() == 1 && names.contains(NameKind::StaffInitialSurname, &format!("{i} {s}"));
    for pair in runs.windows(2) {
        if let [a, b] = pair {
            if full(a, b) || initial(a, b) {
                return true;
            }
        }
    }
    runs.iter().any(|run| {
        (2..run.len().saturating_sub(1)).any(|k| {
            let (a, b) = (run.get(..k).unwrap_or_default(), run.get(k..).unwrap_or_default());
            full(a, b) || (k == 1 && initial(a, b))
        }) || (run.len() > 4 && initial(run.get(..1).unwrap_or_default(), run.get(1..).unwrap_or_default()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address_of(" Sarah J <Sarah@Gmail.com> "), "Sarah@Gmail.com");
        assert_eq!(domain_of("Sarah J <Sarah@Gmail.com>").as_deref(), Some("gmail.com"));
        assert_eq!(domain_of("no address"), None);
    }

    #[test]
    fn webmail_list_and_overrides() {
        let mut s = Settings::default();
        assert!(is_webmail("x@hotmail.co.uk", &s));
        assert!(!is_webmail("x@westbrook.sch.uk", &s));
        s.webmail_domains.push("example-isp.net".into());
        s.not_webmail_domains.push("gmail.com".into());
        assert!(is_webmail("x@example-isp.net", &s));
        assert!(!is_webmail("x@gmail.com", &s));
    }
}
