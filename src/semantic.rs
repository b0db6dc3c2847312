//! Sentence embeddings for the statement stage (feature `semantic`).
//!
//! A BERT-family sentence encoder (all-MiniLM-L6-v2 and its kin) run with
//! `candle` on the CPU: BERT's uncased WordPiece tokenisation, the
//! transformer, mean pooling over the tokens, L2 normalisation. Loaded from
//! a directory holding `model.safetensors`, `config.json` and
//! `tokenizer.json` (a sentence-transformers model folder).
//!
//! storysift asks it one question: does a kept sentence of the story say
//! what this sentence says? Only for sentences that share a content term
//! with a kept one (lexical candidates), and a yes still needs every number
//! of the sentence in the kept one. See DESIGN.md, "Statements".

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, Result};

/// Tokens per sentence, [CLS] and [SEP] included (the model's tokenizer
/// truncates at 128).
const MAX_TOKENS: usize = 128;
/// Sentences per forward pass.
const BATCH: usize = 32;

/// A sentence encoder: text in, unit-length vector out.
///
/// # Examples
///
/// ```no_run
/// use storysift::{SentenceEncoder, Sifter};
///
/// // A sentence-transformers model folder, e.g. all-MiniLM-L6-v2.
/// let encoder = SentenceEncoder::from_dir("models/all-MiniLM-L6-v2")?;
/// let v = encoder.encode(&["The bridge was closed.", "Engineers shut the bridge."])?;
/// let cos: f32 = v[0].iter().zip(&v[1]).map(|(a, b)| a * b).sum();
/// assert!(cos > 0.5);
///
/// // Statement dedup then also drops sentences the model finds restated.
/// let sifter = Sifter::builder().sentence_encoder(encoder).build()?;
/// # let _ = sifter;
/// # Ok::<(), storysift::Error>(())
/// ```
pub struct SentenceEncoder {
    model: BertModel,
    vocab: HashMap<String, u32>,
    unk: u32,
    cls: u32,
    sep: u32,
    lowercase: bool,
    max_chars_per_word: usize,
    dim: usize,
}

impl fmt::Debug for SentenceEncoder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SentenceEncoder")
            .field("vocab", &self.vocab.len())
            .field("dim", &self.dim)
            .finish_non_exhaustive()
    }
}

fn model_error(path: &Path, reason: impl fmt::Display) -> Error {
    Error::Model {
        path: path.display().to_string(),
        reason: reason.to_string(),
    }
}

impl SentenceEncoder {
    /// Loads a model folder: `config.json` (a BERT config),
    /// `tokenizer.json` (a WordPiece tokenizer) and `model.safetensors`.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] when a file is missing or unreadable, or is not
    /// what a BERT sentence encoder needs.
    pub fn from_dir(dir: impl AsRef<Path>) -> Result<SentenceEncoder> {
        let dir = dir.as_ref();
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| model_error(&p, e))
        };
        let config_path = dir.join("config.json");
        let config: Config = serde_json::from_slice(&read("config.json")?)
            .map_err(|e| model_error(&config_path, e))?;
        let tok_path = dir.join("tokenizer.json");
        let tok: serde_json::Value = serde_json::from_slice(&read("tokenizer.json")?)
            .map_err(|e| model_error(&tok_path, e))?;
        let model = &tok["model"];
        if model["type"].as_str() != Some("WordPiece") {
            return Err(model_error(&tok_path, "not a WordPiece tokenizer"));
        }
        let vocab: HashMap<String, u32> = model["vocab"]
            .as_object()
            .ok_or_else(|| model_error(&tok_path, "no vocabulary"))?
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), u32::try_from(v.as_u64()?).ok()?)))
            .collect();
        let id = |t: &str| {
            vocab
                .get(t)
                .copied()
                .ok_or_else(|| model_error(&tok_path, format!("no {t} token")))
        };
        let (unk, cls, sep) = (id("[UNK]")?, id("[CLS]")?, id("[SEP]")?);
        let lowercase = tok["normalizer"]["lowercase"].as_bool().unwrap_or(true);
        let max_chars_per_word = model["max_input_chars_per_word"].as_u64().unwrap_or(100) as usize;
        let weights_path = dir.join("model.safetensors");
        let vb = VarBuilder::from_buffered_safetensors(
            read("model.safetensors")?,
            DType::F32,
            &Device::Cpu,
        )
        .map_err(|e| model_error(&weights_path, e))?;
        let dim = config.hidden_size;
        let model = BertModel::load(vb, &config).map_err(|e| model_error(&weights_path, e))?;
        Ok(SentenceEncoder {
            model,
            vocab,
            unk,
            cls,
            sep,
            lowercase,
            max_chars_per_word,
            dim,
        })
    }

    /// The length of the vectors.
    pub fn dimension(&self) -> usize {
        self.dim
    }

    /// Unit-length embeddings of `texts`, in order.
    ///
    /// # Errors
    ///
    /// [`Error::Model`] if the model fails to run (it does not on valid
    /// weights; any text is accepted).
    pub fn encode(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        // Batches of similar length: little padding to compute on.
        let ids: Vec<Vec<u32>> = texts.iter().map(|t| self.tokenize(t)).collect();
        let mut order: Vec<usize> = (0..ids.len()).collect();
        order.sort_by_key(|&i| (ids[i].len(), i));
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); ids.len()];
        for chunk in order.chunks(BATCH) {
            let batch: Vec<&[u32]> = chunk.iter().map(|&i| ids[i].as_slice()).collect();
            for (&i, v) in chunk.iter().zip(self.encode_batch(&batch)?) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    fn encode_batch(&self, ids: &[&[u32]]) -> Result<Vec<Vec<f32>>> {
        let err = |e: candle_core::Error| Error::Model {
            path: String::new(),
            reason: e.to_string(),
        };
        let len = ids.iter().map(|r| r.len()).max().unwrap_or(2);
        let mut flat = Vec::with_capacity(ids.len() * len);
        let mut mask = Vec::with_capacity(ids.len() * len);
        for row in ids {
            flat.extend(row.iter().copied());
            flat.extend(std::iter::repeat_n(0u32, len - row.len()));
            mask.extend(std::iter::repeat_n(1u32, row.len()));
            mask.extend(std::iter::repeat_n(0u32, len - row.len()));
        }
        let shape = (ids.len(), len);
        let input = Tensor::from_vec(flat, shape, &Device::Cpu).map_err(err)?;
        let mask_t = Tensor::from_vec(mask, shape, &Device::Cpu).map_err(err)?;
        let types = input.zeros_like().map_err(err)?;
        let hidden = self
            .model
            .forward(&input, &types, Some(&mask_t))
            .map_err(err)?;
        // Mean over the real tokens, then unit length.
        let m = mask_t
            .to_dtype(DType::F32)
            .and_then(|m| m.unsqueeze(2))
            .map_err(err)?;
        let summed = hidden
            .broadcast_mul(&m)
            .and_then(|h| h.sum(1))
            .map_err(err)?;
        let counts = m.sum(1).map_err(err)?;
        let mean = summed.broadcast_div(&counts).map_err(err)?;
        let rows: Vec<Vec<f32>> = mean.to_vec2().map_err(err)?;
        Ok(rows
            .into_iter()
            .map(|mut v| {
                let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                if n > 0.0 {
                    v.iter_mut().for_each(|x| *x /= n);
                }
                v
            })
            .collect())
    }

    /// BERT's tokenisation: normalise (lower case, accents stripped,
    /// control characters dropped, CJK characters split off), split on
    /// whitespace and punctuation, then greedy longest-match WordPiece.
    fn tokenize(&self, text: &str) -> Vec<u32> {
        let mut norm = String::with_capacity(text.len());
        for c in text.chars() {
            if c == '\0' || c == '\u{fffd}' || (c.is_control() && !c.is_whitespace()) {
                continue;
            }
            if is_cjk(c) {
                norm.push(' ');
                norm.push(c);
                norm.push(' ');
            } else if c.is_whitespace() {
                norm.push(' ');
            } else {
                norm.push(c);
            }
        }
        let norm: String = if self.lowercase {
            norm.to_lowercase()
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .collect()
        } else {
            norm
        };
        let mut out = vec![self.cls];
        let mut piece = String::new();
        'words: for word in norm.split(' ').filter(|w| !w.is_empty()) {
            // Punctuation characters are words of their own.
            let mut start = 0;
            let mut parts: Vec<&str> = Vec::new();
            for (i, c) in word.char_indices() {
                if is_punctuation(c) {
                    if start < i {
                        parts.push(&word[start..i]);
                    }
                    parts.push(&word[i..i + c.len_utf8()]);
                    start = i + c.len_utf8();
                }
            }
            if start < word.len() {
                parts.push(&word[start..]);
            }
            for part in parts {
                if out.len() >= MAX_TOKENS - 1 {
                    break 'words;
                }
                if part.chars().count() > self.max_chars_per_word {
                    out.push(self.unk);
                    continue;
                }
                let mut pieces = Vec::new();
                let mut at = 0;
                let mut ok = true;
                while at < part.len() {
                    let mut end = part.len();
                    let mut found = None;
                    while end > at {
                        if part.is_char_boundary(end) {
                            piece.clear();
                            if at > 0 {
                                piece.push_str("##");
                            }
                            piece.push_str(&part[at..end]);
                            if let Some(&id) = self.vocab.get(piece.as_str()) {
                                found = Some(id);
                                break;
                            }
                        }
                        end -= 1;
                    }
                    match found {
                        Some(id) => {
                            pieces.push(id);
                            at = end;
                        }
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    let room = MAX_TOKENS - 1 - out.len();
                    out.extend(pieces.into_iter().take(room));
                } else {
                    out.push(self.unk);
                }
            }
        }
        out.push(self.sep);
        out
    }
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace() && !is_cjk(c))
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B820..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// Cosine of two unit vectors.
pub(crate) fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
