//! Output types: what a sift returns.

use std::fmt;

use crate::Metadata;
use crate::document::Format;

/// Why a block of a document was removed.
///
/// Every block a cleaner drops is reported with one of these, so a caller can
/// audit the cleaning; [`Reason::Duplicate`] marks a clean paragraph that the
/// story stage found already covered by another paragraph.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Reason};
///
/// let scrape = "Storm hits coast\n\nThe storm hit the coast on Monday, officials said.\n\n\
///               Advertisement\n\nSign up for our newsletter to get the latest news.";
/// let c = storysift::clean(&Document::text("s", scrape))?;
/// let why: Vec<&str> = c.removed().iter().map(|r| r.reason().code()).collect();
/// assert_eq!(why, ["title", "ad_marker", "prompt"]);
/// assert_eq!(c.removed()[1].text(), "Advertisement");
/// assert_eq!(Reason::AdMarker.to_string(), "ad marker");
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "snake_case")
)]
#[non_exhaustive]
pub enum Reason {
    /// The page or scrape title (kept separately as the document's title).
    Title,
    /// An ad marker ("Advertisement", "Story continues below", "Sponsored").
    AdMarker,
    /// A run of headlines of other stories, or a "Read more: …" link line.
    HeadlineList,
    /// A photo credit ("NAME/Getty Images", "(Photo by …)").
    PhotoCredit,
    /// A photo caption ("… is pictured in this file photo.").
    Caption,
    /// A newsletter, subscription, social-media or share prompt.
    Prompt,
    /// "X has contacted Y for comment." and similar outlet notes.
    ContactNote,
    /// A byline, dateline of publication, or reporting/editing credit.
    Byline,
    /// An outlet's section label ("Why It Matters", "What To Know").
    SectionLabel,
    /// A copyright or rights notice.
    Copyright,
    /// An outlet notice ("This is a developing story", "originally appeared on").
    Notice,
    /// Reader comments.
    Comments,
    /// A line of only punctuation or decoration.
    Separator,
    /// Page chrome outside the article: navigation, header, footer, forms,
    /// cookie banners, sidebars, scripts (HTML only).
    Chrome,
    /// An ad slot or promotional box (HTML only).
    AdSlot,
    /// A block that is mostly link text (HTML only).
    LinkList,
    /// A block outside the page's main content (HTML only).
    OutsideMainContent,
    /// A block of the markup's extraction that the page's JSON-LD
    /// `articleBody` replaced, because the markup yielded much less text
    /// than the structured body (HTML only; see [`BodySource::JsonLd`](crate::BodySource::JsonLd)).
    ReplacedByStructuredData,
    /// A block of the markup's extraction that the page's `<noscript>`
    /// view replaced (HTML only; see
    /// [`BodySource::Noscript`](crate::BodySource::Noscript)).
    ReplacedByNoscript,
    /// A block that recurs word for word in documents of different stories
    /// of a batch and says next to nothing that its stories say elsewhere:
    /// an outlet's template line (a tagline, a tip line, a newsletter or app
    /// footer) that no rule names, learned from the batch (see
    /// [`SifterBuilder::cross_story_templates`](crate::SifterBuilder::cross_story_templates)).
    Template,
    /// A clean paragraph whose content another paragraph of its story already
    /// carries; `of` is the paragraph kept in the story.
    Duplicate {
        /// The kept paragraph.
        of: ParagraphRef,
    },
}

impl Reason {
    /// A stable snake_case code (`"ad_marker"`, `"outside_main_content"`,
    /// `"duplicate"`): the name used in serialised output.
    ///
    /// ```
    /// assert_eq!(storysift::Reason::AdMarker.code(), "ad_marker");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Reason::Title => "title",
            Reason::AdMarker => "ad_marker",
            Reason::HeadlineList => "headline_list",
            Reason::PhotoCredit => "photo_credit",
            Reason::Caption => "caption",
            Reason::Prompt => "prompt",
            Reason::ContactNote => "contact_note",
            Reason::Byline => "byline",
            Reason::SectionLabel => "section_label",
            Reason::Copyright => "copyright",
            Reason::Notice => "notice",
            Reason::Comments => "comments",
            Reason::Separator => "separator",
            Reason::Chrome => "chrome",
            Reason::AdSlot => "ad_slot",
            Reason::LinkList => "link_list",
            Reason::OutsideMainContent => "outside_main_content",
            Reason::ReplacedByStructuredData => "replaced_by_structured_data",
            Reason::ReplacedByNoscript => "replaced_by_noscript",
            Reason::Template => "template",
            Reason::Duplicate { .. } => "duplicate",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Reason::Title => "title",
            Reason::AdMarker => "ad marker",
            Reason::HeadlineList => "headline list",
            Reason::PhotoCredit => "photo credit",
            Reason::Caption => "caption",
            Reason::Prompt => "prompt",
            Reason::ContactNote => "contact note",
            Reason::Byline => "byline",
            Reason::SectionLabel => "section label",
            Reason::Copyright => "copyright",
            Reason::Notice => "notice",
            Reason::Comments => "comments",
            Reason::Separator => "separator",
            Reason::Chrome => "page chrome",
            Reason::AdSlot => "ad slot",
            Reason::LinkList => "link list",
            Reason::OutsideMainContent => "outside main content",
            Reason::ReplacedByStructuredData => "replaced by structured data",
            Reason::ReplacedByNoscript => "replaced by noscript view",
            Reason::Template => "template line recurring across stories",
            Reason::Duplicate { of } => {
                return write!(f, "duplicate of {}#{}", of.document, of.paragraph);
            }
        };
        f.write_str(s)
    }
}

/// A paragraph of one document: the document's id and the paragraph's
/// position among that document's clean paragraphs.
///
/// ```
/// use storysift::ParagraphRef;
///
/// let r = ParagraphRef { document: "a".into(), paragraph: 2 };
/// assert!(r < ParagraphRef { document: "b".into(), paragraph: 0 });
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ParagraphRef {
    /// The document id.
    pub document: String,
    /// Index into the document's [`paragraphs`](DocumentReport::paragraphs).
    pub paragraph: usize,
}

/// Two near-duplicate paragraphs of different documents of one story (see
/// [`Sifter::near_duplicates`](crate::Sifter::near_duplicates)).
///
/// # Examples
///
/// ```
/// let p = "The council approved the budget on Monday after a long debate in the town hall.";
/// let pairs = storysift::Sifter::new().near_duplicates(&[("a", vec![p]), ("b", vec!["Other text.", p])])?;
/// assert_eq!((pairs[0].a().document.as_str(), pairs[0].b().paragraph), ("a", 1));
/// assert_eq!(pairs[0].containment(), 1.0);
/// assert_eq!(pairs[0].shared_shingles(), 13);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NearDuplicate {
    pub(crate) a: ParagraphRef,
    pub(crate) b: ParagraphRef,
    #[cfg_attr(feature = "serde", serde(rename = "shared_shingles"))]
    pub(crate) shared: u32,
    /// Shingles of the smaller paragraph.
    #[cfg_attr(feature = "serde", serde(rename = "smaller_shingles"))]
    pub(crate) smaller: u32,
}

impl NearDuplicate {
    /// The first paragraph (of the document that comes first in the input).
    pub fn a(&self) -> &ParagraphRef {
        &self.a
    }

    /// The second paragraph.
    pub fn b(&self) -> &ParagraphRef {
        &self.b
    }

    /// Word shingles the two paragraphs share.
    pub fn shared_shingles(&self) -> usize {
        self.shared as usize
    }

    /// Containment: the share of the smaller paragraph's shingles that the
    /// other one carries, in `[0, 1]`.
    pub fn containment(&self) -> f64 {
        f64::from(self.shared) / f64::from(self.smaller.max(1))
    }
}

/// A block removed from a document, with the reason.
///
/// ```
/// let c = storysift::clean(&storysift::Document::text("t", "A paragraph of text.\n\nADVERTISEMENT"))?;
/// let r = &c.removed()[0];
/// assert_eq!((r.text(), r.reason().code()), ("ADVERTISEMENT", "ad_marker"));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Removed {
    pub(crate) text: String,
    pub(crate) reason: Reason,
}

impl Removed {
    /// The removed text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Why it was removed.
    pub fn reason(&self) -> &Reason {
        &self.reason
    }

    /// The removed text, by value.
    pub fn into_text(self) -> String {
        self.text
    }
}

/// Index of a story within a [`Sifted`] result; shown as `s` and the index
/// (`s0`, `s12`).
///
/// It names the story within one result. A name that outlives the batch is
/// [`Story::key`]: the id of the story's first document.
///
/// ```
/// let out = storysift::sift(&[storysift::Document::text("a", "One paragraph.")])?;
/// let id = out.documents()[0].story();
/// assert_eq!((id.index(), id.to_string()), (0, "s0".to_owned()));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(transparent)
)]
pub struct StoryId(pub(crate) u32);

impl StoryId {
    /// The story's position in [`Sifted::stories`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for StoryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// What became of one input document.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Reason};
///
/// let wire = "The council approved the budget on Monday after a long debate.";
/// let local = "The council approved the budget on Monday after a long debate.\n\n\
///              Residents at the meeting asked for more money for the library.";
/// let out = storysift::sift(&[Document::text("wire", wire), Document::text("local", local)])?;
/// let local = out.document("local").unwrap();
/// assert_eq!(local.paragraphs().len(), 2); // clean, before dedup
/// assert_eq!(local.unique_paragraphs().count(), 2); // the more complete version leads
/// // The wire's paragraph is a duplicate of the local paper's copy.
/// let wire = out.document("wire").unwrap();
/// assert_eq!(wire.unique_paragraphs().count(), 0);
/// assert!(matches!(wire.removed()[0].reason(), Reason::Duplicate { of } if of.document == "local"));
/// assert_eq!(local.story(), wire.story());
/// let report = local;
/// assert!(report.error().is_none());
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DocumentReport {
    pub(crate) id: String,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub(crate) outlet: Option<String>,
    pub(crate) format: Format,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub(crate) title: Option<String>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Metadata::is_empty"))]
    pub(crate) metadata: Metadata,
    pub(crate) page_kind: crate::PageKind,
    pub(crate) story: StoryId,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) removed: Vec<Removed>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub(crate) error: Option<crate::Error>,
    /// Per clean paragraph: whether the story stage dropped it as a duplicate.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) duplicate: Vec<bool>,
}

impl DocumentReport {
    /// The document's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The outlet given on input, if any.
    pub fn outlet(&self) -> Option<&str> {
        self.outlet.as_deref()
    }

    /// The input format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The title found in the document, if any.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The page's metadata (see [`Metadata`]; empty for a text scrape).
    pub fn metadata(&self) -> &Metadata {
        &self.metadata
    }

    /// What kind of page it is ([`PageKind`](crate::PageKind)); a page
    /// that is not a story candidate forms a story of its own.
    pub fn page_kind(&self) -> crate::PageKind {
        self.page_kind
    }

    /// The clean paragraphs, in reading order (before deduplication).
    pub fn paragraphs(&self) -> &[String] {
        &self.paragraphs
    }

    /// Every removed block with its reason: boilerplate dropped by cleaning,
    /// then clean paragraphs found to duplicate a kept story paragraph.
    pub fn removed(&self) -> &[Removed] {
        &self.removed
    }

    /// The story this document belongs to.
    pub fn story(&self) -> StoryId {
        self.story
    }

    /// Set when the document was not processed (it is over the size
    /// limit); it then has no paragraphs and forms a story of its own.
    pub fn error(&self) -> Option<&crate::Error> {
        self.error.as_ref()
    }

    /// The clean paragraphs that no other paragraph of the story covers,
    /// with their positions.
    pub fn unique_paragraphs(&self) -> impl Iterator<Item = (usize, &str)> {
        self.paragraphs
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.duplicate.get(*i).copied().unwrap_or(false))
            .map(|(i, p)| (i, p.as_str()))
    }

    /// The clean paragraphs, by value.
    pub fn into_paragraphs(self) -> Vec<String> {
        self.paragraphs
    }
}

/// One unique paragraph of a story, with every paragraph that carries it.
///
/// # Examples
///
/// ```
/// use storysift::Document;
///
/// let a = "The bridge reopened on Friday after eight months of repairs, the council said.";
/// let b = "The bridge reopened on Friday after eight months of repairs, the council said. \
///          Drivers queued from dawn to cross it.";
/// let out = storysift::sift(&[Document::text("a", a), Document::text("b", b)])?;
/// let paras = out.stories()[0].paragraphs();
/// assert_eq!(paras.len(), 1);
/// assert_eq!(paras[0].text(), b); // the most complete variant
/// assert_eq!(paras[0].documents().collect::<Vec<_>>(), ["b", "a"]);
/// assert_eq!(paras[0].sources()[0].document, "b");
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StoryParagraph {
    pub(crate) text: String,
    pub(crate) partial: bool,
    pub(crate) sources: Vec<ParagraphRef>,
}

impl StoryParagraph {
    /// The paragraph text: the most complete variant, less any sentences
    /// that an earlier-chosen paragraph of the story already carries.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text, by value.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Whether sentences were trimmed from the source paragraph's text
    /// because the story already carries them.
    pub fn is_partial(&self) -> bool {
        self.partial
    }

    /// The paragraphs carrying this content; the first is the one whose
    /// text is shown. Sorted by document, then paragraph, after the first.
    pub fn sources(&self) -> &[ParagraphRef] {
        &self.sources
    }

    /// The ids of the documents carrying this content, each once, in
    /// [`sources`](StoryParagraph::sources) order (the shown variant's first).
    pub fn documents(&self) -> impl Iterator<Item = &str> {
        let mut seen: Vec<&str> = Vec::with_capacity(self.sources.len());
        self.sources.iter().filter_map(move |s| {
            if seen.contains(&s.document.as_str()) {
                None
            } else {
                seen.push(&s.document);
                Some(s.document.as_str())
            }
        })
    }
}

/// A group of documents reporting the same story, with its unique content.
///
/// # Examples
///
/// ```
/// use storysift::Document;
///
/// let page = r#"<html><head><meta property="article:published_time" content="2025-05-02T08:00:00Z">
///   </head><body><article><h1>Bridge reopens</h1>
///   <p>The bridge reopened on Friday after eight months of repairs, the council said.</p></article></body></html>"#;
/// let scrape = "The bridge reopened on Friday after eight months of repairs, the council said.";
/// let out = storysift::sift(&[Document::text("s", scrape), Document::html("p", page)])?;
/// let story = &out.stories()[0];
/// assert_eq!(story.id().to_string(), "s0");
/// assert_eq!(story.key(), "s"); // its first document
/// assert_eq!(story.documents(), ["s", "p"]);
/// assert_eq!(story.title(), Some("Bridge reopens"));
/// assert_eq!(story.published(), Some("2025-05-02T08:00:00Z"));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub(crate) id: StoryId,
    pub(crate) title: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) documents: Vec<String>,
    pub(crate) paragraphs: Vec<StoryParagraph>,
}

impl Story {
    /// The story's id (its index in [`Sifted::stories`]).
    pub fn id(&self) -> StoryId {
        self.id
    }

    /// A name that does not depend on the other stories of the batch: the
    /// id of the story's first document in input order. The incremental
    /// [`Index`](crate::Index) names its stories the same way (by the
    /// first document added), so a batch and an index fed in the same order
    /// give their stories the same keys.
    pub fn key(&self) -> &str {
        self.documents.first().map_or("", String::as_str)
    }

    /// The story's title: the title of the document whose text leads the
    /// story (the most complete one), or the first title of another member.
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The earliest publication date among the members that give one
    /// readable as ISO 8601 (see [`Metadata::published_unix`]), as written.
    pub fn published(&self) -> Option<&str> {
        self.published.as_deref()
    }

    /// The unique paragraphs, by value.
    pub fn into_paragraphs(self) -> Vec<StoryParagraph> {
        self.paragraphs
    }

    /// Ids of the member documents, in input order.
    pub fn documents(&self) -> &[String] {
        &self.documents
    }

    /// The unique paragraphs, in reading order.
    pub fn paragraphs(&self) -> &[StoryParagraph] {
        &self.paragraphs
    }
}

/// The result of sifting a batch: one report per input document (in input
/// order) and the stories, which partition the documents.
///
/// # Examples
///
/// ```
/// use storysift::Document;
///
/// let docs = [
///     Document::text("a", "The council approved the budget on Monday after a long debate."),
///     Document::text("b", "The council approved the budget on Monday after a long debate."),
///     Document::text("c", "A storm brought down trees across the county overnight, police said."),
///     Document::text_bytes("d", b"%PDF-1.7 binary"),
/// ];
/// let out = storysift::sift(&docs)?;
/// assert_eq!(out.documents().len(), 4); // every input is reported…
/// assert_eq!(out.stories().len(), 3); // …and in exactly one story
/// for story in out.stories() {
///     for d in story.documents() {
///         assert_eq!(out.story(out.document(d).unwrap().story()), Some(story));
///     }
/// }
/// assert!(out.document("d").unwrap().error().is_some()); // not text: its own story, no paragraphs
/// let (reports, stories) = out.into_parts();
/// assert_eq!((reports.len(), stories.len()), (4, 3));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Sifted {
    pub(crate) documents: Vec<DocumentReport>,
    pub(crate) stories: Vec<Story>,
    /// Input documents left out under a keep-first or keep-last id policy.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub(crate) ignored: Vec<Ignored>,
    /// Indices into `documents`, sorted by id (for [`Sifted::document`]).
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) by_id: Vec<u32>,
}

/// An input document left out because another document of the batch has
/// its id (see [`DuplicateIds`](crate::DuplicateIds)).
///
/// ```
/// use storysift::{Document, DuplicateIds, Sifter};
///
/// let sifter = Sifter::builder().duplicate_ids(DuplicateIds::KeepLast).build()?;
/// let out = sifter.sift(&[Document::text("a", "Old."), Document::text("a", "New.")])?;
/// assert_eq!((out.ignored()[0].id(), out.ignored()[0].position()), ("a", 0));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ignored {
    pub(crate) id: String,
    pub(crate) position: usize,
}

impl Ignored {
    /// The repeated id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The left-out document's position in the input (0-based, counted
    /// over every document given to the batch, chunks included).
    pub fn position(&self) -> usize {
        self.position
    }
}

impl Sifted {
    /// The result of a batch: reports in input order, stories, left-out
    /// documents; the id lookup is built here.
    pub(crate) fn new(
        documents: Vec<DocumentReport>,
        stories: Vec<Story>,
        ignored: Vec<Ignored>,
    ) -> Sifted {
        let mut by_id: Vec<u32> = (0..documents.len() as u32).collect();
        by_id.sort_unstable_by(|&a, &b| documents[a as usize].id.cmp(&documents[b as usize].id));
        Sifted {
            documents,
            stories,
            ignored,
            by_id,
        }
    }

    /// One report per input document, in input order.
    pub fn documents(&self) -> &[DocumentReport] {
        &self.documents
    }

    /// The stories; every input document is in exactly one.
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }

    /// The report of the document with this id. Logarithmic in the batch size.
    pub fn document(&self, id: &str) -> Option<&DocumentReport> {
        let docs = &self.documents;
        self.by_id
            .binary_search_by(|&i| docs[i as usize].id.as_str().cmp(id))
            .ok()
            .map(|k| &docs[self.by_id[k] as usize])
    }

    /// The story with this id.
    pub fn story(&self, id: StoryId) -> Option<&Story> {
        self.stories.get(id.index())
    }

    /// Input documents left out because another document has their id
    /// (only under [`DuplicateIds::KeepFirst`](crate::DuplicateIds::KeepFirst)
    /// or [`KeepLast`](crate::DuplicateIds::KeepLast)), in input order.
    /// Every input document is either reported in
    /// [`documents`](Sifted::documents) or listed here.
    pub fn ignored(&self) -> &[Ignored] {
        &self.ignored
    }

    /// The reports and the stories, by value.
    pub fn into_parts(self) -> (Vec<DocumentReport>, Vec<Story>) {
        (self.documents, self.stories)
    }
}

/// What [`Batch::finish_with`](crate::Batch::finish_with) returns once
/// every document's report went to its callback: the stories and the
/// documents left out for a repeated id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct StoriesOut {
    pub(crate) stories: Vec<Story>,
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Vec::is_empty"))]
    pub(crate) ignored: Vec<Ignored>,
}

impl StoriesOut {
    /// The stories; every reported document is in exactly one.
    pub fn stories(&self) -> &[Story] {
        &self.stories
    }

    /// The story with this id.
    pub fn story(&self, id: StoryId) -> Option<&Story> {
        self.stories.get(id.index())
    }

    /// Input documents left out because another document has their id, in
    /// input order (see [`Sifted::ignored`]).
    pub fn ignored(&self) -> &[Ignored] {
        &self.ignored
    }

    /// The stories, by value.
    pub fn into_stories(self) -> Vec<Story> {
        self.stories
    }
}

/// A story serialises with its [`key`](Story::key) beside its fields.
#[cfg(feature = "serde")]
impl serde::Serialize for Story {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let n = 4 + usize::from(self.title.is_some()) + usize::from(self.published.is_some());
        let mut st = s.serialize_struct("Story", n)?;
        st.serialize_field("id", &self.id)?;
        st.serialize_field("key", self.key())?;
        if let Some(t) = &self.title {
            st.serialize_field("title", t)?;
        }
        if let Some(p) = &self.published {
            st.serialize_field("published", p)?;
        }
        st.serialize_field("documents", &self.documents)?;
        st.serialize_field("paragraphs", &self.paragraphs)?;
        st.end()
    }
}
