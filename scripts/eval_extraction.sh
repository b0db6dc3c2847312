#!/usr/bin/env bash
# Scores storysift's HTML cleaner on the article-extraction benchmark's
# 181 real pages with the project's scorer.
#   scripts/eval_extraction.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
shared=${1:-../shared}
bench=$shared/data/article-extraction-benchmark
out=${TMPDIR:-/tmp}/storysift-aeb
mkdir -p "$out/html"
for f in "$bench"/html/*.html.gz; do
  b=$(basename "$f" .gz)
  [ -f "$out/html/$b" ] || gunzip -c "$f" > "$out/html/$b"
done
cargo build --release --features cli --bin storysift
target/release/storysift clean --quiet --article-bodies "$out/html" > "$out/pred.json"
python3 "$shared/tools/score_extraction.py" scrapinghub "$out/pred.json"
