//! Case, accent and look-alike folding.
//!
//! Names are compared after folding: lower case, accents removed, typographic apostrophes
//! made plain, invisible characters dropped and letters from other scripts that look like
//! Latin ones (Cyrillic "а", Greek "ο") mapped to them, so that deliberate disguise or a
//! keyboard without accents changes nothing.

/// Fold one character to zero or more plain lower-case characters, appended to `out`.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_invisible(c) || is_combining(c) {
        return;
    }
    if let Some(s) = latin_base(c) {
        out.push_str(s);
        return;
    }
    if let Some(l) = lookalike(c) {
        out.push(l);
        return;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02B9}' | '\u{2032}' | '\u{00B4}' | '\u{0060}' => {
            out.push('\'')
        }
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => out.push('-'),
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' => out.push(' '),
        _ => out.extend(c.to_lowercase()),
    }
}

/// Fold a whole string (see [`fold_char`]).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

/// The comparison key of a name: folded, hyphens and runs of spaces made one space,
/// a trailing possessive removed. Roster names and draft text meet in this form.
pub fn name_key(s: &str) -> String {
    let folded = fold_str(s);
    let mut out = String::with_capacity(folded.len());
    for part in folded.split(|c: char| c.is_whitespace() || c == '-') {
        let part = part.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let part = part.trim_matches('\'');
        if part.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(part);
    }
    out
}

/// Zero-width and formatting characters that hide inside words.
#[inline]
pub(crate) fn is_invisible(c: char) -> bool {
    !c.is_ascii()
        && matches!(
            c,
            '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2060}'..='\u{2064}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FEFF}'
        )
}

#[inline]
pub(crate) fn is_combining(c: char) -> bool {
    !c.is_ascii()
        && matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The unaccented lower-case form of Latin letters with diacritics (Latin-1 Supplement,
/// Latin Extended-A and the common Extended-B letters used in names).
fn latin_base(c: char) -> Option<&'static str> {
    let s = match c {
        'À'..='Å' | 'à'..='å' | 'Ā' | 'ā' | 'Ă' | 'ă' | 'Ą' | 'ą' | 'Ǎ' | 'ǎ' | 'Ǻ' | 'ǻ' | 'Ạ' | 'ạ' => {
            "a"
        }
        'Æ' | 'æ' | 'Ǽ' | 'ǽ' => "ae",
        'Ç' | 'ç' | 'Ć' | 'ć' | 'Ĉ' | 'ĉ' | 'Ċ' | 'ċ' | 'Č' | 'č' => "c",
        'Ð' | 'ð' | 'Ď' | 'ď' | 'Đ' | 'đ' => "d",
        'È'..='Ë'
        | 'è'..='ë'
        | 'Ē'
        | 'ē'
        | 'Ĕ'
        | 'ĕ'
        | 'Ė'
        | 'ė'
        | 'Ę'
        | 'ę'
        | 'Ě'
        | 'ě'
        | 'Ẹ'
        | 'ẹ'
        | 'Ẽ'
        | 'ẽ' => "e",
        'Ĝ' | 'ĝ' | 'Ğ' | 'ğ' | 'Ġ' | 'ġ' | 'Ģ' | 'ģ' => "g",
        'Ĥ' | 'ĥ' | 'Ħ' | 'ħ' => "h",
        'Ì'..='Ï'
        | 'ì'..='ï'
        | 'Ĩ'
        | 'ĩ'
        | 'Ī'
        | 'ī'
        | 'Ĭ'
        | 'ĭ'
        | 'Į'
        | 'į'
        | 'İ'
        | 'ı'
        | 'Ǐ'
        | 'ǐ'
        | 'Ị'
        | 'ị' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'ĺ' | 'Ļ' | 'ļ' | 'Ľ' | 'ľ' | 'Ŀ' | 'ŀ' | 'Ł' | 'ł' => "l",
        'Ñ' | 'ñ' | 'Ń' | 'ń' | 'Ņ' | 'ņ' | 'Ň' | 'ň' => "n",
        'Ò'..='Ö'
        | 'Ø'
        | 'ò'..='ö'
        | 'ø'
        | 'Ō'
        | 'ō'
        | 'Ŏ'
        | 'ŏ'
        | 'Ő'
        | 'ő'
        | 'Ơ'
        | 'ơ'
        | 'Ǒ'
        | 'ǒ'
        | 'Ọ'
        | 'ọ' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'ŕ' | 'Ŗ' | 'ŗ' | 'Ř' | 'ř' => "r",
        'Ś' | 'ś' | 'Ŝ' | 'ŝ' | 'Ş' | 'ş' | 'Š' | 'š' | 'Ș' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'ţ' | 'Ť' | 'ť' | 'Ŧ' | 'ŧ' | 'Ț' | 'ț' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü'
        | 'ù'..='ü'
        | 'Ũ'
        | 'ũ'
        | 'Ū'
        | 'ū'
        | 'Ŭ'
        | 'ŭ'
        | 'Ů'
        | 'ů'
        | 'Ű'
        | 'ű'
        | 'Ų'
        | 'ų'
        | 'Ư'
        | 'ư'
        | 'Ǔ'
        | 'ǔ'
        | 'Ụ'
        | 'ụ' => "u",
        'Ŵ' | 'ŵ' | 'Ẁ' | 'ẁ' | 'Ẃ' | 'ẃ' | 'Ẅ' | 'ẅ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ÿ' | 'Ŷ' | 'ŷ' | 'Ỳ' | 'ỳ' => "y",
        'Ź' | 'ź' | 'Ż' | 'ż' | 'Ž' | 'ž' => "z",
        _ => return None,
    };
    Some(s)
}

/// Letters of other scripts that are routinely used to disguise Latin ones.
fn lookalike(c: char) -> Option<char> {
    let l = match c {
        // Cyrillic
        'А' | 'а' => 'a',
        'В' | 'в' => 'b',
        'С' | 'с' => 'c',
        'Е' | 'е' | 'Ё' | 'ё' => 'e',
        'Н' | 'н' => 'h',
        'І' | 'і' | 'Ї' | 'ї' => 'i',
        'Ј' | 'ј' => 'j',
        'К' | 'к' => 'k',
        'М' | 'м' => 'm',
        'О' | 'о' => 'o',
        'Р' | 'р' => 'p',
        'Ѕ' | 'ѕ' => 's',
        'Т' | 'т' => 't',
        'У' | 'у' => 'y',
        'Х' | 'х' => 'x',
        'Ԛ' | 'ԛ' => 'q',
        'Ԝ' | 'ԝ' => 'w',
        // Greek
        'Α' | 'α' => 'a',
        'Β' | 'β' => 'b',
        'Ε' | 'ε' => 'e',
        'Η' => 'h',
        'Ι' | 'ι' => 'i',
        'Κ' | 'κ' => 'k',
        'Μ' => 'm',
        'Ν' => 'n',
        'Ο' | 'ο' => 'o',
        'Ρ' | 'ρ' => 'p',
        'Τ' | 'τ' => 't',
        'Υ' | 'υ' => 'y',
        'Χ' | 'χ' => 'x',
        'Ζ' => 'z',
        // Fullwidth Latin
        'Ａ'..='Ｚ' => char::from_u32(u32::from(c) - 0xFF21 + u32::from(b'a'))?,
        'ａ'..='ｚ' => char::from_u32(u32::from(c) - 0xFF41 + u32::from(b'a'))?,
        _ => return None,
    };
    Some(l)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_apostrophes() {
        assert_eq!(fold_str("Zoë Ó Súilleabháin"), "zoe o suilleabhain");
        assert_eq!(fold_str("O\u{2019}Brien"), "o'brien");
        assert_eq!(fold_str("Łukasz Wiśniewski"), "lukasz wisniewski");
    }

    #[test]
    fn drops_invisible_and_combining_characters() {
        assert_eq!(fold_str("Ru\u{200B}by"), "ruby");
        assert_eq!(fold_str("Zoe\u{0308}"), "zoe");
    }

    #[test]
    fn maps_lookalikes_from_other_scripts() {
        // Cyrillic а and о inside a Latin word.
        assert_eq!(fold_str("Rub\u{0443} Ok\u{043E}nkwo"), "ruby okonkwo");
        assert_eq!(fold_str("\u{0410}my"), "amy");
    }

    #[test]
    fn name_key_normalises_separators_and_possessives() {
        assert_eq!(name_key("  Hughes-Patel "), "hughes patel");
        assert_eq!(name_key("D’Souza"), "d'souza");
        assert_eq!(name_key("Li  Na"), "li na");
    }
}
