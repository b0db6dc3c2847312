"""The Spark job in local mode gives what ``storysift.sift`` gives on one
machine. Needs PySpark and a Java runtime (CI installs both); without them
the tests are skipped and say why."""

import json
import os
import sys

import pytest

import storysift
from conftest import unavailable


@pytest.fixture(scope="module")
def sc():
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        unavailable("PySpark is not installed: the Spark job's tests did not run")
    # The workers run this interpreter (the one storysift is installed in).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    try:
        spark = (
            SparkSession.builder.master("local[2]")
            .appName("storysift-tests")
            .config("spark.pyspark.python", sys.executable)
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.executorEnv.RAYON_NUM_THREADS", "1")
            .getOrCreate()
        )
    except Exception as e:  # no Java runtime
        unavailable(f"Spark did not start: {e}")
    spark.sparkContext.setLogLevel("ERROR")
    yield spark.sparkContext
    spark.stop()


def keyed(out):
    """`sift`'s answer with stories named by key, as the Spark job names them."""
    key = {s["id"]: s["key"] for s in out["stories"]}
    docs = [dict(d, story=key[d["story"]]) for d in out["documents"]]
    stories = [dict(s, id=s["key"]) for s in out["stories"]]
    return docs, stories


def canon(items):
    return sorted(json.dumps(x, sort_keys=True, ensure_ascii=False) for x in items)


def run(sc, docs, **kw):
    from storysift.spark import sift_rdd

    documents, stories = sift_rdd(sc.parallelize(docs, 4), **kw)
    return documents.collect(), stories.collect()


@pytest.mark.parametrize("corpus", ["seeds", "stories_dev"])
def test_same_answer_as_one_machine(sc, corpus, request):
    docs = request.getfixturevalue(corpus)
    got_docs, got_stories = run(sc, docs)
    want_docs, want_stories = keyed(storysift.sift(docs))
    assert canon(got_docs) == canon(want_docs)
    assert canon(got_stories) == canon(want_stories)


def test_every_document_is_accounted_for(sc, seeds):
    listing = {
        "id": "listing",
        "format": "html",
        "content": "<html><body><main><h1>Latest news</h1><ul>"
        + "".join(f'<li><a href="/n/{i}">Headline number {i} about the day</a></li>' for i in range(30))
        + "</ul></main></body></html>",
    }
    big = {"id": "big", "format": "text", "content": "word " * 5000}
    docs = seeds + [listing, big]
    got_docs, got_stories = run(sc, docs, max_document_bytes=20000)
    by_id = {d["id"]: d for d in got_docs}
    assert sorted(by_id) == sorted(d["id"] for d in docs)
    assert by_id["big"]["error"]["code"] == "too_large"
    in_stories = [d for s in got_stories for d in s["documents"]]
    assert sorted(in_stories) == sorted(by_id)
    want_docs, want_stories = keyed(storysift.sift(docs, max_document_bytes=20000))
    assert canon(got_docs) == canon(want_docs)
    assert canon(got_stories) == canon(want_stories)


def test_duplicate_ids_are_refused(sc, seeds):
    with pytest.raises(storysift.StorysiftError, match="duplicate"):
        run(sc, seeds + [seeds[0]])


def test_the_cluster_paths_give_the_same_answer(sc, stories_dev, monkeypatch):
    """The paths a large corpus takes, forced on a small one: parts by
    label propagation instead of union-find on the driver, every group of
    copies looked up through its documents, shingle keys paired through
    their first documents."""
    from storysift import spark

    monkeypatch.setattr(spark, "LARGE_GROUP", 1)
    parts = []
    got_docs, got_stories = run(
        sc, stories_dev, collect_edges=0, cap=2, on_parts=lambda count, largest: parts.append((count, largest))
    )
    want_docs, want_stories = keyed(storysift.sift(stories_dev))
    assert canon(got_docs) == canon(want_docs)
    assert canon(got_stories) == canon(want_stories)
    # No story crosses a part, so each part holds whole stories.
    [(count, largest)] = parts
    assert 1 <= count <= len(want_stories)
    assert largest == sorted(largest, reverse=True) and len(largest) == min(count, 10)
    assert largest[0] >= max(len(s["documents"]) for s in want_stories)
    assert sum(largest) <= len(stories_dev)


def test_caps_must_be_positive(sc, seeds):
    for bad in ({"cap": 0}, {"term_cap": -1}):
        with pytest.raises(ValueError, match="cap"):
            run(sc, seeds, **bad)
