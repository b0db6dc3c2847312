//! Shingle story links: documents that share copied text.
//!
//! Documents are linked by their verified near-duplicate paragraphs
//! (union-find over document pairs). A *strong* link (the shared text is
//! at least half of the smaller document) joins two documents outright; a
//! *weak* one (enough shared paragraphs or shingles, but a minority of the
//! text) only attaches a document that no strong link placed. See
//! DESIGN.md, "Stories".

use crate::cluster::UnionFind;
use crate::features::Table;
use crate::sifter::Sifter;
use crate::story::lexical::Rest;
use crate::verify::Match;

/// Paragraphs with fewer shingles than this (about ten words) do not count
/// as evidence that two documents report the same story: section labels and
/// one-line notes recur across unrelated stories.
pub(crate) const MIN_LINK_SHINGLES: usize = 8;

/// Document pairs judged per parallel block.
const PAIR_BLOCK: usize = 1 << 16;

impl Sifter {
    /// The story-link rule for two documents sharing `paras` long
    /// near-duplicate paragraphs and `shared` shingles, the smaller of them
    /// having `small` shingles. See DESIGN.md, "Stories".
    ///
    /// Two documents of the same outlet share its template, so they join
    /// only when they share half of the smaller one (a republished or
    /// updated story).
    pub(crate) fn linked(
        &self,
        paras: usize,
        shared: usize,
        small: usize,
        same_outlet: bool,
    ) -> bool {
        let min = self.cfg.story_min_shared_paragraphs;
        let by_mass = shared >= 2 * MIN_LINK_SHINGLES && shared * 10 >= small * 3;
        if same_outlet {
            return shared >= 2 * MIN_LINK_SHINGLES && shared * 2 >= small;
        }
        (paras >= min && shared * 10 >= small)
            || (paras + 1 >= min && paras >= 1 && shared * 5 >= small)
            || by_mass
    }

    /// Groups documents into stories: union-find over document pairs that
    /// share enough near-duplicate content (`mass`: each document's
    /// shingles), and over documents with the same `prints` (a hash of
    /// their paragraphs: exact copies).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn group(
        &self,
        ids: &[&str],
        outlets: &[Option<&str>],
        mass: &[u32],
        para_doc: &[u32],
        features: &Table,
        matches: &[Match],
        rest: Option<&Rest<'_>>,
        prints: &[Option<u64>],
        classes: Option<&[u32]>,
    ) -> (Vec<Vec<u32>>, Vec<bool>) {
        let n_docs = outlets.len();
        let doc_pair = |i: u32| {
            let m = &matches[i as usize];
            (para_doc[m.a as usize], para_doc[m.b as usize])
        };
        let cross = by_document_pair(n_docs, matches, para_doc);
        let popular = popular_paragraphs(features, para_doc, self.cfg.max_bucket);
        // Each document pair is judged on its own, in parallel: the shingle
        // rule, then, for pairs both of whose documents say a good deal
        // besides, the shared-template veto. The verdicts are applied in
        // order (a partition does not depend on the order of its unions),
        // a block of pairs at a time so that memory stays that of a block.
        type Verdict = (u32, u32, usize, usize, Evidence);
        let judge = |g: &&[u32]| -> Option<Verdict> {
            let (da, db) = doc_pair(g[0]);
            let g = || g.iter().map(|&i| &matches[i as usize]);
            // Short paragraphs (labels, one-line notes) do not count as
            // shared paragraphs, only through the shared-mass rule.
            let long = |m: &&Match| {
                features[m.a as usize]
                    .shingles
                    .len()
                    .min(features[m.b as usize].shingles.len())
                    >= MIN_LINK_SHINGLES
            };
            let mut pa: Vec<u32> = g().filter(long).map(|m| m.a).collect();
            let mut pb: Vec<u32> = g().filter(long).map(|m| m.b).collect();
            pa.sort_unstable();
            pa.dedup();
            pb.sort_unstable();
            pb.dedup();
            let shared_paras = pa.len().min(pb.len());
            let shared: usize = g().map(|m| m.shared as usize).sum();
            let small = mass[da as usize].min(mass[db as usize]).max(1) as usize;
            let same_outlet =
                outlets[da as usize].is_some() && outlets[da as usize] == outlets[db as usize];
            if !self.linked(shared_paras, shared, small, same_outlet) {
                return None;
            }
            // Lines carried by hundreds of documents (a headline of a
            // related-stories list, a formula, a syndicated paragraph) that
            // are the bulk of one document and a small part of the other: a
            // *thin* link, judged below by what those lines' carriers are.
            let large = mass[da as usize].max(mass[db as usize]) as usize;
            let narrow = shared_paras < self.cfg.story_min_shared_paragraphs && shared * 2 < large;
            let evidence = if narrow && g().all(|m| popular[m.a as usize] && popular[m.b as usize])
            {
                Evidence::Thin(g().map(|m| m.a).collect())
            } else if narrow && shared * 2 >= small {
                Evidence::Narrow(g().map(|m| (m.a, m.b)).collect())
            } else {
                Evidence::Plain
            };
            if let Some(r) = rest {
                let mut sa: Vec<u32> = g().map(|m| m.a).collect();
                let mut sb: Vec<u32> = g().map(|m| m.b).collect();
                sa.sort_unstable();
                sa.dedup();
                sb.sort_unstable();
                sb.dedup();
                if r.may_contradict(da, &sa, db, &sb) && r.contradicts(da, &sa, db, &sb) {
                    return None;
                }
            }
            Some((da, db, shared, small, evidence))
        };
        let mut uf = UnionFind::new(n_docs);
        let mut weak: Vec<(u64, u32, u32)> = Vec::new();
        let mut thin_links: Vec<(u64, u32, u32, Box<[u32]>)> = Vec::new();
        let mut narrow_links: Vec<(u32, u32, PairLines)> = Vec::new();
        let mut pairs = cross.chunk_by(|&x, &y| doc_pair(x) == doc_pair(y));
        loop {
            let block: Vec<&[u32]> = pairs.by_ref().take(PAIR_BLOCK).collect();
            if block.is_empty() {
                break;
            }
            for (da, db, shared, small, evidence) in
                crate::par::map(&block, judge).into_iter().flatten()
            {
                let score = shared as u64 * 1_000_000 / small as u64;
                match evidence {
                    Evidence::Thin(lines) => thin_links.push((score, da, db, lines)),
                    Evidence::Narrow(lines) => narrow_links.push((da, db, lines)),
                    Evidence::Plain if shared * 2 >= small => uf.union(da, db),
                    Evidence::Plain => weak.push((score, da, db)),
                }
            }
        }
        // Exact copies (the same paragraphs, word for word) are one story
        // however short: a one-line document under the shingle threshold
        // has no shingle evidence to link it.
        let mut printed: Vec<(u64, u32)> = prints
            .iter()
            .enumerate()
            .filter_map(|(d, p)| p.map(|p| (p, d as u32)))
            .collect();
        printed.sort_unstable();
        for run in printed.chunk_by(|x, y| x.0 == y.0) {
            for x in &run[1..] {
                uf.union(run[0].1, x.1);
            }
        }
        // Classes linked through their first members (find_matches, past
        // its expansion budget) leave a document sharing one paragraph with
        // each of many others instead of all of them with its copies: such
        // documents are judged by what they share as a whole.
        if let Some(class_of) = classes {
            for (a, b) in by_shared_clusters(mass, para_doc, features, matches, class_of) {
                uf.union(a, b);
            }
        }
        // A strong link resting on one or two lines that are a minority of
        // the larger document (a short page that is mostly a headline, a
        // quote or a boilerplate line the cleaner kept) joins only when
        // those lines are not spread over several stories: a line that is
        // incidental (carried by at most half of a group's documents) to
        // two or more groups by the links so far, none holding most of its
        // carriers, is no story's evidence (a related-stories headline
        // glued to one page of each of 153 stories, under the popular
        // count, chained them all). A line that is all of each group
        // carrying it (short versions of one story sharing their lead), or
        // mostly in one group, links as before (DESIGN.md, "Stories").
        if !narrow_links.is_empty() {
            let mut keys: Vec<(u64, u32)> = narrow_links
                .iter()
                .flat_map(|(_, _, lines)| lines.iter())
                .flat_map(|&(a, b)| {
                    [
                        line_key(&features[a as usize]),
                        line_key(&features[b as usize]),
                    ]
                })
                .collect();
            keys.sort_unstable();
            keys.dedup();
            let judged: Vec<bool> = (0..para_doc.len())
                .map(|p| keys.binary_search(&line_key(&features[p])).is_ok())
                .collect();
            let mut size = vec![0u32; n_docs];
            for d in 0..n_docs as u32 {
                size[uf.find(d) as usize] += 1;
            }
            let spread: Vec<(u64, u32)> =
                line_carriers(features, para_doc, &judged, &mut uf, &size)
                    .into_iter()
                    .filter(|&(_, c)| c.incidental >= 2 && c.top * 2 <= c.docs)
                    .map(|(k, _)| k)
                    .collect();
            let is_spread = |p: u32| {
                spread
                    .binary_search(&line_key(&features[p as usize]))
                    .is_ok()
            };
            for (da, db, lines) in narrow_links {
                if !lines.iter().all(|&(a, b)| is_spread(a) || is_spread(b)) {
                    uf.union(da, db);
                }
            }
        }
        // A thin link counts, as a weak one, only when each popular line it
        // rests on is a story's own: most of the documents carrying it are
        // in one story by the links so far (a brief of a story that
        // hundreds of outlets syndicate). A line whose carriers are spread
        // over many stories (a related-stories headline, a formula) links
        // nothing: a page left holding little but such lines otherwise
        // joined every story that carries them (DESIGN.md, "Stories").
        if !thin_links.is_empty() {
            let own = own_lines(features, para_doc, &popular, &mut uf);
            weak.extend(
                thin_links
                    .into_iter()
                    .filter(|(_, _, _, lines)| {
                        lines
                            .iter()
                            .all(|&p| own.binary_search(&line_key(&features[p as usize])).is_ok())
                    })
                    .map(|(score, da, db, _)| (score, da, db)),
            );
        }
        // Weak links (a minority of the smaller document's text) only attach
        // a document that no strong link placed in a story yet: a heavily
        // rewritten version joins its story, but two stories whose versions
        // each agree strongly among themselves stay apart when they share
        // only background paragraphs (a follow-up a day later).
        // Strongest first; ties by document ids, so the result does not
        // depend on input order.
        let key = |&(_, a, b): &(u64, u32, u32)| {
            let (x, y) = (ids[a as usize], ids[b as usize]);
            (x.min(y), x.max(y))
        };
        weak.sort_unstable_by(|x, y| y.0.cmp(&x.0).then_with(|| key(x).cmp(&key(y))));
        let mut size = vec![0u32; n_docs];
        for d in 0..n_docs as u32 {
            size[uf.find(d) as usize] += 1;
        }
        for (_, da, db) in weak {
            let (ra, rb) = (uf.find(da), uf.find(db));
            if ra != rb && (size[ra as usize] == 1 || size[rb as usize] == 1) {
                let total = size[ra as usize] + size[rb as usize];
                uf.union(da, db);
                size[uf.find(da) as usize] = total;
            }
        }
        let groups = uf.groups();
        // Any shingle link makes a core: documents that share copy.
        let core = groups.iter().map(|g| g.len() > 1).collect();
        (groups, core)
    }
}

/// What a linked document pair's shared lines are.
enum Evidence {
    /// Enough shared text, or lines that are most of both documents.
    Plain,
    /// Fewer lines than the story rule's count, all popular, a minority of
    /// the larger document: the lines of the first document.
    Thin(Box<[u32]>),
    /// Fewer lines than the story rule's count, a minority of the larger
    /// document but half the smaller (a strong link otherwise): the
    /// matched paragraph pairs.
    Narrow(PairLines),
}

/// Matched paragraph pairs `(a, b)` of a document pair.
type PairLines = Box<[(u32, u32)]>;

/// A line's identity for counting its carriers: fingerprint and shingle
/// count, as the classes of identical paragraphs are told apart.
fn line_key(f: &crate::features::Features) -> (u64, u32) {
    (f.simhash, f.shingles.len() as u32)
}

/// Whether each paragraph's text recurs in more than `cap` documents (the
/// oversized-bucket size of candidate search): texts compared by
/// fingerprint and shingle count, as the classes of identical paragraphs
/// are.
fn popular_paragraphs(features: &Table, para_doc: &[u32], cap: usize) -> Vec<bool> {
    // No line can be in more than `cap` documents of a smaller batch.
    if para_doc.last().is_none_or(|&d| (d as usize) < cap) {
        return vec![false; para_doc.len()];
    }
    let key = |p: usize| line_key(&features[p]);
    let mut carried: Vec<(u64, u32, u32)> = (0..para_doc.len())
        .map(|p| {
            let (h, len) = key(p);
            (h, len, para_doc[p])
        })
        .collect();
    crate::par::sort_unstable(&mut carried);
    carried.dedup();
    let popular: Vec<(u64, u32)> = carried
        .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .filter(|run| run.len() > cap)
        .map(|run| (run[0].0, run[0].1))
        .collect();
    drop(carried);
    (0..para_doc.len())
        .map(|p| !popular.is_empty() && popular.binary_search(&key(p)).is_ok())
        .collect()
}

/// The popular lines (by fingerprint and shingle count) that are a
/// story's own: more than half of the documents carrying one are in one
/// group of `uf`. Sorted.
fn own_lines(
    features: &Table,
    para_doc: &[u32],
    popular: &[bool],
    uf: &mut UnionFind,
) -> Vec<(u64, u32)> {
    line_carriers(features, para_doc, popular, uf, &[])
        .into_iter()
        .filter(|&(_, c)| c.top * 2 > c.docs)
        .map(|(k, _)| k)
        .collect()
}

/// Where a line's carriers are, by the groups of `uf`.
#[derive(Debug, Clone, Copy)]
struct Carriers {
    /// Documents carrying the line.
    docs: usize,
    /// Carriers in the group holding most of them.
    top: usize,
    /// Groups of which the line's carriers are at most half (a line
    /// incidental to a story: a headline glued to one of its pages).
    incidental: usize,
}

/// The carriers of each line (by fingerprint and shingle count) of the
/// paragraphs marked in `lines`, sorted by line. `size` holds each group's
/// documents by root (`incidental` is 0 when it is empty).
fn line_carriers(
    features: &Table,
    para_doc: &[u32],
    lines: &[bool],
    uf: &mut UnionFind,
    size: &[u32],
) -> Vec<((u64, u32), Carriers)> {
    let mut carriers: Vec<(u64, u32, u32, u32)> = (0..para_doc.len())
        .filter(|&p| lines[p])
        .map(|p| {
            let d = para_doc[p];
            let (h, len) = line_key(&features[p]);
            (h, len, uf.find(d), d)
        })
        .collect();
    crate::par::sort_unstable(&mut carriers);
    carriers.dedup();
    carriers
        .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
        .map(|line| {
            let (top, incidental) = line
                .chunk_by(|x, y| x.2 == y.2)
                .fold((0, 0), |(t, i), run| {
                    let minor = size
                        .get(run[0].2 as usize)
                        .is_some_and(|&n| run.len() * 2 <= n as usize);
                    (t.max(run.len()), i + usize::from(minor))
                });
            let docs = line.len();
            (
                (line[0].0, line[0].1),
                Carriers {
                    docs,
                    top,
                    incidental,
                },
            )
        })
        .collect()
}

/// The positions in `matches` of the pairs across two documents, grouped
/// by document pair: ordered by first document, then second, then
/// position (the order of `(a, b)`, as `matches` is sorted). A counting
/// sort by first document, then a stable sort of each document's run by
/// the second: four bytes per pair (a list of `(documents, paragraphs,
/// shared)` records built by collecting held 671 MB at 100k documents).
/// `para_doc` must not decrease, so `a < b` gives the first document.
fn by_document_pair(n_docs: usize, matches: &[Match], para_doc: &[u32]) -> Vec<u32> {
    let docs = |m: &Match| (para_doc[m.a as usize], para_doc[m.b as usize]);
    let mut start = vec![0u32; n_docs + 1];
    for m in matches {
        let (da, db) = docs(m);
        if da != db {
            start[da as usize + 1] += 1;
        }
    }
    for d in 0..n_docs {
        start[d + 1] += start[d];
    }
    let mut at = start.clone();
    let mut out = vec![0u32; start[n_docs] as usize];
    for (i, m) in matches.iter().enumerate() {
        let (da, db) = docs(m);
        if da != db {
            out[at[da as usize] as usize] = i as u32;
            at[da as usize] += 1;
        }
    }
    drop(at);
    let mut runs: Vec<&mut [u32]> = Vec::with_capacity(n_docs);
    let mut rest: &mut [u32] = &mut out;
    for d in 0..n_docs {
        let (run, tail) = rest.split_at_mut((start[d + 1] - start[d]) as usize);
        if run.len() > 1 {
            runs.push(run);
        }
        rest = tail;
    }
    crate::par::for_each_mut(&mut runs, |run| {
        run.sort_by_key(|&i| para_doc[matches[i as usize].b as usize]);
    });
    out
}

/// Document pairs to join when near-duplicate paragraphs are linked class
/// by class: the paragraphs' clusters are found (`clusters_of`), each
/// document's *signature* is the set of clusters of its long paragraphs
/// that reach another document, and documents with the same signature,
/// holding at least half of each one's shingles, are one story (each is
/// joined to the first with its signature). Linear in the links and
/// paragraphs; no document pairs are listed.
fn by_shared_clusters(
    mass: &[u32],
    para_doc: &[u32],
    features: &Table,
    matches: &[Match],
    class_of: &[u32],
) -> Vec<(u32, u32)> {
    let n = para_doc.len();
    let cluster = clusters_of(features, matches, class_of);
    // Clusters holding paragraphs of two or more documents.
    let mut docs_of: Vec<(u32, u32)> = (0..n)
        .filter(|&p| features[p].shingles.len() >= MIN_LINK_SHINGLES)
        .map(|p| (cluster[p], para_doc[p]))
        .collect();
    docs_of.sort_unstable();
    docs_of.dedup();
    let mut shared = vec![false; n];
    for run in docs_of.chunk_by(|x, y| x.0 == y.0) {
        if run.len() > 1 {
            shared[run[0].0 as usize] = true;
        }
    }
    // Each document's signature and the shingles its paragraphs there hold.
    let n_docs = mass.len();
    let mut sig: Vec<Vec<u32>> = vec![Vec::new(); n_docs];
    let mut held = vec![0u64; n_docs];
    for p in 0..n {
        let c = cluster[p];
        if shared[c as usize] && features[p].shingles.len() >= MIN_LINK_SHINGLES {
            let d = para_doc[p] as usize;
            sig[d].push(c);
            held[d] += features[p].shingles.len() as u64;
        }
    }
    let mut keyed: Vec<(Vec<u32>, u32)> = sig
        .into_iter()
        .enumerate()
        .filter_map(|(d, mut s)| {
            s.sort_unstable();
            s.dedup();
            (!s.is_empty() && held[d] * 2 >= u64::from(mass[d])).then_some((s, d as u32))
        })
        .collect();
    keyed.sort_unstable();
    let mut out = Vec::new();
    for run in keyed.chunk_by(|x, y| x.0 == y.0) {
        out.extend(run[1..].iter().map(|x| (run[0].1, x.1)));
    }
    out
}

/// Each paragraph's cluster for [`by_shared_clusters`]: classes of
/// identical paragraphs gathered around *leaders*. Classes are taken
/// largest first (ties by content, so input order does not matter); a
/// class not yet placed leads a cluster, and takes every unplaced class it
/// is linked to *as an equal*: the two share at least half of the larger
/// paragraph's shingles (one-word variants of a statement, not a sentence
/// quoted inside a longer paragraph). So every paragraph of a cluster is a
/// near-duplicate of its leader.
///
/// Not the connected components of the links: chains of links (a line
/// quoted inside longer paragraphs of other stories) join paragraphs of
/// many stories into one component, and every document whose shared
/// paragraphs all fall into it has the same signature. With this mode
/// forced on the 100k scale corpus, components made stories of up to 30
/// documents where the corpus's have 2-8 (DESIGN.md, "Classes of copies
/// near each other").
fn clusters_of(features: &Table, matches: &[Match], class_of: &[u32]) -> Vec<u32> {
    let n = class_of.len();
    let mut size = vec![0u32; n];
    for &c in class_of {
        size[c as usize] += 1;
    }
    // Links between classes as equals, both ways, grouped by class.
    let mut edges: Vec<(u32, u32)> = matches
        .iter()
        .filter(|m| {
            let larger = features[m.a as usize]
                .shingles
                .len()
                .max(features[m.b as usize].shingles.len());
            m.shared as usize * 2 >= larger
        })
        .map(|m| (class_of[m.a as usize], class_of[m.b as usize]))
        .filter(|&(x, y)| x != y)
        .flat_map(|(x, y)| [(x, y), (y, x)])
        .collect();
    crate::par::sort_unstable(&mut edges);
    edges.dedup();
    let mut start = vec![0usize; n + 1];
    for &(x, _) in &edges {
        start[x as usize + 1] += 1;
    }
    for c in 0..n {
        start[c + 1] += start[c];
    }
    let mut order: Vec<u32> = (0..n as u32)
        .filter(|&p| class_of[p as usize] == p)
        .collect();
    order.sort_unstable_by(|&x, &y| {
        let (fx, fy) = (&features[x as usize], &features[y as usize]);
        size[y as usize]
            .cmp(&size[x as usize])
            .then_with(|| fx.simhash.cmp(&fy.simhash))
            .then_with(|| fx.shingles.cmp(&fy.shingles))
            .then_with(|| x.cmp(&y))
    });
    const UNPLACED: u32 = u32::MAX;
    let mut leader = vec![UNPLACED; n];
    for c in order {
        if leader[c as usize] != UNPLACED {
            continue;
        }
        leader[c as usize] = c;
        for &(_, y) in &edges[start[c as usize]..start[c as usize + 1]] {
            if leader[y as usize] == UNPLACED {
                leader[y as usize] = c;
            }
        }
    }
    class_of.iter().map(|&c| leader[c as usize]).collect()
}
