//! Input documents: borrowed ([`Document`]) and owned ([`DocumentBuf`]).

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::error::{Error, Result};

/// How a document's body is encoded.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Format};
///
/// assert_eq!(Document::html("p", "<p>x</p>").format(), Format::Html);
/// assert_eq!(Format::Html.to_string(), "html");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize, serde::Deserialize),
    serde(rename_all = "lowercase")
)]
#[non_exhaustive]
pub enum Format {
    /// A plain-text scrape: paragraphs on lines or separated by blank lines.
    Text,
    /// An HTML page.
    Html,
}

impl Format {
    /// The format a file name's extension says, case-insensitive: `html`,
    /// `htm`, `xhtml`, `shtml` are HTML; `txt`, `text`, `md` are text. `None`
    /// for any other extension (then [`sniff`](Format::sniff) the bytes).
    ///
    /// ```
    /// use storysift::Format;
    ///
    /// assert_eq!(Format::from_extension("HTM"), Some(Format::Html));
    /// assert_eq!(Format::from_extension("txt"), Some(Format::Text));
    /// assert_eq!(Format::from_extension("pdf"), None);
    /// ```
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.trim_start_matches('.');
        const HTML: [&str; 4] = ["html", "htm", "xhtml", "shtml"];
        const TEXT: [&str; 3] = ["txt", "text", "md"];
        if HTML.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
            Some(Format::Html)
        } else if TEXT.iter().any(|e| e.eq_ignore_ascii_case(ext)) {
            Some(Format::Text)
        } else {
            None
        }
    }

    /// The format the bytes look like: HTML when, after a byte-order mark,
    /// white space and comments, they open with a doctype, an `<html>`,
    /// `<head>` or `<body>` tag or an XML declaration, or when their first
    /// 4 KiB hold at least three block tags (`<p>`, `<div>`, `<br>`,
    /// `<article>`…, any case); text otherwise. Linear in at most 4 KiB.
    ///
    /// ```
    /// use storysift::Format;
    ///
    /// assert_eq!(Format::sniff(b"\xEF\xBB\xBF  <!DOCTYPE html><title>x</title>"), Format::Html);
    /// assert_eq!(Format::sniff(b"<div>a</div><p>b</p><p>c</p>"), Format::Html);
    /// assert_eq!(Format::sniff(b"Storm hits coast\n\nThe storm hit <3 towns."), Format::Text);
    /// ```
    pub fn sniff(bytes: &[u8]) -> Format {
        let head = &bytes[..bytes.len().min(4096)];
        let mut b = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        loop {
            let trimmed = b.trim_ascii_start();
            if let Some(rest) = trimmed.strip_prefix(b"<!--") {
                match rest.windows(3).position(|w| w == b"-->") {
                    Some(end) => b = &rest[end + 3..],
                    None => return Format::Html,
                }
            } else {
                b = trimmed;
                break;
            }
        }
        let lower: Vec<u8> = b.iter().take(64).map(u8::to_ascii_lowercase).collect();
        const OPENERS: [&[u8]; 5] = [b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml"];
        if OPENERS.iter().any(|o| lower.starts_with(o)) {
            return Format::Html;
        }
        const BLOCKS: [&[u8]; 8] = [
            b"p>", b"p ", b"div", b"br", b"article", b"section", b"li>", b"table",
        ];
        let mut tags = 0;
        for (i, _) in head.iter().enumerate().filter(|&(_, &c)| c == b'<') {
            let rest = &head[i + 1..];
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            let is_block = BLOCKS
                .iter()
                .any(|t| rest.len() >= t.len() && rest[..t.len()].eq_ignore_ascii_case(t));
            tags += usize::from(is_block);
            if tags >= 3 {
                return Format::Html;
            }
        }
        Format::Text
    }

    /// The format's name: `"html"` or `"text"`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A format name that is neither HTML nor text.
///
/// ```
/// let err = "pdf".parse::<storysift::Format>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown format \"pdf\": expected html or text");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format {0:?}: expected html or text")]
pub struct ParseFormatError(String);

impl FromStr for Format {
    type Err = ParseFormatError;

    /// `"html"`, `"htm"`, `"text/html"` are HTML; `"text"`, `"txt"`,
    /// `"plain"`, `"text/plain"` are text; any case.
    ///
    /// ```
    /// use storysift::Format;
    ///
    /// assert_eq!("HTML".parse(), Ok(Format::Html));
    /// assert_eq!("text/plain".parse(), Ok(Format::Text));
    /// assert!("pdf".parse::<Format>().is_err());
    /// ```
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let t = s.trim();
        let is = |names: &[&str]| names.iter().any(|n| n.eq_ignore_ascii_case(t));
        if is(&["html", "htm", "xhtml", "text/html", "application/xhtml+xml"]) {
            Ok(Format::Html)
        } else if is(&["text", "txt", "plain", "text/plain"]) {
            Ok(Format::Text)
        } else {
            Err(ParseFormatError(t.chars().take(40).collect()))
        }
    }
}

/// A document's raw body: text, or bytes still to be decoded.
///
/// # Examples
///
/// ```
/// use storysift::{Body, Document};
///
/// assert_eq!(Document::text("t", "hello").body(), Body::Str("hello"));
/// let fetched = Document::html_bytes("p", b"<p>hi</p>");
/// assert!(matches!(fetched.body(), Body::Bytes(b) if b.len() == 9));
/// assert_eq!(fetched.body().len(), 9);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Body<'a> {
    /// Already-decoded text.
    Str(&'a str),
    /// Raw bytes as fetched; decoded with [`decode`](crate::decode) when the
    /// document is cleaned.
    Bytes(&'a [u8]),
}

impl Body<'_> {
    /// The body's size in bytes.
    pub fn len(&self) -> usize {
        match self {
            Body::Str(s) => s.len(),
            Body::Bytes(b) => b.len(),
        }
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One input document: an id, an optional outlet name and a body.
///
/// A `Document` borrows its strings; build one per crawled page and pass a
/// slice of them to [`Sifter::sift`](crate::Sifter::sift). A body can be
/// text ([`Document::html`], [`Document::text`]) or raw bytes as a crawler
/// fetched them ([`Document::html_bytes`], [`Document::text_bytes`]), with
/// the charset from the HTTP header if there was one
/// ([`Document::charset`]); see [`decode`](crate::decode) for how bytes
/// are decoded.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Format};
///
/// let doc = Document::text("a1", "Hello world.").outlet("Daily Example");
/// assert_eq!(doc.id(), "a1");
/// assert_eq!(doc.format(), Format::Text);
/// assert_eq!(doc.outlet_name(), Some("Daily Example"));
///
/// // Bytes as fetched, with the header's charset.
/// let fetched: &[u8] = b"<p>Caf\xe9 owners said the rent had doubled since the spring.</p>";
/// let doc = Document::html_bytes("a2", fetched).charset("text/html; charset=ISO-8859-1");
/// let clean = storysift::clean(&doc)?;
/// assert_eq!(clean.paragraphs(), ["Café owners said the rent had doubled since the spring."]);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Document<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    format: Format,
    body: Body<'a>,
    charset: Option<&'a str>,
}

impl<'a> Document<'a> {
    /// A document with the given id, format and body.
    pub fn new(id: &'a str, format: Format, body: &'a str) -> Self {
        Document {
            id,
            outlet: None,
            format,
            body: Body::Str(body),
            charset: None,
        }
    }

    /// A document with the given id and format whose body is raw bytes,
    /// decoded when the document is cleaned (see [`decode`](crate::decode)).
    pub fn from_bytes(id: &'a str, format: Format, body: &'a [u8]) -> Self {
        Document {
            id,
            outlet: None,
            format,
            body: Body::Bytes(body),
            charset: None,
        }
    }

    /// An HTML page as fetched: raw bytes in whatever charset it declares.
    pub fn html_bytes(id: &'a str, body: &'a [u8]) -> Self {
        Self::from_bytes(id, Format::Html, body)
    }

    /// A plain-text scrape as raw bytes.
    pub fn text_bytes(id: &'a str, body: &'a [u8]) -> Self {
        Self::from_bytes(id, Format::Text, body)
    }

    /// Sets the charset the transport declared for a byte body: a label
    /// (`"ISO-8859-1"`) or a whole `Content-Type` value
    /// (`"text/html; charset=ISO-8859-1"`). It outranks the page's own
    /// `<meta>` declaration, as in a browser. Ignored for text bodies.
    #[must_use]
    pub fn charset(mut self, charset: &'a str) -> Self {
        self.charset = Some(charset);
        self
    }

    /// A plain-text document.
    pub fn text(id: &'a str, body: &'a str) -> Self {
        Self::new(id, Format::Text, body)
    }

    /// An HTML document.
    pub fn html(id: &'a str, body: &'a str) -> Self {
        Self::new(id, Format::Html, body)
    }

    /// Sets the outlet (site) that published the document.
    #[must_use]
    pub fn outlet(mut self, outlet: &'a str) -> Self {
        self.outlet = Some(outlet);
        self
    }

    /// The document's id, unique within a batch.
    pub fn id(&self) -> &'a str {
        self.id
    }

    /// The outlet, if one was set.
    pub fn outlet_name(&self) -> Option<&'a str> {
        self.outlet
    }

    /// The body's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The raw body.
    pub fn body(&self) -> Body<'a> {
        self.body
    }

    /// The transport charset, if one was set.
    pub fn charset_label(&self) -> Option<&'a str> {
        self.charset
    }

    /// The body as text: borrowed when it already is text (or valid UTF-8
    /// bytes), decoded otherwise.
    pub fn decoded_body(&self) -> std::borrow::Cow<'a, str> {
        match self.body {
            Body::Str(s) => std::borrow::Cow::Borrowed(s),
            Body::Bytes(b) => crate::decode(b, self.format, self.charset).into_text(),
        }
    }
}

/// Anything a [`Sifter`](crate::Sifter) takes as a document: a borrowed
/// [`Document`], an owned [`DocumentBuf`], or a reference to either.
///
/// # Examples
///
/// ```
/// use storysift::{AsDocument, Document, DocumentBuf};
///
/// fn ids<D: AsDocument>(docs: &[D]) -> Vec<String> {
///     docs.iter().map(|d| d.as_document().id().to_owned()).collect()
/// }
/// assert_eq!(ids(&[Document::text("a", "x")]), ["a"]);
/// assert_eq!(ids(&[DocumentBuf::text("b", "y")]), ["b"]);
/// ```
pub trait AsDocument {
    /// The document, borrowed.
    fn as_document(&self) -> Document<'_>;
}

impl AsDocument for Document<'_> {
    fn as_document(&self) -> Document<'_> {
        *self
    }
}

impl AsDocument for DocumentBuf {
    fn as_document(&self) -> Document<'_> {
        DocumentBuf::as_document(self)
    }
}

impl<T: AsDocument + ?Sized> AsDocument for &T {
    fn as_document(&self) -> Document<'_> {
        (**self).as_document()
    }
}

/// An owned body: text or bytes as fetched.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum BodyBuf {
    Str(String),
    Bytes(Vec<u8>),
}

/// An owned document: what a crawler or a file gives, kept with the
/// batch or the struct that holds it. Borrow it as a [`Document`] with
/// [`as_document`](DocumentBuf::as_document); every method of a
/// [`Sifter`](crate::Sifter) takes either.
///
/// # Examples
///
/// ```
/// use storysift::{DocumentBuf, Format, Sifter};
///
/// let docs: Vec<DocumentBuf> = (0..3)
///     .map(|i| DocumentBuf::text(format!("doc-{i}"), format!("Report number {i} on the storm.")))
///     .collect();
/// let out = Sifter::new().sift(&docs)?;
/// assert_eq!(out.documents().len(), 3);
///
/// let page = DocumentBuf::from_bytes("p", Format::Html, b"<p>Caf\xe9 rents doubled.</p>".to_vec())
///     .charset("windows-1252")
///     .outlet("Example Times");
/// assert_eq!(storysift::clean(&page)?.paragraphs(), ["Café rents doubled."]);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DocumentBuf {
    id: String,
    outlet: Option<String>,
    format: Format,
    body: BodyBuf,
    charset: Option<String>,
}

impl DocumentBuf {
    /// A document with the given id, format and text body.
    pub fn new(id: impl Into<String>, format: Format, body: impl Into<String>) -> Self {
        DocumentBuf {
            id: id.into(),
            outlet: None,
            format,
            body: BodyBuf::Str(body.into()),
            charset: None,
        }
    }

    /// A plain-text document.
    pub fn text(id: impl Into<String>, body: impl Into<String>) -> Self {
        Self::new(id, Format::Text, body)
    }

    /// An HTML document.
    pub fn html(id: impl Into<String>, body: impl Into<String>) -> Self {
        Self::new(id, Format::Html, body)
    }

    /// A document whose body is raw bytes, decoded when it is cleaned (see
    /// [`decode`](crate::decode)).
    pub fn from_bytes(id: impl Into<String>, format: Format, body: impl Into<Vec<u8>>) -> Self {
        DocumentBuf {
            id: id.into(),
            outlet: None,
            format,
            body: BodyBuf::Bytes(body.into()),
            charset: None,
        }
    }

    /// Reads a file as a document: its path (as given, lossily UTF-8) is
    /// the id, its extension the format ([`Format::from_extension`]), or
    /// for other extensions what its bytes look like ([`Format::sniff`]).
    /// The bytes are decoded when the document is cleaned, by the page's
    /// own charset declaration or by sniffing.
    ///
    /// The whole file is read; check its size first if it may be huge (a
    /// [`Sifter`](crate::Sifter) refuses documents over its
    /// [`max_document_bytes`](crate::SifterBuilder::max_document_bytes)
    /// anyway).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when the file cannot be read.
    ///
    /// ```
    /// # fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use storysift::{DocumentBuf, Format};
    ///
    /// let dir = std::env::temp_dir().join(format!("storysift-doc-{}", std::process::id()));
    /// std::fs::create_dir_all(&dir)?;
    /// let path = dir.join("page.HTML");
    /// std::fs::write(&path, "<p>The storm hit the coast on Monday, officials said.</p>")?;
    /// let doc = DocumentBuf::from_path(&path)?;
    /// assert_eq!(doc.format(), Format::Html);
    /// assert_eq!(storysift::clean(&doc)?.paragraphs().len(), 1);
    /// assert!(DocumentBuf::from_path(dir.join("missing.txt")).is_err());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok(())
    /// # }
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let id = path.to_string_lossy().into_owned();
        let bytes = std::fs::read(path).map_err(|e| Error::Io {
            path: id.clone(),
            kind: e.kind(),
            message: e.to_string(),
        })?;
        let format = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .unwrap_or_else(|| Format::sniff(&bytes));
        Ok(Self::from_bytes(id, format, bytes))
    }

    /// Sets the outlet (site) that published the document.
    #[must_use]
    pub fn outlet(mut self, outlet: impl Into<String>) -> Self {
        self.outlet = Some(outlet.into());
        self
    }

    /// Sets the charset the transport declared for a byte body (see
    /// [`Document::charset`]).
    #[must_use]
    pub fn charset(mut self, charset: impl Into<String>) -> Self {
        self.charset = Some(charset.into());
        self
    }

    /// Replaces the id (e.g. a crawl's URL for a file's path).
    #[must_use]
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = id.into();
        self
    }

    /// The body's format.
    pub fn format(&self) -> Format {
        self.format
    }

    /// The document, borrowed.
    pub fn as_document(&self) -> Document<'_> {
        Document {
            id: &self.id,
            outlet: self.outlet.as_deref(),
            format: self.format,
            body: match &self.body {
                BodyBuf::Str(s) => Body::Str(s),
                BodyBuf::Bytes(b) => Body::Bytes(b),
            },
            charset: self.charset.as_deref(),
        }
    }
}

impl From<Document<'_>> for DocumentBuf {
    fn from(d: Document<'_>) -> Self {
        DocumentBuf {
            id: d.id.to_owned(),
            outlet: d.outlet.map(str::to_owned),
            format: d.format,
            body: match d.body {
                Body::Str(s) => BodyBuf::Str(s.to_owned()),
                Body::Bytes(b) => BodyBuf::Bytes(b.to_vec()),
            },
            charset: d.charset.map(str::to_owned),
        }
    }
}

impl<'a> From<&'a DocumentBuf> for Document<'a> {
    fn from(d: &'a DocumentBuf) -> Self {
        d.as_document()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_pages_and_text() {
        for html in [
            &b"<html><body>x</body></html>"[..],
            b"\n\n  <!-- saved page --> <!DOCTYPE HTML PUBLIC>",
            b"<?xml version='1.0'?><html xmlns='x'>",
            b"<HEAD><TITLE>x</TITLE>",
            b"Some preamble <P>one<P>two<BR>three",
            b"<!-- never closed",
        ] {
            assert_eq!(
                Format::sniff(html),
                Format::Html,
                "{:?}",
                String::from_utf8_lossy(html)
            );
        }
        for text in [
            &b""[..],
            b"Title\n\nA paragraph that mentions <b>bold</b> once.",
            b"if a < b and c > d then <p> is a tag name",
            b"\xff\xfe binary-ish",
        ] {
            assert_eq!(
                Format::sniff(text),
                Format::Text,
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn owned_and_borrowed_round_trip() {
        let d = Document::html_bytes("a", b"<p>x</p>")
            .outlet("O")
            .charset("utf-8");
        let buf = DocumentBuf::from(d);
        assert_eq!(buf.as_document(), d);
        assert_eq!(Document::from(&buf), d);
        assert_eq!(AsDocument::as_document(&&buf), d);
    }
}
