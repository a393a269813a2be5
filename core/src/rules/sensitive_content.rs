//! `sensitive-content`: the message text itself carries sensitive pupil or staff data to
//! someone outside the school: a UPN, an NHS or National Insurance number, a date of birth,
//! or medical, SEN or safeguarding detail next to a named pupil.
//!
//! Identifiers must pass their check digits; a ten-digit NHS number written without spaces
//! needs "NHS" close before it. A named pupil is a roster pupil (capitalised, not a member
//! of staff, no adult title before) within the same paragraph, and a few dozen words, of a
//! sensitive term.

use super::{Context, Rule, RuleId};
use crate::engine::TextField;
use crate::finding::{Evidence, Finding, Severity};
use crate::sensitive::{categories, dobs_by_keyword, find_nhs, find_ni, find_upns, name_spans};
use crate::text::fold_str;

pub(crate) struct SensitiveContent;

const ADULT_TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr"];

/// How many words apart a name and a sensitive term may be.
const NEAR: usize = 30;

impl Rule for SensitiveContent {
    fn id(&self) -> RuleId {
        RuleId::SensitiveContent
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if !(cx.draft.channel.is_public() || cx.has_external_recipient()) {
            return;
        }
        for field in &cx.fields {
            check_field(cx, field, out);
        }
    }
}

fn check_field(cx: &Context<'_>, field: &TextField, out: &mut Vec<Finding>) {
    let text = &field.text;
    let folded = fold_str(text);
    let mut push = |s: usize, e: usize, what: &str| {
        out.push(finding(field, s, e, what));
    };
    for (s, e) in find_upns(text) {
        push(s, e, "a pupil's UPN");
    }
    let nhs_near = |at: usize| {
        let mut from = at.saturating_sub(60);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        fold_str(text.get(from..at).unwrap_or_default()).contains("nhs")
    };
    for (s, e) in find_nhs(text, nhs_near) {
        push(s, e, "an NHS number");
    }
    for (s, e) in find_ni(text) {
        if folded.contains("insurance") || folded.contains("ni ") || folded.contains("nino") {
            push(s, e, "a National Insurance number");
        }
    }
    for (s, e) in dobs_by_keyword(text) {
        push(s, e, "a date of birth");
    }
    // A named pupil close to a sensitive term, in the same paragraph.
    let tokens = &field.tokens;
    let terms = categories(tokens);
    if terms.is_empty() {
        return;
    }
    for (first, last, _, staff) in name_spans(cx.names, text, tokens, true) {
        if staff {
            continue;
        }
        let titled = first
            .checked_sub(1)
            .and_then(|k| tokens.get(k))
            .is_some_and(|t| ADULT_TITLES.contains(&t.norm.as_str()));
        if titled {
            continue;
        }
        let near = terms.iter().find(|(_, a, b)| {
            let (lo, hi) = if *a > last { (last, *a) } else { (*b, first) };
            hi.saturating_sub(lo) <= NEAR && same_paragraph(field, lo, hi)
        });
        if let Some((cat, a, b)) = near {
            let (lo, hi) = (first.min(*a), last.max(*b));
            if let (Some(t0), Some(t1)) = (tokens.get(lo), tokens.get(hi)) {
                let what = format!("{} detail about a named pupil", cat.label());
                out.push(finding(field, t0.bytes.0, t1.bytes.1, &what));
            }
        }
    }
}

fn same_paragraph(field: &TextField, lo: usize, hi: usize) -> bool {
    let (Some(a), Some(b)) = (field.tokens.get(lo), field.tokens.get(hi)) else { return false };
    let between = field.text.get(a.bytes.1..b.bytes.0).unwrap_or_default();
    !between.contains("\n\n") && !between.contains("\n\r\n")
}

fn finding(field: &TextField, s: usize, e: usize, what: &str) -> Finding {
    let (excerpt, start, end) = field.excerpt_at(s, e);
    Finding {
        rule: RuleId::SensitiveContent,
        severity: Severity::Warn,
        field: field.field,
        name: None,
        start,
        end,
        excerpt,
        message: format!(
            "This message gives {what} to someone outside the school. Send it through a secure system or an encrypted attachment instead, or leave it out."
        ),
        explanation: Evidence {
            reasons: vec![what.to_owned(), "at least one recipient is outside the school".to_owned()],
            clause: None,
        },
        fix: None,
    }
}
