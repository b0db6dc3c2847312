//! Times `sift` on the benchmark's 2,400-document batch (400 stories × 6
//! outlets, generated as in `benches/sift.rs`) and prints the median of
//! ITERS runs (default 31). For instruction counts that do not drift with
//! the machine's load, run it under callgrind with `ITERS=1` and `ITERS=2`
//! and subtract (the difference is one iteration, without the corpus's
//! generation):
//!
//! ```text
//! ITERS=2 RAYON_NUM_THREADS=1 valgrind --tool=callgrind target/release/examples/batch_timing
//! ```
//!
//! `NOST=1` turns statement dedup off and `NOLEX=1` lexical links, to price
//! each stage.

#[path = "../benches/common/mod.rs"]
mod common;

use storysift::{Document, Sifter};

fn main() {
    let iters: usize = std::env::var("ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(31)
        .max(1);
    let corpus = common::corpus(400, 6, 7);
    let docs: Vec<Document<'_>> = corpus.iter().map(|(id, b)| Document::text(id, b)).collect();
    let sifter = Sifter::builder()
        .statement_dedup(std::env::var("NOST").is_err())
        .lexical_links(std::env::var("NOLEX").is_err())
        .build()
        .expect("valid settings");
    let mut times = Vec::with_capacity(iters);
    for _ in 0..iters {
        let t = std::time::Instant::now();
        let out = sifter.sift(&docs).expect("distinct ids");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        assert_eq!(out.stories().len(), 400);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "median {:.1} ms, min {:.1} ms over {iters} runs",
        times[times.len() / 2],
        times[0]
    );
}
