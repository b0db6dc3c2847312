//! Template lines learned from a batch: a paragraph that recurs word for
//! word in documents of two or more stories, and whose terms its stories
//! hardly use anywhere else, is an outlet's template ("Got a story? Message
//! the newsroom on …", "X is free and reader-supported", an app footer),
//! whatever its language and whether or not a rule names it.
//!
//! The second condition keeps what a follow-up story shares with the first
//! day's: a background paragraph ("The trust serves about 420,000 people in
//! …") recurs in both stories, but its names and rare words are what both
//! stories are about (weighted overlap 0.65–0.72 on stories-dev), while a
//! template line's outlet name, phone number and promo words occur nowhere
//! else in the story (0.00–0.46). And a document whose recurring lines
//! outweigh the rest of it is not wrapped in a template: a one-line brief
//! that hundreds of sites carry is their content. See DESIGN.md, "Template
//! lines".

use crate::story::lexical::{Idf, Profile};

/// A recurring paragraph is a template line when, in every story that holds
/// it, at most this share of its terms (weighted by inverse document
/// frequency) occurs in the story's other paragraphs.
pub(crate) const MAX_TEMPLATE_OVERLAP: f64 = 0.5;

/// The share of a recurring line's terms, weighted by `idf`, that occur in
/// `own` (the sorted terms of its story's other paragraphs); infinite for
/// a line about the story's own subject. A template line stays under
/// [`MAX_TEMPLATE_OVERLAP`].
pub(crate) fn overlap(line: &Profile, own: &[u32], idf: &Idf) -> f64 {
    // A line about the story's own subject (an outlet's formula with the
    // story's names in it) is not a template: all its names and numbers
    // (two or more: one may be a weekday or a place that happens to
    // recur) are the story's.
    let marks = line.names.len() + line.numbers.len();
    let known = line
        .names
        .iter()
        .chain(line.numbers.iter())
        .filter(|k| own.binary_search(k).is_ok())
        .count();
    if marks >= 2 && known == marks {
        return f64::INFINITY;
    }
    let (mut shared, mut all) = (0.0f64, 0.0f64);
    for &(k, _) in line.terms.iter() {
        let w = f64::from(idf.idf(k));
        all += w;
        if own.binary_search(&k).is_ok() {
            shared += w;
        }
    }
    if all > 0.0 { shared / all } else { 0.0 }
}

/// A document made mostly of recurring lines (a one-line brief carried by
/// hundreds of sites next to another story's copy of that line) is not
/// wrapped in a template: what it says is its content. `recurring` and
/// `own` are the term masses of its recurring and other paragraphs.
pub(crate) fn mostly_recurring(recurring: f64, own: f64) -> bool {
    own < recurring
}

/// The term mass of a paragraph (its boosted term counts).
pub(crate) fn mass(p: &Profile) -> f64 {
    p.terms.iter().map(|x| f64::from(x.1)).sum()
}

/// Moves the paragraphs at `lines` (sorted indices) to `removed` as
/// template lines, in place; the others keep their order.
pub(crate) fn take_out(
    paragraphs: &mut Vec<String>,
    removed: &mut Vec<crate::report::Removed>,
    lines: &[usize],
) {
    let mut at = 0;
    let mut next = lines.iter().copied().peekable();
    paragraphs.retain_mut(|t| {
        let line = next.next_if_eq(&at).is_some();
        at += 1;
        if line {
            removed.push(crate::report::Removed {
                text: std::mem::take(t),
                reason: crate::Reason::Template,
            });
        }
        !line
    });
}

/// The batch's paragraphs: each one's document and distinct text, the
/// stories (documents per story, and each document's story), and the term
/// profile of each distinct text with the documents' frequencies.
pub(crate) struct Batch<'a> {
    pub offsets: &'a [usize],
    pub of_text: &'a [u32],
    pub groups: &'a [Vec<u32>],
    pub story_of: &'a [u32],
    pub para_doc: &'a [u32],
    pub profiles: &'a [Profile],
    pub idf: &'a Idf,
}

/// What the rest of a corpus says of the batch's distinct texts, when the
/// batch is one part of it (see [`CorpusStats`](crate::CorpusStats)).
pub(crate) struct Outside<'a> {
    /// Per distinct text: held by a document outside the batch (then by
    /// another story).
    pub elsewhere: &'a [bool],
    /// Per distinct text: the highest judgment of it outside the batch
    /// (its overlap with another story's terms, infinite when a document
    /// holding it is mostly recurring lines), `0.0` when none.
    pub judged: &'a [f64],
}

/// Per distinct text: whether it recurs across stories, and the highest
/// judgment of it by the batch's stories and documents (a template line
/// when it recurs and every judgment is under [`MAX_TEMPLATE_OVERLAP`]).
/// Linear in the paragraphs (one sort of their `(text, story)` pairs);
/// each story that holds a recurring text is judged on its own, in
/// parallel, with memory for that story's terms only.
pub(crate) fn judge(b: &Batch<'_>, outside: Option<&Outside<'_>>) -> (Vec<bool>, Vec<f64>) {
    let n = b.of_text.len();
    let mut pairs: Vec<(u32, u32)> = (0..n)
        .map(|p| (b.of_text[p], b.story_of[b.para_doc[p] as usize]))
        .collect();
    crate::par::sort_unstable(&mut pairs);
    pairs.dedup();
    let mut recurring = vec![false; b.profiles.len()];
    let mut stories: Vec<u32> = Vec::new();
    for run in pairs.chunk_by(|x, y| x.0 == y.0) {
        let t = run[0].0 as usize;
        if run.len() > 1 || outside.is_some_and(|o| o.elsewhere[t]) {
            recurring[t] = true;
            stories.extend(run.iter().map(|x| x.1));
        }
    }
    drop(pairs);
    let mut most = vec![0.0f64; b.profiles.len()];
    if stories.is_empty() {
        return (recurring, most);
    }
    stories.sort_unstable();
    stories.dedup();
    // Per story: (text, overlap) of each recurring text it holds.
    let judged: Vec<Vec<(u32, f64)>> = crate::par::map(&stories, |&s| {
        let paragraphs = || {
            b.groups[s as usize]
                .iter()
                .flat_map(|&d| b.offsets[d as usize]..b.offsets[d as usize + 1])
                .map(|p| b.of_text[p])
        };
        let mut own: Vec<u32> = paragraphs()
            .filter(|&t| !recurring[t as usize])
            .flat_map(|t| b.profiles[t as usize].terms.iter().map(|x| x.0))
            .collect();
        own.sort_unstable();
        own.dedup();
        let mut texts: Vec<u32> = paragraphs().filter(|&t| recurring[t as usize]).collect();
        texts.sort_unstable();
        texts.dedup();
        texts
            .into_iter()
            .map(|t| (t, overlap(&b.profiles[t as usize], &own, b.idf)))
            .collect()
    });
    // Documents made mostly of recurring lines keep them.
    let n_docs = b.offsets.len() - 1;
    let (mut own, mut shared) = (vec![0.0f64; n_docs], vec![0.0f64; n_docs]);
    for p in 0..n {
        let t = b.of_text[p] as usize;
        let mass = mass(&b.profiles[t]);
        let d = b.para_doc[p] as usize;
        if recurring[t] {
            shared[d] += mass;
        } else {
            own[d] += mass;
        }
    }
    for p in 0..n {
        let d = b.para_doc[p] as usize;
        if mostly_recurring(shared[d], own[d]) {
            most[b.of_text[p] as usize] = f64::INFINITY;
        }
    }
    for &(t, overlap) in judged.iter().flatten() {
        let m = &mut most[t as usize];
        *m = m.max(overlap);
    }
    (recurring, most)
}

/// Per paragraph, whether it is a template line (see [`judge`]).
#[cfg(test)]
fn find(b: &Batch<'_>, outside: Option<&Outside<'_>>) -> Vec<bool> {
    let (recurring, most) = judge(b, outside);
    decide(b.of_text, &recurring, most, outside)
}

/// Per paragraph (`of_text`: its distinct text), whether it is a template
/// line, given [`judge`]'s verdicts and those from outside the batch.
pub(crate) fn decide(
    of_text: &[u32],
    recurring: &[bool],
    mut most: Vec<f64>,
    outside: Option<&Outside<'_>>,
) -> Vec<bool> {
    if let Some(o) = outside {
        for (m, &j) in most.iter_mut().zip(o.judged) {
            *m = m.max(j);
        }
    }
    of_text
        .iter()
        .map(|&t| {
            let t = t as usize;
            recurring[t] && most[t] < MAX_TEMPLATE_OVERLAP
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::story::lexical;

    /// Paragraph texts per document, stories as document lists.
    fn judge(docs: &[&[&str]], groups: &[Vec<u32>]) -> Vec<bool> {
        let mut offsets = vec![0usize];
        let mut texts: Vec<&str> = Vec::new();
        for d in docs {
            texts.extend_from_slice(d);
            offsets.push(texts.len());
        }
        let mut distinct: Vec<&str> = Vec::new();
        let of_text: Vec<u32> = texts
            .iter()
            .map(|t| match distinct.iter().position(|x| x == t) {
                Some(i) => i as u32,
                None => {
                    distinct.push(t);
                    distinct.len() as u32 - 1
                }
            })
            .collect();
        let mut scratch = crate::terms::Scratch::default();
        let mut buf = Vec::new();
        let paragraphs = lexical::Paragraphs {
            profiles: distinct
                .iter()
                .map(|t| lexical::profile(std::slice::from_ref(t), &mut scratch, &mut buf))
                .collect(),
            of_text,
        };
        let idf = Idf::over_documents(&lexical::Documents {
            paragraphs: &paragraphs,
            offsets: &offsets,
        });
        let mut story_of = vec![0u32; docs.len()];
        for (s, g) in groups.iter().enumerate() {
            for &d in g {
                story_of[d as usize] = s as u32;
            }
        }
        let para_doc: Vec<u32> = (0..docs.len())
            .flat_map(|d| std::iter::repeat_n(d as u32, offsets[d + 1] - offsets[d]))
            .collect();
        find(
            &Batch {
                offsets: &offsets,
                of_text: &paragraphs.of_text,
                groups,
                story_of: &story_of,
                para_doc: &para_doc,
                profiles: &paragraphs.profiles,
                idf: &idf,
            },
            None,
        )
    }

    const TAG: &str = "Got a story? Message the Radio Larkhill newsroom on 07700 900123.";
    const BACKGROUND: &str =
        "Kilmoor Water serves about 310,000 homes in Kilmoor, Ashby and the surrounding villages.";

    #[test]
    fn a_line_recurring_across_stories_with_nothing_else_in_common_is_a_template() {
        let library: &[&str] = &[
            "The Brenmoor library branch will close in March after councillors voted 9 to 4.",
            TAG,
        ];
        let cup: &[&str] = &[
            "Larkhill Rovers beat Ashby Town 3-1 in the county cup final on Saturday.",
            TAG,
        ];
        let got = judge(&[library, cup], &[vec![0], vec![1]]);
        assert_eq!(got, [false, true, false, true]);
        // One story: a line its versions share is content, not a template.
        let got = judge(&[library, cup], &[vec![0, 1]]);
        assert!(got.iter().all(|&t| !t));
        // A document that is mostly the recurring line: its content.
        let brief: &[&str] = &[TAG, "Yes."];
        let got = judge(&[library, brief], &[vec![0], vec![1]]);
        assert!(got.iter().all(|&t| !t), "{got:?}");
    }

    #[test]
    fn background_a_follow_up_reuses_is_kept() {
        let day1: &[&str] = &[
            "A burst main left 4,000 homes in Ashby and two nearby villages without water on Monday, Kilmoor Water said.",
            "Kilmoor Water said engineers were working through the night to repair the main in Ashby.",
            BACKGROUND,
        ];
        let day2: &[&str] = &[
            "Kilmoor Water restored supplies to the 4,000 Ashby homes on Tuesday after repairing the burst main.",
            "The company said homes in Ashby and the villages that lost water for more than 12 hours would be compensated.",
            BACKGROUND,
        ];
        let got = judge(&[day1, day2], &[vec![0], vec![1]]);
        assert!(got.iter().all(|&t| !t), "{got:?}");
    }
}
