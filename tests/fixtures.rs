//! Walks `tests/fixtures/clean/<case>/`: each case is `input.txt` or
//! `input.html` (raw bytes, in any charset the page declares) and
//! `expected.txt` (the clean paragraphs, one per line, UTF-8).
//! One test runs every case and lists every failing one.

use std::path::Path;

use storysift::Document;

#[test]
fn clean_fixtures() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    let mut cases: Vec<_> = std::fs::read_dir(&root)
        .expect("fixture folder")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 16, "fixtures missing: {cases:?}");
    let mut failures = Vec::new();
    for case in &cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        // Inputs are read as bytes: charset fixtures are not UTF-8.
        let (doc_body, html) = if case.join("input.html").exists() {
            (std::fs::read(case.join("input.html")).unwrap(), true)
        } else {
            (std::fs::read(case.join("input.txt")).unwrap(), false)
        };
        let expected: Vec<String> = std::fs::read_to_string(case.join("expected.txt"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let doc = if html {
            Document::html_bytes(&name, &doc_body)
        } else {
            Document::text_bytes(&name, &doc_body)
        };
        let got = storysift::clean(&doc).unwrap();
        if got.paragraphs() != expected.as_slice() {
            let removed: Vec<String> = got
                .removed()
                .iter()
                .map(|r| format!("[{}] {}", r.reason(), r.text()))
                .collect();
            failures.push(format!(
                "== {name}\n-- got:\n{}\n-- expected:\n{}\n-- removed:\n{}",
                got.paragraphs().join("\n"),
                expected.join("\n"),
                removed.join("\n")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures fail:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
