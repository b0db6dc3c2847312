//! storysift turns many outlets' versions of the same news stories into
//! clean, unique content per story.
//!
//! A crawl brings the same story from many sites: ads and "Advertisement"
//! markers, lists of other stories' headlines, photo credits, newsletter
//! prompts and page chrome around the text, and the same wire-agency
//! paragraphs copied, lightly edited or paraphrased in every version.
//! storysift
//!
//! 1. **cleans** each document (HTML pages and plain-text scrapes), saying
//!    why each removed block was removed;
//! 2. **finds near-duplicate paragraphs** with word shingles, 64-bit simhash
//!    fingerprints of paragraphs and sentences, and an inverted shingle
//!    index (never all pairs), verifying every candidate by shingle
//!    containment;
//! 3. **assembles stories**: groups documents that share copied text, or
//!    (rewritten versions) content words, names and numbers, and returns
//!    each story's unique paragraphs once, in reading order, with the
//!    documents that carry each; a sentence another kept sentence already
//!    says in other words is dropped (statement dedup), its documents added
//!    to the sources of the sentence that says it.
//!
//! # Overview
//!
//! - [`Document`]: one input (id, optional outlet, text or HTML body).
//! - [`Sifter`]: the configured, immutable, reusable engine, built by
//!   [`SifterBuilder`]; [`sift`] and [`clean`] use the defaults.
//! - [`Sifted`]: the batch result, with a [`DocumentReport`] per input and
//!   the [`Story`]s, each with its [`StoryParagraph`]s.
//! - [`Reason`]: why a block was removed.
//! - [`Fingerprint`]: a stable 64-bit simhash a caller may store.
//!
//! # Example: sift a batch
//!
//! ```
//! use storysift::{Document, Reason};
//!
//! let a = "Kremlin rejects peacekeepers\n\n\
//!          The Kremlin said on Tuesday that European peacekeepers in Ukraine would be unacceptable.\n\n\
//!          Advertisement\n\n\
//!          Peskov referred reporters to an earlier statement by Foreign Minister Sergei Lavrov.";
//! let b = "The Kremlin said on Tuesday that European peacekeepers in Ukraine would be unacceptable.\n\
//!          Peskov referred reporters to an earlier statement by Foreign Minister Sergei Lavrov.\n\
//!          Poland scrambled military aircraft in response to the missile attack.";
//! let out = storysift::sift(&[Document::text("a", a), Document::text("b", b)])?;
//!
//! let story = &out.stories()[0];
//! assert_eq!(story.documents(), ["a", "b"]);
//! assert_eq!(story.paragraphs().len(), 3); // each statement once
//! let mut first: Vec<&str> = story.paragraphs()[0].documents().collect();
//! first.sort();
//! assert_eq!(first, ["a", "b"]);
//!
//! let removed = out.document("a").unwrap().removed();
//! assert_eq!(removed[0].reason(), &Reason::Title);
//! assert_eq!(removed[1].reason(), &Reason::AdMarker);
//! # Ok::<(), storysift::Error>(())
//! ```
//!
//! # Example: tune the engine
//!
//! ```
//! use storysift::{Document, Sifter};
//!
//! let sifter = Sifter::builder()
//!     .shingle_words(4)
//!     .min_containment(0.6)
//!     .story_min_shared_paragraphs(3)
//!     .build()?;
//! let out = sifter.sift(&[Document::text("only", "A lone paragraph of text.")])?;
//! assert_eq!(out.stories().len(), 1);
//! # Ok::<(), storysift::Error>(())
//! ```
//!
//! # Example: clean one page
//!
//! ```
//! use storysift::{Document, Reason};
//!
//! let page = "<html><body><nav>Home | World</nav><article><h1>Storm hits coast</h1>\
//!             <p>The storm hit the coast on Monday, officials said, and thousands lost power.</p>\
//!             <div class=\"ad-slot\">Advertisement</div></article></body></html>";
//! let c = storysift::clean(&Document::html("p1", page))?;
//! assert_eq!(c.title(), Some("Storm hits coast"));
//! assert_eq!(c.paragraphs().len(), 1);
//! assert!(c.removed().iter().any(|r| r.reason() == &Reason::AdSlot));
//! # Ok::<(), storysift::Error>(())
//! ```
//!
//! # Example: run in your own thread pool
//!
//! The library never configures rayon's global pool; it runs on whatever
//! pool the call happens in, and the output is the same for any thread count.
//!
//! ```
//! use storysift::{Document, Sifter};
//!
//! let docs = [Document::text("a", "One paragraph here."), Document::text("b", "Another one there.")];
//! let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().unwrap();
//! let one = pool.install(|| Sifter::new().sift(&docs))?;
//! assert_eq!(one, Sifter::new().sift(&docs)?);
//! # Ok::<(), storysift::Error>(())
//! ```
//!
//! # Batch or Index
//!
//! - A **batch** ([`Sifter::sift`], or [`Sifter::batch`] fed in chunks)
//!   sees all its documents at once: the best grouping and the complete
//!   unique content per story, with every paragraph's sources. It keeps
//!   every clean paragraph until [`Batch::finish`]: about 20 KB per
//!   document of typical news (2.1 GB for 100,000 documents of 5 KB).
//!   Use it for a day's crawl, a topic, a few 10^5 documents.
//! - An **[`Index`]** answers per arriving document: which story it joins,
//!   which of its paragraphs are already known, what is new. It keeps no
//!   text (about 450–520 bytes per indexed paragraph; 443 MB for the same
//!   100,000 documents) and can be saved and loaded (feature `serde`). Use
//!   it for a pipeline that runs for days, or beyond some 10^5 documents.
//!   It links stories the same way, one document against everything
//!   before it, so its stories can differ from a batch's where the order
//!   matters; it cannot apply a text-comparing [`Similarity`] or sentence
//!   encoder (it has no text to compare against) and refuses them.
//!
//! # Input
//!
//! A [`Document`] borrows its id and body; a [`DocumentBuf`] owns them
//! ([`DocumentBuf::from_path`] reads a file, choosing the [`Format`] from
//! the extension or the bytes). Every entry point takes either
//! ([`AsDocument`]). Give pages as fetched bytes with the HTTP charset
//! ([`Document::html_bytes`], [`Document::charset`]); [`decode`] says how
//! they are decoded. A repeated id is refused unless the builder's
//! [`DuplicateIds`] policy keeps one ([`Sifted::ignored`] lists the
//! others).
//!
//! # Persistence and outputs as data
//!
//! With feature `serde`, an [`Index`] serialises into a versioned format
//! that records the settings it was built with; `Index::from_saved`
//! (also behind the feature) refuses another format version, other settings, or damaged records
//! with [`Error::SavedIndex`]. Every output type serialises too: JSON of
//! a [`Sifted`], [`Cleaned`] or [`Added`] is what the `storysift` command
//! writes. [`Fingerprint`]s are stable across machines and releases of one
//! major version and serialise as 16 hex digits.
//!
//! # Plugging a similarity
//!
//! [`SifterBuilder::similarity`] replaces the verdict on candidate pairs
//! of paragraphs (an embedding, a cross-lingual model, an edit distance);
//! cleaning, candidate search, grouping and assembly stay. See
//! [`Similarity`].
//!
//! # Errors, limits and memory
//!
//! Errors ([`Error`]) come from configuration, from the shape of a batch
//! (a repeated id) and from documents that are over
//! [`SifterBuilder::max_document_bytes`] (32 MiB by default) or not text;
//! messy content never fails, it cleans to fewer paragraphs, and nothing
//! panics on any input. A document that fails is still reported and is a
//! story of its own: every input is accounted for. Markup is held within
//! bounds before parsing (nesting depth, elements, attributes:
//! [`SifterBuilder::max_markup_depth`]). No stage is quadratic: buckets of
//! the candidate indexes are capped, groups of identical paragraphs are
//! handled once, assembly is linear in a story's paragraphs. Memory: a
//! batch about 20 KB per typical document (see above); an index about
//! 500 bytes per paragraph; cleaning holds one page's parse tree per
//! thread at a time.
//!
//! # Crate features
//!
//! - `rayon` (default): clean, fingerprint, verify and assemble in parallel
//!   on the ambient rayon pool. Without it everything runs sequentially with
//!   identical results.
//! - `serde`: every output type serialises; an incremental [`Index`] saves
//!   and loads (versioned format).
//! - `cli`: the `storysift` command (files, folders, JSONL and WARC, gzip
//!   and zstd; `clean`, `sift`, `index`, `pairs`): `cargo install --path .
//!   --features cli`.
//! - `semantic`: `SentenceEncoder`, a BERT-family sentence encoder run with
//!   `candle`, as a second verdict in statement dedup
//!   (`SifterBuilder::sentence_encoder`). Heavy; off by default.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![warn(missing_debug_implementations)]
#![doc(test(attr(deny(warnings))))]

mod assemble;
mod blocking;
mod boilerplate;
mod cluster;
mod config;
mod corpus;
mod decode;
mod document;
mod error;
mod features;
mod fingerprint;
mod html;
mod incremental;
mod index;
mod json_ld;
mod kind;
mod markup;
mod metadata;
mod packed;
mod par;
mod report;
mod segment;
#[cfg(feature = "semantic")]
mod semantic;
mod shingle;
mod sifter;
mod similarity;
mod statements;
mod story;
mod terms;
mod text;
mod verify;

pub use blocking::DocumentKeys;
pub use boilerplate::{BodySource, Cleaned};
pub use config::{
    DEFAULT_DUPLICATE_COVERAGE, DEFAULT_MAX_BUCKET, DEFAULT_MAX_DOCUMENT_BYTES,
    DEFAULT_MAX_HAMMING, DEFAULT_MIN_CONTAINMENT, DEFAULT_SHINGLE_WORDS,
    DEFAULT_STORY_MIN_SHARED_PARAGRAPHS, DuplicateIds, SifterBuilder,
};
pub use corpus::{CorpusStats, DocumentTexts};
pub use decode::{CharsetSource, Decoded, decode};
pub use document::{AsDocument, Body, Document, DocumentBuf, Format, ParseFormatError};
pub use error::{Error, Result};
pub use fingerprint::{Fingerprint, ParseFingerprintError};
#[cfg(feature = "serde")]
pub use incremental::SavedIndex;
pub use incremental::{Added, INDEX_FORMAT, INDEX_FORMAT_VERSION, Index};
pub use kind::PageKind;
pub use metadata::Metadata;
pub use report::{
    DocumentReport, Ignored, NearDuplicate, ParagraphRef, Reason, Removed, Sifted, StoriesOut,
    Story, StoryId, StoryParagraph,
};
#[cfg(feature = "semantic")]
pub use semantic::SentenceEncoder;
pub use sifter::{Batch, Sifter};
pub use similarity::{Candidate, Similarity};

/// Sifts a batch with the default settings; see [`Sifter::sift`].
///
/// # Errors
///
/// [`Error::DuplicateId`] if two documents share an id.
pub fn sift<D: AsDocument>(docs: &[D]) -> Result<Sifted> {
    Sifter::new().sift(docs)
}

/// Cleans one document with the default settings; see [`Sifter::clean`].
///
/// # Errors
///
/// [`Error::TooLarge`] if the document exceeds the default size limit.
pub fn clean(doc: &impl AsDocument) -> Result<Cleaned> {
    Sifter::new().clean(doc)
}

/// The README's example is compiled and run as a doc-test.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod auto_traits {
    use super::*;

    fn assert_all<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}

    #[test]
    fn public_types_are_send_sync_unwind_safe() {
        assert_all::<Sifter>();
        assert_all::<SifterBuilder>();
        assert_all::<Document<'static>>();
        assert_all::<Sifted>();
        assert_all::<StoriesOut>();
        assert_all::<DocumentReport>();
        assert_all::<Story>();
        assert_all::<StoryParagraph>();
        assert_all::<Cleaned>();
        assert_all::<Error>();
        assert_all::<Fingerprint>();
        assert_all::<Reason>();
        assert_all::<Decoded<'static>>();
        assert_all::<Body<'static>>();
        assert_all::<BodySource>();
        assert_all::<NearDuplicate>();
        assert_all::<Batch>();
        assert_all::<DocumentBuf>();
        assert_all::<Metadata>();
        assert_all::<Ignored>();
        assert_all::<DuplicateIds>();
        assert_all::<Index>();
        assert_all::<Added>();
        assert_all::<Candidate<'static>>();
    }
}
