//! The story stage: which documents report the same event.
//!
//! 1. [`shingles`]: documents that share copied text (verified
//!    near-duplicate paragraphs) — the strong evidence;
//! 2. [`lexical`]: stories merged by the similarity of their content words,
//!    names and numbers (average linkage with a names-and-numbers veto) —
//!    the evidence for rewrites, briefs and independent reports;
//! 3. [`template`]: once stories are known, lines that recur across them
//!    and say nothing their stories say elsewhere (an outlet's template).

pub(crate) mod lexical;
pub(crate) mod shingles;
pub(crate) mod template;
