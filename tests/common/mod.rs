//! The bundled seed articles and made-up text, shared by the integration
//! tests (not every test binary uses every item).

/// (id, body) of the five seed articles: five outlets' versions of one story.
#[allow(dead_code)]
pub const SEEDS: &[(&str, &str)] = &[
    (
        "000",
        include_str!("../fixtures/seeds/000_12b2d0ce4de0879a.txt"),
    ),
    (
        "001",
        include_str!("../fixtures/seeds/001_812283e286aaf8e1.txt"),
    ),
    (
        "002",
        include_str!("../fixtures/seeds/002_a80625ab884ea8c0.txt"),
    ),
    (
        "003",
        include_str!("../fixtures/seeds/003_34e8bec8fd136b94.txt"),
    ),
    (
        "004",
        include_str!("../fixtures/seeds/004_605c8295b6ff95fb.txt"),
    ),
];

/// `n` made-up words of six letters from `seed`, joined by spaces: lines
/// from different seeds share no content word (an xorshift stream).
#[allow(dead_code)]
pub fn made_up_words(seed: u64, n: usize) -> String {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (0..6)
                .map(|k| char::from(b'a' + ((x >> (5 * k)) % 26) as u8))
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A sentence of `n` made-up words from `seed`.
#[allow(dead_code)]
pub fn made_up_sentence(seed: u64, n: usize) -> String {
    format!("Our {}.", made_up_words(seed, n))
}

/// The related-stories headline of [`glued_headline`].
#[allow(dead_code)]
pub const HEADLINE: &str = "Festival crowds cheer as the old harbour bridge reopens to walkers and cyclists after a long two year restoration";

/// `(id, body)` in arrival order: `stories` stories of `versions` identical
/// versions each (ids `s{story:03}v{version}`), four made-up paragraphs, the
/// first `glued` versions of each ending with [`HEADLINE`]; then `page`, a
/// page holding little but that headline.
#[allow(dead_code)]
pub fn glued_headline(stories: u64, versions: usize, glued: usize) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for s in 0..stories {
        let paras: Vec<String> = (0..4).map(|k| made_up_sentence(s * 10 + k, 25)).collect();
        let body = paras.join("\n\n");
        for v in 0..versions {
            let text = if v < glued {
                format!("{body}\n\n{HEADLINE}")
            } else {
                body.clone()
            };
            out.push((format!("s{s:03}v{v}"), text));
        }
    }
    out.push(("page".into(), format!("See the pictures.\n\n{HEADLINE}")));
    out
}
