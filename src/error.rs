//! The crate's one error type.

/// A specialised `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// What can go wrong when configuring a [`Sifter`](crate::Sifter) or calling it.
///
/// Errors come from configuration and from the shape of a batch (duplicate ids,
/// documents over a configured size limit), never from messy content: a
/// malformed page or an empty text cleans to zero paragraphs instead.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Error, Sifter};
///
/// let e = Sifter::builder().shingle_words(0).build().unwrap_err();
/// assert!(matches!(e, Error::InvalidConfig { knob: "shingle_words", .. }));
/// let e = storysift::sift(&[Document::text("a", "x"), Document::text("a", "y")]).unwrap_err();
/// assert_eq!(e, Error::DuplicateId { id: "a".into() });
/// assert_eq!(e.code(), "duplicate_id");
/// assert_eq!(e.to_string(), "duplicate document id \"a\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A builder setting is out of its valid range.
    #[error("invalid setting `{knob}`: {reason}")]
    InvalidConfig {
        /// The name of the builder method that set the value.
        knob: &'static str,
        /// Why the value was rejected, with the valid range.
        reason: String,
    },
    /// Two documents of one batch share an id.
    #[error("duplicate document id {id:?}")]
    DuplicateId {
        /// The repeated id.
        id: String,
    },
    /// A sentence-encoder model folder could not be loaded or run (feature
    /// `semantic`).
    #[error("sentence encoder {path:?}: {reason}")]
    Model {
        /// The file concerned (empty when the model failed to run).
        path: String,
        /// What went wrong.
        reason: String,
    },
    /// A saved [`Index`](crate::Index) cannot be loaded: another format
    /// or version, other settings, or records that do not refer to each
    /// other consistently (a damaged file).
    #[error("saved index: {reason}")]
    SavedIndex {
        /// What is wrong, and what to do when something can be done.
        reason: String,
    },
    /// A document given as bytes is not text: they start with the
    /// signature of a binary format (an image, an archive, a PDF…), or
    /// control characters and undecodable bytes make up a large share of
    /// them. (A document given as `&str` is text by contract.)
    #[error("document {id:?} is not text: {kind}")]
    NotText {
        /// The document's id.
        id: String,
        /// What it looks like (`"PNG image"`, `"gzip data"`, `"control
        /// characters"`…).
        kind: &'static str,
    },
    /// A file could not be read ([`DocumentBuf::from_path`](crate::DocumentBuf::from_path)).
    #[error("{path}: {message}")]
    Io {
        /// The file.
        path: String,
        /// The kind of I/O error.
        kind: std::io::ErrorKind,
        /// The operating system's message.
        message: String,
    },
    /// A document is larger than the configured
    /// [`max_document_bytes`](crate::SifterBuilder::max_document_bytes).
    #[error("document {id:?} is {len} bytes, limit is {limit}")]
    TooLarge {
        /// The document's id.
        id: String,
        /// The document's size in bytes.
        len: usize,
        /// The configured limit in bytes.
        limit: usize,
    },
}

impl Error {
    /// A stable snake_case code for the kind of error (`"too_large"`,
    /// `"not_text"`, `"duplicate_id"`…): the name used in serialised output.
    ///
    /// ```
    /// let e = storysift::Error::DuplicateId { id: "a".into() };
    /// assert_eq!(e.code(), "duplicate_id");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidConfig { .. } => "invalid_config",
            Error::DuplicateId { .. } => "duplicate_id",
            Error::Model { .. } => "model",
            Error::SavedIndex { .. } => "saved_index",
            Error::NotText { .. } => "not_text",
            Error::TooLarge { .. } => "too_large",
            Error::Io { .. } => "io",
        }
    }
}

/// An error as data: `{"code": "too_large", "message": "document \"a\" is …"}`.
#[cfg(feature = "serde")]
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}
