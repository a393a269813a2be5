//! `school-identity`: a personal social media post names the school (its name or an alias,
//! in any case, with or without accents or spaces, or as a hashtag), gives an address or web
//! address at the school's domain, or says the author works there.
//!
//! How sure a mention is depends on how it is written, because a school's name is often made
//! of everyday words ("Harbour View", "Westbrook"):
//!
//! - always: a name with a school word in it ("harbour view academy", `#harbourviewacademy`),
//!   a short alias in capitals or as a hashtag (`HVA`, `#hva`, never inside `HVAC`), and the
//!   school's domain (`j.okoro@harbourview.sch.uk`, `www.harbourview.sch.uk`);
//! - as a proper noun: every word capitalised ("Harbour View", `HarbourView`), unless a word
//!   such as "Road" or "Hotel" follows and makes it another place;
//! - otherwise ("a lovely harbour view", `#harbourview`, "Hva") only with evidence that it is
//!   the workplace: "I work at", "joining", "proud to be part of" just before it, or (for a
//!   name of several words) a post about school.
//!
//! A school that is not named ("our school", "a school in Kent") is not this school's
//! identity, and does not fire.

use super::{Context, Rule, RuleId};
use crate::draft::Channel;
use crate::engine::TextField;
use crate::finding::{Evidence, Field, Finding, Severity};
use crate::text::{tokenize, Gap, Shape, Token};

pub(crate) struct SchoolIdentity;

/// Words that make a name a school's in any case.
const SCHOOL_TYPE_WORDS: &[&str] =
    &["academy", "school", "college", "primary", "infants", "infant", "junior", "juniors", "grammar"];

/// Capitalised words that, straight after the name, make it another place or business.
const OTHER_PLACE_WORDS: &[&str] = &[
    "road",
    "rd",
    "street",
    "lane",
    "avenue",
    "close",
    "drive",
    "way",
    "crescent",
    "terrace",
    "hill",
    "hotel",
    "inn",
    "pub",
    "cafe",
    "restaurant",
    "bar",
    "bistro",
    "surgery",
    "medical",
    "dental",
    "vets",
    "park",
    "marina",
    "apartments",
    "flats",
    "house",
    "court",
    "cottage",
    "cottages",
    "farm",
    "stores",
    "garage",
    "campsite",
    "caravan",
    "holiday",
    "holidays",
    "lodge",
    "guest",
    "guesthouse",
    "estate",
    "beach",
    "bay",
    "gardens",
    "fc",
    "club",
    "pharmacy",
    "motors",
    "kitchen",
    "bakery",
    "salon",
    "studio",
    "studios",
    "care",
    "homes",
];

/// Words that, followed by "at", "for" or "in", say where someone works.
const WORK_WORDS: &[&str] = &[
    "work",
    "works",
    "working",
    "worked",
    "teach",
    "teaches",
    "teaching",
    "taught",
    "job",
    "role",
    "post",
    "position",
    "career",
    "start",
    "started",
    "starting",
    "employed",
    "placement",
    "volunteer",
    "volunteering",
    "teacher",
    "staff",
    "governor",
    "head",
    "deputy",
    "ta",
    "senco",
    "colleagues",
    "nqt",
    "ect",
    "here",
];

/// Words that say the writer is arriving, belongs or is leaving, straight before the name.
const JOINING_WORDS: &[&str] = &["joining", "joined", "join", "joins", "leaving", "left"];

/// Short aliases (up to this many letters, "HVA") need capitals or a hashtag.
const SHORT_ALIAS: usize = 4;

/// A school name or alias, prepared for matching.
struct NameForm {
    /// Its words, folded, concatenated ("harbourviewacademy").
    key: String,
    /// How many words it has as written.
    words: usize,
    /// Whether it contains a school word, so any mention is the school.
    typed: bool,
}

impl NameForm {
    fn new(name: &str) -> Option<NameForm> {
        let tokens = tokenize(name);
        let key: String = tokens.iter().map(|t| t.norm.as_str()).collect();
        if key.chars().count() < 2 {
            return None;
        }
        let typed = tokens.iter().any(|t| SCHOOL_TYPE_WORDS.contains(&t.norm.as_str()));
        Some(NameForm { key, words: tokens.len(), typed })
    }

    fn is_short(&self) -> bool {
        self.words == 1 && self.key.chars().count() <= SHORT_ALIAS
    }
}

/// How the mention was established, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Why {
    Typed,
    Acronym,
    ProperNoun,
    Workplace,
    AboutSchool,
}

impl Rule for SchoolIdentity {
    fn id(&self) -> RuleId {
        RuleId::SchoolIdentity
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.draft.channel != Channel::Social {
            return;
        }
        let mut forms: Vec<NameForm> = std::iter::once(&cx.school.name)
            .chain(&cx.school.aliases)
            .filter_map(|n| NameForm::new(n))
            .collect();
        // Longest first, so "Harbour View Academy" wins over "Harbour View".
        forms.sort_by_key(|f| std::cmp::Reverse(f.key.len()));
        let about_school = super::pupil_name::has_school_words(cx);
        for field in cx.fields.iter().filter(|f| f.field == Field::Body) {
            let domains = domain_mentions(&field.text, &cx.school.domains);
            for d in &domains {
                out.push(finding(
                    field,
                    d.0,
                    d.1,
                    d.2.clone(),
                    "an address at the school's email domain".to_owned(),
                    "This post gives an address at your school's domain, which tells readers where you work. On personal social media, leave it out or give a contact that does not name the school.",
                ));
            }
            names(field, &forms, about_school, &domains, out);
        }
    }
}

fn names(
    field: &TextField,
    forms: &[NameForm],
    about_school: bool,
    domains: &[(usize, usize, String)],
    out: &mut Vec<Finding>,
) {
    let tokens = &field.tokens;
    let mut i = 0;
    while i < tokens.len() {
        let Some((form, last)) = forms.iter().find_map(|f| match_at(tokens, i, &f.key).map(|last| (f, last)))
        else {
            i += 1;
            continue;
        };
        let (Some(first), Some(end)) = (tokens.get(i), tokens.get(last)) else { break };
        let hashtag = field.text.get(..first.bytes.0).is_some_and(|b| b.ends_with('#'));
        let inside_domain = domains.iter().any(|d| first.start < d.1 && end.end > d.0);
        if let (false, Some(evidence)) =
            (inside_domain, judge(tokens, (i, last), form, hashtag, about_school))
        {
            let (start, byte_start) =
                if hashtag { (first.start - 1, first.bytes.0 - 1) } else { (first.start, first.bytes.0) };
            let excerpt = field.text.get(byte_start..end.bytes.1).unwrap_or_default().to_owned();
            let reason = match evidence {
                Why::Typed => "the school's name",
                Why::Acronym => "the school's short name, written in capitals or as a hashtag",
                Why::ProperNoun => "the school's name, written as a name",
                Why::Workplace => "the school's name, given as the writer's workplace",
                Why::AboutSchool => "the school's name, in a post about school",
            };
            out.push(finding(
                field,
                start,
                end.end,
                excerpt,
                reason.to_owned(),
                "This post names your school. Personal social media posts should not say where you work, so that pupils and parents cannot link your account to the school.",
            ));
            i = last + 1;
        } else {
            i += 1;
        }
    }
}

/// The last token of `key` written from token `i` on: one or more words joined by spaces or
/// hyphens whose folded letters run together make the key ("Harbour View", "harbour-view",
/// `#HarbourView`).
fn match_at(tokens: &[Token], i: usize, key: &str) -> Option<usize> {
    let mut rest = key;
    let mut k = i;
    loop {
        let t = tokens.get(k)?;
        if k > i
            && (!matches!(t.gap, Gap::Space | Gap::Hyphen) || tokens.get(k - 1).is_some_and(|p| p.possessive))
        {
            return None;
        }
        rest = rest.strip_prefix(t.norm.as_str())?;
        if rest.is_empty() {
            return Some(k);
        }
        k += 1;
    }
}

/// Whether a match is the school, and why.
fn judge(
    tokens: &[Token],
    (first, last): (usize, usize),
    form: &NameForm,
    hashtag: bool,
    about_school: bool,
) -> Option<Why> {
    let span = tokens.get(first..=last)?;
    let t = span.first()?;
    let workplace = workplace_before(tokens, first);
    if form.is_short() {
        return if t.shape == Shape::Upper || hashtag {
            Some(Why::Acronym)
        } else {
            workplace.then_some(Why::Workplace)
        };
    }
    let other_place = tokens.get(last + 1).is_some_and(|t| {
        t.gap == Gap::Space && t.shape.is_capitalised() && OTHER_PLACE_WORDS.contains(&t.norm.as_str())
    });
    if other_place {
        return None;
    }
    if form.typed {
        return Some(Why::Typed);
    }
    if workplace {
        return Some(Why::Workplace);
    }
    // Written as a name: every word capitalised, or run together with a capital
    // (`HarbourView`); a one-word name not capitalised only because it starts a sentence.
    let proper = if form.words == 1 {
        t.shape.is_capitalised() && (!t.sentence_start || hashtag)
    } else {
        span.iter().all(|t| t.shape.is_capitalised())
    };
    if proper {
        return Some(Why::ProperNoun);
    }
    (about_school && form.words > 1).then_some(Why::AboutSchool)
}

/// Whether the words just before token `i` say that what follows is the writer's workplace:
/// "work at", "teaching at the", "joining", "proud to be part of".
fn workplace_before(tokens: &[Token], i: usize) -> bool {
    let word = |k: usize| -> Option<&str> {
        let t = tokens.get(k)?;
        let next = tokens.get(k + 1)?;
        (!next.sentence_start).then_some(t.norm.as_str())
    };
    let mut k = i;
    // Skip "the" / "our" directly before the name.
    if k >= 1 && matches!(word(k - 1), Some("the" | "our")) {
        k -= 1;
    }
    let Some(before) = k.checked_sub(1) else { return false };
    match word(before) {
        Some(w) if JOINING_WORDS.contains(&w) => true,
        Some("at" | "for" | "in") => {
            before.checked_sub(1).and_then(word).is_some_and(|w| WORK_WORDS.contains(&w))
        }
        Some("of") => before.checked_sub(1).and_then(word) == Some("part"),
        _ => false,
    }
}

/// Every mention of a school domain in the text: email addresses and web addresses at it
/// (subdomains included), as (start, end) in Unicode scalar values and the text.
fn domain_mentions(text: &str, domains: &[String]) -> Vec<(usize, usize, String)> {
    let lower = text.to_ascii_lowercase();
    let is_label = |c: u8| c.is_ascii_alphanumeric() || c == b'-';
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    for d in domains.iter().filter(|d| !d.is_empty()) {
        let mut from = 0;
        while let Some(pos) = lower.get(from..).and_then(|s| s.find(d.as_str())) {
            let (s, e) = (from + pos, from + pos + d.len());
            from = e;
            let bytes = lower.as_bytes();
            let after = bytes.get(e).copied();
            let after_ok = match after {
                Some(b'.') => !bytes.get(e + 1).copied().is_some_and(is_label),
                Some(c) => !is_label(c),
                None => true,
            };
            let before = s.checked_sub(1).and_then(|b| bytes.get(b)).copied();
            if !after_ok || before.is_some_and(is_label) {
                continue;
            }
            // Take in an address's local part or a web address's subdomains.
            let mut start = s;
            while let Some(&c) = start.checked_sub(1).and_then(|b| bytes.get(b)) {
                if is_label(c) || matches!(c, b'.' | b'@' | b'_' | b'+' | b'%') {
                    start -= 1;
                } else {
                    break;
                }
            }
            while bytes.get(start).is_some_and(|c| matches!(c, b'.' | b'@' | b'-')) {
                start += 1;
            }
            let excerpt = text.get(start..e).unwrap_or_default().to_owned();
            let chars = |b: usize| text.get(..b).map_or(0, |p| p.chars().count());
            let (cs, ce) = (chars(start), chars(e));
            if !out.iter().any(|o| o.0 <= cs && ce <= o.1) {
                out.push((cs, ce, excerpt));
            }
        }
    }
    out
}

fn finding(
    field: &TextField,
    start: usize,
    end: usize,
    excerpt: String,
    reason: String,
    message: &str,
) -> Finding {
    Finding {
        rule: RuleId::SchoolIdentity,
        severity: Severity::Warn,
        field: field.field,
        name: None,
        start: field.locatable.then_some(start),
        end: field.locatable.then_some(end),
        excerpt,
        message: message.to_owned(),
        explanation: Evidence {
            reasons: vec![reason, "in a post on personal social media".to_owned()],
            clause: None,
        },
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{draft_email, engine_with, social};
    use crate::{Engine, RuleId};

    /// A school whose name is made of everyday words, with a short alias.
    const POLICY: &str = r#"{"school": {"name": "Kingfisher Bay Academy",
        "aliases": ["Kingfisher Bay", "KBA"], "domains": ["kingfisherbay.sch.uk"],
        "partner_domains": ["exampleshire.gov.uk"]}, "pupils": "pupils.csv"}"#;

    fn engine() -> Engine {
        engine_with(POLICY)
    }

    /// The excerpts school-identity finds in a social post.
    fn found(body: &str) -> Vec<String> {
        engine()
            .check(&social(body))
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::SchoolIdentity)
            .map(|f| f.excerpt)
            .collect()
    }

    #[test]
    fn posts_that_do_not_name_the_school_find_nothing() {
        for body in [
            "Spotted a kingfisher on the bay this morning",
            "Watched a kingfisher bay-side, magical",
            "Our school had a brilliant sports day, so proud of everyone",
            "I teach at a primary school in Kent and love it",
            "The HVAC man came, and KBAX is my new router",
            "kba is a file format nobody uses",
            "Kba life",
            "Trip to Kingfisher Bay Road for the car boot sale",
            "Dinner at the Kingfisher Bay Hotel, lovely",
            "Emailed exampleshire.gov.uk and notkingfisherbay.sch.uk.example.com",
            "Kingfisher Bayside is where we stayed",
            "a kingfisher bay photo #nature",
        ] {
            assert_eq!(found(body), Vec::<String>::new(), "{body}");
        }
    }

    #[test]
    fn the_name_in_any_case_spacing_or_as_a_hashtag() {
        assert_eq!(found("Another Monday at Kingfisher Bay Academy."), ["Kingfisher Bay Academy"]);
        assert_eq!(found("another monday at kingfisher bay academy"), ["kingfisher bay academy"]);
        assert_eq!(found("INSET done #kingfisherbayacademy #teacherlife"), ["#kingfisherbayacademy"]);
        assert_eq!(found("Go #KingfisherBay!"), ["#KingfisherBay"]);
        assert_eq!(found("KINGFISHER BAY rocks"), ["KINGFISHER BAY"]);
        assert_eq!(found("Kingfisher-Bay Academy"), ["Kingfisher-Bay Academy"]);
        assert_eq!(found("Kingfïsher Bay's fair"), ["Kingfïsher Bay's"]);
        assert_eq!(found("Loved the Kingfisher Bay open evening"), ["Kingfisher Bay"]);
    }

    #[test]
    fn everyday_words_need_workplace_or_school_context() {
        assert_eq!(found("so happy to be joining kingfisher bay in september"), ["kingfisher bay"]);
        assert_eq!(found("proud to be part of the kingfisher bay family"), ["kingfisher bay"]);
        assert_eq!(found("year 9 were lovely today, #kingfisherbay"), ["#kingfisherbay"]);
        assert_eq!(found("a lovely kingfisher bay view tonight"), Vec::<String>::new());
    }

    #[test]
    fn a_short_alias_needs_capitals_or_a_hashtag() {
        assert_eq!(found("Marking again. KBA life."), ["KBA"]);
        assert_eq!(found("so tired #kba"), ["#kba"]);
        assert_eq!(found("I work at kba now"), ["kba"]);
    }

    #[test]
    fn school_addresses_and_web_addresses() {
        assert_eq!(
            found("Email j.okoro@kingfisherbay.sch.uk for details."),
            ["j.okoro@kingfisherbay.sch.uk"]
        );
        assert_eq!(found("See www.kingfisherbay.sch.uk/news"), ["www.kingfisherbay.sch.uk"]);
        assert_eq!(found("Email office@mail.KingfisherBay.sch.uk."), ["office@mail.KingfisherBay.sch.uk"]);
    }

    #[test]
    fn only_on_social_media() {
        let engine = engine();
        let email = draft_email("a@kingfisherbay.sch.uk", "Trip", "Kind regards,\nKingfisher Bay Academy");
        assert!(engine.check(&email).findings.iter().all(|f| f.rule != RuleId::SchoolIdentity));
        let mut chat = social("See you at Kingfisher Bay Academy");
        chat.channel = crate::Channel::Chat;
        assert!(engine.check(&chat).findings.iter().all(|f| f.rule != RuleId::SchoolIdentity));
    }

    #[test]
    fn findings_locate_the_words_and_warn() {
        let r = engine().check(&social("Proud of #KBA today"));
        let f = r.findings.iter().find(|f| f.rule == RuleId::SchoolIdentity).unwrap();
        assert_eq!((f.start, f.end), (Some(9), Some(13)));
        assert_eq!(f.severity, crate::Severity::Warn);
    }
}
