//! End to end: clean, fingerprint, index, verify, group and assemble a
//! synthetic syndication corpus at two sizes, to show how cost grows; and
//! the dedup stage alone over clean paragraphs.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use storysift::{Document, Sifter};

mod common;

fn sift(c: &mut Criterion) {
    let sifter = Sifter::new();
    let mut g = c.benchmark_group("sift");
    g.sample_size(10);
    for stories in [50usize, 400] {
        let corpus = common::corpus(stories, 6, 7);
        let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
        let docs: Vec<Document<'_>> = corpus.iter().map(|(id, b)| Document::text(id, b)).collect();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function(format!("{}_docs", docs.len()), |b| {
            b.iter(|| {
                let out = sifter.sift(black_box(&docs)).unwrap();
                // Every story of the generator comes out as one story.
                assert_eq!(out.stories().len(), stories);
                out
            })
        });
    }
    g.finish();
    // The same batch with the rewrite stages off (shingle links only, no
    // statement dedup), and with only the lexical links: what each costs.
    let corpus = common::corpus(400, 6, 7);
    let bytes: usize = corpus.iter().map(|(_, b)| b.len()).sum();
    let docs: Vec<Document<'_>> = corpus.iter().map(|(id, b)| Document::text(id, b)).collect();
    let mut g = c.benchmark_group("sift_stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    for (name, lexical, statements) in [
        ("copies_only", false, false),
        ("lexical_links", true, false),
    ] {
        let sifter = Sifter::builder()
            .lexical_links(lexical)
            .statement_dedup(statements)
            .build()
            .unwrap();
        g.bench_function(format!("{name}_{}_docs", docs.len()), |b| {
            b.iter(|| sifter.sift(black_box(&docs)).unwrap())
        });
    }
    g.finish();
}

/// The dedup stage alone over clean paragraphs (shingling, fingerprints,
/// candidate search, verification, story grouping): MB/s of paragraph text.
fn dedup(c: &mut Criterion) {
    let sifter = Sifter::new();
    let mut g = c.benchmark_group("dedup");
    g.sample_size(10);
    let corpus = common::corpus(400, 6, 7);
    let docs: Vec<(&str, Vec<&str>)> = corpus
        .iter()
        .map(|(id, b)| {
            let paras: Vec<&str> = b.split("\n\n").filter(|p| p.len() > 80).collect();
            (id.as_str(), paras)
        })
        .collect();
    let bytes: usize = docs
        .iter()
        .flat_map(|(_, p)| p.iter().map(|x| x.len()))
        .sum();
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(format!("near_duplicates_{}_docs", docs.len()), |b| {
        b.iter(|| {
            let pairs = sifter.near_duplicates(black_box(&docs)).unwrap();
            assert!(!pairs.is_empty());
            pairs.len()
        })
    });
    g.finish();
}

/// Growth: each workload at n and 10n (DESIGN.md, "Complexity", claims at
/// most 12x the time for 10x the input): a syndicated batch (stories of
/// six outlets), verbatim copies of one story, and one long scrape of
/// distinct lines (one story, one document: the assembly's order).
fn scaling(c: &mut Criterion) {
    let sifter = Sifter::new();
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for stories in [40usize, 400] {
        let corpus = common::corpus(stories, 6, 11);
        let docs: Vec<Document<'_>> = corpus.iter().map(|(id, b)| Document::text(id, b)).collect();
        g.throughput(Throughput::Elements(docs.len() as u64));
        g.bench_function(format!("syndicated_{}_docs", docs.len()), |b| {
            b.iter(|| sifter.sift(black_box(&docs)).unwrap())
        });
    }
    let story = common::corpus(1, 1, 3).remove(0).1;
    for copies in [1_000usize, 10_000] {
        let ids: Vec<String> = (0..copies).map(|i| format!("c{i}")).collect();
        let docs: Vec<Document<'_>> = ids.iter().map(|id| Document::text(id, &story)).collect();
        g.throughput(Throughput::Elements(copies as u64));
        g.bench_function(format!("copies_{copies}_docs"), |b| {
            b.iter(|| {
                let out = sifter.sift(black_box(&docs)).unwrap();
                assert_eq!(out.stories().len(), 1);
                out
            })
        });
    }
    for lines in [5_000usize, 50_000] {
        let body: String = (0..lines)
            .map(|i| {
                format!(
                    "Line {i} of the scrape names item {} and place {}.\n",
                    i * 7,
                    i * 13
                )
            })
            .collect();
        let docs = [Document::text("long", &body)];
        g.throughput(Throughput::Elements(lines as u64));
        g.bench_function(format!("scrape_{lines}_lines"), |b| {
            b.iter(|| sifter.sift(black_box(&docs)).unwrap())
        });
    }
    g.finish();
}

criterion_group!(benches, sift, dedup, scaling);
criterion_main!(benches);
