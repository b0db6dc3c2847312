//! Raw bytes → text: charset detection and decoding.
//!
//! A crawler holds bytes, not strings. The charset is chosen in the order a
//! browser uses, with one crawler-minded exception:
//!
//! 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE) wins outright;
//! 2. else the charset the caller got from the transport (the HTTP
//!    `Content-Type` header, whole or just its `charset` value);
//! 3. else, for HTML, a `<meta charset>` or `<meta http-equiv=Content-Type>`
//!    declaration in the first 1024 bytes (the WHATWG prescan: comments and
//!    quoted attribute values are skipped, so a `>` or a fake `<meta` inside
//!    them does not mislead it);
//! 4. else UTF-8 if the bytes are valid UTF-8, and if they are not, the
//!    encoding `chardetng` (the detector Firefox uses for unlabelled pages)
//!    guesses from the bytes: windows-1252 for Western text, Shift_JIS or
//!    EUC-KR or windows-1251 or GBK for text in those scripts.
//!
//! The exception: when a declaration (2 or 3) names a legacy encoding but the
//! bytes are valid UTF-8 and contain non-ASCII text, the page is decoded as
//! UTF-8. Mislabelled UTF-8 pages are common; legacy-encoded text that
//! happens to be valid UTF-8 is rare (an accented Latin-1 letter followed by
//! ASCII is never valid UTF-8). [`Decoded::source`] says which rule decided.
//!
//! Decoding never fails: malformed sequences become U+FFFD and
//! [`Decoded::had_errors`] is set. Labels are matched as the WHATWG Encoding
//! Standard says (case-insensitive, with its aliases); an unknown label is
//! ignored, as a browser ignores it.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::document::Format;

/// How many leading bytes the `<meta>` prescan looks at (as in browsers).
const PRESCAN_BYTES: usize = 1024;

/// Which rule chose the charset a document was decoded with.
///
/// # Examples
///
/// ```
/// use storysift::{decode, CharsetSource, Format};
///
/// assert_eq!(decode(b"\xEF\xBB\xBFhi", Format::Text, None).source(), CharsetSource::ByteOrderMark);
/// assert_eq!(decode(b"plain ascii", Format::Text, None).source(), CharsetSource::Utf8);
/// assert_eq!(decode(b"caf\xe9", Format::Text, None).source(), CharsetSource::Fallback);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CharsetSource {
    /// A byte order mark at the start of the bytes.
    ByteOrderMark,
    /// The charset the caller passed (from the HTTP header).
    Caller,
    /// A `<meta>` declaration in the page's first 1024 bytes.
    Meta,
    /// Nothing usable was declared, or a declaration named a legacy encoding
    /// that the bytes contradict, and the bytes are valid UTF-8.
    Utf8,
    /// Nothing usable was declared and the bytes are not valid UTF-8: the
    /// encoding guessed from the bytes (the detector Firefox uses;
    /// windows-1252 for Western text).
    Fallback,
}

/// Text decoded from bytes, with the charset used and why.
///
/// # Examples
///
/// ```
/// use storysift::{decode, CharsetSource, Format};
///
/// let page = b"<meta charset=iso-8859-1><p>Caf\xe9 cr\xe8me</p>";
/// let d = decode(page, Format::Html, None);
/// assert_eq!(d.encoding(), "windows-1252");
/// assert_eq!(d.source(), CharsetSource::Meta);
/// assert!(d.text().contains("Café crème"));
///
/// // A charset from the HTTP header outranks the page's own declaration.
/// let d = decode(b"<meta charset=utf-8>\xe9t\xe9", Format::Html, Some("text/html; charset=latin1"));
/// assert_eq!(d.source(), CharsetSource::Caller);
/// assert!(d.text().ends_with("été"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded<'a> {
    text: Cow<'a, str>,
    encoding: &'static Encoding,
    source: CharsetSource,
    had_errors: bool,
}

impl<'a> Decoded<'a> {
    /// The decoded text (borrowed from the input when it was valid UTF-8).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The decoded text, by value.
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// The WHATWG name of the encoding used, e.g. `"UTF-8"`,
    /// `"windows-1252"`, `"Shift_JIS"`.
    pub fn encoding(&self) -> &'static str {
        self.encoding.name()
    }

    /// Which rule chose the encoding.
    pub fn source(&self) -> CharsetSource {
        self.source
    }

    /// Whether some bytes were malformed in the chosen encoding and were
    /// replaced by U+FFFD.
    pub fn had_errors(&self) -> bool {
        self.had_errors
    }
}

/// Decodes a document's raw bytes.
///
/// `charset` is what the transport said, if anything: a label such as
/// `"ISO-8859-1"` or a whole `Content-Type` value such as
/// `"text/html; charset=Shift_JIS"`. The charset is chosen in the order a
/// browser uses:
///
/// 1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
/// 2. else `charset`, if it names a known encoding;
/// 3. else, for [`Format::Html`], a `<meta charset>` or
///    `<meta http-equiv=Content-Type>` in the first 1024 bytes (the WHATWG
///    prescan: comments and quoted attribute values are skipped);
/// 4. else UTF-8 if the bytes are valid UTF-8; if not, the encoding
///    guessed from the bytes by `chardetng`, the detector Firefox uses for
///    unlabelled pages (windows-1252 for Western text; Shift_JIS, EUC-KR,
///    GBK, windows-1251 and the other legacy encodings for their scripts).
///
/// One exception: when 2 or 3 names a legacy encoding but the bytes are
/// valid UTF-8 with non-ASCII text, they are decoded as UTF-8 (mislabelled
/// UTF-8 pages are common; legacy text that happens to be valid UTF-8 is
/// not). [`Decoded::source`] says which rule decided. Labels follow the
/// WHATWG Encoding Standard (`ISO-8859-1` means windows-1252, as in
/// browsers); unknown labels are ignored.
///
/// Never panics and never fails: undecodable bytes become U+FFFD and
/// [`Decoded::had_errors`] is set.
pub fn decode<'a>(bytes: &'a [u8], format: Format, charset: Option<&str>) -> Decoded<'a> {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(&bytes[bom_len..], encoding, CharsetSource::ByteOrderMark);
    }
    let declared = charset
        .and_then(transport_label)
        .map(|e| (e, CharsetSource::Caller))
        .or_else(|| match format {
            Format::Html => {
                prescan(&bytes[..bytes.len().min(PRESCAN_BYTES)]).map(|e| (e, CharsetSource::Meta))
            }
            Format::Text => None,
        });
    let utf8 = |bytes: &'a [u8]| std::str::from_utf8(bytes).ok();
    match declared {
        Some((encoding, source)) if encoding == UTF_8 => finish(bytes, UTF_8, source),
        Some((encoding, source)) => {
            let wide = encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE;
            match utf8(bytes).filter(|_| !wide && !bytes.is_ascii()) {
                Some(text) => valid_utf8(text),
                None => finish(bytes, encoding, source),
            }
        }
        None => match utf8(bytes) {
            Some(text) => valid_utf8(text),
            None => finish(bytes, guess(bytes), CharsetSource::Fallback),
        },
    }
}

/// The legacy encoding of undeclared bytes that are not UTF-8, guessed from
/// their first [`GUESS_BYTES`] (enough for any script; the detector's cost
/// is linear in what it reads).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let head = &bytes[..bytes.len().min(GUESS_BYTES)];
    // A handful of non-ASCII bytes ("na\xefve") is no evidence of a script:
    // windows-1252, what browsers assume for unlabelled Western pages.
    if head.iter().filter(|b| !b.is_ascii()).count() < MIN_GUESS_EVIDENCE {
        return WINDOWS_1252;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(head, head.len() == bytes.len());
    // A guess that beat no other candidate (a few accented letters in
    // English) is no evidence: windows-1252, what browsers assume for
    // unlabelled Western pages. (Told not to, the detector never answers
    // UTF-8.)
    match detector.guess_assess(None, false) {
        (guessed, true) if guessed != UTF_8 => guessed,
        _ => WINDOWS_1252,
    }
}

/// Non-ASCII bytes below which [`guess`] does not ask the detector.
const MIN_GUESS_EVIDENCE: usize = 16;

/// How many leading bytes [`guess`] reads.
const GUESS_BYTES: usize = 1 << 16;

/// Bytes already validated as UTF-8: borrowed as they are.
fn valid_utf8(text: &str) -> Decoded<'_> {
    Decoded {
        text: Cow::Borrowed(text),
        encoding: UTF_8,
        source: CharsetSource::Utf8,
        had_errors: false,
    }
}

fn finish<'a>(bytes: &'a [u8], encoding: &'static Encoding, source: CharsetSource) -> Decoded<'a> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    Decoded {
        text,
        encoding,
        source,
        had_errors,
    }
}

/// A transport charset: a bare label, or a `Content-Type` value with a
/// `charset` parameter.
fn transport_label(value: &str) -> Option<&'static Encoding> {
    let label = if value.contains(';') || value.contains('=') {
        charset_parameter(value.as_bytes())?
    } else {
        value.as_bytes()
    };
    Encoding::for_label(label)
}

/// An encoding declared in a `<meta>` element, mapped as HTML says:
/// UTF-16 declarations in an 8-bit page mean UTF-8, `x-user-defined` means
/// windows-1252.
fn meta_encoding(label: &[u8]) -> Option<&'static Encoding> {
    let e = Encoding::for_label(label)?;
    Some(
        if e == encoding_rs::UTF_16BE || e == encoding_rs::UTF_16LE {
            UTF_8
        } else if e == encoding_rs::X_USER_DEFINED {
            WINDOWS_1252
        } else {
            e
        },
    )
}

/// The `charset=` value in a `content` attribute or `Content-Type` header
/// (the HTML "extract a character encoding from a meta element" steps).
fn charset_parameter(s: &[u8]) -> Option<&[u8]> {
    let mut i = 0;
    loop {
        let rest = s.get(i..)?;
        let at = rest
            .windows(7)
            .position(|w| w.eq_ignore_ascii_case(b"charset"))?;
        i += at + 7;
        while s.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while s.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
            i += 1;
        }
        return match s.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let start = i + 1;
                let len = s.get(start..)?.iter().position(|&b| b == q)?;
                Some(&s[start..start + len])
            }
            Some(_) => {
                let start = i;
                let len = s[start..]
                    .iter()
                    .position(|&b| b == b';' || b.is_ascii_whitespace())
                    .unwrap_or(s.len() - start);
                Some(&s[start..start + len])
            }
            None => None,
        };
    }
}

/// The WHATWG prescan over the first bytes of a page.
fn prescan(s: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        if rest.starts_with(b"<!--") {
            // Skip the comment; `-->` may share the opening's dashes (`<!-->`).
            i += 2 + rest[2..].windows(3).position(|w| w == b"-->")? + 3;
        } else if starts_with_ci(rest, b"<meta")
            && rest
                .get(5)
                .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
        {
            i += 6;
            let mut pragma = false;
            let mut charset = None;
            let mut content = None;
            while let Some((name, value, next)) = attribute(s, i) {
                i = next;
                if name.eq_ignore_ascii_case(b"http-equiv") {
                    pragma |= value.eq_ignore_ascii_case(b"content-type");
                } else if name.eq_ignore_ascii_case(b"charset") {
                    charset = charset.or(Some(value));
                } else if name.eq_ignore_ascii_case(b"content") {
                    content = content.or(Some(value));
                }
            }
            let label = charset.or_else(|| content.filter(|_| pragma).and_then(charset_parameter));
            if let Some(e) = label.and_then(|l| meta_encoding(trim_ascii(l))) {
                return Some(e);
            }
            i = skip_past(s, i, b'>');
        } else if rest.first() == Some(&b'<')
            && (rest.get(1).is_some_and(u8::is_ascii_alphabetic)
                || (rest.get(1) == Some(&b'/') && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Another tag: skip its name, then its attributes (whose quoted
            // values may hold `>`).
            i += 1;
            while i < s.len() && !s[i].is_ascii_whitespace() && s[i] != b'>' {
                i += 1;
            }
            while let Some((_, _, next)) = attribute(s, i) {
                i = next;
            }
            i = skip_past(s, i, b'>');
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i = skip_past(s, i, b'>');
        } else {
            i += 1;
        }
    }
    None
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn trim_ascii(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

/// The index just past the next `byte` at or after `i` (or the end).
fn skip_past(s: &[u8], i: usize, byte: u8) -> usize {
    s.get(i..)
        .and_then(|r| r.iter().position(|&b| b == byte))
        .map_or(s.len(), |p| i + p + 1)
}

/// The HTML "get an attribute" step: the next attribute's name and value
/// at `i`, and the index after it; `None` at `>` or the end.
fn attribute(s: &[u8], mut i: usize) -> Option<(&[u8], &[u8], usize)> {
    while s
        .get(i)
        .is_some_and(|&b| b.is_ascii_whitespace() || b == b'/')
    {
        i += 1;
    }
    match s.get(i) {
        None | Some(b'>') => return None,
        _ => {}
    }
    let name_start = i;
    while let Some(&b) = s.get(i) {
        if b == b'=' && i > name_start {
            break;
        }
        if b.is_ascii_whitespace() || b == b'/' || b == b'>' {
            break;
        }
        i += 1;
    }
    let name = &s[name_start..i];
    while s.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    if s.get(i) != Some(&b'=') {
        return Some((name, &[], i));
    }
    i += 1;
    while s.get(i).is_some_and(u8::is_ascii_whitespace) {
        i += 1;
    }
    match s.get(i) {
        Some(&q @ (b'"' | b'\'')) => {
            let start = i + 1;
            let len = s.get(start..)?.iter().position(|&b| b == q)?;
            Some((name, &s[start..start + len], start + len + 1))
        }
        _ => {
            let start = i;
            while s
                .get(i)
                .is_some_and(|&b| !b.is_ascii_whitespace() && b != b'>')
            {
                i += 1;
            }
            Some((name, &s[start..i], i))
        }
    }
}

/// Signatures of binary formats a crawler meets under an HTML or text
/// name: the leading bytes and what they mean.
const SIGNATURES: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\x00asm", "WebAssembly module"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"\x1a\x45\xdf\xa3", "Matroska/WebM media"),
];

/// The binary format `bytes` starts with, if any (RIFF containers and
/// ISO media by their sub-type too).
pub(crate) fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    if let Some(&(_, kind)) = SIGNATURES.iter().find(|(sig, _)| bytes.starts_with(sig)) {
        return Some(kind);
    }
    if bytes.len() >= 12 && bytes.starts_with(b"RIFF") {
        return Some(match &bytes[8..12] {
            b"WEBP" => "WebP image",
            b"WAVE" => "WAV audio",
            b"AVI " => "AVI video",
            _ => "RIFF data",
        });
    }
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return Some("ISO media (MP4, HEIC…)");
    }
    None
}

/// Characters sampled from the start of a text by [`mostly_control`].
const SAMPLE_CHARS: usize = 16 * 1024;
/// Share of ASCII control characters (tab, line and page breaks aside)
/// and U+FFFD replacement characters over which a text is not text:
/// random bytes decode to about 12 % C0 controls in windows-1252 and far
/// more replacements in UTF-8; real text has next to none. (C1 controls
/// are left out: windows-1252 text read as Latin-1 has them in words.)
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Whether the start of `text` is mostly control characters and decoding
/// failures: binary data that no signature named.
pub(crate) fn mostly_control(text: &str) -> bool {
    // By bytes: a character starts at every byte that is not a UTF-8
    // continuation; C0 controls and DEL are single bytes, U+FFFD is
    // EF BF BD.
    let b = text.as_bytes();
    let (mut n, mut bad) = (0usize, 0usize);
    let mut i = 0;
    while i < b.len() && n < SAMPLE_CHARS {
        let c = b[i];
        if c & 0xc0 != 0x80 {
            n += 1;
            let control = match c {
                b'\t' | b'\n' | b'\r' | 0x0c => false,
                0..=0x1f | 0x7f => true,
                0xef => b.get(i + 1..i + 3) == Some(&[0xbf, 0xbd][..]),
                _ => false,
            };
            bad += usize::from(control);
        }
        i += 1;
    }
    n >= 64 && bad as f64 > MAX_CONTROL_SHARE * n as f64
}

/// Sequences of misread characters a text must hold before it is
/// repaired: one could be meant ("Ã©" in a page about encodings), a page
/// read wrong has them wherever it has a curly quote or an accent.
const MIN_MOJIBAKE: usize = 2;
/// Rounds of repair: text encoded twice over is repaired in two, and so
/// on to a fixed point (cleaning its own output then repairs nothing
/// more). Every encoding doubles a misread character's bytes, so no text
/// under 4 GiB is encoded more than 32 times over.
const MAX_MOJIBAKE_ROUNDS: usize = 32;

/// Repairs text that was UTF-8, was read as windows-1252 or Latin-1 and
/// was encoded as UTF-8 again ("weâ€™ve" for "we’ve", "FranÃ§ais" for
/// "Français"): pages exported or proxied with the wrong charset carry
/// such text in their bytes, whatever they declare, so no decoding undoes
/// it. A sequence is repaired when its characters, written back as
/// windows-1252 (or Latin-1) bytes, are one UTF-8 character: a lead byte
/// C2–F4 and its continuation bytes. Only a text with
/// [`MIN_MOJIBAKE`] such sequences or more is touched; legitimate text
/// does not put a continuation-byte character (U+0080–U+00BF, or one of
/// windows-1252's `€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ`) right after an accented
/// capital or a letter like `â`, `ã` or `ð`.
pub(crate) fn repair_mojibake(text: Cow<'_, str>) -> Cow<'_, str> {
    let mut text = text;
    for _ in 0..MAX_MOJIBAKE_ROUNDS {
        let mut found = 0;
        let mut at = 0;
        while found < MIN_MOJIBAKE {
            match next_mojibake(&text, at) {
                Some((_, end, _)) => {
                    found += 1;
                    at = end;
                }
                None => break,
            }
        }
        if found < MIN_MOJIBAKE {
            break;
        }
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        let mut at = 0;
        while let Some((start, end, c)) = next_mojibake(&text, at) {
            out.push_str(&text[copied..start]);
            out.push(c);
            copied = end;
            at = end;
        }
        out.push_str(&text[copied..]);
        text = Cow::Owned(out);
    }
    text
}

/// The next misread sequence at or after byte `from` of `text`: its byte
/// range and the character it stands for. Every lead (U+00C2–U+00F4) is
/// encoded C3 xx, so the search jumps from one C3 byte to the next.
fn next_mojibake(text: &str, from: usize) -> Option<(usize, usize, char)> {
    let b = text.as_bytes();
    let mut at = from;
    loop {
        let i = at + memchr::memchr(0xc3, b.get(at..)?)?;
        at = i + 1;
        let &second = b.get(i + 1)?;
        // U+00C0 + (second - 0x80): the lead byte it was read from.
        let lead = second.wrapping_add(0x40);
        let need = match lead {
            0xc2..=0xdf => 1,
            0xe0..=0xef => 2,
            0xf0..=0xf4 => 3,
            _ => continue,
        };
        let mut bytes = [lead, 0, 0, 0];
        let mut end = i + 2;
        let mut ok = true;
        for slot in bytes.iter_mut().skip(1).take(need) {
            let Some(c) = text.get(end..).and_then(|t| t.chars().next()) else {
                ok = false;
                break;
            };
            match continuation_byte(c) {
                Some(x) => *slot = x,
                None => {
                    ok = false;
                    break;
                }
            }
            end += c.len_utf8();
        }
        if !ok {
            continue;
        }
        if let Some(c) = std::str::from_utf8(&bytes[..=need])
            .ok()
            .and_then(|s| s.chars().next())
        {
            return Some((i, end, c));
        }
    }
}

/// The byte 0x80–0xBF that windows-1252 (or, for its five unassigned
/// bytes and the C1 range, Latin-1) reads as `c`.
fn continuation_byte(c: char) -> Option<u8> {
    let byte = match c {
        '\u{80}'..='\u{bf}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8a,
        '‹' => 0x8b,
        'Œ' => 0x8c,
        'Ž' => 0x8e,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9a,
        '›' => 0x9b,
        'œ' => 0x9c,
        'ž' => 0x9e,
        'Ÿ' => 0x9f,
        _ => return None,
    };
    Some(byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repaired(s: &str) -> String {
        repair_mojibake(Cow::Borrowed(s)).into_owned()
    }

    /// `s` encoded as UTF-8, read as windows-1252 and encoded again.
    fn misread(s: &str) -> String {
        WINDOWS_1252
            .decode_without_bom_handling(s.as_bytes())
            .0
            .into_owned()
    }

    proptest::proptest! {
        /// Repair never panics, and text without a lead character (no
        /// C3 byte) is never touched.
        #[test]
        fn mojibake_repair_is_total(s in "[a Ãâãð©§±\u{80}-\u{bf}€’“—é]{0,40}") {
            let r = repaired(&s);
            if !s.as_bytes().contains(&0xc3) {
                proptest::prop_assert_eq!(r, s);
            }
        }
    }

    #[test]
    fn text_read_in_the_wrong_charset_is_repaired() {
        let good = "We’ve tried Français, Español and “Deutsch” — 5 °C, 20 €.";
        assert_eq!(repaired(&misread(good)), good);
        // Read as Latin-1 (C1 controls where windows-1252 has symbols).
        let latin1: String = good.bytes().map(char::from).collect();
        assert_eq!(repaired(&latin1), good);
        // Encoded twice over.
        assert_eq!(repaired(&misread(&misread(good))), good);
        // Near misses: one sequence alone, and accented text.
        assert_eq!(
            repaired("A page about encodings: Ã© is é."),
            "A page about encodings: Ã© is é."
        );
        let accented = "São Paulo, Ñandú, à côté, Größe — «déjà» vu, Âge ±3 °C.";
        assert_eq!(repaired(accented), accented);
    }

    proptest::proptest! {
        /// The byte scan counts what a char scan counts.
        #[test]
        fn control_share_by_bytes_equals_by_chars(
            part in "[a \t\n\u{0}-\u{1f}\u{7f}\u{80}-\u{9f}\u{a0}é\u{fffd}語]{0,300}",
            reps in 1usize..120,
        ) {
            // Repeated past the sample's end (16,384 characters) too.
            let s = part.repeat(reps);
            let (mut n, mut bad) = (0usize, 0usize);
            for c in s.chars().take(SAMPLE_CHARS) {
                n += 1;
                if (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{fffd}' {
                    bad += 1;
                }
            }
            proptest::prop_assert_eq!(mostly_control(&s), n >= 64 && bad as f64 > MAX_CONTROL_SHARE * n as f64);
        }
    }

    /// Undeclared legacy bytes decode in the encoding their script was
    /// written in, not as windows-1252 mojibake.
    #[test]
    fn undeclared_legacy_encodings_are_guessed_from_the_bytes() {
        let cases = [
            (
                encoding_rs::SHIFT_JIS,
                "市議会は月曜日、新しい図書館の建設計画を賛成多数で可決した。工事は来年春に始まる予定で、総事業費は約十二億円となる。",
            ),
            (
                encoding_rs::WINDOWS_1251,
                "Городской совет в понедельник одобрил строительство новой библиотеки. Работы начнутся весной следующего года.",
            ),
            (
                encoding_rs::EUC_KR,
                "시의회는 월요일 새 도서관 건설 계획을 찬성 다수로 통과시켰다. 공사는 내년 봄에 시작될 예정이다.",
            ),
            (
                WINDOWS_1252,
                "Le conseil municipal a approuvé lundi la construction d'une nouvelle médiathèque, dont les travaux débuteront au printemps.",
            ),
        ];
        for (encoding, text) in cases {
            let (bytes, _, unmappable) = encoding.encode(text);
            assert!(!unmappable);
            for format in [Format::Text, Format::Html] {
                let d = decode(&bytes, format, None);
                assert_eq!(d.encoding(), encoding.name(), "{text}");
                assert_eq!(d.text(), text);
                assert_eq!(d.source(), CharsetSource::Fallback);
            }
        }
    }

    #[test]
    fn binary_data_is_not_text() {
        assert_eq!(
            binary_signature(b"\x89PNG\r\n\x1a\n\0\0"),
            Some("PNG image")
        );
        assert_eq!(binary_signature(b"\x1f\x8b\x08\0"), Some("gzip data"));
        assert_eq!(
            binary_signature(b"RIFF\0\0\0\0WEBPVP8 "),
            Some("WebP image")
        );
        assert_eq!(binary_signature(b"<!doctype html><p>PNG"), None);
        let mut x = 0x2545_f491_4f6c_dd1du64;
        let noise: Vec<u8> = (0..4096)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x as u8
            })
            .collect();
        for format in [Format::Html, Format::Text] {
            assert!(mostly_control(&decode(&noise, format, None).into_text()));
        }
        assert!(!mostly_control(
            "Plain text\twith tabs,\r\nline breaks and \u{c} a page break. "
                .repeat(10)
                .as_str()
        ));
        // A short text with one stray control character is text.
        assert!(!mostly_control("A line with a stray \u{7} bell."));
    }

    fn html(bytes: &[u8]) -> Decoded<'_> {
        decode(bytes, Format::Html, None)
    }

    #[test]
    fn byte_order_marks_win() {
        let d = decode(
            b"\xef\xbb\xbf<meta charset=latin1>caf\xc3\xa9",
            Format::Html,
            Some("koi8-r"),
        );
        assert_eq!(
            (d.encoding(), d.source()),
            ("UTF-8", CharsetSource::ByteOrderMark)
        );
        assert_eq!(d.text(), "<meta charset=latin1>café");
        let d = decode(b"\xff\xfeh\0i\0", Format::Text, None);
        assert_eq!((d.encoding(), d.text()), ("UTF-16LE", "hi"));
        let d = decode(b"\xfe\xff\0h\0i", Format::Text, None);
        assert_eq!((d.encoding(), d.text()), ("UTF-16BE", "hi"));
    }

    #[test]
    fn meta_declarations() {
        for page in [
            &b"<html><head><meta charset=\"windows-1251\"></head>\xcf\xf0\xe8\xe2\xe5\xf2"[..],
            b"<META CHARSET='cp1251'>\xcf\xf0\xe8\xe2\xe5\xf2",
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\xcf\xf0\xe8\xe2\xe5\xf2",
            b"<meta content='text/html;charset = \"cp1251\"' http-equiv=content-type>\xcf\xf0\xe8\xe2\xe5\xf2",
            b"<meta/charset=windows-1251 />\xcf\xf0\xe8\xe2\xe5\xf2",
        ] {
            let d = html(page);
            assert_eq!(
                (d.encoding(), d.source()),
                ("windows-1251", CharsetSource::Meta),
                "{}",
                String::from_utf8_lossy(page)
            );
            assert!(d.text().ends_with("Привет"), "{}", d.text());
        }
    }

    #[test]
    fn prescan_is_not_fooled() {
        // A meta in a comment, a `>` and a fake meta inside attribute values,
        // a content without http-equiv, and a declaration past 1024 bytes.
        let d =
            html(b"<!-- <meta charset=koi8-r> --><p title='a > <meta charset=koi8-r>'>x</p>\xe9");
        assert_eq!(d.source(), CharsetSource::Fallback);
        let d = html(b"<meta content='text/html; charset=koi8-r'>\xe9");
        assert_eq!(d.source(), CharsetSource::Fallback);
        let mut late = vec![b' '; 1100];
        late.extend_from_slice(b"<meta charset=koi8-r>\xe9");
        assert_eq!(html(&late).source(), CharsetSource::Fallback);
        // UTF-16 in a meta means UTF-8; x-user-defined means windows-1252.
        assert_eq!(html(b"<meta charset=utf-16le>ok").encoding(), "UTF-8");
        assert_eq!(
            html(b"<meta charset=x-user-defined>\xe9").encoding(),
            "windows-1252"
        );
        // An unknown label is ignored.
        assert_eq!(
            html(b"<meta charset=klingon>\xe9").source(),
            CharsetSource::Fallback
        );
    }

    #[test]
    fn caller_charset_outranks_meta() {
        let page = b"<meta charset=utf-8><p>\x93Quoted\x94</p>";
        for header in [
            "windows-1252",
            "text/html; charset=windows-1252",
            "text/html;charset=\"cp1252\"",
        ] {
            let d = decode(page, Format::Html, Some(header));
            assert_eq!(d.source(), CharsetSource::Caller, "{header}");
            assert!(d.text().contains("\u{201c}Quoted\u{201d}"));
        }
        // Unknown or parameter-less headers fall through to the page.
        let d = decode(
            b"<meta charset=koi8-r>\xf0",
            Format::Html,
            Some("text/html"),
        );
        assert_eq!(d.source(), CharsetSource::Meta);
    }

    #[test]
    fn mislabelled_utf8_is_read_as_utf8() {
        let d = html("<meta charset=iso-8859-1><p>Zürich café</p>".as_bytes());
        assert_eq!((d.encoding(), d.source()), ("UTF-8", CharsetSource::Utf8));
        assert!(d.text().contains("Zürich café"));
        // Pure ASCII keeps the declared label (it decodes the same).
        assert_eq!(
            html(b"<meta charset=iso-8859-1>abc").source(),
            CharsetSource::Meta
        );
    }

    #[test]
    fn undeclared_bytes() {
        let d = html("<p>naïve</p>".as_bytes());
        assert_eq!((d.encoding(), d.source()), ("UTF-8", CharsetSource::Utf8));
        assert!(matches!(d.clone().into_text(), Cow::Borrowed(_)));
        let d = html(b"<p>na\xefve</p>");
        assert_eq!(
            (d.encoding(), d.source()),
            ("windows-1252", CharsetSource::Fallback)
        );
        assert_eq!(d.text(), "<p>naïve</p>");
        assert!(!d.had_errors());
    }

    #[test]
    fn malformed_bytes_are_replaced() {
        let d = html(b"<meta charset=utf-8><p>bad \xff\xfe byte</p>");
        assert!(d.had_errors());
        assert!(d.text().contains("bad \u{fffd}\u{fffd} byte"));
        let d = decode(b"\x82\xa0", Format::Text, Some("shift_jis"));
        assert_eq!(d.encoding(), "Shift_JIS");
        assert_eq!(d.text(), "あ");
    }

    #[test]
    fn truncated_markup_does_not_panic() {
        for page in [
            &b"<meta"[..],
            b"<meta ",
            b"<meta charset",
            b"<meta charset=",
            b"<meta charset='utf",
            b"<!--",
            b"<!-->",
            b"<a href='x",
            b"</",
            b"<meta content=\"charset=",
            b"<meta http-equiv=content-type content='charset=\"x",
        ] {
            let _ = html(page);
        }
        assert_eq!(charset_parameter(b"charset"), None);
        assert_eq!(charset_parameter(b"charset=;"), Some(&b""[..]));
        assert_eq!(charset_parameter(b"xcharset x; charset=a"), Some(&b"a"[..]));
    }
}
