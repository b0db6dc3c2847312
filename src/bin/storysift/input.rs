//! Inputs: files, folders, JSONL and WARC (plain, gzip, zstd) and standard
//! input, read lazily as a stream of documents and of bad inputs with
//! where they are.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use storysift::{DocumentBuf, Format};

use crate::http;

/// One thing read from the inputs.
pub enum Event {
    /// A document, with where it came from (`file`, `file:line`,
    /// `file#record`).
    Doc { doc: DocumentBuf, origin: String },
    /// An input that could not be read or parsed; the rest goes on.
    Bad { origin: String, message: String },
    /// An input skipped on purpose (a WARC request record, an image
    /// response): counted, not an error.
    Skipped,
}

/// How standard input is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StdinFormat {
    /// One JSON document per line.
    Jsonl,
    /// WARC records (gzip or zstd compression is detected).
    Warc,
    /// One HTML page.
    Html,
    /// One plain-text document.
    Text,
}

/// What kind of container a file is, from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Jsonl,
    Warc,
    Page(Option<Format>),
}

/// Settings of the reader.
#[derive(Debug, Clone)]
pub struct Options {
    pub stdin: StdinFormat,
    /// Format of single pages whose name does not say (None: sniff).
    pub format: Option<Format>,
    /// Largest body kept; larger ones are reported and skipped unread.
    pub max_bytes: usize,
    /// Name files found in folders by their path under the folder
    /// (`sub/page`) instead of their stem (`page`).
    pub path_ids: bool,
}

/// A lazy stream of [`Event`]s over the inputs, in order: the arguments
/// as given, a folder's files sorted by path.
pub struct Reader {
    opts: Options,
    /// Paths still to open (folders expanded lazily), with the folder
    /// given on the command line they were found under.
    pending: VecDeque<(PathBuf, Option<PathBuf>)>,
    current: Option<Box<dyn Iterator<Item = Event> + Send>>,
    /// Bytes of input read so far (compressed sizes for compressed files).
    pub bytes: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl Reader {
    pub fn new(inputs: &[PathBuf], opts: Options) -> Reader {
        Reader {
            opts,
            pending: inputs.iter().map(|p| (p.clone(), None)).collect(),
            current: None,
            bytes: Default::default(),
        }
    }

    /// Opens the next path: a file becomes the current source; a folder
    /// puts its entries first in line.
    fn open_next(&mut self) -> bool {
        let Some((path, root)) = self.pending.pop_front() else {
            return false;
        };
        let origin = path.display().to_string();
        if path.as_os_str() == "-" {
            self.current = Some(self.stdin());
            return true;
        }
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => {
                self.current = Some(bad(origin, e));
                return true;
            }
        };
        if meta.is_dir() {
            match std::fs::read_dir(&path) {
                Ok(entries) => {
                    let mut found: Vec<PathBuf> =
                        entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
                    found.sort();
                    let root = root.unwrap_or_else(|| path.clone());
                    for p in found.into_iter().rev() {
                        // Inside folders only names that say what they are
                        // are read (a corpus folder holds a README and a
                        // truth file too).
                        if p.is_dir() || kind_of(&p).is_some_and(|k| k != Kind::Page(None)) {
                            self.pending.push_front((p, Some(root.clone())));
                        }
                    }
                }
                Err(e) => self.current = Some(bad(origin, e)),
            }
            return true;
        }
        let kind = kind_of(&path).unwrap_or(Kind::Page(None));
        let id = match &root {
            Some(root) if self.opts.path_ids => id_under(&path, root),
            _ => stem(&path),
        };
        self.current = Some(self.file(path, origin, kind, id, meta.len()));
        true
    }

    fn stdin(&mut self) -> Box<dyn Iterator<Item = Event> + Send> {
        let raw: Box<dyn Read + Send> = Box::new(Counted::new(io::stdin(), self.bytes.clone()));
        let origin = "<stdin>".to_owned();
        let reader = match decompress(raw) {
            Ok(r) => r,
            Err(e) => return bad(origin, e),
        };
        match self.opts.stdin {
            StdinFormat::Jsonl => Box::new(jsonl(reader, origin, self.opts.max_bytes)),
            StdinFormat::Warc => Box::new(warc(reader, origin, self.opts.max_bytes)),
            StdinFormat::Html => page(
                reader,
                origin,
                "stdin".into(),
                Some(Format::Html),
                &self.opts,
            ),
            StdinFormat::Text => page(
                reader,
                origin,
                "stdin".into(),
                Some(Format::Text),
                &self.opts,
            ),
        }
    }

    fn file(
        &mut self,
        path: PathBuf,
        origin: String,
        kind: Kind,
        id: String,
        len: u64,
    ) -> Box<dyn Iterator<Item = Event> + Send> {
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => return bad(origin, e),
        };
        if matches!(kind, Kind::Page(_))
            && !is_compressed(&path)
            && len > self.opts.max_bytes as u64
        {
            return one(Event::Bad {
                origin,
                message: format!("{len} bytes, over the limit of {}", self.opts.max_bytes),
            });
        }
        let raw: Box<dyn Read + Send> = Box::new(Counted::new(file, self.bytes.clone()));
        let reader = match decompress(raw) {
            Ok(r) => r,
            Err(e) => return bad(origin, e),
        };
        match kind {
            Kind::Jsonl => Box::new(jsonl(reader, origin, self.opts.max_bytes)),
            Kind::Warc => Box::new(warc(reader, origin, self.opts.max_bytes)),
            Kind::Page(format) => page(reader, origin, id, format.or(self.opts.format), &self.opts),
        }
    }
}

impl Iterator for Reader {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(e) = cur.next() {
                    return Some(e);
                }
                self.current = None;
            }
            if !self.open_next() {
                return None;
            }
        }
    }
}

fn one(e: Event) -> Box<dyn Iterator<Item = Event> + Send> {
    Box::new(std::iter::once(e))
}

/// An input that could not be opened or read, as the only event of its source.
fn bad(origin: String, e: impl std::fmt::Display) -> Box<dyn Iterator<Item = Event> + Send> {
    one(Event::Bad {
        origin,
        message: e.to_string(),
    })
}

/// A reader that adds what it reads to a shared counter (for MB/s).
struct Counted<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R> Counted<R> {
    fn new(inner: R, count: std::sync::Arc<std::sync::atomic::AtomicU64>) -> Self {
        Counted { inner, count }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// The name without compression suffix says the kind; `None` for names
/// that say nothing (such a file given by name is sniffed as a page).
fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .or_else(|| name.strip_suffix(".zstd"))
        .unwrap_or(&name);
    let ext = name.rsplit_once('.').map(|(_, e)| e)?;
    Some(match ext {
        "jsonl" | "ndjson" => Kind::Jsonl,
        "warc" => Kind::Warc,
        "md" => return None,
        e => Kind::Page(Some(Format::from_extension(e)?)),
    })
}

fn is_compressed(path: &Path) -> bool {
    let n = path.to_string_lossy().to_ascii_lowercase();
    n.ends_with(".gz") || n.ends_with(".zst") || n.ends_with(".zstd")
}

/// The file name without its extensions (`a.html.gz` -> `a`).
fn stem(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    strip_extensions(&name)
}

fn strip_extensions(name: &str) -> String {
    let mut n = name;
    for _ in 0..2 {
        match n.rsplit_once('.') {
            Some((base, ext)) if !base.is_empty() && ext.len() <= 6 => n = base,
            _ => break,
        }
    }
    n.to_owned()
}

/// The id of a file found under a folder given on the command line: its
/// path under that folder without extensions (`sub/a`; a flat folder's
/// files get their stems).
fn id_under(path: &Path, root: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let parent = rel.parent().map(|p| p.to_string_lossy().replace('\\', "/"));
    let s = stem(rel);
    match parent {
        Some(p) if !p.is_empty() => format!("{p}/{s}"),
        _ => s,
    }
}

/// Gzip and zstd are recognised by their magic bytes, whatever the name.
fn decompress(raw: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buf = BufReader::with_capacity(1 << 16, raw);
    let head = buf.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buf),
        ))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(buf)?,
        ))
    } else {
        Box::new(buf)
    })
}

/// A single page: the whole stream, up to the size limit.
fn page(
    reader: Box<dyn BufRead + Send>,
    origin: String,
    id: String,
    format: Option<Format>,
    opts: &Options,
) -> Box<dyn Iterator<Item = Event> + Send> {
    let mut body = Vec::new();
    let limit = opts.max_bytes as u64;
    if let Err(e) = reader.take(limit + 1).read_to_end(&mut body) {
        return bad(origin, e);
    }
    if body.len() as u64 > limit {
        return one(Event::Bad {
            origin,
            message: format!("over the limit of {} bytes", opts.max_bytes),
        });
    }
    let format = format.unwrap_or_else(|| Format::sniff(&body));
    one(Event::Doc {
        doc: DocumentBuf::from_bytes(id, format, body),
        origin,
    })
}

/// Reads one line of at most `max` bytes into `buf` (without the newline).
/// `Ok(false)` at the end; a longer line is consumed and reported as
/// `Err(InvalidData)`.
fn bounded_line(r: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<bool> {
    buf.clear();
    let mut too_long = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            if too_long {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
            }
            return Ok(!buf.is_empty());
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if !too_long {
            let keep = if done { take - 1 } else { take };
            if buf.len() + keep > max {
                too_long = true;
                buf.clear();
            } else {
                buf.extend_from_slice(&chunk[..keep]);
            }
        }
        r.consume(take);
        if done {
            if too_long {
                return Err(io::Error::new(io::ErrorKind::InvalidData, "line too long"));
            }
            return Ok(true);
        }
    }
}

/// JSONL: one document per line. Fields: `id` (string or number; else
/// `url`; else the line's place), the body in `html` (HTML), `text`
/// (text), or `content`/`body` with `format` (`html`/`text`, any case;
/// sniffed when absent), and optionally `outlet` (or `site`, `source`),
/// `charset` (or `content_type`). Blank lines are skipped.
pub(crate) fn jsonl(
    mut reader: Box<dyn BufRead + Send>,
    origin: String,
    max_bytes: usize,
) -> impl Iterator<Item = Event> + Send + use<> {
    // Escapes can double a body's size in JSON; the rest is fields.
    let max_line = max_bytes.saturating_mul(2).saturating_add(1 << 16);
    let mut line_no = 0usize;
    let mut buf = Vec::new();
    let mut done = false;
    std::iter::from_fn(move || {
        while !done {
            line_no += 1;
            let at = format!("{origin}:{line_no}");
            match bounded_line(&mut *reader, &mut buf, max_line) {
                Ok(false) => done = true,
                Ok(true) if buf.iter().all(u8::is_ascii_whitespace) => {}
                Ok(true) => return Some(parse_line(&buf, at)),
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    return Some(Event::Bad {
                        origin: at,
                        message: format!("line over {max_line} bytes"),
                    });
                }
                Err(e) => {
                    done = true;
                    return Some(Event::Bad {
                        origin: at,
                        message: e.to_string(),
                    });
                }
            }
        }
        None
    })
}

fn parse_line(line: &[u8], at: String) -> Event {
    let bad = |message: String| Event::Bad {
        origin: at.clone(),
        message,
    };
    let v: serde_json::Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return bad(format!("not JSON: {e}")),
    };
    let Some(obj) = v.as_object() else {
        return bad("not a JSON object".into());
    };
    let text_of = |k: &str| obj.get(k).and_then(|v| v.as_str());
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => match text_of("url") {
            Some(u) => u.to_owned(),
            None => at.clone(),
        },
    };
    let declared = match text_of("format") {
        Some(f) => match f.parse::<Format>() {
            Ok(f) => Some(f),
            Err(e) => return bad(e.to_string()),
        },
        None => None,
    };
    let (format, body) = if let Some(h) = text_of("html") {
        (Format::Html, h)
    } else if let Some(t) = text_of("text") {
        (Format::Text, t)
    } else if let Some(c) = text_of("content").or_else(|| text_of("body")) {
        (declared.unwrap_or_else(|| Format::sniff(c.as_bytes())), c)
    } else {
        return bad("no body: expected a string field html, text, content or body".into());
    };
    let mut doc = DocumentBuf::new(id, format, body);
    if let Some(o) = text_of("outlet")
        .or_else(|| text_of("site"))
        .or_else(|| text_of("source"))
    {
        doc = doc.outlet(o);
    }
    Event::Doc { doc, origin: at }
}

/// WARC: `response` records holding an HTTP response with an HTML or text
/// body (the record's target URI is the id, the HTTP `Content-Type`
/// charset goes to the decoder, chunked transfer and gzip/deflate content
/// encodings are undone), and `resource` records of those types. Other
/// records are skipped.
fn warc(
    reader: Box<dyn BufRead + Send>,
    origin: String,
    max_bytes: usize,
) -> impl Iterator<Item = Event> + Send + use<> {
    // The crate's streaming reader borrows the reader it owns, so it runs
    // on a thread of its own and hands records over a channel. A record's
    // body is read up to the size limit; the rest is skipped unread (so a
    // record declaring a huge length costs nothing).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Event>(64);
    std::thread::spawn(move || {
        let mut warc = warc::WarcReader::new(reader);
        let mut records = warc.stream_records();
        let mut n = 0usize;
        while let Some(item) = records.next_item() {
            n += 1;
            let at = format!("{origin}#{n}");
            let (event, stop) = match item {
                // The stream is out of step after a bad record.
                Err(e) => (
                    Event::Bad {
                        origin: at,
                        message: format!("bad WARC record, rest of the file skipped: {e}"),
                    },
                    true,
                ),
                Ok(record) => record_event(record, at, max_bytes),
            };
            if tx.send(event).is_err() || stop {
                return;
            }
        }
    });
    rx.into_iter()
}

/// One WARC record as an event; `true` when the stream cannot go on.
fn record_event<R: Read>(
    mut record: warc::Record<warc::StreamingBody<'_, R>>,
    at: String,
    max_bytes: usize,
) -> (Event, bool) {
    let kind = record.warc_type().to_string();
    let uri = record
        .header(warc::WarcHeader::TargetURI)
        .map(|u| u.into_owned());
    let record_type = record
        .header(warc::WarcHeader::ContentType)
        .map(|u| u.into_owned())
        .unwrap_or_default();
    let is_http = record_type.to_ascii_lowercase().contains("http");
    if !(kind == "resource" || kind == "response" && is_http) {
        return (Event::Skipped, false);
    }
    // HTTP headers, then the largest body kept, and one byte to notice more.
    let cap = max_bytes as u64 + (1 << 16) + 1;
    let mut block = Vec::new();
    if let Err(e) = (&mut record).take(cap).read_to_end(&mut block) {
        let message = format!("cannot read the record: {e}");
        return (
            Event::Bad {
                origin: at,
                message,
            },
            true,
        );
    }
    let id = uri.unwrap_or_else(|| at.clone());
    let (content_type, body) = if kind == "response" {
        match http::response_body(block, max_bytes) {
            Ok(x) => x,
            Err(message) => {
                let origin = format!("{at} ({id})");
                return (Event::Bad { origin, message }, false);
            }
        }
    } else {
        (record_type, block)
    };
    let Some(format) = http::format_of(&content_type) else {
        return (Event::Skipped, false);
    };
    if body.len() > max_bytes {
        let origin = format!("{at} ({id})");
        let message = format!("body over the limit of {max_bytes} bytes");
        return (Event::Bad { origin, message }, false);
    }
    let mut doc = DocumentBuf::from_bytes(id, format, body);
    if content_type.to_ascii_lowercase().contains("charset") {
        doc = doc.charset(content_type);
    }
    (Event::Doc { doc, origin: at }, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        assert_eq!(kind_of(Path::new("a/b.JSONL.gz")), Some(Kind::Jsonl));
        assert_eq!(kind_of(Path::new("crawl.warc.zst")), Some(Kind::Warc));
        assert_eq!(
            kind_of(Path::new("p.htm")),
            Some(Kind::Page(Some(Format::Html)))
        );
        assert_eq!(kind_of(Path::new("README.md")), None);
        assert_eq!(kind_of(Path::new("truth.json")), None);
        assert_eq!(stem(Path::new("dir/a.html.gz")), "a");
        assert_eq!(stem(Path::new("s01-d1.txt")), "s01-d1");
        assert_eq!(id_under(Path::new("c/sub/x.txt"), Path::new("c")), "sub/x");
        assert_eq!(id_under(Path::new("c/x.txt"), Path::new("c")), "x");
    }

    #[test]
    fn lines_are_bounded() {
        let mut r: Box<dyn BufRead + Send> = Box::new(&b"short\nway too long a line\nok\nlast"[..]);
        let mut buf = Vec::new();
        assert!(bounded_line(&mut *r, &mut buf, 8).unwrap());
        assert_eq!(buf, b"short");
        assert!(bounded_line(&mut *r, &mut buf, 8).is_err());
        assert!(bounded_line(&mut *r, &mut buf, 8).unwrap());
        assert_eq!(buf, b"ok");
        assert!(bounded_line(&mut *r, &mut buf, 8).unwrap());
        assert_eq!(buf, b"last");
        assert!(!bounded_line(&mut *r, &mut buf, 8).unwrap());
    }
}
