//! HTML bodies to plain text, enough for checking words: tags dropped, block elements
//! become line breaks, `<style>`/`<script>`/`<head>` contents skipped, entities decoded.
//! It never fails: malformed markup is read as far as it makes sense.

/// The visible text of an HTML body.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skip_until: Option<&'static str> = None;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if skip_until.is_none() {
                decode_entities(rest, &mut out);
            }
            break;
        };
        if skip_until.is_none() {
            decode_entities(rest.get(..lt).unwrap_or_default(), &mut out);
        }
        let after = rest.get(lt + 1..).unwrap_or_default();
        if let Some(body) = after.strip_prefix("!--") {
            rest = match body.find("-->") {
                Some(end) => body.get(end + 3..).unwrap_or_default(),
                None => "",
            };
            continue;
        }
        let Some(gt) = after.find('>') else {
            break; // an unterminated tag: nothing visible follows
        };
        let tag = after.get(..gt).unwrap_or_default();
        rest = after.get(gt + 1..).unwrap_or_default();
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if let Some(wanted) = skip_until {
            if closing && name == wanted {
                skip_until = None;
            }
            continue;
        }
        match name.as_str() {
            "style" | "script" | "head" | "title" if !closing && !tag.ends_with('/') => {
                skip_until = Some(match name.as_str() {
                    "style" => "style",
                    "script" => "script",
                    "head" => "head",
                    _ => "title",
                });
            }
            "br" | "p" | "div" | "li" | "tr" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
            | "table" | "ul" | "ol" | "hr"
                if !out.ends_with('\n') && !out.is_empty() =>
            {
                out.push('\n');
            }
            "td" | "th" if closing => out.push('\t'),
            _ => {}
        }
    }
    out
}

fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        let semi = after.find(';').filter(|&i| i <= 10);
        let decoded = semi.and_then(|i| entity(after.get(..i).unwrap_or_default()));
        match (semi, decoded) {
            (Some(i), Some(c)) => {
                out.push(c);
                rest = after.get(i + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "nbsp" => '\u{00A0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "rsquo" => '\u{2019}',
        "lsquo" => '\u{2018}',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "ndash" => '\u{2013}',
        "mdash" => '\u{2014}',
        "hellip" => '\u{2026}',
        "pound" => '£',
        "euro" => '€',
        "copy" => '©',
        "shy" => '\u{00AD}',
        "zwj" => '\u{200D}',
        "zwnj" => '\u{200C}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_only() {
        let html = "<html><head><style>P {margin:0}</style><title>x</title></head><body><div>Hi&nbsp;Ruth,</div><div><b>Kasia&nbsp;Kowalczyk</b> (9R) &amp; co</div><!-- note --></body></html>";
        assert_eq!(html_to_text(html), "Hi\u{a0}Ruth,\nKasia\u{a0}Kowalczyk (9R) & co\n");
    }

    #[test]
    fn malformed_markup_does_not_fail() {
        assert_eq!(html_to_text("a < b"), "a ");
        assert_eq!(html_to_text("x &bogus; &#xZZ; &#128512;"), "x &bogus; &#xZZ; 😀");
        assert_eq!(html_to_text("<style>never closed"), "");
    }
}
