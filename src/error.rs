//! The crate's one error type.

/// A specialised `Result` whose error is [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// What can go wrong when configuring a [`Sifter`](crate::Sifter) or calling it.
///
/// Errors come from configuration and from the shape of a batch (duplicate ids,
/// documents over a configured size limit), never from messy content: a
/// malformed page or an empty text cleans to zero paragraphs instead.
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
