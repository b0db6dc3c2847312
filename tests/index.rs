//! The incremental index: story and known paragraphs per new document,
//! agreement with the batch on the seeds, and (feature `serde`) saving and
//! loading in the versioned format.

use storysift::{Document, Index, Sifter};

mod common;
use common::{SEEDS, glued_headline};

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

/// An outlet's tag line under unrelated stories (invented text).
const TAG: &str = "Got a story? Message the Radio Fenmouth newsroom on 07700 900123 or by email.";
const LIBRARY: &str = "The Brenmoor library branch will close in March after councillors voted nine to four to \
    cut its budget.\n\nThe branch lends about 40,000 books a year and runs a homework club for pupils on \
    weekday afternoons.\n\nCampaigners said they would ask the regional ombudsman to review the decision \
    and collect signatures outside the library every Saturday.";
const CUP: &str = "Larkhill Rovers beat Ashby Town 3-1 in the county cup final on Saturday in front of a \
    record crowd.\n\nTwo goals in the last ten minutes from the substitute Dara Kell settled a tense final \
    at the Meadow Ground.\n\nThe Rovers manager Tomas Brill praised his defenders and dedicated the trophy \
    to the supporters who travelled from the coast.";

fn with_tag(body: &str) -> String {
    format!("{body}\n\n{TAG}")
}

fn template_removed(added: &storysift::Added) -> bool {
    added
        .cleaned()
        .removed()
        .iter()
        .any(|r| *r.reason() == storysift::Reason::Template && r.text() == TAG)
}

#[test]
fn a_line_recurring_across_stories_is_learned_as_a_template() {
    let mut index = Index::new(Sifter::new()).unwrap();
    let first = index
        .add(&Document::text("library", &with_tag(LIBRARY)))
        .unwrap();
    // Seen once: content, as far as anyone can tell.
    assert!(first.cleaned().paragraphs().iter().any(|p| p == TAG));
    let cup = index.add(&Document::text("cup", &with_tag(CUP))).unwrap();
    assert!(cup.is_new_story(), "{cup:?}");
    assert!(template_removed(&cup));
    assert!(!cup.cleaned().paragraphs().iter().any(|p| p == TAG));
    assert_eq!(cup.known().len(), cup.cleaned().paragraphs().len());
    // Learned: a later copy of the first story loses it too, though the
    // one earlier carrier is of its own story.
    let copy = index
        .add(&Document::text("library-2", &with_tag(LIBRARY)))
        .unwrap();
    assert_eq!(copy.story(), "library");
    assert!(template_removed(&copy));
    assert_eq!(copy.new_paragraphs().count(), 0);
    // Off: the line stays.
    let mut off = Index::new(
        Sifter::builder()
            .cross_story_templates(false)
            .build()
            .unwrap(),
    )
    .unwrap();
    off.add(&Document::text("library", &with_tag(LIBRARY)))
        .unwrap();
    let cup = off.add(&Document::text("cup", &with_tag(CUP))).unwrap();
    assert!(!template_removed(&cup));
}

/// An index that has learned the tag line (two stories carry it).
fn learned() -> Index {
    let mut index = Index::new(Sifter::new()).unwrap();
    index
        .add(&Document::text("library", &with_tag(LIBRARY)))
        .unwrap();
    index.add(&Document::text("cup", &with_tag(CUP))).unwrap();
    index
}

#[test]
fn a_document_that_is_mostly_the_recurring_line_keeps_it() {
    let mut index = learned();
    let brief = index
        .add(&Document::text("brief", &format!("{TAG}\n\nYes.")))
        .unwrap();
    assert!(!template_removed(&brief));
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

    const CASTLE: &str = "Restoration of the east tower at Garrow Castle will start in April, the heritage trust \
        said on Friday.\n\nScaffolding will close the tower walk for most of the summer while masons repair \
        the battlements.\n\nThe trust expects the work to cost 2.4 million euros, most of it raised from \
        members and a lottery grant.";

    #[test]
    fn learned_template_lines_are_saved() {
        let json = serde_json::to_string(&learned()).unwrap();
        let saved: SavedIndex = serde_json::from_str(&json).unwrap();
        let mut loaded = Index::from_saved(saved, Sifter::new()).unwrap();
        // Only the saved list knows the line: its one indexed carrier is
        // of the new document's own story.
        let copy = loaded
            .add(&Document::text("library-2", &with_tag(LIBRARY)))
            .unwrap();
        assert_eq!(copy.story(), "library");
        assert!(template_removed(&copy));
        let castle = loaded
            .add(&Document::text("castle", &with_tag(CASTLE)))
            .unwrap();
        assert!(template_removed(&castle));
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

    /// Golden: the version-4 format, with the shingle keys of one paragraph
    /// and the lexical record of its story (two names: "Kremlin",
    /// "Tuesday"). Any change here must bump `INDEX_FORMAT_VERSION`.
    const GOLDEN_JSON: &str = concat!(
        r#"{"format":"storysift-index","version":4,"shingle_words":3,"#,
        r#""settings":{"min_containment":0.5,"duplicate_coverage":0.5,"#,
        r#""story_min_shared_paragraphs":3,"lexical_links":true,"group_all_kinds":false},"#,
        r#""docs":[{"id":"a","outlet":"Wire","first":0,"count":1,"mass":3}],"#,
        r#""paras":[{"doc":0,"start":0}],"keys":[1421562788,2663850138,3927963684],"parent":[0],"#,
        r#""lexicon":{"docs":1,"df":[[442430017,1],[3790722615,1]],"#,
        r#""stories":[[0,{"sum":[[442430017,0.70710677],[3790722615,0.70710677]],"#,
        r#""profiled":1,"numbers":[],"names":[442430017,3790722615],"core":false}]]},"#,
        r#""templates":[]}"#
    );

    #[test]
    fn foreign_or_damaged_data_is_refused() {
        let json = serde_json::to_string(&seeded()).unwrap();
        for (from, to) in [
            ("\"version\":4", "\"version\":99"),
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
        let v1 = json.replacen("\"version\":4", "\"version\":1", 1);
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
        // Version 2 recorded no settings and no template lines: it loads
        // with the sifter's settings and no template lines, and saves as
        // the current version with them. Version 3 loads without template
        // lines.
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["version"] = 2.into();
        value.as_object_mut().unwrap().remove("settings");
        value.as_object_mut().unwrap().remove("templates");
        let v2 = value.to_string();
        let upgraded = load(&v2, looser).unwrap();
        let saved = serde_json::to_string(&upgraded).unwrap();
        assert!(saved.contains("\"version\":4") && saved.contains("\"min_containment\":0.3"));
        assert!(saved.contains("\"templates\":[]"));
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        value["version"] = 3.into();
        value.as_object_mut().unwrap().remove("templates");
        assert_eq!(
            load(&value.to_string(), Sifter::new()).unwrap().len(),
            seeded().len()
        );
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

#[test]
fn a_headline_carried_by_hundreds_of_stories_does_not_merge_them() {
    // As in the batch (tests/stories.rs): 150 stories of two versions end
    // with the same related-stories headline, and then a page arrives
    // holding little but that headline. It shared half of itself with
    // each carrier and merged every story among them it found. Now no
    // story merges; by copied text the page is a story of its own (with
    // lexical links on, the headline's words may place it in one story).
    let docs = glued_headline(150, 2, 2);
    let (stories, page) = docs.split_at(docs.len() - 1);
    for lexical in [false, true] {
        let sifter = Sifter::builder().lexical_links(lexical).build().unwrap();
        let mut index = Index::new(sifter).unwrap();
        for versions in stories.chunks(2) {
            let added: Vec<_> = versions
                .iter()
                .map(|(id, body)| index.add(&Document::text(id, body)).unwrap())
                .collect();
            assert_eq!(added[1].story(), added[0].story());
            assert!(added.iter().all(|a| a.merged().is_empty()));
        }
        let added = index.add(&Document::text("page", &page[0].1)).unwrap();
        assert!(added.merged().is_empty(), "{:?}", added.merged());
        if !lexical {
            assert_eq!(added.story(), "page");
        }
    }
}

#[test]
fn a_brief_of_a_story_hundreds_of_outlets_carry_joins_it_in_the_index() {
    let story = [
        "Floodwaters rose across the river valley on Sunday after three days of heavy rain, forcing hundreds of families to leave their homes.",
        "Emergency crews used boats to reach residents stranded on rooftops in the lower districts, the regional fire service said.",
        "The river peaked at 6.2 metres in the town centre, the highest level recorded since the floods of 1998.",
        "Officials opened two school gymnasiums as shelters and said drinking water would be trucked in until the treatment plant reopens.",
    ]
    .join("\n\n");
    let mut index = Index::new(Sifter::new()).unwrap();
    for i in 0..300 {
        index
            .add(&Document::text(&format!("copy-{i:03}"), &story))
            .unwrap();
    }
    let brief = "Floodwaters rose across the river valley on Sunday after three days of heavy rain, forcing hundreds of families to leave their homes.\n\nMore details to follow.";
    let added = index.add(&Document::text("brief", brief)).unwrap();
    assert_eq!(added.story(), "copy-000");
}

#[test]
fn a_headline_glued_to_one_page_of_each_of_a_few_stories_merges_none() {
    // As in the batch (tests/stories.rs): twelve stories of three versions,
    // the first of each ending with one related-stories headline, then a
    // page holding little but that headline. The headline is incidental
    // to each story that carries it, so the page merges none of them (it
    // merged every story it found that carried the headline).
    let docs = glued_headline(12, 3, 1);
    let (stories, page) = docs.split_at(docs.len() - 1);
    let mut index = Index::new(Sifter::builder().lexical_links(false).build().unwrap()).unwrap();
    for (id, body) in stories {
        let added = index.add(&Document::text(id, body)).unwrap();
        assert_eq!(added.story(), format!("{}v0", &id[..4]));
    }
    let added = index.add(&Document::text("page", &page[0].1)).unwrap();
    assert!(added.merged().is_empty(), "{:?}", added.merged());
    assert_eq!(added.story(), "page");
}
