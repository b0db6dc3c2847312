//! Sift a folder of news pages and scrapes (`.html`, `.htm`, `.txt`) and
//! print each story: its title, its documents, and its unique paragraphs
//! with the documents that carry each.
//!
//! ```text
//! cargo run --release --example sift -- FOLDER
//! ```
//!
//! The `storysift` command (feature `cli`) does this and more (JSONL,
//! WARC, compressed input, JSON output); this example shows the library
//! calls.

use std::process::ExitCode;

use storysift::{DocumentBuf, Format, Sifter};

fn main() -> ExitCode {
    let Some(folder) = std::env::args_os().nth(1) else {
        eprintln!("usage: sift FOLDER");
        return ExitCode::from(2);
    };
    let mut paths: Vec<_> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            eprintln!("error: {}: {e}", folder.to_string_lossy());
            return ExitCode::FAILURE;
        }
    };
    paths.sort();
    // Files whose extension names a page or a scrape; each file's stem is its id.
    let mut docs = Vec::new();
    for path in paths {
        let known = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension);
        if known.is_none() || path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        match DocumentBuf::from_path(&path) {
            Ok(doc) => {
                let stem = path.file_stem().unwrap_or_default().to_string_lossy();
                docs.push(doc.id(stem));
            }
            Err(e) => eprintln!("error: {e}"),
        }
    }
    let sifted = match Sifter::new().sift(&docs) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    for story in sifted.stories() {
        println!(
            "== {} {}",
            story.id(),
            story.title().unwrap_or("(untitled)")
        );
        println!("   documents: {}", story.documents().join(", "));
        for p in story.paragraphs() {
            let sources: Vec<&str> = p.documents().collect();
            println!("   [{}] {}", sources.join(","), p.text());
        }
    }
    for d in sifted.documents() {
        if let Some(e) = d.error() {
            eprintln!("error: {e}");
        }
    }
    ExitCode::SUCCESS
}
