//! Plain-text scrapes → blocks.
//!
//! A scrape puts paragraphs either on their own lines or between blank
//! lines, sometimes both. Every non-empty line is a block, except that a
//! hard-wrapped line (no sentence-final punctuation, next line starting in
//! lower case) is joined with the next one.

use crate::boilerplate::{self, Block, Cleaned, TitleMode};

/// Splits a text scrape into blocks.
pub(crate) fn blocks(body: &str) -> Vec<Block> {
    let body = body.strip_prefix('\u{feff}').unwrap_or(body);
    let mut out: Vec<Block> = Vec::new();
    let mut joinable = false;
    // "\r\n" and a lone "\r" (old Mac exports) end lines too.
    for raw in body
        .split('\n')
        .flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r'))
    {
        let line = collapse(raw);
        if line.is_empty() {
            joinable = false;
            continue;
        }
        let starts_lower = line.chars().next().is_some_and(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if joinable && starts_lower => {
                prev.text.push(' ');
                prev.text.push_str(&line);
            }
            _ => out.push(Block::new(line)),
        }
        let last = out.last().map_or("", |b| b.text.as_str());
        joinable = !last.ends_with(['.', '!', '?', ':', '"', '”', '’', ')']) && last.len() >= 40;
    }
    out
}

/// Collapses runs of whitespace (including non-breaking spaces) and trims.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    collapse_into(std::iter::once(s), &mut out);
    out
}

/// Separators for [`collapse`]: whitespace, ASCII control characters
/// (among them `\u{1}`, the HTML walker's `<br>` mark) and U+200B
/// (zero-width space). A line of nothing else is no paragraph. C1 controls
/// (U+0080–U+009F) stay: they are mostly windows-1252 bytes read as
/// Latin-1 inside a word ("we\u{92}re").
fn is_gap(c: char) -> bool {
    c.is_whitespace() || c.is_ascii_control() || c == '\u{200b}'
}

/// Invisible characters that join rather than separate (U+FEFF, a byte
/// order mark or zero-width no-break space; U+2060, the word joiner):
/// dropped, so "H\u{feff}ow" reads "How" and a line of them is empty.
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{2060}')
}

/// [`collapse`] of the concatenation of `pieces`, without building it.
pub(crate) fn collapse_pieces<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    collapse_into(pieces, &mut out);
    out
}

fn collapse_into<'a>(pieces: impl Iterator<Item = &'a str>, out: &mut String) {
    let mut gap = false;
    for piece in pieces {
        // Word spans are found by bytes; only non-ASCII bytes need a char
        // decode (a separator can be U+00A0, U+2009, U+200B…).
        let b = piece.as_bytes();
        let mut i = 0;
        let mut start: Option<usize> = None;
        while i < b.len() {
            let (sep, drop, len) = if b[i] < 0x80 {
                (b[i] <= b' ' || b[i] == 0x7f, false, 1)
            } else {
                let c = piece[i..].chars().next().unwrap_or(' ');
                (is_gap(c), is_dropped(c), c.len_utf8())
            };
            if sep || drop {
                if let Some(s) = start.take() {
                    push_word(out, &mut gap, &piece[s..i]);
                }
                // A dropped character joins what is on either side.
                gap |= sep;
            } else if start.is_none() {
                start = Some(i);
            }
            i += len;
        }
        if let Some(s) = start {
            push_word(out, &mut gap, &piece[s..]);
        }
    }
}

fn push_word(out: &mut String, gap: &mut bool, w: &str) {
    if *gap && !out.is_empty() {
        out.push(' ');
    }
    *gap = false;
    out.push_str(w);
}

/// Cleans a text scrape.
pub(crate) fn clean(body: &str) -> Cleaned {
    boilerplate::clean_blocks(blocks(body), TitleMode::FirstLine, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn collapse_matches_the_naive_definition(
            pieces in proptest::collection::vec("[a \t\n\u{0}\u{1}\u{7f}\u{85}\u{a0}\u{200b}\u{200d}\u{2060}\u{3000}\u{feff}é語]{0,12}", 0..5)
        ) {
            let naive: Vec<&str> = Vec::new();
            let joined: String = pieces.concat().chars().filter(|&c| !is_dropped(c)).collect();
            let mut naive = naive;
            naive.extend(joined.split(is_gap).filter(|w| !w.is_empty()));
            proptest::prop_assert_eq!(collapse_pieces(pieces.iter().map(String::as_str)), naive.join(" "));
        }
    }

    #[test]
    fn collapse_pieces_equals_collapse_of_the_concatenation() {
        let cases: &[&[&str]] = &[
            &["Hel", "lo ", " world"],
            &["  a", "", "b  ", "\u{a0}c\u{1}\u{1}d "],
            &["", " ", "\u{200b}"],
            &["x\n", "\ty"],
        ];
        for pieces in cases {
            assert_eq!(
                collapse_pieces(pieces.iter().copied()),
                collapse(&pieces.concat()),
                "{pieces:?}"
            );
        }
        assert_eq!(collapse(" a\u{1}\u{1}b\u{200b} c "), "a b c");
    }

    #[test]
    fn lines_and_blank_lines_are_blocks() {
        let b = blocks("Title line\n\nFirst para.\nSecond para.\n\n\nThird para.");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["Title line", "First para.", "Second para.", "Third para."]
        );
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let b = blocks(
            "This paragraph was wrapped by the scraper at a fixed\nwidth and continues here.\nNext paragraph.",
        );
        assert_eq!(b.len(), 2);
        assert_eq!(
            b[0].text,
            "This paragraph was wrapped by the scraper at a fixed width and continues here."
        );
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let b = blocks("Title line\r\rFirst para.\rSecond para.");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Title line", "First para.", "Second para."]);
    }

    #[test]
    fn invisible_and_control_only_lines_are_no_blocks() {
        let body = "\u{feff}\n\u{200b}\u{feff}\n\u{0}\u{7}\u{1b}\n\u{2060}\nText.\n\u{feff}\n";
        let b = blocks(body);
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Text."]);
        // Joiners inside words stay, or join: "H\u{feff}ow" reads "How";
        // a C1 character (windows-1252 read as Latin-1) stays in its word.
        assert_eq!(collapse("a\u{200d}b"), "a\u{200d}b");
        assert_eq!(collapse("H\u{feff}ow \u{2060}now"), "How now");
        assert_eq!(collapse("we\u{92}re"), "we\u{92}re");
    }

    #[test]
    fn crlf_bom_and_nbsp() {
        let b = blocks("\u{feff}A\u{a0} b\r\n\r\nC");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["A b", "C"]);
    }
}
