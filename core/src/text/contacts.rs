//! Email addresses and UK phone numbers written in text, and where quoted replies begin.

/// An email address found in text, with its position in Unicode scalar values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundEmail {
    /// Start (chars).
    pub start: usize,
    /// End (chars, exclusive).
    pub end: usize,
    /// The address, lower case.
    pub address: String,
}

fn is_local_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

fn is_domain_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
}

/// Every email address in `text`.
pub fn find_emails(text: &str) -> Vec<FoundEmail> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (at, _) in chars.iter().enumerate().filter(|(_, &c)| c == '@') {
        let mut s = at;
        while s > 0 && chars.get(s - 1).is_some_and(|&c| is_local_char(c)) {
            s -= 1;
        }
        let mut e = at + 1;
        while chars.get(e).is_some_and(|&c| is_domain_char(c)) {
            e += 1;
        }
        // Trim punctuation that ends a sentence rather than the address.
        while e > at + 1 && chars.get(e - 1).is_some_and(|&c| c == '.' || c == '-') {
            e -= 1;
        }
        while s < at && chars.get(s).is_some_and(|&c| c == '.' || c == '-') {
            s += 1;
        }
        let local: String = chars.get(s..at).unwrap_or_default().iter().collect();
        let domain: String = chars.get(at + 1..e).unwrap_or_default().iter().collect();
        if local.is_empty() || !domain.contains('.') || domain.starts_with('.') {
            continue;
        }
        out.push(FoundEmail { start: s, end: e, address: format!("{local}@{domain}").to_ascii_lowercase() });
    }
    out
}

/// A phone number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundPhone {
    /// Start (chars).
    pub start: usize,
    /// End (chars, exclusive).
    pub end: usize,
    /// The number in UK national form (`07700900123`, `01632960555`).
    pub national: String,
}

impl FoundPhone {
    /// A UK mobile number (071–075, 077–079 and the Isle of Man's 07624; 070 personal
    /// numbering and 076 pagers are not mobiles).
    pub fn is_uk_mobile(&self) -> bool {
        let n = &self.national;
        n.len() == 11
            && (n.starts_with("071")
                || n.starts_with("072")
                || n.starts_with("073")
                || n.starts_with("074")
                || n.starts_with("075")
                || n.starts_with("077")
                || n.starts_with("078")
                || n.starts_with("079")
                || n.starts_with("07624"))
    }
}

/// A written UK number in national form (`+44 (0)7700 900123` → `07700900123`), or `None`
/// when it is not a plausible UK number.
pub fn uk_national(written: &str) -> Option<String> {
    let plus = written.trim_start().starts_with('+');
    let digits: String = written.chars().filter(char::is_ascii_digit).collect();
    let rest = if plus {
        digits.strip_prefix("44")?.to_owned()
    } else if let Some(r) = digits.strip_prefix("0044") {
        r.to_owned()
    } else if digits.starts_with('0') {
        return (digits.len() >= 10 && digits.len() <= 11).then_some(digits);
    } else {
        return None;
    };
    // "+44 (0)7700…" keeps a trunk zero that must go.
    let rest = rest.strip_prefix('0').unwrap_or(&rest);
    let national = format!("0{rest}");
    (national.len() >= 10 && national.len() <= 11).then_some(national)
}

/// Every UK phone number in `text`, in any common written form: spaces, hyphens, dots,
/// brackets, `+44`, `0044`, `+44 (0)`.
pub fn find_uk_phones(text: &str) -> Vec<FoundPhone> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars.get(i).copied().unwrap_or(' ');
        let starts = c == '+' || c == '(' || c.is_ascii_digit();
        let prev_is_word = i > 0 && chars.get(i - 1).is_some_and(|p| p.is_alphanumeric());
        if !starts || prev_is_word {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut last_digit = i;
        while let Some(&cj) = chars.get(j) {
            let sep = matches!(cj, ' ' | '-' | '.' | '(' | ')' | '\u{a0}' | '\u{2011}' | '\u{2013}');
            if cj.is_ascii_digit() {
                digits += 1;
                last_digit = j;
            } else if !(sep || (cj == '+' && j == i)) {
                break;
            }
            // Two separators in a row end the number unless they are " (" or ") ".
            if sep
                && chars.get(j + 1).is_some_and(|&n| matches!(n, ' ' | '-' | '.'))
                && !matches!(cj, '(' | ')')
                && !chars.get(j + 2).is_some_and(|c| c.is_ascii_digit() || *c == '(')
            {
                break;
            }
            if digits > 15 {
                break;
            }
            j += 1;
        }
        let end = last_digit + 1;
        let next_is_word = chars.get(end).is_some_and(|c| c.is_alphanumeric());
        if (10..=14).contains(&digits) && !next_is_word {
            let written: String = chars.get(i..end).unwrap_or_default().iter().collect();
            if let Some(national) = uk_national(&written) {
                out.push(FoundPhone { start: i, end, national });
                i = end;
                continue;
            }
        }
        i = end.max(i + 1);
    }
    out
}

/// Where the person's own words end and a quoted reply or forwarded message begins
/// (in chars): a line starting with `>`, an Outlook separator line, "-----Original
/// Message-----", "---------- Forwarded message", or "On … wrote:". The whole text when
/// none is found.
pub fn own_text_end(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let lower = t.to_ascii_lowercase();
        let quoted = t.starts_with('>')
            || (t.len() >= 10 && t.chars().all(|c| c == '_'))
            || lower.starts_with("-----original message")
            || lower.contains("forwarded message")
            || (lower.starts_with("on ") && lower.ends_with("wrote:"))
            || (lower.starts_with("from:") && offset > 0);
        if quoted {
            return offset;
        }
        offset += line.chars().count();
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_in_text() {
        let f = find_emails("send them to kate.brennan82@gmail.com, or x@y.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].address, "kate.brennan82@gmail.com");
        assert_eq!((f[0].start, f[0].end), (13, 37));
        assert!(find_emails("no address @ here").is_empty());
    }

    #[test]
    fn phone_forms() {
        for (text, national) in [
            ("text me on 07700 900123 please", "07700900123"),
            ("07700-900-432.", "07700900432"),
            ("Mob: +44 (0)7700 900789", "07700900789"),
            ("+447700900789", "07700900789"),
            ("0044 7700 900789", "07700900789"),
            ("07700.900.123", "07700900123"),
            ("(07700) 900123", "07700900123"),
            ("+44 1632 960555", "01632960555"),
            ("01632 960555", "01632960555"),
        ] {
            let f = find_uk_phones(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!(f[0].national, national, "{text}");
        }
        assert!(find_uk_phones("07700 900123")[0].is_uk_mobile());
        assert!(!find_uk_phones("01632 960555")[0].is_uk_mobile());
    }

    #[test]
    fn not_phone_numbers() {
        assert!(find_uk_phones("UPN A123456789012 and ref 2291, 3.15-4.30pm on 07/10/2025").is_empty());
        assert!(find_uk_phones("order 1234567890123456789").is_empty());
    }

    #[test]
    fn quoted_reply_starts() {
        let t = "Thanks\nKate\n\n________________________________\nFrom: Parent\nmy number 07700 900111";
        assert_eq!(own_text_end(t), "Thanks\nKate\n\n".chars().count());
        assert_eq!(own_text_end("hi\n> quoted"), 3);
        assert_eq!(own_text_end("just me"), 7);
    }
}
