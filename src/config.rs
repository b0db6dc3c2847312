//! The builder: settings, their defaults and their validation.

use crate::error::{Error, Result};
use crate::sifter::Sifter;

/// Default words per shingle.
///
/// # Examples
///
/// ```
/// assert_eq!(storysift::DEFAULT_SHINGLE_WORDS, 3);
/// ```
pub const DEFAULT_SHINGLE_WORDS: usize = 3;
/// Default simhash Hamming radius for near-exact candidates.
///
/// # Examples
///
/// ```
/// assert_eq!(storysift::DEFAULT_MAX_HAMMING, 3);
/// ```
pub const DEFAULT_MAX_HAMMING: u32 = 3;
/// Default containment needed to call two paragraphs near-duplicates.
///
/// # Examples
///
/// ```
/// assert_eq!(storysift::DEFAULT_MIN_CONTAINMENT, 0.5);
/// ```
pub const DEFAULT_MIN_CONTAINMENT: f64 = 0.5;
/// Default share of a paragraph's shingles that kept paragraphs must cover
/// for it to be dropped as a duplicate.
///
/// # Examples
///
/// ```
/// assert_eq!(storysift::DEFAULT_DUPLICATE_COVERAGE, 0.5);
/// ```
pub const DEFAULT_DUPLICATE_COVERAGE: f64 = 0.5;
/// Default number of near-duplicate paragraphs two documents must share to
/// be put in one story.
///
/// # Examples
///
/// ```
/// assert_eq!(storysift::DEFAULT_STORY_MIN_SHARED_PARAGRAPHS, 3);
/// ```
pub const DEFAULT_STORY_MIN_SHARED_PARAGRAPHS: usize = 3;
/// Default maximum document size in bytes (32 MiB).
///
/// # Examples
///
/// ```
/// // A document over the limit is reported, not cleaned.
/// let big = "x".repeat(storysift::DEFAULT_MAX_DOCUMENT_BYTES + 1);
/// let err = storysift::clean(&storysift::Document::text("big", &big)).unwrap_err();
/// assert!(matches!(err, storysift::Error::TooLarge { .. }));
/// ```
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 32 << 20;
/// Default cap on the paragraphs of one index bucket.
///
/// # Examples
///
/// ```
/// assert_eq!(storysift::DEFAULT_MAX_BUCKET, 256);
/// ```
pub const DEFAULT_MAX_BUCKET: usize = 256;

/// Builds a [`Sifter`] with validated settings.
///
/// Every setter documents its default; [`build`](SifterBuilder::build)
/// checks all of them at once.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Sifter};
///
/// let sifter = Sifter::builder().shingle_words(4).max_hamming(2).build()?;
/// let none: [Document<'_>; 0] = [];
/// assert_eq!(sifter.sift(&none)?.stories().len(), 0);
/// assert!(Sifter::builder().shingle_words(0).build().is_err());
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct SifterBuilder {
    pub(crate) shingle_words: usize,
    pub(crate) max_hamming: u32,
    pub(crate) min_containment: f64,
    pub(crate) duplicate_coverage: f64,
    pub(crate) story_min_shared_paragraphs: usize,
    pub(crate) max_document_bytes: Option<usize>,
    pub(crate) markup: crate::markup::MarkupLimits,
    pub(crate) max_bucket: usize,
    pub(crate) brute_force: bool,
    pub(crate) force_class_links: bool,
    pub(crate) similarity: Option<crate::similarity::Custom>,
    pub(crate) lexical_links: bool,
    pub(crate) statement_dedup: bool,
    pub(crate) cross_story_templates: bool,
    pub(crate) duplicate_ids: DuplicateIds,
    pub(crate) group_all_kinds: bool,
    #[cfg(feature = "semantic")]
    pub(crate) encoder: Option<Encoder>,
}

/// What a batch does with a document whose id an earlier document of the
/// batch already has (see [`SifterBuilder::duplicate_ids`]).
///
/// Crawls refetch pages, so a repeated id is common; which version to keep
/// is the caller's choice. Whatever is left out is listed in
/// [`Sifted::ignored`](crate::Sifted::ignored): nothing is dropped silently.
///
/// # Examples
///
/// ```
/// use storysift::{Document, DuplicateIds, Sifter};
///
/// let docs = [Document::text("a", "First fetch."), Document::text("a", "Second fetch.")];
/// let sifter = Sifter::builder().duplicate_ids(DuplicateIds::KeepFirst).build()?;
/// let out = sifter.sift(&docs)?;
/// assert_eq!(out.document("a").unwrap().paragraphs(), ["First fetch."]);
/// assert_eq!(out.ignored()[0].position(), 1);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DuplicateIds {
    /// Fail with [`Error::DuplicateId`](crate::Error::DuplicateId) (the
    /// default: an id is the caller's key into the output, and two bodies
    /// under one key are more often a bug upstream than a refetch).
    #[default]
    Refuse,
    /// Keep the first document with the id; later ones are ignored.
    KeepFirst,
    /// Keep the last document with the id (the freshest fetch); earlier
    /// ones are ignored, and the kept one takes the last one's place in
    /// the input order.
    KeepLast,
}

/// A shared sentence encoder (compared by identity).
#[cfg(feature = "semantic")]
#[derive(Debug, Clone)]
pub(crate) struct Encoder(
    // The model is read-only while it runs: a panic inside it leaves
    // nothing half-updated for a caller that catches it.
    pub(crate) std::sync::Arc<std::panic::AssertUnwindSafe<crate::SentenceEncoder>>,
);

#[cfg(feature = "semantic")]
impl PartialEq for Encoder {
    fn eq(&self, other: &Self) -> bool {
        std::sync::Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Default for SifterBuilder {
    fn default() -> Self {
        SifterBuilder {
            shingle_words: DEFAULT_SHINGLE_WORDS,
            max_hamming: DEFAULT_MAX_HAMMING,
            min_containment: DEFAULT_MIN_CONTAINMENT,
            duplicate_coverage: DEFAULT_DUPLICATE_COVERAGE,
            story_min_shared_paragraphs: DEFAULT_STORY_MIN_SHARED_PARAGRAPHS,
            max_document_bytes: Some(DEFAULT_MAX_DOCUMENT_BYTES),
            markup: crate::markup::MarkupLimits::default(),
            max_bucket: DEFAULT_MAX_BUCKET,
            brute_force: false,
            force_class_links: false,
            similarity: None,
            lexical_links: true,
            statement_dedup: true,
            cross_story_templates: true,
            duplicate_ids: DuplicateIds::Refuse,
            group_all_kinds: false,
            #[cfg(feature = "semantic")]
            encoder: None,
        }
    }
}

impl SifterBuilder {
    /// A builder with the default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whether stories are also linked by the similarity of their content
    /// words, names and numbers (rewrites, briefs and independent reports
    /// of one event join its story), not only by copied text. Defaults to
    /// `true`; `false` groups by shared shingles alone.
    pub fn lexical_links(&mut self, on: bool) -> &mut Self {
        self.lexical_links = on;
        self
    }

    /// Whether a story's output is deduplicated statement by statement
    /// (a sentence another kept sentence already says, in other words, is
    /// dropped and its documents credited to the paragraph that says it),
    /// not only paragraph by paragraph. Defaults to `true`.
    pub fn statement_dedup(&mut self, on: bool) -> &mut Self {
        self.statement_dedup = on;
        self
    }

    /// Whether a batch learns template lines: a paragraph that recurs word
    /// for word in documents of two or more stories, and whose content
    /// words, names and numbers (weighted by rarity) its stories hardly use
    /// elsewhere, is an outlet's template (a tagline, a tip line, an app or
    /// newsletter footer in any language), removed from its documents and
    /// stories with [`Reason::Template`](crate::Reason::Template).
    /// Background paragraphs a follow-up story reuses are kept: their names
    /// recur in both stories. Defaults to `true`. The incremental
    /// [`Index`](crate::Index) does not learn templates.
    ///
    /// ```
    /// use storysift::{Document, Reason, Sifter};
    ///
    /// let tag = "Radio Larkhill: the sound of the valley. Listen live on 96.2 FM and in our app.";
    /// let a = format!("Council votes to close the Brenmoor library branch.\n\nThe Brenmoor branch of the county library will close in March after councillors voted 9 to 4 to cut its budget.\n\n{tag}");
    /// let b = format!("Larkhill Rovers win the county cup final.\n\nLarkhill Rovers beat Ashby Town 3-1 in the county cup final on Saturday, with two goals from striker Dana Moor.\n\n{tag}");
    /// let docs = [Document::text("a", &a), Document::text("b", &b)];
    /// let sifted = Sifter::new().sift(&docs)?;
    /// assert_eq!(sifted.stories().len(), 2);
    /// let a = sifted.document("a").unwrap();
    /// assert!(a.paragraphs().iter().all(|p| !p.contains("96.2 FM")));
    /// assert!(a.removed().iter().any(|r| *r.reason() == Reason::Template));
    /// // Off: the line stays.
    /// let sifted = Sifter::builder().cross_story_templates(false).build()?.sift(&docs)?;
    /// assert!(sifted.document("a").unwrap().paragraphs().iter().any(|p| p.contains("96.2 FM")));
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn cross_story_templates(&mut self, on: bool) -> &mut Self {
        self.cross_story_templates = on;
        self
    }

    /// What a batch does with a repeated document id: refuse the batch
    /// (the default), keep the first or keep the last document with it.
    /// The incremental [`Index`](crate::Index) always refuses a repeated id
    /// (it returns the error for that document alone).
    ///
    /// ```
    /// use storysift::{Document, DuplicateIds, Sifter};
    ///
    /// let docs = [
    ///     Document::text("a", "First fetch of the page."),
    ///     Document::text("b", "Another page."),
    ///     Document::text("a", "Second fetch of the page, updated."),
    /// ];
    /// assert!(Sifter::new().sift(&docs).is_err());
    /// let out = Sifter::builder().duplicate_ids(DuplicateIds::KeepLast).build()?.sift(&docs)?;
    /// assert_eq!(out.documents().len(), 2);
    /// assert_eq!(out.document("a").unwrap().paragraphs(), ["Second fetch of the page, updated."]);
    /// assert_eq!((out.ignored()[0].id(), out.ignored()[0].position()), ("a", 0));
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn duplicate_ids(&mut self, policy: DuplicateIds) -> &mut Self {
        self.duplicate_ids = policy;
        self
    }

    /// Whether pages of every kind are grouped into stories. Defaults to
    /// `false`: only articles and pages of no recognised kind are (see
    /// [`PageKind`](crate::PageKind)); a forum thread, a product page, a
    /// listing or a documentation page forms a story of its own with all
    /// its paragraphs, so a section front that repeats the first lines of
    /// many stories neither joins nor links them.
    ///
    /// ```
    /// use storysift::{Document, PageKind, Sifter};
    ///
    /// let story = "The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city council said.";
    /// let front = format!(r#"<html><head><link rel="canonical" href="https://news.example/category/local">
    ///   </head><body><ul><li><p>{story}</p></li><li><p>Schools close early for the summer.</p></li></ul></body></html>"#);
    /// let docs = [Document::text("wire", story), Document::html("front", &front)];
    /// assert_eq!(storysift::clean(&docs[1])?.page_kind(), PageKind::Listing);
    /// assert_eq!(Sifter::new().sift(&docs)?.stories().len(), 2);
    /// let all = Sifter::builder().group_all_kinds(true).build()?;
    /// assert_eq!(all.sift(&docs)?.stories().len(), 1);
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn group_all_kinds(&mut self, on: bool) -> &mut Self {
        self.group_all_kinds = on;
        self
    }

    /// Words per shingle, 1 to 8. Defaults to 3.
    ///
    /// Shorter shingles survive more edits (each edited word breaks `k`
    /// shingles) but match more unrelated text; 3 keeps light wire-desk
    /// edits above the containment threshold while "said on Monday" style
    /// trigrams are too few to pass it alone.
    pub fn shingle_words(&mut self, words: usize) -> &mut Self {
        self.shingle_words = words;
        self
    }

    /// Simhash Hamming radius for near-exact candidates, 0 to 7. Defaults to 3.
    ///
    /// The simhash tables use `max_hamming + 1` bit blocks, so a larger
    /// radius means shorter blocks and fuller buckets. Edited copies are
    /// found by the shingle index whatever this is; this radius only decides
    /// which near-exact copies are found by the cheap tables.
    pub fn max_hamming(&mut self, bits: u32) -> &mut Self {
        self.max_hamming = bits;
        self
    }

    /// Containment (shared shingles over the smaller paragraph's shingles)
    /// at which two paragraphs are near-duplicates, in (0, 1]. Defaults to 0.5.
    ///
    /// Containment rather than Jaccard, so a paragraph copied inside a longer,
    /// merged one is still a match.
    pub fn min_containment(&mut self, share: f64) -> &mut Self {
        self.min_containment = share;
        self
    }

    /// Share of a paragraph's shingles that already-kept near-duplicates must
    /// cover for the paragraph to be dropped from its story, in (0, 1].
    /// Defaults to 0.5. Higher keeps more partial rewrites (less loss, more
    /// repetition).
    pub fn duplicate_coverage(&mut self, share: f64) -> &mut Self {
        self.duplicate_coverage = share;
        self
    }

    /// How many near-duplicate paragraphs (of ten words or more) two
    /// documents must share to join one story on that count alone, at least
    /// 1. Defaults to 3.
    ///
    /// The shared text must also be at least a tenth of the smaller
    /// document; one paragraph less suffices when it is a fifth; documents
    /// sharing three tenths of their text join whatever the count. One or
    /// two shared formulaic paragraphs ("did not immediately respond to a
    /// request for comment") must not merge two stories. Two documents of
    /// the same [outlet](crate::Document::outlet) share its template, so
    /// they join only when they share half the smaller one's text: set the
    /// outlet when it is known.
    pub fn story_min_shared_paragraphs(&mut self, paragraphs: usize) -> &mut Self {
        self.story_min_shared_paragraphs = paragraphs;
        self
    }

    /// Documents larger than this are not processed (they are reported with
    /// an [`Error::TooLarge`] and form a story of their own). `None` means no
    /// limit. Defaults to 32 MiB.
    pub fn max_document_bytes(&mut self, bytes: Option<usize>) -> &mut Self {
        self.max_document_bytes = bytes;
        self
    }

    /// Deepest element nesting an HTML page may have, at least 1. Defaults
    /// to 512 (Blink's cap). Deeper start tags are dropped before parsing
    /// and their text stays in the element around them
    /// ([`Cleaned::markup_capped`](crate::Cleaned::markup_capped) says
    /// so): html5ever's tree builder scans its stack of open elements for
    /// many tags, and a page nested 100,000 deep would take minutes. Also
    /// bounded: at most 64 formatting elements (`<b>`, `<i>`, `<a>`…) open
    /// at once, which the parser would clone into every later paragraph.
    ///
    /// ```
    /// use storysift::{Document, Sifter};
    ///
    /// let page = format!("{}<p>Deep text.</p>{}", "<div>".repeat(5_000), "</div>".repeat(5_000));
    /// let sifter = Sifter::builder().max_markup_depth(64).build()?;
    /// let cleaned = sifter.clean(&Document::html("deep", &page))?;
    /// assert!(cleaned.markup_capped());
    /// assert_eq!(cleaned.paragraphs(), ["Deep text."]);
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn max_markup_depth(&mut self, depth: usize) -> &mut Self {
        self.markup.depth = depth;
        self
    }

    /// Most attributes kept on one HTML element, at least 1; the rest are
    /// cut from the tag before parsing. Defaults to 256.
    pub fn max_markup_attributes(&mut self, attributes: usize) -> &mut Self {
        self.markup.attributes = attributes;
        self
    }

    /// Most elements parsed in one HTML page, at least 1; the start tags
    /// past it are dropped before parsing and their text kept. Defaults to
    /// 200,000 (the largest of 1,518 real pages in the extraction
    /// benchmarks has 15,793; html5ever holds a few hundred bytes per node,
    /// more where it clones formatting elements into later blocks).
    pub fn max_markup_elements(&mut self, elements: usize) -> &mut Self {
        self.markup.elements = elements;
        self
    }

    /// Cap on the paragraphs in one index bucket, at least 2. Defaults to 256.
    ///
    /// A shingle or fingerprint block shared by more paragraphs than this is
    /// not paired up all against all, which keeps candidate search linear:
    /// its paragraphs are paired only with those carrying the bucket's
    /// commonest fingerprints (see DESIGN.md), so a statement syndicated
    /// verbatim or lightly edited by many outlets is still found, while
    /// near-duplicates that share only such a common shingle and neither of
    /// those fingerprints are not.
    pub fn max_bucket(&mut self, paragraphs: usize) -> &mut Self {
        self.max_bucket = paragraphs;
        self
    }

    /// Replaces the verdict on candidate pairs with the caller's
    /// [`Similarity`](crate::Similarity) (see its docs for what it can and
    /// cannot change).
    pub fn similarity(&mut self, similarity: impl crate::Similarity + 'static) -> &mut Self {
        self.similarity = Some(crate::similarity::Custom(std::sync::Arc::new(similarity)));
        self
    }

    /// Statement dedup also asks a sentence encoder: a sentence is covered
    /// when a kept sentence of the story that shares a content term with it
    /// is close in the encoder's space and has all of its numbers (feature
    /// `semantic`; see [`SentenceEncoder`](crate::SentenceEncoder)).
    #[cfg(feature = "semantic")]
    pub fn sentence_encoder(&mut self, encoder: crate::SentenceEncoder) -> &mut Self {
        self.encoder = Some(Encoder(std::sync::Arc::new(std::panic::AssertUnwindSafe(
            encoder,
        ))));
        self
    }

    /// Test knob: compare all paragraph pairs instead of using the index.
    #[doc(hidden)]
    pub fn brute_force(&mut self, yes: bool) -> &mut Self {
        self.brute_force = yes;
        self
    }

    /// Test knob: link near-duplicate classes of identical paragraphs
    /// through their first members whatever the batch's size, as batches
    /// past the expansion budget do (see DESIGN.md, "Stars for large
    /// classes").
    #[doc(hidden)]
    pub fn force_class_links(&mut self, yes: bool) -> &mut Self {
        self.force_class_links = yes;
        self
    }

    /// Validates the settings and builds the engine.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] naming the first setting out of range.
    pub fn build(&self) -> Result<Sifter> {
        fn bad(knob: &'static str, reason: String) -> Result<Sifter> {
            Err(Error::InvalidConfig { knob, reason })
        }
        if !(1..=8).contains(&self.shingle_words) {
            return bad(
                "shingle_words",
                format!("{} is outside 1..=8", self.shingle_words),
            );
        }
        if self.max_hamming > 7 {
            return bad(
                "max_hamming",
                format!("{} is outside 0..=7", self.max_hamming),
            );
        }
        for (knob, v) in [
            ("min_containment", self.min_containment),
            ("duplicate_coverage", self.duplicate_coverage),
        ] {
            if !(v > 0.0 && v <= 1.0) {
                return bad(knob, format!("{v} is outside (0, 1]"));
            }
        }
        if self.story_min_shared_paragraphs == 0 {
            return bad("story_min_shared_paragraphs", "0 is below 1".into());
        }
        for (knob, v) in [
            ("max_markup_depth", self.markup.depth),
            ("max_markup_attributes", self.markup.attributes),
            ("max_markup_elements", self.markup.elements),
        ] {
            if v == 0 {
                return bad(knob, "0 is below 1".into());
            }
        }
        if self.max_bucket < 2 {
            return bad("max_bucket", format!("{} is below 2", self.max_bucket));
        }
        Ok(Sifter::from_builder(self.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_the_knob() {
        let cases: Vec<(SifterBuilder, &str)> = vec![
            (
                SifterBuilder {
                    shingle_words: 0,
                    ..Default::default()
                },
                "shingle_words",
            ),
            (
                SifterBuilder {
                    shingle_words: 9,
                    ..Default::default()
                },
                "shingle_words",
            ),
            (
                SifterBuilder {
                    max_hamming: 8,
                    ..Default::default()
                },
                "max_hamming",
            ),
            (
                SifterBuilder {
                    min_containment: 0.0,
                    ..Default::default()
                },
                "min_containment",
            ),
            (
                SifterBuilder {
                    min_containment: f64::NAN,
                    ..Default::default()
                },
                "min_containment",
            ),
            (
                SifterBuilder {
                    duplicate_coverage: 1.5,
                    ..Default::default()
                },
                "duplicate_coverage",
            ),
            (
                SifterBuilder {
                    story_min_shared_paragraphs: 0,
                    ..Default::default()
                },
                "story_min_shared_paragraphs",
            ),
            (
                SifterBuilder {
                    max_bucket: 1,
                    ..Default::default()
                },
                "max_bucket",
            ),
        ];
        for (b, knob) in cases {
            match b.build() {
                Err(Error::InvalidConfig { knob: k, .. }) => assert_eq!(k, knob),
                other => panic!("{knob}: expected InvalidConfig, got {other:?}"),
            }
        }
        assert!(SifterBuilder::default().build().is_ok());
    }
}
