//! The `storysift` command (feature `cli`) over inputs the tests write:
//! WARC.gz with pages in several charsets, JSONL.gz with bad lines, a
//! folder of mixed files, standard input; outputs, messages, exit codes.
#![cfg(feature = "cli")]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_storysift"))
}

fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = bin();
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    let mut pipe = child.stdin.take().unwrap();
    if let Some(input) = stdin {
        pipe.write_all(input).unwrap();
    }
    drop(pipe);
    child.wait_with_output().unwrap()
}

fn lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A fresh folder under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const STORY: &str = "The Harbour Bridge reopened to traffic on Friday after eight months of repairs, the city council said.";

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

fn response(content_type: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n{extra_headers}\r\n")
        .into_bytes();
    r.extend_from_slice(body);
    r
}

fn write_warc_gz(path: &Path) {
    use warc::{RecordBuilder, RecordType, WarcHeader, WarcWriter};
    let latin1 = b"<html><body><article><p>Caf\xe9 owners near the harbour said the rent had doubled since the spring repairs began.</p></article></body></html>";
    let cyrillic: Vec<u8> = {
        // "Привет" in windows-1251, declared by the page itself.
        let mut p = b"<html><head><meta charset=\"windows-1251\"></head><body><p>".to_vec();
        p.extend_from_slice(b"\xcf\xf0\xe8\xe2\xe5\xf2 \xe8\xe7 \xcc\xee\xf1\xea\xe2\xfb: \xec\xee\xf1\xf2 \xee\xf2\xea\xf0\xfb\xeb\xe8 \xef\xee\xf1\xeb\xe5 \xf0\xe5\xec\xee\xed\xf2\xe0 \xe2 \xef\xff\xf2\xed\xe8\xf6\xf3.");
        p.extend_from_slice(b"</p></body></html>");
        p
    };
    let utf8 = format!(
        "<html><body><article><h1>Bridge reopens</h1><p>{STORY}</p></article></body></html>"
    );
    let chunked_gz = {
        let z = gzip(format!("<p>{STORY} Drivers queued from dawn.</p>").as_bytes());
        let mut c = format!("{:x}\r\n", z.len()).into_bytes();
        c.extend_from_slice(&z);
        c.extend_from_slice(b"\r\n0\r\n\r\n");
        c
    };
    let records: Vec<(RecordType, &str, Vec<u8>)> = vec![
        (RecordType::WarcInfo, "", b"software: test".to_vec()),
        (
            RecordType::Request,
            "https://example.com/a",
            b"GET /a HTTP/1.1\r\n\r\n".to_vec(),
        ),
        (
            RecordType::Response,
            "https://example.com/a",
            response("text/html; charset=ISO-8859-1", "", latin1),
        ),
        (
            RecordType::Response,
            "https://example.ru/b",
            response("text/html", "", &cyrillic),
        ),
        (
            RecordType::Response,
            "https://example.com/c",
            response("text/html; charset=utf-8", "", utf8.as_bytes()),
        ),
        (
            RecordType::Response,
            "https://example.com/logo.png",
            response("image/png", "", b"\x89PNG\r\n\x1a\n"),
        ),
        (
            RecordType::Response,
            "https://example.com/d",
            response(
                "text/html",
                "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked_gz,
            ),
        ),
    ];
    let file = std::fs::File::create(path).unwrap();
    let mut w = WarcWriter::new(std::io::BufWriter::new(flate2::write::GzEncoder::new(
        file,
        flate2::Compression::fast(),
    )));
    for (kind, uri, body) in records {
        let mut b = RecordBuilder::default().warc_type(kind.clone()).body(body);
        if !uri.is_empty() {
            b = b.header(WarcHeader::TargetURI, uri);
        }
        if kind == RecordType::Response {
            b = b.header(
                WarcHeader::ContentType,
                "application/http; msgtype=response",
            );
        }
        w.write(&b.build().unwrap()).unwrap();
    }
    w.into_inner().unwrap().finish().unwrap();
}

#[test]
fn warc_gz_pages_in_several_charsets() {
    let dir = scratch("warc");
    let warc = dir.join("crawl.warc.gz");
    write_warc_gz(&warc);
    let out = run(&["clean", "--quiet", warc.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "https://example.com/a",
            "https://example.ru/b",
            "https://example.com/c",
            "https://example.com/d"
        ]
    );
    let first = |i: usize| docs[i]["paragraphs"][0].as_str().unwrap().to_owned();
    assert!(first(0).starts_with("Café owners"), "{}", first(0));
    assert!(first(1).starts_with("Привет из Москвы"), "{}", first(1));
    assert_eq!(first(2), STORY);
    assert!(
        first(3).ends_with("Drivers queued from dawn."),
        "{}",
        first(3)
    );
    assert_eq!(docs[2]["title"], "Bridge reopens");
    assert!(
        docs[0]["origin"]
            .as_str()
            .unwrap()
            .ends_with("crawl.warc.gz#3")
    );

    // The same records sifted: the two bridge pages are one story.
    let out = run(&["sift", "--quiet", warc.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stories = lines(&out);
    assert_eq!(stories.len(), 3);
    assert!(
        stories.iter().any(|s| s["documents"]
            == serde_json::json!(["https://example.com/c", "https://example.com/d"]))
    );
}

#[test]
fn jsonl_gz_with_bad_lines_goes_on() {
    let dir = scratch("jsonl");
    let path = dir.join("docs.jsonl.gz");
    let body = [
        format!(r#"{{"id": "a", "html": "<p>{STORY}</p>", "outlet": "Example"}}"#),
        "not json at all".to_owned(),
        String::new(),
        r#"{"id": "b"}"#.to_owned(),
        format!(r#"{{"id": 7, "format": "TEXT", "content": "{STORY}"}}"#),
        r#"{"id": "c", "format": "pdf", "content": "x"}"#.to_owned(),
        format!(r#"{{"url": "https://example.com/x", "content": "<html><body><p>{STORY}</p></body></html>"}}"#),
    ]
    .join("\n");
    std::fs::write(&path, gzip(body.as_bytes())).unwrap();
    let out = run(&["clean", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    for at in [":2: not JSON", ":4: no body", ":6: unknown format \"pdf\""] {
        assert!(err.contains(at), "{at} in {err}");
    }
    assert!(
        err.contains("3 documents") && err.contains("3 bad"),
        "{err}"
    );
    let docs = lines(&out);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "7", "https://example.com/x"]);
    assert_eq!(docs[0]["format"], "html");
    assert_eq!(docs[1]["format"], "text");
    assert_eq!(docs[2]["format"], "html", "sniffed");
    for d in &docs {
        assert_eq!(d["paragraphs"][0], STORY);
    }
}

#[test]
fn a_folder_of_mixed_files_and_an_output_dir() {
    let dir = scratch("folder");
    let input = dir.join("in");
    std::fs::create_dir_all(input.join("sub")).unwrap();
    std::fs::write(input.join("README.md"), "Not a document.").unwrap();
    std::fs::write(input.join("truth.json"), "{}").unwrap();
    std::fs::write(
        input.join("a.HTML"),
        format!("<article><p>{STORY}</p></article>"),
    )
    .unwrap();
    std::fs::write(
        input.join("sub/b.txt"),
        format!("Bridge reopens\n\n{STORY}\n\nAdvertisement"),
    )
    .unwrap();
    std::fs::write(
        input.join("sub/more.jsonl"),
        format!(r#"{{"id": "c", "text": "{STORY} Queues formed at dawn."}}"#),
    )
    .unwrap();
    let outdir = dir.join("out");
    let out = run(
        &[
            "sift",
            "--quiet",
            "--output-dir",
            outdir.to_str().unwrap(),
            "--compress",
            "zstd",
            input.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let read = |name: &str| -> Vec<serde_json::Value> {
        let bytes = zstd::decode_all(std::fs::File::open(outdir.join(name)).unwrap()).unwrap();
        String::from_utf8(bytes)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let stories = read("stories.jsonl.zst");
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0]["documents"], serde_json::json!(["a", "b", "c"]));
    let documents = read("documents.jsonl.zst");
    assert_eq!(documents.len(), 3);
    assert_eq!(documents[1]["id"], "b");
    assert!(
        documents[1]["removed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["reason"] == "ad_marker")
    );
}

#[test]
fn standard_input_and_usage_errors() {
    let out = run(
        &["clean", "-q", "-"],
        Some(format!(r#"{{"id": "s", "text": "{STORY}"}}"#).as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(lines(&out)[0]["id"], "s");

    let page = format!("<html><body><p>{STORY}</p></body></html>");
    let out = run(
        &["clean", "-q", "--stdin-format", "html", "-"],
        Some(page.as_bytes()),
    );
    assert_eq!(lines(&out)[0]["paragraphs"][0], STORY);

    let empty = scratch("empty");
    let out = run(&["sift", empty.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("no documents found"),
        "{}",
        stderr(&out)
    );

    let out = run(&["sift", "--no-such-flag", "x"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["clean"], None);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["--version"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains(env!("CARGO_PKG_VERSION")));

    let missing = run(
        &["clean", "-q", "/no/such/file.html", "-"],
        Some(b"{\"id\":\"ok\",\"text\":\"Fine.\"}"),
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("/no/such/file.html"));
    assert_eq!(lines(&missing).len(), 1);
}

#[test]
fn an_index_kept_across_runs() {
    let dir = scratch("index");
    let file = dir.join("stories.index.json.gz");
    let f = file.to_str().unwrap();
    let one = format!(r#"{{"id": "a", "text": "{STORY}\n\nQueues formed at dawn."}}"#);
    let out = run(&["index", "-q", "--index", f, "-"], Some(one.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(lines(&out)[0]["new_story"], true);
    assert!(file.exists());
    let two = format!(r#"{{"id": "b", "text": "{STORY}\n\nThe mayor cut a ribbon."}}"#);
    let out = run(&["index", "-q", "--index", f, "-"], Some(two.as_bytes()));
    let added = &lines(&out)[0];
    assert_eq!(added["story"], "a");
    assert_eq!(
        added["new_paragraphs"],
        serde_json::json!(["The mayor cut a ribbon."])
    );
    // The same id again is reported for that document alone.
    let out = run(&["index", "-q", "--index", f, "-"], Some(two.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["error"]["code"], "duplicate_id");
}

#[test]
fn duplicate_ids_follow_the_policy() {
    let two = format!(
        "{{\"id\": \"a\", \"text\": \"Old fetch.\"}}\n{{\"id\": \"a\", \"text\": \"{STORY}\"}}\n"
    );
    let out = run(&["sift", "--json", "-"], Some(two.as_bytes()));
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("<stdin>:1: id \"a\" repeats"),
        "{}",
        stderr(&out)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"][0]["paragraphs"][0], STORY);
    assert_eq!(v["ignored"][0]["position"], 0);
    let out = run(
        &["sift", "-q", "--duplicate-ids", "refuse", "-"],
        Some(two.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(3));
}
