//! Verification of candidate pairs on their shingle sets.

use crate::features::{Features, intersection};

/// A verified near-duplicate pair of paragraphs (global indices, `a < b`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Match {
    pub a: u32,
    pub b: u32,
    /// Shingles the two share.
    pub shared: u32,
}

/// Paragraphs with fewer shingles than this match only when identical.
const MIN_FUZZY_SHINGLES: usize = 4;

/// Whether `a` and `b` are near-duplicates: the shared shingles cover at
/// least `min_containment` of the smaller paragraph (so a paragraph inside a
/// merged one matches), and very short paragraphs must be identical.
pub(crate) fn verify(a: &Features, b: &Features, min_containment: f64) -> Option<u32> {
    if a.shingles.is_empty() || b.shingles.is_empty() {
        return None;
    }
    let shared = intersection(&a.shingles, &b.shingles);
    accept(a, b, shared, min_containment).then_some(shared as u32)
}

/// Paragraphs with at least this many marks each must agree on their
/// marks (names and numbers) as well as on their shingles.
const MIN_MARKS: usize = 2;
/// How far the marks' agreement may fall below the shingles' containment.
const MARK_SLACK: f64 = 0.35;

/// Whether two paragraphs whose shingles overlap by `containment` (of the
/// smaller) also speak of the same names and numbers. A wire template
/// filled in for another company ("{Company} reported quarterly revenue of
/// {N} billion…") or another match shares most of its shingles with the
/// other fill, but few of its marks; a paragraph that overlaps another only
/// in part (a merge, a split) shares marks in about the same proportion as
/// shingles. So the share of the smaller mark set found in the other must
/// be at least `containment - MARK_SLACK`. Paragraphs with fewer than
/// [`MIN_MARKS`] marks are not judged.
pub(crate) fn marks_agree(a: &Features, b: &Features, containment: f64) -> bool {
    let small = a.marks.len().min(b.marks.len());
    if small < MIN_MARKS {
        return true;
    }
    intersection(&a.marks, &b.marks) as f64 >= (containment - MARK_SLACK) * small as f64
}

/// [`decide`] and [`marks_agree`] for two paragraphs sharing `shared`
/// shingles.
pub(crate) fn accept(a: &Features, b: &Features, shared: usize, min_containment: f64) -> bool {
    let (la, lb) = (a.shingles.len(), b.shingles.len());
    decide(la, lb, shared, min_containment)
        && marks_agree(a, b, shared as f64 / la.min(lb).max(1) as f64)
}

/// The verdict for paragraphs of `la` and `lb` distinct shingles sharing
/// `shared` of them (when the shared count is already known, as from the
/// inverted shingle index, no set intersection is needed).
pub(crate) fn decide(la: usize, lb: usize, shared: usize, min_containment: f64) -> bool {
    let small = la.min(lb);
    if small == 0 {
        return false;
    }
    if small < MIN_FUZZY_SHINGLES {
        // Identical sets: equal sizes, all shared.
        return la == lb && shared == la;
    }
    shared >= 2 && shared as f64 >= min_containment * small as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Featurizer;

    fn f(t: &str) -> Features {
        Featurizer::default().features(t, 3)
    }

    #[test]
    fn verification_table() {
        let base = "Russia has repeatedly said it opposes having Nato troops on the ground in Ukraine, with Foreign Minister Sergei Lavrov saying last week that Moscow would view that as a direct threat.";
        let cases: &[(&str, bool)] = &[
            (base, true),
            (
                "Russia has repeatedly said that it opposes having NATO troops on the ground in Ukraine, with Foreign Minister Sergei Lavrov saying last week Moscow would view that as a “direct threat”.",
                true,
            ),
            // merged: base inside a longer paragraph
            (
                "Trump said on Monday that Putin accepted the idea. Russia has repeatedly said it opposes having Nato troops on the ground in Ukraine, with Foreign Minister Sergei Lavrov saying last week that Moscow would view that as a direct threat. Peskov declined to comment further on the matter.",
                true,
            ),
            (
                "The company did not immediately respond to a request for comment.",
                false,
            ),
            (
                "Shares in the carmaker fell 4% after it cut its annual sales forecast for the second time this year.",
                false,
            ),
        ];
        for (text, want) in cases {
            assert_eq!(verify(&f(base), &f(text), 0.5).is_some(), *want, "{text}");
        }
    }

    #[test]
    fn short_paragraphs_match_only_when_identical() {
        assert!(verify(&f("Key points"), &f("key points"), 0.5).is_some());
        assert!(verify(&f("Key points"), &f("Key findings"), 0.5).is_none());
    }
}
