//! The bundled seed articles, shared by the integration tests.

/// (id, body) of the five seed articles: five outlets' versions of one story.
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
