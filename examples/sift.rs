//! Sift folders or files of `.txt` / `.html` / `.htm` documents and print
//! the result as JSON (the `PRED.json` shape of the project's scorer).
//!
//! ```text
//! cargo run --release --example sift -- [--clean-only | --article-bodies] PATH...
//! ```
//!
//! `--pairs CORPUS/truth.json` runs only the dedup stage over the gold
//! paragraphs of a labelled corpus and prints the near-duplicate pairs as
//! `[[doc, paragraph], [doc, paragraph]]` (the input of
//! `score_stories.py --pairs`).
//!
//! `--jsonl DOCS.jsonl [--summary]` streams `{"id","format","content"}`
//! lines (the generator's scale corpora) through a [`storysift::Batch`] a
//! chunk at a time, so raw pages are never all in memory; `--summary`
//! prints counts and timings instead of the JSON. With `--index` the
//! documents go through an incremental [`storysift::Index`] instead, one
//! output line per document as it is indexed (its story, its new paragraphs,
//! and for each paragraph the earlier source if it was already known): the
//! memory-bounded path for corpora of millions of documents.
//!
//! `--clean-only` cleans each document and skips dedup and stories;
//! `--article-bodies` does the same but prints `{"<id>": {"articleBody":
//! "<paragraphs joined by newlines>"}}`, the input of the extraction scorer
//! (`score_extraction.py scrapinghub PRED.json`).
//!
//! Each file is one document; its id is the file stem. Unreadable paths are
//! reported on stderr, the rest is still processed, and the exit code is
//! non-zero if anything failed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::io::{BufRead, Write};

use storysift::{Document, Format, Index, Sifted, Sifter};

// # Collecting input files

fn format_of(path: &Path) -> Option<Format> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "txt" => Some(Format::Text),
        "html" | "htm" => Some(Format::Html),
        _ => None,
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>, errors: &mut usize) {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => match std::fs::read_dir(path) {
            Ok(entries) => {
                let mut files: Vec<PathBuf> =
                    entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                files.sort();
                for f in files {
                    if f.is_dir() || format_of(&f).is_some() {
                        collect(&f, out, errors);
                    }
                }
            }
            Err(e) => {
                eprintln!("error: cannot list {}: {e}", path.display());
                *errors += 1;
            }
        },
        Ok(_) if format_of(path).is_some() => out.push(path.to_path_buf()),
        Ok(_) => {
            eprintln!(
                "error: {} is not a .txt, .html or .htm file",
                path.display()
            );
            *errors += 1;
        }
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            *errors += 1;
        }
    }
}

// # JSON output (a few lines instead of a serialisation dependency)

fn json_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_list<T>(
    items: impl IntoIterator<Item = T>,
    out: &mut String,
    mut f: impl FnMut(T, &mut String),
) {
    out.push('[');
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        f(item, out);
    }
    out.push(']');
}

/// `--pairs TRUTH.json`: near-duplicate pairs over a corpus's gold paragraphs.
fn pairs(truth: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(truth) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", truth.display());
            return ExitCode::FAILURE;
        }
    };
    let parsed: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {} is not JSON: {e}", truth.display());
            return ExitCode::FAILURE;
        }
    };
    let Some(documents) = parsed.get("documents").and_then(|d| d.as_object()) else {
        eprintln!("error: {} has no \"documents\" object", truth.display());
        return ExitCode::FAILURE;
    };
    let docs: Vec<(&str, Vec<&str>)> = documents
        .iter()
        .map(|(id, d)| {
            let paras = d
                .get("paragraphs")
                .and_then(|p| p.as_array())
                .map(|ps| {
                    ps.iter()
                        .map(|p| p.get("text").and_then(|t| t.as_str()).unwrap_or(""))
                        .collect()
                })
                .unwrap_or_default();
            (id.as_str(), paras)
        })
        .collect();
    let found = match Sifter::new().near_duplicates(&docs) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = String::new();
    json_list(&found, &mut out, |p, o| {
        for (i, r) in [p.a(), p.b()].into_iter().enumerate() {
            o.push_str(if i == 0 { "[[" } else { ",[" });
            json_str(&r.document, o);
            o.push_str(&format!(",{}]", r.paragraph));
        }
        o.push(']');
    });
    out.push('\n');
    finish(&out, 0)
}

fn main() -> ExitCode {
    let mut clean_only = false;
    let mut article_bodies = false;
    let mut builder = Sifter::builder();
    let mut paths = Vec::new();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--pairs") => {
                let Some(truth) = args.next() else {
                    eprintln!("usage: sift --pairs CORPUS/truth.json");
                    return ExitCode::from(2);
                };
                return pairs(Path::new(&truth));
            }
            Some("--jsonl") => {
                let Some(file) = args.next() else {
                    eprintln!("usage: sift --jsonl FILE [--summary]");
                    return ExitCode::from(2);
                };
                let rest: Vec<_> = args.by_ref().collect();
                let has = |f: &str| rest.iter().any(|a| a == f);
                return jsonl(Path::new(&file), has("--summary"), has("--index"));
            }
            Some("--clean-only") => clean_only = true,
            Some("--no-lexical-links") => {
                builder.lexical_links(false);
            }
            Some("--semantic") => {
                let Some(dir) = args.next() else {
                    eprintln!("usage: sift --semantic MODEL_DIR PATH...");
                    return ExitCode::from(2);
                };
                #[cfg(feature = "semantic")]
                match storysift::SentenceEncoder::from_dir(&dir) {
                    Ok(e) => {
                        builder.sentence_encoder(e);
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        return ExitCode::FAILURE;
                    }
                }
                #[cfg(not(feature = "semantic"))]
                {
                    eprintln!("error: --semantic {dir:?} needs a build with --features semantic");
                    return ExitCode::from(2);
                }
            }
            Some("--no-statement-dedup") => {
                builder.statement_dedup(false);
            }
            Some("--article-bodies") => {
                clean_only = true;
                article_bodies = true;
            }
            Some("-h" | "--help") => {
                eprintln!(
                    "usage: sift [--clean-only | --article-bodies] [--no-lexical-links] [--no-statement-dedup] [--semantic MODEL_DIR] PATH...  (files or folders of .txt/.html/.htm)\n       sift --pairs CORPUS/truth.json\n       sift --jsonl DOCS.jsonl [--index] [--summary]"
                );
                return ExitCode::SUCCESS;
            }
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    if paths.is_empty() {
        eprintln!(
            "usage: sift [--clean-only | --article-bodies] [--no-lexical-links] [--no-statement-dedup] [--semantic MODEL_DIR] PATH...  (files or folders of .txt/.html/.htm)\n       sift --pairs CORPUS/truth.json\n       sift --jsonl DOCS.jsonl [--index] [--summary]"
        );
        return ExitCode::from(2);
    }

    let mut errors = 0usize;
    let mut files = Vec::new();
    for p in &paths {
        collect(p, &mut files, &mut errors);
    }

    // # Reading: bytes go in as fetched; storysift decodes them (BOM, the
    // page's <meta> charset, else UTF-8 if valid, else windows-1252).
    let mut loaded: Vec<(String, Format, Vec<u8>)> = Vec::new();
    for f in &files {
        let Some(id) = f.file_stem().and_then(|s| s.to_str()) else {
            eprintln!("error: {} has no usable file name", f.display());
            errors += 1;
            continue;
        };
        match std::fs::read(f) {
            Ok(bytes) => {
                let format = format_of(f).unwrap_or(Format::Text);
                loaded.push((id.to_owned(), format, bytes));
            }
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", f.display());
                errors += 1;
            }
        }
    }
    // Ids must be unique: a second file with the same stem is reported and skipped.
    let mut seen = std::collections::HashSet::new();
    loaded.retain(|(id, _, _)| {
        let fresh = seen.insert(id.clone());
        if !fresh {
            eprintln!("error: duplicate document id {id:?} (same file stem twice); skipped");
            errors += 1;
        }
        fresh
    });

    let docs: Vec<Document<'_>> = loaded
        .iter()
        .map(|(id, f, body)| Document::from_bytes(id, *f, body))
        .collect();
    let sifter = match builder.build() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut out = String::new();
    if clean_only {
        let cleaned: Vec<_> = docs.iter().map(|d| (d.id(), sifter.clean(d))).collect();
        if article_bodies {
            out.push('{');
            for (i, (id, c)) in cleaned.iter().enumerate() {
                if i > 0 {
                    out.push_str(",\n");
                }
                json_str(id, &mut out);
                out.push_str(":{\"articleBody\":");
                let body = match c {
                    Ok(c) => c.paragraphs().join("\n"),
                    Err(e) => {
                        eprintln!("error: {e}");
                        String::new()
                    }
                };
                json_str(&body, &mut out);
                out.push('}');
            }
            out.push_str("}\n");
            errors += cleaned.iter().filter(|(_, c)| c.is_err()).count();
            return finish(&out, errors);
        }
        out.push_str("{\"documents\":");
        json_list(cleaned.iter(), &mut out, |(id, c), o| {
            o.push_str("{\"id\":");
            json_str(id, o);
            o.push_str(",\"paragraphs\":");
            let paras: &[String] = match c {
                Ok(c) => c.paragraphs(),
                Err(e) => {
                    eprintln!("error: {e}");
                    &[]
                }
            };
            json_list(paras, o, |p, o| json_str(p, o));
            o.push('}');
        });
        out.push_str("}\n");
        errors += cleaned.iter().filter(|(_, c)| c.is_err()).count();
    } else {
        let sifted = match sifter.sift(&docs) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::FAILURE;
            }
        };
        for d in sifted.documents() {
            if let Some(e) = d.error() {
                eprintln!("error: {e}");
                errors += 1;
            }
        }
        if let Err(e) = write_pred(&sifted, &mut std::io::stdout().lock()) {
            eprintln!("error: cannot write the output: {e}");
            return ExitCode::FAILURE;
        }
    }
    finish(&out, errors)
}

/// Writes the scorer's `PRED.json` shape, one document or story at a time.
fn write_pred(sifted: &Sifted, w: &mut impl Write) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, w);
    let mut out = String::new();
    w.write_all(b"{\"documents\":[")?;
    for (i, d) in sifted.documents().iter().enumerate() {
        out.clear();
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":");
        json_str(d.id(), &mut out);
        out.push_str(",\"paragraphs\":");
        json_list(d.paragraphs(), &mut out, |p, o| json_str(p, o));
        out.push('}');
        w.write_all(out.as_bytes())?;
    }
    w.write_all(b"],\n\"stories\":[")?;
    for (i, s) in sifted.stories().iter().enumerate() {
        out.clear();
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!("{{\"id\":\"s{}\",\"documents\":", s.id().index()));
        json_list(s.documents(), &mut out, |d, o| json_str(d, o));
        out.push_str(",\"paragraphs\":");
        json_list(s.paragraphs(), &mut out, |p, o| {
            o.push_str("{\"text\":");
            json_str(p.text(), o);
            o.push_str(",\"sources\":");
            json_list(p.documents(), o, json_str);
            o.push('}');
        });
        out.push('}');
        w.write_all(out.as_bytes())?;
    }
    w.write_all(b"]}\n")?;
    w.flush()
}

/// `--jsonl FILE`: documents streamed from JSONL lines
/// `{"id", "format": "html"|"text", "content"}` (the generator's scale
/// corpora), cleaned a chunk at a time so raw pages are never all in
/// memory; with `--summary`, counts and timings instead of the JSON.
fn jsonl(path: &Path, summary: bool, incremental: bool) -> ExitCode {
    #[derive(serde::Deserialize)]
    struct Line {
        id: String,
        #[serde(default)]
        format: Option<String>,
        content: String,
    }
    const CHUNK: usize = 4096;
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let start = std::time::Instant::now();
    let sifter = Sifter::new();
    let mut batch = sifter.batch();
    let mut index = Index::new(sifter.clone()).expect("the default sifter has no text judge");
    let mut stdout = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    let mut stats = [0usize; 4]; // documents, new stories, paragraphs, new paragraphs
    let (mut errors, mut bytes) = (0usize, 0usize);
    let mut flush = |chunk: &mut Vec<Line>, errors: &mut usize| {
        let docs: Vec<Document<'_>> = chunk
            .iter()
            .map(|l| {
                let f = match l.format.as_deref() {
                    Some(f) if f.eq_ignore_ascii_case("html") => Format::Html,
                    _ => Format::Text,
                };
                Document::new(&l.id, f, &l.content)
            })
            .collect();
        if incremental {
            let mut out = String::new();
            for (d, r) in docs.iter().zip(index.add_all(&docs)) {
                match r {
                    Ok(a) => {
                        stats[0] += 1;
                        stats[1] += usize::from(a.is_new_story());
                        stats[2] += a.known().len();
                        stats[3] += a.new_paragraphs().count();
                        if !summary {
                            out.clear();
                            out.push_str("{\"id\":");
                            json_str(d.id(), &mut out);
                            out.push_str(",\"story\":");
                            json_str(a.story(), &mut out);
                            out.push_str(",\"new_paragraphs\":");
                            json_list(a.new_paragraphs(), &mut out, json_str);
                            out.push_str(",\"known\":");
                            json_list(a.known(), &mut out, |k, o| match k {
                                Some(r) => {
                                    o.push('[');
                                    json_str(&r.document, o);
                                    o.push_str(&format!(",{}]", r.paragraph));
                                }
                                None => o.push_str("null"),
                            });
                            out.push_str("}\n");
                            if stdout.write_all(out.as_bytes()).is_err() {
                                *errors += 1;
                            }
                        }
                    }
                    Err(e) => {
                        eprintln!("error: {e}");
                        *errors += 1;
                    }
                }
            }
            chunk.clear();
            return;
        }
        if let Err(e) = batch.add(&docs) {
            // A repeated id: report it, and add the chunk's other documents.
            eprintln!("error: {e}");
            *errors += 1;
            for d in &docs {
                if let Err(e) = batch.add(std::slice::from_ref(d)) {
                    eprintln!("error: {e}; skipped");
                }
            }
        }
        chunk.clear();
    };
    // A reader thread parses lines into chunks while this one cleans and
    // indexes the previous chunk; two chunks in flight bound the memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Line>>(2);
    let shown = path.display().to_string();
    let reader = std::thread::spawn(move || -> (usize, usize, bool) {
        let (mut bytes, mut bad, mut lines) = (0usize, 0usize, 0usize);
        let mut chunk = Vec::with_capacity(CHUNK);
        let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
        let mut raw: Vec<u8> = Vec::new();
        loop {
            raw.clear();
            match reader.read_until(b'\n', &mut raw) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    eprintln!("error: reading {shown}: {e}");
                    return (bytes, bad, false);
                }
            }
            lines += 1;
            // A line that is not UTF-8 is reported and skipped; the others
            // are still read.
            let line = match std::str::from_utf8(&raw) {
                Ok(l) => l,
                Err(e) => {
                    eprintln!("error: line {lines}: not UTF-8 ({e}); skipped");
                    bad += 1;
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Line>(line) {
                Ok(l) => {
                    bytes += l.content.len();
                    chunk.push(l);
                }
                Err(e) => {
                    eprintln!("error: line {lines}: {e}; skipped");
                    bad += 1;
                }
            }
            if chunk.len() == CHUNK && tx.send(std::mem::take(&mut chunk)).is_err() {
                return (bytes, bad, false);
            }
        }
        if !chunk.is_empty() {
            let _ = tx.send(chunk);
        }
        (bytes, bad, true)
    });
    for mut received in rx {
        flush(&mut received, &mut errors);
    }
    let (read_bytes, bad, complete) = reader.join().unwrap_or((0, 1, false));
    bytes += read_bytes;
    errors += bad;
    if !complete {
        return ExitCode::FAILURE;
    }
    if incremental {
        let secs = start.elapsed().as_secs_f64();
        if summary {
            println!(
                "{{\"mode\":\"index\",\"documents\":{},\"content_bytes\":{bytes},\"new_stories\":{},\"paragraphs\":{},\"new_paragraphs\":{},\"index_heap_bytes\":{},\"index_bytes_per_paragraph\":{:.0},\"total_s\":{secs:.2},\"docs_per_s\":{:.0},\"mb_per_s\":{:.1}}}",
                stats[0],
                stats[1],
                stats[2],
                stats[3],
                index.heap_bytes(),
                index.heap_bytes() as f64 / index.paragraphs().max(1) as f64,
                stats[0] as f64 / secs,
                bytes as f64 / 1e6 / secs
            );
        }
        if stdout.flush().is_err() {
            errors += 1;
        }
        return if errors > 0 {
            eprintln!("{errors} input(s) failed");
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        };
    }
    drop(stdout);
    let cleaned_at = start.elapsed();
    let n = batch.len();
    let sifted = batch.finish();
    let total = start.elapsed();
    errors += sifted
        .documents()
        .iter()
        .filter(|d| d.error().is_some())
        .count();
    if summary {
        let paragraphs: usize = sifted
            .documents()
            .iter()
            .map(|d| d.paragraphs().len())
            .sum();
        let unique: usize = sifted.stories().iter().map(|s| s.paragraphs().len()).sum();
        let multi = sifted
            .stories()
            .iter()
            .filter(|s| s.documents().len() > 1)
            .count();
        let secs = total.as_secs_f64();
        println!(
            "{{\"documents\":{n},\"content_bytes\":{bytes},\"stories\":{},\"multi_document_stories\":{multi},\"clean_paragraphs\":{paragraphs},\"unique_paragraphs\":{unique},\"read_and_clean_s\":{:.2},\"total_s\":{secs:.2},\"docs_per_s\":{:.0},\"mb_per_s\":{:.1}}}",
            sifted.stories().len(),
            cleaned_at.as_secs_f64(),
            n as f64 / secs,
            bytes as f64 / 1e6 / secs
        );
    } else if let Err(e) = write_pred(&sifted, &mut std::io::stdout().lock()) {
        eprintln!("error: cannot write the output: {e}");
        return ExitCode::FAILURE;
    }
    if errors > 0 {
        eprintln!("{errors} input(s) failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints the JSON; the exit code says whether any input failed.
fn finish(out: &str, errors: usize) -> ExitCode {
    print!("{out}");
    if errors > 0 {
        eprintln!("{errors} input(s) failed");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
