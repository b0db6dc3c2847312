//! Normalisation and segmentation: one normalised buffer per text, words as
//! byte spans into it, sentences as word-index ranges.
//!
//! Normalisation folds case, drops apostrophes and dots inside words
//! ("U.S." → "us", "Russia’s" → "russias"), treats every other punctuation
//! character (quotes, dashes of any Unicode flavour, brackets) as a word
//! break and joins words with single spaces. CJK ideographs and kana are one
//! word each, as in the project's scorer. Every later stage works on this
//! buffer, so house-style differences (curly vs straight quotes, em vs en
//! dashes, "U.S." vs "US") never change a shingle.

/// A word span (byte range) inside a normalised buffer.
pub(crate) type Span = (u32, u32);

/// True for characters that are part of words.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    if c.is_alphanumeric() {
        return true;
    }
    // Combining marks (Devanagari vowel signs, Thai tone marks...) are not
    // `alphanumeric` but belong to their word. Treat any non-ASCII character
    // outside the punctuation and symbol blocks as a word character.
    !(c.is_whitespace() || is_punct_like(c))
}

#[inline]
fn is_punct_like(c: char) -> bool {
    matches!(c as u32,
        0x00A0..=0x00BF | 0x00D7 | 0x00F7 | 0x02B9..=0x02DF | 0x2000..=0x2BFF |
        0x3000..=0x303F | 0xFE10..=0xFE6F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 |
        0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x1F000..=0x1FAFF)
}

/// CJK ideographs and kana: one word per character.
#[inline]
fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

/// Characters dropped when they sit between two word characters.
#[inline]
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '‘' | 'ʼ' | '`' | '.' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}'
    )
}

/// Appends the normalised words of `src` to `out` (single-space separated)
/// and their spans to `words`.
///
/// Text not in Unicode normalisation form KC is folded to it first: the
/// same words in composed and decomposed accents, full-width letters and
/// digits, or with ligatures are one text to the fingerprints (a quick
/// check, no allocation, for text already in the form, which is nearly
/// all of it).
pub(crate) fn normalize_into(src: &str, out: &mut String, words: &mut Vec<Span>) {
    normalize_folded(&nfkc(src), out, words);
}

/// `src` in Unicode normalisation form KC: borrowed when it is already
/// (ASCII, or a quick check says so), folded into a new string when not.
pub(crate) fn nfkc(src: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};
    if src.is_ascii() || is_nfkc_quick(src.chars()) == IsNormalized::Yes {
        std::borrow::Cow::Borrowed(src)
    } else {
        std::borrow::Cow::Owned(src.nfkc().collect())
    }
}

/// [`normalize_into`] for text already in form NFKC (a word of a text
/// [`nfkc`] folded).
pub(crate) fn normalize_folded(src: &str, out: &mut String, words: &mut Vec<Span>) {
    let mut in_word = false;
    let mut start = 0u32;
    let mut prev = ' ';
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        if is_word_char(c) {
            if is_cjk(c) {
                if in_word {
                    finish_word(out, start, words);
                    in_word = false;
                }
                if !out.is_empty() {
                    out.push(' ');
                }
                let s = out.len() as u32;
                out.push(c);
                words.push((s, out.len() as u32));
                prev = c;
                continue;
            }
            if !in_word {
                if !out.is_empty() {
                    out.push(' ');
                }
                start = out.len() as u32;
                in_word = true;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else {
                out.extend(c.to_lowercase());
            }
        } else if in_word
            && (is_joiner(c) || (c == ',' && prev.is_ascii_digit()))
            && chars.peek().is_some_and(|&n| {
                if c == ',' {
                    n.is_ascii_digit()
                } else {
                    is_word_char(n) && !is_cjk(n)
                }
            })
        {
            // "U.S.", "don't", "1,000", soft hyphen: stay inside the word.
        } else {
            if in_word {
                finish_word(out, start, words);
                in_word = false;
            }
            if c == '%' {
                // "10%" and "10 per cent" are the same words.
                for w in ["per", "cent"] {
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    let s = out.len() as u32;
                    out.push_str(w);
                    words.push((s, out.len() as u32));
                }
            }
        }
        prev = c;
    }
    if in_word {
        finish_word(out, start, words);
    }
}

/// Ends the word that starts at `start`: folds house-style spelling
/// variants, then records its span.
fn finish_word(out: &mut String, start: u32, words: &mut Vec<Span>) {
    fold_spelling(out, start as usize);
    words.push((start, out.len() as u32));
}

/// British and American spellings of one word normalise alike: "-our" →
/// "-or", "-ise"/"-yse" (and inflections) → "-ize"/"-yze", "-tre" → "-ter",
/// "-ogue" → "-og", "-elled"/"-elling" → "-eled"/"-eling", and a few
/// "-ence" nouns. Applied to every text the same way, so an occasional
/// collision ("flour" → "flor") costs nothing.
pub(crate) fn fold_spelling(out: &mut String, start: usize) {
    type Pairs = &'static [(&'static str, &'static str)];
    let w = &out[start..];
    if w.len() < 5 || !w.is_ascii() {
        return;
    }
    // Whole words, then endings, by the word's last letter (within a
    // letter, the first match wins).
    let (words, endings): (Pairs, Pairs) = match w.as_bytes()[w.len() - 1] {
        b'r' => (&[], &[("our", "or"), ("eller", "eler")]),
        b's' => (
            &[("programmes", "programs")],
            &[
                ("ours", "ors"),
                ("ises", "izes"),
                ("isations", "izations"),
                ("tres", "ters"),
                ("ogues", "ogs"),
            ],
        ),
        b'e' => (
            &[
                ("defence", "defense"),
                ("offence", "offense"),
                ("licence", "license"),
                ("pretence", "pretense"),
                ("programme", "program"),
            ],
            &[
                ("ise", "ize"),
                ("yse", "yze"),
                ("tre", "ter"),
                ("ogue", "og"),
            ],
        ),
        b'd' => (
            &[],
            &[("ised", "ized"), ("ysed", "yzed"), ("elled", "eled")],
        ),
        b'g' => (
            &[],
            &[("ising", "izing"), ("ysing", "yzing"), ("elling", "eling")],
        ),
        b'n' => (&[], &[("isation", "ization")]),
        _ => return,
    };
    if let Some((_, to)) = words.iter().find(|(from, _)| *from == w) {
        out.truncate(start);
        out.push_str(to);
        return;
    }
    for (from, to) in endings {
        if w.len() > from.len() + 1 && w.ends_with(from) {
            let cut = out.len() - from.len();
            out.truncate(cut);
            out.push_str(to);
            return;
        }
    }
}

/// The text after a leading wire dateline ("LONDON (Reuters) - ",
/// "MOSCOW/WASHINGTON: ", "NEW YORK (Sunday Gazette) — "), or the whole
/// text. Outlets put their own name in the dateline of the same wire copy,
/// so matching ignores it; the shown text keeps it.
pub(crate) fn strip_dateline(text: &str) -> &str {
    let place_end = text
        .find(|c: char| !(c.is_uppercase() || matches!(c, ' ' | '/' | ',' | '.' | '\'' | '’')))
        .unwrap_or(text.len());
    let place = &text[..place_end];
    if place.chars().filter(|c| c.is_uppercase()).count() < 2 || place.len() > 40 {
        return text;
    }
    let mut rest = &text[place_end..];
    let mut agency = false;
    if let Some(inner) = rest.strip_prefix('(') {
        match inner.find(')') {
            Some(close) if close <= 40 => {
                rest = &inner[close + 1..];
                agency = true;
            }
            _ => return text,
        }
    }
    let rest = rest.trim_start();
    let after = ["--", "-", "–", "—", ":"]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep));
    match after {
        Some(body) if body.starts_with(char::is_whitespace) => {
            let body = body.trim_start();
            // "PLACE (Agency) —" is a dateline whatever follows (lower-case
            // Cyrillic, Hangul, a bracket); without the agency the body must
            // start like a sentence.
            if body.chars().next().is_some_and(|c| {
                agency
                    || c.is_uppercase()
                    || c.is_numeric()
                    || matches!(c, '"' | '“' | '‘' | '\'')
                    || (c.is_alphabetic() && !c.is_lowercase())
            }) {
                body
            } else {
                text
            }
        }
        _ => text,
    }
}

/// Common abbreviations after which a full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "gov", "sen", "rep", "col", "lt",
    "sgt", "capt", "cmdr", "adm", "rev", "hon", "pres", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "vs", "etc", "inc", "co", "corp", "ltd", "dept",
    "est", "approx", "fig", "ft", "mt", "ave", "blvd", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m",
    "p.m", "d.c",
];

fn ends_with_abbreviation(before: &str) -> bool {
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A single letter ("J. Smith") is an initial.
    let mut cs = word.chars();
    if let (Some(c), None) = (cs.next(), cs.next()) {
        return c.is_alphabetic();
    }
    ABBREVIATIONS
        .iter()
        .any(|a| word.len() == a.len() && word.eq_ignore_ascii_case(a))
}

/// Splits `text` into sentences (trimmed, non-empty slices of `text`).
///
/// A sentence ends at `.`, `!`, `?` or `…` (plus any closing quotes or
/// brackets) followed by whitespace and then an upper-case letter, a digit
/// or an opening quote; a full stop after a known abbreviation or a single
/// initial does not end one.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let mut rest_start = 0usize;
    let bytes_len = text.len();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        loop {
            let rest = &text[rest_start..];
            let mut cut = None;
            let mut iter = rest.char_indices().peekable();
            while let Some((i, c)) = iter.next() {
                if !matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？') {
                    continue;
                }
                // CJK full stops end a sentence outright.
                let mut end = i + c.len_utf8();
                if matches!(c, '。' | '！' | '？') {
                    cut = Some(end);
                    break;
                }
                while let Some(&(j, q)) = iter.peek() {
                    if matches!(
                        q,
                        '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '.' | '!' | '?'
                    ) {
                        end = j + q.len_utf8();
                        iter.next();
                    } else {
                        break;
                    }
                }
                let after = &rest[end..];
                let trimmed = after.trim_start();
                if trimmed.len() == after.len() && !after.is_empty() {
                    continue; // no whitespace after: "3.5", "U.S.-backed"
                }
                let next = trimmed.chars().next();
                let starts_new = next.is_none_or(|n| {
                    n.is_uppercase()
                        || n.is_numeric()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '[')
                });
                if !starts_new {
                    continue;
                }
                if c == '.' && ends_with_abbreviation(&rest[..i]) && next.is_some() {
                    continue;
                }
                cut = Some(end);
                break;
            }
            let (piece, next_start) = match cut {
                Some(end) => (&rest[..end], rest_start + end),
                None => {
                    done = true;
                    (rest, bytes_len)
                }
            };
            rest_start = next_start;
            let piece = piece.trim();
            if !piece.is_empty() {
                return Some(piece);
            }
            if done {
                return None;
            }
        }
    })
}

/// Counts the words `normalize_into` would produce, without allocating.
pub(crate) fn word_count(src: &str) -> usize {
    word_count_upto(src, usize::MAX)
}

/// [`word_count`], stopping once `cap` words are counted: `min(count, cap)`.
/// For threshold tests on long text ("under five words?") without a scan
/// of the whole text.
///
/// One pass over the bytes: ASCII bytes are classified as bytes (most of
/// any text, even one with curly quotes and dashes), and only a non-ASCII
/// byte starts the decoding of a character.
pub(crate) fn word_count_upto(src: &str, cap: usize) -> usize {
    let b = src.as_bytes();
    let mut n = 0;
    let mut in_word = false;
    // The previous character is an ASCII digit ("1,000" is one word).
    let mut prev_digit = false;
    let mut i = 0;
    while i < b.len() {
        if n >= cap {
            return cap;
        }
        let x = b[i];
        if x < 0x80 {
            i += 1;
            if x.is_ascii_alphanumeric() {
                if !in_word {
                    n += 1;
                    in_word = true;
                }
            } else {
                let joins = in_word
                    && match x {
                        b'\'' | b'`' | b'.' => char_at(src, i).is_some_and(joins_word),
                        b',' => prev_digit && b.get(i).is_some_and(u8::is_ascii_digit),
                        _ => false,
                    };
                if !joins {
                    in_word = false;
                    if x == b'%' {
                        n += 2;
                    }
                }
            }
            prev_digit = x.is_ascii_digit();
            continue;
        }
        let Some(c) = char_at(src, i) else { break };
        i += c.len_utf8();
        prev_digit = false;
        if is_word_char(c) {
            if is_cjk(c) {
                n += 1;
                in_word = false;
            } else if !in_word {
                n += 1;
                in_word = true;
            }
        } else if !(in_word && is_joiner(c) && char_at(src, i).is_some_and(joins_word)) {
            in_word = false;
        }
    }
    n.min(cap)
}

/// The character starting at byte `i` of `s` (a character boundary).
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&x) if x < 0x80 => Some(char::from(x)),
        Some(_) => s.get(i..).and_then(|t| t.chars().next()),
        None => None,
    }
}

/// A character a joiner (an apostrophe, an inner dot) may join a word to.
#[inline]
fn joins_word(c: char) -> bool {
    is_word_char(c) && !is_cjk(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table version the by-letter dispatch replaced (the oracle).
    fn fold_by_table(out: &mut String, start: usize) {
        let w = &out[start..];
        // Every ending and word below ends in one of these letters.
        if w.len() < 5
            || !matches!(
                w.as_bytes()[w.len() - 1],
                b'r' | b's' | b'e' | b'd' | b'g' | b'n'
            )
            || !w.is_ascii()
        {
            return;
        }
        const ENDINGS: &[(&str, &str)] = &[
            ("our", "or"),
            ("ours", "ors"),
            ("ise", "ize"),
            ("ised", "ized"),
            ("ises", "izes"),
            ("ising", "izing"),
            ("isation", "ization"),
            ("isations", "izations"),
            ("yse", "yze"),
            ("ysed", "yzed"),
            ("ysing", "yzing"),
            ("tre", "ter"),
            ("tres", "ters"),
            ("ogue", "og"),
            ("ogues", "ogs"),
            ("elled", "eled"),
            ("elling", "eling"),
            ("eller", "eler"),
        ];
        const WORDS: &[(&str, &str)] = &[
            ("defence", "defense"),
            ("offence", "offense"),
            ("licence", "license"),
            ("pretence", "pretense"),
            ("programme", "program"),
            ("programmes", "programs"),
        ];
        if let Some((_, to)) = WORDS.iter().find(|(from, _)| *from == w) {
            out.truncate(start);
            out.push_str(to);
            return;
        }
        for (from, to) in ENDINGS {
            if w.len() > from.len() + 1 && w.ends_with(from) {
                let cut = out.len() - from.len();
                out.truncate(cut);
                out.push_str(to);
                return;
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn spelling_fold_by_letter_equals_the_table(
            stem in "[a-z]{0,8}",
            end in proptest::sample::select(vec![
                "", "our", "ours", "ise", "ised", "ises", "ising", "isation", "isations", "yse",
                "ysed", "ysing", "tre", "tres", "ogue", "ogues", "elled", "elling", "eller", "s", "ed",
            ]),
            whole in proptest::sample::select(vec![
                "", "defence", "offence", "licence", "pretence", "programme", "programmes",
            ]),
        ) {
            let word = if whole.is_empty() { format!("{stem}{end}") } else { whole.to_owned() };
            for prefix in ["", "x "] {
                let mut a = format!("{prefix}{word}");
                let mut b = a.clone();
                fold_spelling(&mut a, prefix.len());
                fold_by_table(&mut b, prefix.len());
                proptest::prop_assert_eq!(a, b);
            }
        }
    }

    fn norm(s: &str) -> String {
        let mut out = String::new();
        let mut w = Vec::new();
        normalize_into(s, &mut out, &mut w);
        assert_eq!(w.len(), word_count(s), "word_count disagrees on {s:?}");
        for &(a, b) in &w {
            assert!(!out[a as usize..b as usize].contains(' '));
        }
        out
    }

    #[test]
    fn normalisation_table() {
        let cases: &[(&str, &str)] = &[
            ("Hello,  World!", "hello world"),
            ("Russia’s U.S.-backed plan", "russias us backed plan"),
            ("“Quoted” — text – here", "quoted text here"),
            ("don't DON’T", "dont dont"),
            ("3.5 per cent, 10%, 1,000", "35 per cent 10 per cent 1000"),
            (
                "The colour of the centre; analysed, travelled",
                "the color of the center analyzed traveled",
            ),
            ("defence programme catalogue", "defense program catalog"),
            ("東京タワー", "東 京 タ ワ ー"),
            ("Ελληνικά Κείμενα", "ελληνικά κείμενα"),
            ("नमस्ते दुनिया", "नमस्ते दुनिया"),
            ("   ", ""),
            ("end.", "end"),
            ("...", ""),
        ];
        for (input, want) in cases {
            assert_eq!(&norm(input), want, "input {input:?}");
        }
    }

    proptest::proptest! {
        /// The word count agrees with the normaliser, on ASCII and on
        /// mixed text (curly quotes, accents, CJK, a soft hyphen).
        #[test]
        fn word_count_matches_normalize(s in "[a-zA-Z0-9 .,%'`’“é東\u{AD}-]{0,60}") {
            let mut out = String::new();
            let mut w = Vec::new();
            normalize_into(&s, &mut out, &mut w);
            proptest::prop_assert_eq!(word_count(&s), w.len());
        }

        /// The capped count is the count, capped.
        #[test]
        fn word_count_upto_is_the_capped_count(s in "[a-zA-Z0-9 .,%'`’é東-]{0,60}", cap in 0usize..12) {
            proptest::prop_assert_eq!(word_count_upto(&s, cap), word_count(&s).min(cap));
        }
    }

    #[test]
    fn dateline_table() {
        let cases: &[(&str, &str)] = &[
            (
                "LONDON (Reuters) - The bank raised rates.",
                "The bank raised rates.",
            ),
            (
                "NEW YORK (Sunday Gazette) — Reports indicate a case.",
                "Reports indicate a case.",
            ),
            (
                "MOSCOW/WASHINGTON: The Kremlin, asked about it.",
                "The Kremlin, asked about it.",
            ),
            ("WASHINGTON -- “We will,” he said.", "“We will,” he said."),
            (
                "FARMERS across the plains expect less wheat.",
                "FARMERS across the plains expect less wheat.",
            ),
            (
                "The US - and its allies - agreed.",
                "The US - and its allies - agreed.",
            ),
            ("NATO: a history", "NATO: a history"),
            (
                "TORONTO (Union Examiner) - стандартная скорость",
                "стандартная скорость",
            ),
            (
                "CHICAGO (Metro Digest) — [엔터미디어] 엘제이의 리벤지인가",
                "[엔터미디어] 엘제이의 리벤지인가",
            ),
            ("SEOUL — 엘제이의 리벤지인가", "엘제이의 리벤지인가"),
            ("WASHINGTON - some words", "WASHINGTON - some words"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(strip_dateline(input), *want, "input {input:?}");
        }
    }

    #[test]
    fn sentence_table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three?", &["One.", "Two!", "Three?"]),
            (
                "Mr. Smith met the U.S. envoy. Then left.",
                &["Mr. Smith met the U.S. envoy.", "Then left."],
            ),
            (
                "“Yeah,” he said. “No.” Done",
                &["“Yeah,” he said.", "“No.”", "Done"],
            ),
            (
                "It cost 3.5 million. J. Doe agreed.",
                &["It cost 3.5 million.", "J. Doe agreed."],
            ),
            ("lower. case stays", &["lower. case stays"]),
            ("", &[]),
            ("  .  ", &["."]),
        ];
        for (input, want) in cases {
            let got: Vec<&str> = sentences(input).collect();
            assert_eq!(&got, want, "input {input:?}");
        }
    }
}
