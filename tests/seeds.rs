//! The user's own example: five outlets' versions of one story.

use storysift::{Document, Reason, Sifted, Sifter};

mod common;
use common::SEEDS;

fn sift() -> Sifted {
    let docs: Vec<Document<'_>> = SEEDS.iter().map(|(id, b)| Document::text(id, b)).collect();
    Sifter::new().sift(&docs).expect("seeds sift")
}

/// Every text the output carries: clean document paragraphs and story paragraphs.
fn all_output(s: &Sifted) -> Vec<String> {
    let mut out: Vec<String> = s
        .documents()
        .iter()
        .flat_map(|d| d.paragraphs().iter().cloned())
        .collect();
    out.extend(
        s.stories()
            .iter()
            .flat_map(|st| st.paragraphs().iter().map(|p| p.text().to_owned())),
    );
    out
}

#[test]
fn one_story_holds_all_five() {
    let s = sift();
    assert_eq!(s.stories().len(), 1);
    assert_eq!(
        s.stories()[0].documents(),
        ["000", "001", "002", "003", "004"]
    );
    for d in s.documents() {
        assert_eq!(d.story(), s.stories()[0].id());
    }
}

#[test]
fn boilerplate_is_gone_everywhere() {
    let s = sift();
    let out = all_output(&s);
    let banned = [
        "Advertisement",
        "Winter Olympics 2026",
        "Ed Sheeran Shares",
        "Meghan Markle Warns",
        "Key Details From Germany",
        "Inside The Moment King Charles",
        "David E. Kelley Breaks Vow",
        "MIKHAIL METZEL/Getty Images",
        "Newsweek has contacted the White House for comment.",
    ];
    for b in banned {
        let hits: Vec<&String> = out.iter().filter(|p| p.contains(b)).collect();
        assert!(hits.is_empty(), "{b:?} survived in {hits:?}");
    }
}

#[test]
fn removals_carry_their_reasons() {
    let s = sift();
    let reasons = |id: &str| -> Vec<Reason> {
        s.document(id)
            .unwrap()
            .removed()
            .iter()
            .map(|r| r.reason().clone())
            .collect()
    };
    assert_eq!(
        reasons("000")
            .iter()
            .filter(|r| **r == Reason::AdMarker)
            .count(),
        2
    );
    assert!(
        reasons("001")
            .iter()
            .filter(|r| **r == Reason::HeadlineList)
            .count()
            >= 15
    );
    assert!(reasons("001").contains(&Reason::Title));
    assert!(reasons("003").contains(&Reason::PhotoCredit));
    assert!(reasons("003").contains(&Reason::ContactNote));
}

#[test]
fn each_quote_in_exactly_one_story_paragraph() {
    let s = sift();
    let story = &s.stories()[0];
    for quote in [
        "I leave this without comment",
        "Yeah, he will accept that",
        "will not be negotiated through the media",
    ] {
        let n = story
            .paragraphs()
            .iter()
            .filter(|p| p.text().contains(quote))
            .count();
        assert_eq!(n, 1, "{quote:?} appears in {n} story paragraphs");
    }
}

#[test]
fn outlet_only_content_is_kept() {
    let s = sift();
    let story = &s.stories()[0];
    let has = |needle: &str, src: &str| {
        story
            .paragraphs()
            .iter()
            .any(|p| p.text().contains(needle) && p.documents().any(|d| d == src))
    };
    assert!(has("Poland said they scrambled military aircraft", "001"));
    assert!(has("Landsbergis", "003"));
    assert!(has("video conference", "004"));
    assert!(has("This ongoing diplomatic exchange highlights", "002"));
}

#[test]
fn every_clean_paragraph_is_accounted_for() {
    // Each clean paragraph is either the source of a story paragraph or
    // removed as a duplicate of one.
    let s = sift();
    for d in s.documents() {
        for (i, _) in d.paragraphs().iter().enumerate() {
            let in_story = s.stories()[d.story().index()].paragraphs().iter().any(|p| {
                p.sources()
                    .iter()
                    .any(|r| r.document == d.id() && r.paragraph == i)
            });
            let dup = d
                .removed()
                .iter()
                .any(|r| matches!(r.reason(), Reason::Duplicate { .. }));
            assert!(in_story || dup, "{}#{i} is nowhere", d.id());
        }
    }
}
