//! Story grouping: versions of one story join; different stories stay
//! apart even when they share an outlet's template lines or a formulaic
//! sentence.

use storysift::{Document, Sifter};

const FLOOD: &[&str] = &[
    "Floodwaters rose across the river valley on Sunday after three days of heavy rain, forcing hundreds of families to leave their homes.",
    "Emergency crews used boats to reach residents stranded on rooftops in the lower districts, the regional fire service said.",
    "The river peaked at 6.2 metres in the town centre, the highest level recorded since the floods of 1998.",
    "Officials opened two school gymnasiums as shelters and said drinking water would be trucked in until the treatment plant reopens.",
    "Forecasters expect the rain to ease by Tuesday, but warned that levels downstream could keep rising for another day.",
];

const MERGER: &[&str] = &[
    "Two of the country's largest grocery chains agreed on Monday to combine in a deal valued at 14 billion dollars, creating the biggest food retailer in the region.",
    "Shareholders of the smaller chain will receive 1.3 shares of the combined company for each share they hold, the companies said in a joint statement.",
    "The competition regulator said it would examine whether the merger could push up prices for shoppers in rural areas with few stores.",
    "Unions representing warehouse staff asked for guarantees that no distribution centres would close as a result of the deal.",
    "The chains expect the transaction to close in the second half of next year, subject to regulatory approval.",
];

/// An outlet's version: its template lines around lightly edited paragraphs.
fn version(paras: &[&str], template: &[&str], edit: bool) -> String {
    let mut out = String::new();
    for (i, p) in paras.iter().enumerate() {
        let p = if edit {
            p.replace(" said", " told reporters")
                .replace("on Monday", "Monday")
        } else {
            p.to_string()
        };
        out.push_str(&p);
        out.push_str("\n\n");
        if i == 2 {
            out.push_str("The company did not immediately respond to a request for comment.\n\n");
        }
    }
    for t in template {
        out.push_str(t);
        out.push_str("\n\n");
    }
    out
}

const TEMPLATE_X: &[&str] = &[
    "The Valley Courier is an independent newsroom that has covered the region since 1901.",
    "Tips and corrections can be sent to the newsroom desk at any hour of the day or night.",
    "Our reporters follow the public editor's guidelines on sourcing, anonymity and corrections.",
];

fn stories_of(docs: &[Document<'_>]) -> Vec<Vec<String>> {
    let out = Sifter::new().sift(docs).unwrap();
    let mut v: Vec<Vec<String>> = out
        .stories()
        .iter()
        .map(|s| s.documents().to_vec())
        .collect();
    v.sort();
    v
}

#[test]
fn same_outlet_template_does_not_merge_stories() {
    let bodies = [
        version(FLOOD, TEMPLATE_X, false),
        version(FLOOD, &[], true),
        version(MERGER, TEMPLATE_X, false),
        version(MERGER, &[], true),
    ];
    let docs = [
        Document::text("flood-x", &bodies[0]).outlet("Valley Courier"),
        Document::text("flood-y", &bodies[1]).outlet("Daily Ledger"),
        Document::text("merger-x", &bodies[2]).outlet("Valley Courier"),
        Document::text("merger-y", &bodies[3]).outlet("Daily Ledger"),
    ];
    assert_eq!(
        stories_of(&docs),
        [vec!["flood-x", "flood-y"], vec!["merger-x", "merger-y"]]
    );
}

#[test]
fn a_shared_formulaic_sentence_and_template_line_do_not_merge_stories() {
    // No outlet given: two shared lines (one template line, one formulaic
    // wire sentence) are not enough evidence.
    let bodies = [
        version(FLOOD, &TEMPLATE_X[..1], false),
        version(FLOOD, &[], true),
        version(MERGER, &TEMPLATE_X[..1], false),
        version(MERGER, &[], true),
    ];
    let docs = [
        Document::text("flood-x", &bodies[0]),
        Document::text("flood-y", &bodies[1]),
        Document::text("merger-x", &bodies[2]),
        Document::text("merger-y", &bodies[3]),
    ];
    assert_eq!(
        stories_of(&docs),
        [vec!["flood-x", "flood-y"], vec!["merger-x", "merger-y"]]
    );
}

#[test]
fn a_republished_version_from_the_same_outlet_joins() {
    let a = version(FLOOD, TEMPLATE_X, false);
    let b = version(FLOOD, TEMPLATE_X, true);
    let docs = [
        Document::text("v1", &a).outlet("Valley Courier"),
        Document::text("v2", &b).outlet("Valley Courier"),
    ];
    assert_eq!(stories_of(&docs), [vec!["v1", "v2"]]);
}

#[test]
#[ignore = "known limit: without outlet names, three shared template lines merge short stories (see DESIGN.md)"]
fn three_unknown_template_lines_without_outlet_names() {
    let bodies = [
        version(FLOOD, TEMPLATE_X, false),
        version(FLOOD, &[], true),
        version(MERGER, TEMPLATE_X, false),
        version(MERGER, &[], true),
    ];
    let docs = [
        Document::text("flood-x", &bodies[0]),
        Document::text("flood-y", &bodies[1]),
        Document::text("merger-x", &bodies[2]),
        Document::text("merger-y", &bodies[3]),
    ];
    assert_eq!(
        stories_of(&docs),
        [vec!["flood-x", "flood-y"], vec!["merger-x", "merger-y"]]
    );
}

#[test]
fn a_story_syndicated_verbatim_by_hundreds_of_outlets_is_one_story() {
    // More copies than an index bucket holds (256 by default).
    let body = FLOOD.join("\n\n");
    let ids: Vec<String> = (0..600).map(|i| format!("copy-{i:03}")).collect();
    let mut docs: Vec<Document<'_>> = ids.iter().map(|id| Document::text(id, &body)).collect();
    let other = MERGER.join("\n\n");
    docs.push(Document::text("merger", &other));
    let out = Sifter::new().sift(&docs).unwrap();
    assert_eq!(out.stories().len(), 2);
    let flood = &out.stories()[0];
    assert_eq!(flood.documents().len(), 600);
    assert_eq!(flood.paragraphs().len(), FLOOD.len());
    assert_eq!(flood.paragraphs()[0].documents().count(), 600);
}

#[test]
fn a_story_syndicated_with_light_edits_by_hundreds_of_outlets_is_one_story() {
    // Each copy drops one word from one paragraph: no two copies share all
    // paragraph fingerprints, and every shingle bucket is oversized.
    let bodies: Vec<String> = (0..400)
        .map(|i| {
            FLOOD
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    if j == i % FLOOD.len() {
                        let words: Vec<&str> = p.split(' ').collect();
                        let drop = 1 + (i / FLOOD.len()) % (words.len() - 2);
                        words
                            .iter()
                            .enumerate()
                            .filter(|(k, _)| *k != drop)
                            .map(|(_, w)| *w)
                            .collect::<Vec<_>>()
                            .join(" ")
                    } else {
                        p.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join("\n\n")
        })
        .collect();
    let ids: Vec<String> = (0..bodies.len()).map(|i| format!("copy-{i:03}")).collect();
    let docs: Vec<Document<'_>> = ids
        .iter()
        .zip(&bodies)
        .map(|(id, b)| Document::text(id, b))
        .collect();
    let out = Sifter::new().sift(&docs).unwrap();
    assert_eq!(out.stories().len(), 1);
    assert_eq!(out.stories()[0].paragraphs().len(), FLOOD.len());
}
