//! `sift` on a small batch cut from the input (documents separated by the
//! byte 0xFF; the first byte of each says HTML or text, and which of two
//! outlets): every document is reported once and sits in exactly one
//! story, every printed paragraph names only documents of its story and
//! paragraphs that exist (the first one holding its text), one thread
//! and two give the same output, and the documents added two at a time and
//! streamed out (`Batch::finish_with`) give the same reports and stories.
#![no_main]

use std::collections::HashMap;

use libfuzzer_sys::fuzz_target;
use storysift::{Document, Sifted, Sifter};

fn run(threads: usize, docs: &[Document<'_>]) -> Sifted {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(|| Sifter::new().sift(docs).expect("distinct ids sift"))
}

fuzz_target!(|data: &[u8]| {
    let ids: Vec<String> = (0..8).map(|i| format!("d{i}")).collect();
    let docs: Vec<Document<'_>> = data
        .split(|&b| b == 0xff)
        .take(ids.len())
        .zip(&ids)
        .filter_map(|(chunk, id)| {
            let (&flags, body) = chunk.split_first()?;
            let doc = if flags & 1 == 1 {
                Document::html_bytes(id, body)
            } else {
                Document::text_bytes(id, body)
            };
            Some(doc.outlet(if flags & 2 == 2 { "one" } else { "two" }))
        })
        .collect();
    let one = run(1, &docs);
    let two = run(2, &docs);
    assert_eq!(
        serde_json::to_string(&one).expect("serialises"),
        serde_json::to_string(&two).expect("serialises"),
        "one thread and two differ"
    );
    assert_eq!(
        one.documents().len(),
        docs.len(),
        "a document is not reported"
    );
    let mut batch = Sifter::new().batch();
    for chunk in docs.chunks(2) {
        batch.add(chunk).expect("distinct ids add");
    }
    let mut streamed = Vec::new();
    let out = batch.finish_with(|r| streamed.push(r));
    assert_eq!(streamed, one.documents(), "streamed reports differ");
    assert_eq!(out.stories(), one.stories(), "streamed stories differ");
    let mut story_of: HashMap<&str, usize> = HashMap::new();
    for (s, story) in one.stories().iter().enumerate() {
        for d in story.documents() {
            assert!(
                story_of.insert(d.as_str(), s).is_none(),
                "{d} is in two stories"
            );
        }
    }
    for d in &docs {
        assert!(story_of.contains_key(d.id()), "{} is in no story", d.id());
    }
    for (s, story) in one.stories().iter().enumerate() {
        for p in story.paragraphs() {
            assert!(!p.sources().is_empty(), "a paragraph without a source");
            for d in p.documents() {
                assert_eq!(story_of.get(d), Some(&s), "a source outside the story");
            }
            // References point into the reported paragraphs (template lines
            // taken out, the rest renumbered); the kept one carries the
            // text of an untrimmed paragraph.
            for r in p.sources() {
                let d = one.document(&r.document).expect("a reported source");
                assert!(
                    r.paragraph < d.paragraphs().len(),
                    "a reference past the end"
                );
            }
            let first = &p.sources()[0];
            let kept = &one
                .document(&first.document)
                .expect("reported")
                .paragraphs()[first.paragraph];
            assert!(
                p.is_partial() || kept == p.text(),
                "the first source is not the printed text"
            );
        }
    }
});
