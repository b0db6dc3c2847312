//! Mass syndication: thousands of verbatim copies of one story. Classes of
//! identical paragraphs this large are linked through one member (never
//! all pairs); the answer must be the same as for a handful of copies.

use storysift::{Document, Sifter};

mod common;
use common::made_up_words;

const STORY: [&str; 3] = [
    "The council approved the new budget for the harbour district on Monday evening after a long debate.",
    "Spending on flood defences will rise by 12 per cent next year, the finance committee said in its report.",
    "Opposition members said the plan did too little for housing and voted against it.",
];

/// A sentence of its own for copy `i`: ten made-up words, so no two lines
/// share content words.
fn local_line(i: usize) -> String {
    format!(
        "Residents of {} said the plan ignored them.",
        made_up_words(i as u64, 10)
    )
}

/// Text documents from parallel lists of ids and bodies.
fn text_docs<'a>(ids: &'a [String], bodies: &'a [String]) -> Vec<Document<'a>> {
    ids.iter()
        .zip(bodies)
        .map(|(id, b)| Document::text(id, b))
        .collect()
}

fn run(copies: usize) -> (usize, Vec<(String, usize)>) {
    // Every tenth copy adds a line of its own (an outlet's local detail).
    let bodies: Vec<String> = (0..copies)
        .map(|i| {
            let mut b = STORY.join("\n\n");
            if i % 10 == 0 {
                b.push_str("\n\n");
                b.push_str(&local_line(i));
            }
            b
        })
        .collect();
    let ids: Vec<String> = (0..copies).map(|i| format!("copy-{i:05}")).collect();
    let docs = text_docs(&ids, &bodies);
    let out = Sifter::new().sift(&docs).unwrap();
    let paragraphs = out
        .stories()
        .iter()
        .flat_map(|s| s.paragraphs())
        .map(|p| (p.text().to_owned(), p.documents().count()))
        .collect();
    (out.stories().len(), paragraphs)
}

#[test]
fn thousands_of_copies_are_one_story_with_each_paragraph_once() {
    for copies in [20, 3000] {
        let (stories, paragraphs) = run(copies);
        assert_eq!(stories, 1, "{copies} copies");
        // The three shared paragraphs once each, carried by every copy; one
        // local line per tenth copy.
        for line in STORY {
            let found: Vec<&(String, usize)> =
                paragraphs.iter().filter(|(t, _)| t == line).collect();
            assert_eq!(found.len(), 1, "{copies} copies: {line}");
            assert_eq!(found[0].1, copies, "{copies} copies: sources of {line}");
        }
        let missing: Vec<String> = (0..copies)
            .step_by(10)
            .map(local_line)
            .filter(|l| !paragraphs.iter().any(|(t, _)| t == l))
            .collect();
        assert!(missing.is_empty(), "{copies} copies: {missing:?}");
        assert_eq!(paragraphs.len(), 3 + copies.div_ceil(10), "{copies} copies");
    }
}

/// Copies of a document too short for shingle evidence (a one-line
/// brief, a "Yes." line) are still copies: one story, each line once, and
/// a document that shares only one such line with them stays apart.
#[test]
fn exact_copies_of_short_documents_are_one_story() {
    let ids: Vec<String> = (0..500).map(|i| format!("brief{i:03}")).collect();
    let mut docs: Vec<Document<'_>> = ids
        .iter()
        .map(|id| Document::text(id, "Markets closed higher.\n\nYes."))
        .collect();
    docs.push(Document::text(
        "other",
        "Markets closed higher.\n\nThe harbour ferry will run an extra evening service from May.",
    ));
    let out = Sifter::new().sift(&docs).unwrap();
    assert_eq!(out.stories().len(), 2);
    let copies = out
        .story(out.document("brief000").unwrap().story())
        .unwrap();
    assert_eq!(copies.documents().len(), 500);
    let texts: Vec<&str> = copies.paragraphs().iter().map(|p| p.text()).collect();
    assert_eq!(texts, ["Markets closed higher.", "Yes."]);
    // Every copy is a source of both lines.
    assert!(copies.paragraphs().iter().all(|p| p.sources().len() == 500));
}

/// Copy `i` of the story with one word inserted into each paragraph: one
/// of `words.len()` words at one of five places, chosen per paragraph, so
/// paragraph `p` comes in `5 × words.len()` variants.
fn variant(i: usize, words: &[&str]) -> String {
    STORY
        .iter()
        .enumerate()
        .map(|(p, para)| {
            let pick = (i / (p * 7 + 1)) % (5 * words.len());
            let mut w: Vec<&str> = para.split(' ').collect();
            w.insert(2 + 2 * (pick % 5), words[pick / 5]);
            w.join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn classes_of_copies_that_near_duplicate_each_other_are_linked_by_class() {
    // 2,000 copies, 20 variants per paragraph: classes of about 100
    // identical paragraphs, every class a near-duplicate of every other:
    // expanding each verdict to all member pairs would list 5.7M pairs, so
    // the classes are linked through their first members, and stories and
    // assembly read the classes.
    let words = ["reportedly", "finally", "recently", "formally"];
    let ids: Vec<String> = (0..2000).map(|i| format!("v{i:04}")).collect();
    let bodies: Vec<String> = (0..2000).map(|i| variant(i, &words)).collect();
    let docs = text_docs(&ids, &bodies);
    let out = Sifter::new().sift(&docs).unwrap();
    assert_eq!(out.stories().len(), 1);
    let story = &out.stories()[0];
    assert_eq!(story.paragraphs().len(), 3, "{:#?}", story.paragraphs());
    for p in story.paragraphs() {
        assert_eq!(
            p.documents().count(),
            2000,
            "every copy carries {:?}",
            p.text()
        );
    }
    // The pairs listed are linear in the copies, not all 5.7M member pairs.
    let paragraphs: Vec<(&str, Vec<&str>)> = ids
        .iter()
        .zip(&bodies)
        .map(|(id, b)| (id.as_str(), b.split("\n\n").collect()))
        .collect();
    let pairs = Sifter::new().near_duplicates(&paragraphs).unwrap();
    assert!(
        (6000..1_000_000).contains(&pairs.len()),
        "{} pairs",
        pairs.len()
    );
}

#[test]
fn a_line_quoted_inside_many_stories_does_not_chain_them_when_classes_are_linked() {
    // One line recurs in two documents of its own, and each of six stories
    // quotes it inside a longer paragraph of its own that two versions of
    // the story carry. Every quoting paragraph is a near-duplicate of the
    // line (it contains it), not of another story's: the stories must stay
    // apart when the batch links classes through their first members, as
    // large batches do. (Clustering the links' connected components put
    // every quoting paragraph in the line's cluster, and the versions of
    // all six stories had the same signature: one story.)
    let line = format!("The {}.", made_up_words(1, 12));
    let mut ids = Vec::new();
    let mut bodies = Vec::new();
    for s in 0..6u64 {
        let quoting = format!("{} And {}.", line, made_up_words(100 + s, 30));
        for v in 0..2u64 {
            ids.push(format!("s{s}v{v}"));
            bodies.push(format!(
                "{quoting}\n\nOnly here: {}.",
                made_up_words(1000 + 10 * s + v, 12)
            ));
        }
    }
    for c in 0..2u64 {
        ids.push(format!("line{c}"));
        bodies.push(format!(
            "{line}\n\nElsewhere: {}.",
            made_up_words(5000 + c, 12)
        ));
    }
    let docs = text_docs(&ids, &bodies);
    for force in [false, true] {
        let out = Sifter::builder()
            .force_class_links(force)
            .build()
            .unwrap()
            .sift(&docs)
            .unwrap();
        for s in 0..6 {
            let story = out
                .story(out.document(&format!("s{s}v0")).unwrap().story())
                .unwrap();
            let mut members: Vec<&str> = story.documents().iter().map(String::as_str).collect();
            members.sort_unstable();
            assert_eq!(
                members,
                [format!("s{s}v0"), format!("s{s}v1")],
                "class links forced: {force}"
            );
        }
    }
}
