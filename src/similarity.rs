//! The verification step as a trait: callers can plug their own similarity.

use std::fmt;
use std::panic::RefUnwindSafe;
use std::sync::Arc;

/// Decides whether a candidate pair of paragraphs is a near-duplicate.
///
/// Candidates come from storysift's index: paragraphs whose simhash (of the
/// whole paragraph or of one of its sentences) is within the Hamming
/// distance, or which share at least two word shingles. A `Similarity`
/// replaces only the verdict on those candidates; cleaning, candidate
/// search, story grouping and assembly stay as they are. Set one with
/// [`SifterBuilder::similarity`](crate::SifterBuilder::similarity).
///
/// The built-in verdict ([`Candidate::default_verdict`]) is shingle
/// containment plus agreement on names and numbers; an implementation can
/// refine it (an embedding or cross-lingual model, an edit distance on
/// sentences), or veto it. A pair it accepts against the built-in verdict
/// counts as fully shared when documents are grouped into stories.
///
/// # Examples
///
/// ```
/// use storysift::{Candidate, Document, Sifter, Similarity};
///
/// /// Also accept candidates whose word sets overlap by half (looser than
/// /// the shingle rule: catches rewrites that keep the words, not the order).
/// #[derive(Debug)]
/// struct WordOverlap;
///
/// impl Similarity for WordOverlap {
///     fn near_duplicate(&self, pair: &Candidate<'_>) -> bool {
///         let words = |t: &str| -> std::collections::HashSet<String> {
///             t.split_whitespace().map(|w| w.to_lowercase()).collect()
///         };
///         let (a, b) = (words(pair.a()), words(pair.b()));
///         let shared = a.intersection(&b).count() as f64;
///         pair.default_verdict() || shared >= 0.5 * a.len().min(b.len()) as f64
///     }
/// }
///
/// let sifter = Sifter::builder().similarity(WordOverlap).build()?;
/// let a = "Police said the old bridge will stay closed until Friday while engineers inspect its cracked supports.\n\n\
///          The council said repairs could cost several million and take most of the summer to finish.";
/// let b = "The cracked supports will be inspected by engineers, and police said the old bridge stays closed until Friday.\n\n\
///          Repairs could take most of the summer to finish and cost several million, the council said.";
/// let docs = [Document::text("a", a), Document::text("b", b)];
/// let out = sifter.sift(&docs)?;
/// assert_eq!(out.stories().len(), 1);
/// assert_eq!(out.stories()[0].paragraphs().len(), 2);
/// // Shingles alone keep the rewrites apart; the default lexical story
/// // links join them into one story.
/// let shingles_only = Sifter::builder().lexical_links(false).build()?;
/// assert_eq!(shingles_only.sift(&docs)?.stories().len(), 2);
/// assert_eq!(storysift::sift(&docs)?.stories().len(), 1);
/// # Ok::<(), storysift::Error>(())
/// ```
pub trait Similarity: Send + Sync + RefUnwindSafe + fmt::Debug {
    /// Whether the pair is a near-duplicate.
    fn near_duplicate(&self, pair: &Candidate<'_>) -> bool;
}

/// A candidate pair of clean paragraphs, with the built-in evidence.
///
/// ```
/// use storysift::{Candidate, Document, Sifter, Similarity};
///
/// /// Logs what the built-in rule decided and keeps its verdict.
/// #[derive(Debug)]
/// struct Audit;
/// impl Similarity for Audit {
///     fn near_duplicate(&self, pair: &Candidate<'_>) -> bool {
///         assert!(pair.containment() <= 1.0 && pair.shared_shingles() > 0);
///         assert!(!pair.a().is_empty() && !pair.b().is_empty());
///         pair.default_verdict()
///     }
/// }
/// let p = "The council approved the budget on Monday after a long debate in the town hall.";
/// let sifter = Sifter::builder().similarity(Audit).build()?;
/// let out = sifter.sift(&[Document::text("a", p), Document::text("b", p)])?;
/// assert_eq!(out.stories().len(), 1);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub(crate) a: &'a str,
    pub(crate) b: &'a str,
    pub(crate) shared: usize,
    pub(crate) smaller: usize,
    pub(crate) default_verdict: bool,
}

impl<'a> Candidate<'a> {
    /// The first paragraph's text.
    pub fn a(&self) -> &'a str {
        self.a
    }

    /// The second paragraph's text.
    pub fn b(&self) -> &'a str {
        self.b
    }

    /// Word shingles the two share.
    pub fn shared_shingles(&self) -> usize {
        self.shared
    }

    /// The share of the smaller paragraph's shingles that the other
    /// carries, in `[0, 1]`.
    pub fn containment(&self) -> f64 {
        self.shared as f64 / self.smaller.max(1) as f64
    }

    /// storysift's own verdict: containment of at least the configured
    /// minimum, identical sets for very short paragraphs, and agreement on
    /// names and numbers.
    pub fn default_verdict(&self) -> bool {
        self.default_verdict
    }
}

/// A shared handle to a caller's similarity (compared by identity).
#[derive(Clone)]
pub(crate) struct Custom(pub(crate) Arc<dyn Similarity>);

impl PartialEq for Custom {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for Custom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}
