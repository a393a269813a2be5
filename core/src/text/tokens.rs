//! Words with their positions, shapes and the separators between them.

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
    /// Folded form, with any possessive `'s` removed.
    pub norm: String,
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

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}' | '\u{2018}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split a text into words.
pub fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    let mut sep_start = 0; // char index where the current separator began
    let n = chars.len();
    while i < n {
        let Some(&(_, c)) = chars.get(i) else { break };
        if !is_word_char(c) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        while j < n {
            let Some(&(_, cj)) = chars.get(j) else { break };
            let next_is_word = chars.get(j + 1).is_some_and(|&(_, c)| is_word_char(c));
            if is_word_char(cj)
                || is_combining(cj)
                || (is_invisible(cj) && next_is_word)
                || (is_apostrophe(cj) && next_is_word)
            {
                j += 1;
            } else {
                break;
            }
        }
        // A trailing apostrophe directly after the word is a possessive (Jones').
        let mut end = j;
        let trailing_apostrophe = chars.get(j).is_some_and(|&(_, c)| is_apostrophe(c));
        let word: String = chars.get(start..end).unwrap_or_default().iter().map(|&(_, c)| c).collect();
        let sep = chars.get(sep_start..start).unwrap_or_default();
        let gap = classify_gap(sep, tokens.is_empty());
        let sentence_start = tokens.is_empty()
            || sep.iter().any(|&(_, c)| matches!(c, '.' | '!' | '?' | ';' | '\u{2026}'))
            || sep.iter().filter(|&&(_, c)| c == '\n').count() >= 2;
        let mut folded = String::with_capacity(word.len());
        for c in word.chars() {
            fold_char(c, &mut folded);
        }
        let mut possessive = false;
        if let Some(stem) = folded.strip_suffix("'s") {
            if !stem.is_empty() {
                folded.truncate(stem.len());
                possessive = true;
            }
        }
        if trailing_apostrophe {
            possessive = true;
            end = j + 1;
        }
        let (upper, lower, letters) = word.chars().fold((0, 0, 0), |(u, l, n), c| {
            (
                u + usize::from(c.is_uppercase()),
                l + usize::from(c.is_lowercase()),
                n + usize::from(c.is_alphabetic()),
            )
        });
        let first_upper = word.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
        let shape = if letters == 0 || letters < word.chars().filter(|c| c.is_alphanumeric()).count() {
            Shape::Other
        } else if upper == letters && letters >= 2 {
            Shape::Upper
        } else if first_upper {
            Shape::Title
        } else if lower == letters {
            Shape::Lower
        } else {
            Shape::Other
        };
        let byte_start = chars.get(start).map_or(text.len(), |&(b, _)| b);
        let byte_end = chars.get(end).map_or(text.len(), |&(b, _)| b);
        tokens.push(Token {
            start,
            end,
            bytes: (byte_start, byte_end),
            norm: folded,
            shape,
            possessive,
            gap,
            letters,
            sentence_start,
        });
        sep_start = end;
        i = end.max(i + 1);
    }
    tokens
}

fn classify_gap(sep: &[(usize, char)], first: bool) -> Gap {
    if first {
        return Gap::Start;
    }
    let mut newlines = 0;
    let mut commas = 0;
    let mut hyphens = 0;
    let mut spaces = 0;
    let mut other = 0;
    for &(_, c) in sep {
        match c {
            '\n' => newlines += 1,
            '\r' => {}
            ',' => commas += 1,
            '-' | '\u{2010}' | '\u{2011}' => hyphens += 1,
            c if c.is_whitespace() || c == '\u{00A0}' => spaces += 1,
            c if is_invisible(c) => {}
            _ => other += 1,
        }
    }
    if other > 0 || newlines > 1 || commas > 1 || hyphens > 1 {
        Gap::Other
    } else if hyphens == 1 {
        if spaces == 0 && newlines == 0 && commas == 0 {
            Gap::Hyphen
        } else {
            Gap::Other
        }
    } else if commas == 1 {
        Gap::Comma
    } else {
        Gap::Space
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norms(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.norm).collect()
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
