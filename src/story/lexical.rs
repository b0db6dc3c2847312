//! Lexical story links: documents that report the same event in their own
//! words.
//!
//! Each document gets a **term profile** (content-word stems, names and
//! numbers; see [`crate::terms`]) weighted by tf × idf over the batch, names
//! and numbers counted [`MARK_BOOST`] times, and L2-normalised. A story's
//! centroid is the mean of its documents' profiles, so the dot product of
//! two centroids is exactly the *average* cosine over all pairs of their
//! documents (average linkage: one similar document cannot chain two
//! stories together the way single linkage does).
//!
//! Stories found by shingles are the starting clusters. They are merged
//! greedily, most similar pair first, while the similarity is at least
//! [`MIN_SIMILARITY`] and
//!
//! * at most one of the two has a *core* (documents linked by shared
//!   copy): two wire stories that no copied paragraph links are two stories
//!   (a day-2 follow-up reuses day-1 background and vocabulary), while a
//!   rewrite, a brief or an independent report joins the story it is
//!   closest to, and rewrites of a story with no wire copy at all gather
//!   among themselves;
//! * their names and numbers agree (the veto, [`marks_agree`]): a template
//!   filled in for another by-election, or another story about the same
//!   company, shares vocabulary but not its numbers and names.
//!
//! Candidates come from an inverted index over each cluster's
//! [`TOP_TERMS`] heaviest terms (terms posted by more than [`MAX_POSTING`]
//! clusters are too common to be evidence), never from all pairs.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use ahash::{AHashMap, AHashSet};

use crate::features::intersection;
use crate::terms::{self, Kind, Scratch, Term};

/// Weight of a name or number occurrence relative to a word's.
pub(crate) const MARK_BOOST: f32 = 2.0;
/// Average-linkage similarity at which two stories merge. Chosen on
/// stories-dev, where every rewrite and brief joins its story at ≥ 0.24 and
/// unrelated stories in one language reach 0.23 at most.
pub(crate) const MIN_SIMILARITY: f32 = 0.2;
/// Terms per cluster that go into the candidate index.
const TOP_TERMS: usize = 32;
/// Candidate pairs must share this many of their top terms.
const MIN_SHARED_TOP: u32 = 2;
/// A term posted by more clusters than this is not candidate evidence.
const MAX_POSTING: usize = 256;
/// Candidate stories the incremental index judges per document.
const MAX_JUDGED: usize = 16;
/// The veto needs at least this many marks on the poorer side to judge.
const MIN_MARKS: usize = 4;
/// Share of the poorer side's names and numbers the other side must have.
/// Chosen on stories-dev (rewrites and briefs of one event agree on ≥ 0.45
/// of them) and the generated corpora (distinct stories about one company
/// or product agree on ≤ 0.39).
const MIN_MARK_AGREEMENT: f64 = 0.42;
/// Numbers on the poorer side from which they are judged on their own.
const MIN_NUMBERS: usize = 3;
/// Share of the poorer side's numbers the other side must have. Rewrites
/// and briefs in stories-dev keep ≥ 0.36 of them; a report of another
/// event of the same company in a generated corpus kept 0.12.
const MIN_NUMBER_AGREEMENT: f64 = 0.25;
/// Share of the poorer side's names the other side must have whenever
/// that side has [`MIN_MARKS`] names or more, whatever the numbers say: a
/// rewrite keeps the people and places of the facts. Versions of one
/// results table in other words (the generated corpora's cipher passes of
/// one base article keep every number and change every name) agreed on
/// the numbers alone and joined. stories-dev keeps its grouping with a
/// floor of 0.3 and loses it at 0.4 (a rewrite joins on fewer of the
/// names); 0.2 leaves a margin.
const MIN_NAME_AGREEMENT: f64 = 0.2;
/// Share of marks that must agree when they are (almost) all names. The
/// stories-dev rewrites judged on names alone agree on ≥ 0.7; two opinion
/// pieces on one city's unrest in a generated corpus agreed on 0.42.
const MIN_NAME_ONLY_AGREEMENT: f64 = 0.5;

/// A document's term counts: `(term key, boosted count)` sorted by key, and
/// its distinct numbers and names.
#[derive(Debug, Clone, Default)]
pub(crate) struct Profile {
    pub terms: Box<[(u32, f32)]>,
    pub numbers: Box<[u32]>,
    pub names: Box<[u32]>,
}

impl Profile {
    pub(crate) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// The 32-bit key of a term (the hash's high half).
#[inline]
pub(crate) fn key(t: &Term) -> u32 {
    (t.hash >> 32) as u32
}

/// Builds the profile of a document from its paragraphs.
pub(crate) fn profile<S: AsRef<str>>(
    paras: &[S],
    scratch: &mut Scratch,
    buf: &mut Vec<Term>,
) -> Profile {
    buf.clear();
    for p in paras {
        terms::terms_into(crate::segment::strip_dateline(p.as_ref()), scratch, buf);
    }
    profile_of_terms(buf)
}

pub(crate) fn profile_of_terms(buf: &[Term]) -> Profile {
    let counts: Vec<(u32, f32)> = buf
        .iter()
        .map(|t| {
            let w = if t.kind == Kind::Word {
                1.0
            } else {
                MARK_BOOST
            };
            (key(t), w)
        })
        .collect();
    let numbers = keys_of(buf, Kind::Number);
    let names = keys_of(buf, Kind::Name);
    Profile {
        terms: summed(counts).into(),
        numbers: numbers.into(),
        names: names.into(),
    }
}

impl Profile {
    /// The profile of the concatenation of `parts` (a document from its
    /// paragraphs' profiles): counts add up, marks are united.
    pub(crate) fn merged<'p>(parts: impl Iterator<Item = &'p Profile> + Clone) -> Profile {
        let mut terms: Vec<(u32, f32)> = Vec::new();
        let mut numbers: Vec<u32> = Vec::new();
        let mut names: Vec<u32> = Vec::new();
        for p in parts {
            terms.extend_from_slice(&p.terms);
            numbers.extend_from_slice(&p.numbers);
            names.extend_from_slice(&p.names);
        }
        Profile {
            terms: summed(terms).into(),
            numbers: distinct(numbers).into(),
            names: distinct(names).into(),
        }
    }
}

/// The term profiles of a batch's paragraphs, one per distinct text.
#[derive(Debug, Default)]
pub(crate) struct Paragraphs {
    /// Profile per distinct paragraph text.
    pub profiles: Vec<Profile>,
    /// Paragraph (global index) → its text's entry in `profiles`.
    pub of_text: Vec<u32>,
}

impl Paragraphs {
    pub(crate) fn get(&self, p: usize) -> &Profile {
        &self.profiles[self.of_text[p] as usize]
    }
}

/// The documents of a batch as their paragraphs' profiles. A document's
/// profile is merged from them where it is needed, not held for every
/// document (110 MB at 100k documents).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Documents<'a> {
    pub paragraphs: &'a Paragraphs,
    /// Document `d`'s paragraphs are `offsets[d]..offsets[d + 1]`.
    pub offsets: &'a [usize],
}

impl Documents<'_> {
    pub(crate) fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The profile of document `d`: its paragraphs' profiles merged.
    pub(crate) fn profile(&self, d: u32) -> Profile {
        let d = d as usize;
        Profile::merged((self.offsets[d]..self.offsets[d + 1]).map(|p| self.paragraphs.get(p)))
    }

    /// The term keys of document `d` (each once per paragraph using it).
    fn keys(&self, d: u32) -> impl Iterator<Item = u32> + '_ {
        let d = d as usize;
        (self.offsets[d]..self.offsets[d + 1])
            .flat_map(|p| self.paragraphs.get(p).terms.iter().map(|x| x.0))
    }
}

/// `(key, weight)` entries sorted by key, one per key, weights added (in
/// input order). The input is often a concatenation of sorted runs (a
/// document from its paragraphs, a story from its documents): the stable
/// sort merges runs instead of sorting from scratch.
///
/// Summed in place and shrunk to fit: a cluster's sum is made from every
/// term of its documents (a story of 500 copies: 500 times its distinct
/// terms), and the vector it keeps holds each key once.
fn summed(mut v: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    v.sort_by_key(|x| x.0);
    let mut w = 0;
    for r in 0..v.len() {
        if w > 0 && v[w - 1].0 == v[r].0 {
            v[w - 1].1 += v[r].1;
        } else {
            v[w] = v[r];
            w += 1;
        }
    }
    v.truncate(w);
    v.shrink_to_fit();
    v
}

/// The distinct values, sorted.
fn distinct(mut v: Vec<u32>) -> Vec<u32> {
    v.sort();
    v.dedup();
    v
}

/// The keys of the [`TOP_TERMS`] heaviest entries of a sparse vector (the
/// candidate keys of a cluster or story), in no particular order.
pub(crate) fn heaviest(sum: &[(u32, f32)]) -> Vec<u32> {
    let mut t: Vec<(u32, f32)> = sum.to_vec();
    if t.len() > TOP_TERMS {
        t.select_nth_unstable_by(TOP_TERMS, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        t.truncate(TOP_TERMS);
    }
    t.into_iter().map(|x| x.0).collect()
}

/// The distinct keys of the terms of one kind, sorted.
pub(crate) fn keys_of(terms: &[Term], kind: Kind) -> Vec<u32> {
    distinct(terms.iter().filter(|t| t.kind == kind).map(key).collect())
}

/// Document frequencies over a set of profiles.
#[derive(Debug, Clone, Default)]
pub(crate) struct Idf {
    pub docs: u32,
    pub df: AHashMap<u32, u32>,
}

impl Idf {
    pub(crate) fn add(&mut self, p: &Profile) {
        if p.is_empty() {
            return;
        }
        self.docs += 1;
        for &(k, _) in p.terms.iter() {
            *self.df.entry(k).or_insert(0) += 1;
        }
    }

    /// Frequencies over groups of documents (a term counts once per group
    /// that uses it).
    pub(crate) fn over_groups(groups: &[Vec<u32>], docs: &Documents<'_>) -> Idf {
        Idf::from_sets(groups, |g| g.iter().flat_map(|&d| docs.keys(d)).collect())
    }

    /// Frequencies over documents.
    pub(crate) fn over_documents(docs: &Documents<'_>) -> Idf {
        let idx: Vec<u32> = (0..docs.len() as u32).collect();
        Idf::from_sets(&idx, |&d| docs.keys(d).collect())
    }

    /// Frequencies over the key sets of `items` (`keys` may repeat a key;
    /// empty sets do not count). The sets are made a slice of items at a
    /// time and go straight into one list: never a list per item beside
    /// it (56 MB at 100k documents).
    fn from_sets<T: Sync>(items: &[T], keys: impl Fn(&T) -> Vec<u32> + Sync + Send) -> Idf {
        let mut all: Vec<u32> = Vec::new();
        let mut sets = 0;
        for slice in items.chunks(4096) {
            let part = crate::par::map(slice, |x| {
                let mut k = keys(x);
                k.sort_unstable();
                k.dedup();
                k
            });
            for set in part {
                sets += usize::from(!set.is_empty());
                all.extend_from_slice(&set);
            }
        }
        Idf::count(all, sets)
    }

    /// Counts each key of `all` (one entry per set holding it): a sort and
    /// a run count, cheaper than a hash-map update per entry.
    fn count(mut all: Vec<u32>, docs: usize) -> Idf {
        crate::par::sort_unstable(&mut all);
        // Sized for the distinct keys (a guess from the entries held
        // 75 MB at 100k documents for some 2M keys).
        let keys = all.chunk_by(|a, b| a == b).count();
        let mut df: AHashMap<u32, u32> = AHashMap::with_capacity(keys);
        for run in all.chunk_by(|a, b| a == b) {
            df.insert(run[0], run.len() as u32);
        }
        Idf {
            docs: docs as u32,
            df,
        }
    }

    /// ln(1 + N / df): rare terms weigh most; a term in every document
    /// still weighs ln 2.
    pub(crate) fn idf(&self, k: u32) -> f32 {
        let df = self.df.get(&k).copied().unwrap_or(0).max(1);
        (1.0 + self.docs.max(1) as f32 / df as f32).ln()
    }

    /// The profile's tf × idf vector, L2-normalised (sorted by key).
    pub(crate) fn vector(&self, p: &Profile) -> Vec<(u32, f32)> {
        let mut v: Vec<(u32, f32)> = p.terms.to_vec();
        self.weigh(&mut v);
        v
    }

    /// Term counts to tf × idf, L2-normalised, in place.
    pub(crate) fn weigh(&self, v: &mut [(u32, f32)]) {
        for x in v.iter_mut() {
            x.1 *= self.idf(x.0);
        }
        let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for x in v.iter_mut() {
                x.1 /= norm;
            }
        }
    }
}

/// Dot product of two sparse vectors sorted by key.
pub(crate) fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if big.len() > 8 * small.len() {
        // A document against a big story's centroid: walk the small side
        // and gallop through the big one. The products are added in key
        // order, as in the merge below, so the sum is the same.
        let (mut j, mut s) = (0usize, 0.0f32);
        for &(k, w) in small {
            j = gallop(big, j, &k, |x| x.0);
            if j >= big.len() {
                break;
            }
            if big[j].0 == k {
                s += w * big[j].1;
                j += 1;
            }
        }
        return s;
    }
    merge_dot(a, b)
}

/// [`dot`] by walking both vectors.
fn merge_dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut s) = (0, 0, 0.0f32);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// `a + b` for sparse vectors sorted by key.
fn add(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if j == b.len() || (i < a.len() && a[i].0 < b[j].0) {
            out.push(a[i]);
            i += 1;
        } else if i == a.len() || b[j].0 < a[i].0 {
            out.push(b[j]);
            j += 1;
        } else {
            out.push((a[i].0, a[i].1 + b[j].1));
            i += 1;
            j += 1;
        }
    }
    out.shrink_to_fit();
    out
}

/// Sorted union of sorted, deduplicated sets.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out.shrink_to_fit();
    out
}

/// The first index at or after `from` whose key is not below `k` (`big`
/// sorted by key, and every key before `from` below `k`): doubling steps,
/// then a binary search in the last step, so a walk over a few sorted keys
/// costs about their number times a logarithm, not `big`'s length.
fn gallop<T, K: Ord>(big: &[T], from: usize, k: &K, key: impl Fn(&T) -> K) -> usize {
    let mut j = from;
    let mut step = 1;
    while j + step < big.len() && key(&big[j + step]) < *k {
        j += step;
        step *= 2;
    }
    j + big[j..(j + step + 1).min(big.len())].partition_point(|y| key(y) < *k)
}

/// Where each key of `small` is in `big` (both sorted by key), if all
/// are there: found by galloping, so a document against a big story
/// costs about its own size.
fn positions<T, K: Ord>(small: &[T], big: &[T], key: impl Fn(&T) -> K) -> Option<Vec<usize>> {
    let mut at = Vec::with_capacity(small.len());
    let mut j = 0usize;
    for x in small {
        let k = key(x);
        j = gallop(big, j, &k, &key);
        if j >= big.len() || key(&big[j]) != k {
            return None;
        }
        at.push(j);
        j += 1;
    }
    Some(at)
}

/// `*a += b` for sparse vectors sorted by key: in place when every key of
/// the smaller side is in the bigger one (a copy joining its story), else
/// a merge. Addition commutes, so the sums equal [`add`]'s.
pub(crate) fn add_assign(a: &mut Vec<(u32, f32)>, mut b: Vec<(u32, f32)>) {
    if b.len() > a.len() {
        std::mem::swap(a, &mut b);
    }
    match positions(&b, a, |x| x.0) {
        Some(at) => {
            for (x, i) in b.iter().zip(at) {
                a[i].1 += x.1;
            }
        }
        None => *a = add(a, &b),
    }
}

/// `*a ∪= b` for sorted, deduplicated sets (as [`union`]).
fn union_assign(a: &mut Vec<u32>, mut b: Vec<u32>) {
    if b.len() > a.len() {
        std::mem::swap(a, &mut b);
    }
    if positions(&b, a, |x| *x).is_none() {
        *a = union(a, &b);
    }
}

/// The names-and-numbers veto: of the names and numbers of the side that
/// has fewer of each, enough must occur on the other side. A rewrite keeps
/// the facts' names and numbers; another story about the same company, or
/// the same template filled in for another seat, keeps the vocabulary and
/// changes them.
///
/// Numbers are the sharper evidence (names recur across every story about
/// one company or city; a figure rarely does), so they are also judged on
/// their own: with [`MIN_NUMBERS`] or more on the poorer side, at least
/// [`MIN_NUMBER_AGREEMENT`] of them must agree. When numbers cannot speak
/// (fewer than that), the names alone must agree more:
/// [`MIN_NAME_ONLY_AGREEMENT`]. Numbers never speak alone: with
/// [`MIN_MARKS`] names or more on the poorer side, at least
/// [`MIN_NAME_AGREEMENT`] of them must agree.
pub(crate) fn marks_agree(numbers: (&[u32], &[u32]), names: (&[u32], &[u32])) -> bool {
    let small_numbers = numbers.0.len().min(numbers.1.len());
    let small = small_numbers + names.0.len().min(names.1.len());
    if small < MIN_MARKS {
        return true;
    }
    let shared_numbers = intersection(numbers.0, numbers.1);
    let shared_names = intersection(names.0, names.1);
    let shared = shared_numbers + shared_names;
    let small_names = names.0.len().min(names.1.len());
    if small_names >= MIN_MARKS && (shared_names as f64) < MIN_NAME_AGREEMENT * small_names as f64 {
        return false;
    }
    if small_numbers >= MIN_NUMBERS {
        shared_numbers as f64 >= MIN_NUMBER_AGREEMENT * small_numbers as f64
            && shared as f64 >= MIN_MARK_AGREEMENT * small as f64
    } else {
        shared as f64 >= MIN_NAME_ONLY_AGREEMENT * small as f64
    }
}

/// A cluster during merging.
#[derive(Debug, Clone)]
struct Cluster {
    docs: Vec<u32>,
    /// Sum of member vectors (divide by the number of profiled members for
    /// the centroid).
    sum: Vec<(u32, f32)>,
    profiled: u32,
    numbers: Vec<u32>,
    names: Vec<u32>,
    core: bool,
    alive: bool,
    version: u32,
    /// Rank of the smallest member id (1-based, in id order): the
    /// deterministic tie-break.
    first: u32,
}

impl Cluster {
    fn top_terms(&self) -> Vec<u32> {
        heaviest(&self.sum)
    }
}

#[derive(Debug, PartialEq)]
struct Pair {
    sim: f32,
    a: u32,
    b: u32,
    va: u32,
    vb: u32,
    /// Tie-break: the ranks of the pair's smallest member ids (a number,
    /// not two copied strings: there are millions of candidate pairs).
    tie: (u32, u32),
}

impl Eq for Pair {}
impl PartialOrd for Pair {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pair {
    fn cmp(&self, other: &Self) -> Ordering {
        // Max-heap: highest similarity first, then the smallest ids.
        self.sim
            .total_cmp(&other.sim)
            .then_with(|| other.tie.cmp(&self.tie))
    }
}

/// Merges the shingle stories `groups` (document indices; `core[s]` when
/// story `s` has documents linked by copy) by lexical similarity. Returns
/// the new groups, each sorted, ordered by smallest member.
pub(crate) fn link(
    groups: Vec<Vec<u32>>,
    core: &[bool],
    docs_terms: &Documents<'_>,
    idf: &Idf,
    ids: &[&str],
) -> Vec<Vec<u32>> {
    let seeds: Vec<(Vec<u32>, bool)> = groups.into_iter().zip(core.iter().copied()).collect();
    // Each document's rank in id order (ids are distinct), from 1.
    let mut by_id: Vec<u32> = (0..ids.len() as u32).collect();
    by_id.sort_unstable_by_key(|&d| ids[d as usize]);
    let mut rank = vec![0u32; ids.len()];
    for (r, &d) in by_id.iter().enumerate() {
        rank[d as usize] = r as u32 + 1;
    }
    drop(by_id);
    // Each document's vector is made where its cluster's sum is: no list
    // of every document's vector is held (110 MB at 100k documents), and a
    // one-document cluster's sum is its vector, not a copy.
    let mut clusters: Vec<Cluster> = crate::par::map(&seeds, |(docs, core)| {
        let (docs, core) = (docs.clone(), *core);
        let mut all: Vec<(u32, f32)> = Vec::new();
        let mut numbers: Vec<u32> = Vec::new();
        let mut names: Vec<u32> = Vec::new();
        let mut profiled = 0;
        for &d in &docs {
            let p = &docs_terms.profile(d);
            if p.is_empty() {
                continue;
            }
            profiled += 1;
            if all.is_empty() {
                all = idf.vector(p);
            } else {
                let at = all.len();
                all.extend_from_slice(&p.terms);
                idf.weigh(&mut all[at..]);
            }
            numbers.extend_from_slice(&p.numbers);
            names.extend_from_slice(&p.names);
        }
        let sum = if profiled == 1 { all } else { summed(all) };
        let (numbers, names) = (distinct(numbers), distinct(names));
        let first = docs.iter().map(|&d| rank[d as usize]).min().unwrap_or(0);
        Cluster {
            docs,
            sum,
            profiled,
            numbers,
            names,
            core,
            alive: true,
            version: 0,
            first,
        }
    });
    drop(seeds);
    let n = clusters.len();
    let mut postings: AHashMap<u32, Vec<u32>> = AHashMap::new();
    for (c, cl) in clusters.iter().enumerate() {
        if cl.profiled == 0 {
            continue;
        }
        for t in cl.top_terms() {
            postings.entry(t).or_default().push(c as u32);
        }
    }
    // The first candidates of every cluster, found in parallel (the heap
    // orders them whatever order they come in).
    let cluster_idx: Vec<u32> = (0..n as u32).collect();
    let first: Vec<Vec<Pair>> = crate::par::map(&cluster_idx, |&c| {
        let mut found = Vec::new();
        push_candidates(c, &clusters, &postings, &mut found, |o| o > c);
        found
    });
    let mut heap: BinaryHeap<Pair> = first.into_iter().flatten().collect();
    while let Some(p) = heap.pop() {
        let (a, b) = (p.a as usize, p.b as usize);
        if !clusters[a].alive
            || !clusters[b].alive
            || clusters[a].version != p.va
            || clusters[b].version != p.vb
        {
            continue;
        }
        // Merge b into a.
        let cb = std::mem::replace(
            &mut clusters[b],
            Cluster {
                docs: Vec::new(),
                sum: Vec::new(),
                profiled: 0,
                numbers: Vec::new(),
                names: Vec::new(),
                core: false,
                alive: false,
                version: 0,
                first: 0,
            },
        );
        let ca = &mut clusters[a];
        ca.docs.extend(cb.docs);
        add_assign(&mut ca.sum, cb.sum);
        ca.profiled += cb.profiled;
        union_assign(&mut ca.numbers, cb.numbers);
        union_assign(&mut ca.names, cb.names);
        ca.core |= cb.core;
        ca.version += 1;
        if cb.first < ca.first {
            ca.first = cb.first;
        }
        for t in ca.top_terms() {
            let list = postings.entry(t).or_default();
            if !list.contains(&(a as u32)) {
                list.push(a as u32);
            }
        }
        push_candidates(a as u32, &clusters, &postings, &mut heap, |_| true);
    }
    let mut out: Vec<Vec<u32>> = clusters
        .into_iter()
        .filter(|c| c.alive)
        .map(|mut c| {
            c.docs.sort_unstable();
            c.docs
        })
        .collect();
    out.sort_unstable_by_key(|g| g.first().copied());
    out
}

/// Pushes the allowed, similar-enough pairs of cluster `c` with the
/// clusters sharing enough top terms with it (`take` filters the others).
fn push_candidates(
    c: u32,
    clusters: &[Cluster],
    postings: &AHashMap<u32, Vec<u32>>,
    heap: &mut impl Extend<Pair>,
    take: impl Fn(u32) -> bool,
) {
    let cl = &clusters[c as usize];
    if !cl.alive || cl.profiled == 0 {
        return;
    }
    let mut shared: AHashMap<u32, u32> = AHashMap::new();
    for t in cl.top_terms() {
        let Some(list) = postings.get(&t) else {
            continue;
        };
        if list.len() > MAX_POSTING {
            continue;
        }
        for &o in list {
            if o != c && take(o) {
                *shared.entry(o).or_insert(0) += 1;
            }
        }
    }
    let mut seen: AHashSet<u32> = AHashSet::new();
    for (o, k) in shared {
        if k < MIN_SHARED_TOP || !seen.insert(o) {
            continue;
        }
        let other = &clusters[o as usize];
        if !other.alive || other.profiled == 0 || (cl.core && other.core) {
            continue;
        }
        let sim = dot(&cl.sum, &other.sum) / (cl.profiled as f32 * other.profiled as f32);
        if sim < MIN_SIMILARITY
            || !marks_agree((&cl.numbers, &other.numbers), (&cl.names, &other.names))
        {
            continue;
        }
        let (x, y) = if c < o { (c, o) } else { (o, c) };
        let (fx, fy) = (clusters[x as usize].first, clusters[y as usize].first);
        heap.extend(Some(Pair {
            sim,
            a: x,
            b: y,
            va: clusters[x as usize].version,
            vb: clusters[y as usize].version,
            tie: (fx.min(fy), fx.max(fy)),
        }));
    }
}

/// A story's lexical record in the incremental index: the same centroid
/// (sum of member vectors) and marks as a batch cluster, with each member's
/// vector weighted by the document frequencies known when it arrived.
#[derive(Debug, Clone, Default, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub(crate) struct StoryTerms {
    pub sum: Vec<(u32, f32)>,
    pub profiled: u32,
    pub numbers: Vec<u32>,
    pub names: Vec<u32>,
    /// Some of its documents are linked by copied text.
    pub core: bool,
}

impl StoryTerms {
    /// Adds `other`'s members.
    pub(crate) fn absorb(&mut self, other: StoryTerms) {
        add_assign(&mut self.sum, other.sum);
        self.profiled += other.profiled;
        union_assign(&mut self.numbers, other.numbers);
        union_assign(&mut self.names, other.names);
        self.core |= other.core;
    }

    /// The heaviest [`TOP_TERMS`] terms (candidate keys).
    fn top_terms(&self) -> Vec<u32> {
        heaviest(&self.sum)
    }

    /// The batch merge rule between two stories: the average-linkage
    /// similarity when they may merge, else `None`.
    pub(crate) fn joins(&self, other: &StoryTerms) -> Option<f32> {
        if self.profiled == 0 || other.profiled == 0 || (self.core && other.core) {
            return None;
        }
        let sim = dot(&self.sum, &other.sum) / (self.profiled as f32 * other.profiled as f32);
        (sim >= MIN_SIMILARITY
            && marks_agree((&self.numbers, &other.numbers), (&self.names, &other.names)))
        .then_some(sim)
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        self.sum.capacity() * 8 + (self.numbers.capacity() + self.names.capacity()) * 4
    }
}

/// The lexical state of the incremental index: document frequencies, a
/// [`StoryTerms`] per story (by its root document), and an inverted index
/// from each story's top terms to the story (rebuilt on load).
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    pub idf: Idf,
    pub stories: AHashMap<u32, StoryTerms>,
    /// Term → stories (roots at the time of posting; resolve through the
    /// index's union-find). Lists stop growing past [`MAX_POSTING`].
    postings: AHashMap<u32, Vec<u32>>,
    /// Scratch of [`best_match`](Self::best_match), by root: top terms
    /// shared and the last term counted; and the roots touched.
    shared: Vec<(u32, u32)>,
    touched: Vec<u32>,
}

impl Lexicon {
    /// Counts a new document's terms and returns its one-document record.
    pub(crate) fn add_document(&mut self, p: &Profile) -> StoryTerms {
        self.idf.add(p);
        if p.is_empty() {
            return StoryTerms::default();
        }
        StoryTerms {
            sum: self.idf.vector(p),
            profiled: 1,
            numbers: p.numbers.to_vec(),
            names: p.names.to_vec(),
            core: false,
        }
    }

    /// The story `story` (not yet posted) should join, if any: candidates
    /// share [`MIN_SHARED_TOP`] of its top terms; the most similar that
    /// the merge rule allows wins (ties: the smaller root). `root` resolves
    /// a posted root to the current one; `own` is the story's own root.
    pub(crate) fn best_match(
        &mut self,
        story: &StoryTerms,
        own: u32,
        root: impl Fn(u32) -> u32,
    ) -> Option<u32> {
        // Per current root: the top terms it shares, and the last term
        // counted (a root posted under one term through several merged
        // stories counts once per term). Dense, by root: no hashing.
        let mut shared: Vec<(u32, u32)> = std::mem::take(&mut self.shared);
        let mut touched: Vec<u32> = std::mem::take(&mut self.touched);
        for (i, t) in story.top_terms().into_iter().enumerate() {
            let Some(list) = self.postings.get(&t) else {
                continue;
            };
            if list.len() > MAX_POSTING {
                continue;
            }
            let term = i as u32 + 1;
            for &posted in list {
                let r = root(posted);
                if r == own {
                    continue;
                }
                if shared.len() <= r as usize {
                    shared.resize(r as usize + 1, (0, 0));
                }
                let e = &mut shared[r as usize];
                if e.1 != term {
                    if e.1 == 0 {
                        touched.push(r);
                    }
                    *e = (e.0 + 1, term);
                }
            }
        }
        // The stories sharing most top terms are judged (a bounded number:
        // every lookup costs a dot product with a story centroid).
        let mut found: Vec<(u32, u32)> = Vec::new();
        for r in touched.drain(..) {
            let (k, _) = std::mem::take(&mut shared[r as usize]);
            if k >= MIN_SHARED_TOP {
                found.push((r, k));
            }
        }
        self.shared = shared;
        self.touched = touched;
        let mut shared = found;
        shared.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        shared.truncate(MAX_JUDGED);
        let mut best: Option<(f32, u32)> = None;
        for (r, _) in shared {
            // One side must be a single document: the index sees a story
            // before all its copies have arrived, so two young stories of
            // several documents (day 1 and day 2 of one event) may still
            // look copy-free; a lone document is what a rewrite is.
            let Some(sim) = self
                .stories
                .get(&r)
                .filter(|other| story.profiled == 1 || other.profiled == 1)
                .and_then(|other| story.joins(other))
            else {
                continue;
            };
            if best.is_none_or(|(b, br)| sim > b || (sim == b && r < br)) {
                best = Some((sim, r));
            }
        }
        best.map(|(_, r)| r)
    }

    /// The incremental form of the shared-template veto ([`Rest`]): what
    /// the new document says outside the paragraphs it shares with story
    /// `root` (`rest`, its remainder profile) has nothing to do with that
    /// story's centroid.
    pub(crate) fn unrelated_rest(&self, root: u32, rest: &Profile) -> bool {
        let Some(story) = self.stories.get(&root) else {
            return false;
        };
        if rest.terms.len() < MIN_REST_TERMS || story.profiled == 0 {
            return false;
        }
        let norm = story.sum.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        norm > 0.0 && dot(&self.idf.vector(rest), &story.sum) / norm < MAX_REST_SIMILARITY
    }

    /// Records `story` under `root` and posts its top terms (again when
    /// its size reaches a power of two: a big story's heaviest terms settle,
    /// and re-posting them per document would cost a sort per document).
    pub(crate) fn insert(&mut self, root: u32, story: StoryTerms, merged: bool) {
        if merged || story.profiled.is_power_of_two() {
            self.post(root, &story);
        }
        self.stories.insert(root, story);
    }

    fn post(&mut self, root: u32, story: &StoryTerms) {
        for t in story.top_terms() {
            let list = self.postings.entry(t).or_default();
            if list.len() <= MAX_POSTING && !list.contains(&root) {
                list.push(root);
            }
        }
    }

    /// Rebuilds the postings (after loading).
    #[cfg(feature = "serde")]
    pub(crate) fn rebuild(&mut self) {
        self.postings = AHashMap::new();
        let mut roots: Vec<u32> = self.stories.keys().copied().collect();
        roots.sort_unstable();
        for r in roots {
            if let Some(st) = self.stories.remove(&r) {
                self.post(r, &st);
                self.stories.insert(r, st);
            }
        }
    }

    pub(crate) fn heap_bytes(&self) -> usize {
        let map = |cap: usize, entry: usize| cap * (entry + 1);
        map(self.idf.df.capacity(), 8)
            + map(
                self.stories.capacity(),
                4 + std::mem::size_of::<StoryTerms>(),
            )
            + self
                .stories
                .values()
                .map(StoryTerms::heap_bytes)
                .sum::<usize>()
            + map(self.postings.capacity(), 4 + 24)
            + self
                .postings
                .values()
                .map(|v| v.capacity() * 4)
                .sum::<usize>()
            + self.shared.capacity() * 8
            + self.touched.capacity() * 4
    }
}

/// A document's text outside what it shares with another needs this many
/// distinct terms to speak against a link.
const MIN_REST_TERMS: usize = 12;
/// Below this cosine the two remainders are about different things.
const MAX_REST_SIMILARITY: f32 = 0.05;

/// The batch's paragraphs, for judging what two linked documents say
/// outside the text they share.
#[derive(Debug)]
pub(crate) struct Rest<'a> {
    /// Shingles per paragraph (global index).
    pub shingles: &'a [u32],
    /// Term profile per paragraph (global index).
    pub paragraphs: &'a Paragraphs,
    pub offsets: &'a [usize],
    pub idf: &'a Idf,
}

impl Rest<'_> {
    /// The cheap part of [`contradicts`](Self::contradicts): both documents
    /// say a good deal besides what they share. When this is false the
    /// link stands, and nothing else needs computing.
    pub(crate) fn may_contradict(
        &self,
        da: u32,
        shared_a: &[u32],
        db: u32,
        shared_b: &[u32],
    ) -> bool {
        let rest_mass = |d: u32, shared: &[u32]| {
            (self.offsets[d as usize]..self.offsets[d as usize + 1])
                .filter(|p| shared.binary_search(&(*p as u32)).is_err())
                .map(|p| self.shingles[p] as usize)
                .sum::<usize>()
        };
        rest_mass(da, shared_a) >= MIN_REST_TERMS && rest_mass(db, shared_b) >= MIN_REST_TERMS
    }

    /// Whether the shared paragraphs (`shared_a` of document `da`,
    /// `shared_b` of `db`, global indices) are all the two documents have
    /// in common: each says a good deal besides, and those remainders have
    /// nothing to do with each other. Lines an outlet prints under every
    /// story (a station slogan, a newsroom tip line) link its briefs of
    /// unrelated stories that way; a brief that copies one wire paragraph
    /// and sums up the rest does not.
    pub(crate) fn contradicts(&self, da: u32, shared_a: &[u32], db: u32, shared_b: &[u32]) -> bool {
        if !self.may_contradict(da, shared_a, db, shared_b) {
            return false;
        }
        // The remainders' term counts only (their marks are not needed),
        // weighted and normalised in place: the same numbers as
        // `Idf::vector` of the merged profiles, without their allocations.
        let rest = |d: u32, shared: &[u32]| {
            let (from, to) = (self.offsets[d as usize], self.offsets[d as usize + 1]);
            let mut terms: Vec<(u32, f32)> = Vec::new();
            for p in (from..to).filter(|p| shared.binary_search(&(*p as u32)).is_err()) {
                terms.extend_from_slice(&self.paragraphs.get(p).terms);
            }
            summed(terms)
        };
        let (mut ra, mut rb) = (rest(da, shared_a), rest(db, shared_b));
        if ra.len() < MIN_REST_TERMS || rb.len() < MIN_REST_TERMS {
            return false;
        }
        self.idf.weigh(&mut ra);
        self.idf.weigh(&mut rb);
        let sim = dot(&ra, &rb);
        sim < MAX_REST_SIMILARITY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_that_disagree_veto_even_when_names_agree() {
        let names: Vec<u32> = (100..110).collect();
        // Same names, one number of eight shared: another event of the
        // same company.
        let (a, b): (Vec<u32>, Vec<u32>) = ((1..9).collect(), (8..16).collect());
        assert!(!marks_agree((&a, &b), (&names, &names)));
        // Half the numbers shared: a rewrite.
        let c: Vec<u32> = (5..13).collect();
        assert!(marks_agree((&a, &c), (&names, &names)));
    }

    #[test]
    fn numbers_that_agree_do_not_carry_names_that_disagree() {
        // Every number shared, one name of ten: the same results table
        // told about other teams.
        let numbers: Vec<u32> = (1..21).collect();
        let (a, b): (Vec<u32>, Vec<u32>) = ((100..110).collect(), (109..119).collect());
        assert!(!marks_agree((&numbers, &numbers), (&a, &b)));
        // Three names of ten shared: a rewrite (stories-dev's join on
        // fewest names is between 0.3 and 0.4).
        let c: Vec<u32> = (107..117).collect();
        assert!(marks_agree((&numbers, &numbers), (&a, &c)));
        // Fewer than MIN_MARKS names on one side: the numbers decide.
        let few: Vec<u32> = (200..203).collect();
        assert!(marks_agree((&numbers, &numbers), (&a, &few)));
    }

    #[test]
    fn names_alone_must_agree_more() {
        let a: Vec<u32> = (0..10).collect();
        let b: Vec<u32> = (5..20).collect();
        // 5 of 10 names without numbers: enough for a pooled judgement,
        // not for names alone below half.
        assert!(marks_agree((&[], &[]), (&a, &b)));
        let c: Vec<u32> = (6..20).collect();
        assert!(!marks_agree((&[], &[]), (&a, &c)));
        // Too few marks to judge at all.
        assert!(marks_agree((&[], &[]), (&[1, 2], &[3, 4])));
    }

    proptest::proptest! {
        /// In-place sums and unions equal the merges, bit for bit.
        #[test]
        fn in_place_sums_equal_merges(
            a in proptest::collection::btree_map(0u32..300, -4.0f32..4.0, 0..60),
            b in proptest::collection::btree_map(0u32..300, -4.0f32..4.0, 0..60),
            subset in proptest::bool::ANY,
        ) {
            let a: Vec<(u32, f32)> = a.into_iter().collect();
            let mut b: Vec<(u32, f32)> = b.into_iter().collect();
            if subset {
                // Keys of the smaller side all in the bigger: the in-place path.
                b = a.iter().step_by(2).map(|&(k, _)| (k, 0.5)).collect();
            }
            let want = add(&a, &b);
            let mut got = a.clone();
            add_assign(&mut got, b.clone());
            let bits = |v: &[(u32, f32)]| v.iter().map(|x| (x.0, x.1.to_bits())).collect::<Vec<_>>();
            proptest::prop_assert_eq!(bits(&got), bits(&want));
            let (ka, kb): (Vec<u32>, Vec<u32>) = (a.iter().map(|x| x.0).collect(), b.iter().map(|x| x.0).collect());
            let mut u = kb.clone();
            union_assign(&mut u, ka.clone());
            proptest::prop_assert_eq!(&u, &distinct([ka.as_slice(), kb.as_slice()].concat()));
            proptest::prop_assert_eq!(union(&ka, &kb), u);
        }
    }

    proptest::proptest! {
        /// Galloping through the bigger vector gives the merge's sum, bit
        /// for bit.
        #[test]
        fn galloping_dot_equals_the_merge(
            a in proptest::collection::btree_map(0u32..5000, -4.0f32..4.0, 0..40),
            b in proptest::collection::btree_map(0u32..5000, -4.0f32..4.0, 0..2000),
        ) {
            let a: Vec<(u32, f32)> = a.into_iter().collect();
            let b: Vec<(u32, f32)> = b.into_iter().collect();
            proptest::prop_assert_eq!(dot(&a, &b).to_bits(), merge_dot(&a, &b).to_bits());
            proptest::prop_assert_eq!(dot(&b, &a).to_bits(), merge_dot(&a, &b).to_bits());
        }
    }

    #[test]
    fn merged_profiles_add_counts_and_unite_marks() {
        let p = Profile {
            terms: vec![(1, 1.0), (3, 2.0)].into(),
            numbers: vec![7].into(),
            names: vec![9].into(),
        };
        let q = Profile {
            terms: vec![(2, 1.0), (3, 1.0)].into(),
            numbers: vec![7, 8].into(),
            names: vec![].into(),
        };
        let m = Profile::merged([&p, &q].into_iter());
        assert_eq!(&*m.terms, &[(1, 1.0), (2, 1.0), (3, 3.0)]);
        assert_eq!(&*m.numbers, &[7, 8]);
        assert_eq!(&*m.names, &[9]);
    }
}
