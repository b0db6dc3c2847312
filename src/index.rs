//! Candidate search: which paragraph pairs are worth verifying.
//!
//! Three indexes, all built by sorting (no hash-map iteration reaches the
//! output, so results do not depend on hashing or thread count):
//!
//! - **simhash block tables** over paragraph fingerprints: with `d + 1` bit
//!   blocks, two fingerprints within Hamming distance `d` agree exactly on at
//!   least one block (pigeonhole), so grouping by `(block, value)` finds every
//!   such pair. Cheap, and enough for verbatim and near-verbatim copies.
//! - the same tables over **sentence** fingerprints: a sentence copied into a
//!   merged or rewritten paragraph brings its paragraph along.
//! - an **inverted index of shingles**: pairs sharing at least
//!   `min_shared` shingles. Catches edited copies that simhash misses (two
//!   word edits move a paragraph simhash by more than 6 bits).
//!
//! Buckets larger than `max_bucket` are skipped: their key is formulaic, and
//! skipping them keeps the cost linear in the input.

/// A fingerprint (or shingle) keyed to the paragraph that has it.
pub(crate) type Keyed = (u64, u32);

/// A key whose top byte spreads a list of keyed items evenly (keys are
/// hashes): 64-bit fingerprints, and the 32-bit shingle keys of the batch's
/// largest list (`(u32, u32)` entries: half the bytes of a [`Keyed`]).
pub(crate) trait SpreadKey: Copy + Ord + Default + Send + Sync {
    /// The key's top byte.
    fn top_byte(self) -> usize;
}

impl SpreadKey for u64 {
    fn top_byte(self) -> usize {
        (self >> 56) as usize
    }
}

impl SpreadKey for u32 {
    fn top_byte(self) -> usize {
        (self >> 24) as usize
    }
}

/// Appends to `out` every pair `(a, b)`, `a < b`, of items whose
/// fingerprints differ in at most `d` bits, among buckets of at most `cap`
/// entries; in a larger bucket, only items with identical fingerprints are
/// paired (each with the first of them). Returns the number of oversized
/// buckets.
pub(crate) fn simhash_pairs(
    items: &[Keyed],
    d: u32,
    cap: usize,
    out: &mut Vec<(u32, u32)>,
) -> usize {
    let blocks = d as u64 + 1;
    let width = 64 / blocks;
    let mut skipped = 0;
    let mut keyed: Vec<(u8, u64, u64, u32)> = Vec::with_capacity(items.len() * blocks as usize);
    for b in 0..blocks {
        let shift = b * width;
        let bits = if b == blocks - 1 { 64 - shift } else { width };
        let mask = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        keyed.extend(
            items
                .iter()
                .map(|&(fp, item)| (b as u8, (fp >> shift) & mask, fp, item)),
        );
    }
    crate::par::sort_unstable(&mut keyed);
    for group in keyed.chunk_by(|x, y| x.0 == y.0 && x.1 == y.1) {
        if group.len() > cap {
            // Too many near matches to pair up; identical fingerprints (a
            // story syndicated verbatim by hundreds of outlets) are still
            // linked, each to the first of its run: linear, and enough for
            // union-find and for assembly to see them as one statement.
            skipped += 1;
            // Identical fingerprints agree on every block: star them from
            // block 0 only, so each pair is emitted once.
            if group[0].0 == 0 {
                for run in group.chunk_by(|x, y| x.2 == y.2) {
                    out.extend(
                        run[1..]
                            .iter()
                            .filter(|y| y.3 != run[0].3)
                            .map(|y| (run[0].3.min(y.3), run[0].3.max(y.3))),
                    );
                }
            }
            continue;
        }
        for (i, x) in group.iter().enumerate() {
            for y in &group[i + 1..] {
                if x.3 != y.3 && (x.2 ^ y.2).count_ones() <= d {
                    out.push((x.3.min(y.3), x.3.max(y.3)));
                }
            }
        }
    }
    skipped
}

/// Appends to `out` every pair `(a, b, shared)`, `a < b`, of items sharing
/// `shared >= 1` keys, counted over buckets of at most `cap` entries.
/// `items` must hold each (key, item) at most once.
///
/// A bucket larger than `cap` is not paired up (that would be quadratic).
/// Its items are instead paired with the first item of each of the
/// [`PIVOTS`] most common `pivot` values among them (the paragraph's
/// fingerprint): when hundreds of outlets carry one statement, most carry
/// it verbatim, and every edited copy is paired with a verbatim one. Such
/// pairs count once per bucket, so their count is only a lower bound.
/// Only pairs whose count reaches `min_count` are appended: most pairs of a
/// large batch share a single common phrase, and listing them only to drop
/// them held the largest transient of candidate search.
/// Returns the number of oversized buckets.
pub(crate) fn shared_key_pairs<K: SpreadKey>(
    items: &mut [(K, u32)],
    cap: usize,
    pivot: impl Fn(u32) -> u64,
    min_count: u32,
    out: &mut Vec<(u32, u32, u32)>,
) -> usize {
    sort_keyed(items);
    let mut skipped = 0;
    // Pairs of oversized buckets (pivot × bucket), counted by sorting:
    // few, as pivots are.
    let mut pivot_pairs: Vec<(u32, u32)> = Vec::new();
    let mut by_pivot: Vec<(u64, u32)> = Vec::new();
    // Postings of the buckets that are paired up: the positions of each
    // item in `items`, grouped by item (a counting sort: linear), and the
    // end of the bucket each position is in.
    let n_items = items.iter().map(|x| x.1 as usize + 1).max().unwrap_or(0);
    let mut bucket_end: Vec<u32> = vec![0; items.len()];
    let mut per_item: Vec<u32> = vec![0; n_items + 1];
    let mut at = 0usize;
    for group in items.chunk_by(|x, y| x.0 == y.0) {
        let (start, end) = (at, at + group.len());
        at = end;
        if group.len() > cap {
            skipped += 1;
            by_pivot.clear();
            by_pivot.extend(group.iter().map(|&(_, item)| (pivot(item), item)));
            by_pivot.sort_unstable();
            let mut runs: Vec<(usize, u32)> = by_pivot
                .chunk_by(|x, y| x.0 == y.0)
                .map(|run| (run.len(), run[0].1))
                .collect();
            // Longest runs first; ties by item, so the choice is deterministic.
            runs.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            for &(_, p) in runs.iter().take(PIVOTS) {
                pivot_pairs.extend(
                    group
                        .iter()
                        .filter(|y| y.1 != p)
                        .map(|y| (p.min(y.1), p.max(y.1))),
                );
            }
            continue;
        }
        if group.len() < 2 {
            continue;
        }
        for (i, x) in group.iter().enumerate() {
            bucket_end[start + i] = end as u32;
            per_item[x.1 as usize + 1] += 1;
        }
    }
    for i in 1..per_item.len() {
        per_item[i] += per_item[i - 1];
    }
    let mut postings: Vec<u32> = vec![0; per_item[n_items] as usize];
    let mut fill = per_item.clone();
    for (i, x) in items.iter().enumerate() {
        if bucket_end[i] != 0 {
            let slot = &mut fill[x.1 as usize];
            postings[*slot as usize] = i as u32;
            *slot += 1;
        }
    }
    drop(fill);
    // The pivot pairs with their counts, before the rows: a row below
    // `min_count` may reach it with its pivot count.
    crate::par::sort_unstable(&mut pivot_pairs);
    let pivot_counts: Vec<(u32, u32, u32)> = pivot_pairs
        .chunk_by(|a, b| a == b)
        .map(|g| (g[0].0, g[0].1, g.len() as u32))
        .collect();
    drop(pivot_pairs);
    let pivot_count = |a: u32, b: u32| -> u32 {
        pivot_counts
            .binary_search_by(|p| (p.0, p.1).cmp(&(a, b)))
            .map_or(0, |i| pivot_counts[i].2)
    };
    // Each item counts the later items of its buckets (items are sorted
    // within a bucket) in a dense counter: no sort of all pairs. Items are
    // cut into chunks, one counter per chunk.
    let active: Vec<u32> = (0..n_items as u32)
        .filter(|&a| per_item[a as usize + 1] > per_item[a as usize])
        .collect();
    let chunk = active.len().div_ceil(64).max(256);
    let chunks: Vec<&[u32]> = active.chunks(chunk).collect();
    let rows = crate::par::map_init(
        &chunks,
        || (vec![0u32; n_items], Vec::<u32>::new()),
        |(counts, touched), chunk| {
            let mut rows: Vec<(u32, u32, u32)> = Vec::new();
            for &a in chunk.iter() {
                let from = per_item[a as usize] as usize;
                let to = per_item[a as usize + 1] as usize;
                for &pos in &postings[from..to] {
                    let end = bucket_end[pos as usize] as usize;
                    for y in &items[pos as usize + 1..end] {
                        if y.1 != a {
                            let c = &mut counts[y.1 as usize];
                            if *c == 0 {
                                touched.push(y.1);
                            }
                            *c += 1;
                        }
                    }
                }
                touched.sort_unstable();
                for &b in touched.iter() {
                    let c = std::mem::take(&mut counts[b as usize]);
                    let (x, y) = (a.min(b), a.max(b));
                    if c >= min_count || c + pivot_count(x, y) >= min_count {
                        rows.push((x, y, c));
                    }
                }
                touched.clear();
            }
            rows
        },
    );
    drop(postings);
    drop(bucket_end);
    // Sized once: grown by doubling, the pair list of a large batch held
    // up to twice its size.
    out.reserve_exact(rows.iter().map(Vec::len).sum::<usize>() + pivot_counts.len());
    let mut pivots = pivot_counts.into_iter().peekable();
    let mut push = |p: (u32, u32, u32)| {
        if p.2 >= min_count {
            out.push(p);
        }
    };
    // Merge the two sorted lists, adding the counts of a pair in both.
    for row in rows.into_iter().flatten() {
        while let Some(&p) = pivots.peek() {
            if (p.0, p.1) < (row.0, row.1) {
                push(p);
                pivots.next();
            } else {
                break;
            }
        }
        match pivots.peek() {
            Some(&p) if (p.0, p.1) == (row.0, row.1) => {
                push((row.0, row.1, row.2 + p.2));
                pivots.next();
            }
            _ => push(row),
        }
    }
    pivots.for_each(push);
    skipped
}

/// Sorts keyed items: they are first spread by the top byte of the key
/// (keys are hashes, so evenly), through a second buffer when small and
/// else in place, swapping each into its part (an American-flag pass),
/// then each of the 256 parts
/// is sorted on its own, in parallel; the same order as sorting the whole
/// slice.
fn sort_keyed<K: SpreadKey>(items: &mut [(K, u32)]) {
    spread_sort(items, SPREAD_COPY_MAX);
}

/// [`sort_keyed`], spreading through a second buffer up to `copy_max`
/// items.
fn spread_sort<K: SpreadKey>(items: &mut [(K, u32)], copy_max: usize) {
    if items.len() < 1 << 12 {
        items.sort_unstable();
        return;
    }
    let part = |x: &(K, u32)| x.0.top_byte();
    let mut ends = [0usize; 256];
    for x in items.iter() {
        ends[part(x)] += 1;
    }
    let mut starts = [0usize; 256];
    let mut at = 0;
    for p in 0..256 {
        starts[p] = at;
        at += ends[p];
        ends[p] = at;
    }
    let mut next = starts;
    if items.len() <= copy_max {
        // Small enough for a second buffer: one sequential scatter pass
        // (faster than swapping in place).
        let mut spread: Vec<(K, u32)> = vec![(K::default(), 0); items.len()];
        for &x in items.iter() {
            let slot = &mut next[part(&x)];
            spread[*slot] = x;
            *slot += 1;
        }
        items.copy_from_slice(&spread);
    } else {
        for p in 0..256 {
            while next[p] < ends[p] {
                let q = part(&items[next[p]]);
                if q == p {
                    next[p] += 1;
                } else {
                    items.swap(next[p], next[q]);
                    next[q] += 1;
                }
            }
        }
    }
    let mut parts: Vec<&mut [(K, u32)]> = Vec::with_capacity(256);
    let mut rest: &mut [(K, u32)] = items;
    for p in 0..256 {
        let (part, tail) = rest.split_at_mut(ends[p] - starts[p]);
        parts.push(part);
        rest = tail;
    }
    crate::par::for_each_mut(&mut parts, |part| part.sort_unstable());
}

/// Items up to which [`sort_keyed`] spreads through a second buffer
/// (64 MiB); more are spread in place.
const SPREAD_COPY_MAX: usize = 1 << 22;

/// Pivots per oversized shingle bucket.
pub(crate) const PIVOTS: usize = 4;

/// All pairs within Hamming distance `d`, by brute force (the test oracle).
#[cfg(test)]
pub(crate) fn brute_force_simhash_pairs(items: &[Keyed], d: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    for (i, x) in items.iter().enumerate() {
        for y in &items[i + 1..] {
            if x.1 != y.1 && (x.0 ^ y.0).count_ones() <= d {
                out.push((x.1.min(y.1), x.1.max(y.1)));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The sort-all-pairs version of [`shared_key_pairs`] (the test oracle).
#[cfg(test)]
fn shared_key_pairs_by_sorting(
    items: &mut [Keyed],
    cap: usize,
    pivot: impl Fn(u32) -> u64,
    out: &mut Vec<(u32, u32, u32)>,
) -> usize {
    crate::par::sort_unstable(items);
    let mut skipped = 0;
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut by_pivot: Vec<(u64, u32)> = Vec::new();
    for group in items.chunk_by(|x, y| x.0 == y.0) {
        if group.len() > cap {
            skipped += 1;
            by_pivot.clear();
            by_pivot.extend(group.iter().map(|&(_, item)| (pivot(item), item)));
            by_pivot.sort_unstable();
            let mut runs: Vec<(usize, u32)> = by_pivot
                .chunk_by(|x, y| x.0 == y.0)
                .map(|run| (run.len(), run[0].1))
                .collect();
            // Longest runs first; ties by item, so the choice is deterministic.
            runs.sort_unstable_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
            for &(_, p) in runs.iter().take(PIVOTS) {
                pairs.extend(
                    group
                        .iter()
                        .filter(|y| y.1 != p)
                        .map(|y| (p.min(y.1), p.max(y.1))),
                );
            }
            continue;
        }
        for (i, x) in group.iter().enumerate() {
            for y in &group[i + 1..] {
                if x.1 != y.1 {
                    pairs.push((x.1.min(y.1), x.1.max(y.1)));
                }
            }
        }
    }
    crate::par::sort_unstable(&mut pairs);
    out.extend(
        pairs
            .chunk_by(|a, b| a == b)
            .map(|g| (g[0].0, g[0].1, g.len() as u32)),
    );
    skipped
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn flip(fp: u64, bits: &[u8]) -> u64 {
        bits.iter().fold(fp, |f, &b| f ^ (1 << (b % 64)))
    }

    proptest! {
        /// The tables find every pair the brute-force oracle finds.
        #[test]
        fn tables_find_all_pairs_within_d(
            seeds in proptest::collection::vec(any::<u64>(), 1..20),
            flips in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..8), 1..60),
            d in 0u32..8,
        ) {
            let items: Vec<Keyed> = flips
                .iter()
                .enumerate()
                .map(|(i, f)| (flip(seeds[i % seeds.len()], f), i as u32))
                .collect();
            let mut got = Vec::new();
            simhash_pairs(&items, d, usize::MAX, &mut got);
            got.sort_unstable();
            got.dedup();
            prop_assert_eq!(got, brute_force_simhash_pairs(&items, d));
        }

        /// Counting per item gives exactly what sorting all pairs gives,
        /// oversized buckets and their pivots included.
        #[test]
        fn shared_counts_match_sorting_all_pairs(
            sets in proptest::collection::vec(proptest::collection::btree_set(0u64..12, 0..10), 0..30),
            cap in 2usize..8,
        ) {
            let items: Vec<Keyed> = sets.iter().enumerate().flat_map(|(i, s)| s.iter().map(move |&k| (k, 3 * i as u32))).collect();
            let pivot = |i: u32| u64::from(i % 5);
            let (mut a, mut b) = (items.clone(), items);
            let (mut got, mut want) = (Vec::new(), Vec::new());
            let skipped = shared_key_pairs(&mut a, cap, pivot, 1, &mut got);
            let skipped_oracle = shared_key_pairs_by_sorting(&mut b, cap, pivot, &mut want);
            prop_assert_eq!(skipped, skipped_oracle);
            prop_assert_eq!(got, want);
        }

        /// A minimum count gives the unfiltered list's pairs that reach it,
        /// counts summed over paired-up and oversized buckets first.
        #[test]
        fn a_minimum_count_filters_the_summed_counts(
            sets in proptest::collection::vec(proptest::collection::btree_set(0u64..12, 0..10), 0..30),
            cap in 2usize..8,
            min_count in 1u32..5,
        ) {
            let items: Vec<Keyed> = sets.iter().enumerate().flat_map(|(i, s)| s.iter().map(move |&k| (k, 3 * i as u32))).collect();
            let pivot = |i: u32| u64::from(i % 5);
            let (mut a, mut b) = (items.clone(), items);
            let (mut got, mut all) = (Vec::new(), Vec::new());
            shared_key_pairs(&mut a, cap, pivot, min_count, &mut got);
            shared_key_pairs(&mut b, cap, pivot, 1, &mut all);
            all.retain(|p| p.2 >= min_count);
            prop_assert_eq!(got, all);
        }

        #[test]
        fn shared_counts_match_naive(sets in proptest::collection::vec(proptest::collection::btree_set(0u64..40, 0..15), 0..12)) {
            let mut items: Vec<Keyed> = sets.iter().enumerate().flat_map(|(i, s)| s.iter().map(move |&k| (k, i as u32))).collect();
            let mut got = Vec::new();
            shared_key_pairs(&mut items, usize::MAX, |_| 0, 1, &mut got);
            let mut want = Vec::new();
            for i in 0..sets.len() {
                for j in i + 1..sets.len() {
                    let n = sets[i].intersection(&sets[j]).count() as u32;
                    if n > 0 { want.push((i as u32, j as u32, n)); }
                }
            }
            prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn spreading_by_top_byte_sorts_like_a_plain_sort() {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut items: Vec<Keyed> = (0..20_000u32)
            .map(|i| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                // Few distinct keys, so equal keys sort by item too.
                ((x % 5_000).wrapping_mul(0x0100_0000_0000_0001), i % 977)
            })
            .collect();
        let mut want = items.clone();
        want.sort_unstable();
        // Through a second buffer and in place.
        for copy_max in [usize::MAX, 0] {
            let mut got = items.clone();
            spread_sort(&mut got, copy_max);
            assert_eq!(got, want);
        }
        sort_keyed(&mut items);
        assert_eq!(items, want);
    }

    #[test]
    fn oversized_shingle_buckets_pair_items_with_the_commonest_fingerprints() {
        // Twelve items share key 7; eight have fingerprint 1, three 2, one 3.
        let fps = [1u64, 2, 1, 1, 3, 1, 2, 1, 1, 2, 1, 1];
        let mut items: Vec<Keyed> = (0..12).map(|i| (7u64, i)).collect();
        let mut got = Vec::new();
        let skipped = shared_key_pairs(&mut items, 4, |i| fps[i as usize], 1, &mut got);
        assert_eq!(skipped, 1);
        // Pivots: item 0 (fingerprint 1), item 1 (2), item 4 (3): each paired with all.
        let pairs: Vec<(u32, u32)> = got.iter().map(|&(a, b, _)| (a, b)).collect();
        for p in [0u32, 1, 4] {
            for j in 0..12u32 {
                if j != p {
                    assert!(pairs.contains(&(p.min(j), p.max(j))), "({p}, {j}) missing");
                }
            }
        }
        assert!(!pairs.contains(&(2, 3)));
    }

    #[test]
    fn oversized_buckets_keep_only_identical_fingerprints_as_a_star() {
        // Ten identical fingerprints and ten that differ from them in one
        // bit of the last block: every block-0 bucket is oversized.
        let mut items: Vec<Keyed> = (0..10).map(|i| (42u64, i)).collect();
        items.extend((10..20).map(|i| (42u64 | 1 << 63, i)));
        let mut got = Vec::new();
        let skipped = simhash_pairs(&items, 3, 5, &mut got);
        got.sort_unstable();
        got.dedup();
        let mut want: Vec<(u32, u32)> = (1..10).map(|i| (0, i)).collect();
        want.extend((11..20).map(|i| (10, i)));
        assert_eq!(got, want);
        assert_eq!(skipped, 5);
    }
}
