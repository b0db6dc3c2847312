//! The incremental index: documents ingested one at a time (or a chunk at a
//! time), each answered at once with its story and its already-known
//! paragraphs, in memory proportional to the paragraphs indexed.
//!
//! Per indexed paragraph the index keeps its document, its position, its
//! shingle set as 32-bit keys (the high half of the stable 64-bit shingle
//! hash), and postings for a sample of those keys. See DESIGN.md,
//! "Incremental index", for the layout and the measured bytes per
//! paragraph.

use ahash::{AHashMap, AHashSet};

use crate::assemble::{self, Trim};
use crate::boilerplate::Cleaned;
use crate::document::{AsDocument, Document};
use crate::error::{Error, Result};
use crate::features::{Featurizer, intersection};
use crate::par;
use crate::report::ParagraphRef;
use crate::sifter::Sifter;
use crate::story::lexical::{self, Lexicon, Profile};
use crate::story::template;
use crate::verify;

/// The persisted format's name and version (see [`Index`]'s serde support).
///
/// ```
/// assert_eq!(storysift::INDEX_FORMAT, "storysift-index");
/// ```
pub const INDEX_FORMAT: &str = "storysift-index";
/// The persisted format's version; bumped on any change to what is stored
/// or to how shingle keys are computed.
/// Version 2 added the lexical story records (document frequencies and a
/// term profile per story); version 1 files are refused with a message
/// saying so (they hold no text to rebuild them from). Version 3 records
/// the settings that shape verdicts (containment, coverage, story-link
/// rule, lexical links), and a load with other settings is refused; a
/// version 2 file loads with the sifter's settings, as it did before.
/// Version 4 adds the template lines found so far; a version 2 or 3 file
/// loads with none, and learns them from the documents added after.
///
/// ```
/// assert_eq!(storysift::INDEX_FORMAT_VERSION, 4);
/// ```
pub const INDEX_FORMAT_VERSION: u32 = 4;

/// Paragraphs with at most this many shingles post every key; longer ones
/// post one key in [`SAMPLE_EVERY`] (those whose hash is 0 modulo it).
const POST_ALL_BELOW: usize = 16;
/// The sampling rate of posted keys for long paragraphs.
const SAMPLE_EVERY: u32 = 4;
/// Postings walked per key, newest first: keys shared by very many
/// paragraphs (formulaic lines) cost a bounded amount, and the newest
/// carriers of a key are the likeliest to be the same story.
const SCAN_PER_KEY: usize = 16;
/// Candidates verified per paragraph, most key hits first.
const VERIFY_PER_PARAGRAPH: usize = 16;
/// Paragraphs with fewer shingles than this do not count as evidence of a
/// shared story (as in the batch story rule).
const MIN_LINK_SHINGLES: usize = 8;
const NONE: u32 = u32::MAX;

#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct DocRec {
    id: Box<str>,
    outlet: Option<Box<str>>,
    /// First paragraph (index into `paras`) and count.
    first: u32,
    /// Read when a saved index is checked.
    #[cfg_attr(not(feature = "serde"), allow(dead_code))]
    count: u32,
    /// Distinct shingles over the document's paragraphs.
    mass: u32,
}

#[derive(Debug, Clone, Copy)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
struct ParaRec {
    doc: u32,
    /// Start of the paragraph's keys in `keys`; the count is the next
    /// paragraph's start minus this.
    start: u32,
}

/// What [`Index::add`] found for one new document.
///
/// # Examples
///
/// ```
/// use storysift::{Document, Index, Sifter};
///
/// let mut index = Index::new(Sifter::new())?;
/// let wire = "The council approved the budget on Monday after a long debate in the town hall.";
/// index.add(&Document::text("wire", wire))?;
/// let local = format!("{wire}\n\nResidents asked for more money for the library and the pool.");
/// let added = index.add(&Document::text("local", &local))?;
/// assert_eq!(added.story(), "wire");
/// assert!(!added.is_new_story());
/// assert_eq!(added.known()[0].as_ref().map(|r| r.document.as_str()), Some("wire"));
/// assert_eq!(added.new_paragraphs().count(), 1);
/// assert_eq!(added.cleaned().paragraphs().len(), 2);
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Added {
    story: String,
    new_story: bool,
    merged: Vec<String>,
    known: Vec<Option<ParagraphRef>>,
    /// Per paragraph: its new sentences, when earlier paragraphs of the
    /// story carry the others.
    partial: Vec<Option<String>>,
    cleaned: Cleaned,
}

impl Added {
    /// The story the document joined, named by the id of its earliest
    /// document (the document itself when it starts a new story).
    ///
    /// A story's name never changes while it grows. When a document shows
    /// two stories to be one, the merged story keeps the older story's name
    /// (its earliest document came first), and the younger names are listed
    /// in [`merged`](Added::merged) so a caller can re-key what it stored
    /// under them; [`Index::story_of`] always answers with the current name.
    /// A batch names its stories the same way ([`Story::key`](crate::Story::key)).
    pub fn story(&self) -> &str {
        &self.story
    }

    /// Whether the document starts a new story.
    pub fn is_new_story(&self) -> bool {
        self.new_story
    }

    /// Earlier stories this document showed to be one with the story it
    /// joined (named by their earliest documents); usually empty.
    pub fn merged(&self) -> &[String] {
        &self.merged
    }

    /// The clean document: title, paragraphs, removed blocks.
    pub fn cleaned(&self) -> &Cleaned {
        &self.cleaned
    }

    /// The clean document, by value.
    pub fn into_cleaned(self) -> Cleaned {
        self.cleaned
    }

    /// Per clean paragraph: the earlier paragraph of the same story that
    /// already carries it, or `None` for new content.
    pub fn known(&self) -> &[Option<ParagraphRef>] {
        &self.known
    }

    /// The document's new content for its story, in reading order: every
    /// paragraph that is not known, and of a paragraph whose sentences the
    /// story partly carries already, only its other sentences.
    pub fn new_paragraphs(&self) -> impl Iterator<Item = &str> {
        self.cleaned
            .paragraphs()
            .iter()
            .zip(&self.known)
            .zip(&self.partial)
            .filter(|((_, k), _)| k.is_none())
            .map(|((p, _), part)| part.as_deref().unwrap_or(p))
    }

    /// Per paragraph: `Some(new sentences)` when earlier paragraphs of the
    /// story already carry its other sentences.
    pub fn partly_known(&self) -> &[Option<String>] {
        &self.partial
    }
}

/// An incremental index for a pipeline that runs for days: ingest documents
/// as they arrive and learn, per document, which story it joins and which of
/// its paragraphs are already known.
///
/// It applies the [`Sifter`]'s cleaning, shingling, verification and
/// story-link rule, but one document against everything before it instead of
/// a whole batch at once, and it keeps no text: per paragraph only 32-bit
/// shingle keys and a few postings. With the `serde` feature it can be
/// saved and loaded (a versioned format, [`INDEX_FORMAT_VERSION`]); the
/// postings are rebuilt on load.
///
/// Stories are linked as in the batch: by copied text (strong links join,
/// weak ones only place a lone document, unless what it says besides has
/// nothing to do with that story), then by lexical similarity (a rewrite or
/// a brief joins the story it reports; the index keeps document
/// frequencies and a term profile per story for that, and saves them).
///
/// Differences from [`Sifter::sift`]: a document is judged against earlier
/// documents only, so the first version of a story to arrive is never
/// marked as known content, and stories merge when a later document links
/// two of them ([`Added::merged`]). A lexical merge needs one side to be a
/// single document (a young story may not show its copies yet), at most
/// one per new document; the document frequencies are those known when a
/// document arrives. On the bundled hand-written stories the index and the
/// batch agree on every document's story (`tests/stories_dev.rs`).
///
/// # Examples
///
/// ```
/// use storysift::{Document, Index, Sifter};
///
/// let mut index = Index::new(Sifter::new())?;
/// let wire = "The central bank raised its main rate by a quarter point to 4.5 per cent on Thursday.\n\n\
///             Policymakers said inflation had stayed above the target for too long and signalled more rises.\n\n\
///             The decision was unanimous, the bank said in a statement after the meeting.";
/// let first = index.add(&Document::text("a", wire))?;
/// assert!(first.is_new_story());
///
/// let copy = format!("{wire}\n\nAnalysts had expected the move after a run of strong wage data.");
/// let second = index.add(&Document::text("b", &copy))?;
/// assert_eq!(second.story(), "a");
/// assert_eq!(second.known()[0].as_ref().map(|r| r.document.as_str()), Some("a"));
/// assert_eq!(second.new_paragraphs().count(), 1);
/// assert_eq!(index.story_of("b"), Some("a"));
/// # Ok::<(), storysift::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Index {
    sifter: Sifter,
    docs: Vec<DocRec>,
    paras: Vec<ParaRec>,
    /// Every paragraph's sorted shingle keys, back to back.
    keys: Vec<u32>,
    /// Union-find parent per document (the root is the story's earliest
    /// document).
    parent: Vec<u32>,
    // Rebuilt from the above on load:
    by_id: AHashMap<Box<str>, u32>,
    /// Key -> newest posting; postings link to the previous one.
    heads: AHashMap<u32, u32>,
    postings: Vec<(u32, u32)>,
    /// Hash of a whole key set -> first paragraph with exactly that set,
    /// and how many paragraphs have it (its carriers: a line in more than
    /// `max_bucket` is *popular*, see `insert`).
    exact: AHashMap<u64, (u32, u32)>,
    /// Documents per story, at its root (see `insert`'s narrow links).
    sizes: Vec<u32>,
    /// Lexical story links: document frequencies and story profiles.
    lex: Lexicon,
    /// Exact key-set hashes of the template lines found so far (lines
    /// recurring across stories; see [`Index::template_lines`]).
    templates: AHashSet<u64>,
    scratch: Featurizer,
}

/// A prepared document: cleaned and shingled, not yet indexed.
struct Prepared {
    cleaned: Cleaned,
    keys: Vec<Vec<u32>>,
    /// Per paragraph, [`set_hash`] of its keys (made in the parallel part).
    hashes: Vec<u64>,
    /// The document's term profile (with lexical links on).
    profile: Option<Profile>,
}

impl Index {
    /// An empty index using the sifter's settings.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] if the sifter has a custom
    /// [`Similarity`](crate::Similarity) or a sentence encoder: both judge
    /// two paragraphs' texts, and the index keeps no text of the documents
    /// it has seen (use a batch, [`Sifter::sift`], for them).
    pub fn new(sifter: Sifter) -> Result<Index> {
        let text_judge = if sifter.cfg.similarity.is_some() {
            Some("similarity")
        } else {
            sifter.encoder_knob()
        };
        if let Some(knob) = text_judge {
            return Err(Error::InvalidConfig {
                knob,
                reason: "the Index keeps no text of earlier documents, so it cannot apply a \
                         judge of two paragraphs' texts; build its Sifter without it, or sift \
                         batches"
                    .into(),
            });
        }
        Ok(Index {
            sifter,
            docs: Vec::new(),
            paras: Vec::new(),
            keys: Vec::new(),
            parent: Vec::new(),
            by_id: AHashMap::new(),
            heads: AHashMap::new(),
            postings: Vec::new(),
            exact: AHashMap::new(),
            sizes: Vec::new(),
            lex: Lexicon::default(),
            templates: AHashSet::new(),
            scratch: Featurizer::default(),
        })
    }

    /// Cleans a document, finds its story and its known paragraphs, and
    /// indexes it.
    ///
    /// # Errors
    ///
    /// [`Error::DuplicateId`] if the id was indexed before, and
    /// [`Error::TooLarge`] for a document over the size limit; either way
    /// nothing is indexed.
    pub fn add(&mut self, doc: &impl AsDocument) -> Result<Added> {
        let doc = &doc.as_document();
        if self.by_id.contains_key(doc.id()) {
            return Err(Error::DuplicateId {
                id: doc.id().to_owned(),
            });
        }
        let prepared = self.prepare(doc)?;
        Ok(self.insert(doc.id(), doc.outlet_name(), prepared))
    }

    /// [`add`](Self::add) for a chunk of documents: cleaning and shingling
    /// run in parallel on the rayon pool, then the documents are indexed in
    /// order, each against everything before it (earlier documents of the
    /// same chunk included). The results are the same as adding them one by
    /// one, whatever the thread count.
    pub fn add_all<D: AsDocument>(&mut self, docs: &[D]) -> Vec<Result<Added>> {
        let docs: Vec<Document<'_>> = docs.iter().map(AsDocument::as_document).collect();
        let docs = docs.as_slice();
        // A pipeline over sub-chunks: while this thread indexes one (the
        // sequential part), the pool cleans and shingles the next.
        const SUB: usize = 256;
        let sifter = self.sifter.clone();
        let prepare = |chunk: &[Document<'_>]| -> Vec<Result<Prepared>> {
            par::map_init(chunk, PrepScratch::default, |scratch, d| {
                prepare_with(&sifter, d, scratch)
            })
        };
        let mut out = Vec::with_capacity(docs.len());
        let mut chunks = docs.chunks(SUB);
        let mut ready = chunks.next().map(prepare);
        let mut done = 0;
        while let Some(prepared) = ready.take() {
            let this = &docs[done..done + prepared.len()];
            done += prepared.len();
            let next = chunks.next();
            let (added, next) = par::join(
                || {
                    this.iter()
                        .zip(prepared)
                        .map(|(d, p)| {
                            if self.by_id.contains_key(d.id()) {
                                return Err(Error::DuplicateId {
                                    id: d.id().to_owned(),
                                });
                            }
                            Ok(self.insert(d.id(), d.outlet_name(), p?))
                        })
                        .collect::<Vec<_>>()
                },
                || next.map(prepare),
            );
            out.extend(added);
            ready = next;
        }
        out
    }

    /// The story of an indexed document, named by the story's earliest
    /// document (a document whose story merged into an older one answers
    /// with the older story's name from then on; see [`Added::story`]).
    pub fn story_of(&self, id: &str) -> Option<&str> {
        let &d = self.by_id.get(id)?;
        Some(&self.docs[self.root(d) as usize].id)
    }

    /// Documents indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Paragraphs indexed.
    pub fn paragraphs(&self) -> usize {
        self.paras.len()
    }

    /// Heap bytes held by the index (capacities of its tables, hash-map
    /// control bytes included; an estimate of the allocator's view).
    pub fn heap_bytes(&self) -> usize {
        fn map<K, V>(m: &AHashMap<K, V>) -> usize {
            m.capacity() * (std::mem::size_of::<(K, V)>() + 1)
        }
        let ids: usize = self
            .docs
            .iter()
            .map(|d| d.id.len() + d.outlet.as_ref().map_or(0, |o| o.len()))
            .sum();
        self.docs.capacity() * std::mem::size_of::<DocRec>()
            + ids * 2
            + self.paras.capacity() * std::mem::size_of::<ParaRec>()
            + self.keys.capacity() * 4
            + self.parent.capacity() * 4
            + map(&self.by_id)
            + map(&self.heads)
            + self.postings.capacity() * 8
            + map(&self.exact)
            + self.sizes.capacity() * 4
            + self.lex.heap_bytes()
            + self.templates.capacity() * 9
    }

    /// Template lines of a new document of story `root`, as in the batch
    /// (DESIGN.md, "Template lines"): paragraphs whose exact text an
    /// earlier document of another story carries, or that were found to
    /// be template lines before, and whose terms this document hardly uses
    /// elsewhere. Returned as sorted paragraph indices; each is remembered,
    /// so later documents of any story lose it too. The earlier documents
    /// that carried a line before it recurred keep it (their answers were
    /// given). Runs only with lexical links on (it needs the document
    /// frequencies) and costs a paragraph profile per paragraph only for
    /// documents that hold a recurring line.
    fn template_lines(&mut self, root: u32, prep: &Prepared) -> Vec<usize> {
        if !self.sifter.cfg.cross_story_templates || prep.profile.is_none() {
            return Vec::new();
        }
        let recurring: Vec<bool> =
            prep.keys
                .iter()
                .zip(&prep.hashes)
                .map(|(keys, h)| {
                    !keys.is_empty() && {
                        self.templates.contains(h)
                            || self.exact.get(h).is_some_and(|&(p, _)| {
                                self.root(self.paras[p as usize].doc) != root
                            })
                    }
                })
                .collect();
        if !recurring.contains(&true) {
            return Vec::new();
        }
        let mut scratch = crate::terms::Scratch::default();
        let mut buf = Vec::new();
        let profiles: Vec<Profile> = prep
            .cleaned
            .paragraphs()
            .iter()
            .map(|p| lexical::profile(std::slice::from_ref(p), &mut scratch, &mut buf))
            .collect();
        let (mut shared, mut own_mass) = (0.0, 0.0);
        let mut own: Vec<u32> = Vec::new();
        for (p, &r) in profiles.iter().zip(&recurring) {
            if r {
                shared += template::mass(p);
            } else {
                own_mass += template::mass(p);
                own.extend(p.terms.iter().map(|x| x.0));
            }
        }
        if template::mostly_recurring(shared, own_mass) {
            return Vec::new();
        }
        own.sort_unstable();
        own.dedup();
        let lines: Vec<usize> = (0..profiles.len())
            .filter(|&i| {
                recurring[i]
                    && template::overlap(&profiles[i], &own, &self.lex.idf)
                        < template::MAX_TEMPLATE_OVERLAP
            })
            .collect();
        for &i in &lines {
            self.templates.insert(prep.hashes[i]);
        }
        lines
    }

    fn prepare(&self, doc: &Document<'_>) -> Result<Prepared> {
        prepare_with(&self.sifter, doc, &mut PrepScratch::default())
    }

    fn root(&self, d: u32) -> u32 {
        root_of(&self.parent, d)
    }

    fn para_keys(&self, p: u32) -> &[u32] {
        let start = self.paras[p as usize].start as usize;
        let end = self
            .paras
            .get(p as usize + 1)
            .map_or(self.keys.len(), |n| n.start as usize);
        &self.keys[start..end]
    }

    /// Earlier paragraphs that are near-duplicates of `keys`, with the
    /// shared key count.
    fn matches(
        &self,
        keys: &[u32],
        hash: u64,
        hits: &mut AHashMap<u32, u32>,
        out: &mut Vec<(u32, u32)>,
    ) {
        out.clear();
        if keys.is_empty() {
            return;
        }
        let min_c = self.sifter.min_containment();
        if let Some(&(p, _)) = self.exact.get(&hash) {
            out.push((p, keys.len() as u32));
        }
        hits.clear();
        for key in keys {
            let mut at = self.heads.get(key).copied().unwrap_or(NONE);
            let mut walked = 0;
            while at != NONE && walked < SCAN_PER_KEY {
                let (p, prev) = self.postings[at as usize];
                *hits.entry(p).or_insert(0) += 1;
                at = prev;
                walked += 1;
            }
        }
        let mut cands: Vec<(u32, u32)> = hits.iter().map(|(&p, &h)| (h, p)).collect();
        // Most hits first, then oldest: deterministic.
        cands.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, p) in cands.iter().take(VERIFY_PER_PARAGRAPH) {
            if out.first().is_some_and(|&(q, _)| q == p) {
                continue;
            }
            let other = self.para_keys(p);
            let shared = intersection(keys, other);
            if verify::decide(keys.len(), other.len(), shared, min_c) {
                out.push((p, shared as u32));
            }
        }
    }

    fn insert(&mut self, id: &str, outlet: Option<&str>, mut prep: Prepared) -> Added {
        let d = self.docs.len() as u32;
        // 1. Matches per paragraph, and the evidence per earlier document.
        let mut hits = AHashMap::new();
        let mut found = Vec::new();
        let mut per_para: Vec<Vec<(u32, u32)>> = Vec::with_capacity(prep.keys.len());
        // Per earlier document: long shared paragraphs, shared keys, and
        // which of this document's paragraphs take part.
        let mut evidence: AHashMap<u32, (usize, usize, Vec<u32>)> = AHashMap::new();
        for (i, (keys, &hash)) in prep.keys.iter().zip(&prep.hashes).enumerate() {
            self.matches(keys, hash, &mut hits, &mut found);
            let mut docs_seen: Vec<u32> = Vec::new();
            for &(p, shared) in &found {
                let e = self.paras[p as usize].doc;
                if docs_seen.contains(&e) {
                    continue;
                }
                docs_seen.push(e);
                let long = keys.len().min(self.para_keys(p).len()) >= MIN_LINK_SHINGLES;
                let ev = evidence.entry(e).or_insert((0, 0, Vec::new()));
                ev.0 += usize::from(long);
                ev.1 += shared as usize;
                ev.2.push(i as u32);
            }
            per_para.push(found.clone());
        }
        // 2. Stories linked by the batch story rule.
        let mass: usize = prep.keys.iter().map(Vec::len).sum();
        // As in the batch: a strong link (half the smaller document shared)
        // joins outright; weak links only place a document that no strong
        // link placed, in the one story it shares most with, and never
        // join two stories; a weak link is dropped when what the document
        // says besides has nothing to do with that story (an outlet's
        // tagline shared by its briefs of unrelated stories).
        let mut strong: Vec<u32> = Vec::new();
        let mut weak: Vec<(u64, u32, Vec<u32>)> = Vec::new();
        // As in the batch, a *thin* link (fewer shared paragraphs than the
        // story rule's count, each of this document's carried by more than
        // `max_bucket` earlier paragraphs, under half of the larger
        // document) counts only as a weak link, and only when each of those
        // lines is a story's own: most of the earlier carriers found for it
        // are in one story. A related-stories headline that thousands of
        // documents carry links nothing (DESIGN.md, "Stories").
        let cap = self.sifter.cfg.max_bucket;
        let min_paras = self.sifter.cfg.story_min_shared_paragraphs;
        let popular: Vec<bool> = prep
            .hashes
            .iter()
            .zip(&prep.keys)
            .map(|(h, keys)| {
                !keys.is_empty() && self.exact.get(h).is_some_and(|&(_, n)| n as usize > cap)
            })
            .collect();
        let own = |i: u32| {
            let mut roots: Vec<u32> = per_para[i as usize]
                .iter()
                .map(|&(p, _)| self.root(self.paras[p as usize].doc))
                .collect();
            roots.sort_unstable();
            let top = roots
                .chunk_by(|a, b| a == b)
                .map(<[_]>::len)
                .max()
                .unwrap_or(0);
            top * 2 > roots.len()
        };
        // As in the batch, a strong link resting on fewer lines than the
        // story rule's count, a minority of the larger document, is dropped
        // when each of those lines is *spread*: incidental (carried by at
        // most half of the story's documents) to two or more earlier
        // stories, none of which holds most of the line's carriers (this
        // document counted as one). A headline glued to pages of many
        // stories links none of them to a page that is mostly that headline.
        let spread = |i: u32| {
            let mut carriers: Vec<(u32, u32)> = per_para[i as usize]
                .iter()
                .map(|&(p, _)| {
                    let e = self.paras[p as usize].doc;
                    (self.root(e), e)
                })
                .collect();
            carriers.sort_unstable();
            carriers.dedup();
            let (top, incidental) =
                carriers
                    .chunk_by(|a, b| a.0 == b.0)
                    .fold((1, 0), |(t, n), run| {
                        let minor = run.len() * 2 <= self.sizes[run[0].0 as usize] as usize;
                        (t.max(run.len()), n + usize::from(minor))
                    });
            incidental >= 2 && top * 2 <= carriers.len() + 1
        };
        for (&e, (paras, shared, mine)) in &evidence {
            let other = &self.docs[e as usize];
            let small = mass.min(other.mass as usize).max(1);
            let same_outlet = outlet.is_some() && other.outlet.as_deref() == outlet;
            if !self.sifter.linked(*paras, *shared, small, same_outlet) {
                continue;
            }
            let large = mass.max(other.mass as usize);
            let thin = *paras < min_paras
                && shared * 2 < large
                && mine.iter().all(|&i| popular[i as usize]);
            if thin && !mine.iter().all(|&i| own(i)) {
                continue;
            }
            let narrow = *paras < min_paras && shared * 2 < large && shared * 2 >= small;
            if narrow && !thin && mine.iter().all(|&i| spread(i)) {
                continue;
            }
            if shared * 2 >= small && !thin {
                strong.push(self.root(e));
            } else {
                let w = *shared as u64 * 1_000_000 / small as u64;
                weak.push((w, self.root(e), mine.clone()));
            }
        }
        strong.sort_unstable();
        strong.dedup();
        let mut linked = strong;
        if linked.is_empty() {
            // Strongest first; ties by the smaller root.
            weak.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            for (_, r, mut mine) in weak {
                if prep.profile.is_some() {
                    // The remainder is profiled here, rarely: only
                    // documents placed by weak links alone get this far.
                    mine.sort_unstable();
                    mine.dedup();
                    let paras = prep.cleaned.paragraphs();
                    let rest: Vec<&str> = (0..paras.len())
                        .filter(|i| mine.binary_search(&(*i as u32)).is_err())
                        .map(|i| paras[i].as_str())
                        .collect();
                    let rest = lexical::profile(
                        &rest,
                        &mut crate::terms::Scratch::default(),
                        &mut Vec::new(),
                    );
                    if self.lex.unrelated_rest(r, &rest) {
                        continue;
                    }
                }
                linked.push(r);
                break;
            }
        }
        let mut root = linked.first().copied().unwrap_or(d);
        // 3. Record the document and merge the linked stories.
        self.parent.push(root);
        self.sizes.push(0);
        self.sizes[root as usize] += 1;
        let mut merged: Vec<u32> = linked[1.min(linked.len())..].to_vec();
        for &r in &merged {
            self.parent[r as usize] = root;
            self.sizes[root as usize] += std::mem::take(&mut self.sizes[r as usize]);
        }
        // 4. Lexical story links: the document's story (with the stories it
        // linked by copy) may join one story it reports in other words.
        let mut new_story = linked.is_empty();
        if let Some(profile) = &prep.profile {
            let mut story = self.lex.add_document(profile);
            story.core = !linked.is_empty();
            // A copy joining a story that already had copies changes
            // nothing a lexical candidate would see differently: every
            // lone document since was judged against this story on
            // arrival. Skip the search (most documents of a syndicated
            // feed take this path).
            let settled =
                linked.len() == 1 && self.lex.stories.get(&linked[0]).is_some_and(|st| st.core);
            for &r in &linked {
                if let Some(st) = self.lex.stories.remove(&r) {
                    story.absorb(st);
                }
            }
            let best = if settled {
                None
            } else {
                let parent = &self.parent;
                self.lex.best_match(&story, root, |x| root_of(parent, x))
            };
            if let Some(other) = best {
                if let Some(st) = self.lex.stories.remove(&other) {
                    story.absorb(st);
                }
                let (keep, gone) = (root.min(other), root.max(other));
                self.parent[gone as usize] = keep;
                self.sizes[keep as usize] += std::mem::take(&mut self.sizes[gone as usize]);
                if gone != d {
                    merged.push(gone);
                }
                root = keep;
                new_story = false;
            }
            self.lex
                .insert(root, story, linked.len() > 1 || !merged.is_empty());
        }
        // 5. Template lines leave the document (listed as removed) and are
        // not indexed.
        let lines = self.template_lines(root, &prep);
        if !lines.is_empty() {
            let c = &mut prep.cleaned;
            template::take_out(&mut c.paragraphs, &mut c.removed, &lines);
            let kept = |i: usize| lines.binary_search(&i).is_err();
            let mut i = 0..;
            prep.keys.retain(|_| i.next().is_some_and(kept));
            let mut i = 0..;
            prep.hashes.retain(|_| i.next().is_some_and(kept));
            let mut i = 0..;
            per_para.retain(|_| i.next().is_some_and(kept));
        }
        // Known: an earlier paragraph of the story carries at least
        // `duplicate_coverage` of this one. Otherwise, when earlier
        // paragraphs of the story carry some of its sentences, only the
        // other sentences are new (as in the batch's sentence trimming).
        let coverage = self.sifter.duplicate_coverage();
        let k = self.sifter.shingle_words();
        let mut known: Vec<Option<ParagraphRef>> = Vec::with_capacity(per_para.len());
        let mut partial: Vec<Option<String>> = Vec::with_capacity(per_para.len());
        let mut seen: Vec<u32> = Vec::new();
        for ((ms, keys), text) in per_para
            .iter()
            .zip(&prep.keys)
            .zip(prep.cleaned.paragraphs())
        {
            let same: Vec<(u32, u32)> = ms
                .iter()
                .copied()
                .filter(|&(p, _)| self.root(self.paras[p as usize].doc) == root)
                .collect();
            let full = same
                .iter()
                .filter(|&&(_, shared)| f64::from(shared) >= coverage * keys.len() as f64)
                .map(|&(p, _)| p)
                .min();
            let mut trimmed = None;
            let mut source = full;
            if full.is_none() && !same.is_empty() {
                seen.clear();
                for &(p, _) in &same {
                    seen.extend_from_slice(self.para_keys(p));
                }
                seen.sort_unstable();
                seen.dedup();
                let is_seen = |h: u32| seen.binary_search(&h).is_ok();
                match assemble::trim_sentences(text, is_seen, coverage, k, &mut self.scratch) {
                    Trim::Whole => {}
                    Trim::Part(t) => trimmed = Some(t),
                    Trim::Nothing => {
                        source = same
                            .iter()
                            .max_by_key(|&&(p, sh)| (sh, std::cmp::Reverse(p)))
                            .map(|&(p, _)| p);
                    }
                }
            }
            known.push(source.map(|p| self.paragraph_ref(p)));
            partial.push(trimmed);
        }
        let first = self.paras.len() as u32;
        for (keys, &hash) in prep.keys.iter().zip(&prep.hashes) {
            let p = self.paras.len() as u32;
            self.paras.push(ParaRec {
                doc: d,
                start: self.keys.len() as u32,
            });
            self.keys.extend_from_slice(keys);
            self.post(p, keys, hash);
        }
        self.docs.push(DocRec {
            id: id.into(),
            outlet: outlet.map(Into::into),
            first,
            count: prep.keys.len() as u32,
            mass: mass as u32,
        });
        self.by_id.insert(id.into(), d);
        merged.sort_unstable();
        Added {
            story: self.docs[root as usize].id.to_string(),
            new_story,
            merged: merged
                .iter()
                .map(|&r| self.docs[r as usize].id.to_string())
                .collect(),
            known,
            partial,
            cleaned: prep.cleaned,
        }
    }

    /// Posts a new paragraph's keys (all of a short one's, a sample of a
    /// long one's) and records its exact key set.
    fn post(&mut self, p: u32, keys: &[u32], hash: u64) {
        if keys.is_empty() {
            return;
        }
        self.exact.entry(hash).or_insert((p, 0)).1 += 1;
        let all = keys.len() <= POST_ALL_BELOW;
        for &k in keys {
            if all || k % SAMPLE_EVERY == 0 {
                let at = self.postings.len() as u32;
                let prev = self.heads.insert(k, at).unwrap_or(NONE);
                self.postings.push((p, prev));
            }
        }
    }

    fn paragraph_ref(&self, p: u32) -> ParagraphRef {
        let rec = self.paras[p as usize];
        let doc = &self.docs[rec.doc as usize];
        ParagraphRef {
            document: doc.id.to_string(),
            paragraph: (p - doc.first) as usize,
        }
    }

    /// Rebuilds the lookup tables from the stored records (after loading).
    #[cfg(feature = "serde")]
    fn rebuild(&mut self) {
        self.by_id = self
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), i as u32))
            .collect();
        self.heads = AHashMap::new();
        self.postings = Vec::new();
        self.exact = AHashMap::new();
        self.sizes = vec![0; self.docs.len()];
        for d in 0..self.docs.len() as u32 {
            let r = self.root(d);
            self.sizes[r as usize] += 1;
        }
        for p in 0..self.paras.len() as u32 {
            let keys = self.para_keys(p).to_vec();
            self.post(p, &keys, set_hash(&keys));
        }
    }
}

/// Cleans and shingles a document (no index state needed).
/// Reusable buffers of [`prepare_with`] (one per worker).
#[derive(Default)]
struct PrepScratch {
    fz: Featurizer,
    terms: crate::terms::Scratch,
    buf: Vec<crate::terms::Term>,
}

fn prepare_with(
    sifter: &Sifter,
    doc: &Document<'_>,
    scratch: &mut PrepScratch,
) -> Result<Prepared> {
    let cleaned = sifter.clean(doc)?;
    // A page that is not a story candidate starts a story of its own and
    // leaves nothing for later documents to match (as in a batch).
    if !sifter.groups(cleaned.page_kind()) {
        let n = cleaned.paragraphs().len();
        return Ok(Prepared {
            keys: vec![Vec::new(); n],
            hashes: vec![set_hash(&[]); n],
            cleaned,
            profile: None,
        });
    }
    let fz = &mut scratch.fz;
    let k = sifter.shingle_words();
    let keys: Vec<Vec<u32>> = cleaned
        .paragraphs()
        .iter()
        .map(|p| key_set(fz.shingles(p, k)))
        .collect();
    let hashes = keys.iter().map(|k| set_hash(k)).collect();
    let profile = sifter
        .cfg
        .lexical_links
        .then(|| lexical::profile(cleaned.paragraphs(), &mut scratch.terms, &mut scratch.buf));
    Ok(Prepared {
        cleaned,
        keys,
        hashes,
        profile,
    })
}

/// A paragraph's 32-bit keys (the high halves of its 64-bit shingle
/// hashes, sorted and deduplicated, as the featurizer gives them).
fn key_set(shingles: &[u32]) -> Vec<u32> {
    debug_assert!(shingles.windows(2).all(|w| w[0] < w[1]));
    shingles.to_vec()
}

/// A stable hash of a whole key set (FNV-1a over the keys, then fmix64).
fn set_hash(keys: &[u32]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &k in keys {
        h ^= u64::from(k);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h
}

#[cfg(feature = "serde")]
mod persist {
    //! The persisted form: format name, version, the settings that shape
    //! keys and verdicts, and the records. Lookup tables are rebuilt.

    use super::*;
    use crate::story::lexical::StoryTerms;

    /// The settings that shape what the index stores and decides, besides
    /// the shingle size.
    #[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Settings {
        min_containment: f64,
        duplicate_coverage: f64,
        story_min_shared_paragraphs: usize,
        lexical_links: bool,
        #[serde(default)]
        group_all_kinds: bool,
    }

    impl Settings {
        fn of(sifter: &Sifter) -> Settings {
            Settings {
                min_containment: sifter.cfg.min_containment,
                duplicate_coverage: sifter.cfg.duplicate_coverage,
                story_min_shared_paragraphs: sifter.cfg.story_min_shared_paragraphs,
                lexical_links: sifter.cfg.lexical_links,
                group_all_kinds: sifter.cfg.group_all_kinds,
            }
        }

        /// Each setting with its name, as text.
        fn named(&self) -> [(&'static str, String); 5] {
            [
                ("min_containment", self.min_containment.to_string()),
                ("duplicate_coverage", self.duplicate_coverage.to_string()),
                (
                    "story_min_shared_paragraphs",
                    self.story_min_shared_paragraphs.to_string(),
                ),
                ("lexical_links", self.lexical_links.to_string()),
                ("group_all_kinds", self.group_all_kinds.to_string()),
            ]
        }

        /// `name saved (saved) vs given` for each setting that differs.
        fn differences(&self, given: &Settings) -> Vec<String> {
            self.named()
                .into_iter()
                .zip(given.named())
                .filter(|((_, a), (_, b))| a != b)
                .map(|((name, a), (_, b))| format!("{name} {a} (saved) vs {b}"))
                .collect()
        }
    }

    #[derive(serde::Serialize)]
    struct StoredRef<'a> {
        format: &'a str,
        version: u32,
        shingle_words: usize,
        settings: Settings,
        docs: &'a [DocRec],
        paras: &'a [ParaRec],
        keys: &'a [u32],
        parent: &'a [u32],
        lexicon: StoredLexicon,
        templates: Vec<u64>,
    }

    /// The lexical records, sorted so that saving is deterministic.
    #[derive(serde::Serialize, serde::Deserialize)]
    struct StoredLexicon {
        docs: u32,
        df: Vec<(u32, u32)>,
        stories: Vec<(u32, StoryTerms)>,
    }

    #[derive(serde::Deserialize)]
    struct Stored {
        format: String,
        version: u32,
        shingle_words: usize,
        /// Absent in version 2.
        #[serde(default)]
        settings: Option<Settings>,
        docs: Vec<DocRec>,
        paras: Vec<ParaRec>,
        keys: Vec<u32>,
        parent: Vec<u32>,
        lexicon: StoredLexicon,
        /// Absent before version 4.
        #[serde(default)]
        templates: Vec<u64>,
    }

    impl serde::Serialize for Index {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            StoredRef {
                format: INDEX_FORMAT,
                version: INDEX_FORMAT_VERSION,
                shingle_words: self.sifter.shingle_words(),
                settings: Settings::of(&self.sifter),
                docs: &self.docs,
                paras: &self.paras,
                keys: &self.keys,
                parent: &self.parent,
                lexicon: {
                    let mut df: Vec<(u32, u32)> =
                        self.lex.idf.df.iter().map(|(&k, &v)| (k, v)).collect();
                    df.sort_unstable();
                    let mut stories: Vec<(u32, StoryTerms)> = self
                        .lex
                        .stories
                        .iter()
                        .map(|(&r, st)| (r, st.clone()))
                        .collect();
                    stories.sort_unstable_by_key(|x| x.0);
                    StoredLexicon {
                        docs: self.lex.idf.docs,
                        df,
                        stories,
                    }
                },
                templates: {
                    let mut t: Vec<u64> = self.templates.iter().copied().collect();
                    t.sort_unstable();
                    t
                },
            }
            .serialize(s)
        }
    }

    impl Index {
        /// Restores a saved index (deserialised with any serde format) for
        /// use with `sifter`, whose shingle size and verdict settings must
        /// be the ones the index was built with.
        ///
        /// ```
        /// use storysift::{Document, Index, SavedIndex, Sifter};
        ///
        /// let mut index = Index::new(Sifter::new())?;
        /// index.add(&Document::text("a", "The council approved the budget on Monday after a long debate."))?;
        /// let json = serde_json::to_string(&index).expect("an index serialises");
        ///
        /// // Later, in another process:
        /// let saved: SavedIndex = serde_json::from_str(&json).expect("valid JSON");
        /// let mut index = Index::from_saved(saved, Sifter::new())?;
        /// let b = index.add(&Document::text("b", "The council approved the budget on Monday after a long debate."))?;
        /// assert_eq!(b.story(), "a");
        /// # Ok::<(), storysift::Error>(())
        /// ```
        ///
        /// # Errors
        ///
        /// [`Error::SavedIndex`] if the data is not a storysift index of
        /// this format version, was built with another shingle size, or is
        /// inconsistent: documents, paragraphs, keys and stories must refer
        /// to each other as an index writes them (each document's
        /// paragraphs follow the previous document's, each paragraph names
        /// its document, keys are in order, every story record is at a
        /// root).
        pub fn from_saved(saved: SavedIndex, sifter: Sifter) -> Result<Index> {
            let st = saved.0;
            let bad = |reason: String| Error::SavedIndex { reason };
            if st.format == INDEX_FORMAT && st.version < 2 {
                return Err(bad(format!(
                    "this index was saved by format version {}; version {INDEX_FORMAT_VERSION} \
                     adds the lexical story records, which cannot be rebuilt without the \
                     documents' text: index the documents again",
                    st.version
                )));
            }
            if st.format != INDEX_FORMAT || !(2..=INDEX_FORMAT_VERSION).contains(&st.version) {
                return Err(bad(format!(
                    "expected {INDEX_FORMAT} version {INDEX_FORMAT_VERSION}, found {} version {}",
                    st.format, st.version
                )));
            }
            if st.shingle_words != sifter.shingle_words() {
                return Err(bad(format!(
                    "the index uses {}-word shingles, the sifter {}",
                    st.shingle_words,
                    sifter.shingle_words()
                )));
            }
            if let Some(saved) = &st.settings {
                let diffs = saved.differences(&Settings::of(&sifter));
                if !diffs.is_empty() {
                    return Err(bad(format!(
                        "the index was built with other settings ({}): load it with a sifter \
                         built with the saved ones, or index the documents again",
                        diffs.join(", ")
                    )));
                }
            }
            let n_docs = st.docs.len();
            // Documents tile the paragraphs in order, and each paragraph
            // names the document whose range holds it.
            let mut next = 0usize;
            let mut tiled = true;
            for (i, d) in st.docs.iter().enumerate() {
                let (first, count) = (d.first as usize, d.count as usize);
                tiled &= first == next
                    && first + count <= st.paras.len()
                    && st.paras[first..first + count]
                        .iter()
                        .all(|p| p.doc as usize == i);
                if !tiled {
                    break;
                }
                next = first + count;
            }
            tiled &= next == st.paras.len();
            let ok = tiled
                && st.paras.first().is_none_or(|p| p.start == 0)
                && st.parent.len() == n_docs
                && st
                    .parent
                    .iter()
                    .enumerate()
                    .all(|(i, &p)| (p as usize) <= i)
                && st
                    .paras
                    .iter()
                    .all(|p| (p.doc as usize) < n_docs && (p.start as usize) <= st.keys.len())
                && st.paras.windows(2).all(|w| w[0].start <= w[1].start)
                && st
                    .docs
                    .iter()
                    .all(|d| (d.first as usize + d.count as usize) <= st.paras.len())
                && st.lexicon.stories.iter().all(|(r, t)| {
                    (*r as usize) < n_docs
                        && st.parent[*r as usize] == *r
                        && t.sum.windows(2).all(|w| w[0].0 < w[1].0)
                        // Weights are finite and not negative: a non-finite
                        // one poisons every similarity and cannot be saved
                        // again.
                        && t.sum.iter().all(|x| x.1.is_finite() && x.1 >= 0.0)
                        && t.numbers.windows(2).all(|w| w[0] < w[1])
                        && t.names.windows(2).all(|w| w[0] < w[1])
                });
            if !ok {
                return Err(bad("inconsistent index data".into()));
            }
            let mut index = Index::new(sifter)?;
            index.docs = st.docs;
            index.paras = st.paras;
            index.keys = st.keys;
            index.parent = st.parent;
            index.lex.idf.docs = st.lexicon.docs;
            index.lex.idf.df = st.lexicon.df.into_iter().collect();
            index.lex.stories = st.lexicon.stories.into_iter().collect();
            index.templates = st.templates.into_iter().collect();
            index.lex.rebuild();
            index.rebuild();
            Ok(index)
        }
    }

    /// A deserialised [`Index`], checked and rebuilt by
    /// [`Index::from_saved`].
    ///
    /// ```
    /// use storysift::{Index, SavedIndex, Sifter};
    ///
    /// let json = serde_json::to_string(&Index::new(Sifter::new())?).expect("serialises");
    /// let saved: SavedIndex = serde_json::from_str(&json).expect("valid");
    /// assert!(Index::from_saved(saved, Sifter::new())?.is_empty());
    /// // Not an index at all:
    /// assert!(serde_json::from_str::<SavedIndex>("{}").is_err());
    /// # Ok::<(), storysift::Error>(())
    /// ```
    #[derive(serde::Deserialize)]
    #[serde(transparent)]
    pub struct SavedIndex(Stored);

    impl std::fmt::Debug for SavedIndex {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("SavedIndex")
                .field("documents", &self.0.docs.len())
                .finish()
        }
    }
}

#[cfg(feature = "serde")]
pub use persist::SavedIndex;

/// The root of `d` in the union-find `parent`.
fn root_of(parent: &[u32], mut d: u32) -> u32 {
    while parent[d as usize] != d {
        d = parent[d as usize];
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Document;

    #[test]
    fn key_sets_are_stable() {
        // Golden values: the keys are part of the saved format. A change
        // here must bump INDEX_FORMAT_VERSION.
        let mut fz = Featurizer::default();
        let keys = key_set(&fz.features("The Kremlin said on Tuesday.", 3).shingles);
        assert_eq!(keys.len(), 3);
        assert_eq!(set_hash(&keys), set_hash(&keys.clone()));
        let golden = [keys[0], keys[1], keys[2], set_hash(&keys) as u32];
        assert_eq!(golden, GOLDEN);
    }

    const GOLDEN: [u32; 4] = [1421562788, 2663850138, 3927963684, 1731494297];

    #[test]
    fn chunks_and_single_adds_agree() {
        const WIRE: [[&str; 3]; 3] = [
            [
                "A strong earthquake struck off the northern coast early on Monday, shaking buildings in the capital.",
                "The national seismology centre put the magnitude at 6.8 and said there was no tsunami threat.",
                "Residents of coastal towns spent the night outside as aftershocks continued for several hours.",
            ],
            [
                "Union members voted by a wide margin to accept the pay offer, ending a strike that began in March.",
                "The deal raises wages by nine per cent over two years and restores overtime rates cut last year.",
                "Trains are expected to run a normal timetable from Thursday, the operator said in a statement.",
            ],
            [
                "The city council approved a plan to plant forty thousand trees along its main roads by 2030.",
                "Officials said the trees would lower summer temperatures in the densest districts by up to two degrees.",
                "Opposition members questioned the cost of watering the saplings during the first dry summers.",
            ],
        ];
        let docs: Vec<String> = (0..12)
            .map(|i| {
                const OWN: [&str; 4] = [
                    "Our correspondent adds that local shops stayed shut all morning.",
                    "Readers can send questions to the newsroom through the usual form.",
                    "The ministry published fresh figures on Thursday afternoon.",
                    "Weather forecasters expect rain across the region by Friday evening.",
                ];
                let w = &WIRE[i % 3];
                format!("{}\n\n{}\n\n{}\n\n{}", w[0], w[1], w[2], OWN[i / 3])
            })
            .collect();
        let ids: Vec<String> = (0..12).map(|i| format!("d{i}")).collect();
        let batch: Vec<Document<'_>> = ids
            .iter()
            .zip(&docs)
            .map(|(id, b)| Document::text(id, b))
            .collect();
        let mut one = Index::new(Sifter::new()).unwrap();
        let singles: Vec<Added> = batch.iter().map(|d| one.add(d).unwrap()).collect();
        let mut chunked = Index::new(Sifter::new()).unwrap();
        let all: Vec<Added> = chunked
            .add_all(&batch)
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(singles, all);
        for (i, a) in all.iter().enumerate() {
            assert_eq!(a.story(), format!("d{}", i % 3));
            assert_eq!(a.is_new_story(), i < 3);
            let known = a.known().iter().filter(|k| k.is_some()).count();
            assert_eq!(known, if i < 3 { 0 } else { 3 }, "doc {i}");
        }
        assert!(chunked.add(&batch[0]).is_err());
        assert_eq!(chunked.len(), 12);
        // Each own line recurs in three stories: a template line from its
        // second carrier on (12 × 4 paragraphs, 4 × 2 template lines).
        assert_eq!(chunked.paragraphs(), 40);
        assert!(chunked.heap_bytes() > 0);
    }
}
