//! Bounds on the markup in front of the HTML parser.
//!
//! html5ever builds whatever tree the markup describes, and some trees are
//! ruinous: `<div>` nested 100,000 deep makes every tag scan the stack of
//! open elements (quadratic time); unclosed formatting elements
//! (`<p><b><i><u>x` repeated) are cloned into every later paragraph (a
//! 32 MiB page became 5 GB of nodes); an element with 300,000 attributes
//! costs as much. Browsers bound the same things (Blink caps the tree depth
//! at 512).
//!
//! [`bounded`] scans the tags once, modelling the stack of open elements
//! loosely (void elements, end tags closing the nearest open element of
//! their name, list items, paragraphs and table cells closing an open one
//! of their name, raw text in `<script>`, `<style>`… and comments
//! skipped), and drops the start tags past a bound: deeper than
//! [`MarkupLimits::depth`], more than [`MarkupLimits::formatting`] open
//! formatting elements, more than [`MarkupLimits::elements`] elements in
//! all. Attributes past [`MarkupLimits::attributes`] are cut from their
//! tag. The text is kept: what was past a bound becomes text of the
//! enclosing element. A page within every bound is passed on untouched (no
//! copy).

use std::borrow::Cow;

/// Bounds on a page's markup (see the module docs and
/// [`SifterBuilder::max_markup_depth`](crate::SifterBuilder::max_markup_depth)).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MarkupLimits {
    /// Deepest element nesting.
    pub depth: usize,
    /// Most attributes kept on one element.
    pub attributes: usize,
    /// Most elements in one page.
    pub elements: usize,
    /// Most formatting elements (`<b>`, `<i>`, `<a>`, `<font>`…) open at
    /// once.
    pub formatting: usize,
}

/// Default [`MarkupLimits::depth`]: Blink's cap.
pub(crate) const DEFAULT_MAX_DEPTH: usize = 512;
/// Default [`MarkupLimits::attributes`].
pub(crate) const DEFAULT_MAX_ATTRIBUTES: usize = 256;
/// Default [`MarkupLimits::elements`]: the 1,518 real pages of the two
/// extraction benchmarks have at most 15,793 start tags.
pub(crate) const DEFAULT_MAX_ELEMENTS: usize = 200_000;
/// Default [`MarkupLimits::formatting`].
pub(crate) const DEFAULT_MAX_FORMATTING: usize = 64;

impl Default for MarkupLimits {
    fn default() -> Self {
        MarkupLimits {
            depth: DEFAULT_MAX_DEPTH,
            attributes: DEFAULT_MAX_ATTRIBUTES,
            elements: DEFAULT_MAX_ELEMENTS,
            formatting: DEFAULT_MAX_FORMATTING,
        }
    }
}

/// How far down the stack a [`Kind::Sibling`] looks for an open element
/// of its name.
const SIBLING_REACH: usize = 8;
/// Characters of a tag name that count (custom element names are long,
/// none this long).
const MAX_NAME: usize = 64;

/// What the scan needs to know of an element name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// No content: no end tag, no depth.
    Void,
    /// Raw text up to the element's end tag.
    RawText,
    /// Reopened by the parser in later blocks while unclosed.
    Formatting,
    /// Closes an open element of its own name (near the top of the stack)
    /// when it starts.
    Sibling,
    Other,
}

/// The [`Kind`] of a lower-cased element name.
fn kind_of(tag: &str) -> Kind {
    match tag {
        "area" | "base" | "br" | "col" | "embed" | "hr" | "img" | "input" | "link" | "meta"
        | "param" | "source" | "track" | "wbr" | "keygen" | "frame" | "basefont" | "bgsound"
        | "image" => Kind::Void,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
        | "plaintext" => Kind::RawText,
        "a" | "b" | "big" | "code" | "em" | "font" | "i" | "nobr" | "s" | "small" | "strike"
        | "strong" | "tt" | "u" => Kind::Formatting,
        "li" | "dt" | "dd" | "p" | "option" | "optgroup" | "tr" | "td" | "th" | "thead"
        | "tbody" | "tfoot" | "rb" | "rt" | "rp" => Kind::Sibling,
        _ => Kind::Other,
    }
}

/// `body` within `limits`, and whether anything was dropped or cut.
pub(crate) fn bounded<'a>(body: &'a str, limits: &MarkupLimits) -> (Cow<'a, str>, bool) {
    let b = body.as_bytes();
    let mut out: Option<String> = None;
    // Copied to `out` up to here (when rewriting).
    let mut copied = 0usize;
    // Open elements (name hashes), and the active formatting elements:
    // those started and not yet ended by their own end tag (the parser
    // reopens them in every later block, whatever closed them
    // implicitly).
    let mut stack: Vec<u64> = Vec::new();
    let mut active: Vec<u64> = Vec::new();
    let mut elements = 0usize;
    let mut i = 0usize;
    let mut name = String::new();
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        let Some(&c) = b.get(i) else { break };
        if c == b'!' || c == b'?' {
            // Comment, doctype, CDATA, processing instruction.
            i = if b[i..].starts_with(b"!--") {
                find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3)
            } else {
                memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1)
            };
            continue;
        }
        let end_tag = c == b'/';
        let start = if end_tag { i + 1 } else { i };
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let mut j = start;
        while j < b.len() && !matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
            j += 1;
        }
        // The name, lower-cased (ASCII; element names are).
        name.clear();
        name.extend(
            b[start..j]
                .iter()
                .take(MAX_NAME)
                .map(|x| char::from(x.to_ascii_lowercase())),
        );
        let tag = name.as_str();
        let id = crate::shingle::word_hash(tag.as_bytes());
        // Attributes up to the tag's end, counted; `cut` is where the
        // attribute past the bound starts.
        let (close, self_closing, cut) = attributes(b, j, limits.attributes);
        i = close;
        if end_tag {
            if let Some(at) = stack.iter().rposition(|&x| x == id) {
                stack.truncate(at);
            }
            if let Some(at) = active.iter().rposition(|&x| x == id) {
                active.remove(at);
            }
            continue;
        }
        let kind = kind_of(tag);
        let void = self_closing || kind == Kind::Void;
        let raw = kind == Kind::RawText;
        if kind == Kind::Sibling {
            let reach = stack.len().saturating_sub(SIBLING_REACH);
            if let Some(at) = stack[reach..].iter().rposition(|&x| x == id) {
                stack.truncate(reach + at);
            }
        }
        let formatting = kind == Kind::Formatting;
        // Raw-text elements hold no tags: only the element count bounds them.
        let over = elements >= limits.elements
            || (!void && !raw && stack.len() >= limits.depth)
            || (formatting && active.len() >= limits.formatting);
        if over {
            // Drop the tag: its text joins the enclosing element.
            let o = out.get_or_insert_with(|| String::with_capacity(body.len()));
            o.push_str(&body[copied..lt]);
            copied = close;
        } else {
            elements += 1;
            if let Some(cut) = cut {
                let o = out.get_or_insert_with(|| String::with_capacity(body.len()));
                o.push_str(&body[copied..cut]);
                o.push_str(if self_closing { "/>" } else { ">" });
                copied = close;
            }
            if !void {
                stack.push(id);
            }
            if formatting {
                active.push(id);
            }
        }
        if raw && !void {
            // Raw text: skip to its end tag (which the loop then reads).
            let mut k = i;
            i = loop {
                match find(b, k, b"</") {
                    Some(e)
                        if b[e + 2..].len() >= tag.len()
                            && b[e + 2..e + 2 + tag.len()].eq_ignore_ascii_case(tag.as_bytes()) =>
                    {
                        break e;
                    }
                    Some(e) => k = e + 2,
                    None => break b.len(),
                }
            };
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&body[copied..]);
            (Cow::Owned(o), true)
        }
        None => (Cow::Borrowed(body), false),
    }
}

/// Reads a tag's attributes from `from` (after its name) to its `>`:
/// the index after the tag, whether it ends in `/>`, and where the
/// attribute past `max` starts (if there is one).
fn attributes(b: &[u8], from: usize, max: usize) -> (usize, bool, Option<usize>) {
    let mut i = from;
    let mut count = 0usize;
    let mut cut = None;
    let ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    loop {
        while i < b.len() && (ws(b[i]) || b[i] == b'/') {
            if b[i] == b'/' && b.get(i + 1) == Some(&b'>') {
                return (i + 2, true, cut);
            }
            i += 1;
        }
        if i >= b.len() {
            return (b.len(), false, cut);
        }
        if b[i] == b'>' {
            return (i + 1, false, cut);
        }
        // An attribute: name, then an optional value.
        if count == max && cut.is_none() {
            cut = Some(i);
        }
        count += 1;
        while i < b.len() && !ws(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while i < b.len() && ws(b[i]) {
            i += 1;
        }
        if b.get(i) == Some(&b'=') {
            i += 1;
            while i < b.len() && ws(b[i]) {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i = memchr::memchr(q, &b[i + 1..]).map_or(b.len(), |e| i + 1 + e + 1);
                }
                _ => {
                    while i < b.len() && !ws(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                }
            }
        }
    }
}

/// The first `needle` (not empty) at or after `from` (a SIMD search: most
/// of a page's bytes lie between tags and in scripts).
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| from + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str, limits: MarkupLimits) -> (String, bool) {
        let (s, cut) = bounded(body, &limits);
        (s.into_owned(), cut)
    }

    #[test]
    fn find_finds_the_first_needle() {
        let hay = b"a<b</c</script>-->";
        assert_eq!(find(hay, 0, b"</"), Some(3));
        assert_eq!(find(hay, 4, b"</"), Some(6));
        assert_eq!(find(hay, 0, b"-->"), Some(15));
        assert_eq!(find(hay, 16, b"-->"), None);
        assert_eq!(find(hay, 99, b"</"), None);
        assert_eq!(find(hay, 0, b""), None);
    }

    #[test]
    fn pages_within_bounds_pass_untouched() {
        let page = "<!doctype html><html><head><title>a < b</title><script>if (a<b) {}</script>\
                    <!-- <div> --></head><body><ul><li>one<li>two</ul><p>x<p>y<br><img src=x>\
                    <table><tr><td>1<td>2<tr><td>3</table></body></html>";
        let tight = MarkupLimits {
            depth: 8,
            ..MarkupLimits::default()
        };
        let (s, cut) = bounded(page, &tight);
        assert!(!cut);
        assert!(matches!(s, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_flattened_past_the_bound() {
        let page = format!("{}text{}", "<div>".repeat(20), "</div>".repeat(20));
        let limits = MarkupLimits {
            depth: 5,
            ..MarkupLimits::default()
        };
        let (s, cut) = run(&page, limits);
        assert!(cut);
        assert_eq!(s.matches("<div>").count(), 5);
        assert!(s.contains("text"));
    }

    #[test]
    fn unclosed_formatting_is_bounded() {
        let page = "<p><b><i><u>x".repeat(100);
        let (s, cut) = run(&page, MarkupLimits::default());
        assert!(cut);
        assert_eq!(
            s.matches("<b>").count() + s.matches("<i>").count() + s.matches("<u>").count(),
            64
        );
        assert_eq!(s.matches("<p>").count(), 100);
        assert_eq!(s.matches('x').count(), 100);
    }

    #[test]
    fn attributes_past_the_bound_are_cut() {
        let attrs: String = (0..10).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
        let page = format!("<div{attrs}>text</div><img{attrs}/>");
        let limits = MarkupLimits {
            attributes: 3,
            ..MarkupLimits::default()
        };
        let (s, cut) = run(&page, limits);
        assert!(cut);
        assert_eq!(
            s,
            "<div a0=\"v>0\" a1=\"v>1\" a2=\"v>2\" >text</div><img a0=\"v>0\" a1=\"v>1\" a2=\"v>2\" />"
        );
    }

    #[test]
    fn elements_past_the_bound_keep_their_text() {
        let page = "<span>w</span>".repeat(10);
        let limits = MarkupLimits {
            elements: 4,
            ..MarkupLimits::default()
        };
        let (s, _) = run(&page, limits);
        assert_eq!(s.matches("<span>").count(), 4);
        assert_eq!(s.matches('w').count(), 10);
    }

    proptest::proptest! {
        /// Any input scans without panicking, and within generous bounds
        /// nothing changes.
        #[test]
        fn any_markup_scans(s in "[<>/!a-z =\"'\\-]{0,200}") {
            let (out, cut) = bounded(&s, &MarkupLimits::default());
            proptest::prop_assert!(!cut);
            proptest::prop_assert_eq!(out.as_ref(), s.as_str());
            let _ = bounded(&s, &MarkupLimits { depth: 1, attributes: 0, elements: 1, formatting: 0 });
        }
    }
}
