//! Where results go: standard output or files in a folder (optionally
//! gzip or zstd compressed), and the progress bar.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Compression of files written to `--output-dir`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Compress {
    /// Plain files.
    None,
    /// gzip (`.gz`).
    Gzip,
    /// zstd (`.zst`).
    Zstd,
}

/// An output stream that must be finished (compressors write their end).
pub enum Output {
    Stdout(BufWriter<io::Stdout>),
    Plain(BufWriter<File>),
    Gzip(flate2::write::GzEncoder<BufWriter<File>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<File>>),
}

impl Output {
    /// Standard output, or `dir/name` (+ `.gz`/`.zst`), the folder created.
    pub fn open(dir: Option<&Path>, name: &str, compress: Compress) -> io::Result<Output> {
        let Some(dir) = dir else {
            return Ok(Output::Stdout(BufWriter::with_capacity(
                1 << 20,
                io::stdout(),
            )));
        };
        std::fs::create_dir_all(dir)?;
        let path = dir.join(match compress {
            Compress::None => name.to_owned(),
            Compress::Gzip => format!("{name}.gz"),
            Compress::Zstd => format!("{name}.zst"),
        });
        let file = BufWriter::with_capacity(1 << 20, File::create(&path)?);
        Ok(match compress {
            Compress::None => Output::Plain(file),
            Compress::Gzip => Output::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )),
            Compress::Zstd => Output::Zstd(zstd::stream::write::Encoder::new(file, 3)?),
        })
    }

    /// Flushes everything, compressor trailers included.
    pub fn finish(self) -> io::Result<()> {
        match self {
            Output::Stdout(mut w) => w.flush(),
            Output::Plain(mut w) => w.flush(),
            Output::Gzip(w) => w.finish()?.flush(),
            Output::Zstd(w) => w.finish()?.flush(),
        }
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Output::Stdout(w) => w.write(buf),
            Output::Plain(w) => w.write(buf),
            Output::Gzip(w) => w.write(buf),
            Output::Zstd(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Plain(w) => w.flush(),
            Output::Gzip(w) => w.flush(),
            Output::Zstd(w) => w.flush(),
        }
    }
}

/// A file, decompressed when its bytes start with a gzip or zstd header.
pub fn open_maybe_compressed(path: &Path) -> io::Result<Box<dyn Read>> {
    let mut r = BufReader::with_capacity(1 << 16, File::open(path)?);
    let head = r.fill_buf()?;
    Ok(if head.starts_with(&[0x1f, 0x8b]) {
        Box::new(flate2::bufread::MultiGzDecoder::new(r))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(zstd::stream::read::Decoder::with_buffer(r)?)
    } else {
        Box::new(r)
    })
}

/// Writes `path` through a temporary file beside it and renames it into
/// place, so a crash never leaves half a file; compressed when the name
/// ends in `.gz` or `.zst`.
pub fn save_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut tmp = PathBuf::from(path);
    tmp.as_mut_os_string().push(".tmp");
    let name = path.to_string_lossy().to_ascii_lowercase();
    let file = BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
    let done = if name.ends_with(".gz") {
        let mut w = flate2::write::GzEncoder::new(file, flate2::Compression::default());
        write(&mut w)?;
        w.finish()?.into_inner().map_err(|e| e.into_error())?
    } else if name.ends_with(".zst") {
        let mut w = zstd::stream::write::Encoder::new(file, 3)?;
        write(&mut w)?;
        w.finish()?.into_inner().map_err(|e| e.into_error())?
    } else {
        let mut w = file;
        write(&mut w)?;
        w.into_inner().map_err(|e| e.into_error())?
    };
    done.sync_all()?;
    std::fs::rename(&tmp, path)
}

/// A progress bar on standard error when it is a terminal: documents,
/// documents/s and input MB/s. Hidden otherwise.
pub struct Progress {
    bar: indicatif::ProgressBar,
    bytes: Arc<AtomicU64>,
    start: std::time::Instant,
}

impl Progress {
    pub fn new(quiet: bool, bytes: Arc<AtomicU64>) -> Progress {
        let bar = if quiet {
            indicatif::ProgressBar::hidden()
        } else {
            // `stderr()` draws only on a terminal.
            indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr())
        };
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} documents, {per_sec}, {msg} [{elapsed}]",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Progress {
            bar,
            bytes,
            start: std::time::Instant::now(),
        }
    }

    pub fn set(&self, docs: u64) {
        self.bar.set_position(docs);
        let secs = self.start.elapsed().as_secs_f64().max(1e-9);
        let mb = self.bytes.load(Ordering::Relaxed) as f64 / 1e6;
        self.bar.set_message(format!("{:.1} MB/s", mb / secs));
    }

    /// Prints a line above the bar (or plainly when it is hidden).
    pub fn println(&self, line: &str) {
        if self.bar.is_hidden() {
            eprintln!("{line}");
        } else {
            self.bar.println(line);
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
