//! Words with their positions, shapes and the separators between them.

use smol_str::SmolStr;

use super::fold::{fold_char, is_combining, is_invisible};

/// The capitalisation of a word as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// all lower case
    Lower,
    /// First letter upper case (Title, McDonald, O'Brien)
    Title,
    /// ALL UPPER CASE (two letters or more)
    Upper,
    /// Anything else (iPhone, digits)
    Other,
}

impl Shape {
    /// Written with a capital, as names usually are.
    pub fn is_capitalised(self) -> bool {
        matches!(self, Shape::Title | Shape::Upper)
    }
}

/// What separates a token from the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Start of the text.
    Start,
    /// Spaces, including non-breaking ones and at most one line break.
    Space,
    /// A hyphen with no spaces around it (Hughes-Patel).
    Hyphen,
    /// A comma with optional spaces (NOWAK, Kacper).
    Comma,
    /// Anything else: sentence punctuation, a dash, a blank line.
    Other,
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Start, in Unicode scalar values.
    pub start: usize,
    /// End (exclusive), in Unicode scalar values.
    pub end: usize,
    /// Byte range in the original text.
    pub bytes: (usize, usize),
    /// Folded form, with any possessive `'s` removed. Inline (no allocation) up to 23
    /// bytes, which is nearly every word.
    pub norm: SmolStr,
    /// Capitalisation as written.
    pub shape: Shape,
    /// Whether a possessive `'s` or `'` was removed.
    pub possessive: bool,
    /// The separator before this token.
    pub gap: Gap,
    /// Number of letters (initials have one).
    pub letters: usize,
    /// Whether a sentence ends before this token (`.`, `!`, `?`, `;`, a blank line, or the
    /// start of the text).
    pub sentence_start: bool,
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

/// "It's", "that's": a verb, not a possessive, so the word keeps its `'s`.
fn is_contraction(word: &str) -> bool {
    matches!(
        word,
        "it's"
            | "that's"
            | "he's"
            | "she's"
            | "there's"
            | "here's"
            | "what's"
            | "who's"
            | "where's"
            | "let's"
            | "how's"
            | "when's"
    )
}

/// What the separator between two words contained, gathered as it is read.
#[derive(Default)]
struct Sep {
    newlines: u32,
    commas: u32,
    hyphens: u32,
    spaces: u32,
    other: u32,
    sentence_end: bool,
}

impl Sep {
    fn add(&mut self, c: char) {
        match c {
            '\n' => self.newlines += 1,
            '\r' => {}
            ',' => self.commas += 1,
            '-' | '\u{2010}' | '\u{2011}' => self.hyphens += 1,
            '.' | '!' | '?' | ';' | '\u{2026}' => {
                self.other += 1;
                self.sentence_end = true;
            }
            c if c.is_whitespace() => self.spaces += 1,
            c if is_invisible(c) => {}
            _ => self.other += 1,
        }
    }

    fn gap(&self, first: bool) -> Gap {
        if first {
            Gap::Start
        } else if self.other > 0 || self.newlines > 1 || self.commas > 1 || self.hyphens > 1 {
            Gap::Other
        } else if self.hyphens == 1 {
            if self.spaces == 0 && self.newlines == 0 && self.commas == 0 {
                Gap::Hyphen
            } else {
                Gap::Other
            }
        } else if self.commas == 1 {
            Gap::Comma
        } else {
            Gap::Space
        }
    }
}

/// The character at byte `at` of `text` (a character boundary), read directly when it is
/// ASCII, as nearly every one is.
#[inline(always)]
fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(at..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// Split a text into words, in one pass.
pub fn tokenize(text: &str) -> Vec<Token> {
    // Ordinary prose has a word every five or six bytes; a little more room than that
    // saves copying the whole vector when it would otherwise fill up near the end.
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4 + 1);
    let mut pos = 0usize; // byte offset of the next character
    let mut ci = 0usize; // char index of the next character
    let mut sep = Sep::default();
    let mut norm = String::with_capacity(32); // reused for every word
    while let Some(c) = char_at(text, pos) {
        if !is_word_char(c) {
            sep.add(c);
            ci += 1;
            pos += c.len_utf8();
            continue;
        }
        let start = ci;
        let byte_start = pos;
        norm.clear();
        let (mut upper, mut lower, mut letters, mut alnum) = (0usize, 0usize, 0usize, 0usize);
        let mut first_upper: Option<bool> = None;
        let mut cur = c;
        loop {
            // `cur` belongs to the word. ASCII, nearly every character, is counted and
            // folded here as the general path below would.
            if cur.is_ascii() {
                if cur.is_ascii_alphabetic() {
                    alnum += 1;
                    letters += 1;
                    let up = cur.is_ascii_uppercase();
                    upper += usize::from(up);
                    lower += usize::from(!up);
                    first_upper.get_or_insert(up);
                } else if cur.is_ascii_digit() {
                    alnum += 1;
                }
                norm.push(cur.to_ascii_lowercase());
            } else {
                if cur.is_alphanumeric() {
                    alnum += 1;
                    if cur.is_alphabetic() {
                        letters += 1;
                        let up = cur.is_uppercase();
                        upper += usize::from(up);
                        lower += usize::from(cur.is_lowercase());
                        first_upper.get_or_insert(up);
                    }
                }
                fold_char(cur, &mut norm);
            }
            ci += 1;
            pos += cur.len_utf8();
            let Some(next) = char_at(text, pos) else { break };
            let continues = if is_word_char(next) || is_combining(next) {
                true
            } else if is_invisible(next) || is_apostrophe(next) {
                // Only inside a word: look one further.
                char_at(text, pos + next.len_utf8()).is_some_and(is_word_char)
            } else {
                false
            };
            if !continues {
                break;
            }
            cur = next;
        }
        let mut end = ci;
        let mut byte_end = pos;
        let mut possessive = false;
        if let Some(stem) = norm.strip_suffix("'s") {
            if !stem.is_empty() && !is_contraction(&norm) {
                norm.truncate(stem.len());
                possessive = true;
            }
        }
        // A trailing apostrophe directly after the word is a possessive (Jones').
        if let Some(a) = char_at(text, pos) {
            if is_apostrophe(a) {
                possessive = true;
                pos += a.len_utf8();
                ci += 1;
                end = ci;
                byte_end = pos;
            }
        }
        let shape = if letters == 0 || letters < alnum {
            Shape::Other
        } else if upper == letters && letters >= 2 {
            Shape::Upper
        } else if first_upper == Some(true) {
            Shape::Title
        } else if lower == letters {
            Shape::Lower
        } else {
            Shape::Other
        };
        let first = tokens.is_empty();
        tokens.push(Token {
            start,
            end,
            bytes: (byte_start, byte_end),
            norm: SmolStr::new(&norm),
            shape,
            possessive,
            gap: sep.gap(first),
            letters,
            sentence_start: first || sep.sentence_end || sep.newlines >= 2,
        });
        sep = Sep::default();
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm.to_string()).collect()
    }

    #[test]
    fn words_positions_and_possessives() {
        let t = tokenize("Ruby’s coat, Hughes-Patel");
        assert_eq!(norms("Ruby’s coat, Hughes-Patel"), ["ruby", "coat", "hughes", "patel"]);
        assert!(t[0].possessive);
        assert_eq!((t[0].start, t[0].end), (0, 6));
        assert_eq!(t[2].gap, Gap::Comma);
        assert_eq!(t[3].gap, Gap::Hyphen);
    }

    #[test]
    fn contractions_are_not_possessives() {
        let t = tokenize("It's true, that's Ruby's");
        assert_eq!(norms("It's true, that's Ruby's"), ["it's", "true", "that's", "ruby"]);
        assert!(!t[0].possessive && t[3].possessive);
    }

    #[test]
    fn shapes() {
        let t = tokenize("NOWAK Kacper lower McDonald A iPhone");
        let shapes: Vec<Shape> = t.iter().map(|t| t.shape).collect();
        assert_eq!(
            shapes,
            [Shape::Upper, Shape::Title, Shape::Lower, Shape::Title, Shape::Title, Shape::Other]
        );
        assert_eq!(t[4].letters, 1);
    }

    #[test]
    fn gaps() {
        let t = tokenize("a b\nc\n\nd - e. f\u{00A0}g");
        let gaps: Vec<Gap> = t.iter().map(|t| t.gap).collect();
        assert_eq!(
            gaps,
            [Gap::Start, Gap::Space, Gap::Space, Gap::Other, Gap::Other, Gap::Other, Gap::Space]
        );
    }

    #[test]
    fn apostrophes_inside_names_and_zero_width_characters() {
        assert_eq!(norms("O'Brien D’Souza Ru\u{200B}by"), ["o'brien", "d'souza", "ruby"]);
        assert_eq!(norms("Jones' bag"), ["jones", "bag"]);
    }

    #[test]
    fn char_offsets_count_scalar_values_not_bytes() {
        let t = tokenize("Zoë Müller");
        assert_eq!((t[1].start, t[1].end), (4, 10));
        assert_eq!(&"Zoë Müller"[t[1].bytes.0..t[1].bytes.1], "Müller");
    }
}
