//! `storysift`: clean crawled news pages, group them into stories and
//! print each story's unique content once.
//!
//! Built with feature `cli`: `cargo install --path . --features cli` (or
//! `cargo run --release --features cli --bin storysift -- --help`).
//!
//! Exit codes: 0 everything was read and processed; 1 some inputs or
//! documents were bad (each reported on standard error with where it is;
//! the rest was processed and written); 2 the command line is wrong; 3 the
//! run could not finish (no documents in the inputs, output not writable,
//! an index that cannot be loaded or saved, a repeated id under
//! `--duplicate-ids refuse`).

mod http;
mod input;
mod output;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rayon::prelude::*;
use storysift::{Cleaned, DocumentBuf, DuplicateIds, Format, Index, Sifter};

use input::{Event, Reader, StdinFormat};
use output::{Compress, Output};

#[derive(Parser, Debug)]
#[command(
    name = "storysift",
    version,
    about = "Clean crawled news pages and scrapes, group them into stories, and print each story's unique content once.",
    long_about = "Clean crawled news pages and scrapes, group them into stories, and print each story's unique content once.\n\n\
        Inputs are files, folders (searched recursively; inside folders only .html/.htm/.xhtml/.shtml/.txt/.text pages and .jsonl/.ndjson/.warc containers are read) \
        and `-` for standard input. JSONL lines hold one document each: an `id` (else `url`), the body in `html`, `text`, or `content` with `format`, and optionally `outlet`. \
        WARC files hold crawl records: each HTTP response with an HTML or text body is a document named by its URL, decoded with its HTTP charset. \
        Any input may be gzip or zstd compressed (detected from the bytes).\n\n\
        Output is JSON lines on standard output, or files in --output-dir. Bad inputs are reported on standard error with their place (file, file:line, file#record) and the rest goes on.\n\n\
        Exit codes: 0 all inputs processed; 1 some inputs or documents were bad (reported; the rest was written); 2 usage error; 3 the run could not finish (no documents, output not writable, index not loadable or savable, a repeated id under --duplicate-ids refuse).",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Clean each document: paragraphs, removed blocks with their reasons, metadata (one JSON line per document).
    Clean {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Print one JSON object {"<id>": {"articleBody": "<paragraphs joined by newlines>"}} (the extraction scorer's input) instead of JSON lines.
        #[arg(long)]
        article_bodies: bool,
    },
    /// Group documents into stories and print each story's unique paragraphs once, with the documents that carry each (one JSON line per story; with --output-dir also one per document).
    Sift {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        engine: EngineArgs,
        /// What to do with a document whose id an earlier one has: keep the last one (a crawl's refetch), keep the first, or stop (exit 3).
        #[arg(long, value_enum, default_value_t = DupPolicy::KeepLast)]
        duplicate_ids: DupPolicy,
        /// Print the whole result as one JSON object {"documents": [...], "stories": [...]} (the story scorer's PRED.json) instead of JSON lines.
        #[arg(long)]
        json: bool,
    },
    /// Add documents to an incremental index one at a time and print, per document, its story and which of its paragraphs are new (one JSON line per document).
    Index {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Index file: loaded when it exists, saved (replaced atomically) after the run. JSON; .gz or .zst names are compressed.
        #[arg(long, value_name = "FILE")]
        index: Option<PathBuf>,
        /// Do not link stories by content words (copied text only).
        #[arg(long)]
        no_lexical_links: bool,
        /// Keep lines that recur across stories (by default, once a line recurs in another
        /// story and says nothing else the document says, it is an outlet's template and is
        /// removed from this and later documents).
        #[arg(long)]
        no_templates: bool,
        /// Group pages of every kind into stories (see `sift --help`).
        #[arg(long)]
        group_all_kinds: bool,
    },
    /// Near-duplicate paragraph pairs between documents (one JSON line per pair).
    Pairs {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Instead of the inputs' clean paragraphs, pair the gold paragraphs of a labelled corpus (CORPUS/truth.json) and print the pair scorer's JSON array.
        #[arg(long, value_name = "TRUTH_JSON")]
        gold: Option<PathBuf>,
    },
}

#[derive(Args, Debug)]
struct InputArgs {
    /// Files, folders or `-` (standard input).
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// How to read standard input.
    #[arg(long, value_enum, default_value_t = StdinFormat::Jsonl)]
    stdin_format: StdinFormat,
    /// Format of page files whose name does not say (auto: from the bytes).
    #[arg(long, value_enum, default_value_t = PageFormat::Auto)]
    format: PageFormat,
    /// Largest document body in bytes; larger ones are reported and skipped.
    #[arg(long, value_name = "BYTES", default_value_t = storysift::DEFAULT_MAX_DOCUMENT_BYTES)]
    max_document_bytes: usize,
    /// Name a file found in a folder by its path under the folder without extensions (`sub/page`) instead of its file stem (`page`). Two files with one stem are otherwise one id twice (see --duplicate-ids).
    #[arg(long)]
    path_ids: bool,
    /// Worker threads (default: one per core). The output is the same for any number.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar and no summary; errors are still reported.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args, Debug)]
struct OutputArgs {
    /// Write files into this folder (created if missing) instead of standard output.
    #[arg(long, value_name = "DIR")]
    output_dir: Option<PathBuf>,
    /// Compress the files written to --output-dir.
    #[arg(long, value_enum, default_value_t = Compress::None, requires = "output_dir")]
    compress: Compress,
}

#[derive(Args, Debug)]
struct EngineArgs {
    /// Do not link stories by content words (copied text only).
    #[arg(long)]
    no_lexical_links: bool,
    /// Deduplicate a story's output paragraph by paragraph only (no sentence-level statement dedup).
    #[arg(long)]
    no_statement_dedup: bool,
    /// Keep lines that recur across the batch's stories and say nothing their stories say
    /// elsewhere (by default they are an outlet's template and are removed).
    #[arg(long)]
    no_templates: bool,
    /// Group pages of every kind into stories (by default a forum thread, product page, listing or documentation page is a story of its own).
    #[arg(long)]
    group_all_kinds: bool,
    /// A sentence-transformers model folder (model.safetensors, config.json, tokenizer.json) whose sentence embeddings add a verdict to statement dedup (build with feature `semantic`).
    #[cfg(feature = "semantic")]
    #[arg(long, value_name = "MODEL_DIR")]
    semantic: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum PageFormat {
    /// From the bytes (a doctype, an <html> tag, block tags).
    Auto,
    /// HTML pages.
    Html,
    /// Plain-text scrapes.
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DupPolicy {
    /// Keep the last document with the id (the freshest fetch).
    KeepLast,
    /// Keep the first document with the id.
    KeepFirst,
    /// Stop with exit code 3.
    Refuse,
}

/// Why a run stopped early (exit code 3).
struct Fatal(String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

/// Counts for the exit code and the summary.
#[derive(Default)]
struct Tally {
    docs: u64,
    bad: u64,
    skipped: u64,
    /// Mode-specific figures for the summary line.
    extra: String,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let input = match &cli.command {
        Command::Clean { input, .. }
        | Command::Sift { input, .. }
        | Command::Index { input, .. }
        | Command::Pairs { input, .. } => input,
    };
    let gold = matches!(&cli.command, Command::Pairs { gold: Some(_), .. });
    if input.inputs.is_empty() && !gold {
        eprintln!("error: no INPUT given (files, folders or - for standard input); see --help");
        return ExitCode::from(2);
    }
    if let Some(n) = input.threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            eprintln!("error: --threads {n}: {e}");
            return ExitCode::from(2);
        }
    }
    let start = Instant::now();
    let mut tally = Tally::default();
    let result = match &cli.command {
        Command::Clean {
            input,
            output,
            article_bodies,
        } => clean(input, output, *article_bodies, &mut tally),
        Command::Sift {
            input,
            output,
            engine,
            duplicate_ids,
            json,
        } => sift(input, output, engine, *duplicate_ids, *json, &mut tally),
        Command::Index {
            input,
            output,
            index,
            no_lexical_links,
            no_templates,
            group_all_kinds,
        } => index_mode(
            input,
            output,
            index.as_ref(),
            *no_lexical_links,
            *no_templates,
            *group_all_kinds,
            &mut tally,
        ),
        Command::Pairs {
            input,
            output,
            gold,
        } => match gold {
            Some(g) => pairs_gold(g, output),
            None => pairs(input, output, &mut tally),
        },
    };
    if let Err(Fatal(msg)) = result {
        eprintln!("error: {msg}");
        return ExitCode::from(3);
    }
    if !input.quiet {
        let secs = start.elapsed().as_secs_f64().max(1e-9);
        eprintln!(
            "storysift: {} documents in {:.2} s ({:.0} documents/s){}{}{}",
            tally.docs,
            secs,
            tally.docs as f64 / secs,
            tally.extra,
            if tally.bad > 0 {
                format!(", {} bad inputs or documents", tally.bad)
            } else {
                String::new()
            },
            if tally.skipped > 0 {
                format!(", {} records skipped (not pages)", tally.skipped)
            } else {
                String::new()
            },
        );
    }
    if tally.bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn sifter(
    max_bytes: usize,
    configure: impl FnOnce(&mut storysift::SifterBuilder),
) -> Result<Sifter, Fatal> {
    let mut b = Sifter::builder();
    b.max_document_bytes(Some(max_bytes));
    configure(&mut b);
    Ok(b.build()?)
}

/// Documents per chunk, and bytes of bodies per chunk (whichever first).
/// Chunks grow from 8 documents to this many (the index pipelines its own
/// sub-chunks of 256 and wants bigger chunks than the other modes).
const CHUNK_DOCS: usize = 256;
const INDEX_CHUNK_DOCS: usize = 2048;
const CHUNK_BYTES: usize = 64 << 20;

/// Reads the inputs a chunk at a time and calls `f` with each chunk of
/// documents and their origins; bad inputs are reported and counted.
fn for_each_chunk(
    input: &InputArgs,
    max_docs: usize,
    tally: &mut Tally,
    mut f: impl FnMut(&[DocumentBuf], &[String], &mut Tally) -> Result<(), Fatal>,
) -> Result<(), Fatal> {
    let format = match input.format {
        PageFormat::Auto => None,
        PageFormat::Html => Some(Format::Html),
        PageFormat::Text => Some(Format::Text),
    };
    let reader = Reader::new(
        &input.inputs,
        input::Options {
            stdin: input.stdin_format,
            format,
            max_bytes: input.max_document_bytes,
            path_ids: input.path_ids,
        },
    );
    let progress = output::Progress::new(input.quiet, reader.bytes.clone());
    // Reading and decompressing run on their own thread, a chunk ahead of
    // the cleaning (which uses the rayon pool).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Chunk>(1);
    let mut seen_any = false;
    std::thread::scope(|scope| -> Result<(), Fatal> {
        scope.spawn(move || {
            let mut chunk = Chunk::default();
            let mut bytes = 0usize;
            // Small chunks first, so cleaning starts while the rest is read.
            let mut limit = 8;
            for event in reader {
                match event {
                    Event::Doc { doc, origin } => {
                        bytes += doc.as_document().body().len();
                        chunk.docs.push(doc);
                        chunk.origins.push(origin);
                    }
                    Event::Bad { origin, message } => {
                        chunk.bad.push(format!("{origin}: {message}"))
                    }
                    Event::Skipped => chunk.skipped += 1,
                }
                if chunk.docs.len() >= limit || bytes >= CHUNK_BYTES {
                    if tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    bytes = 0;
                    limit = (limit * 2).min(max_docs);
                }
            }
            let _ = tx.send(chunk);
        });
        // On an early return the receiver is dropped and the reader stops.
        for chunk in rx {
            for b in &chunk.bad {
                progress.println(&format!("error: {b}"));
            }
            tally.bad += chunk.bad.len() as u64;
            tally.skipped += chunk.skipped;
            if !chunk.docs.is_empty() {
                seen_any = true;
                f(&chunk.docs, &chunk.origins, tally)?;
                tally.docs += chunk.docs.len() as u64;
                progress.set(tally.docs);
            }
        }
        Ok(())
    })?;
    progress.finish();
    if !seen_any {
        return Err(Fatal("no documents found in the inputs".into()));
    }
    Ok(())
}

/// Documents read from the inputs, with their origins, and what was bad
/// or skipped among them.
#[derive(Default)]
struct Chunk {
    docs: Vec<DocumentBuf>,
    origins: Vec<String>,
    bad: Vec<String>,
    skipped: u64,
}

fn report(err: &storysift::Error, origin: &str, tally: &mut Tally) {
    eprintln!("error: {origin}: {err}");
    tally.bad += 1;
}

#[derive(serde::Serialize)]
struct CleanLine<'a> {
    id: &'a str,
    origin: &'a str,
    format: Format,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    cleaned: Option<&'a Cleaned>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a storysift::Error>,
}

fn clean(
    input: &InputArgs,
    output: &OutputArgs,
    article_bodies: bool,
    tally: &mut Tally,
) -> Result<(), Fatal> {
    let sifter = sifter(input.max_document_bytes, |_| {})?;
    let name = if article_bodies {
        "article-bodies.json"
    } else {
        "documents.jsonl"
    };
    let mut out = Output::open(output.output_dir.as_deref(), name, output.compress)?;
    let mut first = true;
    if article_bodies {
        out.write_all(b"{")?;
    }
    for_each_chunk(input, CHUNK_DOCS, tally, |docs, origins, tally| {
        let cleaned: Vec<_> = docs.par_iter().map(|d| sifter.clean(d)).collect();
        for ((d, origin), c) in docs.iter().zip(origins).zip(&cleaned) {
            let d = d.as_document();
            if let Err(e) = c {
                report(e, origin, tally);
            }
            if article_bodies {
                let body = c
                    .as_ref()
                    .map(|c| c.paragraphs().join("\n"))
                    .unwrap_or_default();
                if !first {
                    out.write_all(b",\n")?;
                }
                first = false;
                serde_json::to_writer(&mut out, d.id())?;
                out.write_all(b":")?;
                serde_json::to_writer(&mut out, &serde_json::json!({ "articleBody": body }))?;
            } else {
                let line = CleanLine {
                    id: d.id(),
                    origin,
                    format: d.format(),
                    cleaned: c.as_ref().ok(),
                    error: c.as_ref().err(),
                };
                serde_json::to_writer(&mut out, &line)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    })?;
    if article_bodies {
        out.write_all(b"}\n")?;
    }
    out.finish()?;
    Ok(())
}

fn sift(
    input: &InputArgs,
    output: &OutputArgs,
    engine: &EngineArgs,
    policy: DupPolicy,
    json: bool,
    tally: &mut Tally,
) -> Result<(), Fatal> {
    #[cfg(feature = "semantic")]
    let encoder = match &engine.semantic {
        Some(dir) => Some(storysift::SentenceEncoder::from_dir(dir)?),
        None => None,
    };
    let sifter = sifter(input.max_document_bytes, |b| {
        #[cfg(feature = "semantic")]
        if let Some(e) = encoder {
            b.sentence_encoder(e);
        }
        b.lexical_links(!engine.no_lexical_links)
            .statement_dedup(!engine.no_statement_dedup)
            .cross_story_templates(!engine.no_templates)
            .group_all_kinds(engine.group_all_kinds)
            .duplicate_ids(match policy {
                DupPolicy::KeepLast => DuplicateIds::KeepLast,
                DupPolicy::KeepFirst => DuplicateIds::KeepFirst,
                DupPolicy::Refuse => DuplicateIds::Refuse,
            });
    })?;
    let mut batch = sifter.batch();
    let mut all_origins: Vec<String> = Vec::new();
    for_each_chunk(input, CHUNK_DOCS, tally, |docs, origins, _| {
        batch.add(docs)?;
        all_origins.extend_from_slice(origins);
        Ok(())
    })?;
    let note_ignored = |ignored: &[storysift::Ignored]| {
        for ignored in ignored {
            let origin = all_origins
                .get(ignored.position())
                .map_or("?", String::as_str);
            eprintln!(
                "note: {origin}: id {:?} repeats another document's; this one was left out (--duplicate-ids)",
                ignored.id()
            );
        }
    };
    if json {
        let sifted = batch.finish();
        tally.extra = format!(", {} stories", sifted.stories().len());
        note_ignored(sifted.ignored());
        for d in sifted.documents() {
            if let Some(e) = d.error() {
                eprintln!("error: {e}");
                tally.bad += 1;
            }
        }
        let mut out = Output::open(output.output_dir.as_deref(), "sifted.json", output.compress)?;
        serde_json::to_writer(&mut out, &sifted)?;
        out.write_all(b"\n")?;
        out.finish()?;
        return Ok(());
    }
    // The reports are written (or only counted) as they are made: the
    // batch does not hold them all at its end.
    let mut documents = match &output.output_dir {
        Some(dir) => Some(Output::open(Some(dir), "documents.jsonl", output.compress)?),
        None => None,
    };
    let mut failed: Option<Fatal> = None;
    let out = batch.finish_with(|d| {
        if let Some(e) = d.error() {
            eprintln!("error: {e}");
            tally.bad += 1;
        }
        if let (Some(w), None) = (&mut documents, &failed) {
            let written = serde_json::to_writer(&mut *w, &d)
                .map_err(Fatal::from)
                .and_then(|()| w.write_all(b"\n").map_err(Fatal::from));
            failed = written.err();
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    tally.extra = format!(", {} stories", out.stories().len());
    note_ignored(out.ignored());
    let mut stories = Output::open(
        output.output_dir.as_deref(),
        "stories.jsonl",
        output.compress,
    )?;
    for s in out.stories() {
        serde_json::to_writer(&mut stories, s)?;
        stories.write_all(b"\n")?;
    }
    stories.finish()?;
    if let Some(documents) = documents {
        documents.finish()?;
    }
    Ok(())
}

#[derive(serde::Serialize)]
struct AddedLine<'a> {
    id: &'a str,
    origin: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    new_story: Option<bool>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    merged: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    new_paragraphs: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    known: Option<&'a [Option<storysift::ParagraphRef>]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a storysift::Error>,
}

fn index_mode(
    input: &InputArgs,
    output: &OutputArgs,
    file: Option<&PathBuf>,
    no_lexical_links: bool,
    no_templates: bool,
    group_all_kinds: bool,
    tally: &mut Tally,
) -> Result<(), Fatal> {
    let sifter = sifter(input.max_document_bytes, |b| {
        b.lexical_links(!no_lexical_links)
            .cross_story_templates(!no_templates)
            .group_all_kinds(group_all_kinds);
    })?;
    let mut index = match file.filter(|f| f.exists()) {
        Some(f) => {
            let saved: storysift::SavedIndex =
                serde_json::from_reader(output::open_maybe_compressed(f)?)
                    .map_err(|e| Fatal(format!("{}: {e}", f.display())))?;
            Index::from_saved(saved, sifter).map_err(|e| Fatal(format!("{}: {e}", f.display())))?
        }
        None => Index::new(sifter)?,
    };
    let mut out = Output::open(output.output_dir.as_deref(), "added.jsonl", output.compress)?;
    for_each_chunk(input, INDEX_CHUNK_DOCS, tally, |docs, origins, tally| {
        let results = index.add_all(docs);
        for ((d, origin), r) in docs.iter().zip(origins).zip(&results) {
            let id = d.as_document().id();
            let line = match r {
                Ok(a) => AddedLine {
                    id,
                    origin,
                    story: Some(a.story()),
                    new_story: Some(a.is_new_story()),
                    merged: a.merged(),
                    new_paragraphs: Some(a.new_paragraphs().collect()),
                    known: Some(a.known()),
                    error: None,
                },
                Err(e) => {
                    report(e, origin, tally);
                    AddedLine {
                        id,
                        origin,
                        story: None,
                        new_story: None,
                        merged: &[],
                        new_paragraphs: None,
                        known: None,
                        error: Some(e),
                    }
                }
            };
            serde_json::to_writer(&mut out, &line)?;
            out.write_all(b"\n")?;
        }
        Ok(())
    })?;
    out.finish()?;
    tally.extra = format!(
        ", {} paragraphs indexed, index heap {:.0} MB",
        index.paragraphs(),
        index.heap_bytes() as f64 / 1e6
    );
    if let Some(f) = file {
        output::save_atomically(f, |w| Ok(serde_json::to_writer(w, &index)?))
            .map_err(|e| Fatal(format!("cannot save the index to {}: {e}", f.display())))?;
    }
    Ok(())
}

fn pairs(input: &InputArgs, output: &OutputArgs, tally: &mut Tally) -> Result<(), Fatal> {
    let sifter = sifter(input.max_document_bytes, |_| {})?;
    let mut cleaned: Vec<(String, Vec<String>)> = Vec::new();
    for_each_chunk(input, CHUNK_DOCS, tally, |docs, origins, tally| {
        let c: Vec<_> = docs.par_iter().map(|d| sifter.clean(d)).collect();
        for ((d, origin), c) in docs.iter().zip(origins).zip(c) {
            match c {
                Ok(c) => cleaned.push((d.as_document().id().to_owned(), c.into_paragraphs())),
                Err(e) => report(&e, origin, tally),
            }
        }
        Ok(())
    })?;
    let view: Vec<(&str, &[String])> = cleaned
        .iter()
        .map(|(id, p)| (id.as_str(), p.as_slice()))
        .collect();
    let found = sifter.near_duplicates(&view)?;
    let mut out = Output::open(output.output_dir.as_deref(), "pairs.jsonl", output.compress)?;
    for p in &found {
        serde_json::to_writer(&mut out, p)?;
        out.write_all(b"\n")?;
    }
    out.finish()?;
    Ok(())
}

/// `pairs --gold CORPUS/truth.json`: pairs over a labelled corpus's gold
/// paragraphs, as the pair scorer reads them: `[[[doc, i], [doc, j]], …]`.
fn pairs_gold(truth: &PathBuf, output: &OutputArgs) -> Result<(), Fatal> {
    let text =
        std::fs::read_to_string(truth).map_err(|e| Fatal(format!("{}: {e}", truth.display())))?;
    let parsed: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| Fatal(format!("{}: not JSON: {e}", truth.display())))?;
    let documents = parsed
        .get("documents")
        .and_then(|d| d.as_object())
        .ok_or_else(|| Fatal(format!("{}: no \"documents\" object", truth.display())))?;
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
    let found = Sifter::new().near_duplicates(&docs)?;
    let list: Vec<_> = found
        .iter()
        .map(|p| {
            serde_json::json!([
                [p.a().document, p.a().paragraph],
                [p.b().document, p.b().paragraph]
            ])
        })
        .collect();
    let mut out = Output::open(output.output_dir.as_deref(), "pairs.json", output.compress)?;
    serde_json::to_writer(&mut out, &list)?;
    out.write_all(b"\n")?;
    out.finish()?;
    Ok(())
}
