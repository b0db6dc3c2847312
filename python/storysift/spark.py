"""storysift on Apache Spark: a corpus cut into parts that no story crosses,
each part sifted on an executor with the corpus's statistics, so that the
answer is the one ``storysift.sift`` gives over the whole corpus on one
machine.

    from pyspark.sql import SparkSession
    from storysift.spark import sift_rdd

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    docs = spark.sparkContext.parallelize(
        [{"id": "a", "content": "...", "format": "text"}, ...])
    documents, stories = sift_rdd(docs)
    stories.map(json.dumps).saveAsTextFile("stories")

The stages (see DESIGN.md, "Distributed sifting"):

1. per document: its share of the document frequencies and the hashes of
   its paragraph texts; one reduce (``CorpusStats.merge``), broadcast;
2. per document: its blocking keys under those frequencies; documents
   grouped by key (a key held by more than ``cap`` documents pairs each of
   them with its first few only),
   the pairs so found checked (``DocumentKeys.linked``), connected
   components by label propagation: the parts;
3. paragraph texts held by two or more parts (a group-by), added to the
   statistics;
4. per part: its story frequencies and template judgments; one reduce,
   broadcast;
5. per part: ``sift_part``, the documents and stories of that part.

Every document of the input comes out in ``documents`` (with its
``error`` when it was refused) and in exactly one story.
"""

import json

import storysift

__all__ = ["sift_rdd", "sift_dataframe"]


def _settings(settings):
    unknown = set(settings) - set(storysift.SETTINGS)
    if unknown:
        raise TypeError(f"unknown settings: {sorted(unknown)}")
    return dict(settings)


def _merge(a, b):
    a.merge(b)
    return a


def _pairs(members, cap):
    """The pairs of a key's documents: all of them up to `cap` documents;
    above, each document with the first few (linear, as the batch pairs
    an oversized bucket through pivots): a story whose only shared keys
    are common ones stays connected through its earliest documents."""
    members = sorted(set(members))
    if len(members) > cap:
        for b in members[PIVOTS:]:
            for a in members[:PIVOTS]:
                yield (a, b)
        return
    for i, a in enumerate(members):
        for b in members[i + 1:]:
            yield (a, b)


# Documents of an oversized key that every other document is paired with.
PIVOTS = 4


def _components_here(nodes, edges):
    """Connected components of a graph small enough for the driver
    (union-find): (node, smallest node of its component) pairs."""
    parent = {v: v for v in nodes}

    def root(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v

    for a, b in edges:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [(v, root(v)) for v in nodes]


def _components(nodes, edges, max_rounds, n):
    """Connected components by min-label propagation: (node, label) pairs,
    the label being the smallest node of the component. Each round sends
    every node's label to its neighbours and keeps the smallest; the
    rounds stop when no label changes (at most the components' diameter
    plus one). Each round's labels are checkpointed locally, so the
    lineage does not grow with the rounds."""
    both = edges.flatMap(lambda e: [(e[0], e[1]), (e[1], e[0])]).partitionBy(n).cache()
    labels = nodes.map(lambda v: (v, v)).partitionBy(n).cache()
    for _ in range(max_rounds):
        proposed = both.join(labels, n).map(lambda x: (x[1][0], x[1][1]))
        new = labels.union(proposed).reduceByKey(min, n)
        new.localCheckpoint()
        changed = new.join(labels, n).filter(lambda x: x[1][0] != x[1][1]).count()
        labels.unpersist()
        labels = new
        if changed == 0:
            return labels
    raise RuntimeError(f"components did not settle in {max_rounds} rounds")


def sift_rdd(docs, *, cap=256, max_rounds=64, partitions=None, collect_edges=2_000_000, **settings):
    """Sifts an RDD of documents (dicts with ``id`` and ``content``, and
    optionally ``format``, ``charset``, ``outlet``), in the RDD's order.

    Returns ``(documents, stories)``: RDDs of the dicts ``storysift.sift``
    returns in its ``documents`` and ``stories``, except that a document's
    ``story`` and a story's ``id`` are the story's ``key`` (its earliest
    document), which is the same whatever part it was sifted in.
    ``settings`` are those of ``storysift.sift`` and go to every stage;
    ``cap`` is the largest group of documents under one key that is paired
    up in full (a larger one is paired through its first documents); ``partitions`` the partitions of every shuffle (default: the
    input's, or the default parallelism if larger). Up to
    ``collect_edges`` linked pairs, the parts are found on the driver
    (union-find); above, by label propagation on the cluster.
    """
    settings = _settings(settings)
    sc = docs.context
    n = partitions or max(docs.getNumPartitions(), sc.defaultParallelism)
    repeated = docs.map(lambda d: (d["id"], 1)).reduceByKey(lambda a, b: a + b, n).filter(lambda x: x[1] > 1)
    for doc_id, _ in repeated.take(1):
        raise storysift.StorysiftError(f"duplicate document id {doc_id!r}")
    indexed = docs.zipWithIndex().map(lambda x: (x[1], x[0])).cache()

    # 1. Document frequencies and paragraph texts.
    def stats_of(item):
        pos, doc = item
        try:
            stats, texts = storysift.document_stats(doc, **settings)
        except storysift.StorysiftError:
            # A refused document (too large, not text) has no paragraphs;
            # its part reports the error.
            stats, texts = storysift.CorpusStats(), []
        return pos, stats, texts

    first = indexed.map(stats_of).cache()
    stats = first.map(lambda x: x[1]).treeReduce(_merge) if not first.isEmpty() else storysift.CorpusStats()
    b_stats = sc.broadcast(stats)

    # 2. Blocking keys, checked pairs, parts.
    def keys_of(item):
        pos, doc = item
        try:
            return pos, storysift.document_keys(doc, b_stats.value, **settings)
        except storysift.StorysiftError:
            return pos, storysift.DocumentKeys()

    keys = indexed.map(keys_of).cache()
    # Documents with the same keys (verbatim copies: most of a syndicated
    # corpus) are linked to the first of them and only that one is paired
    # up by key: a story of 50 copies would make 1,225 pairs per key.
    same = (
        keys.filter(lambda x: len(x[1].copy) >= 2)
        .map(lambda x: ((tuple(x[1].copy), tuple(x[1].terms)), x[0]))
        .groupByKey(n)
        .map(lambda kv: sorted(kv[1]))
        .cache()
    )
    copies = same.flatMap(lambda m: ((m[0], b) for b in m[1:]))
    later = same.flatMap(lambda m: ((b, None) for b in m[1:]))
    firsts = keys.subtractByKey(later, n)
    # Pairs sharing at least two keys of a kind: `linked` needs two copy
    # keys, and the batch's lexical candidates share two heavy terms.
    buckets = firsts.flatMap(
        lambda x: [((0, k), x[0]) for k in x[1].copy] + [((1, t), x[0]) for t in x[1].terms]
    ).groupByKey(n)
    pairs = (
        buckets.map(lambda kv: (kv[0][0], list(kv[1])))
        .filter(lambda m: len(m[1]) > 1)
        .flatMap(lambda m: (((m[0], a, b), 1) for a, b in _pairs(m[1], cap)))
        .reduceByKey(lambda a, b: a + b, n)
        .filter(lambda x: x[1] >= 2)
        .map(lambda x: (x[0][1], x[0][2]))
        .distinct(n)
    )
    edges = (
        pairs.join(keys, n)
        .map(lambda x: (x[1][0], (x[0], x[1][1])))
        .join(keys, n)
        .filter(lambda x: x[1][0][1].linked(x[1][1]))
        .map(lambda x: (x[1][0][0], x[0]))
        .union(copies)
    ).cache()
    if edges.count() <= collect_edges:
        part_of = sc.parallelize(_components_here(indexed.keys().collect(), edges.collect()), n)
    else:
        part_of = _components(indexed.keys(), edges, max_rounds, n)
    part_of = part_of.cache()

    # 3. Paragraph texts held by two or more parts.
    shared = (
        first.map(lambda x: (x[0], x[2]))
        .join(part_of, n)
        .flatMap(lambda x: [(t, x[1][1]) for t in x[1][0]])
        .distinct(n)
        .map(lambda x: (x[0], 1))
        .reduceByKey(lambda a, b: a + b, n)
        .filter(lambda x: x[1] > 1)
        .keys()
        .collect()
    )
    stats.add_shared_texts(shared)

    # 4. Story frequencies and judgments, part by part.
    parts = (
        indexed.join(part_of, n)
        .map(lambda x: (x[1][1], (x[0], x[1][0])))
        .groupByKey(n)
        .mapValues(lambda ds: [d for _, d in sorted(ds, key=lambda p: p[0])])
        .cache()
    )
    b_stats1 = sc.broadcast(stats)
    part_stats = parts.map(lambda p: storysift.part_stats(p[1], b_stats1.value, **settings))
    if not parts.isEmpty():
        stats.merge(part_stats.treeReduce(_merge))
    b_full = sc.broadcast(stats)

    # 5. Each part sifted.
    def sift_one(part):
        out = storysift.sift_part(part[1], b_full.value, **settings)
        key = {s["id"]: s["key"] for s in out["stories"]}
        for d in out["documents"]:
            d["story"] = key[d["story"]]
        for s in out["stories"]:
            s["id"] = s["key"]
        return [("d", d) for d in out["documents"]] + [("s", s) for s in out["stories"]]

    out = parts.flatMap(sift_one).cache()
    return out.filter(lambda x: x[0] == "d").values(), out.filter(lambda x: x[0] == "s").values()


def sift_dataframe(df, **kwargs):
    """``sift_rdd`` over a DataFrame with columns ``id`` and ``content``
    (and optionally ``format``, ``charset``, ``outlet``), in its order.
    Returns two RDDs of JSON strings: documents and stories."""
    docs = df.rdd.map(lambda r: {k: v for k, v in r.asDict().items() if v is not None})
    documents, stories = sift_rdd(docs, **kwargs)
    return documents.map(lambda d: json.dumps(d, ensure_ascii=False)), stories.map(
        lambda s: json.dumps(s, ensure_ascii=False)
    )
