"""The Spark job at scale in local mode: wall time per stage, bytes
shuffled per document and peak memory, against the single-machine index on
the same corpus, in one run.

    python python/bench/spark_scale.py DOCS.jsonl --cli target/release/storysift \\
        [--master local[2]] [--partitions N] [--driver-memory 12g] [--out DIR] [--compare]

DOCS.jsonl holds ``{"id", "format", "content"}`` lines (the scale corpora of
``scripts/scale.sh``). The single-machine figure is ``storysift index DOCS``
(wall time and peak RSS from ``/usr/bin/time``). The Spark job reads the
file with ``textFile``, runs ``storysift.spark.sift_rdd`` and writes its
documents and stories as JSONL under ``--out``; its stages are timed with
``on_stage``, the bytes each shuffle writes are summed from Spark's event
log, and its peak memory is the largest sum, sampled every half second,
of the memory of this process and all its descendants (the JVM and
its Python workers; proportional set sizes, so that pages the processes
share count once). ``--compare`` also sifts the corpus in this process
with ``storysift.sift`` and counts the documents and stories whose answer
differs from the job's.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

import storysift
from storysift.spark import sift_rdd


def tree_pss(root):
    """Proportional set size in bytes of `root` and all its descendants
    (Linux /proc): pages shared between processes (the Python workers
    Spark forks) are counted once in all, not once per process."""
    children = {}
    for stat in glob.glob("/proc/[0-9]*/stat"):
        try:
            with open(stat) as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.split("/")[2]))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
                        break
        except OSError:
            pass
    return total


class Peak(threading.Thread):
    """Samples `tree_pss` of this process until stopped; keeps the peak."""

    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self.stopped = 0, threading.Event()

    def run(self):
        while not self.stopped.wait(0.5):
            self.peak = max(self.peak, tree_pss(os.getpid()))


def task_totals(log_dir, windows):
    """Per stage window (name, start, end in epoch seconds): the bytes its
    shuffles wrote, its tasks' run time in seconds (task-seconds: what
    more executors divide) and its longest task's (what they do not: in
    stage 5, the largest part sifted), from the event log's task-end
    events."""
    out = {name: [0, 0.0, 0.0] for name, _, _ in windows}
    for folder, _, files in os.walk(log_dir):
        for name in files:
            if name.startswith("."):
                continue
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for line in f:
                    if '"SparkListenerTaskEnd"' not in line:
                        continue
                    e = json.loads(line)
                    metrics = e.get("Task Metrics") or {}
                    written = metrics.get("Shuffle Write Metrics", {}).get("Shuffle Bytes Written", 0)
                    end = e["Task Info"]["Finish Time"] / 1000
                    for stage, start, stop in windows:
                        if start <= end <= stop:
                            out[stage][0] += written
                            run = metrics.get("Executor Run Time", 0) / 1000
                            out[stage][1] += run
                            out[stage][2] = max(out[stage][2], run)
                            break
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("docs")
    ap.add_argument("--cli", required=True, help="the storysift command (built with --features cli, release)")
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--partitions", type=int, default=None, help="input and shuffle partitions (default: 1 per 25 MB)")
    ap.add_argument("--driver-memory", default="12g")
    ap.add_argument("--out", default=None, help="where the job writes its JSONL (default: a temporary folder)")
    ap.add_argument("--cap", type=int, default=256, help="sift_rdd's cap (shingle keys)")
    ap.add_argument("--term-cap", type=int, default=256, help="sift_rdd's term_cap")
    ap.add_argument("--compare", action="store_true", help="also sift on one machine and compare the answers")
    args = ap.parse_args()
    size = os.path.getsize(args.docs)
    with open(args.docs, "rb") as f:
        n_docs = sum(1 for _ in f)
    parts = args.partitions or max(4, size // 25_000_000)

    t = time.perf_counter()
    timed = subprocess.run(
        ["/usr/bin/time", "-f", "%M", args.cli, "index", args.docs],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        check=True,
    )
    one_wall = time.perf_counter() - t
    one_rss = int(timed.stderr.strip().splitlines()[-1]) * 1024
    print(f"{n_docs} documents, {size / 1e6:.0f} MB; {parts} partitions; cap {args.cap}, term_cap {args.term_cap}", flush=True)
    print(f"one machine, storysift index: {one_wall:.1f} s, peak RSS {one_rss / 1e6:.0f} MB", flush=True)

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    logs = tempfile.mkdtemp(prefix="storysift-events-")
    out = args.out or tempfile.mkdtemp(prefix="storysift-spark-")
    spark = (
        SparkSession.builder.master(args.master)
        .appName("storysift-scale")
        .config("spark.driver.memory", args.driver_memory)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.eventLog.enabled", "true")
        .config("spark.eventLog.compress", "false")
        .config("spark.eventLog.dir", logs)
        .config("spark.executorEnv.RAYON_NUM_THREADS", "1")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    peak = Peak()
    peak.start()
    windows = []
    clock = [time.time()]
    start = clock[0]

    def on_stage(name, seconds):
        now = time.time()
        windows.append((name, clock[0], now))
        clock[0] = now
        print(f"  stage {name}: {seconds:.1f} s", flush=True)

    docs = spark.sparkContext.textFile(args.docs, parts).map(json.loads)
    def on_parts(count, largest):
        print(f"  {count} parts; the largest hold {', '.join(map(str, largest))} documents", flush=True)

    documents, stories = sift_rdd(
        docs, partitions=parts, cap=args.cap, term_cap=args.term_cap, on_stage=on_stage, on_parts=on_parts
    )
    documents.map(lambda d: json.dumps(d, ensure_ascii=False)).saveAsTextFile(os.path.join(out, "documents"))
    stories.map(lambda s: json.dumps(s, ensure_ascii=False)).saveAsTextFile(os.path.join(out, "stories"))
    now = time.time()
    windows.append(("5 parts sifted, written", clock[0], now))
    print(f"  stage 5 parts sifted, written: {now - clock[0]:.1f} s", flush=True)
    wall = now - start
    peak.stopped.set()
    peak.join()
    spark.stop()
    by_stage = task_totals(logs, windows)
    print(f"spark {args.master}: {wall:.1f} s ({wall / one_wall:.1f}x the index), peak memory (PSS of the process tree) {peak.peak / 1e6:.0f} MB")
    total = sum(b for b, _, _ in by_stage.values())
    busy = sum(t for _, t, _ in by_stage.values())
    print(
        f"shuffle written: {total / n_docs / 1e3:.2f} KB per document ({total / 1e6:.0f} MB); "
        f"task time {busy:.0f} s ({busy / n_docs * 1e6:.0f} us per document)"
    )
    for name, (b, t, longest) in by_stage.items():
        print(
            f"  stage {name}: {b / n_docs / 1e3:.2f} KB and {t / n_docs * 1e6:.0f} task-us per document; "
            f"longest task {longest:.1f} s"
        )
    print(f"event log: {logs}")

    if args.compare:
        def read(kind):
            rows = []
            for path in sorted(glob.glob(os.path.join(out, kind, "part-*"))):
                with open(path, encoding="utf-8") as f:
                    rows += [json.loads(line) for line in f]
            return rows

        with open(args.docs, encoding="utf-8") as f:
            whole = storysift.sift([json.loads(line) for line in f])
        key = {s["id"]: s["key"] for s in whole["stories"]}
        for d in whole["documents"]:
            d["story"] = key[d["story"]]
        for s in whole["stories"]:
            s["id"] = s["key"]
        mine = {d["id"]: d for d in read("documents")}
        docs_differ = sum(1 for d in whole["documents"] if mine.get(d["id"]) != d)
        canon = lambda s: json.dumps(s, sort_keys=True)  # noqa: E731
        job = {canon(s) for s in read("stories")}
        stories_differ = sum(1 for s in whole["stories"] if canon(s) not in job)
        print(
            f"compared with storysift.sift: {docs_differ} of {len(whole['documents'])} documents and "
            f"{stories_differ} of {len(whole['stories'])} stories differ"
        )


if __name__ == "__main__":
    main()
