//! Per-paragraph features: sorted shingle set, paragraph simhash, sentence
//! simhashes. The contract between segmentation and the index/verify stages.

use crate::fingerprint::SimhashAcc;
use crate::segment::{self, Span};
use crate::shingle;

/// The features of one clean paragraph.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// Sorted, deduplicated shingle keys: the high halves of the 64-bit
    /// shingle hashes (as the incremental index keeps them). Two distinct
    /// shingles share a key with probability 2^-32; a paragraph pair's
    /// shared count is then one too high, which no verdict threshold
    /// notices.
    pub shingles: Box<[u32]>,
    /// Simhash of the paragraph's shingles.
    pub simhash: u64,
    /// Simhashes of sentences with at least `MIN_SENTENCE_WORDS` words.
    pub sentences: Box<[u64]>,
    /// Sorted, deduplicated hashes of the paragraph's names and numbers
    /// (see [`marks_into`]).
    pub marks: Box<[u64]>,
}

/// The features of a batch's paragraphs, computed once per distinct text:
/// verbatim copies (about half of a syndicated batch) share one entry.
/// Indexing by paragraph gives its text's features.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    distinct: Vec<Features>,
    of: Vec<u32>,
}

impl Table {
    /// A table from the features of each distinct text and, per paragraph,
    /// the entry of its text.
    pub(crate) fn new(distinct: Vec<Features>, of: Vec<u32>) -> Table {
        debug_assert!(of.iter().all(|&i| (i as usize) < distinct.len()));
        Table { distinct, of }
    }

    /// Paragraphs (not distinct texts).
    pub(crate) fn len(&self) -> usize {
        self.of.len()
    }

    /// Per paragraph, the entry of its text (equal for equal texts).
    pub(crate) fn text_of(&self) -> &[u32] {
        &self.of
    }

    /// Each paragraph's features, in paragraph order.
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &Features> + Clone {
        self.of.iter().map(|&i| &self.distinct[i as usize])
    }
}

#[cfg(test)]
impl From<Vec<Features>> for Table {
    /// One entry per paragraph (tests build tables this way).
    fn from(distinct: Vec<Features>) -> Table {
        let of = (0..distinct.len() as u32).collect();
        Table { distinct, of }
    }
}

impl std::ops::Index<usize> for Table {
    type Output = Features;

    fn index(&self, p: usize) -> &Features {
        &self.distinct[self.of[p] as usize]
    }
}

/// A shingle's key: the high half of its 64-bit hash.
#[inline]
pub(crate) fn key(hash: u64) -> u32 {
    (hash >> 32) as u32
}

/// Sentences shorter than this get no fingerprint of their own: short
/// sentences ("He declined.") recur across unrelated stories.
pub(crate) const MIN_SENTENCE_WORDS: usize = 8;

/// Reusable scratch buffers (one per worker thread).
#[derive(Debug, Clone, Default)]
pub(crate) struct Featurizer {
    buf: String,
    spans: Vec<Span>,
    words: Vec<u64>,
    bounds: Vec<(usize, usize)>,
    shingles: Vec<u32>,
    marks: Vec<u64>,
    token: String,
}

impl Featurizer {
    /// The sorted, deduplicated shingle keys alone (what
    /// [`features`](Self::features) computes as `shingles`, without the
    /// fingerprints and marks).
    pub(crate) fn shingles(&mut self, text: &str, k: usize) -> &[u32] {
        self.buf.clear();
        self.spans.clear();
        self.words.clear();
        self.shingles.clear();
        for sentence in segment::sentences(segment::strip_dateline(text)) {
            shingle::hash_words(sentence, &mut self.buf, &mut self.spans, &mut self.words);
        }
        let shingles = &mut self.shingles;
        shingle::for_each_shingle(&self.words, k, |h| shingles.push(key(h)));
        self.shingles.sort_unstable();
        self.shingles.dedup();
        &self.shingles
    }

    pub(crate) fn features(&mut self, text: &str, k: usize) -> Features {
        self.buf.clear();
        self.spans.clear();
        self.words.clear();
        self.bounds.clear();
        self.shingles.clear();
        for sentence in segment::sentences(segment::strip_dateline(text)) {
            let from = self.words.len();
            shingle::hash_words(sentence, &mut self.buf, &mut self.spans, &mut self.words);
            if self.words.len() > from {
                self.bounds.push((from, self.words.len()));
            }
        }
        let mut acc = SimhashAcc::new();
        let shingles = &mut self.shingles;
        shingle::for_each_shingle(&self.words, k, |h| {
            acc.add(h);
            shingles.push(key(h));
        });
        let simhash = acc.finish();
        let mut sentences = Vec::new();
        if self.bounds.len() > 1 {
            for &(a, b) in &self.bounds {
                if b - a >= MIN_SENTENCE_WORDS {
                    let mut acc = SimhashAcc::new();
                    shingle::for_each_shingle(&self.words[a..b], k, |h| acc.add(h));
                    sentences.push(acc.finish());
                }
            }
        }
        self.shingles.sort_unstable();
        self.shingles.dedup();
        marks_into(
            segment::strip_dateline(text),
            &mut self.token,
            &mut self.buf,
            &mut self.spans,
            &mut self.marks,
        );
        Features {
            shingles: self.shingles.as_slice().into(),
            simhash,
            sentences: sentences.into(),
            marks: self.marks.as_slice().into(),
        }
    }
}

/// The paragraph's *marks*: tokens that name what it is about, i.e. every
/// token with a digit, and every capitalised token that does not start a
/// sentence; each normalised like a shingle word (case, spelling variants,
/// punctuation), hashed, sorted and deduplicated into `out`.
///
/// Syndicated copies keep their names and numbers through light edits and
/// rewrites; a wire template filled in for another company or match keeps
/// its sentences and changes exactly these.
pub(crate) fn marks_into(
    text: &str,
    token: &mut String,
    buf: &mut String,
    spans: &mut Vec<Span>,
    out: &mut Vec<u64>,
) {
    out.clear();
    let mut sentence_start = true;
    let text = segment::nfkc(text);
    for raw in text.split_whitespace() {
        let starts = sentence_start;
        sentence_start = raw.ends_with(['.', '!', '?', ':', ';']) && !raw.ends_with("..");
        let word = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            sentence_start |= starts;
            continue;
        };
        let digit = word.chars().any(|c| c.is_ascii_digit());
        if !(digit || (first.is_uppercase() && !starts)) {
            continue;
        }
        token.clear();
        token.extend(word.chars().filter(|c| c.is_alphanumeric()));
        buf.clear();
        spans.clear();
        segment::normalize_into(token, buf, spans);
        if !buf.is_empty() {
            out.push(crate::shingle::word_hash(buf.as_bytes()));
        }
    }
    out.sort_unstable();
    out.dedup();
}

/// |a ∩ b| for sorted, deduplicated slices.
pub(crate) fn intersection<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_alone_equal_the_features_shingles() {
        let mut fz = Featurizer::default();
        for t in [
            "",
            "One.",
            "WASHINGTON (Reuters) - The Kremlin said on Tuesday. It was, officials said, final.",
            "Zürich café prices rose 4.5% — “sharply”, analysts said; 東京 too.",
        ] {
            let full = fz.features(t, 3).shingles.to_vec();
            assert_eq!(fz.shingles(t, 3), full.as_slice(), "{t}");
        }
    }

    #[test]
    fn features_ignore_case_and_punctuation_noise() {
        let mut f = Featurizer::default();
        let a = f.features(
            "“Yeah, he will accept that,” Trump said. He has no problem with it.",
            3,
        );
        let b = f.features(
            "\"yeah he WILL accept that\" Trump said -- he has no problem with it",
            3,
        );
        assert_eq!(a.shingles, b.shingles);
        assert_eq!(a.simhash, b.simhash);
        assert_eq!(a.shingles.len(), 11);
    }

    /// Composed and decomposed accents, full-width forms and ligatures are
    /// one text to the fingerprints and marks.
    #[test]
    fn features_fold_unicode_normal_forms() {
        let mut f = Featurizer::default();
        let nfc = f.features(
            "La Mairie de Besançon a décidé lundi de fermer le pont Élise pour 12 mois.",
            3,
        );
        let nfd = f.features(
            "La Mairie de Besanc\u{327}on a de\u{301}cide\u{301} lundi de fermer le pont E\u{301}lise pour 12 mois.",
            3,
        );
        assert_eq!(nfc.shingles, nfd.shingles);
        assert_eq!(nfc.simhash, nfd.simhash);
        assert_eq!(nfc.marks, nfd.marks);
        let ascii = f.features(
            "The council approved the 2024 budget of 12 million for the office.",
            3,
        );
        let wide = f.features(
            "The council approved the \u{ff12}\u{ff10}\u{ff12}\u{ff14} budget of \u{ff11}\u{ff12} million for the o\u{fb03}ce.",
            3,
        );
        assert_eq!(ascii.shingles, wide.shingles);
        assert_eq!(ascii.marks, wide.marks);
    }

    #[test]
    fn sentence_fingerprints_only_for_long_sentences() {
        let mut f = Featurizer::default();
        let x = f.features(
            "Short one. This second sentence is long enough to get a fingerprint.",
            3,
        );
        assert_eq!(x.sentences.len(), 1);
        let single = f.features("Only one sentence here that is long enough to count.", 3);
        assert!(
            single.sentences.is_empty(),
            "a one-sentence paragraph reuses its paragraph fingerprint"
        );
    }

    #[test]
    fn intersection_counts() {
        assert_eq!(intersection(&[1, 3, 5, 7], &[3, 4, 5, 8]), 2);
        assert_eq!(intersection(&[], &[1]), 0);
        assert_eq!(intersection(&[2], &[2]), 1);
    }

    proptest::proptest! {
        #[test]
        fn intersection_counts_shared_elements(
            a in proptest::collection::btree_set(0u32..64, 0..40),
            b in proptest::collection::btree_set(0u32..64, 0..40),
        ) {
            let (va, vb): (Vec<u32>, Vec<u32>) = (a.iter().copied().collect(), b.iter().copied().collect());
            proptest::prop_assert_eq!(intersection(&va, &vb), a.intersection(&b).count());
        }
    }
}
