//! `offensive-language`: swearing, abusive insults and discriminatory terms, including
//! disguised spellings.
//!
//! The text is read in its own words here, not the shared tokens, because disguise lives in
//! the characters the tokeniser splits on: `f*ck`, `b@stard`, `sh!t`. Each word is folded
//! (case, accents, look-alike letters from other scripts, mathematical and circled letters),
//! digits and symbols that stand for letters are read as those letters, and masks (`*`, `#`)
//! stand for one hidden letter each. A word then matches a root of
//! [`offensive_words`](super::offensive_words) only as a whole word with one of the root's
//! own prefixes and suffixes, which is what keeps Scunthorpe, Sussex, cocktail, Dickens and
//! assessment clean. Letters spelt out with spaces or dots (`f u c k`) are joined, and runs of
//! three or more repeated letters (`fuuuck`) are squeezed, before matching.
//!
//! Cost: one pass over the characters, then per word a scan of about seventy roots by
//! `str::find`, allocation-free apart from one reused buffer per word.

use smol_str::SmolStr;
use std::sync::OnceLock;

use super::offensive_words::{Entry, Kind, Needs, ENTRIES, INSULT_FRAME, PAIRS};
use super::{Context, Rule, RuleId};
use crate::engine::TextField;
use crate::finding::{Evidence, Finding, Severity};
use crate::text::{fold_char, is_combining, is_invisible};

pub(crate) struct OffensiveLanguage;

/// The most findings one field raises: past this the dialog would only repeat itself.
const MAX_PER_FIELD: usize = 10;

impl Rule for OffensiveLanguage {
    fn id(&self) -> RuleId {
        RuleId::OffensiveLanguage
    }

    fn check(&self, cx: &Context<'_>, out: &mut Vec<Finding>) {
        for field in &cx.fields {
            for hit in scan(&field.text).iter().take(MAX_PER_FIELD) {
                out.push(finding(cx, field, hit));
            }
        }
    }
}

/// How a word was disguised, for the explanation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Disguise {
    masked: bool,
    leet: bool,
    lookalike: bool,
    spaced: bool,
    repeated: bool,
}

/// One word of the text as this rule reads it.
#[derive(Debug)]
struct Word {
    /// Scalar offsets in the field text.
    start: usize,
    end: usize,
    /// Byte offsets in the field text.
    bytes: (usize, usize),
    /// Folded, with masks as `*` and leet characters kept as written (see [`normalise`]).
    /// Inline for almost every word, so splitting a long text allocates once.
    norm: SmolStr,
    /// Whether any letter was written as a capital, and whether all were.
    capital_first: bool,
    all_caps: bool,
    lookalike: bool,
    /// The separator after this word is short and only spaces, dots, hyphens or underscores.
    tight_after: bool,
}

/// An offensive word found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Scalar offsets of the word (or spelt-out letters) in the text.
    pub start: usize,
    pub end: usize,
    /// Byte offsets.
    pub bytes: (usize, usize),
    /// The root it matched, for the explanation.
    pub root: &'static str,
    pub kind: Kind,
    disguise: Disguise,
}

fn is_mask(c: char) -> bool {
    matches!(c, '*' | '#' | '\u{2022}' | '\u{2217}')
}

/// Symbols that stand for letters inside a word.
fn is_leet_symbol(c: char) -> bool {
    matches!(c, '@' | '$' | '!' | '|' | '+' | '\u{20AC}')
}

/// Letters from the Mathematical Alphanumeric Symbols block (𝐟𝐮𝐜𝐤) and circled letters.
fn styled_letter(c: char) -> Option<char> {
    let u = u32::from(c);
    let offset = match u {
        0x1D400..=0x1D6A3 => (u - 0x1D400) % 52,
        0x24B6..=0x24CF => u - 0x24B6,
        0x24D0..=0x24E9 => u - 0x24D0 + 26,
        _ => return None,
    };
    char::from_u32(u32::from(b'a') + offset % 26)
}

/// Split a text into this rule's words.
fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<Word> = None;
    // The current word's folded form, built here and copied inline when the word ends.
    let mut norm = String::with_capacity(32);
    let mut scalar = 0usize;
    let mut iter = text.char_indices().peekable();
    while let Some((b, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let part_of_word = c.is_alphanumeric()
            || styled_letter(c).is_some()
            || is_mask(c)
            || (is_leet_symbol(c) && next.is_some_and(|n| n.is_alphanumeric() || is_mask(n)))
            || (is_leet_symbol(c) && current.is_some() && c != '!')
            || (current.is_some() && (is_invisible(c) || is_combining(c)))
            || (current.is_some() && is_apostrophe(c) && next.is_some_and(char::is_alphanumeric));
        if part_of_word {
            let w = current.get_or_insert_with(|| Word {
                start: scalar,
                end: scalar,
                bytes: (b, b),
                norm: SmolStr::default(),
                capital_first: c.is_uppercase(),
                all_caps: true,
                lookalike: false,
                tight_after: false,
            });
            push_normalised(c, w, &mut norm);
            w.end = scalar + 1;
            w.bytes.1 = b + c.len_utf8();
        } else if let Some(mut w) = current.take() {
            w.norm = SmolStr::new(&norm);
            norm.clear();
            out.push(w);
        }
        scalar += 1;
    }
    if let Some(mut w) = current.take() {
        w.norm = SmolStr::new(&norm);
        out.push(w);
    }
    // Mark words followed by a short, letter-spacing separator (for "f u c k", "s.h.i.t").
    for i in 0..out.len() {
        let (Some(a), Some(b)) = (out.get(i), out.get(i + 1)) else { continue };
        let sep = text.get(a.bytes.1..b.bytes.0).unwrap_or_default();
        let tight = !sep.is_empty()
            && sep.chars().count() <= 2
            && sep.chars().all(|c| matches!(c, ' ' | '.' | '-' | '_' | '\u{00A0}'));
        if let Some(a) = out.get_mut(i) {
            a.tight_after = tight;
        }
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

fn push_normalised(c: char, w: &mut Word, norm: &mut String) {
    if is_mask(c) {
        norm.push('*');
        return;
    }
    if is_apostrophe(c) {
        return;
    }
    if c.is_alphabetic() && !c.is_uppercase() {
        w.all_caps = false;
    }
    if let Some(l) = styled_letter(c) {
        w.lookalike = true;
        norm.push(l);
        return;
    }
    let before = norm.len();
    fold_char(c, norm);
    if !c.is_ascii()
        && norm.get(before..).is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase()))
    {
        w.lookalike = true;
    }
}

/// The leet reading of a character, `alt` choosing the second reading of 1, ! and |.
fn leet(c: char, alt: bool) -> Option<char> {
    Some(match c {
        '0' => 'o',
        '1' | '!' | '|' => {
            if alt {
                'l'
            } else {
                'i'
            }
        }
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        '8' => 'b',
        '9' => 'g',
        '\u{20AC}' => 'e',
        _ => return None,
    })
}

/// Fill `buf` with the word read as letters: leet characters replaced, masks kept as `*`.
/// Returns whether anything was replaced, or `None` if the word still has a digit or
/// symbol in it (a reference number, not a word).
fn read_letters(norm: &str, alt: bool, buf: &mut String) -> Option<bool> {
    buf.clear();
    let mut replaced = false;
    for c in norm.chars() {
        if c.is_ascii_lowercase() || c == '*' {
            buf.push(c);
        } else if let Some(l) = leet(c, alt) {
            buf.push(l);
            replaced = true;
        } else if c.is_alphabetic() {
            buf.push(c);
        } else {
            return None;
        }
    }
    Some(replaced)
}

/// The entry a whole word (no masks) is a form of.
fn match_plain(w: &str) -> Option<&'static Entry> {
    let key: [u8; 3] = w.as_bytes().get(..3)?.try_into().ok()?;
    // Only the forms that begin with the word's first three bytes are tried: for almost
    // every word of a message there are none, and the check is one binary search.
    let forms = forms();
    let from = forms.partition_point(|f| f.key < key);
    forms.get(from..)?.iter().take_while(|f| f.key == key).find_map(|f| {
        w.strip_prefix(f.prefix)
            .and_then(|rest| rest.strip_prefix(f.entry.root))
            .is_some_and(|suffix| f.entry.suffixes.contains(&suffix))
            .then_some(f.entry)
    })
}

/// One way a word can begin: a prefix ("" or one of the entry's) and the entry's root,
/// keyed by the first three bytes of the two together.
struct Form {
    key: [u8; 3],
    prefix: &'static str,
    entry: &'static Entry,
}

/// Every entry's beginnings, sorted by key, built once.
fn forms() -> &'static [Form] {
    static FORMS: OnceLock<Vec<Form>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms = Vec::new();
        for entry in ENTRIES {
            let prefixes =
                std::iter::once("").chain(entry.prefixes.iter().copied().filter(|p| !p.is_empty()));
            for prefix in prefixes {
                let start: Vec<u8> = prefix.bytes().chain(entry.root.bytes()).take(3).collect();
                if let Ok(key) = <[u8; 3]>::try_from(start.as_slice()) {
                    forms.push(Form { key, prefix, entry });
                }
            }
        }
        forms.sort_by_key(|f| f.key);
        forms
    })
}

/// The entry a masked word (`f*ck`, `f***ing`, `sh*tshow`) stands for: each mask hides
/// exactly one letter, and at least two letters must show (so a redacted name such as
/// `S****` is not read as a swear word), except for the common `f***`.
fn match_masked(w: &str) -> Option<&'static Entry> {
    let chars: Vec<char> = w.chars().collect();
    let shown = chars.iter().filter(|c| **c != '*').count();
    let f_word = chars.first() == Some(&'f') && shown == 1 && chars.len() == 4;
    if (shown < 2 && !f_word) || shown == chars.len() {
        return None;
    }
    let fits = |form: &[&str]| {
        let len: usize = form.iter().map(|s| s.len()).sum();
        len == chars.len()
            && form.iter().flat_map(|s| s.chars()).zip(&chars).all(|(a, &b)| b == '*' || a == b)
    };
    ENTRIES.iter().find(|e| {
        std::iter::once("")
            .chain(e.prefixes.iter().copied())
            .any(|p| e.suffixes.iter().any(|s| fits(&[p, e.root, s])))
    })
}

/// Runs of three or more of the same letter squeezed to `keep` (1 or 2) letters, if any.
fn squeeze(w: &str, keep: usize) -> Option<String> {
    if !w.as_bytes().windows(3).any(|t| t.first() == t.get(1) && t.get(1) == t.get(2)) && w.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(w.len());
    let mut changed = false;
    let chars: Vec<char> = w.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        let mut j = i;
        while chars.get(j) == Some(&c) {
            j += 1;
        }
        let run = j - i;
        let n = if run >= 3 && c.is_alphabetic() {
            changed = true;
            keep
        } else {
            run
        };
        for _ in 0..n {
            out.push(c);
        }
        i = j;
    }
    changed.then_some(out)
}

/// Match one word, trying both leet readings and squeezed repeats.
fn match_word(norm: &str, buf: &mut String) -> Option<(&'static Entry, Disguise)> {
    // `*word*` is emphasis, not a mask.
    let norm = if norm.starts_with('*') { norm.trim_matches('*') } else { norm };
    for alt in [false, true] {
        let replaced = read_letters(norm, alt, buf)?;
        if !buf.bytes().any(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let mut d = Disguise { leet: replaced, ..Disguise::default() };
        if buf.contains('*') {
            d.masked = true;
            if let Some(e) = match_masked(buf) {
                return Some((e, d));
            }
        } else if let Some(e) = match_plain(buf) {
            return Some((e, d));
        }
        d.repeated = true;
        for keep in [1, 2] {
            if let Some(sq) = squeeze(buf, keep) {
                let e = if sq.contains('*') { match_masked(&sq) } else { match_plain(&sq) };
                if let Some(e) = e {
                    return Some((e, d));
                }
            }
        }
        if !norm.contains(['1', '!', '|']) {
            break;
        }
    }
    None
}

/// Whether a root that is also an ordinary word counts where it stands.
fn context_allows(e: &Entry, words: &[Word], i: usize, disguised: bool) -> bool {
    let prev = i.checked_sub(1).and_then(|k| words.get(k)).map(|w| w.norm.as_str());
    let next = words.get(i + 1).map(|w| w.norm.as_str());
    match e.needs {
        Needs::Nothing => true,
        Needs::InsultFrame => {
            let w = words.get(i);
            let name_like = w.is_some_and(|w| w.capital_first && !w.all_caps);
            (disguised || !name_like) && prev.is_some_and(|p| INSULT_FRAME.contains(&p))
        }
        Needs::NotBefore(list) => !next.is_some_and(|n| list.contains(&n)),
        Needs::NotAround(after, before) => {
            !next.is_some_and(|n| after.contains(&n)) && !prev.is_some_and(|p| before.contains(&p))
        }
    }
}

/// Every offensive word in a text, in order.
pub(crate) fn scan(text: &str) -> Vec<Hit> {
    let words = words(text);
    let mut hits = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while let Some(w) = words.get(i) {
        // Letters spelt out one at a time: join the run, take the longest piece that matches.
        if w.norm.chars().count() == 1 && w.tight_after {
            let mut j = i;
            while words.get(j).is_some_and(|w| w.norm.chars().count() == 1 && w.tight_after) {
                j += 1;
            }
            if words.get(j).is_some_and(|w| w.norm.chars().count() == 1) {
                j += 1; // the last letter of the run has no tight separator after it
            }
            if j - i >= 3 {
                if let Some((a, b, e)) = spelt_out(words.get(i..j).unwrap_or_default(), &mut buf) {
                    let (Some(first), Some(last)) = (words.get(i + a), words.get(i + b - 1)) else { break };
                    hits.push(Hit {
                        start: first.start,
                        end: last.end,
                        bytes: (first.bytes.0, last.bytes.1),
                        root: e.root,
                        kind: e.kind,
                        disguise: Disguise { spaced: true, ..Disguise::default() },
                    });
                    i += b;
                    continue;
                }
            }
        }
        if let Some((e, mut d)) = match_word(&w.norm, &mut buf) {
            d.lookalike = w.lookalike;
            let disguised = d.masked || d.leet || d.lookalike;
            if context_allows(e, &words, i, disguised) {
                hits.push(Hit {
                    start: w.start,
                    end: w.end,
                    bytes: w.bytes,
                    root: e.root,
                    kind: e.kind,
                    disguise: d,
                });
            }
        } else if let Some(next) = words.get(i + 1) {
            if let Some(&(_, _, kind)) = PAIRS.iter().find(|(a, b, _)| w.norm == *a && next.norm == *b) {
                hits.push(Hit {
                    start: w.start,
                    end: next.end,
                    bytes: (w.bytes.0, next.bytes.1),
                    root: "",
                    kind,
                    disguise: Disguise::default(),
                });
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    hits
}

/// The longest piece (at least three letters) of a run of single letters that is an
/// offensive word: `(from, to, entry)` as indices into the run.
fn spelt_out(run: &[Word], buf: &mut String) -> Option<(usize, usize, &'static Entry)> {
    let n = run.len().min(16);
    for len in (3..=n).rev() {
        for a in 0..=n - len {
            let joined: String =
                run.get(a..a + len).unwrap_or_default().iter().map(|w| w.norm.as_str()).collect();
            if let Some((e, _)) = match_word(&joined, buf) {
                if e.needs == Needs::Nothing {
                    return Some((a, a + len, e));
                }
            }
        }
    }
    None
}

fn finding(cx: &Context<'_>, field: &TextField, hit: &Hit) -> Finding {
    let excerpt = field.text.get(hit.bytes.0..hit.bytes.1).unwrap_or_default().to_owned();
    let public = cx.draft.channel.is_public();
    let severity = if public { Severity::Block } else { Severity::Warn };
    let what = match hit.kind {
        Kind::Swear => "swearing",
        Kind::Insult => "an offensive insult",
        Kind::Slur => "a discriminatory term that demeans people",
    };
    let mut reasons = vec![match hit.kind {
        Kind::Swear => format!("swear word \u{201c}{excerpt}\u{201d}"),
        Kind::Insult => format!("abusive insult \u{201c}{excerpt}\u{201d}"),
        Kind::Slur => format!("discriminatory term \u{201c}{excerpt}\u{201d}"),
    }];
    let d = hit.disguise;
    for (on, words) in [
        (d.masked, "with symbols hiding some of its letters"),
        (d.leet, "with numbers or symbols standing for letters"),
        (d.lookalike, "with look-alike letters from another alphabet or style"),
        (d.spaced, "with its letters spaced apart"),
        (d.repeated, "with letters repeated"),
    ] {
        if on {
            reasons.push(format!("written {words}"));
        }
    }
    let place = if public {
        "Your school asks staff not to post swearing or offensive language, even on a personal account. Reword it or leave it out."
    } else {
        "Your school asks staff not to use swearing or offensive language in email, even between colleagues. Reword it before sending."
    };
    let message = if hit.kind == Kind::Slur {
        format!("\u{201c}{excerpt}\u{201d} is {what}. Discriminatory language is taken seriously wherever it is written. Please remove it.")
    } else {
        format!("\u{201c}{excerpt}\u{201d} is {what}. {place}")
    };
    let (start, end) = if field.locatable { (Some(hit.start), Some(hit.end)) } else { (None, None) };
    Finding {
        rule: RuleId::OffensiveLanguage,
        severity,
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
    use super::scan;
    use crate::testing::{check, draft_email, social};
    use crate::{Engine, Field, Finding, RuleId, Severity};

    fn found(text: &str) -> Vec<String> {
        scan(text).into_iter().map(|h| text[h.bytes.0..h.bytes.1].to_owned()).collect()
    }

    fn findings(subject: &str, body: &str) -> Vec<Finding> {
        let d = draft_email("a.teacher@westbrook.sch.uk", subject, body);
        check(&Engine::without_policy(), &d)
            .findings
            .into_iter()
            .filter(|f| f.rule == RuleId::OffensiveLanguage)
            .collect()
    }

    #[test]
    fn clean_text_finds_nothing() {
        assert!(found("Please hand out the trip letters before period 3.").is_empty());
        assert!(findings("Trip letters", "Thanks for sorting the coach.").is_empty());
    }

    #[test]
    fn plain_swearing_in_body_warns_with_location() {
        let f = findings("Minibus", "Flat tyre AGAIN. Fucking ridiculous.");
        assert_eq!(f.len(), 1, "{f:#?}");
        assert_eq!((f[0].field, f[0].severity), (Field::Body, Severity::Warn));
        assert_eq!((f[0].start, f[0].end, f[0].excerpt.as_str()), (Some(17), Some(24), "Fucking"));
        assert!(f[0].explanation.reasons[0].contains("swear word"), "{:?}", f[0].explanation);
    }

    #[test]
    fn subject_line_is_its_own_field() {
        let f = findings("Server down - what the f*ck", "Can you look?");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].field, Field::Subject);
        assert!(f[0].explanation.reasons.iter().any(|r| r.contains("symbols hiding")));
    }

    #[test]
    fn social_and_chat_block() {
        let r = check(&Engine::without_policy(), &social("Sh1t week. Roll on half term"));
        let f: Vec<_> = r.findings.iter().filter(|f| f.rule == RuleId::OffensiveLanguage).collect();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].severity, Severity::Block);
    }

    #[test]
    fn forms_and_compounds() {
        for w in [
            "fuck",
            "fucked",
            "fucking",
            "fuckin",
            "motherfucker",
            "clusterfuck",
            "shit",
            "shite",
            "shitty",
            "bullshit",
            "shitshow",
            "cunt",
            "twat",
            "wanker",
            "bastards",
            "bollocks",
            "pissed",
            "arsehole",
            "dickhead",
            "bellend",
            "tosser",
            "WTF",
            "ffs",
        ] {
            assert_eq!(found(&format!("well {w} then")), [w], "{w}");
        }
    }

    #[test]
    fn disguised_spellings() {
        for (text, word) in [
            ("what the f*ck", "f*ck"),
            ("a f***ing nightmare", "f***ing"),
            ("f*** off", "f***"),
            ("sh*tshow of a system", "sh*tshow"),
            ("Sh1t week", "Sh1t"),
            ("you b@stard", "b@stard"),
            ("sh!t happens", "sh!t"),
            ("$hit", "$hit"),
            ("useless w@nker", "w@nker"),
            ("fuuuuck me", "fuuuuck"),
            ("shiiiiit", "shiiiiit"),
            ("absolute \u{0455}h\u{0456}t", "\u{0455}h\u{0456}t"), // Cyrillic ѕ and і
            ("\u{1D41F}\u{1D42E}\u{1D41C}\u{1D424} this", "\u{1D41F}\u{1D42E}\u{1D41C}\u{1D424}"), // bold 𝐟𝐮𝐜𝐤
            ("fu\u{200B}ck", "fu\u{200B}ck"),
        ] {
            assert_eq!(found(text), [word], "{text}");
        }
    }

    #[test]
    fn spelt_out_letters() {
        assert_eq!(found("printer is f u c k e d again"), ["f u c k e d"]);
        assert_eq!(found("I f u c k i n g give up"), ["f u c k i n g"]);
        assert_eq!(found("s.h.i.t day"), ["s.h.i.t"]);
        assert_eq!(found("S-H-I-T"), ["S-H-I-T"]);
        // Initials and spelt-out words that are not offensive.
        assert!(found("J T and A S in 9H, P E kit, a b c d").is_empty());
    }

    #[test]
    fn discriminatory_terms() {
        assert_eq!(found("This system is so retarded"), ["retarded"]);
        assert_eq!(found("stop being a spaz"), ["spaz"]);
        let f = findings("", "what a window licker");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("discriminatory"));
    }

    #[test]
    fn scunthorpe_problem() {
        let text = "Scunthorpe, Essex, Sussex, Middlesex, assessment, class, classic, Dickens, cocktail, \
            cockpit, Cockermouth, Hancock, Peacock, therapist, analysis, analyst, shiitake, shitake, \
            Penistone, Arsenal, arsenic, assassin, passage, bass, scrap, Shitterton, mishit, Matsushita, \
            Clitheroe, swanky, Wankel, pricked, prickly, Dick Whittington, Moby Dick, spotted dick, \
            Philip K. Dick, a Dick Francis novel, knobbly, door knob, cocker spaniel, titles, Tittensor, \
            slag heap, nonce word, for the nonce, spastic diplegia, flame retardant, Mong Kok, Pakistan, \
            among, raccoon, Cockburn, Sexton, sextant, hell, damn, bloody, crap, bugger, sod it, arse, \
            can't be arsed, git, blue tits, grape, therapists, Bastardo";
        assert_eq!(found(text), Vec::<String>::new());
    }

    #[test]
    fn redactions_numbers_and_emphasis_are_not_words() {
        assert!(found("Pupil S**** in 9R, room C4, A27, 07700 900555, M845303214060").is_empty());
        assert!(found("**Important**: trip #3 is $25 per pupil!").is_empty());
        assert!(found("Email j.smith@example.org or call").is_empty());
    }

    #[test]
    fn insult_words_that_are_ordinary_words_need_a_frame() {
        assert_eq!(found("he is such a dick"), ["dick"]);
        assert_eq!(found("total prick"), ["prick"]);
        assert!(found("Dick Turpin and the spotted dick; the needle prick hurt").is_empty());
    }

    #[test]
    fn each_word_reported_once_and_bounded() {
        let many = "shit ".repeat(40);
        assert_eq!(findings("", &many).len(), 10);
    }
}
