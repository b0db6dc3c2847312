//! Sentence embeddings from the command line (feature `semantic`): prints
//! the cosine of every pair of the given sentences and the encoder's
//! sentences per second on this thread.
//!
//!     cargo run --release --features semantic --example encode -- MODEL_DIR "sentence one" "sentence two" ...

fn main() -> Result<(), Box<dyn std::error::Error>> {
    #[cfg(feature = "semantic")]
    {
        let mut args = std::env::args().skip(1);
        let dir = args.next().ok_or("usage: encode MODEL_DIR SENTENCE...")?;
        let sentences: Vec<String> = args.collect();
        let encoder = storysift::SentenceEncoder::from_dir(&dir)?;
        let refs: Vec<&str> = sentences.iter().map(String::as_str).collect();
        let start = std::time::Instant::now();
        let v = encoder.encode(&refs)?;
        let secs = start.elapsed().as_secs_f64();
        for i in 0..v.len() {
            for j in i + 1..v.len() {
                let cos: f32 = v[i].iter().zip(&v[j]).map(|(a, b)| a * b).sum();
                println!("{cos:.3}  {:?} ~ {:?}", refs[i], refs[j]);
            }
        }
        eprintln!("{} sentences in {secs:.3} s", v.len());
    }
    #[cfg(not(feature = "semantic"))]
    eprintln!("build with --features semantic");
    Ok(())
}
