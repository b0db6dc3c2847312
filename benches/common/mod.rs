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

/// News pages in the shape real ones have (not copies of any): a heavy
/// `<head>` (inline scripts, styles, JSON-LD, dozens of meta tags), a mega
/// menu, a body of `<p>`s split by ad slots, a figure with caption and
/// credit, share bars, a related-stories rail, a comment section and a fat
/// footer. Three templates (semantic `<article>`, div soup with generated
/// class names, a body split across sibling containers), rotated by index.
/// About 60–120 KB each, like the pages of the real-page benchmark.
pub fn news_pages(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let vocab: Vec<String> = (0..3000).map(|_| word(&mut rng)).collect();
    let mut pages = Vec::with_capacity(n);
    for i in 0..n {
        let mut p = String::with_capacity(100_000);
        p.push_str("<!doctype html><html lang=en><head><meta charset=utf-8><title>");
        p.push_str(&sentence(&mut rng, &vocab));
        p.push_str("</title>");
        for k in 0..40 {
            p.push_str(&format!(
                "<meta name=\"m{k}\" content=\"{}\">",
                sentence(&mut rng, &vocab)
            ));
        }
        for _ in 0..6 {
            p.push_str("<script>(function(w,d){var s=d.createElement('script');s.async=true;");
            for _ in 0..60 {
                p.push_str(&format!(
                    "w.q{}=w.q{}||[];",
                    rng.below(1000),
                    rng.below(1000)
                ));
            }
            p.push_str("})(window,document);</script>");
        }
        p.push_str("<style>");
        for k in 0..300 {
            p.push_str(&format!(
                ".c{k}{{margin:{}px;color:#{:06x}}}",
                k % 17,
                rng.next() & 0xff_ffff
            ));
        }
        p.push_str("</style><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"x\"}</script></head><body>");
        // Mega menu.
        p.push_str("<header class=site-header><nav class=menu><ul>");
        for k in 0..80 {
            p.push_str(&format!(
                "<li class=menu-item><a href=/s/{k}>{}</a></li>",
                vocab[rng.below(vocab.len())]
            ));
        }
        p.push_str("</ul></nav></header><div class=cookie-consent>We use cookies to give you the best experience. <button>Accept</button></div>");
        let template = i % 3;
        let (open, close, split) = match template {
            0 => (
                "<main><article class=story><h1>Headline</h1><div class=byline>By A Reporter</div><div class=story-body>",
                "</div></article></main>",
                "",
            ),
            1 => (
                "<div class=x7f3><div class=k2a><div class=q9>Headline</div><div class=zz0>",
                "</div></div></div>",
                "",
            ),
            _ => (
                "<main><div class=wrap><div class=txt>",
                "</div></div></main>",
                "</div><div class=video><iframe src=v></iframe></div><div class=txt>",
            ),
        };
        p.push_str(open);
        p.push_str("<figure><img src=a.jpg><figcaption>A caption of the photo. Photograph: A Name/Agency</figcaption></figure>");
        let paras = 10 + rng.below(15);
        for k in 0..paras {
            let sentences = 2 + rng.below(3);
            let body: Vec<String> = (0..sentences).map(|_| sentence(&mut rng, &vocab)).collect();
            if template == 1 {
                p.push_str(&format!(
                    "<div class=t{}>{}</div>",
                    rng.below(9),
                    body.join(" ")
                ));
            } else {
                p.push_str(&format!("<p>{}</p>", body.join(" ")));
            }
            if k % 4 == 3 {
                p.push_str("<div class=\"ad-slot\"><span>Advertisement</span><div id=gpt-ad-1></div><script>googletag.display('gpt-ad-1')</script></div>");
            }
            if k == paras / 2 && !split.is_empty() {
                p.push_str(split);
            }
        }
        p.push_str("<ul class=share-tools><li><a href=#>Facebook</a></li><li><a href=#>Twitter</a></li><li><a href=#>Email</a></li></ul>");
        p.push_str(close);
        p.push_str("<aside class=rail><h3>Most read</h3><ol>");
        for k in 0..10 {
            p.push_str(&format!(
                "<li><a href=/r/{k}>{}</a></li>",
                sentence(&mut rng, &vocab)
            ));
        }
        p.push_str("</ol></aside><section class=comments><h3>Comments</h3>");
        for _ in 0..8 {
            p.push_str(&format!(
                "<div class=comment><b>user{}</b><p>{}</p></div>",
                rng.below(999),
                sentence(&mut rng, &vocab)
            ));
        }
        p.push_str("</section><footer class=site-footer>");
        for k in 0..60 {
            p.push_str(&format!(
                "<a href=/f/{k}>{}</a> ",
                vocab[rng.below(vocab.len())]
            ));
        }
        p.push_str("<p>© Example Media. All rights reserved.</p></footer></body></html>");
        pages.push(p);
    }
    pages
}
