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
cargo build --release --example sift
target/release/examples/sift --clean-only "$out/html" > "$out/clean.json"
python3 - "$out/clean.json" "$out/pred.json" <<'PY'
import json, sys
docs = json.load(open(sys.argv[1], encoding="utf-8"))["documents"]
json.dump({d["id"]: {"articleBody": "\n".join(d["paragraphs"])} for d in docs},
          open(sys.argv[2], "w", encoding="utf-8"))
PY
python3 "$shared/tools/score_extraction.py" scrapinghub "$out/pred.json"
