//! `personal-contact`: the sender gives parents or pupils a personal mobile number or a
//! personal email address. The school's own numbers (listed in the policy) never count,
//! and nor does anything in a quoted reply, which is someone else's writing.

use super::{Context, Rule, RuleId};
use crate::addresses::{address_of, is_webmail, local_part_is_staff};
use crate::draft::Channel;
use crate::finding::{Evidence, Field, Finding, Severity};
use crate::text::{find_emails, find_uk_phones, own_text_end, uk_national};

pub(crate) struct PersonalContact;

/// Words just before an address that make it the writer's own.
const FIRST_PERSON: &[&str] = &["my", "me", "i", "i'm", "i’m", "myself", "mine"];

impl Rule for PersonalContact {
    fn id(&self) -> RuleId {
        RuleId::PersonalContact
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        let audience = match cx.draft.channel {
            Channel::Email => cx.has_external_recipient() || cx.recipients().next().is_none(),
            Channel::Social => true,
            // Chat is usually between colleagues, where sharing a number is normal.
            Channel::Chat => false,
        };
        if !audience {
            return;
        }
        let school_numbers: Vec<String> = cx.school.phones.iter().filter_map(|p| uk_national(p)).collect();
        let recipients: Vec<String> = cx.recipients().map(|r| address_of(r).to_ascii_lowercase()).collect();
        for field in cx.fields.iter().filter(|f| f.field == Field::Body && f.locatable) {
            let own_end = own_text_end(&field.text);
            let own_text: String = field.text.chars().take(own_end).collect();
            for phone in find_uk_phones(&own_text) {
                if !phone.is_uk_mobile() || school_numbers.contains(&phone.national) {
                    continue;
                }
                let excerpt: String =
                    field.text.chars().skip(phone.start).take(phone.end - phone.start).collect();
                out.push(finding(
                    field.field,
                    phone.start,
                    phone.end,
                    excerpt,
                    "a UK mobile number that is not one of the school's listed numbers".to_owned(),
                    "This gives a personal mobile number. Staff should be contacted through the school (the office, or a school trip phone), so that calls and messages are protected and recorded.",
                ));
            }
            for email in find_emails(&own_text) {
                if !is_webmail(&email.address, cx.settings) || recipients.contains(&email.address) {
                    continue;
                }
                let staff = local_part_is_staff(&email.address, cx.names);
                let before: String = own_text.chars().take(email.start).collect();
                let tokens = crate::text::tokenize(&before);
                let first_person =
                    tokens.iter().rev().take(6).any(|t| FIRST_PERSON.contains(&t.norm.as_str()));
                if !staff && !first_person {
                    continue;
                }
                out.push(finding(
                    field.field,
                    email.start,
                    email.end,
                    email.address.clone(),
                    if staff {
                        "a personal webmail address in a member of staff's name".to_owned()
                    } else {
                        "a personal webmail address offered as the writer's own".to_owned()
                    },
                    "This gives a personal email address. Keep school contact with parents and pupils in your school email account.",
                ));
            }
        }
    }
}

fn finding(
    field: Field,
    start: usize,
    end: usize,
    excerpt: String,
    reason: String,
    message: &str,
) -> Finding {
    Finding {
        rule: RuleId::PersonalContact,
        severity: Severity::Warn,
        field,
        name: None,
        start: Some(start),
        end: Some(end),
        excerpt,
        message: message.to_owned(),
        explanation: Evidence { reasons: vec![reason], clause: None },
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, draft_email, engine_for};
    use crate::{Channel, RuleId};

    fn contacts(to: &[&str], body: &str) -> Vec<String> {
        let mut d = draft_email("k.b@westbrook.sch.uk", "Trip", body);
        d.to = to.iter().map(|s| s.to_string()).collect();
        check(&engine_for(&[]), &d)
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::PersonalContact)
            .map(|f| f.excerpt)
            .collect()
    }

    const PARENT: &[&str] = &["lisa@btinternet.com"];

    #[test]
    fn school_numbers_in_any_form_are_fine() {
        // The test policy lists 01632 960123.
        assert!(
            contacts(PARENT, "Ring the office on 01632 960123 or +44 1632 960123 or 01632960123.").is_empty()
        );
    }

    #[test]
    fn landlines_and_other_digits_are_not_mobiles() {
        assert!(
            contacts(PARENT, "The coach company is on 01632 960999; ref 2291; UPN A123456789012.").is_empty()
        );
    }

    #[test]
    fn mobiles_to_parents_warn_in_every_form() {
        for n in ["07700 900123", "07700-900-432", "+44 (0)7700 900789", "07700900456", "+44 7700 900 111"] {
            assert_eq!(contacts(PARENT, &format!("Text me on {n} if anything changes.")), [n], "{n}");
        }
    }

    #[test]
    fn colleagues_only_is_fine() {
        assert!(contacts(&["d.okafor@westbrook.sch.uk"], "My mobile is 07700 900123").is_empty());
    }

    #[test]
    fn parents_in_bcc_count() {
        let mut d = draft_email("k.b@westbrook.sch.uk", "Trip", "Dear parents,\nMob: 07700 900123");
        d.to = vec!["k.b@westbrook.sch.uk".into()];
        d.bcc = vec!["a@gmail.com".into()];
        let r = check(&engine_for(&[]), &d);
        assert!(r.findings.iter().any(|f| f.rule == RuleId::PersonalContact));
    }

    #[test]
    fn numbers_in_quoted_replies_are_someone_elses() {
        assert!(contacts(PARENT, "Thanks, see you then.\n\n________________________________\nFrom: Lisa\nMy number is 07700 900111").is_empty());
        assert!(contacts(PARENT, "Thanks\n> call me on 07700 900111").is_empty());
    }

    #[test]
    fn personal_email_offered_as_own() {
        assert_eq!(
            contacts(PARENT, "Send drafts to my own address, kate.b82@gmail.com, over half term."),
            ["kate.b82@gmail.com"]
        );
        assert_eq!(contacts(PARENT, "Or try helen.marsh84@gmail.com"), ["helen.marsh84@gmail.com"]);
    }

    #[test]
    fn other_peoples_addresses_are_not_personal_contact() {
        assert!(contacts(PARENT, "Dad's address is dave.o@hotmail.co.uk, copy him in.").is_empty());
        assert!(contacts(&["lisa@btinternet.com", "dave@gmail.com"], "Replying to dave@gmail.com too.")
            .is_empty());
        assert!(contacts(PARENT, "Email the office at office@westbrook.sch.uk").is_empty());
    }

    #[test]
    fn chat_between_colleagues_is_fine() {
        let mut d = draft_email("", "", "my number is 07700 900123");
        d.channel = Channel::Chat;
        d.to.clear();
        assert!(check(&engine_for(&[]), &d).findings.is_empty());
    }
}
