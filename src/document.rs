//! Input documents.

/// How a document's body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// A plain-text scrape: paragraphs on lines or separated by blank lines.
    Text,
    /// An HTML page.
    Html,
}

/// One input document: an id, an optional outlet name and a body.
///
/// A `Document` borrows its strings; build one per crawled page and pass a
/// slice of them to [`Sifter::sift`](crate::Sifter::sift).
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
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Document<'a> {
    id: &'a str,
    outlet: Option<&'a str>,
    format: Format,
    body: &'a str,
}

impl<'a> Document<'a> {
    /// A document with the given id, format and body.
    pub fn new(id: &'a str, format: Format, body: &'a str) -> Self {
        Document {
            id,
            outlet: None,
            format,
            body,
        }
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
    pub fn body(&self) -> &'a str {
        self.body
    }
}
