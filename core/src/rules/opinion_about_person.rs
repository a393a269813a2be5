//! `opinion-about-person`: a judgement about an identifiable person, not a factual account.
//!
//! Each sentence is read for two things, and fires only when they are joined by grammar:
//!
//! * **who** — a roster pupil or member of staff (by the bundle's name hashes), a title with
//!   a surname or initial ("Mrs Khan", "Mr H"), pupil initials ("J.T."), a role ("my
//!   colleague", "the head", "his mum", "that class", "Year 9", "9X3"), or a pronoun that
//!   carries on from one of them;
//! * **what** — from [`opinion_words`](super::opinion_words): a judgement of competence,
//!   character, intelligence, appearance or worth said of them ("is a waste of space",
//!   "is lazy", "isn't very bright"), something they are said to do that judges them ("can't
//!   teach", "hasn't got a clue", "bullies her staff"), dislike of them ("I can't stand
//!   him"), a judging word in front of them ("the useless TA"), or praise that a marker
//!   such as 🙄 turns into sarcasm.
//!
//! The joins are short and checked: person, a few allowed words, a verb such as "is", then
//! the judgement, with negation understood ("she's not useless" does not fire; "he isn't very
//! bright" does). Words like "rude" or "difficult" count only when they describe the person
//! in general, not what happened once ("was rude to the cover teacher in P3"). Opinions about
//! things ("the new timetable is a nightmare") have no person to join to.

use super::opinion_words as w;
use super::{Context, Rule, RuleId};
use crate::bundle::NameKind;
use crate::engine::TextField;
use crate::finding::{Evidence, Finding, Severity};
use crate::text::{is_everyday_word, Gap, Shape, Token};
use smol_str::SmolStr;

pub(crate) struct OpinionAboutPerson;

impl Rule for OpinionAboutPerson {
    fn id(&self) -> RuleId {
        RuleId::OpinionAboutPerson
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for field in &cx.fields {
            for op in opinions(cx, field) {
                out.push(finding(cx, field, &op));
            }
        }
    }
}

/// How a person was referred to.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Who {
    Staff,
    Pupil,
    Titled,
    Initials,
    Role,
    Group,
    Pronoun,
    Addressee,
}

/// A reference to a person: tokens `first..=last`.
#[derive(Debug, Clone)]
struct Person {
    first: usize,
    last: usize,
    who: Who,
    group: bool,
    /// Who an earlier sentence named, when this is "he", "she" or "the man".
    antecedent: Option<String>,
}

/// What made a sentence an opinion.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Judgement,
    DeniedStrength,
    Deed,
    Dislike,
    Sarcasm,
}

/// One opinion found: the sentence, the person and the judging words.
#[derive(Debug)]
struct Opinion {
    sentence: (usize, usize),
    person: Person,
    cue: (usize, usize),
    kind: Cue,
    hedge: Option<(usize, usize)>,
    marker: Option<String>,
}

/// The text from token `a` to token `b`, inclusive.
fn span(field: &TextField, a: usize, b: usize) -> &str {
    match (field.tokens.get(a), field.tokens.get(b)) {
        (Some(x), Some(y)) => field.slice(x, y),
        _ => "",
    }
}

/// Tokens' comparison keys: folded, apostrophes dropped ("can't" → "cant"), and the "'s"
/// of "he's"/"she's" (which the tokenizer keeps, as it is "is", not a possessive) taken off,
/// so the pronoun is found; [`is_contracted`] tells that the "is" was there.
fn keys(tokens: &[Token]) -> Keys {
    let words: Vec<SmolStr> = tokens
        .iter()
        .map(|t| {
            let base = t.norm.strip_suffix("'s").filter(|_| !t.possessive).unwrap_or(&t.norm);
            if base.bytes().any(|b| b == b'\'') {
                SmolStr::new(base.replace('\'', ""))
            } else if base.len() == t.norm.len() {
                t.norm.clone()
            } else {
                SmolStr::new(base)
            }
        })
        .collect();
    let classes = words.iter().map(|k| w::classes(k)).collect();
    Keys { words, classes }
}

/// The tokens' comparison keys, with the lists each is in ([`w::classes`]), looked up
/// once per word rather than once per list tried.
struct Keys {
    words: Vec<SmolStr>,
    classes: Vec<u64>,
}

impl Keys {
    fn get(&self, i: usize) -> Option<&SmolStr> {
        self.words.get(i)
    }

    /// The [`w::classes`] of key `i` (none past the end).
    fn class(&self, i: usize) -> u64 {
        self.classes.get(i).copied().unwrap_or(0)
    }

    fn is(&self, i: usize, bit: u64) -> bool {
        self.class(i) & bit != 0
    }
}

/// Whether a word carries a contracted "is": a possessive-looking "'s" ("Gareth's
/// useless") or a kept contraction ("he's").
fn is_contracted(t: &Token) -> bool {
    t.possessive || t.norm.ends_with("'s")
}

/// Length of a pre-split phrase if it matches at `at` (and ends before `end`).
fn phrase_len(keys: &Keys, at: usize, end: usize, phrase: &w::Phrase) -> Option<usize> {
    if at + phrase.len() > end {
        return None;
    }
    for (n, alts) in phrase.iter().enumerate() {
        let key = keys.get(at + n)?;
        if !alts.iter().any(|alt| *alt == key.as_str()) {
            return None;
        }
    }
    Some(phrase.len())
}

/// The longest phrase of `list` that matches at `at`.
///
/// Nearly every word starts no phrase of the list: that test stays inline, and the look-up
/// of the phrases is a call only for the few that do.
#[inline(always)]
fn longest(keys: &Keys, at: usize, end: usize, list: &w::Lex) -> Option<usize> {
    if !keys.is(at, list.starts_bit()) {
        return None;
    }
    longest_starting(keys, at, end, list)
}

#[inline(never)]
fn longest_starting(keys: &Keys, at: usize, end: usize, list: &w::Lex) -> Option<usize> {
    let key = keys.get(at)?;
    list.starting(key).iter().filter_map(|p| phrase_len(keys, at, end, p)).max()
}

/// The longest entry of `list` that matches at `at` once its "a" or "an" is dropped
/// ("a complete joke": "a" and "complete" were read as fillers).
#[inline(always)]
fn without_article(keys: &Keys, at: usize, end: usize, list: &w::Lex) -> Option<usize> {
    if !keys.is(at, list.starts_bare_bit()) {
        return None;
    }
    without_article_starting(keys, at, end, list)
}

#[inline(never)]
fn without_article_starting(keys: &Keys, at: usize, end: usize, list: &w::Lex) -> Option<usize> {
    let key = keys.get(at)?;
    list.starting_bare(key).iter().filter_map(|p| phrase_len(keys, at, end, p)).max()
}

fn is_in(keys: &Keys, i: usize, list: &[&str]) -> bool {
    keys.get(i).is_some_and(|k| list.contains(&k.as_str()))
}

/// Sentences as token ranges `[start, end)`.
fn sentences(field: &TextField) -> Vec<(usize, usize)> {
    let tokens = &field.tokens;
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..tokens.len() {
        let (Some(prev), Some(next)) = (tokens.get(i - 1), tokens.get(i)) else { continue };
        let sep = field.text.get(prev.bytes.1..next.bytes.0).unwrap_or_default();
        // Only asked when the separator has a full stop.
        let abbreviation = || {
            (prev.letters == 1 && prev.norm.chars().count() == 1) || w::TITLES.contains(&prev.norm.as_str())
        };
        // Nearly every separator is ASCII (a space, a comma): read as bytes, the same tests.
        let ends = if sep.is_ascii() {
            sep.bytes()
                .any(|b| matches!(b, b'?' | b'!' | b';' | b':' | b'\n') || (b == b'.' && !abbreviation()))
        } else {
            sep.chars().any(|c| {
                matches!(c, '?' | '!' | ';' | ':' | '\n' | '\u{2014}' | '\u{2013}' | '\u{2026}')
                    || (c == '.' && !abbreviation())
                    || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_quote(c))
            })
        } || (sep.len() >= 3 && sep.contains(" - "));
        if ends {
            out.push((start, i));
            start = i;
        }
    }
    if start < tokens.len() {
        out.push((start, tokens.len()));
    }
    out
}

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '\u{00A0}' | '\u{200B}'..='\u{200F}' | '\u{FEFF}'
    )
}

/// A class or year group code: "9X3", "8R", "11H", "Y9".
#[inline(always)]
fn is_class_code(t: &Token, text: &str) -> bool {
    // The first test of `class_code`, on bytes, for the many words that are not codes.
    let first = text.as_bytes().get(t.bytes.0);
    first.is_some_and(|b| b.is_ascii_digit() || *b == b'Y')
        && t.bytes.1.saturating_sub(t.bytes.0) <= 5
        && class_code(t, text)
}

#[inline(never)]
fn class_code(t: &Token, text: &str) -> bool {
    let raw = text.get(t.bytes.0..t.bytes.1).unwrap_or_default();
    if !raw.starts_with(|c: char| c.is_ascii_digit() || c == 'Y') || raw.len() > 5 {
        return false;
    }
    let digits: String = raw.chars().take_while(char::is_ascii_digit).collect();
    let rest = raw.get(digits.len()..).unwrap_or_default();
    if let Some(y) = raw.strip_prefix('Y') {
        return y.parse::<u8>().is_ok_and(|n| (1..=13).contains(&n));
    }
    let year_ok = digits.parse::<u8>().is_ok_and(|n| (1..=13).contains(&n));
    let letters: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
    let tail = rest.get(letters.len()..).unwrap_or_default();
    year_ok
        && (1..=3).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && !matches!(letters.as_str(), "AM" | "PM" | "TH" | "ST" | "ND" | "RD" | "KM" | "MB" | "GB")
        && !(letters == "X" && tail.is_empty())
        && tail.chars().all(|c| c.is_ascii_digit())
        && tail.len() <= 1
}

/// The people referred to in one sentence, in order.
fn people(
    cx: &Context<'_>,
    field: &TextField,
    keys: &Keys,
    (start, end): (usize, usize),
    last_seen: &mut Option<Person>,
) -> Vec<Person> {
    let tokens = &field.tokens;
    let mut out: Vec<Person> = Vec::new();
    let mut k = start;
    while k < end {
        let Some(t) = tokens.get(k) else { break };
        let key = keys.get(k).map_or("", SmolStr::as_str);
        if !may_start_person(keys, k, t, key) {
            k += 1;
            continue;
        }
        let next = tokens.get(k + 1).filter(|_| k + 1 < end);
        let found = person_at(cx, field, keys, k, start, end, t, key, next, last_seen);
        if let Some(p) = found {
            k = p.last + 1;
            if !matches!(p.who, Who::Pronoun | Who::Addressee) && p.antecedent.is_none() {
                *last_seen = Some(p.clone());
            }
            out.push(p);
        } else {
            k += 1;
        }
    }
    out
}

/// Whether [`person_at`] could find anything at token `k`: false only for a lower-case word
/// that none of its tests can take (no title, initial, roster name, year, class code,
/// pronoun, role or general noun), which is most words, so they skip all of them.
#[inline(always)]
fn may_start_person(keys: &Keys, k: usize, t: &Token, key: &str) -> bool {
    // Initials and roster names are capitalised; a class code starts with a digit or "Y",
    // so is never all lower case either.
    t.shape != Shape::Lower
        || keys.is(
            k,
            w::IN_TITLES
                | w::IN_PRONOUNS
                | w::IN_GROUP_PRONOUNS
                | w::ROLES.starts_bit()
                | w::GENERAL.starts_bit(),
        )
        || (matches!(key.as_bytes().first(), Some(b'y' | b'h' | b't'))
            && matches!(key, "year" | "yr" | "her" | "his" | "their" | "you" | "youre"))
}

#[allow(clippy::too_many_arguments)]
fn person_at(
    cx: &Context<'_>,
    field: &TextField,
    keys: &Keys,
    k: usize,
    start: usize,
    end: usize,
    t: &Token,
    key: &str,
    next: Option<&Token>,
    last_seen: &Option<Person>,
) -> Option<Person> {
    let tokens = &field.tokens;
    let one =
        |who: Who, last: usize, group: bool| Some(Person { first: k, last, who, group, antecedent: None });
    // A title and a surname or initial.
    if keys.is(k, w::IN_TITLES) {
        if let Some(n) = next.filter(|n| n.shape.is_capitalised()) {
            let mut last = k + 1;
            if n.letters == 1 && tokens.get(k + 2).is_some_and(|m| m.shape.is_capitalised() && k + 2 < end) {
                last = k + 2;
            }
            return one(Who::Titled, last, false);
        }
        return None;
    }
    // Initials: "J.T.", "J T", or a lone capital before a verb ("J hit…").
    if t.letters == 1 && t.shape == Shape::Title && t.norm.len() == 1 && key != "i" && key != "a" {
        let mut last = k;
        while tokens
            .get(last + 1)
            .is_some_and(|n| n.letters == 1 && n.shape == Shape::Title && last + 1 < end)
        {
            last += 1;
        }
        let after = tokens.get(last + 1).filter(|_| last + 1 < end);
        if last > k || after.is_some_and(|a| a.shape == Shape::Lower) {
            return one(Who::Initials, last, false);
        }
        return None;
    }
    // Roster names.
    if t.shape.is_capitalised() && t.letters >= 2 && !cx.names.is_empty() {
        let staff = |n: &str| {
            cx.names.contains(NameKind::StaffForename, n) || cx.names.contains(NameKind::StaffSurname, n)
        };
        let pupil = |n: &str| {
            cx.names.contains(NameKind::PupilForename, n) || cx.names.contains(NameKind::PupilSurname, n)
        };
        let (s, p) = (staff(&t.norm), pupil(&t.norm));
        if (s || p) && !(is_everyday_word(&t.norm) && k == start) && !keys.is(k, w::IN_DETERMINERS) {
            let mut last = k;
            while let Some(n) = tokens.get(last + 1).filter(|n| n.shape.is_capitalised() && last + 1 < end) {
                if staff(&n.norm) || pupil(&n.norm) {
                    last += 1;
                } else {
                    break;
                }
            }
            // "Sienna's mum": the mum is the person; the name is her determiner.
            let owner = tokens.get(last).is_some_and(|t| t.possessive)
                && (longest(keys, last + 1, end, &w::ROLES).is_some()
                    || longest(keys, last + 1, end, &w::GENERAL).is_some());
            if owner {
                return None;
            }
            return one(if s { Who::Staff } else { Who::Pupil }, last, false);
        }
    }
    // Year groups and class codes.
    if (key == "year" || key == "yr")
        && next.is_some_and(|n| n.norm.parse::<u8>().is_ok_and(|y| (1..=13).contains(&y)))
    {
        return group_ref(keys, k, k + 1, end, Who::Group);
    }
    if is_class_code(t, &field.text) {
        let last = if is_in(keys, k + 1, &["class", "group", "set"]) && k + 1 < end { k + 1 } else { k };
        return group_ref(keys, k, last, end, Who::Group);
    }
    // Pronouns. "her dad": the noun is the person; "her teaching": the attribute stands
    // for her.
    if key == "her" || key == "his" || key == "their" {
        if keys.is(k + 1, w::IN_ATTRIBUTES) {
            let mut p = carried(field, k, false, last_seen)?;
            p.last = k + 1;
            return Some(p);
        }
        if key == "her" && !next.is_some_and(|n| is_noun_start(keys, k + 1, end, n)) {
            return carried(field, k, false, last_seen);
        }
        return None;
    }
    if keys.is(k, w::IN_PRONOUNS) {
        return carried(field, k, false, last_seen);
    }
    if keys.is(k, w::IN_GROUP_PRONOUNS) && last_seen.as_ref().is_some_and(|p| p.group) {
        return carried(field, k, true, last_seen);
    }
    if key == "youre" || (key == "you" && is_in(keys, k + 1, &["are", "were", "re"])) {
        return one(Who::Addressee, k, false);
    }
    // Roles, and general nouns after a determiner.
    let det_first = |k: usize| match k.checked_sub(1) {
        Some(i)
            if i >= start
                && (keys.is(i, w::IN_DETERMINERS) || tokens.get(i).is_some_and(|t| t.possessive)) =>
        {
            i
        }
        _ => k,
    };
    if let Some(n) = longest(keys, k, end, &w::ROLES) {
        return noun_ref(keys, tokens, det_first(k), k + n - 1, end, true);
    }
    if let Some(n) = longest(keys, k, end, &w::GENERAL) {
        let det = |i: Option<usize>| {
            i.is_some_and(|i| {
                i >= start && (keys.is(i, w::IN_DETERMINERS) || tokens.get(i).is_some_and(|t| t.possessive))
            })
        };
        let has_det = det(k.checked_sub(1))
            || (det(k.checked_sub(2)) && !is_in(keys, k - 1, w::BREAKERS))
            || k.checked_sub(1).and_then(|i| tokens.get(i)).is_some_and(|t| is_class_code(t, &field.text));
        if key == "head" {
            let ok_det = k
                .checked_sub(1)
                .is_some_and(|i| is_in(keys, i, &["the", "our", "their", "new", "this", "acting"]));
            let body = is_in(keys, k + 1, w::BODY_NEXT) && !is_in(keys, k + 1, &["is", "was"]);
            if !ok_det || body {
                return None;
            }
        }
        if has_det {
            let first = if det(k.checked_sub(1)) { k - 1 } else { k.saturating_sub(2) };
            let mut p = noun_ref(keys, tokens, first, k + n - 1, end, false)?;
            if matches!(key, "man" | "woman" | "bloke" | "guy" | "fella" | "lady" | "person") {
                p.antecedent = last_seen.as_ref().map(|l| span(field, l.first, l.last).to_owned());
            }
            return Some(p);
        }
    }
    None
}

/// A pronoun, with the person it carries on from.
fn carried(field: &TextField, k: usize, group: bool, last_seen: &Option<Person>) -> Option<Person> {
    let antecedent = last_seen.as_ref().map(|p| span(field, p.first, p.last).to_owned());
    Some(Person { first: k, last: k, who: Who::Pronoun, group, antecedent })
}

/// Whether token `i` starts a noun that is itself the person or a thing they have.
fn is_noun_start(keys: &Keys, i: usize, end: usize, _t: &Token) -> bool {
    longest(keys, i, end, &w::ROLES).is_some()
        || longest(keys, i, end, &w::GENERAL).is_some()
        || keys.is(i, w::IN_ATTRIBUTES)
        || is_in(keys, i, w::COMPOUND_HEADS)
        || keys.get(i).is_some_and(|k| {
            k.len() > 2
                && !w::BREAKERS.contains(&k.as_str())
                && !w::FILLERS.contains(&k.as_str())
                && !is_copula(k)
        })
}

fn is_copula(k: &str) -> bool {
    w::COPULAS_PRESENT.contains(&k) || w::COPULAS_PAST.contains(&k) || w::COPULAS_NEGATED.contains(&k)
}

fn group_ref(keys: &Keys, first: usize, last: usize, end: usize, who: Who) -> Option<Person> {
    if is_in(keys, last + 1, w::COMPOUND_HEADS) && last + 1 < end {
        return None;
    }
    Some(Person { first, last, who, group: true, antecedent: None })
}

/// A role or general noun, unless it names a thing ("parents' evening", "class set").
fn noun_ref(
    keys: &Keys,
    tokens: &[Token],
    first: usize,
    last: usize,
    end: usize,
    role: bool,
) -> Option<Person> {
    let head = tokens.get(last)?;
    let next_in = last + 1 < end;
    if next_in && keys.is(last + 1, w::IN_ATTRIBUTES) {
        return Some(Person { first, last: last + 1, who: Who::Role, group: false, antecedent: None });
    }
    if next_in && is_in(keys, last + 1, w::COMPOUND_HEADS) {
        return None;
    }
    if head.possessive {
        return None;
    }
    let key = keys.get(last).map_or("", SmolStr::as_str);
    let group = key.ends_with('s') && key != "boss" && !role
        || matches!(
            key,
            "class"
                | "group"
                | "cohort"
                | "family"
                | "staff"
                | "lot"
                | "bunch"
                | "crew"
                | "gang"
                | "team"
                | "department"
                | "dept"
                | "people"
                | "children"
                | "management"
                | "slt"
                | "smt"
                | "governors"
        );
    Some(Person { first, last, who: Who::Role, group, antecedent: None })
}

/// What follows a person: a verb such as "is" and a judgement, or a judging deed.
fn after_person(
    keys: &Keys,
    tokens: &[Token],
    p: &Person,
    end: usize,
    hedged: bool,
    marker: Option<&str>,
) -> Option<(usize, usize, Cue)> {
    let mut j = p.last + 1;
    // "he's lazy", "Gareth's useless": the 's is "is".
    let contracted = tokens.get(p.last).is_some_and(is_contracted)
        && matches!(p.who, Who::Pronoun | Who::Staff | Who::Pupil | Who::Titled | Who::Initials);
    if contracted || is_in(keys, p.last, &["theyre", "youre"]) {
        if let Some(c) = predicate(keys, j, end, true, false, hedged, marker) {
            return Some(c);
        }
    }
    let mut gap = 0;
    while j < end && gap <= 4 {
        let key = keys.get(j).map_or("", SmolStr::as_str);
        if let Some(n) = longest(keys, j, end, &w::VERB_PHRASES) {
            if !is_in(keys, j.wrapping_sub(1), &["not", "never", "dont", "doesnt", "didnt"])
                || j == p.last + 1
            {
                return Some((j, j + n - 1, Cue::Deed));
            }
        }
        if w::COPULAS_PRESENT.contains(&key)
            || w::COPULAS_PAST.contains(&key)
            || w::COPULAS_NEGATED.contains(&key)
        {
            let present = w::COPULAS_PRESENT.contains(&key);
            let negated = w::COPULAS_NEGATED.contains(&key);
            return predicate(keys, j + 1, end, present, negated, hedged, marker);
        }
        if w::SUBJECT_GAP.contains(&key) {
            j += 1;
            gap += 1;
            continue;
        }
        if w::SUBJECT_PREPOSITIONS.contains(&key) {
            // "J in 8R is", "the parent from Year 9 was": a short phrase, then the verb.
            let mut m = j + 1;
            while m < end && m <= j + 3 && !is_copula(keys.get(m).map_or("", SmolStr::as_str)) {
                if is_in(keys, m, w::COMPOUND_HEADS)
                    || is_in(keys, m, w::BREAKERS) && !is_in(keys, m, &["my", "the", "your"])
                {
                    return None;
                }
                m += 1;
            }
            gap += m - j;
            j = m;
            continue;
        }
        return None;
    }
    None
}

/// A judgement after a copula, from token `from`.
fn predicate(
    keys: &Keys,
    from: usize,
    end: usize,
    present: bool,
    mut negated: bool,
    hedged: bool,
    marker: Option<&str>,
) -> Option<(usize, usize, Cue)> {
    let mut intensified = false;
    let mut unknown = 0;
    let mut j = from;
    while j < end && j < from + 8 {
        let key = keys.get(j).map_or("", SmolStr::as_str);
        if let Some(n) =
            longest(keys, j, end, &w::STRONG).or_else(|| without_article(keys, j, end, &w::STRONG))
        {
            return (!negated).then_some((j, j + n - 1, Cue::Judgement));
        }
        if negated {
            if let Some(n) = longest(keys, j, end, &w::POSITIVE_TRAITS) {
                return Some((j, j + n - 1, Cue::DeniedStrength));
            }
        }
        if let Some(n) = longest(keys, j, end, &w::WEAK) {
            if negated {
                return None;
            }
            if present || intensified || hedged {
                return Some((j, j + n - 1, Cue::Judgement));
            }
            j += n;
            continue;
        }
        if let Some(n) = longest(keys, j, end, &w::PRAISE) {
            return (marker.is_some() && !negated).then_some((j, j + n - 1, Cue::Sarcasm));
        }
        if is_copula(key) {
            return None; // a second verb: another clause
        }
        if w::NEGATORS.contains(&key) {
            negated = true;
        } else if w::INTENSIFIERS.contains(&key) {
            intensified = true;
        } else if w::FILLERS.contains(&key) {
        } else if w::BREAKERS.contains(&key) || key.ends_with("ing") && key.len() > 5 {
            return None;
        } else {
            unknown += 1;
            if unknown > 2 {
                return None;
            }
        }
        j += 1;
    }
    None
}

/// A judging word just before the person ("the useless TA", "that lazy boy").
fn before_person(keys: &Keys, tokens: &[Token], p: &Person, start: usize) -> Option<(usize, usize, Cue)> {
    if matches!(p.who, Who::Pronoun | Who::Addressee) {
        return None;
    }
    // The judging word sits before the head noun, after any determiner ("that lazy boy").
    for i in p.first.saturating_sub(2).max(start)..p.last {
        if is_in(keys, i, &["a", "an", "the", "not"]) {
            continue;
        }
        if let Some(n) = longest(keys, i, p.last, &w::STRONG) {
            let next = tokens.get(i + n);
            let joined = next.is_some_and(|t| matches!(t.gap, Gap::Space | Gap::Hyphen));
            if (i + n == p.first || i + n == p.last) && joined {
                return Some((i, i + n - 1, Cue::Judgement));
            }
        }
    }
    None
}

/// Dislike aimed at the person ("can't stand him", "given up on that class").
fn dislike_of(keys: &Keys, p: &Person, start: usize) -> Option<(usize, usize, Cue)> {
    for len in 1..=6 {
        let Some(i) = p.first.checked_sub(len) else { break };
        if i < start {
            break;
        }
        if let Some(n) = longest(keys, i, p.first, &w::OBJECT_PHRASES) {
            if i + n == p.first {
                let denied = i.checked_sub(1).is_some_and(|b| {
                    is_in(keys, b, &["dont", "didnt", "never", "not", "doesnt", "wouldnt", "no"])
                });
                return (!denied).then_some((i, i + n - 1, Cue::Dislike));
            }
        }
    }
    None
}

/// "What a waste of space that man is!": the judgement comes first.
fn exclamation(keys: &Keys, p: &Person, start: usize) -> Option<(usize, usize, Cue)> {
    if !is_in(keys, start, &["what"]) || !is_in(keys, start + 1, &["a", "an"]) {
        return None;
    }
    (start + 1..p.first.min(start + 5)).find_map(|i| {
        let n = longest(keys, i, p.first, &w::STRONG)
            .or_else(|| without_article(keys, i, p.first, &w::STRONG))?;
        Some((i, i + n - 1, Cue::Judgement))
    })
}

fn hedge_in(keys: &Keys, (start, end): (usize, usize)) -> Option<(usize, usize)> {
    (start..end).find_map(|i| longest(keys, i, end, &w::HEDGES).map(|n| (i, i + n - 1)))
}

/// A sarcasm marker in the sentence or just after it.
fn sarcasm_marker(field: &TextField, keys: &Keys, (start, end): (usize, usize)) -> Option<String> {
    let tokens = &field.tokens;
    let from = tokens.get(start).map_or(0, |t| t.bytes.0);
    let to = tokens.get(end).map_or(field.text.len(), |t| t.bytes.0);
    let text = field.text.get(from..to).unwrap_or_default();
    // The emoji are all outside ASCII, as nearly every sentence is not: those are passed over
    // in one quick test instead of character by character.
    if !text.is_ascii() {
        if let Some(c) = text.chars().find(|c| !c.is_ascii() && w::SARCASM_EMOJI.contains(c)) {
            return Some(c.to_string());
        }
    }
    if text.contains("/s") {
        return Some("/s".to_owned());
    }
    for i in start..end {
        if keys.get(i).is_some_and(|k| k == "not") {
            // A shouted "NOT" at the end: "so helpful… NOT".
            if i + 1 == end && tokens.get(i).is_some_and(|t| t.shape == Shape::Upper) {
                return Some("NOT".to_owned());
            }
        } else if let Some(n) = longest(keys, i, end, &w::SARCASM) {
            return Some(span(field, i, i + n - 1).to_owned());
        }
    }
    None
}

fn opinions(cx: &Context<'_>, field: &TextField) -> Vec<Opinion> {
    let keys = keys(&field.tokens);
    let mut out = Vec::new();
    let mut last_seen: Option<Person> = None;
    for s in sentences(field) {
        let found = people(cx, field, &keys, s, &mut last_seen);
        if found.is_empty() {
            continue;
        }
        let hedge = hedge_in(&keys, s);
        let marker = sarcasm_marker(field, &keys, s);
        for p in found {
            let cue = after_person(&keys, &field.tokens, &p, s.1, hedge.is_some(), marker.as_deref())
                .or_else(|| before_person(&keys, &field.tokens, &p, s.0))
                .or_else(|| dislike_of(&keys, &p, s.0))
                .or_else(|| exclamation(&keys, &p, s.0));
            if let Some((a, b, kind)) = cue {
                out.push(Opinion {
                    sentence: s,
                    person: p,
                    cue: (a, b),
                    kind,
                    hedge,
                    marker: marker.clone().filter(|_| kind == Cue::Sarcasm),
                });
                break;
            }
        }
    }
    out
}

fn describe(who: &Who) -> &'static str {
    match who {
        Who::Staff => "a member of staff on the school roster",
        Who::Pupil => "a pupil on the school roster",
        Who::Titled => "a person named by title",
        Who::Initials => "a person named by initials",
        Who::Role => "a person named by their role or relationship",
        Who::Group => "a class or year group",
        Who::Pronoun => "a person referred to as",
        Who::Addressee => "the person you are writing to, as",
    }
}

fn finding(cx: &Context<'_>, field: &TextField, op: &Opinion) -> Finding {
    let tokens = &field.tokens;
    let (first, last) = (op.sentence.0, op.sentence.1.saturating_sub(1));
    let excerpt = span(field, first, last).to_owned();
    let who_text = span(field, op.person.first, op.person.last).to_owned();
    let cue_text = span(field, op.cue.0, op.cue.1).to_owned();
    let mut reasons = vec![match &op.person.antecedent {
        Some(a) => format!("about \u{201c}{who_text}\u{201d}, carrying on from \u{201c}{a}\u{201d}"),
        None => format!("about {} \u{201c}{who_text}\u{201d}", describe(&op.person.who)),
    }];
    reasons.push(match op.kind {
        Cue::Judgement => format!("a judgement of them: \u{201c}{cue_text}\u{201d}"),
        Cue::DeniedStrength => {
            format!("a judgement of them, by denying a strength: \u{201c}{cue_text}\u{201d}")
        }
        Cue::Deed => format!("something said of them that judges them: \u{201c}{cue_text}\u{201d}"),
        Cue::Dislike => format!("dislike of them: \u{201c}{cue_text}\u{201d}"),
        Cue::Sarcasm => format!(
            "praise that reads as sarcasm: \u{201c}{cue_text}\u{201d} beside \u{201c}{}\u{201d}",
            op.marker.as_deref().unwrap_or_default()
        ),
    });
    if let Some((a, b)) = op.hedge {
        reasons.push(format!("offered as a personal view: \u{201c}{}\u{201d}", span(field, a, b)));
    }
    let public = cx.draft.channel.is_public();
    let message = if public {
        format!("This reads as a personal opinion about \u{201c}{who_text}\u{201d} (\u{201c}{cue_text}\u{201d}). Your school does not allow posting opinions about colleagues, pupils or parents, even on a personal account. Consider leaving it out.")
    } else {
        format!("This reads as a personal opinion about \u{201c}{who_text}\u{201d} (\u{201c}{cue_text}\u{201d}). Your school asks staff to write about colleagues, pupils and parents in a professional, factual way. Say what happened rather than what you think of them, or raise it in person.")
    };
    let (start, end) = match (tokens.get(first), tokens.get(last)) {
        (Some(a), Some(b)) if field.locatable => (Some(a.start), Some(b.end)),
        _ => (None, None),
    };
    Finding {
        rule: RuleId::OpinionAboutPerson,
        severity: if public { Severity::Block } else { Severity::Warn },
        field: field.field,
        name: None,
        start,
        end,
        excerpt,
        message,
        explanation: Evidence { reasons, clause: None },
        fix: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{check, draft_email, engine_for, social};
    use crate::{Channel, Draft, Engine, Field, Finding, RuleId, Severity};

    const ROSTER: &[(&str, &str)] = &[("Ruby", "Okonkwo"), ("Kacper", "Nowak")];

    /// `sarcasm_marker` passes over ASCII-only sentences without looking for emoji.
    #[test]
    fn sarcasm_emoji_are_outside_ascii() {
        assert!(super::w::SARCASM_EMOJI.iter().all(|c| !c.is_ascii()));
    }

    fn opinions_in(engine: &Engine, d: &Draft) -> Vec<Finding> {
        check(engine, d).findings.into_iter().filter(|f| f.rule == RuleId::OpinionAboutPerson).collect()
    }

    fn email(body: &str) -> Vec<Finding> {
        opinions_in(&engine_for(ROSTER), &draft_email("a.teacher@westbrook.sch.uk", "", body))
    }

    fn fires(body: &str) -> Finding {
        let f = email(body);
        assert_eq!(f.len(), 1, "expected one opinion in {body:?}, got {f:#?}");
        f.into_iter().next().unwrap()
    }

    fn quiet(body: &str) {
        let f = email(body);
        assert!(f.is_empty(), "expected no opinion in {body:?}, got {f:#?}");
    }

    #[test]
    fn clean_text_finds_nothing() {
        quiet("Please hand out the trip letters before period 3. Thanks!");
    }

    #[test]
    fn roster_names_staff_and_pupils() {
        let f = fires("Daniel Okafor is a complete waste of space.");
        assert!(
            f.explanation.reasons[0].contains("member of staff")
                && f.explanation.reasons[0].contains("Daniel Okafor")
        );
        assert!(f.explanation.reasons[1].contains("waste of space"), "{:?}", f.explanation.reasons);
        let f = fires("Honestly Ruby is lazy and rude.");
        assert!(f.explanation.reasons[0].contains("pupil"), "{:?}", f.explanation.reasons);
        assert!(f.explanation.reasons.iter().any(|r| r.contains("Honestly")));
    }

    #[test]
    fn titles_initials_and_idioms() {
        fires("Mrs Khan hasn't got a clue what she's doing.");
        fires("Mr H can't teach for toffee.");
        fires("J.T. in 8R is thick as two short planks.");
        fires("To be fair the new TA is a total liability.");
        fires("He's not the sharpest tool in the box.");
        fires("What a waste of space that man is.");
        fires("The head of maths is an absolute joke.");
    }

    #[test]
    fn a_name_before_a_role_is_its_owner() {
        let f = fires("Ruby's mum is a total nightmare.");
        assert!(f.explanation.reasons[0].contains("\u{201c}Ruby's mum\u{201d}"), "{:?}", f.explanation);
        quiet("That parent is always so difficult to get hold of.");
    }

    #[test]
    fn role_words() {
        for body in [
            "My colleague is useless.",
            "The head is a spineless coward.",
            "The deputy head is so arrogant.",
            "The SENCo is clueless.",
            "Our HoD can't organise anything.",
            "The supply teacher was a complete joke.",
            "His mum is a nightmare.",
            "Her dad is vile.",
            "That parent is a liar.",
            "This child is feral.",
            "My class are animals.",
            "Year 6 are the laziest bunch I've ever had.",
            "9X3 are so rude.",
            "My line manager is two-faced.",
        ] {
            fires(body);
        }
    }

    #[test]
    fn pronouns_carry_on_from_the_person() {
        let f = fires("I spoke to his mum on the phone today. She is completely unreasonable.");
        assert_eq!(f.excerpt, "She is completely unreasonable");
        assert!(
            f.explanation.reasons[0].contains("carrying on from \u{201c}his mum\u{201d}"),
            "{:?}",
            f.explanation
        );
        assert_eq!((f.start, f.end), (Some(39), Some(69)));
        fires("Can we talk about Daniel Okafor? I can't stand him.");
        fires("That class again. They are a nightmare.");
        // "They" without a group before it is not a person.
        quiet("The new laptops arrived. They are useless.");
    }

    #[test]
    fn hedges_are_explained() {
        let f = fires("Between you and me, the head is useless.");
        assert!(
            f.explanation.reasons.iter().any(|r| r.contains("Between you and me")),
            "{:?}",
            f.explanation
        );
    }

    #[test]
    fn deeds_and_dislike() {
        fires("We have a headteacher who bullies her staff.");
        fires("Mr Okafor takes all the credit.");
        fires("I've given up on that class.");
        quiet("I don't hate him, I just think we need a plan.");
    }

    #[test]
    fn a_judging_word_before_the_person() {
        fires("The useless TA lost the letters again.");
        fires("That lazy boy hasn't handed anything in.");
    }

    #[test]
    fn negation_is_understood() {
        quiet("She's not useless, she's overwhelmed.");
        quiet("He is never rude to staff.");
        quiet("The head is no fool.");
        let f = fires("Between us, he isn't very bright.");
        assert!(f.explanation.reasons[1].contains("denying a strength"), "{:?}", f.explanation);
        fires("The new deputy is not up to the job.");
    }

    #[test]
    fn factual_professional_description_does_not_fire() {
        quiet("J hit another pupil at lunch and was sent to the Hub.");
        quiet("Kacper was late three times this week.");
        quiet("He was rude to the cover teacher in P3, so he has a detention.");
        quiet("His mum rang at lunch to say he has been sleeping better.");
        quiet("He is struggling with fractions and needs more time.");
    }

    #[test]
    fn thanks_and_praise_do_not_fire() {
        quiet("Mrs Khan was brilliant at parents' evening.");
        quiet("The Year 7 choir were a joy to watch. You two make a brilliant team.");
        quiet("He is polite and helpful in form time.");
    }

    #[test]
    fn opinions_about_things_do_not_fire() {
        quiet("The new timetable is a nightmare.");
        quiet("The photocopier on the second floor is useless again.");
        quiet("Parents' evening is a nightmare this year.");
        quiet("Year 9 parents evening was a shambles.");
        quiet("My head is spinning after that meeting.");
        quiet("The class set of books is awful.");
        quiet("The policy that he wrote is awful.");
    }

    #[test]
    fn sarcasm_needs_a_marker() {
        let engine = engine_for(ROSTER);
        let f = opinions_in(&engine, &social("My line manager is such a genius \u{1F644}"));
        assert_eq!(f.len(), 1, "{f:#?}");
        assert!(f[0].explanation.reasons[1].contains("sarcasm"));
        assert!(
            opinions_in(&engine, &social("My line manager is a genius, she sorted it in minutes")).is_empty()
        );
    }

    #[test]
    fn severity_by_channel_and_field() {
        let engine = engine_for(ROSTER);
        let f = opinions_in(&engine, &draft_email("a@westbrook.sch.uk", "The head is useless", ""));
        assert_eq!((f[0].field, f[0].severity), (Field::Subject, Severity::Warn));
        let mut d = social("The head is useless");
        assert_eq!(opinions_in(&engine, &d)[0].severity, Severity::Block);
        d.channel = Channel::Chat;
        assert_eq!(opinions_in(&engine, &d)[0].severity, Severity::Block);
    }

    #[test]
    fn works_without_a_policy() {
        let d = draft_email("a@westbrook.sch.uk", "", "The SENCo is clueless.");
        assert_eq!(opinions_in(&Engine::without_policy(), &d).len(), 1);
    }
}
