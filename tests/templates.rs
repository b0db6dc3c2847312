//! Template lines learned from a batch: an outlet's line that recurs across
//! stories leaves the documents and the stories, is reported with its
//! reason, and every paragraph reference still points at the right text.

use storysift::{Document, Reason, Sifter};

const TIP: &str = "Got a story? Message the Radio Larkhill newsroom on 07700 900123 or email tips@larkhill.example.";
const SLOGAN: &str =
    "Radio Larkhill: the sound of the valley. Listen live on 96.2 FM and in the Larkhill app.";

fn library(extra: &str) -> String {
    format!(
        "Brenmoor library to close in March\n\n\
         The Brenmoor branch of the county library will close in March after councillors voted nine to four to cut its budget by 180,000 pounds.\n\n\
         {TIP}\n\n\
         Councillor Aisha Brandt said the mobile library would visit Brenmoor twice a week and that the building would be offered to community groups.\n\n\
         {extra}"
    )
}

fn cup() -> String {
    format!(
        "Larkhill Rovers lift the county cup\n\n\
         Larkhill Rovers beat Ashby Town 3-1 in the county cup final on Saturday, with two goals from striker Dana Moor in front of 2,400 fans.\n\n\
         {TIP}\n\n\
         Manager Owen Pike said the win was the club's first cup since 1998 and dedicated it to the volunteers who run the youth teams.\n\n\
         {SLOGAN}"
    )
}

#[test]
fn template_lines_leave_documents_and_stories_and_references_stay_right() {
    let a = library(SLOGAN);
    // A second outlet carrying the library story (wire copy, its own tail).
    let b = library("The county will publish its full list of branch changes next month.");
    let c = cup();
    let docs = [
        Document::text("radio-library", &a),
        Document::text("wire-library", &b),
        Document::text("radio-cup", &c),
    ];
    let sifted = Sifter::new().sift(&docs).unwrap();
    assert_eq!(sifted.stories().len(), 2);
    let radio = sifted.document("radio-library").unwrap();
    // The tip line recurs in both stories: gone from both radio documents;
    // the slogan too. The wire document's copy of the tip line is gone as
    // well (the same line, in a story where it says nothing else).
    for id in ["radio-library", "radio-cup", "wire-library"] {
        let d = sifted.document(id).unwrap();
        assert!(
            d.paragraphs().iter().all(|p| !p.contains("07700")),
            "{id}: {:?}",
            d.paragraphs()
        );
        assert!(
            d.removed()
                .iter()
                .any(|r| *r.reason() == Reason::Template && r.text() == TIP),
            "{id}"
        );
    }
    assert!(radio.paragraphs().iter().all(|p| !p.contains("96.2 FM")));
    // Every story paragraph's sources point at the paragraph that carries
    // its text (the kept one first), after the renumbering.
    for story in sifted.stories() {
        assert!(
            story
                .paragraphs()
                .iter()
                .all(|p| !p.text().contains("07700"))
        );
        for p in story.paragraphs() {
            let first = &p.sources()[0];
            let doc = sifted.document(&first.document).unwrap();
            let text = &doc.paragraphs()[first.paragraph];
            if !p.is_partial() {
                assert_eq!(text, p.text());
            }
            for s in p.sources() {
                let d = sifted.document(&s.document).unwrap();
                assert!(s.paragraph < d.paragraphs().len());
            }
        }
    }
    // Duplicates name a paragraph that exists and holds their text.
    for d in sifted.documents() {
        for r in d.removed() {
            if let Reason::Duplicate { of } = r.reason() {
                let kept = sifted.document(&of.document).unwrap();
                assert!(of.paragraph < kept.paragraphs().len());
            }
        }
    }
    // Off: the lines stay.
    let kept = Sifter::builder()
        .cross_story_templates(false)
        .build()
        .unwrap()
        .sift(&docs)
        .unwrap();
    assert!(
        kept.document("radio-cup")
            .unwrap()
            .paragraphs()
            .iter()
            .any(|p| p.contains("07700"))
    );
}

/// A line shared only by the versions of one story is that story's
/// content, however formulaic.
#[test]
fn a_line_shared_within_one_story_is_kept() {
    let a = library(SLOGAN);
    let b = library("The county will publish its full list of branch changes next month.");
    let docs = [
        Document::text("radio-library", &a),
        Document::text("wire-library", &b),
    ];
    let sifted = Sifter::new().sift(&docs).unwrap();
    assert_eq!(sifted.stories().len(), 1);
    let story = &sifted.stories()[0];
    assert!(story.paragraphs().iter().any(|p| p.text() == TIP));
}
