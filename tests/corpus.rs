//! A corpus sifted part by part with its statistics (`CorpusStats`,
//! `Sifter::part_stats`, `Sifter::sift_part`) gives what one batch over the
//! whole corpus gives: the flow of a distributed job, run here in one
//! process over the bundled fixtures.

use std::collections::BTreeMap;
use std::path::Path;

use storysift::{CorpusStats, DocumentBuf, DocumentKeys, Format, Sifted, Sifter};

/// The documents of a fixture folder, in file-name order.
fn folder(rel: &str) -> Vec<DocumentBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "html"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let id = f.file_stem().unwrap().to_str().unwrap().to_owned();
            let format = if f.extension().is_some_and(|e| e == "html") {
                Format::Html
            } else {
                Format::Text
            };
            DocumentBuf::new(id, format, std::fs::read_to_string(f).unwrap())
        })
        .collect()
}

/// What a reader compares: per document its paragraphs, removed blocks and
/// the documents of its story; per story its documents and paragraphs.
type View = (
    BTreeMap<String, (Vec<String>, Vec<String>, Vec<String>)>,
    Vec<(Vec<String>, Vec<String>)>,
);

fn view(outs: &[Sifted]) -> View {
    let mut docs = BTreeMap::new();
    let mut stories = Vec::new();
    for out in outs {
        for d in out.documents() {
            let story = out.stories()[d.story().index()].documents().to_vec();
            let removed = d
                .removed()
                .iter()
                .map(|r| format!("{} | {}", r.reason().code(), r.text()))
                .collect();
            docs.insert(d.id().to_owned(), (d.paragraphs().to_vec(), removed, story));
        }
        for s in out.stories() {
            let paragraphs = s
                .paragraphs()
                .iter()
                .map(|p| {
                    let mut src: Vec<String> = p
                        .sources()
                        .iter()
                        .map(|r| format!("{}#{}", r.document, r.paragraph))
                        .collect();
                    src.sort();
                    format!("{} <- {}", p.text(), src.join(" "))
                })
                .collect();
            stories.push((s.documents().to_vec(), paragraphs));
        }
    }
    stories.sort();
    (docs, stories)
}

/// Sifts `docs` in parts (`part_of` names each document's part; the parts
/// keep the corpus order) through the three steps of `CorpusStats`.
fn by_parts(s: &Sifter, docs: &[DocumentBuf], part_of: impl Fn(&str) -> usize) -> Vec<Sifted> {
    let n = docs
        .iter()
        .map(|d| part_of(d.as_document().id()))
        .max()
        .unwrap()
        + 1;
    let parts: Vec<Vec<&DocumentBuf>> = (0..n)
        .map(|p| {
            docs.iter()
                .filter(|d| part_of(d.as_document().id()) == p)
                .collect()
        })
        .collect();
    // 1. Document frequencies; 2. texts held by two or more parts.
    let mut stats = CorpusStats::default();
    let mut held: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    for (p, part) in parts.iter().enumerate() {
        for d in part {
            let c = s.clean(*d).unwrap();
            stats.merge(&CorpusStats::of_document(s, &c));
            for t in s.document_texts(&c).texts {
                held.entry(t).or_default().push(p);
            }
        }
    }
    stats.add_shared_texts(held.into_iter().filter_map(|(t, mut ps)| {
        ps.dedup();
        (ps.len() > 1).then_some(t)
    }));
    // 3. Story frequencies and judgments, part by part.
    let mut third = CorpusStats::default();
    for part in &parts {
        third.merge(&s.part_stats(part, &stats).unwrap());
    }
    stats.merge(&third);
    parts
        .iter()
        .map(|part| s.sift_part(part, &stats).unwrap())
        .collect()
}

/// Every split of the corpus's stories into parts gives the whole batch's
/// answer: stories dealt out round-robin over 1, 2, 3 and 5 parts, and one
/// part per story.
fn check(s: &Sifter, docs: &[DocumentBuf]) {
    let whole = s.sift(docs).unwrap();
    let expected = view(std::slice::from_ref(&whole));
    let story_of: BTreeMap<String, usize> = whole
        .documents()
        .iter()
        .map(|d| (d.id().to_owned(), d.story().index()))
        .collect();
    for parts in [1, 2, 3, 5, usize::MAX] {
        let part_of = |id: &str| {
            let st = story_of[id];
            if parts == usize::MAX { st } else { st % parts }
        };
        let got = view(&by_parts(s, docs, part_of));
        assert_eq!(got.1.len(), expected.1.len(), "{parts} parts: stories");
        for (id, want) in &expected.0 {
            assert_eq!(&got.0[id], want, "{parts} parts: document {id}");
        }
        assert_eq!(got.1, expected.1, "{parts} parts");
    }
}

#[test]
fn stories_dev_sifted_in_parts_is_the_whole_batch() {
    let docs = folder("tests/fixtures/stories-dev/docs");
    check(&Sifter::new(), &docs);
}

#[test]
fn seeds_sifted_in_parts_is_the_whole_batch() {
    check(&Sifter::new(), &folder("tests/fixtures/seeds"));
}

#[test]
fn without_corpus_statistics_parts_differ() {
    // The statistics are what makes parts agree: with the stories of
    // stories-dev dealt into two parts sifted on their own, some
    // documents' answers change (their story's template lines recur only
    // in the other part; frequencies are the part's).
    let s = Sifter::new();
    let docs = folder("tests/fixtures/stories-dev/docs");
    let whole = s.sift(&docs).unwrap();
    let expected = view(std::slice::from_ref(&whole));
    let story_of: BTreeMap<&str, usize> = whole
        .documents()
        .iter()
        .map(|d| (d.id(), d.story().index()))
        .collect();
    let parts: Vec<Vec<&DocumentBuf>> = (0..2)
        .map(|p| {
            docs.iter()
                .filter(|d| story_of[d.as_document().id()] % 2 == p)
                .collect()
        })
        .collect();
    let alone: Vec<Sifted> = parts.iter().map(|p| s.sift(p).unwrap()).collect();
    assert_ne!(view(&alone), expected);
}

#[test]
fn statistics_merge_in_any_order() {
    let s = Sifter::new();
    let docs = folder("tests/fixtures/seeds");
    let each: Vec<CorpusStats> = docs
        .iter()
        .map(|d| CorpusStats::of_document(&s, &s.clean(d).unwrap()))
        .collect();
    let mut forward = CorpusStats::default();
    for st in &each {
        forward.merge(st);
    }
    let mut backward = CorpusStats::default();
    for st in each.iter().rev() {
        backward.merge(st);
    }
    let (mut left, mut right) = (CorpusStats::default(), CorpusStats::default());
    for (i, st) in each.iter().enumerate() {
        if i % 2 == 0 { &mut left } else { &mut right }.merge(st);
    }
    right.merge(&left);
    assert_eq!(forward, backward);
    assert_eq!(forward, right);
    assert_eq!(forward.documents(), 5);
}

/// The parts a distributed job cuts the corpus into: documents grouped by
/// each blocking key (buckets over `cap` documents left out), the pairs so
/// found checked with `DocumentKeys::linked`, connected components.
fn parts_by_keys(s: &Sifter, docs: &[DocumentBuf], cap: usize) -> Vec<usize> {
    let cleaned: Vec<_> = docs.iter().map(|d| s.clean(d).unwrap()).collect();
    let mut stats = CorpusStats::default();
    for c in &cleaned {
        stats.merge(&CorpusStats::of_document(s, c));
    }
    let keys: Vec<DocumentKeys> = cleaned.iter().map(|c| s.document_keys(c, &stats)).collect();
    let mut buckets: BTreeMap<(bool, u32), Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        for &c in &k.copy {
            buckets.entry((false, c)).or_default().push(i);
        }
        for &t in &k.terms {
            buckets.entry((true, t)).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    fn root(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for list in buckets.values().filter(|l| l.len() <= cap) {
        for (n, &a) in list.iter().enumerate() {
            for &b in &list[n + 1..] {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra != rb && keys[a].linked(&keys[b]) {
                    parent[ra.max(rb)] = ra.min(rb);
                }
            }
        }
    }
    let roots: Vec<usize> = (0..docs.len()).map(|i| root(&mut parent, i)).collect();
    let mut number: BTreeMap<usize, usize> = BTreeMap::new();
    roots
        .iter()
        .map(|r| {
            let n = number.len();
            *number.entry(*r).or_insert(n)
        })
        .collect()
}

#[test]
fn parts_cut_by_blocking_keys_give_the_whole_batch() {
    let s = Sifter::new();
    for dir in ["tests/fixtures/stories-dev/docs", "tests/fixtures/seeds"] {
        let docs = folder(dir);
        let part = parts_by_keys(&s, &docs, 256);
        let index: BTreeMap<String, usize> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.as_document().id().to_owned(), i))
            .collect();
        let whole = s.sift(&docs).unwrap();
        // No story crosses two parts...
        for st in whole.stories() {
            let parts: std::collections::BTreeSet<usize> =
                st.documents().iter().map(|d| part[index[d]]).collect();
            assert_eq!(
                parts.len(),
                1,
                "{dir}: story {:?} crosses parts",
                st.documents()
            );
        }
        // ...so the parts give the whole batch's answer.
        let got = view(&by_parts(&s, &docs, |id| part[index[id]]));
        assert_eq!(got, view(std::slice::from_ref(&whole)), "{dir}");
        let n = part.iter().max().unwrap() + 1;
        if dir.contains("stories-dev") {
            assert!(n > 1, "stories-dev is cut into {n} parts");
        }
    }
}
