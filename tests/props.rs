//! Property tests: no panics on any input (text, markup, bytes in any
//! charset), idempotent cleaning, fingerprints
//! unchanged by case and punctuation noise, and the index agreeing with
//! brute force on the dedup result.

use proptest::prelude::*;
use storysift::{Document, Fingerprint, Format, Sifter};

fn texty() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-z ,.'’“”—-]{0,120}",
        Just("Advertisement".to_string()),
        Just("Read more: Something else happens somewhere".to_string()),
        "\\PC{0,60}",
    ];
    proptest::collection::vec(line, 0..12).prop_map(|v| v.join("\n"))
}

/// Pieces that steer the charset prescan and the decoders.
const BYTE_PIECES: &[&[u8]] = &[
    b"<meta charset=",
    b"<meta http-equiv=content-type content='text/html; charset=",
    b"'",
    b"\"",
    b">",
    b"<!--",
    b"-->",
    b"shift_jis",
    b"utf-16le",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"<p>",
    b"caf\xe9 ",
];

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
    fn no_panic_on_any_bytes(
        head in proptest::collection::vec(proptest::sample::select(BYTE_PIECES), 0..12),
        tail in proptest::collection::vec(any::<u8>(), 0..200),
        label in proptest::option::of("[ -~]{0,30}"),
    ) {
        let mut bytes: Vec<u8> = head.concat();
        bytes.extend_from_slice(&tail);
        for format in [Format::Html, Format::Text] {
            let d = storysift::decode(&bytes, format, label.as_deref());
            prop_assert!(!d.encoding().is_empty());
            let mut doc = Document::from_bytes("x", format, &bytes);
            if let Some(l) = &label {
                doc = doc.charset(l);
            }
            let _ = storysift::clean(&doc).unwrap();
        }
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
    fn same_output_for_any_thread_count_and_input_order(
        picks in proptest::collection::vec((0usize..6, 0usize..4), 1..12),
    ) {
        // Documents drawn from six stories, each version dropping a different paragraph.
        let bodies: Vec<String> = picks
            .iter()
            .map(|&(story, drop)| {
                (0..4)
                    .filter(|&p| p != drop)
                    .map(|p| format!("Story {story} paragraph {p} says that the {} committee met {} times this year, officials said.", ["budget", "health", "transport", "schools", "water", "housing"][story], 3 + p))
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .collect();
        let ids: Vec<String> = (0..bodies.len()).map(|i| format!("d{i:02}")).collect();
        let docs: Vec<Document<'_>> = ids.iter().zip(&bodies).map(|(id, b)| Document::text(id, b)).collect();
        let run = |threads: usize, docs: &[Document<'_>]| {
            rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap().install(|| storysift::sift(docs).unwrap())
        };
        let one = run(1, &docs);
        prop_assert_eq!(&one, &run(3, &docs));
        let reversed: Vec<Document<'_>> = docs.iter().rev().copied().collect();
        let canon = |s: &storysift::Sifted| {
            let mut v: Vec<(Vec<String>, Vec<String>)> = s
                .stories()
                .iter()
                .map(|st| {
                    let mut d = st.documents().to_vec();
                    d.sort();
                    (d, st.paragraphs().iter().map(|p| p.text().to_owned()).collect())
                })
                .collect();
            v.sort();
            v
        };
        prop_assert_eq!(canon(&one), canon(&run(2, &reversed)));
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
