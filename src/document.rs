//! Input documents.

/// How a document's body is encoded.
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

/// A document's raw body: text, or bytes still to be decoded.
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
