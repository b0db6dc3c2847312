//! The `articleBody` of a page's JSON-LD (`<script type="application/ld+json">`).
//!
//! Only one value is wanted, so this is a scanner, not a JSON parser: it
//! finds every `"articleBody": "…"` member in the script text (at any depth,
//! inside `@graph` arrays too), decodes the JSON string (all escapes,
//! surrogate pairs; lone surrogates become U+FFFD) and returns the longest.
//! Malformed JSON around the member does not matter; a malformed string
//! value is skipped. Never panics.

/// The longest `articleBody` string value in `json`, if any.
pub(crate) fn article_body(json: &str) -> Option<String> {
    const KEY: &str = "\"articleBody\"";
    let mut best: Option<String> = None;
    let mut from = 0;
    while let Some(at) = json.get(from..).and_then(|r| r.find(KEY)) {
        let mut i = from + at + KEY.len();
        from = i;
        let b = json.as_bytes();
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b':') {
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(u8::is_ascii_whitespace) {
            i += 1;
        }
        if b.get(i) != Some(&b'"') {
            continue;
        }
        if let Some((value, end)) = string_at(json, i + 1) {
            from = end;
            if best.as_ref().is_none_or(|b| value.len() > b.len()) {
                best = Some(value);
            }
        }
    }
    best
}

/// Decodes the JSON string whose content starts at byte `start` (just after
/// the opening quote). Returns the value and the index after the closing
/// quote.
fn string_at(s: &str, start: usize) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.get(start..)?.char_indices();
    while let Some((off, c)) = chars.next() {
        match c {
            '"' => return Some((out, start + off + 1)),
            '\\' => match chars.next()?.1 {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '/' => out.push('/'),
                'b' | 'f' => {}
                'n' => out.push('\n'),
                'r' => {}
                't' => out.push(' '),
                'u' => {
                    let hi = hex4(&mut chars)?;
                    let c = if (0xD800..0xDC00).contains(&hi) {
                        // A high surrogate: a low one should follow as `\uXXXX`.
                        let rest = chars.as_str();
                        match rest.strip_prefix("\\u").and_then(|r| r.get(..4)) {
                            Some(h) => match u32::from_str_radix(h, 16) {
                                Ok(lo) if (0xDC00..0xE000).contains(&lo) => {
                                    chars.nth(5);
                                    char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
                                }
                                _ => None,
                            },
                            None => None,
                        }
                    } else {
                        char::from_u32(hi)
                    };
                    out.push(c.unwrap_or('\u{fffd}'));
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

fn hex4(chars: &mut std::str::CharIndices<'_>) -> Option<u32> {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next()?.1.to_digit(16)?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_longest_body_at_any_depth() {
        let json = r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebPage","name":"x"},
            {"@type":"NewsArticle","articleBody" : "Short."},
            {"@type":"NewsArticle","headline":"H","articleBody":"First line.\nSecond \"quoted\" line \u2014 caf\u00e9 \ud83d\ude00."}]}"#;
        assert_eq!(
            article_body(json).as_deref(),
            Some("First line.\nSecond \"quoted\" line — café 😀.")
        );
    }

    #[test]
    fn malformed_values_are_skipped_not_fatal() {
        assert_eq!(article_body(r#"{"articleBody": 12}"#), None);
        assert_eq!(article_body(r#"{"articleBody": "unterminated"#), None);
        assert_eq!(article_body(r#"{"articleBody": "bad \q escape"}"#), None);
        assert_eq!(
            article_body(r#"{"articleBody": "lone \ud800 surrogate", "articleBody": "ok"}"#)
                .as_deref(),
            Some("lone \u{fffd} surrogate")
        );
        assert_eq!(article_body(r#""articleBody""#), None);
        assert_eq!(article_body(r#""articleBody":"\u12"#), None);
        assert_eq!(article_body("\"articleBody\":\"é\\"), None);
    }
}
