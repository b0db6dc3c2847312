#!/usr/bin/env bash
# Paragraph-pair near-duplicate detection on a labelled corpus's gold
# paragraphs: storysift's dedup stage (`storysift pairs --gold`) against MinHash-LSH
# (datasketch, word 3-gram shingles, 128 permutations, thresholds 0.5 and
# 0.7), in the same run, scored by `score_stories.py --pairs`.
#   scripts/pairs_vs_minhash.sh [SHARED_DIR] [CORPUS_DIR]
# (defaults ../shared and its synth-dev). The datasketch virtualenv is made
# under ${TMPDIR:-/tmp}/storysift-venv on first use.
set -euo pipefail
shared=${1:-../shared}
corpus=${2:-$shared/data/synth-dev}
out=${TMPDIR:-/tmp}/storysift-pairs
venv=${TMPDIR:-/tmp}/storysift-venv
mkdir -p "$out"
[ -x "$venv/bin/python" ] || { python3 -m venv "$venv" && "$venv/bin/pip" install -q datasketch; }
cargo build --release --features cli --bin storysift
score() { python3 "$shared/tools/score_stories.py" --pairs "$corpus" "$1" | grep -E '^  (precision|recall|f1) ' | tr -s ' ' | tr '\n' ' '; }
bytes=$(python3 -c 'import json,sys; t=json.load(open(sys.argv[1]))["documents"]; print(sum(len(p["text"].encode()) for d in t.values() for p in d["paragraphs"]))' "$corpus/truth.json")
start=$(date +%s.%N)
target/release/storysift pairs --gold "$corpus/truth.json" > "$out/storysift.json"
secs=$(python3 -c "import sys; print(max(float(sys.argv[2]) - float(sys.argv[1]), 1e-9))" "$start" "$(date +%s.%N)")
echo "storysift (whole process)   $(score "$out/storysift.json") seconds $secs MB/s $(python3 -c "print(round($bytes/1e6/$secs, 1))")"
"$venv/bin/python" - "$corpus/truth.json" "$out" "$bytes" <<'PY'
import json, re, sys, time
from datasketch import MinHash, MinHashLSH
truth = json.load(open(sys.argv[1]))["documents"]
out, nbytes = sys.argv[2], int(sys.argv[3])
paras = [(d, i, p["text"]) for d, doc in truth.items() for i, p in enumerate(doc["paragraphs"])]
for threshold in (0.5, 0.7):
    t = time.perf_counter()
    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    sigs = []
    for k, (d, i, text) in enumerate(paras):
        w = re.findall(r"\w+", text.lower())
        grams = {" ".join(w[j:j + 3]) for j in range(max(1, len(w) - 2))}
        m = MinHash(num_perm=128)
        for g in grams:
            m.update(g.encode())
        lsh.insert(k, m)
        sigs.append(m)
    pairs = set()
    for k, m in enumerate(sigs):
        for o in lsh.query(m):
            if o > k and paras[o][0] != paras[k][0]:
                pairs.add((k, o))
    secs = time.perf_counter() - t
    res = [[[paras[a][0], paras[a][1]], [paras[b][0], paras[b][1]]] for a, b in sorted(pairs)]
    json.dump(res, open(f"{out}/minhash-{threshold}.json", "w"))
    print(f"minhash-lsh t={threshold}", f"seconds {secs:.2f} MB/s {nbytes / 1e6 / secs:.2f}", flush=True)
PY
for t in 0.5 0.7; do echo "minhash-lsh t=$t scores: $(score "$out/minhash-$t.json")"; done
