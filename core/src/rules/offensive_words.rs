//! The word list behind `offensive-language`: written for sendwise (see `LEXICONS.md`).
//!
//! Each entry is a root with the forms it may take: a word matches when it is exactly
//! `prefix + root + suffix` for one of the entry's prefixes and suffixes. Whole-word forms,
//! never substrings, keep Scunthorpe, Essex, cocktail and assessment out. Roots that are
//! also ordinary words (dick, prick, nonce, slag) carry a context test.
//!
//! What is listed, following the tiers of Ofcom's research on offensive language on UK
//! broadcast (2016, 2021): the medium and strong swear words, sexual and abusive insults,
//! and discriminatory terms at every tier. The mild words (bloody, damn, hell, crap, bugger,
//! sod, arse, git) are left out: staff use them without meaning offence and a warning on
//! each would teach people to click past the dialog.

/// What sort of word an entry is, for the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Swearing.
    Swear,
    /// A sexual or abusive insult.
    Insult,
    /// A term that demeans people for their race, disability, sexuality or gender.
    Slur,
}

/// When a root that is also an ordinary word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Needs {
    /// Always.
    Nothing,
    /// Only used of a person: after "a", "such a", "total", "absolute" and the like.
    InsultFrame,
    /// Not when the next word is one of these ("slag heap", "nonce word").
    NotBefore(&'static [&'static str]),
    /// Not when the next word is one of the first list or the word before is one of the
    /// second ("nonce word", "for the nonce").
    NotAround(&'static [&'static str], &'static [&'static str]),
}

/// One root and its forms.
#[derive(Debug)]
pub(crate) struct Entry {
    pub root: &'static str,
    pub prefixes: &'static [&'static str],
    pub suffixes: &'static [&'static str],
    pub kind: Kind,
    pub needs: Needs,
}

/// Inflections only.
const INFLECT: &[&str] = &["", "s", "es", "ed", "er", "ers", "ing", "in", "ings", "y", "ier", "iest", "ies"];

/// Inflections and the compounds the strongest words form ("shitshow", "fuckwit").
const STRONG: &[&str] = &[
    "", "s", "es", "ed", "er", "ers", "ing", "in", "ings", "y", "ier", "iest", "ies", "ey", "e", "ty", "ter",
    "ters", "ting", "ted", "tier", "tiest", "head", "heads", "face", "faces", "wit", "wits", "witted",
    "hole", "holes", "bag", "bags", "show", "shows", "storm", "stain", "load", "loads", "ton", "tons",
    "tard", "tards", "stick", "sticks", "off", "nugget", "weasel", "hat", "house", "pot",
];

/// Words put before the strongest roots ("motherfucker", "bullshit").
const STRONG_PREFIXES: &[&str] =
    &["mother", "bull", "horse", "dip", "chicken", "dog", "ape", "cluster", "holy", "bat", "jack", "dumb"];

const PLAIN: &[&str] = &[""];
const PLURAL: &[&str] = &["", "s"];

macro_rules! entry {
    ($root:literal, $pre:expr, $suf:expr, $kind:ident) => {
        Entry { root: $root, prefixes: $pre, suffixes: $suf, kind: Kind::$kind, needs: Needs::Nothing }
    };
    ($root:literal, $pre:expr, $suf:expr, $kind:ident, $needs:expr) => {
        Entry { root: $root, prefixes: $pre, suffixes: $suf, kind: Kind::$kind, needs: $needs }
    };
}

/// Context words that make an ambiguous root an insult about a person.
pub(crate) const INSULT_FRAME: &[&str] = &[
    "a", "an", "such", "total", "absolute", "complete", "utter", "massive", "proper", "right", "little",
    "smug", "arrogant", "stupid", "useless", "big", "fat", "old", "being", "like", "what",
];

/// Every entry, grouped by root. Roots are folded, plain lower-case ASCII.
pub(crate) static ENTRIES: &[Entry] = &[
    // Swearing.
    entry!("fuck", STRONG_PREFIXES, STRONG, Swear),
    entry!("fuk", STRONG_PREFIXES, STRONG, Swear),
    entry!("fuq", PLAIN, STRONG, Swear),
    entry!("fck", STRONG_PREFIXES, STRONG, Swear),
    entry!("fcuk", PLAIN, INFLECT, Swear),
    entry!("phuck", PLAIN, STRONG, Swear),
    entry!("phuk", PLAIN, STRONG, Swear),
    entry!("fook", PLAIN, INFLECT, Swear),
    entry!("shit", STRONG_PREFIXES, STRONG, Swear),
    entry!("shyt", PLAIN, STRONG, Swear),
    entry!("cunt", PLAIN, STRONG, Swear),
    entry!(
        "piss",
        PLAIN,
        &["", "ed", "es", "er", "ers", "ing", "in", "y", "head", "heads", "take", "pot", "flaps"],
        Swear
    ),
    entry!("bollock", PLAIN, &["s", "ed", "ing", "ings", "sed"], Swear),
    entry!("bollox", PLAIN, PLAIN, Swear),
    entry!("arsehole", PLAIN, PLURAL, Swear),
    entry!("asshole", PLAIN, PLURAL, Swear),
    entry!("arsewipe", PLAIN, PLURAL, Swear),
    entry!("wtf", PLAIN, PLAIN, Swear),
    entry!("stfu", PLAIN, PLAIN, Swear),
    entry!("gtfo", PLAIN, PLAIN, Swear),
    entry!("ffs", PLAIN, PLAIN, Swear),
    entry!("omfg", PLAIN, PLAIN, Swear),
    // Sexual and abusive insults.
    entry!("twat", PLAIN, &["", "s", "ty", "ted", "ting", "face", "faces"], Insult),
    entry!("wank", PLAIN, &["", "s", "ed", "er", "ers", "ing", "in", "y", "ier", "iest", "stain"], Insult),
    entry!("bastard", PLAIN, &["", "s", "ry"], Insult),
    entry!("bitch", PLAIN, &["", "es", "y", "ing", "ed", "ier"], Insult),
    entry!("dickhead", PLAIN, PLURAL, Insult),
    entry!("dick", PLAIN, &["", "s"], Insult, Needs::InsultFrame),
    entry!("prick", PLAIN, &["", "s"], Insult, Needs::InsultFrame),
    entry!("knobhead", PLAIN, PLURAL, Insult),
    entry!("knobend", PLAIN, PLURAL, Insult),
    entry!("bellend", PLAIN, PLURAL, Insult),
    entry!("tosser", PLAIN, PLURAL, Insult),
    entry!("cocksucker", PLAIN, PLURAL, Insult),
    entry!("motherfucker", PLAIN, PLURAL, Swear),
    entry!("slut", PLAIN, &["", "s", "ty"], Insult),
    entry!("whore", PLAIN, PLURAL, Insult),
    entry!("skank", PLAIN, &["", "s", "y"], Insult),
    entry!("slapper", PLAIN, PLURAL, Insult),
    entry!("slag", PLAIN, PLURAL, Insult, Needs::NotBefore(&["heap", "heaps", "off", "wool"])),
    entry!(
        "nonce",
        PLAIN,
        PLURAL,
        Insult,
        Needs::NotAround(&["word", "words", "value", "values"], &["the", "cryptographic", "a"])
    ),
    // Discriminatory terms.
    entry!("retard", PLAIN, PLURAL, Slur, Needs::NotBefore(&["the", "its", "their", "growth", "progress"])),
    entry!("retarded", PLAIN, PLAIN, Slur, Needs::NotBefore(&["growth", "development", "flow"])),
    entry!("tard", PLAIN, PLURAL, Slur),
    entry!("spaz", PLAIN, &["", "zer", "zy", "ed", "zed", "zing"], Slur),
    entry!("spazz", PLAIN, &["", "er", "y", "ed", "ing"], Slur),
    entry!(
        "spastic",
        PLAIN,
        &["", "s"],
        Slur,
        Needs::NotBefore(&[
            "diplegia",
            "quadriplegia",
            "hemiplegia",
            "paraplegia",
            "cerebral",
            "paralysis",
            "muscle",
            "muscles",
            "gait",
            "colon",
            "bladder",
            "dysphonia",
            "type",
            "tetraplegia",
            "cp",
        ])
    ),
    entry!("mong", PLAIN, &["", "s", "oloid", "oloids"], Slur, Needs::NotBefore(&["kok"])),
    entry!("nigger", PLAIN, PLURAL, Slur),
    entry!("nigga", PLAIN, &["", "s", "z"], Slur),
    entry!("paki", PLAIN, PLURAL, Slur),
    entry!("pikey", PLAIN, PLURAL, Slur),
    entry!("gyppo", PLAIN, PLURAL, Slur),
    entry!("chinky", PLAIN, PLAIN, Slur),
    entry!("wog", PLAIN, PLURAL, Slur),
    entry!("coon", PLAIN, PLURAL, Slur),
    entry!("kike", PLAIN, PLURAL, Slur),
    entry!("towelhead", PLAIN, PLURAL, Slur),
    entry!("raghead", PLAIN, PLURAL, Slur),
    entry!("golliwog", PLAIN, PLURAL, Slur),
    entry!("darkie", PLAIN, PLURAL, Slur),
    entry!("faggot", PLAIN, PLURAL, Slur, Needs::NotBefore(&["and", "with", "in"])),
    entry!("poof", PLAIN, &["", "s", "ter", "ters"], Slur),
    entry!("tranny", PLAIN, PLAIN, Slur),
    entry!("trannies", PLAIN, PLAIN, Slur),
    entry!("shemale", PLAIN, PLURAL, Slur),
    entry!("lezza", PLAIN, PLURAL, Slur),
    entry!("lesbo", PLAIN, PLURAL, Slur),
    entry!("dyke", PLAIN, PLURAL, Slur, Needs::InsultFrame),
];

/// Two-word forms that are offensive together but not apart.
pub(crate) static PAIRS: &[(&str, &str, Kind)] =
    &[("window", "licker", Kind::Slur), ("window", "lickers", Kind::Slur)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_are_plain_lower_case_ascii() {
        for e in ENTRIES {
            assert!(e.root.bytes().all(|b| b.is_ascii_lowercase()), "{}", e.root);
            assert!(e.suffixes.iter().chain(e.prefixes).all(|s| s.bytes().all(|b| b.is_ascii_lowercase())));
        }
    }
}
