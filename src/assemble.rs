//! Unique content of one story: which paragraphs to keep, in what order,
//! and who carries each.
//!
//! **Selection.** The story's paragraphs are visited longest first (ties:
//! the more complete document, then input position). A paragraph is dropped
//! when the already-kept paragraphs it near-duplicates together cover at
//! least `coverage` of its shingles; otherwise it is kept. Longest-first
//! means the fullest variant of a statement is the one kept (an untrimmed
//! ending over a clipped one, a merged paragraph over its parts, a paragraph
//! over the standfirst that repeats its first sentence), and coverage by the
//! *union* of kept neighbours drops a merged paragraph whose parts were
//! already kept.
//!
//! **Order.** Follow the most complete document (most shingles); then walk
//! each other document in turn and insert its kept paragraphs right after
//! the output position of its nearest preceding paragraph that is already
//! represented (or before the next one, for a leading paragraph).

use ahash::{AHashMap, AHashSet};

use crate::features::{Featurizer, Table, intersection};
use crate::segment;
use crate::statements::Statements;
use crate::story::lexical::Idf;

/// The outcome of sentence trimming.
pub(crate) enum Trim {
    Whole,
    Part(String),
    Nothing,
}

/// Shingles a kept paragraph must share with a trimmed one to count as
/// carrying some of its trimmed sentences (a clause, not a stock phrase).
const MIN_CARRIED: usize = 4;

/// Shingles of a covered paragraph that no kept neighbour has, from which
/// its sentences are judged one by one (also at least a fifth of it;
/// fewer: a light edit of a copy, not a sentence of its own).
const MIN_OWN_SHINGLES: usize = 4;
/// A sentence of such a paragraph is its own when less than this share of
/// it is carried by the kept neighbours (new text, not a light edit of a
/// copied sentence).
const NEW_SENTENCE_COVERAGE: f64 = 0.2;

/// Printed paragraphs a shingle may be in and still count as provenance
/// evidence (see the sources pass in [`assemble`]).
const MAX_PRINTED_RUN: usize = 64;

/// Sentences shorter than this follow the fate of the sentence before them
/// (or after, for a leading one): alone they are too short to judge.
const MIN_JUDGED_WORDS: usize = 5;

/// Drops the sentences of `text` whose shingles are at least `coverage`
/// in `seen`.
pub(crate) fn trim_sentences(
    text: &str,
    seen: impl Fn(u32) -> bool,
    coverage: f64,
    k: usize,
    fz: &mut Featurizer,
) -> Trim {
    let sentences: Vec<&str> = segment::sentences(text).collect();
    if sentences.len() < 2 {
        return Trim::Whole;
    }
    // Group short sentences with a neighbour.
    let mut units: Vec<(usize, usize)> = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        let short = segment::word_count_upto(s, MIN_JUDGED_WORDS) < MIN_JUDGED_WORDS;
        match units.last_mut() {
            Some(last) if short => last.1 = i + 1,
            _ => units.push((i, i + 1)),
        }
    }
    if units.len() > 1
        && units[0].1 - units[0].0 == 1
        && segment::word_count_upto(sentences[0], MIN_JUDGED_WORDS) < MIN_JUDGED_WORDS
    {
        let first = units.remove(0);
        units[0].0 = first.0;
    }
    let mut keep = Vec::with_capacity(units.len());
    for &(a, b) in &units {
        let joined = sentences[a..b].join(" ");
        let shingles = fz.shingles(&joined, k);
        let covered = shingles.iter().filter(|&&s| seen(s)).count();
        keep.push((covered as f64) < coverage * shingles.len().max(1) as f64);
    }
    if keep.iter().all(|&x| x) {
        Trim::Whole
    } else if keep.iter().all(|&x| !x) {
        Trim::Nothing
    } else {
        let parts: Vec<&str> = units
            .iter()
            .zip(&keep)
            .filter(|(_, k)| **k)
            .flat_map(|(&(a, b), _)| sentences[a..b].iter().copied())
            .collect();
        Trim::Part(parts.join(" "))
    }
}

/// Each paragraph's verified near-duplicates, `(other, shared shingles)`,
/// in one flat list (a list per paragraph would cost a header and spare
/// capacity for each of a large batch's paragraphs).
#[derive(Debug, Default)]
pub(crate) struct Neighbors {
    start: Vec<usize>,
    list: Vec<(u32, u32)>,
}

impl Neighbors {
    /// From the pairs `(a, b, shared)` over `n` paragraphs: each pair is in
    /// both paragraphs' lists, which keep the pairs' order.
    pub(crate) fn from_pairs<I>(n: usize, pairs: I) -> Neighbors
    where
        I: Iterator<Item = (u32, u32, u32)> + Clone,
    {
        let mut start = vec![0usize; n + 1];
        for (a, b, _) in pairs.clone() {
            start[a as usize + 1] += 1;
            start[b as usize + 1] += 1;
        }
        for i in 0..n {
            start[i + 1] += start[i];
        }
        let mut fill = start.clone();
        let mut list = vec![(0u32, 0u32); start[n]];
        for (a, b, shared) in pairs {
            list[fill[a as usize]] = (b, shared);
            fill[a as usize] += 1;
            list[fill[b as usize]] = (a, shared);
            fill[b as usize] += 1;
        }
        Neighbors { start, list }
    }

    /// The near-duplicates of paragraph `p`.
    pub(crate) fn of(&self, p: u32) -> &[(u32, u32)] {
        let p = p as usize;
        match (self.start.get(p), self.start.get(p + 1)) {
            (Some(&a), Some(&b)) => &self.list[a..b],
            _ => &[],
        }
    }
}

/// What one story's assembly needs.
pub(crate) struct StoryInput<'a> {
    /// Member documents (batch indices, ascending).
    pub docs: &'a [u32],
    /// Paragraph ranges per batch document: `offsets[d]..offsets[d + 1]`.
    pub offsets: &'a [usize],
    pub features: &'a Table,
    /// Document ids, by batch index (tie-breaking independent of input order).
    pub ids: &'a [&'a str],
    /// Verified near-duplicates of each paragraph: (other, shared shingles).
    pub neighbors: &'a Neighbors,
    /// Each paragraph's class of identical paragraphs (the class's lowest
    /// index): a neighbour whose identical twin is kept counts as kept.
    pub class_of: &'a [u32],
    pub coverage: f64,
    /// Paragraph texts, by global index (for sentence trimming).
    pub texts: &'a [&'a str],
    /// Words per shingle.
    pub shingle_words: usize,
    /// Document frequencies for statement-level dedup (`None`: paragraphs
    /// and shingle-trimmed sentences only).
    pub idf: Option<&'a Idf>,
    /// A sentence encoder for statement dedup (feature `semantic`).
    #[cfg(feature = "semantic")]
    pub encoder: Option<&'a crate::SentenceEncoder>,
}

/// The assembled story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assembled {
    /// Kept paragraphs in reading order, each with its sources (the kept
    /// paragraph first, then the others ascending) and, when some of its
    /// sentences were already said by a kept paragraph, the remaining text.
    pub paragraphs: Vec<(u32, Vec<u32>, Option<String>)>,
    /// Dropped paragraphs and the kept paragraph that covers them.
    pub dropped: Vec<(u32, u32)>,
}

pub(crate) fn assemble(inp: &StoryInput<'_>) -> Assembled {
    let range = |d: u32| inp.offsets[d as usize] as u32..inp.offsets[d as usize + 1] as u32;
    let len = |p: u32| inp.features[p as usize].shingles.len();
    let mass = |d: u32| range(d).map(len).sum::<usize>();

    // Documents by completeness, ties by id: independent of input order.
    let mut by_rank: Vec<u32> = inp.docs.to_vec();
    by_rank.sort_by(|&a, &b| {
        mass(b)
            .cmp(&mass(a))
            .then_with(|| inp.ids[a as usize].cmp(inp.ids[b as usize]))
    });
    let mut rank: AHashMap<u32, usize> = AHashMap::with_capacity(by_rank.len());
    for (i, &d) in by_rank.iter().enumerate() {
        rank.insert(d, i);
    }
    let mut doc_of: AHashMap<u32, u32> = AHashMap::new();
    let mut members: Vec<u32> = Vec::new();
    for &d in inp.docs {
        for p in range(d) {
            doc_of.insert(p, d);
            members.push(p);
        }
    }

    // Selection.
    let mut order = members.clone();
    order.sort_by(|&a, &b| {
        len(b)
            .cmp(&len(a))
            .then_with(|| rank[&doc_of[&a]].cmp(&rank[&doc_of[&b]]))
            .then_with(|| {
                (a - inp.offsets[doc_of[&a] as usize] as u32)
                    .cmp(&(b - inp.offsets[doc_of[&b] as usize] as u32))
            })
    });
    // A paragraph's place independent of input order (ties go to the
    // earlier paragraph of the more complete document).
    let at = |p: u32| {
        let d = doc_of[&p];
        (rank[&d], p - inp.offsets[d as usize] as u32)
    };
    let mut kept: AHashMap<u32, bool> = AHashMap::with_capacity(members.len());
    let mut rep: AHashMap<u32, u32> = AHashMap::with_capacity(members.len());
    let mut dropped = Vec::new();
    let mut fz = Featurizer::default();
    let mut kept_sets: AHashMap<(u64, usize), Vec<u32>> = AHashMap::new();
    // Class of identical paragraphs → its first kept member.
    let mut class_kept: AHashMap<u32, u32> = AHashMap::new();
    for &p in &order {
        let own = &inp.features[p as usize].shingles;
        // Kept neighbours; a neighbour whose identical twin was kept is
        // that twin (classes of many copies are linked through one member,
        // so the kept copy need not be a neighbour itself).
        let kept_nbrs: Vec<(u32, u32)> = inp
            .neighbors
            .of(p)
            .iter()
            .filter_map(|&(q, sh)| {
                if kept.get(&q).copied().unwrap_or(false) {
                    Some((q, sh))
                } else {
                    class_kept.get(&inp.class_of[q as usize]).map(|&k| (k, sh))
                }
            })
            .collect();
        // An identical twin already kept (a class of many copies is linked
        // through one member only, so the twin may not be a neighbour).
        let twin = (!own.is_empty() && !kept_nbrs.iter().any(|&(_, sh)| sh as usize >= own.len()))
            .then(|| {
                let f = &inp.features[p as usize];
                kept_sets.get(&(f.simhash, own.len())).and_then(|qs| {
                    qs.iter()
                        .copied()
                        .find(|&q| inp.features[q as usize].shingles == *own)
                })
            })
            .flatten();
        if let Some(q) = twin {
            kept.insert(p, false);
            rep.insert(p, q);
            dropped.push((p, q));
            continue;
        }
        let keep = if kept_nbrs.is_empty() || own.is_empty() {
            true
        } else if kept_nbrs.iter().any(|&(_, sh)| sh as usize >= own.len()) {
            // A neighbour shares all its shingles (or a caller's similarity
            // accepted the pair, which counts as all).
            false
        } else {
            let covered = own
                .iter()
                .filter(|s| {
                    kept_nbrs
                        .iter()
                        .any(|(q, _)| inp.features[*q as usize].shingles.binary_search(s).is_ok())
                })
                .count();
            // Covered as a whole; but a paragraph that merges a copied
            // sentence with one of its own keeps its own: it stays, and
            // sentence trimming below removes what is carried elsewhere.
            (covered as f64) < inp.coverage * own.len() as f64
                || (own.len() - covered >= MIN_OWN_SHINGLES.max(own.len() / 5)
                    && segment::sentences(inp.texts[p as usize]).nth(1).is_some()
                    && !matches!(
                        trim_sentences(
                            inp.texts[p as usize],
                            |h| kept_nbrs.iter().any(|(q, _)| {
                                inp.features[*q as usize].shingles.binary_search(&h).is_ok()
                            }),
                            NEW_SENTENCE_COVERAGE,
                            inp.shingle_words,
                            &mut fz,
                        ),
                        Trim::Nothing
                    ))
        };
        if keep {
            kept.insert(p, true);
            rep.insert(p, p);
            class_kept.entry(inp.class_of[p as usize]).or_insert(p);
            if !own.is_empty() {
                kept_sets
                    .entry((inp.features[p as usize].simhash, own.len()))
                    .or_default()
                    .push(p);
            }
        } else {
            // The neighbour sharing most (ties: lowest index) represents p.
            let (best, _) = kept_nbrs
                .iter()
                .copied()
                .max_by(|x, y| x.1.cmp(&y.1).then_with(|| at(y.0).cmp(&at(x.0))))
                .unwrap_or((p, 0));
            kept.insert(p, false);
            rep.insert(p, best);
            dropped.push((p, best));
        }
    }
    // Sentence trimming: a kept paragraph loses the sentences that
    // longer kept paragraphs of the story already carry.
    let mut trimmed: AHashMap<u32, String> = AHashMap::new();
    let mut seen: AHashSet<u32> = AHashSet::new();
    let mut kept_order: Vec<u32> = Vec::new();
    let mut trims: Vec<(u32, u32)> = Vec::new();
    // The kept paragraphs (but `except`) that carry a clause of `p` get it
    // as a source.
    let credit_carriers =
        |kept: &[u32], except: Option<u32>, p: u32, trims: &mut Vec<(u32, u32)>| {
            let own = &inp.features[p as usize].shingles;
            trims.extend(
                kept.iter()
                    .filter(|&&q| {
                        Some(q) != except
                            && intersection(own, &inp.features[q as usize].shingles) >= MIN_CARRIED
                    })
                    .map(|&q| (q, p)),
            );
        };
    for &p in &order {
        if !kept[&p] {
            continue;
        }
        let own = &inp.features[p as usize].shingles;
        let overlap = own.iter().filter(|s| seen.contains(*s)).count();
        if overlap > 0 {
            match trim_sentences(
                inp.texts[p as usize],
                |h| seen.contains(&h),
                inp.coverage,
                inp.shingle_words,
                &mut fz,
            ) {
                Trim::Whole => {}
                Trim::Part(text) => {
                    trimmed.insert(p, text);
                    // The kept paragraphs that carry the trimmed sentences
                    // get its documents as sources.
                    credit_carriers(&kept_order, None, p, &mut trims);
                }
                Trim::Nothing => {
                    // Everything it says is said: represent it by the kept
                    // paragraph sharing the most shingles.
                    let best = kept_order
                        .iter()
                        .map(|&q| (intersection(own, &inp.features[q as usize].shingles), q))
                        .max_by(|x, y| x.0.cmp(&y.0).then_with(|| at(y.1).cmp(&at(x.1))))
                        .map_or(p, |(_, q)| q);
                    if best != p {
                        kept.insert(p, false);
                        rep.insert(p, best);
                        dropped.push((p, best));
                        // The other kept paragraphs that carry some of it
                        // get it as a source too.
                        credit_carriers(&kept_order, Some(best), p, &mut trims);
                        continue;
                    }
                }
            }
        }
        seen.extend(own.iter().copied());
        kept_order.push(p);
    }
    // Statements: kept paragraphs, those more documents carry first, lose
    // the sentences an earlier kept sentence already says in other words.
    // `extra` holds (paragraph, member) source links beside `rep`: first
    // those of the sentence trimming (a trimmed paragraph and the members it
    // represents are sources of the paragraphs carrying what was trimmed).
    let mut extra: Vec<(u32, u32)> = Vec::new();
    // A dropped paragraph is also a source of the other kept neighbours
    // that carry part of it: half of themselves, or a clause of it (a
    // dropped paragraph can merge two kept ones).
    for &p in &members {
        if kept[&p] {
            continue;
        }
        for &(q, shared) in inp.neighbors.of(p) {
            let carries = kept.get(&q).copied().unwrap_or(false)
                && q != rep[&p]
                && (shared as f64 >= 0.5 * len(q) as f64
                    || (shared as usize >= MIN_CARRIED && shared as f64 >= 0.25 * len(p) as f64));
            if carries {
                trims.push((q, p));
            }
        }
    }
    if !trims.is_empty() {
        let mut represented: AHashMap<u32, Vec<u32>> = AHashMap::new();
        for &m in &members {
            represented.entry(rep[&m]).or_default().push(m);
        }
        for &(q, p) in &trims {
            extra.push((q, p));
            if let Some(ms) = represented.get(&p) {
                extra.extend(ms.iter().filter(|&&m| m != p).map(|&m| (q, m)));
            }
        }
    }
    // Statements are judged across versions: a story of one document has
    // none to compare (its repeated paragraphs went above), and a long
    // scrape of distinct lines would pay for nothing.
    if let Some(idf) = inp.idf.filter(|_| inp.docs.len() > 1) {
        let mut carried: AHashMap<u32, Vec<u32>> = AHashMap::new();
        for &p in &members {
            carried.entry(rep[&p]).or_default().push(p);
        }
        let mut credited: AHashMap<u32, Vec<u32>> = AHashMap::new();
        for &(q, m) in &extra {
            credited.entry(q).or_default().push(m);
        }
        let carriers = |r: u32| {
            let mut ds: Vec<u32> = carried
                .get(&r)
                .map(|ps| ps.iter().map(|p| doc_of[p]).collect())
                .unwrap_or_default();
            ds.sort_unstable();
            ds.dedup();
            ds.len()
        };
        let mut by_priority: Vec<(usize, usize, u32)> = kept_order
            .iter()
            .enumerate()
            .map(|(i, &r)| (usize::MAX - carriers(r), i, r))
            .collect();
        by_priority.sort_unstable();
        #[allow(unused_mut)]
        let mut st = Statements::new(idf, inp.shingle_words);
        #[cfg(feature = "semantic")]
        if let Some(e) = inp.encoder {
            st = st.with_encoder(e);
        }
        for (_, _, r) in by_priority {
            let text: String = trimmed
                .get(&r)
                .cloned()
                .unwrap_or_else(|| inp.texts[r as usize].to_owned());
            let units = st.units(&text);
            let covers: Vec<Option<u32>> = units.iter().map(|u| st.covering(u)).collect();
            if covers.iter().all(Option::is_none) {
                for u in units {
                    st.keep(r, u);
                }
                continue;
            }
            let members_of_r = carried.remove(&r).unwrap_or_default();
            // Those r represents, and those credited to r for sentences
            // trimmed from their own paragraphs: all follow what r says.
            let mut credit: Vec<u32> = members_of_r.clone();
            credit.extend(credited.get(&r).into_iter().flatten().copied());
            if covers.iter().all(Option::is_some) {
                // Everything it says is said: its documents go to the
                // paragraph covering its first statement.
                let to = covers[0].unwrap_or(r);
                kept.insert(r, false);
                for &p in &members_of_r {
                    rep.insert(p, to);
                    carried.entry(to).or_default().push(p);
                }
                if let Some(cr) = credited.remove(&r) {
                    extra.extend(cr.iter().map(|&m| (to, m)));
                }
                for c in covers.iter().skip(1).flatten() {
                    if *c != to {
                        extra.extend(credit.iter().map(|&p| (*c, p)));
                    }
                }
                trimmed.remove(&r);
                continue;
            }
            let mut left: Vec<&str> = Vec::new();
            for (u, c) in units.iter().zip(&covers) {
                match c {
                    Some(c) => extra.extend(credit.iter().map(|&p| (*c, p))),
                    None => left.push(&text[u.range.0..u.range.1]),
                }
            }
            trimmed.insert(r, left.join(" "));
            for (u, c) in units.into_iter().zip(&covers) {
                if c.is_none() {
                    st.keep(r, u);
                }
            }
            carried.insert(r, members_of_r);
        }
    }
    // A paragraph dropped for a representative that a later step dropped
    // in turn points at that one's representative: every paragraph not kept
    // points at a kept paragraph.
    for &p in &members {
        let mut r = rep[&p];
        let mut steps = 0;
        while !kept[&r] && steps < members.len() {
            r = rep[&r];
            steps += 1;
        }
        rep.insert(p, r);
    }
    dropped = members
        .iter()
        .filter(|p| !kept[p])
        .map(|&p| (p, rep[&p]))
        .collect();
    dropped.sort_unstable();

    // Order, in a linked list over the placed paragraphs (an insertion
    // after or before a placed one is O(1); a position lookup is the node
    // itself): linear in the story's paragraphs.
    let mut order_list = Order::default();
    for &d in &by_rank {
        let mut anchor: Option<u32> = None;
        let mut pending: Vec<u32> = Vec::new();
        let mut pending_set: AHashSet<u32> = AHashSet::new();
        for p in range(d) {
            let r = rep[&p];
            if order_list.contains(r) {
                // What this document had before its first placed paragraph
                // goes right before it.
                for q in pending.drain(..) {
                    order_list.insert_before(r, q);
                }
                pending_set.clear();
                anchor = Some(r);
            } else if !pending_set.contains(&r) {
                if let Some(a) = anchor {
                    order_list.insert_after(a, r);
                    anchor = Some(r);
                } else {
                    pending.push(r);
                    pending_set.insert(r);
                }
            }
        }
        for r in pending {
            order_list.push_back(r);
        }
    }
    let out: Vec<u32> = order_list.into_vec();

    // Sources.
    let mut sources: AHashMap<u32, Vec<u32>> = AHashMap::with_capacity(out.len());
    for &(q, p) in &extra {
        if kept[&q] {
            sources.entry(q).or_default().push(p);
        }
    }
    for &p in &members {
        sources.entry(rep[&p]).or_default().push(p);
    }
    // Whatever the steps above did, a member is a source of every output
    // paragraph that prints a clause of it: at least MIN_CARRIED of its
    // shingles, and half of it or half of the output paragraph. An
    // inverted index over the printed text (trimmed paragraphs shingled
    // again; sorted (shingle, position) entries) keeps this linear in the
    // story's shingles.
    let mut printed: Vec<(u32, u32)> = Vec::new();
    let mut printed_len: Vec<usize> = Vec::with_capacity(out.len());
    for (i, &r) in out.iter().enumerate() {
        let shingles: &[u32] = match trimmed.get(&r) {
            Some(t) => fz.shingles(t, inp.shingle_words),
            None => &inp.features[r as usize].shingles,
        };
        printed_len.push(shingles.len());
        printed.extend(shingles.iter().map(|&h| (h, i as u32)));
    }
    printed.sort_unstable();
    printed.dedup();
    // Each printed shingle's run of positions, found with one lookup.
    let mut runs: AHashMap<u32, (u32, u32)> = AHashMap::with_capacity(printed.len());
    for (at, run) in printed.chunk_by(|x, y| x.0 == y.0).scan(0u32, |at, run| {
        let start = *at;
        *at += run.len() as u32;
        Some((start, run))
    }) {
        runs.insert(run[0].0, (at, at + run.len() as u32));
    }
    let mut hits: Vec<usize> = vec![0; out.len()];
    let mut touched: Vec<u32> = Vec::new();
    for &p in &members {
        let own = &inp.features[p as usize].shingles;
        for h in own.iter() {
            let Some(&(from, to)) = runs.get(h) else {
                continue;
            };
            // A shingle printed in this many paragraphs is the story's
            // formula, not a clause one member carries ("of the", a
            // template line): counting it would make this pass quadratic.
            if (to - from) as usize > MAX_PRINTED_RUN {
                continue;
            }
            for &(_, i) in &printed[from as usize..to as usize] {
                if hits[i as usize] == 0 {
                    touched.push(i);
                }
                hits[i as usize] += 1;
            }
        }
        for i in touched.drain(..) {
            let n = std::mem::take(&mut hits[i as usize]);
            let r = out[i as usize];
            if r != rep[&p]
                && n >= MIN_CARRIED
                && (n * 2 >= own.len() || n * 2 >= printed_len[i as usize])
            {
                sources.entry(r).or_default().push(p);
            }
        }
    }
    let paragraphs = out
        .into_iter()
        .map(|r| {
            let mut s = sources.remove(&r).unwrap_or_default();
            s.sort_unstable();
            s.dedup();
            s.retain(|&x| x != r);
            s.insert(0, r);
            let text = trimmed.remove(&r);
            (r, s, text)
        })
        .collect();
    Assembled {
        paragraphs,
        dropped,
    }
}

/// A doubly linked list of paragraphs (by id) for the reading order.
#[derive(Default)]
struct Order {
    /// Paragraph → (previous, next); `None` at the ends.
    links: AHashMap<u32, (Option<u32>, Option<u32>)>,
    head: Option<u32>,
    tail: Option<u32>,
}

impl Order {
    fn contains(&self, p: u32) -> bool {
        self.links.contains_key(&p)
    }

    fn push_back(&mut self, p: u32) {
        self.links.insert(p, (self.tail, None));
        match self.tail {
            Some(t) => self.set_next(t, Some(p)),
            None => self.head = Some(p),
        }
        self.tail = Some(p);
    }

    /// Inserts `p` right after the placed paragraph `at`.
    fn insert_after(&mut self, at: u32, p: u32) {
        let next = self.links[&at].1;
        self.links.insert(p, (Some(at), next));
        self.set_next(at, Some(p));
        match next {
            Some(n) => self.set_prev(n, Some(p)),
            None => self.tail = Some(p),
        }
    }

    /// Inserts `p` right before the placed paragraph `at`.
    fn insert_before(&mut self, at: u32, p: u32) {
        let prev = self.links[&at].0;
        self.links.insert(p, (prev, Some(at)));
        self.set_prev(at, Some(p));
        match prev {
            Some(q) => self.set_next(q, Some(p)),
            None => self.head = Some(p),
        }
    }

    fn set_next(&mut self, p: u32, next: Option<u32>) {
        if let Some(l) = self.links.get_mut(&p) {
            l.1 = next;
        }
    }

    fn set_prev(&mut self, p: u32, prev: Option<u32>) {
        if let Some(l) = self.links.get_mut(&p) {
            l.0 = prev;
        }
    }

    fn into_vec(self) -> Vec<u32> {
        let mut out = Vec::with_capacity(self.links.len());
        let mut at = self.head;
        while let Some(p) = at {
            out.push(p);
            at = self.links[&p].1;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Featurizer;
    use crate::verify::verify;

    fn run(docs: &[&[&str]]) -> (Vec<String>, Assembled) {
        let mut texts = Vec::new();
        let mut offsets = vec![0];
        for d in docs {
            texts.extend(d.iter().map(|s| s.to_string()));
            offsets.push(texts.len());
        }
        let mut fz = Featurizer::default();
        let features = Table::from(texts.iter().map(|t| fz.features(t, 3)).collect::<Vec<_>>());
        let mut pairs = Vec::new();
        for a in 0..texts.len() {
            for b in a + 1..texts.len() {
                if let Some(s) = verify(&features[a], &features[b], 0.5) {
                    pairs.push((a as u32, b as u32, s));
                }
            }
        }
        let neighbors = Neighbors::from_pairs(texts.len(), pairs.iter().copied());
        let ids: Vec<String> = (0..docs.len()).map(|i| format!("d{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let doc_idx: Vec<u32> = (0..docs.len() as u32).collect();
        let text_refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let class_of: Vec<u32> = (0..texts.len() as u32).collect();
        let a = assemble(&StoryInput {
            docs: &doc_idx,
            offsets: &offsets,
            features: &features,
            ids: &ids,
            neighbors: &neighbors,
            class_of: &class_of,
            coverage: 0.5,
            texts: &text_refs,
            shingle_words: 3,
            idf: None,
            #[cfg(feature = "semantic")]
            encoder: None,
        });
        let out = a
            .paragraphs
            .iter()
            .map(|(r, _, t)| t.clone().unwrap_or_else(|| texts[*r as usize].clone()))
            .collect();
        (out, a)
    }

    const A: &str = "The Kremlin said on Tuesday that European peacekeepers in Ukraine would be unacceptable to Moscow.";
    const B: &str = "Peskov referred reporters to an earlier statement by Foreign Minister Sergei Lavrov on the matter.";
    const C: &str = "Air raid sirens sounded across Ukraine early on Tuesday as authorities warned of a missile attack.";
    const D: &str =
        "The leaders of the 27 EU member states will meet by video conference on Wednesday.";

    #[test]
    fn each_statement_once_in_reading_order() {
        let (out, a) = run(&[&[A, B, C], &[A, D, B]]);
        assert_eq!(out, [A, D, B, C]);
        assert_eq!(a.dropped.len(), 2);
        // A's sources: both documents.
        assert_eq!(a.paragraphs[0].1, [0, 3]);
    }

    #[test]
    fn merged_paragraph_is_kept_over_its_parts() {
        let merged = format!("{A} {B}");
        let (out, _) = run(&[&[A, B], &[&merged, C]]);
        assert_eq!(out, [merged.as_str(), C]);
    }

    #[test]
    fn sentences_already_said_are_trimmed() {
        let long = format!("{A} {B} Officials gave no further details on Tuesday evening.");
        let partial = format!("{C} {B}");
        let (out, _) = run(&[&[&long], &[&partial]]);
        assert_eq!(out, [long.as_str(), C]);
    }

    #[test]
    fn fuller_variant_wins() {
        let clipped = "The Kremlin said on Tuesday that European peacekeepers in Ukraine would be unacceptable.";
        let (out, _) = run(&[&[clipped, B], &[A]]);
        assert_eq!(out, [A, B]);
    }
}
