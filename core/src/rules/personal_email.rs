//! `personal-email`: school business sent from a personal webmail account, or to a member
//! of staff's own personal address (forwarding work home). Parents' personal addresses are
//! normal recipients and never count.

use super::{Context, Rule, RuleId};
use crate::addresses::{address_of, is_webmail, local_part_is_staff};
use crate::draft::Channel;
use crate::finding::{Evidence, Field, Finding, Severity};

pub(crate) struct PersonalEmail;

/// Words that make a message school business.
const WORK_WORDS: &[&str] = &[
    "pupil",
    "pupils",
    "student",
    "students",
    "class",
    "classes",
    "lesson",
    "lessons",
    "cover",
    "timetable",
    "register",
    "detention",
    "homework",
    "coursework",
    "safeguarding",
    "sen",
    "senco",
    "parents",
    "governors",
    "ofsted",
    "curriculum",
    "scheme",
    "sow",
    "marking",
    "reports",
    "exam",
    "exams",
    "mocks",
    "tutor",
    "bursary",
    "school",
    "term",
    "inset",
    "staff",
];

impl Rule for PersonalEmail {
    fn id(&self) -> RuleId {
        RuleId::PersonalEmail
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.draft.channel != Channel::Email {
            return;
        }
        let mut reasons = Vec::new();
        if is_webmail(&cx.draft.from, cx.settings) {
            if let Some(why) = school_business(cx) {
                reasons.push(format!(
                    "it is sent from a personal webmail account ({}) and {why}",
                    address_of(&cx.draft.from)
                ));
            }
        }
        let own: Vec<&str> = cx
            .recipients()
            .filter(|r| is_webmail(r, cx.settings) && local_part_is_staff(r, cx.names))
            .map(|r| address_of(r))
            .collect();
        if let Some(first) = own.first() {
            reasons.push(format!(
                "{first} is a personal webmail address that looks like a member of staff's own{}",
                if own.len() > 1 { format!(" (and {} more)", own.len() - 1) } else { String::new() }
            ));
        }
        if reasons.is_empty() {
            return;
        }
        out.push(Finding {
            rule: self.id(),
            severity: Severity::Warn,
            field: Field::Recipients,
            name: None,
            start: None,
            end: None,
            excerpt: own.first().map_or_else(|| address_of(&cx.draft.from).to_owned(), |a| (*a).to_owned()),
            message: "School work should stay in school email. Personal accounts are outside the school's protection, so send this from and to your school address instead.".to_owned(),
            explanation: Evidence { reasons, clause: None },
            fix: None,
        });
    }
}

/// Why the draft is school business, if it is.
fn school_business(cx: &Context<'_>) -> Option<String> {
    if cx.recipients().any(|r| r.contains('@') && cx.is_internal(r)) && !cx.school.domains.is_empty() {
        return Some("it goes to the school or a partner organisation".to_owned());
    }
    if !cx.draft.attachments.is_empty() {
        return Some("it carries attachments".to_owned());
    }
    let school_named = |text: &str| {
        let lower = text.to_lowercase();
        std::iter::once(&cx.school.name)
            .chain(&cx.school.aliases)
            .any(|n| n.len() > 3 && lower.contains(&n.to_lowercase()))
    };
    for field in &cx.fields {
        if school_named(&field.text) {
            return Some("it names the school".to_owned());
        }
        if field.tokens.iter().any(|t| WORK_WORDS.contains(&t.norm.as_str())) {
            return Some("it is about school work".to_owned());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, draft_email, engine_for};
    use crate::{Field, RuleId};

    fn personal(from: &str, to: &[&str], subject: &str, body: &str) -> usize {
        let mut d = draft_email(from, subject, body);
        d.to = to.iter().map(|s| s.to_string()).collect();
        let r = check(&engine_for(&[("Ruby", "Okonkwo")]), &d);
        let f: Vec<_> = r.findings.iter().filter(|f| f.rule == RuleId::PersonalEmail).collect();
        assert!(f.iter().all(|f| f.field == Field::Recipients));
        f.len()
    }

    #[test]
    fn school_account_to_colleague_is_fine() {
        assert_eq!(
            personal("h.marsh@westbrook.sch.uk", &["d.okafor@westbrook.sch.uk"], "Cover", "Cover for 9X2"),
            0
        );
    }

    #[test]
    fn writing_to_parents_at_personal_addresses_is_normal() {
        assert_eq!(
            personal("h.marsh@westbrook.sch.uk", &["sarah.jennings@gmail.com"], "Trip", "Dear Mrs Jennings"),
            0
        );
        // Even a parent who shares a surname with staff: the whole name has to match.
        assert_eq!(
            personal("h.marsh@westbrook.sch.uk", &["tony.marsh@gmail.com"], "Trip", "Dear Mr Marsh"),
            0
        );
    }

    #[test]
    fn personal_life_from_personal_account_is_not_school_business() {
        assert_eq!(
            personal("helen.m@gmail.com", &["friend@yahoo.co.uk"], "Saturday", "Fancy a walk on Saturday?"),
            0
        );
    }

    #[test]
    fn work_from_a_personal_account_warns() {
        assert_eq!(
            personal("kate.b82@gmail.com", &["c.roberts@westbrook.sch.uk"], "Cover work", "Textbooks in G3"),
            1
        );
        assert_eq!(
            personal("d.ashby@hotmail.co.uk", &["bursary@exampleshire.gov.uk"], "Bursary", "Our student"),
            1
        );
        assert_eq!(
            personal("d.ashby@hotmail.co.uk", &["someone@example.org"], "Question", "the Year 9 coursework"),
            1
        );
    }

    #[test]
    fn forwarding_to_own_personal_address_warns() {
        assert_eq!(
            personal("h.marsh@westbrook.sch.uk", &["helen.marsh84@gmail.com"], "FW: list", "for the weekend"),
            1
        );
        assert_eq!(personal("h.marsh@westbrook.sch.uk", &["helenmarsh@outlook.com"], "SOW", ""), 1);
        assert_eq!(personal("d.okafor@westbrook.sch.uk", &["d.okafor.home@icloud.com"], "x", ""), 1);
        assert_eq!(personal("d.okafor@westbrook.sch.uk", &["daniel.okafor.music@gmail.com"], "x", ""), 1);
    }
}
