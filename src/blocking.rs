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

/// The bucket of a term in a [folded](DocumentKeys::folded) vector.
fn fold(term: u32) -> u16 {
    (term ^ (term >> 16)) as u16
}

/// A folded weight's value.
fn unfold(q: u8, scale: f32) -> f32 {
    f32::from(q) * (scale / 255.0)
}

/// The dot product of two [folded](DocumentKeys::folded) vectors.
fn folded_dot(a: &[u8], b: &[u8]) -> Option<f64> {
    let (sa, ea) = folded_parts(a)?;
    let (sb, eb) = folded_parts(b)?;
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < ea.len() && j < eb.len() {
        let (ba, bb) = (
            u16::from_le_bytes([ea[i][0], ea[i][1]]),
            u16::from_le_bytes([eb[j][0], eb[j][1]]),
        );
        if ba == bb {
            dot += f64::from(unfold(ea[i][2], sa)) * f64::from(unfold(eb[j][2], sb));
            i += 1;
            j += 1;
        } else if ba < bb {
            i += 1;
        } else {
            j += 1;
        }
    }
    Some(dot)
}

/// A folded vector's scale and its 3-byte entries; `None` when the bytes
/// are not one.
fn folded_parts(bytes: &[u8]) -> Option<(f32, Vec<&[u8]>)> {
    let (head, rest) = bytes.split_first_chunk::<4>()?;
    let scale = f32::from_le_bytes(*head);
    (rest.len() % 3 == 0 && scale.is_finite() && scale >= 0.0)
        .then(|| (scale, rest.chunks_exact(3).collect()))
}

/// A paragraph with at most this many shingles posts all its keys.
const SHORT_PARAGRAPH_SHINGLES: usize = 16;

impl DocumentKeys {
    /// Shared copy keys that can link two documents.
    pub const MIN_SHARED_COPY: usize = 2;
    /// Share of the smaller copy key set that must be shared.
    pub const MIN_COPY_SHARE: f64 = 0.4;

    /// Whether two documents may belong to one story (see the type's
    /// docs): [`copy_linked`](Self::copy_linked) on their shared copy keys
    /// or [`terms_linked`](Self::terms_linked).
    pub fn linked(&self, other: &DocumentKeys) -> bool {
        let shared = crate::features::intersection(&self.copy, &other.copy);
        Self::copy_linked(shared, self.copy.len(), other.copy.len()) || self.terms_linked(other)
    }

    /// The copy half of [`linked`](Self::linked): whether `shared` copy
    /// keys link two documents holding `a` and `b` copy keys. A job that
    /// counts the shared keys of a pair while grouping by key decides with
    /// this alone, without the documents' keys at hand.
    pub fn copy_linked(shared: usize, a: usize, b: usize) -> bool {
        shared >= Self::MIN_SHARED_COPY && shared as f64 >= Self::MIN_COPY_SHARE * a.min(b) as f64
    }

    /// The lexical half of [`linked`](Self::linked): whether the cosine of
    /// the two documents' term vectors reaches the lexical links'
    /// threshold.
    pub fn terms_linked(&self, other: &DocumentKeys) -> bool {
        lexical::dot(&self.vector, &other.vector) >= lexical::MIN_SIMILARITY
    }

    /// The heaviest terms of a group of documents (of the sum of their
    /// term vectors), sorted: the group's keys for lexical candidates, as
    /// the batch looks a cluster of copies up by the heaviest terms of its
    /// members' sum. Each member comes with the number of documents that
    /// have its keys (verbatim copies need not be shipped one by one). A
    /// job that has cut a corpus into groups of copies pairs the groups
    /// sharing two of these, and checks each pair of groups by its
    /// documents ([`terms_linked`](Self::terms_linked)).
    pub fn group_terms<'a>(members: impl IntoIterator<Item = (&'a DocumentKeys, u32)>) -> Vec<u32> {
        let mut sum = Vec::new();
        for (m, copies) in members {
            let w = copies as f32;
            lexical::add_assign(
                &mut sum,
                m.vector.iter().map(|&(t, x)| (t, x * w)).collect(),
            );
        }
        let mut terms = lexical::heaviest(&sum);
        terms.sort_unstable();
        terms
    }

    /// A group's ceiling: keys whose term vector is the elementwise maximum
    /// of the members' vectors (no copy keys, no terms). Weights are not
    /// negative, so a document of one group and one of another are never
    /// [`terms_linked`](Self::terms_linked) when the two groups' ceilings
    /// are not: a job checks a candidate pair of groups by their ceilings
    /// (one vector each) and ships the members only of the pairs that pass.
    pub fn group_ceiling<'a>(members: impl IntoIterator<Item = &'a DocumentKeys>) -> DocumentKeys {
        let mut vector: Vec<(u32, f32)> = Vec::new();
        for m in members {
            let (a, b) = (&vector, &m.vector);
            let mut out = Vec::with_capacity(a.len() + b.len());
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                if a[i].0 == b[j].0 {
                    out.push((a[i].0, a[i].1.max(b[j].1)));
                    i += 1;
                    j += 1;
                } else if a[i].0 < b[j].0 {
                    out.push(a[i]);
                    i += 1;
                } else {
                    out.push(b[j]);
                    j += 1;
                }
            }
            out.extend_from_slice(&a[i..]);
            out.extend_from_slice(&b[j..]);
            vector = out;
        }
        DocumentKeys {
            copy: Vec::new(),
            terms: Vec::new(),
            vector,
        }
    }

    /// The term vector folded small, for [`folded_linked`](Self::folded_linked):
    /// the terms hashed into 65,536 buckets, the weights that share a
    /// bucket summed, each bucket's weight stored in one byte rounded up
    /// (to a per-vector scale). Three bytes a term instead of eight; a job
    /// ships a group's [`ceiling`](Self::group_ceiling) folded with each of
    /// its candidates.
    pub fn folded(&self) -> Vec<u8> {
        let mut buckets: Vec<(u16, f32)> = self.vector.iter().map(|&(t, w)| (fold(t), w)).collect();
        buckets.sort_unstable_by_key(|b| b.0);
        let mut summed: Vec<(u16, f32)> = Vec::with_capacity(buckets.len());
        for (b, w) in buckets {
            match summed.last_mut() {
                Some(last) if last.0 == b => last.1 += w,
                _ => summed.push((b, w)),
            }
        }
        let scale = summed.iter().fold(0.0f32, |m, b| m.max(b.1));
        let mut out = Vec::with_capacity(4 + 3 * summed.len());
        out.extend_from_slice(&scale.to_le_bytes());
        for (b, w) in summed {
            // Rounded up, and up again where the float product falls short.
            let mut q = ((w / scale) * 255.0).ceil().clamp(1.0, 255.0) as u8;
            while q < 255 && unfold(q, scale) < w {
                q += 1;
            }
            out.extend_from_slice(&b.to_le_bytes());
            out.push(q);
        }
        out
    }

    /// Whether two vectors folded by [`folded`](Self::folded) may be
    /// [`terms_linked`](Self::terms_linked): never `false` when the
    /// vectors they were folded from are (each product of the vectors' dot
    /// product is counted in a bucket's product, and no weight shrinks).
    /// `None` when the bytes are not folded vectors.
    pub fn folded_linked(a: &[u8], b: &[u8]) -> Option<bool> {
        // The bound is compared with a hair's slack below the threshold:
        // float error may only let more pairs through.
        Some(folded_dot(a, b)? >= f64::from(lexical::MIN_SIMILARITY) * (1.0 - 1e-5))
    }

    /// The keys as bytes, to ship between the machines of a job:
    /// little-endian lengths of the three lists, then their items
    /// (`from_bytes` reads them back).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            12 + 4 * (self.copy.len() + self.terms.len()) + 8 * self.vector.len(),
        );
        for n in [self.copy.len(), self.terms.len(), self.vector.len()] {
            out.extend_from_slice(&(n as u32).to_le_bytes());
        }
        for &k in self.copy.iter().chain(&self.terms) {
            out.extend_from_slice(&k.to_le_bytes());
        }
        for &(t, w) in &self.vector {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    /// Keys written by [`to_bytes`](Self::to_bytes); `None` when `bytes`
    /// are not such keys (cut short, trailing bytes, or lists out of
    /// order).
    pub fn from_bytes(bytes: &[u8]) -> Option<DocumentKeys> {
        let mut words = bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]));
        if bytes.len() % 4 != 0 || bytes.len() < 12 {
            return None;
        }
        let (nc, nt, nv) = (
            words.next()? as usize,
            words.next()? as usize,
            words.next()? as usize,
        );
        if bytes.len() / 4 - 3 != nc.checked_add(nt)?.checked_add(nv.checked_mul(2)?)? {
            return None;
        }
        let copy: Vec<u32> = words.by_ref().take(nc).collect();
        let terms: Vec<u32> = words.by_ref().take(nt).collect();
        let vector: Vec<(u32, f32)> = (0..nv)
            .map(|_| Some((words.next()?, f32::from_bits(words.next()?))))
            .collect::<Option<_>>()?;
        let increasing = |v: &[u32]| v.windows(2).all(|w| w[0] < w[1]);
        let terms_of_vector: Vec<u32> = vector.iter().map(|&(t, _)| t).collect();
        (increasing(&copy)
            && increasing(&terms)
            && increasing(&terms_of_vector)
            && vector.iter().all(|&(_, w)| w.is_finite()))
        .then_some(DocumentKeys {
            copy,
            terms,
            vector,
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    fn keys_of(texts: &[&str]) -> Vec<DocumentKeys> {
        let s = Sifter::new();
        let cleaned: Vec<_> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| s.clean(&Document::text(&i.to_string(), t)).unwrap())
            .collect();
        let mut stats = CorpusStats::default();
        for c in &cleaned {
            stats.merge(&CorpusStats::of_document(&s, c));
        }
        cleaned.iter().map(|c| s.document_keys(c, &stats)).collect()
    }

    const WIRE: &str = "The Corran Strait Bridge was closed on Monday after inspectors found two cracks in its steel beams, the Coastal Roads Agency said.\n\nFerries will add sailings until the bridge reopens, the operator said on Monday evening.";
    const REWRITE: &str = "Inspectors found two cracks in the steel beams of the Corran Strait Bridge, and the Coastal Roads Agency shut it on Monday.\n\nThe operator is adding ferry sailings while the bridge stays shut.";
    const OTHER: &str = "Brackenmoor council approved a rise of 9.5 per cent in water rates on Thursday after a long debate about pipes.";

    #[test]
    fn bytes_round_trip_and_keep_the_verdicts() {
        let keys = keys_of(&[WIRE, REWRITE, OTHER]);
        assert!(!keys[0].copy.is_empty() && !keys[0].vector.is_empty());
        let back: Vec<_> = keys
            .iter()
            .map(|k| DocumentKeys::from_bytes(&k.to_bytes()).unwrap())
            .collect();
        assert_eq!(back, keys);
        assert!(back[0].terms_linked(&back[1]));
        assert!(!back[0].terms_linked(&back[2]));
        assert_eq!(
            DocumentKeys::from_bytes(&DocumentKeys::default().to_bytes()),
            Some(DocumentKeys::default())
        );
    }

    #[test]
    fn a_group_of_one_has_the_documents_terms() {
        let keys = keys_of(&[WIRE, REWRITE, OTHER]);
        assert_eq!(DocumentKeys::group_terms([(&keys[0], 1)]), keys[0].terms);
        assert_eq!(DocumentKeys::group_terms([(&keys[0], 3)]), keys[0].terms);
        assert!(DocumentKeys::group_terms([]).is_empty());
        let pair = DocumentKeys::group_terms(keys[..2].iter().map(|k| (k, 1)));
        assert!(pair.windows(2).all(|w| w[0] < w[1]));
        // The bridge story's terms, none of the water rates'.
        assert!(
            pair.iter()
                .all(|t| !keys[2].terms.contains(t) || keys[0].terms.contains(t))
        );
    }

    #[test]
    fn a_ceiling_bounds_every_pair_of_members() {
        let keys = keys_of(&[
            WIRE,
            REWRITE,
            OTHER,
            "Ferries will add sailings until the Corran Strait Bridge reopens.",
        ]);
        let one = DocumentKeys::group_ceiling([&keys[0]]);
        assert_eq!(one.vector, keys[0].vector);
        let (a, b) = (
            DocumentKeys::group_ceiling([&keys[0], &keys[2]]),
            DocumentKeys::group_ceiling([&keys[1], &keys[3]]),
        );
        assert!(a.vector.windows(2).all(|w| w[0].0 < w[1].0));
        for x in [&keys[0], &keys[2]] {
            for y in [&keys[1], &keys[3]] {
                let d = lexical::dot(&x.vector, &y.vector);
                assert!(lexical::dot(&a.vector, &b.vector) >= d);
            }
        }
        assert!(a.terms_linked(&b));
        // Nothing in common: the bound is zero.
        let c = DocumentKeys::group_ceiling([&keys[2]]);
        assert!(!c.terms_linked(&DocumentKeys::group_ceiling([&keys[1]])));
        assert!(DocumentKeys::group_ceiling([]).vector.is_empty());
    }

    #[test]
    fn a_folded_vector_bounds_the_dot_product() {
        let keys = keys_of(&[
            WIRE,
            REWRITE,
            OTHER,
            "Ferries will add sailings until the Corran Strait Bridge reopens.",
        ]);
        let groups = [
            DocumentKeys::group_ceiling([&keys[0]]),
            DocumentKeys::group_ceiling([&keys[1], &keys[2]]),
            DocumentKeys::group_ceiling([&keys[2]]),
            DocumentKeys::group_ceiling([&keys[3]]),
        ];
        for a in &groups {
            for b in &groups {
                let folded = DocumentKeys::folded_linked(&a.folded(), &b.folded()).unwrap();
                assert!(folded || !a.terms_linked(b));
            }
        }
        assert!(DocumentKeys::folded_linked(&groups[0].folded(), &groups[1].folded()).unwrap());
        // Nothing in common: no shared bucket unless two terms collide.
        assert!(
            !DocumentKeys::folded_linked(&groups[0].folded(), &DocumentKeys::default().folded())
                .unwrap()
        );
        // Three bytes a bucket and a scale.
        assert!(groups[0].folded().len() <= 4 + 3 * groups[0].vector.len());
        assert_eq!(
            DocumentKeys::folded_linked(&[1, 2, 3], &groups[0].folded()),
            None
        );
        assert_eq!(
            DocumentKeys::folded_linked(&groups[0].folded()[..6], &groups[0].folded()),
            None
        );
    }

    #[test]
    fn folding_never_lowers_a_dot_product() {
        // Random unit vectors over few terms, so that many fold into one
        // bucket (a term and the same term with bits above 16 flipped
        // share a bucket).
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut vectors = Vec::new();
        for _ in 0..200 {
            let mut v: Vec<(u32, f32)> = (0..1 + next() % 40)
                .map(|_| {
                    let low = (next() % 64) as u32;
                    let high = ((next() % 3) as u32) << 16;
                    (
                        low ^ high ^ (high >> 16),
                        (next() % 1000) as f32 / 1000.0 + 0.001,
                    )
                })
                .collect();
            v.sort_unstable_by_key(|x| x.0);
            v.dedup_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            v.iter_mut().for_each(|x| x.1 /= norm);
            vectors.push(DocumentKeys {
                vector: v,
                ..DocumentKeys::default()
            });
        }
        let folded: Vec<Vec<u8>> = vectors.iter().map(DocumentKeys::folded).collect();
        let mut collided = 0;
        for (a, fa) in vectors.iter().zip(&folded) {
            for (b, fb) in vectors.iter().zip(&folded) {
                let exact = f64::from(lexical::dot(&a.vector, &b.vector));
                let bound = folded_dot(fa, fb).unwrap();
                assert!(bound >= exact * (1.0 - 1e-5) - 1e-6, "{bound} < {exact}");
                collided += usize::from(bound > exact + 0.01);
            }
        }
        // The vectors were made to collide: the test covers folding.
        assert!(collided > 1000, "{collided}");
    }

    #[test]
    fn malformed_bytes_are_refused_not_a_panic() {
        let bytes = keys_of(&[WIRE, OTHER])[0].to_bytes();
        for cut in [0, 3, 11, 12, bytes.len() - 4, bytes.len() - 1] {
            assert_eq!(
                DocumentKeys::from_bytes(&bytes[..cut]),
                None,
                "cut at {cut}"
            );
        }
        let mut longer = bytes.clone();
        longer.extend_from_slice(&[0; 4]);
        assert_eq!(DocumentKeys::from_bytes(&longer), None);
        // Lengths that overflow, and copy keys out of order.
        assert_eq!(DocumentKeys::from_bytes(&[0xff; 12]), None);
        let mut swapped = bytes.clone();
        swapped[12..20].rotate_left(4);
        assert_eq!(DocumentKeys::from_bytes(&swapped), None);
    }

    #[test]
    fn the_copy_rule_needs_two_keys_and_a_share_of_the_smaller_set() {
        assert!(!DocumentKeys::copy_linked(1, 1, 1));
        assert!(DocumentKeys::copy_linked(2, 5, 100));
        assert!(!DocumentKeys::copy_linked(2, 6, 100));
        assert!(DocumentKeys::copy_linked(40, 100, 100));
        assert!(!DocumentKeys::copy_linked(39, 100, 100));
    }
}
