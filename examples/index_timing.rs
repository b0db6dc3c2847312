//! Streams a JSONL corpus (`{"id", "format": "html"|"text", "content"}`,
//! the scale corpora of `scripts/scale.sh`) through the incremental
//! [`Index`] in chunks of 4,096 documents, a reader thread parsing the next
//! chunk, and prints counts and the wall time; nothing per document. The
//! loop of the former `sift --jsonl --index --summary` example, kept to
//! compare the index's speed across versions:
//!
//! ```text
//! cargo run --release --features serde --example index_timing -- DOCS.jsonl
//! ```

use std::io::BufRead;

use storysift::{Document, Format, Index, Sifter};

#[derive(serde::Deserialize)]
struct Line {
    id: String,
    #[serde(default)]
    format: Option<String>,
    content: String,
}

const CHUNK: usize = 4096;

fn main() -> std::process::ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: index_timing DOCS.jsonl");
        return std::process::ExitCode::FAILURE;
    };
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    let start = std::time::Instant::now();
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Line>>(2);
    let reader = std::thread::spawn(move || {
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut bad = 0usize;
        for line in std::io::BufReader::with_capacity(1 << 20, file).lines() {
            let Ok(line) = line else {
                bad += 1;
                break;
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Line>(&line) {
                Ok(l) => chunk.push(l),
                Err(_) => bad += 1,
            }
            if chunk.len() == CHUNK {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                if tx.send(full).is_err() {
                    return bad;
                }
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
        bad
    });
    let mut index = Index::new(Sifter::new()).expect("default settings");
    let (mut docs_n, mut new_stories, mut paragraphs, mut new_paragraphs, mut errors) =
        (0usize, 0usize, 0usize, 0usize, 0usize);
    for chunk in rx {
        let docs: Vec<Document<'_>> = chunk
            .iter()
            .map(|l| {
                let format = match l.format.as_deref() {
                    Some("html") => Format::Html,
                    _ => Format::Text,
                };
                Document::new(&l.id, format, &l.content)
            })
            .collect();
        for added in index.add_all(&docs) {
            match added {
                Ok(a) => {
                    docs_n += 1;
                    new_stories += usize::from(a.is_new_story());
                    paragraphs += a.known().len();
                    new_paragraphs += a.new_paragraphs().count();
                }
                Err(_) => errors += 1,
            }
        }
    }
    let bad = reader.join().unwrap_or(0);
    println!(
        "{docs_n} documents ({errors} refused, {bad} bad lines), {new_stories} stories, \
         {paragraphs} paragraphs ({new_paragraphs} new), {:.2} s",
        start.elapsed().as_secs_f64()
    );
    std::process::ExitCode::SUCCESS
}
