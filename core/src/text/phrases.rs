//! Matching short word patterns over tokens.

use super::Token;

/// One word of a pattern.
#[derive(Debug, Clone, Copy)]
pub enum W {
    /// This folded word.
    Is(&'static str),
    /// Any of these folded words.
    Any(&'static [&'static str]),
    /// A number: digits, or a number word from three upwards.
    Number,
    /// Up to this many words of anything.
    Skip(usize),
}

const NUMBER_WORDS: &[&str] = &[
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "fifty", "hundred",
];

fn word_matches(w: &W, t: &Token) -> bool {
    match w {
        W::Is(s) => t.norm == *s,
        W::Any(list) => list.contains(&t.norm.as_str()),
        W::Number => t.norm.chars().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&t.norm.as_str()),
        W::Skip(_) => true,
    }
}

/// The token range `(first, last)` of the first place `pattern` matches, if any. Matches do
/// not cross sentence punctuation.
pub fn find(tokens: &[Token], pattern: &[W]) -> Option<(usize, usize)> {
    (0..tokens.len()).find_map(|i| match_at(tokens, pattern, i, i).map(|last| (i, last)))
}

fn match_at(tokens: &[Token], pattern: &[W], i: usize, start: usize) -> Option<usize> {
    let Some((w, rest)) = pattern.split_first() else {
        return i.checked_sub(1);
    };
    if let W::Skip(n) = w {
        for k in 0..=*n {
            if k > 0 && !continues(tokens, start, i + k - 1) {
                break;
            }
            if let Some(end) = match_at(tokens, rest, i + k, start) {
                return Some(end);
            }
        }
        return None;
    }
    let t = tokens.get(i)?;
    if !word_matches(w, t) || !continues(tokens, start, i) {
        return None;
    }
    match_at(tokens, rest, i + 1, start)
}

/// Whether token `i` is in the same sentence as the match that began at `start`.
fn continues(tokens: &[Token], start: usize, i: usize) -> bool {
    if i == start {
        return true;
    }
    tokens.get(i).is_some_and(|t| !t.sentence_start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    #[test]
    fn patterns() {
        let t = tokenize("Forward this to 10 teachers you love");
        assert_eq!(
            find(&t, &[W::Is("forward"), W::Skip(2), W::Number, W::Skip(1), W::Is("teachers")]),
            Some((0, 4))
        );
        assert_eq!(find(&t, &[W::Is("forward"), W::Is("teachers")]), None);
        let t = tokenize("break. the chain");
        assert_eq!(find(&t, &[W::Is("break"), W::Is("the"), W::Is("chain")]), None);
    }
}
