#!/usr/bin/env bash
# Scores storysift's HTML cleaner on the article-extraction benchmark's
# 181 real pages, and on the WCXB development split when it is there,
# with the project's scorer.
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

# The WCXB development split (1,337 pages of seven page types from other
# sites, CC-BY-4.0): all pages, then the 709 article pages.
wcxb=$shared/data/wcxb-dev
if [ -d "$wcxb/html" ]; then
  mkdir -p "$out/wcxb"
  for f in "$wcxb"/html/*.html.gz; do
    b=$(basename "$f" .gz)
    [ -f "$out/wcxb/$b" ] || gunzip -c "$f" > "$out/wcxb/$b"
  done
  target/release/storysift clean --quiet --article-bodies "$out/wcxb" > "$out/wcxb.json"
  echo "== WCXB-dev, all pages"
  python3 "$shared/tools/score_extraction.py" scrapinghub "$out/wcxb.json" --data "$wcxb/ground-truth.json"
  python3 - "$out/wcxb.json" "$wcxb/ground-truth-article.json" "$out/wcxb-article.json" <<'PY'
import json, sys
pred, gold, out = sys.argv[1:4]
ids = set(json.load(open(gold)))
json.dump({k: v for k, v in json.load(open(pred)).items() if k in ids}, open(out, "w"))
PY
  echo "== WCXB-dev, article pages"
  python3 "$shared/tools/score_extraction.py" scrapinghub "$out/wcxb-article.json" --data "$wcxb/ground-truth-article.json"
fi
