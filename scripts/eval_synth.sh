#!/usr/bin/env bash
# Scores storysift on the labelled syndication corpora with the project's
# scorer: synth-dev (all documents, then text only, then HTML only), the
# corpora looked at while tuning (held5, held9, all13; see README), held21
# (only its aggregate scores were watched), held33 (run once, at the end
# of the first session) and held57 (generated and run once in the second
# session, after its quality changes); held77, h101, h202 and a303 (fourth
# session: held77 showed false lexical merges and was then looked at; the
# other three were generated to check the fix).
#   scripts/eval_synth.sh [SHARED_DIR]   (default ../shared)
set -euo pipefail
shared=${1:-../shared}
tools=$shared/tools
dev=$shared/data/synth-dev
out=${TMPDIR:-/tmp}/storysift-eval
mkdir -p "$out"
cargo build --release --features cli --bin storysift
sift="target/release/storysift sift --quiet --json"
score() { python3 "$tools/score_stories.py" "$1" "$2" | grep -E '^  (precision|recall|f1|leak_rate|ari|fact_recall|duplication_rate|redundant_token_share) ' | tr -s ' ' | tr '\n' ' '; echo; }

echo "== synth-dev, all documents"; $sift "$dev/docs" > "$out/dev.json"; score "$dev" "$out/dev.json"
for fmt in text html; do
  python3 scripts/subset_corpus.py "$dev" "$out/dev-$fmt" $fmt
  echo "== synth-dev, $fmt documents only"; $sift "$dev"/docs/*.$( [ $fmt = text ] && echo txt || echo html ) > "$out/dev-$fmt.json"; score "$out/dev-$fmt" "$out/dev-$fmt.json"
done
gen() { python3 "$tools/synth_corpus.py" --base "$shared/data/article-extraction-benchmark/ground-truth.json" --out "$out/$1" "${@:2}" > /dev/null 2>&1; }
gen held5 --stories 120 --outlets-per-story 1:9 --seed 5 --pool heldout
gen held9 --stories 120 --outlets-per-story 2:9 --seed 9 --pool heldout
gen all13 --stories 200 --outlets-per-story 1:9 --seed 13 --pool all
gen held21 --stories 120 --outlets-per-story 1:9 --seed 21 --pool heldout
gen held33 --stories 120 --outlets-per-story 1:9 --seed 33 --pool heldout
gen held57 --stories 120 --outlets-per-story 1:9 --seed 57 --pool heldout
gen held77 --stories 120 --outlets-per-story 1:9 --seed 77 --pool heldout
gen h101 --stories 120 --outlets-per-story 1:9 --seed 101 --pool heldout
gen h202 --stories 120 --outlets-per-story 1:9 --seed 202 --pool heldout
gen a303 --stories 200 --outlets-per-story 1:9 --seed 303 --pool all
for c in held5 held9 all13 held21 held33 held57 held77 h101 h202 a303; do
  echo "== $c"; $sift "$out/$c/docs" > "$out/$c.json"; score "$out/$c" "$out/$c.json"
done
