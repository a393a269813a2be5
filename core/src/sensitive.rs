//! The sensitive-data classifier shared by `sensitive-attachment` and `sensitive-content`:
//! identifiers with their check digits (UPN, NHS number, NI number), dates of birth, roster
//! names, sensitive categories (SEN, medical, safeguarding, looked-after, free school
//! meals, pupil premium, staff personal data) and MIS export column headers.
//!
//! Everything it reports is a count or a category: never the data itself.

use std::collections::{BTreeSet, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::bundle::{NameKind, NameSet};
use crate::text::{fold_str, tokenize, Gap, Shape, Token};

/// A kind of sensitive information.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[allow(missing_docs)]
pub enum Category {
    Sen,
    Medical,
    Safeguarding,
    LookedAfter,
    FreeSchoolMeals,
    PupilPremium,
    StaffPersonal,
    Behaviour,
}

impl Category {
    /// Plain words for messages.
    pub fn label(self) -> &'static str {
        match self {
            Category::Sen => "SEN",
            Category::Medical => "medical",
            Category::Safeguarding => "safeguarding",
            Category::LookedAfter => "looked-after",
            Category::FreeSchoolMeals => "free school meals",
            Category::PupilPremium => "pupil premium",
            Category::StaffPersonal => "staff personal (bank, salary or home address)",
            Category::Behaviour => "exclusion or behaviour",
        }
    }
}

/// Phrases (folded words) for each category. `true` = only when written in capitals
/// (short acronyms that are also everyday words: "SEND", "PP", "CP").
const TERMS: &[(&str, Category, bool)] = &[
    ("sen", Category::Sen, true),
    ("send", Category::Sen, true),
    ("sen support", Category::Sen, false),
    ("sen status", Category::Sen, false),
    ("ehcp", Category::Sen, false),
    ("ehc plan", Category::Sen, false),
    ("education health and care plan", Category::Sen, false),
    ("special educational needs", Category::Sen, false),
    ("primary need", Category::Sen, false),
    ("dyslexia", Category::Sen, false),
    ("dyslexic", Category::Sen, false),
    ("dyspraxia", Category::Sen, false),
    ("dyscalculia", Category::Sen, false),
    ("autism", Category::Sen, false),
    ("autistic", Category::Sen, false),
    ("asd", Category::Sen, true),
    ("adhd", Category::Sen, false),
    ("speech and language", Category::Sen, false),
    ("access arrangements", Category::Sen, false),
    ("medical", Category::Medical, false),
    ("medication", Category::Medical, false),
    ("medical conditions", Category::Medical, false),
    ("diabetes", Category::Medical, false),
    ("diabetic", Category::Medical, false),
    ("asthma", Category::Medical, false),
    ("asthmatic", Category::Medical, false),
    ("epilepsy", Category::Medical, false),
    ("epileptic", Category::Medical, false),
    ("seizure", Category::Medical, false),
    ("seizures", Category::Medical, false),
    ("anaphylaxis", Category::Medical, false),
    ("anaphylactic", Category::Medical, false),
    ("epipen", Category::Medical, false),
    ("auto injector", Category::Medical, false),
    ("allergy", Category::Medical, false),
    ("allergies", Category::Medical, false),
    ("allergic", Category::Medical, false),
    ("inhaler", Category::Medical, false),
    ("insulin", Category::Medical, false),
    ("diagnosis", Category::Medical, false),
    ("diagnosed", Category::Medical, false),
    ("mental health", Category::Medical, false),
    ("self harm", Category::Medical, false),
    ("eating disorder", Category::Medical, false),
    ("anxiety", Category::Medical, false),
    ("depression", Category::Medical, false),
    ("healthcare plan", Category::Medical, false),
    ("health care plan", Category::Medical, false),
    ("care plan", Category::Medical, false),
    ("nhs number", Category::Medical, false),
    ("hpv", Category::Medical, false),
    ("vaccination", Category::Medical, false),
    ("immunisation", Category::Medical, false),
    ("safeguarding", Category::Safeguarding, false),
    ("child protection", Category::Safeguarding, false),
    ("cp plan", Category::Safeguarding, false),
    ("child in need", Category::Safeguarding, false),
    ("section 47", Category::Safeguarding, false),
    ("social worker", Category::Safeguarding, false),
    ("social care", Category::Safeguarding, false),
    ("early help", Category::Safeguarding, false),
    ("domestic abuse", Category::Safeguarding, false),
    ("domestic violence", Category::Safeguarding, false),
    ("neglect", Category::Safeguarding, false),
    ("exploitation", Category::Safeguarding, false),
    ("disclosure", Category::Safeguarding, false),
    ("disclosed", Category::Safeguarding, false),
    ("mash", Category::Safeguarding, true),
    ("court order", Category::Safeguarding, false),
    ("non molestation", Category::Safeguarding, false),
    ("looked after", Category::LookedAfter, false),
    ("previously looked after", Category::LookedAfter, false),
    ("cla", Category::LookedAfter, true),
    ("lac", Category::LookedAfter, true),
    ("in care", Category::LookedAfter, false),
    ("foster", Category::LookedAfter, false),
    ("foster carer", Category::LookedAfter, false),
    ("virtual school", Category::LookedAfter, false),
    ("fsm", Category::FreeSchoolMeals, false),
    ("free school meals", Category::FreeSchoolMeals, false),
    ("pupil premium", Category::PupilPremium, false),
    ("pp", Category::PupilPremium, true),
    ("disadvantaged", Category::PupilPremium, false),
    ("ni number", Category::StaffPersonal, false),
    ("national insurance", Category::StaffPersonal, false),
    ("sort code", Category::StaffPersonal, false),
    ("account number", Category::StaffPersonal, false),
    ("account no", Category::StaffPersonal, false),
    ("bank details", Category::StaffPersonal, false),
    ("home address", Category::StaffPersonal, false),
    ("salary", Category::StaffPersonal, false),
    ("exclusion", Category::Behaviour, false),
    ("excluded", Category::Behaviour, false),
    ("suspension", Category::Behaviour, false),
    ("permanent exclusion", Category::Behaviour, false),
];

/// MIS export column headers (punctuation removed, lower case). `true` = strong: a column
/// of sensitive data, not just a name or a class.
const HEADERS: &[(&str, bool)] = &[
    ("upn", true),
    ("unique pupil number", true),
    ("legal forename", true),
    ("legal surname", true),
    ("preferred forename", true),
    ("preferred surname", true),
    ("reg group", true),
    ("registration group", true),
    ("sen status", true),
    ("sen", true),
    ("send", true),
    ("sen need", true),
    ("primary need", true),
    ("ehcp", true),
    ("fsm", true),
    ("fsm eligible", true),
    ("free school meals", true),
    ("pp", true),
    ("pupil premium", true),
    ("medical", true),
    ("medical conditions", true),
    ("medical notes", true),
    ("medication", true),
    ("condition", true),
    ("allergy", true),
    ("allergies", true),
    ("dietary", true),
    ("dob", true),
    ("date of birth", true),
    ("nhs number", true),
    ("nhs no", true),
    ("ni number", true),
    ("national insurance number", true),
    ("ethnicity", true),
    ("eal", true),
    ("looked after", true),
    ("cla", true),
    ("lac", true),
    ("child protection", true),
    ("cp", true),
    ("safeguarding", true),
    ("address", true),
    ("home address", true),
    ("primary contact", true),
    ("contact", true),
    ("parent", true),
    ("sort code", true),
    ("account no", true),
    ("account number", true),
    ("forename", false),
    ("first name", false),
    ("firstname", false),
    ("first", false),
    ("surname", false),
    ("last name", false),
    ("lastname", false),
    ("last", false),
    ("name", false),
    ("pupil", false),
    ("student", false),
    ("year", false),
    ("year group", false),
    ("nc year", false),
    ("reg", false),
    ("form", false),
    ("class", false),
    ("tutor group", false),
    ("gender", false),
    ("attendance", false),
];

/// What was found in a text, in counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signals {
    /// Distinct roster pupils named (forename and surname).
    pub pupil_names: usize,
    /// Distinct roster staff named.
    pub staff_names: usize,
    /// Valid UPNs (DfE check letter).
    pub upns: usize,
    /// Valid NHS numbers (modulus 11).
    pub nhs_numbers: usize,
    /// National Insurance numbers.
    pub ni_numbers: usize,
    /// Dates of birth (a date under a DOB column or after "DOB", "born").
    pub dates_of_birth: usize,
    /// Sensitive categories mentioned.
    pub categories: BTreeSet<Category>,
    /// MIS export column headers recognised (as the file spells them).
    pub columns: Vec<String>,
    /// Whether a header row names people (forename/surname/name) and has a strong column.
    pub person_table: bool,
    /// Number of data rows under the header row, if one was recognised.
    pub rows: usize,
}

impl Signals {
    /// Whether this is personal or sensitive data that must not leave unprotected.
    pub fn is_sensitive(&self) -> bool {
        let ids = self.upns + self.nhs_numbers + self.ni_numbers;
        ids > 0
            || (self.pupil_names > 0 && (!self.categories.is_empty() || self.dates_of_birth > 0))
            || self.pupil_names >= 5
            || (self.person_table && self.rows > 0)
            || (self.staff_names > 0 && self.categories.contains(&Category::StaffPersonal))
            || (self.dates_of_birth >= 2 && self.columns.iter().any(|c| is_name_header(c)))
    }

    /// "32 pupil names, 32 dates of birth, UPN column": counts and categories, never data.
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        let mut count = |n: usize, one: &str, many: &str| {
            if n > 0 {
                parts.push(format!("{n} {}", if n == 1 { one } else { many }));
            }
        };
        count(self.pupil_names, "pupil name", "pupil names");
        count(self.staff_names, "staff name", "staff names");
        count(self.upns, "UPN", "UPNs");
        count(self.nhs_numbers, "NHS number", "NHS numbers");
        count(self.ni_numbers, "National Insurance number", "National Insurance numbers");
        count(self.dates_of_birth, "date of birth", "dates of birth");
        if !self.categories.is_empty() {
            let cats: Vec<&str> = self.categories.iter().map(|c| c.label()).collect();
            parts.push(format!("{} information", join_and(&cats)));
        }
        let strong: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| header_kind(c) == Some(true))
            .map(String::as_str)
            .take(4)
            .collect();
        if !strong.is_empty() {
            parts.push(format!(
                "{} {}",
                join_and(&strong),
                if strong.len() == 1 { "column" } else { "columns" }
            ));
        }
        parts.join(", ")
    }
}

fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Normalise a header cell: lower case, punctuation as spaces, spaces collapsed.
fn norm_header(cell: &str) -> String {
    let folded = fold_str(cell);
    folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

fn header_kind(cell: &str) -> Option<bool> {
    let n = norm_header(cell);
    HEADERS.iter().find(|(h, _)| *h == n).map(|&(_, strong)| strong)
}

fn is_name_header(cell: &str) -> bool {
    let n = norm_header(cell);
    header_kind(cell) == Some(false) && (n.contains("name") || n == "first" || n == "last")
        || n.contains("forename")
        || n.contains("surname")
}

fn is_dob_header(cell: &str) -> bool {
    matches!(norm_header(cell).as_str(), "dob" | "date of birth" | "d o b" | "birth date" | "birthday")
}

/// Split a line into cells: tabs if it has any, else CSV commas (quotes respected).
fn cells(line: &str) -> Vec<String> {
    if line.contains('\t') {
        return line.split('\t').map(|c| c.trim().to_owned()).collect();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => out.push(std::mem::take(&mut cur).trim().to_owned()),
            _ => cur.push(c),
        }
    }
    out.push(cur.trim().to_owned());
    out
}

/// Classify a document's text (an attachment's).
pub(crate) fn classify(names: &NameSet, text: &str) -> Signals {
    let mut s = Signals::default();
    let tokens = tokenize(text);
    // Names.
    let (pupils, staff) = roster_names(names, text, &tokens, false);
    s.pupil_names = pupils.len();
    s.staff_names = staff;
    // Identifiers.
    let has_nhs_word = fold_str(text).contains("nhs");
    s.upns = find_upns(text).len();
    s.nhs_numbers = find_nhs(text, |_| has_nhs_word).len();
    s.ni_numbers = find_ni(text).len();
    // Categories.
    s.categories = categories(&tokens).into_iter().map(|(c, _, _)| c).collect();
    // Tables: header rows, DOB columns.
    let mut dob_col: Option<usize> = None;
    let mut header_seen = false;
    for line in text.lines().take(200_000) {
        let row = cells(line);
        if !header_seen {
            let known: Vec<(&String, bool)> =
                row.iter().filter_map(|c| header_kind(c).map(|k| (c, k))).collect();
            if known.len() >= 2 && known.len() * 2 >= row.iter().filter(|c| !c.is_empty()).count() {
                header_seen = true;
                s.person_table =
                    row.iter().any(|c| is_name_header(c)) && known.iter().any(|(_, strong)| *strong);
                for (c, _) in &known {
                    if !s.columns.iter().any(|x| x == *c) {
                        s.columns.push((*c).clone());
                    }
                }
                dob_col = row.iter().position(|c| is_dob_header(c));
                continue;
            }
        } else if row.iter().filter(|c| !c.is_empty()).count() >= 2 {
            s.rows += 1;
            if let Some(col) = dob_col {
                if row.get(col).is_some_and(|c| !find_dates(c).is_empty()) {
                    s.dates_of_birth += 1;
                }
            }
        }
    }
    if dob_col.is_none() {
        s.dates_of_birth = dobs_by_keyword(text).len();
    }
    s
}

/// Distinct roster pupils (by name key) and the number of staff named. `strict` (for
/// message text) asks names to be capitalised and on one line with no sentence break.
pub(crate) fn roster_names(
    names: &NameSet,
    text: &str,
    tokens: &[Token],
    strict: bool,
) -> (HashSet<String>, usize) {
    let mut pupils = HashSet::new();
    let mut staff = HashSet::new();
    if names.is_empty() {
        return (pupils, 0);
    }
    for (_, _, key, is_staff) in name_spans(names, text, tokens, strict) {
        if is_staff {
            staff.insert(key);
        } else {
            pupils.insert(key);
        }
    }
    (pupils, staff.len())
}

/// Name spans: (first token, last token, name key, whether a member of staff).
pub(crate) fn name_spans(
    names: &NameSet,
    text: &str,
    tokens: &[Token],
    strict: bool,
) -> Vec<(usize, usize, String, bool)> {
    let mut out = Vec::new();
    if names.is_empty() {
        return out;
    }
    let mut i = 0usize;
    'outer: while i < tokens.len() {
        for len in [3usize, 2] {
            let Some(span) = tokens.get(i..i + len) else { continue };
            let joined_ok = span.iter().skip(1).enumerate().all(|(k, t)| {
                let prev = span.get(k);
                let between = prev.and_then(|p| text.get(p.bytes.1..t.bytes.0)).unwrap_or("\n");
                // A document's table cells may land on separate lines (a PDF's text layer),
                // so attachments allow one line break; message text allows none.
                let breaks = between.matches('\n').count();
                if strict {
                    breaks == 0 && matches!(t.gap, Gap::Space | Gap::Hyphen | Gap::Comma)
                } else {
                    breaks <= 1 && between.chars().count() <= 8
                }
            });
            if !joined_ok || span.iter().any(|t| t.letters < 2) {
                continue;
            }
            if strict && !span.iter().all(|t| t.shape.is_capitalised()) {
                continue;
            }
            for split in 1..len {
                let (a, b) = span.split_at(split);
                let j = |ts: &[Token]| ts.iter().map(|t| t.norm.as_str()).collect::<Vec<_>>().join(" ");
                for key in [format!("{} {}", j(a), j(b)), format!("{} {}", j(b), j(a))] {
                    let staff = names.contains(NameKind::StaffFull, &key);
                    if staff || names.contains(NameKind::PupilFull, &key) {
                        out.push((i, i + len - 1, key, staff));
                        i += len;
                        continue 'outer;
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// The terms indexed by their first word, built once.
type TermIndex = crate::text::FastMap<&'static str, Vec<(Vec<&'static str>, Category, bool)>>;

fn term_index() -> &'static TermIndex {
    static INDEX: OnceLock<TermIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut m: TermIndex = TermIndex::default();
        for &(phrase, cat, upper) in TERMS {
            let words: Vec<&'static str> = phrase.split(' ').collect();
            if let Some(&first) = words.first() {
                m.entry(first).or_default().push((words, cat, upper));
            }
        }
        m
    })
}

/// Sensitive category mentions: (category, first token, last token).
pub(crate) fn categories(tokens: &[Token]) -> Vec<(Category, usize, usize)> {
    let index = term_index();
    let mut out = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        let Some(candidates) = index.get(t.norm.as_str()) else { continue };
        for (words, cat, upper) in candidates {
            let Some(span) = tokens.get(i..i + words.len()) else { continue };
            if span.iter().zip(words).all(|(t, w)| t.norm == *w)
                && (!upper || span.iter().all(|t| t.shape == Shape::Upper))
            {
                out.push((*cat, i, i + words.len() - 1));
            }
        }
    }
    out
}

/// Char ranges (byte offsets) of whole "words" of letters and digits, with separators
/// inside allowed by `joiner`.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

const UPN_LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// Whether a 13-character string is a UPN with a valid DfE check letter (permanent, or
/// temporary with a letter in the last place).
pub(crate) fn valid_upn(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 13 {
        return false;
    }
    let (Some(&check), Some(body)) = (b.first(), b.get(1..)) else { return false };
    let mut sum = 0u32;
    for (k, &c) in body.iter().enumerate() {
        let v = match c {
            b'0'..=b'9' => u32::from(c - b'0'),
            b'A'..=b'Z' if k == 11 => match UPN_LETTERS.iter().position(|&l| l == c) {
                Some(p) => p as u32,
                None => return false,
            },
            _ => return false,
        };
        sum += v * (k as u32 + 2);
    }
    UPN_LETTERS.get((sum % 23) as usize) == Some(&check)
}

/// Byte ranges of valid UPNs.
pub(crate) fn find_upns(text: &str) -> Vec<(usize, usize)> {
    words(text).into_iter().filter(|&(s, e)| text.get(s..e).is_some_and(valid_upn)).collect()
}

/// Whether ten digits pass the NHS number modulus 11 check.
pub(crate) fn valid_nhs(digits: &[u8]) -> bool {
    if digits.len() != 10 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 =
        digits.iter().take(9).enumerate().map(|(i, &d)| u32::from(d - b'0') * (10 - i as u32)).sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    digits.last().is_some_and(|&d| u32::from(d - b'0') == check)
        && !digits.windows(2).all(|w| w.first() == w.get(1))
}

/// Byte ranges of valid NHS numbers: "999 123 4567" (spaces or hyphens) always; ten digits
/// written together only where `context(start)` says an NHS number is expected.
pub(crate) fn find_nhs(text: &str, context: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let ws = words(text);
    let mut out = Vec::new();
    let mut i = 0usize;
    while let Some(&(s, e)) = ws.get(i) {
        let w = text.get(s..e).unwrap_or_default();
        if w.len() == 10 && valid_nhs(w.as_bytes()) && context(s) {
            out.push((s, e));
        } else if w.len() == 3 {
            if let (Some(&(s2, e2)), Some(&(s3, e3))) = (ws.get(i + 1), ws.get(i + 2)) {
                let sep_ok =
                    |a: usize, b: usize| text.get(a..b).is_some_and(|x| matches!(x, " " | "-" | "\u{a0}"));
                let digits = format!(
                    "{w}{}{}",
                    text.get(s2..e2).unwrap_or_default(),
                    text.get(s3..e3).unwrap_or_default()
                );
                if e2 - s2 == 3
                    && e3 - s3 == 4
                    && sep_ok(e, s2)
                    && sep_ok(e2, s3)
                    && valid_nhs(digits.as_bytes())
                {
                    out.push((s, e3));
                    i += 3;
                    continue;
                }
            }
        }
        i += 1;
    }
    out
}

/// Byte ranges of National Insurance numbers ("QQ 12 34 56 C", spaces optional).
pub(crate) fn find_ni(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    while i < bytes.len() {
        let boundary = i == 0 || bytes.get(i - 1).is_some_and(|b| !b.is_ascii_alphanumeric());
        if boundary {
            if let Some(end) = ni_at(bytes, i) {
                out.push((i, end));
                i = end;
                continue;
            }
        }
        i += 1;
    }
    out
}

fn ni_at(b: &[u8], at: usize) -> Option<usize> {
    let (p1, p2) = (*b.get(at)?, *b.get(at + 1)?);
    if !p1.is_ascii_uppercase()
        || !p2.is_ascii_uppercase()
        || b"DFIQUV".contains(&p1)
        || b"DFIOQUV".contains(&p2)
    {
        return None;
    }
    if [b"BG", b"GB", b"NK", b"KN", b"TN", b"NT", b"ZZ"].iter().any(|p| **p == [p1, p2]) {
        return None;
    }
    let mut i = at + 2;
    let mut digits = 0;
    while digits < 6 {
        match b.get(i) {
            Some(b' ') if digits % 2 == 0 => i += 1,
            Some(d) if d.is_ascii_digit() => {
                digits += 1;
                i += 1;
            }
            _ => return None,
        }
    }
    if b.get(i) == Some(&b' ') {
        i += 1;
    }
    let suffix = *b.get(i)?;
    if !matches!(suffix, b'A'..=b'D') || b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    Some(i + 1)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Byte ranges of dates (dd/mm/yyyy and similar, ISO, "14 March 2014") with a year a
/// person alive today could be born in.
pub(crate) fn find_dates(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let ws = words(text);
    let num = |r: (usize, usize)| text.get(r.0..r.1).and_then(|s| s.parse::<u32>().ok());
    let sep = |a: usize, b: usize| text.get(a..b).unwrap_or_default();
    let mut i = 0usize;
    while let Some(&w0) = ws.get(i) {
        let (Some(&w1), Some(&w2)) = (ws.get(i + 1), ws.get(i + 2)) else { break };
        let s1 = sep(w0.1, w1.0);
        let s2 = sep(w1.1, w2.0);
        let numeric = matches!(s1, "/" | "-" | ".") && s1 == s2;
        if numeric {
            if let (Some(a), Some(b), Some(c)) = (num(w0), num(w1), num(w2)) {
                let (d, m, y) = if w0.1 - w0.0 == 4 { (c, b, a) } else { (a, b, c) };
                let y = if w2.1 - w2.0 == 2 && w0.1 - w0.0 != 4 {
                    y + if y > 30 { 1900 } else { 2000 }
                } else {
                    y
                };
                if (1..=31).contains(&d) && (1..=12).contains(&m) && (1920..=2030).contains(&y) {
                    out.push((w0.0, w2.1));
                    i += 3;
                    continue;
                }
            }
        }
        // 14 March 2014, 14th Mar 2014
        let day = text
            .get(w0.0..w0.1)
            .map(|s| s.trim_end_matches(|c: char| c.is_ascii_alphabetic()))
            .and_then(|s| s.parse::<u32>().ok());
        let month = text.get(w1.0..w1.1).map(str::to_ascii_lowercase);
        let is_month =
            month.as_deref().is_some_and(|m| m.len() >= 3 && MONTHS.iter().any(|full| full.starts_with(m)));
        if let (Some(d), true, Some(y)) = (day, is_month, num(w2)) {
            if (1..=31).contains(&d)
                && (1920..=2030).contains(&y)
                && s1.trim().is_empty()
                && s2.trim().is_empty()
            {
                out.push((w0.0, w2.1));
                i += 3;
                continue;
            }
        }
        i += 1;
    }
    out
}

/// Dates that follow a date-of-birth word ("DOB", "date of birth", "born", "D.O.B.")
/// within a few characters.
pub(crate) fn dobs_by_keyword(text: &str) -> Vec<(usize, usize)> {
    let dates = find_dates(text);
    let mut prev_end = 0usize;
    dates
        .into_iter()
        .filter(|&(s, e)| {
            let mut from = s.saturating_sub(25).max(prev_end);
            prev_end = e;
            while !text.is_char_boundary(from) {
                from -= 1;
            }
            let before = fold_str(text.get(from..s).unwrap_or_default()).replace('.', "");
            before.contains("dob")
                || before.contains("date of birth")
                || before.contains("born")
                || before.contains("birthday")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upn_check_letters() {
        assert!(valid_upn("N845204118196"));
        assert!(valid_upn("R845211316120"));
        assert!(!valid_upn("A845204118196"));
        assert!(!valid_upn("N84520411819"));
        assert_eq!(find_upns("UPN: R845211316120.").len(), 1);
        assert!(find_upns("XR845211316120").is_empty());
    }

    #[test]
    fn nhs_numbers() {
        assert!(valid_nhs(b"9996720055"));
        assert!(!valid_nhs(b"9996720056"));
        assert_eq!(find_nhs("NHS number is 999 672 0055 and", |_| false).len(), 1);
        assert!(find_nhs("call 9996720055", |_| false).is_empty());
        assert_eq!(find_nhs("9996720055", |_| true).len(), 1);
        assert!(find_nhs("01632 960555", |_| true).is_empty());
    }

    #[test]
    fn ni_numbers() {
        assert_eq!(find_ni("NI: GW 45 12 31 B, NS908087A").len(), 2);
        assert!(find_ni("QQ 12 34 56 E").is_empty());
        assert!(find_ni("DA 12 34 56 A").is_empty());
    }

    #[test]
    fn dates_and_dobs() {
        assert_eq!(find_dates("29/12/2011, 2011-12-29, 14th March 2014, 3.4.09").len(), 4);
        assert!(find_dates("10/13/2011 and 1/2").is_empty());
        assert_eq!(dobs_by_keyword("Ishaan, DOB 14/03/2014, started 01/09/2025").len(), 1);
    }

    #[test]
    fn tables_and_summary() {
        let s = classify(
            &NameSet::default(),
            "Surname\tForename\tReg\tDate of Birth\tUPN\nA\tB\t8A\t07/07/2013\tH850390217283\n",
        );
        assert!(s.person_table);
        assert_eq!((s.upns, s.dates_of_birth, s.rows), (1, 1, 1));
        assert!(s.is_sensitive());
        assert_eq!(s.summary(), "1 UPN, 1 date of birth, Date of Birth and UPN columns");
        let clean = classify(&NameSet::default(), "Cover work\nRead pages 42-45 on coastal erosion.\n");
        assert!(!clean.is_sensitive(), "{clean:?}");
    }
}
