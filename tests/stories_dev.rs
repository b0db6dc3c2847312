//! The development set of hand-written stories (`tests/fixtures/stories-dev`:
//! 14 stories, 57 documents in four languages, with heavy rewrites, briefs
//! and hard negatives): the batch groups them into their stories, and the
//! incremental index, fed the same documents one by one, agrees with the
//! batch.

use std::collections::BTreeMap;
use std::path::Path;

use storysift::{Document, Index, Sifter};

struct Corpus {
    /// (id, is_html, body), in file-name order.
    docs: Vec<(String, bool, String)>,
    story: BTreeMap<String, String>,
}

fn corpus() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/stories-dev");
    let mut files: Vec<_> = std::fs::read_dir(dir.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let docs = files
        .iter()
        .map(|f| {
            let id = f.file_stem().unwrap().to_str().unwrap().to_owned();
            let html = f.extension().is_some_and(|e| e == "html");
            (id, html, std::fs::read_to_string(f).unwrap())
        })
        .collect();
    let story = std::fs::read_to_string(dir.join("stories.tsv"))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let mut f = l.split('\t');
            (f.next().unwrap().to_owned(), f.next().unwrap().to_owned())
        })
        .collect();
    Corpus { docs, story }
}

fn documents(c: &Corpus) -> Vec<Document<'_>> {
    c.docs
        .iter()
        .map(|(id, html, body)| {
            if *html {
                Document::html(id, body)
            } else {
                Document::text(id, body)
            }
        })
        .collect()
}

/// Pairs of documents put together by `a` and apart by `b`, and the other
/// way round.
fn disagreements(
    ids: &[&str],
    a: &dyn Fn(&str) -> String,
    b: &dyn Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, x) in ids.iter().enumerate() {
        for y in &ids[i + 1..] {
            if (a(x) == a(y)) != (b(x) == b(y)) {
                out.push((x.to_string(), y.to_string()));
            }
        }
    }
    out
}

#[test]
fn batch_groups_the_hand_written_stories() {
    let c = corpus();
    let docs = documents(&c);
    assert_eq!(docs.len(), 57);
    let out = Sifter::new().sift(&docs).unwrap();
    let mut of: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, story) in out.stories().iter().enumerate() {
        for d in story.documents() {
            of.insert(d, s);
        }
    }
    // Every document is in exactly one story.
    assert_eq!(of.len(), 57);
    let ids: Vec<&str> = c.docs.iter().map(|d| d.0.as_str()).collect();
    let wrong = disagreements(&ids, &|d| of[d].to_string(), &|d| c.story[d].clone());
    // 1,596 pairs; the rewrites, briefs and hard negatives all land.
    assert!(
        wrong.len() <= 3,
        "{} pairs disagree: {wrong:?}",
        wrong.len()
    );
}

#[test]
fn index_agrees_with_the_batch() {
    let c = corpus();
    let docs = documents(&c);
    let batch = Sifter::new().sift(&docs).unwrap();
    let mut of: BTreeMap<&str, usize> = BTreeMap::new();
    for (s, story) in batch.stories().iter().enumerate() {
        for d in story.documents() {
            of.insert(d, s);
        }
    }
    let mut index = Index::new(Sifter::new()).unwrap();
    for d in &docs {
        index.add(d).unwrap();
    }
    let ids: Vec<&str> = c.docs.iter().map(|d| d.0.as_str()).collect();
    let wrong = disagreements(&ids, &|d| of[d].to_string(), &|d| {
        index.story_of(d).unwrap().to_owned()
    });
    // The index judges each document against the ones before it only and
    // merges at most one story lexically per document (see DESIGN.md,
    // "Incremental index"). On this set, in this order, it agrees except
    // on one hard negative: the day-2 follow-up of the hospital
    // cyberattack comes first in file order, and the first day-1 report
    // (which shares the background and every name) joins it; the batch
    // keeps the two apart by average linkage over all their versions. (The
    // two documents alone are one story for the batch too: the lexical
    // rule cannot tell a follow-up from a rewrite without other versions.)
    // Every other pair agrees.
    let follow_up = [
        "s04-eastmarch-cyberattack-day1",
        "s05-eastmarch-cyberattack-day2",
    ];
    let explained = |(a, b): &(String, String)| {
        follow_up.contains(&c.story[a].as_str()) && follow_up.contains(&c.story[b].as_str())
    };
    let unexplained: Vec<_> = wrong.iter().filter(|p| !explained(p)).collect();
    assert!(
        unexplained.is_empty(),
        "{} pairs disagree: {unexplained:?}",
        unexplained.len()
    );
    assert!(
        wrong.len() <= 25,
        "{} follow-up pairs disagree",
        wrong.len()
    );
    // Without lexical links the index falls back to copy links and the
    // rewrites stand alone: the test above is not vacuous.
    let mut copies = Index::new(Sifter::builder().lexical_links(false).build().unwrap()).unwrap();
    for d in &docs {
        copies.add(d).unwrap();
    }
    let apart = disagreements(&ids, &|d| of[d].to_string(), &|d| {
        copies.story_of(d).unwrap().to_owned()
    });
    assert!(
        apart.len() > 4 * unexplained.len().max(10),
        "{}",
        apart.len()
    );
}

/// The rewrite stages (lexical links, statement dedup) give the same
/// output on one thread as on several: every parallel step collects in
/// input order or sorts, and no hash-map order reaches the output.
#[test]
fn same_output_whatever_the_thread_count() {
    let c = corpus();
    let docs = documents(&c);
    let run = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| Sifter::new().sift(&docs).unwrap())
    };
    let one = run(1);
    assert_eq!(one, run(2));
    assert_eq!(one, run(3));
}
