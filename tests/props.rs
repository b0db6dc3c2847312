//! Property tests: no panics on any input, idempotent cleaning, fingerprints
//! unchanged by case and punctuation noise, and the index agreeing with
//! brute force on the dedup result.

use proptest::prelude::*;
use storysift::{Document, Fingerprint, Sifter};

fn texty() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-z ,.'’“”—-]{0,120}",
        Just("Advertisement".to_string()),
        Just("Read more: Something else happens somewhere".to_string()),
        "\\PC{0,60}",
    ];
    proptest::collection::vec(line, 0..12).prop_map(|v| v.join("\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_panic_on_any_text(s in "\\PC{0,400}") {
        let _ = storysift::clean(&Document::text("x", &s));
        let _ = storysift::clean(&Document::html("x", &s));
    }

    #[test]
    fn no_panic_on_markup_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<div>"), Just("</div>"), Just("<p>"), Just("</p>"), Just("<br>"), Just("<a href=x>"),
        Just("</a>"), Just("<script>"), Just("<nav>"), Just("text words here, "), Just("&amp;"), Just("<h1>"),
    ], 0..80)) {
        let page: String = parts.concat();
        let _ = storysift::sift(&[Document::html("a", &page), Document::html("b", &page)]).unwrap();
    }

    #[test]
    fn cleaning_text_is_idempotent(s in texty()) {
        // Cleaning the cleaned document (its title line, then its
        // paragraphs) changes nothing.
        let once = storysift::clean(&Document::text("x", &s)).unwrap();
        let mut again = once.title().map(|t| format!("{t}\n\n")).unwrap_or_default();
        again.push_str(&once.paragraphs().join("\n\n"));
        let twice = storysift::clean(&Document::text("x", &again)).unwrap();
        prop_assert_eq!(twice.title(), once.title());
        prop_assert_eq!(twice.paragraphs(), once.paragraphs());
    }

    #[test]
    fn fingerprint_ignores_case_and_punctuation(words in proptest::collection::vec("[a-z]{1,8}", 1..30)) {
        let plain = words.join(" ");
        let noisy = words.iter().map(|w| format!("“{}”,", w.to_uppercase())).collect::<Vec<_>>().join("  ");
        prop_assert_eq!(Fingerprint::of_text(&plain, 3), Fingerprint::of_text(&noisy, 3));
    }

    #[test]
    fn index_finds_what_brute_force_finds(paras in proptest::collection::vec(proptest::collection::vec(0usize..12, 3..25), 2..14)) {
        // Paragraphs over a 12-word vocabulary overlap a lot: a hard case for the index.
        const VOCAB: [&str; 12] = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima"];
        let texts: Vec<String> = paras.iter().map(|p| p.iter().map(|&i| VOCAB[i]).collect::<Vec<_>>().join(" ") + ".").collect();
        let ids: Vec<String> = (0..texts.len()).map(|i| format!("d{i}")).collect();
        let docs: Vec<Document<'_>> = ids.iter().zip(&texts).map(|(id, t)| Document::text(id, t)).collect();
        let indexed = Sifter::builder().max_bucket(usize::MAX).build().unwrap().sift(&docs).unwrap();
        let brute = Sifter::builder().brute_force(true).build().unwrap().sift(&docs).unwrap();
        prop_assert_eq!(indexed, brute);
    }
}
