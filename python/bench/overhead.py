"""The binding's overhead: the same JSONL corpus through the ``storysift``
command and through the Python package, in one run.

    python python/bench/overhead.py DOCS.jsonl --cli target/release/storysift [--runs 3]

DOCS.jsonl holds ``{"id", "format", "content"}`` lines (the scale corpora of
``scripts/scale.sh``). Timed: ``storysift sift --json`` and ``storysift
index`` (reading the file, writing JSON to /dev/null) against
``storysift.sift(docs)`` and ``Index.add_all`` in chunks of 4,096 (the
documents already in memory as dicts; the answers converted to Python
objects, held until the clock stops: freeing them is the caller's, as
reading the command's JSON would be). Prints the median wall time of each
and the ratio.
"""

import argparse
import json
import statistics
import subprocess
import time

import storysift


def timed(fn):
    """Seconds until `fn` returns; its result is freed after the clock stops."""
    t = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - t
    del result
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs")
    ap.add_argument("--cli", required=True, help="the storysift command (built with --features cli, release)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    with open(args.docs, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    mb = sum(len(d["content"].encode("utf-8")) for d in docs) / 1e6

    def cli(mode):
        extra = ["--json"] if mode == "sift" else []
        subprocess.run([args.cli, mode, "-q", *extra, args.docs], check=True, stdout=subprocess.DEVNULL)

    def py_index():
        index = storysift.Index()
        return [index.add_all(docs[i:i + 4096]) for i in range(0, len(docs), 4096)]

    print(f"{len(docs)} documents, {mb:.1f} MB of content, median of {args.runs} runs")
    for name, a, b in [
        ("sift", lambda: cli("sift"), lambda: storysift.sift(docs)),
        ("index", lambda: cli("index"), py_index),
    ]:
        # Interleaved, so both see the same machine.
        ta, tb = [], []
        for _ in range(args.runs):
            ta.append(timed(a))
            tb.append(timed(b))
        ma, mb_ = statistics.median(ta), statistics.median(tb)
        print(f"{name:6} command {ma:6.2f} s  python {mb_:6.2f} s  python/command {mb_ / ma:.3f}"
              f"  (command {', '.join(f'{t:.2f}' for t in ta)}; python {', '.join(f'{t:.2f}' for t in tb)})")


if __name__ == "__main__":
    main()
