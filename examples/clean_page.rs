//! Clean one document (a `.html`/`.htm` page or a `.txt` scrape, or stdin)
//! and print its title, its clean paragraphs and every removed block with
//! the reason.
//!
//! ```text
//! cargo run --example clean_page -- PATH      # or: ... -- --html < page.html
//! ```

use std::io::Read;

use storysift::{Document, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let arg = std::env::args().nth(1);
    // # Read the input
    let (body, format) = match arg.as_deref() {
        None | Some("-h" | "--help") => {
            eprintln!(
                "usage: clean_page PATH | clean_page --html < page | clean_page --text < scrape"
            );
            std::process::exit(2);
        }
        Some(flag @ ("--html" | "--text")) => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            let f = if flag == "--html" {
                Format::Html
            } else {
                Format::Text
            };
            (bytes, f)
        }
        Some(path) => {
            let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let lower = path.to_ascii_lowercase();
            let f = if lower.ends_with(".html") || lower.ends_with(".htm") {
                Format::Html
            } else {
                Format::Text
            };
            (bytes, f)
        }
    };
    // # Clean and report
    // Bytes go in as fetched: the charset comes from a BOM or the page's
    // <meta>, else UTF-8 if valid, else windows-1252.
    let decoded = storysift::decode(&body, format, None);
    println!("charset: {} ({:?})", decoded.encoding(), decoded.source());
    let cleaned = storysift::clean(&Document::from_bytes("input", format, &body))?;
    println!("title: {}", cleaned.title().unwrap_or("(none)"));
    println!("\n== paragraphs ==");
    for p in cleaned.paragraphs() {
        println!("  {p}");
    }
    println!("\n== removed ==");
    for r in cleaned.removed() {
        let text: String = r.text().chars().take(100).collect();
        println!("  [{}] {text}", r.reason());
    }
    Ok(())
}
