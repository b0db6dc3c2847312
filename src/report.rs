//! Output types: what a sift returns.

use std::fmt;

use crate::document::Format;

/// Why a block of a document was removed.
///
/// Every block a cleaner drops is reported with one of these, so a caller can
/// audit the cleaning; [`Reason::Duplicate`] marks a clean paragraph that the
/// story stage found already covered by another paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
    /// A clean paragraph whose content another paragraph of its story already
    /// carries; `of` is the paragraph kept in the story.
    Duplicate {
        /// The kept paragraph.
        of: ParagraphRef,
    },
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
            Reason::Duplicate { of } => {
                return write!(f, "duplicate of {}#{}", of.document, of.paragraph);
            }
        };
        f.write_str(s)
    }
}

/// A paragraph of one document: the document's id and the paragraph's
/// position among that document's clean paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParagraphRef {
    /// The document id.
    pub document: String,
    /// Index into the document's [`paragraphs`](DocumentReport::paragraphs).
    pub paragraph: usize,
}

/// Two near-duplicate paragraphs of different documents of one story (see
/// [`Sifter::near_duplicates`](crate::Sifter::near_duplicates)).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NearDuplicate {
    pub(crate) a: ParagraphRef,
    pub(crate) b: ParagraphRef,
    pub(crate) shared: u32,
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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
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
}

/// Index of a story within a [`Sifted`] result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StoryId(pub(crate) u32);

impl StoryId {
    /// The story's position in [`Sifted::stories`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What became of one input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentReport {
    pub(crate) id: String,
    pub(crate) outlet: Option<String>,
    pub(crate) format: Format,
    pub(crate) title: Option<String>,
    pub(crate) paragraphs: Vec<String>,
    pub(crate) removed: Vec<Removed>,
    pub(crate) story: StoryId,
    pub(crate) error: Option<crate::Error>,
    /// Per clean paragraph: whether the story stage dropped it as a duplicate.
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
}

/// One unique paragraph of a story, with every paragraph that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    pub(crate) id: StoryId,
    pub(crate) documents: Vec<String>,
    pub(crate) paragraphs: Vec<StoryParagraph>,
}

impl Story {
    /// The story's id (its index in [`Sifted::stories`]).
    pub fn id(&self) -> StoryId {
        self.id
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sifted {
    pub(crate) documents: Vec<DocumentReport>,
    pub(crate) stories: Vec<Story>,
    /// Indices into `documents`, sorted by id (for [`Sifted::document`]).
    pub(crate) by_id: Vec<u32>,
}

impl Sifted {
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
}
