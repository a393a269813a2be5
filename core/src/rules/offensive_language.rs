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
//! Cost: one pass over the characters (ASCII letters and spaces take a short path), the
//! words' folded forms written into one shared buffer; then per word a table test of its
//! first three letters, which rejects nearly every word of a message, and only for the
//! rest a binary search of the roots' forms. A word of plain letters skips the leet,
//! mask and repeated-letter readings, which cannot change it.

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
    /// Byte range, in the buffer [`words`] returns, of the folded form: masks as `*` and
    /// leet characters kept as written (see [`push_normalised`]).
    norm: (usize, usize),
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

/// Split a text into this rule's words, with the buffer holding their folded forms.
fn words(text: &str) -> (Vec<Word>, String) {
    let mut out: Vec<Word> = Vec::with_capacity(text.len() / 6 + 1);
    let mut current: Option<Word> = None;
    // Every word's folded form, one after another (each word keeps its range).
    let mut norm = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let (mut b, mut scalar) = (0usize, 0usize);
    while let Some(&first) = bytes.get(b) {
        let start_word = |c: char, norm: &String| Word {
            start: scalar,
            end: scalar,
            bytes: (b, b),
            norm: (norm.len(), norm.len()),
            capital_first: c.is_uppercase(),
            all_caps: true,
            lookalike: false,
            tight_after: false,
        };
        if first.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits, taken at once: what `push_normalised` does
            // to each of them, lower-cased into the buffer.
            let run =
                bytes.get(b..).unwrap_or_default().iter().take_while(|x| x.is_ascii_alphanumeric()).count();
            let piece = text.get(b..b + run).unwrap_or_default();
            let w = current.get_or_insert_with(|| start_word(char::from(first), &norm));
            if piece.bytes().any(|x| x.is_ascii_lowercase()) {
                w.all_caps = false;
            }
            let from = norm.len();
            norm.push_str(piece);
            if let Some(added) = norm.get_mut(from..) {
                added.make_ascii_lowercase();
            }
            w.end = scalar + run;
            w.bytes.1 = b + run;
            (b, scalar) = (b + run, scalar + run);
            continue;
        }
        let Some(c) = text.get(b..).and_then(|r| r.chars().next()) else { break };
        // ASCII outside letters, digits, masks, leet symbols and the apostrophe never
        // belongs to a word: decided without the tests below.
        let ascii_gap = c.is_ascii() && !matches!(c, '*' | '#' | '@' | '$' | '!' | '|' | '+' | '\'');
        let part_of_word = !ascii_gap && {
            let next = text.get(b + c.len_utf8()..).and_then(|r| r.chars().next());
            c.is_alphanumeric()
                || styled_letter(c).is_some()
                || is_mask(c)
                || (is_leet_symbol(c) && next.is_some_and(|n| n.is_alphanumeric() || is_mask(n)))
                || (is_leet_symbol(c) && current.is_some() && c != '!')
                || (current.is_some() && (is_invisible(c) || is_combining(c)))
                || (current.is_some() && is_apostrophe(c) && next.is_some_and(char::is_alphanumeric))
        };
        if part_of_word {
            let w = current.get_or_insert_with(|| start_word(c, &norm));
            push_normalised(c, w, &mut norm);
            w.end = scalar + 1;
            w.bytes.1 = b + c.len_utf8();
        } else if let Some(mut w) = current.take() {
            w.norm.1 = norm.len();
            out.push(w);
        }
        (b, scalar) = (b + c.len_utf8(), scalar + 1);
    }
    if let Some(mut w) = current.take() {
        w.norm.1 = norm.len();
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
    (out, norm)
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
    // every word of a message there are none, which one bit of a table tells.
    let Forms { list, starts } = forms();
    if let Some(bit) = letters_index(key) {
        if starts.get(bit / 64).is_none_or(|w| w & (1 << (bit % 64)) == 0) {
            return None;
        }
    }
    let from = list.partition_point(|f| f.key < key);
    list.get(from..)?.iter().take_while(|f| f.key == key).find_map(|f| {
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

/// Every entry's beginnings, sorted by key, and which keys of three lower-case letters
/// they begin with.
struct Forms {
    list: Vec<Form>,
    /// One bit per [`letters_index`].
    starts: Vec<u64>,
}

/// The place of three lower-case ASCII letters in `26 * 26 * 26`, if that is what they are.
fn letters_index(key: [u8; 3]) -> Option<usize> {
    key.iter().try_fold(0usize, |acc, &b| b.is_ascii_lowercase().then(|| acc * 26 + usize::from(b - b'a')))
}

/// Every entry's beginnings, built once.
fn forms() -> &'static Forms {
    static FORMS: OnceLock<Forms> = OnceLock::new();
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
        let mut starts = vec![0u64; (26 * 26 * 26usize).div_ceil(64)];
        for bit in forms.iter().filter_map(|f| letters_index(f.key)) {
            if let Some(w) = starts.get_mut(bit / 64) {
                *w |= 1 << (bit % 64);
            }
        }
        Forms { list: forms, starts }
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

fn has_run_of_three(bytes: &[u8]) -> bool {
    bytes.windows(3).any(|t| t.first() == t.get(1) && t.get(1) == t.get(2))
}

/// Runs of three or more of the same letter squeezed to `keep` (1 or 2) letters, if any.
fn squeeze(w: &str, keep: usize) -> Option<String> {
    if !has_run_of_three(w.as_bytes()) && w.is_ascii() {
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
    // Plain lower-case letters with no run of three: the readings below would all leave
    // the word as it is, so only the plain match can succeed.
    let bytes = norm.as_bytes();
    if bytes.iter().all(u8::is_ascii_lowercase) && !has_run_of_three(bytes) {
        return match_plain(norm).map(|e| (e, Disguise::default()));
    }
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
fn context_allows(e: &Entry, words: &[Word], norms: &[&str], i: usize, disguised: bool) -> bool {
    let prev = i.checked_sub(1).and_then(|k| norms.get(k)).copied();
    let next = norms.get(i + 1).copied();
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
    let mut buf = String::new();
    if plainly_clean(text, &mut buf) {
        return Vec::new();
    }
    read_all(text)
}

/// Whether a text certainly has no offensive word, decided in one pass over its bytes
/// without building its words (most messages are like this, and then cost little).
///
/// True only when the text is words of ASCII letters and digits (apostrophes inside them
/// are skipped, as [`push_normalised`] skips them) between plain separators, so that these
/// are exactly the words [`words`] would make; and when none of them matches, none is the
/// first word of a [`PAIRS`] entry and no three one-letter words come together (which a
/// spelt-out word needs). Anything else — a mask, a leet symbol touching a word, a
/// character outside ASCII other than common punctuation — leaves it to [`read_all`].
fn plainly_clean(text: &str, buf: &mut String) -> bool {
    let bytes = text.as_bytes();
    let mut norm = String::with_capacity(32);
    let mut singles = 0;
    // The open word: where it starts, and whether it is ASCII letters only so far.
    let mut open: Option<(usize, bool)> = None;
    let mut i = 0;
    let word_next = |at: usize| bytes.get(at).is_some_and(|&n| n.is_ascii_alphanumeric() || n >= 0x80);
    let mask_next = |at: usize| matches!(bytes.get(at), Some(b'*' | b'#'));
    let mut finish = |open: Option<(usize, bool)>, end: usize| {
        let Some((start, letters_only)) = open else { return true };
        let raw = bytes.get(start..end).unwrap_or_default();
        if letters_only {
            singles = if raw.len() == 1 { singles + 1 } else { 0 };
            if singles < 3
                && surely_no_form(raw)
                && !PAIRS.iter().any(|(first, _, _)| {
                    raw.len() == first.len() && raw.eq_ignore_ascii_case(first.as_bytes())
                })
            {
                return true;
            }
        }
        // Digits, an apostrophe or a possible root: the word as `words` folds it, matched
        // as the full reading matches it.
        norm.clear();
        norm.extend(
            raw.iter().filter(|b| b.is_ascii_alphanumeric()).map(|b| char::from(b.to_ascii_lowercase())),
        );
        if !letters_only {
            singles = if norm.len() == 1 { singles + 1 } else { 0 };
        }
        singles < 3 && !PAIRS.iter().any(|(first, _, _)| norm == *first) && match_word(&norm, buf).is_none()
    };
    while let Some(&x) = bytes.get(i) {
        if x.is_ascii_alphanumeric() {
            let start = i;
            let mut letters_only = true;
            while let Some(y) = bytes.get(i).filter(|y| y.is_ascii_alphanumeric()) {
                letters_only &= y.is_ascii_alphabetic();
                i += 1;
            }
            match &mut open {
                Some((_, open_letters_only)) => *open_letters_only &= letters_only,
                None => open = Some((start, letters_only)),
            }
            continue;
        }
        let mut len = 1;
        match x {
            b'*' | b'#' => return false,
            b'!' if word_next(i + 1) || mask_next(i + 1) => return false,
            b'@' | b'$' | b'|' | b'+' if open.is_some() || word_next(i + 1) || mask_next(i + 1) => {
                return false
            }
            b'\'' if open.is_some() && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                if let Some((_, letters_only)) = &mut open {
                    *letters_only = false;
                }
                i += 1;
                continue;
            }
            b'\'' if bytes.get(i + 1).is_some_and(|&n| n >= 0x80) => return false,
            0x80.. => {
                let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { return false };
                len = c.len_utf8();
                let apostrophe = matches!(c, '\u{2019}' | '\u{02BC}');
                if apostrophe && open.is_some() && bytes.get(i + len).is_some_and(u8::is_ascii_alphanumeric) {
                    // Inside the word, dropped from its folded form: the word's bytes are
                    // read again below, so it is marked as not plain.
                    if let Some((_, letters_only)) = &mut open {
                        *letters_only = false;
                    }
                    i += len;
                    continue;
                }
                // Punctuation and spaces that are never part of a word here.
                let plain_gap = matches!(
                    c,
                    '\u{00A0}'
                        | '\u{00A3}'
                        | '\u{2013}'
                        | '\u{2014}'
                        | '\u{2018}'
                        | '\u{201C}'
                        | '\u{201D}'
                        | '\u{2026}'
                );
                if !(plain_gap || apostrophe && bytes.get(i + len).is_none_or(|&n| n < 0x80)) {
                    return false;
                }
            }
            _ => {}
        }
        if !finish(open.take(), i) {
            return false;
        }
        i += len;
    }
    finish(open, bytes.len())
}

/// Whether a word of ASCII letters (any case) certainly matches no form: shorter than a
/// form's key, or its first three letters begin none, with no run of three letters that
/// squeezing could change.
fn surely_no_form(raw: &[u8]) -> bool {
    // ASCII letters only, so `| 0x20` is their lower case.
    let Some(&[a, b, c]) = raw.get(..3).and_then(|k| <&[u8; 3]>::try_from(k).ok()) else { return true };
    if letters_index([a | 0x20, b | 0x20, c | 0x20])
        .is_none_or(|bit| forms().starts.get(bit / 64).is_some_and(|w| w & (1 << (bit % 64)) != 0))
    {
        return false;
    }
    let (mut prev, mut run) = (0u8, 0);
    for &x in raw {
        let l = x | 0x20;
        run = if l == prev { run + 1 } else { 1 };
        if run == 3 {
            return false;
        }
        prev = l;
    }
    true
}

/// Every offensive word in a text, read word by word.
fn read_all(text: &str) -> Vec<Hit> {
    let (words, folded) = words(text);
    let norms: Vec<&str> = words.iter().map(|w| folded.get(w.norm.0..w.norm.1).unwrap_or_default()).collect();
    let one_letter = |k: usize| norms.get(k).is_some_and(|n| n.chars().count() == 1);
    let mut hits = Vec::new();
    let mut buf = String::new();
    let mut i = 0;
    while let (Some(w), Some(&norm)) = (words.get(i), norms.get(i)) {
        // Letters spelt out one at a time: join the run, take the longest piece that matches.
        if w.tight_after && one_letter(i) {
            let mut j = i;
            while words.get(j).is_some_and(|w| w.tight_after) && one_letter(j) {
                j += 1;
            }
            if one_letter(j) {
                j += 1; // the last letter of the run has no tight separator after it
            }
            if j - i >= 3 {
                if let Some((a, b, e)) = spelt_out(norms.get(i..j).unwrap_or_default(), &mut buf) {
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
        if let Some((e, mut d)) = match_word(norm, &mut buf) {
            d.lookalike = w.lookalike;
            let disguised = d.masked || d.leet || d.lookalike;
            if context_allows(e, &words, &norms, i, disguised) {
                hits.push(Hit {
                    start: w.start,
                    end: w.end,
                    bytes: w.bytes,
                    root: e.root,
                    kind: e.kind,
                    disguise: d,
                });
            }
        } else if let (Some(next), Some(&next_norm)) = (words.get(i + 1), norms.get(i + 1)) {
            if let Some(&(_, _, kind)) = PAIRS.iter().find(|(a, b, _)| norm == *a && next_norm == *b) {
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
fn spelt_out(run: &[&str], buf: &mut String) -> Option<(usize, usize, &'static Entry)> {
    let n = run.len().min(16);
    for len in (3..=n).rev() {
        for a in 0..=n - len {
            let joined: String = run.get(a..a + len).unwrap_or_default().concat();
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
    fn the_quick_pass_decides_only_what_the_full_reading_agrees_with() {
        let texts = [
            "Dear parents, the trip\u{2019}s on the 14th at 8.30am \u{2013} \u{a3}25 \u{201c}please\u{201d}\u{2026}",
            "Don't forget: parents' evening! Room 4, 9R + 9S, email j.smith@example.org",
            "Scunthorpe, Essex, assessment, cocktail, Dickens, shiitake, Arsenal, the nonce word",
            "he is such a dick",
            "Fucking ridiculous",
            "fuuuuck me",
            "s.h.i.t day",
            "a b c d",
            "what a window licker",
            "Sh1t week",
            "sh!t happens",
            "you b@stard",
            "what the f*ck",
            "absolute \u{0455}h\u{0456}t",
            "fu\u{200B}ck",
            "it\u{2019}s sh\u{2019}ite",
        ];
        let decided: Vec<usize> =
            (0..texts.len()).filter(|&i| super::plainly_clean(texts[i], &mut String::new())).collect();
        for &i in &decided {
            assert!(super::read_all(texts[i]).is_empty(), "{}", texts[i]);
        }
        // Ordinary text is decided by the quick pass alone; an address, a root in a context
        // that clears it ("the nonce word") and every disguise go on to the full reading.
        assert_eq!(decided, [0]);
        assert!(super::plainly_clean("Don't forget: parents' evening! Room 4, 9R + 9S.", &mut String::new()));
    }

    #[test]
    fn the_quick_pass_never_clears_what_the_full_reading_finds() {
        let pieces = [
            "shit",
            "Shit",
            "SHIT",
            "fuck",
            "fuuuck",
            "FFS",
            "wtf",
            "dick",
            "such",
            "a",
            "b",
            "c",
            "nonce",
            "word",
            "window",
            "licker",
            "Scunthorpe",
            "class",
            "the",
            "I",
            "'",
            "\u{2019}",
            "s",
            "don't",
            "!",
            "@",
            "+",
            "$",
            "*",
            "#",
            "1",
            "3",
            "sh1t",
            " ",
            " ",
            " ",
            ".",
            ",",
            "-",
            "\n",
            "\u{a0}",
            "\u{2013}",
            "\u{a3}",
            "\u{201c}",
            "\u{0455}",
            "\u{200b}",
            "\u{e9}",
            "tt",
            "ttt",
            "ss",
            "ass",
            "arse",
            "twat",
            "prick",
            "9R",
            "14th",
            "8.30am",
        ];
        let mut seed = 42u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize
        };
        let mut decided = 0;
        for _ in 0..20_000 {
            let text: String = (0..next() % 12).map(|_| pieces[next() % pieces.len()]).collect();
            if super::plainly_clean(&text, &mut String::new()) {
                decided += 1;
                assert!(super::read_all(&text).is_empty(), "{text:?}");
            }
        }
        assert!(decided > 2_000, "{decided}");
    }

    #[test]
    fn each_word_reported_once_and_bounded() {
        let many = "shit ".repeat(40);
        assert_eq!(findings("", &many).len(), 10);
    }
}
