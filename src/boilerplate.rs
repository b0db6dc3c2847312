//! Boilerplate rules shared by the text and HTML cleaners.
//!
//! Cleaning works on *blocks* (a line or paragraph of a text scrape, a block
//! element of a page). Two kinds of rules run over them:
//!
//! 1. **Line rules** ([`LINE_RULES`], a table): each looks at one block alone
//!    (its lower-cased text with decoration stripped, and its word count) and
//!    names a [`Reason`]. Every row has a case that must be removed and a
//!    case that must survive in the tests below.
//! 2. **Structural passes**: a comments header removes everything after it;
//!    a list header ("Related:", "Most read") removes the headline-shaped
//!    blocks that follow; a run of headline-shaped blocks whose vocabulary
//!    does not overlap the article's is a list of other stories; the first
//!    headline-shaped block of a text scrape is its title.

use ahash::AHashSet;

use crate::report::{Reason, Removed};
use crate::segment;

/// A block of candidate content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The block's text, trimmed, whitespace collapsed.
    pub text: String,
    /// A heading element (HTML) or otherwise marked as a heading.
    pub heading: bool,
    /// An HTML block whose text is mostly not link text. Pages link the
    /// items of a list of other stories, so such a block is never part of
    /// an unannounced headline run (in-article lists of products, dates or
    /// names are unlinked). Always false for text scrapes, which lost
    /// their links.
    pub unlinked_markup: bool,
}

impl Block {
    pub(crate) fn new(text: impl Into<String>) -> Self {
        Block {
            text: text.into(),
            heading: false,
            unlinked_markup: false,
        }
    }
}

/// One cleaned document: its title, its clean paragraphs and every removed
/// block with the reason (see [`Sifter::clean`](crate::Sifter::clean)).
///
/// # Examples
///
/// ```
/// use storysift::{BodySource, Document, Reason};
///
/// let page = r#"<html lang="en"><head><meta name="author" content="Ann Lee"></head><body>
///   <nav><a href="/">Home</a> <a href="/world">World</a></nav>
///   <article><h1>Storm hits coast</h1>
///   <p>The storm hit the coast on Monday, officials said, and thousands lost power.</p>
///   <p>Photo: Jane Doe/Getty Images</p></article></body></html>"#;
/// let c = storysift::clean(&Document::html("p", page))?;
/// assert_eq!(c.title(), Some("Storm hits coast"));
/// assert_eq!(c.paragraphs().len(), 1);
/// assert!(c.removed().iter().any(|r| r.reason() == &Reason::Chrome));
/// assert_eq!(c.metadata().authors(), ["Ann Lee"]);
/// assert_eq!(c.body_source(), BodySource::Markup);
/// assert!(!c.markup_capped());
/// let paragraphs: Vec<String> = c.into_paragraphs();
/// assert!(paragraphs[0].starts_with("The storm"));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Cleaned {
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", default)
    )]
    pub(crate) title: Option<String>,
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "crate::Metadata::is_empty", default)
    )]
    pub(crate) metadata: crate::Metadata,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) removed: Vec<Removed>,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) page_kind: crate::PageKind,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) body_source: BodySource,
    #[cfg_attr(feature = "serde", serde(default))]
    pub(crate) markup_capped: bool,
}

/// Where a cleaned document's paragraphs came from.
///
/// # Examples
///
/// ```
/// use storysift::{BodySource, Document};
///
/// // A script-rendered page: an empty shell, the text in its JSON-LD.
/// let body = "The council approved the budget on Monday after a long debate. ".repeat(10);
/// let page = format!(r#"<html><head><script type="application/ld+json">{{"articleBody": "{body}"}}</script></head>
///                      <body><div id="app"></div></body></html>"#);
/// let c = storysift::clean(&Document::html("p", &page))?;
/// assert_eq!(c.body_source(), BodySource::JsonLd);
/// assert!(!c.paragraphs().is_empty());
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum BodySource {
    /// The text itself (a text scrape) or the page's markup (HTML): the
    /// normal path.
    #[default]
    Markup,
    /// The page's JSON-LD `articleBody`, because the markup yielded nothing
    /// or much less text than it (a script-rendered page, or a teaser in the
    /// markup with the whole text in the structured data). The markup's
    /// paragraphs are in [`Cleaned::removed`] with
    /// [`Reason::ReplacedByStructuredData`].
    JsonLd,
    /// The page's `<noscript>` view, because the markup yielded (almost)
    /// nothing and the view has several times its words (forums that serve
    /// their threads to clients without scripts there). The markup's
    /// paragraphs are in [`Cleaned::removed`] with
    /// [`Reason::ReplacedByNoscript`].
    Noscript,
    /// The page's hidden elements, because the visible markup yielded
    /// nothing and hidden boxes hold text (pages that stream their content
    /// into hidden boxes and reveal it with a script).
    HiddenMarkup,
    /// The page's best text blocks outside what was judged its main
    /// content, because nothing else was extracted (shop pages, listings,
    /// pages of many small boxes): every block of eight words or more
    /// that was dropped only for lying outside the main content.
    BestBlocks,
    /// The page's own summary (its `description` or `og:description`
    /// metadata), because its markup holds no text at all (a page its
    /// scripts render, served as an empty shell).
    Summary,
}

impl Cleaned {
    /// The title, if one was found.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The clean paragraphs, in reading order.
    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// The removed blocks, each with its reason.
    pub fn removed(&self) -> &[Removed] {
        &self.removed
    }

    /// What the page says about itself: date, authors, site, address,
    /// language (HTML only; empty for a text scrape).
    pub fn metadata(&self) -> &crate::Metadata {
        &self.metadata
    }

    /// The clean paragraphs, by value.
    pub fn into_paragraphs(self) -> Vec<String> {
        self.paragraphs
    }

    /// What kind of page this is (a text scrape is an article); see
    /// [`PageKind`](crate::PageKind).
    pub fn page_kind(&self) -> crate::PageKind {
        self.page_kind
    }

    /// Where the paragraphs came from.
    pub fn body_source(&self) -> BodySource {
        self.body_source
    }

    /// Whether the page went over a markup bound (nesting depth,
    /// attributes per element, elements per page: see
    /// [`SifterBuilder::max_markup_depth`](crate::SifterBuilder::max_markup_depth)):
    /// the tags past it were dropped before parsing and their text kept in
    /// the enclosing element, so the paragraphs there may run together.
    pub fn markup_capped(&self) -> bool {
        self.markup_capped
    }
}

/// How a line rule matches the block's key (lower-cased, decoration
/// stripped, whitespace collapsed).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Pattern {
    /// The whole key equals the text.
    Exact(&'static str),
    /// The key starts with the text.
    Prefix(&'static str),
    /// The key contains the text.
    Contains(&'static str),
    /// A shape test on the key.
    Shape(fn(&str) -> bool),
    /// A shape test run only when one of the words is a word of the key
    /// (the key's words are listed once per block, for all such rows).
    Gated(&'static [&'static str], fn(&str) -> bool),
}

/// One row of the line-rule table.
#[derive(Debug, Clone)]
pub(crate) struct LineRule {
    /// Row name, for test output.
    #[cfg_attr(not(test), allow(dead_code))]
    pub name: &'static str,
    pub pattern: Pattern,
    /// The rule applies only to blocks of at most this many words.
    pub max_words: usize,
    pub reason: Reason,
}

const fn row(name: &'static str, pattern: Pattern, max_words: usize, reason: Reason) -> LineRule {
    LineRule {
        name,
        pattern,
        max_words,
        reason,
    }
}

use Pattern::{Contains, Exact, Gated, Prefix, Shape};

/// The line rules, in priority order (first match wins).
pub(crate) const LINE_RULES: &[LineRule] = &[
    // -- ad markers ---------------------------------------------------------
    row(
        "ad-advertisement",
        Exact("advertisement"),
        2,
        Reason::AdMarker,
    ),
    row(
        "ad-advertisements",
        Exact("advertisements"),
        2,
        Reason::AdMarker,
    ),
    row("ad-advertising", Exact("advertising"), 2, Reason::AdMarker),
    row("ad-ad", Exact("ad"), 1, Reason::AdMarker),
    row("ad-sponsored", Exact("sponsored"), 2, Reason::AdMarker),
    row(
        "ad-sponsored-content",
        Exact("sponsored content"),
        3,
        Reason::AdMarker,
    ),
    row(
        "ad-paid-content",
        Exact("paid content"),
        3,
        Reason::AdMarker,
    ),
    row(
        "ad-promoted",
        Shape(is_promoted_marker),
        3,
        Reason::AdMarker,
    ),
    row(
        "ad-continues",
        Shape(is_continues_marker),
        7,
        Reason::AdMarker,
    ),
    row(
        "ad-scroll",
        Prefix("scroll to continue"),
        6,
        Reason::AdMarker,
    ),
    row(
        "ad-foreign",
        Shape(is_foreign_ad_marker),
        2,
        Reason::AdMarker,
    ),
    row("ad-partner", Shape(is_partner_label), 3, Reason::AdMarker),
    row(
        "ad-bracket-sponsor",
        Shape(is_bracket_sponsor),
        40,
        Reason::AdMarker,
    ),
    // -- comments note ("X has contacted Y for comment.") --------------------
    row(
        "contact-note",
        Shape(is_contact_note),
        30,
        Reason::ContactNote,
    ),
    row(
        "contact-note-foreign",
        Gated(CONTACT_GATE, is_foreign_contact_note),
        25,
        Reason::ContactNote,
    ),
    // -- photo credits and captions -----------------------------------------
    row(
        "credit-photo-by",
        Shape(is_photo_by),
        20,
        Reason::PhotoCredit,
    ),
    row("credit-photo", Prefix("photo:"), 20, Reason::PhotoCredit),
    row(
        "credit-foreign",
        Shape(is_foreign_credit),
        20,
        Reason::PhotoCredit,
    ),
    row(
        "credit-caption-credit",
        Shape(is_caption_with_credit),
        30,
        Reason::PhotoCredit,
    ),
    row("credit-photos", Prefix("photos:"), 20, Reason::PhotoCredit),
    row(
        "credit-photograph",
        Prefix("photograph:"),
        20,
        Reason::PhotoCredit,
    ),
    row("credit-image", Prefix("image:"), 20, Reason::PhotoCredit),
    row(
        "credit-image-credit",
        Prefix("image credit"),
        20,
        Reason::PhotoCredit,
    ),
    row(
        "credit-photo-credit",
        Prefix("photo credit"),
        20,
        Reason::PhotoCredit,
    ),
    row(
        "credit-picture",
        Prefix("picture:"),
        20,
        Reason::PhotoCredit,
    ),
    row("credit-credit", Prefix("credit:"), 20, Reason::PhotoCredit),
    row(
        "credit-source-image",
        Prefix("source image"),
        20,
        Reason::PhotoCredit,
    ),
    row(
        "credit-agency",
        Shape(is_agency_credit),
        10,
        Reason::PhotoCredit,
    ),
    row(
        "caption-file-photo",
        Contains("in this file photo"),
        30,
        Reason::Caption,
    ),
    row(
        "caption-file-image",
        Shape(is_file_image_caption),
        20,
        Reason::Caption,
    ),
    row(
        "caption-pictured",
        Contains(" is pictured"),
        20,
        Reason::Caption,
    ),
    row(
        "caption-are-pictured",
        Contains(" are pictured"),
        20,
        Reason::Caption,
    ),
    // -- bylines, datelines, credits ----------------------------------------
    row("byline-by", Shape(is_byline), 12, Reason::Byline),
    row("byline-date", Shape(is_date_line), 14, Reason::Byline),
    row(
        "byline-reporting",
        Prefix("reporting by"),
        30,
        Reason::Byline,
    ),
    row(
        "byline-additional",
        Prefix("additional reporting"),
        30,
        Reason::Byline,
    ),
    row("byline-writing", Prefix("writing by"), 30, Reason::Byline),
    row("byline-editing", Prefix("editing by"), 30, Reason::Byline),
    row("byline-compiled", Prefix("compiled by"), 30, Reason::Byline),
    // -- prompts: newsletters, subscriptions, sharing ------------------------
    row(
        "prompt-share-words",
        Shape(is_share_words),
        8,
        Reason::Prompt,
    ),
    row("prompt-imperative", Shape(is_prompt), 30, Reason::Prompt),
    row(
        "prompt-foreign",
        Shape(is_foreign_prompt),
        20,
        Reason::Prompt,
    ),
    row(
        "prompt-foreign-channel",
        Gated(PROMPT_GATE, is_foreign_channel_prompt),
        20,
        Reason::Prompt,
    ),
    // -- related links -------------------------------------------------------
    row(
        "related-read-more",
        Prefix("read more:"),
        40,
        Reason::HeadlineList,
    ),
    row(
        "related-read-also",
        Prefix("read also:"),
        40,
        Reason::HeadlineList,
    ),
    row(
        "related-also-read",
        Prefix("also read:"),
        40,
        Reason::HeadlineList,
    ),
    row(
        "related-see-also",
        Prefix("see also:"),
        40,
        Reason::HeadlineList,
    ),
    row(
        "related-related",
        Prefix("related:"),
        40,
        Reason::HeadlineList,
    ),
    row(
        "related-recommended",
        Prefix("recommended:"),
        40,
        Reason::HeadlineList,
    ),
    row("related-watch", Prefix("watch:"), 40, Reason::HeadlineList),
    row("related-more", Prefix("more:"), 40, Reason::HeadlineList),
    row(
        "related-header",
        Shape(is_list_header),
        6,
        Reason::HeadlineList,
    ),
    row(
        "related-foreign",
        Shape(is_foreign_read_more),
        40,
        Reason::HeadlineList,
    ),
    // -- notices and rights --------------------------------------------------
    row("notice-wire-slug", Shape(is_wire_slug), 8, Reason::Notice),
    row(
        "notice-wire-advisory",
        Shape(is_wire_advisory),
        30,
        Reason::Notice,
    ),
    row(
        "notice-correction",
        Shape(is_correction_notice),
        60,
        Reason::Notice,
    ),
    row(
        "notice-updated-at",
        Shape(is_update_notice),
        40,
        Reason::Notice,
    ),
    row(
        "notice-developing",
        Contains("is a developing story"),
        30,
        Reason::Notice,
    ),
    row(
        "notice-developing-2",
        Contains("this story is developing"),
        30,
        Reason::Notice,
    ),
    row(
        "notice-originally",
        Shape(is_provenance_note),
        30,
        Reason::Notice,
    ),
    row(
        "notice-updated-story",
        Prefix("this story has been updated"),
        30,
        Reason::Notice,
    ),
    row("copyright-sign", Prefix("©"), 40, Reason::Copyright),
    row(
        "copyright-word",
        Shape(is_copyright_line),
        40,
        Reason::Copyright,
    ),
    row(
        "copyright-c",
        Shape(is_c_rights_line),
        15,
        Reason::Copyright,
    ),
    row(
        "copyright-foreign",
        Gated(COPYRIGHT_GATE, is_foreign_copyright),
        16,
        Reason::Copyright,
    ),
    row(
        "copyright-reserved",
        Contains("all rights reserved"),
        40,
        Reason::Copyright,
    ),
    row(
        "copyright-redistribution",
        Contains("may not be published, broadcast"),
        60,
        Reason::Copyright,
    ),
    // -- section labels ------------------------------------------------------
    row(
        "section-label",
        Shape(is_section_label),
        5,
        Reason::SectionLabel,
    ),
    // -- decoration ----------------------------------------------------------
    row("separator", Shape(is_separator), 0, Reason::Separator),
];

/// Section labels used by outlets as fixed headers (not story sub-headings).
const SECTION_LABELS: &[&str] = &[
    "why it matters",
    "why this matters",
    "key details",
    "reaction",
    "reactions",
    "what to know",
    "what we know",
    "what people are saying",
    "what they're saying",
    "what they’re saying",
    "what happens next",
    "what's next",
    "what’s next",
    "background",
    "the details",
    "in their words",
    "looking ahead",
    "key points",
    "key takeaways",
    "the big picture",
    "the bottom line",
    "bottom line",
    "by the numbers",
    "between the lines",
    "driving the news",
    "state of play",
    "zoom in",
    "zoom out",
    "go deeper",
    "catch up quick",
    "the backstory",
    "context",
    "the latest",
    "what you need to know",
    "at a glance",
    "in brief",
    "quick read",
];

/// Headers introducing a list of other stories.
const LIST_HEADERS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related news",
    "related coverage",
    "related content",
    "related posts",
    "more stories",
    "more stories like this",
    "more like this",
    "more news",
    "more from",
    "more on this story",
    "most read",
    "most popular",
    "most viewed",
    "popular now",
    "trending",
    "trending now",
    "top stories",
    "latest news",
    "latest stories",
    "recommended",
    "recommended for you",
    "you may also like",
    "you might also like",
    "also read",
    "read more",
    "read next",
    "further reading",
    "editor's picks",
    "editors' picks",
    "don't miss",
    "in other news",
    "elsewhere",
    "see also",
    // German
    "mehr zum thema",
    "lesen sie auch",
    "auch interessant",
    "das könnte sie auch interessieren",
    "das könnte sie interessieren",
    "weitere artikel",
    "meistgelesen",
    "meistgelesene artikel",
    "verwandte artikel",
    "weitere nachrichten",
    "weitere meldungen",
    "mehr nachrichten",
    // French
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "voir aussi",
    "à voir aussi",
    "sur le même sujet",
    "articles similaires",
    "les plus lus",
    "vous aimerez aussi",
    "dans la même rubrique",
    "ces articles peuvent vous intéresser",
    "ces articles pourraient vous intéresser",
    "nos autres articles",
    // Spanish
    "lea también",
    "lee también",
    "te puede interesar",
    "noticias relacionadas",
    "más noticias",
    "otras noticias",
    "también te puede interesar",
    "noticias relacionadas",
    "artículos relacionados",
    "lo más leído",
    "más noticias",
    "te recomendamos",
    // Portuguese
    "leia também",
    "veja também",
    "você pode gostar",
    "você também pode gostar",
    "notícias relacionadas",
    "artigos relacionados",
    "posts relacionados",
    "mais lidas",
    "mais lidos",
    // Italian
    "leggi anche",
    "potrebbe interessarti",
    "ti potrebbe interessare",
    "articoli correlati",
    "i più letti",
    // Dutch
    "lees ook",
    "meer nieuws",
    "gerelateerde artikelen",
    "meest gelezen",
];

const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "mail",
    "print",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "telegram",
    "copy",
    "link",
    "copied",
    "save",
    "comments",
    "comment",
    "flipboard",
    "messenger",
    "sms",
    "bluesky",
    "threads",
    "gift",
    "article",
    "this",
    "story",
    "on",
    "via",
    "listen",
    "to",
];

const PROMPT_STARTS: &[&str] = &[
    "sign up",
    "subscribe",
    "get the",
    "get our",
    "join our",
    "join the",
    "follow us",
    "follow our",
    "like us on",
    "download the",
    "download our",
    "click here",
    "don't miss",
    "never miss",
    "want more",
    "want the latest",
    "want to read more",
    "register now",
    "register for",
    "become a member",
    "become a subscriber",
    "support our journalism",
    "support independent",
    "enjoyed this article",
    "enjoy this article",
    "share this article",
    "share this story",
    "listen to this article",
    "stay up to date",
    "stay informed",
    "for the latest",
    "got a tip",
    "have a tip",
    "to continue reading",
    "continue reading",
    "already a subscriber",
];

const PROMPT_TOPICS: &[&str] = &[
    "newsletter",
    "inbox",
    "subscribe",
    "sign up",
    "app",
    "follow",
    "members",
    "member",
    "subscriber",
    "subscription",
    "journalism",
    "notifications",
    "alerts",
    "podcast",
    "briefing",
    "article",
    "story",
    "tip",
    "reading",
    "updates",
    "latest",
];

fn is_continues_marker(k: &str) -> bool {
    let rest = k
        .strip_prefix("story")
        .or_else(|| k.strip_prefix("article"))
        .or_else(|| k.strip_prefix("content"))
        .or_else(|| k.strip_prefix("text"));
    matches!(
        rest.map(str::trim_start),
        Some(
            "continues below"
                | "continues below advertisement"
                | "continues after advertisement"
                | "continues after this advertisement"
                | "continues after the advertisement"
                | "continues below this ad"
                | "continues after ad"
                | "continues"
        )
    ) || matches!(
        k,
        "continue reading below" | "continue reading below advertisement"
    )
}

/// "Photo by Name/Agency", "(Photo by Name/Agency)".
fn is_photo_by(k: &str) -> bool {
    k.trim_start_matches('(').starts_with("photo by")
}

/// "A file image related to X.", "X in this file image."
fn is_file_image_caption(k: &str) -> bool {
    k.starts_with("a file image") || k.starts_with("file image") || k.contains("in this file image")
}

/// "(c) 2025 Example Media": "(c)" and a year, not a list item "(c) the fees…".
fn is_c_rights_line(k: &str) -> bool {
    k.strip_prefix("(c)").is_some_and(|rest| {
        rest.split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
    })
}

fn is_promoted_marker(k: &str) -> bool {
    matches!(
        k,
        "promoted" | "promoted content" | "promoted stories" | "promoted links" | "promoted by"
    )
}

/// "This article originally appeared on X.", "Originally published by X",
/// "This story first appeared on X": a note about where the text came
/// from, not a sentence of the story ("The rash first appeared on his arm").
fn is_provenance_note(k: &str) -> bool {
    let subject = [
        "this article ",
        "this story ",
        "this post ",
        "this piece ",
        "this report ",
        "this content ",
    ]
    .iter()
    .find_map(|p| k.strip_prefix(p));
    let rest = match subject {
        Some(r) => r.strip_prefix("was ").unwrap_or(r),
        None => k,
    };
    [
        "originally appeared",
        "originally published",
        "first appeared",
        "first published",
        "was first published",
    ]
    .iter()
    .any(|p| rest.starts_with(p))
}

/// "Copyright 2025 Example Media", "Copyright © Example": the word followed
/// by a year or a rights sign, not a sentence about copyright.
fn is_copyright_line(k: &str) -> bool {
    let Some(rest) = k.strip_prefix("copyright") else {
        return false;
    };
    let next = rest
        .trim_start_matches([' ', ':'])
        .split(' ')
        .next()
        .unwrap_or("");
    next.starts_with('©')
        || next == "(c)"
        || (next.len() == 4 && next.bytes().all(|b| b.is_ascii_digit()))
        || rest.trim().is_empty()
}

/// Photo credits in other languages, and the French spacing before a
/// colon: "Foto: dpa", "Bild: Keystone", "Photo : AFP", "Crédit photo :
/// Reuters", "Foto di Mario Rossi", "Фото: ТАСС".
fn is_foreign_credit(k: &str) -> bool {
    const LABELS: &[&str] = &[
        "foto",
        "fotos",
        "bild",
        "bilder",
        "bildquelle",
        "crédit photo",
        "crédits photo",
        "crédit",
        "crédits",
        "imagen",
        "fotografía",
        "imagem",
        "créditos",
        "zdjęcie",
        "фото",
    ];
    if let Some((raw, rest)) = k.split_once(':') {
        let label = raw.trim_end();
        let french = raw.ends_with(' ') && matches!(label, "photo" | "photos");
        return (LABELS.contains(&label) || french)
            && !rest.trim().is_empty()
            && rest.split_whitespace().count() <= 10;
    }
    k.strip_prefix("foto di ")
        .or_else(|| k.strip_prefix("foto de "))
        .is_some_and(|rest| rest.split_whitespace().count() <= 5 && !rest.ends_with('.'))
}

fn is_foreign_ad_marker(k: &str) -> bool {
    matches!(
        k,
        "anzeige"
            | "werbung"
            | "publicité"
            | "annonce"
            | "anuncio"
            | "anuncios"
            | "publicidad"
            | "publicidade"
            | "pubblicità"
            | "реклама"
            | "광고"
            | "広告"
            | "reklama"
            | "advertentie"
            | "annons"
            | "mainos"
            | "iklan"
    )
}

/// English sponsor labels standing alone ("Partner message").
fn is_partner_label(k: &str) -> bool {
    matches!(
        k.trim_end_matches(':'),
        "partner message"
            | "partner content"
            | "from our partners"
            | "paid post"
            | "paid partnership"
            | "advertiser content"
            | "promoted content"
            | "brand content"
    )
}

/// "[SPONSOR] Acme Loans: fixed rates…": a line opening with a bracketed
/// sponsor or ad label.
fn is_bracket_sponsor(k: &str) -> bool {
    let Some(rest) = k.strip_prefix('[') else {
        return false;
    };
    let Some((label, _)) = rest.split_once(']') else {
        return false;
    };
    matches!(
        label.trim(),
        "sponsor"
            | "sponsored"
            | "ad"
            | "advertisement"
            | "promoted"
            | "partner"
            | "anzeige"
            | "werbung"
            | "publicidad"
            | "patrocinado"
            | "publicité"
            | "sponsorisé"
    )
}

/// "Der Bahnsteig in Hainrode | Foto: drd/H. Alsleben", "Detail of the
/// mosaic (Photo: APL / R. Benjumea)": a short caption ending with a
/// credit.
fn is_caption_with_credit(k: &str) -> bool {
    // Every mark has a colon after a "|" or "(": most lines have neither.
    let b = k.as_bytes();
    if !b.contains(&b':') || !(b.contains(&b'|') || b.contains(&b'(')) {
        return false;
    }
    const MARKS: &[&str] = &[
        "| foto:",
        "| photo:",
        "| bild:",
        "| photo :",
        "| credit:",
        "| image:",
        "(foto:",
        "(photo:",
        "(bild:",
        "(photo :",
        "(image:",
        "(credit:",
    ];
    MARKS.iter().any(|m| {
        k.rfind(m).is_some_and(|at| {
            let credit = k[at + m.len()..].trim_end_matches(')').trim();
            !credit.is_empty() && credit.split_whitespace().count() <= 6 && !credit.ends_with('.')
        })
    })
}

/// A German, French, Spanish or Italian note that the outlet asked for a
/// statement ("… blieb bis Redaktionsschluss unbeantwortet", "… um eine
/// Stellungnahme gebeten"), or an English one with "requested comment".
const CONTACT_GATE: &[&str] = &[
    "redaktionsschluss",
    "stellungnahme",
    "anfrage",
    "sollicitations",
    "répondu",
    "preguntas",
    "risposto",
    "requested",
    "asked",
];

fn is_foreign_contact_note(k: &str) -> bool {
    const MARKS: &[&str] = &[
        "bis redaktionsschluss unbeantwortet",
        "bis redaktionsschluss nicht beantwortet",
        "um eine stellungnahme gebeten",
        "um stellungnahme gebeten",
        "hat eine anfrage",
        "n'a pas répondu à nos sollicitations",
        "n'a pas donné suite à nos sollicitations",
        "n'a pas répondu à nos questions",
        "no respondió a las preguntas de",
        "no ha respondido a las preguntas de",
        "non ha risposto alle domande",
        "has requested comment from",
        "have requested comment from",
        "has asked for comment from",
    ];
    MARKS.iter().any(|m| k.contains(m))
}

/// "Teilen: Facebook | WhatsApp", "Inscrivez-vous à notre lettre
/// d'information", "Jetzt Push-Mitteilungen in der App aktivieren",
/// "X ya está en WhatsApp": share, newsletter, app and channel prompts in
/// German, French, Spanish, Italian and Portuguese.
fn is_foreign_prompt(k: &str) -> bool {
    const STARTS: &[&str] = &[
        "teilen:",
        "jetzt teilen",
        "artikel teilen",
        "partager :",
        "partager:",
        "partagez",
        "compártelo",
        "compartir:",
        "comparte:",
        "condividi",
        "compartilhe",
        "inscrivez-vous",
        "abonnez-vous",
        "activez les notifications",
        "suivez-nous",
        "suscríbete",
        "suscribete",
        "síguenos",
        "melden sie sich",
        "abonnieren sie",
        "folgen sie uns",
        "iscriviti",
        "seguici",
        "assine",
        "inscreva-se",
    ];
    starts_any(k, STARTS)
}

const PROMPT_GATE: &[&str] = &[
    "push-mitteilungen",
    "push-benachrichtigungen",
    "newsletter",
    "e-paper",
    "d'information",
    "boletín",
    "whatsapp",
    "whatsapp-kanal",
];

/// "Jetzt Push-Mitteilungen in der App aktivieren", "X ya está en
/// WhatsApp": app, newsletter and channel prompts (behind [`PROMPT_GATE`]).
fn is_foreign_channel_prompt(k: &str) -> bool {
    const MARKS: &[&str] = &[
        "push-mitteilungen",
        "push-benachrichtigungen",
        "unseren newsletter",
        "e-paper",
        "lettre d'information",
        "notre newsletter",
        "nuestro boletín",
        "nuestra newsletter",
        "ya está en whatsapp",
        "está en whatsapp",
        "canal de whatsapp",
        "whatsapp-kanal",
    ];
    MARKS.iter().any(|m| k.contains(m))
}

/// Whether `k` starts with one of `list`: the first byte is compared
/// before the prefix, so a long list costs little on lines it misses.
fn starts_any(k: &str, list: &[&str]) -> bool {
    let Some(&first) = k.as_bytes().first() else {
        return false;
    };
    list.iter()
        .any(|p| p.as_bytes().first() == Some(&first) && k.starts_with(p))
}

/// "Zum Weiterlesen: …", "Lire la suite sur …", "Lee también: …": a
/// further-reading line in German, French, Spanish, Italian or Portuguese.
fn is_foreign_read_more(k: &str) -> bool {
    const STARTS: &[&str] = &[
        "zum weiterlesen",
        "weiterlesen:",
        "auch interessant:",
        "lesen sie auch:",
        "lesen sie hier",
        "mehr zum thema:",
        "mehr dazu:",
        "lire aussi :",
        "lire aussi:",
        "à lire aussi :",
        "à lire aussi:",
        "lire la suite",
        "voir aussi :",
        "lea también:",
        "lee también:",
        "leer más:",
        "te puede interesar:",
        "más información:",
        "leggi anche:",
        "vedi anche:",
        "leia também:",
        "veja também:",
        "lees ook:",
    ];
    starts_any(k, STARTS)
}

/// A wire slug line: "BC-ELECTION-RESULTS (UPDATE 2)".
fn is_wire_slug(k: &str) -> bool {
    let first = k.split_whitespace().next().unwrap_or("");
    first.starts_with("bc-")
        && first.matches('-').count() >= 2
        && first
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// A wire desk's advisory: "(Corrects spelling of candidate's name in
/// paragraph 3)", "(Adds minister's comment in paragraph 8)".
fn is_wire_advisory(k: &str) -> bool {
    const VERBS: &[&str] = &[
        "corrects ",
        "adds ",
        "updates ",
        "recasts ",
        "changes ",
        "fixes ",
        "removes ",
        "rewrites ",
        "refiles ",
        "clarifies ",
        "deletes ",
        "inserts ",
        "amends ",
        "repeats ",
    ];
    const OBJECTS: &[&str] = &[
        "paragraph",
        "para ",
        "spelling",
        "headline",
        "dateline",
        "byline",
        "throughout",
        "with comment",
        "with details",
        "with reaction",
    ];
    starts_any(k, VERBS) && OBJECTS.iter().any(|o| k.contains(o))
}

/// "Correction, Nov 7: An earlier version of this article misstated…",
/// "Berichtigung: In einer früheren Version…".
fn is_correction_notice(k: &str) -> bool {
    const STARTS: &[&str] = &[
        "correction",
        "clarification",
        "editor's note",
        "update:",
        "berichtigung",
        "korrektur",
        "rectificatif",
        "correctif",
        "fe de errores",
        "corrección",
        "rettifica",
    ];
    const MARKS: &[&str] = &[
        "earlier version",
        "previous version",
        "incorrectly",
        "misstated",
        "misspelled",
        "misidentified",
        "früheren version",
        "version précédente",
        "versión anterior",
        "versione precedente",
    ];
    starts_any(k, STARTS) && MARKS.iter().any(|m| k.contains(m))
}

/// "This story was updated at 7:10 p.m. with comment from the minister."
fn is_update_notice(k: &str) -> bool {
    const STARTS: &[&str] = &[
        "this story was updated",
        "this article was updated",
        "this article has been updated",
        "this post has been updated",
        "this post was updated",
        "this report was updated",
        "this report has been updated",
        "dieser artikel wurde aktualisiert",
        "cet article a été mis à jour",
        "esta noticia ha sido actualizada",
        "este artículo ha sido actualizado",
        "questo articolo è stato aggiornato",
    ];
    starts_any(k, STARTS)
}

/// Rights notices in German, French, Spanish, Italian and Portuguese.
const COPYRIGHT_GATE: &[&str] = &[
    "vorbehalten",
    "réservés",
    "reservados",
    "autor",
    "riservata",
    "riservati",
];

fn is_foreign_copyright(k: &str) -> bool {
    const MARKS: &[&str] = &[
        "alle rechte vorbehalten",
        "tous droits réservés",
        "tous droits de reproduction réservés",
        "droits de reproduction réservés",
        "todos los derechos reservados",
        "protegidos por derechos de autor",
        "riproduzione riservata",
        "tutti i diritti riservati",
        "todos os direitos reservados",
        "direitos reservados",
    ];
    MARKS.iter().any(|m| k.contains(m))
}

/// "Newsweek has contacted the White House for comment."
fn is_contact_note(k: &str) -> bool {
    if !k.contains("for ") {
        return false;
    }
    let Some(at) = k
        .find("for comment")
        .or_else(|| k.find("for a comment"))
        .or_else(|| k.find("for a response"))
        .or_else(|| k.find("for further comment"))
        .or_else(|| k.find("for their response"))
        .or_else(|| k.find("for its response"))
    else {
        return false;
    };
    let head = &k[..at];
    const VERBS: &[&str] = &[
        "has contacted",
        "have contacted",
        "had contacted",
        "has asked",
        "have asked",
        "has reached out",
        "have reached out",
        "reached out to",
        "has approached",
        "have approached",
        "has emailed",
        "has e-mailed",
        "has requested",
        "has been contacted",
        "was contacted",
        "were contacted",
        "has contacted",
        "contacted",
    ];
    VERBS.iter().any(|v| head.contains(v))
        && !head.contains("did not")
        && !head.contains("didn't")
        && !head.contains("declined")
}

/// "MIKHAIL METZEL/Getty Images", "Name/AP", "Jane Doe/Reuters",
/// "Jane Doe | Bloomberg | Getty Images".
fn is_agency_credit(k: &str) -> bool {
    const AGENCIES: &[&str] = &[
        "getty images",
        "getty",
        "afp",
        "ap",
        "reuters",
        "epa",
        "pa",
        "pa images",
        "pa wire",
        "shutterstock",
        "alamy",
        "bloomberg",
        "xinhua",
        "anadolu",
        "sipa",
        "rex",
        "afp via getty images",
        "ap photo",
        "the associated press",
        "associated press",
        "imago",
        "dpa",
        "zuma",
        "nurphoto",
        "sopa images",
        "efe",
        "tass",
        "ria novosti",
        "kyodo",
        "yonhap",
        "aap",
        "abaca",
        "eyevine",
        "bbc",
        "cnn",
        "nasa",
        "file",
    ];
    if let Some(slash) = k.rfind(['/', '|']) {
        let after = k[slash + 1..]
            .trim()
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let before = k[..slash].trim();
        if before.is_empty() || before.ends_with(|c: char| c.is_ascii_digit()) {
            return false;
        }
        return AGENCIES.iter().any(|a| {
            after == *a
                || after
                    .strip_suffix(a)
                    .is_some_and(|head| head.ends_with(' '))
        }) || after.ends_with("via getty images");
    }
    k.ends_with("/ getty images") || k.ends_with("via getty images") || k == "getty images"
}

/// "By Maria Varga", "By Maria Varga, Sunday Gazette", "by staff reporter".
fn is_byline(k: &str) -> bool {
    let Some(rest) = k.strip_prefix("by ") else {
        return false;
    };
    // A byline names people, not a clause: no verb-like sentence ending.
    !rest.ends_with('.') || rest.split_whitespace().count() <= 4
}

pub(crate) const MONTHS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "Published Oct. 14, 2025 3:30 PM", "Maria Varga | Oct. 14, 2025",
/// "Updated 14/10/2025 15:30".
fn is_date_line(k: &str) -> bool {
    let starts = [
        "published",
        "updated",
        "posted",
        "last updated",
        "last modified",
        "first published",
        "date:",
    ];
    let has_digit = k.bytes().any(|b| b.is_ascii_digit());
    // "— Name (@handle) November 18, 2019" closes an embedded post: content.
    if !has_digit || k.contains("(@") {
        return false;
    }
    if starts.iter().any(|s| k.starts_with(s)) {
        return true;
    }
    let has_month = k
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| MONTHS.contains(&w));
    let has_time = k
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let has_year = k
        .split(|c: char| !c.is_ascii_digit())
        .any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    // A ranked row of a results table ("2 teodor vasilescu kilhaven ac
    // 2:09:12"): its time is a result, not a timestamp.
    let ranked = {
        let mut t = k.split_whitespace();
        t.next()
            .is_some_and(|w| w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
            && t.next().is_some_and(|w| {
                w.chars().next().is_some_and(char::is_alphabetic) && !MONTHS.contains(&w)
            })
    };
    let has_time = has_time && (has_year || !ranked);
    // A sentence mentioning a date ends with a full stop; a dateline does not.
    (has_month && has_year || has_time) && !k.ends_with('.') && !k.contains(" said")
        || (has_month && has_year && k.contains('|'))
}

fn is_share_words(k: &str) -> bool {
    let mut n = 0;
    for w in k.split(|c: char| c.is_whitespace() || matches!(c, '|' | '/' | '·' | '•')) {
        if w.is_empty() {
            continue;
        }
        if !SHARE_WORDS.contains(&w) {
            return false;
        }
        n += 1;
    }
    n > 0
}

fn is_prompt(k: &str) -> bool {
    starts_any(k, PROMPT_STARTS) && PROMPT_TOPICS.iter().any(|t| k.contains(t))
        || (k.contains("newsletter") && (k.contains("sign up") || k.contains("subscribe")))
        || k.starts_with("follow ")
            && (k.contains(" on twitter")
                || k.contains(" on x")
                || k.contains(" on facebook")
                || k.contains(" on instagram"))
}

/// A header announcing a list of other stories ("Related stories",
/// "Lesen Sie auch", "Você pode gostar…"), given a [`rule_key`].
pub(crate) fn is_list_header(k: &str) -> bool {
    let k = k.trim_end_matches([':', '.', '…']).trim();
    const PREFIXES: &[&str] = &[
        "more from ",
        "more news from ",
        "more stories from ",
        "more articles from ",
        "latest from ",
        "more in ",
    ];
    LIST_HEADERS.contains(&k)
        || (PREFIXES.iter().any(|p| k.starts_with(p)) && k.split_whitespace().count() <= 7)
}

fn is_section_label(k: &str) -> bool {
    SECTION_LABELS.contains(&k.trim_end_matches(':'))
}

fn is_separator(k: &str) -> bool {
    !k.chars().any(char::is_alphanumeric)
}

fn is_comments_header(k: &str) -> bool {
    let k = k.trim_end_matches(':');
    if k.len() > 40 {
        return false;
    }
    if matches!(
        k,
        "comments"
            | "comment"
            | "reader comments"
            | "join the conversation"
            | "leave a comment"
            | "leave a reply"
            | "show comments"
            | "view comments"
            | "add a comment"
            | "discussion"
            | "conversation"
            | "reactions"
            | "what readers say"
            | "readers' comments"
            | "your comments"
    ) {
        return true;
    }
    // "2 Comments", "Comments (14)", "14 comments so far"
    let words: Vec<&str> = k
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')')
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 4
        && words
            .iter()
            .any(|w| *w == "comments" || *w == "comment" || *w == "responses" || *w == "replies")
        && words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()))
}

/// The rule key of a block: lower-cased, bullets/dashes/quotes stripped
/// from both ends, whitespace collapsed. Written into `out`.
pub(crate) fn rule_key(text: &str, out: &mut String) {
    out.clear();
    let text = unwrap_aside(text.trim());
    let trimmed = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '-' | '–'
                    | '—'
                    | '•'
                    | '·'
                    | '*'
                    | '|'
                    | '>'
                    | '»'
                    | '■'
                    | '▪'
                    | '►'
                    | '→'
                    | '='
                    | '_'
                    | '~'
                    | '#'
            )
    });
    let mut space = false;
    for c in trimmed.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        match c {
            '’' | '‘' => out.push('\''),
            '“' | '”' => out.push('"'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    // "[ Tom's Guide ]" style prefixes are content; bracketed labels alone are not special.
}

/// A line wrapped whole in parentheses or brackets, without them: "(Photo:
/// Jane Doe)", "(Reporting by …; Editing by …)" are asides whose rules are
/// those of the bare line. "(a) one and (b) two" is not wrapped.
fn unwrap_aside(t: &str) -> &str {
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            if !inner.contains(close) && !inner.contains(open) {
                return inner;
            }
        }
    }
    t
}

/// Applies the line rules to one block.
#[cfg(test)]
pub(crate) fn classify_line(text: &str, key_buf: &mut String) -> Option<Reason> {
    rule_key(text, key_buf);
    let key = key_buf.as_str();
    let words = segment::word_count(text);
    classify_key(key, words)
}

fn classify_key(key: &str, words: usize) -> Option<Reason> {
    matching_rule(key, words).map(|r| r.reason.clone())
}

/// The first line rule matching a key.
fn matching_rule(key: &str, words: usize) -> Option<&'static LineRule> {
    let mut key_words: Option<Vec<&str>> = None;
    for rule in LINE_RULES {
        if words > rule.max_words && rule.max_words > 0 {
            continue;
        }
        if rule.max_words == 0 && words > 0 {
            continue;
        }
        let hit = match rule.pattern {
            Exact(s) => {
                key == s
                    || (key.len() == s.len() + 1 && key.starts_with(s) && key.ends_with([':', '.']))
            }
            Prefix(s) => key.starts_with(s),
            Contains(s) => key.contains(s),
            Shape(f) => f(key),
            Gated(gate, f) => {
                let listed = key_words.get_or_insert_with(|| {
                    key.split(' ')
                        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation()))
                        .collect()
                });
                listed.iter().any(|w| gate.contains(w)) && f(key)
            }
        };
        if hit {
            return Some(rule);
        }
    }
    None
}

/// Headline shape: 2..=20 words, one sentence, no sentence-final full stop,
/// colon or comma; a question or exclamation only when short.
fn is_headline_shaped(key: &str, words: usize) -> bool {
    let k = key.trim_end_matches(['"', '\'', ')', ']']);
    // List numbering ("1. ", "2) ") is not a sentence boundary.
    let (k, words) = match k.split_once([' ']) {
        Some((n, rest))
            if n.len() <= 3
                && n.ends_with(['.', ')'])
                && n[..n.len() - 1].bytes().all(|b| b.is_ascii_digit()) =>
        {
            (rest, words.saturating_sub(1))
        }
        _ => (k, words),
    };
    if !(2..=20).contains(&words) || is_multi_sentence(k) || ends_with_clock(k) {
        return false;
    }
    if k.ends_with("...") || k.ends_with('…') {
        return true;
    }
    if k.ends_with(['?', '!']) {
        return words <= 14;
    }
    !k.ends_with(['.', ':', ';', ','])
}

/// A line ending in a time or a result ("… 2:08:41", "… 3:1"): a row of a
/// results table or a timetable, not a headline.
fn ends_with_clock(k: &str) -> bool {
    let last = k.rsplit(' ').next().unwrap_or("");
    let digits = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
    last.contains(':') && last.split(':').all(digits)
}

/// An item of an announced list (after "Related:"): looser than a headline
/// shape, since the header already says what follows. Up to 30 words, and
/// not ending like a sentence of prose (a full stop).
fn is_list_item(key: &str, words: usize) -> bool {
    let k = key.trim_end_matches(['"', '\'', ')', ']']);
    (2..=30).contains(&words) && !k.ends_with('.')
}

/// Two sentences of at least four words each ("ID. SPACE" or
/// "Amnesty. More than…" do not count).
fn is_multi_sentence(k: &str) -> bool {
    let mut long = 0;
    for s in segment::sentences(k) {
        if segment::word_count_upto(s, 4) >= 4 {
            long += 1;
        }
    }
    long >= 2
        || k.split(['.', '?', '!'])
            .filter(|p| segment::word_count_upto(p, 4) >= 4)
            .count()
            >= 3
}

/// Words that carry topic (for the vocabulary-overlap test).
fn content_words<'a>(
    text: &str,
    buf: &'a mut String,
    spans: &'a mut Vec<segment::Span>,
) -> impl Iterator<Item = &'a str> {
    buf.clear();
    spans.clear();
    segment::normalize_into(text, buf, spans);
    let b: &'a str = buf;
    spans
        .iter()
        .map(move |&(a, e)| &b[a as usize..e as usize])
        .filter(|w| {
            w.chars().count() >= 4
                && !w.bytes().all(|c| c.is_ascii_digit())
                && !STOP_WORDS.contains(w)
        })
}

const STOP_WORDS: &[&str] = &[
    "that", "this", "with", "from", "have", "been", "were", "will", "would", "what", "when",
    "where", "which", "while", "their", "there", "they", "them", "then", "than", "your", "about",
    "after", "before", "into", "over", "more", "most", "some", "such", "only", "also", "just",
    "said", "says", "could", "should", "here", "these", "those", "being", "does", "doing", "other",
    "very", "much", "many", "first", "last", "year", "years", "new", "says", "like", "make",
    "made", "back", "still", "even", "every", "through", "under", "again", "against", "among",
    "because", "between", "during", "each", "into", "know", "take", "want", "week", "time",
    "really", "best", "need", "right", "could", "around", "says", "news", "today",
];

/// Share of the run's distinct content words that occur in `vocab`.
/// A word's set key: its stable hash (no String per word).
fn word_key(w: &str) -> u64 {
    crate::shingle::word_hash(w.as_bytes())
}

fn overlap(run_words: &AHashSet<u64>, vocab: &AHashSet<u64>) -> f64 {
    if run_words.is_empty() {
        return 0.0;
    }
    let hit = run_words.iter().filter(|w| vocab.contains(*w)).count();
    hit as f64 / run_words.len() as f64
}

/// Headline runs whose content words overlap the article less than this
/// are lists of other stories.
const MAX_RUN_OVERLAP: f64 = 0.34;
/// Minimum length of an unannounced headline run.
const MIN_RUN: usize = 3;

/// Whether the cleaner should look for a title among the first blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TitleMode {
    /// Text scrapes: the first headline-shaped block is the title.
    FirstLine,
    /// The caller already found the title (HTML `<h1>`); none is guessed.
    Known,
}

/// What the rules say about one block, computed from one rule key.
struct BlockFacts {
    /// Words of the block (of its rule key, which has the same words).
    words: usize,
    verdict: Option<Reason>,
    shaped: bool,
    list_item: bool,
    list_header: bool,
    comments_header: bool,
}

/// Cleans a sequence of blocks: line rules, then the structural passes.
/// The longest block (in words) any line rule or shape test can match:
/// the largest `max_words` of [`LINE_RULES`] and the limits of the headline,
/// list-item, list-header and comments-header shapes. A block's key has at
/// least as many words as its text (lower-casing never joins words), so a
/// block over this many words is content as far as the rules go.
const FACT_MAX_WORDS: usize = 60;

pub(crate) fn clean_blocks(
    blocks: Vec<Block>,
    title_mode: TitleMode,
    title: Option<String>,
) -> Cleaned {
    clean_blocks_of(blocks, title_mode, title, false)
}

/// [`clean_blocks`] for the posts of a forum thread (`thread`): a
/// "76 Replies" line heads the posts, it does not start a comment section
/// that removes the rest.
pub(crate) fn clean_blocks_of(
    blocks: Vec<Block>,
    title_mode: TitleMode,
    mut title: Option<String>,
    thread: bool,
) -> Cleaned {
    let mut key = String::new();
    let n = blocks.len();
    // Every per-block fact from one rule key per block.
    let facts: Vec<BlockFacts> = blocks
        .iter()
        .map(|b| {
            // No rule or shape test applies to a block this long: skip the key.
            // (A long block's count is capped here; the list-run test
            // below counts it in full when it needs it.)
            let text_words = segment::word_count_upto(&b.text, FACT_MAX_WORDS + 1);
            if text_words > FACT_MAX_WORDS {
                return BlockFacts {
                    words: text_words,
                    verdict: None,
                    shaped: false,
                    list_item: false,
                    list_header: false,
                    comments_header: false,
                };
            }
            rule_key(&b.text, &mut key);
            // The key has the block's words: it only drops separators,
            // bullets and brackets and changes case and quote marks.
            let words = text_words;
            BlockFacts {
                words,
                verdict: classify_key(&key, words),
                shaped: is_headline_shaped(&key, words),
                list_item: is_list_item(&key, words),
                list_header: is_list_header(&key),
                comments_header: is_comments_header(&key),
            }
        })
        .collect();
    let mut verdict: Vec<Option<Reason>> = facts.iter().map(|f| f.verdict.clone()).collect();
    let shaped: Vec<bool> = facts.iter().map(|f| f.shaped).collect();

    // Comments: a comments header removes the rest of the document (rights
    // lines keep their own reason).
    if let Some(start) = facts
        .iter()
        .position(|f| f.comments_header)
        .filter(|_| !thread)
    {
        for v in verdict.iter_mut().skip(start) {
            if !matches!(v, Some(Reason::Copyright)) {
                *v = Some(Reason::Comments);
            }
        }
    }

    // List headers announce headline lists: remove the shaped blocks after them.
    let mut i = 0;
    while i < n {
        if facts[i].list_header && verdict[i].is_some() {
            let mut j = i + 1;
            while j < n
                && (shaped[j] || verdict[j].is_some() || facts[j].list_item)
                && !matches!(verdict[j], Some(Reason::Copyright | Reason::Comments))
            {
                if verdict[j].is_none() {
                    verdict[j] = Some(Reason::HeadlineList);
                }
                j += 1;
            }
            i = j;
        } else {
            i += 1;
        }
    }

    // Title: the first surviving block of a text scrape, if headline-shaped
    // and among the first few blocks.
    if title_mode == TitleMode::FirstLine && title.is_none() {
        if let Some(first) = (0..n).find(|&i| verdict[i].is_none()) {
            let survivors = verdict.iter().filter(|v| v.is_none()).count();
            if shaped[first] && survivors > 1 || blocks[first].heading {
                verdict[first] = Some(Reason::Title);
            }
        }
    }

    // Unannounced headline runs: consecutive shaped blocks (removed blocks in
    // between do not break a run) with low vocabulary overlap.
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    for idx in 0..n {
        match (&verdict[idx], shaped[idx] && !blocks[idx].unlinked_markup) {
            (None, true) => cur.push(idx),
            (None, false) => {
                if cur.len() >= MIN_RUN {
                    runs.push(std::mem::take(&mut cur));
                }
                cur.clear();
            }
            (Some(_), _) => {}
        }
    }
    // A trailing run (nothing kept after it) needs only two blocks.
    if cur.len() >= MIN_RUN.min(2) {
        runs.push(cur);
    }
    if !runs.is_empty() {
        let mut buf = String::new();
        let mut spans = Vec::new();
        let in_run: AHashSet<usize> = runs.iter().flatten().copied().collect();
        let mut vocab: AHashSet<u64> = AHashSet::new();
        for (idx, b) in blocks.iter().enumerate() {
            if verdict[idx].is_none() && !in_run.contains(&idx) {
                vocab.extend(content_words(&b.text, &mut buf, &mut spans).map(word_key));
            }
        }
        let body_words: usize = (0..n)
            .filter(|idx| verdict[*idx].is_none() && !in_run.contains(idx))
            .map(|idx| match facts[idx].words {
                w if w > FACT_MAX_WORDS => segment::word_count(&blocks[idx].text),
                w => w,
            })
            .sum();
        for run in &runs {
            let mut words: AHashSet<u64> = AHashSet::new();
            let mut run_words = 0;
            for &idx in run {
                run_words += facts[idx].words;
                words.extend(content_words(&blocks[idx].text, &mut buf, &mut spans).map(word_key));
            }
            // A document that is mostly a list (a schedule, a deals roundup)
            // has no article to compare the list with: keep it.
            if body_words * 2 >= run_words && overlap(&words, &vocab) < MAX_RUN_OVERLAP {
                for &idx in run {
                    verdict[idx] = Some(Reason::HeadlineList);
                }
            }
        }
    }

    let mut out = Cleaned::default();
    for (b, v) in blocks.into_iter().zip(verdict) {
        match v {
            None => out.paragraphs.push(b.text),
            Some(Reason::Title) if title.is_none() => {
                title = Some(b.text.clone());
                out.removed.push(Removed {
                    text: b.text,
                    reason: Reason::Title,
                });
            }
            Some(reason) => out.removed.push(Removed {
                text: b.text,
                reason,
            }),
        }
    }
    out.title = title;
    out
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// A block's rule key has the block's words (block facts count the
        /// text once and use the count for the key).
        #[test]
        fn rule_key_keeps_the_word_count(text in "[-–—•·*|>»#=_~ ]{0,3}[(\\[]?[A-Za-zÄäÉé0-9'’‘“”\".,:%& -]{0,60}[)\\]]?[-–— ]{0,2}") {
            let mut key = String::new();
            rule_key(&text, &mut key);
            proptest::prop_assert_eq!(segment::word_count(&key), segment::word_count(&text), "{:?} -> {:?}", text, key);
        }
    }

    use super::*;

    /// (block, expected reason) — removal cases and survival cases.
    const CASES: &[(&str, Option<Reason>)] = &[
        ("Anuncio", Some(Reason::AdMarker)),
        (
            "Adds much more flexibility when it comes to adding custom tracking events.",
            None,
        ),
        (
            "(Reporting by Jane Roe; Editing by John Doe)",
            Some(Reason::Byline),
        ),
        ("(Photo: Jane Doe)", Some(Reason::PhotoCredit)),
        ("More stories like this", Some(Reason::HeadlineList)),
        ("Weitere Nachrichten:", Some(Reason::HeadlineList)),
        (
            "(a) The council and (b) the mayor agreed on the plan on Monday.",
            None,
        ),
        (
            "(The council met again on Tuesday to finish the vote.)",
            None,
        ),
        ("Advertisement", Some(Reason::AdMarker)),
        ("ADVERTISEMENT", Some(Reason::AdMarker)),
        ("- Advertisement -", Some(Reason::AdMarker)),
        (
            "Story continues below advertisement",
            Some(Reason::AdMarker),
        ),
        ("Story continues below", Some(Reason::AdMarker)),
        ("SPONSORED", Some(Reason::AdMarker)),
        ("Anzeige", Some(Reason::AdMarker)),
        (
            "The advertisement ran on national television for a week.",
            None,
        ),
        (
            "Sponsored by the state, the programme reached 40,000 pupils.",
            None,
        ),
        (
            "Newsweek has contacted the White House for comment.",
            Some(Reason::ContactNote),
        ),
        (
            "Sunday Gazette has asked Black Death for comment.",
            Some(Reason::ContactNote),
        ),
        (
            "The Pacific Star reached out to the ministry for comment.",
            Some(Reason::ContactNote),
        ),
        (
            "The company did not immediately respond to a request for comment.",
            None,
        ),
        (
            "Acme did not respond to requests for comment on Monday.",
            None,
        ),
        ("MIKHAIL METZEL/Getty Images", Some(Reason::PhotoCredit)),
        ("(Photo by Aisha Holm/PA Images)", Some(Reason::PhotoCredit)),
        ("Photo: Jane Doe/AP", Some(Reason::PhotoCredit)),
        ("Image credit: Shutterstock", Some(Reason::PhotoCredit)),
        (
            "Image credit: AFP via Getty Images",
            Some(Reason::PhotoCredit),
        ),
        ("The ratio rose to 3/4 of the total in 2024.", None),
        (
            "Tomb Raider is pictured in this file photo.",
            Some(Reason::Caption),
        ),
        ("A file image related to Stadia.", Some(Reason::Caption)),
        ("By Maria Varga, Sunday Gazette", Some(Reason::Byline)),
        ("By Yuki Larsen", Some(Reason::Byline)),
        ("Published Oct. 14, 2025 3:30 PM", Some(Reason::Byline)),
        // A results table's ranked row keeps its time; a date line that
        // starts with the day keeps its verdict.
        ("2 Teodor Vasilescu Kilhaven AC 2:09:12", None),
        ("14 Oct 2025 15:30", Some(Reason::Byline)),
        ("10 de octubre de 2025 15:30", Some(Reason::Byline)),
        (
            "Maria Varga | Oct. 14, 2025 3:30 p.m.",
            Some(Reason::Byline),
        ),
        (
            "Reporting by Maria Varga; Editing by Fatima Novak",
            Some(Reason::Byline),
        ),
        ("By the end of the year, prices had risen by 4%.", None),
        (
            "The law was published on Oct. 14, 2025 after a long debate.",
            None,
        ),
        ("— Robert Maguire (@RobertMaguire_) November 18, 2019", None),
        ("Share", Some(Reason::Prompt)),
        ("Share Tweet Email", Some(Reason::Prompt)),
        (
            "Get the Sunday Gazette Briefing newsletter: sign up here.",
            Some(Reason::Prompt),
        ),
        (
            "Sign up for our free daily newsletter.",
            Some(Reason::Prompt),
        ),
        (
            "Sign up for our newsletter to get the latest news delivered to your inbox.",
            Some(Reason::Prompt),
        ),
        (
            "The newsletter's editor said subscriptions doubled after the launch.",
            None,
        ),
        (
            "Read more: New SUVs and electric vehicles highlight L.A. Auto Show",
            Some(Reason::HeadlineList),
        ),
        ("Related:", Some(Reason::HeadlineList)),
        ("Most Read", Some(Reason::HeadlineList)),
        (
            "Readers who read more than ten articles a month were surveyed.",
            None,
        ),
        (
            "This is a developing story and will be updated.",
            Some(Reason::Notice),
        ),
        (
            "This article originally appeared on Sunday Gazette.",
            Some(Reason::Notice),
        ),
        ("© Sunday Gazette 2025", Some(Reason::Copyright)),
        (
            "© 2025 Example Media Ltd. All rights reserved.",
            Some(Reason::Copyright),
        ),
        (
            "Copyright holders sued the platform in 2023 over the clips.",
            None,
        ),
        ("Why It Matters", Some(Reason::SectionLabel)),
        ("What To Know", Some(Reason::SectionLabel)),
        ("Background", Some(Reason::SectionLabel)),
        (
            "Why it matters to voters is another question entirely.",
            None,
        ),
        ("-", Some(Reason::Separator)),
        ("* * *", Some(Reason::Separator)),
        (
            "Natalie Naccache | Bloomberg | Getty Images",
            Some(Reason::PhotoCredit),
        ),
        ("More News from Sci-Tech", Some(Reason::HeadlineList)),
        ("Photo : AFP", Some(Reason::PhotoCredit)),
        ("Bild: Keystone", Some(Reason::PhotoCredit)),
        ("Foto di Mario Rossi", Some(Reason::PhotoCredit)),
        ("Фото: ТАСС", Some(Reason::PhotoCredit)),
        (
            "Foto di gruppo per i ministri al vertice di Bruxelles.",
            None,
        ),
        ("Leia também:", Some(Reason::HeadlineList)),
        (
            "More from the Los Angeles Times",
            Some(Reason::HeadlineList),
        ),
        (
            "More in this section than in any other, the report said.",
            None,
        ),
        (
            "Trump said on Monday that both he and Putin accepted the idea.",
            None,
        ),
    ];

    #[test]
    fn no_rule_reaches_past_fact_max_words() {
        for rule in LINE_RULES {
            assert!(rule.max_words <= FACT_MAX_WORDS, "{}", rule.name);
        }
        let long = "word ".repeat(FACT_MAX_WORDS + 1);
        let mut key = String::new();
        rule_key(&long, &mut key);
        let w = segment::word_count(&key);
        assert!(!is_headline_shaped(&key, w) && !is_list_item(&key, w));
        assert!(!is_list_header(&key) && !is_comments_header(&key));
    }

    #[test]
    fn line_rule_table() {
        let mut key = String::new();
        let mut failures = Vec::new();
        for (text, want) in CASES {
            let got = classify_line(text, &mut key);
            if &got != want {
                let row = matching_rule(&key, segment::word_count(text)).map_or("none", |r| r.name);
                failures.push(format!("{text:?}: got {got:?} (row {row}), want {want:?}"));
            }
        }
        assert!(
            failures.is_empty(),
            "failing rows:\n{}",
            failures.join("\n")
        );
    }

    /// Per row of [`LINE_RULES`]: a block that row must remove, and a
    /// near miss (same words, real content) that no row may remove.
    const ROW_EXAMPLES: &[(&str, &str, &str)] = &[
        (
            "prompt-foreign-channel",
            "Der Talbote ist jetzt auch auf WhatsApp: ein Whatsapp-Kanal für alle Nachrichten.",
            "Die Stadt informiert über WhatsApp, wenn die Straße gesperrt wird.",
        ),
        (
            "ad-partner",
            "Partner message",
            "A message from our partner agency arrived on Friday.",
        ),
        (
            "ad-bracket-sponsor",
            "[SPONSOR] Acme Loans: fixed rates from 4.1% for first-time buyers. Terms apply.",
            "[Updated] The council approved the plan on Monday evening.",
        ),
        (
            "contact-note-foreign",
            "Eine Anfrage der Zeitung an die Stadtwerke blieb bis Redaktionsschluss unbeantwortet.",
            "Die Stadtwerke beantworteten alle Fragen bis zum Abend ausführlich.",
        ),
        (
            "credit-caption-credit",
            "Der alte Bahnsteig in Hainrode | Foto: dpa/Anna Berg",
            "The photo shows the old platform at Hainrode, which closed in 1994.",
        ),
        (
            "prompt-foreign",
            "Teilen: Facebook | X | E-Mail | Drucken",
            "Teilen sich zwei Gemeinden die Kosten, sinkt der Beitrag für beide.",
        ),
        (
            "related-foreign",
            "Zum Weiterlesen: Busfahrplan im Tal wird ab Januar ausgedünnt",
            "Zum Abschluss sprach der Bürgermeister über den Busfahrplan.",
        ),
        (
            "notice-wire-slug",
            "BC-ELECTION-RESULTS (UPDATE 2)",
            "BC Hydro said the outage would last two days.",
        ),
        (
            "notice-wire-advisory",
            "(Corrects spelling of candidate's name in paragraph 3)",
            "(The candidate corrects the record on her website.)",
        ),
        (
            "notice-correction",
            "Correction, Nov 7: An earlier version of this article misstated the year the plant closed.",
            "Correction officers at the prison walked out on Tuesday over pay.",
        ),
        (
            "notice-updated-at",
            "This story was updated at 7:10 p.m. with comment from the health minister.",
            "The story of the bridge was updated for a new generation of readers.",
        ),
        (
            "copyright-foreign",
            "Le Journal de la Lise — tous droits de reproduction réservés",
            "Les droits des locataires sont protégés par la loi de 1989.",
        ),
        (
            "ad-advertisement",
            "Advertisement",
            "The advertisement ran for a week.",
        ),
        (
            "ad-advertisements",
            "ADVERTISEMENTS",
            "Advertisements for the product were banned.",
        ),
        (
            "ad-advertising",
            "- Advertising -",
            "Advertising revenue fell 8% in the quarter.",
        ),
        (
            "ad-ad",
            "AD",
            "AD 79 was the year Vesuvius erupted, historians say.",
        ),
        (
            "ad-sponsored",
            "SPONSORED",
            "Sponsored by the city, the race drew 4,000 runners.",
        ),
        (
            "ad-sponsored-content",
            "Sponsored content",
            "Sponsored content is labelled under the new rules.",
        ),
        (
            "ad-paid-content",
            "Paid Content",
            "Paid content made up a fifth of the feed, the study found.",
        ),
        (
            "ad-promoted",
            "Promoted",
            "Promoted to captain, she led the team to the title.",
        ),
        (
            "ad-continues",
            "Story continues below advertisement",
            "The story continues to unfold, officials said.",
        ),
        (
            "ad-scroll",
            "Scroll to continue with content",
            "Scroll down, the app tells users, to continue reading the terms.",
        ),
        (
            "credit-foreign",
            "Foto: Marijan Murat/dpa",
            "Foto: Das Bild zeigt, wie der Minister am Montag in Berlin vor die Presse tritt und eine Erklärung verliest.",
        ),
        (
            "ad-foreign",
            "Anzeige",
            "Die Anzeige wurde am Montag erstattet.",
        ),
        (
            "contact-note",
            "Newsweek has contacted the White House for comment.",
            "The ministry did not respond to requests for comment.",
        ),
        (
            "credit-photo-by",
            "(Photo by Aisha Holm/PA Images)",
            "The photo, taken by a tourist, went viral within hours.",
        ),
        (
            "credit-photo",
            "Photo: Jane Doe/AP",
            "The photo was taken in 1969 on the lunar surface.",
        ),
        (
            "credit-photos",
            "Photos: Reuters",
            "Photos of the crash spread quickly online, police said.",
        ),
        (
            "credit-photograph",
            "Photograph: Tom Jenkins",
            "The photograph sold for 2 million dollars at auction.",
        ),
        (
            "credit-image",
            "Image: Getty",
            "The image of the striker celebrating became a meme.",
        ),
        (
            "credit-image-credit",
            "Image credit: Shutterstock",
            "Credit card spending rose in the image-conscious sector.",
        ),
        (
            "credit-photo-credit",
            "Photo credit: AFP",
            "The credit agency cut its rating, citing weak growth.",
        ),
        (
            "credit-picture",
            "Picture: Supplied",
            "The picture is clearer now, the minister said on Tuesday.",
        ),
        (
            "credit-credit",
            "Credit: NASA",
            "Credit growth slowed for a third month in May.",
        ),
        (
            "credit-source-image",
            "Source image: NASA",
            "The source of the leak has not been identified.",
        ),
        (
            "credit-agency",
            "MIKHAIL METZEL/Getty Images",
            "The ratio rose to 3/4 of the total in 2024.",
        ),
        (
            "caption-file-photo",
            "The plant is seen in this file photo.",
            "The company filed a photo of the plant with regulators.",
        ),
        (
            "caption-file-image",
            "A file image related to Stadia.",
            "Users can attach a file image of up to 10 MB, the company said, and more in the paid plan.",
        ),
        (
            "caption-pictured",
            "Tomb Raider is pictured in this undated handout.",
            "The actor said he is pictured in the public mind as a villain, and he wants that to change before his next role comes out.",
        ),
        (
            "caption-are-pictured",
            "Protesters are pictured outside parliament.",
            "Nurses said they are pictured as heroes in public but underpaid in private, and they voted to strike for the first time in their union's history.",
        ),
        (
            "byline-by",
            "By Maria Varga, Sunday Gazette",
            "By the end of the year, prices had risen by 4%.",
        ),
        (
            "byline-date",
            "Published Oct. 14, 2025 3:30 PM",
            "The law was published on Oct. 14, 2025 after a long debate.",
        ),
        (
            "byline-reporting",
            "Reporting by Maria Varga; Editing by Fatima Novak",
            "The reporting requirements changed in 2021, the regulator said.",
        ),
        (
            "byline-additional",
            "Additional reporting by Tom Reed",
            "An additional 40 police officers were deployed to the area.",
        ),
        (
            "byline-writing",
            "Writing by Ana Ruiz",
            "The writing was on the wall for the coalition, critics said.",
        ),
        (
            "byline-editing",
            "Editing by Hugh Lawson",
            "The editing software was updated to fix the bug.",
        ),
        (
            "byline-compiled",
            "Compiled by staff",
            "The compiled data show a rise in admissions.",
        ),
        (
            "prompt-share-words",
            "Share Tweet Email",
            "Share prices rose 3% in early trading on Friday.",
        ),
        (
            "prompt-imperative",
            "Sign up for our free daily newsletter.",
            "Sign-ups for the vaccine rose after the campaign, officials said.",
        ),
        (
            "related-read-more",
            "Read more: Council delays vote on parking fees",
            "Read more than 200 pages, the judge told the jury.",
        ),
        (
            "related-read-also",
            "Read also: Storm hits the coast",
            "Read the report, also available online, the agency said.",
        ),
        (
            "related-also-read",
            "Also read: Storm hits the coast",
            "Also, read the small print before signing, regulators warned.",
        ),
        (
            "related-see-also",
            "See also: Storm hits the coast",
            "See the chart, also published on Monday, for the figures.",
        ),
        (
            "related-related",
            "Related: Storm hits the coast",
            "Related charges were dropped on Monday, prosecutors said.",
        ),
        (
            "related-recommended",
            "Recommended: Five ways to save energy",
            "Recommended doses were cut by half, the agency said.",
        ),
        (
            "related-watch",
            "Watch: The moment the bridge collapsed",
            "Watch officials said the storm would strengthen overnight.",
        ),
        (
            "related-more",
            "MORE: Storm hits the coast",
            "More than 200 people were evacuated from the valley.",
        ),
        (
            "related-header",
            "Most Read",
            "Most readers said they preferred the print edition, the survey found.",
        ),
        (
            "notice-developing",
            "This is a developing story and will be updated.",
            "The situation is developing quickly, the governor said on Sunday.",
        ),
        (
            "notice-developing-2",
            "This story is developing.",
            "Her story is developing into a film, the studio announced.",
        ),
        (
            "notice-originally",
            "This article originally appeared on Sunday Gazette.",
            "The rash first appeared on his arm, doctors said.",
        ),
        (
            "notice-updated-story",
            "This story has been updated to add a statement from the company.",
            "The story of the update was told in the court filing.",
        ),
        (
            "copyright-sign",
            "© Sunday Gazette 2025",
            "The © symbol is not required for protection, lawyers say.",
        ),
        (
            "copyright-word",
            "Copyright 2025 Example Media",
            "Copyright holders sued the platform in 2023 over the clips.",
        ),
        (
            "copyright-c",
            "(c) 2025 Example Media",
            "(c) the fees charged by banks were also examined.",
        ),
        (
            "copyright-reserved",
            "All rights reserved.",
            "The owners said all rights were reserved for the heirs.",
        ),
        (
            "copyright-redistribution",
            "This material may not be published, broadcast, rewritten or redistributed.",
            "The material was published in 2019, the author said.",
        ),
        (
            "section-label",
            "Why It Matters",
            "Why it matters to voters is another question entirely.",
        ),
        (
            "separator",
            "* * *",
            "* Calendar subject to change by the organiser",
        ),
    ];

    #[test]
    fn every_row_removes_its_example_and_spares_its_near_miss() {
        let mut key = String::new();
        let mut failures = Vec::new();
        for rule in LINE_RULES {
            let Some(&(_, removed, kept)) = ROW_EXAMPLES.iter().find(|(n, _, _)| *n == rule.name)
            else {
                failures.push(format!("{}: no example row", rule.name));
                continue;
            };
            rule_key(removed, &mut key);
            let hit = matching_rule(&key, segment::word_count(removed)).map(|r| r.name);
            if hit != Some(rule.name) {
                failures.push(format!("{}: {removed:?} matched {hit:?}", rule.name));
            }
            rule_key(kept, &mut key);
            if let Some(r) = matching_rule(&key, segment::word_count(kept)) {
                failures.push(format!(
                    "{}: near miss {kept:?} removed by {}",
                    rule.name, r.name
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "failing rows:\n{}",
            failures.join("\n")
        );
    }

    #[test]
    fn every_rule_row_is_named_uniquely() {
        let mut names: Vec<&str> = LINE_RULES.iter().map(|r| r.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines.iter().map(|l| Block::new(*l)).collect()
    }

    #[test]
    fn unrelated_headline_run_is_removed_but_related_subheadings_survive() {
        let body = [
            "Kremlin reaffirms opposition to peacekeepers",
            "The Kremlin said European peacekeepers in Ukraine would be unacceptable to Moscow.",
            "Peskov referred reporters to an earlier statement by Lavrov on the peacekeepers.",
            "Winter Olympics 2026: Top Contenders Poised To Win Gold -",
            "Ed Sheeran Shares His Trick Of Turning Bad Memories Into Happy Ones -",
            "Key Details From Germany's Multimillion-euro Heist Revealed -",
        ];
        let c = clean_blocks(blocks(&body), TitleMode::FirstLine, None);
        assert_eq!(c.title.as_deref(), Some(body[0]));
        assert_eq!(c.paragraphs, &body[1..3]);
        assert!(
            c.removed[1..]
                .iter()
                .all(|r| r.reason == Reason::HeadlineList)
        );

        let deals = [
            "Apple discounts MacBook laptops again for the holiday sales season.",
            "Retailers cut MacBook and AirPods prices ahead of the holiday sales.",
            "Amazon discounts MacBook models from $700",
            "Apple AirPods with wireless charging case",
            "Holiday pricing live for MacBook Air",
            "The discounts end on Monday, retailers said.",
        ];
        let c = clean_blocks(blocks(&deals), TitleMode::Known, None);
        assert_eq!(c.paragraphs.len(), deals.len(), "{:?}", c.removed);
    }

    #[test]
    fn a_results_table_at_the_end_is_content() {
        let body = [
            "Callum Breck won the Port Averell Marathon on Sunday in a course record.",
            "The previous record of 2:09:30 had stood since 2017.",
            "LEADING FINISHERS - MEN",
            "1 Callum Breck Port Averell Harriers 2:08:41",
            "2 Teodor Vasilescu Kilhaven AC 2:09:12",
            "3 Ashwin Dutta Brackenmoor Road Runners 2:10:05",
            "4 Magnus Eide Linwick Striders 2:11:30",
        ];
        let c = clean_blocks(blocks(&body), TitleMode::Known, None);
        assert!(
            c.paragraphs.iter().any(|p| p.starts_with("4 Magnus Eide")),
            "{:?}",
            c.removed
        );
        assert!(ends_with_clock("4 magnus eide linwick striders 2:11:30"));
        assert!(ends_with_clock("kick-off 19:45"));
        assert!(!ends_with_clock("apple unveils iphone 17"));
        assert!(!ends_with_clock("the ratio: 3/4"));
        assert!(!ends_with_clock("breaking:"));
    }

    #[test]
    fn announced_list_items_may_be_long_exclamations() {
        let c = clean_blocks(
            blocks(&[
                "The storm hit the coast on Monday.",
                "Related:",
                "Oversupply angst drags oil lower, stocks drift near highs",
                "[The Palace: Tale of Jang Noksu] The Beauty of Korea Revealed at the 2018 Welcome Festival! To the Actual Scene!",
            ]),
            TitleMode::Known,
            None,
        );
        assert_eq!(c.paragraphs, ["The storm hit the coast on Monday."]);
    }

    #[test]
    fn comments_header_removes_the_rest() {
        let c = clean_blocks(
            blocks(&[
                "A real paragraph about the case.",
                "2 Comments",
                "Great reporting, thanks.",
                "© Paper 2025",
            ]),
            TitleMode::Known,
            None,
        );
        assert_eq!(c.paragraphs, ["A real paragraph about the case."]);
        assert_eq!(c.removed[1].reason, Reason::Comments);
        assert_eq!(c.removed[2].reason, Reason::Copyright);
    }

    #[test]
    fn list_header_removes_following_headlines() {
        let c = clean_blocks(
            blocks(&[
                "The storm hit the coast on Monday.",
                "Related:",
                "Nelson's OT goal lifts Isles",
                "CPD arrests six in drug investigation",
            ]),
            TitleMode::Known,
            None,
        );
        assert_eq!(c.paragraphs, ["The storm hit the coast on Monday."]);
    }

    #[test]
    fn sentence_first_line_is_not_a_title() {
        let c = clean_blocks(
            blocks(&[
                "The Kremlin has pushed back against the assertion.",
                "Peskov said so.",
            ]),
            TitleMode::FirstLine,
            None,
        );
        assert_eq!(c.title, None);
        assert_eq!(c.paragraphs.len(), 2);
    }
}
