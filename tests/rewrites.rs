//! Rewritten versions of one story: they join it, and a template twin
//! (same wire sentences, other names and numbers) stays apart. All text
//! is invented.

use storysift::{Document, Sifted, Sifter};

const WIRE: &str = "Harbour crane collapses at Velmont terminal\n\n\
VELMONT, May 3 (NWA) - A 60-metre container crane collapsed at the Velmont Bay terminal on Saturday, injuring four dock workers, the Velmont Port Authority said.\n\n\
The crane, built in 1994, fell across two berths shortly after 6 a.m. while lifting a container from the freighter Aldra Star, port spokeswoman Ilse Gorvan told reporters.\n\n\
Two of the injured workers were taken to Velmont General Hospital with broken bones, and the other two were treated at the scene, she said.\n\n\
The authority closed berths 7 and 8 and said ships would be diverted to the Northquay terminal, about 30 kilometres up the coast, for at least two weeks.\n\n\
The dockworkers' union called for every crane older than 25 years to be inspected before work resumes, union secretary Pavel Drummond said.";

const COPY: &str = "Crane collapse injures four at Velmont\n\n\
A 60-metre container crane collapsed at the Velmont Bay terminal on Saturday, injuring four dock workers, the Velmont Port Authority said.\n\n\
The crane, built in 1994, fell across two berths shortly after 6 a.m. while lifting a container from the freighter Aldra Star, port spokeswoman Ilse Gorvan told reporters.\n\n\
Two of the injured workers were taken to Velmont General Hospital with broken bones, and the other two were treated at the scene, she said.\n\n\
The authority closed berths 7 and 8 and said ships would be diverted to the Northquay terminal, about 30 kilometres up the coast, for at least two weeks.";

const REWRITE: &str = "Four hurt as giant crane topples onto Velmont quay\n\n\
Four dockers were hurt on Saturday morning when a 60-metre crane at Velmont Bay came crashing down across the quay, port officials confirmed.\n\n\
The 1994 machine was hoisting a box off the Aldra Star just after 6 a.m. when it gave way, according to Ilse Gorvan, who speaks for the Velmont Port Authority.\n\n\
Two of the men suffered fractures and were rushed to Velmont General Hospital; paramedics patched up the others on the spot.\n\n\
With berths 7 and 8 shut, vessels are being sent 30 kilometres north to Northquay for a fortnight or more.\n\n\
Pavel Drummond of the dockworkers' union wants every crane over 25 years old checked before anyone goes back to work.";

const BRIEF: &str = "Velmont crane collapse\n\n\
A 60-metre crane fell at Velmont Bay on Saturday, hurting four workers; Velmont Port Authority has shut berths 7 and 8 and is diverting ships to Northquay.";

/// The same wire template, another port, other names and numbers.
const TWIN_WIRE: &str = "Harbour crane collapses at Oskarsby terminal\n\n\
OSKARSBY, May 3 (NWA) - A 45-metre container crane collapsed at the Oskarsby Sound terminal on Saturday, injuring two dock workers, the Oskarsby Harbour Board said.\n\n\
The crane, built in 1981, fell across one berth shortly after 9 p.m. while lifting a container from the freighter Merel Dawn, harbour spokesman Tomas Lindqvist told reporters.\n\n\
One of the injured workers was taken to Oskarsby Infirmary with head injuries, and the other was treated at the scene, he said.\n\n\
The board closed berth 3 and said ships would be diverted to the Halvik terminal, about 55 kilometres down the coast, for at least five days.";

const TWIN_COPY: &str = "Crane collapse at Oskarsby\n\n\
A 45-metre container crane collapsed at the Oskarsby Sound terminal on Saturday, injuring two dock workers, the Oskarsby Harbour Board said.\n\n\
The crane, built in 1981, fell across one berth shortly after 9 p.m. while lifting a container from the freighter Merel Dawn, harbour spokesman Tomas Lindqvist told reporters.\n\n\
The board closed berth 3 and said ships would be diverted to the Halvik terminal, about 55 kilometres down the coast, for at least five days.";

fn docs() -> Vec<Document<'static>> {
    vec![
        Document::text("wire", WIRE),
        Document::text("twin-wire", TWIN_WIRE),
        Document::text("rewrite", REWRITE),
        Document::text("copy", COPY),
        Document::text("twin-copy", TWIN_COPY),
        Document::text("brief", BRIEF),
    ]
}

fn story_docs(out: &Sifted, id: &str) -> Vec<String> {
    let s = out.document(id).unwrap().story();
    let story = out.stories().iter().find(|x| x.id() == s).unwrap();
    let mut d: Vec<String> = story.documents().to_vec();
    d.sort();
    d
}

#[test]
fn rewrite_and_brief_join_their_story_and_the_template_twin_stays_apart() {
    let out = Sifter::new().sift(&docs()).unwrap();
    assert_eq!(out.stories().len(), 2, "{:#?}", out.stories());
    assert_eq!(
        story_docs(&out, "wire"),
        ["brief", "copy", "rewrite", "wire"]
    );
    assert_eq!(story_docs(&out, "twin-wire"), ["twin-copy", "twin-wire"]);
}

#[test]
fn shingles_alone_leave_the_rewrite_out() {
    let sifter = Sifter::builder().lexical_links(false).build().unwrap();
    let out = sifter.sift(&docs()).unwrap();
    assert_eq!(story_docs(&out, "rewrite"), ["rewrite"]);
}

#[test]
fn every_document_is_a_source_and_every_sentence_comes_from_an_input() {
    let out = Sifter::new().sift(&docs()).unwrap();
    let inputs = [WIRE, TWIN_WIRE, REWRITE, COPY, TWIN_COPY, BRIEF];
    for story in out.stories() {
        let mut sources: Vec<&str> = story
            .paragraphs()
            .iter()
            .flat_map(|p| p.documents())
            .collect();
        sources.sort();
        sources.dedup();
        let mut members: Vec<&str> = story.documents().iter().map(String::as_str).collect();
        members.sort();
        assert_eq!(sources, members, "provenance lost in {:?}", story.id());
        for p in story.paragraphs() {
            for sentence in p.text().split(". ") {
                let s = sentence.trim_end_matches('.');
                assert!(
                    inputs.iter().any(|i| i.contains(s)),
                    "sentence from nowhere: {s}"
                );
            }
        }
    }
}

#[test]
fn a_restated_statement_with_the_same_numbers_is_printed_once() {
    let out = Sifter::new().sift(&docs()).unwrap();
    let s = out.document("wire").unwrap().story();
    let story = out.stories().iter().find(|x| x.id() == s).unwrap();
    let berths = story
        .paragraphs()
        .iter()
        .filter(|p| p.text().contains("berths 7 and 8"))
        .count();
    // The wire's berths paragraph, the rewrite's restatement and the
    // brief's summary carry the same numbers; the rewrite's adds nothing.
    assert!(berths <= 2, "{:#?}", story.paragraphs());
}

#[test]
fn without_statement_dedup_the_restatement_is_printed_again() {
    // The control for the test above: paragraph dedup alone prints all three.
    let sifter = Sifter::builder().statement_dedup(false).build().unwrap();
    let out = sifter.sift(&docs()).unwrap();
    let s = out.document("wire").unwrap().story();
    let story = out.stories().iter().find(|x| x.id() == s).unwrap();
    let berths = story
        .paragraphs()
        .iter()
        .filter(|p| p.text().contains("berths 7 and 8"))
        .count();
    assert_eq!(berths, 3);
}
