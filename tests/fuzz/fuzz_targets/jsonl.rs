//! The command's JSONL reader on arbitrary bytes: every line that is not
//! blank becomes exactly one document or one reported bad line, in order,
//! and nothing panics.
#![no_main]

use std::io::{BufReader, Cursor};

use libfuzzer_sys::fuzz_target;

#[allow(dead_code)]
#[path = "../../../src/bin/storysift/http.rs"]
mod http;
#[allow(dead_code)]
#[path = "../../../src/bin/storysift/input.rs"]
mod input;

fuzz_target!(|data: &[u8]| {
    // Small enough that the size bound is reached by some inputs.
    let max_bytes = 256;
    let max_line = max_bytes * 2 + (1 << 16);
    let reader = Box::new(BufReader::with_capacity(7, Cursor::new(data.to_vec())));
    let events: Vec<input::Event> = input::jsonl(reader, "fuzz".into(), max_bytes).collect();
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if data.ends_with(b"\n") {
        lines.pop();
    }
    let expected: Vec<usize> = lines
        .iter()
        .enumerate()
        // A line over the reader's bound is reported whatever it holds.
        .filter(|(_, l)| l.len() > max_line || !l.iter().all(u8::is_ascii_whitespace))
        .map(|(i, _)| i + 1)
        .collect();
    let seen: Vec<usize> = events
        .iter()
        .map(|e| {
            let origin = match e {
                input::Event::Doc { origin, .. } | input::Event::Bad { origin, .. } => origin,
                input::Event::Skipped => panic!("JSONL skips nothing"),
            };
            origin
                .rsplit(':')
                .next()
                .and_then(|n| n.parse().ok())
                .expect("origin ends with a line number")
        })
        .collect();
    assert_eq!(seen, expected, "a line was lost, doubled or misnumbered");
});
