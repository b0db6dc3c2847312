//! A synthetic syndication corpus built by the benches themselves: `stories`
//! stories, each published by `outlets` outlets as plain-text scrapes with
//! light edits (dropped and swapped words, a trimmed ending, a reordered
//! paragraph) and outlet boilerplate (title, byline, ad markers, a trailing
//! list of other stories' headlines). Deterministic for given arguments.

#![allow(dead_code)]

/// xorshift64*: a small deterministic generator (no dependency needed).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "ten", "sal", "vor", "ne", "lu", "dra", "pen", "sto", "gar", "li", "mon",
    "ter", "qua", "bel", "fi", "dor", "an",
];

fn word(rng: &mut Rng) -> String {
    let n = 1 + rng.below(3);
    (0..n)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn sentence(rng: &mut Rng, vocab: &[String]) -> String {
    let n = 8 + rng.below(14);
    let mut s: Vec<&str> = (0..n)
        .map(|_| vocab[rng.below(vocab.len())].as_str())
        .collect();
    let first = s[0].to_owned();
    let cap = first[..1].to_uppercase() + &first[1..];
    s[0] = &cap;
    format!("{}.", s.join(" "))
}

/// Returns `(id, body)` text documents.
pub fn corpus(stories: usize, outlets: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed);
    let vocab: Vec<String> = (0..3000).map(|_| word(&mut rng)).collect();
    let headlines: Vec<String> = (0..200)
        .map(|_| {
            let n = 5 + rng.below(6);
            (0..n)
                .map(|_| vocab[rng.below(vocab.len())].clone())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut docs = Vec::new();
    for s in 0..stories {
        // Each story draws on its own slice of the vocabulary, like a topic.
        let topic: Vec<String> = (0..300)
            .map(|_| vocab[rng.below(vocab.len())].clone())
            .collect();
        let paras: Vec<String> = (0..8 + rng.below(8))
            .map(|_| {
                (0..1 + rng.below(3))
                    .map(|_| sentence(&mut rng, &topic))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        for o in 0..outlets {
            let mut body = String::new();
            body.push_str(&format!(
                "Headline of story {s} by outlet {o}\n\nBy Reporter {o}\n\n"
            ));
            let keep = paras.len() - rng.below(paras.len() / 3 + 1);
            let mut mine: Vec<String> = paras[..keep].to_vec();
            if mine.len() > 3 && rng.below(2) == 0 {
                mine.swap(1, 2);
            }
            for (i, p) in mine.iter().enumerate() {
                let mut words: Vec<&str> = p.split(' ').collect();
                for _ in 0..rng.below(3) {
                    let at = rng.below(words.len());
                    if words.len() > 4 {
                        words.remove(at);
                    }
                }
                body.push_str(&words.join(" "));
                body.push_str("\n\n");
                if i % 3 == 2 {
                    body.push_str("Advertisement\n\n");
                }
            }
            body.push_str(&format!(
                "Outlet {o} has contacted the ministry for comment.\n\n"
            ));
            for _ in 0..4 {
                body.push_str(&headlines[rng.below(headlines.len())]);
                body.push_str(" -\n");
            }
            docs.push((format!("s{s}-o{o}"), body));
        }
    }
    docs
}
