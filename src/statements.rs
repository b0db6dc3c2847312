//! Statement-level dedup inside a story: a sentence that an already kept
//! sentence says, in other words, is not said again.
//!
//! Rewrites restate the wire's facts in new sentences, so paragraph
//! shingles miss them. Here every kept paragraph is cut into *units*
//! (sentences; a sentence under [`MIN_UNIT_WORDS`] words goes with its
//! neighbour) and a unit is **covered** by one earlier kept unit when
//!
//! * every number it has is in the covering unit ("11,200 acres" is not
//!   covered by "17,800 acres");
//! * every name it has is in the covering unit;
//! * a quotation it has is in the covering unit word for word (a quote is
//!   only covered by the same quote);
//! * the covering unit carries enough of its content words, weighted by
//!   inverse document frequency (names and numbers count double): at least
//!   [`MIN_CONTAINMENT`], less when the unit's numbers and names already
//!   pin the statement down (see [`needed`]).
//!
//! Only one covering unit is considered at a time: letting two kept
//! sentences together cover a third made most of the false merges in
//! trials.

use ahash::AHashMap;

use crate::features::Featurizer;
use crate::segment;
use crate::story::lexical::{Idf, key, keys_of};
use crate::terms::{self, Kind, Scratch, Term};

/// Sentences shorter than this are judged with their neighbour.
pub(crate) const MIN_UNIT_WORDS: usize = 5;
/// Weighted containment needed when the unit has no numbers. Chosen on
/// stories-dev and synth-dev: lower thresholds removed a little more
/// duplication on stories-dev but cost fact recall on synth-dev's
/// templated filler sentences ("This is not the first time X has made
/// headlines").
const MIN_CONTAINMENT: f32 = 0.7;
/// With one number agreeing.
const MIN_CONTAINMENT_ONE_MARK: f32 = 0.5;
/// With two or more numbers agreeing.
const MIN_CONTAINMENT_MARKS: f32 = 0.35;
/// Weight of a name relative to a word of the same idf: names say what a
/// sentence is about, its words what it says about it.
const NAME_WEIGHT: f32 = 0.5;
/// Share of the plain words' weight (names and numbers aside) the covering
/// unit must carry, whatever the numbers: a sentence whose names recur in a
/// kept sentence but whose statement about them does not is not covered
/// ("X did not return messages seeking comment" by a sentence about X).
const MIN_WORD_CONTAINMENT: f32 = 0.5;
/// Sentence-embedding cosine at which a kept sentence says what a
/// sentence says (feature `semantic`), names and numbers agreeing. Chosen
/// on stories-dev, seeds and synth-dev with all-MiniLM-L6-v2: at 0.8 no
/// fact is lost on the first two and synth-dev loses 0.5 point of fact
/// recall; at 0.7 or 0.6 duplication falls further but recall falls
/// faster (DESIGN.md, "Statements").
#[cfg(feature = "semantic")]
const SEMANTIC_MIN_COSINE: f32 = 0.8;
/// A semantic candidate must share this share of the sentence's weighted
/// terms (a lexical candidate, as the statement index finds it).
#[cfg(feature = "semantic")]
const SEMANTIC_MIN_SHARED: f32 = 0.1;
/// Quotations need this many words to count as one.
const MIN_QUOTE_WORDS: usize = 4;
/// Kept units sharing a term posted by more units than this are not
/// looked up through it (a word in every sentence is no evidence).
const MAX_POSTING: usize = 512;

/// Opening and closing quotation marks.
const QUOTE_MARKS: [char; 7] = ['“', '”', '«', '»', '„', '"', '‟'];

/// One unit of a paragraph.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    /// Byte range in the paragraph text.
    pub range: (usize, usize),
    /// Distinct term keys with their weight (idf × kind boost) and whether
    /// the term is a plain word (not a name or number).
    weights: Vec<(u32, f32, bool)>,
    total: f32,
    /// The weight of the plain words alone.
    words: f32,
    numbers: Vec<u32>,
    names: Vec<u32>,
    /// Shingles of each quotation in the unit.
    quotes: Vec<Vec<u32>>,
    /// The unit's own shingles (sorted), for quotes of later units; empty
    /// when it has no quotation marks.
    shingles: Vec<u32>,
    /// The sentence embedding (feature `semantic`, with an encoder; else
    /// empty).
    #[cfg(feature = "semantic")]
    embedding: Vec<f32>,
}

/// The weighted containment a unit with `marks` agreeing numbers
/// needs to be covered.
fn needed(marks: usize) -> f32 {
    match marks {
        0 => MIN_CONTAINMENT,
        1 => MIN_CONTAINMENT_ONE_MARK,
        _ => MIN_CONTAINMENT_MARKS,
    }
}

/// The kept statements of one story.
#[derive(Debug)]
pub(crate) struct Statements<'a> {
    idf: &'a Idf,
    k: usize,
    units: Vec<(u32, Unit)>,
    postings: AHashMap<u32, Vec<u32>>,
    /// Scratch of [`covering`](Self::covering).
    acc: Vec<(f32, f32)>,
    touched: Vec<u32>,
    scratch: Scratch,
    terms: Vec<Term>,
    fz: Featurizer,
    #[cfg(feature = "semantic")]
    encoder: Option<&'a crate::SentenceEncoder>,
}

impl<'a> Statements<'a> {
    pub(crate) fn new(idf: &'a Idf, k: usize) -> Self {
        Statements {
            idf,
            k,
            units: Vec::new(),
            postings: AHashMap::new(),
            acc: Vec::new(),
            touched: Vec::new(),
            scratch: Scratch::default(),
            terms: Vec::new(),
            fz: Featurizer::default(),
            #[cfg(feature = "semantic")]
            encoder: None,
        }
    }

    /// Also judges candidates with sentence embeddings.
    #[cfg(feature = "semantic")]
    pub(crate) fn with_encoder(mut self, encoder: &'a crate::SentenceEncoder) -> Self {
        self.encoder = Some(encoder);
        self
    }

    /// Cuts `text` into units.
    pub(crate) fn units(&mut self, text: &str) -> Vec<Unit> {
        let base = text.as_ptr() as usize;
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let mut first_short = false;
        for (i, s) in segment::sentences(text).enumerate() {
            let start = s.as_ptr() as usize - base;
            let end = start + s.len();
            let short = segment::word_count_upto(s, MIN_UNIT_WORDS) < MIN_UNIT_WORDS;
            if i == 0 {
                first_short = short;
            }
            match spans.last_mut() {
                Some(last) if short => last.1 = end,
                _ if i == 1 && first_short => {
                    if let Some(last) = spans.last_mut() {
                        last.1 = end;
                    }
                }
                _ => spans.push((start, end)),
            }
        }
        // Quotations are found in the whole paragraph: one may run over
        // several sentences, and each unit judges the part it holds.
        let quoted: Vec<(usize, usize)> = quotations(text)
            .map(|q| {
                let a = q.as_ptr() as usize - base;
                (a, a + q.len())
            })
            .collect();
        #[allow(unused_mut)]
        let mut units: Vec<Unit> = spans
            .into_iter()
            .map(|(a, b)| self.unit(text, (a, b), &quoted))
            .collect();
        #[cfg(feature = "semantic")]
        if let Some(e) = self.encoder {
            let texts: Vec<&str> = units.iter().map(|u| &text[u.range.0..u.range.1]).collect();
            // A model failure leaves the units to the lexical verdict.
            if let Ok(vs) = e.encode(&texts) {
                for (u, v) in units.iter_mut().zip(vs) {
                    u.embedding = v;
                }
            }
        }
        units
    }

    fn unit(&mut self, para: &str, range: (usize, usize), quoted: &[(usize, usize)]) -> Unit {
        let text = &para[range.0..range.1];
        self.terms.clear();
        terms::terms_into(
            segment::strip_dateline(text),
            &mut self.scratch,
            &mut self.terms,
        );
        let mut weights: Vec<(u32, f32, bool)> = self
            .terms
            .iter()
            .map(|t| {
                let word = t.kind == Kind::Word;
                let boost = if word { 1.0 } else { NAME_WEIGHT };
                (key(t), boost * self.idf.idf(key(t)), word)
            })
            .collect();
        weights.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        weights.dedup_by_key(|x| x.0);
        let total = weights.iter().map(|x| x.1).sum();
        let words = weights.iter().filter(|x| x.2).map(|x| x.1).sum();
        let numbers = keys_of(&self.terms, Kind::Number);
        let names = keys_of(&self.terms, Kind::Name);
        let quotes = quoted
            .iter()
            .filter_map(|&(a, b)| {
                let (a, b) = (a.max(range.0), b.min(range.1));
                (a < b).then(|| &para[a..b])
            })
            .filter(|q| segment::word_count_upto(q, MIN_QUOTE_WORDS) >= MIN_QUOTE_WORDS)
            .map(|q| self.fz.shingles(q, self.k).to_vec())
            .collect();
        // Only a unit that quotes can cover a quotation: the others need
        // no shingles.
        let shingles = if text.contains(QUOTE_MARKS) {
            self.fz.shingles(text, self.k).to_vec()
        } else {
            Vec::new()
        };
        Unit {
            range,
            weights,
            total,
            words,
            numbers,
            names,
            quotes,
            shingles,
            #[cfg(feature = "semantic")]
            embedding: Vec::new(),
        }
    }

    /// The paragraph of the kept unit that covers `u`, if one does.
    pub(crate) fn covering(&mut self, u: &Unit) -> Option<u32> {
        if u.total <= 0.0 {
            return None;
        }
        // Weight shared with each kept unit: a dense accumulator over the
        // kept units, and the list of those touched.
        let (acc, touched) = (&mut self.acc, &mut self.touched);
        acc.resize(self.units.len(), (0.0, 0.0));
        for &(t, w, word) in &u.weights {
            if let Some(list) = self.postings.get(&t) {
                if list.len() > MAX_POSTING {
                    continue;
                }
                for &i in list {
                    let e = &mut acc[i as usize];
                    if e.0 == 0.0 {
                        touched.push(i);
                    }
                    e.0 += w;
                    if word {
                        e.1 += w;
                    }
                }
            }
        }
        let marks = u.numbers.len();
        let need = needed(marks) * u.total;
        // What the sentence says about its names is in its words: those
        // must be carried too, not only the names.
        let need_words = needed(marks).min(MIN_WORD_CONTAINMENT) * u.words;
        let mut best: Option<(f32, u32)> = None;
        #[cfg(feature = "semantic")]
        let mut close: Option<(f32, u32)> = None;
        for i in touched.drain(..) {
            let (got, got_words) = std::mem::take(&mut acc[i as usize]);
            let v = &self.units[i as usize].1;
            #[cfg(feature = "semantic")]
            if !u.embedding.is_empty()
                && !v.embedding.is_empty()
                && got >= SEMANTIC_MIN_SHARED * u.total
                && agrees(u, v)
            {
                let cos = crate::semantic::cosine(&u.embedding, &v.embedding);
                if cos >= SEMANTIC_MIN_COSINE
                    && close.is_none_or(|(c, j)| cos > c || (cos == c && i < j))
                {
                    close = Some((cos, i));
                }
            }
            if got < need || got_words < need_words || !agrees(u, v) {
                continue;
            }
            if best.is_none_or(|(g, j)| got > g || (got == g && i < j)) {
                best = Some((got, i));
            }
        }
        #[cfg(feature = "semantic")]
        if best.is_none() {
            best = close;
        }
        best.map(|(_, i)| self.units[i as usize].0)
    }

    /// Keeps `u` (of paragraph `para`) as a statement later units may be
    /// covered by.
    pub(crate) fn keep(&mut self, para: u32, u: Unit) {
        let i = self.units.len() as u32;
        for &(t, _, _) in &u.weights {
            self.postings.entry(t).or_default().push(i);
        }
        self.units.push((para, u));
    }
}

/// Whether kept unit `v` has every number and name of `u` and its
/// quotations word for word: the conditions for covering `u` whatever the
/// verdict on the rest.
fn agrees(u: &Unit, v: &Unit) -> bool {
    let has = |k: &u32| v.weights.binary_search_by_key(k, |x| x.0).is_ok();
    u.numbers.iter().all(has)
        && u.names.iter().all(has)
        && u.quotes
            .iter()
            .all(|q| q.iter().all(|s| v.shingles.binary_search(s).is_ok()))
}

/// Quoted spans of `text`: between “ ”, « », „ “ or a pair of straight
/// double quotes.
fn quotations(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        loop {
            let open = rest.find(['“', '«', '„', '"'])?;
            let c = rest[open..].chars().next()?;
            let after = &rest[open + c.len_utf8()..];
            let close = match c {
                '“' => after.find(['”', '“']),
                '«' => after.find('»'),
                '„' => after.find(['“', '”']),
                _ => after.find('"'),
            };
            match close {
                Some(end) => {
                    let q = &after[..end];
                    let ch = after[end..].chars().next().map_or(1, char::len_utf8);
                    rest = &after[end + ch..];
                    return Some(q);
                }
                None => {
                    rest = after;
                    if !rest.contains(['“', '«', '„', '"']) {
                        return None;
                    }
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::lexical::profile;

    fn idf_of(texts: &[&str]) -> Idf {
        let mut idf = Idf::default();
        let mut s = Scratch::default();
        let mut buf = Vec::new();
        for t in texts {
            idf.add(&profile(&[*t], &mut s, &mut buf));
        }
        idf
    }

    const WIRE: &str = "About 52,000 vehicles use the 1.4-kilometre bridge on an average weekday, according to agency figures, among them most of the lorries serving the container terminal at Linwick.";
    const REWRITE: &str = "Some 52,000 vehicles cross the 1.4km bridge on a normal weekday, and most lorries serving the container terminal at Linwick depend on it.";
    const OTHER_NUMBER: &str = "Some 17,800 vehicles cross the 1.4km bridge on a normal weekday, and most lorries serving the container terminal at Linwick depend on it.";

    fn covered(kept: &str, probe: &str) -> bool {
        let idf = idf_of(&[
            WIRE,
            REWRITE,
            OTHER_NUMBER,
            "Unrelated text about a marathon course record in the rain.",
        ]);
        let mut st = Statements::new(&idf, 3);
        for u in st.units(kept) {
            st.keep(0, u);
        }
        let units = st.units(probe);
        units.iter().all(|u| st.covering(u).is_some())
    }

    #[test]
    fn a_restated_sentence_is_covered() {
        assert!(covered(WIRE, REWRITE));
    }

    #[test]
    fn numbers_must_agree() {
        assert!(!covered(WIRE, OTHER_NUMBER));
    }

    #[test]
    fn a_quote_is_covered_only_by_the_same_quote() {
        let a = "“We will not reopen the bridge until we know why the cracks formed,” Marsk said on Tuesday.";
        let b =
            "Marsk said on Tuesday: “The bridge stays shut until we know why the steel cracked.”";
        assert!(covered(a, a));
        assert!(!covered(a, b));
    }

    #[test]
    fn a_quote_over_two_sentences_is_judged_in_each() {
        let quote = "\"If the water keeps rising, the council will not sit on its hands. We have the pumps and the people to hold the levee.\"";
        let paraphrase = "The council warned it would \"not sit on its hands\" if the water kept rising and said it had the pumps and the people to hold the levee.";
        assert!(!covered(paraphrase, quote));
        assert!(covered(quote, quote));
    }

    #[test]
    fn names_alone_do_not_cover_a_statement() {
        let kept = "The bridge was built by Marsk Engineering for Corran Council, and Linwick Port Authority paid for it.";
        let probe = "The Marsk Engineering, Corran Council and Linwick Port Authority declined.";
        assert!(!covered(kept, probe));
    }

    #[test]
    fn quotations_are_found() {
        let q: Vec<&str> = quotations("He said “one two” and \"three\" and «quatre».").collect();
        assert_eq!(q, ["one two", "three", "quatre"]);
    }
}
