//! Outputs as data (feature `serde`): the JSON of a sift, a clean, an
//! index addition and a fingerprint, pinned by golden files. A change to
//! these files is a change to the crate's output format.
#![cfg(feature = "serde")]

use storysift::{Document, Fingerprint, Index, Reason, Sifter};

const PAGE: &str = r#"<html lang="en"><head><title>Bridge reopens | The Example</title>
<meta property="article:published_time" content="2025-05-02T08:00:00+02:00">
<meta name="author" content="Ann Lee"><meta property="og:site_name" content="The Example">
<link rel="canonical" href="https://example.com/bridge"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Bridge reopens after repairs</h1>
<p>The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city council said.</p>
<div class="ad-slot">Advertisement</div>
<p>About 52,000 vehicles crossed the bridge each day before it closed in September.</p>
<p>Council leader Maria Stone said the work had finished two weeks ahead of schedule.</p>
</article></body></html>"#;

const WIRE: &str = "Bridge reopens after repairs\n\n\
The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city council said.\n\n\
About 52,000 vehicles crossed the bridge each day before it closed in September.\n\n\
Sign up for our newsletter to get the latest news.";

fn golden(name: &str, json: &str) {
    let path = format!("{}/tests/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("STORYSIFT_BLESS").is_some() {
        std::fs::write(&path, json).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(
        json,
        want.trim_end(),
        "{name} changed (STORYSIFT_BLESS=1 rewrites it)"
    );
}

#[test]
fn sifted_as_json() {
    let docs = [
        Document::html("page", PAGE).outlet("The Example"),
        Document::text("wire", WIRE),
        Document::text_bytes("binary", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ];
    let out = Sifter::new().sift(&docs).unwrap();
    let json = serde_json::to_string_pretty(&out).unwrap();
    golden("sifted.json", &json);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["stories"][0]["key"], "page");
    assert_eq!(v["stories"][0]["published"], "2025-05-02T08:00:00+02:00");
    assert_eq!(v["documents"][2]["error"]["code"], "not_text");
    assert_eq!(v["documents"][0]["removed"][0]["reason"], "chrome");
}

#[test]
fn cleaned_round_trips() {
    let c = storysift::clean(&Document::html("page", PAGE)).unwrap();
    let json = serde_json::to_string_pretty(&c).unwrap();
    golden("cleaned.json", &json);
    let back: storysift::Cleaned = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
}

#[test]
fn reasons_are_snake_case_codes() {
    for r in [
        Reason::AdMarker,
        Reason::OutsideMainContent,
        Reason::ReplacedByStructuredData,
    ] {
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("\"{}\"", r.code()));
        assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), r);
    }
    let dup = Reason::Duplicate {
        of: storysift::ParagraphRef {
            document: "a".into(),
            paragraph: 2,
        },
    };
    let json = serde_json::to_string(&dup).unwrap();
    assert_eq!(
        json,
        r#"{"duplicate":{"of":{"document":"a","paragraph":2}}}"#
    );
    assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), dup);
}

#[test]
fn fingerprint_is_hex() {
    let f = Fingerprint::from_bits(u64::MAX - 1);
    let json = serde_json::to_string(&f).unwrap();
    assert_eq!(json, "\"fffffffffffffffe\"");
    assert_eq!(serde_json::from_str::<Fingerprint>(&json).unwrap(), f);
    assert!(serde_json::from_str::<Fingerprint>("18446744073709551614").is_err());
    assert!(serde_json::from_str::<Fingerprint>("\"xyz\"").is_err());
}

#[test]
fn added_and_near_duplicates_as_json() {
    let mut index = Index::new(Sifter::new()).unwrap();
    index.add(&Document::html("page", PAGE)).unwrap();
    let added = index.add(&Document::text("wire", WIRE)).unwrap();
    golden("added.json", &serde_json::to_string_pretty(&added).unwrap());

    let pairs = Sifter::new()
        .near_duplicates(&[("page", vec![PAGE_P1]), ("wire", vec!["x", PAGE_P1])])
        .unwrap();
    assert_eq!(
        serde_json::to_string(&pairs).unwrap(),
        r#"[{"a":{"document":"page","paragraph":0},"b":{"document":"wire","paragraph":1},"shared_shingles":15,"smaller_shingles":15}]"#
    );
}

const PAGE_P1: &str = "The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city council said.";
