//! Word hashes and word k-shingles with a stable, specified hash.
//!
//! Shingle hashes decide results and may be stored by callers (through
//! [`Fingerprint`](crate::Fingerprint)s), so they must be identical on every
//! machine, build and release. `ahash` documents that its output is not
//! stable, and `std`'s `DefaultHasher` makes no promise either, so the
//! hashes here are spelled out: FNV-1a 64 over the word's UTF-8 bytes,
//! finished with the MurmurHash3 `fmix64` avalanche; a shingle combines its
//! word hashes with a multiply-rotate chain and the same finaliser. Each word
//! is hashed once, and a shingle costs k multiply-rotates: no string is built
//! per shingle.

use crate::segment::{self, Span};

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// MurmurHash3's 64-bit finaliser.
#[inline]
pub(crate) fn fmix64(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// The stable hash of one normalised word.
#[inline]
pub(crate) fn word_hash(word: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in word {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    fmix64(h)
}

/// The stable hash of a run of word hashes (one shingle).
#[inline]
pub(crate) fn shingle_hash(words: &[u64]) -> u64 {
    let mut s = GOLDEN ^ words.len() as u64;
    for &w in words {
        s = (s.rotate_left(27) ^ w).wrapping_mul(GOLDEN);
    }
    fmix64(s)
}

/// Calls `f` with the hash of every k-shingle of `words`; a run shorter than
/// `k` (but not empty) is one shingle of all its words.
#[inline]
pub(crate) fn for_each_shingle(words: &[u64], k: usize, mut f: impl FnMut(u64)) {
    if words.is_empty() {
        return;
    }
    if words.len() <= k {
        f(shingle_hash(words));
        return;
    }
    for w in words.windows(k) {
        f(shingle_hash(w));
    }
}

/// Shingle strings (slices of the normalised buffer) for the same windows as
/// [`for_each_shingle`]; used to feed the `simhash` crate for comparison.
#[cfg(test)]
pub(crate) fn shingle_strs<'a>(
    buf: &'a str,
    spans: &'a [Span],
    k: usize,
) -> impl Iterator<Item = &'a str> + 'a {
    let n = spans.len();
    let (count, width) = if n == 0 {
        (0, 0)
    } else if n <= k {
        (1, n)
    } else {
        (n - k + 1, k)
    };
    (0..count).map(move |i| &buf[spans[i].0 as usize..spans[i + width - 1].1 as usize])
}

/// Normalises `text` into `buf`/`spans` and pushes its word hashes.
pub(crate) fn hash_words(text: &str, buf: &mut String, spans: &mut Vec<Span>, out: &mut Vec<u64>) {
    let from = spans.len();
    segment::normalize_into(text, buf, spans);
    let bytes = buf.as_bytes();
    out.extend(
        spans[from..]
            .iter()
            .map(|&(a, b)| word_hash(&bytes[a as usize..b as usize])),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Golden values: these must never change (stored fingerprints depend on them).
    #[test]
    fn golden_hashes() {
        assert_eq!(word_hash(b""), fmix64(FNV_OFFSET));
        assert_eq!(word_hash(b"kremlin"), GOLDEN_KREMLIN);
        assert_eq!(shingle_hash(&[1, 2, 3]), GOLDEN_SHINGLE);
    }
    const GOLDEN_KREMLIN: u64 = 7211656032925825599;
    const GOLDEN_SHINGLE: u64 = 2116340127732891283;

    #[test]
    fn shingle_windows() {
        let mut n = 0;
        for_each_shingle(&[1, 2, 3, 4, 5], 3, |_| n += 1);
        assert_eq!(n, 3);
        n = 0;
        for_each_shingle(&[1, 2], 3, |_| n += 1);
        assert_eq!(n, 1);
        n = 0;
        for_each_shingle(&[], 3, |_| n += 1);
        assert_eq!(n, 0);
    }

    #[test]
    fn shingle_strs_match_windows() {
        let mut buf = String::new();
        let mut spans = Vec::new();
        let mut hashes = Vec::new();
        hash_words("The cat sat on the mat", &mut buf, &mut spans, &mut hashes);
        let strs: Vec<&str> = shingle_strs(&buf, &spans, 3).collect();
        assert_eq!(
            strs,
            ["the cat sat", "cat sat on", "sat on the", "on the mat"]
        );
        let strs: Vec<&str> = shingle_strs(&buf, &spans[..2], 3).collect();
        assert_eq!(strs, ["the cat"]);
    }
}
