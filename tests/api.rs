//! Public API behaviour: errors, accounting, determinism.

use storysift::{Document, Error, Sifter};

mod common;
use common::SEEDS;

/// A small batch with two stories, an empty document and an HTML page.
fn batch() -> Vec<(String, bool, String)> {
    let mut v: Vec<(String, bool, String)> = SEEDS
        .iter()
        .map(|(id, b)| (id.to_string(), false, b.to_string()))
        .collect();
    let other = "Shares in Acme Motors fell 9% on Thursday after the carmaker cut its annual sales forecast for the second time this year, citing weak demand in Europe.\n\nAcme said it now expects revenue to fall 4% this year, compared with a previous forecast of flat sales, and announced a review of its three European plants.\n\nThe company did not immediately respond to a request for comment.";
    v.push(("acme-1".into(), false, other.into()));
    v.push(("acme-2".into(), true, format!("<html><body><article><h1>Acme cuts forecast</h1>{}</article><footer>© Paper</footer></body></html>", other.split("\n\n").map(|p| format!("<p>{p}</p>")).collect::<String>())));
    v.push(("empty".into(), false, String::new()));
    v.push((
        "only-ads".into(),
        false,
        "Advertisement\n\nSponsored".into(),
    ));
    v
}

fn docs(b: &[(String, bool, String)]) -> Vec<Document<'_>> {
    b.iter()
        .map(|(id, html, body)| {
            if *html {
                Document::html(id, body)
            } else {
                Document::text(id, body)
            }
        })
        .collect()
}

#[test]
fn every_document_is_in_exactly_one_story() {
    let b = batch();
    let out = Sifter::new().sift(&docs(&b)).unwrap();
    assert_eq!(out.documents().len(), b.len());
    let mut seen: Vec<&str> = out
        .stories()
        .iter()
        .flat_map(|s| s.documents().iter().map(String::as_str))
        .collect();
    seen.sort_unstable();
    let mut want: Vec<&str> = b.iter().map(|(id, _, _)| id.as_str()).collect();
    want.sort_unstable();
    assert_eq!(seen, want);
    // The two Acme versions are one story, apart from the seeds.
    let acme = out.document("acme-1").unwrap().story();
    assert_eq!(out.document("acme-2").unwrap().story(), acme);
    assert_ne!(out.document("000").unwrap().story(), acme);
    assert!(out.document("empty").unwrap().paragraphs().is_empty());
    assert!(out.document("no-such-id").is_none());
    for d in out.documents() {
        assert_eq!(out.document(d.id()).unwrap().id(), d.id());
    }
    assert_eq!(out.stories()[acme.index()].paragraphs().len(), 3);
}

#[test]
fn duplicate_ids_are_an_error() {
    let err = Sifter::new()
        .sift(&[Document::text("a", "x"), Document::text("a", "y")])
        .unwrap_err();
    assert_eq!(err, Error::DuplicateId { id: "a".into() });
    assert_eq!(err.to_string(), "duplicate document id \"a\"");
}

#[test]
fn oversized_documents_are_reported_not_lost() {
    let sifter = Sifter::builder()
        .max_document_bytes(Some(10))
        .build()
        .unwrap();
    let out = sifter
        .sift(&[
            Document::text("big", "This body is longer than ten bytes."),
            Document::text("ok", "Short."),
        ])
        .unwrap();
    let big = out.document("big").unwrap();
    assert!(matches!(
        big.error(),
        Some(Error::TooLarge {
            len: 35,
            limit: 10,
            ..
        })
    ));
    assert_eq!(out.stories().len(), 2);
    assert!(
        sifter
            .clean(&Document::text(
                "big",
                "This body is longer than ten bytes."
            ))
            .is_err()
    );
}

#[test]
fn empty_batch() {
    let out = Sifter::new().sift::<Document<'_>>(&[]).unwrap();
    assert!(out.documents().is_empty() && out.stories().is_empty());
}

#[test]
fn same_output_with_one_thread_and_many() {
    let b = batch();
    let d = docs(&b);
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| Sifter::new().sift(&d).unwrap());
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(|| Sifter::new().sift(&d).unwrap());
    assert_eq!(one, four);
}

#[test]
fn shuffled_input_gives_the_same_stories_and_paragraphs() {
    let b = batch();
    let d = docs(&b);
    let base = Sifter::new().sift(&d).unwrap();
    let canon = |s: &storysift::Sifted| {
        let mut v: Vec<(Vec<String>, Vec<String>)> = s
            .stories()
            .iter()
            .map(|st| {
                let mut ids = st.documents().to_vec();
                ids.sort();
                (
                    ids,
                    st.paragraphs()
                        .iter()
                        .map(|p| p.text().to_owned())
                        .collect(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let mut order: Vec<usize> = (0..d.len()).collect();
    // A fixed set of permutations (reverse, rotations).
    for rot in 0..3 {
        order.rotate_left(rot + 1);
        order.reverse();
        let shuffled: Vec<Document<'_>> = order.iter().map(|&i| d[i]).collect();
        let out = Sifter::new().sift(&shuffled).unwrap();
        assert_eq!(canon(&out), canon(&base), "permutation {order:?}");
    }
}

#[test]
fn reasons_display() {
    let c = storysift::clean(&Document::text(
        "x",
        "Title here\nBody text of the story goes here.\nADVERTISEMENT",
    ))
    .unwrap();
    let shown: Vec<String> = c.removed().iter().map(|r| r.reason().to_string()).collect();
    assert_eq!(shown, ["title", "ad marker"]);
}

#[test]
fn near_duplicates_pairs_inside_stories_only() {
    let s = Sifter::new();
    // Two stories, each carried by two documents; all four end with the
    // same formulaic wire line.
    let line = "The company did not immediately respond to a request for comment on Tuesday.";
    let quake = [
        "A strong earthquake struck off the northern coast early on Monday, shaking buildings in the capital.",
        "The national seismology centre put the magnitude at 6.8 and said there was no tsunami threat.",
        "Residents of coastal towns spent the night outside as aftershocks continued for several hours.",
    ];
    let vote = [
        "Union members voted by a wide margin to accept the pay offer, ending a strike that began in March.",
        "The deal raises wages by nine per cent over two years and restores overtime rates cut last year.",
        "Trains are expected to run a normal timetable from Thursday, the operator said in a statement.",
    ];
    let doc = |paras: &[&'static str; 3]| -> Vec<&'static str> {
        let mut v = paras.to_vec();
        v.push(line);
        v
    };
    let docs = [
        ("q1", doc(&quake)),
        ("v1", doc(&vote)),
        ("q2", doc(&quake)),
        ("v2", doc(&vote)),
    ];
    let pairs = s.near_duplicates(&docs).unwrap();
    let got: Vec<(&str, usize, &str, usize)> = pairs
        .iter()
        .map(|p| {
            (
                p.a().document.as_str(),
                p.a().paragraph,
                p.b().document.as_str(),
                p.b().paragraph,
            )
        })
        .collect();
    let mut want = Vec::new();
    for (a, b) in [("q1", "q2"), ("v1", "v2")] {
        for i in 0..4 {
            want.push((a, i, b, i));
        }
    }
    want.sort_by_key(|&(a, i, _, _)| (docs.iter().position(|d| d.0 == a), i));
    assert_eq!(got, want);
    assert!(pairs.iter().all(|p| p.containment() == 1.0));

    // Bad input: a clear error, and empty input is fine.
    let dup = [("x", vec!["a"]), ("x", vec!["b"])];
    assert!(matches!(
        s.near_duplicates(&dup),
        Err(storysift::Error::DuplicateId { .. })
    ));
    let none: [(&str, Vec<&str>); 0] = [];
    assert!(s.near_duplicates(&none).unwrap().is_empty());
}

#[test]
fn a_batch_fed_in_chunks_equals_one_sift() {
    let b = batch();
    let all = docs(&b);
    let s = Sifter::new();
    let once = s.sift(&all).unwrap();
    for chunk in [1, 2, 3, all.len()] {
        let mut batch = s.batch();
        for part in all.chunks(chunk) {
            batch.add(part).unwrap();
        }
        assert_eq!(batch.len(), all.len());
        assert_eq!(batch.finish(), once, "chunks of {chunk}");
    }
    // A repeated id, within a chunk or across chunks, adds nothing.
    let mut batch = s.batch();
    batch.add(&all[..2]).unwrap();
    let err = batch.add(&all[1..3]).unwrap_err();
    assert!(matches!(err, Error::DuplicateId { .. }));
    assert_eq!(batch.len(), 2);
    assert!(s.batch().is_empty());
}

#[test]
fn duplicate_id_policies_account_for_every_input() {
    use storysift::{DocumentBuf, DuplicateIds};
    let body = |i: usize| format!("Fetch number {i} of a page about the harbour bridge repairs.");
    // ids: a b a c b a  (positions 0..6), given in two chunks [0..4) and [4..6).
    let ids = ["a", "b", "a", "c", "b", "a"];
    let docs: Vec<DocumentBuf> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| DocumentBuf::text(*id, body(i)))
        .collect();
    let run = |policy| {
        let sifter = Sifter::builder().duplicate_ids(policy).build().unwrap();
        let mut batch = sifter.batch();
        batch.add(&docs[..4])?;
        batch.add(&docs[4..])?;
        assert_eq!(batch.len(), 3);
        Ok::<_, storysift::Error>(batch.finish())
    };
    assert!(matches!(
        run(DuplicateIds::Refuse),
        Err(storysift::Error::DuplicateId { id }) if id == "a"
    ));
    for (policy, kept, ignored) in [
        (
            DuplicateIds::KeepFirst,
            [("a", 0), ("b", 1), ("c", 3)],
            [2, 4, 5],
        ),
        (
            DuplicateIds::KeepLast,
            [("c", 3), ("b", 4), ("a", 5)],
            [0, 1, 2],
        ),
    ] {
        let out = run(policy).unwrap();
        let got: Vec<(&str, String)> = out
            .documents()
            .iter()
            .map(|d| (d.id(), d.paragraphs()[0].clone()))
            .collect();
        let want: Vec<(&str, String)> = kept.iter().map(|&(id, i)| (id, body(i))).collect();
        assert_eq!(got, want, "{policy:?}");
        let positions: Vec<usize> = out.ignored().iter().map(|i| i.position()).collect();
        assert_eq!(positions, ignored, "{policy:?}");
        for i in out.ignored() {
            assert_eq!(i.id(), ids[i.position()]);
        }
        assert_eq!(out.documents().len() + out.ignored().len(), ids.len());
        // The same answer from one call.
        let one = Sifter::builder()
            .duplicate_ids(policy)
            .build()
            .unwrap()
            .sift(&docs)
            .unwrap();
        assert_eq!(one, out);
    }
}

#[test]
fn owned_documents_and_a_batch_live_in_a_struct() {
    use storysift::{Batch, DocumentBuf, Sifter};
    struct Pipeline {
        sifter: Sifter,
        batch: Batch,
        pending: Vec<DocumentBuf>,
    }
    let sifter = Sifter::new();
    let mut p = Pipeline {
        batch: sifter.batch(),
        sifter,
        pending: Vec::new(),
    };
    for i in 0..3 {
        p.pending.push(DocumentBuf::text(
            format!("d{i}"),
            format!("Page {i} says the bridge reopened."),
        ));
    }
    p.batch.add(&p.pending).unwrap();
    p.pending.clear();
    let out = p.batch.finish();
    assert_eq!(out.documents().len(), 3);
    assert_eq!(
        p.sifter
            .clean(&DocumentBuf::text("x", "One line."))
            .unwrap()
            .paragraphs()
            .len(),
        1
    );
}

#[test]
fn non_article_pages_stand_alone_in_batch_and_index() {
    use storysift::{Index, PageKind};
    let p1 = "The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city council said.";
    let p2 = "About 52,000 vehicles crossed the bridge each day before it closed in September for the work.";
    let p3 = "Council leader Maria Stone said the work had finished two weeks ahead of schedule and on budget.";
    let wire = format!("{p1}\n\n{p2}\n\n{p3}");
    let copy = format!("{p1}\n\n{p2}\n\n{p3}\n\nDrivers queued from dawn to be the first across.");
    // A section front quoting the story's opening paragraphs among others.
    let front = format!(
        r#"<html><head><link rel="canonical" href="https://news.example/category/local/"></head><body>
        <ul><li><p>{p1}</p></li><li><p>{p2}</p></li><li><p>{p3}</p></li>
        <li><p>Schools across the county will close early for the summer holidays this year.</p></li></ul></body></html>"#
    );
    let docs = [
        Document::html("front", &front),
        Document::text("wire", &wire),
        Document::text("copy", &copy),
    ];
    assert_eq!(
        storysift::clean(&docs[0]).unwrap().page_kind(),
        PageKind::Listing
    );
    let out = Sifter::new().sift(&docs).unwrap();
    let front_story = out.story(out.document("front").unwrap().story()).unwrap();
    assert_eq!(front_story.documents(), ["front"]);
    // All of the page's paragraphs are its story's, none marked duplicate.
    assert_eq!(front_story.paragraphs().len(), 4);
    assert_eq!(
        out.document("front").unwrap().unique_paragraphs().count(),
        4
    );
    let wire_story = out.story(out.document("wire").unwrap().story()).unwrap();
    assert_eq!(wire_story.documents(), ["wire", "copy"]);

    let mut index = Index::new(Sifter::new()).unwrap();
    let added: Vec<_> = index
        .add_all(&docs)
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert!(added[0].is_new_story() && added[1].is_new_story());
    assert_eq!(added[2].story(), "wire");
    assert!(added[0].known().iter().all(Option::is_none));

    // Configurable: with every kind grouped, the front joins the story.
    let all = Sifter::builder().group_all_kinds(true).build().unwrap();
    assert_eq!(all.sift(&docs).unwrap().stories().len(), 1);
}

#[test]
fn streamed_reports_equal_the_held_ones() {
    let b = batch();
    let d = docs(&b);
    // A replaced document (keep-last across chunks) gives its texts back
    // and must leave whole the reports of the documents sharing them: an
    // early version of "acme-1" that carried seed 000's text.
    assert_eq!(b[5].0, "acme-1");
    let replaced = Document::text(&b[5].0, &b[0].2);
    let sifter = Sifter::builder()
        .duplicate_ids(storysift::DuplicateIds::KeepLast)
        .build()
        .unwrap();
    let run = || {
        let mut batch = sifter.batch();
        batch.add(&[replaced]).unwrap();
        for chunk in d.chunks(3) {
            batch.add(chunk).unwrap();
        }
        batch
    };
    let held = run().finish();
    let mut streamed = Vec::new();
    let out = run().finish_with(|r| streamed.push(r));
    assert_eq!(streamed, held.documents());
    assert_eq!(out.stories(), held.stories());
    assert_eq!(out.ignored(), held.ignored());
    assert_eq!(out.ignored()[0].id(), "acme-1");
    // The held result equals one sift over the kept documents.
    assert_eq!(held.documents(), sifter.sift(&d).unwrap().documents());
}

#[test]
fn text_misread_in_the_wrong_charset_is_repaired_before_cleaning() {
    let good = "The council’s plan – a “rethink” of the café’s lease – was approved on Tuesday.";
    // UTF-8 read as windows-1252 and stored again as UTF-8: the bytes a
    // page carries whatever charset it declares.
    let misread: String = good
        .chars()
        .flat_map(|c| {
            let mut buf = [0u8; 4];
            c.encode_utf8(&mut buf).as_bytes().to_vec()
        })
        .map(|b| match b {
            0x80 => '€',
            0x93 => '“',
            0x94 => '”',
            0x99 => '™',
            b => char::from(b),
        })
        .collect();
    assert_ne!(misread, good);
    let sifter = Sifter::new();
    for doc in [
        Document::text("t", &misread),
        Document::html_bytes("h", misread.as_bytes()),
    ] {
        let c = sifter.clean(&doc).expect("cleans");
        assert_eq!(c.paragraphs(), [good], "{:?}", doc.id());
    }
}
