//! The incremental index: story and known paragraphs per new document,
//! agreement with the batch on the seeds, and (feature `serde`) saving and
//! loading in the versioned format.

use storysift::{Document, Index, Sifter};

mod common;
use common::SEEDS;

#[test]
fn seeds_form_one_story_and_known_paragraphs_point_back() {
    let mut index = Index::new(Sifter::new()).unwrap();
    let mut known = 0;
    for (i, (id, body)) in SEEDS.iter().enumerate() {
        let added = index.add(&Document::text(id, body)).unwrap();
        assert_eq!(added.known().len(), added.cleaned().paragraphs().len());
        if i == 0 {
            assert!(added.is_new_story());
        }
        for r in added.known().iter().flatten() {
            // A known paragraph points at an earlier document of the story.
            assert_ne!(r.document, *id);
            assert_eq!(index.story_of(&r.document), index.story_of(id));
            known += 1;
        }
    }
    // The batch puts all five seeds in one story; so does the index.
    let batch = storysift::sift(
        &SEEDS
            .iter()
            .map(|(id, b)| Document::text(id, b))
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_eq!(batch.stories().len(), 1);
    let first = index.story_of(SEEDS[0].0).unwrap().to_owned();
    for (id, _) in SEEDS {
        assert_eq!(index.story_of(id), Some(first.as_str()));
    }
    assert!(known >= 10, "{known}");
    assert_eq!(index.len(), SEEDS.len());
    assert!(index.story_of("nope").is_none());
}

#[test]
fn bad_input_is_an_error_and_indexes_nothing() {
    let mut index = Index::new(
        Sifter::builder()
            .max_document_bytes(Some(10))
            .build()
            .unwrap(),
    )
    .unwrap();
    assert!(
        index
            .add(&Document::text("big", "far more than ten bytes"))
            .is_err()
    );
    assert!(index.is_empty());
    index.add(&Document::text("a", "short")).unwrap();
    assert!(matches!(
        index.add(&Document::text("a", "again")),
        Err(storysift::Error::DuplicateId { .. })
    ));
    assert_eq!(index.len(), 1);
}

#[cfg(feature = "serde")]
mod persist {
    use super::*;
    use storysift::SavedIndex;

    fn seeded() -> Index {
        let mut index = Index::new(Sifter::new()).unwrap();
        for (id, body) in &SEEDS[..4] {
            index.add(&Document::text(id, body)).unwrap();
        }
        index
    }

    #[test]
    fn a_loaded_index_answers_like_the_original() {
        let mut original = seeded();
        let json = serde_json::to_string(&original).unwrap();
        let saved: SavedIndex = serde_json::from_str(&json).unwrap();
        let mut loaded = Index::from_saved(saved, Sifter::new()).unwrap();
        assert_eq!(loaded.len(), original.len());
        assert_eq!(loaded.paragraphs(), original.paragraphs());
        let (id, body) = SEEDS[4];
        let a = original.add(&Document::text(id, body)).unwrap();
        let b = loaded.add(&Document::text(id, body)).unwrap();
        assert_eq!(a, b);
        // Saving again gives the same bytes.
        assert_eq!(
            serde_json::to_string(&original).unwrap(),
            serde_json::to_string(&loaded).unwrap()
        );
    }

    #[test]
    fn the_saved_format_is_pinned() {
        let mut index = Index::new(Sifter::new()).unwrap();
        index
            .add(&Document::text("a", "The Kremlin said on Tuesday.").outlet("Wire"))
            .unwrap();
        let json = serde_json::to_string(&index).unwrap();
        assert_eq!(json, GOLDEN_JSON);
    }

    /// Golden: the version-3 format, with the shingle keys of one paragraph
    /// and the lexical record of its story (two names: "Kremlin",
    /// "Tuesday"). Any change here must bump `INDEX_FORMAT_VERSION`.
    const GOLDEN_JSON: &str = concat!(
        r#"{"format":"storysift-index","version":3,"shingle_words":3,"#,
        r#""settings":{"min_containment":0.5,"duplicate_coverage":0.5,"#,
        r#""story_min_shared_paragraphs":3,"lexical_links":true,"group_all_kinds":false},"#,
        r#""docs":[{"id":"a","outlet":"Wire","first":0,"count":1,"mass":3}],"#,
        r#""paras":[{"doc":0,"start":0}],"keys":[1421562788,2663850138,3927963684],"parent":[0],"#,
        r#""lexicon":{"docs":1,"df":[[442430017,1],[3790722615,1]],"#,
        r#""stories":[[0,{"sum":[[442430017,0.70710677],[3790722615,0.70710677]],"#,
        r#""profiled":1,"numbers":[],"names":[442430017,3790722615],"core":false}]]}}"#
    );

    #[test]
    fn foreign_or_damaged_data_is_refused() {
        let json = serde_json::to_string(&seeded()).unwrap();
        for (from, to) in [
            ("\"version\":3", "\"version\":99"),
            ("storysift-index", "other-index"),
            ("\"shingle_words\":3", "\"shingle_words\":4"),
            ("\"parent\":[0", "\"parent\":[7"),
        ] {
            let bad = json.replacen(from, to, 1);
            assert_ne!(bad, json, "{from}");
            let saved: SavedIndex = serde_json::from_str(&bad).unwrap();
            let err = Index::from_saved(saved, Sifter::new()).unwrap_err();
            assert!(
                matches!(err, storysift::Error::SavedIndex { .. }),
                "{from}: {err}"
            );
        }
        // Records that do not refer to each other: a document's paragraphs
        // not starting where the previous document's end (a paragraph
        // index would wrap), a paragraph naming another document, keys
        // not starting at 0.
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        for (at, to) in [
            ("/docs/0/first", 1),
            ("/docs/1/first", 0),
            ("/docs/0/count", 0),
            ("/paras/0/doc", 1),
            ("/paras/0/start", 2),
        ] {
            let mut bad = value.clone();
            *bad.pointer_mut(at).unwrap() = to.into();
            let saved: SavedIndex = serde_json::from_value(bad).unwrap();
            let err = Index::from_saved(saved, Sifter::new()).unwrap_err();
            assert!(
                matches!(err, storysift::Error::SavedIndex { .. }),
                "{at}: {err}"
            );
        }
        // A version-1 file (before the lexical records) gets an error that
        // says what to do.
        let v1 = json.replacen("\"version\":3", "\"version\":1", 1);
        let saved: SavedIndex = serde_json::from_str(&v1).unwrap();
        let err = Index::from_saved(saved, Sifter::new())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("version 1") && err.contains("index the documents again"),
            "{err}"
        );
        // A lexical record for a document that is not a story's root.
        let bad = json.replacen("\"stories\":[[0,", "\"stories\":[[1,", 1);
        assert_ne!(bad, json);
        let saved: SavedIndex = serde_json::from_str(&bad).unwrap();
        assert!(Index::from_saved(saved, Sifter::new()).is_err());
        // A story weight too large for an f32 (it loads as infinity) or
        // negative: found by the index_load fuzz target, where the loaded
        // index could not be saved again.
        for weight in [1e39, -0.5] {
            let mut bad = value.clone();
            *bad.pointer_mut("/lexicon/stories/0/1/sum/0/1").unwrap() = weight.into();
            let saved: SavedIndex = serde_json::from_value(bad).unwrap();
            let err = Index::from_saved(saved, Sifter::new()).unwrap_err();
            assert!(
                matches!(err, storysift::Error::SavedIndex { .. }),
                "{weight}: {err}"
            );
        }
        // A sifter with another shingle size is refused too.
        let saved: SavedIndex = serde_json::from_str(&json).unwrap();
        let five = Sifter::builder().shingle_words(5).build().unwrap();
        assert!(Index::from_saved(saved, five).is_err());
    }

    #[test]
    fn other_settings_are_refused_and_version_2_is_upgraded() {
        let json = serde_json::to_string(&seeded()).unwrap();
        let load = |json: &str, sifter: Sifter| {
            Index::from_saved(serde_json::from_str::<SavedIndex>(json).unwrap(), sifter)
        };
        let looser = Sifter::builder().min_containment(0.3).build().unwrap();
        let err = load(&json, looser.clone()).unwrap_err().to_string();
        assert!(err.contains("min_containment 0.5 (saved) vs 0.3"), "{err}");
        let no_lexical = Sifter::builder().lexical_links(false).build().unwrap();
        let err = load(&json, no_lexical).unwrap_err().to_string();
        assert!(err.contains("lexical_links true (saved) vs false"), "{err}");
        let all_kinds = Sifter::builder().group_all_kinds(true).build().unwrap();
        let err = load(&json, all_kinds).unwrap_err().to_string();
        assert!(
            err.contains("group_all_kinds false (saved) vs true"),
            "{err}"
        );
        // Version 2 recorded no settings: it loads with the sifter's, and
        // saves as version 3 with them.
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["version"] = 2.into();
        value.as_object_mut().unwrap().remove("settings");
        let v2 = value.to_string();
        let upgraded = load(&v2, looser).unwrap();
        let saved = serde_json::to_string(&upgraded).unwrap();
        assert!(saved.contains("\"version\":3") && saved.contains("\"min_containment\":0.3"));
    }

    #[test]
    fn an_index_refuses_a_judge_of_texts() {
        #[derive(Debug)]
        struct Always;
        impl storysift::Similarity for Always {
            fn near_duplicate(&self, _: &storysift::Candidate<'_>) -> bool {
                true
            }
        }
        let sifter = Sifter::builder().similarity(Always).build().unwrap();
        let err = Index::new(sifter).unwrap_err();
        assert!(
            matches!(
                err,
                storysift::Error::InvalidConfig {
                    knob: "similarity",
                    ..
                }
            ),
            "{err}"
        );
    }
}
