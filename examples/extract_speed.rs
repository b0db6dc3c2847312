//! Extraction speed against the parser floor, on a folder of HTML pages.
//!
//! Loads every `.html`/`.htm` file under the given folders into memory, then
//! alternates rounds of (a) `scraper::Html::parse_document` alone and (b)
//! storysift's whole extraction (`Sifter::clean`: decode, parse, walk, score,
//! rules) on the same pages, one thread, and prints the median round of each
//! with pages/s, MB/s and the ratio b/a.
//!
//! ```text
//! cargo run --release --example extract_speed -- DIR [ROUNDS]
//! ```

use std::path::Path;
use std::time::{Duration, Instant};

use storysift::{Document, Sifter};

fn collect(dir: &Path, out: &mut Vec<Vec<u8>>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| x.eq_ignore_ascii_case("html") || x.eq_ignore_ascii_case("htm"))
        {
            out.push(std::fs::read(&p)?);
        }
    }
    Ok(())
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: extract_speed DIR [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(7);
    let mut pages = Vec::new();
    collect(Path::new(&dir), &mut pages)?;
    if pages.is_empty() {
        return Err(format!("no .html pages under {dir}").into());
    }
    let bytes: usize = pages.iter().map(Vec::len).sum();
    // The parser floor gets text, as the extraction's parse does after decoding.
    let texts: Vec<String> = pages
        .iter()
        .map(|p| {
            storysift::decode(p, storysift::Format::Html, None)
                .into_text()
                .into_owned()
        })
        .collect();
    let sifter = Sifter::new();
    let (mut parse, mut extract) = (Vec::new(), Vec::new());
    let mut paragraphs = 0usize;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        for text in &texts {
            let doc = scraper::Html::parse_document(text);
            std::hint::black_box(&doc);
        }
        parse.push(t.elapsed());
        let t = Instant::now();
        paragraphs = 0;
        for page in &pages {
            let c = sifter.clean(&Document::html_bytes("p", page))?;
            paragraphs += c.paragraphs().len();
        }
        extract.push(t.elapsed());
    }
    let (p, e) = (median(parse), median(extract));
    let rate = |d: Duration| {
        (
            pages.len() as f64 / d.as_secs_f64(),
            bytes as f64 / 1e6 / d.as_secs_f64(),
        )
    };
    let (pp, pm) = rate(p);
    let (ep, em) = rate(e);
    println!(
        "{} pages, {:.1} MB, {} rounds (median), one thread",
        pages.len(),
        bytes as f64 / 1e6,
        rounds
    );
    println!(
        "parse only (scraper::Html::parse_document): {p:>10.2?}  {pp:>7.0} pages/s  {pm:>6.1} MB/s"
    );
    println!(
        "storysift extraction (Sifter::clean):       {e:>10.2?}  {ep:>7.0} pages/s  {em:>6.1} MB/s"
    );
    println!(
        "ratio extraction / parse: {:.2}x   ({paragraphs} paragraphs kept)",
        e.as_secs_f64() / p.as_secs_f64()
    );
    Ok(())
}
