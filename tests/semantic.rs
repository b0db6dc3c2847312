//! The sentence encoder (feature `semantic`). These tests need the model:
//! `scripts/fetch_model.sh` puts all-MiniLM-L6-v2 in
//! `models/all-MiniLM-L6-v2` (or set `STORYSIFT_MODEL` to a model folder).
//! Without it they fail and say so; they never pass silently.
#![cfg(feature = "semantic")]

use std::path::PathBuf;

use storysift::{Document, Error, SentenceEncoder, Sifter};

fn model_dir() -> PathBuf {
    std::env::var_os("STORYSIFT_MODEL").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/all-MiniLM-L6-v2"),
        PathBuf::from,
    )
}

fn encoder() -> SentenceEncoder {
    let dir = model_dir();
    assert!(
        dir.join("model.safetensors").exists(),
        "the sentence-encoder model is absent from {}: run scripts/fetch_model.sh \
         (or set STORYSIFT_MODEL) to run the `semantic` tests",
        dir.display()
    );
    SentenceEncoder::from_dir(&dir).unwrap()
}

#[test]
fn a_missing_or_broken_model_is_a_clear_error() {
    let err = SentenceEncoder::from_dir("/nonexistent/model").unwrap_err();
    assert!(matches!(err, Error::Model { .. }), "{err}");
    assert!(err.to_string().contains("config.json"), "{err}");
    // A folder whose files are not a model.
    let dir = std::env::temp_dir().join("storysift-not-a-model");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.json"), "{}").unwrap();
    let err = SentenceEncoder::from_dir(&dir).unwrap_err();
    assert!(matches!(err, Error::Model { .. }), "{err}");
}

#[test]
fn restatements_are_close_and_other_facts_are_not() {
    let e = encoder();
    let v = e
        .encode(&[
            "Engineers closed the Corran bridge on Tuesday after inspectors found cracks in two of its steel supports.",
            "The Corran bridge was shut on Tuesday once inspectors had spotted cracking in two steel supports.",
            "Drivers face a detour through Linwick on Tuesday, the Corran council said.",
            "",
        ])
        .unwrap();
    assert_eq!(v.len(), 4);
    assert!(v.iter().all(|x| x.len() == e.dimension()));
    let cos = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
    for x in &v[..3] {
        assert!((cos(x, x) - 1.0).abs() < 1e-4);
    }
    assert!(cos(&v[0], &v[1]) > 0.8, "{}", cos(&v[0], &v[1]));
    assert!(cos(&v[0], &v[2]) < 0.5, "{}", cos(&v[0], &v[2]));
}

#[test]
fn the_encoder_drops_a_restated_sentence_that_words_alone_keep() {
    let advisory = "Health officials advised anglers on Monday not to eat perch caught in Lake Merrow after tests found high levels of a chemical pollutant.";
    let wire = format!(
        "{advisory}\n\nAbout 3,000 fishing permits are sold for Lake Merrow each year, making it one of the busiest angling waters in the region.\n\n\
         The advisory does not apply to swimming or boating, the agency said."
    );
    let copy = format!("{wire}\n\nThe lake is stocked every spring.");
    // The same statement in other words (same names), and a fact of its own.
    let rewrite = "On Monday, Merrow fishermen were told by health authorities to avoid eating perch from the lake because testing detected elevated pollutant concentrations.\n\n\
                   Local tackle shops expect a quiet season.";
    let docs = [
        Document::text("wire", &wire),
        Document::text("copy", &copy),
        Document::text("rewrite", rewrite),
    ];
    let run = |sifter: &Sifter| {
        let out = sifter.sift(&docs).unwrap();
        assert_eq!(out.stories().len(), 1);
        let story = out.stories()[0].clone();
        let texts: Vec<String> = story
            .paragraphs()
            .iter()
            .map(|p| p.text().to_owned())
            .collect();
        // The rewrite's own fact is kept either way.
        assert!(
            texts.iter().any(|t| t.contains("tackle shops")),
            "{texts:?}"
        );
        story
    };
    let perch = |story: &storysift::Story| {
        story
            .paragraphs()
            .iter()
            .filter(|p| p.text().contains("perch"))
            .map(|p| p.documents().map(str::to_owned).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    };
    // Words alone: the restated advisory is printed twice.
    assert_eq!(perch(&run(&Sifter::new())).len(), 2);
    // With the encoder: once, and the rewrite is one of its sources.
    let sifter = Sifter::builder()
        .sentence_encoder(encoder())
        .build()
        .unwrap();
    let once = perch(&run(&sifter));
    assert_eq!(once.len(), 1);
    assert!(once[0].iter().any(|d| d == "rewrite"), "{once:?}");
}
