//! `chain-message`: chain letters and hoaxes that ask to be passed on to many people,
//! told apart from a school's ordinary "please forward this to parents".
//!
//! A chain message combines three things: an instruction to pass the message on, a
//! fan-out (a number of people, "everyone you know", "all your groups", "as many as you
//! can") and pressure or bait (a deadline, luck, a threat, "it works", "it's true"). A
//! request to pass something on has the first, seldom the second and never the third.

use super::{Context, Rule, RuleId};
use crate::engine::TextField;
use crate::finding::{Evidence, Field, Finding, Severity};
use crate::text::phrases::{find, W};
use crate::text::Token;

pub(crate) struct ChainMessage;

const PASS: &[&str] =
    &["forward", "send", "pass", "share", "repost", "copy", "post", "paste", "text", "resend"];
const PEOPLE: &[&str] = &[
    "people",
    "contacts",
    "friends",
    "teachers",
    "groups",
    "colleagues",
    "ladies",
    "women",
    "men",
    "mums",
    "parents",
    "others",
    "more",
    "chats",
    "numbers",
    "mates",
];

/// Pass-on instructions.
fn pass_on(tokens: &[Token]) -> Option<(usize, usize)> {
    find(tokens, &[W::Any(PASS), W::Any(&["this", "it", "on", "to", "round", "around"])]).or_else(|| {
        find(
            tokens,
            &[
                W::Any(PASS),
                W::Any(&["the", "this", "my"]),
                W::Any(&["message", "post", "prayer", "angel", "status", "note"]),
            ],
        )
    })
}

/// Fan-out: many people.
fn fan_out(tokens: &[Token]) -> Option<(usize, usize)> {
    find(tokens, &[W::Number, W::Skip(2), W::Any(PEOPLE)])
        .or_else(|| find(tokens, &[W::Is("everyone"), W::Any(&["you", "in", "must", "on", "your"])]))
        .or_else(|| {
            find(
                tokens,
                &[W::Is("all"), W::Is("your"), W::Any(&["contacts", "friends", "groups", "chats", "family"])],
            )
        })
        .or_else(|| find(tokens, &[W::Is("as"), W::Is("many"), W::Skip(1), W::Is("as")]))
        .or_else(|| find(tokens, &[W::Is("everybody"), W::Skip(2), W::Any(&["know", "can"])]))
}

/// Pressure or bait.
const PRESSURE: &[&[W]] = &[
    &[W::Is("break"), W::Is("the"), W::Is("chain")],
    &[W::Is("bad"), W::Is("luck")],
    &[W::Is("good"), W::Is("luck"), W::Is("will")],
    &[W::Is("something"), W::Skip(1), W::Is("will"), W::Is("happen")],
    &[W::Any(&["within", "in"]), W::Skip(2), W::Number, W::Any(&["minutes", "hours", "mins", "days"])],
    &[W::Any(&["within", "in"]), W::Skip(2), W::Any(&["minutes", "hours", "mins"])],
    &[W::Any(&["next", "first"]), W::Number, W::Any(&["minutes", "hours", "mins"])],
    &[W::Is("around"), W::Is("the"), W::Is("world")],
    &[W::Is("it"), W::Is("works")],
    &[W::Any(&["its", "it's", "is"]), W::Is("true")],
    &[W::Is("copy"), W::Is("and"), W::Is("paste")],
    &[W::Is("or"), W::Is("you"), W::Is("will")],
    &[W::Any(&["urgent", "urgently"])],
    &[W::Is("only"), W::Is("takes"), W::Is("a")],
    &[W::Is("start"), W::Is("charging")],
    &[W::Is("will"), W::Is("be"), W::Is("charged")],
    &[W::Is("will"), W::Is("turn"), W::Is("blue")],
    &[
        W::Is("works"),
        W::Is("for"),
        W::Any(&["meta", "facebook", "whatsapp", "microsoft", "google", "apple"]),
    ],
    &[W::Is("permission"), W::Is("to"), W::Is("use")],
    &[W::Is("don't"), W::Any(&["break", "ignore", "delete"])],
    &[W::Is("do"), W::Is("not"), W::Any(&["break", "ignore", "delete"])],
];

fn pressure(tokens: &[Token]) -> Vec<(usize, usize)> {
    PRESSURE.iter().filter_map(|p| find(tokens, p)).collect()
}

fn words(field: &TextField, (a, b): (usize, usize)) -> String {
    match (field.tokens.get(a), field.tokens.get(b)) {
        (Some(first), Some(last)) => field.slice(first, last).to_owned(),
        _ => String::new(),
    }
}

impl Rule for ChainMessage {
    fn id(&self) -> RuleId {
        RuleId::ChainMessage
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for field in cx.fields.iter().filter(|f| f.field == Field::Body) {
            let tokens = &field.tokens;
            let Some(pass) = pass_on(tokens) else { continue };
            let fan = fan_out(tokens);
            let push = pressure(tokens);
            let chain = match fan {
                Some(_) => !push.is_empty(),
                None => push.len() >= 3,
            };
            if !chain {
                continue;
            }
            let mut reasons = vec![format!("asks to be passed on (\u{201c}{}\u{201d})", words(field, pass))];
            if let Some(f) = fan {
                reasons.push(format!("to many people (\u{201c}{}\u{201d})", words(field, f)));
            }
            for p in push.iter().take(2) {
                reasons.push(format!("with pressure or bait (\u{201c}{}\u{201d})", words(field, *p)));
            }
            let (start, end) = match (tokens.get(pass.0), tokens.get(pass.1)) {
                (Some(a), Some(b)) if field.locatable => (Some(a.start), Some(b.end)),
                _ => (None, None),
            };
            out.push(Finding {
                rule: self.id(),
                severity: Severity::Warn,
                field: Field::Body,
                name: None,
                start,
                end,
                excerpt: words(field, pass),
                message: "This looks like a chain message. Chain letters and hoaxes should not be sent on from school accounts or to colleagues; delete it instead.".to_owned(),
                explanation: Evidence { reasons, clause: None },
                fix: None,
            });
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, draft_email, engine_for, social};
    use crate::RuleId;

    fn chain(body: &str) -> bool {
        let r = check(&engine_for(&[]), &draft_email("a@westbrook.sch.uk", "FW", body));
        r.findings.iter().any(|f| f.rule == RuleId::ChainMessage)
    }

    #[test]
    fn ordinary_requests_to_pass_things_on_are_fine() {
        assert!(!chain("Please forward this to parents in your class by Friday."));
        assert!(!chain("Could you send this on to the Year 9 team? Thanks."));
        assert!(!chain(
            "Please share the consent link with all parents and carers; the deadline is Friday 7th."
        ));
        assert!(!chain("Forward to as many parents as you can reach, the deadline is Friday"));
        assert!(!chain("Trip money is due by Friday."));
    }

    #[test]
    fn forward_to_ten_with_a_threat() {
        assert!(chain("Forward this to 10 teachers you love in the next 10 minutes and you will have a stress free week. Break the chain and you'll get Ofsted!"));
    }

    #[test]
    fn luck_and_deadline() {
        assert!(chain("Within 24 hours send it to 7 people you care about and something wonderful will happen. If you don't pass it on you'll have bad luck."));
    }

    #[test]
    fn hoaxes() {
        assert!(chain("From tomorrow WhatsApp will start charging unless you send this message to 10 contacts. Forward to all your groups!"));
        assert!(chain("URGENT!!! A girl went missing. Please pass this on to everyone in your address book. Forward to as many people as you can, it only takes a second"));
        let r = check(
            &engine_for(&[]),
            &social("I do not give Facebook permission to use my pictures. Do not share, you MUST copy and paste this onto your own wall or you will be giving them permission. Everyone must post a note like this."),
        );
        assert!(r.findings.iter().any(|f| f.rule == RuleId::ChainMessage));
    }
}
