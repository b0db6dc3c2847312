//! Sift the five bundled seed articles (five outlets' versions of one
//! story) and print the story's unique paragraphs with their sources, then
//! every removed block with its reason.
//!
//! ```text
//! cargo run --example seeds
//! ```

use storysift::{Document, Sifter};

// # The bundled data: tests/fixtures/seeds/*.txt, compiled into the example.
const SEEDS: &[(&str, &str)] = &[
    (
        "000",
        include_str!("../tests/fixtures/seeds/000_12b2d0ce4de0879a.txt"),
    ),
    (
        "001",
        include_str!("../tests/fixtures/seeds/001_812283e286aaf8e1.txt"),
    ),
    (
        "002",
        include_str!("../tests/fixtures/seeds/002_a80625ab884ea8c0.txt"),
    ),
    (
        "003",
        include_str!("../tests/fixtures/seeds/003_34e8bec8fd136b94.txt"),
    ),
    (
        "004",
        include_str!("../tests/fixtures/seeds/004_605c8295b6ff95fb.txt"),
    ),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs: Vec<Document<'_>> = SEEDS
        .iter()
        .map(|(id, body)| Document::text(id, body))
        .collect();
    let sifted = Sifter::new().sift(&docs)?;

    // # Stories: unique paragraphs in reading order, with the documents carrying each.
    for story in sifted.stories() {
        println!(
            "== story {} — documents {} ==",
            story.id().index(),
            story.documents().join(", ")
        );
        for (i, p) in story.paragraphs().iter().enumerate() {
            let sources: Vec<String> = p
                .sources()
                .iter()
                .map(|s| format!("{}#{}", s.document, s.paragraph))
                .collect();
            println!(
                "\n[{:>2}] ({})\n     {}",
                i + 1,
                sources.join(" "),
                p.text()
            );
        }
        println!();
    }

    // # Removed blocks, per document, with the reason.
    println!("== removed blocks ==");
    for d in sifted.documents() {
        println!("\n-- {} (title: {})", d.id(), d.title().unwrap_or("none"));
        for r in d.removed() {
            let text: String = r.text().chars().take(90).collect();
            println!("   [{}] {}", r.reason(), text);
        }
    }
    Ok(())
}
