//! The engine: runs the stages over a batch.

use ahash::{AHashMap, AHashSet};

use crate::assemble::{self, StoryInput};
use crate::boilerplate::Cleaned;
use crate::config::{DuplicateIds, SifterBuilder};
use crate::corpus::CorpusStats;
use crate::document::{AsDocument, Body, Document, Format};
use crate::error::{Error, Result};
use crate::features::{Features, Featurizer, Table, intersection};
use crate::index;
use crate::packed::{Packed, Prepared, Texts};
use crate::report::{
    DocumentReport, Ignored, NearDuplicate, ParagraphRef, Reason, Removed, Sifted, StoriesOut,
    Story, StoryId, StoryParagraph,
};
use crate::similarity::Candidate;
use crate::story::{lexical, template};
use crate::verify::{self, Match};
use crate::{Metadata, html, par, terms, text};

/// A configured, immutable, reusable engine.
///
/// Build one with [`Sifter::new`] (defaults) or [`Sifter::builder`], then call
/// [`sift`](Sifter::sift) on as many batches as needed, from any thread.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Sifter};
///
/// let sifter = Sifter::new();
/// let a = "The Kremlin said on Tuesday that European peacekeepers would be unacceptable.\n\nAdvertisement\n\nPeskov referred reporters to an earlier statement by the foreign minister.";
/// let b = "The Kremlin said on Tuesday that European peacekeepers would be unacceptable.\nPeskov referred reporters to an earlier statement by the foreign minister.\nPoland scrambled aircraft in response.";
/// let out = sifter.sift(&[Document::text("a", a), Document::text("b", b)])?;
/// assert_eq!(out.stories().len(), 1);
/// assert_eq!(out.stories()[0].paragraphs().len(), 3);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Sifter {
    pub(crate) cfg: SifterBuilder,
}

impl Default for Sifter {
    fn default() -> Self {
        Sifter::new()
    }
}

impl Sifter {
    /// An engine with the default settings.
    pub fn new() -> Sifter {
        Sifter {
            cfg: SifterBuilder::default(),
        }
    }

    /// A builder for a configured engine.
    pub fn builder() -> SifterBuilder {
        SifterBuilder::new()
    }

    pub(crate) fn from_builder(cfg: SifterBuilder) -> Sifter {
        Sifter { cfg }
    }

    /// `Some("sentence_encoder")` when a sentence encoder is set.
    pub(crate) fn encoder_knob(&self) -> Option<&'static str> {
        #[cfg(feature = "semantic")]
        if self.cfg.encoder.is_some() {
            return Some("sentence_encoder");
        }
        None
    }

    pub(crate) fn shingle_words(&self) -> usize {
        self.cfg.shingle_words
    }

    pub(crate) fn min_containment(&self) -> f64 {
        self.cfg.min_containment
    }

    pub(crate) fn duplicate_coverage(&self) -> f64 {
        self.cfg.duplicate_coverage
    }

    /// Cleans one document: boilerplate removed, each removal with its reason.
    ///
    /// Linear in the document's size.
    ///
    /// # Errors
    ///
    /// [`Error::TooLarge`] if the document exceeds
    /// [`max_document_bytes`](SifterBuilder::max_document_bytes). Messy or
    /// empty content is never an error: it cleans to zero paragraphs.
    ///
    /// # Examples
    ///
    /// ```
    /// use storysift::{Document, Reason, Sifter};
    ///
    /// let c = Sifter::new().clean(&Document::text("x", "Big storm hits coast\n\nThe storm hit the coast on Monday.\n\nADVERTISEMENT"))?;
    /// assert_eq!(c.title(), Some("Big storm hits coast"));
    /// assert_eq!(c.paragraphs(), ["The storm hit the coast on Monday."]);
    /// assert_eq!(c.removed()[1].reason(), &Reason::AdMarker);
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn clean(&self, doc: &impl AsDocument) -> Result<Cleaned> {
        let doc = &doc.as_document();
        if let Some(limit) = self.cfg.max_document_bytes {
            if doc.body().len() > limit {
                return Err(Error::TooLarge {
                    id: doc.id().to_owned(),
                    len: doc.body().len(),
                    limit,
                });
            }
        }
        // Bytes are judged as bytes: a binary signature, or a decoded text
        // of mostly control characters and decoding failures. A `&str`
        // the caller decoded is text by contract (and cleaning its cleaned
        // output must give the same, whatever share of odd characters
        // cleaning left).
        // Text misread in the wrong charset before it reached the page is
        // repaired first, so every rule and fingerprint sees the text.
        let body = crate::decode::repair_mojibake(doc.decoded_body());
        if let Body::Bytes(b) = doc.body() {
            let kind = crate::decode::binary_signature(b)
                .or_else(|| crate::decode::mostly_control(&body).then_some("control characters"));
            if let Some(kind) = kind {
                return Err(Error::NotText {
                    id: doc.id().to_owned(),
                    kind,
                });
            }
        }
        let mut cleaned = match doc.format() {
            Format::Text => text::clean(&body),
            Format::Html => html::clean(&body, &self.cfg.markup),
        };
        // No author in the page's structured data or meta tags: the byline
        // the cleaner removed names them.
        let bylines = || {
            cleaned
                .removed
                .iter()
                .filter(|r| *r.reason() == Reason::Byline)
                .map(|r| r.text())
        };
        if cleaned.metadata.authors.is_empty() {
            cleaned.metadata.authors = crate::metadata::authors_from_bylines(bylines());
        }
        // Dates in ISO 8601: a written date converted, and failing any in
        // the page's tags, the byline's.
        let meta = &cleaned.metadata;
        let iso = |d: &Option<String>| {
            d.as_deref()
                .filter(|d| crate::metadata::unix_time(d).is_none())
                .and_then(crate::metadata::iso_from_written)
        };
        let (published, modified) = (iso(&meta.published), iso(&meta.modified));
        let from_byline = meta
            .published
            .is_none()
            .then(|| bylines().find_map(crate::metadata::iso_from_written))
            .flatten();
        let meta = &mut cleaned.metadata;
        if let Some(p) = published.or(from_byline) {
            meta.published = Some(p);
        }
        if let Some(m) = modified {
            meta.modified = Some(m);
        }
        Ok(cleaned)
    }

    /// Sifts a batch: cleans every document, finds near-duplicate paragraphs,
    /// groups the documents into stories and assembles each story's unique
    /// paragraphs.
    ///
    /// Every input document gets a report (in input order) and belongs to
    /// exactly one story, even when nothing survives cleaning or the document
    /// is over the size limit (its report then carries the error). The
    /// result does not depend on the rayon pool's thread count; shuffling
    /// the input changes only the order of stories and documents.
    ///
    /// Cleaning and fingerprinting are linear in the input; candidate search
    /// sorts the shingles once (n log n); verification is linear in the
    /// number of candidates, which bucket caps keep proportional to the
    /// input.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] if two documents share an id (unless the
    /// builder's [`duplicate_ids`](SifterBuilder::duplicate_ids) policy
    /// keeps one of them).
    pub fn sift<D: AsDocument>(&self, docs: &[D]) -> Result<Sifted> {
        let mut batch = self.batch();
        batch.add(docs)?;
        Ok(batch.finish())
    }

    /// Whether a document's paragraphs take part in dedup and story
    /// grouping: a page that is not a story candidate (a listing, a
    /// product, a thread) stands alone unless all kinds are grouped.
    pub(crate) fn groups(&self, kind: crate::PageKind) -> bool {
        self.cfg.group_all_kinds || kind.is_story_candidate()
    }

    /// An empty [`Batch`]: add documents in chunks (each chunk is cleaned
    /// as it arrives and its raw text can be dropped), then
    /// [`finish`](Batch::finish) to get the same [`Sifted`] that one
    /// [`sift`](Self::sift) call over all of them returns.
    ///
    /// The batch holds its own handle on the settings (a `Sifter` is cheap
    /// to clone), so it can live in a struct next to the sifter.
    pub fn batch(&self) -> Batch {
        Batch {
            sifter: self.clone(),
            entries: Vec::new(),
            texts: Texts::default(),
            pending: Vec::new(),
            seen: AHashMap::new(),
            ignored: Vec::new(),
            received: 0,
        }
    }

    /// Dedup, stories and assembly over cleaned documents.
    /// Dedup, stories and assembly over cleaned documents; each document's
    /// report goes to `each` in input order, and the stories come back.
    ///
    /// With `stats` (a batch over one part of a corpus), the corpus's
    /// statistics stand for the batch's own; with `part_out`, only the
    /// dedup stage runs and the part's statistics go there (no reports,
    /// no stories).
    fn finish(
        &self,
        entries: Vec<Entry>,
        mut store: Texts,
        each: &mut dyn FnMut(DocumentReport),
        stats: Option<&CorpusStats>,
        part_out: Option<&mut CorpusStats>,
    ) -> Vec<Story> {
        store.seal();
        let outlets: Vec<Option<&str>> = entries.iter().map(|e| e.outlet.as_deref()).collect();
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        // Pages that are not story candidates (a listing, a product, a
        // thread, documentation) stand alone: no paragraphs go to dedup
        // and grouping, and their story is filled with them below.
        let standalone: Vec<bool> = entries
            .iter()
            .map(|e| e.cleaned.as_ref().is_ok_and(|c| !self.groups(c.page_kind)))
            .collect();
        let Deduped {
            texts,
            offsets,
            para_doc,
            features,
            matches,
            class_of,
            groups,
            story_of,
            idf,
            mut templates,
            part,
        } = self.dedup(
            entries.iter().zip(&standalone).map(|(e, &alone)| {
                let paragraphs: &[u32] = match &e.cleaned {
                    Ok(c) if !alone => &c.paragraphs,
                    _ => &[],
                };
                paragraphs.iter().map(|&p| (store.get(p), p))
            }),
            Some(store.len()),
            &ids,
            &outlets,
            self.cfg.cross_story_templates,
            stats.map(|stats| Part {
                stats,
                measure: part_out.is_some(),
            }),
        );
        if let Some(out) = part_out {
            *out = part.unwrap_or_default();
            return Vec::new();
        }
        let k = self.cfg.shingle_words;
        let neighbors = assemble::Neighbors::from_pairs(
            texts.len(),
            matches
                .iter()
                .filter(|m| {
                    story_of[para_doc[m.a as usize] as usize]
                        == story_of[para_doc[m.b as usize] as usize]
                })
                .map(|m| (m.a, m.b, m.shared)),
        );
        drop(matches);
        let statement_idf = if self.cfg.statement_dedup { idf } else { None };
        let assembled = par::map(&groups, |g| {
            assemble::assemble(&StoryInput {
                docs: g,
                offsets: &offsets,
                features: &features,
                ids: &ids,
                neighbors: &neighbors,
                class_of: &class_of,
                coverage: self.cfg.duplicate_coverage,
                texts: &texts,
                shingle_words: k,
                idf: statement_idf.as_ref(),
                #[cfg(feature = "semantic")]
                encoder: self.cfg.encoder.as_ref().map(|e| &e.0.0),
            })
        });
        drop(neighbors);
        drop(features);
        let mut assembled = assembled;
        // Template lines leave the stories and their documents' paragraphs
        // (and so does a paragraph a template line stood for); a document's
        // remaining paragraphs are numbered anew.
        if templates.iter().any(|&t| t) {
            for a in &mut assembled {
                for &(p, r) in &a.dropped {
                    if templates[r as usize] {
                        templates[p as usize] = true;
                    }
                }
                a.dropped.retain(|&(p, _)| !templates[p as usize]);
                a.paragraphs.retain(|(r, _, _)| !templates[*r as usize]);
                for (_, sources, _) in &mut a.paragraphs {
                    sources.retain(|&p| !templates[p as usize]);
                }
            }
        }
        let mut number: Vec<u32> = Vec::with_capacity(templates.len());
        for d in 0..offsets.len() - 1 {
            let mut next = 0u32;
            for &template in &templates[offsets[d]..offsets[d + 1]] {
                number.push(next);
                next += u32::from(!template);
            }
        }
        let layout = Layout {
            ids: &ids,
            para_doc: &para_doc,
            number: &number,
        };
        let mut stories = layout.stories(&groups, &assembled, &texts);
        for (d, e) in entries.iter().enumerate().filter(|&(d, _)| standalone[d]) {
            if let Ok(c) = &e.cleaned {
                stories[story_of[d] as usize].paragraphs = c
                    .paragraphs(&store)
                    .enumerate()
                    .map(|(i, t)| StoryParagraph {
                        text: t.to_owned(),
                        partial: false,
                        sources: vec![ParagraphRef {
                            document: e.id.clone(),
                            paragraph: i,
                        }],
                    })
                    .collect();
            }
        }
        let mut dup_of: Vec<Option<u32>> = vec![None; para_doc.len()];
        for a in &assembled {
            for &(p, r) in &a.dropped {
                dup_of[p as usize] = Some(r);
            }
        }
        drop(assembled);
        let refs: Vec<Vec<(usize, ParagraphRef)>> = (0..entries.len())
            .map(|d| {
                (offsets[d]..offsets[d + 1])
                    .filter_map(|p| {
                        dup_of[p].map(|r| (number[p] as usize, layout.paragraph_ref(r)))
                    })
                    .collect()
            })
            .collect();
        let template_of: Vec<Vec<usize>> = (0..entries.len())
            .map(|d| {
                (offsets[d]..offsets[d + 1])
                    .filter(|&p| templates[p])
                    .map(|p| p - offsets[d])
                    .collect()
            })
            .collect();
        drop(texts);
        for (story, members) in stories.iter_mut().zip(&groups) {
            label_story(story, members, &entries);
        }
        reports(entries, store, template_of, refs, &story_of, each);
        stories
    }

    /// The dedup stage alone, over paragraphs that are already clean: every
    /// pair of near-duplicate paragraphs in different documents of one
    /// story.
    ///
    /// Each input is a document id and its paragraphs. Candidates come from
    /// the same index and verification as [`sift`](Self::sift), the
    /// documents are grouped into stories by the same rule, and only pairs
    /// inside a story are returned: formulaic lines that recur across
    /// stories ("did not immediately respond to a request for comment")
    /// would otherwise pair up unrelated documents. Pairs come sorted by
    /// input position of `a`, then of `b`; `a` is always in the document
    /// that comes first in the input.
    ///
    /// Identical paragraphs form classes. Pairs inside a class of more
    /// than 64 copies, and, in batches whose classes are so large and so
    /// alike that listing every member pair would be quadratic, pairs
    /// between two near-duplicate classes, are listed through one member
    /// of the class (a star), not as every member pair: the list stays
    /// linear in the paragraphs.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] if two documents share an id.
    ///
    /// # Examples
    ///
    /// ```
    /// let rate = "The central bank raised its main rate by a quarter point to 4.5 per cent on Thursday.";
    /// let rate_edited = "The central bank raised its main interest rate by a quarter point to 4.5% on Thursday.";
    /// let why = "Policymakers said inflation had stayed above the target for too long, and signalled more rises.";
    /// let docs = [
    ///     ("a", vec![rate, why]),
    ///     ("b", vec!["Markets barely moved.", rate_edited, why]),
    /// ];
    /// let pairs = storysift::Sifter::new().near_duplicates(&docs)?;
    /// let found: Vec<(usize, usize)> = pairs.iter().map(|p| (p.a().paragraph, p.b().paragraph)).collect();
    /// assert_eq!(found, [(0, 1), (1, 2)]);
    /// assert!(pairs.iter().all(|p| p.a().document == "a" && p.containment() > 0.5));
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn near_duplicates<P, S>(&self, docs: &[(&str, P)]) -> Result<Vec<NearDuplicate>>
    where
        P: AsRef<[S]>,
        S: AsRef<str>,
    {
        let mut seen = AHashSet::with_capacity(docs.len());
        for (id, _) in docs {
            if !seen.insert(*id) {
                return Err(Error::DuplicateId {
                    id: (*id).to_owned(),
                });
            }
        }
        let outlets = vec![None; docs.len()];
        let ids: Vec<&str> = docs.iter().map(|(id, _)| *id).collect();
        let Deduped {
            offsets,
            para_doc,
            features,
            matches,
            story_of,
            ..
        } = self.dedup(
            docs.iter()
                .map(|(_, p)| p.as_ref().iter().map(|t| (t.as_ref(), 0))),
            None,
            &ids,
            &outlets,
            false,
            None,
        );
        // Paragraphs keep their input positions here (no template lines
        // are taken out).
        let number: Vec<u32> = (0..para_doc.len())
            .map(|p| (p - offsets[para_doc[p] as usize]) as u32)
            .collect();
        let layout = Layout {
            ids: &ids,
            para_doc: &para_doc,
            number: &number,
        };
        let mut out: Vec<(u32, u32, u32)> = matches
            .iter()
            .filter_map(|m| {
                let (da, db) = (para_doc[m.a as usize], para_doc[m.b as usize]);
                (da != db && story_of[da as usize] == story_of[db as usize]).then_some((
                    m.a.min(m.b),
                    m.a.max(m.b),
                    m.shared,
                ))
            })
            .collect();
        out.sort_unstable();
        Ok(out
            .into_iter()
            .map(|(a, b, shared)| NearDuplicate {
                a: layout.paragraph_ref(a),
                b: layout.paragraph_ref(b),
                shared,
                smaller: features[a as usize]
                    .shingles
                    .len()
                    .min(features[b as usize].shingles.len()) as u32,
            })
            .collect())
    }

    /// Candidate search and verification over all paragraphs.
    /// The dedup and story stages over documents' clean paragraphs:
    /// shingles and fingerprints, verified near-duplicate pairs, and the
    /// documents grouped into stories.
    /// `templates`: whether template lines are judged (the batch reports
    /// them; the dedup stage alone does not).
    /// `docs` gives each document's paragraphs with their text ids when
    /// `known` is the size of an id space where equal ids are equal texts
    /// (a batch's [`Texts`]); with `None` the ids are ignored and equal
    /// texts are found by hashing them.
    fn dedup<'a, P: IntoIterator<Item = (&'a str, u32)>>(
        &self,
        docs: impl Iterator<Item = P>,
        known: Option<usize>,
        ids: &[&str],
        outlets: &[Option<&str>],
        templates: bool,
        part: Option<Part<'_>>,
    ) -> Deduped<'a> {
        let stats = part.map(|p| p.stats);
        let part_stats = part.is_some_and(|p| p.measure);
        let mut offsets = vec![0usize];
        let mut texts: Vec<&str> = Vec::new();
        let mut text_ids: Vec<u32> = Vec::new();
        for paras in docs {
            for (t, id) in paras {
                texts.push(t);
                if known.is_some() {
                    text_ids.push(id);
                }
            }
            offsets.push(texts.len());
        }
        let mut para_doc = Vec::with_capacity(texts.len());
        for d in 0..offsets.len() - 1 {
            para_doc.extend(std::iter::repeat_n(d as u32, offsets[d + 1] - offsets[d]));
        }
        let k = self.cfg.shingle_words;
        // Per distinct paragraph text once (verbatim copies are about half
        // of a syndicated batch): features here, term profiles below.
        // Entries in order of first occurrence, whichever way equal texts
        // are found.
        let mut distinct: Vec<&str> = Vec::new();
        let of_text: Vec<u32> = match known {
            Some(n) => {
                let mut entry = vec![u32::MAX; n];
                texts
                    .iter()
                    .zip(text_ids)
                    .map(|(&t, id)| {
                        let e = &mut entry[id as usize];
                        if *e == u32::MAX {
                            distinct.push(t);
                            *e = distinct.len() as u32 - 1;
                        }
                        *e
                    })
                    .collect()
            }
            None => {
                let mut first: AHashMap<&str, u32> = AHashMap::with_capacity(texts.len());
                texts
                    .iter()
                    .map(|&t| {
                        *first.entry(t).or_insert_with(|| {
                            distinct.push(t);
                            distinct.len() as u32 - 1
                        })
                    })
                    .collect()
            }
        };
        let features = Table::new(
            par::map_init(&distinct, Featurizer::default, |fz, t| fz.features(t, k)),
            of_text.clone(),
        );
        // A paragraph's document mass: the hub of a large class of copies
        // is the member in the plainest document (see find_matches).
        let doc_mass: Vec<u32> = (0..offsets.len() - 1)
            .map(|d| {
                (offsets[d]..offsets[d + 1])
                    .map(|p| features[p].shingles.len() as u32)
                    .sum()
            })
            .collect();
        let hub_weight: Vec<u32> = para_doc.iter().map(|&d| doc_mass[d as usize]).collect();
        // A print of each document's paragraphs from their fingerprints
        // and sizes (none without paragraphs): exact copies, however
        // short, have the same.
        let prints: Vec<Option<u64>> = (0..offsets.len() - 1)
            .map(|d| {
                let paras = offsets[d]..offsets[d + 1];
                (!paras.is_empty()).then(|| {
                    paras
                        .map(|p| &features[p])
                        .fold(0x9e37_79b9_7f4a_7c15u64, |h, f| {
                            let x = f.simhash ^ (f.shingles.len() as u64).rotate_left(32);
                            (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(23)
                        })
                })
            })
            .collect();
        let Found {
            matches,
            class_of,
            by_class,
        } = self.find_matches(&features, &texts, &hub_weight);
        drop(hub_weight);
        // Terms link documents and judge statements across versions: a
        // batch of one document needs none.
        // (A part of a corpus may have one document and still hold a line
        // that recurs in other parts.)
        let lexical = ((self.cfg.lexical_links || self.cfg.statement_dedup || templates)
            && (offsets.len() > 2 || (stats.is_some() && offsets.len() > 1)))
            .then(|| {
                // A document's profile and the remainder profiles of the
                // template veto are merges of the distinct texts' profiles.
                let profiled: Vec<lexical::Profile> = par::map_init(
                    &distinct,
                    || (terms::Scratch::default(), Vec::new()),
                    |(s, buf), t| lexical::profile(std::slice::from_ref(t), s, buf),
                );
                let paragraphs = lexical::Paragraphs {
                    profiles: profiled,
                    of_text,
                };
                let idf = stats
                    .and_then(CorpusStats::document_idf)
                    .unwrap_or_else(|| {
                        lexical::Idf::over_documents(&lexical::Documents {
                            paragraphs: &paragraphs,
                            offsets: &offsets,
                        })
                    });
                (idf, paragraphs)
            });
        // A part of a corpus: each distinct text's standing elsewhere.
        let outside_of: Option<(Vec<u64>, Vec<bool>, Vec<f64>)> = stats.map(|st| {
            let hashes: Vec<u64> = distinct
                .iter()
                .map(|t| crate::corpus::text_hash(t))
                .collect();
            let elsewhere = hashes.iter().map(|&h| st.is_shared(h)).collect();
            let judged = hashes.iter().map(|&h| st.judgment(h)).collect();
            (hashes, elsewhere, judged)
        });
        drop(distinct);
        let shingle_counts: Vec<u32> = features.iter().map(|f| f.shingles.len() as u32).collect();
        let rest = lexical
            .as_ref()
            .filter(|_| self.cfg.lexical_links)
            .map(|(idf, paragraphs)| lexical::Rest {
                shingles: &shingle_counts,
                paragraphs,
                offsets: &offsets,
                idf,
            });
        let (groups, core) = self.group(
            ids,
            outlets,
            &doc_mass,
            &para_doc,
            &features,
            &matches,
            rest.as_ref(),
            &prints,
            by_class.then_some(class_of.as_slice()),
        );
        let documents = lexical.as_ref().map(|(_, paragraphs)| lexical::Documents {
            paragraphs,
            offsets: &offsets,
        });
        let groups = match (&lexical, &documents) {
            (Some((idf, _)), Some(docs)) if self.cfg.lexical_links => {
                lexical::link(groups, &core, docs, idf, ids)
            }
            _ => groups,
        };
        // Statement dedup weighs terms by how many *stories* use them: a
        // word only the rewrite uses is as rare as one the versions share.
        let story_idf = documents
            .as_ref()
            .map(|docs| lexical::Idf::over_groups(&groups, docs));
        let own_story_idf = part_stats.then(|| story_idf.clone()).flatten();
        let story_idf = stats.and_then(CorpusStats::story_idf).or(story_idf);
        let mut story_of = vec![0u32; offsets.len() - 1];
        for (s, g) in groups.iter().enumerate() {
            for &d in g {
                story_of[d as usize] = s as u32;
            }
        }
        let outside = outside_of
            .as_ref()
            .map(|(_, elsewhere, judged)| template::Outside { elsewhere, judged });
        let mut judgments: Vec<(u64, f64)> = Vec::new();
        let templates = match lexical.filter(|_| templates) {
            Some((doc_idf, paragraphs)) => {
                let batch = template::Batch {
                    offsets: &offsets,
                    of_text: features.text_of(),
                    groups: &groups,
                    story_of: &story_of,
                    para_doc: &para_doc,
                    profiles: &paragraphs.profiles,
                    idf: &doc_idf,
                };
                let (recurring, most) = template::judge(&batch, outside.as_ref());
                if let (true, Some((hashes, elsewhere, _))) = (part_stats, &outside_of) {
                    // This part's judgments of the texts other parts hold.
                    judgments = (0..hashes.len())
                        .filter(|&t| elsewhere[t] && recurring[t])
                        .map(|t| (hashes[t], most[t]))
                        .collect();
                }
                template::decide(batch.of_text, &recurring, most, outside.as_ref())
            }
            None => vec![false; texts.len()],
        };
        let part = (stats.is_some() && part_stats)
            .then(|| CorpusStats::of_part(own_story_idf.as_ref(), judgments));
        Deduped {
            texts,
            offsets,
            para_doc,
            features,
            matches,
            class_of,
            groups,
            story_of,
            idf: story_idf,
            templates,
            part,
        }
    }

    fn find_matches(&self, features: &Table, texts: &[&str], hub_weight: &[u32]) -> Found {
        /// Classes of identical paragraphs larger than this are linked
        /// among themselves through one member only (a star), the one in
        /// the document with the least text (ties: the first): the
        /// plainest copy, whose link to any other copy no shared-template
        /// veto can refuse.
        const STAR_ABOVE: usize = 64;
        if self.cfg.brute_force {
            let all: Vec<bool> = vec![true; features.len()];
            return Found {
                matches: self.find_matches_among(features, texts, &all),
                class_of: (0..features.len() as u32).collect(),
                by_class: false,
            };
        }
        // Paragraphs with identical shingle sets (verbatim copies, about
        // half of a syndicated batch) form classes: only one member of each
        // goes through candidate search and verification, and the verdicts
        // are expanded to the members afterwards.
        let n = features.len();
        let mut order: Vec<u32> = (0..n as u32)
            .filter(|&p| !features[p as usize].shingles.is_empty())
            .collect();
        par::sort_unstable_by_key(&mut order, |&p| {
            let f = &features[p as usize];
            (f.simhash, f.shingles.len(), f.shingles.first().copied(), p)
        });
        let mut rep: Vec<u32> = (0..n as u32).collect();
        let mut members: AHashMap<u32, Vec<u32>> = AHashMap::new();
        for run in order.chunk_by(|&a, &b| {
            let (fa, fb) = (&features[a as usize], &features[b as usize]);
            fa.simhash == fb.simhash && fa.shingles.len() == fb.shingles.len()
        }) {
            // Within a run of equal fingerprints and sizes, group equal sets.
            let mut run = run.to_vec();
            run.sort_unstable();
            let mut left: Vec<u32> = run;
            while let Some(&first) = left.first() {
                let set = &features[first as usize].shingles;
                let (same, rest): (Vec<u32>, Vec<u32>) = left
                    .iter()
                    .partition(|&&q| features[q as usize].shingles == *set);
                if same.len() > 1 {
                    for &q in &same {
                        rep[q as usize] = first;
                    }
                    members.insert(first, same);
                }
                left = rest;
            }
        }
        let is_rep: Vec<bool> = (0..n).map(|p| rep[p] == p as u32).collect();
        let verified = self.find_matches_among(features, texts, &is_rep);
        // Verdicts go to every pair of members of small classes; a class
        // over STAR_ABOVE members is linked through its hub only, so
        // thousands of copies of one paragraph cost pairs linear in their
        // number, never all pairs. Assembly drops a copy whose identical
        // twin is kept even when the twin is not among its pairs.
        let hub = |class: &[u32]| -> u32 {
            class
                .iter()
                .copied()
                .min_by_key(|&p| (hub_weight[p as usize], p))
                .unwrap_or(0)
        };
        // Expanding every verdict to all member pairs of two classes is
        // exact but quadratic in class size: copies of a story whose
        // paragraphs come in many one-word variants make classes of dozens
        // of copies, every class a near-duplicate of every other (149.7M
        // pairs for 10,000 documents). Past a budget, a verdict links each
        // class's first member to every member of the other class instead
        // (linear in the members), and story grouping and assembly read the
        // classes themselves (`by_class`).
        let class_len = |p: u32| members.get(&p).map_or(1, Vec::len);
        let expanded: usize = verified
            .iter()
            .map(|m| class_len(m.a).saturating_mul(class_len(m.b)))
            .fold(0usize, usize::saturating_add);
        let by_class = self.cfg.force_class_links
            || expanded > MAX_EXPANDED.max(EXPANSION_FACTOR * (verified.len() + n));
        // Sized for every pair below (the marks may refuse some): a large
        // batch's pair list doubling as it grows would hold both copies.
        let within: usize = members
            .values()
            .map(|c| {
                if c.len() <= STAR_ABOVE {
                    c.len() * (c.len() - 1) / 2
                } else {
                    c.len() - 1
                }
            })
            .sum();
        let across = if by_class {
            verified
                .iter()
                .map(|m| class_len(m.a) + class_len(m.b))
                .sum()
        } else {
            expanded
        };
        let mut out: Vec<Match> = Vec::with_capacity(across.saturating_add(within));
        let mut push = |x: u32, y: u32, shared: u32, containment: f64, checked: bool| {
            let (fx, fy) = (&features[x as usize], &features[y as usize]);
            if checked || verify::marks_agree(fx, fy, containment) {
                out.push(Match {
                    a: x.min(y),
                    b: x.max(y),
                    shared,
                });
            }
        };
        for m in verified {
            let xs: &[u32] = members
                .get(&m.a)
                .map_or(std::slice::from_ref(&m.a), Vec::as_slice);
            let ys: &[u32] = members
                .get(&m.b)
                .map_or(std::slice::from_ref(&m.b), Vec::as_slice);
            let smaller = features[m.a as usize]
                .shingles
                .len()
                .min(features[m.b as usize].shingles.len())
                .max(1);
            let containment = f64::from(m.shared) / smaller as f64;
            if by_class {
                // Each class's first member against every member of the
                // other class.
                for &y in ys {
                    push(m.a, y, m.shared, containment, y == m.b);
                }
                for &x in xs.iter().filter(|&&x| x != m.a) {
                    push(x, m.b, m.shared, containment, false);
                }
                continue;
            }
            // Every member pair of the two classes.
            for &x in xs {
                for &y in ys {
                    push(x, y, m.shared, containment, x == m.a && y == m.b);
                }
            }
        }
        let mut classes: Vec<&Vec<u32>> = members.values().collect();
        classes.sort_unstable_by_key(|c| c[0]);
        for same in classes {
            let shared = features[same[0] as usize].shingles.len() as u32;
            if same.len() <= STAR_ABOVE {
                for (i, &x) in same.iter().enumerate() {
                    for &y in &same[i + 1..] {
                        push(x, y, shared, 1.0, false);
                    }
                }
            } else {
                let h = hub(same);
                for &y in same.iter().filter(|&&y| y != h) {
                    push(h, y, shared, 1.0, false);
                }
            }
        }
        if by_class {
            // A pair linked twice keeps its largest shared count.
            par::sort_unstable_by_key(&mut out, |m| (m.a, m.b, u32::MAX - m.shared));
            out.dedup_by_key(|m| (m.a, m.b));
        } else {
            par::sort_unstable_by_key(&mut out, |m| (m.a, m.b));
        }
        // Under the budget every class pair was expanded, so assembly
        // needs no classes (an identical twin is a neighbour already; and
        // one whose marks refused the pair must not stand in for it).
        let class_of = if by_class {
            rep
        } else {
            (0..n as u32).collect()
        };
        Found {
            matches: out,
            class_of,
            by_class,
        }
    }

    /// Candidate search and verification among the paragraphs with
    /// `include[p]` set.
    fn find_matches_among(&self, features: &Table, texts: &[&str], include: &[bool]) -> Vec<Match> {
        let n = features.len();
        let min_c = self.cfg.min_containment;
        // Candidates with the number of shingles they share, when known.
        let mut cand: Vec<(u32, u32, Option<u32>)> = Vec::new();
        if self.cfg.brute_force {
            for a in 0..n as u32 {
                for b in a + 1..n as u32 {
                    if include[a as usize] && include[b as usize] {
                        cand.push((a, b, None));
                    }
                }
            }
        } else {
            let cap = self.cfg.max_bucket;
            let d = self.cfg.max_hamming;
            let mut near: Vec<(u32, u32)> = Vec::new();
            let paras: Vec<index::Keyed> = features
                .iter()
                .enumerate()
                .filter(|&(i, f)| include[i] && !f.shingles.is_empty())
                .map(|(i, f)| (f.simhash, i as u32))
                .collect();
            index::simhash_pairs(&paras, d, cap, &mut near);
            let sents = keyed(features, include, |f| &f.sentences);
            index::simhash_pairs(&sents, d, cap, &mut near);
            let mut shingles = keyed(features, include, |f| &f.shingles);
            let mut shared = Vec::new();
            // Pairs sharing one shingle are left to the simhash tables, which
            // find identical short paragraphs (equal fingerprints).
            let skipped = index::shared_key_pairs(
                &mut shingles,
                cap,
                |p| features[p as usize].simhash,
                2,
                &mut shared,
            );
            // With no bucket skipped, the index's count is the exact
            // intersection; otherwise it is a lower bound and the pair is
            // verified on its shingle sets.
            let exact = skipped == 0;
            drop(shingles);
            cand.reserve_exact(shared.len() + near.len());
            cand.extend(
                shared
                    .into_iter()
                    .map(|(a, b, c)| (a, b, exact.then_some(c))),
            );
            cand.extend(near.into_iter().map(|(a, b)| (a, b, None)));
            // One entry per pair, a known count first.
            par::sort_unstable_by_key(&mut cand, |&(a, b, c)| (a, b, c.is_none()));
            cand.dedup_by_key(|&mut (a, b, _)| (a, b));
        }
        if let Some(custom) = &self.cfg.similarity {
            let verified = par::map(&cand, |&(a, b, known)| {
                let (fa, fb) = (&features[a as usize], &features[b as usize]);
                let shared =
                    known.map_or_else(|| intersection(&fa.shingles, &fb.shingles), |c| c as usize);
                let pair = Candidate {
                    a: texts[a as usize],
                    b: texts[b as usize],
                    shared,
                    smaller: fa.shingles.len().min(fb.shingles.len()),
                    default_verdict: verify::accept(fa, fb, shared, min_c),
                };
                // A pair accepted against the built-in verdict counts as
                // fully shared for stories and assembly.
                custom.0.near_duplicate(&pair).then_some(Match {
                    a,
                    b,
                    shared: if pair.default_verdict {
                        shared as u32
                    } else {
                        pair.smaller as u32
                    },
                })
            });
            return verified.into_iter().flatten().collect();
        }
        let verified = par::map(&cand, |&(a, b, known)| {
            let (fa, fb) = (&features[a as usize], &features[b as usize]);
            let shared = match known {
                Some(c) => verify::accept(fa, fb, c as usize, min_c).then_some(c),
                None => verify::verify(fa, fb, min_c),
            };
            shared.map(|shared| Match { a, b, shared })
        });
        verified.into_iter().flatten().collect()
    }
}

/// Every key of the included paragraphs' `keys` list with its paragraph,
/// sized before it is filled: grown by doubling, the largest list (every
/// representative's shingles) held up to twice its size, and both copies
/// while it moved.
fn keyed<'f, K: Copy + 'f>(
    features: &'f Table,
    include: &[bool],
    keys: impl Fn(&'f Features) -> &'f [K],
) -> Vec<(K, u32)> {
    let included = || features.iter().enumerate().filter(|&(i, _)| include[i]);
    let mut out = Vec::with_capacity(included().map(|(_, f)| keys(f).len()).sum());
    out.extend(included().flat_map(|(i, f)| keys(f).iter().map(move |&k| (k, i as u32))));
    out
}

/// Verdicts over expanded member pairs above which classes of identical
/// paragraphs are linked by their first members instead (see
/// `find_matches`), and the multiple of the verdicts and paragraphs the
/// expansion may reach first.
const MAX_EXPANDED: usize = 1 << 22;
const EXPANSION_FACTOR: usize = 16;

/// Verified near-duplicate pairs, and the classes of identical paragraphs.
struct Found {
    matches: Vec<Match>,
    /// Each paragraph's class: the lowest index of the paragraphs with its
    /// shingle set (itself when it has no identical twin).
    class_of: Vec<u32>,
    /// Whether verdicts between classes were linked through the classes'
    /// first members rather than expanded to all member pairs.
    by_class: bool,
}

/// The dedup stage's output over a batch's paragraphs, laid out flat:
/// document `d`'s paragraphs are `texts[offsets[d]..offsets[d + 1]]`.
/// A batch over one part of a corpus: the corpus's statistics, and whether
/// the part's own are wanted (`Sifter::part_stats`).
#[derive(Clone, Copy)]
struct Part<'s> {
    stats: &'s CorpusStats,
    measure: bool,
}

struct Deduped<'a> {
    texts: Vec<&'a str>,
    offsets: Vec<usize>,
    para_doc: Vec<u32>,
    features: Table,
    matches: Vec<Match>,
    /// Each paragraph's class of identical paragraphs (see [`Found`]).
    class_of: Vec<u32>,
    groups: Vec<Vec<u32>>,
    story_of: Vec<u32>,
    /// Document frequencies of content terms (with lexical links).
    idf: Option<lexical::Idf>,
    /// Per paragraph, whether it is a template line (all `false` when
    /// none are judged).
    templates: Vec<bool>,
    /// The part's statistics, when asked for (`Sifter::part_stats`).
    part: Option<CorpusStats>,
}

/// Where each paragraph of a batch lives: the global paragraph index `p`
/// belongs to document `para_doc[p]`, at position `p - offsets[doc]`.
struct Layout<'a> {
    /// Per paragraph, its position among its document's reported
    /// paragraphs (template lines are not reported).
    number: &'a [u32],
    ids: &'a [&'a str],
    para_doc: &'a [u32],
}

impl Layout<'_> {
    fn paragraph_ref(&self, p: u32) -> ParagraphRef {
        let doc = self.para_doc[p as usize] as usize;
        ParagraphRef {
            document: self.ids[doc].to_owned(),
            paragraph: self.number[p as usize] as usize,
        }
    }

    /// The public stories from the assembled groups.
    fn stories(
        &self,
        groups: &[Vec<u32>],
        assembled: &[assemble::Assembled],
        texts: &[&str],
    ) -> Vec<Story> {
        groups
            .iter()
            .zip(assembled)
            .enumerate()
            .map(|(s, (g, a))| Story {
                id: StoryId(s as u32),
                title: None,
                published: None,
                documents: g.iter().map(|&d| self.ids[d as usize].to_owned()).collect(),
                paragraphs: a
                    .paragraphs
                    .iter()
                    .map(|(r, src, trimmed)| StoryParagraph {
                        partial: trimmed.is_some(),
                        text: trimmed
                            .clone()
                            .unwrap_or_else(|| texts[*r as usize].to_owned()),
                        sources: src.iter().map(|&p| self.paragraph_ref(p)).collect(),
                    })
                    .collect(),
            })
            .collect()
    }
}

/// A story's title (its leading document's, else the first member's that
/// has one) and earliest readable publication date. Linear in the members.
fn label_story(story: &mut Story, members: &[u32], entries: &[Entry]) {
    let lead = story
        .paragraphs
        .first()
        .and_then(|p| p.sources.first())
        .map(|r| r.document.as_str());
    let packed = || {
        members.iter().filter_map(|&d| {
            let e = &entries[d as usize];
            e.cleaned.as_ref().ok().map(|c| (e.id.as_str(), c))
        })
    };
    story.title = packed()
        .find(|(id, c)| Some(*id) == lead && c.title.is_some())
        .or_else(|| packed().find(|(_, c)| c.title.is_some()))
        .and_then(|(_, c)| c.title.clone());
    story.published = packed()
        .filter_map(|(id, c)| Some((c.metadata()?.published_unix()?, id, c)))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .and_then(|(_, _, c)| c.metadata()?.published.clone());
}

/// One report per input document, duplicates added to its removed blocks
/// (`dups[d]`: the document's duplicate paragraphs with the kept paragraph).
fn reports(
    entries: Vec<Entry>,
    mut store: Texts,
    templates: Vec<Vec<usize>>,
    dups: Vec<Vec<(usize, ParagraphRef)>>,
    story_of: &[u32],
    each: &mut dyn FnMut(DocumentReport),
) {
    for (d, ((e, dups), templates)) in entries.into_iter().zip(dups).zip(templates).enumerate() {
        let (title, metadata, page_kind, mut paragraphs, mut removed, error) = match e.cleaned {
            Ok(mut c) => {
                let (paragraphs, removed) = c.unpack(&mut store);
                let metadata = c.take_metadata();
                (c.title, metadata, c.page_kind, paragraphs, removed, None)
            }
            Err(e) => (
                None,
                Metadata::default(),
                crate::PageKind::default(),
                Vec::new(),
                Vec::new(),
                Some(e),
            ),
        };
        crate::story::template::take_out(&mut paragraphs, &mut removed, &templates);
        let mut duplicate = vec![false; paragraphs.len()];
        for (i, of) in dups {
            duplicate[i] = true;
            removed.push(Removed {
                text: paragraphs[i].clone(),
                reason: Reason::Duplicate { of },
            });
        }
        each(DocumentReport {
            id: e.id,
            outlet: e.outlet,
            format: e.format,
            title,
            metadata,
            page_kind,
            paragraphs,
            removed,
            story: StoryId(story_of[d]),
            error,
            duplicate,
        });
    }
}

/// Packs the cleaned documents `pending` into their entries' slots.
fn pack(pending: Vec<(usize, Prepared)>, texts: &mut Texts, entries: &mut [Option<Entry>]) {
    for (slot, p) in pending {
        if let Some(e) = &mut entries[slot] {
            e.cleaned = Ok(Packed::new(p, texts));
        }
    }
    texts.collect_garbage();
}

/// One added document: what the story stage needs, and its clean output.
#[derive(Debug)]
struct Entry {
    id: String,
    outlet: Option<String>,
    format: Format,
    /// Input position (over every document given to the batch).
    position: usize,
    cleaned: Result<Packed>,
}

/// Documents added in chunks to one sift (see [`Sifter::batch`]).
///
/// Each [`add`](Batch::add) cleans its documents at once (in parallel on
/// the rayon pool) and keeps only their clean output, so a corpus can be
/// streamed through without holding its raw pages in memory.
/// [`finish`](Batch::finish) then runs dedup, stories and assembly. The
/// result is the same as one [`Sifter::sift`] call over all the documents
/// in the order they were added.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Sifter};
///
/// let sifter = Sifter::new();
/// let mut batch = sifter.batch();
/// for chunk in [["a", "b"], ["c", "d"]] {
///     // e.g. lines read from a JSONL file; dropped after each add.
///     let bodies: Vec<String> = chunk.iter().map(|id| format!("Page {id}.")).collect();
///     let docs: Vec<Document<'_>> =
///         chunk.iter().zip(&bodies).map(|(id, b)| Document::text(id, b)).collect();
///     batch.add(&docs)?;
/// }
/// assert_eq!(batch.len(), 4);
/// let out = batch.finish();
/// assert_eq!(out.documents().len(), 4);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug)]
pub struct Batch {
    sifter: Sifter,
    /// Documents in input order; `None` for one a later document with its
    /// id replaced (keep-last).
    entries: Vec<Option<Entry>>,
    /// The entries' texts, each distinct text once.
    texts: Texts,
    /// The last chunk's cleaned documents (entry slot and output), packed
    /// while the next chunk is cleaned (their entries hold a placeholder).
    pending: Vec<(usize, Prepared)>,
    /// Id -> its entry's slot.
    seen: AHashMap<String, usize>,
    ignored: Vec<Ignored>,
    /// Documents given so far, kept or not (input positions).
    received: usize,
}

impl Batch {
    /// Cleans and adds a chunk of documents.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] if a document's id repeats an id of this chunk
    /// or of an earlier one and the sifter's
    /// [`duplicate_ids`](SifterBuilder::duplicate_ids) policy is to refuse;
    /// then nothing of this chunk is added. Under the other policies the
    /// left-out documents are listed in [`Sifted::ignored`].
    pub fn add<D: AsDocument>(&mut self, docs: &[D]) -> Result<()> {
        let docs: Vec<Document<'_>> = docs.iter().map(AsDocument::as_document).collect();
        let policy = self.sifter.cfg.duplicate_ids;
        // Per document of the chunk: whether it is kept.
        let mut keep = vec![true; docs.len()];
        let mut fresh: AHashMap<&str, usize> = AHashMap::with_capacity(docs.len());
        for (i, d) in docs.iter().enumerate() {
            let earlier_chunk = self.seen.contains_key(d.id());
            let earlier_here = fresh.get(d.id()).copied();
            if !earlier_chunk && earlier_here.is_none() {
                fresh.insert(d.id(), i);
                continue;
            }
            match policy {
                DuplicateIds::Refuse => {
                    return Err(Error::DuplicateId {
                        id: d.id().to_owned(),
                    });
                }
                DuplicateIds::KeepFirst => keep[i] = false,
                DuplicateIds::KeepLast => {
                    if let Some(j) = earlier_here {
                        keep[j] = false;
                    }
                    fresh.insert(d.id(), i);
                }
            }
        }
        let kept: Vec<Document<'_>> = docs
            .iter()
            .zip(&keep)
            .filter(|&(_, &k)| k)
            .map(|(d, _)| *d)
            .collect();
        // Packing (the serial part: interning) of the last chunk runs
        // beside the cleaning of this one.
        let pending = std::mem::take(&mut self.pending);
        let (sifter, texts, entries) = (&self.sifter, &mut self.texts, &mut self.entries);
        let (cleaned, ()) = par::join(
            || par::map(&kept, |d| sifter.clean(d).map(Prepared::new)),
            || pack(pending, texts, entries),
        );
        let mut cleaned = cleaned.into_iter();
        for (i, d) in docs.iter().enumerate() {
            let position = self.received + i;
            if !keep[i] {
                self.ignored.push(Ignored {
                    id: d.id().to_owned(),
                    position,
                });
                continue;
            }
            if let Some(slot) = self.seen.get(d.id()).copied() {
                // Keep-last across chunks: the earlier entry gives way.
                if let Some(old) = self.entries[slot].take() {
                    if let Ok(p) = &old.cleaned {
                        p.release(&mut self.texts);
                    }
                    self.ignored.push(Ignored {
                        id: old.id,
                        position: old.position,
                    });
                }
            }
            let slot = self.entries.len();
            self.seen.insert(d.id().to_owned(), slot);
            let cleaned = match cleaned
                .next()
                .expect("one cleaned result per kept document")
            {
                Ok(p) => {
                    self.pending.push((slot, p));
                    Ok(Packed::default())
                }
                Err(e) => Err(e),
            };
            self.entries.push(Some(Entry {
                id: d.id().to_owned(),
                outlet: d.outlet_name().map(str::to_owned),
                format: d.format(),
                position,
                cleaned,
            }));
        }
        self.received += docs.len();
        Ok(())
    }

    /// Documents added so far.
    pub fn len(&self) -> usize {
        // One kept document per distinct id.
        self.seen.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// Dedup, stories and assembly over everything added.
    pub fn finish(self) -> Sifted {
        let mut documents = Vec::with_capacity(self.len());
        let StoriesOut { stories, ignored } = self.finish_with(|r| documents.push(r));
        Sifted::new(documents, stories, ignored)
    }

    /// Runs the batch like [`finish`](Batch::finish), but hands each
    /// document's report to `each` as soon as it is made, in input order,
    /// and keeps none: the stories and the left-out documents come back.
    ///
    /// For corpora whose reports need not all be in memory at once (they
    /// are written out, or only counted): at 100,000 documents of the
    /// scale corpus the reports hold about 1 GB (every clean paragraph,
    /// every removed block with its text), which `finish` holds at its
    /// end and this does not.
    ///
    /// # Examples
    ///
    /// ```
    /// use storysift::{Document, Sifter};
    ///
    /// let fact = "The council approved the new budget on Monday after a long debate about bus routes.";
    /// let mut batch = Sifter::new().batch();
    /// batch.add(&[Document::text("a", fact), Document::text("b", fact)])?;
    /// let mut seen = Vec::new();
    /// let out = batch.finish_with(|report| seen.push(report.id().to_owned()));
    /// assert_eq!(seen, ["a", "b"]);
    /// assert_eq!(out.stories().len(), 1);
    /// # Ok::<(), storysift::Error>(())
    /// ```
    pub fn finish_with(self, mut each: impl FnMut(DocumentReport)) -> StoriesOut {
        self.run(&mut each, None, None)
    }

    /// [`finish`](Self::finish) for a batch over one part of a corpus
    /// (see [`Sifter::sift_part`]).
    pub(crate) fn finish_part(self, stats: &CorpusStats) -> Sifted {
        let mut documents = Vec::with_capacity(self.len());
        let StoriesOut { stories, ignored } =
            self.run(&mut |r| documents.push(r), Some(stats), None);
        Sifted::new(documents, stories, ignored)
    }

    /// The part's statistics (see [`Sifter::part_stats`]).
    pub(crate) fn part_stats(self, stats: &CorpusStats) -> CorpusStats {
        let mut out = CorpusStats::default();
        self.run(&mut |_| {}, Some(stats), Some(&mut out));
        out
    }

    fn run(
        mut self,
        each: &mut dyn FnMut(DocumentReport),
        stats: Option<&CorpusStats>,
        part_out: Option<&mut CorpusStats>,
    ) -> StoriesOut {
        pack(
            std::mem::take(&mut self.pending),
            &mut self.texts,
            &mut self.entries,
        );
        let mut ignored = self.ignored;
        ignored.sort_unstable_by_key(|i| i.position);
        let entries = self.entries.into_iter().flatten().collect();
        let stories = self
            .sifter
            .finish(entries, self.texts, each, stats, part_out);
        StoriesOut { stories, ignored }
    }
}
