//! HTML pages → blocks → clean paragraphs.
//!
//! The page is parsed with `scraper` (html5ever), which never fails: broken
//! markup becomes the best tree it can build. One iterative walk (an
//! explicit stack, so hostile nesting cannot overflow the call stack) does
//! three things:
//!
//! 1. drops page chrome subtrees by tag (`script`, `nav`, `footer`, `form`,
//!    `aside`…), by visibility (`hidden`, `aria-hidden`, `display:none`) and
//!    by class/id tokens (`ad`, `share`, `newsletter`, `related`, `cookie`…),
//!    reporting each visible one as a removed block;
//! 2. cuts the remaining text into blocks at block-element boundaries and at
//!    `<br><br>`, recording each block's link-text share and its ancestor
//!    elements;
//! 3. scores containers by the paragraph-like text they hold (the
//!    readability family of heuristics: text length and commas, credited to
//!    the parent and, halved, to the grandparent) and keeps the blocks under
//!    the best container and under its siblings that score at least a fifth
//!    as much — bodies split by ad slots into sibling containers survive.
//!
//! The surviving blocks then go through the same rule set as text scrapes.
//! `scraper` types never leave this file.

use scraper::{ElementRef, Html, Node};

use crate::boilerplate::{self, Block, BodySource, Cleaned, TitleMode};
use crate::report::{Reason, Removed};
use crate::text::{collapse, collapse_pieces};
use crate::{json_ld, segment};

/// Elements whose content is never visible text.
const INVISIBLE: &[&str] = &[
    "script", "style", "noscript", "template", "head", "svg", "canvas", "video", "audio", "object",
    "embed", "iframe", "meta", "link", "picture", "img", "source", "math",
];

/// Chrome elements: visible, but never article body.
const CHROME: &[&str] = &[
    "nav",
    "header",
    "footer",
    "aside",
    "button",
    "select",
    "textarea",
    "input",
    "label",
    "dialog",
    "menu",
    "figcaption",
];

/// Block-level elements: a block boundary before and after.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "summary",
    "caption",
    "center",
    "html",
];

/// Paragraph-level block tags: their text is credited to the enclosing
/// container, not to the tag itself.
const PARA_TAGS: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "td",
    "th",
    "dd",
    "dt",
    "caption",
    "summary",
    "address",
];

/// Class/id tokens (split on space, `-` and `_`) that mark non-content boxes.
const CLASS_RULES: &[(&str, Reason)] = &[
    ("ad", Reason::AdSlot),
    ("ads", Reason::AdSlot),
    ("adv", Reason::AdSlot),
    ("advert", Reason::AdSlot),
    ("advertisement", Reason::AdSlot),
    ("advertising", Reason::AdSlot),
    ("adslot", Reason::AdSlot),
    ("adunit", Reason::AdSlot),
    ("dfp", Reason::AdSlot),
    ("gpt", Reason::AdSlot),
    ("promo", Reason::AdSlot),
    ("sponsor", Reason::AdSlot),
    ("sponsored", Reason::AdSlot),
    ("taboola", Reason::AdSlot),
    ("outbrain", Reason::AdSlot),
    ("share", Reason::Prompt),
    ("sharing", Reason::Prompt),
    ("sharedaddy", Reason::Prompt),
    ("social", Reason::Prompt),
    ("newsletter", Reason::Prompt),
    ("subscribe", Reason::Prompt),
    ("subscription", Reason::Prompt),
    ("signup", Reason::Prompt),
    ("paywall", Reason::Chrome),
    ("related", Reason::HeadlineList),
    ("relatedposts", Reason::HeadlineList),
    ("recommended", Reason::HeadlineList),
    ("mostread", Reason::HeadlineList),
    ("popular", Reason::HeadlineList),
    ("trending", Reason::HeadlineList),
    ("comments", Reason::Comments),
    ("comment", Reason::Comments),
    ("disqus", Reason::Comments),
    ("cookie", Reason::Chrome),
    ("cookies", Reason::Chrome),
    ("consent", Reason::Chrome),
    ("gdpr", Reason::Chrome),
    ("sidebar", Reason::Chrome),
    ("widget", Reason::Chrome),
    ("popup", Reason::Chrome),
    ("modal", Reason::Chrome),
    ("nav", Reason::Chrome),
    ("navbar", Reason::Chrome),
    ("navigation", Reason::Chrome),
    ("menu", Reason::Chrome),
    ("breadcrumb", Reason::Chrome),
    ("breadcrumbs", Reason::Chrome),
    ("footer", Reason::Chrome),
    ("masthead", Reason::Chrome),
    ("byline", Reason::Byline),
    ("author", Reason::Byline),
    ("dateline", Reason::Byline),
    ("timestamp", Reason::Byline),
    ("caption", Reason::Caption),
    ("credit", Reason::PhotoCredit),
    ("credits", Reason::PhotoCredit),
    ("tags", Reason::Chrome),
];

/// Whole class names (not split) that mark non-content boxes.
const CLASS_NAMES: &[(&str, Reason)] = &[
    ("code-block", Reason::AdSlot),
    ("jp-relatedposts", Reason::HeadlineList),
    ("most-read", Reason::HeadlineList),
];

fn class_reason(value: &str, widget: bool) -> Option<Reason> {
    for class in value.split_whitespace() {
        if let Some((_, r)) = CLASS_NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(class))
        {
            return Some(r.clone());
        }
        for token in class.split(['-', '_']).flat_map(camel_words) {
            if !widget && token.eq_ignore_ascii_case(WIDGET) {
                continue;
            }
            if let Some(r) = class_rule(token) {
                return Some(r.clone());
            }
        }
    }
    None
}

/// The [`CLASS_RULES`] entry a class token names (ASCII case ignored).
/// Every element's class and id tokens are looked up: the rules are
/// bucketed by length, so a token is compared with the few of its length.
fn class_rule(token: &str) -> Option<&'static Reason> {
    use std::sync::OnceLock;
    static BY_LEN: OnceLock<Vec<Vec<usize>>> = OnceLock::new();
    let by_len = BY_LEN.get_or_init(|| {
        let longest = CLASS_RULES.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
        let mut v = vec![Vec::new(); longest + 1];
        for (i, (n, _)) in CLASS_RULES.iter().enumerate() {
            v[n.len()].push(i);
        }
        v
    });
    by_len
        .get(token.len())?
        .iter()
        .map(|&i| &CLASS_RULES[i])
        .find(|(n, _)| n.eq_ignore_ascii_case(token))
        .map(|(_, r)| r)
}

/// A class token and its camelCase words: `imageEmbedCaption` yields
/// itself, `image`, `Embed` and `Caption`; an all-lower or all-upper token
/// yields only itself.
fn camel_words(token: &str) -> impl Iterator<Item = &str> {
    let b = token.as_bytes();
    let camel = b
        .windows(2)
        .any(|w| w[0].is_ascii_lowercase() && w[1].is_ascii_uppercase());
    let mut start = 0;
    let mut i = 0;
    let parts = std::iter::from_fn(move || {
        if !camel || start >= b.len() {
            return None;
        }
        i += 1;
        while i < b.len() && !(b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase()) {
            i += 1;
        }
        let part = &token[start..i];
        start = i;
        Some(part)
    });
    std::iter::once(token).chain(parts)
}

/// Whether an element is hidden (`hidden`, `aria-hidden=true`, an inline
/// `display:none` or `visibility:hidden`) or is a chrome landmark by its
/// ARIA role. One pass over the attributes.
fn hidden_or_landmark(el: &scraper::node::Element, show_hidden: bool) -> bool {
    let shown = |el| show_hidden || collapsed_panel(el);
    el.attrs().any(|(name, value)| match name {
        "hidden" => !(streamed_segment(el) || shown(el)),
        "aria-hidden" => value == "true" && !shown(el),
        "style" => hides(value) && !shown(el),
        "role" => matches!(
            value,
            "navigation" | "banner" | "contentinfo" | "complementary" | "dialog" | "alert"
        ),
        _ => false,
    })
}

/// A box that a streaming server render fills late and a script moves into
/// its place at once (React's `<div hidden id="S:3">`, swapped in for the
/// `<template id="B:3">` placeholder): hidden in the markup, shown to every
/// reader. React numbers the segments in hexadecimal (`S:2e`).
fn streamed_segment(el: &scraper::node::Element) -> bool {
    el.id()
        .and_then(|id| id.strip_prefix("S:"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A collapsed accordion section or an inactive tab: hidden until its
/// heading or tab is clicked, but part of the page's text (a FAQ's
/// answers, a product's details). ARIA names it: a `tabpanel` or `region`,
/// or any box labelled by its toggle (`aria-labelledby`) that is not a
/// dialog.
fn collapsed_panel(el: &scraper::node::Element) -> bool {
    match el.attr("role") {
        Some("tabpanel" | "region") => true,
        Some("dialog" | "alertdialog") => false,
        _ => el.attr("aria-labelledby").is_some(),
    }
}

/// An inline style that hides the element.
fn hides(style: &str) -> bool {
    style.split(';').any(|decl| {
        let Some((prop, value)) = decl.split_once(':') else {
            return false;
        };
        let (prop, value) = (prop.trim(), value.trim());
        (prop.eq_ignore_ascii_case("display") && value.eq_ignore_ascii_case("none"))
            || (prop.eq_ignore_ascii_case("visibility") && value.eq_ignore_ascii_case("hidden"))
    })
}

/// Paragraphs of at least this many characters…
const SECTION_PARAGRAPH_CHARS: usize = 80;
/// …of which a `<header>` must hold this many to be a section, found among
/// its first [`SECTION_SCAN_NODES`] descendants.
const SECTION_PARAGRAPHS: usize = 3;
const SECTION_SCAN_NODES: usize = 2_000;

/// Whether the element holds [`SECTION_PARAGRAPHS`] paragraphs of text.
fn holds_paragraphs(node: NodeRef<'_>) -> bool {
    let mut found = 0;
    for d in node.descendants().take(SECTION_SCAN_NODES) {
        if let Some(p) = ElementRef::wrap(d).filter(|e| e.value().name() == "p") {
            let chars: usize = p.text().map(|t| t.chars().count()).sum();
            if chars >= SECTION_PARAGRAPH_CHARS {
                found += 1;
                if found >= SECTION_PARAGRAPHS {
                    return true;
                }
            }
        }
    }
    false
}

/// Nodes looked at for a `<main>` inside a chrome landmark.
const MAIN_SCAN_NODES: usize = 20_000;

/// Whether the page's `<main>` lies inside `node` (within the first
/// [`MAIN_SCAN_NODES`] nodes below it).
fn wraps_main(node: NodeRef<'_>) -> bool {
    node.descendants()
        .skip(1)
        .take(MAIN_SCAN_NODES)
        .any(|d| d.value().as_element().is_some_and(|e| e.name() == "main"))
}

/// Why an element's subtree is skipped, if it is. `None` inside the outer
/// option means "skip silently" (invisible content).
fn skip_reason(el: &scraper::node::Element, show_hidden: bool) -> Option<Option<Reason>> {
    let name = el.name();
    if INVISIBLE.contains(&name) {
        return Some(None);
    }
    if CHROME.contains(&name) {
        let r = if name == "figcaption" {
            Reason::Caption
        } else {
            Reason::Chrome
        };
        return Some(Some(r));
    }
    if hidden_or_landmark(el, show_hidden) {
        return Some(Some(Reason::Chrome));
    }
    None
}

/// The reason a box's class or id names it as non-content, if any.
///
/// Unlike [`skip_reason`], this does not drop the subtree during the walk:
/// pages wrap their whole body in boxes named `Page-ad-margins` or
/// `content paywall`, so the verdict waits until the main content is known
/// (see `select`).
fn box_reason(el: &scraper::node::Element) -> Option<Reason> {
    match el.name() {
        "html" | "body" | "main" | "article" => return None,
        // Some frameworks wrap the whole page in one <form>: a box whose
        // verdict waits, not a subtree to drop.
        "form" => return Some(Reason::Chrome),
        // Reached only when the landmark wraps the page's `<main>`
        // (misnested markup): a box whose verdict waits.
        "aside" | "nav" | "footer" => return Some(Reason::Chrome),
        _ => {}
    }
    el.attrs()
        .filter(|(name, _)| matches!(*name, "class" | "id"))
        .map(|(_, value)| value)
        .find_map(|v| class_reason(v, true))
}

/// The class token that names sidebar widgets, and every box a page
/// builder lays out (`elementor-widget-container`, `hs_cos_wrapper_widget`).
const WIDGET: &str = "widget";

/// Whether a box named as chrome is so named only for the word "widget".
fn widget_only(el: &scraper::node::Element) -> bool {
    !el.attrs()
        .filter(|(name, _)| matches!(*name, "class" | "id"))
        .any(|(_, value)| class_reason(value, false).is_some())
}

/// A block with its layout facts.
#[derive(Debug)]
struct RawBlock {
    text: String,
    link_chars: usize,
    heading: u8,
    /// Characters in `text`.
    chars: usize,
    /// The innermost enclosing block element (`NONE` for none); its
    /// ancestors follow from `Walker::parents`.
    el: u32,
}

/// "No element": the parent of a top-level element.
const NONE: u32 = u32::MAX;

/// The element `el` and its ancestors, innermost first.
fn ancestors(el: u32, parents: &[u32]) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors((el != NONE).then_some(el), move |&e| {
        Some(parents[e as usize]).filter(|&p| p != NONE)
    })
    .map(|e| e as usize)
}

struct Walker {
    blocks: Vec<RawBlock>,
    removed: Vec<(usize, Removed)>,
    buf: String,
    link_chars: usize,
    path: Vec<u32>,
    heading: u8,
    parents: Vec<u32>,
    /// Per element id: a paragraph-level tag (its text credits its parent).
    para_tag: Vec<bool>,
    /// Per element id: the reason its class/id names it as non-content.
    flag: Vec<Option<Reason>>,
    /// Per element id: named as chrome only for the word "widget".
    widget: Vec<bool>,
    /// Per element id: a hash of its name and class attribute (elements
    /// of one kind: the sections of a body, the cards of a listing).
    kind: Vec<u64>,
    /// Per element id: a list item (`li`, `dt`, `dd`).
    item: Vec<bool>,
    /// Per element id: the number of blocks before it.
    first_block: Vec<usize>,
    /// Per element id: `html`, `body` or `main`, never a box.
    page_level: Vec<bool>,
    /// Per element id: an `article` or `main` element (a landmark the
    /// page's body sits in).
    landmark: Vec<bool>,
    key: String,
}

impl Walker {
    fn flush(&mut self) {
        if self.buf.trim().is_empty() {
            self.buf.clear();
            self.link_chars = 0;
            return;
        }
        // `\u{1}` marks a <br>; two in a row split the block.
        let raw = std::mem::take(&mut self.buf);
        let pieces: Vec<&str> = raw.split("\u{1}\u{1}").collect();
        let total_chars: usize = raw.chars().count().max(1);
        for piece in pieces {
            let text = collapse(piece);
            if text.is_empty() {
                continue;
            }
            let chars = text.chars().count();
            let share = chars as f64 / total_chars as f64;
            self.flag_announced_box(&text);
            self.blocks.push(RawBlock {
                link_chars: (self.link_chars as f64 * share).round() as usize,
                text,
                heading: self.heading,
                chars,
                el: self.path.last().copied().unwrap_or(NONE),
            });
        }
        self.link_chars = 0;
    }

    /// A box whose first block announces a list of other stories
    /// ("Related", "Lesen Sie auch") is a related-stories box, whatever its
    /// class name says.
    fn flag_announced_box(&mut self, text: &str) {
        if text.len() > 60 {
            return;
        }
        boilerplate::rule_key(text, &mut self.key);
        if !boilerplate::is_list_header(&self.key) {
            return;
        }
        let mut n = self.path.len();
        if n > 1 && self.path.last().is_some_and(|&e| self.para_tag[e as usize]) {
            n -= 1;
        }
        let Some(&container) = n.checked_sub(1).and_then(|i| self.path.get(i)) else {
            return;
        };
        let c = container as usize;
        if self.first_block[c] == self.blocks.len() && !self.page_level[c] && self.flag[c].is_none()
        {
            self.flag[c] = Some(Reason::HeadlineList);
        }
    }
}

/// `ego_tree::NodeRef<'a, Node>`, named through scraper (whose
/// `ElementRef` derefs to it) so `ego_tree` need not be a direct dependency.
type NodeRef<'a> = <ElementRef<'a> as std::ops::Deref>::Target;

/// The text under `node`, a space between block elements (two `<div>`s of
/// a dropped sidebar are two sentences, not one glued word), collapsed.
fn block_text(node: NodeRef<'_>) -> String {
    let mut pieces: Vec<&str> = Vec::new();
    let mut stack: Vec<Option<NodeRef<'_>>> = vec![Some(node)];
    while let Some(item) = stack.pop() {
        let Some(n) = item else {
            pieces.push(" ");
            continue;
        };
        match n.value() {
            Node::Text(t) => pieces.push(t),
            Node::Element(el) => {
                let block = BLOCK_TAGS.contains(&el.name()) || el.name() == "br";
                if block {
                    stack.push(None);
                }
                stack.extend(n.children().rev().map(Some));
                if block {
                    stack.push(None);
                }
            }
            _ => {}
        }
    }
    collapse_pieces(pieces.into_iter())
}

enum Frame<'a> {
    Enter(NodeRef<'a>),
    Exit {
        block: bool,
        link: bool,
        heading: bool,
        /// Leaves a row read as one paragraph.
        row: bool,
    },
}

/// The hash of an element's name and class attribute.
fn element_kind(el: &scraper::node::Element) -> u64 {
    let class = el.attr("class").unwrap_or("");
    crate::shingle::word_hash(el.name().as_bytes())
        ^ crate::shingle::word_hash(class.as_bytes()).rotate_left(1)
}

/// A table row of data (a results line, a timetable row, a product's
/// specification): cells of a few words each, no blocks inside them. It is
/// read as one paragraph ("1 Callum Breck Port Averell Harriers 2:08:41"),
/// not a paragraph per cell; a layout table's cells, which hold paragraphs,
/// stay blocks.
fn data_row(tr: NodeRef<'_>) -> bool {
    let mut cells = 0;
    let mut bytes = 0;
    for d in tr.descendants().skip(1) {
        match d.value() {
            Node::Element(e) => match e.name() {
                "td" | "th" => cells += 1,
                n if BLOCK_TAGS.contains(&n) || n == "br" => return false,
                _ => {}
            },
            Node::Text(t) => {
                bytes += t.len();
                if bytes > MAX_ROW_BYTES {
                    return false;
                }
            }
            _ => {}
        }
    }
    cells >= 2
}

/// A data row's text is at most this long.
const MAX_ROW_BYTES: usize = 300;

/// Extracts the title: the first `<h1>`, else `<title>`.
/// The page's titles: the first non-empty `<h1>` and the `<title>`.
struct Titles {
    h1: Option<String>,
    tag: Option<String>,
}

/// The page's titles, and its metadata tags offered to `meta` (one pass).
fn find_title(
    doc: &Html,
    meta: &mut crate::metadata::Collector,
    signals: &mut crate::kind::Signals,
) -> Titles {
    let mut title_tag = None;
    let mut h1 = None;
    for node in doc.tree.root().descendants() {
        if let Node::Text(t) = node.value() {
            signals.text(t);
        }
        if let Node::Element(el) = node.value() {
            meta.element(el);
            signals.element(el.name());
            match el.name() {
                "h1" if h1.is_none() => {
                    let t = ElementRef::wrap(node).map(|e| collapse(&e.text().collect::<String>()));
                    if t.as_ref().is_some_and(|t| !t.is_empty()) {
                        h1 = t;
                    }
                }
                "title" if title_tag.is_none() => {
                    title_tag =
                        ElementRef::wrap(node).map(|e| collapse(&e.text().collect::<String>()));
                }
                _ => {}
            }
        }
    }
    match h1 {
        Some(h1) => Titles {
            h1: Some(h1),
            tag: None,
        },
        None => Titles {
            h1: None,
            tag: title_tag.filter(|t| !t.is_empty()),
        },
    }
}

/// Cleans an HTML page, its markup first held within `limits`.
pub(crate) fn clean(body: &str, limits: &crate::markup::MarkupLimits) -> Cleaned {
    let (body, capped) = crate::markup::bounded(body, limits);
    let (mut out, noscript) = clean_parsed(&body, Pass::default());
    // A page whose markup yields (almost) nothing may carry its text in a
    // `<noscript>` view for clients without scripts (Discourse forums
    // serve the whole thread there): that view, cleaned as a page, replaces
    // the markup's paragraphs when it has several times their words.
    let dom_words = words_upto(&out.paragraphs, MIN_STRUCTURED_WORDS);
    if dom_words < MIN_STRUCTURED_WORDS && noscript.len() >= MIN_NOSCRIPT_BYTES {
        let (inner, inner_capped) = crate::markup::bounded(&noscript, limits);
        let (view, _) = clean_parsed(&inner, Pass::default());
        let view_words = words(&view.paragraphs);
        if view_words >= MIN_STRUCTURED_WORDS && view_words > STRUCTURED_RATIO * dom_words {
            out.title = out.title.or(view.title);
            replace_body(
                &mut out,
                view.paragraphs,
                view.removed,
                Reason::ReplacedByNoscript,
                BodySource::Noscript,
            );
            out.markup_capped |= inner_capped;
            if out.page_kind == crate::PageKind::Other {
                out.page_kind = view.page_kind;
            }
        }
    }
    // A forum thread's posts sit in boxes named like comments: when the
    // page is a thread and what was dropped as comments outweighs what was
    // kept, the posts are the content.
    if out.page_kind == crate::PageKind::Forum {
        let kept = words(&out.paragraphs);
        let comments: usize = out
            .removed
            .iter()
            .filter(|r| r.reason == Reason::Comments)
            .map(|r| segment::word_count(&r.text))
            .sum();
        if comments > 2 * kept {
            let posts = Pass {
                posts: true,
                ..Pass::default()
            };
            let (thread, _) = clean_parsed(&body, posts);
            if words(&thread.paragraphs) > 2 * kept {
                let source = thread.body_source;
                out = rewalked(out, thread, source);
            }
        }
    }
    // Nothing extracted, while hidden parts of the page hold text: pages
    // that stream their content into hidden boxes and reveal it with a
    // script (React's `<div hidden id="S:0">`). Walk again with hidden
    // elements shown; keep it when it finds text.
    if out.paragraphs.is_empty() {
        let hidden: usize = out
            .removed
            .iter()
            .filter(|r| r.reason == Reason::Chrome)
            .map(|r| segment::word_count(&r.text))
            .sum();
        if hidden >= MIN_STRUCTURED_WORDS {
            let shown = Pass {
                show_hidden: true,
                ..Pass::default()
            };
            let (page, _) = clean_parsed(&body, shown);
            if words(&page.paragraphs) >= MIN_STRUCTURED_WORDS {
                out = rewalked(out, page, BodySource::HiddenMarkup);
            }
        }
    }
    // Still nothing, though the page has text outside what was judged its
    // main content (shop pages, listings, pages of many small boxes): the
    // best text blocks are better than nothing. Blocks dropped only for
    // lying outside the main content, of a few words each, come back in
    // reading order when together they make a page.
    if out.paragraphs.is_empty() {
        best_blocks(&mut out);
    } else {
        take_back_outweighed(&mut out);
    }
    // Still nothing: the markup holds no text but the page's own summary
    // (a page its scripts render, a thread served as an empty shell).
    if out.paragraphs.is_empty() {
        summary_as_body(&mut out);
    }
    out.markup_capped |= capped;
    out
}

/// A page's summary (`description`, `og:description`) with fewer words
/// than this is a slogan, not text.
const SUMMARY_WORDS: usize = 15;

/// The page's summary as its one paragraph, when it has
/// [`SUMMARY_WORDS`] words or more.
fn summary_as_body(out: &mut Cleaned) {
    let Some(summary) = out
        .metadata
        .description
        .as_deref()
        .map(crate::text::collapse)
    else {
        return;
    };
    if segment::word_count_upto(&summary, SUMMARY_WORDS) >= SUMMARY_WORDS {
        out.paragraphs.push(summary);
        out.body_source = BodySource::Summary;
    }
}

/// Blocks the main-content choice dropped although they outweigh what it
/// kept: the choice landed on the one small block of a page (a chart's
/// intro, a forum's site blurb, a standfirst in a box of its own) and
/// dropped the rest as lying outside it. On a page judged a listing or a
/// forum thread the items or posts come back (link lists and blocks
/// outside the main content, ≥ [`LISTING_BLOCK_WORDS`] words each); on any
/// other page, and on those when that takes nothing, the prose dropped as
/// outside the main content (blocks of ≥ [`PROSE_BLOCK_WORDS`] words, or
/// of ≥ [`FALLBACK_BLOCK_WORDS`] when the kept text is short and the page
/// not an article); failing that, on such a page, its linked items, and
/// the page is a listing. Each time only when together they hold
/// [`FALLBACK_MIN_WORDS`] and [`TAKE_BACK_RATIO`] times the kept text;
/// they follow the kept paragraphs.
fn take_back_outweighed(out: &mut Cleaned) {
    // What was kept is short (a blurb, one section of a landing page):
    // the page's other blocks come back as in the best-blocks fallback
    // when together they outweigh it. Not on an article (a news brief
    // beside a list of other stories keeps only itself).
    let short = words_upto(&out.paragraphs, SHORT_KEPT_WORDS) < SHORT_KEPT_WORDS;
    let article = out.page_kind == crate::PageKind::Article;
    let shortest = if short && !article {
        FALLBACK_BLOCK_WORDS
    } else {
        PROSE_BLOCK_WORDS
    };
    let prose = |r: &Removed| {
        r.reason == Reason::OutsideMainContent
            && segment::word_count_upto(&r.text, shortest) >= shortest
    };
    let listing = matches!(
        out.page_kind,
        crate::PageKind::Listing | crate::PageKind::Forum
    );
    // The dropped blocks are counted first, the kept text only as far as
    // the comparison needs (an article's body is long, what lies outside
    // it mostly short).
    let outweighs = |out: &Cleaned, dropped: usize| {
        dropped >= FALLBACK_MIN_WORDS
            && TAKE_BACK_RATIO * words_upto(&out.paragraphs, dropped / TAKE_BACK_RATIO + 1)
                <= dropped
    };
    let items = |out: &mut Cleaned| {
        let dropped = picked_words(out, listed_item, usize::MAX);
        outweighs(out, dropped) && move_back(out, listed_item)
    };
    let mut taken = listing && items(out);
    if !taken {
        let dropped = picked_words(out, prose, usize::MAX);
        taken = outweighs(out, dropped) && move_back(out, prose);
    }
    // A short text beside many linked items, not prose: a listing whose kind
    // the page's structure did not tell (a topic page, a news river).
    if !taken && short && !article && items(out) {
        out.page_kind = crate::PageKind::Listing;
    }
}

/// A listing's item (a linked headline with its summary) or a thread's
/// post, as the page walk dropped it; shorter blocks are menu entries and
/// buttons.
fn listed_item(r: &Removed) -> bool {
    matches!(r.reason, Reason::LinkList | Reason::OutsideMainContent)
        && segment::word_count_upto(&r.text, LISTING_BLOCK_WORDS) >= LISTING_BLOCK_WORDS
}

/// How many times the kept text the dropped blocks must outweigh to be
/// taken back.
const TAKE_BACK_RATIO: usize = 3;
/// A block of prose taken back from outside the main content has at least
/// this many words (a teaser or a caption has fewer)…
const PROSE_BLOCK_WORDS: usize = 25;
/// …unless what was kept has fewer words than this, on a page that is not
/// an article: a blurb, or one section of a landing or service page whose
/// sections of short blocks no container holds together (chosen on
/// WCXB-dev: 50 words before the twelfth session; 250 takes back 37 pages'
/// text for 4 pages worse, both id-parity halves better; more adds as
/// many worse pages as better).
const SHORT_KEPT_WORDS: usize = 250;

/// Words of a page's paragraphs.
fn words(paragraphs: &[String]) -> usize {
    words_upto(paragraphs, usize::MAX)
}

/// [`words`], counted only up to `cap`: `min(words, cap)`.
fn words_upto(paragraphs: &[String], cap: usize) -> usize {
    texts_words_upto(paragraphs.iter().map(String::as_str), cap)
}

/// The words of `texts`, counted only up to `cap`: `min(words, cap)`.
fn texts_words_upto<'a>(texts: impl Iterator<Item = &'a str>, cap: usize) -> usize {
    let mut n = 0;
    for t in texts {
        if n >= cap {
            break;
        }
        n += segment::word_count_upto(t, cap - n);
    }
    n.min(cap)
}

/// Another walk of the same page replaces the first; the page's metadata
/// and kind (judged on the first walk) stay.
fn rewalked(first: Cleaned, again: Cleaned, source: BodySource) -> Cleaned {
    Cleaned {
        metadata: first.metadata,
        page_kind: first.page_kind,
        body_source: source,
        ..again
    }
}

/// Another extraction's paragraphs replace the markup's; the markup's go to
/// the removed blocks with `reason`, followed by what the other extraction
/// removed.
fn replace_body(
    out: &mut Cleaned,
    paragraphs: Vec<String>,
    removed: Vec<Removed>,
    reason: Reason,
    source: BodySource,
) {
    let replaced = std::mem::replace(&mut out.paragraphs, paragraphs);
    out.removed.extend(replaced.into_iter().map(|text| Removed {
        text,
        reason: reason.clone(),
    }));
    out.removed.extend(removed);
    out.body_source = source;
}

/// Takes back, in reading order, the blocks dropped only for lying outside
/// the main content that have [`FALLBACK_BLOCK_WORDS`] words or more, when
/// together they hold [`FALLBACK_MIN_WORDS`].
fn best_blocks(out: &mut Cleaned) {
    let outside = |r: &Removed| {
        r.reason == Reason::OutsideMainContent
            && segment::word_count_upto(&r.text, FALLBACK_BLOCK_WORDS) >= FALLBACK_BLOCK_WORDS
    };
    if take_back(out, outside, FALLBACK_MIN_WORDS) {
        return;
    }
    // A page whose main content is all links is a listing (a topic page, a
    // section front, a shop's category): its items, each a linked headline
    // with its summary, are its text.
    let has_items = out.removed.iter().any(|r| r.reason == Reason::LinkList);
    if has_items && take_back(out, listed_item, FALLBACK_MIN_WORDS) {
        out.page_kind = crate::PageKind::Listing;
        return;
    }
    // Last, a page whose every text sits in boxes dropped as page chrome
    // (a shop or a hub built from sidebars and widgets): their longer
    // blocks, of sentences rather than menu entries.
    let boxed = |r: &Removed| {
        r.reason == Reason::Chrome
            && segment::word_count_upto(&r.text, CHROME_BLOCK_WORDS) >= CHROME_BLOCK_WORDS
    };
    take_back(out, boxed, FALLBACK_MIN_WORDS);
}

/// Moves the removed blocks `pick` chooses after the paragraphs (in
/// reading order) when together they hold `least` words; says whether it
/// did.
fn take_back(out: &mut Cleaned, pick: impl Fn(&Removed) -> bool, least: usize) -> bool {
    picked_words(out, &pick, least) >= least && move_back(out, pick)
}

/// Words of the removed blocks `pick` chooses, counted up to `cap`:
/// `min(words, cap)`.
fn picked_words(out: &Cleaned, pick: impl Fn(&Removed) -> bool, cap: usize) -> usize {
    let picked = out.removed.iter().filter(|r| pick(r));
    texts_words_upto(picked.map(|r| r.text.as_str()), cap)
}

/// Moves the removed blocks `pick` chooses after the paragraphs, in
/// reading order; returns true (for use in a condition).
fn move_back(out: &mut Cleaned, pick: impl Fn(&Removed) -> bool) -> bool {
    let (back, rest): (Vec<Removed>, Vec<Removed>) = std::mem::take(&mut out.removed)
        .into_iter()
        .partition(|r| pick(r));
    out.removed = rest;
    out.paragraphs
        .extend(back.into_iter().map(Removed::into_text));
    out.body_source = BodySource::BestBlocks;
    true
}

/// A block shorter than this is never taken back by the best-blocks
/// fallback (menu entries, buttons, prices)…
const FALLBACK_BLOCK_WORDS: usize = 8;
/// …and the blocks taken back must hold this many words together.
const FALLBACK_MIN_WORDS: usize = 30;
/// A block of page chrome taken back by the last fallback holds sentences:
/// at least this many words.
const CHROME_BLOCK_WORDS: usize = 15;
/// A listing's items taken back by the fallback (linked headlines and their
/// summaries) have at least this many words; shorter ones are menu entries
/// and buttons.
const LISTING_BLOCK_WORDS: usize = 4;

/// Commas of a block (Latin, Arabic, ideographic and full-width), counted
/// by bytes: a SIMD count of `,`, and for the others their UTF-8 lead
/// bytes, each then checked.
fn comma_count(s: &str) -> usize {
    let b = s.as_bytes();
    let mut n = memchr::memchr_iter(b',', b).count();
    for i in memchr::memchr3_iter(0xD8, 0xE3, 0xEF, b) {
        let t = &b[i..];
        if t.starts_with("،".as_bytes())
            || t.starts_with("、".as_bytes())
            || t.starts_with("，".as_bytes())
        {
            n += 1;
        }
    }
    n
}

/// Options of one walk over a page.
#[derive(Debug, Clone, Copy, Default)]
struct Pass {
    /// Boxes named for comments are a thread's posts, not boilerplate.
    posts: bool,
    /// Elements marked hidden (`hidden`, `aria-hidden`, `display: none`)
    /// are walked like the rest.
    show_hidden: bool,
}

/// A `<noscript>` view shorter than this is a "please enable JavaScript"
/// note or a tracking pixel, never a page.
const MIN_NOSCRIPT_BYTES: usize = 1000;

/// Cleans an HTML page within bounds; also returns the markup of its
/// `<noscript>` elements (parsed with scripting on, their content is text).
fn clean_parsed(body: &str, pass: Pass) -> (Cleaned, String) {
    let doc = Html::parse_document(body);
    let mut meta = crate::metadata::Collector::new();
    let mut signals = crate::kind::Signals::default();
    let title = find_title(&doc, &mut meta, &mut signals);
    let mut w = Walker {
        blocks: Vec::new(),
        removed: Vec::new(),
        buf: String::new(),
        link_chars: 0,
        path: Vec::new(),
        heading: 0,
        parents: Vec::new(),
        para_tag: Vec::new(),
        flag: Vec::new(),
        widget: Vec::new(),
        kind: Vec::new(),
        item: Vec::new(),
        first_block: Vec::new(),
        page_level: Vec::new(),
        landmark: Vec::new(),
        key: String::new(),
    };
    let mut link_depth = 0usize;
    // Inside a table row read as one paragraph (see `data_row`).
    let mut in_row = false;
    let mut json_ld = String::new();
    let mut noscript = String::new();
    let mut stack: Vec<Frame<'_>> = vec![Frame::Enter(doc.tree.root())];
    while let Some(frame) = stack.pop() {
        let node = match frame {
            Frame::Exit {
                block,
                link,
                heading,
                row,
            } => {
                if link {
                    link_depth -= 1;
                }
                if row {
                    in_row = false;
                }
                if block {
                    w.flush();
                    w.path.pop();
                    if heading {
                        w.heading = 0;
                    }
                }
                continue;
            }
            Frame::Enter(node) => node,
        };
        match node.value() {
            Node::Text(t) => {
                if link_depth > 0 {
                    w.link_chars += t.chars().filter(|c| !c.is_whitespace()).count();
                }
                w.buf.push_str(t);
            }
            Node::Element(el) => {
                // A `<header>` holding paragraphs of text is a section the
                // page calls a header (site builders do): a box whose
                // verdict waits, like a `<form>`, not chrome to drop.
                let section_header = el.name() == "header" && holds_paragraphs(node);
                // An `<aside>`, `<nav>` or `<footer>` left open before the
                // page's `<main>` (tag soup: the parser puts the whole page
                // inside it) is not chrome to drop either.
                let misnested = matches!(el.name(), "aside" | "nav" | "footer") && wraps_main(node);
                if let Some(reason) =
                    skip_reason(el, pass.show_hidden).filter(|_| !(section_header || misnested))
                {
                    if matches!(el.name(), "script" | "head") {
                        collect_json_ld(node, &mut json_ld);
                    }
                    if el.name() == "noscript" {
                        for t in node.children().filter_map(|c| c.value().as_text()) {
                            noscript.push_str(t);
                        }
                    }
                    if let Some(reason) = reason {
                        let text = block_text(node);
                        if !text.is_empty() {
                            w.removed.push((w.blocks.len(), Removed { text, reason }));
                        }
                    }
                    continue;
                }
                let name = el.name();
                if name == "br" {
                    w.buf.push('\u{1}');
                    continue;
                }
                let boxed = if section_header {
                    Some(Reason::Chrome)
                } else {
                    // In a thread, boxes named for comments are the posts.
                    box_reason(el).filter(|r| !(pass.posts && *r == Reason::Comments))
                };
                let row = !in_row && name == "tr" && data_row(node);
                let cell = in_row && matches!(name, "td" | "th");
                if cell && !w.buf.is_empty() {
                    w.buf.push(' ');
                }
                in_row |= row;
                let block = boxed.is_some() || (BLOCK_TAGS.contains(&name) && !cell);
                let link = name == "a";
                let heading = matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                if block {
                    w.flush();
                    let id = w.parents.len() as u32;
                    w.parents.push(w.path.last().copied().unwrap_or(NONE));
                    w.para_tag.push(row || PARA_TAGS.contains(&name));
                    w.widget
                        .push(boxed == Some(Reason::Chrome) && widget_only(el));
                    w.flag.push(boxed);
                    w.kind.push(element_kind(el));
                    w.item.push(matches!(name, "li" | "dt" | "dd"));
                    w.first_block.push(w.blocks.len());
                    w.page_level.push(matches!(name, "html" | "body" | "main"));
                    w.landmark.push(matches!(name, "article" | "main"));
                    w.path.push(id);
                    if heading {
                        w.heading = name.as_bytes()[1] - b'0';
                    }
                }
                if link {
                    link_depth += 1;
                }
                stack.push(Frame::Exit {
                    block,
                    link,
                    heading,
                    row,
                });
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push(Frame::Enter(child));
                }
            }
            Node::Document | Node::Fragment => {
                let children: Vec<_> = node.children().collect();
                for child in children.into_iter().rev() {
                    stack.push(Frame::Enter(child));
                }
            }
            _ => {}
        }
    }
    w.flush();
    let tag_title = title.tag.clone();
    let metadata = meta.finish(&json_ld);
    let ld_types = json_ld::types(&json_ld);
    let declared = crate::kind::judge(
        &signals,
        &ld_types,
        metadata.og_type.as_deref(),
        metadata.url.as_deref(),
        0,
    );
    // A page that its markup, data and address do not declare an article,
    // a thread, a listing or documentation (a service or landing page, a
    // product): its body may be many sections of short blocks.
    let sections = matches!(declared, crate::PageKind::Other | crate::PageKind::Product);
    let mut out = select(w, title, pass.posts, sections);
    if let Some(body) = json_ld::article_body(&json_ld) {
        structured_fallback(&mut out, &body, tag_title);
    }
    out.metadata = metadata;
    let long = out
        .paragraphs
        .iter()
        .filter(|p| segment::word_count_upto(p, 40) >= 40)
        .count();
    out.page_kind = crate::kind::judge(
        &signals,
        &ld_types,
        out.metadata.og_type.as_deref(),
        out.metadata.url.as_deref(),
        long,
    );
    (out, noscript)
}

/// Appends the text of the JSON-LD scripts at or under `node` (a `<script>`
/// or the `<head>`, which the main walk skips whole).
fn collect_json_ld(node: NodeRef<'_>, out: &mut String) {
    for n in node.descendants() {
        let Node::Element(el) = n.value() else {
            continue;
        };
        if el.name() == "script" && el.attr("type").is_some_and(|t| t.contains("ld+json")) {
            for t in n.children().filter_map(|c| c.value().as_text()) {
                out.push_str(t);
                out.push('\n');
            }
        }
    }
}

/// JSON-LD `articleBody` with fewer words than this is never used.
const MIN_STRUCTURED_WORDS: usize = 50;
/// The structured body replaces the markup's extraction when it has more
/// than this many times its words.
const STRUCTURED_RATIO: usize = 3;

/// JSON-LD `articleBody` as a cross-check and fallback, never the first
/// path: when the markup yields nothing, or much less than the page's own
/// structured body (a script-rendered page, a teaser in the markup with the
/// whole text in the structured data), the structured body, cleaned by the
/// same rules as a text scrape, replaces the markup's paragraphs.
fn structured_fallback(out: &mut Cleaned, body: &str, tag_title: Option<String>) {
    let dom_words = words(&out.paragraphs);
    let ld_words = segment::word_count(body);
    if ld_words < MIN_STRUCTURED_WORDS || ld_words <= STRUCTURED_RATIO * dom_words {
        return;
    }
    let title = out.title.clone().or(tag_title);
    let ld = boilerplate::clean_blocks(crate::text::blocks(body), TitleMode::Known, title);
    if words(&ld.paragraphs) <= STRUCTURED_RATIO * dom_words {
        return;
    }
    replace_body(
        out,
        ld.paragraphs,
        ld.removed,
        Reason::ReplacedByStructuredData,
        BodySource::JsonLd,
    );
}

/// Minimum characters for a block to count as paragraph-like when scoring.
const MIN_SCORED_CHARS: usize = 40;
/// Blocks with more than this share of link text are link lists.
const MAX_LINK_DENSITY: f64 = 0.5;
/// An HTML block with less link text than this is not a list item of
/// other stories' headlines.
const MIN_LIST_LINK_DENSITY: f64 = 0.3;
/// Siblings of the best container are kept when the text under them scores
/// at least this fraction of the text under it…
const SIBLING_SHARE: f64 = 0.2;
/// Siblings that together score this share of the best container are the
/// rest of its body.
const REST_SHARE: f64 = 0.5;
/// On a page of sections, a best container with less than this share of
/// its landmark's text (`<main>`, `<article>`) is one section of the body
/// (chosen on WCXB-dev: 0.3 changes 96 pages, 70 better and 26 worse, both
/// id-parity halves up by 0.005; 0.5 and 0.7 add more worse pages than
/// better, 0.2 fewer better).
const LANDMARK_SHARE: f64 = 0.3;
/// The text after a linked heading that makes it a section's heading.
const SECTION_TEXT_CHARS: usize = 80;
/// Headings a section may add to its body (a title and a subtitle).
const MAX_SECTION_HEADINGS: u32 = 2;
/// …and less than this share of their text is link text (teaser boxes
/// beside the body are mostly links).
const MAX_SIBLING_LINK_DENSITY: f64 = 0.25;

/// Weight of a list item's text when scoring containers: lists of teasers
/// (tickers, "breaking news" strips) are weaker evidence of an article body
/// than paragraphs. Lists inside the chosen body are kept all the same.
const LIST_ITEM_WEIGHT: f64 = 0.5;

/// Scores of the block tree's elements for one pass.
struct Scores {
    /// Each paragraph-like block credits its container fully, the
    /// container's parent half and its grandparent a third.
    decayed: Vec<f64>,
    /// Sum of the block scores anywhere under the element.
    total: Vec<f64>,
    /// Counted blocks (scored or not) anywhere under the element.
    blocks: Vec<u32>,
    /// Characters and link characters of the counted blocks under the element.
    chars: Vec<(u32, u32)>,
}

fn scores(
    blocks: &[RawBlock],
    parents: &[u32],
    para_tag: &[bool],
    item: &[bool],
    counts: impl Fn(&RawBlock) -> bool,
) -> Scores {
    let mut out = Scores {
        decayed: vec![0f64; parents.len()],
        total: vec![0f64; parents.len()],
        blocks: vec![0u32; parents.len()],
        chars: vec![(0, 0); parents.len()],
    };
    for b in blocks.iter().filter(|b| counts(b)) {
        let chars = b.chars;
        for e in ancestors(b.el, parents) {
            out.blocks[e] += 1;
            out.chars[e].0 += chars as u32;
            out.chars[e].1 += b.link_chars as u32;
        }
        if chars < MIN_SCORED_CHARS || b.heading > 0 {
            continue;
        }
        let density = b.link_chars as f64 / chars as f64;
        let commas = comma_count(&b.text) as f64;
        let mut s = (1.0 + commas + (chars as f64 / 100.0).min(3.0)) * (1.0 - density);
        if b.el != NONE && item[b.el as usize] {
            s *= LIST_ITEM_WEIGHT;
        }
        for e in ancestors(b.el, parents) {
            out.total[e] += s;
        }
        // The container: the block's own element, or its parent for <p>-like tags.
        let mut chain = ancestors(b.el, parents).peekable();
        if b.el != NONE && para_tag[b.el as usize] && parents[b.el as usize] != NONE {
            chain.next();
        }
        for (e, div) in chain.zip([1.0, 2.0, 3.0]) {
            out.decayed[e] += s / div;
        }
    }
    out
}

/// The best-scoring container (first on ties: document order).
fn best_of(score: &[f64]) -> Option<(usize, f64)> {
    score
        .iter()
        .enumerate()
        .fold(None::<(usize, f64)>, |acc, (i, &s)| match acc {
            Some((_, bs)) if bs >= s => acc,
            _ if s > 0.0 => Some((i, s)),
            _ => acc,
        })
}

fn select(w: Walker, titles: Titles, thread: bool, sections: bool) -> Cleaned {
    let title = titles.h1;
    let Walker {
        blocks,
        removed: mut skipped,
        parents,
        para_tag,
        mut flag,
        widget,
        kind,
        item,
        page_level,
        landmark,
        first_block,
        ..
    } = w;
    // "Widget" around most of the page's text is its page builder's layout
    // (Elementor and HubSpot name every box so), not sidebar widgets.
    let (mut all_chars, mut widget_chars) = (0usize, 0usize);
    if widget.contains(&true) {
        for b in &blocks {
            all_chars += b.chars;
            if ancestors(b.el, &parents).any(|e| widget[e]) {
                widget_chars += b.chars;
            }
        }
    }
    if widget_chars * 2 > all_chars {
        for (f, _) in flag.iter_mut().zip(&widget).filter(|(_, w)| **w) {
            *f = None;
        }
    }
    let flagged = |b: &RawBlock| ancestors(b.el, &parents).any(|e| flag[e].is_some());
    // A block in a box named as a caption or a photo credit.
    let figure_furniture = |b: &RawBlock| {
        ancestors(b.el, &parents)
            .any(|e| matches!(flag[e], Some(Reason::Caption | Reason::PhotoCredit)))
    };
    // Score twice: without the blocks inside boxes named as non-content,
    // and with those inside boxes named as ads or chrome. The second wins
    // only when it finds a much stronger container, i.e. when a misnamed box
    // wraps the article itself. Comment sections, related lists and prompts
    // stay out of both passes.
    let wrapper_kind = |r: &Reason| matches!(r, Reason::AdSlot | Reason::Chrome);
    // The relaxed pass also looks inside boxes named as prompts or
    // bylines: a newsletter platform wraps its whole post in a
    // `newsletter` box, a CMS its body in `author__content`, while a real
    // sign-up, share or author box is too short to win. Comments and
    // related lists can be long, and stay out.
    let relaxed_out = |b: &RawBlock| {
        ancestors(b.el, &parents).any(|e| {
            flag[e]
                .as_ref()
                .is_some_and(|r| !(wrapper_kind(r) || matches!(r, Reason::Prompt | Reason::Byline)))
        })
    };
    let clean = scores(&blocks, &parents, &para_tag, &item, |b| !flagged(b));
    let relaxed = scores(&blocks, &parents, &para_tag, &item, |b| !relaxed_out(b));
    let (sc, best) = match (best_of(&clean.decayed), best_of(&relaxed.decayed)) {
        (Some(c), Some(a)) if a.1 <= 2.0 * c.1 => (clean, Some(c)),
        (_, a) => (relaxed, a),
    };
    let mut keep_roots: Vec<u32> = Vec::new();
    if let Some((best, _)) = best {
        // Wrappers: climb while the parent holds nothing but the best
        // container, so that a body split across cousin containers
        // (`div > div > p…`, an embed, `div > div > p…`) is seen as siblings.
        // A parent that adds only headings (and a figure's caption or
        // credit) is the section the container is the body of
        // (`div.sect1 > h2 + div.sectionbody`): climb it
        // too, so that the body's other sections are its siblings.
        let mut top = best;
        while let Some(p) = Some(parents[top] as usize).filter(|&p| p != NONE as usize) {
            if page_level[p] {
                break;
            }
            if sc.blocks[p] != sc.blocks[top] {
                // The blocks under `p` follow one another from its first.
                let under = |b: &&RawBlock, e: usize| ancestors(b.el, &parents).any(|x| x == e);
                let headings_only = sc.blocks[p].saturating_sub(sc.blocks[top])
                    <= MAX_SECTION_HEADINGS
                    && blocks[first_block[p].min(blocks.len())..]
                        .iter()
                        .take_while(|b| under(b, p))
                        .filter(|b| !under(b, top) && !figure_furniture(b))
                        .all(|b| b.heading > 0);
                if !headings_only {
                    break;
                }
            }
            top = p;
        }
        keep_roots.push(top as u32);
        let parent = parents[top];
        if parent != NONE {
            let top_total = sc.total[top];
            // The body continues in many small siblings (paragraphs and
            // lists beside an accordion that scored highest): together,
            // unlinked, they weigh half the top or more.
            let (pc, pl) = sc.chars[parent as usize];
            let (tc, tl) = sc.chars[top];
            let rest = sc.total[parent as usize] - top_total;
            let body_goes_on = rest >= REST_SHARE * top_total
                && f64::from(pl.saturating_sub(tl))
                    < MAX_SIBLING_LINK_DENSITY * f64::from(pc.saturating_sub(tc));
            for (i, &p) in parents.iter().enumerate() {
                let (chars, links) = sc.chars[i];
                // A sibling of the same kind (name and class) is another
                // section of the body (`div.sect1` after `div.sect1`),
                // however short.
                let share = if kind[i] == kind[top] || body_goes_on {
                    0.0
                } else {
                    SIBLING_SHARE
                };
                if p == parent
                    && i != top
                    && sc.total[i] > 0.0
                    && sc.total[i] >= share * top_total
                    && f64::from(links) < MAX_SIBLING_LINK_DENSITY * f64::from(chars)
                {
                    keep_roots.push(i as u32);
                }
            }
        }
        // On a page of sections (not declared an article), a best
        // container holding a small share of the text of the `<main>` or
        // `<article>` around it is one section of the body: the landmark
        // is the body (its boxes named as chrome, links or comments still
        // go).
        if sections {
            let landmark = ancestors(top as u32, &parents)
                .skip(1)
                .find(|&e| landmark[e]);
            if let Some(a) = landmark {
                if f64::from(sc.chars[top].0) < LANDMARK_SHARE * f64::from(sc.chars[a].0) {
                    keep_roots.push(a as u32);
                }
            }
        }
    }
    // Boxes that contain the main content are not boilerplate, whatever
    // their name says.
    let mut neutral = vec![false; parents.len()];
    for &r in best.map(|(b, _)| b as u32).iter().chain(&keep_roots) {
        let mut e = r;
        while e != NONE && !neutral[e as usize] {
            neutral[e as usize] = true;
            e = parents[e as usize];
        }
    }

    // A box name that wraps most of the main content's text is the page
    // builder's structure ("elementor-widget" around every paragraph), not
    // an ad or chrome inside the article (a promo box, an ad slot): then
    // such names do not remove blocks inside the main content.
    let in_main: Vec<bool> = blocks
        .iter()
        .map(|b| ancestors(b.el, &parents).any(|e| keep_roots.contains(&(e as u32))))
        .collect();
    let (mut main_chars, mut wrapped_chars) = (0usize, 0usize);
    for (b, _) in blocks.iter().zip(&in_main).filter(|(_, m)| **m) {
        main_chars += b.chars;
        let wrapped = ancestors(b.el, &parents)
            .any(|e| !neutral[e] && flag[e].as_ref().is_some_and(&wrapper_kind));
        if wrapped {
            wrapped_chars += b.chars;
        }
    }
    let names_are_structure = wrapped_chars * 2 > main_chars;
    let mut kept: Vec<Block> = Vec::new();
    let mut removed: Vec<Removed> = Vec::new();
    // A linked heading inside the main content that opens a section (the
    // next block is unlinked text of the body, not another heading) is the
    // body's own heading (a product's name, a question of a FAQ linked to
    // its anchor); linked headings in a row are a list of other stories.
    let linked = |b: &RawBlock| b.link_chars as f64 > MAX_LINK_DENSITY * b.chars.max(1) as f64;
    let section_heading: Vec<bool> = (0..blocks.len())
        .map(|i| {
            let b = &blocks[i];
            b.heading > 1
                && linked(b)
                && in_main[i]
                && blocks.get(i + 1).is_some_and(|n| {
                    in_main[i + 1] && n.heading == 0 && !linked(n) && n.chars >= SECTION_TEXT_CHARS
                })
                && (i == 0 || !(blocks[i - 1].heading > 0 && linked(&blocks[i - 1])))
        })
        .collect();
    let mut skipped_iter = skipped.drain(..).peekable();
    for (i, b) in blocks.into_iter().enumerate() {
        while let Some((_, r)) = skipped_iter.next_if(|(at, _)| *at <= i) {
            removed.push(r);
        }
        let inside = best.is_none() || in_main[i];
        let chars = b.chars.max(1);
        let density = b.link_chars as f64 / chars as f64;
        let is_title = b.heading == 1 || title.as_deref() == Some(b.text.as_str());
        // Comment sections, related lists and prompts remove blocks
        // whatever the names around them.
        let boxed = ancestors(b.el, &parents).find_map(|e| {
            flag[e]
                .as_ref()
                .filter(|r| !(neutral[e] || (names_are_structure && inside && wrapper_kind(r))))
        });
        if let Some(reason) = boxed {
            removed.push(Removed {
                text: b.text,
                reason: reason.clone(),
            });
        } else if is_title {
            removed.push(Removed {
                text: b.text,
                reason: Reason::Title,
            });
        } else if !inside {
            removed.push(Removed {
                text: b.text,
                reason: Reason::OutsideMainContent,
            });
        } else if density > MAX_LINK_DENSITY && !section_heading[i] {
            removed.push(Removed {
                text: b.text,
                reason: Reason::LinkList,
            });
        } else {
            kept.push(Block {
                text: b.text,
                heading: b.heading > 0,
                unlinked_markup: density < MIN_LIST_LINK_DENSITY,
            });
        }
    }
    removed.extend(skipped_iter.map(|(_, r)| r));
    // Without an <h1>, the first headline-shaped block of the body is the
    // title, as in a text scrape; failing that, the <title> element.
    let mode = if title.is_some() {
        TitleMode::Known
    } else {
        TitleMode::FirstLine
    };
    let mut out = boilerplate::clean_blocks_of(kept, mode, title, thread);
    if out.title.is_none() {
        out.title = titles.tag;
    }
    // Chrome first, then rule removals; both in document order within kind.
    removed.append(&mut out.removed);
    out.removed = removed;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte count of commas is the character count.
        #[test]
        fn comma_count_counts_the_comma_characters(s in "[a ,،、，é語\u{600}\u{3000}\u{ff00}]{0,40}") {
            proptest::prop_assert_eq!(comma_count(&s), s.matches([',', '،', '、', '，']).count());
        }
    }

    /// The page cleaned within the default markup bounds.
    fn clean(body: &str) -> Cleaned {
        super::clean(body, &crate::markup::MarkupLimits::default())
    }

    /// A forum thread served in `<noscript>` to clients without scripts.
    fn thread_in_noscript(shell: &str) -> String {
        let posts: String = (0..4)
            .map(|i| {
                format!(
                    "<div class='topic-body crawler-post'><div class='post' itemprop='text'><p>Post {i}: \
                     I replaced the fuse in the garage unit last week and the breaker still trips \
                     whenever the heater and the freezer run together on the same circuit.</p></div></div>"
                )
            })
            .collect();
        format!(
            "<html><head><title>Breaker trips - Forum</title></head><body>{shell}\
             <noscript data-path='/t/breaker-trips/1'><div id='main-outlet'><h1>Breaker trips</h1>{posts}</div></noscript>\
             <noscript>Please enable JavaScript.</noscript></body></html>"
        )
    }

    #[test]
    fn a_thread_keeps_its_posts_an_article_drops_its_comments() {
        let post = |i: usize| {
            format!(
                "<div class='comment cPost'><div class='comment-content'><p>Reply {i}: the breaker in my \
                 garage trips whenever the heater and the freezer run together, even after I replaced the \
                 fuse last week and checked every socket on that circuit.</p></div></div>"
            )
        };
        let posts: String = (0..5).map(post).collect();
        let thread = format!(
            "<html><head><script type='application/ld+json'>{{\"@type\": \"DiscussionForumPosting\"}}</script>\
             </head><body><h1>Breaker trips</h1><div class='topic'>{posts}</div></body></html>"
        );
        let c = clean(&thread);
        assert_eq!(c.page_kind, crate::PageKind::Forum);
        assert_eq!(c.paragraphs.len(), 5, "{:?}", c.paragraphs);
        let article = format!(
            "<html><head><script type='application/ld+json'>{{\"@type\": \"NewsArticle\"}}</script></head>\
             <body><article><h1>Council votes</h1><p>The county council voted on Tuesday to raise spending on \
             roads and schools, and to cut the parks budget by a tenth after two years of rising costs.</p></article>\
             <section class='comments'>{posts}</section></body></html>"
        );
        let c = clean(&article);
        assert_eq!(c.paragraphs.len(), 1, "{:?}", c.paragraphs);
        assert!(c.removed.iter().any(|r| r.reason == Reason::Comments));
        // A thread whose replies follow a count: the count heads the
        // posts, it does not cut them off as a comment section would.
        let opening = "<div class='topic-post'><p>I am new to this and my breaker trips whenever the heater \
                       and the freezer run together. What should I check first?</p></div>";
        let thread = format!(
            "<html><head><script type='application/ld+json'>{{\"@type\": \"DiscussionForumPosting\"}}</script>\
             </head><body><h1>Breaker trips</h1><div class='topic'>{opening}<h3>5 Replies</h3>{posts}</div></body></html>"
        );
        let c = clean(&thread);
        assert!(
            c.paragraphs.iter().any(|p| p.starts_with("Reply 4")),
            "{:?}",
            c.paragraphs
        );
    }

    /// A removed block, for the take-back tests.
    fn block(text: impl Into<String>, reason: Reason) -> Removed {
        Removed {
            text: text.into(),
            reason,
        }
    }

    #[test]
    fn prose_dropped_outside_a_small_main_content_comes_back_after_it() {
        let part = |i: usize| {
            format!(
                "Part {i} of the report: the council spent the year rebuilding the harbour wall, \
                 and the engineers say the work on the northern pier will take two more winters."
            )
        };
        let page = |kept: &str| Cleaned {
            paragraphs: vec![kept.to_owned()],
            removed: vec![
                block("Home News Sport", Reason::Chrome),
                block(part(1), Reason::OutsideMainContent),
                block("Read more: harbour works", Reason::OutsideMainContent),
                block(part(2), Reason::OutsideMainContent),
                block(part(3), Reason::OutsideMainContent),
            ],
            ..Cleaned::default()
        };
        // A standfirst kept, the report's parts dropped: they come back
        // after it; the menu and the short teaser stay removed.
        let mut out = page("The harbour wall is being rebuilt after last winter's storms.");
        take_back_outweighed(&mut out);
        assert_eq!(out.body_source, BodySource::BestBlocks);
        assert_eq!(out.paragraphs.len(), 4);
        assert!(out.paragraphs[1].starts_with("Part 1"));
        assert_eq!(out.removed.len(), 2);
        // Near miss: a kept body that is more than a third of them stays
        // alone.
        let body = (0..3).map(part).collect::<Vec<_>>().join(" ");
        let mut out = page(&body);
        take_back_outweighed(&mut out);
        assert_eq!(out.body_source, BodySource::Markup);
        assert_eq!(out.paragraphs.len(), 1);
        assert_eq!(out.removed.len(), 5);
    }

    #[test]
    fn a_landing_page_around_a_blurb_gets_its_short_blocks_back() {
        let page = |kept: &str| Cleaned {
            paragraphs: vec![kept.to_owned()],
            removed: vec![
                block(
                    "Imagine all the entertainment you want, all in one place, with us.",
                    Reason::OutsideMainContent,
                ),
                block("Explore TV", Reason::OutsideMainContent),
                block(
                    "Discover, watch and repeat: explore channels, packages and add-ons with our TV.",
                    Reason::OutsideMainContent,
                ),
                block(
                    "All your favourite streaming services at your fingertips, with one simple bill.",
                    Reason::OutsideMainContent,
                ),
            ],
            page_kind: crate::PageKind::Other,
            ..Cleaned::default()
        };
        let mut out = page("The most powerful search engine? Your voice.");
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 4, "{out:#?}");
        assert_eq!(out.removed.len(), 1);
        // Near miss: on an article (a brief) the short blocks stay out.
        let mut out = Cleaned {
            page_kind: crate::PageKind::Article,
            ..page("The most powerful search engine? Your voice.")
        };
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 1);
        // One section of a landing page (a hundred words) is short too.
        let section = "The most powerful search engine is your voice, ask away: ".repeat(10);
        let mut out = page(&section);
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 1, "{out:#?}");
        let mut out = page(&section);
        out.removed.extend((0..30).map(|i| {
            block(
                format!("Plan {i}: unlimited channels, offline viewing, and one simple bill."),
                Reason::OutsideMainContent,
            )
        }));
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 34, "{out:#?}");
        // Near miss: a kept body of 250 words or more takes back prose
        // only (blocks of 25 words or more), and these are teasers.
        let body = "The most powerful search engine is your voice: ".repeat(32);
        let mut out = page(&body);
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 1);
    }

    #[test]
    fn a_page_of_sections_keeps_its_landmark() {
        // A service page: one longer section and many sections of short
        // blocks, nested deeper than it inside `<main>` (no container but
        // the landmark holds them all).
        let story: String = (0..10)
            .map(|i| {
                format!(
                    "<p>Our team number {i} plans, builds and runs the data platform your \
                     analysts need, from the first workshop to the daily operation, and it \
                     stays on call for every release you ship.</p>"
                )
            })
            .collect();
        let section = |i: usize| {
            format!(
                "<div class=\"s{i}\"><div class=\"wrap\"><div class=\"inner\"><h2>Service {i}</h2>\
                 <p>Plan number {i} covers audits of pipelines and storage.</p>\
                 <p>Step {i} adds dashboards for finance and sales teams.</p>\
                 <p>Option {i} brings training for analysts and engineers.</p>\
                 <p>Level {i} includes monitoring with alerts by email.</p></div></div></div>"
            )
        };
        let page = |sections: usize, head: &str| {
            let rest: String = (0..sections).map(section).collect();
            format!(
                "<html><head>{head}<title>Data services</title></head><body>\
                 <nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav><main>\
                 <div class=\"hero\"><div class=\"story\">{story}</div>\
                 <div class=\"badge\"><p>Rated five stars</p></div></div>{rest}</main>\
                 <footer><p>Contact us</p></footer></body></html>"
            )
        };
        let has = |c: &Cleaned, t: &str| c.paragraphs.iter().any(|p| p.contains(t));
        let c = clean(&page(20, ""));
        assert!(has(&c, "Our team number 3"), "{:?}", c.paragraphs);
        assert!(has(&c, "Plan number 7 covers"), "{:?}", c.paragraphs);
        assert!(!has(&c, "Contact us") && !has(&c, "About"));
        // Near miss: the same page declared an article keeps its body.
        let c = clean(&page(20, "<meta property=\"og:type\" content=\"article\">"));
        assert!(has(&c, "Our team number 3"));
        assert!(!has(&c, "Plan number 7 covers"), "{:?}", c.paragraphs);
        // Near miss: a best container holding most of its landmark's text
        // is the body; the few short sections beside it stay out.
        let c = clean(&page(2, ""));
        assert!(has(&c, "Our team number 3"));
        assert!(!has(&c, "Plan number 1 covers"), "{:?}", c.paragraphs);
    }

    #[test]
    fn a_blurb_beside_linked_items_is_a_listing() {
        let item = |t: &str| block(t, Reason::LinkList);
        let page = |kind| Cleaned {
            paragraphs: vec!["Senior Vice President, Harbour Hotels".to_owned()],
            removed: vec![
                block("Home News Opinion", Reason::Chrome),
                item("Rethinking the all-inclusive resort for a new generation of travellers"),
                item("How small hotels can use shared booking tools without losing their guests"),
                item("Five questions every owner should ask before a renovation starts"),
                item("Why the night shift is the hardest job in the building to fill"),
                block("More", Reason::LinkList),
            ],
            page_kind: kind,
            ..Cleaned::default()
        };
        let mut out = page(crate::PageKind::Other);
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 5, "{out:#?}");
        assert_eq!(out.page_kind, crate::PageKind::Listing);
        assert_eq!(out.removed.len(), 2);
        // Near miss: an article's short body keeps only itself.
        let mut out = page(crate::PageKind::Article);
        take_back_outweighed(&mut out);
        assert_eq!(out.paragraphs.len(), 1);
        assert_eq!(out.page_kind, crate::PageKind::Article);
    }

    #[test]
    fn a_photo_credit_between_a_heading_and_its_text_keeps_the_sections_together() {
        // A ranked review: each pick a section with its heading, a photo
        // credit, then its text; one section's text is the longest.
        let section = |name: &str, paras: usize| {
            let text: String = (0..paras)
                .map(|i| {
                    format!(
                        "<p>The {name} kept noise out on a long flight and a busy train, point \
                         {i} of our tests, and the battery lasted the whole working week.</p>"
                    )
                })
                .collect();
            format!(
                "<div class=\"pick\"><h2>{name}: our pick</h2>\
                 <div class=\"image-credit\">Photo: Studio {name}</div>\
                 <div class=\"columns\">{text}</div></div>"
            )
        };
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><article>{}{}{}</article>\
             <footer><p>About us</p></footer></body></html>",
            section("Arden One", 2),
            section("Brill Two", 5),
            section("Corvo Three", 2)
        );
        let c = clean(&page);
        let has = |t: &str| c.paragraphs.iter().any(|p| p.contains(t));
        assert!(has("The Brill Two kept noise out"), "{:?}", c.paragraphs);
        assert!(has("The Arden One kept noise out"), "{:?}", c.paragraphs);
        assert!(has("The Corvo Three kept noise out"), "{:?}", c.paragraphs);
        assert!(!has("Photo: Studio"));
    }

    #[test]
    fn an_empty_shell_gets_its_summary_as_body() {
        let page = |summary: &str| {
            format!(
                "<html><head><title>Which toothbrush?</title>\
                 <meta name=\"description\" content=\"{summary}\"></head>\
                 <body><div id=\"app\"></div><script>start()</script></body></html>"
            )
        };
        let summary = "I have tried four electric toothbrushes over two years, and the one \
                       with a pressure sensor kept my gums healthiest.";
        let c = clean(&page(summary));
        assert_eq!(c.body_source, BodySource::Summary);
        assert_eq!(
            c.paragraphs,
            [summary.split_whitespace().collect::<Vec<_>>().join(" ")]
        );
        // Near miss: a slogan is not text.
        let c = clean(&page("The community for smart money decisions."));
        assert!(c.paragraphs.is_empty());
        assert_eq!(c.body_source, BodySource::Markup);
    }

    #[test]
    fn best_blocks_come_back_only_when_they_make_a_page() {
        let mut out = Cleaned {
            removed: vec![
                block("Home Shop Sale", Reason::Chrome),
                block(
                    "A light shoe for rocky paths with a grippy sole.",
                    Reason::OutsideMainContent,
                ),
                block("$120", Reason::OutsideMainContent),
                block(
                    "Free returns within thirty days on all orders placed online.",
                    Reason::Chrome,
                ),
                block(
                    "A cushioned shoe for long road miles that stays soft for weeks.",
                    Reason::OutsideMainContent,
                ),
                block(
                    "A stiff plate and six spikes for sprinters who want every hundredth.",
                    Reason::OutsideMainContent,
                ),
            ],
            ..Cleaned::default()
        };
        let short = Cleaned {
            removed: out.removed[..2].to_vec(),
            ..Cleaned::default()
        };
        best_blocks(&mut out);
        assert_eq!(out.body_source, BodySource::BestBlocks);
        assert_eq!(out.paragraphs.len(), 3);
        assert!(out.paragraphs[0].starts_with("A light shoe"));
        // Chrome and the price stay removed.
        assert_eq!(out.removed.len(), 3);
        // Too few words together: nothing comes back.
        let mut short = short;
        best_blocks(&mut short);
        assert!(short.paragraphs.is_empty());
        assert_eq!(short.body_source, BodySource::Markup);
    }

    #[test]
    fn a_listing_or_thread_with_a_short_intro_keeps_its_items_after_it() {
        // A short intro is the main content, the items (a chart's entries,
        // a thread's posts) sit in a section after it; the URL says what
        // kind of page it is.
        let items: String = (0..8)
            .map(|i| {
                format!(
                    "<div class=\"item\"><a href=\"/s/{i}\"><h3>Council budget story number {i} of the week</h3></a>\
                     <p>Roads and schools in ward {i}.</p></div>"
                )
            })
            .collect();
        let page = |canonical: &str| {
            format!(
                "<html><head><title>Council</title><link rel=\"canonical\" href=\"{canonical}\"></head><body>\
                 <header><a href=\"/\">Home</a></header><article><h1>Council</h1><p>Our most popular charts \
                 use the search behaviour of our readers to rank the most talked about council stories of \
                 the week.</p></article><section>{items}</section><footer>About us</footer></body></html>"
            )
        };
        for (url, kind) in [
            ("https://example.com/tag/council/", crate::PageKind::Listing),
            (
                "https://example.com/threads/council.5/",
                crate::PageKind::Forum,
            ),
        ] {
            let c = clean(&page(url));
            assert_eq!(c.page_kind, kind, "{:?}", c.removed);
            assert!(c.paragraphs[0].starts_with("Our most popular charts"));
            assert!(c.paragraphs.iter().any(|p| p.contains("story number 3")));
            assert!(c.paragraphs.iter().any(|p| p.contains("ward 5")));
            assert!(!c.paragraphs.iter().any(|p| p == "Home" || p == "About us"));
        }
        // Without the URL's word, a short intro beside many linked items
        // is still a listing.
        let c = clean(&page("https://example.com/council-budget-2026"));
        assert_eq!(c.page_kind, crate::PageKind::Listing);
        assert!(c.paragraphs.iter().any(|p| p.contains("story number 3")));
        // Near miss: the same page declared an article (a brief beside
        // links to other stories) keeps its text alone, the items dropped
        // as outside the main content.
        let c = clean(&page("https://example.com/council-budget-2026").replace(
            "<title>",
            "<meta property=\"og:type\" content=\"article\"><title>",
        ));
        assert_eq!(c.page_kind, crate::PageKind::Article);
        assert_eq!(c.paragraphs.len(), 1);
        assert!(
            c.removed.iter().any(
                |r| r.reason == Reason::OutsideMainContent && r.text.contains("story number 3")
            )
        );
    }

    #[test]
    fn a_page_of_linked_items_is_a_listing_that_keeps_its_items() {
        let item = |i: usize| {
            format!(
                "<li><a href=\"/s/{i}\"><h3>Council budget story number {i} of the week</h3>\
                 <p>What the council decided about roads, schools and parks in ward {i} on Tuesday.</p></a></li>"
            )
        };
        let items: String = (0..8).map(item).collect();
        let page = format!(
            "<html><head><title>Council coverage</title></head><body>\
             <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
             <main><h1>Council coverage</h1><ul>{items}</ul></main></body></html>"
        );
        let c = clean(&page);
        assert_eq!(c.page_kind, crate::PageKind::Listing, "{:?}", c.removed);
        assert_eq!(c.body_source, BodySource::BestBlocks);
        assert!(c.paragraphs.iter().any(|p| p.contains("story number 3")));
        assert!(c.paragraphs.iter().any(|p| p.contains("ward 5 on Tuesday")));
        assert!(!c.paragraphs.iter().any(|p| p == "Home News"));
        // The same items next to an article (a brief, as its metadata
        // says): the article is the content.
        let article = format!(
            "<html><head><meta property=\"og:type\" content=\"article\"></head>\
             <body><main><article><h1>Roads budget</h1><p>The county council voted on Tuesday to raise \
             spending on roads and schools, and to cut the parks budget by a tenth after two years of \
             rising costs and falling grants from the state.</p></article><ul>{items}</ul></main></body></html>"
        );
        let c = clean(&article);
        assert_ne!(c.page_kind, crate::PageKind::Listing);
        assert!(c.paragraphs.iter().all(|p| !p.contains("story number")));
    }

    #[test]
    fn a_page_of_only_chrome_keeps_its_sentences_not_its_menus() {
        let page = "<html><body><nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a></nav>\
                    <aside><div>Hand-applied antique brass nail trim frames the arms and the back of this chair, \
                    and the seat is filled with high-density foam wrapped in polyester fibre.</div>\
                    <div>The frame is kiln-dried hardwood with corner blocks glued and screwed at every joint \
                    for a chair that will not wobble after years of daily use.</div></aside>\
                    <footer>Terms Privacy Contact</footer></body></html>";
        let c = clean(page);
        assert_eq!(c.body_source, BodySource::BestBlocks, "{:?}", c.removed);
        // The sidebar is one dropped box: one paragraph, its blocks spaced.
        assert_eq!(c.paragraphs.len(), 1, "{:?}", c.paragraphs);
        assert!(c.paragraphs[0].starts_with("Hand-applied"));
        assert!(c.paragraphs[0].contains("polyester fibre. The frame"));
        assert!(c.removed.iter().any(|r| r.text.contains("Home")));
        // Menus alone stay out: nothing of sentence length.
        let menus = "<html><body><nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a> <a href=\"/sale\">Sale</a></nav>\
                     <footer>Terms Privacy Contact Careers Press</footer></body></html>";
        assert!(clean(menus).paragraphs.is_empty());
    }

    #[test]
    fn hidden_boxes_are_read_only_when_nothing_is_visible() {
        let body = "<article><h1>Roads budget</h1><p>The county council voted on Tuesday to raise spending \
                    on roads and schools, and to cut the parks budget by a tenth after two years of rising \
                    maintenance costs and a long public consultation that drew thousands of replies.</p>\
                    <p>Councillors who voted against said the cuts would close two playgrounds and a pool \
                    in the north of the county before the summer.</p></article>";
        // Put in a hidden box, revealed by a script.
        let revealed =
            format!("<html><body><div id='app'></div><div hidden>{body}</div></body></html>");
        let c = clean(&revealed);
        assert_eq!(c.body_source, BodySource::HiddenMarkup);
        assert_eq!(c.paragraphs.len(), 2);
        // A visible article keeps a hidden modal out.
        let modal = "<div aria-hidden='true' class='modal'><p>Sign up for our newsletter and get every story \
                     of the day in your inbox each morning, with the best of the weekend on Saturdays and \
                     offers from our partners that we think you will like, always free.</p></div>";
        let c = clean(&format!("<html><body>{body}{modal}</body></html>"));
        assert_eq!(c.body_source, BodySource::Markup);
        assert_eq!(c.paragraphs.len(), 2);
        assert!(c.paragraphs[0].starts_with("The county council"));
    }

    #[test]
    fn a_data_table_row_is_one_paragraph_a_layout_cell_is_not() {
        let intro = "<p>Callum Breck won the Port Averell Marathon on Sunday in a course record, \
                     breaking away from a leading group of five on the climb to Windlass Hill.</p>";
        let table = "<table><tr><th>Pos</th><th>Name</th><th>Time</th></tr>\
                     <tr><td>1</td><td>Callum Breck</td><td>2:08:41</td></tr>\
                     <tr><td>2</td><td>Teodor Vasilescu</td><td>2:09:12</td></tr></table>";
        let c = clean(&format!(
            "<html><body><article>{intro}{table}</article></body></html>"
        ));
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p == "2 Teodor Vasilescu 2:09:12"),
            "{:?}",
            c.paragraphs
        );
        // A layout table: its cells hold paragraphs, each one a paragraph.
        let layout = format!(
            "<table><tr><td>{intro}<p>The previous record of 2:09:30 had stood since 2017, \
             when it was set by Dario Wenham on a cooler morning.</p></td><td><p>Runners set off \
             in a temperature of seven degrees with a light westerly wind.</p></td></tr></table>"
        );
        let c = clean(&format!("<html><body>{layout}</body></html>"));
        assert_eq!(c.paragraphs.len(), 3, "{:?}", c.paragraphs);
    }

    #[test]
    fn collapsed_accordion_panels_are_text_dialogs_are_not() {
        let item = |n: u8, q: &str, a: &str| {
            format!(
                "<h3><button id='q{n}' aria-expanded='false' aria-controls='a{n}'>{q}</button></h3>\
                 <div id='a{n}' aria-labelledby='q{n}' hidden><p>{a}</p></div>"
            )
        };
        let page = format!(
            "<html><body><main><h1>Questions about the water notice</h1>\
             <p>The notice covers every home in the east of the town until further notice.</p>{}{}\
             </main><div role='dialog' aria-labelledby='d1' hidden><p id='d1'>Sign up for alerts \
             by text message and we will tell you the moment the notice is lifted.</p></div></body></html>",
            item(
                1,
                "Can I shower?",
                "Yes: showering and bathing are safe, as long as you do not \
                  swallow the water, and babies should be washed with boiled water that has cooled."
            ),
            item(
                2,
                "How long will it last?",
                "At least two days, until two sets of samples taken a \
                  day apart come back clear from the laboratory in the county town."
            ),
        );
        let c = clean(&page);
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p.starts_with("At least two days")),
            "{:?}",
            c.paragraphs
        );
        assert!(!c.paragraphs.iter().any(|p| p.starts_with("Sign up")));
    }

    #[test]
    fn streamed_segments_are_shown_beside_visible_text() {
        let body = "<section><h2>Deploy your code</h2><p>Connect a repository and every push is built, \
                    tested and rolled out on the runtime your framework needs, with previews for each \
                    pull request and rollbacks a click away when something goes wrong.</p></section>";
        let banner = "<div class='banner'><p>Migrate today and get credits</p></div>";
        // A streaming server render: the segment arrives hidden and a script
        // swaps it in for its placeholder at once.
        let page = format!(
            "<html><body>{banner}<main><template id='B:1'></template></main>\
             <div hidden id='S:1'>{body}</div></body></html>"
        );
        let shown = |id: &str| {
            let c = clean(&page.replace("S:1", id));
            let found = c
                .paragraphs
                .iter()
                .any(|p| p.starts_with("Connect a repository"));
            (found, c)
        };
        let (found, c) = shown("S:1");
        assert!(found, "{:?}", c.paragraphs);
        assert_eq!(c.body_source, BodySource::Markup);
        // React numbers its segments in hexadecimal.
        let (found, c) = shown("S:2e");
        assert!(found, "{:?}", c.paragraphs);
        // Any other hidden box stays out.
        let (found, c) = shown("S:x");
        assert!(!found, "{:?}", c.paragraphs);
    }

    #[test]
    fn a_noscript_view_replaces_an_empty_shell_only() {
        let c = clean(&thread_in_noscript("<div id='app'></div>"));
        assert_eq!(c.body_source, BodySource::Noscript);
        assert_eq!(c.paragraphs.len(), 4, "{:?}", c.paragraphs);
        assert!(c.paragraphs[3].starts_with("Post 3:"));
        // A page whose markup has its own text keeps it.
        let article = "<article><p>The county council met on Tuesday evening to vote on the new budget, \
                       which raises spending on roads and schools and cuts the parks budget by a tenth \
                       after two years of rising maintenance costs and a long public consultation.</p></article>";
        let c = clean(&thread_in_noscript(article));
        assert_eq!(c.body_source, BodySource::Markup);
        assert!(c.paragraphs[0].starts_with("The county council"));
        // A short note in <noscript> is never a page.
        let c = clean(
            "<html><body><div id='app'></div><noscript>You need JavaScript to read this site.</noscript></body></html>",
        );
        assert!(c.paragraphs.is_empty());
        assert_eq!(c.body_source, BodySource::Markup);
    }

    #[test]
    fn article_paragraphs_survive_chrome_does_not() {
        let page = r#"<html><head><title>T | Site</title><script>var x=1;</script></head><body>
<header><nav><a href="/">Home</a> <a href="/w">World</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience.</div>
<main><article><h1>Kremlin rejects peacekeepers</h1>
<p>The Kremlin said on Tuesday that European peacekeepers would be unacceptable, officials said.</p>
<div class="ad-slot">Advertisement</div>
<p>Peskov, the spokesman, referred reporters to an earlier statement by Lavrov, the minister.</p>
<figure><img src="x.jpg"><figcaption>Peskov in Moscow. MIKHAIL METZEL/Getty Images</figcaption></figure>
<p>Advertisement</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Other story one</a></li></ul></aside></main>
<footer>© Site 2025</footer></body></html>"#;
        let c = clean(page);
        assert_eq!(c.title.as_deref(), Some("Kremlin rejects peacekeepers"));
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c);
        assert!(c.paragraphs[0].starts_with("The Kremlin said"));
        let reasons: Vec<&Reason> = c.removed.iter().map(|r| &r.reason).collect();
        assert!(reasons.contains(&&Reason::AdSlot));
        assert!(reasons.contains(&&Reason::Caption));
        assert!(reasons.contains(&&Reason::AdMarker));
    }

    #[test]
    fn a_misnamed_box_around_the_article_does_not_hide_it() {
        let page = r#"<body><div class="Page-ad-margins"><div class="content paywall">
<p>The first paragraph of the story is long enough to count, with a comma or two, here.</p>
<p>The second paragraph of the story is also long enough to count, with commas, too.</p>
<div class="ad-slot"><p>Advertisement: buy the product now, it is on sale, really.</p></div>
<p>The third paragraph closes the story, and it too has a comma or two in it.</p>
</div></div></body>"#;
        let c = clean(page);
        assert_eq!(c.paragraphs.len(), 3, "{c:#?}");
        assert!(c.removed.iter().any(|r| r.reason == Reason::AdSlot));
    }

    #[test]
    fn a_body_in_sections_under_headings_is_kept_whole() {
        let para = |t: &str| format!("<div class='paragraph'><p>{t}</p></div>");
        let section = |h: &str, ps: &[String]| {
            format!(
                "<div class='sect1'><h2>{h}</h2><div class='sectionbody'>{}</div></div>",
                ps.concat()
            )
        };
        let long = "Raw logging shows the exact request a client sent, headers and body, in the \
                    order the server received them, which is what a partner's support team asks for.";
        let body = [
            section("1. Introduction", &[para("Modern services talk to many others over HTTP, so seeing those messages matters.")]),
            section("2. Setup", &[para(long), para(long), para(long), para(long)]),
            section("3. Summary", &[para("Log raw messages in development, and keep secrets masked.")]),
        ]
        .concat();
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/about'>About</a></nav>\
             <main><article><h1>Raw HTTP logging</h1><div class='post-content'>{body}</div></article></main></body></html>"
        );
        let c = clean(&page);
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p.starts_with("Modern services")),
            "{c:#?}"
        );
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p.starts_with("Log raw messages")),
            "{c:#?}"
        );
        assert!(c.paragraphs.iter().any(|p| p == "3. Summary"), "{c:#?}");
    }

    #[test]
    fn a_linked_heading_that_opens_a_section_is_kept_a_run_of_them_is_not() {
        let text = "Each of these connectors clamps a wire in a second, holds up to 32 amps, and \
                    can be opened again with a thumb, which matters when a circuit is redone.";
        let page = format!(
            "<html><body><article><h1>The best wire connectors</h1><p>{text}</p>\
             <h2><a href='/wago-221'>WAGO 221 Lever-Nut Connectors</a></h2><p>{text}</p>\
             <h2><a href='/ideal'>Ideal In-Sure Push-In Connectors</a></h2><p>{text}</p>\
             <h3><a href='/other-1'>How to wire a light switch</a></h3>\
             <h3><a href='/other-2'>Ten tools every electrician carries</a></h3>\
             </article></body></html>"
        );
        let c = clean(&page);
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p == "WAGO 221 Lever-Nut Connectors"),
            "{c:#?}"
        );
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p == "Ideal In-Sure Push-In Connectors")
        );
        assert!(!c.paragraphs.iter().any(|p| p.starts_with("How to wire")));
        assert!(!c.paragraphs.iter().any(|p| p.starts_with("Ten tools")));
    }

    #[test]
    fn a_body_in_many_small_blocks_beside_its_densest_box_is_kept() {
        let short = |i: usize| {
            format!(
                "<p>Point {i}: pick software that sends invoices and tracks expenses for you.</p>"
            )
        };
        let dense = "<p>When developing the rubric for this guide, I weighted the features that matter \
                     most to the self-employed, such as invoicing and banking, and gave extra points to \
                     tools that grow with a business, then added an expert rating on top of the scores.</p>";
        let accordion =
            format!("<div class='accordion'><div class='pane'>{dense}{dense}{dense}</div></div>");
        let points: String = (0..8).map(short).collect();
        let page = format!(
            "<html><body><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>\
             <div class='entry-content'>{points}{accordion}</div></body></html>"
        );
        let c = clean(&page);
        assert!(
            c.paragraphs.iter().any(|p| p.starts_with("Point 7")),
            "{c:#?}"
        );
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p.starts_with("When developing"))
        );
        // Near miss: a rail of links beside the box stays out.
        let links: String = (0..8)
            .map(|i| {
                format!(
                    "<p><a href='/s/{i}'>Another guide to invoicing software number {i}</a></p>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><div class='entry-content'>{links}{accordion}</div></body></html>"
        );
        let c = clean(&page);
        assert!(
            !c.paragraphs.iter().any(|p| p.starts_with("Another guide")),
            "{c:#?}"
        );
    }

    #[test]
    fn a_body_in_a_box_named_for_its_author_is_the_body() {
        let page = r#"<body><article><p class="standfirst">Remote workers can lose motivation: five tips.</p>
<div class="author__content"><p>After you have set up your team with the tools it needs, you need to tackle another hurdle, which is motivating them.</p>
<p>In a virtual setting, leaders have little control over their team's routines beyond checking tasks off a list, and that is not enough.</p>
<p>Here are five ways to keep remote workers productive, each tried by teams of different sizes, in different trades.</p></div>
<div class="author-bio"><p>Tariq Ayan writes about teams.</p></div></article></body>"#;
        let c = clean(page);
        assert!(c.paragraphs.len() >= 3, "{c:#?}");
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p.starts_with("Here are five ways"))
        );
        // The author's own box stays out.
        assert!(!c.paragraphs.iter().any(|p| p.starts_with("Tariq Ayan")));
    }

    #[test]
    fn a_page_wrapped_in_one_form_keeps_its_article_and_drops_small_forms() {
        // (Forms cannot nest: the parser drops an inner <form> tag.)
        let page = "<body><div class=top><form class=search><input name=q> Search the site for stories</form></div>\
            <form id=aspnetForm><div class=main>\
            <p>More than 2,500 civilians have been killed this year, the mission said in its latest report.</p>\
            <p>The helicopter crashed in the east of the country, officials said, and the cause is under investigation.</p>\
            </div></form></body>";
        let c = clean(page);
        assert_eq!(c.paragraphs.len(), 2, "{c:#?}");
    }

    #[test]
    fn a_long_comment_section_does_not_outscore_a_short_article() {
        let comment = "<li><p>I disagree with this, and I think the author, like many others, misses the point entirely here.</p></li>";
        let page = format!(
            "<body><article><div class=entry-content><p>Our goal with these open threads is to give readers, donors and critics a place to ask questions.</p>\
             <p>You can view our previous open thread here, along with the answers we gave.</p></div></article>\
             <div class=comments-area><ol class=comment-list>{}</ol></div></body>",
            comment.repeat(30)
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 2, "{c:#?}");
        assert!(c.paragraphs[0].starts_with("Our goal"));
    }

    /// Article paragraphs, each with a comma so they score like prose.
    fn prose(n: usize, topic: &str) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "<p>Paragraph {i} about {topic}, with enough words in it to look like prose, and a second clause.</p>"
                )
            })
            .collect()
    }

    #[test]
    fn a_teaser_ticker_does_not_outscore_a_short_article() {
        let item = "<li><a href=/x>Another headline about something else entirely</a> \
                    <span>CITY: A teaser of another story, cut short, with commas, and more commas, so it scores...</span></li>";
        let page = format!(
            "<body><div class=ticker><ul>{}</ul></div><div class=story>{}</div></body>",
            item.repeat(10),
            prose(8, "the harbour")
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 8, "{c:#?}");
        assert!(c.paragraphs.iter().all(|p| p.contains("harbour")));
    }

    #[test]
    fn a_box_announced_by_a_list_header_is_not_body() {
        let teaser = "<article><p>A quotation of another page, long enough to be prose, with a comma, and another, and a third.</p></article>";
        for header in ["Related stories", "Você pode gostar...", "Lesen Sie auch:"] {
            let page = format!(
                "<body><main><article>{}</article><article><h3 class=rpt>{header}</h3>{}</article></main></body>",
                prose(2, "the harbour"),
                teaser.repeat(4)
            );
            let c = clean(&page);
            assert_eq!(c.paragraphs.len(), 2, "{header}: {c:#?}");
            assert!(
                c.removed
                    .iter()
                    .any(|r| r.text.starts_with("A quotation") && r.reason == Reason::HeadlineList)
            );
        }
    }

    #[test]
    fn a_body_split_across_cousin_containers_is_kept_whole() {
        // article > (div > div > p p) + embed + (div > div > p p p)
        let page = format!(
            "<body><nav><a href=/>Home</a></nav><article>\
             <div class=t><div class=c>{}</div></div>\
             <div class=embed><div class=c><iframe src=x></iframe></div></div>\
             <div class=t><div class=c>{}</div></div></article>\
             <div class=more><p><a href=/a>Other story one, with a comma</a> <a href=/b>Other story two, with a comma</a></p></div></body>",
            prose(2, "the opening"),
            prose(3, "the rest")
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 5, "{c:#?}");
        assert!(c.paragraphs[0].contains("the opening"));
    }

    #[test]
    fn camel_case_class_words_name_boxes() {
        assert_eq!(
            camel_words("imageEmbedCaption").collect::<Vec<_>>(),
            ["imageEmbedCaption", "image", "Embed", "Caption"]
        );
        assert_eq!(camel_words("caption").collect::<Vec<_>>(), ["caption"]);
        assert_eq!(camel_words("ÉtéCaption").count(), 1);
        assert_eq!(
            class_reason("InlineImage-imageEmbedCaption", true),
            Some(Reason::Caption)
        );
        assert_eq!(class_reason("headline", true), None);
        assert_eq!(class_reason("ArticleBody-articleBody", true), None);
    }

    #[test]
    fn widget_names_are_layout_when_they_wrap_most_of_the_page() {
        let para = |t: &str| {
            format!(
                "<div class='elementor-widget elementor-widget-text-editor'>\
                 <div class='elementor-widget-container'><p>{t} Every plan includes a writer \
                 who interviews you, two rounds of revisions and delivery in the formats \
                 recruiters ask for, within five working days.</p></div></div>"
            )
        };
        let built = format!(
            "<html><body><div class='top'><p>Book a free call with our team today: we answer within the hour, \
             on weekdays and at weekends, and the first consultation costs nothing at all.</p></div>\
             <div class='elementor'>{}{}{}</div></body></html>",
            para("Our resume service starts with a call."),
            para("The cover letter package adds a letter."),
            para("The executive package adds a profile.")
        );
        let c = clean(&built);
        assert!(c.paragraphs.len() >= 3, "{:?}", c.paragraphs);
        assert!(
            c.paragraphs
                .iter()
                .any(|p| p.starts_with("The executive package"))
        );
        // A sidebar of widgets beside an article stays out.
        let article = "<article><p>The county council voted on Tuesday to raise spending on roads \
                       and schools, and to cut the parks budget by a tenth after two years of rising \
                       maintenance costs and a long public consultation.</p><p>Councillors who voted \
                       against said the cuts would close two playgrounds and a pool in the north of \
                       the county before the summer.</p></article>";
        let sidebar = "<div class='widget widget_text'><p>Our town's weekly paper has been \
                       published every Thursday since 1887 and is delivered free to every home.</p></div>";
        let c = clean(&format!("<html><body>{article}{sidebar}</body></html>"));
        assert_eq!(c.paragraphs.len(), 2, "{:?}", c.paragraphs);
        assert!(
            c.removed
                .iter()
                .any(|r| r.reason == Reason::Chrome && r.text.starts_with("Our town"))
        );
    }

    fn ld_page(markup_body: &str, article_body: &str) -> String {
        format!(
            "<html><head><title>Bridge reopens | Example</title>\
             <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"Bridge reopens\",\
             \"articleBody\":\"{article_body}\"}}</script></head>\
             <body><nav><a href=/>Home</a></nav><div id=app>{markup_body}</div></body></html>"
        )
    }

    const LD_BODY: &str = "The old river bridge reopened to traffic on Monday after two years of repairs that cost the city far more than planned.\\n\
        Engineers replaced every steel cable and rebuilt the deck, the transport department said, adding that the bridge should last another fifty years.\\n\
        Advertisement\\n\
        Cyclists get a separate lane for the first time, and pedestrians a wider walkway on the downstream side of the bridge.";

    #[test]
    fn structured_body_is_the_fallback_for_a_script_rendered_page() {
        let c = clean(&ld_page(
            "<noscript>Please enable JavaScript.</noscript>",
            LD_BODY,
        ));
        assert_eq!(c.body_source(), BodySource::JsonLd);
        assert_eq!(c.paragraphs.len(), 3, "{c:#?}");
        assert!(c.paragraphs[0].starts_with("The old river bridge"));
        // The same rules clean it: the ad marker is gone.
        assert!(c.removed.iter().any(|r| r.reason == Reason::AdMarker));
    }

    #[test]
    fn structured_body_replaces_a_teaser_but_not_a_full_body() {
        let teaser = "<p>The old river bridge reopened to traffic on Monday.</p><p>Subscribe to read more.</p>";
        let c = clean(&ld_page(teaser, LD_BODY));
        assert_eq!(c.body_source(), BodySource::JsonLd, "{c:#?}");
        assert!(
            c.removed
                .iter()
                .any(|r| r.reason == Reason::ReplacedByStructuredData)
        );
        // A markup body as long as the structured one wins, and so does any
        // markup body when the structured one is short or malformed.
        let full = "<p>The old river bridge reopened to traffic on Monday after two years of repairs that cost the city far more than planned.</p>\
            <p>Engineers replaced every steel cable and rebuilt the deck, the transport department said, adding that the bridge should last another fifty years.</p>";
        assert_eq!(
            clean(&ld_page(full, LD_BODY)).body_source(),
            BodySource::Markup
        );
        assert_eq!(
            clean(&ld_page(teaser, "Too short to trust.")).body_source(),
            BodySource::Markup
        );
        let broken = ld_page(teaser, LD_BODY).replace("articleBody\":\"", "articleBody\":\"\\q");
        assert_eq!(clean(&broken).body_source(), BodySource::Markup);
    }

    #[test]
    fn unlinked_in_article_lists_survive_linked_headline_lists_do_not() {
        let items: String = [
            "Lego Star Wars bomber set",
            "Ghostbusters collection steelbook",
            "Magnum complete collection box",
            "Roger Waters The Wall concert",
        ]
        .iter()
        .map(|i| format!("<li>{i}</li>"))
        .collect();
        let links: String = [
            "Storm floods coastal towns overnight",
            "Minister resigns after budget row",
            "Champions crash out in semi-final",
            "Markets rally on rate cut hopes",
        ]
        .iter()
        .map(|i| format!("<li><a href=/x>{i}</a></li>"))
        .collect();
        let page = format!(
            "<body><article><p>Black Friday is coming, and collectors, as every year, are hunting for bargains on old favourites.</p>\
             <ul>{items}</ul><p>Prices, shops say, will be lower than last year for most of these items.</p><ul>{links}</ul></article></body>"
        );
        let c = clean(&page);
        assert!(
            c.paragraphs.iter().any(|p| p.starts_with("Ghostbusters")),
            "{c:#?}"
        );
        assert!(
            !c.paragraphs.iter().any(|p| p.starts_with("Storm floods")),
            "{c:#?}"
        );
    }

    #[test]
    fn hidden_and_named_boxes() {
        let page = r#"<body><article>
<p>The visible paragraph of the story is long enough to count, with commas, here.</p>
<p style="DISPLAY : none">Hidden text that a reader never sees on the page at all.</p>
<p style="color:red; visibility: hidden">Also hidden from every reader of the page, really.</p>
<div class="Share_Bar">Share on Facebook</div>
</article></body>"#;
        let c = clean(page);
        assert_eq!(c.paragraphs.len(), 1, "{c:#?}");
        assert!(c.removed.iter().any(|r| r.reason == Reason::Prompt));
    }

    /// An announcement `<aside>` left open puts the whole page inside it:
    /// the page's `<main>` is there, so it is not chrome to drop; a closed
    /// aside beside the article still is.
    #[test]
    fn an_unclosed_aside_around_main_is_not_dropped() {
        let para = |i: usize| {
            format!(
                "<p>Paragraph {i} of the post tells, at some length and with commas, what the founder learned from five startups and twenty-five years.</p>"
            )
        };
        let body: String = (0..6).map(para).collect();
        let page = format!(
            r#"<body><aside class="announcement"><div><a href="/x">Announcement: we joined a bigger company</a></div><nav><a href="/">Home</a> <a href="/blog">Blog</a></nav><main><article><h1>Lessons</h1>{body}</article></main><footer>Terms</footer></body>"#
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 6, "{c:#?}");
        let page = format!(
            r#"<body><aside class="announcement"><p>Announcement: we joined a bigger company, read all about it on our news page today.</p></aside><main><article><h1>Lessons</h1>{body}</article></main></body>"#
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 6, "{c:#?}");
        assert!(
            c.removed.iter().any(|r| r.text.starts_with("Announcement")),
            "{c:#?}"
        );
    }

    /// A newsletter platform wraps the whole post in a box named
    /// `newsletter`: the post is the main content, while a sign-up box
    /// beside an article is still a prompt.
    #[test]
    fn a_post_inside_a_newsletter_box_is_kept() {
        let para = |i: usize| {
            format!(
                "<p>Paragraph {i} of the post explains, at some length and with commas, how the team plans its quarter and why the old process took two weeks.</p>"
            )
        };
        let body: String = (0..8).map(para).collect();
        let page = format!(
            r#"<body><div class="nav">Home Posts About</div><div class="newsletter-post"><h1>How we plan</h1>{body}</div><div class="footer">Terms</div></body>"#
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 8, "{c:#?}");
        let page = format!(
            r#"<body><article>{body}</article><div class="newsletter-signup"><p>Get our newsletter every morning: enter your email address and sign up today.</p></div></body>"#
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs.len(), 8, "{c:#?}");
        assert!(
            c.removed.iter().any(|r| r.reason == Reason::Prompt),
            "{c:#?}"
        );
    }

    /// A page builder names every block a "widget": the name is the page's
    /// structure, not chrome, when it wraps most of the main content; a
    /// promo box inside an article is still removed.
    #[test]
    fn names_that_wrap_the_whole_body_are_structure() {
        let widget = |text: &str| {
            format!(
                r#"<div class="builder-element builder-widget builder-widget-text"><div class="builder-widget-container"><p>{text}</p></div></div>"#
            )
        };
        let paras = [
            "The council approved the harbour budget on Monday, after a debate of four hours.",
            "Spending on flood defences will rise by twelve per cent, the finance committee said.",
            "Opposition members said the plan did too little for housing, and voted against it.",
            "The budget takes effect in April, when the new financial year begins for the city.",
        ];
        let body: String = paras.iter().map(|p| widget(p)).collect();
        let page = format!(
            r#"<body><nav><a href="/">Home</a></nav><main><article><div class="builder-section">{body}</div></article></main><footer>Contact us</footer></body>"#
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs, paras, "{c:#?}");

        let promo = format!(
            r#"<body><article>{}<div class="PromoSmall"><p>The owner of the city paper has a new board, and plans to sell the title this year to a group of investors.</p></div></article></body>"#,
            paras
                .iter()
                .map(|p| format!("<p>{p}</p>"))
                .collect::<String>()
        );
        let c = clean(&promo);
        assert_eq!(c.paragraphs, paras, "{c:#?}");
    }

    /// A `<header>` holding paragraphs is a section (site builders name
    /// the article's section so); a site header of links and a tagline is
    /// still chrome.
    #[test]
    fn headers_holding_paragraphs_are_sections() {
        let paras = [
            "Whether you run a small practice or a large one, the way people find you online matters.",
            "Search engines reward pages that answer questions clearly, with headings and short sections.",
            "Local listings, reviews and a fast site help more than any single keyword trick does.",
        ];
        let body: String = paras.iter().map(|p| format!("<p>{p}</p>")).collect();
        let page = format!(
            r#"<body><header class="site-header"><a href="/">Logo</a><p>Tools for busy practices.</p><a href="/blog">Blog</a></header><main><header class="section_post-content"><div class="rich-text">{body}</div></header></main></body>"#
        );
        let c = clean(&page);
        assert_eq!(c.paragraphs, paras, "{c:#?}");
        assert!(
            c.removed
                .iter()
                .any(|r| r.reason == Reason::Chrome && r.text.contains("Tools for busy practices")),
            "{c:#?}"
        );
    }

    #[test]
    fn br_separated_paragraphs() {
        let page = "<body><div id=content>First paragraph of the story, with enough text to count.<br><br>Second paragraph of the story, also long enough, with commas.<br>same para</div></body>";
        let c = clean(page);
        assert_eq!(c.paragraphs.len(), 2, "{:#?}", c);
        assert!(c.paragraphs[1].ends_with("same para"));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "{}<p>deep text here</p>{}",
            "<div>".repeat(5_000),
            "</div>".repeat(5_000)
        );
        let c = clean(&page);
        assert!(c.paragraphs.len() <= 1);
    }

    #[test]
    fn garbage_is_fine() {
        for page in ["", "<", "<<<>>>", "<p", "</p></div>", "\u{0}\u{feff}<html>"] {
            let _ = clean(page);
        }
    }
}
