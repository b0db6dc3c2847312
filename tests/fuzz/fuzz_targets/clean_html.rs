//! HTML cleaning from bytes in a declared charset: no panic, the same
//! result twice (paragraphs, removals, metadata and page kind), and only
//! non-empty one-line paragraphs. The first byte picks the charset label.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storysift::{Document, Sifter};

const CHARSETS: [Option<&str>; 6] = [
    None,
    Some("utf-8"),
    Some("windows-1252"),
    Some("shift_jis"),
    Some("utf-16le"),
    Some("no-such-charset"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let mut doc = Document::html_bytes("fuzz", body);
    if let Some(label) = CHARSETS[pick as usize % CHARSETS.len()] {
        doc = doc.charset(label);
    }
    let sifter = Sifter::new();
    match (sifter.clean(&doc), sifter.clean(&doc)) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "cleaning the same page twice differs");
            for p in a.paragraphs() {
                assert!(!p.trim().is_empty(), "an empty paragraph was kept");
                assert!(!p.contains('\n'), "a paragraph holds a line break");
            }
        }
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        _ => panic!("one of two identical runs failed"),
    }
});
