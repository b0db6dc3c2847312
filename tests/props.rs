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
            // Any bytes clean, or are said not to be text.
            match storysift::clean(&doc) {
                Ok(_) | Err(storysift::Error::NotText { .. }) => {}
                Err(e) => prop_assert!(false, "{e}"),
            }
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

/// Facts of three invented stories, each in a wire wording and a rewrite
/// (same names and numbers, new words), for random versions.
const FACTS: &[[&str; 2]] = &[
    [
        "Engineers closed the Corran bridge on Tuesday after inspectors found cracks in two of its steel supports.",
        "The Corran bridge was shut on Tuesday once inspectors had spotted cracking in two steel supports.",
    ],
    [
        "About 52,000 vehicles use the bridge on an average weekday, according to the regional roads agency.",
        "Some 52,000 vehicles cross the bridge on a normal weekday, the regional roads agency says.",
    ],
    [
        "Diversions through Linwick will add up to 40 minutes to journeys, the council warned.",
        "Drivers face detours through Linwick of as much as 40 minutes, according to the council.",
    ],
    [
        "The water utility told 18,000 households in Brackenmoor to boil their tap water until further notice.",
        "Some 18,000 Brackenmoor homes were told by the water utility to boil tap water until further notice.",
    ],
    [
        "Tests at the Fernlow treatment works found E. coli bacteria on Sunday, the utility said.",
        "E. coli bacteria turned up in tests at the Fernlow treatment works on Sunday, according to the utility.",
    ],
    [
        "Bottled water is being handed out at three schools, officials said.",
        "Officials said three schools were handing out bottled water.",
    ],
    [
        "Runners in the Port Averell marathon set a course record of 2 hours 6 minutes on Saturday.",
        "A course record of 2 hours 6 minutes was set at the Port Averell marathon on Saturday.",
    ],
    [
        "More than 9,000 people finished the race, the organisers said.",
        "Organisers said over 9,000 people crossed the finish line.",
    ],
    [
        "Heavy rain in the final hour slowed the field, the race director said.",
        "The race director said a downpour in the last hour slowed the runners.",
    ],
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_output_sentence_comes_from_an_input_and_every_document_is_a_source(
        docs in proptest::collection::vec(
            (0usize..3, proptest::collection::vec((0usize..3, any::<bool>(), any::<bool>()), 1..4), any::<bool>()),
            1..9,
        ),
    ) {
        // A version: some facts of one story, each in the wire or the
        // rewrite wording, one or two to a paragraph, maybe an outlet line
        // at the end.
        let bodies: Vec<String> = docs
            .iter()
            .map(|(story, facts, footer)| {
                // A fact goes into the paragraph before it or starts one.
                let mut paras: Vec<String> = Vec::new();
                for &(f, rewrite, join) in facts {
                    let sentence = FACTS[story * 3 + f][usize::from(rewrite)];
                    match paras.last_mut() {
                        Some(last) if join => {
                            last.push(' ');
                            last.push_str(sentence);
                        }
                        _ => paras.push(sentence.to_owned()),
                    }
                }
                if *footer {
                    paras.push("Sign up for our morning newsletter to get the day's news first.".into());
                }
                paras.join("\n\n")
            })
            .collect();
        let ids: Vec<String> = (0..bodies.len()).map(|i| format!("v{i:02}")).collect();
        let input: Vec<Document<'_>> = ids.iter().zip(&bodies).map(|(id, b)| Document::text(id, b)).collect();
        let out = storysift::sift(&input).unwrap();
        // Every document is accounted for, in exactly one story.
        let mut seen: Vec<&str> = out.stories().iter().flat_map(|s| s.documents().iter().map(String::as_str)).collect();
        seen.sort_unstable();
        let mut want: Vec<&str> = ids.iter().map(String::as_str).collect();
        want.sort_unstable();
        prop_assert_eq!(&seen, &want);
        for story in out.stories() {
            // Every member that kept any content is a source of some paragraph.
            let mut sources: Vec<&str> = story.paragraphs().iter().flat_map(|p| p.documents()).collect();
            sources.sort_unstable();
            sources.dedup();
            for d in story.documents() {
                let has_content = !out.document(d).unwrap().paragraphs().is_empty();
                prop_assert!(!has_content || sources.contains(&d.as_str()), "{} lost in {:?}", d, story.id());
            }
            // Every sentence of every member's clean text is carried by an
            // output paragraph that names the member as a source (the
            // paragraph printed it, or says the same thing).
            let words = |t: &str| -> Vec<String> {
                t.split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() >= 5 || w.chars().any(|c| c.is_ascii_digit()))
                    .map(str::to_lowercase)
                    .collect()
            };
            for d in story.documents() {
                for para in out.document(d).unwrap().paragraphs() {
                    for s in para.split_inclusive(". ") {
                        let mine = words(s);
                        let carried = story.paragraphs().iter().any(|p| {
                            p.documents().any(|x| x == d)
                                && words(p.text()).iter().filter(|w| mine.contains(w)).count() >= 2
                        });
                        prop_assert!(carried || mine.len() < 2, "{}'s sentence has no source paragraph: {}", d, s);
                    }
                }
            }
            // Every output sentence is a sentence of one of its sources.
            for p in story.paragraphs() {
                for s in p.text().split_inclusive(". ").map(str::trim) {
                    let from = p.documents().any(|d| {
                        let i = ids.iter().position(|x| x == d).unwrap();
                        bodies[i].contains(s)
                    });
                    prop_assert!(from, "sentence from nowhere: {}", s);
                }
            }
        }
    }
}
