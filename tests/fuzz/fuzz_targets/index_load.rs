//! Loading a saved index from arbitrary JSON: refused with an error or
//! loaded into an index that takes a new document, saves, and loads again
//! to the same saved form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use storysift::{Document, Index, SavedIndex, Sifter};

fuzz_target!(|data: &[u8]| {
    let Ok(saved) = serde_json::from_slice::<SavedIndex>(data) else {
        return;
    };
    let Ok(mut index) = Index::from_saved(saved, Sifter::new()) else {
        return;
    };
    let doc = Document::text(
        "fuzz-new",
        "The harbour board approved the new ferry timetable on Tuesday after a long debate.",
    );
    // A clash with a stored id is an error, not a panic.
    let _ = index.add(&doc);
    let json = serde_json::to_string(&index).expect("an index serialises");
    let saved: SavedIndex = serde_json::from_str(&json).expect("a saved index parses");
    let again = Index::from_saved(saved, Sifter::new()).expect("a saved index loads");
    assert_eq!(
        serde_json::to_string(&again).expect("serialises"),
        json,
        "save, load, save changed the index"
    );
});
