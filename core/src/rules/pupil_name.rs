//! `pupil-name`: a pupil on the roster is named by forename and surname.
//!
//! Words are first marked as possible name parts by their per-word hashes, so only short
//! runs of such words are hashed as whole names: the cost does not grow with the roster.
//! A run is a pupil's name when its forename and surname (in either order, "Surname,
//! Forename", or with one middle name between) hash to a roster pupil, it is not a member of
//! staff's name, no adult title stands before it, and the writing supports it: each part
//! capitalised, or written in lower case but not an everyday word ("will young…").

use super::{Context, Rule, RuleId};
use crate::bundle::{NameKind, NameSet};
use crate::engine::TextField;
use crate::finding::{Evidence, Field, Finding, Fix, Severity};
use crate::text::{is_everyday_word, Gap, Shape, Token};

pub(crate) struct PupilName;

/// Titles that mark an adult ("Mr Daniel Okafor"), compared folded.
const ADULT_TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "cllr"];

/// The longest run of words tried as one name (two forenames and a three-word surname).
const MAX_SPAN: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Order {
    ForenameFirst,
    SurnameFirst,
}

struct Match {
    first: usize,
    last: usize,
    /// Index within the span where the second part starts.
    split: usize,
    order: Order,
    middle: Option<usize>,
}

impl Rule for PupilName {
    fn id(&self) -> RuleId {
        RuleId::PupilName
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        if cx.names.is_empty() {
            return;
        }
        for field in &cx.fields {
            check_field(cx, field, out);
        }
    }
}

fn check_field(cx: &Context<'_>, field: &TextField, out: &mut Vec<Finding>) {
    let names = cx.names;
    let tokens = &field.tokens;
    // Which words could be part of a pupil's name at all.
    let part: Vec<bool> = tokens
        .iter()
        .map(|t| {
            // One-letter words are initials, except as the first word of a split surname
            // ("D Souza"), which the roster itself holds as a surname part.
            (t.letters >= 2 && names.contains(NameKind::PupilForename, &t.norm))
                || names.contains(NameKind::PupilSurname, &t.norm)
        })
        .collect();
    let shouting = is_shouting(tokens);
    let mut covered = vec![false; tokens.len()];
    let mut i = 0;
    while i < tokens.len() {
        if !part.get(i).copied().unwrap_or(false) {
            i += 1;
            continue;
        }
        match find_at(names, tokens, &part, i) {
            Some(m)
                if supported(tokens, &m, shouting)
                    && !is_adult(names, tokens, &m)
                    && !is_place(tokens, &m) =>
            {
                out.push(finding(cx, field, &m));
                for c in covered.iter_mut().take(m.last + 1).skip(m.first) {
                    *c = true;
                }
                i = m.last + 1;
            }
            _ => i += 1,
        }
    }
    if cx.draft.channel.is_public() && about_school(cx) {
        forenames_alone(cx, field, &covered, out);
    }
}

/// Words that make a post or message about school.
const SCHOOL_WORDS: &[&str] = &[
    "school",
    "class",
    "classes",
    "pupil",
    "pupils",
    "student",
    "students",
    "tutor",
    "form",
    "set",
    "period",
    "lesson",
    "lessons",
    "registration",
    "register",
    "detention",
    "homework",
    "assembly",
    "trip",
    "residential",
    "playground",
    "maths",
    "english",
    "science",
    "gcse",
    "gcses",
    "sats",
    "exam",
    "exams",
    "mocks",
    "teacherlife",
    "teaching",
    "teacher",
    "proudteacher",
    "sportsday",
    "nativity",
    "classroom",
    "kids",
    "coursework",
    "concert",
];

/// Whether a social post or chat message is about school: school words, "Year 6" or "Y6",
/// or the school's name.
fn about_school(cx: &Context<'_>) -> bool {
    let school_names: Vec<String> = std::iter::once(&cx.school.name)
        .chain(&cx.school.aliases)
        .map(|n| crate::text::name_key(n))
        .filter(|n| n.len() >= 3)
        .collect();
    has_school_words(cx)
        || cx.fields.iter().any(|f| {
            let joined = f.tokens.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
            school_names.iter().any(|n| format!(" {joined} ").contains(&format!(" {n} ")))
        })
}

/// Whether the text has school words, "Year 6" or "Y6" (the school's name aside).
pub(crate) fn has_school_words(cx: &Context<'_>) -> bool {
    cx.fields.iter().any(|f| {
        f.tokens.iter().any(|t| SCHOOL_WORDS.contains(&t.norm.as_str()))
            || f.tokens.windows(2).any(|w| {
                matches!(w, [a, b] if matches!(a.norm.as_str(), "year" | "yr") && b.norm.chars().all(|c| c.is_ascii_digit()))
            })
            || f.tokens.iter().any(|t| {
                t.norm.len() >= 2
                    && t.norm.starts_with('y')
                    && t.norm.get(1..).is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()))
            })
    })
}

/// On social and chat channels, a roster forename on its own names a pupil when the post is
/// about school: written with a capital, not a member of staff's forename, not after an
/// adult's title, not the start of someone else's full name, and, for a forename that is
/// also an everyday word ("Will", "Grace"), not at the start of a sentence.
fn forenames_alone(cx: &Context<'_>, field: &TextField, covered: &[bool], out: &mut Vec<Finding>) {
    let names = cx.names;
    let tokens = &field.tokens;
    for (i, t) in tokens.iter().enumerate() {
        if covered.get(i).copied().unwrap_or(true)
            || t.letters < 2
            || t.shape != Shape::Title
            || !names.contains(NameKind::PupilForename, &t.norm)
            || names.contains(NameKind::StaffForename, &t.norm)
            || (is_everyday_word(&t.norm) && t.sentence_start)
        {
            continue;
        }
        let before = i.checked_sub(1).and_then(|k| tokens.get(k));
        if before.is_some_and(|b| ADULT_TITLES.contains(&b.norm.as_str()) && !t.sentence_start) {
            continue;
        }
        // "Harry Kane": a capitalised word straight after makes it someone else's full name.
        let after = tokens.get(i + 1);
        if after.is_some_and(|a| {
            a.gap == Gap::Space && a.shape == Shape::Title && !a.sentence_start && !t.possessive
        }) {
            continue;
        }
        out.push(Finding {
            rule: RuleId::PupilName,
            severity: Severity::Block,
            field: field.field,
            name: None,
            start: field.locatable.then_some(t.start),
            end: field.locatable.then_some(t.end),
            excerpt: field.text.get(t.bytes.0..t.bytes.1).unwrap_or_default().to_owned(),
            message: "This names a pupil. On social media and in chat, even a first name in a post about school can identify a child.".to_owned(),
            explanation: Evidence {
                reasons: vec![
                    "forename of a pupil on the school roster".to_owned(),
                    "in a post or message about school".to_owned(),
                ],
                clause: None,
            },
            fix: None,
        });
    }
}

fn join(tokens: &[Token]) -> String {
    let mut s = String::new();
    for t in tokens {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&t.norm);
    }
    s
}

/// The longest name starting at token `i`, if any.
fn find_at(names: &NameSet, tokens: &[Token], part: &[bool], i: usize) -> Option<Match> {
    for len in (2..=MAX_SPAN).rev() {
        let Some(span) = tokens.get(i..i + len) else { continue };
        // Every word but the last must be written without a possessive, joined by spaces,
        // hyphens or (once) a comma.
        let inner_ok = span.iter().skip(1).all(|t| matches!(t.gap, Gap::Space | Gap::Hyphen | Gap::Comma))
            && span.iter().filter(|t| t.gap == Gap::Comma).count() <= 1
            && span.iter().take(len - 1).all(|t| !t.possessive);
        if !inner_ok {
            continue;
        }
        let all_parts = part.get(i..i + len).is_some_and(|p| p.iter().all(|&b| b));
        for split in 1..len {
            let (a, b) = span.split_at(split);
            let gap = b.first().map_or(Gap::Other, |t| t.gap);
            let comma_inside = a.iter().skip(1).chain(b.iter().skip(1)).any(|t| t.gap == Gap::Comma);
            if comma_inside {
                continue;
            }
            if all_parts {
                if gap == Gap::Space
                    && names.contains(NameKind::PupilFull, &format!("{} {}", join(a), join(b)))
                {
                    return Some(Match {
                        first: i,
                        last: i + len - 1,
                        split,
                        order: Order::ForenameFirst,
                        middle: None,
                    });
                }
                if matches!(gap, Gap::Space | Gap::Comma)
                    && names.contains(NameKind::PupilFull, &format!("{} {}", join(b), join(a)))
                {
                    return Some(Match {
                        first: i,
                        last: i + len - 1,
                        split,
                        order: Order::SurnameFirst,
                        middle: None,
                    });
                }
            }
        }
        // Forename, one capitalised middle name, surname.
        if len >= 3 {
            for mid in 1..len - 1 {
                let (Some(a), Some(m), Some(b)) = (span.get(..mid), span.get(mid), span.get(mid + 1..))
                else {
                    continue;
                };
                let parts_ok = part.get(i..i + mid).is_some_and(|p| p.iter().all(|&x| x))
                    && part.get(i + mid + 1..i + len).is_some_and(|p| p.iter().all(|&x| x));
                if !parts_ok
                    || !m.shape.is_capitalised()
                    || m.gap != Gap::Space
                    || span.iter().any(|t| t.gap == Gap::Comma)
                {
                    continue;
                }
                if names.contains(NameKind::PupilFull, &format!("{} {}", join(a), join(b))) {
                    return Some(Match {
                        first: i,
                        last: i + len - 1,
                        split: mid + 1,
                        order: Order::ForenameFirst,
                        middle: Some(i + mid),
                    });
                }
            }
        }
    }
    None
}

/// Whether the way the words are written supports reading them as a name: every part
/// capitalised (and, in a field written in capitals throughout, not only everyday words),
/// or written in lower case with at least one part that is not an everyday word
/// ("jack whitmore" yes, "will young" no).
fn supported(tokens: &[Token], m: &Match, shouting: bool) -> bool {
    let span = tokens.get(m.first..=m.last).unwrap_or_default();
    let distinctive = span.iter().any(|t| !is_everyday_word(&t.norm));
    let all_capitalised = span.iter().all(|t| t.shape.is_capitalised());
    if all_capitalised {
        return distinctive || !shouting;
    }
    span.iter().all(|t| matches!(t.shape, Shape::Title | Shape::Upper | Shape::Lower)) && distinctive
}

/// Whether most of a field's words are in capitals, so capitals say nothing about names.
fn is_shouting(tokens: &[Token]) -> bool {
    let words = tokens.iter().filter(|t| t.letters >= 2).count();
    let upper = tokens.iter().filter(|t| t.letters >= 2 && t.shape == Shape::Upper).count();
    words >= 3 && upper * 3 >= words * 2
}

/// Words that, straight after a name, make it a place or an organisation ("Rose Hill
/// Primary", "Grace Darling Road").
const PLACE_WORDS: &[&str] = &[
    "school",
    "primary",
    "academy",
    "college",
    "road",
    "street",
    "lane",
    "avenue",
    "park",
    "centre",
    "center",
    "hall",
    "church",
    "farm",
    "close",
    "way",
    "drive",
    "fc",
    "club",
    "house",
    "library",
    "hospital",
    "station",
    "theatre",
    "museum",
    "trust",
    "foundation",
    "award",
    "awards",
    "prize",
    "cup",
    "trophy",
];

fn is_place(tokens: &[Token], m: &Match) -> bool {
    tokens.get(m.last + 1).is_some_and(|t| {
        t.gap == Gap::Space && t.shape.is_capitalised() && PLACE_WORDS.contains(&t.norm.as_str())
    })
}

/// A member of staff's name, or a name after an adult's title, is not a pupil's.
fn is_adult(names: &NameSet, tokens: &[Token], m: &Match) -> bool {
    let span = tokens.get(m.first..=m.last).unwrap_or_default();
    let pieces: Vec<&Token> =
        span.iter().enumerate().filter(|(k, _)| Some(m.first + k) != m.middle).map(|(_, t)| t).collect();
    let split = if m.middle.is_some() { m.split - 1 } else { m.split };
    let (a, b) = pieces.split_at(split.min(pieces.len()));
    let j = |ts: &[&Token]| ts.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
    let key = match m.order {
        Order::ForenameFirst => format!("{} {}", j(a), j(b)),
        Order::SurnameFirst => format!("{} {}", j(b), j(a)),
    };
    if names.contains(NameKind::StaffFull, &key) {
        return true;
    }
    let before = m.first.checked_sub(1).and_then(|k| tokens.get(k));
    let first = tokens.get(m.first);
    matches!((before, first), (Some(t), Some(f)) if ADULT_TITLES.contains(&t.norm.as_str()) && matches!(f.gap, Gap::Space))
}

fn initial(t: &Token, text: &str) -> String {
    text.get(t.bytes.0..t.bytes.1)
        .and_then(|w| w.chars().find(|c| c.is_alphabetic()))
        .map(|c| c.to_uppercase().collect())
        .unwrap_or_default()
}

fn finding(cx: &Context<'_>, field: &TextField, m: &Match) -> Finding {
    let tokens = &field.tokens;
    let (Some(first), Some(last)) = (tokens.get(m.first), tokens.get(m.last)) else {
        // find_at only returns spans inside `tokens`; an empty excerpt is the safe fallback.
        return empty_finding(cx, field);
    };
    let excerpt = field.slice(first, last).to_owned();
    // Initials in forename-surname order, keeping a possessive: "R.O.'s".
    let (fore, sur): (Vec<&Token>, Vec<&Token>) = {
        let span: Vec<&Token> = tokens.get(m.first..=m.last).unwrap_or_default().iter().collect();
        let (a, b) = span.split_at(m.split.min(span.len()));
        match m.order {
            Order::ForenameFirst => (a.iter().take(1).copied().collect(), b.to_vec()),
            Order::SurnameFirst => (b.iter().take(1).copied().collect(), a.to_vec()),
        }
    };
    let mut initials = String::new();
    for t in fore.iter().chain(sur.iter().filter(|t| t.gap != Gap::Hyphen)) {
        initials.push_str(&initial(t, &field.text));
        initials.push('.');
    }
    if last.possessive {
        initials.push_str("'s");
    }
    let severity = if cx.draft.channel.is_public() || field.field == Field::Subject {
        Severity::Block
    } else {
        Severity::Warn
    };
    let place = match (cx.draft.channel.is_public(), field.field) {
        (true, _) => "Pupils must not be named on social media or in chat messages.",
        (false, Field::Subject) => "A pupil's full name must not be in a subject line, which is shown in inboxes and notifications. Use initials.",
        _ => "Use initials rather than a pupil's full name in email where you can.",
    };
    let mut reasons = vec![match m.order {
        Order::ForenameFirst => "forename and surname of a pupil on the school roster".to_owned(),
        Order::SurnameFirst => {
            "surname and forename of a pupil on the school roster, surname first".to_owned()
        }
    }];
    if m.middle.is_some() {
        reasons.push("with a middle name between them".to_owned());
    }
    if tokens.get(m.first..=m.last).unwrap_or_default().iter().any(|t| t.shape == Shape::Lower) {
        reasons.push("written in lower case, but with a part that is not an everyday word".to_owned());
    }
    let (start, end, fix) = if field.locatable {
        let fix = Fix::Replace {
            field: field.field,
            start: first.start,
            end: last.end,
            with: initials,
            label: "Use initials".to_owned(),
        };
        (Some(first.start), Some(last.end), Some(fix))
    } else {
        (None, None, None)
    };
    Finding {
        rule: RuleId::PupilName,
        severity,
        field: field.field,
        name: None,
        start,
        end,
        excerpt,
        message: format!("This names a pupil. {place}"),
        explanation: Evidence { reasons, clause: None },
        fix,
    }
}

fn empty_finding(cx: &Context<'_>, field: &TextField) -> Finding {
    Finding {
        rule: RuleId::PupilName,
        severity: if cx.draft.channel.is_public() || field.field == Field::Subject {
            Severity::Block
        } else {
            Severity::Warn
        },
        field: field.field,
        name: None,
        start: None,
        end: None,
        excerpt: String::new(),
        message: "This names a pupil.".to_owned(),
        explanation: Evidence::default(),
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, draft_email, engine_for, social};
    use crate::{Field, Finding, Fix, RuleId, Severity};

    const ROSTER: &[(&str, &str)] = &[
        ("Ruby", "Okonkwo"),
        ("Kacper", "Nowak"),
        ("Amelia", "D'Souza"),
        ("Maya", "Hughes-Patel"),
        ("Łukasz", "Wiśniewski"),
        ("Will", "Young"),
        ("Grace", "Hill"),
        ("Zoë", "Müller"),
        ("Daniel", "Okafor"), // a pupil who shares a name with a member of staff
        ("Ruby", "Mensah"),
    ];

    fn names(subject: &str, body: &str) -> Vec<Finding> {
        let d = draft_email("a.teacher@westbrook.sch.uk", subject, body);
        check(&engine_for(ROSTER), &d).findings.into_iter().filter(|f| f.rule == RuleId::PupilName).collect()
    }

    fn one(subject: &str, body: &str) -> Finding {
        let f = names(subject, body);
        assert_eq!(f.len(), 1, "expected one pupil-name finding for {subject:?} / {body:?}, got {f:#?}");
        f.into_iter().next().unwrap()
    }

    #[test]
    fn clean_text_finds_nothing() {
        assert!(names("Trip letters", "Please hand out the trip letters.").is_empty());
    }

    #[test]
    fn full_name_in_subject_blocks_and_offers_initials() {
        let f = one("Ruby Okonkwo - missed detention", "");
        assert_eq!((f.field, f.severity), (Field::Subject, Severity::Block));
        assert_eq!((f.start, f.end, f.excerpt.as_str()), (Some(0), Some(12), "Ruby Okonkwo"));
        assert_eq!(
            f.fix,
            Some(Fix::Replace {
                field: Field::Subject,
                start: 0,
                end: 12,
                with: "R.O.".into(),
                label: "Use initials".into()
            })
        );
    }

    #[test]
    fn full_name_in_body_warns() {
        let f = one("Detention", "Hi, Ruby Okonkwo missed detention.");
        assert_eq!((f.field, f.severity), (Field::Body, Severity::Warn));
    }

    #[test]
    fn surname_comma_forename_and_register_style() {
        let f = one("", "Absent:\nNOWAK, Kacper\n");
        assert_eq!(f.excerpt, "NOWAK, Kacper");
        assert!(matches!(f.fix, Some(Fix::Replace { ref with, .. }) if with == "K.N."));
        one("", "Absent: Nowak Kacper");
    }

    #[test]
    fn possessive_case_and_accents() {
        let f = one("Ruby Okonkwo's report", "");
        assert!(matches!(f.fix, Some(Fix::Replace { ref with, .. }) if with == "R.O.'s"), "{f:?}");
        one("amelia d'souza - no PE kit again", "");
        one("Lukasz Wisniewski - reading age results", "");
        one("", "Zoe Muller and the orchestra");
        one("", "Zoë Müller and the orchestra");
        one("RUBY OKONKWO", "");
        one("", "Amelia D\u{2019}Souza");
    }

    #[test]
    fn hyphenated_surname_and_nbsp() {
        let f = one("Maya Hughes-Patel - Grade 5 piano entry", "");
        assert_eq!(f.excerpt, "Maya Hughes-Patel");
        assert!(matches!(f.fix, Some(Fix::Replace { ref with, .. }) if with == "M.H."));
        one("", "We have one entry: Ruby\u{a0}Okonkwo (9R).");
    }

    #[test]
    fn middle_name_between() {
        let f = one("", "Ruby Chidinma Okonkwo was absent");
        assert_eq!(f.excerpt, "Ruby Chidinma Okonkwo");
    }

    #[test]
    fn html_body_only() {
        let mut d = draft_email("a.teacher@westbrook.sch.uk", "Entry", "");
        d.html = Some("<div>Entry: <b>Ruby&nbsp;Okonkwo</b></div>".into());
        let r = check(&engine_for(ROSTER), &d);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].field, Field::Body);
    }

    #[test]
    fn html_part_repeating_the_text_part_is_reported_once() {
        let mut d = draft_email("a.teacher@westbrook.sch.uk", "Entry", "Entry: Ruby Okonkwo");
        d.html = Some("<div>Entry: Ruby Okonkwo</div>".into());
        let r = check(&engine_for(ROSTER), &d);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].start, Some(7));
    }

    #[test]
    fn everyday_words_do_not_fire() {
        assert!(names("", "will young people please line up").is_empty());
        assert!(names("", "There's a grace period and a grace hill walk").is_empty());
        assert!(names("", "Will you mark the books?").is_empty());
    }

    #[test]
    fn everyday_word_names_written_as_names_fire() {
        one("", "Will Young has been moved to 8R.");
        one("", "Grace Hill's mum rang.");
    }

    #[test]
    fn forename_or_surname_alone_and_initials_do_not_fire_in_email() {
        assert!(names("Ruby - today", "Okonkwo was late. R.O. and RO were fine. R Okonkwo too.").is_empty());
    }

    #[test]
    fn mixing_two_pupils_names_is_not_a_pupil() {
        assert!(names("", "Ruby Nowak and Kacper Okonkwo are visitors").is_empty());
    }

    #[test]
    fn staff_and_adults_are_not_pupils() {
        // Daniel Okafor is both a pupil and a member of staff: the staff reading wins.
        assert!(names("", "Daniel Okafor joins us as Head of Year 8").is_empty());
        assert!(names("", "Our visitor is Mrs Ruby Mensah from the music service").is_empty());
    }

    #[test]
    fn social_and_chat_block() {
        let r = check(&engine_for(ROSTER), &social("Well done to Ruby Okonkwo today!"));
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].severity, Severity::Block);
    }

    #[test]
    fn no_roster_no_names() {
        let d = draft_email("a@westbrook.sch.uk", "Ruby Okonkwo", "");
        let r = crate::Engine::without_policy().check(&d);
        assert!(r.findings.is_empty());
        assert!(!r.policy_loaded);
        assert!(r.notes[0].contains("names are not checked"));
    }

    #[test]
    fn apostrophe_names_written_without_it() {
        one("", "Amelia DSouza is off today");
        one("", "Amelia D Souza is off today");
    }

    #[test]
    fn lower_case_names_need_one_distinctive_part() {
        one("", "congrats to ruby okonkwo on her goal");
        one("", "well done maya hughes-patel");
        assert!(names("", "grace hill is steep").is_empty());
    }

    #[test]
    fn capitals_say_nothing_in_a_shouted_field() {
        assert!(names("WILL YOUNG PEOPLE PLEASE LINE UP", "").is_empty());
        one("RUBY OKONKWO DETENTION TODAY", "");
    }

    fn social_names(channel: crate::Channel, body: &str) -> Vec<Finding> {
        let mut d = social(body);
        d.channel = channel;
        check(&engine_for(ROSTER), &d).findings.into_iter().filter(|f| f.rule == RuleId::PupilName).collect()
    }

    #[test]
    fn forename_alone_off_topic_on_social_is_fine() {
        use crate::Channel::{Chat, Social};
        assert!(social_names(Social, "Ruby and I went to the beach, lovely day").is_empty());
        assert!(social_names(Chat, "Will you be in the staffroom at break? Swap my duty?").is_empty());
        assert!(social_names(Social, "Will anyone else be at the school fair on Sunday?").is_empty());
    }

    #[test]
    fn forename_alone_about_school_blocks_on_social_and_chat() {
        use crate::Channel::{Chat, Social};
        let f = social_names(Social, "Kacper from my tutor group won the 800m #sportsday");
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].excerpt.as_str(), f[0].severity), ("Kacper", Severity::Block));
        assert_eq!(social_names(Chat, "Is Kacper in your set P3? Not turned up to maths").len(), 1);
        assert_eq!(social_names(Social, "So proud of Will in my Year 10 class today").len(), 1);
    }

    #[test]
    fn forename_alone_exceptions_on_social() {
        use crate::Channel::Social;
        // Someone else's full name, a member of staff's forename, an adult's title.
        assert!(social_names(Social, "Ruby Wax gave a talk to our Year 10 class").is_empty());
        assert!(social_names(Social, "Daniel ran the school trip brilliantly").is_empty());
        assert!(social_names(Social, "Thanks to Mrs Ruby for the school trip").is_empty());
    }

    #[test]
    fn forename_alone_never_fires_in_email() {
        assert!(names("Kacper - today", "Kacper from my tutor group missed the school trip").is_empty());
    }

    #[test]
    fn places_named_after_people_are_not_pupils() {
        assert!(
            names("", "The Grace Hill Award goes to the choir; the Ruby Okonkwo Library opens").is_empty()
        );
    }

    #[test]
    fn everyday_phrases_never_fire() {
        for text in [
            "Will you mark the books?",
            "There is a grace period for late work.",
            "Hope to see you at the rose garden.",
            "Mark the date: the Summer term starts in May.",
            "Best wishes, and young people welcome.",
            "WILL YOU MARK THE BOOKS PLEASE",
            "grace, hill walking is on Friday",
        ] {
            assert!(names(text, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn names_split_by_a_line_break_or_extra_spaces() {
        one("", "Absent today: Ruby\nOkonkwo and nobody else");
        one("", "Absent today: Ruby    Okonkwo");
    }

    #[test]
    fn a_sentence_break_separates_names() {
        assert!(names("", "Thanks Ruby. Okonkwo family are here").is_empty());
    }
}
