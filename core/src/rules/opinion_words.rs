//! The word lists behind `opinion-about-person`, written for sendwise (see `LEXICONS.md`).
//!
//! Entries are folded words with apostrophes removed ("cant", "hasnt"), space-separated;
//! `a|b` offers alternatives for one word. Hyphenated words are two words ("two faced").
//! Phrase lists are [`Lex`]es, indexed on first use by their first word, so looking a
//! token up costs one hash lookup however long the list grows.

use crate::text::FastMap;
use std::sync::OnceLock;

/// A list of phrases with an index by first word.
pub(crate) struct Lex {
    /// This list's place in [`classes`]: bit `slot` for the first words of its phrases,
    /// bit `slot + 16` for their first words once "a" or "an" is dropped.
    slot: u32,
    entries: &'static [&'static str],
    index: OnceLock<Index>,
}

/// A phrase split once into its words, each with its alternatives.
pub(crate) type Phrase = Vec<Vec<&'static str>>;

fn split(phrase: &'static str) -> Phrase {
    phrase.split(' ').map(|word| word.split('|').collect()).collect()
}

#[derive(Default)]
struct Index {
    /// Phrases by each alternative of their first word.
    full: FastMap<&'static str, Vec<Phrase>>,
    /// Phrases that start with "a" or "an", without it, by their next word.
    bare: FastMap<&'static str, Vec<Phrase>>,
}

impl Lex {
    pub(crate) const fn new(slot: u32, entries: &'static [&'static str]) -> Lex {
        Lex { slot, entries, index: OnceLock::new() }
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut ix = Index::default();
            let add = |map: &mut FastMap<&'static str, Vec<Phrase>>, phrase: &'static str| {
                let words = split(phrase);
                for &alt in words.first().into_iter().flatten() {
                    map.entry(alt).or_default().push(words.clone());
                }
            };
            for &e in self.entries {
                add(&mut ix.full, e);
                if let Some(rest) = e.strip_prefix("a ").or_else(|| e.strip_prefix("an ")) {
                    add(&mut ix.bare, rest);
                }
            }
            ix
        })
    }

    /// Every phrase.
    #[cfg(test)]
    pub(crate) fn entries(&self) -> &'static [&'static str] {
        self.entries
    }

    /// The phrases whose first word can be `key`.
    pub(crate) fn starting(&self, key: &str) -> &[Phrase] {
        self.index().full.get(key).map_or(&[], Vec::as_slice)
    }

    /// The bit of [`classes`] set for the words some phrase of this list starts with.
    pub(crate) fn starts_bit(&self) -> u64 {
        1 << self.slot
    }

    /// The bit of [`classes`] set for the words some phrase starts with once its "a" or
    /// "an" is dropped.
    pub(crate) fn starts_bare_bit(&self) -> u64 {
        1 << (self.slot + 16)
    }

    /// The phrases that, without their "a" or "an", start with `key`.
    pub(crate) fn starting_bare(&self, key: &str) -> &[Phrase] {
        self.index().bare.get(key).map_or(&[], Vec::as_slice)
    }
}

/// Judgements of a person's competence, character, intelligence, appearance or worth that
/// count wherever they are said of a person ("is useless", "is a waste of space").
pub(crate) static STRONG: Lex = Lex::new(
    0,
    &[
        // Competence.
        "useless",
        "hopeless",
        "incompetent",
        "inept",
        "clueless",
        "pathetic",
        "a liability",
        "liability",
        "a total liability",
        "a dead loss",
        "dead weight",
        "deadwood",
        "dead wood",
        "a passenger",
        "a waste of space",
        "waste of space",
        "waste of oxygen",
        "waste of skin",
        "waste of a salary",
        "a waste of time",
        "worse than useless",
        "not fit to teach",
        "not fit to be a teacher",
        "not fit for the job",
        "out of his|her|their depth",
        "past it",
        "over the hill",
        "a joke",
        "a laughing stock",
        "a disgrace",
        "disgraceful",
        "a shambles",
        "a car crash",
        "a basket case",
        "a lost cause",
        "beyond help",
        "beyond hope",
        "a dinosaur",
        "a jobsworth",
        "a nightmare",
        "nightmare",
        "nightmares",
        "the worst",
        "worst",
        "a write off",
        "unemployable",
        "unprofessional",
        "a clown",
        "clowns",
        "a muppet",
        "muppet",
        "muppets",
        "a numpty",
        "numpty",
        "a plonker",
        "a prat",
        "a pillock",
        "a twit",
        "a div",
        "a wally",
        "a melt",
        "all mouth",
        "all talk",
        "all mouth and no trousers",
        "full of himself|herself|themselves",
        "full of it",
        "full of hot air",
        // Intelligence.
        "thick",
        "thick as two short planks",
        "thick as mince",
        "as thick as",
        "dim",
        "dense",
        "dumb",
        "as dumb as",
        "stupid",
        "stupidest",
        "brainless",
        "gormless",
        "dopey",
        "dozy",
        "moronic",
        "idiotic",
        "an idiot",
        "idiot",
        "idiots",
        "a moron",
        "moron",
        "morons",
        "an imbecile",
        "a cretin",
        "thick as",
        "not the sharpest tool",
        "not the sharpest knife",
        "not the brightest",
        "not the brightest spark",
        "a few sandwiches short",
        "one sandwich short",
        "a brick short",
        "away with the fairies",
        "not all there",
        "two sandwiches short",
        "thicker than",
        "dumber than",
        // Character.
        "lazy",
        "lazier",
        "laziest",
        "bone idle",
        "idle",
        "feckless",
        "spineless",
        "gutless",
        "cowardly",
        "a coward",
        "coward",
        "cowards",
        "two faced",
        "manipulative",
        "sly",
        "sneaky",
        "devious",
        "snide",
        "spiteful",
        "vindictive",
        "malicious",
        "nasty",
        "nastiest",
        "a nasty piece of work",
        "a piece of work",
        "vile",
        "horrible",
        "hateful",
        "obnoxious",
        "insufferable",
        "unbearable",
        "intolerable",
        "arrogant",
        "smug",
        "condescending",
        "patronising",
        "patronizing",
        "pompous",
        "self important",
        "selfish",
        "entitled",
        "spoilt",
        "spoiled",
        "feral",
        "unreasonable",
        "irrational",
        "hysterical",
        "neurotic",
        "unhinged",
        "deranged",
        "a psycho",
        "psycho",
        "a nutter",
        "a nutcase",
        "toxic",
        "poisonous",
        "creepy",
        "a creep",
        "a perv",
        "a pervert",
        "a bully",
        "bullies",
        "a liar",
        "liar",
        "liars",
        "a compulsive liar",
        "a fraud",
        "a fake",
        "a hypocrite",
        "hypocritical",
        "dishonest",
        "deceitful",
        "untrustworthy",
        "a snake",
        "snakes",
        "a rat",
        "a weasel",
        "a loser",
        "losers",
        "a snob",
        "a brat",
        "brats",
        "spoilt brats",
        "a slob",
        "a thug",
        "thugs",
        "animals",
        "vermin",
        "scum",
        "a scumbag",
        "scumbags",
        "lowlife",
        "a lowlife",
        "a cow",
        "a witch",
        "a dragon",
        "a battleaxe",
        "a harpy",
        "a control freak",
        "a drama queen",
        "a know it all",
        "a bigot",
        "a racist",
        "racist",
        "sexist",
        "bigoted",
        "childish",
        "pig headed",
        "bloody minded",
        "awful",
        "appalling",
        "dreadful",
        "terrible",
        "atrocious",
        "abysmal",
        "shocking",
        "embarrassing",
        "an embarrassment",
        "a pain in the neck|arse|backside|bum|bottom",
        // Appearance.
        "ugly",
        "hideous",
        "fat",
        "obese",
        "smelly",
        "minging",
        "gross",
        "disgusting",
        "repulsive",
        "revolting",
    ],
);

/// Words that are a judgement only when they describe the person in general (present
/// tense, or said with "so", "such", "really", a hedge such as "honestly", or beside a
/// stronger judgement): "he was rude to the supply teacher in P3" is a factual account of
/// what happened and does not fire.
pub(crate) static WEAK: Lex = Lex::new(
    1,
    &[
        "rude",
        "rudest",
        "annoying",
        "irritating",
        "moody",
        "grumpy",
        "stroppy",
        "mardy",
        "a handful",
        "hard work",
        "a pain",
        "disrespectful",
        "immature",
        "weird",
        "odd",
        "aggressive",
        "defiant",
        "unkind",
        "mean",
        "bad",
        "weak",
        "a problem",
        "trouble",
        "a nuisance",
        "loud",
        "clingy",
        "needy",
        "demanding",
        "precious",
        "unpleasant",
        "miserable",
        "bitter",
    ],
);

/// Positive traits that become a judgement when denied ("isn't very bright").
pub(crate) static POSITIVE_TRAITS: Lex = Lex::new(
    2,
    &[
        "bright",
        "clever",
        "smart",
        "competent",
        "capable",
        "professional",
        "reliable",
        "trustworthy",
        "honest",
        "fit to teach",
        "up to the job",
        "up to it",
        "cut out for",
        "a team player",
        "pulling his|her|their weight",
        "good at his|her|their job",
        "very good at his|her|their job",
        "a good teacher",
        "a good head",
        "a good manager",
        "a good parent",
        "any good",
        "much good",
        "much of a teacher",
        "much use",
        "any use",
        "the sharpest",
        "the brightest",
        "all there",
    ],
);

/// Praise that reads as sarcasm beside a marker such as 🙄 ("such a genius 🙄").
pub(crate) static PRAISE: Lex = Lex::new(
    3,
    &[
        "genius",
        "a genius",
        "hero",
        "a hero",
        "legend",
        "a legend",
        "a star",
        "marvellous",
        "brilliant",
        "wonderful",
        "helpful",
        "so helpful",
        "supportive",
        "great",
        "fantastic",
        "amazing",
        "inspirational",
        "visionary",
        "a delight",
        "a joy",
        "a treat",
        "a gem",
        "an angel",
        "a saint",
        "a charmer",
        "a real charmer",
        "a ray of sunshine",
        "lovely",
        "a pleasure",
        "on the ball",
    ],
);

/// Sarcasm markers: emoji and phrases.
pub(crate) const SARCASM_EMOJI: &[char] =
    &['\u{1F644}', '\u{1F643}', '\u{1F612}', '\u{1F921}', '\u{1F926}', '\u{1F611}', '\u{1F60F}'];
pub(crate) const SARCASM_PHRASES: &[&str] = &[
    "yeah right",
    "said no one ever",
    "said nobody ever",
    "not",
    "as if",
    "/s",
    "i dont think",
    "cheers for that",
];

/// [`SARCASM_PHRASES`] indexed by first word (`not` is handled on its own: only shouted).
pub(crate) static SARCASM: Lex = Lex::new(4, SARCASM_PHRASES);

/// What a person does that judges them, said with the person as subject
/// ("can't teach", "hasn't got a clue", "bullies her staff").
pub(crate) static VERB_PHRASES: Lex = Lex::new(
    5,
    &[
        "cant teach",
        "cannot teach",
        "couldnt teach",
        "cant control",
        "cannot control",
        "couldnt control",
        "cant manage",
        "couldnt manage",
        "cant organise",
        "couldnt organise",
        "couldnt run",
        "cant do his|her|their job",
        "cant do the job",
        "couldnt do the job",
        "cant string a sentence",
        "cant spell",
        "hasnt got a clue",
        "havent got a clue",
        "hasnt a clue",
        "havent a clue",
        "has no clue",
        "have no clue",
        "doesnt have a clue",
        "dont have a clue",
        "hasnt got the foggiest",
        "has no idea what",
        "have no idea what",
        "hasnt got any idea",
        "doesnt know what he|she|they",
        "dont know what they",
        "knows nothing",
        "know nothing",
        "doesnt know his|her|their arse",
        "doesnt pull his|her|their weight",
        "dont pull their weight",
        "never pulls his|her|their weight",
        "never pull their weight",
        "does nothing",
        "do nothing",
        "does sod all",
        "does bugger all",
        "does naff all",
        "does fuck all",
        "does f all",
        "does jack",
        "does zero",
        "bullies",
        "bully",
        "lies",
        "lies through",
        "backstabs",
        "backstab",
        "stabs people|you|me|us|staff in the back",
        "stab people|you|me|us in the back",
        "stitches you|people|me|us|staff up",
        "stitch you|people|me|us|staff up",
        "throws you|people|me|us|staff under the bus",
        "throw you|people|me|us|staff under the bus",
        "takes the credit",
        "takes all the credit",
        "take the credit",
        "sucks up",
        "brown noses",
        "crawls to",
        "gets away with murder",
        "shouldnt be teaching",
        "should not be teaching",
        "shouldnt be allowed near",
        "shouldnt be in the job",
        "should be sacked",
        "needs sacking",
        "wants sacking",
        "needs to retire",
        "should retire",
        "should have retired",
        "drives me mad|crazy|insane|nuts|potty|round the bend|up the wall",
        "does my head in",
        "winds me up",
        "winds everyone up",
        "gets on my nerves",
        "gets on my tits",
        "get on my nerves",
        "makes my skin crawl",
        "gives me the creeps",
        "makes me sick",
        "pisses me off",
        "hides in his|her|their office",
        "couldnt care less",
        "talks rubbish",
        "talks crap",
        "talks shit",
        "talks out of his|her|their arse",
        "has no backbone",
        "has no spine",
        "has the brains of",
        "has the personality of",
        "has the charisma of",
        "has lost the plot",
        "lost the plot",
        "is losing the plot",
        "has a screw loose",
        "has it in for",
        "rubs everyone up the wrong way",
        "thinks he|she|they knows it all",
        "thinks he|she|hes|shes gods|god gift",
        "thinks hes|shes better than",
        "thinks the world revolves",
        "thinks he|she is gods|god gift",
        "needs a slap",
        "needs a kick up the backside|arse",
        "is all talk",
        "is full of",
        "is out of his|her|their depth",
    ],
);

/// Verbs of dislike with the person as object ("I can't stand him", "sick of that class").
pub(crate) static OBJECT_PHRASES: Lex = Lex::new(
    6,
    &[
        "cant stand",
        "cannot stand",
        "cant bear",
        "cannot bear",
        "hate",
        "loathe",
        "despise",
        "detest",
        "sick of",
        "sick to death of",
        "fed up with",
        "fed up of",
        "had enough of",
        "given up on",
        "give up on",
        "gave up on",
        "wouldnt trust",
        "dont trust",
        "cant trust",
        "never trust",
        "wasting any more energy on",
        "wasting any more time on",
        "wasting my breath on",
        "waste my breath on",
        "waste any more time on",
        "waste any more energy on",
        "pity",
        "feel sorry for anyone who works with",
        "keep away from",
        "steer clear of",
        "avoid",
    ],
);

/// "Between you and me", "honestly": hedges that mark a personal view.
pub(crate) static HEDGES: Lex = Lex::new(
    7,
    &[
        "between you and me",
        "honestly",
        "to be honest",
        "tbh",
        "tbf",
        "frankly",
        "quite frankly",
        "if im honest",
        "off the record",
        "dont tell anyone",
        "dont repeat this",
        "entre nous",
        "just saying",
        "no offence",
        "in my opinion",
        "imo",
        "imho",
        "personally",
    ],
);

/// Words between a copula and the judgement that keep the predicate going.
pub(crate) const FILLERS: &[&str] = &[
    "a",
    "an",
    "the",
    "so",
    "such",
    "really",
    "very",
    "completely",
    "totally",
    "utterly",
    "absolutely",
    "incredibly",
    "unbelievably",
    "ridiculously",
    "seriously",
    "properly",
    "bloody",
    "fucking",
    "genuinely",
    "literally",
    "honestly",
    "frankly",
    "truly",
    "always",
    "just",
    "quite",
    "pretty",
    "complete",
    "total",
    "utter",
    "absolute",
    "massive",
    "right",
    "proper",
    "real",
    "bit",
    "of",
    "little",
    "most",
    "biggest",
    "and",
    "also",
    "too",
    "being",
    "becoming",
    "getting",
    "one",
    "such",
    "tbh",
    "clearly",
    "obviously",
    "simply",
    "actually",
    "basically",
    "now",
    "still",
    "constantly",
    "increasingly",
    "rather",
    "bit",
    "extremely",
    "mind",
    "numbingly",
    "hopelessly",
    "frankly",
    "entirely",
    "thoroughly",
    "downright",
    "plain",
    "sheer",
    "bone",
    "like",
    "kind",
    "sort",
    "bleeding",
    "flipping",
    "flaming",
    "effing",
    "damn",
    "damned",
    "lazy",
    "well",
    "deeply",
];

/// Words that say "so, such, really": they make a weak judgement count.
pub(crate) const INTENSIFIERS: &[&str] = &[
    "so",
    "such",
    "really",
    "very",
    "completely",
    "totally",
    "utterly",
    "absolutely",
    "incredibly",
    "unbelievably",
    "ridiculously",
    "properly",
    "bloody",
    "fucking",
    "genuinely",
    "literally",
    "always",
    "constantly",
    "extremely",
    "downright",
    "thoroughly",
    "most",
    "complete",
    "total",
    "utter",
    "absolute",
    "massive",
    "right",
    "proper",
    "real",
    "sheer",
];

/// Negators inside a predicate ("she's not useless", "he is never rude").
pub(crate) const NEGATORS: &[&str] = &["not", "never", "no", "hardly", "nt", "neither", "nor", "barely"];

/// Present-tense copulas: a weak judgement after one describes the person in general.
pub(crate) const COPULAS_PRESENT: &[&str] =
    &["is", "are", "am", "seems", "seem", "looks", "look", "sounds", "remains", "theyre", "youre", "be"];
/// Past and perfect copulas.
pub(crate) const COPULAS_PAST: &[&str] =
    &["was", "were", "been", "became", "becomes", "become", "seemed", "looked", "sounded"];
/// Denied copulas.
pub(crate) const COPULAS_NEGATED: &[&str] =
    &["isnt", "arent", "wasnt", "werent", "aint", "isn", "aren", "wasn", "weren", "cant", "wont", "doesnt"];

/// Words that may stand between a person and what they are or do ("J in 8R is",
/// "she honestly can't teach", "a head who bullies").
pub(crate) const SUBJECT_GAP: &[&str] = &[
    "just",
    "really",
    "honestly",
    "frankly",
    "literally",
    "genuinely",
    "clearly",
    "obviously",
    "simply",
    "actually",
    "definitely",
    "seriously",
    "basically",
    "also",
    "now",
    "then",
    "again",
    "still",
    "always",
    "totally",
    "completely",
    "absolutely",
    "so",
    "tbh",
    "who",
    "that",
    "truly",
    "sometimes",
    "often",
    "usually",
    "constantly",
    "can",
    "could",
    "will",
    "would",
    "must",
    "might",
    "may",
    "should",
    "has",
    "have",
    "had",
    "does",
    "do",
    "did",
    "himself",
    "herself",
    "themselves",
    "too",
    "as",
    "well",
    "though",
    "mind",
    "apparently",
    "certainly",
    "probably",
    "evidently",
];

/// Prepositions that may start a short phrase between a person and the verb ("J in 8R is").
pub(crate) const SUBJECT_PREPOSITIONS: &[&str] = &["in", "from", "at", "on", "of", "with"];

/// Words that end a predicate or subject phrase.
pub(crate) const BREAKERS: &[&str] = &[
    "to",
    "for",
    "about",
    "by",
    "into",
    "onto",
    "because",
    "but",
    "when",
    "if",
    "unless",
    "which",
    "who",
    "whose",
    "that",
    "than",
    "then",
    "while",
    "whilst",
    "although",
    "though",
    "since",
    "as",
    "he",
    "she",
    "it",
    "they",
    "i",
    "we",
    "you",
    "me",
    "him",
    "them",
    "us",
    "having",
    "doing",
    "dealing",
    "going",
    "coming",
    "making",
    "taking",
    "trying",
    "working",
    "sleeping",
    "playing",
    "looking",
    "feeling",
    "saying",
    "telling",
    "asking",
    "running",
    "teaching",
    "covering",
    "with",
    "at",
    "in",
    "on",
    "from",
    "after",
    "before",
    "during",
    "until",
    "today",
    "yesterday",
    "tomorrow",
    "this",
    "these",
    "those",
    "there",
    "here",
    "what",
    "where",
    "how",
    "why",
    "whether",
    "or",
    "whilst",
    "apart",
    "except",
    "has",
    "have",
    "had",
    "will",
    "would",
    "could",
    "should",
];

/// Determiners that make a general noun point at someone ("the man", "that class").
pub(crate) const DETERMINERS: &[&str] = &[
    "the", "that", "this", "these", "those", "my", "our", "his", "her", "their", "your", "new", "same",
    "said",
];

/// Nouns that name a role on their own: "the SENCo", "my colleague", "his mum".
pub(crate) static ROLES: Lex = Lex::new(
    8,
    &[
        "senco",
        "sendco",
        "hod",
        "hoy",
        "ta",
        "hlta",
        "lsa",
        "headteacher",
        "headteachers",
        "head teacher",
        "headmaster",
        "headmistress",
        "deputy head",
        "deputy headteacher",
        "assistant head",
        "executive head",
        "exec head",
        "line manager",
        "colleague",
        "colleagues",
        "co worker",
        "coworker",
        "workmate",
        "supply teacher",
        "cover teacher",
        "cover supervisor",
        "caretaker",
        "site manager",
        "business manager",
        "office manager",
        "bursar",
        "receptionist",
        "technician",
        "governor",
        "governors",
        "chair of governors",
        "mum",
        "dad",
        "mom",
        "stepdad",
        "stepmum",
        "step dad",
        "step mum",
        "slt",
        "smt",
        "dsl",
        "nqt",
        "ect",
        "trainee",
        "form tutor",
        "class teacher",
        "tas",
        "lsas",
        "senior leadership",
        "senior leadership team",
        "leadership team",
        "management",
        "ceo",
        "trustees",
    ],
);

/// Nouns that point at a person only after a determiner: "the man", "that class".
pub(crate) static GENERAL: Lex = Lex::new(9, &[
    "man", "woman", "bloke", "guy", "fella", "lady", "person", "people", "lot", "boy", "girl",
    "kid", "child", "lad", "lass", "boys", "girls", "kids", "children", "lads", "class", "classes",
    "group", "year group", "tutor group", "form group", "cohort", "family", "families",
    "son", "daughter", "mother", "father", "parent", "parents", "carer", "carers", "teacher", "teachers",
    "staff", "pupil", "pupils", "student", "students", "deputy", "manager", "boss", "head",
    "head of department", "head of year", "head of maths|english|science|history|geography|art|music|pe|drama|re|computing|languages|mfl|dt|ks3|ks4|sixth|department|dept|faculty|house",
    "head of sixth form",
    "grandma", "nan", "gran", "grandad", "grandparents", "auntie", "uncle", "department", "dept",
    "tutor", "mentor", "team", "bunch", "crew", "gang",
]);

/// Nouns that make a person word part of the name of a thing: "parents' evening",
/// "staff room", "class set".
pub(crate) const COMPOUND_HEADS: &[&str] = &[
    "evening",
    "evenings",
    "meeting",
    "meetings",
    "room",
    "rooms",
    "trip",
    "trips",
    "list",
    "lists",
    "council",
    "portal",
    "app",
    "booking",
    "bookings",
    "survey",
    "surveys",
    "event",
    "events",
    "day",
    "days",
    "night",
    "office",
    "rota",
    "duty",
    "duties",
    "timetable",
    "handbook",
    "premium",
    "protection",
    "voice",
    "forum",
    "association",
    "consultation",
    "questionnaire",
    "letter",
    "letters",
    "email",
    "emails",
    "form",
    "forms",
    "contract",
    "contracts",
    "report",
    "reports",
    "data",
    "record",
    "records",
    "file",
    "files",
    "set",
    "sets",
    "charts",
    "chart",
    "size",
    "sizes",
    "test",
    "tests",
    "work",
    "register",
    "photo",
    "photos",
    "assembly",
    "time",
    "training",
    "briefing",
    "briefings",
    "toilet",
    "toilets",
    "car",
    "park",
    "parking",
    "area",
    "wellbeing",
    "absence",
    "shortage",
    "budget",
    "pay",
    "workload",
    "morale",
    "attendance",
    "uniform",
    "lunch",
    "choir",
    "band",
    "newsletter",
    "guide",
    "bus",
    "coach",
    "pack",
    "packs",
    "kit",
    "discussion",
    "dojo",
    "text",
    "novel",
    "book",
    "books",
    "notes",
    "policy",
    "policies",
    "system",
    "pass",
    "club",
    "clubs",
    "garden",
    "network",
    "wifi",
    "laptop",
    "laptops",
    "computer",
    "printer",
    "photocopier",
    "fund",
    "funding",
    "fees",
    "numbers",
    "progress",
    "results",
    "grades",
    "targets",
    "marks",
    "marking",
    "feedback",
    "comments",
    "profile",
    "ratio",
    "ratios",
    "lanyard",
    "lanyards",
    "badge",
    "badges",
    "entrance",
    "gate",
    "line",
    "queue",
    "portal",
    "pupil",
    "appointment",
    "appointments",
    "consent",
    "contact",
    "details",
    "conference",
    "conferences",
    "group",
    "chat",
    "page",
    "website",
    "workshop",
    "workshops",
    "handbook",
    "ofsted",
    "inset",
    "cpd",
    "review",
    "reviews",
    "appraisal",
    "interview",
    "interviews",
    "job",
    "jobs",
    "post",
    "vacancy",
    "structure",
    "leaver",
    "leavers",
    "photographs",
    "teacher",
    "dinner",
    "dinners",
    "voice",
    "planner",
    "planners",
    "of",
];

/// Words after "head" that make it the body part ("my head is spinning").
pub(crate) const BODY_NEXT: &[&str] = &[
    "hurts",
    "aches",
    "ache",
    "spinning",
    "pounding",
    "banging",
    "throbbing",
    "full",
    "lice",
    "injury",
    "cold",
    "hurt",
    "spins",
    "is",
    "was",
];

/// What a person has that may be judged in their place ("her teaching is dire").
pub(crate) const ATTRIBUTES: &[&str] = &[
    "teaching",
    "marking",
    "planning",
    "attitude",
    "manner",
    "personality",
    "lessons",
    "hygiene",
    "breath",
    "leadership",
    "management",
    "communication",
    "temper",
    "parenting",
    "classroom",
];

/// Pronouns that point at one person.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "him", "her"];
/// Pronouns that point at a group mentioned before.
pub(crate) const GROUP_PRONOUNS: &[&str] = &["they", "them", "theyre"];

/// Titles before a surname or initial ("Mrs Khan", "Mr H").
pub(crate) const TITLES: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr", "mister", "sir"];

/// Bit of [`classes`]: the word is in [`TITLES`].
pub(crate) const IN_TITLES: u64 = 1 << 32;
/// Bit of [`classes`]: the word is in [`DETERMINERS`].
pub(crate) const IN_DETERMINERS: u64 = 1 << 33;
/// Bit of [`classes`]: the word is in [`PRONOUNS`].
pub(crate) const IN_PRONOUNS: u64 = 1 << 34;
/// Bit of [`classes`]: the word is in [`GROUP_PRONOUNS`].
pub(crate) const IN_GROUP_PRONOUNS: u64 = 1 << 35;
/// Bit of [`classes`]: the word is in [`ATTRIBUTES`].
pub(crate) const IN_ATTRIBUTES: u64 = 1 << 36;

/// Every phrase list, for [`classes`].
static LEXES: [&Lex; 10] = [
    &STRONG,
    &WEAK,
    &POSITIVE_TRAITS,
    &PRAISE,
    &SARCASM,
    &VERB_PHRASES,
    &OBJECT_PHRASES,
    &HEDGES,
    &ROLES,
    &GENERAL,
];

/// Which lists a comparison key belongs to, as bits: for each phrase list whether a phrase
/// starts with it ([`Lex::starts_bit`], [`Lex::starts_bare_bit`]), and `IN_*` for the
/// word lists looked up at every word. One hash lookup answers all of them, so a word
/// that starts nothing costs that and no more.
pub(crate) fn classes(key: &str) -> u64 {
    static MAP: OnceLock<FastMap<&'static str, u64>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut map: FastMap<&'static str, u64> = FastMap::default();
        for lex in LEXES {
            let ix = lex.index();
            for &first in ix.full.keys() {
                *map.entry(first).or_default() |= lex.starts_bit();
            }
            for &first in ix.bare.keys() {
                *map.entry(first).or_default() |= lex.starts_bare_bit();
            }
        }
        for (list, bit) in [
            (TITLES, IN_TITLES),
            (DETERMINERS, IN_DETERMINERS),
            (PRONOUNS, IN_PRONOUNS),
            (GROUP_PRONOUNS, IN_GROUP_PRONOUNS),
            (ATTRIBUTES, IN_ATTRIBUTES),
        ] {
            for &word in list {
                *map.entry(word).or_default() |= bit;
            }
        }
        map
    });
    map.get(key).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_folded_words_without_apostrophes() {
        for list in [
            &STRONG,
            &WEAK,
            &POSITIVE_TRAITS,
            &PRAISE,
            &VERB_PHRASES,
            &OBJECT_PHRASES,
            &HEDGES,
            &ROLES,
            &GENERAL,
        ] {
            for e in list.entries() {
                assert!(
                    e.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b' ' || b == b'|'),
                    "{e:?}"
                );
                assert!(!e.contains("  ") && !e.starts_with(' ') && !e.ends_with(' '), "{e:?}");
            }
        }
    }

    #[test]
    fn classes_say_which_lists_a_word_starts() {
        assert_eq!(LEXES.len(), 10, "every phrase list has its slot");
        for (i, lex) in LEXES.iter().enumerate() {
            assert_eq!(lex.slot as usize, i);
            for e in lex.entries() {
                let first = e.split(' ').next().unwrap_or_default();
                for alt in first.split('|') {
                    assert!(classes(alt) & lex.starts_bit() != 0, "{alt}");
                }
            }
        }
        assert_eq!(classes("mrs"), IN_TITLES);
        assert_eq!(classes("zzzz"), 0);
    }
}
