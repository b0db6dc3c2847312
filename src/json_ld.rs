//! Values of a page's JSON-LD (`<script type="application/ld+json">`): the
//! `articleBody`, dates, author and publisher names.
//!
//! A few values are wanted, so this is a scanner, not a JSON parser: it
//! finds every `"key": …` member in the script text (at any depth, inside
//! `@graph` arrays too) and decodes the JSON string (all escapes, surrogate
//! pairs; lone surrogates become U+FFFD). Of `articleBody` the longest wins.
//! Malformed JSON around the member does not matter; a malformed string
//! value is skipped. Never panics.

/// The longest `articleBody` string value in `json`, if any.
pub(crate) fn article_body(json: &str) -> Option<String> {
    let mut best: Option<String> = None;
    for value in strings(json, "articleBody") {
        if best.as_ref().is_none_or(|b| value.len() > b.len()) {
            best = Some(value);
        }
    }
    best
}

/// Every string value of a `"key":` member, at any depth, in order.
pub(crate) fn strings<'a>(json: &'a str, key: &str) -> impl Iterator<Item = String> + 'a {
    members(json, key).filter_map(|i| match json.as_bytes().get(i) {
        Some(b'"') => string_at(json, i + 1).map(|(v, _)| v),
        _ => None,
    })
}

/// Every `@type` named in the JSON-LD: string values and the strings of
/// array values (`"@type": ["Article", "NewsArticle"]`).
pub(crate) fn types(json: &str) -> Vec<String> {
    let b = json.as_bytes();
    let mut out = Vec::new();
    for i in members(json, "@type") {
        match b.get(i) {
            Some(b'"') => out.extend(string_at(json, i + 1).map(|(v, _)| v)),
            Some(b'[') => {
                let end = value_end(b, i);
                let mut j = i + 1;
                while j < end {
                    if b[j] == b'"' {
                        out.extend(string_at(json, j + 1).map(|(v, _)| v));
                        j = string_end(b, j);
                    } else {
                        j += 1;
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The names under every `"key":` member: the value itself when it is a
/// string, else every `"name"` string inside the object or array it is
/// (`"author": [{"@type": "Person", "name": "A"}, …]`).
pub(crate) fn names(json: &str, key: &str) -> Vec<String> {
    let mut out = Vec::new();
    for i in members(json, key) {
        match json.as_bytes().get(i) {
            Some(b'"') => out.extend(string_at(json, i + 1).map(|(v, _)| v)),
            Some(b'{') => out.extend(own_name(json, i)),
            Some(b'[') => {
                // The `name` of each object directly in the array.
                let b = json.as_bytes();
                let end = value_end(b, i);
                let mut j = i + 1;
                while j < end {
                    match b[j] {
                        b'{' => {
                            out.extend(own_name(json, j));
                            j = value_end(b, j);
                        }
                        b'"' => j = string_end(b, j),
                        b'[' => j = value_end(b, j),
                        _ => j += 1,
                    }
                }
            }
            _ => {}
        }
    }
    out
}

/// The byte index of the value of every `"key":` member (whitespace after
/// the colon skipped). Linear in `json`.
fn members<'a>(json: &'a str, key: &str) -> impl Iterator<Item = usize> + 'a {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    std::iter::from_fn(move || {
        let b = json.as_bytes();
        while let Some(at) = json.get(from..).and_then(|r| r.find(needle.as_str())) {
            let mut i = from + at + needle.len();
            from = i;
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
            return Some(i);
        }
        None
    })
}

/// The `"name"` string member of the object opening at `start` itself
/// (not of objects nested in it: an author's employer has a name too).
fn own_name(json: &str, start: usize) -> Option<String> {
    let b = json.as_bytes();
    let end = value_end(b, start);
    let mut j = start + 1;
    while j < end {
        match b[j] {
            b'"' => {
                let close = string_end(b, j);
                let key = &b[j + 1..close.saturating_sub(1).max(j + 1)];
                let mut k = close;
                while b.get(k).is_some_and(u8::is_ascii_whitespace) {
                    k += 1;
                }
                if b.get(k) == Some(&b':') {
                    k += 1;
                    while b.get(k).is_some_and(u8::is_ascii_whitespace) {
                        k += 1;
                    }
                    if key == b"name" && b.get(k) == Some(&b'"') {
                        return string_at(json, k + 1).map(|(v, _)| v);
                    }
                    j = match b.get(k) {
                        Some(b'{' | b'[') => value_end(b, k),
                        Some(b'"') => string_end(b, k),
                        _ => k,
                    };
                } else {
                    j = close;
                }
            }
            _ => j += 1,
        }
    }
    None
}

/// The index just past the string whose opening quote is at `start`.
fn string_end(b: &[u8], start: usize) -> usize {
    let mut i = start + 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    (i + 1).min(b.len())
}

/// The index just past the object or array that opens at `start`, strings
/// skipped; the end of the input when it is not closed.
fn value_end(b: &[u8], start: usize) -> usize {
    let mut depth = 0usize;
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i = string_end(b, i);
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    b.len()
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

    #[test]
    fn types_from_strings_and_arrays() {
        let json = r#"{"@type": "WebPage", "mainEntity": {"@type": ["Article", "NewsArticle"]}, "@type": 3}"#;
        assert_eq!(types(json), ["WebPage", "Article", "NewsArticle"]);
    }

    #[test]
    fn names_from_strings_objects_and_arrays() {
        let json = r#"{"author": "Ann Lee", "x": {"author": [{"@type": "Person", "name": "Bo \"B\" Ray"},
            {"name": "Cy"}]}, "author": {"name": "Di", "worksFor": {"name": "Ex"}}, "author": 3, "author": {"name": "#;
        assert_eq!(
            names(json, "author"),
            ["Ann Lee", "Bo \"B\" Ray", "Cy", "Di"]
        );
        assert_eq!(strings(json, "name").count(), 4);
        assert!(names("\"author\": [", "author").is_empty());
    }
}
