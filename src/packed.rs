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
    texts: Vec<Box<str>>,
    /// How many packed paragraphs and removed blocks use each text.
    uses: Vec<u32>,
    /// A text's 64-bit hash → its id. Two different texts with one hash
    /// (never seen in practice) are both stored, the later one unshared.
    index: AHashMap<u64, u32>,
    hasher: ahash::RandomState,
}

impl Default for Texts {
    fn default() -> Self {
        Texts {
            texts: Vec::new(),
            uses: Vec::new(),
            index: AHashMap::new(),
            // Fixed seeds: which copy of a text is stored does not depend
            // on the process (it cannot change any output either way).
            hasher: ahash::RandomState::with_seeds(1, 2, 3, 4),
        }
    }
}

impl Texts {
    /// The id of `text`, stored if new.
    pub(crate) fn intern(&mut self, text: String) -> u32 {
        let h = self.hasher.hash_one(text.as_str());
        if let Some(&id) = self.index.get(&h) {
            if *self.texts[id as usize] == *text {
                self.uses[id as usize] += 1;
                return id;
            }
        }
        let id = self.texts.len() as u32;
        self.index.entry(h).or_insert(id);
        self.texts.push(text.into_boxed_str());
        self.uses.push(1);
        id
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
            self.texts[id as usize] = Box::default();
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
            std::mem::take(&mut self.texts[id as usize]).into_string()
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

/// A cleaned document whose texts are in a [`Texts`].
#[derive(Debug)]
pub(crate) struct Packed {
    pub title: Option<String>,
    pub metadata: Metadata,
    pub page_kind: PageKind,
    pub paragraphs: Box<[u32]>,
    /// Removed blocks: text id and reason tag, in order.
    removed: Box<[(u32, u8)]>,
    /// Removed blocks whose reason carries data (cleaning gives none), with
    /// their position among the removed blocks.
    other: Vec<(usize, Removed)>,
}

impl Packed {
    /// Packs `c`, its texts going to `texts`.
    pub(crate) fn new(c: Cleaned, texts: &mut Texts) -> Packed {
        let paragraphs = c.paragraphs.into_iter().map(|p| texts.intern(p)).collect();
        let mut removed = Vec::with_capacity(c.removed.len());
        let mut other = Vec::new();
        for (i, r) in c.removed.into_iter().enumerate() {
            match tag(&r.reason) {
                Some(t) => removed.push((texts.intern(r.text), t)),
                None => other.push((i, r)),
            }
        }
        let mut title = c.title;
        if let Some(t) = &mut title {
            t.shrink_to_fit();
        }
        Packed {
            title,
            metadata: c.metadata,
            page_kind: c.page_kind,
            paragraphs,
            removed: removed.into(),
            other,
        }
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
        for &(r, _) in &self.removed {
            texts.release(r);
        }
    }

    /// The paragraphs and removed blocks as owned values (see
    /// [`Texts::take`]).
    pub(crate) fn unpack(&self, texts: &mut Texts) -> (Vec<String>, Vec<Removed>) {
        let paragraphs = self.paragraphs.iter().map(|&p| texts.take(p)).collect();
        let mut removed = Vec::with_capacity(self.removed.len() + self.other.len());
        let mut other = self.other.iter().peekable();
        for &(r, t) in &self.removed {
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
        let a = t.intern("same".into());
        let b = t.intern("other".into());
        let c = t.intern("same".into());
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(t.get(a), "same");
        assert_eq!(t.take(a), "same");
        assert_eq!(t.take(c), "same");
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
        let p = Packed::new(c, &mut t);
        assert_eq!(p.paragraphs(&t).collect::<Vec<_>>(), ["one", "two", "one"]);
        assert_eq!(p.unpack(&mut t), want);
    }
}
