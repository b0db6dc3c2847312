#!/usr/bin/env bash
# Scale runs: the generator's scale corpora (10k, 100k, 1M documents, about
# 5 KB each, half HTML) streamed through `sift --jsonl DOCS --index
# --summary` on all cores; wall time, docs/s, MB/s and peak RSS per size.
#   scripts/scale.sh [SHARED_DIR] [SIZES...]   (default ../shared 10000 100000 1000000)
# Corpora are generated once into ${TMPDIR:-/tmp}/storysift-scale (1M: about
# 4.8 GB and half an hour of one core for the generator).
set -euo pipefail
shared=${1:-../shared}
shift || true
sizes=${*:-10000 100000 1000000}
out=${TMPDIR:-/tmp}/storysift-scale
mkdir -p "$out"
cargo build --release --features cli --bin storysift
for n in $sizes; do
  dir=$out/s$n
  if [ ! -s "$dir/docs.jsonl" ]; then
    python3 "$shared/tools/synth_corpus.py" --base "$shared/data/article-extraction-benchmark/ground-truth.json" \
      --out "$dir" --stories 1000 --outlets-per-story 2:8 --seed 7 --scale-docs "$n" --no-truth > /dev/null
  fi
  echo "== $n documents ($(du -m "$dir/docs.jsonl" | cut -f1) MB of JSONL)"
  /usr/bin/time -f "wall %e s, peak RSS %M KB, CPU %P" target/release/storysift index "$dir/docs.jsonl" > /dev/null
done
