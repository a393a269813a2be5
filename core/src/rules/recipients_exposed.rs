//! `recipients-exposed`: two or more people outside the school can see each other's
//! addresses in To or Cc.

use super::{Context, Rule, RuleId};
use crate::addresses::address_of;
use crate::draft::Channel;
use crate::finding::{Evidence, Field, Finding, Fix, Severity};

pub(crate) struct RecipientsExposed;

impl Rule for RecipientsExposed {
    fn id(&self) -> RuleId {
        RuleId::RecipientsExposed
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.draft.channel != Channel::Email {
            return;
        }
        let sender = address_of(&cx.draft.from).to_ascii_lowercase();
        let mut seen: Vec<String> = Vec::new();
        let mut exposed: Vec<String> = Vec::new();
        for entry in cx.draft.to.iter().chain(&cx.draft.cc) {
            let addr = address_of(entry).to_ascii_lowercase();
            if !addr.contains('@') || addr == sender || seen.contains(&addr) {
                continue;
            }
            seen.push(addr);
            if !cx.is_internal(entry) {
                exposed.push(entry.trim().to_owned());
            }
        }
        if exposed.len() < 2 {
            return;
        }
        let n = exposed.len();
        let mut reasons = vec![format!(
            "{n} addresses outside the school are in To or Cc, so everyone who receives this can see them all"
        )];
        if !cx.draft.bcc.is_empty() {
            reasons.push("some recipients are already in Bcc; these ones are not".to_owned());
        }
        out.push(Finding {
            rule: self.id(),
            severity: Severity::Warn,
            field: Field::Recipients,
            name: None,
            start: None,
            end: None,
            excerpt: format!("{n} external recipients in To/Cc"),
            message: format!(
                "{n} people outside the school would see each other's email addresses. Put them in Bcc so each sees only their own."
            ),
            explanation: Evidence {
                reasons,
                clause: None,
            },
            fix: Some(Fix::MoveToBcc {
                addresses: exposed,
                label: "Move them to Bcc".to_owned(),
            }),
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, draft_email, engine_for};
    use crate::{Field, RuleId, Severity};

    fn exposed(to: &[&str], cc: &[&str], bcc: &[&str]) -> Vec<crate::Finding> {
        let mut d = draft_email("a.teacher@westbrook.sch.uk", "Trip", "Dear parents");
        d.to = to.iter().map(|s| s.to_string()).collect();
        d.cc = cc.iter().map(|s| s.to_string()).collect();
        d.bcc = bcc.iter().map(|s| s.to_string()).collect();
        check(&engine_for(&[]), &d)
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::RecipientsExposed)
            .collect()
    }

    #[test]
    fn one_external_recipient_is_fine() {
        assert!(exposed(&["parent@gmail.com"], &["head@westbrook.sch.uk"], &[]).is_empty());
    }

    #[test]
    fn parents_in_bcc_are_fine() {
        assert!(exposed(
            &["a.teacher@westbrook.sch.uk"],
            &[],
            &["a@gmail.com", "b@yahoo.co.uk", "c@icloud.com"]
        )
        .is_empty());
    }

    #[test]
    fn staff_and_partners_do_not_count() {
        assert!(exposed(
            &["x@westbrook.sch.uk", "y@admissions.exampleshire.gov.uk"],
            &["z@westbrook.sch.uk", "parent@gmail.com"],
            &[]
        )
        .is_empty());
    }

    #[test]
    fn two_parents_in_to_and_cc_warn_with_a_bcc_fix() {
        let f = exposed(&["Sarah Jennings <sarah@gmail.com>"], &["dave@hotmail.co.uk"], &[]);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Warn);
        assert_eq!(f[0].field, Field::Recipients);
        match &f[0].fix {
            Some(crate::Fix::MoveToBcc { addresses, .. }) => {
                assert_eq!(addresses, &["Sarah Jennings <sarah@gmail.com>", "dave@hotmail.co.uk"]);
            }
            other => panic!("expected a Bcc fix, got {other:?}"),
        }
    }

    #[test]
    fn the_same_address_twice_counts_once() {
        assert!(exposed(&["p@gmail.com", "P@Gmail.com"], &[], &[]).is_empty());
    }

    #[test]
    fn without_a_policy_the_senders_domain_is_internal() {
        let mut d = draft_email("me@westbrook.sch.uk", "x", "y");
        d.to = vec!["colleague@westbrook.sch.uk".into(), "other@westbrook.sch.uk".into()];
        let r = crate::Engine::without_policy().check(&d);
        assert!(r.findings.is_empty());
        d.to.push("a@gmail.com".into());
        d.to.push("b@gmail.com".into());
        let r = crate::Engine::without_policy().check(&d);
        assert_eq!(r.findings.len(), 1);
    }
}
