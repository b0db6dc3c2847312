//! Content terms: the lexical evidence for rewrites.
//!
//! A rewrite keeps the facts and changes the sentences, so it shares few
//! word shingles with the wire copy but many *content words*, and nearly all
//! of its names and numbers. This module turns text into those terms:
//!
//! * words are normalised like shingle words (case, punctuation, house
//!   spelling), French/Italian elisions are split off ("l'enquête" →
//!   "enquête"), stop words of English, German, Spanish, French, Italian,
//!   Portuguese and Dutch are dropped, as are words under three letters;
//! * light stemming: a plural \"-s\" is dropped and a word is cut to its
//!   first five characters
//!   ("inspectors", "inspection" → "inspe"; "Linwick's" → "linwi"), a
//!   language-independent stemmer that does about as well as rule stemmers
//!   for retrieval in European languages;
//! * numbers keep their digits only ("52,000" and "52.000" → 52000,
//!   "1.4km" and "1.4-kilometre" → 14, "38cm" → 38), and the small number
//!   words ("ten", "zehn", "diez", "dix") become digits;
//! * a term is a **name** when it is capitalised and does not start a
//!   sentence, a **number** when it has digits, else a **word**.
//!
//! Every term is a stable 64-bit hash (the shingle word hash), so profiles
//! can be saved and compared across runs.

use crate::segment::{self, Span};
use crate::shingle::word_hash;

/// What kind of evidence a term is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Kind {
    Word,
    Name,
    Number,
}

/// One occurrence of a content term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Term {
    pub hash: u64,
    pub kind: Kind,
}

/// Characters a stem keeps.
const STEM_CHARS: usize = 5;
/// Shorter words carry no content (after stop words are removed, most are
/// abbreviations and particles).
const MIN_WORD_CHARS: usize = 3;

/// Reusable buffers for [`terms_into`].
#[derive(Debug, Default, Clone)]
pub(crate) struct Scratch {
    buf: String,
    spans: Vec<Span>,
    digits: String,
}

/// Elided articles and prepositions before an apostrophe (French, Italian,
/// Catalan): "l'", "d'", "qu'", "dell'"…
const ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "lorsqu", "puisqu", "jusqu", "dell", "all",
    "dall", "nell", "sull", "un", "quell", "quest",
];

/// Stop words, normalised (lower case, apostrophes dropped), one table for
/// all languages: the lists are disjoint enough that a word that is a stop
/// word in one language and content in another is rare (and costs only a
/// little recall of that word).
const STOP_WORDS: &[&str] = &[
    // English
    "the",
    "and",
    "but",
    "for",
    "from",
    "with",
    "about",
    "into",
    "over",
    "after",
    "before",
    "under",
    "between",
    "through",
    "during",
    "without",
    "within",
    "are",
    "was",
    "were",
    "been",
    "being",
    "has",
    "have",
    "had",
    "does",
    "did",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "must",
    "shall",
    "its",
    "this",
    "that",
    "these",
    "those",
    "there",
    "here",
    "she",
    "they",
    "them",
    "his",
    "her",
    "their",
    "our",
    "you",
    "your",
    "not",
    "who",
    "whom",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "some",
    "more",
    "most",
    "other",
    "such",
    "only",
    "own",
    "same",
    "too",
    "very",
    "also",
    "just",
    "now",
    "said",
    "says",
    "say",
    "told",
    "out",
    "off",
    "again",
    "once",
    "than",
    "then",
    "one",
    "per",
    "cent",
    "while",
    "because",
    "since",
    "until",
    "both",
    "each",
    "few",
    "many",
    "much",
    "yet",
    "still",
    "even",
    "around",
    "against",
    "across",
    "among",
    "upon",
    "like",
    "whether",
    "though",
    "although",
    "however",
    "according",
    "would",
    "its",
    "it",
    "him",
    "himself",
    "itself",
    "also",
    "another",
    "could",
    "did",
    "do",
    "done",
    "got",
    "get",
    "make",
    "made",
    "new",
    "last",
    "first",
    "next",
    "year",
    "years",
    "week",
    "day",
    "days",
    "time",
    "way",
    "well",
    "back",
    "down",
    "way",
    "people",
    "including",
    "added",
    "saying",
    // German
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einer",
    "eines",
    "einem",
    "einen",
    "und",
    "oder",
    "aber",
    "wenn",
    "dann",
    "als",
    "von",
    "vom",
    "zum",
    "zur",
    "auf",
    "aus",
    "bei",
    "mit",
    "nach",
    "seit",
    "für",
    "fur",
    "über",
    "uber",
    "unter",
    "vor",
    "hinter",
    "zwischen",
    "durch",
    "gegen",
    "ohne",
    "ist",
    "sind",
    "war",
    "waren",
    "wird",
    "werden",
    "wurde",
    "wurden",
    "sein",
    "seine",
    "seiner",
    "ihre",
    "ihrer",
    "hat",
    "haben",
    "hatte",
    "hatten",
    "nicht",
    "kein",
    "keine",
    "sie",
    "wir",
    "ihr",
    "ich",
    "sich",
    "auch",
    "noch",
    "nur",
    "schon",
    "sehr",
    "wie",
    "was",
    "wer",
    "dass",
    "daß",
    "sagte",
    "sagt",
    "man",
    "soll",
    "sollen",
    "kann",
    "können",
    "konnen",
    "muss",
    "müssen",
    "mussen",
    "bis",
    "bereits",
    "wieder",
    "dies",
    "diese",
    "dieser",
    "dieses",
    "diesem",
    "diesen",
    "jetzt",
    "mehr",
    "dort",
    "hier",
    "damit",
    "dabei",
    "sowie",
    "laut",
    "rund",
    "etwa",
    "denn",
    "doch",
    "zudem",
    "einem",
    "beim",
    "ins",
    "im",
    "am",
    // Spanish
    "los",
    "las",
    "una",
    "unos",
    "unas",
    "pero",
    "del",
    "por",
    "para",
    "con",
    "sin",
    "sobre",
    "entre",
    "desde",
    "hasta",
    "son",
    "era",
    "fue",
    "fueron",
    "ser",
    "han",
    "había",
    "habia",
    "que",
    "sus",
    "les",
    "más",
    "mas",
    "como",
    "cuando",
    "donde",
    "muy",
    "también",
    "tambien",
    "dijo",
    "este",
    "esta",
    "estos",
    "estas",
    "ese",
    "esa",
    "esos",
    "esas",
    "según",
    "segun",
    "tras",
    "ante",
    "porque",
    "hay",
    "será",
    "sera",
    "está",
    "esta",
    "están",
    "estan",
    "sido",
    "otro",
    "otra",
    "otros",
    "otras",
    "todo",
    "toda",
    "todos",
    "todas",
    "cual",
    "cuales",
    "quien",
    "ayer",
    "hoy",
    // French
    "les",
    "une",
    "des",
    "et",
    "ou",
    "mais",
    "aux",
    "par",
    "pour",
    "avec",
    "sans",
    "sur",
    "sous",
    "depuis",
    "est",
    "sont",
    "était",
    "etait",
    "été",
    "ete",
    "être",
    "etre",
    "ont",
    "avait",
    "qui",
    "son",
    "ses",
    "cette",
    "ces",
    "pas",
    "plus",
    "comme",
    "quand",
    "très",
    "tres",
    "aussi",
    "elle",
    "ils",
    "elles",
    "nous",
    "vous",
    "leur",
    "leurs",
    "dans",
    "selon",
    "dont",
    "fait",
    "été",
    "sera",
    "seront",
    "ainsi",
    "tout",
    "tous",
    "toute",
    "toutes",
    "entre",
    "après",
    "apres",
    "avant",
    "déjà",
    "deja",
    "encore",
    "même",
    "meme",
    "lors",
    // Italian
    "gli",
    "della",
    "delle",
    "degli",
    "dello",
    "dei",
    "nel",
    "nella",
    "nelle",
    "negli",
    "alla",
    "alle",
    "agli",
    "allo",
    "dalla",
    "dalle",
    "sulla",
    "sulle",
    "con",
    "per",
    "tra",
    "fra",
    "che",
    "non",
    "sono",
    "stato",
    "stata",
    "stati",
    "essere",
    "anche",
    "come",
    "più",
    "piu",
    "questo",
    "questa",
    "questi",
    "queste",
    "quello",
    "quella",
    "loro",
    "suo",
    "sua",
    "suoi",
    "hanno",
    "aveva",
    "dopo",
    "prima",
    "ancora",
    "secondo",
    "detto",
    "già",
    "gia",
    // Portuguese
    "uma",
    "umas",
    "uns",
    "dos",
    "das",
    "nos",
    "nas",
    "pelo",
    "pela",
    "pelos",
    "pelas",
    "com",
    "sem",
    "sob",
    "entre",
    "até",
    "ate",
    "são",
    "sao",
    "foi",
    "foram",
    "ser",
    "tem",
    "têm",
    "tinha",
    "não",
    "nao",
    "mais",
    "como",
    "quando",
    "onde",
    "muito",
    "também",
    "disse",
    "seu",
    "sua",
    "seus",
    "suas",
    "isso",
    "isto",
    "este",
    "esta",
    "esse",
    "essa",
    "ele",
    "ela",
    "eles",
    "elas",
    "segundo",
    "após",
    "apos",
    "ainda",
    "já",
    // Dutch
    "het",
    "een",
    "van",
    "voor",
    "met",
    "naar",
    "bij",
    "aan",
    "uit",
    "over",
    "door",
    "tegen",
    "zonder",
    "tussen",
    "onder",
    "zijn",
    "was",
    "waren",
    "wordt",
    "worden",
    "werd",
    "werden",
    "heeft",
    "hebben",
    "had",
    "hadden",
    "niet",
    "geen",
    "ook",
    "nog",
    "maar",
    "als",
    "dan",
    "dat",
    "die",
    "deze",
    "dit",
    "wat",
    "wie",
    "waar",
    "hoe",
    "wel",
    "zei",
    "zegt",
    "volgens",
    "hun",
    "zich",
    "kan",
    "kunnen",
    "moet",
    "moeten",
    "zal",
    "zullen",
    "meer",
    "veel",
];

/// Small number words → digits, so "ten days" and "10 days" agree. Words
/// that are also common words elsewhere ("once", "neuf", "one", "un") are
/// left out.
const NUMBER_WORDS: &[(&str, &str)] = &[
    ("two", "2"),
    ("three", "3"),
    ("four", "4"),
    ("five", "5"),
    ("seven", "7"),
    ("eight", "8"),
    ("nine", "9"),
    ("ten", "10"),
    ("eleven", "11"),
    ("twelve", "12"),
    ("twenty", "20"),
    ("zwei", "2"),
    ("drei", "3"),
    ("vier", "4"),
    ("fünf", "5"),
    ("sechs", "6"),
    ("sieben", "7"),
    ("acht", "8"),
    ("neun", "9"),
    ("zehn", "10"),
    ("zwölf", "12"),
    ("zwanzig", "20"),
    ("tres", "3"),
    ("cuatro", "4"),
    ("cinco", "5"),
    ("seis", "6"),
    ("siete", "7"),
    ("ocho", "8"),
    ("nueve", "9"),
    ("diez", "10"),
    ("doce", "12"),
    ("veinte", "20"),
    ("deux", "2"),
    ("trois", "3"),
    ("quatre", "4"),
    ("cinq", "5"),
    ("huit", "8"),
    ("dix", "10"),
    ("douze", "12"),
    ("vingt", "20"),
];

/// What a normalised word is to the term extractor: a stop word, a number
/// word (with its digits), or (absent) a content word. One hash lookup per
/// word.
#[derive(Debug, Clone, Copy)]
enum Lexeme {
    Stop,
    Number(&'static str),
}

fn lexeme(w: &str) -> Option<Lexeme> {
    use std::sync::OnceLock;
    /// The entries, and the longest of them in bytes (a longer word is
    /// none of them, and needs no lookup).
    static MAP: OnceLock<(ahash::AHashMap<&'static str, Lexeme>, usize)> = OnceLock::new();
    let (map, longest) = MAP.get_or_init(|| {
        let mut m: ahash::AHashMap<&'static str, Lexeme> =
            STOP_WORDS.iter().map(|&w| (w, Lexeme::Stop)).collect();
        // Number words win over a stop entry of the same spelling.
        m.extend(NUMBER_WORDS.iter().map(|&(w, d)| (w, Lexeme::Number(d))));
        let longest = m.keys().map(|k| k.len()).max().unwrap_or(0);
        (m, longest)
    });
    if w.len() > *longest {
        return None;
    }
    map.get(w).copied()
}

/// The hash of a number's digits (tagged, so the number 2019 and a word
/// stem never collide).
fn number_hash(digits: &str) -> u64 {
    word_hash(digits.as_bytes()) ^ 0x9e37_79b9_7f4a_7c15
}

/// Appends the content terms of `text` to `out` (in text order).
pub(crate) fn terms_into(text: &str, s: &mut Scratch, out: &mut Vec<Term>) {
    // Compatibility forms folded first (full-width digits are digits).
    let text = &*segment::nfkc(text);
    let mut sentence_start = true;
    // ASCII text splits by bytes (the same separators as
    // `split_whitespace`: U+0009–U+000D and the space).
    let ascii = text.is_ascii();
    let mut by_bytes = ascii_words(text);
    let mut by_chars = text.split_whitespace();
    let mut next_raw = move || {
        if ascii {
            by_bytes.next()
        } else {
            by_chars.next()
        }
    };
    while let Some(raw) = next_raw() {
        let starts = sentence_start;
        // Byte tests: the marks are ASCII, and no byte of a multi-byte
        // character equals an ASCII one.
        let rb = raw.as_bytes();
        sentence_start = match rb[rb.len() - 1] {
            b'.' | b'!' | b'?' | b':' | b';' => true,
            b'"' => raw.ends_with(".\""),
            0x9d => raw.ends_with(".”"),
            _ => false,
        };
        let mut word = if rb[0].is_ascii_alphanumeric() {
            raw
        } else {
            raw.trim_start_matches(|c: char| !c.is_alphanumeric())
        };
        // Elision: "l'enquête", "dell'anno", "qu'il".
        let ap = match word.bytes().position(|b| b == b'\'' || b >= 0x80) {
            Some(i) if word.as_bytes()[i] == b'\'' => Some(i),
            Some(_) => word.find(['\'', '’']),
            None => None,
        };
        if let Some(ap) = ap {
            let (head, tail) = (&word[..ap], &word[ap..]);
            let rest = tail.trim_start_matches(['\'', '’']);
            if !rest.is_empty()
                && rest.starts_with(char::is_alphabetic)
                && ELISIONS.iter().any(|e| head.eq_ignore_ascii_case(e))
            {
                word = rest;
            }
        }
        let Some(first) = word.chars().next() else {
            sentence_start |= starts;
            continue;
        };
        let capital = first.is_uppercase() && !starts;
        if word.bytes().any(|b| b.is_ascii_digit()) {
            // Digits only: "52,000" → "52000", "1.4km" → "14".
            s.digits.clear();
            s.digits.extend(word.chars().filter(char::is_ascii_digit));
            out.push(Term {
                hash: number_hash(&s.digits),
                kind: Kind::Number,
            });
            continue;
        }
        s.buf.clear();
        s.spans.clear();
        // Fast path, most words: ASCII letters with trailing punctuation
        // at most normalise to themselves in lower case, spelling folded
        // as normalisation folds it ("colour" and "color" are one word).
        let bare = word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '%');
        if !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_alphabetic()) {
            s.buf.push_str(bare);
            s.buf.make_ascii_lowercase();
            segment::fold_spelling(&mut s.buf, 0);
            s.spans.push((0, s.buf.len() as u32));
        } else {
            segment::normalize_folded(word, &mut s.buf, &mut s.spans);
        }
        for &(a, b) in &s.spans {
            let w = &s.buf[a as usize..b as usize];
            match lexeme(w) {
                Some(Lexeme::Number(d)) => {
                    out.push(Term {
                        hash: number_hash(d),
                        kind: Kind::Number,
                    });
                    continue;
                }
                Some(Lexeme::Stop) => continue,
                None if char_count_below(w, MIN_WORD_CHARS) => continue,
                None => {}
            }
            // A plural "-s" goes before cutting ("ropes" → "rope").
            let w = match w.strip_suffix('s') {
                Some(b) if b.len() >= MIN_WORD_CHARS && !b.ends_with(['s', 'u', 'i']) => b,
                _ => w,
            };
            let stem = if w.len() <= STEM_CHARS {
                w
            } else if w.as_bytes()[..=STEM_CHARS].is_ascii() {
                &w[..STEM_CHARS]
            } else {
                match w.char_indices().nth(STEM_CHARS) {
                    Some((cut, _)) => &w[..cut],
                    None => w,
                }
            };
            out.push(Term {
                hash: word_hash(stem.as_bytes()),
                kind: if capital { Kind::Name } else { Kind::Word },
            });
        }
    }
}

/// The words of ASCII `text` between runs of the bytes
/// `str::split_whitespace` splits ASCII at (U+0009–U+000D, the space).
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let gap = |c: u8| c == b' ' || (b'\t'..=b'\r').contains(&c);
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() && gap(b[i]) {
            i += 1;
        }
        if i == b.len() {
            return None;
        }
        let start = i;
        while i < b.len() && !gap(b[i]) {
            i += 1;
        }
        text.get(start..i)
    })
}

/// Whether `w` has fewer than `n` characters (bytes first: fewer bytes
/// than `n` means fewer characters, and ASCII text has one per byte).
fn char_count_below(w: &str, n: usize) -> bool {
    if w.len() < n {
        true
    } else if w.is_ascii() {
        false
    } else {
        w.chars().nth(n - 1).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The char-by-char version the byte tests replaced (the oracle).
    fn terms_by_chars(text: &str, s: &mut Scratch, out: &mut Vec<Term>) {
        let mut sentence_start = true;
        for raw in text.split_whitespace() {
            let starts = sentence_start;
            sentence_start = raw.ends_with(['.', '!', '?', ':', ';'])
                || raw.ends_with(".\"")
                || raw.ends_with(".”");
            let mut word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
            // Elision: "l'enquête", "dell'anno", "qu'il".
            if let Some(ap) = word.find(['\'', '’']) {
                let (head, tail) = (&word[..ap], &word[ap..]);
                let rest = tail.trim_start_matches(['\'', '’']);
                if !rest.is_empty()
                    && rest.starts_with(char::is_alphabetic)
                    && ELISIONS.iter().any(|e| head.eq_ignore_ascii_case(e))
                {
                    word = rest;
                }
            }
            let Some(first) = word.chars().next() else {
                sentence_start |= starts;
                continue;
            };
            let capital = first.is_uppercase() && !starts;
            if word.chars().any(|c| c.is_ascii_digit()) {
                // Digits only: "52,000" → "52000", "1.4km" → "14".
                s.digits.clear();
                s.digits.extend(word.chars().filter(char::is_ascii_digit));
                out.push(Term {
                    hash: number_hash(&s.digits),
                    kind: Kind::Number,
                });
                continue;
            }
            s.buf.clear();
            s.spans.clear();
            // Fast path, most words: ASCII letters with trailing punctuation
            // at most normalise to themselves in lower case, spelling folded
            // as normalisation folds it ("colour" and "color" are one word).
            let bare = word.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != '%');
            if !bare.is_empty() && bare.bytes().all(|b| b.is_ascii_alphabetic()) {
                s.buf
                    .extend(bare.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                crate::segment::fold_spelling(&mut s.buf, 0);
                s.spans.push((0, s.buf.len() as u32));
            } else {
                crate::segment::normalize_into(word, &mut s.buf, &mut s.spans);
            }
            for &(a, b) in &s.spans {
                let w = &s.buf[a as usize..b as usize];
                match lexeme(w) {
                    Some(Lexeme::Number(d)) => {
                        out.push(Term {
                            hash: number_hash(d),
                            kind: Kind::Number,
                        });
                        continue;
                    }
                    Some(Lexeme::Stop) => continue,
                    None if w.chars().nth(MIN_WORD_CHARS - 1).is_none() => continue,
                    None => {}
                }
                // A plural "-s" goes before cutting ("ropes" → "rope").
                let w = match w.strip_suffix('s') {
                    Some(b) if b.len() >= MIN_WORD_CHARS && !b.ends_with(['s', 'u', 'i']) => b,
                    _ => w,
                };
                let stem = match w.char_indices().nth(STEM_CHARS) {
                    Some((cut, _)) => &w[..cut],
                    None => w,
                };
                out.push(Term {
                    hash: word_hash(stem.as_bytes()),
                    kind: if capital { Kind::Name } else { Kind::Word },
                });
            }
        }
    }

    proptest! {
        /// The byte-level shortcuts give exactly the char-level terms.
        #[test]
        fn bytes_and_chars_agree(words in proptest::collection::vec(
            "(l'|d’|qu'|—|«|\\(|\"|“)?[A-Za-zäöüÄÖÜßéèçñ0-9'’.,%-]{0,12}[.!?:;\"”)»,]{0,2}", 0..30)) {
            let text = words.join(" ");
            let (mut a, mut b) = (Vec::new(), Vec::new());
            terms_into(&text, &mut Scratch::default(), &mut a);
            terms_by_chars(&text, &mut Scratch::default(), &mut b);
            prop_assert_eq!(a, b, "{}", text);
        }

        /// Every separator `split_whitespace` knows splits ASCII text the
        /// same way on the byte path.
        #[test]
        fn ascii_separators_agree(text in "[A-Za-z0-9.,' \t\n\r\x0b\x0c]{0,60}") {
            let words: Vec<&str> = ascii_words(&text).collect();
            let want: Vec<&str> = text.split_whitespace().collect();
            prop_assert_eq!(words, want);
        }
    }

    fn terms(t: &str) -> Vec<Term> {
        let mut out = Vec::new();
        terms_into(t, &mut Scratch::default(), &mut out);
        out
    }

    fn hashes(t: &str) -> Vec<u64> {
        let mut h: Vec<u64> = terms(t).iter().map(|t| t.hash).collect();
        h.sort_unstable();
        h.dedup();
        h
    }

    #[test]
    fn numbers_keep_their_digits_whatever_the_notation() {
        assert_eq!(hashes("52,000 vehicles"), hashes("52.000 vehicle"));
        assert_eq!(hashes("a 1.4km trip"), hashes("the 1.4-kilometre trips"));
        assert_eq!(hashes("within ten days"), hashes("within 10 days"));
        assert_ne!(hashes("11,200 acres"), hashes("17,800 acres"));
    }

    #[test]
    fn stems_join_inflections_and_stop_words_go() {
        assert_eq!(hashes("the inspectors"), hashes("an inspection"));
        assert_eq!(hashes("Linwick's port"), hashes("in Linwick, the ports"));
        assert!(terms("the and of it is was").is_empty());
        assert_eq!(hashes("l'enquête"), hashes("une enquête"));
    }

    #[test]
    fn spelling_variants_are_one_term() {
        assert_eq!(
            hashes("the colour of the harbour"),
            hashes("the color of the harbor")
        );
        assert_eq!(hashes("organised"), hashes("organized"));
    }

    #[test]
    fn kinds() {
        let t = terms("Engineers closed the Corran bridge on 4 November.");
        let kinds: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [
                Kind::Word,   // engineers (sentence start: not a name)
                Kind::Word,   // closed
                Kind::Name,   // Corran
                Kind::Word,   // bridge
                Kind::Number, // 4
                Kind::Name,   // November
            ]
        );
    }
}
