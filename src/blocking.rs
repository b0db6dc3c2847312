//! Blocking keys of a distributed job: what it groups documents by to cut
//! a corpus into parts that no story crosses (see
//! [`CorpusStats`](crate::CorpusStats)), without all pairs.

use crate::features::Featurizer;
use crate::story::lexical;
use crate::{Cleaned, CorpusStats, Sifter};

/// A document's keys for cutting a corpus into parts
/// ([`Sifter::document_keys`]).
///
/// A job groups documents by each of their `copy` keys and each of their
/// `terms` (leaving out a key so common that pairing its documents would
/// be quadratic, as the batch does past
/// [`max_bucket`](crate::SifterBuilder::max_bucket)), checks the pairs so
/// found with [`DocumentKeys::linked`], and takes the connected components
/// of the linked pairs as parts.
///
/// * `copy`: the paragraphs' shingle keys, sampled as the incremental
///   [`Index`](crate::Index) posts them (every key of a paragraph of at
///   most 16 shingles, one in four of a longer one).
/// * `terms`: the document's 32 heaviest content terms under the corpus's
///   document frequencies (the lexical story links look up candidates by
///   the same kind of key).
///
/// Two documents are [`linked`](Self::linked) when they share at least
/// [`MIN_SHARED_COPY`](Self::MIN_SHARED_COPY) copy keys making up at least
/// [`MIN_COPY_SHARE`](Self::MIN_COPY_SHARE) of the smaller key set, or
/// when the cosine of their term vectors reaches the lexical links'
/// threshold (0.2): a batch merges two stories by their words only when
/// the average cosine over their document pairs reaches it, so at least
/// one pair does. The rule is wider than the batch's (no veto by names and
/// numbers): a part may hold several stories, which its batch keeps apart.
///
/// # Examples
///
/// ```
/// use storysift::{CorpusStats, Document, Sifter};
///
/// let s = Sifter::new();
/// let wire = "The Corran Strait Bridge was closed on Monday after inspectors found two cracks in its steel beams, the Coastal Roads Agency said.";
/// let copy = format!("{wire} Ferries will add sailings.");
/// let other = "Brackenmoor council approved a rise of 9.5 per cent in water rates on Thursday after a long debate.";
/// let docs = [Document::text("a", wire), Document::text("b", &copy), Document::text("c", other)];
/// let cleaned: Vec<_> = docs.iter().map(|d| s.clean(d)).collect::<Result<_, _>>()?;
/// let mut stats = CorpusStats::default();
/// for c in &cleaned {
///     stats.merge(&CorpusStats::of_document(&s, c));
/// }
/// let keys: Vec<_> = cleaned.iter().map(|c| s.document_keys(c, &stats)).collect();
/// assert!(keys[0].linked(&keys[1]));
/// assert!(!keys[0].linked(&keys[2]));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DocumentKeys {
    /// Sampled shingle keys of the document's paragraphs, sorted, distinct.
    pub copy: Vec<u32>,
    /// The document's heaviest content terms, sorted.
    pub terms: Vec<u32>,
    /// The document's term vector (tf × idf, unit length), sorted by term.
    vector: Vec<(u32, f32)>,
}

/// A paragraph with at most this many shingles posts all its keys.
const SHORT_PARAGRAPH_SHINGLES: usize = 16;

impl DocumentKeys {
    /// Shared copy keys that can link two documents.
    pub const MIN_SHARED_COPY: usize = 2;
    /// Share of the smaller copy key set that must be shared.
    pub const MIN_COPY_SHARE: f64 = 0.4;

    /// Whether two documents may belong to one story (see the type's
    /// docs).
    pub fn linked(&self, other: &DocumentKeys) -> bool {
        let small = self.copy.len().min(other.copy.len());
        let shared = crate::features::intersection(&self.copy, &other.copy);
        (shared >= Self::MIN_SHARED_COPY && shared as f64 >= Self::MIN_COPY_SHARE * small as f64)
            || lexical::dot(&self.vector, &other.vector) >= lexical::MIN_SIMILARITY
    }
}

impl Sifter {
    /// The blocking keys of a cleaned document under the corpus's document
    /// frequencies (see [`DocumentKeys`]). A page that is not a story
    /// candidate gets none: the batch makes it a story of its own.
    pub fn document_keys(&self, cleaned: &Cleaned, stats: &CorpusStats) -> DocumentKeys {
        if !self.groups(cleaned.page_kind()) {
            return DocumentKeys::default();
        }
        let mut fz = Featurizer::default();
        let k = self.shingle_words();
        let mut copy = Vec::new();
        for p in cleaned.paragraphs() {
            let keys = fz.shingles(p, k);
            if keys.len() <= SHORT_PARAGRAPH_SHINGLES {
                copy.extend_from_slice(keys);
            } else {
                copy.extend(keys.iter().filter(|&&k| k % 4 == 0));
            }
        }
        copy.sort_unstable();
        copy.dedup();
        let (terms, vector) = match (self.cfg.lexical_links, stats.document_idf()) {
            (true, Some(idf)) => {
                let p = lexical::profile(
                    cleaned.paragraphs(),
                    &mut crate::terms::Scratch::default(),
                    &mut Vec::new(),
                );
                let vector = idf.vector(&p);
                let mut terms = lexical::heaviest(&vector);
                terms.sort_unstable();
                (terms, vector)
            }
            _ => (Vec::new(), Vec::new()),
        };
        DocumentKeys {
            copy,
            terms,
            vector,
        }
    }
}
