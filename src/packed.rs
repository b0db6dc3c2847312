//! A batch's clean output held compactly until the reports are built.
//!
//! A syndicated batch says the same things many times: half of its clean
//! paragraphs are verbatim copies of another document's, and most removed
//! blocks are an outlet's chrome, ad markers and prompts that recur in
//! every page of that outlet. [`Texts`] stores each distinct text once, and
//! a [`Packed`] document refers to its paragraphs and removed blocks by
//! text id (with a one-byte reason), where [`Cleaned`] keeps one
//! allocation and a 56-byte record per removed block.

use ahash::AHashMap;

use crate::boilerplate::Cleaned;
use crate::report::{Reason, Removed};
use crate::{Metadata, PageKind};

/// Each distinct text once.
#[derive(Debug)]
pub(crate) struct Texts {
    /// Strings, not boxed slices: a string built with a little spare room
    /// keeps it (boxing would copy most of them once more).
    texts: Vec<String>,
    /// How many packed paragraphs and removed blocks use each text.
    uses: Vec<u32>,
    /// A text's 64-bit hash → its id. A different text whose hash is taken
    /// (never seen in practice) goes to the next free hash value, so equal
    /// texts in use always have one id.
    index: AHashMap<u64, u32>,
    /// Copies of stored texts, to be freed in parallel after a chunk.
    garbage: Vec<String>,
}

/// The hash of a text (fixed seeds: which copy of a text is stored does not
/// depend on the process; it cannot change any output either way).
fn hash(text: &str) -> u64 {
    ahash::RandomState::with_seeds(1, 2, 3, 4).hash_one(text)
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            texts: Vec::new(),
            uses: Vec::new(),
            index: AHashMap::new(),
            garbage: Vec::new(),
        }
    }
}

impl Texts {
    /// The id of `text` (whose [`hash`] is `h`), stored if new.
    fn intern(&mut self, text: String, mut h: u64) -> u32 {
        use std::collections::hash_map::Entry;
        let id = self.texts.len() as u32;
        loop {
            match self.index.entry(h) {
                Entry::Occupied(o) => {
                    let old = *o.get();
                    // A released text (no use left) is empty and matches
                    // no text in use: probing goes on past it.
                    if self.uses[old as usize] > 0 && self.texts[old as usize] == text {
                        self.uses[old as usize] += 1;
                        self.garbage.push(text);
                        return old;
                    }
                    h = h.wrapping_add(1);
                }
                Entry::Vacant(v) => {
                    v.insert(id);
                    break;
                }
            }
        }
        self.texts.push(text);
        self.uses.push(1);
        id
    }

    /// How many ids were given (texts stored, in use or not).
    pub(crate) fn len(&self) -> usize {
        self.texts.len()
    }

    /// Frees the copies [`intern`](Self::intern) found, in parallel (the
    /// interning itself is the serial part of adding a chunk).
    pub(crate) fn collect_garbage(&mut self) {
        crate::par::for_each_mut(&mut self.garbage, |s| drop(std::mem::take(s)));
        self.garbage.clear();
    }

    /// The text of `id`.
    pub(crate) fn get(&self, id: u32) -> &str {
        &self.texts[id as usize]
    }

    /// No more texts will be added: drops the lookup table.
    pub(crate) fn seal(&mut self) {
        self.index = AHashMap::new();
    }

    /// One less use of a document that is dropped unreported.
    pub(crate) fn release(&mut self, id: u32) {
        let u = &mut self.uses[id as usize];
        *u = u.saturating_sub(1);
        if *u == 0 {
            self.texts[id as usize] = String::new();
        }
    }

    /// The text of `id` as an owned string for one use: the last use takes
    /// the stored text, the others copy it. Taking every use once leaves
    /// the store empty, so reports are built without holding the texts
    /// twice.
    pub(crate) fn take(&mut self, id: u32) -> String {
        let u = &mut self.uses[id as usize];
        *u = u.saturating_sub(1);
        if *u == 0 {
            std::mem::take(&mut self.texts[id as usize])
        } else {
            self.texts[id as usize].to_string()
        }
    }
}

/// The removed-block reasons cleaning gives, by one-byte tag.
const REASONS: [Reason; 20] = [
    Reason::Title,
    Reason::AdMarker,
    Reason::HeadlineList,
    Reason::PhotoCredit,
    Reason::Caption,
    Reason::Prompt,
    Reason::ContactNote,
    Reason::Byline,
    Reason::SectionLabel,
    Reason::Copyright,
    Reason::Notice,
    Reason::Comments,
    Reason::Separator,
    Reason::Chrome,
    Reason::AdSlot,
    Reason::LinkList,
    Reason::OutsideMainContent,
    Reason::ReplacedByStructuredData,
    Reason::ReplacedByNoscript,
    Reason::Template,
];

/// The tag of a reason that carries no data (a reason added later and
/// not listed is kept as a [`Removed`] record).
fn tag(r: &Reason) -> Option<u8> {
    REASONS.iter().position(|x| x == r).map(|i| i as u8)
}

/// A cleaned document with its texts' hashes and spare capacity freed:
/// the part of packing that runs in parallel.
#[derive(Debug)]
pub(crate) struct Prepared {
    cleaned: Cleaned,
    /// Hashes of the paragraphs, then of the removed blocks.
    hashes: Vec<u64>,
}

impl Prepared {
    pub(crate) fn new(mut c: Cleaned) -> Prepared {
        // Only where a quarter or more is spare: a copy per string costs
        // time, and most texts were built at their size.
        fn fit(s: &mut String) {
            if s.capacity() - s.len() > s.len() / 4 + 8 {
                s.shrink_to_fit();
            }
        }
        c.paragraphs.iter_mut().for_each(fit);
        c.removed.iter_mut().for_each(|r| fit(&mut r.text));
        if let Some(t) = &mut c.title {
            t.shrink_to_fit();
        }
        let hashes = (c.paragraphs.iter().map(|p| hash(p)))
            .chain(c.removed.iter().map(|r| hash(&r.text)))
            .collect();
        Prepared { cleaned: c, hashes }
    }
}

/// A cleaned document whose texts are in a [`Texts`] (the default: a
/// document with none).
#[derive(Debug, Default)]
pub(crate) struct Packed {
    pub title: Option<String>,
    /// `None` when nothing was found (most text scrapes): a metadata record
    /// is some 200 bytes of empty fields.
    metadata: Option<Box<Metadata>>,
    pub page_kind: PageKind,
    pub paragraphs: Box<[u32]>,
    /// Removed blocks in order: text ids, and reason tags beside them.
    removed: Box<[u32]>,
    reasons: Box<[u8]>,
    /// Removed blocks whose reason carries data (cleaning gives none), with
    /// their position among the removed blocks.
    other: Vec<(usize, Removed)>,
}

impl Packed {
    /// Packs `p`, its texts going to `texts`.
    pub(crate) fn new(p: Prepared, texts: &mut Texts) -> Packed {
        let Prepared { cleaned: c, hashes } = p;
        let (ph, rh) = hashes.split_at(c.paragraphs.len());
        let paragraphs = (c.paragraphs.into_iter().zip(ph))
            .map(|(p, &h)| texts.intern(p, h))
            .collect();
        let mut removed = Vec::with_capacity(c.removed.len());
        let mut reasons = Vec::with_capacity(c.removed.len());
        let mut other = Vec::new();
        for (i, (r, &h)) in c.removed.into_iter().zip(rh).enumerate() {
            match tag(&r.reason) {
                Some(t) => {
                    removed.push(texts.intern(r.text, h));
                    reasons.push(t);
                }
                None => other.push((i, r)),
            }
        }
        Packed {
            title: c.title,
            metadata: (c.metadata != Metadata::default()).then(|| Box::new(c.metadata)),
            page_kind: c.page_kind,
            paragraphs,
            removed: removed.into(),
            reasons: reasons.into(),
            other,
        }
    }

    /// The page's metadata.
    pub(crate) fn metadata(&self) -> Option<&Metadata> {
        self.metadata.as_deref()
    }

    /// The page's metadata, by value.
    pub(crate) fn take_metadata(&mut self) -> Metadata {
        self.metadata.take().map(|m| *m).unwrap_or_default()
    }

    /// The paragraphs' texts.
    pub(crate) fn paragraphs<'t>(&self, texts: &'t Texts) -> impl Iterator<Item = &'t str> {
        self.paragraphs.iter().map(|&p| texts.get(p))
    }

    /// Gives its texts' uses back (a document replaced before the reports).
    pub(crate) fn release(&self, texts: &mut Texts) {
        for &p in &self.paragraphs {
            texts.release(p);
        }
        for &r in &self.removed {
            texts.release(r);
        }
    }

    /// The paragraphs and removed blocks as owned values (see
    /// [`Texts::take`]).
    pub(crate) fn unpack(&self, texts: &mut Texts) -> (Vec<String>, Vec<Removed>) {
        let paragraphs = self.paragraphs.iter().map(|&p| texts.take(p)).collect();
        let mut removed = Vec::with_capacity(self.removed.len() + self.other.len());
        let mut other = self.other.iter().peekable();
        for (&r, &t) in self.removed.iter().zip(&self.reasons) {
            while let Some((_, o)) = other.next_if(|(i, _)| *i == removed.len()) {
                removed.push(o.clone());
            }
            removed.push(Removed {
                text: texts.take(r),
                reason: REASONS[t as usize].clone(),
            });
        }
        removed.extend(other.map(|(_, o)| o.clone()));
        (paragraphs, removed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_plain_reason_has_a_tag_and_comes_back() {
        for r in &REASONS {
            let t = tag(r).unwrap();
            assert_eq!(&REASONS[t as usize], r);
        }
        assert_eq!(
            tag(&Reason::Duplicate {
                of: crate::ParagraphRef {
                    document: "a".into(),
                    paragraph: 0
                }
            }),
            None
        );
    }

    #[test]
    fn texts_are_shared_and_taken_once_each() {
        let mut t = Texts::default();
        let mut add = |s: &str| t.intern(s.into(), hash(s));
        let a = add("same");
        let b = add("other");
        let c = add("same");
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(t.get(a), "same");
        // A different text with a taken hash gets an id of its own, and
        // its copies find it.
        let h = hash("same");
        let d = t.intern("clash".into(), h);
        let e = t.intern("clash".into(), h);
        assert_eq!(d, e);
        assert_ne!(d, a);
        assert_eq!(t.intern("same".into(), h), a);
        for _ in 0..3 {
            assert_eq!(t.take(a), "same");
        }
        assert_eq!(t.get(a), "");
    }

    #[test]
    fn packing_keeps_order_and_reasons() {
        let mut t = Texts::default();
        let c = Cleaned {
            title: Some("T".into()),
            paragraphs: vec!["one".into(), "two".into(), "one".into()],
            removed: vec![
                Removed {
                    text: "Advertisement".into(),
                    reason: Reason::AdMarker,
                },
                Removed {
                    text: "x".into(),
                    reason: Reason::Duplicate {
                        of: crate::ParagraphRef {
                            document: "d".into(),
                            paragraph: 1,
                        },
                    },
                },
                Removed {
                    text: "Menu".into(),
                    reason: Reason::Chrome,
                },
            ],
            ..Cleaned::default()
        };
        let want = (c.paragraphs.clone(), c.removed.clone());
        let p = Packed::new(Prepared::new(c), &mut t);
        assert_eq!(p.paragraphs(&t).collect::<Vec<_>>(), ["one", "two", "one"]);
        assert_eq!(p.unpack(&mut t), want);
    }
}
