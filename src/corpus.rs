//! Corpus statistics: what a batch over one part of a corpus needs from
//! the rest of it to give the answer a batch over the whole corpus gives.
//!
//! A batch uses four corpus-wide facts besides its documents' text: how
//! many documents use each term (lexical story links, the shared-template
//! veto, template lines), how many stories use each term (statement dedup),
//! which paragraph texts recur in other stories (template lines), and how
//! the other stories judged a recurring text (a template line only when no
//! story uses its words elsewhere). A distributed job cuts the corpus into
//! parts that no story crosses, computes these in two reduces and gives
//! them to [`Sifter::sift_part`]; see [`CorpusStats`].

use ahash::AHashMap;

use crate::story::lexical::{self, Idf};
use crate::{AsDocument, Cleaned, Result, Sifted, Sifter};

/// Corpus-wide statistics for batches over parts of one corpus.
///
/// Built in three steps, each a merge (sums, unions and maxima: any order,
/// any grouping), so a distributed job computes them in reduces:
///
/// 1. per document, [`CorpusStats::of_document`] (document frequencies),
///    merged over the corpus;
/// 2. the paragraph texts held by documents of two or more parts:
///    [`DocumentTexts::texts`] of each document, grouped by hash, added
///    with [`CorpusStats::add_shared_texts`];
/// 3. per part, [`Sifter::part_stats`] (story frequencies and the parts'
///    judgments of shared texts), merged in.
///
/// Then [`Sifter::sift_part`] over each part, with the same settings,
/// gives the documents and stories that [`Sifter::sift`] over the whole
/// corpus gives for that part's documents, provided no story of the whole
/// corpus crosses two parts and no candidate bucket of the whole corpus
/// is over [`max_bucket`](crate::SifterBuilder::max_bucket) (a shingle or
/// fingerprint shared by more paragraphs than that is paired differently).
///
/// # Examples
///
/// ```
/// use storysift::{CorpusStats, Document, Sifter};
///
/// let s = Sifter::new();
/// let bridge = "The Corran Strait Bridge was closed on Monday after inspectors found two cracks in its steel beams, the roads agency said.";
/// let water = "Brackenmoor council approved a rise of 9.5 per cent in water rates on Thursday after a long debate about the town's old pipes.";
/// let parts = [
///     vec![Document::text("a", bridge), Document::text("b", bridge)],
///     vec![Document::text("c", water)],
/// ];
/// // 1. Document frequencies.
/// let mut stats = CorpusStats::default();
/// for d in parts.iter().flatten() {
///     stats.merge(&CorpusStats::of_document(&s, &s.clean(d)?));
/// }
/// // 2. No paragraph text is held by two parts here.
/// // 3. Story frequencies and judgments, part by part.
/// let mut story_stats = CorpusStats::default();
/// for p in &parts {
///     story_stats.merge(&s.part_stats(p, &stats)?);
/// }
/// stats.merge(&story_stats);
/// let whole = s.sift(&parts.concat())?;
/// let first = s.sift_part(&parts[0], &stats)?;
/// assert_eq!(first.stories()[0].paragraphs(), whole.stories()[0].paragraphs());
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CorpusStats {
    /// Documents with content terms.
    documents: u32,
    /// `(term, documents using it)`, sorted by term.
    document_frequencies: Vec<(u32, u32)>,
    /// Stories with content terms.
    stories: u32,
    /// `(term, stories using it)`, sorted by term.
    story_frequencies: Vec<(u32, u32)>,
    /// Hashes of paragraph texts held by documents of two or more parts,
    /// sorted.
    shared_texts: Vec<u64>,
    /// `(text hash, highest judgment)` of shared texts, sorted by hash.
    judgments: Vec<(u64, f64)>,
}

/// A document's paragraph texts, by hash ([`Sifter::document_texts`]): what
/// a job groups by to find the texts held by two or more parts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DocumentTexts {
    /// Stable 64-bit hashes of the paragraphs that take part in story
    /// grouping (none for a page that is not a story candidate), sorted,
    /// distinct.
    pub texts: Vec<u64>,
}

/// The stable hash of a paragraph text (FNV-1a and a 64-bit finaliser over
/// its UTF-8 bytes).
pub(crate) fn text_hash(text: &str) -> u64 {
    crate::shingle::word_hash(text.as_bytes())
}

/// Adds sorted `(key, count)` lists.
fn add_counts<K: Ord + Copy>(a: &[(K, u32)], b: &[(K, u32)]) -> Vec<(K, u32)> {
    merge_by(a, b, |x, y| x + y)
}

fn merge_by<K: Ord + Copy, V: Copy>(
    a: &[(K, V)],
    b: &[(K, V)],
    both: impl Fn(V, V) -> V,
) -> Vec<(K, V)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push((a[i].0, both(a[i].1, b[j].1)));
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

fn sorted_counts(df: &AHashMap<u32, u32>) -> Vec<(u32, u32)> {
    let mut v: Vec<(u32, u32)> = df.iter().map(|(&k, &c)| (k, c)).collect();
    v.sort_unstable();
    v
}

impl CorpusStats {
    /// One document's share of the statistics: its content terms, each
    /// used by one document.
    pub fn of_document(sifter: &Sifter, cleaned: &Cleaned) -> CorpusStats {
        if !sifter.groups(cleaned.page_kind()) {
            return CorpusStats::default();
        }
        let p = lexical::profile(
            cleaned.paragraphs(),
            &mut crate::terms::Scratch::default(),
            &mut Vec::new(),
        );
        if p.is_empty() {
            return CorpusStats::default();
        }
        CorpusStats {
            documents: 1,
            document_frequencies: p.terms.iter().map(|&(k, _)| (k, 1)).collect(),
            ..CorpusStats::default()
        }
    }

    /// Records paragraph texts (by [`DocumentTexts`] hash) that documents
    /// of two or more parts hold.
    pub fn add_shared_texts(&mut self, texts: impl IntoIterator<Item = u64>) {
        self.shared_texts.extend(texts);
        self.shared_texts.sort_unstable();
        self.shared_texts.dedup();
    }

    /// Adds `other` in: frequencies are summed, shared texts united, and
    /// judgments of one text reduced to the highest.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.documents += other.documents;
        self.document_frequencies =
            add_counts(&self.document_frequencies, &other.document_frequencies);
        self.stories += other.stories;
        self.story_frequencies = add_counts(&self.story_frequencies, &other.story_frequencies);
        self.add_shared_texts(other.shared_texts.iter().copied());
        self.judgments = merge_by(&self.judgments, &other.judgments, f64::max);
    }

    /// Documents counted.
    pub fn documents(&self) -> u32 {
        self.documents
    }

    /// Stories counted (by [`Sifter::part_stats`]).
    pub fn stories(&self) -> u32 {
        self.stories
    }

    pub(crate) fn document_idf(&self) -> Option<Idf> {
        (self.documents > 0).then(|| Idf {
            docs: self.documents,
            df: self.document_frequencies.iter().copied().collect(),
        })
    }

    pub(crate) fn story_idf(&self) -> Option<Idf> {
        (self.stories > 0).then(|| Idf {
            docs: self.stories,
            df: self.story_frequencies.iter().copied().collect(),
        })
    }

    pub(crate) fn is_shared(&self, hash: u64) -> bool {
        self.shared_texts.binary_search(&hash).is_ok()
    }

    pub(crate) fn judgment(&self, hash: u64) -> f64 {
        match self.judgments.binary_search_by_key(&hash, |x| x.0) {
            Ok(i) => self.judgments[i].1,
            Err(_) => 0.0,
        }
    }

    /// A part's story frequencies and judgments of shared texts.
    pub(crate) fn of_part(story_idf: Option<&Idf>, judgments: Vec<(u64, f64)>) -> CorpusStats {
        // "Never a template" is infinite in the judge; any value at or
        // over the threshold decides the same, and a finite one survives
        // formats without infinities (JSON).
        let mut judgments: Vec<(u64, f64)> = judgments
            .into_iter()
            .map(|(h, j)| (h, j.min(f64::MAX)))
            .collect();
        judgments.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        // One entry per text: the highest.
        judgments.dedup_by(|later, kept| {
            if later.0 == kept.0 {
                kept.1 = kept.1.max(later.1);
                true
            } else {
                false
            }
        });
        CorpusStats {
            stories: story_idf.map_or(0, |i| i.docs),
            story_frequencies: story_idf.map(|i| sorted_counts(&i.df)).unwrap_or_default(),
            judgments,
            ..CorpusStats::default()
        }
    }
}

impl Sifter {
    /// The hashes of a cleaned document's paragraph texts (see
    /// [`CorpusStats`], step 2).
    pub fn document_texts(&self, cleaned: &Cleaned) -> DocumentTexts {
        if !self.groups(cleaned.page_kind()) {
            return DocumentTexts::default();
        }
        let mut texts: Vec<u64> = cleaned.paragraphs().iter().map(|t| text_hash(t)).collect();
        texts.sort_unstable();
        texts.dedup();
        DocumentTexts { texts }
    }

    /// Step 3 of [`CorpusStats`]: the story frequencies of one part of the
    /// corpus and its judgments of the texts it shares with other parts,
    /// given the statistics of steps 1 and 2.
    ///
    /// # Errors
    ///
    /// As [`sift`](Self::sift): [`Error::DuplicateId`](crate::Error::DuplicateId).
    pub fn part_stats<D: AsDocument>(
        &self,
        docs: &[D],
        stats: &CorpusStats,
    ) -> Result<CorpusStats> {
        let mut batch = self.batch();
        batch.add(docs)?;
        Ok(batch.part_stats(stats))
    }

    /// A batch over one part of a corpus that gives what [`sift`](Self::sift)
    /// over the whole corpus gives for these documents, with the corpus's
    /// statistics (see [`CorpusStats`]). The documents go in the order they
    /// have in the corpus.
    ///
    /// # Errors
    ///
    /// As [`sift`](Self::sift): [`Error::DuplicateId`](crate::Error::DuplicateId).
    pub fn sift_part<D: AsDocument>(&self, docs: &[D], stats: &CorpusStats) -> Result<Sifted> {
        let mut batch = self.batch();
        batch.add(docs)?;
        Ok(batch.finish_part(stats))
    }
}

#[cfg(all(test, feature = "serde"))]
mod tests {
    use super::*;

    #[test]
    fn a_judgment_that_rules_a_line_out_survives_json() {
        let st = CorpusStats::of_part(None, vec![(7, f64::INFINITY), (3, 0.25), (7, 0.1)]);
        assert_eq!(st.judgments, [(3, 0.25), (7, f64::MAX)]);
        let text = serde_json::to_string(&st).unwrap();
        let back: CorpusStats = serde_json::from_str(&text).unwrap();
        assert_eq!(back, st);
        assert!(back.judgment(7) >= crate::story::template::MAX_TEMPLATE_OVERLAP);
        assert_eq!(back.judgment(5), 0.0);
    }
}
