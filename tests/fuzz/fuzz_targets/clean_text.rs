//! Text cleaning of arbitrary bytes: no panic, the same result twice, only
//! non-empty one-line paragraphs, and cleaning the cleaned text again
//! invents nothing (every paragraph it keeps was kept the first time).
#![no_main]

use libfuzzer_sys::fuzz_target;
use storysift::{Document, Sifter};

fuzz_target!(|data: &[u8]| {
    let sifter = Sifter::new();
    let doc = Document::text_bytes("fuzz", data);
    let (a, b) = (sifter.clean(&doc), sifter.clean(&doc));
    let cleaned = match (a, b) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "cleaning the same bytes twice differs");
            a
        }
        (Err(a), Err(b)) => {
            assert_eq!(a.to_string(), b.to_string());
            return;
        }
        _ => panic!("one of two identical runs failed"),
    };
    for p in cleaned.paragraphs() {
        assert!(!p.trim().is_empty(), "an empty paragraph was kept");
        assert_eq!(p.trim(), p, "a paragraph has surrounding whitespace");
        assert!(!p.contains('\n'), "a paragraph holds a line break");
    }
    let again_text = cleaned.paragraphs().join("\n\n");
    let again = sifter
        .clean(&Document::text("fuzz", &again_text))
        .expect("cleaned text cleans");
    for p in again.paragraphs() {
        assert!(
            cleaned.paragraphs().contains(p),
            "re-cleaning produced a paragraph the first cleaning did not keep: {p:?}"
        );
    }
});
