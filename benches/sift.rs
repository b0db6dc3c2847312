//! End to end: clean, fingerprint, index, verify, group and assemble a
//! synthetic syndication corpus at two sizes, to show how cost grows.

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
}

criterion_group!(benches, sift);
criterion_main!(benches);
