//! Sentence embeddings from the command line (feature `semantic`): prints
//! the cosine of every pair of the given sentences and the encoder's
//! sentences per second on this thread.
//!
//!     cargo run --release --features semantic --example encode -- MODEL_DIR "sentence one" "sentence two" ...
//!     cargo run --release --features semantic --example encode -- MODEL_DIR --file SENTENCES.txt
//!
//! With `--file` (one sentence per line) only the speed is printed.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(feature = "semantic")]
    {
        let mut args = std::env::args().skip(1);
        let dir = args.next().ok_or("usage: encode MODEL_DIR SENTENCE...")?;
        let mut sentences: Vec<String> = args.collect();
        let only_speed = sentences.first().is_some_and(|a| a == "--file");
        if only_speed {
            let path = sentences.get(1).ok_or("--file needs a path")?;
            sentences = std::fs::read_to_string(path)?
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect();
        }
        let encoder = storysift::SentenceEncoder::from_dir(&dir)?;
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let start = std::time::Instant::now();
        let v = encoder.encode(&refs)?;
        let secs = start.elapsed().as_secs_f64();
        for i in 0..if only_speed { 0 } else { v.len() } {
            for j in i + 1..v.len() {
                let cos: f32 = v[i].iter().zip(&v[j]).map(|(a, b)| a * b).sum();
                println!("{cos:.3}  {:?} ~ {:?}", refs[i], refs[j]);
            }
        }
        eprintln!(
            "{} sentences in {secs:.3} s: {:.0} sentences/s",
            v.len(),
            v.len() as f64 / secs
        );
    }
    #[cfg(not(feature = "semantic"))]
    eprintln!("build with --features semantic");
    Ok(())
}
