//! Story grouping: versions of one story join; different stories stay
//! apart even when they share an outlet's template lines or a formulaic
//! sentence.

use storysift::{Document, Sifter};

mod common;
use common::{glued_headline, made_up_sentence};

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

/// Without outlet names, three shared template lines no rule names: each
/// story's two versions link strongly, the template link is weak, so the
/// stories stay apart. (Two lone documents would still merge; DESIGN.md.)
#[test]
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

/// Day one of a story, and its follow-up a day later that repeats two of
/// its background paragraphs: different stories.
const DAY_ONE: &[&str] = &[
    "A fire broke out on Tuesday night at a chemical warehouse on the edge of the port, sending a plume of black smoke over the eastern suburbs.",
    "Firefighters fought the blaze for nine hours before bringing it under control early on Wednesday, the fire brigade said.",
    "Residents within two kilometres were told to keep windows closed, and three schools stayed shut as a precaution.",
    "Police said the cause was not yet known and that nobody was in the building when the fire started.",
];
const BACKGROUND: &[&str] = &[
    "The warehouse, owned by a logistics firm that stores fertiliser and cleaning products, was inspected by the city in March and passed without remarks.",
    "The port handles about a third of the country's chemical imports and has had two serious fires in the past decade, in 2016 and in 2019.",
];
const DAY_TWO: &[&str] = &[
    "Prosecutors opened a criminal investigation on Thursday into the warehouse fire, saying they suspected safety rules on storing ammonium nitrate had been broken.",
    "Investigators searched the offices of the logistics company and seized documents and computers, a spokeswoman for the prosecutor's office said.",
    "Air quality readings in the eastern suburbs returned to normal levels overnight, the environment agency said, and schools will reopen on Friday.",
    "The company's chief executive said in a statement that the firm was cooperating fully and would pay for the clean-up of nearby gardens.",
    "Opposition lawmakers called for an inquiry into how the port authority licenses warehouses that store hazardous goods next to homes.",
];

fn with_background(main: &[&str], outlet_line: &str) -> String {
    let mut paras: Vec<&str> = main.to_vec();
    paras.extend_from_slice(BACKGROUND);
    paras.push(outlet_line);
    paras.join("\n\n")
}

#[test]
fn a_follow_up_sharing_only_background_paragraphs_is_another_story() {
    let a1 = with_background(DAY_ONE, "Additional reporting by the city desk.");
    let a2 = with_background(DAY_ONE, "This story will be updated.");
    let b1 = with_background(DAY_TWO, "Reporting by the courts team.");
    let b2 = with_background(DAY_TWO, "Read our full coverage of the port fire.");
    let docs = [
        Document::text("day1-a", &a1),
        Document::text("day1-b", &a2),
        Document::text("day2-a", &b1),
        Document::text("day2-b", &b2),
    ];
    assert_eq!(
        stories_of(&docs),
        [vec!["day1-a", "day1-b"], vec!["day2-a", "day2-b"]]
    );
}

/// A wire template filled in for two companies: same sentences, other
/// names and numbers.
fn earnings(company: &str, rev: &str, pct: &str, est: &str, ceo: &str, detail: &str) -> String {
    [
        format!("{company} reported quarterly revenue of {rev} billion dollars on Tuesday, up {pct} per cent from a year earlier, beating analysts' average estimate of {est} billion dollars, according to data compiled by LSEG."),
        format!("Shares of {company} rose about 4 per cent in extended trading after the results were released."),
        detail.to_string(),
        format!("\"We delivered another quarter of strong growth,\" chief executive {ceo} said in a statement, adding that the company remained confident in its full-year outlook."),
        format!("{company} is scheduled to hold a conference call with analysts at 5 p.m. Eastern time to discuss the results."),
    ]
    .join("\n\n")
}

#[test]
fn two_earnings_reports_from_one_wire_template_are_two_stories() {
    let a = earnings(
        "Northwind Systems",
        "4.8",
        "12",
        "4.6",
        "Maria Alvarez",
        "Growth was driven by its cloud security unit, where subscriptions rose by a fifth as large banks moved more of their systems off their own servers.",
    );
    let b = earnings(
        "Harbor Foods",
        "2.1",
        "6",
        "2.0",
        "Kenji Watanabe",
        "Sales of frozen ready meals offset a decline in its bakery business, which has struggled with the rising price of wheat and energy since last year.",
    );
    // Each report carried by two outlets.
    let docs = [
        Document::text("nw-1", &a),
        Document::text("hf-1", &b),
        Document::text("nw-2", &a),
        Document::text("hf-2", &b),
    ];
    assert_eq!(
        stories_of(&docs),
        [vec!["hf-1", "hf-2"], vec!["nw-1", "nw-2"]]
    );
}

/// Two match reports from one wire template.
fn match_report(
    home: &str,
    away: &str,
    score: &str,
    scorer: &str,
    minute: &str,
    table: &str,
) -> String {
    [
        format!("{home} beat {away} {score} on Saturday, with {scorer} scoring the decisive goal in the {minute} minute at a packed stadium."),
        format!("The result leaves {home} {table} in the table, while {away} remain without a win in their last four league matches."),
        format!("{home} travel to play their next match on Wednesday evening, while {away} host a cup tie on the same night."),
    ]
    .join("\n\n")
}

#[test]
fn two_match_reports_from_one_wire_template_are_two_stories() {
    let a = match_report(
        "Riverside",
        "Northport",
        "2-1",
        "Tom Okafor",
        "78th",
        "third",
    );
    let b = match_report(
        "Eastfield",
        "Kingsbay",
        "3-1",
        "Luis Moreno",
        "64th",
        "fifth",
    );
    let docs = [
        Document::text("m1-a", &a),
        Document::text("m2-a", &b),
        Document::text("m1-b", &a),
        Document::text("m2-b", &b),
    ];
    assert_eq!(
        stories_of(&docs),
        [vec!["m1-a", "m1-b"], vec!["m2-a", "m2-b"]]
    );
}

#[test]
fn a_headline_carried_by_hundreds_of_stories_does_not_chain_them() {
    // A related-stories headline left at the end of 300 documents of 150
    // stories (more carriers than an index bucket holds), and one page
    // left holding little but that headline. The headline is the bulk of
    // that page: by its share of the smaller document alone, the page
    // linked strongly to all 300 and made them one story. The headline's
    // carriers are spread over 150 stories, so it links nothing now: the
    // page is a story of its own.
    let pairs = glued_headline(150, 2, 2);
    let docs = documents(&pairs);
    let stories = stories_of(&docs);
    assert_eq!(stories.len(), 151, "{:?}", &stories[..3.min(stories.len())]);
    assert_eq!(stories[0], ["page"]);
    for (s, story) in stories[1..].iter().enumerate() {
        assert_eq!(story, &[format!("s{s:03}v0"), format!("s{s:03}v1")]);
    }
}

#[test]
fn a_brief_of_a_story_syndicated_by_hundreds_of_outlets_joins_it() {
    // The brief carries one of the story's paragraphs, which 300 copies
    // carry too: a minority of each copy, so the links are weak, and the
    // brief, placed by no other link, joins the story they lead to.
    let body = FLOOD.join("\n\n");
    let ids: Vec<String> = (0..300).map(|i| format!("copy-{i:03}")).collect();
    let mut docs: Vec<Document<'_>> = ids.iter().map(|id| Document::text(id, &body)).collect();
    let brief = format!("{}\n\nMore details to follow.", FLOOD[0]);
    docs.push(Document::text("brief", &brief));
    let other = MERGER.join("\n\n");
    docs.push(Document::text("merger", &other));
    let stories = stories_of(&docs);
    assert_eq!(stories.len(), 2);
    let flood = stories.iter().find(|s| s.len() > 1).unwrap();
    assert_eq!(flood.len(), 301);
    assert!(flood.iter().any(|d| d == "brief"));
}

/// Text documents of `(id, body)` pairs.
fn documents(pairs: &[(String, String)]) -> Vec<Document<'_>> {
    pairs.iter().map(|(id, b)| Document::text(id, b)).collect()
}

#[test]
fn a_headline_glued_to_one_page_of_each_of_a_few_stories_does_not_chain_them() {
    // The headline is the bulk of the page and a minority of each carrier:
    // the page linked strongly to the twelve carriers and made the twelve
    // stories one. The headline is incidental to each story (one version
    // of three carries it), so it links nothing: the page is alone.
    // Twelve stories of three versions, the first of each with the
    // headline: fewer carriers than the popular count.
    let pairs = glued_headline(12, 3, 1);
    let docs = documents(&pairs);
    let stories = stories_of(&docs);
    assert_eq!(stories.len(), 13, "{stories:?}");
    assert_eq!(stories[0], ["page"]);
    for (s, story) in stories[1..].iter().enumerate() {
        let want: Vec<String> = (0..3).map(|v| format!("s{s:03}v{v}")).collect();
        assert_eq!(story, &want);
    }
}

#[test]
fn short_versions_sharing_only_their_lead_are_one_story() {
    // Versions of one story that share nothing but its lead: two pairs of
    // copies, each pair with its own two paragraphs, and a brief that is
    // mostly the lead. Before the brief's links, the lead's carriers are
    // in three groups; the lead is all of each group's documents, not
    // incidental to them, so the brief still joins the five.
    let lead = made_up_sentence(7, 24);
    let pair = |seed: u64| {
        let own: Vec<String> = (0..2).map(|k| made_up_sentence(seed + k, 24)).collect();
        format!("{lead}\n\n{}", own.join("\n\n"))
    };
    let (a, b) = (pair(100), pair(200));
    let brief = format!("{lead}\n\nMore to follow.");
    let docs = [
        Document::text("a1", &a),
        Document::text("a2", &a),
        Document::text("b1", &b),
        Document::text("b2", &b),
        Document::text("brief", &brief),
    ];
    let stories = stories_of(&docs);
    assert_eq!(stories, [["a1", "a2", "b1", "b2", "brief"]]);
}
