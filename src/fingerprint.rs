//! 64-bit simhash fingerprints.

use crate::shingle;

/// A 64-bit simhash of a text's word shingles.
///
/// Texts that share most of their shingles get fingerprints a few bits apart
/// ([`hamming`](Fingerprint::hamming)); unrelated texts differ in about 32
/// bits. The value is computed from a specified hash (see `DESIGN.md`), so it
/// is the same on every machine and in every release of this crate with the
/// same major version: fingerprints may be stored and compared later.
///
/// # Examples
///
/// ```
/// use storysift::Fingerprint;
///
/// let a = Fingerprint::of_text("The Kremlin said on Tuesday that it would not comment on the plan.", 3);
/// let b = Fingerprint::of_text("The Kremlin said on Tuesday it would not comment on the plan.", 3);
/// let c = Fingerprint::of_text("Shares of the carmaker fell sharply after weak quarterly sales.", 3);
/// assert!(a.hamming(b) < a.hamming(c));
/// assert_eq!(a, Fingerprint::of_text("the KREMLIN said, on Tuesday, that it would not comment on the plan", 3));
/// ```
///
/// Shown, parsed and (feature `serde`) serialised as 16 lowercase hex
/// digits, so the value survives formats whose numbers are 53-bit floats
/// (JSON in JavaScript):
///
/// ```
/// use storysift::Fingerprint;
///
/// let f = Fingerprint::from_bits(0x00ff_0000_0000_002a);
/// assert_eq!(f.to_string(), "00ff00000000002a");
/// assert_eq!("00FF00000000002A".parse::<Fingerprint>(), Ok(f));
/// assert!("ff".parse::<Fingerprint>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Fingerprint(u64);

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

impl std::fmt::LowerHex for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::LowerHex::fmt(&self.0, f)
    }
}

/// A string that is not 16 hex digits, given as a [`Fingerprint`].
///
/// ```
/// let err = "12".parse::<storysift::Fingerprint>().unwrap_err();
/// assert_eq!(err.to_string(), "a fingerprint is 16 hex digits, got \"12\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a fingerprint is 16 hex digits, got {0:?}")]
pub struct ParseFingerprintError(String);

impl std::str::FromStr for Fingerprint {
    type Err = ParseFingerprintError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            let shown: String = s.chars().take(40).collect();
            return Err(ParseFingerprintError(shown));
        }
        u64::from_str_radix(s, 16)
            .map(Fingerprint)
            .map_err(|_| ParseFingerprintError(s.to_owned()))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Fingerprint {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl Fingerprint {
    /// Wraps raw bits (for fingerprints loaded from storage).
    pub const fn from_bits(bits: u64) -> Self {
        Fingerprint(bits)
    }

    /// The raw bits.
    pub const fn bits(self) -> u64 {
        self.0
    }

    /// The number of differing bits.
    pub const fn hamming(self, other: Fingerprint) -> u32 {
        (self.0 ^ other.0).count_ones()
    }

    /// The fingerprint of `text`'s word `shingle_words`-shingles, after the
    /// crate's normalisation (case, quotes, dashes, punctuation, British and
    /// American spellings, "%"/"per cent", digit grouping) and without a
    /// leading wire dateline ("LONDON (Reuters) - ").
    ///
    /// `shingle_words` of 0 is treated as 1. Linear in the text's length.
    pub fn of_text(text: &str, shingle_words: usize) -> Fingerprint {
        let mut buf = String::new();
        let mut spans = Vec::new();
        let mut words = Vec::new();
        shingle::hash_words(
            crate::segment::strip_dateline(text),
            &mut buf,
            &mut spans,
            &mut words,
        );
        let mut acc = SimhashAcc::new();
        shingle::for_each_shingle(&words, shingle_words.max(1), |h| acc.add(h));
        Fingerprint(acc.finish())
    }
}

/// Accumulates feature hashes into a simhash: per bit, +1 for a set bit and
/// -1 for a clear one; the result has bit i set where the sum is positive.
///
/// Counting is done in 8 lanes of 8-bit counters packed in `u64`s and
/// flushed to `i32`s every 255 features, so one feature costs 8 masked adds
/// instead of 64 branches.
pub(crate) struct SimhashAcc {
    lanes: [u64; 8],
    pending: u32,
    ones: [i32; 64],
    total: i32,
}

const LANE_MASK: u64 = 0x0101_0101_0101_0101;

impl SimhashAcc {
    #[inline]
    pub(crate) fn new() -> Self {
        SimhashAcc {
            lanes: [0; 8],
            pending: 0,
            ones: [0; 64],
            total: 0,
        }
    }

    #[inline]
    pub(crate) fn add(&mut self, h: u64) {
        // lanes[j] byte b counts bit (8*b + j).
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            *lane += (h >> j) & LANE_MASK;
        }
        self.pending += 1;
        self.total += 1;
        if self.pending == 255 {
            self.flush();
        }
    }

    fn flush(&mut self) {
        for (j, lane) in self.lanes.iter_mut().enumerate() {
            let v = *lane;
            for b in 0..8 {
                self.ones[8 * b + j] += ((v >> (8 * b)) & 0xff) as i32;
            }
            *lane = 0;
        }
        self.pending = 0;
    }

    #[inline]
    pub(crate) fn finish(mut self) -> u64 {
        self.flush();
        let mut out = 0u64;
        for (i, &ones) in self.ones.iter().enumerate() {
            // Sum of +1/-1 votes = ones - (total - ones).
            if 2 * ones > self.total {
                out |= 1 << i;
            }
        }
        out
    }
}

/// Reference simhash with 64 `i32` counters, the textbook way.
#[cfg(test)]
pub(crate) fn naive_simhash(hashes: impl IntoIterator<Item = u64>) -> u64 {
    let mut v = [0i32; 64];
    for h in hashes {
        for (i, w) in v.iter_mut().enumerate() {
            if (h >> i) & 1 == 1 {
                *w += 1;
            } else {
                *w -= 1;
            }
        }
    }
    v.iter()
        .enumerate()
        .filter(|(_, w)| **w > 0)
        .fold(0, |acc, (i, _)| acc | 1 << i)
}

/// Calls `f` with the normalised word shingles of `text` as string slices
/// (no allocation per shingle): the test below compares [`Fingerprint`]
/// with the `simhash` crate on the same shingles.
#[cfg(test)]
fn with_shingle_strs<R>(
    text: &str,
    shingle_words: usize,
    f: impl FnOnce(&mut dyn Iterator<Item = &str>) -> R,
) -> R {
    let mut buf = String::new();
    let mut spans = Vec::new();
    crate::segment::normalize_into(crate::segment::strip_dateline(text), &mut buf, &mut spans);
    let mut it = shingle::shingle_strs(&buf, &spans, shingle_words.max(1));
    f(&mut it)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Our fingerprint against the `simhash` crate's `simhash_stream` on the
    /// same shingles: the bits differ (different feature hashes), the
    /// behaviour must not: identical text → distance 0, light edits → small
    /// distances, unrelated text → about 32 bits.
    #[test]
    fn behaves_like_the_simhash_crate() {
        let base = "Russia has repeatedly said it opposes having Nato troops on the ground in Ukraine, with Foreign Minister Sergei Lavrov saying last week that Moscow would view that as a direct threat to Russia's sovereignty, even if the troops operated there under a different flag.";
        let edited = base
            .replace("repeatedly ", "")
            .replace("last week", "on Monday");
        let unrelated = [
            "Shares in Acme Motors fell 9% on Thursday after the carmaker cut its annual sales forecast for the second time this year, citing weak demand in Europe and rising costs.",
            "The storm brought down power lines across the county overnight, leaving thousands of homes without electricity as crews worked through the morning to restore supplies.",
            "The striker scored twice in the second half as the visitors came from behind to win the match and move three points clear at the top of the table.",
        ];
        let crate_fp = |t: &str| with_shingle_strs(t, 3, |it| simhash::simhash_stream(it));
        let ours = |t: &str| Fingerprint::of_text(t, 3).bits();
        for fp in [&ours as &dyn Fn(&str) -> u64, &crate_fp] {
            assert_eq!(fp(base), fp(&base.to_uppercase()));
            let d_edit = (fp(base) ^ fp(&edited)).count_ones();
            let d_far: Vec<u32> = unrelated
                .iter()
                .map(|u| (fp(base) ^ fp(u)).count_ones())
                .collect();
            assert!(
                d_far.iter().all(|&d| d > d_edit),
                "edit {d_edit}, unrelated {d_far:?}"
            );
            assert!(d_far.iter().all(|&d| (16..=48).contains(&d)), "{d_far:?}");
        }
    }

    #[test]
    fn golden_fingerprints() {
        // These values are a format promise: changing them breaks stored fingerprints.
        let f = Fingerprint::of_text("The Kremlin has pushed back against the assertion.", 3);
        assert_eq!(f.bits(), GOLDEN_TEXT);
        assert_eq!(Fingerprint::of_text("", 3).bits(), 0);
    }
    const GOLDEN_TEXT: u64 = 15855487743435965640;

    proptest! {
        #[test]
        fn packed_counter_equals_naive(hashes in proptest::collection::vec(any::<u64>(), 0..700)) {
            let mut acc = SimhashAcc::new();
            for &h in &hashes { acc.add(h); }
            prop_assert_eq!(acc.finish(), naive_simhash(hashes.iter().copied()));
        }
    }
}
