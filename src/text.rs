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
    collapse_pieces(std::iter::once(s))
}

/// Separators for [`collapse`]: whitespace, zero-width space, and `\u{1}`
/// (the HTML walker's `<br>` mark).
fn is_gap(c: char) -> bool {
    c.is_whitespace() || c == '\u{200b}' || c == '\u{1}'
}

/// [`collapse`] of the concatenation of `pieces`, without building it.
pub(crate) fn collapse_pieces<'a>(pieces: impl Iterator<Item = &'a str>) -> String {
    let mut out = String::new();
    let mut gap = false;
    for piece in pieces {
        for (i, w) in piece.split(is_gap).enumerate() {
            gap |= i > 0;
            if w.is_empty() {
                continue;
            }
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.push_str(w);
        }
    }
    out
}

/// Cleans a text scrape.
pub(crate) fn clean(body: &str) -> Cleaned {
    boilerplate::clean_blocks(blocks(body), TitleMode::FirstLine, None)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn crlf_bom_and_nbsp() {
        let b = blocks("\u{feff}A\u{a0} b\r\n\r\nC");
        let texts: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["A b", "C"]);
    }
}
