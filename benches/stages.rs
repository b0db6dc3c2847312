//! Per-stage throughput: cleaning (text and HTML), HTML extraction against
//! the bare parse on generated news pages, and shingling +
//! fingerprinting with our simhash against the `simhash` crate's
//! `simhash_stream` on the same shingles.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use storysift::{Document, Fingerprint, Sifter};

mod common;

const SEEDS: &[&str] = &[
    include_str!("../tests/fixtures/seeds/000_12b2d0ce4de0879a.txt"),
    include_str!("../tests/fixtures/seeds/001_812283e286aaf8e1.txt"),
    include_str!("../tests/fixtures/seeds/002_a80625ab884ea8c0.txt"),
    include_str!("../tests/fixtures/seeds/003_34e8bec8fd136b94.txt"),
    include_str!("../tests/fixtures/seeds/004_605c8295b6ff95fb.txt"),
];

/// A news-like page around the seed texts: chrome, ad slots, a related list.
fn page(body: &str) -> String {
    let mut p = String::from(
        "<!doctype html><html><head><title>Example</title><script>window.dataLayer=[];googletag.cmd.push(function(){});</script>\
         <style>.ad{min-height:250px}</style></head><body><header><nav><a href=/>Home</a><a href=/w>World</a><a href=/b>Business</a></nav></header>\
         <div class=cookie-banner>We use cookies to improve your experience on our site.</div><main><article><h1>Story</h1><div class=byline>By A Reporter</div>",
    );
    for (i, para) in body
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .enumerate()
    {
        p.push_str("<p>");
        p.push_str(para);
        p.push_str("</p>");
        if i % 4 == 3 {
            p.push_str("<div class=\"ad-slot\"><span>Advertisement</span><script>googletag.display('x')</script></div>");
        }
    }
    p.push_str("</article><aside class=related><h3>Most read</h3><ul>");
    for i in 0..10 {
        p.push_str(&format!(
            "<li><a href=/s{i}>Another headline number {i} about something else</a></li>"
        ));
    }
    p.push_str("</ul></aside></main><footer>© Example Media 2025. All rights reserved.</footer></body></html>");
    p
}

fn cleaning(c: &mut Criterion) {
    let sifter = Sifter::new();
    let text: String = SEEDS.join("\n\n");
    let html: Vec<String> = SEEDS.iter().map(|s| page(s)).collect();
    let html_bytes: usize = html.iter().map(String::len).sum();

    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("text", |b| {
        b.iter(|| {
            let out = sifter
                .clean(&Document::text("x", black_box(&text)))
                .unwrap();
            assert!(out.paragraphs().len() > 20);
            out
        })
    });
    g.throughput(Throughput::Bytes(html_bytes as u64));
    g.bench_function("html", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &html {
                n += sifter
                    .clean(&Document::html("x", black_box(p)))
                    .unwrap()
                    .paragraphs()
                    .len();
            }
            assert!(n > 20);
            n
        })
    });
    g.finish();
}

/// Whole HTML extraction against the parser floor on the same generated
/// pages: `parse_only` is `scraper::Html::parse_document` alone, `clean` is
/// decode + parse + walk + scoring + rules.
fn extract(c: &mut Criterion) {
    let sifter = Sifter::new();
    let pages = common::news_pages(30, 7);
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse_only", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(scraper::Html::parse_document(black_box(p)));
            }
        })
    });
    g.bench_function("clean", |b| {
        b.iter(|| {
            let mut n = 0;
            for p in &pages {
                n += sifter
                    .clean(&Document::html_bytes("x", black_box(p.as_bytes())))
                    .unwrap()
                    .paragraphs()
                    .len();
            }
            assert!(n > 30 * 10);
            n
        })
    });
    g.finish();
}

fn fingerprint(c: &mut Criterion) {
    let docs = common::corpus(20, 3, 1);
    let paras: Vec<&str> = docs
        .iter()
        .flat_map(|(_, b)| b.split("\n\n"))
        .filter(|p| p.len() > 80)
        .collect();
    let bytes: usize = paras.iter().map(|p| p.len()).sum();
    let mut g = c.benchmark_group("shingle+fingerprint");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("storysift", |b| {
        b.iter(|| {
            let mut x = 0u64;
            for p in &paras {
                x ^= Fingerprint::of_text(black_box(p), 3).bits();
            }
            assert_ne!(x, 0);
            x
        })
    });
    // The reference crate on word 3-shingles the bench cuts itself (lower
    // case, punctuation trimmed; one buffer per paragraph, shingles are
    // slices of it): a simpler normalisation than ours, same shingle count.
    g.bench_function("simhash-crate", |b| {
        let mut buf = String::new();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        b.iter(|| {
            let mut x = 0u64;
            for p in &paras {
                buf.clear();
                spans.clear();
                for w in black_box(p).split_whitespace() {
                    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                    if w.is_empty() {
                        continue;
                    }
                    if !buf.is_empty() {
                        buf.push(' ');
                    }
                    let start = buf.len();
                    buf.extend(w.chars().flat_map(char::to_lowercase));
                    spans.push((start, buf.len()));
                }
                let shingles = spans.windows(3).map(|w| &buf[w[0].0..w[2].1]);
                x ^= simhash::simhash_stream(shingles);
            }
            assert_ne!(x, 0);
            x
        })
    });
    g.finish();
}

criterion_group!(benches, cleaning, extract, fingerprint);
criterion_main!(benches);
